//! `gleaner show`: one document's extraction, laid out for a person.
//!
//! The view is generic: it prints every non-empty list of the `Extraction` as a numbered section, each item's
//! span as the quoted text it covers and its other fields as `key=value`, so new stages show up without
//! changes here.

use std::io::{self, Read, Write};
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::AtomicU64;

use anyhow::{Context, Result, bail};
use gleaner_core::{Config, Document, Extraction, Extractor, Offsets};

use crate::fields::Fields;
use crate::input::{self, Format, Source};
use crate::records::{Body, Framer};

/// Longest quoted span before it is cut with an ellipsis.
const SNIPPET: usize = 72;

/// The document `arg` names: `-` is stdin (a JSON record when it is one, else plain text), an existing file is
/// read as an input (its first record), anything else is the text itself.
pub fn document(arg: &str, fields: &Fields) -> Result<Document> {
    if arg == "-" {
        let mut text = String::new();
        io::stdin().read_to_string(&mut text).context("reading stdin")?;
        // `head -1 corpus.jsonl | gleaner show -`: the first line, when it is a JSON object.
        let first = text.trim_start().lines().next().unwrap_or("");
        let json = gleaner_core::json::replace_lone_surrogates(first.as_bytes()).0;
        if first.starts_with('{') && serde_json::from_slice::<serde_json::Value>(&json).is_ok_and(|v| v.is_object()) {
            let failed = |e: crate::failure::RecordError| anyhow::anyhow!("stdin: {}: {}", e.code.as_str(), e.message);
            let mapped = fields.document(first.as_bytes());
            let document = mapped.document.map_err(failed)?;
            return Ok(match mapped.html {
                Some(html) => gleaner_html::record::document(html.as_bytes(), None, document).0,
                None => document,
            });
        }
        // A web page: read its article.
        if text.trim_start().starts_with('<') {
            return Ok(gleaner_html::record::document(text.as_bytes(), None, Document::default()).0);
        }
        return Ok(Document::new(text));
    }
    let path = Path::new(arg);
    if !path.is_file() {
        let looks_like_a_file = !arg.contains(char::is_whitespace)
            && [".txt", ".json", ".jsonl", ".ndjson", ".gz", ".zst", ".html", ".htm", ".warc"]
                .iter()
                .any(|ext| arg.ends_with(ext));
        if looks_like_a_file {
            bail!("no such file: {arg}");
        }
        return Ok(Document::new(arg));
    }
    let opened = input::open(&Source::File(path.to_path_buf()), Format::Auto, Arc::new(AtomicU64::new(0)))
        .with_context(|| format!("cannot read {arg}"))?;
    let mut framer = Framer::new(arg.into(), opened, Config::default().max_bytes);
    let Some(record) = framer.next_record() else {
        bail!("{arg} holds no document");
    };
    let failed = |e: crate::failure::RecordError| anyhow::anyhow!("{arg}: {}: {}", e.code.as_str(), e.message);
    match record.body.map_err(failed)? {
        Body::Text(bytes) => {
            let text = String::from_utf8(bytes)
                .map_err(|e| failed(crate::fields::invalid_utf8(e.as_bytes(), &e.utf8_error())))?;
            Ok(Document { id: Some(arg.to_string()), ..Document::new(text) })
        }
        Body::Json(json) => {
            let mapped = fields.document(&json);
            let document = mapped.document.map_err(failed)?;
            Ok(match mapped.html {
                Some(html) => gleaner_html::record::document(html.as_bytes(), None, document).0,
                None => document,
            })
        }
        Body::Html(page) => {
            let given = Document { id: page.id.or(Some(arg.to_string())), url: page.url, ..Document::default() };
            Ok(gleaner_html::record::document(&page.bytes, page.content_type.as_deref(), given).0)
        }
    }
}

/// Extracts `document` and prints the view to `out`.
pub fn show(document: &Document, out: &mut impl Write) -> Result<()> {
    let mut config = Config::default();
    (config.offsets, config.sentences) = (Offsets::Bytes, true);
    let extraction = Extractor::new(config)?.extract(document)?;
    let strings = Strings { text: &document.text, title: document.title.as_deref().unwrap_or("") };
    write_view(strings, &extraction, out).context("writing the view")
}

/// The strings spans point into: the text, and the title (spans there say `"field": "title"`).
#[derive(Debug, Clone, Copy)]
struct Strings<'a> {
    text: &'a str,
    title: &'a str,
}

impl<'a> Strings<'a> {
    /// The words of a span, and how its offsets are marked: `[0..4)` in the text, `title[0..4)` in the title.
    fn of(&self, span: Located) -> (&'a str, String) {
        let Located { title, start, end } = span;
        let (field, mark) = if title { (self.title, "title") } else { (self.text, "") };
        (field.get(start..end).unwrap_or(""), format!("{mark}[{start}..{end})"))
    }
}

fn write_view(text: Strings<'_>, extraction: &Extraction, out: &mut impl Write) -> io::Result<()> {
    let stats = extraction.stats;
    let id = extraction.id.as_deref().map(|id| format!("{id}: ")).unwrap_or_default();
    writeln!(
        out,
        "{id}{} chars, {} tokens, {} sentences (spans: [byte offsets])",
        stats.chars, stats.tokens, stats.sentences
    )?;
    if let Some(published) = &extraction.published {
        writeln!(out, "published {published}")?;
    }
    let Some(Ordered::Object(fields)) = Ordered::of(extraction) else {
        return Ok(());
    };
    for (name, value) in &fields {
        match value {
            _ if ["schema", "id", "published", "offsets", "stats"].contains(&name.as_str()) => {}
            Ordered::Array(items) if !items.is_empty() => {
                writeln!(out, "\n{name} ({})", items.len())?;
                for (i, item) in items.iter().enumerate() {
                    writeln!(out, "  {i:>3}  {}", item_line(text, item))?;
                }
            }
            Ordered::Array(_) | Ordered::Null => {}
            value => writeln!(out, "\n{name}: {}", item_line(text, value))?,
        }
    }
    Ok(())
}

/// One item: its span as quoted text (with byte offsets), then its other fields.
fn item_line(text: Strings<'_>, item: &Ordered) -> String {
    let Ordered::Object(fields) = item else {
        return compact(text, item);
    };
    let mut parts = Vec::new();
    let span = span(fields);
    if let Some(span) = span {
        let (words, at) = text.of(span);
        parts.push(format!("{} {at}", quote(words)));
    }
    for (key, value) in fields {
        let covered = matches!(key.as_str(), "start" | "end" | "field") || (key == "text" && span.is_some());
        if !covered {
            parts.push(format!("{key}={}", compact(text, value)));
        }
    }
    parts.join("  ")
}

/// A value on one line: spans as their quoted text, objects as `{key=value …}`.
fn compact(text: Strings<'_>, value: &Ordered) -> String {
    match value {
        Ordered::Null => "null".into(),
        Ordered::Bool(b) => b.to_string(),
        Ordered::Number(n) => n.to_string(),
        Ordered::String(s) => s.clone(),
        Ordered::Array(items) => {
            format!("[{}]", items.iter().map(|v| compact(text, v)).collect::<Vec<_>>().join(", "))
        }
        Ordered::Object(fields) => match (span(fields), field(fields, "text")) {
            (Some(_), Some(Ordered::String(s))) => quote(s),
            (Some(span), _) => quote(text.of(span).0),
            _ => {
                let inner: Vec<String> = fields.iter().map(|(k, v)| format!("{k}={}", compact(text, v))).collect();
                format!("{{{}}}", inner.join(" "))
            }
        },
    }
}

fn field<'a>(fields: &'a [(String, Ordered)], name: &str) -> Option<&'a Ordered> {
    fields.iter().find(|(k, _)| k == name).map(|(_, v)| v)
}

/// A span's offsets, and whether they count in the title.
#[derive(Debug, Clone, Copy)]
struct Located {
    title: bool,
    start: usize,
    end: usize,
}

fn span(fields: &[(String, Ordered)]) -> Option<Located> {
    let title = matches!(field(fields, "field"), Some(Ordered::String(f)) if f == "title");
    match (field(fields, "start")?, field(fields, "end")?) {
        (Ordered::Number(start), Ordered::Number(end)) => Some(Located {
            title,
            start: usize::try_from(start.as_u64()?).ok()?,
            end: usize::try_from(end.as_u64()?).ok()?,
        }),
        _ => None,
    }
}

/// Quoted, on one line, cut to `SNIPPET` characters.
fn quote(s: &str) -> String {
    let flat: String = s.chars().map(|c| if c == '\n' { '⏎' } else { c }).collect();
    if flat.chars().count() > SNIPPET {
        let cut: String = flat.chars().take(SNIPPET - 1).collect();
        format!("\"{cut}…\"")
    } else {
        format!("\"{flat}\"")
    }
}

/// A JSON value whose objects keep their fields in the order they were written (the order of the Rust
/// fields), which `serde_json::Value` does not.
#[derive(Debug, Clone, PartialEq)]
enum Ordered {
    Null,
    Bool(bool),
    Number(serde_json::Number),
    String(String),
    Array(Vec<Ordered>),
    Object(Vec<(String, Ordered)>),
}

impl Ordered {
    /// The value of anything serializable.
    fn of(value: &impl serde::Serialize) -> Option<Ordered> {
        serde_json::from_str(&serde_json::to_string(value).ok()?).ok()
    }
}

impl<'de> serde::Deserialize<'de> for Ordered {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(OrderedVisitor)
    }
}

struct OrderedVisitor;

impl<'de> serde::de::Visitor<'de> for OrderedVisitor {
    type Value = Ordered;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a JSON value")
    }
    fn visit_unit<E>(self) -> Result<Ordered, E> {
        Ok(Ordered::Null)
    }
    fn visit_bool<E>(self, v: bool) -> Result<Ordered, E> {
        Ok(Ordered::Bool(v))
    }
    fn visit_u64<E>(self, v: u64) -> Result<Ordered, E> {
        Ok(Ordered::Number(v.into()))
    }
    fn visit_i64<E>(self, v: i64) -> Result<Ordered, E> {
        Ok(Ordered::Number(v.into()))
    }
    fn visit_f64<E>(self, v: f64) -> Result<Ordered, E> {
        Ok(serde_json::Number::from_f64(v).map_or(Ordered::Null, Ordered::Number))
    }
    fn visit_str<E>(self, v: &str) -> Result<Ordered, E> {
        Ok(Ordered::String(v.to_string()))
    }
    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Ordered, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element()? {
            items.push(item);
        }
        Ok(Ordered::Array(items))
    }
    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Ordered, A::Error> {
        let mut fields = Vec::new();
        while let Some(entry) = map.next_entry()? {
            fields.push(entry);
        }
        Ok(Ordered::Object(fields))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn items_quote_their_spans() {
        let text = Strings { text: "Iran said\nhello.", title: "In Iran" };
        let ordered = |v: serde_json::Value| Ordered::of(&v).unwrap_or(Ordered::Null);
        let item = ordered(serde_json::json!({"detached": true, "end": 16, "kind": "body", "start": 0}));
        assert_eq!(item_line(text, &item), "\"Iran said⏎hello.\" [0..16)  detached=true  kind=body");
        let entity =
            ordered(serde_json::json!({"mentions": [0, 2], "name": "Iran", "place": {"lat": 32.0, "name": "Iran"}}));
        assert_eq!(item_line(text, &entity), "mentions=[0, 2]  name=Iran  place={lat=32.0 name=Iran}");
        let event = ordered(serde_json::json!({"trigger": {"end": 9, "start": 5, "text": "said"}}));
        assert_eq!(item_line(text, &event), "trigger=\"said\"");

        let in_title = ordered(serde_json::json!({"end": 7, "field": "title", "label": "GPE", "start": 3}));
        assert_eq!(item_line(text, &in_title), "\"Iran\" title[3..7)  label=GPE");
    }

    #[test]
    fn view_of_a_document() {
        let mut out = Vec::new();
        show(&Document::new("Iran's president arrived.\n\nMan Attacked By Mob"), &mut out)
            .unwrap_or_else(|e| panic!("{e}"));
        let view = String::from_utf8(out).unwrap_or_default();
        assert!(view.starts_with("46 chars,"), "{view}");
        assert!(view.contains("\nsegments (2)\n"), "{view}");
        assert!(view.contains("\"Man Attacked By Mob\" [27..46)  kind=headline  casing=title"), "{view}");
    }

    #[test]
    fn spans_in_the_title_are_marked() {
        let mut out = Vec::new();
        let document =
            Document { title: Some("Floods in Pennsylvania".into()), ..Document::new("Rain fell for three days.") };
        show(&document, &mut out).unwrap_or_else(|e| panic!("{e}"));
        let view = String::from_utf8(out).unwrap_or_default();
        assert!(view.contains("\"Floods in Pennsylvania\" title[0..22)  kind=headline"), "{view}");
        assert!(view.contains("\"Pennsylvania\" title[10..22)"), "{view}");
        assert!(view.contains("\"Rain fell for three days.\" [0..25)  kind=body"), "{view}");
    }
}
