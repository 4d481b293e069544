//! `robots.txt` and the sitemap (sitemaps.org): every page but 404, generated or of
//! `static/`, with the day it last changed where known, split under a sitemap index past
//! 50,000 URLs.

use std::collections::{BTreeMap, BTreeSet};

/// `robots.txt`: every page may be crawled, and the sitemap is named when there is one.
pub(super) fn robots(base_url: Option<&str>) -> String {
    let mut text = String::from("User-agent: *\nAllow: /\n");
    if let Some(base) = base_url {
        text.push_str(&format!("\nSitemap: {base}sitemap.xml\n"));
    }
    text
}

/// The most URLs one sitemap may list (sitemaps.org): a site with more gets a sitemap
/// index at `sitemap.xml` and its URLs in `sitemap-1.xml`, `sitemap-2.xml`, ….
const SITEMAP_URLS: usize = 50_000;

/// Whether the sitemap lists the output file `path`: an HTML page (every page the site
/// generates is an `index.html`; a file of `static/` may have any name), but not a
/// `404.html`, which is no page of its own.
pub(super) fn listed(path: &str) -> bool {
    let name = path.rsplit('/').next().unwrap_or(path);
    (name.ends_with(".html") || name.ends_with(".htm")) && name != "404.html"
}

/// The sitemap files of a site of `listed` pages (`listed`).
pub(super) fn files(listed: usize) -> Vec<String> {
    let mut out = vec!["sitemap.xml".to_string()];
    if listed > SITEMAP_URLS {
        out.extend((1..=listed.div_ceil(SITEMAP_URLS)).map(|i| format!("sitemap-{i}.xml")));
    }
    out
}

/// The sitemap files, path and XML: each of `files` (the site's output files) that it
/// lists (`listed`), in order, under `base`, with the day it last changed where known
/// (`changed`, by file; a file of `static/` has none); in one `sitemap.xml`, or in
/// several under a sitemap index there when there are too many.
pub(super) fn sitemaps<'f>(
    base: &str,
    files: impl IntoIterator<Item = &'f str>,
    changed: &BTreeMap<String, String>,
) -> Vec<(String, String)> {
    let pages: BTreeSet<&str> = files.into_iter().filter(|p| listed(p)).collect();
    let locs: Vec<String> = pages
        .into_iter()
        .map(|path| {
            // A folder's page by the folder; a name of `static/` escaped as a URL path.
            let url = super::images::url_path(path.trim_end_matches("index.html"));
            let loc = escape_xml(&format!("{base}{url}"));
            match changed.get(path) {
                Some(day) => format!("<loc>{loc}</loc><lastmod>{day}</lastmod>"),
                None => format!("<loc>{loc}</loc>"),
            }
        })
        .collect();
    let urlset = |locs: &[String]| {
        let mut xml = String::from(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
        );
        for loc in locs {
            xml.push_str(&format!("  <url>{loc}</url>\n"));
        }
        xml.push_str("</urlset>\n");
        xml
    };
    if locs.len() <= SITEMAP_URLS {
        return vec![("sitemap.xml".into(), urlset(&locs))];
    }
    let mut out = Vec::new();
    let mut index = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for (i, chunk) in locs.chunks(SITEMAP_URLS).enumerate() {
        let name = format!("sitemap-{}.xml", i + 1);
        index.push_str(&format!(
            "  <sitemap><loc>{}</loc></sitemap>\n",
            escape_xml(&format!("{base}{name}"))
        ));
        out.push((name, urlset(chunk)));
    }
    index.push_str("</sitemapindex>\n");
    out.insert(0, ("sitemap.xml".into(), index));
    out
}

fn escape_xml(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}
