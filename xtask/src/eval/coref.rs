//! `cargo xtask eval coref`: pronoun resolution and quotation speakers on the samples of `tests/fixtures/coref`
//! (see its README), rebuilt from `../shared/corpora` by document id and character offsets.
//!
//! Pronouns: a pronoun is resolved when the output has a `pronoun` mention at its span, and resolved right when
//! that mention's entity has a name mention overlapping the annotated antecedent or a name whose last word is the
//! antecedent's last word. Accuracy counts right resolutions among all resolutions (a pronoun whose referent has
//! no name counts as wrong when resolved); coverage is the share of the pronouns with a named antecedent that are
//! resolved at all. Quotations: a quote is found when an output quote has the annotated span (punctuation trimmed
//! at both ends), and its speaker is named and right when the quote's entity is the annotated speaker (the same
//! test as for pronouns), or, for a speaker the text never names, when the output's speaker words overlap the
//! annotated ones.

use std::collections::{HashMap, HashSet};
use std::io::BufRead;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use gleaner_core::model::{Extraction, MentionKind};
use gleaner_core::{Config, Document, Extractor};

/// Arguments of `cargo xtask eval coref`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The corpora folder (default: ../shared/corpora beside the checkout).
    #[arg(long)]
    pub corpora: Option<PathBuf>,
    /// Write every error to this file.
    #[arg(long)]
    pub errors: Option<PathBuf>,
    /// Keep the tables in docs/EVAL.md.
    #[arg(long)]
    pub write: bool,
}

#[derive(Debug, serde::Deserialize)]
struct GoldPronoun {
    corpus: String,
    id: String,
    start: usize,
    end: usize,
    pronoun: String,
    antecedent: Option<(usize, usize)>,
    category: String,
}

#[derive(Debug, serde::Deserialize)]
struct GoldQuote {
    id: String,
    start: usize,
    end: usize,
    /// The speaker's name nearest the quote (for a named speaker; two for two speakers), or the words that say
    /// who spoke.
    speakers: Vec<(usize, usize)>,
    /// True when the text names the speaker somewhere.
    named: bool,
}

/// The char range `[start, end)` of `text` as a string.
fn slice(chars: &[char], (start, end): (usize, usize)) -> String {
    chars.get(start..end.min(chars.len())).map(|c| c.iter().collect()).unwrap_or_default()
}

/// The last word of a name, lower-cased, without a possessive.
fn last_word(name: &str) -> String {
    let word = name.split_whitespace().last().unwrap_or("").to_lowercase();
    word.trim_end_matches("'s").trim_end_matches("’s").trim_matches(|c: char| !c.is_alphanumeric()).to_string()
}

/// True when entity `e` of `out` is the thing named at `gold` (a char range of `chars`).
fn is_entity(out: &Extraction, chars: &[char], e: usize, gold: (usize, usize)) -> bool {
    let Some(entity) = out.entities.get(e) else { return false };
    let want = last_word(&slice(chars, gold));
    entity
        .mentions
        .iter()
        .filter_map(|&m| out.mentions.get(m))
        .any(|m| m.kind == MentionKind::Name && (m.start < gold.1 && gold.0 < m.end || last_word(&m.text) == want))
        || last_word(&entity.name) == want
}

/// The texts (and titles) of the documents `ids` of a corpus file.
fn load(path: &Path, ids: &HashSet<&str>) -> Result<HashMap<String, (String, Option<String>)>> {
    let file = std::fs::File::open(path).with_context(|| format!("opening {}", path.display()))?;
    let reader: Box<dyn BufRead> = if path.extension().is_some_and(|e| e == "gz") {
        Box::new(std::io::BufReader::new(flate2::read::GzDecoder::new(file)))
    } else {
        Box::new(std::io::BufReader::new(file))
    };
    let mut out = HashMap::new();
    for line in reader.lines() {
        let record: serde_json::Value = serde_json::from_str(&line?)?;
        let id = record["id"].as_str().unwrap_or("");
        if ids.contains(id) {
            let text = record["text"].as_str().unwrap_or("").to_string();
            out.insert(id.to_string(), (text, record["title"].as_str().map(str::to_string)));
            if out.len() == ids.len() {
                break;
            }
        }
    }
    Ok(out)
}

fn fixtures() -> PathBuf {
    crate::root().join("tests/fixtures/coref")
}

fn corpora(args: &Args) -> Result<PathBuf> {
    if let Some(dir) = &args.corpora {
        return Ok(dir.clone());
    }
    let root = crate::root();
    [root.join("../shared/corpora"), root.join("../../shared/corpora")]
        .into_iter()
        .find(|d| d.is_dir())
        .context("no ../shared/corpora beside the checkout: pass --corpora")
}

fn read_lines<T: serde::de::DeserializeOwned>(path: &Path) -> Result<Vec<T>> {
    let data = std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
    data.lines().filter(|l| !l.trim().is_empty()).map(|l| Ok(serde_json::from_str(l)?)).collect()
}

/// Extracts every document the gold items name, keyed by id.
fn extract_all(corpora: &Path, wanted: &[(&str, &str)]) -> Result<HashMap<String, (Vec<char>, Extraction)>> {
    let extractor = Extractor::new(Config::default())?;
    let mut out = HashMap::new();
    let corpus_names: HashSet<&str> = wanted.iter().map(|(c, _)| *c).collect();
    for corpus in corpus_names {
        let ids: HashSet<&str> = wanted.iter().filter(|(c, _)| *c == corpus).map(|(_, id)| *id).collect();
        let docs = load(&corpora.join(corpus), &ids)?;
        if docs.len() != ids.len() {
            bail!("{corpus}: found {} of the {} documents", docs.len(), ids.len());
        }
        for (id, (text, title)) in docs {
            let doc = Document { id: Some(id.clone()), title, ..Document::new(text.clone()) };
            let extraction = extractor.extract(&doc)?;
            out.insert(id, (text.chars().collect(), extraction));
        }
    }
    Ok(out)
}

/// Counts of one pronoun table row.
#[derive(Debug, Default, Clone, Copy)]
struct Counts {
    pronouns: usize,
    named: usize,
    resolved: usize,
    resolved_named: usize,
    right: usize,
}

impl Counts {
    fn row(&self, name: &str) -> String {
        let ratio = |a: usize, b: usize| if b == 0 { "–".to_string() } else { format!("{:.3}", a as f64 / b as f64) };
        format!(
            "| {name} | {} | {} | {} | {} | {} | {} | {} |\n",
            self.pronouns,
            self.named,
            self.resolved,
            self.right,
            ratio(self.right, self.resolved),
            ratio(self.resolved_named, self.named),
            ratio(self.right, self.named),
        )
    }

    fn add(&mut self, o: &Counts) {
        self.pronouns += o.pronouns;
        self.named += o.named;
        self.resolved += o.resolved;
        self.resolved_named += o.resolved_named;
        self.right += o.right;
    }
}

/// Scores the pronoun sample; returns the table and the error lines.
fn pronouns(corpora: &Path) -> Result<(String, String)> {
    let gold: Vec<GoldPronoun> = read_lines(&fixtures().join("pronouns.jsonl"))?;
    let wanted: Vec<(&str, &str)> = gold.iter().map(|g| (g.corpus.as_str(), g.id.as_str())).collect();
    let docs = extract_all(corpora, &wanted)?;
    // Rows: each corpus's first half of the draw (development) and second half (test).
    let mut rows: Vec<(String, Counts)> = Vec::new();
    let mut errors = String::new();
    let mut position: HashMap<&str, usize> = HashMap::new();
    let per_corpus = |c: &str| gold.iter().filter(|g| g.corpus == c).count();
    for g in &gold {
        let Some((chars, out)) = docs.get(&g.id) else { continue };
        if slice(chars, (g.start, g.end)) != g.pronoun {
            bail!("{}: the corpus no longer has {:?} at {}", g.id, g.pronoun, g.start);
        }
        let k = position.entry(g.corpus.as_str()).or_default();
        let half = if *k < per_corpus(&g.corpus) / 2 { "development" } else { "test" };
        *k += 1;
        let corpus = if g.corpus.starts_with("bbc") { "BBC" } else { "RSS 2023" };
        let name = format!("{corpus}, {half}");
        let row = match rows.iter().position(|(n, _)| *n == name) {
            Some(r) => r,
            None => {
                rows.push((name.clone(), Counts::default()));
                rows.len() - 1
            }
        };
        let c = &mut rows[row].1;
        c.pronouns += 1;
        c.named += usize::from(g.antecedent.is_some());
        let found = out.mentions.iter().find(|m| m.kind == MentionKind::Pronoun && m.start == g.start);
        let context = slice(chars, (g.start.saturating_sub(60), (g.end + 30).min(chars.len()))).replace('\n', " ");
        match (found, g.antecedent) {
            (Some(m), gold_antecedent) => {
                c.resolved += 1;
                c.resolved_named += usize::from(gold_antecedent.is_some());
                let right = gold_antecedent.is_some_and(|a| is_entity(out, chars, m.entity, a));
                c.right += usize::from(right);
                if !right {
                    let system = out.entities.get(m.entity).map_or("?", |e| e.name.as_str());
                    let want = gold_antecedent.map_or(format!("({})", g.category), |a| slice(chars, a));
                    errors.push_str(&format!(
                        "[{half}] {} {:?}: {system:?}, gold {want:?} … {context}\n",
                        g.id, g.pronoun
                    ));
                }
            }
            (None, Some(a)) => {
                let want = slice(chars, a);
                errors.push_str(&format!("[{half}] {} {:?}: unresolved, gold {want:?} … {context}\n", g.id, g.pronoun));
            }
            (None, None) => {}
        }
    }
    rows.sort_by(|a, b| a.0.cmp(&b.0));
    let mut table = String::from(
        "| pronouns | drawn | with a named antecedent | resolved | right | accuracy | coverage | recall |\n\
         |---|---|---|---|---|---|---|---|\n",
    );
    let (mut dev, mut test, mut all) = (Counts::default(), Counts::default(), Counts::default());
    for (name, c) in &rows {
        table.push_str(&c.row(name));
        if name.ends_with("development") {
            dev.add(c)
        } else {
            test.add(c)
        }
        all.add(c);
    }
    table.push_str(&dev.row("**development, both corpora**"));
    table.push_str(&test.row("**test, both corpora**"));
    table.push_str(&all.row("**all 200**"));
    Ok((table, errors))
}

/// Scores the BBC quotation sample; returns the table and the error lines.
fn quotes(corpora: &Path) -> Result<(String, String)> {
    let path = fixtures().join("quotes_bbc.jsonl");
    if !path.exists() {
        return Ok((String::new(), String::new()));
    }
    let gold: Vec<GoldQuote> = read_lines(&path)?;
    let wanted: Vec<(&str, &str)> = gold.iter().map(|g| ("bbc_fulltext.jsonl", g.id.as_str())).collect();
    let docs = extract_all(corpora, &wanted)?;
    let trim = |chars: &[char], (mut s, mut e): (usize, usize)| {
        let edge = |c: char| c.is_whitespace() || c.is_ascii_punctuation() || "“”‘’—".contains(c);
        while s < e && chars.get(s).copied().is_some_and(edge) {
            s += 1;
        }
        while e > s && chars.get(e - 1).copied().is_some_and(edge) {
            e -= 1;
        }
        (s, e)
    };
    // Rows: the first half of the draw (development) and the second (test).
    let mut rows = [QuoteCounts::default(); 2];
    let mut errors = String::new();
    for (k, g) in gold.iter().enumerate() {
        let half = usize::from(k >= gold.len() / 2);
        let c = &mut rows[half];
        let tag = ["development", "test"][half];
        c.annotated += 1;
        let Some((chars, out)) = docs.get(&g.id) else { continue };
        let want = trim(chars, (g.start, g.end));
        let Some(q) = out.quotes.iter().find(|q| trim(chars, (q.start, q.end)) == want) else {
            errors.push_str(&format!("[{tag}] {}: quote not found: {:?}\n", g.id, slice(chars, want)));
            continue;
        };
        c.found += 1;
        let said_by_pronoun = q
            .speaker
            .as_ref()
            .is_some_and(|s| matches!(s.text.to_lowercase().as_str(), "he" | "she" | "they" | "it" | "we" | "i"));
        c.pronoun_speakers += usize::from(said_by_pronoun);
        let ok = if g.named {
            g.speakers.iter().any(|&speaker| q.entity.is_some_and(|e| is_entity(out, chars, e, speaker)))
        } else {
            let overlaps = |s: &gleaner_core::model::Span| g.speakers.iter().any(|&(a, b)| s.start < b && a < s.end);
            !said_by_pronoun && q.speaker.as_ref().is_some_and(overlaps)
        };
        c.right += usize::from(ok);
        c.pronoun_right += usize::from(ok && said_by_pronoun);
        if !ok {
            let system = q.entity.and_then(|e| out.entities.get(e)).map(|e| e.name.clone());
            errors.push_str(&format!(
                "[{tag}] {}: speaker {:?} (entity {:?}), gold {:?} for {:?}\n",
                g.id,
                q.speaker.as_ref().map(|s| &s.text),
                system,
                g.speakers.iter().map(|&s| slice(chars, s)).collect::<Vec<_>>(),
                slice(chars, (want.0, (want.0 + 50).min(want.1)))
            ));
        }
    }
    let mut table = String::from(
        "| quotations | annotated | found | speaker named and right | share of annotated | said by a pronoun | \
         of those right |\n|---|---|---|---|---|---|---|\n",
    );
    let all = QuoteCounts::sum(&rows);
    for (name, c) in [("BBC, development", rows[0]), ("BBC, test", rows[1]), ("**all 100**", all)] {
        table.push_str(&format!(
            "| {name} | {} | {} | {} | {:.3} | {} | {} |\n",
            c.annotated,
            c.found,
            c.right,
            c.right as f64 / c.annotated.max(1) as f64,
            c.pronoun_speakers,
            c.pronoun_right
        ));
    }
    Ok((table, errors))
}

/// Counts of one quotation table row.
#[derive(Debug, Default, Clone, Copy)]
struct QuoteCounts {
    annotated: usize,
    found: usize,
    right: usize,
    pronoun_speakers: usize,
    pronoun_right: usize,
}

impl QuoteCounts {
    fn sum(rows: &[QuoteCounts]) -> QuoteCounts {
        rows.iter().fold(QuoteCounts::default(), |a, c| QuoteCounts {
            annotated: a.annotated + c.annotated,
            found: a.found + c.found,
            right: a.right + c.right,
            pronoun_speakers: a.pronoun_speakers + c.pronoun_speakers,
            pronoun_right: a.pronoun_right + c.pronoun_right,
        })
    }
}

/// Runs both scorers, prints the tables, and keeps them in docs/EVAL.md with `--write`.
pub fn run(args: Args) -> Result<()> {
    let corpora = corpora(&args)?;
    let (pronoun_table, pronoun_errors) = pronouns(&corpora)?;
    let (quote_table, quote_errors) = quotes(&corpora)?;
    print!("{pronoun_table}\n{quote_table}");
    if let Some(path) = &args.errors {
        std::fs::write(path, format!("{pronoun_errors}\n{quote_errors}"))?;
    }
    if args.write {
        let body = format!(
            "`cargo xtask eval coref` ({}): pronouns and quotation speakers on the samples of \
             `tests/fixtures/coref` (see its README for the draw and the annotation rules).\n\n{pronoun_table}\n{quote_table}",
            super::machine()
        );
        super::write_section("## Coreference: pronouns and quotation speakers", &body)?;
    }
    Ok(())
}
