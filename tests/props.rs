//! Properties of valid sites, on many generated ones: `check` finds no error, and every
//! internal link of every page that the build renders resolves, to a file of the site
//! and, with a fragment, to an id on that page.

mod common;

use std::collections::{BTreeMap, BTreeSet, HashMap};

use proptest::prelude::*;
use proptest::sample::Index;
use scraper::Html;

use common::{TempSite, sel};

/// A word of a sentence: plain, emphasised (`*word*`), or an actor's name or alias.
#[derive(Debug, Clone)]
enum Word {
    Plain(String),
    Emphasis(String),
    Actor {
        actor: Index,
        alias: bool,
        possessive: bool,
    },
}

#[derive(Debug, Clone)]
struct ArticleSpec {
    /// Paragraphs of sentences of words.
    paragraphs: Vec<Vec<Vec<Word>>>,
    /// A heading before paragraph `.0` (modulo their number), with these words.
    heading: Option<(Index, Vec<String>)>,
}

#[derive(Debug, Clone)]
struct ActorSpec {
    first: String,
    last: String,
    kind: usize,
    affiliation: Option<Index>,
}

#[derive(Debug, Clone)]
enum Evidence {
    /// A unique sentence of an article (a source URL when it has none).
    Quote {
        article: Index,
        sentence: Index,
    },
    Url,
    Both {
        article: Index,
        sentence: Index,
    },
}

#[derive(Debug, Clone)]
struct StanceSpec {
    actor: Index,
    stance: usize,
    evidence: Evidence,
    note: bool,
}

#[derive(Debug, Clone)]
struct NoteSpec {
    article: Index,
    sentence: Index,
    kind: usize,
    actor: Option<Index>,
    position: Option<Index>,
}

#[derive(Debug, Clone)]
struct SiteSpec {
    articles: Vec<ArticleSpec>,
    actors: Vec<ActorSpec>,
    positions: Vec<Vec<StanceSpec>>,
    notes: Vec<NoteSpec>,
    base_url: bool,
}

fn word() -> impl Strategy<Value = Word> {
    prop_oneof![
        6 => "[a-z]{1,8}".prop_map(Word::Plain),
        1 => "[a-z]{2,8}".prop_map(Word::Emphasis),
        2 => (any::<Index>(), any::<bool>(), any::<bool>()).prop_map(|(actor, alias, possessive)| {
            Word::Actor { actor, alias, possessive }
        }),
    ]
}

fn article() -> impl Strategy<Value = ArticleSpec> {
    let sentence = prop::collection::vec(word(), 2..9);
    let paragraph = prop::collection::vec(sentence, 1..5);
    (
        prop::collection::vec(paragraph, 1..6),
        prop::option::of((any::<Index>(), prop::collection::vec("[a-z]{2,8}", 1..4))),
    )
        .prop_map(|(paragraphs, heading)| ArticleSpec {
            paragraphs,
            heading,
        })
}

fn actor() -> impl Strategy<Value = ActorSpec> {
    (
        "[A-Z][a-z]{2,6}",
        "[A-Z][a-z]{2,6}",
        0..3usize,
        prop::option::of(any::<Index>()),
    )
        .prop_map(|(first, last, kind, affiliation)| ActorSpec {
            first,
            last,
            kind,
            affiliation,
        })
}

fn evidence() -> impl Strategy<Value = Evidence> {
    prop_oneof![
        3 => (any::<Index>(), any::<Index>())
            .prop_map(|(article, sentence)| Evidence::Quote { article, sentence }),
        1 => Just(Evidence::Url),
        1 => (any::<Index>(), any::<Index>())
            .prop_map(|(article, sentence)| Evidence::Both { article, sentence }),
    ]
}

fn stance() -> impl Strategy<Value = StanceSpec> {
    (any::<Index>(), 0..4usize, evidence(), any::<bool>()).prop_map(
        |(actor, stance, evidence, note)| StanceSpec {
            actor,
            stance,
            evidence,
            note,
        },
    )
}

fn note() -> impl Strategy<Value = NoteSpec> {
    (
        any::<Index>(),
        any::<Index>(),
        0..4usize,
        prop::option::of(any::<Index>()),
        prop::option::of(any::<Index>()),
    )
        .prop_map(|(article, sentence, kind, actor, position)| NoteSpec {
            article,
            sentence,
            kind,
            actor,
            position,
        })
}

fn site() -> impl Strategy<Value = SiteSpec> {
    (
        prop::collection::vec(article(), 1..4),
        // Distinct full names.
        prop::collection::vec(actor(), 1..7).prop_map(|actors| {
            let mut seen = BTreeSet::new();
            actors
                .into_iter()
                .filter(|a| seen.insert(format!("{} {}", a.first, a.last)))
                .collect::<Vec<_>>()
        }),
        prop::collection::vec(prop::collection::vec(stance(), 0..5), 0..4),
        prop::collection::vec(note(), 0..5),
        any::<bool>(),
    )
        .prop_map(|(articles, actors, positions, notes, base_url)| SiteSpec {
            articles,
            actors,
            positions,
            notes,
            base_url,
        })
}

const KINDS: [&str; 3] = ["person", "state", "organization"];
const STANCES: [&str; 4] = ["supports", "opposes", "mixed", "unclear"];
const NOTES: [&str; 4] = ["context", "definition", "fact-check", "analysis"];
const BASE_URL: &str = "https://example.org/repo/";

/// The site's files, as (path, text).
fn files(spec: &SiteSpec) -> Vec<(String, String)> {
    let actor_slug = |i: usize| format!("actor-{i}");
    // Every actor's name, and its surname as an alias when no other name or alias is that.
    let names: Vec<String> = spec
        .actors
        .iter()
        .map(|a| format!("{} {}", a.first, a.last))
        .collect();
    let aliases: Vec<Option<String>> = spec
        .actors
        .iter()
        .enumerate()
        .map(|(i, a)| {
            let clash = spec.actors.iter().enumerate().any(|(j, b)| {
                j != i && (b.last == a.last || names[j] == a.last || b.first == a.last)
            }) || names.contains(&a.last);
            (!clash).then(|| a.last.clone())
        })
        .collect();
    let mut out = vec![(
        "content/site.toml".to_string(),
        format!(
            "title = \"Props\"\ndescription = \"Generated.\"\n{}",
            if spec.base_url {
                format!("base_url = \"{BASE_URL}\"\n")
            } else {
                String::new()
            }
        ),
    )];
    for (i, a) in spec.actors.iter().enumerate() {
        let mut front = format!("name = \"{}\"\nkind = \"{}\"\n", names[i], KINDS[a.kind]);
        if let Some(alias) = &aliases[i] {
            front.push_str(&format!("aliases = [\"{alias}\"]\n"));
        }
        if let Some(aff) = &a.affiliation {
            let j = aff.index(spec.actors.len());
            if j != i {
                front.push_str(&format!("affiliation = \"{}\"\n", actor_slug(j)));
            }
        }
        out.push((
            format!("content/actors/{}.md", actor_slug(i)),
            format!(
                "+++\n{front}+++\n\nA profile of {}, see [[{}]].\n",
                names[i],
                actor_slug((i + 1) % spec.actors.len())
            ),
        ));
    }
    // Articles: their Markdown, and the sentences (as a reader sees them) that occur once.
    let mut unique: Vec<Vec<String>> = Vec::new();
    let many = spec.articles.len() > 1;
    for (i, a) in spec.articles.iter().enumerate() {
        let mut blocks = Vec::new();
        let mut reader: Vec<Vec<String>> = Vec::new();
        for paragraph in &a.paragraphs {
            let (mut md, mut text) = (Vec::new(), Vec::new());
            for sentence in paragraph {
                let (mut m, mut t) = (Vec::new(), Vec::new());
                for w in sentence {
                    let (wm, wt) = match w {
                        Word::Plain(w) => (w.clone(), w.clone()),
                        Word::Emphasis(w) => (format!("*{w}*"), w.clone()),
                        Word::Actor {
                            actor,
                            alias,
                            possessive,
                        } => {
                            let j = actor.index(spec.actors.len());
                            let mut name = match (&aliases[j], alias) {
                                (Some(a), true) => a.clone(),
                                _ => names[j].clone(),
                            };
                            if *possessive {
                                name.push_str("'s");
                            }
                            (name.clone(), name)
                        }
                    };
                    m.push(wm);
                    t.push(wt);
                }
                md.push(format!("{}.", m.join(" ")));
                text.push(format!("{}.", t.join(" ")));
            }
            blocks.push(md.join(" "));
            reader.push(text);
        }
        if let Some((at, words)) = &a.heading {
            blocks.insert(at.index(blocks.len()), format!("## {}", words.join(" ")));
        }
        let paragraphs: Vec<String> = reader.iter().map(|p| p.join(" ")).collect();
        let once: Vec<String> = reader
            .iter()
            .flatten()
            .filter(|s| {
                paragraphs
                    .iter()
                    .map(|p| p.matches(s.as_str()).count())
                    .sum::<usize>()
                    == 1
            })
            .cloned()
            .collect();
        unique.push(once);
        out.push((
            format!("content/articles/article-{i}.md"),
            format!(
                "+++\ntitle = \"Article {i}\"\ndate = 2025-01-0{}\n+++\n\n{}\n",
                i + 1,
                blocks.join("\n\n")
            ),
        ));
    }
    // A quote: its article's key line (when the site has several) and the sentence.
    let quote = |article: &Index, sentence: &Index| -> Option<String> {
        let a = article.index(spec.articles.len());
        let sentences = &unique[a];
        if sentences.is_empty() {
            return None;
        }
        let s = &sentences[sentence.index(sentences.len())];
        let key = if many {
            format!("article = \"article-{a}\"\n")
        } else {
            String::new()
        };
        Some(format!("quote = \"{s}\"\n{key}"))
    };
    let positions = spec.positions.len();
    for (i, stances) in spec.positions.iter().enumerate() {
        let mut front = format!(
            "title = \"Position {i}\"\nsummary = \"What position {i} says.\"\nquestion = \"Should it?\"\n"
        );
        if positions > 1 {
            front.push_str(&format!(
                "related = [\"position-{}\"]\n",
                (i + 1) % positions
            ));
        }
        let mut seen = BTreeSet::new();
        for s in stances {
            let actor = s.actor.index(spec.actors.len());
            if !seen.insert(actor) {
                continue;
            }
            front.push_str(&format!(
                "\n[[stances]]\nactor = \"{}\"\nstance = \"{}\"\n",
                actor_slug(actor),
                STANCES[s.stance]
            ));
            let (q, url) = match &s.evidence {
                Evidence::Quote { article, sentence } => (quote(article, sentence), false),
                Evidence::Url => (None, true),
                Evidence::Both { article, sentence } => (quote(article, sentence), true),
            };
            let url = url || q.is_none();
            front.push_str(&q.unwrap_or_default());
            if url {
                front.push_str("source_url = \"https://example.org/source\"\n");
            }
            if s.note {
                front.push_str("note = \"Said *twice*.\"\n");
            }
        }
        out.push((
            format!("content/positions/position-{i}.md"),
            format!("+++\n{front}+++\n\nWhy it matters: [[article-0]].\n"),
        ));
    }
    for (i, n) in spec.notes.iter().enumerate() {
        let Some(q) = quote(&n.article, &n.sentence) else {
            continue;
        };
        let mut front = format!("{q}kind = \"{}\"\ntitle = \"Note {i}\"\n", NOTES[n.kind]);
        if NOTES[n.kind] == "fact-check" {
            front.push_str("verdict = \"Accurate\"\n");
        }
        front.push_str("sources = [{ title = \"A source\", url = \"https://example.org/\" }]\n");
        if let Some(a) = &n.actor {
            front.push_str(&format!(
                "actors = [\"{}\"]\n",
                actor_slug(a.index(spec.actors.len()))
            ));
        }
        if let (Some(p), true) = (&n.position, positions > 0) {
            front.push_str(&format!(
                "positions = [\"position-{}\"]\n",
                p.index(positions)
            ));
        }
        out.push((
            format!("content/annotations/note-{i}.md"),
            format!("+++\n{front}+++\n\nThe note, on [[{}]].\n", actor_slug(0)),
        ));
    }
    out
}

/// Where `href`, found on page `page`, leads: (site file, fragment), or `None` for a
/// link out of the site.
fn target(
    page: &str,
    href: &str,
    base_url: Option<&str>,
) -> Result<Option<(String, String)>, String> {
    let (from, rest) = match base_url.and_then(|b| href.strip_prefix(b)) {
        Some(rest) => ("", rest),
        None => {
            let scheme = href
                .find(':')
                .is_some_and(|i| !href[..i].contains(['/', '?', '#']));
            if scheme || href.starts_with("//") {
                return Ok(None);
            }
            if href.starts_with('/') {
                return Err(format!("{page}: link {href:?} is not relative"));
            }
            (page.rsplit_once('/').map_or("", |(dir, _)| dir), href)
        }
    };
    let (path, fragment) = rest.split_once('#').unwrap_or((rest, ""));
    let path = path.split('?').next().unwrap_or("");
    if path.is_empty() {
        return Ok(Some((page.to_string(), fragment.to_string())));
    }
    let mut parts: Vec<&str> = from.split('/').filter(|p| !p.is_empty()).collect();
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                if parts.pop().is_none() {
                    return Err(format!("{page}: link {href:?} climbs above the site"));
                }
            }
            p => parts.push(p),
        }
    }
    let mut file = parts.join("/");
    if path.ends_with('/') || path.ends_with("/.") || path == "." || path.ends_with("..") {
        file = if file.is_empty() {
            "index.html".to_string()
        } else {
            format!("{file}/index.html")
        };
    }
    Ok(Some((file, fragment.to_string())))
}

/// Every broken internal link of the rendered site.
fn broken_links(files: &BTreeMap<String, Vec<u8>>, base_url: Option<&str>) -> Vec<String> {
    let pages: HashMap<&str, Html> = files
        .iter()
        .filter(|(p, _)| p.ends_with(".html"))
        .map(|(p, b)| {
            (
                p.as_str(),
                Html::parse_document(&String::from_utf8_lossy(b)),
            )
        })
        .collect();
    let ids: HashMap<&str, BTreeSet<&str>> = pages
        .iter()
        .map(|(p, doc)| {
            (
                *p,
                doc.select(&sel("[id]"))
                    .filter_map(|e| e.value().id())
                    .collect(),
            )
        })
        .collect();
    let links = sel("[href], [src]");
    let mut broken = Vec::new();
    for (page, doc) in &pages {
        for el in doc.select(&links) {
            for attr in ["href", "src"] {
                let Some(href) = el.value().attr(attr) else {
                    continue;
                };
                match target(page, href, base_url) {
                    Err(e) => broken.push(e),
                    Ok(None) => {}
                    Ok(Some((file, fragment))) => {
                        if !files.contains_key(&file) {
                            broken.push(format!("{page}: {href:?} leads to no file ({file})"));
                        } else if !fragment.is_empty()
                            && !ids
                                .get(file.as_str())
                                .is_some_and(|i| i.contains(fragment.as_str()))
                        {
                            broken.push(format!("{page}: {href:?} leads to no id on {file}"));
                        }
                    }
                }
            }
        }
    }
    broken.sort();
    broken
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn valid_sites_check_and_every_link_resolves(spec in site()) {
        let files = files(&spec);
        let refs: Vec<(&str, &str)> = files.iter().map(|(p, t)| (p.as_str(), t.as_str())).collect();
        let site = TempSite::new(&refs);
        let errors = site.errors();
        prop_assert!(errors.is_empty(), "errors: {errors:#?}\nfiles: {files:#?}");
        let (prepared, _) = explainer::prepare(&site.options()).unwrap();
        let (rendered, diags) = prepared.expect("prepared").render_to_memory().unwrap();
        prop_assert!(!diags.iter().any(|d| d.is_error()), "{diags:#?}");
        prop_assert!(rendered.contains_key("index.html"));
        let base_url = spec.base_url.then_some(BASE_URL);
        let broken = broken_links(&rendered, base_url);
        prop_assert!(broken.is_empty(), "broken links: {broken:#?}\nfiles: {files:#?}");
    }
}

#[test]
fn links_resolve_against_the_page() {
    let t = |page, href| target(page, href, Some(BASE_URL)).unwrap();
    let file = |f: &str, frag: &str| Some((f.to_string(), frag.to_string()));
    assert_eq!(
        t("articles/a/index.html", "../../actors/x/#p2"),
        file("actors/x/index.html", "p2")
    );
    assert_eq!(t("index.html", "./"), file("index.html", ""));
    assert_eq!(t("actors/index.html", "../"), file("index.html", ""));
    assert_eq!(t("index.html", "style.css?v=1"), file("style.css", ""));
    assert_eq!(
        t("actors/x/index.html", "#stances"),
        file("actors/x/index.html", "stances")
    );
    assert_eq!(
        t("404.html", "https://example.org/repo/actors/"),
        file("actors/index.html", "")
    );
    assert_eq!(t("index.html", "https://elsewhere.org/"), None);
    assert_eq!(t("index.html", "mailto:a@b.c"), None);
    assert!(target("index.html", "/actors/", None).is_err());
    assert!(target("index.html", "../x", None).is_err());
}

#[test]
fn the_link_check_sees_a_missing_page_and_a_missing_id() {
    let site = TempSite::new(&common::small_site());
    let (prepared, _) = explainer::prepare(&site.options()).unwrap();
    let (mut rendered, _) = prepared.unwrap().render_to_memory().unwrap();
    assert_eq!(broken_links(&rendered, None), Vec::<String>::new());
    rendered.remove("actors/bob-jones/index.html");
    let article = "articles/story/index.html";
    let html = String::from_utf8(rendered[article].clone()).unwrap();
    rendered.insert(
        article.into(),
        html.replace("id=p1>", "id=gone>").into_bytes(),
    );
    let broken = broken_links(&rendered, None);
    for want in [
        "leads to no file (actors/bob-jones/index.html)",
        "leads to no id on articles/story/index.html",
    ] {
        assert!(
            broken.iter().any(|b| b.contains(want)),
            "{want}: {broken:#?}"
        );
    }
}

/// The offsets of the closing quotes of the quoted slugs (`"actor-2"`) in `text`: the
/// references of a front matter.
fn references(text: &str) -> Vec<usize> {
    let mut found = Vec::new();
    for prefix in ["\"actor-", "\"position-", "\"article-"] {
        for (at, _) in text.match_indices(prefix) {
            let rest = &text[at + prefix.len()..];
            let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
            if digits > 0 && rest[digits..].starts_with('"') {
                found.push(at + prefix.len() + digits);
            }
        }
    }
    found.sort_unstable();
    found
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    /// A site whose references are broken is still checked whole: `check` does not
    /// fail, and each broken reference is an error at its line. The pages of such a site
    /// are made to check their links to ids, from a model with errors, so this is
    /// where a model that names what it does not hold would show.
    #[test]
    fn broken_references_are_each_reported_and_never_stop_the_check(
        spec in site(),
        picks in prop::collection::vec(any::<Index>(), 1..4),
    ) {
        let mut files = files(&spec);
        let all: Vec<(usize, usize)> = files
            .iter()
            .enumerate()
            .flat_map(|(i, (_, text))| references(text).into_iter().map(move |at| (i, at)))
            .collect();
        prop_assume!(!all.is_empty());
        let mut broken: BTreeSet<(usize, usize)> = picks.iter().map(|p| *p.get(&all)).collect();
        // Inserted from the end of each file, so that the earlier offsets still hold.
        let mut expected = BTreeSet::new();
        while let Some((i, at)) = broken.pop_last() {
            let (path, text) = &mut files[i];
            expected.insert(format!("{path}:{}:", text[..at].lines().count()));
            text.insert(at, 'x');
        }
        let refs: Vec<(&str, &str)> = files.iter().map(|(p, t)| (p.as_str(), t.as_str())).collect();
        let site = TempSite::new(&refs);
        let errors = site.errors();
        for at in &expected {
            prop_assert!(
                errors.iter().any(|e| e.starts_with(&format!("error: {at}"))),
                "no error at {at}: {errors:#?}\nfiles: {files:#?}"
            );
        }
    }
}
