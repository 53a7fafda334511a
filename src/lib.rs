//! newsdistill turns raw news pages (HTML or plain-text dumps) into clean,
//! deduplicated articles: one canonical text per story, with provenance.
//!
//! # Overview
//!
//! Each stage is a module named after it and takes the previous stage's type:
//!
//! | stage | module | input → output |
//! |---|---|---|
//! | source | [`source`] | paths → [`RawDoc`] stream (dirs, `.html/.txt/.jsonl`, `.gz`) |
//! | decode | [`decode`] | [`RawDoc`] → [`Decoded`] (BOM, HTTP charset, `<meta>`, detection) |
//! | segment | [`segment`] | [`Decoded`] → [`Segmented`] blocks with DOM evidence |
//! | strip | [`strip`] | [`Segmented`] → [`Article`]: title, byline, date, source, paragraphs; [`Templates`] drops what recurs across a site |
//! | normalize | [`normalize`] | text → Arabic-aware folded words (for matching only) |
//! | fingerprint | [`fingerprint`] | [`Article`] → [`Fingerprint`]: simhashes per doc, paragraph, passage |
//! | cluster | [`cluster`] | [`Fingerprint`]s → groups of copies (index + union-find) |
//! | canonical | [`canonical`] | a group of [`Article`]s → one [`Canonical`] text |
//! | state | [`state`] | a crawler's dedup state on disk across runs ([`Store`]) |
//! | dataflow | `dataflow` (feature `timely`) | the dedup pipeline across processes on timely dataflow |
//!
//! Helpers shared by stages: `hash` (a seeded hasher for hot hash sets, fmix) and
//! `text` (sentence punctuation, link share).
//!
//! [`Pipeline`] wires them with rayon: per document for a crawler
//! ([`Pipeline::strip`], [`Pipeline::fingerprint`]) or over a whole set
//! ([`Pipeline::run`]), reporting every document it could not use in
//! [`Distilled::skipped`]. The library never prints and never touches the global
//! rayon pool; a thread count builds a local pool.
//!
//! # Example
//!
//! ```
//! use newsdistill::{Format, Pipeline, RawDoc};
//!
//! let story = "Le conseil municipal a voté hier soir le budget de la ville pour l'année \
//!              prochaine, après un long débat sur les investissements dans les écoles et \
//!              les transports publics de la région.";
//! let page = format!(
//!     "<html><body><nav><a href='/'>Accueil</a> <a href='/sport'>Sport</a></nav>\
//!      <article><h1>Le budget voté</h1><p>{story}</p></article></body></html>"
//! );
//! let docs = vec![
//!     Ok(RawDoc::new("site-a", Format::Html, page)),
//!     Ok(RawDoc::new("site-b", Format::Text, format!("Le budget voté\n\n{story}\n"))),
//! ];
//! let out = Pipeline::default().run(docs);
//! assert_eq!(out.articles.len(), 1);
//! assert_eq!(out.articles[0].members, ["site-a", "site-b"]);
//! assert_eq!(out.articles[0].title.as_deref(), Some("Le budget voté"));
//! assert!(!out.articles[0].text().contains("Accueil"));
//! ```

#![warn(missing_docs)]

pub mod canonical;
pub mod cluster;
#[cfg(feature = "timely")]
pub mod dataflow;
pub mod decode;
mod error;
pub mod fingerprint;
mod hash;
pub mod normalize;
pub mod pipeline;
pub mod segment;
pub mod source;
pub mod state;
pub mod strip;
mod text;

pub use canonical::{Canonical, Paragraph};
pub use cluster::{Deduper, Index, Novelty};
pub use decode::Decoded;
pub use error::{Error, Result};
pub use fingerprint::Fingerprint;
pub use pipeline::{Config, Distilled, Pipeline, PipelineBuilder, Skip, Stripped};
pub use segment::Segmented;
pub use source::{host, Body, Format, RawDoc, Source};
pub use state::Store;
pub use strip::{Article, Stripper, Templates};
