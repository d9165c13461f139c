//! Fitting the ranker's weights: softmax regression over each name's candidates, in rounds (the context features of
//! a round come from the ranking the previous round's weights give).

use std::path::Path;

use anyhow::{Context, Result};
use gleaner_core::geo::{FEATURE_NAMES, FEATURES, Gazetteer, Group, HAND_SET, Resolver, WEIGHTS, Weights, distance_km};
use gleaner_core::text::Text;

use super::corpora::Article;
use super::scoring::toponyms;

/// Rounds of fitting, each recomputing the features with the weights of the previous one.
const ROUNDS: usize = 3;

/// The weights a fit starts from, which no data informs: every fitted weight 0 but population's (1: a larger place
/// is the likelier reading), the hand-set weights as set by hand. The first round's context features come from the
/// ranking these give, so nothing of a held-out fold reaches a fit through them.
pub fn neutral() -> Weights {
    let mut w = [0.0; FEATURES];
    for (k, x) in w.iter_mut().enumerate() {
        if HAND_SET.contains(&k) {
            *x = WEIGHTS[k];
        } else if FEATURE_NAMES[k] == "log_population" {
            *x = 1.0;
        }
    }
    w
}

/// Features that can only speak for a candidate: what the text says of it ("Paris, Texas", its country or division
/// named, the other places near it or in its country). Their weights are kept at 0 or above: a fit over corpora
/// that disagree (WikToR's gold is often a hamlet the gazetteer lacks, so its instances are the reachable ones only)
/// can otherwise turn one negative ("contained" came out at −0.30 and "Paris, Texas" went to France).
const NONNEGATIVE: [&str; 9] = [
    "contained",
    "country_named",
    "admin1_named",
    "country_support",
    "admin1_support",
    "proximity",
    "near_cohort",
    "population_top",
    "country_share",
];

/// The features a fit holds at 0 (GEO_FIT_OFF, comma-separated names, "" for none), and whether
/// the weights of `NONNEGATIVE` are kept at 0 or above (unless GEO_FIT_SIGNED=0).
/// Unless GEO_FIT_OFF says otherwise, the features tried for issue 17 and held off: fitted with the others, they lowered
/// every corpus's score by weights that never saw it (LGL 0.852 → 0.844, WikToR 0.664 → 0.661, GeoCorpora 0.735 →
/// 0.730; population_gap repeats log_population, and the fit split the weight between them).
const OFF_BY_DEFAULT: &str = "population_top,population_gap,country_share";

fn held_off() -> Vec<usize> {
    let off = std::env::var("GEO_FIT_OFF").unwrap_or_else(|_| OFF_BY_DEFAULT.to_string());
    off.split(',').filter_map(|n| FEATURE_NAMES.iter().position(|f| *f == n.trim())).collect()
}

fn signed() -> bool {
    !matches!(std::env::var("GEO_FIT_SIGNED").as_deref(), Ok("0"))
}

/// One training instance: a group's candidate features, the index of the gold candidate, and its weight.
struct Instance {
    features: Vec<[f32; FEATURES]>,
    gold: usize,
    weight: f64,
}

/// The instances of the articles' gold toponyms, with the features `weights` give: the gold candidate is the one
/// with the gold's GeoNames id, else the nearest within 161 km of the gold point (WikToR gives coordinates only).
fn instances(gazetteer: &Gazetteer, weights: Weights, articles: &[&Article]) -> Vec<Instance> {
    let resolver = Resolver::with_weights(gazetteer, weights);
    let mut out = Vec::new();
    for a in articles {
        let text = Text::new(&a.text);
        let (tops, position) = toponyms(&text, a);
        let groups: Vec<Group> = resolver.groups(&text, &tops);
        for g in groups {
            for &m in &g.mentions {
                let Some(gold) = position.iter().position(|&k| k == m).and_then(|i| a.gold.get(i)) else { continue };
                let by_id = (gold.geonames_id != 0)
                    .then(|| {
                        g.candidates.iter().position(|&r| gazetteer.record(r).geonames_id() == Some(gold.geonames_id))
                    })
                    .flatten();
                let nearest = || {
                    g.candidates
                        .iter()
                        .enumerate()
                        .map(|(i, &r)| {
                            let (lat, lon) = gazetteer.record(r).point();
                            (i, distance_km(lat, lon, gold.lat, gold.lon))
                        })
                        .filter(|x| x.1 < 161.0)
                        .min_by(|a, b| a.1.total_cmp(&b.1))
                        .map(|x| x.0)
                };
                if let Some(i) = by_id.or_else(nearest)
                    && g.candidates.len() > 1
                {
                    out.push(Instance { features: g.features.clone(), gold: i, weight: 1.0 });
                }
            }
        }
    }
    out
}

/// Fits the weights by softmax regression (Adam, L2), starting from `start`; the loss is the weighted mean over the
/// instances.
fn fit_weights(data: &[Instance], start: Weights) -> Weights {
    let mut w: [f64; FEATURES] = start.map(f64::from);
    let (mut m, mut v) = ([0.0f64; FEATURES], [0.0f64; FEATURES]);
    let (lr, b1, b2, l2) = (0.05, 0.9, 0.999, 1e-3);
    let n: f64 = data.iter().map(|i| i.weight).sum::<f64>().max(1e-9);
    let (off, signed) = (held_off(), signed());
    for &k in &off {
        w[k] = 0.0;
    }
    for step in 1..=400 {
        let mut grad = [0.0f64; FEATURES];
        for inst in data {
            let scores: Vec<f64> =
                inst.features.iter().map(|f| f.iter().zip(&w).map(|(x, w)| *x as f64 * w).sum()).collect();
            let max = scores.iter().copied().fold(f64::NEG_INFINITY, f64::max);
            let exp: Vec<f64> = scores.iter().map(|s| (s - max).exp()).collect();
            let z: f64 = exp.iter().sum();
            for (i, f) in inst.features.iter().enumerate() {
                let p = exp[i] / z - if i == inst.gold { 1.0 } else { 0.0 };
                for k in 0..FEATURES {
                    grad[k] += inst.weight * p * f[k] as f64 / n;
                }
            }
        }
        for k in 0..FEATURES {
            if HAND_SET.contains(&k) || off.contains(&k) {
                continue;
            }
            let g = grad[k] + l2 * w[k];
            m[k] = b1 * m[k] + (1.0 - b1) * g;
            v[k] = b2 * v[k] + (1.0 - b2) * g * g;
            let mh = m[k] / (1.0 - b1.powi(step));
            let vh = v[k] / (1.0 - b2.powi(step));
            w[k] -= lr * mh / (vh.sqrt() + 1e-8);
            if signed && NONNEGATIVE.contains(&FEATURE_NAMES[k]) {
                w[k] = w[k].max(0.0);
            }
        }
    }
    w.map(|x| x as f32)
}

/// Fits on `parts` (the fitting documents of one or more corpora) from the neutral weights, in rounds; each part
/// weighs the same, however many toponyms it holds (WikToR's 25,000 would otherwise drown LGL's and GeoCorpora's).
pub fn fit(gazetteer: &Gazetteer, parts: &[Vec<&Article>]) -> Weights {
    let mut w = neutral();
    for k in held_off() {
        w[k] = 0.0;
    }
    for _ in 0..ROUNDS {
        let mut data = Vec::new();
        for part in parts {
            let mut these = instances(gazetteer, w, part);
            let weight = 1.0 / these.len().max(1) as f64;
            these.iter_mut().for_each(|i| i.weight = weight);
            data.extend(these);
        }
        w = fit_weights(&data, w);
    }
    w
}

/// Writes `w` into the library as the shipped weights; `corpora` names what they were fitted on.
pub fn write_weights(w: &Weights, corpora: &str) -> Result<()> {
    // GEO_WEIGHTS_OUT: somewhere else than the library (to compare fits before shipping one).
    let path = std::env::var_os("GEO_WEIGHTS_OUT").map_or_else(
        || Path::new(env!("CARGO_MANIFEST_DIR")).join("../crates/core/src/geo/weights.rs"),
        std::path::PathBuf::from,
    );
    let mut s = format!(
        "//! The ranker's weights (see `features::FEATURE_NAMES`), fitted on {corpora} by `cargo xtask eval geo --fit`\n\
         //! (softmax regression over each name's candidates, from neutral weights; generated file).\n\n\
         /// Weights of the toponym ranker, one per feature of `features::FEATURE_NAMES`.\n\
         pub const WEIGHTS: super::features::Weights = [\n",
    );
    for (k, (name, x)) in FEATURE_NAMES.iter().zip(w).enumerate() {
        let note = if HAND_SET.contains(&k) { " (set by hand: the corpora cannot inform it)" } else { "" };
        s.push_str(&format!("    {x:.4}, // {name}{note}\n"));
    }
    s.push_str("];\n");
    std::fs::write(&path, s).with_context(|| format!("writing {}", path.display()))
}
