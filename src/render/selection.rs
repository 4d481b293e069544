//! Which pages a render makes: all of a site's, or the few an edit touches, found
//! without going through every page of a big site.

use std::collections::{BTreeMap, BTreeSet};

use super::jobs::Job;

/// Which pages a render makes: every one, or those whose output files are listed
/// (`serve`'s edits, a handful of a big site's tens of thousands).
#[derive(Clone, Copy)]
pub enum Pages<'w> {
    All,
    Only(&'w BTreeSet<String>),
}

impl Pages<'_> {
    /// Whether the file at output path `file` is made.
    pub fn wants(&self, file: &str) -> bool {
        match self {
            Pages::All => true,
            Pages::Only(files) => files.contains(file),
        }
    }

    /// Whether a file under `prefix` is made (the full matrix's pages: which those are
    /// takes a while to plan on a big site).
    pub(super) fn any_under(&self, prefix: &str) -> bool {
        match self {
            Pages::All => true,
            Pages::Only(files) => files
                .range(prefix.to_string()..)
                .next()
                .is_some_and(|f| f.starts_with(prefix)),
        }
    }

    /// The keys of `map` (slugs of the pages under `section/`) with a page made: every
    /// one, or those with a file under `section/SLUG/` listed, found without going
    /// through every slug of the site.
    pub(super) fn slugs<'m, V>(
        &self,
        section: &str,
        map: &'m BTreeMap<String, V>,
    ) -> Vec<&'m String> {
        let Pages::Only(files) = self else {
            return map.keys().collect();
        };
        // `articles` holds `articles/SLUG/`, its notes `articles/SLUG/notes/NOTE/`.
        let prefix = [section, "/"].concat();
        let mut slugs: Vec<&String> = files
            .range(prefix.clone()..)
            .take_while(|f| f.starts_with(&prefix))
            .filter_map(|f| {
                let slug = f[prefix.len()..].split('/').next()?;
                Some(map.get_key_value(slug)?.0)
            })
            .collect();
        slugs.sort();
        slugs.dedup();
        slugs
    }
}

/// Jobs, but only of the pages a render wants.
pub(super) struct Wanted<'a, 'w> {
    jobs: Vec<Job<'a>>,
    pages: Pages<'w>,
}

impl<'a, 'w> Wanted<'a, 'w> {
    pub(super) fn new(pages: Pages<'w>) -> Self {
        Wanted {
            jobs: Vec::new(),
            pages,
        }
    }

    /// The jobs wanted.
    pub(super) fn into_jobs(self) -> Vec<Job<'a>> {
        self.jobs
    }

    /// Whether the page at site path `path` is wanted (asked before its job is made).
    pub(super) fn wants(&self, path: &str) -> bool {
        matches!(self.pages, Pages::All) || self.pages.wants(&super::urls::file_of(path))
    }

    pub(super) fn push(&mut self, job: Job<'a>) {
        if self.wants(&job.path) {
            self.jobs.push(job);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_slugs_of_listed_files_are_found_by_their_folder_alone() {
        let map: BTreeMap<String, ()> = ["x", "x-y", "xy", "z"]
            .into_iter()
            .map(|s| (s.to_string(), ()))
            .collect();
        let files: BTreeSet<String> = [
            "actors/x-y/index.html",
            "actors/x/page/3/index.html",
            "actors/x/index.html",
            "actors/gone/index.html",
            "actorsx/z/index.html",
            "articles/z/index.html",
            "articles/z/notes/xy/index.html",
        ]
        .into_iter()
        .map(str::to_string)
        .collect();
        let only = Pages::Only(&files);
        // Each slug once, in order; a file of no known slug is no slug.
        assert_eq!(only.slugs("actors", &map), ["x", "x-y"]);
        assert_eq!(only.slugs("articles", &map), ["z"]);
        assert_eq!(only.slugs("articles/z/notes", &map), ["xy"]);
        assert!(only.slugs("positions", &map).is_empty());
        assert_eq!(Pages::All.slugs("positions", &map).len(), 4);
        assert!(only.any_under("actors/"));
        assert!(!only.any_under("matrix/"));
        assert!(Pages::All.any_under("matrix/"));
        assert!(only.wants("actors/x/page/3/index.html"));
        assert!(!only.wants("actors/z/index.html"));
    }
}
