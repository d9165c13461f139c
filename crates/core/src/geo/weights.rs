//! The ranker's weights (see `features::FEATURE_NAMES`), fitted on LGL, WikToR and GeoCorpora together by `cargo xtask eval geo --fit`
//! (softmax regression over each name's candidates, from neutral weights; generated file).

/// Weights of the toponym ranker, one per feature of `features::FEATURE_NAMES`.
pub const WEIGHTS: super::features::Weights = [
    5.5620,  // log_population
    1.0379,  // kind_country
    0.5178,  // kind_admin1
    -1.4292, // kind_admin2
    -0.2137, // kind_city
    0.0872,  // kind_region
    4.0000,  // kind_airport (set by hand: the corpora cannot inform it)
    1.7066,  // capital
    -1.6799, // alternate_name
    0.1528,  // demonym_or_code
    1.5257,  // country_support
    1.5407,  // admin1_support
    3.0199,  // proximity
    -0.3035, // contained
    -0.3440, // containment_conflict
    0.6170,  // contains_neighbour
    1.0000,  // dateline_city (set by hand: the corpora cannot inform it)
    1.0000,  // label_agrees (set by hand: the corpora cannot inform it)
    1.0142,  // country_named
    1.1733,  // admin1_named
    0.5475,  // admin1_cohort
    2.6913,  // near_cohort
    -0.5693, // division_named_like_its_city
    0.9719,  // name_similarity
    1.0446,  // neighbour_support
];
