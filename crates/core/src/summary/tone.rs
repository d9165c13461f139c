//! Tone in the manner of GDELT's V1.5TONE, with word valences from the VADER lexicon.
//!
//! Every word of the lexicon gets VADER's valence in its sentence: negated by a negator up to three words
//! before it ("not good", "never really good"), raised or lowered by degree adverbs ("very bad", "slightly
//! better"), flattened by "no" before another sentiment word, emphasized in ALL CAPS among lower-case words,
//! weakened before "but" and strengthened after it (Hutto & Gilbert 2014, the rules of vaderSentiment 3.3.2).
//! A word then counts as `valence / |lexicon valence|` of a positive or negative word, at most two: a plain "good"
//! is one positive word, "very good" 1.15, "not good" 0.74 of a negative word. `positive` and `negative` are those counts
//! in percent of all words, `tone` their difference and `polarity` their sum, as GDELT defines them.
//!
//! Two departures from VADER for news: words inside names ("United Nations", "Labour Party", and capitalized
//! words in mid-sentence) carry no sentiment, and punctuation emphasis ("!!!") is not counted, since GDELT counts
//! words. Activity density counts verbs of doing (a curated list, `data/activity.txt`); self/group reference
//! density counts first-person pronouns.

use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};

use super::Inputs;
use super::words::{self, Lowered, Scope};
use crate::model::{Casing, TokenKind, Tone};
use crate::{Error, Result};

/// The compiled resource: what `cargo xtask resources` writes into `resources/summary-tone.bin`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct LexiconFile {
    /// Where the valences come from.
    pub source: String,
    /// The licence notice of the valences.
    pub notice: String,
    /// Lower-case word and its mean valence, -4 to +4.
    pub valence: Vec<(String, f32)>,
    /// Lower-case inflected forms of verbs of doing.
    pub activity: Vec<String>,
}

/// What the lexicon knows of a word.
#[derive(Debug, Clone, Copy, Default)]
struct WordInfo {
    valence: Option<f32>,
    active: bool,
}

/// The tone lexicon, ready for lookups.
#[derive(Debug)]
pub struct Lexicon {
    words: FxHashMap<Box<str>, WordInfo>,
    source: String,
    notice: String,
}

impl Lexicon {
    /// The embedded lexicon, decoded once per process.
    #[cfg(feature = "embedded")]
    pub fn embedded() -> Result<&'static Lexicon> {
        crate::resources::embedded::<Lexicon>().map(|l| &**l)
    }

    /// Decodes a compiled lexicon (the payload of `summary-tone.bin`).
    pub fn decode(bytes: &[u8]) -> Result<Lexicon> {
        let bad = |e| Error::resource("summary-tone.bin", e);
        let file: LexiconFile = postcard::from_bytes(bytes).map_err(bad)?;
        if file.valence.is_empty() {
            return Err(Error::resource("summary-tone.bin", "no valences"));
        }
        Ok(Lexicon::from(file))
    }

    /// The valence of a lower-case word, if it has one.
    pub fn valence(&self, lower: &str) -> Option<f32> {
        self.words.get(lower).and_then(|w| w.valence)
    }

    fn info(&self, lower: &str) -> WordInfo {
        self.words.get(lower).copied().unwrap_or_default()
    }

    /// Where the valences come from, and their licence.
    pub fn provenance(&self) -> (&str, &str) {
        (&self.source, &self.notice)
    }

    fn contains(&self, lower: &str) -> bool {
        self.valence(lower).is_some()
    }
}

impl From<LexiconFile> for Lexicon {
    fn from(file: LexiconFile) -> Self {
        let mut words: FxHashMap<Box<str>, WordInfo> = FxHashMap::default();
        for (word, valence) in file.valence {
            words.entry(word.into_boxed_str()).or_default().valence = Some(valence);
        }
        for word in file.activity {
            words.entry(word.into_boxed_str()).or_default().active = true;
        }
        Lexicon { words, source: file.source, notice: file.notice }
    }
}

// The constants and word lists of vaderSentiment 3.3.2 (MIT), empirically derived by its authors.
const B_INCR: f32 = 0.293;
const B_DECR: f32 = -0.293;
const C_INCR: f32 = 0.733;
const N_SCALAR: f32 = -0.74;

/// The most one sentiment word can count for, in words.
const MAX_SHARE: f32 = 2.0;

/// Negators (VADER's list, with the apostrophe-less spellings; "n't" is matched inside any word).
const NEGATE: &[&str] = &[
    "ain't",
    "aint",
    "aren't",
    "arent",
    "can't",
    "cannot",
    "cant",
    "couldn't",
    "couldnt",
    "daren't",
    "darent",
    "despite",
    "didn't",
    "didnt",
    "doesn't",
    "doesnt",
    "don't",
    "dont",
    "hadn't",
    "hadnt",
    "hasn't",
    "hasnt",
    "haven't",
    "havent",
    "isn't",
    "isnt",
    "mightn't",
    "mightnt",
    "mustn't",
    "mustnt",
    "needn't",
    "neednt",
    "neither",
    "never",
    "none",
    "nope",
    "nor",
    "not",
    "nothing",
    "nowhere",
    "oughtn't",
    "oughtnt",
    "rarely",
    "seldom",
    "shan't",
    "shant",
    "shouldn't",
    "shouldnt",
    "uh-uh",
    "uhuh",
    "wasn't",
    "wasnt",
    "weren't",
    "werent",
    "without",
    "won't",
    "wont",
    "wouldn't",
    "wouldnt",
];

/// Degree adverbs: boosters (+) and dampeners (-), one word each (sorted).
const BOOSTERS: &[(&str, f32)] = &[
    ("absolutely", B_INCR),
    ("almost", B_DECR),
    ("amazingly", B_INCR),
    ("awfully", B_INCR),
    ("barely", B_DECR),
    ("completely", B_INCR),
    ("considerable", B_INCR),
    ("considerably", B_INCR),
    ("decidedly", B_INCR),
    ("deeply", B_INCR),
    ("effing", B_INCR),
    ("enormous", B_INCR),
    ("enormously", B_INCR),
    ("entirely", B_INCR),
    ("especially", B_INCR),
    ("exceptional", B_INCR),
    ("exceptionally", B_INCR),
    ("extreme", B_INCR),
    ("extremely", B_INCR),
    ("fabulously", B_INCR),
    ("flippin", B_INCR),
    ("flipping", B_INCR),
    ("frackin", B_INCR),
    ("fracking", B_INCR),
    ("frickin", B_INCR),
    ("fricking", B_INCR),
    ("friggin", B_INCR),
    ("frigging", B_INCR),
    ("fuckin", B_INCR),
    ("fucking", B_INCR),
    ("fuggin", B_INCR),
    ("fugging", B_INCR),
    ("fully", B_INCR),
    ("greatly", B_INCR),
    ("hardly", B_DECR),
    ("hella", B_INCR),
    ("highly", B_INCR),
    ("hugely", B_INCR),
    ("incredible", B_INCR),
    ("incredibly", B_INCR),
    ("intensely", B_INCR),
    ("kind-of", B_DECR),
    ("kinda", B_DECR),
    ("kindof", B_DECR),
    ("less", B_DECR),
    ("little", B_DECR),
    ("major", B_INCR),
    ("majorly", B_INCR),
    ("marginal", B_DECR),
    ("marginally", B_DECR),
    ("more", B_INCR),
    ("most", B_INCR),
    ("occasional", B_DECR),
    ("occasionally", B_DECR),
    ("particularly", B_INCR),
    ("partly", B_DECR),
    ("purely", B_INCR),
    ("quite", B_INCR),
    ("really", B_INCR),
    ("remarkably", B_INCR),
    ("scarce", B_DECR),
    ("scarcely", B_DECR),
    ("slight", B_DECR),
    ("slightly", B_DECR),
    ("so", B_INCR),
    ("somewhat", B_DECR),
    ("sort-of", B_DECR),
    ("sorta", B_DECR),
    ("sortof", B_DECR),
    ("substantially", B_INCR),
    ("thoroughly", B_INCR),
    ("total", B_INCR),
    ("totally", B_INCR),
    ("tremendous", B_INCR),
    ("tremendously", B_INCR),
    ("uber", B_INCR),
    ("unbelievably", B_INCR),
    ("unusually", B_INCR),
    ("utter", B_INCR),
    ("utterly", B_INCR),
    ("very", B_INCR),
];

/// Two-word degree adverbs, checked as VADER does (after the third word before a sentiment word).
const BOOSTER_BIGRAMS: &[(&str, &str, f32)] =
    &[("just", "enough", B_DECR), ("kind", "of", B_DECR), ("sort", "of", B_DECR)];

/// Idioms whose valence replaces that of the sentiment word inside them.
const SPECIAL_CASES: &[(&[&str], f32)] = &[
    (&["the", "shit"], 3.0),
    (&["the", "bomb"], 3.0),
    (&["bad", "ass"], 1.5),
    (&["bus", "stop"], 0.0),
    (&["yeah", "right"], -2.0),
    (&["kiss", "of", "death"], -1.5),
    (&["to", "die", "for"], 3.0),
    (&["beating", "heart"], 3.5),
];

/// First-person pronouns: self and group reference.
const SELF_REFERENCE: &[&str] = &["i", "me", "mine", "my", "myself", "our", "ours", "ourselves", "us", "we"];

fn booster(lower: &str) -> Option<f32> {
    BOOSTERS.binary_search_by(|(w, _)| w.cmp(&lower)).ok().map(|i| BOOSTERS[i].1)
}

fn is_negator(lower: &str) -> bool {
    NEGATE.binary_search(&lower).is_ok() || lower.contains("n't")
}

/// One sentence's words, as VADER sees them.
struct SentenceWords<'s> {
    /// Lower-case words.
    lower: &'s [&'s str],
    /// The words as written.
    written: &'s [&'s str],
    /// True when some but not all words are in ALL CAPS, and the sentence is in ordinary case.
    caps_differ: bool,
}

impl SentenceWords<'_> {
    fn at(&self, i: usize) -> &str {
        self.lower.get(i).copied().unwrap_or("")
    }

    /// VADER's valence of word `i` in its sentence (before the "but" rule).
    fn valence(&self, lexicon: &Lexicon, i: usize) -> f32 {
        let word = self.at(i);
        if booster(word).is_some() || (word == "kind" && self.at(i + 1) == "of") {
            return 0.0;
        }
        let Some(base) = lexicon.valence(word) else { return 0.0 };
        let mut v = base;
        // "no" before another sentiment word is a negator, not a sentiment word.
        if word == "no" && i + 1 < self.lower.len() && lexicon.contains(self.at(i + 1)) {
            v = 0.0;
        }
        let before = |k: usize| if i >= k { self.at(i - k) } else { "" };
        if before(1) == "no" || before(2) == "no" || (before(3) == "no" && matches!(before(1), "or" | "nor")) {
            v = base * N_SCALAR;
        }
        if self.caps_differ && self.written.get(i).is_some_and(|w| words::is_all_caps(w)) {
            v += if v > 0.0 { C_INCR } else { -C_INCR };
        }
        for k in 0..3 {
            if i <= k {
                break;
            }
            let prev = before(k + 1);
            if lexicon.contains(prev) {
                continue;
            }
            if let Some(b) = booster(prev) {
                let mut s = if v < 0.0 { -b } else { b };
                if self.caps_differ && self.written.get(i - k - 1).is_some_and(|w| words::is_all_caps(w)) {
                    s += if v > 0.0 { C_INCR } else { -C_INCR };
                }
                v += s * [1.0, 0.95, 0.9][k];
            }
            v = self.negation(v, k, i);
            if k == 2 {
                v = self.idioms(v, i);
            }
        }
        // "least" negates, except in "at least" and "very least".
        if i > 0 && before(1) == "least" && !lexicon.contains("least") && !(i > 1 && matches!(before(2), "at" | "very"))
        {
            v *= N_SCALAR;
        }
        v
    }

    /// Negation by the word `k + 1` places before word `i`.
    fn negation(&self, v: f32, k: usize, i: usize) -> f32 {
        let before = |d: usize| if i >= d { self.at(i - d) } else { "" };
        let so_this = |w: &str| matches!(w, "so" | "this");
        match k {
            0 if is_negator(before(1)) => v * N_SCALAR,
            1 if before(2) == "never" && so_this(before(1)) => v * 1.25,
            1 if before(2) == "without" && before(1) == "doubt" => v,
            1 if is_negator(before(2)) => v * N_SCALAR,
            2 if before(3) == "never" && (so_this(before(2)) || so_this(before(1))) => v * 1.25,
            2 if before(3) == "without" && (before(2) == "doubt" || before(1) == "doubt") => v,
            2 if is_negator(before(3)) => v * N_SCALAR,
            _ => v,
        }
    }

    /// Idioms around word `i` (their valence replaces the word's) and two-word dampeners before it.
    fn idioms(&self, mut v: f32, i: usize) -> f32 {
        let phrase_at = |start: usize, len: usize| {
            SPECIAL_CASES
                .iter()
                .find(|(p, _)| {
                    p.len() == len && p.iter().enumerate().all(|(j, w)| self.lower.get(start + j) == Some(w))
                })
                .map(|(_, value)| *value)
        };
        // Phrases ending at i or just before it, in VADER's order: the first that matches wins.
        let backward = [(1, 2), (2, 3), (2, 2), (3, 3), (3, 2)];
        if let Some(value) =
            backward.iter().filter(|(back, _)| i >= *back).find_map(|&(back, len)| phrase_at(i - back, len))
        {
            v = value;
        }
        for len in [2, 3] {
            if let Some(value) = phrase_at(i, len) {
                v = value;
            }
        }
        for (a, b, value) in BOOSTER_BIGRAMS {
            for (x, y) in [(3, 2), (2, 1)] {
                if i >= x && self.at(i - x) == *a && self.at(i - y) == *b {
                    v += value;
                }
            }
        }
        v
    }
}

/// Sentiment and reference counts of one sentence.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
struct Counts {
    words: usize,
    positive: f32,
    negative: f32,
    active: usize,
    self_reference: usize,
}

impl Counts {
    fn add(&mut self, other: &Counts) {
        self.words += other.words;
        self.positive += other.positive;
        self.negative += other.negative;
        self.active += other.active;
        self.self_reference += other.self_reference;
    }

    fn tone(&self) -> Tone {
        let percent = |x: f32| if self.words == 0 { 0.0 } else { 100.0 * x / self.words as f32 };
        let (positive, negative) = (percent(self.positive), percent(self.negative));
        Tone {
            tone: positive - negative,
            positive,
            negative,
            polarity: positive + negative,
            activity: percent(self.active as f32),
            self_reference: percent(self.self_reference as f32),
            words: self.words,
        }
    }
}

/// The counts of every sentence, and which ones make up the article.
#[derive(Debug, Clone)]
pub struct Scored {
    sentences: Vec<Counts>,
    in_scope: Vec<bool>,
}

impl Scored {
    /// The tone of the article (sentences out of scope left out).
    pub(crate) fn document(&self) -> Tone {
        let mut total = Counts::default();
        for (c, _) in self.sentences.iter().zip(&self.in_scope).filter(|(_, in_scope)| **in_scope) {
            total.add(c);
        }
        total.tone()
    }

    /// The tone of every sentence, in or out of scope.
    pub(crate) fn sentences(&self) -> Vec<Tone> {
        self.sentences.iter().map(Counts::tone).collect()
    }
}

/// Scores every sentence of the document.
pub(crate) fn score_sentences(lexicon: &Lexicon, inputs: &Inputs<'_>, scope: &Scope, lowered: &Lowered) -> Scored {
    let text = inputs.text;
    let normalized = text.normalized();
    // Tokens inside named-entity mentions.
    let mut in_name = vec![false; if inputs.names.is_empty() { 0 } else { text.tokens.len() }];
    for name in inputs.names {
        for t in name.tokens.clone() {
            if let Some(flag) = in_name.get_mut(t) {
                *flag = true;
            }
        }
    }
    let mut written: Vec<&str> = Vec::new();
    let mut lower: Vec<&str> = Vec::new();
    let mut tokens: Vec<usize> = Vec::new();
    let mut sentences = Vec::with_capacity(text.sentences.len());
    for sentence in &text.sentences {
        written.clear();
        lower.clear();
        tokens.clear();
        for t in sentence.first_token..sentence.end_token {
            if let Some(token) = text.tokens.get(t).filter(|tok| words::is_word(normalized, tok)) {
                written.push(normalized.get(token.start..token.end).unwrap_or(""));
                lower.push(lowered.get(t));
                tokens.push(t);
            }
        }
        let casing = text.segments.get(sentence.segment).map_or(Casing::Mixed, |s| s.casing);
        let caps = if casing == Casing::Mixed { written.iter().filter(|w| words::is_all_caps(w)).count() } else { 0 };
        let sentence_words =
            SentenceWords { lower: &lower, written: &written, caps_differ: caps > 0 && caps < written.len() };
        let but = lower.iter().position(|w| *w == "but");
        let mut counts = Counts { words: written.len(), ..Counts::default() };
        for (i, &t) in tokens.iter().enumerate() {
            let word = lower[i];
            let info = lexicon.info(word);
            counts.active += usize::from(info.active);
            if SELF_REFERENCE.contains(&word) && !(word == "us" && written[i] == "US") {
                counts.self_reference += 1;
            }
            let Some(base) = info.valence.filter(|b| *b != 0.0) else { continue };
            if in_name.get(t).copied().unwrap_or(false) || (casing == Casing::Mixed && is_name_word(text, t)) {
                continue;
            }
            let mut v = sentence_words.valence(lexicon, i);
            match but {
                Some(b) if i < b => v *= 0.5,
                Some(b) if i > b => v *= 1.5,
                _ => {}
            }
            // At most two words' worth, so that a booster on a faint word cannot outweigh whole sentences.
            let share = (v / base.abs()).clamp(-MAX_SHARE, MAX_SHARE);
            if share > 0.0 {
                counts.positive += share;
            } else {
                counts.negative -= share;
            }
        }
        sentences.push(counts);
    }
    let in_scope = (0..text.sentences.len()).map(|i| scope.contains(i)).collect();
    Scored { sentences, in_scope }
}

/// True for a capitalized word in mid-sentence (after a word, number or comma): part of a name, in ordinary text.
fn is_name_word(text: &crate::text::Text<'_>, t: usize) -> bool {
    let normalized = text.normalized();
    let Some(token) = text.tokens.get(t) else { return false };
    let word = normalized.get(token.start..token.end).unwrap_or("");
    if !words::is_capitalized(word) || words::is_all_caps(word) || t == 0 {
        return false;
    }
    let sentence = text.sentence_of_token(t);
    if text.sentences.get(sentence).is_none_or(|s| s.first_token >= t) {
        return false;
    }
    text.tokens.get(t - 1).is_some_and(|prev| match prev.kind {
        TokenKind::Word | TokenKind::Number => true,
        TokenKind::Punct => normalized.get(prev.start..prev.end) == Some(","),
        _ => false,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::Text;

    fn lexicon() -> Lexicon {
        let valence = [
            ("good", 1.9),
            ("bad", -2.5),
            ("great", 3.1),
            ("happy", 2.7),
            ("war", -2.9),
            ("killed", -3.5),
            ("peace", 2.5),
            ("united", 1.8),
            ("no", -1.2),
            ("problem", -1.7),
            ("bomb", -2.2),
        ];
        Lexicon::from(LexiconFile {
            source: "test".into(),
            notice: String::new(),
            valence: valence.iter().map(|(w, v)| (w.to_string(), *v)).collect(),
            activity: vec!["attacked".into(), "signed".into()],
        })
    }

    fn tone(text: &str) -> Tone {
        let text = Text::new(text);
        let inputs = Inputs::text(&text);
        score_sentences(&lexicon(), &inputs, &Scope::new(&text), &Lowered::new(&text)).document()
    }

    fn valences(sentence: &str) -> Vec<f32> {
        let lexicon = lexicon();
        let written: Vec<&str> = sentence.split(' ').collect();
        let lower_owned: Vec<String> = written.iter().map(|w| w.to_lowercase()).collect();
        let lower: Vec<&str> = lower_owned.iter().map(String::as_str).collect();
        let caps = written.iter().filter(|w| words::is_all_caps(w)).count();
        let s = SentenceWords { lower: &lower, written: &written, caps_differ: caps > 0 && caps < written.len() };
        (0..written.len()).map(|i| s.valence(&lexicon, i)).collect()
    }

    fn close(a: f32, b: f32) -> bool {
        (a - b).abs() < 1e-4
    }

    #[test]
    fn vader_rules() {
        // Plain, boosted, negated, negated at a distance, dampened.
        assert!(close(valences("it is good")[2], 1.9));
        assert!(close(valences("it is very good")[3], 1.9 + B_INCR));
        assert!(close(valences("it is very bad")[3], -2.5 - B_INCR));
        assert!(close(valences("it is not good")[3], 1.9 * N_SCALAR));
        assert!(close(valences("it is not really good")[4], (1.9 + B_INCR) * N_SCALAR));
        assert!(close(valences("it is slightly bad")[3], -2.5 + B_INCR));
        assert!(close(valences("it isn't good")[2], 1.9 * N_SCALAR));
        // "no" before a sentiment word negates it and carries none itself.
        let v = valences("there is no good plan");
        assert!(close(v[2], 0.0) && close(v[3], 1.9 * N_SCALAR));
        // ALL CAPS emphasis among ordinary words.
        assert!(close(valences("it is GOOD")[2], 1.9 + C_INCR));
        // "at least" is not a negation; "least" alone is.
        assert!(close(valences("at least good")[2], 1.9));
        assert!(close(valences("the least good")[2], 1.9 * N_SCALAR));
        // "never so good" strengthens; idioms replace.
        assert!(close(valences("never so good")[2], (1.9 + B_INCR) * 1.25));
        assert!(close(valences("it was the bomb")[3], 3.0));
    }

    #[test]
    fn word_lists_are_sorted() {
        assert!(NEGATE.windows(2).all(|w| w[0] < w[1]));
        assert!(BOOSTERS.windows(2).all(|w| w[0].0 < w[1].0));
    }

    #[test]
    fn tone_signs() {
        let t = tone("The talks were a great success and both sides were happy.");
        assert!(t.tone > 0.0 && t.negative == 0.0, "{t:?}");
        let t = tone("Soldiers killed ten people in a bad week of war.");
        assert!(t.tone < 0.0 && t.positive == 0.0, "{t:?}");
        let t = tone("The deal is not good.");
        assert!(t.tone < 0.0, "{t:?}");
        assert_eq!(t.words, 5);
        assert!(close(t.negative, 100.0 * 0.74 / 5.0));
    }

    #[test]
    fn names_carry_no_sentiment() {
        // "United" in a name is not positive; "peace" is.
        let t = tone("Officials of the United Nations met today.");
        assert!(close(t.positive, 0.0), "{t:?}");
        let t = tone("United we stand for peace.");
        assert!(t.positive > 0.0);
    }

    #[test]
    fn but_shifts_weight() {
        let t = tone("The plan is good but the result is bad.");
        // good * 0.5 = 0.5 positive words, bad * 1.5 = 1.5 negative words, of 9.
        assert!(close(t.positive, 100.0 * 0.5 / 9.0) && close(t.negative, 100.0 * 1.5 / 9.0), "{t:?}");
    }

    #[test]
    fn activity_and_self_reference() {
        let t = tone("We signed the deal and they attacked us.");
        assert_eq!(t.words, 8);
        assert!(close(t.activity, 25.0) && close(t.self_reference, 25.0), "{t:?}");
        assert!(close(tone("The US signed.").self_reference, 0.0));
    }

    #[test]
    fn detached_headline_is_ignored() {
        let body = "Ministers agreed a budget on Tuesday after long talks.\n\nThe talks ran late into the night.\n";
        let with = tone(&format!("{body}\nGreat Happy Peace Good Day\n"));
        assert_eq!(with, tone(body));
    }
}
