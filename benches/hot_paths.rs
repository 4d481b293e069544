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

criterion_group!(hot_paths, mentions, quotes, markdown, build);
criterion_main!(hot_paths);
