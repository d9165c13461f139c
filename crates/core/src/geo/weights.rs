//! The ranker's weights (see `features::FEATURE_NAMES`), fitted on LGL by `cargo xtask eval geo --fit`
//! (softmax regression over each name's candidates; generated file).

/// Weights of the toponym ranker, one per feature of `features::FEATURE_NAMES`.
pub const WEIGHTS: super::features::Weights = [
    6.0837,  // log_population
    -0.4337, // kind_country
    -0.4916, // kind_admin1
    1.4519,  // kind_admin2
    -1.1671, // kind_city
    0.6717,  // kind_region
    4.0000,  // kind_airport (set by hand: LGL cannot inform it)
    0.5500,  // capital
    -1.9341, // alternate_name
    0.6381,  // demonym_or_code
    1.5569,  // country_support
    2.0589,  // admin1_support
    2.9297,  // proximity
    1.1755,  // contained
    -1.3746, // containment_conflict
    1.4343,  // contains_neighbour
    1.0000,  // dateline_city (set by hand: LGL cannot inform it)
    1.0000,  // label_agrees (set by hand: LGL cannot inform it)
    0.3085,  // country_named
    0.5896,  // admin1_named
    -0.2097, // admin1_cohort
    2.8838,  // near_cohort
    -1.4459, // division_named_like_its_city
    1.4050,  // name_similarity
    0.6018,  // neighbour_support
];
