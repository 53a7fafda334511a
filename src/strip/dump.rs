//! Text dumps: where the body starts, the headline above it, and the lines
//! aggregators put there (breadcrumbs, signatures, datelines).

use std::collections::HashSet;

use super::justext::LENGTH_LOW;
use super::lexicon::{self, starts_with_words};
use super::{Article, Features, Stripper};
use crate::segment::{Block, BlockKind};
use crate::text::{ends_running, ends_sentence, SENTENCE_END};

impl Stripper {
    /// The headline of a text dump: the line just before a byline, a running title
    /// (a line above the body that the text repeats), or the headline-like line
    /// nearest above the body (tickers, "most read" teasers and section labels
    /// stand further up).
    pub(super) fn text_title(
        &self,
        blocks: &[Block],
        norm: &[Vec<&str>],
        feats: &mut [Features],
        article: &mut Article,
    ) {
        // Not a breadcrumb, a dateline, a bullet, nor a stock phrase ("عاجل:"); of
        // `words` or more, since shorter lines are section labels ("محليات", "Next
        // Previous"), except a column's two-word headline right above its byline or
        // date line ("وزير الضعفاء").
        let title_like = |i: usize, words: usize| {
            let b = &blocks[i];
            b.kind == BlockKind::Line
                && (8..150).contains(&b.chars)
                // A headline may end with "?" or "!", not as running text does.
                && !ends_running(&b.text)
                && !b.text.ends_with(':')
                && !b.text.starts_with(['•', '*', '-', '–', '·'])
                && b.text.split_whitespace().nth(words - 1).is_some()
                && !is_breadcrumb(&b.text)
                && dateline(&b.text).is_none()
                && !signed(&b.text)
                // "اقرأ أيضاً: …" and "عاجل: …" are teasers and tickers, but
                // "عاجل.. <headline>" is how some sites dress a headline.
                && !self.phrases.iter().any(|(p, related)| {
                    starts_with_words(&norm[i], p)
                        && (*related || b.text.chars().take(24).any(|c| c == ':'))
                })
        };
        // A headline stands above the body.
        let body = text_body(blocks);
        let above: Vec<usize> = (0..body).filter(|&i| !feats[i].removed).collect();
        // The body's lines, once: a scan per candidate would be quadratic in a dump
        // of many short lines.
        let below: HashSet<&str> = blocks[body..].iter().map(|b| b.text.as_str()).collect();
        let repeated = |i: usize| below.contains(blocks[i].text.as_str());
        let pick = match (1..body.min(20)).find(|&i| feats[i].field) {
            Some(field) => above
                .iter()
                .rev()
                .find(|&&i| i < field)
                .copied()
                .filter(|&i| {
                    let words = if i + 1 == field { 2 } else { 3 };
                    title_like(i, words) && i + 3 >= field
                }),
            None if body < blocks.len() => above
                .iter()
                .copied()
                .find(|&i| title_like(i, 3) && repeated(i))
                .or_else(|| {
                    above
                        .iter()
                        .rev()
                        .take(3)
                        .copied()
                        .find(|&i| title_like(i, 3))
                }),
            None => None,
        };
        if let Some(i) = pick {
            article.title = Some(blocks[i].text.clone());
            feats[i].removed = true;
        }
    }
}

/// Where a text dump's body starts: its first long line, or its first sentence of
/// a paragraph's length.
pub(super) fn text_body(blocks: &[Block]) -> usize {
    (0..blocks.len())
        .find(|&i| {
            let b = &blocks[i];
            b.kind == BlockKind::Line
                && (b.chars >= 150 || (b.chars >= LENGTH_LOW && ends_sentence(&b.text)))
        })
        .unwrap_or(blocks.len())
}

/// `"Home » News » World"`: a home word, then separators between short parts.
pub(super) fn is_breadcrumb(text: &str) -> bool {
    let lower = text.trim_start().to_lowercase();
    lexicon::ALL.iter().flat_map(|l| l.home).any(|w| {
        lower.strip_prefix(w).is_some_and(|rest| {
            rest.trim_start()
                .starts_with(['»', '›', '>', '/', '|', '«', '‹', '<', '\\'])
        })
    })
}

/// `"… <name> – <site>"`: a short line that ends with a dash and one to three
/// words, how dumps sign a story ("Next Previous أحمد حجازي – عين اليوم").
pub(super) fn signed(text: &str) -> bool {
    let Some((_, site)) = [" – ", " - ", " ـ ", " — "]
        .iter()
        .filter_map(|d| text.rsplit_once(d))
        .min_by_key(|(_, site)| site.len())
    else {
        return false;
    };
    (1..=3).contains(&site.split_whitespace().count()) && text.split_whitespace().count() <= 7
}

/// `"<city> - <agency>"`: one to three words each side of a dash (a tatweel
/// between spaces serves as one in Arabic), nothing else; or `"<agency>: <city>"`.
pub(super) fn dateline(text: &str) -> Option<(&str, &str)> {
    let n = |s: &str| s.split_whitespace().count();
    if text.ends_with(SENTENCE_END) {
        return None;
    }
    // An aggregator's "<agency>: <city>", the city a word or two ("مزمز: المدينة
    // المنورة"); a quoted headline ("<name>: <what they said>") runs longer.
    if let Some((agency, place)) = text.split_once(':') {
        let (agency, place) = (agency.trim(), place.trim());
        let named = place.chars().any(char::is_alphabetic);
        if (1..=3).contains(&n(agency)) && (1..=2).contains(&n(place)) && named {
            return Some((place, agency));
        }
    }
    let (place, agency) = text
        .split_once(['-', '–', '—'])
        .or_else(|| text.split_once(" ـ "))?;
    let (place, agency) = (place.trim(), agency.trim());
    ((1..=3).contains(&n(place)) && (1..=3).contains(&n(agency))).then_some((place, agency))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn datelines() {
        assert_eq!(
            dateline("الرباط -المغرب اليوم"),
            Some(("الرباط", "المغرب اليوم"))
        );
        assert_eq!(
            dateline("Une phrase complète - avec du texte et un point final."),
            None
        );
        assert_eq!(
            dateline("الوطن أونلاين: المدينة المنورة"),
            Some(("المدينة المنورة", "الوطن أونلاين"))
        );
        // A quoted headline says more than a place; a byline line ends with a colon.
        assert_eq!(dateline("القحيز: الانضباط لا تتجنى على الأندية"), None);
        assert_eq!(dateline("* التقييم: (***)"), None);
        assert_eq!(
            dateline("خالد الزهراني - اليوم - أبها:"),
            Some(("خالد الزهراني", "اليوم - أبها:"))
        );
    }
}
