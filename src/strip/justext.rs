//! jusText's classifier (Pomikálek 2011): block length, stop-word density and link
//! density give each block a class, then its neighbours revise the short ones.

use super::furniture::is_breadcrumb;
use super::{Class, Features, Stripper};
use crate::segment::{hint, Block, BlockKind};
use crate::text::{ends_running, ends_sentence, is_prose};

/// A CJK or Thai character carries about as much as three letters of a spaced
/// script: the length thresholds are divided by this for unspaced languages.
const UNSPACED_CHARS_PER_WORD: usize = 3;
/// Stock phrases open short blocks; a longer block that starts with "Related" or
/// "شارك" is a sentence of the article.
pub(super) const PHRASE_BLOCK_CHARS: usize = 120;
/// Notices are whole sentences of site software, matched on blocks up to this
/// long (the stock phrases stop at [`PHRASE_BLOCK_CHARS`]): a site's terms for
/// reusing its texts run to several sentences of legalese (1,100 characters on a
/// Ukrainian portal), and their openings start no news sentence.
const NOTICE_BLOCK_CHARS: usize = 1200;
/// A call to follow the site is a line or two; longer text naming a network is
/// news about it.
const SOCIAL_CALL_CHARS: usize = 300;
/// Punctuated prose this many times [`LENGTH_HIGH`] long is near-good even with
/// few stop words (names, figures): furniture that long is caught otherwise.
const LONG_PROSE_LENGTHS: usize = 2;
/// A paragraph of the article with links in it (names, sources) stays near-good
/// up to this share of link characters.
const LINKED_SENTENCE_DENSITY: f32 = 0.5;
/// Fewest sentence-ending blocks for a page's own stop-word share to be
/// worth fitting the thresholds to.
const CALIBRATION_BLOCKS: usize = 3;
/// Fitted thresholds are this share of the page's median: about where languages
/// the lists cover well sit against jusText's 0.30.
const CALIBRATION_SHARE: f32 = 0.55;

impl Stripper {
    /// Context-free classification (jusText's first pass) plus hard evidence.
    pub(super) fn classify(
        &self,
        blocks: &[Block],
        norm: &[Vec<&str>],
        effective: &[u16],
        feats: &mut [Features],
        unspaced: bool,
        (stop_low, stop_high): (f32, f32),
    ) -> Vec<Class> {
        let (low, high) = if unspaced {
            (
                LENGTH_LOW / UNSPACED_CHARS_PER_WORD,
                LENGTH_HIGH / UNSPACED_CHARS_PER_WORD,
            )
        } else {
            (LENGTH_LOW, LENGTH_HIGH)
        };
        let mut in_related = false;
        let mut classes = Vec::with_capacity(blocks.len());
        for ((b, w), f) in blocks.iter().zip(norm).zip(feats.iter_mut()) {
            let phrase = (b.chars < PHRASE_BLOCK_CHARS)
                .then(|| self.phrases.find(w))
                .flatten();
            let link_density = b.link_chars as f32 / b.chars.max(1) as f32;
            let class = if f.removed {
                Class::Bad
            } else if phrase.is_some_and(|(_, related)| *related) {
                // "Read also: …" inside the flow is an insertion, not evidence that
                // the text around it is furniture: context passes over it. ("Sign
                // up" is such evidence: the rest of its box goes with it.)
                f.removed = true;
                Class::Bad
            } else if b.kind == BlockKind::Ticker
                || f.caption
                || effective[b.node as usize] & hint::NEGATIVE != 0
                || phrase.is_some()
                // A breadcrumb trail ("الرئيسية > أخبار > سياسة") names where the
                // page sits, in a dump as a line of its own.
                || (b.chars < PHRASE_BLOCK_CHARS && is_breadcrumb(&b.text))
                || (b.chars < NOTICE_BLOCK_CHARS
                    && self.notices.find(w).is_some())
                || (b.chars < SOCIAL_CALL_CHARS && self.social_call(w))
                || (in_related && b.chars < LENGTH_HIGH && !ends_sentence(&b.text))
            {
                f.hard_bad = true;
                Class::Bad
            } else if b.text.contains('©') {
                Class::Bad
            } else if link_density > MAX_LINK_DENSITY {
                // A sentence of the article with a few links in it (names, sources)
                // is near-good at best; navigation does not end like a sentence.
                let linked_sentence = b.kind == BlockKind::Paragraph
                    && b.chars >= low
                    && link_density <= LINKED_SENTENCE_DENSITY
                    && ends_sentence(&b.text)
                    && f.stop_density >= stop_low;
                if linked_sentence {
                    Class::NearGood
                } else {
                    Class::Bad
                }
            } else if b.chars < low {
                if b.link_chars > 0 {
                    Class::Bad
                } else {
                    Class::Short
                }
            } else if f.stop_density >= stop_high {
                if b.chars > high {
                    Class::Good
                } else {
                    Class::NearGood
                }
            } else if f.stop_density >= stop_low
                || (b.chars > LONG_PROSE_LENGTHS * high && is_prose(&b.text))
            {
                // Long punctuated prose with few stop words (names, figures) is still
                // prose; furniture this long is caught by links, hints or phrases.
                Class::NearGood
            } else {
                Class::Bad
            };
            // A related-headlines block runs until real text resumes: headlines have
            // no closing punctuation, sentences do.
            if let Some((_, related)) = phrase {
                in_related = *related;
            } else if class == Class::Good || ends_sentence(&b.text) {
                in_related = false;
            }
            classes.push(class);
        }
        // A short article may have no block over LENGTH_HIGH: its near-good blocks
        // are the best evidence there is.
        if !classes.contains(&Class::Good) {
            for c in classes.iter_mut().filter(|c| **c == Class::NearGood) {
                *c = Class::Good;
            }
        }
        classes
    }
}

/// jusText parameters (its defaults; lengths in characters).
pub(super) const LENGTH_LOW: usize = 70;

pub(super) const LENGTH_HIGH: usize = 200;

pub(super) const STOPWORDS_LOW: f32 = 0.30;

pub(super) const STOPWORDS_HIGH: f32 = 0.32;

/// Arabic attaches conjunctions and prepositions to words and its list is short, so
/// prose shows about half the stop-word density of English: measured 0.10–0.34 on
/// the seed articles (with one-letter proclitics stripped) against jusText's 0.30.
pub(super) const ARABIC_STOPWORDS: (f32, f32) = (0.10, 0.12);

pub(super) const MAX_LINK_DENSITY: f32 = 0.2;

pub(super) const MAX_HEADING_DISTANCE: usize = 200;

/// Text is a heading when its element says so, or, in a text dump, when it is a
/// short line without sentence punctuation.
pub(super) fn is_heading(b: &Block) -> bool {
    match b.kind {
        BlockKind::Heading(_) => true,
        BlockKind::Line => b.chars < LENGTH_LOW && !ends_running(&b.text),
        _ => false,
    }
}

/// For unspaced scripts: sentence punctuation stands in for stop words, in
/// text written in the page's script. A block of Latin letters without one
/// character of that script (an embedded English post, a sign-up box's line on
/// a Chinese page) has no stop words of the page's language, as any
/// other-language block on a page with a stop-word list has none. A block
/// that mixes the scripts (a name, a URL in a Chinese sentence) is the page's.
pub(super) fn cjk_density(text: &str) -> f32 {
    if latin_only(text) {
        return 0.0;
    }
    let punct = text.chars().any(|c| {
        matches!(
            c,
            '。' | '，' | '、' | '！' | '？' | '；' | '：' | '.' | ','
        )
    });
    if punct {
        STOPWORDS_HIGH
    } else {
        0.0
    }
}

/// Latin letters without one character of an unspaced script: on a page in
/// that script, a block in another language.
pub(super) fn latin_only(text: &str) -> bool {
    let b = text.as_bytes();
    // Lead bytes of three- and four-byte characters (CJK, kana, Hangul, Thai).
    !b.iter().any(|&x| x >= 0xe0) && b.iter().any(u8::is_ascii_alphabetic)
}

/// Stop-word thresholds fitted to the page. Lists cover languages unevenly (an
/// inflected language like Polish or Russian matches fewer of its words to a list
/// of lemmas): where the page's sentence-ending blocks that are not short (at
/// least [`LENGTH_LOW`]: a news story of short paragraphs has few of jusText's
/// long ones) have a median share under twice the threshold, the thresholds come
/// down to 55% of that median, as for languages the lists cover well. They never
/// go up.
pub(super) fn calibrated(
    (low, high): (f32, f32),
    blocks: &[Block],
    feats: &[Features],
) -> (f32, f32) {
    let mut shares: Vec<f32> = blocks
        .iter()
        .zip(feats)
        .filter(|(b, _)| {
            b.chars >= LENGTH_LOW
                && (b.link_chars as f32) < MAX_LINK_DENSITY * b.chars as f32
                && ends_sentence(&b.text)
        })
        .map(|(_, f)| f.stop_density)
        .collect();
    if shares.len() < CALIBRATION_BLOCKS {
        return (low, high);
    }
    shares.sort_by(f32::total_cmp);
    let fitted = CALIBRATION_SHARE * shares[shares.len() / 2];
    if fitted >= low {
        return (low, high);
    }
    (fitted, fitted + (high - low))
}

/// For every block, the nearest class before and after it that is good or bad
/// (edges count as bad), skipping short blocks and, if asked, near-good ones.
/// Found in two sweeps, so the context pass stays linear in the number of blocks
/// (a dump of 500,000 short lines would otherwise rescan its neighbours for each).
pub(super) struct Neighbours {
    before: Vec<Class>,
    after: Vec<Class>,
}

impl Neighbours {
    pub(super) fn new(classes: &[Class], ignore_neargood: bool) -> Self {
        let skip = |c: Class| c == Class::Short || (ignore_neargood && c == Class::NearGood);
        let sweep = |order: &mut dyn Iterator<Item = &Class>| {
            let mut last = Class::Bad;
            order
                .map(|&c| {
                    let seen = last;
                    if !skip(c) {
                        last = c;
                    }
                    seen
                })
                .collect::<Vec<Class>>()
        };
        let before = sweep(&mut classes.iter());
        let mut after = sweep(&mut classes.iter().rev());
        after.reverse();
        Neighbours { before, after }
    }
}

/// Consecutive near-good blocks that make a text of short paragraphs (an article
/// whose every paragraph is a line or two, set with `<br>`s in a layout table):
/// jusText judges each by its neighbours, skipping the others, and finds only the
/// furniture around the run. Such a run is the page's text when it holds more
/// characters than all good blocks together (a comment-policy paragraph must not
/// win over it); beside a good article it may be a list of teasers, and stays
/// judged by its neighbours.
const NEAR_GOOD_RUN: usize = 3;
/// The run is rescued on pages with at most this many good blocks (a notice, a
/// lead): where the article has good paragraphs of its own, a longer run of
/// short blocks beside it is a comment thread.
const FEW_GOOD: usize = 1;

/// Longest line an ad slot's label has ("Advertisement", "Anzeige"): a run of
/// near-good blocks cut by such labels alone is still one run.
const LABEL_CHARS: usize = 30;

/// For each block, the length and characters of the run of near-good blocks it
/// is in ((0, 0) for other blocks). A run goes on past short lines that are
/// furniture by hard evidence (the labels of ad slots set between a short
/// story's paragraphs), which are not counted in it.
fn near_good_runs(c: &[Class], b: &[&Block], f: &[&Features]) -> Vec<(usize, usize)> {
    let label = |k: usize| c[k] == Class::Bad && f[k].hard_bad && b[k].chars <= LABEL_CHARS;
    let mut runs = vec![(0, 0); c.len()];
    let mut i = 0;
    while i < c.len() {
        if c[i] != Class::NearGood {
            i += 1;
            continue;
        }
        let start = i;
        let (mut n, mut chars) = (0, 0);
        // The run's last near-good block, past any labels within it.
        let mut end = i;
        while i < c.len() && (c[i] == Class::NearGood || label(i)) {
            if c[i] == Class::NearGood {
                n += 1;
                chars += b[i].chars;
                end = i + 1;
            }
            i += 1;
        }
        for (k, r) in runs.iter_mut().enumerate().take(end).skip(start) {
            if c[k] == Class::NearGood {
                *r = (n, chars);
            }
        }
        i = end;
    }
    runs
}

/// jusText's context-sensitive pass.
pub(super) fn revise(blocks: &[Block], feats: &[Features], classes: &mut [Class]) {
    let live: Vec<usize> = (0..blocks.len()).filter(|&i| !feats[i].removed).collect();
    let mut c: Vec<Class> = live.iter().map(|&i| classes[i]).collect();
    let f: Vec<&Features> = live.iter().map(|&i| &feats[i]).collect();
    let b: Vec<&Block> = live.iter().map(|&i| &blocks[i]).collect();
    let original = c.clone();
    let good_within = |c: &[Class], i: usize| {
        let mut distance = 0;
        for j in i + 1..c.len() {
            if c[j] == Class::Good {
                return true;
            }
            distance += b[j].chars;
            if distance > MAX_HEADING_DISTANCE {
                break;
            }
        }
        false
    };
    // Short headings followed closely by good text.
    for i in 0..c.len() {
        if f[i].heading && c[i] == Class::Short && !f[i].hard_bad && good_within(&c, i) {
            c[i] = Class::NearGood;
        }
    }
    // Short blocks take their neighbours' class.
    let mut next = c.clone();
    let (far, near) = (Neighbours::new(&c, true), Neighbours::new(&c, false));
    for i in 0..c.len() {
        if c[i] != Class::Short {
            continue;
        }
        let (prev, nxt) = (far.before[i], far.after[i]);
        next[i] = match (prev, nxt) {
            (Class::Good, Class::Good) => Class::Good,
            (Class::Bad, Class::Bad) => Class::Bad,
            _ if (prev == Class::Bad && near.before[i] == Class::NearGood)
                || (nxt == Class::Bad && near.after[i] == Class::NearGood) =>
            {
                Class::Good
            }
            _ => Class::Bad,
        };
    }
    c = next;
    // Near-good blocks are good unless surrounded by bad; a run of them is a text
    // written in short paragraphs, whatever surrounds it.
    let mut next = c.clone();
    let far = Neighbours::new(&c, true);
    let runs = near_good_runs(&c, &b, &f);
    let good: Vec<usize> = (0..c.len()).filter(|&i| c[i] == Class::Good).collect();
    let good_chars: usize = good.iter().map(|&i| b[i].chars).sum();
    let few_good = good.len() <= FEW_GOOD;
    for i in 0..c.len() {
        if c[i] == Class::NearGood {
            let both_bad = far.before[i] == Class::Bad && far.after[i] == Class::Bad;
            let (run, run_chars) = runs[i];
            let the_text = run >= NEAR_GOOD_RUN && run_chars > good_chars && few_good;
            next[i] = if both_bad && !the_text {
                Class::Bad
            } else {
                Class::Good
            };
        }
    }
    c = next;
    // Headings that context made bad, followed closely by good text.
    for i in 0..c.len() {
        if f[i].heading
            && c[i] == Class::Bad
            && original[i] != Class::Bad
            && !f[i].hard_bad
            && good_within(&c, i)
        {
            c[i] = Class::Good;
        }
    }
    for (k, &i) in live.iter().enumerate() {
        classes[i] = c[k];
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_run_of_near_good_blocks_goes_on_past_ad_labels() {
        let block = |text: &str| Block {
            text: text.to_owned(),
            kind: BlockKind::Paragraph,
            chars: text.chars().count(),
            link_chars: 0,
            node: 0,
        };
        let para = "The flu is an airborne virus, easily spread through the nose and throat.";
        let blocks = [
            block(para),
            block("Advertisement"),
            block(para),
            block(para),
            block("Advertisement"),
            block(para),
        ];
        let label = |hard_bad| Features {
            hard_bad,
            ..Features::default()
        };
        let feats = [
            label(false),
            label(true),
            label(false),
            label(false),
            label(true),
            label(false),
        ];
        let (n, g, bad) = (Class::NearGood, Class::Good, Class::Bad);
        let c = [n, bad, n, n, bad, n];
        let b: Vec<&Block> = blocks.iter().collect();
        let f: Vec<&Features> = feats.iter().collect();
        let chars = 4 * blocks[0].chars;
        // One run of four paragraphs, the labels outside it.
        assert_eq!(
            near_good_runs(&c, &b, &f),
            [
                (4, chars),
                (0, 0),
                (4, chars),
                (4, chars),
                (0, 0),
                (4, chars)
            ]
        );
        // A line that is bad by the classifier alone (not by hard evidence), or
        // a good block, ends the run.
        let soft = [
            label(false),
            label(false),
            label(false),
            label(false),
            label(true),
            label(false),
        ];
        let f: Vec<&Features> = soft.iter().collect();
        assert_eq!(near_good_runs(&c, &b, &f)[0], (1, blocks[0].chars));
        let c = [n, g, n, n, bad, n];
        assert_eq!(near_good_runs(&c, &b, &f)[2], (3, 3 * blocks[0].chars));
        // On a page with no good block the run is the text: its paragraphs are
        // kept, the labels not.
        let mut classes = [n, bad, n, n, bad, n];
        revise(&blocks, &feats, &mut classes);
        assert_eq!(classes, [g, bad, g, g, bad, g]);
    }

    #[test]
    fn punctuation_counts_in_the_pages_script_only() {
        // A Chinese sentence, names in Latin letters inside it or not.
        assert_eq!(
            cjk_density("京东商城昨日晚间通过其官方微博宣布，即日起开通北京市地铁自提点。"),
            STOPWORDS_HIGH
        );
        assert_eq!(
            cjk_density("苹果公司发布了新款iPhone和MacBook Pro，售价不变。"),
            STOPWORDS_HIGH
        );
        // An embedded English post: punctuated, but in another script.
        assert_eq!(
            cjk_density("The crowd outside the hall tonight is bigger than last year, by far."),
            0.0
        );
        // Unpunctuated Chinese (a menu line) was and stays without evidence.
        assert_eq!(cjk_density("首页 科技 新闻"), 0.0);
        // Another language's block is one of Latin letters alone; figures alone
        // (a date, a score) are no language's.
        assert!(latin_only("Get the morning briefing"));
        assert!(!latin_only("苹果公司发布了新款iPhone"));
        assert!(!latin_only("2012-01-17 10:30"));
    }
}
