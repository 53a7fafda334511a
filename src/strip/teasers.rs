//! Teaser cards: boxes each holding a linked headline and its lead, a sentence
//! of prose that would pass for the article's. Three shapes are the site's, not
//! the article's: a card alone among the article's paragraphs ("read also"
//! without the words: a card for another story between two paragraphs); a list
//! of [`LIST_CARDS`] or more cards that ends above the page's headline (a
//! "latest news" column before the story; nothing of a story stands above its
//! headline); and a box holding [`LIST_CARDS`] or more cards and nothing else
//! but a heading, wherever it stands (a "more news" box after the story). Cards
//! under the headline among other paragraphs are a list whose kind is not known
//! here (a roundup article's items, or a teaser list), judged elsewhere.
use super::container::prose_like;
use super::hints::{node_spans, subtree_sums};
use crate::segment::{Block, BlockKind, ContainerNode};
use crate::text::mostly_not_links;

/// A linked headline is a line or two.
const HEADLINE_CHARS: usize = 150;
/// Paragraphs of the article beside the card, under the card's parent: a body.
const BODY_PARAGRAPHS: usize = 3;
/// Short lines a card may hold between its headline and its lead (a date, a
/// section's name), and their longest; only in a list (see `alone` below).
const CARD_LINES: usize = 2;
const CARD_LINE_CHARS: usize = 30;
/// Fewest cards under one parent that make a list: two may be a story's parts.
const LIST_CARDS: usize = 3;

/// Per block: part of a teaser card set alone into an article's flow, or of a
/// list of cards above the page's `headline` block.
pub(super) fn teasers(
    blocks: &[Block],
    nodes: &[ContainerNode],
    headline: Option<usize>,
) -> Vec<bool> {
    let mut out = vec![false; blocks.len()];
    let span = node_spans(blocks, nodes);
    let linked_headline = |b: &Block| {
        matches!(b.kind, BlockKind::Heading(_) | BlockKind::Paragraph)
            && b.chars <= HEADLINE_CHARS
            && !mostly_not_links(b.link_chars, b.chars)
    };
    let lead = |b: &Block| b.kind == BlockKind::Paragraph && b.link_chars == 0 && prose_like(b);
    // Lines between a card's headline and lead, `None` when node `n` is no card.
    let card = |n: usize| -> Option<usize> {
        let (first, last) = span[n];
        let lines = last.checked_sub(first + 1)?;
        (first != usize::MAX
            && lines <= CARD_LINES
            && blocks[first + 1..last]
                .iter()
                .all(|b| b.chars <= CARD_LINE_CHARS)
            && linked_headline(&blocks[first])
            && lead(&blocks[last])
            && nodes[blocks[last].node as usize].parent as usize == n)
            .then_some(lines)
    };
    let cards: Vec<Option<usize>> = (0..nodes.len()).map(card).collect();
    let mut per_parent = vec![0usize; nodes.len()];
    // Blocks of each parent's cards.
    let mut card_blocks = vec![0usize; nodes.len()];
    for n in (0..nodes.len()).filter(|&n| cards[n].is_some()) {
        if nodes[n].parent != u32::MAX {
            per_parent[nodes[n].parent as usize] += 1;
            card_blocks[nodes[n].parent as usize] += span[n].1 + 1 - span[n].0;
        }
    }
    // Paragraphs of prose under each node, the card's own lead among them.
    let body = subtree_sums(nodes, blocks.iter().map(|b| (b.node, usize::from(lead(b)))));
    for (n, lines) in cards.iter().enumerate() {
        let (Some(lines), p) = (*lines, nodes[n].parent) else {
            continue;
        };
        if p == u32::MAX {
            continue;
        }
        let (first, last) = span[n];
        // Alone, a headline right above its lead: with a date between, the box
        // is as likely the article's own (an event it announces, and its time).
        let alone = lines == 0 && per_parent[p as usize] == 1 && body[p as usize] > BODY_PARAGRAPHS;
        // The list's last block (a card's, or whatever follows the cards under
        // that parent) is above the headline.
        let above = per_parent[p as usize] >= LIST_CARDS
            && headline.is_some_and(|h| span[p as usize].1 < h);
        // A box of cards and nothing else (but a heading): a teaser list
        // wherever it stands; a roundup's items stand among its own paragraphs.
        let (pa, pb) = span[p as usize];
        let headings = blocks[pa..=pb]
            .iter()
            .filter(|b| matches!(b.kind, BlockKind::Heading(_)))
            .count();
        let pure = per_parent[p as usize] >= LIST_CARDS
            && card_blocks[p as usize] + headings >= pb + 1 - pa;
        if alone || above || pure {
            out[first..=last].iter_mut().for_each(|x| *x = true);
        }
    }
    out
}
