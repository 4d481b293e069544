//! The checks of what Markdown written in content links to: `[[slug]]`s, links, images
//! and raw HTML, each problem at the line (and, in a body, the column) written.

use super::Ctx;
use crate::diagnostic::{Diagnostic, did_you_mean};
use crate::markdown;

impl Ctx<'_> {
    /// Checks the `[[slug]]`s, links, images and (where `html` keeps it) raw HTML of
    /// Markdown (a body or a key's value);
    /// `line_of` gives the line of a byte offset in it.
    pub(in crate::model) fn wikilinks(
        &mut self,
        path: &str,
        markdown: &str,
        html: markdown::RawHtml,
        line_of: &dyn Fn(usize) -> usize,
    ) {
        self.links_in(path, markdown, html, line_of, false);
    }

    /// `wikilinks` of a file's body, whose lines are the file's: each problem is also
    /// placed at its column, so that those of one line come in the order written.
    pub(in crate::model) fn body_wikilinks(
        &mut self,
        path: &str,
        body: &str,
        html: markdown::RawHtml,
        line_of: &dyn Fn(usize) -> usize,
    ) {
        self.links_in(path, body, html, line_of, true);
    }

    fn links_in(
        &mut self,
        path: &str,
        markdown: &str,
        html: markdown::RawHtml,
        line_of: &dyn Fn(usize) -> usize,
        columns: bool,
    ) {
        let column = |at: usize| {
            columns.then(|| {
                let at = at.min(markdown.len());
                let start = markdown[..at].rfind('\n').map_or(0, |i| i + 1);
                markdown[start..at].chars().count() + 1
            })
        };
        for p in markdown::problems(markdown, html) {
            let line = Some(line_of(p.at));
            let d = if p.error {
                Diagnostic::error(path, line, p.message)
            } else {
                Diagnostic::warning(path, line, p.message)
            };
            self.diags
                .push(d.with_hint(p.hint).with_column(column(p.at)));
        }
        if !markdown.contains("[[") {
            return;
        }
        for (slug, at) in markdown::wikilink_targets(markdown) {
            if slug.is_empty() {
                let p = markdown::empty_wikilink(at);
                let d = Diagnostic::error(path, Some(line_of(at)), p.message);
                self.diags.push(d.with_hint(p.hint).with_column(column(at)));
            } else if !self.slugs.contains_key(slug.as_str()) {
                let hint = did_you_mean(&slug, self.slugs.keys().copied());
                self.diags.push(
                    Diagnostic::error(
                        path,
                        Some(line_of(at)),
                        format!("[[{slug}]] links to no article, actor or position"),
                    )
                    .with_hint(hint)
                    .with_column(column(at)),
                );
            }
        }
    }
}
