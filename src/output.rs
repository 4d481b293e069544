//! Writing the site: everything goes into a fresh folder beside the target, which is
//! swapped in only once it is complete. A failed build leaves the old output as it was.

use std::fs;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};

#[path = "output_target.rs"]
mod target;
pub(crate) use target::absolute;
pub use target::check_target;

/// Marks a folder as explainer's output, so that a later build may replace it.
pub const MARKER: &str = ".explainer-output";

/// A file copied from `static/`: its output path and its source.
#[derive(Debug, Clone)]
pub struct StaticFile {
    /// Path in the output, `/`-separated.
    pub path: String,
    /// The file to copy.
    pub source: PathBuf,
}

/// Lists the files of `root/static`, sorted. A symbolic link to a folder inside the site
/// is followed (its files are copied); one that leads outside, nowhere or into a folder
/// that holds it is a diagnostic.
pub fn static_files(root: &Path, diags: &mut Vec<crate::Diagnostic>) -> Result<Vec<StaticFile>> {
    let dir = root.join("static");
    let mut out = Vec::new();
    if !crate::content::is_folder(root, "static", diags) {
        return Ok(out);
    }
    let rel_of = |p: &Path| {
        p.strip_prefix(&dir)
            .unwrap_or(p)
            .to_string_lossy()
            .replace('\\', "/")
    };
    let mut walk = walkdir::WalkDir::new(&dir)
        .min_depth(1)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter();
    while let Some(entry) = walk.next() {
        let entry = match entry {
            Ok(entry) => entry,
            Err(e) => {
                // A link that loops, or that leads nowhere; not a hidden one, which is
                // left out anyway (Emacs's `.#name` lock leads nowhere).
                let hidden = (e.path().and_then(|p| p.file_name()))
                    .is_some_and(|n| n.to_string_lossy().starts_with('.'));
                if hidden {
                    continue;
                }
                let link = e.path().filter(|p| p.is_symlink());
                match (link, e.loop_ancestor()) {
                    (Some(p), Some(_)) => diags.push(crate::Diagnostic::error(
                        format!("static/{}", rel_of(p)),
                        Some(1),
                        "a symbolic link to a folder that holds it: its files would be copied without end (remove the link)",
                    )),
                    (Some(p), None) => diags.push(crate::content::outside_link(&format!(
                        "static/{}",
                        rel_of(p)
                    ))),
                    _ => return Err(e).with_context(|| format!("failed to read {}", dir.display())),
                }
                continue;
            }
        };
        let rel = rel_of(entry.path());
        // Hidden files and folders (`.git`, `.env`, `.DS_Store`, `.gitkeep`) are an
        // editor's or a tool's, not the readers': they are not published, as Jekyll
        // leaves them out (`.well-known/` is published).
        let name = entry.file_name().to_string_lossy();
        if name.starts_with('.') && name != ".well-known" {
            if entry.file_type().is_dir() {
                walk.skip_current_dir();
            }
            continue;
        }
        if entry.path_is_symlink() && !crate::content::link_stays_inside(root, entry.path()) {
            diags.push(crate::content::outside_link(&format!("static/{rel}")));
            if entry.file_type().is_dir() {
                walk.skip_current_dir();
            }
            continue;
        }
        if entry.path_is_symlink() && entry.file_type().is_dir() && in_an_output(entry.path()) {
            diags.push(crate::Diagnostic::error(
                format!("static/{rel}"),
                Some(1),
                "a symbolic link into a site that explainer wrote: each build would copy the last one into itself (remove the link)",
            ));
            walk.skip_current_dir();
            continue;
        }
        if entry.file_type().is_dir() {
            continue;
        }
        // A FIFO, socket or device: reading one blocks or never ends.
        if !entry.file_type().is_file() {
            diags.push(crate::Diagnostic::error(
                format!("static/{rel}"),
                Some(1),
                "is not a file or a folder (a special file): static/ is copied into the site; remove it",
            ));
            continue;
        }
        out.push(StaticFile {
            path: rel,
            source: entry.path().to_path_buf(),
        });
    }
    Ok(out)
}

/// Whether `path` (a folder) is, or is inside, a site that explainer wrote: a folder
/// from it up holds the output's mark.
fn in_an_output(path: &Path) -> bool {
    std::fs::canonicalize(path).is_ok_and(|real| real.ancestors().any(|a| a.join(MARKER).is_file()))
}

/// A site being written: files go into a fresh folder beside the target, which replaces
/// the target only when `finish` is called. Dropped unfinished, it leaves no trace.
pub struct Staging {
    tmp: PathBuf,
    out: PathBuf,
    old: PathBuf,
    done: bool,
    /// The staging folder, open: files are created relative to it, so that the kernel
    /// does not walk the whole path again for each of thousands of files.
    #[cfg(target_os = "linux")]
    dir: rustix::fd::OwnedFd,
}

impl Staging {
    /// Starts writing a site that will replace `out`.
    pub fn new(out: &Path) -> Result<Staging> {
        let out = absolute(out)?;
        let parent = out
            .parent()
            .context("the output folder has no parent")?
            .to_path_buf();
        let name = out
            .file_name()
            .context("the output folder has no name")?
            .to_string_lossy()
            .into_owned();
        fs::create_dir_all(&parent)
            .with_context(|| format!("failed to create {}", parent.display()))?;
        clean_leftovers(&parent, &name)?;
        let pid = std::process::id();
        let tmp = parent.join(format!(".{name}.tmp-{pid}"));
        fs::create_dir_all(&tmp).with_context(|| format!("failed to create {}", tmp.display()))?;
        #[cfg(target_os = "linux")]
        let dir = rustix::fs::open(
            &tmp,
            rustix::fs::OFlags::DIRECTORY | rustix::fs::OFlags::CLOEXEC,
            rustix::fs::Mode::empty(),
        )
        .with_context(|| format!("failed to open {}", tmp.display()))?;
        Ok(Staging {
            old: parent.join(format!(".{name}.old-{pid}")),
            tmp,
            out,
            done: false,
            #[cfg(target_os = "linux")]
            dir,
        })
    }

    /// Writes one file of the site (safe to call from several threads).
    pub fn put(&self, path: &str, bytes: &[u8]) -> Result<()> {
        #[cfg(target_os = "linux")]
        {
            self.put_at(path, bytes)
                .with_context(|| format!("failed to write {}", self.tmp.join(path).display()))
        }
        #[cfg(not(target_os = "linux"))]
        self.put_by_path(path, bytes)
    }

    /// Puts the file `source` at `path` of the site: a hard link to it where the file
    /// system allows (a card from the cache beside the output), else a copy.
    pub fn place(&self, path: &str, source: &Path) -> Result<()> {
        let target = self.tmp.join(path);
        if let Some(parent) = target.parent() {
            fs::create_dir_all(parent)
                .with_context(|| format!("failed to create {}", parent.display()))?;
        }
        if fs::hard_link(source, &target).is_err() {
            fs::copy(source, &target)
                .with_context(|| format!("failed to write {}", target.display()))?;
        }
        Ok(())
    }

    /// `put`, relative to the open staging folder.
    #[cfg(target_os = "linux")]
    fn put_at(&self, path: &str, bytes: &[u8]) -> std::io::Result<()> {
        use rustix::fs::{Mode, OFlags, openat};
        use std::io::Write;
        let open = || {
            openat(
                &self.dir,
                path,
                OFlags::WRONLY | OFlags::CREATE | OFlags::TRUNC | OFlags::CLOEXEC,
                Mode::from_raw_mode(0o666),
            )
        };
        // Opened first, its folders made only when missing: most files go into a folder
        // that is there already (a page's folder holds its other files), and a call to
        // make one that exists costs as much as the open.
        let fd = match (open(), path.rsplit_once('/')) {
            (Err(rustix::io::Errno::NOENT), Some((dir, _))) => {
                self.mkdirs_at(dir)?;
                open()?
            }
            (fd, _) => fd?,
        };
        fs::File::from(fd).write_all(bytes)
    }

    /// Creates the folder `dir` of the staging folder and its parents, as needed.
    #[cfg(target_os = "linux")]
    fn mkdirs_at(&self, dir: &str) -> std::io::Result<()> {
        use rustix::fs::{Mode, mkdirat};
        use rustix::io::Errno;
        match mkdirat(&self.dir, dir, Mode::from_raw_mode(0o777)) {
            Ok(()) | Err(Errno::EXIST) => Ok(()),
            Err(Errno::NOENT) => {
                if let Some((parent, _)) = dir.rsplit_once('/') {
                    self.mkdirs_at(parent)?;
                }
                match mkdirat(&self.dir, dir, Mode::from_raw_mode(0o777)) {
                    Ok(()) | Err(Errno::EXIST) => Ok(()),
                    Err(e) => Err(e.into()),
                }
            }
            Err(e) => Err(e.into()),
        }
    }

    #[cfg(not(target_os = "linux"))]
    fn put_by_path(&self, path: &str, bytes: &[u8]) -> Result<()> {
        let dest = self.tmp.join(path);
        if let Some(dir) = dest.parent() {
            fs::create_dir_all(dir)
                .with_context(|| format!("failed to create {}", dir.display()))?;
        }
        fs::write(&dest, bytes).with_context(|| format!("failed to write {}", dest.display()))
    }

    /// Copies `static/`, marks the folder as explainer's, and swaps it in.
    pub fn finish(mut self, statics: &[StaticFile]) -> Result<PathBuf> {
        for file in statics {
            let dest = self.tmp.join(&file.path);
            if let Some(dir) = dest.parent() {
                fs::create_dir_all(dir)
                    .with_context(|| format!("failed to create {}", dir.display()))?;
            }
            fs::copy(&file.source, &dest)
                .with_context(|| format!("failed to copy {}", file.source.display()))?;
        }
        let marker = self.tmp.join(MARKER);
        fs::write(
            &marker,
            "This folder is written by explainer; a build replaces it whole.\n",
        )
        .with_context(|| format!("failed to write {}", marker.display()))?;
        swap(&self.tmp, &self.out, &self.old)?;
        self.done = true;
        Ok(self.out.clone())
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.done {
            let _ = fs::remove_dir_all(&self.tmp);
        }
    }
}

/// Writes `files` and `statics` into `out` in one go.
pub fn write(out: &Path, files: &crate::render::Files, statics: &[StaticFile]) -> Result<PathBuf> {
    let staging = Staging::new(out)?;
    for (path, bytes) in files {
        staging.put(path, bytes)?;
    }
    staging.finish(statics)
}

/// Removes folders left by builds that were killed half-way; restores the previous site
/// if a build was killed after moving it aside and before putting the new one in place.
fn clean_leftovers(parent: &Path, name: &str) -> Result<()> {
    let tmp = format!(".{name}.tmp-");
    let old = format!(".{name}.old-");
    let out = parent.join(name);
    let mut entries: Vec<fs::DirEntry> = fs::read_dir(parent)
        .with_context(|| format!("failed to read {}", parent.display()))?
        .collect::<Result<_, _>>()?;
    entries.sort_by_key(|e| e.file_name());
    for entry in entries {
        let n = entry.file_name().to_string_lossy().into_owned();
        if n.starts_with(&old) && !out.exists() && entry.path().join(MARKER).exists() {
            fs::rename(entry.path(), &out)
                .with_context(|| format!("failed to restore {}", out.display()))?;
        } else if n.starts_with(&tmp) || n.starts_with(&old) {
            fs::remove_dir_all(entry.path())
                .with_context(|| format!("failed to remove {}", entry.path().display()))?;
        }
    }
    Ok(())
}

/// Puts the finished site `tmp` in place of `out`. On Linux the two folders are exchanged
/// in one atomic step, so `out` is always a whole site, old or new; elsewhere the old one
/// is moved aside first (and restored by the next build if this one is killed between).
fn swap(tmp: &Path, out: &Path, old: &Path) -> Result<()> {
    if !out.exists() {
        return fs::rename(tmp, out)
            .with_context(|| format!("failed to put the new site in {}", out.display()));
    }
    #[cfg(target_os = "linux")]
    {
        use rustix::fs::{CWD, RenameFlags, renameat_with};
        if renameat_with(CWD, tmp, CWD, out, RenameFlags::EXCHANGE).is_ok() {
            // `tmp` now holds the old site.
            return fs::remove_dir_all(tmp)
                .with_context(|| format!("failed to remove {}", tmp.display()));
        }
    }
    fs::rename(out, old)
        .with_context(|| format!("failed to move the old {} aside", out.display()))?;
    if let Err(e) = fs::rename(tmp, out) {
        let _ = fs::rename(old, out);
        return Err(e).with_context(|| format!("failed to put the new site in {}", out.display()));
    }
    fs::remove_dir_all(old).with_context(|| format!("failed to remove {}", old.display()))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_dangerous_targets() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        fs::create_dir_all(root.join("content")).unwrap();
        assert!(check_target(root, root).is_err());
        assert!(check_target(root, &root.join("content/x")).is_err());
        assert!(check_target(root, Path::new("/")).is_err());
        assert!(check_target(root, &root.join("public")).is_ok());
        fs::create_dir_all(root.join("other")).unwrap();
        fs::write(root.join("other/keep.txt"), "x").unwrap();
        assert!(check_target(root, &root.join("other")).is_err());
        fs::write(root.join("other").join(MARKER), "").unwrap();
        assert!(check_target(root, &root.join("other")).is_ok());
    }

    #[test]
    fn writes_and_replaces_whole() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        let mut files = crate::Files::new();
        files.insert("a/index.html".into(), b"one".to_vec());
        write(&out, &files, &[]).unwrap();
        assert_eq!(fs::read(out.join("a/index.html")).unwrap(), b"one");
        fs::create_dir_all(dir.path().join(".public.tmp-1")).unwrap();
        let mut files = crate::Files::new();
        files.insert("b.txt".into(), b"two".to_vec());
        write(&out, &files, &[]).unwrap();
        assert!(!out.join("a").exists());
        assert_eq!(fs::read(out.join("b.txt")).unwrap(), b"two");
        let names: Vec<_> = fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, ["public"], "leftovers are cleaned");
    }
}
