//! The reading of plain-text articles.

use super::*;

#[test]
fn reads_headline_header_and_paragraphs() {
    let p = parse("Head\n\nStand\nPic\nCap\n\nOne\n\nTwo\n").unwrap();
    assert_eq!(p.title, "Head");
    assert_eq!(
        (p.dek.as_deref(), p.picture.as_deref(), p.caption.as_deref()),
        (Some("Stand"), Some("Pic"), Some("Cap"))
    );
    assert_eq!(p.paragraphs, ["One", "Two"]);
}

#[test]
fn windows_line_endings_and_no_trailing_newline() {
    let p = parse("Head\r\n\r\nStand\r\nPic\r\nCap\r\n\r\nOne\r\n\r\nTwo").unwrap();
    assert_eq!(p.paragraphs, ["One", "Two"]);
    assert_eq!(p.caption.as_deref(), Some("Cap"));
}

#[test]
fn no_standfirst() {
    let p = parse("Head\n\nPic\nCap\n\nOne\n\nTwo\n").unwrap();
    assert_eq!((p.dek, p.caption.as_deref()), (None, Some("Cap")));
}

#[test]
fn refuses_what_it_cannot_read() {
    assert!(parse("").unwrap_err().contains("empty"));
    assert!(
        parse("Head\nmore head\n\nBody")
            .unwrap_err()
            .contains("headline")
    );
    assert!(parse("Head only\n").unwrap_err().contains("no paragraphs"));
}

#[test]
fn datelines_come_off_the_first_paragraph() {
    for (text, dateline, rest) in [
        (
            "BOGOTA, Colombia — Talks began.",
            "BOGOTA, Colombia",
            "Talks began.",
        ),
        (
            "WASHINGTON (AP) — Talks began.",
            "WASHINGTON (AP)",
            "Talks began.",
        ),
        (
            "KYIV, Aug 18 (Reuters) - Talks began.",
            "KYIV, Aug 18 (Reuters)",
            "Talks began.",
        ),
        (
            "BELÉM, Brazil – Talks began.",
            "BELÉM, Brazil",
            "Talks began.",
        ),
    ] {
        assert_eq!(
            split_dateline(text),
            Some((dateline.to_string(), rest.to_string())),
            "{text}"
        );
    }
    for text in [
        "U.S. President Donald Trump — who spoke — left.",
        "NATO — the alliance — said no.",
        "UKRAINE — a country at war.",
        "Talks began — slowly.",
        "NATO said so. Then — later — it changed.",
        "THE END",
    ] {
        assert_eq!(split_dateline(text), None, "{text}");
    }
}

#[test]
fn slugs_from_headlines() {
    assert_eq!(
        slug_from("Trump Closes NATO Door on Ukraine!"),
        "trump-closes-nato-door-on-ukraine"
    );
    // Probe: letters with accents were dropped or split ("caf", "mu-ller").
    assert_eq!(slug_from("Café"), "cafe");
    assert_eq!(
        slug_from("Mu\u{308}ller and Café straße win"),
        "muller-and-cafe-strasse-win"
    );
    assert_eq!(slug_from("İstanbul: «Ça» — ß"), "istanbul-ca-ss");
    assert_eq!(slug_from("Łódź and Ærø"), "lodz-and-aero");
}

/// A list written a line each ran into one line of one paragraph (probe).
#[test]
fn a_list_written_a_line_each_keeps_its_lines() {
    let md = plain_to_markdown(
        "The plan:\n- It costs $2.4 million.\n- It removes 40 spaces.\n1. First phase in March.\n2) Second in 2026.\nA wrapped\nline.",
    );
    assert_eq!(
        md,
        "The plan:\\\n\\- It costs $2.4 million.\\\n\\- It removes 40 spaces.\\\n1\\. First phase in March.\\\n2\\) Second in 2026.\nA wrapped\nline."
    );
    let events: Vec<_> = pulldown_cmark::Parser::new(&md).collect();
    let breaks = events
        .iter()
        .filter(|e| matches!(e, pulldown_cmark::Event::HardBreak))
        .count();
    assert_eq!(breaks, 4);
}

/// A vertical tab, form feed or next-line character joined the words around it
/// (probe): they part words as white space does.
#[test]
fn white_space_controls_part_words() {
    let (text, note) = shown_only(
        "One\u{b}two\u{c}three\u{85}four\u{7}five".to_string(),
        std::path::Path::new("a.txt"),
    );
    assert_eq!(text, "One two three\nfourfive");
    assert!(note.unwrap().contains("1 control character"));
}
