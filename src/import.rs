//! `explainer import`: a plain-text article (headline; blank line; standfirst, picture
//! and caption lines, and the picture's credit; blank line; paragraphs) into
//! `content/articles/SLUG.md`. `credit` reads the header and the credit in it.

mod credit;
pub mod revise;
#[cfg(test)]
mod tests;

use std::path::Path;

use anyhow::{Context, Result, bail};

use crate::model::valid_slug;

/// The parts of a plain-text article.
#[derive(Debug, PartialEq, Eq)]
pub struct Parsed {
    /// The headline.
    pub title: String,
    /// The standfirst.
    pub dek: Option<String>,
    /// The picture line (what the picture shows or who took it).
    pub picture: Option<String>,
    /// The caption.
    pub caption: Option<String>,
    /// The picture's credit line ("Photo: AP/Evan Vucci"), as written.
    pub credit: Option<String>,
    /// A wire dateline that opened the first paragraph ("BOGOTA, Colombia", "WASHINGTON
    /// (AP)"), taken out of it.
    pub dateline: Option<String>,
    /// The paragraphs, verbatim.
    pub paragraphs: Vec<String>,
}

/// Who wrote an article and where it was published, given on the command line.
#[derive(Debug, Default, Clone)]
pub struct Attribution {
    /// `byline`.
    pub byline: Option<String>,
    /// `source`.
    pub source: Option<String>,
    /// `source_url`.
    pub source_url: Option<String>,
}

/// Splits a wire dateline off the start of a paragraph: the place in capitals, maybe a
/// region or date after a comma and an agency in brackets, then a dash ("BOGOTA,
/// Colombia —", "WASHINGTON (AP) —", "KYIV, Aug 18 (Reuters) -"; a place alone, as in
/// "WASHINGTON —", is not taken, since "NATO — …" opens text too). Returns the dateline
/// and the rest, or `None` when the paragraph does not open with one. By hand: the shape
/// is a handful of rules, and a regular-expression crate would not make them clearer.
pub fn split_dateline(paragraph: &str) -> Option<(String, String)> {
    let (head, rest) = [" — ", " – ", " -- ", " - ", "—", "–"]
        .iter()
        .filter_map(|dash| paragraph.find(dash).map(|i| (i, dash.len())))
        .min()
        .map(|(i, len)| (&paragraph[..i], &paragraph[i + len..]))?;
    if head.chars().count() > 60 || rest.trim().is_empty() {
        return None;
    }
    let (place_part, agency) = match head.trim_end().strip_suffix(')') {
        Some(h) => {
            let open = h.rfind('(')?;
            (&h[..open], Some(&h[open + 1..]))
        }
        None => (head, None),
    };
    let mut parts = place_part.trim_end().splitn(2, ", ");
    let place = parts.next()?;
    // A capitalised word alone before a dash ("NATO — the alliance …") is too often the
    // text itself: a dateline also names a region, a date or an agency.
    if agency.is_none() && !place_part.contains(", ") {
        return None;
    }
    let letters = place.chars().filter(|c| c.is_alphabetic()).count();
    let capitals = place
        .chars()
        .all(|c| c.is_uppercase() || matches!(c, ' ' | '.' | '-' | '\'' | '’'));
    let region_ok = parts
        .next()
        .is_none_or(|r| r.split_whitespace().count() <= 4 && !r.contains(['.', ';']));
    let agency_ok = agency.is_none_or(|a| {
        !a.is_empty() && a.len() <= 20 && a.chars().next().is_some_and(char::is_uppercase)
    });
    (letters >= 2 && capitals && region_ok && agency_ok)
        .then(|| (head.trim().to_string(), rest.trim_start().to_string()))
}

/// Splits a plain-text article into its parts, or says why it cannot.
pub fn parse(text: &str) -> Result<Parsed, String> {
    let text = text
        .strip_prefix('\u{feff}')
        .unwrap_or(text)
        .replace("\r\n", "\n")
        .replace('\r', "\n");
    let chunks: Vec<Vec<&str>> = text
        .split("\n\n")
        .map(|c| {
            c.lines()
                .map(str::trim_end)
                .filter(|l| !l.trim().is_empty())
                .collect::<Vec<_>>()
        })
        .filter(|c| !c.is_empty())
        .collect();
    let Some(head) = chunks.first() else {
        return Err("the file is empty".into());
    };
    if head.len() != 1 {
        return Err(format!(
            "the first block has {} lines: the headline must stand alone on the first line, followed by a blank line",
            head.len()
        ));
    }
    let title = head[0].trim().to_string();
    let (header, body) = match &chunks[1..] {
        [] => return Err(
            "no paragraphs: after the headline and a blank line, write the article's paragraphs"
                .into(),
        ),
        [only] => (None, std::slice::from_ref(only)),
        // A block that opens with a wire dateline is the first paragraph, not a header.
        [h, ..] if split_dateline(h[0]).is_some() => (None, &chunks[1..]),
        [h, rest @ ..] => match credit::header(h) {
            Some(header) => (Some(header), rest),
            None => (None, &chunks[1..]),
        },
    };
    let header = header.unwrap_or_default();
    let mut paragraphs: Vec<String> = body.iter().map(|c| c.join("\n")).collect();
    let dateline = paragraphs
        .first()
        .and_then(|p| split_dateline(p))
        .map(|(dateline, rest)| {
            paragraphs[0] = rest;
            dateline
        });
    Ok(Parsed {
        title,
        dek: header.dek,
        picture: header.picture,
        caption: header.caption,
        credit: header.credit,
        dateline,
        paragraphs,
    })
}

/// A TOML basic string.
fn toml_str(s: &str) -> String {
    toml::Value::String(s.to_string()).to_string()
}

/// The Markdown file of a parsed article.
pub fn to_markdown(p: &Parsed, date: &str, by: &Attribution) -> String {
    let mut out = format!("+++\ntitle = {}\n", toml_str(&p.title));
    let keys = [
        ("dek", &p.dek),
        ("byline", &by.byline),
        ("source", &by.source),
        ("source_url", &by.source_url),
        ("dateline", &p.dateline),
    ];
    for (key, value) in keys {
        if let Some(value) = value {
            out.push_str(&format!("{key} = {}\n", toml_str(value)));
        }
    }
    if let Some(picture) = &p.picture {
        out.push_str(&format!("picture = {}\n", toml_str(picture)));
    }
    if let Some(caption) = &p.caption {
        out.push_str(&format!("image_caption = {}\n", toml_str(caption)));
    }
    if let Some(credit) = &p.credit {
        out.push_str(&format!("image_credit = {}\n", toml_str(credit)));
    }
    out.push_str(&format!("date = {date}\n+++\n\n"));
    let paragraphs: Vec<String> = p.paragraphs.iter().map(|t| plain_to_markdown(t)).collect();
    out.push_str(&paragraphs.join("\n\n"));
    out.push('\n');
    out
}

/// A paragraph of plain text as Markdown that renders to the same text: leading
/// indentation dropped (pasted wire copy indents paragraphs, which Markdown would make
/// code blocks), and every character that would start Markdown syntax escaped with a
/// backslash — inline (emphasis, code, links, wikilinks, HTML and entities, tables,
/// strikethrough) and at a line's start (headings, lists, block quotes, rules, setext
/// underlines). Typographic characters are left as they are. Written by hand: Markdown
/// crates render Markdown, none turns plain text into it.
pub fn plain_to_markdown(paragraph: &str) -> String {
    let mut out = String::with_capacity(paragraph.len() + 8);
    for (i, line) in paragraph.lines().enumerate() {
        let line = line.trim();
        if i > 0 {
            // A line of a list written a line each ("- costs", "1. First") keeps its
            // own line, with a hard break: joined, the items would read as one line.
            if list_item(line) {
                out.push('\\');
            }
            out.push('\n');
        }
        // An ordered-list marker: digits, then `.` or `)`.
        let digits = line.bytes().take_while(u8::is_ascii_digit).count();
        for (j, c) in line.char_indices() {
            let at_start = j == 0 && matches!(c, '#' | '>' | '+' | '-' | '=');
            let list_mark = digits > 0 && j == digits && matches!(c, '.' | ')');
            if at_start
                || list_mark
                || matches!(
                    c,
                    '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '&' | '~' | '|'
                )
            {
                out.push('\\');
            }
            out.push(c);
        }
    }
    out
}

/// Whether a line of plain text opens an item of a list: a bullet (`-`, `*`, `•`, `–`)
/// or a number (`1.`, `2)`), then a space.
fn list_item(line: &str) -> bool {
    let digits = line.bytes().take_while(u8::is_ascii_digit).count();
    let rest = if digits > 0 {
        line[digits..].strip_prefix(['.', ')'])
    } else {
        line.strip_prefix(['-', '*', '+', '•', '–', '—'])
    };
    rest.is_some_and(|r| r.starts_with([' ', '\t']))
}

/// A slug made from a headline.
pub fn slug_from(title: &str) -> String {
    let slug = crate::text::slugify(title);
    slug.split('-').take(8).collect::<Vec<_>>().join("-")
}

fn valid_date(d: &str) -> bool {
    matches!(d.parse::<toml::value::Datetime>(), Ok(dt) if dt.date.is_some() && dt.time.is_none())
}

/// The text of the plain-text article `file`, or why it cannot be read.
fn read_text(file: &Path) -> Result<String> {
    if file.is_dir() {
        bail!(
            "{} is a folder: give the plain-text article's file",
            file.display()
        );
    }
    if !file.exists() {
        bail!(
            "{}: no such file (a path is taken from the folder explainer runs in, not from --root)",
            file.display()
        );
    }
    let bytes =
        std::fs::read(file).with_context(|| format!("failed to read {}", file.display()))?;
    String::from_utf8(bytes).map_err(|_| anyhow::anyhow!("{}: not UTF-8 text", file.display()))
}

/// `text` of `file` without the characters no page can show (control characters but
/// tab and line ends, noncharacters: text copied out of other programs brings them),
/// and the note that says where they were, if it had any.
fn shown_only(text: String, file: &Path) -> (String, Option<String>) {
    // Vertical tab, form feed and the next-line character part words as a space or a
    // line break does: dropped, they would join the words on either side.
    let text = text
        .replace(['\u{b}', '\u{c}'], " ")
        .replace('\u{85}', "\n");
    let Some(at) = text.find(crate::text::is_forbidden) else {
        return (text, None);
    };
    let count = text
        .chars()
        .filter(|&c| crate::text::is_forbidden(c))
        .count();
    let line = text[..at].matches('\n').count() + 1;
    let note = format!(
        "\nnote: {} of {} dropped (the first on its line {line}): no page can show {}",
        crate::plural::counted(
            count,
            "control character or noncharacter",
            "control characters or noncharacters"
        ),
        file.display(),
        if count == 1 { "it" } else { "them" }
    );
    (text.replace(crate::text::is_forbidden, ""), Some(note))
}

/// Imports `file` into the site at `root`; never overwrites an article.
pub fn run(
    root: &Path,
    file: &Path,
    date: Option<&str>,
    slug: Option<&str>,
    by: &Attribution,
) -> Result<String> {
    if let Some(url) = &by.source_url
        && !crate::model::valid_url(url)
    {
        bail!("--source-url \"{url}\" is not an http(s) URL");
    }
    let (text, dropped) = shown_only(read_text(file)?, file);
    let parsed = parse(&text).map_err(|e| anyhow::anyhow!("{}: {e}", file.display()))?;
    let date = match date {
        Some(d) if valid_date(d) => d.to_string(),
        Some(d) => bail!("--date \"{d}\" is not a date like 2025-08-18"),
        None => crate::new::today(),
    };
    let given = slug.is_some();
    let slug = slug
        .map(str::to_string)
        .unwrap_or_else(|| slug_from(&parsed.title));
    if !given && !valid_slug(&slug) {
        bail!(
            "cannot make a slug from the headline \"{}\" (a slug is lower-case Latin letters and digits): give one with --slug NAME",
            parsed.title
        );
    }
    if !valid_slug(&slug) {
        bail!(
            "\"{slug}\" is not a valid slug: lower-case letters and digits in words joined by hyphens"
        );
    }
    if let Some(other) = crate::new::slug_taken(root, &slug) {
        let what = if other.starts_with("content/articles/") {
            format!("{other} already exists")
        } else {
            format!("the slug \"{slug}\" is already used by {other}")
        };
        bail!("{what}: nothing was written; choose another slug with --slug NAME");
    }
    let before = crate::new::article_slugs(root);
    let rel = format!("content/articles/{slug}.md");
    crate::new::create_in_site(root, &rel, &to_markdown(&parsed, &date, by))?;
    let mut msg = format!(
        "wrote {rel} ({})",
        crate::plural::counted(parsed.paragraphs.len(), "paragraph", "paragraphs")
    );
    if let [first] = before.as_slice() {
        msg.push_str(&crate::new::needs_article(root, first));
    }
    msg.push_str(dropped.as_deref().unwrap_or_default());
    let missing: Vec<(&str, &str)> = [
        ("byline", "--byline", by.byline.is_none()),
        ("source", "--source", by.source.is_none()),
        ("source_url", "--source-url", by.source_url.is_none()),
    ]
    .into_iter()
    .filter_map(|(key, flag, none)| none.then_some((key, flag)))
    .collect();
    if !missing.is_empty() {
        let keys: Vec<&str> = missing.iter().map(|(k, _)| *k).collect();
        let flags: Vec<&str> = missing.iter().map(|(_, f)| *f).collect();
        msg.push_str(&format!(
            "\nnote: no {} given: readers see no attribution for it (import with {}, or write the key in the article's front matter)",
            keys.join(", "),
            flags.join(", ")
        ));
    }
    Ok(msg)
}
