//! Word clusters learned from unlabeled news, so the entity tagger knows words it never saw labelled
//! ("Pezeshkian" behaves like other surnames, "Wyoming" like other states).
//!
//! Each folded word (lower case, digits as 0) of the corpora is described by the words seen just before and after
//! it (positive PMI, context counts smoothed by the power 0.75), reduced to 100 dimensions by a randomized SVD, and
//! clustered by spherical k-means three levels deep (32 → 256 → 2,048 clusters): the path through the levels plays
//! the part of Brown-cluster bit prefixes. Deterministic: fixed seeds, sorted inputs, order-free sums.

#![allow(clippy::needless_range_loop)] // matrix code reads better with indices

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::io::{BufRead, BufReader, Read};
use std::path::Path;
use std::time::Instant;

use anyhow::{Context, Result, bail};
use gleaner_core::model::Casing;
use gleaner_core::tag::lexicon::{WordInfo, capitalized_bucket, fold};
use gleaner_core::text::Text;
use rayon::prelude::*;

/// Words clustered (the most frequent, seen at least `MIN_COUNT` times).
const VOCABULARY: usize = 120_000;
const MIN_COUNT: u64 = 3;
/// Context words (the most frequent), on each side.
const CONTEXTS: usize = 3_000;
const DIMENSIONS: usize = 100;
const OVERSAMPLE: usize = 20;
const LEVELS: [usize; 3] = [32, 8, 8];

/// A fast hasher for integer keys (the multiply-rotate of FxHash); order of iteration is never relied on.
#[derive(Default, Clone, Copy)]
struct Fx(u64);

impl Hasher for Fx {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.write_u64(u64::from(b));
        }
    }
    fn write_u64(&mut self, x: u64) {
        self.0 = (self.0.rotate_left(5) ^ x).wrapping_mul(0x51_7C_C1_B7_27_22_0A_95);
    }
    fn write_u32(&mut self, x: u32) {
        self.write_u64(u64::from(x));
    }
}

type FxMap<K, V> = HashMap<K, V, BuildHasherDefault<Fx>>;

/// The corpus as word ids, sentences separated by `BOUNDARY`.
struct Corpus {
    words: Vec<String>,
    counts: Vec<u64>,
    /// Occurrences inside mixed-case sentences, not first: all, and capitalized.
    inside: Vec<u64>,
    capitalized: Vec<u64>,
    ids: Vec<u32>,
}

/// Where a token stands, for counting capitals: uncounted, inside a mixed-case sentence in lower case, or there
/// capitalized.
const UNCOUNTED: u8 = 0;
const INSIDE_LOWER: u8 = 1;
const INSIDE_CAPITAL: u8 = 2;

/// Words seen this often inside mixed-case sentences get a capitalization bucket.
const MIN_INSIDE: u64 = 5;

const BOUNDARY: u32 = u32::MAX;

/// Each known word and what the corpora say about it.
pub type Words = Vec<(String, WordInfo)>;

/// Learns the clusters; returns each clustered word with its path, and a note of what it was learned from.
pub fn learn(dir: &Path) -> Result<(Words, String)> {
    let t = Instant::now();
    let corpus = read_corpora(dir)?;
    let tokens = corpus.ids.iter().filter(|&&i| i != BOUNDARY).count();
    eprintln!(
        "clusters: {} tokens, {} distinct words read in {:.0}s",
        tokens,
        corpus.words.len(),
        t.elapsed().as_secs_f64()
    );
    let mut by_freq: Vec<u32> = (0..corpus.words.len() as u32).collect();
    by_freq.sort_by(|&a, &b| {
        corpus.counts[b as usize]
            .cmp(&corpus.counts[a as usize])
            .then(corpus.words[a as usize].cmp(&corpus.words[b as usize]))
    });
    let vocab: Vec<u32> =
        by_freq.iter().copied().filter(|&w| corpus.counts[w as usize] >= MIN_COUNT).take(VOCABULARY).collect();
    if vocab.len() < 1000 {
        bail!(
            "only {} words occur {MIN_COUNT} times or more in {}: too little text to cluster",
            vocab.len(),
            dir.display()
        );
    }
    let mut row_of: FxMap<u32, u32> = FxMap::default();
    for (r, &w) in vocab.iter().enumerate() {
        row_of.insert(w, r as u32);
    }
    let mut ctx_of: FxMap<u32, u32> = FxMap::default();
    for (c, &w) in by_freq.iter().take(CONTEXTS).enumerate() {
        ctx_of.insert(w, c as u32);
    }
    let width = 2 * (CONTEXTS + 1); // left and right contexts; the last of each is the sentence boundary
    let context =
        |w: u32| -> u32 { if w == BOUNDARY { CONTEXTS as u32 } else { ctx_of.get(&w).copied().unwrap_or(u32::MAX) } };

    // Co-occurrence counts.
    let mut pairs: FxMap<u64, u32> = FxMap::default();
    for k in 0..corpus.ids.len() {
        let Some(&row) = row_of.get(&corpus.ids[k]) else { continue };
        let left = if k == 0 { BOUNDARY } else { corpus.ids[k - 1] };
        let right = corpus.ids.get(k + 1).copied().unwrap_or(BOUNDARY);
        for (side, w) in [(0, left), (1, right)] {
            let c = context(w);
            if c != u32::MAX {
                let col = side * (CONTEXTS as u32 + 1) + c;
                *pairs.entry(u64::from(row) * width as u64 + u64::from(col)).or_default() += 1;
            }
        }
    }
    let mut entries: Vec<(u64, u32)> = pairs.into_iter().collect();
    entries.sort_unstable();
    eprintln!("clusters: {} co-occurrence pairs ({:.0}s)", entries.len(), t.elapsed().as_secs_f64());

    let matrix = ppmi(&entries, vocab.len(), width);
    let embedding = randomized_svd(&matrix, vocab.len(), width, DIMENSIONS, OVERSAMPLE);
    eprintln!("clusters: embeddings done ({:.0}s)", t.elapsed().as_secs_f64());
    let paths = hierarchical_kmeans(&embedding, vocab.len(), DIMENSIONS);
    eprintln!("clusters: {} words clustered ({:.0}s)", vocab.len(), t.elapsed().as_secs_f64());

    let clustered: Vec<(String, [u16; 3])> =
        vocab.iter().zip(paths).map(|(&w, p)| (corpus.words[w as usize].clone(), p)).collect();
    dump(&clustered);
    let mut info: std::collections::BTreeMap<u32, WordInfo> = std::collections::BTreeMap::new();
    for (&w, (_, p)) in vocab.iter().zip(&clustered) {
        info.entry(w).or_default().clusters = *p;
    }
    for w in 0..corpus.words.len() {
        if corpus.inside[w] >= MIN_INSIDE {
            info.entry(w as u32).or_default().capitalized = capitalized_bucket(corpus.capitalized[w], corpus.inside[w]);
        }
    }
    let out: Words = info.into_iter().map(|(w, i)| (corpus.words[w as usize].clone(), i)).collect();
    let note = format!(
        "{} words clustered from {} tokens of {} (PPMI of neighbouring words, randomized SVD to {DIMENSIONS} \
         dimensions, spherical k-means {}/{}/{}); capitalization rates of {} words",
        clustered.len(),
        tokens,
        dir.display(),
        LEVELS[0],
        LEVELS[0] * LEVELS[1],
        LEVELS[0] * LEVELS[1] * LEVELS[2],
        out.len()
    );
    Ok((out, note))
}

/// Writes the clusters as text to target/clusters.txt for people to inspect (best effort).
fn dump(clusters: &[(String, [u16; 3])]) {
    let mut by: std::collections::BTreeMap<[u16; 3], Vec<&str>> = Default::default();
    for (w, p) in clusters {
        by.entry(*p).or_default().push(w);
    }
    let text: String = by
        .iter()
        .map(|(p, ws)| {
            format!("{} {} {}\t{}\n", p[0], p[1], p[2], ws.iter().take(40).copied().collect::<Vec<_>>().join(" "))
        })
        .collect();
    let _ = std::fs::write(crate::root().join("target/clusters.txt"), text);
}

/// Reads every `.jsonl` / `.jsonl.gz` file of `dir` (sorted by name): title and text of each record, tokenized by
/// the library, folded.
fn read_corpora(dir: &Path) -> Result<Corpus> {
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .with_context(|| format!("reading {}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.to_string_lossy().ends_with(".jsonl") || p.to_string_lossy().ends_with(".jsonl.gz"))
        .collect();
    files.sort();
    let mut corpus =
        Corpus { words: Vec::new(), counts: Vec::new(), inside: Vec::new(), capitalized: Vec::new(), ids: Vec::new() };
    let mut index: HashMap<String, u32> = HashMap::new();
    for path in files {
        let file = std::fs::File::open(&path)?;
        let reader: Box<dyn Read> = if path.extension().is_some_and(|e| e == "gz") {
            Box::new(flate2::read::GzDecoder::new(file))
        } else {
            Box::new(file)
        };
        let mut lines = BufReader::with_capacity(1 << 20, reader).lines();
        loop {
            let chunk: Vec<String> = lines.by_ref().take(20_000).collect::<std::io::Result<_>>()?;
            if chunk.is_empty() {
                break;
            }
            let sentences: Vec<Vec<Vec<(String, u8)>>> = chunk.par_iter().map(|line| tokenize_record(line)).collect();
            for s in sentences.into_iter().flatten() {
                for (w, place) in s {
                    let next = corpus.words.len() as u32;
                    let id = *index.entry(w).or_insert_with_key(|w| {
                        corpus.words.push(w.clone());
                        corpus.counts.push(0);
                        corpus.inside.push(0);
                        corpus.capitalized.push(0);
                        next
                    });
                    let id_us = id as usize;
                    corpus.counts[id_us] += 1;
                    if place != UNCOUNTED {
                        corpus.inside[id_us] += 1;
                        corpus.capitalized[id_us] += u64::from(place == INSIDE_CAPITAL);
                    }
                    corpus.ids.push(id);
                }
                corpus.ids.push(BOUNDARY);
            }
        }
        eprintln!("clusters: read {}", path.display());
    }
    Ok(corpus)
}

fn tokenize_record(line: &str) -> Vec<Vec<(String, u8)>> {
    let Ok(v) = serde_json::from_str::<serde_json::Value>(line) else { return Vec::new() };
    let mut out = Vec::new();
    let mut buf = String::new();
    for field in ["title", "text"] {
        let Some(s) = v.get(field).and_then(|x| x.as_str()) else { continue };
        let text = Text::new(s);
        for sentence in &text.sentences {
            let mixed = text.segments.get(sentence.segment).is_some_and(|s| s.casing == Casing::Mixed);
            out.push(
                (sentence.first_token..sentence.end_token)
                    .map(|i| {
                        let word = text.token_text(i);
                        let place = match word.chars().next() {
                            _ if !mixed || i == sentence.first_token => UNCOUNTED,
                            Some(c) if c.is_uppercase() => INSIDE_CAPITAL,
                            Some(c) if c.is_lowercase() => INSIDE_LOWER,
                            _ => UNCOUNTED,
                        };
                        (fold(word, &mut buf).to_string(), place)
                    })
                    .collect(),
            );
        }
    }
    out
}

/// A sparse row-major matrix.
struct Sparse {
    offsets: Vec<usize>,
    cols: Vec<u32>,
    values: Vec<f32>,
}

fn ppmi(entries: &[(u64, u32)], rows: usize, width: usize) -> Sparse {
    let mut row_sum = vec![0f64; rows];
    let mut col_sum = vec![0f64; width];
    for &(k, c) in entries {
        row_sum[(k / width as u64) as usize] += f64::from(c);
        col_sum[(k % width as u64) as usize] += f64::from(c);
    }
    let col_smooth: Vec<f64> = col_sum.iter().map(|c| c.powf(0.75)).collect();
    let total_smooth: f64 = col_smooth.iter().sum();
    let mut m = Sparse { offsets: vec![0; rows + 1], cols: Vec::new(), values: Vec::new() };
    let mut row = 0;
    for &(k, c) in entries {
        let (r, col) = ((k / width as u64) as usize, (k % width as u64) as usize);
        while row < r {
            row += 1;
            m.offsets[row] = m.cols.len();
        }
        let pmi = (f64::from(c) * total_smooth / (row_sum[r] * col_smooth[col])).ln();
        if pmi > 0.0 {
            m.cols.push(col as u32);
            m.values.push(pmi as f32);
        }
    }
    while row < rows {
        row += 1;
        m.offsets[row] = m.cols.len();
    }
    m
}

/// Deterministic standard normal numbers (xorshift + Box–Muller).
struct Gaussian(u64);

impl Gaussian {
    fn uniform(&mut self) -> f64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        ((self.0 >> 11) as f64 + 0.5) / (1u64 << 53) as f64
    }
    fn next(&mut self) -> f64 {
        let (u, v) = (self.uniform(), self.uniform());
        (-2.0 * u.ln()).sqrt() * (2.0 * std::f64::consts::PI * v).cos()
    }
}

/// Column-major dense matrix helpers: `a` has `rows` rows and `a.len() / rows` columns.
fn orthonormalize(a: &mut [f64], rows: usize) {
    let cols = a.len() / rows;
    for j in 0..cols {
        for _ in 0..2 {
            for i in 0..j {
                let (prev, cur) = a.split_at_mut(j * rows);
                let qi = &prev[i * rows..(i + 1) * rows];
                let cj = &mut cur[..rows];
                let d: f64 = qi.iter().zip(cj.iter()).map(|(x, y)| x * y).sum();
                for (c, q) in cj.iter_mut().zip(qi) {
                    *c -= d * q;
                }
            }
        }
        let col = &mut a[j * rows..(j + 1) * rows];
        let norm = col.iter().map(|x| x * x).sum::<f64>().sqrt().max(1e-12);
        for x in col {
            *x /= norm;
        }
    }
}

/// `M · X` for dense column-major `X` (width × k) → rows × k.
fn times(m: &Sparse, rows: usize, width: usize, x: &[f64], k: usize) -> Vec<f64> {
    let mut out = vec![0.0; rows * k];
    out.par_chunks_mut(rows).enumerate().for_each(|(j, col)| {
        let xj = &x[j * width..(j + 1) * width];
        for (r, o) in col.iter_mut().enumerate() {
            let mut s = 0.0;
            for p in m.offsets[r]..m.offsets[r + 1] {
                s += f64::from(m.values[p]) * xj[m.cols[p] as usize];
            }
            *o = s;
        }
    });
    out
}

/// `Mᵀ · Y` for dense column-major `Y` (rows × k) → width × k.
fn times_t(m: &Sparse, rows: usize, width: usize, y: &[f64], k: usize) -> Vec<f64> {
    let mut out = vec![0.0; width * k];
    out.par_chunks_mut(width).enumerate().for_each(|(j, col)| {
        let yj = &y[j * rows..(j + 1) * rows];
        for r in 0..rows {
            let v = yj[r];
            if v != 0.0 {
                for p in m.offsets[r]..m.offsets[r + 1] {
                    col[m.cols[p] as usize] += f64::from(m.values[p]) * v;
                }
            }
        }
    });
    out
}

/// Rows of `U Σ^½` of the top `dims` singular triplets, each normalized to unit length (row-major, rows × dims).
fn randomized_svd(m: &Sparse, rows: usize, width: usize, dims: usize, oversample: usize) -> Vec<f32> {
    let k = (dims + oversample).min(width);
    let mut g = Gaussian(0x9E37_79B9_7F4A_7C15);
    let omega: Vec<f64> = (0..width * k).map(|_| g.next()).collect();
    let mut y = times(m, rows, width, &omega, k);
    orthonormalize(&mut y, rows);
    for _ in 0..2 {
        let mut z = times_t(m, rows, width, &y, k);
        orthonormalize(&mut z, width);
        y = times(m, rows, width, &z, k);
        orthonormalize(&mut y, rows);
    }
    // B = Qᵀ M (k × width, as columns of Mᵀ Q); G = B Bᵀ.
    let bt = times_t(m, rows, width, &y, k); // width × k, column j = row j of B
    let mut gram = vec![0.0; k * k];
    for a in 0..k {
        for b in a..k {
            let s: f64 =
                bt[a * width..(a + 1) * width].iter().zip(&bt[b * width..(b + 1) * width]).map(|(x, y)| x * y).sum();
            gram[a * k + b] = s;
            gram[b * k + a] = s;
        }
    }
    let (values, vectors) = jacobi(gram, k);
    let mut order: Vec<usize> = (0..k).collect();
    order.sort_by(|&a, &b| values[b].total_cmp(&values[a]));
    let mut out = vec![0f32; rows * dims];
    for (d, &e) in order.iter().take(dims).enumerate() {
        let scale = values[e].max(0.0).powf(0.25); // σ^½, σ = √λ
        for r in 0..rows {
            let mut s = 0.0;
            for j in 0..k {
                s += y[j * rows + r] * vectors[j * k + e];
            }
            out[r * dims + d] = (s * scale) as f32;
        }
    }
    for row in out.chunks_mut(dims) {
        let norm = row.iter().map(|x| x * x).sum::<f32>().sqrt().max(1e-12);
        for x in row {
            *x /= norm;
        }
    }
    out
}

/// Eigen-decomposition of a symmetric matrix by cyclic Jacobi rotations: eigenvalues and eigenvectors (column
/// `e` of the row-major result is the eigenvector of value `e`).
fn jacobi(mut a: Vec<f64>, n: usize) -> (Vec<f64>, Vec<f64>) {
    let mut v = vec![0.0; n * n];
    for i in 0..n {
        v[i * n + i] = 1.0;
    }
    for _sweep in 0..100 {
        let off: f64 = (0..n)
            .flat_map(|i| (0..n).filter(move |&j| j != i).map(move |j| (i, j)))
            .map(|(i, j)| a[i * n + j].powi(2))
            .sum();
        if off < 1e-18 {
            break;
        }
        for p in 0..n {
            for q in p + 1..n {
                let apq = a[p * n + q];
                if apq.abs() < 1e-300 {
                    continue;
                }
                let theta = (a[q * n + q] - a[p * n + p]) / (2.0 * apq);
                let t = theta.signum() / (theta.abs() + (theta * theta + 1.0).sqrt());
                let t = if theta == 0.0 { 1.0 } else { t };
                let c = 1.0 / (t * t + 1.0).sqrt();
                let s = t * c;
                for k in 0..n {
                    let (akp, akq) = (a[k * n + p], a[k * n + q]);
                    a[k * n + p] = c * akp - s * akq;
                    a[k * n + q] = s * akp + c * akq;
                }
                for k in 0..n {
                    let (apk, aqk) = (a[p * n + k], a[q * n + k]);
                    a[p * n + k] = c * apk - s * aqk;
                    a[q * n + k] = s * apk + c * aqk;
                }
                for k in 0..n {
                    let (vkp, vkq) = (v[k * n + p], v[k * n + q]);
                    v[k * n + p] = c * vkp - s * vkq;
                    v[k * n + q] = s * vkp + c * vkq;
                }
            }
        }
    }
    ((0..n).map(|i| a[i * n + i]).collect(), v)
}

/// The three-level cluster path of every row (ids from 1 at each level).
fn hierarchical_kmeans(x: &[f32], rows: usize, dims: usize) -> Vec<[u16; 3]> {
    let mut paths = vec![[0u16; 3]; rows];
    let mut groups: Vec<Vec<usize>> = vec![(0..rows).collect()];
    let mut width = 1;
    for (level, &k) in LEVELS.iter().enumerate() {
        let mut next = Vec::with_capacity(groups.len() * k);
        for (g, members) in groups.iter().enumerate() {
            let assign = kmeans(x, dims, members, k, (level * 100_000 + g) as u64);
            let mut sub: Vec<Vec<usize>> = vec![Vec::new(); k];
            for (&m, &a) in members.iter().zip(&assign) {
                sub[a].push(m);
                paths[m][level] = (g * k + a + 1) as u16;
            }
            next.extend(sub);
        }
        width *= k;
        debug_assert_eq!(next.len(), width);
        groups = next;
    }
    paths
}

/// Spherical k-means of the rows `members` into `k` clusters (k-means++ seeding); the cluster of each member.
fn kmeans(x: &[f32], dims: usize, members: &[usize], k: usize, seed: u64) -> Vec<usize> {
    let n = members.len();
    if n <= k {
        return (0..n).collect();
    }
    let row = |m: usize| &x[m * dims..(m + 1) * dims];
    let dot = |a: &[f32], b: &[f32]| a.iter().zip(b).map(|(x, y)| x * y).sum::<f32>();
    let mut g = Gaussian(0xD1B5_4A32_D192_ED03 ^ seed.wrapping_mul(0x9E37_79B9_7F4A_7C15));
    let mut centers: Vec<f32> = Vec::with_capacity(k * dims);
    centers.extend_from_slice(row(members[(g.uniform() * n as f64) as usize % n]));
    let mut dist: Vec<f32> = members.iter().map(|&m| 1.0 - dot(row(m), &centers[..dims])).collect();
    while centers.len() < k * dims {
        let total: f64 = dist.iter().map(|&d| f64::from(d.max(0.0))).sum();
        let mut target = g.uniform() * total;
        let mut pick = n - 1;
        for (i, &d) in dist.iter().enumerate() {
            target -= f64::from(d.max(0.0));
            if target <= 0.0 {
                pick = i;
                break;
            }
        }
        let c = centers.len() / dims;
        centers.extend_from_slice(row(members[pick]));
        for (i, &m) in members.iter().enumerate() {
            dist[i] = dist[i].min(1.0 - dot(row(m), &centers[c * dims..(c + 1) * dims]));
        }
    }
    let mut assign = vec![0usize; n];
    for _ in 0..25 {
        let new: Vec<usize> = members
            .par_iter()
            .map(|&m| {
                let r = row(m);
                (0..k)
                    .map(|c| (c, dot(r, &centers[c * dims..(c + 1) * dims])))
                    .fold((0, f32::MIN), |b, x| if x.1 > b.1 { x } else { b })
                    .0
            })
            .collect();
        let changed = new != assign;
        assign = new;
        let mut sums = vec![0f32; k * dims];
        let mut sizes = vec![0usize; k];
        for (&m, &a) in members.iter().zip(&assign) {
            sizes[a] += 1;
            for (s, v) in sums[a * dims..(a + 1) * dims].iter_mut().zip(row(m)) {
                *s += v;
            }
        }
        for c in 0..k {
            if sizes[c] == 0 {
                continue; // keep the old center
            }
            let s = &sums[c * dims..(c + 1) * dims];
            let norm = s.iter().map(|v| v * v).sum::<f32>().sqrt().max(1e-12);
            for (dst, v) in centers[c * dims..(c + 1) * dims].iter_mut().zip(s) {
                *dst = v / norm;
            }
        }
        if !changed {
            break;
        }
    }
    assign
}
