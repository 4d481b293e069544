//! The bytes of the files that `check --fix-quotes` and `import --revise` rewrite: a
//! byte-order mark and each line's ending stay as they were, a changed or added line
//! gets the file's own ending; a revision that changes nothing writes nothing; the
//! summary says what `--fix-quotes` wrote.

mod common;

use common::*;

const LEFT: &str = "content/annotations/left.md";

fn read(site: &TempSite, path: &str) -> String {
    std::fs::read_to_string(site.root().join(path)).unwrap()
}

/// Runs `import TEXT --slug story --revise --date 2025-01-09` with `text` as the file.
fn revise(site: &TempSite, text: &str) -> std::process::Output {
    site.write("revised.txt", text);
    let file = site.root().join("revised.txt").display().to_string();
    explainer(
        &[
            "import",
            &file,
            "--slug",
            "story",
            "--revise",
            "--date",
            "2025-01-09",
        ],
        site.root(),
    )
}

/// The article of `small_site`, three paragraphs, with CRLF line endings.
const CRLF_ARTICLE: &str = "+++\r\n# Kept as written.\r\ntitle = \"Story\"\r\ndate = 2025-01-02\r\n+++\r\n\r\nAlice Smith met Bob Jones.\r\n\r\nBob Jones left early.\r\n\r\nThe talks go on.\r\n";

/// The same text as plain text to import, its last paragraph changed.
const ONE_CHANGED: &str = "Story\n\nA standfirst.\n\nAlice Smith met Bob Jones.\n\nBob Jones left early.\n\nThe talks end.\n";

#[test]
fn fix_quotes_keeps_a_byte_order_mark() {
    let site = TempSite::new(&small_site());
    site.write(
        LEFT,
        "\u{feff}+++\nquote = \"left eerly\"\nkind = \"context\"\n+++\n\nHe had another meeting.\n",
    );
    let out = explainer(&["check", "--fix-quotes"], site.root());
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(
        read(&site, LEFT),
        "\u{feff}+++\nquote = \"left early\"\nkind = \"context\"\n+++\n\nHe had another meeting.\n"
    );
}

#[test]
fn fix_quotes_keeps_crlf_line_endings() {
    let site = TempSite::new(&small_site());
    site.write(
        LEFT,
        "+++\r\nquote = \"left eerly\"  # the passage\r\nkind = \"context\"\r\n+++\r\n\r\nHe had another meeting.\r\n",
    );
    let out = explainer(&["check", "--fix-quotes"], site.root());
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(
        read(&site, LEFT),
        "+++\r\nquote = \"left early\"  # the passage\r\nkind = \"context\"\r\n+++\r\n\r\nHe had another meeting.\r\n"
    );
}

#[test]
fn a_revision_keeps_crlf_line_endings_and_counts_paragraphs_as_they_read() {
    let site = TempSite::new(&small_site());
    site.write(ARTICLE, CRLF_ARTICLE);
    let out = revise(&site, ONE_CHANGED);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(0), "{err}");
    assert_eq!(
        read(&site, ARTICLE),
        "+++\r\n# Kept as written.\r\ntitle = \"Story\"\r\ndate = 2025-01-02\r\nupdates = [{ date = 2025-01-09, text = \"The text was revised: 1 paragraph of 3 changed or new.\" }]\r\n+++\r\n\r\nAlice Smith met Bob Jones.\r\n\r\nBob Jones left early.\r\n\r\nThe talks end.\r\n"
    );
    assert!(
        err.contains("revised content/articles/story.md: 3 paragraphs, 1 changed or new;"),
        "{err}"
    );
}

#[test]
fn a_revision_that_changes_nothing_writes_nothing() {
    let site = TempSite::new(&small_site());
    site.write(ARTICLE, CRLF_ARTICLE);
    let same = "Story\n\nA standfirst.\n\nAlice Smith met Bob Jones.\n\nBob Jones left early.\n\nThe talks go on.\n";
    for text in [same, &same.replace('\n', "\r\n")] {
        let out = revise(&site, text);
        assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
        assert!(
            stderr(&out).contains(
                "error: content/articles/story.md already has this text: nothing was written"
            ),
            "{}",
            stderr(&out)
        );
        assert_eq!(read(&site, ARTICLE), CRLF_ARTICLE);
    }
    // After a real revision, the same text again is refused as well.
    assert_eq!(revise(&site, ONE_CHANGED).status.code(), Some(0));
    let revised = read(&site, ARTICLE);
    assert_eq!(revise(&site, ONE_CHANGED).status.code(), Some(2));
    assert_eq!(read(&site, ARTICLE), revised);
}

#[test]
fn the_summary_of_fix_quotes_says_what_was_rewritten() {
    let site = TempSite::new(&small_site());
    site.write(
        LEFT,
        "+++\nquote = \"left eerly\"\nkind = \"context\"\n+++\n\nHe had another meeting.\n",
    );
    site.write(
        "content/annotations/far.md",
        "+++\nquote = \"nothing like the text\"\nkind = \"context\"\n+++\n\nFar.\n",
    );
    site.write(
        "content/annotations/farther.md",
        "+++\nquote = \"not this either, at all\"\nkind = \"context\"\n+++\n\nFarther.\n",
    );
    let out = explainer(&["check", "--fix-quotes"], site.root());
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(String::from_utf8_lossy(&out.stdout).contains("fixed content/annotations/left.md"));
    assert!(
        err.contains(
            "2 errors found; 1 quote was rewritten (shown above), nothing else was written\n"
        ),
        "{err}"
    );
    assert!(!err.contains("; nothing was written"), "{err}");
}
