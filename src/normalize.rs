//! Normalize stage: Arabic-aware folding for matching. NFKC; tashkeel, tatweel and
//! bidi/zero-width marks removed; alef, ya, ta marbuta, hamza carriers unified;
//! Arabic-Indic digits to ASCII; lowercase. Output text never uses this: it only
//! feeds fingerprints and stop-word counts, so spelling in articles is kept.

use unicode_normalization::{is_nfkc_quick, IsNormalized, UnicodeNormalization};
use unicode_segmentation::UnicodeSegmentation;

/// The normalised form of `text`. Idempotent.
pub fn normalize(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    if is_nfkc_quick(text.chars()) == IsNormalized::Yes {
        text.chars().for_each(|c| fold(c, &mut out));
    } else {
        text.nfkc().for_each(|c| fold(c, &mut out));
    }
    out
}

/// Folds one NFKC character into `out`.
fn fold(c: char, out: &mut String) {
    match c {
        // tashkeel, superscript alef, tatweel
        '\u{064B}'..='\u{065F}' | '\u{0670}' | '\u{0640}' => {}
        // zero-width and bidi controls, BOM
        '\u{200B}'..='\u{200F}'
        | '\u{202A}'..='\u{202E}'
        | '\u{2066}'..='\u{2069}'
        | '\u{FEFF}' => {}
        'أ' | 'إ' | 'آ' | 'ٱ' => out.push('ا'),
        'ى' | 'ئ' => out.push('ي'),
        'ة' => out.push('ه'),
        'ؤ' => out.push('و'),
        // Arabic decimal and thousands separators, as in 3٫5 and 1٬000.
        '٫' => out.push('.'),
        '٬' => out.push(','),
        '٠'..='٩' => out.push(char::from(b'0' + (c as u32 - 0x0660) as u8)),
        '۰'..='۹' => out.push(char::from(b'0' + (c as u32 - 0x06F0) as u8)),
        c if c.is_ascii() => out.push(c.to_ascii_lowercase()),
        c => out.extend(c.to_lowercase()),
    }
}

/// The words of an already normalised text (Unicode word boundaries, UAX #29).
/// Scripts without spaces (Chinese, Japanese) give one word per ideograph run
/// segment rather than collapsing into one token.
pub fn words(normalized: &str) -> impl Iterator<Item = &str> {
    normalized.unicode_words()
}

/// Normalised words of raw text, owned.
pub fn tokens(text: &str) -> Vec<String> {
    words(&normalize(text)).map(str::to_owned).collect()
}

/// True for a word that holds a figure: digits, possibly with separators, units or
/// a letter decimal mark ("19ر12", "5%", "2023م").
pub fn is_number(word: &str) -> bool {
    word.bytes().any(|b| b.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_arabic_variants_and_digits() {
        assert_eq!(normalize("أُسرةٌ"), normalize("اسره"));
        assert_eq!(normalize("إلى"), "الي");
        assert_eq!(normalize("مـــصر"), "مصر");
        assert_eq!(normalize("٢٠٢٤ Année"), "2024 année");
        assert_eq!(normalize("ﻻ"), "لا"); // presentation form via NFKC
    }

    #[test]
    fn idempotent() {
        for s in ["وأُسرفت الآلية", "Ça İstanbul ﬁ", "٣٫٥ مليون", "x\u{200f}y"]
        {
            let once = normalize(s);
            assert_eq!(normalize(&once), once);
        }
    }
}
