//! What a writer is told when a quote cannot be placed, so that the fix can be copied:
//! the closest passage, its block and how similar it is when the quote is not in the
//! article (or runs over a block boundary); each place, with a few words around it, when
//! it is there more than once; and which of `prefix` and `suffix` is wrong, and what
//! really comes before or after the quote, when the quote is there but not with them.
//!
//! This runs only for quotes that failed, after the exact matcher, never on the hot path.

mod context;
mod elsewhere;
mod words;

use elsewhere::Elsewhere;

use std::cell::OnceCell;

use super::approx::{Candidate, Haystack, MIN_SIMILARITY};
use super::articles::{QuoteRequest, Target};
use super::quote::{self, Miss, Needle};
use crate::diagnostic::Diagnostic;
use crate::markdown::Block;
use words::{around, shown};

/// How many places of a quote are listed (or named) at most.
const LISTED: usize = 5;
/// The approximate search reads the article once per 64 characters of the quote: past
/// this many bytes read (about a tenth of a second), a quote gets no suggestion.
const SEARCH_BUDGET: usize = 64 << 20;
/// The contract's rule, said where a passage runs over a block boundary.
const ONE_BLOCK: &str = "a quote must lie inside one paragraph, heading, list item or table cell";

/// Explains the quotes into one article that could not be placed.
pub struct QuoteHelp<'a> {
    blocks: &'a [Block],
    /// The article's title and the events of its body, for `elsewhere`.
    title: &'a dyn Fn() -> Option<String>,
    events: &'a [pulldown_cmark::Event<'a>],
    /// The article's text that no mark can go in, made when first needed.
    elsewhere: OnceCell<Elsewhere>,
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
    /// Help for quotes into the article of `blocks`, made of the body's `events`, with
    /// the title `title` gives.
    pub fn new(
        blocks: &'a [Block],
        events: &'a [pulldown_cmark::Event<'a>],
        title: &'a dyn Fn() -> Option<String>,
    ) -> Self {
        QuoteHelp {
            blocks,
            title,
            events,
            elsewhere: OnceCell::new(),
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
        let elsewhere = (self.elsewhere).get_or_init(|| Elsewhere::of((self.title)(), self.events));
        if let Some(place) = elsewhere.find(needle.quote()) {
            return vec![
                Diagnostic::error(
                    &req.path,
                    Some(req.line),
                    format!(
                        "quote not found in the text of article \"{}\": \"{}\"",
                        req.article,
                        shown(&req.quote)
                    ),
                )
                .with_hint(Some(format!(
                    "it is in {place}, where no note can mark it: {ONE_BLOCK} of the text"
                ))),
            ];
        }
        let hay = self.haystack();
        let words = needle.quote().chars().count().div_ceil(64);
        let closest = if words.saturating_mul(hay.text().len()) > SEARCH_BUDGET {
            return vec![
                Diagnostic::error(
                    &req.path,
                    Some(req.line),
                    format!("{head}: \"{}\"", shown(&req.quote)),
                )
                .with_hint(Some(
                    "the quote is too long to look for the closest passage in this article"
                        .to_string(),
                )),
            ];
        } else {
            hay.closest(needle.quote(), 1)
        };
        let hint = match closest.first() {
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

    /// `from p1 into p2`, or `from one paragraph, list item or table cell of p3 into another`.
    fn crossing(&self, c: &Candidate) -> String {
        if c.start.block == c.end.block {
            format!(
                "from one paragraph, list item or table cell of {} into another",
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
}
