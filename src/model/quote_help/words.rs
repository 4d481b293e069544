//! Pieces of text as a message shows them: a place with a few words around it, the
//! words just before or after a place, and values on one line.

use std::ops::Range;

use crate::text::is_word_char;

/// Words of context shown on each side of a place.
const WORDS: usize = 3;
/// Characters of context shown on each side at most.
const CONTEXT_CHARS: usize = 40;

/// `once` or `N times`.
pub(super) fn times(n: usize) -> String {
    if n == 1 {
        "once".to_string()
    } else {
        format!("{n} times")
    }
}

/// Text as shown in a one-line message: line breaks and tabs escaped.
pub(super) fn shown(s: &str) -> String {
    // A long value (a pasted page as a prefix) is shown by its ends, not whole.
    const HEAD: usize = 100;
    const TAIL: usize = 60;
    let count = s.chars().count();
    let s = if count > HEAD + TAIL + 20 {
        let head: String = s.chars().take(HEAD).collect();
        let tail: String = s.chars().skip(count - TAIL).collect();
        format!("{head} […{} characters…] {tail}", count - HEAD - TAIL)
    } else {
        s.to_string()
    };
    s.replace('\r', "\\r")
        .replace('\n', "\\n")
        .replace('\t', "\\t")
}

/// The quote at `q` in `text` with a few words on each side, the quote in brackets:
/// `…Smith met [Bob Jones] left…`.
pub(super) fn around(text: &str, q: Range<usize>) -> String {
    let (before, after) = (&text[..q.start], &text[q.end..]);
    let mut from = before.trim_end_matches(' ').len();
    let mut words = 0;
    for (i, _) in before[..from].rmatch_indices(' ') {
        words += 1;
        from = i + 1;
        if words == WORDS {
            break;
        }
    }
    if words < WORDS {
        from = 0;
    }
    from = from.max(cut_back(before, CONTEXT_CHARS));
    let lead = after.len() - after.trim_start_matches(' ').len();
    let mut to = after.len();
    for (words, (i, _)) in after[lead..].match_indices(' ').enumerate() {
        if words + 1 == WORDS {
            to = lead + i;
            break;
        }
    }
    let cap = after
        .char_indices()
        .nth(CONTEXT_CHARS)
        .map_or(after.len(), |(i, _)| i);
    let to = to.min(cap);
    format!(
        "{}{}[{}]{}{}",
        if from > 0 { "…" } else { "" },
        &before[from..],
        &text[q],
        &after[..to],
        if to < after.len() { "…" } else { "" }
    )
}

/// The byte where the last `n` characters of `s` start.
fn cut_back(s: &str, n: usize) -> usize {
    s.char_indices()
        .rev()
        .nth(n.saturating_sub(1))
        .map_or(0, |(i, _)| i)
}

/// The last `n` characters of `s`, widened back to the start of a word.
pub(super) fn tail(s: &str, n: usize) -> &str {
    let mut start = cut_back(s, n);
    while let Some(c) = s[..start].chars().next_back().filter(|&c| is_word_char(c)) {
        start -= c.len_utf8();
    }
    &s[start..]
}

/// The first `n` characters of `s`, widened on to the end of a word.
pub(super) fn head(s: &str, n: usize) -> &str {
    let mut end = s.char_indices().nth(n).map_or(s.len(), |(i, _)| i);
    while let Some(c) = s[end..].chars().next().filter(|&c| is_word_char(c)) {
        end += c.len_utf8();
    }
    &s[..end]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn context_is_a_few_words_on_each_side() {
        let t = "one two three four Bob Jones five six seven eight";
        let at = t.find("Bob").unwrap();
        assert_eq!(
            around(t, at..at + 9),
            "…two three four [Bob Jones] five six seven…"
        );
        assert_eq!(around("Bob Jones left.", 0..9), "[Bob Jones] left.");
        assert_eq!(around("met Bob", 4..7), "met [Bob]");
        let long = "x".repeat(100);
        let t = format!("{long} q {long}");
        let shown = around(&t, 101..102);
        assert_eq!(shown.chars().count(), 1 + 40 + 3 + 40 + 1, "{shown}");
    }

    #[test]
    pub(super) fn tail_and_head_keep_whole_words() {
        assert_eq!(tail("we called the scheme ", 11), "the scheme ");
        assert_eq!(tail("we called the scheme ", 10), "the scheme ");
        assert_eq!(tail("ab", 5), "ab");
        assert_eq!(head(" ahead of time", 5), " ahead");
        assert_eq!(head("", 5), "");
    }
}
