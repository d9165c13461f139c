//! Speed of the geo stage against the whole pipeline, per document, on the first 200 articles of
//! `../shared/corpora/bbc_fulltext.jsonl` (or the seed article when the corpus is absent).
//!
//! The toponyms are the pipeline's own: the entity tagger, the entities stage and `Toponym::of_mention`, as
//! `Extractor::extract` builds them. The bench measures resolving them (`geo/resolve`) and the whole extraction
//! (`geo/pipeline`, geo included), prints geo's share, and asserts the target: the geo stage adds at most 15%
//! to the time of the rest of the pipeline. It also asserts that the stage resolves most of what it is given.
#![allow(missing_docs)]

mod corpus;

use std::time::Instant;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use gleaner_core::geo::{Gazetteer, Resolver, Toponym};
use gleaner_core::tag::Tagger;
use gleaner_core::text::Text;
use gleaner_core::{Config, Document, Extractor, entities};

/// The most that geo may add to the rest of the pipeline's time.
const TARGET_SHARE: f64 = 0.15;

fn documents() -> Vec<String> {
    corpus::articles("bbc_fulltext.jsonl", 200, 50)
}

/// The median of `runs` timings of `f`, in seconds.
fn median_secs(runs: usize, f: &dyn Fn() -> usize) -> f64 {
    let mut secs: Vec<f64> = (0..runs)
        .map(|_| {
            let started = Instant::now();
            std::hint::black_box(f());
            started.elapsed().as_secs_f64()
        })
        .collect();
    secs.sort_by(f64::total_cmp);
    secs[secs.len() / 2]
}

fn geo(c: &mut Criterion) {
    let gazetteer = Gazetteer::embedded().expect("embedded gazetteer loads");
    let tagger = Tagger::embedded().expect("embedded tagger loads");
    let resolver = Resolver::new(gazetteer);
    let docs = documents();
    let bytes: usize = docs.iter().map(String::len).sum();
    let texts: Vec<Text<'_>> = docs.iter().map(|d| Text::new(d)).collect();
    let spans: Vec<Vec<Toponym>> = texts
        .iter()
        .map(|text| {
            let found = entities::resolve(text, &tagger.tag(text), tagger.lexicon());
            found.mentions.iter().filter_map(|m| Toponym::of_mention(m, &found)).collect()
        })
        .collect();
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

    // geo's cost against the rest of the pipeline, over the same documents (medians of alternating runs).
    let extractor = Extractor::new(Config::default()).expect("extractor");
    let documents: Vec<Document> = docs.iter().map(|d| Document::new(d.clone())).collect();
    let pipeline = || documents.iter().map(|d| extractor.extract(d).map(|x| x.stats.tokens).unwrap_or(0)).sum();
    let (mut pipeline_secs, mut geo_secs) = (Vec::new(), Vec::new());
    for _ in 0..5 {
        pipeline_secs.push(median_secs(3, &pipeline));
        geo_secs.push(median_secs(3, &resolve_all));
    }
    pipeline_secs.sort_by(f64::total_cmp);
    geo_secs.sort_by(f64::total_cmp);
    let (pipeline_secs, geo_secs) = (pipeline_secs[2], geo_secs[2]);
    let share = geo_secs / (pipeline_secs - geo_secs);
    eprintln!(
        "geo: {} documents, {toponyms} toponyms from the tagger, {resolved} resolved; pipeline {:.1} ms (geo \
         included), geo {:.2} ms: geo adds {:.1}% to the rest of the pipeline (target ≤ {:.0}%)",
        docs.len(),
        pipeline_secs * 1e3,
        geo_secs * 1e3,
        100.0 * share,
        100.0 * TARGET_SHARE
    );
    assert!(share <= TARGET_SHARE, "geo adds {:.1}% to the pipeline's time", 100.0 * share);

    let mut group = c.benchmark_group("geo");
    group.throughput(Throughput::Bytes(bytes as u64));
    group.bench_function("resolve", |b| b.iter(resolve_all));
    group.sample_size(10);
    group.bench_function("pipeline", |b| b.iter(pipeline));
    group.finish();

    let read = |name: &str| {
        let bytes = std::fs::read(format!("{}/resources/{name}", env!("CARGO_MANIFEST_DIR"))).expect(name);
        gleaner_core::resources::file::payload(name, &bytes).expect("resource header").to_vec()
    };
    let (fst, tables) = (read("gazetteer.fst"), read("gazetteer.bin"));
    let started = Instant::now();
    let fresh = Gazetteer::from_bytes(std::borrow::Cow::Owned(fst), &tables).expect("gazetteer decodes");
    eprintln!("geo: gazetteer of {} records decodes in {:.0} ms", fresh.len(), started.elapsed().as_secs_f64() * 1e3);
}

criterion_group!(benches, geo);
criterion_main!(benches);
