//! `feed.xml`: an Atom 1.0 feed (RFC 4287) of the site's articles and dated updates,
//! newest first, for feed readers. Its links must be absolute, so it is written only
//! for a site with a base URL.

use std::str::FromStr;

use atom_syndication::{Content, Entry, Feed, FixedDateTime, Link, Person, Text};

use super::updates::{self, every, ids};
use super::urls::{Urls, page_path};
use crate::model::Site;

/// Where the feed is, in the output.
pub const PATH: &str = "feed.xml";

/// The most entries the feed lists: the newest. Feed readers fetch a feed often and
/// show its latest entries; the site's own pages list everything.
pub const ENTRIES: usize = 50;

/// Why a site without a base URL gets no feed.
pub const NO_BASE_URL: &str = "no feed.xml: a feed needs absolute links, so it is written only when base_url is set (in content/site.toml, or with --base-url)";

/// Noon UTC of a `YYYY-MM-DD` day: a day has no time of its own, and noon keeps the
/// day the same in every time zone a reader shows it in.
fn at(day: &str) -> FixedDateTime {
    FixedDateTime::from_str(&format!("{day}T12:00:00Z")).unwrap_or_default()
}

/// What an entry is of: an article, or update `1` of the page `0` of `every`.
enum Of<'s> {
    Article(&'s str),
    Update(usize, usize),
}

/// One entry to be: its day (sorted newest first), its id (then by id), and what it is
/// of. Only the entries kept are made, so that a big site's feed costs little.
struct Item<'s> {
    day: &'s str,
    id: String,
    of: Of<'s>,
}

/// The feed of `site`, or `None` without a base URL.
pub fn feed(site: &Site, t: &super::i18n::Strings) -> Option<String> {
    let base = site.base_url.as_deref()?;
    let urls = Urls::absolute(base);
    let pages = every(site);
    let mut items: Vec<Item> = Vec::new();
    for (slug, a) in &site.articles {
        items.push(Item {
            day: crate::model::updates::latest(&a.updates).unwrap_or(&a.date),
            id: urls.to(&page_path("articles", slug)),
            of: Of::Article(slug),
        });
    }
    for (p, page) in pages.iter().enumerate() {
        for (i, (u, id)) in page.updates.iter().zip(ids(page.updates)).enumerate() {
            items.push(Item {
                day: &u.date,
                id: format!("{}#{id}", urls.to(&page.path)),
                of: Of::Update(p, i),
            });
        }
    }
    items.sort_unstable_by(|a, b| b.day.cmp(a.day).then_with(|| a.id.cmp(&b.id)));
    items.truncate(ENTRIES);
    let entries: Vec<Entry> = items
        .iter()
        .map(|item| match item.of {
            Of::Article(slug) => {
                let a = &site.articles[slug];
                Entry {
                    title: Text::plain(a.title.as_str()),
                    id: item.id.clone(),
                    updated: at(item.day),
                    published: Some(at(&a.date)),
                    authors: a.byline.iter().map(|b| person(b)).collect(),
                    links: vec![alternate(item.id.clone())],
                    summary: a.dek.as_deref().map(Text::plain),
                    ..Entry::default()
                }
            }
            Of::Update(p, i) => {
                let page = &pages[p];
                let u = &page.updates[i];
                let anchor = item.id.rsplit('#').next().unwrap_or_default();
                let ns = updates::namespace(&page.path, anchor);
                let html = updates::html(site, &urls, u, &ns, &urls.to(&page.written_for));
                let html = absolute_fragments(&html, &urls.to(&page.path));
                Entry {
                    title: Text::plain(t.fill("feed_updated", &[("title", page.title)])),
                    id: item.id.clone(),
                    updated: at(item.day),
                    links: vec![alternate(item.id.clone())],
                    content: Some(Content {
                        value: Some(html),
                        content_type: Some("html".into()),
                        ..Content::default()
                    }),
                    ..Entry::default()
                }
            }
        })
        .collect();
    let newest = items.first().map_or("1970-01-01", |i| i.day);
    let feed = Feed {
        title: Text::plain(site.title.as_str()),
        id: base.to_string(),
        updated: at(newest),
        // RFC 4287 asks for an author of the feed unless every entry names one.
        authors: vec![person(&site.title)],
        links: vec![
            Link {
                href: format!("{base}{PATH}"),
                rel: "self".into(),
                mime_type: Some("application/atom+xml".into()),
                ..Link::default()
            },
            alternate(base.to_string()),
        ],
        subtitle: site.description.as_deref().map(Text::plain),
        lang: Some(site.language.clone()),
        entries,
        ..Feed::default()
    };
    Some(feed.to_string())
}

/// `html` with its links to an id of its own page (`href="#fn-…"`: footnotes; its other
/// links are rebased already) made absolute, to the same id on the page at `url` (which
/// shows the update with the same ids): a feed's links must be absolute.
fn absolute_fragments(html: &str, url: &str) -> String {
    let url = url.replace('&', "&amp;").replace('"', "&quot;");
    html.replace("href=\"#", &format!("href=\"{url}#"))
}

fn person(name: &str) -> Person {
    Person {
        name: name.to_string(),
        ..Person::default()
    }
}

fn alternate(href: String) -> Link {
    Link {
        href,
        rel: "alternate".into(),
        mime_type: Some("text/html".into()),
        ..Link::default()
    }
}
