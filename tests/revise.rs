//! A revised article: `import --revise` replaces its text and logs an update; `check`
//! then names, for each quote that no longer matches, the closest passage of the new
//! text; `check --fix-quotes` rewrites only quotes with one close passage, saying each
//! change as a diff, and nothing else.

mod common;

use common::*;

/// The small site, with a note and a stance on passages that the revision changes.
fn site() -> TempSite {
    let site = TempSite::new(&small_site());
    site.write(
        ARTICLE,
        "+++\n# Kept as written.\ntitle = \"Story\"\ndate = 2025-01-02\n+++\n\nAlice Smith met Bob Jones on Monday.\n\nBob Jones left early, before the vote.\n\nThe talks will go on next week in Geneva.\n",
    );
    site.write(
        "content/positions/talks.md",
        "+++\ntitle = \"Hold talks\"\nsummary = \"Talk first.\"\n\n[[stances]]\nactor = \"alice-smith\"\nstance = \"supports\"\nquote = \"Alice Smith met Bob Jones on Monday.\"\n+++\n\nWhy talks matter.\n",
    );
    site.write(
        "content/annotations/left.md",
        "+++\nquote = \"left early, before the vote\"  # the passage\nkind = \"context\"\n+++\n\nHe had another meeting.\n",
    );
    site.write(
        "content/annotations/geneva.md",
        "+++\nquote = \"next week in Geneva\"\nkind = \"context\"\n+++\n\nA neutral venue.\n",
    );
    site
}

const REVISED: &str = "Story\n\nA standfirst.\n\nAlice Smith met Bob Jones on Tuesday.\n\nBob Jones left early before the vote.\n\nThe talks end.\n";

fn read(site: &TempSite, path: &str) -> String {
    std::fs::read_to_string(site.root().join(path)).unwrap()
}

/// The path of the revised text, written into the site's folder.
fn revised(site: &TempSite) -> String {
    site.write("revised.txt", REVISED);
    site.root().join("revised.txt").display().to_string()
}

fn revise(site: &TempSite) -> std::process::Output {
    explainer(
        &[
            "import",
            &revised(site),
            "--slug",
            "story",
            "--revise",
            "--date",
            "2025-01-09",
        ],
        site.root(),
    )
}

#[test]
fn a_revision_replaces_the_text_keeps_the_front_matter_and_logs_an_update() {
    let site = site();
    let out = revise(&site);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert_eq!(
        read(&site, ARTICLE),
        "+++\n# Kept as written.\ntitle = \"Story\"\ndate = 2025-01-02\nupdates = [{ date = 2025-01-09, text = \"The text was revised: 3 paragraphs of 3 changed or new.\" }]\n+++\n\nAlice Smith met Bob Jones on Tuesday.\n\nBob Jones left early before the vote.\n\nThe talks end.\n"
    );
    let err = stderr(&out);
    assert!(err.contains("revised content/articles/story.md: 3 paragraphs, 3 changed or new; added the update of 2025-01-09"), "{err}");
    // Probe: a new standfirst in the revised text was dropped without a word.
    assert!(err.contains("note: the revised text's standfirst is \"A standfirst.\"; the article's dek is kept as it is (none): write dek = \"…\" in the file to change it"), "{err}");
    for want in [
        "error: content/annotations/left.md:2: quote not found in article \"story\": \"left early, before the vote\" (closest: \"left early before the vote\" in p2, 96% similar)",
        "error: content/positions/talks.md:8: quote not found in article \"story\": \"Alice Smith met Bob Jones on Monday.\" (closest: \"Alice Smith met Bob Jones on Tuesday.\" in p1, 89% similar)",
        "error: content/annotations/geneva.md:2: quote not found in article \"story\": \"next week in Geneva\" (no passage of the article is 70% similar or more)",
    ] {
        assert!(err.contains(want), "missing {want}\n{err}");
    }
    assert!(
        err.contains("3 errors found after the revision (its text was written)"),
        "{err}"
    );
}

#[test]
fn fix_quotes_rewrites_only_quotes_with_one_close_passage_and_shows_each_change() {
    let site = site();
    revise(&site);
    // A second passage as close as the first: that quote is left to the writer.
    let article = read(&site, ARTICLE).replace(
        "The talks end.",
        "The talks end.\n\nAlice Smith met Bob Jones on Sunday.",
    );
    site.write(ARTICLE, &article);
    let before = |p: &str| read(&site, p);
    let (talks, geneva) = (
        before("content/positions/talks.md"),
        before("content/annotations/geneva.md"),
    );
    // Without the flag, check rewrites nothing.
    let plain = explainer(&["check"], site.root());
    assert_eq!(plain.status.code(), Some(1));
    assert_eq!(
        read(&site, "content/annotations/left.md"),
        "+++\nquote = \"left early, before the vote\"  # the passage\nkind = \"context\"\n+++\n\nHe had another meeting.\n"
    );
    let out = explainer(&["check", "--fix-quotes"], site.root());
    let said = String::from_utf8_lossy(&out.stdout).to_string();
    assert_eq!(
        said,
        "--- a/content/annotations/left.md\n+++ b/content/annotations/left.md\n@@ -1,3 +1,3 @@\n +++\n-quote = \"left early, before the vote\"  # the passage\n+quote = \"left early before the vote\"  # the passage\n kind = \"context\"\nfixed content/annotations/left.md: quote \"left early, before the vote\" is now \"left early before the vote\" (96% similar)\n"
    );
    assert_eq!(
        read(&site, "content/annotations/left.md"),
        "+++\nquote = \"left early before the vote\"  # the passage\nkind = \"context\"\n+++\n\nHe had another meeting.\n"
    );
    assert_eq!(
        read(&site, "content/positions/talks.md"),
        talks,
        "two close passages"
    );
    assert_eq!(
        read(&site, "content/annotations/geneva.md"),
        geneva,
        "none close"
    );
    // What is left is still reported, and nothing of the fixed one.
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(!err.contains("left.md"), "{err}");
    assert!(err.contains("content/positions/talks.md:8:"), "{err}");
    assert!(err.contains("content/annotations/geneva.md:2:"), "{err}");
    // Nothing left to fix: a second run changes nothing.
    let again = explainer(&["check", "--fix-quotes"], site.root());
    assert!(String::from_utf8_lossy(&again.stdout).starts_with("no quote to fix"));
}

#[test]
fn a_revision_needs_an_article_that_exists() {
    let site = site();
    let file = revised(&site);
    let out = explainer(
        &["import", &file, "--slug", "nope", "--revise"],
        site.root(),
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("error: content/articles/nope.md does not exist: --revise replaces the text of an article of the site"),
        "{}",
        stderr(&out)
    );
    let out = explainer(&["import", &file, "--revise"], site.root());
    assert_eq!(out.status.code(), Some(2), "--revise without --slug");
    assert!(stderr(&out).contains("--slug"), "{}", stderr(&out));
}

#[test]
fn a_quote_written_over_lines_is_said_fixed_on_one_line() {
    // The "fixed …" line printed the new line inside a multi-line quote as it was,
    // splitting the line.
    let site = site();
    site.write(
        "content/annotations/left.md",
        "+++\nquote = \"\"\"left early,\nbefore the vote\"\"\"\nkind = \"context\"\n+++\n\nHe had another meeting.\n",
    );
    site.write(
        ARTICLE,
        &read(&site, ARTICLE).replace("left early, before the vote", "left early before the vote"),
    );
    let out = explainer(&["check", "--fix-quotes"], site.root());
    let said = String::from_utf8_lossy(&out.stdout).to_string();
    let fixed: Vec<&str> = said.lines().filter(|l| l.starts_with("fixed ")).collect();
    assert_eq!(
        fixed,
        [
            "fixed content/annotations/left.md: quote \"left early, before the vote\" is now \"left early before the vote\" (96% similar)"
        ],
        "{said}"
    );
}

/// A quote was rewritten to a passage that ends inside a word, "after a six-hour,
/// heate", which the page then marked, cutting "heated" (probe): a passage must cut no
/// word the quote does not, and the hint names whole words.
#[test]
fn fix_quotes_never_rewrites_a_quote_to_a_passage_that_cuts_a_word() {
    let site = site();
    site.write(
        "content/annotations/left.md",
        "+++\nquote = \"after a six-hour debate\"\nkind = \"context\"\n+++\n\nLong.\n",
    );
    site.write(
        ARTICLE,
        &read(&site, ARTICLE).replace(
            "The talks will go on next week in Geneva.",
            "The council approved it after a six-hour, heated debate on Tuesday. The talks will go on next week in Geneva.",
        ),
    );
    let before = read(&site, "content/annotations/left.md");
    let out = explainer(&["check", "--fix-quotes"], site.root());
    assert_eq!(
        read(&site, "content/annotations/left.md"),
        before,
        "{}",
        stderr(&out)
    );
    let said = stderr(&out);
    let hint = said
        .lines()
        .find(|l| l.starts_with("error: content/annotations/left.md:2:"))
        .unwrap_or_else(|| panic!("{said}"));
    let closest = hint
        .split("closest: \"")
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap();
    let text = read(&site, ARTICLE);
    let at = text.find(closest).unwrap();
    let next = text[at + closest.len()..].chars().next().unwrap();
    assert!(!next.is_alphanumeric(), "{closest:?} cuts a word: {said}");
}

/// A text only re-wrapped or re-encoded logged a public update, and one that only lost
/// a paragraph was "0 paragraphs of 1 changed or new" (probe).
#[test]
fn a_revision_no_reader_can_see_is_refused_and_a_removal_is_said() {
    let site = site();
    let same = "Story\n\nA standfirst.\n\nAlice Smith met   Bob Jones\non Monday.\n\nBob Jones left early, before the vote.\n\nThe talks will go on next week in Geneva.\n";
    site.write("same.txt", same);
    let file = site.root().join("same.txt").display().to_string();
    let args = [
        "import",
        &file,
        "--slug",
        "story",
        "--revise",
        "--date",
        "2025-01-09",
    ];
    let before = read(&site, ARTICLE);
    let out = explainer(&args, site.root());
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("already has this text: nothing was written"),
        "{}",
        stderr(&out)
    );
    assert_eq!(read(&site, ARTICLE), before);
    let shorter = "Story\n\nA standfirst.\n\nAlice Smith met Bob Jones on Monday.\n\nThe talks will go on next week in Geneva.\n";
    site.write("same.txt", shorter);
    let out = explainer(&args, site.root());
    assert!(
        read(&site, ARTICLE).contains("text = \"The text was revised: 1 paragraph removed.\""),
        "{}\n{}",
        stderr(&out),
        read(&site, ARTICLE)
    );
    assert!(
        stderr(&out).contains(
            "revised content/articles/story.md: 2 paragraphs, 0 changed or new, 1 removed;"
        ),
        "{}",
        stderr(&out)
    );
}
