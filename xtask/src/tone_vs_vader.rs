//! `cargo xtask tone-vs-vader`: how well Gleaner's tone agrees with VADER's own compound score.
//!
//! Runs the summary stage over a corpus (default `../shared/corpora/bbc_fulltext.jsonl`) and VADER's reference
//! implementation (`xtask/scripts/vader_compound.py`, needing the PyPI package vaderSentiment in the interpreter
//! given by `--python`) over the same texts, per document and per sentence, and prints Pearson's r, Spearman's rho
//! and how often the signs agree.
//!
//! Entry point: [`run`].

use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};

use anyhow::{Context, Result, bail};
use gleaner_core::summary::{Inputs, Options, Summarizer};
use gleaner_core::text::Text;

/// Scores the corpus both ways and prints the agreement.
pub fn run(root: &Path, corpus: &Path, python: &str, limit: Option<usize>) -> Result<()> {
    let data = std::fs::read_to_string(corpus).with_context(|| format!("reading {}", corpus.display()))?;
    let summarizer = Summarizer::embedded()?;
    let options = Options { sentence_tone: true, ..Options::default() };
    let (mut doc_texts, mut doc_tones) = (Vec::new(), Vec::new());
    let (mut sentence_texts, mut sentence_tones, mut polar, mut doc_of) =
        (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    for line in data.lines().take(limit.unwrap_or(usize::MAX)) {
        let record: serde_json::Value = serde_json::from_str(line)?;
        let Some(body) = record["text"].as_str() else { continue };
        let text = Text::new(body);
        let summary = summarizer.summarize(&Inputs::text(&text), &options);
        doc_texts.push(body.to_string());
        doc_tones.push(f64::from(summary.tone.tone));
        for (sentence, tone) in text.sentences.iter().zip(&summary.sentence_tones) {
            sentence_texts.push(text.normalized()[sentence.start..sentence.end].to_string());
            sentence_tones.push(f64::from(tone.tone));
            // Sentences without any sentiment word say nothing about agreement (VADER gives them 0 too).
            polar.push(tone.polarity > 0.0);
            doc_of.push(doc_tones.len() - 1);
        }
    }
    let script = root.join("xtask/scripts/vader_compound.py");
    let doc_vader = vader(python, &script, &doc_texts)?;
    let sentence_vader = vader(python, &script, &sentence_texts)?;
    // VADER's usual reading of a long text: the mean compound of its sentences.
    let mut sums = vec![(0.0, 0usize); doc_tones.len()];
    for (&d, &v) in doc_of.iter().zip(&sentence_vader) {
        sums[d].0 += v;
        sums[d].1 += 1;
    }
    let doc_mean: Vec<f64> = sums.iter().map(|&(s, n)| if n == 0 { 0.0 } else { s / n as f64 }).collect();
    let pick = |x: &[f64]| x.iter().zip(&polar).filter(|(_, p)| **p).map(|(v, _)| *v).collect::<Vec<f64>>();
    let (polar_ours, polar_vader) = (pick(&sentence_tones), pick(&sentence_vader));
    println!("Gleaner tone vs VADER compound on {}", corpus.display());
    println!("| level | n | Pearson r | Spearman rho | same sign |");
    println!("|---|---|---|---|---|");
    for (level, ours, theirs) in [
        ("document (VADER on the whole text)", &doc_tones, &doc_vader),
        ("document (VADER's mean over our sentences)", &doc_tones, &doc_mean),
        ("sentence (with a sentiment word)", &polar_ours, &polar_vader),
    ] {
        let same =
            ours.iter().zip(theirs).filter(|(a, b)| a.signum() == b.signum() || (**a == 0.0 && **b == 0.0)).count();
        println!(
            "| {level} | {} | {:.3} | {:.3} | {:.3} |",
            ours.len(),
            pearson(ours, theirs),
            pearson(&ranks(ours), &ranks(theirs)),
            same as f64 / ours.len().max(1) as f64
        );
    }
    Ok(())
}

/// VADER's compound score of each text, from the reference implementation.
fn vader(python: &str, script: &Path, texts: &[String]) -> Result<Vec<f64>> {
    let mut child = Command::new(python)
        .arg(script)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .with_context(|| format!("starting {python} {}", script.display()))?;
    let mut stdin = child.stdin.take().context("no stdin")?;
    let input: String = texts.iter().map(|t| format!("{}\n", serde_json::json!({ "text": t }))).collect();
    let writer = std::thread::spawn(move || stdin.write_all(input.as_bytes()));
    let output = child.wait_with_output()?;
    writer.join().map_err(|_| anyhow::anyhow!("writer thread panicked"))??;
    if !output.status.success() {
        bail!("{python} {} failed (is vaderSentiment installed?)", script.display());
    }
    let scores: Vec<f64> = String::from_utf8(output.stdout)?.lines().map(str::parse).collect::<Result<_, _>>()?;
    if scores.len() != texts.len() {
        bail!("VADER scored {} of {} texts", scores.len(), texts.len());
    }
    Ok(scores)
}

fn pearson(x: &[f64], y: &[f64]) -> f64 {
    let n = x.len().min(y.len()) as f64;
    let (mx, my) = (x.iter().sum::<f64>() / n, y.iter().sum::<f64>() / n);
    let (mut sxy, mut sxx, mut syy) = (0.0, 0.0, 0.0);
    for (a, b) in x.iter().zip(y) {
        sxy += (a - mx) * (b - my);
        sxx += (a - mx).powi(2);
        syy += (b - my).powi(2);
    }
    sxy / (sxx * syy).sqrt()
}

/// Ranks with ties averaged (for Spearman's rho).
fn ranks(x: &[f64]) -> Vec<f64> {
    let mut order: Vec<usize> = (0..x.len()).collect();
    order.sort_by(|&a, &b| x[a].total_cmp(&x[b]));
    let mut ranks = vec![0.0; x.len()];
    let mut i = 0;
    while i < order.len() {
        let mut j = i;
        while j + 1 < order.len() && x[order[j + 1]] == x[order[i]] {
            j += 1;
        }
        for &k in &order[i..=j] {
            ranks[k] = (i + j) as f64 / 2.0;
        }
        i = j + 1;
    }
    ranks
}
