//! Rendering: the model in, every output file out, page by page and in parallel, handed
//! to a sink (which writes it, keeps it in memory, or drops it). Then every internal link
//! of the pages is checked. Writing is `output`'s job.

mod actor;
pub mod affected;
pub mod annotations;
pub mod cards;
mod charref;
pub mod clashes;
pub mod feed;
mod home;
pub mod i18n;
mod id_checks;
mod ids;
pub mod images;
mod jobs;
pub mod links;
mod list_views;
mod lists;
pub mod map;
pub mod narrow;
pub mod notes;
pub mod pages;
pub mod paging;
mod plain;
pub mod plan;
pub mod previews;
mod rendered;
pub mod scan;
pub mod search;
mod selection;
pub mod site_files;
mod sitemap;
pub mod structured;
pub mod tags;
mod template_errors;
mod template_hosts;
pub mod templates;
pub mod timeline;
pub mod updates;
pub mod urls;
pub use id_checks::check_ids;
pub mod views;
pub mod written;

use std::collections::{BTreeMap, BTreeSet};

use jobs::{Job, jobs};
use rayon::prelude::*;
pub use rendered::Rendered;
pub use selection::Pages;

use crate::diagnostic::Diagnostic;
use crate::model::Site;
use links::PageLinks;
use templates::Templates;
use urls::{Urls, file_of, page_path};
use views::*;

/// A rendered site in memory: output path → bytes.
pub type Files = BTreeMap<String, Vec<u8>>;

/// Receives each output file as it is made: its path (relative, `/`-separated) and
/// bytes. Called from several threads at once.
pub type Sink<'s> = dyn Fn(&str, &[u8]) -> anyhow::Result<()> + Sync + 's;

/// The output path of every file the site generates (pages and assets), sorted, beside
/// the files of `static/` at `statics` (whose pages its sitemap lists too).
pub fn generated_paths<'a>(
    site: &Site,
    statics: impl IntoIterator<Item = &'a str>,
) -> BTreeSet<String> {
    generated_paths_of(site, &plan::Plan::new(site), statics)
}

/// `generated_paths`, for the site of `plan`.
fn generated_paths_of<'a>(
    site: &Site,
    plan: &plan::Plan,
    statics: impl IntoIterator<Item = &'a str>,
) -> BTreeSet<String> {
    // With the mark `build` leaves on its output folder, so that no file replaces it.
    let mut paths: BTreeSet<String> = ["index.html", "404.html", ".nojekyll"]
        .into_iter()
        .chain([crate::output::MARKER])
        .chain(ASSETS)
        .map(str::to_string)
        .collect();
    paths.extend(plan.paths().iter().map(|p| file_of(p)));
    paths.extend(timeline::paths(site));
    paths.extend(search::paths(search::count(site)));
    paths.extend(annotations::paths(site));
    for (section, slugs) in [
        ("articles", site.articles.keys().collect::<Vec<_>>()),
        ("actors", site.actors.keys().collect()),
        ("positions", site.positions.keys().collect()),
    ] {
        paths.extend(slugs.into_iter().map(|s| file_of(&page_path(section, s))));
    }
    paths.extend(cards::paths(site));
    paths.extend(
        site.annotations
            .values()
            .filter(|n| notes::has_page(&n.body, n.sources.len(), n.updates.len()))
            .map(|n| file_of(&notes::note_path(n))),
    );
    if site.base_url.is_some() {
        let listed = |p: &&str| sitemap::listed(p);
        let pages = paths.iter().map(String::as_str).filter(listed).count()
            + statics.into_iter().filter(listed).count();
        paths.extend(sitemap::files(pages));
        paths.insert(feed::PATH.to_string());
    }
    paths
}

/// Renders every file of the site into `sink`, then checks the links of the pages
/// against the generated files and `statics` (the paths of `static/`). Template errors
/// and broken links come back as diagnostics; an `Err` is the sink's failure.
pub fn render(
    site: &Site,
    templates: &Templates,
    statics: &[String],
    content_links: &[written::WrittenLink],
    sink: &Sink,
) -> anyhow::Result<Vec<Diagnostic>> {
    let mut rendered = Rendered::default();
    // The search index beside the pages: its merging and writing would otherwise keep
    // one core alone busy after them.
    let (diags, index) = rayon::join(
        || {
            render_pages(
                site,
                templates,
                statics,
                Pages::All,
                sink,
                &mut rendered,
                false,
            )
        },
        || search::write(site, &templates.strings, sink),
    );
    let diags = diags?;
    index?;
    if !diags.is_empty() {
        return Ok(diags);
    }
    let diags = finish(site, templates, content_links, &rendered, None, sink);
    crate::drop_later(rendered);
    diags
}

/// Renders the `pages` asked for into `sink`, recording their
/// links (resolved against the site's files and `statics`) in `rendered`. With `same`,
/// the site has the files it had when `rendered` was last rendered into (pages were
/// rendered again, none came or went), which are not listed again. Template errors come
/// back as diagnostics.
pub fn render_pages(
    site: &Site,
    templates: &Templates,
    statics: &[String],
    pages: Pages,
    sink: &Sink,
    rendered: &mut Rendered,
    same: bool,
) -> anyhow::Result<Vec<Diagnostic>> {
    let view = SiteView {
        title: site.title.clone(),
        description: site.description.clone(),
        language: site.language.clone(),
        base_url: site.base_url.clone(),
        articles: site.articles.len(),
        events: site.events.len(),
        image_hosts: site.image_hosts.clone(),
        feed: site.base_url.is_some(),
    };
    let tera = &templates.tera;
    let plan = plan::Plan::new(site);
    let files = match rendered.files.take() {
        Some(files) if same => files,
        _ => {
            let generated = generated_paths_of(site, &plan, statics.iter().map(String::as_str));
            links::SiteFiles::new(generated.iter().chain(statics).map(String::as_str))
        }
    };
    let words = tera::Value::from_serializable(&templates.strings);
    let jobs: Vec<Job> = jobs(
        site,
        &plan,
        &view,
        tera,
        (&templates.strings, &words),
        pages,
    );
    let results: Vec<(String, &'static str, Result<PageLinks, Diagnostic>)> = jobs
        .par_iter()
        .map(|job| {
            let urls = if job.path == "404.html" {
                site.base_url
                    .as_deref()
                    .map(Urls::absolute)
                    .unwrap_or_else(|| Urls::from_page(""))
            } else {
                Urls::from_page(&job.path)
            };
            let path = file_of(&job.path);
            let html = (job.build)(&urls)
                .and_then(|ctx| tera.render(job.template, &ctx))
                .map_err(|e| templates::template_error(&e, &templates.origin, Some(job.template)));
            let links = match html {
                Ok(html) => {
                    sink(&path, html.as_bytes())?;
                    if job.template == "article.html" {
                        if let Some((p, json)) =
                            annotations::export(site, &templates.strings, &path, &html)
                        {
                            sink(&p, &json)?;
                        }
                    }
                    Ok(links::scan_page(
                        &path,
                        &html,
                        site.base_url.as_deref(),
                        &files,
                    ))
                }
                Err(d) => Err(d),
            };
            Ok((path, job.template, links))
        })
        .collect::<anyhow::Result<_>>()?;
    rendered.files = Some(files);
    let mut diags = Vec::new();
    for (path, template, links) in results {
        match links {
            Ok(links) => {
                rendered.origin.insert(path.clone(), template);
                rendered.insert(path, links);
            }
            Err(d) => diags.push(d),
        }
    }
    Ok(diags)
}

/// Writes the files that are not pages (`.nojekyll`, the stylesheet, the sitemap; not the
/// search index, see `search::write`) and
/// checks the links of the `rendered` pages, a broken one reported where it is written
/// (in `content_links`, or in a template) (with `only`, the pages rendered again since
/// a check that passed, the files being the same: just those that can have changed, the
/// links of and into those pages).
pub fn finish(
    site: &Site,
    templates: &Templates,
    content_links: &[written::WrittenLink],
    rendered: &Rendered,
    only: Option<&BTreeSet<String>>,
    sink: &Sink,
) -> anyhow::Result<Vec<Diagnostic>> {
    sink(".nojekyll", b"")?;
    sink("style.css", templates::STYLE.as_bytes())?;
    sink("overview.css", templates::OVERVIEW.as_bytes())?;
    sink(
        "robots.txt",
        sitemap::robots(site.base_url.as_deref()).as_bytes(),
    )?;
    // Pages rendered again (`only`) are pages that were there: the sitemap stays.
    if let (Some(base), None) = (&site.base_url, only) {
        let changed = updates::last_changed(site);
        // The files the pages were rendered for: the generated ones and `static/`.
        let files = (rendered.files.as_ref())
            .ok_or_else(|| anyhow::anyhow!("the sitemap is made after the pages"))?;
        for (path, xml) in sitemap::sitemaps(base, files.paths(), &changed) {
            sink(&path, xml.as_bytes())?;
        }
        if let Some(xml) = feed::feed(site, &templates.strings) {
            sink(feed::PATH, xml.as_bytes())?;
        }
    }
    let template_line = |page: &str, links: &[&str]| {
        let template = rendered.origin.get(page).copied().unwrap_or("index.html");
        templates.link_line_of(template, links)
    };
    let origins = written::Origins::new(content_links, site.base_url.as_deref());
    let blame = links::Blame {
        written: &origins,
        template: &template_line,
        base_url: site.base_url.as_deref(),
    };
    // A link into a page rendered again still finds its file: only one to an id on it
    // can break, so the pages that link to none need no look.
    let from: Option<BTreeSet<String>> =
        only.zip(rendered.fragments_from.as_ref())
            .map(|(only, index)| {
                let linking = only.iter().filter_map(|p| index.get(p)).flatten();
                only.iter().chain(linking).cloned().collect()
            });
    let mut diags = links::check(&rendered.pages, &blame, only, from.as_ref());
    let id_line = |page: &str, id: &str| {
        let template = rendered.origin.get(page).copied().unwrap_or("index.html");
        templates.attribute_line(template, links::Attribute::Id, id)
    };
    diags.extend(ids::check(site, &rendered.pages, only, &id_line));
    Ok(diags)
}

/// The files the site writes that a file of `static/` of the same name replaces: the
/// stylesheets and `robots.txt`.
pub const ASSETS: [&str; 3] = ["style.css", "overview.css", "robots.txt"];

#[cfg(test)]
mod tests {
    use super::*;

    fn files() -> links::SiteFiles {
        links::SiteFiles::new(["index.html", "404.html", "actors/index.html"])
    }

    fn rendered(indexed: bool, pages: &[(&str, &str)]) -> Rendered {
        let mut r = if indexed {
            Rendered::indexed()
        } else {
            Rendered::default()
        };
        for (path, html) in pages {
            r.insert(
                path.to_string(),
                links::scan_page(path, html, None, &files()),
            );
        }
        r
    }

    #[test]
    fn the_index_follows_the_links_to_ids() {
        let mut r = rendered(
            true,
            &[
                ("index.html", r##"<a href="actors/#x">"##),
                ("404.html", r#"<a href="actors/">"#),
                ("actors/index.html", r##"<p id="x"><a href="#x">"##),
            ],
        );
        let index = |r: &Rendered| r.fragments_from.clone().unwrap_or_default();
        let expected: BTreeMap<String, BTreeSet<String>> = [(
            "actors/index.html".to_string(),
            ["index.html".to_string()].into(),
        )]
        .into();
        assert_eq!(index(&r), expected);
        r.insert(
            "index.html".into(),
            links::scan_page("index.html", r#"<a href="actors/">"#, None, &files()),
        );
        assert_eq!(index(&r), BTreeMap::new());
    }

    #[test]
    fn a_link_to_an_id_that_went_is_still_found() {
        let dir = tempfile::tempdir().unwrap();
        let templates = templates::load(dir.path(), Default::default(), None)
            .unwrap()
            .0
            .unwrap();
        let pages = [
            ("index.html", r##"<a href="actors/#x">"##),
            ("404.html", r#"<a href="actors/">"#),
            ("actors/index.html", r#"<p id="y">"#),
        ];
        let only: BTreeSet<String> = ["actors/index.html".to_string()].into();
        for indexed in [false, true] {
            let r = rendered(indexed, &pages);
            let diags = finish(
                &Site::default(),
                &templates,
                &[],
                &r,
                Some(&only),
                &|_, _| Ok(()),
            )
            .unwrap();
            assert_eq!(diags.len(), 1, "{diags:?}");
            assert!(diags[0].message.contains("has no id=\"x\""), "{diags:?}");
        }
    }
}
