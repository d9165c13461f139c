//! `FeatureTable`: the sparse weights of a linear model, laid out for lookups that mostly miss the CPU caches.
//!
//! A tagger looks up some seventy feature keys per token in tables of a few hundred thousand keys, so the layout
//! decides the speed. A one-byte fingerprint per slot lives in its own small array, which stays in cache: a key
//! that is not in the table (a third of all lookups) costs nothing more. A key that is there costs one cache line
//! holding the key and, for nearly every key, all its weights.

use super::chain::ChainFile;

/// Weights kept in the slot itself; longer rows live in `dense`. Sixteen cover 97% of the rows of the stacked
/// entity table (both passes' weights of a feature); the rest are the most frequent features, whose rows are
/// nearly full.
const INLINE: usize = 16;

/// One cache line: the key and its weights.
#[derive(Debug, Clone, Copy, Default)]
#[repr(align(64))]
struct Slot {
    key: u64,
    /// Start of the row in `dense` when it is longer than `INLINE`.
    start: u32,
    len: u16,
    labels: [u8; INLINE],
    weights: [i16; INLINE],
}

/// Sparse feature weights: each feature key's (label, weight) entries.
#[derive(Debug, Default)]
pub struct FeatureTable {
    mask: usize,
    /// 0 for an empty slot, else the key's top byte (never 0).
    control: Vec<u8>,
    slots: Vec<Slot>,
    /// Rows longer than `INLINE`, as `width` weights each (one per label, 0 for none): denser than pairs, and
    /// added without looking at labels.
    dense: Vec<i16>,
    /// Labels of a dense row (one more than the largest label).
    width: usize,
}

#[inline]
fn control_byte(key: u64) -> u8 {
    ((key >> 56) as u8).max(1)
}

impl FeatureTable {
    /// An empty table with room for `keys` keys whose labels are below `width`.
    fn with_capacity(keys: usize, width: usize) -> FeatureTable {
        // Load at most 5/8: short probe runs.
        let capacity = (keys * 8 / 5 + 1).next_power_of_two().max(16);
        FeatureTable {
            mask: capacity - 1,
            control: vec![0; capacity],
            slots: vec![Slot::default(); capacity],
            dense: Vec::new(),
            width,
        }
    }

    /// Stores a row; a key given twice keeps its last row.
    fn insert(&mut self, key: u64, row: &[(u8, i16)]) {
        let len = row.len().min(usize::from(u16::MAX));
        let mut slot = Slot { key, len: len as u16, ..Slot::default() };
        if len <= INLINE {
            for (k, &(label, weight)) in row.iter().take(len).enumerate() {
                slot.labels[k] = label;
                slot.weights[k] = weight;
            }
        } else {
            let start = self.dense.len();
            slot.start = start as u32;
            self.dense.resize(start + self.width, 0);
            for &(label, weight) in row {
                if let Some(w) = self.dense.get_mut(start + usize::from(label)) {
                    *w = weight;
                }
            }
        }
        let mut at = key as usize & self.mask;
        while self.control[at] != 0 && self.slots[at].key != key {
            at = (at + 1) & self.mask;
        }
        self.control[at] = control_byte(key);
        self.slots[at] = slot;
    }

    /// A table of `(key, row)` pairs; a key given twice keeps its last row. Empty rows are left out.
    #[cfg(test)]
    fn new(rows: impl IntoIterator<Item = (u64, Vec<(u8, i16)>)>) -> FeatureTable {
        let rows: Vec<(u64, Vec<(u8, i16)>)> = rows.into_iter().filter(|(_, r)| !r.is_empty()).collect();
        let width = rows.iter().flat_map(|(_, r)| r).map(|&(l, _)| usize::from(l) + 1).max().unwrap_or(0);
        let mut t = FeatureTable::with_capacity(rows.len(), width);
        for (key, row) in rows {
            t.insert(key, &row);
        }
        t
    }

    /// One table for the models of validated files decoded side by side: the labels of `files[k]` become
    /// `k * n + label` (`n` the first file's label count; entries that would not fit a `u8` label are dropped),
    /// so one lookup per feature serves every model. Built by merging the files' sorted keys.
    pub fn from_files(files: &[&ChainFile]) -> FeatureTable {
        let n = files.first().map_or(0, |f| f.labels.len());
        let mut rows: Vec<_> = files.iter().map(|f| f.rows().peekable()).collect();
        let mut merged: Vec<u64> = Vec::new();
        // Count the union first, to size the table once.
        let mut cursors = vec![0usize; files.len()];
        loop {
            let next = files.iter().zip(&cursors).filter_map(|(f, &c)| f.keys.get(c).copied()).min();
            let Some(key) = next else { break };
            merged.push(key);
            for (f, c) in files.iter().zip(&mut cursors) {
                if f.keys.get(*c) == Some(&key) {
                    *c += 1;
                }
            }
        }
        let mut t = FeatureTable::with_capacity(merged.len(), (files.len() * n).min(256));
        let mut row: Vec<(u8, i16)> = Vec::with_capacity(64);
        for key in merged {
            row.clear();
            for (k, r) in rows.iter_mut().enumerate() {
                if let Some(&(_, labels, weights)) = r.peek().filter(|(rk, _, _)| *rk == key) {
                    for (&l, &w) in labels.iter().zip(weights) {
                        if let Ok(label) = u8::try_from(k * n + usize::from(l)) {
                            row.push((label, w));
                        }
                    }
                    r.next();
                }
            }
            t.insert(key, &row);
        }
        t
    }

    #[inline]
    fn find(&self, key: u64) -> Option<&Slot> {
        let want = control_byte(key);
        let mut at = key as usize & self.mask;
        loop {
            match *self.control.get(at)? {
                0 => return None,
                c if c == want => {
                    let slot = self.slots.get(at)?;
                    if slot.key == key {
                        return Some(slot);
                    }
                }
                _ => {}
            }
            at = (at + 1) & self.mask;
        }
    }

    /// The dense row of a slot holding more than `INLINE` weights.
    #[inline]
    fn dense_row(&self, slot: &Slot) -> &[i16] {
        let start = slot.start as usize;
        self.dense.get(start..start + self.width).unwrap_or(&[])
    }

    /// The `(label, weight)` entries of a key (empty when absent).
    #[cfg(test)]
    fn row(&self, key: u64) -> Vec<(u8, i16)> {
        let Some(slot) = self.find(key) else { return Vec::new() };
        let len = usize::from(slot.len);
        if len <= INLINE {
            slot.labels.iter().zip(&slot.weights).take(len).map(|(&l, &w)| (l, w)).collect()
        } else {
            (0..).zip(self.dense_row(slot)).filter(|&(_, &w)| w != 0).map(|(l, &w)| (l, w)).collect()
        }
    }

    /// Reads what lookups of `keys` will read (their control bytes and home slots) without acting on it: the
    /// loads are independent of each other, so the CPU overlaps their cache misses, and the lookups that follow
    /// find the lines in cache instead of waiting for each miss in turn. (A prefetch instruction would do the same
    /// without holding up the pipeline, but it needs `unsafe`.)
    #[inline]
    pub fn touch(&self, keys: &[u64]) {
        let mut seen = 0u64;
        for &key in keys {
            let at = key as usize & self.mask;
            seen ^= u64::from(self.control.get(at).copied().unwrap_or(0));
            seen ^= self.slots.get(at).map_or(0, |s| s.key);
        }
        std::hint::black_box(seen);
    }

    /// Adds the weights of `features` for each label to `out`.
    #[inline]
    pub fn add(&self, features: &[u64], out: &mut [i32]) {
        for &key in features {
            let Some(slot) = self.find(key) else { continue };
            let len = usize::from(slot.len);
            if len <= INLINE {
                for (&label, &weight) in slot.labels.iter().zip(&slot.weights).take(len) {
                    if let Some(score) = out.get_mut(usize::from(label)) {
                        *score += i32::from(weight);
                    }
                }
            } else {
                for (score, &weight) in out.iter_mut().zip(self.dense_row(slot)) {
                    *score += i32::from(weight);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tag::chain::ChainFile;

    #[test]
    fn rows_short_and_long() {
        let long: Vec<(u8, i16)> = (0..10).map(|l| (l, i16::from(l) * 3 - 7)).collect();
        let t = FeatureTable::new(
            (1..500u64)
                .map(|k| (k.wrapping_mul(0x9E37_79B9_7F4A_7C15), vec![(1, k as i16)]))
                .chain([(42, long.clone())]),
        );
        assert_eq!(t.row(42), long);
        assert_eq!(t.row(7u64.wrapping_mul(0x9E37_79B9_7F4A_7C15)), vec![(1, 7)]);
        assert!(t.row(43).is_empty());
        let mut out = vec![0; 10];
        t.add(&[42, 43, 42], &mut out);
        assert_eq!(out[0], -14);
        let file = |keys: Vec<u64>, label: u8| ChainFile {
            labels: (0..10).map(|l| l.to_string()).collect(),
            row_lens: vec![1; keys.len()],
            entry_labels: vec![label; keys.len()],
            entry_weights: vec![5; keys.len()],
            keys,
            ..ChainFile::default()
        };
        let stacked = FeatureTable::from_files(&[&file(vec![3, 42], 1), &file(vec![7, 42, 99], 0)]);
        assert_eq!(stacked.row(42), vec![(1, 5), (10, 5)]);
        assert_eq!(stacked.row(3), vec![(1, 5)]);
        assert_eq!(stacked.row(99), vec![(10, 5)]);
    }
}
