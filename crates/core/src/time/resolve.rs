//! Resolution: a meaning, the publication date and the tense of the sentence give a TIMEX3 value.
//!
//! Without a publication date, relative expressions stay underspecified (`XXXX-07`, `XXXX-WXX-5`) and are marked
//! unanchored; nothing here invents a year. Date arithmetic is checked: a date that cannot exist (February 30)
//! or leaves jiff's range yields an underspecified value, never a panic.

use jiff::Span;
use jiff::civil::{Date, Weekday};

use super::grammar::duration_code;
use super::lexicon::{Holiday, Season, Unit};
use super::meaning::{Meaning, Year};
use crate::model::TimeKind;

/// Which way the sentence around an expression points in time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tense {
    /// Reported as done ("said", "was", "-ed").
    Past,
    /// Now ("is", "says").
    Present,
    /// Ahead ("will", "is expected to").
    Future,
    /// No cue either way.
    Unknown,
}

/// What resolution needs beyond the expression itself.
#[derive(Debug, Clone, Copy)]
pub struct Context {
    /// The publication date.
    pub anchor: Option<Date>,
    /// The tense of the sentence.
    pub tense: Tense,
    /// The quarter the document last named (year, quarter), for "the quarter" and "a year earlier".
    pub quarter: Option<(i32, i8)>,
    /// True when the document reports on quarters (earnings news): "a year earlier" then means the quarter.
    pub quarterly: bool,
    /// The day the document last named, for clock times without a day ("at 10 p.m.").
    pub last_day: Option<Date>,
    /// The date the story last named explicitly, as far as it was given (year, month, day), for "that year".
    pub reference: Option<(i32, Option<i8>, Option<i8>)>,
}

/// A resolved value: its TIMEX3 type and value, and whether the publication date was used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Value {
    /// TIMEX3 type.
    pub kind: TimeKind,
    /// TIMEX3 value.
    pub value: String,
    /// True when resolved against the publication date.
    pub anchored: bool,
}

impl Value {
    fn date(value: String, anchored: bool) -> Value {
        Value { kind: TimeKind::Date, value, anchored }
    }
}

/// Resolves a meaning in its context.
pub fn resolve(meaning: &Meaning, ctx: &Context) -> Value {
    match meaning {
        Meaning::Calendar { year, month, day } => calendar(*year, *month, *day, ctx),
        Meaning::Month { month, shift } => match ctx.anchor {
            Some(a) => {
                let y = i32::from(a.year());
                let am = a.month();
                let year = match shift {
                    -1 => {
                        if *month < am {
                            y
                        } else {
                            y - 1
                        }
                    }
                    1 => {
                        if *month > am {
                            y
                        } else {
                            y + 1
                        }
                    }
                    _ => implicit_year(a, *month, None, ctx.tense),
                };
                Value::date(format!("{}-{month:02}", year4(year)), true)
            }
            None => Value::date(format!("XXXX-{month:02}"), false),
        },
        Meaning::Weekday { weekday, shift } => match ctx.anchor.and_then(|a| weekday_date(a, *weekday, *shift, ctx)) {
            Some(d) => Value::date(ymd(d), true),
            None => Value::date(format!("XXXX-WXX-{weekday}"), false),
        },
        Meaning::WeekdayDate { weekday, month, day } => {
            let fallback = calendar(Year::Implicit, Some(*month), Some(*day), ctx);
            let Some(a) = ctx.anchor else { return fallback };
            let y = i32::from(a.year());
            let agreeing = [y, y - 1, y + 1].into_iter().find_map(|yy| {
                let date = Date::new(i16::try_from(yy).ok()?, *month, *day).ok()?;
                (date.weekday().to_monday_one_offset() == *weekday).then_some(date)
            });
            match agreeing {
                Some(date) => Value::date(ymd(date), true),
                None => fallback,
            }
        }
        Meaning::Holiday(h, year) => holiday(*h, *year, ctx),
        Meaning::Offset { unit, offset } => offset_value(*unit, *offset, ctx),
        Meaning::Narrative { unit, offset } => narrative(*unit, *offset, ctx),
        Meaning::Ago { unit, amount, direction } => ago(*unit, *amount, *direction, ctx),
        Meaning::Quarter { year, quarter } => {
            let q = *quarter;
            let resolved = match (year, ctx.anchor) {
                (Year::Absolute(y), _) => Some(*y),
                (Year::Relative(r), Some(a)) => Some(i32::from(a.year()) + r),
                (Year::Implicit, Some(a)) => {
                    let aq = quarter_of(a.month());
                    let y = i32::from(a.year());
                    Some(match ctx.tense {
                        Tense::Past if q > aq => y - 1,
                        _ => y,
                    })
                }
                _ => None,
            };
            let anchored = !matches!(year, Year::Absolute(_)) && ctx.anchor.is_some();
            match resolved {
                Some(y) => Value::date(format!("{}-Q{q}", year4(y)), anchored),
                None => Value::date(format!("XXXX-Q{q}"), false),
            }
        }
        Meaning::Half { year, half } => match absolute_year(*year, ctx) {
            Some((y, anchored)) => Value::date(format!("{}-H{half}", year4(y)), anchored),
            None => Value::date(format!("XXXX-H{half}"), false),
        },
        Meaning::ReportQuarter { years_back } => {
            let base = ctx.quarter.or_else(|| ctx.anchor.map(last_quarter));
            match base {
                Some((y, q)) => Value::date(format!("{}-Q{q}", year4(y - years_back)), ctx.anchor.is_some()),
                None => Value::date("XXXX-QX".into(), false),
            }
        }
        Meaning::QuarterOf { year, month, day } => {
            let date = calendar(*year, Some(*month), Some(*day), ctx);
            match date.value.split_once('-') {
                Some((y, _)) => Value::date(format!("{y}-Q{}", quarter_of(*month)), date.anchored),
                None => Value::date(format!("XXXX-Q{}", quarter_of(*month)), false),
            }
        }
        Meaning::ReportQuarterOf(y) => match (ctx.quarterly, ctx.quarter) {
            (true, Some((_, q))) => Value::date(format!("{}-Q{q}", year4(*y)), false),
            _ => Value::date(year4(*y), false),
        },
        Meaning::Season { season, year, shift } => season_value(*season, *year, *shift, ctx),
        Meaning::Decade(d) => Value::date(format!("{d}"), false),
        Meaning::Century(c) => Value::date(format!("{c:02}"), false),
        Meaning::Clock { day, hour, minute } => {
            let day_value = match day {
                Some(d) => resolve(d, ctx),
                None => match ctx.last_day.or(ctx.anchor) {
                    Some(a) => Value::date(ymd(a), true),
                    None => Value::date("XXXX-XX-XX".into(), false),
                },
            };
            let day_part = if day_value.value.len() == 10 { day_value.value } else { "XXXX-XX-XX".to_string() };
            Value {
                kind: TimeKind::Time,
                value: format!("{day_part}T{hour:02}:{minute:02}"),
                anchored: day_value.anchored,
            }
        }
        Meaning::PartOfDay { day, part } => {
            let day_value = resolve(day, ctx);
            let day_part = if day_value.value.len() == 10 { day_value.value } else { "XXXX-XX-XX".to_string() };
            Value { kind: TimeKind::Time, value: format!("{day_part}T{}", part.code()), anchored: day_value.anchored }
        }
        Meaning::Duration { amount, unit } => {
            Value { kind: TimeKind::Duration, value: duration_code(*amount, *unit), anchored: false }
        }
        Meaning::Vague(v) => Value::date(v.code().to_string(), false),
        Meaning::Set(v) => Value { kind: TimeKind::Set, value: v.clone(), anchored: false },
    }
}

/// A year as four digits (TIMEX3 has no room for others; out-of-range years are underspecified).
fn year4(y: i32) -> String {
    if (0..=9999).contains(&y) { format!("{y:04}") } else { "XXXX".to_string() }
}

fn ymd(d: Date) -> String {
    format!("{}-{:02}-{:02}", year4(i32::from(d.year())), d.month(), d.day())
}

/// The last quarter that ended before `date`.
pub fn last_quarter(date: Date) -> (i32, i8) {
    let q = quarter_of(date.month());
    if q == 1 { (i32::from(date.year()) - 1, 4) } else { (i32::from(date.year()), q - 1) }
}

fn quarter_of(month: i8) -> i8 {
    (month - 1) / 3 + 1
}

/// The year of a month (and day) written without one, from last, this and next year. In the past tense it is the
/// latest that is not more than six weeks after publication ("the offer expires Nov. 22" said on Nov. 2); in the
/// future tense the earliest not more than six weeks before it; otherwise the nearest.
fn implicit_year(anchor: Date, month: i8, day: Option<i8>, tense: Tense) -> i32 {
    let y = i32::from(anchor.year());
    // Days from publication, approximately, counting a month without a day at its middle.
    let here = i32::from(anchor.month()) * 31 + i32::from(anchor.day());
    let there = i32::from(month) * 31 + i32::from(day.unwrap_or(15));
    let d = there - here;
    let candidates = [(d - 372, y - 1), (d, y), (d + 372, y + 1)];
    let window = if day.is_some() { 45 } else { 60 };
    let chosen = match tense {
        Tense::Past => candidates.iter().rev().find(|c| c.0 <= window),
        Tense::Future => candidates.iter().find(|c| c.0 >= -window),
        Tense::Present | Tense::Unknown => candidates.iter().min_by_key(|c| c.0.abs()),
    };
    chosen.map_or(y, |c| c.1)
}

fn absolute_year(year: Year, ctx: &Context) -> Option<(i32, bool)> {
    match (year, ctx.anchor) {
        (Year::Absolute(y), _) => Some((y, false)),
        (Year::Relative(r), Some(a)) => Some((i32::from(a.year()) + r, true)),
        (Year::Implicit, Some(a)) => Some((i32::from(a.year()), true)),
        _ => None,
    }
}

fn calendar(year: Year, month: Option<i8>, day: Option<i8>, ctx: &Context) -> Value {
    let resolved = match (year, ctx.anchor) {
        (Year::Absolute(y), _) => Some((y, false)),
        (Year::Relative(r), Some(a)) => Some((i32::from(a.year()) + r, true)),
        (Year::Implicit, Some(a)) => month.map(|m| (implicit_year(a, m, day, ctx.tense), true)),
        _ => None,
    };
    let y = resolved.map_or_else(|| "XXXX".to_string(), |(y, _)| year4(y));
    let anchored = resolved.is_some_and(|(_, a)| a);
    match (month, day) {
        (Some(m), Some(d)) => {
            // A day that does not exist ("February 30") keeps its words but gets no invented value.
            let valid = match resolved {
                Some((yy, _)) => i16::try_from(yy).ok().and_then(|yy| Date::new(yy, m, d).ok()).is_some(),
                None => Date::new(2000, m, d).is_ok(),
            };
            if valid {
                Value::date(format!("{y}-{m:02}-{d:02}"), anchored)
            } else {
                Value::date(format!("{y}-{m:02}"), anchored)
            }
        }
        (Some(m), None) => Value::date(format!("{y}-{m:02}"), anchored),
        _ => Value::date(y, anchored),
    }
}

/// The date of a weekday near the anchor: on or before it in the past tense, on or after it in the future.
fn weekday_date(anchor: Date, weekday: i8, shift: i8, ctx: &Context) -> Option<Date> {
    let a = anchor.weekday().to_monday_one_offset();
    let back = i64::from((a - weekday).rem_euclid(7));
    let ahead = i64::from((weekday - a).rem_euclid(7));
    let days = match shift {
        -1 => -(if back == 0 { 7 } else { back }),
        1 => {
            if ahead == 0 {
                7
            } else {
                ahead
            }
        }
        _ => match ctx.tense {
            Tense::Future => ahead,
            Tense::Present | Tense::Unknown if ahead <= 1 => ahead,
            _ => -back,
        },
    };
    anchor.checked_add(Span::new().try_days(days).ok()?).ok()
}

fn add_days(d: Date, days: i64) -> Option<Date> {
    d.checked_add(Span::new().try_days(days).ok()?).ok()
}

fn add_months(d: Date, months: i64) -> Option<Date> {
    d.first_of_month().checked_add(Span::new().try_months(months).ok()?).ok()
}

fn iso_week(d: Date) -> String {
    let w = d.iso_week_date();
    format!("{}-W{:02}", year4(i32::from(w.year())), w.week())
}

/// "last week", "this year", "yesterday", "next month": the unit containing the anchor, moved.
fn offset_value(unit: Unit, offset: i32, ctx: &Context) -> Value {
    let Some(a) = ctx.anchor else {
        let v = match unit {
            Unit::Day => "XXXX-XX-XX",
            Unit::Week => "XXXX-WXX",
            Unit::Weekend => "XXXX-WXX-WE",
            Unit::Month => "XXXX-XX",
            Unit::Quarter => "XXXX-QX",
            Unit::Decade => "XXX",
            Unit::Century => "XX",
            _ => "XXXX",
        };
        return Value::date(v.to_string(), false);
    };
    let n = i64::from(offset);
    let y = i32::from(a.year());
    let value = match unit {
        Unit::Second | Unit::Minute | Unit::Hour | Unit::Day => add_days(a, n).map(ymd),
        Unit::Week | Unit::Fortnight => add_days(a, 7 * n).map(iso_week),
        Unit::Weekend => {
            // Told in the past on a weekday, "the weekend" is the one just gone (the end of last ISO week).
            let back = offset == 0 && ctx.tense == Tense::Past && a.weekday().to_monday_one_offset() <= 5;
            add_days(a, 7 * n - if back { 7 } else { 0 }).map(|d| format!("{}-WE", iso_week(d)))
        }
        Unit::Month => add_months(a, n).map(|d| format!("{}-{:02}", year4(i32::from(d.year())), d.month())),
        Unit::Quarter => {
            let index = y * 4 + i32::from(a.month() - 1) / 3 + offset;
            Some(format!("{}-Q{}", year4(index.div_euclid(4)), index.rem_euclid(4) + 1))
        }
        Unit::Year => Some(year4(y + offset)),
        Unit::Decade => Some(format!("{}", (y / 10) + offset)),
        Unit::Century => Some(format!("{:02}", (y / 100) + offset)),
        Unit::Millennium => Some(format!("{}", (y / 1000) + offset)),
    };
    match value {
        Some(v) => Value::date(v, true),
        None => Value::date("XXXX-XX-XX".into(), false),
    }
}

/// "that year", "the following day": the unit of the story's last named date, moved; the publication date's when
/// the story named none as precise.
fn narrative(unit: Unit, offset: i32, ctx: &Context) -> Value {
    let base = match (unit, ctx.reference) {
        (Unit::Year | Unit::Quarter, Some((y, m, _))) => {
            i16::try_from(y).ok().and_then(|yy| Date::new(yy, m.unwrap_or(1), 1).ok())
        }
        (Unit::Month, Some((y, Some(m), _))) => i16::try_from(y).ok().and_then(|yy| Date::new(yy, m, 1).ok()),
        (_, Some((y, Some(m), Some(d)))) => i16::try_from(y).ok().and_then(|yy| Date::new(yy, m, d).ok()),
        _ => None,
    };
    let ctx = Context { anchor: base.or(ctx.anchor), ..*ctx };
    let mut value = offset_value(unit, offset, &ctx);
    value.anchored = value.anchored && base.is_none();
    value
}

/// "two years ago" → the year two years before publication, at the granularity of the unit.
fn ago(unit: Unit, amount: Option<f64>, direction: i8, ctx: &Context) -> Value {
    let vague = if direction < 0 { "PAST_REF" } else { "FUTURE_REF" };
    let (Some(a), Some(n)) = (ctx.anchor, amount) else {
        return Value::date(vague.to_string(), false);
    };
    // "a year earlier" in a report on a quarter is that quarter a year before.
    if unit == Unit::Year
        && n == 1.0
        && direction < 0
        && let Some((y, q)) = ctx.quarter.or_else(|| ctx.quarterly.then(|| last_quarter(a)))
    {
        return Value::date(format!("{}-Q{q}", year4(y - 1)), true);
    }
    if n.fract() != 0.0 || !(0.0..=10_000.0).contains(&n) {
        return Value::date(vague.to_string(), false);
    }
    let n = n as i64 * i64::from(direction);
    let value = match unit {
        Unit::Second | Unit::Minute | Unit::Hour => Some(ymd(a)),
        Unit::Day => add_days(a, n).map(ymd),
        Unit::Week | Unit::Fortnight | Unit::Weekend => {
            let k = if unit == Unit::Fortnight { 14 } else { 7 };
            add_days(a, k * n).map(iso_week)
        }
        Unit::Month => add_months(a, n).map(|d| format!("{}-{:02}", year4(i32::from(d.year())), d.month())),
        Unit::Quarter => {
            add_months(a, 3 * n).map(|d| format!("{}-Q{}", year4(i32::from(d.year())), quarter_of(d.month())))
        }
        Unit::Year => Some(year4(i32::from(a.year()) + n as i32)),
        Unit::Decade => Some(year4(i32::from(a.year()) + 10 * n as i32)),
        Unit::Century => Some(year4(i32::from(a.year()) + 100 * n as i32)),
        Unit::Millennium => Some(year4(i32::from(a.year()) + 1000 * n as i32)),
    };
    match value {
        Some(v) if !v.starts_with('X') => Value::date(v, true),
        _ => Value::date(vague.to_string(), false),
    }
}

fn season_value(season: Season, year: Year, shift: i8, ctx: &Context) -> Value {
    let code = season.code();
    if let Year::Absolute(y) = year {
        return Value::date(format!("{}-{code}", year4(y)), false);
    }
    let Some(a) = ctx.anchor else { return Value::date(format!("XXXX-{code}"), false) };
    let y = i32::from(a.year());
    if let Year::Relative(r) = year {
        return Value::date(format!("{}-{code}", year4(y + r)), true);
    }
    // Seasons ordered within the year by their first month (winter counted at the year's start).
    let order = |s: Season| if s == Season::Winter { 0 } else { s.first_month() };
    let now = order(Season::of_month(a.month()));
    let there = order(season);
    let year = match (shift, ctx.tense) {
        (-1, _) => {
            if there < now {
                y
            } else {
                y - 1
            }
        }
        (1, _) => {
            if there > now {
                y
            } else {
                y + 1
            }
        }
        (_, Tense::Past) if there > now => y - 1,
        (_, Tense::Future) if there < now => y + 1,
        _ => y,
    };
    Value::date(format!("{}-{code}", year4(year)), true)
}

fn holiday(h: Holiday, year: Year, ctx: &Context) -> Value {
    let resolved = match (year, ctx.anchor) {
        (Year::Absolute(y), _) => Some((y, false)),
        (Year::Relative(r), Some(a)) => Some((i32::from(a.year()) + r, true)),
        (Year::Implicit, Some(a)) => {
            // The holiday's date this year decides which year's is meant.
            let this_year = holiday_date(h, a.year());
            let y = this_year.map_or(i32::from(a.year()), |d| implicit_year(a, d.month(), Some(d.day()), ctx.tense));
            Some((y, true))
        }
        _ => None,
    };
    let Some((y, anchored)) = resolved else {
        let (m, d) = match h {
            Holiday::NewYear => (1, 1),
            Holiday::Valentine => (2, 14),
            Holiday::Independence => (7, 4),
            Holiday::Halloween => (10, 31),
            Holiday::ChristmasEve => (12, 24),
            Holiday::Christmas => (12, 25),
            Holiday::NewYearsEve => (12, 31),
            Holiday::Thanksgiving => return Value::date("XXXX-11".into(), false),
            Holiday::Easter => return Value::date("XXXX-XX-XX".into(), false),
        };
        return Value::date(format!("XXXX-{m:02}-{d:02}"), false);
    };
    let date = i16::try_from(y).ok().and_then(|yy| holiday_date(h, yy));
    match date {
        Some(d) => Value::date(ymd(d), anchored),
        None => Value::date("XXXX-XX-XX".into(), false),
    }
}

/// The date of a holiday in a year.
fn holiday_date(h: Holiday, yy: i16) -> Option<Date> {
    match h {
        Holiday::NewYear => Date::new(yy, 1, 1).ok(),
        Holiday::Valentine => Date::new(yy, 2, 14).ok(),
        Holiday::Independence => Date::new(yy, 7, 4).ok(),
        Holiday::Halloween => Date::new(yy, 10, 31).ok(),
        Holiday::ChristmasEve => Date::new(yy, 12, 24).ok(),
        Holiday::Christmas => Date::new(yy, 12, 25).ok(),
        Holiday::NewYearsEve => Date::new(yy, 12, 31).ok(),
        Holiday::Thanksgiving => {
            Date::new(yy, 11, 1).ok().and_then(|d| d.nth_weekday_of_month(4, Weekday::Thursday).ok())
        }
        Holiday::Easter => easter(yy),
    }
}

/// Easter Sunday of a Gregorian year (the anonymous Gregorian computus).
fn easter(year: i16) -> Option<Date> {
    let y = i32::from(year);
    let a = y % 19;
    let b = y / 100;
    let c = y % 100;
    let d = b / 4;
    let e = b % 4;
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15).rem_euclid(30);
    let i = c / 4;
    let k = c % 4;
    let l = (32 + 2 * e + 2 * i - h - k).rem_euclid(7);
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    Date::new(year, i8::try_from(month).ok()?, i8::try_from(day).ok()?).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn easter_dates() {
        assert_eq!(easter(2024).map(ymd).as_deref(), Some("2024-03-31"));
        assert_eq!(easter(2000).map(ymd).as_deref(), Some("2000-04-23"));
    }

    #[test]
    fn span_helper_is_checked() {
        let d = jiff::civil::date(2024, 1, 31);
        assert_eq!(add_months(d, 1).map(|d| d.month()), Some(2));
        assert_eq!(add_days(d, i64::MAX), None);
    }
}
