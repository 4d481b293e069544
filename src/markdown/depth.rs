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
    /// Where, in tags read, the depth first passed `MOST`.
    over_at: Cell<Option<usize>>,
    tags: Cell<usize>,
}

impl TokenSink for Depth {
    type Handle = ();

    fn process_token(&self, token: Token, _line: u64) -> TokenSinkResult<()> {
        let Token::TagToken(tag) = token else {
            return TokenSinkResult::Continue;
        };
        self.tags.set(self.tags.get() + 1);
        let name: &str = &tag.name;
        match tag.kind {
            TagKind::EndTag => self.open.set(self.open.get().saturating_sub(1)),
            TagKind::StartTag if !tag.self_closing && !OPEN_ENDED.contains(&name) => {
                self.open.set(self.open.get() + 1);
                if self.open.get() > MOST && self.over_at.get().is_none() {
                    self.over_at.set(Some(self.tags.get()));
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

/// Whether `html`, the raw HTML of a body read as one, nests deeper than `MOST`.
pub fn too_deep(html: &str) -> bool {
    // Fewer tags than that cannot nest so deep.
    if memchr::memchr_iter(b'<', html.as_bytes()).count() <= MOST {
        return false;
    }
    let tokenizer = Tokenizer::new(Depth::default(), TokenizerOpts::default());
    let input = BufferQueue::default();
    input.push_back(html.into());
    let _ = tokenizer.feed(&input);
    tokenizer.end();
    tokenizer.sink.over_at.get().is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_what_stays_open() {
        assert!(!too_deep(&"<div>".repeat(MOST)));
        assert!(too_deep(&"<div>".repeat(MOST + 1)));
        assert!(too_deep(&"<b><i>".repeat(MOST)));
        // Closed, or closing themselves: as deep as one.
        assert!(!too_deep(&"<div>x</div>".repeat(5 * MOST)));
        assert!(!too_deep(&"<p>x<br><li>y<img src=a>".repeat(5 * MOST)));
        // Tags inside a script are its text.
        let script = format!("<script>{}</script>", "<div>".repeat(2 * MOST));
        assert!(!too_deep(&script));
    }
}
