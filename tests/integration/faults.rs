//! The fault corpus: everything a crawler's dump contains, in one run. No panic,
//! every bad document reported with its id and reason, every good one out as usual,
//! and the counts add up to the input.

use std::io::Write;

use flate2::write::GzEncoder;
use flate2::Compression;
use newsdistill::{Format, Pipeline, RawDoc, Source};

use super::dumps::{record, response, temp_dir};

const STORY: &str = "The regional council approved the new water plan on Monday after a \
long debate, promising drip irrigation for small farms and new reservoirs in the \
valley over the next three years, according to a statement from the ministry.";

fn page(title: &str) -> String {
    format!("<html><body><article><h1>{title}</h1><p>{STORY}</p><p>{STORY} {title}</p></article></body></html>")
}

#[test]
fn fault_corpus_is_fully_accounted_for() {
    let dir = temp_dir("faults");
    let w = |name: &str, bytes: &[u8]| std::fs::write(dir.join(name), bytes).unwrap();
    // Good pages, one with invalid UTF-8 in a page labelled UTF-8.
    w("good.html", page("Good").as_bytes());
    let mut raw = page("Latin").into_bytes();
    raw.splice(30..30, *b"\xe9\xff\xc3");
    w(
        "bad_utf8.html",
        &[b"<meta charset=utf-8>".as_slice(), &raw].concat(),
    );
    // Bad documents.
    w("empty.html", b"");
    w(
        "nav_only.html",
        b"<nav><a href='/'>Home</a> <a href='/x'>News</a></nav>",
    );
    w(
        "deep.html",
        format!(
            "{}<p>deep</p>{}",
            "<div>".repeat(100_000),
            "</div>".repeat(100_000)
        )
        .as_bytes(),
    );
    let line = format!("<p>{}</p>", "word ".repeat(10 << 20)); // 50 MB, one line
    w("giant.html", line.as_bytes());
    let mut jsonl = std::fs::File::create(dir.join("dump.jsonl")).unwrap();
    for l in [
        serde_json::json!({"id": "j1", "html": page("J1")}).to_string(),
        "{not json".into(),
        serde_json::json!({"html": page("no id")}).to_string(),
        serde_json::json!({"id": "good", "html": page("dup of a file id")}).to_string(),
    ] {
        writeln!(jsonl, "{l}").unwrap();
    }
    drop(jsonl);
    let ok = |id: &str| response(id, "https://x.ma/", "HTTP/1.1 200 OK", page(id).as_bytes());
    let mut warc = ok("w1");
    let text = String::from_utf8(ok("wrong-length")).unwrap();
    let n: usize = text
        .split("Content-Length: ")
        .nth(1)
        .unwrap()
        .split("\r\n")
        .next()
        .unwrap()
        .parse()
        .unwrap();
    let wrong = text
        .replacen(
            &format!("Content-Length: {n}"),
            &format!("Content-Length: {}", n - 25),
            1,
        )
        .into_bytes();
    warc.extend(wrong);
    warc.extend(ok("w2"));
    warc.extend(record(
        "warcinfo",
        "info",
        "",
        "application/warc-fields",
        b"x: y\r\n",
    ));
    let cut = ok("truncated");
    warc.extend_from_slice(&cut[..cut.len() / 2]);
    w("crawl.warc", &warc);
    let mut gz = GzEncoder::new(Vec::new(), Compression::fast());
    gz.write_all(page("gz").as_bytes()).unwrap();
    let gz = gz.finish().unwrap();
    w("cut.html.gz", &gz[..gz.len() - 20]);

    let out = Pipeline::default().run(Source::new(&[&dir]));
    let members: Vec<&str> = out
        .articles
        .iter()
        .flat_map(|a| a.members.iter().map(String::as_str))
        .collect();
    let reasons: Vec<String> = out.skipped.iter().map(|s| s.error.to_string()).collect();
    // Good: bad_utf8, good, j1, w1, w2 (the three with the same story collapse).
    let mut sorted = members.clone();
    sorted.sort();
    assert_eq!(
        sorted,
        ["bad_utf8", "good", "j1", "urn:uuid:w1", "urn:uuid:w2"],
        "{reasons:#?}"
    );
    let expect = [
        ("cut.html.gz", "cut.html.gz"),
        ("empty", "no article text"),
        ("nav_only", "no article text"),
        ("deep", "no article text"),
        ("giant", "over the limit"),
        ("dump.jsonl:2", "key must be a string"),
        ("dump.jsonl:3", "missing or empty \"id\""),
        ("good", "duplicate id"),
        ("wrong-length", "Content-Length"),
        ("truncated", "truncated"),
    ];
    for (what, why) in expect {
        assert!(
            reasons.iter().any(|r| r.contains(what) && r.contains(why)),
            "no skip for {what} ({why}): {reasons:#?}"
        );
    }
    assert_eq!(reasons.len(), expect.len(), "{reasons:#?}");
    // Fifteen documents in: five out, ten reported.
    assert_eq!(members.len() + out.skipped.len(), 15);
    let bad = out
        .articles
        .iter()
        .find(|a| a.members.contains(&"bad_utf8".to_owned()));
    assert!(bad.is_some());
}

#[test]
fn the_cli_summary_adds_up() {
    let dir = temp_dir("faults-cli");
    std::fs::write(dir.join("a.html"), page("A")).unwrap();
    std::fs::write(dir.join("b.txt"), "").unwrap();
    std::fs::write(dir.join("c.jsonl"), "nope\n").unwrap();
    let out = super::cli::distill()
        .args(["strip", "-q"])
        .arg(&dir)
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{err}");
    assert!(
        err.contains("3 documents in, 1 processed, 2 skipped"),
        "{err}"
    );
    assert!(
        err.contains("b.txt (b): no article text") && err.contains("c.jsonl:1:"),
        "{err}"
    );
}

#[test]
fn any_bytes_give_an_article_or_an_error() {
    // A few hostile shapes beyond the fuzzers' seeds, through the public API.
    let cases: Vec<Vec<u8>> = vec![
        vec![0xff; 4096],
        b"<".repeat(10_000),
        b"<table>".repeat(5_000),
        b"<!--".to_vec(),
        "\u{202e}\u{200f}".repeat(1000).into_bytes(),
        b"\xef\xbb\xbf\xff\xfe\x00<p>".to_vec(),
        format!("<p>{}</p>", "\u{0651}".repeat(5000)).into_bytes(),
    ];
    let p = Pipeline::default();
    for bytes in cases {
        for format in [Format::Html, Format::Text] {
            let _ = p.strip(RawDoc::new("x", format, bytes.clone()));
        }
    }
}
