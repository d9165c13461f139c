//! The modern-news event set: 300 sentences of the 2023 RSS corpus, drawn at random and hand-coded with CAMEO
//! events (tests/fixtures/events_rss). The corpus texts are copyrighted, so the repository keeps only ids, offsets
//! and a hash of each sentence; `cargo xtask eval events` rebuilds the sentences from the corpus and scores the
//! whole pipeline on them.
//!
//! The draw (`cargo xtask eval events --draw`) is reproducible: every sentence of the corpus that passes the
//! filters gets a key, a hash of the seed, the record's id and the sentence's offset, and the 300 with the
//! smallest keys are the set, in key order; the first 100 drawn are held out.

use std::collections::{BTreeMap, HashMap};
use std::io::BufRead as _;
use std::path::Path;

use anyhow::{Context, Result, bail};

/// The seed of the draw (the issue that asked for the set).
pub const SEED: u64 = 16;
/// Sentences drawn.
pub const DRAWN: usize = 300;
/// The first sentences drawn, scored only once development ended.
pub const HELD_OUT: usize = 100;
/// Fewest and most words a drawn sentence has.
const MIN_WORDS: usize = 8;
const MAX_WORDS: usize = 60;

/// One sentence of the set: where it is in the corpus, and the events it states.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Record {
    /// Draw order, from 1.
    pub n: usize,
    /// `heldout` (the first drawn) or `dev`.
    pub split: String,
    /// The corpus record's `id`.
    pub id: String,
    /// Start and end of the sentence in the record's `text`, in Unicode scalar values.
    pub start: usize,
    pub end: usize,
    /// FNV-1a 64 of the sentence's UTF-8 bytes, hex: proves the rebuilt sentence is the one coded.
    pub hash: String,
    /// The record's publication date (`YYYY-MM-DD`), for date-bounded actor codes.
    pub date: String,
    /// Every CAMEO event the sentence states; empty when it states none.
    #[serde(default)]
    pub events: Vec<GoldEvent>,
}

/// A hand-coded event.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct GoldEvent {
    pub code: String,
    pub source: String,
    pub target: String,
    /// `asserted`, `anticipated` or `negated`.
    pub mode: String,
}

/// FNV-1a 64 of `text`, as 16 hex digits.
pub fn fnv(text: &str) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in text.as_bytes() {
        h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
    }
    format!("{h:016x}")
}

/// SplitMix64's finalizer: spreads the FNV hash's bits so the keys are uniform.
fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// The draw key of a sentence.
fn key(id: &str, start: usize) -> u64 {
    mix(u64::from_str_radix(&fnv(&format!("{SEED}:{id}:{start}")), 16).unwrap_or(0))
}

/// English function words: a sentence needs three of them (the corpus has a few feeds in other languages).
const ENGLISH: &[&str] = &[
    "the", "a", "an", "of", "to", "in", "and", "is", "was", "for", "on", "that", "with", "by", "has", "have", "are",
    "at", "from", "it", "he", "she", "they", "his", "her", "their", "its", "be", "been", "will", "as", "after",
];

/// The sentences of a record's text that may be drawn: in the body (not a headline or boilerplate line, not a
/// detached line), of 8 to 60 words, English, mostly ASCII letters. Char offsets into `text` and the sentence.
pub fn candidates(text: &str) -> Vec<(usize, usize, String)> {
    let t = gleaner_core::text::Text::new(text);
    let conv = t.converter(gleaner_core::model::Offsets::Chars);
    let mut out = Vec::new();
    for s in &t.sentences {
        let seg = &t.segments[s.segment];
        if seg.kind != gleaner_core::model::SegmentKind::Body || seg.detached {
            continue;
        }
        let words: Vec<&str> = (s.first_token..s.end_token)
            .map(|i| t.token_text(i))
            .filter(|w| w.chars().any(char::is_alphanumeric))
            .collect();
        if !(MIN_WORDS..=MAX_WORDS).contains(&words.len()) {
            continue;
        }
        let english = words.iter().filter(|w| ENGLISH.contains(&w.to_lowercase().as_str())).count();
        let letters = words.iter().flat_map(|w| w.chars()).filter(|c| c.is_alphabetic()).count();
        let ascii = words.iter().flat_map(|w| w.chars()).filter(|c| c.is_ascii_alphabetic()).count();
        if english < 3 || (ascii as f64) < 0.97 * letters as f64 {
            continue;
        }
        let (start, end) = conv.span(s.start, s.end);
        let sentence: String = text.chars().skip(start).take(end - start).collect();
        if sentence.contains("Continue reading") {
            continue;
        }
        out.push((start, end, sentence));
    }
    out
}

/// One corpus record, as much as the set needs.
#[derive(Debug, serde::Deserialize)]
struct CorpusRecord {
    id: String,
    #[serde(default)]
    text: String,
    #[serde(default)]
    date: String,
}

fn open(corpus: &Path) -> Result<impl Iterator<Item = std::io::Result<String>>> {
    let file = std::fs::File::open(corpus).with_context(|| format!("opening {}", corpus.display()))?;
    Ok(std::io::BufReader::new(flate2::read::GzDecoder::new(file)).lines())
}

/// Draws the set from the corpus (records without events) and writes it to `out` as JSON lines.
pub fn draw(corpus: &Path, out: &Path) -> Result<()> {
    if out.exists() {
        bail!("{} exists: the draw is done once, and the file holds the annotations", out.display());
    }
    // The smallest keys, kept in a bounded map.
    let mut best: BTreeMap<u64, Record> = BTreeMap::new();
    let mut seen = 0usize;
    for line in open(corpus)? {
        let rec: CorpusRecord = serde_json::from_str(&line?)?;
        for (start, end, sentence) in candidates(&rec.text) {
            seen += 1;
            let k = key(&rec.id, start);
            if best.len() == DRAWN && best.last_key_value().is_some_and(|(last, _)| *last < k) {
                continue;
            }
            let date = rec.date.get(..10).unwrap_or("").to_string();
            let r = Record {
                n: 0,
                split: String::new(),
                id: rec.id.clone(),
                start,
                end,
                hash: fnv(&sentence),
                date,
                events: vec![],
            };
            best.insert(k, r);
            if best.len() > DRAWN {
                best.pop_last();
            }
        }
    }
    let mut lines = String::new();
    for (i, mut r) in best.into_values().enumerate() {
        r.n = i + 1;
        r.split = if i < HELD_OUT { "heldout" } else { "dev" }.to_string();
        lines.push_str(&serde_json::to_string(&r)?);
        lines.push('\n');
    }
    std::fs::write(out, lines)?;
    eprintln!("drew {DRAWN} of {seen} candidate sentences into {}", out.display());
    Ok(())
}

/// The set's records with their sentences rebuilt from the corpus (checked against the stored hashes).
pub fn load(set: &Path, corpus: &Path) -> Result<Vec<(Record, String)>> {
    let records: Vec<Record> = std::fs::read_to_string(set)
        .with_context(|| format!("reading {}", set.display()))?
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(serde_json::from_str)
        .collect::<Result<_, _>>()?;
    let wanted: HashMap<&str, ()> = records.iter().map(|r| (r.id.as_str(), ())).collect();
    let mut texts: HashMap<String, String> = HashMap::new();
    for line in open(corpus)? {
        let line = line?;
        // The id comes first in every record: parse only the records of the set.
        let Some(id) = line.get(8..).and_then(|l| l.split('"').next()) else { continue };
        if !wanted.contains_key(id) {
            continue;
        }
        let rec: CorpusRecord = serde_json::from_str(&line)?;
        texts.insert(rec.id, rec.text);
    }
    let mut out = Vec::new();
    for r in records {
        let text = texts.get(&r.id).with_context(|| format!("{} is not in the corpus", r.id))?;
        let sentence: String = text.chars().skip(r.start).take(r.end.saturating_sub(r.start)).collect();
        if fnv(&sentence) != r.hash {
            bail!("{} [{}, {}): the corpus text differs from the one coded", r.id, r.start, r.end);
        }
        out.push((r, sentence));
    }
    Ok(out)
}

/// The annotated set in the repository.
pub fn set_path() -> std::path::PathBuf {
    crate::root().join("tests/fixtures/events_rss/sentences.jsonl")
}

/// The RSS corpus beside the shared data folder.
pub fn corpus(data: &Path) -> std::path::PathBuf {
    data.join("../corpora/rss2023_news_short.jsonl.gz")
}
