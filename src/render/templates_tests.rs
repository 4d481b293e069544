//! Loading templates: the links they write, the names they include, the engine kept.

use super::*;

#[test]
fn patterns_of_template_links() {
    assert_eq!(pattern_score("{{ root }}about/", "../../about/"), Some(6));
    assert_eq!(pattern_score("{{ root }}about/", "../../other/"), None);
    assert_eq!(pattern_score("about/", "about/"), Some(7));
    assert_eq!(
        pattern_score(
            "{{ root }}articles/{{ a.slug }}/#p{{ n }}",
            "articles/x/#p9"
        ),
        Some(12)
    );
    assert_eq!(pattern_score("{{ u }}", "anything"), Some(0));
}

#[test]
fn the_engine_is_made_again_only_for_other_templates_or_words() {
    let dir = tempfile::tempdir().unwrap();
    let mut engines: Engines = None;
    let load_now = |engines: &mut Engines| {
        let (t, diags) = load(dir.path(), Default::default(), Some(engines)).unwrap();
        assert!(diags.is_empty(), "{diags:?}");
        t.unwrap()
    };
    let first = load_now(&mut engines);
    let again = load_now(&mut engines);
    assert!(std::sync::Arc::ptr_eq(&first.tera, &again.tera));
    // A template of the site's own: a new engine, which has it.
    std::fs::create_dir(dir.path().join("templates")).unwrap();
    std::fs::write(
        dir.path().join("templates/404.html"),
        "<p>Nothing at this address.</p>",
    )
    .unwrap();
    let changed = load_now(&mut engines);
    assert!(!std::sync::Arc::ptr_eq(&again.tera, &changed.tera));
    let page = changed
        .tera
        .render("404.html", &tera::Context::new())
        .unwrap();
    assert_eq!(page, "<p>Nothing at this address.</p>");
    // Other words: a new engine too.
    let words = super::super::i18n::Strings::built_in("fr").unwrap();
    let (french, _) = load(dir.path(), words, Some(&mut engines)).unwrap();
    assert!(!std::sync::Arc::ptr_eq(
        &changed.tera,
        &french.unwrap().tera
    ));
}

#[test]
fn names_of_included_templates() {
    assert_eq!(
        named(r#"{% extends "base.html" %}{%- include 'nav.html' -%}{% import "m.html" as m %}"#),
        ["base.html", "nav.html", "m.html"]
    );
}
