//! The words of a text as the search index keeps them: split at Unicode word
//! boundaries (UAX #29, the rule `Intl.Segmenter` follows in the browser), lower-cased,
//! their diacritics folded (`Müller` → `muller`), and grouped by their Snowball stem
//! when the site's language has a stemmer (`index` stems each distinct word once).

use rust_stemmers::{Algorithm, Stemmer};
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;
use unicode_segmentation::UnicodeSegmentation;

use crate::markdown::RawHtml;

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
        .map(|c| match c {
            FINAL_SIGMA => SIGMA,
            c if APOSTROPHES.contains(c) => '\'',
            c => c,
        })
        .collect()
}

/// The apostrophes a word may hold besides `'`: typeset ones (`Ukraine’s`), the modifier
/// letter (`Hawaiʼi`) and the full-width one. Folded to `'`, as quotes are when they are
/// matched, so that the word a reader types with `'` finds the word typeset with `’`,
/// and a possessive comes off both in the stemmer.
const APOSTROPHES: &str = "\u{2019}\u{2018}\u{2bc}\u{ff07}";

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

/// The plain text of an article's body as its page shows it: its text and code, raw
/// HTML as the text it is shown as, without markup or URLs.
pub fn markdown_text(body: &str) -> String {
    plain_text(body, RawHtml::AsText)
}

/// The plain text of a Markdown body whose raw HTML is kept (a profile, a note, a
/// position, an event), as its page shows it: what the sanitizer keeps of the HTML, and
/// nothing of what it drops (the content of `<script>` and `<style>`).
pub fn sanitized_text(body: &str) -> String {
    plain_text(body, RawHtml::Keep)
}

fn plain_text(body: &str, html: RawHtml) -> String {
    use pulldown_cmark::{Event, Parser};
    let mut out = String::with_capacity(body.len());
    for event in Parser::new(body) {
        match event {
            Event::Text(s) | Event::Code(s) => {
                out.push_str(&s);
                out.push(' ');
            }
            Event::Html(s) | Event::InlineHtml(s) if html == RawHtml::AsText => {
                out.push_str(&s);
                out.push(' ');
            }
            // Kept HTML mixes with the text around it (`a <b>bold</b> word`, a
            // `<script>` whose content the page drops): the body is read as its page
            // shows it instead, a rare case.
            Event::Html(_) | Event::InlineHtml(_) => return shown_text(body),
            Event::SoftBreak | Event::HardBreak | Event::End(_) => out.push(' '),
            _ => {}
        }
    }
    out
}

/// The text of a body with raw HTML as its page shows it: rendered, sanitized as the
/// page is (`markdown::sanitize`), each tag then read as a space and each character
/// reference decoded. The sanitizer writes `<` outside a tag only inside an attribute
/// value quoted with `"`, so a tag is known by its quotes alone.
fn shown_text(body: &str) -> String {
    let mut html = String::new();
    pulldown_cmark::html::push_html(
        &mut html,
        pulldown_cmark::Parser::new_ext(body, crate::markdown::options()),
    );
    let clean = crate::markdown::sanitize::sanitizer(Default::default())
        .clean(&html)
        .to_string();
    let mut text = String::with_capacity(clean.len());
    let (mut in_tag, mut quoted) = (false, false);
    for c in clean.chars() {
        match c {
            '<' if !in_tag => {
                in_tag = true;
                text.push(' ');
            }
            '"' if in_tag => quoted = !quoted,
            '>' if in_tag && !quoted => in_tag = false,
            c if !in_tag => text.push(c),
            _ => {}
        }
    }
    crate::render::charref::decode(&text).into_owned()
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
    fn every_apostrophe_folds_as_the_one_a_reader_types() {
        // "Ukraine’s" was a word of its own, "ukraine’", which "Ukraine's" never found.
        for written in ["Ukraine’s", "Ukraine's", "Ukraineʼs", "Ukraine＇s"] {
            assert_eq!(fold(written), "ukraine's", "{written}");
        }
        let english = stemmer("en").unwrap();
        assert_eq!(english.stem(&fold("Ukraine’s")), english.stem("ukraine"));
    }

    #[test]
    fn kept_html_is_read_as_its_page_shows_it() {
        // The page drops what a <script> or <style> holds and shows what a block of
        // HTML holds; the index held the first and missed the second.
        let body = "Shown <script>inlinescript()</script> and <style>inlinestyle{}</style> end.\n\n<div>\nblockword &amp; more\n</div>\n";
        let shown: Vec<String> = words(&sanitized_text(body)).collect();
        assert_eq!(shown, ["shown", "and", "end", "blockword", "more"]);
        // An article shows its raw HTML as text: the index has it as text.
        let article: Vec<String> = words(&markdown_text("A <b>bold</b> word.")).collect();
        assert_eq!(article, ["a", "b", "bold", "b", "word"]);
        // Without raw HTML, the text as it is.
        assert_eq!(sanitized_text("*A* word"), markdown_text("*A* word"));
    }

    #[test]
    fn ideographs_and_thai_letters_are_words_of_one_character() {
        // What the page's script splits again (static/search.js, `ONE`): the index has
        // one word for each of these characters, and Katakana in runs.
        let w: Vec<&str> = raw_words("北京 トランプ大統領 ภาษา").collect();
        assert_eq!(
            w,
            ["北", "京", "トランプ", "大", "統", "領", "ภ", "า", "ษ", "า"]
        );
    }

    #[test]
    fn markdown_loses_its_markup_and_urls() {
        let text = markdown_text("A [link](https://example.org/hidden) and *stress* `code`.");
        let w: Vec<String> = words(&text).collect();
        assert_eq!(w, ["a", "link", "and", "stress", "code"]);
    }
}
