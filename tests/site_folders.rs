//! The folders of a site: a file where one should be is a content error at its path
//! (D19), a file of `templates/` that the site does not use gets a warning (D17), and a
//! file read through a link is read only when the link stays inside the site.

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
        let s = site_with_picture(&[
            (
                "content/site.toml",
                "title = \"Small\"\n[publisher]\nname = \"P\"\nlogo = \"images/talks.png\"\n",
            ),
            (
                ACTOR,
                &actor_with(
                    "Alice Smith",
                    "image = { src = \"images/talks.png\", alt = \"A\" }\n",
                ),
            ),
        ]);
        if let Ok(meta) = std::fs::metadata(s.root().join(folder)) {
            assert!(meta.is_dir());
            std::fs::remove_dir_all(s.root().join(folder)).unwrap();
        }
        s.write(folder, "x");
        // The one error: what names an actor of an unread folder is not unknown too,
        // nor is a picture of a static/ that is a file missing (probe).
        let errors = s.errors();
        assert!(
            errors.len() == 1
                && errors[0].starts_with(&format!("error: {folder}:1: "))
                && errors[0].contains("is a file; it must be a folder"),
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

#[test]
fn files_read_through_links_stay_inside_the_site() {
    // Second probe, D1: `i18n/en.toml` and `content/site.toml` were read through links
    // out of the site (one parsed /etc/passwd), and a linked template was left out
    // without a word.
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("en.toml"), "overview = \"OUTSIDE\"\n").unwrap();
    std::fs::write(outside.path().join("site.toml"), "title = \"Out\"\n").unwrap();

    let site = TempSite::new(&small_site());
    std::fs::create_dir(site.root().join("i18n")).unwrap();
    std::os::unix::fs::symlink(
        outside.path().join("en.toml"),
        site.root().join("i18n/en.toml"),
    )
    .unwrap();
    std::fs::remove_file(site.root().join("content/site.toml")).unwrap();
    std::os::unix::fs::symlink(
        outside.path().join("site.toml"),
        site.root().join("content/site.toml"),
    )
    .unwrap();
    let outside_link = "a symbolic link that leads outside the site's folder";
    let errors = site.errors();
    assert!(
        errors
            .iter()
            .any(|e| e.starts_with("error: content/site.toml:1: ") && e.contains(outside_link)),
        "{errors:#?}"
    );

    let site = TempSite::new(&small_site());
    std::fs::create_dir(site.root().join("i18n")).unwrap();
    std::os::unix::fs::symlink(
        outside.path().join("en.toml"),
        site.root().join("i18n/en.toml"),
    )
    .unwrap();
    assert_eq!(
        site.errors(),
        [format!(
            "error: i18n/en.toml:1: {outside_link} (or nowhere): nothing outside the site is read"
        )]
    );
    // A folder where the words' file would be is no file, and is said so.
    std::fs::remove_file(site.root().join("i18n/en.toml")).unwrap();
    std::fs::create_dir(site.root().join("i18n/en.toml")).unwrap();
    let errors = site.errors();
    assert!(
        errors.len() == 1 && errors[0].starts_with("error: i18n/en.toml:1: is not a file"),
        "{errors:#?}"
    );

    // A link to a template inside the site is that template.
    let site = TempSite::new(&small_site());
    site.write("mine/404.html", "<p>{{ no_such_variable }}</p>\n");
    std::fs::create_dir(site.root().join("templates")).unwrap();
    std::os::unix::fs::symlink("../mine/404.html", site.root().join("templates/404.html")).unwrap();
    let errors = site.errors();
    assert!(
        errors.len() == 1 && errors[0].starts_with("error: templates/404.html:1: template error"),
        "{errors:#?}"
    );
}

#[cfg(unix)]
#[test]
fn a_static_link_into_the_sites_output_is_refused() {
    // `static/pub` → `../public` copied each build into the next: public/pub/pub/pub.
    let site = TempSite::new(&small_site());
    site.build();
    std::fs::create_dir_all(site.root().join("static")).unwrap();
    std::os::unix::fs::symlink(site.out(), site.root().join("static/pub")).unwrap();
    let e = site.errors();
    assert_eq!(e.len(), 1, "{e:?}");
    assert!(
        e[0].starts_with("error: static/pub:1: a symbolic link into a site that explainer wrote"),
        "{e:?}"
    );
}

#[test]
fn hidden_files_of_static_are_not_published() {
    // `.env`, `.git/` and `.DS_Store` went live with the site.
    let site = TempSite::new(&small_site());
    for (path, text) in [
        ("static/.env", "SECRET=1"),
        ("static/.git/config", "[core]"),
        ("static/img/.DS_Store", "x"),
        ("static/img/a.txt", "kept"),
        (
            "static/.well-known/security.txt",
            "Contact: mailto:a@example.org",
        ),
    ] {
        site.write(path, text);
    }
    site.build();
    let out = site.out();
    for gone in [".env", ".git/config", "img/.DS_Store"] {
        assert!(!out.join(gone).exists(), "{gone} was published");
    }
    for kept in ["img/a.txt", ".well-known/security.txt"] {
        assert!(out.join(kept).is_file(), "{kept} was not published");
    }
}

#[cfg(unix)]
#[test]
fn an_editors_lock_file_is_passed_over() {
    // Emacs links `.#NAME` to `user@host.pid:time`, which leads nowhere, while a file
    // has unsaved changes: the site failed to build for as long.
    let site = TempSite::new(&small_site());
    for folder in [
        "content/actors",
        "content/events",
        "templates",
        "static",
        "i18n",
    ] {
        std::fs::create_dir_all(site.root().join(folder)).unwrap();
        std::os::unix::fs::symlink(
            "editor@host.12345:1733600000",
            site.root().join(folder).join(".#alice-smith.md"),
        )
        .unwrap();
    }
    assert_eq!(site.diagnostics(), Vec::<String>::new());
    site.build();
}
