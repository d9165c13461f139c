//! GDELT-like tables of extractions: one row per document, token (with `--tokens`), mention, entity, place, time,
//! quantity, event, keyphrase, quote and theme, joined by the document's position in the input (`doc`) and the
//! item indices.
//!
//! Each table is defined once, here: its columns' names, types and docs next to the function that reads each
//! value out of an `Extraction`. The CLI's CSV and Parquet writers, `gleaner schema --tables`, README's column
//! reference and the Python package's Arrow tables are all generated from these definitions.

use std::borrow::Cow;
use std::fmt::Write as _;

use gleaner_core::model::{
    Entity, Event, Extraction, Field, HtmlPage, Keyphrase, Mention, Place, Quantity, Quote, Sourced, Theme, Time, Token,
};
use serde::Serialize;

/// The type of a column's values.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A 64-bit signed integer.
    Int,
    /// A 64-bit float.
    Float,
    /// A boolean.
    Bool,
    /// A UTF-8 string.
    Str,
}

impl Kind {
    /// The name README and `gleaner schema --tables` use.
    pub fn name(self) -> &'static str {
        match self {
            Int => "int64",
            Float => "float64",
            Bool => "bool",
            Str => "string",
        }
    }
}

/// One value of a row.
#[derive(Debug, Clone, PartialEq)]
pub enum Value<'a> {
    /// No value (only in nullable columns).
    Null,
    /// An integer.
    Int(i64),
    /// A float.
    Float(f64),
    /// A boolean.
    Bool(bool),
    /// A string.
    Str(Cow<'a, str>),
}

#[cfg(test)]
impl Value<'_> {
    /// Whether the value fits a column of `kind` (nulls only where `nullable`).
    pub fn fits(&self, kind: Kind, nullable: bool) -> bool {
        matches!((self, kind), (Value::Int(_), Int) | (Value::Float(_), Float) | (Value::Bool(_), Bool))
            || matches!((self, kind), (Value::Str(_), Str))
            || (nullable && *self == Value::Null)
    }
}

impl From<usize> for Value<'_> {
    fn from(n: usize) -> Self {
        Value::Int(i64::try_from(n).unwrap_or(i64::MAX))
    }
}
impl From<u64> for Value<'_> {
    fn from(n: u64) -> Self {
        Value::Int(i64::try_from(n).unwrap_or(i64::MAX))
    }
}
impl From<u8> for Value<'_> {
    fn from(n: u8) -> Self {
        Value::Int(i64::from(n))
    }
}
impl From<f64> for Value<'_> {
    fn from(x: f64) -> Self {
        Value::Float(x)
    }
}
impl From<f32> for Value<'_> {
    fn from(x: f32) -> Self {
        // Through the shortest decimal form, so that 0.1f32 is written 0.1 rather than 0.10000000149011612.
        Value::Float(x.to_string().parse().unwrap_or(f64::from(x)))
    }
}
impl From<bool> for Value<'_> {
    fn from(b: bool) -> Self {
        Value::Bool(b)
    }
}
impl<'a> From<&'a str> for Value<'a> {
    fn from(s: &'a str) -> Self {
        Value::Str(Cow::Borrowed(s))
    }
}
impl<'a> From<&'a String> for Value<'a> {
    fn from(s: &'a String) -> Self {
        Value::Str(Cow::Borrowed(s))
    }
}
impl From<String> for Value<'_> {
    fn from(s: String) -> Self {
        Value::Str(Cow::Owned(s))
    }
}
impl<'a, T: Into<Value<'a>>> From<Option<T>> for Value<'a> {
    fn from(v: Option<T>) -> Self {
        v.map_or(Value::Null, Into::into)
    }
}

/// The name serde gives an enum variant (`GPE`, `date`, `asserted`).
fn name<T: Serialize>(value: &T) -> Value<'static> {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(s)) => Value::Str(Cow::Owned(s)),
        _ => Value::Null,
    }
}

/// One input record as the `documents` table sees it: its position, its id, and what came of it.
#[derive(Debug, Clone, Copy)]
pub struct Doc<'a> {
    /// Position of the record among all input records, from 0.
    pub doc: u64,
    /// The record's id.
    pub id: Option<&'a str>,
    /// The extraction, or why there is none.
    pub result: Result<&'a Extraction, &'a Failure>,
}

/// A record that gave no extraction, as the `documents` table reports it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failure {
    /// The stable error code.
    pub code: &'static str,
    /// What happened.
    pub message: String,
    /// The input it came from.
    pub input: String,
    /// The line it starts on.
    pub line: Option<u64>,
}

/// What a column's value is read from: the item (a mention, an event …), its index in its list, and the
/// extraction it belongs to.
#[derive(Debug, Clone, Copy)]
pub struct Item<'a, T> {
    /// The item.
    pub item: &'a T,
    /// Its index in its list (`mentions`, `events` …).
    pub index: usize,
    /// The whole extraction (for cross-references).
    pub x: &'a Extraction,
}

/// A column: name, type, whether it may be empty, what it means, and how to read it.
pub struct Column<T> {
    /// The column's name.
    pub name: &'static str,
    /// The type of its values.
    pub kind: Kind,
    /// Whether a value may be missing.
    pub nullable: bool,
    /// What the column holds.
    pub doc: &'static str,
    /// Reads the value.
    pub get: for<'a> fn(&Item<'a, T>) -> Value<'a>,
}

impl<T> std::fmt::Debug for Column<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Column").field("name", &self.name).field("kind", &self.kind).finish_non_exhaustive()
    }
}

const fn col<T>(
    name: &'static str,
    kind: Kind,
    doc: &'static str,
    get: for<'a> fn(&Item<'a, T>) -> Value<'a>,
) -> Column<T> {
    Column { name, kind, nullable: false, doc, get }
}

const fn opt<T>(
    name: &'static str,
    kind: Kind,
    doc: &'static str,
    get: for<'a> fn(&Item<'a, T>) -> Value<'a>,
) -> Column<T> {
    Column { name, kind, nullable: true, doc, get }
}

use Kind::{Bool, Float, Int, Str};

/// A column's description, without its reader (what schemas and writers need).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ColumnInfo {
    /// The name.
    pub name: &'static str,
    /// The type.
    pub kind: Kind,
    /// Whether values may be missing.
    pub nullable: bool,
    /// What it holds.
    pub doc: &'static str,
}

/// The two columns every table starts with.
const KEY_COLUMNS: [ColumnInfo; 2] = [
    ColumnInfo { name: "doc", kind: Int, nullable: false, doc: "Position of the input record, from 0: the join key" },
    ColumnInfo { name: "doc_id", kind: Str, nullable: true, doc: "The document's `id`" },
];

/// A table: its rows come from one list of every extraction (or, for `documents`, from each record).
pub trait Table: Sync {
    /// The table's name (and file name).
    fn name(&self) -> &'static str;
    /// What one row is.
    fn doc(&self) -> &'static str;
    /// The columns, `doc` and `doc_id` first.
    fn columns(&self) -> Vec<ColumnInfo>;
    /// Calls `row` with the values of each row for one record.
    fn rows(&self, record: &Doc<'_>, row: &mut dyn FnMut(&[Value<'_>]));
}

/// A table of the items of one list of an `Extraction`.
struct ItemTable<T: 'static> {
    name: &'static str,
    doc: &'static str,
    items: fn(&Extraction) -> &[T],
    /// Which items get a row.
    keep: fn(&T) -> bool,
    columns: &'static [Column<T>],
}

impl<T: Sync> Table for ItemTable<T> {
    fn name(&self) -> &'static str {
        self.name
    }
    fn doc(&self) -> &'static str {
        self.doc
    }
    fn columns(&self) -> Vec<ColumnInfo> {
        let own =
            self.columns.iter().map(|c| ColumnInfo { name: c.name, kind: c.kind, nullable: c.nullable, doc: c.doc });
        KEY_COLUMNS.into_iter().chain(own).collect()
    }
    fn rows(&self, record: &Doc<'_>, row: &mut dyn FnMut(&[Value<'_>])) {
        let Ok(x) = record.result else { return };
        let mut values = Vec::with_capacity(self.columns.len() + 2);
        for (index, item) in (self.items)(x).iter().enumerate().filter(|(_, item)| (self.keep)(item)) {
            values.clear();
            values.push(Value::from(record.doc));
            values.push(Value::from(record.id));
            let item = Item { item, index, x };
            values.extend(self.columns.iter().map(|c| (c.get)(&item)));
            row(&values);
        }
    }
}

/// The `documents` table: one row per input record, failed ones included.
struct Documents;

/// A documents row reads an extraction; failed records have only the key and error columns.
const DOCUMENT_COLUMNS: &[Column<Extraction>] = &[
    opt("published", Str, "Publication date as understood (`YYYY-MM-DD`)", |r| r.item.published.as_ref().into()),
    col("chars", Int, "Length of the text in Unicode scalar values", |r| r.item.stats.chars.into()),
    col("tokens", Int, "Number of tokens", |r| r.item.stats.tokens.into()),
    col("sentences", Int, "Number of sentences", |r| r.item.stats.sentences.into()),
    col("segments", Int, "Number of segments", |r| r.item.segments.len().into()),
    col("mentions", Int, "Number of mentions (names, pronouns and descriptions)", |r| r.item.mentions.len().into()),
    col("entities", Int, "Number of entities", |r| r.item.entities.len().into()),
    col("places", Int, "Number of entities resolved to a place", |r| {
        r.item.entities.iter().filter(|e| e.place.is_some()).count().into()
    }),
    col("times", Int, "Number of temporal expressions", |r| r.item.times.len().into()),
    col("quantities", Int, "Number of quantities", |r| r.item.quantities.len().into()),
    col("events", Int, "Number of events", |r| r.item.events.len().into()),
    opt("tone", Float, "Tone: positive minus negative, in percent of words", |r| r.item.tone.map(|t| t.tone).into()),
    opt("positive", Float, "Percentage of words with positive valence", |r| r.item.tone.map(|t| t.positive).into()),
    opt("negative", Float, "Percentage of words with negative valence", |r| r.item.tone.map(|t| t.negative).into()),
    opt("polarity", Float, "positive + negative", |r| r.item.tone.map(|t| t.polarity).into()),
    opt("activity", Float, "Percentage of words that are active verbs", |r| r.item.tone.map(|t| t.activity).into()),
    opt("self_reference", Float, "Percentage of words that are first-person pronouns", |r| {
        r.item.tone.map(|t| t.self_reference).into()
    }),
    opt("warnings", Str, "Warning codes, `;`-separated", |r| {
        let codes: Vec<&str> = r.item.warnings.iter().map(|w| w.code.as_str()).collect();
        (!codes.is_empty()).then(|| codes.join(";")).into()
    }),
    // What a web page said about itself (`html`): each value and where it was found; null for text inputs.
    opt("html_title", Str, "A page's headline", |r| value(page(r).and_then(|p| p.title.as_ref()))),
    opt("html_title_source", Str, "Where it was found (`meta:og:title`, `h1` …)", |r| {
        source(page(r).and_then(|p| p.title.as_ref()))
    }),
    opt("html_published", Str, "A page's publication date or time", |r| {
        value(page(r).and_then(|p| p.published.as_ref()))
    }),
    opt(
        "html_published_source",
        Str,
        "Where it was found (`json-ld`, `meta:article:published_time`, `url` …)",
        |r| source(page(r).and_then(|p| p.published.as_ref())),
    ),
    opt("html_author", Str, "A page's author or authors (`; `-separated)", |r| {
        value(page(r).and_then(|p| p.author.as_ref()))
    }),
    opt("html_author_source", Str, "Where it was found", |r| source(page(r).and_then(|p| p.author.as_ref()))),
    opt("html_url", Str, "A page's canonical URL", |r| value(page(r).and_then(|p| p.url.as_ref()))),
    opt("html_url_source", Str, "Where it was found", |r| source(page(r).and_then(|p| p.url.as_ref()))),
    opt("html_site_name", Str, "A page's site name", |r| value(page(r).and_then(|p| p.site_name.as_ref()))),
    opt("html_site_name_source", Str, "Where it was found", |r| source(page(r).and_then(|p| p.site_name.as_ref()))),
    opt("html_language", Str, "The language a page declares", |r| value(page(r).and_then(|p| p.language.as_ref()))),
    opt("html_language_source", Str, "Where it was found", |r| source(page(r).and_then(|p| p.language.as_ref()))),
    opt("html_description", Str, "A page's own summary", |r| value(page(r).and_then(|p| p.description.as_ref()))),
    opt("html_description_source", Str, "Where it was found", |r| source(page(r).and_then(|p| p.description.as_ref()))),
    opt("html_charset", Str, "The character set a page was decoded with", |r| value(page(r).map(|p| &p.charset))),
    opt("html_charset_source", Str, "`header`, `bom`, `meta` or `detected`", |r| source(page(r).map(|p| &p.charset))),
    opt("html_paragraphs", Int, "Paragraphs of a page's text", |r| page(r).map(|p| p.paragraphs).into()),
    opt("html_headings", Int, "Headings of a page's text", |r| page(r).map(|p| p.headings).into()),
];

/// What a web page said about itself, when the record was one.
fn page<'a>(r: &Item<'a, Extraction>) -> Option<&'a HtmlPage> {
    r.item.html.as_ref()
}

fn value(found: Option<&Sourced>) -> Value<'_> {
    found.map(|s| s.value.as_str()).into()
}

fn source(found: Option<&Sourced>) -> Value<'_> {
    found.map(|s| s.source.as_str()).into()
}

/// The error columns of `documents`, filled only for failed records.
const ERROR_COLUMNS: [ColumnInfo; 4] = [
    ColumnInfo {
        name: "error",
        kind: Str,
        nullable: true,
        doc: "Error code when the record failed (see the error codes above)",
    },
    ColumnInfo { name: "error_message", kind: Str, nullable: true, doc: "What went wrong" },
    ColumnInfo { name: "input", kind: Str, nullable: true, doc: "The input of a failed record" },
    ColumnInfo { name: "line", kind: Int, nullable: true, doc: "The line of a failed record in its input" },
];

impl Table for Documents {
    fn name(&self) -> &'static str {
        "documents"
    }
    fn doc(&self) -> &'static str {
        "one per input record, failed ones included"
    }
    fn columns(&self) -> Vec<ColumnInfo> {
        let own = DOCUMENT_COLUMNS.iter().map(|c| ColumnInfo {
            name: c.name,
            kind: c.kind,
            // A failed record has none of them.
            nullable: true,
            doc: c.doc,
        });
        KEY_COLUMNS.into_iter().chain(own).chain(ERROR_COLUMNS).collect()
    }
    fn rows(&self, record: &Doc<'_>, row: &mut dyn FnMut(&[Value<'_>])) {
        let mut values = vec![Value::from(record.doc), Value::from(record.id)];
        match record.result {
            Ok(x) => {
                let item = Item { item: x, index: 0, x };
                values.extend(DOCUMENT_COLUMNS.iter().map(|c| (c.get)(&item)));
                values.extend([Value::Null, Value::Null, Value::Null, Value::Null]);
            }
            Err(failure) => {
                values.extend(DOCUMENT_COLUMNS.iter().map(|_| Value::Null));
                values.extend([
                    Value::from(failure.code),
                    Value::from(&failure.message),
                    Value::from(&failure.input),
                    Value::from(failure.line),
                ]);
            }
        }
        row(&values);
    }
}

/// What a `field` column says of a span: `text`, or `title` when it lies in the document's title.
const FIELD_DOC: &str = "`text`, or `title` when the span lies in the title (its offsets then count in the title)";

fn field(f: Field) -> Value<'static> {
    name(&f)
}

/// A field's name as the `field` columns write it.
fn field_name(f: Field) -> &'static str {
    match f {
        Field::Text => "text",
        Field::Title => "title",
    }
}

fn place(entity: &Entity) -> Option<&Place> {
    entity.place.as_ref()
}

const TOKENS: ItemTable<Token> = ItemTable {
    name: "tokens",
    doc: "one per token, with `--tokens`",
    items: |x| &x.tokens,
    keep: |_| true,
    columns: &[
        col("token", Int, "Index in the document's `tokens`", |r| r.index.into()),
        col("start", Int, "Start offset (in the run's `--offsets` unit)", |r| r.item.start.into()),
        col("end", Int, "End offset (exclusive)", |r| r.item.end.into()),
        col("field", Str, FIELD_DOC, |r| field(r.item.field)),
        col("kind", Str, "word, number, punct, symbol, url, email …", |r| name(&r.item.kind)),
        opt("head", Int, "Index of its syntactic head (joins `tokens.token`); null for a sentence's root", |r| {
            r.item.head.into()
        }),
        opt("dep", Str, "Universal Dependencies relation to the head (`nsubj`, `obl:agent`, `root` …)", |r| {
            r.item.dep.map(|d| d.as_str()).into()
        }),
    ],
};

const MENTIONS: ItemTable<Mention> = ItemTable {
    name: "mentions",
    doc: "one per mention of an entity: its names, and the pronouns and descriptions resolved to it",
    items: |x| &x.mentions,
    keep: |_| true,
    columns: &[
        col("mention", Int, "Index in the document's `mentions`", |r| r.index.into()),
        col("start", Int, "Start offset (in the run's `--offsets` unit)", |r| r.item.start.into()),
        col("end", Int, "End offset (exclusive)", |r| r.item.end.into()),
        col("field", Str, FIELD_DOC, |r| field(r.item.field)),
        col("text", Str, "The mention as written", |r| (&r.item.text).into()),
        col("kind", Str, "name, pronoun or description", |r| name(&r.item.kind)),
        col("label", Str, "Entity label (PERSON, NORP, FAC, ORG, GPE, LOC …)", |r| name(&r.item.label)),
        col("entity", Int, "Index of its entity (joins `entities.entity`)", |r| r.item.entity.into()),
        col("sentence", Int, "Index of its sentence", |r| r.item.sentence.into()),
        col("segment", Int, "Index of its segment", |r| r.item.segment.into()),
        col("score", Float, "Confidence in [0, 1] (the tagger's for a name, the coreference stage's else)", |r| {
            r.item.score.into()
        }),
    ],
};

const ENTITIES: ItemTable<Entity> = ItemTable {
    name: "entities",
    doc: "one per entity (mentions of one thing clustered)",
    items: |x| &x.entities,
    keep: |_| true,
    columns: &[
        col("entity", Int, "Index in the document's `entities`", |r| r.index.into()),
        col("label", Str, "Entity label", |r| name(&r.item.label)),
        col("name", Str, "The fullest name used in the document", |r| (&r.item.name).into()),
        col("mentions", Int, "Number of mentions (names, pronouns and descriptions)", |r| r.item.mentions.len().into()),
        col("salience", Float, "How central it is to the document, in [0, 1]", |r| r.item.salience.into()),
        opt("role", Str, "Title or role given in the text", |r| r.item.role.as_ref().into()),
        opt("affiliation", Int, "The entity it belongs to (index into `entities`)", |r| r.item.affiliation.into()),
        opt("actor", Str, "CAMEO actor code", |r| r.item.actor.as_ref().map(|a| a.code.as_str()).into()),
        opt("country", Str, "ISO 3166-1 alpha-2 country of its place", |r| {
            place(r.item).and_then(|p| p.country.as_deref()).into()
        }),
    ],
};

const PLACES: ItemTable<Entity> = ItemTable {
    name: "places",
    doc: "one per entity resolved to a place",
    items: |x| &x.entities,
    keep: |e| e.place.is_some(),
    columns: &[
        col("entity", Int, "Index of the entity (joins `entities.entity`)", |r| r.index.into()),
        col("text", Str, "The entity's name in the document", |r| (&r.item.name).into()),
        opt("geonames_id", Int, "GeoNames id", |r| place(r.item).and_then(|p| p.geonames_id).into()),
        col("name", Str, "The gazetteer's name", |r| place(r.item).map(|p| p.name.as_str()).unwrap_or("").into()),
        col("kind", Str, "continent, region, country, admin1, admin2, city or airport", |r| {
            place(r.item).map_or(Value::Null, |p| name(&p.kind))
        }),
        opt("country", Str, "ISO 3166-1 alpha-2 country code", |r| {
            place(r.item).and_then(|p| p.country.as_deref()).into()
        }),
        opt("admin1", Str, "First-order division", |r| place(r.item).and_then(|p| p.admin1.as_deref()).into()),
        col("lat", Float, "Latitude in degrees", |r| place(r.item).map_or(Value::Null, |p| p.lat.into())),
        col("lon", Float, "Longitude in degrees", |r| place(r.item).map_or(Value::Null, |p| p.lon.into())),
        col(
            "point_source",
            Str,
            "Where lat/lon come from: geonames (GeoNames' own point for the id), towns, container, countryinfo, airports or gleaner",
            |r| place(r.item).map_or(Value::Null, |p| name(&p.point_source)),
        ),
        col("score", Float, "Confidence of the resolution in [0, 1]", |r| {
            place(r.item).map_or(Value::Null, |p| p.score.into())
        }),
    ],
};

const TIMES: ItemTable<Time> = ItemTable {
    name: "times",
    doc: "one per temporal expression",
    items: |x| &x.times,
    keep: |_| true,
    columns: &[
        col("time", Int, "Index in the document's `times`", |r| r.index.into()),
        col("start", Int, "Start offset", |r| r.item.start.into()),
        col("end", Int, "End offset (exclusive)", |r| r.item.end.into()),
        col("field", Str, FIELD_DOC, |r| field(r.item.field)),
        col("text", Str, "The expression as written", |r| (&r.item.text).into()),
        col("kind", Str, "date, time, duration or set", |r| name(&r.item.kind)),
        col("value", Str, "TIMEX3 value (`2024-07`, `P3M`, `PRESENT_REF` …)", |r| (&r.item.value).into()),
        col("anchored", Bool, "Resolved against the publication date", |r| r.item.anchored.into()),
        col("sentence", Int, "Index of its sentence", |r| r.item.sentence.into()),
    ],
};

const QUANTITIES: ItemTable<Quantity> = ItemTable {
    name: "quantities",
    doc: "one per number, count, amount of money or percentage",
    items: |x| &x.quantities,
    keep: |_| true,
    columns: &[
        col("quantity", Int, "Index in the document's `quantities`", |r| r.index.into()),
        col("start", Int, "Start offset", |r| r.item.start.into()),
        col("end", Int, "End offset (exclusive)", |r| r.item.end.into()),
        col("field", Str, FIELD_DOC, |r| field(r.item.field)),
        col("text", Str, "The expression as written", |r| (&r.item.text).into()),
        col("kind", Str, "count, money, percent, ordinal, measure or number", |r| name(&r.item.kind)),
        col("value", Float, "The value (lower bound of a range)", |r| r.item.value.into()),
        opt("high", Float, "Upper bound of a range", |r| r.item.high.into()),
        opt("unit", Str, "What is counted or measured, or the ISO 4217 currency", |r| r.item.unit.as_ref().into()),
        col("approximate", Bool, "A vague amount (\"hundreds of\")", |r| r.item.approximate.into()),
        opt("event", Str, "What happened to those counted (killed, wounded …)", |r| {
            r.item.event.as_ref().map_or(Value::Null, name)
        }),
        col("sentence", Int, "Index of its sentence", |r| r.item.sentence.into()),
    ],
};

fn event_place<'a>(r: &Item<'a, Event>) -> Option<&'a Place> {
    r.item.place.and_then(|i| r.x.entities.get(i)).and_then(place)
}

const EVENTS: ItemTable<Event> = ItemTable {
    name: "events",
    doc: "one per coded event (CAMEO / PLOVER)",
    items: |x| &x.events,
    keep: |_| true,
    columns: &[
        col("event", Int, "Index in the document's `events`", |r| r.index.into()),
        col("sentence", Int, "Index of its sentence", |r| r.item.sentence.into()),
        col("cameo", Str, "CAMEO event code", |r| (&r.item.cameo).into()),
        col("root", Str, "CAMEO root code (the first two digits)", |r| {
            r.item.cameo.get(..2).unwrap_or(&r.item.cameo).into()
        }),
        opt("plover", Str, "PLOVER category", |r| r.item.plover.as_ref().into()),
        col(
            "quad_class",
            Int,
            "1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict",
            |r| r.item.quad_class.into(),
        ),
        col("goldstein", Float, "Goldstein scale, -10 to +10", |r| r.item.goldstein.into()),
        col("mode", Str, "asserted, anticipated or negated", |r| name(&r.item.mode)),
        col("trigger", Str, "The verb phrase", |r| (&r.item.trigger.text).into()),
        col("trigger_start", Int, "Start offset of the trigger", |r| r.item.trigger.start.into()),
        col("trigger_end", Int, "End offset of the trigger", |r| r.item.trigger.end.into()),
        col("field", Str, FIELD_DOC, |r| field(r.item.trigger.field)),
        col("source_code", Str, "CAMEO code of who acted", |r| (&r.item.source.code).into()),
        col("source_text", Str, "The words the source was coded from", |r| (&r.item.source.text).into()),
        opt("source_entity", Int, "The source's entity", |r| r.item.source.entity.into()),
        opt("target_code", Str, "CAMEO code of who was acted upon", |r| {
            r.item.target.as_ref().map(|t| t.code.as_str()).into()
        }),
        opt("target_text", Str, "The words the target was coded from", |r| {
            r.item.target.as_ref().map(|t| t.text.as_str()).into()
        }),
        opt("target_entity", Int, "The target's entity", |r| r.item.target.as_ref().and_then(|t| t.entity).into()),
        opt("place_entity", Int, "Where: the place entity", |r| r.item.place.into()),
        opt("place", Str, "Where: the gazetteer's name", |r| event_place(r).map(|p| p.name.as_str()).into()),
        opt("country", Str, "Where: ISO 3166-1 alpha-2 country", |r| {
            event_place(r).and_then(|p| p.country.as_deref()).into()
        }),
        opt("lat", Float, "Where: latitude", |r| event_place(r).map(|p| p.lat).into()),
        opt("lon", Float, "Where: longitude", |r| event_place(r).map(|p| p.lon).into()),
        opt("time", Int, "When: index into `times`", |r| r.item.time.into()),
        opt("time_value", Str, "When: the TIMEX3 value", |r| {
            r.item.time.and_then(|i| r.x.times.get(i)).map(|t| t.value.as_str()).into()
        }),
        col("score", Float, "Confidence in [0, 1]", |r| r.item.score.into()),
    ],
};

const KEYPHRASES: ItemTable<Keyphrase> = ItemTable {
    name: "keyphrases",
    doc: "one per keyphrase, best first",
    items: |x| &x.keyphrases,
    keep: |_| true,
    columns: &[
        col("rank", Int, "Index in the document's `keyphrases` (0 is the best)", |r| r.index.into()),
        col("text", Str, "The phrase", |r| (&r.item.text).into()),
        col("score", Float, "Relevance in [0, 1]", |r| r.item.score.into()),
        col("count", Int, "Occurrences", |r| r.item.count.into()),
    ],
};

const QUOTES: ItemTable<Quote> = ItemTable {
    name: "quotes",
    doc: "one per direct quotation",
    items: |x| &x.quotes,
    keep: |_| true,
    columns: &[
        col("quote", Int, "Index in the document's `quotes`", |r| r.index.into()),
        col("start", Int, "Start offset of the quoted words", |r| r.item.start.into()),
        col("end", Int, "End offset (exclusive)", |r| r.item.end.into()),
        col("field", Str, FIELD_DOC, |r| field(r.item.field)),
        col("text", Str, "The quoted words", |r| (&r.item.text).into()),
        opt("speaker", Str, "Who said it, as written", |r| r.item.speaker.as_ref().map(|s| s.text.as_str()).into()),
        opt("speaker_entity", Int, "The speaker's entity", |r| r.item.entity.into()),
        opt("verb", Str, "The speech verb", |r| r.item.verb.as_ref().into()),
    ],
};

const THEMES: ItemTable<Theme> = ItemTable {
    name: "themes",
    doc: "one per theme of a document",
    items: |x| &x.themes,
    keep: |_| true,
    columns: &[
        col("theme", Int, "Index in the document's `themes`", |r| r.index.into()),
        col("code", Str, "Theme code", |r| (&r.item.code).into()),
        col("score", Float, "Strength in [0, 1]", |r| r.item.score.into()),
        col("evidence", Str, "The words that gave it away, `|`-separated", |r| {
            r.item.evidence.iter().map(|s| s.text.as_str()).collect::<Vec<_>>().join("|").into()
        }),
        col(
            "evidence_field",
            Str,
            "Where each of the words lies, `|`-separated like `evidence`: `text`, or `title` (the headline)",
            |r| r.item.evidence.iter().map(|s| field_name(s.field)).collect::<Vec<_>>().join("|").into(),
        ),
    ],
};

/// Every table, `documents` first (writers commit it last: a row there means the record is complete).
pub static TABLES: [&dyn Table; 11] =
    [&Documents, &TOKENS, &MENTIONS, &ENTITIES, &PLACES, &TIMES, &QUANTITIES, &EVENTS, &KEYPHRASES, &QUOTES, &THEMES];

/// The column reference as Markdown: one section per table (what `gleaner schema --tables` prints and README
/// holds between its markers).
pub fn markdown() -> String {
    let mut out = String::new();
    for table in TABLES {
        let _ = writeln!(out, "**{}** — {}\n\n| column | type | meaning |\n|---|---|---|", table.name(), table.doc());
        for c in table.columns() {
            let kind = if c.nullable { format!("{}?", c.kind.name()) } else { c.kind.name().to_string() };
            let _ = writeln!(out, "| `{}` | {kind} | {} |", c.name, c.doc.replace('|', "\\|"));
        }
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use gleaner_core::{Config, Document, Extractor};

    #[test]
    fn rows_fit_their_columns() {
        let text = include_str!("../../../examples/seed.txt");
        let mut config = Config::default();
        config.tokens = true;
        let x = Extractor::new(config).and_then(|e| e.extract(&Document::new(text)));
        let Ok(x) = x else { panic!("extraction failed") };
        assert!(x.tokens.iter().any(|t| t.head.is_some()) && x.tokens.iter().all(|t| t.dep.is_some()));
        let failure = Failure { code: "invalid_json", message: "m".into(), input: "a".into(), line: Some(3) };
        for result in [Ok(&x), Err(&failure)] {
            let record = Doc { doc: 7, id: Some("d"), result };
            for table in TABLES {
                let columns = table.columns();
                let mut names: Vec<_> = columns.iter().map(|c| c.name).collect();
                names.sort_unstable();
                names.dedup();
                assert_eq!(names.len(), columns.len(), "{}: duplicate column names", table.name());
                table.rows(&record, &mut |values| {
                    assert_eq!(values.len(), columns.len(), "{}", table.name());
                    for (v, c) in values.iter().zip(&columns) {
                        assert!(v.fits(c.kind, c.nullable), "{}.{}: {v:?}", table.name(), c.name);
                    }
                    assert_eq!(values[0], Value::Int(7));
                });
            }
        }
        let mut rows = 0;
        TABLES[0].rows(&Doc { doc: 0, id: None, result: Ok(&x) }, &mut |_| rows += 1);
        assert_eq!(rows, 1);
    }

    #[test]
    fn documents_carry_what_a_page_said_about_itself() {
        let found = |value: &str, source: &str| Some(Sourced { value: value.into(), source: source.into() });
        let html = HtmlPage {
            published: found("2024-03-05T09:00:00Z", "json-ld"),
            charset: Sourced { value: "windows-1252".into(), source: "meta".into() },
            paragraphs: 4,
            ..HtmlPage::default()
        };
        let x = Extraction { html: Some(html), ..Extraction::default() };
        let columns = TABLES[0].columns();
        let mut row = Vec::new();
        TABLES[0].rows(&Doc { doc: 0, id: None, result: Ok(&x) }, &mut |values| {
            row = columns.iter().map(|c| c.name).zip(values.iter().map(|v| format!("{v:?}"))).collect::<Vec<_>>();
        });
        let at = |name: &str| row.iter().find(|(n, _)| *n == name).map(|(_, v)| v.as_str());
        assert_eq!(at("html_published"), Some(r#"Str("2024-03-05T09:00:00Z")"#));
        assert_eq!(at("html_published_source"), Some(r#"Str("json-ld")"#));
        assert_eq!(at("html_charset_source"), Some(r#"Str("meta")"#));
        assert_eq!(at("html_paragraphs"), Some("Int(4)"));
        assert_eq!(at("html_author"), Some("Null"));
    }

    #[test]
    fn spans_in_the_title_say_so() {
        let document =
            Document { title: Some("Floods in Pennsylvania".into()), ..Document::new("Rain fell in Ohio on Monday.") };
        let x = Extractor::new(Config::default()).and_then(|e| e.extract(&document));
        let Ok(x) = x else { panic!("extraction failed") };
        let columns = MENTIONS.columns();
        let at = |name| columns.iter().position(|c| c.name == name).unwrap_or(usize::MAX);
        let mut found = Vec::new();
        let owned = |v: &Value<'_>| match v {
            Value::Str(s) => s.to_string(),
            Value::Int(n) => n.to_string(),
            v => format!("{v:?}"),
        };
        MENTIONS.rows(&Doc { doc: 0, id: None, result: Ok(&x) }, &mut |values| {
            found.push([owned(&values[at("text")]), owned(&values[at("field")]), owned(&values[at("start")])]);
        });
        assert_eq!(found, [["Pennsylvania", "title", "10"], ["Ohio", "text", "13"]]);
    }

    #[test]
    fn the_schema_gives_theme_evidence_a_field() {
        let schema = gleaner_core::model::extraction_schema();
        let defs = &schema["$defs"];
        assert_eq!(defs["Theme"]["properties"]["evidence"]["items"]["$ref"], "#/$defs/Span");
        assert!(defs["Span"]["properties"]["field"].is_object(), "{}", defs["Span"]);
    }

    #[test]
    fn theme_evidence_says_which_field_it_lies_in() {
        let document = Document {
            title: Some("Protesters clash with police".into()),
            ..Document::new("Thousands of protesters marched through the capital on Monday.")
        };
        let x = Extractor::new(Config::default()).and_then(|e| e.extract(&document));
        let Ok(x) = x else { panic!("extraction failed") };
        let columns = THEMES.columns();
        let at = |name| columns.iter().position(|c| c.name == name).unwrap_or(usize::MAX);
        let mut rows = Vec::new();
        THEMES.rows(&Doc { doc: 0, id: None, result: Ok(&x) }, &mut |values| {
            let text = |i: usize| match &values[i] {
                Value::Str(s) => s.to_string(),
                v => format!("{v:?}"),
            };
            rows.push((text(at("evidence")), text(at("evidence_field"))));
        });
        assert!(!rows.is_empty(), "no theme found");
        for (theme, (evidence, fields)) in x.themes.iter().zip(&rows) {
            let want: Vec<&str> = theme.evidence.iter().map(|s| field_name(s.field)).collect();
            assert_eq!(fields.split('|').collect::<Vec<_>>(), want, "{evidence}");
        }
        let fields: Vec<&str> = rows.iter().flat_map(|(_, f)| f.split('|')).collect();
        assert!(fields.contains(&"title") && fields.contains(&"text"), "{rows:?}");
    }
}

#[cfg(test)]
mod readme {
    /// README's column reference is `markdown()`: regenerate it with `gleaner schema --tables`.
    #[test]
    fn readme_lists_the_columns_of_every_table() {
        let readme = include_str!("../../../README.md");
        let between = readme
            .split_once("<!-- tables:begin -->\n")
            .and_then(|(_, rest)| rest.split_once("<!-- tables:end -->"))
            .map(|(inside, _)| inside);
        assert_eq!(
            between,
            Some(super::markdown().as_str()),
            "README's table columns are stale: paste `gleaner schema --tables`"
        );
    }
}
