//! A site kept in memory between rebuilds: what the next build can reuse, and the
//! files of the last good build.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use anyhow::{Context, Result};

use super::watch::Change;
use crate::{Files, Options};

pub(super) use super::served::Served;

/// The site as last built.
pub(super) enum Built {
    /// Every file, by output path.
    Site(Served),
    /// What went wrong, as printed in the terminal.
    Failed(String),
}

/// A site kept between rebuilds: what the next build can reuse.
pub(super) struct Session {
    root: PathBuf,
    caches: crate::Caches,
    last: Option<Last>,
    /// How many files the last build rendered (not reused).
    pub(super) rendered: usize,
    /// Whether the last build left the search index of the build before (see `index`).
    index_stale: bool,
    /// Whether the last build took new article text into the site it had.
    #[cfg(test)]
    updated: bool,
}

/// The last good build.
struct Last {
    prepared: crate::Prepared,
    files: Served,
    rendered: crate::render::Rendered,
}

impl Session {
    pub(super) fn new(root: &Path) -> Session {
        Session {
            root: root.to_path_buf(),
            caches: crate::Caches::default(),
            last: None,
            rendered: 0,
            index_stale: false,
            #[cfg(test)]
            updated: false,
        }
    }

    /// Builds the site into memory after `change`, reusing parsed files and analysed
    /// articles, and rendering again only the pages the change touches.
    pub(super) fn build(&mut self, change: Change) -> Built {
        self.caches.changed = match change {
            Change::Files(paths) => Some(paths),
            Change::Everything => None,
        };
        match self.try_build() {
            Ok(Ok(files)) => Built::Site(files),
            Ok(Err(diags)) => Built::Failed(diags.iter().map(|d| format!("{d}\n")).collect()),
            Err(e) => Built::Failed(format!("error: {e:#}\n")),
        }
    }

    fn try_build(&mut self) -> Result<Result<Served, Vec<crate::Diagnostic>>> {
        let opts = Options {
            root: self.root.clone(),
            output: None,
            base_url: None,
        };
        let (mut earlier, kept) = match self.last.take() {
            Some(l) => (Some(l.prepared), Some((l.files, l.rendered))),
            None => (None, None),
        };
        let frame = |p: &crate::Prepared| {
            let statics: Vec<String> = p.statics.iter().map(|s| s.path.clone()).collect();
            (p.templates.fingerprint, statics)
        };
        let frame_before = earlier.as_ref().map(frame);
        let prepared = crate::prepare_after(&opts, Some(&mut self.caches), &mut earlier);
        // The last good build stays for the next one as long as it is whole.
        let mut keep = |earlier: Option<crate::Prepared>, kept| {
            if let (Some(prepared), Some((files, rendered))) = (earlier, kept) {
                self.last = Some(Last {
                    prepared,
                    files,
                    rendered,
                });
            }
        };
        let (prepared, mut diags, delta) = match prepared {
            Ok(p) => p,
            Err(e) => {
                keep(earlier, kept);
                return Err(e);
            }
        };
        let Some(prepared) = prepared else {
            keep(earlier, kept);
            return Ok(Err(diags));
        };
        #[cfg(test)]
        {
            self.updated = delta.is_some();
        }
        // With other templates or static files, every page is rendered again.
        let touched = match (&delta, &earlier) {
            _ if frame_before != Some(frame(&prepared)) => None,
            (Some(d), _) => {
                crate::render::affected::affected(&d.before, &d.after).map(|mut pages| {
                    crate::render::narrow::narrow(&mut pages, d, &prepared.site);
                    pages
                })
            }
            (None, Some(e)) => crate::render::affected::affected(&e.site, &prepared.site),
            (None, None) => None,
        };
        drop(earlier);
        let (mut files, mut rendered) = match (kept, &touched) {
            (Some((files, rendered)), Some(_)) => (files, rendered),
            _ => (Served::new(), crate::render::Rendered::indexed()),
        };
        let out = std::sync::Mutex::new(Files::new());
        let sink = |path: &str, bytes: &[u8]| -> Result<()> {
            out.lock()
                .map_err(|_| anyhow::anyhow!("a rendering thread failed"))?
                .insert(path.to_string(), bytes.to_vec());
            Ok(())
        };
        let pages = match &touched {
            Some(t) => crate::render::Pages::Only(t),
            None => crate::render::Pages::All,
        };
        let statics: Vec<String> = prepared.statics.iter().map(|s| s.path.clone()).collect();
        let site = &prepared.site;
        let mut more = crate::render::render_pages(
            site,
            &prepared.templates,
            &statics,
            pages,
            &sink,
            &mut rendered,
            touched.is_some(),
        )?;
        if more.is_empty() {
            // An edit (`touched`) has its index written after its pages are served
            // (`index`): the index is a second's work on a big site, and an edit is
            // served in milliseconds.
            if touched.is_none() {
                crate::render::search::write(site, &prepared.templates.strings, &sink)?;
            }
            more = crate::render::finish(
                site,
                &prepared.templates,
                &prepared.written,
                &rendered,
                touched.as_ref(),
                &sink,
            )?;
        }
        diags.extend(more);
        if diags.iter().any(crate::Diagnostic::is_error) {
            return Ok(Err(crate::diagnostic::sorted(diags)));
        }
        for d in &diags {
            eprintln!("{d}");
        }
        let fresh = out
            .into_inner()
            .map_err(|_| anyhow::anyhow!("a rendering thread failed"))?;
        self.rendered = fresh.len();
        // A build of every page writes the index too; an edit's leaves it to `index`.
        self.index_stale = touched.is_some();
        files.extend(fresh.into_iter().map(|(p, b)| (Arc::from(p), Arc::from(b))));
        for s in &prepared.statics {
            let bytes = std::fs::read(&s.source)
                .with_context(|| format!("failed to read {}", s.source.display()))?;
            files.insert(Arc::from(s.path.as_str()), Arc::from(bytes));
        }
        let result = files.clone();
        self.last = Some(Last {
            prepared,
            files,
            rendered,
        });
        Ok(Ok(result))
    }
}

impl Session {
    /// After a build that left the search index as it was (an edit: its pages are served
    /// first), writes the index of the site as built; the files then, if it was stale.
    pub(super) fn index(&mut self) -> Option<Served> {
        if !std::mem::take(&mut self.index_stale) {
            return None;
        }
        let last = self.last.as_mut()?;
        let out = std::sync::Mutex::new(Files::new());
        let strings = &last.prepared.templates.strings;
        crate::render::search::write(&last.prepared.site, strings, &|path: &str, bytes: &[u8]| {
            out.lock()
                .map_err(|_| anyhow::anyhow!("a thread writing the index failed"))?
                .insert(path.to_string(), bytes.to_vec());
            Ok(())
        })
        .ok()?;
        let fresh = out.into_inner().ok()?;
        // Written whole: files of the old one may be gone.
        last.files.retain(|p| !crate::render::search::is_index(p));
        last.files
            .extend(fresh.into_iter().map(|(p, b)| (Arc::from(p), Arc::from(b))));
        Some(last.files.clone())
    }
}

#[cfg(test)]
mod tests;
