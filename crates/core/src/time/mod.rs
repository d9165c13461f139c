//! The `time` stage: temporal expressions ("September 11, 2024", "last week", "three months", "every Friday"),
//! normalized to TIMEX3 values against the publication date.
//!
//! Recognition (`grammar`) finds the expressions and what they mean; resolution (`resolve`) turns a meaning into a
//! value, using the publication date and the tense of the sentence to decide whether "Friday" was last Friday or
//! next. Extents follow TimeBank's annotation conventions, so `cargo xtask eval time` can score them.

mod grammar;
mod lexicon;
mod meaning;
mod resolve;

use std::sync::OnceLock;

use jiff::civil::Date;

use crate::fasthash::WordTable;
use crate::model::{Casing, TimeKind};
use crate::text::Text;
use grammar::{Rules, Tokens};
use lexicon::Word;
use meaning::Meaning;
pub use resolve::Tense;
use resolve::{Context, resolve};

/// A temporal expression found in the normalized text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Timex {
    /// Start byte in the normalized text.
    pub start: usize,
    /// End byte (exclusive).
    pub end: usize,
    /// First token.
    pub first_token: usize,
    /// One past the last token.
    pub end_token: usize,
    /// TIMEX3 type.
    pub kind: TimeKind,
    /// TIMEX3 value.
    pub value: String,
    /// True when the value was resolved against the publication date.
    pub anchored: bool,
    /// Index of the sentence.
    pub sentence: usize,
}

/// Finds and normalizes the temporal expressions of a text; `anchor` is the publication date.
pub fn find(text: &Text, anchor: Option<Date>) -> Vec<Timex> {
    // ASCII lower-casing keeps byte offsets, so tokens index both texts alike.
    let lower = text.normalized().to_ascii_lowercase();
    let tokens = prepare(text, &lower);
    let mut found = Vec::new();
    // The quarter the document last named, and in which sentence.
    let mut quarter: Option<(i32, i8, usize)> = None;
    // Earnings news: quarters named with an ordinal ("third quarter", "third-quarter").
    let quarterly = tokens.low.windows(2).any(|w| {
        w[1] == "quarter" && crate::numbers::ordinal(w[0]).is_some()
            || w[0].ends_with("-quarter") && crate::numbers::ordinal(w[0].split('-').next().unwrap_or("")).is_some()
    });
    // The day the document last named, and in which sentence.
    let mut last_day: Option<(Date, usize)> = None;
    // The date the story last named explicitly ("in 1995", "on Oct. 23, 1998").
    let mut reference: Option<(i32, Option<i8>, Option<i8>)> = None;
    let tenses = Tenses::new(&tokens.low);
    for (s, sentence) in text.sentences.iter().enumerate() {
        let rules = Rules::new(&tokens, sentence.first_token, sentence.end_token);
        // A sentence about months or half-years ("the first nine months") compares years, not quarters.
        let about_months = quarterly
            && tokens
                .low
                .get(sentence.first_token..sentence.end_token)
                .is_some_and(|ws| ws.iter().any(|w| matches!(*w, "months" | "half" | "year-to-date")));
        let mut i = sentence.first_token;
        while i < sentence.end_token {
            let Some(mut parse) = rules.parse_at(i) else {
                i += 1;
                continue;
            };
            i = parse.end;
            if drops_determiner(&tokens, &parse.meaning, parse.start, parse.end) {
                parse.start += 1;
            }
            let tense = tenses.around(sentence.first_token, sentence.end_token, parse.start, parse.end);
            let ctx = Context {
                anchor,
                tense,
                // "a year earlier" in earnings news compares with the last quarter reported, not one named.
                quarter: match parse.meaning {
                    Meaning::Ago { .. } => None,
                    _ => quarter.map(|q| (q.0, q.1)),
                },
                quarterly: quarterly && !about_months,
                last_day: last_day.filter(|d| d.1 + 3 >= s).map(|d| d.0),
                reference,
            };
            let value = resolve(&parse.meaning, &ctx);
            // A report's quarter is one that has ended: "the quarter" later refers to it.
            if matches!(parse.meaning, Meaning::Quarter { .. })
                && let Some((y, q)) = parse_quarter(&value.value)
                && anchor.is_none_or(|a| (y, q) < (i32::from(a.year()), (a.month() - 1) / 3 + 1))
            {
                quarter = Some((y, q, s));
            }
            if matches!(parse.meaning, Meaning::Calendar { .. } | Meaning::Weekday { .. } | Meaning::WeekdayDate { .. })
            {
                reference = calendar_parts(&value.value).or(reference);
            }
            if value.anchored
                && value.value.len() == 10
                && let Ok(d) = value.value.parse::<Date>()
            {
                last_day = Some((d, s));
            }
            let (Some(first), Some(last)) = (text.tokens.get(parse.start), text.tokens.get(parse.end - 1)) else {
                continue;
            };
            found.push(Timex {
                start: first.start,
                end: last.end,
                first_token: parse.start,
                end_token: parse.end,
                kind: value.kind,
                value: value.value,
                anchored: value.anchored,
                sentence: s,
            });
        }
    }
    found
}

/// "1998", "1998-10", "1998-10-23" → their parts.
fn calendar_parts(value: &str) -> Option<(i32, Option<i8>, Option<i8>)> {
    let mut parts = value.split('-');
    let y = parts.next()?.parse().ok()?;
    let m = parts.next().map(str::parse).transpose().ok()?;
    let d = parts.next().map(str::parse).transpose().ok()?;
    Some((y, m, d))
}

/// "1989-Q3" → (1989, 3).
fn parse_quarter(value: &str) -> Option<(i32, i8)> {
    let (y, q) = value.split_once("-Q")?;
    Some((y.parse().ok()?, q.parse().ok()?))
}

/// Lower-cased texts, raw texts, lexicon entries and casing of every token.
fn prepare<'a>(text: &'a Text<'_>, lower: &'a str) -> Tokens<'a> {
    let norm = text.normalized();
    let n = text.tokens.len();
    let mut low = Vec::with_capacity(n);
    let mut raw = Vec::with_capacity(n);
    let mut word = Vec::with_capacity(n);
    let mut cased = vec![true; n];
    for t in &text.tokens {
        let r = norm.get(t.start..t.end).unwrap_or("");
        raw.push(r);
        let l = lower.get(t.start..t.end).unwrap_or("");
        // Every lexicon entry starts with a letter.
        word.push(if l.as_bytes().first().is_some_and(u8::is_ascii_lowercase) { lexicon::lookup(l) } else { None });
        low.push(l);
    }
    for s in &text.sentences {
        let casing = text.segments.get(s.segment).map_or(Casing::Mixed, |seg| seg.casing);
        if casing != Casing::Mixed {
            for c in cased.get_mut(s.first_token..s.end_token).into_iter().flatten() {
                *c = false;
            }
        }
    }
    Tokens { low, raw, word, cased }
}

/// True when an expression led by "the" modifies a noun after it ("the third-quarter loss"): the determiner
/// then belongs to the noun phrase, not to the expression.
fn drops_determiner(tokens: &Tokens<'_>, meaning: &Meaning, start: usize, end: usize) -> bool {
    if end <= start + 1 || !matches!(tokens.word.get(start), Some(Some(Word::The))) {
        return false;
    }
    if matches!(meaning, Meaning::Duration { .. } | Meaning::Vague(_)) {
        return false;
    }
    let next = tokens.low.get(end).copied().unwrap_or("");
    let raw = tokens.raw.get(end).copied().unwrap_or("");
    if next.is_empty() || !raw.starts_with(|c: char| c.is_alphabetic()) {
        return false;
    }
    if raw.starts_with(|c: char| c.is_uppercase()) {
        // "the 1996 Olympic bombing".
        return true;
    }
    !is_function_word(next)
        && !next.ends_with("ed")
        && !next.ends_with("ing")
        && !next.ends_with("ly")
        && tokens.word.get(end).copied().flatten().is_none()
}

fn is_function_word(w: &str) -> bool {
    matches!(
        w,
        "of" | "in"
            | "on"
            | "at"
            | "to"
            | "for"
            | "from"
            | "by"
            | "with"
            | "and"
            | "or"
            | "but"
            | "as"
            | "than"
            | "that"
            | "which"
            | "when"
            | "while"
            | "before"
            | "after"
            | "since"
            | "until"
            | "is"
            | "was"
            | "are"
            | "were"
            | "be"
            | "been"
            | "has"
            | "have"
            | "had"
            | "will"
            | "would"
            | "could"
            | "should"
            | "may"
            | "might"
            | "can"
            | "did"
            | "does"
            | "do"
            | "it"
            | "he"
            | "she"
            | "they"
            | "we"
            | "i"
            | "you"
            | "its"
            | "their"
            | "his"
            | "her"
            | "this"
            | "there"
            | "so"
            | "if"
            | "because"
            | "against"
            | "compared"
            | "versus"
            | "through"
            | "into"
            | "over"
            | "under"
            | "about"
            | "ago"
            | "earlier"
            | "later"
            | "alone"
            | "all"
            | "also"
            | "not"
            | "no"
            | "amid"
            | "during"
            | "per"
            | "a"
            | "an"
            | "the"
            | "rose"
            | "fell"
            | "saw"
            | "grew"
            | "says"
            | "said"
            | "came"
            | "made"
            | "took"
            | "up"
            | "down"
            | "out"
            | "off"
    )
}

/// The tense cues of a document's tokens, and where the nearest ones are, so that finding the cue nearest an
/// expression costs the same however long its sentence is.
struct Tenses<'a> {
    low: &'a [&'a str],
    /// The cue of each token, read with its neighbours.
    cue: Vec<Option<Tense>>,
    /// The last token before each token that has a cue (`usize::MAX` when none).
    previous: Vec<usize>,
    /// The first token from each token on that has a cue and is no reporting verb (`low.len()` when none).
    next: Vec<usize>,
}

impl<'a> Tenses<'a> {
    /// The cues of the lower-cased tokens `low`.
    fn new(low: &'a [&'a str]) -> Self {
        let cue: Vec<Option<Tense>> = (0..low.len()).map(|i| cue_at(low, i)).collect();
        let mut previous = Vec::with_capacity(low.len());
        let mut last = usize::MAX;
        for (i, c) in cue.iter().enumerate() {
            previous.push(last);
            if c.is_some() {
                last = i;
            }
        }
        let mut next = vec![low.len(); low.len()];
        let mut first = low.len();
        for i in (0..low.len()).rev() {
            // A reporting verb after an expression ("... on Thursday,'' Castro said") tells when it was said, not
            // when the thing said happens.
            if cue[i].is_some() && !matches!(low[i], "said" | "says" | "told") {
                first = i;
            }
            next[i] = first;
        }
        Tenses { low, cue, previous, next }
    }

    /// The tense that governs the expression `[start, stop)` of the sentence `[first, end)`: the nearest tense
    /// cue around it in its sentence, the one before it on a tie.
    fn around(&self, first: usize, end: usize, start: usize, stop: usize) -> Tense {
        // "by August": a deadline ahead.
        if start > first && matches!(self.low.get(start - 1).copied(), Some("by" | "till")) {
            return Tense::Future;
        }
        let left = self.previous.get(start).copied().filter(|&l| l != usize::MAX && l >= first);
        let right = self.next.get(stop).copied().filter(|&r| r < end);
        let cue = |i: usize| self.cue.get(i).copied().flatten().unwrap_or(Tense::Unknown);
        match (left, right) {
            (Some(l), Some(r)) if start - l <= r + 1 - stop => cue(l),
            (_, Some(r)) => cue(r),
            (Some(l), None) => cue(l),
            (None, None) => Tense::Unknown,
        }
    }
}

/// The tense cue of token `i`, read with the words around it.
fn cue_at(low: &[&str], i: usize) -> Option<Tense> {
    let w = *low.get(i)?;
    let next = low.get(i + 1).copied().unwrap_or("");
    let prev = i.checked_sub(1).and_then(|p| low.get(p)).copied().unwrap_or("");
    let cue = tense_cue(w, next);
    match prev {
        // A participle after "be" says nothing; the modal before it does ("will be paid Dec. 14").
        "be" | "been" | "being" if cue == Some(Tense::Past) => None,
        // "a still unspecified date", "the revised plan": an adjective in "-ed" is no verb.
        "a" | "an" | "the" | "its" | "their" | "his" | "her" | "still" | "newly" | "recently"
            if cue == Some(Tense::Past) && w.ends_with("ed") =>
        {
            None
        }
        // "is to resume", "agreed to acquire": an infinitive points ahead.
        _ => cue,
    }
}

/// How a word marks tense by itself, or only before "to" ("plans to").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Cue {
    /// Always this tense.
    Always(Tense),
    /// Future only before "to" ("going to", "plans to").
    FutureBeforeTo,
}

/// The words that mark tense, in one table (looked up for every word around an expression).
fn cues() -> &'static WordTable<Cue> {
    static CUES: OnceLock<WordTable<Cue>> = OnceLock::new();
    CUES.get_or_init(|| {
        let future = [
            "will",
            "'ll",
            "shall",
            "wo",
            "would",
            "tomorrow",
            "upcoming",
            "scheduled",
            "planning",
            "expected",
            "expects",
            "expect",
            "expecting",
            "slated",
            "due",
            "until",
            "till",
            "effective",
            "payable",
            "ahead",
        ];
        let future_before_to = [
            "going", "plan", "plans", "planned", "intends", "set", "aims", "hopes", "poised", "likely", "about",
            "ready",
        ];
        let past = [
            "since",
            "was",
            "were",
            "had",
            "did",
            "said",
            "told",
            "ago",
            "yesterday",
            "has",
            "have",
            "came",
            "went",
            "took",
            "made",
            "met",
            "won",
            "lost",
            "began",
            "left",
            "held",
            "gave",
            "got",
            "saw",
            "fell",
            "rose",
            "sold",
            "bought",
            "paid",
            "led",
            "brought",
            "found",
            "thought",
            "became",
            "ran",
            "spoke",
            "wrote",
            "struck",
            "shot",
            "fled",
            "caught",
            "sent",
            "spent",
            "felt",
            "kept",
            "knew",
            "grew",
            "drew",
            "flew",
            "threw",
            "broke",
            "chose",
            "froze",
            "stole",
            "woke",
            "wore",
            "tore",
            "swore",
            "bore",
            "hid",
            "slid",
            "bit",
            "fought",
            "sought",
            "taught",
            "heard",
            "meant",
            "stood",
            "understood",
            "sat",
            "lay",
            "arose",
            "rode",
            "drove",
            "ate",
            "forgot",
            "forgave",
            "overtook",
            "withdrew",
            "undertook",
        ];
        let present = ["is", "are", "am", "says", "does", "do"];
        WordTable::new(
            future
                .iter()
                .map(|w| (*w, Cue::Always(Tense::Future)))
                .chain(future_before_to.iter().map(|w| (*w, Cue::FutureBeforeTo)))
                .chain(past.iter().map(|w| (*w, Cue::Always(Tense::Past))))
                .chain(present.iter().map(|w| (*w, Cue::Always(Tense::Present)))),
        )
    })
}

/// What a word says about tense, given the word after it.
fn tense_cue(w: &str, next: &str) -> Option<Tense> {
    match (w, cues().get(w)) {
        // "as soon as Tuesday", "as early as Monday".
        ("soon" | "early", _) if next == "as" => Some(Tense::Future),
        // "were planning to", "was expected to": the future seen from the past.
        ("was" | "were", _) if tense_cue(next, "to") == Some(Tense::Future) => Some(Tense::Future),
        (_, Some(Cue::Always(t))) => Some(t),
        (_, Some(Cue::FutureBeforeTo)) => (next == "to").then_some(Tense::Future),
        _ if w.len() > 4 && w.ends_with("ed") && w.bytes().all(|b| b.is_ascii_lowercase()) => {
            (!matches!(w, "need" | "speed" | "hundred" | "indeed" | "proceed" | "succeed" | "exceed" | "breed"))
                .then_some(Tense::Past)
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests;
