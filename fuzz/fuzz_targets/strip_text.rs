//! Any bytes as an plain-text dump: strip and fingerprint return, never panic.
#![no_main]
use libfuzzer_sys::fuzz_target;
use newsdistill::{Format, Pipeline, RawDoc};

fuzz_target!(|data: &[u8]| {
    let p = Pipeline::default();
    if let Ok(article) = p.strip(RawDoc::new("fuzz", Format::Text, data)) {
        let _ = p.fingerprint(&article);
    }
});
