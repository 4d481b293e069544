//! Markdown through pulldown-cmark events: the options, wikilinks, raw HTML and unsafe
//! links handled, bodies rendered to HTML. `blocks` reads an article's blocks as a reader
//! sees them; `spans` adds paragraph ids, marks, mention links and notes. No regexes
//! over HTML.

mod blocks;
mod checks;
pub mod depth;
mod html;
pub use depth::too_deep;
pub(crate) use html::push_html;
mod raw;
mod rebasing;
use rebasing::{is_relative, rebase, rebase_html};
pub(crate) mod sanitize;
use sanitize::{demote_headings, sanitizer};
mod spans;
mod tidy;

pub use blocks::{Block, BlockRange, Pos, Segment, analyse, partners};
pub use checks::{LinkProblem, empty_wikilink, external, link_problems};
pub use raw::{RawUrl, raw_html_problems, raw_urls};
pub use spans::{Span, render_article};
pub use tidy::footnote_id;

use pulldown_cmark::{CowStr, Event, LinkType, Options, Parser, Tag, TagEnd};

/// The Markdown dialect: CommonMark with tables, footnotes, strikethrough and `[[wikilinks]]`.
pub fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_WIKILINKS
}

/// Where a `[[slug]]` points: its URL (relative to the page) and the target's title.
pub type Resolve<'r> = &'r dyn Fn(&str) -> Option<(String, String)>;

/// Every `[[slug]]` of a body with the byte offset it starts at, to check the slugs.
pub fn wikilink_targets(body: &str) -> Vec<(String, usize)> {
    Parser::new_ext(body, options())
        .into_offset_iter()
        .filter_map(|(event, range)| match event {
            Event::Start(Tag::Link {
                link_type: LinkType::WikiLink { .. },
                dest_url,
                ..
            }) => Some((dest_url.trim().to_string(), range.start)),
            _ => None,
        })
        .collect()
}

/// What a body writes that can lead somewhere, with the byte offset where it is
/// written: the destination of a link or image that may be followed (not a
/// `[[wikilink]]`), or raw HTML (whose links only an HTML scanner can read).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Written<'a> {
    /// A link or image destination.
    Link(CowStr<'a>),
    /// A piece of raw HTML.
    Html(CowStr<'a>),
}

/// Every link destination and piece of raw HTML of a body, with its byte offset, for
/// the link check to report a broken link where it is written.
pub fn written_links(body: &str) -> Vec<(Written<'_>, usize)> {
    let parser = Parser::new_ext(body, options());
    // A reference link's destination is written in its definition (`[ref]: URL`): a
    // broken one is reported there, where it is fixed. Labels match in any case.
    let definitions: Vec<(String, usize)> = (parser.reference_definitions().iter())
        .map(|(label, def)| (label.to_lowercase(), def.span.start))
        .collect();
    let defined_at = |id: &str| {
        let id = id.to_lowercase();
        (definitions.iter()).find_map(|(label, at)| (*label == id).then_some(*at))
    };
    parser
        .into_offset_iter()
        .filter_map(|(event, range)| match event {
            Event::Start(
                Tag::Link {
                    link_type,
                    dest_url,
                    id,
                    ..
                }
                | Tag::Image {
                    link_type,
                    dest_url,
                    id,
                    ..
                },
            ) if !matches!(link_type, LinkType::WikiLink { .. }) && safe_url(&dest_url) => {
                let at = match link_type {
                    LinkType::Reference | LinkType::Collapsed | LinkType::Shortcut => {
                        defined_at(&id).unwrap_or(range.start)
                    }
                    _ => range.start,
                };
                Some((Written::Link(dest_url), at))
            }
            Event::Html(h) | Event::InlineHtml(h) => Some((Written::Html(h), range.start)),
            _ => None,
        })
        .collect()
}

/// What to do with raw HTML in a body.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RawHtml {
    /// Show it as text (articles: never injected).
    AsText,
    /// Keep it, for the sanitizer (profiles, notes, positions).
    Keep,
}

/// The problems with the links, images and (where `html` keeps it) raw HTML of a body
/// (see `link_problems` and `raw_html_problems`), in order.
pub fn problems(body: &str, html: RawHtml) -> Vec<LinkProblem> {
    let mut out = link_problems(body);
    if html == RawHtml::Keep {
        out.extend(raw_html_problems(body));
        out.sort_by_key(|p| p.at);
    }
    out
}

/// The URL schemes a link in a body may have (besides relative links).
pub const SCHEMES: [&str; 4] = ["http", "https", "mailto", "tel"];

/// Whether a link or image URL in a body may be followed: relative, http(s), mailto, tel.
pub fn safe_url(url: &str) -> bool {
    // Browsers ignore white space and control characters inside a scheme.
    let cleaned: String = url
        .chars()
        .filter(|c| !c.is_ascii_whitespace() && !c.is_control())
        .collect();
    match cleaned.find(':') {
        None => true,
        Some(i) if cleaned[..i].contains(['/', '?', '#']) => true,
        Some(i) => SCHEMES.contains(&cleaned[..i].to_ascii_lowercase().as_str()),
    }
}

/// The events of an article: raw HTML as text, wikilinks resolved, unsafe links dropped,
/// footnotes in the page's main namespace (see `tidy`).
pub fn parse<'a>(body: &'a str, resolve: Resolve<'_>) -> Vec<Event<'a>> {
    parse_with(body, resolve, RawHtml::AsText, "").0
}

/// The events of a body, with raw HTML handled as `html` says, `[[wikilinks]]` turned
/// into ordinary links to `resolve`'s URL (showing the target's title when no text is
/// given; an unknown slug is left as plain text), and links or images whose URL is not
/// safe turned into their text; a link without text shows its target's title or URL.
/// Footnotes get ids of namespace `ns` and headings are shifted below the page's `<h1>`
/// (see `tidy`). Also says whether raw HTML was kept.
pub fn parse_with<'a>(
    body: &'a str,
    resolve: Resolve<'_>,
    html: RawHtml,
    ns: &str,
) -> (Vec<Event<'a>>, bool) {
    let mut out = Vec::new();
    let mut kept_html = false;
    // For each open link or image: keep it, replace its text, or drop its tags.
    let mut links: Vec<LinkMode> = Vec::new();
    for event in Parser::new_ext(body, options()) {
        match event {
            Event::Start(Tag::HtmlBlock) if html == RawHtml::AsText => {
                out.push(Event::Start(Tag::Paragraph))
            }
            Event::End(TagEnd::HtmlBlock) if html == RawHtml::AsText => {
                out.push(Event::End(TagEnd::Paragraph))
            }
            Event::Html(h) | Event::InlineHtml(h) if html == RawHtml::AsText => {
                out.push(Event::Text(h))
            }
            e @ (Event::Html(_) | Event::InlineHtml(_)) => {
                kept_html = true;
                out.push(e);
            }
            Event::Start(Tag::Link {
                link_type: LinkType::WikiLink { has_pothole },
                dest_url,
                ..
            }) => match resolve(dest_url.trim()) {
                Some((url, title)) => {
                    // Still marked as a wikilink: its URL is already the page's own
                    // (see `rebase`).
                    out.push(Event::Start(Tag::Link {
                        link_type: LinkType::WikiLink { has_pothole },
                        dest_url: url.into(),
                        title: CowStr::Borrowed(""),
                        id: CowStr::Borrowed(""),
                    }));
                    if has_pothole {
                        links.push(LinkMode::Keep {
                            at: out.len() - 1,
                            fallback: title,
                        });
                    } else {
                        out.push(Event::Text(title.into()));
                        links.push(LinkMode::Replaced);
                    }
                }
                None => {
                    if !has_pothole {
                        out.push(Event::Text(format!("[[{dest_url}]]").into()));
                    }
                    links.push(LinkMode::Dropped {
                        keep_text: has_pothole,
                    });
                }
            },
            Event::Start(tag @ (Tag::Link { .. } | Tag::Image { .. })) => {
                let url = match &tag {
                    Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. } => dest_url.as_ref(),
                    _ => "",
                };
                if safe_url(url) {
                    links.push(LinkMode::Keep {
                        at: out.len(),
                        fallback: url.to_string(),
                    });
                    out.push(Event::Start(tag));
                } else {
                    links.push(LinkMode::Dropped { keep_text: true });
                }
            }
            Event::End(end @ (TagEnd::Link | TagEnd::Image)) => match links.pop() {
                Some(LinkMode::Dropped { .. }) => {}
                Some(LinkMode::Keep { at, fallback }) => {
                    // A link needs a name: with no text, its target's title or URL.
                    if end == TagEnd::Link && !tidy::has_content(&out[at + 1..]) {
                        out.push(Event::Text(fallback.into()));
                    }
                    out.push(Event::End(end))
                }
                _ => out.push(Event::End(end)),
            },
            event => match links.last() {
                Some(LinkMode::Replaced) | Some(LinkMode::Dropped { keep_text: false })
                    if matches!(event, Event::Text(_) | Event::Code(_)) => {}
                _ => out.push(event),
            },
        }
    }
    tidy::footnotes(&mut out, ns);
    tidy::headings(&mut out);
    (out, kept_html)
}

enum LinkMode {
    /// Kept: where its start is in the output, and the text to show if it has none.
    Keep {
        at: usize,
        fallback: String,
    },
    Replaced,
    Dropped {
        keep_text: bool,
    },
}

/// Renders events to HTML, through the sanitizer when they hold raw HTML.
fn render(mut events: Vec<Event>, mut kept_html: bool, size: usize) -> String {
    if kept_html && depth::nests_too_deep(&events) {
        // Too deep for a browser, and for the sanitizer's parser to read in time: its
        // raw HTML shown as text, as an article's is (and reported where it is written).
        for event in &mut events {
            if let Event::Html(h) | Event::InlineHtml(h) = event {
                *event = Event::Text(std::mem::replace(h, "".into()));
            }
        }
        kept_html = false;
    }
    let ours = if kept_html {
        tidy::footnote_ids(&events)
    } else {
        Default::default()
    };
    let mut html = String::with_capacity(size * 3 / 2);
    push_html(&mut html, events.into_iter());
    if kept_html {
        demote_headings(sanitizer(ours).clean(&html).to_string())
    } else {
        html
    }
}

/// Renders Markdown (a profile, a note, a position's body) to HTML, its footnotes in
/// namespace `ns` (unique on the page it is shown on).
pub fn to_html(body: &str, resolve: Resolve<'_>, ns: &str) -> String {
    let (events, kept_html) = parse_with(body, resolve, RawHtml::Keep, ns);
    render(events, kept_html, body.len())
}

/// Renders Markdown written for one page onto another: the links and images it writes
/// as relative URLs (`img/x.png`, `#p3`) are taken as relative to the page it was
/// written for and prefixed with `base`, the way from the page shown to that one;
/// `[[wikilinks]]` already point from the page shown. (A note is written for its
/// article and shown on its own page too.)
pub fn to_html_rebased(body: &str, resolve: Resolve<'_>, ns: &str, base: &str) -> String {
    to_html_as(body, resolve, ns, base, RawHtml::Keep)
}

/// `to_html_rebased` (no rebasing with an empty `base`), raw HTML handled as `html`
/// says: an article's update shows it as text, as the article's body does.
pub fn to_html_as(body: &str, resolve: Resolve<'_>, ns: &str, base: &str, html: RawHtml) -> String {
    let (mut events, kept_html) = parse_with(body, resolve, html, ns);
    if base.is_empty() {
        return render(events, kept_html, body.len());
    }
    for event in &mut events {
        if let Event::Start(
            Tag::Link {
                link_type,
                dest_url,
                ..
            }
            | Tag::Image {
                link_type,
                dest_url,
                ..
            },
        ) = event
            && !matches!(link_type, LinkType::WikiLink { .. })
            && is_relative(dest_url)
        {
            *dest_url = rebase(base, dest_url).into();
        }
        if let Event::Html(piece) | Event::InlineHtml(piece) = event {
            *piece = rebase_html(base, piece).into();
        }
    }
    render(events, kept_html, body.len())
}

/// How to keep a picture of another host: its path from the page, which depends on
/// where the text shows (the hint cannot know every page it shows on).
pub(crate) const STATIC_HINT: &str = "save it under static/, e.g. static/img/photo.jpg, and give its path from the page: ../../img/photo.jpg from an article, actor, position or note, ../img/photo.jpg from the timeline";

/// Renders Markdown with `lead` (inline HTML) at the start of its first paragraph, or in a
/// paragraph of its own when the body does not open with one.
pub fn to_html_with_lead(body: &str, resolve: Resolve<'_>, lead: &str, ns: &str) -> String {
    let (events, kept_html) = parse_with(body, resolve, RawHtml::Keep, ns);
    // The lead is the page's own HTML (a labelled link back): added after the sanitizer,
    // which would strip its label, into the first paragraph if the body starts with one.
    let html = render(events, kept_html, body.len());
    match html.strip_prefix("<p>") {
        Some(rest) => format!("<p>{lead}{rest}"),
        None if html.is_empty() => format!("<p>{lead}</p>"),
        None => format!("<p>{lead}</p>\n{html}"),
    }
}

#[cfg(test)]
#[path = "mod_tests.rs"]
mod tests;
