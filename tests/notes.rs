//! Each note has a page of its own; the article shows its first block and first source
//! beside the passage and links there, so that an article with many long notes stays
//! light.

mod common;

use common::*;

fn site() -> TempSite {
    let site = TempSite::new(&small_site());
    site.write(
        "content/site.toml",
        "title = \"Small\"\nbase_url = \"https://example.org/x/\"\n",
    );
    site.write(
        "content/annotations/left.md",
        "+++\nquote = \"left early\"\nkind = \"fact-check\"\ntitle = \"Did he leave early?\"\nverdict = \"Accurate\"\nactors = [\"bob-jones\"]\npositions = [\"talks\"]\nsources = [\n  { title = \"First source\", url = \"https://example.org/1\" },\n  { title = \"Second source\", url = \"https://example.org/2\" },\n]\n+++\n\nHe left at noon.\n\nThe second paragraph gives the detail.\n",
    );
    site
}

#[test]
fn the_article_shows_the_start_of_a_note_and_links_to_the_whole() {
    let site = site();
    site.build();
    let page = site.page("articles/story/index.html");
    let note = page.select(&sel("#note-left")).next().expect("the note");
    let shown = text(note);
    assert!(shown.contains("He left at noon."), "{shown}");
    assert!(!shown.contains("second paragraph"), "{shown}");
    assert!(shown.contains("Source: First source; 1 more"), "{shown}");
    assert!(!shown.contains("Second source"), "{shown}");
    let links = hrefs(&page, "#note-left a");
    assert!(
        links.contains(&"#mark-left".to_string()),
        "links back: {links:?}"
    );
    // The title leads to the note's page, once: the count of further sources says
    // what is there without a second link to the same place.
    assert_eq!(
        links.iter().filter(|h| *h == "notes/left/").count(),
        1,
        "the title leads to the note's page: {links:?}"
    );
    let title = page
        .select(&sel("#note-left > div > :first-child a"))
        .next();
    assert_eq!(
        title.and_then(|a| a.value().attr("href")),
        Some("notes/left/")
    );
}

#[test]
fn the_note_page_has_the_whole_note_every_source_and_its_passage() {
    let site = site();
    site.build();
    let page = site.page("articles/story/notes/left/index.html");
    assert_eq!(
        text(page.select(&sel("h1")).next().unwrap()),
        "Did he leave early?"
    );
    let main = text(page.select(&sel("main")).next().unwrap());
    for part in [
        "Verdict: Accurate",
        "left early",
        "He left at noon.",
        "The second paragraph gives the detail.",
        "First source",
        "Second source",
    ] {
        assert!(main.contains(part), "{part} missing: {main}");
    }
    let links = hrefs(&page, "main a");
    for want in [
        "../../../../articles/story/#mark-left",
        "../../../../articles/story/",
        "../../../../actors/bob-jones/",
        "../../../../positions/talks/",
        "https://example.org/2",
    ] {
        assert!(links.contains(&want.to_string()), "{want}: {links:?}");
    }
    let crumbs = hrefs(&page, ".crumbs a");
    assert_eq!(crumbs, ["../../../../", "../../../../articles/story/"]);
    let sitemap = std::fs::read_to_string(site.out().join("sitemap.xml")).unwrap();
    assert!(sitemap.contains("<loc>https://example.org/x/articles/story/notes/left/</loc>"));
    // Described by what it says: every note page of an article was described alike,
    // "Fact check on a passage of …" (probe).
    let described = |property: &str| {
        let selector = format!("meta[{property}]");
        page.select(&sel(&selector))
            .next()
            .and_then(|m| m.value().attr("content"))
            .map(str::to_string)
    };
    let said = Some("He left at noon. The second paragraph gives the detail.".to_string());
    assert_eq!(described("name=description"), said);
    assert_eq!(described("property=\"og:description\""), said);
}

#[test]
fn a_note_without_a_title_gets_one_from_its_kind_and_passage() {
    let site = TempSite::new(&small_site());
    site.write(
        "content/annotations/left.md",
        "+++\nquote = \"left early\"\nkind = \"context\"\n+++\n\nHe had another meeting.\n\nIt ran late.\n",
    );
    site.build();
    let page = site.page("articles/story/notes/left/index.html");
    assert_eq!(
        text(page.select(&sel("h1")).next().unwrap()),
        "Context on “left early”"
    );
}

#[test]
fn relative_links_of_a_note_hold_on_its_page_too() {
    // Probe-3 N1: a note is written for its article's page and shown on its own page,
    // two folders deeper; its relative links must lead to the same place on both.
    let site = TempSite::new(&small_site());
    site.write(
        "content/annotations/left.md",
        "+++\nquote = \"left early\"\nkind = \"context\"\n+++\n\nSee [the first paragraph](#p1), [[bob-jones]], [the map](map.txt) and [mail](mailto:desk@example.org).\n\nA second block gives the note a page of its own.\n",
    );
    site.write("static/articles/story/map.txt", "a map");
    site.build();
    let article = site.page("articles/story/index.html");
    let on_article = hrefs(&article, "#note-left a");
    for want in [
        "#p1",
        "../../actors/bob-jones/",
        "map.txt",
        "mailto:desk@example.org",
    ] {
        assert!(
            on_article.contains(&want.to_string()),
            "{want}: {on_article:?}"
        );
    }
    let page = site.page("articles/story/notes/left/index.html");
    let on_page = hrefs(&page, ".prose a");
    for want in [
        "../../#p1",
        "../../../../actors/bob-jones/",
        "../../map.txt",
        "mailto:desk@example.org",
    ] {
        assert!(on_page.contains(&want.to_string()), "{want}: {on_page:?}");
    }
}

#[test]
fn a_short_note_with_one_source_lives_on_its_article_alone() {
    // A one-block note that cites at most one source is shown whole on the article:
    // no page of its own, so that a site of many short notes does not double.
    let site = TempSite::new(&small_site());
    site.write(
        "content/annotations/left.md",
        "+++\nquote = \"left early\"\nkind = \"context\"\ntitle = \"Why\"\nsources = [{ title = \"One\", url = \"https://example.org/1\" }]\n+++\n\nHe had another meeting.\n",
    );
    site.build();
    assert!(!site.out().join("articles/story/notes").exists());
    let page = site.page("articles/story/index.html");
    assert!(
        hrefs(&page, "#note-left > div > p:first-child a").is_empty(),
        "no page: the title links nowhere"
    );
    assert!(
        page.select(&sel("aside.note.whole#note-left"))
            .next()
            .is_some(),
        "shown unfolded"
    );
    let shown = text(page.select(&sel("#note-left")).next().unwrap());
    assert!(
        shown.contains("He had another meeting.") && shown.contains("Source: One"),
        "{shown}"
    );
    assert!(!shown.contains("The whole note"), "{shown}");
}

#[test]
fn raw_html_links_of_a_note_lead_from_its_page_too() {
    let site = TempSite::new(&small_site());
    site.write("static/files/brief.txt", "A brief.");
    site.write(
        "content/annotations/left.md",
        "+++\nquote = \"left early\"\nkind = \"context\"\n+++\n\nHe had another meeting.\n\nSee <a href=\"../../files/brief.txt\">the brief</a>, <img src=\"../../files/brief.txt\" alt=\"x\"> and [the text](../../files/brief.txt).\n",
    );
    site.build();
    let page = site.page("articles/story/notes/left/index.html");
    assert_eq!(
        hrefs(&page, ".prose a[href$=\"brief.txt\"]"),
        ["../../../../files/brief.txt", "../../../../files/brief.txt"]
    );
    let srcs: Vec<&str> = page
        .select(&sel(".prose img"))
        .filter_map(|i| i.value().attr("src"))
        .collect();
    assert_eq!(srcs, ["../../../../files/brief.txt"]);
}

#[test]
fn notes_on_one_passage_are_marked_in_the_order_they_are_listed() {
    let site = TempSite::new(&[
        ("content/site.toml", "title = \"D4\"\n"),
        (
            "content/articles/a.md",
            "+++\ntitle = \"A\"\ndate = 2025-03-03\n+++\n\nShe said \"hello\" twice.\n",
        ),
    ]);
    for n in 1..=3 {
        site.write(
            &format!("content/annotations/h{n}.md"),
            &format!("+++\nquote = \"hello\"\nkind = \"context\"\n+++\n\nNote {n}.\n"),
        );
    }
    site.build();
    let page = site.page("articles/a/index.html");
    let paragraph = page.select(&sel("#p1 > p")).next().expect("the paragraph");
    // The markers follow the passage, in the order of the notes beside the text.
    let markers: Vec<(String, String)> = paragraph
        .select(&sel("sup.note-ref a"))
        .map(|a| (text(a), a.value().attr("href").unwrap().to_string()))
        .collect();
    let listed: Vec<(String, String)> = page
        .select(&sel("#p1 aside.note"))
        .map(|n| {
            let number = text(n.select(&sel("p > b")).next().unwrap());
            (number, format!("#{}", n.value().attr("id").unwrap()))
        })
        .collect();
    let expected: Vec<(String, String)> = (1..=3)
        .map(|n| (n.to_string(), format!("#note-h{n}")))
        .collect();
    assert_eq!(markers, expected);
    assert_eq!(listed, expected);
    assert_eq!(text(paragraph), "She said \"hello123\" twice.");
    // No marker inside a marked passage: each note's passage is the quote alone.
    for mark in paragraph.select(&sel("mark")) {
        assert_eq!(text(mark), "hello");
    }
    let export = std::fs::read_to_string(site.out().join("articles/a/annotations.jsonld"));
    let export: serde_json::Value = serde_json::from_str(&export.unwrap()).unwrap();
    let items = export["first"]["items"].as_array().unwrap();
    assert_eq!(items.len(), 3);
    for item in items {
        assert_eq!(item["target"]["selector"][0]["exact"], "hello", "{item}");
    }
}
