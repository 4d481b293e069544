use super::*;

#[test]
fn every_built_in_table_has_exactly_the_keys_of_english() {
    let english = Strings::default();
    assert!(english.entries.len() > 100, "{}", english.entries.len());
    for (lang, text) in BUILT_IN {
        let (table, problems) = load::parse(text);
        assert_eq!(problems, [], "{lang}.toml");
        let keys: Vec<&String> = table.keys().collect();
        let want: Vec<&String> = english.entries.keys().collect();
        assert_eq!(keys, want, "{lang}.toml");
        for (key, (_, entry)) in &table {
            assert_eq!(
                entry.shape(),
                english.entries[key].shape(),
                "{lang}.toml: {key}"
            );
            if let Entry::List(months) = entry {
                assert_eq!(months.len(), 12, "{lang}.toml: {key}");
            }
        }
    }
}

#[test]
fn every_form_fills_the_slots_english_fills() {
    // A slot that English fills but a translation misspells would be shown as written.
    let english = Strings::default();
    use load::{slots, texts};
    for (lang, _) in BUILT_IN {
        let table = Strings::built_in(lang).unwrap();
        for (key, entry) in &table.entries {
            let allowed: Vec<&str> = texts(&english.entries[key])
                .into_iter()
                .flat_map(slots)
                .collect();
            for text in texts(entry) {
                for slot in slots(text) {
                    assert!(allowed.contains(&slot), "{lang}.toml: {key} has {{{slot}}}");
                }
            }
        }
    }
}

#[test]
fn dates_are_written_as_each_language_writes_them() {
    let date = |lang: &str, d: &str| Strings::built_in(lang).unwrap().date(d);
    assert_eq!(date("en", "2025-08-19"), "19 August 2025");
    assert_eq!(date("de", "2025-08-19"), "19. August 2025");
    assert_eq!(date("fr", "2025-08-19"), "19 août 2025");
    assert_eq!(date("fr", "2025-08-01"), "1er août 2025");
    assert_eq!(date("es", "2025-08-19"), "19 de agosto de 2025");
    assert_eq!(date("uk", "2025-08-19"), "19 серпня 2025 р.");
    assert_eq!(date("ru", "2025-08-19"), "19 августа 2025 г.");
    assert_eq!(date("ar", "2025-08-19"), "19 أغسطس 2025");
    assert_eq!(date("en", "2025-13-01"), "2025-13-01");
}

#[test]
fn counts_take_the_form_of_their_number() {
    let uk = Strings::built_in("uk").unwrap();
    let notes = |n| uk.count("n_notes", n, &[]);
    assert_eq!(
        [notes(1), notes(3), notes(5), notes(21)],
        ["1 примітка", "3 примітки", "5 приміток", "21 примітка"]
    );
    let en = Strings::default();
    assert_eq!(en.count("n_actors", 1, &[]), "1 actor");
    assert_eq!(en.count("n_actors", 2, &[]), "2 actors");
    assert_eq!(
        en.fill(
            "matrix_caption",
            &[("actors", "2 actors"), ("positions", "1 position")]
        ),
        "Stances of 2 actors on 1 position"
    );
}

#[test]
fn a_tag_is_matched_on_its_primary_subtag() {
    assert_eq!(primary("de-AT"), "de");
    assert_eq!(primary("zh-Hant-TW"), "zh");
    assert_eq!(primary("EN"), "en");
}

#[test]
fn filling_leaves_unknown_braces() {
    assert_eq!(fill_plain("{a} and {b}", &[("a", "x")]), "x and {b}");
    assert_eq!(fill_plain("{", &[]), "{");
}
