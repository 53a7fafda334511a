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
pub const MIN_CONTAINMENT: f32 = 0.4;
/// Share of the smaller document's figures that must be found in the other. Even one
/// or two figures count: a templated report may have no more.
pub const MIN_NUMBERS: f32 = 0.5;
/// A passage in more documents than this is template, not evidence.
pub const MAX_POSTINGS: usize = 64;

/// Groups documents into clusters of copies. Returns index lists, each sorted,
/// ordered by their first index. Every index appears exactly once.
///
/// Verified pairs are merged strongest first. A pair whose text matches but whose
/// figures disagree is a cannot-link: no union may put its two documents in one
/// cluster, even through a third copy that lost its figures.
pub fn cluster(prints: &[Fingerprint]) -> Vec<Vec<usize>> {
    let n = prints.len();
    let mut links: Vec<(f32, usize, usize)> = Vec::new();
    let mut uf = UnionFind::new(n);
    for (a, b) in candidates(prints) {
        match verify(&prints[a], &prints[b]) {
            Verdict::Same(strength) => links.push((strength, a, b)),
            Verdict::OtherFigures => uf.forbid(a, b),
            Verdict::Different => {}
        }
    }
    links.sort_by(|x, y| y.0.total_cmp(&x.0).then((x.1, x.2).cmp(&(y.1, y.2))));
    for (_, a, b) in links {
        uf.union(a, b);
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
pub fn candidates(prints: &[Fingerprint]) -> Vec<(usize, usize)> {
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

/// What verification says of a candidate pair.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Verdict {
    /// Copies of one story, with the strength of the evidence (containment).
    Same(f32),
    /// The same text with other figures: a templated report, never one story.
    OtherFigures,
    /// Not copies.
    Different,
}

/// Verifies a candidate pair.
pub fn verify(a: &Fingerprint, b: &Fingerprint) -> Verdict {
    if a.words == 0 || b.words == 0 {
        return Verdict::Different;
    }
    let near = a.exact == b.exact || (a.simhash ^ b.simhash).count_ones() <= DOC_K;
    let c = containment(a, b);
    if !near && c < MIN_CONTAINMENT {
        return Verdict::Different;
    }
    if !figures_agree(a, b) {
        return Verdict::OtherFigures;
    }
    Verdict::Same(if near { 1.0 } else { c })
}

/// True when verification finds the pair to be copies of one story.
pub fn same_story(a: &Fingerprint, b: &Fingerprint) -> bool {
    matches!(verify(a, b), Verdict::Same(_))
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
    // Figures in the same context: copies agree on them, templated reports do not.
    let (mut i, mut j, mut same, mut differ) = (0, 0, 0, 0);
    while i < a.figures.len() && j < b.figures.len() {
        let (x, y) = (a.figures[i], b.figures[j]);
        match x.0.cmp(&y.0) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                if x.1 == y.1 {
                    same += 1;
                } else {
                    differ += 1;
                }
                i += 1;
                j += 1;
            }
        }
    }
    if differ > same {
        return false;
    }
    if same > 0 {
        return true;
    }
    // No figure in a shared context: then at least one shared figure, when both
    // texts have some (copies keep their figures; renumbered reports share none).
    let (small, large) = if a.numbers.len() <= b.numbers.len() {
        (&a.numbers, &b.numbers)
    } else {
        (&b.numbers, &a.numbers)
    };
    small.len() < 2 || small.iter().any(|n| large.binary_search(n).is_ok())
}

/// Disjoint sets with path halving and cannot-link constraints. The smaller index
/// is the root, so the partition depends only on the order of unions, which the
/// caller fixes.
struct UnionFind {
    parent: Vec<usize>,
    /// Per root: documents its set may never join.
    forbidden: HashMap<usize, Vec<usize>>,
}

impl UnionFind {
    fn new(n: usize) -> Self {
        UnionFind {
            parent: (0..n).collect(),
            forbidden: HashMap::new(),
        }
    }

    fn find(&mut self, mut x: usize) -> usize {
        while self.parent[x] != x {
            self.parent[x] = self.parent[self.parent[x]];
            x = self.parent[x];
        }
        x
    }

    /// Called before any union, while every document is its own root.
    fn forbid(&mut self, a: usize, b: usize) {
        self.forbidden.entry(a).or_default().push(b);
        self.forbidden.entry(b).or_default().push(a);
    }

    /// Merges the sets of `a` and `b` unless a cannot-link joins them.
    fn union(&mut self, a: usize, b: usize) {
        let (ra, rb) = (self.find(a), self.find(b));
        if ra == rb {
            return;
        }
        for (r, other) in [(ra, rb), (rb, ra)] {
            let list = self.forbidden.get(&r).cloned().unwrap_or_default();
            if list.into_iter().any(|x| self.find(x) == other) {
                return;
            }
        }
        let (lo, hi) = (ra.min(rb), ra.max(rb));
        self.parent[hi] = lo;
        if let Some(moved) = self.forbidden.remove(&hi) {
            self.forbidden.entry(lo).or_default().extend(moved);
        }
    }
}
