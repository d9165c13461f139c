//! Unit tests of the time stage on hand-written sentences.

use super::*;
use crate::text::Text;

fn times(text: &str, published: Option<&str>) -> Vec<(String, String)> {
    let t = Text::new(text);
    let anchor = published.and_then(|p| p.parse::<Date>().ok());
    find(&t, anchor).into_iter().map(|x| (t.normalized()[x.start..x.end].to_string(), x.value)).collect()
}

fn one(text: &str, published: &str) -> (String, String) {
    let all = times(text, Some(published));
    assert_eq!(all.len(), 1, "{text}: {all:?}");
    all.into_iter().next().unwrap_or_default()
}

#[test]
fn absolute_dates() {
    assert_eq!(one("The attack came on September 11, 2024, officials said.", "2024-09-12").1, "2024-09-11");
    assert_eq!(one("It was signed in July 1997.", "2024-09-12").1, "1997-07");
    assert_eq!(one("Prices fell in 2003.", "2024-09-12").1, "2003");
    assert_eq!(one("He left on Jan. 5.", "2024-09-12").1, "2024-01-05");
}
