//! Cluster stage: which documents are copies of one story. Candidates come from an
//! index, never from all pairs: documents whose bottom-k sketches of passage
//! fingerprints share a key. Each candidate pair is verified (passage containment,
//! or whole-body simhashes within Manku's k = 3), then merged with union-find.
//!
//! Verification is containment, not symmetric similarity, because one copy may hold
//! another plus intro paragraphs (001 holds 000): the share of the smaller
//! document's passages found in the larger one. Figures are checked too: templated
//! reports (same sentences, every number different) are different stories.

use std::borrow::Cow;
use std::collections::HashMap;

use simhash::hamming_distance;

use crate::fingerprint::Fingerprint;
use crate::hash::fmix;

/// Whole-body simhashes this close are copies (Manku's k).
const DOC_K: u32 = 3;
/// Passage simhashes this close are the same passage.
const PASSAGE_K: u32 = 3;
/// Share of the smaller document's passages that must be found in the other.
const MIN_CONTAINMENT: f32 = 0.4;
/// A passage in more documents than this is template, not evidence.
pub(crate) const MAX_POSTINGS: usize = 64;

/// Groups documents into clusters of copies. Returns index lists, each sorted,
/// ordered by their first index. Every index appears exactly once.
///
/// Verified pairs are merged strongest first. A pair whose text matches but whose
/// figures disagree is a cannot-link: no union may put its two documents in one
/// cluster, even through a third copy that lost its figures.
pub fn cluster(prints: &[Fingerprint]) -> Vec<Vec<usize>> {
    let mut links = Links::default();
    let mut index = Index::default();
    for (b, p) in prints.iter().enumerate() {
        links.add(b, check_in(&index, prints, p));
        index.insert(p);
    }
    groups(&mut links.partition(prints.len()), prints.len())
}

/// Sets of a union-find over `0..n` as sorted index lists, ordered by their first.
pub(crate) fn groups(uf: &mut UnionFind, n: usize) -> Vec<Vec<usize>> {
    let mut groups: HashMap<usize, Vec<usize>> = HashMap::new();
    for i in 0..n {
        groups.entry(uf.find(i)).or_default().push(i);
    }
    let mut out: Vec<Vec<usize>> = groups.into_values().collect();
    out.sort_unstable_by_key(|g| g[0]);
    out
}

/// What verification found for one document against the earlier ones.
#[derive(Debug, Default)]
pub(crate) struct Found {
    /// Earlier documents it copies, with the strength of the evidence.
    pub copies: Vec<(f32, usize)>,
    /// Earlier documents with its text and other figures: never one story.
    pub cannot: Vec<usize>,
}

/// Every verified pair of a set: copies with their strength, and cannot-links.
/// The partition is a function of these alone, so it can be rebuilt from them
/// (a persistent state keeps them on disk).
#[derive(Debug, Default, Clone)]
pub(crate) struct Links {
    /// `(strength, a, b)` with `a` inserted before `b`.
    pub copies: Vec<(f32, usize, usize)>,
    /// `(a, b)` pairs that may never share a cluster.
    pub cannot: Vec<(usize, usize)>,
}

impl Links {
    /// Records what verification found for document `b`.
    pub fn add(&mut self, b: usize, found: Found) {
        self.copies
            .extend(found.copies.into_iter().map(|(s, a)| (s, a, b)));
        self.cannot.extend(found.cannot.into_iter().map(|a| (a, b)));
    }

    /// The partition of `0..n`: pairs merged strongest first (ties by position, so
    /// the result does not depend on the order links were found in), never across
    /// a cannot-link.
    pub fn partition(&mut self, n: usize) -> UnionFind {
        let mut uf = UnionFind::new(n);
        for &(a, b) in &self.cannot {
            uf.forbid(a, b);
        }
        self.copies
            .sort_by(|x, y| y.0.total_cmp(&x.0).then((x.1, x.2).cmp(&(y.1, y.2))));
        for &(_, a, b) in &self.copies {
            uf.union(a, b);
        }
        uf
    }
}

/// Passages of a document posted in the index: a bottom-k sketch, the [`SKETCH`]
/// passages with the smallest (mixed) hashes. If a copy holds a share `f` of
/// another's passages, their sketches meet with probability at least
/// `1 - (1 - f)^SKETCH` (0.98 for `f` = 0.4), and the index costs
/// `8 * SKETCH` bytes per document whatever its length.
const SKETCH: usize = 8;

/// The sketch keys of a fingerprint: 32-bit, ascending, distinct.
pub(crate) fn sketch(p: &Fingerprint) -> Vec<u32> {
    // Mixed first: sketch order must not follow the simhash bits.
    let mut keys: Vec<u64> = p.passages.iter().map(|&h| fmix(h)).collect();
    keys.sort_unstable();
    keys.dedup();
    let mut out: Vec<u32> = keys.iter().map(|k| (k >> 32) as u32).collect();
    out.dedup();
    out.truncate(SKETCH);
    out
}

/// Postings `(key, document)` packed in one `u64`, kept as sorted runs (the
/// logarithmic method): new postings go into a small sorted buffer; a full buffer
/// becomes a run, and runs of similar size are merged. Inserts cost O(log n)
/// amortised, lookups a binary search per run, memory 8 bytes per posting.
#[derive(Debug, Clone, Default)]
struct Postings {
    runs: Vec<Vec<u64>>,
    buffer: Vec<u64>,
}

/// Postings buffered before they become a run. Each is inserted in order,
/// shifting half the buffer on average: at 1,024 that is 4 KB (at 8,192 the
/// shifts were a tenth of a dedup run's time); runs merge when one is no more
/// than twice the next, so about log2(postings / 1,024) runs are searched.
const BUFFER: usize = 1024;

impl Postings {
    fn push(&mut self, key: u32, doc: u32) {
        let x = (u64::from(key) << 32) | u64::from(doc);
        let at = self.buffer.partition_point(|&y| y < x);
        self.buffer.insert(at, x);
        if self.buffer.len() >= BUFFER {
            let mut run = std::mem::take(&mut self.buffer);
            while let Some(last) = self.runs.last() {
                if last.len() > 2 * run.len() {
                    break;
                }
                let last = self.runs.pop().unwrap_or_default();
                run = merge(&last, &run);
            }
            self.runs.push(run);
        }
    }

    /// Documents posted under `key`, unless more than `limit` are (template).
    fn get(&self, key: u32, limit: usize, out: &mut Vec<u32>) {
        let lo = u64::from(key) << 32;
        let hi = lo | 0xffff_ffff;
        let ranges: Vec<&[u64]> = self
            .runs
            .iter()
            .chain(std::iter::once(&self.buffer))
            .map(|r| &r[r.partition_point(|&x| x < lo)..r.partition_point(|&x| x <= hi)])
            .collect();
        if ranges.iter().map(|r| r.len()).sum::<usize>() > limit {
            return;
        }
        out.extend(ranges.iter().flat_map(|r| r.iter().map(|&x| x as u32)));
    }

    fn bytes(&self) -> usize {
        8 * (self.buffer.capacity() + self.runs.iter().map(Vec::capacity).sum::<usize>())
    }
}

/// Merges two sorted runs into one of exact size.
fn merge(a: &[u64], b: &[u64]) -> Vec<u64> {
    let mut out = Vec::with_capacity(a.len() + b.len());
    let (mut i, mut j) = (0, 0);
    while i < a.len() && j < b.len() {
        if a[i] <= b[j] {
            out.push(a[i]);
            i += 1;
        } else {
            out.push(b[j]);
            j += 1;
        }
    }
    out.extend_from_slice(&a[i..]);
    out.extend_from_slice(&b[j..]);
    out
}

/// The candidate index: a bottom-k sketch of each document's passage fingerprints
/// (`SKETCH`, 8). Documents are numbered in insertion order; nothing is rebuilt
/// when one is added. Verification needs the fingerprints themselves, which the
/// caller keeps.
#[derive(Debug, Clone, Default)]
pub struct Index {
    passages: Postings,
    docs: u32,
}

impl Index {
    /// Number of documents indexed.
    pub fn len(&self) -> usize {
        self.docs as usize
    }

    /// True when nothing is indexed.
    pub fn is_empty(&self) -> bool {
        self.docs == 0
    }

    /// Heap bytes held by the index.
    pub fn heap_bytes(&self) -> usize {
        self.passages.bytes()
    }

    /// Indexed documents that may be copies of `p`: sharing a sketch passage that
    /// is not template (in at most `MAX_POSTINGS` (64) documents). Ascending, without
    /// repeats.
    pub fn candidates(&self, p: &Fingerprint) -> Vec<u32> {
        let mut out: Vec<u32> = Vec::new();
        for key in sketch(p) {
            self.passages.get(key, MAX_POSTINGS, &mut out);
        }
        out.sort_unstable();
        out.dedup();
        out
    }

    /// Adds a document; returns its number.
    pub fn insert(&mut self, p: &Fingerprint) -> u32 {
        self.insert_keys(&sketch(p))
    }

    /// Adds a document by its sketch keys ([`sketch`]), as a state stores them.
    pub(crate) fn insert_keys(&mut self, keys: &[u32]) -> u32 {
        let i = self.docs;
        for &key in keys {
            self.passages.push(key, i);
        }
        self.docs += 1;
        i
    }
}

/// Verifies `p` against its candidates in `index`, each fetched by `earlier` (from
/// memory, or from a state on disk). The one step the batch, incremental and
/// persistent paths share.
pub(crate) fn check<'a, E>(
    index: &Index,
    p: &Fingerprint,
    mut earlier: impl FnMut(usize) -> Result<Cow<'a, Fingerprint>, E>,
) -> Result<Found, E> {
    let mut found = Found::default();
    for a in index.candidates(p) {
        let a = a as usize;
        match verify(earlier(a)?.as_ref(), p) {
            Verdict::Same(strength) => found.copies.push((strength, a)),
            Verdict::OtherFigures => found.cannot.push(a),
            Verdict::Different => {}
        }
    }
    Ok(found)
}

/// [`check`] against prints held in memory, indexed as `index` numbers them.
fn check_in(index: &Index, prints: &[Fingerprint], p: &Fingerprint) -> Found {
    let found: Result<Found, std::convert::Infallible> =
        check(index, p, |a| Ok(Cow::Borrowed(&prints[a])));
    let Ok(found) = found;
    found
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

    /// Heap bytes of the candidate index (the fingerprints kept for verification
    /// are not counted).
    pub fn index_bytes(&self) -> usize {
        self.index.heap_bytes()
    }

    /// Inserts a document and says whether it is new.
    pub fn insert(&mut self, id: impl Into<String>, print: Fingerprint) -> Novelty {
        let found = check_in(&self.index, &self.prints, &print);
        let b = self.uf.join(&found);
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
    let near = a.exact == b.exact || hamming_distance(a.simhash, b.simhash) <= DOC_K;
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
                .any(|&q| hamming_distance(p, q) <= PASSAGE_K)
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
pub(crate) struct UnionFind {
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

    pub(crate) fn find(&mut self, mut x: usize) -> usize {
        while self.parent[x] != x {
            self.parent[x] = self.parent[self.parent[x]];
            x = self.parent[x];
        }
        x
    }

    /// Heap bytes of the parents (cannot-links are few).
    pub(crate) fn heap_bytes(&self) -> usize {
        self.parent.capacity() * std::mem::size_of::<usize>()
    }

    /// Adds a singleton set; returns its element.
    fn push(&mut self) -> usize {
        self.parent.push(self.parent.len());
        self.parent.len() - 1
    }

    /// Adds the next document with what verification found for it: its
    /// cannot-links first, then its copies strongest first (insertion order, as a
    /// crawler sees documents). Returns its element.
    pub(crate) fn join(&mut self, found: &Found) -> usize {
        let b = self.push();
        for &a in &found.cannot {
            self.forbid(a, b);
        }
        let mut copies = found.copies.clone();
        copies.sort_by(|x, y| y.0.total_cmp(&x.0).then(x.1.cmp(&y.1)));
        for (_, a) in copies {
            self.union(a, b);
        }
        b
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
