//! Library behaviour: skip reports, ids, fingerprints, etiquette.

use std::io::Write;

use newsdistill::fingerprint::{fingerprint, shingle_simhash};
use newsdistill::normalize::{normalize, words};
use newsdistill::{Article, Error, Format, Pipeline, RawDoc, Source};

const STORY: &str = "راهنت المديرية العامة للأمن الوطني خلال سنة 2023 على تنويع وتقوية آليات \
التواصل الأمني، بغرض توطيد الإحساس بالأمن، ومواكبة عمل المصالح العملياتية للأمن.";

#[test]
fn pipeline_is_send_and_sync() {
    fn check<T: Send + Sync>() {}
    check::<Pipeline>();
}

#[test]
fn jsonl_records_bad_lines_and_duplicates_are_all_accounted_for() {
    let dir = crate::dumps::temp_dir("jsonl");
    let path = dir.join("dump.jsonl");
    let long = STORY.repeat(3);
    let mut f = std::fs::File::create(&path).unwrap();
    writeln!(
        f,
        "{}",
        serde_json::json!({"id": "a", "text": long, "extra": 1})
    )
    .unwrap();
    writeln!(f, "not json").unwrap();
    writeln!(f, "{}", serde_json::json!({"text": "no id"})).unwrap();
    writeln!(f).unwrap();
    writeln!(
        f,
        "{}",
        serde_json::json!({"id": 7, "url": "https://x.ma/a", "html": format!("<p>{long}</p>")})
    )
    .unwrap();
    writeln!(f, "{}", serde_json::json!({"id": "a", "text": "dup"})).unwrap();
    writeln!(
        f,
        "{}",
        serde_json::json!({"id": "empty", "html": "<nav><a href=/>x</a></nav>"})
    )
    .unwrap();
    drop(f);
    let out = Pipeline::default().strip_all(Source::new(&[&path]));
    let ids: Vec<&str> = out.articles.iter().map(|a| a.id.as_str()).collect();
    assert_eq!(ids, ["7", "a"]);
    assert_eq!(out.articles[0].url.as_deref(), Some("https://x.ma/a"));
    assert_eq!(
        out.articles.len() + out.skipped.len(),
        6,
        "every record accounted for"
    );
    let reasons: Vec<String> = out.skipped.iter().map(|s| s.error.to_string()).collect();
    assert!(
        reasons.iter().any(|r| r.contains("dump.jsonl:2:")),
        "{reasons:?}"
    );
    assert!(
        reasons
            .iter()
            .any(|r| r.contains("dump.jsonl:3:") && r.contains("id")),
        "{reasons:?}"
    );
    assert!(out
        .skipped
        .iter()
        .any(|s| matches!(&s.error, Error::DuplicateId { id, .. } if id == "a")));
    assert!(out
        .skipped
        .iter()
        .any(|s| matches!(&s.error, Error::Empty { id, .. } if id == "empty")));
}

#[test]
fn missing_and_unsupported_inputs_are_reported() {
    let dir = crate::dumps::temp_dir("bad");
    let odd = dir.join("notes.md");
    std::fs::write(&odd, "x").unwrap();
    let gz = dir.join("broken.txt.gz");
    std::fs::write(&gz, b"\x1f\x8b\x08\x00garbage").unwrap();
    let missing = dir.join("missing.txt");
    let out = Pipeline::default().run(Source::new(&[&odd, &gz, &missing]));
    assert!(out.articles.is_empty());
    let msgs: Vec<String> = out.skipped.iter().map(|s| s.error.to_string()).collect();
    assert_eq!(msgs.len(), 3, "{msgs:?}");
    // Sorted by message, whatever the input order.
    assert!(msgs[0].contains("broken.txt.gz"));
    assert!(msgs[1].contains("missing.txt"));
    assert!(msgs[2].contains("notes.md") && msgs[2].contains("unsupported"));
}

#[test]
fn too_large_documents_are_skipped_by_limit() {
    let p = Pipeline::builder().max_bytes(100).build().unwrap();
    let err = p
        .strip(RawDoc::new("big", Format::Text, STORY.repeat(2)))
        .unwrap_err();
    assert!(
        matches!(err, Error::TooLarge { ref id, .. } if id == "big"),
        "{err}"
    );
}

#[test]
fn hostile_nesting_is_cut_and_the_text_before_it_kept() {
    let story = "The regional council approved the new water plan on Monday after a long \
                 debate, promising drip irrigation for small farms and new reservoirs.";
    let html = format!(
        "<article><h1>Water plan</h1><p>{story}</p></article>{}<p>deep</p>{}",
        "<div>".repeat(100_000),
        "</div>".repeat(100_000)
    );
    let article = Pipeline::default()
        .strip(RawDoc::new("deep", Format::Html, html))
        .unwrap();
    assert_eq!(article.paragraphs, [story]);
    // Nothing before the cut: no article, said so.
    let html = format!("{}<p>deep</p>", "<div>".repeat(100_000));
    let err = Pipeline::default()
        .strip(RawDoc::new("deep", Format::Html, html))
        .unwrap_err();
    assert_eq!(err.to_string(), "deep: no article text found");
}

#[test]
fn golden_fingerprints() {
    // Pinned: a change here changes every stored fingerprint.
    let n = normalize(STORY);
    let w: Vec<&str> = words(&n).collect();
    assert_eq!(shingle_simhash(&w), 0x054a_0d54_480d_3e1a);
    let a = Article::new("x", vec![STORY.into()]);
    assert_eq!(fingerprint(&a).simhash, shingle_simhash(&w));
}

#[test]
fn diacritics_do_not_move_the_fingerprint() {
    let plain = "وأسفرت الآلية التقييمية لمعالجة الأخطاء المهنية عن معالجة ملفات إدارية كثيرة";
    let marked = "وأَسْفَرَتْ الآلِيَّةُ التقييمـــية لمعالجة الأخطاء المهنية عن معالجة ملفات إدارية كثيرة";
    let fp = |s: &str| {
        let a = Article::new("x", vec![s.into()]);
        fingerprint(&a).simhash
    };
    assert_eq!(fp(plain), fp(marked));
    // The raw crate function, by contrast, sees different words.
    assert_ne!(simhash::simhash(plain), simhash::simhash(marked));
}

#[test]
fn strips_tokens_are_a_cache_that_follows_edits() {
    let page = format!(
        "<html><body><article><h1>Headline here</h1><p>{STORY}</p><p>{}</p><p>{}</p>\
         </article></body></html>",
        STORY.replace("2023", "2024"),
        STORY.replace("الأمن", "السلامة"),
    );
    let p = Pipeline::default();
    let mut a = p
        .strip(RawDoc::new("t", Format::Html, page))
        .expect("an article");
    assert_eq!(a.paragraphs.len(), 3);
    assert_eq!(
        a.tokens.len(),
        3,
        "strip leaves the kept paragraphs' tokens"
    );
    let fresh = |a: &Article| {
        let mut bare = a.clone();
        bare.tokens = Default::default();
        fingerprint(&bare)
    };
    assert_eq!(fingerprint(&a), fresh(&a));
    // Edits after strip (a template removed, a paragraph rewritten) are seen.
    a.paragraphs.remove(0);
    a.paragraphs[1].push_str(" وأضاف المصدر أن العمل مستمر.");
    assert_eq!(fingerprint(&a), fresh(&a));
    a.paragraphs.clear();
    assert_eq!(fingerprint(&a), fresh(&a));
}

#[test]
fn a_serialised_article_holds_its_text() {
    let a = Article::new("x", vec!["One.".into(), "Two.".into()]);
    let v = serde_json::to_value(&a).unwrap();
    assert_eq!(v["id"], "x");
    assert_eq!(v["paragraphs"], serde_json::json!(["One.", "Two."]));
}

/// Inputs for sharing: the corpus's pages, a plain JSONL dump (a broken line,
/// blank lines, lines over a 10-byte document limit), the same dump gzipped, a
/// plain WARC whose payloads hold lines that look like record headers, one a
/// whole record followed by more text, and a record with a wrong length, and
/// that WARC gzipped a member per record, one member damaged; with the
/// directory that holds them, removed when dropped.
fn share_inputs() -> (crate::dumps::Scratch, Vec<std::path::PathBuf>) {
    let dir = crate::dumps::temp_dir("share");
    let mut text = String::new();
    for i in 0..7 {
        text += &format!("{{\"id\": \"j{i}\", \"text\": \"line {i}\"}}\n");
        if i == 3 {
            text += "{broken\n\n";
        }
    }
    // Over the line limit of a 10-byte document limit (2 × 10 + 1024): a line of
    // letters and a line of spaces are each one item (an error), as when read.
    text += &format!("{}\n{}\n", "x".repeat(2000), " ".repeat(2000));
    let dump = dir.join("d.jsonl");
    std::fs::write(&dump, &text).unwrap();
    let gz = dir.join("g.jsonl.gz");
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    enc.write_all(text.replace("\"j", "\"g").as_bytes())
        .unwrap();
    std::fs::write(&gz, enc.finish().unwrap()).unwrap();
    let nested = crate::dumps::record("resource", "inner", "x:", "text/plain", b"hello");
    let mut look_alike = b"WARC/1.0 is a format.\r\n".to_vec();
    look_alike.extend_from_slice(&nested);
    look_alike.extend_from_slice("More text after the quoted record.\n".repeat(20).as_bytes());
    let mut warc = Vec::new();
    for i in 0..6 {
        let body = format!("Page {i}.\n").repeat(30 * i + 1);
        warc.extend(crate::dumps::record(
            "resource",
            &format!("w{i}"),
            "x:",
            "text/plain",
            body.as_bytes(),
        ));
        if i == 2 {
            warc.extend(crate::dumps::record(
                "resource",
                "quote",
                "x:",
                "text/plain",
                &look_alike,
            ));
            let mut bad =
                crate::dumps::record("resource", "bad", "x:", "text/plain", b"0123456789");
            let at = bad
                .windows(18)
                .position(|w| w == b"Content-Length: 10")
                .unwrap();
            bad[at + 16..at + 18].copy_from_slice(b" 5");
            warc.extend(bad);
        }
    }
    let warc_path = dir.join("w.warc");
    std::fs::write(&warc_path, &warc).unwrap();
    // The same records gzipped one member each, a member damaged in the middle.
    let mut members = Vec::new();
    let mut rest = &warc[..];
    while !rest.is_empty() {
        let next = rest
            .windows(13)
            .position(|w| w == b"\r\n\r\nWARC/1.1\r")
            .map_or(rest.len(), |i| i + 4);
        let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        enc.write_all(&rest[..next]).unwrap();
        let mut member = enc.finish().unwrap();
        if members.len() == 6 {
            let mid = member.len() / 2;
            member[mid] ^= 0x55;
        }
        members.push(member);
        rest = &rest[next..];
    }
    let warc_gz = dir.join("w.warc.gz");
    std::fs::write(&warc_gz, members.concat()).unwrap();
    (dir, vec![crate::corpus(), dump, gz, warc_path, warc_gz])
}

#[test]
fn shares_of_a_source_yield_every_item_once_in_place() {
    let (_dir, inputs) = share_inputs();
    let label = |r: &newsdistill::Result<newsdistill::RawDoc>| match r {
        Ok(d) => format!("{} {}", d.id, d.origin),
        Err(e) => e.to_string(),
    };
    for max_bytes in [1 << 20, 10] {
        let mut whole = Source::new(&inputs).max_bytes(max_bytes);
        let mut all = Vec::new();
        while let Some(r) = whole.next() {
            all.push((whole.position(), label(&r)));
        }
        // A read error and the record after it can share a place: never across shares.
        assert!(all.windows(2).all(|w| w[0].0 <= w[1].0), "{all:?}");
        assert!(all.iter().any(|a| a.1.contains("d.jsonl:5")), "{all:?}");
        assert!(
            all.iter().any(|a| a.1.contains("urn:uuid:quote")),
            "{all:?}"
        );
        assert!(
            !all.iter().any(|a| a.1.contains("urn:uuid:inner")),
            "{all:?}"
        );
        for count in 2..=9 {
            // Every share counts the lines before its part itself, or is told them.
            let lines: Vec<Vec<u64>> = (0..count)
                .map(|k| Source::new(&inputs).share(k, count).counts_of_share())
                .collect();
            for told in [false, true] {
                let mut shared = Vec::new();
                for k in 0..count {
                    let mut s = Source::new(&inputs).max_bytes(max_bytes).share(k, count);
                    if told {
                        let before = (0..lines[0].len())
                            .map(|d| lines[..k].iter().map(|l| l[d]).sum())
                            .collect();
                        s = s.counts_before(before);
                    }
                    let mut mine = Vec::new();
                    while let Some(r) = s.next() {
                        mine.push((s.position(), label(&r)));
                    }
                    assert!(mine.windows(2).all(|w| w[0].0 <= w[1].0));
                    shared.extend(mine);
                }
                // Positions order the items as one reader does; a share that starts
                // after a bad record places its first at the record, not before it.
                shared.sort_by_key(|s| s.0);
                let labels = |v: &[((u64, u64), String)]| -> Vec<String> {
                    v.iter().map(|x| x.1.clone()).collect()
                };
                assert_eq!(
                    labels(&shared),
                    labels(&all),
                    "{max_bytes} bytes, {count} shares, told {told}"
                );
            }
        }
    }
}
