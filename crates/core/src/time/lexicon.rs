//! The words temporal expressions are made of, looked up once per token.

use std::sync::OnceLock;

use crate::fasthash::{FastMap, WordTable};

/// A calendar unit, from seconds to millennia.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Unit {
    /// Seconds.
    Second,
    /// Minutes.
    Minute,
    /// Hours.
    Hour,
    /// Days.
    Day,
    /// Weekends (a two-day period).
    Weekend,
    /// Weeks.
    Week,
    /// Fortnights (two weeks).
    Fortnight,
    /// Months.
    Month,
    /// Quarters of a year.
    Quarter,
    /// Years.
    Year,
    /// Decades.
    Decade,
    /// Centuries.
    Century,
    /// Millennia.
    Millennium,
}

impl Unit {
    /// The TIMEX3 duration letter and the multiplier into it ("decade" is ten years: `P10Y`).
    pub fn duration_code(self) -> (&'static str, u32, bool) {
        // (letter, multiplier, is a time unit written after "T")
        match self {
            Unit::Second => ("S", 1, true),
            Unit::Minute => ("M", 1, true),
            Unit::Hour => ("H", 1, true),
            Unit::Day => ("D", 1, false),
            Unit::Weekend => ("WE", 1, false),
            Unit::Week => ("W", 1, false),
            Unit::Fortnight => ("W", 2, false),
            Unit::Month => ("M", 1, false),
            Unit::Quarter => ("Q", 1, false),
            Unit::Year => ("Y", 1, false),
            Unit::Decade => ("Y", 10, false),
            Unit::Century => ("Y", 100, false),
            Unit::Millennium => ("Y", 1000, false),
        }
    }

    /// The TIMEX3 letter of an unknown amount of this unit (`PXY` for "years", `PTXH` for "hours").
    pub fn vague_code(self) -> &'static str {
        match self {
            Unit::Second => "PTXS",
            Unit::Minute => "PTXM",
            Unit::Hour => "PTXH",
            Unit::Day => "PXD",
            Unit::Weekend => "PXWE",
            Unit::Week | Unit::Fortnight => "PXW",
            Unit::Month => "PXM",
            Unit::Quarter => "PXQ",
            Unit::Year => "PXY",
            Unit::Decade => "PXE",
            Unit::Century => "PXC",
            Unit::Millennium => "PXL",
        }
    }
}

/// A part of the day, as TIMEX3 codes it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DayPart {
    /// Morning (`MO`).
    Morning,
    /// Afternoon (`AF`).
    Afternoon,
    /// Evening (`EV`).
    Evening,
    /// Night (`NI`).
    Night,
}

impl DayPart {
    /// The TIMEX3 code.
    pub fn code(self) -> &'static str {
        match self {
            DayPart::Morning => "MO",
            DayPart::Afternoon => "AF",
            DayPart::Evening => "EV",
            DayPart::Night => "NI",
        }
    }
}

/// A season of the (northern) year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Season {
    /// Spring (`SP`).
    Spring,
    /// Summer (`SU`).
    Summer,
    /// Fall (`FA`).
    Fall,
    /// Winter (`WI`).
    Winter,
}

impl Season {
    /// The TIMEX3 code.
    pub fn code(self) -> &'static str {
        match self {
            Season::Spring => "SP",
            Season::Summer => "SU",
            Season::Fall => "FA",
            Season::Winter => "WI",
        }
    }

    /// The month the season starts in (winter starts in December of the year before).
    pub fn first_month(self) -> i8 {
        match self {
            Season::Spring => 3,
            Season::Summer => 6,
            Season::Fall => 9,
            Season::Winter => 12,
        }
    }

    /// The season a month falls in.
    pub fn of_month(month: i8) -> Season {
        match month {
            3..=5 => Season::Spring,
            6..=8 => Season::Summer,
            9..=11 => Season::Fall,
            _ => Season::Winter,
        }
    }
}

/// Which way a relative word points ("last" → `-1`, "this" → `0`, "next" → `1`).
pub type Shift = i8;

/// A reference to a vague time (TIMEX3 `PAST_REF`, `PRESENT_REF`, `FUTURE_REF`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Vague {
    /// `PAST_REF`.
    Past,
    /// `PRESENT_REF`.
    Present,
    /// `FUTURE_REF`.
    Future,
}

impl Vague {
    /// The TIMEX3 value.
    pub fn code(self) -> &'static str {
        match self {
            Vague::Past => "PAST_REF",
            Vague::Present => "PRESENT_REF",
            Vague::Future => "FUTURE_REF",
        }
    }
}

/// What a word can contribute to a temporal expression.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Word {
    /// A month name or abbreviation (1–12).
    Month(i8),
    /// A weekday name (1 = Monday … 7 = Sunday).
    Weekday(i8),
    /// A weekday in the plural, a recurrence ("on Mondays").
    Weekdays(i8),
    /// A calendar unit; `true` when plural ("years").
    Unit(Unit, bool),
    /// A season.
    Season(Season),
    /// A part of the day ("morning").
    DayPart(DayPart),
    /// "today" (0), "yesterday" (-1), "tomorrow" (1).
    DayDeictic(i8),
    /// "tonight".
    Tonight,
    /// "noon", "midday" (12), "midnight" (24).
    Clock(u8),
    /// A word that is a vague reference by itself ("now", "recently", "soon").
    VagueRef(Vague),
    /// "last" / "past" / "previous" (-1), "this" / "current" (0), "next" / "coming" / "following" (1).
    Relative(Shift),
    /// "ago" (-1) and "hence" (1): after an amount.
    Ago(Shift),
    /// "earlier" (-1), "later" (1): after an amount ("a year earlier") or before "this"/"that".
    Comparative(Shift),
    /// "early", "late", "mid", "middle", "end", "beginning", "start": a part of a period.
    Position,
    /// "about", "nearly", "almost", "some", "roughly": an approximate amount.
    Approx,
    /// "every", "each": a recurrence.
    Every,
    /// "daily" (Day), "weekly" (Week) … : a recurrence by itself.
    Frequency(Unit),
    /// "few", "several", "many", "couple": an unknown amount.
    Vague,
    /// "fiscal".
    Fiscal,
    /// A time zone ("EDT", "GMT").
    Zone,
    /// "a.m." (false) / "p.m." (true).
    Meridiem(bool),
    /// "the".
    The,
    /// "a", "an", "one".
    A,
    /// "that" (a time mentioned before: "that day").
    That,
    /// A named day of the year ("Christmas", "Thanksgiving").
    Holiday(Holiday),
    /// A word some rule starts from that has no role of its own here (number words, ordinals, "these").
    Lead,
}

/// Named days whose date a rule gives.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Holiday {
    /// January 1.
    NewYear,
    /// February 14.
    Valentine,
    /// July 4 (US).
    Independence,
    /// October 31.
    Halloween,
    /// The fourth Thursday of November (US).
    Thanksgiving,
    /// December 24.
    ChristmasEve,
    /// December 25.
    Christmas,
    /// December 31.
    NewYearsEve,
    /// Easter Sunday (Gregorian computus).
    Easter,
}

fn table() -> &'static WordTable<Word> {
    static TABLE: OnceLock<WordTable<Word>> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut t: FastMap<&'static str, Word> = FastMap::default();
        let months: [&[&str]; 12] = [
            &["january", "jan", "jan."],
            &["february", "feb", "feb."],
            &["march", "mar."],
            &["april", "apr", "apr."],
            &["may"],
            &["june", "jun", "jun."],
            &["july", "jul", "jul."],
            &["august", "aug", "aug."],
            &["september", "sept", "sept.", "sep", "sep."],
            &["october", "oct", "oct."],
            &["november", "nov", "nov."],
            &["december", "dec", "dec."],
        ];
        for (m, names) in months.iter().enumerate() {
            for name in *names {
                t.insert(name, Word::Month(m as i8 + 1));
            }
        }
        let days: [&[&str]; 7] = [
            &["monday", "mon."],
            &["tuesday", "tue.", "tues."],
            &["wednesday", "wed."],
            &["thursday", "thu.", "thur.", "thurs."],
            &["friday", "fri."],
            &["saturday", "sat."],
            &["sunday", "sun."],
        ];
        for (d, names) in days.iter().enumerate() {
            for name in *names {
                t.insert(name, Word::Weekday(d as i8 + 1));
            }
        }
        for (d, name) in
            ["mondays", "tuesdays", "wednesdays", "thursdays", "fridays", "saturdays", "sundays"].iter().enumerate()
        {
            t.insert(name, Word::Weekdays(d as i8 + 1));
        }
        for (s, p, u) in [
            ("second", "seconds", Unit::Second),
            ("minute", "minutes", Unit::Minute),
            ("hour", "hours", Unit::Hour),
            ("day", "days", Unit::Day),
            ("weekend", "weekends", Unit::Weekend),
            ("week", "weeks", Unit::Week),
            ("fortnight", "fortnights", Unit::Fortnight),
            ("month", "months", Unit::Month),
            ("quarter", "quarters", Unit::Quarter),
            ("year", "years", Unit::Year),
            ("decade", "decades", Unit::Decade),
            ("century", "centuries", Unit::Century),
            ("millennium", "millennia", Unit::Millennium),
        ] {
            t.insert(s, Word::Unit(u, false));
            t.insert(p, Word::Unit(u, true));
        }
        t.insert("hrs", Word::Unit(Unit::Hour, true));
        t.insert("mins", Word::Unit(Unit::Minute, true));
        t.insert("yrs", Word::Unit(Unit::Year, true));
        t.insert("millenniums", Word::Unit(Unit::Millennium, true));
        for (w, s) in [
            ("spring", Season::Spring),
            ("summer", Season::Summer),
            ("fall", Season::Fall),
            ("autumn", Season::Fall),
            ("winter", Season::Winter),
        ] {
            t.insert(w, Word::Season(s));
        }
        for (w, p) in [
            ("morning", DayPart::Morning),
            ("afternoon", DayPart::Afternoon),
            ("mid-afternoon", DayPart::Afternoon),
            ("evening", DayPart::Evening),
            ("night", DayPart::Night),
            ("overnight", DayPart::Night),
        ] {
            t.insert(w, Word::DayPart(p));
        }
        t.insert("today", Word::DayDeictic(0));
        t.insert("yesterday", Word::DayDeictic(-1));
        t.insert("tomorrow", Word::DayDeictic(1));
        t.insert("tonight", Word::Tonight);
        t.insert("noon", Word::Clock(12));
        t.insert("midday", Word::Clock(12));
        t.insert("midnight", Word::Clock(24));
        for (w, v) in [
            ("now", Vague::Present),
            ("currently", Vague::Present),
            ("current", Vague::Present),
            ("nowadays", Vague::Present),
            ("presently", Vague::Present),
            ("recently", Vague::Past),
            ("recent", Vague::Past),
            ("lately", Vague::Past),
            ("future", Vague::Future),
        ] {
            t.insert(w, Word::VagueRef(v));
        }
        for (w, s) in [
            ("last", -1),
            ("past", -1),
            ("previous", -1),
            ("preceding", -1),
            ("prior", -1),
            ("this", 0),
            ("next", 1),
            ("coming", 1),
            ("following", 1),
            ("upcoming", 1),
        ] {
            t.insert(w, Word::Relative(s));
        }
        t.insert("ago", Word::Ago(-1));
        t.insert("hence", Word::Ago(1));
        t.insert("earlier", Word::Comparative(-1));
        t.insert("before", Word::Comparative(-1));
        t.insert("later", Word::Comparative(1));
        t.insert("after", Word::Comparative(1));
        for w in ["early", "late", "mid", "middle", "end", "beginning", "start", "turn"] {
            t.insert(w, Word::Position);
        }
        for w in ["about", "around", "nearly", "almost", "some", "roughly", "approximately", "over"] {
            t.insert(w, Word::Approx);
        }
        t.insert("every", Word::Every);
        t.insert("each", Word::Every);
        for (w, u) in [
            ("hourly", Unit::Hour),
            ("daily", Unit::Day),
            ("nightly", Unit::Day),
            ("weekly", Unit::Week),
            ("biweekly", Unit::Fortnight),
            ("monthly", Unit::Month),
            ("yearly", Unit::Year),
            ("annual", Unit::Year),
        ] {
            t.insert(w, Word::Frequency(u));
        }
        for w in ["few", "several", "many", "couple", "numerous"] {
            t.insert(w, Word::Vague);
        }
        t.insert("fiscal", Word::Fiscal);
        for w in [
            "edt", "est", "cdt", "cst", "mdt", "mst", "pdt", "pst", "gmt", "utc", "bst", "cet", "cest", "ist", "jst",
            "et", "pt", "eet", "eest", "msk", "aest", "hkt", "sgt",
        ] {
            t.insert(w, Word::Zone);
        }
        for w in ["a.m.", "a.m", "am"] {
            t.insert(w, Word::Meridiem(false));
        }
        for w in ["p.m.", "p.m", "pm"] {
            t.insert(w, Word::Meridiem(true));
        }
        t.insert("the", Word::The);
        t.insert("a", Word::A);
        t.insert("an", Word::A);
        t.insert("that", Word::That);
        for (w, h) in [
            ("christmas", Holiday::Christmas),
            ("thanksgiving", Holiday::Thanksgiving),
            ("halloween", Holiday::Halloween),
            ("easter", Holiday::Easter),
        ] {
            t.insert(w, Word::Holiday(h));
        }
        // Words that lead an expression through rules of their own (number words, ordinals, decades ...).
        for w in [
            "one",
            "two",
            "three",
            "four",
            "five",
            "six",
            "seven",
            "eight",
            "nine",
            "ten",
            "eleven",
            "twelve",
            "thirteen",
            "fourteen",
            "fifteen",
            "sixteen",
            "seventeen",
            "eighteen",
            "nineteen",
            "twenty",
            "thirty",
            "forty",
            "fifty",
            "sixty",
            "seventy",
            "eighty",
            "ninety",
            "hundred",
            "first",
            "second",
            "third",
            "fourth",
            "fifth",
            "sixth",
            "seventh",
            "eighth",
            "ninth",
            "tenth",
            "eleventh",
            "twelfth",
            "thirteenth",
            "fourteenth",
            "fifteenth",
            "sixteenth",
            "seventeenth",
            "eighteenth",
            "nineteenth",
            "twentieth",
            "twenties",
            "thirties",
            "forties",
            "fifties",
            "sixties",
            "seventies",
            "eighties",
            "nineties",
            "these",
            "right",
            "new",
            "valentine",
            "independence",
            "more",
            "less",
            "fewer",
            "at",
            "up",
            "year",
            "sometime",
        ] {
            t.entry(w).or_insert(Word::Lead);
        }
        WordTable::new(t)
    })
}

/// What a lower-cased token can contribute to a temporal expression, if anything.
pub fn lookup(lower: &str) -> Option<Word> {
    if lower.len() > 13 || lower.is_empty() {
        return None;
    }
    table().get(lower)
}
