//! `cargo xtask …`: the project's automation, written in Rust so it runs wherever cargo does.

mod bench;

use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{Context, Result, bail};
use clap::{Parser, Subcommand};

mod eval_time;
mod summary_resources;
mod tone_vs_vader;

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
    /// Compiles the data tables into crates/core/resources (`--check`: fail when the committed files are stale).
    Resources {
        /// Verify instead of writing.
        #[arg(long)]
        check: bool,
        /// The shared data directory (default: ../shared/data next to the workspace).
        #[arg(long)]
        data: Option<PathBuf>,
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
    /// Scores a stage against its evaluation set in ../shared/data and prints the table.
    Eval {
        /// What to evaluate: time.
        target: String,
        /// The data directory (default: ../shared/data/<set>).
        #[arg(long)]
        data: Option<PathBuf>,
        /// Write every error (miss, spurious, wrong value) to this file.
        #[arg(long)]
        errors: Option<PathBuf>,
    },
    /// Throughput of `gleaner extract` on the corpora (1 and 2 threads), against spaCy when it is installed.
    Bench(bench::Args),
}

fn main() -> Result<()> {
    match Cli::parse().command {
        Task::Ci => ci(),
        Task::Resources { check, data } => {
            let data = data.unwrap_or_else(|| root().join("../shared/data"));
            summary_resources::compile(&root(), &data, check)
        }
        Task::ToneVsVader { corpus, python, limit } => {
            let corpus = corpus.unwrap_or_else(|| root().join("../shared/corpora/bbc_fulltext.jsonl"));
            tone_vs_vader::run(&root(), &corpus, &python, limit)
        }
        Task::Eval { target, data, errors } => match target.as_str() {
            "time" => {
                print!("{}", eval_time::run(data, errors)?);
                Ok(())
            }
            other => bail!("unknown eval target {other:?} (known: time)"),
        },
        Task::Bench(args) => bench::bench(&root(), &args),
    }
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
    run(&cargo, &["test", "--workspace", "--locked"])
}
