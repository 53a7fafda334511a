//! Corpus evidence for strip: a paragraph that recurs on many pages of one site
//! (a footer, a newsletter box, a standing disclaimer) is template, even when each
//! page alone would keep it. Pages are grouped by the host of their URL. A
//! paragraph counts as recurring only across pages with different leads (their
//! longest paragraph), so three fetches of one story do not make it template.

use std::collections::HashMap;

use xxhash_rust::xxh3::xxh3_64;

use super::Article;
use crate::source::host;

/// Distinct stories a paragraph must appear in to be template.
const MIN_PAGES: usize = 3;
/// Longer paragraphs are never counted: template blocks are short, and this
/// bounds the memory per site.
const MAX_CHARS: usize = 600;

/// Per-site paragraph evidence, fed page by page (a crawler can keep one for its
/// whole crawl); [`Templates::clean`] removes what it has learnt is template.
#[derive(Debug, Clone, Default)]
pub struct Templates {
    /// site → paragraph hash → leads of the pages it was seen on (up to MIN_PAGES).
    sites: HashMap<String, HashMap<u64, Vec<u64>>>,
}

/// Hash of a paragraph. Its text is whitespace-collapsed already, and a site
/// repeats its template blocks verbatim.
fn key(paragraph: &str) -> u64 {
    xxh3_64(paragraph.as_bytes())
}

fn site(article: &Article) -> Option<String> {
    article.url.as_deref().and_then(host)
}

impl Templates {
    /// An empty memory.
    pub fn new() -> Self {
        Self::default()
    }

    /// Records the paragraphs of one page.
    pub fn observe(&mut self, article: &Article) {
        if let Some((site, lead, keys)) = observation(article) {
            self.observe_keys(site, lead, &keys);
        }
    }

    /// Records one page's [`observation`].
    pub(crate) fn observe_keys(&mut self, site: String, lead: u64, keys: &[u64]) {
        let seen = self.sites.entry(site).or_default();
        for &k in keys {
            let leads = seen.entry(k).or_default();
            if leads.len() < MIN_PAGES && !leads.contains(&lead) {
                leads.push(lead);
            }
        }
    }

    /// The `(site, paragraph hash)` pairs found to be template.
    #[cfg(feature = "timely")]
    pub(crate) fn templated(&self) -> Vec<(&str, u64)> {
        let mut out: Vec<(&str, u64)> = self
            .entries()
            .into_iter()
            .filter(|(_, _, leads)| leads.len() >= MIN_PAGES)
            .map(|(site, k, _)| (site, k))
            .collect();
        out.dedup();
        out
    }

    /// Marks a paragraph hash as template on a site (learnt elsewhere).
    #[cfg(feature = "timely")]
    pub(crate) fn mark(&mut self, site: &str, paragraph: u64) {
        self.restore(site, paragraph, vec![0; MIN_PAGES]);
    }

    /// Records a batch of pages, then cleans each of them: the batch teaches the
    /// site templates and loses what is template on its sites.
    pub fn observe_and_clean<'a>(&mut self, articles: impl IntoIterator<Item = &'a mut Article>) {
        let mut batch: Vec<&mut Article> = articles.into_iter().collect();
        batch.iter().for_each(|a| self.observe(a));
        batch.iter_mut().for_each(|a| {
            self.clean(a);
        });
    }

    /// Every site's evidence: `(site, paragraph hash, leads)`, sorted, for a
    /// state to save.
    pub(crate) fn entries(&self) -> Vec<(&str, u64, &[u64])> {
        let mut out: Vec<(&str, u64, &[u64])> = self
            .sites
            .iter()
            .flat_map(|(site, seen)| {
                seen.iter()
                    .map(move |(&k, l)| (site.as_str(), k, l.as_slice()))
            })
            .collect();
        out.sort_unstable();
        out
    }

    /// Restores one entry of [`Templates::entries`].
    pub(crate) fn restore(&mut self, site: &str, paragraph: u64, leads: Vec<u64>) {
        let seen = match self.sites.get_mut(site) {
            Some(seen) => seen,
            None => self.sites.entry(site.to_owned()).or_default(),
        };
        seen.insert(paragraph, leads);
    }

    /// True if `paragraph` is template on `site`.
    pub fn is_template(&self, site: &str, paragraph: &str) -> bool {
        self.sites
            .get(site)
            .is_some_and(|seen| recurs(seen, paragraph))
    }

    /// Removes the paragraphs that are template on the page's site, unless that
    /// would leave the page empty. Returns how many were removed.
    pub fn clean(&self, article: &mut Article) -> usize {
        let Some(seen) = site(article).and_then(|s| self.sites.get(&s)) else {
            return 0;
        };
        let keep: Vec<bool> = article
            .paragraphs
            .iter()
            .map(|p| !recurs(seen, p))
            .collect();
        if !keep.contains(&true) {
            return 0;
        }
        let before = article.paragraphs.len();
        let mut keep = keep.into_iter();
        article.paragraphs.retain(|_| keep.next().unwrap_or(true));
        before - article.paragraphs.len()
    }
}

/// What a page teaches: its site, the hash of its lead (longest paragraph) and
/// the hashes of its paragraphs short enough to count. `None` without a site.
pub(crate) fn observation(article: &Article) -> Option<(String, u64, Vec<u64>)> {
    let site = site(article)?;
    let lead = key(article.paragraphs.iter().max_by_key(|p| p.len())?);
    let keys = article
        .paragraphs
        .iter()
        .filter(|p| p.chars().count() <= MAX_CHARS)
        .map(|p| key(p))
        .collect();
    Some((site, lead, keys))
}

/// True if `paragraph` was seen on this site under enough different leads.
fn recurs(seen: &HashMap<u64, Vec<u64>>, paragraph: &str) -> bool {
    paragraph.chars().count() <= MAX_CHARS
        && seen
            .get(&key(paragraph))
            .is_some_and(|leads| leads.len() >= MIN_PAGES)
}
