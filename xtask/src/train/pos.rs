//! The part-of-speech tagger: trained on the second column of CoNLL data.

use gleaner_core::tag::Pos;
use gleaner_core::tag::chain::ChainFile;
use gleaner_core::tag::features::pos_features;

use super::examples::Example;
use super::perceptron::{Interner, Perceptron, Sequence, Weights, shuffled};
use crate::conll::{Doc, Sentence, Token};
use crate::eval::parse::{ewt_pos, gold_pos};

pub fn labels() -> Vec<String> {
    Pos::ALL.iter().map(|p| p.as_str().to_string()).collect()
}

fn gold(pos: Option<&str>) -> u8 {
    pos.and_then(Pos::parse).map_or(Pos::NN as u8, |p| p as u8)
}

/// CoNLL's own tags (as `Pos` discriminants), per document token.
pub fn gold_tags(examples: &[&Example]) -> Vec<Vec<u8>> {
    examples
        .iter()
        .map(|ex| ex.doc.sentences.iter().flat_map(|s| &s.tokens).map(|t| gold(t.pos.as_deref())).collect())
        .collect()
}

/// Each sentence's features and gold labels, through `interner` (counted first when `count`).
pub fn sequences(examples: &[&Example], interner: &mut Interner, count: bool) -> Vec<Sequence> {
    let mut out = Vec::new();
    let mut keys = Vec::new();
    for ex in examples {
        for (si, (span, sentence)) in ex.prepared.sentences().iter().zip(&ex.doc.sentences).enumerate() {
            let mut seq = Sequence::default();
            for (k, tok) in sentence.tokens.iter().enumerate() {
                pos_features(&ex.prepared, si, span.first + k, &mut keys);
                interner.take(&mut seq, &keys, count);
                seq.gold.push(gold(tok.pos.as_deref()));
            }
            out.push(seq);
        }
    }
    out
}

pub fn train(seqs: &[Sequence], features: usize, epochs: usize, dev: &[Sequence], log: bool) -> Weights {
    let mut p = Perceptron::new(labels(), features);
    for e in 0..epochs {
        let errors = p.epoch(seqs, &shuffled(seqs.len(), e as u64));
        if log && !dev.is_empty() {
            let acc = accuracy(&p.average(), dev);
            eprintln!("    pos epoch {}: {errors} sentences wrong, dev accuracy {acc:.4}", e + 1);
        }
    }
    p.average()
}

pub fn accuracy(w: &Weights, dev: &[Sequence]) -> f64 {
    let (mut right, mut all) = (0, 0);
    for s in dev {
        let path = w.decode(s);
        right += path.iter().zip(&s.gold).filter(|(a, b)| a == b).count();
        all += s.gold.len();
    }
    right as f64 / all.max(1) as f64
}

/// Trains and quantizes.
pub fn model(
    train_set: &[&Example],
    dev: &[&Example],
    epochs: usize,
    min_count: u32,
    min_weight: f32,
) -> (ChainFile, Interner, Weights) {
    let mut interner = Interner::default();
    sequences(train_set, &mut interner, true);
    interner.finish(min_count);
    let seqs = sequences(train_set, &mut interner, false);
    let dev = sequences(dev, &mut interner, false);
    eprintln!("  pos: {} sentences, {} features", seqs.len(), interner.len());
    let w = train(&seqs, interner.len(), epochs, &dev, true);
    (w.to_file(&interner, min_weight, None), interner, w)
}

/// Predicted tags (as `Pos` discriminants) for the examples, per document token.
pub fn predict(w: &Weights, interner: &mut Interner, examples: &[&Example]) -> Vec<Vec<u8>> {
    examples
        .iter()
        .map(|ex| {
            let seqs = sequences(&[ex], interner, false);
            seqs.iter().flat_map(|s| w.decode(s)).collect()
        })
        .collect()
}

/// UD treebank documents as part-of-speech training documents, each word with its Penn tag as ours
/// (`eval::parse::ewt_pos`). `all`: every sentence, the words without a tag of ours as foreign words (to be
/// tagged); otherwise the sentences with such a word are left out (to learn from).
pub fn ud_docs(docs: &[crate::conllu::Doc], all: bool) -> Vec<Doc> {
    let token = |w: &crate::conllu::Word| {
        let pos = if all { Some(gold_pos(&w.form, &w.xpos)) } else { ewt_pos(&w.form, &w.xpos) };
        pos.map(|p| Token { word: w.form.clone(), pos: Some(p.as_str().to_string()), chunk: None, ner: "O".into() })
    };
    docs.iter()
        .map(|d| Doc {
            sentences: d
                .sentences
                .iter()
                .filter_map(|s| s.words.iter().map(token).collect::<Option<Vec<_>>>())
                .map(|tokens| Sentence { tokens })
                .collect(),
        })
        .collect()
}
