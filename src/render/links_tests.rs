//! Tests of the link check.

use super::*;

fn resolved(page: &str, link: &str, base_url: Option<&str>) -> Option<(String, Option<String>)> {
    let mut target = String::new();
    let fragment = resolve(page, link, base_url, &mut target)?;
    Some((target, fragment.map(str::to_string)))
}

#[test]
fn a_link_from_the_domains_root_leads_to_no_file_of_the_site() {
    assert_eq!(
        resolved("actors/x/index.html", "/x.png", None),
        Some(("/x.png".into(), None))
    );
    assert_eq!(
        resolved("index.html", "/actors/x/#bio", None),
        Some(("/actors/x/index.html".into(), Some("bio".into())))
    );
    assert_eq!(
        resolved("index.html", "https://e.org/a/", Some("https://e.org/")),
        Some(("a/index.html".into(), None))
    );
}

#[test]
fn resolves_relative_links() {
    assert_eq!(
        resolved("actors/x/index.html", "../../", None),
        Some(("index.html".into(), None))
    );
    assert_eq!(
        resolved("actors/x/index.html", "../../articles/a/#p2", None),
        Some(("articles/a/index.html".into(), Some("p2".into())))
    );
    assert_eq!(
        resolved("actors/x/index.html", "#p2", None),
        Some(("actors/x/index.html".into(), Some("p2".into())))
    );
    assert_eq!(
        resolved("index.html", "style.css", None),
        Some(("style.css".into(), None))
    );
    assert_eq!(
        resolved("index.html", "actors", None),
        Some(("actors/index.html".into(), None))
    );
    assert_eq!(resolved("index.html", "https://e.org/", None), None);
    assert_eq!(resolved("index.html", "mailto:a@b", None), None);
    assert_eq!(
        resolved(
            "404.html",
            "https://e.org/r/actors/",
            Some("https://e.org/r/")
        ),
        Some(("actors/index.html".into(), None))
    );
    assert_eq!(
        resolved("404.html", "https://e.org/r/", Some("https://e.org/r/")),
        Some(("index.html".into(), None))
    );
    // Above the root: no file of the site (probe-3 N2).
    assert_eq!(
        resolved("index.html", "../../etc", None),
        Some(("../../etc/index.html".into(), None))
    );
}

#[test]
fn reports_missing_targets_and_ids() {
    let files = SiteFiles::new(["index.html", "a/index.html"]);
    let mut pages = BTreeMap::new();
    pages.insert(
        "index.html".to_string(),
        scan_page(
            "index.html",
            r#"<a href="a/">a</a><a href="a/#p9">b</a><a href="a/#p1">b</a><a href="zz/">c</a>"#,
            None,
            &files,
        ),
    );
    pages.insert(
        "a/index.html".to_string(),
        scan_page("a/index.html", r#"<p id="p1">"#, None, &files),
    );
    let origins = Origins::default();
    let template = |p: &str, _: &[&str]| (p.to_string(), 1);
    let blame = Blame {
        written: &origins,
        template: &template,
        base_url: None,
    };
    let d = check(&pages, &blame, None, None);
    assert_eq!(d.len(), 2, "{d:?}");
    assert!(
        d.iter()
            .any(|d| d.to_string().contains("\"zz/\", which is not in the site"))
    );
    assert!(
        d.iter()
            .any(|d| d.to_string().contains("a/index.html has no id=\"p9\""))
    );
    let only: BTreeSet<String> = ["a/index.html".to_string()].into();
    let d = check(&pages, &blame, Some(&only), None);
    assert_eq!(d.len(), 1, "only the link into a/ is checked again: {d:?}");
    let d = check(&pages, &blame, Some(&only), Some(&only));
    assert_eq!(d.len(), 0, "only the links of a/: {d:?}");
}
