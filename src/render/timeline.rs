//! The timeline: one page (`timeline/`) listing the site's events in date order, each
//! at its own anchor (`timeline/#SLUG`), with its JSON-LD `Event`; and the events that
//! actor and position pages list, linked to their place on it.

use serde::Serialize;
use serde_json::{Value, json};

use super::i18n::Strings;
use super::jobs::{Job, Wanted, context, meta};
use super::pages::{card_actor, card_position, md, trail};
use super::urls::{Urls, page_path};
use super::views::Card;
use crate::model::events::Event;
use crate::model::{ActorKind, Link, Site};

/// The site path of the timeline.
pub const PATH: &str = "timeline/";

/// The timeline's output file, when the site has events.
pub fn paths(site: &Site) -> Option<String> {
    (!site.events.is_empty()).then(|| format!("{PATH}index.html"))
}

/// The site's events in date order (those of one day by slug).
pub fn ordered(site: &Site) -> Vec<&Event> {
    let mut events: Vec<&Event> = site.events.values().collect();
    events.sort_by(|a, b| (&a.date, &a.slug).cmp(&(&b.date, &b.slug)));
    events
}

/// An event as a line of a list: its date and title, linked to the timeline.
#[derive(Debug, Serialize)]
pub struct EventCard {
    /// What happened.
    pub title: String,
    /// Its place on the timeline.
    pub url: String,
    /// `YYYY-MM-DD`.
    pub date: String,
    /// `15 August 2025`.
    pub date_display: String,
}

fn card(t: &Strings, urls: &Urls, e: &Event) -> EventCard {
    EventCard {
        title: e.title.clone(),
        url: urls.to(&format!("{PATH}#{}", e.slug)),
        date: e.date.clone(),
        date_display: t.date(&e.date),
    }
}

/// The events that name the actor `slug`, in date order.
pub fn for_actor(site: &Site, t: &Strings, urls: &Urls, slug: &str) -> Vec<EventCard> {
    let named = |e: &&Event| e.actors.iter().any(|a| a == slug);
    ordered(site)
        .into_iter()
        .filter(named)
        .map(|e| card(t, urls, e))
        .collect()
}

/// The events that name the position `slug`, in date order.
pub fn for_position(site: &Site, t: &Strings, urls: &Urls, slug: &str) -> Vec<EventCard> {
    let named = |e: &&Event| e.positions.iter().any(|p| p == slug);
    ordered(site)
        .into_iter()
        .filter(named)
        .map(|e| card(t, urls, e))
        .collect()
}

/// The timeline page's data.
#[derive(Debug, Serialize)]
pub struct TimelineData {
    /// The events, in date order.
    pub events: Vec<EventView>,
}

/// One event on the timeline.
#[derive(Debug, Serialize)]
pub struct EventView {
    /// Its anchor: the slug.
    pub id: String,
    /// What happened.
    pub title: String,
    /// `YYYY-MM-DD`.
    pub date: String,
    /// `15 August 2025`.
    pub date_display: String,
    /// The body as HTML.
    pub body_html: String,
    /// Who took part.
    pub actors: Vec<Card>,
    /// What it bears on.
    pub positions: Vec<Card>,
    /// The articles that tell of it.
    pub articles: Vec<Card>,
    /// Where its facts come from.
    pub sources: Vec<Link>,
}

fn view(site: &Site, t: &Strings, urls: &Urls, e: &Event) -> EventView {
    EventView {
        id: e.slug.clone(),
        title: e.title.clone(),
        date: e.date.clone(),
        date_display: t.date(&e.date),
        body_html: md(site, urls, &e.body, &format!("event_{}", e.slug)),
        actors: e.actors.iter().map(|a| card_actor(site, urls, a)).collect(),
        positions: e
            .positions
            .iter()
            .map(|p| card_position(site, urls, p))
            .collect(),
        articles: e
            .articles
            .iter()
            .map(|a| Card {
                title: site.articles[a].title.clone(),
                url: urls.to(&page_path("articles", a)),
                note: None,
                kind: None,
            })
            .collect(),
        sources: e.sources.clone(),
    }
}

/// The JSON-LD of the timeline: one schema.org `Event` per event.
fn ld(site: &Site, events: &[EventView]) -> Vec<Value> {
    let abs = |path: &str| site.base_url.as_ref().map(|b| format!("{b}{path}"));
    let thing = |kind: &str, name: &str, path: &str| {
        let mut v = json!({"@type": kind, "name": name});
        if let Some(url) = abs(path) {
            v["url"] = json!(url);
        }
        v
    };
    let graph: Vec<Value> = ordered(site)
        .into_iter()
        .zip(events)
        .map(|(e, v)| {
            let mut out = json!({"@type": "Event", "name": e.title, "startDate": e.date});
            let description = super::plain::text_content(&v.body_html);
            let description = description.split_whitespace().collect::<Vec<_>>().join(" ");
            if !description.is_empty() {
                out["description"] = json!(description);
            }
            if let Some(url) = abs(&format!("{PATH}#{}", e.slug)) {
                out["url"] = json!(url);
            }
            // People take part (`actor`); states, organisations and positions are what
            // the event is about.
            let mut actors = Vec::new();
            let mut about = Vec::new();
            for slug in &e.actors {
                let a = &site.actors[slug];
                let path = page_path("actors", slug);
                match a.kind {
                    ActorKind::Person => actors.push(thing("Person", &a.name, &path)),
                    ActorKind::State => about.push(thing("Country", &a.name, &path)),
                    ActorKind::Organization => about.push(thing("Organization", &a.name, &path)),
                }
            }
            for slug in &e.positions {
                let path = page_path("positions", slug);
                about.push(thing("Thing", &site.positions[slug].title, &path));
            }
            let told: Vec<Value> = e
                .articles
                .iter()
                .map(|a| {
                    let path = page_path("articles", a);
                    // The article is described whole on its own page: here, what it is
                    // called and where.
                    let mut v = json!({"@type": "CreativeWork", "name": site.articles[a].title});
                    if let Some(url) = abs(&path) {
                        v["url"] = json!(url);
                    }
                    v
                })
                .collect();
            for (key, list) in [("actor", actors), ("about", about), ("subjectOf", told)] {
                if !list.is_empty() {
                    out[key] = Value::Array(list);
                }
            }
            out
        })
        .collect();
    graph
}

/// The job of the timeline page, when the site has events.
pub(super) fn push_jobs<'a>(
    jobs: &mut Wanted<'a, '_>,
    site: &'a Site,
    view_: super::jobs::Words<'a>,
) {
    let t = view_.1;
    if site.events.is_empty() {
        return;
    }
    jobs.push(Job {
        path: PATH.to_string(),
        template: "timeline.html",
        build: Box::new(move |urls| {
            let events: Vec<EventView> = ordered(site)
                .into_iter()
                .map(|e| view(site, t, urls, e))
                .collect();
            let description = t.get("timeline_description");
            let title = t.get("timeline");
            let mut m = meta(site, t, urls, PATH, title, Some(description), "timeline");
            m.breadcrumbs = trail(urls, t, None);
            let nodes = ld(site, &events);
            context(view_, urls, m, nodes, TimelineData { events })
        }),
    });
}
