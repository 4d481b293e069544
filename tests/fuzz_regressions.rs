//! Inputs the fuzz targets of `fuzz/` found to break something, kept as ordinary tests
//! so that the bugs stay fixed.

mod common;

use explainer::markdown::{Block, analyse, parse};
use explainer::model::mentions::sentence_around;
use explainer::model::quote::{Miss, find};

use common::*;

fn blocks(md: &str) -> Vec<Block> {
    analyse(&parse(md, &|_| None))
}

/// quote_matching: a quote of white space alone between a prefix and a suffix was not
/// empty; normalised together with them it took the space between the two.
#[test]
fn a_quote_of_white_space_is_empty_whatever_surrounds_it() {
    assert_eq!(
        find(&blocks(""), " ", Some("+"), Some("{")),
        Err(Miss::Empty)
    );
    assert_eq!(
        find(&blocks("a + { b"), " ", Some("+"), Some("{")),
        Err(Miss::Empty)
    );
    assert_eq!(
        find(&blocks("a + { b"), "\n\t", Some("a +"), None),
        Err(Miss::Empty)
    );
}

/// The same bug seen from the edges: white space at the start or end of a quote, next to
/// a prefix or suffix, was taken into the place found (and so into the mark).
#[test]
fn the_place_found_is_the_quote_without_its_edge_white_space() {
    let b = blocks("He said no way to it.");
    let f = find(&b, " no way ", Some("said"), Some("to")).unwrap();
    assert_eq!(&b[0].segments[0].text[f.range], "no way");
}

/// End to end: the mark of a note whose quote starts with white space after its prefix
/// holds the quote, not the space before it.
#[test]
fn a_mark_starts_where_the_quote_does() {
    let mut files = small_site();
    files.retain(|(p, _)| *p != "content/annotations/left.md");
    files.push((
        "content/annotations/left.md",
        "+++\nquote = \" left early\"\nprefix = \"Bob Jones\"\nkind = \"context\"\n+++\n\nA note.\n",
    ));
    let site = TempSite::new(&files);
    site.build();
    let page = site.page("articles/story/index.html");
    let marks: Vec<String> = page
        .select(&sel("mark#mark-left"))
        .map(|m| m.text().collect())
        .collect();
    assert_eq!(marks, ["left early"]);
}

/// mentions: the context shown for a mention in a long sentence was cut 160 bytes before
/// and after it, inside a character of a non-Latin script, and the build panicked.
#[test]
fn a_long_sentence_in_another_script_is_cut_between_characters() {
    let greek = "ώ".repeat(100);
    let text = format!("{greek}ab Alice Smith x{greek}");
    let at = text.find("Alice").unwrap();
    let around = sentence_around(&text, at..at + "Alice Smith".len());
    assert!(around.contains("Alice Smith"), "{around}");

    let mut files = small_site();
    let article = format!(
        "+++\ntitle = \"Story\"\ndate = 2025-01-02\n+++\n\nAlice Smith met Bob Jones.\n\nBob Jones left early.\n\n{text}\n"
    );
    files.retain(|(p, _)| *p != "content/articles/story.md");
    files.push(("content/articles/story.md", &article));
    assert_eq!(TempSite::new(&files).errors(), Vec::<String>::new());
}
