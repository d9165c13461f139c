//! Nominal events: news states half of its events as nouns ("Iranian missile attacks on Iraqi sites", "Russia's
//! invasion of Ukraine", "a lawsuit against SpaceX"). A noun of the lexicon below, tagged as a noun (never a verb
//! reading of it), is an event when the sentence names who did it — a possessive or adjectival actor inside its
//! noun group ("Israel's strikes", "Iranian attacks"), a "by" phrase after it ("attacks by Hamas"), or the subject
//! of a light verb whose object it is ("Biden made his first visit to Kyiv", "the Syrian regime stepped up
//! attacks") — and to whom: the phrase after it introduced by one of the noun's prepositions ("on", "against",
//! "of", "to", "with" …).
//!
//! The lexicon maps each noun to the CAMEO code whose description names that act (CAMEO.eventcodes.txt: 042 "Make a
//! visit", 046 "Engage in negotiation", 057 "Sign formal agreement", 0871 "Declare truce, ceasefire", 090
//! "Investigate", 111 "Criticize or denounce", 112 "Accuse", 115 "Bring lawsuit against", 130 "Threaten", 141
//! "Demonstrate or rally", 163 "Impose embargo, boycott, or sanctions", 173 "Arrest, detain, or charge with legal
//! action", 175 "Use tactics of violent repression", 181 "Abduct, hijack, or take hostage", 186 "Assassinate", 190
//! "Use conventional military force", 192 "Occupy territory", 194 "Fight with artillery and tanks", 195 "Employ
//! aerial weapons"), which PLOVER maps to its categories in turn.

use super::coder::SentenceEvent;
use super::coder::Side;
use super::shallow::Pos;
use crate::model::EventMode;

/// A noun group of the sentence, as the coder built it, in text order: the conjuncts of every noun phrase, each
/// followed by the phrases attached to it.
#[derive(Debug, Clone, Default)]
pub struct Group {
    /// The preposition that introduces it, if any (token index).
    pub prep: Option<usize>,
    /// Token span of the noun group itself (its attached phrases not included).
    pub start: usize,
    pub end: usize,
    /// Which noun phrase it is a conjunct of (conjuncts of one phrase share it).
    pub phrase: usize,
    /// Actor codes of the group.
    pub codes: Vec<String>,
    /// Actor codes named inside the group itself, and where that name ends.
    pub own: Vec<String>,
    pub own_end: Option<usize>,
    /// The verb whose object the group is: its first token, its subject's codes and span, its mode.
    pub verb: Option<Governor>,
}

/// The predicate a noun group is the object of.
#[derive(Debug, Clone)]
pub struct Governor {
    pub verb: usize,
    pub subject: Vec<String>,
    pub subject_span: (usize, usize),
    pub mode: EventMode,
}

/// How a noun's target is introduced.
#[derive(Clone, Copy)]
struct Noun {
    code: &'static str,
    /// Prepositions that introduce the target.
    targets: &'static [&'static str],
    /// Needs a target phrase or a weapon word to be an event at all ("strike" is also a walkout).
    needs_target: bool,
}

const VIOLENCE: &[&str] = &["ON", "AGAINST", "IN", "INTO", "AT", "ACROSS", "INSIDE", "OF"];

/// Event nouns (upper case, singular and plural) and their CAMEO codes.
fn noun(word: &str) -> Option<Noun> {
    let n = |code, targets, needs_target| Some(Noun { code, targets, needs_target });
    match word {
        "ATTACK" | "ATTACKS" | "ASSAULT" | "ASSAULTS" | "OFFENSIVE" | "RAID" | "RAIDS" | "INCURSION" | "INCURSIONS"
        | "WAR" | "HOSTILITIES" | "AGGRESSION" => n("190", VIOLENCE, false),
        "STRIKE" | "STRIKES" => n("195", VIOLENCE, true),
        "AIRSTRIKE" | "AIRSTRIKES" | "AIR-STRIKE" | "AIR-STRIKES" | "BOMBING" | "BOMBINGS" | "BOMBARDMENT" => {
            n("195", VIOLENCE, false)
        }
        "SHELLING" => n("194", VIOLENCE, false),
        "INVASION" | "OCCUPATION" | "ANNEXATION" => n("192", &["OF"], true),
        "BLOCKADE" => n("191", &["OF", "ON", "AGAINST"], true),
        "ASSASSINATION" => n("186", &["OF"], true),
        "KIDNAPPING" | "ABDUCTION" => n("181", &["OF"], true),
        "CRACKDOWN" | "REPRESSION" => n("175", &["ON", "AGAINST", "OF"], false),
        "ARREST" | "ARRESTS" | "DETENTION" | "INDICTMENT" | "PROSECUTION" => n("173", &["OF"], true),
        "SANCTIONS" | "EMBARGO" => n("163", &["ON", "AGAINST"], true),
        "EXPULSION" | "DEPORTATION" | "DEPORTATIONS" => n("174", &["OF"], true),
        "LAWSUIT" | "LAWSUITS" | "SUIT" => n("115", &["AGAINST"], true),
        "ALLEGATIONS" | "ALLEGATION" | "ACCUSATIONS" | "ACCUSATION" => n("112", &["AGAINST"], true),
        "CRITICISM" | "CONDEMNATION" | "DENUNCIATION" => n("111", &["OF"], true),
        "INVESTIGATION" | "INVESTIGATIONS" | "PROBE" | "PROBES" | "INQUIRY" => n("090", &["INTO", "OF"], true),
        "THREAT" | "THREATS" | "ULTIMATUM" => n("130", &["AGAINST", "TO"], true),
        "PROTEST" | "PROTESTS" | "DEMONSTRATION" | "DEMONSTRATIONS" | "RALLY" => n("141", &["AGAINST"], true),
        "VISIT" | "VISITS" | "TRIP" | "TOUR" | "STATE-VISIT" => n("042", &["TO", "IN"], true),
        "TALKS" | "NEGOTIATIONS" => n("046", &["WITH"], true),
        "MEETING" | "SUMMIT" => n("040", &["WITH"], true),
        "AGREEMENT" | "AGREEMENTS" | "ACCORD" | "TREATY" | "PACT" => n("057", &["WITH"], true),
        "CEASEFIRE" | "CEASE-FIRE" | "TRUCE" | "ARMISTICE" => n("0871", &["WITH"], true),
        "AID" | "ASSISTANCE" => n("070", &["TO", "FOR"], true),
        "APOLOGY" => n("055", &["TO"], true),
        _ => None,
    }
}

/// Nouns of "in response to …", "in retaliation for …".
const RESPONSE: &[&str] = &["RESPONSE", "RETALIATION", "REPRISAL", "REVENGE"];

/// Words before a noun that name the weapon of an attack: aerial ones make it 195, artillery 194.
fn weapon(word: &str) -> Option<&'static str> {
    match word {
        "MISSILE" | "MISSILES" | "DRONE" | "DRONES" | "ROCKET" | "ROCKETS" | "AIR" | "AERIAL" | "BALLISTIC" => {
            Some("195")
        }
        "ARTILLERY" | "TANK" | "MORTAR" => Some("194"),
        "MILITARY" | "ARMED" | "GROUND" => Some("190"),
        _ => None,
    }
}

/// Verbs whose object noun carries the event and whose subject does it ("launched attacks", "made a visit").
fn light(word: &str) -> bool {
    matches!(
        word,
        "LAUNCH"
            | "LAUNCHED"
            | "LAUNCHES"
            | "LAUNCHING"
            | "CARRY"
            | "CARRIED"
            | "CARRIES"
            | "CONDUCT"
            | "CONDUCTED"
            | "CONDUCTS"
            | "STAGE"
            | "STAGED"
            | "STAGES"
            | "MOUNT"
            | "MOUNTED"
            | "STEP"
            | "STEPPED"
            | "STEPS"
            | "INTENSIFY"
            | "INTENSIFIED"
            | "ESCALATE"
            | "ESCALATED"
            | "UNLEASH"
            | "UNLEASHED"
            | "BEGIN"
            | "BEGAN"
            | "BEGUN"
            | "BEGINS"
            | "START"
            | "STARTED"
            | "CONTINUE"
            | "CONTINUED"
            | "RESUME"
            | "RESUMED"
            | "MAKE"
            | "MADE"
            | "MAKES"
            | "PAY"
            | "PAID"
            | "PAYS"
            | "HOLD"
            | "HELD"
            | "HOLDS"
            | "IMPOSE"
            | "IMPOSED"
            | "IMPOSES"
            | "FILE"
            | "FILED"
            | "FILES"
            | "ANNOUNCE"
            | "ANNOUNCED"
            | "ANNOUNCES"
            | "ORDER"
            | "ORDERED"
            | "ORDERS"
            | "SIGN"
            | "SIGNED"
            | "SIGNS"
            | "REACH"
            | "REACHED"
            | "WAGE"
            | "WAGED"
            | "WAGING"
            | "OPEN"
            | "OPENED"
            | "PROVIDE"
            | "PROVIDED"
            | "SEND"
            | "SENT"
    )
}

/// The events the sentence states as nouns, other than those the verb patterns already found.
pub fn events(upper: &[String], tags: &[Pos], groups: &[Group], found: &[SentenceEvent]) -> Vec<SentenceEvent> {
    let mut out: Vec<SentenceEvent> = Vec::new();
    for (gi, g) in groups.iter().enumerate() {
        // The head: the group's last word, a common noun.
        let Some(head) = g.end.checked_sub(1).filter(|&h| h >= g.start) else { continue };
        if tags.get(head) != Some(&Pos::Noun) {
            continue;
        }
        let Some(word) = upper.get(head) else { continue };
        let Some(entry) = noun(word) else { continue };
        let weapon_code = (g.start..head).rev().find_map(|k| upper.get(k).and_then(|w| weapon(w)));
        let code = match (entry.code, weapon_code) {
            ("190" | "195", Some(w)) => w,
            (c, _) => c,
        };
        // The phrases right after the group, each introduced by a preposition where the last one ended.
        let mut target: Option<(Vec<String>, (usize, usize))> = None;
        let mut by: Option<(Vec<String>, (usize, usize))> = None;
        let mut end = g.end;
        // "in response to an Israeli attack": the one answered is the target.
        let mut answering = false;
        for next in &groups[gi + 1..] {
            let Some(p) = next.prep else { break };
            if p != end {
                break;
            }
            end = next.end;
            let prep = upper[p].as_str();
            if prep == "IN" && next.end > next.start && RESPONSE.contains(&upper[next.end - 1].as_str()) {
                answering = true;
                continue;
            }
            if answering && matches!(prep, "TO" | "FOR") && target.is_none() && !next.own.is_empty() {
                target = Some((next.own.clone(), (next.start, next.end)));
                answering = false;
                continue;
            }
            let phrase: Vec<&Group> = groups.iter().filter(|o| o.phrase == next.phrase).collect();
            let codes: Vec<String> = phrase.iter().flat_map(|o| o.codes.iter().cloned()).collect();
            let span = (next.start, phrase.iter().map(|o| o.end).max().unwrap_or(next.end));
            if codes.is_empty() {
                continue;
            }
            if prep == "BY" && by.is_none() {
                by = Some((codes, span));
            } else if target.is_none() && entry.targets.contains(&prep) {
                target = Some((codes, span));
            }
        }
        if entry.needs_target && target.is_none() && weapon_code.is_none() {
            continue;
        }
        // Who did it: a name inside the group before the noun, a "by" phrase, or a light verb's subject.
        // A modifier shared by coordinated nouns counts for each ("Iranian drone and missile strikes").
        let own = g.own_end.filter(|&e| e <= head && !g.own.is_empty()).map(|_| (g.own.clone(), (g.start, head)));
        let shared = || {
            groups[..gi]
                .iter()
                .rev()
                .take_while(|o| o.phrase == g.phrase)
                .find(|o| !o.own.is_empty() && o.own_end.is_some())
                .map(|o| (o.own.clone(), (o.start, o.end)))
        };
        // "Adam Schiff, whose probes of Donald Trump …": the relative's antecedent.
        let whose = || {
            let at = (g.start.saturating_sub(1)..=g.start).find(|&k| upper.get(k).is_some_and(|w| w == "WHOSE"))?;
            let before = groups[..gi].iter().rev().find(|o| o.end < at && !o.codes.is_empty())?;
            (upper.get(at - 1).is_some_and(|w| w == ",") && before.end + 1 == at)
                .then(|| (before.codes.clone(), (before.start, before.end)))
        };
        let own = own.or_else(shared).or_else(whose);
        let governed = g.verb.as_ref().filter(|v| upper.get(v.verb).is_some_and(|w| light(w)));
        let source = own.or(by).or_else(|| governed.map(|v| (v.subject.clone(), v.subject_span)));
        let Some((sources, source_span)) = source.filter(|(c, _)| !c.is_empty()) else { continue };
        let Some((targets, target_span)) = target else { continue };
        let mode = governed.map_or(EventMode::Asserted, |v| v.mode);
        for s in &sources {
            for t in &targets {
                if s == t || (s.starts_with("---") && t.starts_with("---")) {
                    continue;
                }
                let same_country = |a: &str, b: &str| a.get(..3) == b.get(..3);
                let known = found.iter().chain(out.iter()).any(|e| {
                    e.code.get(..2) == code.get(..2)
                        && same_country(&e.source.code, s)
                        && e.target.as_ref().is_some_and(|et| same_country(&et.code, t))
                });
                if known {
                    continue;
                }
                out.push(SentenceEvent {
                    source: Side { code: s.clone(), span: source_span },
                    target: Some(Side { code: t.clone(), span: target_span }),
                    code: code.to_string(),
                    mode,
                    trigger: (head, head + 1),
                    score: 0.6,
                });
            }
        }
    }
    out
}
