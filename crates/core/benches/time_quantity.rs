//! Throughput of the `time` and `quantity` stages together, document by document, on analysed texts (the text
//! layer is measured in `pipeline`). Target: 50 MB/s on one core. Uses the first 2,000 articles of
//! `../shared/corpora/reuters21578.jsonl` (newswire full of dates and numbers) when it is there, else the seed
//! example.
#![allow(missing_docs)]

mod corpus;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use gleaner_core::text::Text;
use gleaner_core::{quantity, time};

fn sample() -> Vec<String> {
    corpus::articles("reuters21578.jsonl", 2000, 50)
}

fn stages(c: &mut Criterion) {
    let docs = sample();
    let analysed: Vec<Text> = docs.iter().map(|d| Text::new(d)).collect();
    let bytes: usize = docs.iter().map(String::len).sum();
    let anchor = "1987-03-01".parse().ok();
    let mut group = c.benchmark_group("time+quantity");
    group.throughput(Throughput::Bytes(bytes as u64));
    group.sample_size(20);
    group.bench_function("find", |b| {
        b.iter(|| {
            let (mut times_found, mut amounts_found) = (0, 0);
            for text in &analysed {
                let times = time::find(text, anchor);
                amounts_found += quantity::find(text, &times).len();
                times_found += times.len();
            }
            assert!(times_found > 0 && amounts_found > 0, "the stages found nothing");
            times_found + amounts_found
        })
    });
    group.finish();
}

criterion_group!(benches, stages);
criterion_main!(benches);
