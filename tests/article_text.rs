//! End-to-end: an article's text as its page writes it: a table's alignment as a class
//! the stylesheet sets, a note's marker after the code or name its quote ends in, and
//! an accent written as a character reference read as its letter.

mod common;

use common::*;
use scraper::Html;

/// A table column's alignment was an inline `style`, which the pages' own policy
/// (`style-src 'self'`) has browsers ignore: no page may carry one (probe).
#[test]
fn a_tables_alignment_is_a_class_the_stylesheet_sets() {
    let site = TempSite::fixture("single");
    let table = "\n| Party | Seats | Share |\n|:------|------:|:-----:|\n| Council | 7 | 1/2 |\n";
    append(&site, "content/articles/bridge.md", table);
    append(&site, "content/annotations/rushed.md", table);
    site.build();
    for (path, html) in pages(&site) {
        let doc = Html::parse_document(&html);
        let styled: Vec<String> = doc.select(&sel("body [style]")).map(|e| e.html()).collect();
        assert!(styled.is_empty(), "{path}: {styled:?}");
    }
    let doc = site.page("articles/bridge/index.html");
    for selector in [
        ".text td.align-right",
        ".text th.align-left",
        ".text td.align-center",
    ] {
        assert_eq!(doc.select(&sel(selector)).count(), 1, "{selector}");
    }
    // The note's table, on its own page.
    let note = site.page("articles/bridge/notes/rushed/index.html");
    assert_eq!(note.select(&sel("td.align-right")).count(), 1);
    let css = std::fs::read_to_string(site.out().join("style.css")).unwrap();
    assert!(css.contains(".align-right{text-align:right}"));
}

/// A note whose quote ends inside code or inside a mention put its marker there:
/// "make inst¹all now" copied as broken code, and "Tom ⁴Reyes" split the name (probe).
#[test]
fn a_notes_marker_comes_after_the_code_or_name_its_quote_ends_in() {
    let site = TempSite::fixture("single");
    append(
        &site,
        "content/articles/bridge.md",
        "\nLater, run `make install now` before Tom Reyes spoke again.\n",
    );
    site.write(
        "content/annotations/code.md",
        "+++\nquote = \"run make inst\"\nkind = \"context\"\n+++\n\nA code note.\n",
    );
    site.write(
        "content/annotations/name.md",
        "+++\nquote = \"before Tom\"\nkind = \"context\"\n+++\n\nA name note.\n",
    );
    site.build();
    let html = std::fs::read_to_string(site.out().join("articles/bridge/index.html")).unwrap();
    let at = html.find("Later, ").unwrap();
    let line = &html[at..at + html[at..].find("spoke again").unwrap()];
    let marker = |note: &str| {
        let i = line.find(&format!("href=\"#note-{note}\"")).unwrap();
        line[..i].rfind("<sup").unwrap()
    };
    assert!(
        line[..marker("code")].ends_with("<code>all now</code>"),
        "{line}"
    );
    assert!(line[..marker("name")].ends_with(" Reyes</a>"), "{line}");
    assert_links_nest(&html);
}

/// A letter written with a character reference for its accent (`Me&#769;nard`) is the
/// letter a name or a quote spells with `é`: the quote was "not found (closest: … 80%
/// similar)" and the name no mention (probe).
#[test]
fn an_accent_written_as_a_character_reference_is_the_accented_letter() {
    let site = TempSite::fixture("single");
    append(
        &site,
        "content/articles/bridge.md",
        "\nRobert Me&#769;nard spoke in the cafe&#x301; today.\n",
    );
    site.write(
        "content/actors/menard.md",
        "+++\nname = \"Robert Ménard\"\nkind = \"person\"\n+++\n\nA mayor.\n",
    );
    site.write(
        "content/annotations/cafe.md",
        "+++\nquote = \"café today\"\nkind = \"context\"\n+++\n\nWhere.\n",
    );
    site.build();
    let page = site.page("articles/bridge/index.html");
    let mark = page
        .select(&sel("mark#mark-cafe"))
        .next()
        .expect("the quote is marked");
    assert_eq!(text(mark), "cafe\u{301} today");
    let linked: Vec<String> = page
        .select(&sel("a.mention[href$='actors/menard/']"))
        .map(|a| text(a))
        .collect();
    assert_eq!(linked, ["Robert Me\u{301}nard"]);
}
