//! What a recognized expression means before it is resolved against the publication date.

use super::lexicon::{DayPart, Holiday, Season, Shift, Unit, Vague};

/// A year as written: explicit, relative to the publication year, or left to the tense of the sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Year {
    /// Written out ("1998").
    Absolute(i32),
    /// Relative to the publication year ("last year" → -1).
    Relative(i32),
    /// Not written ("Sept. 30"): the publication year, moved by the tense of the sentence.
    Implicit,
}

/// The meaning of a temporal expression.
#[derive(Debug, Clone, PartialEq)]
pub enum Meaning {
    /// A calendar year, month or day ("1998", "July 1997", "Sept. 30").
    Calendar {
        /// The year.
        year: Year,
        /// The month, 1–12.
        month: Option<i8>,
        /// The day of the month, 1–31.
        day: Option<i8>,
    },
    /// A month without a day ("July", "last April").
    Month {
        /// The month, 1–12.
        month: i8,
        /// -1 last, 0 by tense, 1 next.
        shift: Shift,
    },
    /// A weekday ("Friday", "last Friday").
    Weekday {
        /// 1 = Monday … 7 = Sunday.
        weekday: i8,
        /// -1 last, 0 by tense, 1 next.
        shift: Shift,
    },
    /// A date with its weekday and no year ("Saturday, April 25"): the year where they agree, nearest to
    /// publication.
    WeekdayDate {
        /// 1 = Monday … 7 = Sunday.
        weekday: i8,
        /// The month, 1–12.
        month: i8,
        /// The day of the month.
        day: i8,
    },
    /// A named day of the year.
    Holiday(Holiday, Year),
    /// The unit containing the publication date, moved by `offset` ("last week", "this year", "yesterday").
    Offset {
        /// The unit.
        unit: Unit,
        /// How many units away.
        offset: i32,
    },
    /// The unit containing the date the story last named, moved by `offset` ("that day", "the following year").
    Narrative {
        /// The unit.
        unit: Unit,
        /// How many units away.
        offset: i32,
    },
    /// An amount of time before or after the publication date ("two years ago", "a week later").
    Ago {
        /// The unit.
        unit: Unit,
        /// How many; `None` when vague ("a few years ago").
        amount: Option<f64>,
        /// -1 before, 1 after.
        direction: i8,
    },
    /// A quarter of a year ("the third quarter", "1989-Q3").
    Quarter {
        /// The year.
        year: Year,
        /// 1–4.
        quarter: i8,
    },
    /// A half of a year.
    Half {
        /// The year.
        year: Year,
        /// 1 or 2.
        half: i8,
    },
    /// The quarter the document is reporting on ("the quarter", "the latest period"), `years_back` years
    /// earlier ("the year-ago quarter").
    ReportQuarter {
        /// Years before the reported quarter.
        years_back: i32,
    },
    /// The quarter a date falls in ("the quarter ended July 31").
    QuarterOf {
        /// The date's year.
        year: Year,
        /// The date's month.
        month: i8,
        /// The date's day.
        day: i8,
    },
    /// The reported period in a given year ("the 1988 period"): its quarter when the document reports on
    /// quarters, else the year.
    ReportQuarterOf(i32),
    /// A season ("last fall", "the summer of 1998").
    Season {
        /// The season.
        season: Season,
        /// The year, when written.
        year: Year,
        /// -1 last, 0 by tense, 1 next.
        shift: Shift,
    },
    /// A decade: the first three digits of its years ("the 1980s" → 198).
    Decade(i32),
    /// A century: its first two digits ("the 20th century" → 19).
    Century(i32),
    /// A clock time on a day ("10:35 a.m.", "noon Thursday").
    Clock {
        /// The day, when said; otherwise the publication date.
        day: Option<Box<Meaning>>,
        /// 0–24.
        hour: u8,
        /// 0–59.
        minute: u8,
    },
    /// A part of a day ("Friday morning", "last night").
    PartOfDay {
        /// The day.
        day: Box<Meaning>,
        /// The part.
        part: DayPart,
    },
    /// A length of time ("three months"); `None` amount when vague ("years").
    Duration {
        /// How many units.
        amount: Option<f64>,
        /// The unit.
        unit: Unit,
    },
    /// A vague reference ("now", "recently", "the future").
    Vague(Vague),
    /// A recurrence with its TIMEX3 value already known ("every Friday" → `XXXX-WXX-5`).
    Set(String),
}
