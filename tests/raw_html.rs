//! Raw HTML in writer text is held to the rules of Markdown written there: a resource
//! from another host is an error (D9), an unsafe link a warning (D12), a link on an
//! avoided domain a warning (D11), each at the writer's file and line; and an article's
//! updates show raw HTML as text, as its body does (D13).

mod common;

use common::*;

/// The line of `text` in `path` of the site (1-based).
fn line_of(s: &TempSite, path: &str, text: &str) -> usize {
    let file = std::fs::read_to_string(s.root().join(path)).unwrap();
    file.lines().position(|l| l.contains(text)).unwrap() + 1
}

/// Asserts that `found` holds a diagnostic of `severity` at `path` and the line where
/// `url` is written, that says `says`.
fn reported_at(
    s: &TempSite,
    found: &[String],
    (severity, path): (&str, &str),
    url: &str,
    says: &str,
) {
    let line = line_of(s, path, url);
    let start = format!("{severity}: {path}:{line}: ");
    assert!(has(found, &start, says), "{url}: {found:?}");
}

fn has(found: &[String], start: &str, contains: &str) -> bool {
    found
        .iter()
        .any(|d| d.starts_with(start) && d.contains(contains))
}

#[test]
fn external_resources_in_raw_html_are_errors_where_written() {
    let s = TempSite::new(&small_site());
    s.write(
        ACTOR,
        "+++\nname = \"Alice Smith\"\nkind = \"person\"\nupdates = [{ date = 2025-01-16, text = \"New <img src='https://evil.example/u.png' alt='u'>\" }]\n+++\n\nAlice is a minister.\n\nProfile <img src=\"https://evil.example/p.png\" alt=\"p\">.\n\n<div><img\n  src=\"https://evil.example/v.jpg\"></div>\n\n<p><a href=\"https://e.org/\"><IMG SRC=https://evil.example/s.png></a></p>\n\n<video poster=\"https://evil.example/dropped.jpg\"></video><iframe src=\"https://evil.example/f\"></iframe>\n",
    );
    s.write(
        "content/annotations/left.md",
        "+++\nquote = \"left early\"\nkind = \"context\"\n+++\n\nHe had <img src=\"//evil.example/n.png\" alt=\"n\"> another meeting.\n",
    );
    let errors = s.errors();
    for (path, url) in [
        (ACTOR, "https://evil.example/u.png"),
        (ACTOR, "https://evil.example/p.png"),
        (ACTOR, "https://evil.example/v.jpg"),
        (ACTOR, "https://evil.example/s.png"),
        ("content/annotations/left.md", "//evil.example/n.png"),
    ] {
        reported_at(
            &s,
            &errors,
            ("error", path),
            url,
            &format!("\"{url}\" is on another host"),
        );
    }
    // The same words as for Markdown's own `![p](https://…)`.
    assert!(has(
        &errors,
        "error: ",
        "image \"https://evil.example/p.png\" is on another host"
    ));
    // The hint's path is right from every page the text may show on (second probe, D8:
    // `../../img/…` was given for the timeline too, where it climbs out of the site).
    assert!(
        errors.iter().all(|e| !e.contains("is on another host")
            || e.contains("../img/photo.jpg from the timeline")),
        "{errors:#?}"
    );
    // What the sanitizer drops whole never loads: nothing to say about it.
    assert!(
        errors
            .iter()
            .all(|e| !e.contains("dropped.jpg") && !e.contains("/f\"")),
        "{errors:?}"
    );
}

#[test]
fn unsafe_links_in_raw_html_are_warned_about() {
    let s = TempSite::new(&small_site());
    s.write(
        ACTOR,
        "+++\nname = \"Alice Smith\"\nkind = \"person\"\n+++\n\nAlice is a minister.\n\n<a href=\"javascript:alert(1)\">raw js</a> and\n<a href=\"ftp://x.org/\">raw ftp</a>.\n",
    );
    let found = s.diagnostics();
    assert!(
        has(
            &found,
            &format!("warning: {ACTOR}:8: "),
            "link to \"javascript:alert(1)\" is dropped"
        ),
        "{found:?}"
    );
    assert!(
        has(
            &found,
            &format!("warning: {ACTOR}:9: "),
            "link to \"ftp://x.org/\" is dropped"
        ),
        "{found:?}"
    );
    s.build();
    let page = s.page("actors/alice-smith/index.html");
    assert!(hrefs(&page, "main a").iter().all(|h| !h.contains("alert")));
}

#[test]
fn avoided_sources_in_updates_and_raw_html_are_warned_about() {
    let s = TempSite::new(&small_site());
    s.write(
        "content/site.toml",
        "title = \"Small\"\n[sources]\navoid = [\"tabloid.example\"]\n",
    );
    s.write(
        ACTOR,
        "+++\nname = \"Alice Smith\"\nkind = \"person\"\nupdates = [{ date = 2025-01-16, text = \"[u](https://tabloid.example/upd)\" }]\n+++\n\nAlice is a minister.\n\nSee <a href=\"https://tabloid.example/raw\">raw</a>.\n",
    );
    s.write(
        "content/positions/talks.md",
        "+++\ntitle = \"Hold talks\"\nsummary = \"Talk first.\"\nupdates = [\n  { date = 2025-01-16, text = \"\"\"\nMore: <a href='https://news.tabloid.example/p'>p</a>\"\"\" },\n]\n\n[[stances]]\nactor = \"alice-smith\"\nstance = \"supports\"\nquote = \"Alice Smith met Bob Jones.\"\n+++\n\nWhy talks matter.\n",
    );
    let found = s.diagnostics();
    for (path, url) in [
        (ACTOR, "https://tabloid.example/upd"),
        (ACTOR, "https://tabloid.example/raw"),
        (
            "content/positions/talks.md",
            "https://news.tabloid.example/p",
        ),
    ] {
        let says = format!("\"{url}\" is on tabloid.example");
        reported_at(&s, &found, ("warning", path), url, &says);
    }
}

#[test]
fn raw_html_in_an_articles_updates_is_text() {
    let s = TempSite::new(&small_site());
    s.write(
        ARTICLE,
        &article_with("updates = [{ date = 2025-01-16, text = \"<a href='https://e.org/'>q</a> and <img src='https://e.org/i.png'>\" }]\n"),
    );
    // Shown as text, it loads and links nothing: nothing to report.
    let found = s.diagnostics();
    assert!(found.iter().all(|d| !d.contains("e.org")), "{found:?}");
    s.build();
    for page in ["articles/story/index.html", "index.html"] {
        let doc = s.page(page);
        assert!(
            !hrefs(&doc, "a").contains(&"https://e.org/".to_string()),
            "{page} links the update's raw HTML"
        );
        assert!(
            doc.select(&sel("img[src='https://e.org/i.png']"))
                .next()
                .is_none()
        );
        let body = text(doc.select(&sel("body")).next().unwrap());
        assert!(
            body.contains("<a href='https://e.org/'>q</a>"),
            "{page}: {body}"
        );
    }
    // An actor's update keeps raw HTML, through the sanitizer, as its profile does.
    s.write(
        ACTOR,
        &actor_with(
            "Alice Smith",
            "updates = [{ date = 2025-01-16, text = \"<a href='https://e.org/a'>a</a>\" }]\n",
        ),
    );
    s.build();
    let doc = s.page("actors/alice-smith/index.html");
    assert!(hrefs(&doc, "a").contains(&"https://e.org/a".to_string()));
}

#[test]
fn raw_html_keeps_the_page_s_one_h1_and_the_note_s_labelled_link_back() {
    // Probe: a raw <h1> in a note gave the article page a second <h1>; any raw HTML in
    // a note stripped the label of its link back to the text.
    let s = TempSite::new(&small_site());
    s.write(
        "content/annotations/left.md",
        "+++\nquote = \"left early\"\nkind = \"context\"\n+++\n\nHe had <em>another</em> meeting.\n",
    );
    s.write(
        ACTOR,
        "+++\nname = \"Alice Smith\"\nkind = \"person\"\n+++\n\n<h1>Career</h1>\n\n<h2>Early</h2>\n\nAlice is a minister.\n",
    );
    s.build();
    let story = s.page("articles/story/index.html");
    let back: Vec<_> = story.select(&sel("a.note-back")).collect();
    assert_eq!(back.len(), 1);
    assert_eq!(back[0].value().attr("aria-labelledby"), Some("bk"));
    assert_eq!(
        text(
            back[0]
                .parent()
                .and_then(scraper::ElementRef::wrap)
                .unwrap()
        ),
        "↩ He had another meeting."
    );
    let actor = s.page("actors/alice-smith/index.html");
    let h1: Vec<String> = actor.select(&sel("h1")).map(text).collect();
    assert_eq!(h1, ["Alice Smith"]);
    let body: Vec<(String, String)> = actor
        .select(&sel("h2, h3"))
        .map(|h| (h.value().name().to_string(), text(h)))
        .filter(|(_, t)| t == "Career" || t == "Early")
        .collect();
    assert_eq!(
        body,
        [
            ("h2".into(), "Career".into()),
            ("h3".into(), "Early".into())
        ]
    );
}

#[test]
fn a_link_in_an_element_the_sanitizer_drops_is_not_checked() {
    // Probe: the src of an <iframe> or <script>, removed from the page whole, was
    // reported as a broken link.
    let s = TempSite::new(&small_site());
    s.write(
        ACTOR,
        "+++\nname = \"Alice Smith\"\nkind = \"person\"\n+++\n\n<iframe src=\"missing.html\"></iframe>\n\n<script src=\"missing.js\"></script>\n\nAlice is a <a href=\"nothere.html\">minister</a>.\n",
    );
    let errors = s.errors();
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(errors[0].contains("\"nothere.html\""), "{errors:?}");
}

/// HTML nested 50,000 deep took the sanitizer's parser seconds per build, growing with
/// the square of the depth (probe): deeper than browsers build, it is an error at the
/// raw HTML's line, and its raw HTML is shown as text.
#[test]
fn a_body_nested_deeper_than_browsers_build_is_an_error_where_written() {
    let s = TempSite::new(&small_site());
    let profile = format!(
        "+++\nname = \"Alice Smith\"\nkind = \"person\"\n+++\n\nShe spoke.\n\n{}\n",
        "<div>".repeat(3000)
    );
    s.write("content/actors/alice-smith.md", &profile);
    let quotes = format!(
        "+++\ntitle = \"Talks\"\nsummary = \"S\"\n+++\n\n{} deep <b>x</b>\n",
        ">".repeat(3000)
    );
    s.write("content/positions/other.md", &quotes);
    let said = s.errors();
    let deep = "this text nests more than 512 elements deep, deeper than browsers build: its raw HTML is shown as text";
    assert_eq!(
        said.iter()
            .filter(|e| e.contains(deep))
            .cloned()
            .collect::<Vec<_>>(),
        [
            format!(
                "error: content/actors/alice-smith.md:8: {deep} (close the elements its raw HTML opens (</div>), and nest quotes and lists fewer levels deep)"
            ),
            format!(
                "error: content/positions/other.md:6: {deep} (close the elements its raw HTML opens (</div>), and nest quotes and lists fewer levels deep)"
            ),
        ],
        "{said:#?}"
    );
    // Nested as deep as browsers build, it is kept.
    s.write(
        "content/actors/alice-smith.md",
        &profile.replace(&"<div>".repeat(3000), &"<div>".repeat(500)),
    );
    s.write(
        "content/positions/other.md",
        &quotes.replace(&">".repeat(3000), &">".repeat(100)),
    );
    assert_eq!(s.errors(), Vec::<String>::new());
}
