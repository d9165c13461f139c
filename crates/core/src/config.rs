//! What an [`Extractor`](crate::Extractor) extracts and how: the output switches, the stages that run, and each
//! stage's options. Serializable (`serde`, JSON Schema), so a service or a job can take it as a JSON document:
//!
//! ```json
//! {"offsets": "utf16", "stages": {"events": false, "summary": false}, "summary": {"max_keyphrases": 5}}
//! ```
//!
//! Every struct here is `#[non_exhaustive]`: start from `Default` (or a preset) and set fields.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::model::Offsets;

/// What to extract and how to report it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(default, deny_unknown_fields)]
#[non_exhaustive]
pub struct Config {
    /// The unit of output offsets.
    pub offsets: Offsets,
    /// Output the sentences.
    pub sentences: bool,
    /// Output the sentences, each with its tone.
    pub sentence_tone: bool,
    /// Output the tokens.
    pub tokens: bool,
    /// Refuse documents longer than this many UTF-8 bytes.
    pub max_bytes: usize,
    /// Which stages run.
    pub stages: Stages,
    /// Options of the places stage.
    pub places: PlacesOptions,
    /// Options of the events stage.
    pub events: EventsOptions,
    /// Options of the summary stage.
    pub summary: SummaryOptions,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            offsets: Offsets::Chars,
            sentences: false,
            sentence_tone: false,
            tokens: false,
            max_bytes: 64 << 20,
            stages: Stages::all(),
            places: PlacesOptions::default(),
            events: EventsOptions::default(),
            summary: SummaryOptions::default(),
        }
    }
}

impl Config {
    /// Whether the whole document is parsed: the parse stage is on and the tokens' heads and relations are output.
    pub(crate) fn parses(&self) -> bool {
        self.stages.parse && self.tokens
    }

    /// Whether the event coder reads the parse (`events.parse`, with the parse stage on). Without the tokens, only
    /// the sentences it needs are parsed, when it needs them.
    pub(crate) fn events_parse(&self) -> bool {
        self.stages.parse && self.stages.events && self.events.parse
    }

    /// Whether a stage reads the part of speech of every token (coreference, events, the summary's chunks, the
    /// parse). When only the entities stage reads them, it reads a few tokens around each name, and the tagger
    /// tags only the sentences it reads (`tag::LazyPos`).
    pub(crate) fn reads_all_pos(&self) -> bool {
        let on = &self.stages;
        on.coref || on.events || on.summary || self.parses() || self.events_parse()
    }
}

/// The stages that run. The text layer (tokens, sentences, segments) always runs; the part-of-speech tagger runs
/// whenever a stage reads it. A stage that is off leaves its fields of the record empty (`tone` null).
///
/// A stage turns on the stages it reads, so what it outputs is the same as in the whole pipeline: `places` and
/// `coref` turn on `entities`; `quantities` turns on `times`; `events` turns on `entities`, `places` and `times`;
/// `summary` turns on `coref` and `events` (its themes read the event codes) and with them everything but
/// `quantities`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(default, deny_unknown_fields)]
#[non_exhaustive]
pub struct Stages {
    /// The dependency parse: each token's head and Universal Dependencies relation (output with `tokens`; computed
    /// when the tokens are output or the event coder reads it, `events.parse`).
    pub parse: bool,
    /// Named-entity mentions and entities (the entity tagger, or your own `Recognizer`).
    pub entities: bool,
    /// Coreference: the pronouns and descriptions ("the minister") that refer to the entities, as mentions of
    /// kind `pronoun` and `description` (it reads the chunks, which the chunk tagger makes for it).
    pub coref: bool,
    /// Places: the place entities resolved to GeoNames, and the document's focus.
    pub places: bool,
    /// Dates and times, normalized against the publication date.
    pub times: bool,
    /// Counts, amounts of money, percentages.
    pub quantities: bool,
    /// CAMEO / PLOVER events, and the entities' actor codes.
    pub events: bool,
    /// Tone, keyphrases, quotations and themes.
    pub summary: bool,
}

impl Default for Stages {
    fn default() -> Self {
        Stages::all()
    }
}

impl Stages {
    /// Every stage.
    pub const fn all() -> Stages {
        Stages {
            parse: true,
            entities: true,
            coref: true,
            places: true,
            times: true,
            quantities: true,
            events: true,
            summary: true,
        }
    }

    /// No stage: the text layer alone (segments, and sentences and tokens when asked for).
    pub const fn none() -> Stages {
        Stages {
            parse: false,
            entities: false,
            coref: false,
            places: false,
            times: false,
            quantities: false,
            events: false,
            summary: false,
        }
    }

    /// Named entities only: their name mentions and entities, without coreference.
    pub const fn names() -> Stages {
        Stages { entities: true, ..Stages::none() }
    }

    /// Named entities, and the places among them resolved to GeoNames.
    pub const fn names_and_places() -> Stages {
        Stages { entities: true, places: true, ..Stages::none() }
    }

    /// These stages and the stages they read (see [`Stages`]).
    pub fn with_inputs(self) -> Stages {
        let mut s = self;
        // From the last stage to the first, so that a stage turned on here turns on its own inputs.
        s.events |= s.summary;
        s.coref |= s.summary;
        s.entities |= s.summary || s.events || s.coref;
        s.places |= s.events;
        s.times |= s.events || s.quantities;
        s.entities |= s.places;
        s
    }

    /// Whether a stage reads the part-of-speech tags (the entities, coreference, the events' verbs and the
    /// summary's chunks; the parse too, when it runs: `Config::parses`).
    pub(crate) fn tags(&self) -> bool {
        self.entities || self.coref || self.events || self.summary
    }

    /// Whether a stage reads the chunks (coreference's descriptions, the summary's keyphrases).
    pub(crate) fn chunks(&self) -> bool {
        self.coref || self.summary
    }
}

/// Options of the places stage.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(default, deny_unknown_fields)]
#[non_exhaustive]
pub struct PlacesOptions {
    /// Weights of the toponym ranker that replace the shipped ones, by feature name (`log_population`,
    /// `proximity` …; `gleaner_core::geo::FEATURE_NAMES` lists them). An unknown name is a configuration error.
    pub weights: BTreeMap<String, f32>,
}

/// Options of the events stage.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(default, deny_unknown_fields)]
#[non_exhaustive]
pub struct EventsOptions {
    /// Report only the first event of each (source, target) pair of a document.
    pub one_event_per_dyad: bool,
    /// The source (a CAMEO actor code) of an event whose sentence names none, for collections that all come from
    /// one actor (one government's news agency). None by default: in general news a missing side is unknown.
    pub default_source: Option<String>,
    /// The target (a CAMEO actor code) of an event whose sentence names none.
    pub default_target: Option<String>,
    /// Let the event coder read the dependency parse (with the `parse` stage on): sources and targets where its
    /// clause reading finds none. Only the sentences where it needs them are parsed (a coded verb with a side left
    /// empty), but in news that is most of them ("said" codes 010 and seldom has a target): off by default, the
    /// pipeline's CPU time nearly doubles for no gain measured on the events development set (docs/EVAL.md).
    pub parse: bool,
}

/// Options of the summary stage.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(default, deny_unknown_fields)]
#[non_exhaustive]
pub struct SummaryOptions {
    /// At most this many keyphrases.
    pub max_keyphrases: usize,
}

impl Default for SummaryOptions {
    fn default() -> Self {
        SummaryOptions { max_keyphrases: crate::summary::Options::default().max_keyphrases }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stages_turn_on_what_they_read() {
        let only = |f: fn(&mut Stages)| {
            let mut s = Stages::none();
            f(&mut s);
            s.with_inputs()
        };
        assert_eq!(only(|s| s.places = true), Stages::names_and_places());
        assert_eq!(only(|s| s.quantities = true), Stages { times: true, quantities: true, ..Stages::none() });
        assert_eq!(
            only(|s| s.events = true),
            Stages { entities: true, places: true, times: true, events: true, ..Stages::none() }
        );
        assert_eq!(only(|s| s.summary = true), Stages { quantities: false, parse: false, ..Stages::all() });
        assert_eq!(only(|s| s.coref = true), Stages { entities: true, coref: true, ..Stages::none() });
        assert_eq!(Stages::names().with_inputs(), Stages::names());
    }

    #[test]
    fn config_reads_partial_json_and_refuses_unknown_fields() {
        let c: Config = serde_json::from_str(r#"{"stages":{"events":false},"summary":{"max_keyphrases":3}}"#)
            .unwrap_or_else(|e| panic!("{e}"));
        assert!(!c.stages.events && c.stages.places && c.summary.max_keyphrases == 3);
        assert!(serde_json::from_str::<Config>(r#"{"stages":{"event":false}}"#).is_err());
        let schema = serde_json::to_string(&schemars::schema_for!(Config)).unwrap_or_default();
        assert!(schema.contains("max_keyphrases") && schema.contains("one_event_per_dyad"), "{schema}");
    }
}
