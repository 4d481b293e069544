//! A quote that is in its article, but not with its prefix or suffix: which key is
//! wrong, and what really comes before or after the quote.

use super::words::{head, shown, tail, times};
use super::{Place, QuoteHelp, Side};
use crate::diagnostic::Diagnostic;
use crate::model::articles::QuoteRequest;
use crate::model::quote::Needle;

impl QuoteHelp<'_> {
    /// The quote is in the article, but not with its prefix or suffix: one error at each
    /// key that fits none of its places, or at the quote when each fits some place but
    /// never the same one.
    pub(super) fn context_misses(
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
                format!(
                    "another paragraph, list item or table cell of {}",
                    self.name(p.block)
                )
            } else {
                self.name(other.block)
            };
            let own = beside(p);
            let fix = if own.trim().is_empty() {
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
