//! A comment thread told by its timestamps, whatever its markup is named: each
//! comment opens with a short line giving its writer and the minute it was
//! posted ("Ann at 2:23 PM January 11, 2012", "July 10th, 2012, 7:20 pm"), and
//! a page's comments follow its article. A story has one such line at most (its
//! byline), a list of events or a timeline dates its entries to the day, and a
//! live blog's entries give the time alone; a thread gives date and minute
//! again and again after the text.

use super::fields::iso_date;
use super::justext::LENGTH_LOW;
use super::{Class, Features};
use crate::segment::{Block, BlockKind};

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
            && !(i >= 3 && b[i - 3].is_ascii_digit())
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

/// A date and a time of day in one text.
fn dated_and_timed(text: &str) -> bool {
    has_time_of_day(text) && (iso_date(text).is_some() || has_figure_date(text))
}

/// A comment's stamp: a short block with a time of day and a whole date, in it
/// or in the block just before (a date line, then a time line); not a line
/// lifted as the article's byline or date.
fn is_stamp(blocks: &[Block], feats: &[Features], i: usize) -> bool {
    let short = |k: usize| blocks[k].chars <= STAMP_CHARS;
    let date_line = |k: usize| short(k) && iso_date(&blocks[k].text).is_some();
    !feats[i].field
        && short(i)
        && (dated_and_timed(&blocks[i].text)
            || (has_time_of_day(&blocks[i].text) && i > 0 && date_line(i - 1)))
}

/// Drops the comment thread after the article: from the first of at least
/// [`THREAD_STAMPS`] stamps, each within [`STAMP_GAP`] blocks of the next,
/// after the first kept block, to the last stamp's comment (as many blocks as
/// the median from one stamp to the next, up to a heading). The short lines
/// just before the first stamp (a "Comments (4)" label, the first writer's
/// name) go with it. Where the first kept block follows a stamp (or is one),
/// the page is a forum's thread of posts, all of them its text: left whole.
pub(super) fn drop_timestamped_thread(blocks: &[Block], feats: &[Features], classes: &mut [Class]) {
    let Some(first_good) = classes.iter().position(|&c| c == Class::Good) else {
        return;
    };
    // A forum thread stamps its first post as it does the replies: its kept
    // text follows a stamp, and the replies are as much the page's text.
    let opened = first_good.saturating_sub(STAMP_GAP)..=first_good;
    if opened
        .into_iter()
        .any(|i| is_stamp(blocks, feats, i) || dated_and_timed(&blocks[i].text))
    {
        return;
    }
    let stamps: Vec<usize> = (first_good + 1..blocks.len())
        .filter(|&i| is_stamp(blocks, feats, i))
        .collect();
    // The first run of stamps close enough together to be one thread.
    let mut start = 0;
    while start < stamps.len() {
        let mut end = start;
        while end + 1 < stamps.len() && stamps[end + 1] - stamps[end] <= STAMP_GAP {
            end += 1;
        }
        if end + 1 - start >= THREAD_STAMPS {
            let (from, last) = (stamps[start], stamps[end]);
            let from = (first_good + 1..from)
                .rev()
                .take_while(|&k| blocks[k].chars < LENGTH_LOW && classes[k] != Class::Good)
                .last()
                .unwrap_or(from);
            // The last comment is about as long as the others: its stamp and
            // the median number of blocks from one stamp to the next, up to
            // a heading (what follows may be the article, on a page that
            // shows its comments first).
            let mut gaps: Vec<usize> = stamps[start..=end]
                .windows(2)
                .map(|w| w[1] - w[0])
                .collect();
            gaps.sort_unstable();
            let limit = blocks.len().min(last + gaps[gaps.len() / 2]);
            let to = (last + 1..limit)
                .find(|&k| matches!(blocks[k].kind, BlockKind::Heading(_)))
                .unwrap_or(limit);
            classes[from..to].fill(Class::Bad);
            return;
        }
        start = end + 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_time_of_day_is_hours_and_minutes() {
        for yes in ["at 2:23 PM", "12:44 p.m.", "Jan 5, 2012 18:48", "7:20 pm,"] {
            assert!(has_time_of_day(yes), "{yes}");
        }
        for no in ["2012:1", "10:5", "Chapter 3", "ratio 1:100", "12:345"] {
            assert!(!has_time_of_day(no), "{no}");
        }
        assert!(dated_and_timed("Peter 07.08.12 at 13:24"));
        assert!(dated_and_timed("2:08 PM on 1/12/2012"));
        assert!(!dated_and_timed("Version 1.2.3 at 13:24"));
    }
}
