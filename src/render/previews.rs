//! Previews of the actors and positions an article links to, without JavaScript: each
//! link to an actor's or a position's page (a mention, or a `[[link]]` in the text or a
//! note) is described by its target's preview (`aria-describedby`, so a screen reader
//! reads it with the link), and a rule of the page's own style shows that preview while
//! the link is hovered, pressed (a finger held on it) or has keyboard focus, placed
//! next to it by CSS anchor positioning over the text (nothing moves). Each target's
//! preview is written once, at the end of the article (`previews.html`, hidden until
//! then), and every link to it names it.
//!
//! Only standard HTML and CSS: `:has()` ties a link to its preview, which needs one rule
//! per target, written in the page's `<style>` and allowed by its hash in the page's
//! Content-Security-Policy (`style-src` keeps out every other inline style).

use super::i18n::Strings;
use super::urls::Urls;
use crate::model::Site;
use serde::Serialize;
use std::collections::BTreeMap;

/// One target's preview.
#[derive(Debug, Serialize)]
pub struct Preview {
    /// `pvN`, N counting the targets in the order the article first links them: the
    /// popover's id (short, as every link to the target repeats it).
    pub id: String,
    /// Name or title.
    pub name: String,
    /// The actor's role (else its kind), or the position's summary.
    pub about: Option<String>,
    /// `3 stances`.
    pub stances: String,
}

/// `html` with `aria-describedby` on each link to an actor's or a position's page, and the
/// previews those links name, by id.
///
/// Why by hand: the links were written by this program a moment ago (`<a href="…"` or
/// `<a class=mention href="…"`, the URL escaped), so finding them is a search for
/// `<a `; parsing the page again with an HTML crate would cost more than the rest of
/// rendering it.
pub fn attach(site: &Site, t: &Strings, urls: &Urls, html: &str) -> (String, Vec<Preview>) {
    let actors = urls.to("actors/");
    let positions = urls.to("positions/");
    let mut out = String::with_capacity(html.len() + html.len() / 16);
    let mut previews: BTreeMap<String, Preview> = BTreeMap::new();
    let mut last = 0;
    for at in memchr::memmem::find_iter(html.as_bytes(), b"<a ") {
        let tag_end = html[at..].find('>').map_or(html.len(), |e| at + e);
        let tag = &html[at..tag_end];
        let Some(href) = tag.find("href=\"").map(|h| &tag[h + 6..]) else {
            continue;
        };
        let url = &href[..href.find('"').unwrap_or(href.len())];
        let Some(id) = target(site, t, url, &actors, &positions, &mut previews) else {
            continue;
        };
        out.push_str(&html[last..at + 2]);
        out.push_str(" aria-describedby=");
        out.push_str(&id);
        last = at + 2;
    }
    out.push_str(&html[last..]);
    (out, previews.into_values().collect())
}

/// The rules that show each of `previews` while a link it describes is hovered, pressed
/// or has keyboard focus, and their CSP hash; `None` without previews.
pub fn style(previews: &[Preview]) -> Option<InlineStyle> {
    use std::fmt::Write;
    let mut css = String::with_capacity(64 * previews.len());
    for (i, p) in previews.iter().enumerate() {
        let comma = if i == 0 { "" } else { "," };
        let id = &p.id;
        // Infallible: writing to a String.
        let _ = write!(
            css,
            "{comma}:has([aria-describedby={id}]:is(:hover,:focus-visible,:active)) #{id}"
        );
    }
    if css.is_empty() {
        return None;
    }
    css.push_str("{display:block}");
    Some(InlineStyle::new(css))
}

/// A page's own `<style>`, and the `'sha256-…'` source that lets the page's
/// Content-Security-Policy apply it.
#[derive(Debug, Serialize)]
pub struct InlineStyle {
    /// The rules, written into `<style>` as they are (no markup in them).
    pub css: String,
    /// `'sha256-BASE64'` of exactly `css`.
    pub hash: String,
}

impl InlineStyle {
    fn new(css: String) -> Self {
        use base64::Engine;
        use sha2::Digest;
        let digest = sha2::Sha256::digest(css.as_bytes());
        let hash = format!(
            "'sha256-{}'",
            base64::engine::general_purpose::STANDARD.encode(digest)
        );
        InlineStyle { css, hash }
    }
}

/// The id of the preview of the page at `url`, made on first sight (`previews` is keyed
/// by `a-SLUG` or `p-SLUG`); `None` when `url` is not an actor's or a position's page.
fn target(
    site: &Site,
    t: &Strings,
    url: &str,
    actors: &str,
    positions: &str,
    previews: &mut BTreeMap<String, Preview>,
) -> Option<String> {
    let slug_in = |prefix: &str| url.strip_prefix(prefix)?.strip_suffix('/');
    let (key, preview) =
        if let Some(slug) = slug_in(actors).filter(|s| site.actors.contains_key(*s)) {
            let key = format!("a-{slug}");
            if let Some(p) = previews.get(&key) {
                return Some(p.id.clone());
            }
            let a = &site.actors[slug];
            let count = site.index.actor_stances.get(slug).map_or(0, Vec::len);
            let about = (a.role.clone()).unwrap_or_else(|| t.actor_kind(a.kind).to_string());
            (key, (a.name.clone(), Some(about), count))
        } else if let Some(slug) = slug_in(positions).filter(|s| site.positions.contains_key(*s)) {
            let key = format!("p-{slug}");
            if let Some(p) = previews.get(&key) {
                return Some(p.id.clone());
            }
            let p = &site.positions[slug];
            (
                key,
                (p.title.clone(), Some(p.summary.clone()), p.stances.len()),
            )
        } else {
            return None;
        };
    let (name, about, count) = preview;
    let id = format!("pv{}", previews.len() + 1);
    previews.insert(
        key,
        Preview {
            id: id.clone(),
            name,
            about,
            stances: t.count("n_stances", count, &[]),
        },
    );
    Some(id)
}
