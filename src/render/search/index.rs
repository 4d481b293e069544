//! The search index's files, written under `search/`:
//!
//! - `meta.json`: how many documents, the size of a chunk of them, the range of each
//!   kind, and the keys of the term shards that exist;
//! - `d/N.json`: documents `N*CHUNK ..`, each `[url, kind, title, summary]`;
//! - `t/KEY.txt`: the terms whose words start with the two characters of `KEY` (their
//!   code points in hex, joined by `-`), a line each: the stem, a tab, the site's words
//!   of that stem separated by spaces, a tab, then its postings: document ids as gaps
//!   from the one before, `gap` or `gap:score` (score 1 left out), ordered by id. A
//!   word typed matches a line when one of its words starts with it (so "Mer" finds
//!   "Merz"), or when it is the stem and at most `SUFFIX` more characters (so
//!   "supports" finds "supporting" on a site that never writes "supports": the page
//!   has no stemmer of its own);
//! - `filters.json`: each filter value → the ids of its documents, as gaps.
//!
//! A page fetches the meta, the shards of the words typed, the filters when one is set
//! and the chunks of the documents it shows: never the whole index.
//!
//! Written by hand rather than with Pagefind: on 10,000 articles Pagefind took 15–35
//! times the whole build (see README, "Search"); `tests/browser/search.py` checks the
//! pages found here against Pagefind's.

use std::collections::{BTreeMap, BTreeSet};

use rayon::prelude::*;
use rustc_hash::{FxHashMap, FxHashSet};

use super::docs::{Doc, KINDS};
use super::text::{Stems, stemmer, words};

/// The most characters a word typed may have beyond a stem to match it.
pub const SUFFIX: usize = 4;

/// Documents in a chunk of `d/`.
pub const CHUNK: usize = 100;

/// A title word outweighs this many words of the text; a word that makes up more of a
/// short title weighs more (up to ten times), so that "Merz" ranks Friedrich Merz's page
/// above a note that has "Merz" among other words in its title.
pub const TITLE: u32 = 1000;

/// The key of the shard holding a folded word: its first two characters' code points.
pub fn shard_key(word: &str) -> String {
    word.chars()
        .take(2)
        .map(|c| format!("{:x}", c as u32))
        .collect::<Vec<_>>()
        .join("-")
}

/// One stem's words and the documents that have them, with their scores.
#[derive(Default)]
struct Term {
    words: FxHashSet<String>,
    postings: Vec<(u32, u32)>,
}

type Terms = FxHashMap<String, Term>;

/// Stem → its words and its postings `(id, score)` by id.
type Sorted = BTreeMap<String, (BTreeSet<String>, Vec<(u32, u32)>)>;

/// The terms of `docs` (stems of the site's `language`), each with its postings by id.
fn terms(docs: &[Doc], language: &str) -> Sorted {
    let stemmer = stemmer(language);
    let merged: Terms = docs
        .par_iter()
        .enumerate()
        .fold(
            || (Stems::new(stemmer.as_ref()), Terms::default()),
            |(mut stems, mut terms), (id, doc)| {
                // word → (title count, text count)
                let mut counts: FxHashMap<String, (u32, u32)> = FxHashMap::default();
                let mut title_words = 0;
                for w in words(&doc.title).chain(words(&doc.also_title)) {
                    counts.entry(w).or_default().0 += 1;
                    title_words += 1;
                }
                for w in words(&doc.text) {
                    counts.entry(w).or_default().1 += 1;
                }
                let mut scores: FxHashMap<&str, u32> = FxHashMap::default();
                let mut stemmed = Vec::with_capacity(counts.len());
                for (w, (title, text)) in &counts {
                    let stem = stems.stem(w).to_string();
                    let title = match title {
                        0 => 0,
                        n => TITLE * (10 * n / title_words).max(1),
                    };
                    stemmed.push((stem, w, title + text.min(&(TITLE - 1))));
                }
                for (stem, w, score) in &stemmed {
                    let term = terms.entry(stem.clone()).or_default();
                    if !term.words.contains(*w) {
                        term.words.insert((*w).clone());
                    }
                    *scores.entry(stem.as_str()).or_default() += score;
                }
                for (stem, score) in scores {
                    if let Some(term) = terms.get_mut(stem) {
                        term.postings.push((id as u32, score));
                    }
                }
                (stems, terms)
            },
        )
        .map(|(_, terms)| terms)
        .reduce(Terms::default, |mut a, b| {
            for (stem, t) in b {
                let into = a.entry(stem).or_default();
                into.words.extend(t.words);
                into.postings.extend(t.postings);
            }
            a
        });
    merged
        .into_iter()
        .map(|(stem, mut t)| {
            t.postings.sort_unstable();
            (stem, (t.words.into_iter().collect(), t.postings))
        })
        .collect()
}

/// Ids as gaps from the one before (the first from 0).
fn gaps(ids: impl IntoIterator<Item = u32>) -> Vec<u32> {
    let mut last = 0;
    ids.into_iter()
        .map(|id| {
            let gap = id - last;
            last = id;
            gap
        })
        .collect()
}

/// The shards: key → text.
fn shards(terms: &Sorted) -> BTreeMap<String, String> {
    let mut out: BTreeMap<String, String> = BTreeMap::new();
    for (stem, (words, postings)) in terms {
        let mut line = format!("{stem}\t");
        line.push_str(
            &words
                .iter()
                .map(String::as_str)
                .collect::<Vec<_>>()
                .join(" "),
        );
        line.push('\t');
        let ids = gaps(postings.iter().map(|(id, _)| *id));
        for (i, (gap, (_, score))) in ids.iter().zip(postings).enumerate() {
            if i > 0 {
                line.push(' ');
            }
            line.push_str(&gap.to_string());
            if *score != 1 {
                line.push(':');
                line.push_str(&score.to_string());
            }
        }
        line.push('\n');
        let keys: BTreeSet<String> = words.iter().chain([stem]).map(|w| shard_key(w)).collect();
        for key in keys {
            out.entry(key).or_default().push_str(&line);
        }
    }
    out
}

/// Every file of the index of `docs`, path (under the output) and bytes, sorted by path.
pub fn files(docs: &[Doc], language: &str) -> Vec<(String, Vec<u8>)> {
    let shards = shards(&terms(docs, language));
    let mut out: Vec<(String, Vec<u8>)> = Vec::new();
    let mut kinds = serde_json::Map::new();
    for kind in KINDS {
        let start = docs.iter().position(|d| d.kind == kind).unwrap_or(0);
        let end = docs
            .iter()
            .rposition(|d| d.kind == kind)
            .map_or(0, |e| e + 1);
        kinds.insert(kind.into(), serde_json::json!([start, end.max(start)]));
    }
    let meta = serde_json::json!({
        "docs": docs.len(),
        "suffix": SUFFIX,
        "chunk": CHUNK,
        "kinds": kinds,
        "shards": shards.keys().collect::<Vec<_>>(),
    });
    out.push(("search/meta.json".into(), meta.to_string().into_bytes()));
    for (n, chunk) in docs.chunks(CHUNK).enumerate() {
        let rows: Vec<_> = chunk
            .iter()
            .map(|d| serde_json::json!([d.url, d.kind, d.title, d.summary]))
            .collect();
        let json = serde_json::Value::Array(rows).to_string();
        out.push((format!("search/d/{n}.json"), json.into_bytes()));
    }
    let mut filters: BTreeMap<&str, Vec<u32>> = BTreeMap::new();
    for (id, d) in docs.iter().enumerate() {
        for f in &d.filters {
            filters.entry(f).or_default().push(id as u32);
        }
    }
    let filters: BTreeMap<&str, Vec<u32>> =
        filters.into_iter().map(|(k, ids)| (k, gaps(ids))).collect();
    let json = serde_json::to_string(&filters).unwrap_or_default();
    out.push(("search/filters.json".into(), json.into_bytes()));
    for (key, text) in shards {
        out.push((format!("search/t/{key}.txt"), text.into_bytes()));
    }
    out.sort();
    out
}
