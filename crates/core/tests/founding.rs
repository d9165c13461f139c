//! The article that founded the project, as a scraper left it (tests/fixtures/founding-article.txt: one paragraph
//! a line, no blank lines, another story's headline on the last line), through the whole pipeline: the stray
//! headline is detached, so nothing of the story comes from it.

use gleaner_core::model::{Document, Extraction, SegmentKind};
use gleaner_core::{Config, Extractor};

const FOUNDING: &str = include_str!("fixtures/founding-article.txt");
const NAKURU: &str = "Man Attacked By Mob After Trying To Steal Gun From Female Guard In Nakuru";

fn extract(text: &str) -> Extraction {
    let extractor = Extractor::new(Config::default()).unwrap_or_else(|e| panic!("{e}"));
    let doc = Document { published: Some("2024-09-11".into()), ..Document::new(text) };
    extractor.extract(&doc).unwrap_or_else(|e| panic!("{e}"))
}

/// The text of a span in chars (the default offsets).
fn slice(text: &str, start: usize, end: usize) -> String {
    text.chars().skip(start).take(end - start).collect()
}

/// Checks that the stray headline is detached and that no field of the story reads from it.
fn check(text: &str) -> Extraction {
    let out = extract(text);
    let last = out.segments.last().unwrap_or_else(|| panic!("no segments"));
    assert_eq!(slice(text, last.start, last.end), NAKURU);
    assert_eq!((last.kind, last.detached), (SegmentKind::Headline, true), "{:#?}", out.segments);
    assert!(out.segments[..out.segments.len() - 1].iter().all(|s| !s.detached && s.kind == SegmentKind::Body));
    let inside = |start: usize| start >= last.start;

    // Nakuru is no place of the story: not a focus, no salience.
    assert!(out.focus.iter().all(|f| f.place.name != "Nakuru"), "{:?}", out.focus);
    for e in out.entities.iter().filter(|e| e.mentions.iter().all(|&m| inside(out.mentions[m].start))) {
        assert_eq!(e.salience, 0.0, "{e:?}");
    }
    // No keyphrase, theme or event from the headline.
    let headline_words: Vec<String> = NAKURU.split(' ').map(str::to_lowercase).collect();
    let story = &text[..text.find(NAKURU).unwrap_or(text.len())];
    for k in &out.keyphrases {
        let own = k.text.split(' ').all(|w| headline_words.contains(&w.to_lowercase()));
        assert!(!own || story.contains(&k.text), "keyphrase {k:?}");
    }
    for theme in &out.themes {
        assert!(theme.evidence.iter().all(|span| !inside(span.start)), "theme {theme:?}");
    }
    assert!(out.events.iter().all(|e| !inside(e.trigger.start)), "{:#?}", out.events);
    assert!(out.quotes.iter().all(|q| !inside(q.start)));
    out
}

#[test]
fn the_founding_article_as_scraped() {
    for text in [FOUNDING, FOUNDING.trim_end()] {
        let out = check(text);
        assert_eq!(out.segments.len(), 12, "one segment a line: {:#?}", out.segments);
        let focus: Vec<&str> = out.focus.iter().map(|f| f.place.name.as_str()).collect();
        assert_eq!(focus.first(), Some(&"Iraq"), "{focus:?}");
        assert!(out.keyphrases.iter().any(|k| k.text == "Masoud Pezeshkian"), "{:?}", out.keyphrases);
    }
}

#[test]
fn its_last_two_lines() {
    let last_two = FOUNDING.lines().skip(10).collect::<Vec<_>>().join("\n");
    check(&last_two);
    check(&format!("\u{2026}Basra and Erbil.\n{NAKURU}"));
    // Once more with the story's line long and wrapped-looking, the way it failed before: one body segment.
    check(&format!(
        "He will also visit the Shiite shrines in Karbala and Najaf, and the cities of Basra and Erbil.\n{NAKURU}"
    ));
}
