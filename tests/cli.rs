//! The real binary: exit codes, `new`, `import`, and output left alone on failure.

mod common;

use common::*;

#[test]
fn exit_codes_are_0_1_and_2() {
    let site = TempSite::new(&small_site());
    assert_eq!(explainer(&["check"], site.root()).status.code(), Some(0));
    assert_eq!(
        explainer(&["build", "--no-such-flag"], site.root())
            .status
            .code(),
        Some(2)
    );
    assert_eq!(
        explainer(&["frobnicate"], site.root()).status.code(),
        Some(2)
    );
    site.write(
        "content/annotations/left.md",
        "+++\nquote = \"nowhere\"\nkind = \"context\"\n+++\n\nx\n",
    );
    let o = explainer(&["check"], site.root());
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("error: content/annotations/left.md:2: quote not found"),
        "{}",
        stderr(&o)
    );
    assert!(!stderr(&o).contains("panicked"));
}

#[test]
fn a_failed_build_leaves_the_old_output_exactly_as_it_was() {
    let site = TempSite::new(&small_site());
    std::fs::create_dir_all(site.out()).unwrap();
    site.write("public/index.html", "OLD SITE");
    site.write("public/keep.txt", "precious");
    site.write(
        "content/actors/alice-smith.md",
        "+++\nname = \"Alice Smith\"\nkind = person\n+++\n",
    );
    let o = explainer(&["build"], site.root());
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let mut names: Vec<String> = std::fs::read_dir(site.out())
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    names.sort();
    assert_eq!(names, ["index.html", "keep.txt"]);
    assert_eq!(
        std::fs::read_to_string(site.out().join("index.html")).unwrap(),
        "OLD SITE"
    );
}

#[test]
fn a_build_replaces_its_own_output_but_not_a_foreign_folder() {
    let site = TempSite::new(&small_site());
    assert_eq!(explainer(&["build"], site.root()).status.code(), Some(0));
    site.write("public/stale.html", "from before");
    assert_eq!(explainer(&["build"], site.root()).status.code(), Some(0));
    assert!(
        !site.out().join("stale.html").exists(),
        "the output is replaced whole"
    );
    site.write("elsewhere/notes.txt", "mine");
    let o = explainer(
        &[
            "build",
            "--output",
            site.root().join("elsewhere").to_str().unwrap(),
        ],
        site.root(),
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("not empty and was not written by explainer"),
        "{}",
        stderr(&o)
    );
    assert_eq!(
        std::fs::read_to_string(site.root().join("elsewhere/notes.txt")).unwrap(),
        "mine"
    );
    let o = explainer(
        &[
            "build",
            "--output",
            site.root().join("content").to_str().unwrap(),
        ],
        site.root(),
    );
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn new_files_check_clean_and_are_never_overwritten() {
    let site = TempSite::new(&small_site());
    for kind in ["actor", "position"] {
        let o = explainer(&["new", kind, "zz-new"], site.root());
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        assert_eq!(
            explainer(&["check"], site.root()).status.code(),
            Some(0),
            "new {kind} checks clean"
        );
        let path = site.root().join(format!("content/{kind}s/zz-new.md"));
        std::fs::write(&path, "edited").unwrap();
        assert_eq!(
            explainer(&["new", kind, "zz-new"], site.root())
                .status
                .code(),
            Some(2)
        );
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "edited");
        std::fs::remove_file(path).unwrap();
    }
    let o = explainer(&["new", "annotation", "zz-note"], site.root());
    assert_eq!(o.status.code(), Some(0));
    let text = std::fs::read_to_string(site.root().join("content/annotations/zz-note.md")).unwrap();
    assert!(text.contains("quote = \"\""));
    std::fs::remove_file(site.root().join("content/annotations/zz-note.md")).unwrap();
    assert_eq!(
        explainer(&["new", "actor", "Bad Name"], site.root())
            .status
            .code(),
        Some(2)
    );
}

#[test]
fn a_second_article_asks_for_article_keys_only_where_they_are_due() {
    let site = TempSite::new(&small_site());
    let o = explainer(&["new", "article", "second"], site.root());
    assert_eq!(o.status.code(), Some(0));
    assert!(stderr(&o).contains("two articles"));
    let o = explainer(&["check"], site.root());
    assert_eq!(o.status.code(), Some(1));
    let files: Vec<String> = stderr(&o)
        .lines()
        .filter(|l| l.starts_with("error:"))
        .map(|l| l.split(':').nth(1).unwrap().trim().to_string())
        .collect();
    assert_eq!(
        files,
        ["content/annotations/left.md", "content/positions/talks.md"]
    );
}

#[test]
fn import_turns_plain_text_into_an_article_that_builds() {
    let site = TempSite::new(&small_site());
    let txt = site.root().join("in.txt");
    std::fs::write(&txt, "Big News Today\r\n\r\nThe standfirst.\r\nA picture.\r\nThe caption.\r\n\r\nAlice Smith spoke.\r\n\r\nBob Jones listened.").unwrap();
    let o = explainer(
        &[
            "import",
            txt.to_str().unwrap(),
            "--date",
            "2025-08-18",
            "--slug",
            "big-news",
        ],
        site.root(),
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let md = std::fs::read_to_string(site.root().join("content/articles/big-news.md")).unwrap();
    assert_eq!(
        md,
        "+++\ntitle = \"Big News Today\"\ndek = \"The standfirst.\"\npicture = \"A picture.\"\nimage_caption = \"The caption.\"\ndate = 2025-08-18\n+++\n\nAlice Smith spoke.\n\nBob Jones listened.\n"
    );
    assert_eq!(
        explainer(
            &["import", txt.to_str().unwrap(), "--slug", "big-news"],
            site.root()
        )
        .status
        .code(),
        Some(2),
        "never overwrites"
    );
    let bad = site.root().join("bad.txt");
    std::fs::write(&bad, "Two\nline headline\n\nBody").unwrap();
    let o = explainer(&["import", bad.to_str().unwrap()], site.root());
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("headline must stand alone"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn the_seed_article_enters_through_import_verbatim() {
    let seed = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("content/articles/us-rules-out-ukraine-nato-entry.md");
    // The site's copy adds attribution that the plain text does not carry, and the
    // updates of the explainer since.
    let expected: String = std::fs::read_to_string(&seed)
        .unwrap()
        .lines()
        .filter(|l| !l.starts_with("source = ") && !l.starts_with("updates = "))
        .map(|l| format!("{l}\n"))
        .collect();
    let source =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/seed-article.txt");
    let site = TempSite::new(&[("content/site.toml", "title = \"t\"\n")]);
    let o = explainer(
        &[
            "import",
            source.to_str().unwrap(),
            "--date",
            "2025-08-18",
            "--slug",
            "us-rules-out-ukraine-nato-entry",
        ],
        site.root(),
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let got = std::fs::read_to_string(
        site.root()
            .join("content/articles/us-rules-out-ukraine-nato-entry.md"),
    )
    .unwrap();
    assert_eq!(got, expected);
}
