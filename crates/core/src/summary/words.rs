//! What the summary jobs share: which sentences belong to the article, what counts as a word, stopwords.

use crate::model::{SegmentKind, TokenKind};
use crate::text::{Text, Token};

/// The sentences that document-level fields read: not in a detached segment and not boilerplate.
#[derive(Debug, Clone)]
pub(crate) struct Scope {
    in_scope: Vec<bool>,
}

impl Scope {
    pub(crate) fn new(text: &Text<'_>) -> Self {
        let in_scope = text
            .sentences
            .iter()
            .map(|s| {
                text.segments.get(s.segment).is_some_and(|seg| !seg.detached && seg.kind != SegmentKind::Boilerplate)
            })
            .collect();
        Scope { in_scope }
    }

    /// True when sentence `i` belongs to the article.
    pub(crate) fn contains(&self, sentence: usize) -> bool {
        self.in_scope.get(sentence).copied().unwrap_or(false)
    }
}

/// True for tokens that count as words: letters or digits, but not a split-off possessive ("'s", "'").
pub(crate) fn is_word(text: &str, token: &Token) -> bool {
    match token.kind {
        TokenKind::Word => !text.get(token.start..token.end).is_some_and(|w| w.starts_with('\'')),
        TokenKind::Number => true,
        _ => false,
    }
}

/// Every token of a document in lower case, in one buffer (one allocation per document, not per token).
#[derive(Debug, Clone, Default)]
pub(crate) struct Lowered {
    buf: String,
    /// End of each token's text in `buf`.
    ends: Vec<u32>,
}

impl Lowered {
    pub(crate) fn new(text: &Text<'_>) -> Self {
        let normalized = text.normalized();
        let mut buf = String::with_capacity(normalized.len());
        let mut ends = Vec::with_capacity(text.tokens.len());
        for token in &text.tokens {
            let word = normalized.get(token.start..token.end).unwrap_or("");
            let start = buf.len();
            buf.push_str(word);
            if word.is_ascii() {
                buf[start..].make_ascii_lowercase();
            } else if word.chars().any(char::is_uppercase) {
                buf.truncate(start);
                buf.extend(word.chars().flat_map(char::to_lowercase));
            }
            ends.push(u32::try_from(buf.len()).unwrap_or(u32::MAX));
        }
        Lowered { buf, ends }
    }

    /// Token `t` in lower case ("" past the end).
    pub(crate) fn get(&self, t: usize) -> &str {
        let start = t.checked_sub(1).and_then(|p| self.ends.get(p)).map_or(0, |&e| e as usize);
        let end = self.ends.get(t).map_or(start, |&e| e as usize);
        self.buf.get(start..end).unwrap_or("")
    }
}

/// True for an ALL CAPS word of two letters or more.
pub(crate) fn is_all_caps(word: &str) -> bool {
    let mut letters = 0;
    for c in word.chars() {
        if c.is_lowercase() {
            return false;
        }
        letters += usize::from(c.is_alphabetic());
    }
    letters >= 2
}

/// True when the word starts with a capital letter.
pub(crate) fn is_capitalized(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

/// English function words, titles, days, months and news filler that never start or end a keyphrase (sorted).
const STOPWORDS: &[&str] = &[
    "a",
    "about",
    "above",
    "according",
    "across",
    "after",
    "afterwards",
    "again",
    "against",
    "ago",
    "ahead",
    "all",
    "almost",
    "alone",
    "along",
    "already",
    "also",
    "although",
    "always",
    "am",
    "among",
    "amongst",
    "an",
    "and",
    "another",
    "any",
    "anyone",
    "anything",
    "anyway",
    "april",
    "are",
    "around",
    "as",
    "at",
    "august",
    "away",
    "back",
    "be",
    "became",
    "because",
    "become",
    "becomes",
    "been",
    "before",
    "behind",
    "being",
    "below",
    "beside",
    "besides",
    "between",
    "beyond",
    "both",
    "but",
    "by",
    "can",
    "cannot",
    "could",
    "day",
    "days",
    "december",
    "did",
    "do",
    "does",
    "doing",
    "done",
    "down",
    "dr",
    "during",
    "each",
    "eight",
    "either",
    "else",
    "enough",
    "especially",
    "even",
    "ever",
    "every",
    "everyone",
    "everything",
    "february",
    "few",
    "fifth",
    "first",
    "five",
    "for",
    "former",
    "four",
    "friday",
    "from",
    "further",
    "get",
    "gets",
    "getting",
    "given",
    "go",
    "goes",
    "going",
    "got",
    "had",
    "has",
    "have",
    "having",
    "he",
    "her",
    "here",
    "hers",
    "herself",
    "him",
    "himself",
    "his",
    "how",
    "however",
    "i",
    "if",
    "in",
    "including",
    "indeed",
    "instead",
    "into",
    "is",
    "it",
    "its",
    "itself",
    "january",
    "july",
    "june",
    "just",
    "last",
    "later",
    "latest",
    "least",
    "less",
    "like",
    "likely",
    "made",
    "make",
    "makes",
    "many",
    "may",
    "me",
    "meanwhile",
    "might",
    "mine",
    "monday",
    "month",
    "months",
    "more",
    "moreover",
    "most",
    "mostly",
    "mr",
    "mrs",
    "ms",
    "much",
    "must",
    "my",
    "myself",
    "n't",
    "near",
    "nearly",
    "neither",
    "never",
    "next",
    "nine",
    "no",
    "nobody",
    "none",
    "nor",
    "not",
    "nothing",
    "november",
    "now",
    "october",
    "of",
    "off",
    "often",
    "on",
    "once",
    "one",
    "only",
    "onto",
    "or",
    "other",
    "others",
    "otherwise",
    "our",
    "ours",
    "ourselves",
    "out",
    "over",
    "own",
    "per",
    "perhaps",
    "put",
    "quite",
    "rather",
    "really",
    "said",
    "same",
    "saturday",
    "say",
    "saying",
    "says",
    "second",
    "see",
    "seen",
    "september",
    "seven",
    "several",
    "she",
    "should",
    "since",
    "six",
    "so",
    "some",
    "someone",
    "something",
    "sometimes",
    "still",
    "such",
    "sunday",
    "take",
    "taken",
    "ten",
    "than",
    "that",
    "the",
    "their",
    "theirs",
    "them",
    "themselves",
    "then",
    "there",
    "thereby",
    "therefore",
    "these",
    "they",
    "third",
    "this",
    "those",
    "though",
    "three",
    "through",
    "throughout",
    "thursday",
    "thus",
    "to",
    "today",
    "together",
    "told",
    "tomorrow",
    "too",
    "toward",
    "towards",
    "tuesday",
    "two",
    "under",
    "unless",
    "until",
    "up",
    "upon",
    "us",
    "use",
    "used",
    "very",
    "via",
    "was",
    "we",
    "wednesday",
    "week",
    "weeks",
    "well",
    "were",
    "what",
    "whatever",
    "when",
    "whenever",
    "where",
    "whereas",
    "whether",
    "which",
    "while",
    "who",
    "whole",
    "whom",
    "whose",
    "why",
    "will",
    "with",
    "within",
    "without",
    "would",
    "year",
    "years",
    "yesterday",
    "yet",
    "you",
    "your",
    "yours",
    "yourself",
    "yourselves",
];

/// True when `lower` (a lower-case word) is a stopword.
pub(crate) fn is_stopword(lower: &str) -> bool {
    static SET: std::sync::OnceLock<rustc_hash::FxHashSet<&'static str>> = std::sync::OnceLock::new();
    SET.get_or_init(|| STOPWORDS.iter().copied().collect()).contains(lower)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stopwords_are_sorted_and_unique() {
        assert!(STOPWORDS.windows(2).all(|w| w[0] < w[1]), "STOPWORDS must be sorted");
        assert!(is_stopword("the") && is_stopword("n't") && !is_stopword("election"));
    }

    #[test]
    fn detached_and_boilerplate_are_out_of_scope() {
        let text = Text::new(
            "Ministers agreed a budget on Tuesday after long talks.\n\nShare this article\n\n\
             The talks ran late into the night.\n\nFootball Star Signs Record Deal With Madrid\n",
        );
        let scope = Scope::new(&text);
        let in_scope: Vec<bool> = (0..text.sentences.len()).map(|i| scope.contains(i)).collect();
        assert_eq!(in_scope, [true, false, true, false]);
    }

    #[test]
    fn lowered_tokens() {
        let text = Text::new("Iran's ÄRGER over U.S. Sanctions");
        let lower = Lowered::new(&text);
        let all: Vec<&str> = (0..text.tokens.len()).map(|t| lower.get(t)).collect();
        assert_eq!(all, ["iran", "'s", "ärger", "over", "u.s.", "sanctions"]);
        assert_eq!(lower.get(99), "");
    }

    #[test]
    fn caps() {
        assert!(is_all_caps("NATO") && is_all_caps("U.S.") && !is_all_caps("Nato") && !is_all_caps("A"));
    }
}
