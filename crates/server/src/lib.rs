//! Gleaner's extraction engine over HTTP, kept thin: the routes parse requests and call `gleaner_core::Extractor`,
//! and everything else here bounds the work (connections, header and body time, body and document sizes,
//! concurrent CPU jobs, a queue, time per request).
//!
//! Routes (`routes()`, the one list that both the router and the OpenAPI document are checked against):
//! `POST /v1/extract`, `POST /v1/extract/batch`, `GET /v1/health`, `GET /v1/info`, `GET /openapi.json`, and the
//! page at `GET /`. Every refusal is `{"error":{"code","message"}}` with the status of `error::Code::entry`.
#![deny(missing_docs)]

pub mod error;
pub mod openapi;
mod page;
mod routes;
mod work;

use std::future::Future;
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::http::{Method, Request};
use axum::routing::{MethodRouter, get, post};
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::server::graceful::GracefulShutdown;
use hyper_util::service::TowerToHyperService;
use tokio::net::TcpListener;
use tokio::sync::Semaphore;
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
    /// Time allowed to wait for a turn and extract, from when the body has arrived; the extraction stops when it
    /// passes.
    pub timeout: Duration,
    /// Time allowed to upload a body (against slow clients).
    pub body_timeout: Duration,
    /// Time allowed to send the request line and headers (against slow-loris clients); also how long an idle
    /// keep-alive connection stays open.
    pub header_timeout: Duration,
    /// Connections open at once; more wait in the listen backlog.
    pub max_connections: usize,
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
            header_timeout: Duration::from_secs(10),
            max_connections: 1024,
        }
    }
}

/// One route: its method, its path (as OpenAPI writes it) and its handler.
#[derive(Debug)]
pub struct Route {
    /// The HTTP method.
    pub method: Method,
    /// The path.
    pub path: &'static str,
    /// The handler.
    pub handler: MethodRouter<Arc<AppState>>,
}

/// Every route the server has.
pub fn routes() -> Vec<Route> {
    let route = |method, path, handler| Route { method, path, handler };
    vec![
        route(Method::POST, "/v1/extract", post(routes::extract)),
        route(Method::POST, "/v1/extract/batch", post(routes::extract_batch)),
        route(Method::GET, "/v1/health", get(routes::health)),
        route(Method::GET, "/v1/info", get(routes::info)),
        route(Method::GET, "/openapi.json", get(openapi::serve)),
        route(Method::GET, "/", get(page::index)),
        route(Method::GET, "/world.svg", get(page::world)),
    ]
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
    let mut router = Router::new();
    for Route { path, handler, .. } in routes() {
        router = router.route(path, handler);
    }
    router
        .fallback(routes::not_found)
        .method_not_allowed_fallback(routes::method_not_allowed)
        .with_state(state)
        .layer(DefaultBodyLimit::max(max_body))
        .layer(RequestBodyDeadlineLayer::new(body_timeout))
        .layer(PropagateRequestIdLayer::x_request_id())
        .layer(trace)
        .layer(SetRequestIdLayer::x_request_id(MakeRequestUuid))
}

/// Serves `app(limits)` on `listener` until `shutdown` resolves, then stops accepting and waits for the
/// connections in flight to finish their requests.
///
/// Unlike `axum::serve`, this bounds the connections open at once and the time a client may take to send its
/// request head, so clients that open connections and trickle bytes (slow-loris) cannot pile up.
pub async fn serve(listener: TcpListener, limits: Limits, shutdown: impl Future<Output = ()>) -> std::io::Result<()> {
    let header_timeout = limits.header_timeout;
    let connections = Arc::new(Semaphore::new(limits.max_connections.max(1)));
    let service = TowerToHyperService::new(app(limits));
    let graceful = GracefulShutdown::new();
    let mut shutdown = std::pin::pin!(shutdown);
    loop {
        let permit = tokio::select! {
            permit = connections.clone().acquire_owned() => match permit {
                Ok(permit) => permit,
                Err(_) => break,
            },
            () = &mut shutdown => break,
        };
        let (stream, peer) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(accepted) => accepted,
                Err(e) => {
                    // Out of file descriptors and the like: wait a little rather than spin.
                    tracing::warn!("accept failed: {e}");
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            },
            () = &mut shutdown => break,
        };
        let _ = stream.set_nodelay(true);
        let mut builder = hyper::server::conn::http1::Builder::new();
        builder.timer(TokioTimer::new()).header_read_timeout(header_timeout);
        let connection = builder.serve_connection(TokioIo::new(stream), service.clone());
        let connection = graceful.watch(connection);
        tokio::spawn(async move {
            if let Err(e) = connection.await {
                tracing::debug!(%peer, "connection ended: {e}");
            }
            drop(permit);
        });
    }
    drop(listener);
    tracing::info!("shutting down: finishing requests in flight");
    graceful.shutdown().await;
    Ok(())
}
