//! The map of who stands where: actors in one column, positions in the other, each
//! stance a line between them, drawn at build time as SVG by the `map.html` template.
//! The home page maps its most connected actors and positions (the matrix below it says
//! the same in words), an actor's page its neighbourhood, a position's page its actors
//! grouped by stance.

mod layout;

pub use layout::{crossings, order};

use super::i18n::Strings;
use super::plan::Plan;
use super::urls::{Urls, page_path};
use crate::model::{Site, StanceKind};
use serde::Serialize;

/// The most actors a map shows (the home page's matrix shows more, in words).
pub const MAX_ACTORS: usize = 24;
/// The most positions a map shows.
pub const MAX_POSITIONS: usize = 12;

// The drawing, in the units of the `viewBox`. It is narrow (360 wide) so that at the
// width of a phone (375 px less the margins) a 12-unit label is still about 11 px;
// style.css caps its width on wide screens.
const WIDTH: i32 = 360;
const ACTOR_X: i32 = 150;
const POSITION_X: i32 = 210;
const ACTOR_ROW: i32 = 22;
const POSITION_ROW: i32 = 34;
const PAD: i32 = 12;
/// Characters of a label line (the full name is the link's `<title>`).
const ACTOR_CHARS: usize = 20;
const POSITION_CHARS: usize = 21;

/// A map as the template draws it.
#[derive(Debug, Serialize)]
pub struct MapView {
    /// For screen readers: what it is.
    pub title: String,
    /// For screen readers: how many actors, positions and stances of each kind.
    pub desc: String,
    /// How to read it.
    pub hint: String,
    /// The `viewBox` size.
    pub width: i32,
    pub height: i32,
    /// Actors, then positions.
    pub nodes: Vec<Node>,
    /// One line per stance.
    pub edges: Vec<Edge>,
    /// The kinds of stance drawn, in page order, for the key.
    pub key: Vec<KeyItem>,
}

/// An actor or a position: a dot and its label, a link to its page.
#[derive(Debug, Serialize)]
pub struct Node {
    /// Its page.
    pub url: String,
    /// Its full name (the label may be cut short).
    pub name: String,
    /// `a` (actor, label before the dot) or `p` (position, label after it).
    pub side: &'static str,
    /// The page's own actor or position.
    pub current: bool,
    pub x: i32,
    pub y: i32,
    /// Where the label's lines start (or end, for actors).
    pub tx: i32,
    pub lines: Vec<Line>,
}

/// One line of a label.
#[derive(Debug, Serialize)]
pub struct Line {
    pub y: i32,
    pub text: String,
}

/// A stance: a cubic Bézier from the actor to the position.
#[derive(Debug, Serialize)]
pub struct Edge {
    /// `supports` …: the class that gives its colour and its dashes.
    pub stance: &'static str,
    /// The path.
    pub d: String,
}

/// One kind of stance in the key.
#[derive(Debug, Serialize)]
pub struct KeyItem {
    pub stance: &'static str,
    pub label: String,
}

/// The home page's map: the matrix's most connected actors and positions.
pub fn home(site: &Site, t: &Strings, plan: &Plan, urls: &Urls) -> Option<MapView> {
    let m = plan.matrix();
    let actors: Vec<&str> = m.home_actors.iter().take(MAX_ACTORS).copied().collect();
    let positions: Vec<&str> = (m.home_positions.iter().take(MAX_POSITIONS).copied()).collect();
    draw(site, t, urls, &actors, &positions, None, true)
}

/// An actor's neighbourhood: the actor, its positions, and the actors that share most
/// of those positions with it.
pub fn for_actor(site: &Site, t: &Strings, urls: &Urls, slug: &str) -> Option<MapView> {
    let stances = site.index.actor_stances.get(slug)?;
    let positions: Vec<&str> = (stances.iter().take(MAX_POSITIONS))
        .map(|(p, _)| p.as_str())
        .collect();
    let mut shared: std::collections::BTreeMap<&str, usize> = Default::default();
    for p in &positions {
        for st in &site.positions[*p].stances {
            if st.actor != slug {
                *shared.entry(st.actor.as_str()).or_default() += 1;
            }
        }
    }
    let mut others: Vec<(&str, usize)> = shared.into_iter().collect();
    others.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    let actors: Vec<&str> = std::iter::once(slug)
        .chain(others.iter().map(|o| o.0))
        .take(MAX_ACTORS)
        .collect();
    draw(site, t, urls, &actors, &positions, Some(slug), true)
}

/// A position's actors, grouped by stance (supporters first).
pub fn for_position(site: &Site, t: &Strings, urls: &Urls, slug: &str) -> Option<MapView> {
    let mut stances: Vec<_> = site.positions[slug].stances.iter().collect();
    stances.sort_by(|a, b| a.stance.cmp(&b.stance).then(a.actor.cmp(&b.actor)));
    let actors: Vec<&str> = (stances.iter().take(MAX_ACTORS))
        .map(|s| s.actor.as_str())
        .collect();
    // One position: the order by stance is the grouping, not to be reordered.
    draw(site, t, urls, &actors, &[slug], Some(slug), false)
}

/// The map of the stances of `actors` on `positions`; `None` when there is none.
fn draw(
    site: &Site,
    t: &Strings,
    urls: &Urls,
    actors: &[&str],
    positions: &[&str],
    current: Option<&str>,
    reorder: bool,
) -> Option<MapView> {
    let column: std::collections::BTreeMap<&str, usize> =
        positions.iter().enumerate().map(|(i, p)| (*p, i)).collect();
    let mut edges: Vec<(usize, usize, StanceKind)> = Vec::new();
    for (a, actor) in actors.iter().enumerate() {
        for (p, i) in site.index.actor_stances.get(*actor).into_iter().flatten() {
            if let Some(&c) = column.get(p.as_str()) {
                edges.push((a, c, site.positions[p].stances[*i].stance));
            }
        }
    }
    if edges.is_empty() {
        return None;
    }
    let (left, right) = if reorder {
        let pairs: Vec<(usize, usize)> = edges.iter().map(|e| (e.0, e.1)).collect();
        order(actors, positions, &pairs)
    } else {
        ((0..actors.len()).collect(), (0..positions.len()).collect())
    };
    let inner = (actors.len() as i32 * ACTOR_ROW).max(positions.len() as i32 * POSITION_ROW);
    let top = |count: usize, row: i32| PAD + (inner - count as i32 * row) / 2 + row / 2;
    let mut actor_y = vec![0; actors.len()];
    for (place, &a) in left.iter().enumerate() {
        actor_y[a] = top(actors.len(), ACTOR_ROW) + place as i32 * ACTOR_ROW;
    }
    let mut position_y = vec![0; positions.len()];
    for (place, &p) in right.iter().enumerate() {
        position_y[p] = top(positions.len(), POSITION_ROW) + place as i32 * POSITION_ROW;
    }
    let mut nodes = Vec::with_capacity(actors.len() + positions.len());
    for &a in &left {
        let name = &site.actors[actors[a]].name;
        let y = actor_y[a];
        nodes.push(Node {
            url: urls.to(&page_path("actors", actors[a])),
            name: name.clone(),
            side: "a",
            current: current == Some(actors[a]),
            x: ACTOR_X,
            y,
            tx: ACTOR_X - 8,
            lines: label(name, ACTOR_CHARS, 1, y),
        });
    }
    for &p in &right {
        let title = &site.positions[positions[p]].title;
        let y = position_y[p];
        nodes.push(Node {
            url: urls.to(&page_path("positions", positions[p])),
            name: title.clone(),
            side: "p",
            current: current == Some(positions[p]),
            x: POSITION_X,
            y,
            tx: POSITION_X + 8,
            lines: label(title, POSITION_CHARS, 2, y),
        });
    }
    // Lines in a fixed order (by actor row, then position row) so the bytes never vary.
    let mut placed: Vec<(i32, i32, StanceKind)> = (edges.iter())
        .map(|&(a, p, k)| (actor_y[a], position_y[p], k))
        .collect();
    placed.sort();
    let mid = (ACTOR_X + POSITION_X) / 2;
    let drawn = placed
        .iter()
        .map(|&(ya, yp, k)| Edge {
            stance: k.key(),
            d: format!(
                "M{} {ya}C{mid} {ya} {mid} {yp} {} {yp}",
                ACTOR_X + 4,
                POSITION_X - 4
            ),
        })
        .collect();
    let kinds: Vec<(StanceKind, usize)> = StanceKind::ALL
        .iter()
        .map(|k| (*k, edges.iter().filter(|e| e.2 == *k).count()))
        .filter(|(_, n)| *n > 0)
        .collect();
    let counted: Vec<String> = (kinds.iter())
        .map(|(k, n)| format!("{}: {n}", t.stance(*k)))
        .collect();
    Some(MapView {
        title: t.get("map_title").into(),
        desc: t.fill(
            "map_desc",
            &[
                ("actors", &t.count("n_actors", actors.len(), &[])),
                ("positions", &t.count("n_positions", positions.len(), &[])),
                ("kinds", &counted.join(", ")),
            ],
        ),
        hint: t.get("map_hint").into(),
        width: WIDTH,
        height: inner + 2 * PAD,
        nodes,
        edges: drawn,
        key: (kinds.iter())
            .map(|(k, _)| KeyItem {
                stance: k.key(),
                label: t.stance(*k).into(),
            })
            .collect(),
    })
}

/// `text` in at most `max_lines` lines of about `chars` characters, centred on `y`
/// (14 units apart); what does not fit ends in `…`.
fn label(text: &str, chars: usize, max_lines: usize, y: i32) -> Vec<Line> {
    let mut lines: Vec<String> = Vec::new();
    let mut current = String::new();
    let mut cut = false;
    for word in text.split_whitespace() {
        let fits = current.chars().count() + 1 + word.chars().count() <= chars;
        if current.is_empty() || fits {
            if !current.is_empty() {
                current.push(' ');
            }
            current.push_str(word);
        } else {
            lines.push(std::mem::take(&mut current));
            if lines.len() == max_lines {
                cut = true;
                break;
            }
            current.push_str(word);
        }
    }
    if !current.is_empty() {
        lines.push(current);
    }
    if let Some(last) = lines.last_mut()
        && (cut || last.chars().count() > chars)
    {
        let kept: String = last.chars().take(chars - 1).collect();
        *last = format!("{}…", kept.trim_end());
    }
    let first = y + 4 - 7 * (lines.len() as i32 - 1);
    (lines.into_iter().enumerate())
        .map(|(i, text)| Line {
            y: first + 14 * i as i32,
            text,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(lines: &[Line]) -> Vec<&str> {
        lines.iter().map(|l| l.text.as_str()).collect()
    }

    #[test]
    fn labels_wrap_and_end_in_an_ellipsis_when_cut() {
        assert_eq!(texts(&label("NATO", 20, 1, 50)), ["NATO"]);
        assert_eq!(
            texts(&label(
                "Article 5-like guarantees for Ukraine outside NATO",
                21,
                2,
                50
            )),
            ["Article 5-like", "guarantees for…"]
        );
        assert_eq!(
            texts(&label("Ursula von der Leyen of Brussels", 20, 1, 50)),
            ["Ursula von der Leye…"]
        );
        // Two lines sit either side of the dot.
        let two = label("Ukraine joins NATO one day soon", 21, 2, 50);
        assert_eq!((two[0].y, two[1].y), (47, 61));
    }
}
