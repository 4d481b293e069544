//! Content files changed in place by a command (`import --revise`, `check --fix-quotes`):
//! the front matter edited through `toml_edit`, which keeps every other key, comment and
//! line as written; the file written whole or not at all.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result, anyhow, bail};
use toml_edit::DocumentMut;

use super::read::split_front_matter;

/// A content file opened for editing.
pub struct Edit {
    /// The site's folder.
    root: PathBuf,
    /// The file, relative to `root`.
    rel: String,
    /// The file, as given.
    pub path: PathBuf,
    /// Its text as read.
    pub before: String,
    /// Its front matter, to edit.
    pub front: DocumentMut,
    /// Where the front matter is in `before`.
    front_at: std::ops::Range<usize>,
    /// The body to write (as read, unless replaced).
    pub body: String,
    body_at: usize,
}

impl Edit {
    /// Opens the file `rel` of the site at `root`, which must have front matter that
    /// parses.
    pub fn open(root: &Path, rel: &str) -> Result<Edit> {
        let path = &root.join(rel);
        let before =
            std::fs::read_to_string(path).with_context(|| format!("failed to read {rel}"))?;
        // A byte-order mark is kept as it is, before the front matter.
        let text = before.strip_prefix('\u{feff}').unwrap_or(&before);
        let split = split_front_matter(text).map_err(|d| anyhow!("{rel}: {}", d.message))?;
        let start = split.front.as_ptr() as usize - before.as_ptr() as usize;
        let front_at = start..start + split.front.len();
        let body_at = split.body.as_ptr() as usize - before.as_ptr() as usize;
        let front = split
            .front
            .parse::<DocumentMut>()
            .map_err(|e| anyhow!("{rel}: the front matter is not valid TOML: {e}"))?;
        Ok(Edit {
            root: root.to_path_buf(),
            rel: rel.to_string(),
            path: path.to_path_buf(),
            body: before[body_at..].to_string(),
            front,
            front_at,
            body_at,
            before,
        })
    }

    /// The file's text after the edits: each line as it was keeps its line ending, a
    /// changed or added line gets the file's own (that of its first line).
    pub fn after(&self) -> String {
        keep_endings(&self.before, &self.edited())
    }

    /// The file's text after the edits, with the line endings `toml_edit` and the new
    /// body give.
    fn edited(&self) -> String {
        let mut front = self.front.to_string();
        if !front.is_empty() && !front.ends_with('\n') {
            front.push('\n');
        }
        [
            &self.before[..self.front_at.start],
            &front,
            &self.before[self.front_at.end..self.body_at],
            &self.body,
        ]
        .concat()
    }

    /// Writes the file: to a new file beside it, then renamed over it, so that it is
    /// never left half-written. The file a symbolic link leads to is the one written
    /// (the link stays), with the permissions it had; one with other names (hard links)
    /// is written in place once the new file is whole, so that every name keeps it. A
    /// file outside the site is not written.
    pub fn write(&self) -> Result<()> {
        let rel = &self.rel;
        let target =
            std::fs::canonicalize(&self.path).with_context(|| format!("failed to find {rel}"))?;
        if !super::link_stays_inside(&self.root, &self.path) {
            bail!(
                "{rel} leads outside the site (to {}): nothing was written",
                target.display()
            );
        }
        let meta = std::fs::metadata(&target).with_context(|| format!("failed to read {rel}"))?;
        let dir = target.parent().unwrap_or(Path::new("."));
        let name = target
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let tmp = dir.join(format!(".{name}.explainer-tmp"));
        let written = std::fs::write(&tmp, self.after())
            .and_then(|()| std::fs::set_permissions(&tmp, meta.permissions()));
        if let Err(e) = written {
            let _ = std::fs::remove_file(&tmp);
            bail!("failed to write {}: {e}", tmp.display());
        }
        let placed = if links(&meta) > 1 {
            std::fs::copy(&tmp, &target)
                .map(|_| ())
                .and_then(|()| std::fs::remove_file(&tmp))
        } else {
            std::fs::rename(&tmp, &target)
        };
        placed.map_err(|e| {
            let _ = std::fs::remove_file(&tmp);
            anyhow!("failed to replace {rel}: {e}")
        })
    }
}

/// How many names (hard links) the file of `meta` has; 1 where that is not known.
fn links(meta: &std::fs::Metadata) -> u64 {
    #[cfg(unix)]
    {
        std::os::unix::fs::MetadataExt::nlink(meta)
    }
    #[cfg(not(unix))]
    {
        let _ = meta;
        1
    }
}

/// `after` with the line endings of `before`: a line found unchanged (but for its
/// ending) keeps the ending it had, any other line ending in `\n` gets the ending of the
/// first line of `before`.
fn keep_endings(before: &str, after: &str) -> String {
    let lines = |t: &str| -> Vec<(String, String)> {
        t.split_inclusive('\n')
            .map(|l| {
                let text = l.strip_suffix('\n').unwrap_or(l);
                let text = text.strip_suffix('\r').unwrap_or(text);
                (text.to_string(), l[text.len()..].to_string())
            })
            .collect()
    };
    let (old, new) = (lines(before), lines(after));
    let own = old.first().map_or("\n", |(_, end)| end.as_str());
    let own = if own.is_empty() { "\n" } else { own };
    let old_text: Vec<&str> = old.iter().map(|(t, _)| t.as_str()).collect();
    let new_text: Vec<&str> = new.iter().map(|(t, _)| t.as_str()).collect();
    let mut out = String::with_capacity(after.len());
    for op in similar::capture_diff_slices(similar::Algorithm::Myers, &old_text, &new_text) {
        for (i, j) in op
            .iter_changes(&old_text, &new_text)
            .filter_map(|c| Some((c.old_index(), c.new_index()?)))
        {
            let (text, end) = &new[j];
            out.push_str(text);
            out.push_str(match i {
                _ if end.is_empty() => "",
                Some(i) if !old[i].1.is_empty() => &old[i].1,
                _ => own,
            });
        }
    }
    out
}

/// Sets the string `value` of `item`, keeping the spaces and comments around it.
pub fn set_string(item: &mut toml_edit::Value, value: &str) {
    let decor = item.decor().clone();
    *item = toml_edit::Value::from(value);
    *item.decor_mut() = decor;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_edit_keeps_every_other_byte_of_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.md");
        let text =
            "+++\n# A comment.\nquote   = \"old\"  # why\nkind = \"context\"\n+++\n\nThe body.\r\n";
        std::fs::write(&path, text).unwrap();
        let mut e = Edit::open(dir.path(), "a.md").unwrap();
        assert_eq!(e.after(), text);
        set_string(e.front["quote"].as_value_mut().unwrap(), "new \"one\"");
        e.write().unwrap();
        assert_eq!(
            std::fs::read_to_string(&path).unwrap(),
            "+++\n# A comment.\nquote   = 'new \"one\"'  # why\nkind = \"context\"\n+++\n\nThe body.\r\n"
        );
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    /// A site with the file `content/a.md`, and an edit of its quote.
    #[cfg(unix)]
    fn edited(root: &Path, rel: &str) -> Result<()> {
        let mut e = Edit::open(root, rel)?;
        set_string(e.front["quote"].as_value_mut().unwrap(), "new");
        e.write()
    }

    #[cfg(unix)]
    const TEXT: &str = "+++\nquote = \"old\"\n+++\n\nBody.\n";

    #[cfg(unix)]
    #[test]
    fn an_edit_writes_what_a_link_leads_to_and_keeps_the_link_and_the_permissions() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir_all(root.join("content")).unwrap();
        std::fs::create_dir_all(root.join("drafts")).unwrap();
        let draft = root.join("drafts/a.md");
        std::fs::write(&draft, TEXT).unwrap();
        std::fs::set_permissions(&draft, std::fs::Permissions::from_mode(0o600)).unwrap();
        std::os::unix::fs::symlink("../drafts/a.md", root.join("content/a.md")).unwrap();
        // Another name of the same file.
        std::fs::hard_link(&draft, root.join("drafts/b.md")).unwrap();
        edited(root, "content/a.md").unwrap();
        let link = std::fs::symlink_metadata(root.join("content/a.md")).unwrap();
        assert!(link.file_type().is_symlink());
        for name in ["drafts/a.md", "drafts/b.md"] {
            let text = std::fs::read_to_string(root.join(name)).unwrap();
            assert!(text.contains("quote = \"new\""), "{name}: {text}");
            let mode = std::fs::metadata(root.join(name))
                .unwrap()
                .permissions()
                .mode();
            assert_eq!(mode & 0o777, 0o600, "{name}");
        }
        // No file is left beside them.
        assert_eq!(std::fs::read_dir(root.join("drafts")).unwrap().count(), 2);
        assert_eq!(std::fs::read_dir(root.join("content")).unwrap().count(), 1);
    }

    #[cfg(unix)]
    #[test]
    fn an_edit_does_not_write_a_file_outside_the_site() {
        let outside = tempfile::tempdir().unwrap();
        let file = outside.path().join("a.md");
        std::fs::write(&file, TEXT).unwrap();
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("content")).unwrap();
        std::os::unix::fs::symlink(&file, dir.path().join("content/a.md")).unwrap();
        let err = edited(dir.path(), "content/a.md").unwrap_err().to_string();
        assert!(err.contains("leads outside the site"), "{err}");
        assert_eq!(std::fs::read_to_string(&file).unwrap(), TEXT);
        assert_eq!(std::fs::read_dir(outside.path()).unwrap().count(), 1);
    }
}
