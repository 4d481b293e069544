//! Helpers shared by the end-to-end tests: sites in temporary folders, built in-process.

#![allow(dead_code)]

use std::path::{Path, PathBuf};

use explainer::{Options, Report};
use scraper::{Html, Selector};

/// A site written into a temporary folder.
pub struct TempSite {
    pub dir: tempfile::TempDir,
}

impl TempSite {
    /// A site made of `(path, text)` files.
    pub fn new(files: &[(&str, &str)]) -> TempSite {
        let dir = tempfile::tempdir().unwrap();
        for (path, text) in files {
            let p = dir.path().join(path);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(p, text).unwrap();
        }
        TempSite { dir }
    }

    /// A copy of the fixture `tests/fixtures/NAME`.
    pub fn fixture(name: &str) -> TempSite {
        let dir = tempfile::tempdir().unwrap();
        copy_dir(
            &Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("tests/fixtures")
                .join(name),
            dir.path(),
        );
        TempSite { dir }
    }

    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    pub fn write(&self, path: &str, text: &str) {
        let p = self.root().join(path);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    }

    pub fn out(&self) -> PathBuf {
        self.root().join("public")
    }

    pub fn options(&self) -> Options {
        Options {
            root: self.root().to_path_buf(),
            output: None,
            base_url: None,
        }
    }

    /// Builds into `public/`; panics with the diagnostics if the build fails.
    pub fn build(&self) -> Report {
        let report = explainer::build(&self.options()).unwrap();
        assert!(
            !report.has_errors(),
            "build failed: {:#?}",
            report.diagnostics
        );
        report
    }

    /// The diagnostics of `check`, one string each.
    pub fn errors(&self) -> Vec<String> {
        let report = explainer::check(&self.options()).unwrap();
        report
            .diagnostics
            .iter()
            .filter(|d| d.is_error())
            .map(|d| d.to_string())
            .collect()
    }

    /// A built page, parsed.
    pub fn page(&self, rel: &str) -> Html {
        let text =
            std::fs::read_to_string(self.out().join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"));
        Html::parse_document(&text)
    }
}

pub fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.unwrap();
        let dest = to.join(entry.path().strip_prefix(from).unwrap());
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&dest).unwrap();
        } else {
            std::fs::copy(entry.path(), &dest).unwrap();
        }
    }
}

/// Runs the real binary on the site at `root`.
pub fn explainer(args: &[&str], root: &Path) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_explainer"))
        .args(args)
        .arg("--root")
        .arg(root)
        .env_remove("RUST_BACKTRACE")
        .output()
        .unwrap()
}

/// What a run of the binary printed on stderr.
pub fn stderr(o: &std::process::Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

pub fn sel(s: &str) -> Selector {
    Selector::parse(s).unwrap()
}

/// The text of an element, white space collapsed.
pub fn text(el: scraper::ElementRef) -> String {
    el.text()
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Every `href` on a page matching `selector`.
pub fn hrefs(doc: &Html, selector: &str) -> Vec<String> {
    doc.select(&sel(selector))
        .filter_map(|a| a.value().attr("href").map(str::to_string))
        .collect()
}

/// A minimal valid site: one article, two actors, one position, one annotation.
pub fn small_site() -> Vec<(&'static str, &'static str)> {
    vec![
        ("content/site.toml", "title = \"Small\"\n"),
        (
            "content/articles/story.md",
            "+++\ntitle = \"Story\"\ndate = 2025-01-02\n+++\n\nAlice Smith met Bob Jones.\n\nBob Jones left early.\n",
        ),
        (
            "content/actors/alice-smith.md",
            "+++\nname = \"Alice Smith\"\nkind = \"person\"\n+++\n\nAlice is a minister.\n",
        ),
        (
            "content/actors/bob-jones.md",
            "+++\nname = \"Bob Jones\"\nkind = \"person\"\naliases = [\"Bob\"]\n+++\n\nBob is a diplomat.\n",
        ),
        (
            "content/positions/talks.md",
            "+++\ntitle = \"Hold talks\"\nsummary = \"Talk first.\"\n\n[[stances]]\nactor = \"alice-smith\"\nstance = \"supports\"\nquote = \"Alice Smith met Bob Jones.\"\n+++\n\nWhy talks matter.\n",
        ),
        (
            "content/annotations/left.md",
            "+++\nquote = \"left early\"\nkind = \"context\"\n+++\n\nHe had another meeting.\n",
        ),
    ]
}
