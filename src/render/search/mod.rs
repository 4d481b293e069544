//! Site search: an index of every article, actor, position, note and event made from
//! the model at build time (`index`), the search page `search/` that reads it with a
//! small script of the site's own (`search/search.js`), and the box in every page's
//! header that leads there. Pages keep working without JavaScript: the box is a plain
//! form, and the search page then says what to do.

pub mod docs;
mod forms;
pub mod index;
pub mod text;

use serde::Serialize;

use super::jobs::{Job, Wanted, Words, context, meta};
use crate::model::{Site, StanceKind};

/// The search page's site path.
pub const PATH: &str = "search/";

/// The script of the search page, written as `search/search.js`.
pub const SCRIPT: &str = include_str!("../../../static/search.js");

/// The files search writes for a site of `docs` documents (`count`): the page, its
/// script, and the files of its index whose names the words do not decide (its
/// description, its filters and its documents, `CHUNK` to a file). Not the shards of
/// its words (`search/t/KEY.txt`), which only the script reads.
pub fn paths(docs: usize) -> impl Iterator<Item = String> {
    let fixed = [
        "search/index.html",
        "search/search.js",
        index::META,
        index::FILTERS,
    ];
    (fixed.into_iter().map(str::to_string))
        .chain((0..docs.div_ceil(index::CHUNK)).map(index::chunk_path))
}

/// How many documents the index of `site` has (`docs::docs`): one for each article,
/// actor, position, note and event.
pub fn count(site: &Site) -> usize {
    site.articles.len()
        + site.actors.len()
        + site.positions.len()
        + site.annotations.len()
        + site.events.len()
}

/// Whether the output file `path` is one of the index's files (which every build writes
/// anew, all of them: a rebuild drops those it had).
pub fn is_index(path: &str) -> bool {
    path.starts_with(PATH) && path != "search/index.html"
}

/// A choice of a filter: its value and its words.
#[derive(Serialize)]
struct Choice {
    value: String,
    label: String,
    /// A kind's name for one of it, which a result is labelled with ("Article").
    one: String,
}

/// The search page's data: the choices of its filters.
#[derive(Serialize)]
struct SearchData {
    kinds: Vec<Choice>,
    actors: Vec<Choice>,
    positions: Vec<Choice>,
    stances: Vec<Choice>,
}

/// Pushes the search page's job.
pub(super) fn push_job<'a>(jobs: &mut Wanted<'a, '_>, site: &'a Site, view: Words<'a>) {
    jobs.push(Job {
        path: PATH.into(),
        template: "search.html",
        build: Box::new(move |urls| {
            let t = view.1;
            let m = meta(site, t, urls, PATH, t.get("search"), None, "search");
            let choice = |value: &str, label: &str| Choice {
                value: value.to_string(),
                label: label.to_string(),
                one: String::new(),
            };
            let data = SearchData {
                kinds: docs::KINDS
                    .iter()
                    .map(|k| Choice {
                        one: t.get(&format!("search_one_{k}")).to_string(),
                        ..choice(k, t.get(&format!("search_kind_{k}")))
                    })
                    .collect(),
                actors: most_connected(site.actors.values().map(|a| {
                    let stances = site.index.actor_stances.get(&a.slug).map_or(0, Vec::len);
                    let mentions = site.mentions.get(&a.slug).map_or(0, Vec::len);
                    (choice(&a.slug, &a.name), stances + mentions)
                })),
                positions: most_connected(
                    (site.positions.values()).map(|p| (choice(&p.slug, &p.title), p.stances.len())),
                ),
                stances: StanceKind::ALL
                    .iter()
                    .map(|s| choice(s.key(), t.get(&format!("stance_{}", s.key()))))
                    .collect(),
            };
            context(view, urls, m, Vec::new(), data)
        }),
    });
}

/// The most a filter's list offers: a big site's search page stays small (a link or a
/// URL may still name any actor or position; the script adds it to the list).
const CHOICES: usize = 200;

/// The `CHOICES` most connected of `all` (in their order), or all of them when fewer.
fn most_connected(all: impl Iterator<Item = (Choice, usize)>) -> Vec<Choice> {
    let mut all: Vec<(usize, (Choice, usize))> = all.enumerate().collect();
    if all.len() > CHOICES {
        all.sort_by(|(i, (_, a)), (j, (_, b))| b.cmp(a).then(i.cmp(j)));
        all.truncate(CHOICES);
        all.sort_by_key(|(i, _)| *i);
    }
    all.into_iter().map(|(_, (c, _))| c).collect()
}

/// The search page's link to the actors holding `stance` on the position `slug`,
/// relative to the site's root.
pub fn stance_query(slug: &str, stance: &str) -> String {
    format!("{PATH}?kind=actor&position={slug}&stance={stance}")
}

/// The search page's link to what names the actor `slug`, relative to the site's root.
pub fn actor_query(slug: &str) -> String {
    format!("{PATH}?actor={slug}")
}

/// Writes the script and the index of `site` into `sink`.
/// (`EXPLAINER_TIMINGS=1` prints how long making the index took.)
pub fn write(site: &Site, words: &super::i18n::Strings, sink: &super::Sink) -> anyhow::Result<()> {
    let t = std::time::Instant::now();
    let cpu_before = cpu_seconds();
    sink("search/search.js", SCRIPT.as_bytes())?;
    index::write(
        &docs::docs(site, words),
        &site.language,
        &mut |path, bytes| sink(path, bytes),
    )?;
    if std::env::var_os("EXPLAINER_TIMINGS").is_some() {
        eprintln!(
            "search index: {:?}; the process's CPU time meanwhile, pages rendered beside it: {:.2} s (so far: {:.2} s)",
            t.elapsed(),
            cpu_seconds() - cpu_before,
            cpu_seconds()
        );
    }
    Ok(())
}

/// The CPU time this process has used, user and system, in seconds (Linux: from
/// `/proc/self/stat`, in ticks of 1/100 s; 0 elsewhere). For `EXPLAINER_TIMINGS` only.
fn cpu_seconds() -> f64 {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    // The fields after the command name (which is in parentheses and may hold spaces):
    // utime and stime are the 12th and 13th of them.
    let after = stat.rsplit_once(')').map_or("", |(_, rest)| rest);
    let fields: Vec<f64> = after
        .split_whitespace()
        .skip(11)
        .take(2)
        .filter_map(|f| f.parse().ok())
        .collect();
    fields.iter().sum::<f64>() / 100.0
}
