//! A page of arbitrary text: the link check's scanner finds the same `href`, `src` and
//! `id` values as html5ever's full HTML5 parser (through `scraper`). Pages in the tree
//! builder's own territory (foreign content, tables, forms, a second `<body>`; see
//! `src/render/scan.rs`) are left out.

#![no_main]

use std::collections::BTreeSet;

use explainer::render::scan::{Attribute, attributes};
use libfuzzer_sys::fuzz_target;

type Found = (BTreeSet<String>, BTreeSet<String>);

fn scanned(page: &str) -> Found {
    let (mut links, mut ids) = (BTreeSet::new(), BTreeSet::new());
    attributes(page, |attribute, value, at| {
        assert!(page.is_char_boundary(at));
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

fn tree_builder_territory(page: &str) -> bool {
    let lower = page.to_ascii_lowercase();
    [
        "<svg", "<math", "<table", "<td", "<th", "<tr", "<tbody", "<tfoot", "<caption", "<col",
        "<frame", "<head", "<body", "<html", "<select", "<form", "<template",
    ]
    .iter()
    .any(|t| lower.contains(t))
}

fuzz_target!(|page: &str| {
    if page.len() > 4096 || tree_builder_territory(page) {
        return;
    }
    let (ours, theirs) = (scanned(page), parsed(page));
    assert_eq!(ours, theirs, "page: {page:?}");
});
