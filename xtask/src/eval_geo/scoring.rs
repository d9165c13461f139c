//! Resolution of gold spans and its scores, as in Gritta et al. ("What's missing in geoparsing?", 2018; "A
//! Pragmatic Guide to Geoparsing Evaluation", 2019): accuracy@161 km, exact GeoNames id, mean and median error, and
//! the AUC of the error curve (sorted errors, ln(1 + km), trapezoidal area normalized by ln(20039)). An unresolved
//! toponym counts as 20,039 km off.

use gleaner_core::geo::{FEATURE_NAMES, Gazetteer, Resolved, Resolver, Toponym, Weights, distance_km};
use gleaner_core::text::Text;

use super::corpora::{Article, Gold};

/// Half the Earth's circumference: the largest possible error.
pub const MAX_ERROR_KM: f64 = 20039.0;

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

/// An original byte span as a span of the normalized text.
pub fn normalized_span(text: &Text<'_>, (start, end): (usize, usize)) -> (usize, usize) {
    if text.original() == text.normalized() {
        (start, end)
    } else {
        (to_normalized(text, start), to_normalized(text, end))
    }
}

/// The toponyms the resolver gets for an article, in text order: its gold spans (without labels) and its context;
/// and the position of each gold toponym among them.
pub fn toponyms(text: &Text<'_>, article: &Article) -> (Vec<Toponym>, Vec<usize>) {
    let mut all: Vec<(Toponym, Option<usize>)> = article
        .gold
        .iter()
        .enumerate()
        .map(|(i, g)| {
            let (start, end) = normalized_span(text, (g.start, g.end));
            let sentence =
                text.sentences.partition_point(|s| s.end <= start).min(text.sentences.len().saturating_sub(1));
            (Toponym { start, end, label: None, sentence }, Some(i))
        })
        .chain(article.context.iter().map(|&t| (t, None)))
        .collect();
    all.sort_by_key(|(t, _)| (t.start, t.end));
    let mut position = vec![0; article.gold.len()];
    for (k, (_, gold)) in all.iter().enumerate() {
        if let Some(i) = gold {
            position[*i] = k;
        }
    }
    (all.into_iter().map(|(t, _)| t).collect(), position)
}

/// True when `place` lies within 161 km of the gold point.
pub fn near(gazetteer: &Gazetteer, gold: &Gold, place: Option<Resolved>) -> bool {
    place.is_some_and(|p| {
        let (lat, lon) = gazetteer.record(p.record).point();
        distance_km(lat, lon, gold.lat, gold.lon) < 161.0
    })
}

#[derive(Default)]
pub struct Scores {
    errors: Vec<f64>,
    exact: usize,
    /// Gold toponyms that carry a GeoNames id (WikToR's carry coordinates only).
    with_id: usize,
    unresolved: usize,
    /// Gold toponyms with a candidate that is right (scored only with error reports).
    reachable: usize,
}

impl Scores {
    /// Share of the gold toponyms with a right candidate among their candidates (only counted with error reports).
    pub fn reachable(&self) -> f64 {
        self.reachable as f64 / self.errors.len().max(1) as f64
    }

    pub fn add(&mut self, other: Scores) {
        self.errors.extend(other.errors);
        self.exact += other.exact;
        self.with_id += other.with_id;
        self.unresolved += other.unresolved;
        self.reachable += other.reachable;
    }

    /// Scores the choice for one gold toponym.
    pub fn push(&mut self, gazetteer: &Gazetteer, gold: &Gold, place: Option<Resolved>) {
        self.with_id += usize::from(gold.geonames_id != 0);
        match place {
            Some(p) => {
                let rec = gazetteer.record(p.record);
                let (lat, lon) = rec.point();
                self.errors.push(distance_km(lat, lon, gold.lat, gold.lon));
                if gold.geonames_id != 0 && rec.geonames_id() == Some(gold.geonames_id) {
                    self.exact += 1;
                }
            }
            None => {
                self.errors.push(MAX_ERROR_KM);
                self.unresolved += 1;
            }
        }
    }

    /// Accuracy@161 km.
    pub fn accuracy(&self) -> f64 {
        self.errors.iter().filter(|&&e| e < 161.0).count() as f64 / self.errors.len().max(1) as f64
    }

    /// The table cells: toponyms, acc@161km, exact id, mean km, median km, AUC, unresolved.
    pub fn row(&self) -> String {
        let n = self.errors.len().max(1) as f64;
        let mut sorted = self.errors.clone();
        sorted.sort_by(f64::total_cmp);
        let mean = sorted.iter().sum::<f64>() / n;
        let median = match sorted.len() {
            0 => 0.0,
            l if l % 2 == 1 => sorted[l / 2],
            l => (sorted[l / 2 - 1] + sorted[l / 2]) / 2.0,
        };
        let logs: Vec<f64> = sorted.iter().map(|e| (e + 1.0).ln()).collect();
        let area: f64 = logs.windows(2).map(|w| (w[0] + w[1]) / 2.0).sum();
        let auc = area / (MAX_ERROR_KM.ln() * (logs.len().max(2) - 1) as f64);
        let exact = if self.with_id == 0 {
            "—".to_string()
        } else {
            format!("{:.3}", self.exact as f64 / self.with_id as f64)
        };
        format!(
            "| {} | {:.3} | {exact} | {:.0} | {:.1} | {:.3} | {} |",
            self.errors.len(),
            self.accuracy(),
            mean,
            median,
            auc,
            self.unresolved
        )
    }
}

/// The columns of `Scores::row`.
pub const COLUMNS: &str = "| toponyms | acc@161km | exact id | mean km | median km | AUC | unresolved |";

/// Resolves the gold spans and scores them; with `errors`, also describes each toponym resolved more than 161 km
/// off (name, gold, candidates, the gold's rank among them, the choice).
pub fn score(
    gazetteer: &Gazetteer,
    weights: Weights,
    articles: &[&Article],
    mut errors: Option<&mut Vec<String>>,
) -> Scores {
    let resolver = Resolver::with_weights(gazetteer, weights);
    let mut s = Scores::default();
    for a in articles {
        let text = Text::new(&a.text);
        let (tops, position) = toponyms(&text, a);
        let out = resolver.resolve(&text, &tops);
        let place_of = |i: usize| position.get(i).and_then(|&k| out.places.get(k)).copied().flatten();
        if let Some(errors) = errors.as_deref_mut() {
            let groups = resolver.groups(&text, &tops);
            for (i, g) in a.gold.iter().enumerate() {
                let (m, place) = (position[i], place_of(i));
                let group = groups.iter().find(|gr| gr.mentions.contains(&m));
                let cands = group.map(|gr| gr.candidates.as_slice()).unwrap_or(&[]);
                let gold_rank = cands.iter().position(|&r| {
                    let rec = gazetteer.record(r);
                    let (lat, lon) = rec.point();
                    rec.geonames_id() == Some(g.geonames_id) || distance_km(lat, lon, g.lat, g.lon) < 161.0
                });
                s.reachable += usize::from(gold_rank.is_some());
                if near(gazetteer, g, place) {
                    continue;
                }
                let surface = text.normalized().get(tops[m].start..tops[m].end).unwrap_or("");
                let n = text.normalized();
                let floor = |mut i: usize| {
                    while !n.is_char_boundary(i) {
                        i -= 1;
                    }
                    i
                };
                let context = n
                    .get(floor(tops[m].start.saturating_sub(60))..floor((tops[m].end + 60).min(n.len())))
                    .unwrap_or("")
                    .replace(['\n', '\t'], " ");
                // The features on which the choice and the gold candidate differ.
                let chosen = place.and_then(|p| cands.iter().position(|&r| r == p.record));
                let diff = match (group, chosen, gold_rank) {
                    (Some(gr), Some(c), Some(k)) => FEATURE_NAMES
                        .iter()
                        .zip(gr.features[c].iter().zip(&gr.features[k]))
                        .filter(|(_, (a, b))| (*a - *b).abs() > 1e-3)
                        .map(|(n, (a, b))| format!("{n}:{a:.2}/{b:.2}"))
                        .collect::<Vec<_>>()
                        .join(" "),
                    _ => String::new(),
                };
                let gold_place = gold_rank.and_then(|k| cands.get(k)).map(|&r| Resolved { record: r, score: 0.0 });
                errors.push(format!(
                    "{surface}\tgold={} ({:.2},{:.2}) {:?}\tcandidates={}\tgold_rank={gold_rank:?}\tchoice={:?}\t\
                     choice/gold {diff}\t{context}",
                    g.geonames_id,
                    g.lat,
                    g.lon,
                    describe(gazetteer, gold_place),
                    cands.len(),
                    describe(gazetteer, place),
                ));
            }
        }
        for (i, g) in a.gold.iter().enumerate() {
            s.push(gazetteer, g, place_of(i));
        }
    }
    s
}

/// A resolved place as the error reports print it.
pub fn describe(gazetteer: &Gazetteer, place: Option<Resolved>) -> Option<String> {
    place.map(|p| {
        let r = gazetteer.record(p.record);
        format!(
            "{} ({:?} {:?} {} pop={} p={:.2})",
            r.name(),
            r.kind(),
            r.country_code(),
            r.geonames_id().unwrap_or(0),
            r.population(),
            p.score
        )
    })
}
