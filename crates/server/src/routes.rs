//! The routes: read a request, hand the document(s) to the `Extractor` on a worker, write the result.

use std::ops::Range;
use std::sync::{Arc, OnceLock};

use axum::Json;
use axum::body::Bytes;
use axum::extract::rejection::{BytesRejection, QueryRejection};
use axum::extract::{Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use gleaner_core::model::{HtmlPage, Warning};
use gleaner_core::provenance::Resource;
use gleaner_core::{Config, Document, Extraction, Extractor, Offsets};
use schemars::JsonSchema;
use serde::Deserialize;
use serde_json::value::RawValue;
use tokio::time::Instant;

use crate::Limits;
use crate::error::{ApiError, Code, ErrorBody};
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
        let mut config = Config::default();
        config.offsets = options.offsets;
        config.sentences = options.sentences;
        config.tokens = options.tokens;
        config.max_bytes = self.limits.max_doc;
        let extractor = Extractor::new(config).map_err(|e| ApiError::new(Code::Internal, e.to_string()))?;
        Ok(slot.get_or_init(|| extractor))
    }

    /// Extracts one document that has passed the checks (reading its page first, when it is one), stopping at
    /// the request's deadline.
    fn extract(&self, options: Options, input: Input, deadline: Instant) -> Result<Extraction, ApiError> {
        let extractor = self.extractor(options)?;
        let (document, page, warnings) = input.read();
        let mut extraction = extractor.extract_until(&document, deadline.into_std()).map_err(|e| match e {
            gleaner_core::Error::DocumentTooLarge { .. } => ApiError::new(Code::DocumentTooLarge, e.to_string()),
            gleaner_core::Error::DeadlinePassed { .. } => crate::work::timed_out(),
            e => ApiError::new(Code::Internal, e.to_string()),
        })?;
        extraction.warnings.extend(warnings);
        Ok(match page {
            // A page's record carries the text that was read (its spans point into it) and the title read with it.
            Some(html) => {
                Extraction { text: Some(document.text), title: document.title, html: Some(html), ..extraction }
            }
            None => extraction,
        })
    }
}

/// What `/v1/extract` reads (and each item of a batch): a `Document`, or a web page in `html` instead of its
/// `text`.
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
pub struct Input {
    /// The caller's identifier, copied to the output.
    #[serde(default)]
    id: Option<String>,
    /// The article body: output offsets point into it (or into `title`, where a span's `field` says so). Give
    /// `text` or `html`.
    #[serde(default)]
    text: Option<String>,
    /// A web page instead of `text`, read as `gleaner extract` reads one: its article text (without navigation,
    /// comments, share bars, related links …) comes back as the output's `text`, which the spans point into,
    /// with the `title` read and the page's `html` metadata; the page's title, date, canonical URL and site name
    /// fill the fields below that the request left out.
    #[serde(default)]
    html: Option<String>,
    /// The headline, read as the document's first segment (spans there say `"field": "title"`).
    #[serde(default)]
    title: Option<String>,
    /// Publication date or time (ISO 8601): the anchor for relative dates.
    #[serde(default)]
    published: Option<String>,
    /// The publisher's name.
    #[serde(default)]
    source: Option<String>,
    /// The article's URL.
    #[serde(default)]
    url: Option<String>,
    /// What reading the JSON warned about (lone surrogate escapes read as U+FFFD), for the record.
    #[serde(skip)]
    #[schemars(skip)]
    warnings: Vec<Warning>,
}

impl Input {
    /// Its size in bytes (text or page, and title): how much work it is, for the workers' turns.
    fn bytes(&self) -> usize {
        [&self.text, &self.html, &self.title].iter().map(|s| s.as_ref().map_or(0, String::len)).sum()
    }

    /// The document to extract from, for a page what the page said about itself, and what to warn about.
    fn read(self) -> (Document, Option<HtmlPage>, Vec<Warning>) {
        let Input { id, text, html, title, published, source, url, warnings } = self;
        let given = Document { id, text: text.clone().unwrap_or_default(), title, published, source, url };
        match (text, html) {
            (None, Some(html)) => {
                // The JSON string is Unicode already, whatever charset the page declares.
                let (document, page) =
                    gleaner_html::record::document(html.as_bytes(), Some("text/html; charset=utf-8"), given);
                (document, Some(page), warnings)
            }
            _ => (given, None, warnings),
        }
    }
}

/// Options in the query string: `?offsets=utf16&sentences=true&tokens=true`.
#[derive(Debug, Clone, Copy, Default, Deserialize, utoipa::IntoParams)]
#[serde(default, deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct Options {
    /// The unit of output offsets: `chars` (Unicode scalar values, the default), `bytes` or `utf16`.
    #[param(value_type = Option<String>, pattern = "^(chars|bytes|utf16)$")]
    offsets: Offsets,
    /// Output the sentences.
    #[param(value_type = Option<bool>)]
    sentences: bool,
    /// Output the tokens.
    #[param(value_type = Option<bool>)]
    tokens: bool,
}

type Shared = State<Arc<AppState>>;
type QueryOptions = Result<Query<Options>, QueryRejection>;
type Body = Result<Bytes, BytesRejection>;

/// `POST /v1/extract`: one document (its `text`, or a web page in `html`) in, one `Extraction` out.
#[utoipa::path(
    post,
    path = "/v1/extract",
    tag = "extract",
    params(Options),
    request_body(content = ref("#/components/schemas/Input"), content_type = "application/json"),
    responses(
        (status = 200, description = "What was found", body = ref("#/components/schemas/Extraction")),
        (status = "4XX", description = "A refusal: see the codes", body = ref("#/components/schemas/ErrorResponse")),
        (status = "5XX", description = "Overloaded (503, with Retry-After), timed out (504) or a bug (500)",
            body = ref("#/components/schemas/ErrorResponse")),
    )
)]
pub async fn extract(State(state): Shared, headers: HeaderMap, query: QueryOptions, body: Body) -> Response {
    let deadline = Instant::now() + state.limits.timeout;
    let work = async {
        if media_type(&headers)? != Media::Json {
            return Err(unsupported("application/json"));
        }
        let options = options(query)?;
        let body = body.map_err(body_error)?;
        let input = parse_document(&body)?;
        check_size(&input, state.limits.max_doc)?;
        let (job_state, bytes) = (state.clone(), input.bytes());
        state.workers.run(deadline, bytes, move || job_state.extract(options, input, deadline)).await?
    };
    match work.await {
        Ok(extraction) => Json(extraction).into_response(),
        Err(error) => error.into_response(),
    }
}

/// `POST /v1/extract/batch`: a JSON array of documents (or NDJSON) in, an array (or NDJSON) of results out, in
/// order; an item that fails is `{"schema","id","index","error":{"code","message"}}` in its place.
///
/// The items are extracted in chunks spread over the worker turns (each chunk takes a turn like a request), so
/// a batch uses every core while single requests still get turns between its chunks.
#[utoipa::path(
    post,
    path = "/v1/extract/batch",
    tag = "extract",
    params(Options),
    request_body(
        description = "A JSON array of documents (`application/json`), or one document per line \
                       (`application/x-ndjson`, answered in kind)",
        content = ref("#/components/schemas/DocumentBatch"),
        content_type = "application/json"
    ),
    responses(
        (status = 200, description = "One result per item, in order", body = ref("#/components/schemas/BatchResults")),
        (status = "4XX", description = "A refusal of the whole batch", body = ref("#/components/schemas/ErrorResponse")),
        (status = "5XX", description = "Overloaded (503, with Retry-After), timed out (504) or a bug (500)",
            body = ref("#/components/schemas/ErrorResponse")),
    )
)]
pub async fn extract_batch(State(state): Shared, headers: HeaderMap, query: QueryOptions, body: Body) -> Response {
    let deadline = Instant::now() + state.limits.timeout;
    let work = async {
        let media = media_type(&headers)?;
        if media == Media::Other {
            return Err(unsupported("application/json (an array) or application/x-ndjson"));
        }
        let options = options(query)?;
        let body = body.map_err(body_error)?;
        // Framing the items is one job; extracting them, chunks of them.
        let (framing_state, framed_body) = (state.clone(), body.clone());
        let items = state.workers.run(deadline, body.len(), move || framing_state.frame(media, &framed_body)).await??;
        let size = chunk_size(items.len(), state.limits.concurrency);
        let jobs: Vec<_> = items
            .chunks(size)
            .enumerate()
            .map(|(chunk, ranges)| {
                let bytes = ranges.iter().map(ExactSizeIterator::len).sum();
                let (job_state, body, ranges) = (state.clone(), body.clone(), ranges.to_vec());
                let job = move || {
                    ranges
                        .iter()
                        .enumerate()
                        .map(|(i, range)| {
                            let item = body.get(range.clone()).unwrap_or_default();
                            job_state.batch_item(chunk * size + i, item, options, deadline)
                        })
                        .collect::<Vec<_>>()
                };
                (bytes, job)
            })
            .collect();
        let results: Vec<Vec<u8>> = state.workers.run_all(deadline, jobs).await?.into_iter().flatten().collect();
        Ok((media, results))
    };
    match work.await {
        Ok((media, results)) => batch_response(media, &results),
        Err(error) => error.into_response(),
    }
}

/// Items per chunk of a batch: about four chunks per turn, so that turns stay busy to the end, and at most 256
/// items, so that a single request never waits long behind a chunk.
fn chunk_size(items: usize, concurrency: usize) -> usize {
    items.div_ceil(4 * concurrency.max(1)).clamp(1, 256)
}

impl AppState {
    /// Where each item of a batch body is: a byte range of the body.
    fn frame(&self, media: Media, body: &[u8]) -> Result<Vec<Range<usize>>, ApiError> {
        let start = body.as_ptr() as usize;
        let range = |item: &[u8]| {
            let from = item.as_ptr() as usize - start;
            from..from + item.len()
        };
        let items: Vec<Range<usize>> = match media {
            Media::Ndjson => body
                .split(|&b| b == b'\n')
                .filter(|line| !line.iter().all(u8::is_ascii_whitespace))
                .map(range)
                .collect(),
            _ => serde_json::from_slice::<Vec<&RawValue>>(body)
                .map_err(|e| match e.classify() {
                    serde_json::error::Category::Data => {
                        ApiError::new(Code::InvalidBatch, "the body must be a JSON array of documents")
                    }
                    _ => ApiError::new(Code::InvalidJson, e.to_string()),
                })?
                .into_iter()
                .map(|raw| range(raw.get().as_bytes()))
                .collect(),
        };
        if items.len() > self.limits.max_batch {
            return Err(ApiError::new(
                Code::BatchTooLarge,
                format!("{} documents exceed --max-batch {}", items.len(), self.limits.max_batch),
            ));
        }
        Ok(items)
    }

    fn batch_item(&self, index: usize, item: &[u8], options: Options, deadline: Instant) -> Vec<u8> {
        let result = parse_document(item)
            .and_then(|input| check_size(&input, self.limits.max_doc).map(|()| input))
            .and_then(|input| self.extract(options, input, deadline));
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
#[derive(Debug, serde::Serialize, JsonSchema)]
pub struct ItemError {
    /// Always `gleaner/1`.
    schema: &'static str,
    /// The item's `id`, when it has one.
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<String>,
    /// The item's position in the batch, from 0.
    index: usize,
    /// Why it failed.
    error: ErrorBody,
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

/// `{"status": "ok"}`.
#[derive(Debug, serde::Serialize, JsonSchema)]
pub struct Health {
    /// Always `ok` while the server answers.
    status: &'static str,
}

/// `GET /v1/health`.
#[utoipa::path(get, path = "/v1/health", tag = "service",
    responses((status = 200, description = "The server is up", body = ref("#/components/schemas/Health"))))]
pub async fn health() -> Json<Health> {
    Json(Health { status: "ok" })
}

/// What a server is, how it is bounded, and what data it carries.
#[derive(Debug, serde::Serialize, JsonSchema)]
pub struct Info {
    /// `gleaner`.
    name: &'static str,
    /// The server's version.
    version: &'static str,
    /// The output schema (`gleaner/1`).
    schema: &'static str,
    /// The server's limits.
    limits: InfoLimits,
    /// The data compiled into the engine and the server: name, source, licence.
    resources: Vec<Resource>,
}

/// The limits of `/v1/info`.
#[derive(Debug, serde::Serialize, JsonSchema)]
pub struct InfoLimits {
    /// Largest request body, in bytes.
    max_body_bytes: usize,
    /// Largest document text, in bytes.
    max_document_bytes: usize,
    /// Most documents in one batch.
    max_batch: usize,
    /// Extractions running at once.
    concurrency: usize,
    /// Requests that may wait for a turn.
    queue: usize,
    /// Time for queueing and extraction, in milliseconds.
    timeout_ms: u64,
    /// Time to upload a body, in milliseconds.
    body_timeout_ms: u64,
    /// Time to send the request head, in milliseconds.
    header_timeout_ms: u64,
    /// Connections open at once.
    max_connections: usize,
}

fn millis(d: std::time::Duration) -> u64 {
    u64::try_from(d.as_millis()).unwrap_or(u64::MAX)
}

/// `GET /v1/info`: what this server is, how it is bounded, and the provenance of its data.
#[utoipa::path(get, path = "/v1/info", tag = "service",
    responses((status = 200, description = "Version, limits, resources", body = ref("#/components/schemas/Info"))))]
pub async fn info(State(state): Shared) -> Json<Info> {
    let limits = &state.limits;
    let mut resources = gleaner_core::provenance::resources().to_vec();
    resources.push(crate::page::WORLD);
    Json(Info {
        name: "gleaner",
        version: env!("CARGO_PKG_VERSION"),
        schema: gleaner_core::model::SCHEMA,
        limits: InfoLimits {
            max_body_bytes: limits.max_body,
            max_document_bytes: limits.max_doc,
            max_batch: limits.max_batch,
            concurrency: limits.concurrency,
            queue: limits.queue,
            timeout_ms: millis(limits.timeout),
            body_timeout_ms: millis(limits.body_timeout),
            header_timeout_ms: millis(limits.header_timeout),
            max_connections: limits.max_connections,
        },
        resources,
    })
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

/// A document (`Input`) from JSON, with the precise reason when it is not one.
/// Lone surrogate escapes are read as U+FFFD, with a warning.
fn parse_document(bytes: &[u8]) -> Result<Input, ApiError> {
    let (bytes, lone) = gleaner_core::json::replace_lone_surrogates(bytes);
    let value: serde_json::Value =
        serde_json::from_slice(&bytes).map_err(|e| ApiError::new(Code::InvalidJson, e.to_string()))?;
    let serde_json::Value::Object(object) = &value else {
        return Err(ApiError::new(Code::InvalidDocument, "a document is a JSON object"));
    };
    let given = |name| object.get(name).filter(|v| !v.is_null());
    for name in ["text", "html"] {
        if given(name).is_some_and(|v| !v.is_string()) {
            return Err(ApiError::new(Code::TextNotString, format!("\"{name}\" must be a string")));
        }
    }
    if given("text").is_none() && given("html").is_none() {
        return Err(ApiError::new(Code::MissingText, "the document has no \"text\" (nor \"html\")"));
    }
    let mut input: Input =
        serde_json::from_value(value).map_err(|e| ApiError::new(Code::InvalidDocument, e.to_string()))?;
    if lone > 0 {
        input.warnings.push(gleaner_core::json::lone_surrogate_warning(lone));
    }
    Ok(input)
}

/// A text larger than `--max-doc` is refused before it takes a turn (a page's text is checked once read).
fn check_size(input: &Input, max: usize) -> Result<(), ApiError> {
    let bytes = input.text.as_ref().map_or(0, String::len);
    if bytes > max {
        return Err(ApiError::new(Code::DocumentTooLarge, format!("text of {bytes} bytes exceeds --max-doc {max}")));
    }
    Ok(())
}
