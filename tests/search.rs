//! Site search end to end: the index built from real sites, read back the way the search
//! page's script reads it, the search page and header box, and the links into it.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use common::{TempSite, hrefs, own_site, sel};

/// The search index of a built site, read as `static/search.js` reads it.
struct Index {
    out: std::path::PathBuf,
    meta: serde_json::Value,
}

fn ids(gaps: &[u64]) -> Vec<u64> {
    let mut last = 0;
    gaps.iter()
        .map(|g| {
            last += g;
            last
        })
        .collect()
}

impl Index {
    fn of(out: &Path) -> Index {
        let meta = std::fs::read_to_string(out.join("search/meta.json")).unwrap();
        Index {
            out: out.to_path_buf(),
            meta: serde_json::from_str(&meta).unwrap(),
        }
    }

    /// Documents whose words start with `word` (folded), with their scores.
    fn lookup(&self, word: &str) -> BTreeMap<u64, u64> {
        let key: Vec<String> = word
            .chars()
            .take(2)
            .map(|c| format!("{:x}", c as u32))
            .collect();
        let key = key.join("-");
        let mut found = BTreeMap::new();
        let Ok(text) = std::fs::read_to_string(self.out.join(format!("search/t/{key}.txt"))) else {
            return found;
        };
        assert!(
            self.meta["shards"]
                .as_array()
                .unwrap()
                .iter()
                .any(|s| s == &key)
        );
        let endings: Vec<&str> = (self.meta["endings"].as_array().unwrap().iter())
            .map(|e| e.as_str().unwrap())
            .collect();
        for line in text.lines() {
            let mut parts = line.split('\t');
            let (stem, forms, postings) = (
                parts.next().unwrap(),
                parts.next().unwrap(),
                parts.next().unwrap(),
            );
            let mut bases = vec![stem.to_string()];
            for r in self.meta["rewrites"].as_array().unwrap() {
                let (from, to) = (r[0].as_str().unwrap(), r[1].as_str().unwrap());
                if let Some(head) = stem.strip_suffix(from) {
                    bases.push(format!("{head}{to}"));
                }
            }
            let stemmed = bases.iter().any(|b| {
                word == b
                    || word
                        .strip_prefix(b.as_str())
                        .is_some_and(|end| endings.contains(&end))
            });
            if !stemmed && !forms.split(' ').any(|f| f.starts_with(word)) {
                continue;
            }
            let mut id = 0;
            for p in postings.split(' ') {
                let (gap, score) = p.split_once(':').unwrap_or((p, "1"));
                id += gap.parse::<u64>().unwrap();
                *found.entry(id).or_default() += score.parse::<u64>().unwrap();
            }
        }
        found
    }

    fn doc(&self, id: u64) -> serde_json::Value {
        let chunk = self.meta["chunk"].as_u64().unwrap();
        let path = self.out.join(format!("search/d/{}.json", id / chunk));
        let docs: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
        docs[(id % chunk) as usize].clone()
    }

    /// The URLs found for `query` (words ANDed), best first.
    fn search(&self, query: &str) -> Vec<String> {
        let mut scores: Option<BTreeMap<u64, u64>> = None;
        for w in query.split_whitespace() {
            let found = self.lookup(&w.to_lowercase());
            scores = Some(match scores {
                None => found,
                Some(s) => s
                    .into_iter()
                    .filter_map(|(id, v)| found.get(&id).map(|f| (id, v + f)))
                    .collect(),
            });
        }
        let mut ranked: Vec<(u64, u64)> = scores.unwrap_or_default().into_iter().collect();
        ranked.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        ranked
            .into_iter()
            .map(|(id, _)| self.doc(id)[0].as_str().unwrap().to_string())
            .collect()
    }

    /// The URLs of the documents with filter value `key`.
    fn filter(&self, key: &str) -> BTreeSet<String> {
        let text = std::fs::read_to_string(self.out.join("search/filters.json")).unwrap();
        let filters: BTreeMap<String, Vec<u64>> = serde_json::from_str(&text).unwrap();
        ids(filters.get(key).map_or(&[][..], |v| v))
            .into_iter()
            .map(|id| self.doc(id)[0].as_str().unwrap().to_string())
            .collect()
    }
}

#[test]
fn a_name_puts_its_actor_first_and_a_prefix_finds_it() {
    let site = own_site();
    site.build();
    let index = Index::of(&site.out());
    for q in ["merz", "mer", "friedrich merz"] {
        let found = index.search(q);
        assert_eq!(
            found.first().map(String::as_str),
            Some("actors/friedrich-merz/"),
            "{q}: {found:?}"
        );
        assert!(
            found.len() > 1,
            "{q}: the article that names him is found too: {found:?}"
        );
    }
    // Forms of a word find each other through their stem.
    let supports = index.search("supports");
    let supporting = index.search("supporting");
    assert!(!supports.is_empty());
    assert_eq!(
        supports.iter().collect::<BTreeSet<_>>(),
        supporting.iter().collect::<BTreeSet<_>>()
    );
    assert!(index.search("zzzqqq").is_empty());
}

#[test]
fn stance_filters_are_exactly_the_actors_of_each_stance() {
    let site = TempSite::fixture("newsroom");
    site.build();
    let index = Index::of(&site.out());
    let mut checked = 0;
    for entry in std::fs::read_dir(site.out().join("positions")).unwrap() {
        let slug = entry.unwrap().file_name().into_string().unwrap();
        if slug == "page" || slug == "index.html" {
            continue;
        }
        let page = site.page(&format!("positions/{slug}/index.html"));
        for stance in ["supports", "opposes", "mixed", "unclear"] {
            // The actors the position's page lists under that stance …
            let listed: BTreeSet<String> = hrefs(&page, &format!(".group.s-{stance} a.actor"))
                .into_iter()
                .map(|h| h.trim_start_matches("../../").to_string())
                .collect();
            // … are exactly those the filter finds.
            assert_eq!(
                index.filter(&format!("stance:{stance}/{slug}")),
                listed,
                "{slug} {stance}"
            );
            let links = hrefs(&page, &format!(".group.s-{stance} .search-who a"));
            if listed.is_empty() {
                assert!(links.is_empty());
            } else {
                assert_eq!(
                    links,
                    [format!(
                        "../../search/?kind=actor&position={slug}&stance={stance}"
                    )]
                );
                checked += 1;
            }
        }
    }
    assert!(checked >= 2, "the fixture has stances: {checked}");
}

#[test]
fn every_page_has_the_box_and_only_the_search_page_runs_a_script() {
    let site = TempSite::fixture("newsroom");
    site.build();
    let out = site.out();
    let mut pages = 0;
    for entry in walkdir::WalkDir::new(&out) {
        let entry = entry.unwrap();
        if entry.path().extension().is_none_or(|e| e != "html") {
            continue;
        }
        let rel = entry
            .path()
            .strip_prefix(&out)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        let doc = site.page(&rel);
        let csp = doc
            .select(&sel("meta[http-equiv=Content-Security-Policy]"))
            .next()
            .unwrap()
            .attr("content")
            .unwrap()
            .to_string();
        let scripts: Vec<&str> = doc
            .select(&sel("script[src]"))
            .filter_map(|e| e.attr("src"))
            .collect();
        if rel == "search/index.html" {
            assert!(csp.contains("script-src 'self';"), "{csp}");
            assert_eq!(scripts, ["search.js"]);
        } else {
            assert!(csp.contains("script-src 'none';"), "{rel}: {csp}");
            assert!(scripts.is_empty(), "{rel}: {scripts:?}");
        }
        assert!(csp.contains("form-action 'self'"), "{rel}: {csp}");
        if rel == "404.html" {
            continue;
        }
        let form = doc
            .select(&sel("header form[role=search]"))
            .next()
            .unwrap_or_else(|| panic!("{rel}"));
        let depth = rel.matches('/').count();
        assert_eq!(
            form.attr("action"),
            Some(format!("{}search/", "../".repeat(depth)).as_str()),
            "{rel}"
        );
        assert_eq!(form.attr("method"), Some("get"));
        assert!(
            doc.select(&sel("header form input[name=q]"))
                .next()
                .is_some()
        );
        pages += 1;
    }
    assert!(pages > 10);
    let search = site.page("search/index.html");
    let nojs = search.select(&sel("noscript")).next().unwrap().inner_html();
    assert!(
        nojs.contains("JavaScript") && nojs.contains("../actors/"),
        "{nojs}"
    );
    assert!(
        std::fs::read_to_string(out.join("search/search.js"))
            .unwrap()
            .contains("meta.json")
    );
}

#[test]
fn the_index_is_the_same_bytes_every_build() {
    let read = |out: &Path| -> BTreeMap<String, Vec<u8>> {
        walkdir::WalkDir::new(out.join("search"))
            .into_iter()
            .map(|e| e.unwrap())
            .filter(|e| e.file_type().is_file())
            .map(|e| {
                (
                    e.path().strip_prefix(out).unwrap().display().to_string(),
                    std::fs::read(e.path()).unwrap(),
                )
            })
            .collect()
    };
    let a = TempSite::fixture("newsroom");
    a.build();
    let first = read(&a.out());
    std::fs::remove_dir_all(a.out()).unwrap();
    a.build();
    assert_eq!(read(&a.out()), first);
    assert!(
        first.keys().any(|k| k.starts_with("search/t/")),
        "{:?}",
        first.keys()
    );
}

#[test]
fn a_big_sites_filter_lists_offer_the_most_connected_only() {
    // 205 actors, of whom only the two of the story are named or hold a stance.
    let mut files: Vec<(String, String)> = common::small_site()
        .into_iter()
        .map(|(p, t)| (p.to_string(), t.to_string()))
        .collect();
    for i in 0..203 {
        files.push((
            format!("content/actors/extra-{i:03}.md"),
            format!("+++\nname = \"Extra Person {i:03}\"\nkind = \"person\"\n+++\n\nNobody.\n"),
        ));
    }
    let refs: Vec<(&str, &str)> = files
        .iter()
        .map(|(p, t)| (p.as_str(), t.as_str()))
        .collect();
    let site = TempSite::new(&refs);
    site.build();
    let page = site.page("search/index.html");
    let actors: Vec<String> = (page.select(&sel("#s-actor option")))
        .filter_map(|o| {
            o.value()
                .attr("value")
                .filter(|v| !v.is_empty())
                .map(str::to_string)
        })
        .collect();
    assert_eq!(actors.len(), 200, "{}", actors.len());
    // The connected ones are kept, and the list keeps its order.
    assert!(
        actors.contains(&"alice-smith".to_string()) && actors.contains(&"bob-jones".to_string())
    );
    let mut sorted = actors.clone();
    sorted.sort();
    assert_eq!(actors, sorted);
}

#[test]
fn the_search_pages_two_search_forms_have_names_of_their_own() {
    // Two search landmarks on one page must differ by name (axe: landmark-unique).
    let site = TempSite::fixture("newsroom");
    site.build();
    let page = site.page("search/index.html");
    let forms: Vec<Option<&str>> = (page.select(&sel("form[role=search]")))
        .map(|f| f.value().attr("aria-labelledby"))
        .collect();
    assert_eq!(forms, [None, Some("search-title")]);
    assert!(page.select(&sel("h1#search-title")).next().is_some());
}

/// An event's result said its day as `2025-08-15`, where every page writes "15 August
/// 2025", and a result was labelled with its kind's heading, "Events" (probe).
#[test]
fn a_result_says_its_day_as_pages_do_and_its_kind_in_the_singular() {
    let site = TempSite::new(&common::small_site());
    site.write(
        "content/events/summit.md",
        "+++\ndate = 2025-08-15\ntitle = \"The summit\"\n+++\n\nThe leaders met in Alaska.\n",
    );
    site.build();
    let index = Index::of(&site.out());
    let found = index.search("alaska");
    assert_eq!(found, ["timeline/#summit"]);
    let id = (0..)
        .find(|&i| index.doc(i)[0] == "timeline/#summit")
        .unwrap();
    assert_eq!(
        index.doc(id)[3],
        "15 August 2025 · The leaders met in Alaska."
    );
    let page = site.page("search/index.html");
    let ones: Vec<(&str, &str)> = page
        .select(&sel("input[name=kind]"))
        .map(|i| {
            (
                i.value().attr("value").unwrap(),
                i.value().attr("data-one").unwrap(),
            )
        })
        .collect();
    assert_eq!(
        ones,
        [
            ("article", "Article"),
            ("actor", "Actor"),
            ("position", "Position"),
            ("note", "Note"),
            ("event", "Event")
        ]
    );
}

/// An untitled note went by its passage in search and by `Context on "…"` on its page
/// (probe): one name everywhere.
#[test]
fn an_untitled_note_has_the_title_of_its_page() {
    let site = TempSite::fixture("search-cases");
    site.build();
    let index = Index::of(&site.out());
    let url = "articles/world/notes/niger/";
    let id = (0..).find(|&i| index.doc(i)[0] == url).unwrap();
    let page = site.page(&format!("{url}index.html"));
    let h1 = page
        .select(&sel("h1"))
        .next()
        .unwrap()
        .text()
        .collect::<String>();
    assert_eq!(index.doc(id)[2], h1.trim());
}
