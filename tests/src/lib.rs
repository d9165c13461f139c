//! Support for the end-to-end tests of `gleaner` and `gleaner-server`: the binaries under test (built on first
//! use, so the tests never run stale ones), scratch directories, a server on a loopback port and a minimal HTTP
//! client that can also misbehave (send half a body, stall).
#![allow(clippy::unwrap_used)]

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, OnceLock};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

/// The directory holding the built binaries: `GLEANER_BIN_DIR` when set, else the target directory of this
/// test's own profile after `cargo build --workspace --bins --tests` (a no-op when they are fresh). Building the
/// tests too makes cargo resolve features as `cargo test --workspace` does, so the dependencies the test run
/// compiled are reused and only the two binaries are linked.
pub fn bin_dir() -> &'static Path {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        if let Some(dir) = std::env::var_os("GLEANER_BIN_DIR") {
            return PathBuf::from(dir);
        }
        // This test runs as target/<profile>/deps/e2e-<hash>.
        let exe = std::env::current_exe().unwrap();
        let profile_dir = exe.parent().and_then(Path::parent).unwrap().to_path_buf();
        let target_dir = profile_dir.parent().unwrap();
        let profile = match profile_dir.file_name().and_then(|n| n.to_str()).unwrap() {
            "debug" => "dev".to_string(),
            other => other.to_string(),
        };
        let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
        let workspace = Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap();
        let status = Command::new(cargo)
            .args(["build", "--quiet", "--workspace", "--bins", "--tests", "--profile", &profile])
            .env("CARGO_TARGET_DIR", target_dir)
            .current_dir(workspace)
            .status()
            .unwrap();
        assert!(status.success(), "building the binaries failed: {status}");
        profile_dir
    })
}

/// The path of binary `name`.
pub fn binary(name: &str) -> PathBuf {
    bin_dir().join(format!("{name}{}", std::env::consts::EXE_SUFFIX))
}

/// A fresh scratch directory under the target directory, removed when dropped unless the test is failing
/// (then it stays for inspection).
pub fn scratch(name: &str) -> Scratch {
    static RUN: AtomicUsize = AtomicUsize::new(0);
    let dir = bin_dir().join("e2e-scratch").join(format!(
        "{name}-{}-{}",
        std::process::id(),
        RUN.fetch_add(1, Ordering::Relaxed)
    ));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    Scratch(dir)
}

/// A scratch directory (see `scratch`).
#[derive(Debug)]
pub struct Scratch(PathBuf);

impl std::ops::Deref for Scratch {
    type Target = Path;

    fn deref(&self) -> &Path {
        &self.0
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        if !std::thread::panicking() {
            let _ = std::fs::remove_dir_all(&self.0);
        }
    }
}

/// What a finished command printed and how it ended.
#[derive(Debug)]
pub struct Output {
    /// Exit code (`None` when killed by a signal).
    pub code: Option<i32>,
    /// Standard output.
    pub stdout: String,
    /// Standard error.
    pub stderr: String,
}

impl Output {
    /// The stdout lines parsed as JSON.
    pub fn records(&self) -> Vec<serde_json::Value> {
        self.stdout.lines().map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("not JSON ({e}): {l}"))).collect()
    }
}

/// Runs `gleaner ARGS` in `dir` with `stdin` as its input.
pub fn gleaner(dir: &Path, args: &[&str], stdin: &[u8]) -> Output {
    let mut child = Command::new(binary("gleaner"))
        .args(args)
        .current_dir(dir)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut input = child.stdin.take().unwrap();
    let stdin = stdin.to_vec();
    let writer = std::thread::spawn(move || {
        let _ = input.write_all(&stdin);
    });
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap();
    Output {
        code: out.status.code(),
        stdout: String::from_utf8(out.stdout).unwrap(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// A `gleaner-server` on a loopback port, stopped with SIGTERM (or killed) when dropped.
#[derive(Debug)]
pub struct Server {
    child: Option<Child>,
    /// Where it listens.
    pub addr: SocketAddr,
    lines: Arc<Mutex<Vec<String>>>,
    reader: Option<JoinHandle<()>>,
}

/// How a server ended.
#[derive(Debug)]
pub struct Stopped {
    /// Its exit status.
    pub status: ExitStatus,
    /// Everything it logged.
    pub log: Vec<String>,
}

impl Server {
    /// Starts the server with `args` (plus `--addr 127.0.0.1:0`) and waits until it listens.
    pub fn start(args: &[&str]) -> Server {
        let mut child = Command::new(binary("gleaner-server"))
            .args(["--addr", "127.0.0.1:0"])
            .args(args)
            .env("RUST_LOG", "debug,hyper=info,hyper_util=info")
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let stderr = child.stderr.take().unwrap();
        let lines = Arc::new(Mutex::new(Vec::new()));
        let all = lines.clone();
        let reader = std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                all.lock().unwrap().push(line);
            }
        });
        let addr = "127.0.0.1:0".parse().unwrap();
        let mut server = Server { child: Some(child), addr, lines, reader: Some(reader) };
        let line = server.wait_for("listening on http://");
        let addr = line.rsplit("http://").next().unwrap().trim();
        server.addr = addr.parse().unwrap_or_else(|e| panic!("{e}: {line}"));
        server
    }

    /// Waits (up to a minute) until the server has logged `n` lines containing `needle`; returns the last.
    pub fn wait_for_count(&self, needle: &str, n: usize) -> String {
        let deadline = Instant::now() + Duration::from_secs(60);
        loop {
            let found: Vec<String> = self.log().into_iter().filter(|l| l.contains(needle)).collect();
            if found.len() >= n {
                return found[n - 1].clone();
            }
            assert!(Instant::now() < deadline, "no {n} log lines with {needle:?}; log: {:?}", self.log());
            std::thread::sleep(Duration::from_millis(5));
        }
    }

    /// Waits (up to a minute) for the first log line containing `needle` and returns it.
    pub fn wait_for(&self, needle: &str) -> String {
        self.wait_for_count(needle, 1)
    }

    /// How many log lines so far contain `needle`.
    pub fn count(&self, needle: &str) -> usize {
        self.log().iter().filter(|l| l.contains(needle)).count()
    }

    /// Every line logged so far.
    pub fn log(&self) -> Vec<String> {
        self.lines.lock().unwrap().clone()
    }

    /// Sends `request` and reads the whole response.
    pub fn send(&self, request: &Request<'_>) -> Response {
        let mut stream = self.connect();
        stream.write_all(&request.head(request.body.len())).unwrap();
        // The server may answer (413) before it has read everything: a failed write is not the test's failure.
        let _ = stream.write_all(request.body);
        read_response(&mut stream)
    }

    /// A connection to the server.
    pub fn connect(&self) -> TcpStream {
        let stream = TcpStream::connect(self.addr).unwrap();
        stream.set_read_timeout(Some(Duration::from_secs(120))).unwrap();
        stream
    }

    /// The server's peak and current resident memory in KiB (VmHWM, VmRSS), on Linux.
    pub fn memory_kib(&self) -> Option<(u64, u64)> {
        let pid = self.child.as_ref()?.id();
        let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
        let field =
            |name: &str| status.lines().find(|l| l.starts_with(name))?.split_whitespace().nth(1)?.parse::<u64>().ok();
        Some((field("VmHWM:")?, field("VmRSS:")?))
    }

    /// Sends SIGTERM (the server stops accepting and finishes what is in flight).
    pub fn terminate(&self) {
        let child = self.child.as_ref().unwrap();
        let status = Command::new("kill").args(["-TERM", &child.id().to_string()]).status().unwrap();
        assert!(status.success());
    }

    /// Sends SIGTERM and waits for the server to exit.
    pub fn stop(mut self) -> Stopped {
        self.terminate();
        let status = self.child.take().unwrap().wait().unwrap();
        if let Some(reader) = self.reader.take() {
            reader.join().unwrap();
        }
        Stopped { status, log: self.log() }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}

/// An HTTP request to send.
#[derive(Debug, Clone, Copy)]
pub struct Request<'a> {
    /// GET, POST …
    pub method: &'a str,
    /// Path and query.
    pub path: &'a str,
    /// The Content-Type header, if any.
    pub content_type: Option<&'a str>,
    /// The body.
    pub body: &'a [u8],
}

impl<'a> Request<'a> {
    /// `GET path`.
    pub fn get(path: &'a str) -> Self {
        Request { method: "GET", path, content_type: None, body: b"" }
    }

    /// `POST path` with a JSON body.
    pub fn post_json(path: &'a str, body: &'a [u8]) -> Self {
        Request { method: "POST", path, content_type: Some("application/json"), body }
    }

    /// The request line and headers, announcing a body of `length` bytes.
    pub fn head(&self, length: usize) -> Vec<u8> {
        let mut head = format!("{} {} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n", self.method, self.path);
        if let Some(content_type) = self.content_type {
            head.push_str(&format!("Content-Type: {content_type}\r\n"));
        }
        head.push_str(&format!("Content-Length: {length}\r\n\r\n"));
        head.into_bytes()
    }
}

/// A response.
#[derive(Debug)]
pub struct Response {
    /// Status code.
    pub status: u16,
    /// Headers, names lower-cased.
    pub headers: Vec<(String, String)>,
    /// The body.
    pub body: Vec<u8>,
}

impl Response {
    /// The body as JSON.
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_slice(&self.body)
            .unwrap_or_else(|e| panic!("not JSON ({e}): {}", String::from_utf8_lossy(&self.body)))
    }

    /// A header's value.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str())
    }

    /// The `error.code` of a JSON error body.
    pub fn error_code(&self) -> String {
        self.json()["error"]["code"].as_str().unwrap_or("").to_string()
    }
}

/// Reads a response sent with `Connection: close` (fixed length or chunked).
pub fn read_response(stream: &mut TcpStream) -> Response {
    let mut raw = Vec::new();
    let _ = stream.read_to_end(&mut raw);
    let split = raw.windows(4).position(|w| w == b"\r\n\r\n").unwrap_or_else(|| {
        panic!("no complete response: {:?}", String::from_utf8_lossy(&raw));
    });
    let head = String::from_utf8_lossy(&raw[..split]).into_owned();
    let mut lines = head.split("\r\n");
    let status = lines.next().and_then(|l| l.split(' ').nth(1)).and_then(|s| s.parse().ok()).unwrap();
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(n, v)| (n.trim().to_ascii_lowercase(), v.trim().to_string()))
        .collect();
    let mut body = raw[split + 4..].to_vec();
    if headers.iter().any(|(n, v)| n == "transfer-encoding" && v.contains("chunked")) {
        body = dechunk(&body);
    }
    Response { status, headers, body }
}

fn dechunk(mut data: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    while let Some(end) = data.windows(2).position(|w| w == b"\r\n") {
        let size = usize::from_str_radix(String::from_utf8_lossy(&data[..end]).trim(), 16).unwrap_or(0);
        if size == 0 {
            break;
        }
        out.extend_from_slice(&data[end + 2..end + 2 + size]);
        data = &data[end + 2 + size + 2..];
    }
    out
}
