//! Myers' bit-parallel edit distance (1999), blocked for patterns of any length, in its
//! semi-global form (a match may start and end anywhere in the text) and its anchored
//! form (the text read so far is the whole match).
//!
//! Written here rather than taken from a crate: `triple_accel`, the one ready-made search
//! that returns start, end and distance, has had no release since 2021 and is several
//! times slower on long quotes; `strsim` compares whole strings (a window at every
//! position is far too slow); Bitap crates stop at 32-character patterns; `bio` brings
//! 90 crates. It is checked against Sellers' dynamic programme in `tests/approx.rs`
//! (proptest) and by the `approx_search` fuzz target.
//!
//! It runs on characters, not bytes, so an accented or Cyrillic letter is one edit and
//! every position is a character boundary. A text is read once into character ids
//! (`Text`), so that each of many patterns searched in it costs one pass of a few
//! word operations per character, with no decoding.

use std::ops::Range;

use rustc_hash::FxHashMap;

/// The characters of a text, numbered from 1; 0 stands for any other character.
#[derive(Debug, Clone)]
pub struct Alphabet {
    ascii: [u16; 128],
    other: FxHashMap<char, u16>,
    size: u16,
}

impl Alphabet {
    /// Numbers each distinct character of `text` (after the first 65,535, the rest are
    /// "other": they match nothing).
    pub fn new(text: &str) -> Alphabet {
        let mut a = Alphabet {
            ascii: [0; 128],
            other: FxHashMap::default(),
            size: 0,
        };
        for c in text.chars() {
            if a.id(c) == 0 && a.size < u16::MAX {
                a.size += 1;
                match c as usize {
                    i if i < 128 => a.ascii[i] = a.size,
                    _ => {
                        a.other.insert(c, a.size);
                    }
                }
            }
        }
        a
    }

    /// The id of `c`, 0 if the text does not have it.
    pub fn id(&self, c: char) -> u16 {
        match c as usize {
            i if i < 128 => self.ascii[i],
            _ => self.other.get(&c).copied().unwrap_or(0),
        }
    }
}

/// A text read into character ids, to search many patterns in.
#[derive(Debug, Clone)]
pub struct Text {
    string: String,
    alphabet: Alphabet,
    ids: Vec<u16>,
    /// The byte where each character ends.
    ends: Vec<u32>,
}

impl Text {
    /// Reads `string`.
    pub fn new(string: String) -> Text {
        let alphabet = Alphabet::new(&string);
        let ids = string.chars().map(|c| alphabet.id(c)).collect();
        let ends = string
            .char_indices()
            .map(|(i, c)| (i + c.len_utf8()) as u32)
            .collect();
        Text {
            string,
            alphabet,
            ids,
            ends,
        }
    }

    /// The text.
    pub fn as_str(&self) -> &str {
        &self.string
    }

    /// Its characters.
    pub fn alphabet(&self) -> &Alphabet {
        &self.alphabet
    }

    /// The index of the character at byte `at` (a character boundary).
    fn char_at(&self, at: usize) -> usize {
        self.ends.partition_point(|&e| e as usize <= at)
    }

    /// The byte where character `i` starts.
    fn byte_of(&self, i: usize) -> usize {
        if i == 0 { 0 } else { self.ends[i - 1] as usize }
    }
}

/// A pattern compiled for the bit-parallel search in texts of one alphabet.
#[derive(Debug, Clone)]
pub struct Pattern {
    /// Length in characters.
    m: usize,
    /// 64-bit words per column.
    words: usize,
    /// For each character id, the bits of the pattern positions holding it, `words` at a
    /// time; id 0 has none.
    peq: Vec<u64>,
    /// The bit of the last pattern position in the last word.
    last: u64,
}

impl Pattern {
    /// Compiles `chars` (in the order given) for texts of `alphabet`.
    pub fn new(chars: impl Iterator<Item = char>, alphabet: &Alphabet) -> Pattern {
        let ids: Vec<u16> = chars.map(|c| alphabet.id(c)).collect();
        let m = ids.len();
        let words = m.div_ceil(64).max(1);
        let mut peq = vec![0u64; (usize::from(alphabet.size) + 1) * words];
        for (i, &id) in ids.iter().enumerate() {
            if id != 0 {
                peq[usize::from(id) * words + i / 64] |= 1 << (i % 64);
            }
        }
        Pattern {
            m,
            words,
            peq,
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

    /// Reads a text as character ids and calls `each(d)` after every character.
    /// Semi-global (`anchored` false): `d` is the least edit distance between the
    /// pattern and any text ending with this character. Anchored: `d` is the edit
    /// distance between the pattern and the whole text read so far.
    pub fn scan(
        &self,
        text: impl Iterator<Item = u16>,
        anchored: bool,
        mut each: impl FnMut(usize),
    ) {
        // The horizontal delta entering the top of each column: 0 when a match may start
        // anywhere, +1 when it must start at the first character.
        let top = u64::from(anchored);
        if self.m == 0 {
            for (n, _) in text.enumerate() {
                each(if anchored { n + 1 } else { 0 });
            }
            return;
        }
        match self.words {
            1 => self.scan_fixed::<1>(text, top, each),
            2 => self.scan_fixed::<2>(text, top, each),
            3 => self.scan_fixed::<3>(text, top, each),
            4 => self.scan_fixed::<4>(text, top, each),
            _ => self.scan_any(text, top, each),
        }
    }

    /// `scan` for patterns of `W` words (up to 256 characters, most quotes): the column
    /// kept in registers.
    fn scan_fixed<const W: usize>(
        &self,
        text: impl Iterator<Item = u16>,
        top: u64,
        mut each: impl FnMut(usize),
    ) {
        // Vertical deltas of the column, as bit vectors: +1 (pv) and −1 (mv).
        let (mut pv, mut mv) = ([!0u64; W], [0u64; W]);
        let mut score = self.m;
        for id in text {
            let eqs = &self.peq[usize::from(id) * W..][..W];
            let (mut hp, mut hm) = (top, 0u64);
            for b in 0..W {
                let high = if b + 1 == W { self.last } else { 1 << 63 };
                (pv[b], mv[b], hp, hm) = step(eqs[b], pv[b], mv[b], hp, hm, high);
            }
            score = score + hp as usize - hm as usize;
            each(score);
        }
    }

    /// `scan` for patterns of any length.
    fn scan_any(&self, text: impl Iterator<Item = u16>, top: u64, mut each: impl FnMut(usize)) {
        let w = self.words;
        let (mut pv, mut mv) = (vec![!0u64; w], vec![0u64; w]);
        let mut score = self.m;
        for id in text {
            let eqs = &self.peq[usize::from(id) * w..][..w];
            let (mut hp, mut hm) = (top, 0u64);
            for (b, (&eq, (p, n))) in eqs.iter().zip(pv.iter_mut().zip(&mut mv)).enumerate() {
                let high = if b + 1 == w { self.last } else { 1 << 63 };
                (*p, *n, hp, hm) = step(eq, *p, *n, hp, hm, high);
            }
            score = score + hp as usize - hm as usize;
            each(score);
        }
    }
}

/// One 64-row block of one column of Myers' algorithm: from the pattern bits `eq` of
/// the text character, the block's vertical deltas (`pv`, `mv`) and the horizontal delta
/// entering its top (`hp`, `hm`), the new vertical deltas and the horizontal delta
/// leaving at the row `high` (for the block below, or the score).
#[inline(always)]
fn step(eq: u64, pv: u64, mv: u64, hp: u64, hm: u64, high: u64) -> (u64, u64, u64, u64) {
    let xv = eq | mv;
    let eqh = eq | hm;
    let xh = ((eqh & pv).wrapping_add(pv) ^ pv) | eqh;
    let ph = mv | !(xh | pv);
    let mh = pv & xh;
    let (out_p, out_m) = (u64::from(ph & high != 0), u64::from(mh & high != 0));
    let ph = (ph << 1) | hp;
    let mh = (mh << 1) | hm;
    (mh | !(xv | ph), ph & xv, out_p, out_m)
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
    /// Compiles `pattern` for `text`.
    pub fn new(pattern: &str, text: &Text) -> Searcher {
        Searcher {
            forward: Pattern::new(pattern.chars(), text.alphabet()),
            backward: Pattern::new(pattern.chars().rev(), text.alphabet()),
        }
    }

    /// The pattern's length in characters.
    pub fn len(&self) -> usize {
        self.forward.len()
    }

    /// Whether the pattern is empty.
    pub fn is_empty(&self) -> bool {
        self.forward.is_empty()
    }

    /// Up to `limit` passages of `text` within edit distance `k` of the pattern that do
    /// not overlap, the closest first (ties: the earliest first). Each is one best match
    /// of a stretch of text: of the ends where the distance reaches its local minimum
    /// (a valley may be flat), the one whose passage is nearest the pattern's length,
    /// the leftmost of those; the passage is the shortest ending there with that
    /// distance. So "voted 7–3!" finds "voted 7–2.", not "voted 7–", which is as near.
    /// A passage as far from the pattern as no text at all (distance `m`) is no match.
    pub fn find(&self, text: &Text, k: usize, limit: usize) -> Vec<Match> {
        let m = self.forward.len();
        if m == 0 || limit == 0 {
            return Vec::new();
        }
        let k = k.min(m - 1);
        // The valleys of the distance: the distance, and the first and last character
        // (inclusive) of the ends at its bottom.
        let mut valleys: Vec<(usize, usize, usize)> = Vec::new();
        let (mut prev, mut pending, mut i) = (m, None, 0);
        self.forward.scan(text.ids.iter().copied(), false, |d| {
            if d < prev {
                pending = Some((d, i, i));
            } else if d > prev {
                valleys.extend(pending.take().filter(|&(d, _, _)| d <= k));
            } else if let Some((_, _, last)) = pending.as_mut() {
                *last = i;
            }
            prev = d;
            i += 1;
        });
        valleys.extend(pending.filter(|&(d, _, _)| d <= k));
        valleys.sort_unstable();
        let mut out: Vec<Match> = Vec::new();
        for (distance, first, last) in valleys {
            if out.len() == limit {
                break;
            }
            let (start, last) = (first..=last)
                .map(|end| (self.start(text, end, distance), end))
                .min_by_key(|&(start, end)| (end + 1 - start).abs_diff(m))
                .unwrap_or((first, first));
            let range = text.byte_of(start)..text.ends[last] as usize;
            if out
                .iter()
                .all(|o| range.end <= o.range.start || o.range.end <= range.start)
            {
                out.push(Match { range, distance });
            }
        }
        out
    }

    /// The first character of the shortest passage ending with character `last` within
    /// distance `d`: the reversed pattern read anchored over the text backwards (a
    /// passage of distance `d` is at most `m + d` characters long).
    fn start(&self, text: &Text, last: usize, d: usize) -> usize {
        let from = (last + 1).saturating_sub(self.forward.len() + d);
        let (mut start, mut at) = (None, last + 1);
        self.backward
            .scan(text.ids[from..=last].iter().rev().copied(), true, |score| {
                at -= 1;
                if score <= d && start.is_none() {
                    start = Some(at);
                }
            });
        start.unwrap_or(last + 1)
    }

    /// The edit distance, in characters, between the pattern and `text[range]` (a range
    /// on character boundaries).
    pub fn distance(&self, text: &Text, range: Range<usize>) -> usize {
        let (a, b) = (text.char_at(range.start), text.char_at(range.end));
        let mut d = self.forward.len();
        self.forward
            .scan(text.ids[a..b].iter().copied(), true, |score| d = score);
        d
    }
}
