//! Tests of `content::read`.

use super::*;

#[test]
fn splits_front_matter_and_counts_lines() {
    let split = split_front_matter("+++\na = 1\nb = 2\n+++\nBody\n").unwrap();
    assert_eq!(
        split,
        Split {
            front: "a = 1\nb = 2\n",
            front_line: 2,
            body: "Body\n",
            body_line: 5
        }
    );
    let crlf = split_front_matter("+++\r\na = 1\r\n+++\r\nBody").unwrap();
    assert_eq!(crlf.body, "Body");
}

fn refusal(text: &str) -> (String, Option<String>) {
    let d = split_front_matter(text).unwrap_err();
    assert_eq!(d.line, Some(1), "{d}");
    (d.message, d.hint)
}

#[test]
fn refuses_missing_or_unclosed_front_matter() {
    let (message, hint) = refusal("title = 1\n");
    assert!(message.starts_with("no front matter"), "{message}");
    assert_eq!(hint, None);
    let (message, hint) = refusal("+++\ntitle = 1\n");
    assert!(message.contains("never closed"), "{message}");
    assert_eq!(hint, None);
}

/// Probe L17: YAML front matter, blank lines and spaces before `+++` each get a
/// message that says so, and a hint.
#[test]
fn says_what_is_wrong_with_the_opening_line() {
    let (message, hint) = refusal("---\ntitle: A\n---\nBody\n");
    assert!(message.contains("`---`"), "{message}");
    assert!(
        hint.unwrap()
            .contains("explainer uses TOML between `+++` lines")
    );
    let (message, hint) = refusal("\n\n+++\ntitle = \"A\"\n+++\n");
    assert!(message.contains("2 blank lines"), "{message}");
    assert_eq!(
        hint.as_deref(),
        Some("delete the blank lines before line 3")
    );
    let (message, hint) = refusal("  +++\ntitle = \"A\"\n+++\n");
    assert!(
        message.starts_with("spaces before `+++` on line 1"),
        "{message}"
    );
    assert_eq!(hint.as_deref(), Some("remove the spaces before `+++`"));
    let (message, hint) = refusal("+++\ntitle = \"A\"\n +++\nBody\n");
    assert!(message.contains("never closed"), "{message}");
    assert_eq!(
        hint.as_deref(),
        Some("line 3 has spaces before `+++`: remove them to close it")
    );
}

#[test]
fn maps_offsets_to_file_lines_and_columns() {
    let map = LineMap::new("a\nbb\nc", 2);
    assert_eq!([map.line(0), map.line(2), map.line(5)], [2, 3, 4]);
    let text = "é = 1\nxé = 2";
    let map = LineMap::new(text, 1);
    assert_eq!(map.column(text.find('=').unwrap()), 3);
    assert_eq!(map.column(text.rfind('=').unwrap()), 4);
}

#[test]
fn non_utf8_names_the_line() {
    let mut diags = Vec::new();
    assert!(utf8("x.md", b"ok\nbad \xff".to_vec(), &mut diags).is_none());
    assert_eq!(diags[0].line, Some(2));
    // Probe: a file saved as UTF-16 was "not UTF-8 (byte 0xff at offset 0)".
    let utf16: Vec<u8> = [0xfeff_u16, u16::from(b'+'), u16::from(b'\n')]
        .iter()
        .flat_map(|u| u.to_le_bytes())
        .collect();
    assert!(utf8("y.md", utf16, &mut diags).is_none());
    assert_eq!(
        diags[1].message,
        "is UTF-16, not UTF-8: save the file as UTF-8"
    );
}
