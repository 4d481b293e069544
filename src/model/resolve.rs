//! Raw content in, a valid `Site` (or the list of what is wrong) out.

use std::collections::{BTreeMap, BTreeSet};

use toml::Spanned;

use rayon::prelude::*;

use super::articles::{self, QuoteRequest, Target};
use super::mentions::Finder;
use super::*;
use crate::content::front::{AnnotationFront, LinkFront, PositionFront, StanceFront};
use crate::content::{RawSite, SourceFile};
use crate::diagnostic::{Diagnostic, did_you_mean};
use crate::markdown;
use crate::text::normalize;

/// Whether a slug matches `^[a-z0-9]+(-[a-z0-9]+)*$`.
pub fn valid_slug(slug: &str) -> bool {
    !slug.is_empty()
        && slug.split('-').all(|part| {
            !part.is_empty()
                && part
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        })
}

/// Whether a URL of front matter is one a reader may follow: http(s) or mailto.
pub fn valid_url(url: &str) -> bool {
    let lower = url.trim().to_ascii_lowercase();
    (lower.starts_with("https://") || lower.starts_with("http://"))
        && lower.len() > "https://".len()
        || lower.starts_with("mailto:") && lower.len() > "mailto:".len()
}

struct Ctx<'a> {
    diags: Vec<Diagnostic>,
    /// Every slug of an article, actor or position, with its file.
    slugs: BTreeMap<&'a str, &'a str>,
    articles: BTreeSet<&'a str>,
    actors: BTreeSet<&'a str>,
    positions: BTreeSet<&'a str>,
}

impl<'a> Ctx<'a> {
    fn error<F>(
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
    fn reference<F>(
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
        let hint = did_you_mean(value.get_ref(), known.iter().copied());
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

    /// Checks the `[[slug]]`s of Markdown found at `line0` (a body or a key's value).
    fn wikilinks(&mut self, path: &str, markdown: &str, line_of: &dyn Fn(usize) -> usize) {
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

    fn url<F>(&mut self, file: &SourceFile<F>, url: &Spanned<String>, key: &str) -> Option<String> {
        if valid_url(url.get_ref()) {
            Some(url.get_ref().trim().to_string())
        } else {
            self.error(
                file,
                Some(url.span()),
                format!(
                    "{key} \"{}\" is not an http(s) or mailto URL",
                    url.get_ref()
                ),
            );
            None
        }
    }

    fn links<F>(&mut self, file: &SourceFile<F>, links: &[LinkFront], key: &str) -> Vec<Link> {
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
enum Which {
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
    mut cache: Option<&mut articles::AnalysisCache>,
) -> (Site, Vec<Diagnostic>) {
    let mut cx = Ctx {
        diags: Vec::new(),
        slugs: BTreeMap::new(),
        articles: BTreeSet::new(),
        actors: BTreeSet::new(),
        positions: BTreeSet::new(),
    };
    let mut site = Site {
        language: "en".into(),
        ..Site::default()
    };
    if let Some(cfg) = &raw.site {
        site.title = cfg.title.clone();
        site.description = cfg.description.clone();
        if let Some(lang) = &cfg.language {
            site.language = lang.get_ref().clone();
        }
        if let Some(base) = &cfg.base_url {
            match normalize_base_url(base.get_ref()) {
                Some(b) => site.base_url = Some(b),
                None => cx.diags.push(Diagnostic::error(
                    "content/site.toml",
                    Some(raw.site_lines.line(base.span().start)),
                    format!(
                        "base_url \"{}\" is not an absolute http(s) URL",
                        base.get_ref()
                    ),
                )),
            }
        }
    }
    register_slugs(raw, &mut cx);
    let names = actor_names(raw, &mut cx);
    let finder = Finder::new(
        &names
            .iter()
            .map(|(n, i)| (n.clone(), *i))
            .collect::<Vec<_>>(),
    );
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
        if let Some(q) = &f.wikidata {
            let id = q.get_ref();
            if !(id.len() > 1 && id.starts_with('Q') && id[1..].bytes().all(|b| b.is_ascii_digit()))
            {
                cx.error(
                    file,
                    Some(q.span()),
                    format!("wikidata \"{id}\" is not a Wikidata id like \"Q42\""),
                );
            }
        }
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
                body: file.body.clone(),
            },
        );
    }

    // Articles: their metadata first; their text once every quote into it is known.
    for file in &raw.articles {
        if !valid_slug(&file.slug) {
            continue;
        }
        let f = &file.front;
        let Some(day) = f.date.get_ref().date else {
            cx.error(
                file,
                Some(f.date.span()),
                "date must be a TOML date like 2025-08-18",
            );
            continue;
        };
        let source_url = f
            .source_url
            .as_ref()
            .and_then(|u| cx.url(file, u, "source_url"));
        cx.wikilinks(&file.path, &file.body, &|at| file.body_line_at(at));
        site.articles.insert(
            file.slug.clone(),
            Article {
                slug: file.slug.clone(),
                title: f.title.clone(),
                date: format!("{:04}-{:02}-{:02}", day.year, day.month, day.day),
                dek: f.dek.clone(),
                byline: f.byline.clone(),
                source: f.source.clone(),
                source_url,
                image_caption: f.image_caption.clone(),
                body: file.body.clone(),
                blocks: Vec::new(),
                marks: Vec::new(),
                links: Vec::new(),
            },
        );
    }

    let mut requests = Vec::new();
    for file in &raw.positions {
        if valid_slug(&file.slug) {
            let position = resolve_position(&mut cx, file, raw.articles.len(), &mut requests);
            site.positions.insert(file.slug.clone(), position);
        }
    }
    for file in &raw.annotations {
        if valid_slug(&file.slug) {
            if let Some(annotation) =
                resolve_annotation(&mut cx, file, raw.articles.len(), &mut requests)
            {
                site.annotations.insert(file.slug.clone(), annotation);
            }
        }
    }

    // The text of every article, in parallel: mentions, and the quotes into it.
    let titles: BTreeMap<String, String> = titles(raw);
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
    let analyses: Vec<(String, u64, std::sync::Arc<articles::Analysis>)> = site
        .articles
        .par_iter()
        .map(|(slug, a)| {
            let reqs = by_article
                .get(slug.as_str())
                .map(Vec::as_slice)
                .unwrap_or_default();
            let key = if known.is_some() {
                articles::input_key(&a.body, reqs)
            } else {
                0
            };
            let analysis = match known.and_then(|c| c.get(slug, key)) {
                Some(hit) => std::sync::Arc::clone(hit),
                None => std::sync::Arc::new(articles::analyse(
                    slug,
                    &a.body,
                    &title_of,
                    &finder,
                    &actor_slugs,
                    reqs,
                )),
            };
            (slug.clone(), key, analysis)
        })
        .collect();
    let analyses = match cache {
        Some(c) => {
            c.replace(analyses.iter().cloned());
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
    for (slug, analysis) in analyses {
        cx.diags.extend(analysis.diags);
        for (actor, mention) in analysis.mentions {
            site.mentions.entry(actor).or_default().push(mention);
        }
        let Some(article) = site.articles.get_mut(&slug) else {
            continue;
        };
        article.blocks = analysis.blocks;
        article.links = analysis.links;
        for found in analysis.located {
            place(
                &mut site.positions,
                &mut site.annotations,
                article,
                &requests,
                found,
            );
        }
        article
            .marks
            .sort_by(|a, b| (a.start, &a.annotation).cmp(&(b.start, &b.annotation)));
        drop_crossing_links(article);
    }
    site.index = Index::build(&site);
    (site, cx.diags)
}

/// Puts a located quote where it belongs: a stance's paragraph, an annotation's mark.
fn place(
    positions: &mut BTreeMap<String, Position>,
    annotations: &mut BTreeMap<String, Annotation>,
    article: &mut Article,
    requests: &[QuoteRequest],
    found: articles::Located,
) {
    match &found.target {
        Target::Stance { position, index } => {
            if let Some(stance) = positions
                .get_mut(position)
                .and_then(|p| p.stances.get_mut(*index))
            {
                let text = requests
                    .iter()
                    .find(|r| r.target == found.target)
                    .map(|r| r.quote.clone())
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

/// Keeps only mention links that nest with every mark (a link may sit inside a mark, or
/// around one, but not cross it).
fn drop_crossing_links(article: &mut Article) {
    let marks: Vec<(markdown::Pos, markdown::Pos)> =
        article.marks.iter().map(|m| (m.start, m.end)).collect();
    article.links.retain(|l| {
        marks.iter().all(|&(ms, me)| {
            let disjoint = l.end <= ms || me <= l.start;
            let inside = ms <= l.start && l.end <= me;
            disjoint || inside
        })
    });
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
fn register_slugs<'a>(raw: &'a RawSite, cx: &mut Ctx<'a>) {
    let mut all: Vec<(&'a str, &'a str, Which)> = Vec::new();
    all.extend(
        raw.articles
            .iter()
            .map(|f| (f.slug.as_str(), f.path.as_str(), Which::Articles)),
    );
    all.extend(
        raw.actors
            .iter()
            .map(|f| (f.slug.as_str(), f.path.as_str(), Which::Actors)),
    );
    all.extend(
        raw.positions
            .iter()
            .map(|f| (f.slug.as_str(), f.path.as_str(), Which::Positions)),
    );
    for (slug, path, which) in all {
        if !valid_slug(slug) {
            cx.diags.push(bad_name(path, slug));
            continue;
        }
        if let Some(first) = cx.slugs.get(slug) {
            cx.diags.push(Diagnostic::error(
                path,
                Some(1),
                format!("slug \"{slug}\" is already used by {first}: slugs must be unique across articles, actors and positions"),
            ));
            cx.diags.push(Diagnostic::error(
                *first,
                Some(1),
                format!("slug \"{slug}\" is also used by {path}"),
            ));
            continue;
        }
        cx.slugs.insert(slug, path);
        match which {
            Which::Articles => cx.articles.insert(slug),
            Which::Actors => cx.actors.insert(slug),
            Which::Positions => cx.positions.insert(slug),
        };
    }
    for f in &raw.annotations {
        if !valid_slug(&f.slug) {
            cx.diags.push(bad_name(&f.path, &f.slug));
        }
    }
    // A file with errors of its own still exists: references to it are not errors too.
    for (kind, slug) in &raw.unparsed {
        let set = match *kind {
            "articles" => &mut cx.articles,
            "actors" => &mut cx.actors,
            "positions" => &mut cx.positions,
            _ => continue,
        };
        if valid_slug(slug) {
            set.insert(slug.as_str());
            cx.slugs.entry(slug.as_str()).or_insert("");
        }
    }
}

fn bad_name(path: &str, slug: &str) -> Diagnostic {
    let suggestion: String = slug
        .to_lowercase()
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join("-");
    Diagnostic::error(
        path,
        Some(1),
        format!("bad file name \"{slug}.md\": a name is lower-case letters and digits in words joined by single hyphens"),
    )
    .with_hint((!suggestion.is_empty()).then(|| format!("rename it to \"{suggestion}.md\"")))
}

/// Every actor's normalised name and aliases, each owned by one actor.
fn actor_names(raw: &RawSite, cx: &mut Ctx) -> Vec<(String, usize)> {
    let mut owner: BTreeMap<String, &str> = BTreeMap::new();
    let mut out = Vec::new();
    for (i, file) in raw.actors.iter().enumerate() {
        let f = &file.front;
        for value in std::iter::once(&f.name).chain(&f.aliases) {
            let name = normalize(value.get_ref());
            if name.is_empty() {
                cx.error(file, Some(value.span()), "a name or alias cannot be empty");
                continue;
            }
            if let Some(other) = owner.get(&name) {
                if *other != file.path {
                    cx.error(
                        file,
                        Some(value.span()),
                        format!(
                            "\"{name}\" is also a name of {other}: a mention must name one actor"
                        ),
                    );
                }
                continue;
            }
            owner.insert(name.clone(), &file.path);
            out.push((name, i));
        }
    }
    out
}

/// Which article a quote is in: `article`, or the only one.
fn quote_article<F>(
    cx: &mut Ctx,
    file: &SourceFile<F>,
    article: Option<&Spanned<String>>,
    at: std::ops::Range<usize>,
    article_count: usize,
) -> Option<String> {
    match article {
        Some(a) => cx
            .reference(file, a, "article", Which::Articles)
            .then(|| a.get_ref().clone()),
        None if article_count > 1 => {
            cx.error(
                file,
                Some(at),
                format!(
                    "the site has {article_count} articles: say which one with `article = \"…\"`"
                ),
            );
            None
        }
        None => cx.articles.iter().next().map(|s| s.to_string()),
    }
}

fn resolve_position(
    cx: &mut Ctx,
    file: &SourceFile<PositionFront>,
    article_count: usize,
    requests: &mut Vec<QuoteRequest>,
) -> Position {
    let f = &file.front;
    let mut related = Vec::new();
    for r in &f.related {
        if cx.reference(file, r, "related position", Which::Positions) {
            if r.get_ref() == &file.slug {
                cx.error(
                    file,
                    Some(r.span()),
                    "a position cannot be related to itself",
                );
            } else {
                related.push(r.get_ref().clone());
            }
        }
    }
    cx.wikilinks(&file.path, &file.body, &|at| file.body_line_at(at));
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    let mut stances = Vec::new();
    for table in &f.stances {
        let st: &StanceFront = table.get_ref();
        let table_line = file.line(table.span());
        let actor_ok = cx.reference(file, &st.actor, "actor", Which::Actors);
        if let Some(first) = seen.get(st.actor.get_ref()) {
            cx.error(
                file,
                Some(st.actor.span()),
                format!(
                    "a second stance of \"{}\" (the first is on line {first}): an actor has one stance per position",
                    st.actor.get_ref()
                ),
            );
            continue;
        }
        seen.insert(st.actor.get_ref().clone(), file.line(st.actor.span()));
        if st.quote.is_none() && st.source_url.is_none() {
            cx.diags.push(Diagnostic::error(
                &file.path,
                Some(table_line),
                format!(
                    "the stance of \"{}\" has no evidence: give a `quote` from an article, a `source_url`, or both",
                    st.actor.get_ref()
                ),
            ));
        }
        if st.article.is_some() && st.quote.is_none() {
            cx.error(
                file,
                st.article.as_ref().map(|a| a.span()),
                "`article` goes with `quote`: this stance has no quote",
            );
        }
        let source_url = st
            .source_url
            .as_ref()
            .and_then(|u| cx.url(file, u, "source_url"));
        if let Some(q) = &st.quote {
            if let Some(article) =
                quote_article(cx, file, st.article.as_ref(), q.span(), article_count)
            {
                let target = if actor_ok {
                    Target::Stance {
                        position: file.slug.clone(),
                        index: stances.len(),
                    }
                } else {
                    Target::Check
                };
                requests.push(request(file, article, q, None, None, target));
            }
        }
        if let Some(note) = &st.note {
            let line = file.line(note.span());
            cx.wikilinks(&file.path, note.get_ref(), &|at| {
                line + note.get_ref()[..at].matches('\n').count()
            });
        }
        if actor_ok {
            stances.push(Stance {
                actor: st.actor.get_ref().clone(),
                stance: st.stance,
                quote: None,
                source_url,
                note: st.note.as_ref().map(|n| n.get_ref().clone()),
            });
        }
    }
    Position {
        slug: file.slug.clone(),
        title: f.title.clone(),
        summary: f.summary.clone(),
        question: f.question.clone(),
        related,
        stances,
        body: file.body.clone(),
    }
}

fn request<F>(
    file: &SourceFile<F>,
    article: String,
    quote: &Spanned<String>,
    prefix: Option<&str>,
    suffix: Option<&str>,
    target: Target,
) -> QuoteRequest {
    QuoteRequest {
        article,
        quote: quote.get_ref().clone(),
        prefix: prefix.map(str::to_string),
        suffix: suffix.map(str::to_string),
        path: file.path.clone(),
        line: file.line(quote.span()),
        target,
    }
}

fn resolve_annotation(
    cx: &mut Ctx,
    file: &SourceFile<AnnotationFront>,
    article_count: usize,
    requests: &mut Vec<QuoteRequest>,
) -> Option<Annotation> {
    let f = &file.front;
    match (&f.verdict, f.kind) {
        (None, AnnotationKind::FactCheck) => cx.error(
            file,
            None,
            "a fact-check needs a `verdict`, e.g. verdict = \"Inaccurate\"",
        ),
        (Some(v), kind) if kind != AnnotationKind::FactCheck => cx.error(
            file,
            Some(v.span()),
            format!(
                "`verdict` is only for fact-check annotations, not {}",
                kind.key()
            ),
        ),
        (Some(v), _) if v.get_ref().trim().is_empty() => {
            cx.error(file, Some(v.span()), "verdict is empty")
        }
        _ => {}
    }
    if f.quote.get_ref().trim().is_empty() {
        cx.error(
            file,
            Some(f.quote.span()),
            "quote is empty: copy the exact passage of the article this note is about",
        );
    }
    if file.body.trim().is_empty() {
        cx.error(
            file,
            None,
            "the note is empty: write it below the front matter",
        );
    }
    let sources = cx.links(file, &f.sources, "sources url");
    let actors: Vec<String> = f
        .actors
        .iter()
        .filter(|a| cx.reference(file, a, "actor", Which::Actors))
        .map(|a| a.get_ref().clone())
        .collect();
    let positions: Vec<String> = f
        .positions
        .iter()
        .filter(|p| cx.reference(file, p, "position", Which::Positions))
        .map(|p| p.get_ref().clone())
        .collect();
    cx.wikilinks(&file.path, &file.body, &|at| file.body_line_at(at));
    let article = quote_article(cx, file, f.article.as_ref(), f.quote.span(), article_count)?;
    if !f.quote.get_ref().trim().is_empty() {
        let target = Target::Annotation(file.slug.clone());
        requests.push(request(
            file,
            article.clone(),
            &f.quote,
            f.prefix.as_deref(),
            f.suffix.as_deref(),
            target,
        ));
    }
    Some(Annotation {
        slug: file.slug.clone(),
        article,
        quote: f.quote.get_ref().clone(),
        paragraph: 0,
        kind: f.kind,
        title: f.title.clone(),
        verdict: f.verdict.as_ref().map(|v| v.get_ref().trim().to_string()),
        sources,
        actors,
        positions,
        body: file.body.clone(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slug_pattern() {
        for ok in ["a", "donald-trump", "g7", "a-1-b"] {
            assert!(valid_slug(ok), "{ok}");
        }
        for bad in ["", "A", "a--b", "-a", "a-", "a_b", "Bad Name", "é"] {
            assert!(!valid_slug(bad), "{bad}");
        }
    }

    #[test]
    fn url_schemes() {
        assert!(valid_url("https://example.org/x"));
        assert!(valid_url("mailto:desk@example.org"));
        for bad in [
            "javascript:alert(1)",
            "data:text/html,x",
            "ftp://x",
            "/local",
            "https://",
        ] {
            assert!(!valid_url(bad), "{bad}");
        }
    }

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
