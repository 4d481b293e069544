//! Ids a page has more than once. A fragment leads to the first element of its id only,
//! so a repeated id breaks the links to the second. An event's place on the timeline is
//! its slug, which a writer names: one that the timeline page uses already (the search
//! box's `site-q`, or any id a template of `templates/` writes there) is refused at the
//! event's file. The generator's other ids of writer-named things carry a prefix no
//! template id has (`note-`, `mark-`, `stance-`, `update-`, `fn-`); an id a template
//! writes twice is a warning at the template.

use std::collections::{BTreeMap, BTreeSet};

use super::links::PageLinks;
use super::urls::file_of;
use crate::diagnostic::Diagnostic;
use crate::model::Site;

/// A diagnostic for each id repeated on a page of `pages` (with `only`, of those pages
/// alone): at the event's file for an event's id, at the template that writes it (as
/// `line` finds it, from the page and the id) otherwise.
pub fn check(
    site: &Site,
    pages: &BTreeMap<String, PageLinks>,
    only: Option<&BTreeSet<String>>,
    line: &dyn Fn(&str, &str) -> (String, usize),
) -> Vec<Diagnostic> {
    let timeline = file_of(super::timeline::PATH);
    let mut diags = Vec::new();
    for (page, links) in pages {
        if only.is_some_and(|o| !o.contains(page)) {
            continue;
        }
        for id in &links.repeated {
            let (file, at) = line(page, id);
            if *page == timeline && site.events.contains_key(&**id) {
                diags.push(Diagnostic::error(
                    format!("content/events/{id}.md"),
                    Some(1),
                    format!(
                        "an event cannot be called \"{id}\": its place on the timeline is id=\"{id}\", which the timeline page uses already ({file}:{at}); rename the file"
                    ),
                ));
            } else {
                diags.push(Diagnostic::warning(
                    file,
                    Some(at),
                    format!("{page} has id=\"{id}\" more than once: a link to it leads to the first alone"),
                ));
            }
        }
    }
    diags
}
