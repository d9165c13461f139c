//! Field mapping: turns one JSON record of any layout into a `Document`, naming which field holds the text,
//! the id, the date and so on (`--text-field body`, `--date-field meta.date`).

use std::collections::HashMap;

use gleaner_core::Document;
use gleaner_core::model::Warning;
use serde_json::value::RawValue;

use crate::failure::{ErrorCode, RecordError};

/// Which field of a record holds each part of a `Document`. A name with dots (`meta.date`) is a path into
/// nested objects, unless the record has a field with exactly that name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fields {
    /// The body text (required, unless the record has a page in `html`).
    pub text: String,
    /// A web page to read the text from, in a record without text.
    pub html: String,
    /// The identifier (a string or a number).
    pub id: String,
    /// The headline.
    pub title: String,
    /// The publication date.
    pub published: String,
    /// The publisher.
    pub source: String,
    /// The address of the article.
    pub url: String,
}

impl Default for Fields {
    fn default() -> Self {
        Fields {
            text: "text".into(),
            html: "html".into(),
            id: "id".into(),
            title: "title".into(),
            published: "published".into(),
            source: "source".into(),
            url: "url".into(),
        }
    }
}

/// A record's top-level fields, unparsed.
type Object<'a> = HashMap<String, &'a RawValue>;

/// The outcome of mapping one record: the id as soon as it is known (error records carry it too) and the
/// document or the reason there is none.
#[derive(Debug)]
pub struct Mapped {
    /// The record's id, when it has a usable one.
    pub id: Option<String>,
    /// The document (with an empty text when the record has a page instead).
    pub document: Result<Document, RecordError>,
    /// The web page of a record that has one instead of a text.
    pub html: Option<String>,
    /// What the record's output should say about its input (lone surrogate escapes read as U+FFFD).
    pub warnings: Vec<Warning>,
}

impl Fields {
    /// Maps a JSON record onto a `Document`.
    pub fn document(&self, json: &[u8]) -> Mapped {
        let failed = |error| Mapped { id: None, document: Err(error), html: None, warnings: Vec::new() };
        if let Err(e) = std::str::from_utf8(json) {
            return failed(invalid_utf8(json, &e));
        }
        let (json, lone) = gleaner_core::json::replace_lone_surrogates(json);
        let warnings = if lone > 0 { vec![gleaner_core::json::lone_surrogate_warning(lone)] } else { Vec::new() };
        // Still UTF-8: only ASCII escapes were replaced.
        let json = match std::str::from_utf8(&json) {
            Ok(s) => s,
            Err(e) => return failed(invalid_utf8(&json, &e)),
        };
        let object: Object<'_> = match serde_json::from_str(json) {
            Ok(object) => object,
            Err(e) => {
                let error = match serde_json::from_str::<serde::de::IgnoredAny>(json) {
                    Ok(_) => RecordError::new(ErrorCode::NotAnObject, "the record is not a JSON object"),
                    Err(_) => RecordError::new(ErrorCode::InvalidJson, e.to_string()),
                };
                return Mapped { id: self.salvage_id(json), document: Err(error), html: None, warnings };
            }
        };
        let id = match lookup(&object, &self.id) {
            Ok(Some(raw)) => match id_of(raw) {
                Ok(id) => id,
                Err(wrong) => return failed(wrong.about(&self.id)),
            },
            Ok(None) => None,
            Err(e) => return failed(e),
        };
        match self.rest(&object, id.clone()) {
            Ok((document, html)) => Mapped { id, document: Ok(document), html, warnings },
            Err(e) => Mapped { id, document: Err(e), html: None, warnings },
        }
    }

    /// The id of a record that is not valid JSON, when the members before the damage hold it (read member by
    /// member from the start of the object), so that its error record can be joined back to its input.
    fn salvage_id(&self, json: &str) -> Option<String> {
        let mut rest = json.trim_start().strip_prefix('{')?;
        loop {
            let mut keys = serde_json::Deserializer::from_str(rest).into_iter::<String>();
            let key = keys.next()?.ok()?;
            rest = rest.get(keys.byte_offset()..)?.trim_start().strip_prefix(':')?;
            let mut values = serde_json::Deserializer::from_str(rest).into_iter::<&RawValue>();
            let value = values.next()?.ok()?;
            if key == self.id {
                return id_of(value).ok().flatten();
            }
            rest = rest.get(values.byte_offset()..)?.trim_start().strip_prefix(',')?;
        }
    }

    fn rest(&self, object: &Object<'_>, id: Option<String>) -> Result<(Document, Option<String>), RecordError> {
        let text = match lookup(object, &self.text)? {
            None => None,
            Some(raw) if raw.get() == "null" => None,
            Some(raw) if raw.get().starts_with('"') => Some(
                serde_json::from_str::<String>(raw.get())
                    .map_err(|e| RecordError::new(ErrorCode::InvalidJson, e.to_string()))?,
            ),
            Some(raw) => {
                return Err(RecordError::new(
                    ErrorCode::TextNotString,
                    format!("field {:?} is {}, not a string", self.text, kind_of(raw)),
                ));
            }
        };
        let (text, html) = match text {
            Some(text) => (text, None),
            None => match lookup(object, &self.html)? {
                Some(raw) if raw.get() != "null" => match string_of(raw) {
                    Ok(html) => (String::new(), html),
                    Err(wrong) => return Err(wrong.about(&self.html)),
                },
                _ => {
                    return Err(RecordError::new(
                        ErrorCode::MissingText,
                        format!("the record has no {:?} field (nor {:?})", self.text, self.html),
                    ));
                }
            },
        };
        let optional = |name: &str| -> Result<Option<String>, RecordError> {
            match lookup(object, name)? {
                Some(raw) => string_of(raw).map_err(|e| e.about(name)),
                None => Ok(None),
            }
        };
        let document = Document {
            id,
            text,
            title: optional(&self.title)?,
            published: optional(&self.published)?,
            source: optional(&self.source)?,
            url: optional(&self.url)?,
        };
        Ok((document, html))
    }
}

/// The value at `path`: the field of that exact name, or else a dotted path into nested objects.
fn lookup<'a>(object: &Object<'a>, path: &str) -> Result<Option<&'a RawValue>, RecordError> {
    if let Some(raw) = object.get(path) {
        return Ok(Some(raw));
    }
    let Some((head, rest)) = path.split_once('.') else {
        return Ok(None);
    };
    match object.get(head) {
        Some(raw) if raw.get().starts_with('{') => {
            let inner: Object<'a> =
                serde_json::from_str(raw.get()).map_err(|e| RecordError::new(ErrorCode::InvalidJson, e.to_string()))?;
            lookup(&inner, rest)
        }
        _ => Ok(None),
    }
}

/// A field the type of which is wrong, before its name is known.
#[derive(Debug)]
struct WrongType(String);

impl WrongType {
    fn about(self, field: &str) -> RecordError {
        RecordError::new(ErrorCode::InvalidField, format!("field {field:?} is {}", self.0))
    }
}

/// A string field: a string, or absent when null.
fn string_of(raw: &RawValue) -> Result<Option<String>, WrongType> {
    match raw.get() {
        "null" => Ok(None),
        s if s.starts_with('"') => {
            serde_json::from_str(s).map(Some).map_err(|e| WrongType(format!("an unreadable string: {e}")))
        }
        _ => Err(WrongType(format!("{}, not a string", kind_of(raw)))),
    }
}

/// An id: a string, or a number written as it was; absent when null.
fn id_of(raw: &RawValue) -> Result<Option<String>, WrongType> {
    let s = raw.get();
    if s.starts_with(|c: char| c == '-' || c.is_ascii_digit()) {
        return Ok(Some(s.to_string()));
    }
    string_of(raw)
}

/// What kind of JSON value a raw value is, for messages.
fn kind_of(raw: &RawValue) -> &'static str {
    match raw.get().as_bytes().first() {
        Some(b'{') => "an object",
        Some(b'[') => "an array",
        Some(b't' | b'f') => "a boolean",
        Some(b'n') => "null",
        Some(b'"') => "a string",
        _ => "a number",
    }
}

/// The error for bytes that are not UTF-8, locating the first bad byte in the record.
pub fn invalid_utf8(bytes: &[u8], err: &std::str::Utf8Error) -> RecordError {
    let valid = err.valid_up_to();
    let lines_into = bytes.get(..valid).map_or(0, |b| b.iter().filter(|&&c| c == b'\n').count());
    let mut error = RecordError::new(ErrorCode::InvalidUtf8, format!("invalid UTF-8 at byte {valid} of the record"));
    error.lines_into = lines_into as u64;
    error
}

#[cfg(test)]
mod tests {
    use super::*;

    fn map(fields: &Fields, json: &str) -> Result<Document, &'static str> {
        fields.document(json.as_bytes()).document.map_err(|e| e.code.as_str())
    }

    #[test]
    fn default_fields() {
        let doc = map(&Fields::default(), r#"{"id": 7, "text": "A \"b\".", "published": null, "x": [1]}"#);
        assert_eq!(doc, Ok(Document { id: Some("7".into()), ..Document::new("A \"b\".") }));
    }

    #[test]
    fn mapped_and_nested_fields() {
        let fields = Fields { text: "body".into(), published: "meta.date".into(), ..Fields::default() };
        let doc = map(&fields, r#"{"body": "Hi.", "meta": {"date": "2024-01-02"}}"#);
        assert_eq!(doc.map(|d| d.published), Ok(Some("2024-01-02".into())));
        let dotted = Fields { text: "a.b".into(), ..Fields::default() };
        assert_eq!(map(&dotted, r#"{"a.b": "x"}"#).map(|d| d.text), Ok("x".into()));
    }

    #[test]
    fn errors_have_codes() {
        let fields = Fields::default();
        assert_eq!(map(&fields, r#"{"text": "#), Err("invalid_json"));
        assert_eq!(map(&fields, r#"[1, 2]"#), Err("not_an_object"));
        assert_eq!(map(&fields, r#"{"id": "x"}"#), Err("missing_text"));
        assert_eq!(map(&fields, r#"{"text": null}"#), Err("missing_text"));
        assert_eq!(map(&fields, r#"{"text": 12}"#), Err("text_not_string"));
        assert_eq!(map(&fields, r#"{"text": "a", "title": {"x": 1}}"#), Err("invalid_field"));
        assert_eq!(map(&fields, r#"{"text": "a", "id": true}"#), Err("invalid_field"));
        let bad = fields.document(b"{\"text\": \"\xff\"}");
        assert_eq!(bad.document.map_err(|e| e.code), Err(ErrorCode::InvalidUtf8));
        let kept = fields.document(br#"{"id": "k", "text": 1}"#);
        assert_eq!(kept.id.as_deref(), Some("k"));
    }

    #[test]
    fn a_broken_record_keeps_the_id_written_before_the_damage() {
        let id = |json: &str| Fields::default().document(json.as_bytes()).id;
        assert_eq!(id(r#"{"id": "a-7", "text": "cut off"#), Some("a-7".into()));
        assert_eq!(id(r#" {"source": {"x": [1, "]"]}, "id": 12, "text": "x" "#), Some("12".into()));
        assert_eq!(id(r#"{"text": "cut off, "id": "later"}"#), None);
        assert_eq!(id(r#"{"text": "x", "id": "#), None);
        assert_eq!(id("not json at all"), None);
        let custom = Fields { id: "uid".into(), ..Fields::default() };
        assert_eq!(custom.document(br#"{"id": 1, "uid": "u", "text": "#).id, Some("u".into()));
    }

    #[test]
    fn a_lone_surrogate_is_read_as_the_replacement_character_with_a_warning() {
        let mapped = Fields::default().document(br#"{"id": "s", "text": "Paris \ud800 and \udfff\ud83d\ude00."}"#);
        assert_eq!(mapped.document.map(|d| d.text).ok().as_deref(), Some("Paris \u{FFFD} and \u{FFFD}\u{1F600}."));
        assert_eq!(mapped.warnings.len(), 1);
        assert_eq!(mapped.warnings[0].code, "lone_surrogate");
        assert!(mapped.warnings[0].message.starts_with("2 lone"), "{}", mapped.warnings[0].message);
        let clean = Fields::default().document(br#"{"text": "\\ud800 \ud83d\ude00"}"#);
        assert_eq!(clean.document.map(|d| d.text).ok().as_deref(), Some("\\ud800 \u{1F600}"));
        assert!(clean.warnings.is_empty());
    }
}
