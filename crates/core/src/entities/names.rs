//! An index of the entities' current names, so that finding the latest entity a mention may join costs the
//! same in a document of a thousand names as in one of three.
//!
//! A mention joins the latest entity whose name it equals, contains as a run of words, or is a run of, or whose
//! name its acronym abbreviates (or the other way round). Every entity a mention could join is filed under a key
//! the mention can compute from its own words: each run of up to `RUN` words of the entity's name, the name
//! itself, the first `RUN` words of a longer name, the initials of a longer name, an acronym's letters. Keys are
//! hashes, and the caller's own test confirms each candidate, so a collision costs a test and never a wrong join.

use std::collections::BTreeSet;
use std::hash::{Hash, Hasher};

use rustc_hash::{FxHashMap, FxHasher};

/// Runs of up to this many words are filed one by one; longer names by their first `RUN` words.
const RUN: usize = 6;

/// A name as the index reads it.
#[derive(Debug, Clone, Copy)]
pub(super) struct Name<'a> {
    /// Its words, lower-cased.
    pub words: &'a [String],
    /// The family of its label (only names of one family join, acronyms aside).
    pub family: u8,
    /// Its letters when it is one word written as an acronym ("SEC" → "SEC", "U.S." → "US").
    pub acronym: Option<&'a str>,
    /// Its initials when it has more than one word ("Securities and Exchange Commission" → "SEC").
    pub initials: Option<&'a str>,
}

/// What a key files.
#[derive(Hash)]
enum Kind {
    /// A run of up to `RUN` words of a name.
    Run,
    /// A whole name of up to `RUN` words.
    Whole,
    /// The first `RUN` words of a longer name.
    LongStart,
    /// The initials of a name of several words (any family).
    Initials,
    /// The letters of an acronym.
    Acronym,
}

fn key(kind: Kind, family: u8, words: &[String]) -> u64 {
    let mut h = FxHasher::default();
    kind.hash(&mut h);
    family.hash(&mut h);
    words.hash(&mut h);
    h.finish()
}

fn letters_key(kind: Kind, family: u8, letters: &str) -> u64 {
    let mut h = FxHasher::default();
    kind.hash(&mut h);
    family.hash(&mut h);
    letters.hash(&mut h);
    h.finish()
}

/// The entities filed under the keys of their current names.
#[derive(Debug, Default)]
pub(super) struct NameIndex {
    entities: FxHashMap<u64, BTreeSet<usize>>,
}

impl NameIndex {
    /// The keys under which a name is filed.
    fn keys(name: &Name<'_>) -> Vec<u64> {
        let (words, family) = (name.words, name.family);
        let mut keys = Vec::new();
        for start in 0..words.len() {
            for end in start + 1..=words.len().min(start + RUN) {
                keys.push(key(Kind::Run, family, &words[start..end]));
            }
        }
        if words.len() <= RUN {
            keys.push(key(Kind::Whole, family, words));
        } else {
            keys.push(key(Kind::LongStart, family, &words[..RUN]));
        }
        if let Some(initials) = name.initials {
            keys.push(letters_key(Kind::Initials, 0, initials));
        }
        if let Some(acronym) = name.acronym {
            keys.push(letters_key(Kind::Acronym, family, acronym));
        }
        keys.sort_unstable();
        keys.dedup();
        keys
    }

    /// Files entity `e` under `name`.
    pub fn add(&mut self, e: usize, name: &Name<'_>) {
        for k in Self::keys(name) {
            self.entities.entry(k).or_default().insert(e);
        }
    }

    /// Takes entity `e` out from under `name`.
    pub fn remove(&mut self, e: usize, name: &Name<'_>) {
        for k in Self::keys(name) {
            if let Some(set) = self.entities.get_mut(&k) {
                set.remove(&e);
                if set.is_empty() {
                    self.entities.remove(&k);
                }
            }
        }
    }

    /// The latest entity that `joins` accepts among those a mention named `mine` could join.
    pub fn latest(&self, mine: &Name<'_>, joins: impl Fn(usize) -> bool) -> Option<usize> {
        let (words, family) = (mine.words, mine.family);
        let mut keys = Vec::new();
        // Names that hold mine (or are mine): filed under mine as a run, or under its first words.
        keys.push(if words.len() <= RUN {
            key(Kind::Run, family, words)
        } else {
            key(Kind::Run, family, &words[..RUN])
        });
        // Names that are shorter runs of mine.
        for start in 0..words.len() {
            for end in start + 1..=words.len().min(start + RUN) {
                if end - start < words.len() {
                    keys.push(key(Kind::Whole, family, &words[start..end]));
                }
            }
            if start + RUN < words.len() {
                keys.push(key(Kind::LongStart, family, &words[start..start + RUN]));
            }
        }
        if let Some(acronym) = mine.acronym {
            keys.push(letters_key(Kind::Initials, 0, acronym));
        }
        if let Some(initials) = mine.initials {
            keys.push(letters_key(Kind::Acronym, family, initials));
        }
        keys.sort_unstable();
        keys.dedup();
        keys.iter()
            .filter_map(|k| self.entities.get(k))
            .filter_map(|set| set.iter().rev().copied().find(|&e| joins(e)))
            .max()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(s: &str) -> Vec<String> {
        s.split(' ').map(str::to_string).collect()
    }

    #[test]
    fn finds_every_kind_of_join_and_the_latest() {
        let names = [words("masoud pezeshkian"), words("securities and exchange commission"), words("iran")];
        let initials = ["MP", "SEC", ""];
        let mut index = NameIndex::default();
        for (e, w) in names.iter().enumerate() {
            let initials = (w.len() > 1).then_some(initials[e]);
            index.add(e, &Name { words: w, family: 0, acronym: None, initials });
        }
        let lookup = |index: &NameIndex, s: &str, acronym: Option<&str>| {
            let w = words(s);
            index.latest(&Name { words: &w, family: 0, acronym, initials: None }, |_| true)
        };
        assert_eq!(lookup(&index, "pezeshkian", None), Some(0));
        assert_eq!(lookup(&index, "president masoud pezeshkian", None), Some(0));
        assert_eq!(lookup(&index, "sec", Some("SEC")), Some(1));
        assert_eq!(lookup(&index, "iran", None), Some(2));
        assert_eq!(lookup(&index, "iraq", None), None);
        // Another family: only the acronym joins.
        let w = words("pezeshkian");
        assert_eq!(index.latest(&Name { words: &w, family: 1, acronym: None, initials: None }, |_| true), None);
        // The latest of two; a rejected candidate gives way to the one before it.
        index.add(3, &Name { words: &names[2], family: 0, acronym: None, initials: None });
        assert_eq!(lookup(&index, "iran", None), Some(3));
        let w = words("iran");
        assert_eq!(index.latest(&Name { words: &w, family: 0, acronym: None, initials: None }, |e| e != 3), Some(2));
        index.remove(3, &Name { words: &names[2], family: 0, acronym: None, initials: None });
        assert_eq!(lookup(&index, "iran", None), Some(2));
    }

    #[test]
    fn long_names_join_by_their_runs() {
        let long = words("a b c d e f g h");
        let mut index = NameIndex::default();
        index.add(0, &Name { words: &long, family: 0, acronym: None, initials: None });
        for s in ["c d e f g h", "b c d e f g h", "a b c d e f g h"] {
            let w = words(s);
            assert_eq!(index.latest(&Name { words: &w, family: 0, acronym: None, initials: None }, |_| true), Some(0));
        }
        let longer = words("x a b c d e f g h y");
        let found = index.latest(&Name { words: &longer, family: 0, acronym: None, initials: None }, |_| true);
        assert_eq!(found, Some(0));
    }
}
