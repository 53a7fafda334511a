//! The main container: the node holding most of the good text that comes in runs,
//! and the rules that re-admit or keep text in and around it.

use crate::hash::FastSet;

use super::hints::{first_twins, node_spans, run_sums, subtree, subtree_sums};
use super::{Class, Features};
use crate::segment::{hint, Block, BlockKind, ContainerNode};
use crate::text::{ends_sentence, has_words, is_prose, mostly_not_links, under_half_links};

/// The main container is the deepest node holding at least this share of the
/// good text that comes in runs: an article's body, not the page wrapping it,
/// while a box of a few paragraphs beside it does not split it.
const CONTAINER_SHARE: f32 = 0.75;
/// Least share of that text the part of a body before an interruption holds
/// for it and its twin to be the container (see [`Container::find`]): a box
/// beside the body holding less is not the body's first half. It also bounds
/// the nodes asked for a twin to a few.
const CUT_SHARE: f32 = 0.25;
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

/// Fewest rows of a data article under its headline (see [`rows_under_headline`]).
const DATA_ROWS: usize = 5;
/// Fewest lines numbered one after another that make an enumerated list (see
/// [`numbered_lines`]); two may be a date and a time.
const NUMBERED_LINES: usize = 3;
/// Fewest paragraphs of prose right under the page's headline that are its body
/// (see [`body_under_headline`]): a short story of two paragraphs followed by
/// teasers with longer leads lost to them at three; one alone may be a
/// standfirst (a standfirst and a caption sit in boxes of their own, not under
/// one parent).
const HEADLINE_RUN: usize = 2;
/// Blocks between the headline and its body: a standfirst, a byline and a date,
/// a tool bar, a photo and its caption.
const HEADLINE_GAP: usize = 6;
/// A block of at most this many characters between the headline and its body is
/// a button of a tool bar ("Print", "Comments", "Larger") or a date, and does not
/// count towards [`HEADLINE_GAP`]: a bar of eight buttons is one thing in the way.
const TOOL_CHARS: usize = 20;
/// Blocks between the headline and the first row (a date line, a header row, a
/// line of introduction).
const DATA_GAP: usize = 4;
/// Share of a linked data row outside its links: a teaser's line is its link.
const DATA_ROW_UNLINKED: f32 = 0.3;

/// Shortest paragraph a piece of a split body readmits ([`split_boxes`]): about
/// a line of text. The one-line calls beside a body ("Never miss the latest
/// news…", "Media requires JavaScript…") are shorter.
const PIECE_CHARS: usize = 75;

/// What may stand between the container and its twin (see [`Parts::twin_after`]).
const TWIN_GAP_BLOCKS: usize = 3;
const TWIN_GAP_CHARS: usize = 150;
/// Paragraphs of prose that make a twin a body's second half whatever links
/// stand in it: a teaser boxed as the article is has one lead under its linked
/// headline; a body goes on for paragraphs, a "read also" link among them.
const TWIN_BODY_PARAGRAPHS: usize = 3;

/// Paragraphs of prose that make an element a part of a body (see
/// [`Parts::is_part`]): one is an author's note or a notice.
const BODY_PART_PARAGRAPHS: usize = 2;

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
    /// The headline agrees with the page's metadata (`og:title`, JSON-LD,
    /// `<title>`): the page's own, not a section's `<h1>`.
    pub(super) headline_agrees: bool,
}

impl Evidence<'_> {
    /// The headline when it is the page's own (it agrees with the metadata).
    fn own_headline(&self) -> Option<usize> {
        self.headline.filter(|_| self.headline_agrees)
    }
}

/// The main container and what the rules around it ask of each block.
struct Container<'a> {
    blocks: &'a [Block],
    nodes: &'a [ContainerNode],
    ev: Evidence<'a>,
    /// Per node: inside the container.
    in_container: Vec<bool>,
    /// Per node: under the container's node [`LEVELS`] up.
    in_beside: Vec<bool>,
    /// The container's first block.
    first: usize,
    /// The last field line (byline, date) before the container.
    last_field: Option<usize>,
    /// Per node: link characters in its subtree.
    links: Vec<usize>,
    /// Classes after the context pass, before the container's rules.
    revised: Vec<Class>,
}

impl<'a> Container<'a> {
    /// The deepest node holding at least [`CONTAINER_SHARE`] of the good text that
    /// comes in runs (see [`run_sums`]); an author box is no part of the article,
    /// even right after its last paragraph. `None` on a page without good text.
    fn find(
        blocks: &'a [Block],
        nodes: &'a [ContainerNode],
        classes: &[Class],
        ev: Evidence<'a>,
    ) -> Option<Self> {
        let good: Vec<bool> = (0..blocks.len())
            .map(|i| {
                classes[i] == Class::Good
                    && !ev.feats[i].removed
                    && ev.effective[blocks[i].node as usize] & hint::BYLINE == 0
            })
            .collect();
        let dense = run_sums(blocks, nodes, &good);
        let total = dense[0];
        if total == 0 {
            return None;
        }
        let share = |d: usize| d as f32 / total as f32;
        let span = node_spans(blocks, nodes);
        let holding = (0..nodes.len())
            .rev()
            .find(|&i| share(dense[i]) >= CONTAINER_SHARE)
            .unwrap_or(0);
        // A body an interruption cut in two: where its two parts hold all the
        // good text of the node that holds the share, the part before the cut is
        // the container (with its twin, below), not the page around both.
        let inside_holding = subtree(nodes, holding);
        let parts = Parts::new(blocks, nodes, &span, ev);
        let (container, twins) = (holding + 1..nodes.len())
            .rev()
            .filter(|&i| {
                inside_holding[i]
                    && share(dense[i]) >= CUT_SHARE
                    && parts.is_part(i, BODY_PART_PARAGRAPHS)
            })
            .find_map(|i| {
                let rest = parts.twins(i);
                (!rest.is_empty()
                    && dense[i] + rest.iter().map(|&(t, _)| dense[t]).sum::<usize>()
                        == dense[holding])
                    .then_some((i, rest))
            })
            .unwrap_or_else(|| (holding, parts.twins(holding)));
        // The container and its twins, the rest of a body interruptions split.
        let mut in_container = subtree(nodes, container);
        for (t, end) in twins {
            for ((inside, t), &(from, _)) in
                in_container.iter_mut().zip(subtree(nodes, t)).zip(&span)
            {
                *inside |= t && from <= end;
            }
        }
        let up_from = |n: u32| match nodes[n as usize].parent {
            u32::MAX => n,
            p => p,
        };
        let beside = (0..LEVELS).fold(container as u32, |n, _| up_from(n));
        let first = (0..blocks.len())
            .find(|&i| in_container[blocks[i].node as usize])
            .unwrap_or(0);
        Some(Container {
            blocks,
            nodes,
            ev,
            in_beside: subtree(nodes, beside as usize),
            in_container,
            first,
            last_field: (0..first).rev().find(|&k| ev.feats[k].field),
            links: subtree_sums(nodes, blocks.iter().map(|b| (b.node, b.link_chars))),
            revised: classes.to_vec(),
        })
    }

    fn inside(&self, i: usize) -> bool {
        self.in_container[self.blocks[i].node as usize]
    }

    /// Inside the container and not furniture by any hard evidence: the rules may
    /// re-admit it.
    fn admissible(&self, i: usize, c: Class) -> bool {
        c != Class::Good
            && self.inside(i)
            && not_furniture(&self.blocks[i], &self.ev.feats[i], self.ev.effective)
    }

    /// Between the headline and the body (after the last byline or date line):
    /// the article's lead, however many wrappers away, sometimes in an `<h2>`; a
    /// standfirst above the byline is the head's, not the body's.
    fn in_head(&self, i: usize) -> bool {
        self.ev.headline.is_some_and(|h| h < i)
            && i < self.first
            && self.last_field.is_none_or(|f| f < i)
    }

    /// An item of a list without a link in it (ingredients, facts, a programme);
    /// a list of teasers links its headlines. The list is the item's parent (the
    /// root holds the root's items).
    fn sibling_list(&self, i: usize) -> bool {
        let b = &self.blocks[i];
        matches!(b.kind, BlockKind::ListItem | BlockKind::Cell)
            && self.links[self.nodes[b.node as usize].parent.min(b.node) as usize] == 0
            && has_words(&b.text, 2)
            && !self.ev.feats[i].removed
    }

    /// After the body, a paragraph alone beside it is an author's note or a
    /// promotion; a run of them is more of the article (a next section).
    fn run_after(&self, i: usize) -> bool {
        let good = |k: usize| self.revised[k] == Class::Good && !self.inside(k);
        (i > 0 && good(i - 1)) || (i + 1 < self.blocks.len() && good(i + 1))
    }

    /// Readability's sibling rule, one level wider: prose the context pass judged
    /// good, under the container's grandparent (a standfirst or a lead paragraph
    /// in its own box, often two wrappers away), is the article's too. Three
    /// levels took in more boxes that are not (dev full-text F1 0.952 → 0.951).
    /// Before the container, prose by the context-free pass is enough: a lead
    /// between the headline and a photo credit has only furniture for context;
    /// but not above the page's own headline, where a lead never stands.
    /// An author box beside the article is no part of it.
    fn sibling_prose(&self, i: usize, c: Class) -> bool {
        let (b, ev) = (&self.blocks[i], &self.ev);
        if !(self.in_beside[b.node as usize] || self.in_head(i))
            || ev.feats[i].hard_bad
            || ev.effective[b.node as usize] & (hint::NEGATIVE | hint::BYLINE) != 0
        {
            return false;
        }
        if self.sibling_list(i) {
            return true;
        }
        let prose = match b.kind {
            BlockKind::Paragraph => prose_like(b),
            BlockKind::Heading(2..) => self.in_head(i) && standfirst(b),
            _ => false,
        };
        prose
            && if i < self.first {
                // A lead follows its headline: above the page's own headline, a
                // box of prose is the site's (an app's or a newsletter's call, a
                // disclaimer). A section's `<h1>` may stand below the lead.
                ev.own_headline().is_none_or(|h| h < i)
                    && (c == Class::Good
                        || matches!(ev.context_free[i], Class::Good | Class::NearGood))
            } else {
                c == Class::Good && self.run_after(i)
            }
    }
}

/// What the twin rules read of the page, counted once per page: per node, its
/// paragraphs of prose set straight into it, whether one of them is long and
/// judged prose, and its next sibling holding blocks. Every node that may be a
/// body's first part is asked (a chain of wrappers, each holding the body):
/// scanning its blocks or the nodes after it each time would cost the page's
/// depth times its length.
struct Parts<'a> {
    blocks: &'a [Block],
    nodes: &'a [ContainerNode],
    span: &'a [(usize, usize)],
    ev: Evidence<'a>,
    own: Vec<u32>,
    long: Vec<bool>,
    next: Vec<u32>,
}

impl<'a> Parts<'a> {
    fn new(
        blocks: &'a [Block],
        nodes: &'a [ContainerNode],
        span: &'a [(usize, usize)],
        ev: Evidence<'a>,
    ) -> Self {
        let (mut own, mut long) = (vec![0u32; nodes.len()], vec![false; nodes.len()]);
        for (k, x) in blocks.iter().enumerate() {
            if x.kind != BlockKind::Paragraph || !prose_like(x) {
                continue;
            }
            let is_long = x.chars >= PROSE_CHARS && judged_prose(&ev, k);
            let n = x.node;
            // Set straight into its own element or into that element's parent.
            for m in [n, nodes[n as usize].parent] {
                if let (Some(o), Some(l)) = (own.get_mut(m as usize), long.get_mut(m as usize)) {
                    *o += 1;
                    *l |= is_long;
                }
            }
        }
        let mut next = vec![u32::MAX; nodes.len()];
        let mut following = vec![u32::MAX; nodes.len()];
        for i in (0..nodes.len()).rev() {
            let p = nodes[i].parent as usize;
            if p < nodes.len() {
                next[i] = following[p];
                if span[i].0 != usize::MAX {
                    following[p] = i as u32;
                }
            }
        }
        Parts {
            blocks,
            nodes,
            span,
            ev,
            own,
            long,
            next,
        }
    }

    /// An element that reads as a part of an article's body: [`BODY_PART_PARAGRAPHS`]
    /// or more paragraphs of prose set straight into it (not a box deeper), one of
    /// them of [`PROSE_CHARS`] or more that the context-free pass judged prose
    /// ([`judged_prose`]). A body's second half under another name (an
    /// interruption closed the body's element and the text goes on in one named
    /// otherwise: a CMS's "body part 2", an unnamed `<div>`) is one, though no name
    /// or shape says it is of the body's kind. End matter beside a body (a
    /// copyright notice, a newsletter's call, an author's note) is a paragraph or
    /// lines; a comment thread or a teaser list sets its paragraphs a box deeper,
    /// each in its comment or card; a paragraph's own element holds no paragraphs.
    fn is_part(&self, node: usize, least: usize) -> bool {
        self.own[node] as usize >= least && self.long[node]
    }

    /// `a` and `b` are elements of one kind: the same named hints (a class word
    /// like "content") or the same shape. A node with neither hints nor a shape is
    /// of no kind.
    fn of_a_kind(&self, a: usize, b: usize) -> bool {
        let (a, b) = (self.nodes[a], self.nodes[b]);
        (a.hints != 0 && b.hints == a.hints) || (a.shape != 0 && b.shape == a.shape)
    }

    /// The container's twin: the element of its kind right after it, where a body an
    /// interruption split goes on (an ad slot closes the body's element, and the text goes
    /// on in a second one). Of its kind: the same parent and the same named hints (a class
    /// word like "content", not none), or the same shape (tag, `class` and `id`:
    /// `<div id="story-text">` again, whatever its words say), or, failing both, an
    /// element named otherwise whose own paragraphs read as the body's go on
    /// ([`Parts::is_part`], with `least` of them: one for a part between two, see
    /// [`Parts::twins`]). Right after: what stands between them is at most
    /// [`TWIN_GAP_BLOCKS`] blocks of [`TWIN_GAP_CHARS`] characters in all (an ad's
    /// label, a caption). Its part of the body ends before its first heading (a box
    /// cut from the body's element may hold what came after the body in it: a comment
    /// section), and holds a paragraph of [`PROSE_CHARS`] or more of prose (a box of
    /// end matter named as the body is, a source line, a credit, a bookmark's notice,
    /// holds shorter lines only) and, unless it holds [`TWIN_BODY_PARAGRAPHS`]
    /// paragraphs of prose (link-free, or with links the context-free pass judged
    /// prose: [`judged_prose`]), no line mostly of links up to its last one (a teaser
    /// boxed as the article is opens with its linked headline); after it, the body's
    /// own end matter may follow (share tools, tags). The twin, and the last block of
    /// its part.
    fn twin_after(&self, container: usize, least: usize) -> Option<(usize, usize)> {
        let (blocks, nodes, span) = (self.blocks, self.nodes, self.span);
        if nodes[container].parent == u32::MAX {
            return None;
        }
        let last = span[container].1;
        // The elements beside it that begin close enough after it to be its twin.
        let near = || {
            let step = |n: u32| Some(self.next[n as usize]).filter(|&m| m != u32::MAX);
            std::iter::successors(step(container as u32), move |&n| step(n))
                .map(|n| n as usize)
                .take_while(|&n| span[n].0 <= last + 1 + TWIN_GAP_BLOCKS)
        };
        let twin = near()
            .find(|&n| self.of_a_kind(container, n))
            .or_else(|| near().find(|&n| self.is_part(n, least)))?;
        let (a, b) = span[twin];
        if a <= last {
            return None;
        }
        let gap = &blocks[last + 1..a];
        // The body's part ends at the twin's first heading: a box cut from the
        // body's element may hold what followed the body in it (its comment
        // section), and a subheading's section is left to the sibling rule.
        let end = (a..=b)
            .find(|&k| matches!(blocks[k].kind, BlockKind::Heading(_)))
            .map_or(b, |k| k - 1);
        // Its prose ends at its last long paragraph; what follows is the body's end
        // matter (share tools, tags), linked or not, as the first element's would be.
        let prose_end = (a..=end).rev().find(|&k| {
            let x = &blocks[k];
            x.kind == BlockKind::Paragraph && x.chars >= PROSE_CHARS && prose_like(x)
        })?;
        let body = (a..=prose_end)
            .filter(|&k| {
                let x = &blocks[k];
                x.kind == BlockKind::Paragraph
                    && prose_like(x)
                    && (x.link_chars == 0 || judged_prose(&self.ev, k))
            })
            .count()
            >= TWIN_BODY_PARAGRAPHS;
        (gap.len() <= TWIN_GAP_BLOCKS
            && gap.iter().map(|x| x.chars).sum::<usize>() <= TWIN_GAP_CHARS
            && blocks[a..=prose_end]
                .iter()
                .all(|x| body || mostly_not_links(x.link_chars, x.chars)))
        .then_some((twin, end))
    }

    /// The parts of a body after the container, each the twin of the one before
    /// ([`Parts::twin_after`]): a long story with an ad every few paragraphs is cut into
    /// as many parts. A part of one paragraph is one where another part follows it
    /// (a short story with an ad every paragraph), or where it follows such a part;
    /// one alone after the body is end matter (an author's note after an ad). A part
    /// cut short at a heading ends the body there.
    fn twins(&self, container: usize) -> Vec<(usize, usize)> {
        let twin = |n: usize, least: usize| self.twin_after(n, least);
        let whole = |(t, end): (usize, usize)| end == self.span[t].1;
        let mut parts = Vec::new();
        let mut last = container;
        let mut next = twin(container, 1);
        // Whether the part before was one of a paragraph, taken for the one after it.
        let mut chained = false;
        while let Some(part) = next {
            // The part after this one, looked for once: it decides a weak part
            // and is the loop's next.
            next = if whole(part) { twin(part.0, 1) } else { None };
            // Of the body's kind by its name, or by paragraphs enough of its own.
            let weak = !self.of_a_kind(last, part.0) && !self.is_part(part.0, BODY_PART_PARAGRAPHS);
            if weak && !chained && next.is_none() {
                break;
            }
            chained = weak;
            parts.push(part);
            last = part.0;
        }
        parts
    }
}

/// The context-free pass found the block good or near-good and nothing marked it
/// as furniture: prose whatever links stand in it (a sentence with a few links
/// is near-good at best, a line of them bad).
fn judged_prose(ev: &Evidence, k: usize) -> bool {
    matches!(ev.context_free[k], Class::Good | Class::NearGood)
        && !ev.feats[k].removed
        && !ev.feats[k].hard_bad
}

/// Keeps only the good blocks inside the main container (see [`Container::find`])
/// and the prose beside it ([`Container::sibling_prose`]), then applies the rules
/// for text inside it, in order: [`readmit_prose`], [`headings_introduce`],
/// [`lines_of_good_elements`], [`short_lines_between`].
pub(super) fn keep_main_container(
    blocks: &[Block],
    nodes: &[ContainerNode],
    classes: &mut [Class],
    evidence: &Evidence,
) {
    let Some(c) = Container::find(blocks, nodes, classes, *evidence) else {
        return;
    };
    for (i, class) in classes.iter_mut().enumerate() {
        if !c.inside(i) {
            *class = if c.sibling_prose(i, *class) {
                Class::Good
            } else {
                Class::Bad
            };
        } else if readmit_prose(&c, i, *class) {
            *class = Class::Good;
        }
    }
    split_boxes(&c, classes);
    headings_introduce(&c, classes);
    lines_of_good_elements(&c, classes);
    short_lines_between(&c, classes);
    numbered_lines(&c, classes);
}

/// A body split into boxes by an interruption (an ad slot or an embed closes the
/// body's element, and the text goes on in a second one of its kind): the box
/// beside the container that holds prose the sibling rule kept is a piece of
/// the body, and its other prose-like paragraphs, which the context pass judged
/// apart from the rest (a list of names has few stop words), are kept as the
/// container's own are ([`readmit_prose`]).
fn split_boxes(c: &Container, classes: &mut [Class]) {
    let (blocks, nodes) = (c.blocks, c.nodes);
    let box_of = |i: usize| nodes[blocks[i].node as usize].parent;
    let beside = |i: usize| !c.inside(i) && c.in_beside[blocks[i].node as usize];
    let kept: FastSet<u32> = (0..blocks.len())
        .filter(|&i| beside(i) && classes[i] == Class::Good)
        .map(box_of)
        .collect();
    for i in 0..blocks.len() {
        let b = &blocks[i];
        if beside(i)
            && classes[i] != Class::Good
            && b.kind == BlockKind::Paragraph
            && b.link_chars == 0
            && b.chars >= PIECE_CHARS
            && prose_like(b)
            && not_furniture(b, &c.ev.feats[i], c.ev.effective)
            && kept.contains(&box_of(i))
        {
            classes[i] = Class::Good;
        }
    }
}

/// Prose-like blocks of the container that jusText's context-free thresholds were
/// too strict for: short journalistic paragraphs, paragraphs with inline links.
/// Inside the article, that is what they are (Readability keeps them the same way).
fn readmit_prose(c: &Container, i: usize, class: Class) -> bool {
    c.admissible(i, class) && prose_like(&c.blocks[i])
}

/// Headings inside the container introduce the good text that follows them.
fn headings_introduce(c: &Container, classes: &mut [Class]) {
    for i in 0..c.blocks.len() {
        let b = &c.blocks[i];
        if c.admissible(i, classes[i])
            && matches!(b.kind, BlockKind::Heading(2..))
            && under_half_links(b.link_chars, b.chars)
            && classes.get(i + 1) == Some(&Class::Good)
        {
            classes[i] = Class::Good;
        }
    }
}

/// Lines of an element that holds good text (split by `<br>`: a fact box, the
/// specifications after a product text) belong with it.
fn lines_of_good_elements(c: &Container, classes: &mut [Class]) {
    let good_nodes: FastSet<u32> = (0..c.blocks.len())
        .filter(|&i| classes[i] == Class::Good)
        .map(|i| c.blocks[i].node)
        .collect();
    for (i, class) in classes.iter_mut().enumerate() {
        let b = &c.blocks[i];
        if c.admissible(i, *class)
            && b.link_chars == 0
            && b.kind == BlockKind::Paragraph
            && good_nodes.contains(&b.node)
        {
            *class = Class::Good;
        }
    }
}

/// Short lines between kept text (a quote, "Viel Glück!", a date line) are the
/// article's: jusText's context rule, applied once the container is known. So
/// are up to [`EDGE_LINES`] lines between kept text and the container's edge (a
/// greeting, a sign-off); under the headline or byline, words only ("4 min read"
/// and "@ Photographer" are no greeting).
fn short_lines_between(c: &Container, classes: &mut [Class]) {
    let (blocks, feats, headline) = (c.blocks, c.ev.feats, c.ev.headline);
    let mut i = 0;
    while i < blocks.len() {
        let short = |k: usize| c.admissible(k, classes[k]) && blocks[k].link_chars == 0;
        if !short(i) {
            i += 1;
            continue;
        }
        let start = i;
        while i < blocks.len() && short(i) {
            i += 1;
        }
        let kept = |k: Option<usize>| k.is_some_and(|k| classes[k] == Class::Good);
        let worded = blocks[start..i]
            .iter()
            .all(|b| b.text.starts_with(char::is_alphabetic));
        let edge = |k: Option<usize>| {
            k.is_none_or(|k| !c.inside(k) || (worded && (feats[k].field || headline == Some(k))))
        };
        let (before, after) = (start.checked_sub(1), (i < blocks.len()).then_some(i));
        if (kept(before) || (i - start <= EDGE_LINES && edge(before) && kept(after)))
            && (kept(after) || (i - start <= EDGE_LINES && edge(after) && kept(before)))
        {
            classes[start..i].fill(Class::Good);
        }
    }
}

/// The number a numbered line opens with ("1、香港", "2. Singapore", "3) Chile"),
/// when text follows it.
fn line_number(text: &str) -> Option<u32> {
    let digits = text.len() - text.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    let rest = text[digits..].strip_prefix(['.', ')', '、', '．', '-', ':', '：'])?;
    let n = text[..digits].parse().ok()?;
    (!rest.trim().is_empty()).then_some(n)
}

/// Lines of the container numbered one after another, [`NUMBERED_LINES`] or more
/// (a ranking, steps, a list of results), right after kept text or after the line
/// that introduces them (one ending with a colon), are the article's enumerated
/// list, however short each line is. A ranked list of teasers links its items.
fn numbered_lines(c: &Container, classes: &mut [Class]) {
    let blocks = c.blocks;
    let numbered = |k: usize, classes: &[Class]| {
        let b = &blocks[k];
        (c.admissible(k, classes[k]) || classes[k] == Class::Good)
            && mostly_not_links(b.link_chars, b.chars)
            && c.inside(k)
    };
    let mut i = 0;
    while i < blocks.len() {
        let Some(n) = line_number(&blocks[i].text).filter(|_| numbered(i, classes)) else {
            i += 1;
            continue;
        };
        let start = i;
        let mut next = n;
        while i < blocks.len() && numbered(i, classes) && line_number(&blocks[i].text) == Some(next)
        {
            next += 1;
            i += 1;
        }
        let good = |k: usize| classes[k] == Class::Good;
        let intro = start
            .checked_sub(1)
            .filter(|&k| c.admissible(k, classes[k]) && blocks[k].text.ends_with([':', '：']));
        let after_kept = match intro {
            Some(k) => k.checked_sub(1).is_some_and(good),
            None => start.checked_sub(1).is_some_and(good),
        };
        if i - start >= NUMBERED_LINES && after_kept {
            classes[intro.unwrap_or(start)..i].fill(Class::Good);
        }
    }
}

/// No hard evidence that a block is furniture: not lifted or removed, not forced bad,
/// no negative hint in force, not in another script than the page's unspaced one.
/// What the container rules may re-admit.
pub(super) fn not_furniture(b: &Block, f: &Features, effective: &[u16]) -> bool {
    !f.removed
        && !f.hard_bad
        && !f.foreign_script
        && effective[b.node as usize] & hint::NEGATIVE == 0
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
    let kept: FastSet<u32> = (0..blocks.len())
        .filter(|&i| classes[i] == Class::Good && item(i))
        .map(list)
        .collect();
    for (i, c) in classes.iter_mut().enumerate() {
        if *c != Class::Good && item(i) && kept.contains(&list(i)) {
            *c = Class::Good;
        }
    }
}

/// A table or list right under the page's headline is the article when the
/// article is data (a race calendar, a standings table, results): rows are
/// short and have no stop words, so the container rule, which follows the good
/// prose, went to whatever prose the page has elsewhere (a comment policy). At
/// least [`DATA_ROWS`] rows in a row, link-free and not furniture, starting
/// within [`DATA_GAP`] blocks of the headline, are kept, with the prose that
/// introduces them.
pub(super) fn rows_under_headline(blocks: &[Block], classes: &mut [Class], evidence: &Evidence) {
    let Evidence {
        feats,
        effective,
        headline,
        ..
    } = *evidence;
    let Some(h) = headline else {
        return;
    };
    let row = |i: usize| {
        let b = &blocks[i];
        matches!(b.kind, BlockKind::Cell | BlockKind::ListItem)
            && ((b.link_chars == 0 && prose_like(b)) || linked_data_row(b))
            && not_furniture(b, &feats[i], effective)
    };
    let Some(start) = (h + 1..blocks.len().min(h + 1 + DATA_GAP)).find(|&i| row(i)) else {
        return;
    };
    let end = (start..blocks.len())
        .find(|&i| !row(i))
        .unwrap_or(blocks.len());
    if end - start < DATA_ROWS {
        return;
    }
    // Linked rows are the article only where they outweigh the prose kept
    // elsewhere: a list of dated links under a story's headline is the site's.
    let rows: usize = blocks[start..end].iter().map(|b| b.chars).sum();
    let elsewhere =
        good_chars(blocks, classes, 0..start) + good_chars(blocks, classes, end..blocks.len());
    let linked = (start..end).any(|i| blocks[i].link_chars > 0);
    if linked && elsewhere >= rows {
        return;
    }
    classes[start..end].fill(Class::Good);
    // The line that introduces them is the article's too.
    for i in h + 1..start {
        if prose_like(&blocks[i]) && not_furniture(&blocks[i], &feats[i], effective) {
            classes[i] = Class::Good;
        }
    }
}

/// A row of data that links the thing it names (a race, a team) and gives its
/// figures beside the link (a date, points): words enough, a figure, and at
/// least [`DATA_ROW_UNLINKED`] of its characters outside links.
fn linked_data_row(b: &Block) -> bool {
    b.link_chars > 0
        && (b.chars - b.link_chars.min(b.chars)) as f32 >= DATA_ROW_UNLINKED * b.chars as f32
        && b.text.bytes().any(|x| x.is_ascii_digit())
        && has_words(&b.text, ITEM_WORDS)
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
    let own_words = |n| mostly_not_links(b.link_chars, b.chars) && has_words(&b.text, n);
    match b.kind {
        BlockKind::Paragraph | BlockKind::Quote | BlockKind::Preformatted => {
            own_words(PROSE_WORDS)
                && (ends_sentence(&b.text) || b.chars >= PROSE_CHARS || b.text.ends_with(':'))
        }
        // A list inside the article (steps, items, specifications) is content.
        BlockKind::ListItem => own_words(ITEM_WORDS),
        // A data table inside the article (standings, results, prices) is content:
        // its rows are short and have no stop words, but few links.
        BlockKind::Cell => own_words(ROW_WORDS),
        _ => false,
    }
}

/// Last of the fallbacks, for a page where nothing readable was kept: the text
/// right under the page's own headline, which is where an article of short
/// lines stands (a notice of meeting dates, a list of opening hours) when no
/// line of it reads as prose. From the headline to the first heading or line
/// mostly of links after it (the page's navigation resumes), the lines that
/// are not furniture by hard evidence.
pub(super) fn text_under_headline(
    blocks: &[Block],
    feats: &[Features],
    effective: &[u16],
    headline: usize,
) -> Vec<bool> {
    let mut keep = vec![false; blocks.len()];
    for i in headline + 1..blocks.len() {
        let b = &blocks[i];
        if matches!(b.kind, BlockKind::Heading(_)) || !mostly_not_links(b.link_chars, b.chars) {
            break;
        }
        keep[i] = not_furniture(b, &feats[i], effective);
    }
    keep
}

/// A heading that is a sentence or two of lead text, not a title.
pub(super) fn standfirst(b: &Block) -> bool {
    mostly_not_links(b.link_chars, b.chars)
        && b.chars >= STANDFIRST_CHARS
        && (ends_sentence(&b.text) || is_prose(&b.text))
}

/// The prose right under the page's own headline (one that agrees with its
/// metadata) is its article, even when each paragraph is too short for jusText
/// to call good (wire copy of a sentence or two a paragraph, whose whole run the
/// context pass then demoted beside a tool bar): a run of [`HEADLINE_RUN`] or more
/// prose paragraphs under one parent, beginning within [`HEADLINE_GAP`] blocks of
/// the headline, each near-good or good before context, is good. A run an
/// interruption cut (an ad slot closes the body's element and the text goes on
/// in a twin of it, see [`first_twins`]) goes on in the twin, past what stands
/// between: an ad's label or a caption, no heading (a comment section opens
/// with one). Passing over a lone paragraph to a run further down took a
/// one-paragraph story's comments.
pub(super) fn body_under_headline(
    blocks: &[Block],
    nodes: &[ContainerNode],
    classes: &mut [Class],
    evidence: &Evidence,
) {
    let Some(h) = evidence.own_headline() else {
        return;
    };
    let ev = evidence;
    let prose = |k: usize| {
        let b = &blocks[k];
        b.kind == BlockKind::Paragraph
            && matches!(ev.context_free[k], Class::Good | Class::NearGood)
            && !ev.feats[k].removed
            && !ev.feats[k].hard_bad
            && prose_like(b)
    };
    let span = node_spans(blocks, nodes);
    let twins = first_twins(nodes, &span, TWIN_GAP_BLOCKS);
    let parent = |k: usize| nodes[blocks[k].node as usize].parent;
    let kind = |k: usize| match parent(k) {
        u32::MAX => u32::MAX,
        p => twins[p as usize],
    };
    // The prose paragraphs of the run from `start`: those under its parent,
    // then under each twin of it that follows.
    let run = |start: usize| {
        let mut paragraphs = Vec::new();
        let mut k = start;
        while k < blocks.len() && prose(k) && kind(k) == kind(start) {
            paragraphs.push(k);
            let half = parent(k);
            k += 1;
            if k < blocks.len() && parent(k) != half && span[half as usize].1 < k {
                // Past this half's end: the run goes on in the twin, if one follows.
                // What stands between is an interruption's label or a caption,
                // not a heading (a comment section opens with one).
                if let Some(j) = (k..blocks.len().min(k + TWIN_GAP_BLOCKS + 1))
                    .find(|&j| kind(j) == kind(start) && parent(j) != half)
                    .filter(|&j| {
                        let gap = &blocks[k..j];
                        gap.iter().all(|x| !matches!(x.kind, BlockKind::Heading(_)))
                            && gap.iter().map(|x| x.chars).sum::<usize>() <= TWIN_GAP_CHARS
                    })
                {
                    k = j;
                }
            }
        }
        paragraphs
    };
    let mut gap = 0;
    let body = (h + 1..blocks.len())
        .take_while(|&k| {
            gap += usize::from(blocks[k].chars > TOOL_CHARS && !ev.feats[k].removed);
            gap <= HEADLINE_GAP
        })
        .find(|&k| prose(k))
        .map(run)
        .filter(|r| r.len() >= HEADLINE_RUN);
    for k in body.into_iter().flatten() {
        classes[k] = Class::Good;
    }
}

/// Nothing above the page's own headline (one that agrees with its metadata) is
/// its article: a story starts at its headline, and what a page puts above it
/// (an app's or a newsletter's call, a disclaimer, a ticker) is the site's,
/// whether or not the main container reaches up to it. Unless most of the kept
/// text stands above it: then the heading that matches the title is further
/// down the page (the product a page is named after, shown below its text).
pub(super) fn nothing_above_headline(blocks: &[Block], classes: &mut [Class], evidence: &Evidence) {
    let Some(h) = evidence.own_headline() else {
        return;
    };
    if good_chars(blocks, classes, 0..h) < good_chars(blocks, classes, h..blocks.len()) {
        classes[..h].fill(Class::Bad);
    }
}

/// Characters of the good blocks in `range`.
fn good_chars(blocks: &[Block], classes: &[Class], range: std::ops::Range<usize>) -> usize {
    range
        .filter(|&k| classes[k] == Class::Good)
        .map(|k| blocks[k].chars)
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn block(text: &str, kind: BlockKind, link_chars: usize, node: u32) -> Block {
        Block {
            text: text.to_owned(),
            kind,
            chars: text.chars().count(),
            link_chars,
            node,
        }
    }

    const PROSE: &str = "Police warned that several roads near the foreshore would close \
                         from the early afternoon, and that drivers would be turned away.";

    /// Nodes from `(parent, shape)` pairs, without hints.
    fn tree(pairs: &[(u32, u32)]) -> Vec<ContainerNode> {
        pairs
            .iter()
            .map(|&(parent, shape)| ContainerNode {
                parent,
                hints: 0,
                shape,
            })
            .collect()
    }

    /// Paragraphs without links from `(text, node)` pairs.
    fn paragraphs(pairs: &[(&str, u32)]) -> Vec<Block> {
        pairs
            .iter()
            .map(|&(text, node)| block(text, BlockKind::Paragraph, 0, node))
            .collect()
    }

    /// The twin after node 2, every block judged `judged` by the context-free pass.
    fn twin(blocks: &[Block], nodes: &[ContainerNode], judged: Class) -> Option<(usize, usize)> {
        let feats: Vec<Features> = blocks.iter().map(|_| Features::default()).collect();
        let context_free = vec![judged; blocks.len()];
        let span = node_spans(blocks, nodes);
        let ev = evidence(&context_free, &feats);
        Parts::new(blocks, nodes, &span, ev).twin_after(2, BODY_PART_PARAGRAPHS)
    }

    fn evidence<'a>(context_free: &'a [Class], feats: &'a [Features]) -> Evidence<'a> {
        Evidence {
            context_free,
            feats,
            effective: &[],
            headline: None,
            headline_agrees: false,
        }
    }

    #[test]
    fn numbered_lines_are_read_with_their_separators() {
        assert_eq!(line_number("1、香港"), Some(1));
        assert_eq!(line_number("12. United States"), Some(12));
        assert_eq!(line_number("3) Chile"), Some(3));
        assert_eq!(line_number("4: the fourth"), Some(4));
        // A number alone (a page link), a year, a figure in a sentence.
        assert_eq!(line_number("5."), None);
        assert_eq!(line_number("2024 was a year of records"), None);
        assert_eq!(line_number("10,000 people marched"), None);
        assert_eq!(line_number("Chapter 1. The start"), None);
    }

    #[test]
    fn a_twin_is_of_the_containers_shape_and_may_end_with_end_matter() {
        let prose = PROSE;
        // root 0 > wrapper 1 > body 2, ad 3, second body 4 > share box 5.
        let nodes = tree(&[(u32::MAX, 0), (0, 0), (1, 7), (1, 9), (1, 7), (4, 0)]);
        let mut blocks = paragraphs(&[(prose, 2), (prose, 2), ("Advertisement", 3), (prose, 4)]);
        blocks.push(block("Share this", BlockKind::Paragraph, 10, 5));
        let twin = |blocks: &[Block], nodes: &[ContainerNode]| twin(blocks, nodes, Class::Bad);
        // No hint words on either element: the shape says they are of one kind,
        // and the share box after the twin's prose is its end matter.
        assert_eq!(twin(&blocks, &nodes).map(|t| t.0), Some(4));
        // A box that opens with a linked line and one lead is a teaser, not the
        // body.
        blocks.insert(3, block("Next: the fireworks", BlockKind::Paragraph, 19, 4));
        assert_eq!(twin(&blocks, &nodes).map(|t| t.0), None);
        // With paragraphs of prose after it, the line is a link set in the
        // body's second half ("read also").
        for _ in 1..TWIN_BODY_PARAGRAPHS {
            blocks.insert(4, block(prose, BlockKind::Paragraph, 0, 4));
        }
        assert_eq!(twin(&blocks, &nodes).map(|t| t.0), Some(4));
        blocks.drain(4..3 + TWIN_BODY_PARAGRAPHS);
        // A comment section after the twin's prose, in the box cut from the
        // body's element: the body's part ends before its heading.
        blocks.remove(3);
        blocks.push(block("Comments", BlockKind::Heading(3), 0, 5));
        blocks.push(block(prose, BlockKind::Paragraph, 0, 5));
        assert_eq!(twin(&blocks, &nodes), Some((4, 4)));
        blocks.truncate(5);
        // Another shape is another kind of element.
        let mut other = nodes.clone();
        other[4].shape = 8;
        assert_eq!(twin(&blocks, &other).map(|t| t.0), None);
    }

    #[test]
    fn a_part_named_otherwise_is_a_twin_when_its_own_paragraphs_are_prose() {
        let prose = PROSE;
        let short = "Residents were asked to park away from the sea front.";
        // root 0 > wrapper 1 > body 2, second part 3 (another shape) > paragraph
        // 4, box 5 > paragraph 6.
        let nodes = tree(&[
            (u32::MAX, 0),
            (0, 0),
            (1, 7),
            (1, 8),
            (3, 0),
            (3, 0),
            (5, 0),
        ]);
        let mut blocks = paragraphs(&[(prose, 2), (prose, 2), (prose, 4), (short, 3)]);
        let twin = |blocks: &[Block], judged: Class| twin(blocks, &nodes, judged);
        // Two paragraphs of prose set into it, one long and judged prose.
        assert_eq!(twin(&blocks, Class::NearGood), Some((3, 3)));
        // Not judged prose by the classifier: no evidence it is the body's.
        assert_eq!(twin(&blocks, Class::Bad), None);
        // One paragraph alone is an author's note or a notice.
        blocks.pop();
        assert_eq!(twin(&blocks, Class::Good), None);
        // Paragraphs a box deeper (a comment, a card) are not set into it.
        blocks.push(block(short, BlockKind::Paragraph, 0, 6));
        blocks[2].node = 6;
        assert_eq!(twin(&blocks, Class::Good), None);
    }

    #[test]
    fn a_part_of_one_paragraph_is_the_bodys_between_two_parts() {
        // root 0 > wrapper 1 > body 2, part 3 (one paragraph), part 4 (two).
        let nodes = tree(&[(u32::MAX, 0), (0, 0), (1, 7), (1, 8), (1, 9)]);
        let mut blocks = paragraphs(&[(PROSE, 2), (PROSE, 2), (PROSE, 3), (PROSE, 4)]);
        blocks.push(block(PROSE, BlockKind::Paragraph, 0, 4));
        let feats: Vec<Features> = blocks.iter().map(|_| Features::default()).collect();
        let context_free = vec![Class::NearGood; blocks.len()];
        let ev = evidence(&context_free, &feats);
        let parts = |blocks: &[Block]| {
            let span = node_spans(blocks, &nodes);
            Parts::new(blocks, &nodes, &span, ev).twins(2)
        };
        assert_eq!(parts(&blocks), vec![(3, 2), (4, 4)]);
        // With no part after it, one paragraph is an author's note or a notice.
        assert_eq!(parts(&blocks[..3]), vec![]);
    }

    #[test]
    fn short_paragraphs_under_the_headline_are_its_body() {
        let line = "The premier toured the flooded town on Sunday with four ministers.";
        let tools = "E-MAIL | PRINT | REPORT TYPO";
        // Root 0; the story 1 holding the headline, the tool bars and the
        // paragraphs (nodes 2..); a list of teasers 10.
        let mut blocks = vec![
            block("Premier tours flooded town", BlockKind::Heading(1), 0, 1),
            block(tools, BlockKind::Paragraph, tools.len(), 1),
        ];
        for n in 2..6 {
            blocks.push(block(line, BlockKind::Paragraph, 0, n));
        }
        blocks.push(block(tools, BlockKind::Paragraph, tools.len(), 1));
        let mut nodes = vec![ContainerNode {
            parent: u32::MAX,
            hints: 0,
            shape: 0,
        }];
        nodes.extend((1..=5).map(|n| ContainerNode {
            parent: u32::from(n > 1),
            hints: 0,
            shape: 0,
        }));
        let feats: Vec<Features> = blocks.iter().map(|_| Features::default()).collect();
        let before: Vec<Class> = blocks
            .iter()
            .map(|b| {
                if b.link_chars > 0 {
                    Class::Bad
                } else {
                    Class::NearGood
                }
            })
            .collect();
        let effective = vec![0u16; nodes.len()];
        let run = |agrees: bool, paragraphs: usize| {
            let mut blocks = blocks.clone();
            blocks.drain(2 + paragraphs..6);
            let context_free = before[..blocks.len()].to_vec();
            let ev = Evidence {
                context_free: &context_free,
                feats: &feats[..blocks.len()],
                effective: &effective,
                headline: Some(0),
                headline_agrees: agrees,
            };
            // The context pass demoted the whole run beside the tool bars.
            let mut classes = vec![Class::Bad; blocks.len()];
            body_under_headline(&blocks, &nodes, &mut classes, &ev);
            classes.iter().filter(|c| **c == Class::Good).count()
        };
        assert_eq!(run(true, 4), 4);
        assert_eq!(run(true, 2), 2);
        // Not under the page's own headline (a section's <h1>), or too short a run.
        assert_eq!(run(false, 4), 0);
        assert_eq!(run(true, 1), 0);
    }
}
