//! What must hold of every record, whatever the document:
//!
//! - it is valid against the output schema (`gleaner schema`);
//! - every span (any object of the record with `start` and `end`) lies inside the text, starts no later than it
//!   ends, and falls on character boundaries in its unit (a UTF-8 sequence or a UTF-16 surrogate pair is never
//!   cut), and a span's `text`, when it has one, is the text at its offsets;
//! - tokens, sentences and segments are in order and do not overlap;
//! - every cross-reference points at an item that exists (mention → entity, sentence, segment; entity → its
//!   mentions, which point back, and its affiliation; event → sentence, actor entities, place entity, time; quote
//!   and focus → entity; time and quantity → sentence; sentence → segment), and the counts agree with the lists;
//! - the records in the three units say the same once their offsets are turned into bytes.

use gleaner_core::model::{Extraction, Field};
use gleaner_core::{Document, Offsets};
use serde_json::Value;

/// Checks one record of `document` in `unit`; returns it with every offset turned into bytes.
pub fn check(
    document: &Document,
    unit: Offsets,
    x: &Extraction,
    schema: &jsonschema::Validator,
) -> Result<Value, String> {
    let mut record = serde_json::to_value(x).map_err(|e| format!("the record does not serialize: {e}"))?;
    let errors: Vec<String> =
        schema.iter_errors(&record).take(3).map(|e| format!("{e} at {}", e.instance_path())).collect();
    if !errors.is_empty() {
        return Err(format!("the record is not valid against `gleaner schema`: {}", errors.join("; ")));
    }
    if x.offsets != unit {
        return Err(format!("the record says its offsets are {:?}", x.offsets));
    }
    let text = &document.text;
    let title = document.title.as_deref().unwrap_or("");
    let strings = Strings { text, title, units: [Units::new(text, unit), Units::new(title, unit)] };
    spans(&mut record, &strings, &mut String::from("$"))?;
    order(x)?;
    references(x, text)?;
    record.as_object_mut().map(|o| o.remove("offsets"));
    Ok(record)
}

/// The records of one document in each unit (offsets already in bytes) are the same record.
pub fn same_in_every_unit(records: &[(Offsets, Value)]) -> Result<(), String> {
    let Some((first_unit, first)) = records.first() else { return Ok(()) };
    for (unit, record) in &records[1..] {
        if let Some(path) = first_difference(first, record, "$") {
            return Err(format!("the records in {first_unit:?} and {unit:?} differ at {path}"));
        }
    }
    Ok(())
}

/// Offsets in one unit, and the byte offset of each that falls on a character boundary.
struct Units {
    unit: Offsets,
    /// Byte offset of each unit offset; `usize::MAX` where a unit offset cuts a character (UTF-16 pairs).
    to_byte: Vec<usize>,
}

impl Units {
    fn new(text: &str, unit: Offsets) -> Units {
        let mut to_byte = Vec::new();
        match unit {
            Offsets::Bytes => {
                to_byte = (0..=text.len()).map(|b| if text.is_char_boundary(b) { b } else { usize::MAX }).collect();
            }
            Offsets::Chars => {
                to_byte.extend(text.char_indices().map(|(b, _)| b));
                to_byte.push(text.len());
            }
            Offsets::Utf16 => {
                for (b, c) in text.char_indices() {
                    to_byte.push(b);
                    if c.len_utf16() == 2 {
                        to_byte.push(usize::MAX);
                    }
                }
                to_byte.push(text.len());
            }
        }
        Units { unit, to_byte }
    }

    /// The byte offset of `offset`, or why it has none.
    fn byte(&self, offset: u64) -> Result<usize, String> {
        let unit = self.unit;
        match usize::try_from(offset).ok().and_then(|o| self.to_byte.get(o)) {
            None => Err(format!("offset {offset} past the end of the text ({} {unit:?})", self.to_byte.len() - 1)),
            Some(&usize::MAX) => Err(format!("offset {offset} cuts a character ({unit:?})")),
            Some(&b) => Ok(b),
        }
    }
}

/// The strings spans point into: the text, or the title where a span says `"field": "title"`.
struct Strings<'a> {
    text: &'a str,
    title: &'a str,
    units: [Units; 2],
}

/// Checks every span under `value` and turns its offsets into bytes.
fn spans(value: &mut Value, strings: &Strings<'_>, path: &mut String) -> Result<(), String> {
    let at = path.len();
    match value {
        Value::Object(object) => {
            if let (Some(start), Some(end)) =
                (object.get("start").and_then(Value::as_u64), object.get("end").and_then(Value::as_u64))
            {
                let (text, units) = match object.get("field").and_then(Value::as_str) {
                    Some("title") => (strings.title, &strings.units[1]),
                    _ => (strings.text, &strings.units[0]),
                };
                let (start, end) = (
                    units.byte(start).map_err(|e| format!("{path}: {e}"))?,
                    units.byte(end).map_err(|e| format!("{path}: {e}"))?,
                );
                if start > end {
                    return Err(format!("{path}: starts at byte {start} after it ends at {end}"));
                }
                if let Some(Value::String(said)) = object.get("text")
                    && text.get(start..end) != Some(said.as_str())
                {
                    return Err(format!(
                        "{path}: text {said:?}, but the text at its offsets is {:?}",
                        &text[start..end]
                    ));
                }
                object.insert("start".into(), start.into());
                object.insert("end".into(), end.into());
            }
            for (key, child) in object.iter_mut() {
                path.push('.');
                path.push_str(key);
                spans(child, strings, path)?;
                path.truncate(at);
            }
        }
        Value::Array(items) => {
            for (i, child) in items.iter_mut().enumerate() {
                path.push_str(&format!("[{i}]"));
                spans(child, strings, path)?;
                path.truncate(at);
            }
        }
        _ => {}
    }
    Ok(())
}

/// A span with its field (0 the title, 1 the text): `(field, start, end)`.
type Placed = (usize, usize, usize);

/// Tokens, sentences and segments in order (the title's first), none overlapping the next.
fn order(x: &Extraction) -> Result<(), String> {
    let title = |field: &Field| usize::from(field.is_text());
    let lists: [(&str, Vec<Placed>); 3] = [
        ("tokens", x.tokens.iter().map(|t| (title(&t.field), t.start, t.end)).collect()),
        ("sentences", x.sentences.iter().map(|s| (title(&s.field), s.start, s.end)).collect()),
        ("segments", x.segments.iter().map(|s| (title(&s.field), s.start, s.end)).collect()),
    ];
    for (name, spans) in lists {
        for (i, pair) in spans.windows(2).enumerate() {
            if (pair[0].0, pair[0].2) > (pair[1].0, pair[1].1) {
                return Err(format!("{name}[{i}] {:?} overlaps or follows {name}[{}] {:?}", pair[0], i + 1, pair[1]));
            }
        }
        if let Some(i) = spans.iter().position(|(_, s, e)| s >= e) {
            return Err(format!("{name}[{i}] is empty: {:?}", spans[i]));
        }
    }
    Ok(())
}

/// Every index into another list of the record points at an item of it.
fn references(x: &Extraction, text: &str) -> Result<(), String> {
    let (entities, mentions, sentences, segments) =
        (x.entities.len(), x.mentions.len(), x.sentences.len(), x.segments.len());
    let within = |what: String, index: usize, len: usize, list: &str| {
        if index < len { Ok(()) } else { Err(format!("{what} points at {list}[{index}] of {len}")) }
    };
    if x.stats.chars != text.chars().count() {
        return Err(format!("stats.chars {} for a text of {} characters", x.stats.chars, text.chars().count()));
    }
    if (x.stats.sentences, x.stats.tokens) != (sentences, x.tokens.len()) {
        return Err(format!(
            "stats say {} sentences and {} tokens, the lists hold {sentences} and {}",
            x.stats.sentences,
            x.stats.tokens,
            x.tokens.len()
        ));
    }
    for (i, s) in x.sentences.iter().enumerate() {
        within(format!("sentences[{i}].segment"), s.segment, segments, "segments")?;
    }
    for (i, t) in x.tokens.iter().enumerate() {
        if let Some(head) = t.head {
            within(format!("tokens[{i}].head"), head, x.tokens.len(), "tokens")?;
        }
    }
    for (i, m) in x.mentions.iter().enumerate() {
        within(format!("mentions[{i}].entity"), m.entity, entities, "entities")?;
        within(format!("mentions[{i}].sentence"), m.sentence, sentences, "sentences")?;
        within(format!("mentions[{i}].segment"), m.segment, segments, "segments")?;
        if !x.entities[m.entity].mentions.contains(&i) {
            return Err(format!("mentions[{i}] is of entities[{}], which does not list it", m.entity));
        }
    }
    for (i, e) in x.entities.iter().enumerate() {
        if e.id != i {
            return Err(format!("entities[{i}].id is {}", e.id));
        }
        for &m in &e.mentions {
            within(format!("entities[{i}].mentions"), m, mentions, "mentions")?;
            if x.mentions[m].entity != i {
                return Err(format!(
                    "entities[{i}] lists mentions[{m}], which is of entities[{}]",
                    x.mentions[m].entity
                ));
            }
        }
        if let Some(a) = e.affiliation {
            within(format!("entities[{i}].affiliation"), a, entities, "entities")?;
        }
    }
    for (i, f) in x.focus.iter().enumerate() {
        if let Some(e) = f.entity {
            within(format!("focus[{i}].entity"), e, entities, "entities")?;
        }
    }
    for (i, t) in x.times.iter().enumerate() {
        within(format!("times[{i}].sentence"), t.sentence, sentences, "sentences")?;
    }
    for (i, q) in x.quantities.iter().enumerate() {
        within(format!("quantities[{i}].sentence"), q.sentence, sentences, "sentences")?;
    }
    for (i, e) in x.events.iter().enumerate() {
        within(format!("events[{i}].sentence"), e.sentence, sentences, "sentences")?;
        for actor in std::iter::once(&e.source).chain(&e.target) {
            if let Some(a) = actor.entity {
                within(format!("events[{i}] actor entity"), a, entities, "entities")?;
            }
        }
        if let Some(p) = e.place {
            within(format!("events[{i}].place"), p, entities, "entities")?;
        }
        if let Some(t) = e.time {
            within(format!("events[{i}].time"), t, x.times.len(), "times")?;
        }
    }
    for (i, q) in x.quotes.iter().enumerate() {
        if let Some(e) = q.entity {
            within(format!("quotes[{i}].entity"), e, entities, "entities")?;
        }
    }
    Ok(())
}

/// The path of the first place where `a` and `b` differ.
fn first_difference(a: &Value, b: &Value, path: &str) -> Option<String> {
    match (a, b) {
        (Value::Object(a), Value::Object(b)) => {
            for (key, value) in a {
                let Some(other) = b.get(key) else { return Some(format!("{path}.{key} (missing)")) };
                if let Some(p) = first_difference(value, other, &format!("{path}.{key}")) {
                    return Some(p);
                }
            }
            b.keys().find(|k| !a.contains_key(*k)).map(|k| format!("{path}.{k} (extra)"))
        }
        (Value::Array(a), Value::Array(b)) => {
            if a.len() != b.len() {
                return Some(format!("{path} ({} items against {})", a.len(), b.len()));
            }
            a.iter().zip(b).enumerate().find_map(|(i, (a, b))| first_difference(a, b, &format!("{path}[{i}]")))
        }
        (a, b) if a == b => None,
        (a, b) => Some(format!("{path} ({a} against {b})")),
    }
}

#[cfg(test)]
mod tests {
    use gleaner_core::model::Tone;
    use gleaner_core::{Config, Extractor};

    use super::*;

    const TEXT: &str = "Iran’s President Masoud Pezeshkian 😀 met Iraqi officials in Baghdad on Wednesday. \
                        \"Talks went well,\" he said.";

    fn extract(unit: Offsets) -> (Document, Extraction, jsonschema::Validator) {
        let mut config = Config::default();
        config.offsets = unit;
        config.sentences = true;
        config.tokens = true;
        let document = Document::new(TEXT);
        let x = Extractor::new(config).and_then(|e| e.extract(&document)).unwrap_or_else(|e| panic!("{e}"));
        let schema =
            jsonschema::validator_for(&gleaner_core::model::extraction_schema()).unwrap_or_else(|e| panic!("{e}"));
        (document, x, schema)
    }

    /// What `check` says of the record after `break_it`.
    fn broken(unit: Offsets, break_it: impl Fn(&mut Extraction)) -> String {
        let (document, mut x, schema) = extract(unit);
        break_it(&mut x);
        check(&document, unit, &x, &schema).err().unwrap_or_default()
    }

    #[test]
    fn a_sound_record_passes_in_every_unit() {
        let mut records = Vec::new();
        for unit in crate::UNITS {
            let (document, x, schema) = extract(unit);
            assert!(!x.mentions.is_empty() && !x.quotes.is_empty(), "{x:?}");
            records.push((unit, check(&document, unit, &x, &schema).unwrap_or_else(|e| panic!("{e}"))));
        }
        assert_eq!(same_in_every_unit(&records), Ok(()));
        records[2].1["mentions"][0]["end"] = 1.into();
        assert!(same_in_every_unit(&records).is_err_and(|e| e.contains("$.mentions[0].end")));
    }

    #[test]
    fn broken_records_are_caught() {
        let emoji = TEXT.find('😀').unwrap_or_default();
        let utf16 = TEXT[..emoji].encode_utf16().count();
        let cut = |x: &mut Extraction| {
            if let Some(t) = x.tokens.iter_mut().find(|t| t.start == utf16) {
                t.end = utf16 + 1;
            }
        };
        assert!(broken(Offsets::Utf16, cut).contains("cuts a character"));
        assert!(broken(Offsets::Bytes, |x| x.tokens[0].end = 5).contains("cuts a character"));
        assert!(broken(Offsets::Chars, |x| x.sentences[0].end = 10_000).contains("past the end"));
        assert!(broken(Offsets::Chars, |x| x.mentions[0].text = "x".into()).contains("the text at its offsets"));
        assert!(broken(Offsets::Chars, |x| x.mentions[0].entity = 99).contains("points at entities[99]"));
        assert!(broken(Offsets::Chars, |x| x.entities[0].mentions.clear()).contains("does not list it"));
        assert!(broken(Offsets::Chars, |x| x.quotes[0].entity = Some(77)).contains("quotes[0].entity"));
        assert!(broken(Offsets::Chars, |x| x.tokens.swap(0, 1)).contains("overlaps"));
        assert!(broken(Offsets::Chars, |x| x.stats.chars += 1).contains("stats.chars"));
        let nan = Tone { tone: f32::NAN, ..Tone::default() };
        assert!(broken(Offsets::Chars, |x| x.tone = Some(nan)).contains("not valid against"));
    }
}
