//! The text of an article's top-level blocks as a reader sees it (Markdown syntax
//! removed), leaf by leaf, with a map from that text back to the events, so that quotes
//! and mentions found in the text can be placed in the events.

#[path = "written.rs"]
mod written;

use std::ops::Range;

use pulldown_cmark::{Event, Tag, TagEnd};

use crate::text::{SourceMap, normalize_mapped};

/// its text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Pos {
    /// The event's index.
    pub event: usize,
    /// Bytes into the event's text; 0 is before the event.
    pub offset: usize,
}

/// A run of reader-visible text inside one event.
#[derive(Debug, Clone)]
struct Piece {
    event: usize,
    start: usize,
    len: usize,
    /// Text or code (can be split); a line break cannot.
    splittable: bool,
    /// Outside links and code, so a mention may be linked here.
    linkable: bool,
    /// The start event of the link it is in (`usize::MAX` outside links).
    link: usize,
    /// Struck through (`~~…~~`).
    struck: bool,
}

/// The text of one leaf container (a paragraph, heading, list item or table cell).
#[derive(Debug, Clone, Default)]
pub struct Segment {
    /// The normalised text.
    pub text: String,
    /// The text as written (without Markdown syntax), which `map` maps back to.
    raw: String,
    map: SourceMap,
    pieces: Vec<Piece>,
}

/// Where a top-level block of an article is in its events.
#[derive(Debug, Clone, PartialEq)]
pub struct BlockRange {
    /// Its number `N` of id `pN`, for paragraphs, headings, lists, block quotes and tables.
    pub number: Option<usize>,
    /// The events it spans.
    pub events: Range<usize>,
}

/// One top-level block of an article, with its text.
#[derive(Debug, Clone)]
pub struct Block {
    /// Where it is.
    pub range: BlockRange,
    /// Its text, leaf by leaf.
    pub segments: Vec<Segment>,
}

impl Block {
    /// The block's whole text, its leaves joined by spaces.
    pub fn text(&self) -> String {
        let parts: Vec<&str> = self
            .segments
            .iter()
            .map(|s| s.text.as_str())
            .filter(|t| !t.is_empty())
            .collect();
        parts.join(" ")
    }
}

pub(super) fn is_inline(tag: &TagEnd) -> bool {
    matches!(
        tag,
        TagEnd::Emphasis
            | TagEnd::Strong
            | TagEnd::Strikethrough
            | TagEnd::Superscript
            | TagEnd::Subscript
            | TagEnd::Link
            | TagEnd::Image
    )
}

fn numbered(tag: &Tag) -> bool {
    matches!(
        tag,
        Tag::Paragraph
            | Tag::Heading { .. }
            | Tag::List(_)
            | Tag::BlockQuote(_)
            | Tag::Table(_)
            | Tag::HtmlBlock
    )
}

/// Splits parsed events into top-level blocks and their reader-visible text.
pub fn analyse(events: &[Event]) -> Vec<Block> {
    let mut blocks = Vec::new();
    let mut depth = 0usize;
    let mut number = 0usize;
    let mut current: Option<Block> = None;
    let mut seg = RawSegment::default();
    let (mut in_image, mut in_code) = (0usize, 0usize);
    // The start events of the open links.
    let mut links: Vec<usize> = Vec::new();
    let mut struck = 0usize;
    for (i, event) in events.iter().enumerate() {
        match event {
            Event::Start(tag) => {
                if depth == 0 {
                    let number = numbered(tag).then(|| {
                        number += 1;
                        number
                    });
                    current = Some(Block {
                        range: BlockRange {
                            number,
                            events: i..i,
                        },
                        segments: Vec::new(),
                    });
                }
                depth += 1;
                match tag {
                    Tag::Image { .. } => in_image += 1,
                    Tag::Link { .. } => links.push(i),
                    Tag::Strikethrough => struck += 1,
                    Tag::CodeBlock(_) | Tag::FootnoteDefinition(_) => in_code += 1,
                    _ => {}
                }
                if !is_inline(&tag.to_end()) {
                    flush(&mut seg, &mut current);
                }
            }
            Event::End(tag) => {
                depth -= 1;
                match tag {
                    TagEnd::Image => in_image -= 1,
                    TagEnd::Link => {
                        links.pop();
                    }
                    TagEnd::Strikethrough => struck = struck.saturating_sub(1),
                    TagEnd::CodeBlock | TagEnd::FootnoteDefinition => in_code -= 1,
                    _ => {}
                }
                if !is_inline(tag) {
                    flush(&mut seg, &mut current);
                }
                if depth == 0 {
                    if let Some(mut block) = current.take() {
                        block.range.events.end = i + 1;
                        blocks.push(block);
                    }
                }
            }
            Event::Text(t) | Event::Code(t) if in_image == 0 && in_code == 0 => {
                let link = links.last().copied().unwrap_or(usize::MAX);
                let linkable = links.is_empty() && matches!(event, Event::Text(_));
                seg.push(i, t, (true, linkable, struck > 0), link);
            }
            Event::SoftBreak | Event::HardBreak if in_image == 0 && in_code == 0 => {
                let link = links.last().copied().unwrap_or(usize::MAX);
                seg.push(i, "\n", (false, links.is_empty(), struck > 0), link);
            }
            Event::Rule if depth == 0 => blocks.push(Block {
                range: BlockRange {
                    number: None,
                    events: i..i + 1,
                },
                segments: Vec::new(),
            }),
            _ => {}
        }
    }
    blocks
}

#[derive(Default)]
struct RawSegment {
    raw: String,
    pieces: Vec<Piece>,
}

impl RawSegment {
    /// Adds the text of `event`, splittable, linkable and struck as `flags` say.
    fn push(&mut self, event: usize, text: &str, flags: (bool, bool, bool), link: usize) {
        let (splittable, linkable, struck) = flags;
        self.pieces.push(Piece {
            event,
            start: self.raw.len(),
            len: text.len(),
            splittable,
            linkable,
            link,
            struck,
        });
        self.raw.push_str(text);
    }
}

fn flush(seg: &mut RawSegment, block: &mut Option<Block>) {
    let raw = std::mem::take(seg);
    if raw.pieces.is_empty() {
        return;
    }
    let (text, map) = normalize_mapped(&raw.raw);
    if let Some(block) = block.as_mut() {
        block.segments.push(Segment {
            text,
            raw: raw.raw,
            map,
            pieces: raw.pieces,
        });
    }
}

impl Segment {
    /// Where a normalised byte range starts and ends in the event stream, pushed out of
    /// inline elements it would otherwise cut (see `hoist`).
    pub fn span(&self, range: Range<usize>, events: &[Event], partners: &[usize]) -> (Pos, Pos) {
        let raw_start = self.map.source(range.start).0 as usize;
        let raw_end = self.map.source(range.end - 1).1 as usize;
        let i = self
            .pieces
            .partition_point(|p| p.start + p.len <= raw_start)
            .min(self.pieces.len() - 1);
        let p = &self.pieces[i];
        let mut start = if raw_start > p.start && p.splittable {
            Pos {
                event: p.event,
                offset: raw_start - p.start,
            }
        } else {
            Pos {
                event: p.event,
                offset: 0,
            }
        };
        let j = self
            .pieces
            .partition_point(|p| p.start + p.len < raw_end)
            .min(self.pieces.len() - 1);
        let q = &self.pieces[j];
        let mut end = if raw_end < q.start + q.len && q.splittable {
            Pos {
                event: q.event,
                offset: raw_end - q.start,
            }
        } else {
            Pos {
                event: q.event + 1,
                offset: 0,
            }
        };
        // Take in whole inline elements that start or end right at the span's edges.
        while start.offset == 0 && start.event > 0 {
            let prev = start.event - 1;
            match &events[prev] {
                Event::Start(tag)
                    if is_inline(&tag.to_end())
                        && Pos {
                            event: partners[prev] + 1,
                            offset: 0,
                        } <= end =>
                {
                    start.event = prev;
                }
                _ => break,
            }
        }
        while end.offset == 0 && end.event < events.len() {
            match &events[end.event] {
                Event::End(tag)
                    if is_inline(tag)
                        && Pos {
                            event: partners[end.event],
                            offset: 0,
                        } >= start =>
                {
                    end.event += 1;
                }
                _ => break,
            }
        }
        (start, end)
    }

    /// Whether a normalised byte range lies in text outside links and code, with at
    /// most emphasis, strike-through or line breaks inside it (`N*AT*O`), so that it can
    /// become a link: the link then holds whole elements or is cut at their edges.
    pub fn linkable(&self, range: Range<usize>, events: &[Event]) -> bool {
        let raw_start = self.map.source(range.start).0 as usize;
        let raw_end = self.map.source(range.end - 1).1 as usize;
        let first = self
            .pieces
            .partition_point(|p| p.start + p.len <= raw_start);
        let mut last: Option<usize> = None;
        for p in self.pieces[first..]
            .iter()
            .take_while(|p| p.start < raw_end)
        {
            if !p.linkable {
                return false;
            }
            if let Some(prev) = last
                && !events[prev + 1..p.event].iter().all(|e| match e {
                    Event::Start(tag) => is_plain(&tag.to_end()),
                    Event::End(tag) => is_plain(tag),
                    Event::Text(_) | Event::SoftBreak | Event::HardBreak => true,
                    _ => false,
                })
            {
                return false;
            }
            last = Some(p.event);
        }
        true
    }

    /// The URL of the link whose text holds all of a normalised byte range, if one does.
    pub fn link_around<'e>(&self, range: Range<usize>, events: &'e [Event]) -> Option<&'e str> {
        let raw_start = self.map.source(range.start).0 as usize;
        let raw_end = self.map.source(range.end - 1).1 as usize;
        let first = self
            .pieces
            .partition_point(|p| p.start + p.len <= raw_start);
        let mut covered = self.pieces[first..]
            .iter()
            .take_while(|p| p.start < raw_end);
        let link = covered.next()?.link;
        if link == usize::MAX || !covered.all(|p| p.link == link) {
            return None;
        }
        match &events[link] {
            Event::Start(Tag::Link { dest_url, .. }) => Some(dest_url),
            _ => None,
        }
    }
}

/// Inline elements a link may hold whole or be cut at: not links, images or code.
fn is_plain(tag: &TagEnd) -> bool {
    matches!(
        tag,
        TagEnd::Emphasis
            | TagEnd::Strong
            | TagEnd::Strikethrough
            | TagEnd::Superscript
            | TagEnd::Subscript
    )
}

/// For each inline Start or End event, the index of its partner.
pub fn partners(events: &[Event]) -> Vec<usize> {
    let mut out = vec![usize::MAX; events.len()];
    let mut stack = Vec::new();
    for (i, event) in events.iter().enumerate() {
        match event {
            Event::Start(_) => stack.push(i),
            Event::End(_) => {
                if let Some(s) = stack.pop() {
                    out[s] = i;
                    out[i] = s;
                }
            }
            _ => {}
        }
    }
    out
}
