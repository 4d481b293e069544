//! Tests of `parse`: every problem of a front matter at once, in file order, each at
//! its line (probe M11).

use super::*;
use crate::content::front::{ActorFront, ArticleFront, PositionFront, SiteFront};

/// The diagnostics of parsing `text` as `F`, as `LINE:COLUMN message (hint)`, and
/// whether it gave the shape.
fn problems<F: Front>(text: &str, first_line: usize) -> (Vec<String>, bool) {
    let mut diags = Vec::new();
    let got = parse_toml::<F>("f", text, &LineMap::new(text, first_line), &mut diags);
    let lines = diags
        .iter()
        .map(|d| {
            let col = d.column.map(|c| format!(":{c}")).unwrap_or_default();
            let hint = d
                .hint
                .as_ref()
                .map(|h| format!(" ({h})"))
                .unwrap_or_default();
            format!("{}{col} {}{hint}", d.line.unwrap(), d.message)
        })
        .collect();
    (lines, got.is_some())
}

#[test]
fn every_error_of_an_actor_in_file_order() {
    // Probe M11: a typo, an unknown key, a bad id and the missing key, in one run.
    let text = "name = \"Council\"\nkynd = \"organization\"\nalias = [\"c\"]\nwikidata = \"42\"\n";
    let (got, parsed) = problems::<ActorFront>(text, 2);
    assert!(!parsed);
    assert_eq!(
        got,
        [
            "2 missing key \"kind\" (add kind = \"person\", \"state\" or \"organization\")",
            "3:1 unknown key \"kynd\" (did you mean \"kind\"?)",
            "4:1 unknown key \"alias\" (did you mean \"aliases\"?)",
            "5:12 wikidata \"42\" is not a Wikidata id like \"Q42\"",
        ]
    );
}

#[test]
fn unknown_keys_without_a_near_one_list_the_keys() {
    let text = "name = \"X\"\ncolour = \"blue\"\nkind = \"person\"\n";
    let (got, _) = problems::<ActorFront>(text, 2);
    assert_eq!(
        got,
        [
            "3:1 unknown key \"colour\" (the keys of an actor are name, kind, aliases, match, role, affiliation, wikidata, links, image, updates)"
        ]
    );
}

#[test]
fn wrong_types_and_bad_values_each_at_their_line() {
    let text = "name = 3\nkind = \"maybe\"\nlinks = [{ title = \"a\", url = \"https:// no\" }, { title = 1, url = \"https://e.org\", rel = \"x\" }]\n";
    let (got, parsed) = problems::<ActorFront>(text, 1);
    assert!(!parsed);
    assert_eq!(got.len(), 5, "{got:#?}");
    assert!(
        got[0]
            .starts_with("1:8 name must be text in quotes, not the integer 3 (write name = \"3\")"),
        "{got:#?}"
    );
    assert!(
        got[1].starts_with("2:8 kind \"maybe\" is not one of \"person\", \"state\""),
        "{got:#?}"
    );
    assert!(
        got[2].starts_with("3:31 links url \"https:// no\" has a space in it"),
        "{got:#?}"
    );
    assert!(
        got[3].starts_with("3:58 title must be text in quotes, not the integer 1"),
        "{got:#?}"
    );
    assert!(
        got[4].starts_with("3:84 unknown key \"rel\" in a link"),
        "{got:#?}"
    );
}

#[test]
fn a_value_error_alone_keeps_the_file() {
    // The model reads the rest of the file; it relies on the check and does not repeat it.
    let (got, parsed) =
        problems::<ActorFront>("name = \"X\"\nkind = \"state\"\nwikidata = \"x\"\n", 2);
    assert!(parsed);
    assert_eq!(
        got,
        ["4:12 wikidata \"x\" is not a Wikidata id like \"Q42\""]
    );
}

#[test]
fn stances_are_checked_table_by_table() {
    let text = "title = \"T\"\nsummary = \"S\"\n\n[[stances]]\nactor = \"a\"\nstance = \"maybe\"\n\n[[stances]]\nstance = \"supports\"\nprefix = \"x\"\nsource_url = \"ftp://x\"\n";
    let (got, _) = problems::<PositionFront>(text, 2);
    assert_eq!(
        got,
        [
            "7:10 stance \"maybe\" is not one of \"supports\", \"opposes\", \"mixed\", \"unclear\"",
            "9 missing key \"actor\" in a stance (add actor = \"…\" (an actor's slug))",
            "11:1 unknown key \"prefix\" in a stance (the keys of a stance are actor, stance, quote, article, source_url, note)",
            "12:14 source_url \"ftp://x\" is not an http(s) or mailto URL",
        ]
    );
}

#[test]
fn dates() {
    let (got, _) = problems::<ArticleFront>("title = \"T\"\ndate = \"2025-01-02\"\n", 2);
    assert_eq!(
        got,
        [
            "3:8 date \"2025-01-02\" is a string, not a TOML date (write the date without quotes: date = 2025-01-02)"
        ]
    );
    // Probe: a day not in the calendar was told to lose its quotes, which only led to
    // the next error.
    let (got, _) = problems::<ArticleFront>("title = \"T\"\ndate = \"2025-02-30\"\n", 2);
    assert_eq!(
        got,
        [
            "3:8 date \"2025-02-30\" is a string, not a TOML date, and no day of the calendar (write a day that is in the calendar, without quotes, e.g. date = 2025-08-18)"
        ]
    );
    let (got, _) = problems::<ArticleFront>("title = \"T\"\ndate = 10:00:00\n", 2);
    assert_eq!(got, ["3:8 date must be a TOML date like 2025-08-18"]);
    // Probe-2's note: a date with a time was taken and its time dropped; the contract
    // says `date | TOML date`.
    let (got, _) = problems::<ArticleFront>("title = \"T\"\ndate = 2025-06-01T10:00:00Z\n", 2);
    assert_eq!(
        got,
        [
            "3:8 date has a time, but it must be a TOML date like 2025-08-18 (pages show the day alone: write date = 2025-06-01)"
        ]
    );
    let (got, parsed) = problems::<ArticleFront>("title = \"T\"\ndate = 2025-02-29\n", 2);
    assert!(!parsed);
    assert_eq!(got.len(), 1, "{got:?}");
}

#[test]
fn site_toml_reports_every_key() {
    // Probe M11: an unknown `theme` does not hide a bad `base_url`; probe L16.
    let text = "title = \"\"\ntheme = \"dark\"\nlanguage = \"en US\"\nbase_url = \"/repo/\"\n[sources]\navoid = [\"https://e.com\", \"fine.org\"]\n";
    let (got, parsed) = problems::<SiteFront>(text, 1);
    // An unknown key of the file's own table is left out and the rest is read (probe D4:
    // its references are checked in the same run).
    assert!(parsed);
    let messages: Vec<&str> = got.iter().map(|l| l.split(" (").next().unwrap()).collect();
    assert_eq!(
        messages,
        [
            "1:9 title is empty",
            "2:1 unknown key \"theme\"",
            "3:12 language \"en US\" is not a language tag",
            "4:12 base_url \"/repo/\" is not an absolute http(s) URL",
            "6:10 avoid \"https://e.com\" is not a domain name",
        ]
    );
}

#[test]
fn syntax_errors_and_the_keys_around_them() {
    // Both syntax errors, and the unknown key on a line of its own; no "missing" guess.
    let text = "kynd = \"person\"\nname = Alice\nrole = [\n";
    let (got, _) = problems::<ActorFront>(text, 2);
    assert_eq!(got.len(), 3, "{got:#?}");
    assert!(got[0].starts_with("2:1 unknown key \"kynd\""), "{got:#?}");
    assert!(
        got[1].starts_with("3:8 string values must be quoted"),
        "{got:#?}"
    );
    assert!(got[2].starts_with("4:"), "{got:#?}");
}

#[test]
fn lines_hold_after_multi_line_strings_and_crlf() {
    let text = "name = \"\"\"\nA\r\nB\"\"\"\r\nkind = \"person\"\r\nwikidata = \"7\"\r\n";
    let (got, _) = problems::<ActorFront>(text, 2);
    assert_eq!(
        got,
        ["6:12 wikidata \"7\" is not a Wikidata id like \"Q42\""]
    );
}

#[test]
fn tables_of_the_wrong_shape_say_what_they_should_be() {
    let (got, _) =
        problems::<PositionFront>("title = \"T\"\nsummary = \"S\"\nstances = \"x\"\n", 2);
    assert_eq!(
        got,
        [
            "4:11 stances must be an array of tables (a stance each), not a string (write [[stances]], with two brackets, over the keys of each one)"
        ]
    );
    let text = "name = \"N\"\nkind = \"state\"\nlinks = [{ titel = \"a\", url = \"https://e.org\" }, \"s\"]\n";
    let (got, _) = problems::<ActorFront>(text, 2);
    assert_eq!(
        got,
        [
            "4 missing key \"title\" in a link (add title = \"…\")",
            "4:12 unknown key \"titel\" in a link (did you mean \"title\"?)",
            "4:50 an entry of links must be a table (a link), not a string",
        ]
    );
    let (got, _) = problems::<SiteFront>("title = \"T\"\nsources = \"a\"\n", 1);
    assert_eq!(
        got,
        [
            "2:11 sources must be a table, not a string (write [sources] and its keys on the lines below it)"
        ]
    );
}
