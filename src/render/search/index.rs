//! The search index's files, written under `search/`:
//!
//! - `meta.json`: how many documents, the size of a chunk of them, the range of each
//!   kind, the keys of the term shards that exist, the endings the stemmer took off the
//!   site's words (`endings`) and the last letters it changed (`rewrites`);
//! - `d/N.json`: documents `N*CHUNK ..`, each `[url, kind, title, summary]`;
//! - `t/KEY.txt`: the terms whose words start with the two characters of `KEY` (their
//!   code points in hex, joined by `-`), a line each: the stem, a tab, the site's words
//!   of that stem separated by spaces, a tab, then its postings: document ids as gaps
//!   from the one before, `gap` or `gap:score` (score 1 left out), ordered by id. A
//!   word typed matches a line when one of its words starts with it (so "Mer" finds
//!   "Merz"), or when it is the stem, alone or with one of the endings the meta lists
//!   (so "supports" finds "supporting" on a site that never writes "supports": the
//!   page has no stemmer of its own), or the stem with its last letters written back
//!   as one of the meta's `rewrites` says ("policy" finds the stem `polici`);
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
use rust_stemmers::Stemmer;

use super::text::{fold, raw_words, stemmer};

/// The most characters a word typed may have beyond a stem to match it.
pub const SUFFIX: usize = 4;

/// Documents in a chunk of `d/`.
pub const CHUNK: usize = 100;

/// The index's description: how many documents, the kinds' ranges, the shards.
pub const META: &str = "search/meta.json";

/// The documents that answer to each filter value.
pub const FILTERS: &str = "search/filters.json";

/// The output path of the `n`th chunk of documents (from 0).
pub fn chunk_path(n: usize) -> String {
    format!("search/d/{n}.json")
}

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

/// Stem → its words and its postings `(id, score)` by id.
pub(super) type Sorted = BTreeMap<String, (BTreeSet<String>, Vec<(u32, u32)>)>;

/// The terms one thread has seen: each distinct word as written is folded and stemmed
/// once, and then known by the number of its stem (a site repeats its words far more
/// often than it has them).
struct Vocab<'s> {
    stemmer: Option<&'s Stemmer>,
    /// A word as written → its stem's number.
    known: FxHashMap<String, u32>,
    /// A stem → its number.
    numbers: FxHashMap<String, u32>,
    /// By number: the stem, its folded words, its postings.
    stems: Vec<Stem>,
}

/// A stem, its folded words and its postings `(id, score)`.
type Stem = (String, FxHashSet<String>, Vec<(u32, u32)>);

impl<'s> Vocab<'s> {
    fn new(stemmer: Option<&'s Stemmer>) -> Vocab<'s> {
        Vocab {
            stemmer,
            known: FxHashMap::default(),
            numbers: FxHashMap::default(),
            stems: Vec::new(),
        }
    }

    /// The number of `stem`, made when new.
    fn number(&mut self, stem: &str) -> u32 {
        if let Some(&n) = self.numbers.get(stem) {
            return n;
        }
        let n = self.stems.len() as u32;
        self.numbers.insert(stem.to_string(), n);
        self.stems
            .push((stem.to_string(), FxHashSet::default(), Vec::new()));
        n
    }

    /// The number of the stem of `raw`, a word as written.
    fn of(&mut self, raw: &str) -> u32 {
        if let Some(&n) = self.known.get(raw) {
            return n;
        }
        let word = fold(raw);
        let n = match self.stemmer {
            Some(s) => self.number(&s.stem(&word)),
            None => self.number(&word),
        };
        self.stems[n as usize].1.insert(word);
        self.known.insert(raw.to_string(), n);
        n
    }

    /// Adds the postings of document `id`.
    fn add(&mut self, id: u32, doc: &Doc) {
        // Stem number → (title count, text count).
        let mut counts: FxHashMap<u32, (u32, u32)> = FxHashMap::default();
        let mut title_words = 0;
        for w in raw_words(&doc.title).chain(raw_words(&doc.also_title)) {
            counts.entry(self.of(w)).or_default().0 += 1;
            title_words += 1;
        }
        let text = doc.text.get();
        for w in raw_words(&text) {
            counts.entry(self.of(w)).or_default().1 += 1;
        }
        for (n, (title, text)) in counts {
            let title = match title {
                0 => 0,
                t => TITLE * (10 * t / title_words).max(1),
            };
            let score = title + text.min(TITLE - 1);
            self.stems[n as usize].2.push((id, score));
        }
    }

    /// `self` with the stems of `other` added.
    fn merge(mut self, other: Vocab<'s>) -> Vocab<'s> {
        for (stem, words, postings) in other.stems {
            let n = self.number(&stem) as usize;
            self.stems[n].1.extend(words);
            self.stems[n].2.extend(postings);
        }
        self
    }
}

/// The terms of `docs` (stems of the site's `language`), each with its postings by id.
fn terms(docs: &[Doc], language: &str) -> Sorted {
    let stemmer = stemmer(language);
    let vocab = docs
        .par_iter()
        .enumerate()
        .fold(
            || Vocab::new(stemmer.as_ref()),
            |mut vocab, (id, doc)| {
                vocab.add(id as u32, doc);
                vocab
            },
        )
        .reduce(|| Vocab::new(stemmer.as_ref()), Vocab::merge);
    vocab
        .stems
        .into_iter()
        .map(|(stem, words, mut postings)| {
            postings.sort_unstable();
            (stem, (words.into_iter().collect(), postings))
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

/// The shards: key → text. Each term's postings are freed once its line is written.
fn shards(terms: Sorted) -> BTreeMap<String, String> {
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
        for (i, (gap, (_, score))) in ids.iter().zip(&postings).enumerate() {
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
        let keys: BTreeSet<String> = words.iter().chain([&stem]).map(|w| shard_key(w)).collect();
        for key in keys {
            out.entry(key).or_default().push_str(&line);
        }
    }
    out
}

/// Every file of the index of `docs`, path (under the output) and bytes, sorted by path.
#[cfg(test)]
pub fn files(docs: &[Doc], language: &str) -> Vec<(String, Vec<u8>)> {
    let mut out: Vec<(String, Vec<u8>)> = Vec::new();
    let done = write(docs, language, &mut |path, bytes| {
        out.push((path.to_string(), bytes.to_vec()));
        Ok(())
    });
    assert!(done.is_ok());
    out.sort();
    out
}

/// Gives each file of the index of `docs` to `sink`: path (under the output) and bytes.
/// The documents' texts are made, and the postings freed, as the index is made, so a
/// big site never holds all of either.
pub fn write(
    docs: &[Doc],
    language: &str,
    sink: &mut dyn FnMut(&str, &[u8]) -> anyhow::Result<()>,
) -> anyhow::Result<()> {
    let terms = terms(docs, language);
    let endings = super::forms::endings(&terms);
    let rewrites = super::forms::rewrites(&terms);
    let shards = shards(terms);
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
        "endings": endings,
        "rewrites": rewrites,
        "chunk": CHUNK,
        "kinds": kinds,
        "shards": shards.keys().collect::<Vec<_>>(),
    });
    sink(META, meta.to_string().as_bytes())?;
    for (n, chunk) in docs.chunks(CHUNK).enumerate() {
        let rows: Vec<_> = chunk
            .iter()
            .map(|d| serde_json::json!([d.url, d.kind, d.title, d.summary]))
            .collect();
        let json = serde_json::Value::Array(rows).to_string();
        sink(&chunk_path(n), json.as_bytes())?;
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
    sink(FILTERS, json.as_bytes())?;
    for (key, text) in shards {
        sink(&format!("search/t/{key}.txt"), text.as_bytes())?;
    }
    Ok(())
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;

    pub(in crate::render::search) fn doc(
        url: &str,
        kind: &'static str,
        title: &str,
        text: &str,
        filters: &[&str],
    ) -> Doc<'static> {
        Doc {
            url: url.into(),
            kind,
            title: title.into(),
            also_title: String::new(),
            summary: String::new(),
            text: super::super::docs::Text::Given(text.into()),
            filters: filters.iter().map(|f| f.to_string()).collect(),
        }
    }

    pub(in crate::render::search) fn file<'a>(
        files: &'a [(String, Vec<u8>)],
        path: &str,
    ) -> &'a str {
        let (_, bytes) = files.iter().find(|(p, _)| p == path).unwrap();
        std::str::from_utf8(bytes).unwrap()
    }

    #[test]
    fn shard_keys_are_the_first_two_code_points() {
        assert_eq!(shard_key("merz"), "6d-65");
        assert_eq!(shard_key("m"), "6d");
        assert_eq!(shard_key("нато"), "43d-430");
        assert_eq!(gaps([3, 5, 9]), [3, 2, 4]);
    }

    #[test]
    fn a_title_word_outranks_any_number_of_text_words() {
        let docs = [
            doc("a/", "article", "Budget", &"merz ".repeat(500), &[]),
            doc("b/", "actor", "Friedrich Merz", "", &[]),
            doc("c/", "note", "Merz and the budget of the city", "", &[]),
        ];
        let files = files(&docs, "en");
        // "merz" is only in shard 6d-65, with its stem, its forms and scores by id.
        let shard = file(&files, "search/t/6d-65.txt");
        assert_eq!(shard, "merz\tmerz\t0:500 1:5000 1:1000\n");
        // Scores: 2 of the actor's 2 title words, 1 of the note's 7, 500 text words.
        let budget = file(&files, "search/t/62-75.txt");
        assert_eq!(budget, "budget\tbudget\t0:10000 2:1000\n");
    }

    #[test]
    fn forms_of_a_stem_share_a_line_in_each_of_their_shards() {
        let docs = [
            doc("a/", "article", "", "supports", &[]),
            doc("b/", "article", "", "supporting", &[]),
        ];
        let files = files(&docs, "en");
        assert_eq!(
            file(&files, "search/t/73-75.txt"),
            "support\tsupporting supports\t0 1\n"
        );
        // Without a stemmer, each word is its own term.
        let files = super::files(&docs, "ja");
        assert_eq!(
            file(&files, "search/t/73-75.txt"),
            "supporting\tsupporting\t1\nsupports\tsupports\t0\n"
        );
    }

    #[test]
    fn filters_and_kinds_are_exact_and_the_bytes_the_same_each_time() {
        let docs = [
            doc(
                "articles/x/",
                "article",
                "X",
                "",
                &["actor:m", "position:p"],
            ),
            doc(
                "actors/m/",
                "actor",
                "M",
                "",
                &["actor:m", "stance:opposes/p"],
            ),
            doc("actors/n/", "actor", "N", "", &["stance:supports/p"]),
        ];
        let a = files(&docs, "en");
        assert_eq!(
            file(&a, "search/filters.json"),
            r#"{"actor:m":[0,1],"position:p":[0],"stance:opposes/p":[1],"stance:supports/p":[2]}"#
        );
        let meta: serde_json::Value = serde_json::from_str(file(&a, "search/meta.json")).unwrap();
        assert_eq!(meta["kinds"]["actor"], serde_json::json!([1, 3]));
        assert_eq!(meta["kinds"]["event"], serde_json::json!([0, 0]));
        assert_eq!(
            file(&a, "search/d/0.json"),
            r#"[["articles/x/","article","X",""],["actors/m/","actor","M",""],["actors/n/","actor","N",""]]"#
        );
        assert_eq!(files(&docs, "en"), a);
    }
}
