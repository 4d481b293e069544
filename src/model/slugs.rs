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

/// Whether a URL of front matter is one a reader may follow: http(s) with a host, or
/// mailto (the check that loading the file made, `content::values::url_problem`).
pub fn valid_url(url: &str) -> bool {
    crate::content::values::url_problem("", url).is_none()
}

/// Registers the slug of every article, actor and position, parsed or not (a file with
/// errors of its own still exists: references to it are not errors too), and reports
/// bad file names and slugs used twice.
pub(super) fn register_slugs<'a>(raw: &'a RawSite, cx: &mut Ctx<'a>) {
    let kind = |which: &Which| match which {
        Which::Articles => 0,
        Which::Actors => 1,
        Which::Positions => 2,
    };
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
    for u in &raw.unparsed {
        let which = match u.kind {
            "articles" => Which::Articles,
            "actors" => Which::Actors,
            "positions" => Which::Positions,
            _ => continue,
        };
        all.push((u.slug.as_str(), u.path.as_str(), which));
    }
    all.sort_by(|a, b| (kind(&a.2), a.1).cmp(&(kind(&b.2), b.1)));
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
        } else {
            cx.slugs.insert(slug, path);
        }
        // Clashing or not, the file is there: a reference to it as what it is is not to
        // an unknown slug (probe L5: the clash is reported once, above).
        match which {
            Which::Articles => cx.articles.insert(slug),
            Which::Actors => cx.actors.insert(slug),
            Which::Positions => cx.positions.insert(slug),
        };
    }
    let annotations = (raw.annotations.iter()).map(|f| (f.slug.as_str(), f.path.as_str()));
    let unparsed = (raw.unparsed.iter())
        .filter(|u| u.kind == "annotations")
        .map(|u| (u.slug.as_str(), u.path.as_str()));
    for (slug, path) in annotations.chain(unparsed) {
        if !valid_slug(slug) {
            cx.diags.push(bad_name(path, slug));
        }
    }
}

pub(super) fn bad_name(path: &str, slug: &str) -> Diagnostic {
    let suggestion = crate::text::slugify(slug);
    Diagnostic::error(
        path,
        Some(1),
        format!("bad file name \"{slug}.md\": a name is lower-case letters and digits in words joined by single hyphens"),
    )
    .with_hint((!suggestion.is_empty()).then(|| format!("rename it to \"{suggestion}.md\"")))
}

/// Every actor's normalised name, aliases and match words (the words that make a
/// mention), each owned by one actor.
pub(super) fn actor_names(raw: &RawSite, cx: &mut Ctx) -> Vec<(String, usize)> {
    let mut owner: BTreeMap<String, &str> = BTreeMap::new();
    let mut out = Vec::new();
    for (i, file) in raw.actors.iter().enumerate() {
        // An actor whose file name is no slug is not in the site (its name is reported):
        // its names find no mentions, and take none from another actor.
        if !valid_slug(&file.slug) {
            continue;
        }
        let f = &file.front;
        // An alias that is the name would show twice ("Also called: …").
        let own = normalize(f.name.get_ref());
        for alias in f.aliases.iter().filter(|a| normalize(a.get_ref()) == own) {
            cx.diags.push(Diagnostic::warning(
                &file.path,
                Some(file.line(alias.span())),
                format!("alias \"{own}\" is the actor's name already: remove it"),
            ));
        }
        for value in std::iter::once(&f.name).chain(&f.aliases).chain(&f.matches) {
            let name = normalize(value.get_ref());
            if crate::text::is_blank(&name) {
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

/// Every actor's name, aliases and match words, lower-cased, each with its slug.
pub(super) fn names_for_hints(raw: &RawSite) -> Vec<(String, &str)> {
    raw.actors
        .iter()
        .flat_map(|file| {
            let f = &file.front;
            std::iter::once(&f.name)
                .chain(&f.aliases)
                .chain(&f.matches)
                .map(move |n| (n.get_ref().to_lowercase(), file.slug.as_str()))
        })
        .collect()
}

/// A hint for an unknown actor `wrong` that is not close to any slug: the actors whose
/// slug, name or alias holds its words as whole words ("petro" → `gustavo-petro`), or
/// else whose name or alias is close to it by edit distance ("Gustavo Pedro").
pub(super) fn actor_hint(wrong: &str, names: &[(String, &str)]) -> Option<String> {
    let split = |s: &str| -> Vec<String> {
        s.split(|c: char| c == '-' || c.is_whitespace())
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect()
    };
    let words = split(wrong);
    let holds = |hay: &[String]| {
        !words.is_empty() && hay.windows(words.len()).any(|w| w == words.as_slice())
    };
    let mut found: Vec<&str> = names
        .iter()
        .filter(|(name, slug)| holds(&split(name)) || holds(&split(slug)))
        .map(|(_, slug)| *slug)
        .collect();
    if found.is_empty() {
        let spaced = words.join(" ");
        let mut best: Option<(f64, &str)> = None;
        for (name, slug) in names {
            let score = strsim::jaro_winkler(&spaced, name);
            if score >= 0.88 && best.is_none_or(|(s, b)| score > s || (score == s && *slug < b)) {
                best = Some((score, slug));
            }
        }
        found.extend(best.map(|(_, s)| s));
    }
    found.sort_unstable();
    found.dedup();
    let quoted: Vec<String> = found.iter().take(3).map(|s| format!("\"{s}\"")).collect();
    match quoted.as_slice() {
        [] => None,
        [one] => Some(format!("did you mean {one}?")),
        [rest @ .., last] => Some(format!("did you mean {} or {last}?", rest.join(", "))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn actor_hints_by_words_and_by_distance() {
        let names = vec![
            ("gustavo petro".to_string(), "gustavo-petro"),
            ("petro".to_string(), "gustavo-petro"),
            ("saudi arabia".to_string(), "saudi-arabia"),
            ("united states".to_string(), "united-states"),
            ("united kingdom".to_string(), "united-kingdom"),
        ];
        assert_eq!(
            actor_hint("petro", &names).as_deref(),
            Some("did you mean \"gustavo-petro\"?")
        );
        assert_eq!(
            actor_hint("arabia", &names).as_deref(),
            Some("did you mean \"saudi-arabia\"?")
        );
        assert_eq!(
            actor_hint("united", &names).as_deref(),
            Some("did you mean \"united-kingdom\" or \"united-states\"?")
        );
        assert_eq!(
            actor_hint("gustavo-pedro", &names).as_deref(),
            Some("did you mean \"gustavo-petro\"?")
        );
        assert_eq!(actor_hint("brazil", &names), None);
    }

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
