//! Mentions → entities: the tagger's spans get OntoNotes labels (CoNLL's LOC split into GPE, LOC and FAC; MISC
//! into NORP, EVENT, LAW, LANGUAGE or MISC), mentions of one thing within a document are grouped ("Pezeshkian" →
//! "Masoud Pezeshkian"; "SEC" → "Securities and Exchange Commission"), and each entity gets a salience, a role
//! and an affiliation when the text gives them ("Iran's Foreign Minister Abbas Araghchi").

use crate::model::{Casing, Label, SegmentKind};
use crate::tag::lexicon::{GazKind, Lexicon};
use crate::tag::{EntityKind, Pos, PosAt, Tags};
use crate::text::Text;
use names::{Name, NameIndex};
use relabel::{
    leaders_of_governments, lower_case_places, one_sense_per_discourse, people_and_organisations,
    places_read_as_other_names, places_the_text_calls_places,
};

mod names;
mod relabel;

/// A mention: a tagged span with its fine label.
#[derive(Debug, Clone, PartialEq)]
pub struct Mention {
    /// First token.
    pub first_token: usize,
    /// One past the last token.
    pub end_token: usize,
    /// Start byte in the normalized text.
    pub start: usize,
    /// End byte in the normalized text.
    pub end: usize,
    /// OntoNotes label.
    pub label: Label,
    /// Index into `Entities::entities`.
    pub entity: usize,
    /// Index into `Text::sentences`.
    pub sentence: usize,
    /// Index into `Text::segments`.
    pub segment: usize,
    /// The tagger's confidence.
    pub score: f32,
}

/// An entity: the mentions of one thing.
#[derive(Debug, Clone, PartialEq)]
pub struct Entity {
    /// OntoNotes label.
    pub label: Label,
    /// The mention whose text names the entity best (the fullest).
    pub name_mention: usize,
    /// Its mentions, in order.
    pub mentions: Vec<usize>,
    /// Its share of the document's attention, in [0, 1]; the saliences of a document sum to 1 (0 for entities
    /// mentioned only in detached segments).
    pub salience: f32,
    /// The title or role written before a person's name ("Foreign Minister"), as a normalized byte range.
    pub role: Option<(usize, usize)>,
    /// The entity this one belongs to ("Iran" in "Iran's Foreign Minister …").
    pub affiliation: Option<usize>,
}

/// The entities of a document.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Entities {
    /// Mentions in text order.
    pub mentions: Vec<Mention>,
    /// Entities in order of first mention.
    pub entities: Vec<Entity>,
}

/// Last words of facility names.
const FACILITY_WORDS: &[&str] = &[
    "airport",
    "bridge",
    "stadium",
    "arena",
    "tower",
    "towers",
    "palace",
    "house",
    "hospital",
    "square",
    "street",
    "avenue",
    "road",
    "highway",
    "motorway",
    "building",
    "station",
    "harbour",
    "harbor",
    "dam",
    "canal",
    "prison",
    "jail",
    "mosque",
    "temple",
    "cathedral",
    "museum",
    "hotel",
    "park",
    "gate",
    "terminal",
    "base",
    "tunnel",
    "pipeline",
    "embassy",
    "plaza",
    "mall",
    "zoo",
];

/// Last words that make a name tagged as an organisation a facility ("Baghdad International Airport", "Bagram Air
/// Base", "Wichita Drive"): transport works and roads, which are places whatever the tagger read.
const ORG_FACILITY_WORDS: &[&str] = &[
    "airport",
    "airbase",
    "airfield",
    "aerodrome",
    "port",
    "seaport",
    "harbour",
    "harbor",
    "bridge",
    "tunnel",
    "dam",
    "highway",
    "motorway",
    "freeway",
    "street",
    "avenue",
    "road",
    "boulevard",
    "parkway",
    "drive",
];

/// Last words of roads, which end no person's name.
/// (Not "lane": "Virginia L. Lane".)
const ROAD_WORDS: &[&str] = &["street", "avenue", "road", "boulevard", "parkway", "drive", "highway", "turnpike"];

/// Last words of administrative divisions: a name tagged as an organisation or a person that ends with one names
/// the place ("Laurel County", "Henry County"); the organisation would end with its own word ("Laurel County
/// Council").
const DIVISION_WORDS: &[&str] =
    &["county", "parish", "township", "province", "prefecture", "governorate", "oblast", "municipality"];

/// Last (or first) words of natural places that are not political units.
const NATURAL_WORDS: &[&str] = &[
    "river",
    "sea",
    "ocean",
    "lake",
    "mountains",
    "mountain",
    "mount",
    "mt.",
    "valley",
    "gulf",
    "bay",
    "strait",
    "straits",
    "desert",
    "peninsula",
    "island",
    "islands",
    "coast",
    "plateau",
    "basin",
    "forest",
    "canyon",
    "glacier",
    "channel",
    "hills",
    "range",
    "delta",
    "region",
];

const EVENT_WORDS: &[&str] = &[
    "war",
    "wars",
    "cup",
    "games",
    "olympics",
    "olympiad",
    "championship",
    "championships",
    "open",
    "prix",
    "tour",
    "rally",
    "festival",
    "summit",
    "conference",
    "election",
    "elections",
    "revolution",
    "crisis",
    "marathon",
    "derby",
    "series",
    "trophy",
    "classic",
    "masters",
    "uprising",
    "intifada",
    "massacre",
    "hurricane",
    "storm",
    "typhoon",
    "cyclone",
    "week",
    "expo",
];

const LAW_WORDS: &[&str] = &[
    "act",
    "treaty",
    "accord",
    "accords",
    "agreement",
    "convention",
    "constitution",
    "law",
    "bill",
    "protocol",
    "charter",
    "resolution",
    "amendment",
    "code",
    "directive",
];

const LANGUAGES: &[&str] = &[
    "english",
    "french",
    "german",
    "spanish",
    "arabic",
    "russian",
    "chinese",
    "mandarin",
    "cantonese",
    "japanese",
    "korean",
    "portuguese",
    "italian",
    "dutch",
    "hebrew",
    "persian",
    "farsi",
    "turkish",
    "hindi",
    "urdu",
    "bengali",
    "swahili",
    "greek",
    "polish",
    "ukrainian",
    "latin",
    "kurdish",
    "pashto",
    "dari",
    "tamil",
    "malay",
    "indonesian",
    "vietnamese",
    "thai",
    "swedish",
    "norwegian",
    "danish",
    "finnish",
    "hungarian",
    "czech",
    "romanian",
    "serbian",
    "croatian",
    "welsh",
    "gaelic",
    "catalan",
    "basque",
    "yiddish",
    "amharic",
    "somali",
    "hausa",
    "yoruba",
    "zulu",
];

/// Words before a language name that make it the language ("in French", "speaks Arabic").
const LANGUAGE_CUES: &[&str] = &["in", "into", "speak", "speaks", "spoke", "speaking", "fluent", "translated", "from"];

/// Words that acronyms skip ("Securities and Exchange Commission" → SEC).
const ACRONYM_SKIP: &[&str] = &["of", "and", "the", "for", "&", "de", "du", "des", "la", "le", "on", "in", "to", "a"];

/// Words written in capitals that name a kind of thing, not one thing: a tagger trained on 1996 news reads them
/// as organisations ("generative AI", "the company's CEO") or, for time zones, as other names.
const COMMON_ACRONYMS: &[&str] = &[
    "AI", "CEO", "CFO", "COO", "GDP", "IPO", "ETF", "EV", "EVs", "SUV", "TV", "PC", "VAT", "DNA", "PPE", "BST", "GMT",
    "UTC", "EST", "EDT", "PST", "PDT", "CET", "AEST", "AEDT", "FYI", "ASAP", "PS", "P.S.", "LOL", "LMAO", "OMG", "BTW",
    "IMHO", "FAQ", "RSVP", "DIY", "TBA", "TBD", "VHS", "DUI",
];

/// Endings of file names, which web text and e-mail write where a tagger trained on news expects names.
const FILE_ENDINGS: &[&str] = &["pdf", "doc", "docx", "xls", "xlsx", "ppt", "pptx", "txt", "jpg", "png", "zip"];

/// A lone word the tagger took for a name that is none: a capitalized common noun or a chat abbreviation
/// (`COMMON_ACRONYMS`), an e-mail address or a file name ("report.pdf"), or a word the corpora mostly write in lower
/// case that addresses the reader, as in the boilerplate feeds glue into the text ("… in grave danger Follow our
/// live blog … Get our morning news emails"; not "mail Scott your thoughts").
fn is_no_name(text: &Text<'_>, first: usize, end: usize, lexicon: &Lexicon) -> bool {
    let word = text.token_text(first);
    let common = || (1..=4).contains(&lexicon.word_info(word).capitalized);
    // The tokenizer splits "CrudeStocks.pdf" into the name, the full stop and the ending, with no space between.
    let touching = |i: usize| text.tokens.get(i + 1).is_some_and(|next| next.start == text.tokens[i].end);
    let file = text.word(end) == Some(".")
        && text.word(end + 1).is_some_and(|e| FILE_ENDINGS.contains(&e.to_ascii_lowercase().as_str()))
        && touching(first)
        && touching(end);
    end == first + 1
        && (COMMON_ACRONYMS.contains(&word)
            || word.contains('@')
            || file
            || (matches!(text.word(end), Some("our" | "us" | "your")) && common()))
}

/// Honorifics that British style writes without a full stop ("Mr Tsutsumi"), which the tagger, trained on
/// "Mr." outside names, then reads as part of the name. They are not part of it (OntoNotes) and say nothing of a
/// role.
const HONORIFICS: &[&str] = &["Mr", "Mrs", "Ms", "Miss", "Mx", "Dr", "Prof", "Sir", "Dame"];

/// True for an honorific, with or without its full stop.
fn is_honorific(word: &str) -> bool {
    HONORIFICS.contains(&word.strip_suffix('.').unwrap_or(word))
}

/// True for a title or role word written before a person's name ("President", "Minister").
fn is_person_title(word: &str, lexicon: &Lexicon) -> bool {
    lexicon.phrase_kinds(&[word]) & GazKind::PersonTitle.bit() != 0
}

/// Family-name particles that news keeps lower case inside a name.
const NAME_PARTICLES: &[&str] =
    &["al", "el", "bin", "ibn", "bint", "abu", "van", "von", "der", "den", "de", "da", "di", "du", "le", "la"];

/// Where a person's name ends, past the family-name particles a tagger trained on 1996 Reuters leaves out:
/// "Mohammed Shia al-Sudani", "Mohammed bin Salman", "Ursula von der Leyen".
fn person_name_end(text: &Text<'_>, mut end: usize) -> usize {
    let capitalized = |i: usize| i < text.tokens.len() && text.token_text(i).starts_with(char::is_uppercase);
    while end < text.tokens.len() {
        let word = text.token_text(end);
        if let Some((particle, rest)) = word.split_once('-') {
            // "al-Sudani": a particle joined to the name by a hyphen.
            if !NAME_PARTICLES.contains(&particle) || !rest.starts_with(char::is_uppercase) {
                break;
            }
            end += 1;
            continue;
        }
        // "bin Salman", "von der Leyen": at most two particles, then a capitalized name.
        let mut k = end;
        while k < text.tokens.len() && k - end < 2 && NAME_PARTICLES.contains(&text.token_text(k)) {
            k += 1;
        }
        if k == end || !capitalized(k) {
            break;
        }
        end = k + 1;
    }
    end
}

fn lower(s: &str) -> String {
    s.to_lowercase()
}

/// The fine label of a tagged span; `before` is the word before it, `after` the part of speech of the word after.
fn fine_label(kind: EntityKind, words: &[&str], before: Option<&str>, after: Option<Pos>, lexicon: &Lexicon) -> Label {
    let folded: Vec<String> = words.iter().map(|w| lower(w)).collect();
    let last = folded.last().map(String::as_str).unwrap_or("");
    let first = folded.first().map(String::as_str).unwrap_or("");
    let kinds = lexicon.phrase_kinds(words);
    let any_word = |k: GazKind| words.iter().any(|w| lexicon.phrase_kinds(&[w]) & k.bit() != 0);
    // A company or web service the gazetteer knows, and no place of that name, read as a place ("at Facebook") or
    // a thing ("on Facebook"): the company.
    let places = GazKind::Country.bit() | GazKind::City.bit() | GazKind::Region.bit() | GazKind::Area.bit();
    if matches!(kind, EntityKind::LOC | EntityKind::MISC) && kinds & GazKind::Company.bit() != 0 && kinds & places == 0
    {
        return Label::Org;
    }
    match kind {
        EntityKind::PER if words.len() > 1 && DIVISION_WORDS.contains(&last) => Label::Gpe,
        // "Wichita Drive", "Freeman Drive": a person's name does not end with a road's word.
        EntityKind::PER if words.len() > 1 && ROAD_WORDS.contains(&last) => Label::Fac,
        EntityKind::PER => Label::Person,
        EntityKind::ORG if words.len() > 1 && ORG_FACILITY_WORDS.contains(&last) => Label::Fac,
        EntityKind::ORG if words.len() > 1 && last == "base" && folded.iter().any(|w| w == "air") => Label::Fac,
        EntityKind::ORG if words.len() > 1 && DIVISION_WORDS.contains(&last) => Label::Gpe,
        EntityKind::ORG => Label::Org,
        EntityKind::LOC => {
            if kinds & (GazKind::Country.bit() | GazKind::City.bit() | GazKind::Region.bit()) != 0 {
                Label::Gpe
            } else if FACILITY_WORDS.contains(&last) {
                Label::Fac
            } else if kinds & GazKind::Area.bit() != 0
                || NATURAL_WORDS.contains(&last)
                || (words.len() > 1 && NATURAL_WORDS.contains(&first))
            {
                Label::Loc
            } else {
                Label::Gpe
            }
        }
        EntityKind::MISC => {
            let cue = before.is_some_and(|b| LANGUAGE_CUES.contains(&lower(b).as_str()));
            // Before a noun it is an adjective: "in Japanese companies".
            let adjective = matches!(after, Some(Pos::NN | Pos::NNS));
            if words.len() == 1 && cue && !adjective && LANGUAGES.contains(&last) {
                Label::Language
            } else if kinds & GazKind::Country.bit() != 0
                && kinds & (GazKind::Demonym.bit() | GazKind::Group.bit()) == 0
            {
                // A country named as a modifier is still the country: "the US trade deficit". (Not any place:
                // "Olympic" and "Liberal" are towns too.)
                Label::Gpe
            } else if words.len() > 1 && LAW_WORDS.contains(&last) {
                Label::Law
            } else if words.len() > 1 && EVENT_WORDS.contains(&last) {
                Label::Event
            } else if kinds & (GazKind::Demonym.bit() | GazKind::Group.bit()) != 0
                || any_word(GazKind::Demonym)
                || any_word(GazKind::Group)
            {
                Label::Norp
            } else {
                Label::Misc
            }
        }
    }
}

/// Which labels may name one thing: a place may be tagged GPE in one sentence and LOC in another. A facility is
/// not the place it is named after ("Baghdad International Airport" is not Baghdad).
fn family(label: Label) -> u8 {
    match label {
        Label::Person => 0,
        Label::Org => 1,
        Label::Gpe | Label::Loc => 2,
        Label::Norp => 3,
        Label::Fac => 4,
        _ => 5,
    }
}

/// The initials of a name, skipping function words ("Securities and Exchange Commission" → "SEC").
fn initials(words: &[String]) -> String {
    words
        .iter()
        .filter(|w| !ACRONYM_SKIP.contains(&w.as_str()))
        .filter_map(|w| w.chars().next())
        .filter(|c| c.is_alphabetic())
        .flat_map(char::to_uppercase)
        .collect()
}

/// The letters of an acronym, upper-cased ("U.S." → "US").
fn acronym_letters(word: &str) -> String {
    word.to_uppercase().replace(['.', '&'], "")
}

fn is_acronym(word: &str) -> bool {
    let letters = word.chars().filter(|c| c.is_alphabetic()).count();
    (2..=8).contains(&letters) && word.chars().all(|c| c.is_uppercase() || c == '.' || c == '&')
}

/// True when `short` occurs as a run of consecutive words in `long`.
fn contains_run(long: &[String], short: &[String]) -> bool {
    !short.is_empty() && short.len() < long.len() && long.windows(short.len()).any(|w| w == short)
}

/// Groups the tagger's entity spans into labelled mentions and entities.
pub fn resolve(text: &Text<'_>, tags: &Tags, lexicon: &Lexicon) -> Entities {
    resolve_with(text, tags, &tags.pos, lexicon)
}

/// `resolve`, reading the parts of speech from `pos` (the few it reads, around the names, may be tagged on
/// demand: `tag::LazyPos`) instead of `tags.pos`.
pub(crate) fn resolve_with(text: &Text<'_>, tags: &Tags, pos: &(impl PosAt + ?Sized), lexicon: &Lexicon) -> Entities {
    let words = |a: usize, b: usize| (a..b).map(|i| text.token_text(i)).collect::<Vec<&str>>();
    let mut out = Entities::default();
    // Folded words of each mention, for matching.
    let mut folded: Vec<Vec<String>> = Vec::new();
    for (k, e) in tags.entities.iter().enumerate() {
        if e.first_token >= e.end_token
            || e.end_token > text.tokens.len()
            || is_no_name(text, e.first_token, e.end_token, lexicon)
        {
            continue;
        }
        let end_token = match e.kind {
            EntityKind::PER => {
                let next = tags.entities.get(k + 1).map_or(text.tokens.len(), |n| n.first_token);
                person_name_end(text, e.end_token).min(next.max(e.end_token))
            }
            _ => e.end_token,
        };
        let mut first_token = e.first_token;
        while e.kind == EntityKind::PER && first_token + 1 < end_token && is_honorific(text.token_text(first_token)) {
            first_token += 1;
        }
        let w = words(first_token, end_token);
        let before = first_token.checked_sub(1).map(|i| text.token_text(i));
        let after = pos.get(end_token).copied();
        let sentence = text.sentence_of_token(first_token);
        out.mentions.push(Mention {
            first_token,
            end_token,
            start: text.tokens[first_token].start,
            end: text.tokens[end_token - 1].end,
            label: fine_label(e.kind, &w, before, after, lexicon),
            entity: 0,
            sentence,
            segment: text.sentences.get(sentence).map_or(0, |s| s.segment),
            score: e.score,
        });
        folded.push(w.iter().map(|s| lower(s)).collect());
    }

    lower_case_places(text, lexicon, &mut folded, &mut out.mentions);
    places_read_as_other_names(text, pos, &folded, &mut out.mentions, lexicon);
    places_the_text_calls_places(text, pos, &folded, &mut out.mentions, lexicon);
    one_sense_per_discourse(&folded, &mut out.mentions, lexicon);
    people_and_organisations(text, pos, &folded, &mut out.mentions, lexicon);
    leaders_of_governments(text, &folded, &mut out.mentions, lexicon);

    // An acronym in brackets right after a name is that name's: "Securities Exchange Commission ( SEC )".
    let mut bracketed: Vec<Option<usize>> = vec![None; out.mentions.len()];
    for (k, pair) in out.mentions.windows(2).enumerate() {
        let (a, b) = (&pair[0], &pair[1]);
        if b.first_token == a.end_token + 1
            && text.token_text(a.end_token) == "("
            && b.end_token < text.tokens.len()
            && text.token_text(b.end_token) == ")"
        {
            bracketed[k + 1] = Some(k);
        }
    }

    // Entities, in order of first mention; `names[e]` is the fullest mention so far.
    let mut names: Vec<usize> = Vec::new();
    let acronyms: Vec<Option<String>> = (0..out.mentions.len())
        .map(|m| {
            (folded[m].len() == 1 && is_acronym(text.token_text(out.mentions[m].first_token)))
                .then(|| acronym_letters(&folded[m][0]))
        })
        .collect();
    let initials: Vec<Option<String>> = folded.iter().map(|words| (words.len() > 1).then(|| initials(words))).collect();
    let name_of = |m: usize, mentions: &[Mention]| Name {
        words: &folded[m],
        family: family(mentions[m].label),
        acronym: acronyms[m].as_deref(),
        initials: initials[m].as_deref(),
    };
    let mut index = NameIndex::default();
    for m in 0..out.mentions.len() {
        let fam = family(out.mentions[m].label);
        let mine = &folded[m];
        let joined = if let Some(b) = bracketed[m] {
            Some(out.mentions[b].entity)
        } else {
            index.latest(&name_of(m, &out.mentions), |e| {
                let name = names[e];
                let other = &folded[name];
                let other_fam = family(out.mentions[name].label);
                // One name's acronym is the other's initials ("SEC", "Securities and Exchange Commission"); an
                // acronym may be tagged apart from its name ("SEC" as MISC), so these join across families.
                let abbreviates = |short: usize, long: usize| {
                    acronyms[short].is_some() && initials[long].is_some() && acronyms[short] == initials[long]
                };
                if other_fam != fam {
                    return abbreviates(m, name);
                }
                other == mine
                    || contains_run(other, mine)
                    || contains_run(mine, other)
                    || abbreviates(m, name)
                    || abbreviates(name, m)
            })
        };
        match joined {
            Some(e) => {
                out.mentions[m].entity = e;
                let best = names[e];
                let fuller = |x: usize| (folded[x].len(), out.mentions[x].end - out.mentions[x].start);
                // Of names as full, one in case over one in an ALL CAPS line (a headline "BAHIA COCOA REVIEW"),
                // which any fuller name replaces, even one that starts with an acronym ("CCX Network Inc").
                let cased =
                    |x: usize| text.segments.get(out.mentions[x].segment).is_none_or(|s| s.casing != Casing::Upper);
                let better = fuller(m) > fuller(best) || (fuller(m) == fuller(best) && cased(m) && !cased(best));
                if better && (!cased(best) || !is_acronym(text.token_text(out.mentions[m].first_token))) {
                    index.remove(e, &name_of(best, &out.mentions));
                    index.add(e, &name_of(m, &out.mentions));
                    names[e] = m;
                }
                out.entities[e].mentions.push(m);
            }
            None => {
                out.mentions[m].entity = names.len();
                index.add(names.len(), &name_of(m, &out.mentions));
                names.push(m);
                out.entities.push(Entity {
                    label: out.mentions[m].label,
                    name_mention: m,
                    mentions: vec![m],
                    salience: 0.0,
                    role: None,
                    affiliation: None,
                });
            }
        }
    }
    for (e, entity) in out.entities.iter_mut().enumerate() {
        entity.name_mention = names[e];
        // An acronym of an organisation's name is the organisation's: a tagger that never saw "NCAA" spelled out
        // reads it as another kind of name than "National Collegiate Athletic Association". (Not of a person's name:
        // people are seldom abbreviated, so there the tagger more likely misread the name: "Dave Matthews Band").
        let of_organisation = out.mentions[names[e]].label == Label::Org;
        for &m in &entity.mentions {
            if of_organisation && acronyms[m].is_some() && acronyms[m] == initials[names[e]] {
                out.mentions[m].label = Label::Org;
            }
        }
        entity.label = majority_label(entity, &out.mentions, names[e]);
    }
    salience(text, &mut out);
    roles(text, lexicon, &mut out);
    out
}

/// The label most of an entity's mentions have (the name's on a tie).
fn majority_label(entity: &Entity, mentions: &[Mention], name: usize) -> Label {
    let mut counts: Vec<(Label, usize)> = Vec::new();
    for &m in &entity.mentions {
        match counts.iter_mut().find(|(l, _)| *l == mentions[m].label) {
            Some(c) => c.1 += 1,
            None => counts.push((mentions[m].label, 1)),
        }
    }
    let top = counts.iter().map(|c| c.1).max().unwrap_or(0);
    let name_label = mentions[name].label;
    if counts.iter().any(|&(l, c)| l == name_label && c == top) {
        name_label
    } else {
        counts.iter().find(|c| c.1 == top).map_or(name_label, |c| c.0)
    }
}

/// Salience: mentions count, early ones and headline ones more; mentions in detached segments not at all.
fn salience(text: &Text<'_>, out: &mut Entities) {
    let mut weights = vec![0f32; out.entities.len()];
    for m in &out.mentions {
        let Some(segment) = text.segments.get(m.segment) else { continue };
        if segment.detached {
            continue;
        }
        let headline = if segment.kind == SegmentKind::Headline { 1.0 } else { 0.0 };
        let early = 1.0 / (1.0 + m.sentence as f32 / 5.0);
        weights[m.entity] += 1.0 + headline + early;
    }
    let total: f32 = weights.iter().sum();
    for (e, w) in out.entities.iter_mut().zip(weights) {
        e.salience = if total > 0.0 { w / total } else { 0.0 };
    }
}

/// Roles and affiliations: capitalized title words right before a person's name ("Foreign Minister Abbas
/// Araghchi"), and the entity before them with a possessive ("Iran 's").
fn roles(text: &Text<'_>, lexicon: &Lexicon, out: &mut Entities) {
    let mut in_mention = vec![false; text.tokens.len()];
    for m in &out.mentions {
        for flag in &mut in_mention[m.first_token..m.end_token] {
            *flag = true;
        }
    }
    let mention_ending_at: std::collections::HashMap<usize, usize> =
        out.mentions.iter().enumerate().map(|(k, m)| (m.end_token, k)).collect();
    for k in 0..out.mentions.len() {
        let m = &out.mentions[k];
        if m.label != Label::Person || m.first_token == 0 {
            continue;
        }
        let sentence_start = text.sentences.get(m.sentence).map_or(0, |s| s.first_token);
        // The run of capitalized words before the name that ends with a title word.
        let last = m.first_token - 1;
        if last < sentence_start || in_mention[last] || !is_person_title(text.token_text(last), lexicon) {
            continue;
        }
        let mut first = last;
        while first > sentence_start
            && !in_mention[first - 1]
            && text.token_text(first - 1).chars().next().is_some_and(char::is_uppercase)
            && text.token_text(first - 1).chars().any(char::is_lowercase)
        {
            first -= 1;
        }
        if (first..=last).all(|t| is_honorific(text.token_text(t))) {
            continue;
        }
        let role = (text.tokens[first].start, text.tokens[last].end);
        let affiliation = (first >= sentence_start + 2 && text.token_text(first - 1) == "'s")
            .then(|| mention_ending_at.get(&(first - 1)).map(|&a| out.mentions[a].entity))
            .flatten();
        let entity = m.entity;
        let e = &mut out.entities[entity];
        if e.role.is_none() {
            e.role = Some(role);
        }
        if e.affiliation.is_none() && affiliation != Some(entity) {
            e.affiliation = affiliation;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tag::Tagger;

    fn run(s: &str) -> (Text<'_>, Entities) {
        let text = Text::new(s);
        let tagger = Tagger::embedded().unwrap_or_else(|e| panic!("{e}"));
        let tags = tagger.tag(&text);
        let found = resolve(&text, &tags, tagger.lexicon());
        (text, found)
    }

    #[test]
    fn common_nouns_and_verbs_to_the_reader_are_no_names() {
        let (text, found) = run(
            "The US commerce department asked for comment on AI accountability, the CEO of OpenAI said at 10am BST.",
        );
        let names: Vec<&str> = found.mentions.iter().map(|m| &text.normalized()[m.start..m.end]).collect();
        assert!(names.contains(&"OpenAI"), "{names:?}");
        assert!(!names.iter().any(|n| ["AI", "CEO", "BST"].contains(n)), "{names:?}");
        let text = Text::new("Two chicks are in grave danger Follow our Australia news live blog Get our news emails");
        let follow = text.tokens.iter().position(|t| text.normalized()[t.start..t.end] == *"Follow").unwrap_or(0);
        let lexicon = Tagger::embedded().unwrap_or_else(|e| panic!("{e}")).lexicon();
        assert!(is_no_name(&text, follow, follow + 1, lexicon));
        assert!(!is_no_name(&text, follow + 2, follow + 3, lexicon), "Australia");
        let text = Text::new("And you can mail Scott your thoughts");
        assert!(!is_no_name(&text, 4, 5, lexicon), "Scott");
        let text = Text::new("FYI see CrudeStocks.pdf from jo@example.com at Enron");
        let names: Vec<bool> = (0..text.tokens.len()).map(|i| is_no_name(&text, i, i + 1, lexicon)).collect();
        let words: Vec<&str> = (0..text.tokens.len()).map(|i| text.token_text(i)).collect();
        let no_names: Vec<&str> = words.iter().zip(&names).filter(|(_, n)| **n).map(|(w, _)| *w).collect();
        assert_eq!(no_names, ["FYI", "CrudeStocks", "jo@example.com"], "{words:?}");
        let text = Text::new("He met Stocks. Pdf files came later.");
        assert!((0..text.tokens.len()).all(|i| !is_no_name(&text, i, i + 1, lexicon)));
    }

    #[test]
    fn person_names_keep_their_particles() {
        // Each case: a sentence and where the tagger ended the name (after its first `n` words) → the whole name.
        let cases = [
            ("Mohammed Shia al-Sudani met them.", 2, "Mohammed Shia al-Sudani"),
            ("Mohammed bin Salman said so.", 1, "Mohammed bin Salman"),
            ("Ursula von der Leyen arrived.", 1, "Ursula von der Leyen"),
            ("Smith de la Cruz spoke.", 1, "Smith de la Cruz"),
            ("Smith met them in Paris.", 1, "Smith"),
            ("Smith de facto won.", 1, "Smith"),
        ];
        for (sentence, n, whole) in cases {
            let text = Text::new(sentence);
            let end = person_name_end(&text, n);
            assert_eq!(&sentence[..text.tokens[end - 1].end], whole);
        }
    }

    fn name(text: &Text<'_>, found: &Entities, e: usize) -> String {
        let m = &found.mentions[found.entities[e].name_mention];
        text.normalized()[m.start..m.end].to_string()
    }

    fn entity_named<'f>(text: &Text<'_>, found: &'f Entities, n: &str) -> Option<(usize, &'f Entity)> {
        found.entities.iter().enumerate().find(|(e, _)| name(text, found, *e) == n)
    }

    #[test]
    fn surnames_and_acronyms_join_their_names() {
        let (text, found) = run(
            "Iranian President Masoud Pezeshkian met officials of the Securities and Exchange Commission (SEC) in \
             Washington on Monday. Pezeshkian said the SEC had been helpful.",
        );
        let (e, pez) = entity_named(&text, &found, "Masoud Pezeshkian").unwrap_or_else(|| panic!("{found:?}"));
        assert_eq!(pez.label, Label::Person);
        assert_eq!(pez.mentions.len(), 2, "{found:?}");
        let role = pez.role.map(|(a, b)| &text.normalized()[a..b]);
        assert_eq!(role, Some("President"));
        let (_, sec) =
            entity_named(&text, &found, "Securities and Exchange Commission").unwrap_or_else(|| panic!("{found:?}"));
        assert_eq!(sec.label, Label::Org);
        assert_eq!(sec.mentions.len(), 3, "{found:?}");
        let (_, washington) = entity_named(&text, &found, "Washington").unwrap_or_else(|| panic!("{found:?}"));
        assert_eq!(washington.label, Label::Gpe);
        let iranian = found.mentions.iter().find(|m| &text.normalized()[m.start..m.end] == "Iranian");
        assert_eq!(iranian.map(|m| m.label), Some(Label::Norp));
        let total: f32 = found.entities.iter().map(|e| e.salience).sum();
        assert!((total - 1.0).abs() < 1e-4);
        assert!(found.entities[e].salience > 0.2);
    }

    #[test]
    fn an_acronym_takes_the_label_of_its_name() {
        let text = Text::new("The National Collegiate Athletic Association (NCAA) met. The NCAA champion was Ohio.");
        let at = |w: &str, n: usize| {
            text.tokens
                .iter()
                .enumerate()
                .filter(|(_, t)| text.normalized()[t.start..t.end] == *w)
                .nth(n)
                .map(|(i, _)| i)
        };
        let span = |first: usize, end: usize, kind: EntityKind| crate::tag::EntitySpan {
            first_token: first,
            end_token: end,
            kind,
            score: 0.9,
            margin: 1.0,
        };
        let (mid, mac, mac2) = (at("National", 0), at("NCAA", 0), at("NCAA", 1));
        let (Some(mid), Some(mac), Some(mac2)) = (mid, mac, mac2) else { panic!("{:?}", text.tokens) };
        let tags = Tags {
            entities: vec![
                span(mid, mid + 4, EntityKind::ORG),
                span(mac, mac + 1, EntityKind::MISC),
                span(mac2, mac2 + 1, EntityKind::MISC),
            ],
            ..Tags::default()
        };
        let lexicon = Tagger::embedded().unwrap_or_else(|e| panic!("{e}")).lexicon();
        let found = resolve(&text, &tags, lexicon);
        let labels: Vec<Label> = found.mentions.iter().map(|m| m.label).collect();
        assert_eq!(labels, [Label::Org, Label::Org, Label::Org], "{found:?}");
        assert_eq!(found.entities.len(), 1);
        assert_eq!(found.entities[0].label, Label::Org);
    }

    #[test]
    fn honorifics_are_not_part_of_names() {
        let (text, found) = run(
            "Yoshiaki Tsutsumi was arrested on Thursday in Tokyo. Police said Mr Tsutsumi had falsified shareholder \
             information. Ms Tanaka declined to comment.",
        );
        let (_, person) = entity_named(&text, &found, "Yoshiaki Tsutsumi").unwrap_or_else(|| panic!("{found:?}"));
        assert_eq!(person.mentions.len(), 2, "{found:?}");
        assert_eq!(person.role, None);
        let (_, other) = entity_named(&text, &found, "Tanaka").unwrap_or_else(|| panic!("{found:?}"));
        assert_eq!(other.label, Label::Person);
    }

    #[test]
    fn a_language_name_before_a_noun_is_an_adjective() {
        let (text, found) =
            run("Such practices were once widespread in Japanese companies. The letter was translated from Japanese.");
        let labels: Vec<Label> = found
            .mentions
            .iter()
            .filter(|m| &text.normalized()[m.start..m.end] == "Japanese")
            .map(|m| m.label)
            .collect();
        assert_eq!(labels, [Label::Norp, Label::Language], "{found:?}");
    }

    #[test]
    fn a_name_written_as_a_company_is_not_a_person() {
        let text = Text::new(
            "US aircraft firm Boeing unveiled a plane. Boeing, unlike Smith, flies. Mr Smith said so. Acme hired \
             Jones. Acme grew. President Jones smiled. Jalen Hurts shone. Hurts's stock rose.",
        );
        assert_eq!(text.token_text(36), "'s");
        let name = |m: &Mention| &text.normalized()[m.start..m.end];
        // As the tagger might read it. "Acme" is read as an organisation once, but nothing writes it as a company.
        let (p, o) = (Label::Person, Label::Org);
        let readings = [(3, 4, p), (8, 9, p), (11, 12, p), (16, 17, p), (20, 21, o), (24, 25, p), (28, 29, p)];
        let more = [(31, 33, p), (35, 36, p)];
        let mut mentions: Vec<Mention> = readings
            .iter()
            .chain(&more)
            .map(|&(first_token, end_token, label)| Mention {
                first_token,
                end_token,
                start: text.tokens[first_token].start,
                end: text.tokens[end_token - 1].end,
                label,
                entity: 0,
                sentence: 0,
                segment: 0,
                score: 1.0,
            })
            .collect();
        let folded: Vec<Vec<String>> = mentions.iter().map(|m| name(m).split(' ').map(lower).collect()).collect();
        let tagger = Tagger::embedded().unwrap_or_else(|e| panic!("{e}"));
        people_and_organisations(&text, &tagger.tag(&text).pos, &folded, &mut mentions, tagger.lexicon());
        let labels: Vec<(&str, Label)> = mentions.iter().map(|m| (name(m), m.label)).collect();
        let expected = [
            ("Boeing", o),
            ("Boeing", o),
            ("Smith", p),
            ("Smith", p),
            ("Acme", o),
            ("Acme", p),
            ("Jones", p),
            ("Jalen Hurts", p),
            ("Hurts", p),
        ];
        assert_eq!(labels, expected);
    }

    /// Mentions of `names`, found in the text in order, all labelled `label`.
    fn mentions_in_order(text: &Text<'_>, names: &[&str], label: Label) -> Vec<Mention> {
        let mut from = 0;
        names
            .iter()
            .map(|name| {
                let start = from + text.normalized()[from..].find(name).unwrap_or_else(|| panic!("{name}"));
                from = start + name.len();
                let first_token = text.tokens.iter().position(|t| t.start == start).unwrap_or_else(|| panic!());
                let end_token = first_token + name.split(' ').count();
                Mention {
                    first_token,
                    end_token,
                    start,
                    end: from,
                    label,
                    entity: 0,
                    sentence: 0,
                    segment: 0,
                    score: 1.0,
                }
            })
            .collect()
    }

    #[test]
    fn a_city_the_tagger_calls_a_club_is_a_place_where_things_happen() {
        let text = Text::new(
            "A woman in Brisbane was hurt. A pub in Leeds's north shut. Critics of culture in UN agencies spoke. \
             BSkyB bought its stake in Sunderland. Brisbane beat Leeds. Police in Flint, Michigan, said so. \
             Moscow, Russia's capital, and Denver, Colorado on Monday.",
        );
        let names = ["Brisbane", "Leeds", "UN", "Sunderland", "Brisbane", "Leeds", "Flint", "Moscow", "Denver"];
        let mut mentions = mentions_in_order(&text, &names, Label::Org);
        mentions[8].label = Label::Person;
        let tagger = Tagger::embedded().unwrap_or_else(|e| panic!("{e}"));
        let folded: Vec<Vec<String>> = names.iter().map(|n| n.split(' ').map(lower).collect()).collect();
        places_read_as_other_names(&text, &tagger.tag(&text).pos, &folded, &mut mentions, tagger.lexicon());
        let labels: Vec<Label> = mentions.iter().map(|m| m.label).collect();
        let (g, o) = (Label::Gpe, Label::Org);
        assert_eq!(labels, [g, g, o, o, o, o, g, o, g]);
    }

    #[test]
    fn lone_names_before_administration_are_leaders() {
        let text = Text::new(
            "The Biden administration acted. The Obama administration had not. The Labour government and the \
             Albanese government disagreed, said Anthony Albanese.",
        );
        // As the tagger might read them, with Obama a town in Japan and Labour a party.
        let names = ["Biden", "Obama", "Labour", "Albanese", "Anthony Albanese"];
        let mut mentions = mentions_in_order(&text, &names, Label::Misc);
        mentions[4].label = Label::Person;
        let folded: Vec<Vec<String>> = names.iter().map(|n| n.split(' ').map(lower).collect()).collect();
        let tagger = Tagger::embedded().unwrap_or_else(|e| panic!("{e}"));
        leaders_of_governments(&text, &folded, &mut mentions, tagger.lexicon());
        let labels: Vec<Label> = mentions.iter().map(|m| m.label).collect();
        let (p, m) = (Label::Person, Label::Misc);
        assert_eq!(labels, [p, m, m, p, p]);
    }

    #[test]
    fn a_name_given_a_persons_kin_or_fate_is_not_an_organisation() {
        let text = Text::new(
            "Protests followed the death of Tyre Nichols. Tyre Nichols, 29, loved skateboarding. Ann Lee's mother \
             spoke. Goodyear Tyre said it would close. Ford Motor's family of cars grew. Jo Bell died. Police \
             found Bell. The family of Green Party candidate Sam Roe spoke. The Easter Sunday killing of a man. \
             The mother of Kim Day spoke. Old National Bank killing five.",
        );
        // As the tagger might read them: every name an organisation's.
        let names = [
            "Tyre Nichols",
            "Tyre Nichols",
            "Ann Lee",
            "Goodyear Tyre",
            "Ford Motor",
            "Jo Bell",
            "Bell",
            "Green Party",
            "Easter Sunday",
            "Kim Day",
            "Old National Bank",
        ];
        let mut mentions = mentions_in_order(&text, &names, Label::Org);
        let folded: Vec<Vec<String>> = names.iter().map(|n| n.split(' ').map(lower).collect()).collect();
        let tagger = Tagger::embedded().unwrap_or_else(|e| panic!("{e}"));
        people_and_organisations(&text, &tagger.tag(&text).pos, &folded, &mut mentions, tagger.lexicon());
        let labels: Vec<Label> = mentions.iter().map(|m| m.label).collect();
        let (p, o) = (Label::Person, Label::Org);
        // A company's "family of cars" is no kin, nor is a party's candidate's family, and the killing is not
        // the name's when the name comes before it as a verb or as a noun with its own "of".
        assert_eq!(labels, [p, p, p, o, o, p, p, o, o, p, o]);
    }

    #[test]
    fn affiliation_from_possessive() {
        let (text, found) = run("Iran's Foreign Minister Abbas Araghchi arrived in Baghdad on Wednesday.");
        let (_, minister) = entity_named(&text, &found, "Abbas Araghchi").unwrap_or_else(|| panic!("{found:?}"));
        assert_eq!(minister.role.map(|(a, b)| &text.normalized()[a..b]), Some("Foreign Minister"));
        let affiliation = minister.affiliation.map(|a| name(&text, &found, a));
        assert_eq!(affiliation.as_deref(), Some("Iran"));
    }

    #[test]
    fn facilities_and_divisions_that_the_tagger_calls_organisations() {
        let tagger = Tagger::embedded().unwrap_or_else(|e| panic!("{e}"));
        let label = |kind, words: &[&str]| fine_label(kind, words, None, None, tagger.lexicon());
        assert_eq!(label(EntityKind::ORG, &["Baghdad", "International", "Airport"]), Label::Fac);
        assert_eq!(label(EntityKind::ORG, &["Bagram", "Air", "Base"]), Label::Fac);
        assert_eq!(label(EntityKind::ORG, &["Laurel", "County"]), Label::Gpe);
        assert_eq!(label(EntityKind::PER, &["Henry", "County"]), Label::Gpe);
        assert_eq!(label(EntityKind::ORG, &["Laurel", "County", "Council"]), Label::Org);
        assert_eq!(label(EntityKind::ORG, &["Airport"]), Label::Org);
        assert_eq!(label(EntityKind::MISC, &["US"]), Label::Gpe);
        assert_eq!(label(EntityKind::MISC, &["Iranian"]), Label::Norp);
        // Companies and web services the gazetteer lists are organisations whatever the tagger calls them; a
        // company named after a place stays the place.
        assert_eq!(label(EntityKind::LOC, &["Facebook"]), Label::Org);
        assert_eq!(label(EntityKind::MISC, &["Substack"]), Label::Org);
        assert_eq!(label(EntityKind::LOC, &["Goldman", "Sachs"]), Label::Org);
        assert_eq!(label(EntityKind::LOC, &["Paris"]), Label::Gpe);
        assert_eq!(label(EntityKind::MISC, &["Boeing", "747"]), Label::Misc);
    }

    #[test]
    fn a_name_read_as_a_place_and_as_an_organisation_is_a_place() {
        let mention = |label| Mention {
            first_token: 0,
            end_token: 1,
            start: 0,
            end: 1,
            label,
            entity: 0,
            sentence: 0,
            segment: 0,
            score: 1.0,
        };
        let words = |w: &str| vec![w.to_string()];
        let folded = [words("gainesville"), words("gainesville"), words("chelsea"), words("chelsea"), words("chelsea")];
        let mut mentions = [Label::Gpe, Label::Org, Label::Gpe, Label::Org, Label::Org].map(mention).to_vec();
        let lexicon = Tagger::embedded().unwrap_or_else(|e| panic!("{e}")).lexicon();
        one_sense_per_discourse(&folded, &mut mentions, lexicon);
        let labels: Vec<Label> = mentions.iter().map(|m| m.label).collect();
        assert_eq!(labels, [Label::Gpe, Label::Gpe, Label::Gpe, Label::Org, Label::Org]);
    }

    #[test]
    fn places_the_text_calls_places() {
        let label_of = |s: &str, name: &str| {
            let (text, found) = run(s);
            found
                .mentions
                .iter()
                .filter(|m| &text.normalized()[m.start..m.end] == name)
                .map(|m| m.label)
                .collect::<Vec<_>>()
        };
        // Whatever the tagger reads, these are places, and so is every other mention of the name.
        let s = "Greenfield is a town in Franklin County. Greenfield was settled in 1686.";
        assert!(label_of(s, "Greenfield").iter().all(|&l| l == Label::Gpe), "{:?}", label_of(s, "Greenfield"));
        let s = "The city of Clinton approved the budget. Clinton will vote again in May.";
        assert!(label_of(s, "Clinton").iter().all(|&l| l == Label::Gpe), "{:?}", label_of(s, "Clinton"));
        // A name the document writes as a person's stays a person's.
        let s = "Bill Clinton spoke in Clinton on Monday. Clinton said he was glad.";
        assert_eq!(label_of(s, "Clinton").first(), Some(&Label::Person), "{:?}", label_of(s, "Clinton"));
        // Lower-case country names outside any name.
        let s = "praying for nigeria and the people of ukraine tonight";
        assert_eq!(label_of(s, "nigeria"), [Label::Gpe]);
        // (Not a check of "turkey" or "china" in lower case: the tagger itself tags "we had turkey and china
        // plates", before this rule runs.)
    }

    #[test]
    fn empty_and_odd_text() {
        for s in ["", "...", "12 34 56", "😀 👍🏽"] {
            let (_, found) = run(s);
            assert!(found.entities.iter().all(|e| !e.mentions.is_empty()));
        }
    }
}
