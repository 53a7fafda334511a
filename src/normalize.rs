//! Normalize stage: Arabic-aware folding for matching. NFKC; tashkeel, tatweel and
//! bidi/zero-width marks removed; alef, ya, ta marbuta, hamza carriers unified;
//! Arabic-Indic digits to ASCII; lowercase. Output text never uses this: it only
//! feeds fingerprints and stop-word counts, so spelling in articles is kept.

use unicode_normalization::{is_nfkc_quick, IsNormalized, UnicodeNormalization};
use unicode_segmentation::UnicodeSegmentation;

/// The normalised form of `text`. Idempotent.
pub fn normalize(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    // Fast path: text made only of characters that NFKC leaves alone and that
    // compose with nothing (most Arabic, French and English news) is folded as is.
    if text.chars().all(nfkc_inert) {
        text.chars().for_each(|c| fold(c, &mut out));
    } else if is_nfkc_quick(text.chars()) == IsNormalized::Yes {
        text.chars().for_each(|c| fold(c, &mut out));
    } else {
        text.nfkc().for_each(|c| fold(c, &mut out));
    }
    out
}

/// True for a character that is its own NFKC form and composes with no neighbour
/// (after folding): ASCII, Latin-1 letters, the Arabic letters, digits and marks
/// that folding removes (not the hamza and madda marks, which compose), and common
/// quotes and dashes.
fn nfkc_inert(c: char) -> bool {
    matches!(c,
        '\0'..='\u{7f}'
        | '\u{c0}'..='\u{ff}'
        | '\u{ab}' | '\u{bb}'
        | '\u{060c}' | '\u{061b}' | '\u{061f}'
        | '\u{0621}'..='\u{0652}'
        | '\u{0656}'..='\u{0674}'
        | '\u{0679}'..='\u{06d5}'
        | '\u{06f0}'..='\u{06f9}'
        | '\u{200b}'..='\u{200f}'
        | '\u{2013}' | '\u{2014}' | '\u{2018}' | '\u{2019}' | '\u{201c}' | '\u{201d}')
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
        // The rest of the Arabic block has no case: skip the lowercase tables.
        '\u{0600}'..='\u{06FF}' => out.push(c),
        c => out.extend(c.to_lowercase()),
    }
}

/// The words of an already normalised text (Unicode word boundaries, UAX #29).
/// Scripts without spaces (Chinese, Japanese) give one word per ideograph rather
/// than collapsing into one token.
pub fn words(normalized: &str) -> Words<'_> {
    if normalized.chars().all(|c| word_class(c).is_some()) {
        Words::Simple(Simple {
            text: normalized,
            pos: 0,
        })
    } else {
        Words::Unicode(normalized.unicode_words())
    }
}

/// Word iterator: UAX #29 rules written out for the common scripts (same words,
/// several times faster), the full segmenter for anything else.
pub enum Words<'a> {
    /// ASCII, Latin-1 and Arabic text.
    Simple(Simple<'a>),
    /// Any other text.
    Unicode(unicode_segmentation::UnicodeWords<'a>),
}

impl<'a> Iterator for Words<'a> {
    type Item = &'a str;

    fn next(&mut self) -> Option<&'a str> {
        match self {
            Words::Simple(s) => s.next(),
            Words::Unicode(u) => u.next(),
        }
    }
}

/// UAX #29 word-break classes of the characters [`Simple`] handles.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Wb {
    Letter,
    Numeric,
    /// `_`: joins letters and numbers on both sides.
    ExtendNumLet,
    /// `:` joins letters.
    MidLetter,
    /// `,` `;` `،` join numbers.
    MidNum,
    /// `.` `'` `’` join letters and numbers.
    MidNumLet,
    /// Spaces and other punctuation: breaks.
    Other,
}

/// The class of `c`, or `None` if [`Simple`] does not handle it.
fn word_class(c: char) -> Option<Wb> {
    Some(match c {
        'a'..='z' | 'A'..='Z' => Wb::Letter,
        '0'..='9' | '\u{0660}'..='\u{0669}' | '\u{06f0}'..='\u{06f9}' => Wb::Numeric,
        '_' => Wb::ExtendNumLet,
        ':' => Wb::MidLetter,
        ',' | ';' | '\u{060c}' => Wb::MidNum,
        '.' | '\'' | '\u{2018}' | '\u{2019}' => Wb::MidNumLet,
        '\0'..='\u{7f}' | '\u{ab}' | '\u{bb}' | '\u{d7}' | '\u{f7}' => Wb::Other,
        '\u{061b}' | '\u{061f}' | '\u{06d4}' | '\u{2013}' | '\u{2014}' | '\u{201c}'
        | '\u{201d}' => Wb::Other,
        '\u{c0}'..='\u{ff}'
        | '\u{0620}'..='\u{064a}'
        | '\u{066e}'..='\u{066f}'
        | '\u{0671}'..='\u{06d3}'
        | '\u{06d5}' => Wb::Letter,
        _ => return None,
    })
}

/// Words of text whose characters all have a [`word_class`].
pub struct Simple<'a> {
    text: &'a str,
    pos: usize,
}

impl<'a> Iterator for Simple<'a> {
    type Item = &'a str;

    fn next(&mut self) -> Option<&'a str> {
        let class = |c: char| word_class(c).unwrap_or(Wb::Other);
        let word = |k: Wb| matches!(k, Wb::Letter | Wb::Numeric | Wb::ExtendNumLet);
        loop {
            let rest = &self.text[self.pos..];
            let skip = rest.find(|c| word(class(c)))?;
            let start = self.pos + skip;
            let mut chars = self.text[start..].char_indices().peekable();
            let mut last = Wb::Other;
            let mut end = start;
            while let Some((i, c)) = chars.next() {
                let k = class(c);
                if word(k) {
                    last = k;
                    end = start + i + c.len_utf8();
                    continue;
                }
                // A middle mark joins only like with like: letter.letter, 3.5.
                let next = chars.peek().map(|&(_, n)| class(n));
                let joins = matches!(
                    (last, k, next),
                    (Wb::Letter, Wb::MidLetter | Wb::MidNumLet, Some(Wb::Letter))
                        | (Wb::Numeric, Wb::MidNum | Wb::MidNumLet, Some(Wb::Numeric))
                );
                if !joins {
                    break;
                }
            }
            self.pos = end;
            let w = &self.text[start..end];
            // Like `unicode_words`: a run of underscores alone is not a word.
            if w.bytes().any(|b| b != b'_') {
                return Some(w);
            }
        }
    }
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
    fn simple_words_match_the_unicode_segmenter() {
        let samples = [
            "l'école a 3.5 km, 1,000 gens: e.g. u.s. a_b __ x:y 12:30 5,a a.5",
            "نشر في هسبريس يوم 26 ديسمبر 2023، قال: «الأمن» 3،5 مليون؟ 19ر12 - نعم.",
            "end. ‘quote’ “double” — dash ’s a'b' 'c 2.x x.2 __a_1 _",
            "é à ç ÿ ×÷ «ab» aé1b",
        ];
        for s in samples {
            let n = normalize(s);
            let fast: Vec<&str> = words(&n).collect();
            assert!(matches!(words(&n), Words::Simple(_)), "{s}");
            let full: Vec<&str> = n.unicode_words().collect();
            assert_eq!(fast, full, "{s}");
        }
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
