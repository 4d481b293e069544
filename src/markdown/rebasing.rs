//! Relative links of a body made relative to another page: a body written for one page
//! (an update, for its page) is shown on others (the home page, the feed).

/// A piece of raw HTML with the relative URLs of its `href` and `src` attributes
/// rebased as `rebase` does, read by the same tokenizer as the link check.
pub(super) fn rebase_html(base: &str, piece: &str) -> String {
    use crate::render::scan::{Attribute, attribute_spans};
    let mut out = String::with_capacity(piece.len() + 16);
    let mut done = 0;
    attribute_spans(piece, |attribute, value, span| {
        if attribute == Attribute::Link && is_relative(&value) {
            let url = rebase(base, &value)
                .replace('&', "&amp;")
                .replace('"', "&quot;");
            out.push_str(&piece[done..span.start]);
            out.push_str(&url);
            done = span.end;
        }
    });
    out.push_str(&piece[done..]);
    out
}

/// `url`, relative to a page, made relative to the page `base` leads from (a folder path
/// ending in `/`): each `../` of `url` climbs out of a folder `base` names, so that
/// `actors/nato/` and `../russia/` give `actors/russia/`, not `actors/nato/../russia/`.
pub(super) fn rebase(base: &str, url: &str) -> String {
    let mut folders: Vec<&str> = base.split_terminator('/').collect();
    let mut rest = url;
    while let Some(after) = rest.strip_prefix("../") {
        match folders.last() {
            Some(&last) if last != ".." && last != "." && !last.is_empty() => {
                folders.pop();
                rest = after;
            }
            _ => break,
        }
    }
    let mut out = String::with_capacity(base.len() + url.len());
    for f in folders {
        out.push_str(f);
        out.push('/');
    }
    out.push_str(rest);
    out
}

/// Whether a URL is relative to its page: no scheme, not from the root or another host.
pub(super) fn is_relative(url: &str) -> bool {
    !url.is_empty()
        && !url.starts_with('/')
        && !url.contains("://")
        && url
            .find(':')
            .is_none_or(|colon| url[..colon].contains(['/', '?', '#']))
}
