//! The link check's scanner against a full HTML5 parser (html5ever through `scraper`):
//! on generated pages full of text that looks like markup, both find the same `href`,
//! `src` and `id` values.

use std::collections::BTreeSet;

use explainer::render::scan::{Attribute, attributes};
use proptest::prelude::*;

type Found = (BTreeSet<String>, BTreeSet<String>);

fn scanned(page: &str) -> Found {
    let (mut links, mut ids) = (BTreeSet::new(), BTreeSet::new());
    attributes(page, |attribute, value, _| {
        match attribute {
            Attribute::Link => links.insert(value.into_owned()),
            Attribute::Id => ids.insert(value.into_owned()),
        };
    });
    (links, ids)
}

fn parsed(page: &str) -> Found {
    let doc = scraper::Html::parse_document(page);
    let (mut links, mut ids) = (BTreeSet::new(), BTreeSet::new());
    for node in doc.tree.values() {
        if let scraper::Node::Element(e) = node {
            for (name, value) in e.attrs() {
                match name {
                    "href" | "src" => links.insert(value.to_string()),
                    "id" => ids.insert(value.to_string()),
                    _ => false,
                };
            }
        }
    }
    (links, ids)
}

/// Markup whose meaning a tree builder changes (foreign content, tables, forms, a second
/// `<body>`): out of the scanner's scope, see `src/render/scan.rs`.
fn tree_builder_territory(page: &str) -> bool {
    let lower = page.to_ascii_lowercase();
    [
        "<svg",
        "<math",
        "<table",
        "<td",
        "<th",
        "<tr",
        "<tbody",
        "<tfoot",
        "<caption",
        "<col",
        "<frame",
        "<head",
        "<body",
        "<html",
        "<select",
        "<form",
        "<template",
    ]
    .iter()
    .any(|t| lower.contains(t))
}

/// Text a writer could type, with every kind of markup look-alike in it.
fn hostile() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("href=foo".to_string()),
        Just(" src=x ".to_string()),
        Just("id=zz9".to_string()),
        Just("<a href=y>".to_string()),
        Just("<img src='i.png'>".to_string()),
        Just("&amp;".to_string()),
        Just("&quot".to_string()),
        Just("&#x26".to_string()),
        Just("&notit;".to_string()),
        Just("&#0;".to_string()),
        Just("&#x9F;".to_string()),
        Just("<!--".to_string()),
        Just("-->".to_string()),
        Just("--!>".to_string()),
        Just("<script>".to_string()),
        Just("</script>".to_string()),
        Just("</SCRIPT ".to_string()),
        Just("</title>".to_string()),
        Just("</textarea/".to_string()),
        Just("</style>".to_string()),
        Just("<p id=\"q\">".to_string()),
        Just("</a href=z>".to_string()),
        Just("<!x>".to_string()),
        Just("<?y>".to_string()),
        Just("\r\n".to_string()),
        Just("\0".to_string()),
        "[a-z<>/=\"' &#;!\\-0-9x]{0,8}",
    ];
    prop::collection::vec(piece, 0..5).prop_map(|p| p.concat())
}

fn attribute() -> impl Strategy<Value = String> {
    let name = prop_oneof![
        Just("href"),
        Just("HREF"),
        Just("src"),
        Just("id"),
        Just("Id"),
        Just("class"),
        Just("title"),
        Just("data-id"),
        Just("alt"),
        Just("=x"),
        Just("a\"b"),
    ];
    let quote = prop_oneof![Just("\""), Just("'"), Just(""), Just("none")];
    (name, quote, hostile(), "[ \\n]{0,2}").prop_map(|(name, quote, value, space)| match quote {
        "none" => format!(" {name}"),
        "" => format!(
            " {name}{space}={space}{}",
            value.replace([' ', '\n', '\r', '\t', '>', '\x0c'], "")
        ),
        q => format!(" {name}={q}{}{q}", value.replace(q, "")),
    })
}

fn piece() -> impl Strategy<Value = String> {
    let element = prop_oneof![
        Just("a"),
        Just("A"),
        Just("p"),
        Just("img"),
        Just("div"),
        Just("span"),
        Just("code"),
        Just("pre"),
        Just("h2"),
        Just("li"),
        Just("link"),
        Just("meta"),
        Just("iframe"),
        Just("br"),
    ];
    let raw = prop_oneof![
        Just("script"),
        Just("Script"),
        Just("style"),
        Just("title"),
        Just("textarea"),
        Just("noscript"),
        Just("xmp"),
    ];
    prop_oneof![
        4 => (element.clone(), prop::collection::vec(attribute(), 0..4), any::<bool>())
            .prop_map(|(n, a, slash)| format!("<{n}{}{}>", a.concat(), if slash { "/" } else { "" })),
        2 => hostile(),
        1 => (element, prop::collection::vec(attribute(), 0..2))
            .prop_map(|(n, a)| format!("</{n}{}>", a.concat())),
        1 => hostile().prop_map(|t| format!("<!--{t}-->")),
        1 => (raw, hostile()).prop_map(|(n, t)| format!("<{n}>{t}</{n}>")),
        1 => hostile().prop_map(|t| format!("<script><!--{t}<script>{t}</script>{t}-->{t}</script>")),
    ]
}

fn page() -> impl Strategy<Value = String> {
    prop::collection::vec(piece(), 0..12).prop_map(|p| format!("<!DOCTYPE html>{}", p.concat()))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn the_scanner_finds_what_a_browser_finds(page in page()) {
        prop_assume!(!tree_builder_territory(&page));
        prop_assert_eq!(scanned(&page), parsed(&page), "page: {:?}", page);
    }
}

/// Pages the generator writes, and cases found while writing the scanner.
#[test]
fn known_pages_agree() {
    for page in [
        "<p>set id=zz9 in config, src=budget, <code>&lt;a href=\"/x\"&gt;</code></p><a href=\"#zz9\">j</a>",
        "<a title=\"a href=q\" href='r'>x</a><img alt=\"src=no\" src=yes>",
        "<script>var a = '<a href=\"s\">';</script><style>a[href=v]{}</style><title><a href=t></title>",
        "<script><!--<script>x</script><a href=n></script>--></script><a href=ok>",
        "<!--> <a href=a> <!---> <a href=b> <!-- <a href=c> --!> <a href=d>",
        "<a href='&amp;&#x26;&lt;&amp=&ampx&notit;&#0;&#x80;&#;&bogus;&amp'>",
        "<a href=x href=y id=1 ID=2>",
        "<a href='unterminated>",
    ] {
        assert_eq!(scanned(page), parsed(page), "{page}");
    }
}

/// The scanner's speed on a built site: `LINK_SCAN_DIR=public cargo test --release --test
/// link_scanner_diff -- --ignored --nocapture` (and, with `LINK_SCAN_ORACLE=1`, whether
/// html5ever finds the same on every page).
#[test]
#[ignore]
fn speed_on_a_built_site() {
    let Some(dir) = std::env::var_os("LINK_SCAN_DIR") else {
        return;
    };
    let pages: Vec<String> = walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "html"))
        .map(|e| std::fs::read_to_string(e.path()).unwrap())
        .collect();
    let bytes: usize = pages.iter().map(String::len).sum();
    let mut best = f64::MAX;
    let mut counts = (0, 0);
    for _ in 0..5 {
        let t = std::time::Instant::now();
        counts = (0, 0);
        for page in &pages {
            attributes(page, |attribute, _, _| match attribute {
                Attribute::Link => counts.0 += 1,
                Attribute::Id => counts.1 += 1,
            });
        }
        best = best.min(t.elapsed().as_secs_f64());
    }
    println!(
        "{} pages, {:.1} MB: {:.3} s on one thread ({:.0} MB/s), {} links, {} ids",
        pages.len(),
        bytes as f64 / 1e6,
        best,
        bytes as f64 / 1e6 / best,
        counts.0,
        counts.1
    );
    if std::env::var_os("LINK_SCAN_ORACLE").is_some() {
        for page in &pages {
            assert_eq!(scanned(page), parsed(page));
        }
    }
}
