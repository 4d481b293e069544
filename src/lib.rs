//! explainer: a static-site generator for explainer journalism.
//!
//! The pipeline, one step per module: `content` loads the files, `model` validates them
//! into a `Site`, `render` turns the site into pages in memory, `output` writes them.
//! Problems with the content are `Diagnostic`s, collected and reported together.

pub mod cli;
pub mod content;
pub mod diagnostic;
pub mod import;
pub mod markdown;
pub mod model;
pub mod new;
pub mod output;
pub mod render;
pub mod text;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use anyhow::Result;

pub use diagnostic::Diagnostic;
use output::StaticFile;
use render::Files;

/// What to build, and where.
#[derive(Debug, Clone)]
pub struct Options {
    /// The site's folder (holding `content/`).
    pub root: PathBuf,
    /// Where to write; default `ROOT/public`.
    pub output: Option<PathBuf>,
    /// Overrides `base_url` of `site.toml`.
    pub base_url: Option<String>,
}

/// What a build or check found and did.
#[derive(Debug, Default)]
pub struct Report {
    /// Every problem found, sorted; errors mean nothing was written.
    pub diagnostics: Vec<Diagnostic>,
    /// How many files the site has (pages, assets and static files).
    pub files: usize,
    /// Where the site was written, for a build that wrote it.
    pub written: Option<PathBuf>,
}

impl Report {
    /// Whether the content has errors.
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }
}

/// A validated, rendered site, ready to be written.
pub struct Rendered {
    /// Every generated file.
    pub files: Files,
    /// Files to copy from `static/`.
    pub statics: Vec<StaticFile>,
}

/// Loads, validates and renders the site in memory. `Err` is a failure of the machine;
/// content problems come back in the report (with `None` when there are errors).
pub fn prepare(opts: &Options) -> Result<(Option<Rendered>, Vec<Diagnostic>)> {
    let (raw, mut diags) = content::load(&opts.root)?;
    let (mut site, more) = model::resolve(&raw);
    diags.extend(more);
    if let Some(url) = &opts.base_url {
        match model::normalize_base_url(url) {
            Some(u) => site.base_url = Some(u),
            None => anyhow::bail!("--base-url \"{url}\" is not an absolute http(s) URL"),
        }
    }
    let (templates, more) = render::templates::load(&opts.root)?;
    diags.extend(more);
    let statics = output::static_files(&opts.root)?;
    if diags.iter().any(Diagnostic::is_error) {
        return Ok((None, diagnostic::sorted(diags)));
    }
    let Some(templates) = templates else {
        return Ok((None, diagnostic::sorted(diags)));
    };
    let files = match render::render(&site, &templates) {
        Ok(files) => files,
        Err(more) => {
            diags.extend(more);
            return Ok((None, diagnostic::sorted(diags)));
        }
    };
    diags.extend(clashes(&files, &statics));
    diags.extend(check_links(&files, &statics, &site, &templates));
    let ok = !diags.iter().any(Diagnostic::is_error);
    Ok((
        ok.then_some(Rendered { files, statics }),
        diagnostic::sorted(diags),
    ))
}

/// A file of `static/` may replace an asset (`style.css`) but not a generated page.
fn clashes(files: &Files, statics: &[StaticFile]) -> Vec<Diagnostic> {
    statics
        .iter()
        .filter(|s| {
            files.contains_key(&s.path)
                && (s.path.ends_with(".html") || s.path == "sitemap.xml" || s.path == ".nojekyll")
        })
        .map(|s| {
            Diagnostic::error(
                format!("static/{}", s.path),
                Some(1),
                format!(
                    "would replace the generated {}: rename or remove it",
                    s.path
                ),
            )
        })
        .collect()
}

fn check_links(
    files: &Files,
    statics: &[StaticFile],
    site: &model::Site,
    templates: &render::templates::Templates,
) -> Vec<Diagnostic> {
    let pages: BTreeMap<String, String> = files
        .iter()
        .filter(|(p, _)| p.ends_with(".html"))
        .map(|(p, b)| (p.clone(), String::from_utf8_lossy(b).into_owned()))
        .collect();
    let all: BTreeSet<String> = files
        .keys()
        .cloned()
        .chain(statics.iter().map(|s| s.path.clone()))
        .collect();
    let origin = |page: &str| {
        let template = match page {
            "index.html" => "index.html",
            "404.html" => "404.html",
            p if p.starts_with("articles/") => "article.html",
            "actors/index.html" => "actors.html",
            p if p.starts_with("actors/") => "actor.html",
            "positions/index.html" => "positions.html",
            _ => "position.html",
        };
        templates
            .origin
            .get(template)
            .cloned()
            .unwrap_or_else(|| page.to_string())
    };
    render::links::check(&pages, &all, site.base_url.as_deref(), &origin)
}

/// `explainer check`: validates content and the links of the site it would write.
pub fn check(opts: &Options) -> Result<Report> {
    let (rendered, diagnostics) = prepare(opts)?;
    Ok(Report {
        files: rendered
            .as_ref()
            .map_or(0, |r| r.files.len() + r.statics.len()),
        diagnostics,
        written: None,
    })
}

/// The output folder of a build.
pub fn output_dir(opts: &Options) -> PathBuf {
    opts.output
        .clone()
        .unwrap_or_else(|| opts.root.join("public"))
}

/// `explainer build`: validates, then writes the whole site, or nothing.
pub fn build(opts: &Options) -> Result<Report> {
    let (rendered, diagnostics) = prepare(opts)?;
    let Some(rendered) = rendered else {
        return Ok(Report {
            diagnostics,
            ..Report::default()
        });
    };
    let out = output_dir(opts);
    output::check_target(&opts.root, &out)?;
    output::write(&out, &rendered.files, &rendered.statics)?;
    Ok(Report {
        diagnostics,
        files: rendered.files.len() + rendered.statics.len(),
        written: Some(out),
    })
}

/// Whether `root` looks like a site (has `content/`).
pub fn is_site(root: &Path) -> bool {
    root.join("content").is_dir()
}
