//! The document's second look at its names: each mention's label read again with the whole document in view
//! (places the text calls places, names read one way throughout, people and organisations by their company,
//! heads of government), after the tagger has labelled each mention on its own.

use super::{Mention, is_honorific, is_person_title, lower};
use crate::model::Label;
use crate::tag::lexicon::{GazKind, Lexicon};
use crate::tag::{Pos, PosAt};
use crate::text::Text;

/// "'s", or the bare apostrophe after a final s (the text layer writes every apostrophe as "'").
fn is_possessive(word: &str) -> bool {
    matches!(word, "'s" | "'")
}

/// Compass points and parts of a city written after its name and "'s" ("Brisbane's west").
const QUARTERS: &[&str] = &[
    "north",
    "south",
    "east",
    "west",
    "north-west",
    "north-east",
    "south-west",
    "south-east",
    "northwest",
    "northeast",
    "southwest",
    "southeast",
    "centre",
    "center",
    "suburbs",
    "outskirts",
    "CBD",
    "inner",
];

/// A name the gazetteer knows as a country, a region or a city, which the tagger reads otherwise, is the place
/// before a comma and its state or country ("Flint, Michigan", "Saransk, Russia"; not "Russia's"). Read as an
/// organisation (a club of the same name: "Brisbane", "Leeds"), it is also the place after "in" ("a woman in
/// Brisbane") or before "'s" and a quarter of it ("Brisbane's west"); not before a noun ("in UN agencies") nor as
/// what shares are held in ("its stake in Sunderland").
pub(super) fn places_read_as_other_names(
    text: &Text<'_>,
    pos: &(impl PosAt + ?Sized),
    folded: &[Vec<String>],
    mentions: &mut [Mention],
    lexicon: &Lexicon,
) {
    let places = GazKind::Country.bit() | GazKind::City.bit() | GazKind::Region.bit();
    let regions = GazKind::Country.bit() | GazKind::Region.bit();
    for (words, m) in folded.iter().zip(mentions.iter_mut()) {
        let words: Vec<&str> = words.iter().map(String::as_str).collect();
        if !matches!(m.label, Label::Org | Label::Person | Label::Misc) || lexicon.phrase_kinds(&words) & places == 0 {
            continue;
        }
        let located = text.word(m.end_token) == Some(",")
            && (1..=3).any(|n| {
                let region: Vec<&str> = (m.end_token + 1..m.end_token + 1 + n).filter_map(|i| text.word(i)).collect();
                region.len() == n
                    && lexicon.phrase_kinds(&region) & regions != 0
                    && text
                        .word(m.end_token + 1 + n)
                        .is_none_or(|w| !w.starts_with(char::is_uppercase) && !is_possessive(w))
            });
        let before = m.first_token.checked_sub(1).and_then(|i| text.word(i));
        let possessive = text.word(m.end_token).is_some_and(is_possessive);
        let quarter = possessive && text.word(m.end_token + 1).is_some_and(|w| QUARTERS.contains(&w));
        let held =
            m.first_token.checked_sub(2).and_then(|i| text.word(i)).is_some_and(|w| matches!(w, "stake" | "shares"));
        let modifier = pos.get(m.end_token).is_some_and(|p| matches!(p, Pos::NN | Pos::NNS));
        let inside = before == Some("in") && !possessive && !held && !modifier;
        if located || (m.label == Label::Org && (inside || quarter)) {
            m.label = Label::Gpe;
        }
    }
}

/// A name that the tagger reads as a place in one sentence and as an organisation in another is one thing in one
/// document: when it is a place at least as often, its organisation readings become places too ("Gainesville" in
/// a local paper, which a tagger trained on sports results reads as a club). The other way round, a name that the
/// gazetteer knows as no place at all (nor any word of it: "Netherlands East Indies") and that the document reads as an organisation at least as often is the
/// organisation everywhere ("Facebook", which a tagger that learned web text's shops and restaurants as places
/// may read as one after "on" or "at").
pub(super) fn one_sense_per_discourse(folded: &[Vec<String>], mentions: &mut [Mention], lexicon: &Lexicon) {
    let places = GazKind::Country.bit() | GazKind::City.bit() | GazKind::Region.bit() | GazKind::Area.bit();
    // (place readings, organisation readings) of each name.
    let mut readings: std::collections::HashMap<&[String], (usize, usize)> = std::collections::HashMap::new();
    for (words, m) in folded.iter().zip(mentions.iter()) {
        let r = readings.entry(words.as_slice()).or_default();
        match m.label {
            Label::Gpe => r.0 += 1,
            Label::Org => r.1 += 1,
            _ => {}
        }
    }
    for (words, m) in folded.iter().zip(mentions.iter_mut()) {
        let Some(&(gpe, org)) = readings.get(words.as_slice()) else { continue };
        if m.label == Label::Org && gpe > 0 && gpe >= org {
            m.label = Label::Gpe;
        } else if matches!(m.label, Label::Gpe | Label::Loc) && org > 0 && org >= gpe {
            let w: Vec<&str> = words.iter().map(String::as_str).collect();
            let place_word = w.iter().any(|x| lexicon.phrase_kinds(&[x]) & places != 0);
            if lexicon.phrase_kinds(&w) & places == 0 && !place_word {
                m.label = Label::Org;
            }
        }
    }
}

/// Nouns for places that, before "of", name the place after them ("the town of Clinton", "the city of
/// Gainesville") and, after "X is a", make X one ("Greenfield is a town in Franklin County").
const PLACE_NOUNS: &[&str] = &[
    "city",
    "town",
    "village",
    "township",
    "borough",
    "hamlet",
    "suburb",
    "community",
    "municipality",
    "county",
    "parish",
    "province",
    "neighborhood",
    "neighbourhood",
];

/// Words after a place noun in "X is a town in …" (not "X is a city councilman").
const AFTER_PLACE_NOUN: &[&str] = &["in", "of", "on", "near", "located", "situated", "within", "and", ",", ".", ";"];

/// People written after a place's name ("a Gainesville man", "Hanover residents").
const PEOPLE_OF_A_PLACE: &[&str] =
    &["man", "woman", "boy", "girl", "teen", "teenager", "resident", "residents", "native", "natives", "homeowners"];

/// Words after a name that only people do ("Clinton said").
const PERSON_VERBS: &[&str] = &["said", "says", "told", "added", "explained", "wrote", "asked", "died"];

/// Names the text itself calls places, which the tagger read as people or organisations: after "the town of" and
/// its like, before "is a town in" and its like, and (a town or city the gazetteer knows) after "in", "near" or
/// "outside" when the document never writes the name as a person's (no title before it, no "said" after it, not
/// the end of a longer person's name). Every other reading of such a name in the document becomes the place too
/// ("Clinton is a city in … Clinton was incorporated in 1850"), unless the document writes it as a person's. A
/// town the gazetteer knows is also the place, in that mention alone, before the people of a place ("a Gainesville
/// man", "Hanover residents") and after "downtown".
pub(super) fn places_the_text_calls_places(
    text: &Text<'_>,
    pos: &(impl PosAt + ?Sized),
    folded: &[Vec<String>],
    mentions: &mut [Mention],
    lexicon: &Lexicon,
) {
    let gazetteer_places = GazKind::Country.bit() | GazKind::City.bit() | GazKind::Region.bit();
    let mut called: std::collections::HashSet<&[String]> = std::collections::HashSet::new();
    let mut person: std::collections::HashSet<&[String]> = std::collections::HashSet::new();
    let mut local = Vec::new();
    for (k, (words, m)) in folded.iter().zip(mentions.iter()).enumerate() {
        if m.label == Label::Person && words.len() > 1 {
            for k in 1..words.len() {
                person.insert(&words[k..]);
            }
        }
        let before = |k: usize| m.first_token.checked_sub(k).and_then(|i| text.word(i)).map(lower);
        let after = |k: usize| text.word(m.end_token + k).map(lower);
        if before(1).is_some_and(|b| is_honorific(&b) || is_person_title(&b, lexicon))
            || after(0).is_some_and(|a| PERSON_VERBS.contains(&a.as_str()))
        {
            person.insert(words.as_slice());
        }
        if !matches!(m.label, Label::Person | Label::Org | Label::Misc) {
            continue;
        }
        let of_place =
            before(1).as_deref() == Some("of") && before(2).is_some_and(|b| PLACE_NOUNS.contains(&b.as_str()));
        let is_a_place = matches!(after(0).as_deref(), Some("is" | "was"))
            && matches!(after(1).as_deref(), Some("a" | "an" | "the"))
            && (2..=4).any(|k| {
                after(k).is_some_and(|w| PLACE_NOUNS.contains(&w.as_str()))
                    && after(k + 1).is_some_and(|w| AFTER_PLACE_NOUN.contains(&w.as_str()))
            });
        let ws: Vec<&str> = words.iter().map(String::as_str).collect();
        let known = lexicon.phrase_kinds(&ws) & gazetteer_places != 0;
        let possessive = text.word(m.end_token).is_some_and(is_possessive);
        let modifier = pos.get(m.end_token).is_some_and(|p| matches!(p, Pos::NN | Pos::NNS | Pos::NNP));
        let located = known
            && m.label == Label::Person
            && matches!(before(1).as_deref(), Some("in" | "near" | "outside"))
            // "lives in Clinton", not "faith in God".
            && !m.first_token.checked_sub(2).and_then(|i| pos.get(i)).is_some_and(|p| p.is_noun())
            && !possessive
            && !modifier;
        if of_place || is_a_place || located {
            called.insert(words.as_slice());
        }
        // "a Gainesville man", "downtown Hanover": this mention alone.
        let of_people = known
            && matches!(before(1).as_deref(), Some("a" | "an" | "the" | "two" | "three" | "many" | "some"))
            && after(0).is_some_and(|w| PEOPLE_OF_A_PLACE.contains(&w.as_str()));
        if of_people || (known && before(1).as_deref() == Some("downtown")) {
            local.push(k);
        }
    }
    for &k in &local {
        mentions[k].label = Label::Gpe;
    }
    for (words, m) in folded.iter().zip(mentions.iter_mut()) {
        if matches!(m.label, Label::Person | Label::Org | Label::Misc)
            && called.contains(words.as_slice())
            && !person.contains(words.as_slice())
        {
            m.label = Label::Gpe;
        }
    }
}

/// Words before a place's name written in lower case ("for nigeria", "in tennessee").
const LOWER_PLACE_LEADS: &[&str] = &[
    "in",
    "for",
    "from",
    "to",
    "of",
    "and",
    "at",
    "near",
    "across",
    "throughout",
    "around",
    "on",
    "with",
    "or",
    "into",
    "via",
    "visit",
    "visiting",
    "&",
    ",",
];

/// Country and state names written in lower case, which a tagger that learned from edited text does not tag
/// ("praying for nigeria", "flooding in tennessee"): a lone lower-case word that the gazetteer knows as a country
/// or a first-level division and that the corpora almost always capitalize (not "turkey", "china", "georgia" the
/// name), outside any tagged name, becomes a place mention. Keeps `mentions` and `folded` in text order.
pub(super) fn lower_case_places(
    text: &Text<'_>,
    lexicon: &Lexicon,
    folded: &mut Vec<Vec<String>>,
    mentions: &mut Vec<Mention>,
) {
    let places = GazKind::Country.bit() | GazKind::Region.bit();
    let not_places = GazKind::GivenName.bit() | GazKind::Calendar.bit() | GazKind::Demonym.bit();
    let mut taken = vec![false; text.tokens.len()];
    for m in mentions.iter() {
        for t in &mut taken[m.first_token..m.end_token] {
            *t = true;
        }
    }
    let mut added = false;
    for (i, t) in text.tokens.iter().enumerate() {
        let word = text.token_text(i);
        if taken[i] || word.len() < 4 || !word.bytes().all(|b| b.is_ascii_lowercase()) {
            continue;
        }
        // A word of its own (the cheap tests first: this runs on every lower-case word) after a preposition, a
        // conjunction or a comma, or first in its sentence ("for nigeria", not "chesta kara" nor "zoviet*france").
        let apart = |a: usize, b: usize| text.tokens[b].start > text.tokens[a].end;
        let first = text.sentences.get(text.sentence_of_token(i)).is_some_and(|s| s.first_token == i);
        let led = i > 0
            && (text.word(i - 1) == Some("#")
                || apart(i - 1, i)
                    && text.word(i - 1).is_some_and(|w| LOWER_PLACE_LEADS.iter().any(|l| w.eq_ignore_ascii_case(l))));
        let glued = i + 1 < text.tokens.len()
            && !apart(i, i + 1)
            && text.word(i + 1).is_some_and(|w| w.starts_with(char::is_alphanumeric) || w == "*");
        if !(first || led) || glued {
            continue;
        }
        let kinds = lexicon.phrase_kinds(&[word]);
        if kinds & places == 0 || kinds & not_places != 0 || lexicon.word_info(word).capitalized < 6 {
            continue;
        }
        // Not inside a longer lower-case place name the gazetteer knows ("new jersey" holds "jersey").
        let joined = |a: usize, b: usize| (a..b).filter_map(|k| text.word(k)).collect::<Vec<&str>>();
        if (i > 0 && lexicon.phrase_kinds(&joined(i - 1, i + 1)) != 0)
            || (i + 2 <= text.tokens.len() && lexicon.phrase_kinds(&joined(i, i + 2)) != 0)
        {
            continue;
        }
        let sentence = text.sentence_of_token(i);
        mentions.push(Mention {
            first_token: i,
            end_token: i + 1,
            start: t.start,
            end: t.end,
            label: Label::Gpe,
            entity: 0,
            sentence,
            segment: text.sentences.get(sentence).map_or(0, |s| s.segment),
            score: 0.5,
        });
        folded.push(vec![word.to_string()]);
        added = true;
    }
    if added {
        let mut order: Vec<usize> = (0..mentions.len()).collect();
        order.sort_by_key(|&k| mentions[k].first_token);
        *mentions = order.iter().map(|&k| mentions[k].clone()).collect();
        *folded = order.iter().map(|&k| folded[k].clone()).collect();
    }
}

/// Common nouns that name a company's kind right before its name ("aircraft firm Boeing").
const COMPANY_NOUNS: &[&str] = &[
    "firm",
    "company",
    "carmaker",
    "automaker",
    "airline",
    "carrier",
    "bank",
    "insurer",
    "retailer",
    "brewer",
    "conglomerate",
    "lender",
    "manufacturer",
    "supermarket",
    "chipmaker",
    "drugmaker",
    "operator",
    "giant",
    "unit",
    "subsidiary",
    "group",
    "exchange",
    "regulator",
    "watchdog",
    "agency",
];
/// Words after a name that make it a company's ("Boeing Co").
const COMPANY_SUFFIXES: &[&str] =
    &["Inc", "Inc.", "Corp", "Corp.", "Ltd", "Ltd.", "plc", "PLC", "LLC", "AG", "SA", "NV", "Co", "Co."];

/// What a company has, written after its name ("Yukos shares", "Turkcell's profits").
const COMPANY_HOLDINGS: &[&str] = &[
    "shares",
    "shareholders",
    "stock",
    "profits",
    "profit",
    "sales",
    "revenue",
    "revenues",
    "subsidiary",
    "headquarters",
];

/// What only a person has, written after the name and "'s" ("Tyre Nichols's mother"; not "family of cars") or
/// before "of" and the name ("the mother of Tyre Nichols").
const KIN: &[&str] =
    &["mother", "father", "parents", "family", "wife", "husband", "widow", "son", "daughter", "brother", "sister"];

/// What happens only to a person, written before "of" and the name ("the death of Tyre Nichols") or after it
/// ("Tyre Nichols' death", "the Tyre Nichols death"; not "the Easter Sunday killing of a man").
const PERSON_FATES: &[&str] = &["death", "killing", "murder", "funeral", "beating", "arrest"];

/// The tagger's person and organisation readings, settled by how the document writes each name.
///
/// A name read as a person's is an organisation's when the document also writes it the way only companies are
/// written ("aircraft firm Boeing", "shares in Yukos", "Qwest Inc", "Yukos shares") and never the way people are
/// written: after an honorific or a title ("Mr Ebbers", "President Bush"), with a person's kin or fate ("Nichols's
/// mother", "the death of …", "… died", "Nichols, 29,"), or as the end of a longer person's name ("Jalen Hurts":
/// "Hurts's stock is higher than ever"). The tagger learned from 1996 Reuters, half of it sports pages, where a
/// lone capitalized word is mostly a surname. The other way round, a name of two words or more read as an
/// organisation's is a person's when the document gives it a person's kin or fate and no company cue, and so is
/// its surname alone: "Tyre" made the tagger read "Tyre Nichols" as a tyre maker. A name followed by a noun is no
/// person's for the cues before it ("the family of WA Greens candidate Donna Nelson").
pub(super) fn people_and_organisations(
    text: &Text<'_>,
    pos: &(impl PosAt + ?Sized),
    folded: &[Vec<String>],
    mentions: &mut [Mention],
    lexicon: &Lexicon,
) {
    let is_holding = |i: usize| text.word(i).is_some_and(|w| COMPANY_HOLDINGS.contains(&w));
    let holding = |i: usize| is_holding(i) || (text.word(i) == Some("'s") && is_holding(i + 1));
    // (organisation cues, person cues, kin or fate cues) of each name.
    let mut cues: std::collections::HashMap<&[String], (usize, usize, usize)> = std::collections::HashMap::new();
    for (words, m) in folded.iter().zip(mentions.iter()) {
        let before = m.first_token.checked_sub(1).and_then(|i| text.word(i));
        let two_before = m.first_token.checked_sub(2).and_then(|i| text.word(i)).zip(before);
        let organisation = before.is_some_and(|b| COMPANY_NOUNS.contains(&b))
            || two_before
                .is_some_and(|(a, b)| matches!(b, "in" | "of") && matches!(lower(a).as_str(), "shares" | "stake"))
            || text.word(m.end_token).is_some_and(|a| COMPANY_SUFFIXES.contains(&a))
            || holding(m.end_token);
        let titled = before.is_some_and(|b| is_honorific(b) || is_person_title(b, lexicon));
        let after = |k: usize| text.word(m.end_token + k);
        let possessive = after(0).is_some_and(is_possessive);
        let fate = |w: Option<&str>| w.is_some_and(|w| PERSON_FATES.contains(&w));
        let kin_or_fate = (possessive && after(1).is_some_and(|w| KIN.contains(&w)) && after(2) != Some("of"))
            || (after(0) == Some(",")
                && after(1).is_some_and(|w| w.len() <= 3 && w.bytes().all(|b| b.is_ascii_digit()))
                && after(2) == Some(","))
            || (two_before.is_some_and(|(a, b)| {
                let a = lower(a);
                b == "of" && (PERSON_FATES.contains(&a.as_str()) || KIN.contains(&a.as_str()))
            }) && !pos.get(m.end_token).is_some_and(|p| p.is_noun()))
            || matches!(after(0), Some("died" | "dies"))
            || (fate(after(0)) && pos.get(m.end_token) == Some(&Pos::NN) && after(1) != Some("of"))
            || (possessive && fate(after(1)));
        let c = cues.entry(words.as_slice()).or_default();
        c.0 += usize::from(organisation);
        c.1 += usize::from((titled && m.label == Label::Person) || kin_or_fate);
        c.2 += usize::from(kin_or_fate);
    }
    // The surnames of longer names of people (not of a company named after its founder: "James Hardie").
    let people: Vec<&[String]> = folded
        .iter()
        .zip(mentions.iter())
        .filter(|(w, m)| m.label == Label::Person && w.len() > 1 && cues.get(w.as_slice()).is_none_or(|c| c.0 == 0))
        .map(|(w, _)| w.as_slice())
        .collect();
    for w in people {
        for k in 1..w.len() {
            if let Some(c) = cues.get_mut(&w[k..]) {
                c.1 += 1;
            }
        }
    }
    // Names of two words or more read as an organisation's that the document shows to be a person's, whose
    // surnames alone are that person too ("Tyre Nichols died …", then "Nichols").
    let turned: std::collections::HashSet<&[String]> =
        cues.iter().filter(|(w, c)| w.len() > 1 && c.2 > 0 && c.0 == 0).map(|(w, _)| *w).collect();
    let turned_surnames: std::collections::HashSet<&[String]> = turned.iter().map(|w| &w[w.len() - 1..]).collect();
    for (words, m) in folded.iter().zip(mentions.iter_mut()) {
        let Some(&(organisation, person, _)) = cues.get(words.as_slice()) else { continue };
        if m.label == Label::Person && organisation > 0 && person == 0 {
            m.label = Label::Org;
        } else if m.label == Label::Org
            && organisation == 0
            && (turned.contains(words.as_slice()) || words.len() == 1 && turned_surnames.contains(words.as_slice()))
        {
            m.label = Label::Person;
        }
    }
}

/// A lone name before "administration" is a leader's ("the Biden administration", which the tagger read as a
/// place, an organisation or another name), unless it is a place, a people or a word of organisations' names;
/// before "government" only when the document also writes it as a person's, as parties lead governments too ("the
/// Albanese government" with "Anthony Albanese", not "the Labour government").
pub(super) fn leaders_of_governments(
    text: &Text<'_>,
    folded: &[Vec<String>],
    mentions: &mut [Mention],
    lexicon: &Lexicon,
) {
    let not_people = GazKind::Country.bit()
        | GazKind::City.bit()
        | GazKind::Region.bit()
        | GazKind::Area.bit()
        | GazKind::Demonym.bit()
        | GazKind::Group.bit()
        | GazKind::OrgWord.bit();
    let surnames: std::collections::HashSet<&String> = folded
        .iter()
        .zip(mentions.iter())
        .filter(|(_, m)| m.label == Label::Person)
        .filter_map(|(w, _)| w.last())
        .collect();
    for (words, m) in folded.iter().zip(mentions.iter_mut()) {
        if words.len() != 1 || matches!(m.label, Label::Person | Label::Norp) {
            continue;
        }
        let Some(next) = text.word(m.end_token).map(lower) else { continue };
        let known = lexicon.phrase_kinds(&[words[0].as_str()]) & not_people != 0;
        let named = surnames.contains(&words[0]);
        if (next == "administration" && (!known || named)) || (next == "government" && named) {
            m.label = Label::Person;
        }
    }
}
