//! The documents of the search index, made from the model (not from the pages): each
//! article, actor, position, note and event, with its link, title, summary, text and the
//! filter values it answers to.

use std::collections::BTreeSet;

use rayon::prelude::*;

use super::text::{markdown_text, sanitized_text};
use crate::model::{Actor, Annotation, Article, Position, Site};
use crate::render::notes;
use crate::render::urls::page_path;

/// One thing a reader can find.
#[derive(Debug, Clone, PartialEq)]
pub struct Doc<'s> {
    /// Its page (or anchor), relative to the site's root.
    pub url: String,
    /// `article`, `actor`, `position`, `note` or `event`.
    pub kind: &'static str,
    /// Its title (an actor's name and aliases are searched as title too).
    pub title: String,
    /// Words ranked as title words beyond the title shown (an actor's aliases).
    pub also_title: String,
    /// A line to show under the title.
    pub summary: String,
    /// Its other text, made when the index reads it: the text of a big site's
    /// articles is most of the site, and need not be held all at once.
    pub text: Text<'s>,
    /// The filter values it answers to: `actor:SLUG`, `position:SLUG`,
    /// `stance:STANCE/POSITION` (an actor's stance on a position).
    pub filters: BTreeSet<String>,
}

/// Where a document's text comes from.
#[derive(Debug, Clone, PartialEq)]
pub enum Text<'s> {
    Article(&'s Article),
    Actor(&'s Actor),
    Position(&'s Position),
    /// A note, with its body as plain text (made once: its summary needs it too).
    Note(&'s Annotation, String),
    /// A text as it is (an event's, made once: its summary needs it too).
    Given(String),
}

impl Text<'_> {
    /// The text.
    pub fn get(&self) -> String {
        match self {
            Text::Article(a) => [a.dek.as_deref().unwrap_or(""), &markdown_text(&a.body)].join(" "),
            Text::Actor(a) => {
                let role = [a.role.as_deref(), a.affiliation.as_deref()];
                format!(
                    "{} {}",
                    role.iter().flatten().copied().collect::<Vec<_>>().join(" "),
                    sanitized_text(&a.body)
                )
            }
            Text::Position(p) => {
                let mut text = vec![p.summary.clone(), p.question.clone().unwrap_or_default()];
                text.push(sanitized_text(&p.body));
                text.extend(
                    p.stances
                        .iter()
                        .filter_map(|s| s.note.as_deref().map(sanitized_text)),
                );
                text.join(" ")
            }
            Text::Note(n, body) => {
                [n.quote.as_str(), n.verdict.as_deref().unwrap_or(""), body].join(" ")
            }
            Text::Given(text) => text.clone(),
        }
    }
}

/// The kinds of document, in the order the index lists them.
pub const KINDS: [&str; 5] = ["article", "actor", "position", "note", "event"];

/// The longest summary shown, in characters.
const SUMMARY: usize = 160;

/// `text` with its white space as single spaces, cut at a word to `SUMMARY` characters.
pub fn short(text: &str) -> String {
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if text.chars().count() <= SUMMARY {
        return text;
    }
    let cut: String = text.chars().take(SUMMARY).collect();
    let cut = cut.rsplit_once(' ').map_or(cut.as_str(), |(a, _)| a);
    format!("{cut}…")
}

fn filters<'a>(
    actors: impl IntoIterator<Item = &'a String>,
    positions: impl IntoIterator<Item = &'a String>,
) -> BTreeSet<String> {
    let actors = actors.into_iter().map(|a| format!("actor:{a}"));
    actors
        .chain(positions.into_iter().map(|p| format!("position:{p}")))
        .collect()
}

/// Every document of the site, by kind (in `KINDS` order), then by slug.
pub fn docs<'s>(site: &'s Site, t: &crate::render::i18n::Strings) -> Vec<Doc<'s>> {
    let mut out = Vec::new();
    let none: Vec<String> = Vec::new();
    out.par_extend(site.articles.par_iter().map(|(slug, a)| Doc {
        url: page_path("articles", slug),
        kind: "article",
        title: a.title.clone(),
        also_title: String::new(),
        summary: short(a.dek.as_deref().unwrap_or("")),
        text: Text::Article(a),
        filters: filters(
            site.index.article_actors.get(slug).unwrap_or(&none),
            site.index.article_positions.get(slug).unwrap_or(&none),
        ),
    }));
    for (slug, a) in &site.actors {
        let held = site.index.actor_stances.get(slug);
        let positions: Vec<&String> = held.into_iter().flatten().map(|(p, _)| p).collect();
        let mut f = filters([slug], positions);
        for (p, i) in held.into_iter().flatten() {
            let stance = site.positions[p].stances[*i].stance.key();
            f.insert(format!("stance:{stance}/{p}"));
        }
        out.push(Doc {
            url: page_path("actors", slug),
            kind: "actor",
            title: a.name.clone(),
            also_title: a.aliases.join(" "),
            summary: short(a.role.as_deref().unwrap_or("")),
            text: Text::Actor(a),
            filters: f,
        });
    }
    for (slug, p) in &site.positions {
        out.push(Doc {
            url: page_path("positions", slug),
            kind: "position",
            title: p.title.clone(),
            also_title: String::new(),
            summary: short(&p.summary),
            text: Text::Position(p),
            filters: filters(p.stances.iter().map(|s| &s.actor), [slug]),
        });
    }
    for (slug, n) in &site.annotations {
        let url = if notes::has_page(&n.body, n.sources.len(), n.updates.len()) {
            notes::note_path(n)
        } else {
            format!("{}#note-{slug}", page_path("articles", &n.article))
        };
        let body = sanitized_text(&n.body);
        // The title its page has: an untitled note went by its passage here and by
        // `Context on "…"` there.
        let title = crate::render::notes::title(t, n);
        out.push(Doc {
            url,
            kind: "note",
            summary: short(&body),
            text: Text::Note(n, body),
            title,
            also_title: String::new(),
            filters: filters(&n.actors, &n.positions),
        });
    }
    for (slug, e) in &site.events {
        // The day as pages write it, then the text: what a result says of it.
        let day = t.date(&e.date);
        let text = sanitized_text(&e.body);
        out.push(Doc {
            url: format!("{}#{slug}", crate::render::timeline::PATH),
            kind: "event",
            title: e.title.clone(),
            also_title: String::new(),
            summary: short(&if text.is_empty() {
                day
            } else {
                format!("{day} · {text}")
            }),
            text: Text::Given(text),
            filters: filters(&e.actors, &e.positions),
        });
    }
    out
}
