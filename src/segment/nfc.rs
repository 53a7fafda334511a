//! Text in Unicode's normal form C, as the web's character model asks: a page may
//! write "أ" as alef and a combining hamza, or a Bengali letter in a form the
//! standard decomposes; matched against other text, one spelling must win.
//!
//! Nearly all text is in NFC already, and proving it is the cost: the general
//! quick check looks every character up in the normalisation tables. Latin,
//! Arabic and the punctuation between them are proved byte by byte here, from
//! a table of those characters built once from the same tables; other text
//! takes the general check.

use std::sync::LazyLock;

use unicode_normalization::char::canonical_combining_class;
use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};

/// The text in NFC.
pub(super) fn nfc(s: String) -> String {
    if surely_nfc(&s) || is_nfc_quick(s.chars()) == IsNormalized::Yes {
        return s;
    }
    s.nfc().collect()
}

/// Marks a character the fast check leaves to the general one: its NFC quick
/// check answer is not "yes" alone (it may compose with the character before,
/// or never stands in NFC).
const UNSURE: u8 = u8::MAX;

/// Canonical combining class of U+0600–U+06FF (Arabic) and U+2000–U+207F
/// (general punctuation: marks, spaces, dashes, quotes), or [`UNSURE`].
static TABLE: LazyLock<[[u8; 256]; 2]> = LazyLock::new(|| {
    let mut t = [[UNSURE; 256]; 2];
    for (half, base) in [(0, 0x600u32), (1, 0x2000)] {
        for (i, slot) in t[half].iter_mut().enumerate() {
            if let Some(c) = char::from_u32(base + i as u32) {
                if is_nfc_quick(std::iter::once(c)) == IsNormalized::Yes {
                    *slot = canonical_combining_class(c);
                }
            }
        }
    }
    t
});

/// True when `s` is certainly in NFC: every character below U+0300, Arabic or
/// general punctuation, none unsure, and each run of combining marks in
/// canonical order. False means "not proved" (the general check decides).
fn surely_nfc(s: &str) -> bool {
    let b = s.as_bytes();
    let table = &*TABLE;
    let mut last = 0u8;
    let mut i = 0;
    while i < b.len() {
        let x = b[i];
        let ccc = match x {
            0..=0x7f => {
                i += 1;
                0
            }
            // U+0080–U+02FF: no character there combines or decomposes.
            0xc2..=0xcb if i + 1 < b.len() => {
                i += 2;
                0
            }
            0xd8..=0xdb if i + 1 < b.len() => {
                let u = ((x as usize & 0x1f) << 6) | (b[i + 1] as usize & 0x3f);
                i += 2;
                table[0][u - 0x600]
            }
            // U+2000–U+207F: E2 80 xx and E2 81 xx.
            0xe2 if i + 2 < b.len() && matches!(b[i + 1], 0x80 | 0x81) => {
                let u = ((b[i + 1] as usize & 0x3f) << 6) | (b[i + 2] as usize & 0x3f);
                i += 3;
                table[1][u]
            }
            _ => return false,
        };
        if ccc == UNSURE || (ccc != 0 && ccc < last) {
            return false;
        }
        last = ccc;
    }
    true
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
    /// a Latin combining mark and a few outsiders.
    const ALPHABET: &[char] = &[
        'a', ' ', ',', 'é', '«', 'ا', 'أ', 'ب', 'و', 'ي', '\u{64b}', '\u{64e}', '\u{650}',
        '\u{651}', '\u{652}', '\u{653}', '\u{654}', '\u{655}', '\u{670}', '\u{610}', '\u{6d6}',
        '\u{200b}', '\u{200f}', '\u{2019}', '\u{201c}', '\u{2001}', '\u{301}', 'e', '中', 'Ω',
    ];

    proptest! {
        #![proptest_config(ProptestConfig { cases: 2000, failure_persistence: None, ..ProptestConfig::default() })]

        /// Whatever the fast check proves is NFC, and the result is NFC's.
        #[test]
        fn the_fast_check_never_proves_what_is_not_nfc(
            picks in proptest::collection::vec(0..ALPHABET.len(), 0..12)
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
