//! The text layer every stage stands on: normalization with a map back to the caller's offsets, tokens,
//! sentences, segments and their casing.
//!
//! Stages work on the normalized text in byte offsets; only the pipeline turns those into the caller's offsets
//! (`Text::span`).

mod normalize;
mod offsets;
mod segment;
mod sentence;
mod tokenize;

pub use normalize::{Normalized, OffsetMap, normalize};
pub use offsets::OffsetConverter;
pub use segment::{Segment, casing_of, segment};
pub use sentence::{Sentence, sentences};
pub use tokenize::{Token, is_abbreviation, tokenize};

use crate::model::Offsets;

/// A document's text, analysed: what every later stage reads.
#[derive(Debug)]
pub struct Text<'a> {
    original: &'a str,
    normalized: Normalized<'a>,
    /// Tokens in order, in normalized byte offsets.
    pub tokens: Vec<Token>,
    /// Sentences in order, covering the tokens.
    pub sentences: Vec<Sentence>,
    /// Segments in order.
    pub segments: Vec<Segment>,
}

impl<'a> Text<'a> {
    /// Normalizes, tokenizes and splits `original`.
    pub fn new(original: &'a str) -> Self {
        let normalized = normalize(original);
        let tokens = tokenize(&normalized.text);
        let segments = segment(&normalized.text);
        let sentences = sentences(&normalized.text, &tokens, &segments);
        Text { original, normalized, tokens, sentences, segments }
    }

    /// The caller's text.
    pub fn original(&self) -> &'a str {
        self.original
    }

    /// The normalized text that tokens, sentences and segments point into.
    pub fn normalized(&self) -> &str {
        &self.normalized.text
    }

    /// The text of token `i`.
    pub fn token_text(&self, i: usize) -> &str {
        let t = &self.tokens[i];
        &self.normalized.text[t.start..t.end]
    }

    /// The text of token `i`, if there is one.
    pub fn word(&self, i: usize) -> Option<&str> {
        self.tokens.get(i).map(|t| &self.normalized.text[t.start..t.end])
    }

    /// The tokens of sentence `i`.
    pub fn sentence_tokens(&self, i: usize) -> &[Token] {
        let s = &self.sentences[i];
        &self.tokens[s.first_token..s.end_token]
    }

    /// The sentence that contains token `t` (binary search).
    pub fn sentence_of_token(&self, t: usize) -> usize {
        self.sentences.partition_point(|s| s.end_token <= t)
    }

    /// The byte range in the original text of a normalized byte range.
    pub fn original_bytes(&self, start: usize, end: usize) -> (usize, usize) {
        let map = &self.normalized.map;
        let (s, e) = (map.start(start), map.end(end));
        (s, e.max(s))
    }

    /// A converter from normalized byte offsets to the caller's offsets in `unit`.
    pub fn converter(&self, unit: Offsets) -> OffsetConverter<'_> {
        OffsetConverter::new(self.original, &self.normalized.map, unit)
    }
}
