//! The notes of each article in the W3C Web Annotation Data Model
//! (<https://www.w3.org/TR/annotation-model/>): `articles/SLUG/annotations.jsonld`, an
//! `AnnotationCollection` whose one `AnnotationPage` holds an `Annotation` per note, so
//! that a client such as Hypothesis can show them on the article page.
//!
//! Each note's target is located in "the article text": the `textContent` of the
//! article's body element (`<div class="text">`) on its page, read from the page as
//! rendered, so that the positions are those of the page by construction. Positions
//! count Unicode code points. A template of `templates/` that leaves that element out
//! gets quote selectors only.

use serde::Serialize;

use super::i18n::Strings;
use super::pages::md;
use super::plain::{Piece, attribute, pieces};
use super::urls::{Urls, page_path};
use crate::model::{Annotation, AnnotationKind, Site};

/// The export's file name, next to its article's page.
pub const FILE: &str = "annotations.jsonld";

/// The JSON-LD context of the model.
const CONTEXT: &str = "http://www.w3.org/ns/anno.jsonld";

/// The `<link rel="alternate">` of an article page to its export.
pub fn alternate(t: &super::i18n::Strings) -> super::views::Alternate {
    super::views::Alternate {
        media_type: "application/ld+json",
        url: FILE.to_string(),
        title: t.get("annotations_export_title").to_string(),
    }
}

/// The export of every article.
pub fn paths(site: &Site) -> impl Iterator<Item = String> + '_ {
    site.articles
        .keys()
        .map(|slug| format!("{}{FILE}", page_path("articles", slug)))
}

#[derive(Serialize)]
struct Collection<'a> {
    #[serde(rename = "@context")]
    context: &'static str,
    id: String,
    #[serde(rename = "type")]
    kind: &'static str,
    label: String,
    total: usize,
    first: Page<'a>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Page<'a> {
    id: String,
    #[serde(rename = "type")]
    kind: &'static str,
    part_of: String,
    start_index: usize,
    items: Vec<Note<'a>>,
}

#[derive(Serialize)]
struct Note<'a> {
    #[serde(rename = "@context")]
    context: &'static str,
    id: String,
    #[serde(rename = "type")]
    kind: &'static str,
    motivation: &'static str,
    created: String,
    creator: Creator<'a>,
    body: Body<'a>,
    target: Target<'a>,
}

#[derive(Clone, Serialize)]
struct Creator<'a> {
    #[serde(rename = "type")]
    kind: &'static str,
    name: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    homepage: Option<&'a str>,
}

#[derive(Serialize)]
struct Body<'a> {
    #[serde(rename = "type")]
    kind: &'static str,
    value: String,
    format: &'static str,
    language: &'a str,
}

#[derive(Serialize)]
struct Target<'a> {
    source: &'a str,
    selector: Vec<Selector>,
}

#[derive(Serialize)]
#[serde(tag = "type")]
enum Selector {
    TextQuoteSelector {
        exact: String,
        #[serde(skip_serializing_if = "String::is_empty")]
        prefix: String,
        #[serde(skip_serializing_if = "String::is_empty")]
        suffix: String,
    },
    TextPositionSelector {
        start: usize,
        end: usize,
    },
}

/// The motivation of a kind of note. A context note says what the passage refers to
/// (background, who someone is), so it describes the target; a definition describes a
/// term; a fact-check assesses a claim; an analysis comments on it.
fn motivation(kind: AnnotationKind) -> &'static str {
    match kind {
        AnnotationKind::Context | AnnotationKind::Definition => "describing",
        AnnotationKind::FactCheck => "assessing",
        AnnotationKind::Analysis => "commenting",
    }
}

/// Each note's marked passage: the note's name, and the byte range it covers.
type Ranges = Vec<(String, usize, usize)>;

/// The article text of an article page (the `textContent` of its body element), and
/// the byte range of each note's marked passage in it.
pub fn article_text(html: &str) -> Option<(String, Ranges)> {
    let start = memchr::memmem::find(html.as_bytes(), b"<div class=\"text\">")?;
    let mut text = String::with_capacity(html.len() / 2);
    let mut depth = 0usize;
    // The open `<mark>`s, innermost last: the note of each (one a note reopened after an
    // element it crosses has no id, but its `data-note`).
    let mut open: Vec<Option<String>> = Vec::new();
    let mut ranges: Ranges = Vec::new();
    // The text ends with the article (what follows is the page's frame).
    let end = memchr::memmem::find(&html.as_bytes()[start..], b"</article>")
        .map_or(html.len(), |e| start + e);
    for piece in pieces(&html[start..end]) {
        match piece {
            Piece::Text(t) => text.push_str(&t),
            Piece::Tag(tag) if tag.starts_with("<div") => depth += 1,
            Piece::Tag(tag) if tag.starts_with("</div") => {
                depth -= 1;
                if depth == 0 {
                    break;
                }
            }
            Piece::Tag(tag) if tag.starts_with("<mark") => {
                let note = (attribute(tag, "id").and_then(|id| id.strip_prefix("mark-")))
                    .or_else(|| attribute(tag, "data-note"));
                open.push(note.map(str::to_string));
            }
            Piece::Tag(tag) if tag.starts_with("</mark") => {
                open.pop();
            }
            Piece::Tag(_) => {}
        }
        // Every open mark's note covers the text so far.
        for note in open.iter().flatten() {
            match ranges.iter_mut().find(|(n, _, _)| n == note) {
                Some(r) => r.2 = text.len(),
                None => ranges.push((note.clone(), text.len(), text.len())),
            }
        }
    }
    Some((text, ranges))
}

/// Whether `text[from..to]` occurs in `text` more than once (overlapping occurrences
/// count), searched for with `memmem`.
fn repeated(text: &str, from: usize, to: usize) -> bool {
    let (hay, needle) = (text.as_bytes(), &text.as_bytes()[from..to]);
    let finder = memchr::memmem::Finder::new(needle);
    match finder.find(hay) {
        Some(first) if !needle.is_empty() => finder.find(&hay[first + 1..]).is_some(),
        _ => false,
    }
}

/// The byte offset `n` code points before `at` in `text` (its start if there are fewer).
fn back(text: &str, at: usize, n: usize) -> usize {
    text[..at]
        .char_indices()
        .rev()
        .nth(n - 1)
        .map_or(0, |(i, _)| i)
}

/// The byte offset `n` code points after `at` in `text` (its end if there are fewer).
fn ahead(text: &str, at: usize, n: usize) -> usize {
    text[at..]
        .char_indices()
        .nth(n)
        .map_or(text.len(), |(i, _)| at + i)
}

/// The prefix and suffix of the passage at bytes `start..end`: 32 code points each way,
/// more while the three together occur more than once (up to the whole text).
fn context(text: &str, start: usize, end: usize) -> (String, String) {
    let mut n = 32;
    loop {
        let (before, after) = (back(text, start, n), ahead(text, end, n));
        if !repeated(text, before, after) || (before == 0 && after == text.len()) {
            return (
                text[before..start].to_string(),
                text[end..after].to_string(),
            );
        }
        n *= 2;
    }
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// A note's HTML: its title and verdict, its body, and its sources, with links as from
/// the article's page (the folder of the export too).
fn note_html(site: &Site, t: &Strings, urls: &Urls, n: &Annotation) -> String {
    let mut out = String::new();
    if let Some(title) = &n.title {
        out.push_str(&format!("<p><strong>{}</strong></p>\n", escape(title)));
    }
    if let Some(v) = &n.verdict {
        let verdict = t.fill("verdict", &[("verdict", v)]);
        out.push_str(&format!("<p>{}</p>\n", escape(&verdict)));
    }
    out.push_str(&md(site, urls, &n.body, &format!("note_{}", n.slug)));
    if !n.sources.is_empty() {
        let links: Vec<String> = (n.sources.iter())
            .map(|l| format!("<a href=\"{}\">{}</a>", escape(&l.url), escape(&l.title)))
            .collect();
        let label = escape(t.get("sources"));
        out.push_str(&format!("<p>{label}: {}</p>\n", links.join("; ")));
    }
    out
}

/// The export of the article whose page, at output path `page`, is `html`: its path
/// and bytes (`None` for a page that is not an article's).
pub fn export(site: &Site, t: &Strings, page: &str, html: &str) -> Option<(String, Vec<u8>)> {
    let slug = page
        .strip_prefix("articles/")?
        .strip_suffix("/index.html")?;
    let a = site.articles.get(slug)?;
    let base = page_path("articles", slug);
    // Absolute IRIs under the base URL; otherwise relative to the export's own URL.
    let (file, source) = match &site.base_url {
        Some(b) => (format!("{b}{base}{FILE}"), format!("{b}{base}")),
        None => (FILE.to_string(), "./".to_string()),
    };
    let located = article_text(html);
    let urls = Urls::from_page(&base);
    let creator = Creator {
        kind: "Organization",
        name: &site.title,
        homepage: site.base_url.as_deref(),
    };
    let items: Vec<Note> = a
        .marks
        .iter()
        .filter_map(|m| site.annotations.get(&m.annotation))
        .map(|n| {
            let found = located.as_ref().and_then(|(text, ranges)| {
                let (_, s, e) = ranges.iter().find(|(id, _, _)| *id == n.slug)?;
                Some((text, *s, *e))
            });
            let selector = match found {
                Some((text, start, end)) => {
                    let (prefix, suffix) = context(text, start, end);
                    // Positions count code points, as the model says.
                    let first = text[..start].chars().count();
                    let last = first + text[start..end].chars().count();
                    vec![
                        Selector::TextQuoteSelector {
                            exact: text[start..end].to_string(),
                            prefix,
                            suffix,
                        },
                        Selector::TextPositionSelector {
                            start: first,
                            end: last,
                        },
                    ]
                }
                None => vec![Selector::TextQuoteSelector {
                    exact: n.quote.clone(),
                    prefix: String::new(),
                    suffix: String::new(),
                }],
            };
            Note {
                context: CONTEXT,
                id: format!("{file}#{}", n.slug),
                kind: "Annotation",
                motivation: motivation(n.kind),
                created: format!("{}T00:00:00Z", a.date),
                creator: creator.clone(),
                body: Body {
                    kind: "TextualBody",
                    value: note_html(site, t, &urls, n),
                    format: "text/html",
                    language: &site.language,
                },
                target: Target {
                    source: &source,
                    selector,
                },
            }
        })
        .collect();
    let collection = Collection {
        context: CONTEXT,
        id: file.clone(),
        kind: "AnnotationCollection",
        label: t.fill("annotations_label", &[("title", &a.title)]),
        total: items.len(),
        first: Page {
            id: format!("{file}#page-1"),
            kind: "AnnotationPage",
            part_of: file.clone(),
            start_index: 0,
            items,
        },
    };
    // Sized for a page of notes, so that the buffer is seldom grown (and copied).
    let mut json = Vec::with_capacity(4096);
    serde_json::to_writer(&mut json, &collection).ok()?;
    json.push(b'\n');
    Some((format!("{base}{FILE}"), json))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn code_points_are_counted_across_astral_characters() {
        let text = "a😀bc😀d";
        assert_eq!(back(text, text.len(), 2), text.len() - "😀d".len());
        assert_eq!(back(text, 1, 5), 0);
        assert_eq!(ahead(text, 0, 2), "a😀".len());
        assert_eq!(ahead(text, "a😀".len(), 99), text.len());
    }

    #[test]
    fn the_context_grows_until_the_passage_with_it_is_found_once() {
        // The passage (the second "x") with 32 code points each way is still there
        // twice: the context doubles until it reaches the text's ends.
        let unit = "y".repeat(40);
        let text = format!("{unit}x{unit}x{unit}x{unit}");
        let start = text.match_indices('x').nth(1).unwrap().0;
        let (prefix, suffix) = context(&text, start, start + 1);
        assert_eq!(prefix.chars().count(), 64);
        assert_eq!(suffix.chars().count(), 64);
        assert!(!repeated(&text, start - 64, start + 65));
        assert!(repeated(&text, start - 32, start + 33));
        // A passage found once keeps 32 code points each way.
        let (p, s) = context("the one passage here", 4, 7);
        assert_eq!((p.as_str(), s.as_str()), ("the ", " passage here"));
    }
}
