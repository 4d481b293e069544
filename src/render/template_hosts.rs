//! What a site's own templates make every page load from other hosts (a script, a
//! stylesheet, a font, a picture written into `templates/base.html`), and whether an
//! override of a page's `<head>` keeps the Content-Security-Policy: pages load nothing
//! from other hosts (README, "Security"), and a template is where that is most easily
//! lost. A warning each, at the template's line, so that `build --strict` fails.

use super::tags::{TagAttribute, tags};
use crate::diagnostic::Diagnostic;

/// The `rel` values of `<link>` that make the browser fetch what `href` names.
const LOADING_RELS: [&str; 7] = [
    "stylesheet",
    "icon",
    "preload",
    "modulepreload",
    "prefetch",
    "preconnect",
    "manifest",
];

/// The warnings for the template `rel` (a file of `templates/`) whose text is `text`.
pub fn problems(rel: &str, text: &str) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let line = |at: usize| text[..at.min(text.len())].matches('\n').count() + 1;
    let mut tag: Vec<TagAttribute<'_>> = Vec::new();
    let mut flush = |tag: &mut Vec<TagAttribute<'_>>| {
        for (url, at, what) in loaded(tag) {
            out.push(
                Diagnostic::warning(
                    rel,
                    Some(line(at)),
                    format!("{what} \"{url}\" is on another host, and pages load nothing from other hosts"),
                )
                .with_hint(Some(
                    "put the file in static/ and name it from there: the page's Content-Security-Policy blocks other hosts, and each reader's visit would be told to them".into(),
                )),
            );
        }
        tag.clear();
    };
    tags(text, |a| {
        // The attributes of one tag come one after another, each with its tag's name.
        if tag.last().is_some_and(|t| !std::ptr::eq(t.tag, a.tag)) {
            flush(&mut tag);
        }
        tag.push(a);
    });
    flush(&mut tag);
    // `<head>` or `<head …>`, not `<header>`.
    let head = (text.match_indices("<head").map(|(i, _)| i)).find(|&i| {
        text[i + 5..]
            .chars()
            .next()
            .is_some_and(|c| c == '>' || c == '/' || c.is_ascii_whitespace())
    });
    if let Some(at) = head
        && !text.contains("Content-Security-Policy")
    {
        out.push(
            Diagnostic::warning(
                rel,
                Some(line(at)),
                "the page's <head> has no Content-Security-Policy: its pages would run any script a note or a profile slipped in",
            )
            .with_hint(Some(
                "keep the <meta http-equiv=\"Content-Security-Policy\"> line of the built-in base.html".into(),
            )),
        );
    }
    out
}

/// The URLs on other hosts that the attributes of one start tag make the browser load,
/// each with its offset and what it is (`<script src>`).
fn loaded(tag: &[TagAttribute<'_>]) -> Vec<(String, usize, String)> {
    let Some(first) = tag.first() else {
        return Vec::new();
    };
    let name = first.tag.to_ascii_lowercase();
    let attr = |n: &str| tag.iter().find(|a| a.name.eq_ignore_ascii_case(n));
    let rel_loads = attr("rel").is_some_and(|r| {
        r.value
            .split_ascii_whitespace()
            .any(|v| LOADING_RELS.iter().any(|l| v.eq_ignore_ascii_case(l)))
    });
    let mut out = Vec::new();
    for a in tag {
        let attribute = a.name.to_ascii_lowercase();
        let loads = match attribute.as_str() {
            "href" => match name.as_str() {
                "link" => rel_loads,
                "image" | "use" | "feimage" => true,
                _ => false,
            },
            "src" | "poster" | "data" | "background" => true,
            _ => false,
        };
        let urls: Vec<&str> = match attribute.as_str() {
            "srcset" | "imagesrcset" => (a.value.split(','))
                .filter_map(|c| c.split_ascii_whitespace().next())
                .collect(),
            _ if loads => vec![a.value.trim()],
            _ => Vec::new(),
        };
        for url in urls {
            if crate::markdown::external(url) {
                out.push((
                    url.to_string(),
                    a.span.start,
                    format!("<{name} {attribute}>"),
                ));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::problems;

    #[test]
    fn a_template_that_loads_from_another_host_or_drops_the_policy_is_told() {
        let base = "<!doctype html>\n<html>\n<head>\n<link rel=\"stylesheet\" href=\"https://cdn.example.com/x.css\">\n<link rel=\"canonical\" href=\"https://example.org/\">\n<script src=\"https://cdn.example.com/x.js\"></script>\n</head>\n<body><img src=\"{{ page.image }}\" srcset=\"a.png 1x, //cdn.example.com/b.png 2x\"><a href=\"https://example.org/\">out</a></body>\n";
        let said: Vec<String> = problems("templates/base.html", base)
            .iter()
            .map(|d| d.to_string())
            .collect();
        assert_eq!(
            said,
            [
                "warning: templates/base.html:4: <link href> \"https://cdn.example.com/x.css\" is on another host, and pages load nothing from other hosts (put the file in static/ and name it from there: the page's Content-Security-Policy blocks other hosts, and each reader's visit would be told to them)",
                "warning: templates/base.html:6: <script src> \"https://cdn.example.com/x.js\" is on another host, and pages load nothing from other hosts (put the file in static/ and name it from there: the page's Content-Security-Policy blocks other hosts, and each reader's visit would be told to them)",
                "warning: templates/base.html:8: <img srcset> \"//cdn.example.com/b.png\" is on another host, and pages load nothing from other hosts (put the file in static/ and name it from there: the page's Content-Security-Policy blocks other hosts, and each reader's visit would be told to them)",
                "warning: templates/base.html:3: the page's <head> has no Content-Security-Policy: its pages would run any script a note or a profile slipped in (keep the <meta http-equiv=\"Content-Security-Policy\"> line of the built-in base.html)",
            ]
        );
        // The built-in templates say nothing; a `<header>` is no `<head>`.
        for (name, text) in super::super::templates::DEFAULTS {
            assert!(problems(name, text).is_empty(), "{name}");
        }
        assert!(problems("a.html", "<header class=\"head\">").is_empty());
    }
}
