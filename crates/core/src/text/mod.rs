//! The text layer every stage stands on: normalization with a map back to the caller's offsets, tokens,
//! sentences, segments and their casing.
//!
//! Stages work on the normalized text in byte offsets; only the pipeline turns those into the caller's offsets
//! (`Text::converter`). A document's title is read with its body as one text ([`Composed`]): the title, a blank
//! line, the body; the converter maps every span back to the field it lies in.

mod normalize;
mod offsets;
mod segment;
mod sentence;
mod tokenize;

pub use normalize::{Normalized, OffsetMap, normalize};
pub use offsets::{Located, OffsetConverter};
pub use segment::{Segment, casing_of, segment};
pub use sentence::{Sentence, sentences};
pub use tokenize::{Token, is_abbreviation, tokenize};

use std::borrow::Cow;

use crate::model::{Offsets, SegmentKind};

/// What lies between the title and the body of a composed text: a blank line, so that no token, sentence or
/// segment runs from one into the other.
const SEPARATOR: &str = "\n\n";

/// The text the stages read: a document's title (when there is one to read), a blank line and its body.
#[derive(Debug, Clone)]
pub struct Composed<'a> {
    text: Cow<'a, str>,
    split: Option<Split>,
}

/// Where the title ends and the body starts in a composed text, in its bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Split {
    /// One past the title's last byte.
    pub title_end: usize,
    /// The body's first byte.
    pub body_start: usize,
}

impl<'a> Composed<'a> {
    /// The title and the body laid end to end; the body alone (borrowed) when the title is absent, blank, or
    /// the body's first line already (a title that the text repeats is read there, once).
    pub fn new(title: Option<&str>, body: &'a str) -> Self {
        match title.filter(|t| !t.trim().is_empty() && !same_words(t, body.lines().next().unwrap_or(""))) {
            None => Composed { text: Cow::Borrowed(body), split: None },
            Some(title) => {
                let split = Split { title_end: title.len(), body_start: title.len() + SEPARATOR.len() };
                Composed { text: Cow::Owned([title, SEPARATOR, body].concat()), split: Some(split) }
            }
        }
    }

    /// The composed text.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// Where the title ends and the body starts, when there is a title.
    pub fn split(&self) -> Option<Split> {
        self.split
    }
}

/// True when `a` and `b` are the same words, whatever their spacing and case.
fn same_words(a: &str, b: &str) -> bool {
    let (mut a, mut b) = (a.split_whitespace(), b.split_whitespace());
    loop {
        match (a.next(), b.next()) {
            (None, None) => return true,
            (Some(x), Some(y)) if x.to_lowercase() == y.to_lowercase() => {}
            _ => return false,
        }
    }
}

/// A document's text, analysed: what every later stage reads.
#[derive(Debug)]
pub struct Text<'a> {
    original: &'a str,
    /// Where the title ends and the body starts in `original`, when it holds a title.
    split: Option<Split>,
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
        Text::analyse(original, None)
    }

    /// Normalizes, tokenizes and splits a title and body: the title is the first segment, a headline whatever
    /// its casing (which is measured as any segment's), and the body's segments follow.
    pub fn composed(composed: &'a Composed<'_>) -> Self {
        Text::analyse(composed.text(), composed.split())
    }

    fn analyse(original: &'a str, split: Option<Split>) -> Self {
        let normalized = normalize(original);
        let tokens = keep_replacements_whole(tokenize(&normalized.text), &normalized.map);
        let segments = match split {
            None => segment(&normalized.text),
            Some(split) => {
                let text = &normalized.text;
                let title_end = normalized.map.normalized(split.title_end, text.len());
                let body_start = normalized.map.normalized(split.body_start, text.len());
                let title = &text[..title_end];
                let start = title.len() - title.trim_start().len();
                let end = start + title.trim().len();
                let casing = casing_of(&title[start..end]);
                // (A title that normalization leaves blank, such as a lone zero-width space, is no segment.)
                let headline = (start < end).then_some(Segment {
                    start,
                    end,
                    kind: SegmentKind::Headline,
                    casing,
                    detached: false,
                });
                let body = segment(&text[body_start..]).into_iter().map(|s| Segment {
                    start: s.start + body_start,
                    end: s.end + body_start,
                    ..s
                });
                headline.into_iter().chain(body).collect()
            }
        };
        let sentences = sentences(&normalized.text, &tokens, &segments);
        Text { original, split, normalized, tokens, sentences, segments }
    }

    /// The text the stages read, in the caller's characters: the document's text, or its title and text
    /// composed (see [`Composed`]).
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
        OffsetConverter::new(self.original, &self.normalized.map, self.split, unit)
    }
}

/// Tokens that would split the text replacing one original character ("Mr…" read as "Mr..." and split "Mr." +
/// "..") would overlap in the caller's text, where that character is one: they are joined.
fn keep_replacements_whole(tokens: Vec<Token>, map: &OffsetMap) -> Vec<Token> {
    if map.is_identity() {
        return tokens;
    }
    let mut kept: Vec<Token> = Vec::with_capacity(tokens.len());
    for token in tokens {
        match kept.last_mut() {
            Some(last) if map.inside_replacement(token.start) || map.inside_replacement(last.end) => {
                last.end = token.end;
            }
            _ => kept.push(token),
        }
    }
    kept
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_two_tokens_share_one_original_character() {
        for original in ["Mr\u{2026} Smith", "\u{FB01}\u{2026} ", "a\u{2014}\u{2014}b", "Co\u{2026}."] {
            let text = Text::new(original);
            let converter = text.converter(Offsets::Bytes);
            let spans: Vec<(usize, usize)> =
                text.tokens.iter().map(|t| converter.span(t.start, t.end)).map(|l| (l.start, l.end)).collect();
            for pair in spans.windows(2) {
                assert!(pair[0].1 <= pair[1].0, "{original:?}: {spans:?}");
            }
            assert!(spans.iter().all(|(s, e)| s < e), "{original:?}: {spans:?}");
        }
    }
}
