//! Counted nouns in messages and pages: "1 paragraph", "2 paragraphs", "no actors".

/// `n` and the noun in the number that fits: `counted(1, "paragraph", "paragraphs")` is
/// "1 paragraph", `counted(3, …)` is "3 paragraphs". English only: the site's own
/// words in other languages come from templates.
pub fn counted(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_is_singular_everything_else_plural() {
        assert_eq!(counted(0, "paragraph", "paragraphs"), "0 paragraphs");
        assert_eq!(counted(1, "paragraph", "paragraphs"), "1 paragraph");
        assert_eq!(counted(2, "person", "people"), "2 people");
    }
}
