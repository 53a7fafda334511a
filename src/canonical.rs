//! Canonical stage: one text per cluster. The most complete copy is the base; a
//! paragraph of another copy that the text so far does not already cover is merged
//! in reading order (after the paragraph its predecessor matched); a paragraph that
//! is partly covered contributes only its new sentences. No paragraph appears twice,
//! within one copy (print layouts repeat paragraphs) or across copies. Each output
//! paragraph keeps the id of the copy it came from.

use crate::fingerprint::paragraph_shingles;
use crate::hash::{Distinct, FastMap};
use crate::normalize::Tokens;
use crate::strip::Article;
use crate::text::splits_sentences;
use serde::{Deserialize, Serialize};
use std::collections::hash_map::Entry;

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

/// Hashed word 3-shingles of a text (one shingle if fewer words), distinct.
fn shingles(text: &str) -> Vec<u64> {
    paragraph_shingles(&Tokens::of_paragraphs([text]))
        .pop()
        .unwrap_or_default()
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

/// The text under construction: its paragraphs, and for each shingle seen the
/// paragraphs that hold it. A paragraph is known by the number it was inserted
/// as, which it keeps when others are inserted before it.
#[derive(Default)]
struct Builder {
    paragraphs: Vec<Paragraph>,
    /// The number of the paragraph at each position.
    ids: Vec<u32>,
    /// The first paragraph to hold each shingle seen.
    owner: FastMap<u64, u32>,
    /// The later paragraphs holding a shingle (a paragraph partly covered
    /// brings some shingles already seen).
    more: FastMap<u64, Vec<u32>>,
    /// How many shingles of the paragraph being placed each paragraph holds, by
    /// number ([`Builder::count_shared`]).
    shared: Vec<u32>,
}

impl Builder {
    /// A builder whose map of shingles holds `shingles` without growing (the
    /// base's count: copies bring few new ones).
    fn with_capacity(shingles: usize) -> Builder {
        Builder {
            owner: FastMap::with_capacity_and_hasher(shingles, Default::default()),
            ..Default::default()
        }
    }

    /// Puts a paragraph at position `at`, with its shingles `s` (distinct, as
    /// [`paragraph_shingles`] gives them: a shingle twice would count twice).
    fn insert(&mut self, at: usize, text: String, from: &str, s: &[u64]) {
        let id = self.ids.len() as u32;
        for &h in s {
            match self.owner.entry(h) {
                Entry::Vacant(e) => {
                    e.insert(id);
                }
                Entry::Occupied(_) => self.more.entry(h).or_default().push(id),
            }
        }
        self.paragraphs.insert(
            at,
            Paragraph {
                text,
                from: from.to_owned(),
            },
        );
        self.ids.insert(at, id);
    }

    /// The share of the distinct shingles `s` that the text so far holds.
    fn covered(&self, s: &[u64]) -> f32 {
        if s.is_empty() {
            return 1.0;
        }
        s.iter().filter(|h| self.owner.contains_key(h)).count() as f32 / s.len() as f32
    }

    /// Counts, into `shared`, the shingles of `s` each paragraph holds: a
    /// lookup per shingle, not a pass over every paragraph.
    fn count_shared(&mut self, s: &[u64]) {
        self.shared.clear();
        self.shared.resize(self.ids.len(), 0);
        for h in s {
            let Some(&first) = self.owner.get(h) else {
                continue;
            };
            self.shared[first as usize] += 1;
            if let Some(later) = self.more.get(h) {
                later.iter().for_each(|&id| self.shared[id as usize] += 1);
            }
        }
    }

    /// The position of the paragraph sharing most shingles with `s`, if any
    /// (the first of equals).
    fn best_match(&mut self, s: &[u64]) -> Option<usize> {
        self.count_shared(s);
        self.ids
            .iter()
            .enumerate()
            .map(|(i, &id)| (self.shared[id as usize], i))
            .filter(|&(n, _)| n > 0)
            .max_by_key(|&(n, i)| (n, std::cmp::Reverse(i)))
            .map(|(_, i)| i)
    }

    /// True if a paragraph of the text so far already says `s` (mostly covered
    /// by it alone; a short paragraph, wholly).
    fn repeats(&mut self, s: &[u64]) -> bool {
        // Only a paragraph mostly covered by the text so far can repeat one of it.
        if self.covered(s) < COVERED {
            return false;
        }
        self.count_shared(s);
        self.shared.iter().any(|&n| {
            (n as f32) >= COVERED * s.len() as f32 && (s.len() >= 6 || n as usize == s.len())
        })
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
            let cov = self.covered(s);
            if cov >= COVERED {
                if let Some(m) = self.best_match(s) {
                    cursor = cursor.max(m + 1);
                }
                continue;
            }
            if cov < NEW {
                self.insert(cursor, p.clone(), &article.id, s);
            } else {
                let fresh: Vec<&str> = sentences(p)
                    .into_iter()
                    .filter(|x| self.covered(&shingles(x)) < 0.5)
                    .collect();
                if fresh.is_empty() {
                    continue;
                }
                let text = fresh.join(" ");
                let s = shingles(&text);
                self.insert(cursor, text, &article.id, &s);
            }
            cursor += 1;
        }
    }
}

/// Size of an article's distinct content (from its paragraphs' shingles), to pick
/// the most complete copy.
fn completeness(prints: &[Vec<u64>]) -> usize {
    Distinct::default().count(prints)
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
    let mut b = Builder::with_capacity(base_prints.iter().map(Vec::len).sum());
    // The base goes in whole, but for paragraphs it repeats itself.
    for (p, s) in base.paragraphs.iter().zip(base_prints) {
        if !s.is_empty() && !b.repeats(s) {
            let at = b.paragraphs.len();
            b.insert(at, p.clone(), &base.id, s);
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
