//! Fast lookups in the built-in word tables: a fixed open-addressing table for static words, and FNV-1a maps and
//! sets. The default SipHash guards against hostile keys, which these fixed tables do not need, at several times
//! the cost per lookup.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// FNV-1a over the bytes written.
#[derive(Debug, Clone, Copy)]
pub struct Fnv(u64);

impl Default for Fnv {
    fn default() -> Self {
        Fnv(0xcbf2_9ce4_8422_2325)
    }
}

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
    }
}

/// A map with FNV hashing, for word tables.
pub type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<Fnv>>;

/// A fixed table of static words with a cheap hash of the first two bytes, the last byte and the length:
/// a miss (the common case: most words of a text are in no table) costs a few nanoseconds.
#[derive(Debug, Clone)]
pub struct WordTable<V> {
    slots: Vec<Option<(&'static str, V)>>,
    mask: usize,
}

impl<V: Copy> WordTable<V> {
    /// A table of `entries`; a word given twice keeps its first value.
    pub fn new(entries: impl IntoIterator<Item = (&'static str, V)>) -> Self {
        let entries: Vec<(&'static str, V)> = entries.into_iter().collect();
        let size = (entries.len() * 4).next_power_of_two().max(64);
        let mut table = WordTable { slots: vec![None; size], mask: size - 1 };
        for (word, value) in entries {
            let mut at = table.slot(word);
            loop {
                match table.slots.get(at).copied().flatten() {
                    None => {
                        if let Some(slot) = table.slots.get_mut(at) {
                            *slot = Some((word, value));
                        }
                        break;
                    }
                    Some((w, _)) if w == word => break,
                    Some(_) => at = (at + 1) & table.mask,
                }
            }
        }
        table
    }

    fn slot(&self, word: &str) -> usize {
        let b = word.as_bytes();
        let first = b.first().copied().unwrap_or(0) as usize;
        let second = b.get(1).copied().unwrap_or(0) as usize;
        let last = b.last().copied().unwrap_or(0) as usize;
        let h = (first | second << 8 | last << 16 | b.len() << 24).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        (h >> 40) & self.mask
    }

    /// The value of `word`, if the table has it.
    pub fn get(&self, word: &str) -> Option<V> {
        let mut at = self.slot(word);
        loop {
            match self.slots.get(at)? {
                None => return None,
                Some((w, v)) if *w == word => return Some(*v),
                Some(_) => at = (at + 1) & self.mask,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_table() {
        let t = WordTable::new([("may", 5), ("march", 3), ("the", 0), ("may", 9)]);
        assert_eq!(
            (t.get("may"), t.get("march"), t.get("the"), t.get("june"), t.get("")),
            (Some(5), Some(3), Some(0), None, None)
        );
    }
}
