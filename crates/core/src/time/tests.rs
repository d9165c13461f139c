//! Unit tests of the time stage on hand-written sentences.

use super::*;
use crate::text::Text;

/// (text, value, kind, anchored) of every expression found.
fn times(text: &str, published: Option<&str>) -> Vec<(String, String, TimeKind, bool)> {
    let t = Text::new(text);
    let anchor = published.and_then(|p| p.parse::<Date>().ok());
    find(&t, anchor)
        .into_iter()
        .map(|x| (t.normalized()[x.start..x.end].to_string(), x.value, x.kind, x.anchored))
        .collect()
}

/// The one expression of `text`, as (text, value).
fn one(text: &str, published: &str) -> (String, String) {
    let all = times(text, Some(published));
    assert_eq!(all.len(), 1, "{text}: {all:?}");
    all.into_iter().next().map(|(t, v, _, _)| (t, v)).unwrap_or_default()
}

fn value(text: &str, published: &str) -> String {
    one(text, published).1
}

#[test]
fn absolute_dates() {
    assert_eq!(one("The attack came on September 11, 2024, officials said.", "2024-09-12").1, "2024-09-11");
    assert_eq!(value("It was signed in July 1997.", "2024-09-12"), "1997-07");
    assert_eq!(one("Prices fell in 2003.", "2024-09-12"), ("2003".into(), "2003".into()));
    assert_eq!(value("He left on Jan. 5.", "2024-09-12"), "2024-01-05");
    assert_eq!(value("The vote is set for 11 September 2025.", "2024-09-12"), "2025-09-11");
    assert_eq!(value("It was filed on 9/11/2001.", "2024-09-12"), "2001-09-11");
    assert_eq!(value("It was filed on 2024-09-11.", "2024-09-12"), "2024-09-11");
    assert_eq!(one("Inflation soared in the 1980s.", "2024-09-12"), ("the 1980s".into(), "198".into()));
    assert_eq!(value("He was born in the 20th century.", "2024-09-12"), "19");
}

#[test]
fn relative_dates_follow_the_tense() {
    // 2024-09-11 is a Wednesday.
    let p = "2024-09-11";
    assert_eq!(value("The minister resigned on Tuesday.", p), "2024-09-10");
    assert_eq!(value("The minister will resign on Friday.", p), "2024-09-13");
    assert_eq!(value("The talks are expected to resume on Monday.", p), "2024-09-16");
    assert_eq!(value("Protests began last week.", p), "2024-W36");
    assert_eq!(value("Elections will be held next year.", p), "2025");
    assert_eq!(value("Sales rose this month.", p), "2024-09");
    assert_eq!(value("The company was founded two years ago.", p), "2022");
    assert_eq!(one("Growth should pick up early next year.", p), ("early next year".into(), "2025".into()));
    assert_eq!(value("It happened yesterday.", p), "2024-09-10");
    // A month named without a year: the nearest, or the past one when told in the past.
    assert_eq!(value("The law passed in July.", p), "2024-07");
    assert_eq!(value("The summit will open in March.", p), "2025-03");
    assert_eq!(value("Troops arrived in December.", "2025-01-05"), "2024-12");
    assert_eq!(value("GDP grew in the first quarter.", p), "2024-Q1");
    assert_eq!(value("Revenue rose in Q2 2023.", p), "2023-Q2");
    assert_eq!(value("Margins fell in Q2.", p), "2024-Q2");
    assert_eq!(value("Sales rose in H1 2023.", p), "2023-H1");
    assert_eq!(value("The FY2025 budget was cut.", p), "2025");
    assert_eq!(value("It will be finished by the summer of 2026.", p), "2026-SU");
    assert_eq!(value("The ceasefire collapsed last fall.", p), "2023-FA");
    assert_eq!(value("Everything changed at Christmas.", p), "2023-12-25");
    assert_eq!(value("Prices are falling now.", p), "PRESENT_REF");
}

#[test]
fn without_a_publication_date_nothing_is_invented() {
    let all = times("Parliament met on Tuesday and again in July; last year it met once.", None);
    let values: Vec<&str> = all.iter().map(|t| t.1.as_str()).collect();
    assert_eq!(values, ["XXXX-WXX-2", "XXXX-07", "XXXX"]);
    assert!(all.iter().all(|t| !t.3), "{all:?}");
    // Absolute dates need no anchor and are not anchored.
    let all = times("It ended on March 3, 1999.", None);
    assert_eq!((all[0].1.as_str(), all[0].3), ("1999-03-03", false));
}

#[test]
fn times_durations_and_sets() {
    let p = "2024-09-11";
    let t = times("The blast struck at 8:30 a.m. local time.", Some(p));
    assert_eq!(
        (t[0].0.as_str(), t[0].1.as_str(), t[0].2),
        ("8:30 a.m. local time", "2024-09-11T08:30", TimeKind::Time)
    );
    assert_eq!(value("The siege lasted three months.", p), "P3M");
    assert_eq!(value("It took a decade.", p), "P10Y");
    assert_eq!(value("He served 2 1/2 years.", p), "P2Y6M");
    assert_eq!(value("The market meets every Friday.", p), "XXXX-WXX-5");
    assert_eq!(times("Rates are reviewed weekly.", Some(p))[0].1, "P1W");
    assert_eq!(times("Rates are reviewed weekly.", Some(p))[0].2, TimeKind::Set);
    assert_eq!(value("The curfew will start at 10 p.m. Friday.", p), "2024-09-13T22:00");
    assert_eq!(one("Polls close at 8 p.m. ET.", p), ("8 p.m. ET".into(), "2024-09-11T20:00".into()));
    assert_eq!(one("Trading halted at 14:30 GMT.", p), ("14:30 GMT".into(), "2024-09-11T14:30".into()));
}

#[test]
fn extents_follow_timebank() {
    let p = "2024-09-11";
    assert_eq!(one("Profit fell in the third quarter.", p).0, "the third quarter");
    assert_eq!(one("The third-quarter loss widened.", p).0, "third-quarter");
    assert_eq!(one("He arrived in July.", p).0, "July");
    assert_eq!(one("It ended about two years ago.", p).0, "about two years ago");
    // A paragraph's first word after a headline without a stop is no part of a name.
    let found = times("Champion in waiting\n\nLast April, she spoke to us.", Some(p));
    assert_eq!(found.first().map(|t| t.0.as_str()), Some("Last April"), "{found:?}");
}

#[test]
fn not_times() {
    let p = "2024-09-11";
    for text in [
        "A 10-year-old boy was hurt.",
        "The man, 52 years old, was arrested.",
        "Shares rose 3 7/8 to 40.",
        "She may go.",
        "Thousands march in the capital.",
        "Watch This Week with the host.",
        "Prices could fall further.",
        "They sold 1500 tickets.",
        "Three quarters of voters agreed.",
        "The hotline runs 24/7.",
        "The H1 visa and the Q score.",
        "More than a quarter of the market.",
    ] {
        assert_eq!(times(text, Some(p)), vec![], "{text}");
    }
}

#[test]
fn bad_input_gives_clear_results() {
    let p = "2024-09-11";
    // A day that does not exist keeps its month.
    assert_eq!(value("It was dated February 30, 2023.", p), "2023-02");
    // Years far outside 1000–2100 are not years.
    assert_eq!(times("In 9999 and 0042 nothing happened.", Some(p)), vec![]);
    // Digits of any length, and anchors at the ends of the calendar.
    let long = format!("{} days ago", "9".repeat(500));
    let _ = times(&long, Some(p));
    for anchor in ["-9999-01-01", "9999-12-31"] {
        let t = Text::new("Last week, next year, 3000 days ago and on Friday it rained for 10000000 years.");
        let _ = find(&t, anchor.parse::<Date>().ok());
    }
}

proptest::proptest! {
    #[test]
    fn never_panics(text in "\\PC{0,200}", days in -700_000i32..700_000) {
        let anchor = jiff::civil::date(2000, 1, 1).checked_add(jiff::Span::new().days(days)).ok();
        let t = Text::new(&text);
        for x in find(&t, anchor) {
            proptest::prop_assert!(x.start <= x.end && x.end <= t.normalized().len());
        }
    }

    #[test]
    fn never_panics_on_temporal_words(words in proptest::collection::vec(proptest::sample::select(vec![
        "last", "next", "the", "a", "Friday", "July", "30", "31", "February", "1999", "years", "ago", "3", "/",
        "9", "-", ":", "p.m.", "quarter", "third", "early", "of", ",", "week", "every", "nineteen", "ninety-nine",
        "'s", "that", "day", "following", "99999999999999999999", "0", "Christmas", "this", "century", "1980s",
    ]), 0..12), days in -800_000i32..800_000) {
        let text = words.join(" ");
        let anchor = jiff::civil::date(2000, 1, 1).checked_add(jiff::Span::new().days(days)).ok();
        let t = Text::new(&text);
        let _ = find(&t, anchor);
    }
}
