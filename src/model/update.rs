//! New article text taken into a resolved site without resolving it again (for `serve`,
//! where most saves change the text of one article). When the only change since the
//! last resolve is the body of articles, and that resolve found nothing wrong, only those
//! articles are analysed again, and the site is patched where their text shows: the
//! articles themselves, the quotes into them, the mentions they make, and the entries of
//! the index derived from those. Anything else is left to `resolve`.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use super::articles::{self, Analysis, AnalysisCache, QuoteRequest, Target};
use super::placing::{quote_texts, take_analysis};
use super::resolve::resolve_requests;
use super::{Index, Site};
use crate::content::{RawSite, SourceFile};
use crate::diagnostic::Diagnostic;
use crate::markdown;

/// What a resolve leaves for `update`: the content it was made from, and the quotes it
/// looked for in the articles.
pub struct Kept {
    raw: RawSite,
    requests: Vec<QuoteRequest>,
    /// The indexes in `requests` of the quotes into each article (an update looks up
    /// those of the articles edited among a big site's tens of thousands).
    by_article: rustc_hash::FxHashMap<String, Vec<usize>>,
}

impl Kept {
    /// The quotes into the article `slug`, in the order of `requests`.
    fn quotes_into(&self, slug: &str) -> Vec<&QuoteRequest> {
        (self.by_article.get(slug).into_iter().flatten())
            .map(|&i| &self.requests[i])
            .collect()
    }
}

/// The parts of a site that an update changed, before and after: two sites holding just
/// those parts (and the site's settings), which differ wherever the whole sites differ.
#[derive(Debug)]
pub struct Delta {
    /// The parts as they were.
    pub before: Site,
    /// The parts as they are.
    pub after: Site,
}

/// `resolve_with`, keeping what a later `update` needs.
pub fn resolve_kept(
    raw: RawSite,
    cache: Option<&mut AnalysisCache>,
) -> (Site, Vec<Diagnostic>, Kept) {
    let (site, diags, requests) = resolve_requests(&raw, cache);
    let mut by_article: rustc_hash::FxHashMap<String, Vec<usize>> = Default::default();
    for (i, r) in requests.iter().enumerate() {
        by_article.entry(r.article.clone()).or_default().push(i);
    }
    (
        site,
        diags,
        Kept {
            raw,
            requests,
            by_article,
        },
    )
}

/// Takes `raw` into `site`, which was resolved from `kept` without a diagnostic, when
/// the two differ only in the bodies of articles and the new text brings no diagnostic
/// either: afterwards `site` is what `resolve` makes of `raw`, and `kept` is kept for
/// `raw`. `cache` holds the automaton of the actors' names the last resolve used.
/// Otherwise nothing is changed and `raw` comes back, to be resolved.
pub fn update(
    site: &mut Site,
    kept: &mut Kept,
    raw: RawSite,
    cache: &AnalysisCache,
) -> Result<Delta, Box<RawSite>> {
    let Some((changed, profiles)) = changed_bodies(&kept.raw, &raw) else {
        return Err(Box::new(raw));
    };
    let known = |slug: &str| {
        site.articles.contains_key(slug)
            || site.actors.contains_key(slug)
            || site.positions.contains_key(slug)
    };
    // A body with a problem of its links, or a [[wikilink]] to nothing, is left to
    // `resolve`, which reports it at its line.
    let fine = |body: &str| {
        markdown::problems(body, markdown::RawHtml::Keep).is_empty()
            && (!body.contains("[[")
                || markdown::wikilink_targets(body)
                    .iter()
                    .all(|(slug, _)| known(slug)))
    };
    let changed_bodies = changed
        .iter()
        .map(|&i| &raw.articles[i].body)
        .chain(profiles.iter().map(|&i| &raw.actors[i].body));
    for body in changed_bodies {
        if !fine(body) {
            return Err(Box::new(raw));
        }
    }
    let Some(finder) = cache.finder() else {
        return Err(Box::new(raw));
    };
    // What `resolve` reads the titles from: with every file valid, the site has them all.
    let title_of = |slug: &str| {
        (site.articles.get(slug).map(|a| &a.title))
            .or_else(|| site.actors.get(slug).map(|a| &a.name))
            .or_else(|| site.positions.get(slug).map(|p| &p.title))
            .cloned()
    };
    let actor_slugs: Vec<std::sync::Arc<str>> =
        raw.actors.iter().map(|a| a.slug.as_str().into()).collect();
    // Everything is analysed and checked before anything is changed.
    let mut analysed: Vec<(&SourceFile<_>, Analysis, Vec<&QuoteRequest>)> = Vec::new();
    for file in changed.iter().map(|&i| &raw.articles[i]) {
        if !site.articles.contains_key(&file.slug) {
            return Err(Box::new(raw));
        }
        let requests = kept.quotes_into(&file.slug);
        let analysis = articles::analyse(
            &file.slug,
            &file.body,
            &title_of,
            finder,
            &actor_slugs,
            &requests,
        );
        if !analysis.diags.is_empty() {
            return Err(Box::new(raw));
        }
        analysed.push((file, analysis, requests));
    }

    // What can change: the articles, the positions and annotations quoting them, the
    // actors they mention before or after.
    let slugs: BTreeSet<String> = analysed.iter().map(|(f, ..)| f.slug.clone()).collect();
    let mut positions = BTreeSet::new();
    let mut annotations = BTreeSet::new();
    for &r in analysed.iter().flat_map(|(.., requests)| requests) {
        match &r.target {
            Target::Stance { position, .. } => {
                positions.insert(position.clone());
            }
            Target::Annotation(slug) => {
                annotations.insert(slug.clone());
            }
            Target::Check => {}
        }
    }
    let mut actors: BTreeSet<String> = profiles
        .iter()
        .map(|&i| raw.actors[i].slug.clone())
        .collect();
    for (file, analysis, _) in &analysed {
        if let Some(old) = site.index.article_actors.get(&file.slug) {
            actors.extend(old.iter().cloned());
        }
        actors.extend(analysis.mentions.iter().map(|(a, _)| a.to_string()));
    }
    let parts = Parts {
        articles: &slugs,
        actors: &actors,
        positions: &positions,
        annotations: &annotations,
    };
    let before = parts.of(site);
    for (file, analysis, requests) in analysed {
        take_in(site, &requests, file, analysis);
    }
    for &i in &profiles {
        let file = &raw.actors[i];
        if let Some(actor) = site.actors.get_mut(&file.slug) {
            actor.body = file.body.clone();
        }
    }
    let after = parts.of(site);
    kept.raw = raw;
    Ok(Delta { before, after })
}

/// The files of `raw` whose body alone differs from the content `kept` was resolved
/// from, when nothing else differs (what `update` can take in, unless the new text has a
/// problem).
pub fn body_changes(kept: &Kept, raw: &RawSite) -> Option<BodyChanges> {
    let (articles, actors) = changed_bodies(&kept.raw, raw)?;
    let paths = (articles.iter().map(|&i| raw.articles[i].path.clone()))
        .chain(actors.iter().map(|&i| raw.actors[i].path.clone()))
        .collect();
    Some(BodyChanges {
        paths,
        articles,
        actors,
    })
}

/// The files whose body alone changed (see `body_changes`).
pub struct BodyChanges {
    /// Their paths.
    pub paths: BTreeSet<String>,
    /// The indexes of the articles among the new content's.
    pub articles: Vec<usize>,
    /// The indexes of the actors among the new content's.
    pub actors: Vec<usize>,
}

/// The indexes of the articles, and of the actors, of `new` whose body alone differs
/// from `old`'s; `None` when anything else differs.
fn changed_bodies(old: &RawSite, new: &RawSite) -> Option<(Vec<usize>, Vec<usize>)> {
    fn same<F>(a: &[Arc<SourceFile<F>>], b: &[Arc<SourceFile<F>>]) -> bool {
        a.len() == b.len() && a.iter().zip(b).all(|(a, b)| Arc::ptr_eq(a, b))
    }
    /// The files of `b` whose body alone differs from `a`'s.
    fn bodies<F: PartialEq>(
        a: &[Arc<SourceFile<F>>],
        b: &[Arc<SourceFile<F>>],
    ) -> Option<Vec<usize>> {
        if a.len() != b.len() {
            return None;
        }
        let mut changed = Vec::new();
        for (i, (a, b)) in a.iter().zip(b).enumerate() {
            if Arc::ptr_eq(a, b) {
                continue;
            }
            if (&a.path, &a.slug, &a.front) != (&b.path, &b.slug, &b.front) {
                return None;
            }
            changed.push(i);
        }
        Some(changed)
    }
    let alike = old.site == new.site
        && old.images == new.images
        && old.unparsed.is_empty()
        && new.unparsed.is_empty()
        && same(&old.positions, &new.positions)
        && same(&old.annotations, &new.annotations)
        && crate::content::events::same(&old.events, &new.events);
    if !alike {
        return None;
    }
    Some((
        bodies(&old.articles, &new.articles)?,
        bodies(&old.actors, &new.actors)?,
    ))
}

/// Puts the analysis of the new text of `file` into `site`, as `resolve` would have;
/// `requests` are the quotes into it.
fn take_in(
    site: &mut Site,
    requests: &[&QuoteRequest],
    file: &SourceFile<crate::content::front::ArticleFront>,
    analysis: Analysis,
) {
    let slug = &file.slug;
    // The quotes into the article, unplaced.
    for r in requests {
        match &r.target {
            Target::Stance { position, index } => {
                if let Some(stance) = site
                    .positions
                    .get_mut(position)
                    .and_then(|p| p.stances.get_mut(*index))
                {
                    stance.quote = None;
                }
            }
            Target::Annotation(note) => {
                if let Some(a) = site.annotations.get_mut(note) {
                    a.paragraph = 0;
                }
            }
            Target::Check => {}
        }
    }
    // Its mentions: out of every actor's list, then in again at the article's place.
    let before: Vec<String> = site.index.article_actors.remove(slug).unwrap_or_default();
    for actor in &before {
        if let Some(list) = site.mentions.get_mut(actor) {
            list.retain(|m| *m.article != **slug);
            if list.is_empty() {
                site.mentions.remove(actor);
            }
        }
    }
    let mut by_actor: BTreeMap<String, Vec<super::Mention>> = BTreeMap::new();
    for (actor, mention) in analysis.mentions {
        by_actor.entry(actor.to_string()).or_default().push(mention);
    }
    let mut first: Vec<(usize, String)> = Vec::new();
    for (actor, mentions) in by_actor {
        if let Some(m) = mentions.first() {
            first.push((m.paragraph, actor.clone()));
        }
        let list = site.mentions.entry(actor).or_default();
        let at = list.partition_point(|m| *m.article < **slug);
        list.splice(at..at, mentions);
    }
    first.sort();
    if !first.is_empty() {
        site.index
            .article_actors
            .insert(slug.clone(), first.into_iter().map(|(_, a)| a).collect());
    }
    // The article, and the quotes into it placed.
    let Some(article) = site.articles.get_mut(slug) else {
        return;
    };
    article.body = file.body.clone();
    take_analysis(
        &mut site.positions,
        &mut site.annotations,
        article,
        // The quotes into this article alone: a big site has tens of thousands.
        &quote_texts(requests.iter().copied()),
        (analysis.blocks, analysis.links, analysis.located),
    );
    // The positions with a stance quoted from it: of those its quotes are for, in the
    // order of the site's positions.
    let asking: BTreeSet<&String> = (requests.iter())
        .filter_map(|r| match &r.target {
            Target::Stance { position, .. } => Some(position),
            _ => None,
        })
        .collect();
    let quoting: Vec<String> = asking
        .into_iter()
        .filter(|p| {
            site.positions.get(*p).is_some_and(|p| {
                (p.stances.iter()).any(|st| st.quote.as_ref().is_some_and(|q| &q.article == slug))
            })
        })
        .cloned()
        .collect();
    if quoting.is_empty() {
        site.index.article_positions.remove(slug);
    } else {
        site.index.article_positions.insert(slug.clone(), quoting);
    }
}

/// The names of the parts of a site that an update can change.
struct Parts<'a> {
    articles: &'a BTreeSet<String>,
    actors: &'a BTreeSet<String>,
    positions: &'a BTreeSet<String>,
    annotations: &'a BTreeSet<String>,
}

impl Parts<'_> {
    /// A site holding just these parts of `site` (and its settings).
    fn of(&self, site: &Site) -> Site {
        fn pick<T: Clone>(
            map: &BTreeMap<String, T>,
            keys: &BTreeSet<String>,
        ) -> BTreeMap<String, T> {
            keys.iter()
                .filter_map(|k| Some((k.clone(), map.get(k)?.clone())))
                .collect()
        }
        Site {
            title: site.title.clone(),
            description: site.description.clone(),
            language: site.language.clone(),
            base_url: site.base_url.clone(),
            layout: site.layout,
            image_hosts: site.image_hosts.clone(),
            publisher: site.publisher.clone(),
            cards: site.cards,
            articles: pick(&site.articles, self.articles),
            actors: pick(&site.actors, self.actors),
            positions: pick(&site.positions, self.positions),
            annotations: pick(&site.annotations, self.annotations),
            mentions: pick(&site.mentions, self.actors),
            // Events are never changed by an update (see `changed_bodies`).
            events: BTreeMap::new(),
            index: Index {
                article_actors: pick(&site.index.article_actors, self.articles),
                article_positions: pick(&site.index.article_positions, self.articles),
                ..Index::default()
            },
        }
    }
}

#[cfg(test)]
#[path = "update_tests.rs"]
mod tests;
