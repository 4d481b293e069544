//! The text side of the model: each article is analysed once (articles in parallel), its
//! mentions found and the quotes that point into it located. The analysis (the text of
//! every block, with its map back to the events) is dropped once that is done.

use std::collections::BTreeSet;
use std::sync::Arc;

use super::mentions::{Finder, sentence_range};
use super::quote;
use super::quote_help::QuoteHelp;
use super::{Mention, MentionLink};
use crate::diagnostic::Diagnostic;
use crate::markdown::{self, BlockRange, Pos};

/// A quote of a stance or annotation to find in an article.
#[derive(Debug, Clone, PartialEq)]
pub struct QuoteRequest {
    /// The article it must be in.
    pub article: String,
    /// The quote.
    pub quote: String,
    /// Text just before it.
    pub prefix: Option<String>,
    /// Text just after it.
    pub suffix: Option<String>,
    /// The file that asks, for diagnostics.
    pub path: String,
    /// The line of its `quote` key.
    pub line: usize,
    /// The lines of its `prefix` and `suffix` keys.
    pub context_lines: (Option<usize>, Option<usize>),
    /// What the place is for.
    pub target: Target,
}

/// What a located quote is for.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Target {
    /// The stance at `index` of a position.
    Stance {
        /// The position's slug.
        position: String,
        /// The stance's index in it.
        index: usize,
    },
    /// An annotation's passage.
    Annotation(String),
    /// Only checked (its stance is dropped for another error).
    Check,
}

/// Where a quote was found.
#[derive(Debug, Clone, PartialEq)]
pub struct Located {
    /// What it is for.
    pub target: Target,
    /// The paragraph number `N` of `pN`.
    pub paragraph: usize,
    /// Its start and end in the article's events.
    pub start: Pos,
    /// Its end.
    pub end: Pos,
}

/// What the analysis of one article found.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Analysis {
    /// Its top-level blocks.
    pub blocks: Vec<BlockRange>,
    /// Mentions to link.
    pub links: Vec<MentionLink>,
    /// Paragraphs mentioning each actor, as (actor, mention), in text order. The
    /// actors' slugs are shared, as the names of the finder hold them: a big site
    /// has millions of mentions and links.
    pub mentions: Vec<(Arc<str>, Mention)>,
    /// The quotes found.
    pub located: Vec<Located>,
    /// The quotes not found, or found too often.
    pub diags: Vec<Diagnostic>,
}

/// Analyses of articles from an earlier build, reused while an article's text, the
/// quotes into it, and the names and titles it is read with stay the same; and the
/// automaton of those names.
#[derive(Default)]
pub struct AnalysisCache {
    fingerprint: u64,
    finder: Option<Arc<Finder>>,
    entries: std::collections::HashMap<String, (Arc<str>, u64, Arc<Analysis>)>,
}

impl AnalysisCache {
    /// Forgets everything when the names or titles changed.
    pub fn keep_if(&mut self, fingerprint: u64) {
        if self.fingerprint != fingerprint {
            self.entries.clear();
            self.finder = None;
            self.fingerprint = fingerprint;
        }
    }

    /// The automaton of the names, if one was built for them.
    pub fn finder(&self) -> Option<&Finder> {
        self.finder.as_deref()
    }

    /// The analysis of `slug`, if it was made from the same text and quotes (`key`). The
    /// cache holds on to the text it saw, so the same allocation means the same text.
    pub fn get(&self, slug: &str, body: &Arc<str>, key: u64) -> Option<&Arc<Analysis>> {
        let (b, k, a) = self.entries.get(slug)?;
        (*k == key && (Arc::ptr_eq(b, body) || **b == **body)).then_some(a)
    }

    /// Replaces the cache with this build's analyses (and automaton, if one was built).
    pub fn replace(
        &mut self,
        entries: impl Iterator<Item = (String, Arc<str>, u64, Arc<Analysis>)>,
        finder: Option<Arc<Finder>>,
    ) {
        self.entries = entries
            .map(|(slug, body, key, a)| (slug, (body, key, a)))
            .collect();
        if finder.is_some() {
            self.finder = finder;
        }
    }
}

/// A hash of the quotes into one article (its text is compared apart).
pub fn input_key(requests: &[&QuoteRequest]) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    for r in requests {
        (&r.article, &r.quote, &r.prefix, &r.suffix, &r.path, r.line).hash(&mut h);
        r.context_lines.hash(&mut h);
        match &r.target {
            Target::Stance { position, index } => (0u8, position, *index).hash(&mut h),
            Target::Annotation(slug) => (1u8, slug).hash(&mut h),
            Target::Check => 2u8.hash(&mut h),
        }
    }
    h.finish()
}

/// A hash of what every analysis depends on besides the article itself.
pub fn fingerprint(
    names: &[(String, usize)],
    actors: &[Arc<str>],
    titles: &std::collections::BTreeMap<String, String>,
) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    names.hash(&mut h);
    actors.hash(&mut h);
    titles.hash(&mut h);
    h.finish()
}

/// Analyses one article: its blocks, the mentions of `finder`'s names (owned by
/// `actors[i]`), and the place of each of `requests`.
pub fn analyse(
    slug: &str,
    body: &str,
    title_of: &(dyn Fn(&str) -> Option<String> + Sync),
    finder: &Finder,
    actors: &[Arc<str>],
    requests: &[&QuoteRequest],
) -> Analysis {
    // A `[[slug]]` points at `[[slug]]` here (no URL of a Markdown link can look like
    // that), so that a name in it is known to be linked to its actor already.
    let resolve = |s: &str| title_of(s).map(|t| (format!("[[{s}]]"), t));
    let events = markdown::parse(body, &resolve);
    let blocks = markdown::analyse(&events);
    let partners = markdown::partners(&events);
    let mut out = Analysis {
        blocks: blocks.iter().map(|b| b.range.clone()).collect(),
        ..Analysis::default()
    };
    let article: Arc<str> = Arc::from(slug);
    for block in &blocks {
        let Some(n) = block.range.number else {
            continue;
        };
        let mut seen = BTreeSet::new();
        // Mentions that cannot be linked (in code, or in another link's text), each
        // actor's first: the paragraph still mentions the actor (the contract counts
        // the text a reader sees), but it is linked where it can be.
        let mut unlinked: Vec<(&Arc<str>, &markdown::Segment, std::ops::Range<usize>)> = Vec::new();
        for seg in &block.segments {
            for (range, owner) in finder.find(&seg.text) {
                let shared = &actors[owner];
                let actor: &str = shared;
                // A mention is linked where it can be (not in code or in a link's text);
                // a `[[slug]]` of the actor itself is its link already.
                if seen.contains(actor) {
                    continue;
                }
                let linkable = seg.linkable(range.clone(), &events);
                if !linkable
                    && !seg.link_around(range.clone(), &events).is_some_and(|url| {
                        url.strip_prefix("[[").and_then(|u| u.strip_suffix("]]")) == Some(actor)
                    })
                {
                    if !unlinked.iter().any(|(a, ..)| &***a == actor) {
                        unlinked.push((shared, seg, range));
                    }
                    continue;
                }
                seen.insert(actor);
                out.mentions
                    .push((Arc::clone(shared), mention(&article, n, seg, range.clone())));
                if linkable {
                    let (start, end) = seg.span(range, &events, &partners);
                    out.links.push(MentionLink {
                        actor: Arc::clone(shared),
                        start,
                        end,
                    });
                }
            }
        }
        for (actor, seg, range) in unlinked {
            if !seen.contains(&**actor) {
                out.mentions
                    .push((Arc::clone(actor), mention(&article, n, seg, range)));
            }
        }
    }
    let quotes: Vec<(&str, Option<&str>, Option<&str>)> = requests
        .iter()
        .map(|r| (r.quote.as_str(), r.prefix.as_deref(), r.suffix.as_deref()))
        .collect();
    let title = || title_of(slug);
    let help = QuoteHelp::new(&blocks, &events, &title);
    for (req, result) in requests.iter().zip(quote::find_many(&blocks, &quotes)) {
        match result {
            Ok(found) => {
                let seg = &blocks[found.block].segments[found.segment];
                let (start, end) = seg.span(found.range, &events, &partners);
                out.located.push(Located {
                    target: req.target.clone(),
                    paragraph: blocks[found.block].range.number.unwrap_or(0),
                    start,
                    end,
                });
            }
            Err(miss) => out.diags.extend(help.diagnose(req, miss)),
        }
    }
    out
}

/// The mention of paragraph `n` of article `slug` at `range` of `seg`: the sentence
/// around it, as written, with an ellipsis where it was cut.
fn mention(
    slug: &Arc<str>,
    n: usize,
    seg: &markdown::Segment,
    range: std::ops::Range<usize>,
) -> Mention {
    let (sentence, before, after) = sentence_range(&seg.text, range);
    let lead = if before { "… " } else { "" };
    let struck = seg.struck(sentence.clone());
    // Offsets of a sentence, which is far shorter than 4 GiB.
    let at = |i: usize| (i + lead.len()) as u32;
    Mention {
        article: Arc::clone(slug),
        paragraph: n,
        sentence: format!(
            "{lead}{}{}",
            seg.written(sentence),
            if after { " …" } else { "" }
        )
        .into(),
        struck: (!struck.is_empty())
            .then(|| struck.iter().map(|r| at(r.start)..at(r.end)).collect()),
    }
}
