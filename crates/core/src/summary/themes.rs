//! Themes: what kinds of news a document is, in a small taxonomy (docs/THEMES.md), with the spans that show it.
//!
//! Evidence comes from phrase hits (the issue phrases of the Phoenix dictionaries mapped to our themes, and the
//! curated `data/themes.tsv`) and from coded events (CAMEO codes mapped to themes). Phrases match whole tokens
//! inside a sentence, case-insensitively, the longest phrase first at each place: a blocking phrase ("olive oil")
//! hides the shorter ones inside it ("oil"), and a cancelling phrase ("opec") voids a theme's hits in its sentence
//! ("cartel" as crime).
//! A theme's score grows with its hits per hundred words: `1 - exp(-hits / (1 + words / 100))`.

use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};

use super::Inputs;
use super::words::{Lowered, Scope};
use crate::model::EventMode;
use crate::text::tokenize;
use crate::{Error, Result};

/// At most this many evidence spans are kept per theme (the first in the text).
pub const MAX_EVIDENCE: usize = 10;

/// What a phrase does when it is found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Effect {
    /// It is evidence for its themes.
    Evidence,
    /// It hides shorter phrases inside it and is evidence for nothing.
    Block,
    /// It voids the hits of its themes in its sentence.
    Cancel,
}

/// A phrase and what it means.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rule {
    /// Lower-case words separated by single spaces or hyphens.
    pub phrase: String,
    /// Indices into `ThemeFile::themes`.
    pub themes: Vec<u16>,
    /// Evidence, block or cancel.
    pub effect: Effect,
}

/// The compiled resource: what `cargo xtask resources` writes into `resources/summary-themes.bin`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ThemeFile {
    /// Where the phrases come from.
    pub source: String,
    /// Licence notices of the sources.
    pub notice: String,
    /// Theme codes; rules refer to them by index.
    pub themes: Vec<String>,
    /// Phrase rules, one per distinct phrase.
    pub rules: Vec<Rule>,
    /// CAMEO code prefix and its theme; the longest matching prefix wins.
    pub cameo: Vec<(String, u16)>,
}

/// The theme table, ready to match.
#[derive(Debug)]
pub struct ThemeTable {
    file: ThemeFile,
    /// Every word of every phrase, with its id.
    vocabulary: FxHashMap<Box<str>, u32>,
    /// For each word id, the phrases starting with it (word ids, rule), longest first.
    phrases: Vec<Vec<(Box<[u32]>, usize)>>,
}

/// One piece of evidence for a theme.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Evidence {
    /// A phrase: `[start, end)` in normalized bytes.
    Phrase(usize, usize),
    /// A coded event: index into the document's events (its trigger is the span).
    Event(usize),
}

/// The hits of one theme.
#[derive(Debug, Clone, PartialEq)]
pub struct ThemeHits {
    /// Theme code.
    pub code: String,
    /// Strength in [0, 1].
    pub score: f32,
    /// How many hits in all (evidence keeps the first `MAX_EVIDENCE`).
    pub hits: usize,
    /// The first hits, in text order.
    pub evidence: Vec<Evidence>,
}

impl ThemeTable {
    /// The embedded table, decoded once per process.
    #[cfg(feature = "embedded")]
    pub fn embedded() -> Result<&'static ThemeTable> {
        crate::resources::embedded::<ThemeTable>().map(|t| &**t)
    }

    /// Decodes a compiled table (the payload of `summary-themes.bin`).
    pub fn decode(bytes: &[u8]) -> Result<ThemeTable> {
        let file: ThemeFile = postcard::from_bytes(bytes).map_err(|e| Error::resource("summary-themes.bin", e))?;
        ThemeTable::new(file).map_err(|e| Error::resource("summary-themes.bin", e))
    }

    /// A table from compiled rules.
    pub fn new(file: ThemeFile) -> Result<ThemeTable, String> {
        if file.rules.is_empty() {
            return Err("no theme phrases".into());
        }
        if let Some(bad) = file.rules.iter().flat_map(|r| &r.themes).find(|&&t| usize::from(t) >= file.themes.len()) {
            return Err(format!("theme index {bad} out of range"));
        }
        // Phrases are tokenized as documents are, so "women's rights" and "pre-school" match as they are written.
        let mut vocabulary: FxHashMap<Box<str>, u32> = FxHashMap::default();
        let mut phrases: Vec<Vec<(Box<[u32]>, usize)>> = Vec::new();
        for (i, rule) in file.rules.iter().enumerate() {
            let phrase = rule.phrase.to_lowercase();
            let ids: Box<[u32]> = tokenize(&phrase)
                .iter()
                .map(|t| {
                    let word = phrase.get(t.start..t.end).unwrap_or("");
                    let next = vocabulary.len() as u32;
                    *vocabulary.entry(word.into()).or_insert(next)
                })
                .collect();
            let Some(&first) = ids.first() else { continue };
            phrases.resize_with(vocabulary.len(), Vec::new);
            phrases[first as usize].push((ids, i));
        }
        for list in &mut phrases {
            list.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then(a.1.cmp(&b.1)));
        }
        Ok(ThemeTable { file, vocabulary, phrases })
    }

    /// The rule of a one-word phrase.
    fn single_word(&self, word: &str) -> Option<usize> {
        let id = *self.vocabulary.get(word)?;
        self.phrases.get(id as usize)?.iter().find(|(phrase, _)| phrase.len() == 1).map(|(_, rule)| *rule)
    }

    /// The theme codes, in the table's order.
    pub fn codes(&self) -> impl Iterator<Item = &str> {
        self.file.themes.iter().map(String::as_str)
    }

    /// Where the phrases come from, and their licences.
    pub fn provenance(&self) -> (&str, &str) {
        (&self.file.source, &self.file.notice)
    }

    /// The theme of a CAMEO code, by its longest listed prefix.
    pub fn theme_of_cameo(&self, code: &str) -> Option<&str> {
        self.cameo_theme(code).and_then(|t| self.file.themes.get(usize::from(t))).map(String::as_str)
    }

    fn cameo_theme(&self, code: &str) -> Option<u16> {
        self.file
            .cameo
            .iter()
            .filter(|(prefix, _)| code.starts_with(prefix.as_str()))
            .max_by_key(|(p, _)| p.len())
            .map(|(_, t)| *t)
    }

    /// The themes of a document, strongest first; `words` is the number of words in scope.
    pub(crate) fn assign(&self, inputs: &Inputs<'_>, scope: &Scope, lowered: &Lowered, words: usize) -> Vec<ThemeHits> {
        let text = inputs.text;
        // The longest phrase at each token, left to right, inside each sentence of the article.
        let mut kept: Vec<(usize, usize, usize)> = Vec::new(); // (start byte, end byte, rule)
        let mut ids: Vec<u32> = Vec::new();
        for (si, sentence) in text.sentences.iter().enumerate() {
            if !scope.contains(si) {
                continue;
            }
            ids.clear();
            ids.extend(
                (sentence.first_token..sentence.end_token)
                    .map(|t| self.vocabulary.get(lowered.get(t)).copied().unwrap_or(u32::MAX)),
            );
            let mut k = 0;
            while k < ids.len() {
                let found = self
                    .phrases
                    .get(ids[k] as usize)
                    .and_then(|list| list.iter().find(|(phrase, _)| ids[k..].starts_with(phrase)));
                match found {
                    Some((phrase, rule)) => {
                        let first = sentence.first_token + k;
                        let last = first + phrase.len() - 1;
                        if let (Some(a), Some(b)) = (text.tokens.get(first), text.tokens.get(last)) {
                            kept.push((a.start, b.end, *rule));
                        }
                        k += phrase.len();
                    }
                    None => {
                        // A hyphenated word counts for the one-word phrases of its parts ("war-torn", "oil-rich").
                        let t = sentence.first_token + k;
                        let word = lowered.get(t);
                        if word.contains('-')
                            && let Some(token) = text.tokens.get(t)
                        {
                            let mut offset = 0;
                            for part in word.split('-') {
                                if let Some(rule) = self.single_word(part) {
                                    kept.push((token.start + offset, token.start + offset + part.len(), rule));
                                }
                                offset += part.len() + 1;
                            }
                        }
                        k += 1;
                    }
                }
            }
        }
        let sentence_of = |at: usize| text.sentences.partition_point(|s| s.end <= at);
        let cancelled: Vec<(usize, u16)> = kept
            .iter()
            .filter_map(|&(start, _, rule)| self.file.rules.get(rule).map(|r| (start, r)))
            .filter(|(_, r)| r.effect == Effect::Cancel)
            .flat_map(|(start, r)| r.themes.iter().map(move |&t| (sentence_of(start), t)))
            .collect();
        // Each theme's evidence with where it lies: (sentence, place in it, evidence).
        let mut hits: Vec<Vec<(usize, usize, Evidence)>> = vec![Vec::new(); self.file.themes.len()];
        for &(start, end, rule) in &kept {
            let Some(r) = self.file.rules.get(rule).filter(|r| r.effect == Effect::Evidence) else { continue };
            let sentence = sentence_of(start);
            for &t in &r.themes {
                if !cancelled.contains(&(sentence, t))
                    && let Some(list) = hits.get_mut(usize::from(t))
                {
                    list.push((sentence, start, Evidence::Phrase(start, end)));
                }
            }
        }
        let mut triggers = Vec::new();
        for (i, event) in inputs.events.iter().enumerate() {
            // A negated event did not happen, and two codings of one trigger are one piece of evidence.
            let trigger = (event.sentence, event.trigger.start);
            if !scope.contains(event.sentence) || event.mode == EventMode::Negated || triggers.contains(&trigger) {
                continue;
            }
            triggers.push(trigger);
            if let Some(list) = self.cameo_theme(&event.cameo).and_then(|t| hits.get_mut(usize::from(t))) {
                list.push((event.sentence, usize::MAX, Evidence::Event(i)));
            }
        }
        let scale = 1.0 + words as f32 / 100.0;
        let mut themes: Vec<ThemeHits> = hits
            .into_iter()
            .zip(&self.file.themes)
            .filter(|(list, _)| !list.is_empty())
            .map(|(mut list, code)| {
                list.sort_unstable();
                list.dedup();
                let n = list.len();
                let evidence = list.into_iter().take(MAX_EVIDENCE).map(|(_, _, e)| e).collect();
                ThemeHits { code: code.clone(), score: 1.0 - (-(n as f32) / scale).exp(), hits: n, evidence }
            })
            .collect();
        themes.sort_by(|a, b| b.hits.cmp(&a.hits).then_with(|| a.code.cmp(&b.code)));
        themes
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Event, EventActor, Span};
    use crate::text::Text;

    fn table() -> ThemeTable {
        let rule =
            |phrase: &str, themes: &[u16], effect| Rule { phrase: phrase.into(), themes: themes.to_vec(), effect };
        ThemeTable::new(ThemeFile {
            source: "test".into(),
            notice: String::new(),
            themes: vec!["CRIME".into(), "ENERGY".into(), "PROTEST".into()],
            rules: vec![
                rule("oil", &[1], Effect::Evidence),
                rule("olive oil", &[], Effect::Block),
                rule("cartel", &[0], Effect::Evidence),
                rule("opec", &[0], Effect::Cancel),
                rule("protesters", &[2], Effect::Evidence),
            ],
            cameo: vec![("14".into(), 2), ("1".into(), 0)],
        })
        .unwrap_or_else(|e| panic!("{e}"))
    }

    fn themes(text: &str, events: &[Event]) -> Vec<ThemeHits> {
        let text = Text::new(text);
        let inputs = Inputs { events, ..Inputs::text(&text) };
        table().assign(&inputs, &Scope::new(&text), &Lowered::new(&text), 20)
    }

    #[test]
    fn whole_words_longest_first() {
        let found = themes("Oil prices rose. Olive oil did not. Turmoil, toil and oil-rich states followed.", &[]);
        assert_eq!(found.len(), 1);
        assert_eq!((found[0].code.as_str(), found[0].hits), ("ENERGY", 2), "{found:?}");
        assert_eq!(found[0].evidence, vec![Evidence::Phrase(0, 3), Evidence::Phrase(54, 57)]);
    }

    #[test]
    fn cancel_voids_its_sentence_only() {
        let found = themes("The OPEC cartel met. Police broke up a drug cartel.", &[]);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].hits, 1);
        assert_eq!(found[0].evidence, vec![Evidence::Phrase(44, 50)]);
    }

    #[test]
    fn events_are_evidence() {
        let actor = EventActor { entity: None, code: "IRNCOP".into(), text: "police".into() };
        let event = Event {
            sentence: 0,
            trigger: Span { start: 12, end: 17, field: crate::model::Field::Text, text: "fired".into() },
            cameo: "145".into(),
            plover: None,
            quad_class: 4,
            goldstein: -7.0,
            source: actor,
            target: None,
            place: None,
            time: None,
            mode: EventMode::Asserted,
            score: 0.5,
        };
        let twice = Event { source: EventActor { code: "IRN".into(), ..event.source.clone() }, ..event.clone() };
        let negated = Event { mode: EventMode::Negated, ..event.clone() };
        let found = themes("Riot police fired tear gas.", &[event, twice]);
        assert_eq!(found[0].code, "PROTEST");
        assert_eq!(found[0].evidence, vec![Evidence::Event(0)]);
        assert!(themes("Riot police fired tear gas.", &[negated]).is_empty());
        assert!(table().theme_of_cameo("173") == Some("CRIME") && table().theme_of_cameo("0").is_none());
    }

    #[test]
    fn score_grows_with_hits() {
        let one = themes("Protesters gathered.", &[]);
        let two = themes("Protesters gathered. More protesters came.", &[]);
        assert!(one[0].score > 0.0 && two[0].score > one[0].score && two[0].score < 1.0);
    }
}
