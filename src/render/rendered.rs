//! What rendering pages found out about them, kept for the link check (and, in
//! `serve`, for the next edit's).

use std::collections::{BTreeMap, BTreeSet};

use super::links::{self, PageLinks};

/// What rendering pages found out about them: where each links, and which template
/// made it (to blame for a broken link).
#[derive(Debug, Default, Clone)]
pub struct Rendered {
    /// Output path → its links and ids.
    pub pages: BTreeMap<String, PageLinks>,
    /// Output path → the template that made it.
    pub origin: BTreeMap<String, &'static str>,
    /// When kept (see `Rendered::indexed`): output path → the other pages that link to
    /// an id on it.
    pub fragments_from: Option<BTreeMap<String, BTreeSet<String>>>,
    /// The files of the site the pages were rendered for (its pages and `statics`).
    pub files: Option<links::SiteFiles>,
}

impl Rendered {
    /// A record that also keeps which pages link to an id on each page, so that a check
    /// after rendering a few pages again looks only at the links that can have changed.
    pub fn indexed() -> Rendered {
        Rendered {
            fragments_from: Some(BTreeMap::new()),
            ..Rendered::default()
        }
    }

    /// Records the links of `page`, in place of those it had.
    pub(super) fn insert(&mut self, page: String, links: PageLinks) {
        if let Some(index) = &mut self.fragments_from {
            let targets = |l: &PageLinks| -> BTreeSet<String> {
                l.fragments
                    .iter()
                    .filter(|(target, _)| **target != *page)
                    .map(|(target, _)| target.to_string())
                    .collect()
            };
            let old = self.pages.get(&page).map(targets).unwrap_or_default();
            let new = targets(&links);
            for target in old.difference(&new) {
                if let Some(from) = index.get_mut(target) {
                    from.remove(&page);
                    if from.is_empty() {
                        index.remove(target);
                    }
                }
            }
            for target in new.difference(&old) {
                index
                    .entry(target.clone())
                    .or_default()
                    .insert(page.clone());
            }
        }
        self.pages.insert(page, links);
    }
}
