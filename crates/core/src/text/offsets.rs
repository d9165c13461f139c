//! Conversion of normalized byte offsets into the caller's offsets: original bytes, chars or UTF-16 units, in
//! the field (title or text) the span lies in.

use super::{OffsetMap, Split};
use crate::model::{Field, Offsets};

/// How many bytes apart the checkpoints of the char / UTF-16 index are.
const BLOCK: usize = 256;

/// A span in the caller's terms: the field it lies in and its offsets there.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Located {
    /// The title or the text.
    pub field: Field,
    /// Start offset in the field, in the caller's unit.
    pub start: usize,
    /// End offset (exclusive).
    pub end: usize,
}

/// Turns normalized byte offsets into offsets of the caller's text (or title) in the unit they asked for.
///
/// For non-ASCII text it keeps a checkpoint every 256 bytes, so converting an offset costs at most one short
/// scan, whatever the document's size.
#[derive(Debug)]
pub struct OffsetConverter<'a> {
    original: &'a str,
    map: &'a OffsetMap,
    unit: Offsets,
    /// Where the title ends and the body starts in `original`, when it holds a title.
    split: Option<Split>,
    /// Units of `original` before the body.
    body_units: usize,
    /// `(byte, units before byte)` for the first char boundary at or after each multiple of `BLOCK`; empty when
    /// bytes and units agree.
    checkpoints: Vec<(usize, usize)>,
}

impl<'a> OffsetConverter<'a> {
    /// A converter for `original` (a title and body when `split` says so), whose normalized form maps back
    /// through `map`.
    pub fn new(original: &'a str, map: &'a OffsetMap, split: Option<Split>, unit: Offsets) -> Self {
        let mut checkpoints = Vec::new();
        if unit != Offsets::Bytes && !original.is_ascii() {
            let mut units = 0;
            for (at, c) in original.char_indices() {
                while at >= checkpoints.len() * BLOCK {
                    checkpoints.push((at, units));
                }
                units += unit_len(c, unit);
            }
        }
        let mut converter = OffsetConverter { original, map, unit, split, body_units: 0, checkpoints };
        converter.body_units = split.map_or(0, |split| converter.units_before(split.body_start));
        converter
    }

    /// The field and the caller's `[start, end)` in it for a normalized byte range. A range that starts in the
    /// title ends there at the latest.
    pub fn span(&self, start: usize, end: usize) -> Located {
        let (field, s, e) = self.original_range(start, end);
        let base = if field == Field::Title { 0 } else { self.body_units };
        Located { field, start: self.units_before(s) - base, end: self.units_before(e) - base }
    }

    /// The caller's text of a normalized byte range (cut at the title's end, like `span`).
    pub fn text(&self, start: usize, end: usize) -> &'a str {
        let (_, s, e) = self.original_range(start, end);
        self.original.get(s..e).unwrap_or("")
    }

    /// The field of a normalized byte range and its bytes in `original`, kept inside that field.
    fn original_range(&self, start: usize, end: usize) -> (Field, usize, usize) {
        let s = self.map.start(start);
        let e = self.map.end(end).max(s);
        match self.split {
            Some(split) if s < split.title_end => (Field::Title, s, e.min(split.title_end)),
            Some(split) => (Field::Text, s.max(split.body_start), e.max(split.body_start)),
            None => (Field::Text, s, e),
        }
    }

    /// Units of the original text before original byte `at` (a char boundary).
    fn units_before(&self, at: usize) -> usize {
        if self.checkpoints.is_empty() {
            return at;
        }
        let k = (at / BLOCK).min(self.checkpoints.len() - 1);
        let (from, units) = match self.checkpoints[k] {
            (byte, _) if byte > at => self.checkpoints[k - 1],
            checkpoint => checkpoint,
        };
        units + self.original.get(from..at).map_or(0, |s| s.chars().map(|c| unit_len(c, self.unit)).sum())
    }
}

fn unit_len(c: char, unit: Offsets) -> usize {
    match unit {
        Offsets::Bytes => c.len_utf8(),
        Offsets::Chars => 1,
        Offsets::Utf16 => c.len_utf16(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::normalize;

    #[test]
    fn units_agree_with_std() {
        let original = "Ä\u{2019}s “quoted” 👍 text ".repeat(40);
        let n = normalize(&original);
        for unit in [Offsets::Bytes, Offsets::Chars, Offsets::Utf16] {
            let conv = OffsetConverter::new(&original, &n.map, None, unit);
            for (at, _) in original.char_indices().chain([(original.len(), ' ')]) {
                let expected = match unit {
                    Offsets::Bytes => at,
                    Offsets::Chars => original[..at].chars().count(),
                    Offsets::Utf16 => original[..at].encode_utf16().count(),
                };
                assert_eq!(conv.units_before(at), expected, "{unit:?} at {at}");
            }
        }
    }

    #[test]
    fn spans_point_into_their_field() {
        let composed = crate::text::Composed::new(Some("Storm in Zürich"), "Zürich was hit. Zürich");
        let original = composed.text();
        let n = normalize(original);
        let conv = OffsetConverter::new(original, &n.map, composed.split(), Offsets::Chars);
        let find = |word: &str, nth: usize| {
            let at = n.text.match_indices(word).nth(nth).map_or(0, |(at, _)| at);
            conv.span(at, at + word.len())
        };
        assert_eq!(find("Zürich", 0), Located { field: Field::Title, start: 9, end: 15 });
        assert_eq!(find("Zürich", 1), Located { field: Field::Text, start: 0, end: 6 });
        assert_eq!(find("Zürich", 2), Located { field: Field::Text, start: 16, end: 22 });
        // A range running from the title into the body ends with the title.
        let all = conv.span(0, n.text.len());
        assert_eq!(
            (all, conv.text(0, n.text.len())),
            (Located { field: Field::Title, start: 0, end: 15 }, "Storm in Zürich")
        );
    }
}
