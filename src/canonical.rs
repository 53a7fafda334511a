//! Canonical stage: one text per cluster. The most complete copy is the base; a
//! paragraph of another copy that the text so far does not already cover is merged
//! in reading order (after the paragraph its predecessor matched); a paragraph that
//! is partly covered contributes only its new sentences. No paragraph appears twice,
//! within one copy (print layouts repeat paragraphs) or across copies. Each output
//! paragraph keeps the id of the copy it came from.

use crate::fingerprint::paragraph_shingles;
use crate::hash::FastSet;
use crate::normalize::Tokens;
use crate::strip::Article;
use crate::text::splits_sentences;
use serde::{Deserialize, Serialize};

/// A paragraph covered this much by the text so far adds nothing.
pub const COVERED: f32 = 0.8;
/// A paragraph covered less than this is new as a whole; in between, by sentences.
pub const NEW: f32 = 0.2;

/// One paragraph of a canonical text and the copy it came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Paragraph {
    /// The paragraph as written in its copy.
    pub text: String,
    /// Id of the copy it came from.
    pub from: String,
}

/// The canonical text of one story.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Canonical {
    /// Id of the copy used as base.
    pub id: String,
    /// Ids of every copy collapsed into this one, the base included, sorted.
    pub members: Vec<String>,
    /// Headline.
    pub title: Option<String>,
    /// Author line.
    pub byline: Option<String>,
    /// Publication date.
    pub date: Option<String>,
    /// Publishing site or agency.
    pub source: Option<String>,
    /// Body paragraphs with provenance.
    pub paragraphs: Vec<Paragraph>,
}

impl Canonical {
    /// The body: paragraphs joined by a blank line.
    pub fn text(&self) -> String {
        let texts: Vec<&str> = self.paragraphs.iter().map(|p| p.text.as_str()).collect();
        texts.join("\n\n")
    }
}

/// Hashed word 3-shingles of a text (one shingle if fewer words), sorted, distinct.
fn shingles(text: &str) -> Vec<u64> {
    paragraph_shingles(&Tokens::of_paragraphs([text]))
        .pop()
        .unwrap_or_default()
}

fn covered(s: &[u64], seen: &FastSet<u64>) -> f32 {
    if s.is_empty() {
        return 1.0;
    }
    s.iter().filter(|h| seen.contains(h)).count() as f32 / s.len() as f32
}

/// How many values two sorted, deduplicated shingle lists share.
fn shared(a: &[u64], b: &[u64]) -> usize {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                n += 1;
                i += 1;
                j += 1;
            }
        }
    }
    n
}

/// Sentences of a paragraph, with their closing punctuation.
fn sentences(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if splits_sentences(c) {
            let next_is_space = chars.peek().is_none_or(|&(_, n)| n.is_whitespace());
            if next_is_space {
                let end = i + c.len_utf8();
                let s = text[start..end].trim();
                if !s.is_empty() {
                    out.push(s);
                }
                start = end;
            }
        }
    }
    let tail = text[start..].trim();
    if !tail.is_empty() {
        out.push(tail);
    }
    out
}

/// The text under construction: paragraphs, their shingles, and all shingles seen.
#[derive(Default)]
struct Builder {
    paragraphs: Vec<Paragraph>,
    shingles: Vec<Vec<u64>>,
    seen: FastSet<u64>,
}

impl Builder {
    fn insert(&mut self, at: usize, text: String, from: &str, s: Vec<u64>) {
        self.seen.extend(s.iter().copied());
        self.paragraphs.insert(
            at,
            Paragraph {
                text,
                from: from.to_owned(),
            },
        );
        self.shingles.insert(at, s);
    }

    /// The paragraph sharing most shingles with `s`, if any.
    fn best_match(&self, s: &[u64]) -> Option<usize> {
        self.shingles
            .iter()
            .enumerate()
            .map(|(i, q)| (shared(q, s), i))
            .filter(|&(n, _)| n > 0)
            .max_by_key(|&(n, i)| (n, std::cmp::Reverse(i)))
            .map(|(_, i)| i)
    }

    /// Merges one copy's paragraphs (with their shingles), keeping what is new in
    /// reading order.
    fn merge(&mut self, article: &Article, prints: &[Vec<u64>]) {
        // Where the next new paragraph goes: after the last matched one.
        let mut cursor = 0;
        for (p, s) in article.paragraphs.iter().zip(prints) {
            if s.is_empty() {
                continue;
            }
            let cov = covered(s, &self.seen);
            if cov >= COVERED {
                if let Some(m) = self.best_match(s) {
                    cursor = cursor.max(m + 1);
                }
                continue;
            }
            let (text, s) = if cov < NEW {
                (p.clone(), s.clone())
            } else {
                let fresh: Vec<&str> = sentences(p)
                    .into_iter()
                    .filter(|x| covered(&shingles(x), &self.seen) < 0.5)
                    .collect();
                if fresh.is_empty() {
                    continue;
                }
                let text = fresh.join(" ");
                let s = shingles(&text);
                (text, s)
            };
            self.insert(cursor, text, &article.id, s);
            cursor += 1;
        }
    }
}

/// Size of an article's distinct content (from its paragraphs' shingles), to pick
/// the most complete copy.
fn completeness(prints: &[Vec<u64>]) -> usize {
    let mut all: Vec<u64> = prints.concat();
    all.sort_unstable();
    all.dedup();
    all.len()
}

/// Builds the canonical text of a cluster of copies (empty for no copies).
pub fn canonical(members: &[&Article]) -> Canonical {
    let prints: Vec<Vec<Vec<u64>>> = members
        .iter()
        .map(|a| paragraph_shingles(&a.tokens.for_paragraphs(&a.paragraphs)))
        .collect();
    let with: Vec<(&Article, &[Vec<u64>])> = members
        .iter()
        .zip(&prints)
        .map(|(a, p)| (*a, p.as_slice()))
        .collect();
    canonical_with(&with)
}

/// [`canonical`] for copies whose paragraph shingles
/// ([`paragraph_shingles`]) are known.
pub fn canonical_with(members: &[(&Article, &[Vec<u64>])]) -> Canonical {
    let mut order: Vec<(usize, &Article, &[Vec<u64>])> = match members {
        [(one, p)] => vec![(0, *one, *p)],
        _ => members
            .iter()
            .map(|&(a, p)| (completeness(p), a, p))
            .collect(),
    };
    // Most complete first; ties broken by id so the result does not depend on order.
    order.sort_by(|x, y| y.0.cmp(&x.0).then_with(|| x.1.id.cmp(&y.1.id)));
    let mut rest = order.into_iter();
    let Some((_, base, base_prints)) = rest.next() else {
        return Canonical::default();
    };
    let mut b = Builder::default();
    // The base goes in whole, but for paragraphs it repeats itself.
    for (p, s) in base.paragraphs.iter().zip(base_prints) {
        if s.is_empty() {
            continue;
        }
        // Only a paragraph mostly covered by the text so far can repeat one of it.
        let repeat = covered(s, &b.seen) >= COVERED
            && b.shingles.iter().any(|q| {
                let shared = shared(q, s);
                (shared as f32) >= COVERED * s.len() as f32 && (s.len() >= 6 || shared == s.len())
            });
        if !repeat {
            let at = b.paragraphs.len();
            b.insert(at, p.clone(), &base.id, s.clone());
        }
    }
    let others: Vec<&Article> = rest
        .map(|(_, a, prints)| {
            b.merge(a, prints);
            a
        })
        .collect();
    let field = |f: fn(&Article) -> &Option<String>| {
        std::iter::once(base)
            .chain(others.iter().copied())
            .find_map(|a| f(a).clone())
    };
    let mut members: Vec<String> = members.iter().map(|(a, _)| a.id.clone()).collect();
    members.sort();
    Canonical {
        id: base.id.clone(),
        members,
        title: field(|a| &a.title),
        byline: field(|a| &a.byline),
        date: field(|a| &a.date),
        source: field(|a| &a.source),
        paragraphs: b.paragraphs,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentences_split_on_final_punctuation_only() {
        assert_eq!(sentences("A 3.5 b. C? D"), vec!["A 3.5 b.", "C?", "D"]);
    }
}
