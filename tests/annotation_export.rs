//! The notes of each article as W3C Web Annotations (`articles/SLUG/annotations.jsonld`):
//! every annotation has the model's required fields, and its selectors find its passage
//! in the article text, the `textContent` of `div.text` on the article page, counted in
//! Unicode code points.

mod common;

use std::path::Path;

use common::*;
use serde_json::Value;

const ARTICLE: &str = "+++\ntitle = \"Caf\u{e9} talks\"\ndate = 2025-03-04\n+++\n\n\
Ana Lopes met the board at the Caf\u{e9} \u{201c}Nord\u{201d} \u{1f600} on Monday. The board met again on Tuesday.\n\n\
The deal, said AT&T, was *worth 3 < 4* million \u{2014} the deal was signed. \u{1d11e} music followed.\n\n\
> The board met again on Friday, Ana Lopes said.\n\n\
- A list item with the deal\n- and another \u{1f1fa}\u{1f1e6} flag\n";

fn note(lines: &str, body: &str) -> String {
    format!("+++\n{lines}+++\n\n{body}\n")
}

/// A site whose article has non-ASCII and astral text, character references, notes in
/// several blocks, a passage across emphasis, and phrases that occur more than once.
fn tricky() -> TempSite {
    TempSite::new(&[
        (
            "content/site.toml",
            "title = \"Tricky & co\"\nlanguage = \"en-GB\"\n",
        ),
        ("content/articles/cafe.md", ARTICLE),
        (
            "content/actors/ana-lopes.md",
            "+++\nname = \"Ana Lopes\"\nkind = \"person\"\n+++\n\nA mayor.\n",
        ),
        (
            "content/annotations/nord.md",
            &note(
                "quote = \"Caf\u{e9} \u{201c}Nord\u{201d} \u{1f600}\"\nkind = \"context\"\ntitle = \"A <caf\u{e9}>\"\n",
                "Opened in 1990.",
            ),
        ),
        (
            "content/annotations/met-again.md",
            &note(
                "quote = \"The board met again\"\nprefix = \"Monday. \"\nkind = \"analysis\"\n",
                "Twice in a week.",
            ),
        ),
        (
            "content/annotations/friday.md",
            &note(
                "quote = \"The board met again\"\nsuffix = \" on Friday\"\nkind = \"fact-check\"\nverdict = \"Accurate\"\nsources = [{ title = \"Minutes & more\", url = \"https://example.org/m?a=1&b=2\" }]\n",
                "It did; see [[ana-lopes]].",
            ),
        ),
        (
            "content/annotations/worth.md",
            &note(
                "quote = \"AT&T, was worth 3 < 4\"\nkind = \"fact-check\"\nverdict = \"Imprecise\"\n",
                "Three *and a half*.",
            ),
        ),
        (
            "content/annotations/signed.md",
            &note(
                "quote = \"the deal was signed\"\nkind = \"definition\"\n",
                "Signed, not ratified.",
            ),
        ),
        (
            "content/annotations/clef.md",
            &note(
                "quote = \"\u{1d11e} music\"\nkind = \"context\"\n",
                "A clef.",
            ),
        ),
        (
            "content/annotations/flag.md",
            &note(
                "quote = \"another \u{1f1fa}\u{1f1e6}\"\nkind = \"context\"\n",
                "A flag.",
            ),
        ),
    ])
}

/// The article text of a built article page: `textContent` of its `div.text`.
fn article_text(out: &Path, slug: &str) -> String {
    let html = std::fs::read_to_string(out.join(format!("articles/{slug}/index.html"))).unwrap();
    let doc = scraper::Html::parse_document(&html);
    let body = doc.select(&sel("div.text")).next().expect("div.text");
    body.text().collect()
}

fn export(out: &Path, slug: &str) -> Value {
    let text =
        std::fs::read_to_string(out.join(format!("articles/{slug}/annotations.jsonld"))).unwrap();
    serde_json::from_str(&text).unwrap()
}

fn selector<'a>(a: &'a Value, kind: &str) -> &'a Value {
    a["target"]["selector"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["type"] == kind)
        .unwrap_or_else(|| panic!("no {kind} in {a:#}"))
}

/// Checks every annotation of the export of `slug` against its page; returns them.
fn check_export(out: &Path, slug: &str, file: &str, source: &str) -> Vec<Value> {
    let collection = export(out, slug);
    let text: Vec<char> = article_text(out, slug).chars().collect();
    let s = |r: &[char]| r.iter().collect::<String>();
    assert_eq!(collection["@context"], "http://www.w3.org/ns/anno.jsonld");
    assert_eq!(collection["type"], "AnnotationCollection");
    assert_eq!(collection["id"], file);
    let page = &collection["first"];
    assert_eq!(page["type"], "AnnotationPage");
    assert_eq!(page["partOf"], file);
    let items = page["items"].as_array().unwrap().clone();
    assert_eq!(collection["total"], items.len());
    for a in &items {
        let id = a["id"].as_str().unwrap();
        assert!(id.starts_with(&format!("{file}#")), "{id}");
        assert_eq!(a["@context"], "http://www.w3.org/ns/anno.jsonld");
        assert_eq!(a["type"], "Annotation");
        let motivation = a["motivation"].as_str().unwrap();
        assert!(
            ["commenting", "describing", "assessing"].contains(&motivation),
            "{motivation}"
        );
        assert_eq!(a["body"]["type"], "TextualBody");
        assert_eq!(a["body"]["format"], "text/html");
        assert!(!a["body"]["language"].as_str().unwrap().is_empty());
        assert!(a["body"]["value"].as_str().unwrap().contains("</p>"));
        assert!(!a["creator"]["name"].as_str().unwrap().is_empty());
        let created = a["created"].as_str().unwrap();
        assert!(
            created.len() == 20 && created.ends_with("T00:00:00Z"),
            "{created}"
        );
        assert_eq!(a["target"]["source"], source);
        let quote = selector(a, "TextQuoteSelector");
        let position = selector(a, "TextPositionSelector");
        let (start, end) = (
            position["start"].as_u64().unwrap() as usize,
            position["end"].as_u64().unwrap() as usize,
        );
        assert!(start < end && end <= text.len(), "{id}: {start}..{end}");
        let exact = quote["exact"].as_str().unwrap();
        assert_eq!(s(&text[start..end]), exact, "{id}");
        let prefix = quote["prefix"].as_str().unwrap_or("");
        let suffix = quote["suffix"].as_str().unwrap_or("");
        let (p, x) = (prefix.chars().count(), suffix.chars().count());
        assert_eq!(s(&text[start - p..start]), prefix, "{id}");
        assert_eq!(s(&text[end..end + x]), suffix, "{id}");
        // The quote selector alone finds the passage, once.
        let whole: Vec<char> = format!("{prefix}{exact}{suffix}").chars().collect();
        let found: Vec<usize> = (0..=text.len() - whole.len())
            .filter(|&i| text[i..i + whole.len()] == whole[..])
            .collect();
        assert_eq!(found, [start - p], "{id}");
    }
    items
}

fn by_id<'a>(items: &'a [Value], id: &str) -> &'a Value {
    items
        .iter()
        .find(|a| a["id"].as_str().unwrap().ends_with(&format!("#{id}")))
        .unwrap_or_else(|| panic!("no {id}"))
}

#[test]
fn every_selector_of_a_tricky_article_finds_its_passage() {
    let site = tricky();
    site.build();
    let items = check_export(&site.out(), "cafe", "annotations.jsonld", "./");
    assert_eq!(items.len(), 7);
    let exact = |id: &str| selector(by_id(&items, id), "TextQuoteSelector")["exact"].clone();
    assert_eq!(exact("nord"), "Caf\u{e9} \u{201c}Nord\u{201d} \u{1f600}");
    // Across emphasis, with character references decoded.
    assert_eq!(exact("worth"), "AT&T, was worth 3 < 4");
    assert_eq!(exact("clef"), "\u{1d11e} music");
    assert_eq!(exact("flag"), "another \u{1f1fa}\u{1f1e6}");
    // The same phrase twice: each note at its own place.
    let start = |id: &str| selector(by_id(&items, id), "TextPositionSelector")["start"].clone();
    assert_ne!(start("met-again"), start("friday"));
    let text = article_text(&site.out(), "cafe");
    let at = |needle: &str| text[..text.find(needle).unwrap()].chars().count();
    let twice: Vec<usize> = text
        .match_indices("The board met again")
        .map(|(i, _)| text[..i].chars().count())
        .collect();
    assert_eq!(twice.len(), 2);
    assert_eq!(start("met-again"), twice[0]);
    assert_eq!(start("friday"), twice[1]);
    // Code points, not bytes or UTF-16 units: the emoji before the note-ref counts once.
    assert_eq!(
        selector(by_id(&items, "nord"), "TextPositionSelector")["end"],
        at("1 on Monday")
    );
    // Motivations, bodies and the creator.
    assert_eq!(by_id(&items, "friday")["motivation"], "assessing");
    assert_eq!(by_id(&items, "met-again")["motivation"], "commenting");
    assert_eq!(by_id(&items, "signed")["motivation"], "describing");
    let body = by_id(&items, "friday")["body"]["value"].as_str().unwrap();
    assert!(body.contains("Verdict: Accurate"), "{body}");
    assert!(body.contains("href=\"../../actors/ana-lopes/\""), "{body}");
    assert!(body.contains("https://example.org/m?a=1&amp;b=2"), "{body}");
    let title = by_id(&items, "nord")["body"]["value"].as_str().unwrap();
    assert!(title.contains("A &lt;caf\u{e9}&gt;"), "{title}");
    assert_eq!(by_id(&items, "nord")["body"]["language"], "en-GB");
    assert_eq!(by_id(&items, "nord")["creator"]["name"], "Tricky & co");
    assert_eq!(by_id(&items, "nord")["created"], "2025-03-04T00:00:00Z");
}

#[test]
fn the_article_page_links_its_export() {
    let site = tricky();
    site.build();
    let page = site.page("articles/cafe/index.html");
    assert_eq!(
        hrefs(&page, "link[rel=alternate][type='application/ld+json']"),
        ["annotations.jsonld"]
    );
    assert_eq!(
        hrefs(&page, ".guide a[href$='.jsonld']"),
        ["annotations.jsonld"]
    );
}

#[test]
fn with_a_base_url_the_iris_are_absolute() {
    let site = tricky();
    site.write(
        "content/site.toml",
        "title = \"Tricky\"\nbase_url = \"https://example.org/t/\"\n",
    );
    site.build();
    let base = "https://example.org/t/articles/cafe/";
    let items = check_export(
        &site.out(),
        "cafe",
        &format!("{base}annotations.jsonld"),
        base,
    );
    assert_eq!(
        by_id(&items, "nord")["id"],
        format!("{base}annotations.jsonld#nord")
    );
    assert_eq!(
        by_id(&items, "nord")["creator"]["homepage"],
        "https://example.org/t/"
    );
}

#[test]
fn the_project_s_own_notes_all_anchor() {
    let site = own_site();
    site.build();
    let slug = "us-rules-out-ukraine-nato-entry";
    let items = check_export(&site.out(), slug, "annotations.jsonld", "./");
    let page = site.page(&format!("articles/{slug}/index.html"));
    assert_eq!(items.len(), page.select(&sel("mark[id^=mark-]")).count());
    assert!(items.len() > 20);
}
