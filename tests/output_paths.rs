//! `build --output` names something that is not a folder: refused with exit 2 before
//! anything is renamed or created (probe H1: a FIFO or device was moved aside and a
//! folder written in its place). Never tested with `/dev/null`: the FIFO, socket and
//! links are made here.

mod common;

use std::os::unix::fs::FileTypeExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use common::*;

fn build_into(site: &TempSite, out: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_explainer"))
        .arg("build")
        .arg("--output")
        .arg(out)
        .arg("--root")
        .arg(site.root())
        .env_remove("RUST_BACKTRACE")
        .output()
        .unwrap()
}

/// The names in `dir`, sorted, with what each is.
fn listing(dir: &Path) -> Vec<(String, String)> {
    let mut names: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| {
            let e = e.unwrap();
            let t = std::fs::symlink_metadata(e.path()).unwrap().file_type();
            let kind = if t.is_symlink() {
                format!(
                    "link to {}",
                    std::fs::read_link(e.path()).unwrap().display()
                )
            } else if t.is_fifo() {
                "fifo".into()
            } else if t.is_socket() {
                "socket".into()
            } else if t.is_dir() {
                "dir".into()
            } else {
                "file".into()
            };
            (e.file_name().to_string_lossy().into_owned(), kind)
        })
        .collect();
    names.sort();
    names
}

fn mkfifo(path: &Path) {
    let status = Command::new("mkfifo").arg(path).status().unwrap();
    assert!(status.success());
}

/// Builds into `target` (inside `place`) and checks the refusal: exit 2, one `error:`
/// line naming `what`, and `place` exactly as it was.
fn assert_refused(site: &TempSite, place: &Path, target: &Path, what: &str) {
    let before = listing(place);
    let o = build_into(site, target);
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(2), "{what}: {err}");
    assert!(
        err.starts_with("error: ") && err.contains(what),
        "{what}: {err}"
    );
    assert_eq!(listing(place), before, "{what}: nothing renamed or created");
}

#[test]
fn an_output_that_is_not_a_folder_is_refused_and_left_alone() {
    let site = TempSite::new(&small_site());
    let place = tempfile::tempdir().unwrap();
    let p = place.path();

    std::fs::write(p.join("file"), "keep").unwrap();
    mkfifo(&p.join("pipe"));
    let _socket = std::os::unix::net::UnixListener::bind(p.join("sock")).unwrap();
    for (link, to) in [
        ("to-file", "file"),
        ("to-pipe", "pipe"),
        ("to-sock", "sock"),
        ("dangling", "missing"),
    ] {
        std::os::unix::fs::symlink(p.join(to), p.join(link)).unwrap();
    }

    assert_refused(&site, p, &p.join("file"), "is a file, not a folder");
    assert_refused(
        &site,
        p,
        &p.join("pipe"),
        "is a FIFO (named pipe), not a folder",
    );
    assert_refused(&site, p, &p.join("sock"), "is a socket, not a folder");
    assert_refused(&site, p, &p.join("to-file"), "is a file, not a folder");
    assert_refused(
        &site,
        p,
        &p.join("to-pipe"),
        "is a FIFO (named pipe), not a folder",
    );
    assert_refused(&site, p, &p.join("to-sock"), "is a socket, not a folder");
    assert_refused(
        &site,
        p,
        &p.join("dangling"),
        "symbolic link that leads nowhere",
    );
    assert_refused(&site, p, &p.join("file/public"), "is a file, not a folder");
    assert_eq!(std::fs::read_to_string(p.join("file")).unwrap(), "keep");
}

#[test]
fn a_device_node_is_refused_without_being_touched() {
    // A device node made here (a copy of /dev/null's numbers, in a temporary folder),
    // never a system one: an unfixed binary would move it aside and put a folder there.
    let place = tempfile::tempdir().unwrap();
    let dev = place.path().join("null");
    let made = Command::new("mknod")
        .arg(&dev)
        .args(["c", "1", "3"])
        .status()
        .is_ok_and(|s| s.success());
    if !made {
        eprintln!("skipped: mknod needs root");
        return;
    }
    let site = TempSite::new(&small_site());
    assert_refused(&site, place.path(), &dev, "is a device, not a folder");
    assert!(
        std::fs::symlink_metadata(&dev)
            .unwrap()
            .file_type()
            .is_char_device()
    );
}

#[test]
fn a_link_to_a_folder_and_a_missing_folder_are_still_built() {
    let site = TempSite::new(&small_site());
    let place = tempfile::tempdir().unwrap();
    let real = place.path().join("real");
    std::fs::create_dir(&real).unwrap();
    std::os::unix::fs::symlink(&real, place.path().join("link")).unwrap();
    let o = build_into(&site, &place.path().join("link"));
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert!(real.join("index.html").is_file());
    let o = build_into(&site, &place.path().join("new/public"));
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert!(place.path().join("new/public/index.html").is_file());
}

/// Builds the site at `root` with a base URL (so that share cards are drawn, and kept in
/// `OUTPUT.cards-cache` beside the output) into `out`.
fn build_with_cards(root: &Path, out: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_explainer"))
        .args(["build", "--base-url", "https://example.org/"])
        .arg("--output")
        .arg(out)
        .arg("--root")
        .arg(root)
        .env_remove("RUST_BACKTRACE")
        .output()
        .unwrap()
}

/// Every file under `dir` with its bytes, sorted.
fn tree(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut files: Vec<_> = walkdir::WalkDir::new(dir)
        .into_iter()
        .map(|e| e.unwrap())
        .filter(|e| e.file_type().is_file())
        .map(|e| (e.path().to_path_buf(), std::fs::read(e.path()).unwrap()))
        .collect();
    files.sort();
    files
}

/// The share cards' cache beside the output gets the output's care (probe D1: a cache
/// that was a link into `content/`, or the site's root, was written into and pruned).
#[test]
fn the_cards_cache_is_never_a_link_the_site_or_a_folder_of_other_files() {
    let card_like = "0123456789abcdef0123456789abcdef.png";
    let refused = |root: &Path, out: &Path, what: &str| {
        let before = tree(root);
        let o = build_with_cards(root, out);
        let err = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(2), "{what}: {err}");
        assert!(
            err.starts_with("error: refusing to keep share cards in") && err.contains(what),
            "{what}: {err}"
        );
        assert_eq!(tree(root), before, "{what}: nothing written or deleted");
        assert!(!out.exists(), "{what}: no output");
    };

    // A link from the cache's place to the site's own content.
    let site = TempSite::new(&small_site());
    let root = site.root();
    std::fs::write(root.join("content").join(card_like), "mine").unwrap();
    std::os::unix::fs::symlink(root.join("content"), root.join("public.cards-cache")).unwrap();
    refused(root, &root.join("public"), "it is a symbolic link");

    // A folder of files that explainer did not write, named like cards.
    let site = TempSite::new(&small_site());
    let root = site.root();
    std::fs::create_dir(root.join("public.cards-cache")).unwrap();
    std::fs::write(root.join("public.cards-cache").join(card_like), "mine").unwrap();
    refused(root, &root.join("public"), "was not written by explainer");

    // The site's root itself is where the cache would go.
    let place = tempfile::tempdir().unwrap();
    let root = place.path().join("s.cards-cache");
    copy_dir(site.root(), &root);
    std::fs::remove_dir_all(root.join("public.cards-cache")).unwrap();
    std::fs::write(root.join(card_like), "mine").unwrap();
    refused(
        &root,
        &place.path().join("s"),
        "it holds the site's own files",
    );

    // The cache it wrote itself is used again, build after build.
    let site = TempSite::new(&small_site());
    let out = site.root().join("public");
    for _ in 0..2 {
        let o = build_with_cards(site.root(), &out);
        assert_eq!(
            o.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&o.stderr)
        );
    }
    assert!(site.root().join("public.cards-cache/VERSION").is_file());
}

#[test]
fn a_dot_dot_after_a_missing_folder_cannot_reach_the_site_or_a_folder_of_others() {
    // `new/../content` got past the checks, which saw `new` missing and kept the rest
    // as written: the build then replaced content/ (or the site, or any folder) with
    // the output.
    let site = TempSite::new(&small_site());
    let root = site.root();
    std::fs::create_dir(root.join("mydata")).unwrap();
    std::fs::write(root.join("mydata/file.txt"), "mine").unwrap();
    let before = |dir: &str| listing(&root.join(dir));
    let kept = [("content", before("content")), ("mydata", before("mydata"))];
    for (out, what) in [
        ("new/../content", "inside content/"),
        ("new/./../content/actors", "inside content/"),
        ("a/b/../../static", "inside static/"),
        ("new/..", "holds the site's own files"),
        ("new/../mydata", "was not written by explainer"),
    ] {
        let got = build_into(&site, &root.join(out));
        let stderr = String::from_utf8_lossy(&got.stderr);
        assert_eq!(got.status.code(), Some(2), "{out}: {stderr}");
        assert!(stderr.contains(what), "{out}: {stderr}");
        assert!(
            !root.join("new").exists() && !root.join("a").exists(),
            "{out}"
        );
    }
    for (dir, listed) in kept {
        assert_eq!(before(dir), listed, "{dir}");
    }
    // A `..` that leads to a fresh folder of the output's own is fine.
    let got = build_into(&site, &root.join("new/../public"));
    assert_eq!(got.status.code(), Some(0));
    assert!(root.join("public/index.html").is_file());
    assert!(!root.join("new").exists());
}

#[test]
fn a_special_file_in_the_site_is_an_error_not_a_hang() {
    // A FIFO in static/ passed check and then blocked the build, which copied it; one
    // in content/ blocked check itself, which opened it to read.
    let site = TempSite::new(&small_site());
    std::fs::create_dir_all(site.root().join("static/img")).unwrap();
    mkfifo(&site.root().join("static/img/pipe"));
    mkfifo(&site.root().join("content/articles/pipe.md"));
    std::os::unix::fs::symlink("pipe.md", site.root().join("content/articles/link.md")).unwrap();
    // One in templates/ was passed over without a word.
    std::fs::create_dir_all(site.root().join("templates")).unwrap();
    mkfifo(&site.root().join("templates/article.html"));
    std::fs::create_dir_all(site.root().join("i18n")).unwrap();
    mkfifo(&site.root().join("i18n/en.toml"));
    let errors: Vec<String> = site
        .errors()
        .iter()
        .map(|e| e.split(": is not").next().unwrap().to_string())
        .collect();
    assert_eq!(
        errors,
        [
            "error: content/articles/link.md:1",
            "error: content/articles/pipe.md:1",
            "error: i18n/en.toml:1",
            "error: static/img/pipe:1",
            "error: templates/article.html:1",
        ]
    );
}
