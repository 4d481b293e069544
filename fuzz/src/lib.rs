//! What the fuzz targets share: a scratch site folder per process, TOML strings, and the
//! checks every build must pass whatever its input.

use std::path::{Path, PathBuf};

use explainer::{Diagnostic, Options};

/// A site folder reused by every run of one process (in memory where `/dev/shm` exists).
pub struct Scratch {
    root: PathBuf,
}

impl Scratch {
    /// The scratch folder of target `name` in this process.
    pub fn new(name: &str) -> Scratch {
        let shm = Path::new("/dev/shm");
        let base = if shm.is_dir() {
            shm.to_path_buf()
        } else {
            std::env::temp_dir()
        };
        let root = base.join(format!("explainer-fuzz-{name}-{}", std::process::id()));
        std::fs::create_dir_all(&root).expect("scratch folder");
        Scratch { root }
    }

    /// Replaces the site's content with `files`, as (path under the root, bytes).
    pub fn write(&self, files: &[(String, Vec<u8>)]) -> Options {
        let content = self.root.join("content");
        if content.exists() {
            std::fs::remove_dir_all(&content).expect("clear scratch content");
        }
        for (path, bytes) in files {
            let p = self.root.join(path);
            std::fs::create_dir_all(p.parent().expect("a file in a folder")).expect("mkdir");
            std::fs::write(p, bytes).expect("write scratch file");
        }
        Options {
            root: self.root.clone(),
            output: None,
            base_url: None,
        }
    }
}

/// `s` as a TOML basic string, quotes included.
pub fn toml_str(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Checks a site: never a failure of the machine (the input is only content), and every
/// diagnostic about a file points at a line that file has. Returns whether it passed.
pub fn check(opts: &Options, files: &[(String, Vec<u8>)]) -> bool {
    let report = explainer::check(opts).expect("check failed as if the machine had");
    for d in &report.diagnostics {
        lines_exist(d, files);
    }
    // `EXPLAINER_FUZZ_VERBOSE=1` with `-runs=0` over a corpus: how many of its sites pass.
    if std::env::var_os("EXPLAINER_FUZZ_VERBOSE").is_some() {
        match report.diagnostics.iter().find(|d| d.is_error()) {
            Some(d) => eprintln!("check: fails: {d}"),
            None => eprintln!("check: passes"),
        }
    }
    !report.has_errors()
}

/// A diagnostic's line lies inside its file (one past the end names a missing closer).
fn lines_exist(d: &Diagnostic, files: &[(String, Vec<u8>)]) {
    let (Some(line), Some((_, bytes))) = (d.line, files.iter().find(|(p, _)| *p == d.path)) else {
        return;
    };
    let lines = bytes.iter().filter(|&&b| b == b'\n').count() + 1;
    assert!(
        (1..=lines + 1).contains(&line),
        "{d}: the file has {lines} lines"
    );
}

/// Prepares and renders a site that passed `check` into memory: it must still pass.
pub fn render(opts: &Options) -> explainer::Files {
    let (prepared, diags) = explainer::prepare(opts).expect("prepare");
    let prepared = prepared.unwrap_or_else(|| panic!("check passed, prepare did not: {diags:?}"));
    let (files, diags) = prepared.render_to_memory().expect("render");
    assert!(
        !diags.iter().any(Diagnostic::is_error),
        "check passed, render did not: {diags:?}"
    );
    files
}
