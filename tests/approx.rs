//! The bit-parallel search of `model::approx` against the simplest correct code: Sellers'
//! O(nm) dynamic programme, on random patterns and texts over a small alphabet (so that
//! near matches are common) with letters of one, two and three bytes and spaces, and
//! patterns long enough to take several 64-bit words. Patterns have letters the text
//! lacks (`z`), which match nothing.

use explainer::model::approx::{Alphabet, Pattern, Searcher, Text};
use proptest::prelude::*;

/// The last row of the edit-distance table of `p` against each prefix of `t`: with
/// `free_start`, a match may start anywhere in `t` (Sellers); without, at its start.
fn sellers(p: &[char], t: &[char], free_start: bool) -> Vec<usize> {
    let m = p.len();
    let mut col: Vec<usize> = (0..=m).collect();
    let mut out = Vec::with_capacity(t.len());
    for (j, &c) in t.iter().enumerate() {
        let mut next = vec![if free_start { 0 } else { j + 1 }; m + 1];
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
    if b.is_empty() {
        return a.len();
    }
    *sellers(a, b, false).last().unwrap()
}

fn text(max: usize) -> impl Strategy<Value = Vec<char>> {
    proptest::collection::vec(prop::sample::select(vec!['a', 'b', 'é', '€', ' ']), 0..max)
}

fn pattern(max: usize) -> impl Strategy<Value = Vec<char>> {
    proptest::collection::vec(
        prop::sample::select(vec!['a', 'b', 'é', '€', ' ', 'z']),
        0..max,
    )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn scores_match_the_dynamic_programme(p in pattern(200), t in text(300)) {
        let ts: String = t.iter().collect();
        let alphabet = Alphabet::new(&ts);
        let pattern = Pattern::new(p.iter().copied(), &alphabet);
        for anchored in [false, true] {
            let mut got = Vec::new();
            pattern.scan(t.iter().map(|&c| alphabet.id(c)), anchored, |d| got.push(d));
            let want = if p.is_empty() {
                (1..=t.len()).map(|n| if anchored { n } else { 0 }).collect()
            } else {
                sellers(&p, &t, !anchored)
            };
            prop_assert_eq!(got, want, "anchored: {}", anchored);
        }
    }

    #[test]
    fn matches_are_the_best_places_with_their_true_distance(
        p in pattern(150),
        t in text(300),
        k in 0usize..40,
    ) {
        let (ps, ts): (String, String) = (p.iter().collect(), t.iter().collect());
        let indexed = Text::new(ts.clone());
        let searcher = Searcher::new(&ps, &indexed);
        let found = searcher.find(&indexed, k, 5);
        if p.is_empty() {
            prop_assert!(found.is_empty());
            return Ok(());
        }
        let scores = sellers(&p, &t, true);
        // Byte offset of the end of each character.
        let ends: Vec<usize> = ts.char_indices().map(|(i, c)| i + c.len_utf8()).collect();
        let best = scores.iter().copied().min();
        match (found.first(), best) {
            (Some(first), Some(best)) => {
                prop_assert_eq!(first.distance, best);
                // Of the flat valley of the leftmost end with the least distance, the end
                // whose shortest passage is nearest the pattern's length, the leftmost.
                let at = scores.iter().position(|&d| d == best).unwrap();
                let valley = scores[at..].iter().take_while(|&&d| d == best).count();
                let rp: Vec<char> = p.iter().rev().copied().collect();
                let shortest = |end: usize| {
                    // Distances of the passages ending at `end`, by length (1, 2, …).
                    let back: Vec<char> = t[..=end].iter().rev().copied().collect();
                    let by_length = sellers(&rp, &back, false);
                    by_length.iter().position(|&d| d == best).map_or(0, |i| i + 1)
                };
                let want = (at..at + valley)
                    .min_by_key(|&end| shortest(end).abs_diff(p.len()))
                    .unwrap();
                prop_assert_eq!(first.range.end, ends[want]);
            }
            (None, best) => prop_assert!(
                best.is_none_or(|b| b > k || b == p.len()),
                "{:?} missed",
                best
            ),
            (Some(_), None) => prop_assert!(false, "a match in an empty text"),
        }
        for (i, hit) in found.iter().enumerate() {
            prop_assert!(hit.distance <= k);
            prop_assert!(ts.is_char_boundary(hit.range.start) && ts.is_char_boundary(hit.range.end));
            let passage: Vec<char> = ts[hit.range.clone()].chars().collect();
            prop_assert_eq!(levenshtein(&p, &passage), hit.distance, "{:?}", hit);
            prop_assert_eq!(searcher.distance(&indexed, hit.range.clone()), hit.distance);
            // The distance at its end is the least of any passage ending there, and no
            // shorter passage ending there is as close.
            let end_char = ends.iter().position(|&e| e == hit.range.end).unwrap();
            prop_assert_eq!(scores[end_char], hit.distance);
            for shorter in 0..passage.len() {
                prop_assert!(levenshtein(&p, &passage[passage.len() - shorter..]) > hit.distance);
            }
            // Ranked by distance, apart from each other.
            for other in &found[..i] {
                prop_assert!(other.distance <= hit.distance);
                prop_assert!(other.range.end <= hit.range.start || hit.range.end <= other.range.start);
            }
        }
    }

    #[test]
    fn distance_is_the_edit_distance(p in pattern(150), s in text(150), cut in 0usize..150) {
        let text = Text::new(s.iter().collect());
        let searcher = Searcher::new(&p.iter().collect::<String>(), &text);
        // Of the whole text, and of a piece of it.
        prop_assert_eq!(searcher.distance(&text, 0..text.as_str().len()), levenshtein(&p, &s));
        let cut = cut.min(s.len());
        let bytes: usize = s[..cut].iter().map(|c| c.len_utf8()).sum();
        prop_assert_eq!(
            searcher.distance(&text, bytes..text.as_str().len()),
            levenshtein(&p, &s[cut..])
        );
    }
}

/// Words of a small vocabulary (so that near matches are common), as ASCII text.
fn words(max: usize) -> impl Strategy<Value = String> {
    proptest::collection::vec(
        prop::sample::select(vec![
            "the", "vote", "votes", "NATO", "talks", "a", "Kyiv", ",",
        ]),
        0..max,
    )
    .prop_map(|w| w.join(" "))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1000))]

    /// Against an independent crate: `triple_accel`'s Levenshtein search finds the same
    /// least distance within `k` (on ASCII, where its bytes are our characters).
    #[test]
    fn the_least_distance_agrees_with_triple_accel(p in words(12), t in words(80), k in 0u32..20) {
        prop_assume!(!p.is_empty());
        let indexed = Text::new(t.clone());
        let searcher = Searcher::new(&p, &indexed);
        let ours = searcher.find(&indexed, k as usize, 1).first().map(|m| m.distance as u32);
        let theirs = triple_accel::levenshtein::levenshtein_search_simd_with_opts(
            p.as_bytes(),
            t.as_bytes(),
            k,
            triple_accel::SearchType::Best,
            triple_accel::levenshtein::LEVENSHTEIN_COSTS,
            false,
        )
        .map(|m| m.k)
        .min();
        // A match of the whole pattern's length in edits is no match at all for us.
        let theirs = theirs.filter(|&d| (d as usize) < p.len());
        prop_assert_eq!(ours, theirs, "{:?} in {:?}", p, t);
    }
}
