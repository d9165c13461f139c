//! Why a record failed: stable error codes and the error record written in its place.
//!
//! Every input record yields exactly one output line; when it cannot be extracted, that line is an error
//! record naming the input and line, so nothing is silently dropped.

use serde::Serialize;

/// What went wrong with one record. The snake_case names are stable: scripts match on them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    /// The record is not valid JSON.
    InvalidJson,
    /// The record is valid JSON but not an object.
    NotAnObject,
    /// The object has no text field (or it is null).
    MissingText,
    /// The text field is not a string.
    TextNotString,
    /// Another mapped field (id, title, published, source, url) has a type that cannot be used.
    InvalidField,
    /// The record's bytes are not UTF-8.
    InvalidUtf8,
    /// The record is larger than `--max-doc-bytes`.
    DocumentTooLarge,
    /// The input ended in the middle of a compressed stream.
    TruncatedInput,
    /// The input could not be opened or read.
    ReadError,
    /// The extraction took longer than the per-document time limit (`gleaner extract --doc-timeout`) and was
    /// stopped.
    Timeout,
    /// The extractor failed on the document (a bug: please report it).
    InternalError,
}

impl ErrorCode {
    /// The code as written in error records.
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorCode::InvalidJson => "invalid_json",
            ErrorCode::NotAnObject => "not_an_object",
            ErrorCode::MissingText => "missing_text",
            ErrorCode::TextNotString => "text_not_string",
            ErrorCode::InvalidField => "invalid_field",
            ErrorCode::InvalidUtf8 => "invalid_utf8",
            ErrorCode::DocumentTooLarge => "document_too_large",
            ErrorCode::TruncatedInput => "truncated_input",
            ErrorCode::ReadError => "read_error",
            ErrorCode::Timeout => "timeout",
            ErrorCode::InternalError => "internal_error",
        }
    }
}

/// A failed record: its code and a message for a person.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecordError {
    /// The stable code.
    pub code: ErrorCode,
    /// What happened.
    pub message: String,
    /// The line of the input where the problem is, when the framer knows it better than the record's start.
    pub line: Option<u64>,
    /// How many lines after the record's first line the problem is (a bad byte inside a text).
    pub lines_into: u64,
}

impl RecordError {
    /// An error with a code and a message.
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        RecordError { code, message: message.into(), line: None, lines_into: 0 }
    }

    /// The error for an I/O failure while reading an input.
    pub fn from_io(err: &std::io::Error) -> Self {
        match err.kind() {
            std::io::ErrorKind::UnexpectedEof => {
                RecordError::new(ErrorCode::TruncatedInput, format!("input ends unexpectedly: {err}"))
            }
            _ => RecordError::new(ErrorCode::ReadError, err.to_string()),
        }
    }
}

/// The output line of a failed record:
/// `{"schema":"gleaner/1","id":…,"error":{"code":…,"message":…,"input":…,"line":…}}` from a file, or
/// `{"schema":"gleaner/1","id":…,"index":…,"error":{"code":…,"message":…}}` from a list in memory (as the
/// server's batch route and the Python package write them).
#[derive(Debug, Serialize)]
pub struct ErrorRecord<'a> {
    schema: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    index: Option<u64>,
    error: ErrorBody<'a>,
}

#[derive(Debug, Serialize)]
struct ErrorBody<'a> {
    code: ErrorCode,
    message: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    input: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    line: Option<u64>,
}

impl<'a> ErrorRecord<'a> {
    /// The error record of `error`, for the record of `id` that starts at `line` of `input`.
    pub fn new(error: &'a RecordError, id: Option<&'a str>, input: &'a str, line: Option<u64>) -> Self {
        ErrorRecord {
            schema: gleaner_core::model::SCHEMA,
            id,
            index: None,
            error: ErrorBody {
                code: error.code,
                message: &error.message,
                input: Some(input),
                line: error.line.or(line.map(|l| l + error.lines_into)),
            },
        }
    }

    /// The error record of `error`, for the record of `id` read from memory, at position `index` (from 0) of a
    /// list when the position means something to the caller.
    pub fn in_memory(error: &'a RecordError, id: Option<&'a str>, index: Option<u64>) -> Self {
        ErrorRecord {
            schema: gleaner_core::model::SCHEMA,
            id,
            index,
            error: ErrorBody { code: error.code, message: &error.message, input: None, line: None },
        }
    }

    /// The line the record names: where the problem is, or where the record starts.
    pub fn line(&self) -> Option<u64> {
        self.error.line
    }
}
