//! Links written in content to the files a build writes itself (the search page and its
//! index, the share cards, the feed, the sitemap) lead into the site; a link to a file
//! the build does not write does not.

mod common;

use common::*;

/// Every file the last build of `s` wrote, from the output's root, sorted; not the
/// build's own mark, nor the shards of the search index (`search/t/`, named after the
/// words of the content).
fn written(s: &TempSite) -> Vec<String> {
    let out = s.out();
    let mut files: Vec<String> = walkdir::WalkDir::new(&out)
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e.path().strip_prefix(&out).unwrap();
            rel.to_str().unwrap().replace('\\', "/")
        })
        .filter(|p| p != ".explainer-output" && !p.starts_with("search/t/"))
        .collect();
    files.sort();
    files
}

/// Markdown that links to each of `targets` (paths from the site's root) from an
/// article's page.
fn links_to(targets: &[&str]) -> String {
    targets
        .iter()
        .map(|t| format!("See [this file](../../{}).\n\n", t.replace(' ', "%20")))
        .collect()
}

/// The errors of `check` that name the written link `link`.
fn errors_about(errors: &[String], link: &str) -> usize {
    let quoted = format!("links to \"{link}\"");
    errors.iter().filter(|e| e.contains(&quoted)).count()
}

#[test]
fn content_may_link_to_every_file_a_build_writes() {
    let s = TempSite::fixture("newsroom");
    s.build();
    let files = written(&s);
    for expected in [
        "search/index.html",
        "search/search.js",
        "search/meta.json",
        "search/filters.json",
        "search/d/0.json",
        "feed.xml",
        "sitemap.xml",
    ] {
        assert!(files.iter().any(|f| f == expected), "{expected}: {files:?}");
    }
    assert!(
        files.iter().any(|f| f.ends_with("/card.png")),
        "the fixture draws cards: {files:?}"
    );
    let mut targets: Vec<&str> = files.iter().map(String::as_str).collect();
    // The search page with a query, as a writer links to a search.
    targets.push("search/?q=budget");
    targets.push("search/");
    let article = "+++\ntitle = \"Links\"\ndate = 2025-06-01\n+++\n\n";
    s.write(
        "content/articles/zz-links.md",
        &format!("{article}{}", links_to(&targets)),
    );
    assert_eq!(s.errors(), Vec::<String>::new());
    s.build();
    let page = s.page("articles/zz-links/index.html");
    let shown = hrefs(&page, "main a[href^=\"../../\"]");
    for t in &targets {
        let href = format!("../../{}", t.replace(' ', "%20"));
        assert!(
            shown.contains(&href),
            "{href} is not on the page: {shown:?}"
        );
    }
}

#[test]
fn a_link_to_a_file_the_build_does_not_write_is_an_error() {
    // Without a base URL: no feed, no sitemap, no cards. The index of five documents has
    // one chunk, and its shards are not linked to.
    let s = TempSite::new(&small_site());
    let missing = [
        "feed.xml",
        "sitemap.xml",
        "articles/story/card.png",
        "search/d/1.json",
        "search/t/61-6c.txt",
        "search/other.json",
    ];
    let mut targets = missing.to_vec();
    targets.extend(["search/d/0.json", "search/meta.json", "search/"]);
    let story = "+++\ntitle = \"Story\"\ndate = 2025-01-02\n+++\n\nAlice Smith met Bob Jones.\n\nBob Jones left early.\n\n";
    s.write(
        "content/articles/story.md",
        &format!("{story}{}", links_to(&targets)),
    );
    let errors = s.errors();
    for m in missing {
        assert_eq!(
            errors_about(&errors, &format!("../../{m}")),
            1,
            "{m}: {errors:?}"
        );
    }
    assert_eq!(errors.len(), missing.len(), "{errors:?}");

    // With a base URL the feed, the sitemap and the cards are written; with `cards =
    // false`, no card.
    s.write(
        "content/site.toml",
        "title = \"Small\"\nbase_url = \"https://example.org/\"\n",
    );
    let errors = s.errors();
    for written in ["feed.xml", "sitemap.xml", "articles/story/card.png"] {
        let link = format!("../../{written}");
        assert_eq!(errors_about(&errors, &link), 0, "{written}: {errors:?}");
    }
    s.write(
        "content/site.toml",
        "title = \"Small\"\nbase_url = \"https://example.org/\"\ncards = false\n",
    );
    let errors = s.errors();
    assert_eq!(
        errors_about(&errors, "../../articles/story/card.png"),
        1,
        "{errors:?}"
    );
    assert_eq!(errors_about(&errors, "../../feed.xml"), 0, "{errors:?}");
}

#[test]
fn check_takes_the_base_url_build_takes_and_says_which_files_need_one() {
    // A link to the feed was an error for `check`, which had no --base-url, while the
    // build of the Pages workflow (`build --base-url …`) wrote the feed and passed.
    let s = TempSite::new(&small_site());
    let story = "+++\ntitle = \"Story\"\ndate = 2025-01-02\n+++\n\nAlice Smith met Bob Jones.\n\nBob Jones left early.\n\n";
    s.write(
        "content/articles/story.md",
        &format!("{story}{}", links_to(&["feed.xml", "search/other.json"])),
    );
    let o = explainer(&["check"], s.root());
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    let feed = err
        .lines()
        .find(|l| l.contains("\"../../feed.xml\""))
        .unwrap_or_else(|| panic!("{err}"));
    assert!(
        feed.contains("feed.xml is written only for a site with a base URL")
            && feed.contains("--base-url"),
        "{err}"
    );
    // A file no base URL brings gets no such hint.
    assert_eq!(
        err.matches("written only for a site with a base URL")
            .count(),
        1,
        "{err}"
    );

    let o = explainer(&["check", "--base-url", "https://x.org/r/"], s.root());
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(!err.contains("feed.xml"), "{err}");
    assert!(err.contains("\"../../search/other.json\""), "{err}");
}
