//! Strip stage: decides, block by block, what is article text and what is page
//! furniture, and lifts title, byline, date and source out of the text into fields.
//!
//! The classifier is jusText's (Pomikálek 2011): block length, stop-word density in
//! the detected language (lists normalised like the text, so Arabic clitic and alef
//! variants match), link density, then context. On top of it: tickers, stock
//! phrases and the related-headline blocks they open, notices that site software
//! writes, DOM hints, and for HTML the container that holds most of the good text.
//!
//! [`Stripper::strip`] runs these passes in order; each reads the blocks and what
//! earlier passes wrote into the per-block `Features` (`removed`, `field`,
//! `hard_bad`) and the [`Article`]'s fields:
//!
//! 1. Words: each block normalised and its words hashed once (`normalize`).
//! 2. Language: the stop-word list matching most of the longest blocks
//!    (`language`); writes `lang`, which picks the stop-word list.
//! 3. Features: stop-word density, heading, caption (`furniture`) per block;
//!    thresholds fitted to the page's own prose (`justext`'s `calibrated`).
//! 4. HTML: the page's headline is found (`fields`); a classification without
//!    DOM hints finds the prose; the hints in force per node are weighed against
//!    it and the headline (`hints`). Writes the effective hints.
//! 5. Fields: byline, date and source lines lifted (`fields`; the date nearest
//!    the headline found in 4); writes
//!    `removed` and `field`, and the article's byline, date and source.
//! 6. Headline: a dump's (`dump`) or the page's found in 4 (`fields`); writes
//!    `removed` and the title. HTML metadata then fills byline, date and source.
//! 7. A running title repeated in the text: `removed`.
//! 8. HTML: sections opened by a related-headlines, comment-thread or profile
//!    heading (`furniture`), up to the page's headline when they open before it,
//!    teaser cards: one set alone into the article's flow, a list of them
//!    above the headline, a box of nothing else (`teasers`), and the slides of
//!    a slideshow told by their counters (`slides`): `removed`.
//! 9. Classification with hints and phrases (`justext`): a class per block;
//!    writes `hard_bad` (furniture by hard evidence) and `removed`.
//! 10. Context (`justext`'s `revise`): short and near-good blocks take their
//!     neighbours' class.
//! 11. HTML: the prose right under the headline, the main container and the
//!     text kept in and around it, whole lists, a table or list of data under the
//!     headline (`container`). Then, for any page, a comment thread told by
//!     its timestamps after the kept text (`thread`).
//! 12. Kept: good and not removed; for HTML with nothing readable kept (see
//!     14: a cart's item count is no choice), the element the page marks as
//!     its article, then the prose the hint-free pass found, then the lines
//!     right under the page's headline;
//!     where a readability-style score's best container (`candidate`) holds
//!     more than twice the kept text around it, the rest of the kept
//!     paragraphs' containers in it; where the page declares its article body
//!     (JSON-LD `articleBody`) and the choice disagrees with it, the
//!     declaration's blocks (`agreement`); a paragraph the page carries twice
//!     once.
//! 13. A dump with nothing readable kept: its longest run of lines that are not
//!     furniture (a poem, a list of one item a line), from `dump`.
//! 14. Readable: kept text that is no text (binary junk, invisible characters)
//!     is dropped whole (`furniture`).
//!
//! The phrase and word tables are data, one per language (`lexicon`).

use crate::hash::FastSet;

use crate::normalize::{normalize_split, tokens, word_hash, words_in, Tokens, Word};
use crate::segment::{BlockKind, Segmented};
use crate::source::Format;
use serde::Serialize;

mod agreement;
mod candidate;
mod container;
mod dump;
mod fields;
mod furniture;
mod hints;
mod justext;
mod language;
mod lexicon;
mod slides;
mod teasers;
mod templates;
mod thread;

use container::{
    body_under_headline, keep_main_container, marked_article, nothing_above_headline, prose_like,
    rows_under_headline, text_under_headline, whole_lists, Evidence,
};
use fields::{html_title, Headline, LinkedData};
use furniture::readable;
use hints::effective_hints;
use justext::{
    calibrated, cjk_density, is_heading, latin_only, revise, ARABIC_STOPWORDS, LENGTH_LOW,
    STOPWORDS_HIGH, STOPWORDS_LOW,
};
use language::Languages;
use language::UNSPACED;
use lexicon::{Lexicon, Prefixes};
#[cfg(feature = "timely")]
pub(crate) use templates::observation;
pub use templates::Templates;

/// A page reduced to its article.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct Article {
    /// Document id.
    pub id: String,
    /// Page URL, when known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// Headline.
    pub title: Option<String>,
    /// Author line.
    pub byline: Option<String>,
    /// Publication date (ISO `YYYY-MM-DD` when it could be read, else as written).
    pub date: Option<String>,
    /// Publishing site or agency named in the page.
    pub source: Option<String>,
    /// Detected language (ISO 639-1), when known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lang: Option<&'static str>,
    /// Body paragraphs in reading order.
    pub paragraphs: Vec<String>,
    /// The paragraphs' normalised words as strip saw them, for fingerprint and
    /// canonical: a cache, checked against the text before use, so editing
    /// `paragraphs` is safe; empty when not known. Set it to the default to
    /// free the memory if the article is only kept for its text.
    #[serde(skip)]
    pub tokens: Tokens,
}

impl Article {
    /// An article from text a caller has (its own extraction, a stored body), to
    /// fingerprint or merge; the other fields start empty and may be set.
    pub fn new(id: impl Into<String>, paragraphs: Vec<String>) -> Self {
        Article {
            id: id.into(),
            paragraphs,
            ..Article::default()
        }
    }

    /// The body: paragraphs joined by a blank line.
    pub fn text(&self) -> String {
        self.paragraphs.join("\n\n")
    }
}

/// A caption written as a paragraph is a line or two: longer paragraphs that end
/// with an agency's name are articles.
const CAPTION_CHARS: usize = 300;

/// Classes of jusText.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Class {
    Bad,
    Short,
    NearGood,
    Good,
}

/// Per-block evidence computed once.
#[derive(Default)]
struct Features {
    stop_density: f32,
    heading: bool,
    removed: bool,
    /// Forced bad by a hint, phrase or ticker: context may not rescue it.
    hard_bad: bool,
    /// A figure caption or photo credit.
    caption: bool,
    /// A byline, date or source line, lifted into a field or hinted as one.
    field: bool,
    /// On a page in an unspaced script, a block in Latin letters alone: another
    /// language's (an embedded post, a sign-up box), never the article's prose
    /// by the container's word alone.
    foreign_script: bool,
}

/// The strip stage. Holds the normalised stop-word lists; build once, share freely.
#[derive(Debug, Clone)]
pub struct Stripper {
    languages: Languages,
    phrases: Prefixes<(Vec<String>, bool)>,
    notices: Prefixes<Vec<String>>,
    /// The aggregator's `نشر في <source> يوم <date>` opening.
    published_in: Vec<String>,
    follow: Vec<Vec<String>>,
    comments: Vec<Vec<String>>,
    /// Relative times a comment is stamped with ("3 days ago").
    ago: thread::Ago,
    profiles: Vec<Vec<String>>,
    networks: FastSet<&'static str>,
    caption_labels: Vec<&'static str>,
    /// The credit phrases, each searched for with a searcher built once (built
    /// per search, the searchers cost more than the searches in a profile).
    credits: Vec<memchr::memmem::Finder<'static>>,
    author_prefixes: Vec<Vec<String>>,
    date_prefixes: Vec<Vec<String>>,
    source_prefixes: Vec<Vec<String>>,
}

impl Default for Stripper {
    fn default() -> Self {
        Self::new()
    }
}

impl Stripper {
    /// Builds the stop-word lists (normalised) and phrase tables.
    pub fn new() -> Self {
        let words = |field: fn(&Lexicon) -> &'static [&'static str]| -> Vec<Vec<String>> {
            lexicon::by_length(lexicon::all(field).iter().map(|p| tokens(p)).collect())
        };
        let related = lexicon::all(|l| l.related).into_iter().map(|p| (p, true));
        let furniture = lexicon::all(|l| l.furniture)
            .into_iter()
            .map(|p| (p, false));
        Stripper {
            languages: Languages::new(),
            phrases: Prefixes::new(
                related
                    .chain(furniture)
                    .map(|(p, related)| (tokens(p), related))
                    .collect(),
            ),
            notices: Prefixes::new(words(|l| l.notices)),
            published_in: tokens(lexicon::PUBLISHED_IN),
            follow: words(|l| l.follow),
            comments: words(|l| l.comments),
            ago: thread::Ago::new(words(|l| l.ago)),
            profiles: words(|l| l.profiles),
            networks: lexicon::all(|l| l.networks).into_iter().collect(),
            caption_labels: lexicon::all(|l| l.caption_labels),
            credits: lexicon::all(|l| l.credits)
                .into_iter()
                .map(memchr::memmem::Finder::new)
                .collect(),
            author_prefixes: words(|l| l.author_prefixes),
            date_prefixes: words(|l| l.date_prefixes),
            source_prefixes: words(|l| l.source_prefixes),
        }
    }

    /// Strips a segmented document down to its article.
    pub fn strip(&self, doc: Segmented) -> Article {
        let Segmented {
            id,
            url,
            format,
            blocks,
            nodes,
            meta,
            ..
        } = doc;
        // Normalised once; word lists borrow from these strings.
        let (normalized, found): (Vec<String>, Vec<Vec<Word>>) =
            blocks.iter().map(|b| normalize_split(&b.text)).unzip();
        let norm: Vec<Vec<&str>> = normalized
            .iter()
            .zip(&found)
            .map(|(n, w)| words_in(n, w))
            .collect();
        // Each word hashed once: stop-word lookups, language, and the tokens.
        let hashes: Vec<Vec<u64>> = norm
            .iter()
            .map(|w| w.iter().map(|x| word_hash(x)).collect())
            .collect();
        let lang = self.language(&blocks, &nodes, &hashes);
        let stops = lang.and_then(|l| self.languages.stops(l));
        let unspaced = lang.is_some_and(|l| UNSPACED.contains(&l));
        let mut article = Article {
            id,
            url: url.or_else(|| meta.url.clone()),
            lang,
            ..Article::default()
        };
        let mut feats: Vec<Features> = blocks
            .iter()
            .zip(&hashes)
            .map(|(b, h)| Features {
                stop_density: match (stops, unspaced) {
                    (_, true) => cjk_density(&b.text),
                    (Some(s), _) => s.share(h),
                    // No list for the language: let length and context decide.
                    (None, _) => STOPWORDS_HIGH,
                },
                heading: is_heading(b),
                caption: b.kind == BlockKind::Caption
                    || (b.kind == BlockKind::Paragraph
                        && b.chars <= CAPTION_CHARS
                        && self.is_caption(&b.text)),
                removed: false,
                hard_bad: false,
                field: false,
                foreign_script: unspaced && latin_only(&b.text),
            })
            .collect();
        let thresholds = if lang == Some("ar") {
            ARABIC_STOPWORDS
        } else {
            (STOPWORDS_LOW, STOPWORDS_HIGH)
        };
        let thresholds = calibrated(thresholds, &blocks, &feats);
        // A first pass without DOM hints finds the prose; hints are then weighed
        // against where the prose is (a wrapper's "sidebar" class is no evidence).
        let ld = LinkedData::parse(&meta);
        let page_headline = (format == Format::Html).then(|| html_title(&blocks, &meta, &ld));
        let (effective, prose) = if format == Format::Html {
            let no_hints = vec![0u16; nodes.len()];
            let prose = self.classify(&blocks, &norm, &no_hints, &mut feats, unspaced, thresholds);
            feats.iter_mut().for_each(|f| f.hard_bad = false);
            let agreed = page_headline.as_ref().and_then(Headline::agreed);
            (effective_hints(&blocks, &nodes, &prose, agreed), prose)
        } else {
            (vec![0u16; nodes.len()], Vec::new())
        };

        let headline_block = page_headline.as_ref().and_then(|h| h.block);
        self.lift_fields(&blocks, &norm, &mut feats, headline_block, &mut article);
        let (headline, headline_agrees) = match &page_headline {
            None => {
                self.text_title(&blocks, &norm, &mut feats, &mut article);
                (None, false)
            }
            Some(h) => {
                h.lift(&mut feats, &mut article);
                (h.block, h.agrees)
            }
        };
        if format == Format::Html {
            self.html_fields(&meta, &ld, &blocks, &effective, &mut feats, &mut article);
        }
        // A running title repeated in the text (print layouts) is not body.
        if let Some(t) = &article.title {
            let t = tokens(t);
            for (f, w) in feats.iter_mut().zip(&norm) {
                if *w == t {
                    f.removed = true;
                }
            }
        }

        if format == Format::Html {
            self.related_sections(&blocks, &nodes, &norm, headline, &mut feats);
            let cards = teasers::teasers(&blocks, &nodes, headline);
            let show = slides::slideshow(&blocks);
            for ((f, t), s) in feats.iter_mut().zip(cards).zip(show) {
                f.removed |= t || s;
            }
        }
        let mut classes =
            self.classify(&blocks, &norm, &effective, &mut feats, unspaced, thresholds);
        let context_free = classes.clone();
        revise(&blocks, &feats, &mut classes);
        if format == Format::Html {
            let evidence = Evidence {
                context_free: &context_free,
                feats: &feats,
                effective: &effective,
                headline,
                headline_agrees,
            };
            body_under_headline(&blocks, &nodes, &mut classes, &evidence);
            keep_main_container(&blocks, &nodes, &mut classes, &evidence);
            whole_lists(&blocks, &nodes, &mut classes, &evidence);
            rows_under_headline(&blocks, &mut classes, &evidence);
            nothing_above_headline(&blocks, &mut classes, &evidence);
        }
        // Marked removed, so that no fallback below takes the thread back.
        if let Some(thread) =
            thread::timestamped_thread(&blocks, &nodes, &feats, &classes, (&norm, &self.ago))
        {
            feats[thread].iter_mut().for_each(|f| f.removed = true);
        }
        let mut keep: Vec<bool> = classes
            .iter()
            .zip(&feats)
            .map(|(c, f)| *c == Class::Good && !f.removed)
            .collect();
        // A choice of no readable text (a cart's item count, a row of digits)
        // is no choice: the fallbacks are tried as when nothing is kept. A
        // choice is judged once: asked again of the same choice, the verdict
        // is remembered.
        let mut judged: Option<(Vec<bool>, bool)> = None;
        let mut chose_text = |keep: &[bool]| match &judged {
            Some((k, verdict)) if k.as_slice() == keep => *verdict,
            _ => {
                let verdict = keep.contains(&true)
                    && readable(
                        blocks
                            .iter()
                            .zip(keep)
                            .filter(|(_, k)| **k)
                            .map(|(b, _)| &b.text),
                    );
                judged = Some((keep.to_vec(), verdict));
                verdict
            }
        };
        if format == Format::Html {
            if !chose_text(&keep) {
                keep = marked_article(&blocks, &nodes, &feats, &effective);
            }
            if !chose_text(&keep) {
                // Last, a page whose only prose sits under furniture names (a
                // slideshow of hidden slides, a story in a "teaser" box): that
                // prose, rather than nothing.
                keep = (0..blocks.len())
                    .map(|i| {
                        prose[i] == Class::Good
                            && !feats[i].removed
                            && !feats[i].caption
                            && prose_like(&blocks[i])
                    })
                    .collect();
            }
            if let Some(h) = headline.filter(|_| !chose_text(&keep)) {
                keep = text_under_headline(&blocks, &feats, &effective, h);
            }
            if let Some(cand) =
                candidate::readability_candidate(&blocks, &nodes, &feats, &effective)
            {
                if let Some(k) = agreement::second_opinion(&blocks, &nodes, &keep, &cand) {
                    keep = k;
                }
            }
            // The page's own declaration of its article body, where it disagrees.
            if let Some(declared) = agreement::declared_body(&blocks, &normalized, &ld, &keep) {
                keep = (0..blocks.len())
                    .map(|i| declared[i] && !feats[i].removed)
                    .collect();
            }
            // A page may carry one paragraph twice (a copy for small screens): once
            // is the text. Short lines may repeat for real ("* * *", "Yes.").
            let mut seen = FastSet::default();
            for (k, b) in keep.iter_mut().zip(&blocks) {
                if *k && b.chars >= LENGTH_LOW && !seen.insert(b.text.as_str()) {
                    *k = false;
                }
            }
        }
        if format == Format::Text && !chose_text(&keep) {
            keep = dump::lines_fallback(&blocks, &feats);
        }
        if !chose_text(&keep) {
            keep.iter_mut().for_each(|k| *k = false);
        }
        let kept = || (0..blocks.len()).filter(|&i| keep[i]);
        let words = kept().map(|i| hashes[i].len()).sum();
        article.tokens.reserve_exact(kept().count(), words);
        for i in kept() {
            article
                .tokens
                .push_hashed(&blocks[i].text, &hashes[i], &found[i]);
        }
        article.paragraphs = blocks
            .into_iter()
            .zip(keep)
            .filter(|(_, k)| *k)
            .map(|(b, _)| b.text)
            .collect();
        article
    }
}
