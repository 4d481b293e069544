//! A segment's text as written, for showing it: typographic quotes kept, white space
//! collapsed, and where it is struck through.

use std::ops::Range;

use super::Segment;

impl Segment {
    /// The text as written (typographic quotes kept, white space collapsed) of a
    /// normalised byte range.
    pub fn written(&self, range: Range<usize>) -> String {
        if range.is_empty() {
            return String::new();
        }
        let raw_start = self.map.source(range.start).0 as usize;
        let raw_end = self.map.source(range.end - 1).1 as usize;
        let raw = &self.raw[raw_start..raw_end];
        if memchr::memchr3(b'\n', b'\t', b'\r', raw.as_bytes()).is_none() {
            return raw.to_string();
        }
        // Line breaks of the source become spaces; other characters stay as written.
        let mut out = String::with_capacity(raw.len());
        for word in raw.split_ascii_whitespace() {
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(word);
        }
        out
    }

    /// The byte ranges of `written(range)` that are struck through (`~~…~~`): none,
    /// without a look at the text, for a segment with no strike-through.
    pub fn struck(&self, range: Range<usize>) -> Vec<Range<usize>> {
        if range.is_empty() || !self.pieces.iter().any(|p| p.struck) {
            return Vec::new();
        }
        let raw_start = self.map.source(range.start).0 as usize;
        let raw_end = self.map.source(range.end - 1).1 as usize;
        let raw = &self.raw[raw_start..raw_end];
        let mut mask = vec![false; raw.len()];
        for p in &self.pieces {
            let (from, to) = (p.start.max(raw_start), (p.start + p.len).min(raw_end));
            if p.struck && from < to {
                mask[from - raw_start..to - raw_start].fill(true);
            }
        }
        // The same text as `written`, each byte of it marked as the byte it comes from
        // (a space between two words, struck when both are).
        let mut marks = Vec::with_capacity(raw.len());
        if memchr::memchr3(b'\n', b'\t', b'\r', raw.as_bytes()).is_none() {
            marks = mask;
        } else {
            let mut last: Option<bool> = None;
            let mut i = 0;
            let bytes = raw.as_bytes();
            while i < bytes.len() {
                if bytes[i].is_ascii_whitespace() {
                    i += 1;
                    continue;
                }
                let end = (i..bytes.len())
                    .find(|&j| bytes[j].is_ascii_whitespace())
                    .unwrap_or(bytes.len());
                if let Some(before) = last {
                    marks.push(before && mask[i]);
                }
                marks.extend_from_slice(&mask[i..end]);
                last = Some(mask[end - 1]);
                i = end;
            }
        }
        let mut out: Vec<Range<usize>> = Vec::new();
        for (i, &m) in marks.iter().enumerate() {
            match out.last_mut() {
                Some(r) if m && r.end == i => r.end = i + 1,
                _ if m => out.push(i..i + 1),
                _ => {}
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use crate::markdown::blocks::analyse;

    /// The text of the first segment of `md` as written, with its struck ranges in `[…]`.
    fn shown(md: &str) -> String {
        let events: Vec<_> =
            pulldown_cmark::Parser::new_ext(md, pulldown_cmark::Options::ENABLE_STRIKETHROUGH)
                .collect();
        let blocks = analyse(&events);
        let seg = &blocks[0].segments[0];
        let text = seg.written(0..seg.text.len());
        let mut out = String::new();
        let mut at = 0;
        for r in seg.struck(0..seg.text.len()) {
            out.push_str(&text[at..r.start]);
            out.push('[');
            out.push_str(&text[r.clone()]);
            out.push(']');
            at = r.end;
        }
        out.push_str(&text[at..]);
        out
    }

    #[test]
    fn struck_words_are_found_in_the_text_as_written() {
        assert_eq!(shown("No strike here."), "No strike here.");
        assert_eq!(
            shown("The minister ~~resigned~~ was dismissed."),
            "The minister [resigned] was dismissed."
        );
        // Across lines, emphasis and links, and with letters of more than one byte.
        assert_eq!(
            shown("Réforme ~~*adoptée*\nen juin~~, puis [~~retirée~~](https://e.org) — fin."),
            "Réforme [adoptée en juin], puis [retirée] — fin."
        );
        assert_eq!(shown("~~All~~\n~~of it~~"), "[All of it]");
        assert_eq!(shown("~~a~~\nb ~~c~~"), "[a] b [c]");
    }
}
