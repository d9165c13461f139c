//! The given names whose bearers are nearly all of one sex, so that "Alice Smith … she" agrees and "Alice Smith …
//! he" does not. Compiled by `cargo xtask resources` from `data/given_names.tsv` (US Social Security
//! Administration counts, see `data/given_names.py`) into `coref-names.bin`.

use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};

use super::Sex;
use crate::{Error, Result};

/// The stored form of the table (postcard): lower-cased given names of each sex, sorted.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct GivenNamesFile {
    /// Where the names come from.
    pub source: String,
    /// Names nearly all of whose bearers are men.
    pub male: Vec<String>,
    /// Names nearly all of whose bearers are women.
    pub female: Vec<String>,
}

/// The given-name table, ready for lookups.
#[derive(Debug, Default)]
pub struct GivenNames {
    sex: FxHashMap<Box<str>, Sex>,
}

impl GivenNames {
    /// The embedded table, decoded once per process.
    #[cfg(feature = "embedded")]
    pub fn embedded() -> Result<&'static GivenNames> {
        crate::resources::embedded::<GivenNames>().map(|n| &**n)
    }

    /// Decodes a compiled table (the payload of `coref-names.bin`).
    pub fn decode(bytes: &[u8]) -> Result<GivenNames> {
        let file: GivenNamesFile = postcard::from_bytes(bytes).map_err(|e| Error::resource("coref-names.bin", e))?;
        if file.male.is_empty() || file.female.is_empty() {
            return Err(Error::resource("coref-names.bin", "no names"));
        }
        Ok(GivenNames::from(file))
    }

    /// The sex the given name `word` (as written) says, if the table knows it.
    pub fn sex(&self, word: &str) -> Option<Sex> {
        if word.chars().count() < 2 {
            return None;
        }
        self.sex.get(word.to_lowercase().as_str()).copied()
    }
}

impl From<GivenNamesFile> for GivenNames {
    fn from(file: GivenNamesFile) -> Self {
        let male = file.male.into_iter().map(|n| (n.into_boxed_str(), Sex::Male));
        let female = file.female.into_iter().map(|n| (n.into_boxed_str(), Sex::Female));
        GivenNames { sex: male.chain(female).collect() }
    }
}
