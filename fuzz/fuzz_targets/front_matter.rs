//! Arbitrary bytes as a content file: split into front matter and body, then checked as
//! an actor, a position, an annotation or an article of an otherwise valid site.

#![no_main]

use std::sync::LazyLock;

use explainer::content::split_front_matter;
use explainer_fuzz::{Scratch, check};
use libfuzzer_sys::fuzz_target;

static SCRATCH: LazyLock<Scratch> = LazyLock::new(|| Scratch::new("front_matter"));

const KINDS: [&str; 4] = ["actors", "positions", "annotations", "articles"];

fuzz_target!(|data: &[u8]| {
    let Some((&kind, file)) = data.split_first() else {
        return;
    };
    if let Ok(text) = std::str::from_utf8(file)
        && let Ok((front, front_line, body, body_line)) = split_front_matter(text)
    {
        // Both parts are pieces of the file, in order, on the lines said.
        let front_at = front.as_ptr() as usize - text.as_ptr() as usize;
        let body_at = body.as_ptr() as usize - text.as_ptr() as usize;
        assert!(front_at + front.len() <= body_at && body_at + body.len() == text.len());
        assert_eq!(front_line, 2);
        if !body.is_empty() {
            assert_eq!(body_line, text[..body_at].matches('\n').count() + 1);
        }
    }
    let kind = KINDS[kind as usize % KINDS.len()];
    let files = vec![
        ("content/site.toml".to_string(), b"title = \"Fuzz\"\n".to_vec()),
        (
            "content/articles/story.md".to_string(),
            b"+++\ntitle = \"Story\"\ndate = 2025-01-02\n+++\n\nAlice Smith met Bob.\n\nShe left early.\n"
                .to_vec(),
        ),
        (
            "content/actors/alice-smith.md".to_string(),
            b"+++\nname = \"Alice Smith\"\nkind = \"person\"\n+++\n\nA minister.\n".to_vec(),
        ),
        (format!("content/{kind}/fuzzed.md"), file.to_vec()),
    ];
    let opts = SCRATCH.write(&files);
    check(&opts, &files);
});
