//! `cargo xtask eval html`: the HTML reader on trafilatura's evaluation pages (990 pages, each with snippets
//! that must be in the main text and snippets that must not), scored as trafilatura's tests/eval_common.py
//! scores: whitespace-normalized substring tests, counts summed over the pages, precision, recall, accuracy
//! and F-score. The pages are split in two by a hash of their file name: the development half, whose errors
//! `--errors` writes out, and the half that is only scored. Speed is MB of HTML per CPU-second of the whole
//! reading (decode, parse, main text, metadata), beside trafilatura run on the same pages in the same call.

use std::io::{Read, Write};
use std::path::PathBuf;
use std::process::{Command, Stdio};

use anyhow::{Context, Result, bail};
use serde_json::Value;

use super::ner::thread_cpu_seconds;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// The evaluation set (default: ../shared/data/html/trafilatura-eval).
    #[arg(long)]
    data: Option<PathBuf>,
    /// Write the errors of the development half (missed and leaked snippets, wrong dates) to this file.
    #[arg(long)]
    errors: Option<PathBuf>,
    /// A Python interpreter with trafilatura installed: run it on the same pages, score it and time it.
    #[arg(long)]
    trafilatura: Option<String>,
    /// Keep the table in docs/EVAL.md.
    #[arg(long)]
    write: bool,
    /// Read and score only the development half (the scored half is neither read nor shown): for development.
    #[arg(long, conflicts_with_all = ["write", "trafilatura"])]
    dev: bool,
}

/// Snippet counts as trafilatura's evaluation sums them.
#[derive(Debug, Default, Clone, Copy)]
struct Counts {
    tp: usize,
    fp: usize,
    tn: usize,
    fn_: usize,
}

impl Counts {
    fn add(&mut self, o: Counts) {
        self.tp += o.tp;
        self.fp += o.fp;
        self.tn += o.tn;
        self.fn_ += o.fn_;
    }
    fn row(&self, name: &str) -> String {
        let (tp, fp, tn, fn_) = (self.tp as f64, self.fp as f64, self.tn as f64, self.fn_ as f64);
        format!(
            "| {name} | {:.3} | {:.3} | {:.3} | {:.3} |",
            tp / (tp + fp),
            tp / (tp + fn_),
            (tp + tn) / (tp + tn + fp + fn_),
            2.0 * tp / (2.0 * tp + fp + fn_)
        )
    }
}

fn normalize(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn snippets(page: &Value, key: &str) -> Vec<String> {
    page[key].as_array().map(|a| a.iter().filter_map(Value::as_str).map(normalize).collect()).unwrap_or_default()
}

/// Scores one output; the misses and leaks go to `errors` when given.
fn score(page: &Value, text: &str, errors: Option<&mut Vec<String>>) -> Counts {
    let text = normalize(text);
    let mut c = Counts::default();
    let mut lines = Vec::new();
    for s in snippets(page, "with") {
        if text.contains(&s) {
            c.tp += 1;
        } else {
            c.fn_ += 1;
            lines.push(format!("  missed: {s}"));
        }
    }
    for s in snippets(page, "without") {
        if text.contains(&s) {
            c.fp += 1;
            lines.push(format!("  leaked: {s}"));
        } else {
            c.tn += 1;
        }
    }
    if let Some(errors) = errors
        && !lines.is_empty()
    {
        errors.push(format!("{} {}", page["file"].as_str().unwrap_or(""), page["url"].as_str().unwrap_or("")));
        errors.extend(lines);
    }
    c
}

/// The development half: FNV-1a of the file name is even.
fn is_dev(file: &str) -> bool {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in file.bytes() {
        h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
    }
    h.is_multiple_of(2)
}

fn read_page(dir: &std::path::Path, file: &str) -> Result<Vec<u8>> {
    let path = dir.join("html").join(format!("{file}.gz"));
    let mut bytes = Vec::new();
    flate2::read::GzDecoder::new(std::fs::File::open(&path).with_context(|| format!("opening {}", path.display()))?)
        .read_to_end(&mut bytes)?;
    Ok(bytes)
}

/// Published scores from the set's README (trafilatura's docs/evaluation.rst, 2026-08-04).
const PUBLISHED: &[(&str, [f64; 4])] = &[
    ("trafilatura 2.2.0 (standard)", [0.906, 0.943, 0.923, 0.924]),
    ("readability-lxml 0.8.4.1", [0.898, 0.764, 0.839, 0.826]),
    ("newspaper4k 0.9.6", [0.878, 0.736, 0.817, 0.801]),
];

pub fn run(args: Args) -> Result<()> {
    let dir = args.data.unwrap_or_else(|| crate::shared_data().join("html/trafilatura-eval"));
    let index = std::fs::read_to_string(dir.join("evaldata.jsonl"))
        .with_context(|| format!("reading {}/evaldata.jsonl", dir.display()))?;
    let pages: Vec<Value> = index.lines().map(serde_json::from_str).collect::<Result<_, _>>()?;
    let (mut dev, mut test) = (Counts::default(), Counts::default());
    let mut errors = Vec::new();
    let (mut bytes, mut cpu) = (0usize, 0.0f64);
    // Dates: pages whose annotation states one; found right, found wrong, not found; by source.
    let mut dates: std::collections::BTreeMap<String, (usize, usize)> = Default::default();
    let (mut dated, mut date_right, mut date_missing) = (0usize, 0usize, 0usize);
    for page in &pages {
        let file = page["file"].as_str().unwrap_or_default();
        if args.dev && !is_dev(file) {
            continue;
        }
        let html = read_page(&dir, file)?;
        bytes += html.len();
        let start = thread_cpu_seconds();
        let article = gleaner_html::read(&html, None, page["url"].as_str());
        cpu += thread_cpu_seconds() - start;
        let in_dev = is_dev(file);
        let c = score(page, &article.text, if in_dev { Some(&mut errors) } else { None });
        if in_dev {
            dev.add(c)
        } else {
            test.add(c)
        }
        if let Some(want) = page["meta"]["date"].as_str().and_then(|d| d.get(..10)) {
            dated += 1;
            match &article.meta.published {
                Some(found) => {
                    let right = found.value.date.to_string() == want;
                    let entry = dates.entry(found.source.clone()).or_default();
                    entry.0 += 1;
                    if right {
                        entry.1 += 1;
                        date_right += 1;
                    } else if in_dev {
                        errors.push(format!(
                            "{file}: date {} from {}, annotated {want}",
                            found.value.value, found.source
                        ));
                    }
                }
                None => {
                    date_missing += 1;
                    if in_dev {
                        errors.push(format!("{file}: no date found, annotated {want}"));
                    }
                }
            }
        }
    }
    let mut all = dev;
    all.add(test);
    let mb = bytes as f64 / 1e6;
    let load = std::fs::read_to_string("/proc/loadavg").unwrap_or_default();
    let load = load.split_whitespace().next().unwrap_or("?").to_string();

    let mut out = String::new();
    out.push_str(&format!(
        "`cargo xtask eval html{}` on {} pages of ../shared/data/html/trafilatura-eval ({:.1} MB of HTML), {}, \
         load average {load}, {}.\n\n",
        if args.trafilatura.is_some() { " --trafilatura PY" } else { "" },
        if args.dev {
            pages.iter().filter(|p| is_dev(p["file"].as_str().unwrap_or_default())).count()
        } else {
            pages.len()
        },
        mb,
        super::machine(),
        jiff_today(),
    ));
    out.push_str("| extractor | precision | recall | accuracy | F-score |\n|---|---|---|---|---|\n");
    if !args.dev {
        out.push_str(&all.row("**gleaner-html, all 990 pages**"));
        out.push('\n');
    }
    out.push_str(&dev.row("gleaner-html, development half (errors read)"));
    out.push('\n');
    if !args.dev {
        out.push_str(&test.row("gleaner-html, scored half (errors never read)"));
        out.push('\n');
    }
    let mut speed = format!("gleaner-html: {:.1} MB/s per core ({cpu:.2} CPU s)", mb / cpu);
    if let Some(py) = &args.trafilatura {
        let (counts, tcpu, tbytes) = trafilatura(py, &dir, &pages, &index)?;
        out.push_str(&counts.row("trafilatura (same run, reference settings)"));
        out.push('\n');
        let tmb = tbytes as f64 / 1e6;
        speed.push_str(&format!(
            "; trafilatura: {:.2} MB/s per core ({tcpu:.1} CPU s); ratio {:.1}x",
            tmb / tcpu,
            (mb / cpu) / (tmb / tcpu)
        ));
    }
    for (name, [p, r, a, f]) in PUBLISHED {
        out.push_str(&format!("| {name}, published | {p:.3} | {r:.3} | {a:.3} | {f:.3} |\n"));
    }
    out.push_str(&format!("\nSpeed (CPU time of the reading alone, one thread): {speed}.\n\n"));
    out.push_str(&format!(
        "Publication dates on the {dated} pages whose annotation states one: {date_right} right ({:.1} %), \
         {} wrong, {date_missing} not found.\n\n| source | found | right |\n|---|---|---|\n",
        100.0 * date_right as f64 / dated.max(1) as f64,
        dated - date_right - date_missing
    ));
    for (source, (found, right)) in &dates {
        out.push_str(&format!("| {source} | {found} | {right} ({:.0} %) |\n", 100.0 * *right as f64 / *found as f64));
    }
    print!("{out}");
    if let Some(path) = args.errors {
        std::fs::write(&path, errors.join("\n") + "\n").with_context(|| format!("writing {}", path.display()))?;
    }
    if args.write {
        super::write_section("## HTML: main text and dates (trafilatura's evaluation pages)", &out)?;
    }
    Ok(())
}

fn jiff_today() -> String {
    Command::new("date")
        .arg("+%Y-%m-%d")
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
        .unwrap_or_default()
}

/// Runs xtask/scripts/trafilatura_eval.py and scores what it wrote.
fn trafilatura(py: &str, dir: &std::path::Path, pages: &[Value], index: &str) -> Result<(Counts, f64, usize)> {
    let script = crate::root().join("xtask/scripts/trafilatura_eval.py");
    let mut child = Command::new(py)
        .arg(&script)
        .arg(dir.join("html"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .with_context(|| format!("starting {py}"))?;
    let mut stdin = child.stdin.take().context("stdin")?;
    let index = index.to_string();
    let writer = std::thread::spawn(move || stdin.write_all(index.as_bytes()));
    let output = child.wait_with_output()?;
    writer.join().map_err(|_| anyhow::anyhow!("writer thread"))??;
    if !output.status.success() {
        bail!("{py} {} failed: {}", script.display(), output.status);
    }
    let text = String::from_utf8(output.stdout)?;
    let lines: Vec<Value> = text.lines().map(serde_json::from_str).collect::<Result<_, _>>()?;
    let Some((last, rows)) = lines.split_last() else { bail!("trafilatura wrote nothing") };
    let mut counts = Counts::default();
    for (page, row) in pages.iter().zip(rows) {
        counts.add(score(page, row["text"].as_str().unwrap_or(""), None));
    }
    Ok((counts, last["cpu_seconds"].as_f64().unwrap_or(f64::NAN), last["bytes"].as_u64().unwrap_or(0) as usize))
}
