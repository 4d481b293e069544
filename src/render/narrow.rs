//! After new article text is taken in (`model::update`), the pages of an actor's list of
//! articles that can have changed: an actor named in thousands of articles has dozens of
//! pages, and an edit of one article shows on one of them.

use std::cmp::Reverse;
use std::collections::BTreeSet;

use super::paging::page_at;
use super::plan::runs;
use super::urls::{file_of, page_path};
use crate::model::update::Delta;
use crate::model::{Mention, Site};

/// Takes out of `pages` (found by `affected` for `delta`) the pages of actors' lists
/// that show none of the changed articles, when each such list names the same articles
/// as before. The first page of a list (the profile, the stances, the counts) stays.
/// `site` is the whole site after the update.
pub fn narrow(pages: &mut BTreeSet<String>, delta: &Delta, site: &Site) {
    let changed: BTreeSet<&str> = delta.after.articles.keys().map(String::as_str).collect();
    let size = site.layout.page_size;
    // Newest first, as the list shows them (the dates did not change: text alone did).
    let order = |ms: &[Mention]| -> Option<Vec<&str>> {
        let mut articles = Vec::new();
        for r in runs(ms) {
            let a = site.articles.get(&*ms[r.start].article)?;
            articles.push((Reverse(a.date.as_str()), a.slug.as_str()));
        }
        articles.sort_unstable();
        Some(articles.into_iter().map(|(_, slug)| slug).collect())
    };
    let actors: BTreeSet<&String> = (delta.before.mentions.keys())
        .chain(delta.after.mentions.keys())
        .collect();
    for actor in actors {
        let none: &[Mention] = &[];
        let old = delta.before.mentions.get(actor).map_or(none, Vec::as_slice);
        let new = delta.after.mentions.get(actor).map_or(none, Vec::as_slice);
        let (Some(old), Some(new)) = (order(old), order(new)) else {
            continue;
        };
        if old != new {
            // Articles came or went: every page says how many, and the rest moved.
            continue;
        }
        let shown: BTreeSet<usize> = (new.iter().enumerate())
            .filter(|(_, a)| changed.contains(**a))
            .map(|(i, _)| i / size + 1)
            .collect();
        let first = page_path("actors", actor);
        let total = new.len().div_ceil(size).max(1);
        for n in 2..=total {
            if !shown.contains(&n) {
                pages.remove(&file_of(&page_at(&first, n)));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Article;

    fn site(sentence: &str) -> Site {
        let mut s = Site::default();
        s.layout.page_size = 1;
        let mut mentions = Vec::new();
        for (slug, day) in [("s1", 3), ("s2", 2), ("s3", 1)] {
            s.articles.insert(
                slug.into(),
                Article {
                    slug: slug.into(),
                    title: slug.into(),
                    date: format!("2025-01-0{day}"),
                    dek: None,
                    byline: None,
                    source: None,
                    source_url: None,
                    dateline: None,
                    picture: None,
                    image: None,
                    image_caption: None,
                    image_credit: None,
                    body: "Text.".into(),
                    blocks: vec![],
                    marks: vec![],
                    links: vec![],
                    updates: vec![],
                },
            );
            // Mentions come in slug order, the list shows the newest first.
            mentions.push(Mention {
                article: slug.into(),
                paragraph: 1,
                sentence: if slug == "s2" { sentence } else { "S." }.into(),
                struck: None,
            });
        }
        s.mentions.insert("a".into(), mentions);
        s
    }

    fn pages() -> BTreeSet<String> {
        [
            "actors/a/index.html",
            "actors/a/page/2/index.html",
            "actors/a/page/3/index.html",
            "articles/s2/index.html",
        ]
        .map(String::from)
        .into()
    }

    #[test]
    fn only_the_page_showing_the_edited_article_is_rendered_again() {
        let mut before = site("Old.");
        let mut after = site("New.");
        for s in [&mut before, &mut after] {
            s.articles.retain(|slug, _| slug == "s2");
        }
        let delta = Delta { before, after };
        let mut got = pages();
        narrow(&mut got, &delta, &site("New."));
        let want: BTreeSet<String> = [
            "actors/a/index.html",
            "actors/a/page/2/index.html",
            "articles/s2/index.html",
        ]
        .map(String::from)
        .into();
        assert_eq!(got, want);
    }

    #[test]
    fn a_list_that_gains_an_article_is_rendered_whole() {
        let mut before = site("Old.");
        before.mentions.get_mut("a").unwrap().remove(1);
        let after = site("New.");
        let delta = Delta { before, after };
        let mut got = pages();
        narrow(&mut got, &delta, &site("New."));
        assert_eq!(got, pages());
    }
}
