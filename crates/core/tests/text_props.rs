//! Properties of the text layer that must hold on any input: offsets in bounds and on char boundaries, tokens
//! in order and never overlapping, sentences covering the tokens in order, segments in order.
#![allow(missing_docs)]

use gleaner_core::model::Offsets;
use gleaner_core::text::Text;
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
    let text = Text::new(original);
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
    for unit in [Offsets::Chars, Offsets::Bytes, Offsets::Utf16] {
        let conv = text.converter(unit);
        let limit = match unit {
            Offsets::Bytes => original.len(),
            Offsets::Chars => original.chars().count(),
            Offsets::Utf16 => original.encode_utf16().count(),
        };
        for t in &text.tokens {
            let (s, e) = conv.span(t.start, t.end);
            assert!(s <= e && e <= limit, "{unit:?} span out of bounds");
        }
    }
    let bytes = text.converter(Offsets::Bytes);
    for t in &text.tokens {
        let (s, e) = bytes.span(t.start, t.end);
        assert!(original.is_char_boundary(s) && original.is_char_boundary(e));
        assert!(!original[s..e].is_empty());
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
}

#[test]
fn degenerate_inputs() {
    for s in
        ["", " ", "\n\n\n", ".", "...", "\u{200B}", "\r", "'", "'s", "--", "$", "U.S.", "a.", "e\u{0301}", "\u{0301}"]
    {
        check(s);
    }
    check(&"word ".repeat(5000));
    check(&"9".repeat(500));
    check(&".".repeat(1000));
}
