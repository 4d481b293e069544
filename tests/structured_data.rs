//! End-to-end: the structured data search engines and platforms read (JSON-LD, the
//! canonical link, robots.txt), and the diagnostics of `[publisher]` and of a
//! fact-check's `author` and `date`.

mod common;

use common::*;
use scraper::Html;
use serde_json::Value;

const BASE: &str = "https://news.example.org/explainers/";

/// The JSON-LD graph of a page.
fn graph(page: &Html) -> Vec<Value> {
    let script = page
        .select(&sel("script[type='application/ld+json']"))
        .next()
        .expect("a JSON-LD script");
    let ld: Value = serde_json::from_str(&script.inner_html()).expect("valid JSON");
    assert_eq!(ld["@context"], "https://schema.org");
    ld["@graph"].as_array().expect("a @graph").clone()
}

/// The nodes of `graph` of type `kind`.
fn nodes<'a>(graph: &'a [Value], kind: &str) -> Vec<&'a Value> {
    graph.iter().filter(|n| n["@type"] == kind).collect()
}

/// Every null, empty string, empty list or empty object under `v`, by its path.
fn blanks(v: &Value, at: &str, out: &mut Vec<String>) {
    match v {
        Value::Null => out.push(at.to_string()),
        Value::String(s) if s.trim().is_empty() => out.push(at.to_string()),
        Value::Array(a) if a.is_empty() => out.push(at.to_string()),
        Value::Object(o) if o.is_empty() => out.push(at.to_string()),
        Value::Array(a) => {
            for (i, x) in a.iter().enumerate() {
                blanks(x, &format!("{at}[{i}]"), out);
            }
        }
        Value::Object(o) => {
            for (k, x) in o {
                blanks(x, &format!("{at}.{k}"), out);
            }
        }
        _ => {}
    }
}

#[test]
fn an_article_publishes_a_complete_news_article_and_claim_review() {
    let site = TempSite::fixture("newsroom");
    site.build();
    let g = graph(&site.page("articles/budget-vote/index.html"));
    let article = nodes(&g, "NewsArticle")[0];
    let publisher = serde_json::json!({
        "@type": "Organization", "@id": format!("{BASE}#publisher"), "name": "Example News",
        "url": "https://news.example.org/",
    });
    assert_eq!(
        article["headline"],
        "Parliament Passes the Budget After a Long Night"
    );
    assert_eq!(article["datePublished"], "2024-03-14");
    assert_eq!(article["dateModified"], "2024-03-14");
    assert_eq!(article["author"]["name"], "A. Reporter");
    assert_eq!(article["publisher"], publisher);
    assert_eq!(article["url"], format!("{BASE}articles/budget-vote/"));

    let review = nodes(&g, "ClaimReview")[0];
    assert_eq!(review["claimReviewed"], "a gamble");
    assert_eq!(review["reviewRating"]["alternateName"], "Unverified");
    assert_eq!(
        review["url"],
        format!("{BASE}articles/budget-vote/#note-gamble")
    );
    // Its own author and date.
    assert_eq!(
        review["author"],
        serde_json::json!({"@type": "Person", "name": "Ana Checker",
            "url": "https://news.example.org/staff/ana-checker"})
    );
    assert_eq!(review["datePublished"], "2024-03-15");
    let claim = &review["itemReviewed"];
    assert_eq!(claim["@type"], "Claim");
    assert_eq!(claim["author"]["name"], "A. Reporter");
    assert_eq!(claim["datePublished"], "2024-03-14");
    // The claim appears in the article and first appeared in its original, each a node
    // described once on the page and referred to by its `@id`.
    assert_eq!(claim["appearance"]["@id"], article["@id"]);
    assert_eq!(article["@id"], format!("{BASE}articles/budget-vote/"));
    let original = nodes(&g, "CreativeWork")[0];
    assert_eq!(claim["firstAppearance"]["@id"], original["@id"]);
    assert_eq!(original["url"], "https://example.org/budget");

    let crumbs = nodes(&g, "BreadcrumbList")[0]["itemListElement"].clone();
    assert_eq!(crumbs[0]["item"], BASE);
    assert_eq!(crumbs[1]["position"], 2);
    assert_eq!(crumbs[1]["item"], format!("{BASE}articles/budget-vote/"));
}

#[test]
fn a_fact_check_without_author_or_date_takes_the_publisher_and_its_article_date() {
    let site = TempSite::fixture("single");
    let mut opts = site.options();
    opts.base_url = Some("https://e.org/bridge/".into());
    explainer::build(&opts).unwrap();
    let slug = std::fs::read_dir(site.root().join("content/articles"))
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    let slug = slug.file_stem().unwrap().to_str().unwrap();
    let g = graph(&site.page(&format!("articles/{slug}/index.html")));
    let review = nodes(&g, "ClaimReview")[0];
    let article = nodes(&g, "NewsArticle")[0];
    // The author is the publisher, described once on the page (as the article's) and
    // referred to by its id.
    let publisher = &article["publisher"];
    assert_eq!(
        review["author"],
        serde_json::json!({"@id": "https://e.org/bridge/#publisher"})
    );
    assert_eq!(publisher["@id"], "https://e.org/bridge/#publisher");
    assert_eq!(publisher["name"], "Harbour Bridge Desk");
    // The publisher's url is the base URL, and its logo a file of static/.
    assert_eq!(publisher["url"], "https://e.org/bridge/");
    assert_eq!(
        publisher["logo"]["url"],
        "https://e.org/bridge/img/pixel.gif"
    );
    assert_eq!(review["datePublished"], article["datePublished"]);
}

#[test]
fn every_page_has_breadcrumbs_a_canonical_link_and_no_blank_value() {
    let site = TempSite::fixture("newsroom");
    site.build();
    let mut pages = 0;
    for entry in walkdir::WalkDir::new(site.out()) {
        let entry = entry.unwrap();
        let path = entry.path();
        if path.extension().is_none_or(|e| e != "html") {
            continue;
        }
        pages += 1;
        let rel = path.strip_prefix(site.out()).unwrap().to_str().unwrap();
        let page = site.page(rel);
        let g = graph(&page);
        assert_eq!(nodes(&g, "BreadcrumbList").len(), 1, "{rel}");
        let mut found = Vec::new();
        for n in &g {
            blanks(n, rel, &mut found);
        }
        assert!(found.is_empty(), "blank values: {found:?}");
        let canonical = hrefs(&page, "link[rel=canonical]");
        let want = format!("{BASE}{}", rel.trim_end_matches("index.html"));
        assert_eq!(canonical, [want], "{rel}");
    }
    assert!(pages > 10, "{pages} pages");
}

#[test]
fn robots_txt_names_the_sitemap_only_with_a_base_url_and_a_static_one_wins() {
    let site = TempSite::new(&small_site());
    site.build();
    let robots = std::fs::read_to_string(site.out().join("robots.txt")).unwrap();
    assert_eq!(robots, "User-agent: *\nAllow: /\n");
    let mut opts = site.options();
    opts.base_url = Some("https://e.org/x".into());
    explainer::build(&opts).unwrap();
    let robots = std::fs::read_to_string(site.out().join("robots.txt")).unwrap();
    assert!(
        robots.ends_with("\nSitemap: https://e.org/x/sitemap.xml\n"),
        "{robots}"
    );
    site.write("static/robots.txt", "User-agent: *\nDisallow: /drafts/\n");
    site.build();
    let robots = std::fs::read_to_string(site.out().join("robots.txt")).unwrap();
    assert_eq!(robots, "User-agent: *\nDisallow: /drafts/\n");
}

#[test]
fn a_site_with_fact_checks_and_no_publisher_is_warned_at_site_toml() {
    let site = TempSite::fixture("single");
    site.write(
        "content/site.toml",
        "title = \"Harbour Bridge: the Decision\"\n",
    );
    let o = explainer(&["check"], site.root());
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(
        err.contains("warning: content/site.toml:1: the site has 1 fact-check but no [publisher]"),
        "{err}"
    );
    // A site whose notes are no fact-checks needs none.
    let plain = TempSite::new(&small_site());
    let err = stderr(&explainer(&["check"], plain.root()));
    assert!(!err.contains("[publisher]"), "{err}");
}

#[test]
fn an_unknown_key_in_publisher_is_an_error_at_its_line() {
    let site = TempSite::fixture("single");
    site.write(
        "content/site.toml",
        "title = \"Harbour Bridge: the Decision\"\n\n[publisher]\nname = \"Desk\"\nlogo_url = \"x.png\"\n",
    );
    let errors = site.errors();
    assert!(
        errors
            .iter()
            .any(|e| e.starts_with("error: content/site.toml:5:") && e.contains("logo_url")),
        "{errors:#?}"
    );
}

#[test]
fn publisher_and_author_values_are_checked_where_they_are_written() {
    let site = TempSite::fixture("single");
    site.write(
        "content/site.toml",
        "title = \"Harbour Bridge: the Decision\"\n\n[publisher]\nname = \"Desk\"\nurl = \"news\"\nlogo = \"img/missing.png\"\n",
    );
    site.write(
        "content/annotations/context.md",
        "+++\nquote = \"costs were capped\"\nkind = \"context\"\nauthor = { name = \"A\" }\ndate = 2024-01-02\n+++\n\nA note.\n",
    );
    let errors = site.errors().join("\n");
    for (at, what) in [
        ("content/site.toml:5:", "url"),
        ("content/site.toml:6:", "static/img/missing.png"),
        (
            "content/annotations/context.md:4:",
            "`author` is only for fact-check",
        ),
        (
            "content/annotations/context.md:5:",
            "`date` is only for fact-check",
        ),
    ] {
        assert!(
            errors
                .lines()
                .any(|e| e.starts_with(&format!("error: {at}")) && e.contains(what)),
            "{at} {what}: {errors}"
        );
    }
}
