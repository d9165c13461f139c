//! A predicate's events: its code and sides, combined with the events of the clause it governs ("agreed to
//! lift", "said it would allow", "urged Bree to help"), through the dictionaries' transformations where they
//! apply.

use super::clauses::{Pred, coordinated};
use super::sides::Phrase;
use super::verbs::{Code, CtxData, VerbCode};
use super::words::{FUTURE_VERBS, PROMISE_VERBS};
use super::{Coder, Sentence};
use crate::events::codes;
use crate::events::intent;
use crate::model::EventMode;

/// An event on its way out: actor sets rather than single actors.
#[derive(Debug, Clone)]
pub(super) struct Raw {
    pub(super) src: Vec<String>,
    pub(super) src_span: (usize, usize),
    pub(super) tgt: Vec<String>,
    pub(super) tgt_span: (usize, usize),
    pub(super) code: Option<Code>,
    pub(super) mode: EventMode,
    pub(super) trigger: (usize, usize),
}

pub(super) fn merge_mode(a: EventMode, b: EventMode) -> EventMode {
    match (a, b) {
        (EventMode::Negated, _) | (_, EventMode::Negated) => EventMode::Negated,
        (EventMode::Anticipated, _) | (_, EventMode::Anticipated) => EventMode::Anticipated,
        _ => EventMode::Asserted,
    }
}

impl Coder<'_> {
    #[allow(clippy::too_many_arguments)]
    pub(super) fn pred_events(
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
    pub(super) fn pred_events_inner(
        &self,
        s: &Sentence<'_>,
        preds: &[Pred],
        k: usize,
        p: &Pred,
        cd: &CtxData,
        cache: &mut Vec<Option<Vec<Raw>>>,
        depth: usize,
    ) -> Vec<Raw> {
        let v = self.verb_code(s, preds, k, cd);
        let (src, tgt) = self.sides(s, preds, k, &v);
        let mut mode = if p.future { EventMode::Anticipated } else { EventMode::Asserted };
        if p.negated && !v.negation_used {
            mode = EventMode::Negated;
        }
        let trigger = v.verb;
        // A governed verb: combine with its complement's events (a passive reports its own event only).
        if let Some(c) = p.complement.filter(|_| !p.passive || p.raising) {
            let out = self.governing(s, preds, k, c, &v, &src, cd, cache, depth);
            if !out.is_empty() {
                return out;
            }
        }
        if p.raising {
            return Vec::new();
        }
        let Some(mut code) = v.code else {
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

    /// The events of predicate `k` through the clause `c` it governs ("agreed to lift", "said it would allow",
    /// "urged Bree to help"): the governing verb's code combined with the governed one's, through the
    /// dictionaries' transformations where they apply. Empty when the governed clause codes nothing.
    #[allow(clippy::too_many_arguments)]
    fn governing(
        &self,
        s: &Sentence<'_>,
        preds: &[Pred],
        k: usize,
        c: usize,
        v: &VerbCode,
        src: &Option<Phrase>,
        cd: &CtxData,
        cache: &mut Vec<Option<Vec<Raw>>>,
        depth: usize,
    ) -> Vec<Raw> {
        let p = &preds[k];
        let (code, base, lower_used, negation_used, trigger) =
            (&v.code, &v.base, &v.lower_used, v.negation_used, v.verb);
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
        out
    }

    /// "A said that B did X": transformations first; A's own action reported by A; an uncoded clause about
    /// B makes A's statement about B; otherwise the reported event itself.
    pub(super) fn clausal(
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
    pub(super) fn stated_intent(&self, e: &Raw) -> Option<Raw> {
        if !self.options.cameo_codes || e.mode != EventMode::Anticipated {
            return None;
        }
        let text = intent::intent_code(&e.code.as_ref()?.text)?;
        let code = Code { text: text.to_string(), passive: None, hier: codes::to_hierarchy(text) };
        Some(Raw { code: Some(code), mode: EventMode::Asserted, ..e.clone() })
    }

    pub(super) fn transform(&self, upper: i32, lower: i32, a: &[String], e: &Raw) -> Option<Raw> {
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
}
