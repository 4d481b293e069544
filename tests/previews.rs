//! Previews of mentions: every link of an article to an actor's or a position's page
//! names a popover (`interestfor`), each target's preview is written once per page, and
//! it holds the name, the role or summary and the stance count.

mod common;

use common::*;
use std::collections::{BTreeMap, BTreeSet};

/// `interestfor` id → the hrefs of the links that name it.
fn invokers(doc: &scraper::Html) -> BTreeMap<String, BTreeSet<String>> {
    let mut out: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for a in doc.select(&sel("a[interestfor]")) {
        let v = a.value();
        out.entry(v.attr("interestfor").unwrap().to_string())
            .or_default()
            .insert(v.attr("href").unwrap().to_string());
    }
    out
}

/// The preview that the links to `href` name (the same for each of them).
fn preview_of(doc: &scraper::Html, href: &str) -> String {
    let ids: BTreeSet<String> = (doc.select(&sel(&format!("a[interestfor][href='{href}']"))))
        .map(|a| a.value().attr("interestfor").unwrap().to_string())
        .collect();
    assert_eq!(ids.len(), 1, "{href}: {ids:?}");
    ids.into_iter().next().unwrap()
}

#[test]
fn each_target_is_previewed_once_and_every_link_to_it_names_that_preview() {
    let site = TempSite::fixture("newsroom");
    site.build();
    let doc = site.page("articles/budget-vote/index.html");
    let named = invokers(&doc);
    // Jane Roe is named in several paragraphs and linked with [[jane-roe]]: one preview.
    let roe = preview_of(&doc, "../../actors/jane-roe/");
    let roe_links = doc.select(&sel(&format!("a[interestfor='{roe}']"))).count();
    assert!(roe_links >= 2, "{roe_links}");
    let cards: Vec<String> = doc
        .select(&sel("[popover].pv"))
        .map(|p| p.value().id().unwrap().to_string())
        .collect();
    let unique: BTreeSet<&String> = cards.iter().collect();
    assert_eq!(unique.len(), cards.len(), "a preview twice: {cards:?}");
    assert_eq!(
        unique.into_iter().cloned().collect::<Vec<_>>(),
        named.keys().cloned().collect::<Vec<_>>()
    );
    // Every link naming a preview goes to one target's page, and each target has its own.
    let mut targets = BTreeSet::new();
    for (id, hrefs) in &named {
        assert_eq!(hrefs.len(), 1, "{id}: {hrefs:?}");
        let href = hrefs.first().unwrap();
        assert!(
            href.starts_with("../../actors/") || href.starts_with("../../positions/"),
            "{id}: {href}"
        );
        assert!(targets.insert(href.clone()), "{href} twice");
    }
}

#[test]
fn a_preview_holds_the_name_the_role_or_summary_and_the_stance_count() {
    let site = TempSite::fixture("newsroom");
    site.build();
    let doc = site.page("articles/budget-vote/index.html");
    let card = |id: &str| text(doc.select(&sel(&format!("#{id}"))).next().unwrap());
    // Jane Roe holds a stance on both positions; the carbon tax has four.
    let carbon = preview_of(&doc, "../../positions/carbon-tax/");
    assert_eq!(
        card(&preview_of(&doc, "../../actors/jane-roe/")),
        "Jane Roe Prime Minister 2 stances"
    );
    assert_eq!(
        card(&carbon),
        "A carbon tax on households Households pay a tax on the carbon in the fuel they burn. 4 stances"
    );
    // A mention and a [[link]] in the text and in a note are all previewed.
    assert!(doc.select(&sel(".text p a.mention[interestfor]")).count() >= 3);
    assert!(
        doc.select(&sel(&format!(
            ".text a[interestfor='{carbon}']:not(.mention)"
        )))
        .count()
            >= 1
    );
    // A link to an article is no actor or position: no preview.
    for a in doc.select(&sel("a[href*='articles/']")) {
        assert!(a.value().attr("interestfor").is_none(), "{}", text(a));
    }
}

#[test]
fn previews_are_popovers_without_script_or_inline_style() {
    let site = TempSite::fixture("newsroom");
    site.build();
    let html = std::fs::read_to_string(site.out().join("articles/budget-vote/index.html")).unwrap();
    let doc = scraper::Html::parse_document(&html);
    for p in doc.select(&sel(".pv")) {
        assert_eq!(p.value().attr("popover"), Some("hint"));
        assert!(p.value().attr("style").is_none());
    }
    assert!(!html.contains("<script>") && !html.contains(" style="));
}
