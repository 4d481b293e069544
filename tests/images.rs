//! End-to-end: the lead picture of an article and the picture of an actor (`image`):
//! its markup (the real size of a PNG under static/, how it loads, its caption and
//! credit), the stylesheet that keeps it on a narrow screen, JSON-LD and Open Graph, the
//! hosts `[images] allow` opens, and a picture measured again when it changes.
//! (`image_input.rs` has what is wrong with a picture, and the credits `import` keeps.)

mod common;

use common::*;
use scraper::Html;
use serde_json::json;

fn attr(page: &Html, selector: &str, name: &str) -> Option<String> {
    let el = page
        .select(&sel(selector))
        .next()
        .unwrap_or_else(|| panic!("no {selector}"));
    el.value().attr(name).map(str::to_string)
}

/// The JSON-LD of a page.
fn json_ld(page: &Html) -> serde_json::Value {
    let script = page
        .select(&sel("script[type='application/ld+json']"))
        .next()
        .unwrap();
    serde_json::from_str(&script.text().collect::<String>()).unwrap()
}

/// The node of `page`'s JSON-LD graph of type `kind`.
fn node(page: &Html, kind: &str) -> serde_json::Value {
    let ld = json_ld(page);
    ld["@graph"]
        .as_array()
        .and_then(|g| g.iter().find(|n| n["@type"] == kind).cloned())
        .unwrap_or_else(|| panic!("no {kind} in {ld}"))
}

fn meta(page: &Html, property: &str) -> Option<String> {
    page.select(&sel(&format!("meta[property='{property}']")))
        .next()
        .and_then(|m| m.value().attr("content").map(str::to_string))
}

#[test]
fn a_lead_picture_has_its_real_size_loads_first_and_shows_its_caption_and_credit() {
    let site = site_with_picture(&[(
        ARTICLE,
        &article_with(
            "picture = \"Leaders at the table\"\nimage = { src = \"images/talks.png\", alt = \"Nine leaders around a table\", credit = \"Photo: Jo Ng/Example\" }\nimage_caption = \"A day of talks.\"\n",
        ),
    )]);
    site.build();
    let page = site.page("articles/story/index.html");
    let img = "header figure.lead-image > img";
    let got: Vec<Option<String>> = [
        "src",
        "alt",
        "width",
        "height",
        "loading",
        "fetchpriority",
        "decoding",
        "referrerpolicy",
    ]
    .iter()
    .map(|a| attr(&page, img, a))
    .collect();
    let want = [
        Some("../../images/talks.png"),
        Some("Nine leaders around a table"),
        Some("800"),
        Some("450"),
        Some("eager"),
        Some("high"),
        Some("async"),
        None,
    ];
    assert_eq!(got, want.map(|w| w.map(str::to_string)));
    assert!(site.out().join("images/talks.png").is_file());
    let caption = |s: &str| {
        page.select(&sel(&format!("figure.lead-image > figcaption > {s}")))
            .map(text)
            .collect::<Vec<_>>()
    };
    assert_eq!(caption("p.pic"), ["Leaders at the table"]);
    assert_eq!(caption("p.caption"), ["A day of talks."]);
    assert_eq!(caption("small.credit"), ["Photo: Jo Ng/Example"]);
    assert_eq!(page.select(&sel("img")).count(), 1);
    assert_eq!(page.select(&sel("figure.picture")).count(), 0);
}

#[test]
fn the_stylesheet_keeps_a_picture_within_a_narrow_screen_in_either_scheme() {
    let site = site_with_picture(&[]);
    site.build();
    // Article pages load style.css; actor pages (the portrait) overview.css after it.
    let css = ["style.css", "overview.css"]
        .map(|f| std::fs::read_to_string(site.out().join(f)).unwrap())
        .concat();
    // Each rule as (selectors, declarations).
    let rules: Vec<(Vec<&str>, Vec<&str>)> = css
        .split('}')
        .filter_map(|r| r.rsplit_once('{'))
        .map(|(s, d)| {
            let selectors = s.rsplit('{').next().unwrap_or(s);
            (
                selectors.split(',').map(str::trim).collect(),
                d.split(';').map(str::trim).collect(),
            )
        })
        .collect();
    for selector in ["img", ".lead-image img", ".portrait img"] {
        let fits = rules.iter().any(|(s, d)| {
            s.contains(&selector) && d.contains(&"max-width:100%") && d.contains(&"height:auto")
        });
        assert!(fits, "{selector} is not kept to the width of the screen");
    }
    // Its placeholder and its credit take the colours of the scheme in use.
    let themed = |selector: &str, declaration: &str| {
        rules
            .iter()
            .any(|(s, d)| s.contains(&selector) && d.contains(&declaration))
    };
    assert!(themed(".lead-image img", "background:var(--soft)"));
    assert!(themed(".credit", "color:var(--mute)"));
    assert!(css.contains("@media (prefers-color-scheme:dark){:root{"));
}

#[test]
fn a_given_size_wins_and_one_side_alone_keeps_the_proportions() {
    let site = site_with_picture(&[
        (
            ARTICLE,
            &article_with(
                "image = { src = \"/images/talks.png\", alt = \"Talks\", width = 400 }\n",
            ),
        ),
        (
            ACTOR,
            &actor_with(
                "Alice Smith",
                "image = { src = \"images/talks.png\", alt = \"Alice\", width = 300, height = 300 }\n",
            ),
        ),
    ]);
    site.build();
    let page = site.page("articles/story/index.html");
    let size = |page: &Html, img: &str| {
        (
            attr(page, img, "width").unwrap(),
            attr(page, img, "height").unwrap(),
        )
    };
    assert_eq!(
        size(&page, "figure.lead-image img"),
        ("400".into(), "225".into())
    );
    let profile = site.page("actors/alice-smith/index.html");
    assert_eq!(
        size(&profile, "figure.portrait img"),
        ("300".into(), "300".into())
    );
}

/// Open Graph and schema.org ask for the size of the file, which platforms fetch and
/// crop; the size a page shows it at is the `<img>`'s alone.
#[test]
fn a_picture_shown_smaller_is_named_by_its_files_size() {
    let site = site_with_picture(&[
        (
            "content/site.toml",
            "title = \"Small\"\nbase_url = \"https://e.org/\"\n",
        ),
        (
            ARTICLE,
            &article_with("image = { src = \"images/talks.png\", alt = \"Talks\", width = 400 }\n"),
        ),
    ]);
    site.build();
    let page = site.page("articles/story/index.html");
    assert_eq!(
        attr(&page, "figure.lead-image img", "width").as_deref(),
        Some("400")
    );
    assert_eq!(meta(&page, "og:image:width").as_deref(), Some("800"));
    assert_eq!(meta(&page, "og:image:height").as_deref(), Some("450"));
    let image = &node(&page, "NewsArticle")["image"];
    assert_eq!(
        (&image["width"], &image["height"]),
        (&json!(800), &json!(450))
    );
}

#[test]
fn an_actor_shows_its_picture_at_the_top_of_its_infobox() {
    let site = site_with_picture(&[(
        ACTOR,
        &actor_with(
            "Alice Smith",
            "image = { src = \"images/talks.png\", alt = \"Alice Smith in 2024\", credit = \"Photo: Example\" }\n",
        ),
    )]);
    site.build();
    let page = site.page("actors/alice-smith/index.html");
    let first = page
        .select(&sel("aside.infobox > *"))
        .next()
        .expect("an infobox");
    assert_eq!(first.value().name(), "figure");
    let img = "aside.infobox > figure.portrait > img";
    assert_eq!(
        attr(&page, img, "src").as_deref(),
        Some("../../images/talks.png")
    );
    assert_eq!(
        attr(&page, img, "alt").as_deref(),
        Some("Alice Smith in 2024")
    );
    assert_eq!(attr(&page, img, "width").as_deref(), Some("800"));
    assert_eq!(attr(&page, img, "height").as_deref(), Some("450"));
    assert_eq!(attr(&page, img, "loading").as_deref(), Some("eager"));
    assert_eq!(attr(&page, img, "fetchpriority"), None);
    let credit = page
        .select(&sel("figure.portrait figcaption small.credit"))
        .map(text)
        .collect::<Vec<_>>();
    assert_eq!(credit, ["Photo: Example"]);
}

#[test]
fn json_ld_and_open_graph_name_a_picture_only_by_an_absolute_url() {
    let files = [
        (
            ARTICLE,
            article_with(
                "image = { src = \"images/talks.png\", alt = \"Talks\", credit = \"Photo: Jo Ng\" }\nimage_caption = \"A day of talks.\"\n",
            ),
        ),
        (
            ACTOR,
            actor_with(
                "Alice Smith",
                "image = { src = \"images/talks.png\", alt = \"Alice\" }\n",
            ),
        ),
    ];
    let files: Vec<(&str, &str)> = files.iter().map(|(p, t)| (*p, t.as_str())).collect();
    let site = site_with_picture(&files);
    site.build();
    let page = site.page("articles/story/index.html");
    let ld = json_ld(&page);
    assert_eq!(ld["@graph"][0]["@type"], "NewsArticle");
    assert!(ld["@graph"][0].get("image").is_none(), "{ld}");
    assert_eq!(meta(&page, "og:image"), None);
    assert_eq!(
        attr(&page, "meta[name='twitter:card']", "content").as_deref(),
        Some("summary")
    );
    assert!(
        node(&site.page("actors/alice-smith/index.html"), "Person")
            .get("image")
            .is_none()
    );

    site.write(
        "content/site.toml",
        "title = \"Small\"\nbase_url = \"https://e.org/site/\"\n",
    );
    site.build();
    let page = site.page("articles/story/index.html");
    assert_eq!(
        json_ld(&page)["@graph"][0]["image"],
        serde_json::json!({
            "@type": "ImageObject",
            "url": "https://e.org/site/images/talks.png",
            "width": 800,
            "height": 450,
            "caption": "A day of talks.",
            "creditText": "Photo: Jo Ng",
        })
    );
    assert_eq!(
        meta(&page, "og:image").as_deref(),
        Some("https://e.org/site/images/talks.png")
    );
    assert_eq!(meta(&page, "og:image:width").as_deref(), Some("800"));
    assert_eq!(meta(&page, "og:image:height").as_deref(), Some("450"));
    assert_eq!(meta(&page, "og:image:alt").as_deref(), Some("Talks"));
    assert_eq!(
        attr(&page, "meta[name='twitter:card']", "content").as_deref(),
        Some("summary_large_image")
    );
    let profile = site.page("actors/alice-smith/index.html");
    assert_eq!(
        node(&profile, "Person")["image"]["url"],
        "https://e.org/site/images/talks.png"
    );
    assert_eq!(
        meta(&profile, "og:image").as_deref(),
        Some("https://e.org/site/images/talks.png")
    );
}

#[test]
fn an_svg_picture_leaves_the_preview_to_the_share_card() {
    // og:image named the SVG, which platforms do not show, and the card went unused.
    let site = site_with_picture(&[
        (
            "content/site.toml",
            "title = \"Small\"\nbase_url = \"https://e.org/site/\"\n",
        ),
        (
            ACTOR,
            &actor_with(
                "Alice Smith",
                "image = { src = \"images/flag.svg\", alt = \"A flag\", width = 30, height = 20 }\n",
            ),
        ),
    ]);
    site.write(
        "static/images/flag.svg",
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"30\" height=\"20\"></svg>",
    );
    site.build();
    let profile = site.page("actors/alice-smith/index.html");
    assert_eq!(
        meta(&profile, "og:image").as_deref(),
        Some("https://e.org/site/actors/alice-smith/card.png")
    );
    assert_eq!(meta(&profile, "og:image:width").as_deref(), Some("1200"));
    // The page still shows the picture, and its structured data names it.
    assert_eq!(
        node(&profile, "Person")["image"]["url"],
        "https://e.org/site/images/flag.svg"
    );
}

#[test]
fn an_allowed_host_serves_a_picture_of_the_size_given() {
    let site = site_with_picture(&[
        (
            "content/site.toml",
            "title = \"Small\"\n[images]\nallow = [\"*.wikimedia.org\", \"Photos.Example.org\"]\n",
        ),
        (
            ARTICLE,
            &article_with(
                "image = { src = \"https://upload.wikimedia.org/a/b/Talks.jpg\", alt = \"Talks\", width = 1200, height = 800 }\n",
            ),
        ),
    ]);
    site.build();
    let page = site.page("articles/story/index.html");
    let img = "figure.lead-image > img";
    assert_eq!(
        attr(&page, img, "src").as_deref(),
        Some("https://upload.wikimedia.org/a/b/Talks.jpg")
    );
    assert_eq!(attr(&page, img, "width").as_deref(), Some("1200"));
    assert_eq!(
        attr(&page, img, "referrerpolicy").as_deref(),
        Some("no-referrer")
    );
    // The page's own policy lets the browser load it, from the allowed hosts alone.
    let csp = attr(
        &page,
        "meta[http-equiv='Content-Security-Policy']",
        "content",
    )
    .unwrap();
    assert!(
        csp.contains("img-src 'self' data: https://*.wikimedia.org https://photos.example.org;"),
        "{csp}"
    );
    // Its URL is absolute without a base URL.
    assert_eq!(
        json_ld(&page)["@graph"][0]["image"]["url"],
        "https://upload.wikimedia.org/a/b/Talks.jpg"
    );
    // Elsewhere the policy is as strict as ever.
    let other = TempSite::new(&small_site());
    other.build();
    let csp = attr(
        &other.page("index.html"),
        "meta[http-equiv='Content-Security-Policy']",
        "content",
    )
    .unwrap();
    assert!(csp.contains("img-src 'self' data:;"), "{csp}");
}

#[test]
fn serve_measures_a_picture_again_when_it_is_replaced_under_its_name() {
    let site = site_with_picture(&[(
        ARTICLE,
        &article_with("image = { src = \"images/talks.png\", alt = \"Talks\" }\n"),
    )]);
    let opts = site.options();
    let mut caches = explainer::Caches::default();
    let mut earlier = None;
    let (first, diags, _) =
        explainer::prepare_after(&opts, Some(&mut caches), &mut earlier).unwrap();
    assert!(diags.is_empty(), "{diags:#?}");
    let size = |p: &explainer::Prepared| {
        let image = p.site.articles["story"].image.as_ref().unwrap();
        (image.width, image.height)
    };
    let first = first.unwrap();
    assert_eq!(size(&first), (800, 450));
    // Only the picture changed, as `serve` tells it after a save.
    std::fs::write(site.root().join("static/images/talks.png"), png(400, 300)).unwrap();
    caches.changed = Some(["static/images/talks.png".to_string()].into());
    let mut earlier = Some(first);
    let (second, diags, _) =
        explainer::prepare_after(&opts, Some(&mut caches), &mut earlier).unwrap();
    assert!(diags.is_empty(), "{diags:#?}");
    assert_eq!(size(&second.unwrap()), (400, 300));
}
