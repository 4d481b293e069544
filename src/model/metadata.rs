//! The metadata of actors and articles, checked and taken into the model (an article's
//! text is read later, once every quote into it is known).

use super::resolve::{Ctx, Which, valid_slug};
use super::*;
use crate::Diagnostic;
use crate::content::front::{ActorFront, ArticleFront};
use crate::content::{RawSite, SourceFile};
use crate::markdown::RawHtml;

/// The actor of `file`, its references checked (`None` for a file whose name is no slug,
/// reported when it was read).
pub(super) fn actor(cx: &mut Ctx, raw: &RawSite, file: &SourceFile<ActorFront>) -> Option<Actor> {
    if !valid_slug(&file.slug) {
        return None;
    }
    let f = &file.front;
    // An affiliation the site does not have (or the actor itself) is left out, as a
    // stance of an unknown actor is: the model names only what it holds.
    let mut affiliation = None;
    if let Some(aff) = &f.affiliation {
        if cx.reference(file, aff, "affiliation actor", Which::Actors) {
            if aff.get_ref() == &file.slug {
                cx.error(
                    file,
                    Some(aff.span()),
                    "an actor cannot be its own affiliation",
                );
            } else {
                affiliation = Some(aff.get_ref().clone());
            }
        }
    }
    // `wikidata` was checked when the file was read.
    let links = cx.links(file, &f.links, "links url");
    cx.body_wikilinks(&file.path, &file.body, RawHtml::Keep, &|at| {
        file.body_line_at(at)
    });
    Some(Actor {
        slug: file.slug.clone(),
        name: f.name.get_ref().clone(),
        kind: f.kind,
        aliases: {
            let name = crate::text::normalize(f.name.get_ref());
            let aliases = (f.aliases.iter())
                .map(|a| a.get_ref().clone())
                .filter(|a| crate::text::normalize(a) != name)
                .collect();
            super::each_once(aliases, |a: &String| crate::text::normalize(a))
        },
        role: f.role.clone(),
        affiliation,
        wikidata: f.wikidata.as_ref().map(|w| w.get_ref().clone()),
        links,
        image: raw.images.get(&file.path).cloned(),
        body: file.body.clone(),
        updates: super::updates::resolve(cx, file, &f.updates, None, RawHtml::Keep),
    })
}

/// The article of `file` without what its text holds (blocks, marks, mention links).
pub(super) fn article(
    cx: &mut Ctx,
    raw: &RawSite,
    file: &SourceFile<ArticleFront>,
) -> Option<Article> {
    if !valid_slug(&file.slug) {
        return None;
    }
    let f = &file.front;
    // A date without its day was reported when the file was read.
    let date = super::updates::day(f.date.get_ref())?;
    let source_url = f
        .source_url
        .as_ref()
        .and_then(|u| cx.url(file, u, "source_url"));
    // An article shows raw HTML as text, in its body and its updates alike.
    cx.body_wikilinks(&file.path, &file.body, RawHtml::AsText, &|at| {
        file.body_line_at(at)
    });
    let updates = super::updates::resolve(cx, file, &f.updates, Some(&date), RawHtml::AsText);
    if file.body.trim().is_empty() {
        // At the closing `+++`: the line after it may not be in the file.
        let line = file.body_line.saturating_sub(1).max(1);
        cx.diags.push(
            Diagnostic::warning(
                &file.path,
                Some(line),
                "the article has no text: its page would show the headline alone",
            )
            .with_hint(Some(
                "write the article below the closing +++, or make one of a text file with `explainer import`".into(),
            )),
        );
    }
    Some(Article {
        slug: file.slug.clone(),
        title: f.title.clone(),
        date,
        dek: f.dek.clone(),
        byline: f.byline.clone(),
        source: f.source.clone(),
        source_url,
        dateline: f.dateline.clone(),
        picture: f.picture.clone(),
        image: raw.images.get(&file.path).cloned(),
        image_caption: f.image_caption.clone(),
        image_credit: f.image_credit.as_ref().map(|c| c.get_ref().clone()),
        body: file.body.clone(),
        blocks: Vec::new(),
        marks: Vec::new(),
        links: Vec::new(),
        updates,
    })
}
