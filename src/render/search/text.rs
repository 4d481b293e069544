//! The words of a text as the search index keeps them: split at Unicode word
//! boundaries (UAX #29, the rule `Intl.Segmenter` follows in the browser), lower-cased,
//! their diacritics folded (`Müller` → `muller`), and grouped by their Snowball stem
//! when the site's language has a stemmer (`index` stems each distinct word once).

use rust_stemmers::{Algorithm, Stemmer};
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;
use unicode_segmentation::UnicodeSegmentation;

/// The Snowball stemmer for a BCP 47 tag's primary language, if there is one.
pub fn stemmer(language: &str) -> Option<Stemmer> {
    let primary = language
        .split('-')
        .next()
        .unwrap_or("")
        .to_ascii_lowercase();
    let algorithm = match primary.as_str() {
        "ar" => Algorithm::Arabic,
        "da" => Algorithm::Danish,
        "de" => Algorithm::German,
        "el" => Algorithm::Greek,
        "en" => Algorithm::English,
        "es" => Algorithm::Spanish,
        "fi" => Algorithm::Finnish,
        "fr" => Algorithm::French,
        "hu" => Algorithm::Hungarian,
        "it" => Algorithm::Italian,
        "nl" => Algorithm::Dutch,
        "no" | "nb" | "nn" => Algorithm::Norwegian,
        "pt" => Algorithm::Portuguese,
        "ro" => Algorithm::Romanian,
        "ru" => Algorithm::Russian,
        "sv" => Algorithm::Swedish,
        "ta" => Algorithm::Tamil,
        "tr" => Algorithm::Turkish,
        _ => return None,
    };
    Some(Stemmer::create(algorithm))
}

/// A word as the index and the search page compare it: lower-cased, in canonical
/// decomposition with its combining marks dropped, and with the Greek final sigma `ς`
/// written as `σ`. (The page does the same with `toLowerCase`, `normalize("NFD")`,
/// `\p{M}` and a replacement of `ς`: its `toLowerCase` lowers a final `Σ` to `ς`, where
/// a letter lowered alone gives `σ`, and a writer writes either.)
pub fn fold(word: &str) -> String {
    if word.is_ascii() {
        return word.to_ascii_lowercase();
    }
    word.nfd()
        .filter(|c| !is_combining_mark(*c))
        .flat_map(char::to_lowercase)
        .map(|c| if c == FINAL_SIGMA { SIGMA } else { c })
        .collect()
}

/// The Greek small letter final sigma, and the sigma `fold` writes for it.
const FINAL_SIGMA: char = '\u{3c2}';
const SIGMA: char = '\u{3c3}';

/// The folded words of `text`, in order.
pub fn words(text: &str) -> impl Iterator<Item = String> + '_ {
    raw_words(text).map(fold)
}

/// The words of `text` as written, in order.
pub fn raw_words(text: &str) -> impl Iterator<Item = &str> + '_ {
    text.unicode_words()
}

/// The plain text of a Markdown body: its text and code, without markup or URLs.
pub fn markdown_text(body: &str) -> String {
    use pulldown_cmark::{Event, Parser};
    let mut out = String::with_capacity(body.len());
    for event in Parser::new(body) {
        match event {
            Event::Text(s) | Event::Code(s) => {
                out.push_str(&s);
                out.push(' ');
            }
            Event::SoftBreak | Event::HardBreak | Event::End(_) => out.push(' '),
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_split_at_unicode_boundaries_and_fold() {
        let w: Vec<String> = words("Friedrich Merz, Müller's «Élysée» 2025 — U.S. aid").collect();
        assert_eq!(
            w,
            [
                "friedrich",
                "merz",
                "muller's",
                "elysee",
                "2025",
                "u.s",
                "aid"
            ]
        );
        assert_eq!(
            words("Зеленський і НАТО").collect::<Vec<_>>(),
            ["зеленськии", "і", "нато"]
        );
    }

    #[test]
    fn the_greek_final_sigma_folds_as_sigma_in_any_case() {
        // Upper case, lower case with a final ς, and a σ written at the end: one word,
        // as the page's `toLowerCase` (which gives ς at a word's end) folds it too.
        for written in ["ΟΔΟΣ", "οδος", "Οδός", "οδοσ"] {
            assert_eq!(fold(written), "οδοσ", "{written}");
        }
        assert_eq!(fold("ΣΟΦΟΣ"), "σοφοσ");
        // The stem of either spelling is the same, so each finds the other.
        let greek = stemmer("el").unwrap();
        let stem = greek.stem(&fold("ΔΡΟΜΟΣ")).into_owned();
        assert_eq!(stem, greek.stem(&fold("δρόμος")));
        assert!(!stem.contains(FINAL_SIGMA), "{stem}");
    }

    #[test]
    fn stems_group_the_forms_of_a_word() {
        let s = stemmer("en-GB").unwrap();
        assert_eq!(s.stem("supports"), "support");
        assert_eq!(s.stem("supporting"), "support");
        assert_eq!(s.stem("opposes"), "oppos");
        assert!(stemmer("ja").is_none());
    }

    #[test]
    fn markdown_loses_its_markup_and_urls() {
        let text = markdown_text("A [link](https://example.org/hidden) and *stress* `code`.");
        let w: Vec<String> = words(&text).collect();
        assert_eq!(w, ["a", "link", "and", "stress", "code"]);
    }
}
