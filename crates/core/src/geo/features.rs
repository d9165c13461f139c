//! What the ranker reads about each candidate place of a name, and the linear score it gives.

use super::gazetteer::{MatchKind, Record};
use crate::model::{Label, PlaceKind};

/// The features, in the order of `Features` and `Weights`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum F {
    /// log10(population + 1) / 7.
    LogPopulation,
    KindCountry,
    KindAdmin1,
    KindAdmin2,
    KindCity,
    KindRegion,
    KindAirport,
    /// The capital of its country.
    Capital,
    /// Matched by one of GeoNames' alternate names.
    AlternateName,
    /// Matched by a demonym ("Iranian") or a code ("TX").
    DemonymOrCode,
    /// ln(1 + probability mass that the other names give the candidate's country).
    CountrySupport,
    /// ln(1 + probability mass that the other names give the candidate's first-order division).
    Admin1Support,
    /// Nearness to the most likely readings of the other names.
    Proximity,
    /// The text puts the name inside one of the candidate's containers ("Paris, Texas").
    Contained,
    /// The text puts the name inside a container after a comma that does not hold the candidate.
    ContainmentConflict,
    /// The name follows another after a comma and the candidate holds one of that name's readings.
    ContainsNeighbour,
    /// A city named by the dateline.
    DatelineCity,
    /// The tagger's label fits the kind (FAC for airports, LOC for regions, GPE for the rest).
    LabelAgrees,
    /// The candidate's country is named outright elsewhere in the document.
    CountryNamed,
    /// The candidate's first-order division is named outright elsewhere in the document.
    Admin1Named,
    /// ln(1 + other names with some reading in the candidate's division, weighted down by ambiguity).
    Admin1Cohort,
    /// ln(1 + other names with some reading near the candidate, weighted by nearness and ambiguity).
    NearCohort,
    /// A division with a city of the same name inside it (Basra governorate and the city of Basra).
    DivisionNamedLikeItsCity,
    /// Similarity of the name to the candidate's own name (1 for a direct match).
    NameSimilarity,
    /// ln(1 + probability mass that the other names give the countries bordering the candidate's).
    NeighbourSupport,
    /// The most populous of the name's candidates (ties: all of them).
    PopulationTop,
    /// How far the candidate's population falls below the most populous candidate's: (log10(p + 1) − log10(max +
    /// 1)) / 7, at most 0.
    PopulationGap,
    /// The share of the other names' probability mass that falls in the candidate's country (0 when no other name
    /// has a reading): a US namesake in a story about the US, a French town in a story about France.
    CountryShare,
}

/// How many features the ranker reads per candidate.
pub const FEATURES: usize = F::CountryShare as usize + 1;

/// Names of the features, in order (for reports and the weights file).
pub const FEATURE_NAMES: [&str; FEATURES] = [
    "log_population",
    "kind_country",
    "kind_admin1",
    "kind_admin2",
    "kind_city",
    "kind_region",
    "kind_airport",
    "capital",
    "alternate_name",
    "demonym_or_code",
    "country_support",
    "admin1_support",
    "proximity",
    "contained",
    "containment_conflict",
    "contains_neighbour",
    "dateline_city",
    "label_agrees",
    "country_named",
    "admin1_named",
    "admin1_cohort",
    "near_cohort",
    "division_named_like_its_city",
    "name_similarity",
    "neighbour_support",
    "population_top",
    "population_gap",
    "country_share",
];

/// Features that the fitting data (LGL: gold spans without labels, no datelines, no airports) cannot inform: their
/// weights are set by hand and kept when the others are fitted. An airport is a candidate only when its full name
/// or, where safe, its code matched, so its kind weighs as much as a mid-sized town's population.
pub const HAND_SET: [usize; 3] = [F::KindAirport as usize, F::DatelineCity as usize, F::LabelAgrees as usize];

/// What the document says for a candidate, beyond its name: its country, division or neighbours named, nearness to
/// the other places, containment, the dateline.
const DOCUMENT_SUPPORT: [F; 12] = [
    F::CountrySupport,
    F::Admin1Support,
    F::Proximity,
    F::Contained,
    F::ContainsNeighbour,
    F::DatelineCity,
    F::CountryNamed,
    F::Admin1Named,
    F::Admin1Cohort,
    F::NearCohort,
    F::NeighbourSupport,
    F::CountryShare,
];

/// True when anything in the document besides the name itself points to the candidate.
pub(super) fn supported(f: &Features) -> bool {
    DOCUMENT_SUPPORT.iter().any(|&k| f.get(k as usize).is_some_and(|&x| x > 0.0))
}

/// The feature values of one candidate.
pub type Features = [f32; FEATURES];

/// Weights of the linear ranker, one per feature.
pub type Weights = [f32; FEATURES];

pub(super) fn set(f: &mut Features, which: F, value: f32) {
    if let Some(slot) = f.get_mut(which as usize) {
        *slot = value;
    }
}

/// The features that need no context: population, kind, capital, how the name matched, label agreement.
pub(super) fn prior_features(rec: &Record<'_>, how: MatchKind, label: Option<Label>) -> Features {
    let mut f = [0.0f32; FEATURES];
    set(&mut f, F::LogPopulation, ((rec.population() as f32) + 1.0).log10() / 7.0);
    let kind = rec.kind();
    let kind_feature = match kind {
        PlaceKind::Country => F::KindCountry,
        PlaceKind::Admin1 => F::KindAdmin1,
        PlaceKind::Admin2 => F::KindAdmin2,
        PlaceKind::City => F::KindCity,
        PlaceKind::Region | PlaceKind::Continent => F::KindRegion,
        PlaceKind::Airport => F::KindAirport,
    };
    set(&mut f, kind_feature, 1.0);
    if rec.is_capital() {
        set(&mut f, F::Capital, 1.0);
    }
    match how {
        MatchKind::Name => {}
        MatchKind::Alternate => set(&mut f, F::AlternateName, 1.0),
        MatchKind::Demonym | MatchKind::Code => set(&mut f, F::DemonymOrCode, 1.0),
    }
    let agrees = match label {
        Some(Label::Fac) => kind == PlaceKind::Airport,
        Some(Label::Loc) => matches!(kind, PlaceKind::Region | PlaceKind::Continent),
        Some(Label::Gpe) => {
            matches!(kind, PlaceKind::Country | PlaceKind::Admin1 | PlaceKind::Admin2 | PlaceKind::City)
        }
        _ => false,
    };
    if agrees {
        set(&mut f, F::LabelAgrees, 1.0);
    }
    f
}

/// The linear score.
pub(super) fn score(w: &Weights, f: &Features) -> f32 {
    w.iter().zip(f).map(|(a, b)| a * b).sum()
}

/// Probabilities from scores.
pub(super) fn softmax(scores: impl Iterator<Item = f32>) -> Vec<f32> {
    let s: Vec<f32> = scores.collect();
    let max = s.iter().copied().fold(f32::NEG_INFINITY, f32::max);
    let e: Vec<f32> = s.iter().map(|x| (x - max).exp()).collect();
    let sum: f32 = e.iter().sum();
    if sum > 0.0 { e.iter().map(|x| x / sum).collect() } else { e }
}
