//! Each value of a front matter checked against its key's `Check`: what serde alone
//! would refuse, said in the writer's terms, and what it would let through (a URL with
//! spaces, an empty title, a list that names a thing twice).

use std::collections::BTreeSet;

use toml::Spanned;
use toml::de::DeValue;

use super::{Cut, Found, Problem, check_table};
use crate::content::schema::Check;
use crate::content::values;

/// Checks one value, at the key at offset `key_at` (which may be cut as `cut`); see
/// `Check`.
pub(super) fn check_value(
    check: Check,
    label: &str,
    key_at: usize,
    v: &Spanned<DeValue<'_>>,
    cut: Option<Cut>,
    found: &mut Found,
) {
    let at = v.span().start;
    let text = v.get_ref().as_str();
    // A control character written as a TOML escape (`\u0001`): TOML refuses it raw.
    let items = match v.get_ref() {
        DeValue::Array(items) => items.iter().collect(),
        _ => vec![v],
    };
    for item in items {
        if let Some(c) = (item.get_ref().as_str())
            .and_then(|t| t.chars().find(|&c| crate::text::is_forbidden(c)))
        {
            let problem = (crate::text::forbidden_message(label, c), None);
            found
                .problems
                .push(Problem::new(item.span().start, problem, false));
        }
    }
    // A list that names a thing twice (an alias, a related position, an event's actor)
    // would show it twice.
    if let DeValue::Array(items) = v.get_ref() {
        let mut seen = BTreeSet::new();
        for item in items.iter() {
            if let Some(value) = item.get_ref().as_str()
                && !seen.insert(value)
            {
                found.problems.push(Problem {
                    warning: true,
                    ..Problem::new(
                        item.span().start,
                        (
                            format!("{label} lists \"{value}\" twice"),
                            Some("remove the second".into()),
                        ),
                        false,
                    )
                });
            }
        }
    }
    let problem = match (check, v.get_ref()) {
        (Check::Url, _) => text.and_then(|t| values::url_problem(label, t)),
        (Check::BaseUrl, _) => text.and_then(values::base_url_problem),
        (Check::Wikidata, _) => text.and_then(values::wikidata_problem),
        (Check::Language, _) => text.and_then(values::language_problem),
        (Check::NonEmpty, _) => text.and_then(|t| values::empty_problem(label, t)),
        (Check::Alt, _) => text.and_then(|t| values::alt_problem(label, t)),
        (Check::Pixels, value) => {
            let number = match value {
                DeValue::Integer(i) => Some(i128::from_str_radix(i.as_str(), i.radix()).ok()),
                _ => None,
            };
            let problem = match number {
                Some(n) => values::pixels_problem(label, n),
                None => Some((
                    format!(
                        "{label} must be a whole number of pixels, not a {}",
                        value.type_str()
                    ),
                    Some(format!(
                        "write the number without quotes, e.g. {} = 1200",
                        label.rsplit(' ').next().unwrap_or(label)
                    )),
                )),
            };
            // serde refuses what is no u32: say it once, here.
            let fatal = number.is_none_or(|n| n.is_none_or(|n| u32::try_from(n).is_err()));
            if let Some(p) = problem {
                if fatal {
                    found.flagged.insert(key_at);
                }
                found.problems.push(Problem::new(at, p, fatal));
            }
            None
        }
        (Check::Hosts, DeValue::Array(items)) => {
            for item in items.iter() {
                if let Some(Err(p)) = item.get_ref().as_str().map(values::host) {
                    found
                        .problems
                        .push(Problem::new(item.span().start, p, false));
                }
            }
            None
        }
        (Check::Date, DeValue::Datetime(d)) if d.date.is_none() => {
            Some((format!("{label} must be a TOML date like 2025-08-18"), None))
        }
        // The contract's `date` is a TOML date: a time would be dropped without a word.
        (Check::Date, DeValue::Datetime(d)) if d.time.is_some() => Some((
            format!("{label} has a time, but it must be a TOML date like 2025-08-18"),
            d.date
                .map(|day| format!("pages show the day alone: write {label} = {day}")),
        )),
        (Check::Date, DeValue::String(s)) => {
            // `updates date` is written `date = …`.
            let key = label.rsplit(' ').next().unwrap_or(label);
            // serde would say "expected a TOML datetime"; this says what to write.
            found.flagged.insert(key_at);
            found.problems.push(Problem {
                cut: date_in(s).map(|_| Cut::Date(key_at)),
                ..Problem::new(
                    at,
                    (
                        match date_in(s) {
                            Some(_) => format!("{label} \"{s}\" is a string, not a TOML date"),
                            None => format!(
                                "{label} \"{s}\" is a string, not a TOML date, and no day of the calendar"
                            ),
                        },
                        Some(match date_in(s) {
                            Some(day) => format!("write the date without quotes: {key} = {day}"),
                            None => format!(
                                "write a day that is in the calendar, without quotes, e.g. {key} = 2025-08-18"
                            ),
                        }),
                    ),
                    true,
                )
            });
            None
        }
        (Check::Count(min, max), DeValue::Integer(i)) => {
            let n = i64::from_str_radix(&i.as_str().replace('_', ""), i.radix()).ok();
            n.is_none_or(|n| n < min || n > max).then(|| {
                (
                    format!("{label} must be a whole number from {min} to {max}"),
                    None,
                )
            })
        }
        (Check::Count(min, max), other) => {
            // serde would say "expected i64"; this says what to write.
            found.flagged.insert(key_at);
            found.problems.push(Problem::new(
                at,
                (
                    format!(
                        "{label} must be a whole number from {min} to {max}, not a {}",
                        other.type_str()
                    ),
                    None,
                ),
                true,
            ));
            None
        }
        (Check::Domains, DeValue::Array(items)) => {
            for item in items.iter() {
                if let Some(Err(p)) = item.get_ref().as_str().map(values::domain) {
                    found
                        .problems
                        .push(Problem::new(item.span().start, p, false));
                }
            }
            None
        }
        (Check::Tables(schema), DeValue::Array(items)) => {
            for item in items.iter() {
                match item.get_ref() {
                    DeValue::Table(t) => check_table(
                        schema,
                        t,
                        item.span().start,
                        Some(label),
                        Some(Cut::Item(item.span().start)),
                        found,
                    ),
                    other => found.problems.push(Problem {
                        cut: Some(Cut::Item(item.span().start)),
                        ..Problem::new(
                            item.span().start,
                            (
                                format!(
                                    "an entry of {label} must be a table ({}), not a {}",
                                    schema.what,
                                    other.type_str()
                                ),
                                None,
                            ),
                            true,
                        )
                    }),
                }
            }
            None
        }
        (Check::Tables(schema), other) => {
            found.flagged.insert(key_at);
            found.problems.push(Problem::new(
                at,
                (
                    format!(
                        "{label} must be an array of tables ({} each), not a {}",
                        schema.what,
                        other.type_str()
                    ),
                    Some(format!(
                        "write [[{label}]], with two brackets, over the keys of each one"
                    )),
                ),
                true,
            ));
            None
        }
        (Check::Table(schema) | Check::Inline(schema), DeValue::Table(t)) => {
            check_table(schema, t, at, Some(label), cut, found);
            None
        }
        (Check::Inline(schema), other) => {
            found.flagged.insert(key_at);
            let keys: Vec<String> = (schema.keys.iter())
                .filter(|k| k.required.is_some())
                .map(|k| format!("{} = \"…\"", k.name))
                .collect();
            found.problems.push(Problem::new(
                at,
                (
                    format!("{label} must be a table, not a {}", other.type_str()),
                    Some(format!("write {label} = {{ {} }}", keys.join(", "))),
                ),
                true,
            ));
            None
        }
        (Check::Table(_), other) => {
            found.flagged.insert(key_at);
            found.problems.push(Problem::new(
                at,
                (
                    format!("{label} must be a table, not a {}", other.type_str()),
                    Some(format!(
                        "write [{label}] and its keys on the lines below it"
                    )),
                ),
                true,
            ));
            None
        }
        _ => None,
    };
    if let Some(p) = problem {
        found.problems.push(Problem::new(at, p, false));
    }
}

/// The TOML date a string says, if it says one and no more (`"2025-08-18"`).
pub(super) fn date_in(s: &str) -> Option<toml::value::Datetime> {
    s.trim()
        .parse::<toml::value::Datetime>()
        .ok()
        .filter(|d| d.date.is_some() && d.time.is_none() && d.offset.is_none())
}

/// An optional text left blank (`dek = ""`) would show as nothing where the pages put
/// it, or as a separator with nothing after it: a `Check::Shown` key so written is left
/// out, as if its line were not there (with the unknown keys: see `Found::unknown`),
/// and the writer told.
pub(super) fn left_out_if_blank(
    check: Check,
    label: &str,
    key: &Spanned<toml::de::DeString<'_>>,
    v: &Spanned<DeValue<'_>>,
    found: &mut Found,
) {
    if matches!(check, Check::Shown) && v.get_ref().as_str().is_some_and(crate::text::is_blank) {
        found.unknown.insert(key.span().start);
        found.problems.push(Problem {
            warning: true,
            ..Problem::new(
                v.span().start,
                (
                    format!("{label} is empty, so it is left out"),
                    Some(format!("write the {label}, or remove the line")),
                ),
                false,
            )
        });
    }
}
