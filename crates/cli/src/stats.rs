//! `--stats`: what a run found, counted over every extraction in bounded memory: tokens, entities per label,
//! the most frequent entities, places per country and events per CAMEO root.
//!
//! Counts per label, country and root are exact (their keys are few). The most frequent entities are kept by a
//! heavy-hitters summary of at most `2 × TOP_KEPT` names, so a corpus of millions of distinct names cannot grow
//! it (Misra–Gries); when names had to be dropped, the counts shown may be low by at most the amount taken off,
//! which the report states.

use std::collections::{BTreeMap, HashMap};
use std::fmt;

use gleaner_core::Extraction;
use serde::Serialize;

/// Names kept by the heavy-hitters summary after each pruning.
const TOP_KEPT: usize = 20_000;
/// Entities shown.
const TOP_SHOWN: usize = 20;

/// Counts over a run.
#[derive(Debug, Default)]
pub struct RunStats {
    /// Documents extracted.
    pub documents: u64,
    /// Tokens in them.
    pub tokens: u64,
    /// Entities per label.
    pub labels: BTreeMap<String, u64>,
    /// Entities resolved to a place, per ISO country code (`-` when the place has none).
    pub countries: BTreeMap<String, u64>,
    /// Events per CAMEO root code.
    pub roots: BTreeMap<String, u64>,
    /// Entities per (label, name), approximately (see `dropped`).
    top: HashMap<(String, String), u64>,
    /// How much pruning took off every count in `top`: the most any count there is low by.
    dropped: u64,
}

/// The serde name of an enum value.
fn name<T: Serialize>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(s)) => s,
        _ => String::from("?"),
    }
}

impl RunStats {
    /// Counts one extraction.
    pub fn add(&mut self, x: &Extraction) {
        self.documents += 1;
        self.tokens += x.stats.tokens as u64;
        for entity in &x.entities {
            let label = name(&entity.label);
            *self.top.entry((label.clone(), entity.name.clone())).or_default() += 1;
            *self.labels.entry(label).or_default() += 1;
            if let Some(place) = &entity.place {
                *self.countries.entry(place.country.clone().unwrap_or_else(|| "-".into())).or_default() += 1;
            }
        }
        for event in &x.events {
            let root = event.cameo.get(..2).unwrap_or(&event.cameo).to_string();
            *self.roots.entry(root).or_default() += 1;
        }
        if self.top.len() > 2 * TOP_KEPT {
            self.prune();
        }
    }

    /// Keeps the `TOP_KEPT` most frequent names.
    fn prune(&mut self) {
        let mut counts: Vec<u64> = self.top.values().copied().collect();
        let cut = counts.len() - TOP_KEPT;
        let (_, &mut threshold, _) = counts.select_nth_unstable(cut);
        // Misra–Gries: taking the same amount off every count keeps each within `dropped` of the truth.
        self.top.retain(|_, n| {
            *n = n.saturating_sub(threshold);
            *n > 0
        });
        self.dropped += threshold;
    }

    /// The most frequent entities, most frequent first (ties by name).
    pub fn top(&self) -> Vec<(&str, &str, u64)> {
        let mut all: Vec<_> = self.top.iter().map(|((l, n), &c)| (l.as_str(), n.as_str(), c)).collect();
        all.sort_by(|a, b| b.2.cmp(&a.2).then(a.1.cmp(b.1)));
        all.truncate(TOP_SHOWN);
        all
    }
}

/// `key count, key count …`, largest first, at most `n`.
fn largest(map: &BTreeMap<String, u64>, n: usize) -> String {
    let mut all: Vec<_> = map.iter().collect();
    all.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
    let shown: Vec<String> = all.iter().take(n).map(|(k, v)| format!("{k} {v}")).collect();
    let more = all.len().saturating_sub(n);
    let tail = if more > 0 { format!(" (and {more} more)") } else { String::new() };
    if shown.is_empty() { "none".into() } else { format!("{}{tail}", shown.join(", ")) }
}

impl fmt::Display for RunStats {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "  documents extracted: {}, tokens: {}", self.documents, self.tokens)?;
        writeln!(f, "  entities per label: {}", largest(&self.labels, usize::MAX))?;
        let bound = if self.dropped > 0 {
            format!(" (each count may be low by up to {})", self.dropped)
        } else {
            String::new()
        };
        writeln!(f, "  top entities (documents naming them){bound}:")?;
        for (label, name, count) in self.top() {
            writeln!(f, "    {count:>8}  {label:<8} {name}")?;
        }
        writeln!(f, "  places per country: {}", largest(&self.countries, 30))?;
        let mut roots: Vec<String> = self.roots.iter().map(|(k, v)| format!("{k} {v}")).collect();
        if roots.is_empty() {
            roots.push("none".into());
        }
        write!(f, "  events per CAMEO root: {}", roots.join(", "))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use gleaner_core::model::{Entity, Label};

    fn entity(name: &str) -> Entity {
        Entity {
            id: 0,
            label: Label::Org,
            name: name.into(),
            mentions: vec![],
            salience: 0.0,
            place: None,
            role: None,
            affiliation: None,
            actor: None,
        }
    }

    #[test]
    fn heavy_hitters_stay_bounded_and_keep_the_frequent() {
        let mut stats = RunStats::default();
        for i in 0..100_000u32 {
            let mut x = Extraction::default();
            x.entities.push(entity(&format!("rare {i}")));
            if i % 10 == 0 {
                x.entities.push(entity("Frequent"));
            }
            stats.add(&x);
            assert!(stats.top.len() <= 2 * TOP_KEPT + 1);
        }
        let top = stats.top();
        assert_eq!(top.first().map(|t| t.1), Some("Frequent"));
        assert!(top[0].2 <= 10_000 && top[0].2 + stats.dropped >= 10_000);
        assert_eq!(stats.labels.get("ORG"), Some(&110_000));
    }
}
