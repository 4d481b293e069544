//! The text of every article read, in parallel: its blocks, its mentions and the quotes
//! into it, each article's reading taken from the cache of `serve` when its text and
//! what it is read with are the same.

use std::collections::BTreeMap;

use rayon::prelude::*;

use super::Article;
use super::articles::{self, QuoteRequest};
use super::mentions::Finder;

/// The analysis of each article of `site_articles`, in their order. `built_finder` holds
/// the names' automaton when it was built already.
pub(super) fn read_articles(
    site_articles: &BTreeMap<String, Article>,
    requests: &[QuoteRequest],
    names: &[(String, usize)],
    actor_slugs: &[std::sync::Arc<str>],
    titles: &BTreeMap<String, String>,
    mut cache: Option<&mut articles::AnalysisCache>,
    built_finder: std::sync::OnceLock<Finder>,
) -> Vec<(String, articles::Analysis)> {
    let title_of = |slug: &str| titles.get(slug).cloned();
    let mut by_article: BTreeMap<&str, Vec<&QuoteRequest>> = BTreeMap::new();
    for r in requests {
        by_article.entry(r.article.as_str()).or_default().push(r);
    }
    let fingerprint = articles::fingerprint(names, actor_slugs, titles);
    if let Some(c) = cache.as_deref_mut() {
        c.keep_if(fingerprint);
    }
    let known = cache.as_deref();
    let finder = || -> &Finder {
        match known.and_then(articles::AnalysisCache::finder) {
            Some(f) => f,
            None => built_finder.get_or_init(|| Finder::new(names)),
        }
    };
    let analyses: Vec<(String, u64, std::sync::Arc<articles::Analysis>)> = site_articles
        .par_iter()
        .map(|(slug, a)| {
            let reqs = by_article
                .get(slug.as_str())
                .map(Vec::as_slice)
                .unwrap_or_default();
            let key = if known.is_some() {
                articles::input_key(reqs)
            } else {
                0
            };
            let analysis = match known.and_then(|c| c.get(slug, &a.body, key)) {
                Some(hit) => std::sync::Arc::clone(hit),
                None => std::sync::Arc::new(articles::analyse(
                    slug,
                    &a.body,
                    &title_of,
                    finder(),
                    actor_slugs,
                    reqs,
                )),
            };
            (slug.clone(), key, analysis)
        })
        .collect();
    match cache {
        Some(c) => {
            let finder = built_finder.into_inner().map(std::sync::Arc::new);
            c.replace(
                analyses.iter().map(|(slug, key, a)| {
                    (
                        slug.clone(),
                        site_articles[slug].body.clone(),
                        *key,
                        a.clone(),
                    )
                }),
                finder,
            );
            analyses
                .into_iter()
                .map(|(slug, _, a)| (slug, (*a).clone()))
                .collect::<Vec<_>>()
        }
        None => analyses
            .into_iter()
            .map(|(slug, _, a)| {
                (
                    slug,
                    std::sync::Arc::try_unwrap(a).unwrap_or_else(|a| (*a).clone()),
                )
            })
            .collect(),
    }
}
