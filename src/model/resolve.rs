//! Raw content in, a valid `Site` (or the list of what is wrong) out: the order of the
//! work, and the context every check records its diagnostics in. The checks of names
//! are in `slugs`, those of positions and annotations in `stances`.

use std::collections::{BTreeMap, BTreeSet};

use toml::Spanned;

use rayon::prelude::*;

use super::articles::{self, QuoteRequest, Target};
use super::mentions::Finder;
use super::slugs::{actor_names, register_slugs};
pub use super::slugs::{valid_slug, valid_url};
use super::stances::{resolve_annotation, resolve_position};
use super::*;
use crate::content::front::LinkFront;
use crate::content::{RawSite, SourceFile};
use crate::diagnostic::{Diagnostic, did_you_mean};
use crate::markdown;

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
        let line = span.map_or(1, |s| file.line(s));
        self.diags
            .push(Diagnostic::error(&file.path, Some(line), message));
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
        let hint = did_you_mean(value.get_ref(), known.iter().copied()).or_else(|| {
            matches!(set, Which::Actors)
                .then(|| super::slugs::actor_hint(value.get_ref(), &self.actor_names))
                .flatten()
        });
        let line = file.line(value.span());
        self.diags.push(
            Diagnostic::error(
                &file.path,
                Some(line),
                format!("unknown {what} \"{}\"", value.get_ref()),
            )
            .with_hint(hint),
        );
        false
    }

    /// Checks the `[[slug]]`s, links and images of Markdown (a body or a key's value);
    /// `line_of` gives the line of a byte offset in it.
    pub(super) fn wikilinks(
        &mut self,
        path: &str,
        markdown: &str,
        line_of: &dyn Fn(usize) -> usize,
    ) {
        for p in markdown::link_problems(markdown) {
            let line = Some(line_of(p.at));
            let d = if p.error {
                Diagnostic::error(path, line, p.message)
            } else {
                Diagnostic::warning(path, line, p.message)
            };
            self.diags.push(d.with_hint(p.hint));
        }
        if !markdown.contains("[[") {
            return;
        }
        for (slug, at) in markdown::wikilink_targets(markdown) {
            if !self.slugs.contains_key(slug.as_str()) {
                let hint = did_you_mean(&slug, self.slugs.keys().copied());
                self.diags.push(
                    Diagnostic::error(
                        path,
                        Some(line_of(at)),
                        format!("[[{slug}]] links to no article, actor or position"),
                    )
                    .with_hint(hint),
                );
            }
        }
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
    mut cache: Option<&mut articles::AnalysisCache>,
) -> (Site, Vec<Diagnostic>, Vec<QuoteRequest>) {
    let mut cx = Ctx {
        diags: Vec::new(),
        slugs: BTreeMap::new(),
        articles: BTreeSet::new(),
        actors: BTreeSet::new(),
        positions: BTreeSet::new(),
        actor_names: Default::default(),
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
    let actor_slugs: Vec<&str> = raw.actors.iter().map(|a| a.slug.as_str()).collect();

    for file in &raw.actors {
        if !valid_slug(&file.slug) {
            continue;
        }
        let f = &file.front;
        if let Some(aff) = &f.affiliation {
            if cx.reference(file, aff, "affiliation actor", Which::Actors)
                && aff.get_ref() == &file.slug
            {
                cx.error(
                    file,
                    Some(aff.span()),
                    "an actor cannot be its own affiliation",
                );
            }
        }
        // `wikidata` was checked when the file was read.
        let links = cx.links(file, &f.links, "links url");
        cx.wikilinks(&file.path, &file.body, &|at| file.body_line_at(at));
        site.actors.insert(
            file.slug.clone(),
            Actor {
                slug: file.slug.clone(),
                name: f.name.get_ref().clone(),
                kind: f.kind,
                aliases: f.aliases.iter().map(|a| a.get_ref().clone()).collect(),
                role: f.role.clone(),
                affiliation: f.affiliation.as_ref().map(|a| a.get_ref().clone()),
                wikidata: f.wikidata.as_ref().map(|w| w.get_ref().clone()),
                links,
                image: raw.images.get(&file.path).cloned(),
                body: file.body.clone(),
                updates: super::updates::resolve(&mut cx, file, &f.updates, None),
            },
        );
    }

    // Articles: their metadata first; their text once every quote into it is known.
    let articles = cx.in_parallel(&raw.articles, |cx, file| {
        if !valid_slug(&file.slug) {
            return None;
        }
        let f = &file.front;
        // A date without its day was reported when the file was read.
        let date = super::updates::day(f.date.get_ref())?;
        let source_url = f
            .source_url
            .as_ref()
            .and_then(|u| cx.url(file, u, "source_url"));
        cx.wikilinks(&file.path, &file.body, &|at| file.body_line_at(at));
        let updates = super::updates::resolve(cx, file, &f.updates, Some(&date));
        Some(Article {
            slug: file.slug.clone(),
            title: f.title.clone(),
            date,
            dek: f.dek.clone(),
            byline: f.byline.clone(),
            source: f.source.clone(),
            source_url,
            dateline: f.dateline.clone(),
            picture: f.picture.clone(),
            image: raw.images.get(&file.path).cloned(),
            image_caption: f.image_caption.clone(),
            image_credit: f.image_credit.as_ref().map(|c| c.get_ref().clone()),
            body: file.body.clone(),
            blocks: Vec::new(),
            marks: Vec::new(),
            links: Vec::new(),
            updates,
        })
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
            for file in &raw.positions {
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
    let title_of = |slug: &str| titles.get(slug).cloned();
    let mut by_article: BTreeMap<&str, Vec<&QuoteRequest>> = BTreeMap::new();
    for r in &requests {
        by_article.entry(r.article.as_str()).or_default().push(r);
    }
    let fingerprint = articles::fingerprint(&names, &actor_slugs, &titles);
    if let Some(c) = cache.as_deref_mut() {
        c.keep_if(fingerprint);
    }
    let known = cache.as_deref();
    let finder = || -> &Finder {
        match known.and_then(articles::AnalysisCache::finder) {
            Some(f) => f,
            None => built_finder.get_or_init(|| Finder::new(&names)),
        }
    };
    let analyses: Vec<(String, u64, std::sync::Arc<articles::Analysis>)> = site
        .articles
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
                    &actor_slugs,
                    reqs,
                )),
            };
            (slug.clone(), key, analysis)
        })
        .collect();
    let analyses = match cache {
        Some(c) => {
            let finder = built_finder.into_inner().map(std::sync::Arc::new);
            c.replace(
                analyses.iter().map(|(slug, key, a)| {
                    (
                        slug.clone(),
                        site.articles[slug].body.clone(),
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
    };
    let quotes = quote_texts(&requests);
    // Mentions gathered by hash (hundreds of thousands in a big site), sorted once.
    let mut mentions: rustc_hash::FxHashMap<String, Vec<super::Mention>> =
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
    site.mentions.extend(mentions);
    site.events = super::events::resolve(&mut cx, raw);
    site.index = Index::build(&site);
    (site, cx.diags, requests)
}

/// Takes what the analysis of `article` found into the site: its blocks and mention
/// links, and each located quote placed (marks in text order; a mention link that
/// crosses a mark is kept, the renderer cuts one of them so that they nest).
pub(super) fn take_analysis(
    positions: &mut BTreeMap<String, Position>,
    annotations: &mut BTreeMap<String, Annotation>,
    article: &mut Article,
    quotes: &std::collections::HashMap<&Target, &str>,
    (blocks, links, located): (
        Vec<markdown::BlockRange>,
        Vec<super::MentionLink>,
        Vec<articles::Located>,
    ),
) {
    article.blocks = blocks;
    article.links = links;
    article.marks.clear();
    for found in located {
        place(positions, annotations, article, quotes, found);
    }
    article
        .marks
        .sort_by(|a, b| (a.start, &a.annotation).cmp(&(b.start, &b.annotation)));
}

/// The text of each quote, by what it is for.
pub(super) fn quote_texts<'a>(
    requests: impl IntoIterator<Item = &'a QuoteRequest>,
) -> std::collections::HashMap<&'a Target, &'a str> {
    requests
        .into_iter()
        .map(|r| (&r.target, r.quote.as_str()))
        .collect()
}

/// Puts a located quote where it belongs: a stance's paragraph, an annotation's mark.
fn place(
    positions: &mut BTreeMap<String, Position>,
    annotations: &mut BTreeMap<String, Annotation>,
    article: &mut Article,
    quotes: &std::collections::HashMap<&Target, &str>,
    found: articles::Located,
) {
    match &found.target {
        Target::Stance { position, index } => {
            if let Some(stance) = positions
                .get_mut(position)
                .and_then(|p| p.stances.get_mut(*index))
            {
                let text = quotes
                    .get(&found.target)
                    .map(|q| q.to_string())
                    .unwrap_or_default();
                stance.quote = Some(QuoteRef {
                    text,
                    article: article.slug.clone(),
                    paragraph: found.paragraph,
                });
            }
        }
        Target::Annotation(slug) => {
            if let Some(a) = annotations.get_mut(slug) {
                a.paragraph = found.paragraph;
                article.marks.push(Mark {
                    annotation: slug.clone(),
                    start: found.start,
                    end: found.end,
                    paragraph: found.paragraph,
                });
            }
        }
        Target::Check => {}
    }
}

pub fn normalize_base_url(url: &str) -> Option<String> {
    let url = url.trim();
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))?;
    if rest.is_empty() || rest.starts_with('/') || url.contains(char::is_whitespace) {
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
    for f in &raw.positions {
        t.insert(f.slug.clone(), f.front.title.clone());
    }
    for f in &raw.actors {
        t.insert(f.slug.clone(), f.front.name.get_ref().clone());
    }
    for f in &raw.articles {
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
