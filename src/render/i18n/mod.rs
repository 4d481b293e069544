//! The site's own words in its language: headings, labels, stance and note names,
//! dates, counts. Each built-in language is a TOML table beside this file (so that a
//! translator edits TOML, not Rust), `en.toml` the reference whose keys every other
//! table has; a site's `i18n/LANG.toml` overrides any of them (see `load`). Templates
//! see the table as `t` (`{{ t.updated }}`, `{{ t.n_notes | plural(n=count) }}`,
//! `{{ t.verdict | fill(verdict=v) }}`: see `filters`), and the Rust that writes words
//! takes them from the same table.

mod filters;
mod load;
mod plural;

use std::collections::BTreeMap;

use serde::ser::{Serialize, SerializeMap, Serializer};

use crate::model::{ActorKind, AnnotationKind, StanceKind};
pub use filters::register;
pub use load::{OVERRIDES, load};

/// The built-in tables, by primary language subtag (`de` serves `de`, `de-AT`, `de-CH`).
pub const BUILT_IN: &[(&str, &str)] = &[
    ("ar", include_str!("ar.toml")),
    ("de", include_str!("de.toml")),
    ("en", include_str!("en.toml")),
    ("es", include_str!("es.toml")),
    ("fr", include_str!("fr.toml")),
    ("ru", include_str!("ru.toml")),
    ("uk", include_str!("uk.toml")),
];

/// One entry of a table.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Entry {
    /// A text, maybe with `{name}` slots and `[text]({name})` links.
    Text(String),
    /// A text per CLDR plural category (`one`, `few`, `many`, `other` …), picked by a
    /// count; `other` is always there.
    Forms(BTreeMap<String, String>),
    /// A list of texts (the months).
    List(Vec<String>),
}

impl Entry {
    /// What kind of entry it is, for messages.
    fn shape(&self) -> &'static str {
        match self {
            Entry::Text(_) => "a string",
            Entry::Forms(_) => "a table of plural forms",
            Entry::List(_) => "an array of strings",
        }
    }
}

/// The words of a site's pages, in its language.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Strings {
    /// The language whose plural rules pick among forms (the site's `language`).
    lang: String,
    /// Every key of the English table, with its text.
    entries: BTreeMap<String, Entry>,
}

impl Default for Strings {
    /// The English table.
    fn default() -> Self {
        Strings::built_in("en").unwrap_or_else(|| Strings {
            lang: "en".into(),
            entries: BTreeMap::new(),
        })
    }
}

impl Serialize for Strings {
    /// A map of key to text, forms or list; each table of forms also carries the
    /// language (`_lang`), so that the `plural` filter needs nothing else.
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(self.entries.len()))?;
        for (key, entry) in &self.entries {
            match entry {
                Entry::Text(t) => map.serialize_entry(key, t)?,
                Entry::List(l) => map.serialize_entry(key, l)?,
                Entry::Forms(f) => {
                    let mut with_lang: BTreeMap<&str, &str> =
                        f.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
                    with_lang.insert("_lang", &self.lang);
                    map.serialize_entry(key, &with_lang)?;
                }
            }
        }
        map.end()
    }
}

/// The primary language subtag of a BCP 47 tag, lowercased: `de-AT` → `de`.
pub fn primary(tag: &str) -> String {
    oxilangtag::LanguageTag::parse(tag)
        .map(|t| t.primary_language().to_ascii_lowercase())
        .unwrap_or_else(|_| {
            tag.split(['-', '_'])
                .next()
                .unwrap_or("")
                .to_ascii_lowercase()
        })
}

impl Strings {
    /// The built-in table of `lang` (a primary subtag), if there is one.
    pub fn built_in(lang: &str) -> Option<Strings> {
        let text = BUILT_IN.iter().find(|(l, _)| *l == lang)?.1;
        let (entries, problems) = load::parse(text);
        debug_assert!(problems.is_empty(), "{lang}.toml: {problems:?}");
        Some(Strings {
            lang: lang.to_string(),
            entries: entries.into_iter().map(|(k, (_, e))| (k, e)).collect(),
        })
    }

    /// The English table for a site in `lang` (its plural rules still those of `lang`).
    fn english_for(lang: &str) -> Strings {
        Strings {
            lang: lang.to_string(),
            ..Strings::default()
        }
    }

    /// The text of `key` (empty if the table has no such text: a slip of the code, which
    /// debug builds and so the tests stop at).
    pub fn get(&self, key: &str) -> &str {
        match self.entries.get(key) {
            Some(Entry::Text(t)) => t,
            _ => {
                debug_assert!(false, "the table has no text \"{key}\"");
                ""
            }
        }
    }

    /// The text of `key` with its `{name}` slots filled from `args`.
    pub fn fill(&self, key: &str, args: &[(&str, &str)]) -> String {
        fill_plain(self.get(key), args)
    }

    /// The form of `key` for the count `n`, `{n}` and the slots of `args` filled in.
    pub fn count(&self, key: &str, n: usize, args: &[(&str, &str)]) -> String {
        let text = match self.entries.get(key) {
            Some(Entry::Forms(forms)) => plural::pick(forms, &self.lang, n as u64),
            Some(Entry::Text(t)) => t.as_str(),
            _ => {
                debug_assert!(false, "the table has no forms \"{key}\"");
                ""
            }
        };
        let n = n.to_string();
        let mut all = vec![("n", n.as_str())];
        all.extend_from_slice(args);
        fill_plain(text, &all)
    }

    /// The word of a stance: `Supports` ….
    pub fn stance(&self, kind: StanceKind) -> &str {
        self.get(&format!("stance_{}", kind.key()))
    }

    /// The name of a kind of note: `Fact check` ….
    pub fn note_kind(&self, kind: AnnotationKind) -> &str {
        self.get(&format!("note_{}", kind.key().replace('-', "_")))
    }

    /// The name of a kind of actor: `Person` ….
    pub fn actor_kind(&self, kind: ActorKind) -> &str {
        self.get(&format!("actor_{}", kind.key()))
    }

    /// The heading of a group of actors of one kind: `People` ….
    pub fn actor_group(&self, kind: ActorKind) -> &str {
        self.get(&format!("group_{}", kind.key()))
    }

    /// A day, `YYYY-MM-DD`, as readers of the language write it: `19 August 2025`,
    /// `19. August 2025`, `1er août 2025`. Anything else is shown as it is.
    pub fn date(&self, date: &str) -> String {
        let parts: Vec<usize> = date.split('-').filter_map(|p| p.parse().ok()).collect();
        let months = match self.entries.get("months") {
            Some(Entry::List(m)) if m.len() == 12 => m,
            _ => return date.to_string(),
        };
        match parts.as_slice() {
            [y, m, d] if (1..=12).contains(m) && date.len() == 10 => {
                let day = if *d == 1 {
                    self.get("first_day").to_string()
                } else {
                    d.to_string()
                };
                let year = y.to_string();
                fill_plain(
                    self.get("date"),
                    &[("day", &day), ("month", &months[m - 1]), ("year", &year)],
                )
            }
            _ => date.to_string(),
        }
    }
}

/// `text` with each `{name}` of `args` replaced by its value; other braces stay.
pub fn fill_plain(text: &str, args: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    let mut rest = text;
    while let Some(i) = rest.find('{') {
        out.push_str(&rest[..i]);
        let after = &rest[i + 1..];
        match after.find('}').and_then(|j| {
            args.iter()
                .find(|(k, _)| *k == &after[..j])
                .map(|a| (j, a.1))
        }) {
            Some((j, value)) => {
                out.push_str(value);
                rest = &after[j + 1..];
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// A text of the table for an HTML attribute that Rust writes by hand (templates escape
/// what they write; this does the same).
pub fn attr(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('"', "&quot;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

#[cfg(test)]
mod tests;
