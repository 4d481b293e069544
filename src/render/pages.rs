//! Builds the view of each page from the model.

use super::i18n::{Strings, attr};

use super::images;
use super::urls::{Urls, page_path};
use super::views::*;
use crate::markdown::{self, Span};
use crate::model::{AnnotationKind, Site, Stance, StanceKind};

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

fn crumbs(urls: &Urls, t: &Strings, trail: &[(&str, &str)]) -> Vec<Card> {
    let mut out = vec![Card {
        title: t.get("home").into(),
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

/// A stance as a page shows it; its note's relative links lead as they do from the page
/// it is written for, `rebase` (the way there from this page) before them: a further
/// page of a list (`…/page/2/`) shows the stances of its first page's place.
pub(super) fn stance_view(
    site: &Site,
    t: &Strings,
    urls: &Urls,
    (position, rebase): (&str, &str),
    st: &Stance,
) -> StanceView {
    StanceView {
        id: format!("stance-{}", st.actor),
        actor: card_actor(site, urls, &st.actor),
        position: card_position(site, urls, position),
        stance: st.stance.key(),
        label: t.stance(st.stance).into(),
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
        note_html: st.note.as_ref().map(|n| {
            let ns = format!("stance_{position}_{}", st.actor);
            markdown::to_html_rebased(n, &resolver(site, urls), &ns, rebase)
        }),
    }
}

/// An article page.
pub fn article(
    site: &Site,
    (t, words): (&Strings, &tera::Value),
    urls: &Urls,
    templates: &tera::Tera,
    slug: &str,
) -> Result<ArticleData, tera::Error> {
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
            open: format!(
                "<mark class=\"annotated {k}\" id=\"mark-{id}\">",
                k = ann.kind.key(),
                id = ann.slug
            ),
            reopen: format!(
                "<mark class=\"annotated {}\" data-note=\"{}\">",
                ann.kind.key(),
                ann.slug
            ),
            close: "</mark>".into(),
            close_last: "</mark>".into(),
            after: format!(
                "<sup class=note-ref><a href=\"#note-{id}\" aria-label=\"{label}\">{n}</a></sup>",
                id = ann.slug,
                label = attr(&t.fill(
                    "note_ref",
                    &[("n", &n.to_string()), ("kind", t.note_kind(ann.kind))]
                ))
            ),
            link: false,
        });
    }
    for l in &a.links {
        let url = urls.to(&page_path("actors", &l.actor));
        let open = ["<a class=mention href=\"", &url, "\">"].concat();
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
        // Named by the article's one `#bk` ("Back to the text"), not a label each.
        let back = format!(
            "<a class=note-back href=\"#mark-{}\" aria-labelledby=bk>↩</a> ",
            ann.slug
        );
        let (lead, more) = super::notes::lead(&ann.body);
        let view = NoteView {
            // The note's page is below the article's own folder: a short relative link.
            page: super::notes::has_page(&ann.body, ann.sources.len(), ann.updates.len()),
            url: format!("notes/{}/", ann.slug),
            // Its updates are logged on its page.
            more: more || !ann.updates.is_empty(),
            updated: crate::model::updates::latest(&ann.updates).map(str::to_string),
            updated_display: crate::model::updates::latest(&ann.updates).map(|d| t.date(d)),
            id: ann.slug.clone(),
            number: numbers[m.annotation.as_str()],
            kind: ann.kind.key(),
            kind_label: t.note_kind(ann.kind).into(),
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
        let mut context = tera::Context::from_serialize(&NoteData { note: &view })?;
        context.insert_value("t", words.clone());
        let html = templates.render("note.html", &context)?;
        notes.entry(m.paragraph).or_default().push_str(&html);
    }
    let events = markdown::parse(&a.body, &resolver(site, urls));
    let after = |n: usize| {
        notes
            .get(&n)
            .map(|html| format!("<div class=notes>{html}</div>"))
            .unwrap_or_default()
    };
    let body_html = markdown::render_article(events, &a.blocks, &spans, &after);
    let (body_html, previews) = super::previews::attach(site, t, urls, &body_html);

    let list = |m: &std::collections::BTreeMap<String, Vec<String>>| {
        m.get(slug).map(Vec::as_slice).unwrap_or_default().to_vec()
    };
    let actors = list(&site.index.article_actors);
    let positions: Vec<Card> = list(&site.index.article_positions)
        .iter()
        .map(|p| card_position(site, urls, p))
        .collect();
    let fact_checks = (a.marks.iter())
        .filter(|m| site.annotations[&m.annotation].kind == AnnotationKind::FactCheck)
        .count();
    Ok(ArticleData {
        article: ArticleView {
            title: a.title.clone(),
            dek: a.dek.clone(),
            date: a.date.clone(),
            date_display: t.date(&a.date),
            byline: a.byline.clone(),
            source: a.source.clone(),
            source_url: a.source_url.clone(),
            dateline: a.dateline.clone(),
            picture: a.picture.clone(),
            image: (a.image.as_ref()).map(|i| images::view(urls, i, images::Place::Lead)),
            image_caption: a.image_caption.clone(),
            image_credit: (a.image.as_ref()).map_or(a.image_credit.clone(), |i| i.credit.clone()),
            body_html,
            previews,
            actors: actors.iter().map(|s| card_actor(site, urls, s)).collect(),
            positions,
            note_count: a.marks.len(),
            fact_check_count: fact_checks,
            note_kinds: AnnotationKind::ALL
                .iter()
                .filter(|k| {
                    a.marks
                        .iter()
                        .any(|m| site.annotations[&m.annotation].kind == **k)
                })
                .map(|k| Tally {
                    stance: k.key(),
                    label: t.note_kind(*k).into(),
                    count: a
                        .marks
                        .iter()
                        .filter(|m| site.annotations[&m.annotation].kind == *k)
                        .count(),
                    url: String::new(),
                })
                .collect(),
        },
    })
}

/// Page `n` of a position's page: its stances in order (supporters first), `page_size`
/// a page, grouped by kind.
pub fn position(
    site: &Site,
    t: &Strings,
    plan: &super::plan::Plan,
    urls: &Urls,
    slug: &str,
    n: usize,
) -> PositionData {
    let p = &site.positions[slug];
    let base = page_path("positions", slug);
    let size = site.layout.page_size;
    let order = super::plan::stance_order(site, slug);
    let page = super::paging::slice(&order, n, size);
    let rebase = if n > 1 { urls.to(&base) } else { String::new() };
    let groups = StanceKind::ALL
        .iter()
        .map(|&kind| StanceGroup {
            stance: kind.key(),
            label: t.stance(kind).into(),
            stances: page
                .iter()
                .map(|&i| &p.stances[i])
                .filter(|s| s.stance == kind)
                .map(|s| stance_view(site, t, urls, (slug, &rebase), s))
                .collect(),
            search: urls.to(&super::search::stance_query(slug, kind.key())),
        })
        .filter(|g| !g.stances.is_empty())
        .collect();
    let tally = StanceKind::ALL
        .iter()
        .filter_map(|&kind| {
            let at = order.iter().position(|&i| p.stances[i].stance == kind)?;
            let count = p.stances.iter().filter(|s| s.stance == kind).count();
            let on = super::paging::page_at(&base, at / size + 1);
            Some(Tally {
                stance: kind.key(),
                label: t.stance(kind).into(),
                count,
                url: [urls.to(&on).as_str(), "#h-", kind.key()].concat(),
            })
        })
        .collect();
    let matrix_url = plan.matrix().bounded().then(|| {
        let tile = plan
            .matrix()
            .tiles
            .iter()
            .position(|t| t.positions.contains(&slug))
            .unwrap_or(0);
        urls.to(&super::paging::page_at("matrix/", tile + 1))
    });
    PositionData {
        position: PositionView {
            title: p.title.clone(),
            summary: p.summary.clone(),
            question: p.question.clone(),
            body_html: md(site, urls, &p.body, ""),
            groups,
            tally,
            pager: super::paging::pager(urls, &base, n, site.layout.pages(p.stances.len())),
            matrix_url,
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
                .map(|n| super::actor::note_card(t, urls, &site.annotations[n]))
                .collect(),
            events: super::timeline::for_position(site, t, urls, slug),
            map: (n == 1)
                .then(|| super::map::for_position(site, t, urls, slug))
                .flatten(),
        },
    }
}

/// The breadcrumbs of a page in a section.
pub fn trail(urls: &Urls, t: &Strings, section: Option<(&str, &str)>) -> Vec<Card> {
    match section {
        Some((title, path)) => crumbs(urls, t, &[(title, path)]),
        None => crumbs(urls, t, &[]),
    }
}
