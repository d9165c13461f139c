//! What a sentence reports: the events of its main clauses multiplied out into single actors, the noun groups
//! the nominal events read, and what the coder remembers for the next sentence.

use super::clauses::Pred;
use super::combine::Raw;
use super::phrases::{Np, Ph};
use super::{Coder, LoneAgents, Sentence, SentenceEvent, Side};
use crate::events::actor;
use crate::events::nominal;
use crate::events::shallow::Pos;
use crate::model::EventMode;

/// True when the noun group at `span` names parties: it ends in an actor, an agent or a pronoun ("Gondor and
/// Osgiliath", "Iranian and Iraqi officials", "they") or counts them ("both countries", "the two firms"); not when
/// the actors in it modify something else's name ("the Amsterdam, Lisbon and Paris exchanges", "German and
/// Austrian venues").
pub(super) fn names_parties(s: &Sentence<'_>, (start, end): (usize, usize)) -> bool {
    let Some(last) = end.checked_sub(1).filter(|&l| l >= start) else { return false };
    let covers =
        |m: &[Option<(u32, usize)>]| (start..=last).any(|i| m.get(i).copied().flatten().is_some_and(|(_, e)| e > last));
    let counted = s.upper[start..end].iter().any(|w| matches!(w.as_str(), "BOTH" | "TWO" | "THREE" | "FOUR"));
    counted || s.tags.get(last) == Some(&Pos::Pron) || covers(&s.matches.actors) || covers(&s.matches.agents)
}

/// A noun phrase's conjuncts as `nominal` groups, each followed by the phrases attached to it.
pub(super) fn flatten(
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

impl Coder<'_> {
    pub(super) fn events(&self, s: &mut Sentence<'_>, preds: &[Pred]) -> Vec<Raw> {
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
    pub(super) fn groups(&self, s: &Sentence<'_>, preds: &[Pred]) -> Vec<nominal::Group> {
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

    /// Multiplies actor sets out into events and drops what cannot be reported.
    pub(super) fn finish(&self, s: &Sentence<'_>, raws: Vec<Raw>) -> Vec<SentenceEvent> {
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
