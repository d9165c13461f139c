//! Speed of the geo stage against the whole pipeline, per document, on the first 200 articles of
//! `../shared/corpora/bbc_fulltext.jsonl` (or the seed article when the corpus is absent).
//!
//! Until the entity tagger feeds the stage, the toponyms are what a plain gazetteer matcher finds: every run of
//! up to four capitalized words the gazetteer knows by name. That is more spans than a tagger gives, so the
//! measured cost is an upper bound. Besides criterion's numbers the bench prints geo's time as a share of the
//! pipeline's (`Extractor::extract`, which does not run geo yet), and it asserts that the stage resolves what it is
//! given.
#![allow(missing_docs)]

use std::time::Instant;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use gleaner_core::geo::{Gazetteer, MatchKind, Resolver, Toponym, normalize_name};
use gleaner_core::model::TokenKind;
use gleaner_core::text::Text;
use gleaner_core::{Config, Document, Extractor};

fn documents() -> Vec<String> {
    let corpus = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpora/bbc_fulltext.jsonl");
    if let Ok(data) = std::fs::read_to_string(corpus) {
        return data
            .lines()
            .take(200)
            .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
            .filter_map(|v| v["text"].as_str().map(str::to_string))
            .collect();
    }
    vec![include_str!("../../../examples/seed.txt").to_string(); 50]
}

/// Runs of up to four capitalized words that the gazetteer knows by name, longest first.
fn gazetteer_spans(text: &Text<'_>, gazetteer: &Gazetteer) -> Vec<Toponym> {
    let capitalized = |i: usize| {
        text.tokens.get(i).is_some_and(|t| t.kind == TokenKind::Word)
            && text.token_text(i).starts_with(|c: char| c.is_uppercase())
    };
    let mut out = Vec::new();
    let mut i = 0;
    while i < text.tokens.len() {
        let mut taken = 0;
        if capitalized(i) {
            for len in (1..=4).rev() {
                if !(i..i + len).all(|j| capitalized(j) || (j > i && j + 1 < i + len)) {
                    continue;
                }
                let (start, end) = (text.tokens[i].start, text.tokens[i + len - 1].end);
                let key = normalize_name(&text.normalized()[start..end]);
                if gazetteer.lookup(&key).any(|m| m.how == MatchKind::Name) {
                    out.push(Toponym { start, end, label: None, sentence: text.sentence_of_token(i) });
                    taken = len;
                    break;
                }
            }
        }
        i += taken.max(1);
    }
    out
}

fn geo(c: &mut Criterion) {
    let gazetteer = Gazetteer::embedded().expect("embedded gazetteer loads");
    let resolver = Resolver::new(gazetteer);
    let docs = documents();
    let bytes: usize = docs.iter().map(String::len).sum();
    let texts: Vec<Text<'_>> = docs.iter().map(|d| Text::new(d)).collect();
    let spans: Vec<Vec<Toponym>> = texts.iter().map(|t| gazetteer_spans(t, gazetteer)).collect();
    let toponyms: usize = spans.iter().map(Vec::len).sum();

    let resolve_all = || {
        let mut resolved = 0;
        for (text, spans) in texts.iter().zip(&spans) {
            resolved += resolver.resolve(text, spans).places.iter().filter(|p| p.is_some()).count();
        }
        resolved
    };
    let resolved = resolve_all();
    assert!(resolved * 2 > toponyms, "resolved {resolved} of {toponyms} toponyms");

    // geo's cost as a share of the pipeline's, over the same documents.
    let extractor = Extractor::new(Config::default()).expect("extractor");
    let documents: Vec<Document> = docs.iter().map(|d| Document::new(d.clone())).collect();
    let pipeline = || documents.iter().map(|d| extractor.extract(d).map(|x| x.stats.tokens).unwrap_or(0)).sum();
    let time = |f: &dyn Fn() -> usize| {
        let started = Instant::now();
        for _ in 0..5 {
            std::hint::black_box(f());
        }
        started.elapsed().as_secs_f64() / 5.0
    };
    let pipeline_secs = time(&pipeline);
    let geo_secs = time(&resolve_all);
    eprintln!(
        "geo: {} documents, {toponyms} toponyms, {resolved} resolved; pipeline {:.1} ms, geo {:.1} ms (+{:.0}%)",
        docs.len(),
        pipeline_secs * 1e3,
        geo_secs * 1e3,
        100.0 * geo_secs / pipeline_secs
    );

    let mut group = c.benchmark_group("geo");
    group.throughput(Throughput::Bytes(bytes as u64));
    group.bench_function("resolve", |b| b.iter(resolve_all));
    group.sample_size(20);
    group.bench_function("pipeline_without_geo", |b| b.iter(pipeline));
    group.finish();

    let started = Instant::now();
    let fresh = Gazetteer::from_bytes(
        std::borrow::Cow::Owned(
            std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/resources/gazetteer.fst")).expect("fst"),
        ),
        &std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/resources/gazetteer.bin")).expect("bin"),
    )
    .expect("gazetteer decodes");
    eprintln!("geo: gazetteer of {} records decodes in {:.0} ms", fresh.len(), started.elapsed().as_secs_f64() * 1e3);
}

criterion_group!(benches, geo);
criterion_main!(benches);
