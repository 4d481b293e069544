//! What a writer should hear about the links and images of a body: the ones dropped as
//! unsafe, images from other hosts, links that would show no text, and wikilinks that
//! break the link around them. Each at the byte offset where it is written.

use pulldown_cmark::{Event, LinkType, Parser, Tag, TagEnd};

use super::{SCHEMES, options, safe_url, tidy::has_content};

/// A problem with a link or image of a body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkProblem {
    /// The byte offset in the body where it is written.
    pub at: usize,
    /// An error (the page cannot be made as the contract says) or a warning.
    pub error: bool,
    /// What is wrong.
    pub message: String,
    /// How to fix it.
    pub hint: Option<String>,
}

impl LinkProblem {
    fn warning(at: usize, message: String, hint: Option<String>) -> LinkProblem {
        LinkProblem {
            at,
            error: false,
            message,
            hint,
        }
    }
}

/// How to fix a link or image dropped as unsafe.
pub(super) fn unsafe_hint() -> String {
    format!(
        "a body may link to relative paths and {} URLs",
        SCHEMES.join(", ")
    )
}

/// Whether a URL points to another host (absolute http(s), or `//host/…`).
pub fn external(url: &str) -> bool {
    let url = url.trim();
    let lower = url.get(..8).unwrap_or(url).to_ascii_lowercase();
    lower.starts_with("http://") || lower.starts_with("https://") || url.starts_with("//")
}

/// Whether `body` may hold a link or image with a problem: an image, a wikilink, empty
/// brackets, or a link destination (inline, reference or autolink) with a scheme that
/// is not kept. Most bodies have none of these, and are not parsed again for nothing.
fn may_have_problems(body: &str) -> bool {
    let b = body.as_bytes();
    // The scheme of a destination that starts at `at`, if it has one and it is not kept.
    let unsafe_at = |at: usize| {
        let rest = body[at.min(body.len())..].trim_start_matches([' ', '\t', '\n', '<']);
        let scheme_len = rest
            .bytes()
            .take_while(|b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'-' | b'.'))
            .count();
        rest[scheme_len..].starts_with(':')
            && !SCHEMES.contains(&rest[..scheme_len].to_ascii_lowercase().as_str())
    };
    // One pass over the brackets (quicker than a search for each pattern).
    memchr::memchr3_iter(b'[', b']', b'<', b).any(|i| match b[i] {
        b'[' => {
            (i > 0 && b[i - 1] == b'!')
                || matches!(b.get(i + 1), Some(b'[' | b']'))
                || (b.get(i + 1) == Some(&b' ') && b.get(i + 2) == Some(&b']'))
        }
        b']' => matches!(b.get(i + 1), Some(b'(' | b':')) && unsafe_at(i + 2),
        _ => unsafe_at(i + 1),
    })
}

/// The problems with the links and images of `body`, in order.
pub fn link_problems(body: &str) -> Vec<LinkProblem> {
    if !may_have_problems(body) {
        return Vec::new();
    }
    let events: Vec<(Event, std::ops::Range<usize>)> = Parser::new_ext(body, options())
        .into_offset_iter()
        .collect();
    let mut out = Vec::new();
    // In the current paragraph: where a literal `[` is, and whether a wikilink followed.
    let mut bracket: Option<usize> = None;
    let mut wiki_after_bracket = false;
    for (i, (event, range)) in events.iter().enumerate() {
        match event {
            Event::Start(Tag::Link {
                link_type: LinkType::WikiLink { has_pothole },
                dest_url,
                ..
            }) => {
                wiki_after_bracket |= bracket.is_some();
                let text = link_text(&events[i + 1..]);
                if *has_pothole && text.trim().is_empty() {
                    out.push(LinkProblem::warning(
                        range.start,
                        format!("[[{dest_url}|]] has no text after `|`; the title is shown"),
                        Some(format!("write [[{dest_url}]] or [[{dest_url}|some text]]")),
                    ));
                } else if *has_pothole && text.contains('|') {
                    out.push(LinkProblem::warning(
                        range.start,
                        format!("[[{dest_url}|{text}]] has more than one `|`; all of \"{text}\" is shown"),
                        None,
                    ));
                }
            }
            Event::Start(tag @ (Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. })) => {
                let image = matches!(tag, Tag::Image { .. });
                let what = if image { "image" } else { "link" };
                if !safe_url(dest_url) {
                    out.push(LinkProblem::warning(
                        range.start,
                        format!("{what} to \"{dest_url}\" is dropped (only its text is shown)"),
                        Some(unsafe_hint()),
                    ));
                } else if image && external(dest_url) {
                    out.push(LinkProblem {
                        at: range.start,
                        error: true,
                        message: format!(
                            "image \"{dest_url}\" is on another host, and pages load nothing from other hosts"
                        ),
                        hint: Some(
                            super::STATIC_HINT
                                .into(),
                        ),
                    });
                } else if !image && !has_content(&inside(&events[i + 1..])) {
                    out.push(LinkProblem::warning(
                        range.start,
                        format!("link to \"{dest_url}\" has no text; its address is shown"),
                        None,
                    ));
                }
            }
            // Raw HTML is no Markdown: a `[[slug]]` in it is neither a link nor checked.
            Event::Html(h) | Event::InlineHtml(h) => {
                if let Some(open) = h.find("[[")
                    && let Some(len) = h[open..].find("]]")
                {
                    let written = &h[open..open + len + 2];
                    out.push(LinkProblem::warning(
                        range.start + open,
                        format!(
                            "{written} inside raw HTML is no link: the page shows it as written"
                        ),
                        Some(
                            "write it outside the HTML, in a paragraph of Markdown of its own"
                                .into(),
                        ),
                    ));
                }
            }
            Event::Text(t) if &**t == "[" => bracket = Some(range.start),
            Event::Text(t) if &**t == "]" && wiki_after_bracket => {
                let next_opens =
                    matches!(events.get(i + 1), Some((Event::Text(n), _)) if n.starts_with('('));
                if let (true, Some(at)) = (next_opens, bracket) {
                    out.push(LinkProblem::warning(
                        at,
                        "a [[wikilink]] inside a link's text breaks that link: it is shown as plain text".into(),
                        Some("take the [[wikilink]] out of the [text](url)".into()),
                    ));
                    bracket = None;
                    wiki_after_bracket = false;
                }
            }
            Event::Start(Tag::Paragraph | Tag::Heading { .. } | Tag::TableCell | Tag::Item)
            | Event::End(
                TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::TableCell | TagEnd::Item,
            ) => {
                bracket = None;
                wiki_after_bracket = false;
            }
            _ => {}
        }
    }
    out.extend(empty_wikilinks(body, &events));
    out.sort_by_key(|p| p.at);
    out
}

/// `[[]]`, `[[ ]]` and `[[|text]]` in text (not code): no link at all to the Markdown
/// parser, so they would be shown as written without a word.
fn empty_wikilinks(body: &str, events: &[(Event, std::ops::Range<usize>)]) -> Vec<LinkProblem> {
    let in_text = |at: usize| {
        let code = |e: &Event| matches!(e, Event::Start(Tag::CodeBlock(_)));
        events
            .iter()
            .any(|(e, r)| matches!(e, Event::Text(_)) && r.contains(&at))
            && !events.iter().any(|(e, r)| code(e) && r.contains(&at))
    };
    memchr::memmem::find_iter(body.as_bytes(), "[[")
        .filter(|&at| {
            let rest = &body[at + 2..];
            let Some(end) = rest.find("]]") else {
                return false;
            };
            let inner = &rest[..end];
            !inner.contains(['\n', '['])
                && inner.split('|').next().is_some_and(|t| t.trim().is_empty())
        })
        .filter(|&at| in_text(at))
        .map(empty_wikilink)
        .collect()
}

/// The error of a `[[wikilink]]` at `at` that names nothing.
pub fn empty_wikilink(at: usize) -> LinkProblem {
    LinkProblem {
        at,
        error: true,
        message: "[[…]] names nothing to link to: it would be shown as written".into(),
        hint: Some(
            "write [[slug]] or [[slug|text]], the slug of an article, actor or position".into(),
        ),
    }
}

/// The events inside the link or image that starts just before `events`.
fn inside<'a>(events: &[(Event<'a>, std::ops::Range<usize>)]) -> Vec<Event<'a>> {
    let mut depth = 0usize;
    let mut out = Vec::new();
    for (e, _) in events {
        match e {
            Event::Start(_) => depth += 1,
            Event::End(_) if depth == 0 => break,
            Event::End(_) => depth -= 1,
            _ => {}
        }
        out.push(e.clone());
    }
    out
}

/// The text inside the link that starts just before `events`.
fn link_text(events: &[(Event, std::ops::Range<usize>)]) -> String {
    inside(events)
        .iter()
        .filter_map(|e| match e {
            Event::Text(t) | Event::Code(t) => Some(t.as_ref()),
            _ => None,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn messages(body: &str) -> Vec<(usize, bool, String)> {
        link_problems(body)
            .into_iter()
            .map(|p| (p.at, p.error, p.message))
            .collect()
    }

    #[test]
    fn unsafe_links_are_reported_where_written() {
        let got = messages("ok [a](ftp://x.org/) [j](javascript:x) [m](mailto:a@b.c) [t](tel:+1)");
        assert_eq!(got.len(), 2, "{got:?}");
        assert_eq!((got[0].0, got[0].1), (3, false));
        assert!(got[1].2.contains("javascript:x"), "{got:?}");
    }

    #[test]
    fn bodies_with_safe_links_only_are_not_parsed_again() {
        assert!(!may_have_problems(
            "See [a](https://e.org), [b]( mailto:x@y.z), <https://e.org>, [c](x/y:z), <b>."
        ));
        for bad in [
            "[a](ftp://x)",
            "[a]: javascript:x",
            "<data:x>",
            "![i](p.png)",
            "[[x]]",
            "[](y)",
        ] {
            assert!(may_have_problems(bad), "{bad}");
        }
    }

    #[test]
    fn external_images_are_errors() {
        let got =
            messages("![p](https://other.example/p.png) ![q](//cdn.example/q.png) ![r](img/r.png)");
        assert_eq!(got.len(), 2, "{got:?}");
        assert!(got.iter().all(|g| g.1));
    }

    #[test]
    fn empty_and_broken_links_are_reported() {
        let got =
            messages("[[ana|]] [[ana|a|b]] [](https://e.org) [link [[ana]] inside](https://e.org)");
        assert_eq!(got.len(), 4, "{got:?}");
        assert!(got[0].2.contains("no text after"));
        assert!(got[1].2.contains("more than one"));
        assert!(got[2].2.contains("has no text"));
        assert!(got[3].2.contains("inside a link's text"));
        assert!(messages("[[ana]] [a](https://e.org) [x] [y](z)").is_empty());
    }

    #[test]
    fn a_wikilink_that_names_nothing_is_an_error_outside_code() {
        // Probe: `[[]]` and `[[|x]]` were shown as written without a word.
        let body = "A [[]] b [[|x]] c `[[]]` d [[ok]].\n\n    [[]] in code\n";
        let got: Vec<(usize, bool)> = link_problems(body)
            .into_iter()
            .map(|p| (p.at, p.error))
            .collect();
        assert_eq!(got, [(2, true), (9, true)]);
    }
}
