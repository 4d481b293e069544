//! Files of `static/` against what the site writes: every file a build writes is known
//! before it renders (`render::generated_paths`, and the folders whose files the
//! content names), so that a static file in its place is a content error in `check`
//! and `build` alike, never a silent replacement nor a failure of the machine (D6).

mod common;

use common::*;

/// The small site with everything that writes files of its own: a base URL (sitemap,
/// feed, share cards), events (the timeline), a note with a page of its own, updates,
/// and pages of one item (pagination).
fn full_site() -> TempSite {
    let s = TempSite::new(&small_site());
    s.write(
        "content/site.toml",
        "title = \"Small\"\nbase_url = \"https://e.org/r/\"\n[pagination]\npage_size = 1\n",
    );
    s.write(
        "content/events/vote.md",
        "+++\ntitle = \"The vote\"\ndate = 2025-01-03\n+++\n\nThe council voted.\n",
    );
    s.write(
        "content/annotations/left.md",
        "+++\nquote = \"left early\"\nkind = \"context\"\nupdates = [{ date = 2025-01-05, text = \"Checked.\" }]\n+++\n\nHe had another meeting.\n",
    );
    s
}

/// Every file under `dir`, by its path from there.
fn files_under(dir: &std::path::Path) -> Vec<String> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e.path().strip_prefix(dir).unwrap();
            rel.to_string_lossy().replace('\\', "/")
        })
        .collect()
}

#[test]
fn every_file_a_build_writes_is_known_before_it_renders() {
    let s = full_site();
    s.build();
    let (prepared, _) = explainer::prepare(&s.options()).unwrap();
    let prepared = prepared.unwrap();
    let statics = prepared.statics.iter().map(|s| s.path.as_str());
    let generated = explainer::render::generated_paths(&prepared.site, statics);
    let written = files_under(&s.out());
    for kind in [
        "search/t/",
        "search/d/",
        "card.png",
        "feed.xml",
        "annotations.jsonld",
        "/page/2/",
    ] {
        assert!(
            written.iter().any(|p| p.contains(kind)),
            "the build wrote no {kind}: {written:?}"
        );
    }
    let unknown: Vec<&String> = written
        .iter()
        .filter(|p| {
            !generated.contains(*p) && explainer::render::clashes::owned_folder(p).is_none()
        })
        .collect();
    assert!(unknown.is_empty(), "written but not known: {unknown:?}");
}

#[test]
fn a_static_file_in_place_of_any_written_file_is_an_error() {
    // The family: whatever the build writes (pages, pages of lists, cards, the feed,
    // the notes' JSON-LD, the search index), a static file of that name is reported.
    let s = full_site();
    s.build();
    // Hidden files of static/ are not published, so they replace nothing (`.nojekyll`).
    let written: Vec<String> = files_under(&s.out())
        .into_iter()
        .filter(|p| !p.split('/').any(|part| part.starts_with('.')))
        .collect();
    let replaceable = explainer::render::ASSETS;
    for p in written
        .iter()
        .filter(|p| !replaceable.contains(&p.as_str()))
    {
        s.write(&format!("static/{p}"), "x");
    }
    let errors = s.errors();
    for p in written
        .iter()
        .filter(|p| !replaceable.contains(&p.as_str()))
    {
        assert!(
            errors
                .iter()
                .any(|e| e.starts_with(&format!("error: static/{p}:1: "))),
            "static/{p} is not reported: {errors:?}"
        );
    }
}

#[test]
fn static_files_in_the_search_index_are_errors_in_check_and_build() {
    let s = TempSite::new(&small_site());
    // The index's files, and one that a later edit could name.
    let index = [
        "meta.json",
        "filters.json",
        "t/61.txt",
        "d/0.json",
        "t/zz-new.txt",
    ];
    for p in index {
        s.write(&format!("static/search/{p}"), "x");
    }
    let errors = s.errors();
    for p in index {
        assert!(
            errors
                .iter()
                .any(|e| e.starts_with(&format!("error: static/search/{p}:1: "))),
            "{p}: {errors:?}"
        );
    }
    let out = explainer(&["build"], s.root());
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(stderr(&out).contains("error: static/search/meta.json:1: "));
    assert!(!s.out().exists(), "a build with errors writes nothing");
}

#[test]
fn a_static_file_where_the_index_writes_a_folder_is_a_content_error() {
    let s = TempSite::new(&small_site());
    s.write("static/search/d", "x");
    let errors = s.errors();
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(
        errors[0].starts_with("error: static/search/d:1: "),
        "{errors:?}"
    );
    let out = explainer(&["build"], s.root());
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(stderr(&out).contains("error: static/search/d:1: "));
}

/// The URLs `sitemap.xml` of the built `s` lists, each with its `lastmod`, if any.
fn sitemap(s: &TempSite) -> std::collections::BTreeMap<String, Option<String>> {
    let xml = std::fs::read_to_string(s.out().join("sitemap.xml")).unwrap();
    let doc = scraper::Html::parse_fragment(&xml);
    let one = |url: scraper::ElementRef, name: &str| {
        url.select(&sel(name))
            .next()
            .map(|e| e.text().collect::<String>())
    };
    doc.select(&sel("url"))
        .map(|url| (one(url, "loc").unwrap(), one(url, "lastmod")))
        .collect()
}

#[test]
fn the_sitemap_lists_the_html_pages_of_static_without_a_date() {
    let s = full_site();
    let page = "<!doctype html><html lang=\"en\"><title>Page</title><p>Text.</p></html>";
    for p in [
        "about.html",
        "docs/index.html",
        "docs/my guide.html",
        "docs/404.html",
    ] {
        s.write(&format!("static/{p}"), page);
    }
    s.write("static/docs/notes.txt", "text");
    s.build();
    let urls = sitemap(&s);
    for (url, file) in [
        ("https://e.org/r/about.html", "about.html"),
        ("https://e.org/r/docs/", "docs/index.html"),
        ("https://e.org/r/docs/my%20guide.html", "docs/my guide.html"),
    ] {
        assert_eq!(urls.get(url), Some(&None), "{url}: {urls:#?}");
        assert!(s.out().join(file).is_file(), "{file}");
    }
    // The generated pages keep their dates; no 404 page nor other file is listed.
    assert!(
        matches!(urls.get("https://e.org/r/articles/story/"), Some(Some(_))),
        "{urls:#?}"
    );
    assert!(
        urls.keys()
            .all(|u| !u.ends_with("404.html") && !u.ends_with(".txt")),
        "{urls:#?}"
    );
}
