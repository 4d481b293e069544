//! Bad input never hurts: every kind of hostile or broken input gets its exact diagnostic,
//! huge and deeply nested input builds without a crash, and a build killed at any moment
//! leaves the previous site whole.

mod common;

use std::process::Command;
use std::time::Duration;

use common::*;

/// A kind of bad input: what it is, the files it changes in the small site, and the
/// exact diagnostic it gets.
type Case = (
    &'static str,
    &'static [(&'static str, &'static str)],
    &'static str,
);

const BAD_INPUT: &[Case] = &[
    (
        "javascript: URL in links",
        &[(
            "content/actors/bob-jones.md",
            "+++\nname = \"Bob Jones\"\nkind = \"person\"\nlinks = [{ title = \"x\", url = \"javascript:alert(1)\" }]\n+++\n",
        )],
        "error: content/actors/bob-jones.md:4: links url \"javascript:alert(1)\" is not an http(s) or mailto URL",
    ),
    (
        "data: URL as a stance source",
        &[(
            "content/positions/talks.md",
            "+++\ntitle = \"T\"\nsummary = \"S\"\n\n[[stances]]\nactor = \"bob-jones\"\nstance = \"mixed\"\nsource_url = \"data:text/html,<script>\"\n+++\n",
        )],
        "error: content/positions/talks.md:8: source_url \"data:text/html,<script>\" is not an http(s) or mailto URL",
    ),
    (
        "relative URL as an annotation source",
        &[(
            "content/annotations/left.md",
            "+++\nquote = \"left early\"\nkind = \"context\"\nsources = [{ title = \"x\", url = \"/etc/passwd\" }]\n+++\n\nNote.\n",
        )],
        "error: content/annotations/left.md:4: sources url \"/etc/passwd\" is not an http(s) or mailto URL",
    ),
    (
        "a base_url that is not absolute",
        &[(
            "content/site.toml",
            "title = \"Small\"\nbase_url = \"/repo/\"\n",
        )],
        "error: content/site.toml:2: base_url \"/repo/\" is not an absolute http(s) URL",
    ),
    (
        "an unknown key in site.toml",
        &[("content/site.toml", "title = \"Small\"\ntheme = \"dark\"\n")],
        "error: content/site.toml:2: unknown key \"theme\" (the keys of site.toml are title, description, language, base_url, sources, pagination, matrix, images, publisher, cards)",
    ),
    (
        "a static file in place of a page",
        &[("static/index.html", "<script>alert(1)</script>")],
        "error: static/index.html:1: would replace the generated index.html: rename or remove it",
    ),
    (
        "an empty name",
        &[(
            "content/actors/bob-jones.md",
            "+++\nname = \"  \"\nkind = \"person\"\n+++\n",
        )],
        "error: content/actors/bob-jones.md:2: a name or alias cannot be empty",
    ),
    (
        "an empty quote",
        &[(
            "content/annotations/left.md",
            "+++\nquote = \"\"\nkind = \"context\"\n+++\n\nNote.\n",
        )],
        "error: content/annotations/left.md:2: quote is empty: copy the exact passage of the article this note is about",
    ),
    (
        "a template that does not parse",
        &[("templates/index.html", "{% if %}")],
        "error: templates/index.html:1: template error: ",
    ),
    (
        "an actor that is its own affiliation",
        &[(
            "content/actors/bob-jones.md",
            "+++\nname = \"Bob Jones\"\nkind = \"person\"\naffiliation = \"bob-jones\"\n+++\n",
        )],
        "error: content/actors/bob-jones.md:4: an actor cannot be its own affiliation",
    ),
];

#[test]
fn every_kind_of_bad_input_gets_its_exact_diagnostic() {
    for (what, changes, want) in BAD_INPUT {
        let site = TempSite::new(&small_site());
        for (path, text) in *changes {
            site.write(path, text);
        }
        let errors = site.errors();
        assert!(
            errors.iter().any(|e| e.starts_with(want)),
            "{what}: want {want}\ngot {errors:#?}"
        );
    }
}

#[cfg(unix)]
#[test]
fn symbolic_links_out_of_the_site_are_refused() {
    let site = TempSite::new(&small_site());
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(
        outside.path().join("secret.md"),
        "+++\nname = \"S\"\nkind = \"state\"\n+++\n",
    )
    .unwrap();
    std::os::unix::fs::symlink(
        outside.path().join("secret.md"),
        site.root().join("content/actors/secret.md"),
    )
    .unwrap();
    std::fs::create_dir_all(site.root().join("static")).unwrap();
    std::os::unix::fs::symlink("/etc", site.root().join("static/etc")).unwrap();
    let errors = site.errors();
    assert!(
        errors.iter().any(|e| e
            .starts_with("error: content/actors/secret.md:1: a symbolic link that leads outside")),
        "{errors:#?}"
    );
    assert!(
        errors
            .iter()
            .any(|e| e.starts_with("error: static/etc:1: a symbolic link that leads outside")),
        "{errors:#?}"
    );
    // A link that stays inside is fine.
    let site = TempSite::new(&small_site());
    site.write("notes/extra.txt", "x");
    std::fs::create_dir_all(site.root().join("static")).unwrap();
    std::os::unix::fs::symlink(
        site.root().join("notes/extra.txt"),
        site.root().join("static/extra.txt"),
    )
    .unwrap();
    assert_eq!(site.errors(), Vec::<String>::new());
}

#[test]
fn script_in_content_never_reaches_the_pages() {
    let site = TempSite::new(&small_site());
    site.write("content/actors/bob-jones.md", "+++\nname = \"Bob Jones\"\nkind = \"person\"\n+++\n\n<script>alert(1)</script><b onclick=alert(2)>bold</b> [x](javascript:alert(3)) <iframe src=\"https://e.org\"></iframe>\n");
    site.write("content/articles/story.md", "+++\ntitle = \"Story <script>alert(4)</script>\"\ndate = 2025-01-02\n+++\n\nAlice Smith met Bob Jones. <script>alert(5)</script>\n\nBob Jones left early. [y](javascript:alert(6))\n");
    site.write(
        "content/positions/talks.md",
        "+++\ntitle = \"Hold talks\"\nsummary = \"</script><script>alert(7)</script>\"\n+++\n",
    );
    site.build();
    for entry in walkdir::WalkDir::new(site.out()) {
        let entry = entry.unwrap();
        if entry.path().extension().is_some_and(|e| e == "html") {
            let html = std::fs::read_to_string(entry.path()).unwrap();
            for n in 1..=7 {
                assert!(
                    !html.contains(&format!("alert({n})"))
                        || !html.contains(&format!("<script>alert({n})")),
                    "{}: alert({n})",
                    entry.path().display()
                );
            }
            let lower = html.to_lowercase();
            assert!(
                !lower.contains("href=\"javascript:") && !lower.contains("src=\"javascript:"),
                "{}",
                entry.path().display()
            );
            assert!(!html.contains("onclick"), "{}", entry.path().display());
            // The search page alone runs a script: the site's own file, nothing inline.
            let search = entry.path() == site.out().join("search/index.html");
            let policy = if search {
                "script-src 'self';"
            } else {
                "script-src 'none'"
            };
            assert!(
                html.contains(policy),
                "a policy forbids inline script: {}",
                entry.path().display()
            );
            let own = html.matches("<script src=\"search.js\"></script>").count();
            assert_eq!(own, usize::from(search), "{}", entry.path().display());
            let scripts = html.matches("<script").count() - own;
            let data = html
                .matches("<script type=\"application/ld+json\">")
                .count();
            assert_eq!(
                scripts,
                data,
                "only JSON-LD data blocks: {}",
                entry.path().display()
            );
        }
    }
}

fn big_site(article: &str, extra: &[(String, String)]) -> TempSite {
    let site = TempSite::new(&[
        ("content/site.toml", "title = \"Big\"\n"),
        (
            "content/actors/alice-smith.md",
            "+++\nname = \"Alice Smith\"\nkind = \"person\"\n+++\n\nA.\n",
        ),
    ]);
    site.write(
        "content/articles/big.md",
        &format!("+++\ntitle = \"Big\"\ndate = 2025-01-01\n+++\n\n{article}"),
    );
    for (path, text) in extra {
        site.write(path, text);
    }
    site
}

#[test]
fn a_50_mb_article_builds() {
    let para = "Alice Smith spoke about the budget at length, and the council listened to every word of it. ".repeat(20);
    let article: String = (0..28_000)
        .map(|i| format!("{para}Paragraph {i}.\n\n"))
        .collect();
    assert!(article.len() > 50_000_000);
    let site = big_site(&article, &[]);
    site.build();
    let page = std::fs::metadata(site.out().join("articles/big/index.html"))
        .unwrap()
        .len();
    assert!(page > 50_000_000);
}

#[test]
fn ten_thousand_annotations_on_one_article() {
    let article: String = (0..10_000)
        .map(|i| format!("Alice Smith made point number {i:05} today.\n\n"))
        .collect();
    let notes: Vec<(String, String)> = (0..10_000)
        .map(|i| {
            (
                format!("content/annotations/n{i}.md"),
                format!("+++\nquote = \"point number {i:05}\"\nkind = \"context\"\n+++\n\nWhy point {i} matters.\n"),
            )
        })
        .collect();
    let site = big_site(&article, &notes);
    site.build();
    let html = std::fs::read_to_string(site.out().join("articles/big/index.html")).unwrap();
    assert_eq!(html.matches("<mark ").count(), 10_000);
    assert!(html.contains("id=\"note-n9999\""));
}

#[test]
fn ten_thousand_actors() {
    let actors: Vec<(String, String)> = (0..10_000)
        .map(|i| {
            (
                format!("content/actors/actor-{i}.md"),
                format!("+++\nname = \"Person {i:05}\"\nkind = \"person\"\n+++\n\nProfile {i}.\n"),
            )
        })
        .collect();
    let article: String = (0..100)
        .map(|i| format!("Person {:05} met Person {:05}.\n\n", i * 7, i * 13))
        .collect();
    let site = big_site(&article, &actors);
    site.build();
    assert!(site.out().join("actors/actor-9999/index.html").is_file());
    let p = std::fs::read_to_string(site.out().join("actors/actor-7/index.html")).unwrap();
    assert!(
        p.contains("articles/big/#p2"),
        "Person 00007 is mentioned in paragraph 2"
    );
}

#[test]
fn deep_nesting_and_long_lines() {
    let lists: String = (0..1000)
        .map(|i| format!("{}- level {i}\n", "  ".repeat(i)))
        .collect();
    let quotes = format!("{} deep\n", ">".repeat(1000));
    let emphasis = format!("{}x{}", "*".repeat(5000), "*".repeat(5000));
    let line = "word ".repeat(200_000);
    let article = format!("{lists}\n{quotes}\n{emphasis}\n\n{line}\n\nAlice Smith.\n");
    let site = big_site(&article, &[]);
    site.write(
        "content/actors/alice-smith.md",
        &format!("+++\nname = \"Alice Smith\"\nkind = \"person\"\n+++\n\n{lists}\n{quotes}\n"),
    );
    site.build();
    assert!(site.out().join("articles/big/index.html").is_file());
}

#[cfg(unix)]
#[test]
fn a_build_killed_at_any_moment_leaves_the_previous_site_whole() {
    let article: String = (0..3000)
        .map(|i| format!("Alice Smith said thing {i}.\n\n"))
        .collect();
    let notes: Vec<(String, String)> = (0..300)
        .map(|i| {
            (
                format!("content/annotations/n{i}.md"),
                format!("+++\nquote = \"thing {i}.\"\nkind = \"context\"\n+++\n\nNote {i}.\n"),
            )
        })
        .collect();
    let site = big_site(&article, &notes);
    let run = || {
        Command::new(env!("CARGO_BIN_EXE_explainer"))
            .args(["build", "--root"])
            .arg(site.root())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap()
    };
    assert!(run().wait().unwrap().success());
    let before = std::fs::read(site.out().join("articles/big/index.html")).unwrap();
    for delay in [0u64, 5, 10, 20, 40, 60, 80, 120, 160, 200] {
        let mut child = run();
        std::thread::sleep(Duration::from_millis(delay));
        let _ = child.kill(); // SIGKILL
        let _ = child.wait();
        let now = std::fs::read(site.out().join("articles/big/index.html"))
            .expect("the site is still there");
        assert_eq!(now, before, "killed after {delay} ms: the page is whole");
        assert!(
            site.out().join("index.html").is_file()
                && site.out().join(".explainer-output").is_file()
        );
    }
    assert!(run().wait().unwrap().success());
    let leftovers: Vec<String> = std::fs::read_dir(site.root())
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|n| n.starts_with(".public."))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}
