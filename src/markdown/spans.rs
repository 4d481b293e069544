//! Markup wrapped around ranges of an article's text (marks, mention links), block
//! wrappers with their ids, and notes after their paragraph. Spans that would cross an
//! element are cut and reopened, so the HTML always nests.

use std::ops::Range;

use pulldown_cmark::{CowStr, Event, Tag, TagEnd};

use super::blocks::{BlockRange, Pos, is_inline, partners};

/// Markup to wrap around a range of an article's text.
#[derive(Debug, Clone)]
pub struct Span {
    /// Where it starts.
    pub start: Pos,
    /// Where it ends (exclusive).
    pub end: Pos,
    /// The opening tag, the first time.
    pub open: String,
    /// The opening tag when it is reopened after a cut.
    pub reopen: String,
    /// The closing tag at a cut.
    pub close: String,
    /// The closing tag at its real end.
    pub close_last: String,
    /// What follows its real end (e.g. a note reference, itself a link): put after the
    /// links that enclose the end, since a link may not hold another link, and after
    /// every span that ends at the same place; those of spans that end together follow
    /// in the order the spans are given (notes on one passage: 1, 2, 3).
    pub after: String,
    /// Whether the span is a link (`<a>`).
    pub link: bool,
}

/// Where a span opens or closes, with what orders the points at one place, and the span.
type Point = (Pos, PointKind, std::cmp::Reverse<Pos>, isize, usize);

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum PointKind {
    Close,
    Open,
}

/// Renders an article's events with block wrappers (`<div class=block id=pN>`), the
/// given spans, and `after[N]` (notes) at the end of block N. Spans that would cross an
/// element are cut and reopened, so the HTML always nests.
pub fn render_article(
    events: Vec<Event>,
    blocks: &[BlockRange],
    spans: &[Span],
    after: &dyn Fn(usize) -> String,
) -> String {
    let partners = partners(&events);
    // At one place: closes before opens; the outer span opens first and closes last (for
    // spans over the same text, the one given first is the outer one).
    let mut points: Vec<Point> = Vec::with_capacity(spans.len() * 2);
    for (i, s) in spans.iter().enumerate() {
        points.push((
            s.start,
            PointKind::Open,
            std::cmp::Reverse(s.end),
            i as isize,
            i,
        ));
        points.push((
            s.end,
            PointKind::Close,
            std::cmp::Reverse(s.start),
            -(i as isize),
            i,
        ));
    }
    points.sort();
    let mut block_at = vec![None; events.len() + 1];
    for (bi, b) in blocks.iter().enumerate() {
        if b.number.is_some() {
            block_at[b.events.start] = Some((bi, true));
            block_at[b.events.end - 1] = Some((bi, false));
        }
    }
    let mut out: Vec<Event> = Vec::with_capacity(events.len() + points.len() + blocks.len() * 2);
    let mut w = Writer {
        stack: Vec::new(),
        depth: 0,
        links: 0,
        in_code: false,
        pending: Vec::new(),
        spans,
    };
    let mut pi = 0;
    for (k, event) in events.into_iter().enumerate() {
        if let Some((bi, true)) = block_at[k] {
            let n = blocks[bi].number.unwrap_or(0);
            out.push(Event::Html(format!("<div class=block id=p{n}>").into()));
        }
        while pi < points.len()
            && points[pi].0
                == (Pos {
                    event: k,
                    offset: 0,
                })
        {
            w.apply(&points, pi, &mut out);
            pi += 1;
        }
        let event_kind = if matches!(event, Event::Code(_)) {
            Kind::Code
        } else {
            Kind::Other
        };
        match event {
            Event::Start(tag) if is_inline(&tag.to_end()) => {
                let inside_end = Pos {
                    event: partners[k],
                    offset: 0,
                };
                let cut = w
                    .stack
                    .iter()
                    .position(|(s, _)| spans[*s].end <= inside_end);
                let reopened = cut.map(|c| w.cut(c, &mut out)).unwrap_or_default();
                w.links += usize::from(matches!(tag, Tag::Link { .. }));
                out.push(Event::Start(tag));
                w.depth += 1;
                w.reopen(reopened, &mut out);
            }
            Event::End(tag) if is_inline(&tag) => {
                let cut = w.stack.iter().position(|(_, d)| *d >= w.depth);
                let reopened = cut.map(|c| w.cut(c, &mut out)).unwrap_or_default();
                let link = tag == TagEnd::Link;
                out.push(Event::End(tag));
                w.depth -= 1;
                if link {
                    w.links -= 1;
                    w.flush(&mut out);
                }
                w.reopen(reopened, &mut out);
            }
            Event::Text(t) | Event::Code(t) if pi < points.len() && points[pi].0.event == k => {
                let code = matches!(event_kind, Kind::Code);
                // A note's marker waits for the end of the code it ends in: in the
                // middle, it would be copied with the code ("make inst¹all").
                w.in_code = code;
                let mut from = 0;
                while pi < points.len() && points[pi].0.event == k {
                    let at = points[pi].0.offset.min(t.len());
                    if at > from {
                        out.push(piece(&t, from..at, code));
                    }
                    from = from.max(at);
                    w.apply(&points, pi, &mut out);
                    pi += 1;
                }
                if from < t.len() {
                    out.push(piece(&t, from..t.len(), code));
                }
                if code {
                    w.in_code = false;
                    w.flush(&mut out);
                }
            }
            event => out.push(event),
        }
        if let Some((bi, false)) = block_at[k] {
            w.write_pending(&mut out);
            let n = blocks[bi].number.unwrap_or(0);
            let notes = after(n);
            out.push(Event::Html(format!("{notes}</div>\n").into()));
        }
    }
    let mut html = String::new();
    super::push_html(&mut html, out.into_iter());
    html
}

enum Kind {
    Code,
    Other,
}

/// A piece of a split text or code event (code stays code).
fn piece<'a>(t: &str, range: Range<usize>, code: bool) -> Event<'a> {
    let part: CowStr<'a> = t[range].to_string().into();
    if code {
        Event::Code(part)
    } else {
        Event::Text(part)
    }
}

struct Writer<'s> {
    /// Open spans and the inline depth they were (re)opened at.
    stack: Vec<(usize, usize)>,
    depth: usize,
    /// Open links of the text (not spans).
    links: usize,
    /// Whether the event being written is inline code.
    in_code: bool,
    /// The spans whose `after` is still to be written: they ended inside a link (it
    /// waits for no link to be open), or where another span ends too.
    pending: Vec<usize>,
    spans: &'s [Span],
}

impl Writer<'_> {
    /// Opens or closes the span of `points[i]`.
    fn apply(&mut self, points: &[Point], i: usize, out: &mut Vec<Event>) {
        let point = &points[i];
        let s = point.4;
        match point.1 {
            PointKind::Open => {
                out.push(Event::InlineHtml(self.spans[s].open.clone().into()));
                self.stack.push((s, self.depth));
            }
            PointKind::Close => {
                let Some(at) = self.stack.iter().position(|(x, _)| *x == s) else {
                    return;
                };
                let above = self.cut(at + 1, out);
                self.stack.pop();
                let span = &self.spans[s];
                out.push(Event::InlineHtml(span.close_last.clone().into()));
                if !span.after.is_empty() {
                    self.pending.push(s);
                }
                // Spans that end here too close first: what follows them all comes after.
                let more = points
                    .get(i + 1)
                    .is_some_and(|p| p.0 == point.0 && p.1 == PointKind::Close);
                // Within a mention's link, cut here and reopened, what follows waits for
                // the link's end, as it does within a link of the text.
                let in_link = above.iter().any(|&a| self.spans[a].link);
                if !more && !in_link {
                    self.flush(out);
                }
                self.reopen(above, out);
            }
        }
    }

    /// Writes what waits for the end of the enclosing links, once none is open.
    fn flush(&mut self, out: &mut Vec<Event>) {
        let in_link = self.links > 0 || self.stack.iter().any(|(s, _)| self.spans[*s].link);
        if !in_link && !self.in_code {
            self.write_pending(out);
        }
    }

    /// Writes the `after` of the pending spans, in the order the spans are given.
    fn write_pending(&mut self, out: &mut Vec<Event>) {
        if self.pending.is_empty() {
            return;
        }
        self.pending.sort_unstable();
        let html: String = (self.pending.drain(..))
            .map(|s| self.spans[s].after.as_str())
            .collect();
        out.push(Event::InlineHtml(html.into()));
    }

    /// Closes the spans from stack index `from` up, returning them to reopen.
    fn cut(&mut self, from: usize, out: &mut Vec<Event>) -> Vec<usize> {
        let cut: Vec<usize> = self.stack.drain(from..).map(|(s, _)| s).collect();
        for &s in cut.iter().rev() {
            out.push(Event::InlineHtml(self.spans[s].close.clone().into()));
        }
        cut
    }

    fn reopen(&mut self, spans: Vec<usize>, out: &mut Vec<Event>) {
        for s in spans {
            out.push(Event::InlineHtml(self.spans[s].reopen.clone().into()));
            self.stack.push((s, self.depth));
        }
    }
}

#[cfg(test)]
mod span_tests {
    use super::*;
    use crate::markdown::{analyse, parse};

    #[test]
    fn spans_over_the_same_text_nest_without_an_empty_fragment() {
        let events = parse("The UK Prime Minister spoke.", &|_| None);
        let blocks = analyse(&events);
        let partners = partners(&events);
        let seg = &blocks[0].segments[0];
        let at = seg.text.find("UK Prime Minister").unwrap();
        let (start, end) = seg.span(at..at + "UK Prime Minister".len(), &events, &partners);
        let span = |open: &str, close: &str| Span {
            start,
            end,
            open: open.into(),
            reopen: open.into(),
            close: close.into(),
            close_last: close.into(),
            after: String::new(),
            link: open.starts_with("<a"),
        };
        let ranges: Vec<BlockRange> = blocks.iter().map(|b| b.range.clone()).collect();
        let html = render_article(
            events,
            &ranges,
            &[span("<mark>", "</mark>"), span("<a>", "</a>")],
            &|_| String::new(),
        );
        assert!(
            html.contains("The <mark><a>UK Prime Minister</a></mark> spoke."),
            "{html}"
        );
    }
}
