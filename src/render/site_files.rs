//! The output files a site of this content will have, known before anything renders,
//! for the written links to be checked against with the other content errors.

use super::links::SiteFiles;
use super::written::{note_page, page};
use crate::content::RawSite;

/// The output files a site of this content has (each page, whether its file parsed or
/// not, and the fixed files), with `statics`.
pub fn site_files(raw: &RawSite, statics: &[String]) -> SiteFiles {
    let fixed = [
        "index.html",
        "404.html",
        "actors/index.html",
        "positions/index.html",
        ".nojekyll",
        "style.css",
        "overview.css",
        "robots.txt",
        "sitemap.xml",
        "feed.xml",
    ];
    let mut pages: Vec<String> = Vec::new();
    if raw.articles.len() > 1 {
        pages.push("articles/index.html".into());
    }
    if !raw.events.is_empty() || raw.unparsed.iter().any(|u| u.kind == "events") {
        pages.push("timeline/index.html".into());
    }
    pages.extend(raw.articles.iter().map(|f| page("articles", &f.slug)));
    pages.extend(
        (raw.articles.iter()).map(|f| format!("articles/{}/{}", f.slug, super::annotations::FILE)),
    );
    pages.extend(raw.actors.iter().map(|f| page("actors", &f.slug)));
    pages.extend(raw.positions.iter().map(|f| page("positions", &f.slug)));
    pages.extend(
        raw.unparsed
            .iter()
            .filter(|u| matches!(u.kind, "articles" | "actors" | "positions"))
            .map(|u| page(u.kind, &u.slug)),
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
    SiteFiles::new(
        fixed
            .into_iter()
            .chain(pages.iter().map(String::as_str))
            .chain(statics.iter().map(String::as_str)),
    )
}
