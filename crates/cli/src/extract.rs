//! `gleaner extract`: streams records from the inputs through the extractor on a thread pool and writes the
//! results of each record, in input order, to the sinks asked for (JSON lines, CSV or Parquet tables).
//!
//! A reader thread frames records into batches (bounded in count and bytes) and hands them over a channel of
//! one slot; the workers extract and render each batch in parallel, and the main thread writes and commits it in
//! order. So at most three batches are in memory whatever the corpus size. On stdin a batch is also cut whenever
//! no more input is at hand, so a slow producer sees each output line as soon as its input line is done.
//! `--resume` starts after the records the outputs already hold whole (see `output`).

use std::collections::BTreeMap;
use std::io;
use std::panic::{self, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{SyncSender, sync_channel};
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};
use gleaner_core::model::HtmlPage;
use gleaner_core::{Config, Document, Extraction, Extractor, Resources};
use indicatif::{ProgressBar, ProgressStyle};
use rayon::prelude::*;

use crate::failure::{ErrorCode, RecordError};
use crate::fields::{Fields, invalid_utf8};
use crate::input::{self, Format, Source};
use crate::output::{GkgTable, Jsonl, Outcome, Rendered, Sink};
use crate::records::{Body, Framer, Page, Record};
use crate::stats::RunStats;
use crate::tables;

/// Most records in one batch.
const BATCH_RECORDS: usize = 1024;
/// Most bytes of records in one batch (a larger single record is a batch of its own).
const BATCH_BYTES: usize = 8 << 20;

/// What `gleaner extract` was asked to do.
#[derive(Debug)]
pub struct Options {
    /// The inputs, in order.
    pub sources: Vec<Source>,
    /// How their records are laid out.
    pub format: Format,
    /// Answer blank lines with error records too (`--one-per-line`).
    pub one_per_line: bool,
    /// Where to write JSON lines (stdout when absent and there are no tables); `.gz` is gzip-compressed.
    pub output: Option<PathBuf>,
    /// A directory to write a GDELT GKG 2.1 table into as well (`gleaner.gkg.csv`, one row per extracted record).
    pub gkg: Option<PathBuf>,
    /// Where to write the tables, if anywhere.
    pub tables: Option<PathBuf>,
    /// In which format.
    pub table_format: TableFormat,
    /// Input records per Parquet part file.
    pub part_records: u64,
    /// Continue an interrupted run: skip the records the outputs hold whole.
    pub resume: bool,
    /// Count what was found, for `--stats`.
    pub stats: bool,
    /// Worker threads.
    pub threads: usize,
    /// Which fields hold what.
    pub fields: Fields,
    /// The extractor's configuration (its `max_bytes` is also the record size limit).
    pub config: Config,
    /// A directory of resources to read instead of the embedded ones.
    pub resources: Option<PathBuf>,
    /// How long one document may take before its extraction stops and it gets a `timeout` error record.
    pub doc_timeout: Option<Duration>,
    /// Show a progress bar.
    pub progress: bool,
}

/// The file format of the tables.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum TableFormat {
    /// One CSV file per table, with a header row.
    Csv,
    /// One directory of Parquet files per table.
    Parquet,
}

/// What a run did.
#[derive(Debug, Default)]
pub struct Summary {
    /// Records skipped because an earlier run had done them (`--resume`).
    pub skipped: u64,
    /// Records read (each gave one output line).
    pub records: u64,
    /// Records that gave an error record.
    pub errors: u64,
    /// Bytes of records (after decompression).
    pub bytes: u64,
    /// Wall-clock time.
    pub elapsed: Duration,
    /// True when the reader of the output went away (a closed pipe) before the end.
    pub output_closed: bool,
    /// What was found, with `--stats`.
    pub stats: Option<RunStats>,
    /// Records of the inputs that are no documents (WARC requests, metadata, non-HTML responses …), by kind.
    pub passed_over: BTreeMap<String, u64>,
}

impl std::fmt::Display for Summary {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let seconds = self.elapsed.as_secs_f64().max(1e-9);
        let mb = self.bytes as f64 / 1e6;
        write!(
            f,
            "{} documents, {} errors, {mb:.2} MB in {seconds:.2} s ({:.1} MB/s, {:.0} docs/s)",
            self.records,
            self.errors,
            mb / seconds,
            self.records as f64 / seconds
        )?;
        if self.skipped > 0 {
            write!(f, "; resumed after {} records done before", self.skipped)?;
        }
        if !self.passed_over.is_empty() {
            let kinds: Vec<String> = self.passed_over.iter().map(|(kind, n)| format!("{n} {kind}")).collect();
            write!(f, "; not read: {}", kinds.join(", "))?;
        }
        if let Some(stats) = &self.stats {
            write!(f, "\n{stats}")?;
        }
        Ok(())
    }
}

/// A run of records for the workers, with notes for the user about the inputs they came from.
#[derive(Debug, Default)]
struct Batch {
    /// Position of the first record among all input records.
    first: u64,
    records: Vec<Record>,
    notes: Vec<String>,
    /// Records passed over (not documents), by kind.
    passed_over: BTreeMap<String, u64>,
}

/// Runs the extraction; an `Err` is a usage or I/O failure (record failures are counted in the summary).
pub fn run(options: Options) -> Result<Summary> {
    let started = Instant::now();
    if let Some(out) = &options.output {
        refuse_overwriting_an_input(out, &options.sources)?;
    }
    let mut extractor = Extractor::builder().config(options.config.clone());
    if let Some(dir) = &options.resources {
        extractor = extractor.resources(Resources::from_dir(dir).context("reading --resources")?);
    }
    let extractor = extractor.build().context("starting the extractor")?;
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(options.threads)
        .thread_name(|i| format!("gleaner-worker-{i}"))
        .build()
        .context("starting the worker threads")?;
    let mut sinks = open_sinks(&options)?;
    let skip = if options.resume { resume(&mut sinks)? } else { 0 };
    let read = Arc::new(AtomicU64::new(0));
    let progress = progress_bar(options.progress, &options.sources);

    let (sender, receiver) = sync_channel(1);
    let reader = {
        let read = read.clone();
        let (sources, format, limit) = (options.sources, options.format, options.config.max_bytes);
        let blank_lines = options.one_per_line;
        std::thread::Builder::new()
            .name("gleaner-reader".into())
            .spawn(move || read_batches(sources, format, limit, blank_lines, skip, &read, &sender))
            .context("starting the reader thread")?
    };

    let mut summary = Summary { skipped: skip, ..Summary::default() };
    let mut stats = options.stats.then(RunStats::default);
    let fields = &options.fields;
    let timeout = options.doc_timeout;
    for batch in receiver.iter() {
        for note in &batch.notes {
            progress.suspend(|| eprintln!("gleaner: note: {note}"));
        }
        for (kind, n) in &batch.passed_over {
            *summary.passed_over.entry(kind.clone()).or_default() += n;
        }
        let first = batch.first;
        let sinks_ref = &sinks;
        let (outcomes, rendered): (Vec<Outcome>, Vec<Vec<Rendered>>) = pool.install(|| {
            batch
                .records
                .into_par_iter()
                .enumerate()
                .map(|(i, record)| {
                    let outcome = process(first + i as u64, record, fields, &extractor, timeout);
                    let rendered = sinks_ref.iter().map(|sink| sink.render(&outcome)).collect();
                    (outcome, rendered)
                })
                .unzip()
        });
        for outcome in &outcomes {
            summary.records += 1;
            summary.errors += u64::from(outcome.result.is_err());
            summary.bytes += outcome.bytes as u64;
            if let (Some(stats), Ok(x)) = (&mut stats, &outcome.result) {
                stats.add(x);
            }
        }
        match write_batch(&mut sinks, &outcomes, rendered) {
            Ok(()) => {}
            Err(e) if e.kind() == io::ErrorKind::BrokenPipe => {
                summary.output_closed = true;
                break;
            }
            Err(e) => return Err(e).context("writing the output"),
        }
        progress.set_position(read.load(Ordering::Relaxed));
        progress.set_message(format!("{} documents, {} errors", summary.records, summary.errors));
    }
    progress.finish_and_clear();
    if summary.output_closed {
        // The reader may be blocked on its input; it ends with the process.
        drop(receiver);
    } else {
        reader.join().map_err(|_| anyhow::anyhow!("the reader thread panicked"))?;
        for sink in sinks {
            sink.finish().context("finishing the output")?;
        }
    }
    summary.elapsed = started.elapsed();
    summary.stats = stats;
    Ok(summary)
}

/// The outputs asked for: JSON lines (to `-o`, or to stdout unless there are tables), then the tables. The
/// order matters for `--resume`: each batch is committed to the JSON lines first, so the tables never run ahead.
/// Another output (a GKG-style table, say) is one more `Sink` pushed here, after the JSON lines.
fn open_sinks(options: &Options) -> Result<Vec<Box<dyn Sink>>> {
    let mut sinks: Vec<Box<dyn Sink>> = Vec::new();
    if options.output.is_some() || options.tables.is_none() {
        sinks.push(Box::new(Jsonl::create(options.output.as_deref(), options.resume)?));
    }
    if let Some(dir) = &options.tables {
        sinks.push(match options.table_format {
            TableFormat::Csv => Box::new(tables::csv::Csv::create(dir, options.resume)?),
            TableFormat::Parquet => {
                Box::new(tables::parquet::Parquet::create(dir, options.resume, options.part_records)?)
            }
        });
    }
    if let Some(dir) = &options.gkg {
        if options.resume {
            bail!("--resume cannot continue a GKG table (--gkg); run without it or start afresh");
        }
        sinks.push(Box::new(GkgTable::create(dir)?));
    }
    Ok(sinks)
}

/// Repairs the outputs of an interrupted run and returns how many input records all of them hold.
fn resume(sinks: &mut [Box<dyn Sink>]) -> Result<u64> {
    let mut done = u64::MAX;
    for sink in sinks.iter_mut() {
        done = done.min(sink.recover()?);
    }
    for sink in sinks.iter_mut() {
        sink.rewind(done)?;
    }
    Ok(if sinks.is_empty() { 0 } else { done })
}

/// Writes a batch to every sink, then commits each, in order.
fn write_batch(sinks: &mut [Box<dyn Sink>], outcomes: &[Outcome], rendered: Vec<Vec<Rendered>>) -> io::Result<()> {
    let mut per_sink: Vec<Vec<Rendered>> = sinks.iter().map(|_| Vec::with_capacity(outcomes.len())).collect();
    for by_sink in rendered {
        for (bucket, r) in per_sink.iter_mut().zip(by_sink) {
            bucket.push(r);
        }
    }
    for (sink, rendered) in sinks.iter_mut().zip(per_sink) {
        sink.write(outcomes, rendered)?;
    }
    for sink in sinks.iter_mut() {
        sink.commit()?;
    }
    Ok(())
}

/// Frames every input into batches and sends them, leaving out the first `skip` records; stops early when the
/// receiver is gone.
fn read_batches(
    sources: Vec<Source>,
    format: Format,
    limit: usize,
    blank_lines: bool,
    skip: u64,
    read: &Arc<AtomicU64>,
    sender: &SyncSender<Batch>,
) {
    let mut batch = Batch { first: skip, ..Batch::default() };
    let mut position = 0u64;
    let mut bytes = 0;
    let mut push = |batch: &mut Batch, record: Record, bytes: &mut usize| {
        position += 1;
        if position > skip {
            *bytes += record.len();
            batch.records.push(record);
        }
    };
    for source in sources {
        let name: Arc<str> = source.name().into();
        let opened = match input::open(&source, format, read.clone()) {
            Ok(opened) => opened,
            Err(e) => {
                let error = RecordError::from_io(&e);
                push(&mut batch, Record { input: name, line: None, body: Err(error) }, &mut bytes);
                continue;
            }
        };
        // On a pipe (stdin, a FIFO), waiting for a full batch would hold back lines that are ready.
        let interactive = match &source {
            Source::File(path) => !std::fs::metadata(path).is_ok_and(|m| m.is_file()),
            _ => true,
        };
        let mut framer = Framer::new(name.clone(), opened, limit);
        if blank_lines {
            framer = framer.answering_blank_lines();
        }
        let mut count = 0;
        while let Some(record) = framer.next_record() {
            count += 1;
            push(&mut batch, record, &mut bytes);
            let full = batch.records.len() >= BATCH_RECORDS || bytes >= BATCH_BYTES;
            if full || (interactive && !framer.has_buffered() && !batch.records.is_empty()) {
                let next = batch.first + batch.records.len() as u64;
                if sender.send(std::mem::replace(&mut batch, Batch { first: next, ..Batch::default() })).is_err() {
                    return;
                }
                bytes = 0;
            }
        }
        for (kind, n) in framer.take_skipped() {
            *batch.passed_over.entry(kind).or_default() += n;
        }
        if count == 0 {
            batch.notes.push(format!("{name} holds no records"));
        }
    }
    if !batch.records.is_empty() || !batch.notes.is_empty() || !batch.passed_over.is_empty() {
        let _ = sender.send(batch);
    }
}

/// Extracts one record, within `timeout` of the start of its work when there is one.
fn process(doc: u64, record: Record, fields: &Fields, extractor: &Extractor, timeout: Option<Duration>) -> Outcome {
    let deadline = timeout.map(|t| Deadline { at: Instant::now() + t, timeout: t });
    let bytes = record.len();
    let Record { input, line, body } = record;
    let mut warnings = Vec::new();
    let (id, document, page) = match body {
        Err(error) => (None, Err(error), None),
        Ok(Body::Json(json)) => {
            let mapped = fields.document(&json);
            let page = mapped.html.map(|html| Page { bytes: html.into_bytes(), ..Page::default() });
            warnings = mapped.warnings;
            (mapped.id, mapped.document, page)
        }
        Ok(Body::Text(text)) => {
            // A text file's id is its name.
            let id = (&*input != "-").then(|| input.to_string());
            let document = String::from_utf8(text)
                .map(|text| Document { id: id.clone(), ..Document::new(text) })
                .map_err(|e| invalid_utf8(e.as_bytes(), &e.utf8_error()));
            (id, document, None)
        }
        Ok(Body::Html(mut page)) => {
            // A page file's id is its name; a WARC response's its record id.
            let id = page.id.take().or_else(|| (&*input != "-").then(|| input.to_string()));
            let document = Document { id: id.clone(), url: page.url.take(), ..Document::default() };
            (id, Ok(document), Some(page))
        }
    };
    let mut meta = None;
    let result = document.and_then(|doc| {
        let Some(page) = page else {
            let extraction = extract(extractor, &doc, deadline);
            meta = Some(Document { text: String::new(), ..doc });
            return extraction;
        };
        let (mut doc, html) = read_page(&page, doc)?;
        let extraction = extract(extractor, &doc, deadline);
        let text = std::mem::take(&mut doc.text);
        let title = doc.title.clone();
        meta = Some(doc);
        extraction.map(|x| Extraction { text: Some(text), title, html: Some(html), ..x })
    });
    let result = result.map(|mut x| {
        x.warnings.extend(warnings);
        x
    });
    Outcome { doc, id, input, line, bytes, meta, result }
}

/// Reads a web page into the document to extract from (its text, and the title, date, URL and source the
/// record did not give) and what the page said about itself; a panic becomes this record's error.
fn read_page(page: &Page, given: Document) -> Result<(Document, HtmlPage), RecordError> {
    panic::catch_unwind(AssertUnwindSafe(|| {
        gleaner_html::record::document(&page.bytes, page.content_type.as_deref(), given)
    }))
    .map_err(|panic| {
        RecordError::new(ErrorCode::InternalError, format!("the HTML reader panicked: {}", panic_text(&*panic)))
    })
}

/// The message of a caught panic.
fn panic_text(panic: &(dyn std::any::Any + Send)) -> String {
    panic
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| panic.downcast_ref::<String>().cloned())
        .unwrap_or_default()
}

/// When a document's extraction must stop (`--doc-timeout`), and the limit it was given.
#[derive(Debug, Clone, Copy)]
struct Deadline {
    at: Instant,
    timeout: Duration,
}

/// Runs the extractor on one document (until `deadline`, if any); a failure, a timeout or a panic becomes this
/// record's error, not the run's.
fn extract(extractor: &Extractor, document: &Document, deadline: Option<Deadline>) -> Result<Extraction, RecordError> {
    let run = || match deadline {
        Some(d) => extractor.extract_until(document, d.at),
        None => extractor.extract(document),
    };
    match panic::catch_unwind(AssertUnwindSafe(run)) {
        Ok(Ok(extraction)) => Ok(extraction),
        Ok(Err(e @ gleaner_core::Error::DocumentTooLarge { .. })) => {
            Err(RecordError::new(ErrorCode::DocumentTooLarge, e.to_string()))
        }
        Ok(Err(gleaner_core::Error::DeadlinePassed { stage })) => {
            let limit = deadline.map_or(0.0, |d| d.timeout.as_secs_f64());
            Err(RecordError::new(
                ErrorCode::Timeout,
                format!(
                    "the extraction took longer than --doc-timeout ({limit} s) and was stopped in the {stage} stage"
                ),
            ))
        }
        Ok(Err(e)) => Err(RecordError::new(ErrorCode::InternalError, e.to_string())),
        Err(panic) => {
            Err(RecordError::new(ErrorCode::InternalError, format!("the extractor panicked: {}", panic_text(&*panic))))
        }
    }
}

/// Refuses `-o` naming one of the inputs, which the run would destroy before reading it.
fn refuse_overwriting_an_input(output: &Path, sources: &[Source]) -> Result<()> {
    let Ok(out) = output.canonicalize() else {
        return Ok(());
    };
    for source in sources {
        if let Source::File(path) = source
            && path.canonicalize().is_ok_and(|p| p == out)
        {
            bail!("the output {} is also an input", output.display());
        }
    }
    Ok(())
}

/// A progress bar over the bytes of the inputs on stderr, or a hidden one.
fn progress_bar(show: bool, sources: &[Source]) -> ProgressBar {
    if !show {
        return ProgressBar::hidden();
    }
    let total: Option<u64> = sources.iter().map(Source::size).sum();
    let bar = match total {
        Some(total) => ProgressBar::new(total).with_style(
            ProgressStyle::with_template(
                "{spinner} [{elapsed_precise}] {wide_bar} {bytes}/{total_bytes} ({eta}) {msg}",
            )
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
        ),
        None => ProgressBar::new_spinner().with_style(
            ProgressStyle::with_template("{spinner} [{elapsed_precise}] {bytes} read {msg}")
                .unwrap_or_else(|_| ProgressStyle::default_spinner()),
        ),
    };
    bar.enable_steady_tick(Duration::from_millis(200));
    bar
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_document_past_its_timeout_becomes_a_timeout_error() {
        let extractor = Extractor::new(Config::default()).expect("the embedded resources load");
        let doc = Document::new("Talks resumed in Paris on Tuesday. ".repeat(50));
        // A deadline already passed stops the extraction at its first check.
        let passed = Deadline { at: Instant::now(), timeout: Duration::from_millis(250) };
        let error = extract(&extractor, &doc, Some(passed)).expect_err("the deadline has passed");
        assert_eq!(error.code, ErrorCode::Timeout);
        assert!(error.message.contains("--doc-timeout (0.25 s)"), "{}", error.message);
        // A generous one changes nothing.
        let later = Deadline { at: Instant::now() + Duration::from_secs(600), timeout: Duration::from_secs(600) };
        let within = extract(&extractor, &doc, Some(later)).expect("extracted within the limit");
        assert_eq!(Some(within), extract(&extractor, &doc, None).ok());
    }
}
