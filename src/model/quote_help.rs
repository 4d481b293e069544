//! What a writer is told when a quote cannot be placed, so that the fix can be copied:
//! the closest passage, its block and how similar it is when the quote is not in the
//! article (or runs over a block boundary); each place, with a few words around it, when
//! it is there more than once; and which of `prefix` and `suffix` is wrong, and what
//! really comes before or after the quote, when the quote is there but not with them.
//!
//! This runs only for quotes that failed, after the exact matcher, never on the hot path.

use std::cell::OnceCell;
use std::ops::Range;

use super::approx::{Candidate, Haystack, MIN_SIMILARITY};
use super::articles::{QuoteRequest, Target};
use super::quote::{self, Miss, Needle};
use crate::diagnostic::Diagnostic;
use crate::markdown::Block;
use crate::text::is_word_char;

/// How many places of a quote are listed (or named) at most.
const LISTED: usize = 5;
/// Words of context shown on each side of a place.
const WORDS: usize = 3;
/// Characters of context shown on each side at most.
const CONTEXT_CHARS: usize = 40;
/// The contract's rule, said where a passage runs over a block boundary.
const ONE_BLOCK: &str = "a quote must lie inside one paragraph, heading, list item or table cell";

/// Explains the quotes into one article that could not be placed.
pub struct QuoteHelp<'a> {
    blocks: &'a [Block],
    /// The article's text for the approximate search, made when first needed.
    haystack: OnceCell<Haystack>,
}

/// One place of a quote in a leaf.
#[derive(Debug, Clone, Copy)]
struct Place {
    block: usize,
    segment: usize,
    start: usize,
    end: usize,
}

/// `prefix` or `suffix`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Side {
    Prefix,
    Suffix,
}

impl<'a> QuoteHelp<'a> {
    /// Help for quotes into the article of `blocks`.
    pub fn new(blocks: &'a [Block]) -> Self {
        QuoteHelp {
            blocks,
            haystack: OnceCell::new(),
        }
    }

    fn haystack(&self) -> &Haystack {
        self.haystack.get_or_init(|| Haystack::new(self.blocks))
    }

    fn text(&self, p: &Place) -> &str {
        &self.blocks[p.block].segments[p.segment].text
    }

    /// The errors for `req`, which the exact matcher could not place for `miss`.
    pub fn diagnose(&self, req: &QuoteRequest, miss: Miss) -> Vec<Diagnostic> {
        let needle = quote::needle(&req.quote, req.prefix.as_deref(), req.suffix.as_deref());
        match (miss, needle) {
            (Miss::Empty, _) | (_, Err(_)) => {
                vec![Diagnostic::error(
                    &req.path,
                    Some(req.line),
                    "quote is empty",
                )]
            }
            (Miss::NotFound { other_case }, Ok(needle)) => self.not_found(req, &needle, other_case),
            (Miss::Ambiguous(n), Ok(needle)) => vec![self.ambiguous(req, &needle, n)],
        }
    }

    fn not_found(&self, req: &QuoteRequest, needle: &Needle, other_case: bool) -> Vec<Diagnostic> {
        if !needle.before().is_empty() || !needle.after().is_empty() {
            let len = needle.quote().len();
            let alone: Vec<Place> = quote::occurrences(self.blocks, needle.quote())
                .into_iter()
                .map(|(block, segment, start)| Place {
                    block,
                    segment,
                    start,
                    end: start + len,
                })
                .collect();
            if !alone.is_empty() {
                return self.context_misses(req, needle, &alone);
            }
        }
        let head = format!("quote not found in article \"{}\"", req.article);
        if other_case {
            return vec![Diagnostic::error(
                &req.path,
                Some(req.line),
                format!(
                    "{head} (it is there in other capitals: matching is case-sensitive): \"{}\"",
                    shown(&req.quote)
                ),
            )];
        }
        let hint = match self.haystack().closest(needle.quote(), 1).first() {
            None => format!(
                "no passage of the article is {}% similar or more",
                (MIN_SIMILARITY * 100.0).round()
            ),
            Some(c) if c.crosses() && c.distance == 0 => format!(
                "it crosses a block boundary, {}: {ONE_BLOCK}",
                self.crossing(c)
            ),
            Some(c) if c.crosses() => format!(
                "closest: \"{}\" {}, {}% similar, but it crosses a block boundary: {ONE_BLOCK}",
                c.text,
                self.crossing(c),
                c.percent()
            ),
            Some(c) => format!(
                "closest: \"{}\" in {}, {}% similar",
                c.text,
                self.name(c.start.block),
                c.percent()
            ),
        };
        vec![
            Diagnostic::error(
                &req.path,
                Some(req.line),
                format!("{head}: \"{}\"", shown(&req.quote)),
            )
            .with_hint(Some(hint)),
        ]
    }

    /// `from p1 into p2`, or `from one list item or table cell of p3 into another`.
    fn crossing(&self, c: &Candidate) -> String {
        if c.start.block == c.end.block {
            format!(
                "from one list item or table cell of {} into another",
                self.name(c.start.block)
            )
        } else {
            format!(
                "from {} into {}",
                self.name(c.start.block),
                self.name(c.end.block)
            )
        }
    }

    /// `pN`, the id a reader sees.
    fn name(&self, block: usize) -> String {
        match self.blocks.get(block).and_then(|b| b.range.number) {
            Some(n) => format!("p{n}"),
            None => "a block without an id".to_string(),
        }
    }

    /// `p1, p2` for the blocks of `places`, each once.
    fn names(&self, places: &[Place]) -> String {
        let mut names: Vec<String> = Vec::new();
        for p in places {
            let name = self.name(p.block);
            if names.last() != Some(&name) {
                names.push(name);
            }
        }
        if names.len() > LISTED {
            names.truncate(LISTED);
            names.push("…".to_string());
        }
        names.join(", ")
    }

    fn ambiguous(&self, req: &QuoteRequest, needle: &Needle, n: usize) -> Diagnostic {
        let places = quote::occurrences(self.blocks, &needle.text);
        let mut listed: Vec<String> = places
            .iter()
            .take(LISTED)
            .map(|&(block, segment, at)| {
                let p = Place {
                    block,
                    segment,
                    start: at + needle.quote.start,
                    end: at + needle.quote.end,
                };
                format!(
                    "{}: \"{}\"",
                    self.name(block),
                    around(self.text(&p), p.start..p.end)
                )
            })
            .collect();
        if places.len() > LISTED {
            listed.push(format!("{} more", places.len() - LISTED));
        }
        let with_context = req.prefix.is_some() || req.suffix.is_some();
        let advice = match (&req.target, with_context) {
            (Target::Annotation(_), false) => {
                "add a prefix or suffix (the text just before or after it) to pick one"
            }
            (Target::Annotation(_), true) => "make the prefix or suffix longer to pick one",
            _ => "quote more of the sentence so that it occurs once",
        };
        Diagnostic::error(
            &req.path,
            Some(req.line),
            format!(
                "quote found {n} times in article \"{}\": \"{}\"",
                req.article,
                shown(&req.quote)
            ),
        )
        .with_hint(Some(format!("{}; {advice}", listed.join("; "))))
    }

    /// The quote is in the article, but not with its prefix or suffix: one error at each
    /// key that fits none of its places, or at the quote when each fits some place but
    /// never the same one.
    fn context_misses(
        &self,
        req: &QuoteRequest,
        needle: &Needle,
        places: &[Place],
    ) -> Vec<Diagnostic> {
        let fits = |p: &Place, side: Side| match side {
            Side::Prefix => self.text(p)[..p.start].ends_with(needle.before()),
            Side::Suffix => self.text(p)[p.end..].starts_with(needle.after()),
        };
        let mut out = Vec::new();
        for (side, value, line) in [
            (Side::Prefix, &req.prefix, req.context_lines.0),
            (Side::Suffix, &req.suffix, req.context_lines.1),
        ] {
            let Some(value) = value else { continue };
            if places.iter().any(|p| fits(p, side)) {
                continue;
            }
            let (key, verb, none) = match side {
                Side::Prefix => ("prefix", "preceded", "none is"),
                Side::Suffix => ("suffix", "followed", "none is"),
            };
            let message = format!(
                "quote \"{}\" occurs {} in article \"{}\" ({}), but {} {verb} by {key} \"{}\"",
                shown(&req.quote),
                times(places.len()),
                req.article,
                self.names(places),
                if places.len() == 1 { "it is not" } else { none },
                shown(value),
            );
            out.push(
                Diagnostic::error(&req.path, Some(line.unwrap_or(req.line)), message)
                    .with_hint(Some(self.side_hint(needle, places, side))),
            );
        }
        if out.is_empty() {
            out.push(Diagnostic::error(
                &req.path,
                Some(req.line),
                format!(
                    "quote \"{}\" occurs {} in article \"{}\" ({}), and the prefix and the suffix each fit one of them, but never the same one",
                    shown(&req.quote),
                    times(places.len()),
                    req.article,
                    self.names(places),
                ),
            ));
        }
        out
    }

    /// What really comes before (after) the quote: a missing space, a prefix (suffix)
    /// that runs over the block boundary, or the text at the place that fits best.
    fn side_hint(&self, needle: &Needle, places: &[Place], side: Side) -> String {
        let want = match side {
            Side::Prefix => needle.before(),
            Side::Suffix => needle.after(),
        };
        let (key, verb) = match side {
            Side::Prefix => ("prefix", "preceded"),
            Side::Suffix => ("suffix", "followed"),
        };
        let places = &places[..places.len().min(1000)];
        // What the leaf has before (after) the place.
        let beside = |p: &Place| match side {
            Side::Prefix => &self.text(p)[..p.start],
            Side::Suffix => &self.text(p)[p.end..],
        };
        // A space missing between the prefix (suffix) and the quote.
        let spaced = match side {
            Side::Prefix => format!("{want} "),
            Side::Suffix => format!(" {want}"),
        };
        let has_space = match side {
            Side::Prefix => want.ends_with(' '),
            Side::Suffix => want.starts_with(' '),
        };
        let touches = |s: &str, w: &str| match side {
            Side::Prefix => s.ends_with(w),
            Side::Suffix => s.starts_with(w),
        };
        if !has_space {
            if let Some(p) = places.iter().find(|p| touches(beside(p), &spaced)) {
                let edge = if side == Side::Prefix { "end" } else { "start" };
                return format!(
                    "{edge} it with a space: in {} the quote is {verb} by \"{}\"",
                    self.name(p.block),
                    shown(&spaced)
                );
            }
        }
        // A prefix (suffix) that reaches over the start (end) of the quote's block.
        let hay = self.haystack();
        for p in places {
            let Some(leaf) = hay.leaf(p.block, p.segment) else {
                continue;
            };
            let joined = match side {
                Side::Prefix => &hay.text()[..leaf.start + p.start],
                Side::Suffix => &hay.text()[leaf.start + p.end..],
            };
            let over = [want, spaced.as_str()]
                .into_iter()
                .find(|w| touches(joined, w) && w.len() > beside(p).len());
            let Some(over) = over else { continue };
            let other = match side {
                Side::Prefix => hay.place(joined.len() - over.len()),
                Side::Suffix => hay.place(leaf.start + p.end + over.len() - 1),
            };
            let other = if other.block == p.block {
                format!("another list item or table cell of {}", self.name(p.block))
            } else {
                self.name(other.block)
            };
            let own = beside(p).trim_matches(' ');
            let fix = if own.is_empty() {
                let other_key = if side == Side::Prefix {
                    "suffix"
                } else {
                    "prefix"
                };
                format!(
                    "the quote {} its block, so use a {other_key} instead",
                    if side == Side::Prefix {
                        "starts"
                    } else {
                        "ends"
                    }
                )
            } else {
                format!("shorten it to \"{}\"", shown(own))
            };
            return format!(
                "the {key} runs into {other}, but it must be in the quote's block, {}: {fix}",
                self.name(p.block)
            );
        }
        // The place whose neighbouring text is closest to the prefix (suffix).
        let want_chars = want.chars().count();
        let nearest = places
            .iter()
            .map(|p| {
                let s = match side {
                    Side::Prefix => tail(beside(p), want_chars),
                    Side::Suffix => head(beside(p), want_chars),
                };
                (strsim::levenshtein(want, s), p, s)
            })
            .min_by_key(|(d, _, _)| *d);
        let Some((_, p, s)) = nearest else {
            return String::new();
        };
        let at = if places.len() == 1 {
            format!("in {} the quote is", self.name(p.block))
        } else {
            format!("the closest place, in {}, is", self.name(p.block))
        };
        if s.trim().is_empty() {
            let edge = if side == Side::Prefix {
                "starts"
            } else {
                "ends"
            };
            format!("{at} where its block {edge}: nothing can be {verb} it there")
        } else {
            format!("{at} {verb} by \"{}\"", shown(s))
        }
    }
}

/// `once` or `N times`.
fn times(n: usize) -> String {
    if n == 1 {
        "once".to_string()
    } else {
        format!("{n} times")
    }
}

/// Text as shown in a one-line message: line breaks and tabs escaped.
fn shown(s: &str) -> String {
    s.replace('\r', "\\r")
        .replace('\n', "\\n")
        .replace('\t', "\\t")
}

/// The quote at `q` in `text` with a few words on each side, the quote in brackets:
/// `…Smith met [Bob Jones] left…`.
fn around(text: &str, q: Range<usize>) -> String {
    let (before, after) = (&text[..q.start], &text[q.end..]);
    let mut from = before.trim_end_matches(' ').len();
    let mut words = 0;
    for (i, _) in before[..from].rmatch_indices(' ') {
        words += 1;
        from = i + 1;
        if words == WORDS {
            break;
        }
    }
    if words < WORDS {
        from = 0;
    }
    from = from.max(cut_back(before, CONTEXT_CHARS));
    let lead = after.len() - after.trim_start_matches(' ').len();
    let mut to = after.len();
    for (words, (i, _)) in after[lead..].match_indices(' ').enumerate() {
        if words + 1 == WORDS {
            to = lead + i;
            break;
        }
    }
    let cap = after
        .char_indices()
        .nth(CONTEXT_CHARS)
        .map_or(after.len(), |(i, _)| i);
    let to = to.min(cap);
    format!(
        "{}{}[{}]{}{}",
        if from > 0 { "…" } else { "" },
        &before[from..],
        &text[q],
        &after[..to],
        if to < after.len() { "…" } else { "" }
    )
}

/// The byte where the last `n` characters of `s` start.
fn cut_back(s: &str, n: usize) -> usize {
    s.char_indices()
        .rev()
        .nth(n.saturating_sub(1))
        .map_or(0, |(i, _)| i)
}

/// The last `n` characters of `s`, widened back to the start of a word.
fn tail(s: &str, n: usize) -> &str {
    let mut start = cut_back(s, n);
    while let Some(c) = s[..start].chars().next_back().filter(|&c| is_word_char(c)) {
        start -= c.len_utf8();
    }
    &s[start..]
}

/// The first `n` characters of `s`, widened on to the end of a word.
fn head(s: &str, n: usize) -> &str {
    let mut end = s.char_indices().nth(n).map_or(s.len(), |(i, _)| i);
    while let Some(c) = s[end..].chars().next().filter(|&c| is_word_char(c)) {
        end += c.len_utf8();
    }
    &s[..end]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn context_is_a_few_words_on_each_side() {
        let t = "one two three four Bob Jones five six seven eight";
        let at = t.find("Bob").unwrap();
        assert_eq!(
            around(t, at..at + 9),
            "…two three four [Bob Jones] five six seven…"
        );
        assert_eq!(around("Bob Jones left.", 0..9), "[Bob Jones] left.");
        assert_eq!(around("met Bob", 4..7), "met [Bob]");
        let long = "x".repeat(100);
        let t = format!("{long} q {long}");
        let shown = around(&t, 101..102);
        assert_eq!(shown.chars().count(), 1 + 40 + 3 + 40 + 1, "{shown}");
    }

    #[test]
    fn tail_and_head_keep_whole_words() {
        assert_eq!(tail("we called the scheme ", 11), "the scheme ");
        assert_eq!(tail("we called the scheme ", 10), "the scheme ");
        assert_eq!(tail("ab", 5), "ab");
        assert_eq!(head(" ahead of time", 5), " ahead");
        assert_eq!(head("", 5), "");
    }
}
