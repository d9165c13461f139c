//! Political events: who did what to whom, coded in CAMEO with PLOVER, QuadClass and Goldstein.
//!
//! The dictionaries of TABARI / PETRARCH (verbs with patterns, actors, agents, discards) are read by
//! [`dict`], compiled into matchers by [`lexicon`], and applied to sentences by the [`Coder`]: chunks from
//! [`shallow`], actors from [`actor`], verb patterns from [`patterns`].

pub mod actor;
pub mod coder;
pub mod codes;
pub mod dict;
mod intent;
pub mod lexicon;
mod nominal;
pub mod patterns;
pub mod shallow;
pub mod stage;
#[cfg(test)]
mod tests;

pub use coder::{
    CodedPhrase, Coder, DefaultActors, Discard, Known, LoneAgents, Options, SentenceEvent, SentenceParse,
    SentenceResult, Side,
};
pub use codes::CodeTables;
pub use lexicon::{Dictionaries, Lexicon};
pub use shallow::Pos;

use dict::{Diagnostic, Flavor};

/// What a dictionary file is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DictKind {
    /// Verbs, synsets, patterns, transformations.
    Verbs,
    /// Actors.
    Actors,
    /// Agents.
    Agents,
    /// Discards.
    Discards,
    /// Issues.
    Issues,
}

/// Reads dictionary files (name, text, kind) into one set of dictionaries, collecting the diagnostics of
/// unreadable lines.
pub fn read_dictionaries(files: &[(&str, &str, DictKind)], flavor: Flavor) -> (Dictionaries, Vec<Diagnostic>) {
    let mut d = Dictionaries { flavor: Some(flavor), ..Dictionaries::default() };
    let mut diags = Vec::new();
    for (name, text, kind) in files {
        match kind {
            DictKind::Verbs => {
                let (v, e) = dict::read_verbs(name, text, flavor);
                d.verbs.push(v);
                diags.extend(e);
            }
            DictKind::Actors => {
                let (a, e) = dict::read_actors(name, text, flavor);
                d.actors.extend(a);
                diags.extend(e);
            }
            DictKind::Agents => {
                let (a, e) = dict::read_agents(name, text, flavor);
                d.agents.extend(a);
                diags.extend(e);
            }
            DictKind::Discards => {
                let (a, e) = dict::read_discards(name, text);
                d.discards.extend(a);
                diags.extend(e);
            }
            DictKind::Issues => {
                let (a, e) = dict::read_issues(name, text);
                d.issues.extend(a);
                diags.extend(e);
            }
        }
    }
    (d, diags)
}

/// The compiled event resources: the Phoenix dictionaries and the CAMEO code tables.
#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize)]
pub struct Resources {
    /// The compiled dictionaries.
    pub lexicon: Lexicon,
    /// CAMEO names, Goldstein values, PLOVER categories.
    pub tables: CodeTables,
    /// Where the resources came from (files and their sizes), for `/v1/info`.
    pub provenance: String,
}

impl Resources {
    /// Serializes the resources (postcard; the payload of `events.bin`).
    pub fn to_bytes(&self) -> crate::Result<Vec<u8>> {
        postcard::to_allocvec(self).map_err(|e| crate::Error::resource("events.bin", e))
    }

    /// Reads serialized resources.
    pub fn from_bytes(bytes: &[u8]) -> crate::Result<Resources> {
        let mut r: Resources = postcard::from_bytes(bytes).map_err(|e| crate::Error::resource("events.bin", e))?;
        r.lexicon.rebuild_index();
        Ok(r)
    }

    /// The resources embedded in the library, decoded once per process.
    #[cfg(feature = "embedded")]
    pub fn embedded() -> crate::Result<&'static Resources> {
        crate::resources::embedded::<Resources>().map(|r| &**r)
    }
}
