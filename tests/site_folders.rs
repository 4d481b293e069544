//! The folders of a site: a file where one should be is a content error at its path
//! (D19), and a file of `templates/` that the site does not use gets a warning (D17).

mod common;

use common::*;

#[test]
fn a_file_in_place_of_a_site_folder_is_a_content_error() {
    for folder in [
        "content/articles",
        "content/actors",
        "content/positions",
        "content/annotations",
        "content/events",
        "templates",
        "static",
        "i18n",
    ] {
        let s = TempSite::new(&small_site());
        if let Ok(meta) = std::fs::metadata(s.root().join(folder)) {
            assert!(meta.is_dir());
            std::fs::remove_dir_all(s.root().join(folder)).unwrap();
        }
        s.write(folder, "x");
        let errors = s.errors();
        assert!(
            errors
                .iter()
                .any(|e| e.starts_with(&format!("error: {folder}:1: "))
                    && e.contains("is a file; it must be a folder")),
            "{folder}: {errors:?}"
        );
        for command in ["check", "build"] {
            let out = explainer(&[command], s.root());
            assert_eq!(
                out.status.code(),
                Some(1),
                "{folder}, {command}: {}",
                stderr(&out)
            );
            assert!(stderr(&out).contains(&format!("error: {folder}:1: ")));
        }
    }
}

#[test]
fn files_of_templates_the_site_does_not_use_are_warned_about() {
    let s = TempSite::new(&small_site());
    s.write("templates/article.htm", "x");
    s.write("templates/notes.txt", "x");
    s.write("templates/sub/card.svg", "x");
    s.write(
        "templates/card.svg",
        explainer::render::cards::DEFAULT_TEMPLATE,
    );
    let report = explainer::check(&s.options()).unwrap();
    let found: Vec<String> = report.diagnostics.iter().map(|d| d.to_string()).collect();
    for name in ["article.htm", "notes.txt", "sub/card.svg"] {
        assert!(
            found
                .iter()
                .any(|d| d.starts_with(&format!("warning: templates/{name}:1: is not used"))),
            "{name}: {found:?}"
        );
    }
    assert!(
        found
            .iter()
            .any(|d| d.contains("templates/article.htm")
                && d.contains("did you mean \"article.html\"?")),
        "{found:?}"
    );
    assert!(
        found.iter().all(|d| !d.contains("templates/card.svg")),
        "{found:?}"
    );
    assert!(!report.has_errors(), "{found:?}");
}
