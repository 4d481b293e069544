//! The contract's text comparison: NFC (done when files are read), typographic quotes
//! folded to straight ones, runs of white space as one space.

/// One normalised byte's source: the byte range it stands for in the original text.
pub type Source = (u32, u32);

/// Folds a character the way quotes are compared.
fn fold(c: char) -> char {
    match c {
        '\u{2018}' | '\u{2019}' => '\'',
        '\u{201c}' | '\u{201d}' => '"',
        c => c,
    }
}

/// `s` normalised, with the source range of every byte of the result.
pub fn normalize_mapped(s: &str) -> (String, Vec<Source>) {
    let mut out = String::with_capacity(s.len());
    let mut map: Vec<Source> = Vec::with_capacity(s.len());
    let mut pending_space: Option<(u32, u32)> = None;
    for (i, c) in s.char_indices() {
        let (start, end) = (i as u32, (i + c.len_utf8()) as u32);
        if c.is_whitespace() {
            pending_space = Some(match pending_space {
                Some((s0, _)) => (s0, end),
                None => (start, end),
            });
            continue;
        }
        if let Some(space) = pending_space.take() {
            if !out.is_empty() {
                out.push(' ');
                map.push(space);
            }
        }
        let f = fold(c);
        out.push(f);
        map.extend(std::iter::repeat_n((start, end), f.len_utf8()));
    }
    (out, map)
}

/// `s` normalised: quotes folded, white space collapsed and trimmed.
pub fn normalize(s: &str) -> String {
    normalize_mapped(s).0
}

/// Whether `c` counts as part of a word (a mention must not touch one).
pub fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_quotes_and_collapses_space() {
        assert_eq!(
            normalize("  “NATO-style”\n\t guarantees ’s "),
            "\"NATO-style\" guarantees 's"
        );
    }

    #[test]
    fn maps_every_byte_back_to_its_source() {
        let src = "a  ’b";
        let (n, map) = normalize_mapped(src);
        assert_eq!(n, "a 'b");
        assert_eq!(map, vec![(0, 1), (1, 3), (3, 6), (6, 7)]);
    }
}
