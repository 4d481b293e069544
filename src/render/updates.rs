//! Dated updates as readers see them: "Updated 19 August 2025" under a page's title, the
//! log at its end (each entry with an id to link to), the latest across the site on
//! the home page, and the day a page last changed (for the sitemap and the feed).

use std::collections::BTreeMap;

use serde::Serialize;

use super::i18n::Strings;
use super::pages::resolver;
use super::urls::{Urls, file_of, page_path};
use crate::markdown;
use crate::model::{Site, Update, updates::latest};

/// The updates of one page.
#[derive(Debug, Serialize)]
pub struct UpdatesView {
    /// The day of the latest, `YYYY-MM-DD`.
    pub latest: String,
    /// The same, for readers: `19 August 2025`.
    pub latest_display: String,
    /// Every update, newest first.
    pub log: Vec<UpdateView>,
}

/// One update in a page's log.
#[derive(Debug, Serialize)]
pub struct UpdateView {
    /// Its id on the page: `update-2025-08-19` (`-2`, `-3` … for more of one day).
    pub id: String,
    /// `YYYY-MM-DD`.
    pub date: String,
    /// `19 August 2025`.
    pub date_display: String,
    /// The text as HTML.
    pub html: String,
}

/// One of the latest updates of the site, on the home page.
#[derive(Debug, Serialize)]
pub struct RecentUpdate {
    /// `YYYY-MM-DD`.
    pub date: String,
    /// `19 August 2025`.
    pub date_display: String,
    /// What was updated: its title.
    pub title: String,
    /// `Article`, `Actor`, `Position` or `Note`, in the site's language.
    pub kind: String,
    /// The update in the log of its page.
    pub url: String,
    /// The text as HTML.
    pub html: String,
}

/// The ids of `updates` (newest first) in a page's log: `update-DAY`, and for the
/// second and later update of one day (in the order written, the last listed first),
/// `update-DAY-2`, `update-DAY-3` …: an update added later changes no id.
pub fn ids(updates: &[Update]) -> Vec<String> {
    let mut out: Vec<String> = Vec::with_capacity(updates.len());
    for (i, u) in updates.iter().enumerate() {
        let same_day = updates[i + 1..].iter().filter(|v| v.date == u.date).count();
        out.push(match same_day {
            0 => format!("update-{}", u.date),
            n => format!("update-{}-{}", u.date, n + 1),
        });
    }
    out
}

/// The updates of the page at site path `page`, for its templates; `rebase` leads from
/// the page shown to the one the texts were written for (empty when they are the same).
pub fn view(
    site: &Site,
    t: &Strings,
    urls: &Urls,
    (page, updates): (&str, &[Update]),
    rebase: &str,
) -> Option<UpdatesView> {
    let latest = latest(updates)?;
    let log = updates
        .iter()
        .zip(ids(updates))
        .map(|(u, id)| UpdateView {
            html: html(site, urls, u, &namespace(page, &id), rebase),
            id,
            date: u.date.clone(),
            date_display: t.date(&u.date),
        })
        .collect();
    Some(UpdatesView {
        latest: latest.to_string(),
        latest_display: t.date(latest),
        log,
    })
}

/// The namespace of the footnotes of the update `id` of the log of the page at site path
/// `page`: `update_actors_ana-torres_2025_01_16`. Unique in the site (slugs and dates
/// hold no `_`), so that the home page and the feed, which show updates of many pages
/// together, repeat no id, and the feed can link to the footnote on the update's page.
pub fn namespace(page: &str, id: &str) -> String {
    let day = id.strip_prefix("update-").unwrap_or(id).replace('-', "_");
    let page = page.trim_end_matches('/').replace('/', "_");
    format!("update_{page}_{day}")
}

/// An update's text as HTML, its footnotes in namespace `ns` (see `namespace`), its raw
/// HTML kept or shown as text as the update says.
pub fn html(site: &Site, urls: &Urls, u: &Update, ns: &str, rebase: &str) -> String {
    markdown::to_html_as(&u.text, &resolver(site, urls), ns, rebase, u.html)
}

/// Where the updates of a page are: its kind, title, site path (the page whose log
/// shows them) and the site path of the page their texts were written for.
pub struct Updated<'a> {
    /// The key of its kind in the table: `page_article` …
    pub kind: &'static str,
    /// Its title.
    pub title: &'a str,
    /// The page that shows the log.
    pub path: String,
    /// The page its texts were written for.
    pub written_for: String,
    /// The updates, newest first.
    pub updates: &'a [Update],
}

/// Every page of the site with updates, in a stable order (kind, then slug).
pub fn every(site: &Site) -> Vec<Updated<'_>> {
    // A page whose texts were written for itself.
    let own = |kind, title, path: String, updates| Updated {
        kind,
        title,
        written_for: path.clone(),
        path,
        updates,
    };
    let mut out = Vec::new();
    for (slug, a) in site.articles.iter().filter(|(_, a)| !a.updates.is_empty()) {
        out.push(own(
            "page_article",
            &a.title,
            page_path("articles", slug),
            &a.updates,
        ));
    }
    for (slug, a) in site.actors.iter().filter(|(_, a)| !a.updates.is_empty()) {
        out.push(own(
            "page_actor",
            &a.name,
            page_path("actors", slug),
            &a.updates,
        ));
    }
    for (slug, p) in site.positions.iter().filter(|(_, p)| !p.updates.is_empty()) {
        out.push(own(
            "page_position",
            &p.title,
            page_path("positions", slug),
            &p.updates,
        ));
    }
    for n in site.annotations.values().filter(|n| !n.updates.is_empty()) {
        out.push(Updated {
            kind: "page_note",
            title: n.title.as_deref().unwrap_or(&n.quote),
            path: super::notes::note_path(n),
            written_for: page_path("articles", &n.article),
            updates: &n.updates,
        });
    }
    out
}

/// The day each page last changed, by output file: an article's date or its latest
/// update, and the latest update of every other page that has one (for the sitemap's
/// `lastmod`).
pub fn last_changed(site: &Site) -> BTreeMap<String, String> {
    let mut out: BTreeMap<String, String> = site
        .articles
        .iter()
        .map(|(slug, a)| (file_of(&page_path("articles", slug)), a.date.clone()))
        .collect();
    for p in every(site) {
        if let Some(day) = latest(p.updates) {
            let at = out.entry(file_of(&p.path)).or_default();
            if day > at.as_str() {
                *at = day.to_string();
            }
        }
    }
    out
}

/// The `count` latest updates of the site, newest first (ties in the order of `every`).
pub fn recent(site: &Site, t: &Strings, urls: &Urls, count: usize) -> Vec<RecentUpdate> {
    let pages = every(site);
    let mut all: Vec<(&Updated, &Update, String)> = pages
        .iter()
        .flat_map(|p| {
            p.updates
                .iter()
                .zip(ids(p.updates))
                .map(move |(u, id)| (p, u, id))
        })
        .collect();
    all.sort_by(|a, b| b.1.date.cmp(&a.1.date));
    all.truncate(count);
    all.into_iter()
        .map(|(p, u, id)| RecentUpdate {
            date: u.date.clone(),
            date_display: t.date(&u.date),
            title: p.title.to_string(),
            kind: t.get(p.kind).into(),
            url: urls.to(&format!("{}#{id}", p.path)),
            html: html(
                site,
                urls,
                u,
                &namespace(&p.path, &id),
                &urls.to(&p.written_for),
            ),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn u(date: &str) -> Update {
        Update {
            date: date.into(),
            text: "t".into(),
            html: markdown::RawHtml::Keep,
        }
    }

    #[test]
    fn footnote_namespaces_name_the_page() {
        assert_eq!(
            namespace("actors/ana-torres/", "update-2025-01-16-2"),
            "update_actors_ana-torres_2025_01_16_2"
        );
        assert_ne!(
            namespace("actors/a/", "update-2025-01-16"),
            namespace("actors/b/", "update-2025-01-16")
        );
    }

    #[test]
    fn updates_of_one_day_get_numbered_ids() {
        let got = ids(&[
            u("2025-08-20"),
            u("2025-08-19"),
            u("2025-08-19"),
            u("2025-08-19"),
        ]);
        assert_eq!(
            got,
            // Newest first: the third written of the 19th first.
            [
                "update-2025-08-20",
                "update-2025-08-19-3",
                "update-2025-08-19-2",
                "update-2025-08-19"
            ]
        );
    }
}
