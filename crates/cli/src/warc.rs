//! WARC files (1.0 and 1.1, as Common Crawl and wget write them): the HTML pages of their `response` records,
//! with the HTTP status, `Content-Type` and target URI of each. Every other record is skipped and counted by
//! kind, so the run's summary can say what was not read. Compression per record (`.warc.gz`) is undone
//! before this reader sees the bytes (concatenated gzip members read as one stream).

use std::io::{self, BufRead, Read};

/// One HTML page found in a WARC file.
#[derive(Debug)]
pub struct Page {
    /// The HTTP payload, de-chunked and decompressed.
    pub bytes: Vec<u8>,
    /// The response's `Content-Type`.
    pub content_type: Option<String>,
    /// `WARC-Target-URI`.
    pub url: Option<String>,
    /// `WARC-Record-ID`, without its angle brackets.
    pub id: Option<String>,
}

/// What the next WARC record is to us.
#[derive(Debug)]
pub enum Item {
    /// An HTML response.
    Page(Page),
    /// A record that is not read, and why (the key its count goes under).
    Skipped(String),
    /// An HTML response larger than the record limit (its bytes were skipped, not kept).
    TooLarge { url: Option<String>, bytes: u64 },
    /// An HTML response whose payload could not be decoded.
    Undecodable { url: Option<String>, reason: String },
}

/// The headers of a WARC record or an HTTP message: name (lower-cased) and value, in order.
type Headers = Vec<(String, String)>;

fn header<'h>(headers: &'h Headers, name: &str) -> Option<&'h str> {
    headers.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str())
}

/// Reads header lines up to the empty line; `None` at the end of the input.
fn read_headers(reader: &mut impl BufRead, first: &mut String) -> io::Result<Headers> {
    let mut headers = Headers::new();
    let mut line = String::new();
    loop {
        line.clear();
        if reader.read_line(&mut line)? == 0 {
            return Err(io::Error::new(io::ErrorKind::UnexpectedEof, "the WARC record's header is cut off"));
        }
        let l = line.trim_end_matches(['\r', '\n']);
        if l.is_empty() {
            return Ok(headers);
        }
        if first.is_empty() {
            *first = l.to_string();
            continue;
        }
        if let Some((name, value)) = l.split_once(':') {
            headers.push((name.trim().to_ascii_lowercase(), value.trim().to_string()));
        }
    }
}

/// The next record, or `None` at the end of the input. `limit` bounds the bytes of one page kept in memory.
pub fn next(reader: &mut impl BufRead, limit: usize) -> io::Result<Option<Item>> {
    // Records are separated by blank lines.
    loop {
        let buf = reader.fill_buf()?;
        if buf.is_empty() {
            return Ok(None);
        }
        let blank = buf.iter().take_while(|b| matches!(b, b'\r' | b'\n')).count();
        if blank == 0 {
            break;
        }
        reader.consume(blank);
    }
    let mut version = String::new();
    let headers = read_headers(reader, &mut version)?;
    if !version.starts_with("WARC/") {
        return Err(io::Error::new(io::ErrorKind::InvalidData, format!("not a WARC record header: {version:?}")));
    }
    let length: u64 = header(&headers, "content-length")
        .and_then(|v| v.parse().ok())
        .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidData, "a WARC record without Content-Length"))?;
    let kind = header(&headers, "warc-type").unwrap_or("unknown").to_ascii_lowercase();
    let id = header(&headers, "warc-record-id").map(|v| v.trim_matches(['<', '>']).to_string());
    let url = header(&headers, "warc-target-uri").map(|v| v.trim_matches(['<', '>']).to_string());
    let mut block = reader.take(length);
    if kind != "response" {
        io::copy(&mut block, &mut io::sink())?;
        return Ok(Some(Item::Skipped(format!("WARC {kind} records"))));
    }
    if !header(&headers, "content-type").is_none_or(|t| t.to_ascii_lowercase().starts_with("application/http")) {
        io::copy(&mut block, &mut io::sink())?;
        return Ok(Some(Item::Skipped("WARC responses that are not HTTP".into())));
    }
    let mut block = io::BufReader::new(block);
    let mut status_line = String::new();
    let http = read_headers(&mut block, &mut status_line)?;
    let status = status_line.split_whitespace().nth(1).unwrap_or("?").to_string();
    let content_type = header(&http, "content-type").map(str::to_string);
    let skip = |block: &mut io::BufReader<io::Take<&mut _>>, why: String| -> io::Result<Option<Item>> {
        io::copy(block, &mut io::sink())?;
        Ok(Some(Item::Skipped(why)))
    };
    if !status.starts_with('2') {
        return skip(&mut block, format!("responses with HTTP status {status}"));
    }
    if !content_type.as_deref().is_some_and(is_html) {
        return skip(&mut block, "responses that are not HTML".into());
    }
    let mut body = Vec::new();
    let read = (&mut block).take(limit as u64 + 1).read_to_end(&mut body)?;
    if read > limit {
        let rest = io::copy(&mut block, &mut io::sink())?;
        return Ok(Some(Item::TooLarge { url, bytes: read as u64 + rest }));
    }
    let chunked = header(&http, "transfer-encoding").is_some_and(|v| v.to_ascii_lowercase().contains("chunked"));
    let encoding = header(&http, "content-encoding").map(str::to_ascii_lowercase);
    match decode(body, chunked, encoding.as_deref(), limit) {
        Ok(bytes) => Ok(Some(Item::Page(Page { bytes, content_type, url, id }))),
        Err(reason) => Ok(Some(Item::Undecodable { url, reason })),
    }
}

fn is_html(content_type: &str) -> bool {
    let t = content_type.split(';').next().unwrap_or("").trim().to_ascii_lowercase();
    t == "text/html" || t == "application/xhtml+xml"
}

/// Undoes the transfer and content encodings that crawlers keep as they were sent.
fn decode(body: Vec<u8>, chunked: bool, encoding: Option<&str>, limit: usize) -> Result<Vec<u8>, String> {
    let body = if chunked { dechunk(&body).unwrap_or(body) } else { body };
    let mut out = Vec::new();
    let decoded = match encoding.map(str::trim) {
        None | Some("" | "identity") => return Ok(body),
        Some("gzip" | "x-gzip") => {
            flate2::read::MultiGzDecoder::new(&body[..]).take(limit as u64).read_to_end(&mut out)
        }
        Some("deflate") => flate2::read::ZlibDecoder::new(&body[..]).take(limit as u64).read_to_end(&mut out),
        Some(other) => return Err(format!("content encoding {other:?} is not supported")),
    };
    match decoded {
        Ok(_) => Ok(out),
        // Crawlers often store the payload already decompressed while keeping the header.
        Err(_) if body.first() != Some(&0x1f) => Ok(body),
        Err(e) => Err(format!("the payload could not be decompressed: {e}")),
    }
}

/// HTTP/1.1 chunked transfer coding; `None` when the body is not chunked after all.
fn dechunk(mut body: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(body.len());
    loop {
        let line_end = memchr::memchr(b'\n', body)?;
        let size_text = std::str::from_utf8(&body[..line_end]).ok()?.trim();
        let size = usize::from_str_radix(size_text.split(';').next()?.trim(), 16).ok()?;
        body = &body[line_end + 1..];
        if size == 0 {
            return Some(out);
        }
        out.extend_from_slice(body.get(..size)?);
        body = body.get(size..)?;
        body = body.strip_prefix(b"\r\n").or_else(|| body.strip_prefix(b"\n")).unwrap_or(body);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(kind: &str, block: &[u8]) -> Vec<u8> {
        let mut r = format!(
            "WARC/1.1\r\nWARC-Type: {kind}\r\nWARC-Record-ID: <urn:uuid:{kind}>\r\nWARC-Target-URI: https://x.org/a\r\n\
             Content-Type: application/http; msgtype=response\r\nContent-Length: {}\r\n\r\n",
            block.len()
        )
        .into_bytes();
        r.extend_from_slice(block);
        r.extend_from_slice(b"\r\n\r\n");
        r
    }

    #[test]
    fn reads_html_responses_and_counts_the_rest() {
        let mut warc = record("warcinfo", b"software: test\r\n");
        warc.extend(record("request", b"GET /a HTTP/1.1\r\nHost: x.org\r\n\r\n"));
        warc.extend(record("response", b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n<p>hi</p>"));
        warc.extend(record("response", b"HTTP/1.1 200 OK\r\nContent-Type: image/png\r\n\r\n\x89PNG"));
        warc.extend(record("response", b"HTTP/1.1 301 Moved\r\nContent-Type: text/html\r\n\r\n"));
        warc.extend(record(
            "response",
            b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nTransfer-Encoding: chunked\r\n\r\n4\r\n<p>a\r\n5\r\nb</p>\r\n0\r\n\r\n",
        ));
        let mut reader = io::BufReader::new(&warc[..]);
        let mut items = Vec::new();
        while let Some(item) = next(&mut reader, 1 << 20).unwrap_or_else(|e| panic!("{e}")) {
            items.push(item);
        }
        let summary: Vec<String> = items
            .iter()
            .map(|i| match i {
                Item::Page(p) => {
                    format!("page {} {}", String::from_utf8_lossy(&p.bytes), p.url.as_deref().unwrap_or(""))
                }
                Item::Skipped(why) => why.clone(),
                other => format!("{other:?}"),
            })
            .collect();
        assert_eq!(
            summary,
            [
                "WARC warcinfo records",
                "WARC request records",
                "page <p>hi</p> https://x.org/a",
                "responses that are not HTML",
                "responses with HTTP status 301",
                "page <p>ab</p> https://x.org/a",
            ]
        );
    }

    #[test]
    fn too_large_pages_are_reported_not_kept() {
        let warc = record("response", b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<p>0123456789</p>");
        let item = next(&mut io::BufReader::new(&warc[..]), 8).unwrap_or_else(|e| panic!("{e}"));
        assert!(matches!(item, Some(Item::TooLarge { bytes: 17, .. })), "{item:?}");
    }
}
