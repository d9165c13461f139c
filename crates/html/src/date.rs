//! Dates as pages write them: ISO 8601 and RFC 2822 in metadata, dates in URLs, and datelines in English,
//! German, French and numeric forms in the visible text.

use jiff::civil::Date;

/// A publication date: the calendar date, and the whole ISO 8601 value when the page gave a time too.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PageDate {
    pub date: Date,
    /// `YYYY-MM-DD`, or an ISO 8601 date-time (with its offset when the page gave one).
    pub value: String,
}

impl PageDate {
    fn day(date: Date) -> PageDate {
        PageDate { date, value: date.to_string() }
    }
}

/// Years outside this range are typos or placeholders, not publication dates of web pages.
fn plausible(date: Date) -> bool {
    (1995..=2100).contains(&date.year())
}

/// A machine-readable date value (metadata, `datetime` attributes): ISO 8601, RFC 2822, or a plain date
/// written out in words.
pub fn parse_value(value: &str) -> Option<PageDate> {
    let v = value.trim();
    if v.is_empty() {
        return None;
    }
    if let Ok(ts) = v.parse::<jiff::Timestamp>() {
        // The date as written (the publisher's local date), with the offset as written.
        let date = v.get(..10)?.parse::<Date>().ok()?;
        let value = ts.display_with_offset(written_offset(v).unwrap_or(jiff::tz::Offset::UTC)).to_string();
        return Some(PageDate { date, value }).filter(|d| plausible(d.date));
    }
    if let Ok(dt) = v.parse::<jiff::civil::DateTime>() {
        let value = if dt.time() == jiff::civil::Time::midnight() && v.len() <= 10 {
            dt.date().to_string()
        } else {
            dt.strftime("%Y-%m-%dT%H:%M:%S").to_string()
        };
        return Some(PageDate { date: dt.date(), value }).filter(|d| plausible(d.date));
    }
    if let Ok(z) = jiff::fmt::rfc2822::parse(v) {
        return Some(PageDate { date: z.date(), value: z.timestamp().display_with_offset(z.offset()).to_string() })
            .filter(|d| plausible(d.date));
    }
    find_in_text(v)
}

/// The UTC offset a timestamp is written with (`Z`, `+02:00`, `+0200`).
fn written_offset(v: &str) -> Option<jiff::tz::Offset> {
    let tail = v.get(16..)?;
    let sign_at = tail.rfind(['+', '-'])?;
    let digits: String = tail[sign_at + 1..].chars().filter(char::is_ascii_digit).collect();
    if digits.len() != 4 {
        return None;
    }
    let hours: i32 = digits[..2].parse().ok()?;
    let minutes: i32 = digits[2..].parse().ok()?;
    let sign = if tail.as_bytes()[sign_at] == b'-' { -1 } else { 1 };
    jiff::tz::Offset::from_seconds(sign * (hours * 3600 + minutes * 60)).ok()
}

/// A date in a URL path: `/2024/09/11/`, `/2024-09-11`, `/20240911/`.
pub fn from_url(url: &str) -> Option<PageDate> {
    let path = url.split_once("://").map_or(url, |(_, r)| r);
    let path = &path[path.find('/')?..];
    let b = path.as_bytes();
    for i in 0..b.len() {
        if b[i] != b'/' && i != 0 {
            continue;
        }
        let rest = &path[i + 1..];
        let digits = |s: &str, n: usize| s.len() >= n && s.as_bytes()[..n].iter().all(u8::is_ascii_digit);
        // YYYY/MM/DD or YYYY-MM-DD or YYYY_MM_DD
        if digits(rest, 4) && rest.len() >= 10 {
            let sep = rest.as_bytes()[4];
            if matches!(sep, b'/' | b'-' | b'_')
                && digits(&rest[5..], 2)
                && rest.as_bytes()[7] == sep
                && digits(&rest[8..], 2)
                && rest.as_bytes().get(10).is_none_or(|c| !c.is_ascii_digit())
                && let Some(d) = ymd(&rest[..4], &rest[5..7], &rest[8..10])
            {
                return Some(PageDate::day(d));
            }
        }
        // YYYYMMDD as a whole path segment or followed by a separator
        if digits(rest, 8)
            && rest.as_bytes().get(8).is_none_or(|c| !c.is_ascii_alphanumeric())
            && let Some(d) = ymd(&rest[..4], &rest[4..6], &rest[6..8])
        {
            return Some(PageDate::day(d));
        }
    }
    None
}

fn ymd(y: &str, m: &str, d: &str) -> Option<Date> {
    let date = Date::new(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?).ok()?;
    plausible(date).then_some(date)
}

/// Month names in the languages news pages in our inputs mostly use; index + 1 is the month.
const MONTHS: &[(&str, i8)] = &[
    ("january", 1),
    ("jan", 1),
    ("januar", 1),
    ("jänner", 1),
    ("janvier", 1),
    ("enero", 1),
    ("february", 2),
    ("feb", 2),
    ("februar", 2),
    ("février", 2),
    ("febrero", 2),
    ("march", 3),
    ("mar", 3),
    ("märz", 3),
    ("mars", 3),
    ("marzo", 3),
    ("april", 4),
    ("apr", 4),
    ("avril", 4),
    ("abril", 4),
    ("may", 5),
    ("mai", 5),
    ("mayo", 5),
    ("june", 6),
    ("jun", 6),
    ("juni", 6),
    ("juin", 6),
    ("junio", 6),
    ("july", 7),
    ("jul", 7),
    ("juli", 7),
    ("juillet", 7),
    ("julio", 7),
    ("august", 8),
    ("aug", 8),
    ("août", 8),
    ("agosto", 8),
    ("september", 9),
    ("sep", 9),
    ("sept", 9),
    ("septembre", 9),
    ("septiembre", 9),
    ("october", 10),
    ("oct", 10),
    ("oktober", 10),
    ("okt", 10),
    ("octobre", 10),
    ("octubre", 10),
    ("november", 11),
    ("nov", 11),
    ("novembre", 11),
    ("noviembre", 11),
    ("december", 12),
    ("dec", 12),
    ("dezember", 12),
    ("dez", 12),
    ("décembre", 12),
    ("diciembre", 12),
];

fn month(word: &str) -> Option<i8> {
    let w = word.trim_end_matches('.').to_lowercase();
    MONTHS.iter().find(|(name, _)| *name == w).map(|&(_, m)| m)
}

/// The first date written in a stretch of visible text: `2024-09-11`, `11.09.2024`, `11/09/2024` (day first
/// unless the first number cannot be a day... or the second cannot be a month), `11 September 2024`,
/// `11. September 2024`, `September 11, 2024`, `Sept. 11 2024`.
pub fn find_in_text(text: &str) -> Option<PageDate> {
    let words: Vec<&str> = text
        .split(|c: char| c.is_whitespace() || c == ',' || c == '|' || c == '(' || c == ')')
        .filter(|w| !w.is_empty())
        .collect();
    for (i, w) in words.iter().enumerate() {
        if let Some(d) = numeric(w) {
            return Some(PageDate::day(d));
        }
        let year_at = |j: usize| -> Option<i16> {
            let y = words.get(j)?.trim_end_matches(['.', ',', ':', ';']);
            (y.len() == 4).then(|| y.parse().ok()).flatten()
        };
        let day = |s: &str| -> Option<i8> {
            let s = s.trim_end_matches('.').trim_end_matches(|c: char| c.is_ascii_alphabetic());
            let d: i8 = s.parse().ok()?;
            (1..=31).contains(&d).then_some(d)
        };
        if let Some(m) = month(w) {
            // September 11, 2024
            if let (Some(d), Some(y)) = (words.get(i + 1).and_then(|s| day(s)), year_at(i + 2))
                && let Ok(date) = Date::new(y, m, d)
                && plausible(date)
            {
                return Some(PageDate::day(date));
            }
            // 11 September 2024 / 11. September 2024
            if i > 0
                && let (Some(d), Some(y)) = (day(words[i - 1]), year_at(i + 1))
                && let Ok(date) = Date::new(y, m, d)
                && plausible(date)
            {
                return Some(PageDate::day(date));
            }
        }
    }
    None
}

/// `2024-09-11`, `2024/09/11`, `11.09.2024`, `11/09/2024`, `09/11/2024` (month first only when the first
/// number cannot be a month... taken day first otherwise, as most of the world writes it).
fn numeric(word: &str) -> Option<Date> {
    let w = word.trim_end_matches(['.', ',', ':', ';']);
    let parts: Vec<&str> = w.split(['-', '.', '/']).collect();
    if parts.len() != 3 || parts.iter().any(|p| p.is_empty() || !p.bytes().all(|b| b.is_ascii_digit())) {
        return None;
    }
    let n = |s: &str| s.parse::<i16>().ok();
    let (a, b, c) = (n(parts[0])?, n(parts[1])?, n(parts[2])?);
    let date = if parts[0].len() == 4 {
        Date::new(a, i8::try_from(b).ok()?, i8::try_from(c).ok()?).ok()?
    } else if parts[2].len() == 4 {
        let (a, b) = (i8::try_from(a).ok()?, i8::try_from(b).ok()?);
        // Day first, unless that cannot be (a US date such as 09/25/2024).
        Date::new(c, b, a).or_else(|_| Date::new(c, a, b)).ok()?
    } else {
        return None;
    };
    plausible(date).then_some(date)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(s: &str) -> Option<String> {
        parse_value(s).map(|d| d.value)
    }

    #[test]
    fn metadata_values() {
        assert_eq!(v("2024-09-11"), Some("2024-09-11".into()));
        assert_eq!(v("2024-09-11T08:30:00+02:00"), Some("2024-09-11T08:30:00+02:00".into()));
        assert_eq!(v("2024-09-11T08:30:00Z"), Some("2024-09-11T08:30:00+00:00".into()));
        assert_eq!(v("2024-09-11T08:30:00+0200"), Some("2024-09-11T08:30:00+02:00".into()));
        assert_eq!(v("2024-09-11 08:30"), Some("2024-09-11T08:30:00".into()));
        assert_eq!(v("Wed, 11 Sep 2024 08:30:00 +0000"), Some("2024-09-11T08:30:00+00:00".into()));
        assert_eq!(v("September 11, 2024"), Some("2024-09-11".into()));
        assert_eq!(v("0001-01-01"), None);
        assert_eq!(v("soon"), None);
    }

    #[test]
    fn urls() {
        let d = |u: &str| from_url(u).map(|d| d.value);
        assert_eq!(d("https://x.com/news/2012/05/31/story/"), Some("2012-05-31".into()));
        assert_eq!(d("https://x.com/2012-05-31-story"), Some("2012-05-31".into()));
        assert_eq!(d("https://x.com/a/20120531/story.html"), Some("2012-05-31".into()));
        assert_eq!(d("https://x.com/a/12345678901/story"), None);
        assert_eq!(d("https://x.com/2012/13/31/"), None);
    }

    #[test]
    fn datelines() {
        let d = |t: &str| find_in_text(t).map(|d| d.value);
        assert_eq!(d("Veröffentlicht am 31. Mai 2012 von X"), Some("2012-05-31".into()));
        assert_eq!(d("Posted on May 31, 2012 by X"), Some("2012-05-31".into()));
        assert_eq!(d("Stand: 31.05.2012, 10:00 Uhr"), Some("2012-05-31".into()));
        assert_eq!(d("le 3 juin 2021"), Some("2021-06-03".into()));
        assert_eq!(d("09/25/2024"), Some("2024-09-25".into()));
        assert_eq!(d("in May 2012 we"), None);
    }
}
