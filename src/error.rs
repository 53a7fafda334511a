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
    #[error("{id}: {what} is {size}, over the limit of {limit}")]
    TooLarge {
        /// Document id.
        id: String,
        /// Which limit.
        what: &'static str,
        /// Measured size.
        size: usize,
        /// Configured limit.
        limit: usize,
    },
    /// A document left no article text after stripping.
    #[error("{id}: no article text found")]
    Empty {
        /// Document id.
        id: String,
    },
    /// A second document with an id already seen in this run.
    #[error("{id}: duplicate id (first seen in {first})")]
    DuplicateId {
        /// The repeated id.
        id: String,
        /// Where the first document with this id came from.
        first: String,
    },
    /// The thread pool could not be built.
    #[error("thread pool: {0}")]
    ThreadPool(String),
}

/// `Result` with the crate's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;
