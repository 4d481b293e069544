//! Content files changed in place by a command (`import --revise`, `check --fix-quotes`):
//! the front matter edited through `toml_edit`, which keeps every other key, comment and
//! line as written; the file written whole or not at all.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result, anyhow};
use toml_edit::DocumentMut;

use super::read::split_front_matter;

/// A content file opened for editing.
pub struct Edit {
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
    /// Opens `path`, which must have front matter that parses.
    pub fn open(path: &Path, rel: &str) -> Result<Edit> {
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
    /// never left half-written.
    pub fn write(&self) -> Result<()> {
        let text = self.after();
        let dir = self.path.parent().unwrap_or(Path::new("."));
        let name = self
            .path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let tmp = dir.join(format!(".{name}.explainer-tmp"));
        std::fs::write(&tmp, text).with_context(|| format!("failed to write {}", tmp.display()))?;
        std::fs::rename(&tmp, &self.path).map_err(|e| {
            let _ = std::fs::remove_file(&tmp);
            anyhow!("failed to replace {}: {e}", self.path.display())
        })
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
        let mut e = Edit::open(&path, "a.md").unwrap();
        assert_eq!(e.after(), text);
        set_string(e.front["quote"].as_value_mut().unwrap(), "new \"one\"");
        e.write().unwrap();
        assert_eq!(
            std::fs::read_to_string(&path).unwrap(),
            "+++\n# A comment.\nquote   = 'new \"one\"'  # why\nkind = \"context\"\n+++\n\nThe body.\r\n"
        );
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }
}
