//! The site model: every reference resolved, every quote and mention located. Built from
//! the raw content by `resolve`, which records a diagnostic for whatever does not hold.
//! No I/O happens here.

pub mod approx;
pub mod articles;
pub mod events;
mod index;
pub mod layout;
pub mod mentions;
mod metadata;
mod placing;
mod publisher;
pub mod quote;
pub mod quote_help;
mod reading;
mod resolve;
mod slugs;
mod stances;
mod unparsed;
pub mod update;
pub mod updates;

use std::collections::BTreeMap;

pub use crate::content::front::{ActorKind, AnnotationKind, AuthorKind, StanceKind};
pub use crate::content::images::{Image, ImageSrc};
use crate::markdown::{BlockRange, Pos};
pub use index::Index;
pub use resolve::{normalize_base_url, resolve, resolve_with, valid_slug, valid_url};
pub use updates::Update;

/// The whole site, valid.
#[derive(Debug, Default, PartialEq)]
pub struct Site {
    /// `site.toml`'s title.
    pub title: String,
    /// `site.toml`'s description.
    pub description: Option<String>,
    /// The site's language, default "en".
    pub language: String,
    /// The absolute base URL, ending in `/`, when set.
    pub base_url: Option<String>,
    /// How long lists are cut into pages.
    pub layout: layout::Layout,
    /// The other hosts pages may load a picture from (`[images] allow`).
    pub image_hosts: Vec<String>,
    /// Who publishes the site (`[publisher]`), when `site.toml` says.
    pub publisher: Option<Publisher>,
    /// Whether its pages get share cards (`cards` of `site.toml`, default on).
    pub cards: bool,
    /// Articles by slug.
    pub articles: BTreeMap<String, Article>,
    /// Actors by slug.
    pub actors: BTreeMap<String, Actor>,
    /// Positions by slug.
    pub positions: BTreeMap<String, Position>,
    /// Annotations by name.
    pub annotations: BTreeMap<String, Annotation>,
    /// Events of the timeline by slug.
    pub events: BTreeMap<String, events::Event>,
    /// For each actor slug, the paragraphs that mention it, in article and paragraph order.
    pub mentions: BTreeMap<String, Vec<Mention>>,
    /// Lookups derived from the above, so that no page scans the whole site.
    pub index: Index,
}

/// The publisher of the site.
#[derive(Debug, Clone, PartialEq)]
pub struct Publisher {
    /// Its name.
    pub name: String,
    /// Its home page, when `[publisher]` gives one (else it is the site's base URL).
    pub url: Option<String>,
    /// Its logo.
    pub logo: Option<Image>,
}

/// The author of a fact-check.
#[derive(Debug, Clone, PartialEq)]
pub struct Author {
    /// Their name.
    pub name: String,
    /// A person or an organisation.
    pub kind: AuthorKind,
    /// Their page.
    pub url: Option<String>,
}

/// An `{ title, url }` link.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Link {
    /// What it is called.
    pub title: String,
    /// Where it goes.
    pub url: String,
}

/// An article and what was located in it.
#[derive(Debug, Clone, PartialEq)]
pub struct Article {
    /// Its slug.
    pub slug: String,
    /// The headline.
    pub title: String,
    /// `YYYY-MM-DD`.
    pub date: String,
    /// The standfirst.
    pub dek: Option<String>,
    /// The author.
    pub byline: Option<String>,
    /// The publication.
    pub source: Option<String>,
    /// Where the original is.
    pub source_url: Option<String>,
    /// The original's dateline.
    pub dateline: Option<String>,
    /// What the original's picture shows (shown as such when `image` is not given).
    pub picture: Option<String>,
    /// The picture shown at the top of the page (its credit is `image_credit` when it
    /// gives none).
    pub image: Option<Image>,
    /// The picture's caption.
    pub image_caption: Option<String>,
    /// Who made the original's picture, for an article without `image`.
    pub image_credit: Option<String>,
    /// The Markdown body.
    pub body: std::sync::Arc<str>,
    /// Its top-level blocks.
    pub blocks: Vec<BlockRange>,
    /// Annotated passages, in text order.
    pub marks: Vec<Mark>,
    /// Mentions to link, in text order.
    pub links: Vec<MentionLink>,
    /// Dated updates, newest first.
    pub updates: Vec<Update>,
}

/// An annotated passage in an article.
#[derive(Debug, Clone, PartialEq)]
pub struct Mark {
    /// The annotation's name.
    pub annotation: String,
    /// Where the passage starts.
    pub start: Pos,
    /// Where it ends.
    pub end: Pos,
    /// The paragraph number `N` of `pN`.
    pub paragraph: usize,
}

/// A mention to turn into a link.
#[derive(Debug, Clone, PartialEq)]
pub struct MentionLink {
    /// The actor mentioned.
    pub actor: std::sync::Arc<str>,
    /// Where the name starts.
    pub start: Pos,
    /// Where it ends.
    pub end: Pos,
}

/// A paragraph that mentions an actor.
#[derive(Debug, Clone, PartialEq)]
pub struct Mention {
    /// The article (shared, as the sentence is).
    pub article: std::sync::Arc<str>,
    /// The paragraph number `N` of `pN`.
    pub paragraph: usize,
    /// The sentence of the first mention in that paragraph (shared: a serve update
    /// copies the mentions of the actors an edit touches, thousands for some).
    pub sentence: std::sync::Arc<str>,
    /// The byte ranges of `sentence` struck through in the article (`~~…~~`), when it
    /// has any: a correction shown plain would read as the text it corrects.
    pub struck: Option<std::sync::Arc<[std::ops::Range<u32>]>>,
}

/// A person, state or organisation.
#[derive(Debug, Clone, PartialEq)]
pub struct Actor {
    /// Its slug.
    pub slug: String,
    /// Display name.
    pub name: String,
    /// Person, state or organisation.
    pub kind: ActorKind,
    /// Other names.
    pub aliases: Vec<String>,
    /// Role at the time.
    pub role: Option<String>,
    /// Slug of the actor it belongs to.
    pub affiliation: Option<String>,
    /// Wikidata id.
    pub wikidata: Option<String>,
    /// Further reading.
    pub links: Vec<Link>,
    /// Its picture.
    pub image: Option<Image>,
    /// The profile, Markdown.
    pub body: std::sync::Arc<str>,
    /// Dated updates, newest first.
    pub updates: Vec<Update>,
}

/// A policy position and who stands where.
#[derive(Debug, Clone, PartialEq)]
pub struct Position {
    /// Its slug.
    pub slug: String,
    /// The proposition.
    pub title: String,
    /// One or two sentences.
    pub summary: String,
    /// The question it answers.
    pub question: Option<String>,
    /// Related position slugs.
    pub related: Vec<String>,
    /// Stances, in file order.
    pub stances: Vec<Stance>,
    /// The body, Markdown.
    pub body: std::sync::Arc<str>,
    /// Dated updates, newest first.
    pub updates: Vec<Update>,
}

/// One actor's stance on a position.
#[derive(Debug, Clone, PartialEq)]
pub struct Stance {
    /// The actor's slug.
    pub actor: String,
    /// Supports, opposes, mixed or unclear.
    pub stance: StanceKind,
    /// The quote that shows it, located.
    pub quote: Option<QuoteRef>,
    /// Evidence from elsewhere.
    pub source_url: Option<String>,
    /// An explanation, Markdown.
    pub note: Option<String>,
}

/// A quote located in an article.
#[derive(Debug, Clone, PartialEq)]
pub struct QuoteRef {
    /// The quote as written.
    pub text: String,
    /// The article.
    pub article: String,
    /// The paragraph number `N` of `pN`.
    pub paragraph: usize,
}

/// A note on a passage of an article.
#[derive(Debug, Clone, PartialEq)]
pub struct Annotation {
    /// Its name.
    pub slug: String,
    /// The article annotated.
    pub article: String,
    /// The passage.
    pub quote: String,
    /// The paragraph number `N` of `pN`.
    pub paragraph: usize,
    /// Its kind.
    pub kind: AnnotationKind,
    /// A short title.
    pub title: Option<String>,
    /// A fact-check's verdict.
    pub verdict: Option<String>,
    /// Sources.
    pub sources: Vec<Link>,
    /// Related actors.
    pub actors: Vec<String>,
    /// Related positions.
    pub positions: Vec<String>,
    /// Who wrote a fact-check, when it says (else the site's publisher).
    pub author: Option<Author>,
    /// When a fact-check was published, `YYYY-MM-DD`, when it says (else its article's
    /// date: see `Site::published`).
    pub date: Option<String>,
    /// The note, Markdown.
    pub body: std::sync::Arc<str>,
    /// Dated updates, newest first.
    pub updates: Vec<Update>,
}

impl StanceKind {
    /// The stance's word, e.g. "Supports".
    pub fn label(self) -> &'static str {
        match self {
            StanceKind::Supports => "Supports",
            StanceKind::Opposes => "Opposes",
            StanceKind::Mixed => "Mixed",
            StanceKind::Unclear => "Unclear",
        }
    }

    /// The stance's key, e.g. "supports".
    pub fn key(self) -> &'static str {
        match self {
            StanceKind::Supports => "supports",
            StanceKind::Opposes => "opposes",
            StanceKind::Mixed => "mixed",
            StanceKind::Unclear => "unclear",
        }
    }

    /// All four, in the order pages show them.
    pub const ALL: [StanceKind; 4] = [
        StanceKind::Supports,
        StanceKind::Opposes,
        StanceKind::Mixed,
        StanceKind::Unclear,
    ];
}

impl ActorKind {
    /// "Person", "State" or "Organisation".
    pub fn label(self) -> &'static str {
        match self {
            ActorKind::Person => "Person",
            ActorKind::State => "State",
            ActorKind::Organization => "Organisation",
        }
    }

    /// "person", "state" or "organization".
    pub fn key(self) -> &'static str {
        match self {
            ActorKind::Person => "person",
            ActorKind::State => "state",
            ActorKind::Organization => "organization",
        }
    }
}

impl AnnotationKind {
    /// All four, in the order pages show them.
    pub const ALL: [AnnotationKind; 4] = [
        AnnotationKind::Context,
        AnnotationKind::Definition,
        AnnotationKind::FactCheck,
        AnnotationKind::Analysis,
    ];

    /// "Context", "Definition", "Fact check" or "Analysis".
    pub fn label(self) -> &'static str {
        match self {
            AnnotationKind::Context => "Context",
            AnnotationKind::Definition => "Definition",
            AnnotationKind::FactCheck => "Fact check",
            AnnotationKind::Analysis => "Analysis",
        }
    }

    /// "context", "definition", "fact-check" or "analysis".
    pub fn key(self) -> &'static str {
        match self {
            AnnotationKind::Context => "context",
            AnnotationKind::Definition => "definition",
            AnnotationKind::FactCheck => "fact-check",
            AnnotationKind::Analysis => "analysis",
        }
    }
}

impl Site {
    /// The date a note was published: its own `date`, or its article's.
    pub fn published<'a>(&'a self, note: &'a Annotation) -> &'a str {
        match &note.date {
            Some(date) => date,
            None => self.articles.get(&note.article).map_or("", |a| &a.date),
        }
    }

    /// The title of the article, actor (name) or position of a slug.
    pub fn title_of(&self, slug: &str) -> Option<(&'static str, &str)> {
        if let Some(a) = self.articles.get(slug) {
            Some(("articles", &a.title))
        } else if let Some(a) = self.actors.get(slug) {
            Some(("actors", &a.name))
        } else {
            self.positions
                .get(slug)
                .map(|p| ("positions", p.title.as_str()))
        }
    }
}

/// `list` with each thing once, at its first place, things being the same when `same`
/// maps them to the same key: a list that names a thing twice (a warning where it is
/// written) shows it once.
pub(crate) fn each_once<T, K: Ord>(list: Vec<T>, same: impl Fn(&T) -> K) -> Vec<T> {
    let mut seen = std::collections::BTreeSet::new();
    list.into_iter().filter(|x| seen.insert(same(x))).collect()
}
