//! Checks that every internal link of the rendered site resolves to a file (and, with a
//! fragment, to an id on that page).

use std::collections::{BTreeMap, BTreeSet};

use crate::diagnostic::Diagnostic;

/// The internal-link facts of one page: where it links, and which ids it has.
#[derive(Debug, Default, Clone)]
pub struct PageLinks {
    /// Every `href` and `src`, once each.
    pub links: BTreeSet<String>,
    /// Every `id`.
    pub ids: BTreeSet<String>,
    /// Each internal link, with the output file and fragment it leads to (see `resolved`).
    pub targets: Vec<(String, String, Option<String>)>,
}

/// `scan` of the page at output path `page`, with its internal links resolved.
pub fn scan_page(page: &str, html: &str, base_url: Option<&str>) -> PageLinks {
    let mut out = scan(html);
    out.targets = out
        .links
        .iter()
        .filter_map(|link| resolve(page, link, base_url).map(|(t, f)| (link.clone(), t, f)))
        .collect();
    out
}

/// The `href` and `src` values of an HTML page, and its `id`s.
///
/// A small attribute scanner rather than a full HTML parser: the pages are the program's
/// own output, and only these two attributes and `id` are read.
pub fn scan(html: &str) -> PageLinks {
    let mut out = PageLinks::default();
    let bytes = html.as_bytes();
    let mut i = 0;
    while let Some(at) = memchr_eq(&bytes[i..]) {
        let eq = i + at;
        i = eq + 1;
        let name = attribute_name(bytes, eq);
        let is_id = name.eq_ignore_ascii_case(b"id");
        if !is_id && !name.eq_ignore_ascii_case(b"href") && !name.eq_ignore_ascii_case(b"src") {
            continue;
        }
        let mut start = eq + 1;
        while bytes.get(start).is_some_and(u8::is_ascii_whitespace) {
            start += 1;
        }
        let (value, end) = match bytes.get(start) {
            Some(&q @ (b'"' | b'\'')) => match bytes[start + 1..].iter().position(|&b| b == q) {
                Some(e) => (&html[start + 1..start + 1 + e], start + 2 + e),
                None => continue,
            },
            _ => {
                let e = bytes[start..]
                    .iter()
                    .position(|b| b.is_ascii_whitespace() || *b == b'>')
                    .unwrap_or(bytes.len() - start);
                (&html[start..start + e], start + e)
            }
        };
        i = end;
        let set = if is_id { &mut out.ids } else { &mut out.links };
        if !set.contains(value) {
            set.insert(decode(value));
        }
    }
    out
}

fn memchr_eq(bytes: &[u8]) -> Option<usize> {
    bytes.iter().position(|&b| b == b'=')
}

/// The attribute name just before the `=` at `eq`.
fn attribute_name(bytes: &[u8], eq: usize) -> &[u8] {
    let mut end = eq;
    while end > 0 && bytes[end - 1].is_ascii_whitespace() {
        end -= 1;
    }
    let mut start = end;
    while start > 0
        && !matches!(
            bytes[start - 1],
            b' ' | b'\t' | b'\n' | b'\r' | b'<' | b'"' | b'\''
        )
    {
        start -= 1;
    }
    &bytes[start..end]
}

fn decode(v: &str) -> String {
    if !v.contains('&') {
        return v.to_string();
    }
    v.replace("&amp;", "&")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
}

/// Diagnostics for links of `pages` (output path → HTML) that lead nowhere among
/// `files` (every output path). `origin` names the template a page came from: a missing
/// page is blamed on the linking page's template, a missing id on the target's. With
/// `from`, only the links of those pages are looked at.
pub fn check(
    pages: &BTreeMap<String, PageLinks>,
    files: &BTreeSet<String>,
    origin: &dyn Fn(&str) -> String,
    only: Option<&BTreeSet<String>>,
    from: Option<&BTreeSet<String>>,
) -> Vec<Diagnostic> {
    let mut diags = Vec::new();
    let looked_at: Box<dyn Iterator<Item = (&String, &PageLinks)>> = match from {
        Some(from) => Box::new(from.iter().filter_map(|p| pages.get_key_value(p))),
        None => Box::new(pages.iter()),
    };
    for (page, page_links) in looked_at {
        // With `only` (the pages just rendered again), the others' links need checking
        // only where they lead into those pages.
        let all = only.is_none_or(|o| o.contains(page));
        for (link, target, fragment) in &page_links.targets {
            if !all && !only.is_some_and(|o| o.contains(target)) {
                continue;
            }
            if !files.contains(target) {
                diags.push(Diagnostic::error(
                    origin(page),
                    Some(1),
                    format!("{page} links to \"{link}\", which is not in the site (look at the links of the page's content and of its template)"),
                ));
            } else if let (Some(f), Some(target_links)) = (fragment, pages.get(target.as_str())) {
                if !target_links.ids.contains(f) {
                    diags.push(Diagnostic::error(
                        origin(target),
                        Some(1),
                        format!("{page} links to \"{link}\", but {target} has no id=\"{f}\""),
                    ));
                }
            }
        }
    }
    diags
}

/// The output file and fragment an internal link of `page` leads to; `None` for other
/// hosts, `mailto:` and the like.
fn resolve(page: &str, link: &str, base_url: Option<&str>) -> Option<(String, Option<String>)> {
    let link = match base_url.and_then(|b| link.strip_prefix(b)) {
        Some(rest) => rest.to_string(),
        None => {
            if link.starts_with("//")
                || link.contains(':') && link.split(':').next().is_some_and(|s| !s.contains('/'))
            {
                return None;
            }
            // Relative to the page's folder.
            let dir = page.rsplit_once('/').map_or("", |(d, _)| d);
            if dir.is_empty() {
                link.to_string()
            } else {
                format!("{dir}/{link}")
            }
        }
    };
    let (path, fragment) = match link.split_once('#') {
        Some((p, f)) => (p.to_string(), Some(f.to_string()).filter(|f| !f.is_empty())),
        None => (link, None),
    };
    let path = path.split(['?']).next().unwrap_or("").to_string();
    let mut parts: Vec<&str> = Vec::new();
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            p => parts.push(p),
        }
    }
    let mut target = parts.join("/");
    if path.is_empty() {
        target = page.to_string();
    } else if path.ends_with('/') || !target.contains('.') || target.is_empty() {
        target = if target.is_empty() {
            "index.html".into()
        } else {
            format!("{target}/index.html")
        };
    }
    Some((target, fragment))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scans_links_and_ids() {
        let page =
            scan(r#"<a href="../x/#p1" id="a">x</a><img src='i.png'><p id=b><a href="a&amp;b">"#);
        assert_eq!(
            page.links.into_iter().collect::<Vec<_>>(),
            ["../x/#p1", "a&b", "i.png"]
        );
        assert_eq!(page.ids.into_iter().collect::<Vec<_>>(), ["a", "b"]);
    }

    #[test]
    fn resolves_relative_links() {
        assert_eq!(
            resolve("actors/x/index.html", "../../", None),
            Some(("index.html".into(), None))
        );
        assert_eq!(
            resolve("actors/x/index.html", "../../articles/a/#p2", None),
            Some(("articles/a/index.html".into(), Some("p2".into())))
        );
        assert_eq!(
            resolve("index.html", "style.css", None),
            Some(("style.css".into(), None))
        );
        assert_eq!(resolve("index.html", "https://e.org/", None), None);
        assert_eq!(resolve("index.html", "mailto:a@b", None), None);
        assert_eq!(
            resolve(
                "404.html",
                "https://e.org/r/actors/",
                Some("https://e.org/r/")
            ),
            Some(("actors/index.html".into(), None))
        );
        assert_eq!(resolve("index.html", "../../etc", None), None);
    }

    #[test]
    fn reports_missing_targets_and_ids() {
        let mut pages = BTreeMap::new();
        pages.insert(
            "index.html".to_string(),
            scan_page(
                "index.html",
                r#"<a href="a/">a</a><a href="a/#p9">b</a><a href="zz/">c</a>"#,
                None,
            ),
        );
        pages.insert(
            "a/index.html".to_string(),
            scan_page("a/index.html", r#"<p id="p1">"#, None),
        );
        let files: BTreeSet<String> = pages.keys().cloned().collect();
        let d = check(&pages, &files, &|p| p.to_string(), None, None);
        assert_eq!(d.len(), 2, "{d:?}");
        let only: BTreeSet<String> = ["a/index.html".to_string()].into();
        let d = check(&pages, &files, &|p| p.to_string(), Some(&only), None);
        assert_eq!(d.len(), 1, "only the link into a/ is checked again: {d:?}");
        let d = check(&pages, &files, &|p| p.to_string(), Some(&only), Some(&only));
        assert_eq!(d.len(), 0, "only the links of a/: {d:?}");
    }
}
