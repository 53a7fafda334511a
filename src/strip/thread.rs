//! A comment thread told by its timestamps, whatever its markup is named: each
//! comment opens with a short line giving its writer and the minute it was
//! posted ("Ann at 2:23 PM January 11, 2012", "July 10th, 2012, 7:20 pm"), and
//! a page's comments follow its article. A story has one such line at most (its
//! byline), a list of events or a timeline dates its entries to the day, and a
//! live blog's entries give the time alone; a thread gives date and minute
//! again and again after the text.

use super::container::prose_like;
use super::fields::iso_date;
use super::hints::subtree;
use super::justext::LENGTH_LOW;
use super::{Class, Features};
use std::ops::Range;

use crate::normalize::is_number;
use crate::segment::{Block, BlockKind, ContainerNode};

/// A comment's opening line is short: a name, a date and a time.
const STAMP_CHARS: usize = 80;
/// Stamps in a run before it is a thread: three could be a story's date line
/// (when it was not read as the article's) and two comments.
const THREAD_STAMPS: usize = 4;
/// Blocks from one stamp to the next within a thread: a comment of several
/// paragraphs and its reply links.
const STAMP_GAP: usize = 12;

/// A time of day as `h:mm` or `hh:mm` (the digits around a colon, not part of
/// a longer number: "12:44", not "2012:1").
fn has_time_of_day(text: &str) -> bool {
    let b = text.as_bytes();
    // Colons are few: found by memchr, not tested byte by byte.
    memchr::memchr_iter(b':', b).any(|i| {
        i >= 1
            && b[i - 1].is_ascii_digit()
            && !(i >= 3 && b[i - 2].is_ascii_digit() && b[i - 3].is_ascii_digit())
            && b.get(i + 1).is_some_and(u8::is_ascii_digit)
            && b.get(i + 2).is_some_and(u8::is_ascii_digit)
            && !b.get(i + 3).is_some_and(u8::is_ascii_digit)
    })
}

/// A date written in figures alone, day, month and year in any order with
/// the year in two or four figures ("07.08.12", "1/12/2012"): a comment
/// system's short form, which a date line does not use alone.
fn has_figure_date(text: &str) -> bool {
    text.split(|c: char| c.is_whitespace() || c == ',')
        .any(|w| {
            let parts: Vec<&str> = w.split(['.', '/', '-']).collect();
            parts.len() == 3
                && parts.iter().all(|p| p.bytes().all(|b| b.is_ascii_digit()))
                && (1..=2).contains(&parts[0].len())
                && (1..=2).contains(&parts[1].len())
                && matches!(parts[2].len(), 2 | 4)
        })
}

/// A whole date in a text, in words or in figures.
fn dated(text: &str) -> bool {
    iso_date(text).is_some() || has_figure_date(text)
}

/// A date and a time of day in one text.
fn dated_and_timed(text: &str) -> bool {
    has_time_of_day(text) && dated(text)
}

/// Relative times a comment may be stamped with ("3 days ago"), each as its
/// normalised words, a `0` standing for any number: those that open with a
/// number, and the others grouped by their first word ("a", "il", "vor",
/// "hace", "منذ"), whose first bytes are marked so that most words are passed
/// over with one lookup (every short block is asked).
#[derive(Debug, Clone)]
pub(super) struct Ago {
    numbered: Vec<Vec<String>>,
    worded: Vec<(String, Vec<Vec<String>>)>,
    first_bytes: [bool; 256],
}

impl Ago {
    pub(super) fn new(phrases: Vec<Vec<String>>) -> Self {
        let mut ago = Ago {
            numbered: Vec::new(),
            worded: Vec::new(),
            first_bytes: [false; 256],
        };
        for p in phrases.into_iter().filter(|p| !p.is_empty()) {
            if p[0] == "0" {
                ago.numbered.push(p);
                continue;
            }
            ago.first_bytes[usize::from(p[0].as_bytes()[0])] = true;
            match ago.worded.iter_mut().find(|(first, _)| *first == p[0]) {
                Some((_, group)) => group.push(p),
                None => ago.worded.push((p[0].clone(), vec![p])),
            }
        }
        ago
    }

    /// Whether `words` hold one of the phrases.
    fn found_in(&self, words: &[&str]) -> bool {
        let same = |w: &str, p: &str| if p == "0" { is_number(w) } else { w == p };
        let at = |i: usize, p: &Vec<String>| {
            words.len() - i >= p.len() && words[i..].iter().zip(p).all(|(w, p)| same(w, p))
        };
        // A number opens with a figure ("3", "2012"): one byte tells.
        (0..words.len()).any(|i| match words[i].as_bytes().first() {
            Some(b) if b.is_ascii_digit() => self.numbered.iter().any(|p| at(i, p)),
            Some(&b) if self.first_bytes[usize::from(b)] => self
                .worded
                .iter()
                .filter(|(first, _)| first == words[i])
                .any(|(_, group)| group.iter().any(|p| at(i, p))),
            _ => false,
        })
    }
}

/// Per block, its normalised words; and the relative times a comment may be
/// stamped with.
type Stamps<'a> = (&'a [Vec<&'a str>], &'a Ago);

/// A comment's stamp: a short block with a time of day and a whole date, in it
/// or in the block just before (a date line, then a time line), or with a
/// relative time ("3 days ago"); not a line lifted as the article's byline or
/// date.
fn is_stamp(blocks: &[Block], feats: &[Features], (norm, ago): Stamps, i: usize) -> bool {
    let short = |k: usize| blocks[k].chars <= STAMP_CHARS;
    let date_line = |k: usize| short(k) && iso_date(&blocks[k].text).is_some();
    let text = &blocks[i].text;
    // The time of day looked for once: most short lines have none.
    !feats[i].field
        && short(i)
        && ((has_time_of_day(text) && (dated(text) || (i > 0 && date_line(i - 1))))
            || ago.found_in(&norm[i]))
}

/// The comment thread after the article, to be dropped: from the first of at least
/// [`THREAD_STAMPS`] stamps, each within [`STAMP_GAP`] blocks of the next,
/// after the first kept block, to the last stamp's comment (as many blocks as
/// the median from one stamp to the next, up to a heading). The short lines
/// just before the first stamp (a "Comments (4)" label, the first writer's
/// name) go with it. Where the first kept block follows a stamp (or is one)
/// written the way the thread's are, the page is a forum's thread of posts,
/// all of them its text: left whole.
pub(super) fn timestamped_thread(
    blocks: &[Block],
    nodes: &[ContainerNode],
    feats: &[Features],
    classes: &[Class],
    ago: Stamps,
) -> Option<Range<usize>> {
    let first_good = classes.iter().position(|&c| c == Class::Good)?;
    // A forum thread stamps its first post as it does the replies: its kept
    // text follows a stamp in the replies' form, and the replies are as much
    // the page's text. A stamp in another form is the article's own date line
    // ("Last updated: 11:11am GMT 10/01/2008" above "Posted by Ann on January
    // 10, 2008 5:58 PM" under each comment).
    let opening: Vec<String> = (first_good.saturating_sub(STAMP_GAP)..=first_good)
        .filter(|&i| is_stamp(blocks, feats, ago, i) || dated_and_timed(&blocks[i].text))
        .map(|i| written_as(&blocks[i].text))
        .collect();
    let stamps: Vec<usize> = (first_good + 1..blocks.len())
        .filter(|&i| is_stamp(blocks, feats, ago, i))
        .collect();
    // The first run of stamps close enough together to be one thread.
    let mut start = 0;
    while start < stamps.len() {
        let mut end = start;
        while end + 1 < stamps.len() && stamps[end + 1] - stamps[end] <= STAMP_GAP {
            end += 1;
        }
        if end + 1 - start >= THREAD_STAMPS {
            if opening.contains(&written_as(&blocks[stamps[start]].text)) {
                return None;
            }
            return Some(extent(
                blocks,
                nodes,
                classes,
                first_good,
                &stamps[start..=end],
            ));
        }
        start = end + 1;
    }
    None
}

/// The blocks of a thread whose stamps are `run` (in order, after the
/// `first_good` kept block): the comments, their label and heading.
fn extent(
    blocks: &[Block],
    nodes: &[ContainerNode],
    classes: &[Class],
    first_good: usize,
    run: &[usize],
) -> Range<usize> {
    let (from, last) = (run[0], run[run.len() - 1]);
    // A comment is about as long as the others: the median number of blocks
    // from one stamp to the next.
    let mut gaps: Vec<usize> = run.windows(2).map(|w| w[1] - w[0]).collect();
    gaps.sort_unstable();
    let gap = gaps[gaps.len() / 2];
    let heading = |k: &usize| matches!(blocks[*k].kind, BlockKind::Heading(_));
    // The element holding all the stamps: the comments lie inside it.
    let inside = subtree(
        nodes,
        common_ancestor(nodes, run.iter().map(|&k| blocks[k].node)) as usize,
    );
    let within = |k: &usize| inside[blocks[*k].node as usize];
    // Stamps open their comments, or sign them: signed, no prose follows the
    // last stamp within a comment's length, and the first comment stands
    // above the first stamp, up to a heading (the thread's "Comments"), inside
    // the stamps' element, and never into the first kept block.
    let limit = blocks.len().min(last + gap);
    let signed = !(last + 1..limit).any(|k| prose_like(&blocks[k]));
    let from = if signed {
        (first_good + 1..from)
            .rev()
            .take(gap - 1)
            .take_while(|k| !heading(k) && within(k))
            .last()
            .unwrap_or(from)
    } else {
        from
    };
    // The short lines just before (a label, the first writer's name, the
    // thread's heading).
    let from = (first_good + 1..from)
        .rev()
        .take_while(|k| blocks[*k].chars < LENGTH_LOW && (classes[*k] != Class::Good || heading(k)))
        .last()
        .unwrap_or(from);
    // Opened, the last comment runs from its stamp, up to a heading or out of
    // the stamps' element (what follows may be the article, on a page that
    // shows its comments, or a box of stamped links, first).
    let to = if signed {
        last + 1
    } else {
        (last + 1..limit)
            .find(|k| heading(k) || !within(k))
            .unwrap_or(limit)
    };
    from..to
}

/// The innermost node holding all of `of` (a node's parent comes before it).
fn common_ancestor(nodes: &[ContainerNode], of: impl Iterator<Item = u32>) -> u32 {
    of.reduce(|mut a, mut b| {
        while a != b {
            if a > b {
                a = nodes[a as usize].parent;
            } else {
                b = nodes[b as usize].parent;
            }
        }
        a
    })
    .unwrap_or(0)
}

/// How a stamp is written, its names left out: its figures (a run of digits
/// as one `0`) and punctuation, in order ("January 10, 2008 5:58 PM" gives
/// `0,00:0`). One comment system writes all its stamps one way.
fn written_as(stamp: &str) -> String {
    let mut out = String::new();
    let mut digits = false;
    for c in stamp.chars() {
        if c.is_ascii_digit() {
            if !digits {
                out.push('0');
            }
        } else if !c.is_alphabetic() && !c.is_whitespace() {
            out.push(c);
        }
        digits = c.is_ascii_digit();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_time_of_day_is_hours_and_minutes() {
        for yes in [
            "at 2:23 PM",
            "12:44 p.m.",
            "Jan 5, 2012 18:48",
            "7:20 pm,",
            "2008 5:58 PM",
        ] {
            assert!(has_time_of_day(yes), "{yes}");
        }
        for no in ["2012:1", "10:5", "Chapter 3", "ratio 1:100", "12:345"] {
            assert!(!has_time_of_day(no), "{no}");
        }
        assert!(dated_and_timed("Peter 07.08.12 at 13:24"));
        assert!(dated_and_timed("2:08 PM on 1/12/2012"));
        assert!(!dated_and_timed("Version 1.2.3 at 13:24"));
    }

    const STORY: &str = "The harbour festival will move from July to September this year, the organisers said on Thursday.";
    const COMMENT: &str =
        "Good news for the town, as the storms two years running made a mess of the races.";

    /// Blocks of `lines` in one node, classed Good when prose and Bad when not,
    /// as a page's classes are before the thread is looked for.
    fn page(lines: &[&str]) -> (Vec<Block>, Vec<ContainerNode>, Vec<Class>) {
        let nodes = vec![ContainerNode {
            parent: u32::MAX,
            hints: 0,
            shape: 0,
        }];
        let blocks: Vec<Block> = lines
            .iter()
            .map(|t| Block {
                text: t.to_string(),
                kind: BlockKind::Paragraph,
                chars: t.chars().count(),
                link_chars: 0,
                node: 0,
            })
            .collect();
        let classes = blocks
            .iter()
            .map(|b| {
                if prose_like(b) {
                    Class::Good
                } else {
                    Class::Bad
                }
            })
            .collect();
        (blocks, nodes, classes)
    }

    fn thread(lines: &[&str]) -> Option<Range<usize>> {
        let (blocks, nodes, classes) = page(lines);
        let feats: Vec<Features> = lines.iter().map(|_| Features::default()).collect();
        let owned: Vec<Vec<String>> = lines.iter().map(|l| crate::normalize::tokens(l)).collect();
        let norm: Vec<Vec<&str>> = owned
            .iter()
            .map(|w| w.iter().map(String::as_str).collect())
            .collect();
        let ago = Ago::new(vec![crate::normalize::tokens("0 days ago")]);
        timestamped_thread(&blocks, &nodes, &feats, &classes, (&norm, &ago))
    }

    #[test]
    fn signed_comments_go_from_the_first_comment_to_the_last_signature() {
        let stamps = [
            "Ann, January 10, 2008 5:58 PM",
            "Bob, January 10, 2008 5:29 PM",
        ];
        let mut lines = vec![STORY; 3];
        for i in 0..4 {
            lines.extend([COMMENT, stamps[i % 2]]);
        }
        lines.push("Copyright 2008 Bay Herald");
        assert_eq!(thread(&lines), Some(3..11));
        // Stamps opening their comments: from the first stamp to the last
        // comment.
        let mut lines = vec![STORY; 3];
        for i in 0..4 {
            lines.extend([stamps[i % 2], COMMENT]);
        }
        assert_eq!(thread(&lines), Some(3..11));
    }

    #[test]
    fn a_stamp_above_the_text_is_a_forums_when_written_as_the_replies_are() {
        let reply = "Bob, January 10, 2008 5:29 PM";
        let mut tail = Vec::new();
        for _ in 0..4 {
            tail.extend([COMMENT, reply]);
        }
        // A forum: its first post stamped like the replies; all of it text.
        let forum = [
            vec!["Ann, January 9, 2008 1:02 PM", STORY, STORY],
            tail.clone(),
        ]
        .concat();
        assert_eq!(thread(&forum), None);
        // A story's own date line, written otherwise: the comments go.
        let story = [
            vec!["Last updated: 11:11am GMT 10/01/2008", STORY, STORY],
            tail,
        ]
        .concat();
        assert_eq!(thread(&story), Some(3..11));
        assert_eq!(written_as("January 10, 2008 5:58 PM"), "0,00:0");
    }

    #[test]
    fn comments_stamped_days_ago_are_a_thread() {
        let mut lines = vec![STORY; 3];
        for stamp in [
            "Ann 3 days ago",
            "Bob 2 days ago",
            "Cy 2 days ago",
            "Di 1 days ago",
        ] {
            lines.extend([stamp, COMMENT]);
        }
        assert_eq!(thread(&lines), Some(3..11));
        // "Days" in a line of the story is no stamp.
        let story = [STORY, STORY, "Talks went on for days.", STORY];
        assert_eq!(thread(&story), None);
    }
}
