//! Quantities on sentences written for these tests after patterns common in news (none copied from a corpus).

use super::*;
use crate::model::CountEvent;
use crate::text::Text;

/// (text, kind, value, high, unit, approximate, event) of a quantity.
type Row = (String, QuantityKind, f64, Option<f64>, Option<String>, bool, Option<CountEvent>);

/// Every quantity in `text`, after the time stage.
fn quantities(text: &str) -> Vec<Row> {
    let t = Text::new(text);
    let times = crate::time::find(&t, "2024-09-11".parse().ok());
    find(&t, &times)
        .into_iter()
        .map(|a| (t.normalized()[a.start..a.end].to_string(), a.kind, a.value, a.high, a.unit, a.approximate, a.event))
        .collect()
}

/// The only quantity of `text`.
fn one(text: &str) -> Row {
    let all = quantities(text);
    assert_eq!(all.len(), 1, "{text}: {all:?}");
    all.into_iter().next().unwrap_or_else(|| unreachable!())
}

fn money(text: &str) -> (f64, String) {
    let q = one(text);
    assert_eq!(q.1, QuantityKind::Money, "{text}: {q:?}");
    (q.2, q.4.unwrap_or_default())
}

#[test]
fn money_with_currency_and_scale() {
    assert_eq!(money("The group posted revenue of $1.13bn last year."), (1_130_000_000.0, "USD".into()));
    assert_eq!(money("The club paid £600m for the stadium."), (600_000_000.0, "GBP".into()));
    assert_eq!(money("The state set aside Rs 5 crore for relief."), (50_000_000.0, "INR".into()));
    let q = quantities("Net profit rose to 5.93 mln dlrs from 4.1 mln.");
    assert_eq!((q[0].2, q[0].4.as_deref()), (5_930_000.0, Some("USD")));
    assert_eq!(money("The fund holds €2.5 billion in bonds."), (2_500_000_000.0, "EUR".into()));
    assert_eq!(money("It sold for 300 million yen."), (300_000_000.0, "JPY".into()));
    assert_eq!(money("Shares closed at 40 cents."), (0.4, "USD".into()));
    assert_eq!(money("The bank lent C$17.9 million."), (17_900_000.0, "CAD".into()));
    assert_eq!(money("Aid worth 20 million Canadian dollars arrived."), (20_000_000.0, "CAD".into()));
    assert_eq!(money("Profit was 12 mln stg."), (12_000_000.0, "GBP".into()));
    let q = one("The deal is worth between $10m and $15m.");
    assert_eq!((q.1, q.2, q.3), (QuantityKind::Money, 10_000_000.0, Some(15_000_000.0)));
}

#[test]
fn counts_with_the_thing_counted() {
    let q = one("Officials said 2,500 troops crossed the border.");
    assert_eq!((q.0.as_str(), q.1, q.2, q.4.as_deref()), ("2,500 troops", QuantityKind::Count, 2500.0, Some("troops")));
    let q = one("At least 12 people were killed in the blast.");
    assert_eq!(
        (q.0.as_str(), q.2, q.4.as_deref(), q.5, q.6),
        ("At least 12 people", 12.0, Some("people"), true, Some(CountEvent::Killed))
    );
    let q = one("Police detained dozens of protesters outside parliament.");
    assert_eq!((q.2, q.4.as_deref(), q.5, q.6), (12.0, Some("protesters"), true, Some(CountEvent::Arrested)));
    let q = one("Hundreds of families were displaced by the floods.");
    assert_eq!((q.2, q.5, q.6), (100.0, true, Some(CountEvent::Displaced)));
    let q = one("Gunmen abducted 30 students from a school.");
    assert_eq!(q.6, Some(CountEvent::Kidnapped));
    let q = one("The attack left 40 wounded.");
    assert_eq!((q.2, q.6), (40.0, Some(CountEvent::Wounded)));
    let q = one("About 5,000 demonstrators marched through the city.");
    assert_eq!((q.2, q.5, q.6), (5000.0, true, Some(CountEvent::Protesting)));
    let q = one("Two million people live there.");
    assert_eq!((q.2, q.4.as_deref()), (2_000_000.0, Some("people")));
    let q = one("They bought a dozen eggs.");
    assert_eq!((q.2, q.4.as_deref()), (12.0, Some("eggs")));
    let q = one("Three Palestinian civilians were shot.");
    // "shot" says nothing about death: the count has no event.
    assert_eq!((q.0.as_str(), q.2, q.6), ("Three Palestinian civilians", 3.0, None));
    let q = one("Between 10 and 15 houses burned.");
    assert_eq!((q.2, q.3), (10.0, Some(15.0)));
}

#[test]
fn percentages_ordinals_measures() {
    let q = one("Turnout reached 76% in the capital.");
    assert_eq!((q.1, q.2), (QuantityKind::Percent, 76.0));
    let q = one("Prices rose 8 per cent.");
    assert_eq!((q.0.as_str(), q.1, q.2), ("8 per cent", QuantityKind::Percent, 8.0));
    assert_eq!(one("Exports fell 5 pct.").1, QuantityKind::Percent);
    assert_eq!(one("The party came 3rd.").1, QuantityKind::Ordinal);
    let q = one("It was the twenty-first attempt.");
    assert_eq!((q.0.as_str(), q.1, q.2), ("twenty-first", QuantityKind::Ordinal, 21.0));
    let q = one("The convoy drove 40 km north.");
    assert_eq!((q.1, q.2, q.4.as_deref()), (QuantityKind::Measure, 40.0, Some("km")));
    let q = one("Output hit 300,000 bpd.");
    assert_eq!((q.1, q.4.as_deref()), (QuantityKind::Measure, Some("barrels/day")));
}

#[test]
fn fractions() {
    let q = one("Three quarters of voters agreed.");
    assert_eq!((q.0.as_str(), q.1, q.2), ("Three quarters", QuantityKind::Number, 0.75));
}

#[test]
fn one_point_five_m() {
    // Metres beside a dimension word; money with a currency; millions otherwise.
    let q = one("The wall is 1.5m tall.");
    assert_eq!((q.1, q.2, q.4.as_deref()), (QuantityKind::Measure, 1.5, Some("m")));
    assert_eq!(money("He was paid $1.5m."), (1_500_000.0, "USD".into()));
    let q = one("The film drew 1.5m viewers.");
    assert_eq!((q.1, q.2), (QuantityKind::Count, 1_500_000.0));
}

#[test]
fn not_quantities() {
    for text in [
        "COVID-19 spread fast.",
        "A Boeing 737 landed.",
        "Two F-16s flew over.",
        "Call 555-123-4567 for details.",
        "Call (020) 7946 0958 now.",
        "It was one of the worst storms.",
        "No one answered.",
        "He won the election in 2003.",
        "See Resolution 2334 for details.",
    ] {
        assert_eq!(quantities(text), vec![], "{text}");
    }
    // An age is a measure in years, not a count of "year-olds".
    let q = one("A 10-year-old boy was hurt.");
    assert_eq!(
        (q.0.as_str(), q.1, q.2, q.4.as_deref()),
        ("10-year-old", QuantityKind::Measure, 10.0, Some("years old"))
    );
}

#[test]
fn bad_input() {
    let digits = "9".repeat(500);
    let _ = quantities(&format!("They owe ${digits} and {digits} people."));
    let _ = quantities("It cost $99999999999999999 trillion.");
    for q in quantities("It cost $999999999999999999 trillion, 1e400 and 18446744073709551615 people.") {
        assert!(q.2.is_finite(), "{q:?}");
    }
}

proptest::proptest! {
    #[test]
    fn never_panics(text in "\\PC{0,200}") {
        let t = Text::new(&text);
        for a in find(&t, &[]) {
            proptest::prop_assert!(a.start <= a.end && a.value.is_finite());
        }
    }

    #[test]
    fn never_panics_on_number_words(words in proptest::collection::vec(proptest::sample::select(vec![
        "$", "£", "Rs", "5", "1.5m", "2,500", "million", "mln", "dlrs", "between", "and", "to", "-", "%", "per",
        "cent", "at", "least", "people", "killed", "dozens", "of", "a", "dozen", "one", "the", "3rd", "km", "C",
        "99999999999999999999", "0.000", "(", ")", "tens", "thousands", "half", "bn", "crore", "7/8", "/",
    ]), 0..14)) {
        let text = words.join(" ");
        let t = Text::new(&text);
        for a in find(&t, &[]) {
            proptest::prop_assert!(a.value.is_finite());
        }
    }
}

#[test]
fn casualty_patterns() {
    let cases: [(&str, f64, Option<CountEvent>); 8] = [
        ("An airstrike hit the market, killing at least 20.", 20.0, Some(CountEvent::Killed)),
        ("The death toll rose to 45 on Sunday.", 45.0, Some(CountEvent::Killed)),
        ("The blast also injured 30 others.", 30.0, Some(CountEvent::Wounded)),
        ("Police arrested 12 suspects after the raid.", 12.0, Some(CountEvent::Arrested)),
        ("Authorities evacuated 5,000 residents from the coast.", 5000.0, Some(CountEvent::Displaced)),
        ("Some 1.5 million people have fled their homes.", 1_500_000.0, Some(CountEvent::Displaced)),
        ("Gunmen seized 40 passengers and took them hostage.", 40.0, Some(CountEvent::Kidnapped)),
        ("Tens of thousands of protesters filled the square.", 10_000.0, Some(CountEvent::Protesting)),
    ];
    for (text, value, event) in cases {
        let q = one(text);
        assert_eq!((q.2, q.6), (value, event), "{text}: {q:?}");
    }
}
