//! Hashing helpers shared by the stages: a 64-bit finaliser, and a seeded hasher
//! for the hash sets on hot paths, where std's SipHash was 9% of a dedup run.

use std::collections::hash_map::RandomState;
use std::hash::{BuildHasher, Hasher};

use xxhash_rust::xxh3::xxh3_64_with_seed;

/// Finaliser with full avalanche (murmur3's fmix64): every output bit depends on
/// every input bit, as simhash features need.
#[inline]
pub(crate) fn fmix(mut h: u64) -> u64 {
    h ^= h >> 33;
    h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
    h ^= h >> 33;
    h = h.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    h ^ (h >> 33)
}

/// A `BuildHasher` for sets keyed by words or by 64-bit hashes: xxh3 or fmix
/// under a random seed per set. The seed keeps crafted input from piling keys
/// into one bucket; iteration order never reaches the output.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Seeded(u64);

impl Default for Seeded {
    fn default() -> Self {
        Seeded(RandomState::new().hash_one(0u64))
    }
}

impl BuildHasher for Seeded {
    type Hasher = SeededHasher;

    fn build_hasher(&self) -> SeededHasher {
        SeededHasher(self.0)
    }
}

/// The hasher of [`Seeded`].
pub(crate) struct SeededHasher(u64);

impl Hasher for SeededHasher {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        self.0 = xxh3_64_with_seed(bytes, self.0);
    }

    #[inline]
    fn write_u8(&mut self, b: u8) {
        self.0 = fmix(self.0 ^ u64::from(b));
    }

    #[inline]
    fn write_u64(&mut self, x: u64) {
        self.0 = fmix(self.0 ^ x);
    }

    #[inline]
    fn finish(&self) -> u64 {
        self.0
    }
}

/// A hash set with [`Seeded`] hashing.
pub(crate) type FastSet<T> = std::collections::HashSet<T, Seeded>;
/// A hash map with [`Seeded`] hashing.
pub(crate) type FastMap<K, V> = std::collections::HashMap<K, V, Seeded>;
