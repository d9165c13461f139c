//! `cargo xtask loadtest`: a release `gleaner-server` on a loopback port under `POST /v1/extract` from 1, 8 and
//! 32 concurrent keep-alive clients sending the documents of a corpus, then once more past its queue. Prints
//! throughput, p50 / p99 latency, the statuses seen and the server's memory, as a Markdown table.
//!
//! Bounded in count and time (`--requests` per level, `--seconds` per level), and only ever aimed at 127.0.0.1.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};

/// Options of `cargo xtask loadtest`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The corpus whose documents are sent (JSON lines with `text`), relative to the workspace root.
    #[arg(long, default_value = "../shared/corpora/bbc_fulltext.jsonl", value_name = "FILE")]
    corpus: PathBuf,
    /// Concurrent clients of each level.
    #[arg(long, value_delimiter = ',', default_value = "1,8,32")]
    clients: Vec<usize>,
    /// Requests of each level (at most).
    #[arg(long, default_value_t = 20_000)]
    requests: usize,
    /// Seconds of each level (at most).
    #[arg(long, default_value_t = 30)]
    seconds: u64,
    /// The server's --concurrency [default: its own, the number of cores].
    #[arg(long)]
    concurrency: Option<usize>,
    /// The server's --queue for the overload level (the last one, with the most clients).
    #[arg(long, default_value_t = 4)]
    overload_queue: usize,
}

/// One request's outcome.
#[derive(Debug, Clone, Copy)]
struct Sample {
    status: u16,
    latency: Duration,
    /// A 503 that came with Retry-After and the `overloaded` code.
    clean_refusal: bool,
}

/// Runs the load test.
pub fn loadtest(root: &Path, args: &Args) -> Result<()> {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    crate::run(&cargo, &["build", "--release", "--quiet", "--locked", "-p", "gleaner-server"])?;
    let binary = root.join("target/release").join(format!("gleaner-server{}", std::env::consts::EXE_SUFFIX));
    let bodies = Arc::new(bodies(&root.join(&args.corpus))?);
    let mean_kb = bodies.iter().map(Vec::len).sum::<usize>() as f64 / bodies.len().max(1) as f64 / 1e3;
    println!("corpus {} ({} documents, {mean_kb:.1} kB each on average)\n", args.corpus.display(), bodies.len());
    println!(
        "| clients | server queue | requests | seconds | req/s | MB/s | p50 ms | p99 ms | 200 | 503 (clean) | other | RSS MB start → end (peak) |"
    );
    println!("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|");
    let most = args.clients.iter().copied().max().unwrap_or(1);
    let mut levels: Vec<(usize, Option<usize>)> = args.clients.iter().map(|&c| (c, None)).collect();
    levels.push((most, Some(args.overload_queue)));
    let mut server: Option<(Option<usize>, Server)> = None;
    for (clients, queue) in levels {
        if server.as_ref().is_none_or(|(q, _)| *q != queue) {
            // One server at a time: the old one is stopped before the next starts.
            drop(server.take());
            server = Some((queue, Server::start(&binary, args.concurrency, queue)?));
        }
        let Some((_, server)) = &server else { bail!("no server") };
        let before = server.memory()?;
        let started = Instant::now();
        let samples = run_level(server.addr, clients, args.requests, Duration::from_secs(args.seconds), &bodies)?;
        let elapsed = started.elapsed().as_secs_f64();
        let after = server.memory()?;
        let ok: Vec<&Sample> = samples.iter().filter(|s| s.status == 200).collect();
        let refused = samples.iter().filter(|s| s.status == 503).count();
        let clean = samples.iter().filter(|s| s.clean_refusal).count();
        let other = samples.len() - ok.len() - refused;
        let mut latencies: Vec<Duration> = ok.iter().map(|s| s.latency).collect();
        latencies.sort();
        let quantile = |q: f64| {
            latencies
                .get(((latencies.len() as f64 * q).ceil() as usize).saturating_sub(1))
                .map_or(0.0, |d| d.as_secs_f64() * 1e3)
        };
        let bytes: f64 = ok.len() as f64 * mean_kb * 1e3;
        println!(
            "| {clients} | {} | {} | {elapsed:.1} | {:.1} | {:.2} | {:.1} | {:.1} | {} | {refused} ({clean}) | {other} | {:.0} → {:.0} ({:.0}) |",
            queue.map_or("64 (default)".to_string(), |q| q.to_string()),
            samples.len(),
            ok.len() as f64 / elapsed,
            bytes / 1e6 / elapsed,
            quantile(0.5),
            quantile(0.99),
            ok.len(),
            before.1 as f64 / 1024.0,
            after.1 as f64 / 1024.0,
            after.0 as f64 / 1024.0,
        );
    }
    Ok(())
}

/// The request bodies: one `{"id","text"}` per corpus line.
fn bodies(corpus: &Path) -> Result<Vec<Vec<u8>>> {
    let file = std::fs::File::open(corpus).with_context(|| format!("cannot read {}", corpus.display()))?;
    let mut out = Vec::new();
    for line in BufReader::new(file).lines() {
        let record: serde_json::Value = serde_json::from_str(&line?)?;
        let body = serde_json::json!({"id": record["id"], "text": record["text"]});
        out.push(serde_json::to_vec(&body)?);
    }
    if out.is_empty() {
        bail!("{} holds no documents", corpus.display());
    }
    Ok(out)
}

/// `clients` threads, each on its own keep-alive connection, sending until `requests` are sent or `limit` is up.
fn run_level(
    addr: SocketAddr,
    clients: usize,
    requests: usize,
    limit: Duration,
    bodies: &Arc<Vec<Vec<u8>>>,
) -> Result<Vec<Sample>> {
    let next = Arc::new(AtomicUsize::new(0));
    let deadline = Instant::now() + limit;
    let threads: Vec<_> = (0..clients)
        .map(|_| {
            let (next, bodies) = (next.clone(), bodies.clone());
            std::thread::spawn(move || -> Result<Vec<Sample>> {
                let mut samples = Vec::new();
                let mut connection: Option<Connection> = None;
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    if i >= requests || Instant::now() >= deadline {
                        return Ok(samples);
                    }
                    let body = &bodies[i % bodies.len()];
                    let started = Instant::now();
                    let conn = match &mut connection {
                        Some(c) => c,
                        None => connection.insert(Connection::open(addr)?),
                    };
                    let (status, headers, response) = match conn.post("/v1/extract", body) {
                        Ok(r) => r,
                        Err(_) => {
                            // The server closed a kept-alive connection: open a new one and send again.
                            let conn = connection.insert(Connection::open(addr)?);
                            conn.post("/v1/extract", body)?
                        }
                    };
                    let latency = started.elapsed();
                    let clean_refusal = status == 503
                        && headers.contains("retry-after:")
                        && response.windows(12).any(|w| w == b"\"overloaded\"");
                    if headers.contains("connection: close") {
                        connection = None;
                    }
                    samples.push(Sample { status, latency, clean_refusal });
                }
            })
        })
        .collect();
    let mut all = Vec::new();
    for thread in threads {
        all.extend(thread.join().map_err(|_| anyhow::anyhow!("a client thread panicked"))??);
    }
    Ok(all)
}

/// A keep-alive HTTP/1.1 connection.
struct Connection {
    reader: BufReader<TcpStream>,
}

impl Connection {
    fn open(addr: SocketAddr) -> Result<Self> {
        let stream = TcpStream::connect(addr)?;
        stream.set_nodelay(true)?;
        stream.set_read_timeout(Some(Duration::from_secs(120)))?;
        Ok(Connection { reader: BufReader::new(stream) })
    }

    /// Sends a JSON POST; returns the status, the lower-cased head and the body.
    fn post(&mut self, path: &str, body: &[u8]) -> Result<(u16, String, Vec<u8>)> {
        let head = format!(
            "POST {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n",
            body.len()
        );
        let stream = self.reader.get_mut();
        stream.write_all(head.as_bytes())?;
        stream.write_all(body)?;
        let mut head = String::new();
        loop {
            let before = head.len();
            if self.reader.read_line(&mut head)? == 0 {
                bail!("connection closed");
            }
            if head[before..].trim().is_empty() {
                break;
            }
        }
        let head = head.to_ascii_lowercase();
        let status: u16 = head.split_whitespace().nth(1).and_then(|s| s.parse().ok()).context("no status")?;
        let length: usize = head
            .lines()
            .find_map(|l| l.strip_prefix("content-length:"))
            .and_then(|v| v.trim().parse().ok())
            .context("no content-length")?;
        let mut response = vec![0; length];
        self.reader.read_exact(&mut response)?;
        Ok((status, head, response))
    }
}

/// A release server on a loopback port.
struct Server {
    child: Child,
    addr: SocketAddr,
}

impl Server {
    fn start(binary: &Path, concurrency: Option<usize>, queue: Option<usize>) -> Result<Self> {
        let mut command = Command::new(binary);
        command.args(["--addr", "127.0.0.1:0"]).env("RUST_LOG", "warn,gleaner_server=info");
        if let Some(c) = concurrency {
            command.args(["--concurrency", &c.to_string()]);
        }
        if let Some(q) = queue {
            command.args(["--queue", &q.to_string()]);
        }
        let mut child = command.stdout(Stdio::null()).stderr(Stdio::piped()).spawn().context("starting the server")?;
        let stderr = child.stderr.take().context("no stderr")?;
        let mut lines = BufReader::new(stderr).lines();
        let addr = loop {
            let Some(line) = lines.next() else { bail!("the server exited before listening") };
            let line = line?;
            if let Some(at) = line.find("listening on http://") {
                break line[at + 20..].trim().parse().context("the server's address")?;
            }
        };
        // Keep draining its log so that it never blocks on a full pipe.
        std::thread::spawn(move || lines.for_each(drop));
        Ok(Server { child, addr })
    }

    /// Peak and current resident memory in KiB.
    fn memory(&self) -> Result<(u64, u64)> {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.child.id()))?;
        let field = |name: &str| -> Option<u64> {
            status.lines().find(|l| l.starts_with(name))?.split_whitespace().nth(1)?.parse().ok()
        };
        Ok((field("VmHWM:").unwrap_or(0), field("VmRSS:").unwrap_or(0)))
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
