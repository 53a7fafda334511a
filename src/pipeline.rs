//! The pipeline: wires the stages per document (source → decode → segment → strip →
//! fingerprint) in parallel with rayon, then over the whole set (cluster →
//! canonical). Documents are processed in bounded batches so raw pages are never all
//! in memory at once. Outputs are sorted by id, so they do not depend on input order
//! or thread count.

use std::collections::HashSet;
use std::sync::Arc;

use rayon::prelude::*;

use crate::canonical::{canonical, Canonical};
use crate::cluster::cluster;
use crate::decode::decode;
use crate::error::{Error, Result};
use crate::fingerprint::{fingerprint, Fingerprint};
use crate::segment::{segment, Limits};
use crate::source::RawDoc;
use crate::state::Store;
use crate::strip::{Article, Stripper, Templates};
use xxhash_rust::xxh3::xxh3_128;

/// Most documents read before a parallel batch is processed.
pub const BATCH: usize = 512;
/// Most bytes of raw documents held in one batch.
pub const BATCH_BYTES: usize = 64 << 20;

/// Most worker threads a pipeline builds: far more than any machine's cores, and
/// few enough that building the pool cannot exhaust the system's threads.
pub const MAX_THREADS: usize = 1024;
/// Largest document size limit accepted: a document is held in memory whole,
/// several times over while it is stripped.
pub const MAX_DOC_BYTES: usize = 1 << 32;

/// Pipeline settings. Build with [`Pipeline::builder`], which checks them.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct Config {
    /// Threads for a local pool (1 to [`MAX_THREADS`]); `None` uses the caller's
    /// rayon pool.
    pub threads: Option<usize>,
    /// Largest document accepted, in bytes (1 to [`MAX_DOC_BYTES`]).
    pub max_bytes: usize,
    /// Most paragraphs kept per article (at least 1).
    pub max_paragraphs: usize,
    /// How much of one document segment reads (depth, elements, lines).
    pub limits: Limits,
    /// Remove paragraphs that recur on many pages of one site ([`Templates`]).
    pub site_templates: bool,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            threads: None,
            max_bytes: crate::source::DEFAULT_MAX_BYTES,
            max_paragraphs: 5_000,
            limits: Limits::default(),
            site_templates: true,
        }
    }
}

impl Config {
    /// Every setting in its range, or the first that is not.
    fn check(&self) -> Result<()> {
        let bad = |option, reason: String| Err(Error::Config { option, reason });
        if let Some(n) = self.threads {
            if !(1..=MAX_THREADS).contains(&n) {
                return bad("threads", format!("{n} is not between 1 and {MAX_THREADS}"));
            }
        }
        if !(1..=MAX_DOC_BYTES).contains(&self.max_bytes) {
            let n = self.max_bytes;
            return bad(
                "max_bytes",
                format!("{n} is not between 1 and {MAX_DOC_BYTES}"),
            );
        }
        let at_least_one = [
            ("max_paragraphs", self.max_paragraphs),
            ("max_depth", self.limits.max_depth),
            ("max_elements", self.limits.max_elements),
            ("max_lines", self.limits.max_lines),
        ];
        for (option, n) in at_least_one {
            if n == 0 {
                return bad(option, "must be at least 1".into());
            }
        }
        Ok(())
    }
}

/// Builder for [`Pipeline`].
#[derive(Debug, Clone, Default)]
pub struct PipelineBuilder {
    config: Config,
    /// Set explicitly; otherwise derived from the size limit.
    max_elements: Option<usize>,
    max_lines: Option<usize>,
}

impl PipelineBuilder {
    /// Run on a local pool of `n` threads (1 to [`MAX_THREADS`]) instead of the
    /// caller's rayon pool.
    pub fn threads(mut self, n: usize) -> Self {
        self.config.threads = Some(n);
        self
    }

    /// Documents larger than this many bytes are skipped (default 32 MiB; 1 to
    /// [`MAX_DOC_BYTES`]). The element and line bounds follow it unless set
    /// ([`Limits::for_max_bytes`]).
    pub fn max_bytes(mut self, n: usize) -> Self {
        self.config.max_bytes = n;
        self
    }

    /// Articles keep at most this many paragraphs (default 5000, at least 1).
    pub fn max_paragraphs(mut self, n: usize) -> Self {
        self.config.max_paragraphs = n;
        self
    }

    /// HTML nested deeper than this is cut there (default 10,000).
    pub fn max_depth(mut self, n: usize) -> Self {
        self.config.limits.max_depth = n;
        self
    }

    /// HTML is read up to this many start tags (default: one per 40 bytes of
    /// the size limit, at least 10,000).
    pub fn max_elements(mut self, n: usize) -> Self {
        self.max_elements = Some(n);
        self
    }

    /// Text dumps are read up to this many lines (default: one per 40 bytes of
    /// the size limit, at least 10,000).
    pub fn max_lines(mut self, n: usize) -> Self {
        self.max_lines = Some(n);
        self
    }

    /// Whether paragraphs recurring on many pages of one site are removed as
    /// template (default true; see [`Templates`]).
    pub fn site_templates(mut self, on: bool) -> Self {
        self.config.site_templates = on;
        self
    }

    /// Builds the pipeline (and its thread pool, if a thread count was set).
    /// A setting out of its range is an [`Error::Config`].
    pub fn build(mut self) -> Result<Pipeline> {
        let derived = Limits::for_max_bytes(self.config.max_bytes);
        let limits = &mut self.config.limits;
        limits.max_elements = self.max_elements.unwrap_or(derived.max_elements);
        limits.max_lines = self.max_lines.unwrap_or(derived.max_lines);
        self.config.check()?;
        let pool = match self.config.threads {
            Some(n) => Some(Arc::new(
                rayon::ThreadPoolBuilder::new()
                    .num_threads(n)
                    .build()
                    .map_err(|e| Error::ThreadPool(e.to_string()))?,
            )),
            None => None,
        };
        Ok(Pipeline {
            config: self.config,
            stripper: Stripper::new(),
            pool,
        })
    }
}

/// A document that did not make it through, and why.
#[derive(Debug)]
#[non_exhaustive]
pub struct Skip {
    /// Document id, when it could be read.
    pub id: Option<String>,
    /// Why it was skipped; the error names the path, line or id.
    pub error: Error,
}

/// Result of stripping a set of documents.
#[derive(Debug, Default)]
#[non_exhaustive]
pub struct Stripped {
    /// Articles, sorted by id.
    pub articles: Vec<Article>,
    /// Documents that could not be read or held no article.
    pub skipped: Vec<Skip>,
}

/// Result of a full run.
#[derive(Debug, Default)]
#[non_exhaustive]
pub struct Distilled {
    /// One canonical article per story, sorted by id.
    pub articles: Vec<Canonical>,
    /// Documents that could not be read or held no article.
    pub skipped: Vec<Skip>,
}

/// The whole pipeline. `Send + Sync`: share one across a crawler's threads.
#[derive(Debug, Clone, Default)]
pub struct Pipeline {
    config: Config,
    stripper: Stripper,
    pool: Option<Arc<rayon::ThreadPool>>,
}

impl Pipeline {
    /// A builder with default settings.
    pub fn builder() -> PipelineBuilder {
        PipelineBuilder::default()
    }

    /// The settings in force.
    pub fn config(&self) -> &Config {
        &self.config
    }

    /// Strips one document to its article (decode → segment → strip).
    pub fn strip(&self, raw: RawDoc) -> Result<Article> {
        let doc = raw.name();
        if raw.id.is_empty() {
            return Err(Error::NoId { doc });
        }
        if raw.body.len() > self.config.max_bytes {
            return Err(Error::TooLarge {
                id: raw.id,
                doc,
                what: "document",
                size: Some(raw.body.len() as u64),
                limit: self.config.max_bytes as u64,
            });
        }
        let decoded = decode(raw);
        let mut article = self.stripper.strip(segment(decoded, self.config.limits));
        article.paragraphs.truncate(self.config.max_paragraphs);
        if article.paragraphs.is_empty() {
            return Err(Error::Empty {
                id: article.id,
                doc,
            });
        }
        Ok(article)
    }

    /// Fingerprints one article.
    pub fn fingerprint(&self, article: &Article) -> Fingerprint {
        fingerprint(article)
    }

    fn install<T: Send>(&self, f: impl FnOnce() -> T + Send) -> T {
        match &self.pool {
            Some(pool) => pool.install(f),
            None => f(),
        }
    }

    /// Strips `inputs` as a stream, in input order: documents are read in bounded
    /// batches (at most [`BATCH`] documents and [`BATCH_BYTES`] bytes), each batch is
    /// stripped in parallel, and its results are yielded before the next is read,
    /// so memory stays flat however long the input. Site templates are learnt from
    /// the pages read so far, batch by batch ([`Templates`]). Read errors, empty documents and
    /// a second document with an id already seen come out as [`Skip`]s in place.
    ///
    /// Template evidence learnt this way depends on which pages share a batch, so
    /// on input order; [`Pipeline::strip_all`] learns from the whole set instead.
    pub fn strip_stream<'a, I>(
        &'a self,
        inputs: I,
    ) -> impl Iterator<Item = Result<Article, Skip>> + 'a
    where
        I: IntoIterator<Item = Result<RawDoc>>,
        I::IntoIter: 'a,
    {
        self.stream(inputs, self.config.site_templates, |_| false)
    }

    /// The stream of [`Pipeline::strip_stream`]; `learn` says whether templates are
    /// learnt batch by batch, `stored` whether an id hash is already in a state.
    fn stream<'a, I>(
        &'a self,
        inputs: I,
        learn: bool,
        stored: impl Fn(u128) -> bool + 'a,
    ) -> impl Iterator<Item = Result<Article, Skip>> + 'a
    where
        I: IntoIterator<Item = Result<RawDoc>>,
        I::IntoIter: 'a,
    {
        let mut inputs = inputs.into_iter();
        // Ids seen, as 128-bit hashes: 16 bytes a document however long the id,
        // and a false "duplicate" is as likely as a random 128-bit collision.
        let mut seen: HashSet<u128> = HashSet::new();
        let mut templates = Templates::new();
        let mut ready: std::vec::IntoIter<Result<Article, Skip>> = Vec::new().into_iter();
        std::iter::from_fn(move || loop {
            if let Some(r) = ready.next() {
                return Some(r);
            }
            // Each slot keeps its input position, so output order is input order.
            let mut slots: Vec<Result<RawDoc, Skip>> = Vec::new();
            let mut bytes = 0;
            for item in inputs.by_ref() {
                let slot = match item {
                    Ok(raw) if stored(xxh3_128(raw.id.as_bytes())) => {
                        Err(skip(Error::AlreadyStored {
                            doc: raw.name(),
                            id: raw.id,
                        }))
                    }
                    Ok(raw) if !seen.insert(xxh3_128(raw.id.as_bytes())) => {
                        Err(skip(Error::DuplicateId {
                            doc: raw.name(),
                            id: raw.id,
                        }))
                    }
                    Ok(raw) => {
                        bytes += raw.body.len();
                        Ok(raw)
                    }
                    Err(error) => Err(skip(error)),
                };
                slots.push(slot);
                if slots.len() == BATCH || bytes >= BATCH_BYTES {
                    break;
                }
            }
            if slots.is_empty() {
                return None;
            }
            let mut done: Vec<Result<Article, Skip>> = self.install(|| {
                slots
                    .into_par_iter()
                    .map(|slot| slot.and_then(|raw| self.strip(raw).map_err(skip)))
                    .collect()
            });
            // Corpus evidence: this batch's pages teach the site templates, then
            // every page of the batch loses what is template on its site.
            if learn {
                templates.observe_and_clean(done.iter_mut().flatten());
            }
            ready = done.into_iter();
        })
    }

    /// Strips every document of `inputs`; site templates are learnt from the whole
    /// set; articles sorted by id, skips by message.
    pub fn strip_all<I>(&self, inputs: I) -> Stripped
    where
        I: IntoIterator<Item = Result<RawDoc>>,
    {
        let mut skipped = Vec::new();
        let articles = self.strip_all_reporting(inputs, |s| skipped.push(s));
        sort_skips(&mut skipped);
        Stripped { articles, skipped }
    }

    /// [`Pipeline::strip_all`], handing each skip to `report` as it happens (in
    /// input order) instead of keeping them: memory does not grow with the
    /// number of unusable documents.
    pub fn strip_all_reporting<I>(&self, inputs: I, mut report: impl FnMut(Skip)) -> Vec<Article>
    where
        I: IntoIterator<Item = Result<RawDoc>>,
    {
        self.strip_with(inputs, &mut Templates::new(), |_| false, &mut report)
    }

    /// Strips every document of `inputs` but those `stored` already; `templates`
    /// learns from all of them before each is cleaned, so the result does not
    /// depend on order. Articles sorted by id.
    fn strip_with<I>(
        &self,
        inputs: I,
        templates: &mut Templates,
        stored: impl Fn(u128) -> bool,
        report: &mut impl FnMut(Skip),
    ) -> Vec<Article>
    where
        I: IntoIterator<Item = Result<RawDoc>>,
    {
        let mut articles = Vec::new();
        for r in self.stream(inputs, false, stored) {
            match r {
                Ok(a) => articles.push(a),
                Err(s) => report(s),
            }
        }
        if self.config.site_templates {
            templates.observe_and_clean(articles.iter_mut());
        }
        articles.sort_by(|a, b| a.id.cmp(&b.id));
        articles
    }

    /// Adds `inputs` to a persistent dedup state and commits it: documents whose
    /// id the state holds are skipped ([`Error::AlreadyStored`]); the others are
    /// stripped, cleaned with the templates the state has learnt (which learn
    /// from them first), and inserted in id order. Returns how many were added.
    /// An error of the state itself (a file that cannot be written or read back)
    /// ends the run before the commit, leaving the state as it was.
    pub fn update_reporting<I>(
        &self,
        inputs: I,
        store: &mut Store,
        mut report: impl FnMut(Skip),
    ) -> Result<usize>
    where
        I: IntoIterator<Item = Result<RawDoc>>,
    {
        let mut templates = std::mem::take(store.templates_mut());
        let articles = {
            let known = &*store;
            self.strip_with(
                inputs,
                &mut templates,
                |h| known.contains_hash(h),
                &mut report,
            )
        };
        *store.templates_mut() = templates;
        let prints: Vec<Fingerprint> =
            self.install(|| articles.par_iter().map(fingerprint).collect());
        for (a, p) in articles.iter().zip(&prints) {
            store.insert(a, p)?;
        }
        store.commit()?;
        Ok(articles.len())
    }

    /// The canonical texts of a state's stories ([`Store::stories`]), built in
    /// parallel, sorted by id.
    pub fn stories(&self, store: &Store, changed: bool) -> Result<Vec<Canonical>> {
        let groups = store.stories(changed);
        let mut canon = self.install(|| {
            groups
                .par_iter()
                .map(|g| store.canonical(g))
                .collect::<Result<Vec<Canonical>>>()
        })?;
        canon.sort_by(|a, b| a.id.cmp(&b.id));
        Ok(canon)
    }

    /// Runs everything: strips `inputs`, finds copies, and returns one canonical
    /// article per story with the skip report.
    pub fn run<I>(&self, inputs: I) -> Distilled
    where
        I: IntoIterator<Item = Result<RawDoc>>,
    {
        let mut skipped = Vec::new();
        let articles = self.run_reporting(inputs, |s| skipped.push(s));
        sort_skips(&mut skipped);
        Distilled { articles, skipped }
    }

    /// [`Pipeline::run`], handing each skip to `report` as it happens (in input
    /// order) instead of keeping them. Returns the stories, sorted by id.
    pub fn run_reporting<I>(&self, inputs: I, report: impl FnMut(Skip)) -> Vec<Canonical>
    where
        I: IntoIterator<Item = Result<RawDoc>>,
    {
        let articles = self.strip_all_reporting(inputs, report);
        self.install(|| {
            // Strip's tokens serve the fingerprint and the paragraph shingles
            // canonical compares: the text is not normalised again.
            let prints: Vec<Fingerprint> = articles.par_iter().map(fingerprint).collect();
            let groups = cluster(&prints);
            drop(prints); // freed before the canonical texts are built
                          // Each article is in one group: moved there, its copies (text, tokens,
                          // and the shingles computed from them) are freed as soon as its story
                          // is built, so memory holds the articles or the stories, not both.
            let mut slots: Vec<Option<Article>> = articles.into_iter().map(Some).collect();
            let owned: Vec<Vec<Article>> = groups
                .iter()
                .map(|g| g.iter().filter_map(|&i| slots[i].take()).collect())
                .collect();
            let mut canon: Vec<Canonical> = owned
                .into_par_iter()
                .map(|members| canonical(&members.iter().collect::<Vec<_>>()))
                .collect();
            canon.sort_by(|a, b| a.id.cmp(&b.id));
            canon
        })
    }
}

/// Skips in a fixed order, so the report does not depend on input order either:
/// by message (it starts with the path or id), numbers compared as numbers so
/// `dump.jsonl:9` comes before `dump.jsonl:10`.
fn sort_skips(skipped: &mut [Skip]) {
    skipped.sort_by_cached_key(|s| natural_key(&s.error.to_string()));
}

/// A sort key in which each run of digits compares by value.
fn natural_key(s: &str) -> Vec<(u8, u128, String)> {
    let mut key = Vec::new();
    let mut rest = s;
    while !rest.is_empty() {
        let digits = rest
            .find(|c: char| !c.is_ascii_digit())
            .unwrap_or(rest.len());
        if digits > 0 {
            let (d, r) = rest.split_at(digits);
            key.push((0, d.parse().unwrap_or(u128::MAX), String::new()));
            rest = r;
        } else {
            let text = rest
                .find(|c: char| c.is_ascii_digit())
                .unwrap_or(rest.len());
            let (t, r) = rest.split_at(text);
            key.push((1, 0, t.to_owned()));
            rest = r;
        }
    }
    key
}

fn skip(error: Error) -> Skip {
    Skip {
        id: error_id(&error),
        error,
    }
}

fn error_id(e: &Error) -> Option<String> {
    match e {
        Error::TooLarge { id, .. }
        | Error::Empty { id, .. }
        | Error::DuplicateId { id, .. }
        | Error::AlreadyStored { id, .. } => Some(id.clone()),
        Error::Warc { id, .. } => id.clone(),
        _ => None,
    }
}
