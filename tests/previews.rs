//! Previews of mentions: every link of an article to an actor's or a position's page
//! is described by its target's preview (`aria-describedby`), each target's preview is
//! written once per page, it holds the name, the role or summary and the stance count,
//! and the page's own style (allowed by its hash) shows it for exactly those links.

mod common;

use common::*;
use std::collections::{BTreeMap, BTreeSet};

/// `aria-describedby` id → the hrefs of the links that name it.
fn invokers(doc: &scraper::Html) -> BTreeMap<String, BTreeSet<String>> {
    let mut out: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for a in doc.select(&sel("a[aria-describedby]")) {
        let v = a.value();
        out.entry(v.attr("aria-describedby").unwrap().to_string())
            .or_default()
            .insert(v.attr("href").unwrap().to_string());
    }
    out
}

/// The preview that the links to `href` name (the same for each of them).
fn preview_of(doc: &scraper::Html, href: &str) -> String {
    let ids: BTreeSet<String> = (doc.select(&sel(&format!("a[aria-describedby][href='{href}']"))))
        .map(|a| a.value().attr("aria-describedby").unwrap().to_string())
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
    let roe_links = doc
        .select(&sel(&format!("a[aria-describedby='{roe}']")))
        .count();
    assert!(roe_links >= 2, "{roe_links}");
    let cards: Vec<String> = doc
        .select(&sel(".pv[hidden]"))
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
    assert!(
        doc.select(&sel(".text p a.mention[aria-describedby]"))
            .count()
            >= 3
    );
    assert!(
        doc.select(&sel(&format!(
            ".text a[aria-describedby='{carbon}']:not(.mention)"
        )))
        .count()
            >= 1
    );
    // A link to an article is no actor or position: no preview.
    for a in doc.select(&sel("a[href*='articles/']")) {
        assert!(a.value().attr("aria-describedby").is_none(), "{}", text(a));
    }
}

#[test]
fn previews_are_hidden_until_the_page_style_shows_them_which_the_csp_allows_by_hash() {
    use base64::Engine;
    use sha2::Digest;
    let site = TempSite::fixture("newsroom");
    site.build();
    let html = std::fs::read_to_string(site.out().join("articles/budget-vote/index.html")).unwrap();
    let doc = scraper::Html::parse_document(&html);
    let styles: Vec<String> = doc.select(&sel("head style")).map(text).collect();
    assert_eq!(styles.len(), 1, "{styles:?}");
    let css = &styles[0];
    // One rule shows each preview, while a link it describes is hovered, focused or
    // pressed. (The browser suite checks that Chromium, with the CSP enforced, applies it.)
    let named = invokers(&doc);
    for id in named.keys() {
        let rule = format!(":has([aria-describedby={id}]:is(:hover,:focus-visible,:active)) #{id}");
        assert_eq!(css.matches(&rule).count(), 1, "{id}: {css}");
    }
    assert_eq!(css.matches(":has(").count(), named.len(), "{css}");
    assert!(css.ends_with("{display:block}"), "{css}");
    // The CSP allows that style by its hash, and nothing else inline.
    let csp = csp(&doc);
    let digest = sha2::Sha256::digest(css.as_bytes());
    let hash = base64::engine::general_purpose::STANDARD.encode(digest);
    let style_src = csp
        .split(';')
        .map(str::trim)
        .find(|d| d.starts_with("style-src"))
        .unwrap();
    assert_eq!(style_src, format!("style-src 'self' 'sha256-{hash}'"));
    assert!(!style_src.contains("unsafe"));
    // A page without previews has no style of its own and a CSP without a hash.
    let home = std::fs::read_to_string(site.out().join("index.html")).unwrap();
    assert!(!home.contains("<style") && !home.contains("sha256-"));
    let cards: Vec<_> = doc.select(&sel(".pv")).collect();
    assert!(cards.len() >= 2);
    for p in cards {
        assert!(p.value().attr("hidden").is_some());
        assert!(p.value().attr("style").is_none());
        // No non-standard attribute: the W3C checker rejects `interestfor`.
        assert!(p.value().attr("popover").is_none());
    }
    assert!(!html.contains("<script>") && !html.contains(" style="));
    assert!(!html.contains("interestfor"));
}
