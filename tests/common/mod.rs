//! Helpers shared by the end-to-end tests: sites in temporary folders, built in-process.

#![allow(dead_code)]

use std::path::{Path, PathBuf};

use explainer::{Options, Report};
use scraper::{Html, Selector};

/// A copy of the project's own site (its content, static files and templates).
pub fn own_site() -> TempSite {
    let site = TempSite::new(&[]);
    for dir in ["content", "static", "templates"] {
        let from = Path::new(env!("CARGO_MANIFEST_DIR")).join(dir);
        if from.is_dir() {
            copy_dir(&from, &site.root().join(dir));
        }
    }
    site
}

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

    /// `check`'s diagnostics of every kind, one string each.
    pub fn diagnostics(&self) -> Vec<String> {
        let report = explainer::check(&self.options()).unwrap();
        report.diagnostics.iter().map(|d| d.to_string()).collect()
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

/// The page's Content-Security-Policy, from its `<meta http-equiv>`.
pub fn csp(doc: &scraper::Html) -> String {
    let meta = sel("meta[http-equiv='Content-Security-Policy']");
    let element = doc.select(&meta).next().expect("a CSP meta element");
    element.value().attr("content").unwrap().to_string()
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

/// A PNG of `width` × `height` grey pixels, whole and valid (checksums included).
pub fn png(width: u32, height: u32) -> Vec<u8> {
    fn crc(bytes: &[u8]) -> u32 {
        let mut c = 0xffff_ffffu32;
        for &b in bytes {
            c ^= u32::from(b);
            for _ in 0..8 {
                c = if c & 1 == 1 {
                    0xedb8_8320 ^ (c >> 1)
                } else {
                    c >> 1
                };
            }
        }
        !c
    }
    fn adler(bytes: &[u8]) -> u32 {
        let (mut a, mut b) = (1u32, 0u32);
        for &x in bytes {
            a = (a + u32::from(x)) % 65521;
            b = (b + a) % 65521;
        }
        (b << 16) | a
    }
    fn chunk(out: &mut Vec<u8>, kind: &[u8], data: &[u8]) {
        out.extend((data.len() as u32).to_be_bytes());
        let start = out.len();
        out.extend(kind);
        out.extend(data);
        let sum = crc(&out[start..]);
        out.extend(sum.to_be_bytes());
    }
    let mut ihdr = Vec::new();
    ihdr.extend(width.to_be_bytes());
    ihdr.extend(height.to_be_bytes());
    ihdr.extend([8, 0, 0, 0, 0]); // 8-bit greyscale
    let mut raw = Vec::new();
    for _ in 0..height {
        raw.push(0); // no filter
        raw.extend(std::iter::repeat_n(0x80, width as usize));
    }
    // zlib with stored (uncompressed) blocks of at most 65,535 bytes.
    let mut zlib = vec![0x78, 0x01];
    let blocks: Vec<&[u8]> = raw.chunks(65_535).collect();
    for (i, block) in blocks.iter().enumerate() {
        zlib.push(u8::from(i + 1 == blocks.len()));
        let len = block.len() as u16;
        zlib.extend(len.to_le_bytes());
        zlib.extend((!len).to_le_bytes());
        zlib.extend(*block);
    }
    zlib.extend(adler(&raw).to_be_bytes());
    let mut out = b"\x89PNG\r\n\x1a\n".to_vec();
    chunk(&mut out, b"IHDR", &ihdr);
    chunk(&mut out, b"IDAT", &zlib);
    chunk(&mut out, b"IEND", &[]);
    out
}

/// The small site, with `static/images/talks.png` (800 × 450) and these files.
pub fn site_with_picture(files: &[(&str, &str)]) -> TempSite {
    let site = TempSite::new(&small_site());
    let pic = site.root().join("static/images/talks.png");
    std::fs::create_dir_all(pic.parent().unwrap()).unwrap();
    std::fs::write(pic, png(800, 450)).unwrap();
    for (path, text) in files {
        site.write(path, text);
    }
    site
}

pub const ARTICLE: &str = "content/articles/story.md";
pub const ACTOR: &str = "content/actors/alice-smith.md";

/// The small site's article with these lines added to its front matter.
pub fn article_with(lines: &str) -> String {
    format!(
        "+++\ntitle = \"Story\"\ndate = 2025-01-02\n{lines}+++\n\nAlice Smith met Bob Jones.\n\nBob Jones left early.\n"
    )
}

/// An actor `name` with these lines added to its front matter (after line 3).
pub fn actor_with(name: &str, lines: &str) -> String {
    format!("+++\nname = \"{name}\"\nkind = \"person\"\n{lines}+++\n\nA profile.\n")
}

/// Every page of the built site, by path, as text.
pub fn pages(site: &TempSite) -> std::collections::BTreeMap<String, String> {
    walkdir::WalkDir::new(site.out())
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.path().extension().is_some_and(|x| x == "html"))
        .map(|e| {
            let rel = e.path().strip_prefix(site.out()).unwrap();
            (
                rel.display().to_string(),
                std::fs::read_to_string(e.path()).unwrap(),
            )
        })
        .collect()
}

/// Appends `text` to the file at `path` of `site`.
pub fn append(site: &TempSite, path: &str, text: &str) {
    let old = std::fs::read_to_string(site.root().join(path)).unwrap();
    site.write(path, &format!("{old}{text}"));
}

/// Checks that no link of a page holds another, with a real HTML parser: the raw page
/// parses without errors, and no `a` is inside an `a`.
pub fn assert_links_nest(html: &str) {
    let doc = Html::parse_document(html);
    assert!(doc.errors.is_empty(), "{:?}", doc.errors);
    assert!(doc.select(&sel("a a")).next().is_none());
}
