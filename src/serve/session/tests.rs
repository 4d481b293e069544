//! A rebuild after any change serves what a fresh build of the same files makes.

use std::path::Path;

use super::*;
fn copy(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.unwrap();
        let dest = to.join(entry.path().strip_prefix(from).unwrap());
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&dest).unwrap();
        } else {
            std::fs::copy(entry.path(), &dest).unwrap();
        }
    }
}

/// The site as a full, fresh build makes it (with its static files).
fn full(root: &Path) -> Files {
    let opts = Options {
        root: root.to_path_buf(),
        output: None,
        base_url: None,
    };
    let prepared = crate::prepare(&opts).unwrap().0.unwrap();
    let mut files = prepared.render_to_memory().unwrap().0;
    for s in &prepared.statics {
        files.insert(s.path.clone(), std::fs::read(&s.source).unwrap());
    }
    files
}

/// The paths whose bytes differ between two builds.
fn differ(a: &Files, b: &Files) -> Vec<String> {
    let paths: std::collections::BTreeSet<&String> = a.keys().chain(b.keys()).collect();
    paths
        .into_iter()
        .filter(|p| a.get(*p) != b.get(*p))
        .cloned()
        .collect()
}

/// The files served after `change`, once its search index is written too (as the
/// server does right after it serves the pages).
fn served(session: &mut Session, change: Change) -> Files {
    let built = match session.build(change) {
        Built::Site(files) => files,
        Built::Failed(text) => panic!("{text}"),
    };
    session
        .index()
        .unwrap_or(built)
        .into_iter()
        .map(|(p, b)| (p.to_string(), b.to_vec()))
        .collect()
}

/// The change a watcher reports for new text in `paths`.
fn text(paths: &[&str]) -> Change {
    Change::Files(paths.iter().map(|p| p.to_string()).collect())
}

fn edit(root: &Path, rel: &str, from: &str, to: &str) {
    let path = root.join(rel);
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains(from), "{rel} has no {from:?}");
    std::fs::write(&path, text.replacen(from, to, 1)).unwrap();
}

#[test]
fn every_rebuild_equals_a_fresh_build() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    copy(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/newsroom"),
        root,
    );
    let mut session = Session::new(root);
    assert_eq!(
        differ(&served(&mut session, Change::Everything), &full(root)),
        Vec::<String>::new()
    );
    let everything = session.rendered;
    let edits: &[(&str, &str, &str)] = &[
        (
            "content/articles/budget-vote.md",
            "won the vote at 3 a.m.",
            "won the vote at 4 a.m.",
        ),
        (
            "content/articles/schools.md",
            "The Greens supported the plan",
            "Sam Poe supported the plan",
        ),
        (
            "content/annotations/gamble.md",
            "cannot be checked",
            "cannot be verified",
        ),
        (
            "content/annotations/repeal.md",
            "quote = \"he would repeal it\"",
            "quote = \"repeal it\"",
        ),
        (
            "content/positions/carbon-tax.md",
            "stance = \"mixed\"",
            "stance = \"opposes\"",
        ),
        (
            "content/actors/max-doe.md",
            "has promised to repeal",
            "has sworn to repeal",
        ),
        (
            "content/actors/sam-poe.md",
            "affiliation = \"greens\"",
            "affiliation = \"coalition\"",
        ),
        (
            "content/actors/max-doe.md",
            "name = \"Max Doe\"",
            "name = \"Max Doe\"\naliases = [\"Doe\"]",
        ),
        (
            "content/positions/school-spending.md",
            "title = \"More spending on schools\"",
            "title = \"Spend more on schools\"",
        ),
    ];
    for (i, (rel, from, to)) in edits.iter().enumerate() {
        edit(root, rel, from, to);
        let files = served(&mut session, text(&[rel]));
        assert_eq!(
            differ(&files, &full(root)),
            Vec::<String>::new(),
            "after editing {rel}"
        );
        if i < 7 {
            let n = session.rendered;
            assert!(
                n > 0 && n < everything,
                "{rel}: {n} of {everything} files rendered again"
            );
        }
        // New text of articles, or of a profile, is taken into the site as it was.
        let body_only = rel.starts_with("content/articles/") || from.contains("promised");
        assert_eq!(session.updated, body_only, "{rel}");
    }
    // The same edits seen as a rescan: every folder read again.
    for (rel, from, to) in edits.iter().rev() {
        edit(root, rel, to, from);
        let files = served(&mut session, Change::Everything);
        assert_eq!(
            differ(&files, &full(root)),
            Vec::<String>::new(),
            "after editing {rel} back"
        );
    }
}

#[test]
fn a_rebuild_of_lists_in_pages_equals_a_fresh_build() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    copy(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/newsroom"),
        root,
    );
    // One article a page: every actor named in two articles or more has pages.
    let toml = root.join("content/site.toml");
    let site = std::fs::read_to_string(&toml).unwrap();
    std::fs::write(&toml, format!("{site}\n[pagination]\npage_size = 1\n")).unwrap();
    let mut session = Session::new(root);
    fresh_after(&mut session, root, Change::Everything, "the first build");
    let edits: &[(&str, &str, &str)] = &[
        // Text that names the same actors: the page of the article in their lists.
        (
            "content/articles/budget-vote.md",
            "won the vote at 3 a.m.",
            "won the vote at 4 a.m.",
        ),
        // A name more in an article: the lists of that actor change.
        (
            "content/articles/schools.md",
            "The Greens supported the plan",
            "Sam Poe supported the plan",
        ),
        (
            "content/articles/carbon-tax-cost.md",
            "3. Fuel prices rise first.",
            "3. Fuel prices rise first, Jane Roe said.",
        ),
    ];
    for (rel, from, to) in edits {
        edit(root, rel, from, to);
        fresh_after(&mut session, root, text(&[rel]), &format!("editing {rel}"));
        assert!(session.updated, "{rel}");
    }
}

/// Asserts that building after `change` serves what a fresh build makes.
#[track_caller]
fn fresh_after(session: &mut Session, root: &Path, change: Change, what: &str) {
    let files = served(session, change);
    assert_eq!(
        differ(&files, &full(root)),
        Vec::<String>::new(),
        "after {what}"
    );
}

/// A copy of the newsroom fixture, and a session that built it once.
fn newsroom() -> (tempfile::TempDir, Session) {
    let dir = tempfile::tempdir().unwrap();
    copy(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/newsroom"),
        dir.path(),
    );
    let mut session = Session::new(dir.path());
    fresh_after(
        &mut session,
        dir.path(),
        Change::Everything,
        "the first build",
    );
    (dir, session)
}

#[test]
fn files_that_come_and_go_templates_and_static_files_are_seen() {
    let (dir, mut session) = newsroom();
    let root = dir.path();
    let everything = session.rendered;

    let note = "content/annotations/vote-time.md";
    std::fs::write(
        root.join(note),
        "+++\narticle = \"budget-vote\"\nquote = \"won the vote\"\nkind = \"context\"\n+++\n\nThe vote was held at night.\n",
    )
    .unwrap();
    fresh_after(&mut session, root, Change::Everything, "creating a file");
    edit(root, note, "held at night", "held before dawn");
    fresh_after(&mut session, root, text(&[note]), "editing the new file");
    std::fs::remove_file(root.join(note)).unwrap();
    fresh_after(&mut session, root, Change::Everything, "removing a file");

    // A watcher that reports a new file as new text in it: the folder is walked.
    std::fs::write(
        root.join(note),
        "+++\narticle = \"budget-vote\"\nquote = \"won the vote\"\nkind = \"context\"\n+++\n\nAt night.\n",
    )
    .unwrap();
    fresh_after(
        &mut session,
        root,
        text(&[note]),
        "a file created unannounced",
    );
    std::fs::remove_file(root.join(note)).unwrap();
    fresh_after(
        &mut session,
        root,
        text(&[note]),
        "a file removed unannounced",
    );

    // Files that no build reads.
    std::fs::write(root.join("content/articles/.schools.md.swp"), "x").unwrap();
    fresh_after(
        &mut session,
        root,
        text(&["content/articles/.schools.md.swp"]),
        "editing a hidden file",
    );
    std::fs::write(root.join("content/notes.txt"), "x").unwrap();
    fresh_after(
        &mut session,
        root,
        Change::Everything,
        "adding a stray file",
    );
    std::fs::write(root.join("content/notes.txt"), "xy").unwrap();
    fresh_after(
        &mut session,
        root,
        text(&["content/notes.txt"]),
        "editing a stray file",
    );

    // A content error, then its fix, both seen as new text.
    let rel = "content/actors/max-doe.md";
    let good = std::fs::read_to_string(root.join(rel)).unwrap();
    std::fs::write(
        root.join(rel),
        "+++\nname = \"Max Doe\"\nkind = person\n+++\n",
    )
    .unwrap();
    assert!(matches!(session.build(text(&[rel])), Built::Failed(_)));
    std::fs::write(root.join(rel), &good).unwrap();
    fresh_after(&mut session, root, text(&[rel]), "fixing an error");
    std::fs::write(root.join(rel), b"+++\nname = \"Max \xff\"\n+++\n").unwrap();
    assert!(matches!(session.build(text(&[rel])), Built::Failed(_)));
    std::fs::write(root.join(rel), &good).unwrap();
    fresh_after(&mut session, root, text(&[rel]), "fixing bad UTF-8");

    // A broken quote in an article, then its fix: taken into the site of the last
    // good build.
    let rel = "content/articles/budget-vote.md";
    edit(root, rel, "a gamble", "a bet");
    assert!(matches!(session.build(text(&[rel])), Built::Failed(_)));
    edit(root, rel, "a bet", "a gamble");
    fresh_after(&mut session, root, text(&[rel]), "fixing a broken quote");
    assert!(session.updated);
    edit(root, rel, "won the vote", "carried the vote");
    fresh_after(&mut session, root, text(&[rel]), "editing after the fix");
    assert!(session.updated);
    // New text with a problem of its links fails as a full build does, in an article
    // and in a profile, and its fix is served.
    for (rel, bad) in [
        (rel, "\n\n![A chart](https://elsewhere.example/chart.png)\n"),
        ("content/actors/max-doe.md", "\n\nSee [[nobody-here]].\n"),
    ] {
        let good = std::fs::read_to_string(root.join(rel)).unwrap();
        std::fs::write(root.join(rel), format!("{good}{bad}")).unwrap();
        match session.build(text(&[rel])) {
            Built::Failed(report) => assert!(
                report.contains("elsewhere.example") || report.contains("nobody-here"),
                "{report}"
            ),
            Built::Site(_) => panic!("{rel}: served with {bad:?}"),
        }
        std::fs::write(root.join(rel), &good).unwrap();
        fresh_after(&mut session, root, text(&[rel]), "fixing a link");
    }

    // A static file.
    std::fs::write(
        root.join("static/robots.txt"),
        "User-agent: *\nDisallow: /\n",
    )
    .unwrap();
    fresh_after(
        &mut session,
        root,
        text(&["static/robots.txt"]),
        "editing a static file",
    );
    assert!(session.rendered < everything);

    // A template: added, then edited.
    let article = crate::render::templates::DEFAULTS
        .iter()
        .find(|(name, _)| *name == "article.html")
        .unwrap()
        .1;
    std::fs::create_dir_all(root.join("templates")).unwrap();
    std::fs::write(root.join("templates/article.html"), article).unwrap();
    fresh_after(&mut session, root, Change::Everything, "adding a template");
    std::fs::write(
        root.join("templates/article.html"),
        article.replacen("<article", "<article data-edited", 1),
    )
    .unwrap();
    fresh_after(
        &mut session,
        root,
        text(&["templates/article.html"]),
        "editing a template",
    );
}

#[test]
fn an_edit_of_an_event_is_rebuilt_and_article_text_still_taken_in() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    copy(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/newsroom"),
        root,
    );
    let event = "content/events/vote.md";
    let write = |rel: &str, text: &str| std::fs::write(root.join(rel), text).unwrap();
    std::fs::create_dir_all(root.join("content/events")).unwrap();
    write(
        event,
        "+++\ndate = 2025-03-01\ntitle = \"The vote\"\nactors = [\"max-doe\"]\n+++\n\nIt passed.\n",
    );
    let mut session = Session::new(root);
    fresh_after(&mut session, root, Change::Everything, "the first build");
    edit(root, event, "The vote", "The budget vote");
    fresh_after(&mut session, root, text(&[event]), "editing the event");
    assert!(!session.updated);
    edit(root, event, "max-doe", "jane-roe");
    fresh_after(&mut session, root, text(&[event]), "moving the event");
    let added = "content/events/repeal.md";
    write(added, "+++\ndate = 2025-01-01\ntitle = \"Repeal\"\n+++\n");
    fresh_after(&mut session, root, text(&[added]), "adding an event");
    // Article text alone is still taken into the site as it was.
    let rel = "content/articles/budget-vote.md";
    edit(
        root,
        rel,
        "won the vote at 3 a.m.",
        "won the vote at 4 a.m.",
    );
    fresh_after(&mut session, root, text(&[rel]), "editing an article");
    assert!(session.updated);
    std::fs::remove_file(root.join(added)).unwrap();
    fresh_after(&mut session, root, text(&[added]), "removing an event");
}

#[test]
fn a_change_of_the_sites_words_renders_every_page_again() {
    let (dir, mut session) = newsroom();
    let root = dir.path();
    std::fs::create_dir_all(root.join("i18n")).unwrap();
    std::fs::write(root.join("i18n/en-GB.toml"), "overview = \"Start\"\n").unwrap();
    fresh_after(&mut session, root, Change::Everything, "a new table");
    let home = String::from_utf8(
        served(&mut session, text(&[]))
            .remove("index.html")
            .unwrap(),
    )
    .unwrap();
    assert!(home.contains(">Start</a>"), "{home}");
    edit(root, "i18n/en-GB.toml", "Start", "Front page");
    fresh_after(&mut session, root, text(&["i18n/en-GB.toml"]), "new words");
    edit(root, "content/site.toml", "en-GB", "de");
    fresh_after(
        &mut session,
        root,
        text(&["content/site.toml"]),
        "another language",
    );
}

#[test]
fn an_edit_is_served_before_its_search_index_is_written() {
    let (dir, mut session) = newsroom();
    let root = dir.path();
    let index = |files: &Served| -> Vec<(String, Vec<u8>)> {
        files
            .iter()
            .filter(|(p, _)| crate::render::search::is_index(p))
            .map(|(p, b)| (p.to_string(), b.to_vec()))
            .collect()
    };
    // The first build (the helper's) wrote every page and the index with them.
    assert_eq!(session.index(), None);
    let first = session.last.as_ref().unwrap().files.clone();
    assert!(!index(&first).is_empty());
    let rel = "content/articles/budget-vote.md";
    edit(
        root,
        rel,
        "won the vote at 3 a.m.",
        "won the vote at 3 a.m. Zyxwords rose.",
    );
    let Built::Site(pages) = session.build(text(&[rel])) else {
        panic!("the edit's build failed");
    };
    // The edit's pages come first, with the index as it was.
    assert_eq!(index(&pages), index(&first));
    let whole = session.index().expect("the index of the edit");
    assert_ne!(index(&whole), index(&first));
    assert!(
        index(&whole)
            .iter()
            .any(|(_, b)| String::from_utf8_lossy(b).contains("zyxword")),
        "the new word is in the index"
    );
    assert_eq!(session.index(), None, "written once");
}
