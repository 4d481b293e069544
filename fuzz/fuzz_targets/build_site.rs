//! Arbitrary bytes read as the recipe of a small site: articles of Markdown fragments,
//! arbitrary words and actor names; actors, positions and notes whose quotes are cut from
//! the articles' text. `check` must never fail as the machine would, and a site that
//! passes must render, with every link resolved.

#![no_main]

use std::sync::LazyLock;

use arbitrary::Arbitrary;
use explainer::markdown;
use explainer::text::normalize;
use explainer_fuzz::{Scratch, check, render, toml_str};
use libfuzzer_sys::fuzz_target;

static SCRATCH: LazyLock<Scratch> = LazyLock::new(|| Scratch::new("build_site"));

/// Markdown that a body is made of, besides arbitrary words.
const FRAGMENTS: &[&str] = &[
    "\n\n",
    "\n",
    " ",
    "**",
    "*",
    "_",
    "`",
    "[",
    "]",
    "(",
    ")",
    "](https://e.org)",
    "](#p1)",
    "![",
    "- ",
    "1. ",
    "# ",
    "## ",
    "> ",
    "| a | b |\n|---|---|\n| ",
    " | ",
    "\n---\n",
    "```\n",
    "[^1]",
    "\n\n[^1]: ",
    "<b>",
    "</b>",
    "<script>",
    "'s",
    "’s",
    "“",
    "”",
    "&amp;",
    "\\",
    "~~",
    "    ",
    "\t",
    ". ",
    ", ",
    "[[",
    "]]",
    "|",
    "  \n",
    "<!-- x -->",
    "* * *\n",
];

#[derive(Arbitrary, Debug)]
enum Token {
    Fragment(u8),
    Word(String),
    /// The name (or an alias) of an actor.
    Name(u8, u8),
    /// `[[slug]]` or `[[slug|text]]` to any page, or to one that does not exist.
    Link(u8, Option<String>),
}

/// A piece of an article's reader text: leaf `leaf`, from byte `at`, `len` bytes long.
#[derive(Arbitrary, Debug, Clone, Copy)]
struct Cut {
    article: u8,
    leaf: u8,
    at: u16,
    len: u8,
}

#[derive(Arbitrary, Debug)]
enum Text {
    Own(String),
    Cut(Cut),
}

#[derive(Arbitrary, Debug)]
struct ArticleIn {
    title: String,
    dek: Option<String>,
    body: Vec<Token>,
}

#[derive(Arbitrary, Debug)]
struct ActorIn {
    name: String,
    aliases: Vec<String>,
    kind: u8,
    affiliation: Option<u8>,
    body: Vec<Token>,
}

#[derive(Arbitrary, Debug)]
enum Evidence {
    Quote(Text),
    Url,
    Both(Text),
}

#[derive(Arbitrary, Debug)]
struct StanceIn {
    actor: u8,
    stance: u8,
    article: Option<u8>,
    evidence: Evidence,
    note: Option<String>,
}

#[derive(Arbitrary, Debug)]
struct PositionIn {
    title: String,
    summary: String,
    related: Vec<u8>,
    stances: Vec<StanceIn>,
    body: Vec<Token>,
}

#[derive(Arbitrary, Debug)]
struct NoteIn {
    article: Option<u8>,
    quote: Text,
    /// Bytes of text taken right before and after a cut quote as prefix and suffix.
    prefix: u8,
    suffix: u8,
    kind: u8,
    verdict: Option<String>,
    actors: Vec<u8>,
    positions: Vec<u8>,
    body: Vec<Token>,
}

#[derive(Arbitrary, Debug)]
struct Input {
    articles: Vec<ArticleIn>,
    actors: Vec<ActorIn>,
    positions: Vec<PositionIn>,
    notes: Vec<NoteIn>,
}

/// The names of the site's pages, to draw links and references from.
struct Slugs {
    articles: usize,
    actors: usize,
    positions: usize,
}

impl Slugs {
    fn article(&self, i: u8) -> String {
        format!("story-{}", i as usize % self.articles)
    }
    fn actor(&self, i: u8) -> Option<String> {
        (self.actors > 0).then(|| format!("actor-{}", i as usize % self.actors))
    }
    fn position(&self, i: u8) -> Option<String> {
        (self.positions > 0).then(|| format!("position-{}", i as usize % self.positions))
    }
    /// Any page's slug, or now and then one that does not exist.
    fn any(&self, i: u8) -> String {
        let all = self.articles + self.actors + self.positions + 1;
        let i = i as usize % all;
        if i < self.articles {
            format!("story-{i}")
        } else if i < self.articles + self.actors {
            format!("actor-{}", i - self.articles)
        } else if i < all - 1 {
            format!("position-{}", i - self.articles - self.actors)
        } else {
            "no-such-page".to_string()
        }
    }
}

fn body(tokens: &[Token], names: &[Vec<String>], slugs: &Slugs) -> String {
    let mut out = String::new();
    for t in tokens.iter().take(80) {
        match t {
            Token::Fragment(i) => out.push_str(FRAGMENTS[*i as usize % FRAGMENTS.len()]),
            Token::Word(w) => out.push_str(w),
            Token::Name(a, n) => {
                if !names.is_empty() {
                    let all = &names[*a as usize % names.len()];
                    out.push_str(&all[*n as usize % all.len()]);
                }
            }
            Token::Link(i, text) => match text {
                Some(text) => out.push_str(&format!("[[{}|{text}]]", slugs.any(*i))),
                None => out.push_str(&format!("[[{}]]", slugs.any(*i))),
            },
        }
    }
    out
}

/// The text of every leaf of every article, as a reader sees it.
fn leaves(bodies: &[String]) -> Vec<Vec<String>> {
    bodies
        .iter()
        .map(|b| {
            let events = markdown::parse(b, &|_| None);
            markdown::analyse(&events)
                .into_iter()
                .flat_map(|b| b.segments.into_iter().map(|s| s.text))
                .collect()
        })
        .collect()
}

fn floor(s: &str, mut i: usize) -> usize {
    i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// A cut of an article's text, with up to `before` and `after` bytes around it.
fn cut(leaves: &[Vec<String>], c: Cut, before: u8, after: u8) -> (String, String, String) {
    let article = &leaves[c.article as usize % leaves.len()];
    if article.is_empty() {
        return Default::default();
    }
    let text = &article[c.leaf as usize % article.len()];
    let start = floor(text, c.at as usize % (text.len() + 1));
    let end = floor(text, start + c.len as usize + 1);
    let pre = floor(text, start.saturating_sub(before as usize));
    let post = floor(text, end + after as usize);
    (
        text[pre..start].to_string(),
        text[start..end].to_string(),
        text[end..post].to_string(),
    )
}

fn text(t: &Text, leaves: &[Vec<String>]) -> String {
    match t {
        Text::Own(s) => s.clone(),
        Text::Cut(c) => cut(leaves, *c, 0, 0).1,
    }
}

fn list(items: impl Iterator<Item = String>) -> String {
    let items: Vec<String> = items.map(|s| toml_str(&s)).collect();
    format!("[{}]", items.join(", "))
}

fn site(input: &Input) -> Vec<(String, String)> {
    let articles: Vec<&ArticleIn> = input.articles.iter().take(3).collect();
    let slugs = Slugs {
        articles: articles.len().max(1),
        actors: input.actors.len().min(5),
        positions: input.positions.len().min(3),
    };
    let mut files = vec![(
        "content/site.toml".to_string(),
        "title = \"Fuzz\"\n".to_string(),
    )];
    // Actors first: the articles name them.
    let names: Vec<Vec<String>> = input.actors[..slugs.actors]
        .iter()
        .enumerate()
        .map(|(i, a)| {
            let name = match normalize(&a.name) {
                n if n.is_empty() => format!("Actor {i}"),
                n => n,
            };
            std::iter::once(name)
                .chain(a.aliases.iter().take(3).cloned())
                .collect()
        })
        .collect();
    for (i, a) in input.actors[..slugs.actors].iter().enumerate() {
        let kind = ["person", "state", "organization"][a.kind as usize % 3];
        let mut front = format!(
            "name = {}\nkind = \"{kind}\"\naliases = {}\n",
            toml_str(&names[i][0]),
            list(names[i][1..].iter().cloned())
        );
        if let Some(aff) = a.affiliation.and_then(|x| slugs.actor(x)) {
            front.push_str(&format!("affiliation = \"{aff}\"\n"));
        }
        let body = body(&a.body, &names, &slugs);
        files.push((
            format!("content/actors/actor-{i}.md"),
            format!("+++\n{front}+++\n\n{body}\n"),
        ));
    }
    let bodies: Vec<String> = if articles.is_empty() {
        vec![String::new()]
    } else {
        articles
            .iter()
            .map(|a| body(&a.body, &names, &slugs))
            .collect()
    };
    for (i, b) in bodies.iter().enumerate() {
        let (title, dek) = articles.get(i).map_or(("Story".to_string(), None), |a| {
            (a.title.clone(), a.dek.clone())
        });
        let dek = dek.map_or(String::new(), |d| format!("dek = {}\n", toml_str(&d)));
        files.push((
            format!("content/articles/story-{i}.md"),
            format!(
                "+++\ntitle = {}\ndate = 2025-01-0{}\n{dek}+++\n\n{b}\n",
                toml_str(&title),
                i + 1
            ),
        ));
    }
    let leaves = leaves(&bodies);
    for (i, p) in input.positions[..slugs.positions].iter().enumerate() {
        let mut front = format!(
            "title = {}\nsummary = {}\nrelated = {}\n",
            toml_str(&p.title),
            toml_str(&p.summary),
            list(p.related.iter().take(2).filter_map(|&r| slugs.position(r)))
        );
        for s in p.stances.iter().take(4) {
            let Some(actor) = slugs.actor(s.actor) else {
                break;
            };
            let stance = ["supports", "opposes", "mixed", "unclear"][s.stance as usize % 4];
            front.push_str(&format!(
                "\n[[stances]]\nactor = \"{actor}\"\nstance = \"{stance}\"\n"
            ));
            let (quote, url) = match &s.evidence {
                Evidence::Quote(t) => (Some(t), false),
                Evidence::Url => (None, true),
                Evidence::Both(t) => (Some(t), true),
            };
            if let Some(t) = quote {
                let article = match t {
                    Text::Cut(c) => Some(c.article),
                    Text::Own(_) => s.article,
                };
                front.push_str(&format!("quote = {}\n", toml_str(&text(t, &leaves))));
                if let Some(a) = article.filter(|_| bodies.len() > 1 || s.article.is_some()) {
                    front.push_str(&format!("article = \"{}\"\n", slugs.article(a)));
                }
            }
            if url {
                front.push_str("source_url = \"https://example.org/source\"\n");
            }
            if let Some(note) = &s.note {
                front.push_str(&format!("note = {}\n", toml_str(note)));
            }
        }
        let body = body(&p.body, &names, &slugs);
        files.push((
            format!("content/positions/position-{i}.md"),
            format!("+++\n{front}+++\n\n{body}\n"),
        ));
    }
    for (i, n) in input.notes.iter().take(4).enumerate() {
        let kind = ["context", "definition", "fact-check", "analysis"][n.kind as usize % 4];
        let (prefix, quote, suffix, article) = match &n.quote {
            Text::Own(q) => (String::new(), q.clone(), String::new(), n.article),
            Text::Cut(c) => {
                let (p, q, s) = cut(&leaves, *c, n.prefix, n.suffix);
                (p, q, s, Some(c.article))
            }
        };
        let mut front = format!("quote = {}\nkind = \"{kind}\"\n", toml_str(&quote));
        if let Some(a) = article.filter(|_| bodies.len() > 1 || n.article.is_some()) {
            front.push_str(&format!("article = \"{}\"\n", slugs.article(a)));
        }
        if !prefix.is_empty() {
            front.push_str(&format!("prefix = {}\n", toml_str(&prefix)));
        }
        if !suffix.is_empty() {
            front.push_str(&format!("suffix = {}\n", toml_str(&suffix)));
        }
        if kind == "fact-check" {
            let verdict = n.verdict.clone().unwrap_or_else(|| "Accurate".into());
            front.push_str(&format!("verdict = {}\n", toml_str(&verdict)));
        }
        front.push_str(&format!(
            "actors = {}\npositions = {}\n",
            list(n.actors.iter().take(2).filter_map(|&a| slugs.actor(a))),
            list(
                n.positions
                    .iter()
                    .take(2)
                    .filter_map(|&p| slugs.position(p))
            )
        ));
        let body = body(&n.body, &names, &slugs);
        files.push((
            format!("content/annotations/note-{i}.md"),
            format!("+++\n{front}+++\n\n{body}\n"),
        ));
    }
    files
}

fuzz_target!(|input: Input| {
    let files: Vec<(String, Vec<u8>)> = site(&input)
        .into_iter()
        .map(|(p, t)| (p, t.into_bytes()))
        .collect();
    let opts = SCRATCH.write(&files);
    if check(&opts, &files) {
        render(&opts);
    }
});
