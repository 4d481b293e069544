//! Where a build may write: the output folder named is read as the system reads it and
//! refused when replacing it would lose anything (the site's own folders, a folder of
//! other files, something that is not a folder).

use std::fs;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};

use super::MARKER;

/// Refuses output folders that a build must never replace.
pub fn check_target(root: &Path, out: &Path) -> Result<()> {
    check_kind(out)?;
    let root = absolute(root)?;
    let out = absolute(out)?;
    let home = std::env::var_os("HOME").map(PathBuf::from);
    if out.parent().is_none() || home.as_deref() == Some(out.as_path()) {
        bail!(
            "refusing to write the site into {}: choose an output folder of its own",
            out.display()
        );
    }
    if root.starts_with(&out) {
        bail!(
            "refusing to write the site into {}: it holds the site's own files",
            out.display()
        );
    }
    for own in ["content", "templates", "static", "i18n"] {
        if out.starts_with(root.join(own)) {
            bail!(
                "refusing to write the site into {}: it is inside {own}/",
                out.display()
            );
        }
    }
    if out.is_dir() && !out.join(MARKER).exists() && fs::read_dir(&out)?.next().is_some() {
        bail!(
            "refusing to replace {}: it is not empty and was not written by explainer (no {MARKER} in it); remove it or choose another --output",
            out.display()
        );
    }
    Ok(())
}

/// Refuses an output path that exists and is not a folder (a file, FIFO, socket, device,
/// or a symlink to one of them or to nothing), and one below something that is not a
/// folder: a build renames the output aside and puts a folder in its place, which must
/// never happen to anything but a folder of its own.
fn check_kind(out: &Path) -> Result<()> {
    match fs::symlink_metadata(out) {
        Ok(meta) => {
            let target = if meta.file_type().is_symlink() {
                match fs::metadata(out) {
                    Ok(target) => target,
                    Err(_) => bail!(
                        "{} is a symbolic link that leads nowhere, not a folder; remove it or choose another --output",
                        out.display()
                    ),
                }
            } else {
                meta
            };
            if !target.is_dir() {
                bail!(
                    "{} is {}, not a folder; choose another --output",
                    out.display(),
                    kind_of(&target.file_type())
                );
            }
            Ok(())
        }
        Err(e)
            if matches!(
                e.kind(),
                std::io::ErrorKind::NotFound | std::io::ErrorKind::NotADirectory
            ) =>
        {
            // The first ancestor that exists must be a folder, or the build could not
            // create the output in it.
            let mut ancestor = out.parent();
            while let Some(dir) = ancestor.filter(|d| !d.as_os_str().is_empty()) {
                if let Ok(meta) = fs::metadata(dir) {
                    if !meta.is_dir() {
                        bail!(
                            "cannot write the site into {}: {} is {}, not a folder",
                            out.display(),
                            dir.display(),
                            kind_of(&meta.file_type())
                        );
                    }
                    break;
                }
                ancestor = dir.parent();
            }
            Ok(())
        }
        Err(e) => Err(e).with_context(|| format!("cannot use {} as the output", out.display())),
    }
}

/// "a file", "a FIFO", … for messages.
fn kind_of(t: &fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if t.is_fifo() {
            return "a FIFO (named pipe)";
        }
        if t.is_socket() {
            return "a socket";
        }
        if t.is_char_device() || t.is_block_device() {
            return "a device";
        }
    }
    if t.is_file() {
        "a file"
    } else {
        "a special file"
    }
}

/// `p` as an absolute path, read as the system reads it: `..` and links resolved where
/// the path exists, the part that does not exist yet kept as written.
pub(crate) fn absolute(p: &Path) -> Result<PathBuf> {
    use std::path::Component;
    let abs = if p.is_absolute() {
        p.to_path_buf()
    } else {
        std::env::current_dir()?.join(p)
    };
    // `..` is the folder before, as the system reads it: through the links of the part
    // that exists, and, after a folder that does not exist yet, that folder taken off
    // (`new/../content` is `content` once `new` is made).
    let mut plain = PathBuf::new();
    for c in abs.components() {
        match c {
            Component::ParentDir => {
                if plain.exists() {
                    plain = plain.canonicalize()?;
                }
                plain.pop();
            }
            Component::CurDir => {}
            other => plain.push(other),
        }
    }
    // Links resolved where the path exists; the rest kept as written.
    let mut existing = plain.clone();
    let mut tail = Vec::new();
    while !existing.exists() {
        match (existing.file_name(), existing.parent()) {
            (Some(name), Some(parent)) => {
                tail.push(name.to_os_string());
                existing = parent.to_path_buf();
            }
            _ => break,
        }
    }
    let mut out = existing.canonicalize().unwrap_or(existing);
    for name in tail.into_iter().rev() {
        out.push(name);
    }
    Ok(out)
}
