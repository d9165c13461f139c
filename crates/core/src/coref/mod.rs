//! Coreference: the pronouns ("he", "its", "them") and definite descriptions ("the company", "the minister") that
//! point at a named entity, found in one pass over the document.
//!
//! The stage keeps a short discourse model in the manner of Lappin and Leass (1994): every named entity and every
//! unnamed noun phrase mentioned in the last few sentences is a referent with a salience that grows with each
//! mention (more for subjects and objects than for words inside a prepositional phrase or a possessive) and halves
//! with every sentence. A pronoun goes to the most salient referent that agrees with it in number, person or thing,
//! and sex (from titles, the words around the name and a table of given names), is not the subject of its own
//! clause when the pronoun is an object, and stands inside the same quotation when the pronoun does. The stage
//! abstains when an unnamed phrase wins ("A man … he") or when two referents are nearly as salient. It reads the
//! tokens, sentences, parts of speech and chunks of the earlier stages and the entities stage's mentions, and
//! changes none of them: its references are extra mentions of entities that already exist.

mod names;
mod words;

use crate::entities::Entities;
use crate::model::{Label, MentionKind};
use crate::tag::{ChunkKind, Pos, Tags};
use crate::text::Text;
pub use names::{GivenNames, GivenNamesFile};
use rustc_hash::{FxHashMap, FxHashSet};
pub use words::{Kind, Pronoun, Sex};

/// A pronoun or description that refers to a named entity.
#[derive(Debug, Clone, PartialEq)]
pub struct Reference {
    /// First token.
    pub first_token: usize,
    /// One past the last token.
    pub end_token: usize,
    /// Start byte in the normalized text.
    pub start: usize,
    /// End byte in the normalized text.
    pub end: usize,
    /// Index into `Text::sentences`.
    pub sentence: usize,
    /// Index into `Text::segments`.
    pub segment: usize,
    /// Pronoun or description.
    pub kind: MentionKind,
    /// The entity it refers to: index into `Entities::entities`.
    pub entity: usize,
    /// Confidence in [0, 1]: the winner's share of the salience of the two best referents.
    pub score: f32,
}

/// The references of a document, in text order.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct References {
    /// In text order, not overlapping.
    pub references: Vec<Reference>,
}

impl References {
    /// The entity the reference at token `t` points at, if a reference covers that token.
    pub fn entity_at(&self, t: usize) -> Option<usize> {
        let k = self.references.partition_point(|r| r.end_token <= t);
        self.references.get(k).filter(|r| r.first_token <= t).map(|r| r.entity)
    }
}

/// Sentences a referent stays in the discourse model after its last mention.
const WINDOW: usize = 4;
/// At most this many referents are kept (the least recently mentioned leave first): the stage stays linear.
const MAX_REFERENTS: usize = 48;
/// A pronoun is resolved only when the runner-up has less than this share of the winner's salience.
const MARGIN: f32 = 0.6;

/// Salience weights (Lappin and Leass 1994): a mention in the current sentence, as subject, as direct object,
/// not inside a prepositional phrase; pronoun and antecedent both subjects.
const RECENCY: f32 = 100.0;
const SUBJECT: f32 = 80.0;
const OBJECT: f32 = 50.0;
const HEAD: f32 = 50.0;
const PARALLEL: f32 = 35.0;
/// A mention inside a quotation weighs this much of its weight for pronouns outside it.
const QUOTED: f32 = 0.3;

/// One thing the discourse has mentioned.
#[derive(Debug, Clone)]
struct Referent {
    /// The named entity, or none for an unnamed noun phrase.
    entity: Option<usize>,
    kind: Kind,
    sex: Option<Sex>,
    plural: bool,
    /// Salience as of `sentence`.
    salience: f32,
    sentence: usize,
    /// Token of the last mention, its clause, whether it was a subject, and its quotation.
    last_token: usize,
    clause: usize,
    subject: bool,
    quote: Option<usize>,
}

impl Referent {
    fn salience_at(&self, sentence: usize) -> f32 {
        self.salience * 0.5f32.powi(sentence.saturating_sub(self.sentence).min(30) as i32)
    }

    fn accepts(&self, p: &Pronoun) -> bool {
        if self.entity.is_some() {
            return p.agrees(self.kind, self.sex);
        }
        match (p.sex, p.plural) {
            (Some(want), _) => self.kind == Kind::Person && !self.plural && self.sex.is_none_or(|s| s == want),
            (None, true) => self.plural,
            (None, false) => !self.plural && self.kind != Kind::Person,
        }
    }
}

/// What the stage knows of each entity: its kind, its sex, and the words that describe it.
struct EntityInfo {
    kind: Kind,
    sex: Option<Sex>,
    /// Lower-cased words of its role and of the words written before or beside its names ("tory", "mp").
    descriptors: FxHashSet<String>,
}

/// The entities' infos, and the entities each descriptor word describes (in entity order, which is the order of
/// first mention), so a description looks only at the entities its head word describes.
struct Infos {
    of: Vec<EntityInfo>,
    described_by: FxHashMap<String, Vec<usize>>,
}

impl Infos {
    fn new(of: Vec<EntityInfo>) -> Self {
        let mut described_by: FxHashMap<String, Vec<usize>> = FxHashMap::default();
        for (e, info) in of.iter().enumerate() {
            for word in &info.descriptors {
                described_by.entry(word.clone()).or_default().push(e);
            }
        }
        Infos { of, described_by }
    }
}

/// Where a mention stands in its sentence.
#[derive(Debug, Clone, Copy)]
struct Role {
    subject: bool,
    object: bool,
    /// Inside a prepositional phrase or a possessive modifier.
    embedded: bool,
}

/// The document as the stage reads it.
struct View<'a> {
    text: &'a Text<'a>,
    tags: &'a Tags,
    /// Lower-cased token texts.
    lower: Vec<String>,
    /// The chunk of each token.
    chunk: Vec<Option<usize>>,
    /// The clause number of each token (a new clause at punctuation, conjunctions, "that", "who" …).
    clause: Vec<usize>,
    /// The quotation of each token inside quotation marks.
    quote: Vec<Option<usize>>,
}

impl<'a> View<'a> {
    fn new(text: &'a Text<'a>, tags: &'a Tags) -> Self {
        let n = text.tokens.len();
        let lower: Vec<String> = (0..n).map(|i| text.token_text(i).to_lowercase()).collect();
        let mut chunk = vec![None; n];
        for (k, c) in tags.chunks.iter().enumerate() {
            for slot in chunk.iter_mut().take(c.end_token.min(n)).skip(c.first_token) {
                *slot = Some(k);
            }
        }
        let mut clause = vec![0; n];
        let mut quote = vec![None; n];
        let (mut current, mut quotes, mut open) = (0, 0, None);
        for i in 0..n {
            let w = lower[i].as_str();
            let mark = matches!(w, "\"" | "``" | "''");
            let token = &text.tokens[i];
            if token.newlines_before > 0 && !mark {
                open = None;
            }
            if mark || matches!(w, "," | ";" | ":" | "--" | "(" | ")" | "." | "!" | "?") || is_clause_word(w) {
                current += 1;
            }
            if mark {
                // A mark with a word right after it and space before it opens (or, inside a quotation, reopens
                // it: the next paragraph of the same quotation, run together); any other mark closes.
                let attached_right = text.tokens.get(i + 1).is_some_and(|t| !t.space_before && t.newlines_before == 0);
                let attached_left = i > 0 && !token.space_before && token.newlines_before == 0;
                let opens = w == "``" || (w == "\"" && attached_right && !attached_left);
                open = match (open, opens) {
                    (Some(q), true) => Some(q),
                    (_, true) => {
                        quotes += 1;
                        Some(quotes)
                    }
                    (_, false) => None,
                };
            } else {
                quote[i] = open;
            }
            clause[i] = current;
        }
        View { text, tags, lower, chunk, clause, quote }
    }

    fn pos(&self, i: usize) -> Option<Pos> {
        self.tags.pos.get(i).copied()
    }

    fn word(&self, i: usize) -> &str {
        self.lower.get(i).map_or("", String::as_str)
    }

    fn chunk_kind(&self, k: usize) -> Option<ChunkKind> {
        self.tags.chunks.get(k).map(|c| c.kind)
    }

    /// The role of the phrase `[first, end)`: a subject when a verb follows it (past an apposition set off by
    /// commas), an object right after a verb, embedded after a preposition or before a possessive.
    fn role(&self, first: usize, end: usize) -> Role {
        let sentence = self.text.sentences.get(self.text.sentence_of_token(first));
        let (start, stop) = sentence.map_or((0, self.lower.len()), |s| (s.first_token, s.end_token));
        // The whole noun chunk the phrase sits in.
        let chunk_first = self.chunk[first].and_then(|k| self.tags.chunks.get(k)).map_or(first, |c| c.first_token);
        let chunk_end = self.chunk[end - 1].and_then(|k| self.tags.chunks.get(k)).map_or(end, |c| c.end_token);
        let before = (chunk_first > start).then(|| chunk_first - 1);
        let possessive = matches!(self.word(end), "'s" | "'") || self.pos(end) == Some(Pos::POS);
        let after_preposition = before.is_some_and(|b| matches!(self.pos(b), Some(Pos::IN | Pos::TO)));
        let after_verb = before.is_some_and(|b| self.pos(b).is_some_and(is_verb));
        // Past an apposition (", the chief executive,") or a relative clause set off by commas.
        let mut next = chunk_end.max(end);
        if self.word(next) == ","
            && let Some(comma) = (next + 1..stop.min(next + 16)).find(|&t| self.word(t) == ",")
        {
            next = comma + 1;
        }
        while next < stop && matches!(self.pos(next), Some(Pos::RB)) {
            next += 1;
        }
        let verb_follows = next < stop && self.pos(next).is_some_and(|p| is_verb(p) || p == Pos::MD);
        let embedded = after_preposition || possessive;
        Role { subject: !embedded && verb_follows && !after_verb, object: !embedded && after_verb, embedded }
    }

    /// The salience a mention with this role adds.
    fn weight(&self, role: Role, quoted: bool) -> f32 {
        let mut w = RECENCY;
        if role.subject {
            w += SUBJECT;
        } else if role.object {
            w += OBJECT;
        }
        if !role.embedded {
            w += HEAD;
        }
        if quoted { w * QUOTED } else { w }
    }
}

fn is_verb(p: Pos) -> bool {
    matches!(p, Pos::VB | Pos::VBD | Pos::VBG | Pos::VBN | Pos::VBP | Pos::VBZ)
}

/// Words that start a new clause for the binding of object pronouns.
fn is_clause_word(w: &str) -> bool {
    matches!(
        w,
        "that"
            | "who"
            | "whom"
            | "which"
            | "and"
            | "but"
            | "because"
            | "when"
            | "while"
            | "after"
            | "before"
            | "if"
            | "as"
            | "since"
            | "although"
            | "though"
            | "where"
            | "so"
            | "or"
            | "saying"
            | "to"
    )
}

/// The kind of referent an entity label is.
fn kind_of(label: Label) -> Kind {
    match label {
        Label::Person => Kind::Person,
        Label::Org => Kind::Organisation,
        Label::Gpe | Label::Loc | Label::Fac => Kind::Place,
        Label::Norp => Kind::Group,
        _ => Kind::Thing,
    }
}

/// "it" that points at nothing: "it is clear that", "it was agreed to", "it emerged", "it is the first time".
fn is_pleonastic(view: &View<'_>, i: usize) -> bool {
    let next = view.word(i + 1);
    if matches!(
        next,
        "seems"
            | "seemed"
            | "appears"
            | "appeared"
            | "emerged"
            | "remains"
            | "remained"
            | "means"
            | "meant"
            | "takes"
            | "took"
            | "follows"
            | "matters"
            | "helps"
            | "pays"
            | "looks"
            | "looked"
    ) {
        return true;
    }
    let be = |w: &str| {
        matches!(w, "is" | "was" | "'s" | "be" | "been" | "being" | "will" | "would" | "may" | "might" | "could")
            || matches!(w, "has" | "had" | "have" | "can" | "must" | "should" | "not" | "also" | "still" | "now")
    };
    if !be(next) {
        return false;
    }
    // "it BE … ADJ/VBN/time … to|that|whether|if|how|for"
    let stop = view.text.sentences.get(view.text.sentence_of_token(i)).map_or(i + 1, |s| s.end_token);
    let mut t = i + 1;
    while t < stop && t < i + 5 && be(view.word(t)) {
        t += 1;
    }
    let predicate = view.pos(t).is_some_and(|p| matches!(p, Pos::JJ | Pos::JJR | Pos::JJS | Pos::VBN | Pos::RB))
        || matches!(view.word(t), "time" | "a" | "the" | "no");
    predicate
        && (t + 1..stop.min(t + 6))
            .any(|u| matches!(view.word(u), "to" | "that" | "whether" | "if" | "how" | "for" | "what" | "when" | "why"))
}

/// The sex the text gives each entity: titles before its names and given names, by vote. A name's first word is
/// read as a given name when the name has more than one word ("Alice Smith"), or when the entity is never named
/// with more than one ("Alice"): a lone word of a longer name is its surname ("Smith").
fn entity_infos(view: &View<'_>, found: &Entities, names: &GivenNames) -> Vec<EntityInfo> {
    let text = view.text;
    let mut full_name = vec![false; found.entities.len()];
    for m in &found.mentions {
        if let Some(f) = full_name.get_mut(m.entity) {
            *f |= m.end_token > m.first_token + 1;
        }
    }
    let mut votes = vec![(0i32, 0i32); found.entities.len()];
    let mut descriptors: Vec<FxHashSet<String>> = vec![FxHashSet::default(); found.entities.len()];
    for m in &found.mentions {
        let Some(v) = votes.get_mut(m.entity) else { continue };
        let person = m.label == Label::Person;
        if !person {
            // An organisation's own words describe it ("Barclays Bank" is a bank).
            descriptors[m.entity].extend((m.first_token..m.end_token).map(|t| view.word(t).to_string()));
        }
        let mut vote = |s: Option<Sex>| match s {
            _ if !person => {}
            Some(Sex::Male) => v.0 += 1,
            Some(Sex::Female) => v.1 += 1,
            None => {}
        };
        if m.end_token > m.first_token + 1 || !full_name[m.entity] {
            vote(names.sex(text.token_text(m.first_token)));
        }
        // The words of its noun chunk before the name ("Tory MP", "rap mogul"), and a title right before it.
        let chunk_first = view.chunk[m.first_token]
            .and_then(|k| view.tags.chunks.get(k))
            .map_or(m.first_token, |c| c.first_token.min(m.first_token));
        let from = chunk_first.max(m.first_token.saturating_sub(4));
        for t in from..m.first_token {
            let w = view.word(t);
            if t + 1 == m.first_token || chunk_first < m.first_token {
                vote(words::title_sex(w.trim_end_matches('.')).or_else(|| words::title_sex(w)));
            }
            if w.chars().all(|c| c.is_alphanumeric() || c == '-') {
                descriptors[m.entity].insert(w.to_string());
            }
        }
        // An apposition after it: "Mr Smith, the chief executive, said".
        if view.word(m.end_token) == "," && matches!(view.word(m.end_token + 1), "the" | "a" | "an") {
            let mut t = m.end_token + 2;
            while t < text.tokens.len() && t < m.end_token + 8 && !matches!(view.word(t), "," | "." | "of") {
                vote(words::title_sex(view.word(t)));
                descriptors[m.entity].insert(view.word(t).to_string());
                t += 1;
            }
        }
    }
    found
        .entities
        .iter()
        .zip(votes)
        .zip(descriptors)
        .map(|((e, (mut male, mut female)), mut descriptors)| {
            // The role written before a name ("Foreign Minister", "Queen").
            let role = e.role.and_then(|(a, b)| text.normalized().get(a..b)).unwrap_or("").to_lowercase();
            for w in role.split_whitespace() {
                match words::title_sex(w) {
                    Some(Sex::Male) => male += 1,
                    Some(Sex::Female) => female += 1,
                    None => {}
                }
                descriptors.insert(w.to_string());
            }
            EntityInfo { kind: kind_of(e.label), sex: sex_of(male, female), descriptors }
        })
        .collect()
}

fn sex_of(male: i32, female: i32) -> Option<Sex> {
    match male.cmp(&female) {
        std::cmp::Ordering::Greater => Some(Sex::Male),
        std::cmp::Ordering::Less => Some(Sex::Female),
        std::cmp::Ordering::Equal => None,
    }
}

/// The discourse model: the referents of the last few sentences.
struct Discourse {
    referents: Vec<Referent>,
}

impl Discourse {
    /// Adds a mention of `entity`, or of a new unnamed referent when `entity` is `None`.
    fn mention(&mut self, entity: Option<usize>, kind: Kind, sex: Option<Sex>, plural: bool, weight: f32, at: At) {
        let k = match entity.and_then(|e| self.referents.iter().position(|r| r.entity == Some(e))) {
            Some(k) => k,
            None => {
                if self.referents.len() >= MAX_REFERENTS
                    && let Some(oldest) = (0..self.referents.len()).min_by_key(|&k| self.referents[k].last_token)
                {
                    self.referents.swap_remove(oldest);
                }
                let (salience, sentence, last_token, clause, subject, quote) =
                    (0.0, at.sentence, at.token, at.clause, false, at.quote);
                let r = Referent { entity, kind, sex, plural, salience, sentence, last_token, clause, subject, quote };
                self.referents.push(r);
                self.referents.len() - 1
            }
        };
        self.update(k, weight, at);
    }

    /// Adds a mention of referent `k`.
    fn update(&mut self, k: usize, weight: f32, at: At) {
        let Some(r) = self.referents.get_mut(k) else { return };
        r.salience = r.salience_at(at.sentence) + weight;
        r.sentence = at.sentence;
        r.last_token = at.token;
        r.clause = at.clause;
        r.subject = at.subject;
        r.quote = at.quote;
    }

    /// Forgets the referents last mentioned more than `WINDOW` sentences before `sentence`.
    fn age(&mut self, sentence: usize) {
        self.referents.retain(|r| sentence.saturating_sub(r.sentence) <= WINDOW);
    }
}

/// Where a mention is.
#[derive(Debug, Clone, Copy)]
struct At {
    token: usize,
    sentence: usize,
    clause: usize,
    subject: bool,
    quote: Option<usize>,
}

/// Unnamed phrases count at this share of their salience: news refers back to the people and organisations it
/// names far more often than to the things around them.
const UNNAMED: f32 = 0.5;

fn unnamed_discount(r: &Referent) -> f32 {
    if r.entity.is_some() { 1.0 } else { UNNAMED }
}

/// The winner among the referents that pass `accept` (possibly an unnamed one), with its share of the two best
/// saliences; `None` when nothing passes or when the runner-up comes within `MARGIN` of the winner.
fn choose(
    referents: &[Referent],
    sentence: usize,
    accept: impl Fn(&Referent) -> bool,
    bonus: impl Fn(&Referent) -> f32,
) -> Option<(usize, f32)> {
    let mut best: Option<(usize, f32)> = None;
    let mut second = 0f32;
    for (k, r) in referents.iter().enumerate() {
        if !accept(r) {
            continue;
        }
        let score = r.salience_at(sentence) * unnamed_discount(r) + bonus(r);
        match best {
            Some((_, b)) if score <= b => second = second.max(score),
            _ => {
                if let Some((_, b)) = best {
                    second = second.max(b);
                }
                best = Some((k, score));
            }
        }
    }
    let (k, score) = best?;
    if score <= 0.0 || second >= MARGIN * score {
        return None;
    }
    Some((k, score / (score + second)))
}

/// Finds the references of a document.
pub fn resolve(text: &Text<'_>, tags: &Tags, found: &Entities, names: &GivenNames) -> References {
    resolve_traced(text, tags, found, names, &mut None)
}

/// `resolve`, writing the candidates of every pronoun into `trace` when it is given (for development).
pub fn resolve_traced(
    text: &Text<'_>,
    tags: &Tags,
    found: &Entities,
    names: &GivenNames,
    trace: &mut Option<Vec<String>>,
) -> References {
    let n = text.tokens.len();
    if n == 0 || tags.pos.len() != n {
        return References::default();
    }
    let view = View::new(text, tags);
    let infos = Infos::new(entity_infos(&view, found, names));
    // The name mention starting at each token.
    let mut mention_at: Vec<Option<usize>> = vec![None; n];
    let mut in_name = vec![false; n];
    for (k, m) in found.mentions.iter().enumerate() {
        if m.first_token < n && m.end_token <= n {
            mention_at[m.first_token] = Some(k);
            in_name[m.first_token..m.end_token].iter_mut().for_each(|f| *f = true);
        }
    }
    let mut out = Vec::new();
    let mut discourse = Discourse { referents: Vec::new() };
    let mut sentence = 0;
    let mut i = 0;
    'tokens: while i < n {
        while text.sentences.get(sentence).is_some_and(|s| s.end_token <= i) {
            sentence += 1;
            discourse.age(sentence);
            if crate::deadline::passed() {
                break 'tokens;
            }
        }
        let at =
            |t: usize, subject: bool| At { token: t, sentence, clause: view.clause[t], subject, quote: view.quote[t] };
        let segment = text.sentences.get(sentence).map_or(0, |s| s.segment);
        if text.segments.get(segment).is_some_and(|s| s.detached) {
            i += 1;
            continue;
        }
        // A name: a mention of its entity.
        if let Some(k) = mention_at[i] {
            let m = &found.mentions[k];
            let info = &infos.of[m.entity];
            // A people named as an adjective ("British ministers") is no referent of "they".
            if info.kind == Kind::Group
                && view
                    .pos(m.end_token)
                    .is_some_and(|p| matches!(p, Pos::NN | Pos::NNS | Pos::NNP | Pos::NNPS | Pos::JJ))
            {
                i = m.end_token.max(i + 1);
                continue;
            }
            let role = view.role(m.first_token, m.end_token);
            let weight = view.weight(role, view.quote[i].is_some());
            discourse.mention(Some(m.entity), info.kind, info.sex, false, weight, at(i, role.subject));
            i = m.end_token.max(i + 1);
            continue;
        }
        // A pronoun.
        if let Some(pronoun) = Pronoun::of(view.word(i))
            && tags.pos.get(i).is_some_and(|p| matches!(p, Pos::PRP | Pos::PRPS))
        {
            let pronoun = object_her(&view, i, pronoun);
            if !(view.word(i) == "it" && is_pleonastic(&view, i)) {
                let role = view.role(i, i + 1);
                let here = at(i, role.subject && !pronoun.possessive);
                let accept = |r: &Referent| {
                    r.accepts(&pronoun)
                        && !(pronoun.object && r.subject && r.sentence == sentence && r.clause == here.clause)
                        && (here.quote.is_none() || r.quote.is_some())
                };
                let bonus = |r: &Referent| if here.subject && r.subject { PARALLEL } else { 0.0 };
                if let Some(lines) = trace.as_mut() {
                    lines.push(describe(&view, found, &discourse, i, sentence, &accept, &bonus));
                }
                if let Some((k, score)) = choose(&discourse.referents, sentence, accept, bonus) {
                    if let Some(entity) = discourse.referents[k].entity {
                        out.push(reference(text, i, i + 1, sentence, MentionKind::Pronoun, entity, score));
                    }
                    discourse.update(k, view.weight(role, here.quote.is_some()), here);
                }
            }
            i += 1;
            continue;
        }
        // A noun phrase without a name: a definite description of an entity, or an unnamed referent.
        if let Some(k) = view.chunk[i]
            && view.chunk_kind(k) == Some(ChunkKind::NP)
            && tags.chunks[k].first_token == i
        {
            let end = tags.chunks[k].end_token.min(n);
            let head = end - 1;
            let named_head = in_name[head];
            if !named_head && view.pos(head).is_some_and(|p| matches!(p, Pos::NN | Pos::NNS)) {
                let role = view.role(i, end);
                let here = at(i, role.subject);
                let weight = view.weight(role, here.quote.is_some());
                // A description points back past its own sentence ("Google said it would buy the firm").
                let described = description(&view, found, &infos, &discourse, i, end, sentence).filter(|&(e, _)| {
                    !discourse.referents.iter().any(|r| r.entity == Some(e) && r.sentence == sentence)
                });
                match described {
                    Some((entity, score)) => {
                        out.push(reference(text, i, end, sentence, MentionKind::Description, entity, score));
                        let info = &infos.of[entity];
                        discourse.mention(Some(entity), info.kind, info.sex, false, weight, here);
                    }
                    None => {
                        let word = view.word(head);
                        let plural = view.pos(head) == Some(Pos::NNS);
                        let singular = if plural { word.strip_suffix('s').unwrap_or(word) } else { word };
                        let person = words::person_noun(singular);
                        let kind = if person.is_some() { Kind::Person } else { Kind::Thing };
                        discourse.mention(None, kind, person.flatten(), plural, weight, here);
                    }
                }
                // Names inside the phrase ("the Iranian leader") are still mentions.
                for (t, at_t) in mention_at.iter().enumerate().take(end).skip(i) {
                    if let Some(m) = at_t.map(|k| &found.mentions[k]) {
                        let info = &infos.of[m.entity];
                        let role = Role { subject: false, object: false, embedded: true };
                        let w = view.weight(role, view.quote[t].is_some());
                        discourse.mention(Some(m.entity), info.kind, info.sex, false, w, at(t, false));
                    }
                }
                i = end;
                continue;
            }
        }
        i += 1;
    }
    References { references: out }
}

/// One line for the trace: the pronoun and its candidates with their scores.
fn describe(
    view: &View<'_>,
    found: &Entities,
    discourse: &Discourse,
    i: usize,
    sentence: usize,
    accept: &dyn Fn(&Referent) -> bool,
    bonus: &dyn Fn(&Referent) -> f32,
) -> String {
    let mut line = format!("{} @{i}:", view.word(i));
    for r in &discourse.referents {
        let name = match r.entity {
            Some(e) => found
                .entities
                .get(e)
                .and_then(|en| found.mentions.get(en.name_mention))
                .map_or("?".to_string(), |m| view.text.normalized()[m.start..m.end].to_string()),
            None => format!("({})", view.word(r.last_token)),
        };
        let score = r.salience_at(sentence) * unnamed_discount(r) + bonus(r);
        let mark = if accept(r) { "" } else { "✗" };
        line.push_str(&format!(" {mark}{name}={score:.0}"));
    }
    line
}

/// "her" before a noun or an adjective is possessive; otherwise an object ("told her").
fn object_her(view: &View<'_>, i: usize, p: Pronoun) -> Pronoun {
    let object = match view.word(i) {
        "her" => !view.pos(i + 1).is_some_and(|q| matches!(q, Pos::NN | Pos::NNS | Pos::NNP | Pos::NNPS | Pos::JJ)),
        // "took it", not "said it would": before a verb, "it" is the subject of a clause of its own.
        "it" => {
            i > 0
                && view.pos(i - 1).is_some_and(is_verb)
                && !view.pos(i + 1).is_some_and(|q| is_verb(q) || q == Pos::MD)
        }
        _ => p.object,
    };
    Pronoun { object, possessive: p.possessive && !object, ..p }
}

/// The entity a definite description `[first, end)` names: "the company" for the most salient organisation, "the
/// Iranian leader" for the person whose role or descriptors hold "leader" and whose affiliation agrees with
/// "Iranian". Not "the president of France" (a new referent), not a description set beside a name ("Mr Smith, the
/// chief executive"), and nothing when two candidates are close.
fn description(
    view: &View<'_>,
    found: &Entities,
    infos: &Infos,
    discourse: &Discourse,
    first: usize,
    end: usize,
    sentence: usize,
) -> Option<(usize, f32)> {
    if view.word(first) != "the" || end < first + 2 || view.pos(end - 1) != Some(Pos::NN) {
        return None;
    }
    let head = view.word(end - 1);
    let kind = words::description_kind(head)?;
    let next = view.word(end);
    let followed_by_name = view.text.word(end).is_some_and(|w| w.starts_with(char::is_uppercase));
    let after_name = first >= 2
        && view.word(first - 1) == ","
        && view.text.word(first - 2).is_some_and(|w| w.starts_with(char::is_uppercase));
    if matches!(next, "of" | "who" | "that" | "which" | ",") && next != "," || followed_by_name || after_name {
        return None;
    }
    // The modifiers: words between "the" and the head, and the names among them ("Iranian").
    let modifiers: Vec<&str> = (first + 1..end - 1).map(|t| view.word(t)).collect();
    let after_first = found.mentions.partition_point(|m| m.first_token <= first);
    let named_modifier: Option<String> = found.mentions[after_first..]
        .iter()
        .take_while(|m| m.first_token < end)
        .find(|m| m.end_token < end)
        .map(|m| view.word(m.first_token).to_string());
    let accept = |r: &Referent| {
        let Some(e) = r.entity else { return false };
        let info = &infos.of[e];
        if info.kind != kind && !(kind == Kind::Organisation && head == "side" && info.kind == Kind::Place) {
            return false;
        }
        if kind == Kind::Place && found.entities.get(e).is_none_or(|en| en.label != Label::Gpe) {
            return false;
        }
        // "the party" or "the bank" needs an organisation named or described so ("Barclays Bank", "bank Barclays").
        if kind == Kind::Organisation && !words::generic_organisation(head) && !info.descriptors.contains(head) {
            return false;
        }
        // "the Iranian leader" is no Iraqi's.
        match (&named_modifier, found.entities.get(e).and_then(|en| en.affiliation)) {
            (Some(name), Some(aff)) => {
                let aff_word = found
                    .entities
                    .get(aff)
                    .and_then(|a| found.mentions.get(a.name_mention))
                    .map_or("", |m| view.word(m.first_token));
                same_stem(name, aff_word)
            }
            _ => true,
        }
    };
    // An entity described before with the same words ("Foreign Minister …" → "the minister") comes first; one
    // described as "shadow", "deputy" or "former" is not what the description names without that word.
    let described = |r: &Referent| {
        let Some(info) = r.entity.and_then(|e| infos.of.get(e)) else { return 0.0 };
        let has = |w: &str| info.descriptors.contains(w);
        if has(head) && QUALIFIERS.iter().any(|q| has(q) && !modifiers.contains(q)) {
            return -RECENCY;
        }
        let words: Vec<&str> =
            modifiers.iter().copied().filter(|m| named_modifier.as_deref() != Some(*m)).chain([head]).collect();
        RECENCY * words.iter().filter(|w| has(w)).count() as f32 / words.len() as f32
    };
    // One entity named before and described with every word of the description: that one, however long ago. Only
    // entities its head word describes can be; when more than `FULL_CANDIDATES` of them were named before, the
    // stage does not look for the one (the work per description stays bounded).
    let named_before =
        |e: &usize| found.entities[*e].mentions.first().is_some_and(|&m| found.mentions[m].first_token < first);
    let candidates = infos.described_by.get(head).map_or(&[][..], |es| &es[..es.partition_point(named_before)]);
    let candidates = if candidates.len() > FULL_CANDIDATES { &[][..] } else { candidates };
    let full: Vec<usize> = candidates
        .iter()
        .copied()
        .filter(|&e| {
            let r = Referent {
                entity: Some(e),
                kind: infos.of[e].kind,
                sex: None,
                plural: false,
                salience: 0.0,
                sentence,
                last_token: 0,
                clause: 0,
                subject: false,
                quote: None,
            };
            accept(&r) && described(&r) >= RECENCY
        })
        .collect();
    if let [e] = full[..] {
        return Some((e, 0.8));
    }
    let (k, score) = choose(&discourse.referents, sentence, |r| accept(r) && described(r) >= 0.0, described)?;
    discourse.referents[k].entity.map(|e| (e, score))
}

/// At most this many entities described by a description's head word are tried as the one it names in full.
const FULL_CANDIDATES: usize = 32;

/// Words that make a role another one ("the foreign secretary" is not the shadow foreign secretary).
const QUALIFIERS: &[&str] = &["shadow", "deputy", "former", "vice", "acting", "assistant", "ex"];

/// True when two words share a stem of four letters ("iranian" and "iran").
fn same_stem(a: &str, b: &str) -> bool {
    let a = a.to_lowercase();
    let b = b.to_lowercase();
    let stem = |s: &str| s.chars().take(4).collect::<String>();
    a.chars().count() >= 4 && b.chars().count() >= 4 && stem(&a) == stem(&b)
}

fn reference(
    text: &Text<'_>,
    first: usize,
    end: usize,
    sentence: usize,
    kind: MentionKind,
    entity: usize,
    score: f32,
) -> Reference {
    Reference {
        first_token: first,
        end_token: end,
        start: text.tokens[first].start,
        end: text.tokens[end - 1].end,
        sentence,
        segment: text.sentences.get(sentence).map_or(0, |s| s.segment),
        kind,
        entity,
        score,
    }
}

#[cfg(test)]
mod tests;
