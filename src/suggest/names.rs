//! Names in running text: the capitalised runs of words (with the small words that join
//! them) that `suggest` offers as actors.

/// Words that start sentences or stand capitalised without naming anyone.
#[rustfmt::skip]
const STOP: &[&str] = &[
    "A", "About", "After", "Again", "Against", "Ahead", "All", "Also", "Although", "Among",
    "An", "And", "Any", "Are", "As", "At", "Because", "Before", "Both", "But", "By", "Can",
    "Despite", "During", "Each", "Earlier", "Even", "Every", "For", "From", "He", "Her", "Here",
    "His", "How", "However", "I", "If", "In", "Instead", "It", "Its", "Later", "Like", "Many",
    "Meanwhile", "More", "Most", "No", "Not", "Now", "Of", "On", "Once", "One", "Only", "Or",
    "Other", "Our", "Over", "She", "Since", "So", "Some", "Such", "That", "The", "Their",
    "Then", "There", "These", "They", "This", "Those", "Though", "Through", "To", "Under",
    "Until", "We", "What", "When", "Where", "Whether", "Which", "While", "Who", "Why", "With",
    "Without", "Yet", "You",
    // Months and days.
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday",
    "Saturday", "Sunday",
];

/// Titles and offices that stand before a name ("President Donald Trump"): dropped from
/// the front of a name so that the name itself is what is matched and suggested.
#[rustfmt::skip]
const TITLES: &[&str] = &[
    "President", "Prime", "Minister", "Chancellor", "Secretary", "General", "Special", "Envoy",
    "Senator", "Governor", "Mayor", "King", "Queen", "Pope", "Foreign", "Defense", "Defence",
    "Vice", "Deputy", "Mr", "Mrs", "Ms", "Dr", "Sir", "Dame", "Former", "Spokesman",
    "Spokeswoman", "Ambassador", "Commissioner", "Chief", "Leader", "Premier", "Finance",
    "Interior", "U.S.", "UK", "Russian", "Ukrainian", "French", "German", "British", "American",
];

/// Lower-case words that may stand inside a name ("United States of America"); not
/// "and", which joins two names far more often than it stands in one.
#[rustfmt::skip]
const JOINERS: &[&str] = &[
    "of", "the", "de", "del", "da", "von", "van", "der", "den", "al", "bin", "la", "le", "du", "y",
];

/// Words that make a name an organisation's.
#[rustfmt::skip]
pub(super) fn words(s: &str) -> Vec<String> {
    s.split(|c: char| c.is_whitespace())
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

/// Whether `hay` holds `needle` as a run of whole words.
pub(super) fn contains(hay: &[String], needle: &[String]) -> bool {
    !needle.is_empty() && hay.windows(needle.len()).any(|w| w == needle)
}

pub(super) fn is_acronym(w: &str) -> bool {
    let letters = w.chars().filter(|c| c.is_alphabetic()).count();
    letters >= 2
        && w.chars()
            .all(|c| c.is_uppercase() || c.is_ascii_digit() || c == '.' || c == '&')
}

pub(super) fn capitalised(w: &str) -> bool {
    w.chars().next().is_some_and(char::is_uppercase)
}

/// A word of the text: its characters, without surrounding punctuation or a possessive;
/// whether a name ends after it (punctuation follows), and whether a sentence does. A dotted acronym keeps its last dot ("U.S.")
/// and is not taken for the end of a sentence.
pub(super) fn tokens(text: &str) -> Vec<(String, bool, bool)> {
    let spaced: String = text
        .chars()
        .map(|c| {
            if "<>/()[]{}|\"“”=+*".contains(c) {
                ' '
            } else {
                c
            }
        })
        .collect();
    spaced
        .split_whitespace()
        .map(|raw| {
            let core = raw.trim_matches(|c: char| !c.is_alphanumeric() && c != '.' && c != '&');
            let dotted = core.trim_end_matches('.').contains('.');
            let word = if dotted {
                core
            } else {
                core.trim_end_matches('.')
            };
            let word = word
                .strip_suffix("’s")
                .or_else(|| word.strip_suffix("'s"))
                .unwrap_or(word);
            // "NATO-style", "U.S.-led": the name is the capitalised part.
            let word = match word.split_once('-') {
                Some((head, tail)) if !capitalised(tail) && capitalised(head) => head,
                _ => word,
            };
            let closing = raw.trim_end_matches(['’', '\'']);
            let ends = closing.ends_with(['!', '?', ':', ';']) || closing.ends_with('.') && !dotted;
            // Any other punctuation after the word ends a name, not the sentence.
            let breaks = ends || closing.ends_with(|c: char| !c.is_alphanumeric() && c != '.');
            (word.to_string(), breaks, ends)
        })
        .collect()
}

/// Whether a word reads as a name's: capitalised, or a number after a name ("Article 5").
pub(super) fn in_name(w: &str, after_name: bool) -> bool {
    capitalised(w) || after_name && !w.is_empty() && w.chars().all(|c| c.is_ascii_digit())
}

/// The capitalised names and acronyms of a block's text, as written, each with whether
/// it is surely a name: a lone capitalised word at a sentence's start may be an ordinary
/// word ("Read", "Fuel"), so it counts only if the name also occurs elsewhere.
pub fn names_in(text: &str) -> Vec<(String, bool)> {
    let toks = tokens(text);
    let mut out = Vec::new();
    let mut i = 0;
    let mut sentence_start = true;
    while i < toks.len() {
        let (w, _, ends) = &toks[i];
        if !capitalised(w) {
            sentence_start = *ends;
            i += 1;
            continue;
        }
        // A run of capitalised words (and numbers after them), with joiners inside it,
        // up to the first punctuation.
        let start = i;
        let mut end = i + 1;
        let (mut broken, mut last_ends) = (toks[i].1, toks[i].2);
        while end < toks.len() && !broken {
            let (next, next_breaks, next_ends) = &toks[end];
            let joiner = JOINERS.contains(&next.as_str())
                && !next_breaks
                && toks.get(end + 1).is_some_and(|(n, ..)| capitalised(n));
            if !in_name(next, true) && !joiner {
                break;
            }
            (broken, last_ends) = (*next_breaks, *next_ends);
            end += 1;
        }
        let mut run: Vec<&str> = toks[start..end].iter().map(|(w, ..)| w.as_str()).collect();
        // Stop words, titles and joiners at the front are not part of the name.
        while run
            .first()
            .is_some_and(|w| STOP.contains(w) || TITLES.contains(w) || JOINERS.contains(w))
        {
            run.remove(0);
        }
        if let Some(first) = run.first()
            && run.iter().any(|w| w.chars().any(char::is_alphabetic))
        {
            let alone_at_start = sentence_start && end - start == 1 && !is_acronym(first);
            out.push((run.join(" "), !alone_at_start));
        }
        sentence_start = last_ends;
        i = end;
    }
    out
}
