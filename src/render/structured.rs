//! The structured data of each page: schema.org nodes in JSON-LD, as search engines and
//! platforms read them (a `NewsArticle` and its `ClaimReview`s, the `WebSite`, each
//! actor, and a `BreadcrumbList` on every page). Absolute URLs only, and only when the
//! site has a base URL; no null, empty string, empty list or empty node anywhere.

use serde_json::{Value, json};

use super::images;
use super::urls::page_path;
use super::views::PageMeta;
use crate::model::{ActorKind, AnnotationKind, Article, Author, AuthorKind, Site};

/// The page's `<script type="application/ld+json">` text: its own `nodes` and its
/// breadcrumbs in one `@graph`, pruned and escaped.
pub fn script(page: &PageMeta, nodes: Vec<Value>) -> String {
    let mut graph = nodes;
    graph.push(breadcrumbs(page));
    let ld = json!({"@context": "https://schema.org", "@graph": graph});
    escape(&prune(ld).unwrap_or(Value::Null))
}

/// JSON for a `<script type="application/ld+json">`: `<`, `>` and `&` escaped so that
/// nothing it embeds can close the element.
pub fn escape(value: &Value) -> String {
    let json = serde_json::to_string(value).unwrap_or_default();
    // One pass, and none at all for the many pages whose data has none of the three.
    if memchr::memchr3(b'<', b'>', b'&', json.as_bytes()).is_none() {
        return json;
    }
    let mut out = String::with_capacity(json.len() + 32);
    for c in json.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            c => out.push(c),
        }
    }
    out
}

/// `value` without nulls, blank strings, empty lists and nodes that say nothing but
/// their `@type` (and `@id`); `None` when nothing is left.
pub fn prune(value: Value) -> Option<Value> {
    match value {
        Value::Null => None,
        Value::String(s) if s.trim().is_empty() => None,
        Value::Array(items) => {
            let items: Vec<Value> = items.into_iter().filter_map(prune).collect();
            (!items.is_empty()).then_some(Value::Array(items))
        }
        Value::Object(mut map) => {
            // Pruned in place: a map built again key by key costs every page a
            // comparison of each key with the others.
            for v in map.values_mut() {
                *v = prune(std::mem::take(v)).unwrap_or(Value::Null);
            }
            map.retain(|_, v| !v.is_null());
            // A reference to a node described elsewhere (`{"@id": …}`) says enough.
            let reference = map.len() == 1 && map.contains_key("@id");
            (reference || map.keys().any(|k| k != "@type" && k != "@id"))
                .then_some(Value::Object(map))
        }
        v => Some(v),
    }
}

/// The absolute URL of the page at site path `path`, when the site has a base URL.
fn url(site: &Site, path: &str) -> Option<String> {
    site.base_url.as_ref().map(|b| format!("{b}{path}"))
}

/// The day an article last changed: its latest update's, or the day it was published.
pub fn modified(article: &Article) -> &str {
    crate::model::updates::latest(&article.updates).unwrap_or(&article.date)
}

/// The id of the site's publisher node: one for the whole site.
fn publisher_id(site: &Site) -> String {
    format!("{}#publisher", site.base_url.as_deref().unwrap_or(""))
}

/// A reference to the site's publisher, described once on the page by `publisher`: a
/// page with a dozen fact-checks names it once, not a dozen times.
fn publisher_ref(site: &Site) -> Option<Value> {
    site.publisher.as_ref()?;
    Some(json!({"@id": publisher_id(site)}))
}

/// The site's publisher as an `Organization`.
fn publisher(site: &Site) -> Option<Value> {
    let p = site.publisher.as_ref()?;
    Some(json!({
        "@type": "Organization",
        "@id": publisher_id(site),
        "name": p.name,
        "url": p.url.as_ref().or(site.base_url.as_ref()),
        "logo": p.logo.as_ref().and_then(|l| images::json_ld(site, l, None)),
    }))
}

/// The named author of a fact-check.
fn author(a: &Author) -> Value {
    let kind = match a.kind {
        AuthorKind::Person => "Person",
        AuthorKind::Organization => "Organization",
    };
    json!({"@type": kind, "name": a.name, "url": a.url})
}

/// The author of an article: its byline, else the publisher.
fn byline(site: &Site, a: &Article) -> Option<Value> {
    match &a.byline {
        Some(b) if !b.trim().is_empty() => Some(json!({"@type": "Person", "name": b})),
        _ => publisher_ref(site),
    }
}

/// The home page's `WebSite`.
pub fn website(site: &Site) -> Value {
    json!({
        "@type": "WebSite",
        "name": site.title,
        "description": site.description,
        "inLanguage": site.language,
        "url": site.base_url,
        "publisher": publisher(site),
    })
}

/// An article page's nodes: its `NewsArticle`, then a `ClaimReview` for each of its
/// fact-checks in text order. `shown` is the picture Open Graph names (its own, else its
/// share card): the article's image here too when it has none of its own.
pub fn article(site: &Site, slug: &str, shown: Option<&images::SocialImage>) -> Vec<Value> {
    let a = &site.articles[slug];
    let page = url(site, &page_path("articles", slug));
    // The article and its original are described once, and each fact-check's claim
    // refers to them by `@id`: an article page has a dozen fact-checks of one article.
    let mut nodes = vec![json!({
        "@type": "NewsArticle",
        "@id": page,
        "headline": a.title,
        "description": a.dek,
        "datePublished": a.date,
        "dateModified": modified(a),
        "inLanguage": site.language,
        "author": byline(site, a),
        "publisher": publisher(site),
        "image": a.image.as_ref()
            .and_then(|i| images::json_ld(site, i, a.image_caption.as_deref()))
            .or_else(|| shown.map(|s| json!({"@type": "ImageObject",
                "url": s.url, "width": s.width, "height": s.height}))),
        "isBasedOn": a.source_url,
        "url": page,
    })];
    let fact_checks = (a.marks.iter())
        .map(|m| &site.annotations[&m.annotation])
        .filter(|n| n.kind == AnnotationKind::FactCheck);
    for note in fact_checks {
        nodes.push(json!({
            "@type": "ClaimReview",
            "url": page.as_ref().map(|p| format!("{p}#note-{}", note.slug)),
            "claimReviewed": note.quote,
            "reviewRating": {"@type": "Rating", "alternateName": note.verdict},
            "author": note.author.as_ref().map(author).or_else(|| publisher_ref(site)),
            "datePublished": site.published(note),
            "itemReviewed": {
                "@type": "Claim",
                // Who made the claim, and when: the article's author and date.
                "author": a.byline.as_ref().map(|b| json!({"@type": "Person", "name": b})),
                "datePublished": a.date,
                "appearance": page.as_ref().map(|p| json!({"@id": p})),
                "firstAppearance": a.source_url.as_ref().map(|u| json!({"@id": u})),
            },
        }));
    }
    if let (Some(u), true) = (&a.source_url, nodes.len() > 1) {
        nodes.push(json!({"@type": "CreativeWork", "@id": u, "url": u}));
    }
    nodes
}

/// An actor page's node: a `Person`, `Country` or `Organization`, the same as its
/// Wikidata item and the Wikipedia pages among its links: `sameAs` says that a page
/// identifies the actor, which the rest of `links` (further reading, news) does not.
pub fn actor(site: &Site, slug: &str) -> Value {
    let a = &site.actors[slug];
    let schema_type = match a.kind {
        ActorKind::Person => "Person",
        ActorKind::State => "Country",
        ActorKind::Organization => "Organization",
    };
    let wikidata = (a.wikidata.iter()).map(|q| format!("https://www.wikidata.org/wiki/{q}"));
    json!({
        "@type": schema_type,
        "name": a.name,
        "alternateName": a.aliases,
        "jobTitle": if a.kind == ActorKind::Person { a.role.clone() } else { None },
        "description": a.role,
        "sameAs": wikidata
            .chain((a.links.iter()).filter(|l| identifies(&l.url)).map(|l| l.url.clone()))
            .collect::<Vec<_>>(),
        "image": a.image.as_ref().and_then(|i| images::json_ld(site, i, None)),
        "url": url(site, &page_path("actors", slug)),
    })
}

/// Whether a link of an actor's is a page that identifies it, for `sameAs`: one of
/// Wikipedia's (or a Wikidata item written as a link).
fn identifies(link: &str) -> bool {
    url::Url::parse(link).is_ok_and(|u| {
        u.host_str().is_some_and(|h| {
            h == "wikipedia.org"
                || h.ends_with(".wikipedia.org")
                || h == "www.wikidata.org"
                || h == "wikidata.org"
        })
    })
}

/// The page's `BreadcrumbList`: its breadcrumbs, then the page itself, each with its
/// absolute URL when the page has one (its links resolved against its canonical URL).
fn breadcrumbs(page: &PageMeta) -> Value {
    let base = (page.canonical.as_deref()).and_then(|c| url::Url::parse(c).ok());
    let absolute = |link: &str| {
        base.as_ref()
            .and_then(|b| b.join(link).ok())
            .map(String::from)
    };
    let trail = (page.breadcrumbs.iter())
        .map(|c| (c.title.as_str(), absolute(&c.url)))
        .chain([(page.title.as_str(), page.canonical.clone())]);
    let items: Vec<Value> = trail
        .enumerate()
        .map(|(i, (name, item))| {
            json!({"@type": "ListItem", "position": i + 1, "name": name, "item": item})
        })
        .collect();
    json!({"@type": "BreadcrumbList", "itemListElement": items})
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prune_drops_nulls_blanks_empty_lists_and_bare_nodes() {
        let v = json!({"@type": "A", "a": null, "b": " ", "c": [], "d": {"@type": "P", "name": ""},
            "e": [null, "x"], "f": 0, "g": {"@type": "P", "name": "N"}});
        assert_eq!(
            prune(v),
            Some(json!({"@type": "A", "e": ["x"], "f": 0, "g": {"@type": "P", "name": "N"}}))
        );
        assert_eq!(prune(json!({"@type": "A", "name": null})), None);
        // A reference to a node described elsewhere stays; a bare typed id does not.
        assert_eq!(
            prune(json!({"@type": "A", "r": {"@id": "#p"}, "s": {"@type": "P", "@id": "#q"}})),
            Some(json!({"@type": "A", "r": {"@id": "#p"}}))
        );
    }

    #[test]
    fn escape_keeps_a_script_element_closed() {
        assert_eq!(
            escape(&json!("</script>&")),
            "\"\\u003c/script\\u003e\\u0026\""
        );
    }
}
