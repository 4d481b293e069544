//! What the templates of lists see: the home page, the indexes, an actor's articles, a
//! position's tally and the pages of the full matrix.

use serde::Serialize;

use super::paging::Pager;
use super::views::{ArticleCard, Card, Matrix};

/// The home page.
#[derive(Debug, Serialize)]
pub struct HomeData {
    /// The articles, newest first: the first page of the articles index.
    pub articles: Vec<ArticleCard>,
    /// How many articles the site has.
    pub article_count: usize,
    /// The actors: the first page of the actors index.
    pub actors: Vec<Card>,
    /// How many actors the site has.
    pub actor_count: usize,
    /// The positions: the first page of the positions index.
    pub positions: Vec<Card>,
    /// How many positions the site has.
    pub position_count: usize,
    /// Actors × positions: all of it, or the most connected part.
    pub matrix: Matrix,
    /// When the matrix shown is a part: how big the whole is, and where it is.
    pub matrix_bounded: Option<MatrixBounds>,
    /// The latest updates across the site, newest first.
    pub updates: Vec<super::updates::RecentUpdate>,
    /// The map of who stands where (the matrix's most connected part).
    pub map: Option<super::map::MapView>,
}

/// The size of the full matrix, and its first page.
#[derive(Debug, Serialize)]
pub struct MatrixBounds {
    /// Its first page.
    pub url: String,
    /// How many actors hold a stance (its rows).
    pub actors: usize,
    /// How many positions there are (its columns).
    pub positions: usize,
}

/// A page of the full matrix.
#[derive(Debug, Serialize)]
pub struct MatrixPageData {
    /// Its part of the matrix.
    pub matrix: Matrix,
    /// Which columns it shows (`"11–20"`), of `positions`.
    pub columns: String,
    /// Which of the rows of those columns it shows (`"1–50"`).
    pub rows: String,
    /// How many positions there are.
    pub positions: usize,
    /// How many actors hold a stance.
    pub actors: usize,
    /// Every run of columns, linked at its first page.
    pub runs: Vec<MatrixRun>,
    /// Where it is among the pages.
    pub pager: Option<Pager>,
}

/// A run of columns of the full matrix.
#[derive(Debug, Serialize)]
pub struct MatrixRun {
    /// `"11–20"`.
    pub label: String,
    /// The title of its first position.
    pub first: Option<String>,
    /// Its first page.
    pub url: String,
    /// Whether the page shown is one of its pages.
    pub current: bool,
}

/// A page of the articles index.
#[derive(Debug, Serialize)]
pub struct ArticlesData {
    /// Its articles, newest first.
    pub articles: Vec<ArticleCard>,
    /// How many articles the site has.
    pub count: usize,
    /// Where it is among the pages.
    pub pager: Option<Pager>,
}

/// An article that names an actor, and where.
#[derive(Debug, Serialize)]
pub struct NamedIn {
    /// The article.
    pub article: ArticleCard,
    /// The first paragraph that names it.
    pub first: MentionView,
    /// The other paragraphs that name it.
    pub more: Vec<MentionView>,
}

/// A paragraph that mentions an actor.
#[derive(Debug, Serialize)]
pub struct MentionView {
    /// Link to the paragraph.
    pub url: String,
    /// Its number.
    pub paragraph: usize,
    /// The sentence of the first mention in it (of the first paragraph only).
    pub sentence: Option<String>,
    /// That sentence as HTML, its struck-through words in `<del>`, when it has any.
    pub sentence_html: Option<String>,
}

/// A page of the actors index.
#[derive(Debug, Serialize)]
pub struct ActorsData {
    /// The page's actors by kind.
    pub groups: Vec<ActorGroup>,
    /// How many actors.
    pub count: usize,
    /// Where it is among the pages.
    pub pager: Option<Pager>,
}

/// Actors of one kind.
#[derive(Debug, Serialize)]
pub struct ActorGroup {
    /// `People`, `States`, `Organisations`.
    pub label: String,
    /// `person` …
    pub kind: &'static str,
    /// The actors.
    pub actors: Vec<Card>,
}

/// The count of one kind of stance on a position.
#[derive(Debug, Serialize)]
pub struct Tally {
    /// `supports` …
    pub stance: &'static str,
    /// `Supports` …
    pub label: String,
    /// How many.
    pub count: usize,
    /// Where the group starts.
    pub url: String,
}

/// A page of the positions index.
#[derive(Debug, Serialize)]
pub struct PositionsData {
    /// The page's positions, with their summaries.
    pub positions: Vec<Card>,
    /// How many positions.
    pub count: usize,
    /// Where it is among the pages.
    pub pager: Option<Pager>,
}
