//! End-to-end tests: the real `gleaner` and `gleaner-server` binaries on temporary files and a loopback port.
//! Every text here is written for the tests (no corpus text).
#![allow(clippy::unwrap_used)]

mod bad_input;
mod cli;
mod html;
mod page;
mod server;
mod tables;

use std::path::Path;

/// A made-up news-like text of about `sentences` sentences, with non-ASCII letters so that char, byte and
/// UTF-16 offsets differ.
pub fn article(seed: usize, sentences: usize) -> String {
    const PARTS: [&str; 6] = [
        "Officials in Zürich said on Tuesday that talks would resume next week.",
        "The ministry confirmed that 2,500 troops had left the border region.",
        "Prices rose 3.5% in March, according to the statistics office.",
        "“We are ready,” the minister told reporters in São Paulo.",
        "Dr. Smith arrived at 8:30 a.m. and left before noon.",
        "Negotiators expect a deal by the end of the year.",
    ];
    let mut text = String::new();
    for i in 0..sentences {
        if i > 0 {
            text.push_str(if i % 4 == 0 { "\n\n" } else { " " });
        }
        text.push_str(PARTS[(seed + i * 7) % PARTS.len()]);
    }
    text
}

/// A JSON line `{"id": id, "text": text}`.
pub fn record(id: &str, text: &str) -> String {
    serde_json::json!({"id": id, "text": text}).to_string()
}

/// Writes `content` to `dir/name`, creating parent directories.
pub fn write(dir: &Path, name: &str, content: impl AsRef<[u8]>) {
    let path = dir.join(name);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, content).unwrap();
}

/// Gzip-compresses `data`.
pub fn gzip(data: &[u8]) -> Vec<u8> {
    use std::io::Write;
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    encoder.write_all(data).unwrap();
    encoder.finish().unwrap()
}

/// Zstd-compresses `data`.
pub fn zstd(data: &[u8]) -> Vec<u8> {
    ruzstd::encoding::compress_to_vec(data, ruzstd::encoding::CompressionLevel::Fastest)
}
