//! Character references in attribute values, decoded as the HTML tokenizer decodes them
//! (named ones from html5ever's own table, numeric ones with its replacements), for the
//! link scanner (`scan`). By hand around the table, as html5ever offers its decoder only
//! inside its tokenizer.

use std::borrow::Cow;

/// An attribute value with its character references decoded as the tokenizer does, and
/// its new lines and NULs as the input stream has them.
pub fn decode(v: &str) -> Cow<'_, str> {
    if memchr::memchr3(b'&', b'\r', b'\0', v.as_bytes()).is_none() {
        return Cow::Borrowed(v);
    }
    let v = match memchr::memchr2(b'\r', b'\0', v.as_bytes()) {
        None => Cow::Borrowed(v),
        Some(_) => Cow::Owned(
            v.replace("\r\n", "\n")
                .replace(['\r'], "\n")
                .replace('\0', "\u{fffd}"),
        ),
    };
    let mut out = String::with_capacity(v.len());
    let mut rest = &*v;
    while let Some(p) = memchr::memchr(b'&', rest.as_bytes()) {
        out.push_str(&rest[..p]);
        rest = &rest[p + 1..];
        // The references this program writes itself, without a look in the table.
        let common = [
            ("amp;", '&'),
            ("quot;", '"'),
            ("lt;", '<'),
            ("gt;", '>'),
            ("#39;", '\''),
        ]
        .into_iter()
        .find(|(name, _)| rest.starts_with(name));
        if let Some((name, c)) = common {
            out.push(c);
            rest = &rest[name.len()..];
            continue;
        }
        let used = match rest.as_bytes().first() {
            Some(b'#') => numeric(&rest[1..], &mut out).map(|u| u + 1),
            Some(c) if c.is_ascii_alphanumeric() => named(rest, &mut out),
            _ => None,
        };
        match used {
            Some(u) => rest = &rest[u..],
            None => out.push('&'),
        }
    }
    out.push_str(rest);
    Cow::Owned(out)
}

/// A named reference at the start of `s` (after the `&`), in an attribute value: pushes
/// its characters and returns the bytes used, or `None` when it stays as written.
fn named(s: &str, out: &mut String) -> Option<usize> {
    use markup5ever::data::NAMED_ENTITIES;
    // The table holds every name and every prefix of one: the longest full name wins.
    let mut best = None;
    for (len, c) in s.char_indices().map(|(i, c)| (i + c.len_utf8(), c)) {
        match NAMED_ENTITIES.get(&s[..len]) {
            Some(&(c1, c2)) if c1 != 0 => best = Some((len, c, c1, c2)),
            Some(_) => {}
            None => break,
        }
    }
    let (len, last, c1, c2) = best?;
    // For historical reasons, `&amp=` and `&ampx` stay as written in attributes.
    let next = s.as_bytes().get(len);
    if last != ';' && next.is_some_and(|&c| c == b'=' || c.is_ascii_alphanumeric()) {
        return None;
    }
    out.extend(
        [c1, c2]
            .into_iter()
            .filter(|&c| c != 0)
            .filter_map(char::from_u32),
    );
    Some(len)
}

/// A numeric reference after `&#`: pushes its character and returns the bytes used.
fn numeric(s: &str, out: &mut String) -> Option<usize> {
    let b = s.as_bytes();
    let (base, start) = match b.first() {
        Some(b'x' | b'X') => (16, 1),
        _ => (10, 0),
    };
    let mut i = start;
    let mut num: u32 = 0;
    let mut too_big = false;
    while let Some(d) = b.get(i).and_then(|&c| (c as char).to_digit(base)) {
        num = num.wrapping_mul(base);
        too_big |= num > 0x10FFFF;
        num = num.wrapping_add(d);
        i += 1;
    }
    if i == start {
        return None;
    }
    if b.get(i) == Some(&b';') {
        i += 1;
    }
    let c = match num {
        _ if too_big || num > 0x10FFFF => '\u{fffd}',
        0 | 0xD800..=0xDFFF => '\u{fffd}',
        0x80..=0x9F => markup5ever::data::C1_REPLACEMENTS[(num - 0x80) as usize]
            .or_else(|| char::from_u32(num))
            .unwrap_or('\u{fffd}'),
        n => char::from_u32(n).unwrap_or('\u{fffd}'),
    };
    out.push(c);
    Some(i)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_references_this_program_writes_decode_as_the_table_says() {
        for (written, read) in [
            ("a &amp; b", "a & b"),
            ("&quot;x&quot;", "\"x\""),
            ("&lt;p&gt;", "<p>"),
            ("it&#39;s", "it's"),
            // Near misses go the long way: a longer name, no `;`, an unknown name.
            ("&amplt;", "&amplt;"),
            ("&amp", "&"),
            ("&quotx", "&quotx"),
            ("&ltx", "&ltx"),
            ("&notin;", "\u{2209}"),
        ] {
            assert_eq!(decode(written), read, "{written}");
        }
    }

    #[test]
    fn carriage_returns_and_nuls_are_normalised_only_when_present() {
        assert!(matches!(decode("plain text"), Cow::Borrowed(_)));
        assert_eq!(decode("a\r\nb\rc\0"), "a\nb\nc\u{fffd}");
    }
}
