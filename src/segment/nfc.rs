//! Text in Unicode's normal form C, as the web's character model asks: a page may
//! write "أ" as alef and a combining hamza, or a Bengali letter in a form the
//! standard decomposes; matched against other text, one spelling must win.
//!
//! Nearly all text is in NFC already, and proving it is the cost: the general
//! quick check looks every character up in the normalisation tables. Here every
//! character of the Basic Multilingual Plane costs one lookup, in a table built
//! once from the same tables; other text takes the general check.

use std::sync::LazyLock;

use unicode_normalization::char::canonical_combining_class;
use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};

use crate::normalize::by_pieces;

/// The text in NFC: as it is when proved so, else the pieces around the
/// characters not proved take the general check and, failing it, NFC.
pub(super) fn nfc(s: String) -> String {
    if surely_nfc(&s) {
        return s;
    }
    let mut out = String::with_capacity(s.len());
    by_pieces(&s, &mut out, (sure_prefix, true), stable, |piece, out| {
        if is_nfc_quick(piece.chars()) == IsNormalized::Yes {
            out.push_str(piece);
        } else {
            out.extend(piece.nfc());
        }
    });
    out
}

/// A character NFC may restart at: in the BMP, a starter whose quick check is
/// "yes", which nothing before it composes with.
fn stable(c: char) -> bool {
    TABLE.get(c as usize) == Some(&0)
}

/// Copies the start of `s` proved in NFC into `out`; the offset of the first
/// character not proved (`None` if there is none).
fn sure_prefix(s: &str, out: &mut String) -> Option<usize> {
    let at = first_unsure(s);
    out.push_str(&s[..at.unwrap_or(s.len())]);
    at
}

/// Marks a character the fast check leaves to the general one: its NFC quick
/// check answer is not "yes" alone (it may compose with the character before,
/// or never stands in NFC).
const UNSURE: u8 = u8::MAX;

/// Canonical combining class of each BMP character whose NFC quick check is
/// "yes", or [`UNSURE`].
static TABLE: LazyLock<Box<[u8; 0x1_0000]>> = LazyLock::new(|| {
    let mut t = Box::new([UNSURE; 0x1_0000]);
    for (u, slot) in t.iter_mut().enumerate() {
        if let Some(c) = char::from_u32(u as u32) {
            if is_nfc_quick(std::iter::once(c)) == IsNormalized::Yes {
                *slot = canonical_combining_class(c);
            }
        }
    }
    t
});

/// True when `s` is certainly in NFC: every character in the BMP, none unsure,
/// and each run of combining marks in canonical order. False means "not
/// proved" (the general check decides).
fn surely_nfc(s: &str) -> bool {
    first_unsure(s).is_none()
}

/// The offset of the first character of `s` that leaves the text not proved in
/// NFC: outside the BMP, unsure, or a mark out of canonical order.
fn first_unsure(s: &str) -> Option<usize> {
    let b = s.as_bytes();
    // A fixed-size table: every index below is proved in range.
    let table: &[u8; 0x1_0000] = &TABLE;
    let mut last = 0u8;
    let mut i = 0;
    while i < b.len() {
        let x = b[i];
        let at = i;
        // `i` is always at a character's first byte, and the text is UTF-8: a
        // lead byte's continuation bytes are there.
        let ccc = if x < 0x80 {
            i += 1;
            0
        } else if x < 0xe0 {
            let u = ((x as usize & 0x1f) << 6) | (b[i + 1] as usize & 0x3f);
            i += 2;
            table[u]
        } else if x < 0xf0 {
            let u = ((x as usize & 0x0f) << 12)
                | ((b[i + 1] as usize & 0x3f) << 6)
                | (b[i + 2] as usize & 0x3f);
            i += 3;
            table[u]
        } else {
            return Some(at);
        };
        // Starters, nearly every character, take one test.
        if ccc != 0 && (ccc == UNSURE || ccc < last) {
            return Some(at);
        }
        last = ccc;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn proved_only_where_nfc_agrees() {
        let cases = [
            "The council voted on Tuesday — “at last”, said one.",
            "Élection à Paris: 12,5 % des voix",
            "أعلنت الوزارة أنّ البرنامج سيبدأ غدًا",
            // Shadda (class 33) then fatha (30): NFC puts the fatha first.
            "\u{625}\u{646}\u{651}\u{64e}",
            "\u{625}\u{646}\u{64e}\u{651}",
            // Alef then a combining hamza: composes to أ.
            "\u{627}\u{654}",
            // Em quad: NFC writes it as an em space.
            "a\u{2001}b",
            "zero\u{200b}width \u{200f}mark",
            "Ελληνικά",
        ];
        for s in cases {
            let normal: String = s.nfc().collect();
            if surely_nfc(s) {
                assert_eq!(normal, s, "{s:?} proved NFC but is not");
            }
            assert_eq!(nfc(s.to_owned()), normal, "{s:?}");
        }
        assert!(surely_nfc("أعلنت الوزارة أن\u{64e}\u{651} البرنامج “غدًا”"));
        assert!(!surely_nfc("\u{625}\u{646}\u{651}\u{64e}"));
        assert!(!surely_nfc("\u{627}\u{654}"));
        assert!(!surely_nfc("a\u{2001}b"));
        // Each BMP character the table proves alone is its own NFC.
        for c in (0..0x1_0000u32).filter_map(char::from_u32) {
            let one = c.to_string();
            if surely_nfc(&one) {
                assert_eq!(one.nfc().collect::<String>(), one, "{c:?}");
            }
        }
        // The byte test's premise: below U+0300 nothing combines or decomposes.
        for c in (0x80..0x300).filter_map(char::from_u32) {
            assert_eq!(is_nfc_quick(std::iter::once(c)), IsNormalized::Yes);
            assert_eq!(canonical_combining_class(c), 0);
        }
    }

    use proptest::prelude::*;

    /// Characters around the fast check's edges: ASCII, Latin-1, Arabic letters,
    /// marks of different classes (fatha 30, shadda 33, sukun 34, superscript
    /// alef 35, the Quranic marks 230), hamza and madda (which compose), general
    /// punctuation (zero-width and bidi marks, quotes, the em quad NFC rewrites),
    /// a Latin combining mark, Greek with its marks, Hangul jamo that compose,
    /// Devanagari with nukta and its decomposed letters, singletons NFC
    /// rewrites (ohm sign, a compatibility ideograph), and a few outsiders.
    const ALPHABET: &[char] = &[
        'a', ' ', ',', 'é', '«', 'ا', 'أ', 'ب', 'و', 'ي', '\u{64b}', '\u{64e}', '\u{650}',
        '\u{651}', '\u{652}', '\u{653}', '\u{654}', '\u{655}', '\u{670}', '\u{610}', '\u{6d6}',
        '\u{200b}', '\u{200f}', '\u{2019}', '\u{201c}', '\u{2001}', '\u{301}', 'e', '中', 'Ω', 'ж',
        'ά', '\u{3b1}', '\u{313}', 'ą', '가', '\u{1100}', '\u{1161}', '\u{11a8}', 'क', '\u{93c}',
        '\u{958}', '\u{2126}', '\u{f900}', '😀',
    ];

    proptest! {
        #![proptest_config(ProptestConfig { cases: 2000, failure_persistence: None, ..ProptestConfig::default() })]

        /// Whatever the fast check proves is NFC, and the result is NFC's.
        #[test]
        fn the_fast_check_never_proves_what_is_not_nfc(
            picks in proptest::collection::vec(0..ALPHABET.len(), 0..24)
        ) {
            let text: String = picks.iter().map(|&i| ALPHABET[i]).collect();
            let normal: String = text.nfc().collect();
            if surely_nfc(&text) {
                prop_assert_eq!(&normal, &text);
            }
            prop_assert_eq!(nfc(text), normal);
        }
    }
}
