//! Loading and validating a site: its content read and resolved, its templates and
//! static files, and the links written in its content checked, reusing for `serve`
//! what the previous build kept.

use std::collections::BTreeSet;

use anyhow::Result;

use crate::drop_later;
use crate::output::StaticFile;
use crate::{Diagnostic, Options, Prepared, content, diagnostic, model, output, render, timing};

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
    // A build of its own (not one of `serve`'s) makes the pages of a site with errors
    // too, to check their links to ids: see `render::check_ids`.
    let one_off = caches.is_none();
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
    // References to a file that did not parse are not reported (its own error is), so
    // the model of such a site names pages it cannot make.
    let whole = raw.unparsed.is_empty();
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
            let mut fresh = render::written::gather_files(&raw, &changed.articles, &changed.actors);
            let changed = &changed.paths;
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
            let files =
                std::sync::Arc::new(render::site_files::site_files(&raw, &paths, base.is_some()));
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
    let mut clashed = false;
    if delta.is_none() {
        // With the pages of files that did not parse: a clash shows in the same run.
        let mut generated = render::generated_paths(&site, statics.iter().map(|s| &*s.path));
        generated.extend(unparsed_pages);
        let clashes = render::clashes::clashes(&generated, &statics);
        clashed = !clashes.is_empty();
        diags.extend(clashes);
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
        // Pages that clash would overwrite each other: their ids say nothing.
        Some(templates) if one_off && whole && !clashed => {
            let paths: Vec<String> = statics.iter().map(|s| s.path.clone()).collect();
            diags.extend(render::check_ids(&site, &templates, &paths, &written));
            None
        }
        _ => None,
    };
    diags.extend(link_diags);
    Ok((prepared, diagnostic::sorted(diags), delta))
}

/// The site model of `opts.root` and every problem found, errors or not: what resolves,
/// resolved. For `stats`, which reports on a site still being written (a note without
/// its quote yet); nothing is rendered from it.
pub fn model_anyway(opts: &Options) -> Result<(model::Site, Vec<Diagnostic>)> {
    let (raw, mut diags) = content::load_with(&opts.root, None, None)?;
    let (site, more) = model::resolve_with(&raw, None);
    diags.extend(more);
    drop_later(raw);
    Ok((site, diagnostic::sorted(diags)))
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
        && !render::clashes::clashes(
            &render::generated_paths(&earlier.site, statics.iter().map(|s| &*s.path)),
            statics,
        )
        .is_empty();
    match earlier.kept.as_mut() {
        Some(kept) if !clash => model::update::update(&mut earlier.site, kept, raw, cache),
        _ => Err(Box::new(raw)),
    }
}
