//! Normalize stage: Arabic-aware folding for matching. NFKC; tashkeel, tatweel and
//! bidi/zero-width marks removed; alef, ya, ta marbuta, hamza carriers unified;
//! Arabic-Indic digits to ASCII; lowercase. Output text never uses this: it only
//! feeds fingerprints and stop-word counts, so spelling in articles is kept.

use unicode_normalization::{is_nfkc_quick, IsNormalized, UnicodeNormalization};
use unicode_segmentation::UnicodeSegmentation;
use xxhash_rust::xxh3::xxh3_64;

/// The normalised form of `text`. Idempotent.
pub fn normalize(text: &str) -> String {
    if text.is_ascii() {
        return text.to_ascii_lowercase();
    }
    // Fast path: characters that NFKC leaves alone and that compose with nothing
    // (most Arabic, French and English news) are folded as they are. At one it
    // does not handle, the text from the last character before it that nothing
    // composes into to the next such one after it takes NFKC (normalisation
    // restarts at those characters, UAX #15's safe points), and the fast path
    // goes on.
    let mut out = String::with_capacity(text.len());
    let mut from = 0;
    loop {
        let written = out.len();
        let Some(at) = fold_inert(&text[from..], &mut out) else {
            return out;
        };
        // Back to the safe point: the text before it folded again (rarely
        // needed, so not tracked in the fast loop).
        let rest = &text[from..];
        let safe = rest[..at]
            .char_indices()
            .rev()
            .find(|&(_, c)| safe_point(c))
            .map_or(0, |(k, _)| k);
        out.truncate(written);
        fold_inert(&rest[..safe], &mut out);
        let end = next_safe(rest, at);
        let piece = &rest[safe..end];
        if is_nfkc_quick(piece.chars()) == IsNormalized::Yes {
            piece.chars().for_each(|c| fold(c, &mut out));
        } else {
            piece.nfkc().for_each(|c| fold(c, &mut out));
        }
        from += end;
    }
}

/// A character NFKC can restart at: [`nfkc_inert`] and not a mark that folding
/// drops (those may have a combining class, and NFKC reorders them with their
/// neighbours), so that no character before or after it composes with it.
fn safe_point(c: char) -> bool {
    nfkc_inert(c) && !matches!(fold_rule(c), Fold::Drop)
}

/// The byte offset of the first safe point after the character at `at`, or the
/// end of the text.
fn next_safe(text: &str, at: usize) -> usize {
    text[at..]
        .char_indices()
        .skip(1)
        .find(|&(_, c)| safe_point(c))
        .map_or(text.len(), |(k, _)| at + k)
}

/// True for a character that is its own NFKC form and composes with no neighbour
/// (after folding): ASCII, Latin-1 letters, the Arabic letters, digits and marks
/// that folding removes (not the hamza and madda marks, which compose), and common
/// quotes and dashes.
const fn nfkc_inert(c: char) -> bool {
    matches!(c,
        '\0'..='\u{7f}'
        | '\u{c0}'..='\u{ff}'
        | '\u{ab}' | '\u{bb}'
        // © § ¶ ® ° ±, the bullets • and ●, and the bidi embeddings folding drops
        | '\u{a7}' | '\u{a9}' | '\u{ae}' | '\u{b0}' | '\u{b1}' | '\u{b6}'
        | '\u{2022}' | '\u{25cf}'
        | '\u{202a}'..='\u{202e}'
        | '\u{060c}' | '\u{061b}' | '\u{061f}'
        | '\u{0621}'..='\u{0652}'
        | '\u{0656}'..='\u{0674}'
        | '\u{0679}'..='\u{06d5}'
        | '\u{06f0}'..='\u{06f9}'
        | '\u{200b}'..='\u{200f}'
        | '\u{2013}' | '\u{2014}' | '\u{2018}' | '\u{2019}' | '\u{201c}' | '\u{201d}')
}

/// What folding does to one character.
enum Fold {
    Drop,
    To(char),
    Lowercase,
}

/// The folding rule of one NFKC character.
const fn fold_rule(c: char) -> Fold {
    match c {
        // tashkeel, superscript alef, tatweel
        '\u{064B}'..='\u{065F}' | '\u{0670}' | '\u{0640}' => Fold::Drop,
        // zero-width and bidi controls, BOM
        '\u{200B}'..='\u{200F}'
        | '\u{202A}'..='\u{202E}'
        | '\u{2066}'..='\u{2069}'
        | '\u{FEFF}' => Fold::Drop,
        'أ' | 'إ' | 'آ' | 'ٱ' => Fold::To('ا'),
        'ى' | 'ئ' => Fold::To('ي'),
        'ة' => Fold::To('ه'),
        'ؤ' => Fold::To('و'),
        // Arabic decimal and thousands separators, as in 3٫5 and 1٬000.
        '٫' => Fold::To('.'),
        '٬' => Fold::To(','),
        '٠'..='٩' => Fold::To((b'0' + (c as u32 - 0x0660) as u8) as char),
        '۰'..='۹' => Fold::To((b'0' + (c as u32 - 0x06F0) as u8) as char),
        c if c.is_ascii() => Fold::To(c.to_ascii_lowercase()),
        // The rest of the Arabic block has no case: skip the lowercase tables.
        '\u{0600}'..='\u{06FF}' => Fold::To(c),
        _ => Fold::Lowercase,
    }
}

/// Folds one NFKC character into `out`.
fn fold(c: char, out: &mut String) {
    match fold_rule(c) {
        Fold::Drop => {}
        Fold::To(f) => out.push(f),
        Fold::Lowercase => out.extend(c.to_lowercase()),
    }
}

/// Marks a character outside the fast path in [`INERT`].
const NOT_INERT: u16 = u16::MAX;

/// The fast path's folding of U+0080–U+00FF and U+0600–U+06FF, built at compile
/// time from [`nfkc_inert`] and [`fold_rule`]: the code point to write, 0 to drop
/// the character, or [`NOT_INERT`].
const INERT: [[u16; 256]; 2] = {
    let mut t = [[NOT_INERT; 256]; 2];
    let mut i = 0;
    while i < 256 {
        let mut half = 0;
        while half < 2 {
            let code = if half == 0 {
                i as u32
            } else {
                0x600 + i as u32
            };
            if let Some(c) = char::from_u32(code) {
                if nfkc_inert(c) {
                    t[half][i] = match fold_rule(c) {
                        Fold::Drop => 0,
                        Fold::To(f) => f as u16,
                        // Latin-1 capitals (not ×) are 0x20 below their small letter.
                        Fold::Lowercase => match c {
                            'À'..='Þ' if c != '×' => code as u16 + 0x20,
                            _ => code as u16,
                        },
                    };
                }
            }
            half += 1;
        }
        i += 1;
    }
    t
};

/// [`normalize`]'s fast path: folds `text` into `out` byte by byte, the two-byte
/// Latin-1 and Arabic characters from a table, up to the first character that is
/// not [`nfkc_inert`], whose byte offset it returns (`None` when there is none).
/// Runs of characters that fold to themselves (most letters) are copied whole.
fn fold_inert(text: &str, out: &mut String) -> Option<usize> {
    let b = text.as_bytes();
    // Start of the bytes not yet copied, all folding to themselves.
    let mut run = 0;
    let mut i = 0;
    while i < b.len() {
        let x = b[i];
        let (len, unchanged, folded) = match x {
            0..=0x7f => {
                let f = x.to_ascii_lowercase();
                (1, f == x, u16::from(f))
            }
            0xc2..=0xdf if i + 1 < b.len() => {
                let u = two_byte(b, i);
                let f = match u {
                    0x80..=0xff => INERT[0][u],
                    0x600..=0x6ff => INERT[1][u - 0x600],
                    _ => NOT_INERT,
                };
                (2, usize::from(f) == u, f)
            }
            _ => {
                let Some(c) = text[i..].chars().next() else {
                    break;
                };
                if !nfkc_inert(c) {
                    out.push_str(&text[run..i]);
                    return Some(i);
                }
                out.push_str(&text[run..i]);
                fold(c, out);
                i += c.len_utf8();
                run = i;
                continue;
            }
        };
        if folded == NOT_INERT {
            out.push_str(&text[run..i]);
            return Some(i);
        }
        if !unchanged {
            out.push_str(&text[run..i]);
            if let Some(f) = char::from_u32(u32::from(folded)).filter(|_| folded != 0) {
                out.push(f);
            }
            run = i + len;
        }
        i += len;
    }
    out.push_str(&text[run..]);
    None
}

/// The words of an already normalised text (Unicode word boundaries, UAX #29).
/// Scripts without spaces (Chinese, Japanese) give one word per ideograph rather
/// than collapsing into one token.
pub fn words(normalized: &str) -> Words<'_> {
    if all_simple(normalized) {
        Words::Simple(Simple::new(normalized))
    } else {
        Words::Unicode(normalized.unicode_words())
    }
}

/// Bytes of normalised text per word, about: Arabic words of four or five
/// two-byte letters and a space, Latin ones of five letters and a space.
const WORD_BYTES: usize = 8;

/// [`words`], collected, in one pass over text of the common scripts: the
/// written-out rules run first and, should they meet a character they do not
/// handle, the full segmenter starts over (no pass to check the text first).
pub fn word_list(normalized: &str) -> Vec<&str> {
    let mut simple = Simple::new(normalized);
    // Room for words of about five letters and a space, so the list is rarely
    // grown (growing it, copy by copy, showed in profiles).
    let mut list = Vec::with_capacity(normalized.len() / WORD_BYTES + 1);
    list.extend(simple.by_ref());
    if simple.unknown {
        return normalized.unicode_words().collect();
    }
    list
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

/// The code point of the two-byte UTF-8 sequence at `b[i]` (lead byte 0xC2–0xDF,
/// checked by the caller). Latin-1 and Arabic text is made of these, and decoding
/// them by hand is several times faster than `chars()` on the hot paths here.
#[inline]
fn two_byte(b: &[u8], i: usize) -> usize {
    ((b[i] as usize & 0x1f) << 6) | (b[i + 1] as usize & 0x3f)
}

/// True if every character of `text` has a [`word_class`].
fn all_simple(text: &str) -> bool {
    let mut i = 0;
    while i < text.len() {
        match class_at(text, i) {
            (Some(_), len) => i += len,
            (None, _) => return false,
        }
    }
    true
}

/// The class of the character at byte `i` of `text` and its length in bytes.
#[inline(always)]
fn class_at(text: &str, i: usize) -> (Option<Wb>, usize) {
    let b = text.as_bytes();
    match b[i] {
        x @ 0..=0x7f => (TABLE[x as usize], 1),
        0xc2..=0xdf if i + 1 < b.len() => (TABLE[two_byte(b, i)], 2),
        _ => {
            let c = text[i..].chars().next().unwrap_or(' ');
            (word_class(c), c.len_utf8())
        }
    }
}

/// UAX #29 word-break classes of the characters [`Simple`] handles.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
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

/// The class of `c`, or `None` if [`Simple`] does not handle it (the definition;
/// [`word_class`] reads it from tables).
const fn class_of(c: char) -> Option<Wb> {
    Some(match c {
        'a'..='z' | 'A'..='Z' => Wb::Letter,
        '0'..='9' | '\u{0660}'..='\u{0669}' | '\u{06f0}'..='\u{06f9}' => Wb::Numeric,
        '_' => Wb::ExtendNumLet,
        ':' => Wb::MidLetter,
        ',' | ';' | '\u{060c}' => Wb::MidNum,
        '.' | '\'' | '\u{2018}' | '\u{2019}' => Wb::MidNumLet,
        '\0'..='\u{7f}' | '\u{ab}' | '\u{bb}' | '\u{d7}' | '\u{f7}' => Wb::Other,
        '\u{a7}' | '\u{a9}' | '\u{ae}' | '\u{b0}' | '\u{b1}' | '\u{b6}' | '\u{2022}'
        | '\u{25cf}' => Wb::Other,
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

/// [`class_of`] for every character of one or two UTF-8 bytes (U+0000–U+07FF:
/// ASCII, Latin-1, Arabic), the characters of nearly all Latin and Arabic text,
/// built at compile time so a character costs one lookup.
const TABLE: [Option<Wb>; 0x800] = {
    let mut t = [None; 0x800];
    let mut i = 0;
    while i < 0x800 {
        if let Some(c) = char::from_u32(i as u32) {
            t[i] = class_of(c);
        }
        i += 1;
    }
    t
};

/// The class of `c`, or `None` if [`Simple`] does not handle it.
#[inline]
fn word_class(c: char) -> Option<Wb> {
    match c as u32 {
        u @ 0..=0x7ff => TABLE[u as usize],
        _ => class_of(c),
    }
}

/// Words of text whose characters all have a `word_class`.
pub struct Simple<'a> {
    text: &'a str,
    pos: usize,
    /// A character without a [`word_class`] was met (read as a break).
    unknown: bool,
}

impl<'a> Simple<'a> {
    fn new(text: &'a str) -> Self {
        Simple {
            text,
            pos: 0,
            unknown: false,
        }
    }
}

impl<'a> Iterator for Simple<'a> {
    type Item = &'a str;

    fn next(&mut self) -> Option<&'a str> {
        let word = |k: Wb| matches!(k, Wb::Letter | Wb::Numeric | Wb::ExtendNumLet);
        let text = self.text;
        let len = text.len();
        // Noted here and kept once the word is found: a flag in a local costs
        // nothing per character.
        let mut unknown = false;
        let mut class = |i: usize| {
            let (class, l) = class_at(text, i);
            unknown |= class.is_none();
            (class.unwrap_or(Wb::Other), l)
        };
        let found = 'words: loop {
            let mut i = self.pos;
            let start = loop {
                if i >= len {
                    break 'words None;
                }
                let (k, l) = class(i);
                if word(k) {
                    break i;
                }
                i += l;
            };
            let (mut last, mut end) = (Wb::Other, start);
            while i < len {
                let (k, l) = class(i);
                i += l;
                if word(k) {
                    last = k;
                    end = i;
                    continue;
                }
                // A middle mark joins only like with like: letter.letter, 3.5.
                let next = (i < len).then(|| class(i).0);
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
            let w = &text[start..end];
            // Like `unicode_words`: a run of underscores alone is not a word.
            if w.bytes().any(|b| b != b'_') {
                break Some(w);
            }
        };
        self.unknown |= unknown;
        found
    }
}

/// Paragraphs as normalised words, each hashed (xxh3) and flagged if it holds a
/// figure: what fingerprint and canonical read. Strip normalises every block to
/// judge it and leaves the kept paragraphs' tokens in the [`Article`], so a text
/// is normalised once on its way through the pipeline.
///
/// It is a cache: each paragraph's tokens are keyed by a hash of its text and
/// only reused while the text is unchanged ([`Tokens::for_paragraphs`]), so code
/// that edits `Article::paragraphs` needs not care. Any two compare equal.
///
/// [`Article`]: crate::Article
#[derive(Debug, Clone, Default)]
pub struct Tokens {
    /// xxh3 of each normalised word, all paragraphs in reading order.
    pub(crate) hashes: Vec<u64>,
    /// Whether each word holds a figure ([`is_number`]).
    pub(crate) numeric: Vec<bool>,
    /// Each paragraph's words, as a range of `hashes`.
    pub(crate) spans: Vec<std::ops::Range<usize>>,
    /// xxh3 of each paragraph's text: the key the cache is checked by.
    texts: Vec<u64>,
}

impl PartialEq for Tokens {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

impl Eq for Tokens {}

impl Tokens {
    /// Adds a paragraph given its normalised words.
    fn push<'a>(&mut self, text: &str, words: impl IntoIterator<Item = &'a str>) {
        let words: Vec<&str> = words.into_iter().collect();
        let hashes: Vec<u64> = words.iter().map(|w| word_hash(w)).collect();
        self.push_hashed(text, &words, &hashes);
    }

    /// Adds a paragraph given its normalised words and their xxh3 hashes.
    pub(crate) fn push_hashed(&mut self, text: &str, words: &[&str], hashes: &[u64]) {
        let start = self.hashes.len();
        self.hashes.extend_from_slice(hashes);
        self.numeric.extend(words.iter().map(|w| is_number(w)));
        self.spans.push(start..self.hashes.len());
        self.texts.push(xxh3_64(text.as_bytes()));
    }

    /// Normalises, splits and hashes paragraphs.
    pub fn of_paragraphs<'a>(paragraphs: impl IntoIterator<Item = &'a str>) -> Tokens {
        let mut t = Tokens::default();
        for p in paragraphs {
            t.push(p, words(&normalize(p)));
        }
        t
    }

    /// The tokens of `paragraphs`: each paragraph whose text is unchanged is taken
    /// from this cache (in order, so dropped or truncated paragraphs are skipped),
    /// any other is normalised afresh.
    pub fn for_paragraphs(&self, paragraphs: &[String]) -> Tokens {
        let mut t = Tokens::default();
        let mut next = 0;
        for p in paragraphs {
            let key = xxh3_64(p.as_bytes());
            match self.texts[next..].iter().position(|&k| k == key) {
                Some(off) => {
                    let j = next + off;
                    let span = self.spans[j].clone();
                    let start = t.hashes.len();
                    t.hashes.extend_from_slice(&self.hashes[span.clone()]);
                    t.numeric.extend_from_slice(&self.numeric[span]);
                    t.spans.push(start..t.hashes.len());
                    t.texts.push(key);
                    next = j + 1;
                }
                None => t.push(p, words(&normalize(p))),
            }
        }
        t
    }

    /// Number of paragraphs.
    pub fn len(&self) -> usize {
        self.spans.len()
    }

    /// True if there are no paragraphs.
    pub fn is_empty(&self) -> bool {
        self.spans.is_empty()
    }
}

/// The hash of one normalised word (xxh3). Strip, the token cache, the stop-word
/// index and the fingerprint must hash words alike; this is the one place they do.
#[inline]
pub fn word_hash(word: &str) -> u64 {
    xxh3_64(word.as_bytes())
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
    fn inert_characters_are_nfkc_and_start_no_composition() {
        // Quick check "yes" alone (a "maybe" may compose with what precedes it)
        // and combining class 0, or a mark folding drops (where NFKC puts it
        // among its neighbours does not matter): such text folds as it is.
        use unicode_normalization::char::canonical_combining_class;
        for c in (0..0x3_0000)
            .filter_map(char::from_u32)
            .filter(|&c| nfkc_inert(c))
        {
            assert_eq!(
                is_nfkc_quick(std::iter::once(c)),
                IsNormalized::Yes,
                "{c:?}"
            );
            let dropped = matches!(fold_rule(c), Fold::Drop);
            assert!(canonical_combining_class(c) == 0 || dropped, "{c:?}");
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

    use proptest::prelude::*;

    /// Characters around the fast paths' edges: ASCII, Latin-1 (capitals, ×, ÷,
    /// «», nbsp), Arabic letters, marks, digits and separators, hamza and madda
    /// (which compose), zero-width marks, quotes, dashes, and a few outsiders.
    const ALPHABET: &[char] = &[
        'a', 'Z', '0', '9', ' ', '.', ',', ':', ';', '\'', '_', '-', '%', 'À', 'É', 'Þ', 'ß', 'é',
        'ÿ', '×', '÷', '«', '»', '\u{a0}', 'µ', 'ا', 'أ', 'إ', 'آ', 'ٱ', 'ى', 'ئ', 'ة', 'ؤ', 'ب',
        'ي', 'و', 'ه', 'ـ', '\u{64b}', '\u{650}', '\u{652}', '\u{653}', '\u{654}', '\u{670}', '٠',
        '٩', '۰', '٫', '٬', '٪', '،', '؛', '؟', '۔', 'ە', 'ٹ', '\u{200b}', '\u{200f}', '‘', '’',
        '“', '”', '–', '—', 'ﻻ', 'İ', 'ﬁ', '中', 'Ω', '©', '®', '§', '¶', '°', '±', '•', '●',
        '\u{202b}', '\u{202c}', '\u{200d}', '\u{b7}', '…', 'ﻷ', '\u{651}',
    ];

    proptest! {
        #![proptest_config(ProptestConfig { cases: 2000, failure_persistence: None, ..ProptestConfig::default() })]

        /// The fast paths give what the definitions give: folding character by
        /// character after NFKC, and the Unicode word segmenter.
        #[test]
        fn fast_paths_agree_with_the_definitions(
            picks in proptest::collection::vec(0..ALPHABET.len(), 0..30)
        ) {
            let text: String = picks.iter().map(|&i| ALPHABET[i]).collect();
            let mut slow = String::new();
            text.nfkc().for_each(|c| fold(c, &mut slow));
            prop_assert_eq!(normalize(&text), slow.clone());
            let fast: Vec<&str> = words(&slow).collect();
            let full: Vec<&str> = slow.unicode_words().collect();
            prop_assert_eq!(&word_list(&slow), &full);
            prop_assert_eq!(fast, full);
        }
    }
}
