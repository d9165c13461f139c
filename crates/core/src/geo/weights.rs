//! The ranker's weights (see `features::FEATURE_NAMES`), fitted on LGL by `cargo xtask eval geo --fit`
//! (softmax regression over each name's candidates; generated file).

/// Weights of the toponym ranker, one per feature of `features::FEATURE_NAMES`.
pub const WEIGHTS: super::features::Weights = [
    6.3735,  // log_population
    0.3945,  // kind_country
    0.6318,  // kind_admin1
    -1.0406, // kind_admin2
    -0.0589, // kind_city
    0.0732,  // kind_region
    4.0000,  // kind_airport (set by hand: LGL cannot inform it)
    0.3549,  // capital
    -1.8377, // alternate_name
    0.5734,  // demonym_or_code
    1.4892,  // country_support
    1.9890,  // admin1_support
    2.8557,  // proximity
    1.1227,  // contained
    -1.3196, // containment_conflict
    1.0264,  // contains_neighbour
    1.0000,  // dateline_city (set by hand: LGL cannot inform it)
    1.0000,  // label_agrees (set by hand: LGL cannot inform it)
    0.4274,  // country_named
    0.6490,  // admin1_named
    -0.2287, // admin1_cohort
    2.9669,  // near_cohort
    -2.0988, // division_named_like_its_city
    1.5331,  // name_similarity
    0.5806,  // neighbour_support
];
