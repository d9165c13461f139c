//! Deterministic 64-bit hashing of words and feature keys.
//!
//! Trained weights are stored under these keys, so the functions must give the same value on every platform and
//! in every release: change them and every model must be retrained.

/// The splitmix64 finalizer: a cheap bijective mix of all 64 bits.
#[inline]
pub const fn mix(x: u64) -> u64 {
    let mut z = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// Hash of a byte string (read in little-endian 8-byte words, so platform-independent).
#[inline]
pub fn hash_bytes(bytes: &[u8]) -> u64 {
    let mut h = 0xCBF2_9CE4_8422_2325 ^ (bytes.len() as u64);
    let mut chunks = bytes.chunks_exact(8);
    for chunk in &mut chunks {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        h = mix(h ^ u64::from_le_bytes(word));
    }
    let rest = chunks.remainder();
    if !rest.is_empty() {
        let mut word = [0u8; 8];
        word[..rest.len()].copy_from_slice(rest);
        h = mix(h ^ u64::from_le_bytes(word));
    }
    h
}

/// Hash of a string.
#[inline]
pub fn hash_str(s: &str) -> u64 {
    hash_bytes(s.as_bytes())
}

/// An ordered combination of two hashes: `combine(a, b) != combine(b, a)`.
#[inline]
pub const fn combine(a: u64, b: u64) -> u64 {
    mix(a.rotate_left(29) ^ b)
}

/// A feature key from a template number and one value; never 0 (the empty slot of a `KeyMap`).
#[inline]
pub const fn key1(template: u32, a: u64) -> u64 {
    nonzero(combine(template as u64, a))
}

/// A feature key from a template number and two values; never 0.
#[inline]
pub const fn key2(template: u32, a: u64, b: u64) -> u64 {
    nonzero(combine(combine(template as u64, a), b))
}

/// A feature key from a template number and three values; never 0.
#[inline]
pub const fn key3(template: u32, a: u64, b: u64, c: u64) -> u64 {
    nonzero(combine(combine(combine(template as u64, a), b), c))
}

#[inline]
const fn nonzero(k: u64) -> u64 {
    if k == 0 { 1 } else { k }
}

/// A `Hasher` for keys that are already hashes (`hash_str`, `key1` …): passes them through.
#[derive(Debug, Clone, Copy, Default)]
pub struct PassThrough(u64);

impl std::hash::Hasher for PassThrough {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        self.0 = hash_bytes(bytes) ^ self.0.rotate_left(5);
    }

    fn write_u64(&mut self, x: u64) {
        self.0 = x;
    }
}

/// A `HashMap` keyed by hashes.
pub type HashKeyed<V> = std::collections::HashMap<u64, V, std::hash::BuildHasherDefault<PassThrough>>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stable_values() {
        // Pinned (computed independently): a change here silently invalidates every trained model.
        assert_eq!(hash_str(""), 0xCBF2_9CE4_8422_2325);
        assert_eq!(hash_str("Iran"), 0x2712_633D_AC0D_965B);
        assert_eq!(hash_str("Masoud Pezeshkian"), 0xCC4B_BB1C_9896_ACE5);
        assert_ne!(hash_str("Iran"), hash_str("iran"));
        assert_ne!(combine(1, 2), combine(2, 1));
        assert_ne!(hash_str("abcdefgh"), hash_str("abcdefgh\0"));
        assert_ne!(key1(1, 5), 0);
    }
}
