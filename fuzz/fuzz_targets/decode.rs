//! Any bytes with any Content-Type: decoding gives text, never panics.
#![no_main]
use libfuzzer_sys::fuzz_target;
use newsdistill::{decode::decode, Format, RawDoc};

fuzz_target!(|data: &[u8]| {
    // The first line, if short, plays the HTTP Content-Type header.
    let (ct, body) = match data.iter().position(|&b| b == b'\n') {
        Some(i) if i < 80 => (Some(String::from_utf8_lossy(&data[..i]).into_owned()), &data[i + 1..]),
        _ => (None, data),
    };
    let mut raw = RawDoc::new("fuzz", Format::Html, body);
    raw.content_type = ct;
    let _ = decode(raw);
});
