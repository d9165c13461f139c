//! Where records come from: files, directories of them and stdin, decompressed (gzip, zstd) by their magic
//! bytes, with the record format (JSON lines, a JSON array, plain text, an HTML page, a WARC file) chosen by
//! name or by content.

use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use anyhow::{Context, Result, bail};
use ruzstd::decoding::StreamingDecoder;
use ruzstd::decoding::errors::FrameDecoderError;

/// Capacity of the buffer records are framed from.
const BUFFER: usize = 1 << 20;

/// How the records of an input are laid out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// By the file name (.jsonl, .ndjson, .json, .txt, .html, .htm, .warc), else by the first bytes.
    Auto,
    /// One JSON object per line.
    Jsonl,
    /// A JSON array of objects (or JSON lines when the content does not start with `[`).
    Json,
    /// The whole input is one document's text.
    Txt,
    /// The whole input is one web page.
    Html,
    /// A WARC file: one document per HTML response.
    Warc,
}

/// The record layout of one opened input, once `Format::Auto` is resolved.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    /// One JSON value per line.
    Lines,
    /// The elements of one JSON array.
    Array,
    /// One document: the whole input.
    Text,
    /// One web page: the whole input.
    Html,
    /// WARC records.
    Warc,
}

/// One input to read.
#[derive(Debug, Clone)]
pub enum Source {
    /// Standard input.
    Stdin,
    /// A file.
    File(PathBuf),
    /// A path found while walking a directory that could not be read.
    Unreadable {
        /// The path, as far as it is known.
        path: PathBuf,
        /// Why it could not be read.
        reason: String,
    },
}

impl Source {
    /// The name error records give this input.
    pub fn name(&self) -> String {
        match self {
            Source::Stdin => "-".to_string(),
            Source::File(path) | Source::Unreadable { path, .. } => path.display().to_string(),
        }
    }

    /// The size on disk, when it is a file.
    pub fn size(&self) -> Option<u64> {
        match self {
            Source::File(path) => std::fs::metadata(path).ok().map(|m| m.len()),
            _ => None,
        }
    }
}

/// The inputs named on the command line, with directories expanded (recursively, sorted by name, keeping the
/// files whose names say they hold records). No input, or `-`, is stdin. A named path that does not exist is
/// a usage error.
pub fn sources(inputs: &[PathBuf]) -> Result<Vec<Source>> {
    if inputs.is_empty() {
        return Ok(vec![Source::Stdin]);
    }
    if inputs.iter().filter(|p| p.as_os_str() == "-").count() > 1 {
        bail!("stdin (-) can be read only once");
    }
    let mut out = Vec::new();
    for input in inputs {
        if input.as_os_str() == "-" {
            out.push(Source::Stdin);
            continue;
        }
        let meta = std::fs::metadata(input).with_context(|| format!("cannot read input {}", input.display()))?;
        if !meta.is_dir() {
            out.push(Source::File(input.clone()));
            continue;
        }
        let walk = walkdir::WalkDir::new(input).follow_links(true).sort_by_file_name();
        for entry in walk.into_iter().filter_entry(|e| e.depth() == 0 || !is_hidden(e.file_name())) {
            match entry {
                Ok(e) if e.file_type().is_file() && holds_records(e.path()) => out.push(Source::File(e.into_path())),
                Ok(_) => {}
                Err(err) => out.push(Source::Unreadable {
                    path: err.path().map(Path::to_path_buf).unwrap_or_else(|| input.clone()),
                    reason: err.to_string(),
                }),
            }
        }
    }
    Ok(out)
}

fn is_hidden(name: &std::ffi::OsStr) -> bool {
    name.to_str().is_some_and(|n| n.starts_with('.'))
}

/// The file name without a compression suffix, lower-cased.
fn base_name(path: &Path) -> String {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("").to_ascii_lowercase();
    for suffix in [".gz", ".zst"] {
        if let Some(stem) = name.strip_suffix(suffix) {
            return stem.to_string();
        }
    }
    name
}

/// Whether a file found in a directory is one of ours: .jsonl, .ndjson, .json, .txt, .html, .htm or .warc,
/// maybe compressed.
fn holds_records(path: &Path) -> bool {
    let name = base_name(path);
    [".jsonl", ".ndjson", ".json", ".txt", ".html", ".htm", ".warc"].iter().any(|ext| name.ends_with(ext))
}

/// The format a file's name implies.
fn format_of_name(path: &Path) -> Format {
    let name = base_name(path);
    if name.ends_with(".jsonl") || name.ends_with(".ndjson") {
        Format::Jsonl
    } else if name.ends_with(".json") {
        Format::Json
    } else if name.ends_with(".txt") {
        Format::Txt
    } else if name.ends_with(".html") || name.ends_with(".htm") {
        Format::Html
    } else if name.ends_with(".warc") {
        Format::Warc
    } else {
        Format::Auto
    }
}

/// An opened input: a buffered reader of its decompressed bytes and its record layout.
pub struct Opened {
    /// The decompressed bytes. `buffer()` tells whether more are ready without blocking.
    pub reader: BufReader<Box<dyn Read + Send>>,
    /// How its records are laid out.
    pub layout: Layout,
}

impl std::fmt::Debug for Opened {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Opened").field("layout", &self.layout).finish_non_exhaustive()
    }
}

/// Opens a source, counting the bytes read from disk (or stdin) into `read`.
pub fn open(source: &Source, format: Format, read: Arc<AtomicU64>) -> io::Result<Opened> {
    let (raw, named): (Box<dyn Read + Send>, Format) = match source {
        Source::Stdin => (Box::new(io::stdin()), Format::Auto),
        Source::File(path) => (Box::new(File::open(path)?), format_of_name(path)),
        Source::Unreadable { reason, .. } => return Err(io::Error::other(reason.clone())),
    };
    let mut raw = BufReader::with_capacity(64 << 10, Counting { inner: raw, read });
    let magic = raw.fill_buf()?;
    let decoded: Box<dyn Read + Send> = if magic.starts_with(&[0x1f, 0x8b]) {
        Box::new(flate2::bufread::MultiGzDecoder::new(raw))
    } else if magic.starts_with(&[0x28, 0xb5, 0x2f, 0xfd]) {
        Box::new(Zstd::new(raw))
    } else {
        Box::new(raw)
    };
    let mut reader = BufReader::with_capacity(BUFFER, decoded);
    let format = if format == Format::Auto { named } else { format };
    let layout = match format {
        Format::Jsonl => Layout::Lines,
        Format::Txt => Layout::Text,
        Format::Html => Layout::Html,
        Format::Warc => Layout::Warc,
        Format::Json => match first_significant(reader.fill_buf()?) {
            Some(b'[') => Layout::Array,
            _ => Layout::Lines,
        },
        Format::Auto => {
            let head = reader.fill_buf()?;
            match first_significant(head) {
                _ if head.starts_with(b"WARC/") => Layout::Warc,
                Some(b'[') => Layout::Array,
                Some(b'{') | None => Layout::Lines,
                Some(b'<') => Layout::Html,
                Some(_) => Layout::Text,
            }
        }
    };
    Ok(Opened { reader, layout })
}

/// The first byte after whitespace and a byte-order mark, among the bytes at hand.
fn first_significant(bytes: &[u8]) -> Option<u8> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    bytes.iter().copied().find(|b| !b.is_ascii_whitespace())
}

/// A reader that counts the bytes it passes on (for the progress bar).
struct Counting<R> {
    inner: R,
    read: Arc<AtomicU64>,
}

impl<R: Read> Read for Counting<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.read.fetch_add(n as u64, Ordering::Relaxed);
        Ok(n)
    }
}

/// A zstd reader over any number of concatenated frames (ruzstd's decoder reads one), skipping skippable frames.
struct Zstd<R: BufRead> {
    /// The decoder of the current frame, or the source between frames; `None` after an error.
    state: Option<ZstdState<R>>,
}

enum ZstdState<R: BufRead> {
    Between(R),
    Frame(Box<StreamingDecoder<R, ruzstd::decoding::FrameDecoder>>),
}

impl<R: BufRead> Zstd<R> {
    fn new(source: R) -> Self {
        Zstd { state: Some(ZstdState::Between(source)) }
    }
}

impl<R: BufRead> Read for Zstd<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        loop {
            match self.state.take() {
                None => return Err(io::Error::other("zstd stream failed earlier")),
                Some(ZstdState::Frame(mut decoder)) => {
                    let n = decoder.read(buf).map_err(classify_zstd)?;
                    if n > 0 || buf.is_empty() {
                        self.state = Some(ZstdState::Frame(decoder));
                        return Ok(n);
                    }
                    if !decoder.decoder.is_finished() {
                        return Err(io::Error::new(io::ErrorKind::UnexpectedEof, "zstd frame is truncated"));
                    }
                    self.state = Some(ZstdState::Between(decoder.into_inner()));
                }
                Some(ZstdState::Between(mut source)) => {
                    let head = source.fill_buf()?;
                    if head.is_empty() {
                        self.state = Some(ZstdState::Between(source));
                        return Ok(0);
                    }
                    if let Some(magic) = head.get(..4).and_then(|m| <[u8; 4]>::try_from(m).ok())
                        && (0x184D_2A50..=0x184D_2A5F).contains(&u32::from_le_bytes(magic))
                    {
                        let mut header = [0u8; 8];
                        source.read_exact(&mut header)?;
                        let length = u32::from_le_bytes([header[4], header[5], header[6], header[7]]);
                        io::copy(&mut (&mut source).take(u64::from(length)), &mut io::sink())?;
                        self.state = Some(ZstdState::Between(source));
                        continue;
                    }
                    let decoder = StreamingDecoder::new(source).map_err(zstd_error)?;
                    self.state = Some(ZstdState::Frame(Box::new(decoder)));
                }
            }
        }
    }
}

/// ruzstd reports every failure as a decoder error; one whose cause is a short read is a truncated input.
fn zstd_error(err: FrameDecoderError) -> io::Error {
    classify_zstd(io::Error::other(err))
}

fn classify_zstd(err: io::Error) -> io::Error {
    let mut cause: Option<&(dyn std::error::Error + 'static)> = err.get_ref().map(|e| e as _);
    let mut truncated = false;
    while let Some(e) = cause {
        if e.downcast_ref::<io::Error>().is_some_and(|io| io.kind() == io::ErrorKind::UnexpectedEof) {
            truncated = true;
        }
        cause = e.source();
    }
    let text = err.to_string();
    if truncated || text.contains("fill whole buffer") {
        io::Error::new(io::ErrorKind::UnexpectedEof, format!("zstd stream is truncated ({text})"))
    } else {
        io::Error::new(io::ErrorKind::InvalidData, format!("zstd stream is corrupt ({text})"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names() {
        assert_eq!(format_of_name(Path::new("a/b.JSONL.gz")), Format::Jsonl);
        assert_eq!(format_of_name(Path::new("b.json.zst")), Format::Json);
        assert_eq!(format_of_name(Path::new("b.txt")), Format::Txt);
        assert_eq!(format_of_name(Path::new("b.csv")), Format::Auto);
        assert_eq!(format_of_name(Path::new("b.HTM")), Format::Html);
        assert_eq!(format_of_name(Path::new("CC-NEWS-1.warc.gz")), Format::Warc);
        assert!(holds_records(Path::new("x.html")));
        assert!(holds_records(Path::new("x.ndjson")));
        assert!(!holds_records(Path::new("x.csv.gz")));
    }

    #[test]
    fn sniffing() {
        assert_eq!(first_significant(b"\xEF\xBB\xBF \n[1]"), Some(b'['));
        assert_eq!(first_significant(b"  \n"), None);
    }
}
