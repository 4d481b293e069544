//! The output files a site of this content will have, known before anything renders,
//! for the written links to be checked against with the other content errors.

use super::links::SiteFiles;
use super::written::{note_page, page};
use crate::content::RawSite;

/// The output files a site of this content has (each page, whether its file parsed or
/// not, the fixed files, the search page and its index, the cards), with `statics`;
/// `based` when the site has a base URL (which brings the sitemap, the feed and, unless
/// `site.toml` turns them off, the cards).
pub fn site_files(raw: &RawSite, statics: &[String], based: bool) -> SiteFiles {
    let fixed = [
        "index.html",
        "404.html",
        "actors/index.html",
        "positions/index.html",
        ".nojekyll",
        "style.css",
        "overview.css",
        "robots.txt",
    ];
    let mut pages: Vec<String> = Vec::new();
    if raw.articles.len() > 1 {
        pages.push("articles/index.html".into());
    }
    if !raw.events.is_empty() || raw.unparsed.iter().any(|u| u.kind == "events") {
        pages.push("timeline/index.html".into());
    }
    // The page of each article, actor and position.
    let mut own: Vec<(&str, &str)> = Vec::new();
    own.extend(raw.articles.iter().map(|f| ("articles", f.slug.as_str())));
    own.extend(raw.actors.iter().map(|f| ("actors", f.slug.as_str())));
    own.extend(raw.positions.iter().map(|f| ("positions", f.slug.as_str())));
    own.extend(
        (raw.unparsed.iter())
            .filter(|u| matches!(u.kind, "articles" | "actors" | "positions"))
            .map(|u| (u.kind, u.slug.as_str())),
    );
    pages.extend(own.iter().map(|(kind, slug)| page(kind, slug)));
    pages.extend(
        (raw.articles.iter()).map(|f| format!("articles/{}/{}", f.slug, super::annotations::FILE)),
    );
    let only_article = match raw.articles.as_slice() {
        [a] => Some(a.slug.as_str()),
        _ => None,
    };
    for f in raw.annotations.iter() {
        let article = f.front.article.as_ref().map(|a| a.get_ref().as_str());
        if let Some(article) = article.or(only_article)
            && super::notes::has_page(&f.body, f.front.sources.len(), f.front.updates.len())
        {
            pages.push(note_page(article, &f.slug));
        }
    }
    // The search page and its index, a file that did not parse counted as the document
    // it would be.
    let docs = raw.articles.len()
        + raw.actors.len()
        + raw.positions.len()
        + raw.annotations.len()
        + raw.events.len()
        + raw.unparsed.len();
    pages.extend(super::search::paths(docs));
    if based {
        // A sitemap of more than one file is known after rendering (`written::later`).
        pages.extend(["sitemap.xml".into(), super::feed::PATH.into()]);
        if raw.site.as_ref().and_then(|s| s.cards).unwrap_or(true) {
            // The share card of each page of its own (`cards::paths`).
            pages
                .extend((own.iter()).map(|(kind, slug)| {
                    super::cards::path_of(&super::urls::page_path(kind, slug))
                }));
        }
    }
    SiteFiles::new(
        fixed
            .into_iter()
            .chain(pages.iter().map(String::as_str))
            .chain(statics.iter().map(String::as_str)),
    )
}

/// Whether the output file `path` is one that only a site with a base URL has: the
/// sitemap, the feed and the share cards (their pages name them by absolute URL).
pub fn needs_base_url(path: &str) -> bool {
    path == "sitemap.xml"
        || path == super::feed::PATH
        || path.ends_with(&format!("/{}", super::cards::FILE))
}
