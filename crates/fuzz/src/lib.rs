//! Fuzzing the whole extractor on stable Rust. [`generate`] makes hostile documents with proptest (real articles
//! mutated, the adversarial shapes of docs/BENCH.md, soups of news words, names, numbers, dates, quotes and
//! awkward Unicode, and arbitrary strings); [`Checker`] extracts each in all three offset units and checks what
//! must always hold ([`invariants`]); [`fuzz`] runs generation and checks for a number of cases or until a
//! deadline, shrinking each failure to a small document.
//!
//! `cargo test -p gleaner-fuzz` runs a short fixed run on the project's own examples (CI);
//! `cargo xtask fuzz --minutes N` a long one seeded with real articles from `../shared/corpora`.

pub mod generate;
pub mod invariants;

use std::panic::{self, AssertUnwindSafe};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use gleaner_core::{Config, Document, Extractor, Offsets};
use proptest::test_runner::{Config as RunnerConfig, RngAlgorithm, TestCaseError, TestError, TestRng, TestRunner};

/// The three offset units every document is extracted in.
pub const UNITS: [Offsets; 3] = [Offsets::Chars, Offsets::Bytes, Offsets::Utf16];

/// Extracts a document in every offset unit and checks the records.
#[derive(Debug)]
pub struct Checker {
    extractors: Vec<(Offsets, Extractor)>,
    schema: jsonschema::Validator,
}

impl Checker {
    /// Every stage, with sentences (and their tone) and tokens in the output, so that every span is checked; the
    /// records are checked against the schema `gleaner schema` prints.
    pub fn new() -> Result<Checker, String> {
        let extractors = UNITS
            .iter()
            .map(|&unit| {
                let mut config = Config::default();
                config.offsets = unit;
                config.sentences = true;
                config.sentence_tone = true;
                config.tokens = true;
                Extractor::new(config).map(|e| (unit, e)).map_err(|e| e.to_string())
            })
            .collect::<Result<_, _>>()?;
        let schema = jsonschema::validator_for(&gleaner_core::model::extraction_schema())
            .map_err(|e| format!("the output schema does not compile: {e}"))?;
        Ok(Checker { extractors, schema })
    }

    /// `Ok` when the document's records keep every invariant, else what broke (a panic is a broken invariant).
    pub fn check(&self, document: &Document) -> Result<(), String> {
        let mut in_bytes: Vec<(Offsets, serde_json::Value)> = Vec::new();
        for (unit, extractor) in &self.extractors {
            let extraction = match panic::catch_unwind(AssertUnwindSafe(|| extractor.extract(document))) {
                Ok(Ok(extraction)) => extraction,
                Ok(Err(e)) => return Err(format!("{unit:?}: extraction failed: {e}")),
                Err(panic) => return Err(format!("{unit:?}: panicked: {}", panic_message(&*panic))),
            };
            let record = invariants::check(document, *unit, &extraction, &self.schema)
                .map_err(|why| format!("{unit:?}: {why}"))?;
            in_bytes.push((*unit, record));
        }
        invariants::same_in_every_unit(&in_bytes)
    }
}

/// The message of a caught panic, with where it happened when the fuzzer's hook saw it.
fn panic_message(panic: &(dyn std::any::Any + Send)) -> String {
    let message = panic
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| panic.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "<not a string>".into());
    match LAST_PANIC.lock().map(|mut last| last.take()) {
        Ok(Some(location)) => format!("{message} (at {location})"),
        _ => message,
    }
}

/// Where the last panic happened, recorded by the hook `fuzz` installs.
static LAST_PANIC: Mutex<Option<String>> = Mutex::new(None);

/// How long a run goes on.
#[derive(Debug, Clone, Copy)]
pub enum Budget {
    /// This many generated documents.
    Cases(u64),
    /// Until then.
    Until(Instant),
}

/// One failing document, shrunk, and what it broke.
#[derive(Debug, Clone)]
pub struct Failure {
    /// The smallest failing document proptest found.
    pub document: Document,
    /// The broken invariant.
    pub reason: String,
}

/// What a run did.
#[derive(Debug, Default)]
pub struct Report {
    /// Documents generated and checked (shrinking steps not counted).
    pub cases: u64,
    /// Extractions checked, shrinking steps included (three per document, one per unit).
    pub extractions: u64,
    /// Bytes of generated text checked.
    pub bytes: u64,
    /// Distinct failures (by their reason's first line), at most `MAX_FAILURES`.
    pub failures: Vec<Failure>,
}

/// A run stops collecting after this many distinct failures.
pub const MAX_FAILURES: usize = 20;

/// Documents per proptest round: each round has its own seed, so any round can be replayed alone.
const ROUND: u64 = 32;

/// A document whose check takes longer than this is a failure: the run prints it and stops (the work of every
/// stage should be about linear in the document, and generated documents are at most tens of kilobytes).
pub const SLOW: Duration = Duration::from_secs(60);

/// Generates documents from `seeds` (texts to mutate) and checks each, from the random seed `seed`, until the
/// budget is spent; `progress` hears the report after each round. A document slower than [`SLOW`] ends the
/// process with exit code 3, after printing it as JSON on stderr (a check that never ends gives nothing to
/// shrink).
pub fn fuzz(
    checker: &Checker,
    seeds: Vec<String>,
    seed: u64,
    budget: Budget,
    mut progress: impl FnMut(&Report),
) -> Report {
    let strategy = generate::document(Arc::from(seeds));
    let current: Arc<Mutex<Option<(Instant, Document)>>> = Arc::default();
    let finished = Arc::new(AtomicBool::new(false));
    let watchdog = watch(current.clone(), finished.clone());
    let previous_hook = panic::take_hook();
    panic::set_hook(Box::new(|info| {
        if let Ok(mut last) = LAST_PANIC.lock() {
            *last = info.location().map(|l| l.to_string());
        }
    }));
    let mut report = Report::default();
    let (checked, bytes) = (AtomicU64::new(0), AtomicU64::new(0));
    for round in 0.. {
        let cases = match budget {
            Budget::Cases(n) if report.cases >= n => break,
            Budget::Cases(n) => ROUND.min(n - report.cases),
            Budget::Until(deadline) if Instant::now() >= deadline => break,
            Budget::Until(_) => ROUND,
        };
        let config = RunnerConfig {
            cases: u32::try_from(cases).unwrap_or(u32::MAX),
            failure_persistence: None,
            max_shrink_iters: 2_000,
            max_shrink_time: 120_000,
            ..RunnerConfig::default()
        };
        let mut runner =
            TestRunner::new_with_rng(config, TestRng::from_seed(RngAlgorithm::ChaCha, &round_seed(seed, round)));
        let outcome = runner.run(&strategy, |document| {
            checked.fetch_add(1, Ordering::Relaxed);
            bytes.fetch_add(document.text.len() as u64, Ordering::Relaxed);
            if let Ok(mut current) = current.lock() {
                *current = Some((Instant::now(), document.clone()));
            }
            checker.check(&document).map_err(TestCaseError::fail)
        });
        report.cases += cases;
        if let Err(error) = outcome {
            let failure = match error {
                TestError::Fail(reason, document) => Failure { document, reason: reason.message().to_string() },
                TestError::Abort(reason) => {
                    Failure { document: Document::default(), reason: format!("aborted: {reason}") }
                }
            };
            let first_line = |r: &str| r.lines().next().unwrap_or("").to_string();
            if !report.failures.iter().any(|f| first_line(&f.reason) == first_line(&failure.reason)) {
                report.failures.push(failure);
            }
        }
        report.extractions = checked.load(Ordering::Relaxed) * UNITS.len() as u64;
        report.bytes = bytes.load(Ordering::Relaxed);
        progress(&report);
        if report.failures.len() >= MAX_FAILURES {
            break;
        }
    }
    panic::set_hook(previous_hook);
    finished.store(true, Ordering::Relaxed);
    let _ = watchdog.map(|w| w.join());
    report
}

/// A thread that ends the process when the document being checked has taken longer than [`SLOW`].
fn watch(
    current: Arc<Mutex<Option<(Instant, Document)>>>,
    finished: Arc<AtomicBool>,
) -> Option<std::thread::JoinHandle<()>> {
    let watch = move || {
        while !finished.load(Ordering::Relaxed) {
            std::thread::sleep(Duration::from_millis(200));
            let Ok(current) = current.lock() else { return };
            if let Some((since, document)) = current.as_ref().filter(|(since, _)| since.elapsed() > SLOW) {
                let json = serde_json::to_string(document).unwrap_or_default();
                eprintln!(
                    "fuzz: SLOW: no record after {:.0} s for this document:\n{json}",
                    since.elapsed().as_secs_f64()
                );
                std::process::exit(3);
            }
        }
    };
    std::thread::Builder::new().name("fuzz-watchdog".into()).spawn(watch).ok()
}

/// The seed of one round: the run's seed and the round's number.
fn round_seed(seed: u64, round: u64) -> [u8; 32] {
    let mut bytes = [0; 32];
    bytes[..8].copy_from_slice(&seed.to_le_bytes());
    bytes[8..16].copy_from_slice(&round.to_le_bytes());
    bytes[16..24].copy_from_slice(b"gleaner!");
    bytes
}
