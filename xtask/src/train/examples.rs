//! Training examples: CoNLL documents with their atoms computed, and the re-cased copies that teach the taggers
//! what ALL CAPS and Title Case headlines look like.

use gleaner_core::tag::Input;
use gleaner_core::tag::features::Prepared;
use gleaner_core::tag::hash::{combine, mix};
use gleaner_core::tag::lexicon::Lexicon;

use crate::conll::{Doc, Sentence, Token};

/// A document ready for feature extraction.
#[derive(Debug)]
pub struct Example {
    pub doc: Doc,
    /// Index of the source document (re-cased copies share it, so they fall in the same fold).
    pub source: usize,
    pub prepared: Prepared,
}

impl Example {
    pub fn new(doc: Doc, source: usize, lexicon: &Lexicon) -> Example {
        let prepared = prepare(&doc, lexicon);
        Example { doc, source, prepared }
    }
}

/// The taggers' input for a CoNLL document: each sentence's casing judged from its words, as for a line of text.
pub fn input(doc: &Doc) -> Input<'_> {
    let mut input = Input::new();
    for s in &doc.sentences {
        input.push_sentence(&s.words(), None);
    }
    input
}

pub fn prepare(doc: &Doc, lexicon: &Lexicon) -> Prepared {
    let input = input(doc);
    Prepared::new(input.words(), input.sentences(), lexicon)
}

/// How to re-case a copy of the data.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Recase {
    /// EVERY WORD IN CAPITALS.
    Upper,
    /// Every Word Capitalized (the rest of each word as it was, so "NATO" stays).
    Title,
}

impl Recase {
    pub fn word(self, w: &str) -> String {
        match self {
            Recase::Upper => w.to_uppercase(),
            Recase::Title => {
                let mut chars = w.chars();
                match chars.next() {
                    Some(c) => c.to_uppercase().chain(chars).collect(),
                    None => String::new(),
                }
            }
        }
    }

    /// A copy of `doc` whose sentences are re-cased with probability `rate` each (decided by a hash, so the
    /// same every run); `None` when no sentence was.
    pub fn copy(self, doc: &Doc, source: usize, rate: f64) -> Option<Doc> {
        let mut out = doc.clone();
        let mut any = false;
        for (k, s) in out.sentences.iter_mut().enumerate() {
            let h = mix(combine(combine(source as u64, k as u64), self as u64 + 17));
            if (h >> 11) as f64 / (1u64 << 53) as f64 >= rate {
                continue;
            }
            any = true;
            for t in &mut s.tokens {
                t.word = self.word(&t.word);
            }
        }
        any.then_some(out)
    }

    /// A copy of `doc` with every sentence re-cased.
    pub fn all(self, doc: &Doc) -> Doc {
        let mut out = doc.clone();
        for t in out.sentences.iter_mut().flat_map(|s| s.tokens.iter_mut()) {
            t.word = self.word(&t.word);
        }
        out
    }
}

/// Tokens written without a space before them.
const NO_SPACE_BEFORE: &[&str] =
    &[",", ".", ";", ":", "!", "?", ")", "]", "}", "%", "'s", "'S", "n't", "'re", "'ve", "'ll", "'d", "'m"];
/// Tokens written without a space after them.
const NO_SPACE_AFTER: &[&str] = &["(", "[", "{", "$"];

/// A copy of `doc` as the library's tokenizer splits it: each sentence is written out as text ("Iran 's" →
/// "Iran's", "( SEC )" → "(SEC)") and tokenized again, each new token taking the tags of the CoNLL token it
/// starts in, entity labels re-read as BIO. The entity tagger learns from it what `Text` will hand it ("1-0" as
/// three tokens, "C$" as two).
pub fn retokenize(doc: &Doc) -> Doc {
    Doc { sentences: doc.sentences.iter().map(retokenize_sentence).collect() }
}

fn retokenize_sentence(s: &Sentence) -> Sentence {
    let mut text = String::new();
    let mut starts = Vec::with_capacity(s.tokens.len());
    let mut quote_open = false;
    for (k, t) in s.tokens.iter().enumerate() {
        let w = t.word.as_str();
        let prev = k.checked_sub(1).map(|p| s.tokens[p].word.as_str());
        // A closing quote hugs the word before it, an opening quote the word after it.
        let hugs = quote_open && (w == "\"" || prev == Some("\""));
        let space =
            k > 0 && !NO_SPACE_BEFORE.contains(&w) && !prev.is_some_and(|p| NO_SPACE_AFTER.contains(&p)) && !hugs;
        if w == "\"" {
            quote_open = !quote_open;
        }
        if space {
            text.push(' ');
        }
        starts.push(text.len());
        text.push_str(w);
    }
    let spans = s.entities();
    let source = |byte: usize| starts.partition_point(|&st| st <= byte).saturating_sub(1);
    let mut out = Sentence::default();
    let mut previous_span = None;
    for tok in gleaner_core::text::tokenize(&text) {
        let k = source(tok.start);
        let Some(orig) = s.tokens.get(k) else { continue };
        let span = spans.iter().position(|&(a, b, _)| a <= k && k < b);
        let ner = match span {
            Some(i) if previous_span == Some(i) => format!("I-{}", spans[i].2),
            Some(i) => format!("B-{}", spans[i].2),
            None => "O".to_string(),
        };
        previous_span = span;
        out.tokens.push(Token {
            word: text[tok.start..tok.end].to_string(),
            pos: orig.pos.clone(),
            chunk: orig.chunk.clone(),
            ner,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn token(word: &str, ner: &str) -> Token {
        Token { word: word.into(), pos: None, chunk: None, ner: ner.into() }
    }

    #[test]
    fn retokenized_copies_keep_their_spans() {
        let s = Sentence {
            tokens: vec![
                token("Acme", "I-ORG"),
                token("Corp", "I-ORG"),
                token("'s", "O"),
                token("C$", "I-MISC"),
                token("won", "O"),
                token("1-0", "O"),
                token("(", "O"),
                token("Reuters", "I-ORG"),
                token(")", "O"),
            ],
        };
        let r = retokenize_sentence(&s);
        let words: Vec<&str> = r.tokens.iter().map(|t| t.word.as_str()).collect();
        assert_eq!(words, ["Acme", "Corp", "'s", "C", "$", "won", "1", "-", "0", "(", "Reuters", ")"]);
        let spans: Vec<(usize, usize, String)> = r.entities();
        assert_eq!(spans, [(0, 2, "ORG".into()), (3, 5, "MISC".into()), (10, 11, "ORG".into())]);
    }
}
