//! Files whose front matter did not parse still have a body: its links are checked all
//! the same, so that a run reports the body's problems together with the front
//! matter's, and the writer does not fix one only to meet the other.

use super::resolve::Ctx;
use crate::content::RawSite;
use crate::markdown::RawHtml;

/// Checks the `[[wikilinks]]` and link syntax of the bodies of `raw.unparsed`.
pub(super) fn check_bodies(cx: &mut Ctx<'_>, raw: &RawSite) {
    for u in &raw.unparsed {
        if let Some((body, _)) = &u.body {
            let html = if u.kind == "articles" {
                RawHtml::AsText
            } else {
                RawHtml::Keep
            };
            cx.body_wikilinks(&u.path, body, html, &|at| u.body_line_at(at));
        }
    }
}
