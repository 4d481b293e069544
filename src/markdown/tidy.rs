//! Passes over a body's events that make it fit the page it is shown on: footnote ids
//! that no other body or the page itself uses, and headings below the page's `<h1>`.

use std::collections::{HashMap, HashSet};

use pulldown_cmark::{CowStr, Event, HeadingLevel, Tag, TagEnd};

/// The id of footnote `n` of namespace `ns`: `fn-N` for the page's main text, `fn-NS-N`
/// for any other body on the page. The generator's own ids never start with `fn-`, and
/// the number is the last part, so two namespaces never make the same id.
pub fn footnote_id(ns: &str, n: usize) -> String {
    if ns.is_empty() {
        format!("fn-{n}")
    } else {
        format!("fn-{ns}-{n}")
    }
}

/// Renames every footnote label to its id in namespace `ns`, numbered in order of first
/// use as the renderer numbers them (labels match regardless of case, as in CommonMark),
/// so that a reference leads to its own definition whatever else is on the page.
pub fn footnotes(events: &mut [Event], ns: &str) {
    let mut numbers: HashMap<String, usize> = HashMap::new();
    let mut id = |label: &str| -> CowStr<'static> {
        let len = numbers.len() + 1;
        let n = *numbers.entry(label.to_lowercase()).or_insert(len);
        footnote_id(ns, n).into()
    };
    for event in events.iter_mut() {
        match event {
            Event::FootnoteReference(label) => *label = id(label),
            Event::Start(Tag::FootnoteDefinition(label)) => *label = id(label),
            _ => {}
        }
    }
}

/// The ids the footnotes of `events` (already renamed) will have.
pub fn footnote_ids(events: &[Event]) -> HashSet<String> {
    events
        .iter()
        .filter_map(|e| match e {
            Event::Start(Tag::FootnoteDefinition(label)) => Some(label.to_string()),
            _ => None,
        })
        .collect()
}

/// Shifts a body's headings one level down when it uses `#` (level 1), so that the
/// page's title stays its only `<h1>`; a body that starts at `##` keeps its levels.
pub fn headings(events: &mut [Event]) {
    let has_h1 = events.iter().any(|e| {
        matches!(
            e,
            Event::Start(Tag::Heading {
                level: HeadingLevel::H1,
                ..
            })
        )
    });
    if !has_h1 {
        return;
    }
    let down = |level: &mut HeadingLevel| {
        *level = HeadingLevel::try_from(*level as usize + 1).unwrap_or(HeadingLevel::H6)
    };
    for event in events.iter_mut() {
        match event {
            Event::Start(Tag::Heading { level, .. }) | Event::End(TagEnd::Heading(level)) => {
                down(level)
            }
            _ => {}
        }
    }
}

/// Whether `events` (a link's inside) show anything: text, code or an image.
pub fn has_content(events: &[Event]) -> bool {
    events.iter().any(|e| match e {
        Event::Text(t) | Event::Code(t) => !t.trim().is_empty(),
        Event::Start(Tag::Image { .. }) | Event::InlineHtml(_) => true,
        _ => false,
    })
}

#[cfg(test)]
mod tests {
    use crate::markdown::{RawHtml, parse_with, to_html};

    fn none(_: &str) -> Option<(String, String)> {
        None
    }

    #[test]
    fn footnotes_are_namespaced_and_numbered_by_first_use() {
        let html = to_html(
            "A[^b] and[^A] again[^a].\n\n[^a]: One.\n[^b]: Two.",
            &none,
            "note_x",
        );
        assert!(html.contains("href=\"#fn-note_x-1\">1<"), "{html}");
        assert!(html.contains("href=\"#fn-note_x-2\">2<"), "{html}");
        assert!(html.contains("id=\"fn-note_x-2\""), "{html}");
        assert!(!html.contains("id=\"a\"") && !html.contains("id=\"b\""));
        let main = to_html("A[^main].\n\n[^main]: M.", &none, "");
        assert!(main.contains("id=\"fn-1\"") && main.contains("href=\"#fn-1\""));
    }

    #[test]
    fn raw_html_keeps_footnote_ids_but_not_its_own() {
        let html = to_html(
            "<span id=\"main\">x</span>[^1] <b id=\"p1\">y</b>\n\n[^1]: N.",
            &none,
            "s",
        );
        assert!(html.contains("id=\"fn-s-1\""), "{html}");
        assert_eq!(html.matches("id=").count(), 1, "{html}");
    }

    #[test]
    fn headings_move_below_the_page_title() {
        let (events, _) = parse_with("# One\n\n## Two", &none, RawHtml::AsText, "");
        let mut html = String::new();
        pulldown_cmark::html::push_html(&mut html, events.into_iter());
        assert!(html.contains("<h2>One</h2>") && html.contains("<h3>Two</h3>"));
        let kept = to_html("## Two\n\n### Three", &none, "");
        assert!(kept.contains("<h2>Two</h2>") && kept.contains("<h3>Three</h3>"));
    }

    #[test]
    fn links_without_text_show_their_target() {
        let resolve = |_: &str| Some(("../x/".to_string(), "Ana Lopes".to_string()));
        let html = to_html("[[ana|]] and [](https://e.org)", &resolve, "");
        assert!(html.contains(">Ana Lopes</a>"), "{html}");
        assert!(html.contains(">https://e.org</a>"), "{html}");
    }
}
