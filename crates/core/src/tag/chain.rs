//! Linear-chain models: sparse feature weights, label-to-label transitions, Viterbi decoding, and the margins
//! that turn a decoded path into confidences.
//!
//! Training (in `xtask`) decodes `f32` weights with the generic `viterbi`; the shipped models are quantized to
//! `i16` weights and decoded by `Chain` in exact integer arithmetic.

#![allow(clippy::needless_range_loop)] // label-index arithmetic reads better as indices

use serde::{Deserialize, Serialize};

use super::weights::FeatureTable;

/// A score Viterbi can add and compare: `i64` for shipped models, `f32` while training.
pub trait Score: Copy + PartialOrd + std::ops::Add<Output = Self> + std::ops::Sub<Output = Self> {
    /// Zero.
    const ZERO: Self;
    /// The score of a forbidden transition: low enough to lose to any allowed path, high enough not to overflow
    /// when two are added.
    const FORBIDDEN: Self;
}

impl Score for f32 {
    const ZERO: Self = 0.0;
    const FORBIDDEN: Self = -1e30;
}

/// Scores of label sequences apart from the features: which label may start, follow another, and end.
#[derive(Debug, Clone, PartialEq)]
pub struct Transitions<S> {
    /// Number of labels.
    pub n: usize,
    /// Score of starting with each label.
    pub start: Vec<S>,
    /// Score of ending with each label.
    pub end: Vec<S>,
    /// Score of label `to` after label `from`, at `from * n + to`.
    pub pairs: Vec<S>,
}

impl<S: Score> Transitions<S> {
    /// All-zero transitions for `n` labels.
    pub fn zero(n: usize) -> Self {
        Transitions { n, start: vec![S::ZERO; n], end: vec![S::ZERO; n], pairs: vec![S::ZERO; n * n] }
    }

    /// Forbids what the labels' naming scheme (BIO or BILOU) rules out, e.g. `I-PER` after `O`.
    pub fn constrain(&mut self, labels: &[String]) {
        let rules = Scheme::of(labels);
        for (to, label) in labels.iter().enumerate() {
            if !rules.may_start(label) {
                self.start[to] = S::FORBIDDEN;
            }
            if !rules.may_end(label) {
                self.end[to] = S::FORBIDDEN;
            }
            for (from, previous) in labels.iter().enumerate() {
                if !rules.may_follow(previous, label) {
                    self.pairs[from * self.n + to] = S::FORBIDDEN;
                }
            }
        }
    }
}

/// The tagging scheme a label set follows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Scheme {
    /// No constraint (part of speech).
    Free,
    /// `B-X` begins, `I-X` continues, `O` is outside.
    Bio,
    /// `B-X` begins, `I-X` continues, `L-X` ends, `U-X` is a single-token unit, `O` is outside.
    Bilou,
}

fn split(label: &str) -> (&str, &str) {
    label.split_once('-').unwrap_or((label, ""))
}

impl Scheme {
    fn of(labels: &[String]) -> Scheme {
        let prefixed = |p: &[&str]| {
            labels.iter().all(|l| l == "O" || p.iter().any(|p| l.strip_prefix(p).is_some_and(|r| r.starts_with('-'))))
        };
        if labels.iter().any(|l| l.starts_with("L-") || l.starts_with("U-")) && prefixed(&["B", "I", "L", "U"]) {
            Scheme::Bilou
        } else if labels.iter().any(|l| l.starts_with("B-")) && prefixed(&["B", "I"]) {
            Scheme::Bio
        } else {
            Scheme::Free
        }
    }

    fn may_start(self, label: &str) -> bool {
        match self {
            Scheme::Free => true,
            Scheme::Bio => !label.starts_with("I-"),
            Scheme::Bilou => !(label.starts_with("I-") || label.starts_with("L-")),
        }
    }

    fn may_end(self, label: &str) -> bool {
        match self {
            Scheme::Free | Scheme::Bio => true,
            Scheme::Bilou => !(label.starts_with("B-") || label.starts_with("I-")),
        }
    }

    fn may_follow(self, previous: &str, label: &str) -> bool {
        let ((pp, pt), (lp, lt)) = (split(previous), split(label));
        match self {
            Scheme::Free => true,
            Scheme::Bio => lp != "I" || (matches!(pp, "B" | "I") && pt == lt),
            Scheme::Bilou => {
                let open = matches!(pp, "B" | "I");
                let continues = matches!(lp, "I" | "L");
                if open { continues && pt == lt } else { !continues }
            }
        }
    }
}

/// The best label path for `emissions` (`tokens × n`, row-major).
pub fn viterbi<S: Score>(t: &Transitions<S>, emissions: &[S]) -> Vec<u8> {
    let n = t.n;
    let len = emissions.len().checked_div(n).unwrap_or(0);
    if len == 0 {
        return Vec::new();
    }
    let mut back = vec![0u8; len * n];
    let mut delta: Vec<S> = (0..n).map(|y| t.start[y] + emissions[y]).collect();
    let mut next = vec![S::ZERO; n];
    for i in 1..len {
        let row = &emissions[i * n..(i + 1) * n];
        for y in 0..n {
            let mut best = delta[0] + t.pairs[y];
            let mut arg = 0;
            for (x, &d) in delta.iter().enumerate().skip(1) {
                let s = d + t.pairs[x * n + y];
                if s > best {
                    best = s;
                    arg = x;
                }
            }
            next[y] = best + row[y];
            back[i * n + y] = arg as u8;
        }
        std::mem::swap(&mut delta, &mut next);
    }
    let mut last = 0;
    let mut best = delta[0] + t.end[0];
    for y in 1..n {
        let s = delta[y] + t.end[y];
        if s > best {
            best = s;
            last = y;
        }
    }
    let mut path = vec![0u8; len];
    let mut y = last;
    for i in (0..len).rev() {
        path[i] = y as u8;
        if i > 0 {
            y = back[i * n + y] as usize;
        }
    }
    path
}

/// For each token, how much better the best path is than the best path with another label at that token
/// (max-marginals from a forward and a backward pass). Zero means a tie: the label is a coin toss.
pub fn margins<S: Score>(t: &Transitions<S>, emissions: &[S], path: &[u8]) -> Vec<S> {
    let n = t.n;
    let len = path.len();
    if n == 0 || len == 0 || emissions.len() < len * n {
        return Vec::new();
    }
    // alpha: best prefix ending in y at i, including emission i. beta: best suffix after y at i.
    let mut alpha = vec![S::ZERO; len * n];
    let mut beta = vec![S::ZERO; len * n];
    for y in 0..n {
        alpha[y] = t.start[y] + emissions[y];
        beta[(len - 1) * n + y] = t.end[y];
    }
    for i in 1..len {
        for y in 0..n {
            let mut best = alpha[(i - 1) * n] + t.pairs[y];
            for x in 1..n {
                let s = alpha[(i - 1) * n + x] + t.pairs[x * n + y];
                if s > best {
                    best = s;
                }
            }
            alpha[i * n + y] = best + emissions[i * n + y];
        }
    }
    for i in (0..len - 1).rev() {
        for x in 0..n {
            let mut best = t.pairs[x * n] + emissions[(i + 1) * n] + beta[(i + 1) * n];
            for y in 1..n {
                let s = t.pairs[x * n + y] + emissions[(i + 1) * n + y] + beta[(i + 1) * n + y];
                if s > best {
                    best = s;
                }
            }
            beta[i * n + x] = best;
        }
    }
    (0..len)
        .map(|i| {
            let chosen = path[i] as usize;
            let best = alpha[i * n + chosen] + beta[i * n + chosen];
            let mut rival: Option<S> = None;
            for y in (0..n).filter(|&y| y != chosen) {
                let s = alpha[i * n + y] + beta[i * n + y];
                if rival.is_none_or(|r| s > r) {
                    rival = Some(s);
                }
            }
            match rival {
                Some(r) if best > r => best - r,
                _ => S::ZERO,
            }
        })
        .collect()
}

/// The stored form of a linear-chain model (postcard-encoded in `resources/`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ChainFile {
    /// Label names, in label-index order.
    pub labels: Vec<String>,
    /// Quantized units per unit of trained weight.
    pub scale: f32,
    /// Start score per label.
    pub start: Vec<i32>,
    /// End score per label.
    pub end: Vec<i32>,
    /// Transition scores, `from * n + to`.
    pub pairs: Vec<i32>,
    /// Feature keys (see `hash::key1` …), sorted.
    pub keys: Vec<u64>,
    /// Number of weights of each key, in key order.
    pub row_lens: Vec<u8>,
    /// Label of each weight, rows one after another.
    pub entry_labels: Vec<u8>,
    /// Each weight, quantized.
    pub entry_weights: Vec<i16>,
}

impl ChainFile {
    /// Quantizes trained weights to `i16`, dropping weights whose magnitude is below `min_weight`. `scale` (quantized
    /// units per trained unit) defaults to mapping the largest weight to `i16::MAX`; models whose scores are added
    /// together must share one.
    pub fn quantize(
        labels: Vec<String>,
        transitions: &Transitions<f32>,
        features: impl IntoIterator<Item = (u64, Vec<(u8, f32)>)>,
        min_weight: f32,
        scale: Option<f32>,
    ) -> ChainFile {
        let mut features: Vec<(u64, Vec<(u8, f32)>)> = features
            .into_iter()
            .map(|(k, row)| (k, row.into_iter().filter(|(_, w)| w.abs() >= min_weight && w.abs() > 0.0).collect()))
            .filter(|(_, row): &(u64, Vec<(u8, f32)>)| !row.is_empty())
            .collect();
        features.sort_by_key(|(k, _)| *k);
        let max = features.iter().flat_map(|(_, row)| row.iter().map(|(_, w)| w.abs())).fold(1e-9f32, f32::max);
        let scale = scale.unwrap_or(f32::from(i16::MAX) / max);
        let q = |w: f32| (w * scale).round() as i32;
        let mut file = ChainFile {
            labels,
            scale,
            start: transitions.start.iter().map(|&w| q(w)).collect(),
            end: transitions.end.iter().map(|&w| q(w)).collect(),
            pairs: transitions.pairs.iter().map(|&w| q(w)).collect(),
            ..ChainFile::default()
        };
        for (key, mut row) in features {
            row.sort_by_key(|(label, _)| *label);
            let row: Vec<(u8, i16)> =
                row.into_iter().map(|(l, w)| (l, q(w).clamp(-32767, 32767) as i16)).filter(|(_, w)| *w != 0).collect();
            if row.is_empty() {
                continue;
            }
            file.keys.push(key);
            file.row_lens.push(row.len() as u8);
            for (label, weight) in row {
                file.entry_labels.push(label);
                file.entry_weights.push(weight);
            }
        }
        file
    }

    /// Drops weights smaller than `min_weight` (in trained units), and features left without weights.
    pub fn prune(&mut self, min_weight: f32) {
        let min = (min_weight * self.scale).round() as i32;
        let (mut keys, mut lens, mut labels, mut weights) = (Vec::new(), Vec::new(), Vec::new(), Vec::new());
        let mut at = 0;
        for (&key, &len) in self.keys.iter().zip(&self.row_lens) {
            let row = at..at + len as usize;
            at = row.end;
            let before = weights.len();
            for (&l, &w) in self.entry_labels[row.clone()].iter().zip(&self.entry_weights[row]) {
                if i32::from(w).abs() >= min {
                    labels.push(l);
                    weights.push(w);
                }
            }
            if weights.len() > before {
                keys.push(key);
                lens.push((weights.len() - before) as u8);
            }
        }
        (self.keys, self.row_lens, self.entry_labels, self.entry_weights) = (keys, lens, labels, weights);
    }

    /// Number of features.
    pub fn features(&self) -> usize {
        self.keys.len()
    }

    /// Number of stored weights.
    pub fn weights(&self) -> usize {
        self.entry_weights.len()
    }
}

/// A forbidden transition in integer decoding: far below any path, far from overflow (scores are renormalized
/// to a maximum of 0 at every token, and a token's scores stay within ±2^24).
const FORBIDDEN: i32 = -(1 << 28);

/// A linear-chain model ready to decode, in integer arithmetic.
#[derive(Debug)]
pub struct Chain {
    labels: Vec<String>,
    n: usize,
    start: Vec<i32>,
    end: Vec<i32>,
    /// Transition scores `from * n + to`, and the same transposed (`to * n + from`) for the forward pass.
    pairs: Vec<i32>,
    pairs_to: Vec<i32>,
    /// For each label, the labels it may follow (`from_lists[from_at[to]..from_at[to + 1]]`), and the labels that
    /// may follow it: decoding skips forbidden moves (two thirds of them under BILOU).
    from_at: Vec<usize>,
    from_lists: Vec<u8>,
    to_at: Vec<usize>,
    to_lists: Vec<u8>,
    table: FeatureTable,
    scale: f32,
}

/// Adjacency lists of allowed transitions: for each `a`, the `b` with `allowed(a, b)`.
fn lists(n: usize, allowed: impl Fn(usize, usize) -> bool) -> (Vec<usize>, Vec<u8>) {
    let mut at = vec![0];
    let mut list = Vec::new();
    for a in 0..n {
        list.extend((0..n).filter(|&b| allowed(a, b)).map(|b| b as u8));
        at.push(list.len());
    }
    (at, list)
}

impl ChainFile {
    /// Checks that the tables fit together.
    pub fn validate(&self) -> Result<(), String> {
        let n = self.labels.len();
        if n == 0 || n > 255 {
            return Err(format!("{n} labels (1 to 255 expected)"));
        }
        if self.start.len() != n || self.end.len() != n || self.pairs.len() != n * n {
            return Err("transition tables do not match the labels".into());
        }
        if self.keys.len() != self.row_lens.len()
            || self.entry_labels.len() != self.entry_weights.len()
            || self.row_lens.iter().map(|&l| l as usize).sum::<usize>() != self.entry_labels.len()
        {
            return Err("feature rows do not match their weights".into());
        }
        if self.entry_labels.iter().any(|&l| l as usize >= n) {
            return Err("a weight names a label that does not exist".into());
        }
        if self.keys.windows(2).any(|w| w[0] >= w[1]) {
            return Err("feature keys are not sorted".into());
        }
        Ok(())
    }

    /// The rows of a validated file: `(key, labels, weights)` in key order.
    pub(crate) fn rows(&self) -> impl Iterator<Item = (u64, &[u8], &[i16])> + '_ {
        let mut at = 0;
        self.keys.iter().zip(&self.row_lens).map(move |(&key, &len)| {
            let row = at..at + len as usize;
            at = row.end;
            (key, &self.entry_labels[row.clone()], &self.entry_weights[row])
        })
    }
}

impl Chain {
    /// Checks and indexes a stored model.
    pub fn from_file(file: ChainFile) -> Result<Chain, String> {
        file.validate()?;
        let table = FeatureTable::from_files(&[&file]);
        Ok(Chain { table, ..Chain::decoder(file)? })
    }

    /// The decoder of a stored model without its feature table (for models whose weights live in a table
    /// shared with another, see `FeatureTable::from_files`).
    pub fn decoder(file: ChainFile) -> Result<Chain, String> {
        file.validate()?;
        let n = file.labels.len();
        if n == 0 || n > 255 {
            return Err(format!("{n} labels (1 to 255 expected)"));
        }
        if file.start.len() != n || file.end.len() != n || file.pairs.len() != n * n {
            return Err("transition tables do not match the labels".into());
        }
        if file.keys.len() != file.row_lens.len()
            || file.entry_labels.len() != file.entry_weights.len()
            || file.row_lens.iter().map(|&l| l as usize).sum::<usize>() != file.entry_labels.len()
        {
            return Err("feature rows do not match their weights".into());
        }
        if file.entry_labels.iter().any(|&l| l as usize >= n) {
            return Err("a weight names a label that does not exist".into());
        }
        let bound = |v: &[i32]| v.iter().map(|&x| x.clamp(-(1 << 24), 1 << 24)).collect::<Vec<_>>();
        let mut t = Transitions { n, start: bound(&file.start), end: bound(&file.end), pairs: bound(&file.pairs) };
        let mut allowed = Transitions::<f32>::zero(n);
        allowed.constrain(&file.labels);
        let forbid = |v: &mut [i32], a: &[f32]| {
            for (x, a) in v.iter_mut().zip(a) {
                if *a < 0.0 {
                    *x = FORBIDDEN;
                }
            }
        };
        forbid(&mut t.start, &allowed.start);
        forbid(&mut t.end, &allowed.end);
        forbid(&mut t.pairs, &allowed.pairs);
        let pairs_to = (0..n * n).map(|k| t.pairs[(k % n) * n + k / n]).collect();
        let (from_at, from_lists) = lists(n, |to, from| t.pairs[from * n + to] > FORBIDDEN);
        let (to_at, to_lists) = lists(n, |from, to| t.pairs[from * n + to] > FORBIDDEN);
        Ok(Chain {
            labels: file.labels,
            n,
            start: t.start,
            end: t.end,
            pairs: t.pairs,
            pairs_to,
            from_at,
            from_lists,
            to_at,
            to_lists,
            table: FeatureTable::default(),
            scale: file.scale,
        })
    }

    /// Decodes a postcard-encoded `ChainFile`.
    pub fn from_bytes(bytes: &[u8]) -> Result<Chain, String> {
        let file: ChainFile = postcard::from_bytes(bytes).map_err(|e| e.to_string())?;
        Chain::from_file(file)
    }

    /// The label names.
    pub fn labels(&self) -> &[String] {
        &self.labels
    }

    /// Number of labels.
    pub fn n(&self) -> usize {
        self.n
    }

    /// Quantized units per unit of trained weight (to read margins as trained scores).
    pub fn scale(&self) -> f32 {
        self.scale
    }

    /// The feature weights (empty for a `decoder`).
    pub(crate) fn table(&self) -> &FeatureTable {
        &self.table
    }

    /// Adds the weights of `features` for each label to `out` (length `n`).
    #[inline]
    pub fn add_emissions(&self, features: &[u64], out: &mut [i32]) {
        self.table.add(features, out);
    }

    /// `max over from` of `prev[from] + pairs_to[to][from]`, and the first `from` reaching it (forbidden moves
    /// skipped; `FORBIDDEN`-low when every move is).
    #[inline]
    fn best_from(&self, prev: &[i32], to: usize) -> (i32, usize) {
        let t = &self.pairs_to[to * self.n..(to + 1) * self.n];
        let allowed = &self.from_lists[self.from_at[to]..self.from_at[to + 1]];
        if allowed.len() == self.n {
            let best = prev.iter().zip(t).map(|(p, t)| p + t).fold(i32::MIN, i32::max);
            let arg = prev.iter().zip(t).position(|(p, t)| p + t == best).unwrap_or(0);
            return (best, arg);
        }
        let (mut best, mut arg) = (2 * FORBIDDEN, 0);
        for &from in allowed {
            let v = prev[from as usize] + t[from as usize];
            if v > best {
                best = v;
                arg = from as usize;
            }
        }
        (best, arg)
    }

    /// The best label path for the emissions of one sentence (`tokens × n`, each within ±2^24).
    ///
    /// Large unconstrained label sets (parts of speech) are decoded with a beam: each token considers only the
    /// `BEAM` best labels of the token before, which on tagging data finds the same path at a fraction of the cost.
    pub fn decode(&self, emissions: &[i32]) -> Vec<u8> {
        const BEAM: usize = 8;
        let n = self.n;
        let len = emissions.len() / n;
        if len == 0 {
            return Vec::new();
        }
        let beam = n > 3 * BEAM && self.from_lists.len() == n * n;
        let mut back = vec![0u8; len * n];
        let mut delta: Vec<i32> = self.start.iter().zip(emissions).map(|(s, e)| s + e).collect();
        renormalize(&mut delta);
        let mut next = vec![0i32; n];
        let mut top: Vec<usize> = Vec::with_capacity(n);
        for i in 1..len {
            let row = &emissions[i * n..(i + 1) * n];
            if beam {
                top.clear();
                top.extend(0..n);
                top.select_nth_unstable_by(BEAM - 1, |&a, &b| delta[b].cmp(&delta[a]));
                top.truncate(BEAM);
                for y in 0..n {
                    let t = &self.pairs_to[y * n..(y + 1) * n];
                    let (mut best, mut arg) = (i32::MIN, top[0]);
                    for &x in &top {
                        let v = delta[x] + t[x];
                        if v > best {
                            best = v;
                            arg = x;
                        }
                    }
                    next[y] = best + row[y];
                    back[i * n + y] = arg as u8;
                }
                renormalize(&mut next);
                std::mem::swap(&mut delta, &mut next);
                continue;
            }
            for y in 0..n {
                let (best, arg) = self.best_from(&delta, y);
                next[y] = best + row[y];
                back[i * n + y] = arg as u8;
            }
            renormalize(&mut next);
            std::mem::swap(&mut delta, &mut next);
        }
        let mut y = 0;
        let mut best = i32::MIN;
        for (k, (d, e)) in delta.iter().zip(&self.end).enumerate() {
            if d + e > best {
                best = d + e;
                y = k;
            }
        }
        let mut path = vec![0u8; len];
        for i in (0..len).rev() {
            path[i] = y as u8;
            if i > 0 {
                y = back[i * n + y] as usize;
            }
        }
        path
    }

    /// For each token, how much better the best path scores than the best path with another label at that
    /// token (max-marginals from a forward and a backward pass); 0 is a tie.
    pub fn margins(&self, emissions: &[i32], path: &[u8]) -> Vec<i32> {
        let n = self.n;
        let len = path.len();
        if len == 0 || emissions.len() < len * n {
            return Vec::new();
        }
        let mut alpha = vec![0i32; len * n];
        let mut beta = vec![0i32; len * n];
        for y in 0..n {
            alpha[y] = self.start[y] + emissions[y];
        }
        renormalize(&mut alpha[..n]);
        for i in 1..len {
            let (done, rest) = alpha.split_at_mut(i * n);
            let prev = &done[(i - 1) * n..];
            for y in 0..n {
                rest[y] = self.best_from(prev, y).0 + emissions[i * n + y];
            }
            renormalize(&mut rest[..n]);
        }
        beta[(len - 1) * n..].copy_from_slice(&self.end);
        renormalize(&mut beta[(len - 1) * n..]);
        let mut ahead = vec![0i32; n];
        for i in (0..len - 1).rev() {
            for y in 0..n {
                ahead[y] = emissions[(i + 1) * n + y] + beta[(i + 1) * n + y];
            }
            for x in 0..n {
                let t = &self.pairs[x * n..(x + 1) * n];
                let allowed = &self.to_lists[self.to_at[x]..self.to_at[x + 1]];
                beta[i * n + x] = if allowed.len() == n {
                    t.iter().zip(&ahead).map(|(t, a)| t + a).fold(i32::MIN, i32::max)
                } else {
                    allowed.iter().map(|&y| t[y as usize] + ahead[y as usize]).fold(2 * FORBIDDEN, i32::max)
                };
            }
            renormalize(&mut beta[i * n..(i + 1) * n]);
        }
        (0..len)
            .map(|i| {
                let chosen = path[i] as usize;
                let score = |y: usize| alpha[i * n + y] + beta[i * n + y];
                let rival = (0..n).filter(|&y| y != chosen).map(score).max().unwrap_or(i32::MIN);
                (score(chosen) - rival).max(0)
            })
            .collect()
    }
}

/// Shifts scores so the largest is 0 (keeps integer decoding far from overflow on any length).
#[inline]
fn renormalize(v: &mut [i32]) {
    let max = v.iter().copied().fold(i32::MIN, i32::max);
    for x in v {
        *x = (*x - max).max(2 * FORBIDDEN);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn labels(names: &[&str]) -> Vec<String> {
        names.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn bilou_constraints_rule_out_broken_spans() {
        let names = labels(&["O", "B-PER", "I-PER", "L-PER", "U-PER"]);
        let mut t = Transitions::<f32>::zero(5);
        t.constrain(&names);
        // Emissions favour I-PER everywhere, which no valid path can be.
        let emissions: Vec<f32> = (0..3).flat_map(|_| [0.0, 1.0, 5.0, 1.0, 1.0]).collect();
        let path = viterbi(&t, &emissions);
        assert_eq!(path, vec![1, 2, 3]);
        let m = margins(&t, &emissions, &path);
        assert_eq!(m.len(), 3);
        assert!(m.iter().all(|&x| x > 0.0));
    }

    #[test]
    fn quantized_model_decodes_like_float() {
        let names = labels(&["O", "B-X", "I-X"]);
        let mut t = Transitions::<f32>::zero(3);
        t.pairs[0] = 0.5;
        let file = ChainFile::quantize(
            names,
            &t,
            vec![(11, vec![(1, 2.0)]), (12, vec![(2, 3.0), (0, 0.001)]), (13, vec![(0, 1.0)])],
            0.01,
            None,
        );
        assert_eq!(file.weights(), 3);
        let bytes = postcard::to_allocvec(&file).unwrap_or_default();
        let chain = Chain::from_bytes(&bytes).unwrap_or_else(|e| panic!("{e}"));
        let mut em = vec![0i32; 9];
        chain.add_emissions(&[11], &mut em[0..3]);
        chain.add_emissions(&[12, 99], &mut em[3..6]);
        chain.add_emissions(&[13], &mut em[6..9]);
        assert_eq!(chain.decode(&em), vec![1, 2, 0]);
        assert!(Chain::from_bytes(&bytes[..bytes.len() / 2]).is_err());
        assert!(viterbi(&Transitions::<f32>::zero(3), &[]).is_empty());
    }
}
