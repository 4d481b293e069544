//! One test per kind of content error, each asserting the exact `error: PATH:LINE:` line.

mod common;

use common::*;

/// The errors of the small site with some files replaced (or added).
fn errors_with(changes: &[(&str, &str)]) -> Vec<String> {
    let site = TempSite::new(&small_site());
    for (path, text) in changes {
        site.write(path, text);
    }
    site.errors()
}

/// Each diagnostic's severity and place (`error: PATH:LINE`), without its message.
fn places(said: &[String]) -> Vec<String> {
    said.iter()
        .map(|l| l.split(": ").take(2).collect::<Vec<_>>().join(": "))
        .collect()
}

fn errors_without(path: &str) -> Vec<String> {
    let site = TempSite::new(&small_site());
    std::fs::remove_file(site.root().join(path)).unwrap();
    site.errors()
}

const POSITION: &str = "content/positions/talks.md";
const ACTOR: &str = "content/actors/alice-smith.md";
const NOTE: &str = "content/annotations/left.md";

#[test]
fn the_small_site_is_clean() {
    assert_eq!(errors_with(&[]), Vec::<String>::new());
}

#[test]
fn malformed_toml() {
    let e = errors_with(&[(
        ACTOR,
        "+++\nname = \"Alice Smith\"\nkind = person\n+++\n\nBody.\n",
    )]);
    assert_eq!(e.len(), 1, "{e:?}");
    assert!(
        e[0].starts_with("error: content/actors/alice-smith.md:3: "),
        "{e:?}"
    );
}

#[test]
fn unknown_key() {
    let e = errors_with(&[(
        ACTOR,
        "+++\ncolour = \"blue\"\nname = \"Alice Smith\"\nkind = \"person\"\n+++\n\nBody.\n",
    )]);
    assert_eq!(
        e,
        [
            "error: content/actors/alice-smith.md:2: unknown key \"colour\" (the keys of an actor are name, kind, aliases, match, role, affiliation, wikidata, links, image, updates)"
        ]
    );
}

#[test]
fn missing_required_key() {
    let e = errors_with(&[(ACTOR, "+++\nname = \"Alice Smith\"\n+++\n\nBody.\n")]);
    assert_eq!(
        e,
        [
            "error: content/actors/alice-smith.md:2: missing key \"kind\" (add kind = \"person\", \"state\" or \"organization\")"
        ]
    );
}

#[test]
fn no_front_matter_and_unclosed_front_matter() {
    let e = errors_with(&[(ACTOR, "name = \"Alice Smith\"\n")]);
    assert_eq!(e.len(), 1, "{e:?}");
    assert!(
        e[0].starts_with("error: content/actors/alice-smith.md:1: no front matter"),
        "{e:?}"
    );
    let e = errors_with(&[(ACTOR, "+++\nname = \"Alice Smith\"\n")]);
    assert!(e[0].starts_with("error: content/actors/alice-smith.md:1: the front matter opened by `+++` on line 1 is never closed"), "{e:?}");
}

#[test]
fn bad_file_name() {
    let e = errors_with(&[(
        "content/actors/Bad Name.md",
        "+++\nname = \"X\"\nkind = \"state\"\n+++\n",
    )]);
    assert_eq!(
        e,
        [
            "error: content/actors/Bad Name.md:1: bad file name \"Bad Name.md\": a name is lower-case letters and digits in words joined by single hyphens (rename it to \"bad-name.md\")"
        ]
    );
    // Probe: the hint split or dropped accented letters ("cafe-mu-ller.md").
    let e = errors_with(&[(
        "content/actors/cafe\u{301}-mu\u{308}ller.md",
        "+++\nname = \"X\"\nkind = \"state\"\n+++\n",
    )]);
    assert_eq!(e.len(), 1, "{e:?}");
    assert!(e[0].ends_with("(rename it to \"cafe-muller.md\")"), "{e:?}");
}

#[test]
fn duplicate_slug_names_both_files() {
    let e = errors_with(&[(
        "content/positions/alice-smith.md",
        "+++\ntitle = \"T\"\nsummary = \"S\"\n+++\n",
    )]);
    assert_eq!(
        e,
        [
            "error: content/actors/alice-smith.md:1: slug \"alice-smith\" is also used by content/positions/alice-smith.md",
            "error: content/positions/alice-smith.md:1: slug \"alice-smith\" is already used by content/actors/alice-smith.md: slugs must be unique across articles, actors and positions",
        ]
    );
}

#[test]
fn unknown_actor_in_a_stance_with_a_hint() {
    let text = std::fs::read_to_string(TempSite::new(&small_site()).root().join(POSITION))
        .unwrap_or_default();
    let _ = text;
    let e = errors_with(&[(
        POSITION,
        "+++\ntitle = \"Hold talks\"\nsummary = \"Talk first.\"\n\n[[stances]]\nactor = \"alice-smit\"\nstance = \"supports\"\nquote = \"Alice Smith met Bob Jones.\"\n+++\n",
    )]);
    assert_eq!(
        e,
        [
            "error: content/positions/talks.md:6: unknown actor \"alice-smit\" (did you mean \"alice-smith\"?)"
        ]
    );
}

#[test]
fn bad_stance_value() {
    let e = errors_with(&[(
        POSITION,
        "+++\ntitle = \"Hold talks\"\nsummary = \"Talk first.\"\n\n[[stances]]\nactor = \"alice-smith\"\nstance = \"maybe\"\nquote = \"Alice Smith met Bob Jones.\"\n+++\n",
    )]);
    assert_eq!(e.len(), 1, "{e:?}");
    assert!(
        e[0].starts_with("error: content/positions/talks.md:7: stance \"maybe\" is not one of"),
        "{e:?}"
    );
}

#[test]
fn stance_without_evidence_names_its_table() {
    let e = errors_with(&[(
        POSITION,
        "+++\ntitle = \"Hold talks\"\nsummary = \"Talk first.\"\n\n[[stances]]\nactor = \"alice-smith\"\nstance = \"supports\"\n+++\n",
    )]);
    assert_eq!(
        e,
        [
            "error: content/positions/talks.md:5: the stance of \"alice-smith\" has no evidence: give a `quote` from an article, a `source_url`, or both"
        ]
    );
}

#[test]
fn two_stances_of_one_actor() {
    let e = errors_with(&[(
        POSITION,
        "+++\ntitle = \"Hold talks\"\nsummary = \"Talk first.\"\n\n[[stances]]\nactor = \"alice-smith\"\nstance = \"supports\"\nsource_url = \"https://e.org/a\"\n\n[[stances]]\nactor = \"alice-smith\"\nstance = \"opposes\"\nsource_url = \"https://e.org/b\"\n+++\n",
    )]);
    assert_eq!(
        e,
        [
            "error: content/positions/talks.md:11: a second stance of \"alice-smith\" (the first is on line 6): an actor has one stance per position"
        ]
    );
}

#[test]
fn unknown_references_of_every_kind() {
    let e = errors_with(&[
        (
            ACTOR,
            "+++\nname = \"Alice Smith\"\nkind = \"person\"\naffiliation = \"nowhere\"\n+++\n\nSee [[nobody]].\n",
        ),
        (
            POSITION,
            "+++\ntitle = \"Hold talks\"\nsummary = \"Talk first.\"\nrelated = [\"tlks\"]\n+++\n",
        ),
        (
            NOTE,
            "+++\nquote = \"left early\"\nkind = \"context\"\nactors = [\"bob\"]\npositions = [\"talk\"]\n+++\n\nHe had another meeting.\n",
        ),
    ]);
    assert_eq!(
        e,
        [
            "error: content/actors/alice-smith.md:4: unknown affiliation actor \"nowhere\"",
            "error: content/actors/alice-smith.md:7: [[nobody]] links to no article, actor or position",
            "error: content/annotations/left.md:4: unknown actor \"bob\" (did you mean \"bob-jones\"?)",
            "error: content/annotations/left.md:5: unknown position \"talk\" (did you mean \"talks\"?)",
            "error: content/positions/talks.md:4: unknown related position \"tlks\" (did you mean \"talks\"?)",
        ]
    );
}

#[test]
fn quote_not_found() {
    let e = errors_with(&[(
        NOTE,
        "+++\nquote = \"left late\"\nkind = \"context\"\n+++\n\nNote.\n",
    )]);
    assert_eq!(
        e,
        [
            "error: content/annotations/left.md:2: quote not found in article \"story\": \"left late\" (no passage of the article is 70% similar or more)"
        ]
    );
    let e = errors_with(&[(
        NOTE,
        "+++\nquote = \"LEFT early\"\nkind = \"context\"\n+++\n\nNote.\n",
    )]);
    assert!(e[0].contains("other capitals"), "{e:?}");
}

#[test]
fn quote_found_several_times_says_how_many() {
    let e = errors_with(&[(
        NOTE,
        "+++\nquote = \"Bob Jones\"\nkind = \"context\"\n+++\n\nNote.\n",
    )]);
    assert_eq!(
        e,
        [
            "error: content/annotations/left.md:2: quote found 2 times in article \"story\": \"Bob Jones\" (p1: \"Alice Smith met [Bob Jones].\"; p2: \"[Bob Jones] left early.\"; add a prefix or suffix (the text just before or after it) to pick one)"
        ]
    );
    assert_eq!(
        errors_with(&[(
            NOTE,
            "+++\nquote = \"Bob Jones\"\nsuffix = \" left\"\nkind = \"context\"\n+++\n\nNote.\n"
        )]),
        Vec::<String>::new()
    );
}

#[test]
fn a_quote_must_lie_in_one_paragraph() {
    let e = errors_with(&[(
        NOTE,
        "+++\nquote = \"Jones. Bob\"\nkind = \"context\"\n+++\n\nNote.\n",
    )]);
    assert_eq!(
        e,
        [
            "error: content/annotations/left.md:2: quote not found in article \"story\": \"Jones. Bob\" (it crosses a block boundary, from p1 into p2: a quote must lie inside one paragraph, heading, list item or table cell)"
        ]
    );
}

#[test]
fn article_key_needed_once_there_are_two_articles() {
    let e = errors_with(&[(
        "content/articles/second.md",
        "+++\ntitle = \"Second\"\ndate = 2025-02-03\n+++\n\nText.\n",
    )]);
    assert_eq!(
        e,
        [
            "error: content/annotations/left.md:2: the site has 2 articles: say which one with `article = \"…\"`",
            "error: content/positions/talks.md:8: the site has 2 articles: say which one with `article = \"…\"`",
        ]
    );
}

#[test]
fn verdict_rules() {
    let e = errors_with(&[(
        NOTE,
        "+++\nquote = \"left early\"\nkind = \"fact-check\"\n+++\n\nNote.\n",
    )]);
    assert_eq!(
        e,
        [
            "error: content/annotations/left.md:1: a fact-check needs a `verdict`, e.g. verdict = \"Inaccurate\""
        ]
    );
    let e = errors_with(&[(
        NOTE,
        "+++\nquote = \"left early\"\nkind = \"context\"\nverdict = \"True\"\n+++\n\nNote.\n",
    )]);
    assert_eq!(
        e,
        [
            "error: content/annotations/left.md:4: `verdict` is only for fact-check annotations, not context"
        ]
    );
}

#[test]
fn empty_note() {
    let e = errors_with(&[(
        NOTE,
        "+++\nquote = \"left early\"\nkind = \"context\"\n+++\n\n",
    )]);
    assert_eq!(
        e,
        [
            "error: content/annotations/left.md:1: the note is empty: write it below the front matter"
        ]
    );
}

#[test]
fn non_utf8_file() {
    let site = TempSite::new(&small_site());
    std::fs::write(
        site.root().join("content/articles/story.md"),
        b"+++\ntitle = \"Story\"\n\xff\n",
    )
    .unwrap();
    let e = site.errors();
    assert!(
        e[0].starts_with("error: content/articles/story.md:3: not UTF-8"),
        "{e:?}"
    );
}

#[test]
fn missing_site_toml() {
    let e = errors_without("content/site.toml");
    assert_eq!(
        e,
        [
            "error: content/site.toml: missing: every site needs content/site.toml with at least `title = \"…\"`"
        ]
    );
}

#[test]
fn bad_values_wikidata_urls_dates_and_names() {
    let e = errors_with(&[
        (
            ACTOR,
            "+++\nname = \"Alice Smith\"\nkind = \"person\"\nwikidata = \"42\"\nlinks = [{ title = \"x\", url = \"javascript:alert(1)\" }]\n+++\n",
        ),
        (
            "content/actors/other.md",
            "+++\nname = \"Other\"\nkind = \"person\"\naliases = [\"Bob\"]\n+++\n",
        ),
        (
            "content/articles/story.md",
            "+++\ntitle = \"Story\"\ndate = \"yesterday\"\n+++\n\nAlice Smith met Bob Jones.\n",
        ),
    ]);
    assert!(e.contains(&"error: content/actors/alice-smith.md:4: wikidata \"42\" is not a Wikidata id like \"Q42\"".to_string()), "{e:?}");
    assert!(e.contains(&"error: content/actors/alice-smith.md:5: links url \"javascript:alert(1)\" is not an http(s) or mailto URL".to_string()), "{e:?}");
    assert!(e.contains(&"error: content/actors/other.md:4: \"Bob\" is also a name of content/actors/bob-jones.md: a mention must name one actor".to_string()), "{e:?}");
    assert!(
        e.iter()
            .any(|l| l.starts_with("error: content/articles/story.md:3: ")),
        "{e:?}"
    );
}

#[test]
fn static_file_may_not_replace_a_page() {
    let e = errors_with(&[("static/actors/index.html", "<p>mine</p>")]);
    assert_eq!(
        e,
        [
            "error: static/actors/index.html:1: would replace the generated actors/index.html: rename or remove it"
        ]
    );
    assert_eq!(
        errors_with(&[("static/style.css", "p{}")]),
        Vec::<String>::new(),
        "the stylesheet may be replaced"
    );
}

#[test]
fn template_errors_name_the_template_and_line() {
    let e = errors_with(&[("templates/actor.html", "<p>\n{{ actor.name }\n</p>")]);
    assert_eq!(e.len(), 1, "{e:?}");
    assert!(
        e[0].starts_with("error: templates/actor.html:2: template error: "),
        "{e:?}"
    );
    let e = errors_with(&[("templates/actor.html", "<p>{{ actor.no_such_field.x }}</p>")]);
    assert!(
        e[0].starts_with("error: templates/actor.html:1: template error: "),
        "{e:?}"
    );
}

#[test]
fn every_template_error_is_at_its_template_and_line() {
    // Probe D5 and D4: an unknown filter, include or block was reported at
    // `templates/:1`, two problems as one, and a second broken template not at all.
    let heads = |e: Vec<String>| -> Vec<String> {
        e.iter()
            .map(|l| l.split(": template error: ").next().unwrap().to_string())
            .collect()
    };
    let e = errors_with(&[(
        "templates/article.html",
        "<p>ok</p>\n\n{{ page.title | nofilter }}\n{{ page.title | other }}\n",
    )]);
    assert_eq!(
        heads(e.clone()),
        [
            "error: templates/article.html:3",
            "error: templates/article.html:4"
        ],
        "{e:?}"
    );
    assert!(e[0].ends_with("Unknown filter `nofilter`"), "{e:?}");
    let e = errors_with(&[(
        "templates/article.html",
        "x\n{% include \"nofile.html\" %}\n",
    )]);
    assert_eq!(
        heads(e.clone()),
        ["error: templates/article.html:2"],
        "{e:?}"
    );
    let e = errors_with(&[(
        "templates/article.html",
        "{% extends \"base.html\" %}\n{% block nosuch %}x{% endblock %}\n",
    )]);
    assert_eq!(
        heads(e.clone()),
        ["error: templates/article.html:2"],
        "{e:?}"
    );
    let e = errors_with(&[
        ("templates/actor.html", "{% if %}\n"),
        ("templates/position.html", "<p>\n{{ }}\n"),
        ("templates/article.html", "\n{{ page.title | nofilter }}\n"),
    ]);
    assert_eq!(
        heads(e.clone()),
        [
            "error: templates/actor.html:1",
            "error: templates/article.html:2",
            "error: templates/position.html:2"
        ],
        "{e:?}"
    );
}

#[test]
fn a_broken_link_of_an_override_is_reported() {
    let e = errors_with(&[(
        "templates/position.html",
        "<p>{{ position.title }} <a href=\"../../nowhere/\">x</a></p>",
    )]);
    assert!(e.iter().any(|l| l.starts_with("error: templates/position.html:1: positions/talks/index.html links to \"../../nowhere/\"")), "{e:?}");
    assert!(
        e.iter()
            .any(|l| l.contains("has no id=\"stance-alice-smith\"")),
        "the home matrix links into it: {e:?}"
    );
}

#[test]
fn every_error_is_reported_not_just_the_first() {
    let e = errors_with(&[
        (ACTOR, "+++\nname = \"Alice Smith\"\nkind = person\n+++\n"),
        (
            NOTE,
            "+++\nquote = \"nowhere\"\nkind = \"context\"\n+++\n\nNote.\n",
        ),
        (
            POSITION,
            "+++\ntitle = \"Hold talks\"\nsummary = \"S\"\n\n[[stances]]\nactor = \"bob\"\nstance = \"supports\"\nsource_url = \"https://e.org\"\n+++\n",
        ),
    ]);
    let files: Vec<&str> = e
        .iter()
        .map(|l| l.split(':').nth(1).unwrap().trim())
        .collect();
    assert_eq!(
        files,
        [
            "content/actors/alice-smith.md",
            "content/annotations/left.md",
            "content/positions/talks.md"
        ],
        "{e:?}"
    );
}

#[test]
fn a_front_matter_error_does_not_hide_the_errors_of_the_body() {
    let got = errors_with(&[
        (
            ARTICLE,
            "+++\ntitle = \"Story\"\ndate = 2025-01-02\ncolour = \"red\"\n+++\n\nAlice Smith met [[bob-jone]].\n\nSee [the profile](../../actors/nobody/).\n",
        ),
        (
            ACTOR,
            "+++\nname = \"Alice Smith\"\nkind = \"persn\"\n+++\n\nShe met [[bob-jone]].\n",
        ),
    ]);
    for want in [
        "error: content/actors/alice-smith.md:3: kind \"persn\" is not one of",
        "error: content/actors/alice-smith.md:6: [[bob-jone]] links to no article, actor or position (did you mean \"bob-jones\"?)",
        "error: content/articles/story.md:4: unknown key \"colour\"",
        "error: content/articles/story.md:7: [[bob-jone]] links to no article, actor or position (did you mean \"bob-jones\"?)",
        "error: content/articles/story.md:9: links to \"../../actors/nobody/\", which is not in the site",
    ] {
        assert!(
            got.iter().any(|g| g.starts_with(want)),
            "missing {want:?} in\n{}",
            got.join("\n")
        );
    }
}

#[test]
fn control_characters_are_dropped_from_the_page_with_a_warning_at_their_line() {
    let site = TempSite::new(&small_site());
    site.write(
        ARTICLE,
        "+++\ntitle = \"Story\"\ndate = 2025-01-02\n+++\n\nAlice Smith met Bob Jones.\u{1b}\n\nBob Jones left\u{7} early\u{85}.\n",
    );
    let report = site.build();
    let said: Vec<String> = report.diagnostics.iter().map(|d| d.to_string()).collect();
    assert_eq!(
        said,
        [
            "warning: content/articles/story.md:6: 1 control character dropped: U+001B (invisible, and not allowed in a web page) (delete it from the file)",
            "warning: content/articles/story.md:8: 2 control characters dropped: U+0007, U+0085 (invisible, and not allowed in a web page) (delete them from the file)",
        ]
    );
    let html = std::fs::read_to_string(site.out().join("articles/story/index.html")).unwrap();
    assert!(
        !html
            .chars()
            .any(|c| c.is_control() && !matches!(c, '\n' | '\t' | '\r'))
    );
    assert!(
        html.contains("early</mark>"),
        "the visible rest is kept: {html}"
    );
}

#[test]
fn an_svg_logo_is_refused_with_advice_that_can_be_followed() {
    // It was told to give width and height, which `logo` does not take.
    let site = TempSite::new(&small_site());
    site.write(
        "static/img/logo.svg",
        "<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
    );
    site.write(
        "content/site.toml",
        "title = \"Talks\"\n\n[publisher]\nname = \"Desk\"\nlogo = \"img/logo.svg\"\n",
    );
    assert_eq!(
        site.errors(),
        [
            "error: content/site.toml:5: publisher logo \"img/logo.svg\" is an SVG (save the logo as a PNG, JPEG, GIF or WebP under static/)"
        ]
    );
}

#[test]
fn an_unknown_key_in_a_nested_table_hides_none_of_its_other_checks() {
    // A typo in `[publisher]` used to leave the whole table unread, so its missing logo
    // was reported only in the next run; the same for a stance's typo and its actor.
    let e = errors_with(&[
        (
            "content/site.toml",
            "title = \"Talks\"\n\n[publisher]\nname = \"Desk\"\nlogoo = \"x\"\nlogo = \"img/missing.png\"\n",
        ),
        (
            POSITION,
            "+++\ntitle = \"Hold talks\"\nsummary = \"Talk first.\"\n\n[[stances]]\nactor = \"alice-smit\"\nstance = \"supports\"\nquoet = \"x\"\nquote = \"Alice Smith met Bob Jones.\"\n+++\n",
        ),
    ]);
    let lines: Vec<&str> = e.iter().map(|l| l.split(" (").next().unwrap()).collect();
    assert_eq!(
        lines,
        [
            "error: content/positions/talks.md:6: unknown actor \"alice-smit\"",
            "error: content/positions/talks.md:8: unknown key \"quoet\" in a stance",
            "error: content/site.toml:5: unknown key \"logoo\" in [publisher]",
            "error: content/site.toml:6: image src \"img/missing.png\": there is no file static/img/missing.png",
        ],
        "{e:#?}"
    );
}

#[test]
fn an_error_of_the_model_hides_no_link_to_a_missing_id() {
    // The pages were made only for a site without errors, so a link to an id that no
    // page has was reported only after the unknown actor was fixed.
    let e = errors_with(&[
        (
            "content/articles/story.md",
            "+++\ntitle = \"Story\"\ndate = 2025-01-02\n+++\n\nAlice Smith met Bob Jones.\n\nBob Jones left [early](#nowhere).\n",
        ),
        (
            "content/events/meeting.md",
            "+++\ntitle = \"Meeting\"\ndate = 2025-01-02\n+++\n\n[[alice-smit]] met [the timeline's end](../timeline/#gone).\n",
        ),
        (
            POSITION,
            "+++\ntitle = \"Hold talks\"\nsummary = \"Talk first.\"\n\n[[stances]]\nactor = \"alice-smit\"\nstance = \"supports\"\nquote = \"Alice Smith met Bob Jones.\"\n+++\n",
        ),
    ]);
    let lines: Vec<&str> = e
        .iter()
        .map(|l| l.split(", which").next().unwrap())
        .collect();
    assert_eq!(
        lines,
        [
            "error: content/articles/story.md:8: links to \"#nowhere\"",
            "error: content/events/meeting.md:6: [[alice-smit]] links to no article, actor or position (did you mean \"alice-smith\"?)",
            "error: content/events/meeting.md:6: links to \"../timeline/#gone\"",
            "error: content/positions/talks.md:6: unknown actor \"alice-smit\" (did you mean \"alice-smith\"?)",
        ],
        "{e:#?}"
    );
}

#[test]
fn an_actor_file_with_a_bad_name_is_its_only_error() {
    // Its names were still looked for: the article named an actor the site did not
    // have, the pages made to check links to ids panicked on it, and a second file of
    // the same name got a false "is also a name of" error.
    let e = errors_with(&[
        (
            "content/actors/Zed.md",
            "+++\nname = \"Bob Jones\"\nkind = \"person\"\n+++\n",
        ),
        (
            "content/actors/café.md",
            "+++\nname = \"Alice\"\nkind = \"person\"\n+++\n",
        ),
    ]);
    let files: Vec<&str> = e.iter().map(|l| l.split(": ").nth(1).unwrap()).collect();
    assert_eq!(
        files,
        ["content/actors/Zed.md:1", "content/actors/café.md:1"],
        "{e:#?}"
    );
}

#[test]
fn a_quote_not_found_is_the_only_error_of_its_note() {
    // The note's own page (it has two blocks) links back to its mark, which a quote not
    // found does not make: that link was reported too, at a built-in template.
    let e = errors_with(&[(
        NOTE,
        "+++\nquote = \"left erly\"\nkind = \"context\"\n+++\n\nHe had another meeting.\n\nAnd a second paragraph.\n",
    )]);
    assert_eq!(e.len(), 1, "{e:#?}");
    assert!(
        e[0].starts_with("error: content/annotations/left.md:2: "),
        "{e:#?}"
    );
}

#[test]
fn a_list_that_names_a_thing_twice_is_a_warning_at_the_second() {
    // Probe: "Also called: Lopes, Lopes, Ana Lopes" and "Who: Tom Reyes, Tom Reyes"
    // were published without a word.
    let site = TempSite::new(&small_site());
    site.write(
        ACTOR,
        "+++\nname = \"Alice Smith\"\nkind = \"person\"\naliases = [\"Alice\", \"Alice\", \"Alice Smith\"]\n+++\n\nBody.\n",
    );
    site.write(
        "content/events/meeting.md",
        "+++\ntitle = \"Meeting\"\ndate = 2025-01-02\nactors = [\"alice-smith\", \"bob-jones\", \"alice-smith\"]\n+++\n\nThey met.\n",
    );
    let mut got = site.diagnostics();
    got.sort();
    assert_eq!(
        got,
        [
            "warning: content/actors/alice-smith.md:4: alias \"Alice Smith\" is the actor's name already: remove it",
            "warning: content/actors/alice-smith.md:4: aliases lists \"Alice\" twice (remove the second)",
            "warning: content/events/meeting.md:4: actors lists \"alice-smith\" twice (remove the second)",
        ]
    );
    // Probe: warned about, the repeats were still shown.
    site.build();
    let actor = site.page("actors/alice-smith/index.html");
    let shown: Vec<String> = actor.select(&sel("dd")).map(text).collect();
    assert!(shown.contains(&"Alice".to_string()), "{shown:?}");
    assert!(!shown.iter().any(|d| d.contains("Alice,")), "{shown:?}");
    let timeline = site.page("timeline/index.html");
    let who: Vec<String> = timeline.select(&sel(".who a")).map(text).collect();
    assert_eq!(who, ["Alice Smith", "Bob Jones"]);
}

#[test]
fn a_value_of_the_wrong_type_hides_none_of_the_other_checks() {
    // Probe: `cards = "yes"` left site.toml unread, so the missing logo showed only
    // once it was fixed; the same for an actor's `role = 5` and its unknown affiliation.
    let e = errors_with(&[
        (
            "content/site.toml",
            "title = \"Talks\"\ncards = \"yes\"\n\n[publisher]\nname = \"Desk\"\nlogo = \"img/missing.png\"\n",
        ),
        (
            ACTOR,
            "+++\nname = \"Alice Smith\"\nkind = \"person\"\nrole = 5\naffiliation = \"nobody\"\n+++\n\nBody.\n",
        ),
    ]);
    assert_eq!(
        places(&e),
        [
            "error: content/actors/alice-smith.md:4",
            "error: content/actors/alice-smith.md:5",
            "error: content/site.toml:2",
            "error: content/site.toml:6",
        ],
        "{e:#?}"
    );
}

#[test]
fn a_bad_entry_of_a_list_hides_none_of_the_other_checks() {
    // Probe: one update with a number for its text, a link without its title, a stance
    // with an unknown word, or a picture written as a string left the file unread, so a
    // note's quote against the article, an unknown actor or related position showed only
    // once it was fixed. The entry (or the optional key) is now left out of the reading.
    let e = errors_with(&[
        (
            "content/articles/story.md",
            "+++\ntitle = \"Story\"\ndate = 2025-01-02\nimage = \"img/x.png\"\nupdates = [{ date = 2025-01-03, text = 7 }]\n+++\n\nAlice Smith met Bob Jones.\n\nBob Jones left early.\n",
        ),
        (
            NOTE,
            "+++\nquote = \"left late\"\nkind = \"context\"\nactors = [\"nobody\"]\nsources = [{ url = \"https://example.org/a\" }]\n+++\n\nHe had another meeting.\n",
        ),
        (
            POSITION,
            "+++\ntitle = \"Hold talks\"\nsummary = \"Talk first.\"\nrelated = [\"tlaks\"]\n\n[[stances]]\nactor = \"alice-smith\"\nstance = \"supportz\"\nquote = \"Alice Smith met Bob Jones.\"\n\n[[stances]]\nactor = \"bob-jonse\"\nstance = \"opposes\"\nsource_url = \"https://example.org/b\"\n+++\n\nWhy talks matter.\n",
        ),
        (
            ACTOR,
            "+++\nname = \"Alice Smith\"\nkind = \"person\"\naliases = [\"\", \"Bob Jones\"]\nlinks = [{ url = \"https://example.org/c\" }]\n+++\n\nBody.\n",
        ),
    ]);
    assert_eq!(
        places(&e),
        [
            "error: content/actors/alice-smith.md:4",
            "error: content/actors/alice-smith.md:5",
            "error: content/actors/bob-jones.md:2",
            "error: content/annotations/left.md:2",
            "error: content/annotations/left.md:4",
            "error: content/annotations/left.md:5",
            "error: content/articles/story.md:4",
            "error: content/articles/story.md:5",
            "error: content/positions/talks.md:4",
            "error: content/positions/talks.md:8",
            "error: content/positions/talks.md:12",
        ],
        "{e:#?}"
    );
}

#[test]
fn a_text_that_shows_nothing_is_empty() {
    // Probe: a name of one zero-width space passed, and made an invisible link.
    let e = errors_with(&[
        (
            ACTOR,
            "+++\nname = \"\u{200b}\"\nkind = \"person\"\naliases = [\"\u{2060}\u{ad}\"]\n+++\n\nBody.\n",
        ),
        (
            "content/articles/story.md",
            "+++\ntitle = \"\u{feff} \u{200d}\"\ndate = 2025-01-02\n+++\n\nAlice Smith met Bob Jones.\n\nBob Jones left early.\n",
        ),
        (
            NOTE,
            "+++\nquote = \"\u{200b}\"\nkind = \"context\"\n+++\n\nHe had another meeting.\n",
        ),
    ]);
    assert_eq!(
        places(&e),
        [
            "error: content/actors/alice-smith.md:2",
            "error: content/actors/alice-smith.md:4",
            "error: content/annotations/left.md:2",
            "error: content/articles/story.md:2",
        ],
        "{e:#?}"
    );
    assert!(e.iter().all(|l| l.contains("empty")), "{e:#?}");
}

#[test]
fn a_control_character_written_as_an_escape_is_an_error_at_its_value() {
    // Probe: `title = "A\u0001B"` passed check, then broke feed.xml and the share card's
    // SVG (blamed on the built-in card template).
    let e = errors_with(&[
        ("content/site.toml", "title = \"Small\\u001b[0m\"\n"),
        (
            ACTOR,
            "+++\nname = \"Alice Smith\"\nkind = \"person\"\naliases = [\"Al\", \"A\\u0085\"]\n+++\n\nBody.\n",
        ),
        (
            "content/articles/story.md",
            "+++\ntitle = \"Story\\u0001\"\ndate = 2025-01-02\n+++\n\nAlice Smith met Bob Jones.\n\nBob Jones left early.\n",
        ),
    ]);
    assert_eq!(
        e,
        [
            "error: content/actors/alice-smith.md:4: aliases holds the control character U+0085, which no page can show: remove it (it often comes with pasted text)",
            "error: content/articles/story.md:2: title holds the control character U+0001, which no page can show: remove it (it often comes with pasted text)",
            "error: content/site.toml:1: title holds the control character U+001B, which no page can show: remove it (it often comes with pasted text)",
        ]
    );
}

#[test]
fn a_wikilink_that_names_nothing_is_an_error_at_its_line() {
    let e = errors_with(&[(
        "content/articles/story.md",
        "+++\ntitle = \"Story\"\ndate = 2025-01-02\n+++\n\nAlice Smith met Bob Jones.\n\nBob Jones left early.\n\nSee [[ ]] and\n[[|him]].\n",
    )]);
    assert_eq!(
        places(&e),
        [
            "error: content/articles/story.md:10",
            "error: content/articles/story.md:11"
        ]
    );
    assert!(e.iter().all(|l| l.contains("names nothing")), "{e:?}");
}

#[test]
fn a_wikilink_inside_raw_html_is_said_to_be_no_link() {
    // `[[slug]]` in an HTML block passed `check` and showed as written, an unknown slug
    // included.
    let site = TempSite::new(&small_site());
    site.write(
        ACTOR,
        "+++\nname = \"Alice Smith\"\nkind = \"person\"\n+++\n\n<div>\n[[bob-jones]]\n</div>\n\n<p>text [[nope-z]]</p>\n\nAnd [[bob-jones]] here.\n",
    );
    let report = explainer::check(&site.options()).unwrap();
    let got: Vec<String> = report.diagnostics.iter().map(|d| d.to_string()).collect();
    assert_eq!(
        got,
        [
            "warning: content/actors/alice-smith.md:7: [[bob-jones]] inside raw HTML is no link: the page shows it as written (write it outside the HTML, in a paragraph of Markdown of its own)",
            "warning: content/actors/alice-smith.md:10: [[nope-z]] inside raw HTML is no link: the page shows it as written (write it outside the HTML, in a paragraph of Markdown of its own)",
        ]
    );
    let columns: Vec<Option<usize>> = report.diagnostics.iter().map(|d| d.column).collect();
    assert_eq!(columns, [Some(1), Some(9)]);
}

#[test]
fn the_problems_of_one_line_come_in_the_order_written() {
    // Probe: they came in the order of their messages, and without a column.
    let site = TempSite::new(&small_site());
    site.write(
        ACTOR,
        "+++\nname = \"Alice Smith\"\nkind = \"person\"\n+++\n\nShe met [[zzz]], [[aaa]] and é [[mmm]].\n",
    );
    let report = explainer::check(&site.options()).unwrap();
    let got: Vec<(Option<usize>, String)> = report
        .diagnostics
        .iter()
        .map(|d| (d.column, d.message.clone()))
        .collect();
    assert_eq!(
        got,
        [
            (
                Some(9),
                "[[zzz]] links to no article, actor or position".into()
            ),
            (
                Some(18),
                "[[aaa]] links to no article, actor or position".into()
            ),
            (
                Some(32),
                "[[mmm]] links to no article, actor or position".into()
            ),
        ]
    );
}

#[test]
fn a_note_whose_quote_is_not_found_still_has_its_links_to_ids_checked() {
    // Probe M3: the note is on no page until its quote is fixed, so its link to a
    // missing id showed only then.
    let e = errors_with(&[(
        NOTE,
        "+++\nquote = \"left late\"\nkind = \"context\"\n+++\n\nSee [the start](#p99) and [this](#p1).\n",
    )]);
    assert_eq!(
        places(&e),
        [
            "error: content/annotations/left.md:2",
            "error: content/annotations/left.md:6"
        ],
        "{e:#?}"
    );
    assert!(e[1].contains("has no id=\"p99\""), "{e:#?}");
}

#[test]
fn a_quoted_date_hides_none_of_the_other_checks() {
    // A required key of the wrong type left its file unread: `date = "2025-01-02"` in an
    // article hid every quote error against it. A quoted date is read as the date it
    // says (the error stays), so the rest is checked in the same run.
    let e = errors_with(&[
        (
            "content/articles/story.md",
            "+++\ntitle = \"Story\"\ndate = \"2025-01-02\"\n+++\n\nAlice Smith met Bob Jones.\n\nBob Jones left early.\n",
        ),
        (
            NOTE,
            "+++\nquote = \"left late\"\nkind = \"context\"\n+++\n\nHe had another meeting.\n",
        ),
    ]);
    assert_eq!(
        places(&e),
        [
            "error: content/annotations/left.md:2",
            "error: content/articles/story.md:3"
        ],
        "{e:#?}"
    );
}
