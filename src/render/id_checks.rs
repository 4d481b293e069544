//! The links to ids of a site whose content has errors, checked in the same run.

use super::{Pages, Rendered, Sink, Templates, finish, render_pages, written};
use crate::diagnostic::Diagnostic;
use crate::model::Site;

/// The checks of the links written in content to ids, for a site whose model has
/// errors: its pages are made, and not written, so that these problems show in the same
/// run as the model's. Only problems at content files are kept: links to no file were
/// checked where they are written, and what the templates link to follows from a model
/// with errors (a note whose quote was not found has no mark to link back to). Such a
/// model may also name what it does not hold; a page that cannot be made then gives
/// up this check, quietly, never the run.
pub fn check_ids(
    site: &Site,
    templates: &Templates,
    statics: &[String],
    content_links: &[written::WrittenLink],
) -> Vec<Diagnostic> {
    let nowhere: &Sink = &|_, _| Ok(());
    let check = || -> anyhow::Result<Vec<Diagnostic>> {
        let mut rendered = Rendered::default();
        let diags = render_pages(
            site,
            templates,
            statics,
            Pages::All,
            nowhere,
            &mut rendered,
            false,
        )?;
        if !diags.is_empty() {
            return Ok(Vec::new());
        }
        for links in rendered.pages.values_mut() {
            links.missing.clear();
        }
        finish(site, templates, content_links, &rendered, None, nowhere)
    };
    let hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(|_| {}));
    let found = std::panic::catch_unwind(std::panic::AssertUnwindSafe(check));
    std::panic::set_hook(hook);
    match found {
        Ok(Ok(diags)) => diags
            .into_iter()
            .filter(|d| d.path.starts_with("content/"))
            .collect(),
        _ => Vec::new(),
    }
}
