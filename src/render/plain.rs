//! The text of an HTML fragment as a browser's `textContent` gives it: tags and comments
//! removed, character references decoded. Read piece by piece, so that a caller can
//! also see where each element starts and ends in that text (the annotation export
//! counts code points up to each marked passage).

use std::borrow::Cow;

/// A piece of an HTML fragment.
#[derive(Debug, PartialEq, Eq)]
pub enum Piece<'a> {
    /// Text, its character references decoded.
    Text(Cow<'a, str>),
    /// A start or end tag, as written (`<mark id="x">`, `</mark>`).
    Tag(&'a str),
}

/// The pieces of `html`, in order (comments and doctypes are left out), read lazily so
/// that a caller can stop early. Made for the HTML this program writes: attribute values
/// quoted, no `<script>` or `<style>`.
pub fn pieces(html: &str) -> Pieces<'_> {
    Pieces {
        rest: html,
        pending: None,
    }
}

/// The iterator of [`pieces`].
pub struct Pieces<'a> {
    rest: &'a str,
    /// A tag found after a text piece, returned next.
    pending: Option<&'a str>,
}

impl<'a> Iterator for Pieces<'a> {
    type Item = Piece<'a>;

    fn next(&mut self) -> Option<Piece<'a>> {
        if let Some(tag) = self.pending.take() {
            return Some(Piece::Tag(tag));
        }
        let mut text_end = 0;
        loop {
            let rest = self.rest;
            let Some(lt) = memchr::memchr(b'<', &rest.as_bytes()[text_end..]).map(|i| i + text_end)
            else {
                self.rest = "";
                return text(rest);
            };
            let after = &rest[lt + 1..];
            let markup = (after.as_bytes().first())
                .is_some_and(|c| c.is_ascii_alphabetic() || matches!(c, b'/' | b'!' | b'?'));
            if !markup {
                // A `<` that opens no tag is text.
                text_end = lt + 1;
                continue;
            }
            let before = &rest[..lt];
            let end = if let Some(comment) = after.strip_prefix("!--") {
                let close = memchr::memmem::find(comment.as_bytes(), b"-->");
                lt + 4 + close.map_or(comment.len(), |e| e + 3)
            } else {
                tag_end(after).map_or(rest.len(), |e| lt + 1 + e + 1)
            };
            self.rest = &rest[end..];
            let tag = (!after.starts_with(['!', '?'])).then(|| &rest[lt..end]);
            match (text(before), tag) {
                (Some(t), tag) => {
                    self.pending = tag;
                    return Some(t);
                }
                (None, Some(tag)) => return Some(Piece::Tag(tag)),
                // A comment or doctype alone: read on.
                (None, None) => text_end = 0,
            }
        }
    }
}

/// The offset of the `>` that ends a tag whose text (after `<`) is `s`: the first one
/// outside a quoted attribute value.
fn tag_end(s: &str) -> Option<usize> {
    let bytes = s.as_bytes();
    let mut at = 0;
    loop {
        let i = at + memchr::memchr3(b'>', b'"', b'\'', &bytes[at..])?;
        match bytes[i] {
            b'>' => return Some(i),
            quote => at = i + 1 + memchr::memchr(quote, &bytes[i + 1..])? + 1,
        }
    }
}

fn text(text: &str) -> Option<Piece<'_>> {
    (!text.is_empty()).then(|| Piece::Text(super::charref::decode(text)))
}

/// The `textContent` of `html`.
pub fn text_content(html: &str) -> String {
    pieces(html)
        .filter_map(|p| match p {
            Piece::Text(t) => Some(t),
            Piece::Tag(_) => None,
        })
        .collect()
}

/// The value of attribute `name` of a start tag, as written (`<mark id="x">` → `x`).
pub fn attribute<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let mut rest = tag;
    while let Some(at) = rest.find(name) {
        let before = rest[..at].chars().next_back();
        let value = rest[at + name.len()..].strip_prefix("=\"");
        if before.is_some_and(char::is_whitespace) {
            if let Some(v) = value {
                return v.find('"').map(|end| &v[..end]);
            }
        }
        rest = &rest[at + name.len()..];
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_what_a_browser_reads() {
        assert_eq!(
            text_content(
                "<p class=\"a>b\">Tom &amp; Ana&#8217;s <!-- x --><em>caf\u{e9}</em> 1 &lt; 2 😀</p>\n"
            ),
            "Tom & Ana\u{2019}s caf\u{e9} 1 < 2 😀\n"
        );
        assert_eq!(text_content("a < b"), "a < b");
    }

    #[test]
    fn pieces_come_one_by_one_around_comments_and_quoted_brackets() {
        let html = "a<!-- x -->b<span title=\"1 > 0\">c</span><!--y--><br>";
        assert_eq!(
            pieces(html).collect::<Vec<_>>(),
            [
                Piece::Text("a".into()),
                Piece::Text("b".into()),
                Piece::Tag("<span title=\"1 > 0\">"),
                Piece::Text("c".into()),
                Piece::Tag("</span>"),
                Piece::Tag("<br>"),
            ]
        );
        // A tag the page cuts off takes the rest; the iterator stops where asked.
        assert_eq!(pieces("x<a href=\"y").count(), 2);
        assert_eq!(
            pieces("<p>one</p><p>two</p>").nth(1),
            Some(Piece::Text("one".into()))
        );
    }

    #[test]
    fn attributes_are_read_from_start_tags() {
        let tag = "<mark class=\"annotated context\" id=\"mark-x\" data-note=\"x\">";
        assert_eq!(attribute(tag, "id"), Some("mark-x"));
        assert_eq!(attribute(tag, "data-note"), Some("x"));
        assert_eq!(attribute(tag, "note"), None);
    }
}
