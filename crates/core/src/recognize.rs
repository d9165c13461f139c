//! The seam for your own named-entity recognizer: the entities stage reads name spans over Gleaner's tokens from
//! a [`Recognizer`], by default the embedded entity tagger. Everything after it (labels, clustering, places,
//! events, …) runs on your spans as it does on ours.
//!
//! ```
//! use gleaner_core::recognize::{EntityKind, Name, Recognizer, Tokens};
//! use gleaner_core::model::Label;
//! use gleaner_core::{Document, Extractor, Stages};
//!
//! /// Every capitalized word after "at" is an organisation (a toy; a real one would call a model).
//! #[derive(Debug)]
//! struct AtOrganisations;
//!
//! impl Recognizer for AtOrganisations {
//!     fn recognize(&self, tokens: &Tokens<'_>) -> Vec<Name> {
//!         (1..tokens.len())
//!             .filter(|&i| tokens.word(i - 1) == "at" && tokens.word(i).starts_with(char::is_uppercase))
//!             .map(|i| Name { tokens: i..i + 1, kind: EntityKind::ORG, score: 1.0 })
//!             .collect()
//!     }
//! }
//!
//! let extractor = Extractor::builder().recognizer(AtOrganisations).stages(Stages::names()).build()?;
//! let out = extractor.extract(&Document::new("She works at Quillbury in Leeds."))?;
//! assert_eq!(out.mentions.len(), 1);
//! assert_eq!((out.mentions[0].text.as_str(), out.mentions[0].label), ("Quillbury", Label::Org));
//! # Ok::<(), gleaner_core::Error>(())
//! ```

use std::ops::Range;

pub use crate::tag::EntityKind;
use crate::tag::EntitySpan;
use crate::text::Text;

/// Finds the names in a document. `Send + Sync`: one recognizer serves every thread of an extractor.
pub trait Recognizer: Send + Sync + std::fmt::Debug {
    /// The names in `tokens`, as token ranges. Spans that are empty, out of range, or overlap an earlier span are
    /// dropped; the rest are read in text order.
    fn recognize(&self, tokens: &Tokens<'_>) -> Vec<Name>;
}

/// A name found by a [`Recognizer`].
#[derive(Debug, Clone, PartialEq)]
pub struct Name {
    /// Its tokens (indices into [`Tokens`]).
    pub tokens: Range<usize>,
    /// Its CoNLL type; the entities stage refines it into an OntoNotes label (PERSON, GPE, NORP …).
    pub kind: EntityKind,
    /// Confidence in [0, 1], reported as the mentions' `score`.
    pub score: f32,
}

/// A document as Gleaner tokenized it: its tokens, their offsets, its sentences.
#[derive(Debug, Clone, Copy)]
pub struct Tokens<'a> {
    text: &'a Text<'a>,
}

impl<'a> Tokens<'a> {
    pub(crate) fn new(text: &'a Text<'a>) -> Self {
        Tokens { text }
    }

    /// Number of tokens.
    pub fn len(&self) -> usize {
        self.text.tokens.len()
    }

    /// True when the document has no token.
    pub fn is_empty(&self) -> bool {
        self.text.tokens.is_empty()
    }

    /// Token `i` as the taggers read it (after normalization: typographic quotes and dashes made plain); empty
    /// when `i` is out of range.
    pub fn word(&self, i: usize) -> &str {
        self.text.word(i).unwrap_or("")
    }

    /// The byte range of token `i` in the document's text as given; `0..0` when `i` is out of range.
    pub fn span(&self, i: usize) -> Range<usize> {
        self.text.tokens.get(i).map_or(0..0, |t| {
            let (start, end) = self.text.original_bytes(t.start, t.end);
            start..end
        })
    }

    /// The document's text as given.
    pub fn text(&self) -> &'a str {
        self.text.original()
    }

    /// The sentences, as token ranges in order.
    pub fn sentences(&self) -> impl Iterator<Item = Range<usize>> + '_ {
        self.text.sentences.iter().map(|s| s.first_token..s.end_token)
    }
}

/// A recognizer's names as the entities stage reads the tagger's: in order, within the document, not overlapping.
pub(crate) fn spans(names: Vec<Name>, tokens: usize) -> Vec<EntitySpan> {
    let mut names: Vec<Name> =
        names.into_iter().filter(|n| n.tokens.start < n.tokens.end && n.tokens.end <= tokens).collect();
    names.sort_by_key(|n| n.tokens.start);
    let mut out: Vec<EntitySpan> = Vec::with_capacity(names.len());
    for n in names {
        if out.last().is_some_and(|last| n.tokens.start < last.end_token) {
            continue;
        }
        let score = if n.score.is_finite() { n.score.clamp(0.0, 1.0) } else { 0.0 };
        out.push(EntitySpan { first_token: n.tokens.start, end_token: n.tokens.end, kind: n.kind, score, margin: 0.0 });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_are_ordered_in_range_and_disjoint() {
        let name = |a, b, score| Name { tokens: a..b, kind: EntityKind::PER, score };
        let got = spans(vec![name(4, 6, 0.5), name(0, 2, 2.0), name(1, 3, 0.9), name(5, 5, 1.0), name(6, 9, 1.0)], 8);
        let ranges: Vec<(usize, usize, f32)> = got.iter().map(|s| (s.first_token, s.end_token, s.score)).collect();
        assert_eq!(ranges, [(0, 2, 1.0), (4, 6, 0.5)]);
    }
}
