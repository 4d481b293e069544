//! The text of an article that no note can mark: its title, and in its body the code
//! blocks, footnotes and pictures' descriptions. A quote taken from there is in the
//! article as a reader sees it, but not in a block a mark can go in: the writer is told
//! where it is, not that it is nowhere.

use pulldown_cmark::{Event, Tag, TagEnd};

/// The places of an article outside its quotable blocks, each named as a writer knows
/// it, with its text normalised as a quote is (`text::normalize`).
#[derive(Debug, Default)]
pub struct Elsewhere(Vec<(&'static str, String)>);

impl Elsewhere {
    /// The title `title` (if known) and the unquotable parts of the body of `events`.
    pub fn of(title: Option<String>, events: &[Event<'_>]) -> Elsewhere {
        let mut places = Vec::new();
        if let Some(title) = title {
            places.push(("the article's title", crate::text::normalize(&title)));
        }
        // The part of the body each event is in, when it is one no mark can go in.
        let mut inside: Vec<&'static str> = Vec::new();
        let mut text = String::new();
        for event in events {
            match event {
                Event::Start(tag) => {
                    if let Some(what) = unquotable(tag) {
                        inside.push(what);
                    }
                }
                Event::End(tag) if closes_unquotable(tag) => {
                    if let Some(what) = inside.pop()
                        && inside.is_empty()
                    {
                        places.push((what, crate::text::normalize(&text)));
                        text.clear();
                    }
                }
                Event::Text(t) | Event::Code(t) if !inside.is_empty() => {
                    text.push_str(t);
                    text.push(' ');
                }
                Event::SoftBreak | Event::HardBreak if !inside.is_empty() => text.push(' '),
                _ => {}
            }
        }
        Elsewhere(places)
    }

    /// Where the normalised `quote` is, if it is in one of these places.
    pub fn find(&self, quote: &str) -> Option<&'static str> {
        let quote = crate::text::normalize(quote);
        (!quote.is_empty())
            .then(|| self.0.iter().find(|(_, text)| text.contains(&quote)))
            .flatten()
            .map(|(what, _)| *what)
    }
}

/// What a part of the body that no mark can go in is called.
fn unquotable(tag: &Tag<'_>) -> Option<&'static str> {
    match tag {
        Tag::CodeBlock(_) => Some("a code block"),
        Tag::FootnoteDefinition(_) => Some("a footnote"),
        Tag::Image { .. } => Some("a picture's description"),
        _ => None,
    }
}

fn closes_unquotable(tag: &TagEnd) -> bool {
    matches!(
        tag,
        TagEnd::CodeBlock | TagEnd::FootnoteDefinition | TagEnd::Image
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_quote_outside_the_blocks_is_found_where_it_is() {
        let body = "A paragraph.[^n]\n\n```\nsome code here\n```\n\n![a view of the harbour](x.png)\n\n[^n]: The footnote says hello world.\n";
        let events = crate::markdown::parse(body, &|_| None);
        let places = Elsewhere::of(Some("Council to vote".into()), &events);
        assert_eq!(places.find("Council to vote"), Some("the article's title"));
        assert_eq!(places.find("some code"), Some("a code block"));
        assert_eq!(places.find("says hello  world"), Some("a footnote"));
        assert_eq!(places.find("view of the"), Some("a picture's description"));
        assert_eq!(places.find("A paragraph"), None);
        assert_eq!(places.find(" "), None);
    }
}
