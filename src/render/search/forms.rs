//! What the search page needs to match a word typed to the stems of the index without
//! a stemmer of its own: the endings the site's stemmer took off the site's words, and
//! the last letters it respelt (see `index`, and `stemOf` in `static/search.js`).

use std::collections::BTreeSet;

use super::index::{SUFFIX, Sorted};

/// The endings the stemmer took off the site's words to make their stems (`s`, `ing`,
/// `ed` on an English site), of at most `SUFFIX` characters, sorted. A word typed
/// matches a stem it extends by one of them: the page has no stemmer, and this stands in
/// for one ("supports" finds "supporting" through the stem "support" and the ending
/// `s` of other words) without taking "Nigeria" for "Niger" (no word of the site ended
/// in `ia` where the stemmer cut it).
pub(super) fn endings(terms: &Sorted) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for (stem, (words, _)) in terms {
        for w in words {
            if let Some(end) = w.strip_prefix(stem.as_str())
                && !end.is_empty()
                && end.chars().count() <= SUFFIX
            {
                out.insert(end.to_string());
            }
        }
    }
    out
}

/// How the stemmer changed the last letters of the site's words it did not just cut
/// (`country` → `countri`): each as (the stem's last letters, the word's), at most two
/// letters each, sorted. A word typed matches a stem that, its last letters written
/// back so, the word is (or is with one of `endings`): "policy" finds "policies",
/// whose stem is `polici`, on a site that writes "country" somewhere.
pub(super) fn rewrites(terms: &Sorted) -> BTreeSet<(String, String)> {
    let mut out = BTreeSet::new();
    for (stem, (words, _)) in terms {
        for w in words {
            if w.starts_with(stem.as_str()) {
                continue;
            }
            let same = (stem.chars().zip(w.chars()))
                .take_while(|(a, b)| a == b)
                .map(|(a, _)| a.len_utf8())
                .sum::<usize>();
            let (from, to) = (&stem[same..], &w[same..]);
            if same > 0 && !from.is_empty() && from.chars().count() <= 2 && to.chars().count() <= 2
            {
                out.insert((from.to_string(), to.to_string()));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::index::tests::{doc, file};
    use super::super::index::{META, files};

    #[test]
    fn the_meta_lists_the_endings_the_stemmer_took_off_the_sites_words() {
        // A word typed matches a stem it extends by one of these (static/search.js); any
        // four letters more had let "Nigeria" find "Niger" and "cartel" find "car".
        let docs = [
            doc(
                "a/",
                "article",
                "",
                "Troops left Niger; supporting talks",
                &[],
            ),
            doc("b/", "article", "", "A car was seen", &[]),
        ];
        let written = files(&docs, "en");
        let meta: serde_json::Value = serde_json::from_str(file(&written, META)).unwrap();
        assert_eq!(meta["endings"], serde_json::json!(["ing", "s"]));
        // Without a stemmer, no word is cut: no ending.
        let meta: serde_json::Value =
            serde_json::from_str(file(&files(&docs, "ja"), META)).unwrap();
        assert_eq!(meta["endings"], serde_json::json!([]));
        // `country` → `countri`: the stem's `i` is the word's `y`.
        let docs = [doc(
            "a/",
            "article",
            "",
            "the country and its policies",
            &[],
        )];
        let meta: serde_json::Value =
            serde_json::from_str(file(&files(&docs, "en"), META)).unwrap();
        assert_eq!(meta["rewrites"], serde_json::json!([["i", "y"]]));
    }
}
