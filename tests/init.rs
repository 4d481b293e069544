//! `explainer init` writes a whole site that passes `check` with nothing to say and
//! `build --strict`, in the language asked for, with the workflow that publishes it;
//! it refuses a folder that holds anything and writes nothing then. (The workflow is
//! linted by tests/workflows, which also runs the action on it.)

mod common;

use std::path::Path;

use common::*;

/// Every file under `dir` with its bytes, sorted by path.
fn tree(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<(String, Vec<u8>)> = walkdir::WalkDir::new(dir)
        .into_iter()
        .map(|e| e.unwrap())
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e.path().strip_prefix(dir).unwrap().display().to_string();
            (rel, std::fs::read(e.path()).unwrap())
        })
        .collect();
    files.sort();
    files
}

fn init(args: &[&str], cwd: &Path) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_explainer"))
        .arg("init")
        .args(args)
        .current_dir(cwd)
        .env_remove("RUST_BACKTRACE")
        .output()
        .unwrap()
}

#[test]
fn the_starter_checks_without_a_word_and_builds_strictly() {
    let tmp = tempfile::tempdir().unwrap();
    let o = init(&["news/site"], tmp.path());
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stderr(&o).starts_with("wrote a new site into news/site (9 files)"));
    let site = tmp.path().join("news/site");
    let names: Vec<String> = tree(&site).into_iter().map(|(p, _)| p).collect();
    assert_eq!(
        names,
        [
            ".github/workflows/pages.yml",
            ".gitignore",
            "README.md",
            "content/actors/ana-torres.md",
            "content/actors/riverside-business-association.md",
            "content/annotations/who-pays.md",
            "content/articles/bus-lane-vote.md",
            "content/positions/main-street-bus-lanes.md",
            "content/site.toml",
        ]
    );

    let o = explainer(&["check"], &site);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let said = stderr(&o);
    let files: usize = (said.strip_prefix("checked: the content and the "))
        .and_then(|r| r.strip_suffix(" files of the site are fine\n"))
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("no warning, no placeholder: {said}"));
    let o = explainer(&["build", "--strict"], &site);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    // `check` counted what `build` writes (all but the folder's own marker).
    let written = walkdir::WalkDir::new(site.join("public"))
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file() && e.file_name() != ".explainer-output")
        .count();
    assert_eq!(files, written);
    for page in [
        "articles/bus-lane-vote/index.html",
        "actors/ana-torres/index.html",
        "actors/riverside-business-association/index.html",
        "positions/main-street-bus-lanes/index.html",
    ] {
        assert!(site.join("public").join(page).is_file(), "{page}");
    }

    // The stances quote the article and the note marks its passage.
    let article =
        std::fs::read_to_string(site.join("public/articles/bus-lane-vote/index.html")).unwrap();
    assert!(article.contains("who-pays"), "the note is on the article");
    let position =
        std::fs::read_to_string(site.join("public/positions/main-street-bus-lanes/index.html"))
            .unwrap();
    assert!(position.contains("Supports") && position.contains("Opposes"));
    assert_eq!(
        std::fs::read_to_string(site.join(".gitignore")).unwrap(),
        "# What `explainer build` writes: the Pages workflow builds it anew on every push (the\n# share cards it keeps beside the output are drawn again when missing).\n/public/\n/public.cards-cache/\n"
    );
}

#[test]
fn the_workflow_uses_the_action_of_this_version() {
    let tmp = tempfile::tempdir().unwrap();
    let o = init(&["site"], tmp.path());
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let workflow =
        std::fs::read_to_string(tmp.path().join("site/.github/workflows/pages.yml")).unwrap();
    let version = env!("CARGO_PKG_VERSION");
    let uses: Vec<&str> = workflow
        .lines()
        .filter_map(|l| l.trim().trim_start_matches("- ").strip_prefix("uses: "))
        .filter(|u| !u.starts_with("actions/"))
        .collect();
    assert_eq!(
        uses,
        [format!("{}@v{version}", explainer::init::repository())]
    );
    assert!(
        stderr(&o).contains(&format!("@v{version}")),
        "{}",
        stderr(&o)
    );
}

#[test]
fn the_language_goes_into_site_toml_and_the_pages() {
    let tmp = tempfile::tempdir().unwrap();
    let o = init(&["site", "--language", "pt-BR"], tmp.path());
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let site = tmp.path().join("site");
    let toml = std::fs::read_to_string(site.join("content/site.toml")).unwrap();
    assert!(toml.contains("\nlanguage = \"pt-BR\"\n"), "{toml}");
    // No built-in words for Portuguese: the English table comes along, to translate, and
    // the site builds as it is.
    let table = std::fs::read_to_string(site.join("i18n/pt.toml")).unwrap();
    assert!(table.contains("\nskip = \"Skip to content\"\n"), "{table}");
    let o = explainer(&["build", "--strict"], &site);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let index = std::fs::read_to_string(site.join("public/index.html")).unwrap();
    assert!(index.contains("<html lang=\"pt-BR\""), "{}", &index[..200]);
}

#[test]
fn a_built_in_language_needs_no_table_and_speaks_on_every_page() {
    let tmp = tempfile::tempdir().unwrap();
    let o = init(&["site", "--language", "de-AT"], tmp.path());
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let site = tmp.path().join("site");
    assert!(!site.join("i18n").exists());
    let o = explainer(&["build", "--strict"], &site);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let index = std::fs::read_to_string(site.join("public/index.html")).unwrap();
    assert!(index.contains("Zum Inhalt springen"), "{index}");
    // The starter's own story stays as written.
    assert!(index.contains("Riverside council"), "{index}");
}

#[test]
fn a_language_that_site_toml_would_refuse_is_refused_before_anything_is_written() {
    let tmp = tempfile::tempdir().unwrap();
    let o = init(&["site", "--language", "en US"], tmp.path());
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(
        stderr(&o),
        "error: language \"en US\" is not a language tag; write a BCP 47 tag such as \"en\", \"en-GB\" or \"pt-BR\"\n"
    );
    assert!(!tmp.path().join("site").exists());
}

#[test]
fn a_folder_that_holds_anything_is_left_as_it_is() {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("site");
    std::fs::create_dir_all(site.join("content")).unwrap();
    std::fs::write(site.join("notes.txt"), "mine").unwrap();
    let before = tree(&site);
    let o = init(&["site"], tmp.path());
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(
        stderr(&o),
        "error: site is not empty (it holds content and 1 other): explainer init writes a new site only into an empty or new folder, and never overwrites a file\n"
    );
    assert_eq!(tree(&site), before);
    assert!(!site.join("content/site.toml").exists());

    // A file is no folder.
    let o = init(&["site/notes.txt"], tmp.path());
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).starts_with("error: site/notes.txt is a file"),
        "{}",
        stderr(&o)
    );
    assert_eq!(tree(&site), before);
}

#[test]
fn an_empty_folder_or_a_fresh_repository_is_filled_the_same_way_every_time() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(tmp.path().join("empty")).unwrap();
    std::fs::create_dir_all(tmp.path().join("repo/.git")).unwrap();
    std::fs::write(tmp.path().join("repo/.git/HEAD"), "ref: refs/heads/main\n").unwrap();
    for dir in ["empty", "repo", "new"] {
        let o = init(&[dir], tmp.path());
        assert_eq!(o.status.code(), Some(0), "{dir}: {}", stderr(&o));
    }
    let empty = tree(&tmp.path().join("empty"));
    let mut repo = tree(&tmp.path().join("repo"));
    repo.retain(|(p, _)| !p.starts_with(".git/"));
    assert_eq!(repo, empty, "byte for byte");
    assert_eq!(tree(&tmp.path().join("new")), empty);
}

#[test]
fn a_site_that_replaced_the_example_but_kept_its_title_is_warned() {
    let tmp = tempfile::tempdir().unwrap();
    assert_eq!(init(&["site"], tmp.path()).status.code(), Some(0));
    let site = tmp.path().join("site");
    // The editor's own article in place of the example (and of what refers to it).
    for rel in [
        "content/articles/bus-lane-vote.md",
        "content/positions/main-street-bus-lanes.md",
        "content/annotations/who-pays.md",
        "content/actors/ana-torres.md",
        "content/actors/riverside-business-association.md",
    ] {
        std::fs::remove_file(site.join(rel)).unwrap();
    }
    std::fs::write(
        site.join("content/articles/own.md"),
        "+++\ntitle = \"Our story\"\ndate = 2025-01-02\n+++\n\nText.\n",
    )
    .unwrap();
    let o = explainer(&["check"], &site);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(
        stderr(&o).starts_with(
            "warning: content/site.toml:3: the site is still called \"Main Street bus lanes: an example explainer\", the starter's example title (write your site's own title and description; build --strict fails until then)\n"
        ),
        "{}",
        stderr(&o)
    );
    assert!(
        stderr(&o).ends_with("are fine, with 1 warning (build --strict would fail)\n"),
        "{}",
        stderr(&o)
    );
    assert_eq!(
        explainer(&["build", "--strict"], &site).status.code(),
        Some(1)
    );
}

#[test]
fn an_example_article_with_an_error_is_still_the_example() {
    // A starter whose example article had an error was also told that it had replaced
    // the example and kept its title.
    let tmp = tempfile::tempdir().unwrap();
    assert_eq!(init(&["site"], tmp.path()).status.code(), Some(0));
    let site = tmp.path().join("site");
    let article = site.join("content/articles/bus-lane-vote.md");
    let text = std::fs::read_to_string(&article).unwrap();
    let date = text.lines().find(|l| l.starts_with("date")).unwrap();
    std::fs::write(
        &article,
        text.replacen(date, "date = \"15 January 2025\"", 1),
    )
    .unwrap();
    let o = explainer(&["check"], &site);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(
        err.contains("error: content/articles/bus-lane-vote.md:"),
        "{err}"
    );
    assert!(!err.contains("still called"), "{err}");
}
