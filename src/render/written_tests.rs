//! Links written in content: gathered with their file and line, checked before rendering.

use super::*;

#[test]
fn bodies_without_links_into_the_site_are_not_parsed_again() {
    assert!(!might_link(
        "plain text, [a](https://e.org/) and [[slug]]",
        true
    ));
    assert!(!might_link("a <b>tag</b> in an article", false));
    assert!(might_link("see [minutes](minutes/)", false));
    assert!(might_link("see [minutes][m]\n\n[m]: minutes/", false));
    assert!(might_link("<a href=x>", true));
}

#[test]
fn links_of_markdown_with_their_offsets() {
    let mut found = Vec::new();
    markdown_links(
        "a [b](x/) `[c](no/)` ![i](i%20j.png)\n\n<a href=\"h/\">h</a> [e](https://e.org/)",
        true,
        &mut |l, at| found.push((l, at)),
    );
    assert_eq!(
        found,
        [
            ("x/".to_string(), 2),
            ("i%20j.png".into(), 21),
            ("h/".into(), 47),
            ("https://e.org/".into(), 57)
        ]
    );
}
