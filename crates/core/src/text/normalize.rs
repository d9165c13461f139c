//! Normalization of the caller's text into the form every stage reads, with a map back to the original.
//!
//! NFC; curly quotes to straight ones; en dashes to `-` and em dashes to `--` (as newswire writes them);
//! non-breaking and other exotic spaces to a space; zero-width characters and control characters removed;
//! `\r\n` and line separators to `\n`; `…` to `...`. Plain ASCII text without carriage returns or control
//! characters is borrowed as it is.

use std::borrow::Cow;

use unicode_normalization::{IsNormalized, UnicodeNormalization, char::canonical_combining_class, is_nfc_quick};

/// Normalized text and the way back to the caller's offsets.
#[derive(Debug, Clone)]
pub struct Normalized<'a> {
    /// The normalized text.
    pub text: Cow<'a, str>,
    /// Maps byte offsets of `text` to byte offsets of the original.
    pub map: OffsetMap,
}

/// One place where the mapping from normalized to original offsets changes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Break {
    /// Byte offset in the normalized text.
    normalized: usize,
    /// Byte offset in the original text.
    original: usize,
    /// Bytes of the original replaced here (0 for a stretch copied byte for byte).
    replaced: usize,
}

/// Maps byte offsets in normalized text back to byte offsets in the original text.
///
/// Stored sparsely: one entry per replacement, so text that needed no change costs nothing.
#[derive(Debug, Clone, Default)]
pub struct OffsetMap {
    breaks: Vec<Break>,
}

impl OffsetMap {
    /// The original offset of a span that starts at normalized offset `at`.
    ///
    /// Text deleted by normalization (a zero-width space) right before `at` is left outside the span.
    pub fn start(&self, at: usize) -> usize {
        let i = self.breaks.partition_point(|b| b.normalized <= at);
        match i.checked_sub(1).map(|i| self.breaks[i]) {
            None => at,
            Some(b) if b.replaced == 0 => b.original + (at - b.normalized),
            Some(b) => b.original,
        }
    }

    /// The original offset of a span that ends at normalized offset `at`.
    ///
    /// A span ending inside or at the end of a replacement ends after the replaced original text.
    pub fn end(&self, at: usize) -> usize {
        let i = self.breaks.partition_point(|b| b.normalized < at);
        match i.checked_sub(1).map(|i| self.breaks[i]) {
            None => at,
            Some(b) if b.replaced == 0 => b.original + (at - b.normalized),
            Some(b) => b.original + b.replaced,
        }
    }

    /// The normalized offset of original offset `at`: the first normalized offset whose span would start at or
    /// after it (`normalized_len` is the length of the normalized text).
    pub fn normalized(&self, at: usize, normalized_len: usize) -> usize {
        let (mut low, mut high) = (0, normalized_len);
        while low < high {
            let mid = low + (high - low) / 2;
            if self.start(mid) < at {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        low
    }

    /// True when normalized offset `at` falls strictly inside the text that replaced one original character
    /// (between the dots of the `...` that replaced `…`): no span of the caller's text can start or end there.
    pub fn inside_replacement(&self, at: usize) -> bool {
        let i = self.breaks.partition_point(|b| b.normalized < at);
        let replaced = i.checked_sub(1).is_some_and(|i| self.breaks[i].replaced > 0);
        replaced && self.breaks.get(i).is_none_or(|next| next.normalized > at)
    }

    /// True when normalized and original offsets are the same everywhere.
    pub fn is_identity(&self) -> bool {
        self.breaks.is_empty()
    }
}

/// What normalization does with one character.
enum Replacement {
    Keep,
    Drop,
    With(&'static str),
}

fn replacement(c: char) -> Replacement {
    use Replacement::*;
    match c {
        '\n' | '\t' => Keep,
        '\r' => With("\n"),
        '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2032}' | '\u{FF07}' => With("'"),
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{2033}' | '\u{FF02}' | '\u{00AB}' | '\u{00BB}' => {
            With("\"")
        }
        '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' | '\u{2212}' | '\u{FE63}' | '\u{FF0D}' => With("-"),
        '\u{2014}' | '\u{2015}' => With("--"),
        '\u{2026}' => With("..."),
        '\u{2028}' | '\u{2029}' | '\u{0085}' => With("\n"),
        '\u{00A0}' | '\u{1680}' | '\u{2000}'..='\u{200A}' | '\u{202F}' | '\u{205F}' | '\u{3000}' => With(" "),
        '\u{00AD}' | '\u{200B}' | '\u{2060}' | '\u{FEFF}' => Drop,
        c if c.is_control() => Drop,
        _ => Keep,
    }
}

/// True when the text needs no change at all (the common case for ASCII newswire).
fn is_clean(text: &str) -> bool {
    text.bytes().all(is_clean_byte)
}

fn is_clean_byte(b: u8) -> bool {
    (0x20..0x7F).contains(&b) || b == b'\n' || b == b'\t'
}

/// Normalizes `original`, keeping a map back to its byte offsets.
pub fn normalize(original: &str) -> Normalized<'_> {
    if is_clean(original) {
        return Normalized { text: Cow::Borrowed(original), map: OffsetMap::default() };
    }
    let bytes = original.as_bytes();
    let mut out = String::with_capacity(original.len());
    let mut breaks: Vec<Break> = Vec::new();
    // Whether the last entry of `breaks` describes a plain copy that is still running.
    let mut copying = true;
    let copy = |out: &mut String, breaks: &mut Vec<Break>, copying: &mut bool, from: usize, to: usize| {
        if !*copying {
            breaks.push(Break { normalized: out.len(), original: from, replaced: 0 });
            *copying = true;
        }
        out.push_str(&original[from..to]);
    };
    let mut at = 0;
    while at < bytes.len() {
        // Copy the run of clean ASCII in one go; keep its last character back when a non-ASCII character follows,
        // which may be a combining mark to compose with it.
        let run_end = bytes[at..].iter().position(|&b| !is_clean_byte(b)).map_or(bytes.len(), |n| at + n);
        let keep_back = usize::from(run_end < bytes.len() && bytes[run_end] >= 0x80 && run_end > at);
        if run_end - keep_back > at {
            copy(&mut out, &mut breaks, &mut copying, at, run_end - keep_back);
            at = run_end - keep_back;
        }
        let Some(c) = original[at..].chars().next() else { break };
        // Windows line ends become one newline.
        if c == '\r' && bytes.get(at + 1) == Some(&b'\n') {
            breaks.push(Break { normalized: out.len(), original: at, replaced: 1 });
            copying = false;
            at += 1;
            continue;
        }
        // A starter with the combining marks that follow it, composed when it is not NFC already.
        let mut char_end = at + c.len_utf8();
        char_end += original[char_end..]
            .chars()
            .take_while(|&m| canonical_combining_class(m) != 0)
            .map(char::len_utf8)
            .sum::<usize>();
        let run = &original[at..char_end];
        let composed: Option<String> = (!c.is_ascii() || char_end > at + 1)
            .then_some(run)
            .filter(|run| is_nfc_quick(run.chars()) != IsNormalized::Yes)
            .map(|run| run.nfc().collect::<String>())
            .filter(|nfc| nfc != run);
        let piece: Option<&str> = match (&composed, replacement(c)) {
            (Some(nfc), _) => Some(nfc.as_str()),
            (None, Replacement::Keep) => None,
            (None, Replacement::Drop) => Some(""),
            (None, Replacement::With(s)) => Some(s),
        };
        match piece {
            None => copy(&mut out, &mut breaks, &mut copying, at, char_end),
            Some(piece) => {
                breaks.push(Break { normalized: out.len(), original: at, replaced: char_end - at });
                out.push_str(piece);
                copying = false;
            }
        }
        at = char_end;
    }
    // A text that ends with a replacement ends with a copy of nothing, so that every replacement has an end.
    if !copying {
        breaks.push(Break { normalized: out.len(), original: bytes.len(), replaced: 0 });
    }
    Normalized { text: Cow::Owned(out), map: OffsetMap { breaks } }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn round_trip(original: &str, normalized: &str, spans: &[(&str, &str)]) {
        let n = normalize(original);
        assert_eq!(n.text, normalized);
        for (in_normalized, in_original) in spans {
            let s = n.text.find(in_normalized).expect("span in normalized text");
            let e = s + in_normalized.len();
            assert_eq!(&original[n.map.start(s)..n.map.end(e)], *in_original, "span {in_normalized:?}");
        }
    }

    #[test]
    fn ascii_is_borrowed() {
        let n = normalize("Iran's president visited Baghdad.\n");
        assert!(matches!(n.text, Cow::Borrowed(_)));
        assert!(n.map.is_identity());
    }

    #[test]
    fn quotes_dashes_spaces() {
        round_trip(
            "Iran\u{2019}s \u{201C}strategic\u{201D} plan \u{2014} in\u{00A0}full",
            "Iran's \"strategic\" plan -- in full",
            &[
                ("Iran", "Iran"),
                ("'s", "\u{2019}s"),
                ("\"strategic\"", "\u{201C}strategic\u{201D}"),
                ("--", "\u{2014}"),
                ("full", "full"),
                ("plan -- in", "plan \u{2014} in"),
            ],
        );
    }

    #[test]
    fn inside_a_replacement() {
        let n = normalize("Mr\u{2026} x\u{2014}");
        assert_eq!(n.text, "Mr... x--");
        let inside: Vec<usize> = (0..=n.text.len()).filter(|&at| n.map.inside_replacement(at)).collect();
        assert_eq!(inside, [3, 4, 8]);
    }

    #[test]
    fn zero_width_and_control_dropped() {
        round_trip(
            "Bag\u{200B}hdad\u{0007} airport",
            "Baghdad airport",
            &[("Baghdad", "Bag\u{200B}hdad"), ("airport", "airport")],
        );
    }

    #[test]
    fn original_offsets_map_to_normalized_ones() {
        let original = "Iran\u{2019}s \u{201C}plan\u{201D}\u{2026}\n\nBody";
        let n = normalize(original);
        assert_eq!(n.text, "Iran's \"plan\"...\n\nBody");
        let body = original.find("\n\nBody").unwrap_or(0);
        assert_eq!(n.map.normalized(body, n.text.len()), n.text.find("\n\nBody").unwrap_or(0));
        assert_eq!(n.map.normalized(0, n.text.len()), 0);
        assert_eq!(n.map.normalized(original.len(), n.text.len()), n.text.len());
    }

    #[test]
    fn crlf_and_nfc() {
        round_trip(
            "Cafe\u{0301} Zu\u{0308}rich\r\nnext",
            "Caf\u{00E9} Z\u{00FC}rich\nnext",
            &[("Z\u{00FC}rich", "Zu\u{0308}rich"), ("next", "next")],
        );
    }
}
