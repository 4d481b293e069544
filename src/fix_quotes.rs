//! `explainer check --fix-quotes`: after an article's text is revised, each annotation
//! or stance quote that is no longer in it, but has exactly one passage at least
//! `THRESHOLD` similar (in one paragraph, and placed by its `prefix`/`suffix` as well),
//! is rewritten to that passage as the article writes it. Every change is printed as a
//! diff; nothing else of any file changes; a quote with no such single passage is left
//! for the writer, whom `check` then tells the closest passages.

use std::collections::BTreeMap;
use std::path::Path;

use anyhow::Result;

use crate::content::edit::{Edit, set_string};
use crate::markdown::Block;
use crate::model::approx::Haystack;
use crate::model::quote::{self, Miss};

/// A quote is rewritten only to a passage at least this similar (1 − edit distance /
/// length), and only when no other passage is.
pub const THRESHOLD: f64 = 0.85;

/// Where a quote is written: an annotation's `quote`, or that of stance `index` of a
/// position.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Key {
    /// `quote` of an annotation.
    Annotation,
    /// `quote` of the stance at this index of `[[stances]]`.
    Stance(usize),
}

/// One quote to rewrite.
#[derive(Debug, Clone, PartialEq)]
pub struct Fix {
    /// The file, relative to the root.
    pub path: String,
    /// Which quote of it.
    pub key: Key,
    /// The quote as written.
    pub old: String,
    /// The passage of the article it becomes.
    pub new: String,
    /// How similar the two are, in percent.
    pub percent: u32,
}

/// A quote of the content and where it must be.
struct Wanted<'a> {
    path: &'a str,
    key: Key,
    article: Option<&'a str>,
    quote: &'a str,
    prefix: Option<&'a str>,
    suffix: Option<&'a str>,
}

/// The fixes for the site at `root` (nothing written).
pub fn plan(root: &Path) -> Result<Vec<Fix>> {
    let (raw, _) = crate::content::load(root)?;
    let (site, _) = crate::model::resolve(&raw);
    let only = match raw.articles.as_slice() {
        [a] => Some(a.slug.as_str()),
        _ => None,
    };
    let mut wanted = Vec::new();
    for f in raw.annotations.iter() {
        let front = &f.front;
        wanted.push(Wanted {
            path: &f.path,
            key: Key::Annotation,
            article: front
                .article
                .as_ref()
                .map(|a| a.get_ref().as_str())
                .or(only),
            quote: front.quote.get_ref(),
            prefix: front.prefix.as_ref().map(|p| p.get_ref().as_str()),
            suffix: front.suffix.as_ref().map(|s| s.get_ref().as_str()),
        });
    }
    for f in raw.positions.iter() {
        for (i, st) in f.front.stances.iter().enumerate() {
            let st = st.get_ref();
            if let Some(q) = &st.quote {
                wanted.push(Wanted {
                    path: &f.path,
                    key: Key::Stance(i),
                    article: st.article.as_ref().map(|a| a.get_ref().as_str()).or(only),
                    quote: q.get_ref(),
                    prefix: None,
                    suffix: None,
                });
            }
        }
    }
    // Each article's blocks and approximate-search text, made when a quote needs them.
    let mut read: BTreeMap<&str, (Vec<Block>, Option<Haystack>)> = BTreeMap::new();
    let mut fixes = Vec::new();
    for w in wanted {
        let Some(article) = w.article.and_then(|a| site.articles.get(a)) else {
            continue;
        };
        let (blocks, hay) = read.entry(article.slug.as_str()).or_insert_with(|| {
            let events = crate::markdown::parse(&article.body, &|_| None);
            (crate::markdown::analyse(&events), None)
        });
        let blocks = &*blocks;
        if !matches!(
            quote::find(blocks, w.quote, w.prefix, w.suffix),
            Err(Miss::NotFound { other_case: false })
        ) {
            continue;
        }
        let Ok(needle) = quote::needle(w.quote, None, None) else {
            continue;
        };
        let hay = hay.get_or_insert_with(|| Haystack::new(blocks));
        if let Some((new, percent)) = single_passage(blocks, hay, needle.quote())
            && quote::find(blocks, &new, w.prefix, w.suffix).is_ok()
        {
            fixes.push(Fix {
                path: w.path.to_string(),
                key: w.key,
                old: w.quote.to_string(),
                new,
                percent,
            });
        }
    }
    Ok(fixes)
}

/// The one passage of the article at least `THRESHOLD` similar to `quote`, as written,
/// if there is exactly one, it lies in one leaf and it cuts no word the quote does not
/// (a mark would cut it: "a six-hour, heate|d debate").
fn single_passage(blocks: &[Block], hay: &Haystack, quote: &str) -> Option<(String, u32)> {
    let found = hay.closest(quote, 2);
    let best = (found.first()).filter(|c| c.similarity >= THRESHOLD && c.whole_words)?;
    if found.get(1).is_some_and(|c| c.similarity >= THRESHOLD) {
        return None;
    }
    let (block, segment, range) = best.within_leaf()?;
    let new = blocks[block].segments[segment].written(range);
    (!new.trim().is_empty()).then(|| (new, best.percent()))
}

/// Rewrites the quotes of `fixes` in their files under `root`; returns the diff of each
/// file changed, in path order.
pub fn apply(root: &Path, fixes: &[Fix]) -> Result<Vec<String>> {
    let mut by_file: BTreeMap<&str, Vec<&Fix>> = BTreeMap::new();
    for f in fixes {
        by_file.entry(&f.path).or_default().push(f);
    }
    let mut diffs = Vec::new();
    for (path, fixes) in by_file {
        let mut edit = Edit::open(root, path)?;
        for fix in fixes {
            let value = match fix.key {
                Key::Annotation => edit.front.get_mut("quote").and_then(|i| i.as_value_mut()),
                Key::Stance(i) => stance_quote(&mut edit.front, i),
            };
            if let Some(v) = value {
                set_string(v, &fix.new);
            }
        }
        let after = edit.after();
        if after == edit.before {
            continue;
        }
        diffs.push(diff(path, &edit.before, &after));
        edit.write()?;
    }
    Ok(diffs)
}

/// The `quote` of stance `i`, written `[[stances]]` or `stances = [{ … }]`.
fn stance_quote(front: &mut toml_edit::DocumentMut, i: usize) -> Option<&mut toml_edit::Value> {
    match front.get_mut("stances")? {
        toml_edit::Item::ArrayOfTables(tables) => {
            tables.get_mut(i)?.get_mut("quote")?.as_value_mut()
        }
        toml_edit::Item::Value(toml_edit::Value::Array(items)) => {
            items.get_mut(i)?.as_inline_table_mut()?.get_mut("quote")
        }
        _ => None,
    }
}

/// A unified diff of one file, as `git diff` shows it.
fn diff(path: &str, before: &str, after: &str) -> String {
    similar::TextDiff::from_lines(before, after)
        .unified_diff()
        .context_radius(1)
        .header(&format!("a/{path}"), &format!("b/{path}"))
        .to_string()
}

/// `check --fix-quotes`: the fixes made and their diffs, to say on stdout, and how many
/// quotes were rewritten.
pub fn run(root: &Path) -> Result<(String, usize)> {
    let fixes = plan(root)?;
    let diffs = apply(root, &fixes)?;
    let mut out = diffs.concat();
    // One line a fix: a quote written over several lines is said on one.
    let one_line = |q: &str| crate::text::normalize(q);
    for f in &fixes {
        out.push_str(&format!(
            "fixed {}: quote \"{}\" is now \"{}\" ({}% similar)\n",
            f.path,
            one_line(&f.old),
            one_line(&f.new),
            f.percent
        ));
    }
    if fixes.is_empty() {
        out.push_str("no quote to fix: each quote is in its article, or has no single passage close enough to put in its place\n");
    }
    Ok((out, fixes.len()))
}
