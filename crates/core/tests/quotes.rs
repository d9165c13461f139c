//! Scores the quotation finder on the hand-annotated excerpts of `tests/fixtures/quotes` (see its README):
//! precision and recall of quote spans (punctuation trimmed at both ends), and how often the speaker is right.
//! Target: precision >= 0.9, recall >= 0.8.

use gleaner_core::{Config, Document, Extractor};

#[derive(serde::Deserialize)]
struct Fixture {
    id: String,
    text: String,
    quotes: Vec<Gold>,
}

#[derive(serde::Deserialize)]
struct Gold {
    quote: String,
    speaker: Option<String>,
    /// For a pronoun speaker: the name of whom it refers to, as the excerpt writes it (null when the excerpt does
    /// not name them); absent for other speakers.
    #[serde(default)]
    referent: Option<Option<String>>,
}

/// Char range of a byte range.
fn chars(text: &str, start: usize, end: usize) -> (usize, usize) {
    (text[..start].chars().count(), text[..end].chars().count())
}

/// A char range without punctuation or spaces at either end.
fn trimmed(text: &str, (start, end): (usize, usize)) -> (usize, usize) {
    let chars: Vec<char> = text.chars().collect();
    let edge = |c: char| {
        c.is_whitespace()
            || (c.is_ascii_punctuation() && c != '(' && c != ')')
            || "\u{201C}\u{201D}\u{2018}\u{2019}\u{2014}".contains(c)
    };
    let (mut s, mut e) = (start, end.min(chars.len()));
    while s < e && edge(chars[s]) {
        s += 1;
    }
    while e > s && edge(chars[e - 1]) {
        e -= 1;
    }
    (s, e)
}

/// A char range.
type Range = (usize, usize);

fn overlaps(a: Range, b: Range) -> bool {
    a.0 < b.1 && b.0 < a.1
}

/// Precision, recall and speaker accuracy on one fixture file, with a line for every mistake.
struct Score {
    articles: usize,
    precision: f64,
    recall: f64,
    /// Quotes found whose speaker is a pronoun, and how many of them have the entity the pronoun refers to (or
    /// none, when the excerpt names nobody it could refer to).
    pronoun_speakers: usize,
    pronoun_speakers_right: usize,
    report: String,
}

/// True when the output's entity `entity` bears the name `referent` (its last word, as surnames go).
fn names(out: &gleaner_core::Extraction, entity: Option<usize>, referent: &Option<String>) -> bool {
    let last = |s: &str| s.split_whitespace().last().unwrap_or("").to_lowercase();
    match (entity.and_then(|e| out.entities.get(e)), referent) {
        (Some(e), Some(name)) => last(&e.name) == last(name),
        (None, None) => true,
        _ => false,
    }
}

fn score(file: &str) -> Score {
    let path = format!("{}/../../tests/fixtures/quotes/{file}", env!("CARGO_MANIFEST_DIR"));
    let data = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let extractor = Extractor::new(Config::default()).unwrap_or_else(|e| panic!("{e}"));
    let (mut gold_n, mut pred_n, mut tp, mut speaker_ok, mut articles) = (0, 0, 0, 0, 0);
    let (mut pronoun_speakers, mut pronoun_speakers_right) = (0, 0);
    let mut report = String::new();
    for line in data.lines().filter(|l| !l.trim().is_empty()) {
        let fx: Fixture = serde_json::from_str(line).unwrap_or_else(|e| panic!("{e}: {line}"));
        articles += 1;
        let out = extractor.extract(&Document::new(fx.text.clone())).unwrap_or_else(|e| panic!("{e}"));
        let golds: Vec<(Range, Option<Range>, &Gold)> = fx
            .quotes
            .iter()
            .map(|g| {
                let at = fx.text.find(&g.quote).unwrap_or_else(|| panic!("{}: quote not in text", fx.id));
                let span = chars(&fx.text, at, at + g.quote.len());
                // The speaker's occurrence nearest the quote.
                let speaker = g.speaker.as_ref().and_then(|s| {
                    fx.text
                        .match_indices(s.as_str())
                        .map(|(i, _)| chars(&fx.text, i, i + s.len()))
                        .min_by_key(|sp| if sp.1 <= span.0 { span.0 - sp.1 } else { sp.0.saturating_sub(span.1) })
                });
                (trimmed(&fx.text, span), speaker, g)
            })
            .collect();
        gold_n += golds.len();
        pred_n += out.quotes.len();
        let mut matched = vec![false; golds.len()];
        for q in &out.quotes {
            let span = trimmed(&fx.text, (q.start, q.end));
            match golds.iter().position(|(g, _, _)| *g == span) {
                Some(i) if !matched[i] => {
                    matched[i] = true;
                    tp += 1;
                    let (_, gold_speaker, gold) = &golds[i];
                    if let Some(referent) = &gold.referent {
                        pronoun_speakers += 1;
                        if names(&out, q.entity, referent) {
                            pronoun_speakers_right += 1;
                        } else {
                            let system = q.entity.and_then(|e| out.entities.get(e)).map(|e| &e.name);
                            report.push_str(&format!(
                                "{}: pronoun speaker of {:?} is {system:?}, expected {referent:?}\n",
                                fx.id, q.text
                            ));
                        }
                    }
                    let right = match (&q.speaker, gold_speaker) {
                        (Some(p), Some(g)) => {
                            overlaps((p.start, p.end), *g)
                                || gold.speaker.as_deref().is_some_and(|s| s.eq_ignore_ascii_case(&p.text))
                        }
                        (None, None) => true,
                        _ => false,
                    };
                    if right {
                        speaker_ok += 1;
                    } else {
                        report.push_str(&format!(
                            "{}: speaker {:?} for {:?}, expected {:?}\n",
                            fx.id,
                            q.speaker.as_ref().map(|s| &s.text),
                            q.text,
                            gold.speaker
                        ));
                    }
                }
                _ => report.push_str(&format!("{}: false quote {:?}\n", fx.id, q.text)),
            }
        }
        for (i, (_, _, g)) in golds.iter().enumerate() {
            if !matched[i] {
                report.push_str(&format!("{}: missed {:?}\n", fx.id, g.quote));
            }
        }
    }
    let precision = tp as f64 / pred_n.max(1) as f64;
    let recall = tp as f64 / gold_n.max(1) as f64;
    let speakers = speaker_ok as f64 / tp.max(1) as f64;
    let report = format!(
        "{file}: quotes on {articles} excerpts: gold {gold_n}, found {pred_n}, right {tp}: precision {precision:.3}, \
         recall {recall:.3}; speaker right for {speaker_ok} of {tp} ({speakers:.3}); pronoun speakers resolved right \
         {pronoun_speakers_right} of {pronoun_speakers}\n{report}"
    );
    println!("{report}");
    Score { articles, precision, recall, pronoun_speakers, pronoun_speakers_right, report }
}

/// The 30 excerpts the finder was developed with.
#[test]
fn quotations_on_annotated_excerpts() {
    let s = score("quotes.jsonl");
    assert_eq!(s.articles, 30);
    assert!(s.precision >= 0.9 && s.recall >= 0.8, "{}", s.report);
    // "he" speakers: six of eight are named only after the quote in the excerpt (or not at all), and the entity
    // model trained beyond Reuters reads "Aston Martin" as a person in a seventh, whose "he" then goes to it.
    assert!(s.pronoun_speakers == 8 && s.pronoun_speakers_right >= 1, "{}", s.report);
}

/// 20 further excerpts, annotated after development and scored once as they came.
#[test]
fn quotations_on_held_out_excerpts() {
    let s = score("quotes_heldout.jsonl");
    assert_eq!(s.articles, 20);
    assert!(s.precision >= 0.9 && s.recall >= 0.8, "{}", s.report);
    assert!(s.pronoun_speakers == 5 && s.pronoun_speakers_right >= 3, "{}", s.report);
}
