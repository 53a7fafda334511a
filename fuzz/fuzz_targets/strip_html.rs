//! Any bytes as an HTML page: strip and fingerprint return, never panic.
#![no_main]
use libfuzzer_sys::fuzz_target;
use newsdistill::{Format, Pipeline, RawDoc};

// Built once: the stop-word tables are the expensive part of a pipeline.
static PIPELINE: std::sync::OnceLock<Pipeline> = std::sync::OnceLock::new();

fuzz_target!(|data: &[u8]| {
    let p = PIPELINE.get_or_init(Pipeline::default);
    if let Ok(article) = p.strip(RawDoc::new("fuzz", Format::Html, data)) {
        let _ = p.fingerprint(&article);
    }
});
