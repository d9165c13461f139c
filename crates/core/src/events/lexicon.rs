//! The compiled form of the dictionaries: words interned as numbers, actors / agents / discards / issues in
//! word tries, verb forms in a hash map, patterns as element lists with a literal-word prefilter. Nothing
//! here reads dictionary text at coding time.

use rustc_hash::{FxHashMap, FxHashSet};

use super::dict::actors::{DateBound, PhraseWord};
use super::dict::{
    ActorEntry, AgentEntry, CodeSpec, DatedCode, DiscardEntry, Elem, Flavor, Gap, IssueEntry, PatternItem,
    VerbDictionary,
};

/// A word id.
pub type WordId = u32;

/// A pair of event codes: source → target (`active`) and target → source (`passive`).
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct CodePair {
    /// Code of source → target; `None` is the null code.
    pub active: Option<Box<str>>,
    /// Code of target → source, for symmetric or reciprocal verbs ("visit" 042 : "host" 043).
    pub passive: Option<Box<str>>,
}

impl CodePair {
    fn from_spec(spec: &CodeSpec) -> CodePair {
        CodePair { active: spec.active.as_deref().map(Into::into), passive: spec.passive.as_deref().map(Into::into) }
    }

    /// True when neither direction has a code.
    pub fn is_null(&self) -> bool {
        self.active.is_none() && self.passive.is_none()
    }
}

/// A phrase trie over word ids. An edge is keyed by (node, word, gap): `gap` edges may skip a few words
/// (TABARI's blank between words of a phrase).
#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize)]
pub struct Trie {
    edges: FxHashMap<(u32, WordId, bool), u32>,
    /// Node → entry index + 1 (0: not the end of a phrase).
    terminal: Vec<u32>,
    has_gaps: bool,
}

/// How far a gap edge may skip.
const MAX_PHRASE_GAP: usize = 2;

impl Trie {
    fn new() -> Self {
        Trie { edges: FxHashMap::default(), terminal: vec![0], has_gaps: false }
    }

    /// Adds a phrase for `entry`; a phrase already taken keeps its first entry, which is returned.
    fn insert(&mut self, words: &[(WordId, bool)], entry: u32) -> Option<u32> {
        let node = self.node(words);
        let t = self.terminal.get_mut(node as usize)?;
        if *t == 0 {
            *t = entry + 1;
            None
        } else {
            Some(*t - 1)
        }
    }

    /// Points an existing phrase at another entry.
    fn replace(&mut self, words: &[(WordId, bool)], entry: u32) {
        let node = self.node(words);
        if let Some(t) = self.terminal.get_mut(node as usize) {
            *t = entry + 1;
        }
    }

    /// The node of a phrase, created when missing.
    fn node(&mut self, words: &[(WordId, bool)]) -> u32 {
        let mut node = 0u32;
        for &(w, gap) in words {
            self.has_gaps |= gap;
            let next = self.terminal.len() as u32;
            node = *self.edges.entry((node, w, gap)).or_insert_with(|| next);
            if node == next {
                self.terminal.push(0);
            }
        }
        node
    }

    /// The longest phrase starting at token `start` (within `..end`): (entry, end token exclusive).
    pub fn longest(&self, toks: &TokenWords, start: usize, end: usize, allow_plural: bool) -> Option<(u32, usize)> {
        let mut best = None;
        self.walk(toks, 0, start, end, allow_plural, &mut best, 0);
        best
    }

    #[allow(clippy::too_many_arguments)]
    fn walk(
        &self,
        toks: &TokenWords,
        node: u32,
        pos: usize,
        end: usize,
        plural: bool,
        best: &mut Option<(u32, usize)>,
        depth: usize,
    ) {
        if depth > 24 || pos >= end {
            return;
        }
        for &w in toks.ids(pos, plural) {
            if let Some(&child) = self.edges.get(&(node, w, false)) {
                self.reached(toks, child, pos, end, plural, best, depth);
            }
        }
        if self.has_gaps && node != 0 {
            for p in pos..(pos + MAX_PHRASE_GAP + 1).min(end) {
                for &w in toks.ids(p, plural) {
                    if let Some(&child) = self.edges.get(&(node, w, true)) {
                        self.reached(toks, child, p, end, plural, best, depth);
                    }
                }
            }
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn reached(
        &self,
        toks: &TokenWords,
        child: u32,
        p: usize,
        end: usize,
        plural: bool,
        best: &mut Option<(u32, usize)>,
        depth: usize,
    ) {
        let t = self.terminal.get(child as usize).copied().unwrap_or(0);
        if t > 0 && best.is_none_or(|(_, e)| p + 1 > e) {
            *best = Some((t - 1, p + 1));
        }
        self.walk(toks, child, p + 1, end, plural, best, depth + 1);
    }
}

/// The word ids a token can match: its exact word, TABARI stems that are prefixes of it, and (for names and
/// roles) its singular.
#[derive(Debug, Default)]
pub struct TokenWords {
    /// Flat list of ids; `spans[i]` = (start, exact_and_stems_end, end) for token i.
    ids: Vec<WordId>,
    spans: Vec<(u32, u32, u32)>,
    exact: Vec<Option<WordId>>,
}

impl TokenWords {
    /// Ids of token `i`: exact and stems; with `plural` also its singular.
    pub fn ids(&self, i: usize, plural: bool) -> &[WordId] {
        match self.spans.get(i) {
            Some(&(s, m, e)) => &self.ids[s as usize..if plural { e } else { m } as usize],
            None => &[],
        }
    }

    /// The exact id of token `i`.
    pub fn exact(&self, i: usize) -> Option<WordId> {
        self.exact.get(i).copied().flatten()
    }

    /// Number of tokens.
    pub fn len(&self) -> usize {
        self.spans.len()
    }

    /// True when there are no tokens.
    pub fn is_empty(&self) -> bool {
        self.spans.is_empty()
    }
}

/// A verb form as compiled: which block it belongs to and the words that must surround it.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct FormRef {
    /// Index into `Lexicon::blocks`.
    pub block: u32,
    /// Words right before the verb word (in text order).
    pub before: Vec<WordId>,
    /// Words right after it.
    pub after: Vec<WordId>,
    /// The form's own code, overriding the block's.
    pub code: Option<CodePair>,
}

/// A compiled pattern element.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub enum CElem {
    /// An exact word.
    Word(WordId),
    /// A stem word id (matches tokens the stem is a prefix of).
    Stem(WordId),
    /// A synset (index into `Lexicon::synsets`).
    Synset(u32),
    /// Alternatives.
    Alt(Vec<Vec<CItem>>),
    /// `$` source slot.
    Source,
    /// `+` target slot.
    Target,
    /// `%` compound slot.
    Compound,
    /// `^` skip a phrase.
    Skip,
}

/// A compiled element with its adjacency to the element matched before it.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct CItem {
    /// Must directly follow (or, in upper patterns, directly precede) the previous element.
    pub adjacent: bool,
    /// What must be there.
    pub elem: CElem,
}

/// A compiled pattern. `upper` is stored nearest-to-the-verb first.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct CPattern {
    /// Elements before the verb, walking away from it.
    pub upper: Vec<CItem>,
    /// Elements after the verb.
    pub lower: Vec<CItem>,
    /// The code.
    pub code: CodePair,
    /// Literal words that must occur in the sentence (a cheap prefilter).
    pub required: Vec<WordId>,
    /// Line in the dictionary.
    pub line: u32,
}

/// A verb block as compiled.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Block {
    /// Block name.
    pub name: Box<str>,
    /// Default code.
    pub code: CodePair,
    /// Patterns in file order.
    pub patterns: Vec<CPattern>,
}

/// A transformation with its verbs resolved to PETRARCH hierarchy values.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct CTransform {
    /// Upper source variable.
    pub source: Box<str>,
    /// Lower source variable.
    pub lower_source: Box<str>,
    /// Lower target variable.
    pub lower_target: Box<str>,
    /// Lower verb code (hierarchy value); `None` for `Q`, any verb.
    pub lower_code: Option<i32>,
    /// Upper verb code (hierarchy value).
    pub code: i32,
    /// Result source variable.
    pub result_source: Box<str>,
    /// Result target variable.
    pub result_target: Box<str>,
    /// Result code; `None` for `Q` (the lower code).
    pub result_code: Option<Box<str>>,
}

/// A discard phrase: words joined by blanks; `closed` when the last word must end there (otherwise a stem);
/// `story` when it stops the whole story.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Discard {
    /// Upper-case words joined by single blanks.
    pub phrase: Box<str>,
    /// The last word must end where the phrase ends.
    pub closed: bool,
    /// The whole story is not coded.
    pub story: bool,
}

/// An actor record: codes by date.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct ActorRecord {
    /// Date-bounded codes in precedence order.
    pub codes: Vec<DatedCode>,
}

impl ActorRecord {
    /// A place's record ("TYRE" → LBN; "GEORGIA", GEO since 1991): the codes that hold today are bare country
    /// codes, where a person's or an organisation's carry a role.
    pub fn is_place(&self) -> bool {
        let mut today =
            self.codes.iter().filter(|c| matches!(c.bound, DateBound::Always | DateBound::From(_))).peekable();
        today.peek().is_some() && today.all(|c| c.codes.iter().all(|code| code.len() == 3))
    }
}

/// An agent record.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct AgentRecord {
    /// Sector code.
    pub code: Box<str>,
    /// Goes before the actor code (`NGO~`).
    pub prefix: bool,
}

/// All the dictionaries one coder runs with, as read.
#[derive(Debug, Clone, Default)]
pub struct Dictionaries {
    /// Word-matching conventions.
    pub flavor: Option<Flavor>,
    /// Verb dictionaries (usually one).
    pub verbs: Vec<VerbDictionary>,
    /// Actor records of all actor files.
    pub actors: Vec<ActorEntry>,
    /// Agents.
    pub agents: Vec<AgentEntry>,
    /// Discards.
    pub discards: Vec<DiscardEntry>,
    /// Issues.
    pub issues: Vec<IssueEntry>,
}

/// The compiled dictionaries.
#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize)]
pub struct Lexicon {
    /// Id → word.
    words: Vec<Box<str>>,
    /// Word → id (rebuilt after loading).
    #[serde(skip)]
    index: FxHashMap<Box<str>, WordId>,
    /// Ids that are stems.
    stems: FxHashSet<WordId>,
    /// Some words are marked exact (`WORD=`) and are interned as "WORD=".
    has_exact_forms: bool,
    /// Actor names.
    pub actors: Trie,
    /// Actor records.
    pub actor_records: Vec<ActorRecord>,
    /// Agent phrases.
    pub agents: Trie,
    /// Agent records.
    pub agent_records: Vec<AgentRecord>,
    /// Discard phrases.
    pub discard_phrases: Vec<Discard>,
    /// The discard phrases as one automaton over the upper-cased sentence (rebuilt after loading).
    #[serde(skip)]
    discard_matcher: Option<aho_corasick::AhoCorasick>,
    /// Issue phrases.
    pub issues: Trie,
    /// Issue codes ("" for ignore phrases).
    pub issue_codes: Vec<Box<str>>,
    /// Verb word → its forms.
    pub verbs: FxHashMap<WordId, Vec<FormRef>>,
    /// Verb blocks.
    pub blocks: Vec<Block>,
    /// Synsets: members as element sequences.
    pub synsets: Vec<Vec<Vec<CItem>>>,
    /// Per synset: first word → the members starting with it; members starting otherwise under `u32::MAX`
    /// (rebuilt after loading).
    #[serde(skip)]
    pub synset_first: Vec<FxHashMap<WordId, Vec<u32>>>,
    /// Transformations.
    pub transforms: Vec<CTransform>,
    /// ISO 3166-1 alpha-2 code → the record of the country's bare code, sorted (`set_countries`).
    countries: Vec<(Box<str>, u32)>,
}

impl Lexicon {
    /// Records which actor record codes each country, given (ISO alpha-2, ISO alpha-3) pairs: the first record
    /// that is the bare alpha-3 code, whatever the date. Countries the dictionaries do not code are left out.
    pub fn set_countries<'c>(&mut self, iso: impl IntoIterator<Item = (&'c str, &'c str)>) {
        let bare = |r: &ActorRecord, code: &str| matches!(r.codes.as_slice(), [c] if c.bound == DateBound::Always && c.codes.len() == 1 && c.codes[0] == code);
        self.countries = iso
            .into_iter()
            .filter_map(|(iso2, iso3)| {
                let record = self.actor_records.iter().position(|r| bare(r, iso3))?;
                Some((iso2.into(), record as u32))
            })
            .collect();
        self.countries.sort();
    }

    /// True when actor record `record` is a place's (`ActorRecord::is_place`).
    pub fn is_place(&self, record: u32) -> bool {
        self.actor_records.get(record as usize).is_some_and(ActorRecord::is_place)
    }

    /// The actor record of the country with ISO alpha-2 code `iso2`.
    pub fn country_record(&self, iso2: &str) -> Option<u32> {
        self.countries.binary_search_by(|(code, _)| (**code).cmp(iso2)).ok().map(|i| self.countries[i].1)
    }

    /// Compiles read dictionaries. Patterns naming an undefined synset are dropped and reported.
    pub fn compile(d: &Dictionaries) -> (Lexicon, Vec<String>) {
        let mut lx = Lexicon { actors: Trie::new(), agents: Trie::new(), issues: Trie::new(), ..Lexicon::default() };
        let mut problems = Vec::new();
        let mut shared = Vec::new();
        for (i, a) in d.actors.iter().enumerate() {
            for phrase in &a.phrases {
                let words = lx.phrase_ids(phrase);
                if let Some(first) = lx.actors.insert(&words, i as u32) {
                    shared.push((words, first, i));
                }
            }
            lx.actor_records.push(ActorRecord { codes: a.codes.clone() });
        }
        // One phrase, several records ("President Bush" for father and son): the phrase gets a record of its
        // own whose dated codes come first, so the one whose dates hold on the story's date wins over a default.
        for (words, _, other) in shared {
            // The record the phrase points at now (perhaps already merged), then this one.
            let Some(current) = lx.actors.insert(&words, other as u32) else { continue };
            if current as usize == other {
                continue;
            }
            let (Some(a), Some(b)) = (lx.actor_records.get(current as usize), d.actors.get(other)) else { continue };
            let always = |c: &&DatedCode| c.bound == DateBound::Always;
            let mut codes: Vec<DatedCode> = a.codes.iter().filter(|c| !always(c)).cloned().collect();
            codes.extend(b.codes.iter().filter(|c| !always(c)).cloned());
            codes.extend(a.codes.iter().filter(always).cloned());
            codes.extend(b.codes.iter().filter(always).cloned());
            let idx = lx.actor_records.len() as u32;
            lx.actor_records.push(ActorRecord { codes });
            lx.actors.replace(&words, idx);
        }
        for a in &d.agents {
            let idx = lx.agent_records.len() as u32;
            let words = lx.phrase_ids(&a.phrase);
            lx.agents.insert(&words, idx);
            lx.agent_records.push(AgentRecord { code: a.code.as_str().into(), prefix: a.prefix });
        }
        for e in &d.discards {
            lx.discard_phrases.push(Discard { phrase: e.words.join(" ").into(), closed: e.closed, story: e.story });
        }
        for (i, e) in d.issues.iter().enumerate() {
            let words: Vec<(WordId, bool)> = e.words.iter().map(|w| (lx.intern(w), false)).collect();
            lx.issues.insert(&words, i as u32);
            lx.issue_codes.push(e.code.as_str().into());
        }
        // Synsets first (patterns refer to them by name); a synset may contain an earlier synset.
        let mut synset_ids: FxHashMap<String, u32> = FxHashMap::default();
        for v in &d.verbs {
            for s in &v.synsets {
                let id = lx.synsets.len() as u32;
                synset_ids.insert(s.name.trim_end_matches('_').to_string(), id);
                lx.synsets.push(Vec::new());
            }
        }
        let mut k = 0usize;
        for v in &d.verbs {
            for s in &v.synsets {
                let mut members = Vec::new();
                for m in &s.members {
                    match lx.items(m, &synset_ids) {
                        Ok(items) => members.push(items),
                        Err(e) => problems.push(format!("synset &{} (line {}): {e}", s.name, s.line)),
                    }
                }
                if let Some(slot) = lx.synsets.get_mut(k) {
                    *slot = members;
                }
                k += 1;
            }
        }
        let mut by_name: FxHashMap<String, u32> = FxHashMap::default();
        for (vi, v) in d.verbs.iter().enumerate() {
            for b in &v.blocks {
                // A later dictionary (a supplement) adds forms and patterns to a block of the same name.
                let merge = if vi > 0 { by_name.get(&b.name).copied() } else { None };
                let block = merge.unwrap_or(lx.blocks.len() as u32);
                for f in &b.forms {
                    let verb = lx.intern(&f.verb);
                    if f.stem {
                        lx.stems.insert(verb);
                    }
                    let form = FormRef {
                        block,
                        before: f.before.iter().map(|w| lx.intern(w)).collect(),
                        after: f.after.iter().map(|w| lx.intern(w)).collect(),
                        code: f.code.as_ref().map(CodePair::from_spec),
                    };
                    let list = lx.verbs.entry(verb).or_default();
                    // Multi-word forms are tried before single words.
                    if form.before.is_empty() && form.after.is_empty() {
                        list.push(form);
                    } else {
                        list.insert(0, form);
                    }
                }
                let mut patterns = Vec::new();
                for (pi, p) in b.patterns.iter().enumerate() {
                    // TABARI's "complex" marker codes nothing and blocks nothing.
                    if p.code.active.as_deref() == Some("+++") {
                        continue;
                    }
                    // PETRARCH stores patterns by their words, so of two identical patterns in a block the later
                    // one's code is the one that holds (`* &TREATY` is 057 after RATIFY was merged into APPROVE).
                    let same =
                        |q: &super::dict::Pattern| q.upper == p.upper && q.lower == p.lower && q.verb_gap == p.verb_gap;
                    if d.flavor == Some(Flavor::Petrarch)
                        && b.patterns.get(pi + 1..).is_some_and(|rest| rest.iter().any(same))
                    {
                        continue;
                    }
                    let upper = match lx.items(&p.upper, &synset_ids) {
                        Ok(u) => u,
                        Err(e) => {
                            problems.push(format!("pattern at line {}: {e}", p.line));
                            continue;
                        }
                    };
                    let lower = match lx.items(&p.lower, &synset_ids) {
                        Ok(l) => l,
                        Err(e) => {
                            problems.push(format!("pattern at line {}: {e}", p.line));
                            continue;
                        }
                    };
                    // Upper elements nearest-to-the-verb first; adjacency re-expressed towards the verb.
                    let n = upper.len();
                    let mut rev = Vec::with_capacity(n);
                    for j in (0..n).rev() {
                        let adjacent = if j + 1 == n { p.verb_gap == Gap::Adjacent } else { upper[j + 1].adjacent };
                        rev.push(CItem { adjacent, elem: upper[j].elem.clone() });
                    }
                    let mut required = Vec::new();
                    for it in rev.iter().chain(lower.iter()) {
                        if let CElem::Word(w) = it.elem {
                            required.push(w);
                        }
                    }
                    patterns.push(CPattern {
                        upper: rev,
                        lower,
                        code: CodePair::from_spec(&p.code),
                        required,
                        line: p.line as u32,
                    });
                }
                match merge.and_then(|m| lx.blocks.get_mut(m as usize)) {
                    Some(existing) => existing.patterns.extend(patterns),
                    None => {
                        by_name.entry(b.name.clone()).or_insert(block);
                        lx.blocks.push(Block {
                            name: b.name.as_str().into(),
                            code: CodePair::from_spec(&b.code),
                            patterns,
                        });
                    }
                }
            }
        }
        for v in &d.verbs {
            for t in &v.transformations {
                let code_of = |lx: &Lexicon, verb: &str| -> Option<i32> {
                    let id = lx.id(verb)?;
                    let form = lx.verbs.get(&id)?.iter().find(|f| f.before.is_empty() && f.after.is_empty())?;
                    let code = form.code.as_ref().unwrap_or(&lx.blocks.get(form.block as usize)?.code);
                    super::codes::to_hierarchy(code.active.as_deref()?)
                };
                let lower_code = if t.lower_verb == "Q" { None } else { code_of(&lx, &t.lower_verb) };
                let Some(code) = code_of(&lx, &t.verb) else {
                    problems.push(format!("transformation at line {}: verb {} has no code", t.line, t.verb));
                    continue;
                };
                if t.lower_verb != "Q" && lower_code.is_none() {
                    problems.push(format!("transformation at line {}: verb {} has no code", t.line, t.lower_verb));
                    continue;
                }
                lx.transforms.push(CTransform {
                    source: t.source.as_str().into(),
                    lower_source: t.lower_source.as_str().into(),
                    lower_target: t.lower_target.as_str().into(),
                    lower_code,
                    code,
                    result_source: t.result_source.as_str().into(),
                    result_target: t.result_target.as_str().into(),
                    result_code: (t.result_code != "Q").then(|| t.result_code.as_str().into()),
                });
            }
        }
        lx.has_exact_forms = lx.words.iter().any(|w| w.len() > 1 && w.ends_with('='));
        lx.rebuild_index();
        (lx, problems)
    }

    fn intern(&mut self, word: &str) -> WordId {
        if let Some(&id) = self.index.get(word) {
            return id;
        }
        let id = self.words.len() as WordId;
        self.words.push(word.into());
        self.index.insert(word.into(), id);
        id
    }

    fn phrase_ids(&mut self, phrase: &[PhraseWord]) -> Vec<(WordId, bool)> {
        phrase
            .iter()
            .map(|w| {
                let id = self.intern(&w.word);
                if w.stem {
                    self.stems.insert(id);
                }
                (id, w.gap)
            })
            .collect()
    }

    fn items(&mut self, items: &[PatternItem], synsets: &FxHashMap<String, u32>) -> Result<Vec<CItem>, String> {
        let mut out = Vec::with_capacity(items.len());
        for it in items {
            let elem = match &it.elem {
                Elem::Word { word, stem } => {
                    let id = self.intern(word);
                    if *stem {
                        self.stems.insert(id);
                        CElem::Stem(id)
                    } else {
                        CElem::Word(id)
                    }
                }
                Elem::Synset(name) => match synsets.get(name.trim_end_matches('_')) {
                    Some(&s) => CElem::Synset(s),
                    None => return Err(format!("undefined synset &{name}")),
                },
                Elem::Alt(alts) => {
                    let mut v = Vec::new();
                    for a in alts {
                        v.push(self.items(a, synsets)?);
                    }
                    CElem::Alt(v)
                }
                Elem::Source => CElem::Source,
                Elem::Target => CElem::Target,
                Elem::Compound => CElem::Compound,
                Elem::Skip => CElem::Skip,
            };
            out.push(CItem { adjacent: it.gap == Gap::Adjacent, elem });
        }
        Ok(out)
    }

    /// Rebuilds the word index, the synset index and the discard automaton after deserialization.
    pub fn rebuild_index(&mut self) {
        self.synset_first = self
            .synsets
            .iter()
            .map(|members| {
                let mut map: FxHashMap<WordId, Vec<u32>> = FxHashMap::default();
                for (m, seq) in members.iter().enumerate() {
                    let key = match seq.first().map(|i| &i.elem) {
                        Some(CElem::Word(w) | CElem::Stem(w)) => *w,
                        _ => u32::MAX,
                    };
                    map.entry(key).or_default().push(m as u32);
                }
                map
            })
            .collect();
        self.index = self.words.iter().enumerate().map(|(i, w)| (w.clone(), i as WordId)).collect();
        let phrases: Vec<&str> = self.discard_phrases.iter().map(|d| &*d.phrase).collect();
        self.discard_matcher = if phrases.is_empty() {
            None
        } else {
            aho_corasick::AhoCorasick::builder().match_kind(aho_corasick::MatchKind::Standard).build(&phrases).ok()
        };
    }

    /// The discard phrases found in a sentence whose upper-cased tokens are `joined` by single blanks:
    /// `Some(true)` for a story discard, `Some(false)` for a sentence discard.
    pub fn discard(&self, joined: &str) -> Option<bool> {
        let matcher = self.discard_matcher.as_ref()?;
        let bytes = joined.as_bytes();
        let mut found = None;
        for m in matcher.find_overlapping_iter(joined) {
            let starts_word = m.start() == 0 || bytes.get(m.start() - 1) == Some(&b' ');
            let Some(d) = self.discard_phrases.get(m.pattern().as_usize()) else { continue };
            let ends_word = m.end() == bytes.len() || bytes.get(m.end()) == Some(&b' ');
            if starts_word && (ends_word || !d.closed) {
                if d.story {
                    return Some(true);
                }
                found = Some(false);
            }
        }
        found
    }

    /// The id of an upper-case word.
    pub fn id(&self, word: &str) -> Option<WordId> {
        self.index.get(word).copied()
    }

    /// The word of an id.
    pub fn word(&self, id: WordId) -> &str {
        self.words.get(id as usize).map_or("", |w| w)
    }

    /// True when an upper-case word can begin an actor name.
    pub fn starts_actor(&self, upper_word: &str) -> bool {
        self.id(upper_word).is_some_and(|id| self.actors.edges.contains_key(&(0, id, false)))
    }

    /// True when an upper-case word can begin an agent (role) phrase.
    pub fn starts_agent(&self, upper_word: &str) -> bool {
        self.id(upper_word).is_some_and(|id| self.agents.edges.contains_key(&(0, id, false)))
    }

    /// True when `id` is a stem.
    pub fn is_stem(&self, id: WordId) -> bool {
        self.stems.contains(&id)
    }

    /// Analyses the upper-cased tokens of a sentence into the ids they can match.
    pub fn token_words<S: AsRef<str>>(&self, tokens: &[S]) -> TokenWords {
        let mut tw = TokenWords {
            ids: Vec::with_capacity(tokens.len() * 2),
            spans: Vec::with_capacity(tokens.len()),
            exact: Vec::with_capacity(tokens.len()),
        };
        let has_stems = !self.stems.is_empty();
        for t in tokens {
            let t = t.as_ref();
            let start = tw.ids.len() as u32;
            let exact = self.id(t);
            if let Some(id) = exact {
                tw.ids.push(id);
            }
            if self.has_exact_forms
                && let Some(id) = self.id(&format!("{t}="))
            {
                tw.ids.push(id);
            }
            tw.exact.push(exact);
            if has_stems {
                for (i, _) in t.char_indices().skip(2) {
                    if let Some(id) = self.id(&t[..i])
                        && self.stems.contains(&id)
                    {
                        tw.ids.push(id);
                    }
                }
            }
            let mid = tw.ids.len() as u32;
            if t.len() > 3 {
                for singular in singulars(t) {
                    if let Some(id) = self.id(&singular)
                        && exact != Some(id)
                    {
                        tw.ids.push(id);
                    }
                }
            }
            tw.spans.push((start, mid, tw.ids.len() as u32));
        }
        tw
    }

    /// Serializes the lexicon.
    pub fn to_bytes(&self) -> Result<Vec<u8>, postcard::Error> {
        postcard::to_allocvec(self)
    }
}

/// Candidate singulars of an upper-case plural ("ROHANS" → ROHAN, "ARMIES" → ARMY, "BUSES" → BUS).
fn singulars(word: &str) -> Vec<String> {
    let mut out = Vec::new();
    if let Some(stem) = word.strip_suffix("IES") {
        out.push(format!("{stem}Y"));
    }
    if let Some(stem) = word.strip_suffix("ES") {
        out.push(stem.to_string());
    }
    if let Some(stem) = word.strip_suffix('S')
        && !stem.ends_with('S')
    {
        out.push(stem.to_string());
    }
    out
}
