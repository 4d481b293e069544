//! Markdown bodies rendered: wikilinks, raw HTML made safe, unsafe links, blocks.

use super::*;

#[test]
fn raw_html_urls_are_rebased_as_a_browser_reads_them() {
    assert_eq!(
        rebase_html("../../", "<a href=x.html?a=1&amp;b=2 title=\"href=y\">"),
        "<a href=../../x.html?a=1&amp;b=2 title=\"href=y\">"
    );
    assert_eq!(
        rebase_html(
            "../../",
            "<img src='p.png' alt=\"\"> <a href=\"https://e.org/\">"
        ),
        "<img src='../../p.png' alt=\"\"> <a href=\"https://e.org/\">"
    );
    assert_eq!(
        rebase_html("a/", "<!-- <a href=\"x\"> -->"),
        "<!-- <a href=\"x\"> -->"
    );
}

#[test]
fn a_rebased_link_climbs_out_of_the_folders_of_its_base() {
    assert_eq!(rebase("actors/nato/", "../russia/"), "actors/russia/");
    assert_eq!(rebase("actors/nato/", "../../"), "");
    assert_eq!(rebase("articles/a/", "#p3"), "articles/a/#p3");
    assert_eq!(rebase("../../", "../x/"), "../../../x/");
    assert_eq!(rebase("a/", "../../x/"), "../x/");
    assert_eq!(rebase("", "x/"), "x/");
}

fn none(_: &str) -> Option<(String, String)> {
    None
}

#[test]
fn raw_html_in_bodies_passes_the_allow_list() {
    let html = to_html(
        "<abbr title=\"North Atlantic\">NATO</abbr> <script>alert(1)</script>\n\n<img src=x onerror=alert(1)> <a href=\"javascript:alert(1)\">a</a> <iframe src=\"https://e.org\"></iframe> <form><input></form> <a href=\"data:text/html,x\">d</a>",
        &none,
        "",
    );
    assert!(
        html.contains("<abbr title=\"North Atlantic\">NATO</abbr>"),
        "{html}"
    );
    for bad in [
        "<script",
        "onerror",
        "javascript:",
        "<iframe",
        "<form",
        "<input",
        "data:",
    ] {
        assert!(!html.contains(bad), "{bad} in {html}");
    }
}

#[test]
fn unsafe_markdown_links_become_text_everywhere() {
    let html = to_html(
        "[click](javascript:alert(1)) ![i](data:image/png,x) [ok](https://e.org) [rel](../x/)",
        &none,
        "",
    );
    assert!(
        !html.contains("javascript") && !html.contains("data:"),
        "{html}"
    );
    assert!(
        html.contains("click")
            && html.contains("href=\"https://e.org\"")
            && html.contains("href=\"../x/\"")
    );
    let mut article = String::new();
    pulldown_cmark::html::push_html(
        &mut article,
        parse("[x](JaVaScRiPt:alert(1)) <b>raw</b>", &none).into_iter(),
    );
    assert!(
        !article.contains("href") && article.contains("&lt;b&gt;raw"),
        "{article}"
    );
}

#[test]
fn url_schemes() {
    for ok in [
        "https://e.org",
        "http://e.org",
        "mailto:a@b.c",
        "../x/",
        "#p1",
        "x/y:z",
        "?q=a:b",
    ] {
        assert!(safe_url(ok), "{ok}");
    }
    for bad in [
        "javascript:x",
        " javascript:x",
        "java\nscript:x",
        "vbscript:x",
        "data:x",
        "file:///etc",
    ] {
        assert!(!safe_url(bad), "{bad}");
    }
}
