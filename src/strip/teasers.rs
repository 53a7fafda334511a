//! A teaser set into an article's flow: a box holding a linked headline and its
//! lead, alone among the article's paragraphs ("read also" without the words: a
//! card for another story between two paragraphs). Its lead is a sentence of
//! prose and would pass for the article's. A box of that shape beside others of
//! it is a list (a roundup article's items, or a teaser list), judged elsewhere.

use super::container::prose_like;
use super::hints::{node_spans, subtree_sums};
use crate::segment::{Block, BlockKind, ContainerNode};
use crate::text::mostly_not_links;

/// A linked headline is a line or two.
const HEADLINE_CHARS: usize = 150;
/// Paragraphs of the article beside the card, under the card's parent: a body.
const BODY_PARAGRAPHS: usize = 3;

/// Per block: part of a teaser card set alone into an article's flow.
pub(super) fn inline_teasers(blocks: &[Block], nodes: &[ContainerNode]) -> Vec<bool> {
    let mut out = vec![false; blocks.len()];
    let span = node_spans(blocks, nodes);
    let linked_headline = |b: &Block| {
        matches!(b.kind, BlockKind::Heading(_) | BlockKind::Paragraph)
            && b.chars <= HEADLINE_CHARS
            && !mostly_not_links(b.link_chars, b.chars)
    };
    let lead = |b: &Block| b.kind == BlockKind::Paragraph && b.link_chars == 0 && prose_like(b);
    let card = |n: usize| {
        let (first, last) = span[n];
        first != usize::MAX
            && last == first + 1
            && linked_headline(&blocks[first])
            && lead(&blocks[last])
            && nodes[blocks[last].node as usize].parent as usize == n
    };
    let cards: Vec<bool> = (0..nodes.len()).map(card).collect();
    let mut per_parent = vec![0usize; nodes.len()];
    for n in (0..nodes.len()).filter(|&n| cards[n]) {
        if nodes[n].parent != u32::MAX {
            per_parent[nodes[n].parent as usize] += 1;
        }
    }
    // Paragraphs of prose under each node, the card's own lead among them.
    let body = subtree_sums(nodes, blocks.iter().map(|b| (b.node, usize::from(lead(b)))));
    for n in (0..nodes.len()).filter(|&n| cards[n]) {
        let p = nodes[n].parent;
        if p != u32::MAX && per_parent[p as usize] == 1 && body[p as usize] > BODY_PARAGRAPHS {
            let (first, last) = span[n];
            out[first..=last].iter_mut().for_each(|x| *x = true);
        }
    }
    out
}
