//! `Extractor` runs the stages over a document, in order, and assembles the `Extraction`; it owns nothing else.
//!
//! # How a stage is added
//!
//! Data flows one way: each stage reads what earlier stages left in [`Analysis`] and adds its own findings.
//!
//! 1. A field in `Analysis` for what the stage finds (left empty when the stage is off).
//! 2. A method `Extractor::run_<stage>` that reads earlier fields and fills its own; its resources live in
//!    [`Resources`], its options in [`Config`] (`config.rs`).
//! 3. A line in `Extractor::analyse`, in data-flow order, behind its switch in [`Stages`] if it can be off (a
//!    switch also goes into `Stages::with_inputs`, which turns on the stages it reads).
//! 4. Its part of the record in `Extractor::assemble`, converted to the caller's offsets by the `Assembler`.

use std::sync::Arc;

use crate::config::{Config, Stages};
use crate::deadline::check;
use crate::model::{self, Document, Extraction, Label, Stats, Warning};
use crate::parse::Parse;
use crate::recognize::{self, Recognizer};
use crate::resources::Resources;
use crate::summary;
use crate::tag::features::Prepared;
use crate::tag::{Input, LazyPos, Tags};
use crate::text::{Composed, Located, OffsetConverter, Text};
use crate::{Error, Result, events, geo};

/// The extraction engine. `Send + Sync`: share one across threads.
#[derive(Debug, Clone)]
pub struct Extractor {
    config: Config,
    resources: Resources,
    /// The names' recognizer when it is not the embedded entity tagger.
    recognizer: Option<Arc<dyn Recognizer>>,
    /// The toponym ranker's weights: the shipped ones with `config.places.weights` applied.
    place_weights: geo::Weights,
}

/// Builds an [`Extractor`]: its resources, configuration, stages and recognizer.
///
/// ```
/// use gleaner_core::{Document, Extractor, Stages};
///
/// let names = Extractor::builder().stages(Stages::names()).build()?;
/// let out = names.extract(&Document::new("Iran's president Masoud Pezeshkian arrived in Baghdad."))?;
/// assert_eq!(out.entities.len(), 3);
/// assert!(out.times.is_empty() && out.events.is_empty() && out.tone.is_none());
/// # Ok::<(), gleaner_core::Error>(())
/// ```
#[derive(Debug, Clone, Default)]
pub struct ExtractorBuilder {
    config: Config,
    resources: Option<Resources>,
    recognizer: Option<Arc<dyn Recognizer>>,
}

impl ExtractorBuilder {
    /// The configuration (its `stages` are replaced by a later call to `stages`).
    pub fn config(mut self, config: Config) -> Self {
        self.config = config;
        self
    }

    /// The stages that run (see [`Stages`]: a stage turns on the stages it reads).
    pub fn stages(mut self, stages: Stages) -> Self {
        self.config.stages = stages;
        self
    }

    /// The resources: [`Resources::from_dir`] for retrained or rebuilt files; the embedded ones by default.
    pub fn resources(mut self, resources: Resources) -> Self {
        self.resources = Some(resources);
        self
    }

    /// Your own recognizer in place of the entity tagger (see [`recognize`](crate::recognize)).
    pub fn recognizer(mut self, recognizer: impl Recognizer + 'static) -> Self {
        self.recognizer = Some(Arc::new(recognizer));
        self
    }

    /// The extractor. Fails when the resources cannot be loaded or the configuration names something unknown.
    pub fn build(self) -> Result<Extractor> {
        let resources = match self.resources {
            Some(r) => r,
            #[cfg(feature = "embedded")]
            None => Resources::embedded()?,
            #[cfg(not(feature = "embedded"))]
            None => {
                return Err(Error::Config(
                    "no resources: without the `embedded` feature, give them with `resources(Resources::from_dir(…))`"
                        .into(),
                ));
            }
        };
        let mut place_weights = geo::WEIGHTS;
        for (name, &weight) in &self.config.places.weights {
            let Some(i) = geo::FEATURE_NAMES.iter().position(|f| f == name) else {
                return Err(Error::Config(format!(
                    "places.weights: no ranker feature is named {name:?} (they are {})",
                    geo::FEATURE_NAMES.join(", ")
                )));
            };
            place_weights[i] = weight;
        }
        let mut config = self.config;
        config.stages = config.stages.with_inputs();
        // The parts the stages read, decoded now (a part that fails to decode fails here, not in `extract`).
        let on = &config.stages;
        if config.parses() || config.events_parse() {
            resources.parser()?;
        }
        if on.coref {
            resources.given_names()?;
        }
        if on.places {
            resources.gazetteer()?;
        }
        if on.events {
            resources.events()?;
        }
        if on.summary {
            resources.summarizer()?;
        }
        Ok(Extractor { config, resources, recognizer: self.recognizer, place_weights })
    }
}

/// What the stages found in one document so far, in normalized byte offsets and token indices. Each stage
/// fills its own fields; a stage that is off leaves them empty.
struct Analysis<'t> {
    text: Text<'t>,
    published: Option<jiff::civil::Date>,
    warnings: Vec<Warning>,
    /// Taggers: parts of speech (whenever a stage reads them), chunks (for the summary), names (for the entities).
    tags: Tags,
    /// The dependency parse: each token's head and relation.
    parse: Parse,
    /// Entities: mentions and their clusters.
    found: crate::entities::Entities,
    /// Coreference: the pronouns and descriptions that refer to the entities (read with the chunks).
    references: crate::coref::References,
    /// Places: the place mentions and what they resolved to.
    toponyms: Toponyms,
    resolution: geo::Resolution,
    /// Times and quantities.
    times: Vec<crate::time::Timex>,
    quantities: Vec<crate::quantity::Amount>,
    /// Events.
    coded: events::stage::Coded,
}

impl Extractor {
    /// An extractor with the embedded resources and this configuration (what `Extractor::builder()` builds
    /// with `config(config)`).
    #[cfg(feature = "embedded")]
    pub fn new(config: Config) -> Result<Self> {
        Extractor::builder().config(config).build()
    }

    /// A builder: resources, configuration, stages, recognizer.
    pub fn builder() -> ExtractorBuilder {
        ExtractorBuilder::default()
    }

    /// The configuration this extractor runs with (its stages with the stages they read).
    pub fn config(&self) -> &Config {
        &self.config
    }

    /// The resources this extractor reads.
    pub fn resources(&self) -> &Resources {
        &self.resources
    }

    /// Extracts what the configured stages find in one document: its title (read as its first segment) and
    /// its text.
    pub fn extract(&self, doc: &Document) -> Result<Extraction> {
        self.extract_by(doc, None)
    }

    /// `extract`, giving up at `deadline`: once it has passed, the running stage stops within a sentence or so
    /// and the result is `Error::DeadlinePassed`. For callers with a time limit (a server's request timeout),
    /// whose thread is then free again within a bounded time, whatever the document.
    pub fn extract_until(&self, doc: &Document, deadline: std::time::Instant) -> Result<Extraction> {
        self.extract_by(doc, Some(deadline))
    }

    fn extract_by(&self, doc: &Document, deadline: Option<std::time::Instant>) -> Result<Extraction> {
        let _deadline = crate::deadline::Scope::new(deadline);
        let composed = Composed::new(doc.title.as_deref(), &doc.text);
        if composed.text().len() > self.config.max_bytes {
            return Err(Error::DocumentTooLarge { bytes: composed.text().len(), limit: self.config.max_bytes });
        }
        let mut warnings = Vec::new();
        let published = doc.published.as_deref().and_then(|p| {
            let date = parse_published(p);
            if date.is_none() {
                warnings.push(Warning {
                    code: "bad_published".into(),
                    message: format!(
                        "published {p:?} is not an ISO 8601 or RFC 2822 date; relative dates stay unanchored"
                    ),
                });
            }
            date
        });
        let mut a = Analysis {
            text: Text::composed(&composed),
            published,
            warnings,
            tags: Tags::default(),
            parse: Parse::default(),
            found: Default::default(),
            references: Default::default(),
            toponyms: Toponyms::default(),
            resolution: Default::default(),
            times: Vec::new(),
            quantities: Vec::new(),
            coded: Default::default(),
        };
        check("text")?;
        self.analyse(&mut a)?;
        self.assemble(doc, a)
    }

    /// The stages, in the order data flows through them; each is followed by a look at the deadline (a stage
    /// cut short by it leaves partial findings, which go no further).
    fn analyse(&self, a: &mut Analysis<'_>) -> Result<()> {
        let on = &self.config.stages;
        let mut prepared = None;
        if on.tags() || self.config.parses() {
            prepared = Some(self.run_tagger(a));
            check("tagger")?;
        }
        if self.config.parses() {
            self.run_parser(a)?;
            check("parse")?;
        }
        if on.entities {
            self.run_entities(a, prepared.as_ref());
            check("entities")?;
        }
        if on.coref {
            a.references = crate::coref::resolve(&a.text, &a.tags, &a.found, self.resources.given_names()?);
            check("coref")?;
        }
        if on.places {
            self.run_places(a)?;
            check("places")?;
        }
        if on.times {
            a.times = crate::time::find(&a.text, a.published);
            check("times")?;
        }
        if on.quantities {
            a.quantities = crate::quantity::find(&a.text, &a.times);
            check("quantities")?;
        }
        if on.events {
            self.run_events(a)?;
            check("events")?;
        }
        Ok(())
    }

    /// Parts of speech when a stage reads them all (else the entities stage tags the sentences it reads);
    /// chunks when coreference or the summary reads them; names when the entities stage runs (from the embedded
    /// tagger, or the configured recognizer). Returns the document as the taggers read it.
    fn run_tagger(&self, a: &mut Analysis<'_>) -> Prepared {
        let on = &self.config.stages;
        let tagger = &self.resources.tagger;
        let prepared = tagger.prepare(&Input::for_taggers(&a.text));
        if self.config.reads_all_pos() {
            a.tags.pos = tagger.pos_tags(&prepared);
        }
        if on.chunks() {
            a.tags.chunks = tagger.chunks(&prepared, &a.tags.pos);
        }
        if on.entities {
            a.tags.entities = match &self.recognizer {
                Some(r) => recognize::spans(r.recognize(&recognize::Tokens::new(&a.text)), a.text.tokens.len()),
                None => tagger.entities_of(&prepared),
            };
        }
        prepared
    }

    fn run_parser(&self, a: &mut Analysis<'_>) -> Result<()> {
        let tagger = &self.resources.tagger;
        a.parse = self.resources.parser()?.parse(tagger.lexicon(), &Input::from_text(&a.text), &a.tags.pos);
        Ok(())
    }

    /// Names and their entities. When no other stage reads every part of speech, the entities stage tags only the
    /// sentences it reads (`LazyPos`): the same tags, for a quarter to a third fewer sentences of news.
    fn run_entities(&self, a: &mut Analysis<'_>, prepared: Option<&Prepared>) {
        let tagger = &self.resources.tagger;
        a.found = match prepared {
            Some(prepared) if !self.config.reads_all_pos() => {
                crate::entities::resolve_with(&a.text, &a.tags, &LazyPos::new(tagger, prepared), tagger.lexicon())
            }
            _ => crate::entities::resolve(&a.text, &a.tags, tagger.lexicon()),
        };
    }

    fn run_places(&self, a: &mut Analysis<'_>) -> Result<()> {
        a.toponyms = toponyms(&a.found);
        a.resolution = geo::Resolver::with_weights(self.resources.gazetteer()?, self.place_weights)
            .resolve(&a.text, &a.toponyms.spans);
        Ok(())
    }

    fn run_events(&self, a: &mut Analysis<'_>) -> Result<()> {
        let options = &self.config.events;
        let options = events::stage::StageOptions {
            one_event_per_dyad: options.one_event_per_dyad,
            default_actors: events::DefaultActors {
                source: options.default_source.clone(),
                target: options.default_target.clone(),
            },
        };
        let penn: Vec<&str> = a.tags.pos.iter().map(|p| p.as_str()).collect();
        let people: Vec<(usize, usize)> = a
            .found
            .mentions
            .iter()
            .filter(|m| m.label == Label::Person)
            .map(|m| (m.first_token, m.end_token))
            .collect();
        let places = a.toponyms.sure_places(&a.found, self.resources.gazetteer()?, &a.resolution);
        let parse = (self.config.events.parse && a.parse.len() == a.text.tokens.len() && !a.parse.is_empty())
            .then_some(&a.parse);
        // Not parsed as a whole: the coder has the sentences it needs parsed.
        let parser = match parse {
            None if self.config.events_parse() => Some(events::stage::Parsing {
                parser: self.resources.parser()?,
                lexicon: self.resources.tagger.lexicon(),
                pos: &a.tags.pos,
            }),
            _ => None,
        };
        let known = events::stage::Found { tags: Some(&penn), people: &people, places: &places, parse, parser };
        a.coded = events::stage::code_document(self.resources.events()?, &a.text, a.published, known, options);
        Ok(())
    }

    /// The record, in the caller's offsets.
    fn assemble(&self, doc: &Document, a: Analysis<'_>) -> Result<Extraction> {
        let on = &self.config.stages;
        let text = &a.text;
        let out = Assembler { text, offsets: text.converter(self.config.offsets) };
        let mentions = out.mentions(&a.found, &a.references);
        let mut entities = out.entities(&a.found, &mentions);
        let mut focus = Vec::new();
        if on.places {
            let gazetteer = self.resources.gazetteer()?;
            for (entity, place) in a.toponyms.places(gazetteer, &a.resolution) {
                entities[entity].place = Some(place);
            }
            focus = a.toponyms.focus(gazetteer, &a.resolution);
        }
        let times = out.times(a.times);
        let quantities = out.quantities(a.quantities);
        let mut events = Vec::new();
        if on.events {
            for (entity, actor) in events::stage::entity_actors(text, &a.coded, &a.found) {
                if let Some(e) = entities.get_mut(entity) {
                    e.actor = Some(actor);
                }
            }
            let (coded, offsets) = (&a.coded.events, &out.offsets);
            let dictionaries = self.resources.events()?;
            events = events::stage::to_model(dictionaries, text, offsets, coded, &mentions, &entities, &times);
        }
        let summarizer = if on.summary { Some(self.resources.summarizer()?) } else { None };
        let summarized = summarizer.map(|summarizer| {
            let (noun_chunks, names) = (summary::noun_chunks(&a.tags.chunks), summary::names(&a.found.mentions));
            let references = summary::references(&a.references, &a.found);
            summarizer.summarize(
                &summary::Inputs {
                    text,
                    noun_chunks: &noun_chunks,
                    names: &names,
                    references: &references,
                    events: &events,
                },
                &summary::Options {
                    sentence_tone: self.config.sentence_tone,
                    max_keyphrases: self.config.summary.max_keyphrases,
                },
            )
        });
        let mut extraction = Extraction {
            schema: model::SCHEMA.to_string(),
            id: doc.id.clone(),
            published: a.published.map(|d| d.to_string()),
            offsets: self.config.offsets,
            stats: Stats {
                chars: doc.text.chars().count(),
                tokens: text.tokens.len(),
                sentences: text.sentences.len(),
            },
            segments: out.segments(),
            sentences: if self.config.sentences || self.config.sentence_tone { out.sentences() } else { Vec::new() },
            tokens: if self.config.tokens { out.tokens(&a.parse) } else { Vec::new() },
            mentions,
            entities,
            focus,
            times,
            quantities,
            events,
            warnings: a.warnings,
            ..Extraction::default()
        };
        check("summary")?;
        if let Some(summarized) = summarized {
            summarized.write_into(&out.offsets, &mut extraction);
        }
        Ok(extraction)
    }
}

/// The mentions that name places (GPE, LOC, FAC, and NORP that a demonym ties to a country), as the geo stage
/// reads them, with the way back to their entities.
#[derive(Default)]
struct Toponyms {
    spans: Vec<geo::Toponym>,
    /// The mention of each span.
    mentions: Vec<usize>,
    /// The entity of each span.
    entities: Vec<usize>,
}

fn toponyms(found: &crate::entities::Entities) -> Toponyms {
    let mut out = Toponyms { spans: Vec::new(), mentions: Vec::new(), entities: Vec::new() };
    for (k, m) in found.mentions.iter().enumerate() {
        if let Some(span) = geo::Toponym::of_mention(m, found) {
            out.spans.push(span);
            out.mentions.push(k);
            out.entities.push(m.entity);
        }
    }
    out
}

/// The resolution score from which a place finer than a country is coded as its country's actor. Read on 4,000
/// RSS and 400 BBC articles: from 0.97 every such place that disagreed with the event dictionaries was right
/// ("Moscow" in Idaho, the state of Georgia, New Brunswick in New Jersey); at 0.96 "Share prices in London,
/// Frankfurt and Paris" was London, Ohio, and at 0.74 a Paris arrondissement was "Luxembourg".
const SURE_PLACE: f32 = 0.97;

impl Toponyms {
    /// The mentions of places finer than a country resolved with a score of at least `SURE_PLACE`, as token
    /// ranges with their country's ISO code, for the events stage.
    fn sure_places<'g>(
        &self,
        found: &crate::entities::Entities,
        gazetteer: &'g geo::Gazetteer,
        resolution: &geo::Resolution,
    ) -> Vec<(usize, usize, &'g str)> {
        let mut out = Vec::new();
        for (&k, resolved) in self.mentions.iter().zip(&resolution.places) {
            let (Some(resolved), Some(m)) = (resolved, found.mentions.get(k)) else { continue };
            let record = gazetteer.record(resolved.record);
            if resolved.score >= SURE_PLACE
                && record.kind() != model::PlaceKind::Country
                && let Some(country) = record.country_code()
            {
                out.push((m.first_token, m.end_token, country));
            }
        }
        out
    }

    /// The best-scored place among each entity's resolved mentions.
    fn places(&self, gazetteer: &geo::Gazetteer, resolution: &geo::Resolution) -> Vec<(usize, model::Place)> {
        // In order of first mention; `slot` finds an entity's row in constant time (a repeated name is many mentions).
        let mut best: Vec<(usize, geo::Resolved)> = Vec::new();
        let mut slot: rustc_hash::FxHashMap<usize, usize> = Default::default();
        for (&entity, resolved) in self.entities.iter().zip(&resolution.places) {
            let Some(resolved) = resolved else { continue };
            let row = *slot.entry(entity).or_insert_with(|| {
                best.push((entity, *resolved));
                best.len() - 1
            });
            let held = &mut best[row].1;
            if held.score < resolved.score {
                *held = *resolved;
            }
        }
        best.into_iter().map(|(entity, r)| (entity, gazetteer.record(r.record).place(r.score))).collect()
    }

    /// The places the document is about.
    fn focus(&self, gazetteer: &geo::Gazetteer, resolution: &geo::Resolution) -> Vec<model::Focus> {
        resolution
            .focus
            .iter()
            .map(|f| model::Focus {
                place: gazetteer.record(f.record).place(f.score),
                entity: f.toponym.and_then(|t| self.entities.get(t).copied()),
            })
            .collect()
    }
}

/// Turns the stages' findings (normalized byte offsets) into model types (the caller's offsets).
struct Assembler<'t> {
    text: &'t Text<'t>,
    offsets: OffsetConverter<'t>,
}

impl Assembler<'_> {
    fn segments(&self) -> Vec<model::Segment> {
        self.text
            .segments
            .iter()
            .map(|s| {
                let Located { field, start, end } = self.offsets.span(s.start, s.end);
                model::Segment { start, end, field, kind: s.kind, casing: s.casing, detached: s.detached }
            })
            .collect()
    }

    fn sentences(&self) -> Vec<model::Sentence> {
        self.text
            .sentences
            .iter()
            .map(|s| {
                let Located { field, start, end } = self.offsets.span(s.start, s.end);
                model::Sentence { start, end, field, segment: s.segment, tone: None }
            })
            .collect()
    }

    /// The tokens, with their heads and relations when the parse ran.
    fn tokens(&self, parse: &Parse) -> Vec<model::Token> {
        let parsed = parse.len() == self.text.tokens.len();
        self.text
            .tokens
            .iter()
            .enumerate()
            .map(|(i, t)| {
                let Located { field, start, end } = self.offsets.span(t.start, t.end);
                let (head, dep) = if parsed { (parse.head(i), parse.dep(i)) } else { (None, None) };
                model::Token { start, end, field, kind: t.kind, head, dep }
            })
            .collect()
    }

    /// The names and the references resolved to them, merged in text order.
    fn mentions(
        &self,
        found: &crate::entities::Entities,
        references: &crate::coref::References,
    ) -> Vec<model::Mention> {
        let mention = |start, end, kind, label, entity, sentence, segment, score| {
            let text = self.offsets.text(start, end).to_string();
            let Located { field, start, end } = self.offsets.span(start, end);
            model::Mention { start, end, field, text, kind, label, entity, sentence, segment, score }
        };
        let names = found.mentions.iter().map(|m| {
            let (label, entity, sentence, segment) = (m.label, m.entity, m.sentence, m.segment);
            (m.start, mention(m.start, m.end, model::MentionKind::Name, label, entity, sentence, segment, m.score))
        });
        let resolved = references.references.iter().filter_map(|r| {
            let label = found.entities.get(r.entity)?.label;
            Some((r.start, mention(r.start, r.end, r.kind, label, r.entity, r.sentence, r.segment, r.score)))
        });
        let mut all: Vec<(usize, model::Mention)> = names.chain(resolved).collect();
        all.sort_by_key(|(start, _)| *start);
        all.into_iter().map(|(_, m)| m).collect()
    }

    /// The entities, each with the indices of its mentions among `mentions`.
    fn entities(&self, found: &crate::entities::Entities, mentions: &[model::Mention]) -> Vec<model::Entity> {
        let mut indices: Vec<Vec<usize>> = vec![Vec::new(); found.entities.len()];
        for (k, m) in mentions.iter().enumerate() {
            if let Some(list) = indices.get_mut(m.entity) {
                list.push(k);
            }
        }
        found
            .entities
            .iter()
            .zip(indices)
            .enumerate()
            .map(|(id, (e, mentions))| {
                let name = found.mentions.get(e.name_mention).map_or("", |m| self.offsets.text(m.start, m.end));
                model::Entity {
                    id,
                    label: e.label,
                    name: single_spaced(name),
                    mentions,
                    salience: e.salience,
                    place: None,
                    role: e.role.map(|(a, b)| single_spaced(self.offsets.text(a, b))),
                    affiliation: e.affiliation,
                    actor: None,
                }
            })
            .collect()
    }

    fn times(&self, found: Vec<crate::time::Timex>) -> Vec<model::Time> {
        found
            .into_iter()
            .map(|t| {
                let Located { field, start, end } = self.offsets.span(t.start, t.end);
                let text = self.offsets.text(t.start, t.end).to_string();
                model::Time {
                    start,
                    end,
                    field,
                    text,
                    kind: t.kind,
                    value: t.value,
                    anchored: t.anchored,
                    sentence: t.sentence,
                }
            })
            .collect()
    }

    fn quantities(&self, found: Vec<crate::quantity::Amount>) -> Vec<model::Quantity> {
        found
            .into_iter()
            .map(|q| {
                let Located { field, start, end } = self.offsets.span(q.start, q.end);
                model::Quantity {
                    start,
                    end,
                    field,
                    text: self.offsets.text(q.start, q.end).to_string(),
                    kind: q.kind,
                    value: q.value,
                    high: q.high,
                    unit: q.unit,
                    approximate: q.approximate,
                    event: q.event,
                    sentence: q.sentence,
                }
            })
            .collect()
    }
}

/// A name as one line: news wraps lines inside names ("Texas\nCommerce Bank").
fn single_spaced(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
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
    fn past_its_deadline_an_extraction_stops_and_says_so() {
        let extractor = Extractor::new(Config::default()).unwrap_or_else(|e| panic!("{e}"));
        let doc = Document::new(STORY);
        let passed = extractor.extract_until(&doc, std::time::Instant::now());
        assert!(matches!(passed, Err(Error::DeadlinePassed { stage: "text" })), "{passed:?}");
        let far = std::time::Instant::now() + std::time::Duration::from_secs(3600);
        let in_time = extractor.extract_until(&doc, far).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(in_time, extractor.extract(&doc).unwrap_or_else(|e| panic!("{e}")));
    }

    #[test]
    fn entity_names_are_single_spaced() {
        let extractor = Extractor::new(Config::default()).unwrap_or_else(|e| panic!("{e}"));
        let doc = Document::new("Texas Commerce Bancshares Inc's Texas\nCommerce Bank said it filed.");
        let out = extractor.extract(&doc).unwrap_or_else(|e| panic!("{e}"));
        assert!(out.entities.iter().any(|e| e.name == "Texas Commerce Bank"), "{:?}", out.entities);
    }

    const STORY: &str = "Iran's President Masoud Pezeshkian began his first international visit to Iraq on \
        Wednesday, meeting Prime Minister Mohammed Shia al-Sudani in Baghdad. Sudani said the two countries signed \
        14 agreements.";

    fn extract_with(stages: Stages) -> Extraction {
        let extractor = Extractor::builder().stages(stages).build().unwrap_or_else(|e| panic!("{e}"));
        let doc = Document { published: Some("2024-09-11".into()), ..Document::new(STORY) };
        extractor.extract(&doc).unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn a_stage_switched_off_leaves_its_fields_empty_and_the_rest_unchanged() {
        let all = extract_with(Stages::all());
        assert!(!all.events.is_empty() && !all.times.is_empty() && all.tone.is_some() && !all.focus.is_empty());

        let names = extract_with(Stages::names());
        assert_same_names(&names, &all);
        assert!(names.mentions.iter().all(|m| m.kind == model::MentionKind::Name));
        assert!(names.focus.is_empty() && names.times.is_empty() && names.quantities.is_empty());
        assert!(names.events.is_empty() && names.keyphrases.is_empty() && names.tone.is_none());

        let places = extract_with(Stages::names_and_places());
        assert_same_names(&places, &all);
        let placed = |x: &Extraction| x.entities.iter().map(|e| e.place.clone()).collect::<Vec<_>>();
        assert_eq!((placed(&places), &places.focus), (placed(&all), &all.focus));
        assert!(places.events.is_empty() && places.times.is_empty());

        let coref = extract_with(Stages { coref: true, ..Stages::none() });
        assert_eq!(coref.mentions, all.mentions, "coreference gives the whole pipeline's pronouns and descriptions");

        let mut times = Stages::none();
        times.quantities = true;
        let times = extract_with(times);
        assert_eq!((&times.times, &times.quantities), (&all.times, &all.quantities));
        assert!(times.mentions.is_empty());

        let mut summary = Stages::none();
        summary.summary = true;
        let summary = extract_with(summary);
        assert_eq!((&summary.tone, &summary.themes, &summary.events), (&all.tone, &all.themes, &all.events));
    }

    /// `names` holds the name mentions of `all` and the same entities (the places and actor codes of other stages
    /// and the references of coreference aside).
    fn assert_same_names(names: &Extraction, all: &Extraction) {
        let named: Vec<_> = all.mentions.iter().filter(|m| m.kind == model::MentionKind::Name).collect();
        assert_eq!(names.mentions.iter().filter(|m| m.kind == model::MentionKind::Name).collect::<Vec<_>>(), named);
        // Entities without their places, actors and mention indices (references shift those), with the spans of
        // their name mentions.
        let bare = |x: &Extraction| {
            let named = |e: &model::Entity| {
                let spans = e.mentions.iter().map(|&k| &x.mentions[k]);
                spans.filter(|m| m.kind == model::MentionKind::Name).map(|m| (m.start, m.end)).collect::<Vec<_>>()
            };
            let entities = x
                .entities
                .iter()
                .map(|e| (named(e), model::Entity { place: None, actor: None, mentions: Vec::new(), ..e.clone() }));
            entities.collect::<Vec<_>>()
        };
        assert_eq!(bare(names), bare(all));
    }

    /// Stages off give the whole pipeline's names on real articles (where names only tags the parts of speech of
    /// only the sentences it reads), and coreference alone gives its references.
    #[test]
    fn names_only_and_coreference_alone_match_the_whole_pipeline_on_articles() {
        let founding = include_str!("../tests/fixtures/founding-article.txt");
        let second = "Ukraine's President Volodymyr Zelensky met German Chancellor Olaf Scholz in Berlin on Monday. \
            The chancellor said his government would send more air defence systems. He told reporters in the capital \
            that Germany stood by Kyiv. Mr Zelensky thanked him, saying the talks had been good.\n\n\
            The Kremlin, which has warned Berlin against the deliveries, did not comment. Its spokesman Dmitry \
            Peskov said last week that the weapons would change nothing.";
        let extract = |stages: Stages, text: &str| {
            let extractor = Extractor::builder().stages(stages).build().unwrap_or_else(|e| panic!("{e}"));
            extractor.extract(&Document::new(text)).unwrap_or_else(|e| panic!("{e}"))
        };
        for text in [founding, second] {
            let all = extract(Stages::all(), text);
            assert!(all.mentions.iter().any(|m| m.kind != model::MentionKind::Name), "the text has references");
            assert_same_names(&extract(Stages::names(), text), &all);
            assert_same_names(&extract(Stages::names_and_places(), text), &all);
            let coref = extract(Stages { coref: true, ..Stages::none() }, text);
            assert_eq!(coref.mentions, all.mentions);
        }
    }

    /// Markup debris (long runs of punctuation) is not tagged, and the names beside it are still found.
    #[test]
    fn names_inside_markup_debris_are_found() {
        let extractor = Extractor::new(Config::default()).unwrap_or_else(|e| panic!("{e}"));
        let text = "<div class=\"a\"><p>((([[{{Iran}}]])))</p></div> <<<>>> ((( [[[ ".repeat(40)
            + "President Masoud Pezeshkian visited Baghdad on Wednesday.";
        let out = extractor.extract(&Document::new(text)).unwrap_or_else(|e| panic!("{e}"));
        let names: Vec<&str> = out.entities.iter().map(|e| e.name.as_str()).collect();
        assert!(names.contains(&"Masoud Pezeshkian") && names.contains(&"Baghdad"), "{names:?}");
    }

    #[test]
    fn tokens_carry_the_parse_when_its_stage_is_on() {
        let tokens = |stages: Stages| {
            let extractor =
                Extractor::builder().config(Config { tokens: true, ..Config::default() }).stages(stages).build();
            let out = extractor.and_then(|e| e.extract(&Document::new(STORY))).unwrap_or_else(|e| panic!("{e}"));
            out.tokens
        };
        let parsed = tokens(Stages::all());
        let roots = parsed.iter().filter(|t| t.dep == Some(model::Dep::Root)).count();
        assert_eq!(roots, 2, "one root a sentence");
        assert!(parsed.iter().all(|t| t.dep.is_some() && t.head.is_none_or(|h| h < parsed.len())));
        let mut alone = Stages::none();
        alone.parse = true;
        assert_eq!(tokens(alone), parsed, "the parse reads the tags alone");
        let unparsed = tokens(Stages { parse: false, ..Stages::all() });
        assert!(unparsed.iter().all(|t| t.head.is_none() && t.dep.is_none()));
    }

    #[test]
    fn stage_options_are_read() {
        let mut config = Config::default();
        config.summary.max_keyphrases = 1;
        config.events.default_source = Some("IRN".into());
        let extractor = Extractor::new(config).unwrap_or_else(|e| panic!("{e}"));
        let out = extractor.extract(&Document::new(STORY)).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(out.keyphrases.len(), 1);

        let mut config = Config::default();
        config.places.weights.insert("log_population".into(), -50.0);
        let small = Extractor::new(config).unwrap_or_else(|e| panic!("{e}"));
        let shipped = Extractor::new(Config::default()).unwrap_or_else(|e| panic!("{e}"));
        let paris = |extractor: &Extractor| {
            let out = extractor.extract(&Document::new("He flew to Paris.")).unwrap_or_else(|e| panic!("{e}"));
            out.entities.iter().find_map(|e| e.place.as_ref().map(|p| p.geonames_id))
        };
        assert_eq!(paris(&shipped), Some(Some(2988507)));
        assert_ne!(paris(&small), Some(Some(2988507)), "a ranker that prefers small places moves Paris");

        let mut config = Config::default();
        config.places.weights.insert("populaton".into(), 1.0);
        let err = Extractor::new(config).err().map(|e| e.to_string()).unwrap_or_default();
        assert!(err.contains("populaton") && err.contains("log_population"), "{err}");
    }

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

    /// The words of a span in the field it lies in.
    fn words(doc: &Document, field: model::Field, start: usize, end: usize) -> String {
        let field = if field == model::Field::Title { doc.title.as_deref().unwrap_or("") } else { &doc.text };
        field.chars().skip(start).take(end - start).collect()
    }

    #[test]
    fn the_title_is_read_as_the_first_segment() {
        let extractor = Extractor::new(Config::default()).unwrap_or_else(|e| panic!("{e}"));
        let doc = Document {
            title: Some(
                "Nearly FIFTY children and two adults are hospitalized after school bus crashes in Pennsylvania".into(),
            ),
            ..Document::new(
                "A school bus carrying 49 children and two adults collided with a tow truck in Luzerne County at \
                 around 8am on Route 115.",
            )
        };
        let out = extractor.extract(&doc).unwrap_or_else(|e| panic!("{e}"));
        let first = &out.segments[0];
        assert_eq!(
            (first.field, first.kind, first.start, first.end),
            (model::Field::Title, model::SegmentKind::Headline, 0, 94)
        );
        assert!(out.segments[1..].iter().all(|s| s.field == model::Field::Text));
        let found: Vec<_> =
            out.mentions.iter().map(|m| (m.field, words(&doc, m.field, m.start, m.end), m.text.clone())).collect();
        let pennsylvania = (model::Field::Title, "Pennsylvania".to_string(), "Pennsylvania".to_string());
        assert!(found.contains(&pennsylvania), "{found:?}");
        let focus: Vec<_> = out.focus.iter().map(|f| f.place.name.as_str()).collect();
        assert!(focus.contains(&"Pennsylvania"), "{focus:?}");
        let title_counts =
            out.quantities.iter().filter(|q| q.field == model::Field::Title).map(|q| q.value).collect::<Vec<_>>();
        assert_eq!(title_counts, [50.0, 2.0]);
        // The body's spans are where they were without the title.
        let body = extractor.extract(&Document::new(doc.text.clone())).unwrap_or_else(|e| panic!("{e}"));
        let luzerne =
            |x: &Extraction| x.mentions.iter().find(|m| m.text == "Luzerne County").map(|m| (m.start, m.end, m.field));
        assert_eq!(luzerne(&out), luzerne(&body));
        assert!(luzerne(&out).is_some());
    }

    #[test]
    fn a_title_alone_yields_results() {
        let extractor = Extractor::new(Config::default()).unwrap_or_else(|e| panic!("{e}"));
        let title = "Wednesday evening news briefing: How a terror suspect escaped Wandsworth prison";
        let doc = Document { title: Some(title.into()), ..Document::new("") };
        let out = extractor.extract(&doc).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(out.segments.len(), 1);
        let mentions: Vec<_> = out.mentions.iter().map(|m| (m.field, m.text.as_str())).collect();
        assert_eq!(mentions, [(model::Field::Title, "Wandsworth")]);
        assert!(out.focus.iter().any(|f| f.place.name == "Wandsworth"), "{:?}", out.focus);
        assert_eq!(
            out.times.first().map(|t| (t.field, t.text.as_str())),
            Some((model::Field::Title, "Wednesday evening"))
        );
    }

    #[test]
    fn names_in_the_title_join_the_bodys_entities_and_events_are_found_there() {
        let extractor = Extractor::new(Config::default()).unwrap_or_else(|e| panic!("{e}"));
        let doc = Document {
            title: Some("Israel strikes Gaza as talks stall".into()),
            ..Document::new("Israeli jets struck targets in Gaza on Tuesday.")
        };
        let out = extractor.extract(&doc).unwrap_or_else(|e| panic!("{e}"));
        let gaza: Vec<_> = out.mentions.iter().filter(|m| m.text == "Gaza").map(|m| (m.field, m.entity)).collect();
        assert_eq!(gaza.len(), 2);
        assert_eq!((gaza[0].0, gaza[1].0), (model::Field::Title, model::Field::Text));
        assert_eq!(gaza[0].1, gaza[1].1, "one entity");
        let trigger = out.events.first().map(|e| (e.trigger.field, e.trigger.text.as_str(), e.trigger.start));
        assert_eq!(trigger, Some((model::Field::Title, "strikes", 7)));
    }

    #[test]
    fn a_title_the_text_repeats_is_read_once() {
        let extractor = Extractor::new(Config::default()).unwrap_or_else(|e| panic!("{e}"));
        let text = "Floods hit Pennsylvania\n\nRain fell for three days.";
        let doc = Document { title: Some("Floods Hit Pennsylvania".into()), ..Document::new(text) };
        let out = extractor.extract(&doc).unwrap_or_else(|e| panic!("{e}"));
        let plain = extractor.extract(&Document::new(text)).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!((out.segments, out.mentions), (plain.segments, plain.mentions));
    }

    #[test]
    fn a_name_in_an_all_caps_title_is_named_as_the_text_writes_it() {
        let extractor = Extractor::new(Config::default()).unwrap_or_else(|e| panic!("{e}"));
        let doc = Document {
            title: Some("BAHIA COCOA REVIEW".into()),
            ..Document::new("Showers continued throughout the week in the Bahia cocoa zone, Comissaria Smith said.")
        };
        let out = extractor.extract(&doc).unwrap_or_else(|e| panic!("{e}"));
        let bahia = out.mentions.iter().find(|m| m.field == model::Field::Title).map(|m| &out.entities[m.entity]);
        assert_eq!(bahia.map(|e| (e.name.as_str(), e.mentions.len())), Some(("Bahia", 2)));
        let doc = Document {
            title: Some("CCX NETWORK <CCXN> SECONDARY OFFERING UNDERWAY".into()),
            ..Document::new("CCX Network Inc said it was offering 220,838 shares of stock.")
        };
        let out = extractor.extract(&doc).unwrap_or_else(|e| panic!("{e}"));
        let ccx =
            out.mentions.iter().find(|m| m.field == model::Field::Title).map(|m| out.entities[m.entity].name.as_str());
        assert_eq!(ccx, Some("CCX Network Inc"));
    }
}
