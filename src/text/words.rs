//! Where words start and end: the letters of a word, the scripts written without
//! spaces between words, and the titles whose dot ends no sentence.

/// Titles written shortened with a dot ("Dr. Jones", "Gen. Milley"): the dot ends no
/// sentence and no name.
#[rustfmt::skip]
pub const SHORT_TITLES: &[&str] = &[
    "Mr", "Mrs", "Ms", "Dr", "Gen", "Col", "Lt", "Sgt", "Gov", "Sen", "Rep", "Prof", "Capt",
    "Maj", "Adm", "Cmdr", "Rev",
];

/// Whether `c` counts as part of a word (a mention must not touch one).
pub fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// How a script separates its words: by spaces (most), not at all (every ideograph,
/// kana and Thai, Lao, Khmer or Myanmar letter is a word of its own here, as the search
/// index splits them), or Katakana, whose runs are a word (as Unicode's word
/// boundaries, UAX #29, keep them). Written out because no crate in the tree exposes
/// the Script property; the ranges are the blocks of these scripts in Unicode 16.
#[derive(PartialEq, Eq)]
enum Words {
    Spaced,
    Unspaced,
    Katakana,
}

fn words_of(c: char) -> Words {
    match c as u32 {
        0x30A0..=0x30FF | 0x31F0..=0x31FF | 0xFF66..=0xFF9F => Words::Katakana,
        // Han (with its radicals, marks and extensions), Hiragana, Thai, Lao, Myanmar,
        // Khmer.
        0x2E80..=0x2FDF
        | 0x3005..=0x3007
        | 0x3021..=0x3029
        | 0x3038..=0x303B
        | 0x3040..=0x309F
        | 0x3400..=0x4DBF
        | 0x4E00..=0x9FFF
        | 0xF900..=0xFAFF
        | 0x20000..=0x3134F
        | 0x0E00..=0x0EFF
        | 0x1000..=0x109F
        | 0x1780..=0x17FF => Words::Unspaced,
        _ => Words::Spaced,
    }
}

/// Whether a word may end between `a` and `b` by their scripts alone: beside an
/// ideograph or a letter of Thai and the like, whose text has no spaces ("北京" in
/// "北京说"), and where a run of Katakana starts or ends.
pub fn script_break(a: char, b: char) -> bool {
    let (x, y) = (words_of(a), words_of(b));
    x == Words::Unspaced || y == Words::Unspaced || (x == Words::Katakana) != (y == Words::Katakana)
}
