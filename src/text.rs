//! Tests on text that several stages make: sentence punctuation in the scripts
//! the crate reads (Latin, Arabic, CJK), and how much of a block is links. One
//! place, so that "ends like a sentence" means the same in strip, segment and
//! canonical.

/// Marks that end a sentence: the Latin and Arabic question marks, the ideographic
/// full stop, an ellipsis.
pub(crate) const SENTENCE_END: [char; 6] = ['.', '!', '?', '؟', '。', '…'];

/// Marks that end a clause inside a sentence (Latin and Arabic comma and
/// semicolon).
pub(crate) const CLAUSE_END: [char; 4] = [',', '،', ';', '؛'];

/// Closing quotes and brackets that may follow a sentence's last mark.
const CLOSERS: [char; 5] = ['"', '»', '”', ')', ' '];

/// Text that ends like a sentence (closing quotes and brackets aside).
pub(crate) fn ends_sentence(text: &str) -> bool {
    text.trim_end_matches(CLOSERS).ends_with(SENTENCE_END)
}

/// Whether `c` ends a sentence where a word ends (an ellipsis is no sentence
/// boundary inside a paragraph: it trails off or leaves words out).
pub(crate) fn splits_sentences(c: char) -> bool {
    SENTENCE_END.contains(&c) && c != '…'
}

/// Text with two or more sentence or clause marks in it: prose, not a label.
pub(crate) fn is_prose(text: &str) -> bool {
    text.chars()
        .filter(|&c| splits_sentences(c) || CLAUSE_END.contains(&c))
        .nth(1)
        .is_some()
}

/// Text that ends as running text does, with a full stop or a clause mark: not a
/// headline (which may end with "?" or "!").
pub(crate) fn ends_running(text: &str) -> bool {
    text.ends_with('.') || text.ends_with(CLAUSE_END)
}

/// Text that ends with a sentence or clause mark, or a colon that opens what
/// follows: no headline or ticker segment ends so.
pub(crate) fn ends_open(text: &str) -> bool {
    text.ends_with(SENTENCE_END) || text.ends_with(CLAUSE_END) || text.ends_with(':')
}

/// `text` holds `n` or more words (runs of non-space): counting stops at the
/// `n`th, so a long paragraph costs no more than a short one.
pub(crate) fn has_words(text: &str, n: usize) -> bool {
    n == 0 || text.split_whitespace().nth(n - 1).is_some()
}

/// At most half of a block's characters are inside links: its own text, not a
/// list of links.
pub(crate) fn mostly_not_links(link_chars: usize, chars: usize) -> bool {
    link_chars * 2 <= chars
}

/// Under half of a block's characters are inside links: the stricter test the
/// heading rules use (a heading half of which is a link is a teaser's).
pub(crate) fn under_half_links(link_chars: usize, chars: usize) -> bool {
    link_chars * 2 < chars
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_counted_up_to_the_one_asked_for() {
        assert!(has_words("", 0));
        assert!(!has_words(" \t ", 1));
        assert!(has_words("  le  président\u{a0}élu ", 3));
        assert!(!has_words("le président élu", 4));
    }
}
