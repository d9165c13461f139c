//! `gleaner extract` on web pages: `.html` files, JSON lines with an `html` field, WARC files with one gzip
//! member per record (as Common Crawl writes them), and stdin told apart by its first bytes. The pages are
//! written here.

use gleaner_tests::{gleaner, scratch};

use crate::{gzip, write};

/// A page with navigation, an article and a footer, in windows-1252 when `latin1` (declared by `<meta>`).
fn page(headline: &str, body: &str, latin1: bool) -> Vec<u8> {
    let charset = if latin1 { "windows-1252" } else { "utf-8" };
    let html = format!(
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"{charset}\"><title>{headline} | The Gazette</title>\
         <meta property=\"og:site_name\" content=\"The Gazette\">\
         <script type=\"application/ld+json\">{{\"@type\":\"NewsArticle\",\"datePublished\":\"2024-03-05T09:00:00Z\",\
         \"author\":{{\"@type\":\"Person\",\"name\":\"Ann Reporter\"}}}}</script></head>\
         <body><nav><ul><li><a href=\"/\">Home</a></li><li><a href=\"/world\">World</a></li></ul></nav>\
         <article><h1>{headline}</h1><p>{body}</p><p>The talks will resume next week, officials said on Tuesday, \
         after two days of meetings.</p><div class=\"share-buttons\">Share this story</div></article>\
         <footer>Copyright The Gazette. Imprint.</footer></body></html>"
    );
    if latin1 { html.chars().map(|c| u8::try_from(u32::from(c)).unwrap_or(b'?')).collect() } else { html.into_bytes() }
}

/// One WARC record, gzip-compressed on its own.
fn warc_record(kind: &str, uri: &str, block: &[u8]) -> Vec<u8> {
    let mut record = format!(
        "WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Record-ID: <urn:uuid:{kind}-{}>\r\nWARC-Target-URI: {uri}\r\n\
         WARC-Date: 2024-03-05T10:00:00Z\r\nContent-Type: application/http; msgtype={kind}\r\nContent-Length: {}\r\n\r\n",
        uri.len(),
        block.len()
    )
    .into_bytes();
    record.extend_from_slice(block);
    record.extend_from_slice(b"\r\n\r\n");
    gzip(&record)
}

fn response(status: &str, content_type: &str, body: &[u8]) -> Vec<u8> {
    let mut r = format!("HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\n\r\n", body.len())
        .into_bytes();
    r.extend_from_slice(body);
    r
}

#[test]
fn html_files_give_the_article_and_the_page_metadata() {
    let dir = scratch("html-files");
    let body = "Negotiators from Zürich met in Geneva on Monday to discuss the water treaty.";
    write(&dir, "pages/a.html", page("Talks on the water treaty", body, true));
    let out = gleaner(&dir, &["extract", "pages"], b"");
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    let records = out.records();
    assert_eq!(records.len(), 1);
    let r = &records[0];
    let text = r["text"].as_str().unwrap();
    assert!(text.starts_with(body), "{text}");
    for boilerplate in ["Home", "Share this story", "Copyright", "Talks on the water treaty"] {
        assert!(!text.contains(boilerplate), "{boilerplate} in {text}");
    }
    assert_eq!(r["id"], "pages/a.html");
    assert_eq!(r["published"], "2024-03-05");
    let html = &r["html"];
    assert_eq!(html["title"]["value"], "Talks on the water treaty");
    assert_eq!(html["published"]["source"], "json-ld");
    assert_eq!(html["author"]["value"], "Ann Reporter");
    assert_eq!(html["site_name"]["value"], "The Gazette");
    assert_eq!(html["language"]["value"], "en");
    assert_eq!(html["charset"]["value"], "windows-1252");
    assert_eq!(html["charset"]["source"], "meta");
    // The headline is read too, as the first segment: spans there point into the record's `title`.
    assert_eq!(r["title"], "Talks on the water treaty");
    assert_eq!(
        (r["segments"][0]["field"].as_str(), r["segments"][0]["kind"].as_str()),
        (Some("title"), Some("headline"))
    );
    // Spans point into the text that was read.
    let chars: Vec<char> = text.chars().collect();
    let geneva = r["mentions"].as_array().unwrap().iter().find(|m| m["text"] == "Geneva").expect("Geneva is found");
    let (start, end) = (geneva["start"].as_u64().unwrap() as usize, geneva["end"].as_u64().unwrap() as usize);
    assert_eq!(chars[start..end].iter().collect::<String>(), "Geneva");
}

#[test]
fn json_lines_with_html_and_stdin_pages() {
    let dir = scratch("html-jsonl");
    let html =
        String::from_utf8(page("Storm closes schools", "A storm closed schools in Oslo on Friday.", false)).unwrap();
    let line = serde_json::json!({"id": "p1", "url": "https://gazette.example/2024/03/05/storm", "page": html});
    write(&dir, "in.jsonl", format!("{line}\n"));
    let out = gleaner(&dir, &["extract", "--html-field", "page", "in.jsonl"], b"");
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    let r = &out.records()[0];
    assert_eq!(r["id"], "p1");
    assert!(r["text"].as_str().unwrap().starts_with("A storm closed schools in Oslo on Friday."), "{r}");
    // Without the flag the record has neither "text" nor "html": an error record, not a silent skip.
    let out = gleaner(&dir, &["extract", "in.jsonl"], b"");
    assert_eq!(out.code, Some(1));
    assert_eq!(out.records()[0]["error"]["code"], "missing_text");
    // A page on stdin is told apart by its first byte.
    let out = gleaner(&dir, &["extract", "-"], html.as_bytes());
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    assert!(out.records()[0]["text"].as_str().unwrap().starts_with("A storm closed"), "{}", out.stdout);
}

#[test]
fn warc_html_responses_are_read_and_the_rest_counted() {
    let dir = scratch("html-warc");
    let mut warc = warc_record("warcinfo", "", b"software: gleaner-tests\r\n");
    for (i, city) in ["Lisbon", "Vienna", "Dublin"].iter().enumerate() {
        let uri = format!("https://gazette.example/{i}");
        warc.extend(warc_record(
            "request",
            &uri,
            format!("GET /{i} HTTP/1.1\r\nHost: gazette.example\r\n\r\n").as_bytes(),
        ));
        let body = format!("Thousands marched in {city} on Sunday to protest against the new housing law.");
        warc.extend(warc_record(
            "response",
            &uri,
            &response("200 OK", "text/html; charset=UTF-8", &page(&format!("March in {city}"), &body, false)),
        ));
    }
    warc.extend(warc_record(
        "response",
        "https://gazette.example/logo.png",
        &response("200 OK", "image/png", b"\x89PNG"),
    ));
    warc.extend(warc_record(
        "response",
        "https://gazette.example/old",
        &response("301 Moved Permanently", "text/html", b""),
    ));
    warc.extend(warc_record("metadata", "https://gazette.example/0", b"fetchTimeMs: 12\r\n"));
    write(&dir, "crawl.warc.gz", &warc);
    let out = gleaner(&dir, &["extract", "crawl.warc.gz"], b"");
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    let records = out.records();
    assert_eq!(records.len(), 3, "{}", out.stdout);
    for (r, city) in records.iter().zip(["Lisbon", "Vienna", "Dublin"]) {
        assert!(r["text"].as_str().unwrap().contains(city), "{r}");
        assert!(r["id"].as_str().unwrap().starts_with("urn:uuid:response"), "{r}");
        assert_eq!(r["html"]["charset"]["source"], "header");
    }
    for counted in [
        "3 WARC request records",
        "1 WARC metadata records",
        "1 WARC warcinfo records",
        "1 responses that are not HTML",
        "1 responses with HTTP status 301",
    ] {
        assert!(out.stderr.contains(counted), "{counted:?} not in {}", out.stderr);
    }
    assert!(out.stderr.contains("3 documents, 0 errors"), "{}", out.stderr);
}
