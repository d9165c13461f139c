//! The events stage of the pipeline: codes every sentence of a document with the embedded Phoenix
//! dictionaries, carries names and subjects from sentence to sentence (never into a detached segment), and
//! turns the results into `model::Event`s with PLOVER, QuadClass and Goldstein.

use super::actor::Memory;
use super::codes::quad_class;
use super::{CodedPhrase, Coder, DefaultActors, Discard, Known, Options, Resources, SentenceEvent, SentenceParse};
use crate::model::{self, Casing, EventActor, Span};
use crate::text::{OffsetConverter, Text};

/// What the stage needs besides the text.
#[derive(Debug, Clone, Default)]
pub struct StageOptions {
    /// Keep only the first event of each (source, target) pair in a story.
    pub one_event_per_dyad: bool,
    /// Actors for events whose sentence names no source or no target (off by default; for collections that
    /// all come from or concern one actor).
    pub default_actors: DefaultActors,
}

/// An event of the document in token terms, before conversion to the model.
#[derive(Debug, Clone, PartialEq)]
pub struct DocEvent {
    /// Sentence index.
    pub sentence: usize,
    /// The coded event; its token spans are relative to the sentence's first token.
    pub event: SentenceEvent,
}

/// A coded noun group of the document.
#[derive(Debug, Clone, PartialEq)]
pub struct DocPhrase {
    /// Sentence index.
    pub sentence: usize,
    /// The group; its token spans are relative to the sentence's first token.
    pub phrase: CodedPhrase,
}

/// What the stage coded in a document: the events, and the noun groups the dictionaries named (for the
/// entities' actors).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Coded {
    /// The events.
    pub events: Vec<DocEvent>,
    /// The coded noun groups, in text order.
    pub phrases: Vec<DocPhrase>,
}

/// What earlier stages found in a document, in its tokens (the coder's `Known`, sentence by sentence).
#[derive(Debug, Clone, Copy, Default)]
pub struct Found<'a> {
    /// Penn Treebank tags, one per token, when a tagger ran; they correct the guessed ones (`shallow::correct`).
    pub tags: Option<&'a [&'a str]>,
    /// The token ranges of the people the entities stage found.
    pub people: &'a [(usize, usize)],
    /// The token ranges of places the geo stage resolved, with their country's ISO alpha-2 code.
    pub places: &'a [(usize, usize, &'a str)],
    /// The dependency parse of the document's tokens, when it ran.
    pub parse: Option<&'a crate::parse::Parse>,
    /// A parser for the sentences the coder needs parsed, when the document was not parsed as a whole.
    pub parser: Option<Parsing<'a>>,
}

/// What parsing a sentence on demand needs: the parser, the taggers' lexicon, the document's part-of-speech tags.
#[derive(Debug, Clone, Copy)]
pub struct Parsing<'a> {
    /// The parser.
    pub parser: &'a crate::parse::Parser,
    /// The taggers' lexicon (its word clusters are parser features).
    pub lexicon: &'a crate::tag::lexicon::Lexicon,
    /// The document's tags, one per token.
    pub pos: &'a [crate::tag::Pos],
}

impl Parsing<'_> {
    /// The heads (sentence word indices) and relations of the words `first..end` of `text`, parsed as a sentence
    /// of their own, as the parse stage parses each sentence.
    fn sentence(&self, text: &Text<'_>, first: usize, end: usize) -> Vec<(Option<usize>, crate::parse::Dep)> {
        let Some(pos) = self.pos.get(first..end) else { return Vec::new() };
        let words: Vec<&str> = (first..end).map(|t| text.token_text(t)).collect();
        let mut input = crate::tag::Input::new();
        input.push_sentence(&words, Some(Casing::Mixed));
        let parse = self.parser.parse(self.lexicon, &input, pos);
        (0..words.len()).map(|t| (parse.head(t), parse.dep(t).unwrap_or(crate::parse::Dep::Dep))).collect()
    }
}

/// Codes all sentences of a document. `published` is the story date for date-bounded actor codes.
pub fn code_document(
    resources: &Resources,
    text: &Text<'_>,
    published: Option<jiff::civil::Date>,
    found: Found<'_>,
    options: StageOptions,
) -> Coded {
    let coder = Coder::new(
        &resources.lexicon,
        Options {
            defaults: options.default_actors.clone(),
            // Both measured on the development set and left off: most of the events they add are wrong
            // (docs/EVAL.md, issue 16).
            agent_events: false,
            lone_source_events: false,
            ..Options::default()
        },
    );
    let date = published.map(|d| d.year() as u32 * 10000 + d.month() as u32 * 100 + d.day() as u32);
    let mut memory = Memory::default();
    let mut out: Vec<DocEvent> = Vec::new();
    // The people and places in text order, so that each sentence finds its own by binary search.
    let mut people = found.people.to_vec();
    people.sort_by_key(|&(first, _)| first);
    let mut places = found.places.to_vec();
    places.sort_by_key(|&(first, _, _)| first);
    let mut phrases: Vec<DocPhrase> = Vec::new();
    for (i, s) in text.sentences.iter().enumerate() {
        if crate::deadline::passed() {
            break;
        }
        let segment = text.segments.get(s.segment);
        let detached = segment.is_some_and(|g| g.detached);
        // Title Case and ALL CAPS lines say nothing with their capitals: code them from lower case.
        let fold = segment.is_some_and(|g| matches!(g.casing, Casing::Title | Casing::Upper));
        let words: Vec<String> = (s.first_token..s.end_token)
            .map(|t| {
                let w = text.token_text(t);
                if fold { w.to_lowercase() } else { w.to_string() }
            })
            .collect();
        let word_refs: Vec<&str> = words.iter().map(String::as_str).collect();
        let pos: Option<Vec<super::Pos>> = found
            .tags
            .and_then(|t| t.get(s.first_token..s.end_token))
            .map(|t| t.iter().zip(&word_refs).map(|(tag, w)| super::Pos::from_penn(tag, w)).collect());
        // A detached segment (another story's headline) learns nothing from this story and teaches it nothing.
        let mut scratch = Memory::default();
        let mem = if detached { &mut scratch } else { &mut memory };
        // Token ranges of the document made relative to the sentence, for those inside it.
        let local = |(first, end): (usize, usize)| {
            (s.first_token <= first && end <= s.end_token).then(|| (first - s.first_token, end - s.first_token))
        };
        let from = people.partition_point(|&(first, _)| first < s.first_token);
        let sentence_people: Vec<(usize, usize)> = people[from..]
            .iter()
            .take_while(|&&(first, _)| first < s.end_token)
            .filter_map(|&range| local(range))
            .collect();
        let from = places.partition_point(|&(first, _, _)| first < s.first_token);
        let sentence_places: Vec<(usize, usize, &str)> = places[from..]
            .iter()
            .take_while(|&&(first, _, _)| first < s.end_token)
            .filter_map(|&(first, end, country)| local((first, end)).map(|(a, b)| (a, b, country)))
            .collect();
        // The parse of the sentence, its heads made relative to it (a head outside it is none).
        let arcs: Option<Vec<(Option<usize>, crate::parse::Dep)>> =
            found.parse.filter(|p| p.len() >= s.end_token).map(|p| {
                (s.first_token..s.end_token)
                    .map(|t| {
                        let head =
                            p.head(t).filter(|&h| s.first_token <= h && h < s.end_token).map(|h| h - s.first_token);
                        (head, p.dep(t).unwrap_or(crate::parse::Dep::Dep))
                    })
                    .collect()
            });
        let on_demand = || found.parser.map(|p| p.sentence(text, s.first_token, s.end_token)).unwrap_or_default();
        let parse = match (&arcs, found.parser) {
            (Some(arcs), _) => Some(SentenceParse::Given(arcs)),
            (None, Some(_)) => Some(SentenceParse::Lazy(&on_demand)),
            (None, None) => None,
        };
        let known = Known { tags: pos.as_deref(), people: &sentence_people, places: &sentence_places, parse };
        let result = coder.code(&word_refs, known, date, mem);
        match result.discarded {
            Some(Discard::Story) if !detached => return Coded::default(),
            Some(_) => continue,
            None => {}
        }
        phrases.extend(result.phrases.into_iter().map(|phrase| DocPhrase { sentence: i, phrase }));
        for event in result.events {
            out.push(DocEvent { sentence: i, event });
        }
    }
    if options.one_event_per_dyad {
        let mut seen: rustc_hash::FxHashSet<(String, Option<String>)> = Default::default();
        out.retain(|e| seen.insert((e.event.source.code.clone(), e.event.target.as_ref().map(|t| t.code.clone()))));
    }
    Coded { events: out, phrases }
}

/// The actor of each entity the dictionaries code: for each mention, the coded group around it — the bare
/// actor when the mention is the name the code came from ("Iran" in "Iran's Foreign Minister Abbas
/// Araghchi" → IRN), the group's code with its role for a person or organisation ("Abbas Araghchi" →
/// IRNGOV) — and for the
/// entity the code most of its mentions got (the first on a tie). Returns (entity, actor) pairs.
pub fn entity_actors(text: &Text<'_>, coded: &Coded, found: &crate::entities::Entities) -> Vec<(usize, model::Actor)> {
    let mut votes: Vec<Vec<(String, usize)>> = vec![Vec::new(); found.entities.len()];
    let spans: Vec<(usize, (usize, usize))> = coded.phrases.iter().map(|p| (p.sentence, p.phrase.span)).collect();
    let mention_spans: Vec<(usize, (usize, usize))> = found
        .mentions
        .iter()
        .map(|m| {
            let base = text.sentences.get(m.sentence).map_or(usize::MAX, |s| s.first_token);
            (m.sentence, (m.first_token.saturating_sub(base), m.end_token.saturating_sub(base)))
        })
        .collect();
    let around = first_containing(&spans, &mention_spans);
    for ((m, (_, (ms, me))), around) in found.mentions.iter().zip(mention_spans).zip(around) {
        if text.sentences.get(m.sentence).is_none() {
            continue;
        }
        let Some(p) = around.and_then(|k| coded.phrases.get(k)).map(|p| &p.phrase) else { continue };
        // A person or organisation is the group's head and takes its role; a place or people named inside a
        // group of something else ("the Shiite holy cities") takes nothing from it.
        let is_name = p.name.is_some_and(|(ns, ne)| ms <= ns && ne <= me);
        let codes = if is_name && !p.name_codes.is_empty() {
            &p.name_codes
        } else if is_name || matches!(m.label, model::Label::Person | model::Label::Org) {
            &p.codes
        } else {
            continue;
        };
        // A group naming several actors ("Iran and Iraq") says nothing about one of them.
        let [code] = codes.as_slice() else { continue };
        if code.starts_with("---") {
            continue;
        }
        let Some(tally) = votes.get_mut(m.entity) else { continue };
        match tally.iter_mut().find(|(c, _)| c == code) {
            Some((_, n)) => *n += 1,
            None => tally.push((code.clone(), 1)),
        }
    }
    votes
        .into_iter()
        .enumerate()
        .filter_map(|(entity, tally)| {
            let best = tally.iter().map(|(_, n)| *n).max()?;
            let (code, _) = tally.into_iter().find(|(_, n)| *n == best)?;
            Some((entity, model::Actor { code }))
        })
        .collect()
}

/// Converts coded events to the model: offsets in the caller's unit, the entity each actor belongs to (when
/// a mention lies inside the actor's words), PLOVER, QuadClass, Goldstein. `times` and `places` attach the
/// first time expression and place entity of the event's sentence (empty until those stages run).
pub fn to_model(
    resources: &Resources,
    text: &Text<'_>,
    offsets: &OffsetConverter<'_>,
    events: &[DocEvent],
    mentions: &[model::Mention],
    entities: &[model::Entity],
    times: &[model::Time],
) -> Vec<model::Event> {
    let tables = &resources.tables;
    let mut out = Vec::with_capacity(events.len());
    // The first place entity (by id) and the first time of each sentence.
    let mut sentence_place: rustc_hash::FxHashMap<usize, usize> = Default::default();
    for m in mentions {
        if entities.get(m.entity).is_some_and(|en| en.place.is_some()) {
            let first = sentence_place.entry(m.sentence).or_insert(m.entity);
            *first = (*first).min(m.entity);
        }
    }
    let mut sentence_time: rustc_hash::FxHashMap<usize, usize> = Default::default();
    for (k, t) in times.iter().enumerate() {
        sentence_time.entry(t.sentence).or_insert(k);
    }
    for e in events {
        let Some(s) = text.sentences.get(e.sentence) else { continue };
        let base = s.first_token;
        let span = |(a, b): (usize, usize)| -> Option<Span> {
            let (first, last) = (text.tokens.get(base + a)?, text.tokens.get(base + b.max(a + 1) - 1)?);
            let at = offsets.span(first.start, last.end);
            let text = offsets.text(first.start, last.end).to_string();
            Some(Span { start: at.start, end: at.end, field: at.field, text })
        };
        let actor = |side: &super::Side| -> EventActor {
            let text_span = span(side.span);
            // Mentions are in order, the title's first (their offsets count in the title): those inside the span
            // start in it, in its field.
            let entity = text_span.as_ref().and_then(|sp| {
                let at = |field: model::Field, start: usize| (field.is_text(), start);
                let from = mentions.partition_point(|m| at(m.field, m.start) < at(sp.field, sp.start));
                mentions[from..]
                    .iter()
                    .take_while(|m| m.field == sp.field && m.start <= sp.end)
                    .find(|m| m.sentence == e.sentence && m.end <= sp.end)
                    .map(|m| m.entity)
            });
            EventActor { entity, code: side.code.clone(), text: text_span.map(|sp| sp.text).unwrap_or_default() }
        };
        let Some(trigger) = span(e.event.trigger) else { continue };
        let code = e.event.code.clone();
        let place = sentence_place.get(&e.sentence).and_then(|&entity| entities.get(entity)).map(|en| en.id);
        let time = sentence_time.get(&e.sentence).copied();
        out.push(model::Event {
            sentence: e.sentence,
            trigger,
            plover: tables.plover(&code).map(str::to_string),
            quad_class: quad_class(&code).unwrap_or(0),
            goldstein: tables.goldstein(&code).unwrap_or(0.0),
            source: actor(&e.event.source),
            target: e.event.target.as_ref().map(actor),
            place,
            time,
            mode: e.event.mode,
            score: e.event.score,
            cameo: code,
        });
    }
    out
}

/// For each query `(sentence, span)`, the first item of `items` (in their order) of the same sentence whose span
/// holds the query's span. A sweep over starts with a Fenwick tree of the earliest item by end, so a sentence of
/// thousands of phrases and names costs `n log n`, not their product.
fn first_containing(items: &[(usize, (usize, usize))], queries: &[(usize, (usize, usize))]) -> Vec<Option<usize>> {
    let mut out = vec![None; queries.len()];
    // Items and queries by sentence, then start; items before queries of the same start.
    let mut order: Vec<(usize, usize, bool, usize)> = items
        .iter()
        .enumerate()
        .map(|(k, &(s, (start, _)))| (s, start, false, k))
        .chain(queries.iter().enumerate().map(|(k, &(s, (start, _)))| (s, start, true, k)))
        .collect();
    order.sort_unstable();
    let mut from = 0;
    while from < order.len() {
        let sentence = order[from].0;
        let to = from + order[from..].partition_point(|o| o.0 == sentence);
        // Ends of this sentence's items, largest first: position in the tree.
        let mut ends: Vec<usize> = order[from..to].iter().filter(|o| !o.2).map(|o| items[o.3].1.1).collect();
        ends.sort_unstable_by(|a, b| b.cmp(a));
        ends.dedup();
        let mut tree = vec![usize::MAX; ends.len() + 1];
        for &(_, _, is_query, k) in &order[from..to] {
            if is_query {
                // Items ending at or after the query's end: a prefix of `ends`.
                let end = queries[k].1.1;
                let mut i = ends.partition_point(|&e| e >= end);
                let mut best = usize::MAX;
                while i > 0 {
                    best = best.min(tree[i]);
                    i &= i - 1;
                }
                out[k] = (best != usize::MAX).then_some(best);
            } else {
                let end = items[k].1.1;
                let mut i = ends.partition_point(|&e| e > end) + 1;
                while i < tree.len() {
                    tree[i] = tree[i].min(k);
                    i += i & i.wrapping_neg();
                }
            }
        }
        from = to;
    }
    out
}
