//! The words of a text as the search index keeps them: split at Unicode word
//! boundaries (UAX #29, the rule `Intl.Segmenter` follows in the browser), lower-cased,
//! their diacritics folded (`Müller` → `muller`), and grouped by their Snowball stem
//! when the site's language has a stemmer.

use rust_stemmers::{Algorithm, Stemmer};
use rustc_hash::FxHashMap;
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
/// decomposition with its combining marks dropped. (The page does the same with
/// `toLowerCase`, `normalize("NFD")` and `\p{M}`.)
pub fn fold(word: &str) -> String {
    word.nfd()
        .filter(|c| !is_combining_mark(*c))
        .flat_map(char::to_lowercase)
        .collect()
}

/// The folded words of `text`, in order.
pub fn words(text: &str) -> impl Iterator<Item = String> + '_ {
    text.unicode_words().map(fold)
}

/// Stems words, remembering each distinct word's stem (a site repeats its words far more
/// often than it has them).
pub struct Stems<'s> {
    stemmer: Option<&'s Stemmer>,
    cache: FxHashMap<String, String>,
}

impl<'s> Stems<'s> {
    pub fn new(stemmer: Option<&'s Stemmer>) -> Stems<'s> {
        Stems {
            stemmer,
            cache: FxHashMap::default(),
        }
    }

    /// The stem of a folded word (the word itself without a stemmer).
    pub fn stem(&mut self, word: &str) -> &str {
        if !self.cache.contains_key(word) {
            let stem = match self.stemmer {
                Some(s) => s.stem(word).into_owned(),
                None => word.to_string(),
            };
            self.cache.insert(word.to_string(), stem);
        }
        &self.cache[word]
    }
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
    fn stems_group_the_forms_of_a_word() {
        let s = stemmer("en-GB").unwrap();
        let mut stems = Stems::new(Some(&s));
        assert_eq!(stems.stem("supports"), "support");
        assert_eq!(stems.stem("supporting"), "support");
        assert_eq!(stems.stem("opposes"), "oppos");
        assert!(stemmer("ja").is_none());
        let mut none = Stems::new(None);
        assert_eq!(none.stem("supports"), "supports");
    }

    #[test]
    fn markdown_loses_its_markup_and_urls() {
        let text = markdown_text("A [link](https://example.org/hidden) and *stress* `code`.");
        let w: Vec<String> = words(&text).collect();
        assert_eq!(w, ["a", "link", "and", "stress", "code"]);
    }
}
