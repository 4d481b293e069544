//! The map of who stands where: an SVG on the home, actor and position pages, its nodes
//! links, its lines the stances with a class per kind, described for screen readers,
//! bounded, and the same bytes on every build.

mod common;

use common::*;

fn map(doc: &scraper::Html) -> scraper::ElementRef<'_> {
    doc.select(&sel("figure.map > svg")).next().expect("a map")
}

fn names(svg: scraper::ElementRef, which: &str) -> Vec<String> {
    svg.select(&sel(&format!("a.{which} > title")))
        .map(text)
        .collect()
}

fn kinds(svg: scraper::ElementRef) -> Vec<String> {
    svg.select(&sel("g.edges > path"))
        .map(|p| p.value().attr("class").unwrap().to_string())
        .collect()
}

#[test]
fn the_home_map_draws_every_stance_with_links_a_title_and_a_description() {
    let site = TempSite::fixture("newsroom");
    site.build();
    let doc = site.page("index.html");
    let svg = map(&doc);
    let labelled = svg.value().attr("aria-labelledby").unwrap();
    assert_eq!(
        text(doc.select(&sel(&format!("#{labelled}"))).next().unwrap()),
        "Map of who stands where"
    );
    let desc = svg.value().attr("aria-describedby").unwrap();
    // Six stances of four actors: carbon tax 4, schools 2.
    let kinds = kinds(svg);
    assert_eq!(kinds.len(), 6, "{kinds:?}");
    let count = |k: &str| kinds.iter().filter(|c| *c == k).count();
    let said = text(doc.select(&sel(&format!("#{desc}"))).next().unwrap());
    assert!(
        said.starts_with("Lines join 4 actors to 2 positions"),
        "{said}"
    );
    for k in ["supports", "opposes", "mixed", "unclear"] {
        let label = format!(
            "{}{}: {}",
            &k[..1].to_uppercase(),
            &k[1..],
            count(&format!("s-{k}"))
        );
        assert!(said.contains(&label), "{said} lacks {label}");
    }
    // Every node links to its page, and the page exists.
    for a in svg.select(&sel("a")) {
        let href = a.value().attr("href").unwrap();
        assert!(site.out().join(href).join("index.html").exists(), "{href}");
    }
    let mut positions = names(svg, "p");
    positions.sort();
    assert_eq!(
        positions,
        ["A carbon tax on households", "More spending on schools"]
    );
    // The key names each kind drawn, and the matrix follows as the text alternative.
    let key: Vec<String> = doc.select(&sel(".map-key li")).map(text).collect();
    assert_eq!(key, ["Supports", "Opposes", "Mixed", "Unclear"]);
    assert!(
        doc.select(&sel("figure.map ~ .matrix-scroll table.matrix"))
            .next()
            .is_some()
    );
}

#[test]
fn an_actors_map_is_its_neighbourhood_and_a_positions_map_groups_by_stance() {
    let site = TempSite::fixture("newsroom");
    site.build();
    let doc = site.page("actors/jane-roe/index.html");
    let svg = map(&doc);
    let me: Vec<String> = svg.select(&sel("a.me > title")).map(text).collect();
    assert_eq!(me, ["Jane Roe"]);
    assert_eq!(names(svg, "p").len(), 2, "her two positions");
    assert!(names(svg, "a").len() > 1, "and the others on them");

    let doc = site.page("positions/carbon-tax/index.html");
    let svg = map(&doc);
    let me: Vec<String> = svg.select(&sel("a.me > title")).map(text).collect();
    assert_eq!(me, ["A carbon tax on households"]);
    // Supporters first, then opposition, then mixed: the page's order of groups.
    assert_eq!(
        kinds(svg),
        ["s-supports", "s-supports", "s-opposes", "s-mixed"]
    );
    let ys: Vec<i32> = svg
        .select(&sel("a.a > circle"))
        .map(|c| c.value().attr("cy").unwrap().parse().unwrap())
        .collect();
    assert!(ys.windows(2).all(|w| w[0] < w[1]), "{ys:?}");
}

#[test]
fn the_map_is_the_same_bytes_on_every_build_and_has_no_inline_style() {
    let read = |site: &TempSite, rel: &str| std::fs::read_to_string(site.out().join(rel)).unwrap();
    let a = TempSite::fixture("newsroom");
    a.build();
    let b = TempSite::fixture("newsroom");
    b.build();
    for rel in [
        "index.html",
        "actors/jane-roe/index.html",
        "positions/carbon-tax/index.html",
    ] {
        let (x, y) = (read(&a, rel), read(&b, rel));
        let svg = |s: &str| {
            s[s.find("<figure class=\"map\">").unwrap()..s.find("</figure>").unwrap()].to_string()
        };
        assert_eq!(svg(&x), svg(&y), "{rel}");
        assert!(!svg(&x).contains("style="), "{rel}");
    }
}

#[test]
fn a_big_sites_maps_are_bounded() {
    // 40 actors with a stance on each of 15 positions.
    let mut files: Vec<(String, String)> = vec![
        ("content/site.toml".into(), "title = \"Big\"\n".into()),
        (
            "content/articles/story.md".into(),
            "+++\ntitle = \"Story\"\ndate = 2025-01-02\n+++\n\nA story.\n".into(),
        ),
    ];
    let stances: String = (0..40)
        .map(|a| format!("[[stances]]\nactor = \"actor-{a:02}\"\nstance = \"{}\"\nsource_url = \"https://example.org/{a}\"\n\n", ["supports", "opposes", "mixed", "unclear"][a % 4]))
        .collect();
    for a in 0..40 {
        files.push((
            format!("content/actors/actor-{a:02}.md"),
            actor_with(&format!("Actor {a:02}"), ""),
        ));
    }
    for p in 0..15 {
        files.push((
            format!("content/positions/position-{p:02}.md"),
            format!("+++\ntitle = \"Position {p:02}\"\nsummary = \"S.\"\n\n{stances}+++\n\nWhy.\n"),
        ));
    }
    let refs: Vec<(&str, &str)> = files
        .iter()
        .map(|(a, b)| (a.as_str(), b.as_str()))
        .collect();
    let site = TempSite::new(&refs);
    site.build();
    for rel in [
        "index.html",
        "actors/actor-07/index.html",
        "positions/position-03/index.html",
    ] {
        let doc = site.page(rel);
        let svg = map(&doc);
        let (actors, positions) = (names(svg, "a").len(), names(svg, "p").len());
        assert!(
            actors <= 24 && positions <= 12,
            "{rel}: {actors} × {positions}"
        );
        assert_eq!(kinds(svg).len(), actors * positions, "{rel}");
    }
}

#[test]
fn the_link_check_reads_every_link_of_the_map() {
    let site = TempSite::fixture("newsroom");
    site.build();
    for rel in [
        "index.html",
        "actors/jane-roe/index.html",
        "positions/carbon-tax/index.html",
    ] {
        let html = std::fs::read_to_string(site.out().join(rel)).unwrap();
        let mut scanned = std::collections::BTreeSet::new();
        explainer::render::scan::attributes(&html, |attribute, value, _| {
            if attribute == explainer::render::scan::Attribute::Link {
                scanned.insert(value.into_owned());
            }
        });
        let doc = scraper::Html::parse_document(&html);
        let svg = map(&doc);
        for a in svg.select(&sel("a")) {
            let href = a.value().attr("href").unwrap();
            assert!(
                scanned.contains(href),
                "{rel}: the link check misses {href}"
            );
        }
        // The ids the map's ARIA names point at are there for the check of fragments too.
        let mut ids = std::collections::BTreeSet::new();
        explainer::render::scan::attributes(&html, |attribute, value, _| {
            if attribute == explainer::render::scan::Attribute::Id {
                ids.insert(value.into_owned());
            }
        });
        assert!(ids.contains("map-t") && ids.contains("map-d"), "{rel}");
    }
}
