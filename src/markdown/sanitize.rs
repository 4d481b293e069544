//! Raw HTML kept in a body (a profile, a note, a position): the sanitizer's allow-list,
//! and its output's headings kept below the page's one `<h1>`.

use super::SCHEMES;

/// The allow-list that raw HTML in profiles, notes and positions passes: no scripts,
/// event handlers, `javascript:` or `data:` URLs, iframes or forms; and no ids but the
/// footnote ids of `ours`, so that raw HTML cannot repeat an id of the page. Built for
/// each body that holds raw HTML (a rare case), since the ids to keep are the body's.
pub(crate) fn sanitizer(ours: std::collections::HashSet<String>) -> ammonia::Builder<'static> {
    let mut b = ammonia::Builder::default();
    b.add_generic_attributes(["class", "id", "title", "lang", "dir", "aria-label"]);
    b.url_schemes(SCHEMES.into_iter().collect());
    b.attribute_filter(move |_, attr, value| {
        (attr != "id" || ours.contains(value)).then(|| value.into())
    });
    b
}

/// `html` (as the sanitizer writes it) with its headings one level down when it has an
/// `<h1>`: raw HTML may write one, and the page's title is its only `<h1>` (Markdown's
/// `#` is shifted by `tidy`). By hand, because the sanitizer renames no element; its
/// output quotes every attribute value with `"`, and writes `<` outside a tag only in
/// such a value, so a tag is known by the quotes alone.
pub(super) fn demote_headings(html: String) -> String {
    let is_h1 = |at: usize| {
        let rest = &html.as_bytes()[at..];
        rest.starts_with(b"<h1") && matches!(rest.get(3), Some(b'>' | b' ' | b'/'))
    };
    let mut in_tag = false;
    let mut quoted = false;
    let mut tags = Vec::new();
    for (i, b) in html.bytes().enumerate() {
        match b {
            b'<' if !in_tag => {
                in_tag = true;
                tags.push(i);
            }
            b'"' if in_tag => quoted = !quoted,
            b'>' if in_tag && !quoted => in_tag = false,
            _ => {}
        }
    }
    if !tags.iter().any(|&at| is_h1(at)) {
        return html;
    }
    let mut out = html.into_bytes();
    for at in tags {
        let name = if out.get(at + 1) == Some(&b'/') {
            at + 2
        } else {
            at + 1
        };
        if out.get(name) == Some(&b'h')
            && let Some(level @ b'1'..=b'5') = out.get(name + 1).copied()
            && matches!(out.get(name + 2), Some(b'>' | b' ' | b'/'))
        {
            out[name + 1] = level + 1;
        }
    }
    // Only ASCII digits were changed: still UTF-8.
    String::from_utf8(out).unwrap_or_default()
}
