//! `cargo xtask fuzz --minutes N`: the fuzzer of `gleaner-fuzz` for N minutes, its mutations seeded with real
//! articles from `../shared/corpora` (read here, never copied into the repository) and the project's examples.
//! It runs in the dev profile, with debug assertions and overflow checks on. Failing documents, shrunk, go to
//! `target/fuzz/failures.jsonl` (one `{"reason", "document"}` a line) to become regression tests.

use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};
use gleaner_fuzz::{Budget, Checker};

/// `cargo xtask fuzz`'s options.
#[derive(clap::Args)]
pub struct Args {
    /// How long to run.
    #[arg(long, default_value_t = 10.0)]
    minutes: f64,
    /// The run's random seed (with the same seed, a run generates the same documents).
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Articles to take from each corpus as seeds of the mutations.
    #[arg(long, default_value_t = 300)]
    articles: usize,
    /// The corpora directory.
    #[arg(long, default_value = "../shared/corpora")]
    corpora: PathBuf,
}

pub fn run(root: &Path, args: &Args) -> Result<()> {
    let corpora = root.join(&args.corpora);
    let mut seeds = examples(root)?;
    for name in ["bbc_fulltext.jsonl", "reuters21578.jsonl", "rss2023_news_short.jsonl.gz"] {
        let texts = articles(&corpora.join(name), args.articles).with_context(|| format!("reading {name}"))?;
        eprintln!("fuzz: {} seed texts from {name}", texts.len());
        seeds.extend(texts);
    }
    let checker = Checker::new().map_err(anyhow::Error::msg)?;
    let started = Instant::now();
    let deadline = started + Duration::from_secs_f64(args.minutes * 60.0);
    let mut last = started;
    let mut told = 0;
    let report = gleaner_fuzz::fuzz(&checker, seeds, args.seed, Budget::Until(deadline), |report| {
        for failure in &report.failures[told..] {
            eprintln!("fuzz: FAILED: {}\n  document: {}", failure.reason, serde_json::json!(failure.document));
        }
        told = report.failures.len();
        if last.elapsed() >= Duration::from_secs(60) {
            last = Instant::now();
            eprintln!(
                "fuzz: {:.0} min: {} documents, {} extractions, {:.1} MB, {} failures",
                started.elapsed().as_secs_f64() / 60.0,
                report.cases,
                report.extractions,
                report.bytes as f64 / 1e6,
                report.failures.len()
            );
        }
    });
    let seconds = started.elapsed().as_secs_f64();
    println!(
        "fuzz: seed {}, {:.1} min: {} documents ({:.1} MB of text), {} extractions ({:.0}/s), {} failures",
        args.seed,
        seconds / 60.0,
        report.cases,
        report.bytes as f64 / 1e6,
        report.extractions,
        report.extractions as f64 / seconds,
        report.failures.len()
    );
    if report.failures.is_empty() {
        return Ok(());
    }
    let dir = root.join("target/fuzz");
    std::fs::create_dir_all(&dir)?;
    let path = dir.join("failures.jsonl");
    let mut out = std::fs::File::create(&path)?;
    for failure in &report.failures {
        println!("FAILED: {}\n  document: {:?}", failure.reason, failure.document);
        let line = serde_json::json!({"reason": failure.reason, "document": failure.document});
        writeln!(out, "{line}")?;
    }
    bail!("{} failures, written to {}", report.failures.len(), path.display())
}

/// The project's own examples: examples/seed.txt and the texts of examples/news.jsonl.
fn examples(root: &Path) -> Result<Vec<String>> {
    let mut texts = vec![std::fs::read_to_string(root.join("examples/seed.txt"))?];
    texts.extend(articles(&root.join("examples/news.jsonl"), usize::MAX)?);
    Ok(texts)
}

/// The `text` of the first `limit` records of a JSON lines file (gzip-compressed when its name ends in `.gz`).
fn articles(path: &Path, limit: usize) -> Result<Vec<String>> {
    let file = std::fs::File::open(path).with_context(|| format!("opening {}", path.display()))?;
    let reader: Box<dyn BufRead> = if path.extension().is_some_and(|e| e == "gz") {
        Box::new(BufReader::new(flate2::read::GzDecoder::new(file)))
    } else {
        Box::new(BufReader::new(file))
    };
    let mut texts = Vec::new();
    for line in reader.lines() {
        if texts.len() >= limit {
            break;
        }
        let record: serde_json::Value = serde_json::from_str(&line?)?;
        if let Some(text) = record["text"].as_str().filter(|t| !t.is_empty()) {
            texts.push(text.to_string());
        }
    }
    Ok(texts)
}
