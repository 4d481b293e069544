//! Rendering: the model in, every output file as bytes out (path → bytes), in memory.
//! Writing them is `output`'s job.

pub mod links;
pub mod pages;
pub mod templates;
pub mod urls;
pub mod views;

use std::collections::BTreeMap;

use rayon::prelude::*;
use serde::Serialize;

use crate::diagnostic::Diagnostic;
use crate::model::Site;
use templates::Templates;
use urls::{Urls, file_of, page_path};
use views::*;

/// The rendered site: output path (relative, `/`-separated) → bytes.
pub type Files = BTreeMap<String, Vec<u8>>;

/// Builds a page's template context, given the page's links.
type BuildContext<'a> = dyn Fn(&Urls) -> Result<tera::Context, tera::Error> + Send + Sync + 'a;

/// One page to render: where, with which template, and how to build its context.
struct Job<'a> {
    path: String,
    template: &'static str,
    build: Box<BuildContext<'a>>,
}

/// Renders every page of the site. Template failures come back as diagnostics.
pub fn render(site: &Site, templates: &Templates) -> Result<Files, Vec<Diagnostic>> {
    let view = SiteView {
        title: site.title.clone(),
        description: site.description.clone(),
        language: site.language.clone(),
        base_url: site.base_url.clone(),
    };
    let tera = &templates.tera;
    let jobs = jobs(site, &view, tera);
    let rendered: Vec<(String, Result<String, Diagnostic>)> = jobs
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
            let out = (job.build)(&urls)
                .and_then(|ctx| tera.render(job.template, &ctx))
                .map_err(|e| templates::template_error(&e, &templates.origin, Some(job.template)));
            (file_of(&job.path), out)
        })
        .collect();
    let mut files = Files::new();
    let mut diags = Vec::new();
    for (path, out) in rendered {
        match out {
            Ok(html) => {
                files.insert(path, html.into_bytes());
            }
            Err(d) => diags.push(d),
        }
    }
    if !diags.is_empty() {
        return Err(diags);
    }
    files.insert(".nojekyll".into(), Vec::new());
    files.insert("style.css".into(), templates::STYLE.as_bytes().to_vec());
    if let Some(base) = &site.base_url {
        files.insert("sitemap.xml".into(), sitemap(base, &files).into_bytes());
    }
    Ok(files)
}

fn meta(
    site: &Site,
    urls: &Urls,
    path: &str,
    title: &str,
    description: Option<&str>,
    kind: &'static str,
) -> PageMeta {
    PageMeta {
        title: title.to_string(),
        description: description
            .map(str::to_string)
            .or_else(|| site.description.clone())
            .unwrap_or_else(|| site.title.clone()),
        kind,
        canonical: site.base_url.as_ref().map(|b| format!("{b}{path}")),
        og_type: if kind == "article" {
            "article"
        } else {
            "website"
        },
        breadcrumbs: Vec::new(),
        json_ld: None,
        // The breadcrumbs and JSON-LD are filled in by the page's own builder below.
    }
    .with_crumbs(urls, kind)
}

impl PageMeta {
    fn with_crumbs(mut self, urls: &Urls, kind: &str) -> Self {
        self.breadcrumbs = match kind {
            "home" => Vec::new(),
            "article" | "actors" | "positions" | "404" => pages::trail(urls, None),
            "actor" => pages::trail(urls, Some(("Actors", "actors/"))),
            "position" => pages::trail(urls, Some(("Positions", "positions/"))),
            _ => Vec::new(),
        };
        self
    }
}

fn context<T: Serialize>(
    view: &SiteView,
    urls: &Urls,
    page: PageMeta,
    data: T,
) -> Result<tera::Context, tera::Error> {
    tera::Context::from_serialize(&Page {
        site: view,
        page,
        root: urls.root().to_string(),
        home: urls.to(""),
        data,
    })
}

fn jobs<'a>(site: &'a Site, view: &'a SiteView, tera: &'a tera::Tera) -> Vec<Job<'a>> {
    let mut jobs: Vec<Job<'a>> = Vec::new();
    jobs.push(Job {
        path: String::new(),
        template: "index.html",
        build: Box::new(move |urls| {
            let mut m = meta(site, urls, "", &site.title, None, "home");
            m.json_ld = Some(pages::json_ld(&serde_json::json!({
                "@context": "https://schema.org", "@type": "WebSite", "name": site.title,
                "description": site.description, "url": site.base_url,
            })));
            context(view, urls, m, pages::home(site, urls))
        }),
    });
    for slug in site.articles.keys() {
        let path = page_path("articles", slug);
        let p = path.clone();
        jobs.push(Job {
            path,
            template: "article.html",
            build: Box::new(move |urls| {
                let a = &site.articles[slug];
                let (data, ld) = pages::article(site, urls, tera, slug)?;
                let mut m = meta(site, urls, &p, &a.title, a.dek.as_deref(), "article");
                m.json_ld = Some(pages::json_ld(&ld));
                context(view, urls, m, data)
            }),
        });
    }
    for slug in site.actors.keys() {
        let path = page_path("actors", slug);
        let p = path.clone();
        jobs.push(Job {
            path,
            template: "actor.html",
            build: Box::new(move |urls| {
                let a = &site.actors[slug];
                let (data, ld) = pages::actor(site, urls, slug);
                let description = match &a.role {
                    Some(role) => format!("{}: {role}. Stances, mentions and profile.", a.name),
                    None => format!("{}: stances, mentions and profile.", a.name),
                };
                let mut m = meta(site, urls, &p, &a.name, Some(&description), "actor");
                m.json_ld = Some(pages::json_ld(&ld));
                context(view, urls, m, data)
            }),
        });
    }
    for slug in site.positions.keys() {
        let path = page_path("positions", slug);
        let p = path.clone();
        jobs.push(Job {
            path,
            template: "position.html",
            build: Box::new(move |urls| {
                let pos = &site.positions[slug];
                let m = meta(site, urls, &p, &pos.title, Some(&pos.summary), "position");
                context(view, urls, m, pages::position(site, urls, slug))
            }),
        });
    }
    jobs.push(Job {
        path: "actors/".into(),
        template: "actors.html",
        build: Box::new(move |urls| {
            let m = meta(
                site,
                urls,
                "actors/",
                "Actors",
                Some("The people, states and organisations in the story."),
                "actors",
            );
            context(view, urls, m, pages::actors(site, urls))
        }),
    });
    jobs.push(Job {
        path: "positions/".into(),
        template: "positions.html",
        build: Box::new(move |urls| {
            let m = meta(
                site,
                urls,
                "positions/",
                "Positions",
                Some("The policy positions at stake, and who holds them."),
                "positions",
            );
            context(view, urls, m, pages::positions(site, urls))
        }),
    });
    jobs.push(Job {
        path: "404.html".into(),
        template: "404.html",
        build: Box::new(move |urls| {
            let mut m = meta(site, urls, "404.html", "Page not found", None, "404");
            m.canonical = None;
            context(view, urls, m, NoData {})
        }),
    });
    jobs
}

/// `sitemap.xml`: every page but 404, under `base`.
fn sitemap(base: &str, files: &Files) -> String {
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for path in files.keys().filter(|p| p.ends_with("index.html")) {
        let loc = format!("{base}{}", path.trim_end_matches("index.html"));
        xml.push_str(&format!("  <url><loc>{}</loc></url>\n", escape_xml(&loc)));
    }
    xml.push_str("</urlset>\n");
    xml
}

fn escape_xml(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}
