//! explainer: a static-site generator for explainer journalism.
//!
//! The pipeline, one step per module: `content` loads the files, `model` validates them
//! into a `Site`, `render` turns the site into pages in memory, `output` writes them.
//! Problems with the content are `Diagnostic`s, collected and reported together.

pub mod cli;
pub mod content;
pub mod diagnostic;
pub mod fix_quotes;
pub mod import;
pub mod init;
pub mod markdown;
pub mod model;
pub mod new;
pub mod output;
pub mod plural;
mod prepare;
pub mod render;
pub mod serve;
pub mod stats;
pub mod suggest;
pub mod text;

use std::path::{Path, PathBuf};

use anyhow::Result;

pub use diagnostic::Diagnostic;
use output::StaticFile;
pub use prepare::{Caches, model_anyway, prepare, prepare_after, prepare_with};
pub use render::Files;

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
    /// What a build left out, and why (not a problem of the content).
    pub notes: Vec<String>,
    /// How a build came by its share cards, when the site has them.
    pub cards: Option<render::cards::write::Drawn>,
}

impl Report {
    /// Whether the content has errors.
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }
}

/// A validated site with its templates, ready to render.
pub struct Prepared {
    /// The site model.
    pub site: model::Site,
    /// The templates, defaults and overrides.
    pub templates: render::templates::Templates,
    /// Files to copy from `static/`.
    pub statics: Vec<StaticFile>,
    /// The links written in content, where they are written.
    pub written: Vec<render::written::WrittenLink>,
    /// The files those links were checked against.
    written_files: std::sync::Arc<render::links::SiteFiles>,
    /// What resolving the site left for taking in new article text (only when it was
    /// prepared with caches).
    kept: Option<model::update::Kept>,
}

impl Prepared {
    /// Renders every file into `sink` and checks the links; returns the problems found.
    pub fn render(&self, sink: &render::Sink) -> Result<Vec<Diagnostic>> {
        let statics: Vec<String> = self.statics.iter().map(|s| s.path.clone()).collect();
        render::render(&self.site, &self.templates, &statics, &self.written, sink)
    }

    /// Renders the whole site into memory.
    pub fn render_to_memory(&self) -> Result<(Files, Vec<Diagnostic>)> {
        let files = std::sync::Mutex::new(Files::new());
        let diags = self.render(&|path, bytes| {
            files
                .lock()
                .map_err(|_| anyhow::anyhow!("a rendering thread failed"))?
                .insert(path.to_string(), bytes.to_vec());
            Ok(())
        })?;
        let files = files
            .into_inner()
            .map_err(|_| anyhow::anyhow!("a rendering thread failed"))?;
        Ok((files, diags))
    }
}

pub(crate) fn timing(what: &str, t: std::time::Instant) {
    if std::env::var_os("EXPLAINER_TIMINGS").is_some() {
        let rss = std::fs::read_to_string("/proc/self/status")
            .ok()
            .and_then(|s| {
                s.lines()
                    .find(|l| l.starts_with("VmRSS"))
                    .map(str::to_string)
            })
            .unwrap_or_default();
        // The process's CPU time so far (user and system, in clock ticks): with the wall
        // time, how well a phase keeps the cores busy.
        let cpu = std::fs::read_to_string("/proc/self/stat")
            .ok()
            .and_then(|s| {
                let after = s.rsplit_once(") ")?.1;
                let f: Vec<&str> = after.split(' ').collect();
                Some(f.get(11)?.parse::<u64>().ok()? + f.get(12)?.parse::<u64>().ok()?)
            })
            .map(|ticks| format!(" cpu {:.2}s", ticks as f64 / 100.0))
            .unwrap_or_default();
        eprintln!("{what}: {:?}{cpu} {rss}", t.elapsed());
    }
}

/// `explainer check`: validates content and the links of the site it would write.
pub fn check(opts: &Options) -> Result<Report> {
    let (prepared, mut diagnostics) = prepare(opts)?;
    let mut files = 0;
    if let Some(p) = &prepared {
        let count = std::sync::atomic::AtomicUsize::new(0);
        let t = std::time::Instant::now();
        diagnostics.extend(p.render(&|_, _| {
            count.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            Ok(())
        })?);
        timing("render", t);
        files = count.into_inner() + p.statics.len();
        diagnostics.extend(render::cards::write::check(
            &opts.root,
            &p.site,
            &p.templates.strings,
        )?);
    }
    drop_later(prepared);
    Ok(Report {
        diagnostics: diagnostic::sorted(diagnostics),
        files,
        ..Report::default()
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
    build_with(opts, false)
}

/// `build`; with `strict`, a warning fails the build as an error does (`build --strict`,
/// for CI and publishing: a placeholder or an avoided source is never published).
pub fn build_with(opts: &Options, strict: bool) -> Result<Report> {
    let (prepared, mut diagnostics) = prepare(opts)?;
    let Some(prepared) = prepared else {
        if strict {
            for d in &mut diagnostics {
                d.severity = diagnostic::Severity::Error;
            }
        }
        return Ok(Report {
            diagnostics,
            ..Report::default()
        });
    };
    let out = output_dir(opts);
    output::check_target(&opts.root, &out)?;
    if render::cards::drawn(&prepared.site) {
        render::cards::cache::check(&opts.root, &render::cards::cache::dir_for(&out))?;
    }
    // The folder the checks saw: `new/../public` never makes a stray `new`.
    let staging = output::Staging::new(&output::absolute(&out)?)?;
    let count = std::sync::atomic::AtomicUsize::new(0);
    let t = std::time::Instant::now();
    diagnostics.extend(prepared.render(&|path, bytes| {
        count.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        staging.put(path, bytes)
    })?);
    timing("render and write", t);
    if diagnostics.iter().any(Diagnostic::is_error) {
        // Nothing is written: no card need be drawn either.
        return Ok(Report {
            diagnostics: diagnostic::sorted(diagnostics),
            ..Report::default()
        });
    }
    let (cards, more) = render::cards::write::for_build(
        &opts.root,
        &prepared.site,
        &prepared.templates.strings,
        &output::absolute(&out)?,
        &|path, file| {
            count.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            staging.place(path, file)
        },
    )?;
    diagnostics.extend(more);
    timing("cards", t);
    if strict {
        for d in &mut diagnostics {
            d.severity = diagnostic::Severity::Error;
        }
    }
    let diagnostics = diagnostic::sorted(diagnostics);
    if diagnostics.iter().any(Diagnostic::is_error) {
        return Ok(Report {
            diagnostics,
            ..Report::default()
        });
    }
    let written = staging.finish(&prepared.statics)?;
    timing("finish", t);
    let files = count.into_inner() + prepared.statics.len();
    let notes = if prepared.site.base_url.is_none() {
        vec![render::feed::NO_BASE_URL.to_string()]
    } else {
        Vec::new()
    };
    drop_later(prepared);
    Ok(Report {
        diagnostics,
        files,
        written: Some(written),
        notes,
        cards,
    })
}

/// Frees `value` on another thread: the model and records of a big site take a while
/// to free, and a command's answer need not wait for that.
pub(crate) fn drop_later<T: Send + 'static>(value: T) {
    std::thread::spawn(move || drop(value));
}

/// Whether `root` looks like a site (has `content/`).
pub fn is_site(root: &Path) -> bool {
    root.join("content").is_dir()
}
