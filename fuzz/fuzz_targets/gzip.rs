//! Any bytes after a gzip magic: the member-by-member reader resynchronises or
//! ends, and every record it yields strips without panicking.
#![no_main]
use libfuzzer_sys::fuzz_target;
use newsdistill::{Pipeline, Source};

// Built once: the stop-word tables are the expensive part of a pipeline.
static PIPELINE: std::sync::OnceLock<Pipeline> = std::sync::OnceLock::new();

fuzz_target!(|data: &[u8]| {
    let mut input = vec![0x1f, 0x8b, 0x08];
    input.extend_from_slice(data);
    let source = Source::from_reader("fuzz.gz", std::io::Cursor::new(input)).max_bytes(1 << 16);
    let _ = PIPELINE.get_or_init(Pipeline::default).run(source);
});
