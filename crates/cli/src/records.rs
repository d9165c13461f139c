//! Framing: cuts an opened input into records (JSON lines, elements of a JSON array, one text, one web page,
//! or the HTML responses of a WARC file) without reading more than one record into memory, and notes where
//! each starts. WARC records that are not read are counted by kind.
//!
//! Framing only finds record boundaries; parsing the JSON is left to the worker threads.

use std::collections::BTreeMap;
use std::io::{self, BufRead};
use std::sync::Arc;

use crate::failure::{ErrorCode, RecordError};
use crate::input::{Layout, Opened};
use crate::warc;

/// One record's bytes, as framed.
#[derive(Debug)]
pub enum Body {
    /// A JSON value (an object, when the input is well formed).
    Json(Vec<u8>),
    /// A whole document's text (not yet checked to be UTF-8).
    Text(Vec<u8>),
    /// A web page (bytes in whatever character set it is written).
    Html(Page),
}

/// A web page to read, with what came with it.
#[derive(Debug, Default)]
pub struct Page {
    /// The page's bytes.
    pub bytes: Vec<u8>,
    /// The HTTP `Content-Type`, when the page came with one (WARC responses).
    pub content_type: Option<String>,
    /// Its address (WARC-Target-URI).
    pub url: Option<String>,
    /// Its id (WARC-Record-ID); a page file's id is its path.
    pub id: Option<String>,
}

/// One input record, or the reason it could not be framed.
#[derive(Debug)]
pub struct Record {
    /// The name of its input.
    pub input: Arc<str>,
    /// The line of the input it starts on (1-based), when known.
    pub line: Option<u64>,
    /// Its bytes, or why there are none.
    pub body: Result<Body, RecordError>,
}

impl Record {
    /// Bytes of input the record holds.
    pub fn len(&self) -> usize {
        match &self.body {
            Ok(Body::Json(b) | Body::Text(b)) => b.len(),
            Ok(Body::Html(page)) => page.bytes.len(),
            Err(_) => 0,
        }
    }
}

/// Cuts one opened input into records.
#[derive(Debug)]
pub struct Framer {
    input: Arc<str>,
    opened: Opened,
    limit: usize,
    /// Lines consumed so far.
    line: u64,
    state: State,
    /// Records not read (WARC requests, metadata, non-HTML responses …), by kind.
    skipped: BTreeMap<String, u64>,
    /// Blank lines are records (that fail): one output line per input line, for streaming filters.
    blank_lines: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    /// Before the first record.
    Start,
    /// Between records.
    Going,
    /// After the `]` of a JSON array.
    ArrayClosed,
    /// Nothing more to read.
    Done,
}

impl Framer {
    /// A framer over `opened`; records larger than `limit` bytes become `document_too_large` errors.
    pub fn new(input: Arc<str>, opened: Opened, limit: usize) -> Self {
        Framer { input, opened, limit, line: 0, state: State::Start, skipped: BTreeMap::new(), blank_lines: false }
    }

    /// The records of this input that were not read, by kind (emptied by the call).
    pub fn take_skipped(&mut self) -> BTreeMap<String, u64> {
        std::mem::take(&mut self.skipped)
    }

    /// The same framer, answering each blank line of JSON lines with an `invalid_json` error record instead of
    /// skipping it (`--one-per-line`).
    pub fn answering_blank_lines(self) -> Self {
        Framer { blank_lines: true, ..self }
    }

    /// True when the reader holds bytes that can be framed without waiting for the source.
    pub fn has_buffered(&self) -> bool {
        !self.opened.reader.buffer().is_empty()
    }

    /// The next record, or `None` at the end of the input. An I/O error ends the input with one error record.
    pub fn next_record(&mut self) -> Option<Record> {
        if self.state == State::Done {
            return None;
        }
        let result = match self.opened.layout {
            Layout::Lines => self.next_line(),
            Layout::Array => self.next_element(),
            Layout::Text => self.whole_text(),
            Layout::Html => self.whole_text().map(|r| {
                r.map(|mut record| {
                    if let Ok(Body::Text(bytes)) = record.body {
                        record.body = Ok(Body::Html(Page { bytes, ..Page::default() }));
                    }
                    record
                })
            }),
            Layout::Warc => self.next_warc(),
        };
        match result {
            Ok(record) => {
                if record.is_none() {
                    self.state = State::Done;
                }
                record
            }
            Err(err) => {
                self.state = State::Done;
                let mut error = RecordError::from_io(&err);
                error.line = Some(self.line + 1);
                Some(self.record(None, Err(error)))
            }
        }
    }

    fn record(&self, line: Option<u64>, body: Result<Body, RecordError>) -> Record {
        Record { input: self.input.clone(), line, body }
    }

    fn too_large(&self, bytes: u64) -> RecordError {
        RecordError::new(
            ErrorCode::DocumentTooLarge,
            format!("record of {bytes} bytes exceeds --max-doc-bytes {}", self.limit),
        )
    }

    /// The next non-blank line. Blank lines are not records, unless `blank_lines` says they are errors.
    fn next_line(&mut self) -> io::Result<Option<Record>> {
        let mut buf = Vec::new();
        loop {
            buf.clear();
            let Some(len) = read_line(&mut self.opened.reader, &mut buf, self.limit)? else {
                return Ok(None);
            };
            self.line += 1;
            if self.state == State::Start {
                self.state = State::Going;
                if buf.starts_with(b"\xEF\xBB\xBF") {
                    buf.drain(..3);
                }
            }
            if len > self.limit as u64 {
                return Ok(Some(self.record(Some(self.line), Err(self.too_large(len)))));
            }
            if !buf.iter().all(u8::is_ascii_whitespace) {
                return Ok(Some(self.record(Some(self.line), Ok(Body::Json(buf)))));
            }
            if self.blank_lines {
                let blank = RecordError::new(ErrorCode::InvalidJson, "a blank line holds no record");
                return Ok(Some(self.record(Some(self.line), Err(blank))));
            }
        }
    }

    /// The next element of a JSON array: found by scanning for a `,` or `]` outside strings and brackets.
    fn next_element(&mut self) -> io::Result<Option<Record>> {
        let reader = &mut self.opened.reader;
        match self.state {
            State::Start => {
                self.state = State::Going;
                if reader.fill_buf()?.starts_with(b"\xEF\xBB\xBF") {
                    reader.consume(3);
                }
                skip_whitespace(reader, &mut self.line)?;
                // The layout was chosen because the input starts with `[`.
                reader.consume(1);
                skip_whitespace(reader, &mut self.line)?;
                if reader.fill_buf()?.first() == Some(&b']') {
                    reader.consume(1);
                    return self.after_array();
                }
            }
            State::ArrayClosed => return self.after_array(),
            State::Going | State::Done => skip_whitespace(reader, &mut self.line)?,
        }
        let start_line = self.line + 1;
        let mut element = Vec::new();
        let mut size: u64 = 0;
        let mut scan = Scan::default();
        let end = loop {
            let available = reader.fill_buf()?;
            if available.is_empty() {
                self.state = State::Done;
                let mut error = RecordError::new(ErrorCode::InvalidJson, "the JSON array is not closed");
                error.line = Some(self.line + 1);
                return Ok(Some(self.record(Some(start_line), Err(error))));
            }
            let (used, end) = scan.feed(available, &mut self.line);
            size += used as u64;
            if size <= self.limit as u64 {
                element.extend_from_slice(&available[..used]);
            } else {
                element = Vec::new();
            }
            // The terminator is consumed but not part of the element.
            reader.consume(used + usize::from(end.is_some()));
            if let Some(end) = end {
                break end;
            }
        };
        if end == b']' {
            self.state = State::ArrayClosed;
        }
        while element.last().is_some_and(u8::is_ascii_whitespace) {
            element.pop();
        }
        let body = if size > self.limit as u64 {
            Err(self.too_large(size))
        } else if element.is_empty() {
            Err(RecordError::new(ErrorCode::InvalidJson, "empty element in the JSON array"))
        } else {
            Ok(Body::Json(element))
        };
        Ok(Some(self.record(Some(start_line), body)))
    }

    /// After the closing `]`: only whitespace may follow.
    fn after_array(&mut self) -> io::Result<Option<Record>> {
        self.state = State::Done;
        skip_whitespace(&mut self.opened.reader, &mut self.line)?;
        if self.opened.reader.fill_buf()?.is_empty() {
            return Ok(None);
        }
        let mut error = RecordError::new(ErrorCode::InvalidJson, "content after the end of the JSON array");
        error.line = Some(self.line + 1);
        Ok(Some(self.record(Some(self.line + 1), Err(error))))
    }

    /// The next HTML response of a WARC file; the records passed over are counted.
    fn next_warc(&mut self) -> io::Result<Option<Record>> {
        loop {
            let Some(item) = warc::next(&mut self.opened.reader, self.limit)? else { return Ok(None) };
            let body = match item {
                warc::Item::Page(p) => {
                    Ok(Body::Html(Page { bytes: p.bytes, content_type: p.content_type, url: p.url, id: p.id }))
                }
                warc::Item::Skipped(kind) => {
                    *self.skipped.entry(kind).or_default() += 1;
                    continue;
                }
                warc::Item::TooLarge { url, bytes } => Err(RecordError::new(
                    ErrorCode::DocumentTooLarge,
                    format!(
                        "the page {} of {bytes} bytes exceeds --max-doc-bytes {}",
                        url.unwrap_or_default(),
                        self.limit
                    ),
                )),
                warc::Item::Undecodable { url, reason } => Err(RecordError::new(
                    ErrorCode::ReadError,
                    format!("the page {}: {reason}", url.unwrap_or_default()),
                )),
            };
            return Ok(Some(self.record(None, body)));
        }
    }

    /// The whole input as one document.
    fn whole_text(&mut self) -> io::Result<Option<Record>> {
        self.state = State::Done;
        let mut buf = Vec::new();
        let limit = self.limit as u64;
        let read = io::Read::read_to_end(&mut io::Read::take(&mut self.opened.reader, limit + 1), &mut buf)?;
        if read as u64 > limit {
            let total = read as u64 + io::copy(&mut self.opened.reader, &mut io::sink())?;
            return Ok(Some(self.record(Some(1), Err(self.too_large(total)))));
        }
        Ok(Some(self.record(Some(1), Ok(Body::Text(buf)))))
    }
}

/// Reads one line (without its `\n`) into `buf`, keeping at most `limit` bytes of it; returns the line's full
/// length, or `None` at the end of the input.
fn read_line(reader: &mut impl BufRead, buf: &mut Vec<u8>, limit: usize) -> io::Result<Option<u64>> {
    let mut len: u64 = 0;
    let mut any = false;
    loop {
        let available = match reader.fill_buf() {
            Ok(a) => a,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if available.is_empty() {
            return Ok(any.then_some(len));
        }
        any = true;
        let (take, newline) = match memchr::memchr(b'\n', available) {
            Some(i) => (i, true),
            None => (available.len(), false),
        };
        len += take as u64;
        if len <= limit as u64 {
            buf.extend_from_slice(&available[..take]);
        } else {
            *buf = Vec::new();
        }
        reader.consume(take + usize::from(newline));
        if newline {
            if buf.last() == Some(&b'\r') {
                buf.pop();
            }
            return Ok(Some(len));
        }
    }
}

/// Consumes whitespace, counting newlines into `line`.
fn skip_whitespace(reader: &mut impl BufRead, line: &mut u64) -> io::Result<()> {
    loop {
        let available = reader.fill_buf()?;
        let blank = available.iter().take_while(|b| b.is_ascii_whitespace()).count();
        *line += available[..blank].iter().filter(|&&b| b == b'\n').count() as u64;
        let all = blank == available.len();
        reader.consume(blank);
        if !all || blank == 0 {
            return Ok(());
        }
    }
}

/// Where a JSON value ends inside an array: the state of a scan that skips strings and nested brackets.
#[derive(Debug, Default)]
struct Scan {
    depth: u32,
    in_string: bool,
    escaped: bool,
}

impl Scan {
    /// Scans `bytes`; returns how many belong to the element and the terminator (`,` or `]`) if it was found.
    fn feed(&mut self, bytes: &[u8], line: &mut u64) -> (usize, Option<u8>) {
        for (i, &b) in bytes.iter().enumerate() {
            if b == b'\n' {
                *line += 1;
            }
            if self.in_string {
                if self.escaped {
                    self.escaped = false;
                } else if b == b'\\' {
                    self.escaped = true;
                } else if b == b'"' {
                    self.in_string = false;
                }
                continue;
            }
            match b {
                b'"' => self.in_string = true,
                b'{' | b'[' => self.depth += 1,
                b']' | b',' if self.depth == 0 => return (i, Some(b)),
                b'}' | b']' => self.depth = self.depth.saturating_sub(1),
                _ => {}
            }
        }
        (bytes.len(), None)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::Opened;
    use std::io::{BufReader, Cursor, Read};

    fn frame(layout: Layout, data: &str, limit: usize) -> Vec<(Option<u64>, Result<String, &'static str>)> {
        frame_with(layout, data, limit, false)
    }

    fn frame_with(
        layout: Layout,
        data: &str,
        limit: usize,
        blank_lines: bool,
    ) -> Vec<(Option<u64>, Result<String, &'static str>)> {
        let reader: Box<dyn Read + Send> = Box::new(Cursor::new(data.as_bytes().to_vec()));
        let opened = Opened { reader: BufReader::with_capacity(7, reader), layout };
        let mut framer = Framer::new("t".into(), opened, limit);
        if blank_lines {
            framer = framer.answering_blank_lines();
        }
        std::iter::from_fn(|| framer.next_record())
            .map(|r| {
                let body = match r.body {
                    Ok(Body::Json(b) | Body::Text(b)) => Ok(String::from_utf8_lossy(&b).into_owned()),
                    Ok(Body::Html(page)) => Ok(format!("html {}", String::from_utf8_lossy(&page.bytes))),
                    Err(e) => Err(e.code.as_str()),
                };
                (r.line, body)
            })
            .collect()
    }

    #[test]
    fn lines_skip_blanks_and_count() {
        let got = frame(Layout::Lines, "{\"a\":1}\r\n\n  \n{\"b\":\n", 100);
        assert_eq!(got, vec![(Some(1), Ok("{\"a\":1}".into())), (Some(4), Ok("{\"b\":".into()))]);
    }

    #[test]
    fn blank_lines_answered_one_per_line() {
        let got = frame_with(Layout::Lines, "{\"a\":1}\r\n\n  \n{\"b\":\n", 100, true);
        let blank = Err("invalid_json");
        assert_eq!(
            got,
            vec![
                (Some(1), Ok("{\"a\":1}".into())),
                (Some(2), blank.clone()),
                (Some(3), blank),
                (Some(4), Ok("{\"b\":".into()))
            ]
        );
    }

    #[test]
    fn long_lines_are_refused_and_skipped() {
        let got = frame(Layout::Lines, "{\"text\":\"0123456789\"}\n{}\n", 10);
        assert_eq!(got, vec![(Some(1), Err("document_too_large")), (Some(2), Ok("{}".into()))]);
    }

    #[test]
    fn array_elements() {
        let got = frame(Layout::Array, " [\n {\"t\": \"a,]\\\"\"},\n [1, {}] ,\n7]\n", 100);
        assert_eq!(
            got,
            vec![
                (Some(2), Ok("{\"t\": \"a,]\\\"\"}".into())),
                (Some(3), Ok("[1, {}]".into())),
                (Some(4), Ok("7".into()))
            ]
        );
        assert_eq!(frame(Layout::Array, "[]", 100), vec![]);
        assert_eq!(frame(Layout::Array, "[1,,2]", 100)[1], (Some(1), Err("invalid_json")));
        assert_eq!(frame(Layout::Array, "[{}, {", 100)[1], (Some(1), Err("invalid_json")));
        assert_eq!(frame(Layout::Array, "[{}] x", 100)[1], (Some(1), Err("invalid_json")));
    }

    #[test]
    fn text_is_one_record() {
        assert_eq!(frame(Layout::Text, "", 10), vec![(Some(1), Ok(String::new()))]);
        assert_eq!(frame(Layout::Text, "hello world!", 10), vec![(Some(1), Err("document_too_large"))]);
    }
}
