//! Builds the view of each page from the model.

use serde_json::json;

use super::images;
use super::urls::{Urls, page_path};
use super::views::*;
use crate::markdown::{self, Span};
use crate::model::{ActorKind, AnnotationKind, Site, Stance, StanceKind};

/// Resolves `[[slug]]` for Markdown shown on a page with links `urls`.
pub fn resolver<'a>(
    site: &'a Site,
    urls: &'a Urls,
) -> impl Fn(&str) -> Option<(String, String)> + 'a {
    move |slug: &str| {
        site.title_of(slug)
            .map(|(section, title)| (urls.to(&page_path(section, slug)), title.to_string()))
    }
}

/// Markdown to HTML for a page with links `urls`, its footnotes in namespace `ns`
/// (empty for the page's main text; unique on the page otherwise).
pub fn md(site: &Site, urls: &Urls, body: &str, ns: &str) -> String {
    markdown::to_html(body, &resolver(site, urls), ns)
}

pub(super) fn card_actor(site: &Site, urls: &Urls, slug: &str) -> Card {
    let a = &site.actors[slug];
    Card {
        title: a.name.clone(),
        url: urls.to(&page_path("actors", slug)),
        note: a.role.clone(),
        kind: Some(a.kind.key()),
    }
}

pub(super) fn card_position(site: &Site, urls: &Urls, slug: &str) -> Card {
    let p = &site.positions[slug];
    Card {
        title: p.title.clone(),
        url: urls.to(&page_path("positions", slug)),
        note: Some(p.summary.clone()),
        kind: None,
    }
}

/// `2025-08-18` as `18 August 2025`.
pub fn display_date(date: &str) -> String {
    const MONTHS: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    let parts: Vec<usize> = date.split('-').filter_map(|p| p.parse().ok()).collect();
    match parts.as_slice() {
        [y, m, d] if (1..=12).contains(m) => format!("{d} {} {y}", MONTHS[m - 1]),
        _ => date.to_string(),
    }
}

/// JSON for a `<script type="application/ld+json">`: `<`, `>` and `&` escaped so that
/// nothing it embeds can close the element.
pub fn json_ld(value: &serde_json::Value) -> String {
    serde_json::to_string(value)
        .unwrap_or_default()
        .replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
}

fn crumbs(urls: &Urls, trail: &[(&str, &str)]) -> Vec<Card> {
    let mut out = vec![Card {
        title: "Home".into(),
        url: urls.to(""),
        note: None,
        kind: None,
    }];
    out.extend(trail.iter().map(|(title, path)| Card {
        title: title.to_string(),
        url: urls.to(path),
        note: None,
        kind: None,
    }));
    out
}

fn stance_view(site: &Site, urls: &Urls, position: &str, st: &Stance) -> StanceView {
    StanceView {
        id: format!("stance-{}", st.actor),
        actor: card_actor(site, urls, &st.actor),
        position: card_position(site, urls, position),
        stance: st.stance.key(),
        label: st.stance.label(),
        quote: st.quote.as_ref().map(|q| q.text.clone()),
        quote_url: st.quote.as_ref().map(|q| {
            urls.to(&format!(
                "{}#p{}",
                page_path("articles", &q.article),
                q.paragraph
            ))
        }),
        quote_article: st
            .quote
            .as_ref()
            .map(|q| site.articles[&q.article].title.clone()),
        source_url: st.source_url.clone(),
        note_html: st
            .note
            .as_ref()
            .map(|n| md(site, urls, n, &format!("stance_{position}_{}", st.actor))),
    }
}

/// The home page.
pub fn home(site: &Site, urls: &Urls) -> HomeData {
    let mut articles: Vec<&crate::model::Article> = site.articles.values().collect();
    articles.sort_by(|a, b| (&b.date, &a.slug).cmp(&(&a.date, &b.slug)));
    let positions: Vec<Card> = site
        .positions
        .keys()
        .map(|p| card_position(site, urls, p))
        .collect();
    // A cell without a stance is the same in every row: one value per column, shared
    // (a tera::Value is reference-counted), not one per cell.
    let empty: Vec<tera::Value> = site
        .positions
        .values()
        .map(|p| {
            tera::Value::from_serializable(&MatrixCell {
                stance: "none",
                label: "No stance",
                url: None,
                position: p.title.clone(),
            })
        })
        .collect();
    let column: std::collections::BTreeMap<&str, usize> = site
        .positions
        .keys()
        .enumerate()
        .map(|(i, p)| (p.as_str(), i))
        .collect();
    // The actors that hold a stance, by slug.
    let rows = site
        .index
        .actor_stances
        .iter()
        .map(|(actor, stances)| {
            let mut cells = empty.clone();
            for (position, i) in stances {
                let p = &site.positions[position];
                let s = &p.stances[*i];
                cells[column[position.as_str()]] = tera::Value::from_serializable(&MatrixCell {
                    stance: s.stance.key(),
                    label: s.stance.label(),
                    url: Some(urls.to(&format!(
                        "{}#stance-{actor}",
                        page_path("positions", &p.slug)
                    ))),
                    position: p.title.clone(),
                });
            }
            MatrixRow {
                actor: card_actor(site, urls, actor),
                cells,
            }
        })
        .collect();
    HomeData {
        articles: articles
            .iter()
            .map(|a| ArticleCard {
                title: a.title.clone(),
                url: urls.to(&page_path("articles", &a.slug)),
                date: display_date(&a.date),
                dek: a.dek.clone(),
                notes: a.marks.len(),
            })
            .collect(),
        actors: site
            .actors
            .keys()
            .map(|a| card_actor(site, urls, a))
            .collect(),
        matrix: Matrix {
            positions: positions.clone(),
            rows,
        },
        positions,
    }
}

/// An article page and its JSON-LD.
pub fn article(
    site: &Site,
    urls: &Urls,
    templates: &tera::Tera,
    slug: &str,
) -> Result<(ArticleData, serde_json::Value), tera::Error> {
    let a = &site.articles[slug];
    let numbers: std::collections::BTreeMap<&str, usize> = a
        .marks
        .iter()
        .enumerate()
        .map(|(i, m)| (m.annotation.as_str(), i + 1))
        .collect();
    let mut spans: Vec<Span> = Vec::new();
    for m in &a.marks {
        let ann = &site.annotations[&m.annotation];
        let n = numbers[m.annotation.as_str()];
        spans.push(Span {
            start: m.start,
            end: m.end,
            open: format!("<mark class=\"annotated {k}\" id=\"mark-{id}\">", k = ann.kind.key(), id = ann.slug),
            reopen: format!("<mark class=\"annotated {}\">", ann.kind.key()),
            close: "</mark>".into(),
            close_last: "</mark>".into(),
            after: format!(
                "<sup class=\"note-ref\"><a href=\"#note-{id}\" aria-label=\"Note {n}: {label}\">{n}</a></sup>",
                id = ann.slug,
                label = ann.kind.label()
            ),
            link: false,
        });
    }
    for l in &a.links {
        let url = urls.to(&page_path("actors", &l.actor));
        let open = ["<a class=\"mention\" href=\"", &url, "\">"].concat();
        spans.push(Span {
            start: l.start,
            end: l.end,
            reopen: open.clone(),
            open,
            close: "</a>".into(),
            close_last: "</a>".into(),
            after: String::new(),
            link: true,
        });
    }
    // Notes, rendered by the note template, grouped by paragraph.
    let mut notes: std::collections::BTreeMap<usize, String> = std::collections::BTreeMap::new();
    for m in &a.marks {
        let ann = &site.annotations[&m.annotation];
        let back = format!(
            "<a class=\"note-back\" href=\"#mark-{}\" aria-label=\"Back to the text\">↩</a> ",
            ann.slug
        );
        let (lead, more) = super::notes::lead(&ann.body);
        let view = NoteView {
            // The note's page is below the article's own folder: a short relative link.
            page: super::notes::has_page(&ann.body, ann.sources.len()),
            url: format!("notes/{}/", ann.slug),
            more,
            id: ann.slug.clone(),
            number: numbers[m.annotation.as_str()],
            kind: ann.kind.key(),
            kind_label: ann.kind.label(),
            title: ann.title.clone(),
            verdict: ann.verdict.clone(),
            quote: ann.quote.clone(),
            body_html: markdown::to_html_with_lead(
                lead,
                &resolver(site, urls),
                &back,
                &format!("note_{}", ann.slug),
            ),
            sources: ann.sources.clone(),
            actors: ann
                .actors
                .iter()
                .map(|s| card_actor(site, urls, s))
                .collect(),
            positions: ann
                .positions
                .iter()
                .map(|s| card_position(site, urls, s))
                .collect(),
        };
        let html = templates.render(
            "note.html",
            &tera::Context::from_serialize(&NoteData { note: &view })?,
        )?;
        notes.entry(m.paragraph).or_default().push_str(&html);
    }
    let events = markdown::parse(&a.body, &resolver(site, urls));
    let after = |n: usize| {
        notes
            .get(&n)
            .map(|html| format!("<div class=\"notes\">{html}</div>"))
            .unwrap_or_default()
    };
    let body_html = markdown::render_article(events, &a.blocks, &spans, &after);

    let list = |m: &std::collections::BTreeMap<String, Vec<String>>| {
        m.get(slug).map(Vec::as_slice).unwrap_or_default().to_vec()
    };
    let actors = list(&site.index.article_actors);
    let positions: Vec<Card> = list(&site.index.article_positions)
        .iter()
        .map(|p| card_position(site, urls, p))
        .collect();
    let fact_checks: Vec<&crate::model::Annotation> = a
        .marks
        .iter()
        .map(|m| &site.annotations[&m.annotation])
        .filter(|ann| ann.kind == AnnotationKind::FactCheck)
        .collect();
    let mut graph = vec![json!({
        "@type": "NewsArticle",
        "@id": "#article",
        "headline": a.title,
        "datePublished": a.date,
        "description": a.dek,
        "inLanguage": site.language,
        "author": a.byline.as_ref().map(|b| json!({"@type": "Person", "name": b})),
        "publisher": a.source.as_ref().map(|s| json!({"@type": "Organization", "name": s})),
        "isBasedOn": a.source_url,
        "image": a.image.as_ref().and_then(|i| images::json_ld(site, i, a.image_caption.as_deref())),
        "url": site.base_url.as_ref().map(|b| format!("{b}{}", page_path("articles", slug))),
    })];
    for ann in &fact_checks {
        graph.push(json!({
            "@type": "ClaimReview",
            "claimReviewed": ann.quote,
            "reviewRating": {"@type": "Rating", "alternateName": ann.verdict},
            // The claim appears in the article of this page: refer to it, not repeat it.
            "itemReviewed": {"@type": "Claim", "appearance": {"@id": "#article"}},
            "url": site.base_url.as_ref().map(|b| format!("{b}{}#note-{}", page_path("articles", slug), ann.slug)),
        }));
    }
    let ld = json!({"@context": "https://schema.org", "@graph": strip_nulls(graph)});
    Ok((
        ArticleData {
            article: ArticleView {
                title: a.title.clone(),
                dek: a.dek.clone(),
                date: a.date.clone(),
                date_display: display_date(&a.date),
                byline: a.byline.clone(),
                source: a.source.clone(),
                source_url: a.source_url.clone(),
                dateline: a.dateline.clone(),
                picture: a.picture.clone(),
                image: (a.image.as_ref()).map(|i| images::view(urls, i, images::Place::Lead)),
                image_caption: a.image_caption.clone(),
                image_credit: (a.image.as_ref())
                    .map_or(a.image_credit.clone(), |i| i.credit.clone()),
                body_html,
                actors: actors.iter().map(|s| card_actor(site, urls, s)).collect(),
                positions,
                note_count: a.marks.len(),
                fact_check_count: fact_checks.len(),
            },
        },
        ld,
    ))
}

fn strip_nulls(values: Vec<serde_json::Value>) -> Vec<serde_json::Value> {
    values
        .into_iter()
        .map(|v| match v {
            serde_json::Value::Object(map) => {
                serde_json::Value::Object(map.into_iter().filter(|(_, v)| !v.is_null()).collect())
            }
            v => v,
        })
        .collect()
}

/// An actor page and its JSON-LD.
pub fn actor(site: &Site, urls: &Urls, slug: &str) -> (ActorData, serde_json::Value) {
    let a = &site.actors[slug];
    let ix = &site.index;
    let mut stances: Vec<StanceView> = ix
        .actor_stances
        .get(slug)
        .into_iter()
        .flatten()
        .map(|(p, i)| stance_view(site, urls, p, &site.positions[p].stances[*i]))
        .collect();
    stances.sort_by(|x, y| x.position.title.cmp(&y.position.title));
    // An actor of a big site is named in thousands of paragraphs, article by article:
    // each article's title and link are looked up once.
    let mut last: Option<(&str, &str, String)> = None;
    let mentions = site
        .mentions
        .get(slug)
        .map(|ms| {
            ms.iter()
                .map(|m| {
                    if last.as_ref().is_none_or(|(a, _, _)| *a != m.article) {
                        let title = site.articles[&m.article].title.as_str();
                        let page = urls.to(&page_path("articles", &m.article));
                        last = Some((m.article.as_str(), title, page));
                    }
                    let (title, page) =
                        last.as_ref().map_or(("", ""), |(_, t, p)| (*t, p.as_str()));
                    MentionView {
                        article: title.to_string(),
                        url: [page, "#p", &m.paragraph.to_string()].concat(),
                        paragraph: m.paragraph,
                        sentence: m.sentence.clone(),
                    }
                })
                .collect()
        })
        .unwrap_or_default();
    let notes = ix
        .actor_notes
        .get(slug)
        .into_iter()
        .flatten()
        .map(|n| note_card(urls, &site.annotations[n]))
        .collect();
    let wikidata_url = a
        .wikidata
        .as_ref()
        .map(|q| format!("https://www.wikidata.org/wiki/{q}"));
    let schema_type = match a.kind {
        ActorKind::Person => "Person",
        ActorKind::State => "Country",
        ActorKind::Organization => "Organization",
    };
    let ld = json!({
        "@context": "https://schema.org",
        "@type": schema_type,
        "name": a.name,
        "alternateName": a.aliases,
        "jobTitle": if a.kind == ActorKind::Person { a.role.clone() } else { None },
        "description": a.role,
        "sameAs": wikidata_url.iter().chain(a.links.iter().map(|l| &l.url)).collect::<Vec<_>>(),
        "image": a.image.as_ref().and_then(|i| images::json_ld(site, i, None)),
        "url": site.base_url.as_ref().map(|b| format!("{b}{}", page_path("actors", slug))),
    });
    let ld = strip_nulls(vec![ld]).remove(0);
    (
        ActorData {
            actor: ActorView {
                name: a.name.clone(),
                kind: a.kind.key(),
                kind_label: a.kind.label(),
                aliases: a.aliases.clone(),
                role: a.role.clone(),
                affiliation: a.affiliation.as_ref().map(|s| card_actor(site, urls, s)),
                members: ix
                    .actor_members
                    .get(slug)
                    .into_iter()
                    .flatten()
                    .map(|m| card_actor(site, urls, m))
                    .collect(),
                wikidata: a.wikidata.clone(),
                wikidata_url,
                links: a.links.clone(),
                image: (a.image.as_ref()).map(|i| images::view(urls, i, images::Place::Beside)),
                body_html: md(site, urls, &a.body, ""),
                stances,
                mentions,
                notes,
            },
        },
        ld,
    )
}

fn note_card(urls: &Urls, n: &crate::model::Annotation) -> Card {
    Card {
        title: n.title.clone().unwrap_or_else(|| format!("“{}”", n.quote)),
        url: urls.to(&format!(
            "{}#note-{}",
            page_path("articles", &n.article),
            n.slug
        )),
        note: Some(match &n.verdict {
            Some(v) => format!("{}: {v}", n.kind.label()),
            None => n.kind.label().to_string(),
        }),
        kind: Some(n.kind.key()),
    }
}

/// The actors index.
pub fn actors(site: &Site, urls: &Urls) -> ActorsData {
    let groups = [
        (ActorKind::Person, "People"),
        (ActorKind::State, "States"),
        (ActorKind::Organization, "Organisations"),
    ]
    .into_iter()
    .map(|(kind, label)| {
        let mut actors: Vec<Card> = site
            .actors
            .values()
            .filter(|a| a.kind == kind)
            .map(|a| card_actor(site, urls, &a.slug))
            .collect();
        actors.sort_by(|a, b| a.title.cmp(&b.title));
        ActorGroup {
            label,
            kind: kind.key(),
            actors,
        }
    })
    .filter(|g| !g.actors.is_empty())
    .collect();
    ActorsData {
        groups,
        count: site.actors.len(),
    }
}

/// A position page.
pub fn position(site: &Site, urls: &Urls, slug: &str) -> PositionData {
    let p = &site.positions[slug];
    let groups = StanceKind::ALL
        .iter()
        .map(|&kind| StanceGroup {
            stance: kind.key(),
            label: kind.label(),
            stances: p
                .stances
                .iter()
                .filter(|s| s.stance == kind)
                .map(|s| stance_view(site, urls, slug, s))
                .collect(),
        })
        .filter(|g| !g.stances.is_empty())
        .collect();
    PositionData {
        position: PositionView {
            title: p.title.clone(),
            summary: p.summary.clone(),
            question: p.question.clone(),
            body_html: md(site, urls, &p.body, ""),
            groups,
            related: p
                .related
                .iter()
                .map(|r| card_position(site, urls, r))
                .collect(),
            notes: site
                .index
                .position_notes
                .get(slug)
                .into_iter()
                .flatten()
                .map(|n| note_card(urls, &site.annotations[n]))
                .collect(),
        },
    }
}

/// The positions index.
pub fn positions(site: &Site, urls: &Urls) -> PositionsData {
    PositionsData {
        positions: site
            .positions
            .keys()
            .map(|p| card_position(site, urls, p))
            .collect(),
    }
}

/// The breadcrumbs of a page in a section.
pub fn trail(urls: &Urls, section: Option<(&str, &str)>) -> Vec<Card> {
    match section {
        Some((title, path)) => crumbs(urls, &[(title, path)]),
        None => crumbs(urls, &[]),
    }
}
