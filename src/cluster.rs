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
    let mut index = Index::default();
    for (b, p) in prints.iter().enumerate() {
        let found = verify_candidates(&index, prints, p, b, &mut uf);
        links.extend(found.into_iter().map(|(s, a)| (s, a, b)));
        index.insert(p);
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

/// The candidate index: an exact table of passage fingerprints and four tables of
/// 16-bit blocks of the whole-body simhash. Documents are numbered in insertion
/// order; nothing is rebuilt when one is added.
#[derive(Debug, Clone, Default)]
pub struct Index {
    passages: HashMap<u64, Vec<u32>>,
    blocks: HashMap<u64, Vec<u32>>,
    simhashes: Vec<u64>,
}

/// Keys of the four 16-bit blocks of a simhash, each tagged with its table.
fn block_keys(simhash: u64) -> impl Iterator<Item = u64> {
    (0..4u64).map(move |t| (t << 16) | ((simhash >> (16 * t)) & 0xffff))
}

impl Index {
    /// Number of documents indexed.
    pub fn len(&self) -> usize {
        self.simhashes.len()
    }

    /// True when nothing is indexed.
    pub fn is_empty(&self) -> bool {
        self.simhashes.is_empty()
    }

    /// Indexed documents that may be copies of `p`: sharing a passage that is not
    /// template (in at most [`MAX_POSTINGS`] documents), or within [`DOC_K`] bits
    /// of whole-body simhash. Ascending, without repeats.
    pub fn candidates(&self, p: &Fingerprint) -> Vec<u32> {
        let mut out: Vec<u32> = Vec::new();
        for h in &p.passages {
            if let Some(list) = self.passages.get(h).filter(|l| l.len() <= MAX_POSTINGS) {
                out.extend(list);
            }
        }
        if p.words > 0 {
            for key in block_keys(p.simhash) {
                if let Some(list) = self.blocks.get(&key) {
                    out.extend(list.iter().filter(|&&j| {
                        (self.simhashes[j as usize] ^ p.simhash).count_ones() <= DOC_K
                    }));
                }
            }
        }
        out.sort_unstable();
        out.dedup();
        out
    }

    /// Adds a document; returns its number.
    pub fn insert(&mut self, p: &Fingerprint) -> u32 {
        let i = self.simhashes.len() as u32;
        for &h in &p.passages {
            let list = self.passages.entry(h).or_default();
            if list.last() != Some(&i) {
                list.push(i);
            }
        }
        if p.words > 0 {
            for key in block_keys(p.simhash) {
                self.blocks.entry(key).or_default().push(i);
            }
        }
        self.simhashes.push(p.simhash);
        i
    }
}

/// Verifies document `b` (`p`) against its candidates among the indexed `prints`:
/// records cannot-links in `uf` and returns the copies with their strength. The
/// one step the batch and incremental paths share.
fn verify_candidates(
    index: &Index,
    prints: &[Fingerprint],
    p: &Fingerprint,
    b: usize,
    uf: &mut UnionFind,
) -> Vec<(f32, usize)> {
    let mut links = Vec::new();
    for a in index.candidates(p) {
        let a = a as usize;
        match verify(&prints[a], p) {
            Verdict::Same(strength) => links.push((strength, a)),
            Verdict::OtherFigures => uf.forbid(a, b),
            Verdict::Different => {}
        }
    }
    links
}

/// Whether an inserted document is new.
#[derive(Debug, Clone, PartialEq)]
pub enum Novelty {
    /// No earlier document is a copy of it.
    New,
    /// A copy of an earlier story: `id` is the first document inserted of it.
    CopyOf {
        /// The id the story was first seen under.
        id: String,
    },
}

/// Incremental deduplication for crawlers: insert documents one at a time and learn
/// whether each is new or a copy of which story, without rebuilding anything. Uses
/// the same index and verification as [`cluster`]; merges happen in insertion
/// order (the batch path orders them by strength instead).
#[derive(Debug, Clone, Default)]
pub struct Deduper {
    index: Index,
    prints: Vec<Fingerprint>,
    ids: Vec<String>,
    uf: UnionFind,
}

impl Deduper {
    /// An empty deduper.
    pub fn new() -> Self {
        Self::default()
    }

    /// Number of documents inserted.
    pub fn len(&self) -> usize {
        self.ids.len()
    }

    /// True when nothing was inserted.
    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }

    /// Inserts a document and says whether it is new.
    pub fn insert(&mut self, id: impl Into<String>, print: Fingerprint) -> Novelty {
        let b = self.uf.push();
        let mut links = verify_candidates(&self.index, &self.prints, &print, b, &mut self.uf);
        links.sort_by(|x, y| y.0.total_cmp(&x.0).then(x.1.cmp(&y.1)));
        for &(_, a) in &links {
            self.uf.union(a, b);
        }
        self.index.insert(&print);
        self.prints.push(print);
        self.ids.push(id.into());
        let root = self.uf.find(b);
        if root == b {
            Novelty::New
        } else {
            Novelty::CopyOf {
                id: self.ids[root].clone(),
            }
        }
    }
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
    // A near-equal whole body needs no passage count.
    let near = a.exact == b.exact || (a.simhash ^ b.simhash).count_ones() <= DOC_K;
    let strength = if near { 1.0 } else { containment(a, b) };
    if strength < MIN_CONTAINMENT {
        return Verdict::Different;
    }
    if !figures_agree(a, b) {
        return Verdict::OtherFigures;
    }
    Verdict::Same(strength)
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
#[derive(Debug, Clone, Default)]
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

    /// Adds a singleton set; returns its element.
    fn push(&mut self) -> usize {
        self.parent.push(self.parent.len());
        self.parent.len() - 1
    }

    /// Records that the sets of `a` and `b` may never be merged.
    fn forbid(&mut self, a: usize, b: usize) {
        let (ra, rb) = (self.find(a), self.find(b));
        self.forbidden.entry(ra).or_default().push(b);
        self.forbidden.entry(rb).or_default().push(a);
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
