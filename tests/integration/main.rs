//! The one integration-test crate (one link step on small CI machines).

mod api;
mod cli;
#[cfg(feature = "timely")]
mod dataflow;
mod dedup;
mod dumps;
mod faults;
mod hostile;
mod html;
mod props;
mod seeds;
mod state;
mod strip_rules;

use std::path::PathBuf;

use newsdistill::{Distilled, Pipeline, Source};

/// The crate's bundled corpus.
pub fn corpus() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("corpus")
}

/// A file of the corpus.
pub fn corpus_file(name: &str) -> PathBuf {
    corpus().join(name)
}

/// Runs the default pipeline over paths.
pub fn run(paths: &[PathBuf]) -> Distilled {
    Pipeline::default().run(Source::new(paths))
}
