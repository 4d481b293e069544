//! Share cards: one PNG per article, actor and position, named by the page's Open Graph
//! tags; the same bytes each build; drawn again only when their inputs change; off with
//! `cards = false`; and no text ever outside the card's safe area.

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use common::{TempSite, sel};
use explainer::render::cards::{Card, Drawer, HEIGHT, MARGIN, WIDTH};

/// Every card file of the built site, by output path.
fn cards(out: &Path) -> BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(out)
        .sort_by_file_name()
        .into_iter()
        .map(|e| e.unwrap())
        .filter(|e| e.file_name() == "card.png")
        .map(|e| {
            let rel = e
                .path()
                .strip_prefix(out)
                .unwrap()
                .to_string_lossy()
                .into_owned();
            (rel, std::fs::read(e.path()).unwrap())
        })
        .collect()
}

fn cache_dir(site: &TempSite) -> PathBuf {
    site.root().join("public.cards-cache")
}

fn meta(doc: &scraper::Html, attr: &str, name: &str) -> Option<String> {
    doc.select(&sel(&format!("meta[{attr}=\"{name}\"]")))
        .next()
        .and_then(|m| m.value().attr("content").map(str::to_string))
}

#[test]
fn every_article_actor_and_position_has_a_card_its_page_names() {
    let site = TempSite::fixture("newsroom");
    let report = site.build();
    let out = site.out();
    let cards = cards(&out);
    let mut pages = 0;
    for section in ["articles", "actors", "positions"] {
        for entry in std::fs::read_dir(out.join(section)).unwrap() {
            let entry = entry.unwrap();
            if !entry.file_type().unwrap().is_dir() {
                continue;
            }
            let slug = entry.file_name().to_string_lossy().into_owned();
            let path = format!("{section}/{slug}/card.png");
            let png = cards.get(&path).unwrap_or_else(|| panic!("no {path}"));
            let size = imagesize::blob_size(png).unwrap();
            assert_eq!((size.width, size.height), (1200, 630), "{path}");
            let doc = site.page(&format!("{section}/{slug}/index.html"));
            assert_eq!(
                meta(&doc, "property", "og:image").as_deref(),
                Some(format!("https://news.example.org/explainers/{path}").as_str()),
                "{section}/{slug}: only pages without a picture of their own are in the fixture"
            );
            assert_eq!(
                meta(&doc, "property", "og:image:width").as_deref(),
                Some("1200")
            );
            assert_eq!(
                meta(&doc, "property", "og:image:height").as_deref(),
                Some("630")
            );
            let alt = meta(&doc, "property", "og:image:alt").unwrap();
            let title = common::text(doc.select(&sel("h1")).next().unwrap());
            assert!(alt.contains(title.trim()), "{alt} / {title}");
            assert_eq!(
                meta(&doc, "name", "twitter:card").as_deref(),
                Some("summary_large_image")
            );
            if section == "articles" {
                // The article's structured data names the same picture.
                let script = doc
                    .select(&sel("script[type='application/ld+json']"))
                    .next()
                    .unwrap()
                    .inner_html();
                let ld: serde_json::Value = serde_json::from_str(&script).unwrap();
                let article = &ld["@graph"][0];
                assert_eq!(article["@type"], "NewsArticle");
                assert_eq!(
                    article["image"]["url"].as_str(),
                    meta(&doc, "property", "og:image").as_deref(),
                    "{slug}"
                );
                assert_eq!(article["image"]["width"], 1200);
            }
            pages += 1;
        }
    }
    assert_eq!(pages, cards.len());
    assert!(pages >= 10, "{pages}");
    // A position's card draws its tally, and the alt text says it too.
    let doc = site.page("positions/carbon-tax/index.html");
    assert_eq!(
        meta(&doc, "property", "og:image:alt").as_deref(),
        Some(
            "Position: A carbon tax on households · The Budget Explained · Supports: 2 · Opposes: 1 · Mixed: 1"
        )
    );
    assert!(
        report.cards.map(|c| c.note()) == Some(format!("{pages} cards drawn, 0 from the cache")),
        "{:?}",
        report.cards
    );
}

#[test]
fn cards_are_the_same_bytes_every_build_and_a_changed_title_redraws_only_its_card() {
    let site = TempSite::fixture("newsroom");
    site.build();
    let first = cards(&site.out());
    // From an empty cache: drawn again, byte for byte the same.
    std::fs::remove_dir_all(cache_dir(&site)).unwrap();
    let again = site.build();
    assert_eq!(cards(&site.out()), first);
    assert_eq!(again.cards.map(|c| c.cached), Some(0));
    // Warm: nothing drawn.
    let warm = site.build();
    let n = first.len();
    assert!(
        warm.cards.map(|c| c.note()) == Some(format!("0 cards drawn, {n} from the cache")),
        "{:?}",
        warm.cards
    );
    assert_eq!(cards(&site.out()), first);
    // One title changed: one card drawn, the rest from the cache.
    let article = site.root().join("content/articles");
    let file = std::fs::read_dir(&article)
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    let text = std::fs::read_to_string(&file).unwrap();
    let text = text.replacen("title = \"", "title = \"Changed: ", 1);
    std::fs::write(&file, text).unwrap();
    let changed = site.build();
    assert!(
        changed.cards.map(|c| c.note()) == Some(format!("1 card drawn, {} from the cache", n - 1)),
        "{:?}",
        changed.cards
    );
    let now = cards(&site.out());
    let differ: Vec<&String> = now.keys().filter(|k| now[*k] != first[*k]).collect();
    assert_eq!(differ.len(), 1, "{differ:?}");
    // The cache keeps only the cards the site has.
    let entries = std::fs::read_dir(cache_dir(&site))
        .unwrap()
        .filter(|e| {
            e.as_ref()
                .unwrap()
                .file_name()
                .to_string_lossy()
                .ends_with(".png")
        })
        .count();
    assert_eq!(entries, n);
}

#[test]
fn a_cache_that_is_corrupt_or_of_another_version_is_drawn_again_not_trusted() {
    let site = TempSite::fixture("newsroom");
    site.build();
    let first = cards(&site.out());
    let dir = cache_dir(&site);
    let mut entries: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "png"))
        .collect();
    entries.sort();
    // A card cut short, and one replaced by something else: both drawn again. (The
    // output's files may be links to the cache's: write new files, do not edit them.)
    let cut = std::fs::read(&entries[0]).unwrap();
    std::fs::remove_file(&entries[0]).unwrap();
    std::fs::write(&entries[0], &cut[..cut.len() / 2]).unwrap();
    std::fs::remove_file(&entries[1]).unwrap();
    std::fs::write(&entries[1], b"not a picture").unwrap();
    let report = site.build();
    let n = first.len();
    assert!(
        report.cards.map(|c| c.note()) == Some(format!("2 cards drawn, {} from the cache", n - 2)),
        "{:?}",
        report.cards
    );
    assert_eq!(cards(&site.out()), first);
    // A cache another version wrote: every card drawn again.
    std::fs::write(dir.join("VERSION"), "explainer 0.0.0 cards 0").unwrap();
    let report = site.build();
    assert!(
        report.cards.map(|c| c.note()) == Some(format!("{n} cards drawn, 0 from the cache")),
        "{:?}",
        report.cards
    );
    assert_eq!(cards(&site.out()), first);
}

#[test]
fn cards_false_draws_none_and_the_pages_say_summary() {
    let site = TempSite::fixture("newsroom");
    let toml = site.root().join("content/site.toml");
    let text = std::fs::read_to_string(&toml).unwrap();
    std::fs::write(&toml, text.replacen("\n", "\ncards = false\n", 1)).unwrap();
    let report = site.build();
    assert!(cards(&site.out()).is_empty());
    assert!(!cache_dir(&site).exists());
    assert_eq!(report.cards, None);
    let doc = site.page("positions/carbon-tax/index.html");
    assert_eq!(meta(&doc, "property", "og:image"), None);
    assert_eq!(
        meta(&doc, "name", "twitter:card").as_deref(),
        Some("summary")
    );
}

#[test]
fn a_site_without_a_base_url_draws_no_cards() {
    let site = TempSite::new(&common::small_site());
    let report = site.build();
    assert!(cards(&site.out()).is_empty());
    assert!(!cache_dir(&site).exists());
    assert_eq!(report.cards, None);
}

#[test]
fn cards_that_is_not_true_or_false_is_an_error_at_its_line() {
    let mut files = common::small_site();
    files[0] = (
        "content/site.toml",
        "title = \"Small\"\nbase_url = \"https://example.org/\"\ncards = \"yes\"\n",
    );
    let site = TempSite::new(&files);
    let errors = site.errors();
    assert!(
        errors
            .iter()
            .any(|e| e.starts_with("error: content/site.toml:3:")),
        "{errors:?}"
    );
}

#[test]
fn a_site_card_template_replaces_the_built_in_one_and_its_errors_name_its_line() {
    let site = TempSite::fixture("newsroom");
    site.build();
    let built_in = cards(&site.out());
    let template = explainer::render::cards::DEFAULT_TEMPLATE.replace("#fdfcfa", "#202020");
    site.write("templates/card.svg", &template);
    site.build();
    let themed = cards(&site.out());
    assert_eq!(themed.len(), built_in.len());
    assert!(themed.iter().all(|(k, v)| built_in[k] != *v));
    site.write("templates/card.svg", "<svg>\n{% endif %}\n</svg>\n");
    let report = explainer::build(&site.options()).unwrap();
    let errors: Vec<String> = report.diagnostics.iter().map(|d| d.to_string()).collect();
    assert!(
        errors
            .iter()
            .any(|e| e.starts_with("error: templates/card.svg:2:")),
        "{errors:?}"
    );
}

/// The boxes of the card's texts, laid out by usvg, in the order the template writes
/// them: the outlines of their letters, and their layout boxes.
fn text_boxes(drawer: &Drawer, card: &Card) -> Vec<(f32, f32, f32, f32)> {
    let svg = drawer.svg(card).unwrap();
    let tree = drawer.tree(&svg).unwrap();
    let mut out = Vec::new();
    for node in tree.root().children() {
        if let resvg::usvg::Node::Text(text) = node {
            for b in [text.abs_bounding_box(), text.flattened().abs_bounding_box()] {
                out.push((b.left(), b.top(), b.right(), b.bottom()));
            }
        }
    }
    out
}

#[test]
fn no_text_leaves_the_safe_area_whatever_the_title() {
    let drawer = Drawer::new(explainer::render::cards::DEFAULT_TEMPLATE).unwrap();
    let titles = [
        // The longest title of the benchmark corpus, and of the project's own site.
        "Independent Pharmaceutical Foundation and Independent Energy Network clash over plan to nationalise minimum standards",
        "Trump Closes NATO Door on Ukraine, Setting Stage for Diplomatic Crossroads",
        &"W".repeat(300),
        &"Antidisestablishmentarianism ".repeat(40),
        "مجلس الوزراء يقر الميزانية بعد مفاوضات طويلة بين أحزاب الائتلاف الحاكم حول الضرائب والإنفاق على المدارس والمستشفيات",
        &"预算案在联合政府各党派之间经过长时间谈判后获得通过".repeat(4),
        &"🎉🔥💸".repeat(50),
        &"Ṩ̃̈ỹ̈ Q̣̈̃ ".repeat(30),
        "A",
    ];
    for rtl in [false, true] {
        for title in titles {
            let card = Card {
                kind: "Position".into(),
                title: title.to_string(),
                site:
                    "The Budget Explained, a very long name of a newsroom's explainer site indeed"
                        .into(),
                tally: Some(
                    "Supports: 1200 · Opposes: 3400 · Mixed: 560 · Unclear: 78 · ".repeat(3),
                ),
                rtl,
            };
            let boxes = text_boxes(&drawer, &card);
            assert_eq!(boxes.len(), 8, "kind, title, tally, site: {title}");
            for (l, t, r, b) in &boxes {
                assert!(
                    *l >= MARGIN - 1.0 && *r <= WIDTH as f32 - MARGIN + 1.0,
                    "{title:.40} (rtl {rtl}): {l}..{r} wider than the card's safe area"
                );
                assert!(
                    *t >= MARGIN / 2.0 && *b <= HEIGHT as f32 - MARGIN / 2.0,
                    "{title:.40} (rtl {rtl}): {t}..{b} taller than the card's safe area"
                );
            }
            // No block runs into the next: kind, title, tally, site, top to bottom.
            for pair in boxes.chunks(2).collect::<Vec<_>>().windows(2) {
                let bottom = pair[0][0].3.max(pair[0][1].3);
                let top = pair[1][0].1.min(pair[1][1].1);
                assert!(bottom <= top, "{title:.40} (rtl {rtl}): blocks overlap");
            }
        }
    }
}

#[test]
fn right_to_left_cards_are_set_from_the_right_edge() {
    let drawer = Drawer::new(explainer::render::cards::DEFAULT_TEMPLATE).unwrap();
    let card = |rtl| Card {
        kind: "موقف".into(),
        title: "ضريبة الكربون".into(),
        site: "الميزانية".into(),
        tally: None,
        rtl,
    };
    let right = text_boxes(&drawer, &card(true));
    // Letters stand a little inside their advance: within a few pixels of the edge.
    assert!(
        right.iter().all(|b| b.2 > WIDTH as f32 - MARGIN - 8.0),
        "{right:?}"
    );
    let left = text_boxes(
        &drawer,
        &Card {
            kind: "Position".into(),
            title: "A carbon tax".into(),
            site: "The budget".into(),
            ..card(false)
        },
    );
    assert!(left.iter().all(|b| b.0 < MARGIN + 8.0), "{left:?}");
    assert!(left.iter().all(|b| b.2 < WIDTH as f32 / 2.0), "{left:?}");
}

#[test]
fn a_positions_card_tallies_its_stances_in_words_and_numbers() {
    let drawer = Drawer::new(explainer::render::cards::DEFAULT_TEMPLATE).unwrap();
    let site = TempSite::fixture("newsroom");
    let (prepared, _) = explainer::prepare(&site.options()).unwrap();
    let prepared = prepared.unwrap();
    let all = explainer::render::cards::cards_of(&prepared.site, &prepared.templates.strings);
    let (_, card) = all
        .iter()
        .find(|(p, _)| p == "positions/carbon-tax/card.png")
        .unwrap();
    assert_eq!(
        card.tally.as_deref(),
        Some("Supports: 2 · Opposes: 1 · Mixed: 1")
    );
    assert!(
        drawer
            .svg(card)
            .unwrap()
            .contains("Supports: 2 · Opposes: 1 · Mixed: 1")
    );
}

#[test]
fn check_finds_the_card_template_errors_that_build_stops_at() {
    // Probe: a card template that names an unknown variable, or makes no SVG, passed
    // check and then failed the build.
    let site = TempSite::fixture("newsroom");
    for (template, want) in [
        (
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"1200\" height=\"630\">\n<text>{{ nope.x }}</text>\n</svg>\n",
            "error: templates/card.svg:",
        ),
        (
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"1200\" height=\"630\"><text>{{ title }}\n",
            "error: templates/card.svg:1: the card template does not make an SVG",
        ),
    ] {
        site.write("templates/card.svg", template);
        let errors = site.errors();
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert!(errors[0].starts_with(want), "{errors:?}");
    }
    site.write(
        "templates/card.svg",
        explainer::render::cards::DEFAULT_TEMPLATE,
    );
    assert_eq!(site.errors(), Vec::<String>::new());
    // Without a base URL no card is drawn, but the Pages workflow's build has one: a
    // site's own template is checked all the same (it passed `check`, then failed the
    // deployment).
    let site = TempSite::new(&common::small_site());
    site.write(
        "templates/card.svg",
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"1200\" height=\"630\">\n<rect\n",
    );
    let errors = site.errors();
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(
        errors[0]
            .starts_with("error: templates/card.svg:1: the card template does not make an SVG"),
        "{errors:?}"
    );
    // With cards turned off, it is not read.
    site.write("content/site.toml", "title = \"Small\"\ncards = false\n");
    assert_eq!(site.errors(), Vec::<String>::new());
}
