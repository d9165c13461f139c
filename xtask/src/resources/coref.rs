//! Compiles the coreference stage's given-name table (`coref-names.bin`) from `data/given_names.tsv`: given names
//! and the sex of at least 95% of their bearers, as `data/given_names.py` writes them from the US Social Security
//! Administration's baby-name counts.

use anyhow::{Context, Result, bail};
use gleaner_core::coref::GivenNamesFile;

use super::{Output, Sources};

/// Compiles `coref-names.bin`.
pub fn compile(sources: &Sources) -> Result<Vec<Output>> {
    let path = sources.data("given_names.tsv");
    let table = std::fs::read_to_string(&path).with_context(|| format!("reading {}", path.display()))?;
    let mut file = GivenNamesFile {
        source: "US Social Security Administration baby-name counts 1880-2015 (public domain), via data/given_names.py"
            .into(),
        ..GivenNamesFile::default()
    };
    for (n, line) in table.lines().enumerate().filter(|(_, l)| !l.starts_with('#') && !l.trim().is_empty()) {
        let (name, sex) = line.split_once('\t').with_context(|| format!("given_names.tsv:{}: no tab", n + 1))?;
        match sex {
            "m" => file.male.push(name.to_lowercase()),
            "f" => file.female.push(name.to_lowercase()),
            _ => bail!("given_names.tsv:{}: sex {sex:?}, not m or f", n + 1),
        }
    }
    file.male.sort();
    file.female.sort();
    Ok(vec![Output { name: "coref-names.bin", bytes: postcard::to_allocvec(&file)? }])
}
