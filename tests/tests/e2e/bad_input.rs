//! Bad input: every input record yields exactly one output line (an extraction or an error record naming its
//! input and line), the run goes on, and the exit code tells (0 all ok, 1 some records failed, 2 usage or I/O).

use gleaner_tests::{gleaner, scratch};

use crate::{article, gzip, record, write, zstd};

/// The `error.code` of each output record (`ok` for an extraction).
fn codes(records: &[serde_json::Value]) -> Vec<String> {
    records.iter().map(|r| r["error"]["code"].as_str().unwrap_or("ok").to_string()).collect()
}

#[test]
fn each_bad_record_gives_one_error_record_in_place() {
    let dir = scratch("bad-records");
    let mut input = Vec::new();
    for line in [
        record("good-1", "Talks resumed."),
        "{\"id\": \"broken\", \"text\": ".to_string(),
        "{\"id\": \"no-text\", \"title\": \"Headline\"}".to_string(),
        "{\"id\": \"number\", \"text\": 12}".to_string(),
        "[\"not\", \"an\", \"object\"]".to_string(),
        "{\"id\": \"field\", \"text\": \"Fine.\", \"published\": [2024]}".to_string(),
        String::new(),
    ] {
        input.extend_from_slice(line.as_bytes());
        input.push(b'\n');
    }
    input.extend_from_slice(b"{\"id\": \"latin1\", \"text\": \"caf\xe9\"}\n");
    input.extend_from_slice(record("good-2", "They ended.").as_bytes());
    write(&dir, "bad.jsonl", &input);
    let out = gleaner(&dir, &["extract", "bad.jsonl"], b"");
    assert_eq!(out.code, Some(1), "{}", out.stderr);
    let records = out.records();
    assert_eq!(
        codes(&records),
        [
            "ok",
            "invalid_json",
            "missing_text",
            "text_not_string",
            "not_an_object",
            "invalid_field",
            "invalid_utf8",
            "ok"
        ]
    );
    // Error records name their input and line (the blank line 7 is not a record) and keep a known id.
    let lines: Vec<u64> = records.iter().filter_map(|r| r["error"]["line"].as_u64()).collect();
    assert_eq!(lines, [2, 3, 4, 5, 6, 8]);
    assert!(records[1..7].iter().all(|r| r["error"]["input"] == "bad.jsonl" && r["schema"] == "gleaner/1"));
    assert_eq!(records[2]["id"], "no-text");
    assert!(
        records.iter().all(|r| r["error"].is_null() || r["error"]["message"].as_str().is_some_and(|m| !m.is_empty()))
    );
    assert!(out.stderr.contains("8 documents, 6 errors"), "{}", out.stderr);
}

#[test]
fn invalid_utf8_in_a_text_file() {
    let dir = scratch("bad-utf8");
    write(&dir, "latin1.txt", b"First line.\nSecond line, caf\xe9.\n");
    write(&dir, "fine.txt", "Fine, café.");
    let out = gleaner(&dir, &["extract", "latin1.txt", "fine.txt"], b"");
    assert_eq!(out.code, Some(1));
    let records = out.records();
    assert_eq!(codes(&records), ["invalid_utf8", "ok"]);
    assert_eq!(records[0]["error"]["line"], 2);
    assert_eq!(records[0]["id"], "latin1.txt");
}

#[test]
fn empty_inputs() {
    let dir = scratch("empty");
    write(&dir, "empty.jsonl", "");
    write(&dir, "blank.jsonl", "\n  \n");
    write(&dir, "empty.json", "[ ]");
    write(&dir, "empty.txt", "");
    let out = gleaner(&dir, &["extract", "empty.jsonl", "blank.jsonl", "empty.json"], b"");
    // No records is not an error; the summary and a note say so.
    assert_eq!((out.code, out.stdout.as_str()), (Some(0), ""));
    assert!(out.stderr.contains("note: empty.jsonl holds no records"), "{}", out.stderr);
    assert!(out.stderr.contains("0 documents, 0 errors"), "{}", out.stderr);
    // An empty text file is one empty document.
    let text = gleaner(&dir, &["extract", "empty.txt"], b"");
    assert_eq!(text.code, Some(0));
    assert_eq!(text.records()[0]["stats"]["chars"], 0);
    // So is an empty stdin: nothing in, nothing out.
    let stdin = gleaner(&dir, &["extract"], b"");
    assert_eq!((stdin.code, stdin.stdout.as_str()), (Some(0), ""));
}

#[test]
fn truncated_gzip_keeps_what_came_before_the_cut() {
    let dir = scratch("truncated-gz");
    let input: String = (0..300).map(|i| record(&format!("t{i}"), &article(i, 8)) + "\n").collect();
    let packed = gzip(input.as_bytes());
    write(&dir, "cut.jsonl.gz", &packed[..packed.len() / 2]);
    let out = gleaner(&dir, &["extract", "cut.jsonl.gz"], b"");
    assert_eq!(out.code, Some(1));
    let records = out.records();
    let (last, before) = records.split_last().unwrap();
    assert!(before.len() > 50, "only {} records before the cut", before.len());
    let expected: Vec<String> = (0..before.len()).map(|i| format!("t{i}")).collect();
    assert_eq!(before.iter().map(|r| r["id"].as_str().unwrap_or("")).collect::<Vec<_>>(), expected);
    assert_eq!(last["error"]["code"], "truncated_input");
    assert_eq!(last["error"]["input"], "cut.jsonl.gz");
    assert_eq!(last["error"]["line"], before.len() + 1);
}

#[test]
fn truncated_or_corrupt_compressed_streams_end_with_one_error() {
    let dir = scratch("truncated-zst");
    let input: String = (0..300).map(|i| record(&format!("z{i}"), &article(i, 8)) + "\n").collect();
    let packed = zstd(input.as_bytes());
    write(&dir, "cut.jsonl.zst", &packed[..packed.len() / 2]);
    let mut corrupt = gzip(input.as_bytes());
    let middle = corrupt.len() / 2;
    corrupt[middle..middle + 64].fill(0xAA);
    write(&dir, "corrupt.jsonl.gz", corrupt);
    for name in ["cut.jsonl.zst", "corrupt.jsonl.gz"] {
        let out = gleaner(&dir, &["extract", name], b"");
        assert_eq!(out.code, Some(1), "{name}");
        let records = out.records();
        let codes = codes(&records);
        let (last, before) = codes.split_last().unwrap();
        // Deflate finds corrupt data only at the checksum, so garbage records may come first; a cut stream
        // has only good ones.
        if name.starts_with("cut") {
            assert!(before.iter().all(|c| c == "ok"), "{name}: {codes:?}");
        }
        assert!(["truncated_input", "read_error"].contains(&last.as_str()), "{name}: {last}");
    }
}

#[test]
fn oversized_records_are_refused_and_the_run_goes_on() {
    let dir = scratch("oversized");
    let big = article(0, 40);
    assert!(big.len() > 2000);
    write(&dir, "in.jsonl", record("big", &big) + "\n" + &record("small", "Fine.") + "\n");
    write(&dir, "in.json", format!("[{}, {}]", record("big", &big), record("small", "Fine.")));
    write(&dir, "big.txt", &big);
    let out = gleaner(&dir, &["extract", "--max-doc-bytes", "1000", "in.jsonl", "in.json", "big.txt"], b"");
    assert_eq!(out.code, Some(1));
    let records = out.records();
    assert_eq!(codes(&records), ["document_too_large", "ok", "document_too_large", "ok", "document_too_large"]);
    assert_eq!(records[3]["id"], "small");
}

#[test]
fn a_fifty_megabyte_document() {
    let dir = scratch("fifty");
    // Mostly spaces, so that the test stays fast whatever the stages cost per word; the record, the text and
    // the offsets are all 50 MB long.
    let text = format!("Talks resumed in Zürich.{}They ended on Friday.", " ".repeat(50_000_000));
    write(&dir, "big.jsonl", record("big", &text) + "\n" + &record("after", "Fine.") + "\n");
    let out = gleaner(&dir, &["extract", "big.jsonl", "--sentences"], b"");
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    let records = out.records();
    assert_eq!(records.len(), 2);
    let chars = text.chars().count();
    assert_eq!(records[0]["stats"]["chars"], chars);
    assert_eq!(records[0]["sentences"][1]["end"], chars);
    assert_eq!(records[0]["sentences"][1]["start"], chars - "They ended on Friday.".len());
    assert_eq!(records[1]["id"], "after");
}

#[test]
fn broken_json_arrays() {
    let dir = scratch("arrays");
    write(&dir, "open.json", format!("[{},\n{}", record("a", "One."), record("b", "Two.")));
    write(&dir, "tail.json", format!("[{}] trailing", record("a", "One.")));
    write(&dir, "holes.json", format!("[{},, 7, {}]", record("a", "One."), record("b", "Two.")));
    let open = gleaner(&dir, &["extract", "open.json"], b"");
    assert_eq!(codes(&open.records()), ["ok", "invalid_json"]);
    let tail = gleaner(&dir, &["extract", "tail.json"], b"");
    assert_eq!(codes(&tail.records()), ["ok", "invalid_json"]);
    let holes = gleaner(&dir, &["extract", "holes.json"], b"");
    assert_eq!(codes(&holes.records()), ["ok", "invalid_json", "not_an_object", "ok"]);
    assert_eq!(holes.code, Some(1));
}

#[test]
fn garbage_never_crashes() {
    let dir = scratch("garbage");
    // Deterministic pseudo-random bytes (xorshift), as text, as JSON lines, and behind a gzip header.
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    let bytes: Vec<u8> = (0..200_000)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state >> 24) as u8
        })
        .collect();
    write(&dir, "noise.txt", &bytes);
    write(&dir, "noise.jsonl", &bytes);
    let mut fake_gzip = vec![0x1f, 0x8b];
    fake_gzip.extend_from_slice(&bytes);
    write(&dir, "noise.jsonl.gz", fake_gzip);
    let lossy = String::from_utf8_lossy(&bytes).replace('\0', " ");
    write(&dir, "noise-utf8.txt", lossy.as_bytes());
    let lines = bytes.iter().filter(|&&b| b == b'\n').count();
    for name in ["noise.txt", "noise.jsonl", "noise.jsonl.gz", "noise-utf8.txt"] {
        let out = gleaner(&dir, &["extract", name, "--tokens", "--sentences"], b"");
        assert!(matches!(out.code, Some(0 | 1)), "{name}: {:?} {}", out.code, out.stderr);
        let records = out.records();
        assert!(!records.is_empty(), "{name}");
        if name == "noise.jsonl" {
            assert!(records.len() <= lines + 1 && records.len() > lines / 2, "{name}: {}", records.len());
        }
    }
}

#[test]
fn usage_and_io_failures_exit_with_2() {
    let dir = scratch("usage");
    let missing = gleaner(&dir, &["extract", "no-such-file.jsonl"], b"");
    assert_eq!((missing.code, missing.stdout.as_str()), (Some(2), ""));
    assert!(missing.stderr.contains("no-such-file.jsonl"), "{}", missing.stderr);
    assert_eq!(gleaner(&dir, &["extract", "--no-such-flag"], b"").code, Some(2));
    assert_eq!(gleaner(&dir, &["extract", "-j", "0"], b"").code, Some(2));
    assert_eq!(gleaner(&dir, &["extract", "-", "-"], b"").code, Some(2));
    write(&dir, "ok.jsonl", record("fine", "Fine.") + "\n");
    let ok = gleaner(&dir, &["extract", "ok.jsonl", "--quiet"], b"");
    assert_eq!((ok.code, ok.stderr.as_str()), (Some(0), ""));
}

/// A lone UTF-16 surrogate escape (half of a pair, as some encoders write broken input) is read as U+FFFD with a
/// warning, in JSON lines and JSON arrays alike; the rest of the record is extracted as usual.
#[test]
fn a_lone_surrogate_is_a_replacement_character_and_a_warning() {
    let dir = scratch("surrogates");
    let lone = r#"{"id": "lone", "text": "Iran\ud800 and Iraq met in Baghdad.\udc00"}"#;
    let pair = r#"{"id": "pair", "text": "Iran and Iraq met in Baghdad \ud83d\ude00."}"#;
    write(&dir, "lone.jsonl", format!("{lone}\n{pair}\n"));
    write(&dir, "lone.json", format!("[{lone}, {pair}]"));
    for name in ["lone.jsonl", "lone.json"] {
        let out = gleaner(&dir, &["extract", name], b"");
        assert_eq!(out.code, Some(0), "{name}: {}", out.stderr);
        let records = out.records();
        assert_eq!(codes(&records), ["ok", "ok"], "{name}");
        let warnings = &records[0]["warnings"];
        assert_eq!(warnings.as_array().map(Vec::len), Some(1), "{name}: {warnings}");
        assert_eq!(warnings[0]["code"], "lone_surrogate");
        assert!(warnings[0]["message"].as_str().is_some_and(|m| m.starts_with("2 lone")), "{warnings}");
        // The replacement characters hold the surrogates' places: the names after them are where they were.
        let baghdad = records[0]["mentions"].as_array().unwrap().iter().find(|m| m["text"] == "Baghdad");
        assert_eq!(baghdad.map(|m| m["start"].clone()), Some(serde_json::json!(22)), "{name}");
        assert!(records[1]["warnings"].as_array().is_none_or(Vec::is_empty), "{name}: {}", records[1]);
    }
}

#[test]
fn a_document_over_doc_timeout_gives_a_timeout_record_in_place() {
    // A hostile shape (one name repeated) that takes far longer than 1 ms, between two ordinary lines: each
    // input gets its one output line, the long one a `timeout` error with its id, input and line.
    let dir = scratch("doc-timeout");
    let long = "Iraq ".repeat(40_000);
    let input = [record("short", "Talks resumed."), record("long", &long), "{oops".to_string()].join("\n") + "\n";
    write(&dir, "in.jsonl", &input);
    let out = gleaner(&dir, &["extract", "--quiet", "--doc-timeout", "1ms", "in.jsonl"], b"");
    assert_eq!(out.code, Some(1), "{}", out.stderr);
    let records = out.records();
    assert_eq!(records.len(), 3);
    assert_eq!(codes(&records)[1..], ["timeout", "invalid_json"]);
    assert_eq!((&records[1]["id"], &records[1]["error"]["line"]), (&serde_json::json!("long"), &serde_json::json!(2)));
    let message = records[1]["error"]["message"].as_str().unwrap_or_default();
    assert!(message.contains("--doc-timeout (0.001 s)") && message.contains("stage"), "{message}");
    // With time enough, the same document is extracted.
    let one = record("long", &"Iraq ".repeat(2_000)) + "\n";
    let out = gleaner(&dir, &["extract", "--quiet", "--doc-timeout", "10m"], one.as_bytes());
    assert_eq!((out.code, codes(&out.records())), (Some(0), vec!["ok".to_string()]), "{}", out.stderr);
    // A limit of zero, a negative one or no duration at all is refused as usage.
    for bad in ["0s", "-1s", "soon"] {
        assert_eq!(gleaner(&dir, &["extract", "--doc-timeout", bad], b"").code, Some(2), "{bad}");
    }
}
