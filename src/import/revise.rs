//! `explainer import REVISED.txt --slug EXISTING --revise`: a new version of an article
//! already in the site. Its text is replaced; its front matter is kept as written, with
//! one update added that says so. The quotes that no longer match are then `check`'s to
//! report, each with the closest passage of the new text.

use std::path::Path;

use anyhow::{Result, bail};

use super::{parse, plain_to_markdown};
use crate::content::edit::Edit;

/// Replaces the text of article `slug` of the site at `root` with that of `file`, and
/// adds an update of `date` saying `note` (or how many paragraphs changed).
pub fn run(root: &Path, file: &Path, slug: &str, date: &str, note: Option<&str>) -> Result<String> {
    let rel = format!("content/articles/{slug}.md");
    let path = root.join(&rel);
    if !path.is_file() {
        bail!(
            "{rel} does not exist: --revise replaces the text of an article of the site (without --revise, import adds a new one)"
        );
    }
    let (text, dropped) = super::shown_only(super::read_text(file)?, file);
    let parsed = parse(&text).map_err(|e| anyhow::anyhow!("{}: {e}", file.display()))?;
    let mut edit = Edit::open(root, &rel)?;
    let paragraphs: Vec<String> = parsed
        .paragraphs
        .iter()
        .map(|t| plain_to_markdown(t))
        .collect();
    // Compared as readers read them (NFC, white space as one space): a re-wrapped or
    // re-encoded text is no revision, and logs no update.
    let read = |ps: &[String]| -> Vec<String> { ps.iter().map(|p| as_read(p)).collect() };
    let (old, new) = (read(&paragraphs_of(&edit.body)), read(&paragraphs));
    if old == new {
        bail!(
            "{rel} already has this text: nothing was written{}",
            kept_front(&edit.front, &parsed)
        );
    }
    let changed = new.iter().filter(|p| !old.contains(p)).count();
    // An old paragraph that a changed one stands in for is changed, not removed.
    let removed = (old.iter().filter(|p| !new.contains(p)).count()).saturating_sub(changed);
    let note = match note {
        Some(n) if n.trim().is_empty() => bail!("--note is empty: say what changed"),
        Some(n) => n.to_string(),
        None => revised_note(changed, removed, paragraphs.len()),
    };
    // As `check` would report it after writing: refused before.
    let day = (edit.front.get("date"))
        .and_then(|d| d.as_datetime())
        .and_then(|d| d.date);
    if let Some(day) = day.map(|d| d.to_string())
        && date < day.as_str()
    {
        bail!(
            "--date {date} is before the article's own date ({day}): an update cannot come before its article; nothing was written"
        );
    }
    add_update(&mut edit.front, date, &note)?;
    edit.body = format!("\n{}\n", paragraphs.join("\n\n"));
    edit.write()?;
    Ok(format!(
        "revised {rel}: {}, {changed} changed or new{}; added the update of {date}{}{}",
        crate::plural::counted(paragraphs.len(), "paragraph", "paragraphs"),
        if removed > 0 {
            format!(", {removed} removed")
        } else {
            String::new()
        },
        kept_front(&edit.front, &parsed),
        dropped.unwrap_or_default()
    ))
}

/// A paragraph as a reader reads it: NFC, quotes folded, white space as one space.
fn as_read(paragraph: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    crate::text::normalize(&paragraph.nfc().collect::<String>())
}

/// The update a revision logs when no `--note` says what changed.
fn revised_note(changed: usize, removed: usize, of: usize) -> String {
    let paragraphs = |n| crate::plural::counted(n, "paragraph", "paragraphs");
    match (changed, removed) {
        (0, r) => format!("The text was revised: {} removed.", paragraphs(r)),
        (c, 0) => format!(
            "The text was revised: {} of {of} changed or new.",
            paragraphs(c)
        ),
        (c, r) => format!(
            "The text was revised: {} of {of} changed or new, {} removed.",
            paragraphs(c),
            paragraphs(r)
        ),
    }
}

/// Notes on what the revised text's header says that the article's front matter, kept
/// as written, does not: a new headline, standfirst, dateline or picture line is not
/// taken, and the writer is told so, to take it by hand if it should be.
fn kept_front(front: &toml_edit::DocumentMut, parsed: &super::Parsed) -> String {
    let mut notes = String::new();
    let fields = [
        ("title", Some(&parsed.title)),
        ("dek", parsed.dek.as_ref()),
        ("dateline", parsed.dateline.as_ref()),
        ("picture", parsed.picture.as_ref()),
    ];
    for (key, new) in fields {
        let Some(new) = new.filter(|n| !n.trim().is_empty()) else {
            continue;
        };
        let old = front.get(key).and_then(|v| v.as_str()).unwrap_or("");
        if as_read(old) != as_read(new) {
            notes.push_str(&format!(
                "\nnote: the revised text's {} is \"{new}\"; the article's {key} is kept as it is{}: write {key} = \"…\" in the file to change it",
                match key {
                    "title" => "headline",
                    "dek" => "standfirst",
                    "picture" => "picture line",
                    _ => "dateline",
                },
                if old.is_empty() { " (none)" } else { "" }
            ));
        }
    }
    notes
}

/// The paragraphs of a body, in order, trimmed, with its line endings read as `\n`.
fn paragraphs_of(body: &str) -> Vec<String> {
    body.replace("\r\n", "\n")
        .split("\n\n")
        .map(|p| p.trim().to_string())
        .filter(|p| !p.is_empty())
        .collect()
}

/// Adds `{ date, text }` to the `updates` of a front matter, making the key if needed.
fn add_update(front: &mut toml_edit::DocumentMut, date: &str, text: &str) -> Result<()> {
    let day: toml_edit::Datetime = date
        .parse()
        .map_err(|_| anyhow::anyhow!("--date \"{date}\" is not a date like 2025-08-18"))?;
    let mut entry = toml_edit::InlineTable::new();
    entry.insert("date", toml_edit::Value::from(day));
    entry.insert("text", toml_edit::Value::from(text));
    match front.get_mut("updates") {
        None => {
            let mut list = toml_edit::Array::new();
            list.push(entry);
            front.insert("updates", toml_edit::value(list));
        }
        Some(toml_edit::Item::Value(toml_edit::Value::Array(list))) => {
            // On a line of its own when the updates are written a line each.
            let own_line = (list.iter().last())
                .and_then(|v| v.decor().prefix())
                .and_then(|p| p.as_str())
                .filter(|p| p.contains('\n'))
                .map(str::to_string);
            let prefix =
                own_line.unwrap_or_else(|| (if list.is_empty() { "" } else { " " }).to_string());
            entry.decor_mut().set_prefix(prefix);
            list.push_formatted(toml_edit::Value::InlineTable(entry));
        }
        Some(toml_edit::Item::ArrayOfTables(tables)) => {
            let mut table = toml_edit::Table::new();
            for (k, v) in entry.iter() {
                table.insert(k, toml_edit::value(v.clone()));
            }
            tables.push(table);
        }
        Some(_) => bail!("the article's `updates` is not an array: fix it, then revise again"),
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn added(front: &str) -> String {
        let mut doc: toml_edit::DocumentMut = front.parse().unwrap();
        add_update(&mut doc, "2025-08-20", "Revised.").unwrap();
        doc.to_string()
    }

    #[test]
    fn an_update_is_added_to_the_updates_as_they_are_written() {
        assert_eq!(
            added("title = \"T\"\ndate = 2025-08-18\n"),
            "title = \"T\"\ndate = 2025-08-18\nupdates = [{ date = 2025-08-20, text = \"Revised.\" }]\n"
        );
        assert_eq!(
            added("title = \"T\"\nupdates = [{ date = 2025-08-19, text = \"A.\" }] # kept\n"),
            "title = \"T\"\nupdates = [{ date = 2025-08-19, text = \"A.\" }, { date = 2025-08-20, text = \"Revised.\" }] # kept\n"
        );
        // A line each: the new one on a line of its own, as `import --revise` found it
        // the same line as the last.
        assert_eq!(
            added("updates = [\n  { date = 2025-08-19, text = \"A.\" },\n]\n"),
            "updates = [\n  { date = 2025-08-19, text = \"A.\" },\n  { date = 2025-08-20, text = \"Revised.\" },\n]\n"
        );
        assert_eq!(
            added("title = \"T\"\n\n[[updates]]\ndate = 2025-08-19\ntext = \"A.\"\n"),
            "title = \"T\"\n\n[[updates]]\ndate = 2025-08-19\ntext = \"A.\"\n\n[[updates]]\ndate = 2025-08-20\ntext = \"Revised.\"\n"
        );
    }

    #[test]
    fn paragraphs_are_compared_as_readers_read_them() {
        assert_eq!(as_read("Two  para.\nhere"), as_read("Two para. here"));
        assert_eq!(as_read("Cafe\u{301} “x”"), as_read("Café \"x\""));
        assert_ne!(as_read("Two."), as_read("Two, revised."));
        assert_eq!(
            revised_note(0, 1, 1),
            "The text was revised: 1 paragraph removed."
        );
        assert_eq!(
            revised_note(2, 0, 3),
            "The text was revised: 2 paragraphs of 3 changed or new."
        );
        assert_eq!(
            revised_note(1, 2, 4),
            "The text was revised: 1 paragraph of 4 changed or new, 2 paragraphs removed."
        );
    }
}
