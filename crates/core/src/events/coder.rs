//! The event coder: over one tagged sentence, find the verb groups, code the noun phrases around them, match
//! the verb patterns, and assemble (source, target, code) events — subjects on the left, objects and
//! prepositional phrases on the right, passives turned around, governed verbs ("agreed to lift", "said he
//! would attack") combined with the verb that governs them, compound actors multiplied out, negation and
//! modality recorded. Only the events of the main clauses are reported, as in PETRARCH2: a sentence usually
//! yields zero or one event.

use rustc_hash::FxHashSet;

use super::actor::{self, Memory, SpanCodes};
use super::codes;
use super::intent;
use super::lexicon::{CodePair, FormRef, Lexicon, TokenWords};
use super::nominal;
use super::patterns::{self, Context};
use super::shallow::{self, Chunk, ChunkKind, Pos, VForm};
use crate::model::EventMode;
use crate::parse::Dep;
use slots::{np_holding, parse_head, parse_source, parse_target};

mod slots;

/// What earlier stages of the pipeline know of a sentence, which the coder's own reading defers to.
#[derive(Debug, Clone, Copy, Default)]
pub struct Known<'a> {
    /// A trained tagger's tags, one per word; they correct the guessed ones (`shallow::correct`).
    pub tags: Option<&'a [Pos]>,
    /// The people the sentence names, as word ranges: a place or agent word inside one is part of the name
    /// ("Tyre" of "Tyre Nichols", "King" of "John King"), not an actor.
    pub people: &'a [(usize, usize)],
    /// Places a gazetteer resolved, as word ranges with their country's ISO alpha-2 code: a place name is coded
    /// as that country ("Moscow, Idaho" is no RUS).
    pub places: &'a [(usize, usize, &'a str)],
    /// A dependency parse of the words: each word's head (a word index, `None` for the root) and relation. When
    /// the clause reading leaves a coded verb without a source or target, the parse fills the slot (`parse_slots`).
    pub parse: Option<&'a [(Option<usize>, Dep)]>,
}

/// How the coder reads its dictionaries and what it reports.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Options {
    /// Verb patterns may reach over the whole sentence (TABARI-style dictionaries) instead of the verb's
    /// clause (PETRARCH2's syntactic patterns).
    pub sentence_patterns: bool,
    /// Report an event only when it has both a source and a target.
    pub require_dyad: bool,
    /// The dictionaries use CAMEO codes, so governing and governed verbs may combine their codes.
    pub cameo_codes: bool,
    /// A code pair `X:Y` also reports the reverse event (target → source, code Y) whatever Y is (TABARI); when
    /// false, only for symmetric pairs such as `046:046` ("held talks with") — "visited" is not also "hosted".
    pub all_reverse_codes: bool,
    /// Actors an event takes on a side the sentence leaves empty (none by default).
    pub defaults: DefaultActors,
    /// What an agent named without any actor ("guerrillas", "a senior official") stands for.
    pub lone_agents: LoneAgents,
    /// Also code events stated as nouns ("Iranian missile attacks on Iraqi sites"; see `nominal`).
    pub nominal_events: bool,
    /// Report events between actors of unknown country named by their role alone ("the government and its
    /// opponents agree", `---GOV` → `---OPP`; "police have allowed …" with no target), which say who acted in
    /// what capacity if not where. Off: on the development set most such events were wrong.
    pub agent_events: bool,
    /// Report an event that has a source but no target ("Boris Johnson complained that …", "the White House
    /// requested billions") when its code is not a public statement (CAMEO root 01, which every "said" would
    /// be). Off: on the development set most such events were wrong.
    pub lone_source_events: bool,
}

/// What an agent named without any actor ("guerrillas", "security forces", "a senior official") stands for.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum LoneAgents {
    /// An actor of unknown country: `---REB` (PETRARCH). An event between two such actors is not reported.
    #[default]
    Unknown,
    /// No actor at all (TABARI's default): the phrase is passed over when looking for a source or target.
    Ignored,
    /// An actor of its own, `~REB` (TABARI's `SET: CONVERT AGENT = TRUE`), which may face another such actor.
    Converted,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            sentence_patterns: false,
            require_dyad: true,
            cameo_codes: true,
            all_reverse_codes: false,
            defaults: DefaultActors::default(),
            lone_agents: LoneAgents::Unknown,
            nominal_events: true,
            agent_events: false,
            lone_source_events: false,
        }
    }
}

/// Default actors (TABARI's `DEFAULT:` option): when every text of a collection comes from or is about one
/// actor (one government's news agency, one country's press), an event whose sentence names no source or no
/// target is given this one. Both are off by default: in general news a missing side is simply unknown.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DefaultActors {
    /// The source (CAMEO actor code) of an event that has none.
    pub source: Option<String>,
    /// The target (CAMEO actor code) of an event that has none.
    pub target: Option<String>,
}

/// One side of a coded event: the code and the tokens it was coded from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Side {
    /// CAMEO actor code.
    pub code: String,
    /// Token span of the phrase.
    pub span: (usize, usize),
}

/// An event coded from a sentence.
#[derive(Debug, Clone, PartialEq)]
pub struct SentenceEvent {
    /// Who acted.
    pub source: Side,
    /// Who was acted upon.
    pub target: Option<Side>,
    /// The event code.
    pub code: String,
    /// Asserted, anticipated or negated.
    pub mode: EventMode,
    /// Token span of the verb that triggered it.
    pub trigger: (usize, usize),
    /// Confidence in [0, 1].
    pub score: f32,
}

/// A noun group the dictionaries coded, whether or not it took part in an event: what the stage tells the
/// entities about their actors.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CodedPhrase {
    /// Token span of the group (its attached phrases not included).
    pub span: (usize, usize),
    /// Token span of the name the actor code came from ("Iran" in "Iran's Foreign Minister …"), if any.
    pub name: Option<(usize, usize)>,
    /// The actor codes of that name alone (`IRN`).
    pub name_codes: Vec<String>,
    /// The group's codes with its roles (`IRNGOV`).
    pub codes: Vec<String>,
}

/// What coding a sentence produced.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SentenceResult {
    /// The events.
    pub events: Vec<SentenceEvent>,
    /// The coded noun groups of the sentence.
    pub phrases: Vec<CodedPhrase>,
    /// A discard phrase matched: the sentence (or, when `story`, the whole story) is not coded.
    pub discarded: Option<Discard>,
}

/// Which discard matched.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Discard {
    /// Only this sentence.
    Sentence,
    /// The whole story.
    Story,
}

/// A code as it travels through combination: its text and, for CAMEO codes, PETRARCH's hierarchy value.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Code {
    text: String,
    passive: Option<String>,
    hier: Option<i32>,
}

impl Code {
    fn from_pair(pair: &CodePair, cameo: bool) -> Option<Code> {
        let text = pair.active.as_deref()?.to_string();
        let hier = if cameo { codes::to_hierarchy(&text) } else { None };
        Some(Code { text, passive: pair.passive.as_deref().map(str::to_string), hier })
    }

    fn from_hier(value: i32) -> Option<Code> {
        codes::from_hierarchy(value).map(|t| Code { text: t.to_string(), passive: None, hier: Some(value) })
    }
}

/// A noun phrase: coordinated conjuncts, each a noun group with prepositional phrases attached to it.
#[derive(Debug, Clone, Default)]
struct Np {
    start: usize,
    end: usize,
    conjuncts: Vec<Conjunct>,
    codes: Vec<String>,
}

#[derive(Debug, Clone, Default)]
struct Conjunct {
    start: usize,
    end: usize,
    pps: Vec<(usize, Np)>,
    own: SpanCodes,
    codes: Vec<String>,
}

/// A phrase of the sentence at the level the clause analysis works on.
#[derive(Debug, Clone)]
enum Ph {
    Np(Np),
    Vg(usize),
    Pp(usize, Np),
    To,
    Sub(usize),
    Comma,
    Conj,
    Punct,
    Other,
}

/// A predicate: a verb group with what the analysis found around it.
#[derive(Debug, Clone, Default)]
struct Pred {
    /// Index of the verb group in `phs`.
    ph: usize,
    /// Token span of the verb group and of the verb itself (multi-word verbs included).
    group: (usize, usize),
    verb: (usize, usize),
    form: Option<FormRef>,
    negated: bool,
    future: bool,
    passive: bool,
    infinitive: bool,
    /// A raising frame ("is about to", "are expected to"): no event of its own.
    raising: bool,
    subject: Option<usize>,
    /// Shares the subject of this predicate (coordinated verb phrases, controlled infinitives).
    subject_from: Option<usize>,
    objects: Vec<usize>,
    pps: Vec<usize>,
    complement: Option<usize>,
    /// The complement is a clause with its own subject (say / believe that …).
    clausal: bool,
    /// Object controlling the infinitive ("urged Bree to …").
    controller: Option<usize>,
    /// An infinitive after the objects that is not a complement ("efforts to stop X"): its object may be
    /// this verb's target when nothing closer is.
    adjunct: Option<usize>,
    /// Has a governing predicate (so its events are reported through it).
    governed: bool,
    end: usize,
}

/// Verbs and adjectives that, after "be", make the following infinitive a future event.
const RAISING: &[&str] = &[
    "ABOUT",
    "EXPECTED",
    "SCHEDULED",
    "SET",
    "DUE",
    "LIKELY",
    "POISED",
    "GOING",
    "SLATED",
    "PLANNING",
    "PREPARING",
    "READY",
    "PREPARED",
    "SUPPOSED",
    "UNLIKELY",
    "TO",
];

/// Verbs that take a clause without "that" ("said Iran would …", "believes Dagolath can …").
const CLAUSE_VERBS: &[&str] = &[
    "SAY",
    "SAYS",
    "SAID",
    "BELIEVE",
    "BELIEVES",
    "BELIEVED",
    "THINK",
    "THINKS",
    "THOUGHT",
    "CLAIM",
    "CLAIMS",
    "CLAIMED",
    "WARN",
    "WARNS",
    "WARNED",
    "ANNOUNCE",
    "ANNOUNCES",
    "ANNOUNCED",
    "REPORT",
    "REPORTS",
    "REPORTED",
    "INSIST",
    "INSISTS",
    "INSISTED",
    "ARGUE",
    "ARGUES",
    "ARGUED",
    "FEAR",
    "FEARS",
    "FEARED",
    "HOPE",
    "HOPES",
    "HOPED",
    "EXPECT",
    "EXPECTS",
    "EXPECTED",
    "DENY",
    "DENIES",
    "DENIED",
    "ALLEGE",
    "ALLEGES",
    "ALLEGED",
    "SUGGEST",
    "SUGGESTS",
    "SUGGESTED",
    "ADD",
    "ADDS",
    "ADDED",
    "NOTE",
    "NOTES",
    "NOTED",
    "STATE",
    "STATES",
    "STATED",
    "DECLARE",
    "DECLARES",
    "DECLARED",
    "CONFIRM",
    "CONFIRMS",
    "CONFIRMED",
    "ACCEPT",
    "ACCEPTS",
    "ACCEPTED",
    "ACKNOWLEDGE",
    "ACKNOWLEDGES",
    "ACKNOWLEDGED",
    "ASSERT",
    "ASSERTS",
    "ASSERTED",
    "KNOW",
    "KNOWS",
    "KNEW",
    "PREDICT",
    "PREDICTS",
    "PREDICTED",
    "INDICATE",
    "INDICATES",
    "INDICATED",
    "REVEAL",
    "REVEALS",
    "REVEALED",
    "ESTIMATE",
    "ESTIMATED",
    "FEEL",
    "FEELS",
    "FELT",
    "SUSPECT",
    "SUSPECTS",
    "SUSPECTED",
    "STRESS",
    "STRESSED",
    "ADMIT",
    "ADMITS",
    "ADMITTED",
    "TELL",
    "TELLS",
    "TOLD",
    "AGREE",
    "AGREES",
    "AGREED",
    "ALLOW",
    "ALLOWED",
    "ALLOWS",
    "PROMISE",
    "PROMISED",
    "VOW",
    "VOWED",
    "THREATEN",
    "THREATENED",
    "RECKON",
    "CONCLUDE",
    "CONCLUDED",
    "SHOW",
    "SHOWS",
    "SHOWED",
    "SEE",
    "SEES",
    "SAW",
    "ACCUSE",
    "ACCUSED",
    "CHARGE",
    "CHARGED",
];

/// Verbs whose object is the subject of the infinitive after it ("urged Bree to help", "called on Gondor to").
const OBJECT_CONTROL: &[&str] = &[
    "URGE",
    "URGES",
    "URGED",
    "URGING",
    "ASK",
    "ASKS",
    "ASKED",
    "ASKING",
    "CALL",
    "CALLS",
    "CALLED",
    "CALLING",
    "TELL",
    "TELLS",
    "TOLD",
    "ORDER",
    "ORDERS",
    "ORDERED",
    "PRESS",
    "PRESSES",
    "PRESSED",
    "PRESSING",
    "ENCOURAGE",
    "ENCOURAGES",
    "ENCOURAGED",
    "INVITE",
    "INVITES",
    "INVITED",
    "WANT",
    "WANTS",
    "WANTED",
    "FORCE",
    "FORCES",
    "FORCED",
    "PERSUADE",
    "PERSUADED",
    "ALLOW",
    "ALLOWS",
    "ALLOWED",
    "HELP",
    "HELPS",
    "HELPED",
    "ADVISE",
    "ADVISED",
    "WARN",
    "WARNS",
    "WARNED",
    "REQUEST",
    "REQUESTED",
    "APPEAL",
    "APPEALED",
    "PRESSURE",
    "PRESSURED",
    "PERMIT",
    "PERMITTED",
    "AUTHORIZE",
    "AUTHORIZED",
    "INSTRUCT",
    "INSTRUCTED",
    "COMPEL",
    "COMPELLED",
    "EXPECT",
    "EXPECTS",
    "EXPECTED",
    "NEED",
    "NEEDS",
    "REQUIRE",
    "REQUIRES",
    "CHALLENGE",
    "CHALLENGED",
    "DARE",
    "DARED",
    "BEG",
    "BEGGED",
    "IMPLORE",
    "IMPLORED",
    "EXHORT",
    "EXHORTED",
];

/// Verbs whose infinitive complement is a plan, not a fact.
const FUTURE_VERBS: &[&str] = &[
    "PLAN",
    "PLANS",
    "PLANNED",
    "PLANNING",
    "INTEND",
    "INTENDS",
    "INTENDED",
    "EXPECT",
    "EXPECTS",
    "EXPECTED",
    "HOPE",
    "HOPES",
    "HOPED",
    "AIM",
    "AIMS",
    "AIMED",
    "WANT",
    "WANTS",
    "WANTED",
    "SEEK",
    "SEEKS",
    "SOUGHT",
    "PREPARE",
    "PREPARES",
    "PREPARED",
    "SCHEDULE",
    "SCHEDULED",
    "PROMISE",
    "PROMISED",
    "PROMISES",
    "PLEDGE",
    "PLEDGED",
    "VOW",
    "VOWED",
    "THREATEN",
    "THREATENED",
    "TRY",
    "TRIED",
    "TRIES",
    "ATTEMPT",
    "ATTEMPTED",
    "WISH",
    "AGREE",
    "AGREED",
    "DECIDE",
    "DECIDED",
    "OFFER",
    "OFFERED",
];

/// Verbs of promising without a code of their own in the dictionaries: what they govern is a statement of intent.
const PROMISE_VERBS: &[&str] =
    &["VOW", "VOWS", "VOWED", "VOWING", "PROMISE", "PROMISES", "PROMISED", "PROMISING", "SWEAR", "SWORE", "SWORN"];

const FUTURE_MODALS: &[&str] =
    &["WILL", "WOULD", "SHALL", "'LL", "WO", "CAN", "COULD", "MAY", "MIGHT", "SHOULD", "MUST", "CA"];

const BE: &[&str] = &["IS", "ARE", "WAS", "WERE", "BE", "BEEN", "BEING", "AM", "'S", "'RE"];

/// Codes sentences with one set of compiled dictionaries.
#[derive(Debug)]
pub struct Coder<'a> {
    lex: &'a Lexicon,
    options: Options,
}

/// Everything the coder works with inside one sentence.
struct Sentence<'s> {
    upper: Vec<String>,
    toks: TokenWords,
    matches: actor::Matches,
    tags: Vec<Pos>,
    chunks: Vec<Chunk>,
    phs: Vec<Ph>,
    /// The noun phrase parsed at each noun chunk, and the chunk after it: a list parsed ahead to see whether
    /// "and" joins it is not parsed again (each level of "X of Y, X of Y, …" parsed the rest twice over, which
    /// doubled the work with every step of the chain).
    nps: Vec<Option<(Np, usize)>>,
    date: Option<u32>,
    memory: &'s mut Memory,
    /// The parse (empty when there is none), and each word's dependents in order.
    arcs: Vec<(Option<usize>, Dep)>,
    children: Vec<Vec<usize>>,
}

/// An event on its way out: actor sets rather than single actors.
#[derive(Debug, Clone)]
struct Raw {
    src: Vec<String>,
    src_span: (usize, usize),
    tgt: Vec<String>,
    tgt_span: (usize, usize),
    code: Option<Code>,
    mode: EventMode,
    trigger: (usize, usize),
}

impl<'a> Coder<'a> {
    /// A coder over `lex`.
    pub fn new(lex: &'a Lexicon, options: Options) -> Self {
        Coder { lex, options }
    }

    /// Codes one sentence given its tokens and what earlier stages know of it; `date` is the story's date
    /// (YYYYMMDD) for date-bounded actor codes; `memory` carries names and subjects between sentences.
    pub fn code(&self, words: &[&str], known: Known<'_>, date: Option<u32>, memory: &mut Memory) -> SentenceResult {
        let upper: Vec<String> = words.iter().map(|w| super::dict::upper(w)).collect();
        let toks = self.lex.token_words(&upper);
        if let Some(d) = self.discard(&upper) {
            return SentenceResult { events: Vec::new(), phrases: Vec::new(), discarded: Some(d) };
        }
        let verbs: Vec<bool> = (0..words.len()).map(|i| self.verb_at(&toks, i).is_some()).collect();
        let is_verb = |i: usize| verbs.get(i).copied().unwrap_or(false);
        let mut tags = shallow::guess_tags(words, self.lex, &is_verb);
        if let Some(trained) = known.tags.filter(|t| t.len() == words.len()) {
            shallow::correct(&mut tags, trained);
        }
        let mut matches = actor::Matches::new(self.lex, &toks);
        matches.forget_inside(self.lex, known.people);
        matches.relocate(self.lex, known.places);
        self.protect_names(&matches, words, &mut tags);
        let chunks = shallow::chunks(&tags);
        let arcs: Vec<(Option<usize>, Dep)> = known
            .parse
            .filter(|p| p.len() == words.len() && !self.options.sentence_patterns)
            .map(<[_]>::to_vec)
            .unwrap_or_default();
        let mut children = vec![Vec::new(); arcs.len()];
        for (d, &(h, _)) in arcs.iter().enumerate() {
            if let Some(c) = h.and_then(|h| children.get_mut(h)) {
                c.push(d);
            }
        }
        let mut s = Sentence {
            upper,
            toks,
            matches,
            tags,
            chunks,
            phs: Vec::new(),
            nps: Vec::new(),
            date,
            memory,
            arcs,
            children,
        };
        self.build_phrases(&mut s);
        let preds = self.predicates(&s);
        let raws = self.events(&mut s, &preds);
        let mut events = self.finish(&s, raws);
        if self.options.nominal_events {
            let groups = self.groups(&s, &preds);
            let nominal = nominal::events(&s.upper, &s.tags, &groups, &events);
            events.extend(nominal);
        }
        let mut phrases = Vec::new();
        for ph in &s.phs {
            if let Ph::Np(np) | Ph::Pp(_, np) = ph {
                coded_phrases(np, &mut phrases, 0);
            }
        }
        SentenceResult { events, phrases, discarded: None }
    }

    /// A readable account of how a sentence was analysed (tags, chunks, predicates, events), for debugging
    /// dictionaries and the coder.
    pub fn explain(&self, words: &[&str], date: Option<u32>) -> String {
        use std::fmt::Write as _;
        let mut memory = Memory::default();
        let upper: Vec<String> = words.iter().map(|w| super::dict::upper(w)).collect();
        let toks = self.lex.token_words(&upper);
        let is_verb = |i: usize| self.verb_at(&toks, i).is_some();
        let mut tags = shallow::guess_tags(words, self.lex, &is_verb);
        let matches = actor::Matches::new(self.lex, &toks);
        self.protect_names(&matches, words, &mut tags);
        let chunks = shallow::chunks(&tags);
        let mut out = String::new();
        for c in &chunks {
            let _ = write!(out, "[{:?}", c.kind);
            for k in c.start..c.end {
                let _ = write!(out, " {}/{:?}", words[k], tags[k]);
            }
            out.push_str("] ");
        }
        out.push('\n');
        let mut s = Sentence {
            upper,
            toks,
            matches,
            tags,
            chunks,
            phs: Vec::new(),
            nps: Vec::new(),
            date,
            memory: &mut memory,
            arcs: Vec::new(),
            children: Vec::new(),
        };
        self.build_phrases(&mut s);
        for (j, ph) in s.phs.iter().enumerate() {
            let _ = match ph {
                Ph::Np(np) => writeln!(out, "  {j}: NP {}..{} {:?}", np.start, np.end, np.codes),
                Ph::Pp(t, np) => writeln!(out, "  {j}: PP {} {}..{} {:?}", words[*t], np.start, np.end, np.codes),
                other => writeln!(out, "  {j}: {other:?}"),
            };
        }
        let preds = self.predicates(&s);
        for p in &preds {
            let _ = writeln!(
                out,
                "  pred {} verb {:?} block {:?} subj {:?} from {:?} obj {:?} pps {:?} comp {:?} clausal {} ctrl {:?} gov {} raise {} pass {} fut {} neg {}",
                words[p.verb.0],
                p.verb,
                p.form.as_ref().and_then(|f| self.lex.blocks.get(f.block as usize)).map(|b| &b.name),
                p.subject,
                p.subject_from,
                p.objects,
                p.pps,
                p.complement,
                p.clausal,
                p.controller,
                p.governed,
                p.raising,
                p.passive,
                p.future,
                p.negated
            );
        }
        let raws = self.events(&mut s, &preds);
        for r in &raws {
            let _ =
                writeln!(out, "  raw {:?} -> {:?} {:?} {:?}", r.src, r.tgt, r.code.as_ref().map(|c| &c.text), r.mode);
        }
        out
    }

    fn discard(&self, upper: &[String]) -> Option<Discard> {
        let joined = upper.join(" ");
        self.lex.discard(&joined).map(|story| if story { Discard::Story } else { Discard::Sentence })
    }

    /// The verb form at token `i`: multi-word forms checked first.
    fn verb_at(&self, toks: &TokenWords, i: usize) -> Option<(&'a FormRef, (usize, usize))> {
        let lex: &'a Lexicon = self.lex;
        for &id in toks.ids(i, false) {
            let Some(forms) = lex.verbs.get(&id) else { continue };
            for f in forms {
                let nb = f.before.len();
                let na = f.after.len();
                if nb > i || i + 1 + na > toks.len() {
                    continue;
                }
                let before_ok = f.before.iter().enumerate().all(|(k, w)| toks.ids(i - nb + k, false).contains(w));
                let after_ok = f.after.iter().enumerate().all(|(k, w)| toks.ids(i + 1 + k, false).contains(w));
                if before_ok && after_ok {
                    return Some((f, (i - nb, i + 1 + na)));
                }
            }
        }
        None
    }

    /// Names of several words found in the actor and agent dictionaries are kept in one noun group: their
    /// inner words ("of" in "Prince of Dol Amroth") are tagged as names.
    fn protect_names(&self, matches: &actor::Matches, words: &[&str], tags: &mut [Pos]) {
        let n = words.len().min(tags.len());
        let mut i = 0;
        while i < n {
            let m = matches.actors.get(i).copied().flatten().or_else(|| matches.agents.get(i).copied().flatten());
            match m {
                Some((_, end)) if end > i + 1 => {
                    for k in i..end {
                        if !matches!(tags[k], Pos::Poss) && words[k] != "," {
                            tags[k] = if matches!(tags[k], Pos::Noun | Pos::Adj) { tags[k] } else { Pos::Proper };
                        }
                    }
                    i = end;
                }
                Some((_, end)) => {
                    // A one-word name used as a verb by the guesser ("Ent") stays a name.
                    if matches!(tags[i], Pos::Verb(_)) && words[i].chars().next().is_some_and(char::is_uppercase) {
                        tags[i] = Pos::Proper;
                    }
                    i = end;
                }
                None => i += 1,
            }
        }
    }

    // ----- noun phrases and phrase sequence -------------------------------------------------------------

    fn build_phrases(&self, s: &mut Sentence<'_>) {
        s.phs.clear();
        s.nps = vec![None; s.chunks.len()];
        let mut ci = 0;
        while ci < s.chunks.len() {
            let c = s.chunks[ci];
            match c.kind {
                ChunkKind::Noun => {
                    let (np, next) = self.parse_np(s, ci);
                    s.phs.push(Ph::Np(np));
                    ci = next;
                }
                ChunkKind::Prep => {
                    if ci + 1 < s.chunks.len() && s.chunks[ci + 1].kind == ChunkKind::Noun {
                        let (np, next) = self.parse_np(s, ci + 1);
                        s.phs.push(Ph::Pp(c.start, np));
                        ci = next;
                    } else {
                        s.phs.push(Ph::Other);
                        ci += 1;
                    }
                }
                ChunkKind::Verb => {
                    s.phs.push(Ph::Vg(ci));
                    ci += 1;
                }
                ChunkKind::To => {
                    s.phs.push(Ph::To);
                    ci += 1;
                }
                ChunkKind::Sub => {
                    s.phs.push(Ph::Sub(c.start));
                    ci += 1;
                }
                ChunkKind::Comma => {
                    s.phs.push(Ph::Comma);
                    ci += 1;
                }
                ChunkKind::Conj => {
                    s.phs.push(Ph::Conj);
                    ci += 1;
                }
                ChunkKind::Punct => {
                    let w = s.upper[c.start].as_str();
                    s.phs.push(if matches!(w, "\"" | "'" | "``" | "''" | "(" | ")" | "-" | "--" | "\u{2014}") {
                        Ph::Other
                    } else {
                        Ph::Punct
                    });
                    ci += 1;
                }
                ChunkKind::Other => {
                    s.phs.push(Ph::Other);
                    ci += 1;
                }
            }
        }
    }

    /// A noun phrase starting at noun chunk `ci`: conjuncts joined by "and / or / nor" (with commas in a
    /// list), each with its "of" phrase, or its "from / in / at" phrase when the head names no actor.
    fn parse_np(&self, s: &mut Sentence<'_>, ci: usize) -> (Np, usize) {
        if let Some(Some(parsed)) = s.nps.get(ci) {
            return parsed.clone();
        }
        let parsed = self.parse_np_afresh(s, ci);
        if let Some(slot) = s.nps.get_mut(ci) {
            *slot = Some(parsed.clone());
        }
        parsed
    }

    fn parse_np_afresh(&self, s: &mut Sentence<'_>, ci: usize) -> (Np, usize) {
        let (first, mut next) = self.parse_conjunct(s, ci);
        let mut conjuncts = vec![first];
        loop {
            // Look for ", NG" … ", and NG" or "and NG".
            let mut k = next;
            let mut pending = Vec::new();
            let mut joined = false;
            let mut probe = k;
            loop {
                match s.chunks.get(probe).map(|c| c.kind) {
                    Some(ChunkKind::Comma) if s.chunks.get(probe + 1).map(|c| c.kind) == Some(ChunkKind::Noun) => {
                        let (c, n) = self.parse_conjunct(s, probe + 1);
                        pending.push(c);
                        probe = n;
                    }
                    Some(ChunkKind::Comma)
                        if s.chunks.get(probe + 1).map(|c| c.kind) == Some(ChunkKind::Conj)
                            && s.chunks.get(probe + 2).map(|c| c.kind) == Some(ChunkKind::Noun) =>
                    {
                        probe += 1;
                    }
                    Some(ChunkKind::Conj)
                        if s.chunks.get(probe + 1).map(|c| c.kind) == Some(ChunkKind::Noun)
                            && matches!(s.upper[s.chunks[probe].start].as_str(), "AND" | "OR" | "NOR" | "&")
                            && pending.is_empty()
                            && conjuncts.last().is_some_and(|c| c.pps.is_empty() && s.tags[c.end - 1] == Pos::Adj) =>
                    {
                        // "awful and evil minister": coordinated adjectives inside one noun group.
                        let next_chunk = s.chunks[probe + 1];
                        if let Some(last) = conjuncts.last_mut() {
                            last.end = next_chunk.end;
                            last.own = self.scan_group(s, last.start, last.end);
                        }
                        probe += 2;
                        next = probe;
                        continue;
                    }
                    Some(ChunkKind::Conj)
                        if s.chunks.get(probe + 1).map(|c| c.kind) == Some(ChunkKind::Noun)
                            && matches!(s.upper[s.chunks[probe].start].as_str(), "AND" | "OR" | "NOR" | "&") =>
                    {
                        let (c, n) = self.parse_conjunct(s, probe + 1);
                        pending.push(c);
                        probe = n;
                        joined = true;
                        break;
                    }
                    _ => break,
                }
            }
            if joined {
                conjuncts.extend(pending);
                k = probe;
                next = k;
                continue;
            }
            break;
        }
        let start = conjuncts.first().map_or(0, |c| c.start);
        let end = conjuncts.last().map_or(0, |c| c.pps.last().map_or(c.end, |(_, np)| np.end));
        let mut np = Np { start, end, conjuncts, codes: Vec::new() };
        self.code_np(s, &mut np);
        (np, next)
    }

    fn parse_conjunct(&self, s: &mut Sentence<'_>, ci: usize) -> (Conjunct, usize) {
        let c = s.chunks[ci];
        let own = self.scan_group(s, c.start, c.end);
        let mut conj = Conjunct { start: c.start, end: c.end, pps: Vec::new(), own, codes: Vec::new() };
        let mut next = ci + 1;
        while next + 1 < s.chunks.len()
            && s.chunks[next].kind == ChunkKind::Prep
            && s.chunks[next + 1].kind == ChunkKind::Noun
        {
            let prep = s.upper[s.chunks[next].start].as_str();
            let attach = match prep {
                "OF" => true,
                "FROM" | "IN" | "AT" | "INSIDE" | "AGAINST" => conj.own.actors.is_empty() && conj.pps.is_empty(),
                _ => false,
            };
            if !attach {
                break;
            }
            let prep_tok = s.chunks[next].start;
            let (np, after) = self.parse_np(s, next + 1);
            conj.pps.push((prep_tok, np));
            next = after;
        }
        (conj, next)
    }

    /// Actors and agents of a noun group, with the possessor rule: in "X's [role] Name" the possessor gives
    /// the actor and the role the agent; later names do not override it.
    fn scan_group(&self, s: &Sentence<'_>, start: usize, end: usize) -> SpanCodes {
        let mut codes = self.scan_roles(s, start, end);
        // "Former security officials", "former Gondor prosecutors": whatever their role was, they are elites
        // now (TABARI's and PETRARCH's `~ELI` for "former" before an agent).
        if !codes.agents.is_empty() && s.upper[start..end].iter().any(|w| w == "FORMER") {
            codes.agents = vec![("ELI".to_string(), false)];
        }
        codes
    }

    fn scan_roles(&self, s: &Sentence<'_>, start: usize, end: usize) -> SpanCodes {
        let poss = (start..end).find(|&k| s.tags[k] == Pos::Poss);
        if let Some(p) = poss {
            let owner = actor::scan_cached(self.lex, &s.toks, start, p, s.date, Some(&s.matches));
            let head = actor::scan_cached(self.lex, &s.toks, p + 1, end, s.date, Some(&s.matches));
            if !owner.actors.is_empty() && (!head.agents.is_empty() || head.actors.is_empty()) {
                return SpanCodes { agents: head.agents, role: head.role, named: true, ..owner };
            }
            if !head.actors.is_empty() || !head.agents.is_empty() {
                let mut h = head;
                if h.actors.is_empty() {
                    h.actors = owner.actors;
                    h.actor_span = owner.actor_span;
                }
                return h;
            }
            return owner;
        }
        actor::scan_cached(self.lex, &s.toks, start, end, s.date, Some(&s.matches))
    }

    fn code_np(&self, s: &mut Sentence<'_>, np: &mut Np) {
        let n = np.conjuncts.len();
        for k in 0..n {
            let (start, end) = (np.conjuncts[k].start, np.conjuncts[k].end);
            let mut own = np.conjuncts[k].own.clone();
            if own.actors.is_empty() {
                // From the attached phrases: "the government of Gondor", "soldiers from Gondor".
                let from_pp = np.conjuncts[k].pps.iter().find(|(_, p)| !p.codes.is_empty()).map(|(_, p)| p);
                match from_pp {
                    // One named actor with its roles: the head's roles come before the phrase's, as PETRARCH
                    // orders them ("exiled leaders of Egypt's Muslim Brotherhood" → EGY + OPP + MUS).
                    Some(p) if p.conjuncts.len() == 1 && p.conjuncts[0].own.actors.len() == 1 => {
                        let inner = &p.conjuncts[0].own;
                        own.actors = inner.actors.clone();
                        for a in &inner.agents {
                            if !own.agents.contains(a) {
                                own.agents.push(a.clone());
                            }
                        }
                    }
                    Some(p) => own.actors = p.codes.clone(),
                    None => {}
                }
            }
            if own.actors.is_empty() {
                own.actors = self.remembered(s, start, end, &own);
            }
            let codes = actor::mix(&own.actors, &own.agents);
            // Remember a name that came with its title or affiliation ("Iran's President Masoud Pezeshkian").
            if !own.actors.is_empty()
                && let Some(last) = (start..end).rev().find(|&i| s.tags[i] == Pos::Proper)
                && own.actor_span.is_none_or(|(_, e)| last >= e)
                && (own.role.is_some() || own.actor_span.is_some())
            {
                s.memory.remember_name(&s.upper[last], &codes);
            }
            np.conjuncts[k].codes = codes;
        }
        // A bare name before a conjunct with a role shares the role: "US and British activists".
        if n > 1 {
            let last_agents = np.conjuncts[n - 1].own.agents.clone();
            for k in 0..n - 1 {
                let c = &np.conjuncts[k];
                if c.own.agents.is_empty()
                    && !c.own.actors.is_empty()
                    && c.end - c.start == 1
                    && !last_agents.is_empty()
                {
                    np.conjuncts[k].codes = actor::mix(&c.own.actors, &last_agents);
                }
            }
            // A role without an actor before a conjunct list with a shared phrase: "lawmakers and officials in
            // Fornost and Gondor".
            let shared: Vec<String> = np.conjuncts[n - 1]
                .pps
                .iter()
                .find(|(_, p)| !p.codes.is_empty())
                .map(|(_, p)| p.codes.clone())
                .unwrap_or_default();
            if !shared.is_empty() {
                for k in 0..n - 1 {
                    let c = &np.conjuncts[k];
                    if c.own.actors.is_empty() && !c.own.agents.is_empty() && c.pps.is_empty() {
                        np.conjuncts[k].codes = actor::mix(&shared, &c.own.agents);
                    }
                }
            }
        }
        if self.options.lone_agents == LoneAgents::Ignored {
            for c in &mut np.conjuncts {
                c.codes.retain(|code| !code.starts_with("---"));
            }
        }
        let mut all = Vec::new();
        for c in &np.conjuncts {
            for code in &c.codes {
                if !all.contains(code) {
                    all.push(code.clone());
                }
            }
        }
        np.codes = all;
    }

    /// Actors for a group the dictionaries do not name: a pronoun is the last subject; a name seen before
    /// with its title keeps its code; "the two leaders" are the two last actors.
    fn remembered(&self, s: &Sentence<'_>, start: usize, end: usize, own: &SpanCodes) -> Vec<String> {
        let words = &s.upper[start..end];
        if end == start + 1 && s.tags[start] == Pos::Pron {
            return match words[0].as_str() {
                "HE" | "SHE" | "IT" | "THEY" | "HIM" | "THEM" | "HER" => self
                    .antecedent(s)
                    .unwrap_or_else(|| s.memory.last_subject().map(<[String]>::to_vec).unwrap_or_default()),
                _ => Vec::new(),
            };
        }
        if words.iter().any(|w| matches!(w.as_str(), "TWO" | "BOTH")) && end - start <= 4 {
            let two = s.memory.last_two();
            if !two.is_empty() {
                let countries: Vec<String> = two.iter().map(|c| c.get(..3).unwrap_or(c).to_string()).collect();
                return countries;
            }
        }
        if let Some(last) = (start..end).rev().find(|&i| s.tags[i] == Pos::Proper)
            && let Some(codes) = s.memory.name(&s.upper[last])
        {
            // The remembered code already has its role; strip agent codes the group adds again.
            let _ = own;
            return codes.to_vec();
        }
        Vec::new()
    }

    /// The antecedent of a pronoun inside the sentence: the nearest earlier subject (a coded noun phrase
    /// right before a verb group), else the first coded noun phrase.
    fn antecedent(&self, s: &Sentence<'_>) -> Option<Vec<String>> {
        let coded = |ph: &Ph| match ph {
            Ph::Np(np) if !np.codes.is_empty() && !np.codes.iter().all(|c| c.starts_with("---")) => {
                Some(np.codes.clone())
            }
            _ => None,
        };
        for j in (0..s.phs.len()).rev() {
            if let Some(codes) = coded(&s.phs[j])
                && matches!(s.phs.get(j + 1), Some(Ph::Vg(_)))
            {
                return Some(codes);
            }
        }
        s.phs.iter().find_map(coded)
    }

    // ----- predicates -----------------------------------------------------------------------------------

    fn predicates(&self, s: &Sentence<'_>) -> Vec<Pred> {
        let mut preds: Vec<Pred> = Vec::new();
        let mut by_ph = vec![usize::MAX; s.phs.len()];
        for (j, ph) in s.phs.iter().enumerate() {
            let Ph::Vg(ci) = *ph else { continue };
            let c = s.chunks[ci];
            let mut p = Pred { ph: j, group: (c.start, c.end), end: c.end, ..Pred::default() };
            // The main verb: the last verb of the group (or the last auxiliary of a copula).
            let main = (c.start..c.end)
                .rev()
                .find(|&k| matches!(s.tags[k], Pos::Verb(_)))
                .or_else(|| (c.start..c.end).rev().find(|&k| matches!(s.tags[k], Pos::Aux)))
                // A modal the dictionaries list as a verb ("should" in TABARI's).
                .or_else(|| (c.start..c.end).rev().find(|&k| self.verb_at(&s.toks, k).is_some()));
            let Some(main) = main else { continue };
            // Multi-word verbs may begin before the main word ("wire tap") or reach past the group.
            let found = (c.start..c.end.max(main + 1))
                .rev()
                .find_map(|k| self.verb_at(&s.toks, k).filter(|(_, (vs, ve))| *vs <= main && *ve > main || k == main))
                // A group whose main verb is unknown may hold a dictionary verb elsewhere ("should" in TABARI).
                .or_else(|| {
                    (c.start..c.end).rev().find_map(|k| self.verb_at(&s.toks, k).filter(|(_, (vs, _))| *vs >= c.start))
                });
            match found {
                Some((form, span)) => {
                    p.form = Some(form.clone());
                    p.verb = span;
                }
                None => p.verb = (main, main + 1),
            }
            p.end = p.end.max(p.verb.1);
            let words = &s.upper[c.start..c.end];
            p.negated = (c.start..c.end).any(|k| s.tags[k] == Pos::Neg);
            p.future = words.iter().any(|w| FUTURE_MODALS.contains(&w.as_str()));
            let has_be = (c.start..main).any(|k| BE.contains(&s.upper[k].as_str()));
            let form = match s.tags[main] {
                Pos::Verb(f) => Some(f),
                _ => None,
            };
            p.passive = has_be && matches!(form, Some(VForm::Participle | VForm::Past));
            if !has_be
                && matches!(form, Some(VForm::Participle | VForm::Past))
                && s.upper.get(p.verb.1).is_some_and(|w| w == "BY")
                && j > 0
                && !matches!(s.phs[j - 1], Ph::Np(_))
            {
                // "Rebuked by Eriador, …": a reduced passive.
                p.passive = true;
            }
            let bare = (c.start..main).all(|k| !matches!(s.tags[k], Pos::Aux | Pos::Modal));
            let verb_follows = s.phs[j + 1..]
                .iter()
                .take_while(|ph| !matches!(ph, Ph::Comma | Ph::Sub(_) | Ph::Conj))
                .any(|ph| matches!(ph, Ph::Vg(_)));
            if bare
                && form == Some(VForm::Participle)
                && j > 0
                && matches!(s.phs[j - 1], Ph::Np(_))
                && matches!(s.phs.get(j + 1), None | Some(Ph::Pp(..) | Ph::Comma | Ph::Punct))
                && !verb_follows
            {
                // "Five people killed in shootings …": a bare participle after its noun group, with no object and
                // no verb of its own clause after it, is a reduced passive (the tagger tells "killed" the
                // participle from "killed" the past tense).
                p.passive = true;
            }
            p.infinitive = j > 0 && matches!(s.phs[j - 1], Ph::To);
            preds.push(p);
            by_ph[j] = preds.len() - 1;
        }
        // Raising frames: "is about to restore", "are expected to sign", "will be hosting".
        for k in 0..preds.len() {
            let j = preds[k].ph;
            let (gs, ge) = preds[k].group;
            let words: Vec<&str> = s.upper[gs..ge].iter().map(String::as_str).collect();
            let last = *words.last().unwrap_or(&"");
            let copula =
                words.iter().all(|w| BE.contains(w) || FUTURE_MODALS.contains(w) || *w == "NOT" || *w == "N'T")
                    || (words.iter().any(|w| BE.contains(w)) && RAISING.contains(&last));
            // The infinitive may follow directly or after "about" / "likely" / "set".
            let mut q = j + 1;
            while q < s.phs.len() && matches!(s.phs[q], Ph::Other) {
                q += 1;
            }
            let to_follows = q + 1 < s.phs.len() && matches!(s.phs[q], Ph::To) && matches!(s.phs[q + 1], Ph::Vg(_));
            if copula && to_follows {
                preds[k].raising = true;
                if let Some(&inner) = by_ph.get(q + 1).filter(|&&x| x != usize::MAX) {
                    preds[k].complement = Some(inner);
                    preds[inner].future = true;
                    preds[inner].negated |= preds[k].negated;
                    preds[inner].subject_from = Some(k);
                    preds[inner].governed = true;
                }
            }
        }
        // Subjects, objects, complements.
        let mut modifiers = Vec::new();
        for k in 0..preds.len() {
            if preds[k].subject_from.is_none() && !preds[k].infinitive {
                match self.find_subject(s, preds[k].ph, &by_ph) {
                    Subject::Np(j) => {
                        preds[k].subject = Some(j);
                        // "helping militants join …", "let them go": the object of a gerund or bare verb is the
                        // subject of a complement, not of a new clause.
                        if j + 1 == preds[k].ph
                            && j > 0
                            && let Ph::Vg(ci) = s.phs[j - 1]
                        {
                            let c = s.chunks[ci];
                            if (c.start..c.end)
                                .all(|t| matches!(s.tags[t], Pos::Verb(VForm::Gerund | VForm::Base) | Pos::Adv))
                            {
                                preds[k].governed = true;
                            }
                        }
                    }
                    Subject::SameAs(other) => preds[k].subject_from = Some(other),
                    // A relative clause describes its noun; it is not the sentence's statement.
                    Subject::Relative(j) => {
                        preds[k].subject = Some(j);
                        preds[k].governed = true;
                    }
                    Subject::None => {}
                }
            }
            let j = preds[k].ph;
            let mut q = j + 1;
            let mut objects = Vec::new();
            let mut pps = Vec::new();
            while q < s.phs.len() {
                match &s.phs[q] {
                    Ph::Np(_) => objects.push(q),
                    Ph::Pp(..) => pps.push(q),
                    Ph::Other => {}
                    // "the roads leading into Mordor": a participle modifying the noun before it.
                    Ph::Vg(_) if q > j + 1 && matches!(s.phs[q - 1], Ph::Np(_) | Ph::Pp(..)) && modifier(s, q) => {
                        if let Some(&m) = by_ph.get(q).filter(|&&x| x != usize::MAX) {
                            modifiers.push(m);
                        }
                    }
                    _ => break,
                }
                q += 1;
            }
            // A clause as complement: "said (that) Gondor would …", "believes Dagolath can cope".
            let mut clausal_at = None;
            if matches!(s.phs.get(j + 1), Some(Ph::Sub(t)) if s.upper[*t] == "THAT") {
                clausal_at = Some(j + 2);
            } else if matches!(s.phs.get(q), Some(Ph::Sub(t)) if s.upper[*t] == "THAT")
                && CLAUSE_VERBS.contains(&s.upper[preds[k].verb.0].as_str())
            {
                clausal_at = Some(q + 1);
            } else if objects.first() == Some(&(j + 1))
                && matches!(s.phs.get(j + 2), Some(Ph::Vg(_)))
                && CLAUSE_VERBS.contains(&s.upper[preds[k].verb.0].as_str())
            {
                let inner = by_ph.get(j + 2).copied().unwrap_or(usize::MAX);
                if inner != usize::MAX && finite(s, &preds[inner]) {
                    clausal_at = Some(j + 1);
                }
            }
            if let Some(at) = clausal_at {
                // The complement clause's verb: the first verb group after its subject.
                let mut r = at;
                while r < s.phs.len() && !matches!(s.phs[r], Ph::Vg(_)) {
                    if matches!(s.phs[r], Ph::Punct | Ph::Sub(_)) {
                        break;
                    }
                    r += 1;
                }
                if let Some(&inner) = by_ph.get(r).filter(|&&x| x != usize::MAX) {
                    preds[k].complement = Some(inner);
                    preds[k].clausal = true;
                    preds[inner].governed = true;
                    objects.clear();
                    pps.clear();
                }
            } else if q + 1 < s.phs.len()
                && matches!(s.phs[q], Ph::To)
                && matches!(s.phs[q + 1], Ph::Vg(_))
                && !preds[k].raising
                // After an object, "to …" completes only verbs of asking and making ("urged Bree to help");
                // elsewhere it says what for ("met X to discuss").
                && (q == j + 1 || OBJECT_CONTROL.contains(&s.upper[preds[k].verb.0].as_str()))
                && let Some(&inner) = by_ph.get(q + 1).filter(|&&x| x != usize::MAX)
            {
                preds[k].complement = Some(inner);
                preds[inner].governed = true;
                // The controller is the nearest coded phrase before "to", past adjuncts such as "on Monday"
                // ("urged Bree on Monday to …"); else the phrase right before "to".
                let coded = |c: &usize| matches!(&s.phs[*c], Ph::Np(np) | Ph::Pp(_, np) if !np.codes.is_empty());
                let controller = (j + 1..q).rev().find(coded).or(if q > j + 1 { Some(q - 1) } else { None });
                preds[k].controller = controller.filter(|&c| matches!(s.phs[c], Ph::Np(_) | Ph::Pp(..)));
                preds[inner].subject_from = Some(k);
            } else if q + 1 < s.phs.len()
                && matches!(s.phs[q], Ph::To)
                && let Some(&inner) = by_ph.get(q + 1).filter(|&&x| x != usize::MAX)
            {
                preds[k].adjunct = Some(inner);
            }
            let mut end = preds[k].end;
            for &o in objects.iter().chain(pps.iter()) {
                end = ph_end(s, &s.phs[o], end);
            }
            preds[k].objects = objects;
            preds[k].pps = pps;
            preds[k].end = end;
        }
        for m in modifiers {
            preds[m].governed = true;
        }
        // An infinitive after a verb the dictionaries do not know ("is inching nearer to accord with Gondor")
        // carries the clause's event, with the clause's subject. After a coded verb it only says what for
        // ("met … to discuss").
        for k in 1..preds.len() {
            if preds[k].infinitive
                && preds[k].subject_from.is_none()
                && preds[k].subject.is_none()
                && preds[k - 1].form.is_none()
            {
                preds[k].subject_from = Some(k - 1);
            }
        }
        // A verb phrase coordinated with a governed one belongs to the same governed clause.
        for _ in 0..4 {
            for k in 0..preds.len() {
                if let Some(f) = preds[k].subject_from
                    && preds[f].complement != Some(k)
                    && preds.get(f).is_some_and(|x| x.governed)
                {
                    preds[k].governed = true;
                }
            }
        }
        // A bare gerund after a comma or a preposition ("…, expanding its campaign", "for helping …") is an
        // adjunct of the clause before it, not a statement of its own.
        for pred in preds.iter_mut() {
            let j = pred.ph;
            let (gs, ge) = pred.group;
            let gerund = (gs..ge).all(|t| matches!(s.tags[t], Pos::Verb(VForm::Gerund) | Pos::Adv));
            if gerund && j > 0 && matches!(s.phs[j - 1], Ph::Comma | Ph::Other) && pred.subject_from.is_none() {
                pred.governed = true;
            }
            if gerund && gs > 0 && s.tags[gs - 1] == Pos::Prep {
                pred.governed = true;
            }
        }
        // "There were ten soldiers killed in Ukraine": an existential passive.
        for pred in preds.iter_mut() {
            let j = pred.ph;
            let there_be = j >= 2
                && matches!(s.phs[j - 2], Ph::Vg(ci) if {
                    let c = s.chunks[ci];
                    (c.start.saturating_sub(1)..c.end).any(|t| s.upper.get(t).is_some_and(|w| w == "THERE"))
                });
            let bare = matches!(s.phs[j], Ph::Vg(ci) if {
                let c = s.chunks[ci];
                (c.start..c.end).all(|t| matches!(s.tags[t], Pos::Verb(VForm::Participle | VForm::Past) | Pos::Adv))
            });
            if there_be && matches!(s.phs[j - 1], Ph::Np(_)) && bare {
                pred.passive = true;
                pred.subject = Some(j - 1);
                pred.governed = false;
            }
        }
        preds
    }

    fn find_subject(&self, s: &Sentence<'_>, j: usize, by_ph: &[usize]) -> Subject {
        let mut q = j;
        while q > 0 {
            q -= 1;
            match &s.phs[q] {
                Ph::Other | Ph::Pp(..) => {}
                Ph::Np(_) => return Subject::Np(q),
                // "The civilians imprisoned for acting against Moscow were released": participles modifying the
                // subject lie between it and the verb.
                Ph::Vg(ci)
                    if q > 0
                        && j > q + 1
                        && (s.chunks[*ci].start..s.chunks[*ci].end).all(|t| {
                            matches!(s.tags[t], Pos::Verb(VForm::Participle | VForm::Gerund | VForm::Past))
                        })
                        && matches!(s.phs[q - 1], Ph::Np(_) | Ph::Pp(..) | Ph::Other) => {}
                Ph::Comma => {
                    // A parenthetical or appositive between commas: skip it.
                    let mut r = q;
                    let mut found = None;
                    while r > 0 {
                        r -= 1;
                        match &s.phs[r] {
                            Ph::Comma => {
                                found = Some(r);
                                break;
                            }
                            Ph::Np(_) | Ph::Pp(..) | Ph::Other => {}
                            Ph::Vg(ci) => {
                                let c = s.chunks[*ci];
                                let participle = c.end - c.start == 1
                                    && matches!(s.tags[c.start], Pos::Verb(VForm::Participle | VForm::Past));
                                // "…, a group that tracks the war, said": a relative clause inside the appositive.
                                let relative = r > 0
                                    && matches!(s.phs[r - 1], Ph::Sub(t) if matches!(s.upper[t].as_str(), "THAT" | "WHO" | "WHICH"));
                                if !participle && !relative {
                                    // ", who took office in July and is known for …,": a whole relative clause
                                    // opened right after the comma, whatever its verbs.
                                    let opened = (0..r).rev().find(|&x| matches!(s.phs[x], Ph::Comma)).filter(|&x| {
                                        matches!(s.phs.get(x + 1), Some(Ph::Sub(t)) if matches!(s.upper[*t].as_str(), "WHO" | "WHICH" | "WHOSE"))
                                    });
                                    if let Some(x) = opened {
                                        found = Some(x);
                                    }
                                    break;
                                }
                            }
                            Ph::Sub(t) if matches!(s.upper[*t].as_str(), "THAT" | "WHO" | "WHICH") => {}
                            _ => break,
                        }
                    }
                    match found {
                        Some(r) if r > 0 && matches!(s.phs[r - 1], Ph::Np(_) | Ph::Pp(..)) => q = r,
                        // "Arnor's foreign minister, urged …": a lone comma after the subject (its parenthetical
                        // left out).
                        None if q > 0 && q + 1 == j && matches!(s.phs[q - 1], Ph::Np(_)) => {
                            return Subject::Np(q - 1);
                        }
                        _ => return Subject::None,
                    }
                }
                Ph::Sub(t) => {
                    let w = s.upper[*t].as_str();
                    if matches!(w, "WHO" | "WHICH" | "THAT") && (q + 1..j).all(|x| matches!(s.phs[x], Ph::Other)) {
                        let mut r = q;
                        while r > 0 {
                            r -= 1;
                            match &s.phs[r] {
                                Ph::Np(_) => return Subject::Relative(r),
                                Ph::Comma | Ph::Other => {}
                                _ => break,
                            }
                        }
                    }
                    return Subject::None;
                }
                Ph::Conj => {
                    // Coordinated verb phrases share the subject: "condemned … and promised …".
                    let mut r = q;
                    while r > 0 {
                        r -= 1;
                        match &s.phs[r] {
                            Ph::Vg(_) => {
                                let p = by_ph.get(r).copied().unwrap_or(usize::MAX);
                                return if p == usize::MAX { Subject::None } else { Subject::SameAs(p) };
                            }
                            Ph::Np(_) | Ph::Pp(..) | Ph::Other | Ph::Comma => {}
                            _ => return Subject::None,
                        }
                    }
                    return Subject::None;
                }
                _ => return Subject::None,
            }
        }
        Subject::None
    }

    // ----- events ---------------------------------------------------------------------------------------

    fn events(&self, s: &mut Sentence<'_>, preds: &[Pred]) -> Vec<Raw> {
        let ctx_data = self.context_data(s);
        let mut out = Vec::new();
        let mut cache: Vec<Option<Vec<Raw>>> = vec![None; preds.len()];
        for k in 0..preds.len() {
            if preds[k].governed {
                continue;
            }
            let raws = self.pred_events(s, preds, k, &ctx_data, &mut cache, 0);
            out.extend(raws);
        }
        // Remember the actors named, for "the two leaders", and the subjects, for pronouns.
        for ph in &s.phs {
            if let Ph::Np(np) | Ph::Pp(_, np) = ph
                && !np.codes.is_empty()
                && !np.codes.iter().all(|c| c.starts_with("---"))
            {
                let codes = np.codes.clone();
                s.memory.remember_actor(&codes);
            }
        }
        for p in preds {
            if let Some(j) = p.subject
                && let Ph::Np(np) = &s.phs[j]
                && !np.codes.is_empty()
                && !np.codes.iter().all(|c| c.starts_with("---"))
            {
                let codes = np.codes.clone();
                s.memory.remember_subject(&codes);
            }
        }
        out
    }

    /// The noun groups of the sentence in text order, each with the phrases attached to it and, for a verb's
    /// object, that verb and its subject: what `nominal` reads.
    fn groups(&self, s: &Sentence<'_>, preds: &[Pred]) -> Vec<nominal::Group> {
        let mut governors: Vec<Option<nominal::Governor>> = vec![None; s.phs.len()];
        for (k, p) in preds.iter().enumerate() {
            let Some((subject, subject_span)) = self.subject_of(s, preds, k, 0) else { continue };
            let mode = if p.negated {
                EventMode::Negated
            } else if p.future || p.raising {
                EventMode::Anticipated
            } else {
                EventMode::Asserted
            };
            for &j in &p.objects {
                if let Some(slot) = governors.get_mut(j) {
                    *slot = Some(nominal::Governor { verb: p.verb.0, subject: subject.clone(), subject_span, mode });
                }
            }
        }
        let mut out = Vec::new();
        let mut phrase = 0;
        for (j, ph) in s.phs.iter().enumerate() {
            let (prep, np) = match ph {
                Ph::Np(np) => (None, np),
                Ph::Pp(t, np) => (Some(*t), np),
                _ => continue,
            };
            flatten(np, prep, governors[j].as_ref(), &mut phrase, &mut out);
        }
        out
    }

    fn context_data(&self, s: &Sentence<'_>) -> CtxData {
        let n = s.upper.len();
        let mut actor_end = vec![0u32; n];
        let mut chunk_end = vec![0u32; n];
        for c in &s.chunks {
            if let Some(x) = chunk_end.get_mut(c.start) {
                *x = c.end as u32;
            }
        }
        // Phrases of the clause first, then those attached inside them ("warned at X of the Prince of Y").
        for np in all_nps(&s.phs) {
            if !np.codes.is_empty() {
                // The slot may start at the determiner or at the name.
                for st in np.start..np.end.min(np.start + 3) {
                    if (st == np.start || matches!(s.tags[st - 1], Pos::Det | Pos::Adj))
                        && let Some(slot) = actor_end.get_mut(st)
                        && *slot == 0
                    {
                        *slot = np.end as u32;
                    }
                }
            }
        }
        let mut present = FxHashSet::default();
        for i in 0..n {
            if let Some(id) = s.toks.exact(i) {
                present.insert(id);
            }
            for &id in s.toks.ids(i, false) {
                present.insert(id);
            }
        }
        CtxData { actor_end, chunk_end, present }
    }

    fn np_of(&self, s: &Sentence<'_>, j: usize) -> Option<(Vec<String>, (usize, usize))> {
        match s.phs.get(j)? {
            Ph::Np(np) | Ph::Pp(_, np) => Some((np.codes.clone(), (np.start, np.end))),
            _ => None,
        }
    }

    /// Codes and span of the phrase whose tokens include `span` (a pattern slot).
    fn np_at(&self, s: &Sentence<'_>, span: (usize, usize)) -> Option<(Vec<String>, (usize, usize))> {
        let nps = all_nps(&s.phs);
        // The phrase the slot was made from (it ends where the slot ends), else the one around it.
        // Of phrases ending together ("the Gondor of the Prince of Dol Amroth"), the innermost.
        let exact = nps
            .iter()
            .filter(|np| np.start <= span.0 && span.0 < np.end && np.end == span.1 && !np.codes.is_empty())
            .max_by_key(|np| np.start);
        let around = || nps.iter().find(|np| np.start <= span.0 && span.0 < np.end && !np.codes.is_empty());
        exact.or_else(around).map(|np| (np.codes.clone(), (np.start, np.end)))
    }

    fn subject_of(
        &self,
        s: &Sentence<'_>,
        preds: &[Pred],
        k: usize,
        depth: usize,
    ) -> Option<(Vec<String>, (usize, usize))> {
        if depth > 8 {
            return None;
        }
        let p = &preds[k];
        if let Some(j) = p.subject {
            return self.np_of(s, j);
        }
        let from = p.subject_from?;
        // An object controls the infinitive of its verb ("urged Bree to …").
        if preds[from].complement == Some(k)
            && let Some(c) = preds[from].controller
        {
            return self.np_of(s, c);
        }
        if preds[from].passive && preds[from].complement != Some(k) {
            return self.subject_of(s, preds, from, depth + 1);
        }
        self.subject_of(s, preds, from, depth + 1)
    }

    #[allow(clippy::too_many_arguments)]
    fn pred_events(
        &self,
        s: &Sentence<'_>,
        preds: &[Pred],
        k: usize,
        cd: &CtxData,
        cache: &mut Vec<Option<Vec<Raw>>>,
        depth: usize,
    ) -> Vec<Raw> {
        if let Some(Some(done)) = cache.get(k) {
            return done.clone();
        }
        if depth > 8 {
            return Vec::new();
        }
        let p = &preds[k];
        let result = self.pred_events_inner(s, preds, k, p, cd, cache, depth);
        if let Some(slot) = cache.get_mut(k) {
            *slot = Some(result.clone());
        }
        result
    }

    #[allow(clippy::too_many_arguments)]
    fn pred_events_inner(
        &self,
        s: &Sentence<'_>,
        preds: &[Pred],
        k: usize,
        p: &Pred,
        cd: &CtxData,
        cache: &mut Vec<Option<Vec<Raw>>>,
        depth: usize,
    ) -> Vec<Raw> {
        // The verb's code: the best pattern, else the verb's own code, else its block's.
        let mut code: Option<Code> = None;
        let mut pattern_src = None;
        let mut src_from_compound = false;
        let mut pattern_tgt = None;
        let mut negation_used = false;
        let mut coded = false;
        let mut lower_used: Vec<usize> = Vec::new();
        let mut pattern_first: Option<usize> = None;
        let mut base: Option<Code> = None;
        // The verb whose patterns apply: in TABARI's dictionaries an earlier word of the group may be a verb
        // too ("should" in "should demand"); it is the verb when one of its patterns matches.
        let tabari = self.options.sentence_patterns;
        let mut verb = p.verb;
        let mut chosen: Option<(FormRef, Option<patterns::Match>)> = None;
        if p.form.is_some() || tabari {
            let blocked: Vec<bool> = if tabari {
                Vec::new()
            } else {
                (0..s.tags.len())
                    .map(|t| matches!(s.tags[t], Pos::Verb(_)) && !(p.verb.0 <= t && t < p.verb.1))
                    .collect()
            };
            let ctx = Context {
                lex: self.lex,
                toks: &s.toks,
                actor_end: &cd.actor_end,
                chunk_end: &cd.chunk_end,
                present: &cd.present,
                blocked: &blocked,
            };
            let (lo, hi) = if tabari {
                (0, s.upper.len())
            } else {
                let hi = p.end.max(p.verb.1);
                (self.clause_start(s, preds, k), self.lower_end(s, preds, k).max(hi))
            };
            let matching_at = |t: usize| {
                let (f, span) = self.verb_at(&s.toks, t)?;
                let b = self.lex.blocks.get(f.block as usize)?;
                let m = patterns::best_match(&b.patterns, &ctx, span.0, span.1, lo, hi)?;
                Some((f.clone(), span, m))
            };
            let earlier = if tabari { (p.group.0..p.verb.0).find_map(matching_at) } else { None };
            chosen = match earlier {
                Some((f, span, m)) => {
                    verb = span;
                    Some((f, Some(m)))
                }
                None => p.form.as_ref().and_then(|form| {
                    let block = self.lex.blocks.get(form.block as usize)?;
                    Some((form.clone(), patterns::best_match(&block.patterns, &ctx, p.verb.0, p.verb.1, lo, hi)))
                }),
            };
            // TABARI takes a dictionary verb after a possessive for a verb too ("raised its voice"), though not
            // one after an article ("in an accord"): when the clause's verb codes nothing, a later one whose
            // pattern names the words before it is the verb.
            let null = chosen.as_ref().is_none_or(|(f, m)| {
                m.is_none()
                    && f.code
                        .as_ref()
                        .or_else(|| self.lex.blocks.get(f.block as usize).map(|b| &b.code))
                        .is_none_or(CodePair::is_null)
            });
            if tabari
                && null
                && let Some((f, span, m)) = (p.verb.1..p.end).find_map(|t| {
                    let article = t > 0 && matches!(s.upper[t - 1].as_str(), "A" | "AN" | "THE");
                    if article {
                        return None;
                    }
                    matching_at(t).filter(|(_, _, m)| !m.upper_tokens.is_empty())
                })
            {
                verb = span;
                chosen = Some((f, Some(m)));
            }
        }
        if let Some((form, found)) = &chosen
            && let Some(block) = self.lex.blocks.get(form.block as usize)
        {
            let pair = match &found {
                Some(m) => {
                    negation_used = m.upper_tokens.iter().any(|&t| s.tags.get(t) == Some(&Pos::Neg));
                    lower_used = m.lower_tokens.clone();
                    pattern_first = m.upper_tokens.iter().copied().min();
                    if let Some(span) = m.source.or(m.compound) {
                        pattern_src = self.np_at(s, span);
                        src_from_compound = m.source.is_none();
                    }
                    if let Some(span) = m.target.or(m.compound) {
                        pattern_tgt = self.np_at(s, span);
                    }
                    block.patterns.get(m.pattern).map(|pt| pt.code.clone())
                }
                None => Some(form.code.clone().unwrap_or_else(|| block.code.clone())),
            };
            base = Code::from_pair(form.code.as_ref().unwrap_or(&block.code), self.options.cameo_codes);
            if let Some(pair) = pair {
                coded = true;
                code = Code::from_pair(&pair, self.options.cameo_codes);
                if code.is_none()
                    && let Some(passive) = pair.passive.as_deref()
                {
                    // `[:020]`: only the reverse direction is coded.
                    let hier = if self.options.cameo_codes { codes::to_hierarchy(passive) } else { None };
                    code = Some(Code { text: String::new(), passive: Some(passive.to_string()), hier });
                }
            }
        }
        let _ = coded;
        // Who: the subject, or for a passive the "by" phrase.
        let subject = self.subject_of(s, preds, k, 0);
        let (mut src, mut tgt) = (None, None);
        if p.passive {
            for preps in [&["BY", "FROM"][..], &["IN"][..]] {
                for &j in &p.pps {
                    if let Ph::Pp(t, np) = &s.phs[j]
                        && preps.contains(&s.upper[*t].as_str())
                        && !np.codes.is_empty()
                    {
                        src = Some((np.codes.clone(), (np.start, np.end)));
                        break;
                    }
                }
                if src.is_some() {
                    break;
                }
            }
            if src.is_none() {
                // "was shot dead in Osgiliath": the phrase may hang on a following word.
                for &j in &p.objects {
                    if let Ph::Np(np) = &s.phs[j] {
                        for c in &np.conjuncts {
                            for (t, pp) in &c.pps {
                                if src.is_none()
                                    && matches!(s.upper[*t].as_str(), "BY" | "FROM" | "IN")
                                    && !pp.codes.is_empty()
                                {
                                    src = Some((pp.codes.clone(), (pp.start, pp.end)));
                                }
                            }
                        }
                    }
                }
            }
            tgt = subject.clone().filter(|(c, _)| !c.is_empty());
            if tgt.is_none() {
                for &j in &p.pps {
                    if let Ph::Pp(t, np) = &s.phs[j]
                        && matches!(s.upper[*t].as_str(), "AT" | "AGAINST" | "INTO" | "TOWARDS" | "TOWARD" | "ON")
                        && !np.codes.is_empty()
                    {
                        tgt = Some((np.codes.clone(), (np.start, np.end)));
                        break;
                    }
                }
            }
        } else {
            src = subject.clone();
            for &j in &p.objects {
                if let Some((c, span)) = self.np_of(s, j)
                    && !c.is_empty()
                {
                    tgt = Some((c, span));
                    break;
                }
            }
            if tgt.is_none() {
                for &j in &p.pps {
                    if let Some((c, span)) = self.np_of(s, j)
                        && !c.is_empty()
                    {
                        tgt = Some((c, span));
                        break;
                    }
                }
            }
        }
        if tgt.is_none()
            && !p.passive
            && let Some(a) = p.adjunct
            && let Some(ap) = preds.get(a)
        {
            for &j in ap.objects.iter().chain(ap.pps.iter()) {
                if let Some((c, span)) = self.np_of(s, j)
                    && !c.is_empty()
                {
                    tgt = Some((c, span));
                    break;
                }
            }
        }
        if let Some(ps) = pattern_src {
            // A source slot that reached past the coded subject into the words between it and the verb ("Gollum,
            // centre of a row between Radagast the Brown, called on …") names someone the clause is not about.
            let inside_apposition = !p.passive
                && !src_from_compound
                && ps.1.1 <= p.verb.0
                && subject.as_ref().is_some_and(|(codes, (_, end))| {
                    !codes.is_empty() && ps.1.0 >= *end && (*end..ps.1.0).any(|t| s.tags.get(t) == Some(&Pos::Comma))
                });
            if !inside_apposition {
                src = Some(ps);
            }
        }
        if let Some(pt) = pattern_tgt {
            tgt = Some(pt);
        }
        // A TABARI pattern whose words reach back past the subject ("SUGGESTED + * REQUIRE …" in "Arnor suggested
        // Gondor should require …") codes the whole construction: its source is the actor before the pattern.
        if self.options.sentence_patterns
            && !p.passive
            && let Some(first) = pattern_first
            && subject.as_ref().is_some_and(|(_, (start, _))| *start > first)
            && let Some(before) = s.phs.iter().rev().find_map(|ph| match ph {
                Ph::Np(np) if np.end <= first && !np.codes.is_empty() => Some((np.codes.clone(), (np.start, np.end))),
                _ => None,
            })
        {
            src = Some(before);
        }
        // The clause reading left a side empty: the parse says who fills it.
        if !s.arcs.is_empty()
            && let Some(v) = parse_head(s, verb)
        {
            if src.as_ref().is_none_or(|(c, _)| c.is_empty())
                && let Some(found) = parse_source(s, v).and_then(|t| np_holding(s, t))
            {
                src = Some(found);
            }
            if tgt.is_none()
                && let Some(found) = parse_target(s, v).and_then(|t| np_holding(s, t))
                && src.as_ref().is_none_or(|(c, _)| *c != found.0)
            {
                tgt = Some(found);
            }
        }
        let mut mode = if p.future { EventMode::Anticipated } else { EventMode::Asserted };
        if p.negated && !negation_used {
            mode = EventMode::Negated;
        }
        let trigger = verb;
        // A governed verb: combine with its complement's events (a passive reports its own event only).
        if let Some(c) = p.complement.filter(|_| !p.passive || p.raising) {
            let mut lower = self.pred_events(s, preds, c, cd, cache, depth + 1);
            for m in coordinated(preds, c) {
                lower.extend(self.pred_events(s, preds, m, cd, cache, depth + 1));
            }
            let mut out = Vec::new();
            let upper_src = src.clone();
            let own_subject = preds.get(c).is_some_and(|x| x.subject.is_some());
            for e in lower {
                let mut e = e;
                let lower_src = if own_subject { e.src.clone() } else { Vec::new() };
                if e.src.is_empty()
                    && let Some((codes, span)) = &upper_src
                    && !p.clausal
                {
                    e.src = codes.clone();
                    e.src_span = *span;
                }
                match (&code, p.clausal) {
                    (None, _) => {
                        // An uncoded governing verb ("plans to", "tried to"): the lower event, perhaps planned;
                        // a promise ("vowed to retaliate") is a statement of intent.
                        if PROMISE_VERBS.contains(&s.upper[p.verb.0].as_str())
                            && !p.negated
                            && let Some(stated) = self.stated_intent(&Raw { mode: EventMode::Anticipated, ..e.clone() })
                        {
                            out.push(Raw { trigger, ..stated });
                            continue;
                        }
                        if FUTURE_VERBS.contains(&s.upper[p.verb.0].as_str()) || p.future {
                            e.mode = merge_mode(e.mode, EventMode::Anticipated);
                        }
                        if p.negated {
                            e.mode = EventMode::Negated;
                        }
                        out.push(e);
                    }
                    (Some(up), true) => {
                        let verb_code = base.as_ref().and_then(|b| b.hier).or(up.hier);
                        out.extend(self.clausal(up, verb_code, &upper_src, e, trigger))
                    }
                    (Some(up), false) => {
                        let control = p.controller.and_then(|j| self.np_of(s, j)).filter(|(c, _)| !c.is_empty());
                        let consumed = lower_used.iter().any(|&t| t >= e.trigger.0 && t < e.trigger.1);
                        // "wants to attack", "wants Putin to attack": the dictionary's transformations first.
                        let verb_code = base.as_ref().and_then(|b| b.hier).or(up.hier);
                        if let (Some(u), Some(l)) = (verb_code, e.code.as_ref().and_then(|c| c.hier)) {
                            let a = upper_src.as_ref().map(|(c, _)| c.clone()).unwrap_or_default();
                            let src = match &control {
                                Some((c, _)) => c.clone(),
                                None if own_subject => lower_src.clone(),
                                None => Vec::new(),
                            };
                            let probe = Raw { src: src.clone(), ..e.clone() };
                            if let Some(t) = self.transform(u, l, &a, &probe) {
                                let src_span = upper_src.as_ref().map_or(e.src_span, |(_, sp)| *sp);
                                let tgt_span = match &control {
                                    Some((c, sp)) if t.tgt == *c => *sp,
                                    _ => t.tgt_span,
                                };
                                out.push(Raw { src_span, tgt_span, trigger, ..t });
                                continue;
                            }
                        }
                        if consumed {
                            // The governing verb's pattern already named the governed verb ("want … attack").
                            let (tgt, tgt_span) = match &control {
                                Some((c, span)) => (c.clone(), *span),
                                None => (e.tgt.clone(), e.tgt_span),
                            };
                            out.push(Raw {
                                src: upper_src.as_ref().map(|(c, _)| c.clone()).unwrap_or_else(|| e.src.clone()),
                                src_span: upper_src.as_ref().map_or(e.src_span, |(_, sp)| *sp),
                                tgt,
                                tgt_span,
                                code: Some(up.clone()),
                                mode: if p.negated && !negation_used { EventMode::Negated } else { e.mode },
                                trigger,
                            });
                            continue;
                        }
                        let combined = match (up.hier, e.code.as_ref().and_then(|c| c.hier)) {
                            (Some(u), Some(l)) => {
                                let u = if p.negated && !negation_used { codes::negate(u) } else { u };
                                Code::from_hier(codes::combine(u, l))
                            }
                            _ => None,
                        };
                        let (tgt_codes, tgt_span) = match &control {
                            Some((c, span)) => (c.clone(), *span),
                            None => (e.tgt.clone(), e.tgt_span),
                        };
                        let code = match (combined, &control) {
                            (Some(c), _) => Some(c),
                            (None, Some(_)) => Some(up.clone()),
                            (None, None) => e.code.clone().or_else(|| Some(up.clone())),
                        };
                        let anticipated = FUTURE_VERBS.contains(&s.upper[p.verb.0].as_str()) || p.future;
                        let mode = if p.negated && !negation_used {
                            EventMode::Negated
                        } else if anticipated || e.mode == EventMode::Anticipated {
                            EventMode::Anticipated
                        } else {
                            EventMode::Asserted
                        };
                        out.push(Raw {
                            src: upper_src.as_ref().map(|(c, _)| c.clone()).unwrap_or(e.src),
                            src_span: upper_src.as_ref().map_or(e.src_span, |(_, sp)| *sp),
                            tgt: tgt_codes,
                            tgt_span,
                            code,
                            mode,
                            trigger: if control.is_some() { trigger } else { e.trigger },
                        });
                    }
                }
            }
            if !out.is_empty() {
                return out;
            }
        }
        if p.raising {
            return Vec::new();
        }
        let Some(mut code) = code else {
            // An uncoded clause still tells its governing verb whom it is about ("believes Dagolath can cope").
            if p.governed && (src.is_some() || tgt.is_some()) {
                return vec![Raw {
                    src: src.as_ref().map(|(c, _)| c.clone()).unwrap_or_default(),
                    src_span: src.as_ref().map_or((0, 0), |(_, sp)| *sp),
                    tgt: tgt.as_ref().map(|(c, _)| c.clone()).unwrap_or_default(),
                    tgt_span: tgt.as_ref().map_or((0, 0), |(_, sp)| *sp),
                    code: None,
                    mode,
                    trigger,
                }];
            }
            return Vec::new();
        };
        if mode == EventMode::Negated
            && let Some(h) = code.hier
            && let Some(neg) = Code::from_hier(codes::negate(h))
        {
            code = neg;
        }
        vec![Raw {
            src: src.as_ref().map(|(c, _)| c.clone()).unwrap_or_default(),
            src_span: src.as_ref().map_or((0, 0), |(_, sp)| *sp),
            tgt: tgt.as_ref().map(|(c, _)| c.clone()).unwrap_or_default(),
            tgt_span: tgt.as_ref().map_or((0, 0), |(_, sp)| *sp),
            code: Some(code),
            mode,
            trigger,
        }]
    }

    /// "A said that B did X": transformations first; A's own action reported by A; an uncoded clause about
    /// B makes A's statement about B; otherwise the reported event itself.
    fn clausal(
        &self,
        up: &Code,
        verb_code: Option<i32>,
        upper_src: &Option<(Vec<String>, (usize, usize))>,
        e: Raw,
        trigger: (usize, usize),
    ) -> Vec<Raw> {
        let a = upper_src.as_ref().map(|(c, _)| c.clone()).unwrap_or_default();
        let a_span = upper_src.as_ref().map_or((0, 0), |(_, sp)| *sp);
        if let (Some(u), Some(l)) = (verb_code, e.code.as_ref().and_then(|c| c.hier))
            && let Some(t) = self.transform(u, l, &a, &e)
        {
            // "A said A would …" through a transformation is still A's statement of intent.
            let t = if !a.is_empty() && t.src == a { self.stated_intent(&t).unwrap_or(t) } else { t };
            return vec![Raw { src_span: a_span, trigger, ..t }];
        }
        if !a.is_empty() && !e.src.is_empty() && e.src.iter().all(|c| a.contains(c)) {
            // "A said A would …": A's own action; a stated intention is an event of its own (CAMEO 03x, 13x).
            if let Some(stated) = self.stated_intent(&e) {
                return vec![Raw { src: a, src_span: a_span, trigger, ..stated }];
            }
            return vec![Raw { src: a, src_span: a_span, ..e }];
        }
        if e.code.is_none() {
            let (tgt, tgt_span) = if e.src.is_empty() { (e.tgt, e.tgt_span) } else { (e.src, e.src_span) };
            return vec![Raw {
                src: a,
                src_span: a_span,
                tgt,
                tgt_span,
                code: Some(up.clone()),
                mode: EventMode::Asserted,
                trigger,
            }];
        }
        // As PETRARCH2: a reported material action becomes the speaker's combined act towards the actor; other
        // reported events are not the sentence's event.
        if let (Some(u), Some(l)) = (up.hier, e.code.as_ref().and_then(|c| c.hier))
            && (0..0x1000).contains(&l)
            && !e.src.is_empty()
            && let Some(code) = Code::from_hier(codes::combine(u, l))
        {
            return vec![Raw {
                src: a,
                src_span: a_span,
                tgt: e.src.clone(),
                tgt_span: e.src_span,
                code: Some(code),
                mode: e.mode,
                trigger,
            }];
        }
        Vec::new()
    }

    /// A planned act of the speaker's own as the statement of intent CAMEO codes it ("said it would allow" 035,
    /// "said they would boycott" 1312), asserted: the statement was made. None when the act has no such code.
    fn stated_intent(&self, e: &Raw) -> Option<Raw> {
        if !self.options.cameo_codes || e.mode != EventMode::Anticipated {
            return None;
        }
        let text = intent::intent_code(&e.code.as_ref()?.text)?;
        let code = Code { text: text.to_string(), passive: None, hier: codes::to_hierarchy(text) };
        Some(Raw { code: Some(code), mode: EventMode::Asserted, ..e.clone() })
    }

    fn transform(&self, upper: i32, lower: i32, a: &[String], e: &Raw) -> Option<Raw> {
        let masks = |v: i32| [v, v - v % 0x10, v - v % 0x100, v - v % 0x1000];
        for t in &self.lex.transforms {
            if !masks(upper).contains(&t.code) {
                continue;
            }
            if let Some(lc) = t.lower_code
                && !masks(lower).contains(&lc)
            {
                continue;
            }
            let mut vars: Vec<(String, Vec<String>)> = vec![(t.source.to_string(), a.to_vec())];
            let mut bind = |var: &str, val: &[String]| -> bool {
                match var {
                    "." => true,
                    "_" => val.is_empty(),
                    v => match vars.iter().find(|(n, _)| *n == v) {
                        Some((_, bound)) => !val.is_empty() && val.iter().all(|x| bound.contains(x)),
                        None => {
                            if val.is_empty() {
                                return false;
                            }
                            vars.push((v.to_string(), val.to_vec()));
                            true
                        }
                    },
                }
            };
            if !bind(&t.lower_source, &e.src) || !bind(&t.lower_target, &e.tgt) {
                continue;
            }
            let get = |v: &str| vars.iter().find(|(n, _)| *n == v).map(|(_, x)| x.clone());
            let (Some(src), Some(tgt)) = (get(&t.result_source), get(&t.result_target)) else { continue };
            let code = match &t.result_code {
                Some(c) => Code { text: c.to_string(), passive: None, hier: codes::to_hierarchy(c) },
                None => e.code.clone()?,
            };
            return Some(Raw { src, tgt, tgt_span: e.tgt_span, code: Some(code), mode: e.mode, ..e.clone() });
        }
        None
    }

    /// The first token of the clause of predicate `k` (its subject, or the verb group).
    fn clause_start(&self, s: &Sentence<'_>, preds: &[Pred], k: usize) -> usize {
        let p = &preds[k];
        if let Some(j) = p.subject
            && let Some(start) = ph_start(s, &s.phs[j])
        {
            return start;
        }
        p.group.0
    }

    /// Where the lower part of predicate `k` may reach: its objects, and the infinitive it governs.
    fn lower_end(&self, s: &Sentence<'_>, preds: &[Pred], k: usize) -> usize {
        let mut end = preds[k].end;
        let mut cur = k;
        let mut guard = 0;
        while let Some(c) = preds[cur].complement {
            if preds[cur].clausal || guard > 4 {
                break;
            }
            end = end.max(preds[c].end);
            cur = c;
            guard += 1;
        }
        end.min(s.upper.len())
    }

    /// Multiplies actor sets out into events and drops what cannot be reported.
    fn finish(&self, s: &Sentence<'_>, raws: Vec<Raw>) -> Vec<SentenceEvent> {
        let mut out: Vec<SentenceEvent> = Vec::new();
        let push =
            |out: &mut Vec<SentenceEvent>, src: &str, ss, tgt: Option<(&str, (usize, usize))>, code: &str, r: &Raw| {
                if src.is_empty() || code.is_empty() || tgt.is_some_and(|(t, _)| t == src) {
                    return;
                }
                // "Someone did something to someone": without a country or organisation on either side the
                // event says too little to report — unless both sides are named by a role ("---GOV").
                let bare = |c: &str| c.len() <= 3;
                if src.starts_with("---")
                    && tgt.is_none_or(|(t, _)| t.starts_with("---"))
                    && (!self.options.agent_events || bare(src) || tgt.is_some_and(|(t, _)| bare(t)))
                {
                    return;
                }
                let ev = SentenceEvent {
                    source: Side { code: src.to_string(), span: ss },
                    target: tgt.map(|(t, sp)| Side { code: t.to_string(), span: sp }),
                    code: code.to_string(),
                    mode: r.mode,
                    trigger: r.trigger,
                    score: if tgt.is_some() { 0.8 } else { 0.5 },
                };
                if !out.iter().any(|o| o.source.code == ev.source.code && o.target == ev.target && o.code == ev.code) {
                    out.push(ev);
                }
            };
        let defaults = &self.options.defaults;
        let converted;
        let raws = if self.options.lone_agents == LoneAgents::Converted {
            let convert = |codes: &[String]| -> Vec<String> {
                codes.iter().map(|c| c.strip_prefix("---").map_or_else(|| c.clone(), |a| format!("~{a}"))).collect()
            };
            converted = raws
                .iter()
                .map(|r| Raw { src: convert(&r.src), tgt: convert(&r.tgt), ..r.clone() })
                .collect::<Vec<_>>();
            &converted
        } else {
            &raws
        };
        for r in raws {
            let Some(code) = &r.code else { continue };
            let cooperative = code.text.get(..2).is_some_and(|root| matches!(root, "03" | "04" | "05" | "06"));
            // A side the sentence leaves empty takes the default actor, when one is set.
            let srcs: &[String] = if r.src.is_empty() { defaults.source.as_slice() } else { &r.src };
            let tgts: &[String] = if r.tgt.is_empty() { defaults.target.as_slice() } else { &r.tgt };
            // A stand-in is no evidence: an unattached agent ("a senior official said") facing a default says no
            // more than it did alone.
            let stand_in = srcs.len() != r.src.len() || tgts.len() != r.tgt.len();
            let agents_only = |codes: &[String]| !codes.is_empty() && codes.iter().all(|c| c.starts_with("---"));
            if stand_in && (agents_only(&r.src) || agents_only(&r.tgt)) {
                continue;
            }
            if tgts.is_empty() {
                if srcs.len() > 1 && cooperative && names_parties(s, r.src_span) {
                    // Several actors cooperating with no other party: each with each, when they are two parties
                    // (not "USA" and "USAGOV", nor "USA" and "---BUS" for "a US company").
                    let one_party = |a: &str, b: &str| {
                        // Two roles without a country ("the government and its opponents") are two parties
                        // when such events are reported.
                        if self.options.agent_events && a.starts_with("---") && b.starts_with("---") {
                            return a == b;
                        }
                        a.starts_with(b) || b.starts_with(a) || a.starts_with("---") || b.starts_with("---")
                    };
                    for a in srcs {
                        for b in srcs {
                            if !one_party(a, b) {
                                push(&mut out, a, r.src_span, Some((b, r.src_span)), &code.text, r);
                            }
                        }
                    }
                } else if !self.options.require_dyad
                    || (self.options.lone_source_events && !code.text.starts_with("01"))
                {
                    for a in srcs {
                        push(&mut out, a, r.src_span, None, &code.text, r);
                    }
                }
                continue;
            }
            if srcs.is_empty() {
                continue;
            }
            for a in srcs {
                for b in tgts {
                    if !code.text.is_empty() {
                        push(&mut out, a, r.src_span, Some((b, r.tgt_span)), &code.text, r);
                    }
                    if let Some(pas) = &code.passive
                        && (self.options.all_reverse_codes || code.text.is_empty() || *pas == code.text)
                    {
                        push(&mut out, b, r.tgt_span, Some((a, r.src_span)), pas, r);
                    }
                }
            }
        }
        out
    }
}

struct CtxData {
    actor_end: Vec<u32>,
    chunk_end: Vec<u32>,
    present: FxHashSet<u32>,
}

enum Subject {
    Np(usize),
    /// The noun phrase a relative pronoun stands for ("the group that seized …").
    Relative(usize),
    SameAs(usize),
    None,
}

/// The noun phrases of a sentence: those of the clause level in order, then the ones attached inside them.
fn all_nps(phs: &[Ph]) -> Vec<&Np> {
    let mut out: Vec<&Np> = phs
        .iter()
        .filter_map(|ph| match ph {
            Ph::Np(np) | Ph::Pp(_, np) => Some(np),
            _ => None,
        })
        .collect();
    let mut k = 0;
    while k < out.len() && out.len() < 256 {
        let np = out[k];
        for c in &np.conjuncts {
            for (_, pp) in &c.pps {
                out.push(pp);
            }
        }
        k += 1;
    }
    out
}

/// The coded groups of a noun phrase and of the phrases attached to it.
fn coded_phrases(np: &Np, out: &mut Vec<CodedPhrase>, depth: usize) {
    if depth > 8 {
        return;
    }
    for c in &np.conjuncts {
        if !c.codes.is_empty() {
            out.push(CodedPhrase {
                span: (c.start, c.end),
                name: c.own.actor_span,
                name_codes: c.own.actors.clone(),
                codes: c.codes.clone(),
            });
        }
        for (_, pp) in &c.pps {
            coded_phrases(pp, out, depth + 1);
        }
    }
}

/// The verb phrases coordinated with predicate `c` ("to give a speech … and meet with …"), which share its
/// governing verb.
fn coordinated(preds: &[Pred], c: usize) -> Vec<usize> {
    let mut set = vec![c];
    for m in c + 1..preds.len() {
        if let Some(f) = preds[m].subject_from
            && set.contains(&f)
            && preds[f].complement != Some(m)
        {
            set.push(m);
        }
    }
    set.remove(0);
    set
}

fn merge_mode(a: EventMode, b: EventMode) -> EventMode {
    match (a, b) {
        (EventMode::Negated, _) | (_, EventMode::Negated) => EventMode::Negated,
        (EventMode::Anticipated, _) | (_, EventMode::Anticipated) => EventMode::Anticipated,
        _ => EventMode::Asserted,
    }
}

/// True when the noun group at `span` names parties: it ends in an actor, an agent or a pronoun ("Gondor and
/// Osgiliath", "Iranian and Iraqi officials", "they") or counts them ("both countries", "the two firms"); not when
/// the actors in it modify something else's name ("the Amsterdam, Lisbon and Paris exchanges", "German and
/// Austrian venues").
fn names_parties(s: &Sentence<'_>, (start, end): (usize, usize)) -> bool {
    let Some(last) = end.checked_sub(1).filter(|&l| l >= start) else { return false };
    let covers =
        |m: &[Option<(u32, usize)>]| (start..=last).any(|i| m.get(i).copied().flatten().is_some_and(|(_, e)| e > last));
    let counted = s.upper[start..end].iter().any(|w| matches!(w.as_str(), "BOTH" | "TWO" | "THREE" | "FOUR"));
    counted || s.tags.get(last) == Some(&Pos::Pron) || covers(&s.matches.actors) || covers(&s.matches.agents)
}

/// True when the verb group at phrase `q` is a bare participle or gerund (no auxiliary), which after a noun
/// modifies it.
fn modifier(s: &Sentence<'_>, q: usize) -> bool {
    let Ph::Vg(ci) = s.phs[q] else { return false };
    let c = s.chunks[ci];
    let participle = (c.start..c.end)
        .all(|k| matches!(s.tags[k], Pos::Verb(VForm::Participle | VForm::Gerund) | Pos::Adv | Pos::Particle));
    // "victims killed by the crash": a past form followed by "by" is a participle too.
    let by = (c.start..c.end).all(|k| matches!(s.tags[k], Pos::Verb(VForm::Past) | Pos::Adv))
        && s.upper.get(c.end).is_some_and(|w| w == "BY");
    participle || by
}

/// True when a predicate is a finite clause (it has tense or an auxiliary), not a participle.
fn finite(s: &Sentence<'_>, p: &Pred) -> bool {
    let (gs, ge) = p.group;
    (gs..ge).any(|k| matches!(s.tags[k], Pos::Aux | Pos::Modal | Pos::Verb(VForm::Past | VForm::Pres3 | VForm::Base)))
}

fn ph_start(s: &Sentence<'_>, ph: &Ph) -> Option<usize> {
    match ph {
        Ph::Np(np) => Some(np.start),
        Ph::Pp(t, _) => Some(*t),
        Ph::Vg(ci) => Some(s.chunks[*ci].start),
        _ => None,
    }
}

fn ph_end(s: &Sentence<'_>, ph: &Ph, default: usize) -> usize {
    match ph {
        Ph::Np(np) | Ph::Pp(_, np) => np.end.max(default),
        Ph::Vg(ci) => s.chunks[*ci].end.max(default),
        _ => default,
    }
}

/// A noun phrase's conjuncts as `nominal` groups, each followed by the phrases attached to it.
fn flatten(
    np: &Np,
    prep: Option<usize>,
    verb: Option<&nominal::Governor>,
    phrase: &mut usize,
    out: &mut Vec<nominal::Group>,
) {
    let id = *phrase;
    *phrase += 1;
    for (k, c) in np.conjuncts.iter().enumerate() {
        out.push(nominal::Group {
            prep: if k == 0 { prep } else { None },
            start: c.start,
            end: c.end,
            phrase: id,
            codes: c.codes.clone(),
            own: actor::mix(&c.own.actors, &c.own.agents),
            own_end: c.own.actor_span.map(|(_, e)| e),
            verb: verb.cloned(),
        });
        for (t, inner) in &c.pps {
            flatten(inner, Some(*t), None, phrase, out);
        }
    }
}
