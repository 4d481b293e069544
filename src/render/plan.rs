//! Which pages a site has beyond one per article, actor and position: the pages of its
//! long lists and of its stance matrix. One plan serves the pages that are rendered, the
//! sitemap and the link check, so that they cannot disagree.

use std::ops::Range;
use std::sync::OnceLock;

use rustc_hash::FxHashMap;

use super::paging::{all_pages, page_at};
use super::urls::page_path;
use crate::model::{Site, StanceKind};

/// The lists of a site and how many pages each takes. What a page needs of a list
/// (its order) is worked out the first time a page asks, so that `serve`, rendering a
/// few pages again, sorts only their lists.
pub struct Plan<'s> {
    site: &'s Site,
    articles: OnceLock<Vec<&'s str>>,
    actors: OnceLock<Vec<&'s str>>,
    /// Actor → the articles that name it, newest first, each as the range of its
    /// mentions in the actor's list of mentions.
    named: FxHashMap<&'s str, OnceLock<Vec<Range<usize>>>>,
    matrix: OnceLock<MatrixPlan<'s>>,
}

/// What the home page shows of the stance matrix, and the pages of the rest.
pub struct MatrixPlan<'s> {
    /// The home page's columns, most stances first.
    pub home_positions: Vec<&'s str>,
    /// The home page's rows, most stances on those columns first.
    pub home_actors: Vec<&'s str>,
    /// The pages of the full matrix, when the home page cannot show all of it.
    pub tiles: Vec<Tile<'s>>,
}

/// One page of the full matrix: a run of positions (columns), and the actors with a
/// stance on one of them (rows).
pub struct Tile<'s> {
    /// The columns, in slug order.
    pub positions: Vec<&'s str>,
    /// Where the first column is in the list of all positions (from 0).
    pub first_position: usize,
    /// The rows, in slug order.
    pub actors: Vec<&'s str>,
    /// Where the first row is among all the rows of these columns (from 0), and how
    /// many rows these columns have.
    pub rows: (usize, usize),
}

impl<'s> Plan<'s> {
    /// The plan of `site`.
    pub fn new(site: &'s Site) -> Plan<'s> {
        Plan {
            site,
            articles: OnceLock::new(),
            actors: OnceLock::new(),
            named: site
                .mentions
                .keys()
                .map(|a| (a.as_str(), OnceLock::new()))
                .collect(),
            matrix: OnceLock::new(),
        }
    }

    /// The stance matrix.
    pub fn matrix(&self) -> &MatrixPlan<'s> {
        self.matrix.get_or_init(|| MatrixPlan::new(self.site))
    }

    /// Articles, newest first (the articles index, and the home page's first page of it).
    pub fn articles(&self) -> &[&'s str] {
        self.articles.get_or_init(|| {
            let mut articles: Vec<&crate::model::Article> = self.site.articles.values().collect();
            articles.sort_by(|a, b| (&b.date, &a.slug).cmp(&(&a.date, &b.slug)));
            articles.iter().map(|a| a.slug.as_str()).collect()
        })
    }

    /// Actors in the order of the actors index: people, states, organisations, each by
    /// name.
    pub fn actors(&self) -> &[&'s str] {
        self.actors.get_or_init(|| {
            let mut actors: Vec<&crate::model::Actor> = self.site.actors.values().collect();
            actors.sort_by(|a, b| {
                (kind_order(a.kind), &a.name, &a.slug).cmp(&(kind_order(b.kind), &b.name, &b.slug))
            });
            actors.iter().map(|a| a.slug.as_str()).collect()
        })
    }

    /// How many articles name actor `slug`.
    pub fn named_count(&self, slug: &str) -> usize {
        // Counted from the actor's mentions, which come by article (not from every
        // article's list of actors: an edit's render asks for a few actors of thousands).
        self.site.mentions.get(slug).map_or(0, |ms| runs(ms).len())
    }

    /// The articles that name actor `slug`, newest first, each as the range of its
    /// mentions in the actor's list of mentions.
    pub fn named(&self, slug: &str) -> &[Range<usize>] {
        let (Some(cell), Some(ms)) = (self.named.get(slug), self.site.mentions.get(slug)) else {
            return &[];
        };
        cell.get_or_init(|| {
            let mut runs = runs(ms);
            runs.sort_by_cached_key(|r| {
                let a = &self.site.articles[&*ms[r.start].article];
                (std::cmp::Reverse(a.date.as_str()), a.slug.as_str())
            });
            runs
        })
    }

    /// The site path of every page of the lists (page 1 of each included), in no
    /// particular order.
    pub fn paths(&self) -> Vec<String> {
        let site = self.site;
        let layout = &site.layout;
        let mut out: Vec<String> = Vec::new();
        out.extend(all_pages("articles/", self.article_pages()));
        out.extend(all_pages("actors/", layout.pages(site.actors.len())));
        out.extend(all_pages("positions/", layout.pages(site.positions.len())));
        for slug in self.site.mentions.keys() {
            let base = page_path("actors", slug);
            out.extend(all_pages(&base, self.actor_pages(slug)).skip(1));
        }
        for (slug, p) in &site.positions {
            if p.stances.len() > layout.page_size {
                let base = page_path("positions", slug);
                out.extend(all_pages(&base, layout.pages(p.stances.len())).skip(1));
            }
        }
        if !self.matrix().tiles.is_empty() {
            out.extend(all_pages("matrix/", self.matrix().tiles.len()));
        }
        out
    }

    /// How many pages the articles index takes: none on a site of one article, whose
    /// home page is its index.
    pub fn article_pages(&self) -> usize {
        let site = self.site;
        if site.articles.len() > 1 {
            site.layout.pages(site.articles.len())
        } else {
            0
        }
    }

    /// How many pages the page of actor `slug` takes.
    pub fn actor_pages(&self, slug: &str) -> usize {
        self.site.layout.pages(self.named_count(slug))
    }
}

/// The runs of an actor's mentions, one per article (they come article by article), as
/// ranges of `mentions`.
pub fn runs(mentions: &[crate::model::Mention]) -> Vec<std::ops::Range<usize>> {
    let mut runs: Vec<std::ops::Range<usize>> = Vec::new();
    for (i, m) in mentions.iter().enumerate() {
        match runs.last_mut() {
            // An article's mentions share its slug: most runs need no look at the text.
            Some(r)
                if std::sync::Arc::ptr_eq(&mentions[r.start].article, &m.article)
                    || mentions[r.start].article == m.article =>
            {
                r.end = i + 1
            }
            _ => runs.push(i..i + 1),
        }
    }
    runs
}

fn kind_order(kind: crate::model::ActorKind) -> u8 {
    match kind {
        crate::model::ActorKind::Person => 0,
        crate::model::ActorKind::State => 1,
        crate::model::ActorKind::Organization => 2,
    }
}

impl<'s> MatrixPlan<'s> {
    /// The matrix plan of `site`.
    pub fn new(site: &'s Site) -> MatrixPlan<'s> {
        let layout = &site.layout;
        let rows = site.index.actor_stances.len();
        if rows <= layout.matrix_rows && site.positions.len() <= layout.matrix_columns {
            // All of it fits: the home page shows the whole matrix, in slug order.
            return MatrixPlan {
                home_positions: site.positions.keys().map(String::as_str).collect(),
                home_actors: site
                    .index
                    .actor_stances
                    .keys()
                    .map(String::as_str)
                    .collect(),
                tiles: Vec::new(),
            };
        }
        let mut positions: Vec<(&str, usize)> = site
            .positions
            .iter()
            .filter(|(_, p)| !p.stances.is_empty())
            .map(|(s, p)| (s.as_str(), p.stances.len()))
            .collect();
        positions.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
        positions.truncate(layout.matrix_columns);
        let shown: std::collections::BTreeSet<&str> = positions.iter().map(|p| p.0).collect();
        let mut actors: Vec<(&str, usize)> = site
            .index
            .actor_stances
            .iter()
            .map(|(a, st)| {
                let n = st
                    .iter()
                    .filter(|(p, _)| shown.contains(p.as_str()))
                    .count();
                (a.as_str(), n)
            })
            .filter(|(_, n)| *n > 0)
            .collect();
        actors.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
        actors.truncate(layout.matrix_rows);
        MatrixPlan {
            home_positions: positions.into_iter().map(|p| p.0).collect(),
            home_actors: actors.into_iter().map(|a| a.0).collect(),
            tiles: tiles(site),
        }
    }

    /// Whether the home page shows only part of the matrix.
    pub fn bounded(&self) -> bool {
        !self.tiles.is_empty()
    }
}

/// The pages of the full matrix: positions in slug order, `matrix_columns` at a time;
/// for each run, the actors with a stance on one of them, `page_size` rows at a time.
fn tiles(site: &Site) -> Vec<Tile<'_>> {
    let layout = &site.layout;
    let slugs: Vec<&str> = site.positions.keys().map(String::as_str).collect();
    let mut out = Vec::new();
    for (c, columns) in slugs.chunks(layout.matrix_columns).enumerate() {
        let actors: Vec<&str> = site
            .index
            .actor_stances
            .iter()
            .filter(|(_, st)| st.iter().any(|(p, _)| columns.contains(&p.as_str())))
            .map(|(a, _)| a.as_str())
            .collect();
        let total = actors.len();
        for (r, rows) in actors.chunks(layout.page_size).enumerate() {
            out.push(Tile {
                positions: columns.to_vec(),
                first_position: c * layout.matrix_columns,
                actors: rows.to_vec(),
                rows: (r * layout.page_size, total),
            });
        }
        if actors.is_empty() {
            out.push(Tile {
                positions: columns.to_vec(),
                first_position: c * layout.matrix_columns,
                actors: Vec::new(),
                rows: (0, 0),
            });
        }
    }
    out
}

/// The stances of position `slug` in the order its pages show them: supporters, then
/// opponents, mixed and unclear, each in the order of the file (as indexes into its
/// stances).
pub fn stance_order(site: &Site, slug: &str) -> Vec<usize> {
    let p = &site.positions[slug];
    let mut order: Vec<usize> = (0..p.stances.len()).collect();
    order.sort_by_key(|&i| {
        let kind = p.stances[i].stance;
        StanceKind::ALL.iter().position(|k| *k == kind)
    });
    order
}

/// The site path, with its anchor, of the stance of `actor` on position `slug`: on the
/// page of the position's list that shows it.
pub fn stance_path(site: &Site, slug: &str, actor: &str) -> String {
    let p = &site.positions[slug];
    let order = stance_order(site, slug);
    let at = order
        .iter()
        .position(|&i| p.stances[i].actor == actor)
        .unwrap_or(0);
    let page = at / site.layout.page_size + 1;
    format!(
        "{}#stance-{actor}",
        page_at(&page_path("positions", slug), page)
    )
}
