//! Every way a request can be refused, each with its stable code and HTTP status in one table.
//!
//! Responses are `{"error":{"code":"…","message":"…"}}`. User errors (4xx) are the client's to fix; internal
//! errors (5xx other than load shedding) are logged.

use axum::Json;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use schemars::JsonSchema;
use serde::Serialize;

/// A refusal's kind. The snake_case names are stable: clients match on them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Code {
    /// The body (or a batch item) is not valid JSON.
    InvalidJson,
    /// The query string has an unknown option or value.
    InvalidQuery,
    /// A batch body is not a JSON array (or NDJSON) of documents.
    InvalidBatch,
    /// The document is a JSON value of the wrong shape (not an object, a field of the wrong type).
    InvalidDocument,
    /// The document has no `text`.
    MissingText,
    /// The document's `text` is not a string.
    TextNotString,
    /// The body is larger than `--max-body`.
    BodyTooLarge,
    /// A document's text is larger than `--max-doc`.
    DocumentTooLarge,
    /// A batch has more items than `--max-batch`.
    BatchTooLarge,
    /// The content type is not one the route reads.
    UnsupportedMediaType,
    /// No such route.
    NotFound,
    /// The route exists but not for this method.
    MethodNotAllowed,
    /// The client did not send its body in time.
    RequestTimeout,
    /// Too many requests are waiting for CPU; retry later.
    Overloaded,
    /// The request did not finish within `--timeout`.
    Timeout,
    /// A bug.
    Internal,
}

impl Code {
    /// The table: each code's HTTP status and name.
    pub const fn entry(self) -> (StatusCode, &'static str) {
        match self {
            Code::InvalidJson => (StatusCode::BAD_REQUEST, "invalid_json"),
            Code::InvalidQuery => (StatusCode::BAD_REQUEST, "invalid_query"),
            Code::InvalidBatch => (StatusCode::UNPROCESSABLE_ENTITY, "invalid_batch"),
            Code::InvalidDocument => (StatusCode::UNPROCESSABLE_ENTITY, "invalid_document"),
            Code::MissingText => (StatusCode::UNPROCESSABLE_ENTITY, "missing_text"),
            Code::TextNotString => (StatusCode::UNPROCESSABLE_ENTITY, "text_not_string"),
            Code::BodyTooLarge => (StatusCode::PAYLOAD_TOO_LARGE, "body_too_large"),
            Code::DocumentTooLarge => (StatusCode::PAYLOAD_TOO_LARGE, "document_too_large"),
            Code::BatchTooLarge => (StatusCode::PAYLOAD_TOO_LARGE, "batch_too_large"),
            Code::UnsupportedMediaType => (StatusCode::UNSUPPORTED_MEDIA_TYPE, "unsupported_media_type"),
            Code::NotFound => (StatusCode::NOT_FOUND, "not_found"),
            Code::MethodNotAllowed => (StatusCode::METHOD_NOT_ALLOWED, "method_not_allowed"),
            Code::RequestTimeout => (StatusCode::REQUEST_TIMEOUT, "request_timeout"),
            Code::Overloaded => (StatusCode::SERVICE_UNAVAILABLE, "overloaded"),
            Code::Timeout => (StatusCode::GATEWAY_TIMEOUT, "timeout"),
            Code::Internal => (StatusCode::INTERNAL_SERVER_ERROR, "internal"),
        }
    }

    /// The HTTP status.
    pub const fn status(self) -> StatusCode {
        self.entry().0
    }

    /// The stable name.
    pub const fn name(self) -> &'static str {
        self.entry().1
    }
}

/// A refused request (or a failed batch item).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiError {
    /// What kind of refusal.
    pub code: Code,
    /// What happened, for a person.
    pub message: String,
}

impl ApiError {
    /// An error of `code` saying `message`.
    pub fn new(code: Code, message: impl Into<String>) -> Self {
        ApiError { code, message: message.into() }
    }

    /// The `{"code","message"}` object.
    pub fn body(&self) -> ErrorBody {
        ErrorBody { code: self.code, message: self.message.clone() }
    }
}

/// The body of every refusal.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct ErrorResponse {
    /// What went wrong.
    pub error: ErrorBody,
}

/// What went wrong: a stable code and a message for a person.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct ErrorBody {
    /// The stable code (its HTTP status is fixed: see the table in README).
    pub code: Code,
    /// What happened, for a person.
    pub message: String,
}

impl std::fmt::Display for ApiError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.code.name(), self.message)
    }
}

impl std::error::Error for ApiError {}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let status = self.code.status();
        if status.is_server_error() && !matches!(self.code, Code::Overloaded | Code::Timeout) {
            tracing::error!(code = self.code.name(), "{}", self.message);
        }
        let mut response = (status, Json(ErrorResponse { error: self.body() })).into_response();
        if self.code == Code::Overloaded {
            response.headers_mut().insert(header::RETRY_AFTER, HeaderValue::from_static("1"));
        }
        response
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_unique_and_statuses_are_errors() {
        let all = [
            Code::InvalidJson,
            Code::InvalidQuery,
            Code::InvalidBatch,
            Code::InvalidDocument,
            Code::MissingText,
            Code::TextNotString,
            Code::BodyTooLarge,
            Code::DocumentTooLarge,
            Code::BatchTooLarge,
            Code::UnsupportedMediaType,
            Code::NotFound,
            Code::MethodNotAllowed,
            Code::RequestTimeout,
            Code::Overloaded,
            Code::Timeout,
            Code::Internal,
        ];
        let names: std::collections::HashSet<_> = all.iter().map(|c| c.name()).collect();
        assert_eq!(names.len(), all.len());
        for code in all {
            assert_eq!(serde_json::to_value(code).ok(), Some(serde_json::Value::from(code.name())));
        }
        assert!(all.iter().all(|c| c.status().is_client_error() || c.status().is_server_error()));
    }
}
