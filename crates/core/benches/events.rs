//! Speed of the event stage: sentences coded per second on one core (target: 20,000), on the sentences of
//! `../shared/corpora/bbc_fulltext.jsonl` when it is there, else on the seed article. Criterion's `thrpt` line is
//! the figure to compare with the target; the bench asserts only that the coder's results are right, never a time.
#![allow(missing_docs)]

mod corpus;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use gleaner_core::events::actor::Memory;
use gleaner_core::events::{Coder, Known, Options, Resources};
use gleaner_core::text::Text;

/// Sentences as token lists.
fn sentences() -> Vec<Vec<String>> {
    let text = corpus::articles("bbc_fulltext.jsonl", 300, 40).join("\n\n");
    let t = Text::new(&text);
    t.sentences.iter().map(|s| (s.first_token..s.end_token).map(|i| t.token_text(i).to_string()).collect()).collect()
}

fn code_all(coder: &Coder<'_>, sentences: &[Vec<&str>]) -> usize {
    let mut memory = Memory::default();
    let mut events = 0;
    for words in sentences {
        events += coder.code(words, Known::default(), Some(20240911), &mut memory).events.len();
    }
    events
}

/// The results the timed loop must reproduce, so the bench cannot measure a coder that finds nothing: some
/// events, each with a CAMEO code, a source and a trigger inside its sentence.
fn check_results(coder: &Coder<'_>, sentences: &[Vec<&str>]) -> usize {
    let mut memory = Memory::default();
    let mut total = 0;
    for words in sentences {
        for e in coder.code(words, Known::default(), Some(20240911), &mut memory).events {
            assert!(e.code.len() >= 2 && e.code.chars().all(|c| c.is_ascii_alphanumeric()), "bad code {e:?}");
            assert!(!e.source.code.is_empty(), "event without a source: {e:?}");
            assert!(e.trigger.0 < e.trigger.1 && e.trigger.1 <= words.len(), "trigger outside the sentence: {e:?}");
            total += 1;
        }
    }
    assert!(total > 0, "the sample yields events");
    total
}

fn events(c: &mut Criterion) {
    let resources = Resources::embedded().expect("embedded resources load");
    let coder = Coder::new(&resources.lexicon, Options::default());
    let owned = sentences();
    let sentences: Vec<Vec<&str>> = owned.iter().map(|s| s.iter().map(String::as_str).collect()).collect();
    let expected = check_results(&coder, &sentences);
    println!("events: {} sentences, {expected} events (target: 20,000 sentences/s, see thrpt)", sentences.len());
    let mut group = c.benchmark_group("events");
    group.throughput(Throughput::Elements(sentences.len() as u64));
    group.sample_size(20);
    group.bench_function("code_sentences", |b| {
        b.iter(|| {
            let n = code_all(&coder, &sentences);
            assert_eq!(n, expected, "the timed runs code what the checked run coded");
            n
        })
    });
    group.finish();
}

criterion_group!(benches, events);
criterion_main!(benches);
