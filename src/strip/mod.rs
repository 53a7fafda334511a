//! Strip stage: decides, block by block, what is article text and what is page
//! furniture, and lifts title, byline, date and source out of the text into fields.
//!
//! The classifier is jusText's (Pomikálek 2011): block length, stop-word density in
//! the detected language (lists normalised like the text, so Arabic clitic and alef
//! variants match), link density, then context: a short block between good ones is a
//! subhead, a short block among bad ones is boilerplate. On top of it: tickers,
//! stock phrases ("read more", "اقرأ أيضا", "قد يهمك أيضا" and the related-headline
//! block they open), notices that blog engines and affiliate plugins write ("This
//! entry was posted in …"), DOM hints (nav, aside, footer, ad/share/related classes), and
//! for HTML the container that holds most of the good text.

use std::collections::{HashMap, HashSet};

use serde::Serialize;

use crate::normalize::{normalize, tokens, word_hash, words, Tokens};

mod language;
mod templates;
use crate::segment::{hint, Block, BlockKind, ContainerNode, PageMeta, Segmented};
use crate::source::Format;
use language::Languages;
pub use templates::Templates;

/// A page reduced to its article.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
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
    #[serde(skip)]
    pub paragraphs: Vec<String>,
    /// The paragraphs' normalised words as strip saw them, for fingerprint and
    /// canonical: a cache, checked against the text before use, so editing
    /// `paragraphs` is safe; empty when not known. Set it to the default to
    /// free the memory if the article is only kept for its text.
    #[serde(skip)]
    pub tokens: Tokens,
}

impl Article {
    /// The body: paragraphs joined by a blank line.
    pub fn text(&self) -> String {
        self.paragraphs.join("\n\n")
    }
}

/// jusText parameters (its defaults; lengths in characters).
const LENGTH_LOW: usize = 70;
const LENGTH_HIGH: usize = 200;
const STOPWORDS_LOW: f32 = 0.30;
const STOPWORDS_HIGH: f32 = 0.32;
/// Arabic attaches conjunctions and prepositions to words and its list is short, so
/// prose shows about half the stop-word density of English: measured 0.10–0.34 on
/// the seed articles (with one-letter proclitics stripped) against jusText's 0.30.
const ARABIC_STOPWORDS: (f32, f32) = (0.10, 0.12);
const MAX_LINK_DENSITY: f32 = 0.2;
const MAX_HEADING_DISTANCE: usize = 200;

/// Phrases that mark a block as furniture when it starts with them. `true` marks
/// headings of related-headline blocks: the short blocks after them go too.
const STOCK_PHRASES: &[(&str, bool)] = &[
    // Arabic
    ("اقرأ أيضا", true),
    ("اقرأ ايضا", true),
    ("إقرأ أيضا", true),
    ("اقرأ المزيد", true),
    ("قد يهمك", true),
    ("قد يعجبك", true),
    ("مواضيع ذات صلة", true),
    ("أخبار ذات صلة", true),
    ("مقالات ذات صلة", true),
    ("موضوعات ذات صلة", true),
    ("الأكثر قراءة", true),
    ("الأكثر مشاهدة", true),
    ("المزيد من الأخبار", true),
    ("طالع أيضا", true),
    ("شاهد أيضا", true),
    ("ذات صلة", true),
    ("أخبار متعلقة", true),
    ("مقالات مقترحة", true),
    ("مواضيع مقترحة", true),
    ("الأكثر تداولا", true),
    ("آخر الأخبار", true),
    ("انقر هنا", false),
    ("اضغط هنا", false),
    ("لقراءة الخبر", false),
    ("شكرا على الإبلاغ", false),
    ("شارك", false),
    ("تابعونا", false),
    ("تابعوا", false),
    ("جميع الحقوق محفوظة", false),
    ("الكلمات المفتاحية", false),
    ("كلمات دالة", false),
    ("وسوم", false),
    ("النشرة البريدية", false),
    ("أرسل لصديق", false),
    ("تعليقات", false),
    ("كلمات مفتاحية", false),
    ("الوسوم", false),
    ("أضف تعليق", false),
    ("اترك تعليقا", false),
    ("التعليقات", false),
    ("إعلان", false),
    ("عاجل:", false),
    // French
    ("lire aussi", true),
    ("à lire aussi", true),
    ("a lire aussi", true),
    ("voir aussi", true),
    ("sur le même sujet", true),
    ("à voir aussi", true),
    ("les plus lus", true),
    ("dans la même rubrique", true),
    ("vous aimerez aussi", true),
    ("lire la suite", false),
    ("partager", false),
    ("abonnez-vous", false),
    ("publicité", false),
    ("tous droits réservés", false),
    ("commentaires", false),
    ("suivez-nous", false),
    // Spanish, Portuguese, German, Italian (the dev pages' other languages)
    ("lee también", true),
    ("lea también", true),
    ("te puede interesar", true),
    ("noticias relacionadas", true),
    ("leia também", true),
    ("veja também", true),
    ("você pode gostar", true),
    ("notícias relacionadas", true),
    ("lesen sie auch", true),
    ("auch interessant", true),
    ("mehr zum thema", true),
    ("das könnte sie auch interessieren", true),
    ("das könnte dich auch interessieren", true),
    ("das könnte ihnen auch gefallen", true),
    ("das könnte dir auch gefallen", true),
    ("leggi anche", true),
    ("potrebbe interessarti", true),
    ("ti potrebbe interessare", true),
    ("articoli correlati", true),
    ("lust auf mehr", true),
    ("weitere artikel", true),
    ("anzeige", false),
    ("werbung", false),
    ("externer inhalt", false),
    ("war der artikel", false),
    ("war dieser artikel", false),
    ("artikel teilen", false),
    ("möchten sie den artikel", false),
    ("jetzt abonnieren", false),
    ("newsletter abonnieren", false),
    ("alle rechte vorbehalten", false),
    ("publicidad", false),
    ("compartir", false),
    ("pubblicità", false),
    // English
    ("read more", true),
    ("read also", true),
    ("see also", true),
    ("related", true),
    ("you may also like", true),
    ("you might also like", true),
    ("you may also be interested", true),
    ("you might also be interested", true),
    ("more stories", true),
    ("more from", true),
    ("most read", true),
    ("most popular", true),
    ("recommended", true),
    ("trending", true),
    ("share this", false),
    ("was this article helpful", false),
    ("letter to the editor", false),
    ("share on", false),
    ("advertisement", false),
    ("advert", false),
    ("sign up", false),
    ("subscribe", false),
    ("follow us", false),
    ("all rights reserved", false),
    ("click here", false),
    ("tags:", false),
    ("copyright", false),
];

/// The opening words of notices that site software writes under or into articles:
/// a blog engine's post meta, affiliate disclosures, a like button's placeholder.
/// Whole sentences, so they are matched on longer blocks than the stock phrases.
const NOTICES: &[&str] = &[
    "this entry was posted",
    "this entry was filed",
    "this post contains affiliate links",
    "this article contains affiliate links",
    "this page contains affiliate links",
    "we may earn a commission",
    "we may receive a commission",
    "as an amazon associate",
    "last updated on",
    "last update on",
    "like loading",
    "this slideshow requires javascript",
    "submit your letter",
    "der beitrag wurde am",
    "dieser beitrag wurde am",
    "dieser eintrag wurde am",
    "dieser beitrag enthält affiliate links",
    "dieser artikel enthält affiliate links",
    "dieser beitrag enthält werbung",
    "letzte aktualisierung am",
    "für links auf dieser seite",
    "gefällt mir wird geladen",
    "lust auf mehr",
    "ce billet a été publié",
    "cette entrée a été publiée",
    "cet article contient des liens affiliés",
    "esta entrada fue publicada",
    "esta entrada se publicó",
];

/// "Follow <us / the paper> on Twitter …": a call to follow the site, in a block of
/// its own. Only openings that cannot start a sentence of news ("Folgen" alone is
/// also "consequences", "تابع" also "he went on").
fn social_call(w: &[&str]) -> bool {
    const FOLLOW: &[&[&str]] = &[
        &["follow"],
        &["folgt", "uns"],
        &["folgen", "sie", "uns"],
        &["folge", "uns"],
        &["suivez"],
        &["síguenos"],
        &["siguenos"],
        &["seguici"],
        &["تابعونا"],
        &["تابعوا"],
        &["تابعنا"],
    ];
    const NETWORKS: &[&str] = &[
        "twitter",
        "facebook",
        "instagram",
        "tiktok",
        "youtube",
        "telegram",
        "whatsapp",
        "linkedin",
        "فيسبوك",
        "تويتر",
        "انستغرام",
        "يوتيوب",
        "تلغرام",
        "تيليجرام",
    ];
    FOLLOW.iter().any(|f| w.starts_with(f)) && w.iter().any(|x| NETWORKS.contains(x))
}

/// Byline prefixes: the rest of the line is the author.
const AUTHOR_PREFIXES: &[&str] = &[
    "بقلم",
    "كتب",
    "كتبت",
    "إعداد",
    "اعداد",
    "تحرير",
    "by",
    "par",
    "written by",
    "reporting by",
];
/// Date prefixes: the rest of the line is the date.
const DATE_PREFIXES: &[&str] = &[
    "نشر في",
    "حرر في",
    "حرر بتاريخ",
    "بتاريخ",
    "نشر بتاريخ",
    "تاريخ النشر",
    "آخر تحديث",
    "published",
    "published on",
    "updated",
    "posted",
    "publié le",
    "mis à jour",
];
/// Source prefixes: the rest of the line is the source.
const SOURCE_PREFIXES: &[&str] = &["المصدر", "source", "via"];

/// Month names (normalised) with their numbers, for reading dates.
const MONTHS: &[(&str, u32)] = &[
    ("يناير", 1),
    ("فبراير", 2),
    ("مارس", 3),
    ("ابريل", 4),
    ("مايو", 5),
    ("يونيو", 6),
    ("يوليو", 7),
    ("اغسطس", 8),
    ("سبتمبر", 9),
    ("اكتوبر", 10),
    ("نوفمبر", 11),
    ("ديسمبر", 12),
    ("كانون الثاني", 1),
    ("شباط", 2),
    ("اذار", 3),
    ("نيسان", 4),
    ("ايار", 5),
    ("حزيران", 6),
    ("تموز", 7),
    ("اب", 8),
    ("ايلول", 9),
    ("تشرين الاول", 10),
    ("تشرين الثاني", 11),
    ("كانون الاول", 12),
    ("يونيه", 6),
    ("يوليوز", 7),
    ("غشت", 8),
    ("شتنبر", 9),
    ("اكتوبر", 10),
    ("نونبر", 11),
    ("دجنبر", 12),
    ("january", 1),
    ("february", 2),
    ("march", 3),
    ("april", 4),
    ("may", 5),
    ("june", 6),
    ("july", 7),
    ("august", 8),
    ("september", 9),
    ("october", 10),
    ("november", 11),
    ("december", 12),
    ("janvier", 1),
    ("fevrier", 2),
    ("février", 2),
    ("mars", 3),
    ("avril", 4),
    ("mai", 5),
    ("juin", 6),
    ("juillet", 7),
    ("aout", 8),
    ("août", 8),
    ("septembre", 9),
    ("octobre", 10),
    ("novembre", 11),
    ("décembre", 12),
    ("jan", 1),
    ("feb", 2),
    ("mar", 3),
    ("apr", 4),
    ("jun", 6),
    ("jul", 7),
    ("aug", 8),
    ("sep", 9),
    ("sept", 9),
    ("oct", 10),
    ("nov", 11),
    ("dec", 12),
    ("ماي", 5),
];

/// Languages written without spaces between words: stop-word density means nothing.
const UNSPACED: &[&str] = &["zh", "ja", "th", "ko"];

/// Classes of jusText.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Class {
    Bad,
    Short,
    NearGood,
    Good,
}

/// Per-block evidence computed once.
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
}

/// The strip stage. Holds the normalised stop-word lists; build once, share freely.
#[derive(Debug, Clone)]
pub struct Stripper {
    languages: Languages,
    phrases: Vec<(Vec<String>, bool)>,
    notices: Vec<Vec<String>>,
    author_prefixes: Vec<Vec<String>>,
    date_prefixes: Vec<Vec<String>>,
    source_prefixes: Vec<Vec<String>>,
}

impl Default for Stripper {
    fn default() -> Self {
        Self::new()
    }
}

fn starts_with_words(text: &[&str], prefix: &[String]) -> bool {
    text.len() >= prefix.len() && text.iter().zip(prefix).all(|(a, b)| a == b)
}

impl Stripper {
    /// Builds the stop-word lists (normalised) and phrase tables.
    pub fn new() -> Self {
        let prefixes = |l: &[&str]| l.iter().map(|p| tokens(p)).collect();
        Stripper {
            languages: Languages::new(),
            phrases: STOCK_PHRASES
                .iter()
                .map(|&(p, related)| (tokens(p), related))
                .collect(),
            notices: prefixes(NOTICES),
            author_prefixes: prefixes(AUTHOR_PREFIXES),
            date_prefixes: prefixes(DATE_PREFIXES),
            source_prefixes: prefixes(SOURCE_PREFIXES),
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
        let normalized: Vec<String> = blocks.iter().map(|b| normalize(&b.text)).collect();
        let norm: Vec<Vec<&str>> = normalized.iter().map(|n| words(n).collect()).collect();
        // Each word hashed once: stop-word lookups, language, and the tokens.
        let hashes: Vec<Vec<u64>> = norm
            .iter()
            .map(|w| w.iter().map(|x| word_hash(x)).collect())
            .collect();
        let lang = self.language(&blocks, &hashes);
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
                    || (b.kind == BlockKind::Paragraph && b.chars <= 300 && is_caption(&b.text)),
                removed: false,
                hard_bad: false,
                field: false,
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
        let (effective, prose) = if format == Format::Html {
            let no_hints = vec![0u16; nodes.len()];
            let prose = self.classify(&blocks, &norm, &no_hints, &mut feats, unspaced, thresholds);
            feats.iter_mut().for_each(|f| f.hard_bad = false);
            (effective_hints(&blocks, &nodes, &prose), prose)
        } else {
            (vec![0u16; nodes.len()], Vec::new())
        };

        self.lift_fields(&blocks, &norm, &mut feats, &mut article);
        let headline = match format {
            Format::Text => {
                self.text_title(&blocks, &norm, &mut feats, &mut article);
                None
            }
            Format::Html => html_title(&blocks, &meta, &mut feats, &mut article),
        };
        if format == Format::Html {
            self.html_fields(&meta, &blocks, &effective, &mut feats, &mut article);
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
            self.related_sections(&blocks, &nodes, &norm, &mut feats);
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
            };
            keep_main_container(&blocks, &nodes, &mut classes, &evidence);
            whole_lists(&blocks, &nodes, &mut classes, &evidence);
        }
        let mut keep: Vec<bool> = classes
            .iter()
            .zip(&feats)
            .map(|(c, f)| *c == Class::Good && !f.removed)
            .collect();
        if format == Format::Html {
            if !keep.contains(&true) {
                keep = marked_article(&blocks, &nodes, &feats, &effective);
            }
            if !keep.contains(&true) {
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
            // A page may carry one paragraph twice (a copy for small screens): once
            // is the text. Short lines may repeat for real ("* * *", "Yes.").
            let mut seen = HashSet::new();
            for (k, b) in keep.iter_mut().zip(&blocks) {
                if *k && b.chars >= LENGTH_LOW && !seen.insert(b.text.as_str()) {
                    *k = false;
                }
            }
        }
        if !readable(
            blocks
                .iter()
                .zip(&keep)
                .filter(|(_, k)| **k)
                .map(|(b, _)| &b.text),
        ) {
            keep.iter_mut().for_each(|k| *k = false);
        }
        for (i, b) in blocks.iter().enumerate().filter(|&(i, _)| keep[i]) {
            article.tokens.push_hashed(&b.text, &norm[i], &hashes[i]);
        }
        article.paragraphs = blocks
            .into_iter()
            .zip(keep)
            .filter(|(_, k)| *k)
            .map(|(b, _)| b.text)
            .collect();
        article
    }

    /// The language of the page's longest blocks (navigation comes first on a page
    /// but is made of short ones): at most 150 words, 40 from each block, enough for
    /// a stop-word vote; about 800 bytes of their text for the script test. With
    /// whole blocks, one long quote in another language had outvoted the page: 9 of
    /// the 637 dev pages get their annotated language only with the cap.
    fn language(&self, blocks: &[Block], hashes: &[Vec<u64>]) -> Option<&'static str> {
        const BYTES: usize = 800;
        let mut longest: Vec<usize> = (0..blocks.len())
            .filter(|&i| blocks[i].chars >= 40 && blocks[i].kind != BlockKind::Ticker)
            .collect();
        if longest.is_empty() {
            longest = (0..blocks.len().min(50)).collect();
        }
        longest.sort_by_key(|&i| std::cmp::Reverse(blocks[i].chars));
        let (mut text, mut bytes) = (String::new(), 0);
        let sample: Vec<usize> = longest
            .iter()
            .copied()
            .take_while(|&i| {
                let more = bytes <= BYTES;
                bytes += blocks[i].text.len();
                more
            })
            .collect();
        for &i in &sample {
            let t = &blocks[i].text;
            let mut end = t.len().min(BYTES + 1 - text.len().min(BYTES));
            while !t.is_char_boundary(end) {
                end -= 1;
            }
            text.push_str(&t[..end]);
            text.push('\n');
        }
        let sample_words = longest
            .iter()
            .flat_map(|&i| hashes[i].iter().take(40).copied())
            .take(150);
        self.languages.detect(&text, sample_words)
    }

    /// A section opened by a related-headlines heading ("you may also like",
    /// "اقرأ أيضا"): the rest of the heading's container goes, teasers with long
    /// summaries too, which would pass for prose. Only when the heading opens its
    /// container; one inside the article's own flow is handled per block.
    fn related_sections(
        &self,
        blocks: &[Block],
        nodes: &[ContainerNode],
        norm: &[Vec<&str>],
        feats: &mut [Features],
    ) {
        // A node's blocks are consecutive (segment emits them while the node is
        // open), so a section is the range from its first block to its last.
        let mut span: Vec<(usize, usize)> = vec![(usize::MAX, 0); nodes.len()];
        for (i, b) in blocks.iter().enumerate() {
            let s = &mut span[b.node as usize];
            *s = (s.0.min(i), s.1.max(i));
        }
        for n in (1..nodes.len()).rev() {
            let (first, last) = span[n];
            let p = &mut span[nodes[n].parent as usize];
            *p = (p.0.min(first), p.1.max(last));
        }
        // Ranges are marked once each, so many such headings stay linear.
        let mut marked_to = 0;
        for i in 0..blocks.len() {
            let related = matches!(blocks[i].kind, BlockKind::Heading(_))
                && blocks[i].chars < 120
                && self
                    .phrases
                    .iter()
                    .any(|(p, related)| *related && starts_with_words(&norm[i], p));
            let top = nodes[blocks[i].node as usize].parent;
            if !related || top == u32::MAX {
                continue;
            }
            let (first, last) = span[top as usize];
            if first < i {
                continue;
            }
            for f in feats.iter_mut().take(last + 1).skip((i + 1).max(marked_to)) {
                f.removed = true;
            }
            marked_to = marked_to.max(last + 1);
        }
    }

    /// Context-free classification (jusText's first pass) plus hard evidence.
    fn classify(
        &self,
        blocks: &[Block],
        norm: &[Vec<&str>],
        effective: &[u16],
        feats: &mut [Features],
        unspaced: bool,
        (stop_low, stop_high): (f32, f32),
    ) -> Vec<Class> {
        let (low, high) = if unspaced {
            (LENGTH_LOW / 3, LENGTH_HIGH / 3)
        } else {
            (LENGTH_LOW, LENGTH_HIGH)
        };
        let mut in_related = false;
        let mut classes = Vec::with_capacity(blocks.len());
        for ((b, w), f) in blocks.iter().zip(norm).zip(feats.iter_mut()) {
            let phrase = (b.chars < 120)
                .then(|| self.phrases.iter().find(|(p, _)| starts_with_words(w, p)))
                .flatten();
            let link_density = b.link_chars as f32 / b.chars.max(1) as f32;
            let class = if f.removed {
                Class::Bad
            } else if phrase.is_some_and(|(_, related)| *related) {
                // "Read also: …" inside the flow is an insertion, not evidence that
                // the text around it is furniture: context passes over it. ("Sign
                // up" is such evidence: the rest of its box goes with it.)
                f.removed = true;
                Class::Bad
            } else if b.kind == BlockKind::Ticker
                || f.caption
                || effective[b.node as usize] & hint::NEGATIVE != 0
                || phrase.is_some()
                || (b.chars < 400 && self.notices.iter().any(|p| starts_with_words(w, p)))
                || (b.chars < 300 && social_call(w))
                || (in_related && b.chars < LENGTH_HIGH && !ends_sentence(&b.text))
            {
                f.hard_bad = true;
                Class::Bad
            } else if b.text.contains('©') {
                Class::Bad
            } else if link_density > MAX_LINK_DENSITY {
                // A sentence of the article with a few links in it (names, sources)
                // is near-good at best; navigation does not end like a sentence.
                let linked_sentence = b.kind == BlockKind::Paragraph
                    && b.chars >= low
                    && link_density <= 0.5
                    && ends_sentence(&b.text)
                    && f.stop_density >= stop_low;
                if linked_sentence {
                    Class::NearGood
                } else {
                    Class::Bad
                }
            } else if b.chars < low {
                if b.link_chars > 0 {
                    Class::Bad
                } else {
                    Class::Short
                }
            } else if f.stop_density >= stop_high {
                if b.chars > high {
                    Class::Good
                } else {
                    Class::NearGood
                }
            } else if f.stop_density >= stop_low || (b.chars > 2 * high && is_prose(&b.text)) {
                // Long punctuated prose with few stop words (names, figures) is still
                // prose; furniture this long is caught by links, hints or phrases.
                Class::NearGood
            } else {
                Class::Bad
            };
            // A related-headlines block runs until real text resumes: headlines have
            // no closing punctuation, sentences do.
            if let Some((_, related)) = phrase {
                in_related = *related;
            } else if class == Class::Good || ends_sentence(&b.text) {
                in_related = false;
            }
            classes.push(class);
        }
        // A short article may have no block over LENGTH_HIGH: its near-good blocks
        // are the best evidence there is.
        if !classes.contains(&Class::Good) {
            for c in classes.iter_mut().filter(|c| **c == Class::NearGood) {
                *c = Class::Good;
            }
        }
        classes
    }

    /// Title, byline, date and source lines become fields (both formats).
    fn lift_fields(
        &self,
        blocks: &[Block],
        norm: &[Vec<&str>],
        feats: &mut [Features],
        article: &mut Article,
    ) {
        // Dates alone on a line are read above the body only (footnotes below
        // cite dates too).
        let body = blocks.iter().position(|b| b.chars >= LENGTH_HIGH);
        for (i, (b, w)) in blocks.iter().zip(norm).enumerate() {
            if b.chars > 120 || w.is_empty() {
                // "By Jane Doe, a reporter who covers…": an author's line, kept.
                feats[i].field = b.chars < 300 && self.author_prefix(w).is_some();
                continue;
            }
            let orig: Vec<&str> = b.text.split_whitespace().collect();
            // "نشر في <source> يوم <date>": the aggregator's byline.
            if let Some(at) = w.iter().position(|t| *t == "يوم") {
                if starts_with_words(w, &self.date_prefixes[0]) && at > 2 {
                    let yawm = orig.iter().position(|t| normalize(t) == "يوم");
                    if let Some(y) = yawm {
                        set(&mut article.source, orig[2..y].join(" "));
                        set(&mut article.date, read_date(&orig[y + 1..].join(" ")));
                        feats[i].removed = true;
                        feats[i].field = true;
                        continue;
                    }
                }
            }
            let rest = |p: &[String]| rest_after(&orig, p.len());
            if let Some(p) = self.author_prefix(w) {
                // "By" must be followed by a short name, not a sentence; a date
                // may follow the name ("كتب: رويترز | الخميس 6 أغسطس 2015").
                let name = name_only(&rest(p));
                let dated = has_date(w);
                if b.chars < 100
                    && (1..=6).contains(&name.split_whitespace().count())
                    && (orig.len() <= p.len() + 8 || dated)
                {
                    set(&mut article.byline, name);
                    if dated {
                        set(&mut article.date, iso_date(&rest(p)).unwrap_or_default());
                    }
                    feats[i].removed = true;
                    feats[i].field = true;
                }
            } else if let Some(p) = self.date_prefixes.iter().find(|p| starts_with_words(w, p)) {
                if has_date(w) {
                    set(&mut article.date, read_date(&rest(p)));
                    feats[i].removed = true;
                    feats[i].field = true;
                }
            } else if let Some(p) = self
                .source_prefixes
                .iter()
                .find(|p| starts_with_words(w, p))
            {
                if orig.len() <= p.len() + 6 && b.text.contains(':') {
                    set(&mut article.source, rest(p));
                    feats[i].removed = true;
                    feats[i].field = true;
                }
            } else if matches!(b.kind, BlockKind::Paragraph | BlockKind::Line)
                && orig.len() <= 6
                && b.chars <= 40
                && body.is_none_or(|start| i < start)
                && has_date(w)
            {
                // A date alone on its line ("20 Nov 2019 08:00 GMT") gives the date,
                // but stays for the classifier (a programme's dates are its content).
                if let Some(d) = iso_date(&b.text) {
                    set(&mut article.date, d);
                }
            }
        }
        // A dateline on its own line above a dump's body: "<city> - <agency>",
        // "<name> – <site>", an aggregator's "<site>: <city>".
        for i in 0..text_body(blocks) {
            if blocks[i].kind == BlockKind::Line && !feats[i].removed {
                if let Some((_place, agency)) = dateline(&blocks[i].text) {
                    set(&mut article.source, agency.to_owned());
                    feats[i].removed = true;
                    feats[i].field = true;
                }
            }
        }
    }

    /// Byline, date and source from `<meta>`, JSON-LD and byline-classed blocks.
    fn html_fields(
        &self,
        meta: &PageMeta,
        blocks: &[Block],
        effective: &[u16],
        feats: &mut [Features],
        article: &mut Article,
    ) {
        if let Some(a) = meta
            .author
            .clone()
            .or_else(|| json_ld_field(meta, "author"))
        {
            if !a.starts_with("http") {
                set(&mut article.byline, self.without_author_prefix(&a));
            }
        }
        // The page's publication date beats one read from a byline line, which may be
        // the last update; a `<time>` anywhere on the page (a clock in the header) and
        // a date line under the headline come after both.
        let published = meta
            .date
            .clone()
            .or_else(|| json_ld_field(meta, "datePublished"));
        if let Some(d) = published.as_deref().and_then(iso_date) {
            article.date = Some(d);
        }
        if let Some(d) = meta.time.as_deref().and_then(iso_date) {
            set(&mut article.date, d);
        }
        if let Some(s) = meta.site_name.clone() {
            set(&mut article.source, s);
        }
        for (i, b) in blocks.iter().enumerate() {
            if effective[b.node as usize] & hint::BYLINE != 0 && b.chars < 100 {
                feats[i].removed = true;
                feats[i].field = true;
                // The date line under the headline, when the page has no date field.
                if article.date.is_none() && b.text.bytes().any(|c| c.is_ascii_digit()) {
                    if let Some(d) = iso_date(&b.text) {
                        set(&mut article.date, d);
                    }
                }
            }
        }
    }

    /// The byline prefix ("By", "كتب") a block's normalised words open with.
    fn author_prefix(&self, w: &[&str]) -> Option<&Vec<String>> {
        self.author_prefixes
            .iter()
            .find(|p| starts_with_words(w, p))
    }

    /// `"By Jane Doe"` → `"Jane Doe"`, for author fields written as bylines.
    fn without_author_prefix(&self, author: &str) -> String {
        let n = normalize(author);
        let w: Vec<&str> = words(&n).collect();
        match self.author_prefix(&w) {
            Some(p) => rest_after(&author.split_whitespace().collect::<Vec<_>>(), p.len()),
            None => author.to_owned(),
        }
    }

    /// The headline of a text dump: the line just before a byline, a running title
    /// (a line above the body that the text repeats), or the headline-like line
    /// nearest above the body (tickers, "most read" teasers and section labels
    /// stand further up).
    fn text_title(
        &self,
        blocks: &[Block],
        norm: &[Vec<&str>],
        feats: &mut [Features],
        article: &mut Article,
    ) {
        // Not a breadcrumb, a dateline, a bullet, nor a stock phrase ("عاجل:"); of
        // `words` or more, since shorter lines are section labels ("محليات", "Next
        // Previous"), except a column's two-word headline right above its byline or
        // date line ("وزير الضعفاء").
        let title_like = |i: usize, words: usize| {
            let b = &blocks[i];
            b.kind == BlockKind::Line
                && (8..150).contains(&b.chars)
                && !b.text.ends_with(['.', '،', ',', ':', '؛', ';'])
                && !b.text.starts_with(['•', '*', '-', '–', '·'])
                && b.text.split_whitespace().nth(words - 1).is_some()
                && !is_breadcrumb(&b.text)
                && dateline(&b.text).is_none()
                && !signed(&b.text)
                // "اقرأ أيضاً: …" and "عاجل: …" are teasers and tickers, but
                // "عاجل.. <headline>" is how some sites dress a headline.
                && !self.phrases.iter().any(|(p, related)| {
                    starts_with_words(&norm[i], p)
                        && (*related || b.text.chars().take(24).any(|c| c == ':'))
                })
        };
        // A headline stands above the body.
        let body = text_body(blocks);
        let above: Vec<usize> = (0..body).filter(|&i| !feats[i].removed).collect();
        // The body's lines, once: a scan per candidate would be quadratic in a dump
        // of many short lines.
        let below: HashSet<&str> = blocks[body..].iter().map(|b| b.text.as_str()).collect();
        let repeated = |i: usize| below.contains(blocks[i].text.as_str());
        let pick = match (1..body.min(20)).find(|&i| feats[i].field) {
            Some(field) => above
                .iter()
                .rev()
                .find(|&&i| i < field)
                .copied()
                .filter(|&i| {
                    let words = if i + 1 == field { 2 } else { 3 };
                    title_like(i, words) && i + 3 >= field
                }),
            None if body < blocks.len() => above
                .iter()
                .copied()
                .find(|&i| title_like(i, 3) && repeated(i))
                .or_else(|| {
                    above
                        .iter()
                        .rev()
                        .take(3)
                        .copied()
                        .find(|&i| title_like(i, 3))
                }),
            None => None,
        };
        if let Some(i) = pick {
            article.title = Some(blocks[i].text.clone());
            feats[i].removed = true;
        }
    }
}

/// Where a text dump's body starts: its first long line, or its first sentence of
/// a paragraph's length.
fn text_body(blocks: &[Block]) -> usize {
    (0..blocks.len())
        .find(|&i| {
            let b = &blocks[i];
            b.kind == BlockKind::Line
                && (b.chars >= 150 || (b.chars >= LENGTH_LOW && ends_sentence(&b.text)))
        })
        .unwrap_or(blocks.len())
}

/// Longest headline, byline, date or source kept as a field, in characters: the
/// longest headlines run to about 200; a longer "title" is a page's text (or an
/// attack: an 11 MB `<title>`), and stays where it is.
const MAX_FIELD_CHARS: usize = 300;

fn set(slot: &mut Option<String>, value: String) {
    // Entities escaped twice by the CMS come through as text.
    let value = value.replace("&nbsp;", " ");
    let value = value
        .trim_matches(|c: char| c.is_whitespace() || c == ':' || c == '-' || c == ',' || c == '،')
        .to_owned();
    if slot.is_none() && !value.is_empty() && value.chars().count() <= MAX_FIELD_CHARS {
        *slot = Some(value);
    }
}

/// A byline without the date or place that often follows the name.
fn name_only(s: &str) -> String {
    let cut = s
        .find(|c: char| c.is_numeric() || matches!(c, ',' | '،' | '|' | '(' | '–' | '—'))
        .unwrap_or(s.len());
    // "Claire Martin, publié le", "Tom Reynolds 19 February", "Jane Doe Updated Nov":
    // drop trailing words that are dates or their prefixes.
    let mut words: Vec<&str> = s[..cut].split_whitespace().collect();
    while let Some(last) = words.last() {
        let w = last.trim_end_matches('.').to_lowercase();
        let dateish = ["publié", "le", "published", "updated", "on", "في", "يوم"]
            .contains(&w.as_str())
            || MONTHS.iter().any(|(m, _)| *m == w);
        if !dateish {
            break;
        }
        words.pop();
    }
    words.join(" ")
}

/// The original words after the first `n`, without a leading colon.
fn rest_after(orig: &[&str], n: usize) -> String {
    let mut s = orig.get(n..).unwrap_or_default().join(" ");
    // The prefix may have swallowed a trailing colon ("إعداد:").
    if let Some(first) = orig.get(n.saturating_sub(1)) {
        if let Some((_, after)) = first.split_once(':') {
            if !after.is_empty() {
                s = format!("{after} {s}");
            }
        }
    }
    s.trim_start_matches([':', ' ']).to_owned()
}

/// Words that open a breadcrumb trail ("Home » News").
const HOME_WORDS: &[&str] = &[
    "الرئيسية",
    "الرئيسيه",
    "home",
    "accueil",
    "startseite",
    "inicio",
    "início",
    "home page",
];

/// `"Home » News » World"`: a home word, then separators between short parts.
fn is_breadcrumb(text: &str) -> bool {
    let lower = text.trim_start().to_lowercase();
    HOME_WORDS.iter().any(|w| {
        lower.strip_prefix(w).is_some_and(|rest| {
            rest.trim_start()
                .starts_with(['»', '›', '>', '/', '|', '«', '‹', '<', '\\'])
        })
    })
}

/// `"… <name> – <site>"`: a short line that ends with a dash and one to three
/// words, how dumps sign a story ("Next Previous أحمد حجازي – عين اليوم").
fn signed(text: &str) -> bool {
    let Some((_, site)) = [" – ", " - ", " ـ ", " — "]
        .iter()
        .filter_map(|d| text.rsplit_once(d))
        .min_by_key(|(_, site)| site.len())
    else {
        return false;
    };
    (1..=3).contains(&site.split_whitespace().count()) && text.split_whitespace().count() <= 7
}

/// `"<city> - <agency>"`: one to three words each side of a dash (a tatweel
/// between spaces serves as one in Arabic), nothing else; or `"<agency>: <city>"`.
fn dateline(text: &str) -> Option<(&str, &str)> {
    let n = |s: &str| s.split_whitespace().count();
    if text.ends_with(['.', '!', '?', '؟']) {
        return None;
    }
    // An aggregator's "<agency>: <city>", the city a word or two ("مزمز: المدينة
    // المنورة"); a quoted headline ("<name>: <what they said>") runs longer.
    if let Some((agency, place)) = text.split_once(':') {
        let (agency, place) = (agency.trim(), place.trim());
        let named = place.chars().any(char::is_alphabetic);
        if (1..=3).contains(&n(agency)) && (1..=2).contains(&n(place)) && named {
            return Some((place, agency));
        }
    }
    let (place, agency) = text
        .split_once(['-', '–', '—'])
        .or_else(|| text.split_once(" ـ "))?;
    let (place, agency) = (place.trim(), agency.trim());
    ((1..=3).contains(&n(place)) && (1..=3).contains(&n(agency))).then_some((place, agency))
}

fn has_date(w: &[&str]) -> bool {
    w.iter()
        .any(|t| t.len() == 4 && t.starts_with(['1', '2']) && t.bytes().all(|b| b.is_ascii_digit()))
}

/// A date in ISO form, if `raw` holds day, month and year.
fn iso_date(raw: &str) -> Option<String> {
    let d = read_date(raw);
    (d.len() == 10 && d.as_bytes()[4] == b'-' && d.as_bytes()[7] == b'-').then_some(d)
}

/// Reads a date as ISO `YYYY-MM-DD` when day, month and year are all there.
pub fn read_date(raw: &str) -> String {
    let n = normalize(raw);
    let mut nums: Vec<u32> = Vec::new();
    let mut month = None;
    let mut cur = String::new();
    let flush = |cur: &mut String, nums: &mut Vec<u32>| {
        if let Ok(v) = cur.parse() {
            nums.push(v);
        }
        cur.clear();
    };
    for c in n.chars() {
        if c.is_ascii_digit() {
            cur.push(c);
        } else {
            flush(&mut cur, &mut nums);
        }
    }
    flush(&mut cur, &mut nums);
    for w in words(&n) {
        if let Some(&(_, m)) = MONTHS.iter().find(|(name, _)| *name == w) {
            month.get_or_insert(m);
        }
    }
    // "20141229": year, month and day run together.
    if let [compact, ..] = nums[..] {
        if (19_000_101..22_000_000).contains(&compact) {
            nums.splice(0..1, [compact / 10_000, compact / 100 % 100, compact % 100]);
        }
    }
    let year = nums.iter().position(|&v| (1900..2200).contains(&v));
    let iso = match (year, month) {
        (Some(y), Some(m)) => nums
            .iter()
            .enumerate()
            .find(|&(i, &d)| i != y && (1..=31).contains(&d))
            .map(|(_, &d)| (nums[y], m, d)),
        (Some(0), None) if nums.len() >= 3 => Some((nums[0], nums[1], nums[2])),
        (Some(2), None) if nums.len() >= 3 => Some((nums[2], nums[1], nums[0])),
        _ => None,
    };
    match iso {
        Some((y, m, d)) if (1..=12).contains(&m) && (1..=31).contains(&d) => {
            format!("{y:04}-{m:02}-{d:02}")
        }
        _ => raw.trim().to_owned(),
    }
}

/// Text is a heading when its element says so, or, in a text dump, when it is a
/// short line without sentence punctuation.
fn is_heading(b: &Block) -> bool {
    match b.kind {
        BlockKind::Heading(_) => true,
        BlockKind::Line => b.chars < LENGTH_LOW && !b.text.ends_with(['.', '،', ',', '؛', ';']),
        _ => false,
    }
}

/// Words that open a caption or photo credit when a colon or a number follows.
const CAPTION_LABELS: &[&str] = &[
    "abbildung",
    "abb",
    "bild",
    "beitragsbild",
    "titelbild",
    "foto",
    "fotos",
    "photo",
    "photos",
    "image",
    "imagen",
    "figure",
    "fig",
    "credit",
    "crédit",
    "crédito",
    "quelle",
    "صورة",
    "الصورة",
];

/// A caption written as a paragraph: a label with a colon first ("Abbildung 4:",
/// "Photo:"), or a credit last ("… © Agency", "… Photo: Name", "… /Reuters").
fn is_caption(text: &str) -> bool {
    let end = text
        .find(|c: char| !c.is_alphanumeric())
        .unwrap_or(text.len());
    let (label, rest) = text.split_at(end);
    // Most first words are ASCII: compared without lowercasing a copy per block.
    let listed = |label: &str| {
        if label.is_ascii() {
            CAPTION_LABELS.iter().any(|l| l.eq_ignore_ascii_case(label))
        } else {
            CAPTION_LABELS.contains(&label.to_lowercase().as_str())
        }
    };
    if label.len() <= 14 && listed(label) {
        let rest = rest.trim_start_matches(|c: char| c.is_ascii_digit() || c == ' ' || c == '.');
        if rest.starts_with(':') {
            return true;
        }
    }
    let tail_start = text.char_indices().rev().nth(60).map_or(0, |(i, _)| i);
    let tail = &text[tail_start..];
    tail.contains('©')
        || [
            "Foto:",
            "Photo:",
            "Bild:",
            "Photo by",
            "Foto von",
            "/Reuters",
            "/ Reuters",
            "/AFP",
            "/ AFP",
            "Getty Images",
            "/dpa",
        ]
        .iter()
        .any(|c| tail.contains(c))
}

/// Text that ends like a sentence.
fn ends_sentence(text: &str) -> bool {
    text.trim_end_matches(['"', '»', '”', ')', ' '])
        .ends_with(['.', '!', '?', '؟', '。', '…'])
}

/// Text with sentence punctuation in it.
fn is_prose(text: &str) -> bool {
    text.chars()
        .filter(|c| matches!(c, '.' | '،' | ',' | '؛' | ';' | '!' | '?' | '؟' | '。'))
        .nth(1)
        .is_some()
}

/// For unspaced scripts: sentence punctuation stands in for stop words.
fn cjk_density(text: &str) -> f32 {
    let punct = text
        .chars()
        .filter(|c| {
            matches!(
                c,
                '。' | '，' | '、' | '！' | '？' | '；' | '：' | '.' | ','
            )
        })
        .count();
    if punct > 0 {
        STOPWORDS_HIGH
    } else {
        0.0
    }
}

/// Stop-word thresholds fitted to the page. Lists cover languages unevenly (an
/// inflected language like Polish matches fewer of its words to a list of lemmas):
/// where the page's long, sentence-ending blocks have a median share under twice
/// the threshold, the thresholds come down to 55% of that median, as for languages
/// the lists cover well. They never go up.
fn calibrated((low, high): (f32, f32), blocks: &[Block], feats: &[Features]) -> (f32, f32) {
    let mut shares: Vec<f32> = blocks
        .iter()
        .zip(feats)
        .filter(|(b, _)| {
            b.chars >= LENGTH_HIGH && b.link_chars * 5 < b.chars && ends_sentence(&b.text)
        })
        .map(|(_, f)| f.stop_density)
        .collect();
    if shares.len() < 3 {
        return (low, high);
    }
    shares.sort_by(f32::total_cmp);
    let fitted = 0.55 * shares[shares.len() / 2];
    if fitted >= low {
        return (low, high);
    }
    (fitted, fitted + (high - low))
}

/// Hints in force at each node: its own and its ancestors'. A negative or byline hint
/// on a node that holds most of the page's running prose, or that also names content
/// ("content-with-sidebar", `<body class="single-author">`), is a wrapper's name, not
/// evidence, and is ignored.
fn effective_hints(blocks: &[Block], nodes: &[ContainerNode], prose: &[Class]) -> Vec<u16> {
    let good: Vec<bool> = prose
        .iter()
        .map(|c| matches!(c, Class::Good | Class::NearGood))
        .collect();
    let chars = subtree_sums(nodes, blocks.iter().map(|b| (b.node, b.chars)));
    let mut weight = run_sums(blocks, nodes, &good);
    if weight[0] == 0 {
        weight = chars.clone();
    }
    let total = weight[0].max(1);
    let count = subtree_sums(nodes, blocks.iter().map(|b| (b.node, 1)));
    let mut eff = vec![0u16; nodes.len()];
    for (i, n) in nodes.iter().enumerate() {
        let mut own = n.hints;
        // A byline or date box is a line or two, an author box a paragraph: a
        // "date-outer" or "author-guidelines" node holding a section is neither.
        if count[i] >= 15 || chars[i] >= 1500 {
            own &= !hint::BYLINE;
        }
        if weight[i] * 2 > total || own & (hint::ARTICLE | hint::MAIN) != 0 {
            own &= !(hint::NEGATIVE | hint::BYLINE) | hint::HIDDEN;
        }
        let parent = if n.parent == u32::MAX {
            0
        } else {
            eff[n.parent as usize]
        };
        eff[i] = parent | own;
    }
    eff
}

/// The nodes in the subtree of `top`, as a mask: one pass over the nodes (parents
/// come before children) instead of a walk up the tree per block.
fn subtree(nodes: &[ContainerNode], top: usize) -> Vec<bool> {
    let mut inside = vec![false; nodes.len()];
    for (i, n) in nodes.iter().enumerate().skip(top) {
        inside[i] = i == top || (n.parent != u32::MAX && inside[n.parent as usize]);
    }
    inside
}

/// Sums per-node amounts up the tree: each node gets its own and its descendants'.
/// Nodes are in document order, so children come after parents.
fn subtree_sums(
    nodes: &[ContainerNode],
    amounts: impl Iterator<Item = (u32, usize)>,
) -> Vec<usize> {
    let mut sums = vec![0usize; nodes.len()];
    for (node, amount) in amounts {
        sums[node as usize] += amount;
    }
    for i in (1..nodes.len()).rev() {
        let p = nodes[i].parent;
        if p != u32::MAX {
            sums[p as usize] += sums[i];
        }
    }
    sums
}

/// For every block, the nearest class before and after it that is good or bad
/// (edges count as bad), skipping short blocks and, if asked, near-good ones.
/// Found in two sweeps, so the context pass stays linear in the number of blocks
/// (a dump of 500,000 short lines would otherwise rescan its neighbours for each).
struct Neighbours {
    before: Vec<Class>,
    after: Vec<Class>,
}

impl Neighbours {
    fn new(classes: &[Class], ignore_neargood: bool) -> Self {
        let skip = |c: Class| c == Class::Short || (ignore_neargood && c == Class::NearGood);
        let sweep = |order: &mut dyn Iterator<Item = &Class>| {
            let mut last = Class::Bad;
            order
                .map(|&c| {
                    let seen = last;
                    if !skip(c) {
                        last = c;
                    }
                    seen
                })
                .collect::<Vec<Class>>()
        };
        let before = sweep(&mut classes.iter());
        let mut after = sweep(&mut classes.iter().rev());
        after.reverse();
        Neighbours { before, after }
    }
}

/// jusText's context-sensitive pass.
fn revise(blocks: &[Block], feats: &[Features], classes: &mut [Class]) {
    let live: Vec<usize> = (0..blocks.len()).filter(|&i| !feats[i].removed).collect();
    let mut c: Vec<Class> = live.iter().map(|&i| classes[i]).collect();
    let f: Vec<&Features> = live.iter().map(|&i| &feats[i]).collect();
    let b: Vec<&Block> = live.iter().map(|&i| &blocks[i]).collect();
    let original = c.clone();
    let good_within = |c: &[Class], i: usize| {
        let mut distance = 0;
        for j in i + 1..c.len() {
            if c[j] == Class::Good {
                return true;
            }
            distance += b[j].chars;
            if distance > MAX_HEADING_DISTANCE {
                break;
            }
        }
        false
    };
    // Short headings followed closely by good text.
    for i in 0..c.len() {
        if f[i].heading && c[i] == Class::Short && !f[i].hard_bad && good_within(&c, i) {
            c[i] = Class::NearGood;
        }
    }
    // Short blocks take their neighbours' class.
    let mut next = c.clone();
    let (far, near) = (Neighbours::new(&c, true), Neighbours::new(&c, false));
    for i in 0..c.len() {
        if c[i] != Class::Short {
            continue;
        }
        let (prev, nxt) = (far.before[i], far.after[i]);
        next[i] = match (prev, nxt) {
            (Class::Good, Class::Good) => Class::Good,
            (Class::Bad, Class::Bad) => Class::Bad,
            _ if (prev == Class::Bad && near.before[i] == Class::NearGood)
                || (nxt == Class::Bad && near.after[i] == Class::NearGood) =>
            {
                Class::Good
            }
            _ => Class::Bad,
        };
    }
    c = next;
    // Near-good blocks are good unless surrounded by bad.
    let mut next = c.clone();
    let far = Neighbours::new(&c, true);
    for i in 0..c.len() {
        if c[i] == Class::NearGood {
            let both_bad = far.before[i] == Class::Bad && far.after[i] == Class::Bad;
            next[i] = if both_bad { Class::Bad } else { Class::Good };
        }
    }
    c = next;
    // Headings that context made bad, followed closely by good text.
    for i in 0..c.len() {
        if f[i].heading
            && c[i] == Class::Bad
            && original[i] != Class::Bad
            && !f[i].hard_bad
            && good_within(&c, i)
        {
            c[i] = Class::Good;
        }
    }
    for (k, &i) in live.iter().enumerate() {
        classes[i] = c[k];
    }
}

/// How far up from the main container the sibling rule looks.
const LEVELS: usize = 2;

/// What strip knows of each block when it picks the main container.
#[derive(Clone, Copy)]
struct Evidence<'a> {
    /// Classes before the context pass.
    context_free: &'a [Class],
    feats: &'a [Features],
    /// Hints in force at each node.
    effective: &'a [u16],
    /// The block that became the title.
    headline: Option<usize>,
}

/// Keeps only the good blocks inside the main container (the deepest node holding at
/// least 75% of the good text that comes in runs, see [`run_sums`]), then re-admits the
/// prose-like blocks of that container that jusText's context-free thresholds were
/// too strict for: short journalistic paragraphs and paragraphs with inline links.
/// Inside the article, that is what they are (Readability keeps them the same way).
fn keep_main_container(
    blocks: &[Block],
    nodes: &[ContainerNode],
    classes: &mut [Class],
    evidence: &Evidence,
) {
    let Evidence {
        context_free,
        feats,
        effective,
        headline,
    } = *evidence;
    // An author box is no part of the article, even right after its last paragraph.
    let good: Vec<bool> = (0..blocks.len())
        .map(|i| {
            classes[i] == Class::Good
                && !feats[i].removed
                && effective[blocks[i].node as usize] & hint::BYLINE == 0
        })
        .collect();
    let dense = run_sums(blocks, nodes, &good);
    let total = dense[0];
    if total == 0 {
        return;
    }
    let container = (0..nodes.len())
        .rev()
        .find(|&i| dense[i] * 4 >= total * 3)
        .unwrap_or(0);
    let in_container = subtree(nodes, container);
    // Readability's sibling rule, one level wider: prose the context pass judged
    // good, under the container's grandparent (a standfirst or a lead paragraph in
    // its own box, often two wrappers away), is the article's too. Three levels
    // took in more boxes that are not (dev full-text F1 0.952 → 0.951). Before the
    // container, prose by the context-free pass is enough: a lead between the
    // headline and a photo credit has only furniture for context.
    let up_from = |n: u32| match nodes[n as usize].parent {
        u32::MAX => n,
        p => p,
    };
    let beside = (0..LEVELS).fold(container as u32, |n, _| up_from(n));
    let in_beside = subtree(nodes, beside as usize);
    let inside = |i: usize| in_container[blocks[i].node as usize];
    // Not furniture by any hard evidence: may be re-admitted inside the container.
    let admissible = |i: usize, c: Class| {
        c != Class::Good && inside(i) && not_furniture(&blocks[i], &feats[i], effective)
    };
    let first = (0..blocks.len()).find(|&i| inside(i)).unwrap_or(0);
    // Between the headline and the body sits the article's lead, however many
    // wrappers away, sometimes in an `<h2>`; a standfirst above the byline is the
    // head's, not the body's.
    let last_field = (0..first).rev().find(|&k| feats[k].field);
    let in_head =
        |i: usize| headline.is_some_and(|h| h < i) && i < first && last_field.is_none_or(|f| f < i);
    // A list without a link in it beside the article (ingredients, facts, a
    // programme); a list of teasers links its headlines.
    let links = subtree_sums(nodes, blocks.iter().map(|b| (b.node, b.link_chars)));
    let sibling_list = |i: usize| {
        let b = &blocks[i];
        // The list is the item's parent (the root holds the root's items).
        matches!(b.kind, BlockKind::ListItem | BlockKind::Cell)
            && links[nodes[b.node as usize].parent.min(b.node) as usize] == 0
            && b.text.split_whitespace().nth(1).is_some()
            && !feats[i].removed
    };
    // After the body, a paragraph alone beside it is an author's note or a
    // promotion; a run of them is more of the article (a next section).
    let revised = classes.to_vec();
    let run_after = |i: usize| {
        let good = |k: usize| revised[k] == Class::Good && !inside(k);
        (i > 0 && good(i - 1)) || (i + 1 < blocks.len() && good(i + 1))
    };
    let sibling_prose = |i: usize, c: Class| {
        let b = &blocks[i];
        // An author box beside the article is no part of it.
        if !(in_beside[b.node as usize] || in_head(i))
            || feats[i].hard_bad
            || effective[b.node as usize] & (hint::NEGATIVE | hint::BYLINE) != 0
        {
            return false;
        }
        if sibling_list(i) {
            return true;
        }
        let prose = match b.kind {
            BlockKind::Paragraph => prose_like(b),
            BlockKind::Heading(2..) => in_head(i) && standfirst(b),
            _ => false,
        };
        prose
            && if i < first {
                c == Class::Good || matches!(context_free[i], Class::Good | Class::NearGood)
            } else {
                c == Class::Good && run_after(i)
            }
    };
    for i in 0..blocks.len() {
        if !inside(i) {
            classes[i] = if sibling_prose(i, classes[i]) {
                Class::Good
            } else {
                Class::Bad
            };
        } else if admissible(i, classes[i]) && prose_like(&blocks[i]) {
            classes[i] = Class::Good;
        }
    }
    // Headings inside the container introduce the good text that follows them.
    for i in 0..blocks.len() {
        let b = &blocks[i];
        if admissible(i, classes[i])
            && matches!(b.kind, BlockKind::Heading(2..))
            && b.link_chars * 2 < b.chars
            && classes.get(i + 1) == Some(&Class::Good)
        {
            classes[i] = Class::Good;
        }
    }
    // Lines of an element that holds good text (split by `<br>`: a fact box, the
    // specifications after a product text) belong with it.
    let good_nodes: HashSet<u32> = (0..blocks.len())
        .filter(|&i| classes[i] == Class::Good)
        .map(|i| blocks[i].node)
        .collect();
    for i in 0..blocks.len() {
        let b = &blocks[i];
        if admissible(i, classes[i])
            && b.link_chars == 0
            && b.kind == BlockKind::Paragraph
            && good_nodes.contains(&b.node)
        {
            classes[i] = Class::Good;
        }
    }
    // Short lines between kept text (a quote, "Viel Glück!", a date line) are the
    // article's: jusText's context rule, applied once the container is known.
    let mut i = 0;
    while i < blocks.len() {
        let short = |k: usize| admissible(k, classes[k]) && blocks[k].link_chars == 0;
        if !short(i) {
            i += 1;
            continue;
        }
        let start = i;
        while i < blocks.len() && short(i) {
            i += 1;
        }
        let kept = |k: Option<usize>| k.is_some_and(|k| classes[k] == Class::Good);
        // Or a line or two between kept text and the container's edge: a greeting,
        // a sign-off. Under the headline or byline, words only ("4 min read" and
        // "@ Photographer" are no greeting).
        let worded = blocks[start..i]
            .iter()
            .all(|b| b.text.starts_with(char::is_alphabetic));
        let edge = |k: Option<usize>| {
            k.is_none_or(|k| !inside(k) || (worded && (feats[k].field || headline == Some(k))))
        };
        let (before, after) = (start.checked_sub(1), (i < blocks.len()).then_some(i));
        if (kept(before) || (i - start <= 2 && edge(before) && kept(after)))
            && (kept(after) || (i - start <= 2 && edge(after) && kept(before)))
        {
            classes[start..i].fill(Class::Good);
        }
    }
}

/// No hard evidence that a block is furniture: not lifted or removed, not forced bad,
/// no negative hint in force. What the container rules may re-admit.
fn not_furniture(b: &Block, f: &Features, effective: &[u16]) -> bool {
    !f.removed && !f.hard_bad && effective[b.node as usize] & hint::NEGATIVE == 0
}

/// A list one of whose items is kept text is the article's list (ingredients,
/// steps, facts): its other link-free items, too short to be judged alone, go with
/// it. A list of teasers links its items.
fn whole_lists(
    blocks: &[Block],
    nodes: &[ContainerNode],
    classes: &mut [Class],
    evidence: &Evidence,
) {
    let Evidence {
        feats, effective, ..
    } = *evidence;
    let list = |i: usize| nodes[blocks[i].node as usize].parent;
    let item = |i: usize| {
        let b = &blocks[i];
        b.kind == BlockKind::ListItem && b.link_chars == 0 && not_furniture(b, &feats[i], effective)
    };
    let kept: HashSet<u32> = (0..blocks.len())
        .filter(|&i| classes[i] == Class::Good && item(i))
        .map(list)
        .collect();
    for (i, c) in classes.iter_mut().enumerate() {
        if *c != Class::Good && item(i) && kept.contains(&list(i)) {
            *c = Class::Good;
        }
    }
}

/// A page with no prose good enough for the classifier (a photo blog, a recipe of
/// short lines, a gallery): the text of the element the page marks as its article
/// (`<article>`, `<main>`, `itemprop=articleBody`, an article class) that holds the
/// most text, without furniture, as trafilatura falls back to it. Nothing if the
/// page marks none.
fn marked_article(
    blocks: &[Block],
    nodes: &[ContainerNode],
    feats: &[Features],
    effective: &[u16],
) -> Vec<bool> {
    let usable = |i: usize| {
        let b = &blocks[i];
        not_furniture(b, &feats[i], effective) && b.link_chars * 2 <= b.chars
    };
    let text = subtree_sums(
        nodes,
        (0..blocks.len())
            .filter(|&i| usable(i))
            .map(|i| (blocks[i].node, blocks[i].chars)),
    );
    let Some(top) = (0..nodes.len())
        .filter(|&i| nodes[i].hints & (hint::ARTICLE | hint::MAIN) != 0 && text[i] > 0)
        .max_by_key(|&i| (text[i], std::cmp::Reverse(i)))
    else {
        return vec![false; blocks.len()];
    };
    let inside = subtree(nodes, top);
    (0..blocks.len())
        .map(|i| inside[blocks[i].node as usize] && usable(i))
        .collect()
}

/// Per node, the characters of good text in its subtree that come in runs: blocks
/// whose parent holds two or more good blocks, or that follow or precede another
/// good block, or one long one. Article bodies (even split into chunks between ads,
/// or each paragraph in a wrapper of its own) are runs; teaser cards, one summary
/// each between linked headlines, are not.
fn run_sums(blocks: &[Block], nodes: &[ContainerNode], good: &[bool]) -> Vec<usize> {
    let parent = |n: u32| nodes[n as usize].parent;
    let mut per_parent: HashMap<u32, usize> = HashMap::new();
    for (b, _) in blocks.iter().zip(good).filter(|(_, g)| **g) {
        *per_parent.entry(parent(b.node)).or_default() += 1;
    }
    // A headline is no part of a run (a teaser's, beside its summary); a heading
    // that is a sentence or two of lead text is.
    let text = |i: usize| {
        good[i] && (!matches!(blocks[i].kind, BlockKind::Heading(_)) || standfirst(&blocks[i]))
    };
    let next_to_good = |i: usize| (i > 0 && text(i - 1)) || (i + 1 < blocks.len() && text(i + 1));
    subtree_sums(
        nodes,
        (0..blocks.len())
            .filter(|&i| {
                let b = &blocks[i];
                good[i]
                    && (per_parent[&parent(b.node)] >= 2
                        || (text(i) && next_to_good(i))
                        || b.chars >= 400)
            })
            .map(|i| (blocks[i].node, blocks[i].chars)),
    )
}

/// A block that reads as a sentence of article text: a paragraph-like element, not
/// mostly links, ending like a sentence, or with a colon that opens what follows
/// (a list, a quote), or long enough to be prose.
fn prose_like(b: &Block) -> bool {
    let words = b.text.split_whitespace().count();
    match b.kind {
        BlockKind::Paragraph | BlockKind::Quote | BlockKind::Preformatted => {
            b.link_chars * 2 <= b.chars
                && words >= 4
                && (ends_sentence(&b.text) || b.chars >= 100 || b.text.ends_with(':'))
        }
        // A list inside the article (steps, items, specifications) is content.
        BlockKind::ListItem => b.link_chars * 2 <= b.chars && words >= 3,
        // A data table inside the article (standings, results, prices) is content:
        // its rows are short and have no stop words, but few links.
        BlockKind::Cell => b.link_chars * 2 <= b.chars && words >= 2,
        _ => false,
    }
}

/// Least share of letters among a text's visible characters: prose in any script
/// is mostly letters (the lowest of about 10,000 evaluation and dedup outputs is
/// 0.54, a page of figures); random bytes decoded as a legacy charset give about
/// 0.49, text of invisible characters or of diacritics alone none.
const MIN_LETTER_SHARE: f32 = 0.4;
/// Most share of control characters and U+FFFD (bytes no charset could read):
/// at most 0.023 in those outputs, 0.14 in random bytes.
const MAX_JUNK_SHARE: f32 = 0.05;

/// Whether the kept text reads as text: letters (not combining marks alone)
/// make up enough of its visible characters, and binary junk does not. Shape:
/// binary files, random bytes, pages of zero-width characters or of tashkeel.
fn readable<'a>(paragraphs: impl Iterator<Item = &'a String>) -> bool {
    let mark = |c: char| {
        matches!(c, '\u{300}'..='\u{36f}' | '\u{591}'..='\u{5c7}' | '\u{610}'..='\u{61a}'
            | '\u{64b}'..='\u{65f}' | '\u{670}' | '\u{6d6}'..='\u{6ed}' | '\u{1ab0}'..='\u{1aff}'
            | '\u{1dc0}'..='\u{1dff}' | '\u{20d0}'..='\u{20ff}' | '\u{fe20}'..='\u{fe2f}')
    };
    let (mut visible, mut letters, mut junk) = (0usize, 0usize, 0usize);
    for c in paragraphs
        .flat_map(|p| p.chars())
        .filter(|c| !c.is_whitespace())
    {
        visible += 1;
        letters += usize::from(c.is_alphabetic() && !mark(c));
        junk += usize::from(c.is_control() || c == '\u{fffd}');
    }
    visible > 0
        && letters as f32 >= MIN_LETTER_SHARE * visible as f32
        && junk as f32 <= MAX_JUNK_SHARE * visible as f32
}

/// A heading that is a sentence or two of lead text, not a title.
fn standfirst(b: &Block) -> bool {
    b.link_chars * 2 <= b.chars && b.chars >= 100 && (ends_sentence(&b.text) || is_prose(&b.text))
}

/// The headline of an HTML page: the `<h1>`/`<h2>` that agrees with `og:title`, the
/// JSON-LD `headline` or the first or longest part of `<title>`; else the first `<h1>`
/// that is not a link (a linked one is a teaser or the logo); else those fields.
/// The site's name is never the headline.
fn html_title(
    blocks: &[Block],
    meta: &PageMeta,
    feats: &mut [Features],
    article: &mut Article,
) -> Option<usize> {
    let ld = json_ld_field(meta, "headline");
    let site = meta.site_name.as_deref().map(normalize);
    let not_site = |t: &str| site.as_ref().is_none_or(|s| *s != normalize(t));
    let fields: Vec<String> = [
        meta.og_title.clone(),
        ld,
        meta.title.as_deref().map(strip_site_suffix),
    ]
    .into_iter()
    .flatten()
    .filter(|t| !t.is_empty() && t.chars().count() <= MAX_FIELD_CHARS && not_site(t))
    .collect();
    // `<title>` leads with the headline, or holds it as its longest part.
    let first_part = meta
        .title
        .as_deref()
        .and_then(|t| title_parts(t).into_iter().next());
    let reference: Vec<String> = fields
        .iter()
        .chain(first_part.iter().filter(|t| not_site(t)))
        .map(|t| normalize(t))
        .collect();
    // Most of one in the other: a kicker or a suffix may differ, a logo may not.
    let agrees = |h: &str, r: &str| {
        (r.contains(h) && 2 * h.len() >= r.len()) || (h.contains(r) && 2 * r.len() >= h.len())
    };
    let headline = |b: &Block| (5..=MAX_FIELD_CHARS).contains(&b.chars) && not_site(&b.text);
    let h1 = blocks
        .iter()
        .enumerate()
        .find(|(_, b)| {
            matches!(b.kind, BlockKind::Heading(1 | 2)) && headline(b) && {
                let h = normalize(&b.text);
                reference.iter().any(|r| agrees(&h, r))
            }
        })
        .or_else(|| {
            blocks.iter().enumerate().find(|(_, b)| {
                b.kind == BlockKind::Heading(1) && headline(b) && b.link_chars * 2 < b.chars
            })
        });
    let title = match h1 {
        Some((i, b)) => {
            feats[i].removed = true;
            Some(b.text.clone())
        }
        None => fields.into_iter().next(),
    };
    article.title = title.filter(|t| !t.is_empty());
    h1.map(|(i, _)| i)
}

/// `"Headline | Site"` → `["Headline", "Site"]`: the parts between separators.
fn title_parts(title: &str) -> Vec<String> {
    let marked = [" | ", " - ", " – ", " — ", " :: ", " « ", " » ", " · "]
        .iter()
        .fold(title.to_owned(), |t, sep| t.replace(sep, "\u{1}"));
    marked
        .split('\u{1}')
        .map(|p| p.trim().to_owned())
        .filter(|p| !p.is_empty())
        .collect()
}

/// `"Headline | Site"` → `"Headline"`: the longest part between separators.
fn strip_site_suffix(title: &str) -> String {
    title_parts(title)
        .into_iter()
        .max_by_key(|p| p.chars().count())
        .unwrap_or_default()
}

/// A string field of the page's JSON-LD (`author` may be an object with `name`).
fn json_ld_field(meta: &PageMeta, key: &str) -> Option<String> {
    for raw in &meta.json_ld {
        let Ok(value) = serde_json::from_str::<serde_json::Value>(raw) else {
            continue;
        };
        let mut stack = vec![&value];
        while let Some(v) = stack.pop() {
            match v {
                serde_json::Value::Object(map) => {
                    if let Some(found) = map.get(key) {
                        let s = match found {
                            serde_json::Value::String(s) => Some(s.clone()),
                            serde_json::Value::Object(o) => {
                                o.get("name").and_then(|n| n.as_str()).map(str::to_owned)
                            }
                            serde_json::Value::Array(a) => a.iter().find_map(|x| {
                                x.as_str()
                                    .or_else(|| x.get("name").and_then(|n| n.as_str()))
                                    .map(str::to_owned)
                            }),
                            _ => None,
                        };
                        if let Some(s) = s.filter(|s| !s.trim().is_empty()) {
                            return Some(s.trim().to_owned());
                        }
                    }
                    stack.extend(map.values());
                }
                serde_json::Value::Array(a) => stack.extend(a.iter()),
                _ => {}
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_read_as_iso() {
        assert_eq!(read_date("26 - 12 - 2023"), "2023-12-26");
        assert_eq!(read_date("2024-03-05T10:00:00Z"), "2024-03-05");
        assert_eq!(read_date("12 mars 2024"), "2024-03-12");
        assert_eq!(read_date("March 12, 2024"), "2024-03-12");
        assert_eq!(read_date("yesterday"), "yesterday");
        assert_eq!(read_date("20141229 18:22:00"), "2014-12-29");
        assert_eq!(iso_date("0001-01-01T00:00:00Z"), None);
        assert_eq!(
            iso_date("كتب: رويترز | الخميس 6 أغسطس 2015 - 10:40 ص").as_deref(),
            Some("2015-08-06")
        );
    }

    #[test]
    fn bylines_lose_their_dates_not_their_names() {
        assert_eq!(name_only("Ana Swanson"), "Ana Swanson");
        assert_eq!(name_only("Umair Irfan Updated Nov"), "Umair Irfan");
        assert_eq!(
            name_only("Claire Martin, publié le 2 avril"),
            "Claire Martin"
        );
        assert_eq!(name_only("Tom Reynolds 19 February"), "Tom Reynolds");
        let s = Stripper::new();
        assert_eq!(s.without_author_prefix("By TOM KRISHER"), "TOM KRISHER");
        assert_eq!(s.without_author_prefix("Byron Smith"), "Byron Smith");
    }

    #[test]
    fn captions_written_as_paragraphs() {
        for c in [
            "Abbildung 4: klassische Schwachschicht.",
            "Photo: the harbour at dawn",
            "Fig. 2: results",
            "صورة: المحطة الجديدة",
            "Bei der Beckenkippung sinkt der Brustkorb ein. © Pferderevue",
            "Microsoft plans to cut its emissions by half. Mike Blake/Reuters files",
        ] {
            assert!(is_caption(c), "{c}");
        }
        for p in [
            "Figure 6 shows the state of the review repository at this point.",
            "Image quality matters: the council said the cameras were old.",
            "The photo agency said on Monday that it would close two offices.",
        ] {
            assert!(!is_caption(p), "{p}");
        }
    }

    #[test]
    fn site_suffix_goes() {
        assert_eq!(
            strip_site_suffix("Storm hits the coast overnight | The Daily"),
            "Storm hits the coast overnight"
        );
    }

    #[test]
    fn datelines() {
        assert_eq!(
            dateline("الرباط -المغرب اليوم"),
            Some(("الرباط", "المغرب اليوم"))
        );
        assert_eq!(
            dateline("Une phrase complète - avec du texte et un point final."),
            None
        );
        assert_eq!(
            dateline("الوطن أونلاين: المدينة المنورة"),
            Some(("المدينة المنورة", "الوطن أونلاين"))
        );
        // A quoted headline says more than a place; a byline line ends with a colon.
        assert_eq!(dateline("القحيز: الانضباط لا تتجنى على الأندية"), None);
        assert_eq!(dateline("* التقييم: (***)"), None);
        assert_eq!(
            dateline("خالد الزهراني - اليوم - أبها:"),
            Some(("خالد الزهراني", "اليوم - أبها:"))
        );
    }
}
