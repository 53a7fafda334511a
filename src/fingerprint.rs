//! Fingerprint stage: 64-bit simhashes (Charikar 2002) over word 3-shingles of the
//! normalised text, for the whole document, for each paragraph, and for each
//! passage. Passages are content-defined: a boundary falls after a word pair whose
//! hash is 0 mod [`PASSAGE_MOD`], so two copies of a text cut into the same passages
//! whatever their paragraph breaks (000 is one line, its copy in 001 nine
//! paragraphs), and added or dropped boilerplate only disturbs the passages at its
//! edges. Features are hashed after normalisation: raw `simhash::simhash()` splits
//! on whitespace, and diacritics alone move an Arabic text as far as an unrelated
//! one. Each word is hashed once; shingles, passages and exact-repeat hashes are
//! combinations of those hashes, so no shingle string is ever built.

use crate::hash::{fmix, Distinct};

use crate::normalize::{word_hash, Tokens};
use crate::strip::Article;

/// Words per shingle.
pub const SHINGLE: usize = 3;
/// A passage ends after a word pair whose hash is 0 modulo this (mean extra length).
pub const PASSAGE_MOD: u64 = 5;
/// Shortest passage, in words.
pub const PASSAGE_MIN: usize = 3;
/// Longest passage, in words.
pub const PASSAGE_MAX: usize = 48;

/// Fingerprints of one paragraph.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct ParagraphPrint {
    /// Simhash of the paragraph's shingles.
    pub simhash: u64,
    /// xxh3 of its normalised words: equal for exact repeats.
    pub exact: u64,
    /// Number of words.
    pub words: u32,
}

/// Fingerprints of one article.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[non_exhaustive]
pub struct Fingerprint {
    /// Simhash of the whole body.
    pub simhash: u64,
    /// xxh3 of the whole normalised body.
    pub exact: u64,
    /// Number of words in the body.
    pub words: u32,
    /// Simhash of each content-defined passage, in reading order.
    pub passages: Vec<u64>,
    /// Per paragraph, in reading order.
    pub paragraphs: Vec<ParagraphPrint>,
    /// xxh3 of each distinct figure in the text, sorted: copies share their figures,
    /// templated reports (same words, other numbers) do not.
    pub numbers: Vec<u64>,
    /// Each figure keyed by its context (two words each side): `(context, figure)`
    /// hashes sorted by context, one figure per context. Two texts that put
    /// different figures in the same context are different reports.
    pub figures: Vec<(u64, u64)>,
}

/// Charikar's simhash accumulator: per bit, how many features set it. Features are
/// 64-bit hashes; each byte of one adds its eight bits to eight one-byte counters
/// packed in a `u64` (a table spreads the bits a byte apart), so a feature costs
/// eight table loads and eight adds, and the byte counters are emptied into the
/// totals before they can overflow. (`simhash::simhash_stream` does the same sum
/// but SipHashes a string per feature and branches per bit: 22% of a whole run in
/// a profile; a `u32` lane per bit cost twice these packed counters.)
#[derive(Clone)]
pub struct Simhash {
    ones: [u32; 64],
    n: u32,
    /// Counter `8k + j` of the pending features in byte `j` of `packed[k]`.
    packed: [u64; 8],
    pending: u32,
}

/// Features a packed byte counter holds before it could overflow.
const PACKED_MAX: u32 = u8::MAX as u32;

/// `SPREAD[b]`: bit `j` of byte `b` in bit 0 of byte `j`.
const SPREAD: [u64; 256] = {
    let mut t = [0u64; 256];
    let mut b = 0;
    while b < 256 {
        let mut j = 0;
        while j < 8 {
            t[b] |= (((b >> j) & 1) as u64) << (8 * j);
            j += 1;
        }
        b += 1;
    }
    t
};

impl Default for Simhash {
    fn default() -> Self {
        Simhash {
            ones: [0; 64],
            n: 0,
            packed: [0; 8],
            pending: 0,
        }
    }
}

impl Simhash {
    /// Adds one feature hash.
    #[inline]
    pub fn add(&mut self, feature: u64) {
        for (k, lane) in self.packed.iter_mut().enumerate() {
            *lane += SPREAD[((feature >> (8 * k)) & 0xff) as usize];
        }
        self.pending += 1;
        if self.pending == PACKED_MAX {
            self.flush();
        }
    }

    /// Counter `8k + j`'s pending count: byte `j` of `lane` (`packed[k]`).
    #[inline]
    fn pending_at(lane: u64, j: usize) -> u32 {
        ((lane >> (8 * j)) & 0xff) as u32
    }

    /// Empties the packed counters into the totals.
    fn flush(&mut self) {
        for (k, lane) in self.packed.iter_mut().enumerate() {
            for (j, one) in self.ones[8 * k..8 * k + 8].iter_mut().enumerate() {
                *one += Self::pending_at(*lane, j);
            }
            *lane = 0;
        }
        self.n += self.pending;
        self.pending = 0;
    }

    /// The fingerprint: bit set where most features set it (the packed counters
    /// read in place).
    pub fn finish(&self) -> u64 {
        if self.n == 0 {
            return self.finish_packed();
        }
        let n = self.n + self.pending;
        let mut out = 0u64;
        for (k, lane) in self.packed.iter().enumerate() {
            for j in 0..8 {
                let i = 8 * k + j;
                let c = self.ones[i] + Self::pending_at(*lane, j);
                out |= u64::from(2 * c > n) << i;
            }
        }
        out
    }

    /// [`Simhash::finish`] while every count is in the packed counters (fewer
    /// than [`PACKED_MAX`] features: every passage, most paragraphs), eight
    /// counters at a time. A count `c` of `n` features is a majority when `c`
    /// exceeds `t = n / 2` (at most 127), which is when `c + 127 - t`, at most
    /// 255 so no byte carries into the next, reaches 128: its top bit. The eight
    /// top bits of a lane are then gathered into one byte by one multiplication.
    fn finish_packed(&self) -> u64 {
        const ONES: u64 = 0x0101_0101_0101_0101;
        const TOPS: u64 = 0x8080_8080_8080_8080;
        // Bit 8j of a lane to bit 56 + j of the product, for each byte j.
        const GATHER: u64 = 0x0102_0408_1020_4080;
        let t = u64::from(self.pending / 2);
        let lift = (127 - t) * ONES;
        let mut out = 0u64;
        for (k, lane) in self.packed.iter().enumerate() {
            let tops = (lane + lift) & TOPS;
            out |= ((tops >> 7).wrapping_mul(GATHER) >> 56) << (8 * k);
        }
        out
    }

    /// Adds another accumulator's features to this one.
    fn merge(&mut self, other: &Simhash) {
        for (k, lane) in other.packed.iter().enumerate() {
            for j in 0..8 {
                self.ones[8 * k + j] += other.ones[8 * k + j] + Self::pending_at(*lane, j);
            }
        }
        self.n += other.n + other.pending;
    }

    /// The counts of a set of feature hashes.
    fn counting(features: &[u64]) -> Simhash {
        let mut s = Simhash::default();
        features.iter().for_each(|&f| s.add(f));
        s
    }

    /// Simhash of a set of feature hashes.
    pub fn of(features: &[u64]) -> u64 {
        Self::counting(features).finish()
    }
}

/// Order-sensitive hash of a sequence of word hashes.
#[inline]
fn chain(hashes: impl IntoIterator<Item = u64>) -> u64 {
    hashes.into_iter().fold(0x2545_f491_4f6c_dd1d, |acc, h| {
        fmix(acc.rotate_left(29) ^ h)
    })
}

/// Hash of each normalised word: computed once, then combined into shingles,
/// passage boundaries and exact-repeat hashes.
pub fn word_hashes(words: &[&str]) -> Vec<u64> {
    words.iter().map(|w| word_hash(w)).collect()
}

/// Hashes of the word 3-shingles (one shingle if fewer words).
pub fn shingle_hashes(word_hashes: &[u64]) -> Vec<u64> {
    if word_hashes.is_empty() {
        return Vec::new();
    }
    let n = SHINGLE.min(word_hashes.len());
    word_hashes
        .windows(n)
        .map(|w| chain(w.iter().copied()))
        .collect()
}

/// Simhash of the word 3-shingles of normalised `words` (one shingle if fewer).
pub fn shingle_simhash(words: &[&str]) -> u64 {
    if words.is_empty() {
        return 0;
    }
    Simhash::of(&shingle_hashes(&word_hashes(words)))
}

/// Simhash of the words `range` of a text whose shingle hashes are `shingles`:
/// the shingles lying inside the range, or one shingle if it is shorter.
fn span_simhash(hashes: &[u64], shingles: &[u64], range: std::ops::Range<usize>) -> u64 {
    if range.len() >= SHINGLE {
        Simhash::of(&shingles[range.start..range.end + 1 - SHINGLE])
    } else if range.is_empty() {
        0
    } else {
        Simhash::of(&[chain(hashes[range].iter().copied())])
    }
}

/// The simhash of each paragraph (`spans`: word ranges in reading order, one
/// after the other from the first word) and of the whole text. The whole
/// text's counts are its paragraphs' counts added up and the shingles across
/// their edges, so each shingle is added once, not again for the text.
fn paragraph_and_body_simhashes(
    hashes: &[u64],
    shingles: &[u64],
    spans: &[std::ops::Range<usize>],
) -> (Vec<u64>, u64) {
    let each = |r: &std::ops::Range<usize>| span_simhash(hashes, shingles, r.clone());
    let whole = 0..hashes.len();
    // `Tokens` builds its spans one after the other over all its words.
    debug_assert!(
        spans.windows(2).all(|w| w[0].end == w[1].start)
            && spans.first().map_or(0, |r| r.start) == 0
            && spans.last().map_or(0, |r| r.end) == whole.end
    );
    if whole.len() < SHINGLE {
        return (spans.iter().map(each).collect(), each(&whole));
    }
    let mut body = Simhash::default();
    let mut prints = Vec::with_capacity(spans.len());
    for r in spans {
        // The shingles that start in this paragraph and end in it.
        let inside = r.start..(r.end + 1).saturating_sub(SHINGLE).max(r.start);
        if r.len() >= SHINGLE {
            let p = Simhash::counting(&shingles[inside.clone()]);
            prints.push(p.finish());
            body.merge(&p);
        } else {
            prints.push(each(r));
        }
        // Those that start in it and end in a later one.
        let end = r.end.min(shingles.len());
        shingles[inside.end.min(end)..end]
            .iter()
            .for_each(|&f| body.add(f));
    }
    (prints, body.finish())
}

/// Each paragraph's distinct word 3-shingles (one shingle if fewer words),
/// in no order to rely on: what canonical compares paragraphs by.
pub fn paragraph_shingles(tokens: &Tokens) -> Vec<Vec<u64>> {
    let mut distinct = Distinct::default();
    tokens
        .spans
        .iter()
        .map(|r| {
            let mut s = shingle_hashes(&tokens.hashes[r.clone()]);
            distinct.retain(&mut s);
            s
        })
        .collect()
}

/// Fingerprints an article's body.
pub fn fingerprint(article: &Article) -> Fingerprint {
    fingerprint_tokens(&article.tokens.for_paragraphs(&article.paragraphs))
}

/// Fingerprints an article's body from its [`Tokens`].
pub fn fingerprint_tokens(tokens: &Tokens) -> Fingerprint {
    let Tokens {
        hashes,
        numeric: is_num,
        spans,
        ..
    } = tokens;
    let shingles = shingle_hashes(hashes);
    let (prints, simhash) = paragraph_and_body_simhashes(hashes, &shingles, spans);
    let paragraphs = spans
        .iter()
        .zip(prints)
        .map(|(r, simhash)| ParagraphPrint {
            simhash,
            exact: chain(hashes[r.clone()].iter().copied()),
            words: r.len() as u32,
        })
        .collect();
    let mut numbers: Vec<u64> = (0..hashes.len())
        .filter(|&i| is_num[i])
        .map(|i| hashes[i])
        .collect();
    numbers.sort_unstable();
    numbers.dedup();
    // Each figure's context: two words each side, other figures read as "#" (a
    // renumbered report changes them too), the figure's own slot marked.
    const FIGURE: u64 = 0x9e37_79b9_7f4a_7c15;
    const OTHER: u64 = 0x6a09_e667_f3bc_c909;
    let mut figures: Vec<(u64, u64)> = (0..hashes.len())
        .filter(|&i| is_num[i])
        .map(|i| {
            let window = i.saturating_sub(2)..(i + 3).min(hashes.len());
            let context = chain(window.map(|j| match (j == i, is_num[j]) {
                (true, _) => FIGURE,
                (false, true) => OTHER,
                (false, false) => hashes[j],
            }));
            (context, hashes[i])
        })
        .collect();
    figures.sort_unstable();
    figures.dedup_by_key(|f| f.0);
    Fingerprint {
        simhash,
        exact: chain(hashes.iter().copied()),
        words: hashes.len() as u32,
        passages: passages(hashes)
            .map(|r| span_simhash(hashes, &shingles, r))
            .collect(),
        paragraphs,
        numbers,
        figures,
    }
}

/// Content-defined passages of a text, as word ranges, from its word hashes.
pub fn passages(hashes: &[u64]) -> impl Iterator<Item = std::ops::Range<usize>> + '_ {
    let mut start = 0;
    std::iter::from_fn(move || {
        if start >= hashes.len() {
            return None;
        }
        let mut end = (start + PASSAGE_MIN).min(hashes.len());
        while end < hashes.len() && end - start < PASSAGE_MAX {
            let pair = fmix(hashes[end - 1].rotate_left(32) ^ hashes[end]);
            end += 1;
            if pair.is_multiple_of(PASSAGE_MOD) {
                break;
            }
        }
        let piece = start..end;
        start = end;
        Some(piece)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn simhash_is_the_bitwise_majority() {
        let f = [0b1011u64, 0b0011, 0b0110, u64::MAX];
        // bit 0: 3 of 4, bit 1: 4 of 4, bit 2: 2 of 4 (tie: 0), bit 3: 2 of 4, high: 1 of 4.
        assert_eq!(Simhash::of(&f), 0b0011);
        assert_eq!(Simhash::of(&[]), 0);
    }

    #[test]
    fn packed_counters_agree_with_counting_each_bit() {
        // Past several flushes of the packed counters, and with bits set in most
        // features (a counter that wrapped would turn the majority over).
        for n in [1, 254, 255, 256, 1000] {
            let f: Vec<u64> = (0..n as u64)
                .map(|i| fmix(i) | 0x8000_0000_0000_0001)
                .collect();
            let mut want = 0u64;
            for bit in 0..64 {
                let ones = f.iter().filter(|x| *x >> bit & 1 == 1).count();
                if 2 * ones > n {
                    want |= 1 << bit;
                }
            }
            assert_eq!(Simhash::of(&f), want, "{n} features");
        }
    }

    #[test]
    fn packed_majorities_agree_with_counting_each_bit() {
        // Every count of up to 254 features against every other: each bit of
        // the feature set is set in the first `ones` features of `n`.
        for n in 0..PACKED_MAX {
            for ones in 0..=n {
                let f: Vec<u64> = (0..n)
                    .map(|i| if i < ones { 0x8000_0000_0000_0001 } else { 0 })
                    .collect();
                let mut s = Simhash::default();
                f.iter().for_each(|&x| s.add(x));
                let want = if 2 * ones > n {
                    0x8000_0000_0000_0001
                } else {
                    0
                };
                assert_eq!(s.finish_packed(), want, "{ones} of {n}");
            }
        }
        // Each byte's eight top bits gathered in order.
        for byte in 0..=255u64 {
            let lane = (0..8).fold(0u64, |l, j| l | (((byte >> j) & 1) * 200) << (8 * j));
            let s = Simhash {
                packed: [lane; 8],
                pending: 254,
                ..Simhash::default()
            };
            assert_eq!(
                s.finish_packed(),
                byte * 0x0101_0101_0101_0101,
                "{byte:08b}"
            );
        }
    }

    #[test]
    fn the_body_simhash_adds_its_paragraphs_up() {
        // Paragraphs of 0 to 7 words, in many orders: the text's simhash is
        // that of all its shingles, each paragraph's that of its own.
        let words: Vec<u64> = (0..400).map(fmix).collect();
        for seed in 0..200u64 {
            let mut spans = Vec::new();
            let mut at = 0;
            let mut r = seed;
            while at < 60 + seed as usize {
                r = fmix(r + 1);
                let len = (r % 8) as usize;
                spans.push(at..at + len);
                at += len;
            }
            let hashes = &words[..at];
            let shingles = shingle_hashes(hashes);
            let (prints, body) = paragraph_and_body_simhashes(hashes, &shingles, &spans);
            assert_eq!(body, span_simhash(hashes, &shingles, 0..at), "seed {seed}");
            for (p, r) in prints.iter().zip(&spans) {
                assert_eq!(*p, span_simhash(hashes, &shingles, r.clone()));
            }
        }
    }

    #[test]
    fn passages_ignore_paragraph_breaks() {
        let text: Vec<String> = (0..300).map(|i| format!("w{}", i * 7919 % 1000)).collect();
        let w: Vec<&str> = text.iter().map(String::as_str).collect();
        let cut = |w: &[&str]| -> Vec<u64> {
            let h = word_hashes(w);
            passages(&h).map(|r| shingle_simhash(&w[r])).collect()
        };
        let whole = cut(&w);
        // The same words after 40 words of other text: passages resynchronise.
        let mut prefixed: Vec<&str> = vec!["boiler"; 40];
        prefixed.extend(&w);
        let shifted = cut(&prefixed);
        let shared = whole.iter().filter(|h| shifted.contains(h)).count();
        assert!(
            shared * 10 >= whole.len() * 8,
            "{shared} of {}",
            whole.len()
        );
    }
}
