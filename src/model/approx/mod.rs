//! Approximate search: the passages of an article closest to a quote that is not in it,
//! ranked by edit distance, each with its block, byte range and similarity. The search
//! itself (Myers' bit-parallel algorithm, on characters) is in `myers`.
//!
//! It works on the same normalised text as the exact matcher (white space collapsed,
//! typographic quotes folded): the text of every leaf (paragraph, heading, list item,
//! table cell) joined by one space, so that a quote running over a block boundary is
//! found too and reported as crossing it. The similarity of a passage is 1 − its edit
//! distance to the quote / the quote's length, in characters; ties go to the passage
//! that comes first.

mod myers;

use std::ops::Range;

pub use myers::{Alphabet, Match, Pattern, Searcher, Text};

use crate::markdown::Block;
use crate::text::is_word_char;

/// A suggestion needs at least this similarity (1 − edit distance / quote length): a
/// nine-letter word with two letters off is suggested, three is too many. Below it,
/// any text of article length holds a passage "close" to a short quote by chance.
pub const MIN_SIMILARITY: f64 = 0.7;

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
    /// Whether it cuts no word where the quote has none cut: it starts and ends on word
    /// boundaries at the edges where the quote starts or ends with a letter.
    pub whole_words: bool,
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
    text: Text,
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
        Haystack {
            text: Text::new(text),
            leaves,
        }
    }

    /// The joined text.
    pub fn text(&self) -> &str {
        self.text.as_str()
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
            .map_or(self.text().len(), |next| next.2 - 1);
        Some(self.leaves[i].2..end)
    }

    /// Up to `limit` passages closest to `quote` (normalised, as the exact matcher's),
    /// each at least `MIN_SIMILARITY` similar, ranked by edit distance and then by place.
    /// A passage is widened to whole words at an edge where the quote starts or ends
    /// with a letter, when that keeps it similar enough: `options`, not `option`, for
    /// "all option"; a passage that must cut a word to be similar enough is kept, and
    /// says so (`whole_words`): `mobilized` in "demobilized".
    pub fn closest(&self, quote: &str, limit: usize) -> Vec<Candidate> {
        let searcher = Searcher::new(quote, &self.text);
        let m = searcher.len();
        if m == 0 {
            return Vec::new();
        }
        let k = ((1.0 - MIN_SIMILARITY) * m as f64 + 1e-9).floor() as usize;
        let text = self.text.as_str();
        let mut found: Vec<(usize, Range<usize>)> = Vec::new();
        for hit in searcher.find(&self.text, k, limit.saturating_mul(2)) {
            let trimmed = trim_spaces(text, hit.range);
            let d = searcher.distance(&self.text, trimmed.clone());
            let wide = widen_to_words(text, trimmed.clone(), quote);
            let best = if wide != trimmed {
                let dw = searcher.distance(&self.text, wide.clone());
                if dw <= k { (dw, wide) } else { (d, trimmed) }
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
                whole_words: widen_to_words(text, range.clone(), quote) == range,
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
