//! Events resolved: each event of `content/events/` with its date, and its actors,
//! positions and articles checked against the site's slugs (a diagnostic at the line
//! of each unknown one, with the nearest known slug as a hint).

use std::collections::BTreeMap;
use std::sync::Arc;

use super::resolve::{Ctx, Which};
use super::{Link, slugs, valid_slug};
use crate::content::RawSite;

/// A dated event of the story, shown on the timeline.
#[derive(Debug, Clone, PartialEq)]
pub struct Event {
    /// Its slug (the file name): its anchor on the timeline.
    pub slug: String,
    /// `YYYY-MM-DD`.
    pub date: String,
    /// What happened, in a few words.
    pub title: String,
    /// The actors who took part, as written.
    pub actors: Vec<String>,
    /// The positions it bears on, as written.
    pub positions: Vec<String>,
    /// The articles that tell of it, as written.
    pub articles: Vec<String>,
    /// Where its facts come from.
    pub sources: Vec<Link>,
    /// What happened, Markdown.
    pub body: Arc<str>,
}

/// The id the page itself uses on the timeline, which no event may take.
const RESERVED: &[&str] = &["main"];

/// The events of `raw`, every problem recorded in `cx`.
pub(super) fn resolve<'a>(cx: &mut Ctx<'a>, raw: &'a RawSite) -> BTreeMap<String, Event> {
    let mut out = BTreeMap::new();
    for file in &raw.events {
        // A bad name is an error, and the event is left out; its other checks still run.
        let named = if !valid_slug(&file.slug) {
            cx.diags.push(slugs::bad_name(&file.path, &file.slug));
            false
        } else if RESERVED.contains(&file.slug.as_str()) {
            cx.error(
                file,
                None,
                format!(
                    "an event cannot be called \"{}\": the timeline page uses that id itself",
                    file.slug
                ),
            );
            false
        } else {
            true
        };
        let f = &file.front;
        let mut refs = |list: &[toml::Spanned<String>], what: &str, which: Which| {
            list.iter()
                .filter(|v| cx.reference(file, v, what, which))
                .map(|v| v.get_ref().clone())
                .collect::<Vec<_>>()
        };
        let once = |list: Vec<String>| super::each_once(list, String::clone);
        let actors = once(refs(&f.actors, "actor", Which::Actors));
        let positions = once(refs(&f.positions, "position", Which::Positions));
        let articles = once(refs(&f.articles, "article", Which::Articles));
        let sources = cx.links(file, &f.sources, "sources url");
        cx.body_wikilinks(
            &file.path,
            &file.body,
            crate::markdown::RawHtml::Keep,
            &|at| file.body_line_at(at),
        );
        // A date without its day was reported when the file was read.
        let Some(day) = f.date.get_ref().date.filter(|_| named) else {
            continue;
        };
        out.insert(
            file.slug.clone(),
            Event {
                slug: file.slug.clone(),
                date: format!("{:04}-{:02}-{:02}", day.year, day.month, day.day),
                title: f.title.clone(),
                actors,
                positions,
                articles,
                sources,
                body: file.body.clone(),
            },
        );
    }
    out
}
