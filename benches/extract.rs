//! Throughput of the whole extraction pipeline on the synthetic corpus.
//!
//!     cargo bench --bench extract
//!     cargo bench --bench extract -- --warm-up-time 1 --measurement-time 5
//!
//! `corpus` extracts 500 synthetic articles (seed 2020) per iteration and
//! reports articles/s; `by_size` extracts one small, one median and one large
//! article and reports bytes/s. See bench/README.md for figures and profiling.

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, SamplingMode, Throughput};
use readout::domain::default_topics;
use readout::extract::{Extractor, Origin};
use readout::synth;

const SEED: u64 = 2020;
const ARTICLES: usize = 500;

fn corpus(c: &mut Criterion) {
    let articles = synth::articles(SEED, ARTICLES);
    let bytes: usize = articles.iter().map(|a| a.text.len()).sum();
    let extractor = Extractor::new(&default_topics(), &readout::domain::default_office_holders());

    let mut group = c.benchmark_group("extract");
    // One iteration is seconds long: the fewest samples criterion allows, one
    // iteration each, so the group takes about 10 x (corpus time) whatever the
    // --measurement-time.
    group.sample_size(10);
    group.sampling_mode(SamplingMode::Flat);
    group.throughput(Throughput::Elements(articles.len() as u64));
    group.bench_function(BenchmarkId::new("corpus", format!("{ARTICLES}x{}B", bytes / ARTICLES)), |b| {
        b.iter(|| {
            let mut found = 0usize;
            for a in &articles {
                let x = extractor.extract_from(black_box(&a.text), Some(a.published), origin(a));
                found += x.officials.len() + x.meetings.len() + x.statements.len() + x.positions.len();
            }
            black_box(found)
        })
    });
    group.finish();
}

/// The synthetic article's outlet, as the API passes a stored article's source.
fn origin(a: &synth::SyntheticArticle) -> Origin<'_> {
    Origin { source: Some(&a.source), url: None }
}

fn by_size(c: &mut Criterion) {
    let mut articles = synth::articles(SEED, ARTICLES);
    articles.sort_by_key(|a| a.text.len());
    let extractor = Extractor::new(&default_topics(), &readout::domain::default_office_holders());

    let mut group = c.benchmark_group("extract_by_size");
    for (label, a) in [
        ("small", &articles[ARTICLES / 20]),
        ("median", &articles[ARTICLES / 2]),
        ("large", &articles[ARTICLES - 1 - ARTICLES / 20]),
    ] {
        group.throughput(Throughput::Bytes(a.text.len() as u64));
        group.bench_with_input(BenchmarkId::new(label, a.text.len()), a, |b, a| {
            b.iter(|| extractor.extract_from(black_box(&a.text), Some(a.published), origin(a)))
        });
    }
    group.finish();
}

criterion_group!(benches, corpus, by_size);
criterion_main!(benches);
