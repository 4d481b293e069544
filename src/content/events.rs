//! Events: `content/events/SLUG.md`, one dated happening of the story each, shown on
//! the timeline. Their front matter's shape and keys, and the walk of their folder.
//!
//! The folder is read on every load (a site has tens of events, not thousands), so an
//! edit of an event is never missed by `serve`; its files are compared by content
//! (`same`) to tell whether anything changed.

use std::path::Path;
use std::sync::Arc;

use anyhow::{Context, Result};
use serde::Deserialize;
use toml::Spanned;

use super::front::{LinkFront, SpannedStr};
use super::read::{link_stays_inside, outside_link, parse_file, utf8};
use super::schema::{Check, Front, LINK, Schema, checked, key, probe, required};
use super::{RawSite, SourceFile};
use crate::diagnostic::Diagnostic;

/// An event's front matter.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EventFront {
    /// The day it happened: a TOML date.
    pub date: Spanned<toml::value::Datetime>,
    /// What happened, in a few words.
    pub title: String,
    /// The actors who took part (slugs).
    #[serde(default)]
    pub actors: Vec<SpannedStr>,
    /// The positions it bears on (slugs).
    #[serde(default)]
    pub positions: Vec<SpannedStr>,
    /// The articles that tell of it (slugs).
    #[serde(default)]
    pub articles: Vec<SpannedStr>,
    /// Where its facts come from.
    #[serde(default)]
    pub sources: Vec<LinkFront>,
}

/// The keys of an event.
pub const EVENT: Schema = Schema {
    what: "an event",
    keys: &[
        required("date", "date = 2025-08-18", Check::Date),
        required("title", "title = \"…\"", Check::NonEmpty),
        key("actors"),
        key("positions"),
        key("articles"),
        checked("sources", Check::Tables(&LINK)),
    ],
    label_with_parent: false,
    probe: probe::<EventFront>,
};

impl Front for EventFront {
    const SCHEMA: &'static Schema = &EVENT;
}

/// Reads and parses `content/events/*.md` into `raw.events`, in file-name order.
pub(super) fn load(root: &Path, raw: &mut RawSite, diags: &mut Vec<Diagnostic>) -> Result<()> {
    let dir = root.join("content/events");
    if !super::is_folder(root, "content/events", diags) {
        return Ok(());
    }
    let failed = |p: &Path| format!("failed to read {}", p.display());
    let mut listed = std::fs::read_dir(&dir)
        .and_then(|entries| {
            entries
                .map(|e| e.map(|e| (e.file_name(), e.path())))
                .collect::<std::io::Result<Vec<_>>>()
        })
        .with_context(|| failed(&dir))?;
    listed.sort();
    for (name, path) in listed {
        let name = name.to_string_lossy().into_owned();
        let rel = format!("content/events/{name}");
        if name.starts_with('.') {
            continue;
        }
        let is_link = path.symlink_metadata().is_ok_and(|m| m.is_symlink());
        if is_link && !link_stays_inside(root, &path) {
            diags.push(outside_link(&rel));
            continue;
        }
        if path.is_dir() {
            diags.push(Diagnostic::warning(
                rel,
                None,
                "ignored: sub-folders of content/ are not read",
            ));
            continue;
        }
        if !name.ends_with(".md") {
            diags.push(Diagnostic::warning(
                rel,
                None,
                "ignored: only .md files are read",
            ));
            continue;
        }
        let bytes = std::fs::read(&path).with_context(|| failed(&path))?;
        if let Some(text) = utf8(&rel, bytes, diags) {
            match parse_file::<EventFront>(rel.clone(), &text, diags) {
                Ok(file) => raw.events.push(Arc::new(file)),
                Err(body) => raw.unparsed.push(super::Unparsed {
                    kind: "events",
                    slug: super::read::slug_of(&rel),
                    path: rel,
                    body,
                }),
            }
        }
    }
    Ok(())
}

/// Whether two loads read the same events (same files, same front matter and bodies).
pub fn same(a: &[Arc<SourceFile<EventFront>>], b: &[Arc<SourceFile<EventFront>>]) -> bool {
    a.len() == b.len()
        && a.iter()
            .zip(b)
            .all(|(a, b)| (&a.path, &a.front, &a.body) == (&b.path, &b.front, &b.body))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_schema_agrees_with_the_serde_shape() {
        let e = toml::from_str::<EventFront>("\"?\" = 1").unwrap_err();
        let listed = e.message().split_once("expected").unwrap().1;
        let serde: Vec<&str> = listed.split('`').skip(1).step_by(2).collect();
        assert_eq!(serde, EVENT.names().collect::<Vec<_>>());
        let full = "date = 2025-08-15\ntitle = \"T\"\nactors = [\"a\"]\npositions = [\"p\"]\narticles = [\"x\"]\nsources = [{ title = \"S\", url = \"https://e.org\" }]\n";
        toml::from_str::<EventFront>(full).unwrap();
        for k in EVENT.keys {
            let without: String = full
                .lines()
                .filter(|l| !l.starts_with(&format!("{} =", k.name)))
                .map(|l| format!("{l}\n"))
                .collect();
            let missing = toml::from_str::<EventFront>(&without)
                .is_err_and(|e| e.message() == format!("missing field `{}`", k.name));
            assert_eq!(missing, k.required.is_some(), "{}", k.name);
        }
    }
}
