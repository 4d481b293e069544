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

#[cfg(unix)]
#[test]
fn an_edit_of_a_file_read_through_a_link_is_served() {
    // `static/info.txt` and a profile linked to files elsewhere in the site: their
    // edits were not seen, and the old text stayed until another file changed.
    let site = TempSite::new(&small_site());
    site.write("shared/info.txt", "v1");
    site.write(
        "shared/bob-jones.md",
        "+++\nname = \"Bob Jones\"\nkind = \"person\"\n+++\n\nProfile v1.\n",
    );
    std::fs::create_dir_all(site.root().join("static")).unwrap();
    std::os::unix::fs::symlink("../shared/info.txt", site.root().join("static/info.txt")).unwrap();
    std::fs::remove_file(site.root().join("content/actors/bob-jones.md")).unwrap();
    std::os::unix::fs::symlink(
        "../../shared/bob-jones.md",
        site.root().join("content/actors/bob-jones.md"),
    )
    .unwrap();
    let server = Server::start(site.root(), &[]);
    server.wait_for("/info.txt", |r| r.status == 200 && r.text() == "v1");
    server.wait_for("/actors/bob-jones/", |r| r.text().contains("Profile v1."));
    site.write("shared/info.txt", "v2");
    server.wait_for("/info.txt", |r| r.text() == "v2");
    site.write(
        "shared/bob-jones.md",
        "+++\nname = \"Bob Jones\"\nkind = \"person\"\n+++\n\nProfile v2.\n",
    );
    server.wait_for("/actors/bob-jones/", |r| r.text().contains("Profile v2."));
}
