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
/// inside it.
struct Needle {
    text: String,
    quote: Range<usize>,
}

fn needle(quote: &str, prefix: Option<&str>, suffix: Option<&str>) -> Result<Needle, Miss> {
    let prefix = prefix.unwrap_or("");
    let full = format!("{prefix}{quote}{}", suffix.unwrap_or(""));
    let (text, map) = normalize_mapped(&full);
    let (q0, q1) = (prefix.len() as u32, (prefix.len() + quote.len()) as u32);
    // The quote's own characters, without the white space at its edges: a quote of
    // white space alone is empty, even between a prefix and a suffix.
    let own = |i: usize| text.as_bytes()[i] != b' ';
    let start = (0..map.len()).find(|&i| map[i].0 >= q0 && own(i));
    let end = (0..map.len()).rfind(|&i| map[i].1 <= q1 && own(i));
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

/// Finds many quotes at once, in one pass over the text (one aho-corasick automaton),
/// so that an article with thousands of notes is read once, not once per note. Each
/// quote counts its occurrences the way `str::matches` does (without overlap).
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
    if let Ok(ac) = aho_corasick::AhoCorasick::new(&distinct) {
        for (b, block) in blocks.iter().enumerate() {
            for (s, seg) in block.segments.iter().enumerate() {
                for m in ac.find_overlapping_iter(&seg.text) {
                    let list = &mut hits[m.pattern().as_usize()];
                    // Like `str::matches`: an occurrence overlapping the previous one is skipped.
                    if list
                        .last()
                        .is_some_and(|&(lb, ls, le)| lb == b && ls == s && le > m.start())
                    {
                        continue;
                    }
                    list.push((b, s, m.end()));
                }
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
