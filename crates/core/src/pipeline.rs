//! `Extractor` runs the stages over a document, in order, and assembles the `Extraction`; it owns nothing else.

use crate::model::{self, Document, Extraction, Offsets, Stats, Warning};
use crate::tag::Tagger;
use crate::text::Text;
use crate::{Error, Result};

/// What to extract and how to report it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize, schemars::JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct Config {
    /// The unit of output offsets.
    pub offsets: Offsets,
    /// Output the sentences.
    pub sentences: bool,
    /// Output the tokens.
    pub tokens: bool,
    /// Refuse documents longer than this many UTF-8 bytes.
    pub max_bytes: usize,
}

impl Default for Config {
    fn default() -> Self {
        Config { offsets: Offsets::Chars, sentences: false, tokens: false, max_bytes: 64 << 20 }
    }
}

/// The extraction engine. `Send + Sync`: share one across threads.
#[derive(Debug, Clone)]
pub struct Extractor {
    config: Config,
    tagger: &'static Tagger,
}

impl Extractor {
    /// An extractor with the embedded resources.
    pub fn new(config: Config) -> Result<Self> {
        Ok(Extractor { config, tagger: Tagger::embedded()? })
    }

    /// The configuration this extractor runs with.
    pub fn config(&self) -> &Config {
        &self.config
    }

    /// Extracts everything from one document.
    pub fn extract(&self, doc: &Document) -> Result<Extraction> {
        if doc.text.len() > self.config.max_bytes {
            return Err(Error::DocumentTooLarge { bytes: doc.text.len(), limit: self.config.max_bytes });
        }
        let mut warnings = Vec::new();
        let published = doc.published.as_deref().and_then(|p| match parse_published(p) {
            Some(date) => Some(date),
            None => {
                warnings.push(Warning {
                    code: "bad_published".into(),
                    message: format!(
                        "published {p:?} is not an ISO 8601 or RFC 2822 date; relative dates stay unanchored"
                    ),
                });
                None
            }
        });
        let text = Text::new(&doc.text);
        let offsets = text.converter(self.config.offsets);
        let span = |start: usize, end: usize| offsets.span(start, end);

        let segments = text
            .segments
            .iter()
            .map(|s| {
                let (start, end) = span(s.start, s.end);
                model::Segment { start, end, kind: s.kind, casing: s.casing, detached: s.detached }
            })
            .collect();
        let sentences = if self.config.sentences {
            text.sentences
                .iter()
                .map(|s| {
                    let (start, end) = span(s.start, s.end);
                    model::Sentence { start, end, segment: s.segment }
                })
                .collect()
        } else {
            Vec::new()
        };
        let tags = self.tagger.tag(&text);
        let found = crate::entities::resolve(&text, &tags, self.tagger.lexicon());
        let mentions = found
            .mentions
            .iter()
            .map(|m| {
                let (start, end) = span(m.start, m.end);
                let text = offsets.text(m.start, m.end).to_string();
                let (label, entity, sentence, segment, score) = (m.label, m.entity, m.sentence, m.segment, m.score);
                model::Mention { start, end, text, label, entity, sentence, segment, score }
            })
            .collect();
        let entities = found
            .entities
            .iter()
            .enumerate()
            .map(|(id, e)| {
                let name = found.mentions.get(e.name_mention).map_or("", |m| offsets.text(m.start, m.end));
                model::Entity {
                    id,
                    label: e.label,
                    name: name.to_string(),
                    mentions: e.mentions.clone(),
                    salience: e.salience,
                    place: None,
                    role: e.role.map(|(a, b)| offsets.text(a, b).to_string()),
                    affiliation: e.affiliation,
                    actor: None,
                }
            })
            .collect();
        let found_times = crate::time::find(&text, published);
        let quantities = crate::quantity::find(&text, &found_times)
            .into_iter()
            .map(|q| {
                let (start, end) = span(q.start, q.end);
                model::Quantity {
                    start,
                    end,
                    text: offsets.text(q.start, q.end).to_string(),
                    kind: q.kind,
                    value: q.value,
                    high: q.high,
                    unit: q.unit,
                    approximate: q.approximate,
                    event: q.event,
                    sentence: q.sentence,
                }
            })
            .collect();
        let times = found_times
            .into_iter()
            .map(|t| {
                let (start, end) = span(t.start, t.end);
                let text = offsets.text(t.start, t.end).to_string();
                model::Time {
                    start,
                    end,
                    text,
                    kind: t.kind,
                    value: t.value,
                    anchored: t.anchored,
                    sentence: t.sentence,
                }
            })
            .collect();
        let tokens = if self.config.tokens {
            text.tokens
                .iter()
                .map(|t| {
                    let (start, end) = span(t.start, t.end);
                    model::Token { start, end, kind: t.kind }
                })
                .collect()
        } else {
            Vec::new()
        };
        Ok(Extraction {
            schema: model::SCHEMA.to_string(),
            id: doc.id.clone(),
            published: published.map(|d| d.to_string()),
            offsets: self.config.offsets,
            stats: Stats {
                chars: doc.text.chars().count(),
                tokens: text.tokens.len(),
                sentences: text.sentences.len(),
            },
            segments,
            sentences,
            mentions,
            entities,
            tokens,
            times,
            quantities,
            warnings,
            ..Extraction::default()
        })
    }
}

/// The calendar date of a `published` value: an ISO 8601 date or timestamp, or an RFC 2822 date.
pub fn parse_published(value: &str) -> Option<jiff::civil::Date> {
    let value = value.trim();
    // A timestamp with an offset: the date as written, which is the local date of publication.
    if value.parse::<jiff::Timestamp>().is_ok() {
        return value.get(..10)?.parse::<jiff::civil::Date>().ok();
    }
    if let Ok(dt) = value.parse::<jiff::civil::DateTime>() {
        return Some(dt.date());
    }
    if let Ok(date) = value.parse::<jiff::civil::Date>() {
        return Some(date);
    }
    jiff::fmt::rfc2822::parse(value).ok().map(|z| z.date())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn published_formats() {
        for v in [
            "2024-09-11",
            "2024-09-11T08:00:00Z",
            "2024-09-11T08:00:00+03:00",
            "2024-09-11 08:00:00",
            "Wed, 11 Sep 2024 08:00:00 +0000",
        ] {
            assert_eq!(parse_published(v).map(|d| d.to_string()).as_deref(), Some("2024-09-11"), "{v}");
        }
        assert_eq!(parse_published("last Tuesday"), None);
        assert_eq!(parse_published("2024-02-30"), None);
    }

    #[test]
    fn times_and_quantities_in_caller_offsets() {
        let extractor = Extractor::new(Config::default()).unwrap_or_else(|e| panic!("{e}"));
        let text = "Café owners said 2,500 troops arrived on Tuesday, costing $1.13bn.";
        let doc = Document { published: Some("2024-09-11".into()), ..Document::new(text) };
        let out = extractor.extract(&doc).unwrap_or_else(|e| panic!("{e}"));
        let chars: Vec<char> = text.chars().collect();
        let slice = |s: usize, e: usize| chars[s..e].iter().collect::<String>();
        assert_eq!(out.times.len(), 1);
        assert_eq!(
            (slice(out.times[0].start, out.times[0].end), out.times[0].value.as_str()),
            ("Tuesday".into(), "2024-09-10")
        );
        assert!(out.times[0].anchored);
        let q: Vec<(String, f64)> = out.quantities.iter().map(|q| (slice(q.start, q.end), q.value)).collect();
        assert_eq!(q, [("2,500 troops".to_string(), 2500.0), ("$1.13bn".to_string(), 1_130_000_000.0)]);
        assert_eq!(out.quantities[1].unit.as_deref(), Some("USD"));
        assert_eq!(out.quantities[0].text, "2,500 troops");
    }

    #[test]
    fn bad_published_leaves_dates_unanchored() {
        let extractor = Extractor::new(Config::default()).unwrap_or_else(|e| panic!("{e}"));
        let doc = Document { published: Some("11/09/2024 or so".into()), ..Document::new("They met last week.") };
        let out = extractor.extract(&doc).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(out.warnings[0].code, "bad_published");
        assert_eq!((out.times[0].value.as_str(), out.times[0].anchored), ("XXXX-WXX", false));
    }

    #[test]
    fn bad_published_is_a_warning() {
        let extractor = Extractor::new(Config::default()).unwrap_or_else(|e| panic!("{e}"));
        let doc = Document { published: Some("yesterday".into()), ..Document::new("Hello.") };
        let out = extractor.extract(&doc).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(out.warnings[0].code, "bad_published");
        assert_eq!(out.published, None);
    }
}
