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
    // Words of time and manner that open a sentence ("Yesterday Sean Smith met …").
    "Yesterday", "Today", "Tonight", "Tomorrow", "Recently", "Finally", "Still", "Soon",
    "Last", "Next", "Afterwards", "Overnight", "Separately", "Asked", "According",
    // Months and days.
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday",
    "Saturday", "Sunday",
];

/// Words that take a possessive at a sentence's start without naming anyone ("Today’s
/// talks", "Women’s rights"): such a word alone is no surer a name than any other.
#[rustfmt::skip]
const COMMON_POSSESSORS: &[&str] = &[
    "Today", "Yesterday", "Tomorrow", "Tonight", "Everyone", "Everybody", "Nobody", "Somebody",
    "Someone", "Anyone", "Let", "Women", "Men", "Children", "People", "World", "Country",
    "Nation", "Government", "Year", "Week",
];

/// Titles and offices that stand before a name ("President Donald Trump"): dropped from
/// the front of a name so that the name itself is what is matched and suggested.
#[rustfmt::skip]
const TITLES: &[&str] = &[
    "President", "Prime", "Minister", "Chancellor", "Secretary", "Special", "Envoy",
    "Senator", "Governor", "Mayor", "King", "Queen", "Pope", "Vice", "Deputy", "Mr", "Mrs",
    "Ms", "Dr", "Sir", "Dame", "Former", "Spokesman", "Spokeswoman", "Ambassador",
    "Commissioner", "Chief", "Leader", "Premier", "Gen", "Col", "Lt", "Sgt", "Gov", "Sen",
    "Rep", "Prof", "Capt", "Maj", "Adm", "Cmdr", "Rev",
];

use crate::text::SHORT_TITLES;

/// Words that stand before a title ("UK Prime Minister", "Finance Minister", "Secretary
/// General") but are also names or parts of names ("the UK", "Finance Ministry",
/// "General Motors"): dropped only next to a title.
#[rustfmt::skip]
const QUALIFIERS: &[&str] = &[
    "General", "Foreign", "Defense", "Defence", "Finance", "Interior", "U.S.", "US", "UK",
    "U.K.", "EU", "UN", "Russian", "Ukrainian", "French", "German", "British", "American",
];

/// Lower-case words that may stand inside a name ("United States of America"); not
/// "and", which joins two names far more often than it stands in one.
#[rustfmt::skip]
const JOINERS: &[&str] = &[
    "of", "the", "de", "del", "da", "von", "van", "der", "den", "al", "bin", "la", "le", "du", "y",
];

/// Characters that separate words and end a name: "European Union (EU)" is two names.
const SEPARATORS: &str = "<>/()[]{}|\"“”=+*—–";

/// The words of an actor's name or alias, as `tokens` reads the text's ("Lloyd’s" is
/// "Lloyd"), normalised as the text's blocks are ("O’Neill" is "O'Neill").
pub(super) fn words(s: &str) -> Vec<String> {
    crate::text::normalize(s)
        .split(|c: char| c.is_whitespace())
        .filter(|w| !w.is_empty())
        .map(|w| strip_possessive(w).0.to_string())
        .collect()
}

/// Whether `hay` holds `needle` as a run of whole words.
pub(super) fn contains(hay: &[String], needle: &[String]) -> bool {
    !needle.is_empty() && hay.windows(needle.len()).any(|w| w == needle)
}

/// Whether `w` is an acronym: two letters or more, all capitals ("UK", "U.S.", "COP30",
/// "COVID-19").
pub(super) fn is_acronym(w: &str) -> bool {
    let letters = w.chars().filter(|c| c.is_alphabetic()).count();
    letters >= 2
        && w.chars()
            .all(|c| c.is_uppercase() || c.is_ascii_digit() || matches!(c, '.' | '&' | '-'))
}

/// Whether `w` starts with a capital.
pub(super) fn capitalised(w: &str) -> bool {
    w.chars().next().is_some_and(char::is_uppercase)
}

/// `w` without a possessive `’s` or `'s`, and whether it had one.
fn strip_possessive(w: &str) -> (&str, bool) {
    match w.strip_suffix("’s").or_else(|| w.strip_suffix("'s")) {
        Some(stem) if !stem.is_empty() => (stem, true),
        _ => (w, false),
    }
}

/// A word of the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Token {
    /// Its characters, without surrounding punctuation or a possessive.
    pub word: String,
    /// Whether a name ends after it: punctuation or a possessive follows it, or the next
    /// word opens with punctuation.
    pub breaks: bool,
    /// Whether a sentence ends after it.
    pub ends: bool,
    /// Whether it had a possessive (`Ukraine’s`).
    pub possessive: bool,
}

/// The words of the text. A dotted acronym keeps its last dot ("U.S.") and is not taken
/// for the end of a sentence.
pub(super) fn tokens(text: &str) -> Vec<Token> {
    let mut out: Vec<Token> = Vec::new();
    // Whether a separator stands between the last word and the next.
    let mut separated = false;
    let mut rest = text;
    while !rest.is_empty() {
        let end = rest
            .find(|c: char| c.is_whitespace() || SEPARATORS.contains(c))
            .unwrap_or(rest.len());
        let (raw, after) = rest.split_at(end);
        if !raw.is_empty() {
            // A word that opens with punctuation (an opening quote, a dash) starts anew.
            let opens = raw.starts_with(|c: char| !c.is_alphanumeric());
            if let Some(last) = out.last_mut()
                && (separated || opens)
            {
                last.breaks = true;
            }
            separated = false;
            out.push(token(raw));
        }
        let mut chars = after.chars();
        if let Some(c) = chars.next() {
            separated |= SEPARATORS.contains(c);
        }
        rest = chars.as_str();
    }
    if let Some(last) = out.last_mut()
        && separated
    {
        last.breaks = true;
    }
    out
}

/// One word of the text, as `tokens` reads it.
fn token(raw: &str) -> Token {
    let core = raw.trim_matches(|c: char| !c.is_alphanumeric() && c != '.' && c != '&');
    let dotted = core.trim_end_matches('.').contains('.');
    let word = if dotted {
        core
    } else {
        core.trim_end_matches('.')
    };
    let (word, possessive) = strip_possessive(word);
    // "NATO-style", "U.S.-led": the name is the capitalised part; not of "COVID-19".
    let word = match word.split_once('-') {
        Some((head, tail))
            if !capitalised(tail)
                && capitalised(head)
                && !tail.chars().all(|c| c.is_ascii_digit()) =>
        {
            head
        }
        _ => word,
    };
    let closing = raw.trim_end_matches(['’', '\'']);
    if SHORT_TITLES.contains(&word) && raw.ends_with('.') {
        return Token {
            word: word.to_string(),
            breaks: false,
            ends: false,
            possessive: false,
        };
    }
    let ends = closing.ends_with(['!', '?', ':', ';']) || closing.ends_with('.') && !dotted;
    // Any other punctuation after the word (a closing quote too), or a possessive, ends
    // a name, not the sentence: "Ukraine’s NATO bid" names Ukraine and NATO.
    let breaks = ends || possessive || raw.ends_with(|c: char| !c.is_alphanumeric() && c != '.');
    Token {
        word: word.to_string(),
        breaks,
        ends,
        possessive,
    }
}

/// Whether a word reads as a name's: capitalised, or a number after a name ("Article 5").
pub(super) fn in_name(w: &str, after_name: bool) -> bool {
    capitalised(w) || after_name && !w.is_empty() && w.chars().all(|c| c.is_ascii_digit())
}

/// A name found in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Name {
    /// The name as written, without the titles and small words before it.
    pub name: String,
    /// Whether it is surely a name: a lone capitalised word at a sentence's start may be
    /// an ordinary word ("Read", "Fuel").
    pub sure: bool,
    /// Its words' place among the text's words (`Scan::words`).
    pub at: std::ops::Range<usize>,
}

/// A text's words and the names among them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Scan {
    /// Every word of the text, as names are compared (without punctuation or possessive).
    pub words: Vec<String>,
    /// The names, in text order.
    pub names: Vec<Name>,
}

/// The capitalised names and acronyms of a block's text, as written, each with whether
/// it is surely a name: a lone capitalised word at a sentence's start may be an ordinary
/// word ("Read", "Fuel"), so it counts only if the name also occurs elsewhere.
pub fn names_in(text: &str) -> Vec<Name> {
    scan(text).names
}

/// The words and names of a block's text (see `names_in`).
pub fn scan(text: &str) -> Scan {
    let toks = tokens(text);
    let mut names = Vec::new();
    let mut i = 0;
    let mut sentence_start = true;
    while i < toks.len() {
        if !capitalised(&toks[i].word) {
            sentence_start = toks[i].ends;
            i += 1;
            continue;
        }
        // A run of capitalised words (and numbers after them), with joiners inside it,
        // up to the first punctuation.
        let start = i;
        let mut end = i + 1;
        while end < toks.len() && !toks[end - 1].breaks {
            let next = &toks[end];
            // Joiners inside a name, one or more ("von der Leyen"), before a capital.
            let joined = (toks[end..].iter())
                .take_while(|t| JOINERS.contains(&t.word.as_str()) && !t.breaks)
                .count();
            let joiner = joined > 0 && toks.get(end + joined).is_some_and(|n| capitalised(&n.word));
            if !in_name(&next.word, true) && !joiner {
                break;
            }
            end += 1;
        }
        let run: Vec<&str> = toks[start..end].iter().map(|t| t.word.as_str()).collect();
        let from = start + leading(&run);
        let name = &toks[from..end];
        if let Some(first) = name.first()
            && name.iter().any(|t| t.word.chars().any(char::is_alphabetic))
        {
            // A lone word that takes a possessive is a name ("Ukraine’s bid"), unless it
            // is a common noun that does.
            let owner = first.possessive && !COMMON_POSSESSORS.contains(&first.word.as_str());
            let alone_at_start =
                sentence_start && end - start == 1 && !is_acronym(&first.word) && !owner;
            let words: Vec<&str> = name.iter().map(|t| t.word.as_str()).collect();
            names.push(Name {
                name: words.join(" "),
                sure: !alone_at_start,
                at: from..end,
            });
        }
        sentence_start = toks[end - 1].ends;
        i = end;
    }
    Scan {
        words: toks.into_iter().map(|t| t.word).collect(),
        names,
    }
}

/// How many words at the front of `run` are not part of the name: stop words, joiners,
/// titles, and the qualifiers that stand next to a title ("UK Prime Minister",
/// "Secretary General").
fn leading(run: &[&str]) -> usize {
    let mut after_title = false;
    for (i, w) in run.iter().enumerate() {
        let title = TITLES.contains(w);
        let qualifier = QUALIFIERS.contains(w)
            && (after_title
                || (run[i + 1..].iter())
                    .find(|n| !QUALIFIERS.contains(n))
                    .is_some_and(|n| TITLES.contains(n)));
        if !(title || qualifier || STOP.contains(w) || JOINERS.contains(w)) {
            return i;
        }
        after_title = title || (qualifier && after_title);
    }
    run.len()
}
