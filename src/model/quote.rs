//! Finding a quote (with optional prefix and suffix) in an article's blocks, as the
//! contract says: inside one leaf, white space and quotes normalised, exact otherwise.

use std::ops::Range;

use crate::markdown::Block;
use crate::text::normalize_mapped;

/// Where a quote is: block, leaf, and the normalised byte range of the quote itself.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    /// Index into the article's blocks.
    pub block: usize,
    /// Index into the block's segments.
    pub segment: usize,
    /// The quote's normalised byte range in the segment's text.
    pub range: Range<usize>,
}

/// Why a quote could not be placed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Miss {
    /// Nothing is left once white space is collapsed.
    Empty,
    /// Not in the article; `other_case` when it is there in another case.
    NotFound {
        /// Found when case is ignored.
        other_case: bool,
    },
    /// Found this many times.
    Ambiguous(usize),
}

/// What to look for: the normalised `prefix + quote + suffix`, and where the quote lies
/// inside it. The three are normalised together, so a prefix without its trailing space
/// runs into the quote (`"the scheme" + "rushed"` is `the schemerushed`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Needle {
    /// The normalised `prefix + quote + suffix`.
    pub text: String,
    /// The quote's own characters in `text` (no white space at its edges).
    pub quote: Range<usize>,
}

impl Needle {
    /// The normalised quote.
    pub fn quote(&self) -> &str {
        &self.text[self.quote.clone()]
    }

    /// What must come right before the quote (empty without a prefix).
    pub fn before(&self) -> &str {
        &self.text[..self.quote.start]
    }

    /// What must come right after the quote (empty without a suffix).
    pub fn after(&self) -> &str {
        &self.text[self.quote.end..]
    }
}

/// The needle of a quote with its prefix and suffix, or `Empty`.
pub fn needle(quote: &str, prefix: Option<&str>, suffix: Option<&str>) -> Result<Needle, Miss> {
    let prefix = prefix.unwrap_or("");
    let full = format!("{prefix}{quote}{}", suffix.unwrap_or(""));
    let (text, map) = normalize_mapped(&full);
    let (q0, q1) = (prefix.len() as u32, (prefix.len() + quote.len()) as u32);
    // The quote's own characters, without the white space at its edges: a quote of
    // white space alone is empty, even between a prefix and a suffix.
    let own = |i: usize| text.as_bytes()[i] != b' ';
    let start = (0..map.len()).find(|&i| map.source(i).0 >= q0 && own(i));
    let end = (0..map.len()).rfind(|&i| map.source(i).1 <= q1 && own(i));
    match (start, end) {
        (Some(start), Some(end)) if start <= end => Ok(Needle {
            text,
            quote: start..end + 1,
        }),
        _ => Err(Miss::Empty),
    }
}

/// Finds `prefix + quote + suffix` in exactly one place of `blocks`.
pub fn find(
    blocks: &[Block],
    quote: &str,
    prefix: Option<&str>,
    suffix: Option<&str>,
) -> Result<Found, Miss> {
    find_many(blocks, &[(quote, prefix, suffix)]).remove(0)
}

/// Up to this many distinct quotes in one article are looked for one by one; more, in
/// one pass over the text.
const FEW: usize = 8;

/// Finds many quotes at once: a few one by one, more in one pass over the text (one
/// aho-corasick automaton), so that an article with thousands of notes is read once,
/// not once per note. Each quote counts every place it occurs, overlapping ones too:
/// "ha ha" is in "ha ha ha" twice, and either could be the one meant.
pub fn find_many(
    blocks: &[Block],
    quotes: &[(&str, Option<&str>, Option<&str>)],
) -> Vec<Result<Found, Miss>> {
    let needles: Vec<Result<Needle, Miss>> =
        quotes.iter().map(|(q, p, s)| needle(q, *p, *s)).collect();
    // One pattern per distinct needle.
    let mut distinct: Vec<String> = needles
        .iter()
        .filter_map(|n| n.as_ref().ok())
        .map(|n| n.text.clone())
        .collect();
    distinct.sort_unstable();
    distinct.dedup();
    // For each distinct needle: (block, segment, end) of each occurrence.
    let mut hits: Vec<Vec<(usize, usize, usize)>> = vec![Vec::new(); distinct.len()];
    let segments = blocks.iter().enumerate().flat_map(|(b, block)| {
        block
            .segments
            .iter()
            .enumerate()
            .map(move |(s, seg)| (b, s, seg.text.as_str()))
    });
    if distinct.len() <= FEW {
        // A few needles: each looked for on its own, with no automaton to build.
        let finders: Vec<memchr::memmem::Finder> = distinct
            .iter()
            .map(|n| memchr::memmem::Finder::new(n.as_bytes()))
            .collect();
        for (b, s, text) in segments {
            for (finder, list) in finders.iter().zip(&mut hits) {
                let n = finder.needle().len();
                list.extend(overlapping(finder, text).map(|at| (b, s, at + n)));
            }
        }
    } else if let Ok(ac) = aho_corasick::AhoCorasick::new(&distinct) {
        for (b, s, text) in segments {
            for m in ac.find_overlapping_iter(text) {
                hits[m.pattern().as_usize()].push((b, s, m.end()));
            }
        }
    }
    needles
        .into_iter()
        .map(|n| {
            let n = n?;
            let id = distinct.binary_search(&n.text).map_err(|_| Miss::Empty)?;
            let found = &hits[id];
            match found.len() {
                1 => {
                    let (block, segment, end) = found[0];
                    let at = end - n.text.len();
                    Ok(Found {
                        block,
                        segment,
                        range: at + n.quote.start..at + n.quote.end,
                    })
                }
                0 => {
                    let lower = n.text.to_lowercase();
                    let other_case = blocks
                        .iter()
                        .flat_map(|b| &b.segments)
                        .any(|s| s.text.to_lowercase().contains(&lower));
                    Err(Miss::NotFound { other_case })
                }
                count => Err(Miss::Ambiguous(count)),
            }
        })
        .collect()
}

/// Each place of `needle` in the leaves of `blocks`, as `(block, segment, byte start)`,
/// overlapping ones too, as `find_many` counts. For diagnostics, not the hot path.
pub fn occurrences(blocks: &[Block], needle: &str) -> Vec<(usize, usize, usize)> {
    let finder = memchr::memmem::Finder::new(needle.as_bytes());
    let mut out = Vec::new();
    for (b, block) in blocks.iter().enumerate() {
        for (s, seg) in block.segments.iter().enumerate() {
            out.extend(overlapping(&finder, &seg.text).map(|at| (b, s, at)));
        }
    }
    out
}

/// The start of every place `finder`'s needle is in `text`, overlapping ones too.
fn overlapping<'f>(
    finder: &'f memchr::memmem::Finder<'_>,
    text: &'f str,
) -> impl Iterator<Item = usize> + 'f {
    let mut from = 0;
    std::iter::from_fn(move || {
        let at = from + finder.find(&text.as_bytes()[from..])?;
        from = at + 1;
        Some(at)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::markdown::{analyse, parse};

    fn blocks(md: &str) -> Vec<Block> {
        analyse(&parse(md, &|_| None))
    }

    #[test]
    fn matches_across_white_space_and_typographic_quotes() {
        let b = blocks("He said “no   way”\nto it.\n\nOther.");
        let f = find(&b, "said \"no way\" to", None, None).unwrap();
        assert_eq!(
            (f.block, &b[0].segments[0].text[f.range.clone()]),
            (0, "said \"no way\" to")
        );
    }

    #[test]
    fn counts_repeats_and_narrows_with_prefix_and_suffix() {
        let b = blocks("A cat. A cat.\n\nThe cat sat.");
        assert_eq!(find(&b, "cat", None, None), Err(Miss::Ambiguous(3)));
        let f = find(&b, "cat", Some("The "), None).unwrap();
        assert_eq!(f.block, 1);
        let f = find(&b, "cat", None, Some(" sat")).unwrap();
        assert_eq!((f.block, f.range), (1, 4..7));
    }

    /// "ha ha" is in "ha ha ha" twice, and either may be the one meant: it was taken
    /// as once, and the first marked without a word (probe).
    #[test]
    fn a_quote_that_occurs_again_overlapping_itself_is_ambiguous() {
        let b = blocks("He laughed: ha ha ha.\n\nA banana.");
        assert_eq!(find(&b, "ha ha", None, None), Err(Miss::Ambiguous(2)));
        assert_eq!(find(&b, "ana", None, None), Err(Miss::Ambiguous(2)));
        let f = find(&b, "ha ha", None, Some(".")).unwrap();
        assert_eq!(f.range, 15..20);
        let f = find(&b, "ha ha", Some(": "), None).unwrap();
        assert_eq!(f.range, 12..17);
        // So do many quotes at once, in one pass.
        let quotes = [
            "ha ha", "ana", "He", "laughed", "banana", "A", "ugh", "ed:", "ha ha ha", "a",
        ];
        assert!(quotes.len() > FEW);
        let asked: Vec<(&str, Option<&str>, Option<&str>)> =
            quotes.iter().map(|q| (*q, None, None)).collect();
        let alone: Vec<_> = quotes.iter().map(|q| find(&b, q, None, None)).collect();
        assert_eq!(find_many(&b, &asked), alone);
        assert_eq!(alone[1], Err(Miss::Ambiguous(2)));
    }

    #[test]
    fn many_quotes_are_found_as_each_is_alone() {
        let b =
            blocks("A cat sat on a mat. A cat ran.\n\nThe dog sat. A cow, a cow.\n\n- cat\n- dog");
        let quotes = [
            "cat", "dog", "sat", "a cow", "A cat", "mat.", "ran", "The", "zebra", "cow, a", "t",
            "og",
        ];
        assert!(quotes.len() > FEW);
        let asked: Vec<(&str, Option<&str>, Option<&str>)> =
            quotes.iter().map(|q| (*q, None, None)).collect();
        let alone: Vec<_> = quotes.iter().map(|q| find(&b, q, None, None)).collect();
        assert_eq!(find_many(&b, &asked), alone);
        assert_eq!(alone[1], Err(Miss::Ambiguous(2)));
        assert_eq!(alone[3].as_ref().map(|f| f.block), Ok(1));
    }

    #[test]
    fn occurrences_count_as_the_matcher_counts() {
        let b = blocks("aaa aa\n\n- aa\n- b");
        assert_eq!(
            occurrences(&b, "aa"),
            [(0, 0, 0), (0, 0, 1), (0, 0, 4), (1, 0, 0)]
        );
        assert_eq!(find(&b, "aa", None, None), Err(Miss::Ambiguous(4)));
        let n = needle("rushed", Some("the scheme"), Some(" ahead")).unwrap();
        assert_eq!(
            (n.before(), n.quote(), n.after()),
            ("the scheme", "rushed", " ahead")
        );
    }

    #[test]
    fn a_quote_must_lie_in_one_list_item() {
        let b = blocks("- one two\n- three\n");
        assert!(find(&b, "two three", None, None).is_err());
        assert_eq!(find(&b, "three", None, None).unwrap().segment, 1);
    }

    #[test]
    fn reports_other_case_and_empty() {
        let b = blocks("Hello World");
        assert_eq!(
            find(&b, "hello", None, None),
            Err(Miss::NotFound { other_case: true })
        );
        assert_eq!(find(&b, "  ", None, None), Err(Miss::Empty));
    }

    #[test]
    fn reader_text_drops_markdown_syntax() {
        let b = blocks("The **bold** [link](http://x) and `code`[^1].\n\n[^1]: Foot.");
        assert_eq!(b[0].segments[0].text, "The bold link and code.");
        assert!(find(&b, "bold link and code.", None, None).is_ok());
    }
}
