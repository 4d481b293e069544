//! What raw HTML kept in a body (a profile, a note, a position, an update outside an
//! article) writes that the writer should hear about, each at the byte offset where it
//! is written, as `checks` does for Markdown's own links and images: a URL whose scheme
//! the sanitizer drops, and a resource from another host that the sanitizer keeps (a
//! picture), which the page's Content-Security-Policy would block. What the sanitizer
//! drops whole (`<iframe>`, `<video>`, `<source>`) never reaches a page.

use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

use pulldown_cmark::{Event, Parser};

use super::checks::{LinkProblem, external, unsafe_hint};
use super::{options, safe_url, sanitizer};
use crate::render::tags::tags;

/// The elements and attributes the sanitizer keeps (see `super::sanitizer`): what it
/// drops whole (`<iframe>`, `<video poster>`) never reaches a page.
struct Kept {
    tags: HashSet<&'static str>,
    attributes: HashMap<&'static str, HashSet<&'static str>>,
    generic: HashSet<&'static str>,
}

static KEPT: LazyLock<Kept> = LazyLock::new(|| {
    let b = sanitizer(HashSet::new());
    Kept {
        tags: b.clone_tags(),
        attributes: b.clone_tag_attributes(),
        generic: b.clone_generic_attributes(),
    }
});

/// Whether the sanitizer keeps the attribute `attribute` of the element `tag`.
fn kept(tag: &str, attribute: &str) -> bool {
    let k = &*KEPT;
    k.tags.contains(tag)
        && (k.generic.contains(attribute)
            || k.attributes.get(tag).is_some_and(|a| a.contains(attribute)))
}

/// A URL written in an attribute of raw HTML.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawUrl {
    /// The element, lower-case (`img`).
    pub tag: String,
    /// The attribute, lower-case (`srcset`).
    pub attribute: String,
    /// The URL, entities decoded.
    pub url: String,
    /// The byte offset in the body where its value is written.
    pub at: usize,
}

impl RawUrl {
    /// Whether a browser loads it into the page (a picture, a frame), rather than
    /// following it when asked (a link, a quotation's source).
    pub fn loads(&self) -> bool {
        match self.attribute.as_str() {
            "href" => matches!(self.tag.as_str(), "link" | "image" | "use" | "feimage"),
            "action" | "formaction" | "cite" | "longdesc" | "ping" | "itemid" => false,
            _ => true,
        }
    }
}

/// Attributes whose value is one URL.
const URL_ATTRIBUTES: [&str; 13] = [
    "href",
    "src",
    "poster",
    "data",
    "action",
    "formaction",
    "cite",
    "background",
    "longdesc",
    "xlink:href",
    "manifest",
    "ping",
    "codebase",
];

/// Attributes whose value is a list of `URL [descriptor]`, separated by commas.
const SRCSET_ATTRIBUTES: [&str; 2] = ["srcset", "imagesrcset"];

/// Where the raw HTML of `body` starts, when the body nests too deep with it
/// (`depth::too_deep`): Markdown's own nesting counts too, since the sanitizer reads
/// them together.
fn too_deep(body: &str) -> Option<usize> {
    memchr::memchr(b'<', body.as_bytes())?;
    if !super::too_deep(body) {
        return None;
    }
    Parser::new_ext(body, options())
        .into_offset_iter()
        .find(|(event, _)| matches!(event, Event::Html(_) | Event::InlineHtml(_)))
        .map(|(_, range)| range.start)
}

/// Every URL written in the raw HTML of `body` (as Markdown reads it: not in code) in an
/// attribute the sanitizer keeps, in order. Raw HTML that follows raw HTML (the lines of an HTML block) is read as one
/// piece, as the browser reads the page, so a tag written over several lines counts.
pub fn raw_urls(body: &str) -> Vec<RawUrl> {
    let mut out = Vec::new();
    if memchr::memchr(b'<', body.as_bytes()).is_none() {
        return out;
    }
    // The piece being gathered, and where each of its parts starts: (in it, in `body`).
    let mut piece = String::new();
    let mut starts: Vec<(usize, usize)> = Vec::new();
    for (event, range) in Parser::new_ext(body, options()).into_offset_iter() {
        match event {
            Event::Html(h) | Event::InlineHtml(h) => {
                starts.push((piece.len(), range.start));
                piece.push_str(&h);
            }
            _ if !piece.is_empty() => {
                urls_of(&piece, &starts, &mut out);
                piece.clear();
                starts.clear();
            }
            _ => {}
        }
    }
    urls_of(&piece, &starts, &mut out);
    out
}

/// The URLs of one piece of raw HTML; `starts` maps its offsets to the body's.
fn urls_of(piece: &str, starts: &[(usize, usize)], out: &mut Vec<RawUrl>) {
    let in_body = |at: usize| {
        let i = starts.partition_point(|(s, _)| *s <= at).saturating_sub(1);
        starts.get(i).map_or(at, |(s, b)| b + (at - s))
    };
    tags(piece, |a| {
        let attribute = a.name.to_ascii_lowercase();
        let tag = a.tag.to_ascii_lowercase();
        if !kept(&tag, &attribute) {
            return;
        }
        let at = in_body(a.span.start);
        let mut push = |url: &str| {
            out.push(RawUrl {
                tag: tag.clone(),
                attribute: attribute.clone(),
                url: url.to_string(),
                at,
            })
        };
        if URL_ATTRIBUTES.contains(&attribute.as_str()) {
            push(a.value.trim());
        } else if SRCSET_ATTRIBUTES.contains(&attribute.as_str()) {
            for candidate in a.value.split(',') {
                if let Some(url) = candidate.split_ascii_whitespace().next() {
                    push(url);
                }
            }
        }
    });
}

/// The problems with the URLs of the raw HTML of `body`, in order: one the sanitizer
/// drops (a warning, as for a Markdown link), and a resource from another host (an
/// error, as for a Markdown image).
pub fn raw_html_problems(body: &str) -> Vec<LinkProblem> {
    let mut out = Vec::new();
    if let Some(at) = too_deep(body) {
        out.push(LinkProblem {
            at,
            error: true,
            message: format!(
                "this text nests more than {} elements deep, deeper than browsers build: its raw HTML is shown as text",
                super::depth::MOST
            ),
            hint: Some("close the elements its raw HTML opens (</div>), and nest quotes and lists fewer levels deep".into()),
        });
    }
    for u in raw_urls(body) {
        let link = u.attribute == "href" && !u.loads();
        if !safe_url(&u.url) {
            let message = if link {
                format!("link to \"{}\" is dropped (only its text is shown)", u.url)
            } else {
                format!("<{} {}=\"{}\"> is dropped", u.tag, u.attribute, u.url)
            };
            out.push(LinkProblem {
                at: u.at,
                error: false,
                message,
                hint: Some(unsafe_hint()),
            });
        } else if u.loads() && external(&u.url) {
            let what = match (u.tag.as_str(), u.attribute.as_str()) {
                ("img", "src") => "image".to_string(),
                (tag, attribute) => format!("<{tag} {attribute}>"),
            };
            out.push(LinkProblem {
                at: u.at,
                error: true,
                message: format!(
                    "{what} \"{}\" is on another host, and pages load nothing from other hosts",
                    u.url
                ),
                hint: Some(super::STATIC_HINT.into()),
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn messages(body: &str) -> Vec<(usize, bool, String)> {
        raw_html_problems(body)
            .into_iter()
            .map(|p| (p.at, p.error, p.message))
            .collect()
    }

    #[test]
    fn resources_from_other_hosts_are_errors_where_written() {
        // What the sanitizer drops (a video, a frame) never loads: nothing to say.
        let body = "Profile <img src=\"https://evil.example/p.png\" alt=\"p\">.\n\n<div><img\n  src=\"//cdn.example/v.jpg\"></div>\n\n<video poster=\"https://x.example/v.jpg\"><iframe src=\"https://x.example/f\"></iframe></video>\n";
        let found = messages(body);
        assert_eq!(found.len(), 2, "{found:?}");
        assert!(found.iter().all(|(_, error, _)| *error));
        assert!(
            found[0]
                .2
                .starts_with("image \"https://evil.example/p.png\"")
        );
        assert_eq!(found[0].0, body.find("https://evil").unwrap());
        assert_eq!(found[1].0, body.find("//cdn").unwrap());
    }

    #[test]
    fn unsafe_links_are_warnings_and_links_elsewhere_pass() {
        let body = "<a href=\"javascript:alert(1)\">js</a> <a href='ftp://x.org/'>f</a> <a href=\"https://e.org/\">ok</a> <img src=\"../../i.png\">\n\n`<img src=\"https://e.org/x.png\">`\n";
        let found = messages(body);
        assert_eq!(found.len(), 2, "{found:?}");
        assert!(found.iter().all(|(_, error, _)| !*error));
        assert!(
            found[0]
                .2
                .starts_with("link to \"javascript:alert(1)\" is dropped")
        );
        assert!(
            found[1]
                .2
                .starts_with("link to \"ftp://x.org/\" is dropped")
        );
    }
}
