//! Approximate search: the passages of an article closest to a quote that is not in it,
//! ranked by edit distance, each with its block, byte range and similarity.
//!
//! The search is Myers' bit-parallel edit distance (1999), blocked for any pattern
//! length, in its semi-global form (a match may start and end anywhere in the text). It
//! is written here rather than taken from a crate: `triple_accel` (the one ready-made
//! search with start, end and distance) has had no release since 2021 and is several
//! times slower on long quotes, `strsim` compares whole strings (a window per position
//! is far too slow), and Bitap crates stop at 32-character patterns. The search runs on
//! characters, not bytes, so an accented or Cyrillic letter counts as one edit, and every
//! position it reports is a character boundary. It is checked against a plain dynamic
//! programme in `tests/approx.rs` and by the `approx_search` fuzz target.
//!
//! It works on the same normalised text as the exact matcher (white space collapsed,
//! typographic quotes folded), the text of every leaf (paragraph, heading, list item,
//! table cell) joined by one space, so that a quote running over a block boundary is
//! found too and reported as crossing it.

use std::ops::Range;

use rustc_hash::FxHashMap;

use crate::markdown::Block;
use crate::text::is_word_char;

/// A suggestion needs at least this similarity (1 − edit distance / quote length): a
/// nine-letter word with two letters off is suggested, three is too many. Below it,
/// any text of article length holds a passage "close" to a short quote by chance.
pub const MIN_SIMILARITY: f64 = 0.7;

/// A pattern compiled for the bit-parallel search.
#[derive(Debug, Clone)]
pub struct Pattern {
    /// Length in characters.
    m: usize,
    /// 64-bit words per column.
    words: usize,
    /// For each character id, the bits of the pattern positions holding it, `words` at a
    /// time; id 0 (a character not in the pattern) has none.
    peq: Vec<u64>,
    /// Ids of ASCII characters.
    ascii: [u32; 128],
    /// Ids of the others.
    other: FxHashMap<char, u32>,
    /// The bit of the last pattern position in the last word.
    last: u64,
}

impl Pattern {
    /// Compiles `chars` (in the order given) as a pattern.
    pub fn new(chars: impl Iterator<Item = char>) -> Pattern {
        let chars: Vec<char> = chars.collect();
        let m = chars.len();
        let words = m.div_ceil(64).max(1);
        let mut ascii = [0u32; 128];
        let mut other = FxHashMap::default();
        let mut ids = 0u32;
        let mut id_of = |c: char| -> u32 {
            let slot = match c as usize {
                a if a < 128 => &mut ascii[a],
                _ => other.entry(c).or_insert(0),
            };
            if *slot == 0 {
                ids += 1;
                *slot = ids;
            }
            *slot
        };
        let positions: Vec<u32> = chars.iter().map(|&c| id_of(c)).collect();
        let mut peq = vec![0u64; (ids as usize + 1) * words];
        for (i, id) in positions.into_iter().enumerate() {
            peq[id as usize * words + i / 64] |= 1 << (i % 64);
        }
        Pattern {
            m,
            words,
            peq,
            ascii,
            other,
            last: 1 << (m.saturating_sub(1) % 64),
        }
    }

    /// Its length in characters.
    pub fn len(&self) -> usize {
        self.m
    }

    /// Whether it has no characters.
    pub fn is_empty(&self) -> bool {
        self.m == 0
    }

    fn id(&self, c: char) -> usize {
        match c as usize {
            a if a < 128 => self.ascii[a] as usize,
            _ => self.other.get(&c).copied().unwrap_or(0) as usize,
        }
    }

    /// Reads `text` character by character, each with a position that is passed on, and
    /// calls `each(position, d)` after every one. Semi-global (`anchored` false): `d` is
    /// the least edit distance between the pattern and any text ending with this
    /// character. Anchored: `d` is the edit distance between the pattern and the whole
    /// text read so far.
    pub fn scan(
        &self,
        text: impl Iterator<Item = (usize, char)>,
        anchored: bool,
        mut each: impl FnMut(usize, usize),
    ) {
        let w = self.words;
        // Vertical deltas of the column, as bit vectors: +1 (pv) and −1 (mv).
        let mut pv = vec![!0u64; w];
        let mut mv = vec![0u64; w];
        let mut score = self.m;
        for (n, (at, c)) in text.enumerate() {
            if self.m == 0 {
                each(at, if anchored { n + 1 } else { 0 });
                continue;
            }
            let eqs = &self.peq[self.id(c) * w..][..w];
            // The horizontal delta entering the top of the column: 0 when a match may
            // start anywhere, +1 when it must start at the first character.
            let (mut hp, mut hm) = (u64::from(anchored), 0u64);
            for b in 0..w {
                let (eq, p, n) = (eqs[b], pv[b], mv[b]);
                let xv = eq | n;
                let eqh = eq | hm;
                let xh = ((eqh & p).wrapping_add(p) ^ p) | eqh;
                let mut ph = n | !(xh | p);
                let mut mh = p & xh;
                let high = if b + 1 == w { self.last } else { 1 << 63 };
                let (out_p, out_m) = (u64::from(ph & high != 0), u64::from(mh & high != 0));
                ph = (ph << 1) | hp;
                mh = (mh << 1) | hm;
                pv[b] = mh | !(xv | ph);
                mv[b] = ph & xv;
                (hp, hm) = (out_p, out_m);
            }
            score = score + hp as usize - hm as usize;
            each(at, score);
        }
    }

    /// The edit distance between the pattern and all of `s`, in characters.
    pub fn distance(&self, s: &str) -> usize {
        let mut d = self.m;
        self.scan(s.char_indices(), true, |_, score| d = score);
        d
    }
}

/// A passage of a text close to a pattern.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Match {
    /// Its byte range (on character boundaries).
    pub range: Range<usize>,
    /// The edit distance, in characters, between it and the pattern.
    pub distance: usize,
}

/// A pattern with its reverse, to find where a match starts once its end is known.
#[derive(Debug, Clone)]
pub struct Searcher {
    forward: Pattern,
    backward: Pattern,
}

impl Searcher {
    /// Compiles `pattern`.
    pub fn new(pattern: &str) -> Searcher {
        Searcher {
            forward: Pattern::new(pattern.chars()),
            backward: Pattern::new(pattern.chars().rev()),
        }
    }

    /// The pattern, compiled for the forward search.
    pub fn pattern(&self) -> &Pattern {
        &self.forward
    }

    /// Up to `limit` passages of `text` within edit distance `k` of the pattern that do
    /// not overlap, the closest first (ties: the earliest first). A passage as far from
    /// the pattern as no text at all (distance `m`) is no match. Each is one best match
    /// of a stretch of text: the leftmost end where the distance reaches its local
    /// minimum, and the shortest passage ending there with that distance.
    pub fn find(&self, text: &str, k: usize, limit: usize) -> Vec<Match> {
        let m = self.forward.len();
        if m == 0 || limit == 0 {
            return Vec::new();
        }
        let k = k.min(m - 1);
        // The ends of the valleys of the distance along the text.
        let mut ends: Vec<(usize, usize)> = Vec::new();
        let (mut prev, mut pending) = (m, None);
        let forward = text.char_indices().map(|(i, c)| (i + c.len_utf8(), c));
        self.forward.scan(forward, false, |end, d| {
            if d < prev {
                pending = Some((d, end));
            } else if d > prev {
                ends.extend(pending.take().filter(|&(d, _)| d <= k));
            }
            prev = d;
        });
        ends.extend(pending.filter(|&(d, _)| d <= k));
        ends.sort_unstable();
        let mut out: Vec<Match> = Vec::new();
        for (distance, end) in ends {
            if out.len() == limit {
                break;
            }
            let start = self.start(text, end, distance);
            if out
                .iter()
                .all(|o| end <= o.range.start || o.range.end <= start)
            {
                out.push(Match {
                    range: start..end,
                    distance,
                });
            }
        }
        out
    }

    /// Where the shortest passage ending at `end` within distance `d` starts: the reversed
    /// pattern read anchored over the text backwards from `end` (a passage of distance `d`
    /// is at most `m + d` characters long).
    fn start(&self, text: &str, end: usize, d: usize) -> usize {
        let mut start = None;
        let back = text[..end]
            .char_indices()
            .rev()
            .take(self.forward.len() + d);
        self.backward.scan(back, true, |at, score| {
            if score <= d && start.is_none() {
                start = Some(at);
            }
        });
        start.unwrap_or(end)
    }
}

/// A place in an article: a leaf of a block and a byte offset in its normalised text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Place {
    /// Index into the article's blocks.
    pub block: usize,
    /// Index into the block's segments (leaves).
    pub segment: usize,
    /// Byte offset in the leaf's normalised text.
    pub offset: usize,
}

/// A passage of an article close to a quote.
#[derive(Debug, Clone, PartialEq)]
pub struct Candidate {
    /// Where it starts.
    pub start: Place,
    /// Where it ends (exclusive), in the leaf of its last character.
    pub end: Place,
    /// The passage, normalised; leaves it runs over are joined by one space.
    pub text: String,
    /// The edit distance, in characters, between it and the normalised quote.
    pub distance: usize,
    /// 1 − distance / the quote's length in characters, from 0 to 1.
    pub similarity: f64,
}

impl Candidate {
    /// Whether it runs over a block boundary (two paragraphs, list items or cells).
    pub fn crosses(&self) -> bool {
        (self.start.block, self.start.segment) != (self.end.block, self.end.segment)
    }

    /// Its leaf (block, segment) and byte range there, if it lies inside one.
    pub fn within_leaf(&self) -> Option<(usize, usize, Range<usize>)> {
        (!self.crosses()).then_some((
            self.start.block,
            self.start.segment,
            self.start.offset..self.end.offset,
        ))
    }

    /// The similarity in whole percent, never 100 for a passage that differs.
    pub fn percent(&self) -> u32 {
        let p = (self.similarity * 100.0).round() as u32;
        if self.distance > 0 { p.min(99) } else { p }
    }
}

/// An article's text, leaf by leaf, joined by one space, to search approximately.
#[derive(Debug, Clone)]
pub struct Haystack {
    text: String,
    /// (block, segment, start in `text`) of each non-empty leaf, in order.
    leaves: Vec<(usize, usize, usize)>,
}

impl Haystack {
    /// The text of every leaf of `blocks`.
    pub fn new(blocks: &[Block]) -> Haystack {
        let mut text = String::new();
        let mut leaves = Vec::new();
        for (b, block) in blocks.iter().enumerate() {
            for (s, seg) in block.segments.iter().enumerate() {
                if seg.text.is_empty() {
                    continue;
                }
                if !text.is_empty() {
                    text.push(' ');
                }
                leaves.push((b, s, text.len()));
                text.push_str(&seg.text);
            }
        }
        Haystack { text, leaves }
    }

    /// The joined text.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The leaf holding byte `at` of the joined text (a joining space belongs to the
    /// leaf before it), and the offset there.
    pub fn place(&self, at: usize) -> Place {
        let i = self.leaves.partition_point(|l| l.2 <= at).saturating_sub(1);
        let (block, segment, start) = self.leaves.get(i).copied().unwrap_or_default();
        Place {
            block,
            segment,
            offset: at.saturating_sub(start),
        }
    }

    /// The byte range in the joined text of the leaf `(block, segment)`, if it has text.
    pub fn leaf(&self, block: usize, segment: usize) -> Option<Range<usize>> {
        let i = self
            .leaves
            .binary_search_by(|l| (l.0, l.1).cmp(&(block, segment)))
            .ok()?;
        let end = self
            .leaves
            .get(i + 1)
            .map_or(self.text.len(), |next| next.2 - 1);
        Some(self.leaves[i].2..end)
    }

    /// Up to `limit` passages closest to `quote` (normalised, as the exact matcher's),
    /// each at least `MIN_SIMILARITY` similar, ranked by edit distance and then by place.
    /// A passage is widened to whole words at an edge where the quote starts or ends
    /// with a letter, when that brings it no further from the quote: `mobilized`, not
    /// `mobiliz`.
    pub fn closest(&self, quote: &str, limit: usize) -> Vec<Candidate> {
        let searcher = Searcher::new(quote);
        let m = searcher.pattern().len();
        if m == 0 {
            return Vec::new();
        }
        let k = ((1.0 - MIN_SIMILARITY) * m as f64 + 1e-9).floor() as usize;
        let text = self.text.as_str();
        let mut found: Vec<(usize, Range<usize>)> = Vec::new();
        for hit in searcher.find(text, k, limit.saturating_mul(2)) {
            let trimmed = trim_spaces(text, hit.range);
            let d = searcher.pattern().distance(&text[trimmed.clone()]);
            let wide = widen_to_words(text, trimmed.clone(), quote);
            let best = if wide != trimmed {
                let dw = searcher.pattern().distance(&text[wide.clone()]);
                if dw <= d { (dw, wide) } else { (d, trimmed) }
            } else {
                (d, trimmed)
            };
            if best.0 <= k && !best.1.is_empty() {
                found.push(best);
            }
        }
        found.sort_by_key(|(d, r)| (*d, r.start));
        let mut taken: Vec<Range<usize>> = Vec::new();
        let mut out = Vec::new();
        for (distance, range) in found {
            if out.len() == limit {
                break;
            }
            if taken
                .iter()
                .any(|t| range.start < t.end && t.start < range.end)
            {
                continue;
            }
            let last = self.place(range.end - 1);
            out.push(Candidate {
                start: self.place(range.start),
                end: Place {
                    offset: last.offset + 1,
                    ..last
                },
                text: text[range.clone()].to_string(),
                distance,
                similarity: (1.0 - distance as f64 / m as f64).max(0.0),
            });
            taken.push(range);
        }
        out
    }
}

/// `range` without spaces at its edges.
fn trim_spaces(text: &str, mut range: Range<usize>) -> Range<usize> {
    let b = text.as_bytes();
    while range.start < range.end && b[range.start] == b' ' {
        range.start += 1;
    }
    while range.end > range.start && b[range.end - 1] == b' ' {
        range.end -= 1;
    }
    range
}

/// `range` widened to the start and end of the words it cuts, at each edge where the
/// quote itself has a word character.
fn widen_to_words(text: &str, mut range: Range<usize>, quote: &str) -> Range<usize> {
    if quote.chars().next().is_some_and(is_word_char) {
        while let Some(c) = text[..range.start].chars().next_back() {
            if !is_word_char(c) {
                break;
            }
            range.start -= c.len_utf8();
        }
    }
    if quote.chars().next_back().is_some_and(is_word_char) {
        while let Some(c) = text[range.end..].chars().next() {
            if !is_word_char(c) {
                break;
            }
            range.end += c.len_utf8();
        }
    }
    range
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::markdown::{analyse, parse};

    fn haystack(md: &str) -> Haystack {
        Haystack::new(&analyse(&parse(md, &|_| None)))
    }

    #[test]
    fn finds_a_word_one_letter_off_as_a_whole_word() {
        let h = haystack("The army was mobilized in May.\n\nThen it was not.");
        let c = h.closest("mobilised", 3);
        assert_eq!(c.len(), 1, "{c:?}");
        assert_eq!(c[0].text, "mobilized");
        assert_eq!((c[0].distance, c[0].percent()), (1, 89));
        assert_eq!(c[0].within_leaf(), Some((0, 0, 13..22)));
    }

    #[test]
    fn a_passage_over_two_paragraphs_crosses() {
        let h = haystack("Alice met Bob.\n\nBob left early.");
        let c = h.closest("met Bob. Bob left", 1);
        assert_eq!(c[0].distance, 0);
        assert!(c[0].crosses());
        assert_eq!((c[0].start.block, c[0].end.block), (0, 1));
        assert_eq!(c[0].end.offset, 8);
        assert_eq!(c[0].within_leaf(), None);
    }

    #[test]
    fn nothing_is_suggested_below_the_threshold() {
        let h = haystack("Alice met Bob.\n\nBob left early.");
        assert_eq!(h.closest("zebra crossing", 3), Vec::new());
        assert_eq!(h.closest("", 3), Vec::new());
    }

    #[test]
    fn a_passage_may_start_inside_a_word_when_that_is_closer() {
        let h = haystack("They demobilized the troops.");
        let c = h.closest("mobilised", 1);
        assert_eq!((c[0].text.as_str(), c[0].distance), ("mobilized", 1));
    }

    #[test]
    fn candidates_are_ranked_and_do_not_overlap() {
        let h = haystack("a cat sat. a cut sat. a cat sat.");
        let c = h.closest("a cot sat", 3);
        let got: Vec<(&str, usize, usize)> = c
            .iter()
            .map(|c| (c.text.as_str(), c.distance, c.start.offset))
            .collect();
        assert_eq!(
            got,
            [
                ("a cat sat", 1, 0),
                ("a cut sat", 1, 11),
                ("a cat sat", 1, 22)
            ]
        );
    }

    #[test]
    fn letters_beyond_ascii_count_as_one_edit() {
        let h = haystack("Мы мобилизовали армию.");
        let c = h.closest("мобилизавали", 1);
        assert_eq!((c[0].text.as_str(), c[0].distance), ("мобилизовали", 1));
    }
}
