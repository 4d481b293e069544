//! Fitting a card's text into its box: resvg draws each line where it is told and never
//! wraps, so lines are made here, greedily, with the advance widths of the fonts the
//! card is drawn with (read by `skrifa`, the reader usvg itself shapes with), shrinking
//! the size until the text fits in its lines, and cutting it with an ellipsis only when
//! it does not fit even at the smallest size.

use serde::Serialize;
use skrifa::instance::{LocationRef, Size};
use skrifa::{FontRef, MetadataProvider};

/// The face every card's text is set in.
pub const MAIN: &[u8] = include_bytes!("../../../assets/fonts/CharisSIL-Bold.ttf");
/// The face for the letters the main face lacks (Arabic, Hebrew, Armenian, Georgian …).
pub const FALLBACK: &[u8] = include_bytes!("../../../assets/fonts/DejaVuSans-Bold.ttf");

/// Shaping (kerning, the joined forms of Arabic) makes a line a little wider or
/// narrower than the sum of its letters' advances: lines are made this much narrower
/// than their box, which the tests check against the laid-out text.
const SLACK: f32 = 0.92;

/// A block of text as the card's template places it: its size and its lines.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Block {
    /// The font size in pixels.
    pub size: f32,
    /// Its lines, each with the baseline it sits on.
    pub lines: Vec<Line>,
}

/// One line of a block.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Line {
    /// Its text.
    pub text: String,
    /// Its baseline, in pixels from the card's top.
    pub y: f32,
}

/// The widths of letters, in the faces a card is drawn with.
pub struct Measure {
    faces: [Face; 2],
}

struct Face {
    font: FontRef<'static>,
    upem: f32,
}

impl Measure {
    /// The measure of the faces shipped in the binary.
    pub fn new() -> Measure {
        let face = |bytes: &'static [u8]| {
            // The faces are in the binary, and a test reads them: they always parse.
            let font = FontRef::new(bytes).expect("a shipped font parses");
            let upem = font
                .metrics(Size::unscaled(), LocationRef::default())
                .units_per_em as f32;
            Face { font, upem }
        };
        Measure {
            faces: [face(MAIN), face(FALLBACK)],
        }
    }

    /// The advance of `text` at 1 px, letter by letter, each in the first face that has
    /// it (a letter neither has is drawn as the main face's missing-letter box).
    pub fn width(&self, text: &str) -> f32 {
        let metrics: Vec<_> = self
            .faces
            .iter()
            .map(|f| {
                (
                    f.font.charmap(),
                    f.font
                        .glyph_metrics(Size::unscaled(), LocationRef::default()),
                    f.upem,
                )
            })
            .collect();
        text.chars()
            .map(|c| {
                let found = metrics
                    .iter()
                    .find_map(|(map, m, upem)| Some((map.map(c)?, m, upem)));
                let (glyph, m, upem) = match found {
                    Some(f) => f,
                    None => (skrifa::GlyphId::new(0), &metrics[0].1, &metrics[0].2),
                };
                m.advance_width(glyph).unwrap_or(0.0) / upem
            })
            .sum()
    }

    /// `text` in lines no wider than `width` at `size` px: broken between words, and
    /// a word wider than a line between its letters (never before a combining mark).
    pub fn wrap(&self, text: &str, size: f32, width: f32) -> Vec<String> {
        let max = width * SLACK / size;
        let space = self.width(" ");
        let mut lines = Vec::new();
        let mut line = String::new();
        let mut used = 0.0;
        for word in text.split_whitespace() {
            let w = self.width(word);
            if !line.is_empty() && used + space + w <= max {
                line.push(' ');
                line.push_str(word);
                used += space + w;
                continue;
            }
            if !line.is_empty() {
                lines.push(std::mem::take(&mut line));
                used = 0.0;
            }
            if w <= max {
                line.push_str(word);
                used = w;
                continue;
            }
            for piece in pieces(word) {
                let w = self.width(piece);
                if !line.is_empty() && used + w > max {
                    lines.push(std::mem::take(&mut line));
                    used = 0.0;
                }
                line.push_str(piece);
                used += w;
            }
        }
        if !line.is_empty() {
            lines.push(line);
        }
        lines
    }

    /// `text` set in the box from `top` to `bottom`, `width` wide: at the first of
    /// `sizes` (largest first) at which its lines fit, else at the last, cut with an
    /// ellipsis. A line is `LEADING` times the size apart from the next.
    pub fn fit(&self, text: &str, sizes: &[f32], width: f32, top: f32, bottom: f32) -> Block {
        let room = |size: f32| {
            // The first line's letters reach `ASCENT` above its baseline, the last's
            // `DESCENT` below.
            let first = size * (ASCENT + DESCENT);
            if bottom - top < first {
                return 1;
            }
            1 + ((bottom - top - first) / (size * LEADING)) as usize
        };
        let smallest = sizes.last().copied().unwrap_or(16.0);
        let mut chosen = None;
        for &size in sizes {
            let lines = self.wrap(text, size, width);
            if lines.len() <= room(size) {
                chosen = Some((size, lines));
                break;
            }
        }
        let (size, lines) = chosen.unwrap_or_else(|| {
            let mut lines = self.wrap(text, smallest, width);
            lines.truncate(room(smallest));
            if let Some(last) = lines.last_mut() {
                *last = self.cut(last, smallest, width);
            }
            (smallest, lines)
        });
        let first = top + size * ASCENT;
        Block {
            size,
            lines: lines
                .into_iter()
                .enumerate()
                .map(|(i, text)| Line {
                    text,
                    y: (first + i as f32 * size * LEADING).round(),
                })
                .collect(),
        }
    }

    /// `line` with an ellipsis after it, shortened until both fit in `width`.
    fn cut(&self, line: &str, size: f32, width: f32) -> String {
        let max = width * SLACK / size;
        let mut text = line.trim_end().to_string();
        loop {
            let with = format!("{text}…");
            if self.width(&with) <= max || text.is_empty() {
                return with;
            }
            text.pop();
            // A combining mark goes with the letter it marks.
            while text
                .chars()
                .last()
                .is_some_and(unicode_normalization::char::is_combining_mark)
            {
                text.pop();
            }
            text = text.trim_end().to_string();
        }
    }
}

impl Default for Measure {
    fn default() -> Self {
        Measure::new()
    }
}

/// How far above its baseline a line's letters reach, in sizes (capitals with accents).
pub const ASCENT: f32 = 1.0;
/// How far below it (descenders, and the marks under letters).
pub const DESCENT: f32 = 0.35;
/// From one baseline to the next, in sizes.
pub const LEADING: f32 = 1.18;

/// The letters of `word`, each with the combining marks after it.
fn pieces(word: &str) -> impl Iterator<Item = &str> {
    let mut rest = word;
    std::iter::from_fn(move || {
        let mut chars = rest.char_indices();
        chars.next()?;
        let end = chars
            .find(|(_, c)| !unicode_normalization::char::is_combining_mark(*c))
            .map_or(rest.len(), |(i, _)| i);
        let (piece, tail) = rest.split_at(end);
        rest = tail;
        Some(piece)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_title_wraps_between_words_and_each_line_fits() {
        let m = Measure::new();
        let title =
            "The long and winding road of a reform that nobody wanted and everybody voted for";
        let lines = m.wrap(title, 64.0, 1000.0);
        assert!(lines.len() > 1, "{lines:?}");
        assert_eq!(lines.join(" "), title);
        for l in &lines {
            assert!(m.width(l) * 64.0 <= 1000.0, "{l}");
        }
    }

    #[test]
    fn a_word_wider_than_a_line_breaks_between_letters_not_marks() {
        let m = Measure::new();
        let word = "e\u{301}".repeat(200);
        let lines = m.wrap(&word, 64.0, 1000.0);
        assert!(lines.len() > 1);
        assert_eq!(lines.concat(), word);
        assert!(lines.iter().all(|l| l.starts_with('e')), "{lines:?}");
    }

    #[test]
    fn text_too_long_for_the_smallest_size_is_cut_with_an_ellipsis() {
        let m = Measure::new();
        let text = "word ".repeat(400);
        let block = m.fit(&text, &[60.0, 40.0], 1000.0, 100.0, 400.0);
        assert_eq!(block.size, 40.0);
        assert!(block.lines.last().unwrap().text.ends_with('…'));
        let last = block.lines.last().unwrap().y;
        assert!(last + 40.0 * DESCENT <= 400.0, "{block:?}");
    }

    #[test]
    fn a_title_shrinks_before_it_is_cut() {
        let m = Measure::new();
        let text = "A title of some length that needs three lines at the largest size given here";
        let block = m.fit(text, &[90.0, 50.0], 1000.0, 0.0, 200.0);
        assert_eq!(block.size, 50.0, "{block:?}");
        assert!(!block.lines.iter().any(|l| l.text.contains('…')));
    }

    #[test]
    fn letters_missing_from_the_main_face_are_measured_in_the_fallback() {
        let m = Measure::new();
        assert!(m.width("مرحبا") > 1.0);
        assert!(m.width("中文") > 0.5);
    }
}
