//! Cluster stage: which documents are copies of one story. Candidates come from an
//! index, never from all pairs: documents sharing a passage fingerprint (exact
//! table), or whose whole-body simhashes agree on one of four 16-bit blocks (so any
//! two within Hamming distance 3 meet: Manku, Jain, Das Sarma 2007). Each candidate
//! pair is verified, then merged with union-find.
//!
//! Verification is containment, not symmetric similarity, because one copy may hold
//! another plus intro paragraphs (001 holds 000): the share of the smaller
//! document's passages found in the larger one. Figures are checked too: templated
//! reports (same sentences, every number different) are different stories.

use std::collections::HashMap;

use crate::fingerprint::Fingerprint;

/// Whole-body simhashes this close are copies (Manku's k).
pub const DOC_K: u32 = 3;
/// Passage simhashes this close are the same passage.
pub const PASSAGE_K: u32 = 3;
/// Share of the smaller document's passages that must be found in the other.
pub const MIN_CONTAINMENT: f32 = 0.5;
/// Share of the smaller document's figures that must be found in the other.
pub const MIN_NUMBERS: f32 = 0.5;
/// A passage in more documents than this is template, not evidence.
pub const MAX_POSTINGS: usize = 64;

/// Groups documents into clusters of copies. Returns index lists, each sorted,
/// ordered by their first index. Every index appears exactly once.
pub fn cluster(prints: &[Fingerprint]) -> Vec<Vec<usize>> {
    let n = prints.len();
    let mut uf = UnionFind::new(n);
    for (a, b) in candidates(prints) {
        if same_story(&prints[a], &prints[b]) {
            uf.union(a, b);
        }
    }
    let mut groups: HashMap<usize, Vec<usize>> = HashMap::new();
    for i in 0..n {
        groups.entry(uf.find(i)).or_default().push(i);
    }
    let mut out: Vec<Vec<usize>> = groups.into_values().collect();
    out.sort_unstable_by_key(|g| g[0]);
    out
}

/// Candidate pairs `(a, b)` with `a < b`, sorted and without repeats.
fn candidates(prints: &[Fingerprint]) -> Vec<(usize, usize)> {
    let mut passages: HashMap<u64, Vec<u32>> = HashMap::new();
    let mut blocks: HashMap<u64, Vec<u32>> = HashMap::new();
    for (i, p) in prints.iter().enumerate() {
        let i = i as u32;
        for &h in &p.passages {
            let list = passages.entry(h).or_default();
            if list.last() != Some(&i) {
                list.push(i);
            }
        }
        if p.words > 0 {
            for t in 0..4u64 {
                let key = (t << 16) | ((p.simhash >> (16 * t)) & 0xffff);
                blocks.entry(key).or_default().push(i);
            }
        }
    }
    let mut pairs = Vec::new();
    for list in passages.values().filter(|l| l.len() <= MAX_POSTINGS) {
        for (k, &a) in list.iter().enumerate() {
            pairs.extend(list[k + 1..].iter().map(|&b| (a as usize, b as usize)));
        }
    }
    for list in blocks.values() {
        for (k, &a) in list.iter().enumerate() {
            for &b in &list[k + 1..] {
                let d = (prints[a as usize].simhash ^ prints[b as usize].simhash).count_ones();
                if d <= DOC_K {
                    pairs.push((a as usize, b as usize));
                }
            }
        }
    }
    pairs.sort_unstable();
    pairs.dedup();
    pairs
}

/// Verifies a candidate pair.
pub fn same_story(a: &Fingerprint, b: &Fingerprint) -> bool {
    if a.words == 0 || b.words == 0 {
        return false;
    }
    if !figures_agree(a, b) {
        return false;
    }
    if a.exact == b.exact || (a.simhash ^ b.simhash).count_ones() <= DOC_K {
        return true;
    }
    containment(a, b) >= MIN_CONTAINMENT
}

/// Share of the smaller document's passages with a near-equal passage in the other.
pub fn containment(a: &Fingerprint, b: &Fingerprint) -> f32 {
    let (small, large) = if a.passages.len() <= b.passages.len() {
        (a, b)
    } else {
        (b, a)
    };
    if small.passages.is_empty() {
        return 0.0;
    }
    let found = small
        .passages
        .iter()
        .filter(|&&p| {
            large
                .passages
                .iter()
                .any(|&q| (p ^ q).count_ones() <= PASSAGE_K)
        })
        .count();
    found as f32 / small.passages.len() as f32
}

fn figures_agree(a: &Fingerprint, b: &Fingerprint) -> bool {
    let (small, large) = if a.numbers.len() <= b.numbers.len() {
        (&a.numbers, &b.numbers)
    } else {
        (&b.numbers, &a.numbers)
    };
    if small.len() < 3 {
        return true;
    }
    let shared = small
        .iter()
        .filter(|n| large.binary_search(n).is_ok())
        .count();
    shared as f32 >= MIN_NUMBERS * small.len() as f32
}

/// Disjoint sets with path halving; the smaller index is the root, so results do
/// not depend on the order unions are made in.
struct UnionFind {
    parent: Vec<usize>,
}

impl UnionFind {
    fn new(n: usize) -> Self {
        UnionFind {
            parent: (0..n).collect(),
        }
    }

    fn find(&mut self, mut x: usize) -> usize {
        while self.parent[x] != x {
            self.parent[x] = self.parent[self.parent[x]];
            x = self.parent[x];
        }
        x
    }

    fn union(&mut self, a: usize, b: usize) {
        let (ra, rb) = (self.find(a), self.find(b));
        if ra != rb {
            let (lo, hi) = (ra.min(rb), ra.max(rb));
            self.parent[hi] = lo;
        }
    }
}
