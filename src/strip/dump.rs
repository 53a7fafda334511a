//! Text dumps: where the body starts, the headline above it, and the lines
//! aggregators put there (breadcrumbs, signatures, datelines).

use crate::hash::FastSet;

use super::furniture::is_breadcrumb;
use super::justext::LENGTH_LOW;
use super::lexicon::starts_with_words;
use super::{Article, Features, Stripper};
use crate::segment::{Block, BlockKind};
use crate::text::{ends_running, ends_sentence, has_words, SENTENCE_END};

/// A dump's headline is a line of this many characters: shorter is a label,
/// longer is text.
const HEADLINE_CHARS: std::ops::Range<usize> = 8..150;
/// Words a headline has at least; right above its byline or date line a
/// column's headline may have two ("وزير الضعفاء").
const HEADLINE_WORDS: usize = 3;
const COLUMN_HEADLINE_WORDS: usize = 2;
/// A colon this early in a line that opens with a stock phrase marks a label
/// ("عاجل: …"), not a headline dressed with the phrase ("عاجل.. …").
const LABEL_CHARS: usize = 24;
/// A byline or date line counts for the headline among the first lines only.
const HEAD_LINES: usize = 20;
/// The headline stands at most this many lines above that byline or date line.
const FIELD_REACH: usize = 3;
/// Without a byline, the headline is among the nearest lines above the body.
const NEAREST_LINES: usize = 3;
/// A line this long starts the body, whatever its punctuation.
const BODY_LINE_CHARS: usize = 150;
/// Each side of a dateline ("<city> - <agency>") and a signature's site name are
/// one to this many words; an aggregator's city one or two.
const NAME_PART_WORDS: usize = 3;
const CITY_WORDS: usize = 2;
/// A signature line ("… <name> – <site>") has at most this many words.
const SIGNATURE_WORDS: usize = 7;

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
                && HEADLINE_CHARS.contains(&b.chars)
                // A headline may end with "?" or "!", not as running text does.
                && !ends_running(&b.text)
                && !b.text.ends_with(':')
                && !b.text.starts_with(['•', '*', '-', '–', '·'])
                && has_words(&b.text, words)
                && !is_breadcrumb(&b.text)
                && dateline(&b.text).is_none()
                && !signed(&b.text)
                // "اقرأ أيضاً: …" and "عاجل: …" are teasers and tickers, but
                // "عاجل.. <headline>" is how some sites dress a headline.
                && !self.phrases.entries().iter().any(|(p, related)| {
                    starts_with_words(&norm[i], p)
                        && (*related || b.text.chars().take(LABEL_CHARS).any(|c| c == ':'))
                })
        };
        // A headline stands above the body.
        let body = text_body(blocks);
        let above: Vec<usize> = (0..body).filter(|&i| !feats[i].removed).collect();
        // The body's lines, once: a scan per candidate would be quadratic in a dump
        // of many short lines. Only lines of a headline's length can equal one
        // (the paragraphs, most of the text, are not hashed).
        let below: FastSet<&str> = blocks[body..]
            .iter()
            .filter(|b| HEADLINE_CHARS.contains(&b.chars))
            .map(|b| b.text.as_str())
            .collect();
        let repeated = |i: usize| below.contains(blocks[i].text.as_str());
        let pick = match (1..body.min(HEAD_LINES)).find(|&i| feats[i].field) {
            Some(field) => above
                .iter()
                .rev()
                .find(|&&i| i < field)
                .copied()
                .filter(|&i| {
                    let words = if i + 1 == field {
                        COLUMN_HEADLINE_WORDS
                    } else {
                        HEADLINE_WORDS
                    };
                    title_like(i, words) && i + FIELD_REACH >= field
                }),
            None if body < blocks.len() => above
                .iter()
                .copied()
                // The lookup first: it rules out most lines at a fraction of the tests.
                .find(|&i| repeated(i) && title_like(i, HEADLINE_WORDS))
                .or_else(|| {
                    above
                        .iter()
                        .rev()
                        .take(NEAREST_LINES)
                        .copied()
                        .find(|&i| title_like(i, HEADLINE_WORDS))
                }),
            None => None,
        };
        if let Some(i) = pick {
            article.title = Some(blocks[i].text.clone());
            feats[i].removed = true;
        }
    }
}

/// A text dump whose text is all short lines (a poem in its verses, a list of
/// one item a line, a column of figures under a title): jusText finds no
/// paragraph in it, but its lines are its text. Kept: the run of consecutive lines
/// with the most characters among lines that hold letters and are not furniture
/// by hard evidence (not lifted as a field, not a ticker, stock phrase or notice);
/// a teaser or ticker line ends a run. A run of fewer than [`LENGTH_LOW`]
/// characters is none.
pub(super) fn lines_fallback(blocks: &[Block], feats: &[Features]) -> Vec<bool> {
    let usable = |i: usize| {
        !feats[i].removed && !feats[i].hard_bad && blocks[i].text.chars().any(char::is_alphabetic)
    };
    let (mut best, mut best_chars) = (0..0, 0);
    let mut i = 0;
    while i < blocks.len() {
        if !usable(i) {
            i += 1;
            continue;
        }
        let start = i;
        let mut chars = 0;
        while i < blocks.len() && usable(i) {
            chars += blocks[i].chars;
            i += 1;
        }
        if chars > best_chars {
            (best, best_chars) = (start..i, chars);
        }
    }
    // Less than a sentence's worth of letters is no text to keep.
    if best_chars < LENGTH_LOW {
        best = 0..0;
    }
    (0..blocks.len()).map(|i| best.contains(&i)).collect()
}

/// Where a text dump's body starts: its first long line, or its first sentence of
/// a paragraph's length.
pub(super) fn text_body(blocks: &[Block]) -> usize {
    (0..blocks.len())
        .find(|&i| {
            let b = &blocks[i];
            b.kind == BlockKind::Line
                && (b.chars >= BODY_LINE_CHARS || (b.chars >= LENGTH_LOW && ends_sentence(&b.text)))
        })
        .unwrap_or(blocks.len())
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
    (1..=NAME_PART_WORDS).contains(&site.split_whitespace().count())
        && text.split_whitespace().count() <= SIGNATURE_WORDS
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
        if (1..=NAME_PART_WORDS).contains(&n(agency))
            && (1..=CITY_WORDS).contains(&n(place))
            && named
        {
            return Some((place, agency));
        }
    }
    let (place, agency) = text
        .split_once(['-', '–', '—'])
        .or_else(|| text.split_once(" ـ "))?;
    let (place, agency) = (place.trim(), agency.trim());
    let short = |s: &str| (1..=NAME_PART_WORDS).contains(&n(s));
    (short(place) && short(agency)).then_some((place, agency))
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
