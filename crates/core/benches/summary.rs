//! Throughput of the summary stage (tone, keyphrases, quotations, themes) on its own, next to the text layer it
//! reads and next to the whole pipeline, on the first 200 articles of `../shared/corpora/bbc_fulltext.jsonl` when it
//! is there (else a built-in sample). The stage's share of the pipeline is `summary/summarize_with_entities` (the
//! stage as the pipeline runs it, with noun chunks and entity mentions) over `summary/extract` (target: 10% or
//! less).
#![allow(missing_docs)]

mod corpus;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use gleaner_core::summary::{self, Inputs, Options, Summarizer};
use gleaner_core::tag::Tagger;
use gleaner_core::text::Text;
use gleaner_core::{Config, Document, Extractor};

/// The first 200 articles, one document each (the stage works per document).
fn documents() -> Vec<String> {
    corpus::articles("bbc_fulltext.jsonl", 200, 50)
}

fn summary(c: &mut Criterion) {
    let docs = documents();
    let bytes: usize = docs.iter().map(String::len).sum();
    let summarizer = Summarizer::embedded().expect("embedded resources load");
    let texts: Vec<Text<'_>> = docs.iter().map(|d| Text::new(d)).collect();
    let mut group = c.benchmark_group("summary");
    group.throughput(Throughput::Bytes(bytes as u64));
    group.sample_size(20);
    group.bench_function("text", |b| b.iter(|| docs.iter().map(|d| Text::new(d).tokens.len()).sum::<usize>()));
    group.bench_function("summarize", |b| {
        b.iter(|| {
            let mut words = 0;
            for text in &texts {
                let s = summarizer.summarize(&Inputs::text(text), &Options::default());
                assert!(s.tone.words > 0 && !s.keyphrases.is_empty());
                words += s.tone.words + s.quotes.len() + s.themes.len();
            }
            words
        })
    });
    // As in the pipeline: with the noun chunks and entity mentions of the earlier stages.
    let tagger = Tagger::embedded().expect("embedded resources load");
    let found: Vec<_> = texts
        .iter()
        .map(|t| {
            let tags = tagger.tag(t);
            let entities = gleaner_core::entities::resolve(t, &tags, tagger.lexicon());
            (summary::noun_chunks(&tags.chunks), summary::names(&entities.mentions))
        })
        .collect();
    group.bench_function("summarize_with_entities", |b| {
        b.iter(|| {
            let mut words = 0;
            for (text, (chunks, names)) in texts.iter().zip(&found) {
                let inputs = Inputs { text, noun_chunks: chunks, names, references: &[], events: &[] };
                let s = summarizer.summarize(&inputs, &Options::default());
                assert!(s.tone.words > 0 && !s.keyphrases.is_empty());
                words += s.tone.words + s.quotes.len() + s.themes.len();
            }
            words
        })
    });
    let extractor = Extractor::new(Config::default()).expect("embedded resources load");
    let documents: Vec<Document> = docs.iter().map(|d| Document::new(d.clone())).collect();
    group.bench_function("extract", |b| {
        b.iter(|| {
            let mut found = 0;
            for doc in &documents {
                let out = extractor.extract(doc).expect("extracts");
                assert!(out.tone.is_some_and(|t| t.words > 0));
                found += out.quotes.len() + out.mentions.len();
            }
            found
        })
    });
    group.finish();
}

criterion_group!(benches, summary);
criterion_main!(benches);
