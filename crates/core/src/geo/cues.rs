//! What the words around a place name say: a container ("Paris, Texas", "Erbil in the Kurdish region"), the name
//! it follows after a comma, a dateline ("BAGHDAD (Reuters) -"), and the kind of place ("the city of Basra").

use super::gazetteer::{Gazetteer, MatchKind};
use super::name::normalize_name;
use super::resolve::Toponym;
use crate::model::PlaceKind;
use crate::text::Text;

/// What a mention's surroundings say.
#[derive(Debug, Default, Clone)]
pub(super) struct Cues {
    /// Records that the text right after the name (", Texas", " in the Kurdish region") names as its container.
    pub containers: Vec<u32>,
    /// True when that container came after a comma (a strong cue) rather than "in".
    pub comma: bool,
    /// The group of the toponym this one follows after a comma ("Texas" in "Paris, Texas" follows "Paris").
    pub follows: Option<usize>,
    /// The name opens a dateline.
    pub dateline: bool,
    /// The kind of place the words around the name call it.
    pub kind: Option<KindCue>,
}

/// The kind of place the words around a name call it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum KindCue {
    /// "the city of", "town", "village".
    Settlement,
    /// "the state of", "province", "county".
    Division,
    /// "a Georgia woman", "Georgia Gov.": English names a country's people with a demonym ("a Georgian woman"), so
    /// a name that modifies a person or an office names a place below a country.
    BelowCountry,
}

impl KindCue {
    /// True when a place of `kind` is what the cue says.
    pub fn fits(self, kind: PlaceKind) -> bool {
        match self {
            KindCue::Settlement => kind == PlaceKind::City,
            KindCue::Division => matches!(kind, PlaceKind::Admin1 | PlaceKind::Admin2),
            KindCue::BelowCountry => matches!(kind, PlaceKind::Admin1 | PlaceKind::Admin2 | PlaceKind::City),
        }
    }
}

/// Reads the text around toponym `i`; `group_of` maps toponyms to their name groups.
pub(super) fn read(gazetteer: &Gazetteer, text: &Text<'_>, toponyms: &[Toponym], i: usize, group_of: &[usize]) -> Cues {
    let mut cues = Cues::default();
    let Some(t) = toponyms.get(i) else { return cues };
    let normalized = text.normalized();
    let after = normalized.get(t.end..).unwrap_or("");
    let (rest, comma) = if let Some(rest) = defining_phrase(after) {
        (rest, true)
    } else if let Some(rest) = after.strip_prefix(',') {
        (rest.trim_start_matches(' '), true)
    } else if let Some(rest) = after.strip_prefix(" in the ").or_else(|| after.strip_prefix(" in ")) {
        (rest, false)
    } else {
        ("", false)
    };
    if !rest.is_empty() {
        cues.containers = containers(gazetteer, rest);
        cues.comma = comma;
    }
    if let Some(prev) = i.checked_sub(1).and_then(|p| toponyms.get(p))
        && normalized.get(prev.end..t.start).is_some_and(|between| between.trim() == ",")
    {
        cues.follows = group_of.get(i - 1).copied().filter(|&g| g != usize::MAX);
    }
    cues.dateline = is_dateline(text, t);
    // The words before the name in its sentence, at most 40 bytes of them.
    let window = t.start.saturating_sub(40);
    let sentence_start =
        normalized.as_bytes().get(window..t.start).and_then(|b| b.iter().rposition(|&c| c == b'\n' || c == b'.'));
    let before = normalized.get(sentence_start.map_or(window, |i| window + i + 1)..t.start).unwrap_or("");
    // "a U.S. judge": abbreviations of countries do modify nouns.
    let abbreviation = normalized.get(t.start..t.end).is_some_and(|n| !n.chars().any(char::is_lowercase));
    cues.kind = kind_cue(before, after).filter(|&k| !(abbreviation && k == KindCue::BelowCountry));
    cues
}

/// What follows a phrase that says what a place is and where ("Lincoln is a town in Grafton County", "Gilroy, a city
/// in Santa Clara County", "London is the capital of England"): the text after "in" or "of", which names the
/// container as surely as a comma does. Encyclopedias open with such a sentence and news writes the appositive.
fn defining_phrase(after: &str) -> Option<&str> {
    let copula = ["is ", "was "].iter().find_map(|c| after.strip_prefix(' ').and_then(|a| a.strip_prefix(c)));
    let rest = copula.or_else(|| after.strip_prefix(", "))?;
    let mut rest = ["a ", "an ", "the "].iter().find_map(|a| rest.strip_prefix(a))?;
    // Up to five lower-case words before "in" or "of": "small town", "census-designated place", "county seat".
    for _ in 0..5 {
        let (word, tail) = rest.split_once(' ')?;
        if matches!(word, "in" | "of") {
            return Some(tail.strip_prefix("the ").unwrap_or(tail));
        }
        if !word.chars().all(|c| c.is_lowercase() || c == '-') {
            return None;
        }
        rest = tail;
    }
    None
}

/// The first container that a comma after toponym `t` names ("Toledo, Ohio" → Ohio's record), if any.
pub(super) fn comma_container(gazetteer: &Gazetteer, text: &Text<'_>, t: &Toponym) -> Option<u32> {
    let rest = text.normalized().get(t.end..)?.strip_prefix(',')?.trim_start_matches(' ');
    containers(gazetteer, rest).into_iter().min()
}

/// The containers ("Texas", "Ill.", "Kurdish region") that the capitalized words at the start of `rest` name: the
/// longest run of up to four words that the gazetteer knows as a country, division or region.
fn containers(gazetteer: &Gazetteer, rest: &str) -> Vec<u32> {
    let mut ends = Vec::new();
    let mut at = 0;
    for word in rest.split(' ').take(4) {
        let clean = word.trim_end_matches([',', ';', ':', ')', '"']);
        let capitalized = clean.chars().next().is_some_and(char::is_uppercase);
        if !(capitalized || at > 0 && matches!(clean, "region" | "province" | "state")) {
            break;
        }
        at += word.len();
        ends.push(at - (word.len() - clean.len()));
        if clean.len() != word.len() {
            break;
        }
        at += 1;
    }
    for &end in ends.iter().rev() {
        let Some(phrase) = rest.get(..end) else { continue };
        let found: Vec<u32> = gazetteer
            .lookup(&normalize_name(phrase))
            .filter(|m| m.how != MatchKind::Demonym)
            .map(|m| m.record)
            .filter(|&r| !matches!(gazetteer.record(r).kind(), PlaceKind::City | PlaceKind::Airport))
            .collect();
        if !found.is_empty() {
            return found;
        }
    }
    Vec::new()
}

/// The kind cue of the words right before ("city of") or right after ("province") a name.
fn kind_cue(before: &str, after: &str) -> Option<KindCue> {
    let before = before.trim_end().to_ascii_lowercase();
    let previous = before.rsplit(' ').next().unwrap_or("");
    let mut last = before.rsplit(' ');
    if last.next() == Some("of") {
        match last.next() {
            Some("city" | "town" | "village" | "port" | "suburb" | "capital" | "hamlet") => {
                return Some(KindCue::Settlement);
            }
            Some("state" | "province" | "county" | "governorate" | "region" | "district" | "prefecture") => {
                return Some(KindCue::Division);
            }
            _ => {}
        }
    }
    let next = after.trim_start().split([' ', ',', '.', ';', ')']).next().unwrap_or("").to_ascii_lowercase();
    match next.as_str() {
        "city" | "town" | "village" => Some(KindCue::Settlement),
        "state" | "province" | "county" | "governorate" | "region" | "district" | "prefecture" | "parish" => {
            Some(KindCue::Division)
        }
        // Not "the Bank of Canada governor".
        "gov" | "governor" | "lt" | "sheriff" | "republican" | "democrat" if previous != "of" => {
            Some(KindCue::BelowCountry)
        }
        "man" | "woman" | "teen" | "teenager" | "boy" | "girl" | "mother" | "father" | "mom" | "dad" | "family"
        | "couple" | "resident" | "teacher" | "student" | "judge" | "inmate" | "jail" | "lawmaker" | "senator"
        | "congressman" | "congresswoman"
            if matches!(previous, "a" | "an") =>
        {
            Some(KindCue::BelowCountry)
        }
        _ => None,
    }
}

/// True when `t` opens the document's first line in capitals and a dateline mark follows ("BAGHDAD (Reuters) -",
/// "WASHINGTON, Sept. 11 --", "ALEXANDRIA, Va. (AP) -").
fn is_dateline(text: &Text<'_>, t: &Toponym) -> bool {
    let normalized = text.normalized();
    let Some(first) = text.segments.first() else { return false };
    if t.start < first.start || t.start > first.start + 40 {
        return false;
    }
    let (Some(before), Some(name)) = (normalized.get(first.start..t.start), normalized.get(t.start..t.end)) else {
        return false;
    };
    if before.chars().any(char::is_lowercase) || name.chars().any(char::is_lowercase) {
        return false;
    }
    let window: String = normalized.get(t.end..).unwrap_or("").chars().take(40).collect();
    let mark = window.find(['(', '-', ':', '\u{2014}']);
    mark.and_then(|at| window.get(..at)).is_some_and(|s| !s.contains('\n') && s.split(' ').count() <= 4)
}
