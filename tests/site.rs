//! End-to-end: build the `newsroom` fixture (three articles) and inspect the HTML.

mod common;

use common::*;
use scraper::Html;

fn built() -> TempSite {
    let site = TempSite::fixture("newsroom");
    site.build();
    site
}

#[test]
fn writes_the_contract_layout() {
    let site = built();
    for rel in [
        "index.html",
        "404.html",
        ".nojekyll",
        "sitemap.xml",
        "style.css",
        "robots.txt",
        "actors/index.html",
        "positions/index.html",
        "articles/budget-vote/index.html",
        "articles/carbon-tax-cost/index.html",
        "actors/jane-roe/index.html",
        "positions/carbon-tax/index.html",
    ] {
        assert!(site.out().join(rel).is_file(), "missing {rel}");
    }
    let sitemap = std::fs::read_to_string(site.out().join("sitemap.xml")).unwrap();
    assert!(sitemap.contains("<loc>https://news.example.org/explainers/actors/jane-roe/</loc>"));
    assert!(!sitemap.contains("404"));
}

#[test]
fn every_top_level_block_gets_an_id_but_code_and_rules_do_not() {
    let site = built();
    let doc = site.page("articles/budget-vote/index.html");
    let ids: Vec<String> = doc
        .select(&sel("div.block"))
        .map(|b| b.value().attr("id").unwrap().to_string())
        .collect();
    // heading, 2 paragraphs, list, block quote, table, paragraph, paragraph (after code).
    assert_eq!(ids, ["p1", "p2", "p3", "p4", "p5", "p6", "p7", "p8"]);
    assert!(
        doc.select(&sel("div.block pre")).next().is_none(),
        "code blocks are not numbered"
    );
    // Raw HTML in an article is shown as text.
    let p7 = doc.select(&sel("#p7")).next().unwrap();
    assert!(p7.select(&sel("b")).next().is_none());
    assert!(text(p7).contains("Some raw <b>HTML</b> stays text"));
}

#[test]
fn a_mark_around_inline_markup_is_one_element_and_links_both_ways() {
    let site = built();
    let doc = site.page("articles/budget-vote/index.html");
    let mark = doc
        .select(&sel("mark#mark-ministry-estimate"))
        .next()
        .expect("mark");
    assert_eq!(text(mark), "Finance Ministry said the budget");
    assert!(
        mark.select(&sel("em")).next().is_some() && mark.select(&sel("strong")).next().is_some()
    );
    let p3 = doc.select(&sel("#p3")).next().unwrap();
    assert!(hrefs(&doc, "#p3 sup.note-ref a").contains(&"#note-ministry-estimate".to_string()));
    let note = doc
        .select(&sel("#note-ministry-estimate"))
        .next()
        .expect("note");
    assert!(
        p3.descendants().any(|n| n.id() == note.id()),
        "the note sits with its paragraph"
    );
    assert_eq!(
        hrefs(&doc, "#note-ministry-estimate a.note-back"),
        ["#mark-ministry-estimate"]
    );
}

#[test]
fn prefix_picks_one_of_several_occurrences_and_marks_in_lists_and_tables() {
    let site = built();
    let doc = site.page("articles/budget-vote/index.html");
    let gamble: Vec<_> = doc.select(&sel("mark#mark-gamble")).collect();
    assert_eq!(gamble.len(), 1);
    assert_eq!(text(gamble[0]), "a gamble");
    let next: String = doc.select(&sel("#p3 p")).next().map(text).unwrap();
    assert!(next.contains("critics call it “a gamble3”"), "{next}");
    assert_eq!(
        text(doc.select(&sel("#p4 li li mark")).next().unwrap()),
        "The tax starts in 2025."
    );
    assert_eq!(
        text(doc.select(&sel("#p6 td mark")).next().unwrap()),
        "Opposition under Max Doe"
    );
    assert_eq!(
        text(doc.select(&sel("mark#mark-fair-deal")).next().unwrap()),
        "“a fair deal for everyone”",
        "straight quotes in the annotation match typographic ones"
    );
}

#[test]
fn fact_checks_show_their_verdict_and_sources() {
    let site = built();
    let doc = site.page("articles/budget-vote/index.html");
    let note = doc.select(&sel("#note-gamble")).next().unwrap();
    let t = text(note);
    assert!(t.contains("Fact check") && t.contains("Unverified"), "{t}");
    assert!(hrefs(&doc, "#note-gamble a").contains(&"https://example.org/doe".to_string()));
}

#[test]
fn mentions_link_to_actors_outside_code_and_links() {
    let site = built();
    let doc = site.page("articles/budget-vote/index.html");
    let mentions = hrefs(&doc, "a.mention");
    for actor in [
        "jane-roe",
        "sam-poe",
        "greens",
        "finance-ministry",
        "coalition",
        "max-doe",
    ] {
        assert!(
            mentions.contains(&format!("../../actors/{actor}/")),
            "{actor} not linked: {mentions:?}"
        );
    }
    assert!(
        doc.select(&sel("code a, a a")).next().is_none(),
        "no links inside code or links"
    );
    // The longest name wins: "Prime Minister Jane Roe" is one link.
    let first = doc.select(&sel("#p2 a.mention")).next().unwrap();
    assert_eq!(text(first), "Prime Minister Jane Roe");
}

#[test]
fn actor_pages_list_every_paragraph_that_mentions_them() {
    let site = built();
    let doc = site.page("actors/jane-roe/index.html");
    let links = hrefs(&doc, ".named a");
    for want in [
        "../../articles/budget-vote/#p2",
        "../../articles/budget-vote/#p3",
        "../../articles/budget-vote/#p4",
        "../../articles/carbon-tax-cost/#p2",
        "../../articles/schools/#p2",
    ] {
        assert!(
            links.contains(&want.to_string()),
            "missing {want} in {links:?}"
        );
    }
    assert!(
        links.contains(&"../../articles/budget-vote/#p8".to_string()),
        "a [[wikilink]] shows her name"
    );
    // A name in inline code is a mention: the contract counts the text a reader sees.
    assert!(
        links.contains(&"../../articles/budget-vote/#p7".to_string()),
        "{links:?}"
    );
    let t = text(doc.root_element());
    assert!(
        t.contains("Mixed") && t.contains("A carbon tax on households"),
        "her stance is shown"
    );
    assert!(
        hrefs(&doc, ".infobox a").contains(&"https://www.wikidata.org/wiki/Q123456".to_string())
    );
    assert!(hrefs(&doc, ".infobox a").contains(&"../../actors/coalition/".to_string()));
    // Each article that names her shows the sentence of its first mention.
    let quoted: String = doc.select(&sel(".named li")).map(text).collect();
    assert!(
        quoted.contains("Prime Minister Jane Roe won the vote at 3 a.m."),
        "{quoted}"
    );
}

#[test]
fn position_pages_group_stances_with_linked_quotes_and_sources() {
    let site = built();
    let doc = site.page("positions/carbon-tax/index.html");
    let groups: Vec<String> = doc.select(&sel("h3[id^='h-']")).map(text).collect();
    assert_eq!(groups, ["Supports", "Opposes", "Mixed"]);
    let poe = doc.select(&sel("#stance-sam-poe")).next().unwrap();
    assert!(text(poe).contains("The carbon tax that Sam Poe won"));
    assert!(
        hrefs(&doc, "#stance-sam-poe a")
            .contains(&"../../articles/carbon-tax-cost/#p1".to_string())
    );
    assert!(
        hrefs(&doc, "#stance-greens a")
            .contains(&"https://example.org/greens-manifesto".to_string())
    );
    assert!(
        hrefs(&doc, "#stance-jane-roe .stance-note a")
            .contains(&"../../actors/greens/".to_string())
    );
    assert!(
        hrefs(&doc, "a").contains(&"../../positions/school-spending/".to_string()),
        "related position"
    );
}

#[test]
fn home_matrix_states_every_stance_in_words() {
    let site = built();
    let doc = site.page("index.html");
    let rows: Vec<Vec<String>> = doc
        .select(&sel("table.matrix tr"))
        .map(|tr| tr.select(&sel("th, td")).map(text).collect())
        .collect();
    assert_eq!(rows[0][0], "Actor");
    assert_eq!(rows[0].len(), 3, "one column per position");
    let roe = rows
        .iter()
        .find(|r| r[0] == "Jane Roe")
        .expect("a row for Jane Roe");
    assert!(
        roe[1].starts_with("Mixed") && roe[2].starts_with("Supports"),
        "{roe:?}"
    );
    let greens = rows.iter().find(|r| r[0] == "The Greens").unwrap();
    assert_eq!(greens[2], "No stance");
    assert!(
        !rows.iter().any(|r| r[0] == "Exampleland"),
        "only actors with a stance get a row"
    );
    assert!(
        hrefs(&doc, "table.matrix td a")
            .contains(&"positions/carbon-tax/#stance-jane-roe".to_string())
    );
}

#[test]
fn links_are_relative_except_404_under_base_url() {
    let site = built();
    for entry in walkdir::WalkDir::new(site.out()) {
        let entry = entry.unwrap();
        if entry.path().extension().is_some_and(|e| e == "html") {
            let doc = Html::parse_document(&std::fs::read_to_string(entry.path()).unwrap());
            let is_404 = entry.file_name() == "404.html";
            for href in hrefs(&doc, "a, link") {
                assert!(!href.starts_with('/'), "{}: {href}", entry.path().display());
                if is_404 && !href.starts_with('#') && !href.starts_with("data:") {
                    assert!(
                        href.starts_with("https://news.example.org/explainers/"),
                        "404: {href}"
                    );
                }
            }
        }
    }
}

#[test]
fn builds_are_byte_identical_and_check_writes_nothing() {
    let site = TempSite::fixture("newsroom");
    let (a, _) = explainer::prepare(&site.options()).unwrap();
    let (b, _) = explainer::prepare(&site.options()).unwrap();
    let (a, _) = a.unwrap().render_to_memory().unwrap();
    let (b, _) = b.unwrap().render_to_memory().unwrap();
    assert!(a.len() > 10);
    assert_eq!(a, b);
    explainer::check(&site.options()).unwrap();
    assert!(!site.out().exists());
}

#[test]
fn base_url_option_overrides_site_toml() {
    let site = TempSite::fixture("newsroom");
    let mut opts = site.options();
    opts.base_url = Some("https://other.example/sub".into());
    explainer::build(&opts).unwrap();
    let sitemap = std::fs::read_to_string(site.out().join("sitemap.xml")).unwrap();
    assert!(
        sitemap.contains("<loc>https://other.example/sub/</loc>"),
        "{sitemap}"
    );
    let doc = site.page("articles/budget-vote/index.html");
    let canonical = doc.select(&sel("link[rel=canonical]")).next().unwrap();
    assert_eq!(
        canonical.value().attr("href"),
        Some("https://other.example/sub/articles/budget-vote/")
    );
}

#[test]
fn json_ld_is_valid_json_with_the_right_types() {
    let site = built();
    let get = |rel: &str| -> serde_json::Value {
        let doc = site.page(rel);
        let script = doc
            .select(&sel("script[type='application/ld+json']"))
            .next()
            .expect("JSON-LD");
        serde_json::from_str(&script.inner_html()).expect("valid JSON")
    };
    let article = get("articles/budget-vote/index.html");
    let types: Vec<&str> = article["@graph"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|v| v["@type"].as_str())
        .collect();
    // The article's original (its `source_url`) is a node of its own, which the
    // fact-check's claim names as its first appearance.
    assert_eq!(
        types,
        [
            "NewsArticle",
            "ClaimReview",
            "CreativeWork",
            "BreadcrumbList"
        ]
    );
    let roe = &get("actors/jane-roe/index.html")["@graph"][0];
    assert_eq!(roe["@type"], "Person");
    // Its Wikidata item; not its link "Official page", which no URL shows to be one
    // (further reading and news are not the actor either).
    assert_eq!(
        roe["sameAs"],
        serde_json::json!(["https://www.wikidata.org/wiki/Q123456"])
    );
    assert_eq!(
        get("actors/exampleland/index.html")["@graph"][0]["@type"],
        "Country"
    );
    // A Wikipedia page among the links identifies the actor; a news story does not
    // (all of `links` were `sameAs`).
    site.write(
        "content/actors/jane-roe.md",
        "+++\nname = \"Jane Roe\"\nkind = \"person\"\naliases = [\"Roe\", \"Prime Minister Jane Roe\"]\nlinks = [{ title = \"Roe on Wikipedia\", url = \"https://en.wikipedia.org/wiki/Jane_Roe\" }, { title = \"An interview\", url = \"https://news.example.com/roe-interview\" }]\n+++\n\nJane Roe leads the government.\n",
    );
    site.build();
    assert_eq!(
        get("actors/jane-roe/index.html")["@graph"][0]["sameAs"],
        serde_json::json!(["https://en.wikipedia.org/wiki/Jane_Roe"])
    );
}

#[test]
fn templates_of_the_site_override_the_built_in_ones() {
    let site = TempSite::fixture("newsroom");
    site.write(
        "templates/actor.html",
        "<!doctype html><title>{{ actor.name }}</title><p>OVERRIDDEN</p>",
    );
    site.build();
    let text = std::fs::read_to_string(site.out().join("actors/jane-roe/index.html")).unwrap();
    assert!(text.contains("OVERRIDDEN") && text.contains("Jane Roe"));
    let home = std::fs::read_to_string(site.out().join("index.html")).unwrap();
    assert!(!home.contains("OVERRIDDEN"));
}

#[test]
fn a_template_that_loads_from_another_host_is_warned_about() {
    // An override of base.html without the policy and with a script from a CDN built
    // with --strict without a word.
    let site = TempSite::new(&common::small_site());
    site.write(
        "templates/base.html",
        "<!doctype html>\n<html lang=\"en\">\n<head><title>{{ page.title }}</title>\n<script src=\"https://cdn.example.com/x.js\"></script>\n</head>\n<body>{% block main %}{% endblock main %}</body>\n</html>\n",
    );
    let report = explainer::check(&site.options()).unwrap();
    let said: Vec<String> = report.diagnostics.iter().map(|d| d.to_string()).collect();
    assert_eq!(said.len(), 2, "{said:#?}");
    assert!(
        said[0].starts_with(
            "warning: templates/base.html:3: the page's <head> has no Content-Security-Policy"
        ),
        "{said:#?}"
    );
    assert!(said[1].starts_with("warning: templates/base.html:4: <script src> \"https://cdn.example.com/x.js\" is on another host"), "{said:#?}");
    let o = explainer(&["build", "--strict"], site.root());
    assert_eq!(o.status.code(), Some(1));
}
