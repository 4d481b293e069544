//! The pages of a site as jobs: where each goes, which template makes it, and how its
//! context is built (its meta, breadcrumbs and JSON-LD included).

use serde::Serialize;

use super::i18n::Strings;
use super::paging::{Pager, page_at};
use super::plan::Plan;
pub(super) use super::selection::{Pages, Wanted};
use super::urls::{Urls, page_path};
use super::views::*;
use super::{actor, cards, home, images, lists, notes, pages, structured, updates};
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

pub(super) fn meta(
    site: &Site,
    t: &Strings,
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
        prev: None,
        next: None,
        image: None,
        updated: None,
        alternates: Vec::new(),
        style: None,
        // The breadcrumbs, JSON-LD and picture are filled in by the page's own builder
        // below.
    }
    .with_crumbs(urls, t, kind)
}

impl PageMeta {
    fn with_crumbs(mut self, urls: &Urls, t: &Strings, kind: &str) -> Self {
        self.breadcrumbs = match kind {
            "home" => Vec::new(),
            "article" | "actors" | "positions" | "articles" | "matrix" | "404" => {
                pages::trail(urls, t, None)
            }
            "actor" => pages::trail(urls, t, Some((t.get("actors"), "actors/"))),
            "position" => pages::trail(urls, t, Some((t.get("positions"), "positions/"))),
            _ => Vec::new(),
        };
        self
    }
}

impl PageMeta {
    /// The meta of page `n` of a list whose first page is at site path `first`:
    /// its neighbours linked, and from page 2 on, a title and a crumb that say which.
    fn paged(mut self, urls: &Urls, t: &Strings, first: &str, pager: Option<&Pager>) -> Self {
        let Some(p) = pager else {
            return self;
        };
        self.prev = p.prev.clone();
        self.next = p.next.clone();
        if p.number > 1 {
            self.breadcrumbs.push(Card {
                title: self.title.clone(),
                url: urls.to(first),
                note: None,
                kind: None,
            });
            self.title = t.fill(
                "paged_title",
                &[
                    ("title", &self.title),
                    ("n", &p.number.to_string()),
                    ("total", &p.total.to_string()),
                ],
            );
        }
        self
    }
}

/// A page's template context: its `page` meta, with its structured data made of its
/// own schema.org `nodes` and its breadcrumbs, and its `data`.
pub(super) fn context<T: Serialize>(
    (view, _, words): Words,
    urls: &Urls,
    mut page: PageMeta,
    nodes: Vec<serde_json::Value>,
    data: T,
) -> Result<tera::Context, tera::Error> {
    page.json_ld = Some(structured::script(&page, nodes));
    let mut context = tera::Context::from_serialize(&Page {
        site: view,
        page,
        root: urls.root().to_string(),
        home: urls.to(""),
        data,
    })?;
    context.insert_value("t", words.clone());
    Ok(context)
}

/// What every page's context is made with: the site's view, its words, and the same
/// words as a template value, made once for the whole site (a map of some hundred
/// strings, which serialising again for each of ten thousand pages took most of the
/// render's time).
pub(super) type Words<'a> = (&'a SiteView, &'a Strings, &'a tera::Value);

/// The jobs of the `pages` a render makes.
pub(super) fn jobs<'a>(
    site: &'a Site,
    plan: &'a Plan<'a>,
    view: &'a SiteView,
    tera: &'a tera::Tera,
    (t, words): (&'a Strings, &'a tera::Value),
    pages: Pages,
) -> Vec<Job<'a>> {
    let view = (view, t, words);
    let mut jobs = Wanted::new(pages);
    let layout = &site.layout;
    jobs.push(Job {
        path: String::new(),
        template: "index.html",
        build: Box::new(move |urls| {
            let m = meta(site, t, urls, "", &site.title, None, "home");
            let nodes = vec![structured::website(site)];
            context(view, urls, m, nodes, home::home(site, t, plan, urls))
        }),
    });
    let articles = pages.slugs("articles", &site.articles);
    for slug in articles.iter().copied() {
        let path = page_path("articles", slug);
        if !jobs.wants(&path) {
            continue;
        }
        let p = path.clone();
        jobs.push(Job {
            path,
            template: "article.html",
            build: Box::new(move |urls| {
                let a = &site.articles[slug];
                let data = pages::article(site, (t, view.2), urls, tera, slug)?;
                let mut m = meta(site, t, urls, &p, &a.title, a.dek.as_deref(), "article");
                m.image = a.image.as_ref().and_then(|i| images::social(site, i));
                m.image = m
                    .image
                    .or_else(|| cards::social(site, t, &p, "card_article", &a.title, None));
                m.updated = updates::view(site, t, urls, (&p, &a.updates), "");
                m.alternates.push(super::annotations::alternate(t));
                m.style = super::previews::style(&data.article.previews);
                let nodes = structured::article(site, slug, m.image.as_ref());
                context(view, urls, m, nodes, data)
            }),
        });
    }
    // A note's page is in its article's folder.
    let notes: Vec<(&String, &crate::model::Annotation)> = match pages {
        Pages::All => site.annotations.iter().collect(),
        Pages::Only(_) => (articles.iter())
            .flat_map(|a| pages.slugs(&["articles/", a, "/notes"].concat(), &site.annotations))
            .map(|slug| (slug, &site.annotations[slug]))
            .collect(),
    };
    for (slug, n) in notes {
        if !notes::has_page(&n.body, n.sources.len(), n.updates.len()) {
            continue;
        }
        let path = notes::note_path(n);
        if !jobs.wants(&path) {
            continue;
        }
        let p = path.clone();
        jobs.push(Job {
            path,
            template: "note_page.html",
            build: Box::new(move |urls| {
                let n = &site.annotations[slug];
                let title = notes::title(t, n);
                let description = notes::description(site, t, n);
                let mut m = meta(site, t, urls, &p, &title, Some(&description), "note");
                m.breadcrumbs = pages::trail(
                    urls,
                    t,
                    Some((
                        &site.articles[&n.article].title,
                        &page_path("articles", &n.article),
                    )),
                );
                // Its updates were written, as the note was, for the article's page.
                m.updated = updates::view(site, t, urls, (&p, &n.updates), "../../");
                context(view, urls, m, Vec::new(), notes::page(site, t, urls, slug))
            }),
        });
    }
    for slug in pages.slugs("actors", &site.actors) {
        let first = page_path("actors", slug);
        for n in 1..=plan.actor_pages(slug) {
            let p = page_at(&first, n);
            if !jobs.wants(&p) {
                continue;
            }
            let first = first.clone();
            jobs.push(Job {
                path: p.clone(),
                template: "actor.html",
                build: Box::new(move |urls| {
                    let a = &site.actors[slug];
                    let data = actor::actor(site, t, plan, urls, slug, n);
                    let description = match &a.role {
                        Some(role) => t.fill(
                            "actor_description_role",
                            &[("name", &a.name), ("role", role)],
                        ),
                        None => t.fill("actor_description", &[("name", &a.name)]),
                    };
                    let mut m = meta(site, t, urls, &p, &a.name, Some(&description), "actor")
                        .paged(urls, t, &first, data.actor.pager.as_ref());
                    // The actor is described once, on its page's first page.
                    let nodes = if n == 1 {
                        m.updated = updates::view(site, t, urls, (&first, &a.updates), "");
                        vec![structured::actor(site, slug)]
                    } else {
                        Vec::new()
                    };
                    m.image = a.image.as_ref().and_then(|i| images::social(site, i));
                    m.image = m
                        .image
                        .or_else(|| cards::social(site, t, &first, "card_actor", &a.name, None));
                    context(view, urls, m, nodes, data)
                }),
            });
        }
    }
    for (slug, position) in &site.positions {
        let first = page_path("positions", slug);
        for n in 1..=layout.pages(position.stances.len()) {
            let p = page_at(&first, n);
            if !jobs.wants(&p) {
                continue;
            }
            let first = first.clone();
            jobs.push(Job {
                path: p.clone(),
                template: "position.html",
                build: Box::new(move |urls| {
                    let pos = &site.positions[slug];
                    let data = pages::position(site, t, plan, urls, slug, n);
                    let mut m = meta(
                        site,
                        t,
                        urls,
                        &p,
                        &pos.title,
                        Some(&pos.summary),
                        "position",
                    )
                    .paged(urls, t, &first, data.position.pager.as_ref());
                    if n == 1 {
                        m.updated = updates::view(site, t, urls, (&first, &pos.updates), "");
                    }
                    let tally = cards::tally(t, pos.stances.iter().map(|s| s.stance));
                    m.image =
                        cards::social(site, t, &first, "card_position", &pos.title, Some(tally));
                    context(view, urls, m, Vec::new(), data)
                }),
            });
        }
    }
    list_pages(
        &mut jobs,
        site,
        view,
        "articles/",
        plan.article_pages(),
        "articles.html",
        ("articles", "articles_description", "articles"),
        move |urls, n| lists::articles(site, t, plan, urls, n),
        |d| d.pager.as_ref(),
    );
    list_pages(
        &mut jobs,
        site,
        view,
        "actors/",
        layout.pages(site.actors.len()),
        "actors.html",
        ("actors", "actors_description", "actors"),
        move |urls, n| lists::actors(site, t, plan, urls, n),
        |d| d.pager.as_ref(),
    );
    list_pages(
        &mut jobs,
        site,
        view,
        "positions/",
        layout.pages(site.positions.len()),
        "positions.html",
        ("positions", "positions_description", "positions"),
        move |urls, n| lists::positions(site, urls, n),
        |d| d.pager.as_ref(),
    );
    if pages.any_under("matrix/") && plan.matrix().bounded() {
        list_pages(
            &mut jobs,
            site,
            view,
            "matrix/",
            plan.matrix().tiles.len(),
            "matrix.html",
            ("who_stands_where", "matrix_description", "matrix"),
            move |urls, n| home::matrix_page(site, t, plan, urls, n),
            |d| d.pager.as_ref(),
        );
    }
    super::timeline::push_jobs(&mut jobs, site, view);
    super::search::push_job(&mut jobs, site, view);
    jobs.push(Job {
        path: "404.html".into(),
        template: "404.html",
        build: Box::new(move |urls| {
            let m = meta(site, t, urls, "404.html", t.get("not_found"), None, "404");
            context(view, urls, m, Vec::new(), NoData {})
        }),
    });
    jobs.into_jobs()
}

/// The jobs of the `pages` pages of the list at site path `base`, each page's data from
/// `data` (given its number), its meta from the keys of its `title` and `description`
/// in the table, and `kind`.
#[allow(clippy::too_many_arguments)]
fn list_pages<'a, T: Serialize + 'a>(
    jobs: &mut Wanted<'a, '_>,
    site: &'a Site,
    view: Words<'a>,
    base: &'static str,
    pages: usize,
    template: &'static str,
    (title, description, kind): (&'static str, &'static str, &'static str),
    data: impl Fn(&Urls, usize) -> T + Copy + Send + Sync + 'a,
    pager: fn(&T) -> Option<&Pager>,
) {
    for n in 1..=pages {
        let p = page_at(base, n);
        if !jobs.wants(&p) {
            continue;
        }
        jobs.push(Job {
            path: p.clone(),
            template,
            build: Box::new(move |urls| {
                let data = data(urls, n);
                let t = view.1;
                let m = meta(
                    site,
                    t,
                    urls,
                    &p,
                    t.get(title),
                    Some(t.get(description)),
                    kind,
                )
                .paged(urls, t, base, pager(&data));
                context(view, urls, m, Vec::new(), data)
            }),
        });
    }
}
