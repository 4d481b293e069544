//! Which pages a change of the model touches, so that `serve` re-renders only those.

use std::collections::BTreeSet;

use super::paging::all_pages;
use super::urls::{file_of, page_path};
use crate::model::Site;

/// The output paths of the pages that differ between `old` and `new`, or `None` when
/// the change shows on too many pages to tell (titles, names, the site's settings, a
/// page added or removed, a note moved to another article): then everything is
/// rendered again.
pub fn affected(old: &Site, new: &Site) -> Option<BTreeSet<String>> {
    let pages = touched(old, new)?;
    // A page of a list stands for all of the list's pages, as long as there are as many.
    let mut out = BTreeSet::new();
    for (section, slug) in &pages {
        let slug = slug.as_str();
        match *section {
            "notes" => {
                out.insert(slug.to_string());
                continue;
            }
            "" => {
                // The home page, and the pages of the matrix it shows part of.
                out.insert("index.html".to_string());
                let tiles = |site: &Site| super::plan::MatrixPlan::new(site).tiles.len();
                let n = tiles(new);
                if tiles(old) != n {
                    return None;
                }
                if n > 0 {
                    out.extend(all_pages("matrix/", n).map(|p| file_of(&p)));
                }
                continue;
            }
            _ => {}
        }
        let first = page_path(section, slug);
        let count = |site: &Site| match *section {
            "actors" => site.layout.pages(
                site.mentions
                    .get(slug)
                    .map_or(0, |ms| super::plan::runs(ms).len()),
            ),
            "positions" => site
                .positions
                .get(slug)
                .map_or(1, |p| site.layout.pages(p.stances.len())),
            _ => 1,
        };
        let n = count(new);
        if count(old) != n {
            return None;
        }
        out.extend(all_pages(&first, n).map(|p| file_of(&p)));
    }
    Some(out)
}

/// The pages (section and slug; `("", "")` for the home page, `("notes", path)` for a
/// note's page) that differ between `old` and `new`; see `affected`.
fn touched(old: &Site, new: &Site) -> Option<BTreeSet<(&'static str, String)>> {
    let same_site = old.title == new.title
        && old.description == new.description
        && old.language == new.language
        && old.base_url == new.base_url
        && old.layout == new.layout
        && old.image_hosts == new.image_hosts
        // Updates show on the home page, in the feed and the sitemap too.
        && super::updates::every(old)
            .iter()
            .map(|p| (&p.path, p.updates))
            .eq(super::updates::every(new).iter().map(|p| (&p.path, p.updates)))
        && old.articles.keys().eq(new.articles.keys())
        && old.actors.keys().eq(new.actors.keys())
        && old.positions.keys().eq(new.positions.keys())
        // Events show on the timeline and on the pages of what they name.
        && old.events == new.events
        // A note may have a page under its article.
        && old
            .annotations
            .iter()
            .map(note_page)
            .eq(new.annotations.iter().map(note_page));
    if !same_site {
        return None;
    }
    // Names and titles show on cards and in links all over the site.
    let cards_same = new.actors.iter().all(|(s, a)| {
        let o = &old.actors[s];
        (&o.name, o.kind, &o.role, &o.aliases) == (&a.name, a.kind, &a.role, &a.aliases)
    }) && new.positions.iter().all(|(s, p)| {
        let o = &old.positions[s];
        (&o.title, &o.summary) == (&p.title, &p.summary)
    }) && new.articles.iter().all(|(s, a)| {
        let o = &old.articles[s];
        (&o.title, &o.date, &o.dek, o.marks.len()) == (&a.title, &a.date, &a.dek, a.marks.len())
    });
    if !cards_same {
        return None;
    }
    let mut pages: BTreeSet<(&'static str, String)> = BTreeSet::new();
    let mut add = |section: &'static str, slug: &str| {
        pages.insert((section, slug.to_string()));
    };
    fn listed<'s>(
        site: &'s Site,
        map: fn(&crate::model::Index) -> &std::collections::BTreeMap<String, Vec<String>>,
        key: &str,
    ) -> &'s [String] {
        map(&site.index).get(key).map_or(&[], Vec::as_slice)
    }
    for (slug, a) in &new.articles {
        if old.articles[slug] != *a {
            add("articles", slug);
            for site in [old, new] {
                listed(site, |i| &i.article_actors, slug)
                    .iter()
                    .for_each(|x| add("actors", x));
                listed(site, |i| &i.article_positions, slug)
                    .iter()
                    .for_each(|x| add("positions", x));
            }
        }
    }
    for (slug, a) in &new.actors {
        let o = &old.actors[slug];
        if o != a {
            add("actors", slug);
            for aff in [&o.affiliation, &a.affiliation].into_iter().flatten() {
                add("actors", aff);
            }
        }
        if old.mentions.get(slug) != new.mentions.get(slug) {
            add("actors", slug);
        }
    }
    let mut home = false;
    for (slug, p) in &new.positions {
        let o = &old.positions[slug];
        if o != p {
            add("positions", slug);
            home = true;
            for st in o.stances.iter().chain(&p.stances) {
                add("actors", &st.actor);
                if let Some(q) = &st.quote {
                    add("articles", &q.article);
                }
            }
        }
    }
    let notes: BTreeSet<&String> = old
        .annotations
        .keys()
        .chain(new.annotations.keys())
        .collect();
    let mut note_pages: Vec<String> = Vec::new();
    for slug in notes {
        let (o, n) = (old.annotations.get(slug), new.annotations.get(slug));
        if o != n {
            for a in [o, n].into_iter().flatten() {
                if super::notes::has_page(&a.body, a.sources.len(), a.updates.len()) {
                    note_pages.push(file_of(&super::notes::note_path(a)));
                }
                add("articles", &a.article);
                a.actors.iter().for_each(|x| add("actors", x));
                a.positions.iter().for_each(|x| add("positions", x));
            }
        }
    }
    for p in note_pages {
        pages.insert(("notes", p));
    }
    if home {
        pages.insert(("", String::new()));
    }
    Some(pages)
}

/// What decides where a note's page is, and whether it has one.
fn note_page<'a>(
    (slug, n): (&'a String, &'a crate::model::Annotation),
) -> (&'a String, &'a String, bool) {
    (
        slug,
        &n.article,
        super::notes::has_page(&n.body, n.sources.len(), n.updates.len()),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Actor, ActorKind, Article};

    fn site() -> Site {
        let mut s = Site {
            title: "T".into(),
            ..Site::default()
        };
        for slug in ["a", "b"] {
            s.actors.insert(
                slug.into(),
                Actor {
                    slug: slug.into(),
                    name: slug.to_uppercase(),
                    kind: ActorKind::Person,
                    aliases: vec![],
                    role: None,
                    affiliation: None,
                    wikidata: None,
                    links: vec![],
                    image: None,
                    body: "Profile.".into(),
                    updates: vec![],
                },
            );
        }
        s.articles.insert(
            "story".into(),
            Article {
                slug: "story".into(),
                title: "Story".into(),
                date: "2025-01-01".into(),
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
        s
    }

    #[test]
    fn a_profile_edit_touches_only_its_page() {
        let old = site();
        let mut new = site();
        new.actors.get_mut("a").unwrap().body = "New profile.".into();
        assert_eq!(
            affected(&old, &new)
                .unwrap()
                .into_iter()
                .collect::<Vec<_>>(),
            ["actors/a/index.html"]
        );
        assert!(affected(&old, &site()).unwrap().is_empty());
    }

    #[test]
    fn a_new_name_or_page_renders_everything() {
        let old = site();
        let mut new = site();
        new.actors.get_mut("b").unwrap().name = "Bee".into();
        assert_eq!(affected(&old, &new), None);
        let mut new = site();
        new.actors.remove("b");
        assert_eq!(affected(&old, &new), None);
        // An update shows on the home page, in the feed and the sitemap as well.
        let mut new = site();
        new.actors.get_mut("b").unwrap().updates = vec![crate::model::Update {
            date: "2025-02-01".into(),
            text: "New.".into(),
            html: crate::markdown::RawHtml::Keep,
        }];
        assert_eq!(affected(&old, &new), None);
    }

    #[test]
    fn an_article_edit_touches_the_article_and_who_it_mentions() {
        let mut old = site();
        old.index
            .article_actors
            .insert("story".into(), vec!["a".into()]);
        let mut new = site();
        new.articles.get_mut("story").unwrap().body = "Other text.".into();
        new.index
            .article_actors
            .insert("story".into(), vec!["b".into()]);
        let got: Vec<String> = affected(&old, &new).unwrap().into_iter().collect();
        assert_eq!(
            got,
            [
                "actors/a/index.html",
                "actors/b/index.html",
                "articles/story/index.html"
            ]
        );
    }

    #[test]
    fn a_list_in_pages_is_rendered_whole_unless_its_pages_change() {
        let mention = |article: &str| crate::model::Mention {
            article: article.into(),
            paragraph: 1,
            sentence: "S.".into(),
            struck: None,
        };
        let mut old = site();
        old.layout.page_size = 1;
        old.mentions
            .insert("a".into(), vec![mention("story"), mention("story-2")]);
        old.index
            .article_actors
            .insert("story".into(), vec!["a".into()]);
        let mut new = site();
        new.layout.page_size = 1;
        new.mentions
            .insert("a".into(), vec![mention("story"), mention("story-2")]);
        new.index
            .article_actors
            .insert("story".into(), vec!["a".into()]);
        new.articles.get_mut("story").unwrap().body = "Other text.".into();
        let got: Vec<String> = affected(&old, &new).unwrap().into_iter().collect();
        assert_eq!(
            got,
            [
                "actors/a/index.html",
                "actors/a/page/2/index.html",
                "articles/story/index.html"
            ]
        );
        // One article more names the actor: a page more, so everything is rendered.
        new.mentions.get_mut("a").unwrap().push(mention("story-3"));
        assert_eq!(affected(&old, &new), None);
    }
}
