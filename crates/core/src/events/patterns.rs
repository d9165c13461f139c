//! Matching compiled verb patterns around a verb: the lower part forwards from the verb, the upper part
//! backwards from it, blanks allowing gaps and `_` demanding adjacency, actor slots (`$ + %`) taking a coded
//! noun phrase. The most specific matching pattern wins; a step budget bounds the work on any input.

use super::lexicon::{CElem, CItem, CPattern, Lexicon, TokenWords};

/// What the matcher can see of a sentence.
#[derive(Debug)]
pub struct Context<'a> {
    /// The lexicon (for synsets).
    pub lex: &'a Lexicon,
    /// Word ids of the tokens.
    pub toks: &'a TokenWords,
    /// Token → end of the coded noun phrase starting there (for `$ + %`).
    pub actor_end: &'a [u32],
    /// Token → end of the chunk starting there (for `^`).
    pub chunk_end: &'a [u32],
    /// Words present in the sentence (for the prefilter).
    pub present: &'a rustc_hash::FxHashSet<u32>,
    /// Tokens pattern words may not match: the verbs of other clauses, for PETRARCH2's patterns, which name
    /// nouns and prepositions only.
    pub blocked: &'a [bool],
}

/// A successful match.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Match {
    /// Index of the pattern in its block.
    pub pattern: usize,
    /// Specificity: literal words matched count twice, actor slots once.
    pub score: u32,
    /// Token span of the `$` actor.
    pub source: Option<(usize, usize)>,
    /// Token span of the `+` actor.
    pub target: Option<(usize, usize)>,
    /// Token span of the `%` actor.
    pub compound: Option<(usize, usize)>,
    /// Tokens matched by literal words before the verb (negations a pattern has used up).
    pub upper_tokens: Vec<usize>,
    /// Tokens matched by literal words after the verb.
    pub lower_tokens: Vec<usize>,
}

const BUDGET: u32 = 4_000;

/// The best pattern of `patterns` around the verb at tokens `vstart..vend`, with the upper part confined to
/// `lo..vstart` and the lower part to `vend..hi`.
pub fn best_match(
    patterns: &[CPattern],
    ctx: &Context<'_>,
    vstart: usize,
    vend: usize,
    lo: usize,
    hi: usize,
) -> Option<Match> {
    let mut best: Option<Match> = None;
    for (k, p) in patterns.iter().enumerate() {
        if !p.required.iter().all(|w| ctx.present.contains(w)) {
            continue;
        }
        let mut budget = BUDGET;
        let mut caps = Match { pattern: k, ..Match::default() };
        let mut m = Matcher { ctx, budget: &mut budget, lo, hi };
        let Some(low_score) = m.forward(&p.lower, vend, &mut caps) else { continue };
        let Some(up_score) = m.backward(&p.upper, vstart, &mut caps) else { continue };
        caps.score = low_score + up_score;
        if best.as_ref().is_none_or(|b| caps.score > b.score) {
            best = Some(caps);
        }
    }
    best
}

struct Matcher<'c, 'a> {
    ctx: &'c Context<'a>,
    budget: &'c mut u32,
    lo: usize,
    hi: usize,
}

impl Matcher<'_, '_> {
    fn spend(&mut self) -> bool {
        if *self.budget == 0 {
            return false;
        }
        *self.budget -= 1;
        true
    }

    /// Matches `items` forwards from `pos`; the first item must start at `pos` when it is adjacent.
    fn forward(&mut self, items: &[CItem], pos: usize, caps: &mut Match) -> Option<u32> {
        let Some((first, rest)) = items.split_first() else { return Some(0) };
        let last_start = if first.adjacent { pos } else { self.hi.saturating_sub(1) };
        let mut s = pos;
        while s <= last_start && s < self.hi {
            if !self.spend() {
                return None;
            }
            for (end, score) in self.elem_ends(&first.elem, s, caps) {
                let saved = caps.clone();
                self.capture(&first.elem, s, end, caps);
                if matches!(first.elem, CElem::Word(_) | CElem::Stem(_) | CElem::Synset(_) | CElem::Alt(_)) {
                    caps.lower_tokens.extend(s..end);
                }
                if let Some(more) = self.forward(rest, end, caps) {
                    return Some(score + more);
                }
                *caps = saved;
            }
            s += 1;
        }
        None
    }

    /// Matches `items` (nearest-to-the-verb first) backwards: each item must end at `pos` when adjacent,
    /// otherwise anywhere before it.
    fn backward(&mut self, items: &[CItem], pos: usize, caps: &mut Match) -> Option<u32> {
        let Some((first, rest)) = items.split_first() else { return Some(0) };
        // Candidate starts, nearest first.
        let mut s = pos;
        while s > self.lo {
            s -= 1;
            if !self.spend() {
                return None;
            }
            for (end, score) in self.elem_ends(&first.elem, s, caps) {
                if end > pos || (first.adjacent && end != pos) {
                    continue;
                }
                let saved = caps.clone();
                self.capture(&first.elem, s, end, caps);
                if matches!(first.elem, CElem::Word(_) | CElem::Stem(_) | CElem::Synset(_) | CElem::Alt(_)) {
                    caps.upper_tokens.extend(s..end);
                }
                if let Some(more) = self.backward(rest, s, caps) {
                    return Some(score + more);
                }
                *caps = saved;
            }
            if first.adjacent && s + 8 < pos {
                break;
            }
        }
        None
    }

    fn capture(&self, elem: &CElem, s: usize, e: usize, caps: &mut Match) {
        match elem {
            CElem::Source => caps.source = Some((s, e)),
            CElem::Target => caps.target = Some((s, e)),
            CElem::Compound => caps.compound = Some((s, e)),
            _ => {}
        }
    }

    /// Where an element starting at token `s` can end, with its score.
    fn elem_ends(&mut self, elem: &CElem, s: usize, caps: &mut Match) -> Vec<(usize, u32)> {
        if s >= self.hi {
            return Vec::new();
        }
        match elem {
            CElem::Word(w) | CElem::Stem(w) => {
                if self.ctx.toks.ids(s, false).contains(w) && !self.ctx.blocked.get(s).copied().unwrap_or(false) {
                    vec![(s + 1, 2)]
                } else {
                    Vec::new()
                }
            }
            CElem::Synset(k) => {
                let lex = self.ctx.lex;
                let members = lex.synsets.get(*k as usize).map(Vec::as_slice).unwrap_or(&[]);
                let Some(index) = lex.synset_first.get(*k as usize) else { return Vec::new() };
                // Only the members whose first word is this token's (or that start with something else).
                let mut out = Vec::new();
                let ids = self.ctx.toks.ids(s, false);
                for key in ids.iter().copied().chain(std::iter::once(u32::MAX)) {
                    for &m in index.get(&key).map(Vec::as_slice).unwrap_or(&[]) {
                        if !self.spend() {
                            break;
                        }
                        if let Some(seq) = members.get(m as usize)
                            && let Some(found) = self.anchored(seq, s, caps)
                        {
                            out.push(found);
                        }
                    }
                }
                out.sort_by_key(|&(end, _)| std::cmp::Reverse(end));
                out
            }
            CElem::Alt(alts) => self.sequences(alts, s, caps),
            CElem::Source | CElem::Target | CElem::Compound => {
                let end = self.ctx.actor_end.get(s).copied().unwrap_or(0) as usize;
                if end > s && end <= self.hi { vec![(end, 1)] } else { Vec::new() }
            }
            CElem::Skip => {
                let end = (self.ctx.chunk_end.get(s).copied().unwrap_or(0) as usize).max(s + 1);
                vec![(end.min(self.hi), 0)]
            }
        }
    }

    /// Ends of any of the sequences starting exactly at `s`, longest first.
    fn sequences(&mut self, seqs: &[Vec<CItem>], s: usize, caps: &mut Match) -> Vec<(usize, u32)> {
        let mut out = Vec::new();
        for seq in seqs {
            if !self.spend() {
                break;
            }
            if let Some((end, score)) = self.anchored(seq, s, caps) {
                out.push((end, score));
            }
        }
        out.sort_by_key(|&(end, _)| std::cmp::Reverse(end));
        out
    }

    /// Matches a nested sequence whose first element starts exactly at `s`; returns its end.
    fn anchored(&mut self, seq: &[CItem], s: usize, caps: &mut Match) -> Option<(usize, u32)> {
        let (first, rest) = seq.split_first()?;
        for (end, score) in self.elem_ends(&first.elem, s, caps) {
            let mut pos = end;
            let mut total = score;
            let mut ok = true;
            for item in rest {
                let limit = if item.adjacent { pos + 1 } else { (pos + 4).min(self.hi) };
                let mut found = None;
                for start in pos..limit {
                    if !self.spend() {
                        return None;
                    }
                    if let Some(&(e, sc)) = self.elem_ends(&item.elem, start, caps).first() {
                        found = Some((e, sc));
                        break;
                    }
                }
                match found {
                    Some((e, sc)) => {
                        pos = e;
                        total += sc;
                    }
                    None => {
                        ok = false;
                        break;
                    }
                }
            }
            if ok {
                return Some((pos, total));
            }
        }
        None
    }
}
