//! The averaged structured perceptron (Collins 2002) over a linear chain: decode each training sequence with
//! the current weights, move the weights toward the gold path and away from the decoded one, and ship the average
//! of the weights over all steps.

use std::collections::HashMap;

use gleaner_core::tag::chain::{ChainFile, Transitions, viterbi};

/// A training or evaluation sequence: interned feature ids per token and gold labels.
#[derive(Debug, Clone, Default)]
pub struct Sequence {
    pub features: Vec<u32>,
    /// `features[offsets[t]..offsets[t + 1]]` are token `t`'s.
    pub offsets: Vec<u32>,
    pub gold: Vec<u8>,
}

impl Sequence {
    pub fn len(&self) -> usize {
        self.gold.len()
    }

    fn token(&self, t: usize) -> &[u32] {
        &self.features[self.offsets[t] as usize..self.offsets[t + 1] as usize]
    }
}

/// Feature keys seen in training, numbered; keys seen fewer than `min_count` times are left out.
#[derive(Debug, Default)]
pub struct Interner {
    counts: HashMap<u64, u32>,
    ids: HashMap<u64, u32>,
    keys: Vec<u64>,
}

impl Interner {
    /// Counts the keys of one token.
    pub fn count(&mut self, keys: &[u64]) {
        for &k in keys {
            *self.counts.entry(k).or_default() += 1;
        }
    }

    /// Numbers the keys counted at least `min_count` times (in key order, so deterministic).
    pub fn finish(&mut self, min_count: u32) {
        let mut keys: Vec<u64> =
            std::mem::take(&mut self.counts).into_iter().filter(|&(_, c)| c >= min_count).map(|(k, _)| k).collect();
        keys.sort_unstable();
        self.ids = keys.iter().enumerate().map(|(i, &k)| (k, i as u32)).collect();
        self.keys = keys;
    }

    pub fn len(&self) -> usize {
        self.keys.len()
    }

    /// One token's keys: counted (the first pass over the data, `count`), else appended to `seq`.
    pub fn take(&mut self, seq: &mut Sequence, keys: &[u64], count: bool) {
        if count { self.count(keys) } else { self.push_token(seq, keys) }
    }

    /// Appends one token's known feature ids to a sequence.
    pub fn push_token(&self, seq: &mut Sequence, keys: &[u64]) {
        if seq.offsets.is_empty() {
            seq.offsets.push(0);
        }
        seq.features.extend(keys.iter().filter_map(|k| self.ids.get(k)));
        seq.offsets.push(seq.features.len() as u32);
    }
}

/// Perceptron weights: current, and the running sums that give their average.
#[derive(Debug)]
pub struct Perceptron {
    pub labels: Vec<String>,
    n: usize,
    weights: Vec<f32>,
    sums: Vec<f32>,
    trans: Transitions<f32>,
    trans_sums: Transitions<f32>,
    /// `Transitions::constrain`'s forbidden moves, added at decoding.
    mask: Transitions<f32>,
    steps: f32,
}

/// Averaged weights, ready to decode or to store.
#[derive(Debug, Clone)]
pub struct Weights {
    pub labels: Vec<String>,
    n: usize,
    pub emissions: Vec<f32>,
    pub transitions: Transitions<f32>,
    mask: Transitions<f32>,
}

impl Perceptron {
    pub fn new(labels: Vec<String>, features: usize) -> Perceptron {
        let n = labels.len();
        let mut mask = Transitions::zero(n);
        mask.constrain(&labels);
        Perceptron {
            labels,
            n,
            weights: vec![0.0; features * n],
            sums: vec![0.0; features * n],
            trans: Transitions::zero(n),
            trans_sums: Transitions::zero(n),
            mask,
            steps: 1.0,
        }
    }

    /// One pass over `data` in the given order; returns the number of sequences decoded wrongly.
    pub fn epoch(&mut self, data: &[Sequence], order: &[usize]) -> usize {
        let mut errors = 0;
        let mut emissions = Vec::new();
        for &i in order {
            let seq = &data[i];
            if seq.len() == 0 {
                continue;
            }
            emissions_into(&self.weights, self.n, seq, &mut emissions);
            let trans = add(&self.trans, &self.mask);
            let path = viterbi(&trans, &emissions);
            if path != seq.gold {
                errors += 1;
                self.update(seq, &path);
            }
            self.steps += 1.0;
        }
        errors
    }

    fn update(&mut self, seq: &Sequence, path: &[u8]) {
        let (n, c) = (self.n, self.steps);
        for t in 0..seq.len() {
            let (g, p) = (seq.gold[t] as usize, path[t] as usize);
            if g != p {
                for &f in seq.token(t) {
                    let base = f as usize * n;
                    self.weights[base + g] += 1.0;
                    self.sums[base + g] += c;
                    self.weights[base + p] -= 1.0;
                    self.sums[base + p] -= c;
                }
            }
            let (gp, pp) =
                if t == 0 { (None, None) } else { (Some(seq.gold[t - 1] as usize), Some(path[t - 1] as usize)) };
            if (gp, g) != (pp, p) {
                bump(&mut self.trans, &mut self.trans_sums, gp, g, 1.0, c);
                bump(&mut self.trans, &mut self.trans_sums, pp, p, -1.0, c);
            }
        }
        let (gl, pl) = (seq.gold[seq.len() - 1] as usize, path[seq.len() - 1] as usize);
        if gl != pl {
            self.trans.end[gl] += 1.0;
            self.trans_sums.end[gl] += c;
            self.trans.end[pl] -= 1.0;
            self.trans_sums.end[pl] -= c;
        }
    }

    /// The averaged weights.
    pub fn average(&self) -> Weights {
        let c = self.steps;
        let avg = |w: &[f32], s: &[f32]| w.iter().zip(s).map(|(w, s)| w - s / c).collect::<Vec<f32>>();
        Weights {
            labels: self.labels.clone(),
            n: self.n,
            emissions: avg(&self.weights, &self.sums),
            transitions: Transitions {
                n: self.n,
                start: avg(&self.trans.start, &self.trans_sums.start),
                end: avg(&self.trans.end, &self.trans_sums.end),
                pairs: avg(&self.trans.pairs, &self.trans_sums.pairs),
            },
            mask: self.mask.clone(),
        }
    }
}

fn bump(t: &mut Transitions<f32>, sums: &mut Transitions<f32>, from: Option<usize>, to: usize, d: f32, c: f32) {
    match from {
        None => {
            t.start[to] += d;
            sums.start[to] += d * c;
        }
        Some(f) => {
            t.pairs[f * t.n + to] += d;
            sums.pairs[f * t.n + to] += d * c;
        }
    }
}

fn add(a: &Transitions<f32>, b: &Transitions<f32>) -> Transitions<f32> {
    let sum = |x: &[f32], y: &[f32]| x.iter().zip(y).map(|(x, y)| x + y).collect();
    Transitions { n: a.n, start: sum(&a.start, &b.start), end: sum(&a.end, &b.end), pairs: sum(&a.pairs, &b.pairs) }
}

fn emissions_into(weights: &[f32], n: usize, seq: &Sequence, out: &mut Vec<f32>) {
    out.clear();
    out.resize(seq.len() * n, 0.0);
    for t in 0..seq.len() {
        let row = &mut out[t * n..(t + 1) * n];
        for &f in seq.token(t) {
            let w = &weights[f as usize * n..(f as usize + 1) * n];
            for (r, w) in row.iter_mut().zip(w) {
                *r += w;
            }
        }
    }
}

impl Weights {
    /// The best path of a sequence.
    pub fn decode(&self, seq: &Sequence) -> Vec<u8> {
        let mut emissions = Vec::new();
        emissions_into(&self.emissions, self.n, seq, &mut emissions);
        viterbi(&add(&self.transitions, &self.mask), &emissions)
    }

    /// The stored, quantized model; `keys` are the interned feature keys.
    pub fn to_file(&self, interner: &Interner, min_weight: f32, scale: Option<f32>) -> ChainFile {
        let n = self.n;
        let rows = interner.keys.iter().enumerate().map(|(f, &key)| {
            let row = self.emissions[f * n..(f + 1) * n]
                .iter()
                .enumerate()
                .filter(|(_, w)| **w != 0.0)
                .map(|(l, &w)| (l as u8, w))
                .collect();
            (key, row)
        });
        ChainFile::quantize(self.labels.clone(), &self.transitions, rows, min_weight, scale)
    }
}

/// A deterministic shuffle (xorshift) of `0..n`, different for each `round`.
pub fn shuffled(n: usize, round: u64) -> Vec<usize> {
    let mut order: Vec<usize> = (0..n).collect();
    let mut state = 0x2545_F491_4F6C_DD1D ^ round.wrapping_mul(0x9E37_79B9_7F4A_7C15);
    for i in (1..n).rev() {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        order.swap(i, (state % (i as u64 + 1)) as usize);
    }
    order
}
