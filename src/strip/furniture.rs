//! Page furniture told by its words: related-headline sections, calls to follow
//! the site, captions and credits, and text that is no text at all.

use super::container::prose_like;
use super::hints::node_spans;
use super::lexicon::{self, starts_with_words};
use super::{Features, Stripper};
use crate::segment::{Block, BlockKind, ContainerNode};

impl Stripper {
    /// A section opened by a related-headlines heading ("you may also like",
    /// "اقرأ أيضا"), a comment thread's or a profile's: the rest of the heading's
    /// container goes, teasers with long summaries too, which would pass for
    /// prose. Only when the heading opens its container; one inside the
    /// article's own flow is handled per block, but for a comment thread's
    /// heading under the story in the story's own element (or in a box of its
    /// own there), which opens the rest of that element. A section that opens before the page's headline ends
    /// there: in a page laid out in one table, a sidebar box's container holds
    /// the article too.
    pub(super) fn related_sections(
        &self,
        blocks: &[Block],
        nodes: &[ContainerNode],
        norm: &[Vec<&str>],
        headline: Option<usize>,
        feats: &mut [Features],
    ) {
        // A section is the range from its container's first block to its last.
        let span = node_spans(blocks, nodes);
        // Ranges are marked once each, so many such headings stay linear.
        let mut marked_to = 0;
        // The last block of prose kept so far before the heading, read once over
        // the page (sections are marked after their heading, so a block before
        // it is settled): `(blocks read, last prose)`.
        let mut prose: (usize, Option<usize>) = (0, None);
        for i in 0..blocks.len() {
            let heading = matches!(blocks[i].kind, BlockKind::Heading(_)) && blocks[i].chars < 120;
            let profile = heading && self.profile_heading(&norm[i]);
            let comments = heading && self.comment_heading(&norm[i]);
            let related = heading
                && (profile
                    || comments
                    || self
                        .phrases
                        .entries()
                        .iter()
                        .any(|(p, related)| *related && starts_with_words(&norm[i], p)));
            let top = nodes[blocks[i].node as usize].parent;
            if !related || top == u32::MAX {
                continue;
            }
            let (first, mut last) = span[top as usize];
            // A thread's heading set after the story in the element holding
            // both ("Comments" under the story's last paragraph, or in a box of
            // its own there, the comments after it): the thread is the rest of
            // that element. Only an unlinked heading below the headline and
            // prose: a linked count ("12 comments") by the byline leads to the
            // thread, it does not open it.
            let unlinked = comments && blocks[i].link_chars == 0;
            if unlinked {
                for k in prose.0..i {
                    if !feats[k].removed && prose_like(&blocks[k]) {
                        prose.1 = Some(k);
                    }
                }
                prose.0 = i;
            }
            let after_story = |(from, _): (usize, usize)| {
                unlinked && headline.is_none_or(|h| h < i) && prose.1.is_some_and(|k| k >= from)
            };
            if first < i {
                if !after_story(span[top as usize]) {
                    continue;
                }
            } else {
                // The heading's box and the wrappers around it alone: the thread
                // runs on in the first element that began before them.
                let mut up = nodes[top as usize].parent;
                while span.get(up as usize).is_some_and(|s| s.0 == first) {
                    up = nodes[up as usize].parent;
                }
                if let Some(&outer) = span.get(up as usize).filter(|&&s| after_story(s)) {
                    last = last.max(outer.1);
                }
            }
            // A related heading goes by its phrase; a profile's only here.
            feats[i].removed |= profile;
            if let Some(h) = headline.filter(|&h| h > i) {
                last = last.min(h - 1);
            }
            // After its linked headlines, the section ends where the article's
            // prose resumes: a markup error (an embed's unclosed box) can put the
            // rest of the body inside it. Teasers without links are all section,
            // and so is a comment thread: comments are prose in a row, after
            // their linked author lines.
            let links = (i + 1..=last)
                .find(|&k| blocks[k].link_chars > 0)
                .filter(|_| !comments);
            let end =
                links.and_then(|l| (l + 1..last).find(|&k| resumes(&blocks[k], &blocks[k + 1])));
            let last = end.map_or(last, |k| k - 1);
            for f in feats.iter_mut().take(last + 1).skip((i + 1).max(marked_to)) {
                f.removed = true;
            }
            marked_to = marked_to.max(last + 1);
        }
    }

    /// A heading of a box about the writer or the site ([`Lexicon::profiles`]):
    /// the whole heading is an entry.
    ///
    /// [`Lexicon::profiles`]: super::lexicon::Lexicon::profiles
    fn profile_heading(&self, w: &[&str]) -> bool {
        self.profiles
            .iter()
            .any(|p| p.len() == w.len() && starts_with_words(w, p))
    }

    /// A heading that opens the page's comment thread ([`Lexicon::comments`]):
    /// an entry after a leading count ("3 responses to …", "one thought on …"),
    /// or the entry alone but for a count ("Comments (12)").
    ///
    /// [`Lexicon::comments`]: super::lexicon::Lexicon::comments
    pub(super) fn comment_heading(&self, w: &[&str]) -> bool {
        // "One thought on …", "Un commentaire": the count spelt out.
        let count = |x: &&str| x.bytes().all(|b| b.is_ascii_digit()) || matches!(*x, "one" | "un");
        let counted = w.first().is_some_and(count);
        let rest = if counted { &w[1..] } else { w };
        self.comments
            .iter()
            .any(|c| starts_with_words(rest, c) && (counted || rest[c.len()..].iter().all(count)))
    }
}

/// Two paragraphs of prose in a row without a link in them: the article going
/// on, not teasers (each summary follows its own linked headline).
fn resumes(a: &Block, b: &Block) -> bool {
    [a, b].iter().all(|x| x.link_chars == 0 && prose_like(x))
}

impl Stripper {
    /// "Follow <us / the paper> on Twitter …": a call to follow the site, in a
    /// block of its own: an opening of [`Lexicon::follow`] and a network named.
    ///
    /// [`Lexicon::follow`]: super::lexicon::Lexicon::follow
    pub(super) fn social_call(&self, w: &[&str]) -> bool {
        self.follow.iter().any(|f| starts_with_words(w, f))
            && w.iter().any(|x| self.networks.contains(x))
    }
}

/// Longest caption label looked up, in bytes ("beitragsbild"): a longer first
/// word is none, and is not lowercased to find out.
const LONGEST_LABEL: usize = 14;
/// A credit ends a caption: looked for in its last this many characters.
const CREDIT_TAIL_CHARS: usize = 60;

/// A caption written as a paragraph: a label with a colon first ("Abbildung 4:",
/// "Photo:"), or a credit last ("… © Agency", "… Photo: Name", "… /Reuters").
impl Stripper {
    pub(super) fn is_caption(&self, text: &str) -> bool {
        let end = text
            .find(|c: char| !c.is_alphanumeric())
            .unwrap_or(text.len());
        let (label, rest) = text.split_at(end);
        // Most first words are ASCII: compared without lowercasing a copy per block.
        let listed = |label: &str| {
            if label.is_ascii() {
                self.caption_labels
                    .iter()
                    .any(|l| l.eq_ignore_ascii_case(label))
            } else {
                self.caption_labels.contains(&label.to_lowercase().as_str())
            }
        };
        if label.len() <= LONGEST_LABEL && listed(label) {
            let rest =
                rest.trim_start_matches(|c: char| c.is_ascii_digit() || c == ' ' || c == '.');
            if rest.starts_with(':') {
                return true;
            }
        }
        let tail_start = text
            .char_indices()
            .rev()
            .nth(CREDIT_TAIL_CHARS)
            .map_or(0, |(i, _)| i);
        let tail = &text[tail_start..];
        tail.contains('©')
            || self
                .credits
                .iter()
                .any(|c| c.find(tail.as_bytes()).is_some())
    }
}

/// Least share of letters among a text's visible characters: prose in any script
/// is mostly letters (the lowest of about 10,000 evaluation and dedup outputs is
/// 0.54, a page of figures); random bytes decoded as a legacy charset give about
/// 0.49, text of invisible characters or of diacritics alone none.
pub(super) const MIN_LETTER_SHARE: f32 = 0.4;

/// Most share of control characters and U+FFFD (bytes no charset could read):
/// at most 0.023 in those outputs, 0.14 in random bytes.
pub(super) const MAX_JUNK_SHARE: f32 = 0.05;

/// Visible characters the readability test looks at: junk and text are each of a
/// piece, and a long article need not be read through for it.
const READABLE_SAMPLE: usize = 1024;

/// Combining marks: letters to `char::is_alphabetic` (some of them), not to a
/// reader.
fn mark(c: char) -> bool {
    matches!(c, '\u{300}'..='\u{36f}' | '\u{591}'..='\u{5c7}' | '\u{610}'..='\u{61a}'
        | '\u{64b}'..='\u{65f}' | '\u{670}' | '\u{6d6}'..='\u{6ed}' | '\u{1ab0}'..='\u{1aff}'
        | '\u{1dc0}'..='\u{1dff}' | '\u{20d0}'..='\u{20ff}' | '\u{fe20}'..='\u{fe2f}')
}

/// Which of U+0600–U+06FF [`readable`] counts as letters (alphabetic, not a
/// mark), looked up once: the Unicode tables' search cost per character.
static ARABIC_LETTERS: std::sync::LazyLock<[bool; 256]> = std::sync::LazyLock::new(|| {
    std::array::from_fn(|i| {
        char::from_u32(0x600 + i as u32).is_some_and(|c| c.is_alphabetic() && !mark(c))
    })
});

/// Whether the kept text reads as text: letters (not combining marks alone)
/// make up enough of its visible characters, and binary junk does not. Shape:
/// binary files, random bytes, pages of zero-width characters or of tashkeel.
pub(super) fn readable<'a>(paragraphs: impl Iterator<Item = &'a String>) -> bool {
    let (mut visible, mut letters, mut junk) = (0usize, 0usize, 0usize);
    // The table's lazy lock checked once, not per character.
    let arabic: &[bool; 256] = &ARABIC_LETTERS;
    'text: for p in paragraphs {
        for c in p.chars() {
            // ASCII and Arabic letters without the Unicode tables, which cost.
            let (letter, control) = if c.is_ascii() {
                if c.is_whitespace() {
                    continue;
                }
                (c.is_ascii_alphabetic(), c.is_ascii_control())
            } else if ('\u{600}'..='\u{6ff}').contains(&c) {
                // No Arabic character is a space or a control character.
                (arabic[c as usize - 0x600], false)
            } else {
                if c.is_whitespace() {
                    continue;
                }
                (
                    c.is_alphabetic() && !mark(c),
                    c.is_control() || c == '\u{fffd}',
                )
            };
            visible += 1;
            letters += usize::from(letter);
            junk += usize::from(control);
            if visible == READABLE_SAMPLE {
                break 'text;
            }
        }
    }
    visible > 0
        && letters as f32 >= MIN_LETTER_SHARE * visible as f32
        && junk as f32 <= MAX_JUNK_SHARE * visible as f32
}

/// `"Home » News » World"`: a home word, then separators between short parts.
pub(super) fn is_breadcrumb(text: &str) -> bool {
    const SEPARATORS: [char; 9] = ['»', '›', '>', '/', '|', '«', '‹', '<', '\\'];
    /// A home word and its separator come within this many characters: only
    /// they are lowercased, not the whole block (strip asks of every block).
    const HEAD_CHARS: usize = 40;
    let head = text.trim_start();
    // The separator stands within those characters too: without one, no word
    // list need be tried (lowercasing makes no separator).
    if !head
        .chars()
        .take(HEAD_CHARS)
        .any(|c| SEPARATORS.contains(&c))
    {
        return false;
    }
    let lower: String = head
        .chars()
        .take(HEAD_CHARS)
        .flat_map(char::to_lowercase)
        .collect();
    lexicon::ALL.iter().flat_map(|l| l.home).any(|w| {
        lower
            .strip_prefix(w)
            .is_some_and(|rest| rest.trim_start().starts_with(SEPARATORS))
    })
}

#[cfg(test)]
mod tests {
    use crate::strip::Stripper;

    #[test]
    fn captions_written_as_paragraphs() {
        let s = Stripper::new();
        for c in [
            "Abbildung 4: klassische Schwachschicht.",
            "Photo: the harbour at dawn",
            "Fig. 2: results",
            "صورة: المحطة الجديدة",
            "Bei der Beckenkippung sinkt der Brustkorb ein. © Pferderevue",
            "Microsoft plans to cut its emissions by half. Mike Blake/Reuters files",
            "A fan watches during the eighth inning in Los Angeles. (AP Photo/Chris Carlson)",
        ] {
            assert!(s.is_caption(c), "{c}");
        }
        for p in [
            "Figure 6 shows the state of the review repository at this point.",
            "Image quality matters: the council said the cameras were old.",
            "The photo agency said on Monday that it would close two offices.",
        ] {
            assert!(!s.is_caption(p), "{p}");
        }
    }

    #[test]
    fn headings_that_open_a_comment_thread() {
        let s = Stripper::new();
        let opens = |h: &str| {
            let t = crate::normalize::tokens(h);
            s.comment_heading(&t.iter().map(String::as_str).collect::<Vec<_>>())
        };
        for h in [
            "3 Responses to “Old bridge to close”",
            "Comments (12)",
            "12 comments",
            "One thought on “Old bridge to close”",
            "التعليقات",
            "5 تعليقات",
            "Commentaires",
        ] {
            assert!(opens(h), "{h}");
        }
        for h in [
            "Responses to the plan",
            "Comments from the minister",
            "Commentaires du ministre sur le budget",
            "2024 budget",
        ] {
            assert!(!opens(h), "{h}");
        }
    }
}
