//! A short fuzzing run in CI: a fixed number of generated documents from a fixed seed, their mutations seeded with
//! the project's own examples. `cargo xtask fuzz --minutes N` runs longer, on real articles too.

use gleaner_fuzz::{Budget, Checker, fuzz};

/// Documents per CI run (about half a minute of a test build on a busy 2-core machine).
const CASES: u64 = 96;

/// The project's own examples.
fn seeds() -> Vec<String> {
    let mut seeds = vec![include_str!("../../../examples/seed.txt").to_string()];
    for line in include_str!("../../../examples/news.jsonl").lines() {
        let record: serde_json::Value = serde_json::from_str(line).unwrap_or_default();
        seeds.extend(record["text"].as_str().map(str::to_string));
    }
    seeds
}

#[test]
fn generated_documents_keep_every_invariant() {
    let checker = Checker::new().unwrap_or_else(|e| panic!("{e}"));
    let report = fuzz(&checker, seeds(), 20261207, Budget::Cases(CASES), |_| {});
    let failures: Vec<String> =
        report.failures.iter().map(|f| format!("{}\n  document: {:?}", f.reason, f.document)).collect();
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert_eq!(report.cases, CASES);
    assert!(report.extractions >= 3 * CASES && report.bytes > 0);
}
