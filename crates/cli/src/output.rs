//! Where results go: sinks that take each batch of outcomes in input order (JSON lines, CSV tables, Parquet
//! tables), and the crash-safety rules they share.
//!
//! A sink renders each outcome on a worker thread (`render`, in parallel), then writes the rendered batch in
//! order on the main thread (`write`) and makes it durable (`commit`). A crash (a kill, a power cut) may leave a
//! torn tail after the last commit; `--resume` asks every sink how many records it holds whole (`recover`, which
//! cuts a torn tail off), rewinds all of them to the smallest count (`rewind`), and the run goes on from there.
//! Outputs stay in input order, so a count of whole records is all the state a resumed run needs.

use std::fs::{File, OpenOptions};
use std::io::{self, BufRead, BufReader, BufWriter, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use anyhow::{Context, Result, bail};
use gleaner_core::{Document, Extraction};

use crate::failure::{ErrorRecord, RecordError};
use crate::tables::{Doc, Failure};

/// What came of one input record.
#[derive(Debug)]
pub struct Outcome {
    /// Position among all input records, from 0.
    pub doc: u64,
    /// The record's id, when it has a usable one.
    pub id: Option<String>,
    /// The input it came from.
    pub input: Arc<str>,
    /// The line it starts on.
    pub line: Option<u64>,
    /// Bytes of input it held.
    pub bytes: usize,
    /// The document's fields other than its text (for the GKG table), when the record held a document.
    pub meta: Option<Document>,
    /// The extraction, or why there is none.
    pub result: Result<Extraction, RecordError>,
}

impl Outcome {
    /// Calls `f` with this outcome as the `documents` table sees it.
    pub fn with_doc<R>(&self, f: impl FnOnce(&Doc<'_>) -> R) -> R {
        let (doc, id) = (self.doc, self.id.as_deref());
        match &self.result {
            Ok(x) => f(&Doc { doc, id, result: Ok(x) }),
            Err(error) => {
                let record = ErrorRecord::new(error, id, &self.input, self.line);
                let failure = Failure {
                    code: error.code.as_str(),
                    message: error.message.clone(),
                    input: self.input.to_string(),
                    line: record.line(),
                };
                f(&Doc { doc, id, result: Err(&failure) })
            }
        }
    }
}

/// Bytes a sink rendered for one outcome, one buffer per file it writes.
pub type Rendered = Vec<Vec<u8>>;

/// An output of `gleaner extract`.
pub trait Sink: Send + Sync {
    /// Renders one outcome (on a worker thread).
    fn render(&self, outcome: &Outcome) -> Rendered;
    /// Writes a batch in input order: the outcomes and what `render` made of each.
    fn write(&mut self, outcomes: &[Outcome], rendered: Vec<Rendered>) -> io::Result<()>;
    /// Makes everything written so far durable (and visible to a reader of a pipe).
    fn commit(&mut self) -> io::Result<()>;
    /// Ends the output.
    fn finish(self: Box<Self>) -> io::Result<()>;
    /// How many records the output holds whole, after cutting off a torn tail (for `--resume`).
    fn recover(&mut self) -> Result<u64>;
    /// Drops every record after the first `records` (for `--resume`, to agree with the other outputs).
    fn rewind(&mut self, records: u64) -> Result<()>;
}

/// Syncs a file's data to disk. A file that cannot be synced (`/dev/null`, a FIFO) has nothing to lose.
pub fn sync(file: &File) -> io::Result<()> {
    match file.sync_data() {
        Err(e) if matches!(e.kind(), io::ErrorKind::InvalidInput | io::ErrorKind::Unsupported) => Ok(()),
        result => result,
    }
}

/// Syncs a directory (so that a rename or a new file in it survives a power cut); best effort.
pub fn sync_dir(dir: &Path) {
    if let Ok(d) = File::open(dir) {
        let _ = d.sync_all();
    }
}

/// JSON lines: one line per record, to stdout, a file, or a gzip file.
pub struct Jsonl {
    out: JsonlOut,
}

enum JsonlOut {
    /// Standard output, flushed after every batch (a streaming filter).
    Stdout(BufWriter<io::Stdout>),
    /// A file, synced after every batch.
    File { path: PathBuf, writer: BufWriter<File> },
    /// A gzip-compressed file.
    Gzip(flate2::write::GzEncoder<BufWriter<File>>),
}

impl Jsonl {
    /// JSON lines to `path` (`-` or none: stdout; `.gz`: compressed). With `resume`, an existing file is kept
    /// and appended to.
    pub fn create(path: Option<&Path>, resume: bool) -> Result<Self> {
        let Some(path) = path.filter(|p| p.as_os_str() != "-") else {
            if resume {
                bail!("--resume needs the output in a file (-o OUT) or --tables DIR, not stdout");
            }
            return Ok(Jsonl { out: JsonlOut::Stdout(BufWriter::with_capacity(1 << 16, io::stdout())) });
        };
        let gzip = path.extension().is_some_and(|e| e == "gz");
        if gzip && resume {
            bail!("--resume cannot append to a gzip output ({}); write plain JSON lines", path.display());
        }
        let file = if resume {
            OpenOptions::new().read(true).append(true).create(true).open(path)
        } else {
            File::create(path)
        }
        .with_context(|| format!("cannot create {}", path.display()))?;
        let writer = BufWriter::with_capacity(1 << 20, file);
        Ok(Jsonl {
            out: if gzip {
                JsonlOut::Gzip(flate2::write::GzEncoder::new(writer, flate2::Compression::default()))
            } else {
                JsonlOut::File { path: path.to_path_buf(), writer }
            },
        })
    }

    fn writer(&mut self) -> &mut dyn Write {
        match &mut self.out {
            JsonlOut::Stdout(w) => w,
            JsonlOut::File { writer, .. } => writer,
            JsonlOut::Gzip(w) => w,
        }
    }

    fn file(&mut self) -> Result<(&Path, &mut BufWriter<File>)> {
        match &mut self.out {
            JsonlOut::File { path, writer } => Ok((path, writer)),
            _ => bail!("only a plain file output can be resumed"),
        }
    }
}

impl Sink for Jsonl {
    fn render(&self, outcome: &Outcome) -> Rendered {
        let mut json = Vec::with_capacity(256);
        match &outcome.result {
            Ok(x) => {
                if let Err(e) = serde_json::to_writer(&mut json, x) {
                    json.clear();
                    let error =
                        RecordError::new(crate::failure::ErrorCode::InternalError, format!("cannot serialize: {e}"));
                    let record = ErrorRecord::new(&error, outcome.id.as_deref(), &outcome.input, outcome.line);
                    let _ = serde_json::to_writer(&mut json, &record);
                }
            }
            Err(error) => {
                let record = ErrorRecord::new(error, outcome.id.as_deref(), &outcome.input, outcome.line);
                // An error record holds only strings and numbers: it always serializes.
                let _ = serde_json::to_writer(&mut json, &record);
            }
        }
        json.push(b'\n');
        vec![json]
    }

    fn write(&mut self, _outcomes: &[Outcome], rendered: Vec<Rendered>) -> io::Result<()> {
        let out = self.writer();
        for buffers in rendered {
            for buffer in buffers {
                out.write_all(&buffer)?;
            }
        }
        Ok(())
    }

    fn commit(&mut self) -> io::Result<()> {
        match &mut self.out {
            JsonlOut::Stdout(w) => w.flush(),
            JsonlOut::File { writer, .. } => {
                writer.flush()?;
                sync(writer.get_ref())
            }
            // A gzip stream cannot be resumed: flushing it mid-way would only cost compression.
            JsonlOut::Gzip(_) => Ok(()),
        }
    }

    fn finish(self: Box<Self>) -> io::Result<()> {
        match self.out {
            JsonlOut::Stdout(mut w) => w.flush(),
            JsonlOut::File { mut writer, .. } => {
                writer.flush()?;
                sync(writer.get_ref())
            }
            JsonlOut::Gzip(w) => {
                let writer = w.finish()?;
                sync(&writer.into_inner().map_err(io::IntoInnerError::into_error)?)
            }
        }
    }

    fn recover(&mut self) -> Result<u64> {
        let (path, writer) = self.file()?;
        let (lines, whole) = count_lines(writer.get_mut()).with_context(|| format!("reading {}", path.display()))?;
        writer.get_mut().set_len(whole).with_context(|| format!("truncating {}", path.display()))?;
        Ok(lines)
    }

    fn rewind(&mut self, records: u64) -> Result<()> {
        let (path, writer) = self.file()?;
        let end = offset_of_line(writer.get_mut(), records).with_context(|| format!("reading {}", path.display()))?;
        writer.get_mut().set_len(end).with_context(|| format!("truncating {}", path.display()))?;
        Ok(())
    }
}

/// A GDELT GKG 2.1 table (`DIR/gleaner.gkg.csv`, tab-separated, no header, as GDELT writes it): one row per
/// extracted record; failed records have no row.
pub struct GkgTable {
    writer: BufWriter<File>,
}

impl GkgTable {
    /// Creates `dir/gleaner.gkg.csv` (and `dir`).
    pub fn create(dir: &Path) -> Result<Self> {
        std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
        let path = dir.join("gleaner.gkg.csv");
        let file = File::create(&path).with_context(|| format!("cannot create {}", path.display()))?;
        Ok(GkgTable { writer: BufWriter::with_capacity(1 << 20, file) })
    }
}

impl Sink for GkgTable {
    fn render(&self, outcome: &Outcome) -> Rendered {
        let (Ok(x), Some(doc)) = (&outcome.result, &outcome.meta) else { return Vec::new() };
        // The record's id, else where it came from.
        let record_id = outcome.id.clone().unwrap_or_else(|| match outcome.line {
            Some(line) => format!("{}:{line}", outcome.input),
            None => outcome.input.to_string(),
        });
        vec![(gleaner_core::summary::gkg::row(&record_id, doc, x) + "\n").into_bytes()]
    }

    fn write(&mut self, _outcomes: &[Outcome], rendered: Vec<Rendered>) -> io::Result<()> {
        for row in rendered.into_iter().flatten() {
            self.writer.write_all(&row)?;
        }
        Ok(())
    }

    fn commit(&mut self) -> io::Result<()> {
        self.writer.flush()
    }

    fn finish(mut self: Box<Self>) -> io::Result<()> {
        self.writer.flush()?;
        sync(self.writer.get_ref())
    }

    fn recover(&mut self) -> Result<u64> {
        bail!("a GKG table cannot be resumed")
    }

    fn rewind(&mut self, _records: u64) -> Result<()> {
        bail!("a GKG table cannot be resumed")
    }
}

/// The number of whole (newline-ended) lines in a file and the length of that whole part.
pub fn count_lines(file: &mut File) -> io::Result<(u64, u64)> {
    file.seek(SeekFrom::Start(0))?;
    let mut reader = BufReader::with_capacity(1 << 20, file);
    let (mut lines, mut offset, mut whole) = (0u64, 0u64, 0u64);
    loop {
        let buf = reader.fill_buf()?;
        if buf.is_empty() {
            return Ok((lines, whole));
        }
        let len = buf.len();
        for i in memchr::memchr_iter(b'\n', buf) {
            lines += 1;
            whole = offset + i as u64 + 1;
        }
        offset += len as u64;
        reader.consume(len);
    }
}

/// The byte offset just after the first `n` lines (the file's length if it has fewer).
pub fn offset_of_line(file: &mut File, n: u64) -> io::Result<u64> {
    file.seek(SeekFrom::Start(0))?;
    if n == 0 {
        return Ok(0);
    }
    let mut reader = BufReader::with_capacity(1 << 20, file);
    let (mut seen, mut offset) = (0u64, 0u64);
    loop {
        let buf = reader.fill_buf()?;
        if buf.is_empty() {
            return Ok(offset);
        }
        let len = buf.len();
        for i in memchr::memchr_iter(b'\n', buf) {
            seen += 1;
            if seen == n {
                return Ok(offset + i as u64 + 1);
            }
        }
        offset += len as u64;
        reader.consume(len);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_and_torn_tails() {
        let dir = std::env::temp_dir().join(format!("gleaner-output-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap_or_default();
        let path = dir.join("out.jsonl");
        std::fs::write(&path, b"{\"a\":1}\n{\"b\":2}\n{\"c\":").unwrap_or_default();
        let mut sink = Jsonl::create(Some(&path), true).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(sink.recover().ok(), Some(2));
        assert_eq!(std::fs::read(&path).ok(), Some(b"{\"a\":1}\n{\"b\":2}\n".to_vec()));
        assert!(sink.rewind(1).is_ok());
        assert_eq!(std::fs::read(&path).ok(), Some(b"{\"a\":1}\n".to_vec()));
        let _ = std::fs::remove_dir_all(&dir);
    }
}
