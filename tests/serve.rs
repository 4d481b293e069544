//! `explainer serve` end to end: start it on a free port, fetch pages, edit files, and see
//! the site change, break, and come back.

mod common;
mod serve_support;

use common::*;
use serve_support::Server;

#[test]
fn serves_rebuilds_on_change_and_survives_errors() {
    let site = TempSite::new(&small_site());
    let server = Server::start(site.root(), &[]);
    let page = server
        .wait_for("/actors/bob-jones/", |r| r.status == 200)
        .text();
    assert!(page.contains("Bob is a diplomat."));
    assert!(
        page.contains("/__explainer/reload.js"),
        "pages carry the reload script while serving"
    );
    let article = server
        .wait_for("/articles/story/", |r| r.status == 200)
        .text();
    assert!(
        article.contains("href=\"../../actors/bob-jones/\""),
        "the same relative links as a deployment"
    );
    let version = server
        .wait_for("/__explainer/version", |r| r.status == 200)
        .text();

    site.write("content/actors/bob-jones.md", "+++\nname = \"Bob Jones\"\nkind = \"person\"\naliases = [\"Bob\"]\n+++\n\nBob is now an envoy.\n");
    server.wait_for("/actors/bob-jones/", |r| {
        r.text().contains("Bob is now an envoy.")
    });
    let newer = server
        .wait_for("/__explainer/version", |r| r.status == 200)
        .text();
    assert_ne!(version, newer, "the version the pages poll changes");

    site.write(
        "content/actors/bob-jones.md",
        "+++\nname = \"Bob Jones\"\nkind = person\n+++\n",
    );
    let error = server
        .wait_for("/actors/bob-jones/", |r| r.status == 500)
        .text();
    assert!(
        error.contains("error: content/actors/bob-jones.md:3:"),
        "{error}"
    );

    site.write(
        "content/actors/bob-jones.md",
        "+++\nname = \"Bob Jones\"\nkind = \"person\"\n+++\n\nBob is back.\n",
    );
    server.wait_for("/actors/bob-jones/", |r| {
        r.status == 200 && r.text().contains("Bob is back.")
    });
    let missing = server.get("/no/such/page/").unwrap();
    assert_eq!(missing.status, 404);
    assert!(
        missing.text().contains("Page not found") || missing.text().contains("not"),
        "the site's 404 page"
    );
}
