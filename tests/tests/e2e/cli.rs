//! `gleaner extract | show | schema` on good input: order, formats, compression, directories, flags, filtering.

use std::io::{BufRead, BufReader, Write};
use std::process::{Command, Stdio};
use std::sync::mpsc::channel;
use std::time::Duration;

use gleaner_tests::{binary, gleaner, scratch};

use crate::{article, gzip, record, write, zstd};

fn ids(records: &[serde_json::Value]) -> Vec<String> {
    records.iter().map(|r| r["id"].as_str().unwrap_or("?").to_string()).collect()
}

#[test]
fn output_follows_input_order_on_many_threads() {
    let dir = scratch("order");
    let texts: Vec<String> = (0..600).map(|i| article(i, 1 + (i * 37) % 90)).collect();
    let input: String = texts.iter().enumerate().map(|(i, t)| record(&format!("d{i}"), t) + "\n").collect();
    write(&dir, "in.jsonl", &input);
    let out = gleaner(&dir, &["extract", "-j", "4", "in.jsonl"], b"");
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    let records = out.records();
    assert_eq!(ids(&records), (0..600).map(|i| format!("d{i}")).collect::<Vec<_>>());
    for (r, text) in records.iter().zip(&texts) {
        assert_eq!(r["schema"], "gleaner/1");
        assert_eq!(r["stats"]["chars"], text.chars().count());
        let segments = r["segments"].as_array().unwrap();
        assert_eq!(segments.last().unwrap()["end"], text.chars().count());
    }
    assert!(out.stderr.contains("600 documents, 0 errors"), "{}", out.stderr);
    // One thread gives the same bytes.
    let single = gleaner(&dir, &["extract", "--threads", "1", "in.jsonl"], b"");
    assert_eq!(single.stdout, out.stdout);
}

#[test]
fn stdin_is_a_streaming_filter() {
    // One line out per line in, each as soon as its line is in: the next line is written only after the
    // previous output was read, so a program that waits for a full batch would never answer.
    let mut child = Command::new(binary("gleaner"))
        .args(["extract", "--quiet"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let stdout = child.stdout.take().unwrap();
    let (sender, lines) = channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            let _ = sender.send(line);
        }
    });
    for i in 0..5 {
        writeln!(stdin, "{}", record(&format!("s{i}"), &article(i, 3))).unwrap();
        stdin.flush().unwrap();
        let line = lines.recv_timeout(Duration::from_secs(60)).expect("an output line for each input line");
        let value: serde_json::Value = serde_json::from_str(&line).unwrap();
        assert_eq!(value["id"], format!("s{i}"));
    }
    // A bad line in the stream gives its error line in place.
    writeln!(stdin, "{{oops").unwrap();
    stdin.flush().unwrap();
    let line = lines.recv_timeout(Duration::from_secs(60)).unwrap();
    assert!(line.contains("\"invalid_json\"") && line.contains("\"input\":\"-\",\"line\":6"), "{line}");
    drop(stdin);
    assert_eq!(child.wait().unwrap().code(), Some(1));
}

#[test]
fn one_per_line_answers_every_line_and_exits_zero() {
    // What Spark's RDD.pipe and Hadoop Streaming need: a line out for every line in, blank and broken ones
    // included, and exit 0 when every line was answered. A partition may start with anything (here a text line
    // that auto-detection would take for one plain-text document).
    let dir = scratch("one-per-line");
    let input = "not json\n{\"id\":\"a\",\"text\":\"Talks resumed in Paris.\"}\n\n{\"id\":\"b\",\"text\":\"cut\n   \n";
    let out = gleaner(&dir, &["extract", "--quiet", "--one-per-line"], input.as_bytes());
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    let records = out.records();
    assert_eq!(records.len(), input.lines().count());
    let codes: Vec<&str> = records.iter().map(|r| r["error"]["code"].as_str().unwrap_or("ok")).collect();
    assert_eq!(codes, ["invalid_json", "ok", "invalid_json", "invalid_json", "invalid_json"]);
    assert_eq!((&records[1]["id"], &records[3]["id"]), (&serde_json::json!("a"), &serde_json::json!("b")));
    assert_eq!(records[2]["error"]["line"], 3);
    // Without the flag, the same error records make exit code 1.
    let plain = gleaner(&dir, &["extract", "--quiet", "--input-format", "jsonl"], input.as_bytes());
    assert_eq!((plain.code, plain.records().len()), (Some(1), 3));
}

#[test]
fn plain_text_on_stdin_is_one_document() {
    let dir = scratch("stdin-text");
    let text = article(3, 12);
    let out = gleaner(&dir, &["extract"], text.as_bytes());
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    let records = out.records();
    assert_eq!(records.len(), 1);
    assert_eq!(records[0]["stats"]["chars"], text.chars().count());
}

#[test]
fn fields_are_mapped() {
    let dir = scratch("fields");
    let line = serde_json::json!({
        "key": 42, "body": article(1, 4), "headline": "Talks Resume", "meta": {"date": "2024-09-11T08:00:00Z"},
        "text": 7
    });
    write(&dir, "in.jsonl", format!("{line}\n"));
    let args = [
        "extract",
        "in.jsonl",
        "--text-field",
        "body",
        "--id-field",
        "key",
        "--title-field",
        "headline",
        "--date-field",
        "meta.date",
    ];
    let out = gleaner(&dir, &args, b"");
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    let r = &out.records()[0];
    assert_eq!(r["id"], "42");
    assert_eq!(r["published"], "2024-09-11");
    assert_eq!(r["stats"]["chars"], article(1, 4).chars().count());
    // With the default fields the same record has a text that is not a string.
    let default = gleaner(&dir, &["extract", "in.jsonl"], b"");
    assert_eq!(default.records()[0]["error"]["code"], "text_not_string");
}

#[test]
fn compressed_inputs_read_like_plain_ones() {
    let dir = scratch("compressed");
    let input: String = (0..50).map(|i| record(&format!("c{i}"), &article(i, 6)) + "\n").collect();
    write(&dir, "plain.jsonl", &input);
    write(&dir, "in.jsonl.gz", gzip(input.as_bytes()));
    write(&dir, "in.jsonl.zst", zstd(input.as_bytes()));
    // Two zstd frames back to back, and a gzip file without a telling name.
    let mut frames = zstd(input.as_bytes());
    frames.extend(zstd(input.as_bytes()));
    write(&dir, "two.jsonl.zst", frames);
    write(&dir, "misnamed.data", gzip(input.as_bytes()));
    let plain = gleaner(&dir, &["extract", "plain.jsonl"], b"");
    for name in ["in.jsonl.gz", "in.jsonl.zst", "misnamed.data"] {
        let out = gleaner(&dir, &["extract", name], b"");
        assert_eq!(out.code, Some(0), "{name}: {}", out.stderr);
        assert_eq!(out.stdout, plain.stdout, "{name}");
    }
    let two = gleaner(&dir, &["extract", "two.jsonl.zst"], b"");
    assert_eq!(two.stdout, plain.stdout.repeat(2));
    // Compressed stdin.
    let stdin = gleaner(&dir, &["extract", "-"], &gzip(input.as_bytes()));
    assert_eq!(stdin.stdout, plain.stdout);
}

#[test]
fn directories_are_walked_in_name_order() {
    let dir = scratch("dirs");
    write(&dir, "corpus/b.jsonl", record("b1", &article(1, 3)) + "\n" + &record("b2", &article(2, 3)) + "\n");
    write(&dir, "corpus/a.txt", article(3, 5));
    write(&dir, "corpus/c/d.json", format!("[{}, {}]", record("d1", "One."), record("d2", "Two.")));
    write(&dir, "corpus/c/e.ndjson.gz", gzip((record("e1", "Three.") + "\n").as_bytes()));
    write(&dir, "corpus/c/notes.md", "not an input");
    write(&dir, "corpus/.hidden.jsonl", record("hidden", "No.") + "\n");
    let out = gleaner(&dir, &["extract", "corpus", "-j", "2"], b"");
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    let text_id = format!("corpus{}a.txt", std::path::MAIN_SEPARATOR);
    assert_eq!(ids(&out.records()), [text_id.as_str(), "b1", "b2", "d1", "d2", "e1"]);
}

#[test]
fn output_files_plain_and_gzip() {
    let dir = scratch("output");
    let input: String = (0..20).map(|i| record(&format!("o{i}"), &article(i, 4)) + "\n").collect();
    write(&dir, "in.jsonl", &input);
    let stdout = gleaner(&dir, &["extract", "in.jsonl"], b"");
    let to_file = gleaner(&dir, &["extract", "in.jsonl", "-o", "out.jsonl"], b"");
    assert_eq!((to_file.code, to_file.stdout.as_str()), (Some(0), ""));
    assert_eq!(std::fs::read_to_string(dir.join("out.jsonl")).unwrap(), stdout.stdout);
    let to_gz = gleaner(&dir, &["extract", "in.jsonl", "-o", "out.jsonl.gz"], b"");
    assert_eq!(to_gz.code, Some(0));
    let mut unzipped = String::new();
    std::io::Read::read_to_string(
        &mut flate2::read::GzDecoder::new(std::fs::File::open(dir.join("out.jsonl.gz")).unwrap()),
        &mut unzipped,
    )
    .unwrap();
    assert_eq!(unzipped, stdout.stdout);
    // Writing over an input is refused before anything is lost.
    let clobber = gleaner(&dir, &["extract", "in.jsonl", "-o", "in.jsonl"], b"");
    assert_eq!(clobber.code, Some(2));
    assert_eq!(std::fs::read_to_string(dir.join("in.jsonl")).unwrap(), input);
}

#[test]
fn offsets_in_every_unit() {
    let dir = scratch("offsets");
    let text = "Zürich 😀 talks resumed. They ended.";
    write(&dir, "in.jsonl", record("u", text) + "\n");
    let first_end = "Zürich 😀 talks resumed.";
    let expect = [
        ("chars", text.chars().count(), first_end.chars().count()),
        ("bytes", text.len(), first_end.len()),
        ("utf16", text.encode_utf16().count(), first_end.encode_utf16().count()),
    ];
    for (unit, total, first) in expect {
        let out = gleaner(&dir, &["extract", "in.jsonl", "--sentences", "--offsets", unit], b"");
        let r = &out.records()[0];
        assert_eq!(r["offsets"], unit);
        assert_eq!(r["segments"][0]["end"], total, "{unit}");
        assert_eq!(r["sentences"][0]["end"], first, "{unit}");
        assert_eq!(r["sentences"][1]["end"], total, "{unit}");
        assert!(r.get("tokens").is_none());
    }
    let tokens = gleaner(&dir, &["extract", "in.jsonl", "--tokens"], b"");
    let r = &tokens.records()[0];
    assert_eq!(r["tokens"].as_array().unwrap().len(), r["stats"]["tokens"].as_u64().unwrap() as usize);
}

#[test]
fn schema_describes_the_output() {
    let dir = scratch("schema");
    let out = gleaner(&dir, &["schema"], b"");
    assert_eq!(out.code, Some(0));
    let schema: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(schema["title"], "Extraction");
    for field in ["schema", "stats", "segments", "mentions", "entities", "times", "quantities", "events"] {
        assert!(schema["properties"].get(field).is_some(), "{field}");
    }
    let document: serde_json::Value =
        serde_json::from_str(&gleaner(&dir, &["schema", "--document"], b"").stdout).unwrap();
    assert_eq!(document["required"], serde_json::json!(["text"]));
}

#[test]
fn show_is_for_people() {
    let dir = scratch("show");
    let text = format!("{}\n\nMan Attacked By Mob After Trying To Steal Gun", article(0, 5));
    let out = gleaner(&dir, &["show", &text], b"");
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    assert!(out.stdout.contains("\nsegments ("), "{}", out.stdout);
    assert!(out.stdout.contains("\"Man Attacked By Mob After Trying To Steal Gun\""), "{}", out.stdout);
    // A file: its first record, with the same view.
    write(&dir, "one.jsonl", record("x", &text) + "\n");
    let file = gleaner(&dir, &["show", "one.jsonl"], b"");
    assert!(file.stdout.starts_with("x: "), "{}", file.stdout);
    assert_eq!(file.stdout.split_once('\n').map(|x| x.1), out.stdout.split_once('\n').map(|x| x.1));
    let json = gleaner(&dir, &["show", "--json", "-"], text.as_bytes());
    let value: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    assert_eq!(value["stats"]["chars"], text.chars().count());
    // A JSON record on stdin is a record, not text (`head -1 corpus.jsonl | gleaner show -`).
    let piped = gleaner(&dir, &["show", "-"], (record("x", &text) + "\n").as_bytes());
    assert_eq!(piped.stdout, file.stdout);
}

#[test]
fn gkg_table_has_one_row_per_extracted_record() {
    let dir = scratch("gkg");
    let quoted =
        "\u{201C}We are ready to talk,\u{201D} the minister told reporters. Protesters clashed with riot police.";
    let input = format!("{}\n{{oops\n{}\n", record("a", quoted), record("b", &article(2, 6)));
    write(&dir, "in.jsonl", &input);
    let out = gleaner(&dir, &["extract", "--gkg", "gkg", "--sentence-tone", "in.jsonl"], b"");
    assert_eq!(out.code, Some(1), "the bad line is an error record: {}", out.stderr);
    assert_eq!(out.records().len(), 3);
    assert!(out.records()[0]["sentences"][0]["tone"]["words"].as_u64().is_some_and(|w| w > 0));
    let table = std::fs::read_to_string(dir.join("gkg/gleaner.gkg.csv")).unwrap();
    let rows: Vec<Vec<&str>> = table.lines().map(|l| l.split('\t').collect()).collect();
    assert_eq!(rows.len(), 2, "one row per extracted record, none for the error: {table}");
    assert!(rows.iter().all(|r| r.len() == 27));
    assert_eq!((rows[0][0], rows[1][0]), ("a", "b"));
    // V1THEMES, V1.5TONE and V2.1QUOTATIONS (offset|length|verb|quote).
    assert!(rows[0][7].contains("PROTEST;"), "{:?}", rows[0]);
    assert_eq!(rows[0][15].split(',').count(), 7);
    assert_eq!(rows[0][22], "1|20|told|We are ready to talk");
}
