//! Properties of the text layer that must hold on any input: offsets in bounds and on char boundaries, tokens
//! in order and never overlapping, sentences covering the tokens in order, segments in order; with a title, every
//! span in the field it lies in.
#![allow(missing_docs)]

use gleaner_core::model::{Field, Offsets, SegmentKind};
use gleaner_core::text::{Composed, Text};
use proptest::prelude::*;

/// Strings mixing news-like pieces with hostile characters.
fn newsy() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("Iran’s".to_string()),
        Just("U.S.".to_string()),
        Just("Mr.".to_string()),
        Just("$1.13bn".to_string()),
        Just("2,500".to_string()),
        Just("“quoted”".to_string()),
        Just(" — ".to_string()),
        Just("...".to_string()),
        Just("\n\n".to_string()),
        Just("\r\n".to_string()),
        Just("\n    ".to_string()),
        Just("\u{200B}".to_string()),
        Just("\u{00A0}".to_string()),
        Just("e\u{0301}".to_string()),
        Just("👍🏽".to_string()),
        Just("🇰🇪".to_string()),
        Just("https://x.org/a.b".to_string()),
        Just("a@b.co".to_string()),
        Just("don't".to_string()),
        Just("'s".to_string()),
        Just(". ".to_string()),
        Just("-".to_string()),
        "[A-Za-z]{1,8}",
        "[0-9.,]{1,6}",
        any::<char>().prop_map(String::from),
        " ",
    ];
    proptest::collection::vec(piece, 0..60).prop_map(|v| v.join(""))
}

fn check(original: &str) {
    check_composed(None, original);
}

fn check_composed(title: Option<&str>, original: &str) {
    let composed = Composed::new(title, original);
    let text = Text::composed(&composed);
    let normalized = text.normalized();
    let mut last_end = 0;
    for (i, t) in text.tokens.iter().enumerate() {
        assert!(t.start < t.end && t.end <= normalized.len(), "token {i} out of bounds");
        assert!(normalized.is_char_boundary(t.start) && normalized.is_char_boundary(t.end));
        assert!(t.start >= last_end, "token {i} overlaps the previous one");
        assert!(!text.token_text(i).trim().is_empty(), "token {i} is blank");
        last_end = t.end;
    }
    let mut next_token = 0;
    for s in &text.sentences {
        assert_eq!(s.first_token, next_token, "sentences cover the tokens in order");
        assert!(s.first_token < s.end_token);
        assert!(s.segment < text.segments.len());
        next_token = s.end_token;
    }
    assert_eq!(next_token, text.tokens.len());
    let mut last = 0;
    for seg in &text.segments {
        assert!(seg.start >= last && seg.start < seg.end && seg.end <= normalized.len());
        last = seg.end;
    }
    if composed.split().is_some() {
        let bytes = text.converter(Offsets::Bytes);
        let in_title: Vec<_> =
            text.segments.iter().filter(|s| bytes.span(s.start, s.end).field == Field::Title).collect();
        assert!(in_title.len() <= 1 && in_title.iter().all(|s| s.kind == SegmentKind::Headline), "one title segment");
    }
    let field_text = |field| match field {
        Field::Title => title.unwrap_or(""),
        Field::Text => original,
    };
    for unit in [Offsets::Chars, Offsets::Bytes, Offsets::Utf16] {
        let conv = text.converter(unit);
        let limit = |s: &str| match unit {
            Offsets::Bytes => s.len(),
            Offsets::Chars => s.chars().count(),
            Offsets::Utf16 => s.encode_utf16().count(),
        };
        for t in &text.tokens {
            let at = conv.span(t.start, t.end);
            assert!(at.start <= at.end && at.end <= limit(field_text(at.field)), "{unit:?} span out of bounds");
        }
    }
    let bytes = text.converter(Offsets::Bytes);
    for t in &text.tokens {
        let at = bytes.span(t.start, t.end);
        let field = field_text(at.field);
        assert!(field.is_char_boundary(at.start) && field.is_char_boundary(at.end));
        assert!(!field[at.start..at.end].is_empty());
        assert_eq!(&field[at.start..at.end], bytes.text(t.start, t.end), "the span's text is its field's");
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn text_layer_invariants(s in newsy()) {
        check(&s);
    }

    #[test]
    fn text_layer_invariants_on_any_string(s in any::<String>()) {
        check(&s);
    }

    #[test]
    fn text_layer_invariants_with_a_title(title in newsy(), s in newsy()) {
        check_composed(Some(&title), &s);
    }
}

#[test]
fn degenerate_inputs() {
    for s in
        ["", " ", "\n\n\n", ".", "...", "\u{200B}", "\r", "'", "'s", "--", "$", "U.S.", "a.", "e\u{0301}", "\u{0301}"]
    {
        check(s);
    }
    for title in ["", " ", "\u{200B}", "\n\nTwo\n\nlines\n", "e\u{0301}", "\u{0301}"] {
        check_composed(Some(title), "Body.");
        check_composed(Some(title), "\u{0301}Body.");
        check_composed(Some(title), "");
    }
    check(&"word ".repeat(5000));
    check(&"9".repeat(500));
    check(&".".repeat(1000));
}
