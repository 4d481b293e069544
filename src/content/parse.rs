//! Front matter (or `site.toml`) text to its serde shape, with every problem of the text
//! reported at once, in file order, each at its line and column: TOML syntax errors,
//! unknown keys (with the nearest known one), missing keys, wrong types and values.
//!
//! serde alone stops at the first error, and toml hands it the keys in alphabetical
//! order. So the text is parsed into a table that keeps the span of every key and value
//! first; each key is checked against its kind's `Schema`, and each value that the
//! whole shape refuses is given to serde alone to learn what is wrong with it.

use std::collections::BTreeSet;

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use super::LineMap;
use super::schema::{Check, Front, Schema};
use super::values;
use crate::diagnostic::{Diagnostic, did_you_mean};

#[path = "parse_values.rs"]
mod parse_values;
use parse_values::check_value;

#[path = "serde_words.rs"]
mod serde_words;
pub(crate) use serde_words::syntax_message;

/// One problem, at a byte offset of the text.
struct Problem {
    at: usize,
    message: String,
    hint: Option<String>,
    /// Whether serde cannot give the shape either (a value check can fail on a value
    /// of the right type: the file is still read, and the model relies on the check).
    fatal: bool,
    /// A required key that is not there.
    missing: bool,
    /// An error of TOML itself.
    syntax: bool,
    /// A warning, not an error.
    warning: bool,
    /// For a fatal problem, what to leave out so that serde reads the rest of the file
    /// (whose other checks then run in the same run); none when the file cannot be read
    /// without it (a required key of the file itself, a syntax error).
    cut: Option<Cut>,
}

/// A part of a table that may be left out: an optional key, by the offset of its name,
/// or an entry of an array of tables, by the offset of its value; or a date written as
/// a string (`date = "2025-08-18"`), by the offset of its key, read as the date it
/// says (the error stays), so that even a file whose required date is quoted is read.
#[derive(Clone, Copy)]
enum Cut {
    Key(usize),
    Item(usize),
    Date(usize),
}

/// What `prune` takes out of a table, or mends.
#[derive(Default)]
struct Cuts {
    keys: BTreeSet<usize>,
    items: BTreeSet<usize>,
    dates: BTreeSet<usize>,
}

/// The cut of a key at `at` of a table whose own cut is `table`: the key alone if it may
/// be left out, else the whole table.
fn key_cut(at: usize, optional: bool, table: Option<Cut>) -> Option<Cut> {
    if optional { Some(Cut::Key(at)) } else { table }
}

impl Problem {
    fn new(at: usize, (message, hint): values::Problem, fatal: bool) -> Problem {
        Problem {
            at,
            message,
            hint,
            fatal,
            missing: false,
            syntax: false,
            warning: false,
            cut: None,
        }
    }
}

/// What checking a table found: its problems, and the keys (by the offset of their
/// name) that have one, so that serde is not asked about them again.
#[derive(Default)]
struct Found {
    problems: Vec<Problem>,
    flagged: BTreeSet<usize>,
    /// The unknown keys, at any depth, by the offset of their name.
    unknown: BTreeSet<usize>,
}

/// Parses `text` (whose lines `lines` maps to the file's) as `F`. Every problem goes to
/// `diags`; the shape comes back only when serde gives it (value errors included).
pub(super) fn parse_toml<F: Front>(
    path: &str,
    text: &str,
    lines: &LineMap,
    diags: &mut Vec<Diagnostic>,
) -> Option<F> {
    // YAML (`---` and `key: value`) is no TOML at all: one error that says so, not one
    // for each of its lines.
    if !text.trim_start().is_empty() && text.trim_start().lines().next() == Some("---") {
        diags.push(
            Diagnostic::error(
                path,
                Some(lines.line(text.find("---").unwrap_or(0))),
                "written as YAML (`---`, `key: value`), but it is read as TOML",
            )
            .with_hint(Some(
                "write key = \"value\" lines without the --- lines, e.g. title = \"…\"".into(),
            )),
        );
        return None;
    }
    let (table, syntax) = DeTable::parse_recoverable(text);
    let mut found = Found::default();
    // After the first error of a line, the parser's guesses about the rest of it say
    // little: one error a line.
    let mut lines_seen = BTreeSet::new();
    for e in &syntax {
        if !lines_seen.insert(lines.line(e.span().map_or(0, |s| s.start))) {
            continue;
        }
        let at = e.span().map_or(0, |s| s.start);
        let message = syntax_message(e, text);
        found.problems.push(Problem {
            syntax: true,
            ..Problem::new(at, (message, quote_inside(text, at)), true)
        });
    }
    check_table(F::SCHEMA, table.get_ref(), 0, None, None, &mut found);
    let fatal = found.problems.iter().any(|p| p.fatal);
    // A value serde refuses, or a table that misses a key, is left out when it may be
    // (an optional key, an entry of a list of stances or updates), and the rest of the
    // file is still read, so that its other checks (references, quotes, pictures) run
    // in the same run. The errors stay, so nothing is written.
    let front = if fatal {
        probe_table(F::SCHEMA, table.get_ref(), None, &mut found);
        if syntax.is_empty() {
            salvage(table, &found)
        } else {
            None
        }
    } else {
        let mut table = table;
        let cuts = Cuts {
            keys: std::mem::take(&mut found.unknown),
            ..Cuts::default()
        };
        prune(table.get_mut(), &cuts);
        found.unknown = cuts.keys;
        match F::deserialize(toml::de::Deserializer::from(table)) {
            Ok(front) => Some(front),
            Err(e) => {
                // A value of the wrong type (`cards = "yes"`): the probes find which.
                // Serde's own error, if the probes find none: never lose one.
                let before = found.problems.len();
                let table = DeTable::parse(text).ok();
                if let Some(table) = &table {
                    probe_table(F::SCHEMA, table.get_ref(), None, &mut found);
                }
                match table {
                    Some(table) if found.problems.len() > before => salvage(table, &found),
                    _ => {
                        let at = e.span().map_or(0, |s| s.start);
                        let message = e.message().trim().replace('\n', " ");
                        found.problems.push(Problem::new(at, (message, None), true));
                        None
                    }
                }
            }
        }
    };
    // After a syntax error the table is a guess: keys it lost are not reported missing,
    // nor anything else on a line that has the syntax error.
    let broken: BTreeSet<usize> = syntax
        .iter()
        .map(|e| lines.line(e.span().map_or(0, |s| s.start)))
        .collect();
    let mut problems = found.problems;
    problems.sort_by_key(|p| p.at);
    for p in problems {
        let line = lines.line(p.at);
        if !p.syntax && !broken.is_empty() && (p.missing || broken.contains(&line)) {
            continue;
        }
        let column = (!p.missing).then(|| lines.column(p.at));
        let d = if p.warning {
            Diagnostic::warning(path, Some(line), p.message)
        } else {
            Diagnostic::error(path, Some(line), p.message)
        };
        diags.push(d.with_hint(p.hint).with_column(column));
    }
    front
}

/// The shape of `table` without the unknown keys and the cuts of its fatal problems; none
/// if a fatal problem has no cut, or serde still refuses it.
fn salvage<F: Front>(mut table: Spanned<DeTable<'_>>, found: &Found) -> Option<F> {
    let mut cuts = Cuts {
        keys: found.unknown.clone(),
        ..Cuts::default()
    };
    for p in found.problems.iter().filter(|p| p.fatal) {
        match p.cut? {
            Cut::Key(at) => cuts.keys.insert(at),
            Cut::Item(at) => cuts.items.insert(at),
            Cut::Date(at) => cuts.dates.insert(at),
        };
    }
    prune(table.get_mut(), &cuts);
    F::deserialize(toml::de::Deserializer::from(table)).ok()
}

/// Removes from `table`, and from the tables nested in it, the keys whose names start at
/// one of the offsets `cuts.keys` (unknown keys, values serde refuses) and the entries of
/// arrays whose values start at one of `cuts.items`; reads the strings of the keys at
/// `cuts.dates` as the dates they say.
fn prune(table: &mut DeTable<'_>, cuts: &Cuts) {
    let gone: Vec<_> = (table.keys())
        .filter(|k| cuts.keys.contains(&k.span().start))
        .cloned()
        .collect();
    for k in &gone {
        table.remove(k);
    }
    for (k, v) in table.iter_mut() {
        if cuts.dates.contains(&k.span().start)
            && let Some(date) = v.get_ref().as_str().and_then(parse_values::date_in)
        {
            *v.get_mut() = DeValue::Datetime(date);
        }
        match v.get_mut() {
            DeValue::Table(t) => prune(t, cuts),
            DeValue::Array(list) => {
                if !cuts.items.is_empty() {
                    // `DeArray` has no `retain`: rebuilt without them.
                    let all = std::mem::replace(list, toml::de::DeArray::new());
                    *list = (all.into_iter())
                        .filter(|item| !cuts.items.contains(&item.span().start))
                        .collect();
                }
                for item in list.iter_mut() {
                    if let DeValue::Table(t) = item.get_mut() {
                        prune(t, cuts);
                    }
                }
            }
            _ => {}
        }
    }
}

/// A hint when the syntax error at `at` follows a string that a quotation mark inside
/// it ended early (`text = "a "b" c"`).
fn quote_inside(text: &str, at: usize) -> Option<String> {
    let at = at.min(text.len());
    let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let line_end = text[at..].find('\n').map_or(text.len(), |i| at + i);
    let (before, after) = (text[line_start..at].trim_end(), &text[at..line_end]);
    (before.ends_with('"') && after.contains('"')).then(|| {
        "a quotation mark inside a string ends it: write it as \\\", or put the text in '…' or \"\"\"…\"\"\"".into()
    })
}

/// The keys of `table` with their values, in the order of the text.
fn in_order<'t, 'i>(
    table: &'t DeTable<'i>,
) -> Vec<(
    &'t Spanned<toml::de::DeString<'i>>,
    &'t Spanned<DeValue<'i>>,
)> {
    let mut keys: Vec<_> = table.iter().collect();
    keys.sort_by_key(|(k, _)| k.span().start);
    keys
}

/// Checks each key of `table` (which starts at offset `at`, is nested in the key `parent`
/// if it has one, and may be cut as `cut`) against `schema`: unknown keys, missing keys,
/// and values (see `Check`); nested tables with their own schemas.
fn check_table(
    schema: &Schema,
    table: &DeTable<'_>,
    at: usize,
    parent: Option<&str>,
    cut: Option<Cut>,
    found: &mut Found,
) {
    let place = match parent {
        Some(_) => format!(" in {}", schema.what),
        None => String::new(),
    };
    for (k, v) in in_order(table) {
        let name: &str = k.get_ref();
        let Some(key) = schema.key(name) else {
            // TOML puts the keys after a `[[stances]]` line into that stance.
            let misplaced = (name == "updates" && schema.what == "a stance").then(|| {
                "a position's updates go above its first [[stances]] line: keys after it belong to that stance".to_string()
            });
            let hint = misplaced
                .or_else(|| did_you_mean(name, schema.names()))
                .unwrap_or_else(|| {
                    let all: Vec<&str> = schema.names().collect();
                    format!("the keys of {} are {}", schema.what, all.join(", "))
                });
            found.flagged.insert(k.span().start);
            let problem = (format!("unknown key \"{name}\"{place}"), Some(hint));
            // An unknown key, at any depth, is left out of what serde reads, so that
            // the rest of the file is still checked (its references, its pictures, the
            // other keys of the same table) in the same run.
            found.unknown.insert(k.span().start);
            found
                .problems
                .push(Problem::new(k.span().start, problem, false));
            continue;
        };
        let label = match parent {
            Some(p) if schema.label_with_parent => format!("{p} {name}"),
            _ => name.to_string(),
        };
        let own = key_cut(k.span().start, key.required.is_none(), cut);
        let before = found.problems.len();
        check_value(key.check, &label, k.span().start, v, own, found);
        parse_values::left_out_if_blank(key.check, &label, k, v, found);
        for p in &mut found.problems[before..] {
            if p.fatal && p.cut.is_none() {
                p.cut = own;
            }
        }
    }
    for key in schema.keys {
        if let Some(how) = key.required {
            if !table.keys().any(|k| k.get_ref() == key.name) {
                found.problems.push(Problem {
                    missing: true,
                    cut,
                    ..Problem::new(
                        at,
                        (
                            format!("missing key \"{}\"{place}", key.name),
                            Some(format!("add {how}")),
                        ),
                        true,
                    )
                });
            }
        }
    }
}

/// Asks serde about each key of `table` (which may be cut as `cut`) not flagged yet,
/// alone, and records what it refuses; nested tables key by key with their own schemas.
fn probe_table(schema: &Schema, table: &DeTable<'_>, cut: Option<Cut>, found: &mut Found) {
    for (k, v) in in_order(table) {
        if found.flagged.contains(&k.span().start) {
            continue;
        }
        let Some(key) = schema.key(k.get_ref()) else {
            continue;
        };
        let own = key_cut(k.span().start, key.required.is_none(), cut);
        match (key.check, v.get_ref()) {
            (Check::Tables(sub), DeValue::Array(items)) => {
                // Entries that are not tables were reported by `check_value`.
                for item in items.iter() {
                    if let DeValue::Table(t) = item.get_ref() {
                        probe_table(sub, t, Some(Cut::Item(item.span().start)), found);
                    }
                }
            }
            (Check::Table(sub) | Check::Inline(sub), DeValue::Table(t)) => {
                probe_table(sub, t, own, found)
            }
            _ => {
                if let Some(e) = (schema.probe)(k, v) {
                    let at = e.span().map_or(v.span().start, |s| s.start);
                    let message = e.message().trim().replace('\n', " ");
                    let said = serde_words::plainly(k.get_ref(), &message);
                    found.problems.push(Problem {
                        cut: own,
                        ..Problem::new(at, said, true)
                    });
                }
            }
        }
    }
}

#[cfg(test)]
#[path = "parse_tests.rs"]
mod tests;
