//! The chunker: trained on the third column of CoNLL data (read as IOB1), over predicted (jackknifed) parts of speech
//! and, in a second copy of the data, over CoNLL's own.

use gleaner_core::tag::ChunkKind;
use gleaner_core::tag::chain::ChainFile;
use gleaner_core::tag::features::chunk_features;
use gleaner_core::tag::spans::{parse_label, spans};

use super::examples::Example;
use super::perceptron::{Interner, Perceptron, Sequence, Weights, shuffled};
use crate::score::SpanScore;

/// `O`, then `B-` and `I-` of each kind.
pub fn labels() -> Vec<String> {
    let mut out = vec!["O".to_string()];
    for k in ChunkKind::ALL {
        out.push(format!("B-{}", k.as_str()));
        out.push(format!("I-{}", k.as_str()));
    }
    out
}

fn gold(sentence: &crate::conll::Sentence) -> Vec<u8> {
    let mut out = vec![0u8; sentence.tokens.len()];
    for (s, e, kind) in sentence.chunks() {
        let Some(k) = ChunkKind::parse(&kind) else { continue };
        let b = 1 + 2 * ChunkKind::ALL.iter().position(|&x| x == k).unwrap_or(0) as u8;
        out[s] = b;
        for o in &mut out[s + 1..e] {
            *o = b + 1;
        }
    }
    out
}

/// Each sentence's features (over `pos[example]`, one tag per token) and gold labels.
pub fn sequences(examples: &[&Example], pos: &[Vec<u8>], interner: &mut Interner, count: bool) -> Vec<Sequence> {
    let mut out = Vec::new();
    let mut keys = Vec::new();
    for (ex, tags) in examples.iter().zip(pos) {
        for (si, (span, sentence)) in ex.prepared.sentences().iter().zip(&ex.doc.sentences).enumerate() {
            let mut seq = Sequence::default();
            for k in 0..sentence.tokens.len() {
                chunk_features(&ex.prepared, si, span.first + k, tags, &mut keys);
                interner.take(&mut seq, &keys, count);
            }
            seq.gold = gold(sentence);
            out.push(seq);
        }
    }
    out
}

pub fn f1(w: &Weights, dev: &[Sequence]) -> f64 {
    let labels = labels();
    let read = |path: &[u8]| {
        spans(path.iter().map(|&l| parse_label(&labels[l as usize])))
            .into_iter()
            .map(|(s, e, t)| (s, e, t.to_string()))
            .collect::<Vec<_>>()
    };
    let mut score = SpanScore::default();
    for s in dev {
        score.add(&read(&s.gold), &read(&w.decode(s)));
    }
    score.total().f1()
}

pub fn model(
    train: &[&Example],
    train_pos: &[Vec<u8>],
    dev: &[&Example],
    dev_pos: &[Vec<u8>],
    epochs: usize,
    min_count: u32,
    min_weight: f32,
) -> ChainFile {
    let mut interner = Interner::default();
    sequences(train, train_pos, &mut interner, true);
    interner.finish(min_count);
    let seqs = sequences(train, train_pos, &mut interner, false);
    let dev = sequences(dev, dev_pos, &mut interner, false);
    eprintln!("  chunk: {} sentences, {} features", seqs.len(), interner.len());
    let mut p = Perceptron::new(labels(), interner.len());
    for e in 0..epochs {
        let errors = p.epoch(&seqs, &shuffled(seqs.len(), e as u64));
        if !dev.is_empty() {
            eprintln!("    chunk epoch {}: {errors} sentences wrong, dev F1 {:.4}", e + 1, f1(&p.average(), &dev));
        }
    }
    p.average().to_file(&interner, min_weight, None)
}
