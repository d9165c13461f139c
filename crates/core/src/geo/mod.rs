//! Places: the embedded gazetteer and the geo stage, which resolves place names (toponyms) to gazetteer records and
//! finds the places a document is about.
//!
//! The stage reads toponym spans (from the entity tagger, or gold annotations in evaluation) and the text around
//! them; it returns one scored choice or `None` per toponym, and the document's focus.

mod context;
mod cues;
mod features;
mod gazetteer;
mod name;
mod resolve;
mod weights;

pub use features::{FEATURE_NAMES, FEATURES, Features, HAND_SET, Weights};
pub use gazetteer::{
    FLAG_CAPITAL, Gazetteer, KINDS, Match, MatchKind, NONE, POINT_SOURCES, Record, Tables, approx_distance_km,
    distance_km, kind_code, point_source_code,
};
pub use name::{is_latin, normalize_name};
pub use resolve::{FocusPlace, Group, Resolution, Resolved, Resolver, Toponym};
pub use weights::WEIGHTS;
