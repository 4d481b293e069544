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

/// Finds `prefix + quote + suffix` in exactly one place of `blocks`.
pub fn find(
    blocks: &[Block],
    quote: &str,
    prefix: Option<&str>,
    suffix: Option<&str>,
) -> Result<Found, Miss> {
    let prefix = prefix.unwrap_or("");
    let full = format!("{prefix}{quote}{}", suffix.unwrap_or(""));
    let (needle, map) = normalize_mapped(&full);
    let (q0, q1) = (prefix.len() as u32, (prefix.len() + quote.len()) as u32);
    let start = map.iter().position(|&(s, _)| s >= q0);
    let end = map.iter().rposition(|&(_, e)| e <= q1);
    let (Some(start), Some(end)) = (start, end) else {
        return Err(Miss::Empty);
    };
    if start > end {
        return Err(Miss::Empty);
    }
    let mut hits = Vec::new();
    for (b, block) in blocks.iter().enumerate() {
        for (s, seg) in block.segments.iter().enumerate() {
            for (at, _) in seg.text.match_indices(needle.as_str()) {
                hits.push(Found {
                    block: b,
                    segment: s,
                    range: at + start..at + end + 1,
                });
            }
        }
    }
    match hits.len() {
        1 => Ok(hits.remove(0)),
        0 => {
            let lower = needle.to_lowercase();
            let other_case = blocks
                .iter()
                .flat_map(|b| &b.segments)
                .any(|s| s.text.to_lowercase().contains(&lower));
            Err(Miss::NotFound { other_case })
        }
        n => Err(Miss::Ambiguous(n)),
    }
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
