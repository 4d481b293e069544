//! Checks that every internal link of the rendered site resolves to a file (and, with a
//! fragment, to an id on that page).

use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use rustc_hash::FxHashSet;

use crate::diagnostic::Diagnostic;

/// What the link check needs of one page once the page itself is gone: its ids, its
/// links into ids of other pages, and its links that lead nowhere. A link to a file of
/// the site without a fragment needs nothing more, and is not kept.
#[derive(Debug, Default, Clone)]
pub struct PageLinks {
    /// Every `id`, sorted, once each.
    pub ids: Vec<Box<str>>,
    /// Each internal link with a fragment, as (target output file, fragment).
    pub fragments: Vec<(Arc<str>, Box<str>)>,
    /// Each internal link to a file that is not in the site, as written.
    pub missing: Vec<String>,
}

/// The output paths of a site (pages, assets, static files), to resolve links against.
#[derive(Debug, Default, Clone)]
pub struct SiteFiles(FxHashSet<Arc<str>>);

impl SiteFiles {
    /// The files at these output paths.
    pub fn new<'a>(paths: impl IntoIterator<Item = &'a str>) -> SiteFiles {
        SiteFiles(paths.into_iter().map(Arc::from).collect())
    }

    fn get(&self, path: &str) -> Option<&Arc<str>> {
        self.0.get(path)
    }
}

/// The links and ids of the page at output path `page`, resolved against `files`.
pub fn scan_page(page: &str, html: &str, base_url: Option<&str>, files: &SiteFiles) -> PageLinks {
    let mut out = PageLinks::default();
    let mut target = String::new();
    // A page links to the same place many times: each link is looked at once.
    let mut seen: FxHashSet<&str> = FxHashSet::default();
    attributes(html, |attribute, value| match attribute {
        Attribute::Id => out.ids.push(value.into()),
        Attribute::Link => {
            if let Cow::Borrowed(link) = value {
                if !seen.insert(link) {
                    return;
                }
            }
            let Some(fragment) = resolve(page, &value, base_url, &mut target) else {
                return;
            };
            match (files.get(&target), fragment) {
                (Some(file), Some(f)) => out.fragments.push((file.clone(), f.into())),
                (Some(_), None) => {}
                (None, _) => out.missing.push(value.into_owned()),
            }
        }
    });
    // Sorted to be searched. The links are once each already (two ways of writing one
    // link give one diagnostic: diagnostics are sorted and deduplicated).
    out.ids.sort_unstable();
    out.ids.dedup();
    out
}

/// The attributes the link check reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Attribute {
    /// `href` or `src`.
    Link,
    /// `id`.
    Id,
}

/// Calls `found` with each `href`, `src` and `id` value of an HTML page, entities
/// decoded, in page order.
///
/// A small attribute scanner rather than a full HTML parser: the pages are the program's
/// own output, and only these three attributes are read, on every page of a build.
pub fn attributes<'h>(html: &'h str, mut found: impl FnMut(Attribute, Cow<'h, str>)) {
    let bytes = html.as_bytes();
    let mut i = 0;
    while let Some(at) = memchr::memchr(b'=', &bytes[i..]) {
        let eq = i + at;
        i = eq + 1;
        // `id`, `href` and `src` end in d, f or c: most other attributes are passed over
        // on one byte (white space before the `=` is looked at in full).
        if eq > 0 {
            let last = bytes[eq - 1];
            if !matches!(last | 0x20, b'd' | b'f' | b'c') && !last.is_ascii_whitespace() {
                continue;
            }
        }
        let name = attribute_name(bytes, eq);
        let attribute = if name.eq_ignore_ascii_case(b"id") {
            Attribute::Id
        } else if name.eq_ignore_ascii_case(b"href") || name.eq_ignore_ascii_case(b"src") {
            Attribute::Link
        } else {
            continue;
        };
        let mut start = eq + 1;
        while bytes.get(start).is_some_and(u8::is_ascii_whitespace) {
            start += 1;
        }
        let (value, end) = match bytes.get(start) {
            Some(&q @ (b'"' | b'\'')) => match memchr::memchr(q, &bytes[start + 1..]) {
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
        found(attribute, decode(value));
    }
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

fn decode(v: &str) -> Cow<'_, str> {
    if memchr::memchr(b'&', v.as_bytes()).is_none() {
        return Cow::Borrowed(v);
    }
    Cow::Owned(
        v.replace("&amp;", "&")
            .replace("&quot;", "\"")
            .replace("&#39;", "'")
            .replace("&lt;", "<")
            .replace("&gt;", ">"),
    )
}

/// Diagnostics for the links of `pages` (output path → its links) that lead nowhere:
/// to no file (found when the page was scanned) or to no id of the page they lead to.
/// `origin` names the template a page came from: a missing file is blamed on the
/// linking page's template, a missing id on the target's. With `from`, only the links
/// of those pages are looked at.
pub fn check(
    pages: &BTreeMap<String, PageLinks>,
    origin: &(dyn Fn(&str) -> String + Sync),
    only: Option<&BTreeSet<String>>,
    from: Option<&BTreeSet<String>>,
) -> Vec<Diagnostic> {
    use rayon::prelude::*;
    let looked_at: Vec<(&String, &PageLinks)> = match from {
        Some(from) => from.iter().filter_map(|p| pages.get_key_value(p)).collect(),
        None => pages.iter().collect(),
    };
    // Every page's ids, by hash: a big site has hundreds of thousands of links to ids.
    let ids: rustc_hash::FxHashMap<&str, &[Box<str>]> = pages
        .iter()
        .map(|(p, l)| (p.as_str(), l.ids.as_slice()))
        .collect();
    looked_at
        .par_iter()
        .flat_map_iter(|&(page, page_links)| {
            let mut diags = Vec::new();
            // With `only` (the pages just rendered again), the others' links need
            // checking only where they lead into those pages.
            let all = only.is_none_or(|o| o.contains(page));
            if all {
                for link in &page_links.missing {
                    diags.push(Diagnostic::error(
                        origin(page),
                        Some(1),
                        format!("{page} links to \"{link}\", which is not in the site (look at the links of the page's content and of its template)"),
                    ));
                }
            }
            for (target, fragment) in &page_links.fragments {
                if !all && !only.is_some_and(|o| o.contains(&**target)) {
                    continue;
                }
                let Some(target_ids) = ids.get(&**target) else {
                    continue;
                };
                if target_ids.binary_search(fragment).is_err() {
                    diags.push(Diagnostic::error(
                        origin(target),
                        Some(1),
                        format!("{page} links to \"{target}#{fragment}\", but {target} has no id=\"{fragment}\""),
                    ));
                }
            }
            diags
        })
        .collect()
}

/// Puts into `target` the output file an internal link of `page` leads to, and returns
/// the link's fragment (`Some("")` when it has none); `None` for other hosts, `mailto:`
/// and the like, and for links above the site's root.
fn resolve<'l>(
    page: &str,
    link: &'l str,
    base_url: Option<&str>,
    target: &mut String,
) -> Option<Option<&'l str>> {
    // Byte by byte rather than with `str::split`: links are short and there are
    // hundreds of thousands of them in a big site.
    let (dir, link, absolute) = match base_url.and_then(|b| link.strip_prefix(b)) {
        Some(rest) => ("", rest, true),
        None => {
            let bytes = link.as_bytes();
            let scheme = bytes
                .iter()
                .position(|&b| b == b':' || b == b'/')
                .is_some_and(|i| bytes[i] == b':');
            if scheme || link.starts_with("//") {
                return None;
            }
            // Relative to the page's folder.
            let dir = memchr::memrchr(b'/', page.as_bytes()).map_or("", |i| &page[..i]);
            (dir, link, false)
        }
    };
    let (path, fragment) = match memchr::memchr(b'#', link.as_bytes()) {
        Some(i) => (&link[..i], Some(&link[i + 1..]).filter(|f| !f.is_empty())),
        None => (link, None),
    };
    let path = memchr::memchr(b'?', path.as_bytes()).map_or(path, |i| &path[..i]);
    target.clear();
    if path.is_empty() && !absolute {
        // Only a fragment or a query: the page itself.
        target.push_str(page);
        return Some(fragment);
    }
    target.push_str(dir);
    let mut last = "";
    let mut start = 0;
    for end in memchr::memchr_iter(b'/', path.as_bytes()).chain([path.len()]) {
        let part = &path[start..end];
        start = end + 1;
        match part {
            "" | "." => {}
            ".." => {
                if target.is_empty() {
                    return None;
                }
                target.truncate(memchr::memrchr(b'/', target.as_bytes()).unwrap_or(0));
            }
            p => {
                if !target.is_empty() {
                    target.push('/');
                }
                target.push_str(p);
            }
        }
        last = part;
    }
    // A folder stands for its index page.
    let leaf =
        memchr::memrchr(b'/', target.as_bytes()).map_or(target.as_str(), |i| &target[i + 1..]);
    if matches!(last, "" | "." | "..") || !leaf.contains('.') {
        if !target.is_empty() {
            target.push('/');
        }
        target.push_str("index.html");
    }
    Some(fragment)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn resolved(
        page: &str,
        link: &str,
        base_url: Option<&str>,
    ) -> Option<(String, Option<String>)> {
        let mut target = String::new();
        let fragment = resolve(page, link, base_url, &mut target)?;
        Some((target, fragment.map(str::to_string)))
    }

    #[test]
    fn scans_links_and_ids() {
        let (mut links, mut ids) = (Vec::new(), Vec::new());
        attributes(
            r#"<a href="../x/#p1" id="a">x</a><img src='i.png'><p id=b><a href="a&amp;b"><a HREF="up/" class="c" data-id="no"><a href = "sp/">"#,
            |attribute, value| match attribute {
                Attribute::Link => links.push(value.into_owned()),
                Attribute::Id => ids.push(value.into_owned()),
            },
        );
        assert_eq!(links, ["../x/#p1", "i.png", "a&b", "up/", "sp/"]);
        assert_eq!(ids, ["a", "b"]);
    }

    #[test]
    fn resolves_relative_links() {
        assert_eq!(
            resolved("actors/x/index.html", "../../", None),
            Some(("index.html".into(), None))
        );
        assert_eq!(
            resolved("actors/x/index.html", "../../articles/a/#p2", None),
            Some(("articles/a/index.html".into(), Some("p2".into())))
        );
        assert_eq!(
            resolved("actors/x/index.html", "#p2", None),
            Some(("actors/x/index.html".into(), Some("p2".into())))
        );
        assert_eq!(
            resolved("index.html", "style.css", None),
            Some(("style.css".into(), None))
        );
        assert_eq!(
            resolved("index.html", "actors", None),
            Some(("actors/index.html".into(), None))
        );
        assert_eq!(resolved("index.html", "https://e.org/", None), None);
        assert_eq!(resolved("index.html", "mailto:a@b", None), None);
        assert_eq!(
            resolved(
                "404.html",
                "https://e.org/r/actors/",
                Some("https://e.org/r/")
            ),
            Some(("actors/index.html".into(), None))
        );
        assert_eq!(
            resolved("404.html", "https://e.org/r/", Some("https://e.org/r/")),
            Some(("index.html".into(), None))
        );
        assert_eq!(resolved("index.html", "../../etc", None), None);
    }

    #[test]
    fn reports_missing_targets_and_ids() {
        let files = SiteFiles::new(["index.html", "a/index.html"]);
        let mut pages = BTreeMap::new();
        pages.insert(
            "index.html".to_string(),
            scan_page(
                "index.html",
                r#"<a href="a/">a</a><a href="a/#p9">b</a><a href="a/#p1">b</a><a href="zz/">c</a>"#,
                None,
                &files,
            ),
        );
        pages.insert(
            "a/index.html".to_string(),
            scan_page("a/index.html", r#"<p id="p1">"#, None, &files),
        );
        let d = check(&pages, &|p| p.to_string(), None, None);
        assert_eq!(d.len(), 2, "{d:?}");
        assert!(
            d.iter()
                .any(|d| d.to_string().contains("\"zz/\", which is not in the site"))
        );
        assert!(
            d.iter()
                .any(|d| d.to_string().contains("a/index.html has no id=\"p9\""))
        );
        let only: BTreeSet<String> = ["a/index.html".to_string()].into();
        let d = check(&pages, &|p| p.to_string(), Some(&only), None);
        assert_eq!(d.len(), 1, "only the link into a/ is checked again: {d:?}");
        let d = check(&pages, &|p| p.to_string(), Some(&only), Some(&only));
        assert_eq!(d.len(), 0, "only the links of a/: {d:?}");
    }
}
