//! End-to-end: how bodies render on any input (the `single` fixture with additions):
//! ids unique on every page, links never inside links, mentions linked where counted,
//! headings under the page's title, and links or images that cannot be kept reported.

mod common;

use std::collections::BTreeMap;

use common::*;
use scraper::{ElementRef, Html};

/// The body a footnote part belongs to: its note, its stance note, or the page.
fn container(el: ElementRef) -> Option<String> {
    el.ancestors()
        .filter_map(ElementRef::wrap)
        .find(|a| {
            a.value()
                .classes()
                .any(|c| c == "note" || c == "stance-note")
        })
        .map(|a| format!("{:?}", a.id()))
}

/// The `single` fixture with footnotes everywhere, labelled like the generator's ids.
fn footnoted() -> TempSite {
    let site = TempSite::fixture("single");
    append(
        &site,
        "content/articles/bridge.md",
        "\nA claim[^1], more[^p1] and[^main], [^note-rushed], [^h-at-stake], [^fn-1].\n\n\
         ## main\n\n# p1\n\n\
         [^1]: Article one.\n[^p1]: Article p1.\n[^main]: Article main.\n\
         [^note-rushed]: Article note.\n[^h-at-stake]: Article stake.\n[^fn-1]: Article fn.\n",
    );
    append(
        &site,
        "content/annotations/rushed.md",
        "\nNote claim[^1] and[^main] <span id=\"p1\">raw</span>.\n\n[^1]: Note one.\n[^main]: Note main.\n",
    );
    append(
        &site,
        "content/actors/tom-reyes.md",
        "\nProfile claim[^1][^p2].\n\n[^1]: Profile one.\n[^p2]: Profile p2.\n",
    );
    let position = site.root().join("content/positions/harbour-bridge.md");
    let text = std::fs::read_to_string(&position).unwrap().replace(
        "note = \"He objects to the timing, not to the bridge.\"",
        "note = \"\"\"\nTiming[^1] and[^stance-tom-reyes].\n\n[^1]: Stance one.\n[^stance-tom-reyes]: Stance two.\n\"\"\"",
    );
    std::fs::write(&position, text.replace(
        "quote = \"The council voted 7–2.\"",
        "quote = \"The council voted 7–2.\"\nnote = \"\"\"\nVote[^1].\n\n[^1]: Council one.\n\"\"\"",
    ))
    .unwrap();
    site
}

#[test]
fn no_page_repeats_an_id_and_footnotes_lead_to_their_own_definition() {
    let site = footnoted();
    site.build();
    let pages = pages(&site);
    let mut refs = 0;
    for (path, html) in &pages {
        let doc = Html::parse_document(html);
        let mut ids: BTreeMap<&str, usize> = BTreeMap::new();
        for el in doc.select(&sel("[id]")) {
            *ids.entry(el.value().attr("id").unwrap()).or_default() += 1;
        }
        let twice: Vec<_> = ids.iter().filter(|(_, n)| **n > 1).collect();
        assert!(twice.is_empty(), "{path}: ids used twice: {twice:?}");
        for r in doc.select(&sel("sup.footnote-reference a")) {
            refs += 1;
            let id = r.value().attr("href").unwrap().trim_start_matches('#');
            let def = doc
                .select(&sel(".footnote-definition"))
                .find(|d| d.value().attr("id") == Some(id))
                .unwrap_or_else(|| panic!("{path}: #{id} is not a footnote"));
            assert_eq!(
                container(r),
                container(def),
                "{path}: footnote #{id} is in another body than its reference"
            );
        }
    }
    assert!(refs >= 16, "{refs} footnote references");
    let article = site.page("articles/bridge/index.html");
    let first = article
        .select(&sel(".text sup.footnote-reference a"))
        .find(|a| container(*a).is_none())
        .unwrap();
    let id = first.value().attr("href").unwrap();
    assert_eq!(
        text(article.select(&sel(id)).next().unwrap()),
        "1 Article one."
    );
}

#[test]
fn a_note_reference_never_lands_inside_a_link() {
    let site = TempSite::fixture("single");
    append(
        &site,
        "content/articles/bridge.md",
        "\nRead [the ferry report](https://example.org/r) first, and [the study](https://example.org/s).\n",
    );
    for (slug, front) in [
        ("ferry", "quote = \"the ferry\""),
        ("study", "quote = \"the study\""),
        ("chief", "quote = \"chief, Tom\""),
    ] {
        site.write(
            &format!("content/annotations/{slug}.md"),
            &format!("+++\n{front}\nkind = \"context\"\n+++\nA note.\n"),
        );
    }
    site.build();
    let html = std::fs::read_to_string(site.out().join("articles/bridge/index.html")).unwrap();
    assert_links_nest(&html);
    let doc = Html::parse_document(&html);
    for (url, shown) in [
        ("https://example.org/r", "the ferry report"),
        ("https://example.org/s", "the study"),
    ] {
        let link = doc
            .select(&sel(&format!("a[href=\"{url}\"]")))
            .next()
            .unwrap();
        assert_eq!(text(link), shown);
    }
    for slug in ["ferry", "study", "chief"] {
        assert_eq!(
            hrefs(
                &doc,
                &format!(".text sup.note-ref a[href=\"#note-{slug}\"]")
            )
            .len(),
            1
        );
    }
}

/// Checks that every paragraph an actor page lists links that actor, and that every
/// actor an article mentions is linked from it.
fn assert_listed_paragraphs_link(site: &TempSite) {
    let pages = pages(site);
    for (path, html) in &pages {
        let Some(slug) = path
            .strip_prefix("actors/")
            .and_then(|p| p.strip_suffix("/index.html"))
        else {
            continue;
        };
        let doc = Html::parse_document(html);
        for href in hrefs(&doc, ".named a") {
            let (page, frag) = href.trim_start_matches("../../").split_once("/#").unwrap();
            let article = Html::parse_document(&pages[&format!("{page}/index.html")]);
            let linked =
                hrefs(&article, &format!("#{frag} a")).contains(&format!("../../actors/{slug}/"));
            assert!(linked, "{path} lists {href}, which does not link {slug}");
        }
    }
}

#[test]
fn a_quote_through_a_name_keeps_the_mention() {
    let site = TempSite::fixture("single");
    site.write(
        "content/annotations/chief.md",
        "+++\nquote = \"Authority’s chief\"\nkind = \"context\"\n+++\nHe runs it.\n",
    );
    site.write(
        "content/annotations/ana.md",
        "+++\nquote = \"Ana\"\nprefix = \"Mayor \"\nkind = \"context\"\n+++\nThe mayor.\n",
    );
    site.build();
    let html = std::fs::read_to_string(site.out().join("articles/bridge/index.html")).unwrap();
    assert_links_nest(&html);
    let doc = Html::parse_document(&html);
    let p1 = hrefs(&doc, "#p1 a.mention");
    for actor in ["port-authority", "ana-lopes", "tom-reyes"] {
        assert!(p1.contains(&format!("../../actors/{actor}/")), "{p1:?}");
    }
    assert_listed_paragraphs_link(&site);
}

#[test]
fn mentions_count_as_read_and_link_where_they_can() {
    let site = TempSite::fixture("single");
    site.write(
        "content/actors/ferry-co.md",
        "+++\nname = \"Ferry Co\"\nkind = \"organization\"\n+++\nRuns the ferry.\n",
    );
    site.write(
        "content/actors/nato.md",
        "+++\nname = \"NATO\"\nkind = \"organization\"\n+++\nAn alliance.\n",
    );
    append(
        &site,
        "content/articles/bridge.md",
        "\n`Ferry Co` and [Ferry Co](https://example.org/ferry) run the boats.\n\n\
         Then N*AT*O, `Tom Reyes` in code, [Tom Reyes](https://e.org) in link, **Tom Reyes** bold.\n",
    );
    site.build();
    let doc = site.page("articles/bridge/index.html");
    let nato = doc.select(&sel("#p5 a.mention")).next().unwrap();
    assert_eq!(
        (nato.value().attr("href"), text(nato).as_str()),
        (Some("../../actors/nato/"), "NATO")
    );
    let bold = sel("#p5 strong a.mention, #p5 a.mention strong");
    assert_eq!(doc.select(&bold).count(), 1, "the bold name is linked");
    assert!(doc.select(&sel("code a, a a")).next().is_none());
    // A name a reader sees in code or in another link's text is a mention (the
    // contract counts the text as read): the paragraph is listed, though the name
    // cannot be linked there.
    let ferry = site.page("actors/ferry-co/index.html");
    assert_eq!(hrefs(&ferry, ".named a"), ["../../articles/bridge/#p4"]);
    let reyes = site.page("actors/tom-reyes/index.html");
    assert!(hrefs(&reyes, ".named a").contains(&"../../articles/bridge/#p5".to_string()));
    assert!(
        hrefs(&doc, "#p5 a").contains(&"../../actors/tom-reyes/".to_string()),
        "the bold Tom Reyes links his page"
    );
}

#[test]
fn excerpts_keep_the_written_quotes() {
    let site = TempSite::fixture("single");
    site.build();
    let doc = site.page("actors/port-authority/index.html");
    let excerpt = text(doc.select(&sel(".named li")).next().unwrap());
    assert!(
        excerpt.contains("The Port Authority’s chief, Tom Reyes, called the plan “rushed”."),
        "{excerpt}"
    );
}

#[test]
fn an_excerpt_keeps_the_strike_through_of_a_correction() {
    // The excerpt was plain text: "rejected approved" read as if both stood.
    let site = TempSite::fixture("single");
    site.write(
        "content/actors/harbour-trust.md",
        "+++\nname = \"Harbour Trust\"\nkind = \"organization\"\n+++\n",
    );
    append(
        &site,
        "content/articles/bridge.md",
        "\nThe Harbour Trust ~~rejected~~ approved the <plan> & its\n~~old~~ budget.\n",
    );
    site.build();
    let doc = site.page("actors/harbour-trust/index.html");
    let excerpt = doc.select(&sel(".named li")).next().expect("an excerpt");
    let struck: Vec<String> = excerpt.select(&sel("del")).map(text).collect();
    assert_eq!(struck, ["rejected", "old"]);
    assert!(
        text(excerpt).contains("The Harbour Trust rejected approved the <plan> & its old budget."),
        "{}",
        excerpt.html()
    );
    // An excerpt without strike-through is as it was.
    let other = site.page("actors/ana-lopes/index.html");
    assert_eq!(other.select(&sel(".named del")).count(), 0);
    assert!(text(other.select(&sel(".named li")).next().unwrap()).contains("Mayor Ana Lopes"));
}

#[test]
fn every_page_has_one_h1() {
    let site = TempSite::fixture("single");
    append(
        &site,
        "content/articles/bridge.md",
        "\n# A heading\n\nSetext\n======\n\n## Below\n",
    );
    append(&site, "content/actors/council.md", "\n# Profile heading\n");
    site.build();
    for (path, html) in pages(&site) {
        let doc = Html::parse_document(&html);
        assert!(doc.select(&sel("h1")).count() <= 1, "{path}");
    }
    let doc = site.page("articles/bridge/index.html");
    let h: Vec<String> = doc.select(&sel(".text h2, .text h3")).map(text).collect();
    assert_eq!(h, ["A heading", "Setext", "Below"]);
    assert_eq!(doc.select(&sel(".text h3")).count(), 1);
    let newsroom = TempSite::fixture("newsroom");
    newsroom.build();
    for (path, html) in pages(&newsroom) {
        assert!(
            Html::parse_document(&html).select(&sel("h1")).count() <= 1,
            "{path}"
        );
    }
}

#[test]
fn a_note_never_links_to_itself() {
    let site = TempSite::fixture("single");
    site.build();
    let doc = site.page("articles/bridge/index.html");
    let notes: Vec<_> = doc.select(&sel("aside.note")).collect();
    assert_eq!(notes.len(), 2);
    for note in notes {
        let id = note.value().attr("id").unwrap();
        let own = sel(&format!("a[href=\"#{id}\"]"));
        assert_eq!(note.select(&own).count(), 0, "{}", note.html());
        assert!(note.select(&sel("a")).all(|a| !text(a).is_empty()));
    }
}

#[test]
fn links_and_images_that_cannot_be_kept_are_reported_where_written() {
    let site = TempSite::fixture("single");
    append(
        &site,
        "content/articles/bridge.md",
        "\n[a](ftp://x.org/) and [j](javascript:alert(1)) and ![d](data:image/png,x).\n\n\
         [m](mailto:a@b.c) [t](tel:+123) [[ana-lopes|]] [](https://e.org) [[ana-lopes|a|b]]\n\n\
         [link [[ana-lopes]] inside](https://e.org)\n",
    );
    let report = explainer::check(&site.options()).unwrap();
    let all: Vec<String> = report.diagnostics.iter().map(|d| d.to_string()).collect();
    let at = |line: usize, what: &str| {
        all.iter().any(|d| {
            d.starts_with(&format!("warning: content/articles/bridge.md:{line}: "))
                && d.contains(what)
        })
    };
    assert!(at(13, "ftp://x.org/"), "{all:#?}");
    assert!(at(13, "javascript:alert(1)"), "{all:#?}");
    assert!(at(13, "data:image/png,x"), "{all:#?}");
    assert!(at(15, "[[ana-lopes|]]"), "{all:#?}");
    assert!(at(15, "https://e.org\" has no text"), "{all:#?}");
    assert!(at(15, "more than one"), "{all:#?}");
    assert!(at(17, "inside a link's text"), "{all:#?}");
    assert!(
        !all.iter()
            .any(|d| d.contains("mailto:a@b.c") || d.contains("tel:+123"))
    );
    site.build();
    let doc = site.page("articles/bridge/index.html");
    for a in doc.select(&sel(".text a")) {
        assert!(!text(a).is_empty(), "a link without a name: {}", a.html());
    }
    let kept = hrefs(&doc, ".text a");
    assert!(kept.contains(&"mailto:a@b.c".to_string()) && kept.contains(&"tel:+123".to_string()));
    assert!(
        !kept
            .iter()
            .any(|h| h.starts_with("ftp:") || h.starts_with("javascript:"))
    );
}

#[test]
fn images_from_other_hosts_are_errors_and_the_policy_forbids_them() {
    let site = TempSite::fixture("single");
    append(
        &site,
        "content/articles/bridge.md",
        "\nLook: ![p](https://other.example/p.png)\n",
    );
    append(
        &site,
        "content/actors/council.md",
        "\n![q](//cdn.example/q.png)\n",
    );
    let errors = site.errors();
    assert!(
        errors.iter().any(|e| e.starts_with("error: content/articles/bridge.md:13: image \"https://other.example/p.png\" is on another host")),
        "{errors:#?}"
    );
    assert!(
        errors
            .iter()
            .any(|e| e.starts_with("error: content/actors/council.md:")
                && e.contains("//cdn.example/q.png")),
        "{errors:#?}"
    );
    let clean = TempSite::fixture("single");
    clean.build();
    let doc = clean.page("articles/bridge/index.html");
    let csp = csp(&doc);
    let img = csp
        .split(';')
        .find(|d| d.trim().starts_with("img-src"))
        .unwrap();
    assert!(!img.contains("https:") && !img.contains("http:"), "{csp}");
}

#[test]
fn empty_titles_of_links_and_sources_fall_back_to_the_url() {
    let site = TempSite::fixture("single");
    let council = site.root().join("content/actors/council.md");
    let text_of = std::fs::read_to_string(&council).unwrap().replacen(
        "+++\n",
        "+++\nlinks = [{ title = \"\", url = \"https://example.org/council\" }]\n",
        1,
    );
    std::fs::write(&council, text_of).unwrap();
    let rushed = site.root().join("content/annotations/rushed.md");
    let text_of = std::fs::read_to_string(&rushed).unwrap().replacen(
        "+++\n",
        "+++\nsources = [{ title = \"\", url = \"https://example.org/src\" }]\n",
        1,
    );
    std::fs::write(&rushed, text_of).unwrap();
    site.build();
    for (page, url) in [
        ("actors/council/index.html", "https://example.org/council"),
        ("articles/bridge/index.html", "https://example.org/src"),
    ] {
        let doc = site.page(page);
        let a = doc
            .select(&sel(&format!("a[href=\"{url}\"]")))
            .next()
            .unwrap();
        assert_eq!(text(a), url);
    }
}

#[test]
fn the_guide_keys_only_the_kinds_of_note_the_article_carries() {
    for fixture in ["single", "newsroom"] {
        let site = TempSite::fixture(fixture);
        site.build();
        for e in walkdir::WalkDir::new(site.out().join("articles")).max_depth(2) {
            let e = e.unwrap();
            if e.file_name() != "index.html" || e.depth() != 2 {
                continue;
            }
            let rel = e
                .path()
                .strip_prefix(site.out())
                .unwrap()
                .to_str()
                .unwrap()
                .to_string();
            let doc = site.page(&rel);
            let kinds = |selector: &str, skip: &[&str]| -> std::collections::BTreeSet<String> {
                doc.select(&sel(selector))
                    .flat_map(|n| n.value().classes().map(str::to_string).collect::<Vec<_>>())
                    .filter(|c| !skip.contains(&c.as_str()))
                    .collect()
            };
            let keyed = kinds(".guide .key li", &["k"]);
            let carried = kinds("aside.note", &["note", "whole"]);
            assert_eq!(keyed, carried, "{rel}");
            let guide = doc.select(&sel(".guide p")).next().map(text);
            if let Some(g) = guide {
                assert!(
                    !g.contains("of them fact-check,") && !g.contains("1 of them"),
                    "{g}"
                );
            }
        }
    }
}
