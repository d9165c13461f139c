//! `cargo xtask eval time`: the time stage against TimeBank + AQUAINT (TempEval-3's TBAQ-cleaned training data),
//! scored as TempEval-3 scores temporal expressions.
//!
//! Each `.tml` document is turned back into plain text (tags removed, entities decoded) with its gold TIMEX3s as
//! character spans; the document's creation time (DCT) is passed as `published`, the anchor of relative
//! expressions. The DCT itself lies outside `<TEXT>` and is not scored.
//!
//! Definitions (UzZaman et al. 2013, TempEval-3): a system expression matches a gold one *strictly* when the
//! extents are equal and *relaxed* when they overlap; each expression matches at most one. Precision = matched /
//! system, recall = matched / gold. Value (and type) accuracy = correct values / relaxed matches; value F1 uses
//! P = correct / system and R = correct / gold, which equals accuracy × relaxed F1.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use gleaner_core::model::TimeKind;
use gleaner_core::{Config, Document, Extractor};

/// A temporal expression with its character span.
#[derive(Debug, Clone)]
struct Timex {
    start: usize,
    end: usize,
    kind: String,
    value: String,
}

/// A gold document: plain text, creation time, gold expressions.
struct GoldDoc {
    name: String,
    /// The part of the set it belongs to (its folder: TimeBank or AQUAINT).
    part: String,
    text: String,
    dct: String,
    timexes: Vec<Timex>,
}

/// Counts for one slice of the table (all, or one TIMEX3 type).
#[derive(Debug, Default, Clone, Copy)]
struct Counts {
    gold: usize,
    system: usize,
    strict: usize,
    relaxed_gold: usize,
    relaxed_system: usize,
    value_ok: usize,
    type_ok: usize,
}

impl Counts {
    fn add(&mut self, other: &Counts) {
        self.gold += other.gold;
        self.system += other.system;
        self.strict += other.strict;
        self.relaxed_gold += other.relaxed_gold;
        self.relaxed_system += other.relaxed_system;
        self.value_ok += other.value_ok;
        self.type_ok += other.type_ok;
    }
}

fn f1(p: f64, r: f64) -> f64 {
    if p + r == 0.0 { 0.0 } else { 2.0 * p * r / (p + r) }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 { 0.0 } else { a as f64 / b as f64 }
}

/// Runs the evaluation; `errors` gets every miss, spurious expression and wrong value, for development.
pub fn run(data: Option<PathBuf>, errors: Option<PathBuf>) -> Result<String> {
    let dir = data.unwrap_or_else(|| crate::root().join("../shared/data/timebank"));
    let docs = load(&dir)?;
    if docs.is_empty() {
        bail!("no .tml documents under {}", dir.display());
    }
    let extractor = Extractor::new(Config::default())?;
    let mut all = Counts::default();
    let mut by_type: BTreeMap<String, Counts> = BTreeMap::new();
    let mut by_part: BTreeMap<String, Counts> = BTreeMap::new();
    let mut log = String::new();
    let started = std::time::Instant::now();
    let mut chars = 0;
    for doc in &docs {
        chars += doc.text.len();
        let out = extractor
            .extract(&Document { published: Some(doc.dct.clone()), ..Document::new(doc.text.clone()) })
            .with_context(|| format!("extracting {}", doc.name))?;
        let system: Vec<Timex> = out
            .times
            .iter()
            .map(|t| Timex { start: t.start, end: t.end, kind: kind_name(t.kind).into(), value: t.value.clone() })
            .collect();
        let mut part = Counts::default();
        let mut ignored = BTreeMap::new();
        score(doc, &system, &mut part, &mut ignored, &mut String::new());
        by_part.entry(doc.part.clone()).or_default().add(&part);
        score(doc, &system, &mut all, &mut by_type, &mut log);
    }
    let elapsed = started.elapsed();
    if let Some(path) = errors {
        std::fs::write(&path, &log).with_context(|| format!("writing {}", path.display()))?;
    }
    let mut table = String::new();
    let _ = writeln!(
        table,
        "TimeBank + AQUAINT: {} documents, {} gold TIMEX3, {} found ({:.1} s)\n",
        docs.len(),
        all.gold,
        all.system,
        elapsed.as_secs_f64()
    );
    let _ = writeln!(
        table,
        "| type | gold | system | strict P | strict R | strict F1 | relaxed P | relaxed R | relaxed F1 | type acc | value acc | value F1 |"
    );
    let _ = writeln!(table, "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    let rows = std::iter::once(("all".to_string(), all))
        .chain(by_type)
        .chain(by_part.into_iter().map(|(part, c)| (format!("all, {part} only"), c)));
    for (name, c) in rows {
        let sp = ratio(c.strict, c.system);
        let sr = ratio(c.strict, c.gold);
        let rp = ratio(c.relaxed_system, c.system);
        let rr = ratio(c.relaxed_gold, c.gold);
        let vacc = ratio(c.value_ok, c.relaxed_gold);
        let tacc = ratio(c.type_ok, c.relaxed_gold);
        let vf1 = f1(ratio(c.value_ok, c.system), ratio(c.value_ok, c.gold));
        let _ = writeln!(
            table,
            "| {name} | {} | {} | {sp:.3} | {sr:.3} | {:.3} | {rp:.3} | {rr:.3} | {:.3} | {tacc:.3} | {vacc:.3} | {vf1:.3} |",
            c.gold,
            c.system,
            f1(sp, sr),
            f1(rp, rr),
        );
    }
    let _ = writeln!(
        table,
        "\n{chars} bytes of text. Per-type rows count gold expressions by their gold type and found ones by the type \
         given them, so their precision and recall mix types; the value columns are over relaxed matches."
    );
    Ok(table)
}

fn kind_name(kind: TimeKind) -> &'static str {
    match kind {
        TimeKind::Date => "DATE",
        TimeKind::Time => "TIME",
        TimeKind::Duration => "DURATION",
        TimeKind::Set => "SET",
    }
}

/// One-to-one matching: exact extents first, then overlaps in text order. Per-type rows count gold by its gold
/// type and system expressions by their system type.
fn score(doc: &GoldDoc, system: &[Timex], all: &mut Counts, by_type: &mut BTreeMap<String, Counts>, log: &mut String) {
    let mut sys_match: Vec<Option<usize>> = vec![None; system.len()];
    let mut gold_match: Vec<Option<usize>> = vec![None; doc.timexes.len()];
    for (g, gt) in doc.timexes.iter().enumerate() {
        if let Some(s) = system
            .iter()
            .enumerate()
            .position(|(s, st)| sys_match[s].is_none() && st.start == gt.start && st.end == gt.end)
        {
            sys_match[s] = Some(g);
            gold_match[g] = Some(s);
        }
    }
    for (g, gt) in doc.timexes.iter().enumerate() {
        if gold_match[g].is_some() {
            continue;
        }
        if let Some(s) = system
            .iter()
            .enumerate()
            .position(|(s, st)| sys_match[s].is_none() && st.start < gt.end && gt.start < st.end)
        {
            sys_match[s] = Some(g);
            gold_match[g] = Some(s);
        }
    }
    let context = |start: usize, end: usize| -> String {
        let chars: Vec<char> = doc.text.chars().collect();
        let a = start.saturating_sub(50);
        let b = (end + 50).min(chars.len());
        let pre: String = chars[a..start.min(chars.len())].iter().collect();
        let mid: String = chars[start.min(chars.len())..end.min(chars.len())].iter().collect();
        let post: String = chars[end.min(chars.len())..b].iter().collect();
        format!("{}[{}]{}", pre, mid, post).replace('\n', " ")
    };
    for (g, gt) in doc.timexes.iter().enumerate() {
        let c = by_type.entry(gt.kind.clone()).or_default();
        c.gold += 1;
        all.gold += 1;
        match gold_match[g] {
            Some(s) => {
                let st = &system[s];
                c.relaxed_gold += 1;
                all.relaxed_gold += 1;
                if st.start == gt.start && st.end == gt.end {
                    c.strict += 1;
                    all.strict += 1;
                } else {
                    let _ = writeln!(
                        log,
                        "EXTENT\t{}\t{}\t{}",
                        doc.name,
                        context(gt.start, gt.end),
                        context(st.start, st.end)
                    );
                }
                if st.value == gt.value {
                    c.value_ok += 1;
                    all.value_ok += 1;
                } else {
                    let _ = writeln!(
                        log,
                        "VALUE\t{}\t{}\tgold {} {}\tsys {} {}\tdct {}",
                        doc.name,
                        context(gt.start, gt.end),
                        gt.kind,
                        gt.value,
                        st.kind,
                        st.value,
                        doc.dct
                    );
                }
                if st.kind == gt.kind {
                    c.type_ok += 1;
                    all.type_ok += 1;
                }
            }
            None => {
                let _ = writeln!(log, "MISS\t{}\t{}\t{} {}", doc.name, context(gt.start, gt.end), gt.kind, gt.value);
            }
        }
    }
    for (s, st) in system.iter().enumerate() {
        let c = by_type.entry(st.kind.clone()).or_default();
        c.system += 1;
        all.system += 1;
        if sys_match[s].is_some() {
            c.relaxed_system += 1;
            all.relaxed_system += 1;
        } else {
            let _ = writeln!(log, "SPURIOUS\t{}\t{}\t{} {}", doc.name, context(st.start, st.end), st.kind, st.value);
        }
    }
}

/// Reads every `.tml` under `dir` (recursively, in name order).
fn load(dir: &Path) -> Result<Vec<GoldDoc>> {
    let mut paths = Vec::new();
    collect(dir, &mut paths)?;
    paths.sort();
    paths.iter().map(|p| parse_tml(p)).collect()
}

fn collect(dir: &Path, out: &mut Vec<PathBuf>) -> Result<()> {
    for entry in std::fs::read_dir(dir).with_context(|| format!("reading {}", dir.display()))? {
        let path = entry?.path();
        if path.is_dir() {
            collect(&path, out)?;
        } else if path.extension().is_some_and(|e| e == "tml") {
            out.push(path);
        }
    }
    Ok(())
}

/// The value of attribute `name` in the inside of a tag.
fn attr<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let key = format!(" {name}=\"");
    let at = tag.find(&key)? + key.len();
    let rest = &tag[at..];
    Some(&rest[..rest.find('"')?])
}

fn decode(s: &str) -> String {
    s.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&apos;", "'").replace("&amp;", "&")
}

/// A TimeML document: the text inside `<TEXT>` with tags stripped, its TIMEX3s, and the DCT.
fn parse_tml(path: &Path) -> Result<GoldDoc> {
    let raw = std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let dct_start = raw.find("<DCT>").with_context(|| format!("{name}: no <DCT>"))?;
    let dct_tag_end = raw[dct_start..].find('>').map(|e| dct_start + e).unwrap_or(dct_start);
    let dct_timex = &raw[dct_tag_end..];
    let dct = dct_timex
        .find("<TIMEX3")
        .and_then(|at| attr(&dct_timex[at..dct_timex[at..].find('>').map_or(at, |e| at + e)], "value"))
        .with_context(|| format!("{name}: no DCT value"))?
        .to_string();
    let body_start = raw.find("<TEXT>").with_context(|| format!("{name}: no <TEXT>"))? + "<TEXT>".len();
    let body_end = raw.find("</TEXT>").with_context(|| format!("{name}: no </TEXT>"))?;
    let body = &raw[body_start..body_end];
    let mut text = String::with_capacity(body.len());
    let mut chars = 0usize;
    let mut timexes = Vec::new();
    let mut open: Option<(usize, String, String)> = None;
    let mut rest = body;
    while let Some(lt) = rest.find('<') {
        let piece = decode(&rest[..lt]);
        chars += piece.chars().count();
        text.push_str(&piece);
        let gt = rest[lt..].find('>').map(|e| lt + e).with_context(|| format!("{name}: unclosed tag"))?;
        let tag = &rest[lt + 1..gt];
        if tag.starts_with("TIMEX3") {
            let kind = attr(tag, "type").unwrap_or("").to_string();
            let value = attr(tag, "value").unwrap_or("").to_string();
            open = Some((chars, kind, value));
        } else if tag == "/TIMEX3"
            && let Some((start, kind, value)) = open.take()
        {
            timexes.push(Timex { start, end: chars, kind, value });
        }
        rest = &rest[gt + 1..];
    }
    let piece = decode(rest);
    text.push_str(&piece);
    // Gold extents sometimes take in a space or a period at an edge; TempEval-3 compares tokens, so trim spaces.
    let chars_vec: Vec<char> = text.chars().collect();
    for t in &mut timexes {
        while t.start < t.end && chars_vec.get(t.start).is_some_and(|c| c.is_whitespace()) {
            t.start += 1;
        }
        while t.end > t.start && chars_vec.get(t.end - 1).is_some_and(|c| c.is_whitespace()) {
            t.end -= 1;
        }
    }
    let part = path.parent().and_then(Path::file_name).map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    Ok(GoldDoc { name, part, text, dct, timexes })
}
