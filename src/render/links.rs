//! Checks that every internal link of the rendered site resolves to a file (and, with a
//! fragment, to an id on that page).

use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use rustc_hash::FxHashSet;

use super::written::Origins;
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
    /// Every `id` the page has more than once, sorted, once each.
    pub repeated: Vec<Box<str>>,
}

/// The output paths of a site (pages, assets, static files), to resolve links against.
#[derive(Debug, Default, Clone)]
pub struct SiteFiles(FxHashSet<Arc<str>>);

impl SiteFiles {
    /// The files at these output paths.
    pub fn new<'a>(paths: impl IntoIterator<Item = &'a str>) -> SiteFiles {
        SiteFiles(paths.into_iter().map(Arc::from).collect())
    }

    /// Whether the site has a file at `path`.
    pub fn contains(&self, path: &str) -> bool {
        self.0.contains(path)
    }

    /// Every path, in no order.
    pub fn paths(&self) -> impl Iterator<Item = &str> {
        self.0.iter().map(|p| &**p)
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
    attributes(html, |attribute, value, _| match attribute {
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
    for pair in out.ids.windows(2) {
        if pair[0] == pair[1] && out.repeated.last() != Some(&pair[0]) {
            out.repeated.push(pair[0].clone());
        }
    }
    out.ids.dedup();
    out
}

pub use super::scan::{Attribute, attributes};

/// The file and line of the template that writes one of the ways a link may be
/// written (see `Blame::template`) on a page.
pub type TemplateLine<'a> = dyn Fn(&str, &[&str]) -> (String, usize) + Sync + 'a;

/// Who wrote the links of the pages: content (a written link's file and line) or a
/// template (its file and the line of the link).
pub struct Blame<'a> {
    /// The links written in content, by the page that shows them.
    pub written: &'a Origins<'a>,
    /// The template file and line that write a link on a page, given the ways it may be
    /// written there (as on the page; for a link to an id, the way from the page to the
    /// page it leads to, and `#x` on that page itself).
    pub template: &'a TemplateLine<'a>,
    /// The site's base URL.
    pub base_url: Option<&'a str>,
}

/// Diagnostics for the links of `pages` (output path → its links) that lead nowhere:
/// to no file (found when the page was scanned) or to no id of the page they lead to.
/// Each is reported where it is written (see `Blame`), once however many pages show it.
/// With `from`, only the links of those pages are looked at.
pub fn check(
    pages: &BTreeMap<String, PageLinks>,
    blame: &Blame,
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
    let found: Vec<((String, usize, String), Diagnostic)> = looked_at
        .par_iter()
        .flat_map_iter(|&(page, page_links)| {
            let mut diags = Vec::new();
            // With `only` (the pages just rendered again), the others' links need
            // checking only where they lead into those pages.
            let all = only.is_none_or(|o| o.contains(page));
            let mut target = String::new();
            if all {
                for link in &page_links.missing {
                    let fragment = resolve(page, link, blame.base_url, &mut target).flatten();
                    let origin = blame.written.of(page, &target, fragment);
                    if origin.is_some_and(|w| w.reported) {
                        // Reported where it is written, before the render.
                        continue;
                    }
                    diags.push(match origin {
                        Some(w) => (
                            (w.path.clone(), w.line, w.link.clone()),
                            Diagnostic::error(
                                w.path.clone(),
                                Some(w.line),
                                format!(
                                    "links to \"{}\", which is not in the site (shown on {page})",
                                    w.link
                                ),
                            ),
                        ),
                        None => {
                            let (file, line) = (blame.template)(page, &[link]);
                            (
                                (file.clone(), line, target.clone()),
                                Diagnostic::error(
                                    file,
                                    Some(line),
                                    format!("{page} links to \"{link}\", which is not in the site"),
                                ),
                            )
                        }
                    });
                }
            }
            for (target, fragment) in &page_links.fragments {
                if !all && !only.is_some_and(|o| o.contains(&**target)) {
                    continue;
                }
                let Some(target_ids) = ids.get(&**target) else {
                    continue;
                };
                if has_id(target_ids, fragment) {
                    continue;
                }
                let message =
                    format!("\"{target}#{fragment}\", but {target} has no id=\"{fragment}\"");
                diags.push(match blame.written.of(page, target, Some(fragment)) {
                    Some(w) => (
                        (w.path.clone(), w.line, w.link.clone()),
                        Diagnostic::error(
                            w.path.clone(),
                            Some(w.line),
                            format!(
                                "links to \"{}\", which leads to {message} (shown on {page})",
                                w.link
                            ),
                        ),
                    ),
                    None => {
                        let dir = target.trim_end_matches("index.html");
                        let rooted = format!("{dir}#{fragment}");
                        // The template wrote the link from the page: `#x` on the page
                        // itself, or the way to the page it leads to (`../positions/#x`).
                        let from_page =
                            format!("{}#{fragment}", super::urls::Urls::from_page(page).to(dir));
                        let own = format!("#{fragment}");
                        let ways: &[&str] = if **target == **page {
                            &[&from_page, &own]
                        } else {
                            &[&from_page]
                        };
                        let (file, line) = (blame.template)(page, ways);
                        (
                            (file.clone(), line, rooted),
                            Diagnostic::error(
                                file,
                                Some(line),
                                format!("{page} links to {message}"),
                            ),
                        )
                    }
                });
            }
            diags
        })
        .collect();
    // Once each: a link of a template or of a stance's note shows on many pages.
    let mut seen = std::collections::HashSet::new();
    found
        .into_iter()
        .filter(|(key, _)| seen.insert(key.clone()))
        .map(|(_, d)| d)
        .collect()
}

/// Whether `ids` (sorted) hold the id a fragment names: as written, or percent-decoded
/// (`#caf%C3%A9` finds `id="café"`), as browsers look for it.
pub(crate) fn has_id(ids: &[Box<str>], fragment: &str) -> bool {
    ids.binary_search_by(|i| (**i).cmp(fragment)).is_ok()
        || (fragment.contains('%')
            && percent_encoding::percent_decode_str(fragment)
                .decode_utf8()
                .is_ok_and(|d| ids.binary_search_by(|i| (**i).cmp(&*d)).is_ok()))
}

/// Puts into `target` the output file an internal link of `page` leads to, and returns
/// the link's fragment (`Some("")` when it has none); `None` for other hosts, `mailto:`
/// and the like. A link that climbs above the site's root leads to a path that starts
/// with `../`, which is no file of the site: it works at a domain's root but not under
/// a sub-path (GitHub Pages), so it is reported.
pub(crate) fn resolve<'l>(
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
            // From the domain's root: no file of the site (its pages may be served
            // under a sub-path, as on GitHub Pages), so the target keeps its `/`.
            if link.starts_with('/') {
                ("", link, false)
            } else {
                // Relative to the page's folder.
                let dir = memchr::memrchr(b'/', page.as_bytes()).map_or("", |i| &page[..i]);
                (dir, link, false)
            }
        }
    };
    let (path, fragment) = match memchr::memchr(b'#', link.as_bytes()) {
        Some(i) => (&link[..i], Some(&link[i + 1..]).filter(|f| !f.is_empty())),
        None => (link, None),
    };
    let path = memchr::memchr(b'?', path.as_bytes()).map_or(path, |i| &path[..i]);
    // `my%20file.pdf` names the file `my file.pdf`, as a server reads it.
    let decoded = match memchr::memchr(b'%', path.as_bytes()) {
        Some(_) => percent_encoding::percent_decode_str(path)
            .decode_utf8()
            .unwrap_or(Cow::Borrowed(path)),
        None => Cow::Borrowed(path),
    };
    let path = decoded.as_ref();
    target.clear();
    if path.is_empty() && !absolute {
        // Only a fragment or a query: the page itself.
        target.push_str(page);
        return Some(fragment);
    }
    target.push_str(dir);
    let mut above = 0usize;
    let mut last = "";
    let mut start = 0;
    for end in memchr::memchr_iter(b'/', path.as_bytes()).chain([path.len()]) {
        let part = &path[start..end];
        start = end + 1;
        match part {
            "" | "." => {}
            ".." => {
                if target.is_empty() {
                    above += 1;
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
    if above > 0 {
        target.insert_str(0, &"../".repeat(above));
    }
    if !absolute && link.starts_with('/') {
        target.insert(0, '/');
    }
    Some(fragment)
}

#[cfg(test)]
#[path = "links_tests.rs"]
mod tests;
