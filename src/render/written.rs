//! Links written in content (Markdown bodies, stance notes, URL keys), each with the
//! file and line where the writer wrote it and the pages it shows on. They are checked
//! against the site's files before anything renders, so that a broken link is reported
//! once, at the content file and line, in the same run as every other content error; and
//! a page's broken link to an id is traced back to them after rendering.

use std::ops::Range;

use rustc_hash::FxHashMap;

use super::links::{SiteFiles, resolve};
use crate::content::front::{ActorFront, ArticleFront, UpdateFront};
use crate::content::{RawSite, SourceFile};
use crate::diagnostic::Diagnostic;
use crate::markdown::{self, Written};

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

/// Every link written in the content of `raw`, file by file.
pub fn gather(raw: &RawSite) -> Vec<WrittenLink> {
    gather_only(raw, &|_| true)
}

/// The links written in the articles of `raw` at the indexes `articles`, and in its
/// actors at `actors`: after an edit of their text alone (`serve`), the other files are
/// not gone through (on a big site, tens of thousands, far apart in memory).
pub fn gather_files(raw: &RawSite, articles: &[usize], actors: &[usize]) -> Vec<WrittenLink> {
    let mut out = Vec::new();
    for f in articles.iter().filter_map(|&i| raw.articles.get(i)) {
        article_links(f, &mut out);
    }
    for f in actors.iter().filter_map(|&i| raw.actors.get(i)) {
        actor_links(f, &mut out);
    }
    out
}

/// The links written in an article.
fn article_links(f: &SourceFile<ArticleFront>, out: &mut Vec<WrittenLink>) {
    let pages = || vec![page("articles", &f.slug)];
    body(f, false, &pages, out);
    if let Some(u) = &f.front.source_url {
        key(f, Some((u.span(), u.get_ref())), &pages(), out);
    }
    // An article's updates show raw HTML as text, as its body does.
    updates(f, &f.front.updates, false, &pages, &[], out);
}

/// The links written in an actor's profile.
fn actor_links(f: &SourceFile<ActorFront>, out: &mut Vec<WrittenLink>) {
    let pages = || vec![page("actors", &f.slug)];
    body(f, true, &pages, out);
    for l in &f.front.links {
        key(f, Some((l.url.span(), l.url.get_ref())), &pages(), out);
    }
    updates(f, &f.front.updates, true, &pages, &[], out);
}

/// The links written in the files of `raw` whose path `only` accepts.
fn gather_only(raw: &RawSite, only: &dyn Fn(&str) -> bool) -> Vec<WrittenLink> {
    let mut out = Vec::new();
    for f in raw.articles.iter().filter(|f| only(&f.path)) {
        article_links(f, &mut out);
    }
    for f in raw.actors.iter().filter(|f| only(&f.path)) {
        actor_links(f, &mut out);
    }
    let actors: rustc_hash::FxHashSet<&str> = raw.actors.iter().map(|a| &*a.slug).collect();
    for f in raw.positions.iter().filter(|f| only(&f.path)) {
        let pages = || vec![page("positions", &f.slug)];
        body(f, true, &pages, &mut out);
        updates(f, &f.front.updates, true, &pages, &[], &mut out);
        for st in &f.front.stances {
            // A stance shows on the position's page and on its actor's.
            let mut pages = vec![page("positions", &f.slug)];
            if actors.contains(st.get_ref().actor.get_ref().as_str()) {
                pages.push(page("actors", st.get_ref().actor.get_ref()));
            }
            let url = st.get_ref().source_url.as_ref();
            key(f, url.map(|u| (u.span(), u.get_ref())), &pages, &mut out);
            if let Some(note) = &st.get_ref().note {
                string(f, (note.span(), note.get_ref()), true, &pages, &mut out);
            }
        }
    }
    let only_article = match raw.articles.as_slice() {
        [a] => Some(a.slug.as_str()),
        _ => None,
    };
    for f in raw.annotations.iter().filter(|f| only(&f.path)) {
        let article = f.front.article.as_ref().map(|a| a.get_ref().as_str());
        let Some(article) = article.or(only_article) else {
            continue;
        };
        // A note shows whole on its own page, and its lead on the article's; it is
        // written for the article's page, and its relative links are rebased on its own
        // (`markdown::to_html_rebased`), so they lead from the article's page on both.
        let pages = || vec![page("articles", article)];
        let own = [note_page(article, &f.slug)];
        let from = out.len();
        body(f, true, &pages, &mut out);
        for l in &f.front.sources {
            key(f, Some((l.url.span(), l.url.get_ref())), &pages(), &mut out);
        }
        for w in &mut out[from..] {
            w.rebased.extend(own.iter().cloned());
        }
        // Its log is on its own page.
        updates(f, &f.front.updates, true, &pages, &own, &mut out);
    }
    // The body of a file whose front matter did not parse, as it would show.
    for u in raw.unparsed.iter().filter(|u| only(&u.path)) {
        let Some((text, _)) = &u.body else {
            continue;
        };
        let pages = match (u.kind, only_article) {
            ("annotations", Some(article)) => vec![page("articles", article)],
            ("annotations", None) => continue,
            ("events", _) => vec!["timeline/index.html".to_string()],
            (kind, _) => vec![page(kind, &u.slug)],
        };
        markdown_links(text, u.kind != "articles", &mut |link, at| {
            out.push(WrittenLink {
                link,
                path: u.path.clone(),
                line: u.body_line_at(at),
                pages: pages.clone(),
                rebased: Vec::new(),
                key: false,
                reported: false,
            })
        });
    }
    for f in raw.events.iter().filter(|f| only(&f.path)) {
        let pages = || vec!["timeline/index.html".to_string()];
        body(f, true, &pages, &mut out);
        for l in &f.front.sources {
            key(f, Some((l.url.span(), l.url.get_ref())), &pages(), &mut out);
        }
    }
    out
}

/// The links of the texts of a file's `updates` (raw HTML kept where `html`), written
/// for `pages` (with its body) and shown rebased on `logs` (the page of its log, when it
/// is another) and on the home page (among the latest updates of the site) and in the
/// feed.
fn updates<F>(
    f: &SourceFile<F>,
    written: &[toml::Spanned<UpdateFront>],
    html: bool,
    pages: &dyn Fn() -> Vec<String>,
    logs: &[String],
    out: &mut Vec<WrittenLink>,
) {
    for u in written {
        let text = &u.get_ref().text;
        if might_link(text.get_ref(), html) {
            let from = out.len();
            string(f, (text.span(), text.get_ref()), html, &pages(), out);
            for w in &mut out[from..] {
                w.rebased.extend(logs.iter().cloned());
                w.rebased.push("index.html".to_string());
            }
        }
    }
}

/// The links of a file's Markdown body (raw HTML kept where `html`), shown on `pages`
/// (made only for a body that has a link: most have none).
fn body<F>(
    f: &SourceFile<F>,
    html: bool,
    pages: &dyn Fn() -> Vec<String>,
    out: &mut Vec<WrittenLink>,
) {
    markdown_links(&f.body, html, &mut |link, at| {
        out.push(WrittenLink {
            link,
            path: f.path.clone(),
            line: f.body_line_at(at),
            pages: pages(),
            rebased: Vec::new(),
            key: false,
            reported: false,
        })
    });
}

/// A URL key of the front matter.
fn key<F>(
    f: &SourceFile<F>,
    url: Option<(Range<usize>, &String)>,
    pages: &[String],
    out: &mut Vec<WrittenLink>,
) {
    if let Some((span, url)) = url {
        out.push(WrittenLink {
            link: url.clone(),
            path: f.path.clone(),
            line: f.line(span),
            pages: pages.to_vec(),
            rebased: Vec::new(),
            key: true,
            reported: false,
        });
    }
}

/// The links of a Markdown string of the front matter (a stance's note, an update:
/// its span and value; raw HTML kept where `html`), on the lines of the file they are
/// written on, in a `"""` string too.
fn string<F>(
    f: &SourceFile<F>,
    (span, value): (Range<usize>, &str),
    html: bool,
    pages: &[String],
    out: &mut Vec<WrittenLink>,
) {
    markdown_links(value, html, &mut |link, at| {
        out.push(WrittenLink {
            link,
            path: f.path.clone(),
            line: f.string_line_at(span.clone(), value, at),
            pages: pages.to_vec(),
            rebased: Vec::new(),
            key: false,
            reported: false,
        })
    });
}

/// Calls `found` with each link of a Markdown text and its byte offset.
fn markdown_links(text: &str, html: bool, found: &mut dyn FnMut(String, usize)) {
    if !might_link(text, html) {
        return;
    }
    let mut links: Vec<(String, usize)> = markdown::written_links(text)
        .into_iter()
        .filter_map(|(written, at)| match written {
            Written::Link(dest) => Some((dest.to_string(), at)),
            Written::Html(_) => None,
        })
        .collect();
    if html {
        // Only what the sanitizer keeps reaches a page: the `src` of an `<iframe>` or a
        // `<script>`, dropped whole, leads nowhere to check.
        links.extend(markdown::raw_urls(text).into_iter().map(|u| (u.url, u.at)));
        links.sort_by_key(|(_, at)| *at);
    }
    for (link, at) in links {
        found(link, at);
    }
}

/// Whether a text can hold a link into the site: an inline link or image to something
/// other than an `http(s)`/`mailto` URL, a reference definition, or (with `html`) a tag.
/// Most bodies hold none, and need not be parsed again.
fn might_link(text: &str, html: bool) -> bool {
    let b = text.as_bytes();
    if (html && memchr::memchr(b'<', b).is_some()) || memchr::memmem::find(b, b"]:").is_some() {
        return true;
    }
    memchr::memmem::find_iter(b, b"](").any(|i| {
        let rest = text[i + 2..].trim_start_matches([' ', '\t', '\n', '\r', '<']);
        let head = rest.get(..8).unwrap_or(rest).to_ascii_lowercase();
        !["http://", "https://", "mailto:"]
            .iter()
            .any(|s| head.starts_with(s))
    })
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
