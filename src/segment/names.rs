//! What a `class` or `id` value says about its element: the words pages name
//! furniture and article boxes with, as data, and the lookup.

use std::sync::LazyLock;

use super::hint::{ARTICLE, ASIDE, BOILER, BYLINE, FOOTER, NAV};

/// Each listed word (lower case, ASCII letters and digits) and the hint it
/// gives. A word of a value matches a listed word whole, ASCII
/// case-insensitively: `ad` in `top-ad` or `AdSlot`, not in `header`.
const WORDS: &[(&str, u16)] = &[
    ("ad", BOILER),
    ("ads", BOILER),
    ("adv", BOILER),
    ("advert", BOILER),
    ("advertisement", BOILER),
    ("advertising", BOILER),
    ("banner", BOILER),
    ("sponsor", BOILER),
    ("sponsored", BOILER),
    ("promo", BOILER),
    ("share", BOILER),
    ("sharing", BOILER),
    ("social", BOILER),
    ("related", BOILER),
    ("recommended", BOILER),
    ("comment", BOILER),
    ("comments", BOILER),
    ("ticker", BOILER),
    ("breaking", BOILER),
    ("marquee", BOILER),
    ("newsletter", BOILER),
    ("subscribe", BOILER),
    ("subscription", BOILER),
    ("signup", BOILER),
    ("cookie", BOILER),
    ("cookies", BOILER),
    ("consent", BOILER),
    ("gdpr", BOILER),
    ("popup", BOILER),
    ("modal", BOILER),
    ("breadcrumb", BOILER),
    ("breadcrumbs", BOILER),
    ("tags", BOILER),
    ("tagcloud", BOILER),
    ("pagination", BOILER),
    ("pager", BOILER),
    ("widget", BOILER),
    ("outbrain", BOILER),
    ("taboola", BOILER),
    ("disqus", BOILER),
    ("rating", BOILER),
    ("more", BOILER),
    ("readmore", BOILER),
    ("trending", BOILER),
    ("popular", BOILER),
    ("mostread", BOILER),
    ("shares", BOILER),
    ("follow", BOILER),
    ("login", BOILER),
    ("register", BOILER),
    ("toolbar", BOILER),
    ("skip", BOILER),
    ("sr", BOILER),
    ("screenreader", BOILER),
    ("caption", BOILER),
    ("credit", BOILER),
    ("copyright", BOILER),
    ("embed", BOILER),
    ("gallery", BOILER),
    ("slider", BOILER),
    ("carousel", BOILER),
    ("nextprev", BOILER),
    ("prev", BOILER),
    ("previous", BOILER),
    ("tools", BOILER),
    ("utility", BOILER),
    ("notification", BOILER),
    ("alert", BOILER),
    ("survey", BOILER),
    ("poll", BOILER),
    ("donate", BOILER),
    ("paywall", BOILER),
    ("teaser", BOILER),
    ("teasers", BOILER),
    ("recirculation", BOILER),
    ("upsell", BOILER),
    // Widgets a news page sets beside or inside its article.
    ("prayer", BOILER),
    ("prayers", BOILER),
    ("weather", BOILER),
    ("currency", BOILER),
    ("currencies", BOILER),
    ("horoscope", BOILER),
    ("nav", NAV),
    ("navbar", NAV),
    ("navigation", NAV),
    ("menu", NAV),
    ("topbar", NAV),
    ("masthead", NAV),
    ("sidebar", ASIDE),
    ("aside", ASIDE),
    ("rail", ASIDE),
    ("footer", FOOTER),
    ("foot", FOOTER),
    ("colophon", FOOTER),
    ("article", ARTICLE),
    ("articlebody", ARTICLE),
    ("content", ARTICLE),
    ("entry", ARTICLE),
    ("story", ARTICLE),
    ("post", ARTICLE),
    ("body", ARTICLE),
    ("text", ARTICLE),
    ("main", ARTICLE),
    ("detail", ARTICLE),
    ("details", ARTICLE),
    ("news", ARTICLE),
    ("byline", BYLINE),
    ("author", BYLINE),
    ("writer", BYLINE),
    ("date", BYLINE),
    ("time", BYLINE),
    ("meta", BYLINE),
    ("published", BYLINE),
    ("timestamp", BYLINE),
    ("dateline", BYLINE),
];

/// One listed word for each hint bit [`name_hints`] can give: the lean pass
/// rewrites `class` and `id` values to these, so the parser reads a few bytes
/// where pages put long utility-class lists, and the hints come out the same.
pub(super) const HINT_WORDS: &[(u16, &str)] = &[
    (BOILER, "ad"),
    (NAV, "nav"),
    (ASIDE, "aside"),
    (FOOTER, "footer"),
    (ARTICLE, "article"),
    (BYLINE, "byline"),
];

/// Longest word looked up, in bytes: every listed word fits, and a longer word
/// of a value can match none.
const MAX_WORD: usize = 16;

/// A word of at most [`MAX_WORD`] bytes, lower-cased, as one number: a lookup
/// compares numbers, not strings.
fn packed(word: &[u8]) -> Option<u128> {
    let mut buf = [0u8; MAX_WORD];
    buf.get_mut(..word.len())?.copy_from_slice(word);
    buf.make_ascii_lowercase();
    Some(u128::from_le_bytes(buf))
}

/// [`WORDS`] packed and sorted, for a binary search (built once).
static PACKED: LazyLock<Vec<(u128, u16)>> = LazyLock::new(|| {
    let mut t: Vec<(u128, u16)> = WORDS
        .iter()
        .filter_map(|&(w, h)| Some((packed(w.as_bytes())?, h)))
        .collect();
    t.sort_unstable();
    t
});

/// The hint of one class/id word (0 if it is not listed).
fn token_hint(word: &[u8]) -> u16 {
    let Some(key) = packed(word) else {
        return 0;
    };
    let table = &PACKED[..];
    table
        .binary_search_by_key(&key, |&(k, _)| k)
        .map_or(0, |i| table[i].1)
}

/// Hints from a `class` or `id` value: split into words on bytes other than
/// ASCII letters and digits, and on camelCase (`articleBody` → `article`,
/// `body`); each word gives its hint.
pub(super) fn name_hints(value: &str) -> u16 {
    let mut h = 0;
    for word in value.as_bytes().split(|c| !c.is_ascii_alphanumeric()) {
        if word.is_empty() {
            continue;
        }
        // Page builders wrap every element, the article's paragraphs too, in a
        // "widget": there the word names a box, not furniture.
        if word == b"widget" && value.contains("elementor") {
            continue;
        }
        h |= token_hint(word);
        let mut start = 0;
        for i in 1..word.len() {
            if word[i].is_ascii_uppercase() {
                h |= token_hint(&word[start..i]);
                start = i;
            }
        }
        if start > 0 {
            h |= token_hint(&word[start..]);
        }
    }
    h
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn listed_words_are_found_whole_in_any_case() {
        for &(w, h) in WORDS {
            assert!(w.len() <= MAX_WORD, "{w}");
            let plain = |c: u8| c.is_ascii_lowercase() || c.is_ascii_digit();
            assert!(w.bytes().all(plain), "{w}");
            assert_eq!(
                WORDS.iter().filter(|(v, _)| *v == w).count(),
                1,
                "{w} twice"
            );
            assert_eq!(token_hint(w.as_bytes()), h, "{w}");
            assert_eq!(token_hint(w.to_ascii_uppercase().as_bytes()), h, "{w}");
            // A listed word with a letter more is another word.
            assert_eq!(token_hint(format!("{w}q").as_bytes()), 0, "{w}q");
        }
        assert_eq!(token_hint(b""), 0);
        assert_eq!(token_hint(b"advertisementsxyz"), 0);
    }

    #[test]
    fn each_hint_word_gives_its_hint() {
        for &(bit, word) in HINT_WORDS {
            assert_eq!(name_hints(word), bit, "{word}");
        }
    }

    #[test]
    fn values_split_into_words_and_camel_case() {
        assert_eq!(name_hints("top-ad col-6"), BOILER);
        assert_eq!(name_hints("header"), 0);
        assert_eq!(name_hints("articleBody"), ARTICLE);
        assert_eq!(name_hints("mainNav sidebar"), ARTICLE | NAV | ASIDE);
        assert_eq!(name_hints("site-footer"), FOOTER);
        assert_eq!(name_hints("post-author"), ARTICLE | BYLINE);
        assert_eq!(name_hints("elementor-widget-text"), ARTICLE);
        assert_eq!(name_hints("widget"), BOILER);
        assert_eq!(name_hints("مقال ad"), BOILER);
    }
}
