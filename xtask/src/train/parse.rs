//! The dependency parser: an averaged perceptron over the arc-hybrid moves, trained greedily with a dynamic oracle
//! and exploration (Goldberg and Nivre 2012, 2013) on UD English EWT, reading the parts of speech our tagger gives
//! (on the train split, from taggers that did not learn the document: as wrong as they will be on new text).

use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::{Context, Result};
use gleaner_core::parse::features::{self, Word};
use gleaner_core::parse::system::{Move, NONE, State};
use gleaner_core::parse::{Dep, ParseFile, Parser};
use gleaner_core::tag::chain::{ChainFile, Transitions};
use gleaner_core::tag::hash::HashKeyed;
use gleaner_core::tag::lexicon::Lexicon;
use gleaner_core::tag::{Pos, Tagger};

use super::perceptron::shuffled;
use crate::conllu;
use crate::eval::parse::{Tagged, score, tagged};

/// What to train on and how.
#[derive(Debug, Clone)]
pub struct Settings {
    /// The treebank directory (train and dev splits).
    pub data: PathBuf,
    pub epochs: usize,
    /// From this epoch on (counting from 0), a wrong move is followed with probability `explore`.
    pub explore_from: usize,
    pub explore: f64,
    /// Weights smaller than this (in trained units) are left out of the stored model.
    pub min_weight: f32,
    /// Learn from the treebank's parts of speech instead of the tagger's.
    pub gold_tags: bool,
    /// Learn from train only (the dev set scores the model); otherwise train + dev with the same settings.
    pub train_only: bool,
}

/// Trains the parser and writes `out/parse.bin`; `train_tags`: the parts of speech of the train split's words by
/// document, instead of `tagger`'s.
pub fn train(tagger: &Tagger, settings: &Settings, train_tags: Option<&[Vec<Pos>]>, out: &Path) -> Result<()> {
    let started = Instant::now();
    let read = |split: &str| -> Result<Vec<conllu::Doc>> { conllu::read(&conllu::split_file(&settings.data, split)?) };
    let (train_docs, dev_docs) = (read("train")?, read("dev")?);
    let mut train_set = tagged(tagger, &train_docs, settings.gold_tags)?;
    if let Some(tags) = train_tags {
        let mut sentences = train_set.iter_mut();
        for (doc, tags) in train_docs.iter().zip(tags) {
            let mut rest = tags.as_slice();
            for _ in &doc.sentences {
                let s = sentences.next().context("fewer sentences than documents say")?;
                let (own, after) = rest.split_at_checked(s.pos.len()).context("the tags do not fit the split")?;
                s.pos = own.to_vec();
                rest = after;
            }
        }
    }
    let dev_set = tagged(tagger, &dev_docs, false)?;
    if !settings.train_only {
        train_set.extend(tagged(tagger, &dev_docs, settings.gold_tags)?);
    }
    let relations = relations(&train_set);
    let examples: Vec<Example> = train_set.iter().map(|t| Example::new(t, &relations)).collect();
    let lifted: usize = examples.iter().map(|e| e.lifted).sum();
    eprintln!(
        "parse: {} sentences, {} words, {} relations; {lifted} non-projective arcs lifted; tagged in {:.0}s",
        examples.len(),
        examples.iter().map(|e| e.forms.len()).sum::<usize>(),
        relations.len(),
        started.elapsed().as_secs_f64()
    );
    let lexicon = tagger.lexicon();
    let mut model = Sparse::new();
    let mut trainer = Trainer::new(&relations);
    let mut best = None;
    for epoch in 0..settings.epochs {
        let t = Instant::now();
        let explore = if epoch >= settings.explore_from { settings.explore } else { 0.0 };
        let (wrong, moves) = trainer.epoch(&mut model, &examples, lexicon, epoch, explore);
        let file = model.to_file(&relations, settings, train_docs.len(), epoch + 1);
        let parser = Parser::from_file(file.clone())?;
        let dev = score(&parser, lexicon, &dev_set);
        eprintln!(
            "    parse epoch {}: {:.2}% moves wrong; dev UAS {:.4} LAS {:.4} (full {:.4}); {} features; {:.0}s",
            epoch + 1,
            100.0 * wrong as f64 / moves.max(1) as f64,
            dev.uas(),
            dev.las(),
            dev.las_full(),
            file.weights.features(),
            t.elapsed().as_secs_f64()
        );
        best = Some(file);
    }
    let file = best.context("no epoch")?;
    let path = out.join("parse.bin");
    super::write(&path, &file)?;
    let size = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
    eprintln!(
        "{}: {:.1} MB; parser trained in {:.0}s",
        path.display(),
        size as f64 / 1e6,
        started.elapsed().as_secs_f64()
    );
    Ok(())
}

/// The relations of the training set, in `Dep` order (`root` among them).
fn relations(sentences: &[Tagged]) -> Vec<Dep> {
    let mut seen: Vec<Dep> = sentences.iter().flat_map(|s| s.deprels.iter().copied()).collect();
    seen.push(Dep::Root);
    seen.sort_unstable();
    seen.dedup();
    seen
}

/// A training sentence: gold heads made projective, relations as indices.
struct Example {
    forms: Vec<String>,
    pos: Vec<Pos>,
    heads: Vec<u32>,
    relations: Vec<u8>,
    lifted: usize,
}

impl Example {
    fn new(t: &Tagged, relations: &[Dep]) -> Example {
        let mut heads = t.heads.clone();
        let lifted = projectivize(&mut heads);
        let index = |d: Dep| relations.iter().position(|&r| r == d).unwrap_or(0) as u8;
        Example {
            forms: t.forms.clone(),
            pos: t.pos.clone(),
            heads,
            relations: t.deprels.iter().map(|&d| index(d)).collect(),
            lifted,
        }
    }
}

/// True when `h` dominates `d` (the root, `heads.len()`, dominates everything).
fn dominates(heads: &[u32], h: u32, mut d: u32) -> bool {
    let n = heads.len() as u32;
    for _ in 0..=heads.len() {
        if d == h {
            return true;
        }
        if d >= n {
            return h == n;
        }
        d = heads[d as usize];
    }
    false
}

/// Lifts non-projective arcs (the shortest first) to the head's head until the tree is projective; returns how
/// many lifts it took. The root counts as sitting left of the first word, as in the arc-hybrid system.
pub fn projectivize(heads: &mut [u32]) -> usize {
    let n = heads.len() as u32;
    let mut lifts = 0;
    loop {
        let mut worst: Option<(u32, usize)> = None;
        for (d, &h) in heads.iter().enumerate() {
            if h >= n {
                continue;
            }
            let (a, b) = (h.min(d as u32), h.max(d as u32));
            let crossing = (a + 1..b).any(|k| !dominates(heads, h, k));
            if crossing && worst.is_none_or(|(len, _)| b - a < len) {
                worst = Some((b - a, d));
            }
        }
        let Some((_, d)) = worst else { return lifts };
        let h = heads[d] as usize;
        heads[d] = heads[h];
        lifts += 1;
    }
}

/// The cost of each move class in a configuration: how many gold arcs (relations included) it makes
/// unreachable. Exact for the arc-hybrid system on projective trees.
pub fn costs(state: &State, heads: &[u32], relations: &[u8], root: u8, out: &mut [u32]) {
    let n = heads.len() as u32;
    let classes = out.len();
    let rel_count = (classes - 1) / 2;
    out.fill(u32::MAX);
    let (s0, s1, b0) = (state.stack(0), state.stack(1), state.buffer(0));
    let gold = |w: u32| if w == NONE || w >= n { NONE } else { heads[w as usize] };
    let buffer = state.next() as u32..n;
    // Dependents of s0 still in the buffer are lost by either pop.
    let s0_dependents_in_buffer =
        if s0 == NONE || s0 >= n { 0 } else { buffer.clone().filter(|&k| gold(k) == s0).count() as u32 };
    if state.allowed(Move::Shift, root) {
        let stack = state.stack_words();
        let mut c = 0;
        for &k in stack {
            if k != s0 && gold(b0) == k {
                c += 1;
            }
            if k < n && gold(k) == b0 {
                c += 1;
            }
        }
        out[0] = c;
    }
    let g = gold(s0);
    let head_in_buffer = g != NONE && g >= buffer.start && g < n;
    // Left: s0 ← b0.
    let left = u32::from(g == s1 && s1 != NONE) + u32::from(head_in_buffer && g != b0) + s0_dependents_in_buffer;
    // Right: s1 → s0.
    let right = u32::from(head_in_buffer) + s0_dependents_in_buffer;
    for l in 0..rel_count as u8 {
        let gold_label = |head: u32| s0 < n && g == head && relations.get(s0 as usize) != Some(&l);
        if state.allowed(Move::Left(l), root) {
            out[Move::Left(l).class(rel_count)] = left + u32::from(gold_label(b0));
        }
        if state.allowed(Move::Right(l), root) {
            out[Move::Right(l).class(rel_count)] = right + u32::from(gold_label(s1));
        }
    }
}

/// One weight of the sparse perceptron, averaged lazily: `total` is the sum of the weight over all steps up to
/// `stamp`.
#[derive(Debug, Clone, Copy)]
struct Entry {
    class: u8,
    weight: f32,
    total: f64,
    stamp: u32,
}

/// Perceptron weights stored only where an update put them: a parser has a hundred classes and millions of
/// features, nearly all of which only ever touch a few classes.
struct Sparse {
    index: HashKeyed<u32>,
    keys: Vec<u64>,
    rows: Vec<Vec<Entry>>,
    now: u32,
}

impl Sparse {
    fn new() -> Sparse {
        Sparse { index: HashKeyed::default(), keys: Vec::new(), rows: Vec::new(), now: 1 }
    }

    fn score(&self, keys: &[u64], scores: &mut [f32]) {
        scores.fill(0.0);
        for k in keys {
            if let Some(&r) = self.index.get(k) {
                for e in &self.rows[r as usize] {
                    scores[usize::from(e.class)] += e.weight;
                }
            }
        }
    }

    fn update(&mut self, keys: &[u64], good: usize, bad: usize) {
        for &k in keys {
            let r = *self.index.entry(k).or_insert_with(|| {
                self.keys.push(k);
                self.rows.push(Vec::new());
                (self.rows.len() - 1) as u32
            });
            let row = &mut self.rows[r as usize];
            for (class, delta) in [(good, 1.0f32), (bad, -1.0)] {
                let now = self.now;
                let e = match row.iter_mut().find(|e| usize::from(e.class) == class) {
                    Some(e) => e,
                    None => {
                        row.push(Entry { class: class as u8, weight: 0.0, total: 0.0, stamp: now });
                        let last = row.len() - 1;
                        &mut row[last]
                    }
                };
                e.total += f64::from(e.weight) * f64::from(now - e.stamp);
                e.stamp = now;
                e.weight += delta;
            }
        }
    }

    /// The averaged weights, quantized, as a stored model.
    fn to_file(&self, relations: &[Dep], settings: &Settings, train_docs: usize, epochs: usize) -> ParseFile {
        let now = f64::from(self.now);
        let rows = self.keys.iter().zip(&self.rows).map(|(&key, row)| {
            let avg = row
                .iter()
                .map(|e| (e.class, ((e.total + f64::from(e.weight) * (now - f64::from(e.stamp))) / now) as f32))
                .collect();
            (key, avg)
        });
        let mut moves = vec!["shift".to_string()];
        moves.extend(relations.iter().map(|r| format!("left:{r}")));
        moves.extend(relations.iter().map(|r| format!("right:{r}")));
        let weights =
            ChainFile::quantize(moves.clone(), &Transitions::zero(moves.len()), rows, settings.min_weight, None);
        let split = if settings.train_only { "train" } else { "train + dev" };
        ParseFile {
            provenance: format!(
                "UD English EWT v2.16 ({split}; CC BY-SA 4.0), {train_docs} training documents, {epochs} epochs, \
                 parts of speech from {}",
                if settings.gold_tags { "the treebank" } else { "the tagger (jackknifed where it learned)" }
            ),
            relations: relations.iter().map(|r| r.as_str().to_string()).collect(),
            weights,
        }
    }
}

/// The training loop's buffers and random state.
struct Trainer {
    root: u8,
    classes: usize,
    state: State,
    words: Vec<Word>,
    keys: Vec<u64>,
    scores: Vec<f32>,
    costs: Vec<u32>,
    rng: u64,
}

impl Trainer {
    fn new(relations: &[Dep]) -> Trainer {
        let classes = 1 + 2 * relations.len();
        Trainer {
            root: relations.iter().position(|&r| r == Dep::Root).unwrap_or(0) as u8,
            classes,
            state: State::default(),
            words: Vec::new(),
            keys: Vec::new(),
            scores: vec![0.0; classes],
            costs: vec![0; classes],
            rng: 0x9E37_79B9_7F4A_7C15,
        }
    }

    fn random(&mut self) -> f64 {
        self.rng ^= self.rng << 13;
        self.rng ^= self.rng >> 7;
        self.rng ^= self.rng << 17;
        (self.rng >> 11) as f64 / (1u64 << 53) as f64
    }

    /// One pass; returns (moves the model got wrong, moves).
    fn epoch(
        &mut self,
        model: &mut Sparse,
        data: &[Example],
        lexicon: &Lexicon,
        epoch: usize,
        explore: f64,
    ) -> (usize, usize) {
        let (mut wrong, mut moves) = (0, 0);
        let rel_count = (self.classes - 1) / 2;
        for &i in &shuffled(data.len(), epoch as u64 + 1) {
            let ex = &data[i];
            let forms: Vec<&str> = ex.forms.iter().map(String::as_str).collect();
            features::words(&forms, &ex.pos, lexicon, &mut self.words);
            self.state.reset(forms.len());
            while !self.state.done() {
                features::features(&self.state, &self.words, &mut self.keys);
                model.score(&self.keys, &mut self.scores);
                costs(&self.state, &ex.heads, &ex.relations, self.root, &mut self.costs);
                let least = self.costs.iter().copied().min().unwrap_or(0);
                let best_of = |keep: &dyn Fn(usize) -> bool, scores: &[f32]| {
                    (0..scores.len())
                        .filter(|&c| keep(c))
                        .max_by(|&a, &b| scores[a].total_cmp(&scores[b]).then(b.cmp(&a)))
                };
                let costs = &self.costs;
                let Some(predicted) = best_of(&|c| costs[c] != u32::MAX, &self.scores) else { break };
                let Some(gold) = best_of(&|c| costs[c] == least, &self.scores) else { break };
                moves += 1;
                let next = if costs[predicted] > least {
                    wrong += 1;
                    model.update(&self.keys, gold, predicted);
                    if explore > 0.0 && self.random() < explore { predicted } else { gold }
                } else {
                    predicted
                };
                model.now += 1;
                self.state.apply(Move::of_class(next, rel_count));
            }
        }
        (wrong, moves)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lifting_makes_trees_projective() {
        // 2 is the root; the arcs 0 → 3 and 3 → 1 pass over it. The shorter is lifted first (1 to 0), then 3 to 2.
        let mut heads = vec![2, 3, 4, 0];
        assert_eq!(projectivize(&mut heads), 2);
        assert_eq!(heads, [2, 0, 4, 2]);
        let mut projective = vec![1, 4, 1, 2];
        assert_eq!(projectivize(&mut projective), 0);
    }

    /// Following the zero-cost moves from the start rebuilds a projective tree exactly, labels included.
    #[test]
    fn the_oracle_rebuilds_gold_trees() {
        let trees: [&[u32]; 4] = [&[1, 5, 1, 4, 1], &[5, 0, 1, 2, 3], &[4, 4, 3, 4, 5], &[1, 3, 1, 5, 3]];
        for heads in trees {
            let n = heads.len();
            let relations: Vec<u8> = (0..n).map(|d| if heads[d] as usize == n { 2 } else { (d % 2) as u8 }).collect();
            let root = 2;
            let mut state = State::new(n);
            let mut costs_buf = vec![0; 1 + 2 * 3];
            while !state.done() {
                costs(&state, heads, &relations, root, &mut costs_buf);
                let class = costs_buf.iter().position(|&c| c == 0).unwrap_or_else(|| panic!("no zero-cost move"));
                state.apply(Move::of_class(class, 3));
            }
            assert_eq!(state.heads(), heads);
            assert_eq!(state.relations(), relations);
        }
    }
}
