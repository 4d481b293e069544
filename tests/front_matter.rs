//! Front matter and `site.toml`: every problem in one run, at its line (probe M11, L15,
//! L16, L17), no cascade after a slug clash (L5), and the source policy of `site.toml`.

mod common;

use common::*;

/// Every diagnostic of `check` (warnings too), one string each.
fn diagnostics(site: &TempSite) -> Vec<String> {
    let report = explainer::check(&site.options()).unwrap();
    report.diagnostics.iter().map(|d| d.to_string()).collect()
}

fn small_with(changes: &[(&str, &str)]) -> TempSite {
    let site = TempSite::new(&small_site());
    for (path, text) in changes {
        site.write(path, text);
    }
    site
}

#[test]
fn every_front_matter_error_of_a_file_in_one_run_with_the_rest_of_the_site() {
    // Probe M11: `kynd` (the first typo), `alias`, the bad `wikidata` and the missing
    // `kind` all come at once, in file order; and a problem of another file too.
    let site = small_with(&[
        (
            "content/actors/bob-jones.md",
            "+++\nname = \"Bob Jones\"\nkynd = \"organization\"\nalias = [\"c\"]\nwikidata = \"42\"\n+++\n",
        ),
        (
            "content/annotations/left.md",
            "+++\nquote = \"left early\"\nkind = \"context\"\nactors = [\"alice-smth\"]\n+++\n\nNote.\n",
        ),
    ]);
    assert_eq!(
        site.errors(),
        [
            "error: content/actors/bob-jones.md:2: missing key \"kind\" (add kind = \"person\", \"state\" or \"organization\")",
            "error: content/actors/bob-jones.md:3: unknown key \"kynd\" (did you mean \"kind\"?)",
            "error: content/actors/bob-jones.md:4: unknown key \"alias\" (did you mean \"aliases\"?)",
            "error: content/actors/bob-jones.md:5: wikidata \"42\" is not a Wikidata id like \"Q42\"",
            "error: content/annotations/left.md:4: unknown actor \"alice-smth\" (did you mean \"alice-smith\"?)",
        ]
    );
}

#[test]
fn site_toml_reports_every_key_at_once() {
    // Probe M11 and L16: an unknown `theme` does not hide a bad `base_url`; an empty
    // title and a language that is no tag are errors.
    let site = small_with(&[(
        "content/site.toml",
        "title = \"\"\ntheme = \"dark\"\nlanguage = \"en US\"\nbase_url = \"https:// x.org\"\n",
    )]);
    let e = site.errors();
    let heads: Vec<&str> = e.iter().map(|l| l.split(" (").next().unwrap()).collect();
    assert_eq!(
        heads,
        [
            "error: content/site.toml:1: title is empty",
            "error: content/site.toml:2: unknown key \"theme\"",
            "error: content/site.toml:3: language \"en US\" is not a language tag",
            "error: content/site.toml:4: base_url \"https:// x.org\" is not an absolute http(s) URL",
        ]
    );
}

#[test]
fn one_syntax_error_is_one_error_with_a_hint() {
    // Probe D16: a quotation mark inside a string gave four errors on its line, and a
    // site.toml written as YAML one for each line, with no word of either cause.
    let site = small_with(&[
        (
            "content/actors/bob-jones.md",
            "+++\nname = \"Bob Jones\"\nkind = \"person\"\nrole = \"Envoy \"special\" to talks\"\n+++\n\nBob is a diplomat.\n",
        ),
        (
            "content/site.toml",
            "---\ntitle: \"Small\"\nlanguage: en\n---\n",
        ),
    ]);
    assert_eq!(
        site.errors(),
        [
            "error: content/actors/bob-jones.md:4: unexpected key or value, expected newline, `#` (a quotation mark inside a string ends it: write it as \\\", or put the text in '…' or \"\"\"…\"\"\")",
            "error: content/site.toml:1: written as YAML (`---`, `key: value`), but it is read as TOML (write key = \"value\" lines without the --- lines, e.g. title = \"…\")",
        ]
    );
}

#[test]
fn an_unknown_key_does_not_hide_the_files_other_errors() {
    // Probe D4: the unknown affiliation and the missing picture showed only once the
    // unknown key was fixed.
    let site = small_with(&[(
        "content/actors/bob-jones.md",
        "+++\nname = \"Bob Jones\"\nkind = \"person\"\nrole = \"Envoy\"\naffiliation = \"nobody\"\nimage = { src = \"nofile.png\", alt = \"x\" }\nrol = \"x\"\n+++\n\nBob is a diplomat.\n",
    )]);
    let heads: Vec<String> = site
        .errors()
        .iter()
        .map(|l| l.split(" (").next().unwrap().to_string())
        .collect();
    assert_eq!(
        heads,
        [
            "error: content/actors/bob-jones.md:5: unknown affiliation actor \"nobody\"",
            "error: content/actors/bob-jones.md:6: image src \"nofile.png\": there is no file static/nofile.png",
            "error: content/actors/bob-jones.md:7: unknown key \"rol\"",
        ]
    );
}

#[test]
fn a_base_url_is_a_plain_address_to_put_paths_after() {
    // Probe D8: a fragment, query or user name in the base URL went into every canonical
    // link, og:url and the sitemap (`https://ex.org/news/#top/actors/…`).
    for (base, says) in [
        ("https://ex.org/news/#top/", "has a query or a fragment"),
        ("https://ex.org/?q=1/", "has a query or a fragment"),
        ("https://user:pw@ex.org/", "holds a user name or password"),
        (
            "https://ex.org/sub/../",
            "is not written as a browser reads it",
        ),
        (
            "https://ex.org/%zz/",
            "has a % that is not followed by two hex digits",
        ),
    ] {
        let site = small_with(&[(
            "content/site.toml",
            &format!("title = \"Small\"\nbase_url = \"{base}\"\n"),
        )]);
        let e = site.errors();
        assert_eq!(e.len(), 1, "{base}: {e:?}");
        assert!(
            e[0].starts_with(&format!(
                "error: content/site.toml:2: base_url \"{base}\" {says}"
            )),
            "{base}: {e:?}"
        );
        let plain = TempSite::new(&small_site());
        let o = explainer(&["build", "--base-url", base], plain.root());
        assert_eq!(o.status.code(), Some(2), "{base}");
        assert!(
            stderr(&o).starts_with(&format!("error: --base-url \"{base}\" {says}")),
            "{base}: {}",
            stderr(&o)
        );
    }
}

#[test]
fn urls_with_spaces_or_without_a_host_are_errors_at_their_line() {
    // Probe L15.
    let site = small_with(&[
        (
            "content/actors/bob-jones.md",
            "+++\nname = \"Bob Jones\"\nkind = \"person\"\nlinks = [\n  { title = \"a\", url = \"https:// not a url\" },\n  { title = \"b\", url = \"https://\" },\n]\n+++\n",
        ),
        (
            "content/articles/story.md",
            "+++\ntitle = \"Story\"\ndate = 2025-01-02\nsource_url = \"http://exa mple.org/\"\n+++\n\nAlice Smith met Bob Jones.\n\nBob Jones left early.\n",
        ),
    ]);
    let e = site.errors();
    assert_eq!(e.len(), 3, "{e:#?}");
    assert!(e[0].starts_with("error: content/actors/bob-jones.md:5: links url \"https:// not a url\" has a space in it"), "{e:#?}");
    assert!(
        e[1].starts_with(
            "error: content/actors/bob-jones.md:6: links url \"https://\" has no host"
        ),
        "{e:#?}"
    );
    assert!(e[2].starts_with("error: content/articles/story.md:4: source_url \"http://exa mple.org/\" has a space in it"), "{e:#?}");
}

#[test]
fn yaml_front_matter_and_blank_lines_get_a_hint() {
    // Probe L17.
    let site = small_with(&[
        (
            "content/actors/bob-jones.md",
            "---\nname: Bob Jones\nkind: person\n---\n",
        ),
        (
            "content/actors/alice-smith.md",
            "\n+++\nname = \"Alice Smith\"\nkind = \"person\"\n+++\n",
        ),
    ]);
    assert_eq!(
        site.errors(),
        [
            "error: content/actors/alice-smith.md:1: the file starts with 1 blank line: `+++` must be on the first line (delete the blank lines before line 2)",
            "error: content/actors/bob-jones.md:1: no front matter: the file starts with `---`, as YAML front matter does (explainer uses TOML between `+++` lines: write `+++` in place of both `---` lines, and each key as `key = \"value\"`)",
        ]
    );
}

#[test]
fn a_slug_clash_is_reported_once_not_as_unknown_references() {
    // Probe L5: the position `alice-smith` clashes with the actor; the annotation and
    // the position that refer to it get no "unknown position".
    let site = small_with(&[
        (
            "content/positions/alice-smith.md",
            "+++\ntitle = \"T\"\nsummary = \"S\"\n+++\n",
        ),
        (
            "content/annotations/left.md",
            "+++\nquote = \"left early\"\nkind = \"context\"\npositions = [\"alice-smith\"]\n+++\n\nNote.\n",
        ),
        (
            "content/positions/talks.md",
            "+++\ntitle = \"Hold talks\"\nsummary = \"Talk first.\"\nrelated = [\"alice-smith\"]\n+++\n",
        ),
    ]);
    assert_eq!(
        site.errors(),
        [
            "error: content/actors/alice-smith.md:1: slug \"alice-smith\" is also used by content/positions/alice-smith.md",
            "error: content/positions/alice-smith.md:1: slug \"alice-smith\" is already used by content/actors/alice-smith.md: slugs must be unique across articles, actors and positions",
        ]
    );
}

#[test]
fn a_clash_with_a_file_that_has_errors_is_reported_in_the_same_run() {
    let site = small_with(&[(
        "content/positions/alice-smith.md",
        "+++\ntitle = \"T\"\n+++\n",
    )]);
    let e = site.errors();
    assert!(
        e.iter()
            .any(|l| l
                .starts_with("error: content/positions/alice-smith.md:2: missing key \"summary\"")),
        "{e:#?}"
    );
    assert!(e.iter().any(|l| l.starts_with("error: content/positions/alice-smith.md:1: slug \"alice-smith\" is already used by content/actors/alice-smith.md")), "{e:#?}");
}

#[test]
fn the_source_policy_warns_for_every_cited_url_on_an_avoided_domain() {
    // The newsroom fixture cites example.org in every kind of URL key; avoid it.
    let site = TempSite::fixture("newsroom");
    let toml = std::fs::read_to_string(site.root().join("content/site.toml")).unwrap();
    site.write(
        "content/site.toml",
        &format!("{toml}\n[sources]\navoid = [\"EXAMPLE.org\", \"tabloid.example\"]\n"),
    );
    let body =
        "\n\nSee [the leak](https://www.tabloid.example/x) and [fine](https://example.com/).\n";
    let gamble = site.root().join("content/annotations/gamble.md");
    let text = std::fs::read_to_string(&gamble).unwrap() + body;
    std::fs::write(&gamble, &text).unwrap();
    let link_line = text.lines().count();
    let d = diagnostics(&site);
    let warned: Vec<&String> = d.iter().filter(|l| l.contains("[sources] avoid")).collect();
    let at: Vec<String> = warned
        .iter()
        .map(|l| l.split(": ").nth(1).unwrap().to_string())
        .collect();
    assert_eq!(
        at,
        [
            "content/actors/jane-roe.md:8".to_string(),
            "content/annotations/gamble.md:7".to_string(),
            format!("content/annotations/gamble.md:{link_line}"),
            "content/articles/budget-vote.md:7".to_string(),
            "content/positions/carbon-tax.md:18".to_string(),
            "content/positions/carbon-tax.md:30".to_string(),
            "content/positions/school-spending.md:14".to_string(),
        ],
        "{d:#?}"
    );
    assert!(
        warned.iter().all(|l| l.starts_with("warning: ")),
        "{warned:#?}"
    );
    assert!(
        warned[0].contains("\"https://example.org/roe\" is on example.org"),
        "{warned:#?}"
    );
    assert!(
        warned[2].contains("\"https://www.tabloid.example/x\" is on tabloid.example"),
        "{warned:#?}"
    );
    assert!(warned[0].ends_with("(cite another source, or take the domain off the list)"));
    // Warnings do not stop a build.
    site.build();
}

#[test]
fn a_malformed_avoided_domain_is_an_error_at_its_line() {
    let site = small_with(&[(
        "content/site.toml",
        "title = \"Small\"\n\n[sources]\navoid = [\"ok.org\",\n  \"https://bad.org/\"]\n",
    )]);
    let e = site.errors();
    assert_eq!(e.len(), 1, "{e:#?}");
    assert!(
        e[0].starts_with(
            "error: content/site.toml:5: avoid \"https://bad.org/\" is not a domain name"
        ),
        "{e:#?}"
    );
}

#[test]
fn lines_and_columns_hold_with_a_bom_crlf_and_multi_line_strings() {
    let site = small_with(&[(
        "content/actors/bob-jones.md",
        "\u{feff}+++\r\nname = \"Bob Jones\"\r\nkind = \"person\"\r\nrole = \"\"\"\r\nA\r\nB\"\"\"\r\n  colour = 1\r\nwikidata = \"x\"\r\n+++\r\n",
    )]);
    let report = explainer::check(&site.options()).unwrap();
    let at: Vec<(Option<usize>, Option<usize>)> = report
        .diagnostics
        .iter()
        .map(|d| (d.line, d.column))
        .collect();
    assert_eq!(
        at,
        [(Some(7), Some(3)), (Some(8), Some(12))],
        "{:#?}",
        report.diagnostics
    );
}

#[test]
fn avoided_domains_match_with_a_final_dot_a_wildcard_and_protocol_relative_links() {
    // Probe-3 N3.
    let site = small_with(&[
        (
            "content/site.toml",
            "title = \"Small\"\n\n[sources]\navoid = [\"tabloid.example.\", \"*.scraper.example\"]\n",
        ),
        (
            "content/actors/alice-smith.md",
            "+++\nname = \"Alice Smith\"\nkind = \"person\"\nlinks = [{ title = \"T\", url = \"https://news.scraper.example/a\" }]\n+++\n\nAlice is a minister, says [a tabloid](//www.tabloid.example/x).\n",
        ),
    ]);
    let d = diagnostics(&site);
    let warned: Vec<&String> = d.iter().filter(|l| l.contains("[sources] avoid")).collect();
    assert_eq!(warned.len(), 2, "{d:#?}");
    assert!(
        warned[0].starts_with("warning: content/actors/alice-smith.md:4:"),
        "{d:#?}"
    );
    assert!(
        warned[1].starts_with("warning: content/actors/alice-smith.md:7:"),
        "{d:#?}"
    );
}

#[test]
fn a_duplicate_key_is_named_at_its_second_line() {
    let site = small_with(&[
        (
            "content/site.toml",
            "title = \"T\"\n[pagination]\npage_size = 2\npage_size = 3\n",
        ),
        (
            "content/actors/bob-jones.md",
            "+++\nname = \"Bob Jones\"\nkind = \"person\"\n\"name\" = \"Robert Jones\"\n+++\n",
        ),
    ]);
    assert_eq!(
        site.errors(),
        [
            "error: content/actors/bob-jones.md:4: duplicate key \"name\": a key may be given once in a table",
            "error: content/site.toml:4: duplicate key \"page_size\": a key may be given once in a table",
        ]
    );
}

#[test]
fn a_blank_text_is_an_error_where_required_and_left_out_with_a_warning_where_not() {
    // `summary = "  "` passed, and `dek = ""`, `byline = " "` and `role = ""` were
    // printed as nothing: empty descriptions and a date followed by "·  ".
    let site = small_with(&[
        (
            "content/articles/story.md",
            "+++\ntitle = \"Story\"\ndate = 2025-01-02\ndek = \"\"\nbyline = \" \"\n+++\n\nAlice Smith met Bob Jones.\n\nBob Jones left early.\n",
        ),
        (
            "content/actors/alice-smith.md",
            "+++\nname = \"Alice Smith\"\nkind = \"person\"\nrole = \"\"\n+++\n\nAlice is a minister.\n",
        ),
        (
            "content/positions/talks.md",
            "+++\ntitle = \"Hold talks\"\nsummary = \"  \"\n\n[[stances]]\nactor = \"alice-smith\"\nstance = \"supports\"\nquote = \"Alice Smith met Bob Jones.\"\n+++\n\nWhy talks matter.\n",
        ),
    ]);
    let mut found = diagnostics(&site);
    found.sort();
    assert_eq!(
        found,
        [
            "error: content/positions/talks.md:3: summary is empty (write the summary: summary = \"…\")",
            "warning: content/actors/alice-smith.md:4: role is empty, so it is left out (write the role, or remove the line)",
            "warning: content/articles/story.md:4: dek is empty, so it is left out (write the dek, or remove the line)",
            "warning: content/articles/story.md:5: byline is empty, so it is left out (write the byline, or remove the line)",
        ]
    );
    // Left out, the optional texts leave no trace on the pages.
    site.write(
        "content/actors/alice-smith.md",
        "+++\nname = \"Alice Smith\"\nkind = \"person\"\nrole = \"\"\n+++\n\nAlice is a minister.\n",
    );
    site.write(
        "content/positions/talks.md",
        "+++\ntitle = \"Hold talks\"\nsummary = \"Talk first.\"\n\n[[stances]]\nactor = \"alice-smith\"\nstance = \"supports\"\nquote = \"Alice Smith met Bob Jones.\"\n+++\n\nWhy talks matter.\n",
    );
    site.build();
    let story = site.page("articles/story/index.html");
    let meta = text(story.select(&sel(".meta")).next().unwrap());
    assert!(!meta.trim_end().ends_with('·'), "{meta:?}");
    for page in ["articles/story/index.html", "actors/alice-smith/index.html"] {
        let doc = site.page(page);
        let description = doc
            .select(&sel("meta[name=description]"))
            .next()
            .and_then(|m| m.value().attr("content").map(str::to_string))
            .unwrap_or_default();
        assert!(
            !description.trim().is_empty() && !description.contains(": ."),
            "{page}: {description:?}"
        );
    }
}
