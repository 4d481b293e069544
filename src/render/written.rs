//! Links written in content (Markdown bodies, stance notes, URL keys), each with the
//! file and line where the writer wrote it and the pages it shows on. They are checked
//! against the site's files before anything renders, so that a broken link is reported
//! once, at the content file and line, in the same run as every other content error; and
//! a page's broken link to an id is traced back to them after rendering.

use rustc_hash::FxHashMap;

use super::links::{SiteFiles, resolve};
use crate::diagnostic::Diagnostic;

mod gather;
pub use gather::{gather, gather_files};
#[cfg(test)]
use gather::{markdown_links, might_link};

/// One link as the writer wrote it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WrittenLink {
    /// The destination, as written.
    pub link: String,
    /// The content file, relative to the root.
    pub path: String,
    /// The line of the file it is written on.
    pub line: usize,
    /// The output files of the pages it is written for and shows on: its relative links
    /// lead from each.
    pub pages: Vec<String>,
    /// The output files of other pages that show it rebased, its relative links leading
    /// from the first of `pages` (a note's own page; the home page's latest updates).
    pub rebased: Vec<String>,
    /// Whether it is a URL key of the front matter (which must be an absolute URL: only
    /// one under the site's base URL leads into the site).
    pub key: bool,
    /// Whether `check` found it leads to no file: the pages are still rendered, to
    /// report links to ids in the same run, and it is not reported again from them.
    pub reported: bool,
}

pub(super) fn page(section: &str, slug: &str) -> String {
    format!("{section}/{slug}/index.html")
}

pub(super) fn note_page(article: &str, slug: &str) -> String {
    format!("articles/{article}/notes/{slug}/index.html")
}

/// Whether `target` may be a page that only the model knows of (a further page of a
/// list, a page of the full matrix, a part of a split sitemap): a link to one is checked
/// after rendering, with the links of the pages, and still reported where it is written.
fn later(target: &str) -> bool {
    target.starts_with("matrix/") || target.starts_with("sitemap-") || list_of(target).is_some()
}

/// The list whose further page is the output file `page` (`actors/x` of
/// `actors/x/page/2/index.html`), if it is one.
fn list_of(page: &str) -> Option<&str> {
    let (list, n) = page.strip_suffix("/index.html")?.rsplit_once("/page/")?;
    (!n.is_empty() && n.bytes().all(|b| b.is_ascii_digit())).then_some(list)
}

/// A diagnostic for each written link that leads to no file of the site, once each, on
/// the first page it shows on.
pub fn check(
    links: &mut [WrittenLink],
    files: &SiteFiles,
    base_url: Option<&str>,
) -> Vec<Diagnostic> {
    let mut target = String::new();
    let mut diags = Vec::new();
    for w in links {
        if w.key && !base_url.is_some_and(|b| w.link.starts_with(b)) {
            continue;
        }
        for page in &w.pages {
            if resolve(page, &w.link, base_url, &mut target).is_some()
                && !files.contains(&target)
                && !later(&target)
            {
                let shown = page.trim_end_matches("index.html");
                let above = if target.starts_with("../") {
                    Some("it climbs above the site's root: it may work at a domain's root, never under a sub-path such as GitHub Pages'".to_string())
                } else if target.starts_with('/') {
                    let up = "../".repeat(page.matches('/').count());
                    Some(format!(
                        "a link that starts with / leads from the domain's root, outside a site served under a sub-path such as GitHub Pages'; write it from the page: \"{up}{}\"",
                        &w.link[1..]
                    ))
                } else if base_url.is_none() && super::site_files::needs_base_url(&target) {
                    Some(format!(
                        "{target} is written only for a site with a base URL: set base_url in content/site.toml, or check and build with --base-url"
                    ))
                } else {
                    None
                };
                diags.push(
                    Diagnostic::error(
                        w.path.clone(),
                        Some(w.line),
                        format!(
                            "links to \"{}\", which is not in the site (on {shown} it leads to {target})",
                            w.link
                        ),
                    )
                    .with_hint(above),
                );
                w.reported = true;
                break;
            }
        }
    }
    diags
}

/// The written links by the page they show on (as written or rebased) and the file and
/// id they lead to, to find where a page's broken link was written.
#[derive(Debug, Default)]
pub struct Origins<'w>(FxHashMap<(&'w str, String), &'w WrittenLink>);

impl<'w> Origins<'w> {
    /// The origins of `links`, resolved on each page they show on.
    pub fn new(links: &'w [WrittenLink], base_url: Option<&str>) -> Origins<'w> {
        let mut map = FxHashMap::default();
        let mut target = String::new();
        for w in links {
            for p in &w.pages {
                if let Some(fragment) = resolve(p, &w.link, base_url, &mut target) {
                    map.entry((p.as_str(), place(&target, fragment)))
                        .or_insert(w);
                }
            }
            // Rebased, it leads where it leads from the page it is written for.
            let written_for = w.pages.first().map(String::as_str);
            if let Some(fragment) =
                written_for.and_then(|p| resolve(p, &w.link, base_url, &mut target))
            {
                let at = place(&target, fragment);
                for p in &w.rebased {
                    map.entry((p.as_str(), at.clone())).or_insert(w);
                }
            }
        }
        Origins(map)
    }

    /// The written link that leads from `page` to `target` (an output file) and
    /// `fragment`, if content wrote one.
    pub fn of(&self, page: &str, target: &str, fragment: Option<&str>) -> Option<&'w WrittenLink> {
        if self.0.is_empty() {
            return None;
        }
        let at = place(target, fragment);
        if let Some(w) = self.0.get(&(page, at.clone())) {
            return Some(*w);
        }
        // A further page of a list shows what its first page's place wrote, rebased.
        let first = format!("{}/index.html", list_of(page)?);
        self.0.get(&(first.as_str(), at)).copied()
    }
}

fn place(target: &str, fragment: Option<&str>) -> String {
    format!("{target}#{}", fragment.unwrap_or(""))
}

#[cfg(test)]
#[path = "written_tests.rs"]
mod tests;
