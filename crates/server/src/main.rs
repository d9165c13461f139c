//! `gleaner-server`: serves Gleaner's extraction over HTTP until SIGINT or SIGTERM, then finishes the requests in
//! flight. Configured by flags or the matching `GLEANER_*` environment variables; logs with `RUST_LOG`.

use std::io::IsTerminal;
use std::net::SocketAddr;
use std::time::Duration;

use anyhow::{Context, Result};
use clap::Parser;
use gleaner_server::Limits;

#[derive(Debug, Parser)]
#[command(name = "gleaner-server", version, about = "Gleaner's extraction engine over HTTP", max_term_width = 110)]
struct Args {
    /// Address to listen on (port 0: any free port; the log says which).
    #[arg(long, env = "GLEANER_ADDR", default_value = "127.0.0.1:8080")]
    addr: SocketAddr,
    /// Largest request body (bytes; k, M, G suffixes are KiB, MiB, GiB).
    #[arg(long, env = "GLEANER_MAX_BODY", default_value = "16M", value_parser = size)]
    max_body: usize,
    /// Largest document text (bytes; k, M, G suffixes).
    #[arg(long, env = "GLEANER_MAX_DOC", default_value = "4M", value_parser = size)]
    max_doc: usize,
    /// Most documents in one batch.
    #[arg(long, env = "GLEANER_MAX_BATCH", default_value_t = 10_000)]
    max_batch: usize,
    /// Extractions running at once [default: the number of cores].
    #[arg(long, env = "GLEANER_CONCURRENCY")]
    concurrency: Option<usize>,
    /// Requests that may wait for a turn; more are refused with 503 and Retry-After.
    #[arg(long, env = "GLEANER_QUEUE", default_value_t = 64)]
    queue: usize,
    /// Time to wait for a turn and extract, once the body has arrived (e.g. 30s, 500ms); the extraction stops
    /// when it passes.
    #[arg(long, env = "GLEANER_TIMEOUT", default_value = "30s", value_parser = duration)]
    timeout: Duration,
    /// Time to upload a request body (against slow clients).
    #[arg(long, env = "GLEANER_BODY_TIMEOUT", default_value = "30s", value_parser = duration)]
    body_timeout: Duration,
    /// Time to send the request line and headers, and to keep an idle connection (against slow-loris clients).
    #[arg(long, env = "GLEANER_HEADER_TIMEOUT", default_value = "10s", value_parser = duration)]
    header_timeout: Duration,
    /// Connections open at once; more wait in the listen backlog.
    #[arg(long, env = "GLEANER_MAX_CONNECTIONS", default_value_t = 1024)]
    max_connections: usize,
}

fn size(s: &str) -> Result<usize> {
    let s = s.trim();
    let (digits, shift) = match s.char_indices().last() {
        Some((i, 'k' | 'K')) => (&s[..i], 10),
        Some((i, 'm' | 'M')) => (&s[..i], 20),
        Some((i, 'g' | 'G')) => (&s[..i], 30),
        _ => (s, 0),
    };
    let n: usize = digits.trim().parse().with_context(|| format!("{s:?} is not a size"))?;
    n.checked_mul(1 << shift).with_context(|| format!("{s} is too large"))
}

/// A duration in jiff's friendly format (`30s`, `500ms`, `2m`, `1.5s`) or ISO 8601 (`PT30S`).
fn duration(s: &str) -> Result<Duration> {
    let d: jiff::SignedDuration = s.trim().parse().with_context(|| format!("{s:?} is not a duration"))?;
    Duration::try_from(d).with_context(|| format!("{s:?} is negative"))
}

#[tokio::main]
async fn main() -> Result<()> {
    let args = Args::parse();
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info")),
        )
        .with_ansi(std::io::stderr().is_terminal())
        .with_writer(std::io::stderr)
        .init();
    let limits = Limits {
        max_body: args.max_body,
        max_doc: args.max_doc,
        max_batch: args.max_batch,
        concurrency: args.concurrency.unwrap_or(Limits::default().concurrency),
        queue: args.queue,
        timeout: args.timeout,
        body_timeout: args.body_timeout,
        header_timeout: args.header_timeout,
        max_connections: args.max_connections,
    };
    tracing::info!(?limits, "starting");
    // Decode the embedded resources now, once: a broken build fails here, and the first requests do not wait.
    let started = std::time::Instant::now();
    gleaner_core::Extractor::new(gleaner_core::Config::default()).context("cannot load the embedded resources")?;
    tracing::info!("resources loaded in {} ms", started.elapsed().as_millis());
    let listener =
        tokio::net::TcpListener::bind(args.addr).await.with_context(|| format!("cannot listen on {}", args.addr))?;
    let addr = listener.local_addr()?;
    tracing::info!("listening on http://{addr}");
    gleaner_server::serve(listener, limits, shutdown()).await?;
    tracing::info!("stopped");
    Ok(())
}

/// Resolves on SIGINT or SIGTERM.
async fn shutdown() {
    let interrupt = async {
        if let Err(e) = tokio::signal::ctrl_c().await {
            tracing::error!("cannot listen for SIGINT: {e}");
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(e) => {
                tracing::error!("cannot listen for SIGTERM: {e}");
                std::future::pending::<()>().await;
            }
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = interrupt => {}
        () = terminate => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_and_durations() {
        assert_eq!(size("16M").ok(), Some(16 << 20));
        assert_eq!(size("512").ok(), Some(512));
        assert!(size("x").is_err());
        assert_eq!(duration("500ms").ok(), Some(Duration::from_millis(500)));
        assert_eq!(duration("1.5s").ok(), Some(Duration::from_millis(1500)));
        assert_eq!(duration("2m").ok(), Some(Duration::from_secs(120)));
        assert!(duration("-1s").is_err());
        assert!(duration("soon").is_err());
    }
}
