//! Walking `content/`'s kind folders: listing, reading and parsing their `.md` files on
//! every core, and the cache that lets `serve` read again only what changed.

use std::path::Path;
use std::sync::Arc;

use anyhow::{Context, Result};
use rayon::prelude::*;

use super::read::{Body, Folder, link_stays_inside, outside_link, parse_file, slug_of, utf8};
use super::schema::Front;
use super::{SourceFile, Unparsed};
use crate::content::front::{ActorFront, AnnotationFront, ArticleFront, PositionFront};
use crate::diagnostic::Diagnostic;

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
type Parsed<F> = Arc<(Result<Arc<SourceFile<F>>, Body>, Vec<Diagnostic>)>;

/// What a load found in one kind's folder, in the order of the walk (by name).
struct Listing<F> {
    entries: Vec<Entry<F>>,
    /// Whether a `.md` file of the folder is a symbolic link: its target can change
    /// under another name.
    links: bool,
    /// The position in `entries` of each `.md` file, by path.
    at: std::collections::HashMap<String, usize>,
    /// What `gather` made of `entries`, while they stay as they are: an edit changes
    /// one folder, and the files of the others are then not gone through again (on a
    /// big site, the counts of tens of thousands of shared files, far apart in memory).
    gathered: Option<Gathered<F>>,
}

/// The files of a listing, its diagnostics, and the files that did not parse.
struct Gathered<F> {
    files: super::Sources<F>,
    diags: Vec<Diagnostic>,
    unparsed: Vec<Unparsed>,
}

impl<F> Default for Listing<F> {
    fn default() -> Self {
        Listing {
            entries: Vec::new(),
            links: false,
            at: std::collections::HashMap::new(),
            gathered: None,
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
/// Walks (or, with `changed`, reads again) the four kind folders into `raw`, through
/// `cache` when there is one; see `super::load_with`.
pub(super) fn load_kinds(
    root: &Path,
    mut cache: Option<&mut FileCache>,
    changed: Option<&std::collections::BTreeSet<String>>,
    raw: &mut super::RawSite,
    diags: &mut Vec<Diagnostic>,
) -> Result<()> {
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
    raw.articles = gather("articles", &mut c.articles, diags, &mut raw.unparsed);
    raw.actors = gather("actors", &mut c.actors, diags, &mut raw.unparsed);
    raw.positions = gather("positions", &mut c.positions, diags, &mut raw.unparsed);
    raw.annotations = gather("annotations", &mut c.annotations, diags, &mut raw.unparsed);
    raw.unread = ["articles", "actors", "positions", "annotations"]
        .into_iter()
        .filter(|kind| super::folder_to_read(root, &format!("content/{kind}")).is_err())
        .collect();
    c.complete = true;
    Ok(())
}

mod reread;
use reread::reread;

impl FileCache {
    /// Marks the cache as not that of a finished load.
    pub(super) fn invalidate(&mut self) {
        self.complete = false;
    }
}

/// What the bytes of the file at `path` give: a diagnostic, or the parsed file.
fn read_text<F: Front>(path: &str, bytes: Vec<u8>) -> Read<F> {
    let mut d = Vec::new();
    match utf8(path, bytes, &mut d) {
        Some(text) => {
            let file = parse_file(path.to_string(), &text, &mut d).map(Arc::new);
            Read::Parsed(Arc::new((file, d)))
        }
        None => match d.pop() {
            Some(diag) => Read::NotText(diag, slug_of(path)),
            None => Read::Parsed(Arc::new((Err(None), d))),
        },
    }
}
/// Walks one kind's folder into `listing`, reading and parsing (on every core) the
/// `.md` files; with `reuse`, a file whose stamp is the one `listing` holds is not read.
fn walk_kind<F: Front + Send + Sync>(
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
    let there = super::folder_to_read(root, &format!("content/{kind}")).unwrap_or_else(|d| {
        found.entries.push(Entry::Skipped(d));
        false
    });
    if there {
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
            // Hidden files are no one's content: an editor's lock (Emacs links
            // `.#name.md` to nowhere while a file has unsaved changes), a swap file.
            if name.starts_with('.') {
                continue;
            }
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
            if is_dir {
                found.entries.push(Entry::Skipped(Diagnostic::warning(
                    rel,
                    None,
                    "ignored: sub-folders of content/ are not read",
                )));
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
            // A FIFO, socket or device: opening one to read it can block for ever.
            let special = if link {
                std::fs::metadata(&path).is_ok_and(|m| !m.is_file())
            } else {
                !file_type.is_file()
            };
            if special {
                found.entries.push(Entry::Skipped(Diagnostic::error(
                    rel,
                    Some(1),
                    "is not a file (a special file): the site reads a file here; rename or remove it",
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
            let read = read_text(&rel, bytes);
            Ok((i, rel, stamp, Some(read)))
        })
        .collect::<Result<_>>()?;
    for (i, rel, stamp, read) in outcomes {
        let read = match read.or_else(|| known.remove(&rel).map(|(_, read)| read)) {
            Some(read) => read,
            // Not reached: the stamp was found in `known` just above.
            None => Read::Parsed(Arc::new((
                Err(None),
                vec![Diagnostic::error(
                    &rel,
                    None,
                    "could not be read: save it again",
                )],
            ))),
        };
        found.at.insert(rel.clone(), i);
        found.entries[i] = Entry::File(rel, stamp, read);
    }
    *listing = found;
    Ok(())
}

/// The parsed files of a listing, in order; its diagnostics (those of reading first,
/// then those of parsing) and the files that exist but did not parse. Made once while
/// the listing stays as it is.
fn gather<F>(
    kind: &'static str,
    listing: &mut Listing<F>,
    diags: &mut Vec<Diagnostic>,
    unparsed: &mut Vec<Unparsed>,
) -> super::Sources<F> {
    let entries = &listing.entries;
    let g = listing
        .gathered
        .get_or_insert_with(|| gathered(kind, entries));
    diags.extend(g.diags.iter().cloned());
    unparsed.extend(g.unparsed.iter().cloned());
    Arc::clone(&g.files)
}

/// What `gather` gives of `entries`.
fn gathered<F>(kind: &'static str, entries: &[Entry<F>]) -> Gathered<F> {
    let mut diags = Vec::new();
    let mut unparsed = Vec::new();
    for entry in entries {
        match entry {
            Entry::Skipped(d) | Entry::File(_, _, Read::NotText(d, _)) => diags.push(d.clone()),
            Entry::File(..) => {}
        }
        if let Entry::File(path, _, Read::NotText(_, slug)) = entry {
            unparsed.push(Unparsed {
                kind,
                slug: slug.clone(),
                path: path.clone(),
                body: None,
            });
        }
    }
    let mut files = Vec::with_capacity(entries.len());
    for entry in entries {
        if let Entry::File(path, _, Read::Parsed(result)) = entry {
            diags.extend(result.1.iter().cloned());
            match &result.0 {
                Ok(file) => files.push(Arc::clone(file)),
                Err(body) => unparsed.push(Unparsed {
                    kind,
                    slug: slug_of(path),
                    path: path.clone(),
                    body: body.clone(),
                }),
            }
        }
    }
    Gathered {
        files: Arc::new(files),
        diags,
        unparsed,
    }
}
