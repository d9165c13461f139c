//! Sentences, abbreviation-aware, never crossing a segment boundary.
//!
//! A sentence ends at `.`, `!`, `?` or `...` (with the closing quotes and brackets after it) when the next token
//! can start a sentence. Tokens that carry their own period ("U.S.", "Inc.") end a sentence only before a word
//! that usually starts one ("The", "He"); titles and initials ("Mr.", "J.") never do.

use super::segment::Segment;
use super::tokenize::Token;
use crate::model::TokenKind;

/// A sentence: a range of tokens and the segment it lies in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sentence {
    /// Start byte in the normalized text.
    pub start: usize,
    /// End byte (exclusive).
    pub end: usize,
    /// First token.
    pub first_token: usize,
    /// One past the last token.
    pub end_token: usize,
    /// Index of its segment.
    pub segment: usize,
}

/// Abbreviations after which a capitalized word is a name, not a new sentence.
const TITLES: &[&str] = &[
    "mr.", "mrs.", "ms.", "dr.", "prof.", "rev.", "gen.", "lt.", "col.", "maj.", "capt.", "sgt.", "adm.", "gov.",
    "sen.", "rep.", "pres.", "amb.", "st.", "mt.", "ft.", "messrs.", "hon.", "jan.", "feb.", "mar.", "apr.", "jun.",
    "jul.", "aug.", "sep.", "sept.", "oct.", "nov.", "dec.", "no.", "nos.", "vol.", "p.", "pp.", "fig.", "vs.", "v.",
    "cf.",
];

/// Words that commonly start a sentence, so "... the U.S. The talks ..." breaks after "U.S.".
const SENTENCE_STARTERS: &[&str] = &[
    "The",
    "A",
    "An",
    "He",
    "She",
    "It",
    "They",
    "We",
    "I",
    "You",
    "But",
    "And",
    "In",
    "On",
    "At",
    "This",
    "That",
    "These",
    "Those",
    "There",
    "Its",
    "His",
    "Her",
    "Their",
    "Our",
    "Some",
    "Many",
    "Most",
    "Officials",
    "If",
    "When",
    "While",
    "After",
    "Before",
    "However",
    "Meanwhile",
    "Also",
    "As",
    "For",
    "Under",
    "Since",
    "So",
];

fn is_terminal(tok: &str) -> bool {
    matches!(tok, "." | "!" | "?" | "..." | "!!" | "??" | "?!" | "!?")
        || (tok.len() > 3 && tok.bytes().all(|b| b == b'.'))
}

fn is_closer(tok: &str) -> bool {
    matches!(tok, "\"" | "'" | ")" | "]" | "}" | "''")
}

fn can_start_sentence(text: &str, tokens: &[Token], at: usize) -> bool {
    let Some(tok) = tokens.get(at) else { return true };
    let s = &text[tok.start..tok.end];
    let first = s.chars().next().unwrap_or(' ');
    if first.is_uppercase() || first.is_ascii_digit() || tok.kind == TokenKind::Emoji || !first.is_alphanumeric() {
        // An opening quote or bracket starts a sentence if what follows can.
        if matches!(s, "\"" | "'" | "(" | "[" | "``") {
            return tokens.get(at + 1).is_none_or(|n| {
                let c = text[n.start..].chars().next().unwrap_or(' ');
                c.is_uppercase() || c.is_ascii_digit()
            });
        }
        return first.is_uppercase() || first.is_ascii_digit() || tok.kind == TokenKind::Emoji || s == "-";
    }
    false
}

/// Splits the tokens of each segment into sentences.
pub fn sentences(text: &str, tokens: &[Token], segments: &[Segment]) -> Vec<Sentence> {
    let mut out = Vec::new();
    let mut t = 0;
    for (seg_index, seg) in segments.iter().enumerate() {
        while t < tokens.len() && tokens[t].start < seg.start {
            t += 1; // tokens outside every segment cannot exist, but stay safe
        }
        let seg_first = t;
        while t < tokens.len() && tokens[t].end <= seg.end {
            t += 1;
        }
        split_segment(text, tokens, seg_first, t, seg_index, &mut out);
    }
    out
}

/// The longest sentence, in tokens. News sentences are shorter (in 10,000 BBC, Reuters and RSS articles, 3 of
/// some 200,000 are longer than 120 tokens and one longer than 150); a longer stretch without a sentence end (a
/// list, text without punctuation, markup) is cut, after a comma, semicolon or colon in its second half where
/// there is one, so that no stage's work on one sentence grows with the document.
pub(crate) const MAX_TOKENS: usize = 150;

fn split_segment(text: &str, tokens: &[Token], first: usize, end: usize, segment: usize, out: &mut Vec<Sentence>) {
    let mut start = first;
    let mut i = first;
    // One past the last comma, semicolon or colon of the sentence so far.
    let mut pause = first;
    while i < end {
        let tok = &tokens[i];
        let s = &text[tok.start..tok.end];
        if matches!(s, "," | ";" | ":") {
            pause = i + 1;
        }
        let mut boundary = None;
        if is_terminal(s) {
            let mut j = i + 1;
            while j < end && is_closer(&text[tokens[j].start..tokens[j].end]) && !tokens[j].space_before {
                j += 1;
            }
            // A closing quote after a space still closes when nothing opens after it.
            while j < end
                && is_closer(&text[tokens[j].start..tokens[j].end])
                && j + 1 < end
                && tokens[j + 1].space_before
            {
                j += 1;
            }
            if j >= end || (can_start_sentence(text, tokens, j) && (s != "..." || starts_upper(text, &tokens[j]))) {
                boundary = Some(j);
            }
        } else if s.len() > 1 && s.ends_with('.') && tok.kind == TokenKind::Word {
            let lower = s.to_lowercase();
            let next = tokens.get(i + 1).filter(|_| i + 1 < end);
            let is_initial = s.chars().count() == 2;
            if !TITLES.contains(&lower.as_str())
                && !is_initial
                && next.is_some_and(|n| n.newlines_before > 0 || SENTENCE_STARTERS.contains(&&text[n.start..n.end]))
            {
                boundary = Some(i + 1);
            }
        } else if tok.newlines_before > 0 && i > start && starts_list_item_token(text, tokens, i) {
            boundary = Some(i);
        }
        if boundary.is_none() && i + 1 - start >= MAX_TOKENS {
            boundary = Some(if pause > start + MAX_TOKENS / 2 { pause } else { i + 1 });
        }
        match boundary {
            Some(b) if b > start => {
                push(tokens, start, b, segment, out);
                start = b;
                i = b;
            }
            _ => i += 1,
        }
    }
    if start < end {
        push(tokens, start, end, segment, out);
    }
}

fn starts_upper(text: &str, tok: &Token) -> bool {
    text[tok.start..].starts_with(|c: char| c.is_uppercase() || c == '"' || c.is_ascii_digit())
}

fn starts_list_item_token(text: &str, tokens: &[Token], i: usize) -> bool {
    let s = &text[tokens[i].start..tokens[i].end];
    matches!(s, "-" | "*" | "\u{2022}") && tokens.get(i + 1).is_some_and(|n| n.space_before)
}

fn push(tokens: &[Token], first: usize, end: usize, segment: usize, out: &mut Vec<Sentence>) {
    out.push(Sentence {
        start: tokens[first].start,
        end: tokens[end - 1].end,
        first_token: first,
        end_token: end,
        segment,
    });
}

#[cfg(test)]
mod tests {
    use crate::text::Text;

    fn split(text: &str) -> Vec<String> {
        let t = Text::new(text);
        t.sentences.iter().map(|s| t.normalized()[s.start..s.end].to_string()).collect()
    }

    #[test]
    fn abbreviations_do_not_break() {
        assert_eq!(
            split("Mr. Smith met Dr. J. R. Jones on Jan. 5 in Washington. They talked."),
            ["Mr. Smith met Dr. J. R. Jones on Jan. 5 in Washington.", "They talked."]
        );
    }

    #[test]
    fn abbreviation_at_sentence_end() {
        assert_eq!(split("He moved to the U.S. The talks failed."), ["He moved to the U.S.", "The talks failed."]);
        assert_eq!(split("U.S. forces left."), ["U.S. forces left."]);
    }

    #[test]
    fn quotes_brackets_ellipses() {
        assert_eq!(
            split("\"We will go,\" he said. \"Now.\" (It rained.) Then... it stopped... Later it ended."),
            ["\"We will go,\" he said.", "\"Now.\"", "(It rained.)", "Then... it stopped...", "Later it ended."]
        );
    }

    #[test]
    fn questions_and_lowercase_continuations() {
        assert_eq!(
            split("Why? Nobody knows. He lives in the U.S. and works. Really!"),
            ["Why?", "Nobody knows.", "He lives in the U.S. and works.", "Really!"]
        );
    }

    #[test]
    fn hard_wrapped_lines_are_one_sentence() {
        let text = "Showers continued throughout the week in\nthe Bahia cocoa zone, alleviating the drought since early\nJanuary and improving prospects.";
        assert_eq!(split(text).len(), 1);
    }

    #[test]
    fn long_stretches_without_an_end_are_cut() {
        let list: String = (0..1000).map(|i| format!("Name{i} Surname{i}, ")).collect();
        let t = Text::new(&list);
        assert!(t.sentences.iter().all(|s| s.end_token - s.first_token <= super::MAX_TOKENS));
        // At a comma, and covering every token.
        assert!(t.sentences.iter().all(|s| t.normalized()[..s.end].ends_with(',') || s.end == t.normalized().len()));
        assert_eq!(t.sentences.iter().map(|s| s.end_token - s.first_token).sum::<usize>(), t.tokens.len());
        let words = "word ".repeat(400);
        let t = Text::new(&words);
        let lengths: Vec<usize> = t.sentences.iter().map(|s| s.end_token - s.first_token).collect();
        assert_eq!(lengths, [150, 150, 100]);
    }

    #[test]
    fn numbers_with_periods() {
        assert_eq!(split("Profits rose 5.93 pct. Sales fell 2 pct."), ["Profits rose 5.93 pct.", "Sales fell 2 pct."]);
    }
}
