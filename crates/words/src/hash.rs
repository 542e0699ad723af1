//! Stable 64-bit hashes for strings and feature tuples.
//!
//! Model files store features by hash, so the hash must not depend on the
//! platform, the compiler or a crate version: FNV-1a for strings, and a
//! murmur-style mixer to combine hashes into feature keys.

use std::hash::{BuildHasherDefault, Hasher};

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const FNV_PRIME: u64 = 0x0000_0100_0000_01b3;

/// FNV-1a of a string.
pub fn string(s: &str) -> u64 {
    let mut h = FNV_OFFSET;
    for b in s.bytes() {
        h = (h ^ u64::from(b)).wrapping_mul(FNV_PRIME);
    }
    h
}

/// The finaliser of MurmurHash3: every input bit reaches every output bit.
#[inline]
fn fmix(mut h: u64) -> u64 {
    h ^= h >> 33;
    h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
    h ^= h >> 33;
    h = h.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    h ^ (h >> 33)
}

/// Combines a running hash with one more value (order matters).
#[inline]
pub fn combine(h: u64, x: u64) -> u64 {
    fmix(h.rotate_left(23) ^ x.wrapping_mul(0x9e37_79b9_7f4a_7c15))
}

/// The key of a feature made of a template number and some values.
#[inline]
pub fn feature(template: u8, parts: &[u64]) -> u64 {
    let mut h = fmix(u64::from(template) + 1);
    for &p in parts {
        h = combine(h, p);
    }
    h
}

/// A `Hasher` for keys that are already hashes: it passes them through.
#[derive(Default)]
pub struct PassThrough(u64);

impl Hasher for PassThrough {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        // only reached for keys that are not u64: fold them in
        for &b in bytes {
            self.0 = (self.0 ^ u64::from(b)).wrapping_mul(FNV_PRIME);
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

pub type BuildPassThrough = BuildHasherDefault<PassThrough>;
pub type HashMap<V> = std::collections::HashMap<u64, V, BuildPassThrough>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fnv_is_the_published_function() {
        assert_eq!(string(""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(string("a"), 0xaf63_dc4c_8601_ec8c);
    }

    #[test]
    fn features_depend_on_template_and_order() {
        let (a, b) = (string("a"), string("b"));
        assert_ne!(feature(1, &[a, b]), feature(1, &[b, a]));
        assert_ne!(feature(1, &[a]), feature(2, &[a]));
    }
}
