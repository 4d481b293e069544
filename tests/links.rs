//! The link check: links are read from the HTML as a browser reads it, and a broken one
//! is reported once, where the writer wrote it (probe M1, M2, M4, L9, L10, L13, 47).

mod common;

use common::*;

fn site() -> TempSite {
    TempSite::new(&small_site())
}

/// `check`'s diagnostics of every kind, one string each.
fn diagnostics(s: &TempSite) -> Vec<String> {
    explainer::check(&s.options())
        .unwrap()
        .diagnostics
        .iter()
        .map(|d| d.to_string())
        .collect()
}

#[test]
fn text_that_looks_like_a_link_is_text() {
    // M1: prose, code, titles and alt text with `src=`, `href=` and `id=` in them.
    let s = site();
    s.write(
        "content/actors/alice-smith.md",
        "+++\nname = \"Alice Smith\"\nkind = \"person\"\nrole = \"Sets src=budget rules\"\n+++\n\nAlice typed `x src=y` and `<img src=x>` by mistake, ![a src=x](../../i.png) [a](https://e.org \"t href=zz\").\n",
    );
    s.write("content/site.toml", "title = \"Say src=zz now\"\n");
    s.write("static/i.png", "png");
    assert_eq!(s.errors(), Vec::<String>::new());
    s.build();
}

#[test]
fn an_id_written_as_text_is_no_id() {
    // M1, the other way: the words `id=zz9` make no anchor.
    let s = site();
    s.write(
        "content/articles/story.md",
        "+++\ntitle = \"Story\"\ndate = 2025-01-02\n+++\n\nAlice Smith met Bob Jones.\n\nBob Jones left early.\n\nA [jump](#zz9) and the words: set id=zz9 in config.\n",
    );
    let errors = s.errors();
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(
        errors[0].starts_with("error: content/articles/story.md:10: links to \"#zz9\"")
            && errors[0].contains("has no id=\"zz9\""),
        "{errors:?}"
    );
}

#[test]
fn a_broken_link_is_reported_where_it_is_written_once() {
    // M2: a profile's link, and a stance note shown on two pages, in a `"""` string.
    let s = site();
    s.write(
        "content/actors/bob-jones.md",
        "+++\nname = \"Bob Jones\"\nkind = \"person\"\naliases = [\"Bob\"]\n+++\n\nBob is a diplomat.\n\nSee [the minutes](minutes/).\n",
    );
    s.write(
        "content/positions/talks.md",
        "+++\ntitle = \"Hold talks\"\nsummary = \"Talk first.\"\n\n[[stances]]\nactor = \"alice-smith\"\nstance = \"supports\"\nquote = \"Alice Smith met Bob Jones.\"\nnote = \"\"\"\nShe said so.\nSee [notes](notes/).\"\"\"\n+++\n\nWhy talks matter.\n",
    );
    let errors = s.errors();
    assert_eq!(
        errors,
        [
            "error: content/actors/bob-jones.md:9: links to \"minutes/\", which is not in the site (on actors/bob-jones/ it leads to actors/bob-jones/minutes/index.html)",
            "error: content/positions/talks.md:11: links to \"notes/\", which is not in the site (on positions/talks/ it leads to positions/talks/notes/index.html)",
        ]
    );
}

#[test]
fn a_broken_reference_link_is_reported_at_its_definition() {
    // It was reported where the link is used, not on the line that writes its URL.
    let s = site();
    s.write(
        "content/actors/bob-jones.md",
        "+++\nname = \"Bob Jones\"\nkind = \"person\"\n+++\n\nSee [the minutes][m] and [Minutes] again.\n\n[m]: minutes/\n[minutes]: other/\n",
    );
    assert_eq!(
        s.errors(),
        [
            "error: content/actors/bob-jones.md:8: links to \"minutes/\", which is not in the site (on actors/bob-jones/ it leads to actors/bob-jones/minutes/index.html)",
            "error: content/actors/bob-jones.md:9: links to \"other/\", which is not in the site (on actors/bob-jones/ it leads to actors/bob-jones/other/index.html)",
        ]
    );
}

#[test]
fn link_errors_come_with_the_other_content_errors() {
    // L13: a broken link, a wrong quote and a static file that clashes, in one run.
    let s = site();
    s.write(
        "content/actors/bob-jones.md",
        "+++\nname = \"Bob Jones\"\nkind = \"person\"\nrole = \"Envoy\"\n+++\n\nSee [the minutes](minutes/) and ![a map](../../map.png).\n",
    );
    s.write(
        "content/annotations/left.md",
        "+++\nquote = \"left late\"\nkind = \"context\"\n+++\n\nNote.\n",
    );
    s.write("static/404.html", "x");
    let errors = s.errors();
    assert!(
        errors
            .iter()
            .any(|e| e.starts_with("error: content/annotations/left.md:2:")),
        "{errors:?}"
    );
    assert!(
        errors
            .iter()
            .any(|e| e.starts_with("error: static/404.html:1:")),
        "{errors:?}"
    );
    assert!(
        errors
            .iter()
            .any(|e| e.starts_with("error: content/actors/bob-jones.md:7: links to \"minutes/\"")),
        "{errors:?}"
    );
    assert!(
        errors
            .iter()
            .any(|e| e
                .starts_with("error: content/actors/bob-jones.md:7: links to \"../../map.png\"")),
        "{errors:?}"
    );
}

#[test]
fn a_url_key_is_reported_on_its_line() {
    let s = site();
    s.write(
        "content/actors/alice-smith.md",
        "+++\nname = \"Alice Smith\"\nkind = \"person\"\n\n[[links]]\ntitle = \"Minutes\"\nurl = \"https://e.org/r/minutes.pdf\"\n+++\n\nAlice is a minister.\n",
    );
    s.write(
        "content/site.toml",
        "title = \"Small\"\nbase_url = \"https://e.org/r/\"\n",
    );
    let errors = s.errors();
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(
        errors[0].starts_with(
            "error: content/actors/alice-smith.md:7: links to \"https://e.org/r/minutes.pdf\""
        ),
        "{errors:?}"
    );
}

#[test]
fn a_template_link_is_reported_at_its_line_once() {
    // M2, templates: a link of base.html shows on every page, and is one error at its line.
    let s = site();
    s.write(
        "templates/base.html",
        &explainer::render::templates::DEFAULTS
            .iter()
            .find(|(n, _)| *n == "base.html")
            .unwrap()
            .1
            .replacen(
                "<body",
                "<a href=\"{{ root }}about/\">About</a>\n<a href=\"{{ root }}actors/#nope\">All</a>\n<body",
                1,
            ),
    );
    let text = std::fs::read_to_string(s.root().join("templates/base.html")).unwrap();
    let line = |needle: &str| text.lines().position(|l| l.contains(needle)).unwrap() + 1;
    let errors = s.errors();
    assert_eq!(errors.len(), 2, "{errors:?}");
    assert!(
        errors.iter().any(|e| e
            .starts_with(&format!("error: templates/base.html:{}: ", line("about/")))
            && e.contains("about/\", which is not in the site")),
        "{errors:?}"
    );
    assert!(
        errors.iter().any(|e| e
            .starts_with(&format!("error: templates/base.html:{}: ", line("#nope")))
            && e.contains("has no id=\"nope\"")),
        "{errors:?}"
    );
}

#[test]
fn a_template_link_to_a_missing_id_is_reported_at_its_own_line() {
    // Probe: `#nofrag` and `../positions/#x` written in actors.html were blamed on
    // base.html, line 9: the line was looked for with the link rooted at the site.
    let s = site();
    s.write(
        "templates/actors.html",
        "{% extends \"base.html\" %}\n{% block main %}\n<h1>All</h1>\n<p>x</p>\n<p><a href=\"#nofrag\">f</a></p>\n<p><a href=\"../positions/#x\">g</a></p>\n{% endblock main %}\n",
    );
    let errors = s.errors();
    let at: Vec<&str> = errors
        .iter()
        .map(|e| e.split(": actors/").next().unwrap())
        .collect();
    assert_eq!(
        at,
        [
            "error: templates/actors.html:5",
            "error: templates/actors.html:6",
        ],
        "{errors:#?}"
    );
}

#[test]
fn percent_encoded_links_find_their_files() {
    // Experiment 47: `my%20file.pdf` is the file `my file.pdf`.
    let s = site();
    s.write("static/my file.pdf", "pdf");
    s.write(
        "content/actors/bob-jones.md",
        "+++\nname = \"Bob Jones\"\nkind = \"person\"\n+++\n\nThe [report](../../my%20file.pdf) and [the other](<../../my file.pdf>).\n",
    );
    assert_eq!(s.errors(), Vec::<String>::new());
    s.build();
    assert!(
        hrefs(&s.page("actors/bob-jones/index.html"), "a")
            .contains(&"../../my%20file.pdf".to_string())
    );
}

#[test]
fn a_static_file_where_the_site_needs_a_folder() {
    // M4: `check` finds it, and `build` says so as a content error.
    let s = site();
    s.write("static/articles/story", "x");
    let errors = s.errors();
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(
        errors[0].starts_with("error: static/articles/story:1: "),
        "{errors:?}"
    );
    let report = explainer::build(&s.options()).unwrap();
    assert!(report.has_errors());
}

#[test]
fn static_clashes_show_with_front_matter_errors() {
    // L13: the article's front matter does not parse, and a static file would still
    // replace its page; a static folder where the site writes a file.
    let s = site();
    s.write(
        "content/articles/story.md",
        "+++\ntitle = 3\n+++\n\nText.\n",
    );
    s.write("static/articles/story/index.html", "x");
    s.write("static/404.html/x.txt", "x");
    let errors = s.errors();
    for start in [
        "error: content/articles/story.md:2:",
        "error: static/articles/story/index.html:1: would replace",
        "error: static/404.html/x.txt:1: is in a folder 404.html/",
    ] {
        assert!(
            errors.iter().any(|e| e.starts_with(start)),
            "{start}: {errors:?}"
        );
    }
}

#[test]
fn templates_of_names_no_page_uses_are_warned_about() {
    // L9
    let s = site();
    s.write("templates/artcle.html", "x");
    s.write("templates/Article.html", "x");
    s.write("templates/sub/article.html", "x");
    s.write("templates/partial.html", "{{ 1 }}");
    s.write(
        "templates/base.html",
        &explainer::render::templates::DEFAULTS
            .iter()
            .find(|(n, _)| *n == "base.html")
            .unwrap()
            .1
            .replacen("<body", "{% include \"partial.html\" %}<body", 1),
    );
    let all = diagnostics(&s);
    for name in ["artcle.html", "Article.html", "sub/article.html"] {
        let d = all
            .iter()
            .find(|d| d.starts_with(&format!("warning: templates/{name}:1: is not used")))
            .unwrap_or_else(|| panic!("{name}: {all:?}"));
        assert!(d.contains("did you mean \"article.html\"?"), "{d}");
    }
    assert!(!all.iter().any(|d| d.contains("partial.html")), "{all:?}");
    assert!(!all.iter().any(|d| d.starts_with("error")), "{all:?}");
}

#[cfg(unix)]
#[test]
fn a_linked_folder_in_static_is_copied() {
    // L10
    let s = site();
    s.write("assets/logo.svg", "<svg/>");
    std::os::unix::fs::symlink("../assets", s.root().join("static/assets")).unwrap_or_else(|_| {
        std::fs::create_dir_all(s.root().join("static")).unwrap();
        std::os::unix::fs::symlink("../assets", s.root().join("static/assets")).unwrap();
    });
    s.build();
    assert_eq!(
        std::fs::read_to_string(s.out().join("assets/logo.svg")).unwrap(),
        "<svg/>"
    );
}

#[test]
fn a_missing_id_linked_from_a_stance_note_is_one_error() {
    // M2: a stance note shows on the position's page and on the actor's.
    let s = site();
    s.write(
        "content/positions/talks.md",
        "+++\ntitle = \"Hold talks\"\nsummary = \"Talk first.\"\n\n[[stances]]\nactor = \"alice-smith\"\nstance = \"supports\"\nquote = \"Alice Smith met Bob Jones.\"\nnote = \"See [the text](../../articles/story/#p99).\"\n+++\n\nWhy talks matter.\n",
    );
    let errors = s.errors();
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(
        errors[0].starts_with(
            "error: content/positions/talks.md:9: links to \"../../articles/story/#p99\""
        ) && errors[0].contains("has no id=\"p99\""),
        "{errors:?}"
    );
}

#[test]
fn a_note_link_is_checked_from_the_article_page_it_is_written_for() {
    // A note is written for its article's page; on its own page its relative links are
    // rebased, so a link is right or wrong on both: one error, from the article's page.
    let s = site();
    s.write(
        "content/annotations/left.md",
        "+++\nquote = \"left early\"\nkind = \"context\"\n+++\n\nHe had [another meeting](../../actors/bob-jones/).\n\nSee [the minutes](../../minutes/).\n",
    );
    let errors = s.errors();
    assert_eq!(
        errors,
        [
            "error: content/annotations/left.md:8: links to \"../../minutes/\", which is not in the site (on articles/story/ it leads to minutes/index.html)",
        ]
    );
}

#[test]
fn a_link_above_the_sites_root_is_an_error() {
    // Probe-3 N2: it works at a domain's root and breaks under a sub-path.
    let s = site();
    s.write(
        "content/actors/bob-jones.md",
        "+++\nname = \"Bob Jones\"\nkind = \"person\"\naliases = [\"Bob\"]\n+++\n\nBob is a diplomat. [Home](../../../).\n",
    );
    assert_eq!(
        s.errors(),
        [
            "error: content/actors/bob-jones.md:7: links to \"../../../\", which is not in the site (on actors/bob-jones/ it leads to ../index.html) (it climbs above the site's root: it may work at a domain's root, never under a sub-path such as GitHub Pages')"
        ]
    );
}

#[test]
fn a_link_from_the_domains_root_is_an_error() {
    // Probe D2: `/x.png` was looked up beside the page (and passed when a file was
    // there), and kept as written: under a sub-path it leads out of the site.
    let s = site();
    s.write("static/x.png", "png");
    s.write("static/actors/bob-jones/x.png", "png");
    s.write(
        "content/actors/bob-jones.md",
        "+++\nname = \"Bob Jones\"\nkind = \"person\"\naliases = [\"Bob\"]\n+++\n\nBob is a diplomat. [Photo](/x.png).\n",
    );
    assert_eq!(
        s.errors(),
        [
            "error: content/actors/bob-jones.md:7: links to \"/x.png\", which is not in the site (on actors/bob-jones/ it leads to /x.png) (a link that starts with / leads from the domain's root, outside a site served under a sub-path such as GitHub Pages'; write it from the page: \"../../x.png\")"
        ]
    );
    // The same link written by a template is reported at the template's line.
    let s = site();
    s.write("static/x.png", "png");
    s.write(
        "templates/base.html",
        &std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/templates/base.html"))
            .unwrap()
            .replacen("<body", "<a href=\"/x.png\">x</a><body", 1),
    );
    let errors = s.errors();
    assert!(
        !errors.is_empty()
            && errors
                .iter()
                .all(|e| e.starts_with("error: templates/base.html:") && e.contains("\"/x.png\"")),
        "{errors:?}"
    );
}

#[test]
fn a_written_link_shown_rebased_on_other_pages_is_reported_where_written_once() {
    // D3: a note's later blocks, sources and updates show on its own page; every
    // update's text shows on the home page too. Each broken link is the writer's, once.
    let s = site();
    s.write(
        "content/site.toml",
        "title = \"Small\"\nbase_url = \"https://example.org/x/\"\n",
    );
    s.write(
        "content/annotations/left.md",
        "+++\nquote = \"left early\"\nkind = \"context\"\nupdates = [{ date = 2025-01-06, text = \"See [v](#nope7).\" }]\nsources = [{ title = \"A\", url = \"https://e.org/a\" }, { title = \"B\", url = \"https://example.org/x/actors/bob-jones/#nope9\" }]\n+++\n\nHe had another meeting.\n\nSee [y](#nope4).\n",
    );
    s.write(
        "content/positions/talks.md",
        "+++\ntitle = \"Hold talks\"\nsummary = \"Talk first.\"\nupdates = [{ date = 2025-01-16, text = \"See [z](#nope5).\" }]\n\n[[stances]]\nactor = \"alice-smith\"\nstance = \"supports\"\nquote = \"Alice Smith met Bob Jones.\"\n+++\n\nWhy talks matter.\n",
    );
    s.write(
        ACTOR,
        &actor_with(
            "Alice Smith",
            "updates = [{ date = 2025-01-16, text = \"\"\"\nSee [w](#nope6).\"\"\" }]\n",
        ),
    );
    s.write(
        ARTICLE,
        &article_with("updates = [{ date = 2025-01-03, text = \"See [u](#nope8).\" }]\n"),
    );
    let errors = diagnostics(&s);
    let at: Vec<&str> = errors
        .iter()
        .map(|e| e.split(": links to").next().unwrap())
        .collect();
    assert_eq!(
        at,
        [
            "error: content/actors/alice-smith.md:5",
            "error: content/annotations/left.md:4",
            "error: content/annotations/left.md:5",
            "error: content/annotations/left.md:10",
            "error: content/articles/story.md:4",
            "error: content/positions/talks.md:4",
        ],
        "{errors:#?}"
    );
    assert!(
        errors[3].contains("\"#nope4\"") && errors[3].contains("has no id=\"nope4\""),
        "{errors:#?}"
    );
}

#[test]
fn links_to_missing_ids_come_with_links_to_missing_files() {
    // Probe D4: `#nope` showed only once `missing1.html` was fixed.
    let s = site();
    s.write(
        "content/articles/story.md",
        "+++\ntitle = \"Story\"\ndate = 2025-01-02\n+++\n\nAlice Smith met Bob Jones.\n\nBob Jones left early.\n\nSee [a](missing1.html) and [b](#nope).\n",
    );
    let errors = s.errors();
    assert_eq!(errors.len(), 2, "{errors:#?}");
    assert!(
        errors[0].starts_with("error: content/articles/story.md:10: links to \"#nope\"")
            && errors[1]
                .starts_with("error: content/articles/story.md:10: links to \"missing1.html\""),
        "{errors:#?}"
    );
    // Nothing is written while either is there.
    let o = explainer(&["build"], s.root());
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(!s.out().exists());
}
