//! Loading: walk `content/`, split front matter, parse it. Nothing here knows what the
//! content means; that is the model's job.

pub mod front;

use std::path::Path;
use std::sync::Arc;

use anyhow::{Context, Result};
use rayon::prelude::*;
use serde::de::DeserializeOwned;
use unicode_normalization::UnicodeNormalization;

use crate::diagnostic::Diagnostic;
use front::{ActorFront, AnnotationFront, ArticleFront, PositionFront, SiteFront};

/// One parsed content file.
#[derive(Debug, Clone)]
pub struct SourceFile<F> {
    /// The file, relative to the site root, e.g. `content/actors/nato.md`.
    pub path: String,
    /// The file name without `.md`.
    pub slug: String,
    /// The parsed front matter.
    pub front: F,
    /// Where each key of the front matter is.
    pub lines: LineMap,
    /// The Markdown body (NFC-normalised).
    pub body: Arc<str>,
    /// The 1-based line on which the body starts.
    pub body_line: usize,
}

impl<F> SourceFile<F> {
    /// The 1-based line of a byte span of the front matter.
    pub fn line(&self, span: std::ops::Range<usize>) -> usize {
        self.lines.line(span.start)
    }

    /// The 1-based line of a byte offset in the body.
    pub fn body_line_at(&self, offset: usize) -> usize {
        self.body_line
            + self.body[..offset.min(self.body.len())]
                .matches('\n')
                .count()
    }
}

/// Turns byte offsets of a front matter into lines of its file.
#[derive(Debug, Clone, Default)]
pub struct LineMap {
    first_line: usize,
    newlines: Vec<usize>,
}

impl LineMap {
    fn new(text: &str, first_line: usize) -> Self {
        let newlines = text.match_indices('\n').map(|(i, _)| i).collect();
        LineMap {
            first_line,
            newlines,
        }
    }

    /// The 1-based file line of a byte offset in the mapped text.
    pub fn line(&self, offset: usize) -> usize {
        self.first_line + self.newlines.partition_point(|&n| n < offset)
    }
}

/// Everything read from `content/`, parsed but not yet checked for meaning.
#[derive(Debug, Default)]
pub struct RawSite {
    /// `content/site.toml`, when it exists and parses.
    pub site: Option<SiteFront>,
    /// Where the keys of `site.toml` are.
    pub site_lines: LineMap,
    /// `content/articles/*.md`.
    pub articles: Vec<Arc<SourceFile<ArticleFront>>>,
    /// `content/actors/*.md`.
    pub actors: Vec<Arc<SourceFile<ActorFront>>>,
    /// `content/positions/*.md`.
    pub positions: Vec<Arc<SourceFile<PositionFront>>>,
    /// `content/annotations/*.md`.
    pub annotations: Vec<Arc<SourceFile<AnnotationFront>>>,
    /// Files that exist but could not be parsed, as (kind folder, slug): references to
    /// them are not reported again as unknown.
    pub unparsed: Vec<(&'static str, String)>,
}

/// The folders of `content/` and what they hold.
pub const KINDS: [&str; 4] = ["articles", "actors", "positions", "annotations"];

/// Reads and parses the content of the site at `root`. Content problems become
/// diagnostics; only a failure of the machine (an unreadable folder) is an `Err`.
pub fn load(root: &Path) -> Result<(RawSite, Vec<Diagnostic>)> {
    load_with(root, None)
}

/// Parsed files of an earlier load, reused while their text is the same (for `serve`,
/// which rebuilds after every edit).
#[derive(Default)]
pub struct FileCache {
    articles: KindCache<ArticleFront>,
    actors: KindCache<ActorFront>,
    positions: KindCache<PositionFront>,
    annotations: KindCache<AnnotationFront>,
}

/// When a file was last changed and how long it is: the same stamp, the same file.
type Stamp = Option<(std::time::SystemTime, u64)>;

/// What parsing one file gave: the file, or nothing, and its diagnostics.
type Parsed<F> = Arc<(Option<Arc<SourceFile<F>>>, Vec<Diagnostic>)>;

/// For each file: its stamp, and what parsing it gave.
type KindCache<F> = std::collections::HashMap<String, (Stamp, Parsed<F>)>;

/// `load`, parsing again only the files whose text is not in `cache`.
pub fn load_with(
    root: &Path,
    mut cache: Option<&mut FileCache>,
) -> Result<(RawSite, Vec<Diagnostic>)> {
    let mut raw = RawSite::default();
    let mut diags = Vec::new();
    let content = root.join("content");
    if !content.is_dir() {
        diags.push(Diagnostic::error(
            "content/site.toml",
            None,
            format!(
                "no content folder in {}: run `explainer` in a site's folder or pass --root",
                root.display()
            ),
        ));
        return Ok((raw, diags));
    }
    if let Some((site, lines)) = load_site_toml(root, &mut diags)? {
        raw.site = Some(site);
        raw.site_lines = lines;
    }
    for entry in std::fs::read_dir(&content)
        .with_context(|| format!("failed to read {}", content.display()))?
    {
        let entry = entry.with_context(|| format!("failed to read {}", content.display()))?;
        let name = entry.file_name().to_string_lossy().into_owned();
        if name != "site.toml" && !name.starts_with('.') && !KINDS.contains(&name.as_str()) {
            diags.push(Diagnostic::warning(
                format!("content/{name}"),
                None,
                format!(
                    "ignored: content/ holds only site.toml and the folders {}",
                    KINDS.join(", ")
                ),
            ));
        }
    }
    let known = cache.as_deref().map(|c| &c.articles);
    let unchanged =
        |p: &str, st: Stamp| known.and_then(|k| k.get(p)).is_some_and(|(s, _)| *s == st);
    let files = read_kind(root, "articles", &mut diags, &mut raw.unparsed, &unchanged)?;
    raw.articles = parse_all(
        "articles",
        files,
        &mut diags,
        &mut raw.unparsed,
        cache.as_deref_mut().map(|c| &mut c.articles),
    );
    let known = cache.as_deref().map(|c| &c.actors);
    let unchanged =
        |p: &str, st: Stamp| known.and_then(|k| k.get(p)).is_some_and(|(s, _)| *s == st);
    let files = read_kind(root, "actors", &mut diags, &mut raw.unparsed, &unchanged)?;
    raw.actors = parse_all(
        "actors",
        files,
        &mut diags,
        &mut raw.unparsed,
        cache.as_deref_mut().map(|c| &mut c.actors),
    );
    let known = cache.as_deref().map(|c| &c.positions);
    let unchanged =
        |p: &str, st: Stamp| known.and_then(|k| k.get(p)).is_some_and(|(s, _)| *s == st);
    let files = read_kind(root, "positions", &mut diags, &mut raw.unparsed, &unchanged)?;
    raw.positions = parse_all(
        "positions",
        files,
        &mut diags,
        &mut raw.unparsed,
        cache.as_deref_mut().map(|c| &mut c.positions),
    );
    let known = cache.as_deref().map(|c| &c.annotations);
    let unchanged =
        |p: &str, st: Stamp| known.and_then(|k| k.get(p)).is_some_and(|(s, _)| *s == st);
    let files = read_kind(
        root,
        "annotations",
        &mut diags,
        &mut raw.unparsed,
        &unchanged,
    )?;
    raw.annotations = parse_all(
        "annotations",
        files,
        &mut diags,
        &mut raw.unparsed,
        cache.map(|c| &mut c.annotations),
    );
    Ok((raw, diags))
}

fn load_site_toml(
    root: &Path,
    diags: &mut Vec<Diagnostic>,
) -> Result<Option<(SiteFront, LineMap)>> {
    const PATH: &str = "content/site.toml";
    let file = root.join(PATH);
    if !file.exists() {
        diags.push(Diagnostic::error(
            PATH,
            None,
            "missing: every site needs content/site.toml with at least `title = \"…\"`",
        ));
        return Ok(None);
    }
    let bytes =
        std::fs::read(&file).with_context(|| format!("failed to read {}", file.display()))?;
    let text = match utf8(PATH, bytes) {
        Ok(text) => text,
        Err(d) => {
            diags.push(d);
            return Ok(None);
        }
    };
    let lines = LineMap::new(&text, 1);
    Ok(parse_toml(PATH, &text, &lines, diags).map(|site| (site, lines)))
}

/// The `.md` files of one kind's folder, sorted by name, as (relative path, text).
fn read_kind(
    root: &Path,
    kind: &'static str,
    diags: &mut Vec<Diagnostic>,
    unparsed: &mut Vec<(&'static str, String)>,
    unchanged: &(dyn Fn(&str, Stamp) -> bool + Sync),
) -> Result<Vec<(String, Stamp, Option<String>)>> {
    let dir = root.join("content").join(kind);
    let mut to_read = Vec::new();
    if !dir.exists() {
        return Ok(Vec::new());
    }
    // Only the folder's own files are read: sub-folders are named, not entered.
    let walk = walkdir::WalkDir::new(&dir)
        .min_depth(1)
        .max_depth(1)
        .sort_by_file_name();
    for entry in walk {
        let entry = entry.with_context(|| format!("failed to read {}", dir.display()))?;
        let name = entry.file_name().to_string_lossy().into_owned();
        let rel = format!("content/{kind}/{name}");
        if entry.path_is_symlink() && !link_stays_inside(root, entry.path()) {
            diags.push(outside_link(&rel));
            continue;
        }
        let is_dir = if entry.path_is_symlink() {
            entry.path().is_dir()
        } else {
            entry.file_type().is_dir()
        };
        if name.starts_with('.') || is_dir {
            if is_dir && !name.starts_with('.') {
                diags.push(Diagnostic::warning(
                    rel,
                    None,
                    "ignored: sub-folders of content/ are not read",
                ));
            }
            continue;
        }
        if !name.ends_with(".md") {
            diags.push(Diagnostic::warning(
                rel,
                None,
                "ignored: only .md files are read",
            ));
            continue;
        }
        to_read.push((rel, entry.into_path()));
    }
    // The files are opened, stamped and read in parallel: opening thousands of small
    // files is most of the time loading takes.
    // (path, stamp, text: `None` when unchanged since the last build)
    type Read = (String, Stamp, Option<Result<String, Diagnostic>>);
    let read: Vec<Read> = to_read
        .into_par_iter()
        .map(|(rel, path)| {
            use std::io::Read;
            let failed = || format!("failed to read {}", path.display());
            let mut file = std::fs::File::open(&path).with_context(failed)?;
            let meta = file.metadata().ok();
            let stamp = meta
                .as_ref()
                .and_then(|m| Some((m.modified().ok()?, m.len())));
            if stamp.is_some() && unchanged(&rel, stamp) {
                return Ok((rel, stamp, None));
            }
            let mut bytes = Vec::with_capacity(meta.map_or(0, |m| m.len() as usize + 1));
            file.read_to_end(&mut bytes).with_context(failed)?;
            let text = utf8(&rel, bytes);
            Ok((rel, stamp, Some(text)))
        })
        .collect::<Result<_>>()?;
    let mut out = Vec::with_capacity(read.len());
    for (rel, stamp, text) in read {
        match text {
            None => out.push((rel, stamp, None)),
            Some(Ok(text)) => out.push((rel, stamp, Some(text))),
            Some(Err(d)) => {
                diags.push(d);
                let name = rel.rsplit('/').next().unwrap_or(&rel);
                unparsed.push((kind, name.trim_end_matches(".md").to_string()));
            }
        }
    }
    Ok(out)
}

/// Whether a symbolic link leads to a place inside the site's folder.
pub fn link_stays_inside(root: &Path, link: &Path) -> bool {
    match (root.canonicalize(), link.canonicalize()) {
        (Ok(root), Ok(target)) => target.starts_with(root),
        _ => false,
    }
}

/// The diagnostic for a symbolic link that leads out of the site (or nowhere).
pub fn outside_link(rel: &str) -> Diagnostic {
    Diagnostic::error(
        rel,
        Some(1),
        "a symbolic link that leads outside the site's folder (or nowhere): nothing outside the site is read",
    )
}

/// The text of a file as NFC-normalised UTF-8, or a diagnostic at the first bad byte.
fn utf8(path: &str, bytes: Vec<u8>) -> Result<String, Diagnostic> {
    match String::from_utf8(bytes) {
        Ok(text) => {
            let text = text
                .strip_prefix('\u{feff}')
                .map(str::to_string)
                .unwrap_or(text);
            if text.is_ascii() {
                return Ok(text);
            }
            Ok(match unicode_normalization::is_nfc_quick(text.chars()) {
                unicode_normalization::IsNormalized::Yes => text,
                _ => text.nfc().collect(),
            })
        }
        Err(e) => {
            let at = e.utf8_error().valid_up_to();
            let line = e.as_bytes()[..at].iter().filter(|&&b| b == b'\n').count() + 1;
            Err(Diagnostic::error(
                path,
                Some(line),
                format!(
                    "not UTF-8 (byte 0x{:02x} at offset {at}): save the file as UTF-8",
                    e.as_bytes()[at]
                ),
            ))
        }
    }
}

/// Splits a file into (front matter, its first line, body, the body's first line).
pub fn split_front_matter(text: &str) -> Result<(&str, usize, &str, usize), String> {
    let mut lines = text.split_inclusive('\n');
    let first = lines.next().unwrap_or("");
    if first.trim_end() != "+++" {
        return Err("no front matter: the file must start with a line holding only `+++`, then TOML, then another `+++` line".into());
    }
    let front_start = first.len();
    let mut offset = front_start;
    for (i, line) in lines.enumerate() {
        if line.trim_end() == "+++" {
            let front = &text[front_start..offset];
            let body_start = offset + line.len();
            return Ok((front, 2, &text[body_start..], i + 3));
        }
        offset += line.len();
    }
    Err("the front matter opened by `+++` on line 1 is never closed: add a line holding only `+++` after it".into())
}

/// The slug of a content file: its name without `.md`.
fn slug_of(path: &str) -> String {
    let name = path.rsplit('/').next().unwrap_or(path);
    name.strip_suffix(".md").unwrap_or(name).to_string()
}

fn parse_all<F: DeserializeOwned + Send + Sync>(
    kind: &'static str,
    files: Vec<(String, Stamp, Option<String>)>,
    diags: &mut Vec<Diagnostic>,
    unparsed: &mut Vec<(&'static str, String)>,
    cache: Option<&mut KindCache<F>>,
) -> Vec<Arc<SourceFile<F>>> {
    let empty = KindCache::default();
    let parsed = parse_each(files, cache.as_deref().unwrap_or(&empty));
    let mut out = Vec::with_capacity(parsed.len());
    for (path, _, result) in &parsed {
        diags.extend(result.1.iter().cloned());
        match &result.0 {
            Some(file) => out.push(Arc::clone(file)),
            None => unparsed.push((kind, slug_of(path))),
        }
    }
    if let Some(cache) = cache {
        *cache = parsed
            .into_iter()
            .map(|(path, stamp, result)| (path, (stamp, result)))
            .collect();
    }
    out
}

/// Parses files on every core (order kept); a file read as unchanged comes from `cache`.
fn parse_each<F: DeserializeOwned + Send + Sync>(
    files: Vec<(String, Stamp, Option<String>)>,
    cache: &KindCache<F>,
) -> Vec<(String, Stamp, Parsed<F>)> {
    files
        .into_par_iter()
        .filter_map(|(path, stamp, text)| {
            let parsed = match text {
                None => Arc::clone(&cache.get(&path)?.1),
                Some(text) => {
                    let mut d = Vec::new();
                    let file = parse_file(path.clone(), &text, &mut d).map(Arc::new);
                    Arc::new((file, d))
                }
            };
            Some((path, stamp, parsed))
        })
        .collect()
}

fn parse_file<F: DeserializeOwned>(
    path: String,
    text: &str,
    diags: &mut Vec<Diagnostic>,
) -> Option<SourceFile<F>> {
    let slug = slug_of(&path);
    let (front, front_line, body, body_line) = match split_front_matter(text) {
        Ok(parts) => parts,
        Err(message) => {
            diags.push(Diagnostic::error(path, Some(1), message));
            return None;
        }
    };
    let lines = LineMap::new(front, front_line);
    let front = parse_toml(&path, front, &lines, diags)?;
    Some(SourceFile {
        path,
        slug,
        front,
        lines,
        body: Arc::from(body),
        body_line,
    })
}

fn parse_toml<F: DeserializeOwned>(
    path: &str,
    text: &str,
    lines: &LineMap,
    diags: &mut Vec<Diagnostic>,
) -> Option<F> {
    match toml::from_str::<F>(text) {
        Ok(front) => Some(front),
        Err(e) => {
            let line = e
                .span()
                .map(|s| lines.line(s.start))
                .unwrap_or(lines.line(0));
            let message = e.message().trim().replace('\n', " ");
            diags.push(Diagnostic::error(path, Some(line), message));
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_front_matter_and_counts_lines() {
        let (front, fl, body, bl) = split_front_matter("+++\na = 1\nb = 2\n+++\nBody\n").unwrap();
        assert_eq!((front, fl, body, bl), ("a = 1\nb = 2\n", 2, "Body\n", 5));
        let crlf = split_front_matter("+++\r\na = 1\r\n+++\r\nBody").unwrap();
        assert_eq!(crlf.2, "Body");
    }

    #[test]
    fn refuses_missing_or_unclosed_front_matter() {
        assert!(
            split_front_matter("title = 1\n")
                .unwrap_err()
                .contains("no front matter")
        );
        assert!(
            split_front_matter("+++\ntitle = 1\n")
                .unwrap_err()
                .contains("never closed")
        );
    }

    #[test]
    fn maps_offsets_to_file_lines() {
        let map = LineMap::new("a\nbb\nc", 2);
        assert_eq!([map.line(0), map.line(2), map.line(5)], [2, 3, 4]);
    }

    #[test]
    fn toml_errors_point_at_the_key() {
        let mut diags = Vec::new();
        let text = "name = \"X\"\ncolour = \"blue\"\nkind = \"person\"\n";
        let got: Option<front::ActorFront> =
            parse_toml("a.md", text, &LineMap::new(text, 2), &mut diags);
        assert!(got.is_none());
        assert_eq!(diags[0].line, Some(3), "{}", diags[0]);
        assert!(diags[0].message.contains("colour"));
    }

    #[test]
    fn non_utf8_names_the_line() {
        let d = utf8("x.md", b"ok\nbad \xff".to_vec()).unwrap_err();
        assert_eq!(d.line, Some(2));
    }
}
