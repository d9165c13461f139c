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

    /// True when byte `at` lies in a sentence of the article.
    pub(crate) fn contains_byte(&self, text: &Text<'_>, at: usize) -> bool {
        let i = text.sentences.partition_point(|s| s.end <= at);
        text.sentences.get(i).is_some_and(|s| s.start <= at) && self.contains(i)
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

/// `word` in lower case, written into `buf` (reused to spare allocations).
pub(crate) fn lower_into<'b>(word: &str, buf: &'b mut String) -> &'b str {
    buf.clear();
    if word.is_ascii() {
        buf.push_str(word);
        buf.make_ascii_lowercase();
    } else {
        buf.extend(word.chars().flat_map(char::to_lowercase));
    }
    buf
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

/// English function words and news filler that never start or end a keyphrase (sorted for binary search).
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
    "are",
    "around",
    "as",
    "at",
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
    "did",
    "do",
    "does",
    "doing",
    "done",
    "down",
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
    "few",
    "fifth",
    "first",
    "five",
    "for",
    "former",
    "four",
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
    "more",
    "moreover",
    "most",
    "mostly",
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
    "now",
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
    "say",
    "saying",
    "says",
    "second",
    "see",
    "seen",
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
    "thus",
    "to",
    "together",
    "told",
    "too",
    "toward",
    "towards",
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
    "yet",
    "you",
    "your",
    "yours",
    "yourself",
    "yourselves",
];

/// True when `lower` (a lower-case word) is a stopword.
pub(crate) fn is_stopword(lower: &str) -> bool {
    STOPWORDS.binary_search(&lower).is_ok()
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
        let text = Text::new("Iran and Iraq signed a deal on Wednesday.\n\nShare this article\n");
        let scope = Scope::new(&text);
        assert!(scope.contains(0));
        let words: Vec<_> = text.tokens.iter().filter(|t| is_word(text.normalized(), t)).collect();
        assert_eq!(words.len(), 11);
    }

    #[test]
    fn caps() {
        assert!(is_all_caps("NATO") && is_all_caps("U.S.") && !is_all_caps("Nato") && !is_all_caps("A"));
        let mut buf = String::new();
        assert_eq!(lower_into("Ärger", &mut buf), "ärger");
    }
}
