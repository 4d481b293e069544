//! Arbitrary article text and quotes (with prefix and suffix): each quote is found
//! exactly where a plain search of the reader's text says, and the place can be marked.

#![no_main]

use arbitrary::Arbitrary;
use explainer::markdown::{self, Block, Span};
use explainer::model::quote::{self, Found, Miss};
use explainer::text::normalize;
use libfuzzer_sys::fuzz_target;

#[derive(Arbitrary, Debug)]
struct Input {
    text: String,
    quotes: Vec<(String, Option<String>, Option<String>)>,
}

fuzz_target!(|input: Input| {
    let events = markdown::parse(&input.text, &|_| None);
    let blocks = markdown::analyse(&events);
    let quotes: Vec<(&str, Option<&str>, Option<&str>)> = input
        .quotes
        .iter()
        .take(8)
        .map(|(q, p, s)| (q.as_str(), p.as_deref(), s.as_deref()))
        .collect();
    let all = quote::find_many(&blocks, &quotes);
    assert_eq!(all.len(), quotes.len());
    for (&(q, p, s), got) in quotes.iter().zip(all) {
        assert_eq!(
            got,
            quote::find(&blocks, q, p, s),
            "one at a time, or all at once"
        );
        expect(&blocks, q, p, s, &got);
        if let Ok(found) = got {
            mark(&events, &blocks, &found);
        }
    }
});

/// What a plain search of every leaf's text says about `prefix + quote + suffix`.
fn expect(blocks: &[Block], q: &str, p: Option<&str>, s: Option<&str>, got: &Result<Found, Miss>) {
    let quote = normalize(q);
    if quote.is_empty() {
        assert_eq!(*got, Err(Miss::Empty), "a quote of white space: {q:?}");
        return;
    }
    let needle = normalize(&format!("{}{q}{}", p.unwrap_or(""), s.unwrap_or("")));
    let count: usize = blocks
        .iter()
        .flat_map(|b| &b.segments)
        .map(|seg| seg.text.matches(needle.as_str()).count())
        .sum();
    match got {
        Ok(f) => {
            assert_eq!(
                count, 1,
                "found once, but {needle:?} is there {count} times"
            );
            let text = &blocks[f.block].segments[f.segment].text;
            assert!(f.range.start < f.range.end && f.range.end <= text.len());
            assert!(text.is_char_boundary(f.range.start) && text.is_char_boundary(f.range.end));
            assert_eq!(text[f.range.clone()], quote, "the place found is the quote");
        }
        Err(Miss::Ambiguous(n)) => assert!(*n == count && *n > 1, "{n} vs {count}"),
        Err(Miss::NotFound { .. }) => assert_eq!(count, 0),
        Err(Miss::Empty) => panic!("{q:?} is not empty"),
    }
}

/// Marks the quote in the rendered article: the mark opens and closes once each.
fn mark(events: &[pulldown_cmark::Event], blocks: &[Block], found: &Found) {
    let partners = markdown::partners(events);
    let seg = &blocks[found.block].segments[found.segment];
    let (start, end) = seg.span(found.range.clone(), events, &partners);
    assert!(start <= end);
    let span = Span {
        start,
        end,
        open: "<mark id=\"m\">".into(),
        reopen: "<mark>".into(),
        close: "</mark>".into(),
        close_last: "</mark>".into(),
    };
    let ranges: Vec<_> = blocks.iter().map(|b| b.range.clone()).collect();
    let html = markdown::render_article(events.to_vec(), &ranges, &[span], &|_| String::new());
    assert_eq!(html.matches("<mark id=\"m\">").count(), 1, "{html}");
    assert_eq!(
        html.matches("<mark").count(),
        html.matches("</mark>").count()
    );
}
