//! The pipeline: wires the stages per document (source → decode → segment → strip →
//! fingerprint) in parallel with rayon, then over the whole set (cluster →
//! canonical). Documents are processed in bounded batches so raw pages are never all
//! in memory at once. Outputs are sorted by id, so they do not depend on input order
//! or thread count.

use std::collections::HashMap;
use std::sync::Arc;

use rayon::prelude::*;

use crate::canonical::{canonical_with, Canonical};
use crate::cluster::cluster;
use crate::decode::decode;
use crate::error::{Error, Result};
use crate::fingerprint::{fingerprint, fingerprint_tokens, paragraph_shingles, Fingerprint};
use crate::segment::segment;
use crate::source::RawDoc;
use crate::strip::{Article, Stripper, Templates};

/// Most documents read before a parallel batch is processed.
pub const BATCH: usize = 512;
/// Most bytes of raw documents held in one batch.
pub const BATCH_BYTES: usize = 64 << 20;

/// Pipeline settings. Build with [`Pipeline::builder`].
#[derive(Debug, Clone)]
pub struct Config {
    /// Threads for a local pool; `None` uses the caller's rayon pool.
    pub threads: Option<usize>,
    /// Largest document accepted, in bytes.
    pub max_bytes: usize,
    /// Most paragraphs kept per article.
    pub max_paragraphs: usize,
    /// Deepest HTML element nesting accepted (parse time grows with its square).
    pub max_depth: usize,
    /// Remove paragraphs that recur on many pages of one site ([`Templates`]).
    pub site_templates: bool,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            threads: None,
            max_bytes: crate::source::DEFAULT_MAX_BYTES,
            max_paragraphs: 5_000,
            max_depth: 10_000,
            site_templates: true,
        }
    }
}

/// Builder for [`Pipeline`].
#[derive(Debug, Clone, Default)]
pub struct PipelineBuilder {
    config: Config,
}

impl PipelineBuilder {
    /// Run on a local pool of `n` threads instead of the caller's rayon pool.
    pub fn threads(mut self, n: usize) -> Self {
        self.config.threads = Some(n.max(1));
        self
    }

    /// Documents larger than this many bytes are skipped (default 32 MiB).
    pub fn max_bytes(mut self, n: usize) -> Self {
        self.config.max_bytes = n;
        self
    }

    /// Articles keep at most this many paragraphs (default 5000).
    pub fn max_paragraphs(mut self, n: usize) -> Self {
        self.config.max_paragraphs = n;
        self
    }

    /// HTML nested deeper than this is skipped (default 10,000).
    pub fn max_depth(mut self, n: usize) -> Self {
        self.config.max_depth = n;
        self
    }

    /// Whether paragraphs recurring on many pages of one site are removed as
    /// template (default true; see [`Templates`]).
    pub fn site_templates(mut self, on: bool) -> Self {
        self.config.site_templates = on;
        self
    }

    /// Builds the pipeline (and its thread pool, if a thread count was set).
    pub fn build(self) -> Result<Pipeline> {
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
pub struct Skip {
    /// Document id, when it could be read.
    pub id: Option<String>,
    /// Why it was skipped; the error names the path, line or id.
    pub error: Error,
}

/// Result of stripping a set of documents.
#[derive(Debug, Default)]
pub struct Stripped {
    /// Articles, sorted by id.
    pub articles: Vec<Article>,
    /// Documents that could not be read or held no article.
    pub skipped: Vec<Skip>,
}

/// Result of a full run.
#[derive(Debug, Default)]
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
        if raw.body.len() > self.config.max_bytes {
            return Err(Error::TooLarge {
                id: raw.id,
                what: "document",
                size: raw.body.len(),
                limit: self.config.max_bytes,
            });
        }
        let decoded = decode(raw);
        let mut article = self
            .stripper
            .strip(segment(decoded, self.config.max_depth)?);
        article.paragraphs.truncate(self.config.max_paragraphs);
        if article.paragraphs.is_empty() {
            return Err(Error::Empty { id: article.id });
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
        self.stream(inputs, self.config.site_templates)
    }

    fn stream<'a, I>(
        &'a self,
        inputs: I,
        learn: bool,
    ) -> impl Iterator<Item = Result<Article, Skip>> + 'a
    where
        I: IntoIterator<Item = Result<RawDoc>>,
        I::IntoIter: 'a,
    {
        let mut inputs = inputs.into_iter();
        let mut origins: HashMap<String, String> = HashMap::new();
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
                    Ok(raw) => match origins.get(&raw.id) {
                        Some(first) => Err(Skip {
                            id: Some(raw.id.clone()),
                            error: Error::DuplicateId {
                                id: raw.id,
                                first: first.clone(),
                            },
                        }),
                        None => {
                            origins.insert(raw.id.clone(), raw.origin.clone());
                            bytes += raw.body.len();
                            Ok(raw)
                        }
                    },
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
        let mut out = Stripped::default();
        for r in self.stream(inputs, false) {
            match r {
                Ok(a) => out.articles.push(a),
                Err(s) => out.skipped.push(s),
            }
        }
        // Templates from the whole set, so the result does not depend on order.
        if self.config.site_templates {
            Templates::new().observe_and_clean(out.articles.iter_mut());
        }
        out.articles.sort_by(|a, b| a.id.cmp(&b.id));
        sort_skips(&mut out.skipped);
        out
    }

    /// Runs everything: strips `inputs`, finds copies, and returns one canonical
    /// article per story with the skip report.
    pub fn run<I>(&self, inputs: I) -> Distilled
    where
        I: IntoIterator<Item = Result<RawDoc>>,
    {
        let Stripped { articles, skipped } = self.strip_all(inputs);
        let canon = self.install(|| {
            // Strip's tokens serve the fingerprint and the paragraph shingles
            // canonical compares: the text is not normalised again.
            let (prints, shingles): (Vec<Fingerprint>, Vec<Vec<Vec<u64>>>) = articles
                .par_iter()
                .map(|a| {
                    let t = a.tokens.for_paragraphs(&a.paragraphs);
                    (fingerprint_tokens(&t), paragraph_shingles(&t))
                })
                .unzip();
            let groups = cluster(&prints);
            drop(prints); // freed before the canonical texts are built
            let mut canon: Vec<Canonical> = groups
                .par_iter()
                .map(|g| {
                    let members: Vec<(&Article, &[Vec<u64>])> = g
                        .iter()
                        .map(|&i| (&articles[i], shingles[i].as_slice()))
                        .collect();
                    canonical_with(&members)
                })
                .collect();
            canon.sort_by(|a, b| a.id.cmp(&b.id));
            canon
        });
        Distilled {
            articles: canon,
            skipped,
        }
    }
}

/// Skips in a fixed order, so the report does not depend on input order either:
/// by message (it starts with the path or id), numbers compared as numbers so
/// `dump.jsonl:9` comes before `dump.jsonl:10`.
pub fn sort_skips(skipped: &mut [Skip]) {
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
        Error::TooLarge { id, .. } | Error::Empty { id } | Error::DuplicateId { id, .. } => {
            Some(id.clone())
        }
        Error::Warc { id, .. } => id.clone(),
        _ => None,
    }
}
