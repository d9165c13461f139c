//! What the other names of a document say about one name's candidates: which countries and divisions they point
//! to, and which of their readings lie near.

use crate::fasthash::FastMap as HashMap;

use super::cues::Cues;
use super::features::{F, Features, set};
use super::gazetteer::{Gazetteer, Record, approx_distance_km};
use super::resolve::Group;
use crate::model::PlaceKind;

/// At most this many other names count towards a cohort, at most this many readings are looked at for nearness,
/// and at most this many resolved places serve as anchors (bounds the work on documents naming hundreds of places).
const MAX_COHORT: usize = 32;
const MAX_NEAR_READINGS: usize = 512;
const MAX_ANCHORS: usize = 24;
/// Distance scales, in km: of nearness between readings, and of proximity to the likely places.
const NEAR_KM: f64 = 50.0;
const PROXIMITY_KM: f64 = 250.0;

/// The division a place counts for: itself for a first-order division, else the one it lies in.
fn admin1_of(rec: &Record<'_>) -> Option<u32> {
    if rec.kind() == PlaceKind::Admin1 { Some(rec.id()) } else { rec.admin1().map(|a| a.id()) }
}

fn point_like(kind: PlaceKind) -> bool {
    matches!(kind, PlaceKind::City | PlaceKind::Admin2 | PlaceKind::Airport)
}

fn cell(lat: f64, lon: f64) -> (i32, i32) {
    (lat.floor() as i32, lon.floor() as i32)
}

/// A point-like reading of a name, filed under its grid cell.
#[derive(Debug, Clone, Copy)]
struct Reading {
    group: usize,
    lat: f64,
    lon: f64,
    /// The name's weight: 1 / sqrt(number of its readings).
    weight: f32,
}

/// Which names could be read as lying in the same division or near each other, whatever their current ranking: a
/// place that several other names agree with is likely the one meant ("Paris" and "Henry County" both have a
/// Tennessee reading). Each name counts once, weighted down by its ambiguity.
#[derive(Debug, Default)]
pub(super) struct Cohorts {
    /// First-order division record → (group, weight) of the names with a reading in it.
    admin1: HashMap<u32, Vec<(usize, f32)>>,
    /// One-degree grid cell → the point-like readings in it.
    cells: HashMap<(i32, i32), Vec<Reading>>,
}

impl Cohorts {
    pub fn new(gazetteer: &Gazetteer, groups: &[Group]) -> Self {
        let mut cohorts = Cohorts::default();
        for (g, group) in groups.iter().enumerate() {
            let weight = 1.0 / (group.candidates.len().max(1) as f32).sqrt();
            for &r in &group.candidates {
                let rec = gazetteer.record(r);
                if let Some(a) = admin1_of(&rec) {
                    let names = cohorts.admin1.entry(a).or_default();
                    if names.last().is_none_or(|x| x.0 != g) {
                        names.push((g, weight));
                    }
                }
                if point_like(rec.kind()) {
                    let (lat, lon) = rec.point();
                    cohorts.cells.entry(cell(lat, lon)).or_default().push(Reading { group: g, lat, lon, weight });
                }
            }
        }
        cohorts
    }

    /// Sets the cohort features of candidate `rec` of group `g`.
    pub fn add_features(&self, g: usize, rec: &Record<'_>, f: &mut Features) {
        let in_admin1: f32 = admin1_of(rec)
            .and_then(|a| self.admin1.get(&a))
            .map(|v| v.iter().filter(|x| x.0 != g).take(MAX_COHORT).map(|x| x.1).sum())
            .unwrap_or(0.0);
        set(f, F::Admin1Cohort, in_admin1.ln_1p());
        if !point_like(rec.kind()) {
            return;
        }
        // For each other name, how near its nearest reading is.
        let mut nearest: Vec<(usize, f32)> = Vec::new();
        let (lat, lon) = rec.point();
        let (y, x) = cell(lat, lon);
        let neighbourhood = (-1..=1).flat_map(|dy| (-1..=1).map(move |dx| (y + dy, x + dx)));
        let readings = neighbourhood.filter_map(|c| self.cells.get(&c)).flatten().take(MAX_NEAR_READINGS);
        for r in readings.filter(|r| r.group != g) {
            let close = r.weight * (-approx_distance_km(lat, lon, r.lat, r.lon) / NEAR_KM).exp() as f32;
            if let Some(x) = nearest.iter_mut().find(|x| x.0 == r.group) {
                x.1 = x.1.max(close);
            } else if nearest.len() < MAX_COHORT {
                nearest.push((r.group, close));
            }
        }
        set(f, F::NearCohort, nearest.iter().map(|x| x.1).sum::<f32>().ln_1p());
    }
}

/// What the other names say given the previous round's probabilities.
#[derive(Debug, Default)]
pub(super) struct Context {
    /// Country index → probability mass that all names give it.
    country_mass: HashMap<u16, f32>,
    /// First-order division record → probability mass that all names give it.
    admin1_mass: HashMap<u32, f32>,
    /// Per group: what it gives each country and division itself, to take its own share out.
    own_country: Vec<Vec<(u16, f32)>>,
    own_admin1: Vec<Vec<(u32, f32)>>,
    /// Countries and first-order divisions named outright (a name whose best reading is one, p ≥ 0.5) → the name.
    named_countries: HashMap<u16, usize>,
    named_admin1: HashMap<u32, usize>,
    /// The probability mass of all names, and per group its own (to take out).
    total_mass: f32,
    own_total: Vec<f32>,
    /// Best readings below country level: (group, lat, lon, probability), most probable first.
    anchors: Vec<(usize, f64, f64, f32)>,
}

impl Context {
    pub fn new(gazetteer: &Gazetteer, groups: &[Group], probs: &[Vec<f32>], cues: &[Cues]) -> Self {
        let mut ctx = Context::default();
        for (g, (group, p)) in groups.iter().zip(probs).enumerate() {
            // A dateline speaks for the whole story.
            let dateline = group.mentions.iter().any(|&m| cues.get(m).is_some_and(|c| c.dateline));
            let weight = if dateline { 2.0 } else { 1.0 };
            let mut countries: Vec<(u16, f32)> = Vec::new();
            let mut admin1s: Vec<(u32, f32)> = Vec::new();
            for (&r, &pr) in group.candidates.iter().zip(p) {
                let rec = gazetteer.record(r);
                if let Some(c) = rec.country_index() {
                    add(&mut countries, c, pr * weight);
                }
                if let Some(a) = admin1_of(&rec) {
                    add(&mut admin1s, a, pr * weight);
                }
            }
            let own: f32 = countries.iter().map(|x| x.1).sum();
            ctx.total_mass += own;
            ctx.own_total.push(own);
            for &(c, m) in &countries {
                *ctx.country_mass.entry(c).or_default() += m;
            }
            for &(a, m) in &admin1s {
                *ctx.admin1_mass.entry(a).or_default() += m;
            }
            ctx.own_country.push(countries);
            ctx.own_admin1.push(admin1s);
            let best = p.iter().enumerate().max_by(|a, b| a.1.total_cmp(b.1));
            if let Some((i, &pb)) = best
                && let Some(&r) = group.candidates.get(i)
            {
                let rec = gazetteer.record(r);
                match rec.kind() {
                    PlaceKind::Country if pb >= 0.5 => {
                        if let Some(c) = rec.country_index() {
                            ctx.named_countries.entry(c).or_insert(g);
                        }
                    }
                    PlaceKind::Admin1 if pb >= 0.5 => {
                        ctx.named_admin1.entry(r).or_insert(g);
                    }
                    _ => {}
                }
                if matches!(rec.kind(), PlaceKind::City | PlaceKind::Admin1 | PlaceKind::Admin2 | PlaceKind::Airport) {
                    let (lat, lon) = rec.point();
                    ctx.anchors.push((g, lat, lon, pb));
                }
            }
        }
        ctx.anchors.sort_by(|a, b| b.3.total_cmp(&a.3).then(a.0.cmp(&b.0)));
        ctx.anchors.truncate(MAX_ANCHORS);
        ctx
    }

    /// The probability mass that the names other than group `g` give country `c`.
    fn country_support(&self, g: usize, c: u16) -> f32 {
        let own = self.own_country.get(g).and_then(|v| v.iter().find(|x| x.0 == c)).map_or(0.0, |x| x.1);
        (self.country_mass.get(&c).copied().unwrap_or(0.0) - own).max(0.0)
    }

    /// Sets the context features of candidate `rec` of group `g`.
    pub fn add_features(&self, gazetteer: &Gazetteer, g: usize, rec: &Record<'_>, f: &mut Features) {
        if let Some(c) = rec.country_index() {
            let support = self.country_support(g, c);
            set(f, F::CountrySupport, support.ln_1p());
            let others = self.total_mass - self.own_total.get(g).copied().unwrap_or(0.0);
            if others > 1e-3 {
                set(f, F::CountryShare, (support / others).min(1.0));
            }
            // A name's own readings in a neighbouring country (York, Pennsylvania, for York, Ontario) support nothing.
            let neighbours: f32 = gazetteer.neighbours(c).iter().map(|&n| self.country_support(g, n)).sum();
            set(f, F::NeighbourSupport, neighbours.ln_1p());
            if rec.kind() != PlaceKind::Country && self.named_countries.get(&c).is_some_and(|&ng| ng != g) {
                set(f, F::CountryNamed, 1.0);
            }
        }
        if let Some(a) = admin1_of(rec) {
            let own = self.own_admin1.get(g).and_then(|v| v.iter().find(|x| x.0 == a)).map_or(0.0, |x| x.1);
            let support = (self.admin1_mass.get(&a).copied().unwrap_or(0.0) - own).max(0.0);
            set(f, F::Admin1Support, support.ln_1p());
            if rec.kind() != PlaceKind::Admin1 && self.named_admin1.get(&a).is_some_and(|&ng| ng != g) {
                set(f, F::Admin1Named, 1.0);
            }
        }
        let (lat, lon) = rec.point();
        // Anchors more than ten degrees of latitude away add nothing that counts (exp(-4.4) at most).
        let proximity = self
            .anchors
            .iter()
            .filter(|a| a.0 != g && (a.1 - lat).abs() < 10.0)
            .map(|&(_, alat, alon, p)| p * (-approx_distance_km(lat, lon, alat, alon) / PROXIMITY_KM).exp() as f32)
            .fold(0.0f32, f32::max);
        set(f, F::Proximity, proximity);
    }
}

fn add<K: PartialEq>(v: &mut Vec<(K, f32)>, key: K, mass: f32) {
    match v.iter_mut().find(|x| x.0 == key) {
        Some(x) => x.1 += mass,
        None => v.push((key, mass)),
    }
}
