//! One GDELT Global Knowledge Graph 2.1 row per document, so existing GKG tooling can read Gleaner's output.
//!
//! [`row`] turns a `Document` and its `Extraction` into the 27 tab-separated fields of a GKG 2.1 record, in GDELT's
//! order and delimiters; `docs/GKG.md` describes every column and where Gleaner departs from GDELT (locations
//! carry GeoNames ids and no ADM1 codes, GCAM holds only the word count, images and translation stay empty).
//! Offsets are those of the `Extraction` (characters by default), counted over the document as it was read: its
//! title (when it was read), a line break, then its text.

use std::fmt::Write;
use std::sync::OnceLock;

use crate::model::{
    CountEvent, Document, Extraction, Field, Label, MentionKind, Offsets, Place, PlaceKind, QuantityKind, TimeKind,
};

/// The GKG 2.1 column names, in order.
pub const COLUMNS: [&str; 27] = [
    "GKGRECORDID",
    "V2.1DATE",
    "V2SOURCECOLLECTIONIDENTIFIER",
    "V2SOURCECOMMONNAME",
    "V2DOCUMENTIDENTIFIER",
    "V1COUNTS",
    "V2.1COUNTS",
    "V1THEMES",
    "V2ENHANCEDTHEMES",
    "V1LOCATIONS",
    "V2ENHANCEDLOCATIONS",
    "V1PERSONS",
    "V2ENHANCEDPERSONS",
    "V1ORGANIZATIONS",
    "V2ENHANCEDORGANIZATIONS",
    "V1.5TONE",
    "V2.1ENHANCEDDATES",
    "V2GCAM",
    "V2.1SHARINGIMAGE",
    "V2.1RELATEDIMAGES",
    "V2.1SOCIALIMAGEEMBEDS",
    "V2.1SOCIALVIDEOEMBEDS",
    "V2.1QUOTATIONS",
    "V2.1ALLNAMES",
    "V2.1AMOUNTS",
    "V2.1TRANSLATIONINFO",
    "V2EXTRASXML",
];

/// The header line (GDELT's files have none; tools that want one can write this first).
pub fn header() -> String {
    COLUMNS.join("\t")
}

/// The GKG 2.1 row of one document: 27 tab-separated fields, without a line break. `record_id` names the record
/// (GDELT writes `YYYYMMDDHHMMSS-N`; the document's id or its position in the input serve here).
pub fn row(record_id: &str, doc: &Document, out: &Extraction) -> String {
    let fields = fields(record_id, doc, out);
    fields.join("\t")
}

/// The GKG's offsets: one count over the title (when it was read), a line break, and the text, in the
/// extraction's unit, so that every item has its own place whichever field it lies in.
struct At {
    /// Where the text starts.
    text: usize,
}

impl At {
    fn new(doc: &Document, out: &Extraction) -> At {
        let title_read = out.segments.first().is_some_and(|s| s.field == Field::Title);
        let title = doc.title.as_deref().filter(|_| title_read).unwrap_or_default();
        let length = match out.offsets {
            Offsets::Chars => title.chars().count(),
            Offsets::Bytes => title.len(),
            Offsets::Utf16 => title.encode_utf16().count(),
        };
        At { text: if title_read { length + 1 } else { 0 } }
    }

    fn of(&self, field: Field, start: usize) -> usize {
        match field {
            Field::Title => start,
            Field::Text => self.text + start,
        }
    }
}

/// The 27 fields of the row, in `COLUMNS` order.
pub fn fields(record_id: &str, doc: &Document, out: &Extraction) -> Vec<String> {
    let at = &At::new(doc, out);
    let date = out.published.as_deref().map(|d| format!("{}000000", d.replace('-', ""))).unwrap_or_default();
    let (collection, identifier) = match (&doc.url, &doc.id) {
        (Some(url), _) => ("1", url.clone()),
        (None, Some(id)) => ("2", id.clone()),
        (None, None) => ("2", record_id.to_string()),
    };
    let source = doc.source.clone().or_else(|| doc.url.as_deref().and_then(domain)).unwrap_or_default();
    let (v1_counts, v21_counts) = counts(out, at);
    let (v1_locations, v2_locations) = locations(out, at);
    let (v1_persons, v2_persons) = names(out, at, |l| l == Label::Person);
    let (v1_orgs, v2_orgs) = names(out, at, |l| l == Label::Org);
    let (_, all_names) = names(out, at, |_| true);
    let tone = out.tone.map_or_else(String::new, |t| {
        format!(
            "{},{},{},{},{},{},{}",
            num(t.tone),
            num(t.positive),
            num(t.negative),
            num(t.polarity),
            num(t.activity),
            num(t.self_reference),
            t.words
        )
    });
    let gcam = out.tone.map_or_else(String::new, |t| format!("wc:{}", t.words));
    let extras =
        doc.title.as_deref().map(|t| format!("<PAGE_TITLE>{}</PAGE_TITLE>", xml_escape(&clean(t)))).unwrap_or_default();
    vec![
        clean(record_id),
        date,
        collection.to_string(),
        clean(&source),
        clean(&identifier),
        v1_counts,
        v21_counts,
        themes_v1(out),
        themes_v2(out, at),
        v1_locations,
        v2_locations,
        v1_persons,
        v2_persons,
        v1_orgs,
        v2_orgs,
        tone,
        dates(out, at),
        gcam,
        String::new(),
        String::new(),
        String::new(),
        String::new(),
        quotations(out, at),
        all_names,
        amounts(out, at),
        String::new(),
        extras,
    ]
}

/// A number as GDELT writes it: plain decimal, at most 6 decimals, no trailing zeros.
fn num(x: impl Into<f64>) -> String {
    let x: f64 = x.into();
    if !x.is_finite() {
        return "0".into();
    }
    let s = format!("{x:.6}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" { "0".into() } else { s.to_string() }
}

/// Text safe inside any GKG field: no tabs or line breaks, none of the delimiters `;` `#` `|`, commas kept only
/// where the caller allows them.
fn clean(s: &str) -> String {
    s.chars().map(|c| if matches!(c, '\t' | '\n' | '\r' | ';' | '#' | '|') { ' ' } else { c }).collect()
}

/// Text safe inside a comma-delimited block.
fn clean_no_comma(s: &str) -> String {
    clean(s).replace(',', " ")
}

fn xml_escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}

fn domain(url: &str) -> Option<String> {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let host = rest.split(['/', '?', '#']).next()?;
    let host = host.strip_prefix("www.").unwrap_or(host);
    (!host.is_empty()).then(|| host.to_string())
}

fn themes_v1(out: &Extraction) -> String {
    out.themes.iter().map(|t| format!("{};", clean_no_comma(&t.code))).collect()
}

fn themes_v2(out: &Extraction, at: &At) -> String {
    let mut pairs: Vec<(usize, &str)> = out
        .themes
        .iter()
        .flat_map(|t| t.evidence.iter().map(move |e| (at.of(e.field, e.start), t.code.as_str())))
        .collect();
    pairs.sort();
    pairs.iter().map(|(offset, code)| format!("{},{offset};", clean_no_comma(code))).collect()
}

/// GDELT's count type of a count event.
fn count_type(event: CountEvent) -> &'static str {
    match event {
        CountEvent::Killed => "KILL",
        CountEvent::Wounded => "WOUND",
        CountEvent::Arrested => "ARREST",
        CountEvent::Kidnapped => "KIDNAP",
        CountEvent::Displaced => "AFFECT",
        CountEvent::Protesting => "PROTEST",
    }
}

/// The country table: ISO 3166-1 alpha-2 → (FIPS 10-4, English name), from GeoNames (CC BY 4.0).
fn countries() -> &'static [(String, String, String)] {
    static TABLE: OnceLock<Vec<(String, String, String)>> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut rows: Vec<(String, String, String)> = include_str!("../../resources/summary-countries.tsv")
            .lines()
            .filter(|l| !l.starts_with('#'))
            .filter_map(|l| {
                let mut f = l.split('\t');
                Some((f.next()?.to_string(), f.next()?.to_string(), f.next()?.to_string()))
            })
            .collect();
        rows.sort();
        rows
    })
}

fn country(iso2: &str) -> Option<&'static (String, String, String)> {
    let table = countries();
    table.binary_search_by(|row| row.0.as_str().cmp(iso2)).ok().and_then(|i| table.get(i))
}

/// GDELT's location block fields of a place: (type, full name, FIPS country, ADM1, lat, long, feature id).
fn location_fields(place: &Place) -> Option<(u8, String, String, String, String, String, String)> {
    let iso = place.country.as_deref().unwrap_or("");
    let country_row = country(iso);
    let fips = country_row.map(|c| c.1.clone()).unwrap_or_default();
    let country_name = country_row.map(|c| c.2.clone()).unwrap_or_default();
    let us = iso == "US";
    let kind = match place.kind {
        PlaceKind::Country => 1,
        PlaceKind::Admin1 if us => 2,
        PlaceKind::Admin1 => 5,
        PlaceKind::City | PlaceKind::Airport | PlaceKind::Admin2 if us => 3,
        PlaceKind::City | PlaceKind::Airport | PlaceKind::Admin2 => 4,
        PlaceKind::Continent | PlaceKind::Region => return None,
    };
    let mut full = vec![place.name.clone()];
    if kind != 1 {
        if let Some(admin1) = place.admin1.as_ref().filter(|a| **a != place.name) {
            full.push(admin1.clone());
        }
        if !country_name.is_empty() {
            full.push(country_name);
        }
    }
    let feature = match (place.kind, place.geonames_id) {
        (PlaceKind::Country, _) => fips.clone(),
        (_, Some(id)) => id.to_string(),
        (_, None) => String::new(),
    };
    let full = full.iter().map(|part| clean(part)).collect::<Vec<_>>().join(", ");
    Some((kind, full, fips.clone(), fips, num(place.lat), num(place.lon), feature))
}

fn locations(out: &Extraction, at: &At) -> (String, String) {
    let mut v1 = String::new();
    let mut v2 = String::new();
    let mut seen: Vec<usize> = Vec::new();
    let mut mentions: Vec<(usize, usize)> = Vec::new(); // (offset, entity)
    for e in out.entities.iter().filter(|e| e.place.is_some()) {
        for &m in &e.mentions {
            if let Some(mention) = out.mentions.get(m).filter(|m| m.kind == MentionKind::Name) {
                mentions.push((at.of(mention.field, mention.start), e.id));
            }
        }
    }
    mentions.sort();
    for (offset, entity) in mentions {
        let Some(place) = out.entities.get(entity).and_then(|e| e.place.as_ref()) else { continue };
        let Some((kind, full, cc, adm1, lat, lon, feature)) = location_fields(place) else { continue };
        if !seen.contains(&entity) {
            seen.push(entity);
            let _ = write!(v1, "{kind}#{full}#{cc}#{adm1}#{lat}#{lon}#{feature};");
        }
        let _ = write!(v2, "{kind}#{full}#{cc}#{adm1}##{lat}#{lon}#{feature}#{offset};");
    }
    (v1, v2)
}

/// Unique names (V1) and every mention with its offset (V2) of the entities whose label passes `keep`.
fn names(out: &Extraction, at: &At, keep: impl Fn(Label) -> bool) -> (String, String) {
    let mut v1: Vec<String> = Vec::new();
    let mut v2 = String::new();
    // GKG lists names: pronouns and descriptions are left out.
    for m in out.mentions.iter().filter(|m| m.kind == MentionKind::Name && keep(m.label)) {
        let name = out.entities.get(m.entity).map_or(m.text.as_str(), |e| e.name.as_str());
        let name = clean_no_comma(name);
        if !v1.contains(&name) {
            v1.push(name);
        }
        let _ = write!(v2, "{},{};", clean_no_comma(&m.text), at.of(m.field, m.start));
    }
    (v1.join(";"), v2)
}

fn counts(out: &Extraction, at: &At) -> (String, String) {
    let mut v1 = String::new();
    let mut v21 = String::new();
    for q in &out.quantities {
        let Some(event) = q.event else { continue };
        let object = clean_no_comma(q.unit.as_deref().unwrap_or(""));
        // The place: the first place named in the quantity's sentence.
        let place = out
            .mentions
            .iter()
            .filter(|m| m.sentence == q.sentence && m.kind == MentionKind::Name)
            .find_map(|m| out.entities.get(m.entity).and_then(|e| e.place.as_ref()))
            .and_then(location_fields);
        let location = match place {
            Some((kind, full, cc, adm1, lat, lon, feature)) => {
                format!("{kind}#{full}#{cc}#{adm1}#{lat}#{lon}#{feature}")
            }
            None => "0######".to_string(),
        };
        let block = format!("{}#{}#{object}#{location}", count_type(event), num(q.value));
        let _ = write!(v1, "{block};");
        let _ = write!(v21, "{block}#{};", at.of(q.field, q.start));
    }
    (v1, v21)
}

fn dates(out: &Extraction, at: &At) -> String {
    let mut s = String::new();
    for t in out.times.iter().filter(|t| t.kind == TimeKind::Date) {
        let parts: Vec<&str> = t.value.split('-').collect();
        let number = |p: Option<&&str>| p.and_then(|p| p.parse::<u32>().ok());
        let year = number(parts.first());
        let month = number(parts.get(1)).filter(|m| (1..=12).contains(m));
        let day = number(parts.get(2)).filter(|d| (1..=31).contains(d)).filter(|_| parts.len() == 3);
        let (resolution, m, d, y) = match (year, month, day) {
            (Some(y), Some(m), Some(d)) => (3, m, d, y),
            (Some(y), Some(m), None) if parts.len() == 2 => (2, m, 0, y),
            (Some(y), None, None) if parts.len() == 1 && t.value.len() == 4 => (1, 0, 0, y),
            (None, Some(m), Some(d)) if parts.first() == Some(&"XXXX") => (4, m, d, 0),
            _ => continue,
        };
        let _ = write!(s, "{resolution}#{m}#{d}#{y}#{};", at.of(t.field, t.start));
    }
    s
}

fn quotations(out: &Extraction, at: &At) -> String {
    out.quotes
        .iter()
        .map(|q| {
            let quote: String =
                q.text.chars().map(|c| if matches!(c, '\t' | '\n' | '\r' | '#' | '|') { ' ' } else { c }).collect();
            let verb = clean(q.verb.as_deref().unwrap_or(""));
            format!("{}|{}|{verb}|{quote}", at.of(q.field, q.start), q.end.saturating_sub(q.start))
        })
        .collect::<Vec<_>>()
        .join("#")
}

fn amounts(out: &Extraction, at: &At) -> String {
    let mut s = String::new();
    for q in &out.quantities {
        if matches!(q.kind, QuantityKind::Count | QuantityKind::Money | QuantityKind::Measure) {
            let object = clean_no_comma(q.unit.as_deref().unwrap_or(""));
            let _ = write!(s, "{},{object},{};", num(q.value), at.of(q.field, q.start));
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Entity, Mention, Quantity, Quote, Span, Theme, Time, Tone};

    fn sample() -> (Document, Extraction) {
        let doc = Document {
            id: Some("doc-1".into()),
            title: Some("Iran & Iraq sign pact".into()),
            url: Some("https://www.example.com/news/1".into()),
            ..Document::new(
                "Iran's president arrived in Baghdad. \"We came in peace,\" he said; 12 people were killed.",
            )
        };
        let place = |name: &str, kind, country: &str, id| Place {
            geonames_id: Some(id),
            name: name.into(),
            kind,
            country: Some(country.into()),
            admin1: None,
            lat: 33.34,
            lon: 44.4,
            point_source: crate::model::PointSource::Geonames,
            score: 0.9,
        };
        let mention = |start, end, text: &str, label, entity, sentence| Mention {
            start,
            end,
            field: Field::Text,
            text: text.into(),
            kind: MentionKind::Name,
            label,
            entity,
            sentence,
            segment: 0,
            score: 0.9,
        };
        let entity = |id, label, name: &str, mentions: Vec<usize>, place| Entity {
            id,
            label,
            name: name.into(),
            mentions,
            salience: 0.5,
            place,
            role: None,
            affiliation: None,
            actor: None,
        };
        let out = Extraction {
            published: Some("2024-09-11".into()),
            mentions: vec![mention(0, 4, "Iran", Label::Gpe, 0, 0), mention(28, 35, "Baghdad", Label::Gpe, 1, 0)],
            entities: vec![
                entity(0, Label::Gpe, "Iran", vec![0], Some(place("Iran", PlaceKind::Country, "IR", 130758))),
                entity(1, Label::Gpe, "Baghdad", vec![1], Some(place("Baghdad", PlaceKind::City, "IQ", 98182))),
            ],
            times: vec![Time {
                start: 0,
                end: 0,
                field: Field::Text,
                text: String::new(),
                kind: TimeKind::Date,
                value: "2024-07".into(),
                anchored: true,
                sentence: 0,
            }],
            quantities: vec![Quantity {
                start: 69,
                end: 78,
                field: Field::Text,
                text: "12 people".into(),
                kind: QuantityKind::Count,
                value: 12.0,
                high: None,
                unit: Some("people".into()),
                approximate: false,
                event: Some(CountEvent::Killed),
                sentence: 1,
            }],
            quotes: vec![Quote {
                start: 38,
                end: 53,
                field: Field::Text,
                text: "We came in peace".into(),
                speaker: Some(Span { start: 56, end: 58, field: Field::Text, text: "he".into() }),
                entity: None,
                verb: Some("said".into()),
            }],
            themes: vec![Theme {
                code: "DIPLOMACY".into(),
                score: 0.4,
                evidence: vec![Span { start: 44, end: 49, field: Field::Text, text: "peace".into() }],
            }],
            tone: Some(Tone {
                tone: 2.5,
                positive: 5.0,
                negative: 2.5,
                polarity: 7.5,
                activity: 10.0,
                self_reference: 5.0,
                words: 16,
            }),
            ..Extraction::default()
        };
        (doc, out)
    }

    #[test]
    fn row_has_the_gkg_shape() {
        let (doc, out) = sample();
        let line = row("doc-1", &doc, &out);
        let fields: Vec<&str> = line.split('\t').collect();
        assert_eq!(fields.len(), COLUMNS.len());
        assert!(!line.contains('\n'));
        let field = |name: &str| fields[COLUMNS.iter().position(|c| *c == name).unwrap_or(0)];
        assert_eq!(field("V2.1DATE"), "20240911000000");
        assert_eq!(field("V2SOURCECOLLECTIONIDENTIFIER"), "1");
        assert_eq!(field("V2SOURCECOMMONNAME"), "example.com");
        assert_eq!(field("V1THEMES"), "DIPLOMACY;");
        assert_eq!(field("V2ENHANCEDTHEMES"), "DIPLOMACY,44;");
        assert_eq!(field("V1.5TONE"), "2.5,5,2.5,7.5,10,5,16");
        assert_eq!(field("V2.1QUOTATIONS"), "38|15|said|We came in peace");
        assert_eq!(field("V2.1ENHANCEDDATES"), "2#7#0#2024#0;");
        assert_eq!(field("V2.1AMOUNTS"), "12,people,69;");
        assert_eq!(field("V1COUNTS"), "KILL#12#people#0######;");
        assert_eq!(field("V2.1ALLNAMES"), "Iran,0;Baghdad,28;");
        assert_eq!(field("V2EXTRASXML"), "<PAGE_TITLE>Iran &amp; Iraq sign pact</PAGE_TITLE>");
        // Iran is a country (type 1, FIPS IR, feature id = FIPS); Baghdad a world city in Iraq (FIPS IZ).
        assert_eq!(field("V1LOCATIONS"), "1#Iran#IR#IR#33.34#44.4#IR;4#Baghdad, Iraq#IZ#IZ#33.34#44.4#98182;");
        assert!(field("V2ENHANCEDLOCATIONS").ends_with("#98182#28;"));
    }

    #[test]
    fn offsets_count_over_the_title_and_the_text() {
        let (doc, mut out) = sample();
        let line = |out: &Extraction| row("doc-1", &doc, out);
        let before = line(&out);
        assert!(before.contains("Iran,0;Baghdad,28;"), "{before}");
        // The title read as the first segment: text offsets come after it and a line break.
        let title = crate::model::Segment {
            start: 0,
            end: 21,
            field: Field::Title,
            kind: crate::model::SegmentKind::Headline,
            casing: crate::model::Casing::Mixed,
            detached: false,
        };
        out.segments.insert(0, title);
        out.mentions.push(Mention { field: Field::Title, start: 0, end: 4, ..out.mentions[0].clone() });
        let after = line(&out);
        assert!(after.contains("Iran,22;Baghdad,50;Iran,0;"), "{after}");
        assert!(!after.contains("38|15|said") && after.contains("60|15|said"), "{after}");
    }

    #[test]
    fn delimiters_never_leak() {
        let (mut doc, mut out) = sample();
        doc.source = Some("A;B#C|D\tE".into());
        out.quotes[0].text = "one#two|three\nfour".into();
        let line = row("x", &doc, &out);
        assert_eq!(line.split('\t').count(), COLUMNS.len());
        assert!(line.contains("A B C D E"));
        assert!(line.contains("one two three four"));
    }
}
