//! Events and the timeline: the page in date order, the anchors that actor and position
//! pages link to, the JSON-LD `Event`s, every problem of an event file at its line, and
//! `serve`'s rebuild after an event is edited.

mod common;

use common::*;

fn event(lines: &str, body: &str) -> String {
    format!("+++\n{lines}+++\n\n{body}\n")
}

/// The small site with three events, written out of date order.
fn site_with_events() -> TempSite {
    let site = TempSite::new(&small_site());
    site.write(
        "content/events/talks-end.md",
        &event(
            "date = 2025-03-02\ntitle = \"Talks end\"\nactors = [\"bob-jones\"]\n",
            "Bob left &amp; said \"no\".",
        ),
    );
    site.write(
        "content/events/talks-open.md",
        &event(
            "date = 2025-01-05\ntitle = \"First talks\"\nactors = [\"alice-smith\", \"bob-jones\"]\npositions = [\"talks\"]\narticles = [\"story\"]\nsources = [{ title = \"Minutes\", url = \"https://example.org/minutes\" }]\n",
            "[[alice-smith]] met [[bob-jones|Bob]] for the first time.",
        ),
    );
    site.write(
        "content/events/second-talks.md",
        &event("date = 2025-02-01\ntitle = \"Second talks\"\n", ""),
    );
    site
}

#[test]
fn the_timeline_lists_events_in_date_order_and_pages_link_to_their_anchors() {
    let site = site_with_events();
    site.build();
    let page = site.page("timeline/index.html");
    let ids: Vec<&str> = page
        .select(&sel("li.event"))
        .map(|li| li.value().attr("id").unwrap())
        .collect();
    assert_eq!(ids, ["talks-open", "second-talks", "talks-end"]);
    let dates: Vec<&str> = page
        .select(&sel("li.event time"))
        .map(|t| t.value().attr("datetime").unwrap())
        .collect();
    assert_eq!(dates, ["2025-01-05", "2025-02-01", "2025-03-02"]);
    // Wikilinks, related pages and sources of an event.
    let first = "li#talks-open";
    assert_eq!(
        hrefs(&page, &format!("{first} .prose a")),
        ["../actors/alice-smith/", "../actors/bob-jones/"]
    );
    let links = hrefs(&page, &format!("{first} a"));
    for want in [
        "../positions/talks/",
        "../articles/story/",
        "https://example.org/minutes",
    ] {
        assert!(links.iter().any(|l| l == want), "{want} in {links:?}");
    }
    // The menu links the timeline, from every page.
    assert_eq!(
        hrefs(
            &site.page("index.html"),
            "nav[aria-label=Site] a[href$='timeline/']"
        ),
        ["timeline/"]
    );
    // Bob's page lists his two events, in date order, each linked to its anchor.
    let bob = site.page("actors/bob-jones/index.html");
    assert_eq!(
        hrefs(&bob, "section[aria-labelledby=h-events] a"),
        ["../../timeline/#talks-open", "../../timeline/#talks-end"]
    );
    let talks = site.page("positions/talks/index.html");
    assert_eq!(
        hrefs(&talks, "section[aria-labelledby=h-events] a"),
        ["../../timeline/#talks-open"]
    );
    let alice = site.page("actors/alice-smith/index.html");
    assert_eq!(
        hrefs(&alice, "section[aria-labelledby=h-events] a"),
        ["../../timeline/#talks-open"]
    );
}

#[test]
fn a_site_without_events_has_no_timeline() {
    let site = TempSite::new(&small_site());
    site.build();
    assert!(!site.out().join("timeline").exists());
    let home = site.page("index.html");
    assert!(hrefs(&home, "a[href*=timeline]").is_empty());
}

/// The JSON-LD of the timeline page.
fn json_ld(site: &TempSite) -> serde_json::Value {
    let page = site.page("timeline/index.html");
    let script = page
        .select(&sel("script[type='application/ld+json']"))
        .next()
        .unwrap();
    serde_json::from_str(&script.text().collect::<String>()).unwrap()
}

/// Whether a JSON value holds a null or an empty string anywhere.
fn has_empty(v: &serde_json::Value) -> bool {
    match v {
        serde_json::Value::Null => true,
        serde_json::Value::String(s) => s.is_empty(),
        serde_json::Value::Array(a) => a.is_empty() || a.iter().any(has_empty),
        serde_json::Value::Object(o) => o.values().any(has_empty),
        _ => false,
    }
}

#[test]
fn every_event_is_a_schema_org_event_without_nulls() {
    let site = site_with_events();
    site.write(
        "content/site.toml",
        "title = \"Small\"\nbase_url = \"https://example.org/s/\"\n",
    );
    site.build();
    let ld = json_ld(&site);
    assert!(!has_empty(&ld), "{ld:#}");
    let graph = ld["@graph"].as_array().unwrap();
    // The three events, then the page's breadcrumbs.
    assert_eq!(graph.len(), 4);
    assert_eq!(graph[3]["@type"], "BreadcrumbList");
    let first = &graph[0];
    assert_eq!(first["@type"], "Event");
    assert_eq!(first["name"], "First talks");
    assert_eq!(first["startDate"], "2025-01-05");
    assert_eq!(first["url"], "https://example.org/s/timeline/#talks-open");
    assert_eq!(
        first["description"],
        "Alice Smith met Bob for the first time."
    );
    assert_eq!(first["actor"][0]["name"], "Alice Smith");
    assert_eq!(
        first["about"][0]["url"],
        "https://example.org/s/positions/talks/"
    );
    // Character references are decoded in the description; an empty body has none.
    assert_eq!(graph[2]["description"], "Bob left & said \"no\".");
    assert!(graph[1].get("description").is_none());
    // Without a base URL there is no url (and still nothing empty).
    site.write("content/site.toml", "title = \"Small\"\n");
    site.build();
    let ld = json_ld(&site);
    assert!(!has_empty(&ld), "{ld:#}");
    assert!(ld["@graph"][0].get("url").is_none());
}

#[test]
fn every_problem_of_an_event_is_reported_at_its_line_in_one_run() {
    let site = TempSite::new(&small_site());
    site.write(
        "content/events/bad.md",
        "+++\ntitle = \"Bad\"\nactors = [\"alice-smith\", \"bob-jone\"]\npositions = [\"talk\"]\narticles = [\"stroy\"]\nsoruces = []\n+++\n\nSee [[alice-smth]].\n",
    );
    site.write(
        "content/events/quoted-date.md",
        "+++\ndate = \"2025-01-05\"\ntitle = \"Quoted\"\n+++\n",
    );
    site.write(
        "content/events/no-day.md",
        "+++\ntitle = \"Time only\"\ndate = 10:30:00\n+++\n",
    );
    site.write(
        "content/events/refs.md",
        "+++\ndate = 2025-01-05\ntitle = \"Refs\"\nactors = [\"bob-jone\"]\npositions = [\"talk\"]\narticles = [\"stroy\"]\nsources = [{ title = \"S\", url = \"not a url\" }]\n+++\n\nSee [[alice-smth]] and [a page](../actors/nobody/).\n",
    );
    site.write(
        "content/events/Bad Name.md",
        "+++\ndate = 2025-01-05\ntitle = \"X\"\n+++\n",
    );
    site.write(
        "content/events/main.md",
        "+++\ndate = 2025-01-05\ntitle = \"X\"\n+++\n",
    );
    site.write(
        "content/events/broken.md",
        "+++\ndate = 2025-01-05\ntitle = \"X\n+++\n",
    );
    assert_eq!(
        site.errors(),
        [
            "error: content/events/Bad Name.md:1: bad file name \"Bad Name.md\": a name is lower-case letters and digits in words joined by single hyphens (rename it to \"bad-name.md\")",
            "error: content/events/bad.md:2: missing key \"date\" (add date = 2025-08-18)",
            "error: content/events/bad.md:6: unknown key \"soruces\" (did you mean \"sources\"?)",
            // Its front matter does not parse, and its body is checked all the same.
            "error: content/events/bad.md:9: [[alice-smth]] links to no article, actor or position (did you mean \"alice-smith\"?)",
            "error: content/events/broken.md:3: invalid basic string, expected `\"`",
            "error: content/events/main.md:1: an event cannot be called \"main\": the timeline page uses that id itself",
            "error: content/events/no-day.md:3: date must be a TOML date like 2025-08-18",
            "error: content/events/quoted-date.md:2: date \"2025-01-05\" is a string, not a TOML date (write the date without quotes: date = 2025-01-05)",
            "error: content/events/refs.md:4: unknown actor \"bob-jone\" (did you mean \"bob-jones\"?)",
            "error: content/events/refs.md:5: unknown position \"talk\" (did you mean \"talks\"?)",
            "error: content/events/refs.md:6: unknown article \"stroy\" (did you mean \"story\"?)",
            "error: content/events/refs.md:7: sources url \"not a url\" is not an http(s) or mailto URL",
            "error: content/events/refs.md:10: [[alice-smth]] links to no article, actor or position (did you mean \"alice-smith\"?)",
            "error: content/events/refs.md:10: links to \"../actors/nobody/\", which is not in the site (on timeline/ it leads to actors/nobody/index.html)",
        ]
    );
    // The real binary says the same, exits 1, and does not panic.
    let out = explainer(&["check"], site.root());
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(!stderr(&out).contains("panicked"));
    assert!(stderr(&out).contains("error: content/events/refs.md:4: unknown actor"));
}

#[test]
fn an_event_is_checked_against_the_site_s_avoided_sources() {
    let site = site_with_events();
    site.write(
        "content/site.toml",
        "title = \"Small\"\n[sources]\navoid = [\"example.org\"]\n",
    );
    let report = explainer::check(&site.options()).unwrap();
    let warned = report
        .diagnostics
        .iter()
        .map(|d| d.to_string())
        .any(|d| d.starts_with("warning: content/events/talks-open.md:7:"));
    assert!(warned, "{:#?}", report.diagnostics);
}

/// Each id that a page of the built site has more than once, as `page: id`.
fn repeated_ids(site: &TempSite) -> Vec<String> {
    let mut out = Vec::new();
    for e in walkdir::WalkDir::new(site.out()) {
        let e = e.unwrap();
        if e.path().extension().is_none_or(|x| x != "html") {
            continue;
        }
        let doc = scraper::Html::parse_document(&std::fs::read_to_string(e.path()).unwrap());
        let mut ids: Vec<&str> = doc
            .select(&sel("[id]"))
            .map(|el| el.value().attr("id").unwrap())
            .collect();
        ids.sort_unstable();
        for pair in ids.windows(2).filter(|p| p[0] == p[1]) {
            out.push(format!("{}: {}", e.path().display(), pair[0]));
        }
    }
    out
}

#[test]
fn no_page_repeats_an_id_whatever_writers_name_things() {
    // D10: an event, a note and an actor named after the ids the pages use themselves.
    // An event that would take an id of the timeline page is refused at its file;
    // everything else builds, and no page repeats an id.
    let names = [
        "site-q",
        "map-t",
        "map-d",
        "bk",
        "p1",
        "pv1",
        "q",
        "h-events",
        "h-updates",
        "search-title",
        "cap-matrix",
        "fn-1",
        "update-2025-01-17",
        "note-left",
        "mark-left",
        "stance-alice-smith",
    ];
    let mut refused = Vec::new();
    for name in names {
        let site = TempSite::new(&small_site());
        let footnoted = "X[^1] [[alice-smith]].\n\n[^1]: Y.";
        site.write(
            &format!("content/events/{name}.md"),
            &event(
                "date = 2025-01-17\ntitle = \"Q\"\nactors = [\"alice-smith\"]\n",
                footnoted,
            ),
        );
        site.write(
            &format!("content/annotations/{name}.md"),
            &format!("+++\nquote = \"Alice Smith met\"\nkind = \"context\"\nupdates = [{{ date = 2025-01-17, text = \"\"\"Z[^1].\n\n[^1]: W.\"\"\" }}]\n+++\n\n{footnoted}\n"),
        );
        site.write(
            &format!("content/actors/{name}.md"),
            &actor_with(
                "Someone",
                "updates = [{ date = 2025-01-17, text = \"U.\" }]\n",
            ),
        );
        let errors = site.errors();
        if !errors.is_empty() {
            assert_eq!(errors.len(), 1, "{name}: {errors:#?}");
            assert!(
                errors[0].starts_with(&format!(
                    "error: content/events/{name}.md:1: an event cannot be called \"{name}\""
                )),
                "{name}: {errors:#?}"
            );
            refused.push(name);
            continue;
        }
        site.build();
        assert_eq!(repeated_ids(&site), Vec::<String>::new(), "{name}");
    }
    assert_eq!(refused, ["site-q"]);
}

#[test]
fn an_event_with_a_name_it_cannot_have_is_still_checked_whole() {
    // Probe: `main.md` (or a name that is no slug) reported its name alone; its unknown
    // actor and broken [[link]] showed only once it was renamed.
    for name in ["main", "Vote"] {
        let site = TempSite::new(&small_site());
        site.write(
            &format!("content/events/{name}.md"),
            &event(
                "date = 2025-05-01\ntitle = \"Vote\"\nactors = [\"alice-smth\"]\n",
                "The vote [[nope]].",
            ),
        );
        let lines: Vec<String> = site
            .errors()
            .iter()
            .map(|e| e.split(": ").take(2).collect::<Vec<_>>().join(": "))
            .collect();
        assert_eq!(
            lines,
            [
                format!("error: content/events/{name}.md:1"),
                format!("error: content/events/{name}.md:4"),
                format!("error: content/events/{name}.md:7"),
            ],
            "{name}"
        );
    }
}
