//! What a site shows where it has nothing yet: a sentence that says so, in the site's
//! words, never a heading over an empty list, and never the words of a one-article site
//! on a site of several.

mod common;

use common::*;

/// The text of the first element `selector` selects on the page `rel` of `site`.
fn first(site: &TempSite, rel: &str, selector: &str) -> String {
    let doc = site.page(rel);
    let found = doc.select(&sel(selector)).next();
    text(found.unwrap_or_else(|| panic!("{rel}: no {selector}")))
}

#[test]
fn a_list_with_nothing_in_it_says_so() {
    // The home page showed "Actors" and "Positions" over empty lists.
    let site = TempSite::new(&[
        ("content/site.toml", "title = \"Empty\"\n"),
        (
            "content/articles/story.md",
            "+++\ntitle = \"Story\"\ndate = 2025-01-02\n+++\n\nNothing to say yet.\n",
        ),
    ]);
    site.build();
    let home = site.page("index.html");
    for (section, none) in [
        ("h-positions", "No positions yet."),
        ("h-actors", "No people, states or organisations yet."),
    ] {
        let heading = format!("section[aria-labelledby={section}]");
        let section_el = home.select(&sel(&heading)).next().unwrap();
        assert_eq!(section_el.select(&sel("li")).count(), 0);
        let said = section_el.select(&sel("p.none")).next().map(text);
        assert_eq!(said.as_deref(), Some(none), "{section}");
    }
    assert_eq!(
        first(&site, "positions/index.html", "main p.none"),
        "No positions yet."
    );
}

#[test]
fn an_actor_no_article_names_is_named_in_no_article() {
    // On a site of two articles: "In the article" and "Not named in the article.".
    let site = TempSite::new(&[
        ("content/site.toml", "title = \"Two\"\n"),
        (
            "content/articles/one.md",
            "+++\ntitle = \"One\"\ndate = 2025-01-02\n+++\n\nNothing to say yet.\n",
        ),
        (
            "content/articles/two.md",
            "+++\ntitle = \"Two\"\ndate = 2025-01-03\n+++\n\nStill nothing.\n",
        ),
        (
            "content/actors/ada-lane.md",
            "+++\nname = \"Ada Lane\"\nkind = \"person\"\n+++\n\nA profile.\n",
        ),
    ]);
    site.build();
    let page = "actors/ada-lane/index.html";
    assert_eq!(first(&site, page, "#h-mentions"), "In the articles");
    assert_eq!(
        first(&site, page, "section[aria-labelledby=h-mentions] p.none"),
        "Not named in any article."
    );
    // With one article, the one article.
    std::fs::remove_file(site.root().join("content/articles/two.md")).unwrap();
    site.build();
    assert_eq!(first(&site, page, "#h-mentions"), "In the article");
    assert_eq!(
        first(&site, page, "section[aria-labelledby=h-mentions] p.none"),
        "Not named in the article."
    );
}

/// An article with nothing under its front matter built a page with a headline alone,
/// without a word.
#[test]
fn an_article_without_text_is_warned_about_at_its_front_matters_end() {
    for body in ["", "\n", "\n  \n\t\n"] {
        let site = TempSite::new(&[
            ("content/site.toml", "title = \"Empty\"\n"),
            (
                "content/articles/story.md",
                &format!("+++\ntitle = \"Story\"\ndate = 2025-01-02\n+++{body}"),
            ),
        ]);
        assert_eq!(
            site.diagnostics(),
            [
                "warning: content/articles/story.md:4: the article has no text: its page would show the headline alone (write the article below the closing +++, or make one of a text file with `explainer import`)"
            ],
            "{body:?}"
        );
    }
}

/// With no article at all, a stance's quote and a note were dropped without a word:
/// `check` passed, and the site showed the stance without its evidence (probe).
#[test]
fn a_quote_on_a_site_without_articles_is_an_error_at_its_line() {
    let site = TempSite::new(&[
        ("content/site.toml", "title = \"Empty\"\n"),
        (
            "content/actors/ana.md",
            "+++\nname = \"Ana\"\nkind = \"person\"\n+++\n\nx\n",
        ),
        (
            "content/positions/p.md",
            "+++\ntitle = \"P\"\nsummary = \"S\"\n\n[[stances]]\nactor = \"ana\"\nstance = \"supports\"\nquote = \"words nobody wrote\"\n+++\n\nx\n",
        ),
        (
            "content/annotations/n.md",
            "+++\nquote = \"also nowhere\"\nkind = \"context\"\n+++\n\nnote\n",
        ),
    ]);
    let hint = "(add the article under content/articles/ (`explainer import` makes one of a text file), or remove the quote)";
    assert_eq!(
        site.errors(),
        [
            format!(
                "error: content/annotations/n.md:2: the site has no article, so this quote is found nowhere {hint}"
            ),
            format!(
                "error: content/positions/p.md:8: the site has no article, so this quote is found nowhere {hint}"
            ),
        ]
    );
}
