//! Actor coding: the CAMEO code of a noun phrase from the actor and agent dictionaries (dates respected),
//! with the rules PETRARCH applies to noun phrases — a possessor gives the affiliation of the title after it
//! ("Iran's President X" → IRN + GOV), an actor-less head takes the actor of its "of / in / from" phrase
//! ("soldiers from Gondor" → GONMIL), agents combine with actors (`~GOV` after, `NGO~` before) — and a
//! document memory that codes later mentions of a name ("Pezeshkian") and pronouns.

use super::lexicon::{Lexicon, TokenWords};

/// Codes found in a span of tokens.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SpanCodes {
    /// Actor codes (country, organisation), in text order, without duplicates.
    pub actors: Vec<String>,
    /// Agent codes with their placement (`true`: before the actor code).
    pub agents: Vec<(String, bool)>,
    /// True when a name in the span was found in the actor dictionary (even with a null code).
    pub named: bool,
    /// Token span of the first agent (the role words).
    pub role: Option<(usize, usize)>,
    /// Token span of the first actor.
    pub actor_span: Option<(usize, usize)>,
}

impl SpanCodes {
    /// True when nothing was found.
    pub fn is_empty(&self) -> bool {
        self.actors.is_empty() && self.agents.is_empty()
    }
}

/// Finds actors and agents in `toks[start..end]`: the longest actor phrase at each position, else the longest
/// agent phrase.
pub fn scan(lex: &Lexicon, toks: &TokenWords, start: usize, end: usize, date: Option<u32>) -> SpanCodes {
    scan_cached(lex, toks, start, end, date, None)
}

/// The longest actor and agent phrase starting at each token of a sentence, computed once per sentence.
#[derive(Debug, Clone, Default)]
pub struct Matches {
    /// Token → (actor record, end token).
    pub actors: Vec<Option<(u32, usize)>>,
    /// Token → (agent record, end token).
    pub agents: Vec<Option<(u32, usize)>>,
}

impl Matches {
    /// Finds the matches of a sentence.
    pub fn new(lex: &Lexicon, toks: &TokenWords) -> Matches {
        let n = toks.len();
        Matches {
            actors: (0..n).map(|i| lex.actors.longest(toks, i, n, true)).collect(),
            agents: (0..n).map(|i| lex.agents.longest(toks, i, n, true)).collect(),
        }
    }

    /// Forgets the place and agent matches that begin inside one of `names` (people's names as token ranges)
    /// without covering it from its first token: the dictionaries' "Tyre" (Lebanon) in "Tyre Nichols", "Paris"
    /// in "Paris Hilton", "King" (an agent) in "John King". A person's own entry ("Abdullah") stays.
    pub fn forget_inside(&mut self, lex: &Lexicon, names: &[(usize, usize)]) {
        for &(first, end) in names {
            for i in first..end.min(self.actors.len()) {
                let part = |(_, e): (u32, usize)| i > first || e < end;
                if self.actors[i].is_some_and(|m| part(m) && lex.is_place(m.0)) {
                    self.actors[i] = None;
                }
                if self.agents[i].is_some_and(part) {
                    self.agents[i] = None;
                }
            }
        }
    }

    /// Recodes the place matches that cover one of `places` exactly (token ranges, each with the ISO alpha-2 code
    /// of the country a gazetteer placed it in) as that country: "Moscow" of "Moscow, Idaho" and the state of
    /// Georgia are in the United States, whatever the dictionaries' Russia and Georgia.
    pub fn relocate(&mut self, lex: &Lexicon, places: &[(usize, usize, &str)]) {
        for &(first, end, iso2) in places {
            let Some(country) = lex.country_record(iso2) else { continue };
            if let Some(m) = self.actors.get_mut(first)
                && m.is_some_and(|(record, e)| e == end && lex.is_place(record))
            {
                *m = Some((country, end));
                continue;
            }
            // A place the dictionaries do not know ("Ohio", "Kherson") is its country, unless a name or an agent
            // already covers any of its words.
            let covered = |list: &[Option<(u32, usize)>]| {
                list.iter().take(end).enumerate().any(|(k, m)| m.is_some_and(|(_, e)| k < end && e > first))
            };
            if end > first && !covered(&self.actors) && !covered(&self.agents) && first < self.actors.len() {
                self.actors[first] = Some((country, end));
            }
        }
    }
}

/// [`scan`] with the sentence's matches precomputed (a match reaching past `end` is looked up again).
pub fn scan_cached(
    lex: &Lexicon,
    toks: &TokenWords,
    start: usize,
    end: usize,
    date: Option<u32>,
    cache: Option<&Matches>,
) -> SpanCodes {
    let mut out = SpanCodes::default();
    let mut i = start;
    while i < end {
        let lookup =
            |list: Option<&Vec<Option<(u32, usize)>>>, trie: &super::lexicon::Trie| match list.and_then(|l| l.get(i)) {
                Some(&m) if m.is_none_or(|(_, e)| e <= end) => m,
                _ => trie.longest(toks, i, end, true),
            };
        let actor = lookup(cache.map(|c| &c.actors), &lex.actors);
        let agent = lookup(cache.map(|c| &c.agents), &lex.agents);
        // Prefer the longer match; on a tie the actor.
        match (actor, agent) {
            (Some((a, ae)), ag) if ag.is_none_or(|(_, ge)| ae >= ge) => {
                out.named = true;
                if let Some(codes) = lex
                    .actor_records
                    .get(a as usize)
                    .and_then(|r| r.codes.iter().find(|c| c.bound.holds(date)).map(|c| c.codes.clone()))
                {
                    // One noun group names one actor: the first name found ("Somali militant group al-Shabab"
                    // is Somali), later names only confirm it is named.
                    if !codes.is_empty() && out.actor_span.is_none() {
                        out.actor_span = Some((i, ae));
                        out.actors = codes;
                    }
                }
                i = ae;
            }
            (_, Some((g, ge))) => {
                if let Some(rec) = lex.agent_records.get(g as usize) {
                    let entry = (rec.code.to_string(), rec.prefix);
                    if !out.agents.contains(&entry) {
                        out.agents.push(entry);
                    }
                    if out.role.is_none() {
                        out.role = Some((i, ge));
                    }
                }
                i = ge;
            }
            _ => i += 1,
        }
    }
    out
}

/// Combines actor codes with agent codes the way PETRARCH does: each agent is added to each actor unless the
/// actor code already contains it; `~PPL` yields to any other agent; an agent without an actor gets `---`.
pub fn mix(actors: &[String], agents: &[(String, bool)]) -> Vec<String> {
    if actors.is_empty() && agents.is_empty() {
        return Vec::new();
    }
    let mut codes: Vec<String> = if actors.is_empty() { vec![String::new()] } else { actors.to_vec() };
    let several = agents.len() > 1;
    for (agent, prefix) in agents {
        if agent == "PPL" && several {
            continue;
        }
        for c in &mut codes {
            if !c.contains(agent.as_str()) {
                *c = if *prefix { format!("{agent}{c}") } else { format!("{c}{agent}") };
            }
        }
    }
    let mut out = Vec::new();
    for c in codes {
        let c = if actors.is_empty() { format!("---{c}") } else { c };
        if c != "---" && !c.is_empty() && !out.contains(&c) {
            out.push(c);
        }
    }
    out
}

/// What the document has said so far about its actors, for names mentioned again without their title
/// ("Pezeshkian"), for pronouns and for "the two leaders".
#[derive(Debug, Clone, Default)]
pub struct Memory {
    /// Upper-case name word → codes it was last coded with.
    names: rustc_hash::FxHashMap<String, Vec<String>>,
    /// The codes of recent subjects, most recent last.
    subjects: Vec<Vec<String>>,
    /// The codes of recent actors of any role, most recent last.
    actors: Vec<Vec<String>>,
}

impl Memory {
    /// Remembers that the name ending in `word` was coded `codes`.
    pub fn remember_name(&mut self, word: &str, codes: &[String]) {
        if codes.is_empty() || word.len() < 3 {
            return;
        }
        self.names.insert(word.to_string(), codes.to_vec());
    }

    /// The codes of a name seen before.
    pub fn name(&self, word: &str) -> Option<&[String]> {
        self.names.get(word).map(Vec::as_slice)
    }

    /// Remembers the codes of a subject.
    pub fn remember_subject(&mut self, codes: &[String]) {
        if !codes.is_empty() {
            self.subjects.push(codes.to_vec());
            if self.subjects.len() > 8 {
                self.subjects.remove(0);
            }
        }
    }

    /// Remembers the codes of an actor named in any role.
    pub fn remember_actor(&mut self, codes: &[String]) {
        if !codes.is_empty() {
            self.actors.push(codes.to_vec());
            if self.actors.len() > 16 {
                self.actors.remove(0);
            }
        }
    }

    /// The most recent subject.
    pub fn last_subject(&self) -> Option<&[String]> {
        self.subjects.last().map(Vec::as_slice)
    }

    /// The two most recent distinct actors ("the two leaders", "both countries").
    pub fn last_two(&self) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for s in self.actors.iter().rev() {
            for c in s {
                let country = c.get(..3).unwrap_or(c);
                if !out.iter().any(|o| o.get(..3) == Some(country)) {
                    out.push(c.clone());
                }
            }
            if out.len() >= 2 {
                break;
            }
        }
        out.truncate(2);
        if out.len() == 2 { out } else { Vec::new() }
    }

    /// Forgets everything (a new story).
    pub fn clear(&mut self) {
        self.names.clear();
        self.subjects.clear();
        self.actors.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(v: &[&str]) -> Vec<String> {
        v.iter().map(|x| x.to_string()).collect()
    }

    #[test]
    fn mixing_follows_petrarch() {
        assert_eq!(mix(&s(&["ARN"]), &[("GOV".into(), false)]), s(&["ARNGOV"]));
        assert_eq!(mix(&s(&["USAGOV"]), &[("GOV".into(), false)]), s(&["USAGOV"]));
        assert_eq!(mix(&s(&["ARN"]), &[("NGO".into(), true), ("GOV".into(), false)]), s(&["NGOARNGOV"]));
        assert_eq!(mix(&[], &[("GOV".into(), false)]), s(&["---GOV"]));
        assert_eq!(mix(&s(&["FRO", "BIL"]), &[]), s(&["FRO", "BIL"]));
        assert!(mix(&[], &[]).is_empty());
    }

    #[test]
    fn memory_of_two() {
        let mut m = Memory::default();
        m.remember_actor(&s(&["IRNGOV"]));
        m.remember_actor(&s(&["IRNGOV"]));
        m.remember_actor(&s(&["IRQGOV"]));
        assert_eq!(m.last_two(), s(&["IRQGOV", "IRNGOV"]));
    }
}
