//! Arbitrary text and patterns: the bit-parallel search of `model::approx` gives the same
//! distances as Sellers' dynamic programme, its matches are the closest passages with
//! their true distance, and the closest passages of an article lie where they say.

#![no_main]

use arbitrary::Arbitrary;
use explainer::markdown;
use explainer::model::approx::{Haystack, MIN_SIMILARITY, Searcher, Text};
use explainer::text::normalize;
use libfuzzer_sys::fuzz_target;

#[derive(Arbitrary, Debug)]
struct Input {
    text: String,
    pattern: String,
    k: u8,
    markdown: bool,
}

fuzz_target!(|input: Input| {
    let t: Vec<char> = input.text.chars().take(400).collect();
    let p: Vec<char> = input.pattern.chars().take(150).collect();
    let (ts, ps): (String, String) = (t.iter().collect(), p.iter().collect());
    search(&t, &p, &ts, &ps, usize::from(input.k));
    if input.markdown {
        closest(&ts, &ps);
    }
});

/// Scores, matches and distances against the dynamic programme.
fn search(t: &[char], p: &[char], ts: &str, ps: &str, k: usize) {
    let text = Text::new(ts.to_string());
    let searcher = Searcher::new(ps, &text);
    let found = searcher.find(&text, k, 4);
    if p.is_empty() {
        assert!(found.is_empty());
        return;
    }
    let scores = sellers(p, t);
    let best = scores.iter().copied().min();
    match found.first() {
        Some(first) => assert_eq!(Some(first.distance), best, "the closest first"),
        None => assert!(
            best.is_none_or(|b| b > k || b == p.len()),
            "missed a match at distance {best:?} <= {k}"
        ),
    }
    for (i, hit) in found.iter().enumerate() {
        assert!(hit.distance <= k);
        assert!(ts.is_char_boundary(hit.range.start) && ts.is_char_boundary(hit.range.end));
        let passage: Vec<char> = ts[hit.range.clone()].chars().collect();
        assert_eq!(levenshtein(p, &passage), hit.distance, "{hit:?}");
        assert_eq!(searcher.distance(&text, hit.range.clone()), hit.distance);
        for other in &found[..i] {
            assert!(other.distance <= hit.distance);
            assert!(other.range.end <= hit.range.start || hit.range.end <= other.range.start);
        }
    }
}

/// The closest passages of the text read as an article: above the threshold, in order,
/// and each where it says.
fn closest(markdown_text: &str, quote: &str) {
    let blocks = markdown::analyse(&markdown::parse(markdown_text, &|_| None));
    let hay = Haystack::new(&blocks);
    let quote = normalize(quote);
    let found = hay.closest(&quote, 3);
    for (i, c) in found.iter().enumerate() {
        assert!(c.similarity >= MIN_SIMILARITY - 1e-9, "{c:?}");
        let q: Vec<char> = quote.chars().collect();
        let shown: Vec<char> = c.text.chars().collect();
        assert_eq!(levenshtein(&q, &shown), c.distance, "{c:?}");
        if let Some((b, s, range)) = c.within_leaf() {
            assert_eq!(blocks[b].segments[s].text[range], c.text, "{c:?}");
        } else {
            assert!(c.crosses());
            let start = &blocks[c.start.block].segments[c.start.segment].text;
            let end = &blocks[c.end.block].segments[c.end.segment].text;
            assert!(c.text.starts_with(&start[c.start.offset..]), "{c:?}");
            assert!(c.text.ends_with(&end[..c.end.offset]), "{c:?}");
        }
        assert!(found[..i].iter().all(|o| o.distance <= c.distance));
    }
}

/// The last row of Sellers' table: the least distance of `p` to a passage of `t` ending
/// at each character.
fn sellers(p: &[char], t: &[char]) -> Vec<usize> {
    let m = p.len();
    let mut col: Vec<usize> = (0..=m).collect();
    let mut out = Vec::with_capacity(t.len());
    for &c in t {
        let mut next = vec![0; m + 1];
        for i in 1..=m {
            let sub = col[i - 1] + usize::from(p[i - 1] != c);
            next[i] = sub.min(col[i] + 1).min(next[i - 1] + 1);
        }
        out.push(next[m]);
        col = next;
    }
    out
}

fn levenshtein(a: &[char], b: &[char]) -> usize {
    let mut col: Vec<usize> = (0..=a.len()).collect();
    for (j, &c) in b.iter().enumerate() {
        let mut next = vec![j + 1; a.len() + 1];
        for i in 1..=a.len() {
            let sub = col[i - 1] + usize::from(a[i - 1] != c);
            next[i] = sub.min(col[i] + 1).min(next[i - 1] + 1);
        }
        col = next;
    }
    col[a.len()]
}
