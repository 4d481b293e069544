//! The contract's text comparison: NFC (done when files are read), typographic quotes
//! folded to straight ones, runs of white space as one space.

mod words;
pub use words::{SHORT_TITLES, is_word_char, script_break};

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

/// Where each byte of a normalised text came from, stored as runs: most text maps byte
/// for byte at a fixed offset, so a run is kept only where that changes (a collapsed
/// run of white space, a character that is not ASCII), not one entry per byte.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SourceMap {
    runs: Vec<Run>,
    len: u32,
}

/// Normalised bytes from `out` on: byte for byte from `src` on (`whole: None`), or all
/// from the one source range `whole`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Run {
    out: u32,
    src: u32,
    whole: Option<Source>,
}

impl SourceMap {
    /// How many normalised bytes it maps.
    pub fn len(&self) -> usize {
        self.len as usize
    }

    /// Whether it maps nothing.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The source of normalised byte `i` (which must be less than `len`).
    pub fn source(&self, i: usize) -> Source {
        let i = i as u32;
        let run = &self.runs[self.runs.partition_point(|r| r.out <= i).saturating_sub(1)];
        match run.whole {
            Some(range) => range,
            None => {
                let at = run.src + (i - run.out);
                (at, at + 1)
            }
        }
    }

    /// Maps the next `n` normalised bytes byte for byte from `src` on.
    fn copied(&mut self, src: u32, n: u32) {
        let extends = self
            .runs
            .last()
            .is_some_and(|r| r.whole.is_none() && r.src + (self.len - r.out) == src);
        if !extends {
            self.runs.push(Run {
                out: self.len,
                src,
                whole: None,
            });
        }
        self.len += n;
    }

    /// Forgets the mapping of the normalised bytes from `len` on.
    fn truncate(&mut self, len: u32) {
        while self.runs.last().is_some_and(|r| r.out >= len) {
            self.runs.pop();
        }
        self.len = len;
    }

    /// Maps the next `n` normalised bytes all to `range`.
    fn whole(&mut self, range: Source, n: u32) {
        self.runs.push(Run {
            out: self.len,
            src: range.0,
            whole: Some(range),
        });
        self.len += n;
    }
}

/// `s` normalised, with the source range of every byte of the result.
pub fn normalize_mapped(s: &str) -> (String, SourceMap) {
    let mut out = String::with_capacity(s.len());
    let mut map = SourceMap::default();
    let mut pending_space: Option<Source> = None;
    let bytes = s.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        // A run of ASCII, most of any text, is copied as it is, single spaces between
        // words included.
        let run = ascii_run(&bytes[i..]);
        if run > 0 {
            if let Some(space) = pending_space.take() {
                if !out.is_empty() {
                    out.push(' ');
                    push_space(&mut map, space);
                }
            }
            out.push_str(&s[i..i + run]);
            map.copied(i as u32, run as u32);
            i += run;
            continue;
        }
        let c = s[i..].chars().next().unwrap_or(char::REPLACEMENT_CHARACTER);
        let (start, end) = (i as u32, (i + c.len_utf8()) as u32);
        i += c.len_utf8();
        if c.is_whitespace() {
            pending_space = Some(match pending_space {
                Some((s0, _)) => (s0, end),
                None => (start, end),
            });
            continue;
        }
        // A combining mark that the file wrote as a character reference (`e&#769;`: NFC
        // when the file was read, it was not yet a character) composes with the letter
        // before it, as NFC would: `é`, mapped to both.
        if pending_space.is_none()
            && unicode_normalization::char::is_combining_mark(c)
            && let Some(base) = out.chars().next_back()
            && let Some(composed) = unicode_normalization::char::compose(base, c)
        {
            let at = out.len() - base.len_utf8();
            let from = map.source(at).0;
            out.truncate(at);
            map.truncate(at as u32);
            out.push(composed);
            map.whole((from, end), composed.len_utf8() as u32);
            continue;
        }
        if let Some(space) = pending_space.take() {
            if !out.is_empty() {
                out.push(' ');
                push_space(&mut map, space);
            }
        }
        let f = fold(c);
        out.push(f);
        if f.len_utf8() == 1 && end - start == 1 {
            map.copied(start, 1);
        } else {
            map.whole((start, end), f.len_utf8() as u32);
        }
    }
    (out, map)
}

/// How many bytes at the start of `bytes` are ASCII that normalising leaves alone: no
/// white space but single spaces between other characters.
fn ascii_run(bytes: &[u8]) -> usize {
    let mut j = 0;
    while let Some(&b) = bytes.get(j) {
        if !b.is_ascii() {
            break;
        }
        if is_ascii_space(b) {
            let single = b == b' '
                && j > 0
                && bytes
                    .get(j + 1)
                    .is_some_and(|&n| n.is_ascii() && !is_ascii_space(n));
            if !single {
                break;
            }
        }
        j += 1;
    }
    j
}

/// One space standing for the white space at `range`.
fn push_space(map: &mut SourceMap, range: Source) {
    if range.1 - range.0 == 1 {
        map.copied(range.0, 1);
    } else {
        map.whole(range, 1);
    }
}

/// The ASCII characters `char::is_whitespace` accepts.
fn is_ascii_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | 0x0b | 0x0c | b'\r')
}

/// `s` normalised: quotes folded, white space collapsed and trimmed.
pub fn normalize(s: &str) -> String {
    normalize_mapped(s).0
}

/// Whether `s` shows nothing: only white space, control characters and the characters
/// Unicode says to draw as nothing (its Default_Ignorable_Code_Point set: zero-width
/// space and joiners, soft hyphen, direction marks, variation selectors, tags, the
/// byte-order mark; the Hangul fillers). A name or title made of them would be an
/// invisible link. Written out because no crate in the tree exposes the property;
/// the ranges are those of Unicode 16's DerivedCoreProperties.txt.
pub fn is_blank(s: &str) -> bool {
    s.chars().all(|c| {
        c.is_whitespace()
            || c.is_control()
            || matches!(c as u32,
                0x00AD | 0x034F | 0x061C | 0x115F..=0x1160 | 0x17B4..=0x17B5
                | 0x180B..=0x180F | 0x200B..=0x200F | 0x202A..=0x202E | 0x2060..=0x206F
                | 0x3164 | 0xFE00..=0xFE0F | 0xFEFF | 0xFFA0 | 0xFFF0..=0xFFF8
                | 0x1BCA0..=0x1BCA3 | 0x1D173..=0x1D17A | 0xE0000..=0xE0FFF)
    })
}

/// Whether no page may hold `c`: a control character other than tab and line ends, or
/// a noncharacter. HTML calls them parse errors and XML (the feed, the sitemap, the
/// share cards' SVG) refuses them, so a text that holds one is an error where written.
pub fn is_forbidden(c: char) -> bool {
    let n = c as u32;
    (c.is_control() && !matches!(c, '\t' | '\n' | '\r'))
        || (0xFDD0..=0xFDEF).contains(&n)
        || n & 0xFFFE == 0xFFFE
}

/// The message for the forbidden character `c` in `what` (see `is_forbidden`).
pub fn forbidden_message(what: &str, c: char) -> String {
    let kind = if c.is_control() {
        "control character"
    } else {
        "noncharacter"
    };
    format!(
        "{what} holds the {kind} U+{:04X}, which no page can show: remove it (it often comes with pasted text)",
        c as u32
    )
}

/// The longest slug `slugify` makes, in bytes: a file is named after its slug, and a
/// file name may be no longer than 255 bytes on most file systems.
pub const SLUG_MAX: usize = 80;

/// A slug made from `s`: lower-case ASCII letters and digits, in words joined by single
/// hyphens (`Café Müller` → `cafe-muller`, `Straße` → `strasse`, `ΑΘΗΝΑ` → `athena`,
/// `Владимир Путин` → `vladimir-putin`). Every script is transliterated to ASCII (by
/// the deunicode crate), so a name in any script has a slug. At most `SLUG_MAX` bytes:
/// a longer one is cut at its last hyphen within that length, or at the length when a
/// single word is longer. Empty when nothing is left.
pub fn slugify(s: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    // Composed first, so that a letter and its combining accent are read as one letter.
    let composed: String = s.nfc().collect();
    let ascii = deunicode::deunicode_with_tofu(&composed, " ");
    let slug = ascii
        .to_ascii_lowercase()
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join("-");
    cap(slug)
}

/// `slug` cut to at most `SLUG_MAX` bytes, at a hyphen where it has one in reach.
fn cap(mut slug: String) -> String {
    if slug.len() > SLUG_MAX {
        // The slug is ASCII: every byte is a character boundary.
        let cut = slug[..=SLUG_MAX].rfind('-').filter(|&i| i > 0);
        slug.truncate(cut.unwrap_or(SLUG_MAX));
    }
    slug
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_spell_every_script_in_ascii() {
        assert_eq!(slugify("Café Müller"), "cafe-muller");
        assert_eq!(slugify("Mu\u{308}ller"), "muller");
        assert_eq!(slugify("Straße"), "strasse");
        assert_eq!(slugify("İstanbul"), "istanbul");
        assert_eq!(slugify("Łódź and Ærø"), "lodz-and-aero");
        assert_eq!(slugify("ΑΘΗΝΑ"), "athena");
        assert_eq!(slugify("Владимир Путин"), "vladimir-putin");
        assert_eq!(slugify("毛泽东"), "mao-ze-dong");
        assert_eq!(slugify("U.S."), "u-s");
        assert_eq!(slugify("« — »"), "");
    }

    #[test]
    fn slugs_are_cut_to_a_file_name_length() {
        // One word longer than the cap is cut at the cap.
        let word = "a".repeat(300);
        assert_eq!(slugify(&word), "a".repeat(SLUG_MAX));
        // Words are cut at the last hyphen within the cap, never inside a word.
        let words = "Word ".repeat(40);
        let slug = slugify(&words);
        assert!(slug.len() <= SLUG_MAX && slug.ends_with("-word"), "{slug}");
        assert_eq!(slug.len(), 79);
        // Exactly at the cap, nothing is cut.
        let exact = format!("{}-{}", "b".repeat(40), "c".repeat(39));
        assert_eq!(slugify(&exact), exact);
    }

    #[test]
    fn folds_quotes_and_collapses_space() {
        assert_eq!(
            normalize("  “NATO-style”\n\t guarantees ’s "),
            "\"NATO-style\" guarantees 's"
        );
    }

    #[test]
    fn ascii_space_is_what_char_calls_white_space() {
        for b in 0..128u8 {
            assert_eq!(is_ascii_space(b), (b as char).is_whitespace(), "byte {b}");
        }
    }

    #[test]
    fn maps_every_byte_back_to_its_source() {
        let src = "a  ’b";
        let (n, map) = normalize_mapped(src);
        assert_eq!(n, "a 'b");
        let sources: Vec<Source> = (0..map.len()).map(|i| map.source(i)).collect();
        assert_eq!(sources, vec![(0, 1), (1, 3), (3, 6), (6, 7)]);
        let src = " x\ny  é\tz";
        let (n, map) = normalize_mapped(src);
        assert_eq!(n, "x y é z");
        let sources: Vec<Source> = (0..map.len()).map(|i| map.source(i)).collect();
        assert_eq!(
            sources,
            vec![
                (1, 2),
                (2, 3),
                (3, 4),
                (4, 6),
                (6, 8),
                (6, 8),
                (8, 9),
                (9, 10)
            ]
        );
    }

    /// `Cafe&#x301;` reads as `e` and a combining accent, which NFC at reading did not
    /// see: quotes and names with `é` missed it (probe).
    #[test]
    fn a_combining_mark_composes_with_the_letter_before_it() {
        let (n, map) = normalize_mapped("Cafe\u{301} x \u{301}y");
        assert_eq!(n, "Café x \u{301}y");
        let sources: Vec<Source> = (0..map.len()).map(|i| map.source(i)).collect();
        assert_eq!(
            sources,
            vec![
                (0, 1),
                (1, 2),
                (2, 3),
                (3, 6),
                (3, 6),
                (6, 7),
                (7, 8),
                (8, 9),
                (9, 11),
                (9, 11),
                (11, 12)
            ]
        );
        assert_eq!(normalize("A\u{323}\u{302}"), "Ậ");
    }
}
