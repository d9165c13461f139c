//! `gleaner extract --tables` (CSV and Parquet), `--resume` after a kill, and `--stats`.

use std::collections::BTreeMap;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use gleaner_tests::{binary, gleaner, scratch};
use parquet::file::reader::{FileReader, SerializedFileReader};
use parquet::record::Field;

use crate::{article, record, write};

const TABLES: [&str; 11] = [
    "documents",
    "tokens",
    "mentions",
    "entities",
    "places",
    "times",
    "quantities",
    "events",
    "keyphrases",
    "quotes",
    "themes",
];

/// A corpus of `n` records (every 97th one broken) as JSON lines.
fn corpus(n: usize) -> String {
    (0..n)
        .map(|i| {
            if i % 97 == 50 {
                format!("{{\"id\": \"broken{i}\", \"text\": \n")
            } else {
                let published = format!("2024-0{}-1{}", 1 + i % 9, i % 10);
                let text = article(i, 1 + i % 5);
                serde_json::json!({"id": format!("d{i}"), "text": text, "published": published}).to_string() + "\n"
            }
        })
        .collect()
}

/// A CSV file's header and rows.
fn read_csv(path: &Path) -> (Vec<String>, Vec<Vec<String>>) {
    let mut reader = csv::Reader::from_path(path).unwrap();
    let header = reader.headers().unwrap().iter().map(str::to_string).collect();
    let rows = reader.records().map(|r| r.unwrap().iter().map(str::to_string).collect()).collect();
    (header, rows)
}

/// The rows of every part of a Parquet table, in part order, as CSV would write them.
fn read_parquet(dir: &Path) -> (Vec<String>, Vec<Vec<String>>) {
    let mut parts: Vec<_> = std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().path()).collect();
    parts.sort();
    assert!(parts.iter().all(|p| p.extension().is_some_and(|e| e == "parquet")), "{parts:?}");
    let (mut header, mut rows) = (Vec::new(), Vec::new());
    for part in parts {
        let reader = SerializedFileReader::new(std::fs::File::open(&part).unwrap()).unwrap();
        header =
            reader.metadata().file_metadata().schema_descr().columns().iter().map(|c| c.name().to_string()).collect();
        for row in reader.get_row_iter(None).unwrap() {
            let row = row.unwrap();
            rows.push(
                row.get_column_iter()
                    .map(|(_, field)| match field {
                        Field::Null => String::new(),
                        Field::Bool(b) => b.to_string(),
                        Field::Long(n) => n.to_string(),
                        Field::Double(x) => x.to_string(),
                        Field::Str(s) => s.clone(),
                        other => panic!("unexpected field {other:?}"),
                    })
                    .collect(),
            );
        }
    }
    (header, rows)
}

#[test]
fn csv_and_parquet_tables_hold_the_json_lines() {
    let dir = scratch("tables");
    write(&dir, "in.jsonl", corpus(300));
    let out = gleaner(&dir, &["extract", "-j", "2", "in.jsonl", "-o", "out.jsonl", "--tables", "csv", "--tokens"], b"");
    assert_eq!(out.code, Some(1), "one broken record in 97: {}", out.stderr);
    let records: Vec<serde_json::Value> = std::fs::read_to_string(dir.join("out.jsonl"))
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(records.len(), 300);
    let args = ["extract", "in.jsonl", "--tables", "pq", "--format", "parquet", "--part-records", "100", "--tokens"];
    let parquet = gleaner(&dir, &args, b"");
    assert_eq!(parquet.code, Some(1), "{}", parquet.stderr);
    assert!(parquet.stdout.is_empty(), "with --tables and no -o, no JSON lines");

    for table in TABLES {
        let (header, rows) = read_csv(&dir.join(format!("csv/{table}.csv")));
        assert_eq!(&header[..2], ["doc", "doc_id"], "{table}");
        assert!(rows.iter().all(|r| r.len() == header.len()), "{table}");
        // Rows come in input order.
        let docs: Vec<u64> = rows.iter().map(|r| r[0].parse().unwrap()).collect();
        assert!(docs.windows(2).all(|w| w[0] <= w[1]), "{table}");
        // Parquet holds the same rows with the same columns.
        let (pq_header, pq_rows) = read_parquet(&dir.join(format!("pq/{table}")));
        assert_eq!(pq_header, header, "{table}");
        assert_eq!(pq_rows, rows, "{table}");
        // As many rows as the JSON lines hold items.
        let expected: usize = match table {
            "documents" => records.len(),
            "places" => records
                .iter()
                .filter_map(|r| r["entities"].as_array())
                .flatten()
                .filter(|e| e.get("place").is_some())
                .count(),
            list => records.iter().filter_map(|r| r[list].as_array()).map(Vec::len).sum(),
        };
        assert_eq!(rows.len(), expected, "{table}");
    }
    // Parquet parts are cut at batch boundaries past --part-records: 300 records in one batch, one part.
    assert_eq!(std::fs::read_dir(dir.join("pq/documents")).unwrap().count(), 1);

    // Documents: one row per record, failed ones with their error; times join on doc.
    let (header, documents) = read_csv(&dir.join("csv/documents.csv"));
    let column = |name: &str| header.iter().position(|h| h == name).unwrap();
    for (i, (row, record)) in documents.iter().zip(&records).enumerate() {
        assert_eq!(row[0], i.to_string());
        assert_eq!(row[1], record["id"].as_str().unwrap_or(""));
        if let Some(code) = record["error"]["code"].as_str() {
            assert_eq!(row[column("error")], code);
            assert_eq!(row[column("chars")], "");
        } else {
            assert_eq!(row[column("chars")], record["stats"]["chars"].to_string());
            assert_eq!(row[column("published")], record["published"].as_str().unwrap());
        }
    }
    let (header, times) = read_csv(&dir.join("csv/times.csv"));
    let value = header.iter().position(|h| h == "value").unwrap();
    let first = times.first().expect("the corpus has dates");
    let doc: usize = first[0].parse().unwrap();
    assert_eq!(records[doc]["times"][0]["value"].as_str(), Some(first[value].as_str()));
}

/// Runs `gleaner ARGS` in `dir` and kills it (SIGKILL) as soon as `ready(dir)` holds, while it is still
/// running. Returns false if the run ended first.
fn kill_midway(dir: &Path, args: &[&str], ready: impl Fn(&Path) -> bool) -> bool {
    let mut child = Command::new(binary("gleaner"))
        .args(args)
        .current_dir(dir)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(120);
    loop {
        if child.try_wait().unwrap().is_some() {
            return false;
        }
        if ready(dir) {
            child.kill().unwrap();
            child.wait().unwrap();
            return true;
        }
        assert!(Instant::now() < deadline, "the run wrote nothing");
        std::thread::sleep(Duration::from_millis(2));
    }
}

/// Every file under `dir`, relative path → bytes.
fn files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    for entry in walk(dir) {
        let name = entry.strip_prefix(dir).unwrap().display().to_string();
        out.insert(name, std::fs::read(&entry).unwrap());
    }
    out
}

fn walk(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            out.extend(walk(&path));
        } else {
            out.push(path);
        }
    }
    out
}

#[test]
fn resume_after_a_kill_gives_exactly_one_output_per_input() {
    let dir = scratch("resume");
    let mut n = 4_000;
    let reference = |dir: &Path| {
        let out = gleaner(dir, &["extract", "-j", "2", "in.jsonl", "-o", "ref.jsonl", "--tables", "ref-csv"], b"");
        assert_eq!(out.code, Some(1), "{}", out.stderr);
    };
    // Kill a run half-way; should the machine be so fast that the run ends first, try a larger corpus.
    loop {
        write(&dir, "in.jsonl", corpus(n));
        let args = ["extract", "-j", "2", "in.jsonl", "-o", "out.jsonl", "--tables", "csv"];
        // Once the tables have committed a batch (the JSON lines have, then, too).
        let committed = |dir: &Path| {
            std::fs::read(dir.join("csv/.gleaner-progress"))
                .ok()
                .and_then(|p| serde_json::from_slice::<serde_json::Value>(&p).ok())
                .is_some_and(|p| p["records"].as_u64() > Some(0))
        };
        if kill_midway(&dir, &args, committed) {
            break;
        }
        n *= 4;
        assert!(n <= 1_280_000, "never caught the run before its end");
    }
    reference(&dir);
    let reference_lines = std::fs::read(dir.join("ref.jsonl")).unwrap();
    let killed = std::fs::read(dir.join("out.jsonl")).unwrap();
    assert!(killed.len() < reference_lines.len(), "the killed run was not cut short");
    // Whatever the kill left, also tear the last line and CSV row by hand, as a power cut could.
    let mut torn = std::fs::OpenOptions::new().append(true).open(dir.join("out.jsonl")).unwrap();
    std::io::Write::write_all(&mut torn, b"{\"schema\":\"gleaner/1\",\"id\":\"d").unwrap();
    let mut torn = std::fs::OpenOptions::new().append(true).open(dir.join("csv/mentions.csv")).unwrap();
    std::io::Write::write_all(&mut torn, b"999999,\"d9").unwrap();

    let resumed =
        gleaner(&dir, &["extract", "-j", "2", "in.jsonl", "-o", "out.jsonl", "--tables", "csv", "--resume"], b"");
    assert_eq!(resumed.code, Some(1), "{}", resumed.stderr);
    assert!(resumed.stderr.contains("resumed after"), "{}", resumed.stderr);
    assert!(std::fs::read(dir.join("out.jsonl")).unwrap() == reference_lines, "the resumed JSON lines differ");
    let (csv, reference_csv) = (files(&dir.join("csv")), files(&dir.join("ref-csv")));
    for (name, bytes) in &reference_csv {
        if !name.starts_with('.') {
            assert!(csv.get(name) == Some(bytes), "{name} differs after resuming");
        }
    }
    // A second resume of a finished run does nothing.
    let again = gleaner(&dir, &["extract", "in.jsonl", "-o", "out.jsonl", "--tables", "csv", "--resume"], b"");
    assert!(again.stderr.contains("0 documents, 0 errors"), "{}", again.stderr);
    assert!(std::fs::read(dir.join("out.jsonl")).unwrap() == reference_lines);
}

#[test]
fn parquet_resumes_from_the_last_complete_part() {
    let dir = scratch("resume-parquet");
    let mut n = 4_000;
    loop {
        write(&dir, "in.jsonl", corpus(n));
        let args = ["extract", "-j", "2", "in.jsonl", "--tables", "pq", "--format", "parquet", "--part-records", "1"];
        // Kill once the first parts are complete.
        if kill_midway(&dir, &args, |dir| dir.join("pq/documents/part-00001.parquet").exists()) {
            break;
        }
        n *= 4;
        assert!(n <= 1_280_000, "never caught the run before its end");
    }
    let args = ["extract", "in.jsonl", "--tables", "pq", "--format", "parquet", "--part-records", "1", "--resume"];
    let resumed = gleaner(&dir, &args, b"");
    assert_eq!(resumed.code, Some(1), "{}", resumed.stderr);
    assert!(resumed.stderr.contains("resumed after"), "{}", resumed.stderr);
    let (_, documents) = read_parquet(&dir.join("pq/documents"));
    let docs: Vec<String> = documents.iter().map(|r| r[0].clone()).collect();
    assert_eq!(docs, (0..n).map(|i| i.to_string()).collect::<Vec<_>>(), "no duplicates, no holes");
    let reference = gleaner(&dir, &["extract", "in.jsonl", "--tables", "ref", "--format", "parquet"], b"");
    assert_eq!(reference.code, Some(1));
    for table in TABLES {
        assert_eq!(
            read_parquet(&dir.join(format!("pq/{table}"))),
            read_parquet(&dir.join(format!("ref/{table}"))),
            "{table}"
        );
    }
}

#[test]
fn stats_report_what_was_found() {
    let dir = scratch("stats");
    write(&dir, "in.jsonl", corpus(120));
    let out = gleaner(&dir, &["extract", "--quiet", "--stats", "in.jsonl"], b"");
    assert_eq!(out.code, Some(1));
    assert_eq!(out.records().len(), 120);
    let tokens: u64 = out.records().iter().filter_map(|r| r["stats"]["tokens"].as_u64()).sum();
    assert!(out.stderr.contains("120 documents, 1 errors"), "{}", out.stderr);
    assert!(out.stderr.contains(&format!("documents extracted: 119, tokens: {tokens}")), "{}", out.stderr);
    for part in ["entities per label:", "top entities", "places per country:", "events per CAMEO root:"] {
        assert!(out.stderr.contains(part), "{part}: {}", out.stderr);
    }
}

#[test]
fn resume_needs_a_file_output() {
    let dir = scratch("resume-usage");
    write(&dir, "in.jsonl", record("a", "Talks resumed.") + "\n");
    let out = gleaner(&dir, &["extract", "in.jsonl", "--resume"], b"");
    assert_eq!(out.code, Some(2));
    assert!(out.stderr.contains("--resume needs"), "{}", out.stderr);
    let out = gleaner(&dir, &["extract", "in.jsonl", "-o", "out.jsonl.gz", "--resume"], b"");
    assert_eq!(out.code, Some(2));
}
