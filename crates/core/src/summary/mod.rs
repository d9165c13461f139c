//! The document-level record of GDELT's knowledge graph: tone, keyphrases, quotations and themes.
//!
//! The stage runs last. It reads the text and, when the earlier stages ran, their noun chunks, entity mentions
//! and event codes ([`Inputs`]); each of its four jobs lives in its own module. Document-level fields ignore
//! `detached` segments (another story's headline left behind by a scraper) and boilerplate (bylines, share
//! buttons); quotations are looked for everywhere.

pub mod gkg;
pub mod keyphrases;
pub mod quotes;
pub mod themes;
pub mod tone;
mod words;

use std::ops::Range;

use crate::model::{self, Extraction, Keyphrase, Label, Span, Tone};
use crate::text::{OffsetConverter, Text};

pub use quotes::Quotation;
pub use themes::{Evidence, ThemeHits};

/// What the summary stage reads: the text and whatever the earlier stages found.
#[derive(Debug, Clone, Copy)]
pub struct Inputs<'a> {
    /// The analysed text.
    pub text: &'a Text<'a>,
    /// Noun chunks as token ranges, in order; empty when the chunker did not run.
    pub noun_chunks: &'a [Range<usize>],
    /// Named-entity mentions as token ranges, in order; empty when the entities stage did not run.
    pub names: &'a [Name],
    /// Pronouns and descriptions resolved to entities, as token ranges, in order; empty when the coreference
    /// stage did not run.
    pub references: &'a [Name],
    /// Coded events (their CAMEO codes are evidence for themes); empty when the events stage did not run.
    pub events: &'a [model::Event],
}

impl<'a> Inputs<'a> {
    /// Inputs with the text alone.
    pub fn text(text: &'a Text<'a>) -> Self {
        Inputs { text, noun_chunks: &[], names: &[], references: &[], events: &[] }
    }
}

/// A named-entity mention as the summary stage needs it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Name {
    /// The mention's tokens.
    pub tokens: Range<usize>,
    /// Index of its entity in `Extraction::entities`.
    pub entity: usize,
    /// Its label.
    pub label: Label,
}

/// The noun phrases among the tagger's chunks, as token ranges.
pub fn noun_chunks(chunks: &[crate::tag::Chunk]) -> Vec<Range<usize>> {
    chunks.iter().filter(|c| c.kind == crate::tag::ChunkKind::NP).map(|c| c.first_token..c.end_token).collect()
}

/// The mentions of the entities stage, as the summary stage reads them.
pub fn names(mentions: &[crate::entities::Mention]) -> Vec<Name> {
    mentions.iter().map(|m| Name { tokens: m.first_token..m.end_token, entity: m.entity, label: m.label }).collect()
}

/// The references of the coreference stage, as the summary stage reads them (with their entities' labels).
pub fn references(references: &crate::coref::References, found: &crate::entities::Entities) -> Vec<Name> {
    references
        .references
        .iter()
        .filter_map(|r| {
            let label = found.entities.get(r.entity)?.label;
            Some(Name { tokens: r.first_token..r.end_token, entity: r.entity, label })
        })
        .collect()
}

/// How much the stage outputs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Options {
    /// Compute a tone for every sentence as well as for the document.
    pub sentence_tone: bool,
    /// At most this many keyphrases.
    pub max_keyphrases: usize,
}

impl Default for Options {
    fn default() -> Self {
        Options { sentence_tone: false, max_keyphrases: 10 }
    }
}

/// What the stage found, in normalized byte offsets.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Summary {
    /// The document's tone.
    pub tone: Tone,
    /// The tone of each sentence, when `Options::sentence_tone` asked for it (else empty).
    pub sentence_tones: Vec<Tone>,
    /// Keyphrases, best first.
    pub keyphrases: Vec<Keyphrase>,
    /// Direct quotations, in text order.
    pub quotes: Vec<Quotation>,
    /// Themes, strongest first.
    pub themes: Vec<ThemeHits>,
}

impl Summary {
    /// Writes the stage's fields into `out` in the caller's offsets: `tone`, `keyphrases`, `quotes`, `themes`,
    /// and the tone of each sentence in `out.sentences` (when both were asked for). Event evidence points into
    /// `out.events`, which must be the events the stage was given.
    pub fn write_into(self, offsets: &OffsetConverter<'_>, out: &mut Extraction) {
        let span = |(start, end): (usize, usize)| {
            let at = offsets.span(start, end);
            Span { start: at.start, end: at.end, field: at.field, text: offsets.text(start, end).to_string() }
        };
        out.tone = Some(self.tone);
        if out.sentences.len() == self.sentence_tones.len() {
            for (sentence, tone) in out.sentences.iter_mut().zip(self.sentence_tones) {
                sentence.tone = Some(tone);
            }
        }
        out.keyphrases = self.keyphrases;
        out.quotes = self
            .quotes
            .into_iter()
            .map(|q| {
                let Span { start, end, field, text } = span((q.start, q.end));
                model::Quote { start, end, field, text, speaker: q.speaker.map(span), entity: q.entity, verb: q.verb }
            })
            .collect();
        out.themes = self
            .themes
            .into_iter()
            .map(|t| {
                let evidence = t
                    .evidence
                    .into_iter()
                    .filter_map(|e| match e {
                        Evidence::Phrase(start, end) => Some(span((start, end))),
                        Evidence::Event(i) => out.events.get(i).map(|event| event.trigger.clone()),
                    })
                    .collect();
                model::Theme { code: t.code, score: t.score, evidence }
            })
            .collect();
    }
}

/// The summary stage with its resources (the tone lexicon and the theme table).
#[derive(Debug, Clone, Copy)]
pub struct Summarizer<'r> {
    lexicon: &'r tone::Lexicon,
    themes: &'r themes::ThemeTable,
}

impl<'r> Summarizer<'r> {
    /// The stage with these resources.
    pub fn new(lexicon: &'r tone::Lexicon, themes: &'r themes::ThemeTable) -> Self {
        Summarizer { lexicon, themes }
    }

    /// The stage with the embedded resources (decoded once per process).
    #[cfg(feature = "embedded")]
    pub fn embedded() -> crate::Result<Summarizer<'static>> {
        Ok(Summarizer { lexicon: tone::Lexicon::embedded()?, themes: themes::ThemeTable::embedded()? })
    }

    /// Runs the four jobs over one document.
    pub fn summarize(&self, inputs: &Inputs<'_>, options: &Options) -> Summary {
        // Past the deadline of the running extraction, what is left is not computed (the pipeline drops it all).
        let passed = crate::deadline::passed;
        let scope = words::Scope::new(inputs.text);
        let lowered = words::Lowered::new(inputs.text);
        let scored = tone::score_sentences(self.lexicon, inputs, &scope, &lowered);
        let tone = scored.document();
        let themes = if passed() { Vec::new() } else { self.themes.assign(inputs, &scope, &lowered, tone.words) };
        let keyphrases =
            if passed() { Vec::new() } else { keyphrases::extract(inputs, &scope, &lowered, options.max_keyphrases) };
        let quotes = if passed() { Vec::new() } else { quotes::find_with(inputs, &lowered) };
        Summary {
            themes,
            tone,
            sentence_tones: if options.sentence_tone { scored.sentences() } else { Vec::new() },
            keyphrases,
            quotes,
        }
    }
}
