//! `robots.txt` and the sitemap (sitemaps.org): every page but 404, with the day it last
//! changed where known, split under a sitemap index past 50,000 URLs.

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

/// The sitemap files of a site of `pages` pages (`…/index.html` files: not 404).
pub(super) fn files(pages: usize) -> Vec<String> {
    let listed = pages;
    let mut out = vec!["sitemap.xml".to_string()];
    if listed > SITEMAP_URLS {
        out.extend((1..=listed.div_ceil(SITEMAP_URLS)).map(|i| format!("sitemap-{i}.xml")));
    }
    out
}

/// The sitemap files, path and XML: every page but 404, under `base`, with the day it
/// last changed where known (`changed`, by file); in one `sitemap.xml`, or in several
/// under a sitemap index there when there are too many.
pub(super) fn sitemaps(
    base: &str,
    files: &BTreeSet<String>,
    changed: &BTreeMap<String, String>,
) -> Vec<(String, String)> {
    let locs: Vec<String> = files
        .iter()
        .filter(|p| p.ends_with("index.html"))
        .map(|path| {
            let loc = escape_xml(&format!("{base}{}", path.trim_end_matches("index.html")));
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
