//! Independent candidates for the article, and the choice by agreement with the
//! classifier's: the readability-style container (`candidate`), where the
//! classifier's choice stopped short inside it; and the text a page declares as
//! its article body in JSON-LD (`articleBody`, schema.org's field, written by most
//! news CMSs for search engines). Where the page says what its article is and the
//! classifier's choice covers little of it, the blocks the declaration holds are
//! the article: the classifier took a teaser list, a comment thread or one chunk
//! of a body cut by an embed. Where they agree, nothing changes.

use crate::hash::FastSet;

use super::fields::LinkedData;
use crate::normalize::normalize;
use crate::segment::{collapse, Block, ContainerNode};

/// A declared body shorter than this is a summary, not the article.
const MIN_DECLARED_CHARS: usize = 500;
/// Blocks shorter than this are not looked up: short lines ("Share", a date)
/// occur in any text.
const MIN_BLOCK_CHARS: usize = 30;
/// The declared body's blocks must cover at least this share of it: below, the
/// declaration is not the page's text (another language, an excerpt, markup).
const MIN_DECLARED_COVER: f32 = 0.6;
/// The classifier's choice is replaced when it covers less than this share of
/// what the declared body's blocks cover.
const DISAGREE: f32 = 0.5;

/// The blocks to keep instead of `keep`, when the page's declared article body
/// disagrees with them; `None` when they agree or the page declares none.
/// `normalized` is each block's text as strip normalised it.
pub(super) fn declared_body(
    blocks: &[Block],
    normalized: &[String],
    ld: &LinkedData,
    keep: &[bool],
) -> Option<Vec<bool>> {
    let declared = ld.field("articleBody")?;
    if declared.chars().count() < MIN_DECLARED_CHARS {
        return None;
    }
    let body = collapse(&normalize(&declared));
    let body_chars = body.chars().count() as f32;
    let inside: Vec<bool> = blocks
        .iter()
        .zip(normalized)
        .map(|(b, n)| {
            b.chars >= MIN_BLOCK_CHARS
                && memchr::memmem::find(body.as_bytes(), collapse(n).as_bytes()).is_some()
        })
        .collect();
    let cover = |pick: &dyn Fn(usize) -> bool| -> f32 {
        (0..blocks.len())
            .filter(|&i| pick(i) && inside[i])
            .map(|i| blocks[i].chars)
            .sum::<usize>() as f32
            / body_chars
    };
    let declared_cover = cover(&|_| true);
    let ours = cover(&|i| keep[i]);
    if declared_cover < MIN_DECLARED_COVER {
        return None;
    }
    if ours < DISAGREE * declared_cover {
        return Some(inside);
    }
    // Agreed on the body: paragraphs kept outside it are the page's, not the
    // article's (teasers, comments).
    let outside: Vec<usize> = (0..blocks.len())
        .filter(|&i| keep[i] && !inside[i] && blocks[i].chars >= PARAGRAPH_CHARS)
        .collect();
    let extra: usize = outside.iter().map(|&i| blocks[i].chars).sum();
    (ours >= AGREE && extra as f32 > EXTRA_SHARE * body_chars).then(|| {
        let mut k = keep.to_vec();
        for i in outside {
            k[i] = false;
        }
        k
    })
}

/// Shares for the precision rule: our text covers at least [`AGREE`] of the
/// declared body, and adds paragraphs outside it of more than [`EXTRA_SHARE`] of
/// its length.
const AGREE: f32 = 0.9;
const EXTRA_SHARE: f32 = 0.2;
/// Paragraph-sized blocks only: headings and captions are often left out of the
/// declaration and stay.
const PARAGRAPH_CHARS: usize = 100;

/// A readability-style candidate holding less text than this is no evidence: a
/// short page's containers all score little.
const MIN_CANDIDATE_CHARS: usize = 1000;
/// The choice is short when the candidate holds more than this many times its
/// text (trafilatura's test for taking its fallback's result).
const CANDIDATE_RATIO: usize = 2;

/// A body cut short: where the classifier kept much less text than the
/// readability-style `candidate` holds, and what it kept lies mostly inside
/// that candidate, the article goes on in the containers of its kept
/// paragraphs: their other paragraphs in the candidate are kept too (those
/// after an embed or an ad slot, those with too many links for the
/// classifier). A box nested deeper in the candidate (a comment thread under
/// the story) does not join. `None` where the two agree, the candidate is
/// short, or the kept text is elsewhere (no evidence it was cut).
pub(super) fn second_opinion(
    blocks: &[Block],
    nodes: &[ContainerNode],
    keep: &[bool],
    candidate: &[bool],
) -> Option<Vec<bool>> {
    let chars = |pick: &[bool]| -> usize {
        blocks
            .iter()
            .zip(pick)
            .filter(|(_, k)| **k)
            .map(|(b, _)| b.chars)
            .sum()
    };
    let both: Vec<bool> = keep.iter().zip(candidate).map(|(a, b)| *a && *b).collect();
    let (ours, theirs, shared) = (chars(keep), chars(candidate), chars(&both));
    if theirs < MIN_CANDIDATE_CHARS || ours * CANDIDATE_RATIO >= theirs || shared * 2 < ours {
        return None;
    }
    let parent = |i: usize| nodes[blocks[i].node as usize].parent;
    let runs: FastSet<u32> = (0..blocks.len()).filter(|&i| both[i]).map(parent).collect();
    Some(
        (0..blocks.len())
            .map(|i| keep[i] || (candidate[i] && runs.contains(&parent(i))))
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::segment::{BlockKind, PageMeta};

    fn normalized(blocks: &[Block]) -> Vec<String> {
        blocks.iter().map(|b| normalize(&b.text)).collect()
    }

    fn block(text: &str) -> Block {
        Block {
            text: text.to_owned(),
            kind: BlockKind::Paragraph,
            chars: text.chars().count(),
            link_chars: 0,
            node: 0,
        }
    }

    #[test]
    fn the_declared_body_wins_where_the_choice_misses_it() {
        let story = "The regional council approved the new water plan on Monday after a long \
                     debate, promising drip irrigation for small farms and new reservoirs.";
        let more = "Farmers in the valley have waited for the plan since the drought of last \
                    summer, when many wells ran dry and the river fell to its lowest level.";
        let teaser = "The national team won its qualifying match on Saturday evening and will \
                      play the final round of the tournament next month in the capital city.";
        let body = format!("{story} {more} {story} {more}");
        let meta = PageMeta {
            json_ld: vec![serde_json::json!({"articleBody": body}).to_string()],
            ..PageMeta::default()
        };
        let blocks = [
            block(story),
            block(more),
            block(story),
            block(more),
            block(teaser),
        ];
        let norm = normalized(&blocks);
        let ld = LinkedData::parse(&meta);
        let decide = |keep: &[bool]| declared_body(&blocks, &norm, &ld, keep);
        // The classifier kept the teaser only: the declaration's blocks instead.
        let got = decide(&[false, false, false, false, true]);
        assert_eq!(got, Some(vec![true, true, true, true, false]));
        // It kept the body and the teaser: the teaser goes.
        let got = decide(&[true, true, true, true, true]);
        assert_eq!(got, Some(vec![true, true, true, true, false]));
        // It kept the body: nothing to change.
        assert_eq!(decide(&[true, true, true, true, false]), None);
        // A page declaring another text: no evidence.
        let other = PageMeta {
            json_ld: vec![serde_json::json!({"articleBody": teaser.repeat(8)}).to_string()],
            ..PageMeta::default()
        };
        let other = LinkedData::parse(&other);
        let got = declared_body(&blocks[..4], &norm[..4], &other, &[true; 4]);
        assert_eq!(got, None);
    }
}
