//! The lookups derived from a resolved site: who is related to what, so that no page
//! scans the whole site.

use std::collections::BTreeMap;

use super::Site;

/// Who is related to what, derived once from the site (see `Index::build`).
#[derive(Debug, Default, PartialEq)]
pub struct Index {
    /// Article → the actors it mentions, in order of first mention.
    pub article_actors: BTreeMap<String, Vec<String>>,
    /// Article → the positions with a stance quoted from it.
    pub article_positions: BTreeMap<String, Vec<String>>,
    /// Actor → (position, index of its stance there), by position slug.
    pub actor_stances: BTreeMap<String, Vec<(String, usize)>>,
    /// Actor → the actors affiliated to it.
    pub actor_members: BTreeMap<String, Vec<String>>,
    /// Actor → the annotations that name it.
    pub actor_notes: BTreeMap<String, Vec<String>>,
    /// Position → the annotations that name it.
    pub position_notes: BTreeMap<String, Vec<String>>,
}

impl Index {
    /// Derives the lookups of a site.
    pub fn build(site: &Site) -> Index {
        let mut ix = Index::default();
        // An actor's mentions come article by article, in text order: the first of each
        // run is its first mention in that article. (Gathered by hash: a big site has
        // hundreds of thousands of mentions.)
        let mut first: rustc_hash::FxHashMap<&str, Vec<(usize, &str)>> =
            rustc_hash::FxHashMap::default();
        for (actor, mentions) in &site.mentions {
            let mut last: Option<&str> = None;
            for m in mentions {
                if last != Some(&*m.article) {
                    last = Some(&*m.article);
                    first
                        .entry(&*m.article)
                        .or_default()
                        .push((m.paragraph, actor.as_str()));
                }
            }
        }
        ix.article_actors = first
            .into_iter()
            .map(|(article, mut actors)| {
                actors.sort();
                (
                    article.to_string(),
                    actors.into_iter().map(|(_, a)| a.to_string()).collect(),
                )
            })
            .collect();
        for (slug, p) in &site.positions {
            let mut quoted = std::collections::BTreeSet::new();
            for (i, st) in p.stances.iter().enumerate() {
                ix.actor_stances
                    .entry(st.actor.clone())
                    .or_default()
                    .push((slug.clone(), i));
                if let Some(q) = &st.quote {
                    quoted.insert(q.article.as_str());
                }
            }
            for article in quoted {
                ix.article_positions
                    .entry(article.to_string())
                    .or_default()
                    .push(slug.clone());
            }
        }
        for (slug, a) in &site.actors {
            if let Some(aff) = &a.affiliation {
                ix.actor_members
                    .entry(aff.clone())
                    .or_default()
                    .push(slug.clone());
            }
        }
        for (slug, n) in &site.annotations {
            for a in &n.actors {
                ix.actor_notes
                    .entry(a.clone())
                    .or_default()
                    .push(slug.clone());
            }
            for p in &n.positions {
                ix.position_notes
                    .entry(p.clone())
                    .or_default()
                    .push(slug.clone());
            }
        }
        ix
    }
}
