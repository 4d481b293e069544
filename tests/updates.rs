//! Dated updates: "Updated …" under a page's title and the log at its end, the latest
//! across the site on the home page, `dateModified`, the sitemap's `lastmod`, the Atom
//! feed; and each bad update reported where it is written.

mod common;

use common::*;

/// The small site with updates on its article, an actor, its position and its note.
fn site(base_url: bool) -> TempSite {
    let site = TempSite::new(&small_site());
    if base_url {
        site.write(
            "content/site.toml",
            "title = \"Small\"\nbase_url = \"https://example.org/x/\"\n",
        );
    }
    site.write(
        ARTICLE,
        &article_with(
            "updates = [\n  { date = 2025-01-03, text = \"Named [[bob-jones]] in the [second paragraph](#p2).\" },\n  { date = 2025-01-05, text = \"Corrected a date.\" },\n  { date = 2025-01-03, text = \"A second change that day.\" },\n]\n",
        ),
    );
    site.write(
        ACTOR,
        &actor_with(
            "Alice Smith",
            "updates = [{ date = 2025-01-04, text = \"\"\"\nAdded her [other role](../bob-jones/).\"\"\" }]\n",
        ),
    );
    site.write(
        "content/annotations/left.md",
        "+++\nquote = \"left early\"\nkind = \"context\"\nupdates = [{ date = 2025-01-06, text = \"Added the [time](#p2).\" }]\n+++\n\nHe had another meeting.\n",
    );
    site
}

fn attr(doc: &scraper::Html, selector: &str, name: &str) -> Vec<String> {
    doc.select(&sel(selector))
        .filter_map(|e| e.value().attr(name).map(str::to_string))
        .collect()
}

#[test]
fn a_page_says_when_it_was_updated_and_logs_every_update_newest_first() {
    let site = site(false);
    site.build();
    let page = site.page("articles/story/index.html");
    let line = text(
        page.select(&sel("header .updated"))
            .next()
            .expect("the line"),
    );
    assert_eq!(line, "Updated 5 January 2025 · what changed");
    assert_eq!(
        attr(&page, "header .updated time", "datetime"),
        ["2025-01-05"]
    );
    assert_eq!(
        attr(&page, ".updates .log > li", "id"),
        // Of one day, the one written last is the newer: it comes first (it came
        // last), and keeps the id of the second of its day.
        [
            "update-2025-01-05",
            "update-2025-01-03-2",
            "update-2025-01-03"
        ]
    );
    let log: Vec<String> = page.select(&sel(".updates .log > li")).map(text).collect();
    assert!(log[0].starts_with("5 January 2025") && log[0].contains("Corrected a date."));
    assert!(log[1].contains("A second change that day."), "{log:?}");
    assert!(
        log[2].contains("Named Bob Jones in the second paragraph."),
        "{log:?}"
    );
    assert!(hrefs(&page, ".updates a").contains(&"../../actors/bob-jones/".to_string()));
    assert!(hrefs(&page, "header .updated a").contains(&"#h-updates".to_string()));
    // The actor's page: its own line and log; its written relative link kept.
    let actor = site.page("actors/alice-smith/index.html");
    assert_eq!(
        attr(&actor, "header .updated time", "datetime"),
        ["2025-01-04"]
    );
    assert_eq!(hrefs(&actor, ".updates a"), ["../bob-jones/"]);
    // A page without updates says nothing of them.
    let other = site.page("actors/bob-jones/index.html");
    assert!(other.select(&sel(".updated, .updates")).next().is_none());
}

#[test]
fn a_note_with_updates_gets_its_page_with_the_log_and_says_so_in_the_article() {
    let site = site(false);
    site.build();
    let article = site.page("articles/story/index.html");
    let note = text(article.select(&sel("#note-left")).next().unwrap());
    assert!(note.contains("Updated 6 January 2025"), "{note}");
    assert!(hrefs(&article, "#note-left a").contains(&"notes/left/".to_string()));
    let page = site.page("articles/story/notes/left/index.html");
    assert_eq!(
        attr(&page, ".updates .log > li", "id"),
        ["update-2025-01-06"]
    );
    // Written for the article's page, the link leads there from the note's page.
    assert_eq!(hrefs(&page, ".updates a"), ["../../#p2"]);
}

#[test]
fn the_home_page_lists_the_latest_updates_across_the_site() {
    let site = site(false);
    site.build();
    let home = site.page("index.html");
    let items: Vec<String> = home.select(&sel(".recent .log > li")).map(text).collect();
    assert_eq!(items.len(), 5, "{items:?}");
    assert!(items[0].starts_with("6 January 2025 · Note:"), "{items:?}");
    assert!(
        items[1].starts_with("5 January 2025 · Article: Story"),
        "{items:?}"
    );
    assert!(
        items[2].starts_with("4 January 2025 · Actor: Alice Smith"),
        "{items:?}"
    );
    assert_eq!(
        attr(&home, ".recent .log > li .meta a", "href")[..3],
        [
            "articles/story/notes/left/#update-2025-01-06",
            "articles/story/#update-2025-01-05",
            "actors/alice-smith/#update-2025-01-04",
        ]
    );
    // Texts written for other pages lead from the home page to the same places.
    let links = hrefs(&home, ".recent .log > li > p:not(.meta) a");
    assert!(
        links.contains(&"actors/bob-jones/".to_string()),
        "{links:?}"
    );
    assert!(
        links.contains(&"articles/story/#p2".to_string()),
        "{links:?}"
    );
    // A site without updates has no such list.
    let plain = TempSite::new(&small_site());
    plain.build();
    assert!(
        plain
            .page("index.html")
            .select(&sel(".recent"))
            .next()
            .is_none()
    );
}

#[test]
fn json_ld_and_the_sitemap_carry_the_day_of_the_last_change() {
    let site = site(true);
    site.build();
    let page = site.page("articles/story/index.html");
    let ld: serde_json::Value = serde_json::from_str(
        &page
            .select(&sel("script[type=\"application/ld+json\"]"))
            .next()
            .unwrap()
            .inner_html(),
    )
    .unwrap();
    let article = ld["@graph"]
        .as_array()
        .unwrap()
        .iter()
        .find(|n| n["@type"] == "NewsArticle")
        .unwrap();
    assert_eq!(article["datePublished"], "2025-01-02");
    assert_eq!(article["dateModified"], "2025-01-05");
    let sitemap = std::fs::read_to_string(site.out().join("sitemap.xml")).unwrap();
    for (loc, day) in [
        ("articles/story/", "2025-01-05"),
        ("actors/alice-smith/", "2025-01-04"),
        ("articles/story/notes/left/", "2025-01-06"),
    ] {
        let want = format!("<loc>https://example.org/x/{loc}</loc><lastmod>{day}</lastmod>");
        assert!(sitemap.contains(&want), "{want}\n{sitemap}");
    }
    assert!(sitemap.contains("<loc>https://example.org/x/actors/bob-jones/</loc></url>"));
}

#[test]
fn the_feed_lists_articles_and_updates_newest_first_with_absolute_links() {
    let site = site(true);
    site.build();
    let xml = std::fs::read(site.out().join("feed.xml")).unwrap();
    let feed = atom_syndication::Feed::read_from(&xml[..]).unwrap();
    assert_eq!(feed.id, "https://example.org/x/");
    assert_eq!(feed.title.value, "Small");
    let ids: Vec<&str> = feed.entries.iter().map(|e| e.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "https://example.org/x/articles/story/notes/left/#update-2025-01-06",
            "https://example.org/x/articles/story/",
            "https://example.org/x/articles/story/#update-2025-01-05",
            "https://example.org/x/actors/alice-smith/#update-2025-01-04",
            "https://example.org/x/articles/story/#update-2025-01-03",
            "https://example.org/x/articles/story/#update-2025-01-03-2",
        ]
    );
    let days: Vec<String> = feed
        .entries
        .iter()
        .map(|e| e.updated.format("%Y-%m-%d").to_string())
        .collect();
    assert_eq!(
        days,
        [
            "2025-01-06",
            "2025-01-05",
            "2025-01-05",
            "2025-01-04",
            "2025-01-03",
            "2025-01-03"
        ]
    );
    assert_eq!(feed.updated.format("%Y-%m-%d").to_string(), "2025-01-06");
    let article = &feed.entries[1];
    assert_eq!(
        article.published.unwrap().format("%Y-%m-%d").to_string(),
        "2025-01-02"
    );
    for e in &feed.entries {
        assert_eq!(e.links[0].href, e.id, "each entry links to its own place");
    }
    // Links in the texts of updates are absolute too.
    let content = feed.entries[3]
        .content
        .as_ref()
        .unwrap()
        .value
        .as_ref()
        .unwrap();
    assert!(
        content.contains("href=\"https://example.org/x/actors/bob-jones/\""),
        "{content}"
    );
    // Every page points feed readers at it.
    let home = site.page("index.html");
    assert_eq!(
        attr(
            &home,
            "link[rel=alternate][type=\"application/atom+xml\"]",
            "href"
        ),
        ["feed.xml"]
    );
    let actor = site.page("actors/alice-smith/index.html");
    assert_eq!(
        attr(
            &actor,
            "link[rel=alternate][type=\"application/atom+xml\"]",
            "href"
        ),
        ["../../feed.xml"]
    );
}

#[test]
fn without_a_base_url_there_is_no_feed_and_a_note_says_why() {
    let site = site(false);
    let out = explainer(&["build"], site.root());
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(!site.out().join("feed.xml").exists());
    let err = stderr(&out);
    assert!(
        err.contains("note: no feed.xml: a feed needs absolute links, so it is written only when base_url is set"),
        "{err}"
    );
    let home = site.page("index.html");
    assert!(
        home.select(&sel("link[type=\"application/atom+xml\"]"))
            .next()
            .is_none()
    );
    // With one, there is no such note.
    let out = explainer(
        &["build", "--base-url", "https://example.org/"],
        site.root(),
    );
    assert!(!stderr(&out).contains("note:"), "{}", stderr(&out));
    assert!(site.out().join("feed.xml").exists());
}

/// The errors of `check` on the small site with `article` and `actor` front matter lines.
fn errors_with(article: &str, actor: &str) -> Vec<String> {
    let site = TempSite::new(&small_site());
    site.write(ARTICLE, &article_with(article));
    site.write(ACTOR, &actor_with("Alice Smith", actor));
    site.errors()
}

fn assert_errors(got: &[String], want: &[&str]) {
    for w in want {
        assert!(
            got.iter().any(|g| g.starts_with(w)),
            "missing {w:?} in\n{}",
            got.join("\n")
        );
    }
    assert_eq!(got.len(), want.len(), "{}", got.join("\n"));
}

#[test]
fn a_malformed_update_is_reported_where_it_is_written() {
    let got = errors_with(
        "updates = [\n  { date = \"2025-01-03\", text = \"Quoted date.\" },\n  { date = 2025-01-04, text = \"  \" },\n  { date = 2025-01-04 },\n  { date = 2025-01-04, txt = \"Typo.\" },\n]\n",
        "updates = [{ date = 12:00:00, text = \"A time.\" }]\n",
    );
    assert_errors(
        &got,
        &[
            "error: content/actors/alice-smith.md:4: updates date must be a TOML date like 2025-08-18",
            "error: content/articles/story.md:5: updates date \"2025-01-03\" is a string, not a TOML date (write the date without quotes",
            "error: content/articles/story.md:6: updates text is empty",
            "error: content/articles/story.md:7: missing key \"text\" in an update (add text = \"…\" (what changed))",
            "error: content/articles/story.md:8: missing key \"text\" in an update",
            "error: content/articles/story.md:8: unknown key \"txt\" in an update (did you mean \"text\"?)",
        ],
    );
}

#[test]
fn an_update_before_its_article_or_with_a_broken_link_is_reported_at_its_line() {
    let got = errors_with(
        "updates = [\n  { date = 2025-01-01, text = \"Before the article.\" },\n  { date = 2025-01-04, text = \"\"\"\nFine line.\nA [[bob-jone]] link.\"\"\" },\n]\n",
        "updates = [\n  { date = 2025-01-04, text = \"A [profile](../nobody/).\" },\n]\n",
    );
    assert_errors(
        &got,
        &[
            "error: content/actors/alice-smith.md:5: links to \"../nobody/\", which is not in the site",
            "error: content/articles/story.md:5: the update of 2025-01-01 is dated before the article itself (2025-01-02)",
            "error: content/articles/story.md:8: [[bob-jone]] links to no article, actor or position (did you mean \"bob-jones\"?)",
        ],
    );
}

#[test]
fn footnotes_of_updates_of_one_day_stay_apart_on_the_home_page_and_in_the_feed() {
    // D7: two pages updated the same day, each text with its footnote 1.
    let site = TempSite::new(&small_site());
    site.write(
        "content/site.toml",
        "title = \"Small\"\nbase_url = \"https://example.org/x/\"\n",
    );
    let update = |what: &str, note: &str| {
        format!(
            "updates = [{{ date = 2025-01-16, text = \"\"\"{what}[^1].\n\n[^1]: {note}\"\"\" }}]\n"
        )
    };
    site.write(
        ACTOR,
        &actor_with("Alice Smith", &update("Added", "Footnote A.")),
    );
    site.write(
        "content/actors/bob-jones.md",
        &actor_with("Bob Jones", &update("Changed", "Footnote B.")),
    );
    site.write(ARTICLE, &article_with(&update("Fixed", "Footnote C.")));
    site.build();
    let home = site.page("index.html");
    let mut ids: Vec<&str> = home
        .select(&sel("[id]"))
        .map(|e| e.value().attr("id").unwrap())
        .collect();
    let all = ids.len();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), all, "ids used twice on the home page: {ids:?}");
    // Each reference leads to the definition in its own update.
    let refs = sel(".recent .log > li sup.footnote-reference a");
    let mut seen = 0;
    for r in home.select(&refs) {
        seen += 1;
        let id = r.value().attr("href").unwrap().trim_start_matches('#');
        let item = r
            .ancestors()
            .filter_map(scraper::ElementRef::wrap)
            .find(|a| a.value().name() == "li")
            .unwrap();
        let def = item.select(&sel(".footnote-definition")).next().unwrap();
        assert_eq!(def.value().attr("id"), Some(id), "{}", text(item));
    }
    assert_eq!(seen, 3);
    // In the feed, a footnote link is absolute: to the footnote on the update's page.
    let xml = std::fs::read_to_string(site.out().join("feed.xml")).unwrap();
    let feed = atom_syndication::Feed::read_from(xml.as_bytes()).unwrap();
    let mut checked = 0;
    for e in &feed.entries {
        let Some(html) = e.content.as_ref().and_then(|c| c.value.as_deref()) else {
            continue;
        };
        let doc = scraper::Html::parse_fragment(html);
        for a in doc.select(&sel("a")) {
            let href = a.value().attr("href").unwrap();
            let rest = href
                .strip_prefix("https://example.org/x/")
                .unwrap_or_else(|| panic!("a relative link in the feed: {href}"));
            let (page, id) = rest.split_once('#').unwrap();
            let target = site.page(&format!("{page}index.html"));
            assert!(
                target
                    .select(&sel(&format!("[id=\"{id}\"]")))
                    .next()
                    .is_some(),
                "{href} leads to no id"
            );
            checked += 1;
        }
    }
    assert_eq!(checked, 3);
}

#[test]
fn an_update_dated_after_today_and_one_written_into_a_stance_are_told() {
    // A day to come passed without a word, and showed in the page, the feed and the
    // sitemap; `updates` after `[[stances]]` was "unknown key" with no word of why.
    let site = TempSite::new(&small_site());
    site.write(
        ARTICLE,
        &article_with("updates = [{ date = 2999-05-05, text = \"Later.\" }]\n"),
    );
    site.write(
        "content/positions/talks.md",
        "+++\ntitle = \"Hold talks\"\nsummary = \"Talk first.\"\n\n[[stances]]\nactor = \"alice-smith\"\nstance = \"supports\"\nquote = \"Alice Smith met Bob Jones.\"\nupdates = [{ date = 2025-01-04, text = \"Added.\" }]\n+++\n\nWhy talks matter.\n",
    );
    let report = explainer::check(&site.options()).unwrap();
    let said: Vec<String> = report.diagnostics.iter().map(|d| d.to_string()).collect();
    let today = explainer::new::today();
    assert_eq!(
        said,
        [
            format!("warning: content/articles/story.md:4: the update of 2999-05-05 is dated after today ({today})"),
            "error: content/positions/talks.md:9: unknown key \"updates\" in a stance (a position's updates go above its first [[stances]] line: keys after it belong to that stance)".to_string(),
        ]
    );
}
