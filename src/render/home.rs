//! The home page and the pages of the full stance matrix.

use super::i18n::Strings;
use super::pages::{card_actor, card_position};
use super::paging::{page_at, pager, slice};
use super::plan::{Plan, Tile, stance_path};
use super::urls::{Urls, page_path};
use super::views::*;
use crate::model::Site;

/// An article as a card of a list.
pub fn article_card(site: &Site, t: &Strings, urls: &Urls, slug: &str) -> ArticleCard {
    let a = &site.articles[slug];
    ArticleCard {
        title: a.title.clone(),
        url: urls.to(&page_path("articles", slug)),
        date: t.date(&a.date),
        dek: a.dek.clone(),
        notes: a.marks.len(),
    }
}

/// How many of the latest updates the home page lists.
const RECENT_UPDATES: usize = 5;

/// The home page: the first page of each list, the latest updates, and the matrix (all
/// of it when it fits, else its most connected actors and positions).
pub fn home(site: &Site, t: &Strings, plan: &Plan, urls: &Urls) -> HomeData {
    let size = site.layout.page_size;
    let m = plan.matrix();
    let matrix = matrix(site, t, urls, &m.home_positions, &m.home_actors);
    HomeData {
        articles: slice(plan.articles(), 1, size)
            .iter()
            .map(|a| article_card(site, t, urls, a))
            .collect(),
        article_count: site.articles.len(),
        actors: slice(plan.actors(), 1, size)
            .iter()
            .map(|a| card_actor(site, urls, a))
            .collect(),
        actor_count: site.actors.len(),
        positions: site
            .positions
            .keys()
            .take(size)
            .map(|p| card_position(site, urls, p))
            .collect(),
        position_count: site.positions.len(),
        updates: super::updates::recent(site, t, urls, RECENT_UPDATES),
        matrix_bounded: m.bounded().then(|| MatrixBounds {
            url: urls.to("matrix/"),
            actors: site.index.actor_stances.len(),
            positions: site.positions.len(),
        }),
        matrix,
        map: super::map::home(site, t, plan, urls),
    }
}

/// The matrix of `actors` (rows) × `positions` (columns).
fn matrix(site: &Site, t: &Strings, urls: &Urls, positions: &[&str], actors: &[&str]) -> Matrix {
    // A cell without a stance is the same in every row: one value per column, shared
    // (a tera::Value is reference-counted), not one per cell.
    let empty: Vec<tera::Value> = positions
        .iter()
        .map(|p| {
            tera::Value::from_serializable(&MatrixCell {
                stance: "none",
                label: t.get("stance_none").into(),
                url: None,
                position: site.positions[*p].title.clone(),
            })
        })
        .collect();
    let column: rustc_hash::FxHashMap<&str, usize> =
        positions.iter().enumerate().map(|(i, p)| (*p, i)).collect();
    let rows = actors
        .iter()
        .map(|actor| {
            let mut cells = empty.clone();
            for (position, i) in site.index.actor_stances.get(*actor).into_iter().flatten() {
                let Some(&c) = column.get(position.as_str()) else {
                    continue;
                };
                let p = &site.positions[position];
                let s = &p.stances[*i];
                cells[c] = tera::Value::from_serializable(&MatrixCell {
                    stance: s.stance.key(),
                    label: t.stance(s.stance).into(),
                    url: Some(urls.to(&stance_path(site, position, actor))),
                    position: p.title.clone(),
                });
            }
            MatrixRow {
                actor: card_actor(site, urls, actor),
                cells,
            }
        })
        .collect();
    Matrix {
        positions: positions
            .iter()
            .map(|p| card_position(site, urls, p))
            .collect(),
        rows,
        caption: t.fill(
            "matrix_caption",
            &[
                ("actors", &t.count("n_actors", actors.len(), &[])),
                ("positions", &t.count("n_positions", positions.len(), &[])),
            ],
        ),
    }
}

/// Page `n` of the full matrix.
pub fn matrix_page(site: &Site, t: &Strings, plan: &Plan, urls: &Urls, n: usize) -> MatrixPageData {
    let tiles = &plan.matrix().tiles;
    let tile: &Tile = &tiles[n - 1];
    let positions = site.positions.len();
    MatrixPageData {
        matrix: matrix(site, t, urls, &tile.positions, &tile.actors),
        columns: span(tile.first_position, tile.positions.len(), positions),
        rows: span(tile.rows.0, tile.actors.len(), tile.rows.1),
        positions,
        actors: site.index.actor_stances.len(),
        // Each run of columns, linked at its first page.
        runs: tiles
            .iter()
            .enumerate()
            .filter(|(_, t)| t.rows.0 == 0)
            .map(|(i, t)| MatrixRun {
                label: span(t.first_position, t.positions.len(), positions),
                first: t
                    .positions
                    .first()
                    .map(|p| site.positions[*p].title.clone()),
                url: urls.to(&page_at("matrix/", i + 1)),
                current: t.first_position == tile.first_position,
            })
            .collect(),
        pager: pager(urls, "matrix/", n, tiles.len()),
    }
}

/// `"11–20"`: items `first + 1` to `first + count` (of `total`).
fn span(first: usize, count: usize, total: usize) -> String {
    if count == 0 || total == 0 {
        "0".into()
    } else if count == 1 {
        (first + 1).to_string()
    } else {
        format!("{}–{}", first + 1, first + count)
    }
}
