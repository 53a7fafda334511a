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

/// Longest run of probes [`Distinct`] makes before it gives up: values placed
/// this far from their slot were made to collide (natural hashes almost never
/// run past a few), and the caller sorts instead, so time stays bounded.
const PROBES: usize = 32;

/// A set of 64-bit hashes, for keeping or counting distinct ones on hot paths
/// (a sort there was 7% of a dedup run): open addressing over a table of at
/// least twice as many slots as values, linear probing. The values are hash
/// outputs already, so their own low bits place them; 0 marks a free slot and
/// is kept apart.
#[derive(Default)]
pub(crate) struct Distinct {
    slots: Vec<u64>,
    mask: usize,
    zero: bool,
}

impl Distinct {
    /// Empties the set for up to `n` values.
    fn reset(&mut self, n: usize) {
        let size = (2 * n).next_power_of_two().max(16);
        self.slots.clear();
        self.slots.resize(size, 0);
        self.mask = size - 1;
        self.zero = false;
    }

    /// Adds `h`: whether it was new, or `None` when its probes ran past
    /// [`PROBES`] (the set then holds no answer for it).
    #[inline]
    fn insert(&mut self, h: u64) -> Option<bool> {
        if h == 0 {
            return Some(!std::mem::replace(&mut self.zero, true));
        }
        let mut i = h as usize & self.mask;
        for _ in 0..PROBES {
            match self.slots[i] {
                0 => {
                    self.slots[i] = h;
                    return Some(true);
                }
                s if s == h => return Some(false),
                _ => i = (i + 1) & self.mask,
            }
        }
        None
    }

    /// Keeps one of each value of `s`: the first, in order, or (past
    /// [`PROBES`]) sorted.
    pub(crate) fn retain(&mut self, s: &mut Vec<u64>) {
        if s.len() < 2 {
            return;
        }
        self.reset(s.len());
        let mut gave_up = false;
        s.retain(|&h| {
            self.insert(h).unwrap_or_else(|| {
                gave_up = true;
                true
            })
        });
        if gave_up {
            s.sort_unstable();
            s.dedup();
        }
    }

    /// The number of distinct values in `lists` taken together.
    pub(crate) fn count(&mut self, lists: &[Vec<u64>]) -> usize {
        self.reset(lists.iter().map(Vec::len).sum());
        let mut n = 0;
        for &h in lists.iter().flatten() {
            match self.insert(h) {
                Some(new) => n += usize::from(new),
                None => {
                    let mut all = lists.concat();
                    all.sort_unstable();
                    all.dedup();
                    return all.len();
                }
            }
        }
        n
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The distinct values of `s`, sorted, as a sort would give them.
    fn sorted_distinct(s: &[u64]) -> Vec<u64> {
        let mut v = s.to_vec();
        v.sort_unstable();
        v.dedup();
        v
    }

    #[test]
    fn keeps_and_counts_each_value_once() {
        let mut set = Distinct::default();
        // Mixed hashes with repeats, 0 among them, and values sharing low bits.
        let mut s: Vec<u64> = (0..500u64).map(|i| fmix(i % 170)).collect();
        s.extend([0, 7, 0, 7 + (1 << 40), 7 + (2 << 40), 7]);
        let mut kept = s.clone();
        set.retain(&mut kept);
        assert_eq!(kept.len(), sorted_distinct(&s).len());
        assert_eq!(sorted_distinct(&kept), sorted_distinct(&s));
        // The first of each, in order.
        assert_eq!(&kept[..3], &s[..3]);
        let lists = [s.clone(), vec![1, 2, 3], s[..10].to_vec()];
        assert_eq!(set.count(&lists), sorted_distinct(&lists.concat()).len());
    }

    #[test]
    fn values_made_to_collide_still_come_out_distinct() {
        // Every value in one slot: probing gives up, and a sort answers.
        let s: Vec<u64> = (1..=200u64)
            .map(|i| i << 32)
            .chain([5 << 32, 9 << 32])
            .collect();
        let mut set = Distinct::default();
        let mut kept = s.clone();
        set.retain(&mut kept);
        assert_eq!(kept, sorted_distinct(&s));
        assert_eq!(set.count(&[s.clone(), s]), 200);
    }
}
