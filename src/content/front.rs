//! The serde shapes of front matter and `site.toml`, as close to the files as possible.
//!
//! Every key that a later diagnostic may point at is `Spanned`, so that its line is known.
//! Unknown keys are refused (`deny_unknown_fields`): a typo must not pass silently. Each
//! shape has its table of keys in `schema`, which reports every wrong key of a file at
//! once; a test keeps the two in step.

use serde::Deserialize;
use toml::Spanned;

/// A string with its byte span in the front matter.
pub type SpannedStr = Spanned<String>;

/// `content/site.toml`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SiteFront {
    /// The site's title.
    pub title: String,
    /// Used in `<meta>` and cards.
    pub description: Option<String>,
    /// The language of the site, default `en`.
    pub language: Option<SpannedStr>,
    /// Absolute base URL, used for the sitemap, canonical and og:url.
    pub base_url: Option<SpannedStr>,
    /// The source policy.
    #[serde(default)]
    pub sources: SourcesFront,
    /// How long lists are cut into pages.
    #[serde(default)]
    pub pagination: PaginationFront,
    /// How much of the stance matrix the home page shows.
    #[serde(default)]
    pub matrix: MatrixFront,
    /// Where pictures may come from.
    #[serde(default)]
    pub images: ImagesFront,
    /// Who publishes the site.
    pub publisher: Option<Spanned<PublisherFront>>,
    /// Whether pages get share cards (default: they do).
    pub cards: Option<bool>,
}

/// `[publisher]` of `site.toml`: who publishes the site, named in its structured data.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PublisherFront {
    /// The newsroom's name.
    pub name: SpannedStr,
    /// Its home page (default: the site's base URL).
    pub url: Option<SpannedStr>,
    /// Its logo: a file under `static/`.
    pub logo: Option<SpannedStr>,
}

/// Whether the author of a fact-check is a person or an organisation.
#[derive(Debug, Deserialize, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
#[serde(rename_all = "lowercase")]
pub enum AuthorKind {
    /// A person.
    Person,
    /// An organisation (also spelt `"organisation"`).
    #[serde(alias = "organisation")]
    Organization,
}

/// The `author` of a fact-check: `{ name, kind, url }`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AuthorFront {
    /// The author's name.
    pub name: SpannedStr,
    /// A person (the default) or an organisation.
    pub kind: Option<AuthorKind>,
    /// The author's page.
    pub url: Option<SpannedStr>,
}

/// `[pagination]` of `site.toml`.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PaginationFront {
    /// The items on a page of a long list (articles, an actor's articles, actors,
    /// positions, a position's stances, rows of the matrix).
    pub page_size: Option<i64>,
}

/// `[matrix]` of `site.toml`.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MatrixFront {
    /// The most actors (rows) the home page's matrix shows.
    pub rows: Option<i64>,
    /// The most positions (columns) the home page's matrix, and a page of the full
    /// matrix, show.
    pub columns: Option<i64>,
}

/// `[sources]` of `site.toml`: the newsroom's policy on what it cites.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SourcesFront {
    /// Domains that must not be cited (their subdomains neither): a cited URL on one of
    /// them gets a warning.
    #[serde(default)]
    pub avoid: Vec<SpannedStr>,
}

/// `[images]` of `site.toml`: the other hosts that pages may load a picture from.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ImagesFront {
    /// Host names (`upload.wikimedia.org`; `*.example.org` for every subdomain of
    /// example.org) whose https pictures an `image` may show.
    #[serde(default)]
    pub allow: Vec<SpannedStr>,
}

/// The `image` of an article or actor: a picture shown at the top of its page.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ImageFront {
    /// A file under `static/` (its path from there), or an https URL.
    pub src: SpannedStr,
    /// What the picture shows, for readers who cannot see it.
    pub alt: SpannedStr,
    /// Who made the picture, shown as written ("Photo: Evan Vucci/AP").
    pub credit: Option<String>,
    /// Its width in pixels: read from a file under `static/` when not given.
    pub width: Option<Spanned<u32>>,
    /// Its height in pixels: read from a file under `static/` when not given.
    pub height: Option<Spanned<u32>>,
}

/// An article's front matter.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ArticleFront {
    /// The headline.
    pub title: String,
    /// The publication date: a TOML date.
    pub date: Spanned<toml::value::Datetime>,
    /// The standfirst under the headline.
    pub dek: Option<String>,
    /// Who wrote it.
    pub byline: Option<String>,
    /// Where it was published.
    pub source: Option<String>,
    /// Where it can be read.
    pub source_url: Option<SpannedStr>,
    /// The wire dateline that opened the original's first paragraph ("BOGOTA, Colombia").
    pub dateline: Option<String>,
    /// What the picture that ran with the original shows, when the picture itself is
    /// not reproduced (shown to readers as such).
    pub picture: Option<String>,
    /// The picture shown at the top of the page.
    pub image: Option<Spanned<ImageFront>>,
    /// The caption of its picture.
    pub image_caption: Option<String>,
    /// Who made the picture, when `image` does not say (the credit line of the
    /// original's picture, which `import` keeps).
    pub image_credit: Option<SpannedStr>,
    /// Dated notes of what changed, in any order.
    #[serde(default)]
    pub updates: Vec<Spanned<UpdateFront>>,
}

/// One of the `updates` of an article, actor, position or annotation: what changed,
/// and when.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UpdateFront {
    /// The day of the change: a TOML date.
    pub date: Spanned<toml::value::Datetime>,
    /// What changed, in Markdown.
    pub text: SpannedStr,
}

/// The three kinds of actor.
#[derive(Debug, Deserialize, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ActorKind {
    /// A person.
    Person,
    /// A state.
    State,
    /// An organisation (also spelt `"organisation"`, as the command line takes it).
    #[serde(alias = "organisation")]
    Organization,
}

/// A `{ title, url }` link.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LinkFront {
    /// What the link is called.
    pub title: String,
    /// Where it goes.
    pub url: SpannedStr,
}

/// An actor's front matter.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ActorFront {
    /// The display name.
    pub name: SpannedStr,
    /// Person, state or organisation.
    pub kind: ActorKind,
    /// Other ways articles name the actor, shown to readers ("Also called").
    #[serde(default)]
    pub aliases: Vec<SpannedStr>,
    /// Words that mention the actor but are not its names ("Colombian", "Kremlin"):
    /// matched like aliases, never shown as names.
    #[serde(default, rename = "match")]
    pub matches: Vec<SpannedStr>,
    /// E.g. "President of France".
    pub role: Option<String>,
    /// An actor slug, e.g. a leader's state.
    pub affiliation: Option<SpannedStr>,
    /// A Wikidata id, `Q[0-9]+`.
    pub wikidata: Option<SpannedStr>,
    /// Further reading.
    #[serde(default)]
    pub links: Vec<LinkFront>,
    /// A picture of the actor (a portrait, a flag, a logo).
    pub image: Option<Spanned<ImageFront>>,
    /// Dated notes of what changed, in any order.
    #[serde(default)]
    pub updates: Vec<Spanned<UpdateFront>>,
}

/// The four stances.
#[derive(Debug, Deserialize, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[serde(rename_all = "lowercase")]
pub enum StanceKind {
    /// For the position.
    Supports,
    /// Against it.
    Opposes,
    /// Partly for, partly against.
    Mixed,
    /// Not clear.
    Unclear,
}

/// One `[[stances]]` table.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StanceFront {
    /// The actor's slug.
    pub actor: SpannedStr,
    /// What the actor thinks.
    pub stance: StanceKind,
    /// Evidence from an article.
    pub quote: Option<SpannedStr>,
    /// The article the quote is from.
    pub article: Option<SpannedStr>,
    /// Evidence from elsewhere.
    pub source_url: Option<SpannedStr>,
    /// An explanation, in Markdown.
    pub note: Option<SpannedStr>,
}

/// A position's front matter.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PositionFront {
    /// The proposition.
    pub title: String,
    /// One or two sentences.
    pub summary: String,
    /// The question it answers.
    pub question: Option<String>,
    /// Related position slugs.
    #[serde(default)]
    pub related: Vec<SpannedStr>,
    /// Who stands where.
    #[serde(default)]
    pub stances: Vec<Spanned<StanceFront>>,
    /// Dated notes of what changed, in any order.
    #[serde(default)]
    pub updates: Vec<Spanned<UpdateFront>>,
}

/// The four kinds of annotation.
#[derive(Debug, Deserialize, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
#[serde(rename_all = "kebab-case")]
pub enum AnnotationKind {
    /// Background.
    Context,
    /// What a term means.
    Definition,
    /// Whether a claim holds.
    FactCheck,
    /// What it means.
    Analysis,
}

/// An annotation's front matter.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AnnotationFront {
    /// The article annotated.
    pub article: Option<SpannedStr>,
    /// The exact passage annotated.
    pub quote: SpannedStr,
    /// Text just before the quote.
    pub prefix: Option<SpannedStr>,
    /// Text just after the quote.
    pub suffix: Option<SpannedStr>,
    /// Context, definition, fact-check or analysis.
    pub kind: AnnotationKind,
    /// A short title.
    pub title: Option<String>,
    /// A fact-check's verdict.
    pub verdict: Option<SpannedStr>,
    /// Where the note's facts come from.
    #[serde(default)]
    pub sources: Vec<LinkFront>,
    /// Related actors.
    #[serde(default)]
    pub actors: Vec<SpannedStr>,
    /// Related positions.
    #[serde(default)]
    pub positions: Vec<SpannedStr>,
    /// Who wrote a fact-check (default: the site's publisher).
    pub author: Option<Spanned<AuthorFront>>,
    /// When a fact-check was published (default: its article's date).
    pub date: Option<Spanned<toml::value::Datetime>>,
    /// Dated notes of what changed, in any order.
    #[serde(default)]
    pub updates: Vec<Spanned<UpdateFront>>,
}
