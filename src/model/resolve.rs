//! Raw content in, a valid `Site` (or the list of what is wrong) out: the order of the
//! work, and the context every check records its diagnostics in. The checks of names
//! are in `slugs`, those of positions and annotations in `stances`.

use std::collections::{BTreeMap, BTreeSet};

use toml::Spanned;

use rayon::prelude::*;

use super::articles::{self, QuoteRequest};
use super::mentions::Finder;
use super::placing::{quote_texts, take_analysis};
use super::slugs::{actor_names, register_slugs};
pub use super::slugs::{valid_slug, valid_url};
use super::stances::{resolve_annotation, resolve_position};
use super::*;
use crate::content::front::LinkFront;
use crate::content::{RawSite, SourceFile};
use crate::diagnostic::{Diagnostic, did_you_mean};

#[path = "resolve_links.rs"]
mod resolve_links;

pub(super) struct Ctx<'a> {
    pub(super) diags: Vec<Diagnostic>,
    /// Every slug of an article, actor or position, with its file.
    pub(super) slugs: BTreeMap<&'a str, &'a str>,
    pub(super) articles: BTreeSet<&'a str>,
    pub(super) actors: BTreeSet<&'a str>,
    pub(super) positions: BTreeSet<&'a str>,
    /// Every actor's name, alias and match word, lower-cased, with its slug: for
    /// did-you-mean hints on an unknown actor.
    pub(super) actor_names: std::sync::Arc<Vec<(String, &'a str)>>,
    /// The kinds (by `Which`) whose folder is a file, reported at its name: what names
    /// one of them is not reported again as unknown.
    pub(super) unread: [bool; 3],
}

impl<'a> Ctx<'a> {
    /// A context with the same names and no diagnostics, for checking files on another
    /// thread.
    fn fork(&self) -> Ctx<'a> {
        Ctx {
            diags: Vec::new(),
            slugs: self.slugs.clone(),
            articles: self.articles.clone(),
            actors: self.actors.clone(),
            positions: self.positions.clone(),
            actor_names: self.actor_names.clone(),
            unread: self.unread,
        }
    }

    /// `check` of each of `files`, on every core (the files in a few runs, each checked
    /// in a context of its own): what each gave, in the order of `files`, with the
    /// diagnostics of all of them recorded here.
    fn in_parallel<F: Send + Sync, T: Send>(
        &mut self,
        files: &'a [std::sync::Arc<SourceFile<F>>],
        check: impl Fn(&mut Ctx<'a>, &'a SourceFile<F>) -> T + Sync,
    ) -> Vec<T> {
        let runs = files
            .len()
            .div_ceil(2 * rayon::current_num_threads())
            .max(256);
        let done: Vec<(Vec<T>, Vec<Diagnostic>)> = files
            .par_chunks(runs)
            .map(|run| {
                let mut cx = self.fork();
                let out = run.iter().map(|file| check(&mut cx, file)).collect();
                (out, cx.diags)
            })
            .collect();
        let mut out = Vec::with_capacity(files.len());
        for (results, diags) in done {
            out.extend(results);
            self.diags.extend(diags);
        }
        out
    }

    pub(super) fn error<F>(
        &mut self,
        file: &SourceFile<F>,
        span: Option<std::ops::Range<usize>>,
        message: impl Into<String>,
    ) {
        let line = span.as_ref().map_or(1, |s| file.line(s.clone()));
        let column = span.as_ref().map(|s| file.column(s));
        self.diags
            .push(Diagnostic::error(&file.path, Some(line), message).with_column(column));
    }

    /// Checks that a reference names a slug of the given set; records an error otherwise.
    pub(super) fn reference<F>(
        &mut self,
        file: &SourceFile<F>,
        value: &Spanned<String>,
        what: &str,
        set: Which,
    ) -> bool {
        let known = match set {
            Which::Articles => &self.articles,
            Which::Actors => &self.actors,
            Which::Positions => &self.positions,
        };
        if known.contains(value.get_ref().as_str()) {
            return true;
        }
        if self.unread[set as usize] {
            return false;
        }
        let hint = did_you_mean(value.get_ref(), known.iter().copied())
            .or_else(|| {
                matches!(set, Which::Actors)
                    .then(|| super::slugs::actor_hint(value.get_ref(), &self.actor_names))
                    .flatten()
            })
            .or_else(|| {
                // A name of another kind: `actor = "bridge"` for the article `bridge`.
                (self.slugs.get(value.get_ref().as_str())).map(|file| {
                    format!(
                        "that is the name of {file}, which is not one of the {}",
                        set.folder()
                    )
                })
            });
        let line = file.line(value.span());
        self.diags.push(
            Diagnostic::error(
                &file.path,
                Some(line),
                format!("unknown {what} \"{}\"", value.get_ref()),
            )
            .with_hint(hint)
            .with_column(Some(file.column(&value.span()))),
        );
        false
    }

    /// The URL of a front-matter key, trimmed; `None` for one that is not a URL a reader
    /// may follow, which loading the file reported already (`content::values`).
    pub(super) fn url<F>(
        &mut self,
        _file: &SourceFile<F>,
        url: &Spanned<String>,
        _key: &str,
    ) -> Option<String> {
        valid_url(url.get_ref()).then(|| url.get_ref().trim().to_string())
    }

    pub(super) fn links<F>(
        &mut self,
        file: &SourceFile<F>,
        links: &[LinkFront],
        key: &str,
    ) -> Vec<Link> {
        links
            .iter()
            .filter_map(|l| {
                self.url(file, &l.url, key).map(|url| Link {
                    title: l.title.clone(),
                    url,
                })
            })
            .collect()
    }
}

#[derive(Clone, Copy)]
pub(super) enum Which {
    Articles,
    Actors,
    Positions,
}

impl Which {
    /// The folder of `content/` that holds this kind.
    fn folder(self) -> &'static str {
        match self {
            Which::Articles => "articles",
            Which::Actors => "actors",
            Which::Positions => "positions",
        }
    }
}

/// Checks the raw content and builds the site model. Every problem found is returned;
/// the site is usable only when none of them is an error.
pub fn resolve(raw: &RawSite) -> (Site, Vec<Diagnostic>) {
    resolve_with(raw, None)
}

/// `resolve`, reusing the analysis of every article whose text, quotes and the names and
/// titles it is read with are the same as in `cache` (for `serve`).
pub fn resolve_with(
    raw: &RawSite,
    cache: Option<&mut articles::AnalysisCache>,
) -> (Site, Vec<Diagnostic>) {
    let (site, diags, _) = resolve_requests(raw, cache);
    (site, diags)
}

/// `resolve_with`, with the quotes it looked for in the articles.
pub(super) fn resolve_requests(
    raw: &RawSite,
    cache: Option<&mut articles::AnalysisCache>,
) -> (Site, Vec<Diagnostic>, Vec<QuoteRequest>) {
    let mut cx = Ctx {
        diags: Vec::new(),
        slugs: BTreeMap::new(),
        articles: BTreeSet::new(),
        actors: BTreeSet::new(),
        positions: BTreeSet::new(),
        actor_names: Default::default(),
        unread: [Which::Articles, Which::Actors, Which::Positions]
            .map(|w| raw.unread.contains(&w.folder())),
    };
    let mut site = Site {
        language: "en".into(),
        cards: true,
        ..Site::default()
    };
    if let Some(cfg) = &raw.site {
        site.title = cfg.title.clone();
        site.description = cfg.description.clone();
        site.layout = super::layout::Layout::of(cfg);
        if let Some(lang) = &cfg.language {
            site.language = lang.get_ref().clone();
        }
        // A base_url that is not one was reported when site.toml was read.
        site.base_url = cfg
            .base_url
            .as_ref()
            .and_then(|b| normalize_base_url(b.get_ref()));
        site.image_hosts = crate::content::images::allowed_hosts(cfg);
        site.cards = cfg.cards.unwrap_or(true);
    }
    site.publisher = super::publisher::publisher(raw, &mut cx.diags);
    register_slugs(raw, &mut cx);
    super::unparsed::check_bodies(&mut cx, raw);
    cx.actor_names = std::sync::Arc::new(super::slugs::names_for_hints(raw));
    let names = actor_names(raw, &mut cx);
    // The automaton is built only if an article needs reading (and kept by the cache).
    let built_finder = std::sync::OnceLock::new();
    let actor_slugs: Vec<std::sync::Arc<str>> =
        raw.actors.iter().map(|a| a.slug.as_str().into()).collect();

    for file in raw.actors.iter() {
        if let Some(actor) = super::metadata::actor(&mut cx, raw, file) {
            site.actors.insert(file.slug.clone(), actor);
        }
    }

    // Articles: their metadata first; their text once every quote into it is known.
    let articles = cx.in_parallel(&raw.articles, |cx, file| {
        super::metadata::article(cx, raw, file)
    });
    // Collected, not inserted one by one: the map is built in one go from sorted keys.
    site.articles = articles
        .into_iter()
        .flatten()
        .map(|a| (a.slug.clone(), a))
        .collect();

    // Positions and annotations, and meanwhile the titles (and, with no cache to take
    // it from, the names' automaton) that reading the articles needs.
    let mut requests = Vec::new();
    let ((titles, built), ()) = rayon::join(
        || {
            let built = cache.is_none().then(|| Finder::new(&names));
            (titles(raw), built)
        },
        || {
            for file in raw.positions.iter() {
                if valid_slug(&file.slug) {
                    let position =
                        resolve_position(&mut cx, file, raw.articles.len(), &mut requests);
                    site.positions.insert(file.slug.clone(), position);
                }
            }
            let article_count = raw.articles.len();
            let annotations = cx.in_parallel(&raw.annotations, |cx, file| {
                let mut asked = Vec::new();
                let annotation = valid_slug(&file.slug)
                    .then(|| resolve_annotation(cx, file, article_count, &mut asked))
                    .flatten();
                (annotation.map(|a| (file.slug.clone(), a)), asked)
            });
            let mut resolved = Vec::with_capacity(annotations.len());
            for (annotation, asked) in annotations {
                resolved.extend(annotation);
                requests.extend(asked);
            }
            site.annotations = resolved.into_iter().collect();
        },
    );
    if let Some(finder) = built {
        let _ = built_finder.set(finder);
    }

    // The text of every article, in parallel: mentions, and the quotes into it.
    let analyses = super::reading::read_articles(
        &site.articles,
        &requests,
        &names,
        &actor_slugs,
        &titles,
        cache,
        built_finder,
    );
    let quotes = quote_texts(&requests);
    // Mentions gathered by hash (hundreds of thousands in a big site), sorted once.
    let mut mentions: rustc_hash::FxHashMap<std::sync::Arc<str>, Vec<super::Mention>> =
        rustc_hash::FxHashMap::default();
    // The analyses come in the order of the articles they are of.
    let mut articles = site.articles.values_mut();
    for (slug, analysis) in analyses {
        cx.diags.extend(analysis.diags);
        for (actor, mention) in analysis.mentions {
            mentions.entry(actor).or_default().push(mention);
        }
        let Some(article) = articles.find(|a| a.slug == slug) else {
            continue;
        };
        let placed = (analysis.blocks, analysis.links, analysis.located);
        take_analysis(
            &mut site.positions,
            &mut site.annotations,
            article,
            &quotes,
            placed,
        );
    }
    site.mentions
        .extend(mentions.into_iter().map(|(a, m)| (a.to_string(), m)));
    site.events = super::events::resolve(&mut cx, raw);
    site.index = Index::build(&site);
    (site, cx.diags, requests)
}

/// The base URL with its trailing `/`, if it is one (see
/// `content::values::base_url_problem`).
pub fn normalize_base_url(url: &str) -> Option<String> {
    let url = url.trim();
    if crate::content::values::base_url_problem(url).is_some() {
        return None;
    }
    Some(if url.ends_with('/') {
        url.to_string()
    } else {
        format!("{url}/")
    })
}

fn titles(raw: &RawSite) -> BTreeMap<String, String> {
    let mut t = BTreeMap::new();
    for f in raw.positions.iter() {
        t.insert(f.slug.clone(), f.front.title.clone());
    }
    for f in raw.actors.iter() {
        t.insert(f.slug.clone(), f.front.name.get_ref().clone());
    }
    for f in raw.articles.iter() {
        t.insert(f.slug.clone(), f.front.title.clone());
    }
    t
}

/// Checks file names and that slugs are unique across articles, actors and positions.
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_url_gets_a_trailing_slash() {
        assert_eq!(
            normalize_base_url("https://x.org/repo").as_deref(),
            Some("https://x.org/repo/")
        );
        assert_eq!(normalize_base_url("/repo/"), None);
        assert_eq!(normalize_base_url("https:///x"), None);
    }
}
