//! The project's own site (content/ at the top of the repository): it builds clean,
//! holds what the explainer promises its readers, and every page keeps to its budget.

mod common;

use common::*;

#[test]
fn builds_without_a_warning() {
    let site = own_site();
    let report = site.build();
    assert!(report.diagnostics.is_empty(), "{:#?}", report.diagnostics);
}

const BASE: &str = "https://your-org.github.io/explainer/";

/// Every HTML page of `out` with the stylesheets it links weighs at most 60 KiB.
fn pages_within_60_kib(out: &std::path::Path) {
    let mut checked = 0;
    for entry in walkdir::WalkDir::new(out) {
        let entry = entry.unwrap();
        if entry.path().extension().is_none_or(|e| e != "html") {
            continue;
        }
        let html = std::fs::read_to_string(entry.path()).unwrap();
        let doc = scraper::Html::parse_document(&html);
        let folder = entry.path().parent().unwrap();
        let sheets: u64 = (doc.select(&sel("link[rel=stylesheet]")))
            .map(|l| {
                let href = l.value().attr("href").unwrap();
                // 404.html links by absolute URL when there is a base URL.
                let file = match href.strip_prefix(BASE) {
                    Some(path) => out.join(path),
                    None => folder.join(href),
                };
                std::fs::metadata(&file).unwrap().len()
            })
            .sum();
        assert!(sheets > 0, "{}: no stylesheet", entry.path().display());
        let weight = html.len() as u64 + sheets;
        assert!(
            weight <= 60 * 1024,
            "{}: {weight} bytes with its stylesheets",
            entry.path().display()
        );
        checked += 1;
    }
    assert!(checked > 20, "{checked} pages");
}

#[test]
fn every_page_with_its_stylesheets_is_at_most_60_kib() {
    let site = own_site();
    site.build();
    pages_within_60_kib(&site.out());
}

#[test]
fn every_page_with_its_stylesheets_is_at_most_60_kib_with_a_base_url() {
    // With a base URL the page carries absolute URLs (canonical, Open Graph, JSON-LD).
    let site = own_site();
    let options = explainer::Options {
        base_url: Some(BASE.into()),
        ..site.options()
    };
    let report = explainer::build(&options).unwrap();
    assert!(!report.has_errors(), "{:#?}", report.diagnostics);
    pages_within_60_kib(&site.out());
}

#[test]
fn the_explainer_holds_its_promised_content() {
    let site = own_site();
    site.build();
    let count = |dir: &str| {
        std::fs::read_dir(site.root().join("content").join(dir))
            .unwrap()
            .count()
    };
    assert!(count("actors") >= 14, "actors");
    assert!(count("positions") >= 7, "positions");
    assert!(count("annotations") >= 14, "annotations");
    let article = site.page("articles/us-rules-out-ukraine-nato-entry/index.html");
    let fact_checks: Vec<_> = article.select(&sel("aside.fact-check")).collect();
    assert!(fact_checks.len() >= 5, "fact-checks: {}", fact_checks.len());
    for note in fact_checks {
        let external = note.select(&sel("a[href^='http']")).count();
        assert!(external >= 1, "a fact-check cites a source: {}", text(note));
    }
    // The article's error about the German chancellor is corrected where it stands.
    let scholz = article
        .select(&sel("mark"))
        .find(|m| text(*m).contains("Olaf Scholz"))
        .expect("the Scholz passage is annotated");
    let id = scholz
        .value()
        .attr("id")
        .unwrap()
        .trim_start_matches("mark-")
        .to_string();
    let note = article.select(&sel(&format!("#note-{id}"))).next().unwrap();
    assert!(text(note).contains("Merz"), "{}", text(note));
}

#[test]
fn the_seed_articles_picture_line_is_a_caption() {
    let site = own_site();
    site.build();
    let article = site.page("articles/us-rules-out-ukraine-nato-entry/index.html");
    // The original's picture is not reproduced: its picture line and caption are the
    // caption of the figure that stands for it, so that readers see what the note on
    // the "summit in Washington" corrects.
    let caption = article
        .select(&sel("header figure.picture > figcaption"))
        .next()
        .expect("the picture's caption");
    let lines: Vec<String> = caption.select(&sel("p")).map(text).collect();
    assert_eq!(
        lines,
        [
            "The original's picture (not shown here): President Trump, NATO, Ukraine summit in Washington",
            "The future of Ukraine’s security at a diplomatic crossroads, with Trump’s decision shaping next phase of U.S.–Europe relations.",
        ]
    );
}
