//! Segments: body paragraphs, headline-like lines and boilerplate, with the casing of each.
//!
//! Lines are grouped into paragraphs at blank lines and indented lines (Reuters indents paragraphs). Inside a
//! paragraph, a line break is a soft wrap when the line is about as long as the paragraph's longest line
//! (hard-wrapped newswire) or the next line goes on in lower case; otherwise it starts a new segment, so a
//! title line above the body stands alone. Headlines that trail the body and share nothing with it are marked
//! `detached` (another story's headline left behind by a scraper).

use crate::model::{Casing, SegmentKind};

/// A segment: a byte range of the normalized text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Segment {
    /// Start byte in the normalized text (first non-space character).
    pub start: usize,
    /// End byte (exclusive; after the last non-space character).
    pub end: usize,
    /// Body, headline or boilerplate.
    pub kind: SegmentKind,
    /// How its letters are cased.
    pub casing: Casing,
    /// True when it does not belong to the article around it.
    pub detached: bool,
}

/// A line: byte range without its newline, trimmed of surrounding spaces.
#[derive(Debug, Clone, Copy)]
struct Line {
    start: usize,
    end: usize,
    indented: bool,
}

fn lines(text: &str) -> Vec<Line> {
    let mut out = Vec::new();
    let mut at = 0;
    for raw in text.split('\n') {
        let trimmed_start = raw.len() - raw.trim_start().len();
        let content = raw.trim();
        let start = at + trimmed_start;
        out.push(Line { start, end: start + content.len(), indented: trimmed_start >= 2 && !content.is_empty() });
        at += raw.len() + 1;
    }
    out
}

const BULLETS: &[char] = &['-', '*', '\u{2022}', '\u{25CF}', '\u{25AA}', '>'];

fn starts_list_item(line: &str) -> bool {
    let mut chars = line.chars();
    match chars.next() {
        Some(c) if BULLETS.contains(&c) => chars.next().is_some_and(char::is_whitespace),
        Some(c) if c.is_ascii_digit() => {
            let digits = line.bytes().take_while(u8::is_ascii_digit).count();
            digits <= 2
                && matches!(line.as_bytes().get(digits), Some(b'.' | b')'))
                && line[digits + 1..].starts_with(' ')
        }
        _ => false,
    }
}

fn ends_sentence(line: &str) -> bool {
    line.trim_end_matches(['"', '\'', ')', ']']).ends_with(['.', '!', '?', ':', ';'])
}

/// Splits normalized text into segments covering every non-blank line, in order.
pub fn segment(text: &str) -> Vec<Segment> {
    let lines = lines(text);
    // Units: runs of lines joined by soft wraps.
    let mut units: Vec<(usize, usize)> = Vec::new(); // (first line, last line)
    let mut i = 0;
    while i < lines.len() {
        if lines[i].start == lines[i].end {
            i += 1;
            continue;
        }
        // The paragraph: non-blank lines up to a blank or an indented line.
        let mut j = i + 1;
        while j < lines.len() && lines[j].start != lines[j].end && !lines[j].indented {
            j += 1;
        }
        let width = lines[i..j].iter().map(|l| l.end - l.start).max().unwrap_or(0);
        let is_long = |line: &str| line.len() >= 30 && line.len() * 10 >= width * 7;
        // Hard-wrapped newswire: the paragraph's first line may be short where a dateline was cut off, and
        // still runs on into the next.
        let wrapped = j - i >= 3 && lines[i + 1..j].iter().filter(|l| is_long(&text[l.start..l.end])).count() >= 2;
        // A scraped page writes one paragraph a line with no blank line between. Newswire wraps its lines at 80
        // columns or fewer: when a line (but the last) is longer than any wrap, each line is a paragraph.
        let line_a_paragraph = lines[i..j - 1].iter().any(|l| l.end - l.start > MAX_WRAP);
        let mut first = i;
        for k in i..j {
            let line = &text[lines[k].start..lines[k].end];
            let next = (k + 1 < j).then(|| &text[lines[k + 1].start..lines[k + 1].end]);
            let soft = next.is_some_and(|next| {
                let continues = next.starts_with(|c: char| c.is_lowercase()) && !ends_sentence(line);
                let runs_on = k == i && wrapped && !ends_sentence(line) && casing_of(line) != Casing::Upper;
                // A headline glued under the last sentence of a paragraph ("… in Syria.\nMan Attacked By Mob …").
                let headline_next = ends_sentence(line) && is_headline(next, casing_of(next));
                // And one above it, on a line of its own, with its small words capitalized ("… Pact In Baghdad"),
                // which no sentence wrapped across lines is.
                let headline_above = first == k
                    && is_headline(line, casing_of(line))
                    && has_capitalized_small_word(line)
                    && next.starts_with(char::is_uppercase);
                let wraps = !line_a_paragraph && !headline_next && !headline_above && (is_long(line) || runs_on);
                (wraps || continues || is_dateline(line)) && !starts_list_item(next)
            });
            if !soft {
                units.push((first, k));
                first = k + 1;
            }
        }
        i = j;
    }
    let mut segments: Vec<Segment> = units
        .into_iter()
        .map(|(a, b)| {
            let (start, end) = (lines[a].start, lines[b].end);
            let content = &text[start..end];
            let casing = casing_of(content);
            Segment { start, end, kind: kind_of(content, casing), casing, detached: false }
        })
        .collect();
    mark_detached(text, &mut segments);
    segments
}

/// How many words of a segment decide its casing.
const MAX_CASING_WORDS: usize = 24;

/// The letters of one word, as far as casing goes.
#[derive(Default)]
struct WordCase {
    letters: usize,
    first_upper: bool,
    has_lower: bool,
    has_upper: bool,
    /// Byte offsets of the first and last letter.
    span: (usize, usize),
}

impl WordCase {
    fn letter(&mut self, upper: bool, lower: bool, at: usize) {
        if self.letters == 0 {
            self.first_upper = upper;
            self.span.0 = at;
        }
        self.letters += 1;
        self.has_lower |= lower;
        self.has_upper |= upper;
        self.span.1 = at;
    }
}

/// Counts of word casings over a stretch of text.
#[derive(Default)]
struct CaseTally {
    words: usize,
    upper: usize,
    capitalized: usize,
    lower_small: usize,
    any_upper: bool,
}

impl CaseTally {
    fn add(&mut self, word: &WordCase, text: &str, end: usize) {
        if word.letters == 0 {
            return;
        }
        self.words += 1;
        self.any_upper |= word.has_upper;
        if word.letters >= 2 && !word.has_lower {
            self.upper += 1;
        }
        if word.first_upper {
            self.capitalized += 1;
        } else if word.letters <= 4 {
            let last = word.span.1 + text[word.span.1..end].chars().next().map_or(1, char::len_utf8);
            if is_title_small_word(text.get(word.span.0..last).unwrap_or("")) {
                self.lower_small += 1;
            }
        }
    }
}

/// Casing of a stretch of text from its words with letters.
pub fn casing_of(text: &str) -> Casing {
    // The first words tell: a paragraph in capitals or Title Case is so from its start.
    let text = match memchr::memchr_iter(b' ', text.as_bytes()).nth(MAX_CASING_WORDS) {
        Some(at) => &text[..at],
        None => text,
    };
    let mut tally = CaseTally::default();
    let mut word = WordCase::default();
    if text.is_ascii() {
        for (at, &b) in text.as_bytes().iter().enumerate() {
            match b {
                b'a'..=b'z' => word.letter(false, true, at),
                b'A'..=b'Z' => word.letter(true, false, at),
                b' ' | b'\n' | b'\t' | b'-' | b'/' => {
                    tally.add(&word, text, at);
                    word = WordCase::default();
                }
                _ => {}
            }
        }
    } else {
        for (at, c) in text.char_indices() {
            if c.is_whitespace() || c == '-' || c == '/' {
                tally.add(&word, text, at);
                word = WordCase::default();
            } else if c.is_alphabetic() {
                word.letter(c.is_uppercase(), c.is_lowercase(), at);
            }
        }
    }
    tally.add(&word, text, text.len());
    let CaseTally { words, upper, capitalized, lower_small, any_upper } = tally;
    if words == 0 {
        return Casing::Mixed;
    }
    if !any_upper {
        return Casing::Lower;
    }
    if upper * 10 >= words * 8 && upper >= 2 {
        return Casing::Upper;
    }
    let content = words - lower_small;
    if words >= 3 && content > 0 && capitalized * 10 >= content * 9 && capitalized >= 3 {
        return Casing::Title;
    }
    Casing::Mixed
}

/// Words that stay lower case in Title Case.
fn is_title_small_word(word: &str) -> bool {
    if word.len() > 4 || word.is_empty() {
        return false;
    }
    let mut lower = [0u8; 4];
    lower[..word.len()].copy_from_slice(word.as_bytes());
    lower.make_ascii_lowercase();
    matches!(
        &lower[..word.len()],
        b"a" | b"an"
            | b"the"
            | b"and"
            | b"but"
            | b"or"
            | b"nor"
            | b"for"
            | b"so"
            | b"yet"
            | b"of"
            | b"in"
            | b"on"
            | b"at"
            | b"to"
            | b"by"
            | b"up"
            | b"as"
            | b"is"
            | b"if"
            | b"off"
            | b"per"
            | b"via"
            | b"vs"
            | b"from"
            | b"into"
            | b"with"
            | b"over"
            | b"than"
            | b"out"
    )
}

/// Lines that are not part of the story: credits, share buttons, copyright, captions.
const BOILERPLATE_PREFIXES: &[&str] = &[
    "copyright",
    "\u{00A9}",
    "(c) ",
    "all rights reserved",
    "share this",
    "share on",
    "follow us",
    "click here",
    "read more",
    "related:",
    "related articles",
    "related stories",
    "advertisement",
    "sign up",
    "subscribe",
    "photo:",
    "image:",
    "image caption",
    "media caption",
    "(photo",
    "reporting by",
    "editing by",
    "writing by",
    "additional reporting",
    "compiled by",
    "this article",
    "this story",
    "more:",
    "see also",
    "watch:",
    "listen:",
    "getty images",
    "source:",
    "tags:",
    "filed under",
];

/// True when a word of two letters or more that Title Case leaves in lower case is capitalized after the first
/// word ("Pact In Baghdad"), and the line does not end with one ("… Goldman Sachs and").
fn has_capitalized_small_word(line: &str) -> bool {
    let ends_small = line.split_ascii_whitespace().next_back().is_some_and(is_title_small_word);
    !ends_small
        && line
            .split_ascii_whitespace()
            .skip(1)
            .any(|w| w.len() > 1 && w.starts_with(char::is_uppercase) && is_title_small_word(w))
}

/// The longest line of hard-wrapped text, in bytes (newswire wraps at 80 columns or fewer).
const MAX_WRAP: usize = 100;

/// A line that reads as a headline: Title Case or capitals, 25 words at most, no sentence end.
fn is_headline(content: &str, casing: Casing) -> bool {
    !ends_sentence(content)
        && !content.ends_with(',')
        && content.split_ascii_whitespace().nth(25).is_none()
        && matches!(casing, Casing::Title | Casing::Upper)
}

fn kind_of(content: &str, casing: Casing) -> SegmentKind {
    let words = content.split_ascii_whitespace().take(26).count();
    let mut head = [0u8; 24];
    let head_len = content.len().min(head.len());
    head[..head_len].copy_from_slice(&content.as_bytes()[..head_len]);
    head.make_ascii_lowercase();
    let starts_with = |prefix: &str| head[..head_len].starts_with(prefix.as_bytes());
    if BOILERPLATE_PREFIXES.iter().any(|p| starts_with(p))
        || is_byline(content, words)
        || (words <= 12 && !ends_sentence(content) && BOILERPLATE_LINES.iter().any(|p| starts_with(p)))
        || is_timestamp(content, words)
    {
        return SegmentKind::Boilerplate;
    }
    if is_headline(content, casing) {
        return SegmentKind::Headline;
    }
    SegmentKind::Body
}

/// How short lines that are no part of the story start: links to other stories, timestamps, credits. A body
/// sentence may start so too ("Recommended doses …"), so only a short line without a sentence end counts.
const BOILERPLATE_LINES: &[&str] = &[
    "also read",
    "read also",
    "related",
    "recommended",
    "you may also like",
    "you might also like",
    "more from",
    "more on this",
    "most read",
    "most popular",
    "trending",
    "continue reading",
    "story continues",
    "listen to this article",
    "published",
    "first published",
    "updated",
    "last updated",
    "posted",
    "written by",
    "author:",
];

/// A line of nothing but a date and a time ("11 September 2024", "Sept. 11, 2024 8:00 AM ET", "Wednesday 11
/// September 2024 08.00 BST"): when the page was published, no part of the story.
fn is_timestamp(content: &str, words: usize) -> bool {
    const NAMES: &[&str] = &[
        "jan",
        "january",
        "feb",
        "february",
        "mar",
        "march",
        "apr",
        "april",
        "may",
        "jun",
        "june",
        "jul",
        "july",
        "aug",
        "august",
        "sep",
        "sept",
        "september",
        "oct",
        "october",
        "nov",
        "november",
        "dec",
        "december",
        "mon",
        "monday",
        "tue",
        "tues",
        "tuesday",
        "wed",
        "wednesday",
        "thu",
        "thur",
        "thurs",
        "thursday",
        "fri",
        "friday",
        "sat",
        "saturday",
        "sun",
        "sunday",
    ];
    const OTHERS: &[&str] = &[
        "am", "pm", "a.m", "p.m", "gmt", "bst", "utc", "et", "est", "edt", "pt", "pst", "pdt", "cet", "cest", "ist",
        "aest", "at", "on",
    ];
    let (mut numbered, mut named) = (false, false);
    let all_parts = content.split(|c: char| c.is_whitespace() || matches!(c, ',' | '|' | '/' | '-')).all(|w| {
        let w = w.trim_matches(|c: char| matches!(c, '.' | ':' | '(' | ')'));
        let numeric = !w.is_empty() && w.chars().all(|c| c.is_ascii_digit() || matches!(c, ':' | '.'));
        let name = NAMES.iter().any(|p| w.eq_ignore_ascii_case(p));
        numbered |= numeric;
        named |= name;
        w.is_empty() || numeric || name || OTHERS.iter().any(|p| w.eq_ignore_ascii_case(p))
    });
    words <= 12 && numbered && named && all_parts
}

/// A dateline alone on its line, which opens the paragraph under it: "BAGHDAD (Reuters) -", "WASHINGTON --",
/// "PARIS, Sept 11 (AFP) —".
fn is_dateline(line: &str) -> bool {
    let marked = line.ends_with(" -") || line.ends_with(" --") || line.ends_with(" \u{2014}") || line.ends_with(')');
    let first = line.split([' ', ',']).next().unwrap_or("");
    marked
        && line.split_ascii_whitespace().nth(8).is_none()
        && first.chars().filter(|c| c.is_alphabetic()).count() >= 2
        && first.chars().all(|c| !c.is_lowercase())
        && (!line.ends_with(')') || line.ends_with("(Reuters)") || line.ends_with("(AP)") || line.ends_with("(AFP)"))
}

/// "By Jane Smith" or "By Jane Smith, BBC News": short, starts with "By", names in capitals.
fn is_byline(content: &str, words: usize) -> bool {
    let Some(rest) = content.strip_prefix("By ").or_else(|| content.strip_prefix("BY ")) else { return false };
    words <= 8 && !ends_sentence(content) && rest.split_whitespace().take(2).all(|w| w.starts_with(char::is_uppercase))
}

/// Capitalized words of a stretch of text, lower-cased: what a headline would share with its story.
fn content_words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().count() >= 4)
        .map(str::to_lowercase)
        .filter(|w| !is_title_small_word(w) && !COMMON_HEADLINE_WORDS.contains(&w.as_str()))
        .collect()
}

/// Frequent words that say nothing about which story a headline belongs to.
const COMMON_HEADLINE_WORDS: &[&str] = &[
    "after", "before", "says", "said", "will", "would", "with", "that", "this", "what", "when", "where", "have",
    "more", "than", "about", "amid", "over", "under", "into", "just", "their", "they", "been", "were", "news",
];

/// Headlines after the last body paragraph that share no content word with the body are detached.
fn mark_detached(text: &str, segments: &mut [Segment]) {
    let Some(last_body) = segments.iter().rposition(|s| s.kind == SegmentKind::Body) else { return };
    if !segments[last_body + 1..].iter().any(|s| s.kind == SegmentKind::Headline) {
        return;
    }
    let body: std::collections::HashSet<String> = segments[..=last_body]
        .iter()
        .filter(|s| s.kind == SegmentKind::Body)
        .flat_map(|s| content_words(&text[s.start..s.end]))
        .collect();
    for segment in &mut segments[last_body + 1..] {
        if segment.kind != SegmentKind::Headline {
            continue;
        }
        let words = content_words(&text[segment.start..segment.end]);
        let shared = words.iter().filter(|w| body.contains(*w)).count();
        segment.detached = shared * 3 < words.len().max(1);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<(&str, SegmentKind, Casing, bool)> {
        segment(text).into_iter().map(|s| (&text[s.start..s.end], s.kind, s.casing, s.detached)).collect()
    }

    #[test]
    fn trailing_unrelated_headline_is_detached() {
        let text = "Iran's president arrived in Baghdad on Wednesday for his first foreign trip.\n\n\
                    He will also visit Erbil and Basra, officials said.\n\n\
                    Man Attacked By Mob After Trying To Steal Gun From Female Guard In Nakuru\n";
        let segments = kinds(text);
        assert_eq!(segments.len(), 3);
        assert_eq!(segments[2].1, SegmentKind::Headline);
        assert_eq!(segments[2].2, Casing::Title);
        assert!(segments[2].3, "the Nakuru headline is detached");
        assert!(!segments[0].3 && segments[0].1 == SegmentKind::Body);
    }

    /// The article that founded the project, as a scraper left it: one paragraph a line, no blank lines, and
    /// another story's headline on the last line.
    const FOUNDING: &str = include_str!("../../tests/fixtures/founding-article.txt");
    const NAKURU: &str = "Man Attacked By Mob After Trying To Steal Gun From Female Guard In Nakuru";

    #[test]
    fn one_paragraph_a_line_with_a_stray_headline() {
        for text in [FOUNDING, FOUNDING.trim_end()] {
            let segments = kinds(text);
            assert_eq!(segments.len(), 12, "{segments:#?}");
            assert!(segments[..11].iter().all(|s| s.1 == SegmentKind::Body && !s.3), "{segments:#?}");
            assert_eq!(segments[11], (NAKURU, SegmentKind::Headline, Casing::Title, true));
        }
        // The last two lines alone, and a short first line.
        let last_two = FOUNDING.lines().skip(10).collect::<Vec<_>>().join("\n");
        let short = format!("\u{2026}Basra and Erbil.\n{NAKURU}");
        for text in [last_two.as_str(), short.as_str()] {
            let segments = kinds(text);
            assert_eq!(segments.len(), 2, "{segments:#?}");
            assert_eq!((segments[0].1, segments[0].3), (SegmentKind::Body, false));
            assert_eq!(segments[1], (NAKURU, SegmentKind::Headline, Casing::Title, true));
        }
    }

    #[test]
    fn headlines_glued_before_and_after_the_body() {
        // A title above a short first paragraph (once read as a wrapped line of it), and a headline under it.
        let text = "Iran And Iraq Sign Security Pact In Baghdad\nIran and Iraq signed a security pact on Monday.\n\
                    Man Attacked By Mob After Trying To Steal Gun\n";
        let segments = kinds(text);
        assert_eq!(segments.len(), 3, "{segments:#?}");
        assert_eq!((segments[0].1, segments[0].3), (SegmentKind::Headline, false));
        assert_eq!(segments[1].1, SegmentKind::Body);
        assert_eq!((segments[2].1, segments[2].3), (SegmentKind::Headline, true));
    }

    #[test]
    fn links_bylines_datelines_and_timestamps() {
        let text = "By Jane Smith, BBC News\n\
                    Published 11 September 2024\n\
                    BAGHDAD (Reuters) -\n\
                    Iran's president arrived in Baghdad on Wednesday for his first foreign trip since taking office, officials said.\n\
                    Read more: Iran and Iraq sign deals\n\
                    He will also visit Erbil and Basra, where he is to meet Kurdish leaders and open a railway line, officials said.\n\
                    Related: Israel strikes Iranian compound in Syria\n\
                    Sept. 11, 2024 8:00 AM ET\n\
                    Also read - Oil prices rise\n";
        let segments = kinds(text);
        let heads: Vec<(&str, SegmentKind)> = segments.iter().map(|s| (&s.0[..s.0.len().min(20)], s.1)).collect();
        assert_eq!(
            heads,
            [
                ("By Jane Smith, BBC N", SegmentKind::Boilerplate),
                ("Published 11 Septemb", SegmentKind::Boilerplate),
                ("BAGHDAD (Reuters) -\n", SegmentKind::Body),
                ("Read more: Iran and ", SegmentKind::Boilerplate),
                ("He will also visit E", SegmentKind::Body),
                ("Related: Israel stri", SegmentKind::Boilerplate),
                ("Sept. 11, 2024 8:00 ", SegmentKind::Boilerplate),
                ("Also read - Oil pric", SegmentKind::Boilerplate),
            ]
        );
        // A sentence that starts like a link is still the story's.
        assert_eq!(kinds("Updated figures show the economy grew by 2 per cent last year.")[0].1, SegmentKind::Body);
        assert!(!is_timestamp("11 people died", 3));
        assert!(!is_timestamp("78,000", 1));
        assert!(!is_timestamp("2/26  2/27", 2));
        assert!(is_timestamp("Wednesday 11 September 2024 08.00 BST", 5));
    }

    #[test]
    fn title_line_above_body_is_an_attached_headline() {
        let text = "Iran And Iraq Sign Security Pact\nBAGHDAD (Reuters) - Iran and Iraq signed a pact on Monday.";
        let segments = kinds(text);
        assert_eq!(segments[0], ("Iran And Iraq Sign Security Pact", SegmentKind::Headline, Casing::Title, false));
        assert_eq!(segments[1].1, SegmentKind::Body);
    }

    #[test]
    fn hard_wrapped_reuters_paragraphs() {
        let text = "Showers continued throughout the week in\nthe Bahia cocoa zone, alleviating the drought since early\n\
                    January and improving prospects.\n    The dry period means the temporao will be late this year.\n";
        let segments = kinds(text);
        assert_eq!(segments.len(), 2);
        assert!(segments[0].0.ends_with("improving prospects."));
        assert_eq!(segments[1].0, "The dry period means the temporao will be late this year.");
    }

    #[test]
    fn casing() {
        assert_eq!(casing_of("BAHIA COCOA REVIEW"), Casing::Upper);
        assert_eq!(casing_of("Man Attacked By Mob After Trying To Steal Gun"), Casing::Title);
        assert_eq!(casing_of("Ad sales boost Time Warner profit"), Casing::Mixed);
        assert_eq!(casing_of("all lower case here"), Casing::Lower);
    }

    #[test]
    fn boilerplate_and_lists() {
        let text = "By Jane Smith\nThe talks went on.\n- first point\n- second point\nCopyright 2024 Reuters";
        let segments = kinds(text);
        assert_eq!(segments[0].1, SegmentKind::Boilerplate);
        assert_eq!(segments[2].0, "- first point");
        assert_eq!(segments.last().map(|s| s.1), Some(SegmentKind::Boilerplate));
    }
}
