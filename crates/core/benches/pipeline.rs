//! Throughput of the text layer and of the whole pipeline on a built-in sample (and on
//! `../shared/corpora/bbc_fulltext.jsonl` when it is there).
#![allow(missing_docs)]

mod corpus;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use gleaner_core::{Config, Document, Extractor, text::Text};

fn sample() -> String {
    corpus::articles("bbc_fulltext.jsonl", 200, 50).join("\n\n")
}

fn text_layer(c: &mut Criterion) {
    let text = sample();
    let mut group = c.benchmark_group("text");
    group.throughput(Throughput::Bytes(text.len() as u64));
    group.bench_function("analyse", |b| {
        b.iter(|| {
            let analysed = Text::new(&text);
            assert!(analysed.tokens.len() > text.len() / 10);
            analysed.sentences.len()
        })
    });
    group.finish();
}

fn pipeline(c: &mut Criterion) {
    let text = sample();
    let extractor = Extractor::new(Config::default()).expect("embedded resources load");
    let doc = Document::new(text.clone());
    let mut group = c.benchmark_group("pipeline");
    group.throughput(Throughput::Bytes(text.len() as u64));
    group.sample_size(20);
    group.bench_function("extract", |b| {
        b.iter(|| {
            let out = extractor.extract(&doc).expect("extracts");
            assert!(out.stats.sentences > 0);
            out.stats.tokens
        })
    });
    group.finish();
}

criterion_group!(benches, text_layer, pipeline);
criterion_main!(benches);
