//! Gleaner's extraction engine over HTTP, kept thin: the routes parse requests and call `gleaner_core::Extractor`,
//! and everything else here bounds the work (body and document sizes, concurrent CPU jobs, a queue, time).
//!
//! Routes: `POST /v1/extract`, `POST /v1/extract/batch`, `GET /v1/health`, `GET /v1/info`. Every refusal is
//! `{"error":{"code","message"}}` with the status of `error::Code::entry`.
#![deny(missing_docs)]

pub mod error;
mod routes;
mod work;

use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::http::Request;
use axum::routing::{get, post};
use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer};
use tower_http::timeout::RequestBodyDeadlineLayer;
use tower_http::trace::{DefaultOnResponse, TraceLayer};

pub use routes::AppState;

/// How much a server takes on.
#[derive(Debug, Clone)]
pub struct Limits {
    /// Largest request body, in bytes.
    pub max_body: usize,
    /// Largest document text, in bytes.
    pub max_doc: usize,
    /// Most documents in one batch.
    pub max_batch: usize,
    /// Extractions running at once.
    pub concurrency: usize,
    /// Requests waiting for a turn before new ones are refused with 503.
    pub queue: usize,
    /// Time allowed to wait for a turn and extract, from when the body has arrived.
    pub timeout: Duration,
    /// Time allowed to upload a body (against slow clients).
    pub body_timeout: Duration,
}

impl Default for Limits {
    fn default() -> Self {
        let cores = std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get);
        Limits {
            max_body: 16 << 20,
            max_doc: 4 << 20,
            max_batch: 10_000,
            concurrency: cores,
            queue: 64,
            timeout: Duration::from_secs(30),
            body_timeout: Duration::from_secs(30),
        }
    }
}

/// The application: routes, limits, request ids and request logs.
pub fn app(limits: Limits) -> Router {
    let (max_body, body_timeout) = (limits.max_body, limits.body_timeout);
    let state = Arc::new(AppState::new(limits));
    let trace = TraceLayer::new_for_http()
        .make_span_with(|request: &Request<_>| {
            let id = request.headers().get("x-request-id").and_then(|v| v.to_str().ok()).unwrap_or("");
            tracing::info_span!("request", id, method = %request.method(), uri = %request.uri())
        })
        .on_response(DefaultOnResponse::new().level(tracing::Level::INFO));
    Router::new()
        .route("/v1/extract", post(routes::extract))
        .route("/v1/extract/batch", post(routes::extract_batch))
        .route("/v1/health", get(routes::health))
        .route("/v1/info", get(routes::info))
        .fallback(routes::not_found)
        .method_not_allowed_fallback(routes::method_not_allowed)
        .with_state(state)
        .layer(DefaultBodyLimit::max(max_body))
        .layer(RequestBodyDeadlineLayer::new(body_timeout))
        .layer(PropagateRequestIdLayer::x_request_id())
        .layer(trace)
        .layer(SetRequestIdLayer::x_request_id(MakeRequestUuid))
}
