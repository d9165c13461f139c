//! The entity tagger's gazetteer, compiled from GeoNames (countries, cities of 15,000 people or more, first-level
//! divisions, continents) and the project's tables (`data/demonyms.tsv`, `data/groups.tsv`,
//! `data/tagger_words.tsv`). Phrases are split into words by the library's own tokenizer, so they match text the
//! way the tagger will see it.

use std::collections::BTreeMap;
use std::path::Path;

use anyhow::{Context, Result};
use gleaner_core::tag::lexicon::GazKind;
use gleaner_core::text::Text;
use unicode_normalization::UnicodeNormalization;

/// Phrases (as words) and their kind bits.
pub fn phrases(geonames: &Path, data: &Path) -> Result<BTreeMap<Vec<String>, u16>> {
    let mut out: BTreeMap<Vec<String>, u16> = BTreeMap::new();
    let mut add = |name: &str, kind: GazKind| {
        for form in [name.to_string(), ascii(name)] {
            let words: Vec<String> = {
                let text = Text::new(form.trim());
                (0..text.tokens.len()).map(|i| text.token_text(i).to_string()).collect()
            };
            if !words.is_empty() && words.len() <= 6 {
                *out.entry(words).or_default() |= kind.bit();
            }
        }
    };

    let countries = crate::geonames::countries(geonames)?;
    for c in countries.as_object().into_iter().flat_map(|m| m.values()) {
        if let Some(name) = c["name"].as_str() {
            add(name, GazKind::Country);
        }
    }
    let continents: serde_json::Value = serde_json::from_str(&crate::geonames::read(&data.join("continents.json"))?)?;
    for c in continents.as_object().into_iter().flat_map(|m| m.values()) {
        if let Some(name) = c["asciiName"].as_str() {
            add(name, GazKind::Area);
        }
    }
    let cities = crate::geonames::cities(geonames, "cities15000")?;
    for c in cities.as_object().into_iter().flat_map(|m| m.values()) {
        if let Some(name) = c["name"].as_str() {
            add(name, GazKind::City);
        }
    }
    let admin1 = std::fs::read_to_string(geonames.join("admin1CodesASCII.txt")).context("admin1CodesASCII.txt")?;
    for line in admin1.lines() {
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() >= 3 {
            add(cols[1], GazKind::Region);
            add(cols[2], GazKind::Region);
        }
    }
    for (file, column) in [("demonyms.tsv", 1), ("groups.tsv", 0)] {
        let kind = if file == "groups.tsv" { GazKind::Group } else { GazKind::Demonym };
        for cols in table(&data.join(file))? {
            if let Some(form) = cols.get(column) {
                add(form, kind);
            }
        }
    }
    for cols in table(&data.join("tagger_words.tsv"))? {
        let kind = match cols.get(1).map(String::as_str) {
            Some("country") => GazKind::Country,
            Some("area") => GazKind::Area,
            Some("orgword") => GazKind::OrgWord,
            Some("title") => GazKind::PersonTitle,
            Some("given") => GazKind::GivenName,
            Some("calendar") => GazKind::Calendar,
            Some("company") => GazKind::Company,
            _ => continue,
        };
        add(&cols[0], kind);
    }
    Ok(out)
}

/// The name without accents ("São Paulo" → "Sao Paulo").
fn ascii(name: &str) -> String {
    name.nfd().filter(|c| !unicode_normalization::char::is_combining_mark(*c)).collect()
}

/// Rows of a tab-separated table, comments and blank lines skipped.
fn table(path: &Path) -> Result<Vec<Vec<String>>> {
    let text = std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
    Ok(text
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|l| l.split('\t').map(|c| c.trim().to_string()).collect())
        .collect())
}
