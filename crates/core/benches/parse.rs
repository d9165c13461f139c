//! Throughput of the dependency parser on news text (`../shared/corpora/bbc_fulltext.jsonl` when it is there, else
//! the built-in sample), the parts of speech computed beforehand; and on odd input, whose time per token must stay
//! flat. Target: 150,000 tokens per CPU-second on one core.
#![allow(missing_docs)]

mod corpus;
mod cpu;

use cpu::CpuTime;
use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use gleaner_core::parse::Parser;
use gleaner_core::tag::{Input, Tagger};
use gleaner_core::text::Text;

fn parse(c: &mut Criterion<CpuTime>) {
    let tagger = Tagger::embedded().expect("embedded taggers load");
    let parser = Parser::embedded().expect("embedded parser loads");
    let docs = corpus::articles("bbc_fulltext.jsonl", 300, 20);
    let odd = [
        "word and another word ".repeat(1250),
        "12.5 13.1 14.0 | 15 16 17\n".repeat(500),
        "Great game 😀🔥 👍🏽 #win @team ".repeat(500),
    ];
    let mut group = c.benchmark_group("parse");
    group.sample_size(10);
    for (name, texts) in [("news", &docs[..]), ("odd input", &odd[..])] {
        let analysed: Vec<Text<'_>> = texts.iter().map(|d| Text::new(d)).collect();
        let inputs: Vec<Input<'_>> = analysed.iter().map(Input::from_text).collect();
        let pos: Vec<_> = inputs.iter().map(|i| tagger.pos_tags(&tagger.prepare(i))).collect();
        let tokens: usize = analysed.iter().map(|t| t.tokens.len()).sum();
        group.throughput(Throughput::Elements(tokens as u64));
        group.bench_function(name, |b| {
            b.iter(|| {
                let parsed: usize =
                    inputs.iter().zip(&pos).map(|(i, p)| parser.parse(tagger.lexicon(), i, p).len()).sum();
                assert_eq!(parsed, tokens);
                parsed
            })
        });
    }
    group.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default().with_measurement(CpuTime);
    targets = parse
}
criterion_main!(benches);
