//! A slideshow told by its counters, whatever its markup is named: each slide
//! carries its place in the show ("1/43", "2/43", …) beside its caption and
//! credit. A page with a slideshow beside its article holds more caption text
//! than story; counted slides are the show's, not the article's.

use crate::segment::Block;

/// Counters of one show, in order, before it is a slideshow: two could be a
/// score or a fraction.
const SHOW_SLIDES: usize = 3;
/// Longest show read: a counter's total is a count of pictures.
const MAX_SLIDES: u32 = 500;

/// The counter a block opens with, "k/N" with 1 ≤ k ≤ N (spaces allowed
/// around the slash), and nothing after it but the rest of the block after a
/// space (a date, the caption).
fn counter(text: &str) -> Option<(u32, u32)> {
    let t = text.trim_start();
    let digits = |s: &str| s.bytes().take_while(u8::is_ascii_digit).count();
    let k_len = digits(t);
    let rest = t[k_len..].trim_start().strip_prefix('/')?.trim_start();
    let n_len = digits(rest);
    let after = &rest[n_len..];
    if k_len == 0 || n_len == 0 || k_len > 3 || n_len > 3 {
        return None;
    }
    if !(after.is_empty() || after.starts_with(char::is_whitespace)) {
        return None;
    }
    let (k, n): (u32, u32) = (t[..k_len].parse().ok()?, rest[..n_len].parse().ok()?);
    (1 <= k && k <= n && n <= MAX_SLIDES).then_some((k, n))
}

/// The blocks of a slideshow: from a run of at least [`SHOW_SLIDES`]
/// counters of one total, each the one after the last ("1/43", "2/43",
/// "3/43"), to the last slide's end (as many blocks as the median from one
/// counter to the next). Each such run, wherever it stands.
pub(super) fn slideshow(blocks: &[Block]) -> Vec<bool> {
    let mut show = vec![false; blocks.len()];
    let counters: Vec<(usize, (u32, u32))> = blocks
        .iter()
        .enumerate()
        .filter_map(|(i, b)| counter(&b.text).map(|c| (i, c)))
        .collect();
    let mut start = 0;
    while start < counters.len() {
        let mut end = start;
        while end + 1 < counters.len() && {
            let ((_, (k, n)), (_, (k2, n2))) = (counters[end], counters[end + 1]);
            n2 == n && k2 == k + 1
        } {
            end += 1;
        }
        if end + 1 - start >= SHOW_SLIDES {
            let mut gaps: Vec<usize> = counters[start..=end]
                .windows(2)
                .map(|w| w[1].0 - w[0].0)
                .collect();
            gaps.sort_unstable();
            let last = counters[end].0;
            let to = blocks.len().min(last + gaps[gaps.len() / 2]);
            show[counters[start].0..to].fill(true);
        }
        start = end + 1;
    }
    show
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_counter_is_a_place_among_a_total() {
        assert_eq!(counter("1/43"), Some((1, 43)));
        assert_eq!(counter("12 / 31 18 October 2017"), Some((12, 31)));
        for no in [
            "1/2cup",
            "0/5",
            "6/5",
            "2012/13",
            "24/7 news",
            "1/",
            "a/3",
            "1/2000",
        ] {
            assert_eq!(counter(no), None, "{no}");
        }
    }
}
