//! Throughput of the `time` and `quantity` stages together, on an analysed text (the text layer is measured in
//! `pipeline`). Target: 50 MB/s on one core. Uses `../shared/corpora/reuters21578.jsonl` (newswire full of dates
//! and numbers) when it is there, else the seed example.
#![allow(missing_docs)]

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use gleaner_core::text::Text;
use gleaner_core::{quantity, time};

fn sample() -> String {
    let corpus = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpora/reuters21578.jsonl");
    if let Ok(data) = std::fs::read_to_string(corpus) {
        return data
            .lines()
            .take(2000)
            .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
            .filter_map(|v| v["text"].as_str().map(str::to_string))
            .collect::<Vec<_>>()
            .join("\n\n");
    }
    include_str!("../../../examples/seed.txt").repeat(50)
}

fn stages(c: &mut Criterion) {
    let text = sample();
    let analysed = Text::new(&text);
    let anchor = "1987-03-01".parse().ok();
    let mut group = c.benchmark_group("time+quantity");
    group.throughput(Throughput::Bytes(text.len() as u64));
    group.bench_function("find", |b| {
        b.iter(|| {
            let times = time::find(&analysed, anchor);
            let amounts = quantity::find(&analysed, &times);
            assert!(!times.is_empty() && !amounts.is_empty(), "the stages found nothing");
            times.len() + amounts.len()
        })
    });
    group.finish();
}

criterion_group!(benches, stages);
criterion_main!(benches);
