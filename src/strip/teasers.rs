//! Teaser cards: boxes each holding a linked headline and its lead, a sentence
//! of prose that would pass for the article's. Four shapes are the site's, not
//! the article's: a card alone among the article's paragraphs ("read also"
//! without the words: a card for another story between two paragraphs); a list
//! of [`LIST_CARDS`] or more cards that ends above the page's headline (a
//! "latest news" column before the story; nothing of a story stands above its
//! headline); a box holding [`LIST_CARDS`] or more cards and nothing else
//! but a heading, wherever it stands (a "more news" box after the story); and
//! a box of fewer cards and nothing else set into the article's flow. Cards
//! under the headline among other paragraphs are a list whose kind is not known
//! here (a roundup article's items, or a teaser list), judged elsewhere.
//!
//! A list's cards may each stand in wrappers of their own (an `<li>` around a
//! `<div>` around the card): such cards count towards the two list shapes where
//! they meet, and a card whose headline is a heading may have a list item's
//! line for its lead.
//!
//! A list may also be laid out flat, with no element per card: each linked
//! headline and its lead set straight into the list's box, siblings (a `<dl>`
//! of `<dt>` headlines and `<dd>` leads, a `<div>` of `<h3>` links and `<p>`
//! leads). Such cards count towards the two list shapes only; one alone is a
//! linked paragraph above prose, which any article's flow may hold.
use super::container::prose_like;
use super::hints::{node_spans, subtree_sums};
use crate::segment::{Block, BlockKind, ContainerNode};
use crate::text::mostly_not_links;

/// A linked headline is a line or two.
const HEADLINE_CHARS: usize = 150;
/// Paragraphs of the article beside the card, under the card's parent: a body.
const BODY_PARAGRAPHS: usize = 3;
/// Short lines a card may hold between its headline and its lead (a date, a
/// section's name, its writers' names), and their longest; only in a list (see
/// `alone` below).
const CARD_LINES: usize = 2;
const CARD_LINE_CHARS: usize = 60;
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
    // A card's lines are headings and paragraphs; laid out flat, list items'
    // lines too (`items`: a `<dt>` headline, its `<dd>` lead). A list item
    // holding a link and a caption is not taken for a card: that is how photo
    // galleries caption their pictures.
    let line = |b: &Block, items: bool| {
        matches!(b.kind, BlockKind::Paragraph) || items && b.kind == BlockKind::ListItem
    };
    let linked_headline = |b: &Block, items: bool| {
        (line(b, items) || matches!(b.kind, BlockKind::Heading(_)))
            && b.chars <= HEADLINE_CHARS
            && !mostly_not_links(b.link_chars, b.chars)
    };
    let lead = |b: &Block, items: bool| line(b, items) && b.link_chars == 0 && prose_like(b);
    // Lines between a card's headline and lead, `None` when node `n` is no card.
    let card = |n: usize| -> Option<usize> {
        let (first, last) = span[n];
        let lines = last.checked_sub(first + 1)?;
        (first != usize::MAX
            && lines <= CARD_LINES
            && short_lines(&blocks[first + 1..last])
            && linked_headline(&blocks[first], false)
            // Under a heading, the lead may be a list item's: cards set in a
            // list's items (`<li>` holding the heading, a date, the lead).
            && lead(
                &blocks[last],
                matches!(blocks[first].kind, BlockKind::Heading(_)),
            )
            && nodes[blocks[last].node as usize].parent as usize == n)
            .then_some(lines)
    };
    // The box a list's cards meet in: the card's nearest ancestor holding more
    // than the card, past the wrappers around it alone (an `<li>`, a `<div>`
    // around the card and its picture's link).
    let list_box = |n: usize| {
        let mut p = nodes[n].parent as usize;
        while nodes[p].parent != u32::MAX && span[p] == span[n] {
            p = nodes[p].parent as usize;
        }
        p
    };
    // Every card as (first block, last block, box, list's box, lines between,
    // laid flat).
    let mut cards: Vec<(usize, usize, usize, usize, usize, bool)> = (0..nodes.len())
        .filter(|&n| nodes[n].parent != u32::MAX)
        .filter_map(|n| {
            let p = nodes[n].parent as usize;
            card(n).map(|lines| (span[n].0, span[n].1, p, list_box(n), lines, false))
        })
        .collect();
    cards.extend(
        flat_cards(
            blocks,
            nodes,
            |b| linked_headline(b, true),
            |b| lead(b, true),
        )
        .into_iter()
        .map(|(first, last, p)| (first, last, p, p, last - first - 1, true)),
    );
    let mut per_parent = vec![0usize; nodes.len()];
    let mut per_list = vec![0usize; nodes.len()];
    // Per block: part of a card.
    let mut in_card = vec![false; blocks.len()];
    for &(first, last, p, list, ..) in &cards {
        per_parent[p] += 1;
        per_list[list] += 1;
        in_card[first..=last].fill(true);
    }
    // A box of cards and nothing else but a heading (a roundup's items stand
    // among its own paragraphs).
    let only_cards = |p: usize| {
        let (a, b) = span[p];
        (a..=b).all(|k| in_card[k] || matches!(blocks[k].kind, BlockKind::Heading(_)))
    };
    // Paragraphs of prose under each node, the card's own lead among them.
    let body = subtree_sums(
        nodes,
        blocks.iter().map(|b| (b.node, usize::from(lead(b, false)))),
    );
    // Paragraphs of prose in a node's run of blocks (a node's blocks are a run in
    // reading order), inline links allowed; counted only for boxes of cards.
    let prose = |n: usize| {
        let (a, b) = span[n];
        (a..=b)
            .filter(|&k| blocks[k].kind == BlockKind::Paragraph && prose_like(&blocks[k]))
            .count()
    };
    // Per box of cards, judged once (a box is met once per card): inset, a box
    // of cards and nothing else set into a body that has more than
    // [`BODY_PARAGRAPHS`] paragraphs of prose of its own beside it ("read also"
    // cards between two of the article's paragraphs).
    let mut insets: Vec<Option<bool>> = vec![None; nodes.len()];
    // Per list's box, judged once: [`LIST_CARDS`] or more cards in it, and
    // nothing else but a heading, or its last block (a card's, or whatever
    // follows the cards) above the headline. A card's box is its list's box
    // but where wrappers of its own stand between them.
    let mut lists: Vec<Option<bool>> = vec![None; nodes.len()];
    for &(first, last, p, list, lines, flat) in &cards {
        let inset = *insets[p].get_or_insert_with(|| {
            let q = nodes[p].parent;
            only_cards(p) && q != u32::MAX && prose(q as usize) - prose(p) > BODY_PARAGRAPHS
        });
        // Alone, a headline right above its lead: with a date between, the box
        // is as likely the article's own (an event it announces, and its time).
        // Laid flat, one card is a linked line above a paragraph, which any
        // article may hold: flat cards count only as a list.
        let alone = lines == 0 && per_parent[p] == 1 && body[p] > BODY_PARAGRAPHS;
        let listed = *lists[list].get_or_insert_with(|| {
            per_list[list] >= LIST_CARDS
                && (only_cards(list) || headline.is_some_and(|h| span[list].1 < h))
        });
        if (!flat && (alone || (lines == 0 && inset))) || listed {
            out[first..=last].fill(true);
        }
    }
    out
}

/// The lines a card may hold between its headline and its lead: a date, a
/// section's name, its writers' names.
fn short_lines(lines: &[Block]) -> bool {
    lines.iter().all(|b| b.chars <= CARD_LINE_CHARS)
}

/// Cards laid out flat: a `linked_headline` block, at most [`CARD_LINES`] short
/// lines, then a `lead` block, each in an element of its own set straight into
/// one box. As `(first block, last block, box)`.
fn flat_cards(
    blocks: &[Block],
    nodes: &[ContainerNode],
    linked_headline: impl Fn(&Block) -> bool,
    lead: impl Fn(&Block) -> bool,
) -> Vec<(usize, usize, usize)> {
    let parent = |k: usize| nodes[blocks[k].node as usize].parent;
    let mut out = Vec::new();
    let mut i = 0;
    while i < blocks.len() {
        let p = parent(i);
        let found = (p != u32::MAX && linked_headline(&blocks[i]))
            .then(|| {
                (i + 1..blocks.len().min(i + 2 + CARD_LINES))
                    .take_while(|&k| parent(k) == p && blocks[k].node != blocks[k - 1].node)
                    .find(|&k| lead(&blocks[k]))
            })
            .flatten()
            .filter(|&k| short_lines(&blocks[i + 1..k]));
        match found {
            Some(k) => {
                out.push((i, k, p as usize));
                i = k + 1;
            }
            None => i += 1,
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const LEAD: &str = "The council approved the new water plan on Monday after a long debate.";

    fn node(parent: u32) -> ContainerNode {
        ContainerNode {
            parent,
            hints: 0,
            shape: 0,
        }
    }

    fn block(text: &str, kind: BlockKind, linked: bool, node: u32) -> Block {
        let chars = text.chars().count();
        Block {
            text: text.to_owned(),
            kind,
            chars,
            link_chars: if linked { chars } else { 0 },
            node,
        }
    }

    /// A box (node 1) of four cards, each a linked `<h3>` and a lead, after
    /// `extra` paragraphs of the box's own; `heading` puts a heading over it.
    fn page(extra: usize, heading: bool) -> (Vec<Block>, Vec<ContainerNode>) {
        let mut nodes = vec![node(u32::MAX), node(0)];
        let mut blocks = Vec::new();
        if heading {
            nodes.push(node(1));
            blocks.push(block("Latest news", BlockKind::Heading(2), false, 2));
        }
        for _ in 0..extra {
            nodes.push(node(1));
            let n = nodes.len() as u32 - 1;
            blocks.push(block(LEAD, BlockKind::Paragraph, false, n));
        }
        for _ in 0..4 {
            nodes.push(node(1));
            let card = nodes.len() as u32 - 1;
            nodes.push(node(card));
            blocks.push(block(
                "Bridge to close",
                BlockKind::Heading(3),
                true,
                card + 1,
            ));
            nodes.push(node(card));
            blocks.push(block(LEAD, BlockKind::Paragraph, false, card + 2));
        }
        (blocks, nodes)
    }

    #[test]
    fn a_box_of_cards_alone_is_a_teaser_list_and_one_with_its_own_text_is_not() {
        let (blocks, nodes) = page(0, true);
        let out = teasers(&blocks, &nodes, None);
        assert_eq!(
            out,
            [vec![false], vec![true; 8]].concat(),
            "the cards go, the heading stays for the furniture rules"
        );
        // The box's own paragraphs beside its cards: a roundup's, not a list
        // (the cards' headlines are headings, but not the box's own blocks).
        let (blocks, nodes) = page(4, false);
        assert!(!teasers(&blocks, &nodes, None).contains(&true));
    }

    #[test]
    fn cards_each_in_a_list_item_of_their_own_are_a_list() {
        // Node 1 a `<ul>`; per card an `<li>` around a `<div>` around the card:
        // a linked `<h5>`, the writers' names, a date, the lead (list items'
        // lines, being in the `<li>`).
        let mut nodes = vec![node(u32::MAX), node(0)];
        let mut blocks = Vec::new();
        for _ in 0..4 {
            nodes.push(node(1));
            let item = nodes.len() as u32 - 1;
            nodes.push(node(item));
            let card = item + 1;
            let lines = [
                ("Bridge to close", BlockKind::Heading(5), true),
                (
                    "Anthony, Maya, Nadine, and Caroline Ghosn",
                    BlockKind::ListItem,
                    false,
                ),
                ("Wednesday November 20, 2019", BlockKind::ListItem, false),
                (LEAD, BlockKind::ListItem, false),
            ];
            for (text, kind, linked) in lines {
                nodes.push(node(card));
                blocks.push(block(text, kind, linked, nodes.len() as u32 - 1));
            }
        }
        assert_eq!(teasers(&blocks, &nodes, None), vec![true; 16]);
        // Under a linked line that is no heading, a list item's caption is a
        // gallery's, not a card's lead.
        for b in blocks
            .iter_mut()
            .filter(|b| b.kind == BlockKind::Heading(5))
        {
            b.kind = BlockKind::ListItem;
        }
        assert!(!teasers(&blocks, &nodes, None).contains(&true));
    }

    #[test]
    fn a_box_of_two_cards_inside_a_body_goes_and_the_body_stays() {
        // Node 1 the body: `before` paragraphs, a box of two cards, one more.
        let page = |before: usize| {
            let mut nodes = vec![node(u32::MAX), node(0)];
            let mut blocks = Vec::new();
            let para = |nodes: &mut Vec<ContainerNode>, blocks: &mut Vec<Block>| {
                nodes.push(node(1));
                let n = nodes.len() as u32 - 1;
                blocks.push(block(LEAD, BlockKind::Paragraph, false, n));
            };
            for _ in 0..before {
                para(&mut nodes, &mut blocks);
            }
            nodes.push(node(1));
            let boxed = nodes.len() as u32 - 1;
            for _ in 0..2 {
                nodes.push(node(boxed));
                let card = nodes.len() as u32 - 1;
                nodes.extend([node(card), node(card)]);
                blocks.push(block(
                    "Bridge to close",
                    BlockKind::Heading(3),
                    true,
                    card + 1,
                ));
                blocks.push(block(LEAD, BlockKind::Paragraph, false, card + 2));
            }
            para(&mut nodes, &mut blocks);
            (blocks, nodes)
        };
        let (blocks, nodes) = page(3);
        let out = teasers(&blocks, &nodes, None);
        assert_eq!(out, [vec![false; 3], vec![true; 4], vec![false]].concat());
        // A body of three paragraphs in all beside the box: too little to tell
        // a body from a box of a story's parts.
        let (blocks, nodes) = page(2);
        assert!(!teasers(&blocks, &nodes, None).contains(&true));
    }

    #[test]
    fn cards_laid_flat_are_a_list_and_one_linked_line_above_prose_is_not() {
        // Node 1 a box: `before` paragraphs of its own, then `cards` pairs of a
        // linked line and a lead, each in an element of its own (`kind`).
        let page = |before: usize, cards: usize, kind: BlockKind| {
            let mut nodes = vec![node(u32::MAX), node(0)];
            let mut blocks = Vec::new();
            let mut add = |text: &str, kind: BlockKind, linked: bool| {
                nodes.push(node(1));
                blocks.push(block(text, kind, linked, nodes.len() as u32 - 1));
            };
            for _ in 0..before {
                add(LEAD, BlockKind::Paragraph, false);
            }
            for _ in 0..cards {
                add("Bridge to close", kind, true);
                add(LEAD, kind, false);
            }
            (blocks, nodes)
        };
        for kind in [BlockKind::Paragraph, BlockKind::ListItem] {
            let (blocks, nodes) = page(0, 3, kind);
            assert_eq!(teasers(&blocks, &nodes, None), vec![true; 6], "{kind:?}");
        }
        // A body's own paragraphs beside the pairs: a roundup, or a story
        // whose paragraphs follow linked lines.
        let (blocks, nodes) = page(4, 3, BlockKind::Paragraph);
        assert!(!teasers(&blocks, &nodes, None).contains(&true));
        // Two pairs may be a story's parts.
        let (blocks, nodes) = page(0, 2, BlockKind::Paragraph);
        assert!(!teasers(&blocks, &nodes, None).contains(&true));
    }
}
