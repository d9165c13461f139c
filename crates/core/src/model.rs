//! The public data model, schema `gleaner/1`: what goes in (`Document`) and what comes out (`Extraction`).
//!
//! Plain serde types with no logic. Every span is `[start, end)` into the caller's original `text`, counted in
//! the unit the caller asked for (`Offsets`, Unicode scalar values by default), or into the `title` when its
//! `field` says so. Cross-references (`entity`, `sentence`, `segment`, `place`, `time`) are indices into the
//! lists of the same `Extraction`.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

pub use crate::parse::Dep;

/// The schema name written into every `Extraction`.
pub const SCHEMA: &str = "gleaner/1";

/// One input article. Only `text` is required.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Document {
    /// The caller's identifier, copied to the output.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// The article body. Output offsets point into this string (or into `title`, where a span's `field` says so).
    pub text: String,
    /// The headline, if the caller has it apart from the body. It is read as the document's first segment (a
    /// headline): its names join the body's entities, its places count for the focus, its times, quantities and
    /// events are found; spans in it carry `"field": "title"` and offsets into it. A title that the text repeats
    /// as its first line is read there, once.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// Publication date or time (ISO 8601, e.g. `2024-09-11` or `2024-09-11T08:00:00Z`): the anchor for
    /// relative dates ("in July", "last week") and for date-bounded actor codes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub published: Option<String>,
    /// Publisher or feed name, copied to the output.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// Where the article came from, copied to the output.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

impl Document {
    /// A document with only a body text.
    pub fn new(text: impl Into<String>) -> Self {
        Document { text: text.into(), ..Document::default() }
    }
}

/// The unit in which output offsets count.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Offsets {
    /// Unicode scalar values (what Python's `str` slicing uses).
    #[default]
    Chars,
    /// UTF-8 bytes (what Rust's `str` slicing uses).
    Bytes,
    /// UTF-16 code units (what JavaScript and Java use).
    Utf16,
}

/// Which string of the document a span points into.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Field {
    /// The body, `text` (the default: a span in it has no `field`).
    #[default]
    Text,
    /// The headline, `title`.
    Title,
}

impl Field {
    /// True for the body (whose spans leave `field` out).
    pub fn is_text(&self) -> bool {
        *self == Field::Text
    }
}

/// Everything extracted from one `Document`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Extraction {
    /// Always `gleaner/1`.
    pub schema: String,
    /// The document's `id`, when it had one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// The publication date as understood (`YYYY-MM-DD`), when the document had a valid one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub published: Option<String>,
    /// The article text read from an HTML input: every span of this record points into it (or into `title`).
    /// Absent when the input was text (the spans then point into the caller's `text`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    /// The headline that was read with an HTML input (the record's, else the page's): spans with
    /// `"field": "title"` point into it. Absent when the input was text (they then point into its `title`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// What was read from an HTML input besides the text: title, date, author, canonical URL, site name,
    /// language and character set, each with where in the page it was found.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub html: Option<HtmlPage>,
    /// The unit of every offset in this record.
    pub offsets: Offsets,
    /// Sizes of the document.
    pub stats: Stats,
    /// Body paragraphs, headline-like lines and boilerplate, covering the text in order.
    pub segments: Vec<Segment>,
    /// Sentences, in order; only when `Config::sentences` asks for them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sentences: Vec<Sentence>,
    /// Tokens, in order; only when `Config::tokens` asks for them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tokens: Vec<Token>,
    /// Mentions of the entities, in text order: names, and the pronouns and descriptions resolved to them
    /// (`kind` tells them apart).
    pub mentions: Vec<Mention>,
    /// Entities: mentions of the same thing clustered within the document.
    pub entities: Vec<Entity>,
    /// The places the document is about, countries first, strongest first (detached segments do not count).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub focus: Vec<Focus>,
    /// Temporal expressions, normalized TIMEX3-style.
    pub times: Vec<Time>,
    /// Numbers, counts, money and percentages.
    pub quantities: Vec<Quantity>,
    /// Political events: who did what to whom (CAMEO / PLOVER).
    pub events: Vec<Event>,
    /// Phrases the document is about, best first.
    pub keyphrases: Vec<Keyphrase>,
    /// Direct quotations with their speakers.
    pub quotes: Vec<Quote>,
    /// Themes of the document with the evidence for each.
    pub themes: Vec<Theme>,
    /// Document tone (GDELT V1.5 style); absent when the stage did not run.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tone: Option<Tone>,
    /// Things worth knowing about the input that did not stop extraction (e.g. an unreadable `published`).
    pub warnings: Vec<Warning>,
}

/// What the HTML reader found in a page. Each value says where it was found (`json-ld`,
/// `meta:article:published_time`, `time`, `url`, `text`, `h1`, `link:canonical`, `html:lang` …).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct HtmlPage {
    /// The headline.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<Sourced>,
    /// The publication date or time (ISO 8601), by trust: JSON-LD, Open Graph / `article:published_time`,
    /// `<time datetime>`, other meta tags, the URL, the visible dateline.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub published: Option<Sourced>,
    /// The author or authors (`; `-separated).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub author: Option<Sourced>,
    /// The canonical URL.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<Sourced>,
    /// The site's name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub site_name: Option<Sourced>,
    /// The language the page declares (`de`, `en-US` …).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<Sourced>,
    /// The page's own summary.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<Sourced>,
    /// The character set the page was decoded with (WHATWG name), from `header`, `bom`, `meta` or `detected`.
    pub charset: Sourced,
    /// Paragraphs (and list items, quotes, cells) in the text.
    pub paragraphs: usize,
    /// Headings in the text.
    pub headings: usize,
}

/// A value and where it was found.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Sourced {
    /// The value.
    pub value: String,
    /// Where it was found.
    pub source: String,
}

/// Sizes of a document.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Stats {
    /// Length of `text` in Unicode scalar values.
    pub chars: usize,
    /// Number of tokens.
    pub tokens: usize,
    /// Number of sentences.
    pub sentences: usize,
}

/// What kind of stretch of text a segment is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum SegmentKind {
    /// Running prose.
    Body,
    /// A title-like line: Title Case or ALL CAPS, no final period.
    Headline,
    /// A dateline, byline, caption, share button, copyright line and the like.
    Boilerplate,
}

/// How the letters of a segment are cased; the taggers read capitals differently in each.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Casing {
    /// Ordinary sentence case: capitals carry information.
    Mixed,
    /// Most words capitalized ("Man Attacked By Mob"): capitals carry little.
    Title,
    /// ALL CAPS: capitals carry nothing.
    Upper,
    /// all lower case.
    Lower,
}

/// A paragraph or line of the document.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Segment {
    /// Start offset.
    pub start: usize,
    /// End offset (exclusive).
    pub end: usize,
    /// `title` when the span lies in the document's title (`start` and `end` then count in the title); absent
    /// for the body.
    #[serde(default, skip_serializing_if = "Field::is_text")]
    pub field: Field,
    /// Body, headline or boilerplate.
    pub kind: SegmentKind,
    /// How the segment is cased.
    pub casing: Casing,
    /// True when the segment does not belong to the article around it (e.g. another story's headline left
    /// behind by a scraper). Still extracted, but ignored by document-level fields (focus, tone, keyphrases).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub detached: bool,
}

/// A sentence.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Sentence {
    /// Start offset.
    pub start: usize,
    /// End offset (exclusive).
    pub end: usize,
    /// `title` when the span lies in the document's title (`start` and `end` then count in the title); absent
    /// for the body.
    #[serde(default, skip_serializing_if = "Field::is_text")]
    pub field: Field,
    /// Index into `segments`.
    pub segment: usize,
    /// The sentence's tone; only when `Config::sentence_tone` asks for it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tone: Option<Tone>,
}

/// What a token is made of.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum TokenKind {
    /// Letters (with inner hyphens, apostrophes or periods: "US-led", "O'Brien", "U.S.").
    Word,
    /// Digits with separators and decimals ("2,500", "5.93", "1980s", "3rd").
    Number,
    /// Punctuation.
    Punct,
    /// Currency and other symbols ("$", "%", "&").
    Symbol,
    /// A web address.
    Url,
    /// An e-mail address.
    Email,
    /// An emoji or pictograph.
    Emoji,
}

/// A token.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Token {
    /// Start offset.
    pub start: usize,
    /// End offset (exclusive).
    pub end: usize,
    /// `title` when the span lies in the document's title (`start` and `end` then count in the title); absent
    /// for the body.
    #[serde(default, skip_serializing_if = "Field::is_text")]
    pub field: Field,
    /// What the token is made of.
    pub kind: TokenKind,
    /// Index in `tokens` of the token's syntactic head, from the dependency parse; none for the root of its
    /// sentence (whose `dep` is `root`) and when the parse stage is off.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub head: Option<usize>,
    /// The Universal Dependencies relation to the head ("nsubj", "obj", "obl:agent", "root" …); none when the
    /// parse stage is off.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dep: Option<Dep>,
}

/// OntoNotes-style entity labels.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum Label {
    /// People, including fictional.
    Person,
    /// Nationalities, religious or political groups ("Iranian", "Shiite").
    Norp,
    /// Buildings, airports, highways, bridges.
    Fac,
    /// Companies, agencies, institutions.
    Org,
    /// Countries, cities, states.
    Gpe,
    /// Non-GPE locations: regions, mountain ranges, bodies of water.
    Loc,
    /// Objects, vehicles, foods (not services).
    Product,
    /// Named hurricanes, battles, wars, sports events.
    Event,
    /// Titles of books, songs.
    WorkOfArt,
    /// Named documents made into laws.
    Law,
    /// Any named language.
    Language,
    /// A name of no finer known type.
    Misc,
}

/// How a mention refers to its entity.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum MentionKind {
    /// By its name ("Masoud Pezeshkian", "Pezeshkian").
    #[default]
    Name,
    /// By a pronoun that the coreference stage resolved to it ("he", "its", "them").
    Pronoun,
    /// By a definite description that the coreference stage resolved to it ("the president", "the company").
    Description,
}

/// A mention of an entity: its name, or a pronoun or description resolved to it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Mention {
    /// Start offset.
    pub start: usize,
    /// End offset (exclusive).
    pub end: usize,
    /// `title` when the span lies in the document's title (`start` and `end` then count in the title); absent
    /// for the body.
    #[serde(default, skip_serializing_if = "Field::is_text")]
    pub field: Field,
    /// The mention as written.
    pub text: String,
    /// Name, pronoun or description.
    #[serde(default)]
    pub kind: MentionKind,
    /// Entity label (a pronoun's or description's is its entity's).
    pub label: Label,
    /// Index into `entities`.
    pub entity: usize,
    /// Index into `sentences` (whether or not they are output).
    pub sentence: usize,
    /// Index into `segments`.
    pub segment: usize,
    /// Confidence in [0, 1]: the tagger's for a name, the coreference stage's for a pronoun or description.
    pub score: f32,
}

/// An entity: the mentions of one thing within a document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Entity {
    /// Index of this entity in `entities`.
    pub id: usize,
    /// Entity label.
    pub label: Label,
    /// The fullest name used in the document ("Masoud Pezeshkian" for "Pezeshkian"), on one line.
    pub name: String,
    /// Indices into `mentions`, in text order: its names, pronouns and descriptions.
    pub mentions: Vec<usize>,
    /// How central the entity is to the document, in [0, 1].
    pub salience: f32,
    /// The resolved place, for GPE, LOC, FAC and place-derived NORP entities.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub place: Option<Place>,
    /// Title or role given in the text ("President", "Foreign Minister").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    /// The entity this one belongs to ("Iran" for "Iran's Foreign Minister Abbas Araghchi"): index into
    /// `entities`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub affiliation: Option<usize>,
    /// CAMEO actor code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub actor: Option<Actor>,
}

/// What kind of place a gazetteer entry is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum PlaceKind {
    /// A continent.
    Continent,
    /// A region that is not an administrative unit ("Middle East", "Sahel").
    Region,
    /// A sovereign country or territory.
    Country,
    /// A first-order division (state, province).
    Admin1,
    /// A second-order division (county, district).
    Admin2,
    /// A populated place.
    City,
    /// An airport.
    Airport,
}

/// A place resolved against the gazetteer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Place {
    /// GeoNames id; absent for places GeoNames does not hold (airports, curated regions).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub geonames_id: Option<u64>,
    /// The gazetteer's name for it.
    pub name: String,
    /// What kind of place it is.
    pub kind: PlaceKind,
    /// ISO 3166-1 alpha-2 country code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
    /// First-order division name, when below country level.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub admin1: Option<String>,
    /// Latitude in degrees.
    pub lat: f64,
    /// Longitude in degrees.
    pub lon: f64,
    /// Where `lat` and `lon` come from: `geonames` when they are GeoNames' own coordinates for `geonames_id`.
    pub point_source: PointSource,
    /// Confidence of the resolution in [0, 1].
    pub score: f32,
}

/// Where a place's point comes from. A place with a GeoNames id carries GeoNames' own coordinates for it wherever
/// the gazetteer's sources hold them; the other sources stand in only where they do not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum PointSource {
    /// GeoNames' own latitude and longitude for the place's GeoNames id.
    Geonames,
    /// The mean position of the division's towns in GeoNames (GeoNames' own point for it is not in the sources).
    Towns,
    /// The point of the division or country that holds the place (no point of its own is in the sources).
    Container,
    /// A country's point from the countryinfo package (REST Countries / CIA World Factbook).
    Countryinfo,
    /// The airports table.
    Airports,
    /// Set by the Gleaner authors (curated regions, a few territories).
    Gleaner,
}

/// A place the document is about.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Focus {
    /// The place; its `score` is the confidence-weighted share of the document's place mentions that point to it.
    pub place: Place,
    /// The entity that names it, when one does (a country can be in focus through its cities alone).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub entity: Option<usize>,
}

/// A CAMEO actor code.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Actor {
    /// The code: country (ISO 3166-1 alpha-3 or CAMEO region) followed by sector codes, e.g. `IRNGOV`.
    pub code: String,
}

/// What kind of temporal expression a time is (TIMEX3 types).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum TimeKind {
    /// A calendar date or period ("September 11, 2024", "in July", "the 1980s").
    Date,
    /// A time of day ("8:30 a.m.").
    Time,
    /// A length of time ("three months").
    Duration,
    /// A recurrence ("every Friday").
    Set,
}

/// A temporal expression.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Time {
    /// Start offset.
    pub start: usize,
    /// End offset (exclusive).
    pub end: usize,
    /// `title` when the span lies in the document's title (`start` and `end` then count in the title); absent
    /// for the body.
    #[serde(default, skip_serializing_if = "Field::is_text")]
    pub field: Field,
    /// The expression as written.
    pub text: String,
    /// Date, time, duration or set.
    pub kind: TimeKind,
    /// TIMEX3 value: `2024-07`, `198X`, `2024-W37`, `P3M`, `XXXX-WXX-5`, `PRESENT_REF` ...
    pub value: String,
    /// True when the value was resolved against the publication date.
    pub anchored: bool,
    /// Index into `sentences`.
    pub sentence: usize,
}

/// What kind of quantity a quantity is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum QuantityKind {
    /// A count of things ("2,500 troops").
    Count,
    /// An amount of money ("$1.13bn").
    Money,
    /// A percentage ("76%").
    Percent,
    /// An ordinal ("third").
    Ordinal,
    /// A measure with a unit ("5 km").
    Measure,
    /// A bare number.
    Number,
}

/// What happened to the people a count is about, as GDELT's counts record it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum CountEvent {
    /// Killed or dead.
    Killed,
    /// Wounded or injured.
    Wounded,
    /// Arrested or detained.
    Arrested,
    /// Kidnapped, abducted or taken hostage.
    Kidnapped,
    /// Displaced, evacuated or fleeing.
    Displaced,
    /// Protesting or demonstrating.
    Protesting,
}

/// A number, count, amount of money or percentage.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Quantity {
    /// Start offset.
    pub start: usize,
    /// End offset (exclusive).
    pub end: usize,
    /// `title` when the span lies in the document's title (`start` and `end` then count in the title); absent
    /// for the body.
    #[serde(default, skip_serializing_if = "Field::is_text")]
    pub field: Field,
    /// The expression as written.
    pub text: String,
    /// What kind of quantity.
    pub kind: QuantityKind,
    /// The value (the lower bound of a range).
    pub value: f64,
    /// The upper bound, for ranges ("between 10 and 15").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub high: Option<f64>,
    /// What is counted or measured ("troops", "km"), or the ISO 4217 currency for money.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    /// True for vague amounts ("hundreds of", "at least 12", "about 300").
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub approximate: bool,
    /// What happened to the people counted, when the count says.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub event: Option<CountEvent>,
    /// Index into `sentences`.
    pub sentence: usize,
}

/// A span of text inside the document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Span {
    /// Start offset.
    pub start: usize,
    /// End offset (exclusive).
    pub end: usize,
    /// `title` when the span lies in the document's title (`start` and `end` then count in the title); absent
    /// for the body.
    #[serde(default, skip_serializing_if = "Field::is_text")]
    pub field: Field,
    /// The text of the span.
    pub text: String,
}

/// Whether an event happened, is expected, or is denied.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum EventMode {
    /// Reported as having happened.
    Asserted,
    /// Planned, expected or announced ("will meet", "is expected to sign").
    Anticipated,
    /// Denied or said not to have happened.
    Negated,
}

/// One side of an event.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct EventActor {
    /// Index into `entities`, when the actor is a named entity.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub entity: Option<usize>,
    /// CAMEO actor code.
    pub code: String,
    /// The words the actor was coded from.
    pub text: String,
}

/// A coded political event.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Event {
    /// Index into `sentences`.
    pub sentence: usize,
    /// The verb phrase that triggered the pattern.
    pub trigger: Span,
    /// CAMEO event code (a string: leading zeros matter).
    pub cameo: String,
    /// PLOVER category.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub plover: Option<String>,
    /// QuadClass: 1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict.
    pub quad_class: u8,
    /// Goldstein scale value, -10 to +10.
    pub goldstein: f32,
    /// Who acted.
    pub source: EventActor,
    /// Who was acted upon.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target: Option<EventActor>,
    /// Where: index into `entities` (a place entity of the same sentence).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub place: Option<usize>,
    /// When: index into `times`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub time: Option<usize>,
    /// Asserted, anticipated or negated.
    pub mode: EventMode,
    /// Confidence in [0, 1].
    pub score: f32,
}

/// A phrase the document is about.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Keyphrase {
    /// The phrase, as most often written.
    pub text: String,
    /// Relevance in [0, 1]; higher is more relevant.
    pub score: f32,
    /// How many times it occurs.
    pub count: usize,
}

/// A direct quotation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Quote {
    /// Start offset of the quoted words (inside the quotation marks).
    pub start: usize,
    /// End offset (exclusive).
    pub end: usize,
    /// `title` when the span lies in the document's title (`start` and `end` then count in the title); absent
    /// for the body.
    #[serde(default, skip_serializing_if = "Field::is_text")]
    pub field: Field,
    /// The quoted words.
    pub text: String,
    /// Who said it, as written near the quote.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub speaker: Option<Span>,
    /// The speaker's entity: index into `entities`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub entity: Option<usize>,
    /// The speech verb ("said", "told").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub verb: Option<String>,
}

/// A theme of the document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Theme {
    /// Theme code from Gleaner's taxonomy (`CONFLICT`, `PROTEST`, `ELECTION` ...; see the docs).
    pub code: String,
    /// Strength in [0, 1].
    pub score: f32,
    /// The spans that gave the theme away.
    pub evidence: Vec<Span>,
}

/// Document tone in the manner of GDELT's V1.5TONE.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Tone {
    /// `positive - negative`, in percent of words.
    pub tone: f32,
    /// Percentage of words with positive valence.
    pub positive: f32,
    /// Percentage of words with negative valence.
    pub negative: f32,
    /// `positive + negative`: how emotionally charged the text is.
    pub polarity: f32,
    /// Percentage of words that are active verbs of doing (GDELT's activity reference density).
    pub activity: f32,
    /// Percentage of words that are first-person pronouns (self/group reference density).
    pub self_reference: f32,
    /// Number of words counted.
    pub words: usize,
}

/// Something about the input that did not stop extraction.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Warning {
    /// Stable machine-readable code (`bad_published`, ...).
    pub code: String,
    /// What happened, for a person.
    pub message: String,
}

/// The JSON Schema of `Extraction`, generated from these types.
pub fn extraction_schema() -> serde_json::Value {
    serde_json::to_value(schemars::schema_for!(Extraction)).unwrap_or_default()
}

/// The JSON Schema of `Document`, generated from these types.
pub fn document_schema() -> serde_json::Value {
    serde_json::to_value(schemars::schema_for!(Document)).unwrap_or_default()
}
