//! Trained sequence taggers: part of speech, chunks and named entities.
//!
//! Three linear-chain models (averaged structured perceptrons, decoded with Viterbi) trained by
//! `cargo xtask train` on CoNLL-2003 (or any CoNLL-format data) and embedded in the library. Entities are found in
//! two passes: the second pass also sees how the first labelled the same words elsewhere in the document.
//!
//! ```
//! use gleaner_core::{tag::Tagger, text::Text};
//!
//! let text = Text::new("Iran's Foreign Minister Abbas Araghchi arrived in Baghdad on Wednesday.");
//! let tags = Tagger::embedded()?.tag(&text);
//! assert_eq!(tags.pos.len(), text.tokens.len());
//! for e in &tags.entities {
//!     let (first, last) = (text.tokens[e.first_token].start, text.tokens[e.end_token - 1].end);
//!     println!("{} {} {:.2}", e.kind.as_str(), &text.normalized()[first..last], e.score);
//! }
//! # Ok::<(), gleaner_core::Error>(())
//! ```

pub mod chain;
pub mod features;
pub mod hash;
mod labels;
pub mod lexicon;
pub mod spans;
mod table;
pub(crate) mod weights;

use serde::{Deserialize, Serialize};

pub use labels::{ChunkKind, EntityKind, Pos};

use self::chain::{Chain, ChainFile};
use self::features::{History, Prepared, SentenceSpan};
use self::lexicon::Lexicon;
use self::spans::{Role, parse_label, spans};
use self::weights::FeatureTable;
use crate::model::{Casing, TokenKind};
use crate::text::{Text, casing_of};
use crate::{Error, Result};

/// A chunk: a flat phrase of consecutive tokens.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Chunk {
    /// First token (index into the document's tokens).
    pub first_token: usize,
    /// One past the last token.
    pub end_token: usize,
    /// What kind of phrase.
    pub kind: ChunkKind,
}

/// A named-entity span found by the tagger.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct EntitySpan {
    /// First token (index into the document's tokens).
    pub first_token: usize,
    /// One past the last token.
    pub end_token: usize,
    /// CoNLL type.
    pub kind: EntityKind,
    /// Confidence in [0, 1]: the calibrated probability that the span and its type are right.
    pub score: f32,
    /// How much better the decoded labels scored than the best rival labels around this span, in trained-weight
    /// units (what `score` calibrates).
    pub margin: f32,
}

/// Everything the taggers say about a document. Token indices are the document's (`Text::tokens`).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Tags {
    /// Part of speech of every token.
    pub pos: Vec<Pos>,
    /// Chunks, in order, not overlapping.
    pub chunks: Vec<Chunk>,
    /// Entity spans, in order, not overlapping.
    pub entities: Vec<EntitySpan>,
}

/// Runs of at least this many punctuation and symbol tokens are markup debris, which the taggers skip
/// (`Input::for_taggers`). Ordinary news has none longer than four (a sample of 400 BBC and 300 Reuters articles:
/// 3 runs of four, 91 of three); markup-like text has runs of eight to fourteen ("}}]])))</", "> <<<>>> ((( [[[ <"),
/// which cost the taggers as much per token as words do.
const DEBRIS_RUN: usize = 6;

/// A tokenized document as the taggers read it: words and sentences with their casing.
#[derive(Debug, Clone, Default)]
pub struct Input<'a> {
    words: Vec<&'a str>,
    sentences: Vec<SentenceSpan>,
}

impl<'a> Input<'a> {
    /// An empty document.
    pub fn new() -> Self {
        Input::default()
    }

    /// The words and sentences of an analysed text; each sentence takes its segment's casing.
    pub fn from_text(text: &'a Text<'_>) -> Self {
        let normalized = text.normalized();
        let words = text.tokens.iter().map(|t| normalized.get(t.start..t.end).unwrap_or("")).collect();
        let sentences = text
            .sentences
            .iter()
            .map(|s| SentenceSpan {
                first: s.first_token,
                end: s.end_token,
                casing: text.segments.get(s.segment).map_or(Casing::Mixed, |seg| seg.casing),
            })
            .collect();
        Input { words, sentences }
    }

    /// `from_text`, with the long runs of punctuation and symbols left out of the sentences ("}}]])))</div>",
    /// markup debris; see `DEBRIS_RUN`): the taggers do not read them (their tokens get the part of speech
    /// `SYM`, no chunk and no entity), and the words around them are tagged as at a sentence's edge.
    pub(crate) fn for_taggers(text: &'a Text<'_>) -> Self {
        let mut input = Input::from_text(text);
        let debris =
            |i: usize| text.tokens.get(i).is_some_and(|t| matches!(t.kind, TokenKind::Punct | TokenKind::Symbol));
        let mut sentences = Vec::with_capacity(input.sentences.len());
        for s in &input.sentences {
            let (mut first, mut i) = (s.first, s.first);
            while i < s.end {
                if !debris(i) {
                    i += 1;
                    continue;
                }
                let run = i;
                while i < s.end && debris(i) {
                    i += 1;
                }
                if i - run >= DEBRIS_RUN {
                    if first < run {
                        sentences.push(SentenceSpan { first, end: run, casing: s.casing });
                    }
                    first = i;
                }
            }
            if first < s.end {
                sentences.push(SentenceSpan { first, end: s.end, casing: s.casing });
            }
        }
        input.sentences = sentences;
        input
    }

    /// Appends a sentence; without a casing, it is judged from the words (`text::casing_of`).
    pub fn push_sentence(&mut self, words: &[&'a str], casing: Option<Casing>) {
        let casing = casing.unwrap_or_else(|| casing_of(&words.join(" ")));
        let first = self.words.len();
        self.words.extend_from_slice(words);
        self.sentences.push(SentenceSpan { first, end: self.words.len(), casing });
    }

    /// The words.
    pub fn words(&self) -> &[&'a str] {
        &self.words
    }

    /// The sentences.
    pub fn sentences(&self) -> &[SentenceSpan] {
        &self.sentences
    }
}

/// The stored form of the entity tagger (postcard).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct NerFile {
    /// The first pass: sentence features only.
    pub first: ChainFile,
    /// The second pass: weights of the first pass's findings across the document (`features::History`), added to
    /// the first pass's scores (same scale), with its own transitions.
    pub second: Option<ChainFile>,
    /// Platt scaling of a span's margin (in trained-weight units) into a probability: `sigmoid(a * m + b)`.
    pub calibration: [f32; 2],
}

/// The three taggers and the lexicon they share. `Send + Sync`; load once, share everywhere.
#[derive(Debug)]
pub struct Tagger {
    lexicon: Lexicon,
    pos: Chain,
    pos_tags: Vec<Pos>,
    chunk: Chain,
    chunk_labels: Vec<(Role, ChunkKind)>,
    ner_first: Chain,
    ner_second: Option<Chain>,
    /// The weights of both entity passes in one table (second pass's labels after the first's): one lookup per
    /// feature serves both.
    ner_table: FeatureTable,
    ner_labels: Vec<(Role, EntityKind)>,
    /// 0 for `O`, 1 + `EntityKind` otherwise, per label (what `History` counts).
    ner_types: Vec<u8>,
    calibration: [f32; 2],
}

fn resource_error(reason: impl Into<String>) -> Error {
    Error::resource("tagger", reason.into())
}

impl Tagger {
    /// The taggers embedded in the library, decoded on first use.
    #[cfg(feature = "embedded")]
    pub fn embedded() -> Result<&'static Tagger> {
        crate::resources::embedded::<Tagger>().map(|t| &**t)
    }

    /// Taggers from postcard-encoded `LexiconFile`, part-of-speech and chunk `ChainFile`s and a `NerFile` (the
    /// payloads of `tag-*.bin`, without their headers).
    pub fn from_bytes(lexicon: &[u8], pos: &[u8], chunk: &[u8], ner: &[u8]) -> Result<Tagger> {
        let lexicon = postcard::from_bytes(lexicon).map_err(|e| Error::resource("tag-lexicon.bin", e))?;
        let lexicon = Lexicon::from_file(lexicon).map_err(|e| Error::resource("tag-lexicon.bin", e))?;
        let pos: ChainFile = postcard::from_bytes(pos).map_err(|e| Error::resource("tag-pos.bin", e))?;
        let chunk: ChainFile = postcard::from_bytes(chunk).map_err(|e| Error::resource("tag-chunk.bin", e))?;
        let ner: NerFile = postcard::from_bytes(ner).map_err(|e| Error::resource("tag-ner.bin", e))?;
        Tagger::from_parts(lexicon, pos, chunk, ner)
    }

    /// Taggers from decoded parts (what training evaluates before writing them).
    pub fn from_parts(lexicon: Lexicon, pos: ChainFile, chunk: ChainFile, ner: NerFile) -> Result<Tagger> {
        let pos_tags = pos
            .labels
            .iter()
            .map(|l| Pos::parse(l).ok_or_else(|| resource_error(format!("unknown part of speech {l:?}"))))
            .collect::<Result<Vec<_>>>()?;
        let chunk_labels = span_labels(&chunk.labels, ChunkKind::parse)?;
        let ner_labels = span_labels(&ner.first.labels, EntityKind::parse)?;
        if ner.second.as_ref().is_some_and(|s| s.labels != ner.first.labels) {
            return Err(resource_error("the two entity passes have different labels"));
        }
        let ner_types =
            ner_labels.iter().map(|&(role, kind)| if role == Role::Outside { 0 } else { 1 + kind as u8 }).collect();
        let chain = |name: &str, f: ChainFile| Chain::from_file(f).map_err(|e| resource_error(format!("{name}: {e}")));
        let check = |name: &str, f: &ChainFile| f.validate().map_err(|e| resource_error(format!("{name}: {e}")));
        check("ner", &ner.first)?;
        if let Some(second) = &ner.second {
            check("ner second pass", second)?;
        }
        let ner_table = match &ner.second {
            Some(second) => FeatureTable::from_files(&[&ner.first, second]),
            None => FeatureTable::from_files(&[&ner.first]),
        };
        let decoder = |name: &str, f: ChainFile| Chain::decoder(f).map_err(|e| resource_error(format!("{name}: {e}")));
        let ner_first = decoder("ner", ner.first)?;
        let ner_second = ner.second.map(|f| decoder("ner second pass", f)).transpose()?;
        Ok(Tagger {
            lexicon,
            pos: chain("pos", pos)?,
            pos_tags,
            chunk: chain("chunk", chunk)?,
            chunk_labels,
            ner_first,
            ner_second,
            ner_table,
            ner_labels,
            ner_types,
            calibration: ner.calibration,
        })
    }

    /// The lexicon (word clusters and gazetteer) the taggers read.
    pub fn lexicon(&self) -> &Lexicon {
        &self.lexicon
    }

    /// Parts of speech, chunks and entities of an analysed text.
    pub fn tag(&self, text: &Text<'_>) -> Tags {
        self.tag_input(&Input::from_text(text))
    }

    /// Parts of speech, chunks and entities of a tokenized document.
    pub fn tag_input(&self, input: &Input<'_>) -> Tags {
        let prepared = self.prepare(input);
        let pos = self.pos_tags(&prepared);
        let chunks = self.chunks(&prepared, &pos);
        let entities = self.entities_of(&prepared);
        Tags { pos, chunks, entities }
    }

    /// The entities of a tokenized document, without parts of speech and chunks.
    pub fn entities(&self, input: &Input<'_>) -> Vec<EntitySpan> {
        self.entities_of(&self.prepare(input))
    }

    /// The atoms of a document, which every tagger reads.
    pub fn prepare(&self, input: &Input<'_>) -> Prepared {
        Prepared::new(&input.words, &input.sentences, &self.lexicon)
    }

    /// The part of speech of every token.
    pub fn pos_tags(&self, p: &Prepared) -> Vec<Pos> {
        let paths = run(&self.pos, p, |s, i, out| features::pos_features(p, s, i, out));
        paths.iter().map(|&l| self.pos_tag(l)).collect()
    }

    /// The parts of speech of sentence `k` of a prepared document alone (what `pos_tags` gives its tokens).
    fn sentence_pos(&self, p: &Prepared, k: usize) -> Vec<Pos> {
        let Some(s) = p.sentences().get(k) else { return Vec::new() };
        let mut features = |s, i, out: &mut Vec<u64>| features::pos_features(p, s, i, out);
        let labels = decode_sentence(&self.pos, s, k, &mut features, &mut Scratch::default());
        labels.iter().map(|&l| self.pos_tag(l)).collect()
    }

    /// The part of speech of a label (`SYM` for `OUTSIDE`).
    fn pos_tag(&self, label: u8) -> Pos {
        self.pos_tags.get(label as usize).copied().unwrap_or(Pos::SYM)
    }

    /// The chunks, given every token's part of speech.
    pub fn chunks(&self, p: &Prepared, pos: &[Pos]) -> Vec<Chunk> {
        let pos: Vec<u8> = pos.iter().map(|&t| t as u8).collect();
        let labels = run(&self.chunk, p, |s, i, out| features::chunk_features(p, s, i, &pos, out));
        let mut out = Vec::new();
        for s in p.sentences() {
            let roles = labels[s.first..s.end]
                .iter()
                .map(|&l| self.chunk_labels.get(l as usize).copied().unwrap_or((Role::Outside, ChunkKind::NP)));
            out.extend(spans(roles).into_iter().map(|(a, b, kind)| Chunk {
                first_token: s.first + a,
                end_token: s.first + b,
                kind,
            }));
        }
        out
    }

    pub(crate) fn entities_of(&self, p: &Prepared) -> Vec<EntitySpan> {
        let first = &self.ner_first;
        let n = first.n();
        // Pass one, and the second pass's weights of the same features from the same lookups.
        let mut emissions = vec![0i32; p.len() * n];
        let mut later = vec![0i32; p.len() * n];
        let mut labels = vec![0u8; p.len()];
        let mut feats = Vec::with_capacity(128);
        let mut keys = Keys::default();
        let mut both = vec![0i32; 2 * n];
        for (si, s) in p.sentences().iter().enumerate() {
            if crate::deadline::passed() {
                return Vec::new();
            }
            keys.clear();
            for i in s.first..s.end {
                features::ner_features(p, si, i, &mut feats);
                keys.push(&feats);
            }
            keys.look_up(&self.ner_table, &mut both, |k, both| {
                let i = s.first + k;
                emissions[i * n..(i + 1) * n].copy_from_slice(&both[..n]);
                later[i * n..(i + 1) * n].copy_from_slice(&both[n..]);
            });
            labels[s.first..s.end].copy_from_slice(&first.decode(&emissions[s.first * n..s.end * n]));
        }
        let model = match &self.ner_second {
            Some(second) => {
                // The second pass also reads what the first found across the document.
                let history = History::new(p, &labels, &self.ner_types);
                keys.clear();
                for i in 0..p.len() {
                    keys.push(history.keys(i));
                }
                keys.look_up(&self.ner_table, &mut both, |i, both| {
                    for (dst, add) in later[i * n..(i + 1) * n].iter_mut().zip(&both[n..]) {
                        *dst += add;
                    }
                });
                emissions = later;
                second
            }
            None => first,
        };
        let mut out = Vec::new();
        let [ca, cb] = self.calibration;
        for s in p.sentences() {
            let em = &emissions[s.first * n..s.end * n];
            let path = model.decode(em);
            let roles = path
                .iter()
                .map(|&l| self.ner_labels.get(l as usize).copied().unwrap_or((Role::Outside, EntityKind::MISC)));
            let found = spans(roles);
            if found.is_empty() {
                continue;
            }
            let margins = model.margins(em, &path);
            for (a, b, kind) in found {
                // A span is as sure as its least sure token, including the tokens that bound it.
                let (lo, hi) = (a.saturating_sub(1), (b + 1).min(path.len()));
                let margin = margins.get(lo..hi).and_then(|m| m.iter().min().copied()).unwrap_or(0);
                let m = margin as f32 / model.scale();
                let score = 1.0 / (1.0 + (-(ca * m + cb)).exp());
                out.push(EntitySpan { first_token: s.first + a, end_token: s.first + b, kind, score, margin: m });
            }
        }
        out
    }
}

/// The feature keys of a run of tokens, looked up together so that the memory loads of one token's lookups
/// overlap with the work on the token before.
#[derive(Debug, Default)]
struct Keys {
    keys: Vec<u64>,
    /// End of each token's keys in `keys`.
    ends: Vec<usize>,
}

impl Keys {
    fn clear(&mut self) {
        self.keys.clear();
        self.ends.clear();
    }

    fn push(&mut self, token_keys: &[u64]) {
        self.keys.extend_from_slice(token_keys);
        self.ends.push(self.keys.len());
    }

    fn token(&self, k: usize) -> &[u64] {
        let start = if k == 0 { 0 } else { self.ends.get(k - 1).copied().unwrap_or(0) };
        let end = self.ends.get(k).copied().unwrap_or(start);
        self.keys.get(start..end).unwrap_or(&[])
    }

    /// Sums each token's weights into `scores` (cleared first) and hands them to `each(token, scores)`, with the
    /// next token's table lines loaded ahead (`FeatureTable::touch`).
    fn look_up(&self, table: &FeatureTable, scores: &mut [i32], mut each: impl FnMut(usize, &[i32])) {
        table.touch(self.token(0));
        for k in 0..self.ends.len() {
            table.touch(self.token(k + 1));
            scores.fill(0);
            table.add(self.token(k), scores);
            each(k, scores);
        }
    }
}

/// Decodes every sentence with `model`, features from `features(sentence, token, out)`; one label per token of
/// the document (`OUTSIDE` for tokens outside every sentence).
fn run(model: &Chain, p: &Prepared, mut features: impl FnMut(usize, usize, &mut Vec<u64>)) -> Vec<u8> {
    let mut labels = vec![OUTSIDE; p.len()];
    let mut scratch = Scratch::default();
    for (si, s) in p.sentences().iter().enumerate() {
        if crate::deadline::passed() {
            break;
        }
        labels[s.first..s.end].copy_from_slice(&decode_sentence(model, s, si, &mut features, &mut scratch));
    }
    labels
}

/// The label of a token outside every sentence (markup debris, `Input::for_taggers`): no label of any model
/// (models have at most 255), read as the part of speech `SYM`.
const OUTSIDE: u8 = u8::MAX;

/// What `decode_sentence` reuses from one sentence to the next.
#[derive(Debug, Default)]
struct Scratch {
    emissions: Vec<i32>,
    feats: Vec<u64>,
    keys: Keys,
    scores: Vec<i32>,
}

/// The labels of sentence `si` (`s`) decoded with `model`, features from `features(sentence, token, out)`.
fn decode_sentence(
    model: &Chain,
    s: &SentenceSpan,
    si: usize,
    features: &mut impl FnMut(usize, usize, &mut Vec<u64>),
    scratch: &mut Scratch,
) -> Vec<u8> {
    let Scratch { emissions, feats, keys, scores } = scratch;
    scores.resize(model.n(), 0);
    keys.clear();
    for i in s.first..s.end {
        features(si, i, feats);
        keys.push(feats);
    }
    emissions.clear();
    keys.look_up(model.table(), scores, |_, row| emissions.extend_from_slice(row));
    model.decode(emissions)
}

/// The part of speech of a token, by index: every token's (`[Pos]`), or tagged on first read (`LazyPos`).
pub(crate) trait PosAt {
    /// The part of speech of token `i` (None past the end).
    fn get(&self, i: usize) -> Option<&Pos>;
}

impl PosAt for [Pos] {
    fn get(&self, i: usize) -> Option<&Pos> {
        <[Pos]>::get(self, i)
    }
}

impl PosAt for Vec<Pos> {
    fn get(&self, i: usize) -> Option<&Pos> {
        <[Pos]>::get(self, i)
    }
}

/// Parts of speech tagged a sentence at a time when a token of the sentence is first read: for a pipeline whose
/// only reader of the tags is the entities stage, which reads a few tokens around each name and so leaves a
/// quarter to a third of the sentences of news untagged. Each token reads the tag `Tagger::pos_tags` gives it
/// (the tagger decodes each sentence on its own).
#[derive(Debug)]
pub(crate) struct LazyPos<'a> {
    tagger: &'a Tagger,
    prepared: &'a Prepared,
    sentences: Vec<std::cell::OnceCell<Vec<Pos>>>,
}

impl<'a> LazyPos<'a> {
    pub(crate) fn new(tagger: &'a Tagger, prepared: &'a Prepared) -> Self {
        LazyPos { tagger, prepared, sentences: vec![std::cell::OnceCell::new(); prepared.sentences().len()] }
    }
}

impl PosAt for LazyPos<'_> {
    fn get(&self, i: usize) -> Option<&Pos> {
        if i >= self.prepared.len() {
            return None;
        }
        let sentences = self.prepared.sentences();
        let k = sentences.partition_point(|s| s.end <= i);
        match (sentences.get(k), self.sentences.get(k)) {
            (Some(s), Some(cell)) if s.first <= i => {
                cell.get_or_init(|| self.tagger.sentence_pos(self.prepared, k)).get(i - s.first)
            }
            // Outside every sentence, as `pos_tags` reads it.
            _ => Some(&Pos::SYM),
        }
    }
}

/// Reads span label names ("B-NP", "O") into roles and kinds.
fn span_labels<K: Copy>(names: &[String], parse: impl Fn(&str) -> Option<K>) -> Result<Vec<(Role, K)>> {
    let mut fallback = None;
    let parsed: Vec<(Role, Option<K>)> = names
        .iter()
        .map(|name| {
            let (role, kind) = parse_label(name);
            let k = if role == Role::Outside { None } else { parse(kind) };
            if role != Role::Outside && k.is_none() {
                return Err(resource_error(format!("unknown label {name:?}")));
            }
            fallback = fallback.or(k);
            Ok((role, k))
        })
        .collect::<Result<_>>()?;
    let fallback = fallback.ok_or_else(|| resource_error("no span label"))?;
    Ok(parsed.into_iter().map(|(r, k)| (r, k.unwrap_or(fallback))).collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tag::lexicon::GazKind;

    fn tag(s: &str) -> (Text<'_>, Tags) {
        let text = Text::new(s);
        let tags = Tagger::embedded().unwrap_or_else(|e| panic!("{e}")).tag(&text);
        (text, tags)
    }

    fn entities(text: &Text<'_>, tags: &Tags) -> Vec<(String, &'static str)> {
        tags.entities
            .iter()
            .map(|e| {
                let (a, b) = (text.tokens[e.first_token].start, text.tokens[e.end_token - 1].end);
                (text.normalized()[a..b].to_string(), e.kind.as_str())
            })
            .collect()
    }

    #[test]
    fn tags_a_news_sentence() {
        let (text, tags) = tag("Angela Merkel met Emmanuel Macron in Paris on Monday to discuss the Airbus deal.");
        assert_eq!(tags.pos.len(), text.tokens.len());
        let pos: Vec<&str> = tags.pos.iter().map(|p| p.as_str()).collect();
        assert_eq!(&pos[..3], ["NNP", "NNP", "VBD"]);
        assert_eq!(pos.last(), Some(&"."));
        let found = entities(&text, &tags);
        assert!(found.contains(&("Angela Merkel".into(), "PER")), "{found:?}");
        assert!(found.contains(&("Emmanuel Macron".into(), "PER")), "{found:?}");
        assert!(found.contains(&("Paris".into(), "LOC")), "{found:?}");
        assert!(tags.entities.iter().all(|e| (0.0..=1.0).contains(&e.score)));
        // "met" is a verb group, "in" a preposition, "Paris" a noun phrase.
        let kind_at = |t: usize| tags.chunks.iter().find(|c| c.first_token <= t && t < c.end_token).map(|c| c.kind);
        assert_eq!(kind_at(2), Some(ChunkKind::VP));
        assert_eq!(kind_at(5), Some(ChunkKind::PP));
        assert_eq!(kind_at(6), Some(ChunkKind::NP));
    }

    #[test]
    fn companies_named_as_web_services_are_organisations() {
        // UNER EWT, which the entity model learned from, leaves some services untagged; the gazetteer's company
        // list teaches the tagger the names 1996 Reuters never saw.
        let lexicon = Tagger::embedded().unwrap_or_else(|e| panic!("{e}")).lexicon();
        for name in ["Facebook", "Twitter", "Substack", "Goldman Sachs"] {
            let words: Vec<&str> = name.split(' ').collect();
            assert!(lexicon.phrase_kinds(&words) & GazKind::Company.bit() != 0, "{name}");
        }
        assert_eq!(lexicon.phrase_kinds(&["Paris"]) & GazKind::Company.bit(), 0);
        // Left: after "on" ("said on Facebook", "a newsletter on Substack") the shipped model still reads no name,
        // as UNER EWT dev, which it learned from, tags none there (docs/EVAL.md, "Organisations").
        let mut missed = Vec::new();
        for (s, name) in [
            ("Facebook said it would remove the posts.", "Facebook"),
            ("Netflix raised its prices again this year.", "Netflix"),
        ] {
            let (text, tags) = tag(s);
            let found = entities(&text, &tags);
            if !found.contains(&(name.into(), "ORG")) {
                missed.push(format!("{s}: {found:?}"));
            }
        }
        assert!(missed.is_empty(), "{missed:#?}");
    }

    #[test]
    fn odd_input_does_not_break_the_taggers() {
        let long = "word ".repeat(5000);
        let table = "12.5 13.1 14.0 | 15 16 17\n".repeat(50);
        for s in
            ["", " \n\n ", long.as_str(), table.as_str(), "Путин встретился с Си Цзиньпином 🤝🇨🇳 في بغداد", "😀😀😀 👍🏽"]
        {
            let (text, tags) = tag(s);
            assert_eq!(tags.pos.len(), text.tokens.len());
            for c in &tags.chunks {
                assert!(c.first_token < c.end_token && c.end_token <= text.tokens.len());
            }
            for e in &tags.entities {
                assert!(e.first_token < e.end_token && e.end_token <= text.tokens.len());
            }
        }
    }

    #[test]
    fn parts_of_speech_tagged_on_demand_are_the_documents() {
        let text = Text::new(include_str!("../../tests/fixtures/founding-article.txt"));
        let tagger = Tagger::embedded().unwrap_or_else(|e| panic!("{e}"));
        let prepared = tagger.prepare(&Input::from_text(&text));
        let all = tagger.pos_tags(&prepared);
        let lazy = LazyPos::new(tagger, &prepared);
        // Backwards, so that sentences are tagged out of order.
        for i in (0..all.len() + 2).rev() {
            assert_eq!(PosAt::get(&lazy, i), all.get(i), "token {i}");
        }
    }

    #[test]
    fn markup_debris_is_left_out_of_the_taggers_sentences() {
        let news = Text::new(include_str!("../../tests/fixtures/founding-article.txt"));
        assert_eq!(Input::for_taggers(&news).sentences(), Input::from_text(&news).sentences());
        let text = Text::new("Iran (( [[ said. Iran ((( [[[ {{{ said");
        let input = Input::for_taggers(&text);
        let spans: Vec<(usize, usize)> = input.sentences().iter().map(|s| (s.first, s.end)).collect();
        let words = |(a, b): (usize, usize)| (a..b).map(|i| text.token_text(i)).collect::<Vec<_>>().join(" ");
        let kept: Vec<String> = spans.iter().map(|&s| words(s)).collect();
        assert_eq!(kept, ["Iran ( ( [ [ said .", "Iran", "said"], "{spans:?}");
        let tags = tagger_tags(&text);
        assert_eq!(tags.pos.len(), text.tokens.len());
        let last = text.tokens.len() - 1;
        assert_eq!(tags.pos[last - 1], Pos::SYM, "debris is SYM");
    }

    fn tagger_tags(text: &Text<'_>) -> Tags {
        let tagger = Tagger::embedded().unwrap_or_else(|e| panic!("{e}"));
        let prepared = tagger.prepare(&Input::for_taggers(text));
        let pos = tagger.pos_tags(&prepared);
        let chunks = tagger.chunks(&prepared, &pos);
        Tags { entities: tagger.entities_of(&prepared), pos, chunks }
    }

    #[test]
    fn raw_input_and_text_agree() {
        let text = Text::new("The Kenyan runner won in Berlin.");
        let tagger = Tagger::embedded().unwrap_or_else(|e| panic!("{e}"));
        let words: Vec<&str> = (0..text.tokens.len()).map(|i| text.token_text(i)).collect();
        let mut input = Input::new();
        input.push_sentence(&words, Some(Casing::Mixed));
        assert_eq!(tagger.tag_input(&input), tagger.tag(&text));
    }
}
