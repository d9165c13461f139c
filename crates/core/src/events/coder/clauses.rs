//! Clause reading: each verb group's predicate (negation, modality, passive, raising frames), its subject,
//! objects, prepositional phrases and complements, and which predicates are governed by others.

use super::phrases::{Ph, ph_end, ph_start};
use super::words::{BE, CLAUSE_VERBS, FUTURE_MODALS, OBJECT_CONTROL, RAISING};
use super::{Coder, Sentence};
use crate::events::lexicon::FormRef;
use crate::events::shallow::{Pos, VForm};

/// A predicate: a verb group with what the analysis found around it.
#[derive(Debug, Clone, Default)]
pub(super) struct Pred {
    /// Index of the verb group in `phs`.
    pub(super) ph: usize,
    /// Token span of the verb group and of the verb itself (multi-word verbs included).
    pub(super) group: (usize, usize),
    pub(super) verb: (usize, usize),
    pub(super) form: Option<FormRef>,
    pub(super) negated: bool,
    pub(super) future: bool,
    pub(super) passive: bool,
    pub(super) infinitive: bool,
    /// A raising frame ("is about to", "are expected to"): no event of its own.
    pub(super) raising: bool,
    pub(super) subject: Option<usize>,
    /// Shares the subject of this predicate (coordinated verb phrases, controlled infinitives).
    pub(super) subject_from: Option<usize>,
    pub(super) objects: Vec<usize>,
    pub(super) pps: Vec<usize>,
    pub(super) complement: Option<usize>,
    /// The complement is a clause with its own subject (say / believe that …).
    pub(super) clausal: bool,
    /// Object controlling the infinitive ("urged Bree to …").
    pub(super) controller: Option<usize>,
    /// An infinitive after the objects that is not a complement ("efforts to stop X"): its object may be
    /// this verb's target when nothing closer is.
    pub(super) adjunct: Option<usize>,
    /// Has a governing predicate (so its events are reported through it).
    pub(super) governed: bool,
    pub(super) end: usize,
}

pub(super) enum Subject {
    Np(usize),
    /// The noun phrase a relative pronoun stands for ("the group that seized …").
    Relative(usize),
    SameAs(usize),
    None,
}

/// The verb phrases coordinated with predicate `c` ("to give a speech … and meet with …"), which share its
/// governing verb.
pub(super) fn coordinated(preds: &[Pred], c: usize) -> Vec<usize> {
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

/// True when the verb group at phrase `q` is a bare participle or gerund (no auxiliary), which after a noun
/// modifies it.
pub(super) fn modifier(s: &Sentence<'_>, q: usize) -> bool {
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
pub(super) fn finite(s: &Sentence<'_>, p: &Pred) -> bool {
    let (gs, ge) = p.group;
    (gs..ge).any(|k| matches!(s.tags[k], Pos::Aux | Pos::Modal | Pos::Verb(VForm::Past | VForm::Pres3 | VForm::Base)))
}

impl Coder<'_> {
    pub(super) fn predicates(&self, s: &Sentence<'_>) -> Vec<Pred> {
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

    pub(super) fn find_subject(&self, s: &Sentence<'_>, j: usize, by_ph: &[usize]) -> Subject {
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

    pub(super) fn subject_of(
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

    /// The first token of the clause of predicate `k` (its subject, or the verb group).
    pub(super) fn clause_start(&self, s: &Sentence<'_>, preds: &[Pred], k: usize) -> usize {
        let p = &preds[k];
        if let Some(j) = p.subject
            && let Some(start) = ph_start(s, &s.phs[j])
        {
            return start;
        }
        p.group.0
    }

    /// Where the lower part of predicate `k` may reach: its objects, and the infinitive it governs.
    pub(super) fn lower_end(&self, s: &Sentence<'_>, preds: &[Pred], k: usize) -> usize {
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
}
