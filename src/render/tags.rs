//! Every attribute of the start tags of a piece of HTML, read by the link check's
//! tokenizer (`scan`): for what raw HTML in a body writes beyond `href`, `src` and `id`
//! (`srcset`, `poster`, …), to tell the writer what the sanitizer or the page's
//! Content-Security-Policy will do with it.

use std::borrow::Cow;

use super::scan::{decode, walk};

/// One attribute of a start tag, as `tags` gives it out.
pub struct TagAttribute<'h> {
    /// The tag's name, as written (compare without case).
    pub tag: &'h str,
    /// The attribute's name, as written (compare without case).
    pub name: &'h str,
    /// Its value, entities decoded.
    pub value: Cow<'h, str>,
    /// The byte range of the value as written in the HTML (without its quotes).
    pub span: std::ops::Range<usize>,
}

/// Every attribute of every start tag of `html` (each name once, the first), read as
/// `scan::attributes` reads them: for what raw HTML of a body writes beyond `href`, `src` and
/// `id` (`srcset`, `poster`, …).
pub fn tags<'h>(html: &'h str, mut found: impl FnMut(TagAttribute<'h>)) {
    let mut all = Vec::new();
    walk(html, Some(&mut all), |name, _, all| {
        let mut seen: Vec<&str> = Vec::new();
        for &[ns, ne, vs, ve] in all {
            let attr = &html[ns..ne];
            if seen.iter().any(|s| s.eq_ignore_ascii_case(attr)) {
                continue;
            }
            seen.push(attr);
            found(TagAttribute {
                tag: &html[name.0..name.1],
                name: attr,
                value: decode(&html[vs..ve]),
                span: vs..ve,
            });
        }
    });
}
