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

/// The pieces of `html`, in order (comments and doctypes are left out). Made for the
/// HTML this program writes: attribute values quoted, no `<script>` or `<style>`.
pub fn pieces(html: &str) -> Vec<Piece<'_>> {
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(lt) = memchr::memchr(b'<', rest.as_bytes()) {
        let after = &rest[lt + 1..];
        let markup = after
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphabetic() || c == '/' || c == '!' || c == '?');
        if !markup {
            // A `<` that opens no tag is text.
            push_text(&mut out, &rest[..lt + 1]);
            rest = after;
            continue;
        }
        push_text(&mut out, &rest[..lt]);
        if let Some(comment) = after.strip_prefix("!--") {
            let end = comment.find("-->").map_or(comment.len(), |e| e + 3);
            rest = &comment[end..];
            continue;
        }
        let end = tag_end(after).map_or(rest.len(), |e| lt + 1 + e + 1);
        if !after.starts_with(['!', '?']) {
            out.push(Piece::Tag(&rest[lt..end]));
        }
        rest = &rest[end..];
    }
    push_text(&mut out, rest);
    out
}

/// The offset of the `>` that ends a tag whose text (after `<`) is `s`: the first one
/// outside a quoted attribute value.
fn tag_end(s: &str) -> Option<usize> {
    let mut quote = None;
    for (i, c) in s.char_indices() {
        match (quote, c) {
            (None, '"' | '\'') => quote = Some(c),
            (Some(q), _) if c == q => quote = None,
            (None, '>') => return Some(i),
            _ => {}
        }
    }
    None
}

fn push_text<'a>(out: &mut Vec<Piece<'a>>, text: &'a str) {
    if !text.is_empty() {
        out.push(Piece::Text(super::charref::decode(text)));
    }
}

/// The `textContent` of `html`.
pub fn text_content(html: &str) -> String {
    pieces(html)
        .into_iter()
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
    fn attributes_are_read_from_start_tags() {
        let tag = "<mark class=\"annotated context\" id=\"mark-x\" data-note=\"x\">";
        assert_eq!(attribute(tag, "id"), Some("mark-x"));
        assert_eq!(attribute(tag, "data-note"), Some("x"));
        assert_eq!(attribute(tag, "note"), None);
    }
}
