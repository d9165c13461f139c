//! The routes: read a request, hand the document(s) to the `Extractor` on a worker, write the result.

use std::sync::{Arc, OnceLock};

use axum::Json;
use axum::body::Bytes;
use axum::extract::rejection::{BytesRejection, QueryRejection};
use axum::extract::{Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use gleaner_core::{Config, Document, Extraction, Extractor, Offsets};
use serde::Deserialize;
use serde_json::value::RawValue;
use tokio::time::Instant;

use crate::Limits;
use crate::error::{ApiError, Code};
use crate::work::Workers;

/// What the routes share.
#[derive(Debug)]
pub struct AppState {
    limits: Limits,
    workers: Workers,
    /// One extractor per combination of the query options, made on first use.
    extractors: [OnceLock<Extractor>; 12],
}

impl AppState {
    /// The state of a server with these limits.
    pub fn new(limits: Limits) -> Self {
        let workers = Workers::new(limits.concurrency, limits.queue);
        AppState { limits, workers, extractors: Default::default() }
    }

    fn extractor(&self, options: Options) -> Result<&Extractor, ApiError> {
        let unit = match options.offsets {
            Offsets::Chars => 0,
            Offsets::Bytes => 1,
            Offsets::Utf16 => 2,
        };
        let slot = &self.extractors[unit * 4 + usize::from(options.sentences) * 2 + usize::from(options.tokens)];
        if let Some(extractor) = slot.get() {
            return Ok(extractor);
        }
        // Options that stages add keep their defaults.
        #[allow(clippy::needless_update)]
        let config = Config {
            offsets: options.offsets,
            sentences: options.sentences,
            tokens: options.tokens,
            max_bytes: self.limits.max_doc,
            ..Config::default()
        };
        let extractor = Extractor::new(config).map_err(|e| ApiError::new(Code::Internal, e.to_string()))?;
        Ok(slot.get_or_init(|| extractor))
    }

    /// Extracts one document that has passed the checks.
    fn extract(&self, options: Options, document: &Document) -> Result<Extraction, ApiError> {
        self.extractor(options)?.extract(document).map_err(|e| match e {
            gleaner_core::Error::DocumentTooLarge { .. } => ApiError::new(Code::DocumentTooLarge, e.to_string()),
            e => ApiError::new(Code::Internal, e.to_string()),
        })
    }
}

/// Options in the query string: `?offsets=utf16&sentences=true&tokens=true`.
#[derive(Debug, Clone, Copy, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Options {
    offsets: Offsets,
    sentences: bool,
    tokens: bool,
}

type Shared = State<Arc<AppState>>;
type QueryOptions = Result<Query<Options>, QueryRejection>;
type Body = Result<Bytes, BytesRejection>;

/// `POST /v1/extract`: one `Document` in, one `Extraction` out.
pub async fn extract(State(state): Shared, headers: HeaderMap, query: QueryOptions, body: Body) -> Response {
    let deadline = Instant::now() + state.limits.timeout;
    let work = async {
        if media_type(&headers)? != Media::Json {
            return Err(unsupported("application/json"));
        }
        let options = options(query)?;
        let body = body.map_err(body_error)?;
        let document = parse_document(&body)?;
        check_size(&document, state.limits.max_doc)?;
        let job_state = state.clone();
        state.workers.run(deadline, move || job_state.extract(options, &document)).await?
    };
    match work.await {
        Ok(extraction) => Json(extraction).into_response(),
        Err(error) => error.into_response(),
    }
}

/// `POST /v1/extract/batch`: a JSON array of documents (or NDJSON) in, an array (or NDJSON) of results out, in
/// order; an item that fails is `{"schema","id","index","error":{"code","message"}}` in its place.
pub async fn extract_batch(State(state): Shared, headers: HeaderMap, query: QueryOptions, body: Body) -> Response {
    let deadline = Instant::now() + state.limits.timeout;
    let work = async {
        let media = media_type(&headers)?;
        if media == Media::Other {
            return Err(unsupported("application/json (an array) or application/x-ndjson"));
        }
        let options = options(query)?;
        let body = body.map_err(body_error)?;
        let job_state = state.clone();
        let results = state.workers.run(deadline, move || job_state.batch(media, &body, options)).await??;
        Ok((media, results))
    };
    match work.await {
        Ok((media, results)) => batch_response(media, &results),
        Err(error) => error.into_response(),
    }
}

impl AppState {
    /// Each item of a batch body, extracted or failed, as serialized JSON.
    fn batch(&self, media: Media, body: &[u8], options: Options) -> Result<Vec<Vec<u8>>, ApiError> {
        let items: Vec<&[u8]> = match media {
            Media::Ndjson => {
                body.split(|&b| b == b'\n').filter(|line| !line.iter().all(u8::is_ascii_whitespace)).collect()
            }
            _ => serde_json::from_slice::<Vec<&RawValue>>(body)
                .map_err(|e| match e.classify() {
                    serde_json::error::Category::Data => {
                        ApiError::new(Code::InvalidBatch, "the body must be a JSON array of documents")
                    }
                    _ => ApiError::new(Code::InvalidJson, e.to_string()),
                })?
                .into_iter()
                .map(|raw| raw.get().as_bytes())
                .collect(),
        };
        if items.len() > self.limits.max_batch {
            return Err(ApiError::new(
                Code::BatchTooLarge,
                format!("{} documents exceed --max-batch {}", items.len(), self.limits.max_batch),
            ));
        }
        Ok(items.iter().enumerate().map(|(index, item)| self.batch_item(index, item, options)).collect())
    }

    fn batch_item(&self, index: usize, item: &[u8], options: Options) -> Vec<u8> {
        let result = parse_document(item)
            .and_then(|document| check_size(&document, self.limits.max_doc).map(|()| document))
            .and_then(|document| self.extract(options, &document));
        let failed = match result.map(|extraction| serde_json::to_vec(&extraction)) {
            Ok(Ok(json)) => return json,
            Ok(Err(e)) => ApiError::new(Code::Internal, format!("cannot serialize: {e}")),
            Err(error) => error,
        };
        #[derive(Deserialize)]
        struct Id {
            id: Option<String>,
        }
        let id = serde_json::from_slice::<Id>(item).ok().and_then(|i| i.id);
        let record = ItemError { schema: gleaner_core::model::SCHEMA, id, index, error: failed.body() };
        serde_json::to_vec(&record).unwrap_or_default()
    }
}

/// A failed batch item, in its place in the results.
#[derive(serde::Serialize)]
struct ItemError {
    schema: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<String>,
    index: usize,
    error: serde_json::Value,
}

fn batch_response(media: Media, results: &[Vec<u8>]) -> Response {
    let mut out = Vec::with_capacity(results.iter().map(|r| r.len() + 1).sum::<usize>() + 2);
    let content_type = if media == Media::Ndjson {
        for result in results {
            out.extend_from_slice(result);
            out.push(b'\n');
        }
        "application/x-ndjson"
    } else {
        out.push(b'[');
        for (i, result) in results.iter().enumerate() {
            if i > 0 {
                out.push(b',');
            }
            out.extend_from_slice(result);
        }
        out.push(b']');
        "application/json"
    };
    (StatusCode::OK, [(header::CONTENT_TYPE, HeaderValue::from_static(content_type))], out).into_response()
}

/// `GET /v1/health`.
pub async fn health() -> Json<serde_json::Value> {
    Json(serde_json::json!({"status": "ok"}))
}

/// `GET /v1/info`: what this server is and how it is bounded.
pub async fn info(State(state): Shared) -> Json<serde_json::Value> {
    let limits = &state.limits;
    Json(serde_json::json!({
        "name": "gleaner",
        "version": env!("CARGO_PKG_VERSION"),
        "schema": gleaner_core::model::SCHEMA,
        "limits": {
            "max_body_bytes": limits.max_body,
            "max_document_bytes": limits.max_doc,
            "max_batch": limits.max_batch,
            "concurrency": limits.concurrency,
            "queue": limits.queue,
            "timeout_ms": u64::try_from(limits.timeout.as_millis()).unwrap_or(u64::MAX),
            "body_timeout_ms": u64::try_from(limits.body_timeout.as_millis()).unwrap_or(u64::MAX),
        },
    }))
}

/// Any other path.
pub async fn not_found() -> ApiError {
    ApiError::new(Code::NotFound, "no such route; see GET /v1/info")
}

/// A known path with the wrong method.
pub async fn method_not_allowed() -> ApiError {
    ApiError::new(Code::MethodNotAllowed, "this route does not take that method")
}

/// The body formats the routes read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Media {
    /// `application/json` (or any `+json`).
    Json,
    /// Newline-delimited JSON (`application/x-ndjson`, `application/jsonl` and kin).
    Ndjson,
    /// Anything else.
    Other,
}

fn media_type(headers: &HeaderMap) -> Result<Media, ApiError> {
    let Some(value) = headers.get(header::CONTENT_TYPE) else {
        return Err(ApiError::new(Code::UnsupportedMediaType, "the request has no content type"));
    };
    let essence = value.to_str().unwrap_or("").split(';').next().unwrap_or("").trim().to_ascii_lowercase();
    Ok(match essence.as_str() {
        "application/json" => Media::Json,
        "application/x-ndjson"
        | "application/ndjson"
        | "application/jsonl"
        | "application/x-jsonlines"
        | "application/jsonlines" => Media::Ndjson,
        e if e.starts_with("application/") && e.ends_with("+json") => Media::Json,
        _ => Media::Other,
    })
}

fn unsupported(expected: &str) -> ApiError {
    ApiError::new(Code::UnsupportedMediaType, format!("send the body as {expected}"))
}

fn options(query: QueryOptions) -> Result<Options, ApiError> {
    query.map(|Query(options)| options).map_err(|e| ApiError::new(Code::InvalidQuery, e.body_text()))
}

/// The error for a body that could not be read: too large, too slow, or cut off.
fn body_error(rejection: BytesRejection) -> ApiError {
    if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE {
        return ApiError::new(Code::BodyTooLarge, "the body exceeds the server's --max-body");
    }
    let mut cause: Option<&(dyn std::error::Error + 'static)> = Some(&rejection);
    while let Some(e) = cause {
        if e.is::<tower_http::timeout::TimeoutError>() {
            return ApiError::new(Code::RequestTimeout, "the body did not arrive in time");
        }
        cause = e.source();
    }
    ApiError::new(Code::InvalidJson, format!("the body could not be read: {}", rejection.body_text()))
}

/// A `Document` from JSON, with the precise reason when it is not one.
fn parse_document(bytes: &[u8]) -> Result<Document, ApiError> {
    let value: serde_json::Value =
        serde_json::from_slice(bytes).map_err(|e| ApiError::new(Code::InvalidJson, e.to_string()))?;
    let serde_json::Value::Object(object) = &value else {
        return Err(ApiError::new(Code::InvalidDocument, "a document is a JSON object"));
    };
    match object.get("text") {
        None | Some(serde_json::Value::Null) => {
            return Err(ApiError::new(Code::MissingText, "the document has no \"text\""));
        }
        Some(serde_json::Value::String(_)) => {}
        Some(_) => return Err(ApiError::new(Code::TextNotString, "\"text\" must be a string")),
    }
    serde_json::from_value(value).map_err(|e| ApiError::new(Code::InvalidDocument, e.to_string()))
}

fn check_size(document: &Document, max: usize) -> Result<(), ApiError> {
    if document.text.len() > max {
        return Err(ApiError::new(
            Code::DocumentTooLarge,
            format!("text of {} bytes exceeds --max-doc {max}", document.text.len()),
        ));
    }
    Ok(())
}
