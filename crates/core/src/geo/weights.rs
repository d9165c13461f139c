//! The ranker's weights (see `features::FEATURE_NAMES`), fitted on LGL by `cargo xtask eval geo --fit`
//! (softmax regression over each name's candidates; generated file).

/// Weights of the toponym ranker, one per feature of `features::FEATURE_NAMES`.
pub const WEIGHTS: super::features::Weights = [
    6.1096,  // log_population
    -0.4243, // kind_country
    -0.3677, // kind_admin1
    1.3478,  // kind_admin2
    -1.2326, // kind_city
    0.6768,  // kind_region
    4.0000,  // kind_airport (set by hand: LGL cannot inform it)
    0.3981,  // capital
    -1.7153, // alternate_name
    0.5436,  // demonym_or_code
    1.5074,  // country_support
    2.0149,  // admin1_support
    2.9391,  // proximity
    1.1980,  // contained
    -1.3641, // containment_conflict
    0.9641,  // contains_neighbour
    1.0000,  // dateline_city (set by hand: LGL cannot inform it)
    1.0000,  // label_agrees (set by hand: LGL cannot inform it)
    0.3578,  // country_named
    0.6089,  // admin1_named
    -0.2133, // admin1_cohort
    3.0645,  // near_cohort
    -2.2114, // division_named_like_its_city
    1.5045,  // name_similarity
    0.6062,  // neighbour_support
];
