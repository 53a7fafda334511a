//! Any bytes as an HTML page: strip and fingerprint return, never panic.
#![no_main]
use libfuzzer_sys::fuzz_target;
use newsdistill::{Format, Pipeline, RawDoc};

fuzz_target!(|data: &[u8]| {
    let p = Pipeline::default();
    if let Ok(article) = p.strip(RawDoc::new("fuzz", Format::Html, data)) {
        let _ = p.fingerprint(&article);
    }
});
