//! `explainer init`: a new site that builds and passes `check` as written (a fictional
//! story, to be replaced), with the workflow that publishes it on GitHub Pages through
//! this version's action.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};

/// The slug of the starter's example article.
pub const STARTER_ARTICLE: &str = "bus-lane-vote";

/// The title the starter gives a site.
pub fn starter_title() -> &'static str {
    let toml = STARTER[0].1;
    toml.lines()
        .find_map(|l| l.strip_prefix("title = \""))
        .and_then(|l| l.strip_suffix('"'))
        .unwrap_or_default()
}

/// The starter's files: where each goes in the new site, and its text. `@LANGUAGE@`,
/// `@ACTION@` and `@REPOSITORY@` are filled in by [`files`].
const STARTER: &[(&str, &str)] = &[
    (
        "content/site.toml",
        include_str!("starter/content/site.toml"),
    ),
    (
        "content/articles/bus-lane-vote.md",
        include_str!("starter/content/articles/bus-lane-vote.md"),
    ),
    (
        "content/actors/ana-torres.md",
        include_str!("starter/content/actors/ana-torres.md"),
    ),
    (
        "content/actors/riverside-business-association.md",
        include_str!("starter/content/actors/riverside-business-association.md"),
    ),
    (
        "content/positions/main-street-bus-lanes.md",
        include_str!("starter/content/positions/main-street-bus-lanes.md"),
    ),
    (
        "content/annotations/who-pays.md",
        include_str!("starter/content/annotations/who-pays.md"),
    ),
    (".gitignore", include_str!("starter/gitignore")),
    (
        ".github/workflows/pages.yml",
        include_str!("starter/pages.yml"),
    ),
    ("README.md", include_str!("starter/README.md")),
];

/// What a folder may hold and still count as empty: a repository just made with
/// `git init` or cloned empty from GitHub.
const IGNORED: &[&str] = &[".git"];

/// The package's repository on GitHub, `OWNER/NAME`, from `repository` of Cargo.toml.
pub fn repository() -> &'static str {
    let url = env!("CARGO_PKG_REPOSITORY");
    let path = url.strip_prefix("https://github.com/").unwrap_or(url);
    let path = path.trim_end_matches('/');
    path.strip_suffix(".git").unwrap_or(path)
}

/// What the starter's workflow puts after `uses:`: this repository's action at the tag
/// of this version, `OWNER/NAME@vVERSION`, whose release binary is this one.
pub fn action() -> String {
    format!("{}@v{}", repository(), env!("CARGO_PKG_VERSION"))
}

/// The starter's files for a site in `language`: (path in the site, text), in the order
/// they are written. The pages of the starter speak the language (its story stays in
/// English, to be replaced); for a language without built-in words, the English table
/// comes along as `i18n/LANG.toml`, to translate.
pub fn files(language: &str) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = STARTER
        .iter()
        .map(|(path, text)| {
            let text = text
                .replace("@LANGUAGE@", language)
                .replace("@ACTION@", &action())
                .replace("@REPOSITORY@", env!("CARGO_PKG_REPOSITORY"));
            (path.to_string(), text)
        })
        .collect();
    let lang = crate::render::i18n::primary(language);
    if crate::render::i18n::Strings::built_in(&lang).is_none() {
        let english = crate::render::i18n::BUILT_IN
            .iter()
            .find(|(l, _)| *l == "en")
            .map_or("", |(_, text)| text);
        out.push((
            format!("{}/{lang}.toml", crate::render::i18n::OVERRIDES),
            format!("# explainer has no built-in words for \"{lang}\": these are the English ones, to\n# translate (a key left out is shown in English, with a warning).\n#\n{english}"),
        ));
    }
    out
}

/// Writes a new site into `dir`, made if missing. Refuses a folder that holds anything
/// (but `.git`) and a language that `site.toml` would refuse; writes every file or, if
/// one cannot be written, none.
pub fn run(dir: &Path, language: &str) -> Result<String> {
    if let Some((message, hint)) = crate::content::values::language_problem(language) {
        bail!("{message}; {}", hint.unwrap_or_default());
    }
    refuse_unless_empty(dir)?;
    let files = files(language);
    write_all(dir, &files)?;
    Ok(format!(
        "wrote a new site into {shown} ({n} files), a fictional story to replace with your own\n\
         next: cd {shown} && explainer serve\n\
         to publish it, push it to GitHub and set Settings → Pages → Source to GitHub Actions: \
         .github/workflows/pages.yml builds it with {action}",
        shown = dir.display(),
        n = files.len(),
        action = action(),
    ))
}

/// An error unless `dir` is missing or empty (but for [`IGNORED`]).
fn refuse_unless_empty(dir: &Path) -> Result<()> {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(_) if dir.exists() && !dir.is_dir() => {
            bail!(
                "{} is a file, not a folder: name a new folder",
                dir.display()
            )
        }
        Err(e) => return Err(e).with_context(|| format!("failed to read {}", dir.display())),
    };
    let mut names: Vec<String> = Vec::new();
    for entry in entries {
        let entry = entry.with_context(|| format!("failed to read {}", dir.display()))?;
        let name = entry.file_name().to_string_lossy().into_owned();
        if !IGNORED.contains(&name.as_str()) {
            names.push(name);
        }
    }
    names.sort();
    if let Some(first) = names.first() {
        bail!(
            "{} is not empty (it holds {first}{}): explainer init writes a new site only into an empty or new folder, and never overwrites a file",
            dir.display(),
            match names.len() {
                1 => String::new(),
                n => format!(" and {}", crate::plural::counted(n - 1, "other", "others")),
            }
        );
    }
    Ok(())
}

/// Writes `files` under `dir`, each with [`crate::new::create_file`] (never over a file).
/// If one fails, removes what this call made, files and folders, and returns the error.
fn write_all(dir: &Path, files: &[(String, String)]) -> Result<()> {
    let mut made: Vec<PathBuf> = Vec::new();
    let result = files.iter().try_for_each(|(rel, text)| {
        let path = dir.join(rel);
        if let Some(parent) = path.parent() {
            make_folders(parent, &mut made)?;
        }
        crate::new::create_file(&path, &path.display().to_string(), text)?;
        made.push(path);
        Ok(())
    });
    if result.is_err() {
        for path in made.iter().rev() {
            let _ = std::fs::remove_file(path).or_else(|_| std::fs::remove_dir(path));
        }
    }
    result
}

/// Makes `folder` and those above it that are missing, recording each it made (the
/// highest first) in `made`.
fn make_folders(folder: &Path, made: &mut Vec<PathBuf>) -> Result<()> {
    let missing: Vec<&Path> = folder
        .ancestors()
        .take_while(|p| !p.as_os_str().is_empty() && !p.exists())
        .collect();
    for path in missing.into_iter().rev() {
        std::fs::create_dir(path)
            .with_context(|| format!("failed to create {}", path.display()))?;
        made.push(path.to_path_buf());
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_marker_is_filled_in_and_no_placeholder_is_left() {
        for (path, text) in files("pt-BR") {
            for marker in ["@LANGUAGE@", "@ACTION@", "@REPOSITORY@"] {
                assert!(!text.contains(marker), "{path} still has {marker}");
            }
            assert!(
                !text.contains(crate::new::PLACEHOLDER),
                "{path} has a placeholder"
            );
        }
        let site = &files("pt-BR")[0];
        assert_eq!(site.0, "content/site.toml");
        assert!(site.1.contains("language = \"pt-BR\"\n"), "{}", site.1);
    }

    #[test]
    fn the_workflow_uses_the_action_at_this_version() {
        let action = action();
        let (owner_name, version) = action.split_once('@').unwrap();
        assert_eq!(version, format!("v{}", env!("CARGO_PKG_VERSION")));
        assert_eq!(owner_name.split('/').filter(|s| !s.is_empty()).count(), 2);
        let workflow = files("en")
            .into_iter()
            .find(|(p, _)| *p == ".github/workflows/pages.yml")
            .unwrap()
            .1;
        assert!(
            workflow.contains(&format!("      - uses: {action}\n")),
            "{workflow}"
        );
    }

    #[test]
    fn a_file_that_cannot_be_written_takes_the_others_back() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("site");
        // The second file needs a folder where the first one is a file.
        let files = [
            ("a/b".to_string(), "one".to_string()),
            ("a/b/c".to_string(), "two".to_string()),
        ];
        assert!(write_all(&dir, &files).is_err());
        assert!(!dir.exists(), "nothing is left, not even the folder");
    }

    #[test]
    fn a_folder_with_only_git_counts_as_empty() {
        let tmp = tempfile::tempdir().unwrap();
        std::fs::create_dir(tmp.path().join(".git")).unwrap();
        assert!(refuse_unless_empty(tmp.path()).is_ok());
        std::fs::write(tmp.path().join("notes.txt"), "").unwrap();
        std::fs::write(tmp.path().join("a.txt"), "").unwrap();
        let e = refuse_unless_empty(tmp.path()).unwrap_err().to_string();
        assert!(
            e.contains("is not empty (it holds a.txt and 1 other)"),
            "{e}"
        );
    }
}
