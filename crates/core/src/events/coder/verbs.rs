//! A verb's code: the dictionary form at a word, the best of its block's patterns over the clause (or the
//! sentence, for TABARI's dictionaries), and the noun phrases the pattern's slots name.

use rustc_hash::FxHashSet;

use super::clauses::Pred;
use super::phrases::all_nps;
use super::{Coder, Sentence};
use crate::events::codes;
use crate::events::lexicon::{CodePair, FormRef};
use crate::events::patterns::{self, Context};
use crate::events::shallow::Pos;

/// A code as it travels through combination: its text and, for CAMEO codes, PETRARCH's hierarchy value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Code {
    pub(super) text: String,
    pub(super) passive: Option<String>,
    pub(super) hier: Option<i32>,
}

impl Code {
    pub(super) fn from_pair(pair: &CodePair, cameo: bool) -> Option<Code> {
        let text = pair.active.as_deref()?.to_string();
        let hier = if cameo { codes::to_hierarchy(&text) } else { None };
        Some(Code { text, passive: pair.passive.as_deref().map(str::to_string), hier })
    }

    pub(super) fn from_hier(value: i32) -> Option<Code> {
        codes::from_hierarchy(value).map(|t| Code { text: t.to_string(), passive: None, hier: Some(value) })
    }
}

pub(super) struct CtxData {
    pub(super) actor_end: Vec<u32>,
    pub(super) chunk_end: Vec<u32>,
    pub(super) present: FxHashSet<u32>,
}

/// What the patterns made of a predicate's verb.
pub(super) struct VerbCode {
    /// The code of the best pattern, else the verb's own code, else its block's.
    pub(super) code: Option<Code>,
    /// The verb's own code (else its block's): what governs a complement through the transformations.
    pub(super) base: Option<Code>,
    /// The phrases the pattern's source and target slots name (a compound slot names both).
    pub(super) pattern_src: Option<(Vec<String>, (usize, usize))>,
    pub(super) pattern_tgt: Option<(Vec<String>, (usize, usize))>,
    /// The source came from a compound slot, not a source slot.
    pub(super) src_from_compound: bool,
    /// The pattern itself holds the negation ("did not agree" coded as such), which then changes nothing more.
    pub(super) negation_used: bool,
    /// Words of the governed clause the pattern names ("want … attack").
    pub(super) lower_used: Vec<usize>,
    /// The pattern's first word before the verb.
    pub(super) pattern_first: Option<usize>,
    /// The verb: in TABARI's dictionaries an earlier or later word of the group may take its place.
    pub(super) verb: (usize, usize),
}

impl Coder<'_> {
    pub(super) fn context_data(&self, s: &Sentence<'_>) -> CtxData {
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

    /// Codes and span of the phrase whose tokens include `span` (a pattern slot).
    pub(super) fn np_at(&self, s: &Sentence<'_>, span: (usize, usize)) -> Option<(Vec<String>, (usize, usize))> {
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

    /// The code of predicate `k`'s verb: the best pattern over its clause (the sentence, for TABARI's
    /// dictionaries), else the verb's own code, else its block's.
    pub(super) fn verb_code(&self, s: &Sentence<'_>, preds: &[Pred], k: usize, cd: &CtxData) -> VerbCode {
        let p = &preds[k];
        let mut code: Option<Code> = None;
        let mut pattern_src = None;
        let mut src_from_compound = false;
        let mut pattern_tgt = None;
        let mut negation_used = false;
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
        VerbCode {
            code,
            base,
            pattern_src,
            pattern_tgt,
            src_from_compound,
            negation_used,
            lower_used,
            pattern_first,
            verb,
        }
    }
}
