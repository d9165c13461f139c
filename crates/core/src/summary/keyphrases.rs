//! Keyphrases: the phrases a document is about, found without training in the manner of YAKE (Campos et al.,
//! "YAKE! Keyword extraction from single documents using multiple local features", Information Sciences 2020).
//!
//! Every word gets YAKE's statistics over the article: how often it is capitalized in mid-sentence (names,
//! acronyms), how early it first appears, how frequent it is against the other words, how many different words
//! stand next to it (a word that goes with everything is a function word), and in how many sentences it occurs.
//! Candidates are runs of one to three words inside a noun chunk (when the chunker ran) or between punctuation
//! marks (otherwise), not starting or ending with a stopword; a candidate's YAKE score combines its words' and its
//! own frequency, and named entities count double. Lower YAKE scores are better; the output score is
//! `-log10(yake) / 4` clamped to [0, 1] (1 for a YAKE score of 0.0001 or less, 0.5 for 0.01). Near-duplicates
//! (normalized Levenshtein similarity 0.8 or more to a better phrase) are dropped. Everything is computed in text
//! order with ties broken by first occurrence, so the output is the same on every run.

use std::ops::Range;

use rustc_hash::FxHashMap;

use super::Inputs;
use super::words::{self, Scope};
use crate::model::{Casing, Keyphrase, TokenKind};

/// Longest candidate, in words.
const MAX_WORDS: usize = 3;
/// How much a candidate that is a named-entity mention is favoured.
const NAME_BOOST: f64 = 2.0;
/// Candidates this similar to a better one are dropped.
const DEDUP_SIMILARITY: f64 = 0.8;

/// YAKE's statistics of one distinct word (lower case).
#[derive(Debug, Clone, Default)]
struct Term {
    tf: f64,
    /// Occurrences capitalized in mid-sentence or in ALL CAPS.
    cased: f64,
    /// Ordinals of the sentences it occurs in, ascending, without repeats.
    sentences: Vec<u32>,
    stopword: bool,
    /// Distinct left neighbours and all left co-occurrences; same on the right.
    left_distinct: f64,
    left_total: f64,
    right_distinct: f64,
    right_total: f64,
    /// YAKE's word score (lower is more important).
    score: f64,
}

/// A candidate phrase.
#[derive(Debug, Clone)]
struct Candidate {
    terms: Vec<u32>,
    tf: usize,
    /// Surface forms and how often each is written.
    surfaces: Vec<(String, usize)>,
    is_name: bool,
}

/// The keyphrases of a document, best first.
pub(crate) fn extract(inputs: &Inputs<'_>, scope: &Scope, max: usize) -> Vec<Keyphrase> {
    if max == 0 {
        return Vec::new();
    }
    let text = inputs.text;
    let normalized = text.normalized();
    let mut ids: FxHashMap<String, u32> = FxHashMap::default();
    let mut terms: Vec<Term> = Vec::new();
    // Term of every token (u32::MAX when the token is not a word).
    let mut token_term = vec![u32::MAX; text.tokens.len()];
    let mut cooccurrence: FxHashMap<(u32, u32), u32> = FxHashMap::default();
    // Blocks: runs of word tokens between punctuation, inside one sentence.
    let mut blocks: Vec<Range<usize>> = Vec::new();
    let mut buf = String::new();
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
            let lower = words::lower_into(written, &mut buf);
            let id = match ids.get(lower) {
                Some(&id) => id,
                None => {
                    let id = terms.len() as u32;
                    ids.insert(lower.to_string(), id);
                    terms.push(Term { stopword: words::is_stopword(lower), ..Term::default() });
                    id
                }
            };
            let term = &mut terms[id as usize];
            term.tf += 1.0;
            if term.sentences.last() != Some(&ordinal) {
                term.sentences.push(ordinal);
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
    score_terms(&mut terms, &cooccurrence, ordinal);

    // Candidates from noun chunks when there are any, else from the blocks.
    let regions: Vec<Range<usize>> = if inputs.noun_chunks.is_empty() {
        blocks
    } else {
        inputs.noun_chunks.iter().flat_map(|chunk| blocks.iter().filter_map(move |b| intersect(b, chunk))).collect()
    };
    let names: rustc_hash::FxHashSet<(usize, usize)> =
        inputs.names.iter().map(|n| (n.tokens.start, n.tokens.end)).collect();
    let mut index: FxHashMap<String, usize> = FxHashMap::default();
    let mut candidates: Vec<Candidate> = Vec::new();
    let mut key = String::new();
    for region in regions {
        for first in region.clone() {
            for last in first..region.end.min(first + MAX_WORDS) {
                let (Some(&a), Some(&b)) = (token_term.get(first), token_term.get(last)) else { break };
                if a == u32::MAX || b == u32::MAX {
                    break;
                }
                let edge_ok = |id: u32, t: usize| {
                    !terms[id as usize].stopword && text.tokens.get(t).is_some_and(|tok| tok.end - tok.start > 1)
                };
                if !edge_ok(a, first) {
                    break;
                }
                if !edge_ok(b, last) {
                    continue;
                }
                key_of(text, first, last, &mut key, &mut buf);
                let surface = normalized.get(text.tokens[first].start..text.tokens[last].end).unwrap_or("");
                let i = match index.get(key.as_str()) {
                    Some(&i) => i,
                    None => {
                        let ids = token_term[first..=last].to_vec();
                        candidates.push(Candidate { terms: ids, tf: 0, surfaces: Vec::new(), is_name: false });
                        index.insert(key.clone(), candidates.len() - 1);
                        candidates.len() - 1
                    }
                };
                let c = &mut candidates[i];
                c.tf += 1;
                c.is_name |= names.contains(&(first, last + 1));
                match c.surfaces.iter_mut().find(|(s, _)| s == surface) {
                    Some(entry) => entry.1 += 1,
                    None => c.surfaces.push((surface.to_string(), 1)),
                }
            }
        }
    }

    // Score, rank (ties by first occurrence: candidates are in first-occurrence order), drop near-duplicates.
    let mut ranked: Vec<(f64, usize)> =
        candidates.iter().enumerate().map(|(i, c)| (candidate_score(c, &terms, &cooccurrence), i)).collect();
    ranked.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
    let keys: Vec<&str> = {
        let mut keys = vec![""; candidates.len()];
        for (key, &i) in &index {
            keys[i] = key.as_str();
        }
        keys
    };
    let mut chosen: Vec<usize> = Vec::new();
    let mut out = Vec::new();
    for (yake, i) in ranked {
        if out.len() >= max {
            break;
        }
        if chosen.iter().any(|&j| strsim::normalized_levenshtein(keys[i], keys[j]) >= DEDUP_SIMILARITY) {
            continue;
        }
        chosen.push(i);
        let c = &candidates[i];
        // The most frequent surface form; the first written on ties.
        let mut best = &c.surfaces[0];
        for s in &c.surfaces[1..] {
            if s.1 > best.1 {
                best = s;
            }
        }
        let score = (-yake.max(f64::MIN_POSITIVE).log10() / 4.0).clamp(0.0, 1.0);
        out.push(Keyphrase { text: best.0.clone(), score: score as f32, count: c.tf });
    }
    out
}

fn intersect(a: &Range<usize>, b: &Range<usize>) -> Option<Range<usize>> {
    let r = a.start.max(b.start)..a.end.min(b.end);
    (r.start < r.end).then_some(r)
}

/// The lower-case words of tokens `first..=last`, joined by spaces, written into `key`.
fn key_of(text: &crate::text::Text<'_>, first: usize, last: usize, key: &mut String, buf: &mut String) {
    let normalized = text.normalized();
    key.clear();
    for t in first..=last {
        if let Some(tok) = text.tokens.get(t) {
            if t > first {
                key.push(' ');
            }
            key.push_str(words::lower_into(normalized.get(tok.start..tok.end).unwrap_or(""), buf));
        }
    }
}

/// YAKE's word score for every term.
fn score_terms(terms: &mut [Term], cooccurrence: &FxHashMap<(u32, u32), u32>, sentences: u32) {
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
        let spread = t.sentences.len() as f64 / sentences;
        let case = t.cased / (1.0 + t.tf.ln());
        let median = median(&t.sentences);
        let position = (3.0 + median).ln().ln();
        t.score = position * relatedness / (case + frequency / relatedness + spread / relatedness);
    }
}

fn median(sorted: &[u32]) -> f64 {
    match sorted.len() {
        0 => 0.0,
        n if n % 2 == 1 => f64::from(sorted[n / 2]),
        n => (f64::from(sorted[n / 2 - 1]) + f64::from(sorted[n / 2])) / 2.0,
    }
}

/// YAKE's candidate score: the product of its words' scores over their sum and its own frequency; a stopword
/// inside weighs by how tightly it binds its neighbours.
fn candidate_score(c: &Candidate, terms: &[Term], cooccurrence: &FxHashMap<(u32, u32), u32>) -> f64 {
    let mut product = 1.0;
    let mut sum = 0.0;
    for (k, &id) in c.terms.iter().enumerate() {
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
        let previous = k.checked_sub(1).and_then(|p| c.terms.get(p));
        let next = c.terms.get(k + 1);
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
        extract(&inputs, &Scope::new(text), 5)
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
    fn empty_text() {
        let text = Text::new("");
        assert!(phrases(&text, &[]).is_empty());
    }
}
