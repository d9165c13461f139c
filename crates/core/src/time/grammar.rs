//! Recognition: which runs of tokens are temporal expressions, and what they mean.
//!
//! Hand-written rules over lower-cased tokens, tried at each token; the longest expression starting there wins.
//! Extents follow TimeBank's conventions: determiners and modifiers belong to the expression ("the third
//! quarter", "early next year", "about two years ago"), prepositions do not ("in [July]").

use super::lexicon::{DayPart, Holiday, Season, Unit, Vague, Word};
use super::meaning::{Meaning, Year};
use crate::numbers::{self, parse_digits};

/// The tokens of a document as the rules read them.
#[derive(Debug)]
pub struct Tokens<'a> {
    /// Lower-cased token texts.
    pub low: Vec<&'a str>,
    /// Token texts as written.
    pub raw: Vec<&'a str>,
    /// What each token can contribute.
    pub word: Vec<Option<Word>>,
    /// True for each token in a segment where capitals carry information (mixed case).
    pub cased: Vec<bool>,
}

/// A recognized expression: tokens `start..end` and their meaning.
#[derive(Debug, Clone, PartialEq)]
pub struct Parse {
    /// First token.
    pub start: usize,
    /// One past the last token.
    pub end: usize,
    /// What it means.
    pub meaning: Meaning,
}

/// The rules over one sentence, tokens `start..end` (words before `start` are still read as context).
pub struct Rules<'t, 'a> {
    t: &'t Tokens<'a>,
    start: usize,
    end: usize,
}

type Hit = Option<(usize, Meaning)>;

/// Words after a number-and-unit adjective that belong to the expression ("a three-year period").
fn is_period_noun(w: &str) -> bool {
    matches!(w, "period" | "term" | "span" | "stretch" | "run" | "interval")
}

impl<'t, 'a> Rules<'t, 'a> {
    /// Rules over the sentence of tokens `start..end`.
    pub fn new(t: &'t Tokens<'a>, start: usize, end: usize) -> Self {
        Rules { t, start, end: end.min(t.low.len()) }
    }

    fn low(&self, i: usize) -> &'a str {
        if i < self.end { self.t.low.get(i).copied().unwrap_or("") } else { "" }
    }

    fn raw(&self, i: usize) -> &'a str {
        if i < self.end { self.t.raw.get(i).copied().unwrap_or("") } else { "" }
    }

    fn word(&self, i: usize) -> Option<Word> {
        if i < self.end { self.t.word.get(i).copied().flatten() } else { None }
    }

    /// The lower-cased token before `i` (across the sentence start: prepositions there still count).
    fn prev(&self, i: usize) -> &'a str {
        i.checked_sub(1).and_then(|p| self.t.low.get(p)).copied().unwrap_or("")
    }

    fn is(&self, i: usize, w: &str) -> bool {
        self.low(i) == w
    }

    /// True when the token is capitalized, or when its segment's casing says nothing.
    fn capitalized(&self, i: usize) -> bool {
        let cased = self.t.cased.get(i).copied().unwrap_or(false);
        !cased || self.raw(i).starts_with(|c: char| c.is_uppercase())
    }

    /// A cardinal at `i` in digits or words: its value and the index after it.
    fn number(&self, i: usize) -> Option<(f64, usize)> {
        let w = self.low(i);
        if w.starts_with(|c: char| c.is_ascii_digit()) {
            let d = parse_digits(w)?;
            if !d.suffix.is_empty() {
                return None;
            }
            // "2 1/2".
            if d.integer
                && self.is(i + 2, "/")
                && let (Some(n), Some(m)) = (self.small_int(i + 1), self.small_int(i + 3))
                && m > 0
                && n < m
            {
                return Some((d.value + f64::from(n) / f64::from(m), i + 4));
            }
            return Some((d.value, i + 1));
        }
        let words = self.t.low.get(i..self.end)?;
        let n = numbers::word_number(words)?;
        let mut next = i + n.len;
        let mut value = n.value;
        // "two and a half".
        if self.is(next, "and") && self.is(next + 1, "a") && self.is(next + 2, "half") {
            value += 0.5;
            next += 3;
        }
        Some((value, next))
    }

    fn small_int(&self, i: usize) -> Option<u32> {
        let d = parse_digits(self.low(i))?;
        (d.integer && d.suffix.is_empty() && d.value < 1000.0).then_some(d.value as u32)
    }

    /// A year written in digits at `i` (1000–2100, four digits, no separators).
    fn year_digits(&self, i: usize) -> Option<i32> {
        let w = self.low(i);
        if w.len() != 4 {
            return None;
        }
        let d = parse_digits(w)?;
        (d.integer && !d.grouped && d.suffix.is_empty() && (1000.0..=2100.0).contains(&d.value))
            .then_some(d.value as i32)
    }

    /// A day of the month at `i`: "30", "30th", "eighth". Returns the day and the index after it.
    fn day_of_month(&self, i: usize) -> Option<(i8, usize)> {
        let w = self.low(i);
        let day = if w.starts_with(|c: char| c.is_ascii_digit()) {
            let d = parse_digits(w)?;
            if !d.integer || d.grouped || !(d.suffix.is_empty() || matches!(d.suffix, "st" | "nd" | "rd" | "th")) {
                return None;
            }
            d.value
        } else {
            f64::from(numbers::ordinal(w)?)
        };
        (1.0..=31.0).contains(&day).then_some((day as i8, i + 1))
    }

    /// A month name at `i`, capitalized where capitals count; "may" and "march" need more evidence.
    fn month(&self, i: usize) -> Option<i8> {
        let Some(Word::Month(m)) = self.word(i) else { return None };
        if !self.capitalized(i) {
            return None;
        }
        Some(m)
    }

    /// True when the month at `i` reads as a month by its context (for "May", "March", which are also verbs).
    fn month_in_context(&self, i: usize, next_is_date_part: bool) -> bool {
        let w = self.low(i);
        if !matches!(w, "may" | "march") || next_is_date_part {
            return true;
        }
        let prev = if i > 0 { self.t.low.get(i - 1).copied().unwrap_or("") } else { "" };
        let prev_cased_ok = i > 0 && self.t.cased.get(i).copied().unwrap_or(false);
        prev_cased_ok
            && matches!(
                prev,
                "in" | "since"
                    | "the"
                    | "until"
                    | "till"
                    | "by"
                    | "from"
                    | "of"
                    | "during"
                    | "through"
                    | "early"
                    | "late"
                    | "mid"
                    | "last"
                    | "next"
                    | "this"
                    | "before"
                    | "after"
                    | "and"
                    | "or"
                    | "to"
                    | "between"
            )
    }

    /// A year after a month or a season: "1998", ", 1998", "of 1998", "this year", "last year".
    fn year_after(&self, i: usize) -> Option<(Year, usize)> {
        let j = if self.is(i, ",") || self.is(i, "of") { i + 1 } else { i };
        if let Some(y) = self.year_digits(j) {
            return Some((Year::Absolute(y), j + 1));
        }
        if let Some(Word::Relative(s)) = self.word(j)
            && self.is(j + 1, "year")
        {
            return Some((Year::Relative(i32::from(s)), j + 2));
        }
        // "nineteen ninety-four".
        if let Some((_, Meaning::Calendar { year: y @ Year::Absolute(_), month: None, .. })) = self.spoken_year(j) {
            return Some((y, j + 2));
        }
        // "'98".
        if self.is(j, "'") || self.is(j, "’") {
            let d = parse_digits(self.low(j + 1))?;
            if self.low(j + 1).len() == 2 && d.integer && d.suffix.is_empty() {
                let y = d.value as i32;
                return Some((Year::Absolute(if y < 30 { 2000 + y } else { 1900 + y }), j + 2));
            }
        }
        None
    }

    /// The longest temporal expression that starts at token `i`.
    pub fn parse_at(&self, i: usize) -> Option<Parse> {
        let (end, meaning) = self.expression(i)?;
        (end > i).then_some(Parse { start: i, end, meaning })
    }

    fn expression(&self, i: usize) -> Hit {
        let w = self.low(i);
        match self.word(i) {
            Some(Word::The) => self.after_the(i + 1),
            Some(Word::A) => self.after_a(i),
            Some(Word::Approx) => self.approximate(i + 1),
            Some(Word::Position) => self.position(i),
            Some(Word::Relative(shift)) => self.relative(i, shift),
            Some(Word::Comparative(_)) => self.comparative(i),
            Some(Word::Month(_)) => self.month_date(i),
            Some(Word::Weekday(d)) => self.weekday(i, d),
            Some(Word::Weekdays(d)) if self.capitalized(i) => Some((i + 1, Meaning::Set(format!("XXXX-WXX-{d}")))),
            Some(Word::DayDeictic(n)) => self.deictic(i, n),
            Some(Word::Tonight) => Some((i + 1, Meaning::Offset { unit: Unit::Day, offset: 0 })),
            Some(Word::Clock(h)) => self.clock_word(i, h),
            Some(Word::VagueRef(v)) => self.vague_word(i, v),
            Some(Word::Every) => self.every(i + 1),
            Some(Word::Frequency(u)) => self.frequency(i, u),
            Some(Word::Fiscal) => self.fiscal(i + 1),
            Some(Word::Season(s)) => self.season(i, s, 0),
            Some(Word::Holiday(h)) => self.holiday(i, h),
            Some(Word::That) => match self.word(i + 1) {
                Some(Word::Unit(unit @ (Unit::Day | Unit::Month | Unit::Year | Unit::Quarter), false)) => {
                    Some((i + 2, Meaning::Narrative { unit, offset: 0 }))
                }
                _ => None,
            },
            Some(Word::Unit(unit, true)) => self.bare_plural(i, unit),
            Some(Word::Vague) => self.vague_amount(i),
            // "second quarter", "year end".
            Some(Word::Lead | Word::Unit(_, false)) => self.word_led(i),
            _ if self.raw(i).starts_with(['Q', 'H', 'F']) && w.len() <= 6 => self.period_code(i),
            _ => match w.as_bytes().first() {
                Some(b'0'..=b'9') => self.numeric(i),
                Some(b'\'' | b'\xe2') => self.apostrophe_decade(i),
                Some(_) if w.as_bytes().contains(&b'-') => self.hyphenated(i).or_else(|| self.word_led(i)),
                _ => None,
            },
        }
    }

    // ---- expressions led by a determiner --------------------------------------------------------------------

    /// After "the": quarters, halves, periods, decades, centuries, seasons, "the future", "the past two years" ….
    fn after_the(&self, i: usize) -> Hit {
        let w = self.low(i);
        // Most of the time "the" leads no temporal expression: leave early.
        if self.word(i).is_none()
            && !w.starts_with(|c: char| c.is_ascii_digit())
            && !w.as_bytes().contains(&b'-')
            && !matches!(
                w,
                "end"
                    | "close"
                    | "latter"
                    | "latest"
                    | "final"
                    | "initial"
                    | "comparable"
                    | "corresponding"
                    | "same"
                    | "full"
                    | "near"
                    | "foreseeable"
                    | "distant"
                    | "short"
                    | "'"
                    | "’"
            )
        {
            return None;
        }
        // "the end of 1990", "the beginning of October".
        if matches!(w, "end" | "beginning" | "start" | "middle" | "turn" | "close") && self.is(i + 1, "of") {
            return self.period_reference(i + 2);
        }
        if matches!(w, "first" | "second" | "last" | "latter" | "latest" | "final") && self.is(i + 1, "half") {
            let half = if w == "first" { 1 } else { 2 };
            let (year, end) = self.year_after(i + 2).unwrap_or((Year::Implicit, i + 2));
            return Some((end, Meaning::Half { year, half }));
        }
        // "the past two years", "the next few days", "the first nine months", "the last decade".
        if matches!(self.word(i), Some(Word::Relative(_)))
            || matches!(w, "first" | "latest" | "final" | "recent" | "initial")
        {
            if let Some(hit) = self.span_of_units(i + 1) {
                return Some(hit);
            }
            let shift = match self.word(i) {
                Some(Word::Relative(s)) => s,
                _ => -1,
            };
            if let Some(Word::Unit(unit, false)) = self.word(i + 1) {
                if unit == Unit::Quarter && matches!(w, "latest" | "recent") {
                    return Some((i + 2, Meaning::ReportQuarter { years_back: 0 }));
                }
                // "the following year", "the previous day": counted from the date the story last named.
                if matches!(w, "following" | "previous" | "preceding" | "prior") && unit >= Unit::Day {
                    return Some((i + 2, Meaning::Narrative { unit, offset: i32::from(shift) }));
                }
                if shift != 0 && unit != Unit::Day && matches!(self.word(i), Some(Word::Relative(_))) {
                    return Some((i + 2, Meaning::Offset { unit, offset: i32::from(shift) }));
                }
            }
            if w == "latest" && self.is(i + 1, "period") {
                return Some((i + 2, Meaning::ReportQuarter { years_back: 0 }));
            }
            if w == "latest" && (self.is(i + 1, "fiscal") && self.is(i + 2, "year")) {
                return Some((i + 3, Meaning::Offset { unit: Unit::Year, offset: -1 }));
            }
        }
        if matches!(w, "current" | "latest") {
            if let Some(Word::Unit(unit, false)) = self.word(i + 1) {
                if unit == Unit::Quarter && w == "latest" {
                    return Some((i + 2, Meaning::ReportQuarter { years_back: 0 }));
                }
                return Some((i + 2, Meaning::Offset { unit, offset: 0 }));
            }
            if self.is(i + 1, "fiscal") && self.is(i + 2, "year") {
                return Some((i + 3, Meaning::Offset { unit: Unit::Year, offset: 0 }));
            }
        }
        // "the year-ago quarter", "the comparable year-earlier period".
        let j = if matches!(w, "comparable" | "corresponding" | "same" | "prior") { i + 1 } else { i };
        if matches!(self.low(j), "year-ago" | "year-earlier" | "prior-year" | "year-before") {
            // "the year-earlier nine months" is a span.
            if let Some(hit @ (_, Meaning::Duration { .. })) = self.span_of_units(j + 1) {
                return Some(hit);
            }
            let end = self.period_noun_after(j + 1).unwrap_or(j + 1);
            return Some((end, Meaning::ReportQuarter { years_back: 1 }));
        }
        if j > i && matches!(self.low(j), "period" | "quarter") {
            // "the corresponding period last year", "the same quarter a year ago".
            if let Some(end) = self.year_back_tail(j + 1) {
                return Some((end, Meaning::ReportQuarter { years_back: 1 }));
            }
        }
        if w == "quarter" {
            if let Some(end) = self.year_back_tail(i + 1) {
                return Some((end, Meaning::ReportQuarter { years_back: 1 }));
            }
            // "the quarter ended July 31": the quarter of that date (the date is an expression of its own).
            if matches!(self.low(i + 1), "ended" | "ending" | "ends" | "to")
                && let Some(m) = self.month(i + 2)
                && let Some((day, _)) = self.day_of_month(i + 3)
            {
                let year = self.year_after(i + 4).map_or(Year::Implicit, |(y, _)| y);
                return Some((i + 1, Meaning::QuarterOf { year, month: m, day }));
            }
            return Some((i + 1, Meaning::ReportQuarter { years_back: 0 }));
        }
        // "the 1988 period", "the 1988 third quarter".
        if let Some(y) = self.year_digits(i) {
            if self.is(i + 1, "period") || self.is(i + 1, "quarter") {
                return Some((i + 2, Meaning::ReportQuarterOf(y)));
            }
            if let Some((end, Meaning::Quarter { quarter, .. })) = self.quarter(i + 1) {
                return Some((end, Meaning::Quarter { year: Year::Absolute(y), quarter }));
            }
        }
        if let Some(hit) = self.quarter(i) {
            return Some(hit);
        }
        if w == "full" && self.is(i + 1, "year") {
            return Some((i + 2, Meaning::Offset { unit: Unit::Year, offset: 0 }));
        }
        // "the fiscal year", "the fiscal first quarter".
        if w == "fiscal" {
            if self.is(i + 1, "year") {
                if matches!(self.prev(i - 1), "for" | "during" | "throughout" | "over")
                    || matches!(self.low(i + 2), "ended" | "ending")
                {
                    return Some((i + 2, Meaning::Duration { amount: Some(1.0), unit: Unit::Year }));
                }
                return Some((i + 2, Meaning::Offset { unit: Unit::Year, offset: 0 }));
            }
            return self.quarter(i + 1);
        }
        // "the future", "the near future", "the near term", "the past".
        match (w, self.low(i + 1)) {
            ("future", next) if next != "of" => return Some((i + 1, Meaning::Vague(Vague::Future))),
            ("near" | "foreseeable" | "distant", "future") => return Some((i + 2, Meaning::Vague(Vague::Future))),
            ("near" | "short", "term") => return Some((i + 2, Meaning::Vague(Vague::Future))),
            ("past", _) => return Some((i + 1, Meaning::Vague(Vague::Past))),
            ("year", "two") if self.is(i + 2, "thousand") => {
                return Some((i + 3, Meaning::Calendar { year: Year::Absolute(2000), month: None, day: None }));
            }
            _ => {}
        }
        // "the 1980s", "the '80s", "the eighties", "the early 1990s", "the 20th century".
        if let Some(hit) = self.decade(i).or_else(|| self.century(i)) {
            return Some(hit);
        }
        if matches!(self.word(i), Some(Word::Position))
            && let Some(hit) = self.decade(i + 1)
        {
            return Some(hit);
        }
        // "the second day" (of something the story tells): the story's day.
        if numbers::ordinal(w).is_some() && self.is(i + 1, "day") && !self.is(i + 2, "of") {
            return Some((i + 2, Meaning::Narrative { unit: Unit::Day, offset: 0 }));
        }
        // "the nine months", "the four days".
        if let Some(hit) = self.span_of_units(i) {
            return Some(hit);
        }
        // "the mid-1990s", "the early summer".
        if (w.as_bytes().contains(&b'-') || matches!(self.word(i), Some(Word::Position)))
            && let Some(hit @ (_, Meaning::Decade(_) | Meaning::Season { .. } | Meaning::Month { .. })) =
                self.expression(i)
        {
            return Some(hit);
        }
        match self.word(i) {
            Some(Word::Season(s)) => return self.season(i, s, 0),
            Some(Word::Unit(Unit::Weekend, false)) => {
                return Some((i + 1, Meaning::Offset { unit: Unit::Weekend, offset: 0 }));
            }
            Some(Word::Unit(unit @ (Unit::Year | Unit::Month | Unit::Week), false)) => {
                // "for the year" and "the year ended March 31" are spans; "earlier in the year" is a date.
                let span = matches!(self.prev(i - 1), "for" | "during" | "throughout" | "over")
                    || matches!(self.low(i + 1), "ended" | "ending");
                if span && unit == Unit::Year {
                    return Some((i + 1, Meaning::Duration { amount: Some(1.0), unit }));
                }
                return Some((i + 1, Meaning::Offset { unit, offset: 0 }));
            }
            Some(Word::Unit(unit, true)) if unit >= Unit::Day => {
                return Some((i + 1, Meaning::Duration { amount: None, unit }));
            }
            // "in the morning": of the day the story is about.
            Some(Word::DayPart(p)) if p != DayPart::Night => {
                let day = Meaning::Narrative { unit: Unit::Day, offset: 0 };
                return Some((i + 1, Meaning::PartOfDay { day: Box::new(day), part: p }));
            }
            _ => {}
        }
        None
    }

    /// "a year ago", "a week", "a few days", "a decade earlier", "a three-year period".
    fn after_a(&self, i: usize) -> Hit {
        let next = i + 1;
        if let Some(Word::Unit(unit, false)) = self.word(next) {
            if unit == Unit::Second || self.is(next + 1, "old") || (unit == Unit::Quarter && self.is(next + 1, "of")) {
                return None;
            }
            // "a minute and a half".
            let (after, amount) = if self.is(next + 1, "and") && self.is(next + 2, "a") && self.is(next + 3, "half") {
                (next + 4, 1.5)
            } else {
                (next + 1, 1.0)
            };
            let hit = self.or_so(self.amount_tail(after, Some(amount), unit));
            if matches!(hit.1, Meaning::Duration { .. }) && self.is_rate(i) {
                return None;
            }
            return Some(hit);
        }
        if matches!(self.word(next), Some(Word::Vague)) {
            return self.vague_amount(next);
        }
        // "an additional year", "a full week".
        if matches!(self.low(next), "additional" | "extra" | "full" | "whole" | "entire" | "further")
            && let Some(Word::Unit(unit, false)) = self.word(next + 1)
        {
            return Some((next + 2, Meaning::Duration { amount: Some(1.0), unit }));
        }
        // "a hundred years".
        if matches!(self.low(next), "hundred" | "thousand" | "dozen") {
            return self.span_of_units(i);
        }
        // "a three-year period".
        if self.low(next).as_bytes().contains(&b'-')
            && let Some((end, m)) = self.hyphenated(next)
            && (end > next + 1 || matches!(m, Meaning::Duration { .. }) && is_period_noun(self.low(end - 1)))
        {
            return Some((end, m));
        }
        // "a year and a half".
        None
    }

    /// After an amount and its unit: "ago", "earlier", "later", "from now"; else a duration.
    fn amount_tail(&self, i: usize, amount: Option<f64>, unit: Unit) -> (usize, Meaning) {
        match self.word(i) {
            Some(Word::Ago(direction)) => (i + 1, Meaning::Ago { unit, amount, direction }),
            // "three days later" is mostly annotated as the span; "a year earlier" as the date.
            Some(Word::Comparative(_)) if matches!(self.low(i), "earlier" | "later") && unit <= Unit::Week => {
                (i + 1, Meaning::Duration { amount, unit })
            }
            Some(Word::Comparative(direction)) if matches!(self.low(i), "earlier" | "later") => {
                (i + 1, Meaning::Ago { unit, amount, direction })
            }
            _ if self.is(i, "from") && self.is(i + 1, "now") => (i + 2, Meaning::Ago { unit, amount, direction: 1 }),
            _ => (i, Meaning::Duration { amount, unit }),
        }
    }

    /// True when "a" at `i` makes a rate of the amount before it ("$1.76 a year", "700 seats a week").
    fn is_rate(&self, i: usize) -> bool {
        let prev = self.prev(i);
        let prev2 = i.checked_sub(1).map_or("", |p| self.prev(p));
        prev.starts_with(|c: char| c.is_ascii_digit())
            || numbers::scale_word(prev).is_some()
            || matches!(prev, "times" | "twice" | "once" | "thrice" | "hours" | "days" | "seats" | "flights")
            || (prev.len() > 3 && prev.ends_with('s') && prev2.starts_with(|c: char| c.is_ascii_digit()))
    }

    /// Takes in a trailing "or so" ("the next two years or so").
    fn or_so(&self, (end, m): (usize, Meaning)) -> (usize, Meaning) {
        if self.is(end, "or") && self.is(end + 1, "so") { (end + 2, m) } else { (end, m) }
    }

    /// "few days", "several years ago", "couple of weeks".
    fn vague_amount(&self, i: usize) -> Hit {
        let j = if self.is(i + 1, "of") { i + 2 } else { i + 1 };
        let Some(Word::Unit(unit, true)) = self.word(j) else { return None };
        Some(self.amount_tail(j + 1, if self.is(i, "couple") { Some(2.0) } else { None }, unit))
    }

    /// Units after a number, in a span ("two years", "12 to 18 months", "few days").
    fn span_of_units(&self, i: usize) -> Hit {
        if matches!(self.word(i), Some(Word::Vague)) {
            return self.vague_amount(i);
        }
        if self.is(i, "couple") && self.is(i + 1, "of") {
            return self.vague_amount(i);
        }
        let (n, j) = self.number(i)?;
        // "12 to 18 months".
        if matches!(self.low(j), "to" | "or" | "-")
            && let Some((_, k)) = self.number(j + 1)
            && let Some(Word::Unit(unit, true)) = self.word(k)
        {
            return Some((k + 1, Meaning::Duration { amount: None, unit }));
        }
        // "two more weeks", "eight trading days".
        let j = if matches!(
            self.low(j),
            "more"
                | "additional"
                | "trading"
                | "business"
                | "working"
                | "calendar"
                | "straight"
                | "consecutive"
                | "full"
        ) {
            j + 1
        } else {
            j
        };
        match self.word(j) {
            // "52 years old" is an age; "a second" is mostly an ordinal ("a second term"); "three quarters of"
            // is a fraction.
            Some(Word::Unit(_, _)) if self.is(j + 1, "old") => None,
            Some(Word::Unit(Unit::Quarter, _)) if self.is(j + 1, "of") => None,
            Some(Word::Unit(Unit::Second, false)) if !self.low(i).starts_with(|c: char| c.is_ascii_digit()) => None,
            Some(Word::Unit(unit, _)) => Some(self.or_so(self.amount_tail(j + 1, Some(n), unit))),
            _ => None,
        }
    }

    /// "about two years", "nearly a decade", "more than four hours", "at least 30 days".
    fn approximate(&self, i: usize) -> Hit {
        if matches!(self.word(i), Some(Word::A)) {
            return self.after_a(i);
        }
        if let Some(hit) = self.span_of_units(i) {
            return Some(hit);
        }
        // "around 7:15 p.m.", "around Nov. 1", "around year end" (not "over the last year": that is a span).
        let point_word = i > 0 && matches!(self.prev(i), "around" | "about" | "roughly" | "approximately");
        match self.expression(i) {
            Some((end, m @ (Meaning::Clock { .. } | Meaning::Calendar { .. }))) => Some((end, m)),
            Some((end, m @ Meaning::Offset { .. })) if point_word => Some((end, m)),
            _ => None,
        }
    }

    /// "early next year", "late Tuesday", "mid-November", "early 1990s".
    fn position(&self, i: usize) -> Hit {
        let w = self.low(i);
        if matches!(w, "end" | "beginning" | "start" | "middle" | "turn") {
            return None;
        }
        // "mid afternoon", "late morning": of the day the story is about.
        if let Some(Word::DayPart(part)) = self.word(i + 1) {
            let day = Meaning::Narrative { unit: Unit::Day, offset: 0 };
            return Some(self.day_tail_after(i + 2, day, part));
        }
        let next = self.expression(i + 1)?;
        match next.1 {
            Meaning::Duration { .. } | Meaning::Set(_) | Meaning::Vague(_) => None,
            _ => Some(next),
        }
    }

    /// After "the end of", "the beginning of": a year, month or period.
    fn period_reference(&self, i: usize) -> Hit {
        let hit = self.expression(i)?;
        match hit.1 {
            Meaning::Duration { .. } | Meaning::Set(_) => None,
            _ => Some(hit),
        }
    }

    /// "quarter", "period", "third quarter", "nine months" after "year-ago".
    fn period_noun_after(&self, i: usize) -> Option<usize> {
        if matches!(self.low(i), "quarter" | "period") {
            return Some(i + 1);
        }
        if let Some((end, _)) = self.quarter(i) {
            return Some(end);
        }
        if let Some((end, Meaning::Duration { .. })) = self.span_of_units(i) {
            return Some(end);
        }
        None
    }

    /// "a year ago", "last year", "of last year", "a year earlier" after a period.
    fn year_back_tail(&self, i: usize) -> Option<usize> {
        let j = if self.is(i, "of") { i + 1 } else { i };
        if self.is(j, "a") && self.is(j + 1, "year") && matches!(self.low(j + 2), "ago" | "earlier") {
            return Some(j + 3);
        }
        if self.is(j, "last") && self.is(j + 1, "year") {
            return Some(j + 2);
        }
        None
    }

    /// "third quarter", "third-quarter", "first quarter of 1990", "fourth quarter of this year".
    fn quarter(&self, i: usize) -> Hit {
        let w = self.low(i);
        let (q, end) = if let Some((ord, rest)) = w.split_once('-') {
            if rest != "quarter" {
                return None;
            }
            (numbers::ordinal(ord)?, i + 1)
        } else {
            let q = numbers::ordinal(w)?;
            if self.is(i + 1, "fiscal") && self.is(i + 2, "quarter") {
                (q, i + 3)
            } else if self.is(i + 1, "quarter") || self.is(i + 1, "fiscal-quarter") {
                (q, i + 2)
            } else {
                return None;
            }
        };
        if !(1..=4).contains(&q) {
            return None;
        }
        let (year, end) = match self.year_after(end) {
            Some((Year::Absolute(y), e)) if !self.is(end, ",") => (Year::Absolute(y), e),
            Some((y @ Year::Relative(_), e)) => (y, e),
            _ => (Year::Implicit, end),
        };
        Some((end, Meaning::Quarter { year, quarter: q as i8 }))
    }

    /// Business-news period codes: "Q3 2024", "Q3", "H1 2023", "FY2024", "FY24", "FY 2024".
    fn period_code(&self, i: usize) -> Hit {
        let raw = self.raw(i);
        let (head, digits) = raw.split_at(if raw.starts_with("FY") { 2 } else { 1 });
        if !digits.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        if head == "FY" {
            let (digits, end) = if digits.is_empty() { (self.low(i + 1), i + 2) } else { (digits, i + 1) };
            let year = match (digits.len(), digits.parse::<i32>().ok()?) {
                (4, y) if (1000..=2100).contains(&y) => y,
                (2, y) => 2000 + y,
                _ => return None,
            };
            return Some((end, Meaning::Calendar { year: Year::Absolute(year), month: None, day: None }));
        }
        let n: i8 = digits.parse().ok()?;
        let (year, end) = match self.year_digits(i + 1) {
            Some(y) => (Year::Absolute(y), i + 2),
            None => (Year::Implicit, i + 1),
        };
        match (head, n) {
            ("Q", 1..=4) => Some((end, Meaning::Quarter { year, quarter: n })),
            ("H", 1..=2) if year != Year::Implicit => Some((end, Meaning::Half { year, half: n })),
            _ => None,
        }
    }

    // ---- relative expressions --------------------------------------------------------------------------------

    /// After "last", "next", "this", "past", "coming" ….
    /// True for a capitalized word inside a mixed-case sentence: part of a name ("This Week", "High Noon").
    fn in_name(&self, i: usize) -> bool {
        let cased = self.t.cased.get(i).copied().unwrap_or(false);
        // (A sentence's first word: a headline or paragraph before it may end without a stop.)
        let first = i == self.start || matches!(self.prev(i), "." | "``" | "\"" | "''" | ":" | "(" | "'" | "“" | "‘");
        cased && !first && self.raw(i).starts_with(|c: char| c.is_uppercase())
    }

    fn relative(&self, i: usize, shift: i8) -> Hit {
        let w = self.low(i);
        if self.in_name(i) && self.in_name(i + 1) {
            return None;
        }
        let mut j = i + 1;
        let mut shift = shift;
        // "this past spring", "this coming Sunday".
        if w == "this"
            && let Some(Word::Relative(s)) = self.word(j)
        {
            shift = s;
            j += 1;
        }
        match self.word(j) {
            Some(Word::Weekday(d)) if self.capitalized(j) => {
                return Some(self.weekday_tail(j + 1, Meaning::Weekday { weekday: d, shift }));
            }
            Some(Word::Month(m)) if self.capitalized(j) => {
                if let Some((day, end)) = self.day_of_month(j + 1) {
                    let year = if shift < 0 { Year::Relative(-1) } else { Year::Implicit };
                    return Some((end, Meaning::Calendar { year, month: Some(m), day: Some(day) }));
                }
                if w == "this" && shift == 0 {
                    return Some((j + 1, Meaning::Calendar { year: Year::Relative(0), month: Some(m), day: None }));
                }
                return Some((j + 1, Meaning::Month { month: m, shift }));
            }
            Some(Word::Season(s)) if w == "this" && shift == 0 => {
                return Some((j + 1, Meaning::Season { season: s, year: Year::Relative(0), shift: 0 }));
            }
            Some(Word::Season(s)) => return self.season(j, s, shift),
            Some(Word::Holiday(h)) => {
                let (end, _) = self.holiday(j, h)?;
                let year = if shift < 0 { Year::Relative(-1) } else { Year::Implicit };
                return Some((end, Meaning::Holiday(h, if shift > 0 { Year::Relative(1) } else { year })));
            }
            Some(Word::DayPart(p)) => {
                // "last night", "this morning".
                let day = if shift < 0 && p == DayPart::Night {
                    Meaning::Offset { unit: Unit::Day, offset: -1 }
                } else if shift == 0 {
                    Self::today()
                } else {
                    return None;
                };
                return Some((j + 1, Meaning::PartOfDay { day: Box::new(day), part: p }));
            }
            Some(Word::Unit(unit, false)) => {
                // "last year's third quarter", "this year's first half".
                if unit == Unit::Year && self.is(j + 1, "'s") {
                    if let Some((end, Meaning::Quarter { quarter, .. })) = self.quarter(j + 2) {
                        return Some((end, Meaning::Quarter { year: Year::Relative(i32::from(shift)), quarter }));
                    }
                    if matches!(self.low(j + 2), "quarter" | "period") {
                        return Some((j + 3, Meaning::ReportQuarter { years_back: -i32::from(shift) }));
                    }
                }
                if unit == Unit::Day {
                    return None;
                }
                return Some((j + 1, Meaning::Offset { unit, offset: i32::from(shift) }));
            }
            _ => {}
        }
        // "the last five years", "next two weeks", "past 20 years".
        if w != "this" {
            if let Some(hit) = self.span_of_units(j) {
                return Some(hit);
            }
            // "coming months", "past years": spans of unknown length.
            if let Some(Word::Unit(unit, true)) = self.word(j) {
                return Some((j + 1, Meaning::Duration { amount: None, unit }));
            }
        }
        None
    }

    /// "earlier this year", "later this month", "earlier today", "later that day".
    fn comparative(&self, i: usize) -> Hit {
        if !matches!(self.low(i), "earlier" | "later") {
            return None;
        }
        let j = i + 1;
        match self.word(j) {
            Some(Word::That) => match self.word(j + 1) {
                Some(Word::Unit(unit, false)) => Some((j + 2, Meaning::Narrative { unit, offset: 0 })),
                _ => None,
            },
            Some(Word::Relative(0)) => match self.word(j + 1) {
                Some(Word::Unit(unit, false)) => Some((j + 2, Meaning::Offset { unit, offset: 0 })),
                Some(Word::DayPart(p)) => Some((j + 2, Meaning::PartOfDay { day: Box::new(Self::today()), part: p })),
                _ => None,
            },
            // "earlier Friday", "later today": TimeBank leaves the adverb out; the day is found on its own.
            _ if self.is(j, "in") && self.is(j + 1, "the") => match self.word(j + 2) {
                Some(Word::Unit(unit, false)) => Some((j + 3, Meaning::Offset { unit, offset: 0 })),
                _ => None,
            },
            _ => None,
        }
    }

    /// "today", "yesterday morning", "tomorrow night".
    fn deictic(&self, i: usize, offset: i8) -> Hit {
        let day = Meaning::Offset { unit: Unit::Day, offset: i32::from(offset) };
        Some(self.day_tail(i + 1, day))
    }

    /// After a weekday, a part of the day: "Friday evening" is the evening (`TEV`), while for "Friday night" and
    /// "Friday morning" TimeBank mostly keeps the day's date.
    fn weekday_tail(&self, i: usize, day: Meaning) -> (usize, Meaning) {
        // "Tuesday nights": every Tuesday night.
        if let Meaning::Weekday { weekday, .. } = day {
            let part = match self.low(i) {
                "mornings" => Some(DayPart::Morning),
                "afternoons" => Some(DayPart::Afternoon),
                "evenings" => Some(DayPart::Evening),
                "nights" => Some(DayPart::Night),
                _ => None,
            };
            if let Some(part) = part {
                return (i + 1, Meaning::Set(format!("XXXX-WXX-{weekday}T{}", part.code())));
            }
        }
        match self.word(i) {
            Some(Word::DayPart(part @ (DayPart::Evening | DayPart::Afternoon))) => {
                (i + 1, Meaning::PartOfDay { day: Box::new(day), part })
            }
            Some(Word::DayPart(_)) => (i + 1, day),
            _ => (i, day),
        }
    }

    /// After a day: a part of it ("morning"), or nothing.
    fn day_tail(&self, i: usize, day: Meaning) -> (usize, Meaning) {
        if let Some(Word::DayPart(part)) = self.word(i) {
            return (i + 1, Meaning::PartOfDay { day: Box::new(day), part });
        }
        (i, day)
    }

    /// A part of a day, with the day named after it when it is ("mid-afternoon yesterday").
    fn day_tail_after(&self, i: usize, day: Meaning, part: DayPart) -> (usize, Meaning) {
        match self.word(i) {
            Some(Word::DayDeictic(n)) => (
                i + 1,
                Meaning::PartOfDay { day: Box::new(Meaning::Offset { unit: Unit::Day, offset: i32::from(n) }), part },
            ),
            _ => (i, Meaning::PartOfDay { day: Box::new(day), part }),
        }
    }

    fn today() -> Meaning {
        Meaning::Offset { unit: Unit::Day, offset: 0 }
    }

    // ---- calendar expressions --------------------------------------------------------------------------------

    /// "Sept. 30", "August 7, 1998", "July 1997", "July", "March eighth".
    fn month_date(&self, i: usize) -> Hit {
        let m = self.month(i)?;
        if let Some((day, j)) = self.day_of_month(i + 1) {
            // "May 5 percent" or "June 30 million": a number is no day when a unit follows.
            if !matches!(self.low(j), "percent" | "%" | "million" | "billion" | "pct") && self.month_in_context(i, true)
            {
                let (year, end) = match self.year_after(j) {
                    Some((y, e)) => (y, e),
                    None => (Year::Implicit, j),
                };
                return Some((end, Meaning::Calendar { year, month: Some(m), day: Some(day) }));
            }
        }
        if let Some((year, end)) = self.year_after(i + 1)
            && self.month_in_context(i, true)
        {
            return Some((end, Meaning::Calendar { year, month: Some(m), day: None }));
        }
        if !self.month_in_context(i, false) {
            return None;
        }
        // A lone abbreviation without its period ("Jan") is too often something else.
        if self.raw(i).len() <= 3 && !self.low(i).ends_with('.') && self.low(i) != "may" {
            return None;
        }
        Some((i + 1, Meaning::Month { month: m, shift: 0 }))
    }

    /// "Friday", "Friday, Oct. 23", "Friday morning".
    fn weekday(&self, i: usize, d: i8) -> Hit {
        if !self.capitalized(i) {
            return None;
        }
        let j = if self.is(i + 1, ",") { i + 2 } else { i + 1 };
        if self.month(j).is_some()
            && let Some((end, m @ Meaning::Calendar { day: Some(_), .. })) = self.month_date(j)
        {
            // "Saturday, April 25": the weekday tells the year when none is written.
            if let Meaning::Calendar { year: Year::Implicit, month: Some(month), day: Some(day) } = m {
                return Some((end, Meaning::WeekdayDate { weekday: d, month, day }));
            }
            return Some((end, m));
        }
        // "Friday the 13th" is rare; a day number after the weekday ("Thursday 5 March") is British.
        if let Some((day, k)) = self.day_of_month(j)
            && let Some(m) = self.month(k)
        {
            let (year, end) = self.year_after(k + 1).unwrap_or((Year::Implicit, k + 1));
            return Some((end, Meaning::Calendar { year, month: Some(m), day: Some(day) }));
        }
        // Abbreviations ("Fri.") only with a date after them.
        if self.low(i).ends_with('.') {
            return None;
        }
        Some(self.weekday_tail(i + 1, Meaning::Weekday { weekday: d, shift: 0 }))
    }

    /// Tokens led by digits: years, dates, clock times, durations, decades.
    fn numeric(&self, i: usize) -> Hit {
        let w = self.low(i);
        // Amounts with decimals or thousands separators can only begin a span of units ("2.5 years").
        if w.as_bytes().iter().any(|b| matches!(b, b'.' | b',')) {
            return self.span_of_units(i);
        }
        if let Some(hit) = self.clock(i) {
            return Some(hit);
        }
        if let Some(hit) = self.slash_date(i) {
            return Some(hit);
        }
        // "7 August 1998", "7th of August".
        if let Some((day, j)) = self.day_of_month(i) {
            let k = if self.is(j, "of") { j + 1 } else { j };
            if let Some(m) = self.month(k) {
                let (year, end) = self.year_after(k + 1).unwrap_or((Year::Implicit, k + 1));
                return Some((end, Meaning::Calendar { year, month: Some(m), day: Some(day) }));
            }
        }
        // "April 24 and 25": the second day of the month named before.
        if i >= 3
            && matches!(self.prev(i), "and" | "or" | "to")
            && let Some(Word::Month(m)) = self.t.word.get(i - 3).copied().flatten()
            && self.t.low.get(i - 2).is_some_and(|w| w.bytes().all(|b| b.is_ascii_digit()))
            && let Some((day, end)) = self.day_of_month(i)
        {
            let (year, end) = self.year_after(end).unwrap_or((Year::Implicit, end));
            return Some((end, Meaning::Calendar { year, month: Some(m), day: Some(day) }));
        }
        if let Some(y) = self.year_digits(i) {
            if self.is_year_in_context(i) {
                return Some((i + 1, Meaning::Calendar { year: Year::Absolute(y), month: None, day: None }));
            }
            return None;
        }
        if let Some(hit) = self.decade(i).or_else(|| self.century(i)) {
            return Some(hit);
        }
        if w.as_bytes().contains(&b'-') {
            return self.hyphenated(i);
        }
        self.span_of_units(i)
    }

    /// True when a four-digit number at `i` reads as a year rather than an amount.
    fn is_year_in_context(&self, i: usize) -> bool {
        let prev = if i > 0 { self.t.low.get(i - 1).copied().unwrap_or("") } else { "" };
        let next = self.low(i + 1);
        if matches!(prev, "$" | "#" | "no." | "number" | "flight" | "route" | "room" | "£" | "€" | "rs" | "rs.") {
            return false;
        }
        // "2000 to 3000 troops" is a range of amounts; "2005 to be" is a year.
        let number_after = self.low(i + 2).starts_with(|c: char| c.is_ascii_digit());
        if (matches!(next, "%" | "percent" | "pct" | "per" | "x")
            || matches!(next, "-" | "/" | ":" | "to") && number_after)
            && !matches!(prev, "in" | "since" | "from" | "between")
        {
            return false;
        }
        // A count: "2000 people", "1500 troops". A following lower-case plural noun makes it an amount.
        if next.len() > 3
            && next.ends_with('s')
            && !next.ends_with("'s")
            && !matches!(prev, "in" | "since" | "of" | "from" | "by" | "until" | "during" | "through" | "fiscal")
            && self.raw(i + 1).starts_with(|c: char| c.is_lowercase())
            && !matches!(self.word(i + 1), Some(Word::Unit(..) | Word::Month(_)))
            && !matches!(next, "was" | "is" | "has" | "levels" | "results" | "earnings" | "sales" | "figures")
        {
            return false;
        }
        true
    }

    /// "10:35 a.m.", "10 p.m. Wednesday", "5 p.m. EST Nov. 9", "10pm", "14:00 GMT", "8:30 a.m. local time".
    fn clock(&self, i: usize) -> Hit {
        let w = self.low(i);
        let d = parse_digits(w)?;
        if !d.integer || d.grouped || d.value > 24.0 {
            return None;
        }
        let mut hour = d.value as u8;
        let mut minute = 0u8;
        let mut j = i + 1;
        let mut meridiem = match d.suffix {
            "am" => Some(false),
            "pm" => Some(true),
            "" => None,
            _ => return None,
        };
        let mut has_minutes = false;
        if meridiem.is_none() && (self.is(j, ":") || self.is(j, ".")) {
            let m = self.low(j + 1);
            let md = parse_digits(m)?;
            if m.len() != 2 || !md.integer || md.value >= 60.0 {
                return None;
            }
            minute = md.value as u8;
            has_minutes = true;
            // "10:35am" glues the suffix.
            meridiem = match md.suffix {
                "am" => Some(false),
                "pm" => Some(true),
                "" => None,
                _ => return None,
            };
            j += 2;
        }
        if meridiem.is_none()
            && let Some(Word::Meridiem(pm)) = self.word(j)
        {
            meridiem = Some(pm);
            j += 1;
        }
        // "4 in the morning".
        if meridiem.is_none()
            && self.is(j, "in")
            && self.is(j + 1, "the")
            && let Some(Word::DayPart(p)) = self.word(j + 2)
        {
            meridiem = Some(!matches!(p, DayPart::Morning));
            j += 3;
        }
        let zone = matches!(self.word(j), Some(Word::Zone)) && self.raw(j).chars().all(|c| c.is_uppercase());
        if meridiem.is_none() && !(has_minutes && (zone || self.is(j, "local") || self.clock_context(i))) {
            return None;
        }
        if let Some(pm) = meridiem {
            if hour == 0 || hour > 12 {
                return None;
            }
            if pm && hour < 12 {
                hour += 12;
            } else if !pm && hour == 12 {
                hour = 0;
            }
        }
        if zone {
            j += 1;
        }
        if self.is(j, "local") && self.is(j + 1, "time") {
            j += 2;
        }
        let (end, day) = self.day_after_clock(j);
        Some((end, Meaning::Clock { day: day.map(Box::new), hour, minute }))
    }

    /// True when the word before a bare "14:30" says it is a time ("at 14:30").
    fn clock_context(&self, i: usize) -> bool {
        i > 0 && matches!(self.t.low.get(i - 1).copied(), Some("at" | "by" | "until" | "from" | "before" | "after"))
    }

    /// A day right after a clock time: "Wednesday", "Nov. 9", "yesterday", ", Nov. 6".
    fn day_after_clock(&self, j: usize) -> (usize, Option<Meaning>) {
        // "10:35 a.m. (0735 GMT) Friday": the day after a short parenthesis belongs to the time, not the extent.
        if self.is(j, "(")
            && let Some(close) = (j + 1..(j + 6).min(self.end)).find(|&k| self.is(k, ")"))
            && let (_, Some(day)) = self.day_after_clock(close + 1)
        {
            return (j, Some(day));
        }
        let k = if self.is(j, ",") { j + 1 } else { j };
        match self.word(k) {
            Some(Word::Weekday(d)) if self.capitalized(k) => {
                return (k + 1, Some(Meaning::Weekday { weekday: d, shift: 0 }));
            }
            Some(Word::DayDeictic(n)) => {
                return (k + 1, Some(Meaning::Offset { unit: Unit::Day, offset: i32::from(n) }));
            }
            Some(Word::Month(_)) => {
                if let Some((end, m @ Meaning::Calendar { day: Some(_), .. })) = self.month_date(k) {
                    return (end, Some(m));
                }
            }
            _ => {}
        }
        (j, None)
    }

    /// "noon", "midnight Friday", "noon Thursday".
    fn clock_word(&self, i: usize, hour: u8) -> Hit {
        if self.in_name(i) {
            return None;
        }
        let (end, day) = self.day_after_clock(i + 1);
        Some((end, Meaning::Clock { day: day.map(Box::new), hour, minute: 0 }))
    }

    /// "9/11/2001", "11/9", "2024-09-11".
    fn slash_date(&self, i: usize) -> Hit {
        let sep = self.low(i + 1);
        if sep != "/" && sep != "-" {
            return None;
        }
        let a = parse_digits(self.low(i)).filter(|d| d.integer && d.suffix.is_empty() && d.value < 1e4)?.value as u32;
        let b = self.small_int(i + 2)?;
        let a_len = self.low(i).len();
        if sep == "-" {
            // ISO: 2024-09-11.
            if a_len != 4 || !self.is(i + 3, "-") {
                return None;
            }
            let c = self.small_int(i + 4)?;
            if (1000..=2100).contains(&a) && (1..=12).contains(&b) && (1..=31).contains(&c) {
                return Some((
                    i + 5,
                    Meaning::Calendar { year: Year::Absolute(a as i32), month: Some(b as i8), day: Some(c as i8) },
                ));
            }
            return None;
        }
        // "3 7/8" is a price.
        if self.low(i + 2).len() > 2 || a_len > 2 || self.prev(i).starts_with(|c: char| c.is_ascii_digit()) {
            return None;
        }
        // "1/8", "7/8", "3/4": a fraction with a power-of-two denominator is a share price or a part, not a date;
        // "24/7" is "all the time".
        if (a < b && matches!(b, 2 | 4 | 8 | 16 | 32 | 64)) || (a == 24 && b == 7) {
            return None;
        }
        // Month first (US), unless the first number cannot be a month.
        let (month, day) = if a > 12 { (b, a) } else { (a, b) };
        if !(1..=12).contains(&month) || !(1..=31).contains(&day) {
            return None;
        }
        if self.is(i + 3, "/") {
            let y = parse_digits(self.low(i + 4)).filter(|d| d.integer && d.suffix.is_empty() && d.value < 1e4)?.value
                as u32;
            let year = match self.low(i + 4).len() {
                4 if (1000..=2100).contains(&y) => y as i32,
                2 => {
                    let y = y as i32;
                    if y < 50 { 2000 + y } else { 1900 + y }
                }
                _ => return None,
            };
            return Some((
                i + 5,
                Meaning::Calendar { year: Year::Absolute(year), month: Some(month as i8), day: Some(day as i8) },
            ));
        }
        // "11/9" alone: only as a day when nothing numeric continues ("3/4 of").
        if matches!(self.low(i + 3), "of" | "%" | "percent" | "mile" | "miles" | "inch" | "inches") {
            return None;
        }
        Some((i + 3, Meaning::Calendar { year: Year::Implicit, month: Some(month as i8), day: Some(day as i8) }))
    }

    /// "1980s", "'80s", "eighties", "mid-1990s".
    fn decade(&self, i: usize) -> Hit {
        let w = self.low(i);
        if let Some(d) = parse_digits(w) {
            if d.suffix == "s" && d.integer && !d.grouped && w.len() == 5 && d.value % 10.0 == 0.0 {
                let y = d.value as i32;
                if (1000..=2100).contains(&y) {
                    return Some((i + 1, Meaning::Decade(y / 10)));
                }
            }
            return None;
        }
        if w == "'" || w == "’" {
            return self.apostrophe_decade(i);
        }
        let decade = match w {
            "twenties" => 192,
            "thirties" => 193,
            "forties" => 194,
            "fifties" => 195,
            "sixties" => 196,
            "seventies" => 197,
            "eighties" => 198,
            "nineties" => 199,
            _ => return None,
        };
        Some((i + 1, Meaning::Decade(decade)))
    }

    /// "'80s".
    fn apostrophe_decade(&self, i: usize) -> Hit {
        let w = self.low(i);
        let digits = if w == "'" || w == "’" { self.low(i + 1) } else { return None };
        let d = parse_digits(digits)?;
        if d.suffix == "s" && digits.len() == 3 && d.value % 10.0 == 0.0 {
            let decade = 190 + (d.value as i32) / 10;
            return Some((i + 2, Meaning::Decade(decade)));
        }
        None
    }

    /// "20th century", "the 11th century".
    fn century(&self, i: usize) -> Hit {
        let n = numbers::ordinal(self.low(i))?;
        if self.is(i + 1, "century") && (1..=21).contains(&n) {
            return Some((i + 2, Meaning::Century(n as i32 - 1)));
        }
        None
    }

    /// Single hyphenated tokens: "third-quarter", "10-year", "two-day", "mid-1990s", "late-November",
    /// "year-earlier", "year-end".
    fn hyphenated(&self, i: usize) -> Hit {
        let w = self.low(i);
        let (head, rest) = w.split_once('-')?;
        match head {
            "mid" | "early" | "late" => {
                return self.inner_word(rest, i);
            }
            "year" if matches!(rest, "end" | "ago" | "earlier") => {
                if rest == "end" {
                    return Some((i + 1, Meaning::Offset { unit: Unit::Year, offset: 0 }));
                }
                let end = self.period_noun_after(i + 1).unwrap_or(i + 1);
                return Some((end, Meaning::ReportQuarter { years_back: 1 }));
            }
            _ => {}
        }
        if rest == "quarter" || rest == "fiscal-quarter" {
            return self.quarter(i);
        }
        // "10-year", "two-year-old", "14-day", "day-long", "a three-year period".
        let (unit_part, tail) = rest.split_once('-').map_or((rest, ""), |(u, t)| (u, t));
        // "10-year-old" is an age, not a time; adjectives take the singular ("two-year", not "three-quarters").
        if !matches!(tail, "" | "long") || matches!(super::lexicon::lookup(unit_part), Some(Word::Unit(_, true))) {
            return None;
        }
        let amount = if let Some(d) = parse_digits(head) {
            if !d.suffix.is_empty() {
                return None;
            }
            Some(d.value)
        } else if let Some(n) = numbers::word_number(&[head]) {
            Some(n.value)
        } else if matches!(head, "multi" | "several" | "many") {
            None
        } else {
            // "day-long": the unit first.
            return match (super::lexicon::lookup(head), rest) {
                // "decades-long" lasts an unknown number of decades.
                (Some(Word::Unit(unit, plural)), "long") => {
                    Some((i + 1, Meaning::Duration { amount: (!plural).then_some(1.0), unit }))
                }
                _ => None,
            };
        };
        let Some(Word::Unit(unit, _)) = super::lexicon::lookup(unit_part) else { return None };
        let end = if is_period_noun(self.low(i + 1)) { i + 2 } else { i + 1 };
        Some((end, Meaning::Duration { amount, unit }))
    }

    /// The word after "mid-" or "late-" in one token: "1990s", "November", "afternoon", "1996".
    fn inner_word(&self, rest: &str, i: usize) -> Hit {
        if let Some(d) = parse_digits(rest) {
            if d.suffix == "s" && rest.len() == 5 {
                return Some((i + 1, Meaning::Decade(d.value as i32 / 10)));
            }
            if d.suffix.is_empty() && rest.len() == 4 && d.integer && (1000.0..=2100.0).contains(&d.value) {
                return Some((
                    i + 1,
                    Meaning::Calendar { year: Year::Absolute(d.value as i32), month: None, day: None },
                ));
            }
            return None;
        }
        match super::lexicon::lookup(rest)? {
            Word::Month(m) => {
                // "mid-November 12" is rare; the month is what "mid-" qualifies.
                if let Some((_, j)) = self.day_of_month(i + 1) {
                    return Some((j, Meaning::Month { month: m, shift: 0 }));
                }
                let (year, end) = self.year_after(i + 1).unwrap_or((Year::Implicit, i + 1));
                if year == Year::Implicit {
                    Some((end, Meaning::Month { month: m, shift: 0 }))
                } else {
                    Some((end, Meaning::Calendar { year, month: Some(m), day: None }))
                }
            }
            Word::DayPart(p) => Some(self.day_tail_after(i + 1, Meaning::Narrative { unit: Unit::Day, offset: 0 }, p)),
            Word::Unit(Unit::Year, false) => Some((i + 1, Meaning::Offset { unit: Unit::Year, offset: 0 })),
            Word::Unit(Unit::Week, false) => Some((i + 1, Meaning::Offset { unit: Unit::Week, offset: 0 })),
            _ => None,
        }
    }

    /// Number words: durations ("three months"), spoken years ("nineteen ninety-six").
    /// "nineteen ninety-six", "eighteen seventy".
    fn spoken_year(&self, i: usize) -> Hit {
        let w = self.low(i);
        if matches!(w, "nineteen" | "eighteen") {
            let next = self.low(i + 1);
            if let Some(v) = numbers::word_number(&[next]).filter(|n| n.value >= 10.0 && n.value < 100.0) {
                let century = if w == "nineteen" { 1900 } else { 1800 };
                return Some((
                    i + 2,
                    Meaning::Calendar { year: Year::Absolute(century + v.value as i32), month: None, day: None },
                ));
            }
        }
        None
    }

    fn word_led(&self, i: usize) -> Hit {
        let w = self.low(i);
        // "Islam will one day be ...": some day ahead, not a day's length.
        if w == "one"
            && self.is(i + 1, "day")
            && matches!(self.prev(i), "will" | "would" | "could" | "may" | "might" | "can" | "shall")
        {
            return Some((i + 2, Meaning::Vague(Vague::Future)));
        }
        if let Some(hit) = self.spoken_year(i) {
            return Some(hit);
        }
        if let Some(hit) = self.decade(i).or_else(|| self.century(i)) {
            return Some(hit);
        }
        if w == "year" && (self.is(i + 1, "end") || self.is(i + 1, "'s") && self.is(i + 2, "end")) {
            let end = if self.is(i + 1, "end") { i + 2 } else { i + 3 };
            return Some((end, Meaning::Offset { unit: Unit::Year, offset: 0 }));
        }
        if w == "sometime" {
            return match self.expression(i + 1) {
                Some(hit @ (_, Meaning::Offset { .. } | Meaning::Calendar { .. } | Meaning::Month { .. })) => Some(hit),
                _ => None,
            };
        }
        if let Some(hit) = self.quarter(i) {
            return Some(hit);
        }
        if w == "these" && self.is(i + 1, "days") {
            return Some((i + 2, Meaning::Vague(Vague::Present)));
        }
        if w == "right" && self.is(i + 1, "now") {
            return Some((i + 2, Meaning::Vague(Vague::Present)));
        }
        // "New Year's Day", "New Year's Eve", "Valentine's Day", "Independence Day".
        let named = match (w, self.low(i + 1), self.low(i + 2), self.low(i + 3)) {
            ("new", "year", "'s", "day") => Some((Holiday::NewYear, 4)),
            ("new", "year", "'s", "eve") => Some((Holiday::NewYearsEve, 4)),
            ("valentine", "'s", "day", _) => Some((Holiday::Valentine, 3)),
            ("independence", "day", _, _) if self.capitalized(i) => Some((Holiday::Independence, 2)),
            _ => None,
        };
        if let Some((h, len)) = named.filter(|_| self.capitalized(i)) {
            return Some((i + len, Meaning::Holiday(h, Year::Implicit)));
        }
        if matches!(w, "more" | "less" | "fewer") && self.is(i + 1, "than") {
            return self.approximate(i + 2);
        }
        if matches!(w, "at" | "up") && matches!(self.low(i + 1), "least" | "most" | "to") {
            return self.approximate(i + 2);
        }
        if w.as_bytes().contains(&b'-') {
            return self.hyphenated(i);
        }
        if numbers::small_cardinal(w).is_some() {
            return self.span_of_units(i);
        }
        None
    }

    // ---- vague words, sets, seasons, holidays ----------------------------------------------------------------

    fn vague_word(&self, i: usize, v: Vague) -> Hit {
        let w = self.low(i);
        // "the then current price" lies in the past.
        if w == "current" && self.prev(i) == "then" {
            return Some((i + 1, Meaning::Vague(Vague::Past)));
        }
        if matches!(w, "current" | "recent") {
            // "the current quarter" is handled after "the"; "recent years" is a span of unknown length.
            if let Some(Word::Unit(unit, true)) = self.word(i + 1) {
                return Some((i + 2, Meaning::Duration { amount: None, unit }));
            }
        }
        // "future" and "recent" alone are adjectives ("future growth", "the recent sale").
        if w == "future" || w == "recent" {
            return None;
        }
        Some((i + 1, Meaning::Vague(v)))
    }

    /// "every Friday", "each month", "every two weeks", "each July", "every day".
    fn every(&self, i: usize) -> Hit {
        match self.word(i) {
            Some(Word::Unit(unit, false)) => Some((i + 1, Meaning::Set(duration_code(Some(1.0), unit)))),
            Some(Word::Weekday(d)) => {
                let (end, part) = match self.word(i + 1) {
                    Some(Word::DayPart(p)) => (i + 2, format!("T{}", p.code())),
                    _ => (i + 1, String::new()),
                };
                Some((end, Meaning::Set(format!("XXXX-WXX-{d}{part}"))))
            }
            Some(Word::Month(m)) => Some((i + 1, Meaning::Set(format!("XXXX-{m:02}")))),
            Some(Word::Season(s)) => Some((i + 1, Meaning::Set(format!("XXXX-{}", s.code())))),
            Some(Word::DayPart(p)) => Some((i + 1, Meaning::Set(format!("XXXX-XX-XXT{}", p.code())))),
            _ => {
                let (n, j) = self.number(i)?;
                let Some(Word::Unit(unit, _)) = self.word(j) else { return None };
                Some((j + 1, Meaning::Set(duration_code(Some(n), unit))))
            }
        }
    }

    /// "daily", "weekly", "quarterly".
    fn frequency(&self, i: usize, unit: Unit) -> Hit {
        if self.is(i, "annual") {
            return None;
        }
        if unit == Unit::Quarter {
            return Some((i + 1, Meaning::Duration { amount: Some(3.0), unit: Unit::Month }));
        }
        if self.is(i, "nightly") {
            return Some((i + 1, Meaning::Set("XXXX-XX-XXTNI".into())));
        }
        Some((i + 1, Meaning::Set(duration_code(Some(1.0), unit))))
    }

    /// "fiscal 1989", "fiscal second-quarter".
    fn fiscal(&self, i: usize) -> Hit {
        if let Some(y) = self.year_digits(i) {
            return Some((i + 1, Meaning::Calendar { year: Year::Absolute(y), month: None, day: None }));
        }
        // "fiscal '90".
        if let Some((y, end)) = self.year_after(i).filter(|(y, _)| matches!(y, Year::Absolute(_))) {
            return Some((end, Meaning::Calendar { year: y, month: None, day: None }));
        }
        self.quarter(i)
    }

    /// "summer", "the summer of 1998", "last fall".
    fn season(&self, i: usize, season: Season, shift: i8) -> Hit {
        if shift == 0 && self.in_name(i) {
            return None;
        }
        // "fall" is mostly a verb or a noun of falling: only with a determiner or relative word before it.
        if self.is(i, "fall") && shift == 0 {
            let prev = if i > 0 { self.t.low.get(i - 1).copied().unwrap_or("") } else { "" };
            if !matches!(prev, "the" | "this" | "last" | "next" | "early" | "late") {
                return None;
            }
            if self.is(i + 1, "of") && self.year_digits(i + 2).is_none() {
                return None;
            }
        }
        let (year, end) = self.year_after(i + 1).unwrap_or((Year::Implicit, i + 1));
        Some((end, Meaning::Season { season, year, shift }))
    }

    /// "Christmas", "Thanksgiving Day", "Christmas Eve".
    fn holiday(&self, i: usize, h: Holiday) -> Hit {
        if !self.capitalized(i) {
            return None;
        }
        let (h, mut end) = match (h, self.low(i + 1)) {
            (Holiday::Christmas, "eve") => (Holiday::ChristmasEve, i + 2),
            (Holiday::Christmas | Holiday::Thanksgiving | Holiday::Easter, "day") => (h, i + 2),
            (Holiday::Easter, "sunday") => (h, i + 2),
            _ => (h, i + 1),
        };
        let year = match self.year_after(end) {
            Some((y, e)) => {
                end = e;
                y
            }
            None => Year::Implicit,
        };
        Some((end, Meaning::Holiday(h, year)))
    }

    /// "years", "weeks", "decades" alone, after a preposition that makes them a span ("for years").
    fn bare_plural(&self, i: usize, unit: Unit) -> Hit {
        let prev = if i > 0 { self.t.low.get(i - 1).copied().unwrap_or("") } else { "" };
        if matches!(prev, "for" | "within" | "in" | "over" | "after" | "the" | "took" | "take" | "takes" | "lasted")
            && unit >= Unit::Day
        {
            return Some(self.amount_tail(i + 1, None, unit));
        }
        if self.is(i + 1, "ago") {
            return Some((i + 2, Meaning::Ago { unit, amount: None, direction: -1 }));
        }
        None
    }
}

/// The TIMEX3 duration value of an amount of a unit (`P3M`, `PT5H`, `P2Y6M`, `PXY`).
pub fn duration_code(amount: Option<f64>, unit: Unit) -> String {
    let Some(n) = amount else { return unit.vague_code().to_string() };
    let (letter, mult, time) = unit.duration_code();
    let t = if time { "T" } else { "" };
    let total = n * f64::from(mult);
    if !total.is_finite() || !(0.0..=1e9).contains(&total) {
        return unit.vague_code().to_string();
    }
    if total.fract() == 0.0 {
        return format!("P{t}{}{letter}", total as u64);
    }
    // Fractions move to the next smaller unit: 2.5 years → P2Y6M, 1.5 hours → PT1H30M.
    let whole = total.trunc() as u64;
    let (small, small_letter, small_time) = match (letter, time) {
        ("Y", false) => (12.0, "M", false),
        ("M", false) => (30.0, "D", false),
        ("W", false) => (7.0, "D", false),
        ("D", false) => (24.0, "H", true),
        ("H", true) => (60.0, "M", true),
        ("M", true) => (60.0, "S", true),
        _ => return format!("P{t}{total}{letter}"),
    };
    let part = (total.fract() * small).round() as u64;
    let head = if whole > 0 { format!("{whole}{letter}") } else { String::new() };
    if small_time && !time {
        format!("P{head}T{part}{small_letter}")
    } else {
        format!("P{t}{head}{part}{small_letter}")
    }
}
