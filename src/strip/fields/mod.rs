//! Title, byline, date and source as fields: lines that carry them are lifted out
//! of the text, and page metadata fills what the text does not say.

mod date;
mod title;

pub(super) use date::iso_date;
pub(super) use title::{html_title, Headline};

use crate::normalize::{normalize, words};
use crate::segment::{hint, Block, BlockKind, PageMeta};
use crate::strip::dump::{dateline, text_body};
use crate::strip::justext::LENGTH_HIGH;
use crate::strip::lexicon::{self, starts_with_words};
use crate::strip::{Article, Features, Stripper};
use date::{has_date, read_date};

/// A line that carries a field (byline, date, source) is at most this long;
/// longer lines are text.
const FIELD_LINE_CHARS: usize = 120;
/// A longer line opening with a byline prefix ("By Jane Doe, a reporter who
/// covers …") is an author's note: kept out of the body's runs, not lifted.
const AUTHOR_NOTE_CHARS: usize = 300;
/// A byline is a short line: a name of at most [`NAME_WORDS`] words, and at most
/// [`BYLINE_WORDS`] words after its prefix unless a date follows the name.
const BYLINE_CHARS: usize = 100;
const NAME_WORDS: usize = 6;
const BYLINE_WORDS: usize = 8;
/// Words after a source prefix ("المصدر: وكالة المغرب العربي للأنباء").
const SOURCE_WORDS: usize = 6;
/// A date alone on its line ("20 Nov 2019 08:00 GMT"): at most this many words
/// and characters.
const DATE_LINE_WORDS: usize = 6;
const DATE_LINE_CHARS: usize = 40;
/// Blocks from an HTML page's headline where its own date stands: under it
/// (after a standfirst, a byline, a tool bar), else right above it (a dateline
/// over the headline). A date further off is another's (today's in the site's
/// header, a teaser's, a comment's) and gives the date only when none is near.
const HEADLINE_DATE_GAP: usize = 6;

impl Stripper {
    /// Title, byline, date and source lines become fields (both formats).
    pub(in crate::strip) fn lift_fields(
        &self,
        blocks: &[Block],
        norm: &[Vec<&str>],
        feats: &mut [Features],
        headline: Option<usize>,
        article: &mut Article,
    ) {
        // Dates alone on a line are read above the body only (footnotes below
        // cite dates too).
        let body = blocks.iter().position(|b| b.chars >= LENGTH_HIGH);
        // Each date a line gives, with its block: the one nearest the headline wins.
        let mut dates: Vec<(usize, String)> = Vec::new();
        for (i, (b, w)) in blocks.iter().zip(norm).enumerate() {
            if b.chars > FIELD_LINE_CHARS || w.is_empty() {
                // "By Jane Doe, a reporter who covers…": an author's line, kept.
                feats[i].field = b.chars < AUTHOR_NOTE_CHARS && self.author_prefix(w).is_some();
                continue;
            }
            let orig: Vec<&str> = b.text.split_whitespace().collect();
            // "نشر في <source> يوم <date>": the aggregator's byline.
            if let Some(at) = w.iter().position(|t| *t == "يوم") {
                if starts_with_words(w, &self.published_in) && at > 2 {
                    let yawm = orig.iter().position(|t| normalize(t) == "يوم");
                    if let Some(y) = yawm {
                        set(&mut article.source, orig[2..y].join(" "));
                        dates.push((i, read_date(&orig[y + 1..].join(" "))));
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
                if b.chars < BYLINE_CHARS
                    && (1..=NAME_WORDS).contains(&name.split_whitespace().count())
                    && (orig.len() <= p.len() + BYLINE_WORDS || dated)
                {
                    set(&mut article.byline, name);
                    if dated {
                        dates.push((i, iso_date(&rest(p)).unwrap_or_default()));
                    }
                    feats[i].removed = true;
                    feats[i].field = true;
                }
            } else if let Some(p) = self.date_prefixes.iter().find(|p| starts_with_words(w, p)) {
                if has_date(w) {
                    dates.push((i, read_date(&rest(p))));
                    feats[i].removed = true;
                    feats[i].field = true;
                }
            } else if let Some(p) = self
                .source_prefixes
                .iter()
                .find(|p| starts_with_words(w, p))
            {
                if orig.len() <= p.len() + SOURCE_WORDS && b.text.contains(':') {
                    set(&mut article.source, rest(p));
                    feats[i].removed = true;
                    feats[i].field = true;
                }
            } else if matches!(b.kind, BlockKind::Paragraph | BlockKind::Line)
                && orig.len() <= DATE_LINE_WORDS
                && b.chars <= DATE_LINE_CHARS
                && body.is_none_or(|start| i < start)
                && has_date(w)
            {
                // A date alone on its line ("20 Nov 2019 08:00 GMT") gives the date,
                // but stays for the classifier (a programme's dates are its content).
                if let Some(d) = iso_date(&b.text) {
                    dates.push((i, d));
                }
            }
        }
        let dates: Vec<(usize, String)> = dates
            .into_iter()
            .filter_map(|(i, d)| field_value(&d).map(|d| (i, d)))
            .collect();
        let near = |under: bool| {
            dates.iter().find(|(i, _)| {
                headline.is_some_and(|h| {
                    let (from, to) = if under { (h, *i) } else { (*i, h) };
                    from < to && to - from <= HEADLINE_DATE_GAP
                })
            })
        };
        if let Some((_, d)) = near(true).or_else(|| near(false)).or(dates.first()) {
            set(&mut article.date, d.clone());
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
    pub(in crate::strip) fn html_fields(
        &self,
        meta: &PageMeta,
        ld: &LinkedData,
        blocks: &[Block],
        effective: &[u16],
        feats: &mut [Features],
        article: &mut Article,
    ) {
        if let Some(a) = meta.author.clone().or_else(|| ld.field("author")) {
            if !a.starts_with("http") {
                set(&mut article.byline, self.without_author_prefix(&a));
            }
        }
        // The page's publication date beats one read from a byline line, which may be
        // the last update; a `<time>` anywhere on the page (a clock in the header) and
        // a date line under the headline come after both.
        let published = meta.date.clone().or_else(|| ld.field("datePublished"));
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
            if effective[b.node as usize] & hint::BYLINE != 0 && b.chars < BYLINE_CHARS {
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
    pub(in crate::strip) fn author_prefix(&self, w: &[&str]) -> Option<&Vec<String>> {
        self.author_prefixes
            .iter()
            .find(|p| starts_with_words(w, p))
    }

    /// `"By Jane Doe"` → `"Jane Doe"`, for author fields written as bylines.
    pub(in crate::strip) fn without_author_prefix(&self, author: &str) -> String {
        let n = normalize(author);
        let w: Vec<&str> = words(&n).collect();
        match self.author_prefix(&w) {
            Some(p) => rest_after(&author.split_whitespace().collect::<Vec<_>>(), p.len()),
            None => author.to_owned(),
        }
    }
}

/// Longest headline, byline, date or source kept as a field, in characters: the
/// longest headlines run to about 200; a longer "title" is a page's text (or an
/// attack: an 11 MB `<title>`), and stays where it is.
pub(in crate::strip) const MAX_FIELD_CHARS: usize = 300;

pub(in crate::strip) fn set(slot: &mut Option<String>, value: String) {
    if slot.is_none() {
        *slot = field_value(&value);
    }
}

/// A field's value as it is kept: trimmed of separators, `None` when nothing or
/// too much is left.
fn field_value(value: &str) -> Option<String> {
    // Entities escaped twice by the CMS come through as text.
    let value = value.replace("&nbsp;", " ");
    let value = value
        .trim_matches(|c: char| c.is_whitespace() || c == ':' || c == '-' || c == ',' || c == '،');
    (!value.is_empty() && value.chars().count() <= MAX_FIELD_CHARS).then(|| value.to_owned())
}

/// A byline without the date or place that often follows the name.
pub(in crate::strip) fn name_only(s: &str) -> String {
    let cut = s
        .find(|c: char| c.is_numeric() || matches!(c, ',' | '،' | '|' | '(' | '–' | '—'))
        .unwrap_or(s.len());
    // "Claire Martin, publié le", "Tom Reynolds 19 February", "Jane Doe Updated Nov":
    // drop trailing words that are dates or their prefixes.
    let mut words: Vec<&str> = s[..cut].split_whitespace().collect();
    while let Some(last) = words.last() {
        let w = last.trim_end_matches('.').to_lowercase();
        let dateish = lexicon::ALL
            .iter()
            .any(|l| l.date_words.contains(&w.as_str()) || l.months.iter().any(|(m, _)| *m == w));
        if !dateish {
            break;
        }
        words.pop();
    }
    words.join(" ")
}

/// The original words after the first `n`, without a leading colon.
pub(in crate::strip) fn rest_after(orig: &[&str], n: usize) -> String {
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

/// The page's JSON-LD blocks, each parsed once: its headline, author, date and
/// declared body are all read from them (parsing each block again per field
/// cost 3% of a run on HTML pages). Blocks that do not parse are left out.
pub(in crate::strip) struct LinkedData(Vec<serde_json::Value>);

impl LinkedData {
    pub(in crate::strip) fn parse(meta: &PageMeta) -> Self {
        LinkedData(
            meta.json_ld
                .iter()
                .filter_map(|raw| serde_json::from_str(raw).ok())
                .collect(),
        )
    }

    /// A string field, looked for at any depth (`author` may be an object with
    /// `name`, or a list of them); the first non-empty one found.
    pub(in crate::strip) fn field(&self, key: &str) -> Option<String> {
        self.0.iter().find_map(|value| string_field(value, key))
    }
}

/// A string field of one JSON-LD value.
fn string_field(value: &serde_json::Value, key: &str) -> Option<String> {
    use serde_json::Value;
    let mut stack = vec![value];
    while let Some(v) = stack.pop() {
        match v {
            Value::Object(map) => {
                if let Some(found) = map.get(key) {
                    let s = match found {
                        Value::String(s) => Some(s.as_str()),
                        Value::Object(o) => o.get("name").and_then(|n| n.as_str()),
                        Value::Array(a) => a.iter().find_map(|x| {
                            x.as_str()
                                .or_else(|| x.get("name").and_then(|n| n.as_str()))
                        }),
                        _ => None,
                    };
                    if let Some(s) = s.map(str::trim).filter(|s| !s.is_empty()) {
                        return Some(s.to_owned());
                    }
                }
                stack.extend(map.values());
            }
            Value::Array(a) => stack.extend(a.iter()),
            _ => {}
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::decode::decode;
    use crate::segment::{segment, Limits};
    use crate::source::{Format, RawDoc};
    use crate::strip::Stripper;

    fn strip_text(text: &str) -> Article {
        let raw = RawDoc::new("t", Format::Text, text.to_owned());
        Stripper::new().strip(segment(decode(raw), Limits::default()))
    }

    #[test]
    fn the_longest_prefix_opens_a_date_line() {
        // "Published" opens "Published on" too: the longer prefix is the line's.
        let body = "The council approved the new water plan on Monday after a long \
                    debate about the farms of the valley and their reservoirs.";
        let a = strip_text(&format!(
            "Water plan approved\nPublished on Spring 2024\n\n{body}\n"
        ));
        assert_eq!(a.date.as_deref(), Some("Spring 2024"));
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
}
