//! Arbitrary text and actor names: every mention found is a whole-word occurrence of one
//! of the names, in order, without overlap, the longest winning, and none is missed.

#![no_main]

use std::ops::Range;

use arbitrary::Arbitrary;
use explainer::model::mentions::{Finder, sentence_around};
use explainer::text::{is_word_char, normalize};
use libfuzzer_sys::fuzz_target;

#[derive(Arbitrary, Debug)]
struct Input {
    text: String,
    names: Vec<String>,
}

fuzz_target!(|input: Input| {
    let names: Vec<(String, usize)> = input
        .names
        .iter()
        .take(6)
        .map(|n| normalize(n))
        .filter(|n| !n.is_empty())
        .enumerate()
        .map(|(i, n)| (n, i))
        .collect();
    let text = &input.text;
    let found = Finder::new(&names).find(text);
    for w in found.windows(2) {
        assert!(w[0].0.end <= w[1].0.start, "sorted, apart: {found:?}");
    }
    for (range, owner) in &found {
        assert_eq!(text[range.clone()], names[*owner].0, "the owner's name");
        assert!(whole_word(text, range), "{range:?} is not a whole word");
        let sentence = sentence_around(text, range.clone());
        assert!(sentence.contains(&text[range.clone()]), "{sentence:?}");
    }
    // Every whole-word occurrence of a name is found, or lost to a longer or equal one
    // found over it.
    for (name, _) in &names {
        for (at, _) in text.match_indices(name.as_str()) {
            let r = at..at + name.len();
            if !whole_word(text, &r) {
                continue;
            }
            assert!(
                found
                    .iter()
                    .any(|(f, _)| f.start < r.end && r.start < f.end && f.len() >= r.len()),
                "{name:?} at {at} is missed: {found:?}"
            );
        }
    }
});

fn whole_word(text: &str, r: &Range<usize>) -> bool {
    let before = text[..r.start].chars().next_back();
    let after = text[r.end..].chars().next();
    !before.is_some_and(is_word_char) && !after.is_some_and(is_word_char)
}
