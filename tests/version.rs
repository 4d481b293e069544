//! `explainer --version` names the version and the commit it was built from, found as
//! build.rs finds it: EXPLAINER_COMMIT, the git checkout, a crate's
//! `.cargo_vcs_info.json`, or `unknown`.

#[path = "../build/commit.rs"]
mod commit;

use std::path::Path;
use std::process::Command;

fn version_line() -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_explainer"))
        .arg("--version")
        .env_remove("RUST_BACKTRACE")
        .output()
        .unwrap();
    assert!(out.status.success());
    String::from_utf8(out.stdout).unwrap()
}

fn git_available() -> bool {
    Command::new("git")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
}

fn git(dir: &Path, args: &[&str]) -> String {
    let out = Command::new("git")
        .args(["-c", "user.name=T", "-c", "user.email=t@example.org"])
        .args([
            "-c",
            "init.defaultBranch=main",
            "-c",
            "commit.gpgsign=false",
        ])
        .args(args)
        .current_dir(dir)
        .env_remove("GIT_DIR")
        .env_remove("GIT_WORK_TREE")
        .output()
        .unwrap();
    assert!(out.status.success(), "git {args:?}: {out:?}");
    String::from_utf8(out.stdout).unwrap().trim().to_string()
}

/// A git repository with one commit, in a temporary folder.
fn repository() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("Cargo.toml"), "").unwrap();
    git(dir.path(), &["init", "-q"]);
    git(dir.path(), &["add", "."]);
    git(dir.path(), &["commit", "-q", "-m", "first"]);
    dir
}

#[test]
fn the_binary_names_its_version_and_the_commit_of_its_source() {
    let line = version_line();
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    let expected = commit::commit(manifest, std::env::var("EXPLAINER_COMMIT").ok().as_deref());
    assert_eq!(
        line,
        format!(
            "explainer {} (commit {expected})\n",
            env!("CARGO_PKG_VERSION")
        )
    );
    // In this checkout, with nothing overriding it, that is git's own HEAD.
    let overridden = std::env::var("EXPLAINER_COMMIT").is_ok_and(|v| !v.trim().is_empty());
    if git_available() && !overridden && manifest.join(".git").exists() {
        let head = git(manifest, &["rev-parse", "--short=12", "HEAD"]);
        assert_eq!(expected, head);
    }
    assert_eq!(version_line(), line, "the same binary says the same twice");
}

#[test]
fn the_commit_is_the_head_of_the_checkout_whose_top_the_source_is() {
    if !git_available() {
        eprintln!("skipped: no git on this machine");
        return;
    }
    let repo = repository();
    let head = git(repo.path(), &["rev-parse", "HEAD"]);
    assert_eq!(commit::commit(repo.path(), None), head[..12]);
    assert_eq!(
        commit::commit(repo.path(), Some("  ")),
        head[..12],
        "blank overrides nothing"
    );
    // A crate unpacked inside someone else's checkout is not that checkout's commit.
    let inner = repo.path().join("vendor/crate");
    std::fs::create_dir_all(&inner).unwrap();
    assert_eq!(commit::commit(&inner, None), commit::UNKNOWN);
    // Rebuilt when HEAD moves: the branch's file is watched.
    let watched = commit::watched_files(repo.path());
    assert!(watched.iter().any(|p| p.ends_with("HEAD")), "{watched:?}");
    assert!(
        watched.iter().any(|p| p.ends_with("refs/heads/main")),
        "{watched:?}"
    );
    assert!(commit::watched_files(&inner).is_empty());
}

#[test]
fn a_packaged_crate_names_the_commit_cargo_recorded() {
    let dir = tempfile::tempdir().unwrap();
    let sha = "0123456789abcdef0123456789abcdef01234567";
    std::fs::write(
        dir.path().join(".cargo_vcs_info.json"),
        format!("{{\n  \"git\": {{\n    \"sha1\": \"{sha}\"\n  }},\n  \"path_in_vcs\": \"\"\n}}"),
    )
    .unwrap();
    assert_eq!(commit::commit(dir.path(), None), "0123456789ab");
}

#[test]
fn without_git_or_package_the_commit_is_unknown_and_the_variable_wins() {
    let dir = tempfile::tempdir().unwrap();
    assert_eq!(commit::commit(dir.path(), None), "unknown");
    std::fs::write(
        dir.path().join(".cargo_vcs_info.json"),
        "{\"git\": {\"sha1\": \"zz\"}}",
    )
    .unwrap();
    assert_eq!(commit::commit(dir.path(), None), "unknown", "not a hash");
    assert_eq!(commit::commit(dir.path(), Some(" 1a2b3c\n")), "1a2b3c");
}
