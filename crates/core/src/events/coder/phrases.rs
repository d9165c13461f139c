//! Noun phrases and the phrase sequence of a sentence: conjuncts, attached "of / from / in" phrases, the actor
//! codes of each group (possessor rule, remembered names, pronouns), at the level the clause analysis reads.

use super::{CodedPhrase, Coder, LoneAgents, Sentence};
use crate::events::actor::{self, SpanCodes};
use crate::events::shallow::{ChunkKind, Pos};

/// A noun phrase: coordinated conjuncts, each a noun group with prepositional phrases attached to it.
#[derive(Debug, Clone, Default)]
pub(super) struct Np {
    pub(super) start: usize,
    pub(super) end: usize,
    pub(super) conjuncts: Vec<Conjunct>,
    pub(super) codes: Vec<String>,
}

#[derive(Debug, Clone, Default)]
pub(super) struct Conjunct {
    pub(super) start: usize,
    pub(super) end: usize,
    pub(super) pps: Vec<(usize, Np)>,
    pub(super) own: SpanCodes,
    pub(super) codes: Vec<String>,
}

/// A phrase of the sentence at the level the clause analysis works on.
#[derive(Debug, Clone)]
pub(super) enum Ph {
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

/// The noun phrases of a sentence: those of the clause level in order, then the ones attached inside them.
pub(super) fn all_nps(phs: &[Ph]) -> Vec<&Np> {
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
pub(super) fn coded_phrases(np: &Np, out: &mut Vec<CodedPhrase>, depth: usize) {
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

pub(super) fn ph_start(s: &Sentence<'_>, ph: &Ph) -> Option<usize> {
    match ph {
        Ph::Np(np) => Some(np.start),
        Ph::Pp(t, _) => Some(*t),
        Ph::Vg(ci) => Some(s.chunks[*ci].start),
        _ => None,
    }
}

pub(super) fn ph_end(s: &Sentence<'_>, ph: &Ph, default: usize) -> usize {
    match ph {
        Ph::Np(np) | Ph::Pp(_, np) => np.end.max(default),
        Ph::Vg(ci) => s.chunks[*ci].end.max(default),
        _ => default,
    }
}

impl Coder<'_> {
    pub(super) fn build_phrases(&self, s: &mut Sentence<'_>) {
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
    pub(super) fn parse_np(&self, s: &mut Sentence<'_>, ci: usize) -> (Np, usize) {
        if let Some(Some(parsed)) = s.nps.get(ci) {
            return parsed.clone();
        }
        let parsed = self.parse_np_afresh(s, ci);
        if let Some(slot) = s.nps.get_mut(ci) {
            *slot = Some(parsed.clone());
        }
        parsed
    }

    pub(super) fn parse_np_afresh(&self, s: &mut Sentence<'_>, ci: usize) -> (Np, usize) {
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

    pub(super) fn parse_conjunct(&self, s: &mut Sentence<'_>, ci: usize) -> (Conjunct, usize) {
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
    pub(super) fn scan_group(&self, s: &Sentence<'_>, start: usize, end: usize) -> SpanCodes {
        let mut codes = self.scan_roles(s, start, end);
        // "Former security officials", "former Gondor prosecutors": whatever their role was, they are elites
        // now (TABARI's and PETRARCH's `~ELI` for "former" before an agent).
        if !codes.agents.is_empty() && s.upper[start..end].iter().any(|w| w == "FORMER") {
            codes.agents = vec![("ELI".to_string(), false)];
        }
        codes
    }

    pub(super) fn scan_roles(&self, s: &Sentence<'_>, start: usize, end: usize) -> SpanCodes {
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

    pub(super) fn code_np(&self, s: &mut Sentence<'_>, np: &mut Np) {
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
    pub(super) fn remembered(&self, s: &Sentence<'_>, start: usize, end: usize, own: &SpanCodes) -> Vec<String> {
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
    pub(super) fn antecedent(&self, s: &Sentence<'_>) -> Option<Vec<String>> {
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

    /// The codes and span of the noun phrase at phrase `j`.
    pub(super) fn np_of(&self, s: &Sentence<'_>, j: usize) -> Option<(Vec<String>, (usize, usize))> {
        match s.phs.get(j)? {
            Ph::Np(np) | Ph::Pp(_, np) => Some((np.codes.clone(), (np.start, np.end))),
            _ => None,
        }
    }
}
