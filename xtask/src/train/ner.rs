//! The entity tagger: BILOU labels over the four CoNLL types, trained in two passes. The second pass reads the
//! first pass's labels across the document (`features::History`); on the training data those labels come from
//! models that did not see the document (jackknifing), so the second pass learns how far to trust them.

use gleaner_core::tag::features::{History, ner_features};
use gleaner_core::tag::spans::{Role, bilou, parse_label, spans};
use gleaner_core::tag::{EntityKind, NerFile};

use super::examples::Example;
use super::perceptron::{Interner, Perceptron, Sequence, Weights, shuffled};
use crate::score::SpanScore;

/// Training settings.
#[derive(Debug, Clone, Copy)]
pub struct Settings {
    pub epochs: usize,
    pub folds: usize,
    pub min_count: u32,
    pub min_weight: f32,
    pub two_pass: bool,
}

/// `O`, then `B-`, `I-`, `L-`, `U-` of each type.
pub fn labels() -> Vec<String> {
    let mut out = vec!["O".to_string()];
    for k in EntityKind::ALL {
        for r in ["B", "I", "L", "U"] {
            out.push(format!("{r}-{}", k.as_str()));
        }
    }
    out
}

/// What `History` counts for each label: 0 for `O`, 1 + type.
pub fn label_types() -> Vec<u8> {
    labels().iter().map(|l| if l == "O" { 0 } else { 1 + EntityKind::parse(&l[2..]).map_or(3, |k| k as u8) }).collect()
}

fn gold(sentence: &crate::conll::Sentence) -> Vec<u8> {
    let names = labels();
    let spans: Vec<(usize, usize, EntityKind)> =
        sentence.entities().into_iter().filter_map(|(s, e, t)| EntityKind::parse(&t).map(|k| (s, e, k))).collect();
    bilou(sentence.tokens.len(), &spans)
        .into_iter()
        .map(|(role, kind)| {
            let name = match (role, kind) {
                (Role::Begin, Some(k)) => format!("B-{}", k.as_str()),
                (Role::Inside, Some(k)) => format!("I-{}", k.as_str()),
                (Role::Last, Some(k)) => format!("L-{}", k.as_str()),
                (Role::Unit, Some(k)) => format!("U-{}", k.as_str()),
                _ => "O".into(),
            };
            names.iter().position(|n| *n == name).unwrap_or(0) as u8
        })
        .collect()
}

/// Each sentence's first-pass features and gold labels.
pub fn sequences(examples: &[&Example], interner: &mut Interner, count: bool) -> Vec<Sequence> {
    let mut out = Vec::new();
    let mut keys = Vec::new();
    for ex in examples {
        for (si, (span, sentence)) in ex.prepared.sentences().iter().zip(&ex.doc.sentences).enumerate() {
            let mut seq = Sequence::default();
            for k in 0..sentence.tokens.len() {
                ner_features(&ex.prepared, si, span.first + k, &mut keys);
                interner.take(&mut seq, &keys, count);
            }
            seq.gold = gold(sentence);
            out.push(seq);
        }
    }
    out
}

/// Each sentence's second-pass features: the first pass's, and the history of the first pass's labels.
fn history_sequences(
    examples: &[&Example],
    first: &[FirstPass],
    interner: &mut Interner,
    count: bool,
) -> Vec<Sequence> {
    let types = label_types();
    let mut out = Vec::new();
    let mut keys = Vec::new();
    for (ex, f) in examples.iter().zip(first) {
        let history = History::new(&ex.prepared, &f.labels, &types);
        for (si, (span, sentence)) in ex.prepared.sentences().iter().zip(&ex.doc.sentences).enumerate() {
            let mut seq = Sequence::default();
            for k in span.first..span.end {
                ner_features(&ex.prepared, si, k, &mut keys);
                keys.extend_from_slice(history.keys(k));
                interner.take(&mut seq, &keys, count);
            }
            seq.gold = gold(sentence);
            out.push(seq);
        }
    }
    out
}

/// A document's first-pass labels, token by token.
#[derive(Debug, Clone, Default)]
struct FirstPass {
    labels: Vec<u8>,
}

fn read(path: &[u8], names: &[String]) -> Vec<(usize, usize, String)> {
    spans(path.iter().map(|&l| parse_label(&names[l as usize])))
        .into_iter()
        .map(|(s, e, t)| (s, e, t.to_string()))
        .collect()
}

/// Entity F1 of decoded sequences against their gold labels.
pub fn f1(paths: &[Vec<u8>], seqs: &[Sequence]) -> f64 {
    let names = labels();
    let mut score = SpanScore::default();
    for (p, s) in paths.iter().zip(seqs) {
        score.add(&read(&s.gold, &names), &read(p, &names));
    }
    score.total().f1()
}

/// Trains on the sequences `subset` of `data` (all when `None`), calling `each` after every epoch.
fn train(
    data: &[Sequence],
    subset: Option<&[usize]>,
    features: usize,
    epochs: usize,
    mut each: impl FnMut(usize, &Perceptron),
) -> Weights {
    let all: Vec<usize> = (0..data.len()).collect();
    let subset = subset.unwrap_or(&all);
    let mut p = Perceptron::new(labels(), features);
    for e in 0..epochs {
        let order: Vec<usize> = shuffled(subset.len(), 1000 + e as u64).into_iter().map(|i| subset[i]).collect();
        p.epoch(data, &order);
        each(e, &p);
    }
    p.average()
}

/// Sentences of each example, as ranges into the flat list of sequences.
fn ranges(examples: &[&Example]) -> Vec<std::ops::Range<usize>> {
    let mut at = 0;
    examples
        .iter()
        .map(|ex| {
            let r = at..at + ex.doc.sentences.len();
            at = r.end;
            r
        })
        .collect()
}

/// What the first pass makes of each example (sentence by sentence, with `w`).
fn first_pass(w: &Weights, examples: &[&Example], seqs: &[Sequence], r: &[std::ops::Range<usize>]) -> Vec<FirstPass> {
    examples
        .iter()
        .zip(r)
        .map(|(ex, r)| {
            let mut f = FirstPass { labels: vec![0u8; ex.prepared.len()] };
            for (span, seq) in ex.prepared.sentences().iter().zip(&seqs[r.clone()]) {
                f.labels[span.first..span.end].copy_from_slice(&w.decode(seq));
            }
            f
        })
        .collect()
}

/// Trains both passes; returns the stored model (calibration left to the caller) and the dev F1 of the float
/// weights.
pub fn model(train_set: &[&Example], dev: &[&Example], s: Settings) -> (NerFile, f64) {
    // First pass.
    let mut i1 = Interner::default();
    sequences(train_set, &mut i1, true);
    i1.finish(s.min_count);
    let seqs1 = sequences(train_set, &mut i1, false);
    let dev1 = sequences(dev, &mut i1, false);
    eprintln!("  ner pass 1: {} sentences, {} features", seqs1.len(), i1.len());
    let w1 = train(&seqs1, None, i1.len(), s.epochs, |e, p| {
        if !dev1.is_empty() && (e + 1 == s.epochs || e % 3 == 2) {
            let w = p.average();
            let paths: Vec<Vec<u8>> = dev1.iter().map(|q| w.decode(q)).collect();
            eprintln!("    pass 1 epoch {}: dev F1 {:.4}", e + 1, f1(&paths, &dev1));
        }
    });
    let first_paths: Vec<Vec<u8>> = dev1.iter().map(|q| w1.decode(q)).collect();
    let dev_f1_first = f1(&first_paths, &dev1);
    if !s.two_pass {
        let file1 = w1.to_file(&i1, s.min_weight, None);
        return (NerFile { first: file1, second: None, calibration: [1.0, 0.0] }, dev_f1_first);
    }

    // Jackknifed first-pass labels for the training documents.
    let r = ranges(train_set);
    let mut train_first: Vec<FirstPass> = vec![FirstPass::default(); train_set.len()];
    for fold in 0..s.folds {
        let held: Vec<usize> = (0..train_set.len()).filter(|&x| train_set[x].source % s.folds == fold).collect();
        let rest: Vec<usize> = (0..train_set.len())
            .filter(|&x| train_set[x].source % s.folds != fold)
            .flat_map(|x| r[x].clone())
            .collect();
        let w = train(&seqs1, Some(&rest), i1.len(), s.epochs, |_, _| {});
        let held_ex: Vec<&Example> = held.iter().map(|&x| train_set[x]).collect();
        let held_r: Vec<std::ops::Range<usize>> = held.iter().map(|&x| r[x].clone()).collect();
        for (&x, f) in held.iter().zip(first_pass(&w, &held_ex, &seqs1, &held_r)) {
            train_first[x] = f;
        }
        eprintln!("    fold {}/{} done", fold + 1, s.folds);
    }
    let dev_first = first_pass(&w1, dev, &dev1, &ranges(dev));

    // Second pass: the first pass's features and the history.
    let mut i2 = Interner::default();
    history_sequences(train_set, &train_first, &mut i2, true);
    i2.finish(s.min_count);
    let seqs2 = history_sequences(train_set, &train_first, &mut i2, false);
    let dev2 = history_sequences(dev, &dev_first, &mut i2, false);
    eprintln!("  ner pass 2: {} features", i2.len());
    let w2 = train(&seqs2, None, i2.len(), s.epochs, |e, p| {
        if !dev2.is_empty() && (e + 1 == s.epochs || e % 3 == 2) {
            let w = p.average();
            let paths: Vec<Vec<u8>> = dev2.iter().map(|q| w.decode(q)).collect();
            eprintln!("    pass 2 epoch {}: dev F1 {:.4}", e + 1, f1(&paths, &dev2));
        }
    });
    let paths: Vec<Vec<u8>> = dev2.iter().map(|q| w2.decode(q)).collect();
    let dev_f1 = f1(&paths, &dev2);
    if !dev.is_empty() {
        eprintln!("  ner dev F1: first pass {dev_f1_first:.4}, second pass {dev_f1:.4}");
    }
    let file1 = w1.to_file(&i1, s.min_weight, None);
    let file2 = w2.to_file(&i2, s.min_weight, None);
    (NerFile { first: file1, second: Some(file2), calibration: [1.0, 0.0] }, dev_f1)
}

/// Platt scaling: `(a, b)` with `sigmoid(a * margin + b)` the probability that a span is right, fitted by
/// damped Newton steps on the log-loss of `(margin, right)` pairs (margins rescaled to unit mean first).
pub fn calibrate(points: &[(f32, bool)]) -> [f32; 2] {
    if points.is_empty() {
        return [1.0, 0.0];
    }
    let unit = points.iter().map(|p| f64::from(p.0).abs()).sum::<f64>() / points.len() as f64;
    let unit = if unit > 0.0 { unit } else { 1.0 };
    let xs: Vec<(f64, f64)> = points.iter().map(|&(m, y)| (f64::from(m) / unit, if y { 1.0 } else { 0.0 })).collect();
    const RIDGE: f64 = 1e-3;
    let loss = |a: f64, b: f64| {
        xs.iter()
            .map(|&(m, y)| {
                let z = a * m + b;
                // log(1 + e^z) - y z, computed stably.
                z.max(0.0) + (-z.abs()).exp().ln_1p() - y * z
            })
            .sum::<f64>()
            + RIDGE * (a * a + b * b)
    };
    let (mut a, mut b) = (1.0f64, 0.0f64);
    let mut current = loss(a, b);
    for _ in 0..100 {
        let (mut ga, mut gb, mut haa, mut hab, mut hbb) =
            (2.0 * RIDGE * a, 2.0 * RIDGE * b, 2.0 * RIDGE, 0.0, 2.0 * RIDGE);
        for &(m, y) in &xs {
            let p = 1.0 / (1.0 + (-(a * m + b)).exp());
            let d = p - y;
            ga += d * m;
            gb += d;
            let w = p * (1.0 - p);
            haa += w * m * m;
            hab += w * m;
            hbb += w;
        }
        let det = haa * hbb - hab * hab;
        if det <= 0.0 {
            break;
        }
        let (da, db) = ((hbb * ga - hab * gb) / det, (haa * gb - hab * ga) / det);
        let mut step = 1.0;
        while step > 1e-6 && loss(a - step * da, b - step * db) > current {
            step /= 2.0;
        }
        let (na, nb) = (a - step * da, b - step * db);
        let next = loss(na, nb);
        if next > current {
            break;
        }
        let done = current - next < 1e-10;
        (a, b, current) = (na, nb, next);
        if done {
            break;
        }
    }
    [(a / unit) as f32, b as f32]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn calibration_follows_the_data() {
        // Spans with margin m are right with probability sigmoid(0.5 m - 1).
        let mut points = Vec::new();
        for m in 0..40 {
            let p = 1.0 / (1.0 + (-(0.5 * m as f64 - 1.0)).exp());
            for k in 0..100 {
                points.push((m as f32, (k as f64) < p * 100.0));
            }
        }
        let [a, b] = calibrate(&points);
        assert!((a - 0.5).abs() < 0.05 && (b + 1.0).abs() < 0.2, "{a} {b}");
    }
}
