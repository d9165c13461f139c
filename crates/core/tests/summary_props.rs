//! Properties of the summary stage on any input: no panic, spans in bounds and on char boundaries, scores in
//! range, quotes in order, the same output on every run.
#![allow(missing_docs)]

use gleaner_core::model::Offsets;
use gleaner_core::{Config, Document, Extractor};
use proptest::prelude::*;

/// Strings of quotation marks, speech verbs, sentiment and theme words, names and hostile characters.
fn newsy() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("\"".to_string()),
        Just("“".to_string()),
        Just("”".to_string()),
        Just("``".to_string()),
        Just("''".to_string()),
        Just(" said ".to_string()),
        Just(", he said.".to_string()),
        Just(" told reporters: ".to_string()),
        Just("according to ".to_string()),
        Just("Mr Smith".to_string()),
        Just("not very good".to_string()),
        Just(" but ".to_string()),
        Just("war".to_string()),
        Just("olive oil".to_string()),
        Just("oil-rich".to_string()),
        Just("OPEC cartel".to_string()),
        Just("killed".to_string()),
        Just("\n\n".to_string()),
        Just("\n".to_string()),
        Just(". ".to_string()),
        Just("e\u{0301}".to_string()),
        Just("👍🏽".to_string()),
        Just("ÄRGER".to_string()),
        "[A-Za-z]{1,8}",
        any::<char>().prop_map(String::from),
        " ",
    ];
    proptest::collection::vec(piece, 0..80).prop_map(|v| v.join(""))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn summary_holds_on_any_input(text in newsy()) {
        let mut config = Config::default();
        (config.offsets, config.sentence_tone) = (Offsets::Bytes, true);
        let extractor = Extractor::new(config)
            .unwrap_or_else(|e| panic!("{e}"));
        let doc = Document::new(text.clone());
        let out = extractor.extract(&doc).unwrap_or_else(|e| panic!("{e}"));
        let in_text = |start: usize, end: usize| start <= end && end <= text.len() && text.is_char_boundary(start)
            && text.is_char_boundary(end);
        let tone = out.tone.unwrap_or_default();
        prop_assert!(tone.positive >= 0.0 && tone.negative >= 0.0 && tone.polarity <= 200.0);
        prop_assert!(out.sentences.iter().all(|s| s.tone.is_some()));
        for k in &out.keyphrases {
            prop_assert!((0.0..=1.0).contains(&k.score) && k.count > 0 && !k.text.is_empty());
        }
        for q in &out.quotes {
            prop_assert!(in_text(q.start, q.end), "{q:?}");
            prop_assert_eq!(&text[q.start..q.end], q.text.as_str());
            if let Some(s) = &q.speaker {
                prop_assert!(in_text(s.start, s.end));
                prop_assert_eq!(&text[s.start..s.end], s.text.as_str());
            }
        }
        prop_assert!(out.quotes.windows(2).all(|w| w[0].start < w[1].start));
        for t in &out.themes {
            prop_assert!(t.score > 0.0 && t.score < 1.0 && !t.evidence.is_empty());
            for e in &t.evidence {
                prop_assert!(in_text(e.start, e.end));
                prop_assert_eq!(&text[e.start..e.end], e.text.as_str());
            }
        }
        prop_assert_eq!(extractor.extract(&doc).unwrap_or_else(|e| panic!("{e}")), out);
    }
}
