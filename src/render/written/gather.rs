//! Gathering the links written in content: file by file, each with the file and line
//! where it is written and the pages it shows on.

use std::ops::Range;

use super::{WrittenLink, note_page, page};
use crate::content::front::{ActorFront, ArticleFront, UpdateFront};
use crate::content::{RawSite, SourceFile};
use crate::markdown::{self, Written};

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
pub(super) fn markdown_links(text: &str, html: bool, found: &mut dyn FnMut(String, usize)) {
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
pub(super) fn might_link(text: &str, html: bool) -> bool {
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
