//! The commands that write a writer's files (`new`, `import`, `import --revise`,
//! `check --fix-quotes`) write where they are asked and nowhere else, write only what
//! passes `check`, and keep stdout to the format asked for.

mod common;

use common::*;

/// Every path under `dir`, sorted.
fn tree(dir: &std::path::Path) -> Vec<String> {
    let mut names: Vec<String> = walkdir::WalkDir::new(dir)
        .into_iter()
        .map(|e| e.unwrap().path().display().to_string())
        .collect();
    names.sort();
    names
}

#[test]
fn new_and_import_refuse_a_root_that_is_no_site() {
    let dir = tempfile::tempdir().unwrap();
    let story = dir.path().join("story.txt");
    std::fs::write(&story, "Head\n\nA paragraph.\n").unwrap();
    let typo = dir.path().join("typo");
    let story = story.display().to_string();
    for args in [
        &["new", "actor", "zed", "--kind", "person"][..],
        &["import", &story, "--date", "2025-01-01"][..],
    ] {
        let o = explainer(args, &typo);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {}", stderr(&o));
        assert!(
            stderr(&o).contains("has no content/ folder"),
            "{}",
            stderr(&o)
        );
    }
    assert!(!typo.exists(), "nothing made");
}

#[test]
fn init_refuses_a_root_it_would_not_use() {
    let dir = tempfile::tempdir().unwrap();
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_explainer"))
        .args(["init", "--root", "elsewhere", "site"])
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("init takes no --root"),
        "{}",
        stderr(&o)
    );
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
}

#[cfg(unix)]
#[test]
fn new_does_not_write_through_a_folder_that_leads_out_of_the_site() {
    let site = TempSite::new(&small_site());
    let outside = tempfile::tempdir().unwrap();
    let positions = site.root().join("content/positions");
    std::fs::remove_dir_all(&positions).unwrap();
    std::os::unix::fs::symlink(outside.path(), &positions).unwrap();
    let o = explainer(&["new", "position", "p"], site.root());
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("content/positions/p.md leads outside the site"),
        "{}",
        stderr(&o)
    );
    assert_eq!(std::fs::read_dir(outside.path()).unwrap().count(), 0);
}

#[test]
fn import_drops_the_characters_no_page_can_show_and_says_so() {
    let site = TempSite::new(&[("content/site.toml", "title = \"S\"\n")]);
    site.write(
        "feed.txt",
        "Form\u{c}feed head\n\nA para\u{0}graph.\n\nAnother \u{1b}one.\n",
    );
    let file = site.root().join("feed.txt").display().to_string();
    let o = explainer(&["import", &file, "--date", "2025-01-03"], site.root());
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("2 control characters or noncharacters of")
            && stderr(&o).contains("(the first on its line 3)"),
        "{}",
        stderr(&o)
    );
    // A form feed parts words as a space does (probe: "Formfeed").
    let article = site.root().join("content/articles/form-feed-head.md");
    let text = std::fs::read_to_string(&article)
        .unwrap_or_else(|_| panic!("{:?}", tree(&site.root().join("content"))));
    assert!(!text.contains(['\u{c}', '\u{0}', '\u{1b}']), "{text:?}");
    assert!(site.errors().is_empty(), "{:?}", site.errors());
}

#[test]
fn a_revision_dated_before_its_article_is_refused_and_nothing_written() {
    let site = TempSite::new(&small_site());
    let before = std::fs::read_to_string(site.root().join("content/articles/story.md")).unwrap();
    site.write("revised.txt", "Story\n\nAlice Smith met Bob Jones again.\n");
    let file = site.root().join("revised.txt").display().to_string();
    let o = explainer(
        &[
            "import",
            &file,
            "--slug",
            "story",
            "--revise",
            "--date",
            "2024-12-31",
        ],
        site.root(),
    );
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("--date 2024-12-31 is before the article's own date (2025-01-02)"),
        "{}",
        stderr(&o)
    );
    let after = std::fs::read_to_string(site.root().join("content/articles/story.md")).unwrap();
    assert_eq!(after, before);
}

#[test]
fn fix_quotes_keeps_stdout_to_the_machine_format_asked_for() {
    for format in ["json", "github"] {
        let site = TempSite::new(&small_site());
        // One quote to fix (a letter dropped), one that cannot be found.
        site.write(
            "content/annotations/left.md",
            "+++\nquote = \"left erly\"\nkind = \"context\"\n+++\n\nHe had another meeting.\n",
        );
        site.write(
            "content/annotations/gone.md",
            "+++\nquote = \"nothing like this at all\"\nkind = \"context\"\n+++\n\nGone.\n",
        );
        let o = explainer(&["check", "--fix-quotes", "--format", format], site.root());
        assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
        let out = String::from_utf8(o.stdout.clone()).unwrap();
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(lines.len(), 1, "{format}: {out}");
        match format {
            "json" => {
                let v: serde_json::Value = serde_json::from_str(lines[0]).unwrap();
                assert_eq!(v["file"], "content/annotations/gone.md", "{v}");
            }
            _ => assert!(
                lines[0].starts_with("::error file=content/annotations/gone.md"),
                "{out}"
            ),
        }
        // The change is still said, where people read.
        assert!(
            stderr(&o).contains("fixed content/annotations/left.md"),
            "{}",
            stderr(&o)
        );
    }
}
