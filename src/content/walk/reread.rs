//! Reading again only the files an edit changed, into the listings of the last load.

use std::path::Path;
use std::sync::Arc;

use super::super::schema::Front;
use super::{Entry, FileCache, Gathered, Listing, Read, Stamp, read_text};

/// Reads again the files of `changed` into the listings of `cache`; `false` (and the
/// listings unchanged) when a path is one the listings cannot account for.
pub(super) fn reread(
    root: &Path,
    cache: &mut FileCache,
    changed: &std::collections::BTreeSet<String>,
) -> bool {
    let mut files = Vec::new();
    for path in changed {
        let Some(rest) = path.strip_prefix("content/") else {
            // `templates/` and `static/` are read by every build.
            continue;
        };
        let parts: Vec<&str> = rest.split('/').collect();
        // Hidden files and folders are never read, nor is site.toml kept.
        if parts.iter().any(|p| p.starts_with('.')) || rest == "site.toml" {
            continue;
        }
        let known = match parts[..] {
            [kind, name] if name.ends_with(".md") => match kind {
                "articles" => cache.articles.knows(path),
                "actors" => cache.actors.knows(path),
                "positions" => cache.positions.knows(path),
                "annotations" => cache.annotations.knows(path),
                _ => false,
            },
            _ => false,
        };
        if !known {
            return false;
        }
        // A file that cannot be read now may have gone: the walk will tell.
        let full = root.join(path);
        let Ok(meta) = std::fs::metadata(&full) else {
            return false;
        };
        if !meta.is_file() {
            return false;
        }
        let Ok(bytes) = std::fs::read(&full) else {
            return false;
        };
        let stamp = meta.modified().ok().map(|m| (m, meta.len()));
        files.push((parts[0], path.clone(), stamp, bytes));
    }
    for (kind, path, stamp, bytes) in files {
        match kind {
            "articles" => cache.articles.replace(path, stamp, bytes),
            "actors" => cache.actors.replace(path, stamp, bytes),
            "positions" => cache.positions.replace(path, stamp, bytes),
            _ => cache.annotations.replace(path, stamp, bytes),
        }
    }
    true
}

impl<F: Front + Send + Sync> Listing<F> {
    /// Whether `path` is a `.md` file of this listing, and one that no other name leads to.
    fn knows(&self, path: &str) -> bool {
        !self.links && self.at.contains_key(path)
    }

    /// Puts what the new text of the known file `path` gives in place of the old.
    fn replace(&mut self, path: String, stamp: Stamp, bytes: Vec<u8>) {
        let read = read_text(&path, bytes);
        let entry = self.at.get(&path).and_then(|&i| self.entries.get_mut(i));
        if let Some(Entry::File(p, s, r)) = entry {
            if *p == path {
                *s = stamp;
                let old = std::mem::replace(r, read);
                if !patch(self.gathered.as_mut(), &old, r) {
                    self.gathered = None;
                }
            }
        }
    }
}

/// Puts the file `new` gives in place of the one `old` gave in `gathered`, when both
/// parsed without a diagnostic (an edit of a valid file that leaves it valid): `gather`
/// then need not go through the folder's thousands of files again. `false` when it
/// cannot, and `gathered` must be made again.
fn patch<F>(gathered: Option<&mut Gathered<F>>, old: &Read<F>, new: &Read<F>) -> bool {
    let (Some(g), Read::Parsed(old), Read::Parsed(new)) = (gathered, old, new) else {
        return false;
    };
    let ((Ok(old), old_diags), (Ok(new), new_diags)) = (&**old, &**new) else {
        return false;
    };
    if !old_diags.is_empty() || !new_diags.is_empty() {
        return false;
    }
    let Some(i) = g.files.iter().position(|f| Arc::ptr_eq(f, old)) else {
        return false;
    };
    Arc::make_mut(&mut g.files)[i] = Arc::clone(new);
    true
}
