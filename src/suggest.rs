//! `explainer suggest`: the names an article has and the site does not. Capitalised
//! names and acronyms in the article's text that no actor's name or alias covers, with
//! their count and blocks, most frequent first, each with the command that starts an
//! actor for it (or the alias to add, when the name is part of an actor's name).
//!
//! Written by hand: finding names needs only the text's capitals and a stop list, and
//! the named-entity crates bring models far larger than this tool.

use std::collections::BTreeMap;
use std::path::Path;

use anyhow::{Result, bail};

use crate::content::{self, RawSite};
use crate::markdown;

mod names;
pub use names::names_in;
use names::{contains, is_acronym, words};

/// A name found in an article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Suggestion {
    /// The name as written (possessive `’s` dropped).
    pub name: String,
    /// How often it occurs.
    pub count: usize,
    /// The blocks it occurs in, `p3`, in text order, each once.
    pub blocks: Vec<String>,
    /// What to do about it.
    pub action: Action,
}

/// What would cover a name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    /// Start an actor: `explainer new actor SLUG …`.
    NewActor {
        slug: String,
        kind: Option<&'static str>,
    },
    /// The name is part of an actor's name: add it to that actor's aliases.
    Alias { file: String },
    /// An actor of the name's slug exists, named otherwise ("Bbc News" for "BBC News"):
    /// write its name as the article does.
    Respell { file: String, written: String },
}

const ORGANISATION: &[&str] = &[
    "Union",
    "Organization",
    "Organisation",
    "Council",
    "Commission",
    "Ministry",
    "Party",
    "Agency",
    "Bank",
    "Fund",
    "Forces",
    "Army",
    "Alliance",
    "Committee",
    "Parliament",
    "Congress",
    "Department",
    "Office",
    "Court",
    "Company",
    "Corporation",
    "Institute",
    "Association",
    "Coalition",
];

/// The suggestions for the site at `root`: for one article, or all of them.
pub fn run(root: &Path, article: Option<&str>) -> Result<Vec<Suggestion>> {
    let (raw, _) = content::load(root)?;
    let articles: Vec<_> = raw
        .articles
        .iter()
        .filter(|a| article.is_none_or(|s| a.slug == s))
        .collect();
    if let Some(slug) = article
        && articles.is_empty()
    {
        bail!("there is no article \"{slug}\" in content/articles/");
    }
    let several = articles.len() > 1;
    // Each name: its count, its blocks, where it first occurs, and whether it ever
    // stands where it cannot be an ordinary word (not alone at a sentence's start).
    let mut found = Found::new();
    for file in articles {
        // The standfirst often gives a name in full that the text shortens ("Tony Blair",
        // then "Blair"): it is read too, though only the text links mentions.
        if let Some(dek) = &file.front.dek {
            let id = if several {
                format!("{}#dek", file.slug)
            } else {
                "dek".to_string()
            };
            count(&mut found, dek, &id);
        }
        let events = markdown::parse(&file.body, &|_| None);
        for block in markdown::analyse(&events) {
            let Some(number) = block.range.number else {
                continue;
            };
            let id = if several {
                format!("{}#p{number}", file.slug)
            } else {
                format!("p{number}")
            };
            count(&mut found, &block.text(), &id);
        }
    }
    let covered = Covered::new(&raw);
    // A lone word that ends a longer name of the text ("Blair" of "Tony Blair") that no
    // actor has yet is that name shortened: counted with it, so that the actor starts
    // with the full name (once it exists, the lone word is an alias to add).
    let full: Vec<String> = found
        .keys()
        .filter(|n| n.contains(' '))
        .filter(|n| matches!(covered.action(n), Some(Action::NewActor { .. })))
        .cloned()
        .collect();
    let lone: Vec<String> = found.keys().filter(|n| !n.contains(' ')).cloned().collect();
    for word in lone {
        let mut longer = full.iter().filter(|f| f.ends_with(&format!(" {word}")));
        if let (Some(name), None) = (longer.next(), longer.next())
            && let Some((count, blocks, first, sure)) = found.remove(&word)
            && let Some(entry) = found.get_mut(name)
        {
            entry.0 += count;
            entry.2 = entry.2.min(first);
            entry.3 |= sure;
            for b in blocks {
                if !entry.1.contains(&b) {
                    entry.1.push(b);
                }
            }
            // In text order: the standfirst, then the blocks.
            entry.1.sort_by_key(|b| {
                let (article, block) = b.rsplit_once('#').unwrap_or(("", b));
                let n = block
                    .strip_prefix('p')
                    .and_then(|n| n.parse::<usize>().ok());
                (article.to_string(), n.unwrap_or(0))
            });
        }
    }
    let mut out: Vec<(usize, Suggestion)> = found
        .into_iter()
        .filter(|(_, (.., sure))| *sure)
        .filter_map(|(name, (count, blocks, first, _))| {
            let action = covered.action(&name)?;
            Some((
                first,
                Suggestion {
                    name,
                    count,
                    blocks,
                    action,
                },
            ))
        })
        .collect();
    out.sort_by(|(fa, a), (fb, b)| b.count.cmp(&a.count).then(fa.cmp(fb)));
    Ok(out.into_iter().map(|(_, s)| s).collect())
}

/// Each name found: its count, its blocks, where it first occurs, and whether it ever
/// stands where it cannot be an ordinary word.
type Found = BTreeMap<String, (usize, Vec<String>, usize, bool)>;

/// Counts the names of `text`, found in block `id`, into `found`.
fn count(found: &mut Found, text: &str, id: &str) {
    // The placeholder `explainer new` writes (`TODO:`) names no one.
    let placeholder = crate::new::PLACEHOLDER.trim_end_matches(':');
    for (name, sure) in names_in(text) {
        if name == placeholder {
            continue;
        }
        let order = found.len();
        let entry = found
            .entry(name)
            .or_insert_with(|| (0, Vec::new(), order, false));
        entry.0 += 1;
        entry.3 |= sure;
        if !entry.1.iter().any(|b| b == id) {
            entry.1.push(id.to_string());
        }
    }
}

/// The names of actors and their aliases, to tell covered names from new ones.
struct Covered {
    /// Every name and alias, split into words.
    names: Vec<(Vec<String>, String)>,
    /// Each actor's slug, with its file and name.
    slugs: BTreeMap<String, (String, String)>,
}

impl Covered {
    fn new(raw: &RawSite) -> Covered {
        let mut names = Vec::new();
        let slugs = (raw.actors.iter())
            .map(|a| {
                let name = a.front.name.get_ref().clone();
                (a.slug.clone(), (a.path.clone(), name))
            })
            .collect();
        for a in raw.actors.iter() {
            names.push((words(a.front.name.get_ref()), a.path.clone()));
            for alias in a.front.aliases.iter().chain(&a.front.matches) {
                names.push((words(alias.get_ref()), a.path.clone()));
            }
        }
        Covered { names, slugs }
    }

    /// What to do about `name`: nothing (`None`) when an actor's name or alias is the
    /// name or stands in it as whole words ("President Trump" holds the alias "Trump");
    /// an alias when the name stands in an actor's name ("Zelenskyy" in "Volodymyr
    /// Zelenskyy", which matches only in full); otherwise a new actor.
    fn action(&self, name: &str) -> Option<Action> {
        let w = words(name);
        if self.names.iter().any(|(n, _)| contains(&w, n)) {
            return None;
        }
        if let Some((_, file)) = self.names.iter().find(|(n, _)| contains(n, &w)) {
            return Some(Action::Alias { file: file.clone() });
        }
        if let Some((file, written)) = self.slugs.get(&slug_of(name)) {
            return Some(Action::Respell {
                file: file.clone(),
                written: written.clone(),
            });
        }
        let organisation =
            w.len() > 1 && w.iter().any(|x| ORGANISATION.contains(&x.as_str())) || is_acronym(name);
        let kind = organisation.then_some("organisation");
        Some(Action::NewActor {
            slug: slug_of(name),
            kind,
        })
    }
}

/// How the articles of `raw` spell the name whose slug is `slug`, most often ("BBC News"
/// for `bbc-news`), if they name it.
pub fn spelling(raw: &RawSite, slug: &str) -> Option<String> {
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    for file in raw.articles.iter() {
        for (name, _) in names_in(&file.body) {
            if slug_of(&name) == slug {
                *counts.entry(name).or_default() += 1;
            }
        }
    }
    let most = counts.values().copied().max()?;
    counts
        .into_iter()
        .find(|(_, n)| *n == most)
        .map(|(name, _)| name)
}

/// A slug for a name: `Gustavo Petro` → `gustavo-petro`; accents dropped.
pub fn slug_of(name: &str) -> String {
    let slug = crate::text::slugify(name);
    if slug.is_empty() {
        "actor".into()
    } else {
        slug
    }
}

/// The report, one line a name.
pub fn render(suggestions: &[Suggestion]) -> String {
    if suggestions.is_empty() {
        return "every capitalised name in the text is covered by an actor's name or alias\n"
            .into();
    }
    let width = suggestions
        .iter()
        .map(|s| s.name.chars().count())
        .max()
        .unwrap_or(0);
    let mut out = format!(
        "{} in the text that no actor covers, most frequent first:\n",
        crate::plural::counted(suggestions.len(), "name", "names")
    );
    for s in suggestions {
        let todo = match &s.action {
            Action::NewActor { slug, kind } => format!(
                "explainer new actor {slug} --kind {}",
                kind.unwrap_or("KIND")
            ),
            Action::Alias { file } => format!("add \"{}\" to the aliases in {file}", s.name),
            Action::Respell { file, written } => format!(
                "{file} names it \"{written}\": write name = \"{}\" as the article does",
                s.name
            ),
        };
        out.push_str(&format!(
            "{:>4}× {:<width$}  {:<12}  {todo}\n",
            s.count,
            s.name,
            s.blocks.join(","),
        ));
    }
    out.push_str("KIND is person, state or organisation.\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(text: &str) -> Vec<String> {
        names_in(text)
            .into_iter()
            .filter(|(_, sure)| *sure)
            .map(|(n, _)| n)
            .collect()
    }

    #[test]
    fn names_without_titles_stop_words_or_sentence_starts() {
        assert_eq!(
            names(
                "U.S. President Donald Trump has ruled out NATO-style entry under Article 5. However, the Port Authority’s chief said so in Washington."
            ),
            [
                "Donald Trump",
                "NATO",
                "Article 5",
                "Port Authority",
                "Washington"
            ]
        );
        assert_eq!(
            names("The United States of America met in May."),
            ["United States of America"]
        );
        assert_eq!(
            names(
                "Instead of that, talks began. Speaking later, officials left. Read <b>Sam Poe.</b>"
            ),
            ["Sam Poe"]
        );
        assert_eq!(names_in("Brazil hosted."), [("Brazil".to_string(), false)]);
    }

    #[test]
    fn slugs_fold_accents() {
        assert_eq!(slug_of("Gustavo Petro"), "gustavo-petro");
        assert_eq!(slug_of("Élysée Palace"), "elysee-palace");
        assert_eq!(slug_of("U.S."), "u-s");
    }
}
