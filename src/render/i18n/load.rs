//! A site's table: the built-in one of its language, with the keys of its
//! `i18n/LANG.toml` in place of the built-in texts. Each problem of that file is a
//! diagnostic at its line: an unknown key (with the nearest known one), a text where
//! forms are wanted, forms without `other`. A language with neither a built-in table
//! nor a file of its own is written in English, with a warning at `language`.

use std::collections::BTreeMap;
use std::path::Path;

use anyhow::{Context as _, Result};
use toml::de::{DeTable, DeValue};

use super::plural::CATEGORIES;
use super::{BUILT_IN, Entry, Strings, primary};
use crate::content::LineMap;
use crate::content::front::SiteFront;
use crate::diagnostic::{Diagnostic, did_you_mean};

/// The folder of a site's own tables, at its root.
pub const OVERRIDES: &str = "i18n";

/// A table's entries by key, each with the byte offset of its key in the text.
pub(super) type Parsed = BTreeMap<String, (usize, Entry)>;

/// A value that is no entry, at the byte offset of its key.
#[derive(Debug, PartialEq)]
pub(super) struct Problem {
    pub at: usize,
    /// Its key (none for a syntax error): a key the tables do not have is reported as
    /// unknown, whatever its value.
    pub key: Option<String>,
    /// What is wrong; none for a value of no entry's type (a number, a date), whose
    /// message names the type its key wants.
    pub message: Option<String>,
}

/// The entries of a table's TOML, and its problems: each syntax error, and what is
/// wrong with the entries the parser could still read (a duplicate key hid them).
pub(super) fn parse(text: &str) -> (Parsed, Vec<Problem>) {
    let (table, syntax) = DeTable::parse_recoverable(text);
    let mut problems: Vec<Problem> = syntax
        .iter()
        .map(|e| Problem {
            at: e.span().map_or(0, |s| s.start),
            key: None,
            message: Some(crate::content::syntax_message(e, text)),
        })
        .collect();
    let mut out = Parsed::new();
    for (key, value) in table.get_ref() {
        let at = key.span().start;
        let name = key.get_ref().to_string();
        match entry(&name, value.get_ref()) {
            Ok(e) => {
                out.insert(name, (at, e));
            }
            Err(message) => problems.push(Problem {
                at,
                key: Some(name),
                message,
            }),
        }
    }
    (out, problems)
}

/// One value as an entry; `Err(None)` for a value of no entry's type.
fn entry(key: &str, value: &DeValue) -> std::result::Result<Entry, Option<String>> {
    let text = |v: &DeValue| match v {
        DeValue::String(s) => Some(s.to_string()),
        _ => None,
    };
    match value {
        DeValue::String(s) => Ok(Entry::Text(s.to_string())),
        DeValue::Array(items) => items
            .iter()
            .map(|i| text(i.get_ref()))
            .collect::<Option<Vec<_>>>()
            .map(Entry::List)
            .ok_or_else(|| Some(format!("{key} must be an array of strings"))),
        DeValue::Table(forms) => {
            let mut out = BTreeMap::new();
            for (cat, v) in forms {
                let cat = cat.get_ref().to_string();
                if !CATEGORIES.contains(&cat.as_str()) {
                    return Err(Some(format!(
                        "{key}.{cat} is not a plural category (they are {})",
                        CATEGORIES.join(", ")
                    )));
                }
                let v = text(v.get_ref())
                    .ok_or_else(|| Some(format!("{key}.{cat} must be a string")))?;
                out.insert(cat, v);
            }
            if !out.contains_key("other") {
                return Err(Some(format!(
                    "{key} has no \"other\" form: every table of forms needs one, the form of any count whose own is missing"
                )));
            }
            Ok(Entry::Forms(out))
        }
        _ => Err(None),
    }
}

/// The table of the site of `root`, whose `site.toml` is `site` (`lines` locating its
/// keys), and what is wrong with its own file. `Err` is a file that cannot be read.
pub fn load(
    root: &Path,
    site: Option<&SiteFront>,
    lines: &LineMap,
) -> Result<(Strings, Vec<Diagnostic>)> {
    let language = site.and_then(|s| s.language.as_ref());
    let tag = language.map_or("en", |l| l.get_ref().as_str());
    if crate::content::values::language_problem(tag).is_some() {
        // An error at `language` already: no table is looked for until it is a tag.
        return Ok((Strings::default(), Vec::new()));
    }
    let lang = primary(tag);
    let mut diags = Vec::new();
    let folder = crate::content::is_folder(root, OVERRIDES, &mut diags);
    let own = [tag.to_string(), lang.clone()]
        .into_iter()
        .map(|name| format!("{OVERRIDES}/{name}.toml"))
        .find(|rel| {
            folder
                && crate::content::file_to_read(root, rel).unwrap_or_else(|d| {
                    diags.push(d);
                    false
                })
        });
    if folder {
        diags.extend(strays(root, own.as_deref(), tag, &lang));
    }
    let built_in = Strings::built_in(&lang);
    let known: Vec<&str> = BUILT_IN.iter().map(|(l, _)| *l).collect();
    let mut strings = match &built_in {
        Some(s) => Strings {
            lang: tag.to_string(),
            ..s.clone()
        },
        None => Strings::english_for(tag),
    };
    let Some(rel) = own else {
        if built_in.is_none() {
            let line = language.map(|l| lines.line(l.span().start));
            diags.push(
                Diagnostic::warning(
                    "content/site.toml",
                    line.or(Some(1)),
                    format!("language \"{tag}\" has no built-in strings: the pages' own words (headings, labels, dates) are in English"),
                )
                .with_hint(Some(format!(
                    "the built-in languages are {}; for another, translate {OVERRIDES}/{lang}.toml (see the README)",
                    known.join(", ")
                ))),
            );
        }
        return Ok((strings, diags));
    };
    let bytes = std::fs::read(root.join(&rel)).with_context(|| format!("failed to read {rel}"))?;
    let Ok(text) = String::from_utf8(bytes) else {
        diags.push(Diagnostic::error(
            &rel,
            Some(1),
            "not UTF-8: save the file as UTF-8",
        ));
        return Ok((strings, diags));
    };
    let file_lines = LineMap::new(&text, 1);
    let (parsed, problems) = parse(&text);
    let english = Strings::default();
    let unknown = |key: &str, line| {
        Diagnostic::error(&rel, line, format!("unknown key \"{key}\"")).with_hint(
            did_you_mean(key, english.entries.keys().map(String::as_str)).or_else(|| {
                Some(format!(
                    "the keys are those of the built-in {OVERRIDES} tables, listed in the README"
                ))
            }),
        )
    };
    for problem in problems {
        let line = Some(file_lines.line(problem.at));
        let want = problem.key.as_ref().map(|k| (k, english.entries.get(k)));
        diags.push(match (want, problem.message) {
            (Some((key, None)), _) => unknown(key, line),
            (Some((key, Some(want))), None) => Diagnostic::error(
                &rel,
                line,
                format!("{key} must be {}, as in the built-in table", want.shape()),
            ),
            (_, message) => Diagnostic::error(&rel, line, message.unwrap_or_default()),
        });
    }
    let mut given = std::collections::BTreeSet::new();
    for (key, (at, entry)) in parsed {
        let line = Some(file_lines.line(at));
        match english.entries.get(&key) {
            None => diags.push(unknown(&key, line)),
            Some(want) if std::mem::discriminant(want) != std::mem::discriminant(&entry) => diags
                .push(Diagnostic::error(
                    &rel,
                    line,
                    format!("{key} must be {}, as in the built-in table", want.shape()),
                )),
            Some(want) => {
                if let Some(message) = wrong_value(&key, &entry) {
                    diags.push(Diagnostic::error(&rel, line, message));
                } else {
                    if let Some(d) = unknown_slots(&key, &entry, want) {
                        diags.push(Diagnostic::warning(&rel, line, d.0).with_hint(Some(d.1)));
                    }
                    given.insert(key.clone());
                    strings.entries.insert(key, entry);
                }
            }
        }
    }
    if built_in.is_none() {
        let missing: Vec<&str> = english
            .entries
            .keys()
            .filter(|k| !given.contains(*k))
            .map(String::as_str)
            .collect();
        if !missing.is_empty() {
            let shown: Vec<&str> = missing.iter().take(8).copied().collect();
            diags.push(Diagnostic::warning(
                &rel,
                Some(1),
                format!(
                    "{} of the {} keys are missing, and shown in English: {}{}",
                    missing.len(),
                    english.entries.len(),
                    shown.join(", "),
                    if missing.len() > shown.len() { ", …" } else { "" }
                ),
            ).with_hint(Some(format!("there is no built-in table for \"{lang}\" to fall back on; copy the English one from the README and translate it"))));
        }
    }
    Ok((strings, diags))
}

/// A warning at each entry of `i18n/` that is not the table read, `used`: a table of
/// another language or a misnamed one would otherwise be ignored without a word.
fn strays(root: &Path, used: Option<&str>, tag: &str, lang: &str) -> Vec<Diagnostic> {
    let Ok(entries) = std::fs::read_dir(root.join(OVERRIDES)) else {
        return Vec::new();
    };
    let mut names: Vec<String> = entries
        .filter_map(|e| Some(e.ok()?.file_name().to_string_lossy().into_owned()))
        .filter(|n| !n.starts_with('.'))
        .collect();
    names.sort();
    let tables = if tag == lang {
        format!("{OVERRIDES}/{lang}.toml")
    } else {
        format!("{OVERRIDES}/{tag}.toml or {OVERRIDES}/{lang}.toml")
    };
    names
        .into_iter()
        .map(|name| format!("{OVERRIDES}/{name}"))
        .filter(|rel| Some(rel.as_str()) != used)
        .map(|rel| {
            let why = match used {
                Some(used) => format!("the site's language is \"{tag}\", whose table is {used}"),
                None => format!("the site's language is \"{tag}\", whose table would be {tables}"),
            };
            Diagnostic::warning(&rel, Some(1), format!("is not read: {why}")).with_hint(Some(
                format!("{OVERRIDES}/ holds the table of the site's language only; keep other files elsewhere"),
            ))
        })
        .collect()
}

/// The names of the `{name}` slots of `text`, sorted, once each.
pub(super) fn slots(text: &str) -> Vec<&str> {
    let mut out: Vec<&str> = (text.split('{').skip(1))
        .filter_map(|s| s.split_once('}').map(|(name, _)| name))
        .filter(|name| {
            !name.is_empty() && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
        })
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// The texts of an entry (none for a list).
pub(super) fn texts(entry: &Entry) -> Vec<&str> {
    match entry {
        Entry::Text(t) => vec![t.as_str()],
        Entry::Forms(f) => f.values().map(String::as_str).collect(),
        Entry::List(_) => Vec::new(),
    }
}

/// A warning, and its hint, for the slots of a site's `entry` of `key` that the page
/// does not fill (those of the built-in text, `want`): a misspelt `{nme}` would be shown
/// as written.
fn unknown_slots(key: &str, entry: &Entry, want: &Entry) -> Option<(String, String)> {
    let allowed: Vec<&str> = texts(want).into_iter().flat_map(slots).collect();
    let mut unknown: Vec<&str> = (texts(entry).into_iter().flat_map(slots))
        .filter(|s| !allowed.contains(s))
        .collect();
    unknown.sort_unstable();
    unknown.dedup();
    let first = unknown.first()?;
    let all: Vec<String> = unknown.iter().map(|s| format!("{{{s}}}")).collect();
    let hint = match did_you_mean(first, allowed.iter().copied()) {
        Some(near) => near,
        None if allowed.is_empty() => format!("the text of {key} has no slots to fill"),
        None => {
            let mut names: Vec<String> = allowed.iter().map(|s| format!("{{{s}}}")).collect();
            names.sort();
            names.dedup();
            format!("the slots of {key} are {}", names.join(", "))
        }
    };
    Some((
        format!(
            "{key} has {}, which the page does not fill: it is shown as written",
            all.join(", ")
        ),
        hint,
    ))
}

/// What is wrong with a value of the right shape, if anything.
fn wrong_value(key: &str, entry: &Entry) -> Option<String> {
    let forbidden = texts(entry)
        .into_iter()
        .find_map(|t| t.chars().find(|&c| crate::text::is_forbidden(c)));
    if let Some(c) = forbidden {
        return Some(crate::text::forbidden_message(key, c));
    }
    if says_nothing(entry) && !says_nothing_somewhere(key) {
        return Some(format!(
            "{key} is empty: the pages would show nothing where it is used (a stance, a label)"
        ));
    }
    match (key, entry) {
        ("months", Entry::List(m)) if m.len() != 12 => Some(format!(
            "months must name 12 months, January first (it names {})",
            m.len()
        )),
        ("dir", Entry::Text(d)) if d != "ltr" && d != "rtl" => Some(format!(
            "dir must be \"ltr\" (left to right) or \"rtl\" (right to left), not \"{d}\""
        )),
        _ => None,
    }
}

/// Whether every text of `entry` is blank.
fn says_nothing(entry: &Entry) -> bool {
    texts(entry).into_iter().all(crate::text::is_blank)
}

/// Whether a built-in table leaves `key` blank (a language that needs no word there,
/// as French needs none for a pager's hidden "previous"): then a site's table may too.
fn says_nothing_somewhere(key: &str) -> bool {
    BUILT_IN
        .iter()
        .filter_map(|(lang, _)| Strings::built_in(lang))
        .any(|table| table.entries.get(key).is_some_and(says_nothing))
}
