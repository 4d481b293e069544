//! `explainer suggest`: the names an article has and the site does not. Capitalised
//! names and acronyms in the article's text that no actor's name or alias covers, with
//! their count and blocks, most frequent first, each with the command that starts an
//! actor for it (or the alias to add, when the name is part of an actor's name).
//!
//! Written by hand: finding names needs only the text's capitals and a stop list, and
//! the named-entity crates bring models far larger than this tool.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use anyhow::{Result, bail};

use crate::content::{self, RawSite};
use crate::markdown;

mod kinds;
mod names;
use kinds::kind_of;
pub use names::{Name, Scan, names_in, scan};
use names::{contains, words};

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
    /// An actor of the name's slug exists, named with the same letters in other cases
    /// ("Bbc News" for "BBC News"): write its name as the article does.
    Respell { file: String, written: String },
    /// An actor of the name's slug exists with another name ("Jose Muller" for "José
    /// Müller"): the same one, written otherwise (then an alias to add), or another
    /// one (then an actor of another slug).
    SameSlug { file: String, written: String },
}

/// What `suggest` found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    /// The names no actor covers, most frequent first.
    pub suggestions: Vec<Suggestion>,
    /// How many different names the text surely has, covered or not.
    pub names: usize,
}

/// What `suggest` made of a site.
#[derive(Debug)]
pub enum Outcome {
    /// The names found.
    Found(Report),
    /// Articles or actors that could not be read, with their errors: the names of an
    /// unread article are not seen, and an unread actor covers none, so no suggestion
    /// made without them could be trusted ("no name", or `new actor` for one that
    /// exists).
    Unread(Vec<crate::Diagnostic>),
}

/// The suggestions for the site at `root`: for one article, or all of them.
pub fn run(root: &Path, article: Option<&str>) -> Result<Outcome> {
    let (raw, diags) = content::load(root)?;
    let unread: BTreeSet<&str> = (raw.unparsed.iter())
        .filter(|u| matches!(u.kind, "articles" | "actors"))
        .map(|u| u.path.as_str())
        .collect();
    if !unread.is_empty() {
        return Ok(Outcome::Unread(
            (diags.into_iter())
                .filter(|d| d.is_error() && unread.contains(d.path.as_str()))
                .collect(),
        ));
    }
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
    let covered = Covered::new(&raw);
    // Each name: its count, its blocks, where it first occurs, and whether it ever
    // stands where it cannot be an ordinary word (not alone at a sentence's start).
    let mut found = Found::new();
    let mut seen = BTreeSet::new();
    for file in articles {
        // The standfirst often gives a name in full that the text shortens ("Tony Blair",
        // then "Blair"): it is read too, though only the text links mentions.
        if let Some(dek) = &file.front.dek {
            let id = if several {
                format!("{}#dek", file.slug)
            } else {
                "dek".to_string()
            };
            // Compared as the text's blocks are: quotes folded, spaces collapsed.
            let dek = crate::text::normalize(dek);
            count(&mut found, &mut seen, &covered, &dek, &id);
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
            count(&mut found, &mut seen, &covered, &block.text(), &id);
        }
    }
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
    Ok(Outcome::Found(Report {
        suggestions: out.into_iter().map(|(_, s)| s).collect(),
        names: seen.len(),
    }))
}

/// Each name found: its count, its blocks, where it first occurs, and whether it ever
/// stands where it cannot be an ordinary word.
type Found = BTreeMap<String, (usize, Vec<String>, usize, bool)>;

/// Counts the names of `text`, found in block `id`, into `found`; not those that stand
/// in a mention of an actor there (see `Covered::mentions`). Every name that is surely
/// one goes into `seen`, covered or not.
fn count(found: &mut Found, seen: &mut BTreeSet<String>, covered: &Covered, text: &str, id: &str) {
    // The placeholder `explainer new` writes (`TODO:`) names no one.
    let placeholder = crate::new::PLACEHOLDER.trim_end_matches(':');
    let scan = scan(text);
    for Name { name, sure, at } in scan.names {
        if name == placeholder {
            continue;
        }
        if sure {
            seen.insert(name.clone());
        }
        if covered.mentions(&scan.words, at) {
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
    /// The slugs of the articles and positions (and of the files of those kinds that
    /// did not read), which share one set of names with the actors.
    others: std::collections::BTreeSet<String>,
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
        let others = (raw.articles.iter().map(|a| a.slug.clone()))
            .chain(raw.positions.iter().map(|p| p.slug.clone()))
            .chain(
                (raw.unparsed.iter())
                    .filter(|u| matches!(u.kind, "articles" | "positions"))
                    .map(|u| u.slug.clone()),
            )
            .collect();
        Covered {
            names,
            slugs,
            others,
        }
    }

    /// Whether the words `at` of the text's `words` stand in a mention of an actor: its
    /// name or an alias is written around them ("Finance Ministry" around "Ministry",
    /// "King Charles III" around "Charles III", where a title was dropped).
    fn mentions(&self, words: &[String], at: std::ops::Range<usize>) -> bool {
        self.names.iter().any(|(n, _)| {
            let len = n.len();
            len >= at.len()
                && (at.end.saturating_sub(len)..=at.start)
                    .any(|p| words.get(p..p + len).is_some_and(|w| w == n.as_slice()))
        })
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
            let (file, written) = (file.clone(), written.clone());
            // Only a change of case is surely the same name; letters that differ
            // ("José Müller", "Jose Muller") may name another person.
            let same = crate::text::normalize(&written).to_lowercase() == name.to_lowercase();
            return Some(if same {
                Action::Respell { file, written }
            } else {
                Action::SameSlug { file, written }
            });
        }
        // A slug an article or a position has is not free: `new` would refuse it
        // (probe: the advice looped). The first free one of `SLUG-KIND`, `SLUG-2`, ….
        let kind = kind_of(name);
        let slug = slug_of(name);
        let free = |s: &String| !self.others.contains(s) && !self.slugs.contains_key(s);
        let slug = std::iter::once(slug.clone())
            .chain(std::iter::once(format!(
                "{slug}-{}",
                kind.unwrap_or("actor")
            )))
            .chain((2..).map(|n| format!("{slug}-{n}")))
            .find(free)
            .unwrap_or(slug);
        Some(Action::NewActor { slug, kind })
    }
}

/// How the articles of `raw` spell the name whose slug is `slug`, most often ("BBC News"
/// for `bbc-news`), if they name it.
pub fn spelling(raw: &RawSite, slug: &str) -> Option<String> {
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    for file in raw.articles.iter() {
        for Name { name, .. } in names_in(&file.body) {
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
pub fn render(report: &Report) -> String {
    let suggestions = &report.suggestions;
    if report.names == 0 {
        return "the text has no capitalised name or acronym\n".into();
    }
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
            Action::SameSlug { file, written } => format!(
                "if \"{}\" is \"{written}\", add it to the aliases in {file}; if not, start its actor with another slug",
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
mod tests;
