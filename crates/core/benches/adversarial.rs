//! Hostile input: the time of one document of each adversarial shape (one name repeated, a list of dates, one
//! sentence without punctuation, one giant token, …) against ordinary news of the same number of words, and how
//! long after a deadline `Extractor::extract_until` gives its thread back.
//!
//!     cargo bench -p gleaner-core --bench adversarial                     # 10k, 100k and 1M words, every shape
//!     cargo bench -p gleaner-core --bench adversarial -- --sizes 100k --shapes news,dates --runs 3
//!     cargo bench -p gleaner-core --bench adversarial -- --deadline 1s    # each shape at the server's 4 MiB limit
//!
//! It prints Markdown tables (docs/BENCH.md keeps one). Ordinary news is the BBC articles of
//! `../shared/corpora/bbc_fulltext.jsonl` joined into one document (copies of the seed article without it).
#![allow(missing_docs)]

mod corpus;

use std::time::{Duration, Instant};

use gleaner_core::{Config, Document, Error, Extractor};

/// An adversarial shape: its name, what it is, and a generator of about `words` words of it.
struct Shape {
    name: &'static str,
    what: &'static str,
    make: fn(&str, usize) -> String,
}

const SHAPES: &[Shape] = &[
    Shape { name: "news", what: "ordinary news: BBC articles joined (the reference)", make: news },
    Shape { name: "upper", what: "the same, in capitals", make: |n, w| news(n, w).to_uppercase() },
    Shape { name: "title", what: "the same, every word capitalized", make: |n, w| title_case(&news(n, w)) },
    Shape { name: "nopunct", what: "the same as one sentence: no . ! ? nor line breaks", make: no_punctuation },
    Shape { name: "one-name", what: "`Iraq ` repeated", make: |_, w| repeat("Iraq ", w) },
    Shape { name: "few-names", what: "`Iraq Iran Syria Israel Egypt ` repeated", make: |_, w| few_names(w) },
    Shape { name: "quotes", what: "`\"Yes,\" he said. ` repeated", make: |_, w| repeat("\"Yes,\" he said. ", w) },
    Shape { name: "nested-quotes", what: "nested and unbalanced quotation marks", make: |_, w| nested_quotes(w) },
    Shape { name: "numbers", what: "a list of numbers, amounts and percentages", make: |_, w| numbers(w) },
    Shape { name: "dates", what: "`on N March 2023, ` with N counting up", make: |_, w| dates(w) },
    Shape {
        name: "distinct-names",
        what: "`Mr SmithN met President JonesN in Paris. ` with N counting up",
        make: |_, w| distinct_names(w),
    },
    Shape { name: "name-list", what: "a comma list of distinct made-up names", make: |_, w| name_list(w) },
    Shape {
        name: "descriptions",
        what: "names, then `the minister`, `the bank` pointing back at them",
        make: |_, w| descriptions(w),
    },
    Shape { name: "giant-token", what: "one token of 6 bytes per word", make: |_, w| "x".repeat(6 * w) },
    Shape { name: "markup", what: "deep markup-like punctuation", make: |_, w| markup(w) },
    Shape { name: "mixed-scripts", what: "Cyrillic, Han, Arabic, Devanagari, emoji, combining marks", make: mixed },
];

fn news(news: &str, words: usize) -> String {
    let mut out = String::with_capacity(words * 7);
    let mut n = 0;
    while n < words {
        for paragraph in news.split("\n\n") {
            if n >= words {
                break;
            }
            if !out.is_empty() {
                out.push_str("\n\n");
            }
            out.push_str(paragraph);
            n += paragraph.split_whitespace().count();
        }
    }
    out
}

fn title_case(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut start = true;
    for c in text.chars() {
        if start && c.is_alphabetic() {
            out.extend(c.to_uppercase());
        } else {
            out.extend(c.to_lowercase());
        }
        start = !c.is_alphabetic();
    }
    out
}

fn no_punctuation(text: &str, words: usize) -> String {
    news(text, words)
        .chars()
        .filter(|c| !matches!(c, '.' | '!' | '?'))
        .map(|c| if c == '\n' { ' ' } else { c })
        .collect()
}

/// `unit` repeated to about `words` words.
fn repeat(unit: &str, words: usize) -> String {
    unit.repeat(words.div_ceil(unit.split_whitespace().count().max(1)))
}

fn few_names(words: usize) -> String {
    repeat("Iraq Iran Syria Israel Egypt ", words)
}

fn nested_quotes(words: usize) -> String {
    repeat("\"He said \"she said 'they said \"no' and « yes \" ” “ ‘ ", words)
}

fn numbers(words: usize) -> String {
    (0..words)
        .map(|i| match i % 5 {
            0 => format!("{},{:03} ", i / 1000, i % 1000),
            1 => format!("{i}.5 "),
            2 => format!("{i}% "),
            3 => format!("${i}bn "),
            _ => format!("{i} troops "),
        })
        .collect()
}

fn dates(words: usize) -> String {
    (0..words / 4).map(|i| format!("on {i} March 2023, ")).collect()
}

fn distinct_names(words: usize) -> String {
    (0..words / 7).map(|i| format!("Mr Smith{i} met President Jones{i} in Paris. ")).collect()
}

/// A made-up name from syllables: distinct for each `i`.
fn made_up(mut i: usize) -> String {
    const SYLLABLES: [&str; 16] =
        ["ba", "ko", "ri", "ne", "mu", "ta", "lo", "vi", "sa", "de", "zu", "ga", "pe", "hi", "fo", "ly"];
    let mut name = String::new();
    loop {
        name.push_str(SYLLABLES[i % 16]);
        i /= 16;
        if i == 0 {
            break;
        }
    }
    let mut chars = name.chars();
    chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

fn name_list(words: usize) -> String {
    (0..words / 2).map(|i| format!("{} {}, ", made_up(i), made_up(i * 7 + 3))).collect()
}

fn descriptions(words: usize) -> String {
    (0..words / 20)
        .map(|i| {
            format!("Mr Smith{i}, the minister, met Acme{i} Bank. The Iranian minister said the bank and the minister would go. ")
        })
        .collect()
}

fn markup(words: usize) -> String {
    repeat("<div class=\"a\"><p>((([[{{Iran}}]])))</p></div> <<<>>> ((( [[[ ", words)
}

fn mixed(_: &str, words: usize) -> String {
    repeat("Москва e\u{301}te\u{301} 北京市 العربية Z\u{335}\u{321}a\u{336}l\u{334}go\u{301} Ελλάδα हिन्दी 😀👍🏽 ", words)
}

/// The command line: `--sizes 10k,100k,1M`, `--shapes a,b`, `--runs N`, `--deadline 1s` (other arguments, such
/// as the `--bench` cargo passes, are ignored).
struct Args {
    sizes: Vec<usize>,
    shapes: Option<Vec<String>>,
    runs: usize,
    deadline: Option<Duration>,
}

fn args() -> Args {
    let mut args = Args { sizes: vec![10_000, 100_000, 1_000_000], shapes: None, runs: 1, deadline: None };
    let mut it = std::env::args().skip(1);
    while let Some(arg) = it.next() {
        let mut value = || it.next().unwrap_or_default();
        match arg.as_str() {
            "--sizes" => args.sizes = value().split(',').filter_map(count).collect(),
            "--shapes" => args.shapes = Some(value().split(',').map(str::to_string).collect()),
            "--runs" => args.runs = value().parse().unwrap_or(1).max(1),
            "--deadline" => args.deadline = Some(seconds(&value())),
            _ => {}
        }
    }
    args
}

/// "10k" → 10,000; "1M" → 1,000,000.
fn count(s: &str) -> Option<usize> {
    let (digits, scale) = match s.trim().char_indices().last()? {
        (i, 'k' | 'K') => (&s[..i], 1_000),
        (i, 'm' | 'M') => (&s[..i], 1_000_000),
        _ => (s, 1),
    };
    digits.parse::<usize>().ok().map(|n| n * scale)
}

/// "1s", "500ms" → a duration.
fn seconds(s: &str) -> Duration {
    match s.strip_suffix("ms") {
        Some(ms) => Duration::from_millis(ms.parse().unwrap_or(1000)),
        None => Duration::from_secs_f64(s.trim_end_matches('s').parse().unwrap_or(1.0)),
    }
}

fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .map(|l| l.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_else(|_| "?".into())
}

fn label(words: usize) -> String {
    match words {
        w if w >= 1_000_000 && w % 1_000_000 == 0 => format!("{}M", w / 1_000_000),
        w if w >= 1_000 && w % 1_000 == 0 => format!("{}k", w / 1_000),
        w => w.to_string(),
    }
}

/// Seconds this thread has run on a CPU (Linux: /proc/thread-self/schedstat), which a busy machine disturbs less
/// than the wall clock.
fn cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    Some(stat.split_whitespace().next()?.parse::<f64>().ok()? / 1e9)
}

/// Wall and CPU seconds of one extraction of `doc` (the median run of `runs`, by CPU time where it is known).
fn time(extractor: &Extractor, doc: &Document, runs: usize) -> (f64, Option<f64>) {
    let mut times: Vec<(f64, Option<f64>)> = (0..runs)
        .map(|_| {
            let (start, cpu) = (Instant::now(), cpu_seconds());
            let out = extractor.extract(doc).expect("extracts");
            std::hint::black_box(out.stats.tokens);
            (start.elapsed().as_secs_f64(), cpu.zip(cpu_seconds()).map(|(a, b)| b - a))
        })
        .collect();
    times.sort_by(|a, b| a.1.unwrap_or(a.0).total_cmp(&b.1.unwrap_or(b.0)));
    times[times.len() / 2]
}

fn main() {
    let args = args();
    let reference = corpus::articles("bbc_fulltext.jsonl", 2_225, 50).join("\n\n");
    let shapes: Vec<&Shape> =
        SHAPES.iter().filter(|s| args.shapes.as_ref().is_none_or(|want| want.iter().any(|w| w == s.name))).collect();
    let mut config = Config::default();
    config.max_bytes = usize::MAX;
    let extractor = Extractor::new(config).expect("resources load");
    println!("load average before: {}", load_average());
    match args.deadline {
        Some(deadline) => overruns(&extractor, &reference, &shapes, deadline),
        None => throughput(&extractor, &reference, &shapes, &args),
    }
    println!("load average after: {}", load_average());
}

/// Words per second of each shape and size, and its time against news of the same number of words (CPU seconds
/// where the platform gives them, else wall seconds).
fn throughput(extractor: &Extractor, reference: &str, shapes: &[&Shape], args: &Args) {
    println!("\n| shape | words | MB | wall s | CPU s | words/s (CPU) | × news |\n|---|---:|---:|---:|---:|---:|---:|");
    for &words in &args.sizes {
        let news_time = time(extractor, &Document::new(news(reference, words)), args.runs);
        for shape in shapes {
            let text = (shape.make)(reference, words);
            let (wall, cpu) =
                if shape.name == "news" { news_time } else { time(extractor, &Document::new(text.clone()), args.runs) };
            let seconds = cpu.unwrap_or(wall);
            println!(
                "| {} | {} | {:.1} | {wall:.2} | {} | {:.0} | {:.2} |",
                shape.name,
                label(words),
                text.len() as f64 / 1e6,
                cpu.map_or("-".into(), |c| format!("{c:.2}")),
                words as f64 / seconds,
                seconds / news_time.1.unwrap_or(news_time.0)
            );
        }
    }
    println!();
    for shape in shapes {
        println!("- `{}`: {}", shape.name, shape.what);
    }
}

/// How long after `deadline` each shape, cut to the server's default document limit (4 MiB), gives its thread
/// back.
fn overruns(extractor: &Extractor, reference: &str, shapes: &[&Shape], deadline: Duration) {
    const LIMIT: usize = 4 << 20;
    println!("\n| shape | MB | deadline s | returned after s | overrun s | outcome |\n|---|---:|---:|---:|---:|---|");
    for shape in shapes {
        let mut text = (shape.make)(reference, LIMIT / 4);
        let mut cut = LIMIT.min(text.len());
        while !text.is_char_boundary(cut) {
            cut -= 1;
        }
        text.truncate(cut);
        let doc = Document::new(text);
        let start = Instant::now();
        let outcome = match extractor.extract_until(&doc, start + deadline) {
            Ok(_) => "finished".to_string(),
            Err(Error::DeadlinePassed { stage }) => format!("stopped in {stage}"),
            Err(e) => format!("error: {e}"),
        };
        let took = start.elapsed().as_secs_f64();
        println!(
            "| {} | {:.1} | {:.2} | {took:.2} | {:.2} | {outcome} |",
            shape.name,
            doc.text.len() as f64 / 1e6,
            deadline.as_secs_f64(),
            (took - deadline.as_secs_f64()).max(0.0)
        );
    }
}
