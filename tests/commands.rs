//! `new` and `import` write files that pass `check` as written: no slug clashes (probe
//! M13), the second article names what now needs `article` (M14), plain text stays plain
//! text (M15), counts read as English (L12), and the picture line is shown as a caption.

mod common;

use common::*;

fn files(site: &TempSite) -> Vec<String> {
    let mut names: Vec<String> = walkdir::WalkDir::new(site.root().join("content"))
        .into_iter()
        .map(|e| e.unwrap().path().display().to_string())
        .collect();
    names.sort();
    names
}

#[test]
fn new_refuses_a_slug_that_another_kind_uses() {
    let site = TempSite::new(&small_site());
    let before = files(&site);
    for (kind, taken, by) in [
        ("position", "alice-smith", "content/actors/alice-smith.md"),
        ("actor", "story", "content/articles/story.md"),
        ("article", "talks", "content/positions/talks.md"),
    ] {
        let o = explainer(&["new", kind, taken], site.root());
        assert_eq!(o.status.code(), Some(2), "{kind} {taken}: {}", stderr(&o));
        assert!(
            stderr(&o).contains(&format!("the slug \"{taken}\" is already used by {by}")),
            "{}",
            stderr(&o)
        );
    }
    assert_eq!(files(&site), before, "nothing written");
    // Annotations have slugs of their own.
    let o = explainer(&["new", "annotation", "story"], site.root());
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
}

#[test]
fn new_refuses_an_actor_whose_name_another_actor_has() {
    // Second probe, D3: `new actor bob` wrote "Bob", an alias of Bob Jones, and the
    // site failed `check` at once (the contract: a new actor passes `check` as written).
    let site = TempSite::new(&small_site());
    let before = files(&site);
    let o = explainer(&["new", "actor", "bob"], site.root());
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(
        stderr(&o).starts_with("error: content/actors/bob.md would name its actor \"Bob\", which is already a name of content/actors/bob-jones.md"),
        "{}",
        stderr(&o)
    );
    assert_eq!(files(&site), before, "nothing written");
    let o = explainer(
        &["new", "actor", "carol-diaz", "--kind", "person"],
        site.root(),
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(site.errors().is_empty(), "{:?}", site.errors());
}

#[test]
fn import_refuses_a_taken_slug_and_names_the_way_out() {
    let site = TempSite::new(&small_site());
    let txt = site.root().join("in.txt");
    std::fs::write(&txt, "Head\n\nBody text.\n").unwrap();
    let o = explainer(
        &["import", txt.to_str().unwrap(), "--slug", "bob-jones"],
        site.root(),
    );
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(
        stderr(&o),
        "error: the slug \"bob-jones\" is already used by content/actors/bob-jones.md: nothing was written; choose another slug with --slug NAME\n"
    );
    let o = explainer(
        &["import", txt.to_str().unwrap(), "--slug", "story"],
        site.root(),
    );
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(
        stderr(&o),
        "error: content/articles/story.md already exists: nothing was written; choose another slug with --slug NAME\n"
    );
    assert!(!stderr(&o).contains("os error"));
}

#[test]
fn the_second_article_names_each_annotation_and_stance_that_needs_article() {
    let site = TempSite::new(&small_site());
    let o = explainer(&["new", "article", "second"], site.root());
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(
        stderr(&o),
        "wrote content/articles/second.md\nnote: the site now has two articles, so 2 annotations and stances must say which article they quote: add `article = \"story\"` (or the new article's slug) to\n  content/annotations/left.md:2\n  content/positions/talks.md:8\n"
    );
    // Doing what it says makes the site check clean again (but for the new article's
    // placeholder text, which quotes nothing).
    site.write(
        "content/annotations/left.md",
        "+++\narticle = \"story\"\nquote = \"left early\"\nkind = \"context\"\n+++\n\nHe had another meeting.\n",
    );
    site.write(
        "content/positions/talks.md",
        "+++\ntitle = \"Hold talks\"\nsummary = \"Talk first.\"\n\n[[stances]]\nactor = \"alice-smith\"\nstance = \"supports\"\narticle = \"story\"\nquote = \"Alice Smith met Bob Jones.\"\n+++\n\nWhy talks matter.\n",
    );
    assert_eq!(site.errors(), Vec::<String>::new());
}

/// Plain text with every construct that Markdown would read as syntax.
const ODD: &str = "Headline\n\nDek.\n\n# not a heading\n\n1984. The year it began.\n\n2) Second.\n\n- dash-led wire copy.\n\n+ plus-led.\n\n> not a quote\n\n***\n\nCost is $5 * 3 = $15 * 2, _sic_, `code`, ~gone~ and a|b.\n\n    An indented paragraph.\n\n\tA tabbed one.\n\nSee [x](y) and [[wiki]] and <b>tag</b> and &amp; and a \\ backslash.\n\nA line\n===\n\nA line\n---\n\n[^1]: not a footnote\n";

#[test]
fn import_keeps_plain_text_plain() {
    let site = TempSite::new(&[("content/site.toml", "title = \"t\"\n")]);
    let txt = site.root().join("odd.txt");
    std::fs::write(&txt, ODD).unwrap();
    let o = explainer(
        &[
            "import",
            txt.to_str().unwrap(),
            "--date",
            "2025-01-01",
            "--slug",
            "odd",
        ],
        site.root(),
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    site.build();
    let page = site.page("articles/odd/index.html");
    let text_root = page.select(&sel(".text")).next().expect("the article text");
    for tag in [
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "ol",
        "ul",
        "hr",
        "pre",
        "code",
        "em",
        "strong",
        "del",
        "a",
        "b",
        "table",
        "blockquote",
        "sup",
    ] {
        assert_eq!(
            text_root.select(&sel(tag)).count(),
            0,
            "<{tag}> made from plain text"
        );
    }
    let paragraphs: Vec<String> = text_root.select(&sel("p")).map(text).collect();
    let expected: Vec<String> = ODD
        .split("\n\n")
        .skip(2)
        .map(|p| p.split_whitespace().collect::<Vec<_>>().join(" "))
        .collect();
    assert_eq!(paragraphs, expected);
}

#[test]
fn import_says_paragraph_in_the_right_number() {
    let site = TempSite::new(&[("content/site.toml", "title = \"t\"\n")]);
    let txt = site.root().join("one.txt");
    std::fs::write(&txt, "Head\n\nOnly one.\n").unwrap();
    let o = explainer(
        &["import", txt.to_str().unwrap(), "--slug", "one"],
        site.root(),
    );
    assert_eq!(
        stderr(&o),
        "wrote content/articles/one.md (1 paragraph)\nnote: no byline, source, source_url given: readers see no attribution for it (import with --byline, --source, --source-url, or write the key in the article's front matter)\n"
    );
}

#[test]
fn the_picture_line_is_shown_with_its_caption() {
    let site = TempSite::new(&small_site());
    site.write(
        "content/articles/story.md",
        "+++\ntitle = \"Story\"\ndate = 2025-01-02\npicture = \"Leaders at a summit\"\nimage_caption = \"A day of talks.\"\nimage_credit = \"Photo: AP/Evan Vucci\"\n+++\n\nAlice Smith met Bob Jones.\n\nBob Jones left early.\n",
    );
    site.build();
    let page = site.page("articles/story/index.html");
    // Without a picture to show, the picture line, the caption and the credit are the
    // figure's caption.
    let caption = page
        .select(&sel("header figure.picture > figcaption"))
        .next()
        .expect("a caption");
    let line = |s: &str| caption.select(&sel(s)).map(text).collect::<Vec<_>>();
    assert_eq!(
        line("p.pic"),
        ["The original's picture (not shown here): Leaders at a summit"]
    );
    assert_eq!(line("p.caption"), ["A day of talks."]);
    assert_eq!(line("small.credit"), ["Photo: AP/Evan Vucci"]);
    assert_eq!(page.select(&sel("img")).count(), 0);
}

#[test]
fn counts_on_pages_read_as_english() {
    let files: Vec<_> = small_site()
        .into_iter()
        .filter(|(p, _)| *p != "content/actors/bob-jones.md")
        .collect();
    let site = TempSite::new(&files);
    site.build();
    let actors = site.page("actors/index.html");
    assert_eq!(
        text(actors.select(&sel(".lede")).next().unwrap()),
        "The one person, state or organisation in the story."
    );
    let article = site.page("articles/story/index.html");
    let guide = text(article.select(&sel(".guide p")).next().unwrap());
    assert!(guide.starts_with("This article carries 1 note."), "{guide}");
    let home = site.page("index.html");
    assert_eq!(
        text(home.select(&sel("#cap-matrix")).next().unwrap()),
        "Stances of 1 actor on 1 position"
    );
}

#[test]
fn import_takes_attribution_and_a_dateline_out_of_the_text() {
    let site = TempSite::new(&small_site());
    let txt = site.root().join("wire.txt");
    std::fs::write(
        &txt,
        "Talks end\n\nBOGOTA, Colombia (AP) — Alice Smith left the talks.\n\nBob Jones stayed.\n",
    )
    .unwrap();
    let o = explainer(
        &[
            "import",
            txt.to_str().unwrap(),
            "--date",
            "2025-11-20",
            "--slug",
            "wire",
            "--byline",
            "A. Reporter",
            "--source",
            "The Wire",
            "--source-url",
            "https://example.org/wire",
        ],
        site.root(),
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    // Probe-3 N8: the second article, imported, names what now needs `article`.
    assert!(
        stderr(&o).contains("so 2 annotations and stances must say which article they quote: add `article = \"story\"`"),
        "{}",
        stderr(&o)
    );
    let md = std::fs::read_to_string(site.root().join("content/articles/wire.md")).unwrap();
    assert_eq!(
        md,
        "+++\ntitle = \"Talks end\"\nbyline = \"A. Reporter\"\nsource = \"The Wire\"\nsource_url = \"https://example.org/wire\"\ndateline = \"BOGOTA, Colombia (AP)\"\ndate = 2025-11-20\n+++\n\nAlice Smith left the talks.\n\nBob Jones stayed.\n"
    );
    // Two articles now: the small site's notes must say which one they quote.
    site.write(
        "content/annotations/left.md",
        "+++\narticle = \"story\"\nquote = \"left early\"\nkind = \"context\"\n+++\n\nHe had another meeting.\n",
    );
    site.write(
        "content/positions/talks.md",
        "+++\ntitle = \"Hold talks\"\nsummary = \"Talk first.\"\n\n[[stances]]\nactor = \"alice-smith\"\nstance = \"supports\"\narticle = \"story\"\nquote = \"Alice Smith met Bob Jones.\"\n+++\n\nWhy talks matter.\n",
    );
    site.build();
    let page = site.page("articles/wire/index.html");
    assert_eq!(
        text(page.select(&sel(".dateline")).next().unwrap()),
        "BOGOTA, Colombia (AP) —"
    );
    let p1 = page.select(&sel("#p1")).next().unwrap();
    assert_eq!(text(p1), "Alice Smith left the talks.");
    assert!(
        hrefs(&page, "#p1 a")
            .iter()
            .any(|h| h.contains("alice-smith")),
        "the first paragraph still links its mention"
    );
    let meta = text(page.select(&sel(".meta")).next().unwrap());
    assert!(
        meta.contains("A. Reporter") && meta.contains("The Wire"),
        "{meta}"
    );

    let o = explainer(
        &[
            "import",
            txt.to_str().unwrap(),
            "--slug",
            "w2",
            "--source-url",
            "not a url",
        ],
        site.root(),
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("--source-url \"not a url\" is not an http(s) URL"));
}

#[test]
fn new_actor_names_are_title_cased_and_the_kind_is_never_silent() {
    let site = TempSite::new(&small_site());
    let o = explainer(
        &["new", "actor", "saudi-arabia", "--kind", "state"],
        site.root(),
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let md = std::fs::read_to_string(site.root().join("content/actors/saudi-arabia.md")).unwrap();
    assert!(
        md.contains("name = \"Saudi Arabia\"\nkind = \"state\"\n"),
        "{md}"
    );
    let o = explainer(
        &["new", "actor", "european-union", "--kind", "organisation"],
        site.root(),
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let md = std::fs::read_to_string(site.root().join("content/actors/european-union.md")).unwrap();
    assert!(
        md.contains("name = \"European Union\"\nkind = \"organization\"\n"),
        "{md}"
    );
    let o = explainer(&["new", "actor", "gustavo-petro"], site.root());
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let md = std::fs::read_to_string(site.root().join("content/actors/gustavo-petro.md")).unwrap();
    assert!(
        md.contains("name = \"Gustavo Petro\"\nkind = \"person\" # TODO: check"),
        "{md}"
    );
    let o = explainer(
        &["new", "position", "talks-first", "--kind", "state"],
        site.root(),
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("--kind is for actors"));
}

#[test]
fn stats_says_what_is_left_to_do() {
    let site = TempSite::new(&small_site());
    assert_eq!(
        explainer(
            &["new", "actor", "carol-king", "--kind", "person"],
            site.root()
        )
        .status
        .code(),
        Some(0)
    );
    let o = explainer(&["stats"], site.root());
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(
        String::from_utf8_lossy(&o.stdout),
        "\
article story: 2 blocks, 1 with notes, 2 with mentions
actors without stances:
  bob-jones
  carol-king
positions with fewer than two stances:
  talks (1 stance)
fact-checks without sources: none
placeholders left:
  content/actors/carol-king.md:11: TODO: a short profile of Carol King: who they are and why they matter to the story.
"
    );
    let o = explainer(&["stats", "--format", "json"], site.root());
    let json: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(json["articles"][0]["with_notes"], 1);
    assert_eq!(json["placeholders"][0]["line"], 11);
    assert_eq!(json["positions_with_few_stances"][0][0], "talks");
}

#[test]
fn the_home_page_shows_each_articles_dek_and_notes() {
    let site = TempSite::new(&small_site());
    site.write(
        "content/articles/story.md",
        "+++\ntitle = \"Story\"\ndate = 2025-01-02\ndek = \"What happened at the meeting.\"\n+++\n\nAlice Smith met Bob Jones.\n\nBob Jones left early.\n",
    );
    site.build();
    let home = site.page("index.html");
    let card = home.select(&sel(".start li")).next().unwrap();
    assert_eq!(
        text(card.select(&sel(".meta")).next().unwrap()),
        "2 January 2025 · 1 note"
    );
    assert_eq!(
        text(card.select(&sel("p")).next().unwrap()),
        "What happened at the meeting."
    );
}

#[test]
fn placeholders_are_warned_at_their_line_and_fail_a_strict_build() {
    let site = TempSite::new(&small_site());
    assert_eq!(
        explainer(&["new", "position", "talks-first"], site.root())
            .status
            .code(),
        Some(0)
    );
    let o = explainer(&["check"], site.root());
    assert_eq!(o.status.code(), Some(0), "placeholders are warnings");
    let err = stderr(&o);
    assert!(
        err.contains("warning: content/positions/talks-first.md:3: placeholder left: summary = \"TODO: the proposition in one or two sentences.\""),
        "{err}"
    );
    assert!(
        err.contains("warning: content/positions/talks-first.md:15: placeholder left: TODO: what the position means"),
        "{err}"
    );
    let o = explainer(&["build", "--strict"], site.root());
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(stderr(&o).contains("error: content/positions/talks-first.md:3: placeholder left"));
    assert!(
        !site.out().exists(),
        "a strict build with warnings writes nothing"
    );
    std::fs::remove_file(site.root().join("content/positions/talks-first.md")).unwrap();
    let o = explainer(&["build", "--strict"], site.root());
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(site.out().join("index.html").is_file());
}

#[test]
fn match_words_link_mentions_without_being_shown_as_names() {
    let site = TempSite::new(&small_site());
    site.write(
        "content/articles/story.md",
        "+++\ntitle = \"Story\"\ndate = 2025-01-02\n+++\n\nAlice Smith met Bob Jones.\n\nBob Jones left early. Colombian officials stayed.\n",
    );
    site.write(
        "content/actors/colombia.md",
        "+++\nname = \"Colombia\"\nkind = \"state\"\naliases = [\"Republic of Colombia\"]\nmatch = [\"Colombian\"]\n+++\n\nA state.\n",
    );
    site.build();
    let article = site.page("articles/story/index.html");
    assert!(
        hrefs(&article, "#p2 a.mention").contains(&"../../actors/colombia/".to_string()),
        "the match word links the actor"
    );
    let actor = site.page("actors/colombia/index.html");
    let infobox = text(actor.select(&sel(".infobox")).next().unwrap());
    assert!(infobox.contains("Republic of Colombia"), "{infobox}");
    assert!(!infobox.contains("Colombian"), "{infobox}");
    let ld: String = actor
        .select(&sel("script[type='application/ld+json']"))
        .map(|s| s.inner_html())
        .collect();
    assert!(
        ld.contains("Republic of Colombia") && !ld.contains("Colombian"),
        "{ld}"
    );
    // A match word is a name for matching: two actors cannot share it.
    site.write(
        "content/actors/bob-jones.md",
        "+++\nname = \"Bob Jones\"\nkind = \"person\"\naliases = [\"Bob\"]\nmatch = [\"Colombian\"]\n+++\n\nBob is a diplomat.\n",
    );
    let errors = site.errors();
    assert!(
        errors
            .iter()
            .any(|e| e.contains("\"Colombian\" is also a name of")),
        "{errors:?}"
    );
}

#[test]
fn an_unknown_actor_is_matched_against_names_and_aliases_too() {
    let site = TempSite::new(&small_site());
    site.write(
        "content/actors/gustavo-petro.md",
        "+++\nname = \"Gustavo Petro\"\nkind = \"person\"\naliases = [\"Petro\"]\n+++\n\nPresident of Colombia.\n",
    );
    site.write(
        "content/positions/talks.md",
        "+++\ntitle = \"Hold talks\"\nsummary = \"Talk first.\"\n\n[[stances]]\nactor = \"petro\"\nstance = \"supports\"\nquote = \"Alice Smith met Bob Jones.\"\n+++\n\nWhy talks matter.\n",
    );
    assert_eq!(
        site.errors(),
        [
            "error: content/positions/talks.md:6: unknown actor \"petro\" (did you mean \"gustavo-petro\"?)"
        ]
    );
}

#[test]
fn a_headline_in_another_script_gets_a_latin_slug_and_one_without_letters_asks_for_one() {
    let site = TempSite::new(&small_site());
    let txt = site.root().join("ru.txt");
    std::fs::write(&txt, "Новости дня\n\nТекст.\n").unwrap();
    let o = explainer(&["import", txt.to_str().unwrap()], site.root());
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(
        site.root()
            .join("content/articles/novosti-dnia.md")
            .exists()
    );
    let txt = site.root().join("dashes.txt");
    std::fs::write(&txt, "— … —\n\nText.\n").unwrap();
    let o = explainer(&["import", txt.to_str().unwrap()], site.root());
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(
        stderr(&o),
        "error: cannot make a slug from the headline \"— … —\" (a slug is lower-case Latin letters and digits): give one with --slug NAME\n"
    );
}

#[test]
fn a_headline_of_one_long_word_makes_a_slug_a_file_can_have() {
    // A 300-letter word made a 300-byte slug, and the import failed with "File name too
    // long".
    let site = TempSite::new(&[("content/site.toml", "title = \"T\"\n")]);
    let txt = site.root().join("long.txt");
    std::fs::write(&txt, format!("{}\n\nText.\n", "A".repeat(300))).unwrap();
    let o = explainer(
        &["import", txt.to_str().unwrap(), "--date", "2025-01-02"],
        site.root(),
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let slug = "a".repeat(80);
    assert!(
        site.root()
            .join(format!("content/articles/{slug}.md"))
            .exists()
    );
    let o = explainer(&["check"], site.root());
    assert!(!stderr(&o).contains("error"), "{}", stderr(&o));
}

#[test]
fn a_root_without_content_is_wrong_usage_and_strict_counts_every_warning() {
    // Probe-3 L11: a folder that is no site is exit 2, not a content error.
    let empty = tempfile::tempdir().unwrap();
    let o = explainer(&["check"], empty.path());
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("has no content/ folder"),
        "{}",
        stderr(&o)
    );
    // Probe-3 L1: with --strict, a warning is an error even beside another error.
    let site = TempSite::new(&small_site());
    assert_eq!(
        explainer(&["new", "position", "talks-first"], site.root())
            .status
            .code(),
        Some(0)
    );
    site.write(
        "content/actors/alice-smith.md",
        "+++\nname = \"Alice Smith\"\nkind = \"robot\"\n+++\n\nAlice.\n",
    );
    let o = explainer(&["build", "--strict"], site.root());
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("error: content/positions/talks-first.md:3: placeholder left"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn a_link_in_a_multi_line_stance_note_is_reported_at_its_own_line() {
    // Probe-3 N5: TOML drops the line break after the opening `"""`.
    let site = TempSite::new(&small_site());
    site.write(
        "content/positions/talks.md",
        "+++\ntitle = \"Hold talks\"\nsummary = \"Talk first.\"\n\n[[stances]]\nactor = \"alice-smith\"\nstance = \"supports\"\nquote = \"Alice Smith met Bob Jones.\"\nnote = \"\"\"\nLine one.\n\nSee [[nobody]].\n\"\"\"\n+++\n\nWhy talks matter.\n",
    );
    let errors = site.errors();
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(
        errors[0].starts_with("error: content/positions/talks.md:12: [[nobody]]"),
        "{errors:?}"
    );
}

#[test]
fn import_says_which_attribution_is_missing_and_check_counts_its_warnings() {
    let site = TempSite::new(&[("content/site.toml", "title = \"T\"\n")]);
    std::fs::write(
        site.root().join("story.txt"),
        "A headline\n\nFirst paragraph.\n\nSecond paragraph.\n",
    )
    .unwrap();
    let story = site.root().join("story.txt");
    let o = explainer(
        &[
            "import",
            story.to_str().unwrap(),
            "--date",
            "2025-01-02",
            "--source",
            "The Daily",
        ],
        site.root(),
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(
        stderr(&o).contains(
            "note: no byline, source_url given: readers see no attribution for it (import with --byline, --source-url, or write the key in the article's front matter)"
        ),
        "{}",
        stderr(&o)
    );
    let o = explainer(&["new", "position", "talks-first"], site.root());
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let o = explainer(&["check"], site.root());
    let err = stderr(&o);
    assert!(
        err.contains("placeholder left: title = \"Talks First\" # TODO: write the proposition"),
        "{err}"
    );
    assert!(
        err.ends_with("are fine, with 3 warnings (build --strict would fail)\n"),
        "{err}"
    );
}

#[test]
fn import_of_a_missing_file_or_a_folder_says_so_plainly() {
    let site = TempSite::new(&[("content/site.toml", "title = \"T\"\n")]);
    let missing = site.root().join("nowhere.txt");
    let o = explainer(&["import", missing.to_str().unwrap()], site.root());
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(
        stderr(&o),
        format!(
            "error: {}: no such file (a path is taken from the folder explainer runs in, not from --root)\n",
            missing.display()
        )
    );
    let o = explainer(&["import", site.root().to_str().unwrap()], site.root());
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("is a folder: give the plain-text article's file"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn stats_reports_on_a_site_still_being_written() {
    // Probe: on a site with a note not written yet (its quote empty), stats gave its
    // errors and none of its figures.
    let site = TempSite::new(&[("content/site.toml", "title = \"T\"\n")]);
    for what in [["article", "first"], ["annotation", "n1"]] {
        let o = explainer(&["new", what[0], what[1]], site.root());
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    }
    let o = explainer(&["stats"], site.root());
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(out.starts_with("article first: 1 block"), "{out}");
    assert!(out.contains("content/annotations/n1.md:8: TODO:"), "{out}");
    assert!(stderr(&o).contains("error: content/annotations/n1.md:2: quote is empty"));
}
