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
    load_with(root, None, None)
}

/// Parsed files of an earlier load, reused while their text is the same (for `serve`,
/// which rebuilds after every edit), and what that load found in each folder, so that
/// the next load can read again only the files it is told changed.
#[derive(Default)]
pub struct FileCache {
    articles: Listing<ArticleFront>,
    actors: Listing<ActorFront>,
    positions: Listing<PositionFront>,
    annotations: Listing<AnnotationFront>,
    /// Whether the listings are those of the last load, and it finished.
    complete: bool,
}

/// When a file was last changed and how long it is: the same stamp, the same file.
type Stamp = Option<(std::time::SystemTime, u64)>;

/// What parsing one file gave: the file, or nothing, and its diagnostics.
type Parsed<F> = Arc<(Option<Arc<SourceFile<F>>>, Vec<Diagnostic>)>;

/// What a load found in one kind's folder, in the order of the walk (by name).
struct Listing<F> {
    entries: Vec<Entry<F>>,
    /// Whether a `.md` file of the folder is a symbolic link: its target can change
    /// under another name.
    links: bool,
}

impl<F> Default for Listing<F> {
    fn default() -> Self {
        Listing {
            entries: Vec::new(),
            links: false,
        }
    }
}

/// One entry of a kind's folder.
enum Entry<F> {
    /// Something that is not read, and why (a sub-folder, a file that is not `.md`, a
    /// link out of the site).
    Skipped(Diagnostic),
    /// A `.md` file: its path relative to the root, its stamp, and what reading it gave.
    File(String, Stamp, Read<F>),
}

/// What reading one `.md` file gave.
enum Read<F> {
    /// Its text is not UTF-8: the diagnostic, and the slug it is known by.
    NotText(Diagnostic, String),
    /// Its text, parsed (or not).
    Parsed(Parsed<F>),
}

/// `load`, parsing again only the files whose text is not in `cache`. With `changed`
/// (paths relative to the root, `/`-separated) and a cache of the last load, the
/// folders are not walked again: only the listed files are read, which is right only
/// when nothing else changed since that load and no file was added or removed. A
/// change that this cannot account for (a path that is not a known `.md` file) makes
/// it walk every folder.
pub fn load_with(
    root: &Path,
    mut cache: Option<&mut FileCache>,
    changed: Option<&std::collections::BTreeSet<String>>,
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
        if let Some(c) = cache {
            c.complete = false;
        }
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
    let reread = match (cache.as_deref_mut(), changed) {
        (Some(c), Some(changed)) if c.complete => reread(root, c, changed),
        _ => false,
    };
    let reuse = cache.is_some();
    let mut fresh = FileCache::default();
    let c = match cache {
        Some(c) => {
            // Until this load finishes, the cache is not that of a finished load.
            c.complete = false;
            c
        }
        None => &mut fresh,
    };
    if !reread {
        // The four folders side by side: listing and sorting a folder of thousands of
        // files is work of its own, besides reading them.
        let FileCache {
            articles,
            actors,
            positions,
            annotations,
            ..
        } = c;
        let ((a, b), (p, n)) = rayon::join(
            || {
                rayon::join(
                    || walk_kind(root, "articles", articles, reuse),
                    || walk_kind(root, "actors", actors, reuse),
                )
            },
            || {
                rayon::join(
                    || walk_kind(root, "positions", positions, reuse),
                    || walk_kind(root, "annotations", annotations, reuse),
                )
            },
        );
        a.and(b).and(p).and(n)?;
    }
    raw.articles = gather("articles", &c.articles, &mut diags, &mut raw.unparsed);
    raw.actors = gather("actors", &c.actors, &mut diags, &mut raw.unparsed);
    raw.positions = gather("positions", &c.positions, &mut diags, &mut raw.unparsed);
    raw.annotations = gather("annotations", &c.annotations, &mut diags, &mut raw.unparsed);
    c.complete = true;
    Ok((raw, diags))
}

/// Reads again the files of `changed` into the listings of `cache`; `false` (and the
/// listings unchanged) when a path is one the listings cannot account for.
fn reread(
    root: &Path,
    cache: &mut FileCache,
    changed: &std::collections::BTreeSet<String>,
) -> bool {
    let mut files = Vec::new();
    for path in changed {
        let Some(rest) = path.strip_prefix("content/") else {
            // `templates/` and `static/` are read by every build.
            continue;
        };
        let parts: Vec<&str> = rest.split('/').collect();
        // Hidden files and folders are never read, nor is site.toml kept.
        if parts.iter().any(|p| p.starts_with('.')) || rest == "site.toml" {
            continue;
        }
        let known = match parts[..] {
            [kind, name] if name.ends_with(".md") => match kind {
                "articles" => cache.articles.knows(path),
                "actors" => cache.actors.knows(path),
                "positions" => cache.positions.knows(path),
                "annotations" => cache.annotations.knows(path),
                _ => false,
            },
            _ => false,
        };
        if !known {
            return false;
        }
        // A file that cannot be read now may have gone: the walk will tell.
        let full = root.join(path);
        let Ok(meta) = std::fs::metadata(&full) else {
            return false;
        };
        if !meta.is_file() {
            return false;
        }
        let Ok(bytes) = std::fs::read(&full) else {
            return false;
        };
        let stamp = meta.modified().ok().map(|m| (m, meta.len()));
        files.push((parts[0], path.clone(), stamp, bytes));
    }
    for (kind, path, stamp, bytes) in files {
        match kind {
            "articles" => cache.articles.replace(path, stamp, bytes),
            "actors" => cache.actors.replace(path, stamp, bytes),
            "positions" => cache.positions.replace(path, stamp, bytes),
            _ => cache.annotations.replace(path, stamp, bytes),
        }
    }
    true
}

impl<F: DeserializeOwned + Send + Sync> Listing<F> {
    /// Whether `path` is a `.md` file of this listing, and one that no other name leads to.
    fn knows(&self, path: &str) -> bool {
        !self.links
            && self
                .entries
                .iter()
                .any(|e| matches!(e, Entry::File(p, _, _) if p == path))
    }

    /// Puts what the new text of the known file `path` gives in place of the old.
    fn replace(&mut self, path: String, stamp: Stamp, bytes: Vec<u8>) {
        let read = read_text(&path, bytes);
        if let Some(Entry::File(_, s, r)) = self
            .entries
            .iter_mut()
            .find(|e| matches!(e, Entry::File(p, _, _) if *p == path))
        {
            *s = stamp;
            *r = read;
        }
    }
}

/// What the bytes of the file at `path` give: a diagnostic, or the parsed file.
fn read_text<F: DeserializeOwned>(path: &str, bytes: Vec<u8>) -> Read<F> {
    let mut d = Vec::new();
    match utf8(path, bytes, &mut d) {
        Some(text) => {
            let file = parse_file(path.to_string(), &text, &mut d).map(Arc::new);
            Read::Parsed(Arc::new((file, d)))
        }
        None => {
            let name = path.rsplit('/').next().unwrap_or(path);
            let slug = name.trim_end_matches(".md").to_string();
            match d.pop() {
                Some(diag) => Read::NotText(diag, slug),
                None => Read::Parsed(Arc::new((None, d))),
            }
        }
    }
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
    let Some(text) = utf8(PATH, bytes, diags) else {
        return Ok(None);
    };
    let lines = LineMap::new(&text, 1);
    Ok(parse_toml(PATH, &text, &lines, diags).map(|site| (site, lines)))
}

/// Walks one kind's folder into `listing`, reading and parsing (on every core) the
/// `.md` files; with `reuse`, a file whose stamp is the one `listing` holds is not read.
fn walk_kind<F: DeserializeOwned + Send + Sync>(
    root: &Path,
    kind: &'static str,
    listing: &mut Listing<F>,
    reuse: bool,
) -> Result<()> {
    let mut known: std::collections::HashMap<String, (Stamp, Read<F>)> =
        std::collections::HashMap::new();
    if reuse {
        for entry in std::mem::take(&mut listing.entries) {
            if let Entry::File(path, stamp @ Some(_), read) = entry {
                known.insert(path, (stamp, read));
            }
        }
    }
    let mut found = Listing::default();
    // The `.md` files: (index in `found`, path relative to the root, path, is a link).
    let mut files = Vec::new();
    let dir = root.join("content").join(kind);
    if dir.exists() {
        // Only the folder's own files are read: sub-folders are named, not entered. (One
        // folder, listed and sorted by name here: walkdir's sort works out each name
        // again from its path at every comparison, for thousands of files.)
        let failed = || format!("failed to read {}", dir.display());
        let mut listed = std::fs::read_dir(&dir)
            .and_then(|entries| {
                entries
                    .map(|e| e.and_then(|e| Ok((e.file_name(), e.file_type()?, e.path()))))
                    .collect::<std::io::Result<Vec<_>>>()
            })
            .with_context(failed)?;
        listed.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        for (name, file_type, path) in listed {
            let name = name.to_string_lossy().into_owned();
            let rel = format!("content/{kind}/{name}");
            let link = file_type.is_symlink();
            if link && !link_stays_inside(root, &path) {
                found.entries.push(Entry::Skipped(outside_link(&rel)));
                continue;
            }
            let is_dir = if link {
                path.is_dir()
            } else {
                file_type.is_dir()
            };
            if name.starts_with('.') || is_dir {
                if is_dir && !name.starts_with('.') {
                    found.entries.push(Entry::Skipped(Diagnostic::warning(
                        rel,
                        None,
                        "ignored: sub-folders of content/ are not read",
                    )));
                }
                continue;
            }
            if !name.ends_with(".md") {
                found.entries.push(Entry::Skipped(Diagnostic::warning(
                    rel,
                    None,
                    "ignored: only .md files are read",
                )));
                continue;
            }
            found.links |= link;
            files.push((found.entries.len(), rel, path));
            // Filled in below.
            found
                .entries
                .push(Entry::Skipped(Diagnostic::warning("", None, "")));
        }
    }
    // Each file is opened, stamped, and (unless its stamp is known) read and parsed, on
    // every core: opening thousands of small files is most of the time loading takes.
    // A link's stamp is its target's: that is what changes when it is edited.
    let known_before = &known;
    let folder = Folder::new(&dir);
    let outcomes: Vec<(usize, String, Stamp, Option<Read<F>>)> = files
        .into_par_iter()
        .map(|(i, rel, path)| {
            use std::io::Read as _;
            let failed = || format!("failed to read {}", path.display());
            let mut file = folder.file(&path).with_context(failed)?;
            let meta = file.metadata().ok();
            let stamp = meta
                .as_ref()
                .and_then(|m| Some((m.modified().ok()?, m.len())));
            if known_before.get(&rel).is_some_and(|(s, _)| *s == stamp) {
                return Ok((i, rel, stamp, None));
            }
            let mut bytes = Vec::with_capacity(meta.map_or(0, |m| m.len() as usize + 1));
            file.read_to_end(&mut bytes).with_context(failed)?;
            let mut d = Vec::new();
            let read = match utf8(&rel, bytes, &mut d) {
                Some(text) => {
                    let file = parse_file(rel.clone(), &text, &mut d).map(Arc::new);
                    Read::Parsed(Arc::new((file, d)))
                }
                None => match d.pop() {
                    Some(diag) => Read::NotText(diag, slug_of(&rel)),
                    None => Read::Parsed(Arc::new((None, d))),
                },
            };
            Ok((i, rel, stamp, Some(read)))
        })
        .collect::<Result<_>>()?;
    for (i, rel, stamp, read) in outcomes {
        let read = match read.or_else(|| known.remove(&rel).map(|(_, read)| read)) {
            Some(read) => read,
            // Not reached: the stamp was found in `known` just above.
            None => Read::Parsed(Arc::new((
                None,
                vec![Diagnostic::error(
                    &rel,
                    None,
                    "could not be read: save it again",
                )],
            ))),
        };
        found.entries[i] = Entry::File(rel, stamp, read);
    }
    *listing = found;
    Ok(())
}

/// A content folder, open where the system allows it, so that its files are opened by
/// name without the kernel walking the whole path for each of thousands of them.
struct Folder {
    #[cfg(target_os = "linux")]
    fd: Option<rustix::fd::OwnedFd>,
}

impl Folder {
    fn new(dir: &Path) -> Folder {
        #[cfg(target_os = "linux")]
        {
            use rustix::fs::{Mode, OFlags};
            let flags = OFlags::RDONLY | OFlags::DIRECTORY | OFlags::CLOEXEC;
            Folder {
                fd: rustix::fs::open(dir, flags, Mode::empty()).ok(),
            }
        }
        #[cfg(not(target_os = "linux"))]
        {
            let _ = dir;
            Folder {}
        }
    }

    /// Opens `path`, a file of the folder, for reading.
    fn file(&self, path: &Path) -> std::io::Result<std::fs::File> {
        #[cfg(target_os = "linux")]
        if let (Some(fd), Some(name)) = (&self.fd, path.file_name()) {
            use rustix::fs::{Mode, OFlags};
            let flags = OFlags::RDONLY | OFlags::CLOEXEC;
            return Ok(rustix::fs::openat(fd, name, flags, Mode::empty())?.into());
        }
        std::fs::File::open(path)
    }
}

/// The parsed files of a listing, in order; its diagnostics (those of reading first,
/// then those of parsing) and the files that exist but did not parse.
fn gather<F>(
    kind: &'static str,
    listing: &Listing<F>,
    diags: &mut Vec<Diagnostic>,
    unparsed: &mut Vec<(&'static str, String)>,
) -> Vec<Arc<SourceFile<F>>> {
    for entry in &listing.entries {
        match entry {
            Entry::Skipped(d) | Entry::File(_, _, Read::NotText(d, _)) => diags.push(d.clone()),
            Entry::File(..) => {}
        }
        if let Entry::File(_, _, Read::NotText(_, slug)) = entry {
            unparsed.push((kind, slug.clone()));
        }
    }
    let mut out = Vec::with_capacity(listing.entries.len());
    for entry in &listing.entries {
        if let Entry::File(path, _, Read::Parsed(result)) = entry {
            diags.extend(result.1.iter().cloned());
            match &result.0 {
                Some(file) => out.push(Arc::clone(file)),
                None => unparsed.push((kind, slug_of(path))),
            }
        }
    }
    out
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
fn utf8(path: &str, bytes: Vec<u8>, diags: &mut Vec<Diagnostic>) -> Option<String> {
    match String::from_utf8(bytes) {
        Ok(text) => {
            let text = text
                .strip_prefix('\u{feff}')
                .map(str::to_string)
                .unwrap_or(text);
            if text.is_ascii() {
                return Some(text);
            }
            Some(match unicode_normalization::is_nfc_quick(text.chars()) {
                unicode_normalization::IsNormalized::Yes => text,
                _ => text.nfc().collect(),
            })
        }
        Err(e) => {
            let at = e.utf8_error().valid_up_to();
            let line = e.as_bytes()[..at].iter().filter(|&&b| b == b'\n').count() + 1;
            diags.push(Diagnostic::error(
                path,
                Some(line),
                format!(
                    "not UTF-8 (byte 0x{:02x} at offset {at}): save the file as UTF-8",
                    e.as_bytes()[at]
                ),
            ));
            None
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
        let mut diags = Vec::new();
        assert!(utf8("x.md", b"ok\nbad \xff".to_vec(), &mut diags).is_none());
        assert_eq!(diags[0].line, Some(2));
    }
}
