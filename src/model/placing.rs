//! Where the quotes found in an article's text go: a stance's quote and paragraph, an
//! annotation's mark.

use std::collections::BTreeMap;

use super::articles::{self, QuoteRequest, Target};
use super::*;
use crate::markdown;

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
