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

#[test]
fn each_target_is_previewed_once_and_every_link_to_it_names_that_preview() {
    let site = TempSite::fixture("newsroom");
    site.build();
    let doc = site.page("articles/budget-vote/index.html");
    let named = invokers(&doc);
    // Jane Roe is named in several paragraphs and linked with [[jane-roe]]: one preview.
    let roe_links = doc.select(&sel("a[interestfor='a-jane-roe']")).count();
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
    for (id, hrefs) in &named {
        // Every link naming a preview goes to that target's page, and to it only.
        let (section, slug) = id.split_once('-').unwrap();
        let want = format!(
            "../../{}/{slug}/",
            if section == "a" {
                "actors"
            } else {
                "positions"
            }
        );
        assert_eq!(hrefs, &BTreeSet::from([want]), "{id}");
    }
}

#[test]
fn a_preview_holds_the_name_the_role_or_summary_and_the_stance_count() {
    let site = TempSite::fixture("newsroom");
    site.build();
    let doc = site.page("articles/budget-vote/index.html");
    let card = |id: &str| text(doc.select(&sel(&format!("#{id}"))).next().unwrap());
    // Jane Roe holds a stance on both positions; the carbon tax has four.
    assert_eq!(card("a-jane-roe"), "Jane Roe Prime Minister 2 stances");
    assert_eq!(
        card("p-carbon-tax"),
        "A carbon tax on households Households pay a tax on the carbon in the fuel they burn. 4 stances"
    );
    // A mention and a [[link]] in the text and in a note are all previewed.
    assert!(doc.select(&sel(".text p a.mention[interestfor]")).count() >= 3);
    assert!(
        doc.select(&sel(".text a[interestfor='p-carbon-tax']:not(.mention)"))
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
