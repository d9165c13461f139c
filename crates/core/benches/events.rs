//! Speed of the event stage: sentences coded per second on one core (target: 20,000), on the sentences of
//! `../shared/corpora/bbc_fulltext.jsonl` when it is there, else on the seed article.
#![allow(missing_docs)]

use std::time::Instant;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use gleaner_core::events::actor::Memory;
use gleaner_core::events::{Coder, Options, Resources};
use gleaner_core::text::Text;

/// Sentences as token lists.
fn sentences() -> Vec<Vec<String>> {
    let corpus = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpora/bbc_fulltext.jsonl");
    let text = match std::fs::read_to_string(corpus) {
        Ok(data) => data
            .lines()
            .take(300)
            .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
            .filter_map(|v| v["text"].as_str().map(str::to_string))
            .collect::<Vec<_>>()
            .join("\n\n"),
        Err(_) => include_str!("../../../examples/seed.txt").repeat(40),
    };
    let t = Text::new(&text);
    t.sentences.iter().map(|s| (s.first_token..s.end_token).map(|i| t.token_text(i).to_string()).collect()).collect()
}

fn code_all(coder: &Coder<'_>, sentences: &[Vec<&str>]) -> usize {
    let mut memory = Memory::default();
    let mut events = 0;
    for words in sentences {
        events += coder.code(words, None, Some(20240911), &mut memory).events.len();
    }
    events
}

fn events(c: &mut Criterion) {
    let resources = Resources::embedded().expect("embedded resources load");
    let coder = Coder::new(&resources.lexicon, Options::default());
    let owned = sentences();
    let sentences: Vec<Vec<&str>> = owned.iter().map(|s| s.iter().map(String::as_str).collect()).collect();
    let mut group = c.benchmark_group("events");
    group.throughput(Throughput::Elements(sentences.len() as u64));
    group.sample_size(20);
    group.bench_function("code_sentences", |b| {
        b.iter(|| {
            let n = code_all(&coder, &sentences);
            assert!(n > 0, "the sample yields events");
            n
        })
    });
    group.finish();
    // The target, checked on the best of three full passes.
    let best = (0..3)
        .map(|_| {
            let start = Instant::now();
            code_all(&coder, &sentences);
            sentences.len() as f64 / start.elapsed().as_secs_f64()
        })
        .fold(0.0, f64::max);
    println!("events: {} sentences, {best:.0} sentences/s (target 20,000)", sentences.len());
    assert!(best >= 20_000.0, "event coding at {best:.0} sentences/s is below the 20,000/s target");
}

criterion_group!(benches, events);
criterion_main!(benches);
