//! Positions and their stances, annotations and their quotes: references checked, and a
//! request for every quote to be found in its article.

use std::collections::BTreeMap;

use toml::Spanned;

use super::articles::{QuoteRequest, Target};
use super::resolve::{Ctx, Which};
use super::*;
use crate::content::SourceFile;
use crate::content::front::{AnnotationFront, PositionFront, StanceFront};
use crate::diagnostic::Diagnostic;
use crate::markdown::RawHtml;

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
        None => match cx.articles.iter().next() {
            Some(only) => Some(only.to_string()),
            // With no article (and none unread), a quote would be dropped unseen.
            None if !cx.unread[Which::Articles as usize] => {
                cx.diags.push(
                    Diagnostic::error(
                        &file.path,
                        Some(file.line(at.clone())),
                        "the site has no article, so this quote is found nowhere",
                    )
                    .with_hint(Some(
                        "add the article under content/articles/ (`explainer import` makes one of a text file), or remove the quote".into(),
                    ))
                    .with_column(Some(file.column(&at))),
                );
                None
            }
            None => None,
        },
    }
}

pub(super) fn resolve_position(
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
            } else if !related.contains(r.get_ref()) {
                related.push(r.get_ref().clone());
            }
        }
    }
    cx.body_wikilinks(&file.path, &file.body, RawHtml::Keep, &|at| {
        file.body_line_at(at)
    });
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
            cx.wikilinks(&file.path, note.get_ref(), RawHtml::Keep, &|at| {
                file.string_line_at(note.span(), note.get_ref(), at)
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
        updates: super::updates::resolve(cx, file, &f.updates, None, RawHtml::Keep),
    }
}

fn request<F>(
    file: &SourceFile<F>,
    article: String,
    quote: &Spanned<String>,
    prefix: Option<&Spanned<String>>,
    suffix: Option<&Spanned<String>>,
    target: Target,
) -> QuoteRequest {
    QuoteRequest {
        article,
        quote: quote.get_ref().clone(),
        prefix: prefix.map(|p| p.get_ref().clone()),
        suffix: suffix.map(|s| s.get_ref().clone()),
        path: file.path.clone(),
        line: file.line(quote.span()),
        context_lines: (
            prefix.map(|p| file.line(p.span())),
            suffix.map(|s| file.line(s.span())),
        ),
        target,
    }
}

pub(super) fn resolve_annotation(
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
        (Some(v), _) if crate::text::is_blank(v.get_ref()) => {
            cx.error(file, Some(v.span()), "verdict is empty")
        }
        _ => {}
    }
    fact_check_only(cx, file);
    if crate::text::is_blank(f.quote.get_ref()) {
        cx.error(
            file,
            Some(f.quote.span()),
            "quote is empty: copy the exact passage of the article this note is about",
        );
    }
    // White space alone around a quote tells no place from another: it is dropped when
    // the text is compared, so the quote would be looked for without it.
    for (side, value, words) in [
        ("prefix", &f.prefix, "come before"),
        ("suffix", &f.suffix, "follow"),
    ] {
        if let Some(v) = value
            .as_ref()
            .filter(|v| crate::text::is_blank(v.get_ref()))
        {
            cx.error(
                file,
                Some(v.span()),
                format!("{side} is only white space, which tells no place of the quote from another: write the words that {words} the quote, or remove it"),
            );
        }
    }
    if crate::text::is_blank(&file.body) {
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
    let (actors, positions) = (
        super::each_once(actors, String::clone),
        super::each_once(positions, String::clone),
    );
    cx.body_wikilinks(&file.path, &file.body, RawHtml::Keep, &|at| {
        file.body_line_at(at)
    });
    let updates = super::updates::resolve(cx, file, &f.updates, None, RawHtml::Keep);
    let article = quote_article(cx, file, f.article.as_ref(), f.quote.span(), article_count)?;
    if !crate::text::is_blank(f.quote.get_ref()) {
        let target = Target::Annotation(file.slug.clone());
        requests.push(request(
            file,
            article.clone(),
            &f.quote,
            f.prefix.as_ref(),
            f.suffix.as_ref(),
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
        author: f.author.as_ref().map(|a| {
            let a = a.get_ref();
            Author {
                name: a.name.get_ref().trim().to_string(),
                kind: a.kind.unwrap_or(AuthorKind::Person),
                url: a.url.as_ref().map(|u| u.get_ref().trim().to_string()),
            }
        }),
        // A date without its day was reported when the file was read.
        date: f
            .date
            .as_ref()
            .and_then(|d| super::updates::day(d.get_ref())),
        body: file.body.clone(),
        updates,
    })
}

/// `author` and `date` say who published a fact-check and when: on another kind of
/// note, they are errors.
fn fact_check_only(cx: &mut Ctx, file: &SourceFile<AnnotationFront>) {
    let f = &file.front;
    if f.kind == AnnotationKind::FactCheck {
        return;
    }
    let spans = [
        ("author", f.author.as_ref().map(|a| a.span())),
        ("date", f.date.as_ref().map(|d| d.span())),
    ];
    for (key, span) in spans {
        if let Some(span) = span {
            cx.error(
                file,
                Some(span),
                format!(
                    "`{key}` is only for fact-check annotations, not {}",
                    f.kind.key()
                ),
            );
        }
    }
}
