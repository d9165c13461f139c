//! `gleaner extract`: streams records from the inputs through the extractor on a thread pool and writes one
//! JSON line per record, in input order.
//!
//! A reader thread frames records into batches (bounded in count and bytes) and hands them over a channel of
//! one slot; the main thread extracts each batch in parallel and writes it in order. So at most three batches
//! are in memory whatever the corpus size. On stdin a batch is also cut whenever no more input is at hand, so a
//! slow producer sees each output line as soon as its input line is done.

use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::panic::{self, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{SyncSender, sync_channel};
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};
use gleaner_core::{Config, Document, Extraction, Extractor};
use indicatif::{ProgressBar, ProgressStyle};
use rayon::prelude::*;

use crate::failure::{ErrorCode, ErrorRecord, RecordError};
use crate::fields::{Fields, invalid_utf8};
use crate::input::{self, Format, Source};
use crate::records::{Body, Framer, Record};

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
    /// Where to write (stdout when absent); a name ending in `.gz` is gzip-compressed.
    pub output: Option<PathBuf>,
    /// A directory to write a GDELT GKG 2.1 table into as well (`gleaner.gkg.csv`, one row per extracted record).
    pub gkg: Option<PathBuf>,
    /// Worker threads.
    pub threads: usize,
    /// Which fields hold what.
    pub fields: Fields,
    /// The extractor's configuration (its `max_bytes` is also the record size limit).
    pub config: Config,
    /// Show a progress bar.
    pub progress: bool,
}

/// What a run did.
#[derive(Debug, Default, Clone, Copy)]
pub struct Summary {
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
        )
    }
}

/// A run of records for the workers, with notes for the user about the inputs they came from.
#[derive(Debug, Default)]
struct Batch {
    records: Vec<Record>,
    notes: Vec<String>,
}

/// One output line and whether it is an error record.
struct Line {
    json: Vec<u8>,
    failed: bool,
    bytes: usize,
    /// The record's GKG row (with its line break), when a GKG table is written and the record was extracted.
    gkg: Option<String>,
}

/// Runs the extraction; an `Err` is a usage or I/O failure (record failures are counted in the summary).
pub fn run(options: Options) -> Result<Summary> {
    let started = Instant::now();
    if let Some(out) = &options.output {
        refuse_overwriting_an_input(out, &options.sources)?;
    }
    let extractor = Extractor::new(options.config.clone()).context("starting the extractor")?;
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(options.threads)
        .thread_name(|i| format!("gleaner-worker-{i}"))
        .build()
        .context("starting the worker threads")?;
    let mut output = Output::create(options.output.as_deref())?;
    let mut gkg = options.gkg.as_deref().map(gkg_table).transpose()?;
    let read = Arc::new(AtomicU64::new(0));
    let progress = progress_bar(options.progress, &options.sources);

    let (sender, receiver) = sync_channel(1);
    let reader = {
        let read = read.clone();
        let (sources, format, limit) = (options.sources, options.format, options.config.max_bytes);
        std::thread::Builder::new()
            .name("gleaner-reader".into())
            .spawn(move || read_batches(sources, format, limit, &read, &sender))
            .context("starting the reader thread")?
    };

    let mut summary = Summary::default();
    let fields = &options.fields;
    for batch in receiver.iter() {
        for note in &batch.notes {
            progress.suspend(|| eprintln!("gleaner: note: {note}"));
        }
        let lines: Vec<Line> = pool
            .install(|| batch.records.into_par_iter().map(|r| process(r, fields, &extractor, gkg.is_some())).collect());
        for line in &lines {
            summary.records += 1;
            summary.errors += u64::from(line.failed);
            summary.bytes += line.bytes as u64;
        }
        if let Some(table) = &mut gkg {
            for row in lines.iter().filter_map(|l| l.gkg.as_deref()) {
                table.write_all(row.as_bytes()).context("writing the GKG table")?;
            }
        }
        match output.write_lines(&lines) {
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
        output.finish().context("finishing the output")?;
        if let Some(mut table) = gkg {
            table.flush().context("finishing the GKG table")?;
        }
    }
    summary.elapsed = started.elapsed();
    Ok(summary)
}

/// Frames every input into batches and sends them; stops early when the receiver is gone.
fn read_batches(sources: Vec<Source>, format: Format, limit: usize, read: &Arc<AtomicU64>, sender: &SyncSender<Batch>) {
    let mut batch = Batch::default();
    let mut bytes = 0;
    for source in sources {
        let name: Arc<str> = source.name().into();
        let opened = match input::open(&source, format, read.clone()) {
            Ok(opened) => opened,
            Err(e) => {
                let error = RecordError::from_io(&e);
                batch.records.push(Record { input: name, line: None, body: Err(error) });
                continue;
            }
        };
        // On a pipe (stdin, a FIFO), waiting for a full batch would hold back lines that are ready.
        let interactive = match &source {
            Source::File(path) => !std::fs::metadata(path).is_ok_and(|m| m.is_file()),
            _ => true,
        };
        let mut framer = Framer::new(name.clone(), opened, limit);
        let mut count = 0;
        while let Some(record) = framer.next_record() {
            count += 1;
            bytes += record.len();
            batch.records.push(record);
            let full = batch.records.len() >= BATCH_RECORDS || bytes >= BATCH_BYTES;
            if full || (interactive && !framer.has_buffered()) {
                if sender.send(std::mem::take(&mut batch)).is_err() {
                    return;
                }
                bytes = 0;
            }
        }
        if count == 0 {
            batch.notes.push(format!("{name} holds no records"));
        }
    }
    if !batch.records.is_empty() || !batch.notes.is_empty() {
        let _ = sender.send(batch);
    }
}

/// Creates `dir/gleaner.gkg.csv` (and `dir`).
fn gkg_table(dir: &Path) -> Result<BufWriter<File>> {
    std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    let path = dir.join("gleaner.gkg.csv");
    let file = File::create(&path).with_context(|| format!("cannot create {}", path.display()))?;
    Ok(BufWriter::with_capacity(1 << 20, file))
}

/// Extracts one record into its output line (and its GKG row when `gkg`).
fn process(record: Record, fields: &Fields, extractor: &Extractor, gkg: bool) -> Line {
    let bytes = record.len();
    let Record { input, line, body } = record;
    let (id, document) = match body {
        Err(error) => (None, Err(error)),
        Ok(Body::Json(json)) => {
            let mapped = fields.document(&json);
            (mapped.id, mapped.document)
        }
        Ok(Body::Text(text)) => {
            // A text file's id is its name.
            let id = (&*input != "-").then(|| input.to_string());
            let document = String::from_utf8(text)
                .map(|text| Document { id: id.clone(), ..Document::new(text) })
                .map_err(|e| invalid_utf8(e.as_bytes(), &e.utf8_error()));
            (id, document)
        }
    };
    let mut row = None;
    let result = document.and_then(|doc| {
        let extraction = extract(extractor, &doc)?;
        if gkg {
            // The record's id, else where it came from.
            let record_id =
                id.clone().unwrap_or_else(|| line.map_or_else(|| input.to_string(), |l| format!("{input}:{l}")));
            row = Some(gleaner_core::summary::gkg::row(&record_id, &doc, &extraction) + "\n");
        }
        Ok(extraction)
    });
    let mut json = Vec::with_capacity(256);
    let failed = match result.and_then(|x| {
        serde_json::to_writer(&mut json, &x)
            .map_err(|e| RecordError::new(ErrorCode::InternalError, format!("cannot serialize: {e}")))
    }) {
        Ok(()) => false,
        Err(error) => {
            json.clear();
            let record = ErrorRecord::new(&error, id.as_deref(), &input, line);
            // An error record holds only strings and numbers: it always serializes.
            let _ = serde_json::to_writer(&mut json, &record);
            true
        }
    };
    json.push(b'\n');
    Line { json, failed, bytes, gkg: row.filter(|_| !failed) }
}

/// Runs the extractor on one document; a failure or a panic becomes this record's error, not the run's.
fn extract(extractor: &Extractor, document: &Document) -> Result<Extraction, RecordError> {
    match panic::catch_unwind(AssertUnwindSafe(|| extractor.extract(document))) {
        Ok(Ok(extraction)) => Ok(extraction),
        Ok(Err(e @ gleaner_core::Error::DocumentTooLarge { .. })) => {
            Err(RecordError::new(ErrorCode::DocumentTooLarge, e.to_string()))
        }
        Ok(Err(e)) => Err(RecordError::new(ErrorCode::InternalError, e.to_string())),
        Err(panic) => {
            let what = panic
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_default();
            Err(RecordError::new(ErrorCode::InternalError, format!("the extractor panicked: {what}")))
        }
    }
}

/// Where output lines go.
enum Output {
    /// Standard output, flushed after every batch (a streaming filter).
    Stdout(BufWriter<io::StdoutLock<'static>>),
    /// A file.
    File(BufWriter<File>),
    /// A gzip-compressed file.
    Gzip(flate2::write::GzEncoder<BufWriter<File>>),
}

impl Output {
    fn create(path: Option<&Path>) -> Result<Self> {
        let Some(path) = path.filter(|p| p.as_os_str() != "-") else {
            return Ok(Output::Stdout(BufWriter::with_capacity(1 << 16, io::stdout().lock())));
        };
        let file = File::create(path).with_context(|| format!("cannot create {}", path.display()))?;
        let file = BufWriter::with_capacity(1 << 20, file);
        Ok(if path.extension().is_some_and(|e| e == "gz") {
            Output::Gzip(flate2::write::GzEncoder::new(file, flate2::Compression::default()))
        } else {
            Output::File(file)
        })
    }

    fn write_lines(&mut self, lines: &[Line]) -> io::Result<()> {
        let out: &mut dyn Write = match self {
            Output::Stdout(w) => w,
            Output::File(w) => w,
            Output::Gzip(w) => w,
        };
        for line in lines {
            out.write_all(&line.json)?;
        }
        if let Output::Stdout(w) = self {
            w.flush()?;
        }
        Ok(())
    }

    fn finish(self) -> io::Result<()> {
        match self {
            Output::Stdout(mut w) => w.flush(),
            Output::File(mut w) => w.flush(),
            Output::Gzip(w) => w.finish()?.flush(),
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
