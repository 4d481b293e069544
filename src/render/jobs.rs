//! The pages of a site as jobs: where each goes, which template makes it, and how its
//! context is built (its meta, breadcrumbs and JSON-LD included).

use serde::Serialize;

use super::urls::{Urls, page_path};
use super::views::*;
use super::{images, notes, pages};
use crate::model::Site;

/// Builds a page's template context, given the page's links.
pub(super) type BuildContext<'a> =
    dyn Fn(&Urls) -> Result<tera::Context, tera::Error> + Send + Sync + 'a;

/// One page to render: where, with which template, and how to build its context.
pub(super) struct Job<'a> {
    pub(super) path: String,
    pub(super) template: &'static str,
    pub(super) build: Box<BuildContext<'a>>,
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
        image: None,
        // The breadcrumbs, JSON-LD and picture are filled in by the page's own builder
        // below.
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

pub(super) fn jobs<'a>(site: &'a Site, view: &'a SiteView, tera: &'a tera::Tera) -> Vec<Job<'a>> {
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
                m.image = a.image.as_ref().and_then(|i| images::social(site, i));
                context(view, urls, m, data)
            }),
        });
    }
    for (slug, n) in &site.annotations {
        if !notes::has_page(&n.body, n.sources.len()) {
            continue;
        }
        let path = notes::note_path(n);
        let p = path.clone();
        jobs.push(Job {
            path,
            template: "note_page.html",
            build: Box::new(move |urls| {
                let n = &site.annotations[slug];
                let title = notes::title(n);
                let description = format!(
                    "{} on a passage of “{}”.",
                    n.kind.label(),
                    site.articles[&n.article].title
                );
                let mut m = meta(site, urls, &p, &title, Some(&description), "note");
                m.breadcrumbs = pages::trail(
                    urls,
                    Some((
                        &site.articles[&n.article].title,
                        &page_path("articles", &n.article),
                    )),
                );
                context(view, urls, m, notes::page(site, urls, slug))
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
                m.image = a.image.as_ref().and_then(|i| images::social(site, i));
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
