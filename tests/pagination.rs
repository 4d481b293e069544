//! Long lists in pages: the articles index, an actor's articles, the actors and positions
//! indexes, a position's stances and the full matrix; their links, the sitemap, and the
//! page budget on a generated big site.

mod common;

use std::collections::{BTreeMap, BTreeSet};

use common::*;

/// A site of 7 articles, 6 actors and 5 positions, cut into pages of 2 with a home
/// matrix of at most 2 × 2.
fn paged_site() -> TempSite {
    let actors = ["ann-lee", "bo-ray", "cy-dow", "di-fox", "ed-gil", "fay-hu"];
    let mut files: Vec<(String, String)> = vec![(
        "content/site.toml".into(),
        "title = \"Paged\"\nbase_url = \"https://example.org/paged/\"\n\
         [pagination]\npage_size = 2\n[matrix]\nrows = 2\ncolumns = 2\n"
            .into(),
    )];
    for (i, slug) in actors.iter().enumerate() {
        let name: String = slug
            .split('-')
            .map(|w| w[..1].to_uppercase() + &w[1..])
            .collect::<Vec<_>>()
            .join(" ");
        let kind = ["person", "state", "organization"][i % 3];
        files.push((
            format!("content/actors/{slug}.md"),
            format!("+++\nname = \"{name}\"\nkind = \"{kind}\"\n+++\nProfile of {name}.\n"),
        ));
    }
    // Article k names Ann Lee in paragraphs 1 and 3, and Bo Ray in paragraph 2.
    for k in 1..=7 {
        files.push((
            format!("content/articles/story-{k}.md"),
            format!(
                "+++\ntitle = \"Story {k}\"\ndate = 2025-01-{k:02}\n+++\n\
                 Ann Lee spoke first in story {k}.\n\nBo Ray replied in story {k}.\n\n\
                 Ann Lee closed story {k}.\n"
            ),
        ));
    }
    // Position p has stances of actors p.. (five stances on the first position).
    let kinds = ["supports", "opposes", "mixed", "unclear", "supports"];
    for p in 0..5 {
        let mut text = format!("+++\ntitle = \"Position {p}\"\nsummary = \"Summary {p}.\"\n");
        for (j, actor) in actors.iter().enumerate().skip(p) {
            text.push_str(&format!(
                "[[stances]]\nactor = \"{actor}\"\nstance = \"{}\"\nsource_url = \"https://example.org/{p}/{j}\"\n",
                kinds[(j + p) % 5]
            ));
        }
        text.push_str("+++\nWhat it means.\n");
        files.push((format!("content/positions/position-{p}.md"), text));
    }
    let files: Vec<(&str, &str)> = files
        .iter()
        .map(|(p, t)| (p.as_str(), t.as_str()))
        .collect();
    let site = TempSite::new(&files);
    site.build();
    site
}

fn exists(site: &TempSite, rel: &str) -> bool {
    site.out().join(rel).is_file()
}

/// The `href` of `<link rel=REL>` in the head.
fn rel(doc: &scraper::Html, rel: &str) -> Option<String> {
    hrefs(doc, &format!("head link[rel={rel}]")).pop()
}

#[test]
fn the_articles_index_is_cut_into_linked_pages_newest_first() {
    let site = paged_site();
    let mut titles = Vec::new();
    for (n, file) in [
        "articles/index.html",
        "articles/page/2/index.html",
        "articles/page/3/index.html",
        "articles/page/4/index.html",
    ]
    .iter()
    .enumerate()
    {
        let doc = site.page(file);
        let shown: Vec<String> = doc.select(&sel("main .list > li > a")).map(text).collect();
        assert!(shown.len() <= 2, "{file}: {shown:?}");
        titles.extend(shown);
        // Page 1 has no previous page, the last no next one; the pager says the same.
        assert_eq!(rel(&doc, "prev").is_some(), n > 0, "{file}");
        assert_eq!(rel(&doc, "next").is_some(), n < 3, "{file}");
        assert_eq!(rel(&doc, "prev"), hrefs(&doc, ".pager a[rel=prev]").pop());
        assert_eq!(rel(&doc, "next"), hrefs(&doc, ".pager a[rel=next]").pop());
        let current = hrefs(&doc, ".pager a[aria-current=page]");
        assert_eq!(current.len(), 1, "{file}");
    }
    assert!(!exists(&site, "articles/page/5/index.html"));
    assert!(
        !exists(&site, "articles/page/1/index.html"),
        "page 1 is the list itself"
    );
    let want: Vec<String> = (1..=7).rev().map(|k| format!("Story {k}")).collect();
    assert_eq!(titles, want, "every article once, newest first");
    let two = site.page("articles/page/2/index.html");
    assert_eq!(rel(&two, "prev").as_deref(), Some("../../../articles/"));
    assert_eq!(
        rel(&two, "next").as_deref(),
        Some("../../../articles/page/3/")
    );
    assert_eq!(
        hrefs(&two, "head link[rel=canonical]"),
        ["https://example.org/paged/articles/page/2/"]
    );
    let title = text(two.select(&sel("title")).next().unwrap());
    assert!(title.starts_with("Articles, page 2 of 4"), "{title}");
    // The home page shows the first page and leads to the rest.
    let home = site.page("index.html");
    assert!(hrefs(&home, "#h-articles ~ .more a").contains(&"articles/".to_string()));
    assert_eq!(home.select(&sel(".start .list > li")).count(), 2);
}

#[test]
fn an_actor_lists_every_paragraph_naming_it_once_across_its_pages() {
    let site = paged_site();
    let mut paragraphs = BTreeSet::new();
    let mut pages = 0;
    for file in [
        "actors/ann-lee/index.html",
        "actors/ann-lee/page/2/index.html",
        "actors/ann-lee/page/3/index.html",
        "actors/ann-lee/page/4/index.html",
    ] {
        let doc = site.page(file);
        pages += 1;
        for h in hrefs(&doc, ".named a[href*='#p']") {
            assert!(paragraphs.insert(h.clone()), "{h} listed twice");
        }
        // The profile is on page 1 only; every page says whose articles they are.
        assert_eq!(
            doc.select(&sel(".infobox")).count(),
            usize::from(pages == 1)
        );
        assert_eq!(text(doc.select(&sel("h1")).next().unwrap()), "Ann Lee");
    }
    assert!(!exists(&site, "actors/ann-lee/page/5/index.html"));
    let want: BTreeSet<String> = (1..=7)
        .flat_map(|k| {
            let page = if k == 7 || k == 6 {
                "../../"
            } else {
                "../../../../"
            };
            [1, 3].map(|p| format!("{page}articles/story-{k}/#p{p}"))
        })
        .collect();
    assert_eq!(paragraphs, want);
    // An actor no article names has one page.
    assert!(exists(&site, "actors/fay-hu/index.html"));
    assert!(!exists(&site, "actors/fay-hu/page/2/index.html"));
}

#[test]
fn a_position_with_many_stances_shows_them_in_pages_and_links_each_where_it_is() {
    let site = paged_site();
    let files = [
        "positions/position-0/index.html",
        "positions/position-0/page/2/index.html",
        "positions/position-0/page/3/index.html",
    ];
    let mut stances = BTreeMap::new();
    for (n, file) in files.iter().enumerate() {
        let doc = site.page(file);
        for s in doc.select(&sel("li.stance[id]")) {
            stances.insert(s.value().attr("id").unwrap().to_string(), n + 1);
        }
        // The tally counts every stance of the position, on every page.
        let tally: Vec<String> = doc.select(&sel(".tally li")).map(text).collect();
        assert_eq!(
            tally,
            ["Supports 3", "Opposes 1", "Mixed 1", "Unclear 1"],
            "{file}"
        );
    }
    assert_eq!(stances.len(), 6, "{stances:?}");
    // A matrix cell and the tally lead to the page that holds the stance.
    for page in ["index.html", "matrix/index.html"] {
        let doc = site.page(page);
        for h in hrefs(&doc, "td a") {
            let Some(rest) = h.split("positions/position-0/").nth(1) else {
                continue;
            };
            let (page, id) = rest.split_once('#').unwrap();
            let n = page
                .strip_prefix("page/")
                .map_or(1, |p| p.trim_end_matches('/').parse().unwrap());
            assert_eq!(stances.get(id), Some(&n), "{h}");
        }
    }
}

#[test]
fn the_home_matrix_is_bounded_and_the_whole_matrix_is_in_linked_pages() {
    let site = paged_site();
    let home = site.page("index.html");
    let columns = home.select(&sel(".matrix thead th[scope=col] a")).count();
    let rows = home.select(&sel(".matrix tbody tr")).count();
    assert_eq!((columns, rows), (2, 2));
    assert_eq!(hrefs(&home, "#h-matrix ~ .hint a"), ["matrix/"]);
    // Every stance of the site is a cell of exactly one page of the full matrix.
    let mut cells = BTreeSet::new();
    let mut n = 1;
    loop {
        let file = if n == 1 {
            "matrix/index.html".to_string()
        } else {
            format!("matrix/page/{n}/index.html")
        };
        if !exists(&site, &file) {
            break;
        }
        let doc = site.page(&file);
        assert!(
            hrefs(&doc, ".crumbs a")
                .contains(&if n == 1 { "../" } else { "../../../" }.to_string()),
            "{file} leads home"
        );
        for row in doc.select(&sel(".matrix tbody tr")) {
            let actor = text(row.select(&sel("th")).next().unwrap());
            for cell in row.select(&sel("td a")) {
                let href = cell.value().attr("href").unwrap();
                let position = href.split("positions/").nth(1).unwrap().split('/').next();
                assert!(
                    cells.insert((actor.clone(), position.unwrap().to_string())),
                    "{actor} on {position:?} twice"
                );
            }
        }
        n += 1;
    }
    // Position p has the stances of actors p.. of six.
    assert_eq!(cells.len(), 6 + 5 + 4 + 3 + 2, "{cells:?}");
    assert!(n > 2, "the matrix takes more than one page");
    // A position page leads to its part of the matrix.
    let p = site.page("positions/position-4/index.html");
    let link = hrefs(&p, ".more a").pop().unwrap();
    assert!(link.contains("matrix/"), "{link}");
}

#[test]
fn the_sitemap_lists_every_page_and_only_pages() {
    let site = paged_site();
    let xml = std::fs::read_to_string(site.out().join("sitemap.xml")).unwrap();
    let listed: BTreeSet<String> = xml
        .split("<loc>")
        .skip(1)
        .map(|l| l.split("</loc>").next().unwrap().to_string())
        .collect();
    let pages: BTreeSet<String> = walkdir::WalkDir::new(site.out())
        .into_iter()
        .map(|e| e.unwrap())
        .filter(|e| e.file_name() == "index.html")
        .map(|e| {
            let rel = e.path().strip_prefix(site.out()).unwrap();
            let rel = rel.to_string_lossy().replace('\\', "/");
            format!(
                "https://example.org/paged/{}",
                rel.trim_end_matches("index.html")
            )
        })
        .collect();
    assert_eq!(listed, pages);
    assert!(listed.contains("https://example.org/paged/actors/ann-lee/page/4/"));
    assert!(listed.contains("https://example.org/paged/matrix/page/2/"));
}

#[test]
fn a_small_site_shows_everything_on_its_home_page() {
    let site = TempSite::fixture("newsroom");
    site.build();
    assert!(!exists(&site, "matrix/index.html"));
    assert!(!exists(&site, "articles/page/2/index.html"));
    let home = site.page("index.html");
    assert!(home.select(&sel(".more")).next().is_none());
    // A site of one article needs no index of articles: its home page is one.
    let single = TempSite::fixture("single");
    single.build();
    assert!(!exists(&single, "articles/index.html"));
    assert!(exists(&site, "articles/index.html"));
}

#[test]
fn page_sizes_are_checked_where_they_are_written() {
    let site = TempSite::new(&[(
        "content/site.toml",
        "title = \"T\"\n[pagination]\npage_size = 0\n[matrix]\nrows = \"ten\"\ncolumns = 51\n",
    )]);
    assert_eq!(
        site.errors(),
        [
            "error: content/site.toml:3: page_size must be a whole number from 1 to 1000",
            "error: content/site.toml:5: rows must be a whole number from 1 to 500, not a string",
            "error: content/site.toml:6: columns must be a whole number from 1 to 50",
        ]
    );
}

#[test]
fn no_page_of_a_generated_big_site_is_over_its_budget() {
    let dir = tempfile::tempdir().unwrap();
    let generator = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("bench/gen.py");
    let status = std::process::Command::new("python3")
        .arg(generator)
        .args(["--articles", "2000", "--actors", "150", "--positions", "40"])
        .args(["--seed", "3", "--out"])
        .arg(dir.path())
        .status()
        .unwrap();
    assert!(status.success());
    let site = TempSite { dir };
    site.build();
    let mut pages = 0;
    let mut largest = (0, String::new());
    for e in walkdir::WalkDir::new(site.out()) {
        let e = e.unwrap();
        if e.path().extension().is_some_and(|x| x == "html") {
            pages += 1;
            let size = e.metadata().unwrap().len();
            if size > largest.0 {
                largest = (size, e.path().display().to_string());
            }
        }
    }
    assert!(pages > 2000, "{pages} pages");
    assert!(largest.0 <= 300 * 1024, "{largest:?}");
    // The most named actor's articles take several pages.
    assert!(
        walkdir::WalkDir::new(site.out().join("actors"))
            .into_iter()
            .any(|e| e.unwrap().path().ends_with("page/3/index.html"))
    );
}

#[test]
fn a_stance_note_on_a_further_page_leads_where_it_was_written_to_lead() {
    // A position's second page showed a stance note's `../../actors/…` from
    // `positions/talks/page/2/` (a broken link, blamed on the template), and its
    // broken `#id` was reported against the template.
    let site = TempSite::new(&small_site());
    site.write(
        "content/site.toml",
        "title = \"Small\"\n[pagination]\npage_size = 1\n",
    );
    let position = |note: &str| {
        format!(
            "+++\ntitle = \"Hold talks\"\nsummary = \"Talk first.\"\n\n[[stances]]\nactor = \"alice-smith\"\nstance = \"supports\"\nquote = \"Alice Smith met Bob Jones.\"\n\n[[stances]]\nactor = \"bob-jones\"\nstance = \"opposes\"\nquote = \"Bob Jones left early.\"\nnote = \"{note}\"\n+++\n\nWhy talks matter.\n"
        )
    };
    site.write(
        "content/positions/talks.md",
        &position("See [Alice](../../actors/alice-smith/)."),
    );
    site.build();
    let page = site.page("positions/talks/page/2/index.html");
    let links = hrefs(&page, ".stance a");
    assert!(
        links.contains(&"../../../../actors/alice-smith/".to_string()),
        "{links:?}"
    );
    site.write(
        "content/positions/talks.md",
        &position("See [the record](#nope)."),
    );
    let errors = site.errors();
    assert_eq!(errors.len(), 1, "{errors:#?}");
    assert!(
        errors[0].starts_with("error: content/positions/talks.md:14: links to \"#nope\""),
        "{errors:#?}"
    );
}
