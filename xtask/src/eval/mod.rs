//! `cargo xtask eval <target>`: scores the engine against the evaluation sets in ../shared/data with the project's
//! own scorers, prints one table, and with `--write` keeps it in docs/EVAL.md.

pub mod coref;
pub mod html;
pub mod ner;
pub mod ner_extra;
pub mod parse;

use anyhow::{Context, Result};

/// Replaces (or appends) the section of docs/EVAL.md that starts with `heading` (up to the next `## `).
pub fn write_section(heading: &str, body: &str) -> Result<()> {
    let path = crate::root().join("docs/EVAL.md");
    let old = std::fs::read_to_string(&path)
        .unwrap_or_else(|_| "# Evaluation\n\nLatest results of `cargo xtask eval`, one section per target.\n".into());
    let section = format!("{heading}\n\n{}\n", body.trim_end());
    let new = match old.find(&format!("{heading}\n")) {
        Some(start) => {
            let after = start + heading.len();
            let end = old[after..].find("\n## ").map_or(old.len(), |e| after + e + 1);
            format!(
                "{}{}{}",
                &old[..start],
                section,
                if end < old.len() { format!("\n{}", &old[end..]) } else { String::new() }
            )
        }
        None => format!("{}\n{}", old.trim_end_matches('\n').to_string() + "\n", section),
    };
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    std::fs::write(&path, new).with_context(|| format!("writing {}", path.display()))
}

/// A line describing this machine (CPU model and core count) for result tables.
pub fn machine() -> String {
    let cpu = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("model name"))
                .and_then(|l| l.split(':').nth(1))
                .map(|s| s.trim().to_string())
        })
        .unwrap_or_else(|| "unknown CPU".into());
    let cores = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1);
    format!("{cpu}, {cores} cores")
}
