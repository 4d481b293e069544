//! From bytes to a content file: UTF-8 and NFC, the front matter split off the body,
//! the front matter parsed and checked.

use std::path::Path;
use std::sync::Arc;

use unicode_normalization::UnicodeNormalization;

use super::parse::parse_toml;
use super::schema::Front;
use super::{LineMap, SourceFile};
use crate::diagnostic::Diagnostic;

/// The text of a file as NFC-normalised UTF-8, or a diagnostic at the first bad byte.
pub(super) fn utf8(path: &str, bytes: Vec<u8>, diags: &mut Vec<Diagnostic>) -> Option<String> {
    match String::from_utf8(bytes) {
        Ok(text) => {
            let text = text
                .strip_prefix('\u{feff}')
                .map(str::to_string)
                .unwrap_or(text);
            let text = drop_controls(path, text, diags);
            if text.is_ascii() {
                return Some(text);
            }
            Some(match unicode_normalization::is_nfc_quick(text.chars()) {
                unicode_normalization::IsNormalized::Yes => text,
                _ => text.nfc().collect(),
            })
        }
        Err(e) => {
            let bytes = e.as_bytes();
            // Windows' Notepad saves "Unicode" as UTF-16, with a byte-order mark.
            if bytes.starts_with(&[0xff, 0xfe]) || bytes.starts_with(&[0xfe, 0xff]) {
                diags.push(Diagnostic::error(
                    path,
                    Some(1),
                    "is UTF-16, not UTF-8: save the file as UTF-8",
                ));
                return None;
            }
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

/// Whether `c` is a control character that HTML does not allow in a page (C0 but tab,
/// line feed and carriage return; DEL; C1): pasted copy brings terminal escapes and
/// such, invisible in an editor.
fn is_control(c: char) -> bool {
    (c.is_control() && !matches!(c, '\t' | '\n' | '\r')) || c == '\u{7f}'
}

/// `text` without its control characters, each line that had any warned about.
fn drop_controls(path: &str, text: String, diags: &mut Vec<Diagnostic>) -> String {
    // A first look at the bytes, in blocks without an early exit so that it compiles to
    // vector code (a byte-at-a-time `any` was a tenth of a big site's load time).
    let suspect =
        |b: u8| (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r')) || b == 0x7f || b == 0xc2;
    let any = (text.as_bytes().chunks(256))
        .any(|block| block.iter().fold(false, |seen, &b| seen | suspect(b)));
    if !any || !text.chars().any(is_control) {
        return text;
    }
    for (i, line) in text.split('\n').enumerate() {
        let found: Vec<String> = line
            .chars()
            .filter(|&c| is_control(c))
            .map(|c| format!("U+{:04X}", c as u32))
            .collect();
        if !found.is_empty() {
            let mut names = found.clone();
            names.dedup();
            diags.push(
                Diagnostic::warning(
                    path,
                    Some(i + 1),
                    format!(
                        "{} dropped: {} (invisible, and not allowed in a web page)",
                        crate::plural::counted(
                            found.len(),
                            "control character",
                            "control characters"
                        ),
                        names.join(", ")
                    ),
                )
                .with_hint(Some(
                    if found.len() == 1 {
                        "delete it from the file"
                    } else {
                        "delete them from the file"
                    }
                    .into(),
                )),
            );
        }
    }
    text.chars().filter(|&c| !is_control(c)).collect()
}

/// A file split at its `+++` lines.
#[derive(Debug, PartialEq, Eq)]
pub struct Split<'t> {
    /// The TOML between the `+++` lines.
    pub front: &'t str,
    /// The 1-based line of the file on which `front` starts.
    pub front_line: usize,
    /// The Markdown after the closing `+++`.
    pub body: &'t str,
    /// The 1-based line of the file on which `body` starts.
    pub body_line: usize,
}

/// Splits a file into its front matter and body, or says (as a diagnostic without a
/// path) why the file has no front matter the format accepts.
pub fn split_front_matter(text: &str) -> Result<Split<'_>, Diagnostic> {
    let mut lines = text.split_inclusive('\n');
    let first = lines.next().unwrap_or("");
    if first.trim_end() != "+++" {
        return Err(no_front_matter(text));
    }
    let front_start = first.len();
    let mut offset = front_start;
    let mut indented = None;
    for (i, line) in lines.enumerate() {
        if line.trim_end() == "+++" {
            return Ok(Split {
                front: &text[front_start..offset],
                front_line: 2,
                body: &text[offset + line.len()..],
                body_line: i + 3,
            });
        }
        if indented.is_none() && line.trim() == "+++" {
            indented = Some(i + 2);
        }
        offset += line.len();
    }
    let closed = "the front matter opened by `+++` on line 1 is never closed: add a line holding only `+++` after it";
    Err(Diagnostic::error("", Some(1), closed).with_hint(
        indented.map(|n| format!("line {n} has spaces before `+++`: remove them to close it")),
    ))
}

/// Why a file that does not start with a `+++` line has no front matter, as precisely
/// as its first lines tell: YAML's `---`, blank lines or spaces before `+++`.
fn no_front_matter(text: &str) -> Diagnostic {
    const NONE: &str = "no front matter: the file must start with a line holding only `+++`, then TOML, then another `+++` line";
    let first = text.lines().next().unwrap_or("");
    let opening = text.lines().position(|l| !l.trim().is_empty());
    let (message, hint) = match opening.map(|i| (i, text.lines().nth(i).unwrap_or("").trim())) {
        _ if first.trim() == "---" => (
            "no front matter: the file starts with `---`, as YAML front matter does".to_string(),
            "explainer uses TOML between `+++` lines: write `+++` in place of both `---` lines, and each key as `key = \"value\"`".to_string(),
        ),
        Some((0, "+++")) => (
            "spaces before `+++` on line 1: the front matter must start with a line holding only `+++`".to_string(),
            "remove the spaces before `+++`".to_string(),
        ),
        Some((i, "+++" | "---")) if i > 0 => (
            format!(
                "the file starts with {i} blank line{}: `+++` must be on the first line",
                if i == 1 { "" } else { "s" }
            ),
            format!("delete the blank lines before line {}", i + 1),
        ),
        _ => return Diagnostic::error("", Some(1), NONE),
    };
    Diagnostic::error("", Some(1), message).with_hint(Some(hint))
}

/// The slug of a content file: its name without `.md`.
pub(super) fn slug_of(path: &str) -> String {
    let name = path.rsplit('/').next().unwrap_or(path);
    name.strip_suffix(".md").unwrap_or(name).to_string()
}

/// The body of a file whose front matter did not parse, and the line it starts on.
pub(super) type Body = Option<(Arc<str>, usize)>;

/// The content file at `path` (relative to the root) of text `text`, when its front
/// matter is there and parses (else its body, when the front matter is there but does
/// not parse); its problems go to `diags` either way.
pub(super) fn parse_file<F: Front>(
    path: String,
    text: &str,
    diags: &mut Vec<Diagnostic>,
) -> Result<SourceFile<F>, Body> {
    let slug = slug_of(&path);
    placeholders(&path, text, diags);
    let split = match split_front_matter(text) {
        Ok(split) => split,
        Err(d) => {
            diags.push(Diagnostic { path, ..d });
            return Err(None);
        }
    };
    let lines = LineMap::new(split.front, split.front_line);
    let Some(front) = parse_toml(&path, split.front, &lines, diags) else {
        return Err(Some((Arc::from(split.body), split.body_line)));
    };
    Ok(SourceFile {
        path,
        slug,
        front,
        lines,
        body: Arc::from(split.body),
        body_line: split.body_line,
    })
}

/// Warns at each line of `text` that holds a placeholder `explainer new` wrote
/// (`TODO:`): until an editor replaces it, it would be published (`build --strict`
/// fails on it).
fn placeholders(path: &str, text: &str, diags: &mut Vec<Diagnostic>) {
    let marker = crate::new::PLACEHOLDER;
    for at in memchr::memmem::find_iter(text.as_bytes(), marker) {
        let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
        let line_end = text[at..].find('\n').map_or(text.len(), |i| at + i);
        let line = text[..at].matches('\n').count() + 1;
        let line_text = text[line_start..line_end].trim();
        let mut shown: String = line_text.chars().take(80).collect();
        if shown.len() < line_text.len() {
            shown.push('…');
        }
        diags.push(
            Diagnostic::warning(path, Some(line), format!("placeholder left: {shown}")).with_hint(
                Some(
                    "write the real text in its place; build --strict fails while one is left"
                        .into(),
                ),
            ),
        );
    }
}

/// A content folder, open where the system allows it, so that its files are opened by
/// name without the kernel walking the whole path for each of thousands of them.
pub(super) struct Folder {
    #[cfg(target_os = "linux")]
    fd: Option<rustix::fd::OwnedFd>,
}

impl Folder {
    pub(super) fn new(dir: &Path) -> Folder {
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
    pub(super) fn file(&self, path: &Path) -> std::io::Result<std::fs::File> {
        #[cfg(target_os = "linux")]
        if let (Some(fd), Some(name)) = (&self.fd, path.file_name()) {
            use rustix::fs::{Mode, OFlags};
            let flags = OFlags::RDONLY | OFlags::CLOEXEC;
            return Ok(rustix::fs::openat(fd, name, flags, Mode::empty())?.into());
        }
        std::fs::File::open(path)
    }
}

/// Whether a symbolic link leads to a place inside the site's folder.
pub fn link_stays_inside(root: &Path, link: &Path) -> bool {
    match (root.canonicalize(), link.canonicalize()) {
        (Ok(root), Ok(target)) => target.starts_with(root),
        _ => false,
    }
}

/// Whether the folder `rel` of the site at `root` (`content/actors`, `static`, …) is
/// there to read. Anything else in its place (a file, or a link to one) is a content
/// error at `rel`, so that the folder is never read as empty, nor fails the machine.
pub fn folder_to_read(root: &Path, rel: &str) -> std::result::Result<bool, Diagnostic> {
    match std::fs::metadata(root.join(rel)) {
        Ok(meta) if meta.is_dir() => Ok(true),
        Ok(_) => Err(Diagnostic::error(
            rel,
            Some(1),
            format!(
                "is a file; it must be a folder: rename or remove it, and make the folder {rel}/"
            ),
        )),
        // Not there (or a link that leads nowhere, reported where links are read).
        Err(_) => Ok(false),
    }
}

/// Whether the file `rel` of the site at `root` (`content/site.toml`, `i18n/en.toml`) is
/// there to read: a file, or a link to one inside the site. A link out of the site (or
/// to nothing), or a folder in its place, is a content error at `rel`: nothing outside
/// the site is read, and nothing is left out without a word.
pub fn file_to_read(root: &Path, rel: &str) -> std::result::Result<bool, Diagnostic> {
    let path = root.join(rel);
    if std::fs::symlink_metadata(&path).is_err() {
        return Ok(false);
    }
    if !link_stays_inside(root, &path) {
        return Err(outside_link(rel));
    }
    if std::fs::metadata(&path).is_ok_and(|m| m.is_file()) {
        Ok(true)
    } else {
        Err(Diagnostic::error(
            rel,
            Some(1),
            "is not a file (a folder, or a special file): the site reads a file here; rename or remove it",
        ))
    }
}

/// `folder_to_read`, its diagnostic added to `diags`.
pub fn is_folder(root: &Path, rel: &str, diags: &mut Vec<Diagnostic>) -> bool {
    folder_to_read(root, rel).unwrap_or_else(|d| {
        diags.push(d);
        false
    })
}

/// The diagnostic for a symbolic link that leads out of the site (or nowhere).
pub fn outside_link(rel: &str) -> Diagnostic {
    Diagnostic::error(
        rel,
        Some(1),
        "a symbolic link that leads outside the site's folder (or nowhere): nothing outside the site is read",
    )
}

#[cfg(test)]
#[path = "read_tests.rs"]
mod tests;
