//! The templates: built-in defaults embedded in the binary, each overridable by a file of
//! the same name in the site's `templates/` folder.

use std::collections::BTreeMap;
use std::path::Path;

use anyhow::{Context as _, Result};
use tera::Tera;

use crate::diagnostic::Diagnostic;

/// The built-in templates, by name.
pub const DEFAULTS: &[(&str, &str)] = &[
    ("base.html", include_str!("../../templates/base.html")),
    ("index.html", include_str!("../../templates/index.html")),
    ("article.html", include_str!("../../templates/article.html")),
    ("actor.html", include_str!("../../templates/actor.html")),
    ("actors.html", include_str!("../../templates/actors.html")),
    (
        "position.html",
        include_str!("../../templates/position.html"),
    ),
    (
        "positions.html",
        include_str!("../../templates/positions.html"),
    ),
    ("404.html", include_str!("../../templates/404.html")),
    (
        "articles.html",
        include_str!("../../templates/articles.html"),
    ),
    ("matrix.html", include_str!("../../templates/matrix.html")),
    (
        "matrix_table.html",
        include_str!("../../templates/matrix_table.html"),
    ),
    ("pager.html", include_str!("../../templates/pager.html")),
    ("map.html", include_str!("../../templates/map.html")),
    (
        "previews.html",
        include_str!("../../templates/previews.html"),
    ),
    ("updated.html", include_str!("../../templates/updated.html")),
    (
        "update_log.html",
        include_str!("../../templates/update_log.html"),
    ),
    ("note.html", include_str!("../../templates/note.html")),
    (
        "timeline.html",
        include_str!("../../templates/timeline.html"),
    ),
    (
        "note_page.html",
        include_str!("../../templates/note_page.html"),
    ),
    ("search.html", include_str!("../../templates/search.html")),
];

/// The built-in stylesheet, written as `style.css` unless `static/style.css` replaces it.
pub const STYLE: &str = include_str!("../../static/style.css");

/// The built-in stylesheet of the pages that show stances, lists and the matrix (all but
/// article and note pages), written as `overview.css` unless `static/overview.css`
/// replaces it. Apart, so that the pages read most carry only what they use.
pub const OVERVIEW: &str = include_str!("../../static/overview.css");

pub use super::template_errors::template_error;

/// Parsed templates, and where each came from.
pub struct Templates {
    /// The engine, with every template added.
    pub tera: std::sync::Arc<Tera>,
    /// Template name to the file a diagnostic should name.
    pub origin: BTreeMap<String, String>,
    /// A hash of every template's text: equal when nothing changed.
    pub fingerprint: u64,
    /// Template name to its text, to find the line a link is written on.
    pub sources: BTreeMap<String, String>,
    /// The words of the pages, in the site's language (`t` in every template).
    pub strings: super::i18n::Strings,
}

/// The engine a load made, by the fingerprint of its templates and words: `serve` loads
/// the templates for every edit, and parsing them is most of that.
pub type Engines = Option<(u64, std::sync::Arc<Tera>)>;

/// Loads the defaults and the site's overrides, for pages with the words `strings`. A
/// template that does not parse is a diagnostic; an unreadable folder is an `Err`. With
/// `engines`, the engine made for the same templates and words is used again.
pub fn load(
    root: &Path,
    strings: super::i18n::Strings,
    engines: Option<&mut Engines>,
) -> Result<(Option<Templates>, Vec<Diagnostic>)> {
    let mut sources: BTreeMap<String, (String, String)> = DEFAULTS
        .iter()
        .map(|(name, text)| {
            (
                name.to_string(),
                (format!("templates/{name} (built-in)"), text.to_string()),
            )
        })
        .collect();
    let mut diags = Vec::new();
    let dir = root.join("templates");
    if crate::content::is_folder(root, "templates", &mut diags) {
        // Hidden files and folders are an editor's (Emacs's `.#name` lock links to
        // nowhere), never templates: passed over before anything is read of them.
        let walk = (walkdir::WalkDir::new(&dir).min_depth(1).sort_by_file_name())
            .into_iter()
            .filter_entry(|e| !e.file_name().to_string_lossy().starts_with('.'));
        for entry in walk {
            let entry = entry.with_context(|| format!("failed to read {}", dir.display()))?;
            if entry.path_is_symlink() {
                // A link is read as its file when it stays inside the site.
                let rel = format!("templates/{}", entry.file_name().to_string_lossy());
                let rel = entry
                    .path()
                    .strip_prefix(root)
                    .map_or(rel, |p| p.to_string_lossy().replace('\\', "/"));
                match crate::content::file_to_read(root, &rel) {
                    Ok(true) => {}
                    Ok(false) => continue,
                    Err(d) => {
                        diags.push(d);
                        continue;
                    }
                }
            } else if entry.file_type().is_dir() {
                continue;
            } else if !entry.file_type().is_file() {
                // Read, a FIFO would block the build for ever.
                let rel = entry.path().strip_prefix(root).map_or_else(
                    |_| "templates".to_string(),
                    |p| p.to_string_lossy().replace('\\', "/"),
                );
                diags.push(Diagnostic::error(
                    rel,
                    Some(1),
                    "is not a file (a special file): templates/ holds the site's templates; rename or remove it",
                ));
                continue;
            }
            let name = entry
                .path()
                .strip_prefix(&dir)
                .unwrap_or(entry.path())
                .to_string_lossy()
                .replace('\\', "/");
            let rel = format!("templates/{name}");
            if name.starts_with('.') || name == CARD {
                continue;
            }
            if !name.ends_with(".html") {
                diags.push(stray(&name));
                continue;
            }
            let bytes = std::fs::read(entry.path())
                .with_context(|| format!("failed to read {}", entry.path().display()))?;
            match String::from_utf8(bytes) {
                Ok(text) => {
                    diags.extend(super::template_hosts::problems(&rel, &text));
                    sources.insert(name, (rel, text));
                }
                Err(_) => diags.push(Diagnostic::error(
                    rel,
                    Some(1),
                    "not UTF-8: save the template as UTF-8",
                )),
            }
        }
    }
    let origin: BTreeMap<String, String> = sources
        .iter()
        .map(|(n, (rel, _))| (n.clone(), rel.clone()))
        .collect();
    let all: Vec<(String, String)> = sources
        .into_iter()
        .map(|(n, (_, text))| (n, text))
        .collect();
    diags.extend(unused(&all));
    let fingerprint = {
        use std::hash::{Hash, Hasher};
        let mut h = std::collections::hash_map::DefaultHasher::new();
        all.hash(&mut h);
        strings.hash(&mut h);
        h.finish()
    };
    let tera = match engines.as_deref() {
        Some(Some((f, tera))) if *f == fingerprint => std::sync::Arc::clone(tera),
        _ => {
            let mut tera = Tera::new();
            tera.autoescape_on(vec![".html", ".xml"]);
            super::i18n::register(&mut tera);
            let added = tera.add_raw_templates(all.iter().map(|(n, t)| (n.as_str(), t.as_str())));
            if let Err(e) = added {
                diags.extend(super::template_errors::loading(&e, &all, &origin));
                return Ok((None, diags));
            }
            let tera = std::sync::Arc::new(tera);
            if let Some(engines) = engines {
                *engines = Some((fingerprint, std::sync::Arc::clone(&tera)));
            }
            tera
        }
    };
    if diags.iter().any(Diagnostic::is_error) {
        return Ok((None, diags));
    }
    Ok((
        Some(Templates {
            tera,
            origin,
            fingerprint,
            sources: all.into_iter().collect(),
            strings,
        }),
        diags,
    ))
}

/// The names of the templates a template's text names (`extends`, `include`, `import`).
fn named(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    for (i, _) in text.match_indices("{%") {
        let tag = &text[i + 2..];
        let tag = &tag[..tag.find("%}").unwrap_or(tag.len())];
        let mut words = tag.trim_start_matches('-').split_whitespace();
        if matches!(words.next(), Some("extends" | "include" | "import")) {
            if let Some(name) = words.next() {
                out.push(name.trim_matches(['"', '\'', '`']));
            }
        }
    }
    out
}

/// The share cards' template in `templates/`, the one file there that is not HTML (see
/// `cards`).
const CARD: &str = "card.svg";

/// The file name of the site's templates nearest `name` (a path in `templates/`).
fn nearest(name: &str) -> Option<String> {
    let known = || DEFAULTS.iter().map(|(n, _)| *n).chain([CARD]);
    let leaf = name.rsplit('/').next().unwrap_or(name).to_ascii_lowercase();
    crate::diagnostic::did_you_mean(&leaf, known())
        .or_else(|| crate::diagnostic::did_you_mean(name, known()))
}

/// The warning for a file of `templates/` that is not a template at all (not `.html`,
/// not `card.svg`): `article.htm` or `notes.txt` would otherwise be ignored unseen.
fn stray(name: &str) -> Diagnostic {
    Diagnostic::warning(
        format!("templates/{name}"),
        Some(1),
        format!("is not used: templates/ holds .html templates and {CARD}, and this file is neither (keep other files elsewhere)"),
    )
    .with_hint(nearest(name))
}

/// A warning for each template of `templates/` that no page uses and no template names:
/// a misspelt override would otherwise be ignored without a word.
fn unused(all: &[(String, String)]) -> Vec<Diagnostic> {
    let used: std::collections::BTreeSet<&str> = DEFAULTS
        .iter()
        .map(|(n, _)| *n)
        .chain(all.iter().flat_map(|(_, text)| named(text)))
        .collect();
    all.iter()
        .filter(|(name, _)| !used.contains(name.as_str()))
        .map(|(name, _)| {
            let hint = nearest(name);
            let list = DEFAULTS.iter().map(|(n, _)| *n).collect::<Vec<_>>().join(", ");
            Diagnostic::warning(
                format!("templates/{name}"),
                Some(1),
                format!("is not used: no page is made with it and no template includes it (the templates a site can replace are {list}, in templates/ itself)"),
            )
            .with_hint(hint)
        })
        .collect()
}

impl Templates {
    /// The template file and line that write `link` on a page made with `template`: the
    /// `href` or `src` of the template (or of one it extends or includes) whose text
    /// matches the link best, `{{ … }}` and `{% … %}` matching anything. Line 1 of the
    /// page's template when none matches.
    pub fn link_line(&self, template: &str, link: &str) -> (String, usize) {
        self.attribute_line(template, super::scan::Attribute::Link, link)
    }

    /// `link_line` for the first of the ways `links` a link may have been written that
    /// an attribute of the templates matches best (`#x` or `../actors/#x` on a page).
    pub fn link_line_of(&self, template: &str, links: &[&str]) -> (String, usize) {
        self.attribute_line_of(template, super::scan::Attribute::Link, links)
    }

    /// The file and line of the template (or of one it extends or includes) that writes
    /// `value` in an attribute of kind `attribute` (an `id`, or a link as `link_line`).
    pub fn attribute_line(
        &self,
        template: &str,
        attribute: super::scan::Attribute,
        value: &str,
    ) -> (String, usize) {
        self.attribute_line_of(template, attribute, &[value])
    }

    /// `attribute_line` for the value of `values` that an attribute matches best.
    fn attribute_line_of(
        &self,
        template: &str,
        attribute: super::scan::Attribute,
        values: &[&str],
    ) -> (String, usize) {
        let mut names = vec![template];
        let mut i = 0;
        while i < names.len() && names.len() < 32 {
            if let Some(text) = self.sources.get(names[i]) {
                for n in named(text) {
                    if !names.contains(&n) {
                        names.push(n);
                    }
                }
            }
            i += 1;
        }
        let mut best: Option<(usize, &str, usize)> = None;
        for name in names {
            let Some(text) = self.sources.get(name) else {
                continue;
            };
            super::scan::attributes(text, |found, value, at| {
                if found != attribute {
                    return;
                }
                for link in values {
                    if let Some(score) = pattern_score(&value, link) {
                        if best.is_none_or(|(s, _, _)| score > s) {
                            best = Some((score, name, 1 + text[..at].matches('\n').count()));
                        }
                    }
                }
            });
        }
        let (name, line) = best.map_or((template, 1), |(_, n, l)| (n, l));
        let file = self
            .origin
            .get(name)
            .cloned()
            .unwrap_or_else(|| format!("templates/{name}"));
        (file, line)
    }
}

/// How well a template's attribute `pattern` (with `{{ … }}`, `{% … %}` and `{# … #}`
/// standing for anything) matches `link`: the length of its text that the link holds in
/// order, or `None` when it cannot be the link.
fn pattern_score(pattern: &str, link: &str) -> Option<usize> {
    let mut pieces = Vec::new();
    let mut rest = pattern;
    while let Some(i) = rest.find(['{']) {
        let close = match rest.get(i..i + 2) {
            Some("{{") => "}}",
            Some("{%") => "%}",
            Some("{#") => "#}",
            _ => {
                pieces.push(&rest[..i + 1]);
                rest = &rest[i + 1..];
                continue;
            }
        };
        pieces.push(&rest[..i]);
        pieces.push("\0");
        rest = rest[i..].find(close).map_or("", |e| &rest[i + e + 2..]);
    }
    pieces.push(rest);
    // Join the literal text between the tags.
    let mut parts: Vec<String> = vec![String::new()];
    for p in pieces {
        if p == "\0" {
            parts.push(String::new());
        } else if let Some(last) = parts.last_mut() {
            last.push_str(p);
        }
    }
    if parts.len() == 1 {
        return (parts[0] == link).then_some(link.len() + 1);
    }
    let (first, last) = (&parts[0], &parts[parts.len() - 1]);
    let mut at = link.strip_prefix(first.as_str())?;
    for middle in &parts[1..parts.len() - 1] {
        let i = at.find(middle.as_str())?;
        at = &at[i + middle.len()..];
    }
    at.ends_with(last.as_str())
        .then(|| parts.iter().map(String::len).sum())
}

#[cfg(test)]
#[path = "templates_tests.rs"]
mod tests;
