//! `cargo xtask eval geo`: toponym resolution on LGL (../shared/data/lgl/lgl.xml) given the gold spans, scored as
//! in Gritta et al. ("What's missing in geoparsing?", 2018; "A Pragmatic Guide to Geoparsing Evaluation", 2019):
//! accuracy@161 km, exact GeoNames id, mean and median error, and the AUC of the error curve (sorted errors,
//! ln(1 + km), trapezoidal area normalized by ln(20039)). An unresolved toponym counts as 20,039 km off.
//!
//! The ranker's weights may be fitted on LGL (`--fit`), so the table reports 5-fold cross-validated numbers (folds by
//! document) beside the shipped weights' numbers.

use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::{Context, Result, anyhow};
use gleaner_core::geo::{
    FEATURE_NAMES, FEATURES, Gazetteer, Group, HAND_SET, Resolver, Toponym, WEIGHTS, Weights, distance_km,
};
use gleaner_core::text::Text;

/// Half the Earth's circumference: the largest possible error.
const MAX_ERROR_KM: f64 = 20039.0;
const FOLDS: usize = 5;

struct Gold {
    start: usize,
    end: usize,
    geonames_id: u32,
    lat: f64,
    lon: f64,
}

struct Article {
    text: String,
    gold: Vec<Gold>,
}

fn load(path: &Path) -> Result<Vec<Article>> {
    let xml = std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
    let doc = roxmltree::Document::parse(&xml)?;
    let child_text = |n: roxmltree::Node<'_, '_>, tag: &str| {
        n.children().find(|c| c.has_tag_name(tag)).and_then(|c| c.text()).unwrap_or("").to_string()
    };
    let mut articles = Vec::new();
    for a in doc.descendants().filter(|n| n.has_tag_name("article")) {
        let text = child_text(a, "text");
        // Character offsets → byte offsets.
        let byte_at: Vec<usize> = text.char_indices().map(|(b, _)| b).chain([text.len()]).collect();
        let mut gold = Vec::new();
        for t in a.descendants().filter(|n| n.has_tag_name("toponym")) {
            let Some(g) = t.children().find(|c| c.has_tag_name("gaztag")) else { continue };
            let (Ok(lat), Ok(lon)) = (child_text(g, "lat").parse::<f64>(), child_text(g, "lon").parse::<f64>()) else {
                continue;
            };
            let start: usize = child_text(t, "start").parse()?;
            let end: usize = child_text(t, "end").parse()?;
            let (Some(&start), Some(&end)) = (byte_at.get(start), byte_at.get(end)) else { continue };
            gold.push(Gold { start, end, geonames_id: g.attribute("geonameid").unwrap_or("0").parse()?, lat, lon });
        }
        articles.push(Article { text, gold });
    }
    Ok(articles)
}

/// The normalized byte offset of original byte offset `original`.
fn to_normalized(text: &Text<'_>, original: usize) -> usize {
    let n = text.normalized();
    let (mut lo, mut hi) = (0, n.len());
    while lo < hi {
        let mid = (lo + hi) / 2;
        if text.original_bytes(mid, mid).0 < original { lo = mid + 1 } else { hi = mid }
    }
    (lo..=n.len()).find(|&i| n.is_char_boundary(i)).unwrap_or(n.len())
}

/// The gold spans of an article as toponyms of its analysed text.
fn toponyms(text: &Text<'_>, gold: &[Gold]) -> Vec<Toponym> {
    gold.iter()
        .map(|g| {
            let (start, end) = if text.original() == text.normalized() {
                (g.start, g.end)
            } else {
                (to_normalized(text, g.start), to_normalized(text, g.end))
            };
            let sentence =
                text.sentences.partition_point(|s| s.end <= start).min(text.sentences.len().saturating_sub(1));
            Toponym { start, end, label: None, sentence }
        })
        .collect()
}

#[derive(Default)]
struct Scores {
    errors: Vec<f64>,
    exact: usize,
    unresolved: usize,
}

impl Scores {
    fn add(&mut self, other: Scores) {
        self.errors.extend(other.errors);
        self.exact += other.exact;
        self.unresolved += other.unresolved;
    }

    fn row(&self) -> String {
        let n = self.errors.len().max(1) as f64;
        let mut sorted = self.errors.clone();
        sorted.sort_by(f64::total_cmp);
        let acc = sorted.iter().filter(|&&e| e < 161.0).count() as f64 / n;
        let mean = sorted.iter().sum::<f64>() / n;
        let median = match sorted.len() {
            0 => 0.0,
            l if l % 2 == 1 => sorted[l / 2],
            l => (sorted[l / 2 - 1] + sorted[l / 2]) / 2.0,
        };
        let logs: Vec<f64> = sorted.iter().map(|e| (e + 1.0).ln()).collect();
        let area: f64 = logs.windows(2).map(|w| (w[0] + w[1]) / 2.0).sum();
        let auc = area / (MAX_ERROR_KM.ln() * (logs.len().max(2) - 1) as f64);
        format!(
            "| {} | {:.3} | {:.3} | {:.0} | {:.1} | {:.3} | {} |",
            self.errors.len(),
            acc,
            self.exact as f64 / n,
            mean,
            median,
            auc,
            self.unresolved
        )
    }
}

/// Resolves the gold spans and scores them; with `errors`, also describes each toponym resolved more than 161 km
/// off (name, gold, candidates, the gold's rank among them, the choice).
fn score(
    gazetteer: &Gazetteer,
    weights: Weights,
    articles: &[&Article],
    mut errors: Option<&mut Vec<String>>,
) -> Scores {
    let resolver = Resolver::with_weights(gazetteer, weights);
    let mut s = Scores::default();
    for a in articles {
        let text = Text::new(&a.text);
        let tops = toponyms(&text, &a.gold);
        let out = resolver.resolve(&text, &tops);
        if let Some(errors) = errors.as_deref_mut() {
            let groups = resolver.groups(&text, &tops);
            for (m, (g, place)) in a.gold.iter().zip(&out.places).enumerate() {
                let ok = place.is_some_and(|p| {
                    let (lat, lon) = gazetteer.record(p.record).point();
                    distance_km(lat, lon, g.lat, g.lon) < 161.0
                });
                if ok {
                    continue;
                }
                let group = groups.iter().find(|gr| gr.mentions.contains(&m));
                let cands = group.map(|gr| gr.candidates.as_slice()).unwrap_or(&[]);
                let gold_rank = cands.iter().position(|&r| gazetteer.record(r).geonames_id() == Some(g.geonames_id));
                let surface = text.normalized().get(tops[m].start..tops[m].end).unwrap_or("");
                let pred = place.map(|p| {
                    let r = gazetteer.record(p.record);
                    format!(
                        "{} ({:?} {:?} {} p={:.2})",
                        r.name(),
                        r.kind(),
                        r.country_code(),
                        r.geonames_id().unwrap_or(0),
                        p.score
                    )
                });
                errors.push(format!(
                    "{surface}\tgold={} ({:.2},{:.2})\tcandidates={}\tgold_rank={gold_rank:?}\tchoice={pred:?}",
                    g.geonames_id,
                    g.lat,
                    g.lon,
                    cands.len()
                ));
            }
        }
        for (g, place) in a.gold.iter().zip(&out.places) {
            match place {
                Some(p) => {
                    let rec = gazetteer.record(p.record);
                    let (lat, lon) = rec.point();
                    s.errors.push(distance_km(lat, lon, g.lat, g.lon));
                    if rec.geonames_id() == Some(g.geonames_id) {
                        s.exact += 1;
                    }
                }
                None => {
                    s.errors.push(MAX_ERROR_KM);
                    s.unresolved += 1;
                }
            }
        }
    }
    s
}

/// One training instance: a group's candidate features and the index of the gold candidate.
struct Instance {
    features: Vec<[f32; FEATURES]>,
    gold: usize,
}

fn instances(gazetteer: &Gazetteer, weights: Weights, articles: &[&Article]) -> Vec<Instance> {
    let resolver = Resolver::with_weights(gazetteer, weights);
    let mut out = Vec::new();
    for a in articles {
        let text = Text::new(&a.text);
        let tops = toponyms(&text, &a.gold);
        let groups: Vec<Group> = resolver.groups(&text, &tops);
        for g in groups {
            for &m in &g.mentions {
                let Some(gold) = a.gold.get(m) else { continue };
                let by_id =
                    g.candidates.iter().position(|&r| gazetteer.record(r).geonames_id() == Some(gold.geonames_id));
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
                    out.push(Instance { features: g.features.clone(), gold: i });
                }
            }
        }
    }
    out
}

/// Fits the weights by softmax regression (Adam, L2), starting from `start`.
fn fit_weights(data: &[Instance], start: Weights) -> Weights {
    let mut w: [f64; FEATURES] = start.map(f64::from);
    let (mut m, mut v) = ([0.0f64; FEATURES], [0.0f64; FEATURES]);
    let (lr, b1, b2, l2) = (0.05, 0.9, 0.999, 1e-3);
    let n = data.len().max(1) as f64;
    for step in 1..=300 {
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
                    grad[k] += p * f[k] as f64 / n;
                }
            }
        }
        for k in 0..FEATURES {
            if HAND_SET.contains(&k) {
                continue;
            }
            let g = grad[k] + l2 * w[k];
            m[k] = b1 * m[k] + (1.0 - b1) * g;
            v[k] = b2 * v[k] + (1.0 - b2) * g * g;
            let mh = m[k] / (1.0 - b1.powi(step));
            let vh = v[k] / (1.0 - b2.powi(step));
            w[k] -= lr * mh / (vh.sqrt() + 1e-8);
        }
    }
    w.map(|x| x as f32)
}

/// Fits in rounds: context features depend on the weights that rank the first pass.
fn fit(gazetteer: &Gazetteer, articles: &[&Article]) -> Weights {
    let mut w = WEIGHTS;
    for _ in 0..3 {
        let data = instances(gazetteer, w, articles);
        w = fit_weights(&data, w);
    }
    w
}

fn write_weights(w: &Weights) -> Result<()> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../crates/core/src/geo/weights.rs");
    let mut s = String::from(
        "//! The ranker's weights (see `features::FEATURE_NAMES`), fitted on LGL by `cargo xtask eval geo --fit`\n\
         //! (softmax regression over each name's candidates; generated file).\n\n\
         /// Weights of the toponym ranker, one per feature of `features::FEATURE_NAMES`.\n\
         pub const WEIGHTS: super::features::Weights = [\n",
    );
    for (k, (name, x)) in FEATURE_NAMES.iter().zip(w).enumerate() {
        let note = if HAND_SET.contains(&k) { " (set by hand: LGL cannot inform it)" } else { "" };
        s.push_str(&format!("    {x:.4}, // {name}{note}\n"));
    }
    s.push_str("];\n");
    std::fs::write(&path, s).with_context(|| format!("writing {}", path.display()))
}

pub fn run(data: &Path, errors: Option<PathBuf>, refit: bool) -> Result<()> {
    let started = Instant::now();
    let gazetteer = Gazetteer::embedded().map_err(|e| anyhow!("{e}"))?;
    let loaded = started.elapsed();
    let articles = load(&data.join("lgl.xml"))?;
    let all: Vec<&Article> = articles.iter().collect();
    eprintln!(
        "gazetteer: {} records, {} names, loaded in {:.0} ms",
        gazetteer.len(),
        gazetteer.names(),
        loaded.as_secs_f64() * 1e3
    );

    let t = Instant::now();
    let mut error_lines = Vec::new();
    let shipped = score(gazetteer, WEIGHTS, &all, errors.is_some().then_some(&mut error_lines));
    if let Some(path) = &errors {
        std::fs::write(path, error_lines.join("\n") + "\n").with_context(|| format!("writing {}", path.display()))?;
    }
    let secs = t.elapsed().as_secs_f64();

    // The same ranker blind to the document: priors of the candidates alone.
    let context_free = {
        let context = [
            "country_support",
            "admin1_support",
            "proximity",
            "contained",
            "containment_conflict",
            "contains_neighbour",
            "dateline_city",
            "country_named",
            "admin1_named",
            "admin1_cohort",
            "near_cohort",
            "neighbour_support",
        ];
        let mut w = WEIGHTS;
        for (x, name) in w.iter_mut().zip(FEATURE_NAMES) {
            if context.contains(&name) {
                *x = 0.0;
            }
        }
        score(gazetteer, w, &all, None)
    };

    let mut cv = Scores::default();
    for fold in 0..FOLDS {
        let train: Vec<&Article> = all.iter().enumerate().filter(|(i, _)| i % FOLDS != fold).map(|(_, a)| *a).collect();
        let test: Vec<&Article> = all.iter().enumerate().filter(|(i, _)| i % FOLDS == fold).map(|(_, a)| *a).collect();
        let w = fit(gazetteer, &train);
        cv.add(score(gazetteer, w, &test, None));
    }

    println!("LGL ({} articles), gold spans:\n", articles.len());
    println!("| weights | toponyms | acc@161km | exact id | mean km | median km | AUC | unresolved |");
    println!("|---|---|---|---|---|---|---|---|");
    println!("| shipped weights, context features off (priors only) {}", context_free.row());
    println!("| shipped (weights.rs) {}", shipped.row());
    println!("| {FOLDS}-fold CV by document, fitted per fold {}", cv.row());
    println!(
        "\nAUC: area under the sorted ln(1 + error km) curve / ln(20039); lower is better. An unresolved toponym \
         counts 20,039 km.\nEnd to end with the entity tagger (recognition P/R/F1): pending until the tagger lands."
    );
    println!(
        "\nresolution: {:.2} s for {} articles ({:.2} ms/article)",
        secs,
        articles.len(),
        secs * 1e3 / articles.len() as f64
    );

    if refit {
        let w = fit(gazetteer, &all);
        write_weights(&w)?;
        eprintln!("wrote fitted weights (rebuild and rerun to score them):");
        for (name, x) in FEATURE_NAMES.iter().zip(w) {
            eprintln!("  {name:>22} {x:8.3}");
        }
    }
    Ok(())
}
