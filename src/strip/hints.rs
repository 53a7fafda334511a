//! Which DOM hints count: hints in force per node, and the sums over subtrees that
//! weigh a wrapper's name against the prose it holds.

use crate::hash::{FastMap, FastSet};

use super::container::standfirst;
use super::Class;
use crate::segment::{hint, Block, BlockKind, ContainerNode};

/// A byline or date box is a line or two, an author box a paragraph: a node with
/// this many blocks or characters holds a section, and its byline-like class
/// ("date-outer", "author-guidelines") names something else.
const SECTION_BLOCKS: usize = 15;
const SECTION_CHARS: usize = 1500;
/// Good blocks under one parent that make a run, however they are wrapped.
const RUN_SIBLINGS: usize = 2;
/// A good block this long counts as a run on its own (an article of one long
/// paragraph); a teaser's summary is shorter.
const RUN_ALONE_CHARS: usize = 400;
/// Good blocks under one parent that make an article's body below its headline,
/// not a lead in a box of its own (see [`effective_hints`]).
const BODY_BLOCKS: usize = 3;
/// Blocks between an article's first part and a box that goes on with it: an ad
/// slot, a photo and its caption, a "read also" line (a footer, a sidebar or a
/// menu between them ends the article).
const CONTINUATION_GAP: usize = 6;
/// A box named as the prose's wrapper and beside it is the other half of a split
/// body when it holds more than one part in this many of the page's running
/// prose; a widget in the wrapper's name (a donation call) holds a sentence or two.
const TWIN_SHARE: usize = 4;
/// A wrapper name repeated around this many sections of prose is the body's
/// layout; one or two such boxes may be a sidebar's blocks.
const REPEATED_WRAPPERS: usize = 3;

/// Hints in force at each node: its own and its ancestors'. A negative or byline hint
/// on a node that holds most of the page's running prose, or that also names content
/// ("content-with-sidebar", `<body class="single-author">`), is a wrapper's name, not
/// evidence, and is ignored; but not for holding the most prose when the page's
/// own `headline` and the running prose after it are both outside the node: there
/// the article is elsewhere, and the node a long box of the site's (comment rules
/// in a modal window, terms of use) beside a short article.
pub(super) fn effective_hints(
    blocks: &[Block],
    nodes: &[ContainerNode],
    prose: &[Class],
    headline: Option<usize>,
) -> Vec<u16> {
    let good: Vec<bool> = prose
        .iter()
        .map(|c| matches!(c, Class::Good | Class::NearGood))
        .collect();
    let chars = subtree_sums(nodes, blocks.iter().map(|b| (b.node, b.chars)));
    let mut weight = run_sums(blocks, nodes, &good);
    if weight[0] == 0 {
        weight = chars.clone();
    }
    let total = weight[0].max(1);
    let count = subtree_sums(nodes, blocks.iter().map(|b| (b.node, 1)));
    let repeated = repeated_wrappers(blocks, nodes, prose);
    let elsewhere = article_elsewhere(blocks, nodes, &good, &weight, headline);
    // Nothing of a story stands above its headline: with the page's own
    // headline, a wrapper holds most of the prose from the headline on (a
    // column of teasers with leads above it may hold more than the story).
    let from_headline = headline
        .map(|h| {
            let after: Vec<bool> = good.iter().enumerate().map(|(i, g)| *g && i > h).collect();
            run_sums(blocks, nodes, &after)
        })
        .filter(|w| w[0] > 0);
    let held = from_headline.as_ref().unwrap_or(&weight);
    let wrapper = |i: usize| held[i] * 2 > held[0] && !elsewhere[i];
    // A body an interruption split in two carries its wrapper's name on both
    // halves, and the half after the cut holds less than half the prose: a
    // box beside the wrapper, named as it is and holding a share of the prose
    // (more than 1 / [`TWIN_SHARE`]), is its twin.
    let twins: FastSet<(u32, u16)> = (0..nodes.len())
        .filter(|&i| wrapper(i) && nodes[i].hints & hint::NEGATIVE != 0)
        .map(|i| (nodes[i].parent, nodes[i].hints))
        .collect();
    let mut eff = vec![0u16; nodes.len()];
    for (i, n) in nodes.iter().enumerate() {
        let mut own = n.hints;
        // A byline or date box is a line or two, an author box a paragraph: a
        // "date-outer" or "author-guidelines" node holding a section is neither.
        if count[i] >= SECTION_BLOCKS || chars[i] >= SECTION_CHARS {
            own &= !hint::BYLINE;
        }
        if wrapper(i)
            || (weight[i] * TWIN_SHARE > total && twins.contains(&(n.parent, n.hints)))
            || Repeat::of(nodes, i).any(|k| repeated.contains(&k))
            || own & (hint::ARTICLE | hint::MAIN) != 0
        {
            own &= !(hint::NEGATIVE | hint::BYLINE) | hint::HIDDEN;
        }
        let parent = if n.parent == u32::MAX {
            0
        } else {
            eff[n.parent as usize]
        };
        eff[i] = parent | own;
    }
    eff
}

/// Per node, the hints the page gives it and its ancestors, as written (before
/// [`effective_hints`] weighs them).
pub(super) fn hints_in_force(nodes: &[ContainerNode]) -> Vec<u16> {
    let mut named = vec![0u16; nodes.len()];
    for (i, n) in nodes.iter().enumerate() {
        let up = match n.parent {
            u32::MAX => 0,
            p => named[p as usize],
        };
        named[i] = up | n.hints;
    }
    named
}

/// Per node: the page's article runs elsewhere. The article is the page's own
/// `headline` (one that agrees with its metadata) and the first running prose
/// after it, a body of [`BODY_BLOCKS`] good blocks under one parent, or under
/// it and its twin after an ad slot (see [`first_twins`]), not a lead in a box
/// of its own; a node holding neither is elsewhere, unless it begins
/// right after that body, within [`CONTINUATION_GAP`] blocks and no footer,
/// sidebar or menu between, where it goes on with it.
fn article_elsewhere(
    blocks: &[Block],
    nodes: &[ContainerNode],
    good: &[bool],
    weight: &[usize],
    headline: Option<usize>,
) -> Vec<bool> {
    // The nodes holding the headline, and those holding the first running prose
    // after it.
    let holding = |b: usize| {
        let mut on = vec![false; nodes.len()];
        let mut n = blocks[b].node;
        while n != u32::MAX && !on[n as usize] {
            on[n as usize] = true;
            n = nodes[n as usize].parent;
        }
        on
    };
    // A body, not a lead in a box of its own: a parent holding several good
    // blocks, the two halves of a body an ad slot cut in two counted as one.
    let spans = node_spans(blocks, nodes);
    let twins = first_twins(nodes, &spans, CONTINUATION_GAP);
    let parent = |k: usize| match nodes[blocks[k].node as usize].parent {
        u32::MAX => nodes.len(),
        p => twins[p as usize] as usize,
    };
    let mut per_parent = vec![0usize; nodes.len() + 1];
    for k in (0..blocks.len()).filter(|&k| good[k]) {
        per_parent[parent(k)] += 1;
    }
    let Some((h, b, end)) = headline.and_then(|h| {
        let body = (h + 1..blocks.len()).find(|&k| {
            good[k] && weight[blocks[k].node as usize] > 0 && per_parent[parent(k)] >= BODY_BLOCKS
        })?;
        let end = (body..blocks.len())
            .rev()
            .find(|&k| good[k] && parent(k) == parent(body))?;
        Some((holding(h), holding(body), end))
    }) else {
        return vec![false; nodes.len()];
    };
    // A box that begins right after the body's run goes on with it (the rest of
    // the article behind a paywall box, after an ad slot); one after a footer,
    // a sidebar or a menu does not.
    let named = hints_in_force(nodes);
    let furniture =
        |k: usize| named[blocks[k].node as usize] & (hint::NAV | hint::ASIDE | hint::FOOTER) != 0;
    let goes_on = |end: usize, start: usize| {
        start > end && start - end <= CONTINUATION_GAP && !(end + 1..start).any(furniture)
    };
    (0..nodes.len())
        .map(|i| !h[i] && !b[i] && !goes_on(end, spans[i].0))
        .collect()
}

/// Where a wrapper repeats: beside its like under one parent, or one to a box
/// where the boxes are alike (of one [`ContainerNode::shape`]) under one
/// grandparent, as a photo story's `<div class="image-box">` each holding its
/// picture and a `<div class="caption">` of the story's text. With the
/// wrapper's hints.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
enum Repeat {
    Siblings {
        parent: u32,
        hints: u16,
    },
    Cousins {
        grandparent: u32,
        box_shape: u32,
        hints: u16,
    },
}

impl Repeat {
    /// The groups node `i` repeats in: its siblings, and, when its parent is a
    /// named box with a parent of its own, its cousins.
    fn of(nodes: &[ContainerNode], i: usize) -> impl Iterator<Item = Repeat> {
        let n = &nodes[i];
        let siblings = Repeat::Siblings {
            parent: n.parent,
            hints: n.hints,
        };
        let cousins = nodes.get(n.parent as usize).and_then(|p| {
            (p.shape != 0 && p.parent != u32::MAX).then_some(Repeat::Cousins {
                grandparent: p.parent,
                box_shape: p.shape,
                hints: n.hints,
            })
        });
        std::iter::once(siblings).chain(cousins)
    }
}

/// A wrapper repeated around each section of the article from its first
/// paragraph on (`<div class="section-and-ad">` once per paragraph, an ad slot
/// beside each; a caption box in each of a photo story's picture boxes) is one
/// name for the whole body, not a box beside it: the nodes of one [`Repeat`]
/// group are weighed together, when they hold most of the page's good running
/// prose, from its first on. Comments, each in a box of its own too, come after
/// the article's own prose.
fn repeated_wrappers(
    blocks: &[Block],
    nodes: &[ContainerNode],
    prose: &[Class],
) -> FastSet<Repeat> {
    // Good prose only weighs: a sidebar's boxes of near-good lines are no
    // article. But a section is a box of prose, near-good too (a photo story's
    // captions are a sentence or two each).
    let good: Vec<bool> = prose.iter().map(|c| *c == Class::Good).collect();
    let weight = run_sums(blocks, nodes, &good);
    let near: Vec<bool> = prose
        .iter()
        .map(|c| matches!(c, Class::Good | Class::NearGood))
        .collect();
    let sections = run_sums(blocks, nodes, &near);
    let Some(first) = (0..blocks.len()).find(|&i| good[i] && weight[blocks[i].node as usize] > 0)
    else {
        return FastSet::default();
    };
    // The suspect wrappers around the first running prose.
    let mut sums: FastMap<Repeat, (usize, usize)> = FastMap::default();
    let mut n = blocks[first].node;
    while n != u32::MAX {
        if nodes[n as usize].hints & hint::NEGATIVE != 0 {
            sums.extend(Repeat::of(nodes, n as usize).map(|k| (k, (0, 0))));
        }
        n = nodes[n as usize].parent;
    }
    for i in 0..nodes.len() {
        for key in Repeat::of(nodes, i) {
            if let Some((sum, holding)) = sums.get_mut(&key) {
                *sum += weight[i];
                *holding += usize::from(sections[i] > 0);
            }
        }
    }
    sums.into_iter()
        .filter(|(_, (sum, holding))| *holding >= REPEATED_WRAPPERS && sum * 2 > weight[0])
        .map(|(k, _)| k)
        .collect()
}

/// The nodes in the subtree of `top`, as a mask: one pass over the nodes (parents
/// come before children) instead of a walk up the tree per block.
pub(super) fn subtree(nodes: &[ContainerNode], top: usize) -> Vec<bool> {
    let mut inside = vec![false; nodes.len()];
    for (i, n) in nodes.iter().enumerate().skip(top) {
        inside[i] = i == top || (n.parent != u32::MAX && inside[n.parent as usize]);
    }
    inside
}

/// Per node, its first and last block (`(usize::MAX, 0)` for a node without
/// any): a node's blocks are consecutive, as segment emits them while the node
/// is open, so its blocks are that range.
pub(super) fn node_spans(blocks: &[Block], nodes: &[ContainerNode]) -> Vec<(usize, usize)> {
    let mut span: Vec<(usize, usize)> = vec![(usize::MAX, 0); nodes.len()];
    for (i, b) in blocks.iter().enumerate() {
        let s = &mut span[b.node as usize];
        *s = (s.0.min(i), s.1.max(i));
    }
    for n in (1..nodes.len()).rev() {
        let (first, last) = span[n];
        if let Some(p) = span.get_mut(nodes[n].parent as usize) {
            *p = (p.0.min(first), p.1.max(last));
        }
    }
    span
}

/// Per node, the first of the twins it is one of: a body an interruption (an ad
/// slot, an embed) cut in two goes on in a second element of its kind under the
/// same parent (the same [`ContainerNode::shape`]: tag, `class` and `id`),
/// beginning at most `gap` blocks after the first one's last block. A node
/// without a twin before it is its own first; a node with neither `class` nor
/// `id` has no kind and no twin.
pub(super) fn first_twins(
    nodes: &[ContainerNode],
    span: &[(usize, usize)],
    gap: usize,
) -> Vec<u32> {
    let mut first: Vec<u32> = (0..nodes.len() as u32).collect();
    // The last node of each kind seen under each parent.
    let mut last: FastMap<(u32, u32), usize> = FastMap::default();
    for (i, n) in nodes.iter().enumerate() {
        if n.shape == 0 || span[i].0 == usize::MAX {
            continue;
        }
        if let Some(&p) = last.get(&(n.parent, n.shape)) {
            if span[i].0 > span[p].1 && span[i].0 - span[p].1 <= gap {
                first[i] = first[p];
            }
        }
        last.insert((n.parent, n.shape), i);
    }
    first
}

/// Sums per-node amounts up the tree: each node gets its own and its descendants'.
/// Nodes are in document order, so children come after parents.
pub(super) fn subtree_sums(
    nodes: &[ContainerNode],
    amounts: impl Iterator<Item = (u32, usize)>,
) -> Vec<usize> {
    let mut sums = vec![0usize; nodes.len()];
    for (node, amount) in amounts {
        sums[node as usize] += amount;
    }
    for i in (1..nodes.len()).rev() {
        let p = nodes[i].parent;
        if p != u32::MAX {
            sums[p as usize] += sums[i];
        }
    }
    sums
}

/// Per node, the characters of good text in its subtree that come in runs: blocks
/// whose parent holds two or more good blocks, or that follow or precede another
/// good block, or one long one. Article bodies (even split into chunks between ads,
/// or each paragraph in a wrapper of its own) are runs; teaser cards, one summary
/// each between linked headlines, are not.
pub(super) fn run_sums(blocks: &[Block], nodes: &[ContainerNode], good: &[bool]) -> Vec<usize> {
    let parent = |n: u32| nodes[n as usize].parent;
    let mut per_parent: FastMap<u32, usize> = FastMap::default();
    for (b, _) in blocks.iter().zip(good).filter(|(_, g)| **g) {
        *per_parent.entry(parent(b.node)).or_default() += 1;
    }
    // A headline is no part of a run (a teaser's, beside its summary); a heading
    // that is a sentence or two of lead text is.
    let text = |i: usize| {
        good[i] && (!matches!(blocks[i].kind, BlockKind::Heading(_)) || standfirst(&blocks[i]))
    };
    let next_to_good = |i: usize| (i > 0 && text(i - 1)) || (i + 1 < blocks.len() && text(i + 1));
    subtree_sums(
        nodes,
        (0..blocks.len())
            .filter(|&i| {
                let b = &blocks[i];
                good[i]
                    && (per_parent[&parent(b.node)] >= RUN_SIBLINGS
                        || (text(i) && next_to_good(i))
                        || b.chars >= RUN_ALONE_CHARS)
            })
            .map(|i| (blocks[i].node, blocks[i].chars)),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_wrapper_holds_most_of_the_prose_from_the_headline_on() {
        let node = |parent: u32, hints: u16| ContainerNode {
            parent,
            hints,
            shape: 0,
        };
        let block = |chars: usize, kind: BlockKind, node: u32| Block {
            text: "x".repeat(chars),
            kind,
            chars,
            link_chars: 0,
            node,
        };
        // Node 1: a column of six long teaser leads above the story. Node 8:
        // the story's wrapper, named like a side column; its headline (node
        // 9) and three shorter paragraphs (nodes 10 to 12).
        let mut nodes = vec![node(u32::MAX, 0), node(0, 0)];
        let mut blocks = Vec::new();
        for n in 2..=7 {
            nodes.push(node(1, 0));
            blocks.push(block(300, BlockKind::Paragraph, n));
        }
        nodes.push(node(0, hint::ASIDE));
        nodes.push(node(8, 0));
        blocks.push(block(60, BlockKind::Heading(1), 9));
        for n in 10..=12 {
            nodes.push(node(8, 0));
            blocks.push(block(150, BlockKind::Paragraph, n));
        }
        let prose: Vec<Class> = blocks
            .iter()
            .map(|b| match b.kind {
                BlockKind::Paragraph => Class::Good,
                _ => Class::Bad,
            })
            .collect();
        let headline = Some(6);
        let eff = effective_hints(&blocks, &nodes, &prose, headline);
        assert_eq!(
            eff[10] & hint::NEGATIVE,
            0,
            "the wrapper's name is a layout's"
        );
        // Without the page's headline, the column outweighs the wrapper and
        // its name stands.
        let eff = effective_hints(&blocks, &nodes, &prose, None);
        assert_ne!(eff[10] & hint::ASIDE, 0);
    }
}
