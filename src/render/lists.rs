//! The pages of the site's indexes (articles, actors, positions) and of an actor's
//! articles, `page_size` items a page.

use super::home::article_card;
use super::i18n::Strings;
use super::pages::{card_actor, card_position};
use super::paging::{pager, slice};
use super::plan::Plan;
use super::urls::{Urls, page_path};
use super::views::*;
use crate::model::{ActorKind, Mention, Site};

/// Page `n` of the articles index.
pub fn articles(site: &Site, t: &Strings, plan: &Plan, urls: &Urls, n: usize) -> ArticlesData {
    let size = site.layout.page_size;
    ArticlesData {
        articles: slice(plan.articles(), n, size)
            .iter()
            .map(|a| article_card(site, t, urls, a))
            .collect(),
        count: site.articles.len(),
        pager: pager(urls, "articles/", n, site.layout.pages(site.articles.len())),
    }
}

/// Page `n` of the actors index: its actors grouped by kind.
pub fn actors(site: &Site, t: &Strings, plan: &Plan, urls: &Urls, n: usize) -> ActorsData {
    let page = slice(plan.actors(), n, site.layout.page_size);
    let groups = [ActorKind::Person, ActorKind::State, ActorKind::Organization]
        .into_iter()
        .map(|kind| ActorGroup {
            label: t.actor_group(kind).into(),
            kind: kind.key(),
            actors: page
                .iter()
                .filter(|a| site.actors[**a].kind == kind)
                .map(|a| card_actor(site, urls, a))
                .collect(),
        })
        .filter(|g| !g.actors.is_empty())
        .collect();
    ActorsData {
        groups,
        count: site.actors.len(),
        pager: pager(urls, "actors/", n, site.layout.pages(site.actors.len())),
    }
}

/// Page `n` of the positions index.
pub fn positions(site: &Site, urls: &Urls, n: usize) -> PositionsData {
    let slugs: Vec<&String> = site.positions.keys().collect();
    PositionsData {
        positions: slice(&slugs, n, site.layout.page_size)
            .iter()
            .map(|p| card_position(site, urls, p))
            .collect(),
        count: slugs.len(),
        pager: pager(urls, "positions/", n, site.layout.pages(slugs.len())),
    }
}

/// The articles that name actor `slug` on page `n` of its page, newest first, each
/// with the paragraphs that name it.
pub fn named_in(
    site: &Site,
    t: &Strings,
    plan: &Plan,
    urls: &Urls,
    slug: &str,
    n: usize,
) -> Vec<NamedIn> {
    let mentions: &[Mention] = site.mentions.get(slug).map_or(&[], Vec::as_slice);
    let runs = plan.named(slug);
    slice(runs, n, site.layout.page_size)
        .iter()
        .map(|run| {
            let run = &mentions[run.clone()];
            let article = &run[0].article;
            let page = urls.to(&page_path("articles", article));
            let view = |m: &Mention, sentence: bool| MentionView {
                url: [page.as_str(), "#p", &m.paragraph.to_string()].concat(),
                paragraph: m.paragraph,
                sentence: sentence.then(|| m.sentence.to_string()),
                sentence_html: (m.struck.as_ref())
                    .filter(|_| sentence)
                    .map(|struck| struck_html(&m.sentence, struck)),
            };
            NamedIn {
                article: article_card(site, t, urls, article),
                first: view(&run[0], true),
                more: run[1..].iter().map(|m| view(m, false)).collect(),
            }
        })
        .collect()
}

/// `text` as HTML, the byte ranges `struck` of it in `<del>`.
fn struck_html(text: &str, struck: &[std::ops::Range<u32>]) -> String {
    let mut out = Vec::with_capacity(text.len() + 16 * struck.len());
    // As the templates escape: writing into a Vec cannot fail.
    let escaped = |out: &mut Vec<u8>, s: &str| {
        let _ = tera::escape_html(s, out);
    };
    let mut at = 0;
    for r in struck {
        let (start, end) = (r.start as usize, r.end as usize);
        let (Some(before), Some(inside)) = (text.get(at..start), text.get(start..end)) else {
            continue;
        };
        escaped(&mut out, before);
        out.extend_from_slice(b"<del>");
        escaped(&mut out, inside);
        out.extend_from_slice(b"</del>");
        at = end;
    }
    escaped(&mut out, text.get(at..).unwrap_or_default());
    String::from_utf8(out).unwrap_or_default()
}
