//! The ranker's weights (see `features::FEATURE_NAMES`), fitted on LGL by `cargo xtask eval geo --fit`
//! (softmax regression over each name's candidates; generated file).

/// Weights of the toponym ranker, one per feature of `features::FEATURE_NAMES`.
pub const WEIGHTS: super::features::Weights = [
    6.1899,  // log_population
    -0.2881, // kind_country
    -0.1254, // kind_admin1
    1.5500,  // kind_admin2
    -1.0325, // kind_city
    -0.1040, // kind_region
    4.0000,  // kind_airport (set by hand: LGL cannot inform it)
    0.3900,  // capital
    -1.6865, // alternate_name
    0.5346,  // demonym_or_code
    1.4996,  // country_support
    2.0161,  // admin1_support
    3.1045,  // proximity
    1.1948,  // contained
    -1.3557, // containment_conflict
    0.9714,  // contains_neighbour
    1.0000,  // dateline_city (set by hand: LGL cannot inform it)
    1.0000,  // label_agrees (set by hand: LGL cannot inform it)
    0.3887,  // country_named
    0.5756,  // admin1_named
    -0.2580, // admin1_cohort
    2.9810,  // near_cohort
    -2.2538, // division_named_like_its_city
    1.4957,  // name_similarity
    0.6016,  // neighbour_support
];
