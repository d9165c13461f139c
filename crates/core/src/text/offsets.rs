//! Conversion of normalized byte offsets into the caller's offsets: original bytes, chars or UTF-16 units.

use super::OffsetMap;
use crate::model::Offsets;

/// How many bytes apart the checkpoints of the char / UTF-16 index are.
const BLOCK: usize = 256;

/// Turns normalized byte offsets into offsets of the caller's text in the unit they asked for.
///
/// For non-ASCII text it keeps a checkpoint every 256 bytes, so converting an offset costs at most one short
/// scan, whatever the document's size.
#[derive(Debug)]
pub struct OffsetConverter<'a> {
    original: &'a str,
    map: &'a OffsetMap,
    unit: Offsets,
    /// `(byte, units before byte)` for the first char boundary at or after each multiple of `BLOCK`; empty when
    /// bytes and units agree.
    checkpoints: Vec<(usize, usize)>,
}

impl<'a> OffsetConverter<'a> {
    /// A converter for `original`, whose normalized form maps back through `map`.
    pub fn new(original: &'a str, map: &'a OffsetMap, unit: Offsets) -> Self {
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
        OffsetConverter { original, map, unit, checkpoints }
    }

    /// The caller's `[start, end)` for a normalized byte range.
    pub fn span(&self, start: usize, end: usize) -> (usize, usize) {
        let s = self.map.start(start);
        let e = self.map.end(end).max(s);
        (self.units_before(s), self.units_before(e))
    }

    /// The caller's text of a normalized byte range.
    pub fn text(&self, start: usize, end: usize) -> &'a str {
        let s = self.map.start(start);
        let e = self.map.end(end).max(s);
        self.original.get(s..e).unwrap_or("")
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
            let conv = OffsetConverter::new(&original, &n.map, unit);
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
}
