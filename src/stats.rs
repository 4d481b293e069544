//! `explainer stats`: how far the explainer is from done. Per article, how many blocks
//! carry notes and mentions; actors without stances; positions with fewer than two
//! stances; fact-checks without sources; placeholders `new` wrote that are still there.

use std::collections::BTreeSet;
use std::path::Path;

use serde::Serialize;

use crate::model::{AnnotationKind, Site};

/// What `stats` reports.
#[derive(Debug, Serialize, PartialEq, Eq)]
pub struct Stats {
    /// One entry an article.
    pub articles: Vec<ArticleStats>,
    /// Actors that take no stance on any position.
    pub actors_without_stances: Vec<String>,
    /// Positions with fewer than two stances, and how many they have.
    pub positions_with_few_stances: Vec<(String, usize)>,
    /// Fact-checks that cite no source.
    pub fact_checks_without_sources: Vec<String>,
    /// Placeholders left: file, line and the line's text.
    pub placeholders: Vec<Placeholder>,
}

/// The coverage of one article.
#[derive(Debug, Serialize, PartialEq, Eq)]
pub struct ArticleStats {
    /// Its slug.
    pub slug: String,
    /// Its numbered blocks (`p1` …).
    pub blocks: usize,
    /// Blocks with a note.
    pub with_notes: usize,
    /// Blocks with a mention.
    pub with_mentions: usize,
    /// Blocks with neither, as `pN`.
    pub bare: Vec<String>,
}

/// A placeholder left in a content file.
#[derive(Debug, Serialize, PartialEq, Eq)]
pub struct Placeholder {
    /// The file, relative to the root.
    pub file: String,
    /// Its 1-based line.
    pub line: usize,
    /// The line, trimmed.
    pub text: String,
}

/// The figures of a valid `site` whose content is at `root`.
pub fn of(site: &Site, root: &Path) -> std::io::Result<Stats> {
    let articles = site
        .articles
        .values()
        .map(|a| {
            let numbers: Vec<usize> = a.blocks.iter().filter_map(|b| b.number).collect();
            let notes: BTreeSet<usize> = a.marks.iter().map(|m| m.paragraph).collect();
            let mentions: BTreeSet<usize> = site
                .mentions
                .values()
                .flatten()
                .filter(|m| *m.article == *a.slug)
                .map(|m| m.paragraph)
                .collect();
            ArticleStats {
                slug: a.slug.clone(),
                blocks: numbers.len(),
                with_notes: numbers.iter().filter(|n| notes.contains(n)).count(),
                with_mentions: numbers.iter().filter(|n| mentions.contains(n)).count(),
                bare: numbers
                    .iter()
                    .filter(|n| !notes.contains(n) && !mentions.contains(n))
                    .map(|n| format!("p{n}"))
                    .collect(),
            }
        })
        .collect();
    Ok(Stats {
        articles,
        actors_without_stances: site
            .actors
            .keys()
            .filter(|a| site.index.actor_stances.get(*a).is_none_or(Vec::is_empty))
            .cloned()
            .collect(),
        positions_with_few_stances: site
            .positions
            .values()
            .filter(|p| p.stances.len() < 2)
            .map(|p| (p.slug.clone(), p.stances.len()))
            .collect(),
        fact_checks_without_sources: site
            .annotations
            .values()
            .filter(|n| n.kind == AnnotationKind::FactCheck && n.sources.is_empty())
            .map(|n| n.slug.clone())
            .collect(),
        placeholders: placeholders(root)?,
    })
}

/// Every line of `content/` that holds a placeholder (`TODO:`), in file order.
pub fn placeholders(root: &Path) -> std::io::Result<Vec<Placeholder>> {
    let mut out = Vec::new();
    let content = root.join("content");
    for entry in walkdir::WalkDir::new(&content).sort_by_file_name() {
        let entry = entry?;
        let path = entry.path();
        if !entry.file_type().is_file()
            || !matches!(
                path.extension().and_then(|e| e.to_str()),
                Some("md" | "toml")
            )
        {
            continue;
        }
        let Ok(text) = std::fs::read_to_string(path) else {
            continue;
        };
        let rel = path
            .strip_prefix(root)
            .unwrap_or(path)
            .to_string_lossy()
            .replace('\\', "/");
        for (i, line) in text.lines().enumerate() {
            if line.contains(crate::new::PLACEHOLDER) {
                out.push(Placeholder {
                    file: rel.clone(),
                    line: i + 1,
                    text: line.trim().to_string(),
                });
            }
        }
    }
    Ok(out)
}

/// The report as plain text.
pub fn render(s: &Stats) -> String {
    use crate::plural::counted;
    let mut out = String::new();
    for a in &s.articles {
        out.push_str(&format!(
            "article {}: {}, {} with notes, {} with mentions",
            a.slug,
            counted(a.blocks, "block", "blocks"),
            a.with_notes,
            a.with_mentions
        ));
        if !a.bare.is_empty() {
            out.push_str(&format!("; neither in {}", a.bare.join(", ")));
        }
        out.push('\n');
    }
    let list = |out: &mut String, title: String, items: Vec<String>| {
        out.push_str(&title);
        if items.is_empty() {
            out.push_str(": none\n");
        } else {
            out.push_str(":\n");
            for item in items {
                out.push_str(&format!("  {item}\n"));
            }
        }
    };
    list(
        &mut out,
        "actors without stances".into(),
        s.actors_without_stances.clone(),
    );
    list(
        &mut out,
        "positions with fewer than two stances".into(),
        s.positions_with_few_stances
            .iter()
            .map(|(p, n)| format!("{p} ({})", counted(*n, "stance", "stances")))
            .collect(),
    );
    list(
        &mut out,
        "fact-checks without sources".into(),
        s.fact_checks_without_sources.clone(),
    );
    list(
        &mut out,
        "placeholders left".into(),
        s.placeholders
            .iter()
            .map(|p| format!("{}:{}: {}", p.file, p.line, p.text))
            .collect(),
    );
    out
}
