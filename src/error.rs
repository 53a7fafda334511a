//! The one error type of the crate. Every variant names the document it is about
//! (path, line, id), so a skip report can always say what was lost and why.

use std::path::PathBuf;

/// Everything that can go wrong with one input or one document.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A file or directory could not be read (includes truncated gzip streams).
    #[error("{path}: {source}")]
    Io {
        /// The file that failed.
        path: PathBuf,
        /// The underlying I/O error.
        source: std::io::Error,
    },
    /// A JSONL line is not a JSON object of the expected shape.
    #[error("{path}:{line}: {reason}")]
    Record {
        /// The JSONL file.
        path: PathBuf,
        /// 1-based line number.
        line: u64,
        /// What is wrong with the record.
        reason: String,
    },
    /// A WARC record that cannot be read or holds no page.
    #[error("{path} at byte {offset}{}: {reason}", id.as_deref().map(|i| format!(" ({i})")).unwrap_or_default())]
    Warc {
        /// The WARC file.
        path: PathBuf,
        /// Where the record starts, in the uncompressed stream.
        offset: u64,
        /// `WARC-Record-ID`, when the header could be read.
        id: Option<String>,
        /// What is wrong with the record.
        reason: String,
    },
    /// A file whose extension names no format we read.
    #[error(
        "{path}: unsupported input (expected .html, .htm, .txt, .jsonl or .warc, optionally .gz)"
    )]
    Unsupported {
        /// The file.
        path: PathBuf,
    },
    /// A document exceeds a configured limit.
    #[error("{doc}: {what} of {} is over the limit of {limit} bytes", size.map_or_else(|| format!("more than {limit} bytes"), |s| format!("{s} bytes")))]
    TooLarge {
        /// Document id.
        id: String,
        /// The document as a report names it: where it came from, and its id.
        doc: String,
        /// Which limit.
        what: &'static str,
        /// Its size, when known without reading past the limit.
        size: Option<u64>,
        /// Configured limit.
        limit: u64,
    },
    /// A document left no article text after stripping.
    #[error("{doc}: no article text found")]
    Empty {
        /// Document id.
        id: String,
        /// The document as a report names it: where it came from, and its id.
        doc: String,
    },
    /// A second document with an id already seen in this run.
    #[error("{doc}: duplicate id {id:?} (an earlier document of this run has it)")]
    DuplicateId {
        /// The repeated id.
        id: String,
        /// The document as a report names it: where it came from, and its id.
        doc: String,
    },
    /// A document whose id a persistent dedup state already holds.
    #[error("{doc}: duplicate id {id:?} (the dedup state already holds a document with it)")]
    AlreadyStored {
        /// The repeated id.
        id: String,
        /// The document as a report names it: where it came from, and its id.
        doc: String,
    },
    /// A dedup state file that cannot be used: truncated, corrupt, of another
    /// format version, or in use by another run.
    #[error("{path}: {reason}")]
    State {
        /// The file of the state directory.
        path: PathBuf,
        /// What is wrong with it.
        reason: String,
    },
    /// Another process of a distributed run could not be reached or was lost.
    #[error("process {process}: {reason}")]
    Peer {
        /// The process that failed.
        process: usize,
        /// What happened.
        reason: String,
    },
    /// A document given without an id.
    #[error("{doc}: document without an id")]
    NoId {
        /// Where the document came from.
        doc: String,
    },
    /// A setting out of its range.
    #[error("{option}: {reason}")]
    Config {
        /// The setting.
        option: &'static str,
        /// What is wrong with its value.
        reason: String,
    },
    /// The thread pool could not be built.
    #[error("thread pool: {0}")]
    ThreadPool(String),
}

/// `Result` with the crate's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;
