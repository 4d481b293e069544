//! Markdown through pulldown-cmark events: the options, wikilinks, the text of an
//! article's blocks as a reader sees it, and the transforms that add paragraph ids,
//! marks, mention links and notes. No regexes over HTML.

use std::ops::Range;

use pulldown_cmark::{CowStr, Event, LinkType, Options, Parser, Tag, TagEnd};

use crate::text::{Source, normalize_mapped};

/// The Markdown dialect: CommonMark with tables, footnotes, strikethrough and `[[wikilinks]]`.
pub fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_WIKILINKS
}

/// Where a `[[slug]]` points: its URL (relative to the page) and the target's title.
pub type Resolve<'r> = &'r dyn Fn(&str) -> Option<(String, String)>;

/// Every `[[slug]]` of a body with the byte offset it starts at, to check the slugs.
pub fn wikilink_targets(body: &str) -> Vec<(String, usize)> {
    Parser::new_ext(body, options())
        .into_offset_iter()
        .filter_map(|(event, range)| match event {
            Event::Start(Tag::Link {
                link_type: LinkType::WikiLink { .. },
                dest_url,
                ..
            }) => Some((dest_url.trim().to_string(), range.start)),
            _ => None,
        })
        .collect()
}

/// What to do with raw HTML in a body.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RawHtml {
    /// Show it as text (articles: never injected).
    AsText,
    /// Keep it, for the sanitizer (profiles, notes, positions).
    Keep,
}

/// Whether a link or image URL in a body may be followed: relative, http(s), mailto.
pub fn safe_url(url: &str) -> bool {
    // Browsers ignore white space and control characters inside a scheme.
    let cleaned: String = url
        .chars()
        .filter(|c| !c.is_ascii_whitespace() && !c.is_control())
        .collect();
    match cleaned.find(':') {
        None => true,
        Some(i) if cleaned[..i].contains(['/', '?', '#']) => true,
        Some(i) => matches!(
            cleaned[..i].to_ascii_lowercase().as_str(),
            "http" | "https" | "mailto"
        ),
    }
}

/// The events of an article: raw HTML as text, wikilinks resolved, unsafe links dropped.
pub fn parse<'a>(body: &'a str, resolve: Resolve<'_>) -> Vec<Event<'a>> {
    parse_with(body, resolve, RawHtml::AsText).0
}

/// The events of a body, with raw HTML handled as `html` says, `[[wikilinks]]` turned
/// into ordinary links to `resolve`'s URL (showing the target's title when no text is
/// given; an unknown slug is left as plain text), and links or images whose URL is not
/// safe turned into their text. Also says whether raw HTML was kept.
pub fn parse_with<'a>(
    body: &'a str,
    resolve: Resolve<'_>,
    html: RawHtml,
) -> (Vec<Event<'a>>, bool) {
    let mut out = Vec::new();
    let mut kept_html = false;
    // For each open link or image: keep it, replace its text, or drop its tags.
    let mut links: Vec<LinkMode> = Vec::new();
    for event in Parser::new_ext(body, options()) {
        match event {
            Event::Start(Tag::HtmlBlock) if html == RawHtml::AsText => {
                out.push(Event::Start(Tag::Paragraph))
            }
            Event::End(TagEnd::HtmlBlock) if html == RawHtml::AsText => {
                out.push(Event::End(TagEnd::Paragraph))
            }
            Event::Html(h) | Event::InlineHtml(h) if html == RawHtml::AsText => {
                out.push(Event::Text(h))
            }
            e @ (Event::Html(_) | Event::InlineHtml(_)) => {
                kept_html = true;
                out.push(e);
            }
            Event::Start(Tag::Link {
                link_type: LinkType::WikiLink { has_pothole },
                dest_url,
                ..
            }) => match resolve(dest_url.trim()) {
                Some((url, title)) => {
                    out.push(Event::Start(Tag::Link {
                        link_type: LinkType::Inline,
                        dest_url: url.into(),
                        title: CowStr::Borrowed(""),
                        id: CowStr::Borrowed(""),
                    }));
                    if has_pothole {
                        links.push(LinkMode::Keep);
                    } else {
                        out.push(Event::Text(title.into()));
                        links.push(LinkMode::Replaced);
                    }
                }
                None => {
                    if !has_pothole {
                        out.push(Event::Text(format!("[[{dest_url}]]").into()));
                    }
                    links.push(LinkMode::Dropped {
                        keep_text: has_pothole,
                    });
                }
            },
            Event::Start(tag @ (Tag::Link { .. } | Tag::Image { .. })) => {
                let url = match &tag {
                    Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. } => dest_url.as_ref(),
                    _ => "",
                };
                if safe_url(url) {
                    links.push(LinkMode::Keep);
                    out.push(Event::Start(tag));
                } else {
                    links.push(LinkMode::Dropped { keep_text: true });
                }
            }
            Event::End(end @ (TagEnd::Link | TagEnd::Image)) => match links.pop() {
                Some(LinkMode::Dropped { .. }) => {}
                _ => out.push(Event::End(end)),
            },
            event => match links.last() {
                Some(LinkMode::Replaced) | Some(LinkMode::Dropped { keep_text: false })
                    if matches!(event, Event::Text(_) | Event::Code(_)) => {}
                _ => out.push(event),
            },
        }
    }
    (out, kept_html)
}

enum LinkMode {
    Keep,
    Replaced,
    Dropped { keep_text: bool },
}

/// The allow-list that raw HTML in profiles, notes and positions passes: no scripts,
/// event handlers, `javascript:` or `data:` URLs, iframes or forms.
fn sanitizer() -> &'static ammonia::Builder<'static> {
    static CLEANER: std::sync::LazyLock<ammonia::Builder<'static>> =
        std::sync::LazyLock::new(|| {
            let mut b = ammonia::Builder::default();
            b.add_generic_attributes(["class", "id", "title", "lang", "dir", "aria-label"]);
            b.url_schemes(["http", "https", "mailto"].into_iter().collect());
            b
        });
    &CLEANER
}

/// Renders events to HTML, through the sanitizer when they hold raw HTML.
fn render(events: Vec<Event>, kept_html: bool, size: usize) -> String {
    let mut html = String::with_capacity(size * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, events.into_iter());
    if kept_html {
        sanitizer().clean(&html).to_string()
    } else {
        html
    }
}

/// Renders Markdown (a profile, a note, a position's body) to HTML.
pub fn to_html(body: &str, resolve: Resolve<'_>) -> String {
    let (events, kept_html) = parse_with(body, resolve, RawHtml::Keep);
    render(events, kept_html, body.len())
}

/// Renders Markdown with `lead` (inline HTML) at the start of its first paragraph, or in a
/// paragraph of its own when the body does not open with one.
pub fn to_html_with_lead(body: &str, resolve: Resolve<'_>, lead: &str) -> String {
    let (mut events, kept_html) = parse_with(body, resolve, RawHtml::Keep);
    if matches!(events.first(), Some(Event::Start(Tag::Paragraph))) {
        events.insert(1, Event::InlineHtml(lead.to_string().into()));
    } else {
        events.insert(0, Event::Html(format!("<p>{lead}</p>").into()));
    }
    render(events, kept_html, body.len())
}

/// A place in the event stream: before event `event` (`offset` 0), or `offset` bytes into
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
}

/// The text of one leaf container (a paragraph, heading, list item or table cell).
#[derive(Debug, Clone, Default)]
pub struct Segment {
    /// The normalised text.
    pub text: String,
    map: Vec<Source>,
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

fn is_inline(tag: &TagEnd) -> bool {
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
    let (mut in_image, mut in_code, mut in_link) = (0usize, 0usize, 0usize);
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
                    Tag::Link { .. } => in_link += 1,
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
                    TagEnd::Link => in_link -= 1,
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
                let linkable = in_link == 0 && matches!(event, Event::Text(_));
                seg.push(i, t, true, linkable);
            }
            Event::SoftBreak | Event::HardBreak if in_image == 0 && in_code == 0 => {
                seg.push(i, "\n", false, in_link == 0);
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
    fn push(&mut self, event: usize, text: &str, splittable: bool, linkable: bool) {
        self.pieces.push(Piece {
            event,
            start: self.raw.len(),
            len: text.len(),
            splittable,
            linkable,
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
            map,
            pieces: raw.pieces,
        });
    }
}

impl Segment {
    /// Where a normalised byte range starts and ends in the event stream, pushed out of
    /// inline elements it would otherwise cut (see `hoist`).
    pub fn span(&self, range: Range<usize>, events: &[Event], partners: &[usize]) -> (Pos, Pos) {
        let raw_start = self.map[range.start].0 as usize;
        let raw_end = self.map[range.end - 1].1 as usize;
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

    /// Whether a normalised byte range lies in one run of plain text outside links and
    /// code, so that it can become a link.
    pub fn linkable(&self, range: Range<usize>) -> bool {
        let raw_start = self.map[range.start].0 as usize;
        let raw_end = self.map[range.end - 1].1 as usize;
        let covered: Vec<&Piece> = self
            .pieces
            .iter()
            .filter(|p| p.start < raw_end && raw_start < p.start + p.len)
            .collect();
        covered.iter().all(|p| p.linkable)
            && covered.windows(2).all(|w| w[1].event == w[0].event + 1)
    }
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
    /// The closing tag at its real end (may add more, e.g. a note reference).
    pub close_last: String,
}

/// Where a span opens or closes, with what orders the points at one place, and the span.
type Point = (Pos, PointKind, std::cmp::Reverse<Pos>, isize, usize);

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum PointKind {
    Close,
    Open,
}

/// Renders an article's events with block wrappers (`<div class="block" id="pN">`), the
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
        spans,
    };
    let mut pi = 0;
    for (k, event) in events.into_iter().enumerate() {
        if let Some((bi, true)) = block_at[k] {
            let n = blocks[bi].number.unwrap_or(0);
            out.push(Event::Html(
                format!("<div class=\"block\" id=\"p{n}\">").into(),
            ));
        }
        while pi < points.len()
            && points[pi].0
                == (Pos {
                    event: k,
                    offset: 0,
                })
        {
            w.apply(&points[pi], &mut out);
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
                out.push(Event::Start(tag));
                w.depth += 1;
                w.reopen(reopened, &mut out);
            }
            Event::End(tag) if is_inline(&tag) => {
                let cut = w.stack.iter().position(|(_, d)| *d >= w.depth);
                let reopened = cut.map(|c| w.cut(c, &mut out)).unwrap_or_default();
                out.push(Event::End(tag));
                w.depth -= 1;
                w.reopen(reopened, &mut out);
            }
            Event::Text(t) | Event::Code(t) if pi < points.len() && points[pi].0.event == k => {
                let code = matches!(event_kind, Kind::Code);
                let mut from = 0;
                while pi < points.len() && points[pi].0.event == k {
                    let at = points[pi].0.offset.min(t.len());
                    if at > from {
                        out.push(piece(&t, from..at, code));
                    }
                    from = from.max(at);
                    w.apply(&points[pi], &mut out);
                    pi += 1;
                }
                if from < t.len() {
                    out.push(piece(&t, from..t.len(), code));
                }
            }
            event => out.push(event),
        }
        if let Some((bi, false)) = block_at[k] {
            let n = blocks[bi].number.unwrap_or(0);
            let notes = after(n);
            out.push(Event::Html(format!("{notes}</div>\n").into()));
        }
    }
    let mut html = String::new();
    pulldown_cmark::html::push_html(&mut html, out.into_iter());
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
    spans: &'s [Span],
}

impl Writer<'_> {
    fn apply(&mut self, point: &Point, out: &mut Vec<Event>) {
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
                out.push(Event::InlineHtml(self.spans[s].close_last.clone().into()));
                self.reopen(above, out);
            }
        }
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
mod tests {
    use super::*;

    fn none(_: &str) -> Option<(String, String)> {
        None
    }

    #[test]
    fn raw_html_in_bodies_passes_the_allow_list() {
        let html = to_html(
            "<abbr title=\"North Atlantic\">NATO</abbr> <script>alert(1)</script>\n\n<img src=x onerror=alert(1)> <a href=\"javascript:alert(1)\">a</a> <iframe src=\"https://e.org\"></iframe> <form><input></form> <a href=\"data:text/html,x\">d</a>",
            &none,
        );
        assert!(
            html.contains("<abbr title=\"North Atlantic\">NATO</abbr>"),
            "{html}"
        );
        for bad in [
            "<script",
            "onerror",
            "javascript:",
            "<iframe",
            "<form",
            "<input",
            "data:",
        ] {
            assert!(!html.contains(bad), "{bad} in {html}");
        }
    }

    #[test]
    fn unsafe_markdown_links_become_text_everywhere() {
        let html = to_html(
            "[click](javascript:alert(1)) ![i](data:image/png,x) [ok](https://e.org) [rel](../x/)",
            &none,
        );
        assert!(
            !html.contains("javascript") && !html.contains("data:"),
            "{html}"
        );
        assert!(
            html.contains("click")
                && html.contains("href=\"https://e.org\"")
                && html.contains("href=\"../x/\"")
        );
        let mut article = String::new();
        pulldown_cmark::html::push_html(
            &mut article,
            parse("[x](JaVaScRiPt:alert(1)) <b>raw</b>", &none).into_iter(),
        );
        assert!(
            !article.contains("href") && article.contains("&lt;b&gt;raw"),
            "{article}"
        );
    }

    #[test]
    fn url_schemes() {
        for ok in [
            "https://e.org",
            "http://e.org",
            "mailto:a@b.c",
            "../x/",
            "#p1",
            "x/y:z",
            "?q=a:b",
        ] {
            assert!(safe_url(ok), "{ok}");
        }
        for bad in [
            "javascript:x",
            " javascript:x",
            "java\nscript:x",
            "vbscript:x",
            "data:x",
            "file:///etc",
        ] {
            assert!(!safe_url(bad), "{bad}");
        }
    }
}

#[cfg(test)]
mod span_tests {
    use super::*;

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
