//! Any bytes after a WARC version line: the reader yields documents or errors and
//! ends; every document strips without panicking.
#![no_main]
use libfuzzer_sys::fuzz_target;
use newsdistill::{Pipeline, Source};

// Built once: the stop-word tables are the expensive part of a pipeline.
static PIPELINE: std::sync::OnceLock<Pipeline> = std::sync::OnceLock::new();

fuzz_target!(|data: &[u8]| {
    let mut input = b"WARC/1.1\r\n".to_vec();
    input.extend_from_slice(data);
    let source = Source::from_reader("fuzz.warc", std::io::Cursor::new(input)).max_bytes(1 << 16);
    let _ = PIPELINE.get_or_init(Pipeline::default).run(source);
});
