//! The `quantity` stage: numbers in digits and words, counts with the thing counted, money with its currency and
//! scale, percentages, ordinals, ranges and measures — the "how many" of a news story.
//!
//! Numbers that are something else are left alone: dates and durations the `time` stage found ("2003", "three
//! months"), parts of names and identifiers ("COVID-19", "Boeing 737", "F-16s", "No. 5"), phone numbers and
//! scores. An age ("10-year-old") is a measure in years, not a count.
//!
//! "1.5m" is read as 1.5 million unless a dimension word is next to it ("1.5m tall", "1.5m of snow"): news
//! writes millions that way far more often than metres, and a currency in front ("$1.5m") settles it as money.

mod lexicon;

use crate::model::{CountEvent, QuantityKind};
use crate::numbers::{self, Digits, parse_digits};
use crate::text::Text;
use crate::time::Timex;

/// A quantity found in the normalized text.
#[derive(Debug, Clone, PartialEq)]
pub struct Amount {
    /// Start byte in the normalized text.
    pub start: usize,
    /// End byte (exclusive).
    pub end: usize,
    /// What kind of quantity.
    pub kind: QuantityKind,
    /// The value (the lower bound of a range).
    pub value: f64,
    /// The upper bound of a range.
    pub high: Option<f64>,
    /// What is counted or measured, or the ISO 4217 currency of money.
    pub unit: Option<String>,
    /// True for vague amounts ("hundreds of", "at least 12").
    pub approximate: bool,
    /// What happened to the people counted.
    pub event: Option<CountEvent>,
    /// Index of the sentence.
    pub sentence: usize,
}

/// Finds the quantities of a text, leaving out the tokens that `times` cover.
pub fn find(text: &Text, times: &[Timex]) -> Vec<Amount> {
    let norm = text.normalized();
    // ASCII lower-casing keeps byte offsets.
    let lower = norm.to_ascii_lowercase();
    let low: Vec<&str> = text.tokens.iter().map(|t| lower.get(t.start..t.end).unwrap_or("")).collect();
    let raw: Vec<&str> = text.tokens.iter().map(|t| norm.get(t.start..t.end).unwrap_or("")).collect();
    let glued: Vec<bool> = text.tokens.iter().map(|t| !t.space_before).collect();
    let mut covered = vec![false; low.len()];
    for t in times {
        for c in covered.get_mut(t.first_token..t.end_token).into_iter().flatten() {
            *c = true;
        }
    }
    let mut found = Vec::new();
    for (s, sentence) in text.sentences.iter().enumerate() {
        let scan = Scan {
            low: &low,
            raw: &raw,
            covered: &covered,
            glued: &glued,
            first: sentence.first_token,
            end: sentence.end_token,
        };
        let mut i = sentence.first_token;
        while i < sentence.end_token {
            if !scan.may_start(i) {
                i += 1;
                continue;
            }
            match scan.amount(i) {
                Step::Found(a) => {
                    let (Some(first), Some(last)) = (text.tokens.get(a.start), text.tokens.get(a.end - 1)) else {
                        break;
                    };
                    found.push(Amount {
                        start: first.start,
                        end: last.end,
                        kind: a.kind,
                        value: a.value,
                        high: a.high,
                        unit: a.unit,
                        approximate: a.approximate,
                        event: a.event,
                        sentence: s,
                    });
                    i = a.end;
                }
                Step::Skip(end) => i = end.max(i + 1),
            }
        }
    }
    found
}

/// The age in "10-year-old" or "8-month-old": the number and its unit ("years old").
fn age(token: &str) -> Option<(f64, &'static str)> {
    let (number, rest) = token.split_once('-')?;
    let unit = match rest {
        "year-old" | "years-old" => "years old",
        "month-old" | "months-old" => "months old",
        "week-old" | "weeks-old" => "weeks old",
        "day-old" | "days-old" => "days old",
        _ => return None,
    };
    let d = parse_digits(number).filter(|d| d.integer && d.suffix.is_empty() && d.value < 200.0)?;
    Some((d.value, unit))
}

/// An amount over tokens `start..end`.
struct Found {
    start: usize,
    end: usize,
    kind: QuantityKind,
    value: f64,
    high: Option<f64>,
    unit: Option<String>,
    approximate: bool,
    event: Option<CountEvent>,
}

/// What the scan does at a token: report an amount, or skip to a token.
enum Step {
    Found(Found),
    Skip(usize),
}

/// The tokens of one sentence.
struct Scan<'s, 'a> {
    low: &'s [&'a str],
    raw: &'s [&'a str],
    covered: &'s [bool],
    glued: &'s [bool],
    first: usize,
    end: usize,
}

/// A number read at a token: its value, where it ends, and how it was written.
#[derive(Debug, Clone, Copy)]
struct Read<'a> {
    value: f64,
    end: usize,
    digits: Option<Digits<'a>>,
    /// A vague plural ("hundreds of").
    vague: bool,
    /// Scaled by a glued or following "m" (million or metres: decided later).
    bare_m: bool,
}

impl<'a> Scan<'_, 'a> {
    fn low(&self, i: usize) -> &'a str {
        if i < self.end { self.low.get(i).copied().unwrap_or("") } else { "" }
    }

    fn raw(&self, i: usize) -> &'a str {
        if i < self.end { self.raw.get(i).copied().unwrap_or("") } else { "" }
    }

    fn prev(&self, i: usize) -> &'a str {
        if i > self.first { self.low.get(i - 1).copied().unwrap_or("") } else { "" }
    }

    /// True when token `i` follows the one before it without a space ("C" + "$").
    fn glued(&self, i: usize) -> bool {
        self.glued.get(i).copied().unwrap_or(false)
    }

    fn covered(&self, i: usize) -> bool {
        self.covered.get(i).copied().unwrap_or(true)
    }

    /// A cheap test of whether an amount can start at `i`.
    fn may_start(&self, i: usize) -> bool {
        if self.covered(i) {
            return false;
        }
        let w = self.low(i);
        match w.as_bytes().first() {
            Some(b'0'..=b'9' | b'.' | b'$' | b'#') => true,
            Some(b) if !b.is_ascii() => lexicon::currency_symbol(w).is_some(),
            Some(b'a'..=b'z') => lexicon::starts_amount(w) || w.as_bytes().contains(&b'-'),
            _ => false,
        }
    }

    /// The amount starting at `i`, or where to go on.
    fn amount(&self, i: usize) -> Step {
        let mut j = i;
        let mut approximate = false;
        // "between 10 and 15".
        let between = self.low(j) == "between";
        if between {
            j += 1;
        } else if let Some(n) =
            lexicon::approximation(&[self.low(j), self.low(j + 1), self.low(j + 2)]).filter(|n| j + n < self.end)
        {
            approximate = true;
            j += n;
        }
        if self.covered(j) {
            return Step::Skip(j);
        }
        // A currency in front: "$", "£", "Rs", "US$", "C$".
        let mut currency = None;
        if let Some(c) = lexicon::dollar_prefix(self.low(j))
            .filter(|_| self.low(j + 1) == "$" && self.glued(j + 1) && self.raw(j).starts_with(char::is_uppercase))
        {
            currency = Some(c);
            j += 2;
        } else if let Some(c) = lexicon::currency_symbol(self.low(j)) {
            // "Rs" and three-letter codes only when a number follows.
            currency = Some(c);
            j += 1;
        } else if self.low(j) == "#" && self.raw(j + 1).starts_with(|c: char| c.is_ascii_digit()) {
            // "No. 5", "#3": a rank, not an amount.
            return Step::Skip(j + 2);
        }
        // "a 10-year-old boy": an age, in years (or months, weeks, days).
        if let Some((value, unit)) = age(self.low(j)) {
            return Step::Found(Found {
                start: i,
                end: j + 1,
                kind: QuantityKind::Measure,
                value,
                high: None,
                unit: Some(unit.into()),
                approximate,
                event: None,
            });
        }
        // Ordinals in words: "the third attempt", "twenty-first".
        if !self.low(j).starts_with(|c: char| c.is_ascii_digit())
            && let Some(n) = numbers::ordinal(self.low(j))
        {
            return Step::Found(Found {
                start: j,
                end: j + 1,
                kind: QuantityKind::Ordinal,
                value: f64::from(n),
                high: None,
                unit: None,
                approximate: false,
                event: None,
            });
        }
        let Some(read) = self.number(j) else {
            return Step::Skip(if j > i && !between { j } else { i + 1 });
        };
        if let Some(skip) = self.not_an_amount(j, &read, currency.is_some()) {
            return skip;
        }
        // "two thirds of", "three quarters of": a fraction, not a count of thirds.
        let denominator = match self.low(read.end) {
            "half" | "halves" => Some(2.0),
            "third" | "thirds" => Some(3.0),
            "quarter" | "quarters" => Some(4.0),
            "fifth" | "fifths" => Some(5.0),
            "tenth" | "tenths" => Some(10.0),
            _ => None,
        };
        if let Some(den) =
            denominator.filter(|_| read.digits.is_none() && read.value < 10.0 && self.low(read.end + 1) == "of")
        {
            return Step::Found(Found {
                start: i,
                end: read.end + 1,
                kind: QuantityKind::Number,
                value: read.value / den,
                high: None,
                unit: None,
                approximate,
                event: None,
            });
        }
        approximate |= read.vague;
        // A scale after the number: "5.93 mln", "two million", "5 crore".
        let (mut value, mut k, mut bare_m) = (read.value, read.end, read.bare_m);
        if let Some(scale) = self.scale_after(k) {
            value = match read.digits {
                Some(d) if !read.bare_m && d.suffix.is_empty() => d.times_pow10(scale.log10().round() as u32),
                _ => value * scale,
            };
            bare_m = false;
            k += 1;
        }
        // Ranges: "10 to 15", "10-15", "between 10 and 15", "10 or 12"; "10 to 15 million" scales both.
        let mut high = None;
        let joiner = self.low(k);
        if (between && joiner == "and") || (!between && matches!(joiner, "to" | "-" | "–" | "or")) {
            let hj = if lexicon::currency_symbol(self.low(k + 1)).is_some() { k + 2 } else { k + 1 };
            if let Some(h) = self.number(hj).filter(|h| !h.vague && !self.covered(hj)) {
                let (mut hv, mut he) = (h.value, h.end);
                if let Some(scale) = self.scale_after(he) {
                    hv *= scale;
                    he += 1;
                    if k == read.end && value * scale <= hv {
                        value *= scale;
                    }
                }
                if hv > value {
                    high = Some(hv);
                    k = he;
                } else if joiner == "-" {
                    // "3-1": a score.
                    return Step::Skip(he);
                }
            }
        }
        if !value.is_finite() || value > 1e18 {
            return Step::Skip(k);
        }
        let mut found =
            Found { start: i, end: k, kind: QuantityKind::Number, value, high, unit: None, approximate, event: None };
        // What follows says what the number is.
        let next = self.low(k);
        if next == "%" || next == "percent" || next == "pct" || (next == "per" && self.low(k + 1) == "cent") {
            found.kind = QuantityKind::Percent;
            found.end = k + if next == "per" { 2 } else { 1 };
            found.unit = Some("%".into());
            if self.low(found.end) == "points" || (next == "percentage" && self.low(k + 1) == "points") {
                found.end += 1;
            }
            return Step::Found(found);
        }
        if next == "percentage" && self.low(k + 1) == "points" {
            found.kind = QuantityKind::Percent;
            found.end = k + 2;
            found.unit = Some("percentage points".into());
            return Step::Found(found);
        }
        // Money: a currency before, or a currency word after ("5.93 mln dlrs", "Canadian dollars", "40 cents").
        // "Hong Kong dollars", "South African rand": the nation may take two words.
        let nation = lexicon::national_currency(next, self.low(k + 1))
            .map(|c| (c, 2))
            .or_else(|| lexicon::national_currency(next, self.low(k + 2)).map(|c| (c, 3)))
            .filter(|_| currency.is_none());
        if let Some((code, len)) = nation {
            found.kind = QuantityKind::Money;
            found.unit = Some(code.into());
            found.end = k + len;
            return Step::Found(found);
        }
        if let Some(code) = lexicon::currency_word(next).filter(|_| currency.is_none()) {
            found.kind = QuantityKind::Money;
            found.unit = Some(code.into());
            found.end = k + 1;
            return Step::Found(found);
        }
        if currency.is_none() && matches!(next, "cents" | "cent" | "cts" | "ct" | "pence") {
            found.kind = QuantityKind::Money;
            found.value /= 100.0;
            found.high = found.high.map(|h| h / 100.0);
            found.unit = Some(if next == "pence" { "GBP" } else { "USD" }.into());
            found.end = k + 1;
            return Step::Found(found);
        }
        if let Some(code) = currency {
            found.kind = QuantityKind::Money;
            found.unit = Some(code.into());
            // "$5 million dollars" repeats the currency.
            if lexicon::currency_word(next).is_some() {
                found.end = k + 1;
            }
            return Step::Found(found);
        }
        // "1.5m": metres beside a dimension word, millions otherwise.
        if bare_m
            && (lexicon::is_dimension(next) || matches!(self.prev(i), "measuring" | "measured" | "depth" | "height"))
        {
            found.kind = QuantityKind::Measure;
            found.value = read.digits.map_or(read.value, |d| d.value);
            found.unit = Some("m".into());
            return Step::Found(found);
        }
        // Digits with a unit glued on ("10km") or a unit after ("5 km", "300,000 bpd").
        if let Some(unit) = read.digits.and_then(|d| lexicon::measure_unit(d.suffix)).filter(|_| !read.bare_m) {
            found.kind = QuantityKind::Measure;
            found.unit = Some(unit.into());
            return Step::Found(found);
        }
        if let Some(unit) = lexicon::measure_unit(next).filter(|_| !matches!(next, "m" | "g" | "in" | "mt")) {
            found.kind = QuantityKind::Measure;
            found.unit = Some(unit.into());
            found.end = k + 1;
            if unit == "degrees" && matches!(self.low(k + 1), "celsius" | "fahrenheit" | "c" | "f") {
                found.end += 1;
            }
            return Step::Found(found);
        }
        // Ordinals: "3rd", "third".
        if read.digits.is_some_and(|d| matches!(d.suffix, "st" | "nd" | "rd" | "th")) {
            found.kind = QuantityKind::Ordinal;
            return Step::Found(found);
        }
        // Counts: the thing counted after the number ("2,500 troops", "dozens of protesters").
        if let Some((noun_end, noun)) = self.counted(k) {
            found.kind = QuantityKind::Count;
            found.end = noun_end;
            found.event = self.event(i, noun_end, noun);
            found.unit = Some(noun.to_string());
            return Step::Found(found);
        }
        // "at least 12 were killed": a count of people by the verb after it.
        let event = self.event(i, k, "");
        if event.is_some() && (read.digits.is_some() || read.vague) && !self.raw(k).starts_with(char::is_uppercase) {
            found.kind = QuantityKind::Count;
            found.event = event;
            return Step::Found(found);
        }
        // Numbers in words count something or nothing: "one said" is no quantity.
        if read.digits.is_none() && !read.vague && self.scale_after(read.end).is_none() {
            return Step::Skip(k);
        }
        Step::Found(found)
    }

    /// A multiplier after `k` ("million", "mln", "bn", "crore").
    fn scale_after(&self, k: usize) -> Option<f64> {
        let w = self.low(k);
        // "m" and "b" alone are too ambiguous as separate words; they count only glued to digits.
        if matches!(w, "m" | "b" | "k") {
            return None;
        }
        numbers::scale_word(w)
    }

    /// A number at `j`: digits (with a glued scale), words, or a vague plural ("hundreds of").
    fn number(&self, j: usize) -> Option<Read<'a>> {
        let w = self.low(j);
        if w.starts_with(|c: char| c.is_ascii_digit() || c == '.') {
            let d = parse_digits(w)?;
            let mut read = Read { value: d.value, end: j + 1, digits: Some(d), vague: false, bare_m: false };
            match d.suffix {
                "" | "st" | "nd" | "rd" | "th" => {}
                s if numbers::scale_word(s).is_some() => {
                    let scale = numbers::scale_word(s)?;
                    read.value = d.times_pow10(scale.log10().round() as u32);
                    read.bare_m = s == "m";
                }
                s if lexicon::measure_unit(s).is_some() => {}
                _ => return None,
            }
            // "3 7/8".
            if d.integer && d.suffix.is_empty() && self.low(j + 2) == "/" {
                let (n, m) = (parse_digits(self.low(j + 1)), parse_digits(self.low(j + 3)));
                if let (Some(n), Some(m)) = (n, m)
                    && n.integer
                    && m.integer
                    && m.value > n.value
                    && n.value > 0.0
                    && m.value <= 64.0
                {
                    read.value += n.value / m.value;
                    read.end = j + 4;
                }
            }
            return Some(read);
        }
        // "dozens of", "hundreds of", "tens of thousands of".
        let vague = match (w, self.low(j + 1), self.low(j + 2), self.low(j + 3)) {
            ("tens" | "hundreds", "of", "thousands" | "millions", "of") => {
                let scale = if self.low(j + 2) == "thousands" { 1e3 } else { 1e6 };
                Some((if w == "tens" { 10.0 } else { 100.0 } * scale, 4))
            }
            ("dozens" | "scores", "of", _, _) => Some((12.0, 2)),
            ("hundreds", "of", _, _) => Some((100.0, 2)),
            ("thousands", "of", _, _) => Some((1e3, 2)),
            ("millions", "of", _, _) => Some((1e6, 2)),
            ("billions", "of", _, _) => Some((1e9, 2)),
            _ => None,
        };
        if let Some((value, len)) = vague {
            return Some(Read { value, end: j + len, digits: None, vague: true, bare_m: false });
        }
        if w == "half" && matches!(self.low(j + 1), "a" | "an") {
            let scale = numbers::scale_word(self.low(j + 2)).filter(|s| *s >= 1e3)?;
            return Some(Read { value: scale / 2.0, end: j + 3, digits: None, vague: false, bare_m: false });
        }
        let words = self.low.get(j..self.end)?;
        let n = numbers::word_number(words)?;
        Some(Read { value: n.value, end: j + n.len, digits: None, vague: false, bare_m: false })
    }

    /// Numbers that are not amounts: identifiers, phone numbers, ages, "one of the", digits in names.
    fn not_an_amount(&self, j: usize, read: &Read<'a>, money: bool) -> Option<Step> {
        let w = self.low(j);
        let prev = self.prev(j);
        // "10-year-old", "a 45-year-old man": an age.
        if w.starts_with(|c: char| c.is_ascii_digit()) && w.contains('-') {
            return Some(Step::Skip(j + 1));
        }
        if money {
            return None;
        }
        // "one of the", "one of them".
        if w == "one" && self.low(read.end) == "of" {
            return Some(Step::Skip(read.end));
        }
        // "no one", "the one", "this one".
        if w == "one" && matches!(prev, "no" | "the" | "this" | "that" | "any" | "every" | "each" | "someone") {
            return Some(Step::Skip(j + 1));
        }
        // "No. 5", "Flight 370", "Resolution 2334", "Boeing 737", "Windows 10".
        let d = read.digits?;
        // "John Smith, 54, was arrested": an age after a name.
        let before_comma = if j > self.first + 1 { self.raw.get(j - 2).copied().unwrap_or("") } else { "" };
        if prev == ","
            && before_comma.starts_with(char::is_uppercase)
            && d.integer
            && d.suffix.is_empty()
            && d.value < 120.0
            && matches!(self.low(read.end), "," | "and" | "." | "")
        {
            return Some(Step::Skip(read.end));
        }
        if lexicon::is_identifier_head(prev) {
            return Some(Step::Skip(read.end));
        }
        let prev_raw = if j > self.first { self.raw.get(j - 1).copied().unwrap_or("") } else { "" };
        let prev_is_name = j > self.first + 1
            && prev_raw.starts_with(char::is_uppercase)
            && prev_raw.chars().all(|c| c.is_alphanumeric() || c == '-')
            && numbers::scale_word(prev).is_none();
        if prev_is_name && d.integer && !d.grouped && d.suffix.is_empty() && self.counted(read.end).is_none() {
            return Some(Step::Skip(read.end));
        }
        // Phone numbers: "555-1234", "(020) 7946 0958", "+44 20 7946 0958".
        if d.integer
            && !d.grouped
            && (self.phone_like(j) || (w.len() >= 3 && w.starts_with('0') && d.suffix.is_empty()))
        {
            let mut k = j;
            while k < self.end
                && (self.low(k).starts_with(|c: char| c.is_ascii_digit())
                    || matches!(self.low(k), "-" | "(" | ")" | "+" | "."))
            {
                k += 1;
            }
            return Some(Step::Skip(k.max(j + 1)));
        }
        None
    }

    /// Three or more groups of digits joined by hyphens or spaces, or groups of 3 and 4 digits: a phone number.
    fn phone_like(&self, j: usize) -> bool {
        let digits = |k: usize| self.low(k).len() >= 2 && self.low(k).bytes().all(|b| b.is_ascii_digit());
        let mut groups = 1;
        let mut k = j + 1;
        while k < self.end {
            if matches!(self.low(k), "-" | ")" | ".") && digits(k + 1) {
                groups += 1;
                k += 2;
            } else if digits(k) && digits(k - 1) {
                groups += 1;
                k += 1;
            } else {
                break;
            }
        }
        let prev_paren = self.prev(j) == "(" || self.prev(j) == "+";
        groups >= 3 || (groups == 2 && (prev_paren || (self.low(j).len() >= 3 && self.low(j + 2).len() >= 4)))
    }

    /// The thing counted after a number at `k`: its last token and the noun ("troops", "people").
    fn counted(&self, k: usize) -> Option<(usize, &'a str)> {
        let mut m = k;
        // "dozens of protesters" (after a vague plural the "of" was taken), "two of the victims".
        if self.low(m) == "of" && matches!(self.low(m + 1), "the" | "their" | "his" | "her" | "its" | "those" | "these")
        {
            m += 2;
        }
        // "dozens of its soldiers".
        if matches!(self.low(m), "its" | "their" | "his" | "her" | "our") {
            m += 1;
        }
        // Up to three modifiers before the noun ("12 Palestinian civilians", "dozens of recently mobilised troops").
        for len in 0..=3 {
            if let Some(noun) = self.noun_at(m + len) {
                if (m..m + len).all(|x| self.modifier(x)) {
                    return Some((m + len + 1, noun));
                }
                return None;
            }
        }
        None
    }

    /// True for a word that can stand between a number and the thing counted.
    fn modifier(&self, m: usize) -> bool {
        let w = self.low(m);
        let raw = self.raw(m);
        lexicon::is_count_modifier(w)
            || (w.len() > 2
                && raw.bytes().all(|b| b.is_ascii_lowercase())
                && !w.ends_with('s')
                && !lexicon::is_people(w)
                && !matches!(w, "people" | "men" | "women" | "children" | "police" | "person")
                && !matches!(
                    w,
                    "and"
                        | "the"
                        | "was"
                        | "are"
                        | "were"
                        | "for"
                        | "from"
                        | "per"
                        | "who"
                        | "that"
                        | "which"
                        | "with"
                        | "than"
                        | "had"
                        | "have"
                        | "has"
                        | "a"
                        | "an"
                        | "to"
                        | "in"
                        | "on"
                        | "at"
                        | "of"
                        | "by"
                        | "or"
                        | "but"
                        | "not"
                        | "will"
                        | "would"
                        | "could"
                        | "can"
                        | "may"
                        | "out"
                        | "off"
                        | "ago"
                        | "each"
                        | "more"
                        | "less"
                ))
            || (raw.starts_with(char::is_uppercase) && m > self.first && !w.ends_with("'s"))
            || (w.ends_with("-year-old") || w.ends_with("-old"))
    }

    /// A plural noun (or one of the nouns counted without a plural "s") at `m`.
    fn noun_at(&self, m: usize) -> Option<&'a str> {
        let w = self.low(m);
        let raw = self.raw(m);
        if w.len() < 3 || !w.bytes().all(|b| b.is_ascii_lowercase() || b == b'-') || self.covered(m) {
            return None;
        }
        let irregular = matches!(
            w,
            "people"
                | "person"
                | "police"
                | "personnel"
                | "staff"
                | "crew"
                | "dead"
                | "wounded"
                | "injured"
                | "men"
                | "women"
                | "children"
                | "cattle"
                | "sheep"
                | "aircraft"
                | "livestock"
                | "militia"
        );
        if matches!(w, "times" | "points" | "ones" | "percent" | "cents" | "thanks" | "news" | "series" | "means") {
            return None;
        }
        let plural = w.ends_with('s')
            && !w.ends_with("ss")
            && !w.ends_with("us")
            && !w.ends_with("is")
            && !w.ends_with("'s")
            && !matches!(
                w,
                "was"
                    | "has"
                    | "does"
                    | "its"
                    | "this"
                    | "his"
                    | "hers"
                    | "yes"
                    | "less"
                    | "plus"
                    | "thus"
                    | "whereas"
                    | "as"
                    | "us"
                    | "towards"
                    | "afterwards"
                    | "always"
                    | "sometimes"
                    | "perhaps"
                    | "percent"
            );
        let capital_plural = raw.starts_with(char::is_uppercase) && plural;
        (irregular || plural || capital_plural).then_some(w)
    }

    /// What happened to the people counted in tokens `start..end` (the noun is the last): the nearest event word
    /// in the sentence within a few tokens, else the noun itself ("12 dead", "30 hostages").
    fn event(&self, start: usize, end: usize, noun: &str) -> Option<CountEvent> {
        // Demonyms and agent nouns count people too ("two Palestinians", "three tourists", "five detainees").
        let person_like = ["ans", "is", "ese", "ists", "ees", "ants", "agers"].iter().any(|s| noun.ends_with(s));
        if !noun.is_empty() && !lexicon::is_people(noun) && !person_like {
            return None;
        }
        // A state noun says it all ("one person dead and nine others injured").
        if matches!(noun, "dead" | "wounded" | "injured") {
            return lexicon::event_cue(noun);
        }
        // The verb around the count says more than the noun ("police detained dozens of protesters").
        for d in 0..7 {
            let after = end + d;
            if after < self.end
                && let Some(e) = lexicon::event_cue(self.low(after))
            {
                return Some(e);
            }
            if let Some(before) = start.checked_sub(d + 1).filter(|b| *b >= self.first)
                && let Some(e) = lexicon::event_cue(self.low(before))
            {
                return Some(e);
            }
        }
        lexicon::event_cue(noun)
    }
}

#[cfg(test)]
mod tests;
