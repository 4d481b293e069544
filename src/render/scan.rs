//! Reads the `href`, `src` and `id` attributes of an HTML page as a browser's tokenizer
//! does (the WHATWG tokenizer states, written out for these three attributes).
//!
//! Why not a crate: the link check reads every page of every build, and a page must be
//! read as markup, not as text (prose `href=foo`, code showing `<a href=…>`, a comment, a
//! script or a title never holds a link or an id). Every spec-compliant tokenizer crate
//! measured (`html5gum`, `lol_html`, html5ever's tokenizer, `tl`) costs 0.25–0.8 s more
//! on a 10,000-article site (a build of about 1.3 s), far over the 5% a build may grow
//! for the check; this scanner costs a few hundredths of a second. It is proved against
//! html5ever through `scraper` (a full HTML5 parser) by a differential property test
//! (`tests/link_scanner_diff.rs`) and a fuzz target (`fuzz/fuzz_targets/link_scanner.rs`).
//!
//! What it follows: start and end tags (attributes of end tags are read and dropped),
//! quoted and unquoted values, case-insensitive names, the first of two attributes of one
//! name, tags cut off by the end of the page (dropped), comments (`<!-->` and `--!>`
//! included), `<!…>`, `<?…>` and `</…>` bogus comments, the raw text of `script` (with
//! its `<!--` escapes), `style`, `xmp`, `iframe`, `noembed`, `noframes`, `noscript`,
//! `textarea`, `title` and `plaintext`, and character references, decoded with
//! html5ever's own tables (`markup5ever::data`, already built for the sanitizer).
//! What it leaves to a tree builder: foreign content (`<svg>`, `<math>`, where CDATA and
//! a `<title>` differ) and the tree builder's own rules that drop or merge tags (a
//! second `<body>`, table parts outside a table, tags inside `<select>`, a nested
//! `<form>`). The generator writes none of these; the oracle tests skip such pages.

use std::borrow::Cow;

pub use super::charref::decode;

/// The attributes the link check reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Attribute {
    /// `href` or `src`.
    Link,
    /// `id`.
    Id,
}

fn ws(c: u8) -> bool {
    // The tokenizer sees `\r` as `\n` (input streams normalise new lines).
    matches!(c, b' ' | b'\t' | b'\n' | b'\r' | b'\x0c')
}

/// Bytes that end a name: 1, white space, `/` or `>` (a tag's name); 2, also `=` (an
/// attribute's). A table, as names are read byte by byte on every page.
const ENDS: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut i = 0;
    while i < 256 {
        let c = i as u8;
        if matches!(c, b' ' | b'\t' | b'\n' | b'\r' | b'\x0c' | b'/' | b'>') {
            t[i] = 3;
        } else if c == b'=' {
            t[i] = 2;
        }
        i += 1;
    }
    t
};

/// Calls `found` with each `href`, `src` and `id` value of an HTML page, entities
/// decoded, in page order, with the byte offset of the value in `html`.
pub fn attributes<'h>(html: &'h str, mut found: impl FnMut(Attribute, Cow<'h, str>, usize)) {
    attribute_spans(html, |attribute, value, span| {
        found(attribute, value, span.start)
    });
}

/// `attributes`, with the byte range of each value as written in `html` (without its
/// quotes).
pub fn attribute_spans<'h>(
    html: &'h str,
    mut found: impl FnMut(Attribute, Cow<'h, str>, std::ops::Range<usize>),
) {
    walk(html, None, |_, pending, _| {
        for &(attribute, s, e) in pending {
            found(attribute, decode(&html[s..e]), s..e);
        }
    });
}

/// The spans of an attribute's name and value: `[name start, name end, value start,
/// value end]`.
pub(super) type Spans = [usize; 4];

/// Reads the start tags of `html`, giving out each (once it closes: a tag cut off by the
/// end of the page is no tag) with the span of its name, its link and id attributes,
/// and (with `all`) every attribute.
pub(super) fn walk(
    html: &str,
    mut all: Option<&mut Vec<Spans>>,
    mut found: impl FnMut((usize, usize), &[(Attribute, usize, usize)], &[Spans]),
) {
    let b = html.as_bytes();
    let n = b.len();
    let mut i = 0;
    // The attributes of the tag being read: (attribute, value start, value end), given
    // out once the tag closes (a tag cut off by the end of the page is no tag).
    let mut pending: Vec<(Attribute, usize, usize)> = Vec::new();
    while let Some(at) = memchr::memchr(b'<', &b[i..]) {
        i += at + 1;
        let Some(&c) = b.get(i) else { break };
        match c {
            b'!' => {
                i = markup_declaration(b, i + 1);
                continue;
            }
            b'?' => {
                i = bogus_comment(b, i);
                continue;
            }
            b'/' => {
                match b.get(i + 1) {
                    Some(c) if c.is_ascii_alphabetic() => {
                        // An end tag: its attributes are read (quotes matter) and dropped.
                        let (end, _) = tag(b, i + 1, &mut Vec::new(), false, None);
                        if end > n {
                            break;
                        }
                        i = end;
                    }
                    Some(b'>') => i += 2,
                    Some(_) => i = bogus_comment(b, i + 1),
                    None => break,
                }
                continue;
            }
            c if c.is_ascii_alphabetic() => {}
            _ => continue, // a `<` in text
        }
        pending.clear();
        if let Some(all) = all.as_deref_mut() {
            all.clear();
        }
        let (end, name) = tag(b, i, &mut pending, true, all.as_deref_mut());
        if end > n {
            break; // cut off
        }
        found(name, &pending, all.as_deref().map_or(&[], Vec::as_slice));
        i = end;
        let name = &b[name.0..name.1];
        i = match raw_text(name) {
            None => i,
            Some(Raw::Plaintext) => break,
            Some(Raw::Script) => script_end(b, i),
            Some(Raw::Until(t)) => end_tag(b, i, t),
        };
    }
}

/// Reads a tag from the start of its name at `i`: returns the index after its `>`
/// (more than the length when the page ends first) and the span of its name. With
/// `keep`, the link and id attributes go to `pending` (once each name), and with `all`,
/// every attribute to `all`.
fn tag(
    b: &[u8],
    mut i: usize,
    pending: &mut Vec<(Attribute, usize, usize)>,
    keep: bool,
    mut all: Option<&mut Vec<Spans>>,
) -> (usize, (usize, usize)) {
    let n = b.len();
    let name_start = i;
    while i < n && ENDS[b[i] as usize] & 1 == 0 {
        i += 1;
    }
    let name = (name_start, i);
    // Seen attribute names, for "the first of two attributes of one name wins".
    let mut seen = [false; 3];
    loop {
        while i < n && (ws(b[i]) || b[i] == b'/') {
            i += 1;
        }
        if i >= n {
            return (n + 1, name);
        }
        if b[i] == b'>' {
            return (i + 1, name);
        }
        // An attribute name: its first character may be `=`.
        let s = i;
        i += 1;
        while i < n && ENDS[b[i] as usize] == 0 {
            i += 1;
        }
        let an = &b[s..i];
        while i < n && ws(b[i]) {
            i += 1;
        }
        let mut value = (i, i);
        if i < n && b[i] == b'=' {
            i += 1;
            while i < n && ws(b[i]) {
                i += 1;
            }
            match b.get(i) {
                Some(&q @ (b'"' | b'\'')) => match memchr::memchr(q, &b[i + 1..]) {
                    Some(e) => {
                        value = (i + 1, i + 1 + e);
                        i += e + 2;
                    }
                    None => return (n + 1, name),
                },
                Some(b'>') => value = (i, i),
                Some(_) => {
                    let v = i;
                    while i < n && !ws(b[i]) && b[i] != b'>' {
                        i += 1;
                    }
                    value = (v, i);
                }
                None => return (n + 1, name),
            }
        }
        if !keep {
            continue;
        }
        if let Some(all) = all.as_deref_mut() {
            all.push([s, s + an.len(), value.0, value.1]);
        }
        let slot = if an.eq_ignore_ascii_case(b"id") {
            0
        } else if an.eq_ignore_ascii_case(b"href") {
            1
        } else if an.eq_ignore_ascii_case(b"src") {
            2
        } else {
            continue;
        };
        if !std::mem::replace(&mut seen[slot], true) {
            let attribute = if slot == 0 {
                Attribute::Id
            } else {
                Attribute::Link
            };
            pending.push((attribute, value.0, value.1));
        }
    }
}

/// After `<!` at `i`: a comment, a doctype or a bogus comment; returns the index after it.
fn markup_declaration(b: &[u8], i: usize) -> usize {
    if !b[i..].starts_with(b"--") {
        return bogus_comment(b, i);
    }
    let s = i + 2;
    // `<!-->` and `<!--->` are whole comments.
    if b[s..].starts_with(b">") {
        return s + 1;
    }
    if b[s..].starts_with(b"->") {
        return s + 2;
    }
    let mut j = s;
    while let Some(at) = memchr::memchr(b'>', &b[j..]) {
        let gt = j + at;
        let body = &b[s..gt];
        if body.ends_with(b"--") || body.ends_with(b"--!") {
            return gt + 1;
        }
        j = gt + 1;
    }
    b.len()
}

/// A bogus comment from `i` to the next `>`.
fn bogus_comment(b: &[u8], i: usize) -> usize {
    memchr::memchr(b'>', &b[i..]).map_or(b.len(), |e| i + e + 1)
}

enum Raw {
    Script,
    Plaintext,
    Until(&'static [u8]),
}

/// How the content of an element named `name` is read, when not as markup.
fn raw_text(name: &[u8]) -> Option<Raw> {
    const UNTIL: [&[u8]; 9] = [
        b"style",
        b"xmp",
        b"iframe",
        b"noembed",
        b"noframes",
        // Raw text while scripting is on, as in browsers and html5ever's default.
        b"noscript",
        b"textarea",
        b"title",
        b"script",
    ];
    // Most tags are none of these: a look at the length and first letter says so.
    if !(3..=9).contains(&name.len())
        || !matches!(name[0] | 0x20, b's' | b'x' | b'i' | b'n' | b't' | b'p')
    {
        return None;
    }
    if name.eq_ignore_ascii_case(b"plaintext") {
        return Some(Raw::Plaintext);
    }
    let t = UNTIL.iter().find(|t| name.eq_ignore_ascii_case(t))?;
    Some(if *t == b"script" {
        Raw::Script
    } else {
        Raw::Until(t)
    })
}

/// Whether `</name` (any case) followed by white space, `/` or `>` starts at `k`.
fn closes(b: &[u8], k: usize, name: &[u8]) -> bool {
    let e = k + 2 + name.len();
    b.len() > e
        && b[k + 1] == b'/'
        && b[k + 2..e].eq_ignore_ascii_case(name)
        && (ws(b[e]) || b[e] == b'/' || b[e] == b'>')
}

/// The index of the `<` of the end tag `</name` that ends raw text from `i`, or the end.
fn end_tag(b: &[u8], mut i: usize, name: &[u8]) -> usize {
    while let Some(at) = memchr::memchr(b'<', &b[i..]) {
        let k = i + at;
        if closes(b, k, name) {
            return k;
        }
        i = k + 1;
    }
    b.len()
}

/// The index of the `</script` that ends a script from `i`, or the end: a script's text
/// may hold `<!--`, inside which `<script>` … `</script>` does not end it.
fn script_end(b: &[u8], mut i: usize) -> usize {
    #[derive(PartialEq)]
    enum State {
        Data,
        Escaped,
        DoubleEscaped,
    }
    let mut state = State::Data;
    // Where the dashes that can end an escape may start.
    let mut dashes_from = i;
    let n = b.len();
    while i < n {
        let Some(at) = memchr::memchr2(b'<', b'>', &b[i..]) else {
            return n;
        };
        let k = i + at;
        if b[k] == b'>' {
            if state != State::Data && k >= dashes_from + 2 && b[k - 2..k] == *b"--" {
                state = State::Data;
            }
            i = k + 1;
            continue;
        }
        match state {
            State::Data | State::Escaped if closes(b, k, b"script") => return k,
            State::Data => {
                if b[k + 1..].starts_with(b"!--") {
                    state = State::Escaped;
                    // The dashes of `<!--` count: `<!-->` ends the escape.
                    dashes_from = k + 2;
                    i = k + 4;
                    continue;
                }
            }
            State::Escaped => {
                if opens_script(b, k) {
                    state = State::DoubleEscaped;
                    i = k + 8;
                    dashes_from = i;
                    continue;
                }
            }
            State::DoubleEscaped => {
                if closes(b, k, b"script") {
                    state = State::Escaped;
                    i = k + 9;
                    dashes_from = i;
                    continue;
                }
            }
        }
        i = k + 1;
    }
    n
}

/// Whether `<script` (any case) followed by white space, `/` or `>` starts at `k`.
fn opens_script(b: &[u8], k: usize) -> bool {
    let e = k + 7;
    b.len() > e
        && b[k + 1..e].eq_ignore_ascii_case(b"script")
        && (ws(b[e]) || matches!(b[e], b'/' | b'>'))
}

#[cfg(test)]
#[path = "scan_tests.rs"]
mod tests;
