//! `gleaner`: Gleaner's batch command line. Extracts entities, places, dates, quantities and events from news
//! documents (JSON lines, JSON arrays, text files, directories, gzip or zstd, stdin) on all cores, in order.
//!
//! Exit codes: 0 every record was extracted; 1 some records gave error records; 2 usage or I/O failure.

mod extract;
mod input;
mod output;
mod records;
mod show;
mod stats;
mod tables;
mod warc;

use std::io::IsTerminal;
use std::num::NonZeroUsize;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use anyhow::{Context, Result, bail};
use clap::{Args, Parser, Subcommand, ValueEnum};
use gleaner_core::{Config, Offsets, Stages};
use gleaner_records::{failure, fields};

use crate::extract::TableFormat;
use crate::fields::Fields;
use crate::input::Format;

#[derive(Debug, Parser)]
#[command(name = "gleaner", version, about = "Structured facts from English news text", max_term_width = 110)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Extract from documents and write one JSON line per input record, in input order.
    ///
    /// Inputs are JSON lines, JSON arrays, .txt files (one document each), directories of them (recursively:
    /// .jsonl, .ndjson, .json, .txt, each maybe .gz or .zst), or stdin (`-` or no input). A record that cannot
    /// be extracted gives an error record {"schema","id","error":{"code","message","input","line"}}.
    /// Exit code 0: all records extracted; 1: some records failed; 2: usage or I/O failure.
    Extract(ExtractArgs),
    /// Show what Gleaner finds in one document, for a person (TEXT, a FILE, or - for stdin).
    Show(ShowArgs),
    /// Print the JSON Schema of the output records (generated from the types).
    Schema {
        /// The schema of input documents instead.
        #[arg(long, conflicts_with = "tables")]
        document: bool,
        /// The columns of the tables of `extract --tables` instead (Markdown).
        #[arg(long)]
        tables: bool,
    },
}

#[derive(Debug, Args)]
struct ExtractArgs {
    /// Input files or directories; `-` or none reads stdin.
    inputs: Vec<PathBuf>,
    /// Write JSON lines here instead of stdout (`.gz`: gzip-compressed).
    #[arg(short, long, value_name = "OUT")]
    output: Option<PathBuf>,
    /// Write GDELT-like tables (documents, mentions, entities, places, times, quantities, events …) into DIR,
    /// joined by `doc` (see `gleaner schema --tables`); JSON lines then go only to `-o`.
    #[arg(long, value_name = "DIR")]
    tables: Option<PathBuf>,
    /// The format of the tables.
    #[arg(long, value_enum, default_value_t = TableFormat::Csv, requires = "tables")]
    format: TableFormat,
    /// Parquet tables: input records per part file (parts are cut between batches of up to 1,024 records).
    #[arg(long, value_name = "N", default_value_t = tables::parquet::PART_RECORDS, requires = "tables")]
    part_records: u64,
    /// Continue an interrupted run with the same inputs: keep what the outputs hold whole and skip those
    /// records (needs -o FILE or --tables DIR).
    #[arg(long)]
    resume: bool,
    /// At the end, report what was found: tokens, entities per label, top entities, places per country,
    /// events per CAMEO root.
    #[arg(long)]
    stats: bool,
    /// Worker threads [default: all cores].
    #[arg(short = 'j', long, value_name = "N")]
    threads: Option<NonZeroUsize>,
    /// The unit of output offsets.
    #[arg(long, value_enum, default_value_t = OffsetUnit::Chars)]
    offsets: OffsetUnit,
    /// Output the sentences.
    #[arg(long)]
    sentences: bool,
    /// Output the tokens.
    #[arg(long)]
    tokens: bool,
    /// Output the sentences, each with its tone.
    #[arg(long)]
    sentence_tone: bool,
    /// Also write a GDELT GKG 2.1 table, one row per document, to DIR/gleaner.gkg.csv (see docs/GKG.md).
    #[arg(long, value_name = "DIR")]
    gkg: Option<PathBuf>,
    /// How the inputs lay out records.
    #[arg(long, value_enum, default_value_t = Format::Auto, value_name = "FORMAT")]
    input_format: Format,
    /// As a streaming filter (Spark's RDD.pipe, Hadoop Streaming): read JSON lines, answer every input line, blank
    /// ones included, with exactly one output line (its record or an error record), and exit 0 when every line
    /// was answered (2 still means an I/O failure).
    #[arg(long, conflicts_with_all = ["input_format", "tables", "resume"])]
    one_per_line: bool,
    /// The stages that run, comma-separated [default: all]. A stage also runs the stages it reads (`places` and
    /// `coref` run `entities`; `events` runs `entities,places,times`; `summary` runs all but `quantities`).
    #[arg(long, value_enum, value_delimiter = ',', value_name = "STAGE,…")]
    stages: Vec<StageArg>,
    /// Read the resources from DIR (the files of crates/core/resources, e.g. with a retrained tagger) instead of
    /// the embedded ones.
    #[arg(long, value_name = "DIR")]
    resources: Option<PathBuf>,
    /// Refuse records (and documents) larger than this many bytes.
    #[arg(long, default_value_t = Config::default().max_bytes, value_name = "BYTES")]
    max_doc_bytes: usize,
    /// Give up on a document whose extraction takes longer than this (e.g. 30s, 500ms, 2m): it gets a `timeout`
    /// error record in its place and the run goes on [default: no limit]. The work stops within a sentence or so
    /// of the limit, so a worker is never held by one hostile document.
    #[arg(long, value_name = "DURATION", value_parser = duration)]
    doc_timeout: Option<Duration>,
    #[command(flatten)]
    fields: FieldArgs,
    /// No progress bar and no summary.
    #[arg(short, long)]
    quiet: bool,
}

/// Which JSON fields hold what; `a.b` reaches into nested objects.
#[derive(Debug, Args)]
struct FieldArgs {
    /// The field holding the body text.
    #[arg(long, default_value = "text", value_name = "FIELD")]
    text_field: String,
    /// The field holding a web page, read when a record has no text field.
    #[arg(long, default_value = "html", value_name = "FIELD")]
    html_field: String,
    /// The field holding the id (string or number).
    #[arg(long, default_value = "id", value_name = "FIELD")]
    id_field: String,
    /// The field holding the headline.
    #[arg(long, default_value = "title", value_name = "FIELD")]
    title_field: String,
    /// The field holding the publication date (anchors relative dates).
    #[arg(long, default_value = "published", value_name = "FIELD")]
    date_field: String,
    /// The field holding the publisher.
    #[arg(long, default_value = "source", value_name = "FIELD")]
    source_field: String,
    /// The field holding the URL.
    #[arg(long, default_value = "url", value_name = "FIELD")]
    url_field: String,
}

impl From<FieldArgs> for Fields {
    fn from(a: FieldArgs) -> Self {
        Fields {
            text: a.text_field,
            html: a.html_field,
            id: a.id_field,
            title: a.title_field,
            published: a.date_field,
            source: a.source_field,
            url: a.url_field,
        }
    }
}

#[derive(Debug, Args)]
struct ShowArgs {
    /// The text itself, a file (its first record), or - for stdin.
    input: String,
    /// Print the extraction as JSON instead.
    #[arg(long)]
    json: bool,
    #[command(flatten)]
    fields: FieldArgs,
}

/// The unit of output offsets.
#[derive(Debug, Clone, Copy, ValueEnum)]
enum OffsetUnit {
    /// Unicode scalar values (Python string indices).
    Chars,
    /// UTF-8 bytes.
    Bytes,
    /// UTF-16 code units (JavaScript, Java).
    Utf16,
}

/// A stage of `--stages`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum StageArg {
    /// Every stage.
    All,
    /// The dependency parse (each token's head and relation, output with --tokens; read by the events stage).
    Parse,
    /// Named entities (their names; coreference is `coref`).
    Entities,
    /// Coreference: the pronouns and descriptions that refer to the entities.
    Coref,
    /// Places resolved to GeoNames.
    Places,
    /// Dates and times.
    Times,
    /// Counts, money, percentages.
    Quantities,
    /// CAMEO / PLOVER events.
    Events,
    /// Tone, keyphrases, quotations, themes.
    Summary,
}

/// The stages a `--stages` list turns on (all when the list is empty).
fn stages(list: &[StageArg]) -> Stages {
    if list.is_empty() || list.contains(&StageArg::All) {
        return Stages::all();
    }
    let mut s = Stages::none();
    for stage in list {
        match stage {
            StageArg::All | StageArg::Entities => s.entities = true,
            StageArg::Parse => s.parse = true,
            StageArg::Coref => s.coref = true,
            StageArg::Places => s.places = true,
            StageArg::Times => s.times = true,
            StageArg::Quantities => s.quantities = true,
            StageArg::Events => s.events = true,
            StageArg::Summary => s.summary = true,
        }
    }
    s
}

impl From<OffsetUnit> for Offsets {
    fn from(u: OffsetUnit) -> Self {
        match u {
            OffsetUnit::Chars => Offsets::Chars,
            OffsetUnit::Bytes => Offsets::Bytes,
            OffsetUnit::Utf16 => Offsets::Utf16,
        }
    }
}

/// A duration as the server's `--timeout` takes it: jiff's friendly format (`30s`, `500ms`, `2m`) or ISO 8601.
fn duration(s: &str) -> Result<Duration> {
    let d: jiff::SignedDuration = s.trim().parse().with_context(|| format!("{s:?} is not a duration"))?;
    let duration = Duration::try_from(d).with_context(|| format!("{s:?} is negative"))?;
    if duration.is_zero() {
        bail!("a timeout of zero would fail every document");
    }
    Ok(duration)
}

fn main() -> ExitCode {
    match run(Cli::parse()) {
        Ok(code) => code,
        // The reader went away (`gleaner show … | head`): nothing is lost that anyone wanted.
        Err(err) if err.chain().any(is_broken_pipe) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("gleaner: error: {err:#}");
            ExitCode::from(2)
        }
    }
}

/// Whether an error is the reader of our output going away.
fn is_broken_pipe(err: &(dyn std::error::Error + 'static)) -> bool {
    let kind = match (err.downcast_ref::<std::io::Error>(), err.downcast_ref::<serde_json::Error>()) {
        (Some(e), _) => Some(e.kind()),
        (_, Some(e)) => e.io_error_kind(),
        _ => None,
    };
    kind == Some(std::io::ErrorKind::BrokenPipe)
}

fn run(cli: Cli) -> Result<ExitCode> {
    match cli.command {
        Command::Extract(args) => extract(args),
        Command::Show(args) => {
            let document = show::document(&args.input, &args.fields.into())?;
            let mut out = std::io::stdout().lock();
            if args.json {
                let extraction = gleaner_core::Extractor::new(Config::default())?.extract(&document)?;
                serde_json::to_writer_pretty(&mut out, &extraction)?;
                std::io::Write::write_all(&mut out, b"\n")?;
            } else {
                show::show(&document, &mut out)?;
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Schema { tables: true, .. } => {
            print!("{}", tables::markdown());
            Ok(ExitCode::SUCCESS)
        }
        Command::Schema { document, .. } => {
            let schema = if document {
                gleaner_core::model::document_schema()
            } else {
                gleaner_core::model::extraction_schema()
            };
            println!("{}", serde_json::to_string_pretty(&schema)?);
            Ok(ExitCode::SUCCESS)
        }
    }
}

fn extract(args: ExtractArgs) -> Result<ExitCode> {
    let threads = args.threads.or_else(|| std::thread::available_parallelism().ok()).map_or(1, NonZeroUsize::get);
    let mut config = Config::default();
    config.offsets = args.offsets.into();
    config.sentences = args.sentences;
    config.sentence_tone = args.sentence_tone;
    config.tokens = args.tokens;
    config.max_bytes = args.max_doc_bytes;
    config.stages = stages(&args.stages);
    let summary = extract::run(extract::Options {
        sources: input::sources(&args.inputs)?,
        format: if args.one_per_line { Format::Jsonl } else { args.input_format },
        one_per_line: args.one_per_line,
        output: args.output,
        gkg: args.gkg,
        tables: args.tables,
        table_format: args.format,
        part_records: args.part_records.max(1),
        resume: args.resume,
        stats: args.stats,
        threads,
        fields: args.fields.into(),
        config,
        resources: args.resources,
        doc_timeout: args.doc_timeout,
        progress: !args.quiet && std::io::stderr().is_terminal(),
    })?;
    if !args.quiet || args.stats {
        eprintln!("gleaner: {summary}");
    }
    // A streaming filter has done its job when every line got its line: error records are answers too.
    Ok(if summary.errors > 0 && !args.one_per_line { ExitCode::from(1) } else { ExitCode::SUCCESS })
}
