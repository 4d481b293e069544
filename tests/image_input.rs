//! End-to-end: every wrong picture (`image`, `[images] allow`) reported at its key with
//! the exact message, and the credit lines of a picture that `import` keeps.

mod common;

use common::*;

#[test]
fn each_wrong_picture_is_reported_at_its_key() {
    let a =
        |name: &str, image: &str| (format!("content/actors/{name}.md"), actor_with(name, image));
    let files = vec![
        (
            "content/site.toml".to_string(),
            "title = \"Small\"\n[images]\nallow = [\"photos.example.org\", \"https://bad.example\"]\n".to_string(),
        ),
        a("no-alt", "image = { src = \"images/talks.png\" }\n"),
        a("empty-alt", "image = { src = \"images/talks.png\", alt = \" \" }\n"),
        a("no-file", "image = { src = \"images/nope.png\", alt = \"A\" }\n"),
        a("a-folder", "image = { src = \"images\", alt = \"A\" }\n"),
        a("from-root", "image = { src = \"static/images/talks.png\", alt = \"A\" }\n"),
        a("climbs", "image = { src = \"../content/site.toml\", alt = \"A\" }\n"),
        // Probe: a `..` that stays in static/ was said to lead out of it.
        a("stays-in", "image = { src = \"images/../images/./talks.png\", alt = \"A\" }\n"),
        a("plain-http", "image = { src = \"http://photos.example.org/a.png\", alt = \"A\" }\n"),
        a("other-host", "image = { src = \"https://cdn.example.com/a.png\", alt = \"A\" }\n"),
        a("no-size", "image = { src = \"https://photos.example.org/a.png\", alt = \"A\", width = 10 }\n"),
        // Probe D15: the page's policy would block these.
        a("a-port", "image = { src = \"https://photos.example.org:8443/a.png\", alt = \"A\", width = 10, height = 10 }\n"),
        a("a-user", "image = { src = \"https://me@photos.example.org/a.png\", alt = \"A\", width = 10, height = 10 }\n"),
        a("drawing", "[image]\nsrc = \"images/map.svg\"\nalt = \"A map\"\n"),
        a("not-a-picture", "image = { src = \"notes.png\", alt = \"A\" }\n"),
        a("cut-short", "image = { src = \"short.png\", alt = \"A\" }\n"),
        // Probe: a whole header with nothing after it, and text saved as .svg, passed.
        a("header-only", "image = { src = \"header.png\", alt = \"A\" }\n"),
        a("text-svg", "image = { src = \"text.svg\", alt = \"A\", width = 4, height = 3 }\n"),
        a("typo", "image = { src = \"images/talks.png\", alt = \"A\", caption = \"C\" }\n"),
        a("zero", "image = { src = \"images/talks.png\", alt = \"A\", width = 0 }\n"),
        a("quoted", "image = { src = \"images/talks.png\", alt = \"A\", height = \"450\" }\n"),
        a("a-string", "image = \"images/talks.png\"\n"),
        (
            ARTICLE.to_string(),
            article_with("image = { src = \"images/talks.png\", alt = \"A\", credit = \"Photo: X\" }\nimage_credit = \"Photo: Y\"\n"),
        ),
    ];
    let files: Vec<(&str, &str)> = files
        .iter()
        .map(|(p, t)| (p.as_str(), t.as_str()))
        .collect();
    let site = site_with_picture(&files);
    site.write(
        "static/images/map.svg",
        "<svg xmlns=\"http://www.w3.org/2000/svg\"/>\n",
    );
    site.write("static/notes.png", "Only some text, not a picture.\n");
    std::fs::write(site.root().join("static/short.png"), &png(8, 8)[..20]).unwrap();
    // The signature and the IHDR chunk: 33 bytes.
    std::fs::write(site.root().join("static/header.png"), &png(8, 8)[..33]).unwrap();
    site.write("static/text.svg", "Not found\n");
    assert_eq!(
        site.errors(),
        [
            "error: content/actors/a-folder.md:4: image src \"images\": static/images is a folder, not a picture (save the picture under static/ and give its path from there, e.g. src = \"images/lead.jpg\")",
            "error: content/actors/a-port.md:4: image src \"https://photos.example.org:8443/a.png\" names port 8443, and pages load pictures from other hosts on https's own port only (remove the port, or save the picture under static/ and give its path)",
            "error: content/actors/a-string.md:4: image must be a table, not a string (write image = { src = \"…\", alt = \"…\" })",
            "error: content/actors/a-user.md:4: image src \"https://me@photos.example.org/a.png\" holds a user name or password (write the whole address, e.g. https://upload.wikimedia.org/…)",
            "error: content/actors/climbs.md:4: image src \"../content/site.toml\" leads out of static/ (give the path from static/, e.g. src = \"images/lead.jpg\")",
            "error: content/actors/cut-short.md:4: image src \"short.png\": static/short.png is cut short or damaged, so its size cannot be read (save the picture again)",
            "error: content/actors/drawing.md:4: image src \"images/map.svg\" is an SVG, whose size in pixels the build does not read: give width and height (its size in pixels, e.g. width = 1200, height = 800)",
            "error: content/actors/empty-alt.md:4: image alt is empty (say what the picture shows, for readers who cannot see it)",
            "error: content/actors/from-root.md:4: image src \"static/images/talks.png\": there is no file static/static/images/talks.png (write src = \"images/talks.png\": the path is read from static/)",
            "error: content/actors/header-only.md:4: image src \"header.png\": static/header.png is cut short or damaged, so its size cannot be read (save the picture again)",
            "error: content/actors/no-alt.md:4: missing key \"alt\" in an image (add alt = \"…\" (what the picture shows, for readers who cannot see it))",
            "error: content/actors/no-file.md:4: image src \"images/nope.png\": there is no file static/images/nope.png (save the picture there, or correct the path, which is read from static/)",
            "error: content/actors/no-size.md:4: image src \"https://photos.example.org/a.png\" is on another host, so the build cannot read its size: give width and height (its size in pixels, e.g. width = 1200, height = 800)",
            "error: content/actors/not-a-picture.md:4: image src \"notes.png\": static/notes.png is not a PNG, JPEG, GIF, WebP or AVIF image, so its size cannot be read (save it in one of these formats (an SVG needs width and height))",
            "error: content/actors/other-host.md:4: image src \"https://cdn.example.com/a.png\" is on cdn.example.com, and pages load nothing from other hosts unless content/site.toml allows it (save the picture under static/ and give its path, or allow its host in content/site.toml: [images] allow = [\"cdn.example.com\"])",
            "error: content/actors/plain-http.md:4: image src \"http://photos.example.org/a.png\" is neither a file under static/ nor an https:// URL (save the picture under static/ and give its path from there, e.g. src = \"images/lead.jpg\")",
            "error: content/actors/quoted.md:4: image height must be a whole number of pixels, not a string (write the number without quotes, e.g. height = 1200)",
            "error: content/actors/text-svg.md:4: image src \"text.svg\": static/text.svg is not an SVG image: no <svg> element in the SVG namespace (save the picture again as SVG, or as PNG, JPEG, WebP or AVIF)",
            "error: content/actors/typo.md:4: unknown key \"caption\" in an image (the keys of an image are src, alt, credit, width, height)",
            "error: content/actors/zero.md:4: image width is not a size in pixels (write a whole number, 1 or more, e.g. width = 1200)",
            "error: content/articles/story.md:5: image_credit and the credit of image both say who made the picture (keep one of them)",
            "error: content/site.toml:3: allow \"https://bad.example\" is not a host name (write the host alone, e.g. \"upload.wikimedia.org\"; \"*.example.org\" allows every subdomain of example.org)",
        ]
    );
}

/// Imports `text` into a site of its own; returns the site and the article written.
fn import(text: &str) -> (TempSite, String) {
    let site = TempSite::new(&[("content/site.toml", "title = \"t\"\n")]);
    let txt = site.root().join("in.txt");
    std::fs::write(&txt, text).unwrap();
    let args = [
        "import",
        txt.to_str().unwrap(),
        "--date",
        "2025-08-18",
        "--slug",
        "news",
    ];
    let o = explainer(&args, site.root());
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let md = std::fs::read_to_string(site.root().join("content/articles/news.md")).unwrap();
    (site, md)
}

#[test]
fn import_keeps_the_credit_of_the_picture_wherever_the_header_gives_it() {
    let body = "\n\nAlice Smith spoke.\n\nBob Jones listened.\n";
    let front = |keys: &str| {
        format!(
            "+++\ntitle = \"Big News\"\n{keys}date = 2025-08-18\n+++\n\nAlice Smith spoke.\n\nBob Jones listened.\n"
        )
    };
    // A line of its own after the caption.
    let (site, md) = import(&format!(
        "Big News\n\nThe standfirst.\nLeaders at the table.\nA day of talks.\nPhoto: AP/Evan Vucci{body}"
    ));
    assert_eq!(
        md,
        front(
            "dek = \"The standfirst.\"\npicture = \"Leaders at the table.\"\nimage_caption = \"A day of talks.\"\nimage_credit = \"Photo: AP/Evan Vucci\"\n"
        )
    );
    // What import writes builds, and the page shows the credit with the caption.
    site.build();
    let page = site.page("articles/news/index.html");
    let credit: Vec<String> = page
        .select(&sel("figure.picture figcaption small.credit"))
        .map(text)
        .collect();
    assert_eq!(credit, ["Photo: AP/Evan Vucci"]);
    // In brackets at the end of the caption.
    let (_, md) = import(&format!(
        "Big News\n\nThe standfirst.\nLeaders at the table.\nA day of talks on Monday. (AP Photo/Evan Vucci){body}"
    ));
    assert_eq!(
        md,
        front(
            "dek = \"The standfirst.\"\npicture = \"Leaders at the table.\"\nimage_caption = \"A day of talks on Monday.\"\nimage_credit = \"AP Photo/Evan Vucci\"\n"
        )
    );
    // In place of the picture line, and after the caption too.
    let (_, md) = import(&format!(
        "Big News\n\nThe standfirst.\nPicture: Kevin Lamarque / Reuters\nA day of talks (Photo by Jim Watson/AFP){body}"
    ));
    assert_eq!(
        md,
        front(
            "dek = \"The standfirst.\"\nimage_caption = \"A day of talks\"\nimage_credit = \"Picture: Kevin Lamarque / Reuters; Photo by Jim Watson/AFP\"\n"
        )
    );
    // A header without a credit reads as before, and so does a line that only names
    // photos.
    let (_, md) = import(&format!(
        "Big News\n\nThe standfirst.\nPhotos of the summit.\nA day of talks.{body}"
    ));
    assert_eq!(
        md,
        front(
            "dek = \"The standfirst.\"\npicture = \"Photos of the summit.\"\nimage_caption = \"A day of talks.\"\n"
        )
    );
}
