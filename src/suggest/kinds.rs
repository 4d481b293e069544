//! The kind `suggest` guesses for a new actor from its name alone.

use super::names::{is_acronym, words};

/// Abbreviations and names of states that no word of `STATE` shows.
#[rustfmt::skip]
const STATE_NAMES: &[&str] = &[
    "US", "U.S.", "USA", "U.S.A.", "UK", "U.K.", "UAE", "U.A.E.", "USSR", "DRC", "PRC", "DPRK",
    "Soviet Union",
];

/// Words that make a name a state's.
const STATE: &[&str] = &["Kingdom", "Republic", "States", "Emirates"];

/// Words that make a name an organisation's.
const ORGANISATION: &[&str] = &[
    "Union",
    "Organization",
    "Organisation",
    "Council",
    "Commission",
    "Ministry",
    "Party",
    "Agency",
    "Bank",
    "Fund",
    "Forces",
    "Army",
    "Alliance",
    "Committee",
    "Parliament",
    "Congress",
    "Department",
    "Office",
    "Court",
    "Company",
    "Corporation",
    "Institute",
    "Association",
    "Coalition",
];

/// The kind a name most likely is: a state for the abbreviations and names of states
/// and for names with a state's word ("United Kingdom"), an organisation for names with
/// an organisation's word ("European Union") and for other acronyms in Latin letters
/// ("NATO"); no guess otherwise.
pub(super) fn kind_of(name: &str) -> Option<&'static str> {
    let w = words(name);
    let has = |list: &[&str]| w.len() > 1 && w.iter().any(|x| list.contains(&x.as_str()));
    if STATE_NAMES.contains(&name) {
        Some("state")
    } else if has(ORGANISATION) {
        Some("organisation")
    } else if has(STATE) {
        Some("state")
    } else if is_acronym(name) && name.is_ascii() {
        Some("organisation")
    } else {
        None
    }
}
