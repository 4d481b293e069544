//! Every template error of a site in one run: the syntax errors of several templates,
//! what Tera finds once they parse (a missing include, an unknown filter), and what a
//! site template fails on while rendering, whatever errors the content has beside them.

mod common;

use common::*;

#[test]
fn a_syntax_error_hides_no_missing_include_of_another_template() {
    // Probe: one run said the syntax error, the next the missing include.
    let site = TempSite::new(&small_site());
    site.write("templates/position.html", "{% if %}\n");
    site.write(
        "templates/actors.html",
        "<p>\n{% include \"missing.html\" %}\n",
    );
    site.write(
        "templates/article.html",
        "{% extends \"base.html\" %}{% block main %}\n{{ article.title | nofilter }}{% endblock %}\n",
    );
    let errors = site.errors();
    let places: Vec<&str> = errors
        .iter()
        .map(|e| e.split(": template error").next().unwrap())
        .collect();
    assert_eq!(
        places,
        [
            "error: templates/actors.html:2",
            "error: templates/article.html:2",
            "error: templates/position.html:1"
        ],
        "{errors:#?}"
    );
    assert!(errors[0].contains("missing.html"), "{errors:#?}");
    assert!(errors[1].contains("nofilter"), "{errors:#?}");
}

#[test]
fn a_broken_base_template_is_not_reported_again_by_those_that_extend_it() {
    let site = TempSite::new(&small_site());
    site.write("templates/base.html", "<html>{% block main %}\n{% if %}\n");
    site.write("templates/partial.html", "{% for %}\n");
    site.write(
        "templates/actor.html",
        "{% include \"partial.html\" %}{{ actor.name }}\n",
    );
    let errors = site.errors();
    let places: Vec<&str> = errors
        .iter()
        .map(|e| e.split(": template error").next().unwrap())
        .collect();
    assert_eq!(
        places,
        [
            "error: templates/base.html:2",
            "error: templates/partial.html:1"
        ],
        "{errors:#?}"
    );
}

#[test]
fn a_content_error_hides_no_error_of_a_site_template() {
    // Probe: with a broken link in a position, a template that fails on a variable
    // it does not have was said only once the link was fixed.
    let site = TempSite::new(&small_site());
    site.write(
        "templates/actor.html",
        "{% extends \"base.html\" %}{% block main %}\n{{ nosuchvar }}{% endblock %}\n",
    );
    site.write(
        "content/positions/talks.md",
        &std::fs::read_to_string(site.root().join("content/positions/talks.md"))
            .unwrap()
            .replace("+++\n\n", "+++\n\nSee [[nope]].\n\n"),
    );
    let errors = site.errors();
    assert!(
        errors
            .iter()
            .any(|e| e.starts_with("error: content/positions/talks.md:") && e.contains("nope")),
        "{errors:#?}"
    );
    assert!(
        errors.iter().any(
            |e| e.starts_with("error: templates/actor.html:2: template error: ")
                && e.contains("nosuchvar")
        ),
        "{errors:#?}"
    );
}
