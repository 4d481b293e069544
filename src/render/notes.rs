//! Notes: each annotation has a page of its own (the whole note, every source, the
//! passage it is about, who and what it concerns), and the article shows it in short
//! beside its passage (the note's first block and its first source), linking there.

use pulldown_cmark::{Event, Parser, Tag};
use serde::Serialize;

use super::i18n::Strings;
use super::pages::{card_actor, card_position, resolver};
use super::urls::{Urls, page_path};
use super::views::Card;
use crate::markdown;
use crate::model::{Annotation, Link, Site};

/// Whether a note gets a page of its own: when the article cannot show all of it (it
/// goes on past its first block, cites more than one source, or has updates, whose log
/// is on its page). A short note lives on its article's page alone, so that a big site
/// is not doubled by one-line notes.
pub fn has_page(body: &str, sources: usize, updates: usize) -> bool {
    sources > 1 || updates > 0 || lead(body).1
}

/// The site path of an annotation's page: under its article.
pub fn note_path(note: &Annotation) -> String {
    format!(
        "{}notes/{}/",
        page_path("articles", &note.article),
        note.slug
    )
}

/// The start of a note to show beside its passage: its first top-level block, and
/// whether more of it follows. A note with footnotes is shown whole, so that its
/// references keep their definitions on the page.
pub fn lead(body: &str) -> (&str, bool) {
    if surely_one_block(body) {
        return (body, false);
    }
    let mut depth = 0usize;
    let mut first_end = None;
    for (event, range) in Parser::new_ext(body, markdown::options()).into_offset_iter() {
        match event {
            Event::Start(Tag::FootnoteDefinition(_)) | Event::FootnoteReference(_) => {
                return (body, false);
            }
            Event::Start(_) => depth += 1,
            Event::End(_) => {
                depth -= 1;
                if depth == 0 && first_end.is_none() {
                    first_end = Some(range.end);
                }
            }
            _ if depth == 0 && first_end.is_none() => first_end = Some(range.end),
            _ => {}
        }
    }
    match first_end {
        Some(end) if !body[end..].trim().is_empty() => (&body[..end], true),
        _ => (body, false),
    }
}

/// Whether `body` is one block without parsing it: no blank line, and no line after the
/// first that could open a block of its own (a heading, quote, list, fence, table, HTML,
/// setext underline or indented code). Most notes are one short paragraph, and a big
/// site asks this of each of them several times; anything less plain is parsed.
fn surely_one_block(body: &str) -> bool {
    let body = body.trim();
    !body.contains("\n\n")
        && !body.contains("\n\r\n")
        && body.lines().skip(1).all(|line| {
            let first = line.bytes().next();
            !line.starts_with("    ")
                && !matches!(
                    first,
                    Some(
                        b'#' | b'>'
                            | b'`'
                            | b'~'
                            | b'|'
                            | b'-'
                            | b'*'
                            | b'+'
                            | b'='
                            | b'<'
                            | b'\t'
                            | b'0'..=b'9'
                    )
                )
                && !line.trim().is_empty()
        })
}

/// A note's own page.
#[derive(Debug, Serialize)]
pub struct NotePageData {
    /// The note.
    pub note: NotePageView,
}

/// What the note page shows.
#[derive(Debug, Serialize)]
pub struct NotePageView {
    /// `fact-check` …
    pub kind: &'static str,
    /// `Fact check` …
    pub kind_label: String,
    /// Its title, or one made from its kind and passage.
    pub title: String,
    /// Verdict.
    pub verdict: Option<String>,
    /// The passage.
    pub quote: String,
    /// The passage in its article.
    pub passage_url: String,
    /// The article.
    pub article: Card,
    /// The paragraph number `N` of `pN`.
    pub paragraph: usize,
    /// The whole note.
    pub body_html: String,
    /// Every source.
    pub sources: Vec<Link>,
    /// Related actors.
    pub actors: Vec<Card>,
    /// Related positions.
    pub positions: Vec<Card>,
}

/// The title of a note's page: its own, or its kind and the start of its passage.
pub fn title(t: &Strings, note: &Annotation) -> String {
    note.title.clone().unwrap_or_else(|| {
        let words: Vec<&str> = note.quote.split_whitespace().collect();
        let short = words.iter().take(8).copied().collect::<Vec<_>>().join(" ");
        let more = if words.len() > 8 { "…" } else { "" };
        let quote = format!("{short}{more}");
        t.fill(
            "note_title",
            &[("kind", t.note_kind(note.kind)), ("quote", &quote)],
        )
    })
}

/// What a note's page is described by: what the note says, as a search result shows
/// it (the pages of one article's notes were otherwise described alike), or, for a
/// note with no text, its kind and article.
pub fn description(site: &Site, t: &Strings, note: &Annotation) -> String {
    let said = super::search::docs::short(&super::search::text::sanitized_text(&note.body));
    if !said.is_empty() {
        return said;
    }
    t.fill(
        "note_description",
        &[
            ("kind", t.note_kind(note.kind)),
            ("article", &site.articles[&note.article].title),
        ],
    )
}

/// The data of the page of the annotation `slug`.
pub fn page(site: &Site, t: &Strings, urls: &Urls, slug: &str) -> NotePageData {
    let n = &site.annotations[slug];
    let article = &site.articles[&n.article];
    let article_path = page_path("articles", &n.article);
    NotePageData {
        note: NotePageView {
            kind: n.kind.key(),
            kind_label: t.note_kind(n.kind).into(),
            title: title(t, n),
            verdict: n.verdict.clone(),
            quote: n.quote.clone(),
            passage_url: urls.to(&format!("{article_path}#mark-{slug}")),
            article: Card {
                title: article.title.clone(),
                url: urls.to(&article_path),
                note: None,
                kind: None,
            },
            paragraph: n.paragraph,
            // Written for the article's page, two folders up.
            body_html: markdown::to_html_rebased(&n.body, &resolver(site, urls), "", "../../"),
            sources: n.sources.clone(),
            actors: n.actors.iter().map(|s| card_actor(site, urls, s)).collect(),
            positions: n
                .positions
                .iter()
                .map(|s| card_position(site, urls, s))
                .collect(),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_lead_is_the_first_block() {
        assert_eq!(lead("One.\n\nTwo.\n"), ("One.\n", true));
        assert_eq!(
            lead("Only one,\non two lines.\n"),
            ("Only one,\non two lines.\n", false)
        );
        assert_eq!(lead("- a\n- b\n\nThen.\n"), ("- a\n- b\n\n", true));
        let foot = "A claim[^1].\n\nMore.\n\n[^1]: Its source.\n";
        assert_eq!(lead(foot), (foot, false));
        // Lines that open blocks without a blank line before them are parsed.
        assert_eq!(lead("Intro:\n- a\n- b\n"), ("Intro:\n", true));
        assert_eq!(lead("Title\n===\nText.\n"), ("Title\n===\n", true));
        assert!(!lead("One line,\nand its lazy second.\n").1);
    }
}
