//! `explainer new`: a new content file with every required key present.

use std::path::Path;

use anyhow::{Context, Result, bail};

use crate::cli::NewKind;
use crate::model::valid_slug;

/// Today's date in UTC, `YYYY-MM-DD`.
pub fn today() -> String {
    time::OffsetDateTime::now_utc().date().to_string()
}

/// The folder of `content/` a kind lives in.
fn folder(kind: NewKind) -> &'static str {
    match kind {
        NewKind::Article => "articles",
        NewKind::Actor => "actors",
        NewKind::Position => "positions",
        NewKind::Annotation => "annotations",
    }
}

/// A title made from a slug: `donald-trump` → `Donald trump`.
fn title_from(slug: &str) -> String {
    let words = slug.replace('-', " ");
    let mut chars = words.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// The text of a new file. `articles` are the site's article slugs before this one.
pub fn template(kind: NewKind, slug: &str, articles: &[String], date: &str) -> String {
    let title = title_from(slug);
    match kind {
        NewKind::Article => format!(
            "+++\ntitle = \"{title}\"\ndate = {date}\n# dek = \"The standfirst under the headline\"\n# byline = \"\"\n# source = \"\"\n# source_url = \"https://…\"\n+++\n\nThe article's text, one paragraph per block, as published.\n"
        ),
        NewKind::Actor => format!(
            "+++\nname = \"{title}\"\nkind = \"person\" # or \"state\", \"organization\"\n# aliases = [\"Other name\"]\n# role = \"Role at the time\"\n# affiliation = \"actor-slug\"\n# wikidata = \"Q…\"\n# links = [{{ title = \"…\", url = \"https://…\" }}]\n+++\n\nA short profile of {title}: who they are and why they matter to the story.\n"
        ),
        NewKind::Position => format!(
            "+++\ntitle = \"{title}\"\nsummary = \"The proposition in one or two sentences.\"\n# question = \"Should …?\"\n# related = [\"position-slug\"]\n\n# [[stances]]\n# actor = \"actor-slug\"\n# stance = \"supports\" # or \"opposes\", \"mixed\", \"unclear\"\n# quote = \"the exact words of the article that show it\"\n# source_url = \"https://…\"\n# note = \"Where the article simplifies.\"\n+++\n\nWhat the position means and what is at stake.\n"
        ),
        NewKind::Annotation => {
            let article = match articles {
                [_] | [] => String::new(),
                [first, ..] => format!("article = \"{first}\"\n"),
            };
            format!(
                "+++\n{article}quote = \"\" # the exact passage of the article this note is about\nkind = \"context\" # or \"definition\", \"fact-check\" (with verdict = \"…\"), \"analysis\"\ntitle = \"{title}\"\n# sources = [{{ title = \"…\", url = \"https://…\" }}]\n+++\n\nThe note: what a reader needs to know about this passage.\n"
            )
        }
    }
}

/// Writes the new file; never overwrites one.
pub fn run(root: &Path, kind: NewKind, name: &str) -> Result<String> {
    if !valid_slug(name) {
        bail!(
            "\"{name}\" is not a valid name: use lower-case letters and digits in words joined by hyphens, e.g. donald-trump"
        );
    }
    let dir = root.join("content").join(folder(kind));
    let path = dir.join(format!("{name}.md"));
    let rel = format!("content/{}/{name}.md", folder(kind));
    if path.exists() {
        bail!("{rel} already exists: it was left as it is");
    }
    let mut articles: Vec<String> = match std::fs::read_dir(root.join("content/articles")) {
        Ok(entries) => entries
            .filter_map(|e| e.ok())
            .filter_map(|e| {
                e.file_name()
                    .to_str()
                    .and_then(|n| n.strip_suffix(".md"))
                    .map(str::to_string)
            })
            .collect(),
        Err(_) => Vec::new(),
    };
    articles.sort();
    std::fs::create_dir_all(&dir).with_context(|| format!("failed to create {}", dir.display()))?;
    let text = template(kind, name, &articles, &today());
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&path)
        .with_context(|| format!("failed to create {rel}"))?;
    std::io::Write::write_all(&mut file, text.as_bytes())
        .with_context(|| format!("failed to write {rel}"))?;
    let mut msg = format!("wrote {rel}");
    match kind {
        NewKind::Annotation => msg.push_str(": fill in its quote and write the note"),
        NewKind::Article if articles.len() == 1 => msg.push_str(
            "\nnote: the site now has two articles, so every stance quote and annotation needs `article = \"…\"`; `explainer check` lists them",
        ),
        _ => {}
    }
    Ok(msg)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn annotation_names_the_article_only_when_there_are_several() {
        let one = template(NewKind::Annotation, "x", &["a".into()], "2025-01-01");
        assert!(!one.contains("article ="));
        let two = template(
            NewKind::Annotation,
            "x",
            &["a".into(), "b".into()],
            "2025-01-01",
        );
        assert!(two.contains("article = \"a\""));
    }

    #[test]
    fn titles_come_from_the_slug() {
        assert_eq!(title_from("donald-trump"), "Donald trump");
    }
}
