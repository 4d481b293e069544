//! The commit that `explainer --version` names, found when the binary is built.
//!
//! Shared by `build.rs` and its test (`tests/version.rs`). It uses nothing but std,
//! since a build script cannot use the crate it builds.

use std::path::{Path, PathBuf};
use std::process::Command;

/// What `--version` says when the commit is not known: a build from a folder that is
/// neither a git checkout nor a package of crates.io, or a machine without git.
pub const UNKNOWN: &str = "unknown";

/// How many hex digits of the commit are shown, as `git rev-parse --short=12` does.
pub const SHORT: usize = 12;

/// The commit the source in `dir` was made from: `overriding` when it says something
/// (the variable EXPLAINER_COMMIT), else the HEAD of the git checkout whose top folder is
/// `dir`, else the commit that `cargo package` recorded in `.cargo_vcs_info.json`, else
/// [`UNKNOWN`]. A commit is shortened to [`SHORT`] digits.
pub fn commit(dir: &Path, overriding: Option<&str>) -> String {
    if let Some(given) = overriding.map(str::trim).filter(|s| !s.is_empty()) {
        return given.chars().filter(|c| !c.is_control()).collect();
    }
    git_head(dir)
        .or_else(|| packaged(dir))
        .map(|hash| hash[..SHORT].to_string())
        .unwrap_or_else(|| UNKNOWN.to_string())
}

/// The files whose change means another commit: the checkout's HEAD, the branch it is
/// on and the packed refs (those that exist; a build script that names a missing file
/// runs on every build).
pub fn watched_files(dir: &Path) -> Vec<PathBuf> {
    if top_level(dir).is_none() {
        return Vec::new();
    }
    let mut names = vec!["HEAD".to_string(), "packed-refs".to_string()];
    if let Some(branch) = git(dir, &["symbolic-ref", "-q", "HEAD"]) {
        names.push(branch);
    }
    names
        .iter()
        .filter_map(|name| git(dir, &["rev-parse", "--git-path", name]))
        .map(|p| dir.join(p))
        .filter(|p| p.exists())
        .collect()
}

/// The HEAD of the checkout whose top folder is `dir`; not that of a checkout `dir`
/// merely lies in (a crate unpacked inside someone's home folder under git).
fn git_head(dir: &Path) -> Option<String> {
    top_level(dir)?;
    git(dir, &["rev-parse", "HEAD"]).filter(|h| is_hash(h))
}

fn top_level(dir: &Path) -> Option<()> {
    let top = git(dir, &["rev-parse", "--show-toplevel"])?;
    let same = Path::new(&top).canonicalize().ok()? == dir.canonicalize().ok()?;
    same.then_some(())
}

/// The commit of `.cargo_vcs_info.json`, which `cargo package` writes into a crate:
/// `{"git": {"sha1": "…"}, …}`.
fn packaged(dir: &Path) -> Option<String> {
    let text = std::fs::read_to_string(dir.join(".cargo_vcs_info.json")).ok()?;
    let after = &text[text.find("\"sha1\"")? + "\"sha1\"".len()..];
    let value = after
        .trim_start()
        .strip_prefix(':')?
        .trim_start()
        .strip_prefix('"')?;
    let hash = &value[..value.find('"')?];
    is_hash(hash).then(|| hash.to_string())
}

fn is_hash(s: &str) -> bool {
    s.len() >= SHORT && s.bytes().all(|b| b.is_ascii_hexdigit())
}

/// What `git ARGS` printed in `dir`, trimmed; `None` when git is missing or failed.
fn git(dir: &Path, args: &[&str]) -> Option<String> {
    let out = Command::new("git")
        .args(args)
        .current_dir(dir)
        .env_remove("GIT_DIR")
        .env_remove("GIT_WORK_TREE")
        .output()
        .ok()?;
    let text = String::from_utf8(out.stdout).ok()?;
    (out.status.success() && !text.trim().is_empty()).then(|| text.trim().to_string())
}
