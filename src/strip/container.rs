//! The main container: the node holding most of the good text that comes in runs,
//! and the rules that re-admit or keep text in and around it.

use std::collections::HashSet;

use super::hints::{run_sums, subtree, subtree_sums};
use super::{Class, Features};
use crate::segment::{hint, Block, BlockKind, ContainerNode};
use crate::text::{ends_sentence, is_prose, mostly_not_links, under_half_links};

/// The main container is the deepest node holding at least this share of the
/// good text that comes in runs: an article's body, not the page wrapping it,
/// while a box of a few paragraphs beside it does not split it.
const CONTAINER_SHARE: f32 = 0.75;
/// At most this many short lines between kept text and the container's edge
/// (a greeting, a sign-off) are kept with it.
const EDGE_LINES: usize = 2;
/// A paragraph of this many characters is prose inside the article whatever its
/// last character; shorter ones must end like a sentence or open what follows.
const PROSE_CHARS: usize = 100;
/// Fewest words of a prose-like paragraph: shorter lines are labels.
const PROSE_WORDS: usize = 4;
/// Fewest words of a list item the article keeps ("Preheat the oven").
const ITEM_WORDS: usize = 3;
/// Fewest words of a table row the article keeps ("Rabat 3").
const ROW_WORDS: usize = 2;
/// A heading of this many characters that reads as prose is a standfirst (lead
/// text set as a heading), not a title.
const STANDFIRST_CHARS: usize = 100;

/// How far up from the main container the sibling rule looks.
pub(super) const LEVELS: usize = 2;

/// What strip knows of each block when it picks the main container.
#[derive(Clone, Copy)]
pub(super) struct Evidence<'a> {
    /// Classes before the context pass.
    pub(super) context_free: &'a [Class],
    pub(super) feats: &'a [Features],
    /// Hints in force at each node.
    pub(super) effective: &'a [u16],
    /// The block that became the title.
    pub(super) headline: Option<usize>,
}

/// Keeps only the good blocks inside the main container (the deepest node holding at
/// least 75% of the good text that comes in runs, see [`run_sums`]), then re-admits the
/// prose-like blocks of that container that jusText's context-free thresholds were
/// too strict for: short journalistic paragraphs and paragraphs with inline links.
/// Inside the article, that is what they are (Readability keeps them the same way).
pub(super) fn keep_main_container(
    blocks: &[Block],
    nodes: &[ContainerNode],
    classes: &mut [Class],
    evidence: &Evidence,
) {
    let Evidence {
        context_free,
        feats,
        effective,
        headline,
    } = *evidence;
    // An author box is no part of the article, even right after its last paragraph.
    let good: Vec<bool> = (0..blocks.len())
        .map(|i| {
            classes[i] == Class::Good
                && !feats[i].removed
                && effective[blocks[i].node as usize] & hint::BYLINE == 0
        })
        .collect();
    let dense = run_sums(blocks, nodes, &good);
    let total = dense[0];
    if total == 0 {
        return;
    }
    let container = (0..nodes.len())
        .rev()
        .find(|&i| dense[i] as f32 >= CONTAINER_SHARE * total as f32)
        .unwrap_or(0);
    let in_container = subtree(nodes, container);
    // Readability's sibling rule, one level wider: prose the context pass judged
    // good, under the container's grandparent (a standfirst or a lead paragraph in
    // its own box, often two wrappers away), is the article's too. Three levels
    // took in more boxes that are not (dev full-text F1 0.952 → 0.951). Before the
    // container, prose by the context-free pass is enough: a lead between the
    // headline and a photo credit has only furniture for context.
    let up_from = |n: u32| match nodes[n as usize].parent {
        u32::MAX => n,
        p => p,
    };
    let beside = (0..LEVELS).fold(container as u32, |n, _| up_from(n));
    let in_beside = subtree(nodes, beside as usize);
    let inside = |i: usize| in_container[blocks[i].node as usize];
    // Not furniture by any hard evidence: may be re-admitted inside the container.
    let admissible = |i: usize, c: Class| {
        c != Class::Good && inside(i) && not_furniture(&blocks[i], &feats[i], effective)
    };
    let first = (0..blocks.len()).find(|&i| inside(i)).unwrap_or(0);
    // Between the headline and the body sits the article's lead, however many
    // wrappers away, sometimes in an `<h2>`; a standfirst above the byline is the
    // head's, not the body's.
    let last_field = (0..first).rev().find(|&k| feats[k].field);
    let in_head =
        |i: usize| headline.is_some_and(|h| h < i) && i < first && last_field.is_none_or(|f| f < i);
    // A list without a link in it beside the article (ingredients, facts, a
    // programme); a list of teasers links its headlines.
    let links = subtree_sums(nodes, blocks.iter().map(|b| (b.node, b.link_chars)));
    let sibling_list = |i: usize| {
        let b = &blocks[i];
        // The list is the item's parent (the root holds the root's items).
        matches!(b.kind, BlockKind::ListItem | BlockKind::Cell)
            && links[nodes[b.node as usize].parent.min(b.node) as usize] == 0
            && b.text.split_whitespace().nth(1).is_some()
            && !feats[i].removed
    };
    // After the body, a paragraph alone beside it is an author's note or a
    // promotion; a run of them is more of the article (a next section).
    let revised = classes.to_vec();
    let run_after = |i: usize| {
        let good = |k: usize| revised[k] == Class::Good && !inside(k);
        (i > 0 && good(i - 1)) || (i + 1 < blocks.len() && good(i + 1))
    };
    let sibling_prose = |i: usize, c: Class| {
        let b = &blocks[i];
        // An author box beside the article is no part of it.
        if !(in_beside[b.node as usize] || in_head(i))
            || feats[i].hard_bad
            || effective[b.node as usize] & (hint::NEGATIVE | hint::BYLINE) != 0
        {
            return false;
        }
        if sibling_list(i) {
            return true;
        }
        let prose = match b.kind {
            BlockKind::Paragraph => prose_like(b),
            BlockKind::Heading(2..) => in_head(i) && standfirst(b),
            _ => false,
        };
        prose
            && if i < first {
                c == Class::Good || matches!(context_free[i], Class::Good | Class::NearGood)
            } else {
                c == Class::Good && run_after(i)
            }
    };
    for i in 0..blocks.len() {
        if !inside(i) {
            classes[i] = if sibling_prose(i, classes[i]) {
                Class::Good
            } else {
                Class::Bad
            };
        } else if admissible(i, classes[i]) && prose_like(&blocks[i]) {
            classes[i] = Class::Good;
        }
    }
    // Headings inside the container introduce the good text that follows them.
    for i in 0..blocks.len() {
        let b = &blocks[i];
        if admissible(i, classes[i])
            && matches!(b.kind, BlockKind::Heading(2..))
            && under_half_links(b.link_chars, b.chars)
            && classes.get(i + 1) == Some(&Class::Good)
        {
            classes[i] = Class::Good;
        }
    }
    // Lines of an element that holds good text (split by `<br>`: a fact box, the
    // specifications after a product text) belong with it.
    let good_nodes: HashSet<u32> = (0..blocks.len())
        .filter(|&i| classes[i] == Class::Good)
        .map(|i| blocks[i].node)
        .collect();
    for i in 0..blocks.len() {
        let b = &blocks[i];
        if admissible(i, classes[i])
            && b.link_chars == 0
            && b.kind == BlockKind::Paragraph
            && good_nodes.contains(&b.node)
        {
            classes[i] = Class::Good;
        }
    }
    // Short lines between kept text (a quote, "Viel Glück!", a date line) are the
    // article's: jusText's context rule, applied once the container is known.
    let mut i = 0;
    while i < blocks.len() {
        let short = |k: usize| admissible(k, classes[k]) && blocks[k].link_chars == 0;
        if !short(i) {
            i += 1;
            continue;
        }
        let start = i;
        while i < blocks.len() && short(i) {
            i += 1;
        }
        let kept = |k: Option<usize>| k.is_some_and(|k| classes[k] == Class::Good);
        // Or a line or two between kept text and the container's edge: a greeting,
        // a sign-off. Under the headline or byline, words only ("4 min read" and
        // "@ Photographer" are no greeting).
        let worded = blocks[start..i]
            .iter()
            .all(|b| b.text.starts_with(char::is_alphabetic));
        let edge = |k: Option<usize>| {
            k.is_none_or(|k| !inside(k) || (worded && (feats[k].field || headline == Some(k))))
        };
        let (before, after) = (start.checked_sub(1), (i < blocks.len()).then_some(i));
        if (kept(before) || (i - start <= EDGE_LINES && edge(before) && kept(after)))
            && (kept(after) || (i - start <= EDGE_LINES && edge(after) && kept(before)))
        {
            classes[start..i].fill(Class::Good);
        }
    }
}

/// No hard evidence that a block is furniture: not lifted or removed, not forced bad,
/// no negative hint in force. What the container rules may re-admit.
pub(super) fn not_furniture(b: &Block, f: &Features, effective: &[u16]) -> bool {
    !f.removed && !f.hard_bad && effective[b.node as usize] & hint::NEGATIVE == 0
}

/// A list one of whose items is kept text is the article's list (ingredients,
/// steps, facts): its other link-free items, too short to be judged alone, go with
/// it. A list of teasers links its items.
pub(super) fn whole_lists(
    blocks: &[Block],
    nodes: &[ContainerNode],
    classes: &mut [Class],
    evidence: &Evidence,
) {
    let Evidence {
        feats, effective, ..
    } = *evidence;
    let list = |i: usize| nodes[blocks[i].node as usize].parent;
    let item = |i: usize| {
        let b = &blocks[i];
        b.kind == BlockKind::ListItem && b.link_chars == 0 && not_furniture(b, &feats[i], effective)
    };
    let kept: HashSet<u32> = (0..blocks.len())
        .filter(|&i| classes[i] == Class::Good && item(i))
        .map(list)
        .collect();
    for (i, c) in classes.iter_mut().enumerate() {
        if *c != Class::Good && item(i) && kept.contains(&list(i)) {
            *c = Class::Good;
        }
    }
}

/// A page with no prose good enough for the classifier (a photo blog, a recipe of
/// short lines, a gallery): the text of the element the page marks as its article
/// (`<article>`, `<main>`, `itemprop=articleBody`, an article class) that holds the
/// most text, without furniture, as trafilatura falls back to it. Nothing if the
/// page marks none.
pub(super) fn marked_article(
    blocks: &[Block],
    nodes: &[ContainerNode],
    feats: &[Features],
    effective: &[u16],
) -> Vec<bool> {
    let usable = |i: usize| {
        let b = &blocks[i];
        not_furniture(b, &feats[i], effective) && mostly_not_links(b.link_chars, b.chars)
    };
    let text = subtree_sums(
        nodes,
        (0..blocks.len())
            .filter(|&i| usable(i))
            .map(|i| (blocks[i].node, blocks[i].chars)),
    );
    let Some(top) = (0..nodes.len())
        .filter(|&i| nodes[i].hints & (hint::ARTICLE | hint::MAIN) != 0 && text[i] > 0)
        .max_by_key(|&i| (text[i], std::cmp::Reverse(i)))
    else {
        return vec![false; blocks.len()];
    };
    let inside = subtree(nodes, top);
    (0..blocks.len())
        .map(|i| inside[blocks[i].node as usize] && usable(i))
        .collect()
}

/// A block that reads as a sentence of article text: a paragraph-like element, not
/// mostly links, ending like a sentence, or with a colon that opens what follows
/// (a list, a quote), or long enough to be prose.
pub(super) fn prose_like(b: &Block) -> bool {
    let words = b.text.split_whitespace().count();
    match b.kind {
        BlockKind::Paragraph | BlockKind::Quote | BlockKind::Preformatted => {
            mostly_not_links(b.link_chars, b.chars)
                && words >= PROSE_WORDS
                && (ends_sentence(&b.text) || b.chars >= PROSE_CHARS || b.text.ends_with(':'))
        }
        // A list inside the article (steps, items, specifications) is content.
        BlockKind::ListItem => mostly_not_links(b.link_chars, b.chars) && words >= ITEM_WORDS,
        // A data table inside the article (standings, results, prices) is content:
        // its rows are short and have no stop words, but few links.
        BlockKind::Cell => mostly_not_links(b.link_chars, b.chars) && words >= ROW_WORDS,
        _ => false,
    }
}

/// A heading that is a sentence or two of lead text, not a title.
pub(super) fn standfirst(b: &Block) -> bool {
    mostly_not_links(b.link_chars, b.chars)
        && b.chars >= STANDFIRST_CHARS
        && (ends_sentence(&b.text) || is_prose(&b.text))
}
