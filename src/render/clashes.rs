//! Files of `static/` that clash with what the site writes: checked against
//! `generated_paths` (every file the site writes) and `OWNED_FOLDERS` (the folders
//! whose files the content names), by `check`, `build` and `serve` alike.

use std::collections::BTreeSet;

use crate::diagnostic::Diagnostic;
use crate::output::StaticFile;

/// The folders whose every file the site writes, under names the content decides (the
/// search index's shards, `search/t/*.txt`, `search/d/*.json`): no file of `static/`
/// may be in one, whatever its name, since the next edit may name it too.
pub const OWNED_FOLDERS: [&str; 1] = [super::search::PATH];

/// The folder of `OWNED_FOLDERS` that holds the output file `path`, if any.
pub fn owned_folder(path: &str) -> Option<&'static str> {
    OWNED_FOLDERS.into_iter().find(|f| path.starts_with(f))
}

/// A file of `static/` may replace an asset (`style.css`, `robots.txt`) but not a
/// generated file, nor be in a folder the site writes (`OWNED_FOLDERS`).
pub fn clashes(generated: &BTreeSet<String>, statics: &[StaticFile]) -> Vec<Diagnostic> {
    let mut diags = Vec::new();
    for s in statics {
        let generated_file = generated.contains(&s.path);
        if let (false, Some(folder)) = (generated_file, owned_folder(&s.path)) {
            diags.push(Diagnostic::error(
                format!("static/{}", s.path),
                Some(1),
                format!(
                    "is in the folder {folder}, whose files the site writes (the search index): rename or move it"
                ),
            ));
            // Said once: whatever else it clashes with there, it may not be there.
            continue;
        }
        if generated_file && !super::ASSETS.contains(&s.path.as_str()) {
            diags.push(Diagnostic::error(
                format!("static/{}", s.path),
                Some(1),
                format!(
                    "would replace the generated {}: rename or remove it",
                    s.path
                ),
            ));
        }
        // A folder where the site writes a file.
        if let Some(file) = s
            .path
            .match_indices('/')
            .map(|(i, _)| &s.path[..i])
            .find(|f| generated.contains(*f))
        {
            diags.push(Diagnostic::error(
                format!("static/{}", s.path),
                Some(1),
                format!("is in a folder {file}/, where the site writes the file {file}: rename or remove it"),
            ));
        }
        // A file where the site needs a folder (probe M4).
        let folder = format!("{}/", s.path);
        if let Some(page) = generated
            .range(folder.clone()..)
            .next()
            .filter(|g| g.starts_with(&folder))
        {
            diags.push(Diagnostic::error(
                format!("static/{}", s.path),
                Some(1),
                format!("is a file where the site needs the folder {folder} (for {page}): rename or remove it"),
            ));
        }
    }
    diags
}
