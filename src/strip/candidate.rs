//! An independent view of where the article is: the container a readability-style
//! score picks (Arc90's readability, as Mozilla's Readability.js computes it),
//! which knows nothing of stop words or block classes. Each paragraph of
//! [`MIN_PARAGRAPH_CHARS`] or more scores 1, one more per comma and per 100
//! characters (up to 3), and gives that score to its container whole, to the
//! one above half, and less further up; a container named like an article or
//! like furniture gains or loses [`NAME_WEIGHT`]; its score is scaled by the
//! share of its text outside links. The best container holds the candidate
//! (readability's rule that adds the containers beside it scoring near it took
//! the related-news list beside an agency's stories). The classifier's choice is
//! compared with it in `agreement`.

use super::container::not_furniture;
use super::hints::{subtree, subtree_sums};
use super::Features;
use crate::segment::{hint, Block, BlockKind, ContainerNode};
use crate::text::mostly_not_links;

/// Shorter paragraphs ("Share", a date) score nothing, as in readability.
const MIN_PARAGRAPH_CHARS: usize = 25;
/// Containers above a paragraph that share its score.
const ANCESTORS: usize = 5;
/// What a container's article-like or furniture-like name is worth: readability's
/// class weight.
const NAME_WEIGHT: f32 = 25.0;
/// The blocks of the readability-style candidate that are text (not furniture by
/// the page's weighed hints or strip's evidence, not mostly links); `None` when
/// no paragraph scores.
pub(super) fn readability_candidate(
    blocks: &[Block],
    nodes: &[ContainerNode],
    feats: &[Features],
    effective: &[u16],
) -> Option<Vec<bool>> {
    let mut score = vec![0f32; nodes.len()];
    let mut scored = vec![false; nodes.len()];
    for b in blocks {
        let paragraph = matches!(
            b.kind,
            BlockKind::Paragraph | BlockKind::Quote | BlockKind::Preformatted
        );
        // Hidden text scores nothing (weighing hints keeps the hidden bit).
        if !paragraph
            || b.chars < MIN_PARAGRAPH_CHARS
            || effective[b.node as usize] & hint::HIDDEN != 0
        {
            continue;
        }
        let commas = commas(&b.text);
        let points = 1.0 + commas as f32 + (b.chars / 100).min(3) as f32;
        let mut n = nodes[b.node as usize].parent;
        for level in 0..ANCESTORS {
            if n == u32::MAX {
                break;
            }
            let divider = match level {
                0 => 1.0,
                1 => 2.0,
                l => l as f32 * 3.0,
            };
            score[n as usize] += points / divider;
            scored[n as usize] = true;
            n = nodes[n as usize].parent;
        }
    }
    let chars = subtree_sums(nodes, blocks.iter().map(|b| (b.node, b.chars)));
    let links = subtree_sums(nodes, blocks.iter().map(|b| (b.node, b.link_chars)));
    let last = |i: usize| -> Option<f32> {
        if !scored[i] {
            return None;
        }
        let h = nodes[i].hints;
        let mut s = score[i];
        if h & (hint::ARTICLE | hint::MAIN) != 0 {
            s += NAME_WEIGHT;
        }
        if h & (hint::NEGATIVE & !hint::HIDDEN) != 0 {
            s -= NAME_WEIGHT;
        }
        let outside_links = 1.0 - links[i] as f32 / chars[i].max(1) as f32;
        Some(s * outside_links)
    };
    // The first of equal scores, in document order.
    let (top, best) = (0..nodes.len())
        .filter_map(|i| last(i).map(|s| (i, s)))
        .fold(None, |acc: Option<(usize, f32)>, (i, s)| match acc {
            Some((_, b)) if b >= s => acc,
            _ => Some((i, s)),
        })?;
    if best <= 0.0 {
        return None;
    }
    let inside = subtree(nodes, top);
    Some(
        blocks
            .iter()
            .zip(feats)
            .map(|(b, f)| {
                inside[b.node as usize]
                    && !f.caption
                    && not_furniture(b, f, effective)
                    && mostly_not_links(b.link_chars, b.chars)
            })
            .collect(),
    )
}

/// Commas in `text`: Latin, Arabic, and the CJK ideographic and full-width
/// ones, counted on bytes (their UTF-8 forms), not decoded characters.
fn commas(text: &str) -> usize {
    let b = text.as_bytes();
    let ascii = b.iter().filter(|&&x| x == b',').count();
    // Lead bytes of U+060C (D8 8C), U+3001 (E3 80 81) and U+FF0C (EF BC 8C).
    if !b.iter().any(|&x| matches!(x, 0xd8 | 0xe3 | 0xef)) {
        return ascii;
    }
    let count = |c: &str| memchr::memmem::find_iter(b, c.as_bytes()).count();
    ascii + count("،") + count("、") + count("，")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::strip::agreement::second_opinion;

    fn node(parent: u32, hints: u16) -> ContainerNode {
        ContainerNode {
            parent,
            hints,
            shape: 0,
        }
    }

    fn block(text: &str, node: u32, link_chars: usize) -> Block {
        Block {
            text: text.to_owned(),
            kind: BlockKind::Paragraph,
            chars: text.chars().count(),
            link_chars,
            node,
        }
    }

    #[test]
    fn commas_of_every_script() {
        assert_eq!(commas("a, b، c、d，e,"), 5);
        assert_eq!(commas("no commas here"), 0);
    }

    #[test]
    fn a_body_cut_short_goes_on_in_its_container_only() {
        let para = "The council approved the new water plan on Monday, after a long debate, \
                    promising drip irrigation, new reservoirs and repairs to the old canals.";
        let reply = "I do not agree with this at all, the plan is late, too costly, and it \
                     will not reach the farms in the hills, where water is short every summer.";
        // 0 body; 1 menu; 2 the story's box, its paragraphs 3..=9 and 10 the
        // comments' box inside it, their paragraphs 11..=13.
        let mut nodes = vec![node(u32::MAX, 0), node(0, hint::NAV), node(0, 0)];
        nodes.extend((3..=9).map(|_| node(2, 0)));
        nodes.push(node(2, 0));
        nodes.extend((11..=13).map(|_| node(10, 0)));
        let mut blocks = vec![block("Home News Sport Weather", 1, 23)];
        // Paragraphs after the first carry links enough for the classifier to
        // drop them (a third of their characters), not enough to be furniture.
        blocks.extend((3..=9).map(|n| block(para, n, if n == 3 { 0 } else { 50 })));
        blocks.extend((11..=13).map(|n| block(reply, n, 0)));
        let feats: Vec<Features> = blocks.iter().map(|_| Features::default()).collect();
        let effective: Vec<u16> = nodes.iter().map(|n| n.hints).collect();
        let cand = readability_candidate(&blocks, &nodes, &feats, &effective).unwrap();
        let story: Vec<bool> = (0..blocks.len()).map(|i| (1..=7).contains(&i)).collect();
        let boxed: Vec<bool> = (0..blocks.len()).map(|i| i >= 1).collect();
        assert_eq!(cand, boxed, "the story's box scores best");

        // Only the first paragraph kept: the story goes on, the comments do not
        // join it, though they are prose too.
        let mut keep = vec![false; blocks.len()];
        keep[1] = true;
        assert_eq!(
            second_opinion(&blocks, &nodes, &keep, &cand),
            Some(story.clone())
        );
        // Most of it kept: the two agree.
        let most: Vec<bool> = (0..blocks.len()).map(|i| (1..=5).contains(&i)).collect();
        assert_eq!(second_opinion(&blocks, &nodes, &most, &cand), None);
        // Kept text outside the candidate: no evidence that it was cut short.
        let mut elsewhere = vec![false; blocks.len()];
        elsewhere[0] = true;
        assert_eq!(second_opinion(&blocks, &nodes, &elsewhere, &cand), None);
        // A short story: its container is no evidence either.
        let short = &blocks[..3];
        let cand = readability_candidate(short, &nodes, &feats[..3], &effective).unwrap();
        assert_eq!(second_opinion(short, &nodes, &keep[..3], &cand), None);
    }
}
