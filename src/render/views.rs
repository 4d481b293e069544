//! What templates see: typed, serialisable views of the model, with every URL already
//! made relative to the page they are shown on.

use serde::Serialize;

pub use super::images::{ImageView, SocialImage};
use crate::model::Link;

pub use super::list_views::*;

/// Site-wide settings.
#[derive(Debug, Serialize)]
pub struct SiteView {
    /// The site's title.
    pub title: String,
    /// Its description.
    pub description: Option<String>,
    /// Its language.
    pub language: String,
    /// Its base URL, when set.
    pub base_url: Option<String>,
    /// How many articles it has (the site's menu lists them when there are several).
    pub articles: usize,
    /// How many events it has (the menu links the timeline when there are any).
    pub events: usize,
    /// The other hosts its pages may load a picture from.
    pub image_hosts: Vec<String>,
    /// Whether it has a feed (`feed.xml`, with a base URL).
    pub feed: bool,
}

/// What every page has.
#[derive(Debug, Serialize)]
pub struct PageMeta {
    /// The page's own title (without the site's).
    pub title: String,
    /// For `<meta name="description">` and cards.
    pub description: String,
    /// `home`, `article`, `note`, `actor`, `actors`, `position`, `positions` or `404`.
    pub kind: &'static str,
    /// The absolute URL, when `base_url` is set.
    pub canonical: Option<String>,
    /// Open Graph type.
    pub og_type: &'static str,
    /// The way back up.
    pub breadcrumbs: Vec<Card>,
    /// JSON-LD, already escaped for a `<script>` element.
    pub json_ld: Option<String>,
    /// The previous page of a list, for `<link rel="prev">`.
    pub prev: Option<String>,
    /// The next page of a list, for `<link rel="next">`.
    pub next: Option<String>,
    /// Its picture for Open Graph, when it has one with an absolute URL.
    pub image: Option<SocialImage>,
    /// Its dated updates, when it has some.
    pub updated: Option<super::updates::UpdatesView>,
    /// Other forms of the page, for `<link rel="alternate">`.
    pub alternates: Vec<Alternate>,
    /// Its own rules (an article's previews), allowed by their hash.
    pub style: Option<super::previews::InlineStyle>,
}

/// Another form of a page (the notes of an article as Web Annotations).
#[derive(Debug, Serialize)]
pub struct Alternate {
    /// Its media type.
    pub media_type: &'static str,
    /// Its URL, relative to the page.
    pub url: String,
    /// What it is.
    pub title: String,
}

/// The context of every page: the site, the page, the way to the root, and its data.
#[derive(Debug, Serialize)]
pub struct Page<'a, T: Serialize> {
    /// The site.
    pub site: &'a SiteView,
    /// The page.
    pub page: PageMeta,
    /// Prefix that leads to the site root.
    pub root: String,
    /// Link to the home page.
    pub home: String,
    /// The page's own data.
    #[serde(flatten)]
    pub data: T,
}

/// A link to a page, with a line about it.
#[derive(Debug, Serialize, Clone)]
pub struct Card {
    /// Its title or name.
    pub title: String,
    /// Link to it.
    pub url: String,
    /// A line about it (role, summary, date).
    pub note: Option<String>,
    /// Its kind (actor kind key), when it has one.
    pub kind: Option<&'static str>,
}

/// An article on the home page: what it is and what the explainer adds to it.
#[derive(Debug, Serialize)]
pub struct ArticleCard {
    /// The headline.
    pub title: String,
    /// Its page.
    pub url: String,
    /// `18 August 2025`.
    pub date: String,
    /// The standfirst.
    pub dek: Option<String>,
    /// How many notes it carries.
    pub notes: usize,
}

/// The stance matrix.
#[derive(Debug, Serialize)]
pub struct Matrix {
    /// The columns.
    pub positions: Vec<Card>,
    /// One row per actor that holds a stance.
    pub rows: Vec<MatrixRow>,
    /// What it shows, for screen readers: `Stances of 12 actors on 5 positions`.
    pub caption: String,
}

/// One actor's row.
#[derive(Debug, Serialize)]
pub struct MatrixRow {
    /// The actor.
    pub actor: Card,
    /// One cell per position, in column order: each a `MatrixCell`, as a template value.
    pub cells: Vec<tera::Value>,
}

/// One cell: a stance, or none.
#[derive(Debug, Serialize)]
pub struct MatrixCell {
    /// `supports`, `opposes`, `mixed`, `unclear`, or `none`.
    pub stance: &'static str,
    /// `Supports` … or `No stance`.
    pub label: String,
    /// The evidence, on the position's page.
    pub url: Option<String>,
    /// The position's title, for screen readers.
    pub position: String,
}

/// A stance as shown on a page.
#[derive(Debug, Serialize)]
pub struct StanceView {
    /// `stance-ACTOR`, the anchor on the position's page.
    pub id: String,
    /// The actor.
    pub actor: Card,
    /// The position.
    pub position: Card,
    /// `supports` …
    pub stance: &'static str,
    /// `Supports` …
    pub label: String,
    /// The quote.
    pub quote: Option<String>,
    /// Link to the quote's paragraph.
    pub quote_url: Option<String>,
    /// The article the quote is from.
    pub quote_article: Option<String>,
    /// Evidence from elsewhere.
    pub source_url: Option<String>,
    /// The note, as HTML.
    pub note_html: Option<String>,
}

/// An article page.
#[derive(Debug, Serialize)]
pub struct ArticleData {
    /// The article.
    pub article: ArticleView,
}

/// An article.
#[derive(Debug, Serialize)]
pub struct ArticleView {
    /// Headline.
    pub title: String,
    /// Standfirst.
    pub dek: Option<String>,
    /// `YYYY-MM-DD`.
    pub date: String,
    /// `18 August 2025`.
    pub date_display: String,
    /// Author.
    pub byline: Option<String>,
    /// Publication.
    pub source: Option<String>,
    /// The original.
    pub source_url: Option<String>,
    /// The original's dateline.
    pub dateline: Option<String>,
    /// What the original's picture shows.
    pub picture: Option<String>,
    /// The lead picture.
    pub image: Option<ImageView>,
    /// Picture caption.
    pub image_caption: Option<String>,
    /// Who made the picture (the lead picture's credit, or the original's).
    pub image_credit: Option<String>,
    /// The body with ids, marks, mention links and notes.
    /// The previews its links to actors and positions name, once each.
    pub previews: Vec<super::previews::Preview>,
    pub body_html: String,
    /// Actors mentioned, in order of first mention.
    pub actors: Vec<Card>,
    /// Positions with a stance quoted from this article.
    pub positions: Vec<Card>,
    /// How many notes it carries.
    pub note_count: usize,
    /// How many of them are fact-checks.
    pub fact_check_count: usize,
    /// The kinds of note it carries, in the order of `AnnotationKind::ALL`, each with
    /// its count (`stance` holds the kind's key; `url` is empty).
    pub note_kinds: Vec<Tally>,
}

/// A note on a passage, as the note template sees it.
#[derive(Debug, Serialize)]
pub struct NoteView {
    /// The annotation's name (`note-NAME` and `mark-NAME` are its ids).
    pub id: String,
    /// Whether it has a page of its own (else the article shows all of it, unfolded).
    pub page: bool,
    /// Its own page, when it has one.
    pub url: String,
    /// Whether the note goes on beyond what the article shows of it.
    pub more: bool,
    /// Its number in the article.
    pub number: usize,
    /// `fact-check` …
    pub kind: &'static str,
    /// `Fact check` …
    pub kind_label: String,
    /// Title.
    pub title: Option<String>,
    /// Verdict.
    pub verdict: Option<String>,
    /// The passage.
    pub quote: String,
    /// The start of the note (all of it, unless `more`) as HTML, opening with a link back
    /// to the passage.
    pub body_html: String,
    /// Sources.
    pub sources: Vec<Link>,
    /// Related actors.
    pub actors: Vec<Card>,
    /// Related positions.
    pub positions: Vec<Card>,
    /// The day of its latest update, `YYYY-MM-DD`, when it has one.
    pub updated: Option<String>,
    /// The same, for readers.
    pub updated_display: Option<String>,
}

/// The context of the note template.
#[derive(Debug, Serialize)]
pub struct NoteData<'a> {
    /// The note.
    pub note: &'a NoteView,
}

/// An actor page.
#[derive(Debug, Serialize)]
pub struct ActorData {
    /// The actor.
    pub actor: ActorView,
}

/// An actor.
#[derive(Debug, Serialize)]
pub struct ActorView {
    /// Name.
    pub name: String,
    /// The search page, showing what names the actor.
    pub search: String,
    /// `person` …
    pub kind: &'static str,
    /// `Person` …
    pub kind_label: String,
    /// Other names.
    pub aliases: Vec<String>,
    /// Role.
    pub role: Option<String>,
    /// The actor it belongs to.
    pub affiliation: Option<Card>,
    /// Actors that belong to it.
    pub members: Vec<Card>,
    /// Wikidata id.
    pub wikidata: Option<String>,
    /// Wikidata URL.
    pub wikidata_url: Option<String>,
    /// Further reading.
    pub links: Vec<Link>,
    /// Its picture.
    pub image: Option<ImageView>,
    /// Profile as HTML.
    pub body_html: String,
    /// Stances, by position title.
    pub stances: Vec<StanceView>,
    /// The articles of this page that name it, newest first, with the paragraphs.
    pub named: Vec<NamedIn>,
    /// How many articles name it.
    pub article_count: usize,
    /// Whether the site has more than one article (one that names it nowhere is "named
    /// in no article", not "not named in the article").
    pub articles: bool,
    /// How many paragraphs name it.
    pub mention_count: usize,
    /// Notes about it.
    pub notes: Vec<Card>,
    /// The events it took part in, in date order.
    pub events: Vec<super::timeline::EventCard>,
    /// Where the page is among the pages of its articles.
    pub pager: Option<super::paging::Pager>,
    /// Its neighbourhood on the map of who stands where.
    pub map: Option<super::map::MapView>,
}

/// A position page.
#[derive(Debug, Serialize)]
pub struct PositionData {
    /// The position.
    pub position: PositionView,
}

/// A position.
#[derive(Debug, Serialize)]
pub struct PositionView {
    /// The proposition.
    pub title: String,
    /// Summary.
    pub summary: String,
    /// Question.
    pub question: Option<String>,
    /// Body as HTML.
    pub body_html: String,
    /// The page's stances grouped Supports / Opposes / Mixed / Unclear (empty groups
    /// left out).
    pub groups: Vec<StanceGroup>,
    /// How many stances of each kind the position has (all pages), each linked where
    /// its group starts (kinds without a stance left out).
    pub tally: Vec<Tally>,
    /// Where the page is among the pages of its stances.
    pub pager: Option<super::paging::Pager>,
    /// The page of the full matrix that shows its column, when the home page shows only
    /// part of the matrix.
    pub matrix_url: Option<String>,
    /// Related positions.
    pub related: Vec<Card>,
    /// Notes about it.
    pub notes: Vec<Card>,
    /// The events that bear on it, in date order.
    pub events: Vec<super::timeline::EventCard>,
    /// Its actors on the map of who stands where.
    pub map: Option<super::map::MapView>,
}

/// The stances of one kind.
#[derive(Debug, Serialize)]
pub struct StanceGroup {
    /// `supports` …
    pub stance: &'static str,
    /// `Supports` …
    pub label: String,
    /// The stances.
    pub stances: Vec<StanceView>,
    /// The search page, showing every actor with this stance on the position.
    pub search: String,
}

/// A page with no data of its own (404).
#[derive(Debug, Serialize)]
pub struct NoData {}
