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
/// up this check, quietly, never the run. The errors of the site's own templates are
/// kept too: a template that fails on the model is at fault whatever the content's
/// errors, which hid it until they were fixed.
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
        // The ids of pages that did not render say nothing.
        if !diags.is_empty() {
            return Ok(diags);
        }
        for links in rendered.pages.values_mut() {
            links.missing.clear();
        }
        let mut diags = finish(site, templates, content_links, &rendered, None, nowhere)?;
        diags.extend(unshown_notes(site, content_links, &rendered));
        Ok(diags)
    };
    let hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(|_| {}));
    let found = std::panic::catch_unwind(std::panic::AssertUnwindSafe(check));
    std::panic::set_hook(hook);
    match found {
        Ok(Ok(diags)) => diags
            .into_iter()
            .filter(|d| d.path.starts_with("content/") || site_template_error(d))
            .collect(),
        _ => Vec::new(),
    }
}

/// The links to ids of the notes that no page shows (their quote was not found, an
/// error of their own): checked from the article's page they are written for, as they
/// will be once the quote is fixed, since the pages' own links cannot show them.
fn unshown_notes(
    site: &Site,
    content_links: &[written::WrittenLink],
    rendered: &Rendered,
) -> Vec<Diagnostic> {
    let shown: std::collections::HashSet<&str> = (site.articles.values())
        .flat_map(|a| a.marks.iter().map(|m| m.annotation.as_str()))
        .collect();
    let mut out = Vec::new();
    let mut target = String::new();
    for w in content_links {
        let Some(slug) =
            (w.path.strip_prefix("content/annotations/")).and_then(|p| p.strip_suffix(".md"))
        else {
            continue;
        };
        if shown.contains(slug) {
            continue;
        }
        for page in &w.pages {
            let base_url = site.base_url.as_deref();
            let Some(Some(fragment)) = super::links::resolve(page, &w.link, base_url, &mut target)
            else {
                continue;
            };
            let Some(ids) = rendered.pages.get(target.as_str()).map(|l| &l.ids) else {
                continue;
            };
            if !fragment.is_empty() && !super::links::has_id(ids, fragment) {
                out.push(Diagnostic::error(
                    w.path.clone(),
                    Some(w.line),
                    format!(
                        "links to \"{}\", which leads to \"{target}#{fragment}\", but {target} has no id=\"{fragment}\" (shown on {page})",
                        w.link
                    ),
                ));
            }
        }
    }
    out
}

/// Whether `d` is an error of one of the site's own templates (not a built-in one,
/// which fails only on what a model with errors lacks).
fn site_template_error(d: &Diagnostic) -> bool {
    d.path.starts_with("templates/")
        && !d.path.ends_with("(built-in)")
        && d.message.starts_with("template error")
}
