//! Keyphrases: the phrases a document is about, found without training in the manner of YAKE (Campos et al.,
//! "YAKE! Keyword extraction from single documents using multiple local features", Information Sciences 2020).
//!
//! Every word gets YAKE's statistics over the article: how often it is capitalized in mid-sentence (names,
//! acronyms), how early it first appears, how frequent it is against the other words, how many different words
//! stand next to it (a word that goes with everything is a function word), and in how many sentences it occurs.
//! Candidates are runs of one to three words inside a noun chunk (when the chunker ran) or between punctuation
//! marks (otherwise), not starting or ending with a stopword, not spanning "and" or "or", and not cutting a named
//! entity's mention in two; a candidate's YAKE
//! score combines its words' and its own frequency, and named entities count double. Lower YAKE scores are better;
//! the output score is `-log10(yake) / 4` clamped to [0, 1] (1 for a YAKE score of 0.0001 or less, 0.5 for 0.01).
//! A phrase that holds a better one or is part of one, plural endings aside ("peace talk" after "peace talks",
//! "President Masoud Pezeshkian" after "Masoud Pezeshkian"), is dropped, where YAKE compares edit distances to the
//! same end. Everything is computed in text order with ties broken by first
//! occurrence, so the output is the same on every run.

use std::ops::Range;

use rustc_hash::{FxHashMap, FxHashSet};

use super::Inputs;
use super::words::{self, Lowered, Scope};
use crate::model::{Casing, Keyphrase, Label, TokenKind};

/// Longest candidate, in words.
const MAX_WORDS: usize = 3;
/// How much a candidate that is a named-entity mention is favoured.
const NAME_BOOST: f64 = 2.0;

/// YAKE's statistics of one distinct word (lower case).
#[derive(Debug, Clone, Default)]
struct Term<'l> {
    text: &'l str,
    tf: f64,
    /// Occurrences capitalized in mid-sentence or in ALL CAPS.
    cased: f64,
    /// The last sentence it was seen in, and in how many sentences it occurs.
    last_sentence: u32,
    sentence_count: u32,
    /// Median ordinal of the sentences it occurs in.
    median_sentence: f64,
    stopword: bool,
    /// Distinct left neighbours and all left co-occurrences; same on the right.
    left_distinct: f64,
    left_total: f64,
    right_distinct: f64,
    right_total: f64,
    /// YAKE's word score (lower is more important).
    score: f64,
}

/// A candidate's words as term ids (unused places `NONE`).
type Key = [u32; MAX_WORDS];
const NONE: u32 = u32::MAX;

/// How many written forms of a candidate are told apart (more are rare and not counted).
const FORMS: usize = 4;

/// A candidate phrase.
#[derive(Debug, Clone)]
struct Candidate {
    key: Key,
    tf: usize,
    /// Its written forms, told apart by the capitalization of their words: (capitalization, first token of the
    /// first occurrence, how often).
    forms: [(u8, u32, u32); FORMS],
    form_count: usize,
    is_name: bool,
}

impl Candidate {
    fn terms(&self) -> impl Iterator<Item = u32> + '_ {
        self.key.iter().copied().take_while(|&t| t != NONE)
    }
}

/// The keyphrases of a document, best first.
pub(crate) fn extract(inputs: &Inputs<'_>, scope: &Scope, lowered: &Lowered, max: usize) -> Vec<Keyphrase> {
    if max == 0 {
        return Vec::new();
    }
    let text = inputs.text;
    let normalized = text.normalized();
    let tokens = text.tokens.len();
    let mut ids: FxHashMap<&str, u32> = FxHashMap::with_capacity_and_hasher(tokens / 3, Default::default());
    let mut terms: Vec<Term<'_>> = Vec::with_capacity(tokens / 3);
    // Term of every token (NONE when the token is not a word).
    let mut token_term = vec![NONE; text.tokens.len()];
    let mut cooccurrence: FxHashMap<(u32, u32), u32> = FxHashMap::with_capacity_and_hasher(tokens, Default::default());
    // (term, sentence ordinal) for each sentence a term occurs in, in text order.
    let mut occurrences: Vec<(u32, u32)> = Vec::with_capacity(tokens);
    // Blocks: runs of word tokens between punctuation, inside one sentence.
    let mut blocks: Vec<Range<usize>> = Vec::new();
    let mut ordinal = 0u32;
    for (si, sentence) in text.sentences.iter().enumerate() {
        if !scope.contains(si) {
            continue;
        }
        let casing = text.segments.get(sentence.segment).map_or(Casing::Mixed, |s| s.casing);
        let mut block_start = None;
        let mut previous: Option<u32> = None;
        let mut first_word = true;
        for t in sentence.first_token..sentence.end_token {
            let Some(token) = text.tokens.get(t) else { break };
            let written = normalized.get(token.start..token.end).unwrap_or("");
            let is_word = token.kind == TokenKind::Word && !written.starts_with('\'');
            if !is_word {
                if let Some(start) = block_start.take() {
                    blocks.push(start..t);
                }
                previous = None;
                if token.kind == TokenKind::Number {
                    first_word = false;
                }
                continue;
            }
            let lower = lowered.get(t);
            let id = *ids.entry(lower).or_insert_with(|| {
                terms.push(Term {
                    text: lower,
                    stopword: words::is_stopword(lower),
                    last_sentence: NONE,
                    ..Term::default()
                });
                (terms.len() - 1) as u32
            });
            let term = &mut terms[id as usize];
            term.tf += 1.0;
            if term.last_sentence != ordinal {
                term.last_sentence = ordinal;
                term.sentence_count += 1;
                occurrences.push((id, ordinal));
            }
            if casing == Casing::Mixed
                && (words::is_all_caps(written) || (!first_word && words::is_capitalized(written)))
            {
                term.cased += 1.0;
            }
            first_word = false;
            if let Some(p) = previous {
                *cooccurrence.entry((p, id)).or_insert(0) += 1;
            }
            previous = Some(id);
            if let Some(slot) = token_term.get_mut(t) {
                *slot = id;
            }
            block_start.get_or_insert(t);
        }
        if let Some(start) = block_start {
            blocks.push(start..sentence.end_token);
        }
        ordinal += 1;
    }
    if terms.is_empty() {
        return Vec::new();
    }
    score_terms(&mut terms, &cooccurrence, &occurrences, ordinal);

    // Candidates from noun chunks when there are any, else from the blocks.
    let regions: Vec<Range<usize>> = if inputs.noun_chunks.is_empty() {
        blocks
    } else {
        // Blocks are in text order and disjoint: each chunk meets a run of them, found by binary search.
        inputs
            .noun_chunks
            .iter()
            .flat_map(|chunk| {
                let first = blocks.partition_point(|b| b.end <= chunk.start);
                blocks[first..].iter().take_while(|b| b.start < chunk.end).filter_map(|b| intersect(b, chunk))
            })
            .collect()
    };
    let names: FxHashSet<(usize, usize)> = inputs.names.iter().map(|n| (n.tokens.start, n.tokens.end)).collect();
    // A candidate never cuts a name: it may not start after a name's first word ("Masoud Pezeshkian" but not
    // "Pezeshkian" alone) nor end before its last ("President Masoud").
    // A person's name stands alone: "Abbas Araghchi", not "Minister Abbas Araghchi".
    let (mut continues_name, mut name_goes_on) = (vec![false; tokens], vec![false; tokens]);
    let mut person = vec![false; tokens];
    for name in inputs.names {
        for t in name.tokens.clone() {
            if let Some(x) = person.get_mut(t) {
                *x = name.label == Label::Person;
            }
            if let Some(x) = continues_name.get_mut(t) {
                *x = t > name.tokens.start;
            }
            if let Some(x) = name_goes_on.get_mut(t) {
                *x = t + 1 < name.tokens.end;
            }
        }
    }
    let edge_ok = |t: usize| {
        let id = token_term.get(t).copied().unwrap_or(NONE);
        id != NONE && !terms[id as usize].stopword && text.tokens.get(t).is_some_and(|tok| tok.end - tok.start > 1)
    };
    // Capitalization of a word in two bits: lower, Capitalized, ALL CAPS, other (lower case when the lower-case
    // form is the word itself).
    let case_of = |t: usize| -> u8 {
        let word = text.tokens.get(t).and_then(|tok| normalized.get(tok.start..tok.end)).unwrap_or("");
        if word == lowered.get(t) {
            0
        } else if words::is_all_caps(word) {
            2
        } else if words::is_capitalized(word) {
            1
        } else {
            3
        }
    };
    let mut index: FxHashMap<Key, usize> = FxHashMap::with_capacity_and_hasher(2 * tokens, Default::default());
    let mut candidates: Vec<Candidate> = Vec::with_capacity(2 * tokens);
    for region in regions {
        for first in region.clone() {
            if !edge_ok(first) || continues_name[first] {
                continue;
            }
            let mut key = [NONE; MAX_WORDS];
            let mut case = 0u8;
            let mut has_person = false;
            for (k, last) in (first..region.end.min(first + MAX_WORDS)).enumerate() {
                // Coordination joins two phrases ("Damien Hirst and Tracey Emin"); no candidate spans it.
                if matches!(lowered.get(last), "and" | "or" | "nor" | "but") {
                    break;
                }
                key[k] = token_term[last];
                case = case << 2 | case_of(last);
                has_person |= person[last];
                let is_name = names.contains(&(first, last + 1));
                if !edge_ok(last) || name_goes_on[last] || (has_person && !is_name) {
                    continue;
                }
                let i = *index.entry(key).or_insert_with(|| {
                    candidates.push(Candidate { key, tf: 0, forms: [(0, 0, 0); FORMS], form_count: 0, is_name: false });
                    candidates.len() - 1
                });
                let c = &mut candidates[i];
                c.tf += 1;
                c.is_name |= is_name;
                match c.forms[..c.form_count].iter_mut().find(|(c, _, _)| *c == case) {
                    Some(form) => form.2 += 1,
                    None if c.form_count < FORMS => {
                        c.forms[c.form_count] = (case, first as u32, 1);
                        c.form_count += 1;
                    }
                    None => {}
                }
            }
        }
    }

    // Score, rank (ties by first occurrence: candidates are in first-occurrence order), drop near-duplicates.
    let mut ranked: Vec<(f64, usize)> =
        candidates.iter().enumerate().map(|(i, c)| (candidate_score(c, &terms, &cooccurrence), i)).collect();
    let order = |a: &(f64, usize), b: &(f64, usize)| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1));
    // Only the best few need an order (near-duplicates rarely take more than half of them); the rest is sorted
    // only when they do.
    let head = (4 * max).min(ranked.len());
    if head < ranked.len() {
        ranked.select_nth_unstable_by(head, order);
    }
    ranked[..head].sort_unstable_by(order);
    let mut chosen: Vec<Vec<&str>> = Vec::new();
    let mut out = Vec::new();
    let mut k = 0;
    while out.len() < max && k < ranked.len() {
        if k == head {
            ranked[head..].sort_unstable_by(order);
        }
        let (yake, i) = ranked[k];
        k += 1;
        let c = &candidates[i];
        let canonical: Vec<&str> = c.terms().map(|t| singular(terms[t as usize].text)).collect();
        // One phrase per idea: none that holds a better one or is held by it ("Masoud Pezeshkian" and
        // "President Masoud Pezeshkian").
        if chosen.iter().any(|better| contains(better, &canonical) || contains(&canonical, better)) {
            continue;
        }
        chosen.push(canonical);
        // The most frequent written form (the first on ties), its words joined by single spaces.
        let mut best = c.forms[0];
        for form in &c.forms[1..c.form_count] {
            if form.2 > best.2 {
                best = *form;
            }
        }
        let first = best.1 as usize;
        let written = (first..first + c.terms().count())
            .filter_map(|t| text.tokens.get(t).and_then(|tok| normalized.get(tok.start..tok.end)))
            .collect::<Vec<_>>()
            .join(" ");
        let score = (-yake.max(f64::MIN_POSITIVE).log10() / 4.0).clamp(0.0, 1.0);
        out.push(Keyphrase { text: written, score: score as f32, count: c.tf });
    }
    out
}

/// A word without a plural ending, so that "talk" and "talks" count as one phrase.
fn singular(word: &str) -> &str {
    if word.len() > 3 && word.ends_with('s') && !word.ends_with("ss") && !word.ends_with("us") {
        word.strip_suffix("es")
            .filter(|w| w.ends_with(['x', 'z']) || w.ends_with("ch") || w.ends_with("sh"))
            .unwrap_or(&word[..word.len() - 1])
    } else {
        word
    }
}

/// Whether `words` holds `part` as a run of consecutive words.
fn contains(words: &[&str], part: &[&str]) -> bool {
    !part.is_empty() && words.windows(part.len()).any(|w| w == part)
}

fn intersect(a: &Range<usize>, b: &Range<usize>) -> Option<Range<usize>> {
    let r = a.start.max(b.start)..a.end.min(b.end);
    (r.start < r.end).then_some(r)
}

/// YAKE's word score for every term; `occurrences` holds (term, sentence) pairs in sentence order.
fn score_terms(
    terms: &mut [Term<'_>],
    cooccurrence: &FxHashMap<(u32, u32), u32>,
    occurrences: &[(u32, u32)],
    sentences: u32,
) {
    for (&(left, right), &n) in cooccurrence {
        let n = f64::from(n);
        if let Some(t) = terms.get_mut(right as usize) {
            t.left_distinct += 1.0;
            t.left_total += n;
        }
        if let Some(t) = terms.get_mut(left as usize) {
            t.right_distinct += 1.0;
            t.right_total += n;
        }
    }
    // Median sentence of each term: the sentences grouped by term (a counting sort keeps them ascending).
    let mut starts = vec![0usize; terms.len() + 1];
    for &(term, _) in occurrences.iter() {
        if let Some(n) = starts.get_mut(term as usize + 1) {
            *n += 1;
        }
    }
    for i in 1..starts.len() {
        starts[i] += starts[i - 1];
    }
    let mut by_term = vec![0u32; occurrences.len()];
    let mut next = starts.clone();
    for &(term, sentence) in occurrences.iter() {
        if let Some(slot) = next.get_mut(term as usize) {
            if let Some(place) = by_term.get_mut(*slot) {
                *place = sentence;
            }
            *slot += 1;
        }
    }
    for (i, t) in terms.iter_mut().enumerate() {
        let run = by_term.get(starts[i]..starts[i + 1]).unwrap_or(&[]);
        let n = run.len();
        t.median_sentence = match n {
            0 => 0.0,
            _ if n % 2 == 1 => f64::from(run[n / 2]),
            _ => (f64::from(run[n / 2 - 1]) + f64::from(run[n / 2])) / 2.0,
        };
    }
    let valid: Vec<f64> = terms.iter().filter(|t| !t.stopword).map(|t| t.tf).collect();
    let (mean, std, max) = if valid.is_empty() {
        (1.0, 0.0, 1.0)
    } else {
        let n = valid.len() as f64;
        let mean = valid.iter().sum::<f64>() / n;
        let std = (valid.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / n).sqrt();
        (mean, std, valid.iter().copied().fold(1.0, f64::max))
    };
    let sentences = f64::from(sentences.max(1));
    for t in terms.iter_mut() {
        let ratio = |distinct: f64, total: f64| if total > 0.0 { distinct / total } else { 0.0 };
        let relatedness =
            1.0 + (ratio(t.left_distinct, t.left_total) + ratio(t.right_distinct, t.right_total)) * t.tf / max;
        let frequency = t.tf / (mean + std);
        let spread = f64::from(t.sentence_count) / sentences;
        let case = t.cased / (1.0 + t.tf.ln());
        let position = (3.0 + t.median_sentence).ln().ln();
        t.score = position * relatedness / (case + frequency / relatedness + spread / relatedness);
    }
}

/// YAKE's candidate score: the product of its words' scores over their sum and its own frequency; a stopword
/// inside weighs by how tightly it binds its neighbours.
fn candidate_score(c: &Candidate, terms: &[Term<'_>], cooccurrence: &FxHashMap<(u32, u32), u32>) -> f64 {
    let ids = &c.key[..c.terms().count()];
    let mut product = 1.0;
    let mut sum = 0.0;
    for (k, &id) in ids.iter().enumerate() {
        let Some(term) = terms.get(id as usize) else { continue };
        if !term.stopword {
            product *= term.score;
            sum += term.score;
            continue;
        }
        let bond = |a: Option<&u32>, b: Option<&u32>, base: Option<&u32>| -> f64 {
            match (a, b, base.and_then(|&x| terms.get(x as usize))) {
                (Some(&a), Some(&b), Some(base)) if base.tf > 0.0 => {
                    f64::from(cooccurrence.get(&(a, b)).copied().unwrap_or(0)) / base.tf
                }
                _ => 0.0,
            }
        };
        let previous = k.checked_sub(1).and_then(|p| ids.get(p));
        let next = ids.get(k + 1);
        let probability = bond(previous, Some(&id), previous) * bond(Some(&id), next, next);
        product *= 2.0 - probability;
        sum -= 1.0 - probability;
    }
    let mut score = product / ((sum + 1.0) * c.tf.max(1) as f64);
    if c.is_name {
        score /= NAME_BOOST;
    }
    score
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Label;
    use crate::summary::Name;
    use crate::text::Text;

    const ARTICLE: &str = "Iran and Iraq signed a strategic partnership on Wednesday in Baghdad.\n\n\
        The strategic partnership covers trade, security and energy. Officials said the strategic partnership \
        would double trade between the neighbours within five years.\n\n\
        Iraqi officials said energy exports to Iran would rise. The partnership follows years of talks.";

    fn phrases(text: &Text<'_>, names: &[Name]) -> Vec<Keyphrase> {
        let inputs = Inputs { names, ..Inputs::text(text) };
        extract(&inputs, &Scope::new(text), &Lowered::new(text), 5)
    }

    #[test]
    fn finds_what_the_article_is_about() {
        let text = Text::new(ARTICLE);
        let found = phrases(&text, &[]);
        assert!(found.iter().any(|k| k.text == "strategic partnership" && k.count == 3), "{found:?}");
        assert!(found.iter().all(|k| (0.0..=1.0).contains(&k.score)));
        assert!(found.windows(2).all(|w| w[0].score >= w[1].score));
        // No stopword at the edges, no near-duplicates.
        assert!(found.iter().all(|k| !k.text.starts_with("the ") && !k.text.ends_with(" the")));
    }

    #[test]
    fn stable_across_runs() {
        let text = Text::new(ARTICLE);
        let first = phrases(&text, &[]);
        for _ in 0..5 {
            assert_eq!(phrases(&Text::new(ARTICLE), &[]), first);
        }
    }

    #[test]
    fn names_are_boosted() {
        let text = Text::new(ARTICLE);
        let plain = phrases(&text, &[]);
        let baghdad = (0..text.tokens.len()).find(|&t| text.token_text(t) == "Baghdad").unwrap_or(0);
        let names = [Name { tokens: baghdad..baghdad + 1, entity: 0, label: Label::Gpe }];
        let boosted = phrases(&text, &names);
        let score = |list: &[Keyphrase]| list.iter().find(|k| k.text == "Baghdad").map_or(0.0, |k| k.score);
        assert!(score(&boosted) > score(&plain), "{plain:?} {boosted:?}");
    }

    #[test]
    fn names_are_never_cut_and_persons_stand_alone() {
        let text = Text::new(
            "President Masoud Pezeshkian met Prime Minister Mohammed Shia al-Sudani in Baghdad. \
             President Masoud Pezeshkian said the talks went well.",
        );
        let person = |first: &str, len: usize| {
            (0..text.tokens.len())
                .filter(|&t| text.token_text(t) == first)
                .map(|t| Name { tokens: t..t + len, entity: 0, label: Label::Person })
                .collect::<Vec<_>>()
        };
        let names = [person("Masoud", 2), person("Mohammed", 3)].concat();
        let found: Vec<String> = phrases(&text, &names).into_iter().map(|k| k.text).collect();
        assert!(found.iter().any(|k| k == "Masoud Pezeshkian"), "{found:?}");
        for bad in ["President Masoud", "Pezeshkian", "Minister Mohammed Shia", "President Masoud Pezeshkian"] {
            assert!(!found.iter().any(|k| k == bad), "{bad}: {found:?}");
        }
    }

    #[test]
    fn empty_text() {
        let text = Text::new("");
        assert!(phrases(&text, &[]).is_empty());
    }
}
