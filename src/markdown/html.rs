//! Markdown written as HTML, as pulldown-cmark writes it, but for what the pages'
//! Content-Security-Policy would have browsers ignore.

use pulldown_cmark::Event;

/// Writes `events` as HTML to `html`, as pulldown-cmark does, but for a table column's
/// alignment: a class (`align-right`, set in the stylesheet) in place of the inline
/// `style` pulldown-cmark writes, which the pages' Content-Security-Policy
/// (`style-src 'self'`) has browsers ignore.
pub(crate) fn push_html<'e>(html: &mut String, events: impl Iterator<Item = Event<'e>>) {
    let start = html.len();
    pulldown_cmark::html::push_html(html, events);
    const STYLE: &str = " style=\"text-align: ";
    if memchr::memmem::find(&html.as_bytes()[start..], STYLE.as_bytes()).is_some() {
        let mut fixed = html.split_off(start);
        for side in ["left", "center", "right"] {
            fixed = fixed.replace(
                &format!("{STYLE}{side}\">"),
                &format!(" class=\"align-{side}\">"),
            );
        }
        html.push_str(&fixed);
    }
}
