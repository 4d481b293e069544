//! One share card, on one core: the SVG made (text fitted), parsed and laid out, drawn,
//! and encoded as a PNG; and each step alone. The issue asks for at most 10 ms a card.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use resvg::tiny_skia;

use explainer::render::cards::{Card, Drawer, HEIGHT, WIDTH, encode};

fn card() -> Card {
    Card {
        kind: "Position".into(),
        title: "Should the city replace its ageing tram network with electric buses before the 2030 climate deadline?".into(),
        site: "The Newsroom Explainer".into(),
        tally: Some("Supports: 12 · Opposes: 7 · Mixed: 3 · Unclear: 1".into()),
        rtl: false,
    }
}

fn cards(c: &mut Criterion) {
    // Drawing a card uses one core (a build draws cards in parallel, one per core).
    {
        let drawer = Drawer::new(explainer::render::cards::DEFAULT_TEMPLATE).unwrap();
        let card = card();
        let mut group = c.benchmark_group("cards");
        group.bench_function("whole card", |b| {
            b.iter(|| {
                let svg = drawer.svg(black_box(&card)).unwrap();
                black_box(drawer.draw(&svg).unwrap())
            })
        });
        let svg = drawer.svg(&card).unwrap();
        group.bench_function("svg", |b| b.iter(|| drawer.svg(black_box(&card)).unwrap()));
        group.bench_function("parse and lay out", |b| {
            b.iter(|| drawer.tree(black_box(&svg)).unwrap())
        });
        let tree = drawer.tree(&svg).unwrap();
        let mut pixmap = tiny_skia::Pixmap::new(WIDTH, HEIGHT).unwrap();
        group.bench_function("render", |b| {
            b.iter(|| resvg::render(&tree, tiny_skia::Transform::default(), &mut pixmap.as_mut()))
        });
        group.bench_function("encode", |b| b.iter(|| encode(black_box(&pixmap))));
        group.finish();
    }
}

criterion_group!(benches, cards);
criterion_main!(benches);
