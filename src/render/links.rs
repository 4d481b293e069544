//! Checks that every internal link of the rendered site resolves to a file (and, with a
//! fragment, to an id on that page).

use std::collections::{BTreeMap, BTreeSet};

use crate::diagnostic::Diagnostic;

/// The `href` and `src` values of an HTML page, and its `id`s.
///
/// A small attribute scanner rather than a full HTML parser: the pages are the program's
/// own output, and only these two attributes and `id` are read.
pub fn scan(html: &str) -> (Vec<String>, BTreeSet<String>) {
    let mut links = Vec::new();
    let mut ids = BTreeSet::new();
    let bytes = html.as_bytes();
    let mut i = 0;
    while let Some(at) = html[i..].find('=') {
        let eq = i + at;
        i = eq + 1;
        let name_end = html[..eq].trim_end().len();
        let name_start = html[..name_end]
            .rfind(|c: char| c.is_whitespace() || c == '<' || c == '"' || c == '\'')
            .map_or(0, |p| p + 1);
        let name = html[name_start..name_end].to_ascii_lowercase();
        if name != "href" && name != "src" && name != "id" {
            continue;
        }
        let rest = html[eq + 1..].trim_start();
        let offset = html.len() - rest.len();
        let (value, end) = match bytes.get(offset) {
            Some(&q @ (b'"' | b'\'')) => match html[offset + 1..].find(q as char) {
                Some(e) => (&html[offset + 1..offset + 1 + e], offset + 2 + e),
                None => continue,
            },
            _ => {
                let e = rest
                    .find(|c: char| c.is_whitespace() || c == '>')
                    .unwrap_or(rest.len());
                (&rest[..e], offset + e)
            }
        };
        i = end;
        let value = decode(value);
        if name == "id" {
            ids.insert(value);
        } else {
            links.push(value);
        }
    }
    (links, ids)
}

fn decode(v: &str) -> String {
    v.replace("&amp;", "&")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
}

/// Diagnostics for links of `pages` (output path → HTML) that lead nowhere among
/// `files` (every output path). `origin` names the template a page came from: a missing
/// page is blamed on the linking page's template, a missing id on the target's.
pub fn check(
    pages: &BTreeMap<String, String>,
    files: &BTreeSet<String>,
    base_url: Option<&str>,
    origin: &dyn Fn(&str) -> String,
) -> Vec<Diagnostic> {
    let scanned: BTreeMap<&str, (Vec<String>, BTreeSet<String>)> = pages
        .iter()
        .map(|(p, html)| (p.as_str(), scan(html)))
        .collect();
    let mut diags = Vec::new();
    for (page, (links, _)) in &scanned {
        for link in links {
            let Some((target, fragment)) = resolve(page, link, base_url) else {
                continue;
            };
            if !files.contains(&target) {
                diags.push(Diagnostic::error(
                    origin(page),
                    Some(1),
                    format!("{page} links to \"{link}\", which is not in the site"),
                ));
            } else if let (Some(f), Some((_, ids))) = (&fragment, scanned.get(target.as_str())) {
                if !ids.contains(f) {
                    diags.push(Diagnostic::error(
                        origin(&target),
                        Some(1),
                        format!("{page} links to \"{link}\", but {target} has no id=\"{f}\""),
                    ));
                }
            }
        }
    }
    diags
}

/// The output file and fragment an internal link of `page` leads to; `None` for other
/// hosts, `mailto:` and the like.
fn resolve(page: &str, link: &str, base_url: Option<&str>) -> Option<(String, Option<String>)> {
    let link = match base_url.and_then(|b| link.strip_prefix(b)) {
        Some(rest) => rest.to_string(),
        None => {
            if link.starts_with("//")
                || link.contains(':') && link.split(':').next().is_some_and(|s| !s.contains('/'))
            {
                return None;
            }
            // Relative to the page's folder.
            let dir = page.rsplit_once('/').map_or("", |(d, _)| d);
            if dir.is_empty() {
                link.to_string()
            } else {
                format!("{dir}/{link}")
            }
        }
    };
    let (path, fragment) = match link.split_once('#') {
        Some((p, f)) => (p.to_string(), Some(f.to_string()).filter(|f| !f.is_empty())),
        None => (link, None),
    };
    let path = path.split(['?']).next().unwrap_or("").to_string();
    let mut parts: Vec<&str> = Vec::new();
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            p => parts.push(p),
        }
    }
    let mut target = parts.join("/");
    if path.is_empty() {
        target = page.to_string();
    } else if path.ends_with('/') || !target.contains('.') || target.is_empty() {
        target = if target.is_empty() {
            "index.html".into()
        } else {
            format!("{target}/index.html")
        };
    }
    Some((target, fragment))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scans_links_and_ids() {
        let (links, ids) = scan(r#"<a href="../x/#p1" id="a">x</a><img src='i.png'><p id=b>"#);
        assert_eq!(links, ["../x/#p1", "i.png"]);
        assert_eq!(ids.into_iter().collect::<Vec<_>>(), ["a", "b"]);
    }

    #[test]
    fn resolves_relative_links() {
        assert_eq!(
            resolve("actors/x/index.html", "../../", None),
            Some(("index.html".into(), None))
        );
        assert_eq!(
            resolve("actors/x/index.html", "../../articles/a/#p2", None),
            Some(("articles/a/index.html".into(), Some("p2".into())))
        );
        assert_eq!(
            resolve("index.html", "style.css", None),
            Some(("style.css".into(), None))
        );
        assert_eq!(resolve("index.html", "https://e.org/", None), None);
        assert_eq!(resolve("index.html", "mailto:a@b", None), None);
        assert_eq!(
            resolve(
                "404.html",
                "https://e.org/r/actors/",
                Some("https://e.org/r/")
            ),
            Some(("actors/index.html".into(), None))
        );
        assert_eq!(resolve("index.html", "../../etc", None), None);
    }

    #[test]
    fn reports_missing_targets_and_ids() {
        let mut pages = BTreeMap::new();
        pages.insert(
            "index.html".to_string(),
            r#"<a href="a/">a</a><a href="a/#p9">b</a><a href="zz/">c</a>"#.to_string(),
        );
        pages.insert("a/index.html".to_string(), r#"<p id="p1">"#.to_string());
        let files: BTreeSet<String> = pages.keys().cloned().collect();
        let d = check(&pages, &files, None, &|p| p.to_string());
        assert_eq!(d.len(), 2, "{d:?}");
    }
}
