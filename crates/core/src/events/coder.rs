//! The event coder: over one tagged sentence, find the verb groups, code the noun phrases around them, match
//! the verb patterns, and assemble (source, target, code) events — subjects on the left, objects and
//! prepositional phrases on the right, passives turned around, governed verbs ("agreed to lift", "said he
//! would attack") combined with the verb that governs them, compound actors multiplied out, negation and
//! modality recorded. Only the events of the main clauses are reported, as in PETRARCH2: a sentence usually
//! yields zero or one event.

use super::actor::{self, Memory};
use super::lexicon::{FormRef, Lexicon, TokenWords};
use super::nominal;
use super::shallow::{self, Chunk, Pos};
use crate::model::EventMode;
use crate::parse::Dep;
use phrases::{Np, Ph, coded_phrases};

mod clauses;
mod combine;
mod phrases;
mod report;
mod sides;
mod slots;
mod verbs;
mod words;

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
    /// A dependency parse of the words. When the clause reading leaves a coded verb without a source or target,
    /// the parse fills the slot (`slots`).
    pub parse: Option<SentenceParse<'a>>,
}

/// The dependency parse of a sentence: each word's head (a word index, `None` for the root) and relation.
#[derive(Clone, Copy)]
pub enum SentenceParse<'a> {
    /// Made already.
    Given(&'a [(Option<usize>, Dep)]),
    /// Made when the coder first reads it, which is only when a verb the patterns coded lacks a source or a
    /// target: most sentences never need it, and parsing every sentence nearly doubled the pipeline's CPU time.
    Lazy(&'a dyn Fn() -> Vec<(Option<usize>, Dep)>),
}

impl std::fmt::Debug for SentenceParse<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SentenceParse::Given(arcs) => f.debug_tuple("Given").field(arcs).finish(),
            SentenceParse::Lazy(_) => f.write_str("Lazy"),
        }
    }
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
    /// The parse, if there is one, read into `arcs` on first use.
    parse: Option<SentenceParse<'s>>,
    arcs: std::cell::OnceCell<Arcs>,
}

/// The parse as the coder reads it: each word's head and relation (empty when there is no parse), and each
/// word's dependents in order.
#[derive(Default)]
struct Arcs {
    arcs: Vec<(Option<usize>, Dep)>,
    children: Vec<Vec<usize>>,
}

impl Sentence<'_> {
    /// The parse, made now if it was left for first use; empty when there is none or it does not fit the words.
    fn arcs(&self) -> &Arcs {
        self.arcs.get_or_init(|| {
            let arcs = match self.parse {
                Some(SentenceParse::Given(arcs)) => arcs.to_vec(),
                Some(SentenceParse::Lazy(make)) => make(),
                None => Vec::new(),
            };
            if arcs.len() != self.upper.len() {
                return Arcs::default();
            }
            let mut children = vec![Vec::new(); arcs.len()];
            for (d, &(h, _)) in arcs.iter().enumerate() {
                if let Some(c) = h.and_then(|h| children.get_mut(h)) {
                    c.push(d);
                }
            }
            Arcs { arcs, children }
        })
    }
}

impl<'a> Coder<'a> {
    /// A coder over `lex`.
    pub fn new(lex: &'a Lexicon, options: Options) -> Self {
        Coder { lex, options }
    }

    /// Codes one sentence given its tokens and what earlier stages know of it; `date` is the story's date
    /// (YYYYMMDD) for date-bounded actor codes; `memory` carries names and subjects between sentences.
    pub fn code(&self, words: &[&str], known: Known<'_>, date: Option<u32>, memory: &mut Memory) -> SentenceResult {
        let mut s = match self.read(words, known, date, memory) {
            Ok(s) => s,
            Err(d) => return SentenceResult { events: Vec::new(), phrases: Vec::new(), discarded: Some(d) },
        };
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
    /// dictionaries and the coder. The sentence is read as `code` reads it when nothing else is known of it.
    pub fn explain(&self, words: &[&str], date: Option<u32>) -> String {
        use std::fmt::Write as _;
        let mut memory = Memory::default();
        let mut s = match self.read(words, Known::default(), date, &mut memory) {
            Ok(s) => s,
            Err(d) => return format!("discarded: {d:?}\n"),
        };
        let mut out = String::new();
        for c in &s.chunks {
            let _ = write!(out, "[{:?}", c.kind);
            for (word, tag) in words.iter().zip(&s.tags).take(c.end).skip(c.start) {
                let _ = write!(out, " {word}/{tag:?}");
            }
            out.push_str("] ");
        }
        out.push('\n');
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

    /// Reads a sentence as far as the clause analysis starts: tags (the trained tagger's correcting the guessed
    /// ones), the actors and agents the dictionaries name (minus the words of people's names; places the gazetteer
    /// resolved as their countries), chunks, the parse when there is one, and the phrase sequence. The one way
    /// both `code` and `explain` see a sentence. Err: a discard phrase matched.
    fn read<'s>(
        &self,
        words: &[&str],
        known: Known<'s>,
        date: Option<u32>,
        memory: &'s mut Memory,
    ) -> Result<Sentence<'s>, Discard> {
        let upper: Vec<String> = words.iter().map(|w| super::dict::upper(w)).collect();
        let toks = self.lex.token_words(&upper);
        if let Some(d) = self.discard(&upper) {
            return Err(d);
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
            // TABARI's sentence-wide patterns are not read through clauses.
            parse: known.parse.filter(|_| !self.options.sentence_patterns),
            arcs: std::cell::OnceCell::new(),
        };
        self.build_phrases(&mut s);
        Ok(s)
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
}
