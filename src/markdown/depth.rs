//! How deep the HTML of a body with raw HTML nests (Markdown's own blocks and the raw
//! HTML together, as the sanitizer reads them). The HTML parser behind the sanitizer
//! looks through every open element at each new one, so a body nested tens of
//! thousands deep (`<div>` written 50,000 times, 250 kB; or as many `>`) took it tens
//! of seconds on each build. Browsers give up deeper than 512 (Chromium's parser
//! flattens the rest): a body deeper than that is an error, and its raw HTML is shown
//! as text until it is fixed.
//!
//! Read with html5ever's tokenizer, which takes time in proportion to the text: start
//! and end tags counted, leaving out the elements that end themselves (`<br>`, `<p>`).

use std::cell::Cell;

use html5ever::tokenizer::states::RawKind;
use html5ever::tokenizer::{
    BufferQueue, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts,
};
use pulldown_cmark::{Event, Parser};

/// The deepest a body's raw HTML may nest: as deep as Chromium's parser builds.
pub const MOST: usize = 512;

/// Elements with no end tag, or whose end tag may be left out (the parser closes them
/// at the next of their kind): never counted as open.
const OPEN_ENDED: [&str; 30] = [
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
    "wbr", "param", "keygen", "p", "li", "dt", "dd", "option", "optgroup", "tr", "td", "th",
    "thead", "tbody", "tfoot", "rb", "rt", "rp",
];

#[derive(Default)]
struct Depth {
    open: Cell<usize>,
    /// Whether the depth passed `MOST`.
    over: Cell<bool>,
}

impl TokenSink for Depth {
    type Handle = ();

    fn process_token(&self, token: Token, _line: u64) -> TokenSinkResult<()> {
        let Token::TagToken(tag) = token else {
            return TokenSinkResult::Continue;
        };
        let name: &str = &tag.name;
        match tag.kind {
            TagKind::EndTag => self.open.set(self.open.get().saturating_sub(1)),
            TagKind::StartTag if !tag.self_closing && !OPEN_ENDED.contains(&name) => {
                self.open.set(self.open.get() + 1);
                if self.open.get() > MOST {
                    self.over.set(true);
                }
            }
            TagKind::StartTag => {}
        }
        // What the tree builder would tell the tokenizer: these hold text, not tags.
        match (tag.kind, name) {
            (TagKind::StartTag, "script") => TokenSinkResult::RawData(RawKind::ScriptData),
            (TagKind::StartTag, "style" | "xmp" | "iframe" | "noembed" | "noframes") => {
                TokenSinkResult::RawData(RawKind::Rawtext)
            }
            (TagKind::StartTag, "title" | "textarea") => TokenSinkResult::RawData(RawKind::Rcdata),
            (TagKind::StartTag, "plaintext") => TokenSinkResult::Plaintext,
            _ => TokenSinkResult::Continue,
        }
    }
}

/// Whether `html` nests deeper than `MOST`.
fn too_deep_html(html: &str) -> bool {
    let tokenizer = Tokenizer::new(Depth::default(), TokenizerOpts::default());
    let input = BufferQueue::default();
    input.push_back(html.into());
    let _ = tokenizer.feed(&input);
    tokenizer.end();
    tokenizer.sink.over.get()
}

/// Whether `events`, written as HTML, nest deeper than `MOST`. Written only when
/// they hold more elements and tags than that, which few bodies do.
pub(super) fn nests_too_deep(events: &[Event]) -> bool {
    let tags: usize = (events.iter())
        .map(|e| match e {
            Event::Start(_) => 1,
            Event::Html(h) | Event::InlineHtml(h) => {
                memchr::memchr_iter(b'<', h.as_bytes()).count()
            }
            _ => 0,
        })
        .sum();
    if tags <= MOST {
        return false;
    }
    let mut html = String::new();
    super::push_html(&mut html, events.iter().cloned());
    too_deep_html(&html)
}

/// Whether `body`, written as HTML with its raw HTML kept, nests too deep: what
/// `render` then shows as text.
pub fn too_deep(body: &str) -> bool {
    nests_too_deep(&Parser::new_ext(body, super::options()).collect::<Vec<_>>())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_what_stays_open() {
        assert!(!too_deep_html(&"<div>".repeat(MOST)));
        assert!(too_deep_html(&"<div>".repeat(MOST + 1)));
        assert!(too_deep_html(&"<b><i>".repeat(MOST)));
        // Closed, or closing themselves: as deep as one.
        assert!(!too_deep_html(&"<div>x</div>".repeat(5 * MOST)));
        assert!(!too_deep_html(&"<p>x<br><li>y<img src=a>".repeat(5 * MOST)));
        // Tags inside a script are its text.
        let script = format!("<script>{}</script>", "<div>".repeat(2 * MOST));
        assert!(!too_deep_html(&script));
    }
}
