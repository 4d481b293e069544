//! The source policy of `site.toml`: `[sources] avoid` names domains that must not be
//! cited. Every cited URL on one of them, or on a subdomain, gets a warning at its line:
//! the URL keys of front matter, and the links of every text a writer writes in
//! Markdown (bodies, stance notes, updates), raw HTML's links too where it is kept.

use pulldown_cmark::{Event, Options, Parser, Tag};

use super::front::UpdateFront;
use super::values::{domain, within};
use super::{RawSite, SourceFile};
use crate::diagnostic::Diagnostic;

/// The warnings for the cited URLs of `raw` that its `[sources] avoid` rules out.
pub(super) fn avoided_sources(raw: &RawSite) -> Vec<Diagnostic> {
    let avoid: Vec<String> = raw.site.as_ref().map_or_else(Vec::new, |s| {
        // A malformed entry is an error of site.toml already (see `parse`).
        (s.sources.avoid.iter())
            .filter_map(|d| domain(d.get_ref()).ok())
            .collect()
    });
    if avoid.is_empty() {
        return Vec::new();
    }
    let mut out = Policy {
        avoid: &avoid,
        found: Vec::new(),
    };
    for f in raw.articles.iter() {
        if let Some(u) = &f.front.source_url {
            out.key(f, "source_url", u);
        }
        // An article shows raw HTML as text: it links nowhere.
        out.markdown(&f.path, &f.body, false, &|at| f.body_line_at(at));
        out.updates(f, &f.front.updates, false);
    }
    for f in raw.actors.iter() {
        for l in &f.front.links {
            out.key(f, "links url", &l.url);
        }
        out.markdown(&f.path, &f.body, true, &|at| f.body_line_at(at));
        out.updates(f, &f.front.updates, true);
    }
    for f in raw.positions.iter() {
        for st in &f.front.stances {
            if let Some(u) = &st.get_ref().source_url {
                out.key(f, "source_url", u);
            }
            if let Some(note) = &st.get_ref().note {
                let text = note.get_ref();
                out.markdown(&f.path, text, true, &|at| {
                    f.string_line_at(note.span(), text, at)
                });
            }
        }
        out.markdown(&f.path, &f.body, true, &|at| f.body_line_at(at));
        out.updates(f, &f.front.updates, true);
    }
    for f in raw.annotations.iter() {
        for l in &f.front.sources {
            out.key(f, "sources url", &l.url);
        }
        out.markdown(&f.path, &f.body, true, &|at| f.body_line_at(at));
        out.updates(f, &f.front.updates, true);
    }
    for f in &raw.events {
        for l in &f.front.sources {
            out.key(f, "sources url", &l.url);
        }
        out.markdown(&f.path, &f.body, true, &|at| f.body_line_at(at));
    }
    out.found
}

struct Policy<'a> {
    avoid: &'a [String],
    found: Vec<Diagnostic>,
}

impl Policy<'_> {
    /// The avoided domain that `url` is on, if any.
    fn avoided(&self, url: &str) -> Option<&str> {
        let url = url.trim();
        // A protocol-relative URL ("//host/page") names a host too.
        let parsed = match url.strip_prefix("//") {
            Some(rest) => url::Url::parse(&format!("https://{rest}")),
            None => url::Url::parse(url),
        }
        .ok()?;
        let host = parsed.host_str()?;
        let host = host.trim_end_matches('.').to_lowercase();
        let host = host.as_str();
        (self.avoid.iter())
            .find(|d| within(host, d))
            .map(String::as_str)
    }

    fn warn(&mut self, path: &str, line: usize, what: String, domain: &str) {
        self.found.push(
            Diagnostic::warning(
                path,
                Some(line),
                format!("{what} is on {domain}, a domain that [sources] avoid of content/site.toml rules out"),
            )
            .with_hint(Some("cite another source, or take the domain off the list".into())),
        );
    }

    /// A URL key of front matter.
    fn key<F>(&mut self, file: &SourceFile<F>, label: &str, url: &toml::Spanned<String>) {
        if let Some(d) = self.avoided(url.get_ref()) {
            let d = d.to_string();
            let what = format!("{label} \"{}\"", url.get_ref());
            self.warn(&file.path, file.line(url.span()), what, &d);
        }
    }

    /// The links of the texts of a file's `updates` (raw HTML kept where `html`).
    fn updates<F>(
        &mut self,
        file: &SourceFile<F>,
        updates: &[toml::Spanned<UpdateFront>],
        html: bool,
    ) {
        for u in updates {
            let text = &u.get_ref().text;
            let line_of = |at| file.string_line_at(text.span(), text.get_ref(), at);
            self.markdown(&file.path, text.get_ref(), html, &line_of);
        }
    }

    /// The links of Markdown text (and of its raw HTML, where `html` keeps it);
    /// `line_of` gives the file line of a byte offset.
    fn markdown(&mut self, path: &str, text: &str, html: bool, line_of: &dyn Fn(usize) -> usize) {
        if !text.contains("//") {
            return;
        }
        let options =
            Options::ENABLE_TABLES | Options::ENABLE_FOOTNOTES | Options::ENABLE_STRIKETHROUGH;
        for (event, range) in Parser::new_ext(text, options).into_offset_iter() {
            if let Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) = event {
                if let Some(d) = self.avoided(&dest_url) {
                    let d = d.to_string();
                    self.warn(
                        path,
                        line_of(range.start),
                        format!("the link to \"{dest_url}\""),
                        &d,
                    );
                }
            }
        }
        if !html {
            return;
        }
        for u in crate::markdown::raw_urls(text) {
            if let Some(d) = self.avoided(&u.url) {
                let d = d.to_string();
                let what = format!("the link to \"{}\"", u.url);
                self.warn(path, line_of(u.at), what, &d);
            }
        }
    }
}
