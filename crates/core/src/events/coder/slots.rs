//! Who fills a coded verb's empty source or target, read from the dependency parse: subjects, passive agents,
//! matrix subjects of controlled and raised infinitives, objects and prepositional objects. The Phoenix patterns
//! say what the verb codes; the parse only says who.

use super::Sentence;
use super::phrases::{Np, Ph};
use crate::parse::Dep;

/// The word of the group `span` that heads it in the parse (its head lies outside the group).
pub(super) fn parse_head(s: &Sentence<'_>, span: (usize, usize)) -> Option<usize> {
    (span.0..span.1.min(s.arcs().arcs.len())).find(|&t| s.arcs().arcs[t].0.is_none_or(|h| h < span.0 || h >= span.1))
}

/// The first dependent of word `i` whose relation satisfies `want`.
fn parse_child(s: &Sentence<'_>, i: usize, want: impl Fn(Dep) -> bool) -> Option<usize> {
    s.arcs().children.get(i)?.iter().copied().find(|&d| want(s.arcs().arcs[d].1))
}

/// The preposition of a nominal dependent ("on" of "on Iraqi sites").
fn parse_case<'a>(s: &'a Sentence<'_>, i: usize) -> Option<&'a str> {
    parse_child(s, i, |d| d == Dep::Case).map(|c| s.upper[c].as_str())
}

fn parse_passive(s: &Sentence<'_>, v: usize) -> bool {
    parse_child(s, v, |d| matches!(d, Dep::NsubjPass | Dep::AuxPass | Dep::CsubjPass)).is_some()
}

/// A relative pronoun subject stands for the noun its clause modifies ("Pezeshkian, who took office …").
fn parse_antecedent(s: &Sentence<'_>, v: usize, subject: usize) -> usize {
    let relative = matches!(s.upper[subject].as_str(), "WHO" | "WHICH" | "THAT" | "WHOM");
    match s.arcs().arcs[v] {
        (Some(h), Dep::AclRelcl) if relative => h,
        _ => subject,
    }
}

/// The agent of a passive verb: "by" phrase.
fn parse_agent(s: &Sentence<'_>, v: usize) -> Option<usize> {
    parse_child(s, v, |d| d == Dep::OblAgent).or_else(|| {
        s.arcs()
            .children
            .get(v)?
            .iter()
            .copied()
            .find(|&d| s.arcs().arcs[d].1 == Dep::Obl && parse_case(s, d) == Some("BY"))
    })
}

/// Who does what verb `v` states, in the parse: its subject (a passive's agent); for a verb without one, the
/// subject of the verb it depends on — the matrix subject of a controlled or raised infinitive ("is expected to
/// sign", "plans to visit", "agreed to lift"), the object of an object-control verb ("urged Iran to"), the first
/// of coordinated verbs, the noun a relative clause modifies.
pub(super) fn parse_source(s: &Sentence<'_>, v: usize) -> Option<usize> {
    let mut v = v;
    for _ in 0..8 {
        if parse_passive(s, v) {
            return parse_agent(s, v);
        }
        if let Some(n) = parse_child(s, v, |d| d == Dep::Nsubj) {
            return Some(parse_antecedent(s, v, n));
        }
        let (h, dep) = s.arcs().arcs[v];
        let h = h?;
        match dep {
            Dep::Xcomp => {
                // Raising over a passive ("is expected to sign"), object control ("urged Iran to stop").
                if let Some(n) = parse_child(s, h, |d| d == Dep::NsubjPass) {
                    return Some(n);
                }
                if let Some(o) = parse_child(s, h, |d| matches!(d, Dep::Obj | Dep::Iobj)) {
                    return Some(o);
                }
                v = h;
            }
            Dep::Conj => v = h,
            Dep::Advcl if parse_child(s, v, |d| d == Dep::Mark).is_none() => v = h,
            // "is accused of punching", "was arrested for killing": the passive's subject did it.
            Dep::Advcl
                if parse_passive(s, h)
                    && s.upper.get(v).is_some_and(|w| w.ends_with("ING"))
                    && parse_child(s, v, |d| d == Dep::Mark)
                        .is_some_and(|m| matches!(s.upper[m].as_str(), "OF" | "FOR")) =>
            {
                return parse_child(s, h, |d| d == Dep::NsubjPass);
            }
            Dep::AclRelcl => return Some(h),
            _ => return None,
        }
    }
    None
}

/// Whom verb `v` acts upon, in the parse: a passive's subject (or the noun a passive participle modifies:
/// "civilians killed by …"), else its object, else a phrase with on / against / to / with / at / into.
pub(super) fn parse_target(s: &Sentence<'_>, v: usize) -> Option<usize> {
    if parse_passive(s, v) {
        return parse_child(s, v, |d| d == Dep::NsubjPass).map(|n| parse_antecedent(s, v, n));
    }
    if let (Some(h), Dep::Acl) = s.arcs().arcs[v]
        && s.upper.get(v).is_some_and(|w| w.ends_with("ED"))
    {
        return Some(h);
    }
    parse_child(s, v, |d| matches!(d, Dep::Obj | Dep::Iobj)).or_else(|| {
        s.arcs().children.get(v)?.iter().copied().find(|&d| {
            s.arcs().arcs[d].1 == Dep::Obl
                && parse_case(s, d).is_some_and(|c| {
                    matches!(c, "ON" | "AGAINST" | "TO" | "WITH" | "AT" | "INTO" | "TOWARD" | "TOWARDS")
                })
        })
    })
}

/// The coded noun phrase whose group holds word `t` (a phrase attached inside it when `t` lies there).
pub(super) fn np_holding(s: &Sentence<'_>, t: usize) -> Option<(Vec<String>, (usize, usize))> {
    fn inside(np: &Np, t: usize, depth: usize) -> Option<(Vec<String>, (usize, usize))> {
        if depth > 8 || t < np.start || t >= np.end {
            return None;
        }
        for c in &np.conjuncts {
            if c.start <= t && t < c.end {
                return Some((np.codes.clone(), (np.start, np.end)));
            }
            for (_, pp) in &c.pps {
                if let Some(found) = inside(pp, t, depth + 1) {
                    return Some(found);
                }
            }
        }
        None
    }
    s.phs
        .iter()
        .find_map(|ph| match ph {
            Ph::Np(np) | Ph::Pp(_, np) => inside(np, t, 0),
            _ => None,
        })
        .filter(|(codes, _)| !codes.is_empty())
}
