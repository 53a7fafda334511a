//! Language identification for strip, from the stop-word lists it needs anyway.
//! Strip uses the language for one thing, stop-word density, so the list that
//! matches most of a page's prose is the right one by definition. Each normalised
//! word is looked up once in an index of all lists (a bit per language), which
//! costs a fraction of a trigram model; a trigram detector (whatlang) took 10% of
//! a whole extraction run and 16% of a dedup run. Scripts without spaces are told
//! by their characters, since a word list cannot split them.

use crate::hash::{FastMap, FastSet};
use crate::normalize::{tokens, word_hash};
use crate::segment::{hint, Block, BlockKind, ContainerNode};

use super::hints::hints_in_force;
use super::Stripper;

/// Languages written without spaces between words: stop-word density means nothing.
pub(super) const UNSPACED: &[&str] = &["zh", "ja", "th", "ko"];

/// The languages with stop-word lists (ISO 639-1), in order of preference on ties.
const LANGS: &[&str] = &[
    "ar", "en", "fr", "de", "es", "it", "pt", "nl", "ru", "uk", "pl", "cs", "sk", "sl", "hr", "bg",
    "ro", "hu", "fi", "et", "lv", "lt", "sv", "da", "no", "tr", "el", "he", "fa", "ur", "hi", "bn",
    "id", "vi", "ca", "eo", "af",
];

/// One-letter Arabic proclitics (و ف ب ل ك), attached to the word they govern:
/// the Arabic list also holds each stop word with each of them in front, so a
/// word is one lookup.
const PROCLITICS: &[char] = &['و', 'ف', 'ب', 'ل', 'ك'];

/// A language is only named when its list matches at least this share of the
/// sample's words (prose runs at 25–50%; Arabic, whose particles attach to
/// words, at 10–30%). Below it, no list fits and strip judges without one.
const MIN_SHARE: f32 = 0.08;

/// Stop-word lists, normalised like the text, with an index from word to the
/// languages listing it. Words are keyed by their xxh3 hash, which strip computes
/// once per word for the fingerprint anyway.
#[derive(Debug, Clone)]
pub(super) struct Languages {
    stops: Vec<FastSet<u64>>,
    /// Word hash → bit `i` set if `LANGS[i]` lists it.
    index: FastMap<u64, u64>,
}

/// One language's stop words, ready to measure a block's share of them.
#[derive(Clone, Copy)]
pub(super) struct Stops<'a> {
    set: &'a FastSet<u64>,
}

impl Stops<'_> {
    /// The share of stop words among a block's word hashes.
    pub(super) fn share(&self, hashes: &[u64]) -> f32 {
        if hashes.is_empty() {
            return 0.0;
        }
        hashes.iter().filter(|h| self.set.contains(h)).count() as f32 / hashes.len() as f32
    }
}

impl Languages {
    pub(super) fn new() -> Self {
        let stops: Vec<FastSet<u64>> = LANGS
            .iter()
            .map(|&code| {
                let words = stop_words::lookup(code).unwrap_or_default();
                let words = words.iter().flat_map(|w| tokens(w));
                if code == "ar" {
                    words
                        .flat_map(|w| {
                            let attached: Vec<String> =
                                PROCLITICS.iter().map(|p| format!("{p}{w}")).collect();
                            std::iter::once(w).chain(attached)
                        })
                        .map(|w| word_hash(&w))
                        .collect()
                } else {
                    words.map(|w| word_hash(&w)).collect()
                }
            })
            .collect();
        let mut index: FastMap<u64, u64> = FastMap::default();
        for (i, set) in stops.iter().enumerate() {
            for &w in set {
                *index.entry(w).or_default() |= 1 << i;
            }
        }
        Languages { stops, index }
    }

    /// The stop words of `lang`, if it has a list.
    pub(super) fn stops(&self, lang: &str) -> Option<Stops<'_>> {
        let i = LANGS.iter().position(|&l| l == lang)?;
        Some(Stops {
            set: &self.stops[i],
        })
    }

    /// The language of a sample: `texts` as written (for their script) and the
    /// hashes of its normalised words. `None` when no list fits.
    pub(super) fn detect(
        &self,
        texts: &[&str],
        sample: impl Iterator<Item = u64>,
    ) -> Option<&'static str> {
        if let Some(lang) = unspaced_script(texts) {
            return Some(lang);
        }
        let mut counts = [0u32; 64];
        let mut n = 0u32;
        for h in sample {
            n += 1;
            let mut mask = self.index.get(&h).copied().unwrap_or(0);
            while mask != 0 {
                counts[mask.trailing_zeros() as usize] += 1;
                mask &= mask - 1;
            }
        }
        // Most matches wins; on a tie, the language listed first.
        let (best, hits) = counts[..LANGS.len()]
            .iter()
            .enumerate()
            .max_by_key(|&(i, &c)| (c, std::cmp::Reverse(i)))?;
        (*hits >= 3 && *hits as f32 >= MIN_SHARE * n as f32).then(|| LANGS[best])
    }
}

/// Bytes of the longest blocks' text that settle the script of most pages.
const SCRIPT_SAMPLE_BYTES: usize = 800;

/// Fewest words of visible text that vote without the hidden text.
const MIN_VISIBLE_WORDS: usize = 40;

/// Languages written without spaces between words, told by their script when it
/// makes up a third of the letters of `texts`: Japanese has kana, Korean hangul,
/// Thai its own script, and Han alone is Chinese.
fn unspaced_script(texts: &[&str]) -> Option<&'static str> {
    // Those scripts are all written in characters of three UTF-8 bytes, led by
    // E0 (Thai), E1 (Hangul Jamo) or E3 to ED (kana, Han, Hangul): text without
    // such a byte (Latin, Arabic, Cyrillic; curly quotes and dashes are led by
    // E2) has none of them.
    let lead = |b: u8| matches!(b, 0xe0 | 0xe1 | 0xe3..=0xed);
    if !texts.iter().any(|t| t.bytes().any(lead)) {
        return None;
    }
    let (mut letters, mut han, mut kana, mut hangul, mut thai) = (0u32, 0u32, 0u32, 0u32, 0u32);
    // Letters, roughly: `char::is_alphabetic` is a table search per character.
    for c in texts
        .iter()
        .flat_map(|t| t.chars())
        .filter(|c| c.is_ascii_alphabetic() || (!c.is_ascii() && !c.is_whitespace()))
    {
        letters += 1;
        match c {
            '\u{4e00}'..='\u{9fff}' | '\u{3400}'..='\u{4dbf}' => han += 1,
            '\u{3040}'..='\u{30ff}' => kana += 1,
            '\u{ac00}'..='\u{d7af}' | '\u{1100}'..='\u{11ff}' => hangul += 1,
            '\u{0e00}'..='\u{0e7f}' => thai += 1,
            _ => {}
        }
    }
    if (han + kana + hangul + thai) * 3 < letters || letters == 0 {
        return None;
    }
    Some(if kana * 10 >= han + kana && kana > 0 {
        "ja"
    } else if hangul >= han && hangul >= thai {
        "ko"
    } else if thai >= han {
        "th"
    } else {
        "zh"
    })
}

impl Stripper {
    /// The language of the page's longest blocks (navigation comes first on a page
    /// but is made of short ones): at most 150 words, 40 from each block, enough for
    /// a stop-word vote. With whole blocks, one long quote in another language had
    /// outvoted the page: 9 of the 637 dev pages get their annotated language only
    /// with the cap. The script test reads all of their text: a Chinese paragraph
    /// says in 90 characters what an English one says in 250, so on a Chinese page
    /// with English teaser leads the longest blocks by characters are the leads.
    ///
    /// Text the page hides (`display:none`, `hidden`: a terms-of-use dialog in
    /// English on a Russian page) is what a reader does not see: it is left out
    /// of the sample unless the visible text is too little to vote.
    pub(super) fn language(
        &self,
        blocks: &[Block],
        nodes: &[ContainerNode],
        hashes: &[Vec<u64>],
    ) -> Option<&'static str> {
        let mut longest: Vec<usize> = (0..blocks.len())
            .filter(|&i| blocks[i].chars >= 40 && blocks[i].kind != BlockKind::Ticker)
            .collect();
        if longest.is_empty() {
            longest = (0..blocks.len().min(50)).collect();
        }
        // Under an element the page hides (the hint on it or an ancestor).
        let hidden: Vec<bool> = hints_in_force(nodes)
            .iter()
            .map(|h| h & hint::HIDDEN != 0)
            .collect();
        let visible_words: usize = longest
            .iter()
            .filter(|&&i| !hidden[blocks[i].node as usize])
            .map(|&i| hashes[i].len())
            .sum();
        if visible_words >= MIN_VISIBLE_WORDS {
            longest.retain(|&i| !hidden[blocks[i].node as usize]);
        }
        longest.sort_by_key(|&i| std::cmp::Reverse(blocks[i].chars));
        let texts: Vec<&str> = longest.iter().map(|&i| blocks[i].text.as_str()).collect();
        // The longest blocks' first bytes settle most pages' script at once;
        // only where they do not is all the text read.
        let mut room = SCRIPT_SAMPLE_BYTES;
        let sample: Vec<&str> = texts
            .iter()
            .map_while(|t| {
                let mut end = t.len().min(room);
                while !t.is_char_boundary(end) {
                    end -= 1;
                }
                room -= end;
                (end > 0).then(|| &t[..end])
            })
            .collect();
        if let Some(lang) = unspaced_script(&sample) {
            return Some(lang);
        }
        // All the text is read only on a page with a block written mostly in
        // characters of three bytes (Han, kana, Hangul, Thai take three; Latin,
        // Cyrillic and Arabic one or two): other pages cannot pass the test.
        let three_byte = longest
            .iter()
            .any(|&i| blocks[i].text.len() > 2 * blocks[i].chars);
        let sample_words = longest
            .iter()
            .flat_map(|&i| hashes[i].iter().take(40).copied())
            .take(150);
        self.languages
            .detect(if three_byte { &texts } else { &[] }, sample_words)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::{normalize, words};

    fn detect(l: &Languages, text: &str) -> Option<&'static str> {
        let n = normalize(text);
        l.detect(&[text], words(&n).map(word_hash))
    }

    #[test]
    fn languages_from_stop_words_and_scripts() {
        let l = Languages::new();
        let cases = [
            ("en", "The council voted on the budget for the next year after a long debate about the schools and the roads of the region."),
            ("fr", "Le conseil municipal a voté hier soir le budget de la ville pour l'année prochaine, après un long débat sur les écoles."),
            ("de", "Der Stadtrat hat gestern Abend den Haushalt der Stadt für das nächste Jahr beschlossen, nach einer langen Debatte über die Schulen."),
            ("es", "El consejo municipal aprobó anoche el presupuesto de la ciudad para el próximo año, después de un largo debate sobre las escuelas."),
            ("ar", "وافق المجلس البلدي مساء أمس على ميزانية المدينة للعام المقبل بعد نقاش طويل حول المدارس والطرق في الجهة التي يعيش فيها السكان."),
            ("zh", "市议会昨晚通过了明年的城市预算，此前就学校和道路问题进行了长时间的辩论。"),
            ("ja", "市議会は昨夜、学校と道路についての長い議論の後、来年の市の予算を可決しました。"),
        ];
        for (want, text) in cases {
            assert_eq!(detect(&l, text), Some(want), "{text}");
        }
        // Too little evidence: no language rather than a guess.
        assert_eq!(detect(&l, "Xylophone quartz zebra"), None);
    }
}
