//! `KeyMap`: an open-addressing map from non-zero `u64` hashes to small values, built once and read many times.
//!
//! The keys are already well-mixed hashes (see `hash`), so the slot is the key's low bits and lookups are one or
//! two probes into one array: faster than a general hash map and deterministic in layout.

/// A read-only map from non-zero `u64` keys to values.
#[derive(Debug, Clone)]
pub struct KeyMap<V> {
    mask: usize,
    /// `(key, value)` per slot, key 0 for an empty slot: key and value share a cache line.
    slots: Vec<(u64, V)>,
}

impl<V: Copy + Default> KeyMap<V> {
    /// Builds the map; a key given twice keeps its last value. Key 0 is skipped.
    pub fn new(entries: impl IntoIterator<Item = (u64, V)>) -> Self {
        let entries: Vec<(u64, V)> = entries.into_iter().filter(|&(k, _)| k != 0).collect();
        let capacity = (entries.len() * 2).next_power_of_two().max(16);
        let mut map = KeyMap { mask: capacity - 1, slots: vec![(0, V::default()); capacity] };
        for (key, value) in entries {
            let mut slot = key as usize & map.mask;
            while map.slots[slot].0 != 0 && map.slots[slot].0 != key {
                slot = (slot + 1) & map.mask;
            }
            map.slots[slot] = (key, value);
        }
        map
    }

    /// The value stored under `key`.
    #[inline]
    pub fn get(&self, key: u64) -> Option<V> {
        let mut slot = key as usize & self.mask;
        loop {
            let &(k, value) = self.slots.get(slot)?;
            if k == key {
                return Some(value);
            }
            if k == 0 {
                return None;
            }
            slot = (slot + 1) & self.mask;
        }
    }
}

impl<V: Copy + Default> Default for KeyMap<V> {
    fn default() -> Self {
        KeyMap::new(std::iter::empty())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_what_was_put() {
        let map = KeyMap::new((1..1000u64).map(|k| (k * 0x1_0000_0001, k as u32)));
        for k in 1..1000u64 {
            assert_eq!(map.get(k * 0x1_0000_0001), Some(k as u32));
        }
        assert_eq!(map.get(7), None);
        assert_eq!(KeyMap::<u8>::default().get(3), None);
    }
}
