//! Hostile documents, as proptest strategies (so that a failing document shrinks to a small one). A text is one
//! to four parts joined, each part one of:
//!
//! - a seed text (a real article, or one of the project's examples) mutated: pieces inserted, ranges deleted or
//!   repeated, cased up or down, punctuation stripped, lines broken, cut short;
//! - an adversarial shape of docs/BENCH.md at a small size: one name repeated, names alternating, distinct names,
//!   dates, numbers, quotes nested and unbalanced, no punctuation, one giant token, markup-like punctuation,
//!   mixed scripts and combining marks, emoji sequences, headline lines;
//! - a soup of pieces: news words, titles and names, months and dates, numbers and amounts, speech verbs,
//!   pronouns, quotation marks, and Unicode that changes length when normalized or cased (ligatures, `İ`, `ß`,
//!   `ﷺ`), combining marks, zero-width and bidirectional controls, astral characters (two UTF-16 units);
//! - an arbitrary string.
//!
//! The publication date is absent, valid, impossible or garbage; the title absent or a short soup.

use std::sync::Arc;

use gleaner_core::Document;
use proptest::collection::vec;
use proptest::prelude::*;
use proptest::sample::{Index, select};

/// Pieces of the soups and the mutations.
pub const PIECES: &[&str] = &[
    // words and names
    "the",
    "a",
    "of",
    "in",
    "and",
    "to",
    "on",
    "at",
    "for",
    "with",
    "by",
    "from",
    "after",
    "before",
    "against",
    "said",
    "told",
    "says",
    "added",
    "according to",
    "met",
    "attacked",
    "killed",
    "wounded",
    "arrested",
    "signed",
    "agreed to",
    "will visit",
    "did not",
    "condemned",
    "protested",
    "accused",
    "sanctions",
    "talks",
    "troops",
    "President",
    "Mr",
    "Mrs",
    "Dr.",
    "Gov.",
    "Sen.",
    "Prime Minister",
    "Foreign Minister",
    "the minister",
    "the president",
    "the company",
    "the group",
    "he",
    "she",
    "it",
    "they",
    "his",
    "her",
    "its",
    "their",
    "him",
    "them",
    "who",
    "Iran",
    "Iraq",
    "Baghdad",
    "Tehran",
    "Paris",
    "Georgia",
    "Washington",
    "New York",
    "U.S.",
    "UK",
    "United Nations",
    "NATO",
    "Hamas",
    "Google",
    "Boeing",
    "Masoud Pezeshkian",
    "Abbas Araghchi",
    "Smith",
    "Jones",
    "Paris Hilton",
    "Moscow, Idaho",
    "Scottish",
    "Iranian",
    "Israeli",
    "Shiite",
    "Kurdish",
    "Nakuru",
    "St.",
    "Co.",
    "Inc.",
    "Ltd",
    "e.g.",
    "i.e.",
    "No.",
    "vs.",
    "a.m.",
    "p.m.",
    // times and quantities
    "Monday",
    "on Wednesday",
    "last week",
    "next year",
    "yesterday",
    "tomorrow",
    "January",
    "March 3, 2023",
    "3 March 2023",
    "2023-03-01",
    "1980s",
    "the 1990s",
    "10:30 am",
    "noon",
    "every day",
    "two weeks",
    "since 2003",
    "Q3",
    "FY2024",
    "2,500",
    "1.5bn",
    "$3m",
    "£40",
    "€1.2 billion",
    "50%",
    "5 per cent",
    "one",
    "twenty-five",
    "a dozen",
    "hundreds",
    "3-4",
    "1/2",
    "1st",
    "42nd",
    "-7",
    "+3.5",
    "1e9",
    "0.000001",
    "99999999999999999999",
    "12,34,567",
    "5 km",
    "300 miles",
    "at least 12 people were killed",
    "dozens were arrested",
    // punctuation and quotation
    ".",
    ",",
    ";",
    ":",
    "!",
    "?",
    "...",
    "…",
    "-",
    "–",
    "—",
    "(",
    ")",
    "[",
    "]",
    "{",
    "}",
    "\"",
    "'",
    "“",
    "”",
    "‘",
    "’",
    "«",
    "»",
    "„",
    "/",
    "\\",
    "&",
    "*",
    "#",
    "@",
    "%",
    "<p>",
    "</p>",
    "<br/>",
    "&amp;",
    "&#x27;",
    "\"Yes,\" he said.",
    "“No”, she told reporters.",
    "'",
    "''",
    "\"\"",
    "(\"",
    "\")",
    // URLs, addresses, tags
    "http://example.com/a?b=c&d=e",
    "https://x.io/",
    "www.example.org",
    "a@b.com",
    "#tag",
    "@user",
    "$AAPL",
    // Unicode that changes length when normalized, cased or encoded
    "ﬁ",
    "ﬃ",
    "İ",
    "ı",
    "ß",
    "ẞ",
    "ǅ",
    "ŉ",
    "ΐ",
    "ﷺ",
    "Å",
    "Å",
    "Ⅻ",
    "①",
    "ｆｕｌｌ",
    "１２３",
    "٣",
    "١٢٣",
    "𝐁𝐨𝐥𝐝",
    "e\u{301}",
    "\u{301}",
    "\u{345}",
    "a\u{301}\u{302}\u{303}\u{304}",
    "\u{200B}",
    "\u{200C}",
    "\u{200D}",
    "\u{2060}",
    "\u{FEFF}",
    "\u{00A0}",
    "\u{2009}",
    "\u{3000}",
    "\u{2028}",
    "\u{2029}",
    "\u{85}",
    "\u{202E}",
    "\u{200F}",
    "\u{0}",
    "\u{7}",
    "\u{1B}",
    "\u{7F}",
    "\u{FFFD}",
    "\u{FFFF}",
    "\u{E000}",
    "😀",
    "👍🏽",
    "👨‍👩‍👧",
    "🇮🇶",
    "🏳️‍🌈",
    "𝄞",
    "𠜎",
    "中文",
    "日本語",
    "한국어",
    "العربية",
    "עברית",
    "русский",
    "Ελλάδα",
    "हिन्दी",
    "ไทย",
    // line structure
    "\n",
    "\n\n",
    "\r\n",
    "\r",
    "\t",
    "  ",
    "\n\n\n\n",
];

/// What joins the pieces of a soup.
const SEPARATORS: &[&str] = &[" ", " ", " ", " ", "", "\n", ", ", ". ", "  ", "\t", "\u{00A0}"];

/// A document generated from `seeds` (texts to mutate; may be empty).
pub fn document(seeds: Arc<[String]>) -> impl Strategy<Value = Document> {
    let published = proptest::option::of(prop_oneof![
        "(19|20)[0-9]{2}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9])",
        Just("2024-02-30".to_string()),
        Just("Wed, 11 Sep 2024 10:00:00 +0000".to_string()),
        Just("2024-09-11T23:59:59-12:00".to_string()),
        Just("9999-12-31".to_string()),
        Just("0000-01-01".to_string()),
        ".{0,12}",
    ]);
    let title = proptest::option::of(soup(0..12));
    (vec(part(seeds), 1..4), published, title).prop_map(|(parts, published, title)| Document {
        text: parts.concat(),
        published,
        title,
        ..Document::default()
    })
}

/// One part of a text.
fn part(seeds: Arc<[String]>) -> BoxedStrategy<String> {
    let mut parts = vec![(3, soup(0..300)), (2, shape()), (1, any::<String>().boxed())];
    if !seeds.is_empty() {
        parts.push((4, mutated(seeds)));
    }
    proptest::strategy::Union::new_weighted(parts).boxed()
}

/// Pieces joined by separators.
fn soup(pieces: std::ops::Range<usize>) -> BoxedStrategy<String> {
    vec((select(PIECES), select(SEPARATORS)), pieces)
        .prop_map(|pieces| pieces.into_iter().flat_map(|(p, s)| [p, s]).collect())
        .boxed()
}

/// An edit of a seed text (positions are fractions of its length, in characters).
#[derive(Debug, Clone)]
enum Edit {
    Insert(Index, &'static str),
    Delete(Index, usize),
    Repeat(Index, usize, usize),
    Upper,
    Lower,
    StripPunctuation,
    BreakLines,
    Cut(Index),
}

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        6 => (any::<Index>(), select(PIECES)).prop_map(|(at, piece)| Edit::Insert(at, piece)),
        2 => (any::<Index>(), 1..200usize).prop_map(|(at, n)| Edit::Delete(at, n)),
        1 => (any::<Index>(), 1..60usize, 2..40usize).prop_map(|(at, n, times)| Edit::Repeat(at, n, times)),
        1 => Just(Edit::Upper),
        1 => Just(Edit::Lower),
        1 => Just(Edit::StripPunctuation),
        1 => Just(Edit::BreakLines),
        1 => any::<Index>().prop_map(Edit::Cut),
    ]
}

/// A seed text with edits applied.
fn mutated(seeds: Arc<[String]>) -> BoxedStrategy<String> {
    (any::<Index>(), vec(edit(), 0..12))
        .prop_map(move |(which, edits)| {
            let mut chars: Vec<char> = seeds[which.index(seeds.len())].chars().collect();
            for edit in edits {
                apply(&mut chars, &edit);
            }
            chars.into_iter().collect()
        })
        .boxed()
}

fn apply(chars: &mut Vec<char>, edit: &Edit) {
    let at = |i: &Index, len: usize| if len == 0 { 0 } else { i.index(len + 1) };
    match edit {
        Edit::Insert(i, piece) => {
            let at = at(i, chars.len());
            chars.splice(at..at, piece.chars());
        }
        Edit::Delete(i, n) => {
            let from = at(i, chars.len());
            chars.drain(from..(from + n).min(chars.len()));
        }
        Edit::Repeat(i, n, times) => {
            let from = at(i, chars.len());
            let piece: Vec<char> = chars[from..(from + n).min(chars.len())].to_vec();
            let copies: Vec<char> = piece.iter().copied().cycle().take(piece.len() * times).collect();
            chars.splice(from..from, copies);
        }
        Edit::Upper => *chars = chars.iter().collect::<String>().to_uppercase().chars().collect(),
        Edit::Lower => *chars = chars.iter().collect::<String>().to_lowercase().chars().collect(),
        Edit::StripPunctuation => chars.retain(|c| !c.is_ascii_punctuation()),
        Edit::BreakLines => {
            for c in chars.iter_mut().filter(|c| **c == ' ').step_by(7) {
                *c = '\n';
            }
        }
        Edit::Cut(i) => {
            let at = at(i, chars.len());
            chars.truncate(at);
        }
    }
}

/// An adversarial shape, `n` times.
type Shape = fn(usize) -> String;

/// The shapes of docs/BENCH.md's adversarial bench, and a few more.
const SHAPES: &[Shape] = &[
    |n| "Iraq ".repeat(n),
    |n| (0..n).map(|i| ["Iraq ", "Iran ", "Baghdad ", "Mr Smith "][i % 4]).collect(),
    |n| (0..n).map(|i| format!("Mr Smith{i} met President Jones{i} in Paris. ")).collect(),
    |n| (0..n).map(|i| format!("on {} March {}, ", i % 40, 1990 + i % 50)).collect(),
    |n| (0..n).map(|i| format!("{i},{:03} ", i % 1000)).collect(),
    |n| (0..n).map(|i| ["the", "troops", "said", "talks", "in", "Paris"][i % 6]).collect::<Vec<_>>().join(" "),
    |n| "IRAN'S PRESIDENT MET IRAQI OFFICIALS IN BAGHDAD. ".repeat(n),
    |n| "Iran's President Met Iraqi Officials In Baghdad ".repeat(n),
    |n| "a".repeat(n * 40),
    |n| "\"Yes,\" he said. ".repeat(n),
    |n| "\"'“‘«".repeat(n) + &"”’»'\"".repeat(n / 2),
    |n| "((([[[{{{<<<".repeat(n) + &">>>}}}]]])))".repeat(n / 3),
    |n| "e\u{301}\u{302}\u{303} Ж中ع ".repeat(n),
    |n| "👨‍👩‍👧 🇮🇶 𝄞 ".repeat(n),
    |n| (0..n).map(|i| format!("Headline Number {i} Goes Here\n")).collect(),
    |n| " \n\t\r\n".repeat(n),
    |n| "Iraq, Iran, Syria and Jordan; ".repeat(n),
    |n| "He said she said it said they said. ".repeat(n),
    |n| (0..n).map(|i| format!("{}. ", i)).collect(),
    |n| "U.S. U.K. E.U. ".repeat(n),
];

fn shape() -> BoxedStrategy<String> {
    (0..SHAPES.len(), 0..200usize).prop_map(|(shape, n)| SHAPES[shape](n)).boxed()
}
