//! Tests of `suggest`: names found in text, slugs, kinds.
use super::*;

use super::kinds::kind_of;

/// The names of `text` that are surely names.
fn names(text: &str) -> Vec<String> {
    names_in(text)
        .into_iter()
        .filter(|n| n.sure)
        .map(|n| n.name)
        .collect()
}

#[test]
fn names_without_titles_stop_words_or_sentence_starts() {
    assert_eq!(
        names(
            "U.S. President Donald Trump has ruled out NATO-style entry under Article 5. However, the Port Authority’s chief said so in Washington."
        ),
        [
            "Donald Trump",
            "NATO",
            "Article 5",
            "Port Authority",
            "Washington"
        ]
    );
    assert_eq!(
        names("The United States of America met in May."),
        ["United States of America"]
    );
    assert_eq!(
        names("Instead of that, talks began. Speaking later, officials left. Read <b>Sam Poe.</b>"),
        ["Sam Poe"]
    );
    // Probe: "Yesterday" was taken into the name after it.
    assert_eq!(
        names("Yesterday Sean Smith met the mayor. On Monday Ana Torres spoke. Today Jo Li left."),
        ["Sean Smith", "Ana Torres", "Jo Li"]
    );
    let brazil = &names_in("Brazil hosted.")[0];
    assert_eq!((brazil.name.as_str(), brazil.sure), ("Brazil", false));
}

#[test]
fn a_possessive_or_punctuation_ends_a_name() {
    assert_eq!(
        names("Ukraine’s NATO bid failed. NATO said no. NATO members met."),
        ["Ukraine", "NATO", "NATO", "NATO"]
    );
    assert_eq!(
        names("the United States ruling out Ukraine’s NATO entry"),
        ["United States", "Ukraine", "NATO"]
    );
    assert_eq!(names("Ukraine's NATO bid"), ["Ukraine", "NATO"]);
    assert_eq!(
        names("The European Union (EU) met Kyiv/Moscow envoys and the Ukraine—NATO Council."),
        [
            "European Union",
            "EU",
            "Kyiv",
            "Moscow",
            "Ukraine",
            "NATO Council"
        ]
    );
    assert_eq!(names("it called ‘Kyiv’ Europe’s"), ["Kyiv", "Europe"]);
    // A common word with a possessive at a sentence's start names no one.
    assert_eq!(
        names("Today’s talks failed. Women’s groups left."),
        [] as [&str; 0]
    );
}

#[test]
fn titles_are_dropped_only_before_a_name() {
    assert_eq!(
        names(
            "He met the UK. UK Prime Minister Keir Starmer spoke. The Finance Ministry and General Motors agreed; Secretary General Antonio Guterres and Russian Foreign Minister Sergei Lavrov did not, nor did the British Museum."
        ),
        [
            "UK",
            "Keir Starmer",
            "Finance Ministry",
            "General Motors",
            "Antonio Guterres",
            "Sergei Lavrov",
            "British Museum"
        ]
    );
}

#[test]
fn kinds_are_guessed_only_where_the_name_shows_them() {
    for state in [
        "US",
        "U.S.",
        "UK",
        "UAE",
        "United Kingdom",
        "United States",
        "Soviet Union",
    ] {
        assert_eq!(kind_of(state), Some("state"), "{state}");
    }
    for org in [
        "NATO",
        "European Union",
        "Organization of American States",
        "COP30",
    ] {
        assert_eq!(kind_of(org), Some("organisation"), "{org}");
    }
    // A name in capitals of another script is no acronym to guess from.
    for unknown in ["Saudi Arabia", "ΑΘΗΝΑ", "Gustavo Petro"] {
        assert_eq!(kind_of(unknown), None, "{unknown}");
    }
}

#[test]
fn slugs_fold_accents() {
    assert_eq!(slug_of("Gustavo Petro"), "gustavo-petro");
    assert_eq!(slug_of("Élysée Palace"), "elysee-palace");
    assert_eq!(slug_of("U.S."), "u-s");
    assert_eq!(slug_of("ΑΘΗΝΑ"), "athena");
    assert_eq!(slug_of("Владимир Путин"), "vladimir-putin");
    assert_eq!(slug_of("习近平"), "xi-jin-ping");
}
