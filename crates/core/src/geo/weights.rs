//! The ranker's weights (see `features::FEATURE_NAMES`), fitted on LGL by `cargo xtask eval geo --fit`
//! (softmax regression over each name's candidates; generated file).

/// Weights of the toponym ranker, one per feature of `features::FEATURE_NAMES`.
pub const WEIGHTS: super::features::Weights = [
    6.4097,  // log_population
    0.3376,  // kind_country
    0.6725,  // kind_admin1
    -0.9629, // kind_admin2
    -0.1095, // kind_city
    0.0623,  // kind_region
    4.0000,  // kind_airport (set by hand: LGL cannot inform it)
    0.2531,  // capital
    -1.8589, // alternate_name
    0.5413,  // demonym_or_code
    1.5043,  // country_support
    1.9818,  // admin1_support
    2.7974,  // proximity
    1.1340,  // contained
    -1.3157, // containment_conflict
    0.9954,  // contains_neighbour
    1.0000,  // dateline_city (set by hand: LGL cannot inform it)
    1.0000,  // label_agrees (set by hand: LGL cannot inform it)
    0.4495,  // country_named
    0.6317,  // admin1_named
    -0.2032, // admin1_cohort
    2.9755,  // near_cohort
    -2.2123, // division_named_like_its_city
    1.5512,  // name_similarity
    0.7805,  // neighbour_support
    0.0,     // population_top (tried for issue 17, held at 0)
    0.0,     // population_gap (tried for issue 17, held at 0)
    0.0,     // country_share (tried for issue 17, held at 0)
];
