//! The words and phrases strip matches, as data: one table per language (`ar`,
//! `fr`, `en`, `de`, `es`, `pt`, `it`, `ru`, `uk`, `pl`) and `common` for names that are no one
//! language's (agencies, networks). Each field of [`Lexicon`] says how it is
//! matched. Strip joins the languages' tables at start-up ([`Stripper::new`]),
//! so a page's phrases are found whatever its detected language: pages quote and
//! embed other languages' furniture.
//!
//! [`Stripper::new`]: super::Stripper::new

use crate::hash::FastMap;

mod ar;
mod common;
mod de;
mod en;
mod es;
mod fr;
mod it;
mod pl;
mod pt;
mod ru;
mod uk;

/// One language's tables.
///
/// Word-prefix tables are matched by [`starts_with_words`]: an entry, normalised
/// like the text ([`crate::normalize::tokens`]), matches a block whose first
/// normalised words are the entry's words. Where two entries match one block,
/// the one with more words wins (see [`by_length`]).
pub(super) struct Lexicon {
    /// Headings that open a block of related headlines ("read also", "اقرأ أيضا"):
    /// the heading, and its section or the short lines after it, go. Word prefix.
    pub related: &'static [&'static str],
    /// Headings that open the page's comment thread ("3 responses", "Comments
    /// (12)", "التعليقات"): the heading and its section go, as a related
    /// section's do. Word prefix after a leading count; without a count the
    /// heading is the entry alone, but for a trailing count ("Responses to the
    /// plan" is news).
    pub comments: &'static [&'static str],
    /// Headings of a box about the writer or the site ("About the author", "عن
    /// الكاتب", "About us"): a profile, not the story; the heading and its
    /// section go, as a related section's do. The whole heading, normalised.
    pub profiles: &'static [&'static str],
    /// Openings of a block that is furniture by its words ("share", "subscribe",
    /// "all rights reserved"): that block goes. Word prefix.
    pub furniture: &'static [&'static str],
    /// Openings of notices site software writes into articles (a blog engine's
    /// post meta, affiliate disclosures): whole sentences, matched on longer
    /// blocks than `furniture`. Word prefix.
    pub notices: &'static [&'static str],
    /// Openings of a call to follow the site, furniture when a network is named
    /// too ([`Lexicon::networks`]); only openings that cannot start a sentence of
    /// news. Word prefix.
    pub follow: &'static [&'static str],
    /// Social networks' names as written in this language. Whole normalised word.
    pub networks: &'static [&'static str],
    /// Byline prefixes: the rest of the line is the author. Word prefix.
    pub author_prefixes: &'static [&'static str],
    /// Date-line prefixes: the rest of the line is the date. Word prefix.
    pub date_prefixes: &'static [&'static str],
    /// Source-line prefixes: the rest of the line is the source. Word prefix.
    pub source_prefixes: &'static [&'static str],
    /// Month names with their numbers, written normalised: a whole word of the
    /// normalised date, or two consecutive words for two-word names.
    pub months: &'static [(&'static str, u32)],
    /// Words that follow a byline's name as the start of its date ("publié le"):
    /// dropped from the end of the name. Whole word, lowercase.
    pub date_words: &'static [&'static str],
    /// Words that open a breadcrumb trail ("Home » News"): a lowercase prefix of
    /// the line followed by a separator.
    pub home: &'static [&'static str],
    /// Labels that open a caption when a colon or a number follows ("Photo:",
    /// "Abbildung 4:"): the first word, lowercase.
    pub caption_labels: &'static [&'static str],
    /// Credits that end a caption ("Photo: Name", "/Reuters"): a substring of the
    /// caption's last 60 characters, case as written.
    pub credits: &'static [&'static str],
    /// Relative times a comment system stamps each comment with ("3 days ago",
    /// "il y a 2 heures"): consecutive normalised words of a short block equal
    /// to the entry's, a `0` in the entry standing for any number.
    pub ago: &'static [&'static str],
}

impl Lexicon {
    /// A table with nothing in it, to fill a language's unused fields.
    pub(super) const EMPTY: Lexicon = Lexicon {
        related: &[],
        comments: &[],
        profiles: &[],
        furniture: &[],
        notices: &[],
        follow: &[],
        networks: &[],
        author_prefixes: &[],
        date_prefixes: &[],
        source_prefixes: &[],
        months: &[],
        date_words: &[],
        home: &[],
        caption_labels: &[],
        credits: &[],
        ago: &[],
    };
}

/// Every language's tables.
pub(super) const ALL: &[&Lexicon] = &[
    &ar::AR,
    &fr::FR,
    &en::EN,
    &de::DE,
    &es::ES,
    &pt::PT,
    &it::IT,
    &ru::RU,
    &uk::UK,
    &pl::PL,
    &common::COMMON,
];

/// One field of every language's table, joined.
pub(super) fn all<T: Copy + 'static>(field: impl Fn(&Lexicon) -> &'static [T]) -> Vec<T> {
    ALL.iter().flat_map(|l| field(l).iter().copied()).collect()
}

/// The opening of an aggregator's byline, "نشر في <source> يوم <date>".
pub(super) const PUBLISHED_IN: &str = "نشر في";

/// Something a word-prefix table holds: its normalised words first.
pub(super) trait Entry {
    fn words(&self) -> &[String];
}

impl Entry for Vec<String> {
    fn words(&self) -> &[String] {
        self
    }
}

impl<T> Entry for (Vec<String>, T) {
    fn words(&self) -> &[String] {
        &self.0
    }
}

/// A word-prefix table with its longer entries first, so that where one entry
/// opens another ("published", "published on") the longer one is found first and
/// matching does not depend on the order the tables list them in.
pub(super) fn by_length<E: Entry>(mut table: Vec<E>) -> Vec<E> {
    table.sort_by_key(|e| std::cmp::Reverse(e.words().len()));
    table
}

/// A word-prefix table ready for matching: its entries longer first (see
/// [`by_length`]) and, for each first word, the entries it opens, in that
/// order, so that a block is matched against those entries alone and one whose
/// first word opens none is passed over at one lookup (strip asks of every block).
#[derive(Debug, Clone)]
pub(super) struct Prefixes<E> {
    entries: Vec<E>,
    by_first: FastMap<String, Vec<usize>>,
}

impl<E: Entry> Prefixes<E> {
    pub(super) fn new(entries: Vec<E>) -> Self {
        let entries = by_length(entries);
        let mut by_first: FastMap<String, Vec<usize>> = FastMap::default();
        for (i, e) in entries.iter().enumerate() {
            if let Some(w) = e.words().first() {
                by_first.entry(w.clone()).or_default().push(i);
            }
        }
        Prefixes { entries, by_first }
    }

    /// The longest entry whose words open `text`'s.
    pub(super) fn find(&self, text: &[&str]) -> Option<&E> {
        self.by_first
            .get(*text.first()?)?
            .iter()
            .map(|&i| &self.entries[i])
            .find(|e| starts_with_words(text, e.words()))
    }

    pub(super) fn entries(&self) -> &[E] {
        &self.entries
    }
}

/// True when `text`'s first words are `prefix`'s words (both normalised).
pub(super) fn starts_with_words(text: &[&str], prefix: &[String]) -> bool {
    text.len() >= prefix.len() && text.iter().zip(prefix).all(|(a, b)| a == b)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::{normalize, tokens};
    use crate::strip::Stripper;

    /// Each entry of a word-prefix table, matched against the table as strip
    /// matches it, finds itself: no shorter entry shadows it.
    fn no_shadowing<E: Entry>(name: &str, table: &[E]) {
        for e in table {
            let w: Vec<&str> = e.words().iter().map(String::as_str).collect();
            let found = table.iter().find(|x| starts_with_words(&w, x.words()));
            assert_eq!(
                found.map(|x| x.words()),
                Some(e.words()),
                "{name}: {w:?} is shadowed"
            );
        }
    }

    #[test]
    fn no_entry_is_shadowed_by_a_shorter_one() {
        let s = Stripper::new();
        no_shadowing("phrases", s.phrases.entries());
        for (name, table) in [
            ("notices", s.notices.entries()),
            ("follow", s.follow.as_slice()),
            ("author_prefixes", s.author_prefixes.as_slice()),
            ("date_prefixes", s.date_prefixes.as_slice()),
            ("source_prefixes", s.source_prefixes.as_slice()),
        ] {
            no_shadowing(name, table);
        }
    }

    #[test]
    fn entries_are_written_as_their_matchers_compare_them() {
        for l in ALL {
            // Compared with normalised words.
            for (m, _) in l.months {
                assert_eq!(tokens(m).join(" "), *m, "month {m}");
            }
            for n in l.networks {
                assert_eq!(normalize(n), *n, "network {n}");
            }
            // Compared with lowercased text.
            for w in l.date_words.iter().chain(l.home).chain(l.caption_labels) {
                assert_eq!(w.to_lowercase(), *w, "{w}");
            }
            // Normalised at start-up: an entry must stay words.
            for p in l.related.iter().chain(l.furniture).chain(l.notices) {
                assert!(!tokens(p).is_empty(), "{p}");
            }
        }
        let mut months: Vec<(&str, u32)> = all(|l| l.months);
        months.sort();
        months.dedup();
        for w in months.windows(2) {
            assert!(w[0].0 != w[1].0, "{} has two numbers", w[0].0);
        }
    }

    #[test]
    fn no_language_lists_an_entry_twice() {
        for l in ALL {
            for table in [
                l.related,
                l.furniture,
                l.notices,
                l.author_prefixes,
                l.date_prefixes,
            ] {
                let mut seen: Vec<Vec<String>> = table.iter().map(|p| tokens(p)).collect();
                let n = seen.len();
                seen.sort();
                seen.dedup();
                assert_eq!(seen.len(), n, "{table:?}");
            }
        }
    }
}
