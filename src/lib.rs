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
pub mod render;
pub mod serve;
pub mod stats;
pub mod suggest;
pub mod text;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use anyhow::Result;

pub use diagnostic::Diagnostic;
use output::StaticFile;
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

fn timing(what: &str, t: std::time::Instant) {
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

/// What a build can keep for the next one (`serve`): parsed files and analysed articles.
#[derive(Default)]
pub struct Caches {
    /// Parsed content files, by text.
    pub files: content::FileCache,
    /// Analysed articles.
    pub analyses: model::articles::AnalysisCache,
    /// The template engine last made.
    pub engines: render::templates::Engines,
    /// The files (relative to the root, `/`-separated) whose text changed since the
    /// last build, when nothing else did: only they are read again. `None` walks every
    /// folder of `content/` again.
    pub changed: Option<BTreeSet<String>>,
}

/// Loads and validates the site. `Err` is a failure of the machine; content problems
/// come back as diagnostics (with `None` when there are errors).
pub fn prepare(opts: &Options) -> Result<(Option<Prepared>, Vec<Diagnostic>)> {
    prepare_with(opts, None)
}

/// `prepare`, reusing what `caches` kept of the previous build.
pub fn prepare_with(
    opts: &Options,
    caches: Option<&mut Caches>,
) -> Result<(Option<Prepared>, Vec<Diagnostic>)> {
    let (prepared, diags, _) = prepare_after(opts, caches, &mut None)?;
    Ok((prepared, diags))
}

/// `prepare_with` after the build `earlier` (for `serve`). When the text of articles is
/// all that changed since, and nothing is wrong, the site of `earlier` takes in the new
/// text instead of being resolved again: `earlier` is taken, and the parts of the site
/// that changed come back (see `model::update`). Otherwise `earlier` is left as it was.
pub fn prepare_after(
    opts: &Options,
    caches: Option<&mut Caches>,
    earlier: &mut Option<Prepared>,
) -> Result<(
    Option<Prepared>,
    Vec<Diagnostic>,
    Option<model::update::Delta>,
)> {
    let t = std::time::Instant::now();
    let (files, analyses, engines, changed) = match caches {
        Some(c) => (
            Some(&mut c.files),
            Some(&mut c.analyses),
            Some(&mut c.engines),
            c.changed.as_ref(),
        ),
        None => (None, None, None, None),
    };
    let (raw, mut diags) = content::load_with(&opts.root, files, changed)?;
    timing("load", t);
    let (strings, more) = render::i18n::load(&opts.root, raw.site.as_ref(), &raw.site_lines)?;
    diags.extend(more);
    let (templates, more) = render::templates::load(&opts.root, strings, engines)?;
    diags.extend(more);
    let statics = output::static_files(&opts.root, &mut diags)?;
    let unparsed_pages: Vec<String> = raw
        .unparsed
        .iter()
        .filter(|u| matches!(u.kind, "articles" | "actors" | "positions"))
        .map(|u| format!("{}/{}/index.html", u.kind, u.slug))
        .collect();
    // Links written in content are checked here, with every other content error.
    timing("templates and statics", t);
    let base = opts.base_url.as_deref().or_else(|| {
        raw.site
            .as_ref()
            .and_then(|s| s.base_url.as_ref())
            .map(|b| b.get_ref().as_str())
    });
    let base = base.and_then(model::normalize_base_url);
    // When only the text of articles or profiles changed since the last build, the site
    // has the files it had, and the links of the other files were checked against them.
    let bodies = earlier
        .as_ref()
        .and_then(|e| Some((e, model::update::body_changes(e.kept.as_ref()?, &raw)?)));
    // Links to no file do not stop the render: the pages are still made (not written),
    // so that their links to ids are checked in the same run.
    let mut link_diags = Vec::new();
    let (written, written_files) = match bodies {
        Some((e, changed)) => {
            let mut fresh = render::written::gather_only(&raw, &|p| changed.contains(p));
            link_diags.extend(render::written::check(
                &mut fresh,
                &e.written_files,
                base.as_deref(),
            ));
            let mut written: Vec<render::written::WrittenLink> = e
                .written
                .iter()
                .filter(|w| !changed.contains(&w.path))
                .cloned()
                .collect();
            written.extend(fresh);
            (written, e.written_files.clone())
        }
        None => {
            let mut written = render::written::gather(&raw);
            timing("gather", t);
            let paths: Vec<String> = statics.iter().map(|s| s.path.clone()).collect();
            let files = std::sync::Arc::new(render::site_files::site_files(&raw, &paths));
            link_diags.extend(render::written::check(
                &mut written,
                &files,
                base.as_deref(),
            ));
            (written, files)
        }
    };
    timing("written check", t);
    let fine = templates.is_some() && !diags.iter().any(Diagnostic::is_error);
    let (mut site, kept, delta) = match (earlier.take(), analyses, fine) {
        (Some(mut e), Some(cache), true) => match update(&mut e, &statics, raw, cache) {
            Ok(delta) => (e.site, e.kept, Some(delta)),
            Err(raw) => {
                *earlier = Some(e);
                resolve(*raw, Some(cache), &mut diags)
            }
        },
        (e, analyses, _) => {
            *earlier = e;
            resolve(raw, analyses, &mut diags)
        }
    };
    timing("resolve", t);
    if let Some(url) = &opts.base_url {
        match model::normalize_base_url(url) {
            Some(u) => site.base_url = Some(u),
            None => {
                let (what, hint) = content::values::base_url_problem(url).unwrap_or_default();
                let what = what.replacen("base_url", "--base-url", 1);
                match hint {
                    Some(hint) => anyhow::bail!("{what} ({hint})"),
                    None => anyhow::bail!("{what}"),
                }
            }
        }
    }
    if delta.is_none() {
        // With the pages of files that did not parse: a clash shows in the same run.
        let mut generated = render::generated_paths(&site);
        generated.extend(unparsed_pages);
        diags.extend(render::clashes::clashes(&generated, &statics));
    }
    timing("clashes", t);
    let ok = !diags.iter().any(Diagnostic::is_error);
    let prepared = match templates {
        Some(templates) if ok => Some(Prepared {
            site,
            templates,
            statics,
            written,
            written_files,
            kept,
        }),
        _ => None,
    };
    diags.extend(link_diags);
    Ok((prepared, diagnostic::sorted(diags), delta))
}

/// The site of `raw`, its diagnostics added to `diags`; with `cache`, what an update
/// needs is kept.
fn resolve(
    raw: content::RawSite,
    cache: Option<&mut model::articles::AnalysisCache>,
    diags: &mut Vec<Diagnostic>,
) -> (
    model::Site,
    Option<model::update::Kept>,
    Option<model::update::Delta>,
) {
    let (site, more, kept) = match cache {
        Some(cache) => {
            let (site, more, kept) = model::update::resolve_kept(raw, Some(cache));
            // An update starts only from a site without diagnostics.
            let kept = more.is_empty().then_some(kept);
            (site, more, kept)
        }
        None => {
            let (site, more) = model::resolve_with(&raw, None);
            drop_later(raw);
            (site, more, None)
        }
    };
    diags.extend(more);
    (site, kept, None)
}

/// `model::update` of the site of `earlier` with `raw`, when it was resolved with what
/// an update needs and none of `statics` clashes with its pages.
fn update(
    earlier: &mut Prepared,
    statics: &[StaticFile],
    raw: content::RawSite,
    cache: &model::articles::AnalysisCache,
) -> std::result::Result<model::update::Delta, Box<content::RawSite>> {
    // An update keeps the pages as they were: the static files of `earlier` clashed with
    // none of them.
    let same = (earlier.statics.iter().map(|s| &s.path)).eq(statics.iter().map(|s| &s.path));
    // The site's paths are a big site's thousands: listed only when the statics moved.
    let clash = !same
        && !render::clashes::clashes(&render::generated_paths(&earlier.site), statics).is_empty();
    match earlier.kept.as_mut() {
        Some(kept) if !clash => model::update::update(&mut earlier.site, kept, raw, cache),
        _ => Err(Box::new(raw)),
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
    let staging = output::Staging::new(&out)?;
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
