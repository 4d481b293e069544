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
    ("note.html", include_str!("../../templates/note.html")),
    (
        "note_page.html",
        include_str!("../../templates/note_page.html"),
    ),
];

/// The built-in stylesheet, written as `style.css` unless `static/style.css` replaces it.
pub const STYLE: &str = include_str!("../../static/style.css");

/// Parsed templates, and where each came from.
pub struct Templates {
    /// The engine, with every template added.
    pub tera: Tera,
    /// Template name to the file a diagnostic should name.
    pub origin: BTreeMap<String, String>,
    /// A hash of every template's text: equal when nothing changed.
    pub fingerprint: u64,
}

/// Loads the defaults and the site's overrides. A template that does not parse is a
/// diagnostic; an unreadable folder is an `Err`.
pub fn load(root: &Path) -> Result<(Option<Templates>, Vec<Diagnostic>)> {
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
    if dir.is_dir() {
        let walk = walkdir::WalkDir::new(&dir).min_depth(1).sort_by_file_name();
        for entry in walk {
            let entry = entry.with_context(|| format!("failed to read {}", dir.display()))?;
            if !entry.file_type().is_file() {
                continue;
            }
            let name = entry
                .path()
                .strip_prefix(&dir)
                .unwrap_or(entry.path())
                .to_string_lossy()
                .replace('\\', "/");
            if !name.ends_with(".html") || name.starts_with('.') {
                continue;
            }
            let rel = format!("templates/{name}");
            let bytes = std::fs::read(entry.path())
                .with_context(|| format!("failed to read {}", entry.path().display()))?;
            match String::from_utf8(bytes) {
                Ok(text) => {
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
    let mut tera = Tera::new();
    tera.autoescape_on(vec![".html", ".xml"]);
    let origin: BTreeMap<String, String> = sources
        .iter()
        .map(|(n, (rel, _))| (n.clone(), rel.clone()))
        .collect();
    let all: Vec<(String, String)> = sources
        .into_iter()
        .map(|(n, (_, text))| (n, text))
        .collect();
    let fingerprint = {
        use std::hash::{Hash, Hasher};
        let mut h = std::collections::hash_map::DefaultHasher::new();
        all.hash(&mut h);
        h.finish()
    };
    if let Err(e) = tera.add_raw_templates(all.iter().map(|(n, t)| (n.as_str(), t.as_str()))) {
        diags.push(template_error(&e, &origin, None));
        return Ok((None, diags));
    }
    if !diags.is_empty() {
        return Ok((None, diags));
    }
    Ok((
        Some(Templates {
            tera,
            origin,
            fingerprint,
        }),
        diags,
    ))
}

/// A Tera error as a diagnostic on the template's file and line.
pub fn template_error(
    e: &tera::Error,
    origin: &BTreeMap<String, String>,
    fallback: Option<&str>,
) -> Diagnostic {
    use tera::ErrorKind;
    let (name, line, message) = match e.kind() {
        ErrorKind::SyntaxError(r) | ErrorKind::RenderingError(r) => (
            r.filename().to_string(),
            Some(r.span().start_line),
            r.message().to_string(),
        ),
        ErrorKind::MissingParent { current, .. }
        | ErrorKind::CircularExtend { tpl: current, .. } => {
            (current.clone(), Some(1), e.to_string())
        }
        _ => (fallback.unwrap_or("").to_string(), Some(1), e.to_string()),
    };
    let path = origin
        .get(&name)
        .cloned()
        .or_else(|| fallback.and_then(|f| origin.get(f).cloned()))
        .unwrap_or_else(|| format!("templates/{name}"));
    Diagnostic::error(
        path,
        line,
        format!("template error: {}", message.replace('\n', " ")),
    )
}
