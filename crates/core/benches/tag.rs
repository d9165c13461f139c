//! Throughput of the taggers on news text (`../shared/corpora/bbc_fulltext.jsonl` when it is there, else the
//! built-in sample): entities alone, all three taggers, and odd input whose time per token must stay flat.
//!
//! Times are CPU time of the benchmarking thread (`CpuTime`), not wall time: the machines this runs on are shared,
//! and the targets (entities at 500k tokens per second on one core) are per core.
#![allow(missing_docs)]

mod corpus;
mod cpu;

use cpu::CpuTime;
use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use gleaner_core::tag::{Input, Tagger};
use gleaner_core::text::Text;

fn documents() -> Vec<String> {
    corpus::articles("bbc_fulltext.jsonl", 300, 20)
}

fn taggers(c: &mut Criterion<CpuTime>) {
    let tagger = Tagger::embedded().expect("embedded taggers load");
    let docs = documents();
    let texts: Vec<Text<'_>> = docs.iter().map(|d| Text::new(d)).collect();
    let inputs: Vec<Input<'_>> = texts.iter().map(Input::from_text).collect();
    let tokens: usize = texts.iter().map(|t| t.tokens.len()).sum();
    let mut group = c.benchmark_group("tag");
    group.throughput(Throughput::Elements(tokens as u64));
    group.sample_size(10);
    group.bench_function("entities", |b| {
        b.iter(|| {
            let found: usize = inputs.iter().map(|i| tagger.entities(i).len()).sum();
            assert!(found > tokens / 100, "{found} entities in {tokens} tokens");
            found
        })
    });
    group.bench_function("pos+chunks+entities", |b| {
        b.iter(|| {
            let tags: Vec<_> = inputs.iter().map(|i| tagger.tag_input(i)).collect();
            assert_eq!(tags.iter().map(|t| t.pos.len()).sum::<usize>(), tokens);
            tags.len()
        })
    });
    // The chunker alone, on atoms and parts of speech computed beforehand.
    let prepared: Vec<_> = inputs.iter().map(|i| tagger.prepare(i)).collect();
    let pos: Vec<_> = prepared.iter().map(|p| tagger.pos_tags(p)).collect();
    group.bench_function("chunks", |b| {
        b.iter(|| {
            let found: usize = prepared.iter().zip(&pos).map(|(p, pos)| tagger.chunks(p, pos).len()).sum();
            assert!(found > tokens / 4, "{found} chunks in {tokens} tokens");
            found
        })
    });
    group.finish();
}

/// Bad input: the time per token of these must match ordinary text (no quadratic corner).
fn odd_input(c: &mut Criterion<CpuTime>) {
    let tagger = Tagger::embedded().expect("embedded taggers load");
    let cases = [
        ("no punctuation", "word and another word ".repeat(1250)),
        ("number table", "12.5 13.1 14.0 | 15 16 17\n".repeat(500)),
        ("non-Latin", "Путин встретился с Си Цзиньпином в Пекине. 習近平と会談した。 ".repeat(200)),
        ("emoji", "Great game 😀🔥 👍🏽 #win @team ".repeat(500)),
    ];
    let mut group = c.benchmark_group("tag odd input");
    group.sample_size(10);
    for (name, text) in &cases {
        let analysed = Text::new(text);
        let input = Input::from_text(&analysed);
        group.throughput(Throughput::Elements(analysed.tokens.len() as u64));
        group.bench_function(*name, |b| {
            b.iter(|| {
                let tags = tagger.tag_input(&input);
                assert_eq!(tags.pos.len(), analysed.tokens.len());
                tags.entities.len()
            })
        });
    }
    group.finish();
}

/// Decoding the embedded models, which every process does once (target: under 200 ms).
fn load(c: &mut Criterion<CpuTime>) {
    let mut group = c.benchmark_group("tag");
    group.sample_size(10);
    let files: Vec<Vec<u8>> = ["tag-lexicon.bin", "tag-pos.bin", "tag-chunk.bin", "tag-ner.bin"]
        .iter()
        .map(|name| {
            let bytes = std::fs::read(format!("{}/resources/{name}", env!("CARGO_MANIFEST_DIR"))).expect("model file");
            gleaner_core::resources::file::payload(name, &bytes).expect("model header").to_vec()
        })
        .collect();
    group.bench_function("load models", |b| {
        b.iter(|| {
            let tagger = Tagger::from_bytes(&files[0], &files[1], &files[2], &files[3]).expect("models decode");
            assert!(!tagger.lexicon().provenance().is_empty());
            tagger
        })
    });
    group.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default().with_measurement(CpuTime);
    targets = taggers, odd_input, load
}
criterion_main!(benches);
