//! Names beyond 1996 Reuters: wikigold (Wikipedia; CoNLL's four types, IO tags) and Universal NER over English EWT
//! (web text; PER, LOC and ORG only, IOB2 tags), read three ways on the same documents: the entity tagger on the
//! gold words, the pipeline's mentions (text layer, tagger, entities stage: what users get) on the documents
//! written out as text, and spaCy en_core_web_sm on that same text.
//!
//! The pipeline's OntoNotes labels and spaCy's map to the sets' types alike: PERSON → PER; ORG → ORG; GPE, LOC,
//! FAC → LOC; NORP, EVENT, PRODUCT, WORK_OF_ART, LAW, LANGUAGE (and our MISC) → MISC; other spaCy labels are
//! dropped. UNER has no MISC, so on UNER every MISC prediction is dropped (its guidelines leave nationalities,
//! events and works untagged).

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{Context, Result, bail};
use gleaner_core::model::Label;
use gleaner_core::tag::Tagger;
use gleaner_core::text::Text;

use super::ner::score_sentences;
use crate::conll::{self, Doc};
use crate::score::SpanScore;
use crate::train::input;

/// An extra evaluation set in ../shared/data/ner-extra.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Set {
    Wikigold,
    UnerDev,
    UnerTest,
}

impl Set {
    pub fn parse(name: &str) -> Option<Set> {
        match name {
            "wikigold" => Some(Set::Wikigold),
            "uner-dev" => Some(Set::UnerDev),
            "uner-test" => Some(Set::UnerTest),
            _ => None,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Set::Wikigold => "wikigold",
            Set::UnerDev => "UNER EWT dev",
            Set::UnerTest => "UNER EWT test",
        }
    }

    /// The entity types the set annotates.
    pub fn types(self) -> &'static [&'static str] {
        match self {
            Set::Wikigold => &["PER", "ORG", "LOC", "MISC"],
            Set::UnerDev | Set::UnerTest => &["PER", "ORG", "LOC"],
        }
    }

    /// The set's file in the ner-extra directory.
    pub fn file(self, dir: &Path) -> PathBuf {
        dir.join(match self {
            Set::Wikigold => "wikigold.conll.txt",
            Set::UnerDev => "en_ewt-ud-dev.iob2",
            Set::UnerTest => "en_ewt-ud-test.iob2",
        })
    }

    /// The set's documents with their gold tags (and, for UNER, each sentence's text as written).
    pub fn read(self, dir: &Path) -> Result<Vec<(Doc, Option<Vec<String>>)>> {
        let path = self.file(dir);
        Ok(match self {
            Set::Wikigold => conll::read(&path)?.into_iter().map(|d| (d, None)).collect(),
            Set::UnerDev | Set::UnerTest => conll::read_uner(&path)?.into_iter().map(|(d, t)| (d, Some(t))).collect(),
        })
    }

    /// The set's documents written out as text.
    pub fn load(self, dir: &Path) -> Result<Vec<Written>> {
        Ok(self.read(dir)?.into_iter().map(|(d, t)| Written::new(d, t.as_deref())).collect())
    }
}

/// A gold document written out as plain text, one paragraph per sentence, with where each gold word is.
#[derive(Debug, Clone)]
pub struct Written {
    pub doc: Doc,
    pub text: String,
    /// Byte range of every gold word in `text`.
    ranges: Vec<(usize, usize)>,
    /// The sentence of every gold word.
    sentence_of: Vec<usize>,
    /// The first word of every sentence.
    first_word: Vec<usize>,
}

impl Written {
    /// Each sentence is its text as written when given and its words can be found in it in order, else its words
    /// joined by spaces.
    pub fn new(doc: Doc, texts: Option<&[String]>) -> Written {
        let (mut text, mut ranges, mut sentence_of, mut first_word) =
            (String::new(), Vec::new(), Vec::new(), Vec::new());
        for (k, s) in doc.sentences.iter().enumerate() {
            if !text.is_empty() {
                text.push_str("\n\n");
            }
            let words = s.words();
            let at = text.len();
            let raw = texts.and_then(|t| t.get(k)).map(String::as_str);
            let (sentence, local) = match raw.and_then(|r| align(&words, r).map(|a| (r.to_string(), a))) {
                Some(found) => found,
                None => joined(&words),
            };
            first_word.push(ranges.len());
            ranges.extend(local.iter().map(|(a, b)| (at + a, at + b)));
            sentence_of.extend(std::iter::repeat_n(k, words.len()));
            text.push_str(&sentence);
        }
        Written { doc, text, ranges, sentence_of, first_word }
    }

    /// The sentence and sentence-local word span `(sentence, first, end)` of a byte range of the text, widened to
    /// whole words; `None` when it crosses a sentence boundary or holds no word.
    fn locate(&self, a: usize, b: usize) -> Option<(usize, usize, usize)> {
        let first = self.ranges.partition_point(|r| r.1 <= a);
        let end = self.ranges.partition_point(|r| r.0 < b);
        if first >= end {
            return None;
        }
        let k = self.sentence_of[first];
        (self.sentence_of[end - 1] == k).then(|| (k, first - self.first_word[k], end - self.first_word[k]))
    }
}

/// Words joined by single spaces, with their byte ranges.
fn joined(words: &[&str]) -> (String, Vec<(usize, usize)>) {
    let mut text = String::new();
    let mut ranges = Vec::with_capacity(words.len());
    for w in words {
        if !text.is_empty() {
            text.push(' ');
        }
        ranges.push((text.len(), text.len() + w.len()));
        text.push_str(w);
    }
    (text, ranges)
}

/// The byte range of each word in `text`, the words found in order with only white space between them.
fn align(words: &[&str], text: &str) -> Option<Vec<(usize, usize)>> {
    let mut at = 0;
    let mut out = Vec::with_capacity(words.len());
    for w in words {
        at += text[at..].len() - text[at..].trim_start().len();
        if !text[at..].starts_with(w) {
            return None;
        }
        out.push((at, at + w.len()));
        at += w.len();
    }
    text[at..].trim().is_empty().then_some(out)
}

/// The sets' type of a pipeline label.
pub fn coarse(label: Label) -> &'static str {
    match label {
        Label::Person => "PER",
        Label::Org => "ORG",
        Label::Gpe | Label::Loc | Label::Fac => "LOC",
        Label::Norp | Label::Product | Label::Event | Label::WorkOfArt | Label::Law | Label::Language | Label::Misc => {
            "MISC"
        }
    }
}

/// The sets' type of a spaCy (OntoNotes) label; `None` for the labels that are no names (dates, numbers …).
fn spacy_coarse(label: &str) -> Option<&'static str> {
    Some(match label {
        "PERSON" => "PER",
        "ORG" => "ORG",
        "GPE" | "LOC" | "FAC" => "LOC",
        "NORP" | "EVENT" | "PRODUCT" | "WORK_OF_ART" | "LAW" | "LANGUAGE" => "MISC",
        _ => return None,
    })
}

/// Spans per sentence, the set's types only.
type PerSentence = Vec<Vec<(usize, usize, &'static str)>>;

/// Spans of predicted byte ranges, placed in their sentences; those of other types than the set's are dropped.
fn place(w: &Written, types: &[&str], found: impl IntoIterator<Item = (usize, usize, &'static str)>) -> PerSentence {
    let mut out: PerSentence = vec![Vec::new(); w.doc.sentences.len()];
    for (a, b, t) in found {
        if let (true, Some((k, first, end))) = (types.contains(&t), w.locate(a, b)) {
            out[k].push((first, end, t));
        }
    }
    out
}

/// The entity tagger alone, on the gold words.
pub fn tagger_score(tagger: &Tagger, docs: &[Written], types: &[&str]) -> SpanScore {
    let mut score = SpanScore::default();
    for w in docs {
        let found = tagger.entities(&input(&w.doc));
        let mut predicted: PerSentence = vec![Vec::new(); w.doc.sentences.len()];
        for e in found.iter().filter(|e| types.contains(&e.kind.as_str())) {
            let k = w.sentence_of.get(e.first_token).copied().unwrap_or(0);
            if w.sentence_of.get(e.end_token - 1) == Some(&k) {
                let f = w.first_word[k];
                predicted[k].push((e.first_token - f, e.end_token - f, e.kind.as_str()));
            }
        }
        score_sentences(&mut score, &w.doc.sentences, &predicted, None);
    }
    score
}

/// The pipeline's mentions (text layer, tagger, entities stage) on the written documents.
pub fn pipeline_score(tagger: &Tagger, docs: &[Written], types: &[&str], errors: Option<&mut String>) -> SpanScore {
    let mut score = SpanScore::default();
    let mut errors = errors;
    for w in docs {
        let text = Text::new(&w.text);
        let tags = tagger.tag(&text);
        let found = gleaner_core::entities::resolve(&text, &tags, tagger.lexicon());
        let spans = found.mentions.iter().map(|m| {
            let (a, b) = text.original_bytes(m.start, m.end);
            (a, b, coarse(m.label))
        });
        score_sentences(&mut score, &w.doc.sentences, &place(w, types, spans), errors.as_deref_mut());
    }
    score
}

/// spaCy on the written documents (one JSON line each, offsets in characters).
pub fn spacy_score(python: &Path, docs: &[Written], types: &[&str]) -> Result<SpanScore> {
    let dir = std::env::temp_dir().join(format!("gleaner-eval-ner-extra-{}", std::process::id()));
    std::fs::create_dir_all(&dir)?;
    let (input, output) = (dir.join("docs.jsonl"), dir.join("spacy.jsonl"));
    let mut lines = String::new();
    for (i, w) in docs.iter().enumerate() {
        writeln!(lines, "{}", serde_json::json!({"id": i.to_string(), "text": w.text}))?;
    }
    std::fs::write(&input, lines)?;
    let run = Command::new(python)
        .arg(crate::root().join("../shared/bench/spacy_baseline.py"))
        .arg(&input)
        .args(["--mode", "ner", "--fields", "text", "--batch-size", "64", "-o"])
        .arg(&output)
        .output()
        .context("running spaCy")?;
    if !run.status.success() {
        bail!("spaCy failed: {}\n{}", run.status, String::from_utf8_lossy(&run.stderr));
    }
    let out = std::fs::read_to_string(&output)?;
    let _ = std::fs::remove_dir_all(&dir);
    let mut score = SpanScore::default();
    for (line, w) in out.lines().zip(docs) {
        let v: serde_json::Value = serde_json::from_str(line)?;
        // Byte offset of every character (and of the end).
        let bytes: Vec<usize> = w.text.char_indices().map(|(b, _)| b).chain([w.text.len()]).collect();
        let byte = |c: u64| bytes.get(c as usize).copied();
        let spans = v["ents"].as_array().into_iter().flatten().filter_map(|e| {
            let a = byte(e["start_char"].as_u64()?)?;
            let b = byte(e["end_char"].as_u64()?)?;
            Some((a, b, spacy_coarse(e["label"].as_str()?)?))
        });
        score_sentences(&mut score, &w.doc.sentences, &place(w, types, spans), None);
    }
    Ok(score)
}

/// A table row: P, R, F1 and F1 per type ("–" for a type the set does not annotate).
pub fn row(table: &mut String, system: &str, set: Set, s: &SpanScore) {
    let t = s.total();
    let per_type: Vec<String> = ["PER", "ORG", "LOC", "MISC"]
        .iter()
        .map(|k| match (set.types().contains(k), s.by_type.get(*k)) {
            (true, Some(t)) => format!("{:.2}", t.f1() * 100.0),
            (true, None) => "0.00".into(),
            (false, _) => "–".into(),
        })
        .collect();
    let _ = writeln!(
        table,
        "| {system} | {} | {:.2} | {:.2} | **{:.2}** | {} |",
        set.name(),
        t.precision() * 100.0,
        t.recall() * 100.0,
        t.f1() * 100.0,
        per_type.join(" | ")
    );
}

/// What the extra table measures (docs/EVAL.md).
pub const NOTE: &str = "wikigold (Balasuriya et al. 2009: 145 Wikipedia articles, 39,007 tokens, CoNLL's four \
types, IO tags, so two touching names of one type read as one) and Universal NER over English EWT (Mayhew et al. \
2024: web text of reviews, e-mails, answers and blogs; dev 25,149 words, test 25,097; PER, LOC and ORG only, IOB2), \
from `../shared/data/ner-extra`, scored like CoNLL (exact spans, micro-averaged; per-type columns are F1). Each \
document is written out as plain text, one paragraph per sentence (UNER sentences as their `# text` comment gives \
them, wikigold's words joined by spaces), and read three ways: *pipeline mentions* are the mentions `gleaner \
extract` outputs (text layer, entity tagger, entities stage), mapped back to the gold words by characters and \
widened to whole words; *entity tagger on the gold words* is the tagger alone on the sets' own tokens; spaCy reads \
the same text as the pipeline. Labels map alike: PERSON → PER; ORG → ORG; GPE, LOC, FAC → LOC; NORP, EVENT, \
PRODUCT, WORK_OF_ART, LAW, LANGUAGE (and Gleaner's MISC) → MISC; spaCy's other labels are dropped. UNER annotates \
no MISC (its guidelines leave nationalities, events and works untagged), so on UNER every MISC prediction is \
dropped, for both systems.";

/// The table's head.
pub const HEAD: &str =
    "| system | set | P | R | F1 | PER | ORG | LOC | MISC |\n|---|---|---|---|---|---|---|---|---|\n";

#[cfg(test)]
mod tests {
    use super::*;
    use crate::conll::{Sentence, Token};

    fn sentence(words: &[(&str, &str)]) -> Sentence {
        Sentence {
            tokens: words
                .iter()
                .map(|(w, t)| Token { word: w.to_string(), pos: None, chunk: None, ner: t.to_string() })
                .collect(),
        }
    }

    #[test]
    fn words_are_found_in_the_written_text_or_joined() {
        let doc = Doc {
            sentences: vec![
                sentence(&[("I", "O"), ("do", "O"), ("n't", "O"), ("like", "O"), ("Acme", "B-ORG"), ("!", "O")]),
                sentence(&[("Bob", "B-PER"), ("left", "O")]),
            ],
        };
        let texts = ["I don't like Acme!".to_string(), "Something else".to_string()];
        let w = Written::new(doc, Some(&texts));
        assert_eq!(w.text, "I don't like Acme!\n\nBob left");
        let acme = w.text.find("Acme").unwrap_or(0);
        assert_eq!(w.locate(acme, acme + 4), Some((0, 4, 5)));
        // A span inside a word widens to the word; one across sentences is dropped.
        assert_eq!(w.locate(acme + 1, acme + 2), Some((0, 4, 5)));
        assert_eq!(w.locate(acme, w.text.len()), None);
        let bob = w.text.find("Bob").unwrap_or(0);
        assert_eq!(w.locate(bob, bob + 3), Some((1, 0, 1)));
    }

    #[test]
    fn scores_only_the_sets_types() {
        let doc = Doc { sentences: vec![sentence(&[("Acme", "B-ORG"), ("in", "O"), ("French", "O")])] };
        let w = Written::new(doc, None);
        let mut score = SpanScore::default();
        let predicted = place(&w, Set::UnerDev.types(), [(0, 4, "ORG"), (8, 14, "MISC")]);
        score_sentences(&mut score, &w.doc.sentences, &predicted, None);
        let t = score.total();
        assert_eq!((t.tp, t.fp, t.fn_), (1, 0, 0));
        assert_eq!(coarse(Label::Gpe), "LOC");
        assert_eq!(spacy_coarse("DATE"), None);
    }
}
