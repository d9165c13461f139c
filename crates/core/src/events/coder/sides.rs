//! Who did it and to whom, as the clause reading says: the subject (for a passive, its "by / from / in" phrase,
//! and the subject as the target), the first coded object or prepositional phrase, what the verb's pattern slots
//! name, and where the clause reading leaves a side empty, the parse (`slots`).

use super::clauses::Pred;
use super::phrases::Ph;
use super::slots::{np_holding, parse_head, parse_source, parse_target};
use super::verbs::VerbCode;
use super::{Coder, Sentence};
use crate::events::shallow::Pos;

/// A side of an event: the phrase's actor codes and its token span.
pub(super) type Phrase = (Vec<String>, (usize, usize));

impl Coder<'_> {
    /// The source and target of predicate `k`, whose verb was coded as `v`.
    pub(super) fn sides(
        &self,
        s: &Sentence<'_>,
        preds: &[Pred],
        k: usize,
        v: &VerbCode,
    ) -> (Option<Phrase>, Option<Phrase>) {
        let p = &preds[k];
        let VerbCode { pattern_src, pattern_tgt, src_from_compound, pattern_first, verb, .. } = v;
        let (pattern_src, pattern_tgt, src_from_compound, pattern_first, verb) =
            (pattern_src.clone(), pattern_tgt.clone(), *src_from_compound, *pattern_first, *verb);
        // Who: the subject, or for a passive the "by" phrase.
        let subject = self.subject_of(s, preds, k, 0);
        let (mut src, mut tgt) = (None, None);
        if p.passive {
            for preps in [&["BY", "FROM"][..], &["IN"][..]] {
                for &j in &p.pps {
                    if let Ph::Pp(t, np) = &s.phs[j]
                        && preps.contains(&s.upper[*t].as_str())
                        && !np.codes.is_empty()
                    {
                        src = Some((np.codes.clone(), (np.start, np.end)));
                        break;
                    }
                }
                if src.is_some() {
                    break;
                }
            }
            if src.is_none() {
                // "was shot dead in Osgiliath": the phrase may hang on a following word.
                for &j in &p.objects {
                    if let Ph::Np(np) = &s.phs[j] {
                        for c in &np.conjuncts {
                            for (t, pp) in &c.pps {
                                if src.is_none()
                                    && matches!(s.upper[*t].as_str(), "BY" | "FROM" | "IN")
                                    && !pp.codes.is_empty()
                                {
                                    src = Some((pp.codes.clone(), (pp.start, pp.end)));
                                }
                            }
                        }
                    }
                }
            }
            tgt = subject.clone().filter(|(c, _)| !c.is_empty());
            if tgt.is_none() {
                for &j in &p.pps {
                    if let Ph::Pp(t, np) = &s.phs[j]
                        && matches!(s.upper[*t].as_str(), "AT" | "AGAINST" | "INTO" | "TOWARDS" | "TOWARD" | "ON")
                        && !np.codes.is_empty()
                    {
                        tgt = Some((np.codes.clone(), (np.start, np.end)));
                        break;
                    }
                }
            }
        } else {
            src = subject.clone();
            for &j in &p.objects {
                if let Some((c, span)) = self.np_of(s, j)
                    && !c.is_empty()
                {
                    tgt = Some((c, span));
                    break;
                }
            }
            if tgt.is_none() {
                for &j in &p.pps {
                    if let Some((c, span)) = self.np_of(s, j)
                        && !c.is_empty()
                    {
                        tgt = Some((c, span));
                        break;
                    }
                }
            }
        }
        if tgt.is_none()
            && !p.passive
            && let Some(a) = p.adjunct
            && let Some(ap) = preds.get(a)
        {
            for &j in ap.objects.iter().chain(ap.pps.iter()) {
                if let Some((c, span)) = self.np_of(s, j)
                    && !c.is_empty()
                {
                    tgt = Some((c, span));
                    break;
                }
            }
        }
        if let Some(ps) = pattern_src {
            // A source slot that reached past the coded subject into the words between it and the verb ("Gollum,
            // centre of a row between Radagast the Brown, called on …") names someone the clause is not about.
            let inside_apposition = !p.passive
                && !src_from_compound
                && ps.1.1 <= p.verb.0
                && subject.as_ref().is_some_and(|(codes, (_, end))| {
                    !codes.is_empty() && ps.1.0 >= *end && (*end..ps.1.0).any(|t| s.tags.get(t) == Some(&Pos::Comma))
                });
            if !inside_apposition {
                src = Some(ps);
            }
        }
        if let Some(pt) = pattern_tgt {
            tgt = Some(pt);
        }
        // A TABARI pattern whose words reach back past the subject ("SUGGESTED + * REQUIRE …" in "Arnor suggested
        // Gondor should require …") codes the whole construction: its source is the actor before the pattern.
        if self.options.sentence_patterns
            && !p.passive
            && let Some(first) = pattern_first
            && subject.as_ref().is_some_and(|(_, (start, _))| *start > first)
            && let Some(before) = s.phs.iter().rev().find_map(|ph| match ph {
                Ph::Np(np) if np.end <= first && !np.codes.is_empty() => Some((np.codes.clone(), (np.start, np.end))),
                _ => None,
            })
        {
            src = Some(before);
        }
        // The clause reading left a side empty: the parse says who fills it.
        let empty_side = src.as_ref().is_none_or(|(c, _)| c.is_empty()) || tgt.is_none();
        if empty_side
            && !s.arcs().arcs.is_empty()
            && let Some(v) = parse_head(s, verb)
        {
            if src.as_ref().is_none_or(|(c, _)| c.is_empty())
                && let Some(found) = parse_source(s, v).and_then(|t| np_holding(s, t))
            {
                src = Some(found);
            }
            if tgt.is_none()
                && let Some(found) = parse_target(s, v).and_then(|t| np_holding(s, t))
                && src.as_ref().is_none_or(|(c, _)| *c != found.0)
            {
                tgt = Some(found);
            }
        }
        (src, tgt)
    }
}
