//! Which plural form a count takes in a language, by the CLDR rules (ICU4X's
//! `icu_plurals`): English and German have one/other, French counts 0 with 1,
//! Ukrainian and Russian have one/few/many (1, 21 · 2–4, 22 · 5–20, 25), Arabic has
//! zero/one/two/few/many/other. A site's own table for any other language gets that
//! language's rules too.

use std::cell::RefCell;
use std::collections::BTreeMap;

use icu_locale_core::Locale;
use icu_plurals::{PluralCategory, PluralRules};

thread_local! {
    /// The rules of each language asked for on this thread (a build asks for one).
    static RULES: RefCell<BTreeMap<String, Option<PluralRules>>> = const { RefCell::new(BTreeMap::new()) };
}

/// The CLDR plural category of `n` in `lang` (a BCP 47 tag): `one`, `few`, `other` ….
/// A language CLDR does not know counts as English does.
pub fn category(lang: &str, n: u64) -> &'static str {
    let english = |n: u64| if n == 1 { "one" } else { "other" };
    RULES.with(|rules| {
        let mut rules = rules.borrow_mut();
        let rule = rules.entry(lang.to_string()).or_insert_with(|| {
            let locale = Locale::try_from_str(lang).ok()?;
            PluralRules::try_new_cardinal(locale.into()).ok()
        });
        match rule {
            Some(r) => name(r.category_for(n)),
            None => english(n),
        }
    })
}

fn name(c: PluralCategory) -> &'static str {
    match c {
        PluralCategory::Zero => "zero",
        PluralCategory::One => "one",
        PluralCategory::Two => "two",
        PluralCategory::Few => "few",
        PluralCategory::Many => "many",
        PluralCategory::Other => "other",
    }
}

/// The form of `forms` for `n` in `lang`: the one of its category, else `other`.
pub fn pick<'f>(forms: &'f BTreeMap<String, String>, lang: &str, n: u64) -> &'f str {
    forms
        .get(category(lang, n))
        .or_else(|| forms.get("other"))
        .map_or("", String::as_str)
}

/// The plural categories a table of forms may name.
pub const CATEGORIES: [&str; 6] = ["zero", "one", "two", "few", "many", "other"];

#[cfg(test)]
mod tests {
    use super::category;

    #[test]
    fn categories_follow_each_language() {
        let cats =
            |lang: &str, ns: &[u64]| ns.iter().map(|&n| category(lang, n)).collect::<Vec<_>>();
        assert_eq!(cats("en", &[0, 1, 2]), ["other", "one", "other"]);
        assert_eq!(cats("de-AT", &[1, 5]), ["one", "other"]);
        assert_eq!(cats("fr", &[0, 1, 2]), ["one", "one", "other"]);
        assert_eq!(
            cats("uk", &[1, 2, 5, 11, 21, 22, 25, 111]),
            ["one", "few", "many", "many", "one", "few", "many", "many"]
        );
        assert_eq!(cats("ru", &[1, 3, 12, 31]), ["one", "few", "many", "one"]);
        assert_eq!(
            cats("ar", &[0, 1, 2, 3, 10, 11, 99, 100, 102]),
            [
                "zero", "one", "two", "few", "few", "many", "many", "other", "other"
            ]
        );
        assert_eq!(cats("pl", &[1, 2, 5]), ["one", "few", "many"]);
    }
}
