//! The hot paths of a build, each on text from sites that `bench/gen.py` writes: finding
//! actor mentions (at three text sizes, to show the cost grows linearly), placing quotes,
//! analysing Markdown, and building a whole site in memory. `cargo bench` runs them all;
//! they need `python3` for the generator.

use std::hint::black_box;
use std::path::Path;
use std::process::Command;
use std::time::Duration;

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};

use explainer::markdown::{Block, analyse, parse};
use explainer::model::approx::Haystack;
use explainer::model::articles::{QuoteRequest, Target};
use explainer::model::quote_help::QuoteHelp;
use explainer::model::{mentions::Finder, quote};
use explainer::{Options, Prepared};

/// Writes a site with `bench/gen.py` into `dir` and prepares it.
fn site(dir: &Path, articles: usize, actors: usize, positions: usize) -> (Options, Prepared) {
    let generator = Path::new(env!("CARGO_MANIFEST_DIR")).join("bench/gen.py");
    let status = Command::new("python3")
        .arg(&generator)
        .args(["--articles", &articles.to_string()])
        .args(["--actors", &actors.to_string()])
        .args(["--positions", &positions.to_string()])
        .args(["--seed", "1", "--out"])
        .arg(dir)
        .stdout(std::process::Stdio::null())
        .status()
        .expect("the benchmarks need python3 to run bench/gen.py");
    assert!(status.success(), "bench/gen.py failed");
    let opts = Options {
        root: dir.to_path_buf(),
        output: None,
        base_url: None,
    };
    let (prepared, diags) = explainer::prepare(&opts).expect("the generated site loads");
    let prepared = prepared.unwrap_or_else(|| panic!("the generated site has errors: {diags:?}"));
    (opts, prepared)
}

fn blocks(markdown: &str) -> Vec<Block> {
    analyse(&parse(markdown, &|_| None))
}

/// The first `size` bytes (at least) of what a reader sees of the site's articles.
fn reader_text(prepared: &Prepared, size: usize) -> String {
    let mut text = String::with_capacity(size + 8192);
    for article in prepared.site.articles.values().cycle() {
        for block in blocks(&article.body) {
            text.push_str(&block.text());
            text.push('\n');
        }
        if text.len() >= size {
            break;
        }
    }
    let mut end = size;
    while !text.is_char_boundary(end) {
        end += 1;
    }
    text.truncate(end);
    text
}

/// Mention finding with 1,000 actor names over 100 KB, 1 MB and 10 MB of article text:
/// the same 100 KB of several articles, repeated, so that the text's mix of names and
/// words (and the share of the automaton it touches) is the same at every size and the
/// time per byte shows whether the search is linear.
fn mentions(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let (_, prepared) = site(dir.path(), 300, 1000, 50);
    let names: Vec<(String, usize)> = prepared
        .site
        .actors
        .values()
        .enumerate()
        .map(|(i, a)| (explainer::text::normalize(&a.name), i))
        .collect();
    assert_eq!(names.len(), 1000);
    let finder = Finder::new(&names);
    let mut group = c.benchmark_group("mentions");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(3));
    let sample = reader_text(&prepared, 100_000);
    for (label, times) in [("100KB", 1), ("1MB", 10), ("10MB", 100)] {
        let text = sample.repeat(times);
        assert!(!finder.find(&text).is_empty(), "the text names no actor");
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_with_input(BenchmarkId::new("find_1000_names", label), &text, |b, t| {
            b.iter(|| finder.find(black_box(t)))
        });
    }
    group.finish();
}

/// Placing 10, 100 and 1,000 quotes (runs of 4-8 words) in one article.
fn quotes(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let (_, prepared) = site(dir.path(), 20, 40, 10);
    let article = prepared.site.articles.values().next().unwrap();
    let blocks = blocks(&article.body);
    let mut windows: Vec<String> = Vec::new();
    for segment in blocks.iter().flat_map(|b| &b.segments) {
        let words: Vec<&str> = segment.text.split(' ').collect();
        for len in 4..=8 {
            for run in words.windows(len) {
                windows.push(run.join(" "));
            }
        }
    }
    windows.sort();
    windows.dedup();
    assert!(windows.len() >= 1000, "the article is too short");
    let mut group = c.benchmark_group("quotes");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(3));
    for n in [10, 100, 1000] {
        let step = windows.len() / n;
        let wanted: Vec<(&str, Option<&str>, Option<&str>)> = (0..n)
            .map(|i| (windows[i * step].as_str(), None, None))
            .collect();
        let found = quote::find_many(&blocks, &wanted);
        assert!(found.iter().filter(|f| f.is_ok()).count() > n / 2);
        group.throughput(Throughput::Elements(n as u64));
        group.bench_with_input(BenchmarkId::new("find_many", n), &wanted, |b, w| {
            b.iter(|| quote::find_many(black_box(&blocks), black_box(w)))
        });
    }
    group.finish();
}

/// A small deterministic generator (xorshift), so that the broken quotes are the same on
/// every run.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n as u64) as usize
    }
}

/// `text` with about one character in ten replaced, dropped or doubled.
fn broken(text: &str, rng: &mut Rng) -> String {
    let mut out = String::new();
    for c in text.chars() {
        match rng.below(30) {
            0 => out.push((b'a' + rng.below(26) as u8) as char),
            1 => {}
            2 => out.extend([c, c]),
            _ => out.push(c),
        }
    }
    out
}

/// Explaining 1,000 quotes that are not in a 50 KB article: passages of 4 to 16 words
/// with one character in ten changed, each told its closest passage. Also says how
/// often that passage is the one the quote was cut from.
fn broken_quotes(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let (_, prepared) = site(dir.path(), 30, 40, 10);
    let mut body = String::new();
    for article in prepared.site.articles.values().cycle() {
        if body.len() >= 50_000 {
            break;
        }
        body.push_str(&article.body);
        body.push('\n');
    }
    let blocks = blocks(&body);
    let leaves: Vec<&str> = blocks
        .iter()
        .flat_map(|b| &b.segments)
        .map(|s| s.text.as_str())
        .filter(|t| t.split(' ').count() >= 16)
        .collect();
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let mut cut = Vec::new();
    while cut.len() < 1000 {
        let words: Vec<&str> = leaves[rng.below(leaves.len())].split(' ').collect();
        let len = 4 + rng.below(13);
        let at = rng.below(words.len() - len + 1);
        let passage = words[at..at + len].join(" ");
        let quote = broken(&passage, &mut rng);
        if quote::find(&blocks, &quote, None, None).is_err() {
            cut.push((passage, quote));
        }
    }
    let requests: Vec<QuoteRequest> = cut
        .iter()
        .map(|(_, q)| QuoteRequest {
            article: "a".into(),
            quote: q.clone(),
            prefix: None,
            suffix: None,
            path: "content/annotations/a.md".into(),
            line: 2,
            context_lines: (None, None),
            target: Target::Annotation("a".into()),
        })
        .collect();
    let hay = Haystack::new(&blocks);
    let at_source = cut
        .iter()
        .filter(|(passage, q)| {
            hay.closest(&explainer::text::normalize(q), 1)
                .first()
                .is_some_and(|c| c.text.contains(passage.as_str()) || passage.contains(&c.text))
        })
        .count();
    eprintln!(
        "broken quotes: {} bytes of article; the closest passage is the source for {at_source} of 1000",
        body.len()
    );
    // The machine may be busy: the thread's own CPU time says more than the clock.
    let before = thread_cpu_ns();
    let events = parse(&body, &|_| None);
    let title = || None;
    let help = QuoteHelp::new(&blocks, &events, &title);
    for r in &requests {
        black_box(help.diagnose(r, quote::Miss::NotFound { other_case: false }));
    }
    if let (Some(a), Some(b)) = (before, thread_cpu_ns()) {
        eprintln!(
            "broken quotes: 1000 explained in {} ms of CPU time",
            (b - a) / 1_000_000
        );
    }
    let mut group = c.benchmark_group("broken_quotes");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(10));
    group.throughput(Throughput::Elements(1000));
    group.bench_function("explain_1000_in_50KB", |b| {
        b.iter(|| {
            let help = QuoteHelp::new(black_box(&blocks), &events, &title);
            requests
                .iter()
                .map(|r| {
                    help.diagnose(r, quote::Miss::NotFound { other_case: false })
                        .len()
                })
                .sum::<usize>()
        })
    });
    group.finish();
}

/// The CPU time of this thread so far, in nanoseconds (Linux).
fn thread_cpu_ns() -> Option<u64> {
    let stat = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    stat.split(' ').next()?.parse().ok()
}

/// Parsing and analysing a 100 KB article (the bodies of generated articles, joined).
fn markdown(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let (_, prepared) = site(dir.path(), 30, 40, 10);
    let mut body = String::new();
    for article in prepared.site.articles.values().cycle() {
        if body.len() >= 100_000 {
            break;
        }
        body.push_str(&article.body);
        body.push('\n');
    }
    let mut group = c.benchmark_group("markdown");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(3));
    group.throughput(Throughput::Bytes(body.len() as u64));
    group.bench_function("parse_analyse_100KB", |b| {
        b.iter(|| analyse(&parse(black_box(&body), &|_| None)).len())
    });
    group.finish();
}

/// Loading, validating and rendering a 200-article site into memory.
fn build(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let (opts, _) = site(dir.path(), 200, 40, 10);
    let mut group = c.benchmark_group("build");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(5));
    group.throughput(Throughput::Elements(200));
    group.bench_function("in_memory_200_articles", |b| {
        b.iter(|| {
            let (prepared, _) = explainer::prepare(black_box(&opts)).unwrap();
            let (files, _) = prepared.unwrap().render_to_memory().unwrap();
            files.len()
        })
    });
    group.finish();
}

criterion_group!(hot_paths, mentions, quotes, broken_quotes, markdown, build);
criterion_main!(hot_paths);
