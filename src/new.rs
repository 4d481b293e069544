//! `explainer new`: a new content file with every required key present.

use std::path::Path;

use anyhow::{Context, Result, bail};

use crate::model::valid_slug;

/// The kinds of file `new` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NewKind {
    /// content/articles/NAME.md
    Article,
    /// content/actors/NAME.md
    Actor,
    /// content/positions/NAME.md
    Position,
    /// content/annotations/NAME.md
    Annotation,
}

/// The kinds whose slugs share the site's URL space and must be unique across them.
const SLUG_KINDS: [&str; 3] = ["articles", "actors", "positions"];

/// The file that already uses `slug` for an article, actor or position, if any (the
/// slugs of those kinds are pages of one namespace, so they must be unique across them).
pub fn slug_taken(root: &Path, slug: &str) -> Option<String> {
    SLUG_KINDS
        .iter()
        .map(|kind| format!("content/{kind}/{slug}.md"))
        .find(|rel| root.join(rel).exists())
}

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

/// A name made from a slug, each word capitalised but the small words inside it:
/// `gustavo-petro` → `Gustavo Petro`, `united-states-of-america` → `United States of
/// America`.
fn title_from(slug: &str) -> String {
    const SMALL: &[&str] = &[
        "of", "the", "and", "de", "del", "von", "van", "der", "la", "le",
    ];
    slug.split('-')
        .enumerate()
        .map(|(i, word)| {
            if i > 0 && SMALL.contains(&word) {
                return word.to_string();
            }
            let mut chars = word.chars();
            chars
                .next()
                .map(|c| c.to_uppercase().chain(chars).collect())
                .unwrap_or_default()
        })
        .collect::<Vec<String>>()
        .join(" ")
}

/// What every placeholder `new` writes starts with: `check` warns while one is left.
pub const PLACEHOLDER: &str = "TODO:";

/// The text of a new file. `articles` are the site's article slugs before this one;
/// `actor_kind` the kind of a new actor, if given (else it is marked for review).
pub fn template(
    kind: NewKind,
    slug: &str,
    articles: &[String],
    date: &str,
    actor_kind: Option<&str>,
) -> String {
    let title = title_from(slug);
    let todo = PLACEHOLDER;
    match kind {
        NewKind::Article => format!(
            "+++\ntitle = \"{title}\"\ndate = {date}\n# dek = \"The standfirst under the headline\"\n# byline = \"\"\n# source = \"\"\n# source_url = \"https://…\"\n+++\n\n{todo} the article's text, one paragraph per block, as published.\n"
        ),
        NewKind::Actor => {
            let kind_line = match actor_kind {
                Some(k) => format!("kind = \"{k}\"\n"),
                None => format!(
                    "kind = \"person\" # {todo} check: \"person\", \"state\" or \"organization\"?\n"
                ),
            };
            format!(
                "+++\nname = \"{title}\"\n{kind_line}# aliases = [\"Other name\"]\n# role = \"Role at the time\"\n# affiliation = \"actor-slug\"\n# wikidata = \"Q…\"\n# links = [{{ title = \"…\", url = \"https://…\" }}]\n+++\n\n{todo} a short profile of {title}: who they are and why they matter to the story.\n"
            )
        }
        NewKind::Position => format!(
            "+++\ntitle = \"{title}\" # {todo} write the proposition, e.g. \"Ukraine joins NATO\"\nsummary = \"{todo} the proposition in one or two sentences.\"\n# question = \"Should …?\"\n# related = [\"position-slug\"]\n\n# [[stances]]\n# actor = \"actor-slug\"\n# stance = \"supports\" # or \"opposes\", \"mixed\", \"unclear\"\n# quote = \"the exact words of the article that show it\"\n# source_url = \"https://…\"\n# note = \"Where the article simplifies.\"\n+++\n\n{todo} what the position means and what is at stake.\n"
        ),
        NewKind::Annotation => {
            let article = match articles {
                [_] | [] => String::new(),
                // Which one is the writer's to say: the first is only a guess, marked
                // as a placeholder so that check says so until the line is settled.
                [first, ..] => {
                    let shown: Vec<&str> = articles.iter().take(5).map(String::as_str).collect();
                    let more = if articles.len() > 5 { ", …" } else { "" };
                    format!(
                        "article = \"{first}\" # {todo} the article the quote is from: {}{more}\n",
                        shown.join(", ")
                    )
                }
            };
            format!(
                "+++\n{article}quote = \"\" # the exact passage of the article this note is about\nkind = \"context\" # or \"definition\", \"fact-check\" (with verdict = \"…\"), \"analysis\"\ntitle = \"{title}\" # {todo} a title, or delete the line\n# sources = [{{ title = \"…\", url = \"https://…\" }}]\n+++\n\n{todo} what a reader needs to know about this passage.\n"
            )
        }
    }
}

/// Writes the new file; never overwrites one.
pub fn run(root: &Path, kind: NewKind, name: &str, actor_kind: Option<&str>) -> Result<String> {
    if actor_kind.is_some() && kind != NewKind::Actor {
        bail!("--kind is for actors: a person, a state or an organisation");
    }
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
    if kind != NewKind::Annotation
        && let Some(other) = slug_taken(root, name)
    {
        bail!(
            "the slug \"{name}\" is already used by {other}: slugs must be unique across articles, actors and positions; choose another name"
        );
    }
    let articles = article_slugs(root);
    let raw = (kind == NewKind::Actor)
        .then(|| crate::content::load(root).ok())
        .flatten()
        .map(|(raw, _)| raw);
    // An actor named in the articles takes their spelling ("BBC News", not "Bbc News").
    let spelt = raw
        .as_ref()
        .and_then(|raw| crate::suggest::spelling(raw, name))
        .filter(|s| *s != title_from(name));
    if let Some(raw) = &raw {
        let given = spelt.clone().unwrap_or_else(|| title_from(name));
        if let Some(other) = name_taken(raw, &given) {
            bail!(
                "{rel} would name its actor \"{given}\", which is already a name of {other} (its name, an alias or a match word): a mention must name one actor; nothing was written (choose another name, or add to that actor's aliases)"
            );
        }
    }
    let mut text = template(kind, name, &articles, &today(), actor_kind);
    if let Some(s) = &spelt {
        let title = title_from(name);
        text = text
            .replacen(
                &format!("name = \"{title}\""),
                &format!("name = \"{s}\""),
                1,
            )
            .replacen(
                &format!("profile of {title}"),
                &format!("profile of {s}"),
                1,
            );
    }
    create_in_site(root, &rel, &text)?;
    let mut msg = format!("wrote {rel}");
    if let Some(s) = spelt {
        msg.push_str(&format!(" (named \"{s}\", as the article spells it)"));
    }
    match kind {
        NewKind::Annotation => msg.push_str(": fill in its quote and write the note"),
        NewKind::Article if articles.len() == 1 => {
            msg.push_str(&needs_article(root, &articles[0]));
        }
        _ => {}
    }
    Ok(msg)
}

/// The file of the actor one of whose names, aliases or match words is `name` (as
/// mentions compare them), if one is.
fn name_taken(raw: &crate::content::RawSite, name: &str) -> Option<String> {
    let name = crate::text::normalize(name);
    raw.actors.iter().find_map(|file| {
        let f = &file.front;
        std::iter::once(&f.name)
            .chain(&f.aliases)
            .chain(&f.matches)
            .any(|v| crate::text::normalize(v.get_ref()) == name)
            .then(|| file.path.clone())
    })
}

/// Creates the file `rel` of the site at `root` holding `text`, unless its folder leads
/// out of the site (through a symbolic link). See `create_file`.
pub fn create_in_site(root: &Path, rel: &str, text: &str) -> Result<()> {
    let path = root.join(rel);
    let dir = path.parent().unwrap_or(root);
    std::fs::create_dir_all(dir).with_context(|| format!("failed to create {}", dir.display()))?;
    if !crate::content::link_stays_inside(root, dir) {
        let to = std::fs::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf());
        bail!(
            "the folder of {rel} leads outside the site (to {}): nothing was written",
            to.display()
        );
    }
    create_file(&path, rel, text)
}

/// Creates the file `path` holding `text`. Never replaces a file, not even one made a
/// moment before by another program: the file is opened only if it does not exist yet.
/// `rel` names the file in errors.
pub fn create_file(path: &Path, rel: &str, text: &str) -> Result<()> {
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .with_context(|| format!("failed to create {rel}"))?;
    std::io::Write::write_all(&mut file, text.as_bytes())
        .with_context(|| format!("failed to write {rel}"))
}

/// The slugs of the site's articles, sorted.
pub fn article_slugs(root: &Path) -> Vec<String> {
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
    articles
}

/// What a site's first article leaves to do once a second one exists: every annotation
/// and every stance with a quote must now say which article it quotes. Lists each with
/// its file and line and the line to add (the site's only article until now, `first`).
pub fn needs_article(root: &Path, first: &str) -> String {
    let Ok((raw, _)) = crate::content::load(root) else {
        return String::new();
    };
    let mut places = Vec::new();
    for file in raw.annotations.iter() {
        if file.front.article.is_none() {
            places.push(format!(
                "  {}:{}",
                file.path,
                file.line(file.front.quote.span())
            ));
        }
    }
    for file in raw.positions.iter() {
        for stance in &file.front.stances {
            let stance = stance.get_ref();
            if let (Some(quote), None) = (&stance.quote, &stance.article) {
                places.push(format!("  {}:{}", file.path, file.line(quote.span())));
            }
        }
    }
    if places.is_empty() {
        return String::new();
    }
    format!(
        "\nnote: the site now has two articles, so {} must say which article {}: add `article = \"{first}\"` (or the new article's slug) to\n{}",
        crate::plural::counted(
            places.len(),
            "annotation or stance",
            "annotations and stances"
        ),
        if places.len() == 1 {
            "it quotes"
        } else {
            "they quote"
        },
        places.join("\n")
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn annotation_names_the_article_only_when_there_are_several() {
        let one = template(NewKind::Annotation, "x", &["a".into()], "2025-01-01", None);
        assert!(!one.contains("article ="));
        let two = template(
            NewKind::Annotation,
            "x",
            &["a".into(), "b".into()],
            "2025-01-01",
            None,
        );
        assert!(two.contains("article = \"a\" # TODO: the article the quote is from: a, b\n"));
    }

    #[test]
    fn slugs_are_checked_across_kinds() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("content/actors")).unwrap();
        std::fs::write(dir.path().join("content/actors/council.md"), "").unwrap();
        assert_eq!(
            slug_taken(dir.path(), "council").as_deref(),
            Some("content/actors/council.md")
        );
        assert_eq!(slug_taken(dir.path(), "other"), None);
    }

    #[test]
    fn titles_come_from_the_slug() {
        assert_eq!(title_from("gustavo-petro"), "Gustavo Petro");
        assert_eq!(title_from("saudi-arabia"), "Saudi Arabia");
        assert_eq!(
            title_from("united-states-of-america"),
            "United States of America"
        );
        assert_eq!(title_from("cop30"), "Cop30");
    }
}
