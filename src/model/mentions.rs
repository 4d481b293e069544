//! Mentions: every actor name and alias found in one pass over a text (one aho-corasick
//! automaton), whole words only, the longest match winning where two overlap.

use std::collections::BTreeMap;
use std::ops::Range;

use aho_corasick::automaton::Automaton;
use aho_corasick::{Anchored, PatternID, dfa::DFA};

use crate::text::{is_word_char, script_break};

/// Finds the names of many actors in text.
pub struct Finder {
    /// The names' automaton (none without names). Built once and run over every
    /// article: a DFA, the quickest to search, is worth its size (a few megabytes for
    /// thousands of names).
    dfa: Option<Box<DFA>>,
    /// The bytes a name starts with: a mention starts only at such a byte, after no
    /// letter, so the DFA runs anchored from those places alone.
    starts: Box<[bool; 256]>,
    /// The owner of each name, by pattern.
    owners: Vec<usize>,
}

impl Finder {
    /// A finder for `(normalised name, owner)` pairs. An empty name names nothing.
    pub fn new(names: &[(String, usize)]) -> Finder {
        let names: Vec<(&str, usize)> = names
            .iter()
            .filter(|(n, _)| !n.is_empty())
            .map(|(n, o)| (n.as_str(), *o))
            .collect();
        let mut starts = Box::new([false; 256]);
        for (name, _) in &names {
            starts[name.as_bytes()[0] as usize] = true;
        }
        let patterns: Vec<&str> = names.iter().map(|&(n, _)| n).collect();
        let dfa = DFA::builder()
            .start_kind(aho_corasick::StartKind::Anchored)
            .build(&patterns)
            .ok()
            .filter(|_| !patterns.is_empty())
            .map(Box::new);
        Finder {
            dfa,
            starts,
            owners: names.iter().map(|&(_, o)| o).collect(),
        }
    }

    /// The mentions in `text`, as (byte range, owner), in text order.
    pub fn find(&self, text: &str) -> Vec<(Range<usize>, usize)> {
        let Some(dfa) = &self.dfa else {
            return Vec::new();
        };
        // Every match, of every length, from each place a name can start that does not
        // follow a letter (a mention is a whole word): the matches an unanchored search
        // of the whole text finds, for a fraction of the work, in order of their start.
        let bytes = text.as_bytes();
        let mut found: Vec<(Range<usize>, usize)> = Vec::new();
        for (i, &b) in bytes.iter().enumerate() {
            if !self.starts[b as usize] {
                continue;
            }
            let after_word = match i.checked_sub(1).map(|j| bytes[j]) {
                None => false,
                Some(p) if p.is_ascii() && b.is_ascii() => p.is_ascii_alphanumeric() || p == b'_',
                Some(_) => joined(text, i),
            };
            if after_word {
                continue;
            }
            for (end, pattern) in names_at(dfa, &bytes[i..]) {
                if whole_word(text, i, i + end) {
                    found.push((i..i + end, self.owners[pattern.as_usize()]));
                }
            }
        }
        // Where matches overlap, the longest wins: decided within each run of matches
        // that overlap one another, so that the work grows with the text, not faster.
        let mut out = Vec::new();
        let mut first = 0;
        while first < found.len() {
            let mut end = found[first].0.end;
            let mut last = first + 1;
            while last < found.len() && found[last].0.start < end {
                end = end.max(found[last].0.end);
                last += 1;
            }
            out.extend(longest_first(&mut found[first..last]));
            first = last;
        }
        out
    }
}

/// The names that start `text`, as (length, pattern), shortest first.
fn names_at(dfa: &DFA, text: &[u8]) -> Vec<(usize, PatternID)> {
    let mut out = Vec::new();
    let Ok(mut state) = dfa.start_state(Anchored::Yes) else {
        return out;
    };
    for (j, &b) in text.iter().enumerate() {
        state = dfa.next_state(Anchored::Yes, state, b);
        if dfa.is_dead(state) {
            break;
        }
        if dfa.is_match(state) {
            // A state's matches include names that end here but start later (suffixes):
            // only those as long as the walk so far start at its start.
            out.extend(
                (0..dfa.match_len(state))
                    .map(|k| dfa.match_pattern(state, k))
                    .filter(|&p| dfa.pattern_len(p) == j + 1)
                    .map(|p| (j + 1, p)),
            );
        }
    }
    out
}

/// Of overlapping matches, the longest (then the first, then the lowest owner) that
/// overlap no match taken before them, in text order.
fn longest_first(run: &mut [(Range<usize>, usize)]) -> Vec<(Range<usize>, usize)> {
    if let [only] = run {
        return vec![only.clone()];
    }
    run.sort_by_key(|(r, o)| (std::cmp::Reverse(r.len()), r.start, *o));
    let mut taken: BTreeMap<usize, usize> = BTreeMap::new();
    let mut out = Vec::new();
    for (r, owner) in run.iter() {
        let before = taken
            .range(..=r.start)
            .next_back()
            .is_some_and(|(_, &end)| end > r.start);
        let after = taken
            .range(r.start..)
            .next()
            .is_some_and(|(&start, _)| start < r.end);
        if !before && !after {
            taken.insert(r.start, r.end);
            out.push((r.clone(), *owner));
        }
    }
    out.sort_by_key(|(r, _)| r.start);
    out
}

/// Whether `start..end` of `text` is a whole word (or words): no letter or digit right
/// before or after it, but where the scripts themselves part words (`script_break`).
fn whole_word(text: &str, start: usize, end: usize) -> bool {
    let name = &text[start..end];
    let before = text[..start].chars().next_back();
    let after = text[end..].chars().next();
    let part = |outside: Option<char>, edge: Option<char>| match (outside, edge) {
        (Some(o), Some(e)) => !is_word_char(o) || script_break(o, e),
        _ => true,
    };
    part(before, name.chars().next()) && part(after, name.chars().next_back())
}

/// Whether the name that starts at byte `i` of `text` would follow a letter of its own
/// word.
fn joined(text: &str, i: usize) -> bool {
    match (text[..i].chars().next_back(), text[i..].chars().next()) {
        (Some(a), Some(b)) => is_word_char(a) && !script_break(a, b),
        _ => false,
    }
}

/// The sentence of `text` around `range`, for showing a mention in context.
pub fn sentence_around(text: &str, range: Range<usize>) -> String {
    let (r, before, after) = sentence_range(text, range);
    format!(
        "{}{}{}",
        if before { "… " } else { "" },
        &text[r],
        if after { " …" } else { "" }
    )
}

/// Whether a quotation opened in `text` is still open at its end: more `“` than `”`, or
/// an odd number of straight `"`.
fn quotation_open(text: &str) -> bool {
    let count = |c: &str| memchr::memmem::find_iter(text.as_bytes(), c.as_bytes()).count();
    count("“") > count("”") || count("\"") % 2 == 1
}

/// Where the sentence of `text` around `range` is (a window of it when it is long), and
/// whether text was left out before and after it.
pub fn sentence_range(text: &str, range: Range<usize>) -> (Range<usize>, bool, bool) {
    const MAX: usize = 320;
    let ends_sentence = |i: usize| -> bool {
        // `i` is just after a `.`, `!` or `?` (and closing quotes), followed by a space and
        // an upper-case letter; the word before is not a single letter ("U.S.") nor a
        // title ("Dr. Jones"), unless it is a number ("was 2.5. Then"); and no quotation
        // is open ("said “No. Never.” and left").
        let rest = &text[i..];
        let mut chars = rest.chars();
        if chars.next() != Some(' ')
            || !chars
                .next()
                .is_some_and(|c| c.is_uppercase() || c == '"' || c == '\'')
        {
            return false;
        }
        let head = text[..i].trim_end_matches(['"', '\'', ')']);
        if !head.ends_with(['.', '!', '?']) {
            return false;
        }
        let before = &head[..head.len() - 1];
        let word = before.rsplit([' ', '.']).next().unwrap_or("");
        let token = before.rsplit(' ').next().unwrap_or("");
        let number = token.bytes().any(|b| b.is_ascii_digit())
            && token
                .bytes()
                .all(|b| b.is_ascii_digit() || b == b'.' || b == b',');
        (number || (word.chars().count() > 1 && !crate::text::SHORT_TITLES.contains(&word)))
            && !quotation_open(&text[..i])
    };
    // A sentence ends only at a space after a stop or a closing mark: only those
    // spaces are looked at closely.
    let bytes = text.as_bytes();
    let after_stop =
        |i: usize| i > 0 && matches!(bytes[i - 1], b'.' | b'!' | b'?' | b'"' | b'\'' | b')');
    let start = memchr::memrchr_iter(b' ', &bytes[..range.start])
        .find(|&i| after_stop(i) && ends_sentence(i))
        .map_or(0, |i| i + 1);
    let end = memchr::memchr_iter(b' ', &bytes[range.end..])
        .map(|i| range.end + i)
        .find(|&i| after_stop(i) && ends_sentence(i))
        .unwrap_or(text.len());
    if end - start <= MAX {
        return (start..end, false, false);
    }
    // Too long: a window around the mention, cut at spaces. The window's edges are moved
    // to char boundaries before the text is cut there.
    let left = (start..=range.start.saturating_sub(MAX / 2).max(start))
        .rev()
        .find(|&i| text.is_char_boundary(i))
        .unwrap_or(start);
    let from = text[..left].rfind(' ').map_or(start, |i| i + 1).max(start);
    let right = ((range.end + MAX / 2).min(end)..=end)
        .find(|&i| text.is_char_boundary(i))
        .unwrap_or(end);
    let to = text[right..end].find(' ').map_or(end, |i| right + i);
    (from..to, from > start, to < end)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn finder() -> Finder {
        Finder::new(&[
            ("Donald Trump".into(), 0),
            ("Trump".into(), 0),
            ("NATO".into(), 1),
            ("United States".into(), 2),
            ("States".into(), 3),
        ])
    }

    #[test]
    fn longest_whole_word_match_wins() {
        let got = finder().find("U.S. President Donald Trump's NATO, NATOs and the United States.");
        let names: Vec<_> = got.iter().map(|(r, o)| (r.start, *o)).collect();
        assert_eq!(names, [(15, 0), (30, 1), (50, 2)]);
        assert_eq!(got[0].0.len(), "Donald Trump".len());
    }

    /// Chinese and Japanese are written without spaces: a name there was a mention only
    /// beside punctuation (probe).
    #[test]
    fn a_name_in_text_without_spaces_is_a_mention() {
        let f = Finder::new(&[
            ("北京".into(), 0),
            ("トランプ".into(), 1),
            ("ไทย".into(), 2),
            ("Ana".into(), 3),
        ]);
        let found = |text: &str| -> Vec<(String, usize)> {
            let got = f.find(text);
            got.into_iter()
                .map(|(r, o)| (text[r].to_string(), o))
                .collect()
        };
        assert_eq!(found("北京说，东京都不同意。"), [("北京".to_string(), 0)]);
        assert_eq!(
            found("トランプ大統領は北京で"),
            [("トランプ".to_string(), 1), ("北京".to_string(), 0)]
        );
        // A run of Katakana is one word: the name is not in a longer one.
        assert_eq!(found("トランプタワー"), []);
        assert_eq!(found("ประเทศไทยวันนี้"), [("ไทย".to_string(), 2)]);
        // Spaced scripts keep their whole words.
        assert_eq!(found("Banana, Anas, Ana说"), [("Ana".to_string(), 3)]);
    }

    #[test]
    fn no_names_no_mentions() {
        assert!(Finder::new(&[]).find("anything").is_empty());
    }

    #[test]
    fn finds_the_sentence_of_a_mention() {
        let text = "First one. The U.S. President Trump spoke. Last one.";
        let at = text.find("Trump").unwrap();
        assert_eq!(
            sentence_around(text, at..at + 5),
            "The U.S. President Trump spoke."
        );
        // Probe: the excerpt was cut inside a quotation, after a title, and not after a
        // number, so that it misquoted.
        let around = |text: &str, name: &str| {
            let at = text.find(name).unwrap();
            sentence_around(text, at..at + name.len())
        };
        let text = "The U.S. envoy met Mr. Smith at 2.5 p.m. on Monday. Then Ana Lopes said “No. Never.” and left. After that, nothing.";
        assert_eq!(
            around(text, "Ana Lopes"),
            "Then Ana Lopes said “No. Never.” and left."
        );
        assert_eq!(
            around(text, "Smith"),
            "The U.S. envoy met Mr. Smith at 2.5 p.m. on Monday."
        );
        assert_eq!(
            around("Dr. Zed arrived. She spoke.", "Zed"),
            "Dr. Zed arrived."
        );
        assert_eq!(around("The score was 2.5. Zed won.", "Zed"), "Zed won.");
        assert_eq!(
            around("He said \"Stop. Now.\" Zed left.", "Zed"),
            "Zed left."
        );
    }
}
