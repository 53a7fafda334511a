//! Normalize stage: Arabic-aware folding for matching. NFKC; tashkeel, tatweel and
//! bidi/zero-width marks removed; alef, ya, ta marbuta, hamza carriers unified;
//! Arabic-Indic digits to ASCII; lowercase. Output text never uses this: it only
//! feeds fingerprints and stop-word counts, so spelling in articles is kept.

use std::borrow::Cow;
use std::sync::LazyLock;

use unicode_normalization::char::canonical_combining_class;
use unicode_normalization::{is_nfkc_quick, IsNormalized, UnicodeNormalization};
use unicode_segmentation::UnicodeSegmentation;
use xxhash_rust::xxh3::xxh3_64;

/// The normalised form of `text`. Idempotent.
pub fn normalize(text: &str) -> String {
    if text.is_ascii() {
        return text.to_ascii_lowercase();
    }
    // Fast path: characters that NFKC leaves alone and that compose with nothing
    // (most news in the common scripts) are folded as they are; the pieces
    // around the others take NFKC.
    let mut out = String::with_capacity(text.len());
    by_pieces(
        text,
        &mut out,
        (fold_inert, false),
        safe_point,
        |piece, out| {
            if is_nfkc_quick(piece.chars()) == IsNormalized::Yes {
                piece.chars().for_each(|c| fold(c, out));
            } else {
                piece.nfkc().for_each(|c| fold(c, out));
            }
        },
    );
    out
}

/// Writes a normal form of `text` into `out` piece by piece. `fast` writes the
/// text it can prove needs nothing more than it does, up to the first character
/// it cannot, whose offset it returns (`None` at the end); `copies` says it
/// writes that text unchanged. The text from the last `safe` character before
/// that one to the next after it goes to `slow`, and `fast` goes on.
/// Normalisation may restart at a character that is a starter and composes with
/// nothing before it (UAX #15's safe points), so the pieces give the form of
/// the whole.
pub(crate) fn by_pieces(
    text: &str,
    out: &mut String,
    (fast, copies): (impl Fn(&str, &mut String) -> Option<usize>, bool),
    safe: impl Fn(char) -> bool,
    slow: impl Fn(&str, &mut String),
) {
    let mut from = 0;
    loop {
        let written = out.len();
        let Some(at) = fast(&text[from..], out) else {
            return;
        };
        // Back to the safe point: a copy is cut there; a changed text is
        // written again up to it (not tracked in the fast loop).
        let rest = &text[from..];
        let start = rest[..at]
            .char_indices()
            .rev()
            .find(|&(_, c)| safe(c))
            .map_or(0, |(k, _)| k);
        if copies {
            out.truncate(written + start);
        } else {
            out.truncate(written);
            fast(&rest[..start], out);
        }
        let end = rest[at..]
            .char_indices()
            .skip(1)
            .find(|&(_, c)| safe(c))
            .map_or(rest.len(), |(k, _)| at + k);
        slow(&rest[start..end], out);
        from += end;
    }
}

/// A character NFKC can restart at: [`inert`] and not a mark that folding
/// drops (those may have a combining class, and NFKC reorders them with their
/// neighbours), so that no character before or after it composes with it.
fn safe_point(c: char) -> bool {
    inert(c) && !matches!(fold_rule(c), Fold::Drop)
}

/// True for a character that is its own NFKC form and that nothing before it
/// composes with, so NFKC leaves it alone whatever its neighbours: a BMP
/// character set in [`STABLE`].
#[inline]
fn inert(c: char) -> bool {
    let u = c as usize;
    STABLE.get(u / 64).is_some_and(|w| w >> (u % 64) & 1 == 1)
}

/// One bit per BMP character, set for a starter (combining class 0) whose NFKC
/// quick check is "yes" (UAX #15's stable code points) and for [`nfkc_inert`]'s
/// marks that folding removes (built once from the normalisation tables).
static STABLE: LazyLock<Vec<u64>> = LazyLock::new(|| {
    let mut bits = vec![0u64; 0x1_0000 / 64];
    for c in (0..0x1_0000u32).filter_map(char::from_u32) {
        let once = std::iter::once(c);
        let stable = is_nfkc_quick(once) == IsNormalized::Yes && canonical_combining_class(c) == 0;
        if stable || nfkc_inert(c) {
            bits[c as usize / 64] |= 1 << (c as usize % 64);
        }
    }
    bits
});

/// The characters of [`inert`] known without the tables: ASCII, Latin-1 letters,
/// the Arabic letters, digits and marks that folding removes (not the hamza and
/// madda marks, which compose), and common quotes and dashes. The marks have a
/// combining class, so only this list puts them in [`STABLE`].
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

/// Marks a character outside the fast path in [`TWO_BYTE`].
const NOT_INERT: u16 = u16::MAX;

/// The fast path's folding of every two-byte character (U+0080–U+07FF: Latin,
/// Greek, Cyrillic, Hebrew, Arabic), built once from [`inert`] and
/// [`fold_rule`]: the code point to write, 0 to drop the character, or
/// [`NOT_INERT`] (also for a lowercase of more than one character).
static TWO_BYTE: LazyLock<[u16; 0x800]> = LazyLock::new(|| {
    let mut t = [NOT_INERT; 0x800];
    for (u, slot) in t.iter_mut().enumerate().skip(0x80) {
        let Some(c) = char::from_u32(u as u32).filter(|&c| inert(c)) else {
            continue;
        };
        let mut out = String::new();
        fold(c, &mut out);
        let mut folded = out.chars();
        *slot = match (folded.next(), folded.next()) {
            (None, _) => 0,
            (Some(f), None) if (f as u32) < 0x1_0000 => f as u16,
            _ => NOT_INERT,
        };
    }
    t
});

/// [`normalize`]'s fast path: folds `text` into `out` byte by byte, the two-byte
/// characters from [`TWO_BYTE`], up to the first character that is not
/// [`inert`], whose byte offset it returns (`None` when there is none).
/// Runs of characters that fold to themselves (most letters) are copied whole.
fn fold_inert(text: &str, out: &mut String) -> Option<usize> {
    let b = text.as_bytes();
    let two = &*TWO_BYTE;
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
            // `i` is at a character's first byte of UTF-8 text: below 0xE0, a
            // lead byte starts two bytes.
            0x80..=0xdf => {
                let u = two_byte(b, i);
                let f = two[u];
                if f == NOT_INERT {
                    out.push_str(&text[run..i]);
                    return Some(i);
                }
                (2, usize::from(f) == u, f)
            }
            _ => {
                let Some(c) = text[i..].chars().next() else {
                    break;
                };
                out.push_str(&text[run..i]);
                if !inert(c) {
                    return Some(i);
                }
                fold(c, out);
                i += c.len_utf8();
                run = i;
                continue;
            }
        };
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
pub fn words(normalized: &str) -> std::vec::IntoIter<&str> {
    word_list(normalized).into_iter()
}

/// Bytes of normalised text per word, about: Arabic words of four or five
/// two-byte letters and a space, Latin ones of five letters and a space.
const WORD_BYTES: usize = 8;

/// [`words`], collected: UAX #29's rules written out for the common scripts
/// (`Splitter`, several times faster than the full segmenter, which reads any
/// other text).
pub fn word_list(normalized: &str) -> Vec<&str> {
    let mut again = String::with_capacity(normalized.len());
    let mut split = Splitter::default();
    if fold_and_split(normalized, &mut again, &mut split) {
        // Folding a normalised text gives it back: the words are its own.
        debug_assert_eq!(again, normalized);
        return words_in(normalized, &split.words);
    }
    normalized.unicode_words().collect()
}

/// One word of a normalised text, as [`normalize_split`] finds it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Word {
    /// Its byte range in the normalised text.
    pub range: std::ops::Range<usize>,
    /// Whether it holds a figure ([`is_number`]).
    pub numeric: bool,
}

/// The text of `words`, found in `normalized`.
pub fn words_in<'a>(normalized: &'a str, words: &[Word]) -> Vec<&'a str> {
    words.iter().map(|w| &normalized[w.range.clone()]).collect()
}

/// [`normalize`] and then [`word_list`], the words as byte ranges of the
/// normalised text. Text of the common scripts is folded and split in one pass
/// over its characters (each of one or two bytes costs one lookup in `FUSED`);
/// text with a character that pass does not handle (one NFKC changes, one without
/// a word class) takes the two passes.
pub fn normalize_split(text: &str) -> (String, Vec<Word>) {
    let mut out = String::with_capacity(text.len());
    let mut split = Splitter::default();
    if fold_and_split(text, &mut out, &mut split) {
        return (out, split.words);
    }
    let normalized = normalize(text);
    let base = normalized.as_ptr() as usize;
    let words = word_list(&normalized)
        .into_iter()
        .map(|w| {
            let at = w.as_ptr() as usize - base;
            Word {
                range: at..at + w.len(),
                numeric: is_number(w),
            }
        })
        .collect();
    (normalized, words)
}

/// [`fold_inert`] and [`Splitter`] in one pass: folds `text` into `out` and its
/// words into `split`; false at the first character either would hand on (not
/// inert, or without a word class), leaving `out` and `split` unfinished.
fn fold_and_split(text: &str, out: &mut String, split: &mut Splitter) -> bool {
    let b = text.as_bytes();
    let fused = &*FUSED;
    let classes = &*CLASSES;
    split.words.reserve(text.len() / WORD_BYTES + 1);
    // Start of the bytes not yet copied, all folding to themselves.
    let mut run = 0;
    let mut i = 0;
    while i < b.len() {
        let (len, u) = match b[i] {
            x @ 0..=0x7f => (1, usize::from(x)),
            // `i` is at a character's first byte of UTF-8 text: below 0xE0, a
            // lead byte starts two bytes.
            0x80..=0xdf => (2, two_byte(b, i)),
            _ => (0, 0),
        };
        let (f, k) = fused[u];
        if len == 0 || f == NOT_INERT {
            // Any other character, folded by itself.
            let Some(c) = text[i..].chars().next() else {
                return false;
            };
            out.push_str(&text[run..i]);
            if !fold_alone(c, out, split, classes) {
                return false;
            }
            i += c.len_utf8();
            run = i;
            continue;
        }
        // Where the folded character goes in `out`.
        let at = out.len() + (i - run);
        if usize::from(f) != u {
            out.push_str(&text[run..i]);
            run = i + len;
            if f != 0 {
                let Some(c) = char::from_u32(u32::from(f)) else {
                    return false;
                };
                if !split.step(k, at, c.len_utf8()) {
                    return false;
                }
                out.push(c);
            }
        } else if !split.step(k, at, len) {
            return false;
        }
        i += len;
        // Most of a word is letters after a letter, each folding to itself: they
        // only move the word's end.
        if split.open && split.mid == Wb::Other {
            let last = split.last;
            while i < b.len() {
                let (len, u) = match b[i] {
                    x @ 0..=0x7f => (1, usize::from(x)),
                    0x80..=0xdf => (2, two_byte(b, i)),
                    _ => break,
                };
                let (f, k) = fused[u];
                if usize::from(f) != u || k != last {
                    break;
                }
                i += len;
            }
            split.end = out.len() + (i - run);
        }
    }
    out.push_str(&text[run..]);
    split.mid = Wb::Other;
    split.finish();
    true
}

/// Folds one character that [`FUSED`] does not give into `out` and its words
/// into `split`: an [`inert`] character as it is, another by its NFKC when
/// that is all inert characters (a no-break space, "…", a ligature): such a
/// character composes with nothing (NFKC's quick check says "no", not
/// "maybe"), nor does what it stands for. False for any other.
fn fold_alone(c: char, out: &mut String, split: &mut Splitter, classes: &[Wb; 0x800]) -> bool {
    let from = out.len();
    if inert(c) {
        fold(c, out);
    } else {
        let nfkc: String = std::iter::once(c).nfkc().collect();
        if is_nfkc_quick(std::iter::once(c)) != IsNormalized::No || !nfkc.chars().all(inert) {
            return false;
        }
        nfkc.chars().for_each(|d| fold(d, out));
    }
    out[from..].char_indices().all(|(at, f)| {
        let k = classes
            .get(f as usize)
            .copied()
            .unwrap_or_else(|| class_of(f));
        split.step(k, from + at, f.len_utf8())
    })
}

/// UAX #29's word rules for the classes of [`Wb`], as a machine fed one
/// character at a time (its class, offset and length in the normalised text).
struct Splitter {
    words: Vec<Word>,
    /// A word is being read.
    open: bool,
    /// Its start, and whether all of it so far is `_`.
    start: usize,
    only_underscores: bool,
    /// Whether it holds a digit (in folded text, the only characters of
    /// class [`Wb::Numeric`] are ASCII digits: [`is_number`]).
    digit: bool,
    /// Class of its last letter or digit.
    last: Wb,
    /// Its end so far.
    end: usize,
    /// A middle mark after it, waiting for the next character ([`Wb::Other`]
    /// for none).
    mid: Wb,
}

impl Default for Splitter {
    fn default() -> Self {
        Splitter {
            words: Vec::new(),
            open: false,
            start: 0,
            only_underscores: false,
            digit: false,
            last: Wb::Other,
            end: 0,
            mid: Wb::Other,
        }
    }
}

impl Splitter {
    /// Takes the next character; false for one without a class.
    #[inline(always)]
    fn step(&mut self, k: Wb, at: usize, len: usize) -> bool {
        // Most characters go on a word: a letter after a letter.
        if self.open && k == self.last && self.mid == Wb::Other {
            self.end = at + len;
            return true;
        }
        self.step_other(k, at, len)
    }

    /// [`Splitter::step`] for any other character.
    #[inline(always)]
    fn step_other(&mut self, k: Wb, at: usize, len: usize) -> bool {
        if self.mid != Wb::Other {
            let mid = std::mem::replace(&mut self.mid, Wb::Other);
            // A middle mark joins only like with like: letter.letter, 3.5.
            let joins = matches!(
                (self.last, mid, k),
                (Wb::Letter, Wb::MidLetter | Wb::MidNumLet, Wb::Letter)
                    | (Wb::Numeric, Wb::MidNum | Wb::MidNumLet, Wb::Numeric)
            );
            if joins {
                self.end = at + len;
                return true;
            }
            self.finish();
        }
        match k {
            Wb::Letter | Wb::Numeric | Wb::ExtendNumLet => {
                let underscore = k == Wb::ExtendNumLet;
                if self.open {
                    self.only_underscores &= underscore;
                } else {
                    (self.open, self.start, self.only_underscores) = (true, at, underscore);
                    self.digit = false;
                }
                self.digit |= k == Wb::Numeric;
                self.last = k;
                self.end = at + len;
            }
            Wb::MidLetter | Wb::MidNum | Wb::MidNumLet if self.open => self.mid = k,
            Wb::Unknown => return false,
            _ => {
                self.finish();
                if k == Wb::Alone {
                    self.words.push(Word {
                        range: at..at + len,
                        numeric: false,
                    });
                }
            }
        }
        true
    }

    /// Ends the word being read, if any. Like `unicode_words`: a run of
    /// underscores alone is not a word.
    #[inline(always)]
    fn finish(&mut self) {
        if self.open && !self.only_underscores {
            self.words.push(Word {
                range: self.start..self.end,
                numeric: self.digit,
            });
        }
        self.open = false;
        self.last = Wb::Other;
    }
}

/// The fast pass's table for every character of one or two UTF-8 bytes: its
/// folding (as [`TWO_BYTE`], ASCII lowercased) and the class of what it folds
/// to (built once).
static FUSED: LazyLock<[(u16, Wb); 0x800]> = LazyLock::new(|| {
    let mut t = [(NOT_INERT, Wb::Unknown); 0x800];
    for (u, slot) in t.iter_mut().enumerate() {
        let f = if u < 0x80 {
            u16::from((u as u8).to_ascii_lowercase())
        } else {
            TWO_BYTE[u]
        };
        // A dropped character (0, but for NUL itself) has no class: it is
        // not read.
        let class = match char::from_u32(u32::from(f)) {
            Some(c) if f != NOT_INERT && (f != 0 || u == 0) => class_of(c),
            _ => Wb::Unknown,
        };
        *slot = (f, class);
    }
    t
});

/// The code point (below 0x800) of the two-byte UTF-8 sequence at `b[i]` (the
/// caller is at a character's first byte, 0xC2–0xDF). Most letters outside ASCII are made of
/// these, and decoding them by hand is several times faster than `chars()` on
/// the hot paths here.
#[inline]
fn two_byte(b: &[u8], i: usize) -> usize {
    ((b[i] as usize & 0x1f) << 6) | (b[i + 1] as usize & 0x3f)
}

/// UAX #29 word-break classes of the characters [`Splitter`] handles.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Wb {
    Letter,
    Numeric,
    /// `_`: joins letters and numbers on both sides.
    ExtendNumLet,
    /// `:` `·` join letters.
    MidLetter,
    /// `,` `;` `،` join numbers.
    MidNum,
    /// `.` `'` `’` join letters and numbers.
    MidNumLet,
    /// Spaces and other punctuation: breaks.
    Other,
    /// A word by itself, breaking from both neighbours: Chinese and Japanese
    /// ideographs and kana, which UAX #29 leaves to a dictionary.
    Alone,
    /// Not handled: the full segmenter reads the text.
    Unknown,
}

/// The class of `c`. Letters outside ASCII, Latin-1 and Arabic are the
/// alphabetic characters of blocks whose letters UAX #29 calls ALetter, with
/// no other rule (Latin Extended, IPA, Greek, Cyrillic, Latin Extended
/// Additional); what else those blocks hold (signs, combining marks) is left
/// to the full segmenter.
fn class_of(c: char) -> Wb {
    match c {
        'a'..='z' | 'A'..='Z' => Wb::Letter,
        '0'..='9' | '\u{0660}'..='\u{0669}' | '\u{06f0}'..='\u{06f9}' => Wb::Numeric,
        '_' => Wb::ExtendNumLet,
        ':' | '\u{b7}' | '\u{387}' => Wb::MidLetter,
        ',' | ';' | '\u{060c}' | '\u{37e}' => Wb::MidNum,
        '.' | '\'' | '\u{2018}' | '\u{2019}' => Wb::MidNumLet,
        '\0'..='\u{7f}' | '\u{ab}' | '\u{bb}' | '\u{d7}' | '\u{f7}' => Wb::Other,
        '\u{a7}' | '\u{a9}' | '\u{ae}' | '\u{b0}' | '\u{b1}' | '\u{b6}' | '\u{2022}'
        | '\u{25cf}' => Wb::Other,
        '\u{061b}' | '\u{061f}' | '\u{06d4}' | '\u{2013}' | '\u{2014}' | '\u{201c}'
        | '\u{201d}' => Wb::Other,
        // Signs and punctuation that break words: Latin-1's currency and
        // inverted marks; dashes, quotes, daggers and angle quotes (not the
        // leaders, the hyphenation point, the fraction slash or the undertie,
        // which join); currency; arrows, mathematical and technical signs,
        // shapes, symbols and dingbats; CJK brackets and stops. Not the
        // numbers among them (circled digits): each of those is a word.
        '\u{a1}'..='\u{a6}'
        | '\u{ac}'
        | '\u{bf}'
        | '\u{2010}'..='\u{2017}'
        | '\u{201a}'..='\u{2023}'
        | '\u{2025}'
        | '\u{2026}'
        | '\u{2030}'..='\u{203e}'
        | '\u{2041}'..='\u{2043}'
        | '\u{2045}'..='\u{2053}'
        | '\u{2055}'..='\u{205e}'
        | '\u{20a0}'..='\u{20c0}'
        | '\u{2190}'..='\u{23ff}'
        | '\u{25a0}'..='\u{27bf}'
        | '\u{3001}'..='\u{3003}'
        | '\u{3008}'..='\u{3011}'
        | '\u{3014}'..='\u{301f}'
            if !c.is_alphanumeric() =>
        {
            Wb::Other
        }
        '\u{c0}'..='\u{ff}'
        | '\u{0620}'..='\u{064a}'
        | '\u{066e}'..='\u{066f}'
        | '\u{0671}'..='\u{06d3}'
        | '\u{06d5}' => Wb::Letter,
        '\u{100}'..='\u{2af}'
        | '\u{370}'..='\u{3ff}'
        | '\u{400}'..='\u{52f}'
        | '\u{1e00}'..='\u{1eff}'
            if c.is_alphabetic() =>
        {
            Wb::Letter
        }
        '\u{3041}'..='\u{3096}' | '\u{3400}'..='\u{4dbf}' | '\u{4e00}'..='\u{9fff}'
            if c.is_alphabetic() =>
        {
            Wb::Alone
        }
        _ => Wb::Unknown,
    }
}

/// [`class_of`] for every character of one or two UTF-8 bytes (U+0000–U+07FF:
/// ASCII, Latin, Greek, Cyrillic, Arabic), the characters of nearly all the
/// text read, so that such a character costs one lookup (built once).
static CLASSES: LazyLock<[Wb; 0x800]> = LazyLock::new(|| {
    let mut t = [Wb::Unknown; 0x800];
    for (u, slot) in t.iter_mut().enumerate() {
        if let Some(c) = char::from_u32(u as u32) {
            *slot = class_of(c);
        }
    }
    t
});

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
    /// Adds a paragraph: normalises, splits and hashes it.
    fn push(&mut self, text: &str) {
        let (normalized, words) = normalize_split(text);
        let hashes: Vec<u64> = words_in(&normalized, &words)
            .iter()
            .map(|w| word_hash(w))
            .collect();
        self.push_hashed(text, &hashes, &words);
    }

    /// Room for `paragraphs` more paragraphs of `words` words in all, exactly:
    /// tokens are kept with their article, and growing by doubling would leave
    /// up to half of what they hold unused.
    pub(crate) fn reserve_exact(&mut self, paragraphs: usize, words: usize) {
        self.hashes.reserve_exact(words);
        self.numeric.reserve_exact(words);
        self.spans.reserve_exact(paragraphs);
        self.texts.reserve_exact(paragraphs);
    }

    /// Adds a paragraph given its words and their xxh3 hashes.
    pub(crate) fn push_hashed(&mut self, text: &str, hashes: &[u64], words: &[Word]) {
        let start = self.hashes.len();
        self.hashes.extend_from_slice(hashes);
        self.numeric.extend(words.iter().map(|w| w.numeric));
        self.spans.push(start..self.hashes.len());
        self.texts.push(xxh3_64(text.as_bytes()));
    }

    /// Normalises, splits and hashes paragraphs.
    pub fn of_paragraphs<'a>(paragraphs: impl IntoIterator<Item = &'a str>) -> Tokens {
        let mut t = Tokens::default();
        for p in paragraphs {
            t.push(p);
        }
        t
    }

    /// The tokens of `paragraphs`: each paragraph whose text is unchanged is taken
    /// from this cache (in order, so dropped or truncated paragraphs are skipped),
    /// any other is normalised afresh. The cache itself, not a copy, when it holds
    /// exactly these paragraphs (as strip leaves it).
    pub fn for_paragraphs(&self, paragraphs: &[String]) -> Cow<'_, Tokens> {
        if paragraphs.len() == self.texts.len()
            && paragraphs
                .iter()
                .zip(&self.texts)
                .all(|(p, &k)| xxh3_64(p.as_bytes()) == k)
        {
            return Cow::Borrowed(self);
        }
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
                None => t.push(p),
            }
        }
        Cow::Owned(t)
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
    let (normalized, words) = normalize_split(text);
    words_in(&normalized, &words)
        .into_iter()
        .map(str::to_owned)
        .collect()
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
            assert!(one_pass(&n), "{s}");
            let full: Vec<&str> = n.unicode_words().collect();
            assert_eq!(fast, full, "{s}");
        }
    }

    #[test]
    fn every_class_splits_as_the_unicode_segmenter_splits() {
        // Each character given a class, alone and beside one of every class
        // (ideographs sampled), is split into the full segmenter's words.
        let others = [
            'a', 'é', 'ő', 'ж', 'λ', '1', '٣', '_', ':', '·', ',', '.', '\'', '’', ' ', '中', 'ب',
            '-',
        ];
        assert!(others.iter().all(|&o| class_of(o) != Wb::Unknown));
        let sampled = |u: &u32| !(0x3400..0xa000).contains(u) || u.is_multiple_of(16);
        for c in (0..0x1_0000u32).filter(sampled).filter_map(char::from_u32) {
            if class_of(c) == Wb::Unknown {
                continue;
            }
            for o in others {
                for probe in [
                    format!("{c}"),
                    format!("{o}{c}"),
                    format!("{c}{o}"),
                    format!("{c}{o}{c}"),
                    format!("a{o}{c}"),
                    format!("1{o}{c}"),
                    format!("{c}{o}a"),
                    format!("{c}{o}1"),
                ] {
                    // Split as strip reads it: folded. The one pass reads
                    // all of it when it has a class for every character.
                    let n = normalize(&probe);
                    let classed = n.chars().all(|c| inert(c) && class_of(c) != Wb::Unknown);
                    assert_eq!(one_pass(&n), classed, "{probe:?}");
                    let full: Vec<&str> = n.unicode_words().collect();
                    assert_eq!(word_list(&n), full, "{probe:?}");
                }
            }
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
            .filter(|&c| inert(c))
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
        '\u{202b}', '\u{202c}', '\u{200d}', '\u{b7}', '…', 'ﻷ', '\u{651}', 'Ж', 'ж', 'Σ', 'ς', 'ά',
        '\u{387}', '\u{37e}', 'Ł', 'ą', 'Ǆ', 'ǅ', 'ẞ', 'Ạ', 'ệ', '\u{301}', '\u{308}', '\u{483}',
        '\u{1100}', '\u{1161}', '가', 'か', 'カ', '\u{3099}', '、', '。', 'ﾊ', '①',
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
            prop_assert_eq!(split_words(&text), two_passes(&slow));
        }

        /// The one-pass fold and split takes text of the characters it handles
        /// (all but the outsiders above) and gives the two passes' words.
        #[test]
        fn one_pass_agrees_with_two(
            picks in proptest::collection::vec(0..ONE_PASS.len(), 0..30)
        ) {
            let text: String = picks.iter().map(|&i| ONE_PASS[i]).collect();
            prop_assert!(one_pass(&text));
            let slow = normalize(&text);
            prop_assert_eq!(split_words(&text), two_passes(&slow));
        }
    }

    /// Characters [`fold_and_split`] handles: letters, digits, each middle mark,
    /// `_`, marks and controls that folding drops, quotes, an ideograph, and
    /// characters NFKC writes as others that are (no-break and en spaces, "…",
    /// µ, ², ligatures, the Greek semicolon and ano teleia).
    const ONE_PASS: &[char] = &[
        'a', 'Z', '0', '9', ' ', '.', ',', ':', ';', '\'', '_', '-', '%', 'À', 'É', 'ß', 'é', '×',
        '«', 'ا', 'أ', 'ى', 'ة', 'ب', 'ـ', '\u{64b}', '٠', '٫', '٬', '،', '؟', '\u{200b}', '’',
        '“', '—', '\u{b7}', 'Ж', 'ж', 'Σ', 'ά', '中', 'か', '\0', '\u{a0}', '…', 'µ', '²', 'ﬁ',
        'ﻻ', '\u{2002}', '\u{387}', '\u{37e}',
    ];

    /// True if [`fold_and_split`] reads all of `text` (the full segmenter none).
    fn one_pass(text: &str) -> bool {
        fold_and_split(text, &mut String::new(), &mut Splitter::default())
    }

    /// [`normalize_split`]'s result with the words as text.
    fn split_words(text: &str) -> (String, Vec<String>) {
        let (n, found) = normalize_split(text);
        let words: Vec<String> = words_in(&n, &found)
            .into_iter()
            .map(str::to_owned)
            .collect();
        // Each word's figure flag is what is_number says of it.
        let numeric: Vec<bool> = words.iter().map(|w| is_number(w)).collect();
        assert_eq!(found.iter().map(|w| w.numeric).collect::<Vec<_>>(), numeric);
        (n, words)
    }

    /// The two passes' result, owned.
    fn two_passes(normalized: &str) -> (String, Vec<String>) {
        let words = word_list(normalized)
            .into_iter()
            .map(str::to_owned)
            .collect();
        (normalized.to_owned(), words)
    }
}
