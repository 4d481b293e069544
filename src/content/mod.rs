//! Loading: walk `content/`, split front matter, parse it, and check each key against
//! what its kind knows. Nothing here knows what the content means (which slugs exist,
//! where a quote is); that is the model's job.
//!
//! The parts: `walk` lists and reads the kind folders (and caches them for `serve`),
//! `read` turns bytes into text and splits off the front matter, `parse` checks the
//! TOML against `schema` (the keys of each kind, in step with the serde shapes of
//! `front`) and `values` (URLs, dates, ids), `policy` warns about avoided sources, and
//! `images` finds the pictures that front matter names (`measure` reads their size),
//! `events` holds the shape and the walk of the timeline's events.

pub mod edit;
pub mod events;
pub mod front;
pub mod images;
mod measure;
mod parse;
mod policy;
mod read;
pub mod schema;
pub mod values;
mod walk;

use std::path::Path;
use std::sync::Arc;

use anyhow::{Context, Result};

use crate::diagnostic::Diagnostic;
use front::{ActorFront, AnnotationFront, ArticleFront, PositionFront, SiteFront};
pub(crate) use parse::syntax_message;
pub use read::split_front_matter;
pub use read::{file_to_read, folder_to_read, is_folder, link_stays_inside, outside_link};
pub use walk::FileCache;

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

    /// The 1-based column (in characters) where a byte span of the front matter starts.
    pub fn column(&self, span: &std::ops::Range<usize>) -> usize {
        self.lines.column(span.start)
    }

    /// The 1-based line of a byte offset in the body.
    pub fn body_line_at(&self, offset: usize) -> usize {
        self.body_line
            + self.body[..offset.min(self.body.len())]
                .matches('\n')
                .count()
    }

    /// The 1-based file line of byte `at` of `value`, the string of the front matter at
    /// `span`. A `"""` string drops the line break right after its opening quotes, and
    /// escapes such as `\n` make line breaks the file does not have (then the string's
    /// first line is the answer).
    pub fn string_line_at(&self, span: std::ops::Range<usize>, value: &str, at: usize) -> usize {
        let first = self.line(span.clone());
        let last = self.lines.line(span.end.saturating_sub(1)).max(first);
        let skip = (last - first).saturating_sub(value.matches('\n').count());
        let before = value[..at.min(value.len())].matches('\n').count();
        (first + skip + before).min(last)
    }
}

/// Turns byte offsets of a front matter into lines of its file.
#[derive(Debug, Clone, Default)]
pub struct LineMap {
    first_line: usize,
    newlines: Vec<usize>,
    /// The mapped text, for columns (a front matter: a few hundred bytes).
    text: Arc<str>,
}

impl LineMap {
    pub(crate) fn new(text: &str, first_line: usize) -> Self {
        let newlines = text.match_indices('\n').map(|(i, _)| i).collect();
        LineMap {
            first_line,
            newlines,
            text: Arc::from(text),
        }
    }

    /// The 1-based file line of a byte offset in the mapped text.
    pub fn line(&self, offset: usize) -> usize {
        self.first_line + self.newlines.partition_point(|&n| n < offset)
    }

    /// The 1-based column of a byte offset in the mapped text, in characters.
    pub fn column(&self, offset: usize) -> usize {
        let text = &*self.text;
        let offset = offset.min(text.len());
        let start = match self.newlines.partition_point(|&n| n < offset) {
            0 => 0,
            i => self.newlines[i - 1] + 1,
        };
        text.get(start..offset).map_or(0, |s| s.chars().count()) + 1
    }
}

/// The files of one kind, in order: shared by the loads that found them all the same.
pub type Sources<F> = Arc<Vec<Arc<SourceFile<F>>>>;

/// Everything read from `content/`, parsed but not yet checked for meaning.
#[derive(Debug, Default)]
pub struct RawSite {
    /// `content/site.toml`, when it exists and parses.
    pub site: Option<SiteFront>,
    /// Where the keys of `site.toml` are.
    pub site_lines: LineMap,
    /// `content/articles/*.md`.
    pub articles: Sources<ArticleFront>,
    /// `content/actors/*.md`.
    pub actors: Sources<ActorFront>,
    /// `content/positions/*.md`.
    pub positions: Sources<PositionFront>,
    /// `content/annotations/*.md`.
    pub annotations: Sources<AnnotationFront>,
    /// `content/events/*.md`.
    pub events: Vec<Arc<SourceFile<events::EventFront>>>,
    /// Files that exist but could not be parsed: references to them are not reported
    /// again as unknown.
    pub unparsed: Vec<Unparsed>,
    /// The pictures of the articles and actors, checked and measured, by file.
    pub images: images::Images,
    /// The kinds (`actors`) whose folder is a file, which is reported at its name: what
    /// names one of them is not reported again as unknown.
    pub unread: Vec<&'static str>,
}

/// A content file that exists but did not parse.
#[derive(Debug, Clone)]
pub struct Unparsed {
    /// Its kind's folder, e.g. `actors`.
    pub kind: &'static str,
    /// Its slug (file name without `.md`).
    pub slug: String,
    /// The file, relative to the site root.
    pub path: String,
    /// Its body and the line it starts on, when the file has front matter that did not
    /// parse: its links are still checked, so that one run shows every problem.
    pub body: Option<(Arc<str>, usize)>,
}

impl Unparsed {
    /// The 1-based line of byte `at` of its body (which it must have).
    pub fn body_line_at(&self, at: usize) -> usize {
        self.body.as_ref().map_or(1, |(body, first)| {
            first + body[..at.min(body.len())].matches('\n').count()
        })
    }
}

/// The folders of `content/` and what they hold.
pub const KINDS: [&str; 5] = ["articles", "actors", "positions", "annotations", "events"];

/// Reads and parses the content of the site at `root`. Content problems become
/// diagnostics; only a failure of the machine (an unreadable folder) is an `Err`.
pub fn load(root: &Path) -> Result<(RawSite, Vec<Diagnostic>)> {
    load_with(root, None, None)
}

/// `load`, parsing again only the files whose text is not in `cache`. With `changed`
/// (paths relative to the root, `/`-separated) and a cache of the last load, the
/// folders are not walked again: only the listed files are read, which is right only
/// when nothing else changed since that load and no file was added or removed. A
/// change that this cannot account for (a path that is not a known `.md` file) makes
/// it walk every folder.
pub fn load_with(
    root: &Path,
    cache: Option<&mut FileCache>,
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
            c.invalidate();
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
    walk::load_kinds(root, cache, changed, &mut raw, &mut diags)?;
    events::load(root, &mut raw, &mut diags)?;
    diags.extend(policy::avoided_sources(&raw));
    // Measured on every load, since a picture of static/ may change on its own.
    let (pictures, more) = images::check(root, &raw);
    raw.images = pictures;
    diags.extend(more);
    diags.extend(starter_left(root, &raw));
    Ok((raw, diags))
}

/// A warning when the site still has the starter's title (`explainer init`) but no
/// longer its example article: a site of one's own would be published under it.
fn starter_left(root: &Path, raw: &RawSite) -> Option<Diagnostic> {
    let site = raw.site.as_ref()?;
    let starter = crate::init::starter_title();
    // The example article is there when it is, read or not (one with an error still
    // is the starter's, and its error says what is wrong).
    let example = (raw.articles.iter().map(|a| a.slug.as_str()))
        .chain(
            (raw.unparsed.iter())
                .filter(|u| u.kind == "articles")
                .map(|u| u.slug.as_str()),
        )
        .any(|slug| slug == crate::init::STARTER_ARTICLE);
    if site.title != starter || example {
        return None;
    }
    let text = std::fs::read_to_string(root.join("content/site.toml")).ok()?;
    let line = text
        .lines()
        .position(|l| l.trim_start().starts_with("title"))
        .map(|i| i + 1);
    Some(
        Diagnostic::warning(
            "content/site.toml",
            line,
            format!("the site is still called \"{starter}\", the starter's example title"),
        )
        .with_hint(Some(
            "write your site's own title and description; build --strict fails until then".into(),
        )),
    )
}

/// Reads and checks `content/site.toml`: its settings (when they parse) and where its
/// keys are.
fn load_site_toml(
    root: &Path,
    diags: &mut Vec<Diagnostic>,
) -> Result<Option<(SiteFront, LineMap)>> {
    const PATH: &str = "content/site.toml";
    let file = root.join(PATH);
    match read::file_to_read(root, PATH) {
        Ok(true) => {}
        Ok(false) => {
            diags.push(Diagnostic::error(
                PATH,
                None,
                "missing: every site needs content/site.toml with at least `title = \"…\"`",
            ));
            return Ok(None);
        }
        Err(d) => {
            diags.push(d);
            return Ok(None);
        }
    }
    let bytes =
        std::fs::read(&file).with_context(|| format!("failed to read {}", file.display()))?;
    let Some(text) = read::utf8(PATH, bytes, diags) else {
        return Ok(None);
    };
    let lines = LineMap::new(&text, 1);
    Ok(parse::parse_toml(PATH, &text, &lines, diags).map(|site| (site, lines)))
}
