//! Fingerprint stage: 64-bit simhashes (Charikar 2002) over word 3-shingles of the
//! normalised text, for the whole document, for each paragraph, and for each
//! passage. Passages are content-defined: a boundary falls after a word pair whose
//! hash is 0 mod [`PASSAGE_MOD`], so two copies of a text cut into the same passages
//! whatever their paragraph breaks (000 is one line, its copy in 001 nine
//! paragraphs), and added or dropped boilerplate only disturbs the passages at its
//! edges. Features are fed to `simhash::simhash_stream` after normalisation: raw
//! `simhash()` splits on whitespace and diacritics alone move an Arabic text as far
//! as an unrelated one.

use xxhash_rust::xxh3::{xxh3_64, Xxh3};

use crate::normalize::{is_number, normalize, words};
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
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ParagraphPrint {
    /// Simhash of the paragraph's shingles.
    pub simhash: u64,
    /// xxh3 of its normalised words: equal for exact repeats.
    pub exact: u64,
    /// Number of words.
    pub words: u32,
}

/// Fingerprints of one article.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
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

/// Simhash of the word 3-shingles of `words` (one shingle if fewer words).
pub fn shingle_simhash(words: &[&str]) -> u64 {
    if words.is_empty() {
        return 0;
    }
    // One buffer for all shingles: no allocation per feature on this hot path.
    let n = SHINGLE.min(words.len());
    let mut buf = String::with_capacity(n * words.iter().map(|w| w.len() + 1).sum::<usize>());
    let mut spans = Vec::with_capacity(words.len());
    for window in words.windows(n) {
        let start = buf.len();
        for (k, w) in window.iter().enumerate() {
            if k > 0 {
                buf.push(' ');
            }
            buf.push_str(w);
        }
        spans.push(start..buf.len());
    }
    simhash::simhash_stream(spans.into_iter().map(|r| &buf[r]))
}

/// xxh3 of words joined by single spaces.
pub fn words_hash(words: &[&str]) -> u64 {
    xxh3_64(words.join(" ").as_bytes())
}

/// Fingerprints an article's body.
pub fn fingerprint(article: &Article) -> Fingerprint {
    let normalized: Vec<String> = article.paragraphs.iter().map(|p| normalize(p)).collect();
    let mut all: Vec<&str> = Vec::new();
    let mut paragraphs = Vec::with_capacity(normalized.len());
    for p in &normalized {
        let w: Vec<&str> = words(p).collect();
        paragraphs.push(ParagraphPrint {
            simhash: shingle_simhash(&w),
            exact: words_hash(&w),
            words: w.len() as u32,
        });
        all.extend(w);
    }
    let mut numbers: Vec<u64> = all
        .iter()
        .filter(|w| is_number(w))
        .map(|w| xxh3_64(w.as_bytes()))
        .collect();
    numbers.sort_unstable();
    numbers.dedup();
    // Other figures in a context read as "#": a renumbered report changes them too.
    let masked: Vec<&str> = all
        .iter()
        .map(|w| if is_number(w) { "#" } else { w })
        .collect();
    let mut figures: Vec<(u64, u64)> = (0..all.len())
        .filter(|&i| is_number(all[i]))
        .map(|i| {
            let mut context = Xxh3::new();
            let from = i.saturating_sub(2);
            for (j, w) in masked[from..(i + 3).min(all.len())].iter().enumerate() {
                // The figure's own slot is marked, not hashed.
                let w: &[u8] = if from + j == i { b"\x01" } else { w.as_bytes() };
                context.update(w);
                context.update(b" ");
            }
            (context.digest(), xxh3_64(all[i].as_bytes()))
        })
        .collect();
    figures.sort_unstable();
    figures.dedup_by_key(|f| f.0);
    Fingerprint {
        simhash: shingle_simhash(&all),
        exact: words_hash(&all),
        words: all.len() as u32,
        passages: passages(&all).map(shingle_simhash).collect(),
        paragraphs,
        numbers,
        figures,
    }
}

/// Content-defined passages of a word sequence.
pub fn passages<'a, 'w>(words: &'a [&'w str]) -> impl Iterator<Item = &'a [&'w str]> {
    let mut start = 0;
    std::iter::from_fn(move || {
        if start >= words.len() {
            return None;
        }
        let mut end = (start + PASSAGE_MIN).min(words.len());
        while end < words.len() && end - start < PASSAGE_MAX {
            let mut pair = Xxh3::new();
            pair.update(words[end - 1].as_bytes());
            pair.update(b" ");
            pair.update(words[end].as_bytes());
            end += 1;
            if pair.digest() % PASSAGE_MOD == 0 {
                break;
            }
        }
        // A short tail joins the passage before it only if there is none.
        let piece = &words[start..end];
        start = end;
        Some(piece)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passages_ignore_paragraph_breaks() {
        let text: Vec<String> = (0..300).map(|i| format!("w{}", i * 7919 % 1000)).collect();
        let w: Vec<&str> = text.iter().map(String::as_str).collect();
        let whole: Vec<u64> = passages(&w).map(shingle_simhash).collect();
        // The same words after 40 words of other text: passages resynchronise.
        let mut prefixed: Vec<&str> = vec!["boiler"; 40];
        prefixed.extend(&w);
        let shifted: Vec<u64> = passages(&prefixed).map(shingle_simhash).collect();
        let shared = whole.iter().filter(|h| shifted.contains(h)).count();
        assert!(
            shared * 10 >= whole.len() * 8,
            "{shared} of {}",
            whole.len()
        );
    }
}
