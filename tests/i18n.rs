//! The site in its own language: the words of the pages from the table of the site's
//! `language`, overrides in `i18n/LANG.toml`, and what is said when something is off.

mod common;

use common::{TempSite, sel, small_site, text};
use scraper::Html;

/// The small site in `language`, with an update (for "Updated" and a date), a second
/// position (so the actor has two stances) and pages of one item each (for the pager),
/// plus `extra` files.
fn site(language: &str, extra: &[(&str, &str)]) -> TempSite {
    let toml =
        format!("title = \"Small\"\nlanguage = \"{language}\"\n\n[pagination]\npage_size = 1\n");
    let mut files = small_site();
    files.retain(|(p, _)| *p != "content/site.toml");
    files.push(("content/site.toml", &toml));
    files.push((
        "content/positions/ceasefire.md",
        "+++\ntitle = \"Ceasefire\"\nsummary = \"Stop first.\"\n\n[[stances]]\nactor = \"bob-jones\"\nstance = \"opposes\"\nsource_url = \"https://example.org/b\"\n\n[[updates]]\ndate = 2025-08-19\ntext = \"Bob changed his mind.\"\n+++\n",
    ));
    files.extend_from_slice(extra);
    TempSite::new(&files)
}

fn first(doc: &Html, selector: &str) -> String {
    doc.select(&sel(selector))
        .next()
        .map(text)
        .unwrap_or_else(|| panic!("no {selector}"))
}

fn html_attrs(doc: &Html) -> (Option<String>, Option<String>) {
    let html = doc.select(&sel("html")).next().unwrap();
    let attr = |a: &str| html.value().attr(a).map(str::to_string);
    (attr("lang"), attr("dir"))
}

#[test]
fn a_german_site_speaks_german() {
    let s = site("de-AT", &[]);
    let report = s.build();
    assert!(report.diagnostics.is_empty(), "{:?}", report.diagnostics);
    let home = s.page("index.html");
    assert_eq!(html_attrs(&home), (Some("de-AT".into()), None));
    assert_eq!(first(&home, "#h-matrix"), "Wer steht wo");
    assert_eq!(first(&home, ".masthead nav li"), "Übersicht");
    assert_eq!(first(&home, ".start .meta"), "2. Januar 2025 · 1 Anmerkung");
    assert_eq!(first(&home, ".matrix td.s-supports"), "Dafür: Hold talks");
    assert_eq!(first(&home, ".matrix td.s-none"), "Keine Haltung");
    assert_eq!(first(&home, ".skip"), "Zum Inhalt springen");
    let position = s.page("positions/ceasefire/index.html");
    assert_eq!(
        first(&position, ".updated"),
        "Aktualisiert am 19. August 2025 · was sich geändert hat"
    );
    assert_eq!(first(&position, ".kicker"), "Position");
    assert_eq!(first(&position, "h3 .badge"), "Dagegen");
    let actors = s.page("actors/index.html");
    assert_eq!(first(&actors, "h1"), "Akteure");
    assert_eq!(first(&actors, ".pager-at"), "Seite 1 von 2");
    assert_eq!(
        first(&actors, ".pager a[rel=next]"),
        "Weiter (nächste Seite)"
    );
    let second = s.page("actors/page/2/index.html");
    let title = first(&second, "title");
    assert!(title.starts_with("Akteure, Seite 2 von 2 · "), "{title}");
    assert_eq!(first(&s.page("404.html"), "h1"), "Seite nicht gefunden");
    let article = s.page("articles/story/index.html");
    assert_eq!(first(&article, ".note > p"), "1 Kontext");
    assert_eq!(first(&article, ".crumbs li"), "Start");
}

#[test]
fn a_ukrainian_site_counts_in_ukrainian() {
    let s = site("uk", &[]);
    s.build();
    let home = s.page("index.html");
    assert_eq!(html_attrs(&home), (Some("uk".into()), None));
    assert_eq!(first(&home, "#h-positions"), "Позиції");
    assert_eq!(first(&home, ".start .meta"), "2 січня 2025 р. · 1 примітка");
    // Two actors on two positions: "few" in Ukrainian.
    assert_eq!(
        first(&home, ".matrix caption"),
        "Позиції: 2 учасники, 2 позиції"
    );
    assert_eq!(first(&home, ".matrix td.s-opposes"), "Проти: Ceasefire");
    let positions = s.page("positions/index.html");
    assert_eq!(first(&positions, ".pager-at"), "Сторінка 1 з 2");
    assert_eq!(first(&positions, ".pager a[rel=next]"), "Наступна сторінка");
    let position = s.page("positions/ceasefire/index.html");
    assert_eq!(first(&position, ".updated time"), "19 серпня 2025 р.");
}

#[test]
fn an_arabic_site_is_written_right_to_left() {
    let s = site("ar", &[]);
    s.build();
    let home = s.page("index.html");
    assert_eq!(html_attrs(&home), (Some("ar".into()), Some("rtl".into())));
    assert_eq!(first(&home, "#h-matrix"), "من يقف أين");
    assert_eq!(first(&home, ".matrix td.s-supports"), "يؤيد: Hold talks");
    // Two positions: the dual, without a number.
    assert_eq!(first(&home, ".matrix caption"), "المواقف: طرفان، موقفان");
    let position = s.page("positions/ceasefire/index.html");
    assert_eq!(first(&position, ".updated time"), "19 أغسطس 2025");
    let actors = s.page("actors/index.html");
    assert_eq!(first(&actors, ".pager-at"), "الصفحة 1 من 2");
    for page in [
        "404.html",
        "actors/alice-smith/index.html",
        "articles/story/index.html",
    ] {
        assert_eq!(
            html_attrs(&s.page(page)).1.as_deref(),
            Some("rtl"),
            "{page}"
        );
    }
}

#[test]
fn english_stays_as_it_was() {
    let s = site("en-GB", &[]);
    let report = s.build();
    assert!(report.diagnostics.is_empty(), "{:?}", report.diagnostics);
    let home = s.page("index.html");
    assert_eq!(html_attrs(&home), (Some("en-GB".into()), None));
    assert_eq!(first(&home, ".start .meta"), "2 January 2025 · 1 note");
    assert_eq!(
        first(&home, ".matrix caption"),
        "Stances of 2 actors on 2 positions"
    );
    let actors = s.page("actors/index.html");
    assert_eq!(first(&actors, ".pager-at"), "Page 1 of 2");
    assert_eq!(first(&actors, ".pager a[rel=next]"), "Next page");
    let lede = first(&s.page("404.html"), ".lede");
    assert_eq!(
        lede,
        "There is no page at this address. Try the overview, the actors or the positions."
    );
}

#[test]
fn a_site_overrides_words_in_its_own_table() {
    let s = site(
        "de",
        &[(
            "i18n/de.toml",
            "updated = \"Zuletzt aktualisiert am\"\nn_notes = { one = \"eine Notiz\", other = \"{n} Notizen\" }\nnot_found_lede = \"Nichts hier. Zur [Übersicht]({home}) & <weiter>.\"\n",
        )],
    );
    let report = s.build();
    assert!(report.diagnostics.is_empty(), "{:?}", report.diagnostics);
    let position = s.page("positions/ceasefire/index.html");
    assert!(first(&position, ".updated").starts_with("Zuletzt aktualisiert am 19. August"));
    assert_eq!(
        first(&s.page("index.html"), ".start .meta"),
        "2. Januar 2025 · eine Notiz"
    );
    // The table's words are escaped; its links are links.
    let raw = std::fs::read_to_string(s.out().join("404.html")).unwrap();
    assert!(
        raw.contains("Nichts hier. Zur <a href=\"./\">Übersicht</a> &amp; &lt;weiter&gt;."),
        "{raw}"
    );
}

#[test]
fn an_unknown_key_is_an_error_at_its_line_with_the_nearest_key() {
    let s = site(
        "de",
        &[(
            "i18n/de.toml",
            "# Ours.\nskip = \"Weiter\"\nupdatd = \"Neu\"\n",
        )],
    );
    let errors = s.errors();
    assert_eq!(
        errors,
        ["error: i18n/de.toml:3: unknown key \"updatd\" (did you mean \"updated\"?)"]
    );
}

/// A duplicate key hid the table's other errors, and did not say which key it was
/// (probe).
#[test]
fn a_duplicate_key_is_named_and_hides_no_other_error() {
    let s = site(
        "de",
        &[("i18n/de.toml", "updatd = \"x\"\nskip = 5\nskip = \"dup\"\n")],
    );
    let errors = s.errors();
    assert_eq!(errors.len(), 3, "{errors:#?}");
    assert!(
        errors[0].starts_with("error: i18n/de.toml:1: unknown key \"updatd\""),
        "{errors:#?}"
    );
    assert!(
        errors[1].starts_with("error: i18n/de.toml:2: "),
        "{errors:#?}"
    );
    assert_eq!(
        errors[2],
        "error: i18n/de.toml:3: duplicate key \"skip\": a key may be given once in a table"
    );
}

#[test]
fn a_wrong_shape_is_an_error() {
    let s = site(
        "fr",
        &[(
            "i18n/fr.toml",
            "n_notes = \"notes\"\nn_actors = { one = \"un\" }\nmonths = [\"janvier\"]\n",
        )],
    );
    let errors = s.errors().join("\n");
    assert!(
        errors.contains("i18n/fr.toml:1: n_notes must be a table of plural forms"),
        "{errors}"
    );
    assert!(
        errors.contains("i18n/fr.toml:2: n_actors has no \"other\" form"),
        "{errors}"
    );
    assert!(
        errors.contains("i18n/fr.toml:3: months must name 12 months"),
        "{errors}"
    );
}

#[test]
fn a_language_without_a_table_falls_back_to_english_with_a_warning() {
    let s = site("pt-BR", &[]);
    let report = s.build();
    let said: Vec<String> = report.diagnostics.iter().map(ToString::to_string).collect();
    assert_eq!(said.len(), 1, "{said:?}");
    assert!(
        said[0].starts_with(
            "warning: content/site.toml:2: language \"pt-BR\" has no built-in strings"
        ),
        "{said:?}"
    );
    assert!(
        said[0].contains("the built-in languages are ar, de, en, es, fr, ru, uk"),
        "{said:?}"
    );
    assert_eq!(
        first(&s.page("index.html"), "#h-matrix"),
        "Who stands where"
    );
}

#[test]
fn a_partial_table_of_a_new_language_warns_of_what_is_missing() {
    let s = site(
        "pt",
        &[("i18n/pt.toml", "skip = \"Pular para o conteúdo\"\n")],
    );
    let report = s.build();
    let said: Vec<String> = report.diagnostics.iter().map(ToString::to_string).collect();
    assert_eq!(said.len(), 1, "{said:?}");
    assert!(said[0].starts_with("warning: i18n/pt.toml:1: "), "{said:?}");
    assert!(
        said[0].contains("keys are missing, and shown in English"),
        "{said:?}"
    );
    let home = s.page("index.html");
    assert_eq!(first(&home, ".skip"), "Pular para o conteúdo");
    assert_eq!(first(&home, "#h-matrix"), "Who stands where");
}

#[test]
fn a_slot_the_page_does_not_fill_is_a_warning_at_its_line() {
    // `{nme}` would be shown as written on every page that uses the text.
    let s = site(
        "fr",
        &[(
            "i18n/fr.toml",
            "n_notes = { one = \"{n} note\", other = \"{nombre} notes\" }\ndate = \"{day} {monht} {year}\"\nskip = \"Aller {x}\"\n",
        )],
    );
    assert_eq!(
        s.diagnostics(),
        [
            "warning: i18n/fr.toml:1: n_notes has {nombre}, which the page does not fill: it is shown as written (the slots of n_notes are {n})",
            "warning: i18n/fr.toml:2: date has {monht}, which the page does not fill: it is shown as written (did you mean \"month\"?)",
            "warning: i18n/fr.toml:3: skip has {x}, which the page does not fill: it is shown as written (the text of skip has no slots to fill)",
        ]
    );
}

#[test]
fn a_value_is_judged_by_what_its_key_wants() {
    // A number where forms are wanted names the forms; a table under a key the tables
    // do not have is an unknown key, not a table of forms gone wrong.
    let s = site(
        "fr",
        &[(
            "i18n/fr.toml",
            "n_notes = 5\nskip = 2025-01-01\n\n[extra]\nnote = \"x\"\n",
        )],
    );
    assert_eq!(
        s.errors(),
        [
            "error: i18n/fr.toml:1: n_notes must be a table of plural forms, as in the built-in table",
            "error: i18n/fr.toml:2: skip must be a string, as in the built-in table",
            "error: i18n/fr.toml:4: unknown key \"extra\" (the keys are those of the built-in i18n tables, listed in the README)",
        ]
    );
}

#[test]
fn a_file_of_i18n_that_is_not_read_is_a_warning() {
    // A table for another language, or one misnamed, would be ignored without a word.
    let s = site(
        "de-AT",
        &[
            ("i18n/de.toml", "skip = \"Weiter\"\n"),
            ("i18n/fr.toml", "skip = \"Aller\"\n"),
            ("i18n/notes.txt", "to do\n"),
        ],
    );
    let report = s.build();
    let said: Vec<String> = report.diagnostics.iter().map(ToString::to_string).collect();
    assert_eq!(
        said,
        [
            "warning: i18n/fr.toml:1: is not read: the site's language is \"de-AT\", whose table is i18n/de.toml (i18n/ holds the table of the site's language only; keep other files elsewhere)",
            "warning: i18n/notes.txt:1: is not read: the site's language is \"de-AT\", whose table is i18n/de.toml (i18n/ holds the table of the site's language only; keep other files elsewhere)",
        ]
    );
    assert_eq!(first(&s.page("index.html"), ".skip"), "Weiter");
    let none = site("en", &[("i18n/en-GB.toml", "skip = \"Skip\"\n")]);
    let said: Vec<String> = none
        .build()
        .diagnostics
        .iter()
        .map(ToString::to_string)
        .collect();
    assert_eq!(
        said,
        [
            "warning: i18n/en-GB.toml:1: is not read: the site's language is \"en\", whose table would be i18n/en.toml (i18n/ holds the table of the site's language only; keep other files elsewhere)"
        ]
    );
}

#[test]
fn a_language_that_is_no_tag_is_its_only_diagnostic() {
    // No table is looked for under an empty name, nor a file of i18n/ called unread.
    let s = site("", &[("i18n/en.toml", "skip = \"Skip\"\n")]);
    assert_eq!(
        s.diagnostics(),
        [
            "error: content/site.toml:2: language \"\" is not a language tag (write a BCP 47 tag such as \"en\", \"en-GB\" or \"pt-BR\")"
        ]
    );
}

#[test]
fn a_text_that_says_nothing_or_holds_a_control_character_is_an_error() {
    // Probe: `stance_supports = ""` left the matrix's cells without their stance word;
    // a control character broke the feed. A key some built-in table leaves blank (a
    // pager's hidden "previous") may still be blank.
    let s = site(
        "fr",
        &[(
            "i18n/fr.toml",
            "stance_supports = \"\"\nprevious_hidden = \"\"\nn_notes = { one = \"\", other = \" \" }\nskip = \"Aller\\u0007\"\n",
        )],
    );
    let errors = s.errors();
    let lines: Vec<&str> = errors
        .iter()
        .map(|e| e.split(": ").take(2).last().unwrap())
        .collect();
    assert_eq!(
        lines,
        ["i18n/fr.toml:1", "i18n/fr.toml:3", "i18n/fr.toml:4"],
        "{errors:#?}"
    );
    assert!(
        errors[0].contains("stance_supports is empty"),
        "{errors:#?}"
    );
    assert!(
        errors[2].contains("control character U+0007"),
        "{errors:#?}"
    );
}
