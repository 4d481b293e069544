//! An actor's page: its profile, its stances and notes, and the articles that name it,
//! `page_size` articles a page.

use super::i18n::Strings;

use super::lists::named_in;
use super::pages::{card_actor, md, stance_view};
use super::paging::pager;
use super::plan::Plan;
use super::urls::{Urls, page_path};
use super::views::*;
use crate::model::Site;

/// Page `n` of an actor's page.
pub fn actor(
    site: &Site,
    t: &Strings,
    plan: &Plan,
    urls: &Urls,
    slug: &str,
    n: usize,
) -> ActorData {
    let a = &site.actors[slug];
    let ix = &site.index;
    let base = page_path("actors", slug);
    let rebase = if n > 1 { urls.to(&base) } else { String::new() };
    let mut stances: Vec<StanceView> = ix
        .actor_stances
        .get(slug)
        .into_iter()
        .flatten()
        .map(|(p, i)| stance_view(site, t, urls, (p, &rebase), &site.positions[p].stances[*i]))
        .collect();
    stances.sort_by(|x, y| x.position.title.cmp(&y.position.title));
    let mentions = site.mentions.get(slug).map_or(0, Vec::len);
    let notes = ix
        .actor_notes
        .get(slug)
        .into_iter()
        .flatten()
        .map(|n| note_card(t, urls, &site.annotations[n]))
        .collect();
    let wikidata_url = a
        .wikidata
        .as_ref()
        .map(|q| format!("https://www.wikidata.org/wiki/{q}"));
    ActorData {
        actor: ActorView {
            name: a.name.clone(),
            search: urls.to(&super::search::actor_query(slug)),
            kind: a.kind.key(),
            kind_label: t.actor_kind(a.kind).into(),
            aliases: a.aliases.clone(),
            role: a.role.clone(),
            affiliation: a.affiliation.as_ref().map(|s| card_actor(site, urls, s)),
            members: ix
                .actor_members
                .get(slug)
                .into_iter()
                .flatten()
                .map(|m| card_actor(site, urls, m))
                .collect(),
            wikidata: a.wikidata.clone(),
            wikidata_url,
            links: a.links.clone(),
            image: (a.image.as_ref())
                .map(|i| super::images::view(urls, i, super::images::Place::Beside)),
            body_html: md(site, urls, &a.body, ""),
            stances,
            named: named_in(site, t, plan, urls, slug, n),
            article_count: plan.named_count(slug),
            articles: site.articles.len() > 1,
            mention_count: mentions,
            notes,
            events: super::timeline::for_actor(site, t, urls, slug),
            pager: pager(urls, &base, n, plan.actor_pages(slug)),
            map: (n == 1)
                .then(|| super::map::for_actor(site, t, urls, slug))
                .flatten(),
        },
    }
}

pub(super) fn note_card(t: &Strings, urls: &Urls, n: &crate::model::Annotation) -> Card {
    let kind = t.note_kind(n.kind);
    Card {
        title: (n.title.clone()).unwrap_or_else(|| t.fill("quoted", &[("text", &n.quote)])),
        url: urls.to(&format!(
            "{}#note-{}",
            page_path("articles", &n.article),
            n.slug
        )),
        note: Some(match &n.verdict {
            Some(v) => t.fill("kind_verdict", &[("kind", kind), ("verdict", v)]),
            None => kind.to_string(),
        }),
        kind: Some(n.kind.key()),
    }
}
