//! Names: file names as slugs, slugs unique across kinds, actor names and aliases that
//! each name one actor.

use std::collections::BTreeMap;

use super::resolve::{Ctx, Which};
use crate::content::RawSite;
use crate::diagnostic::Diagnostic;
use crate::text::normalize;

/// Whether a slug matches `^[a-z0-9]+(-[a-z0-9]+)*$`.
pub fn valid_slug(slug: &str) -> bool {
    !slug.is_empty()
        && slug.split('-').all(|part| {
            !part.is_empty()
                && part
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        })
}

/// Whether a URL of front matter is one a reader may follow: http(s) or mailto.
pub fn valid_url(url: &str) -> bool {
    let lower = url.trim().to_ascii_lowercase();
    (lower.starts_with("https://") || lower.starts_with("http://"))
        && lower.len() > "https://".len()
        || lower.starts_with("mailto:") && lower.len() > "mailto:".len()
}

pub(super) fn register_slugs<'a>(raw: &'a RawSite, cx: &mut Ctx<'a>) {
    let mut all: Vec<(&'a str, &'a str, Which)> = Vec::new();
    all.extend(
        raw.articles
            .iter()
            .map(|f| (f.slug.as_str(), f.path.as_str(), Which::Articles)),
    );
    all.extend(
        raw.actors
            .iter()
            .map(|f| (f.slug.as_str(), f.path.as_str(), Which::Actors)),
    );
    all.extend(
        raw.positions
            .iter()
            .map(|f| (f.slug.as_str(), f.path.as_str(), Which::Positions)),
    );
    for (slug, path, which) in all {
        if !valid_slug(slug) {
            cx.diags.push(bad_name(path, slug));
            continue;
        }
        if let Some(first) = cx.slugs.get(slug) {
            cx.diags.push(Diagnostic::error(
                path,
                Some(1),
                format!("slug \"{slug}\" is already used by {first}: slugs must be unique across articles, actors and positions"),
            ));
            cx.diags.push(Diagnostic::error(
                *first,
                Some(1),
                format!("slug \"{slug}\" is also used by {path}"),
            ));
            continue;
        }
        cx.slugs.insert(slug, path);
        match which {
            Which::Articles => cx.articles.insert(slug),
            Which::Actors => cx.actors.insert(slug),
            Which::Positions => cx.positions.insert(slug),
        };
    }
    for f in &raw.annotations {
        if !valid_slug(&f.slug) {
            cx.diags.push(bad_name(&f.path, &f.slug));
        }
    }
    // A file with errors of its own still exists: references to it are not errors too.
    for (kind, slug) in &raw.unparsed {
        let set = match *kind {
            "articles" => &mut cx.articles,
            "actors" => &mut cx.actors,
            "positions" => &mut cx.positions,
            _ => continue,
        };
        if valid_slug(slug) {
            set.insert(slug.as_str());
            cx.slugs.entry(slug.as_str()).or_insert("");
        }
    }
}

fn bad_name(path: &str, slug: &str) -> Diagnostic {
    let suggestion: String = slug
        .to_lowercase()
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join("-");
    Diagnostic::error(
        path,
        Some(1),
        format!("bad file name \"{slug}.md\": a name is lower-case letters and digits in words joined by single hyphens"),
    )
    .with_hint((!suggestion.is_empty()).then(|| format!("rename it to \"{suggestion}.md\"")))
}

/// Every actor's normalised name and aliases, each owned by one actor.
pub(super) fn actor_names(raw: &RawSite, cx: &mut Ctx) -> Vec<(String, usize)> {
    let mut owner: BTreeMap<String, &str> = BTreeMap::new();
    let mut out = Vec::new();
    for (i, file) in raw.actors.iter().enumerate() {
        let f = &file.front;
        for value in std::iter::once(&f.name).chain(&f.aliases) {
            let name = normalize(value.get_ref());
            if name.is_empty() {
                cx.error(file, Some(value.span()), "a name or alias cannot be empty");
                continue;
            }
            if let Some(other) = owner.get(&name) {
                if *other != file.path {
                    cx.error(
                        file,
                        Some(value.span()),
                        format!(
                            "\"{name}\" is also a name of {other}: a mention must name one actor"
                        ),
                    );
                }
                continue;
            }
            owner.insert(name.clone(), &file.path);
            out.push((name, i));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slug_pattern() {
        for ok in ["a", "donald-trump", "g7", "a-1-b"] {
            assert!(valid_slug(ok), "{ok}");
        }
        for bad in ["", "A", "a--b", "-a", "a-", "a_b", "Bad Name", "é"] {
            assert!(!valid_slug(bad), "{bad}");
        }
    }

    #[test]
    fn url_schemes() {
        assert!(valid_url("https://example.org/x"));
        assert!(valid_url("mailto:desk@example.org"));
        for bad in [
            "javascript:alert(1)",
            "data:text/html,x",
            "ftp://x",
            "/local",
            "https://",
        ] {
            assert!(!valid_url(bad), "{bad}");
        }
    }
}
