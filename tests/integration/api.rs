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
    let dir = std::env::temp_dir().join(format!("nd-jsonl-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
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
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn missing_and_unsupported_inputs_are_reported() {
    let dir = std::env::temp_dir().join(format!("nd-bad-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
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
    std::fs::remove_dir_all(&dir).unwrap();
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

#[test]
fn shares_of_a_source_yield_every_item_once_in_place() {
    let dir = crate::dumps::temp_dir("share");
    let dump = dir.join("d.jsonl");
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
    std::fs::write(&dump, text).unwrap();
    let inputs = [crate::corpus(), dump];
    let label = |r: &newsdistill::Result<newsdistill::RawDoc>| match r {
        Ok(d) => d.id.clone(),
        Err(e) => e.to_string(),
    };
    for (max_bytes, items) in [(1 << 20, 9 + 8 + 1), (10, 9 + 8 + 2)] {
        let mut whole = Source::new(&inputs).max_bytes(max_bytes);
        let mut all = Vec::new();
        while let Some(r) = whole.next() {
            all.push((whole.position(), label(&r)));
        }
        assert_eq!(all.len(), items, "{max_bytes}");
        assert!(all.iter().enumerate().all(|(i, (p, _))| *p == i as u64));
        let mut shared = Vec::new();
        for k in 0..3 {
            let mut s = Source::new(&inputs).max_bytes(max_bytes).share(k, 3);
            while let Some(r) = s.next() {
                assert_eq!(s.position() % 3, k as u64);
                shared.push((s.position(), label(&r)));
            }
        }
        shared.sort();
        assert_eq!(shared, all, "{max_bytes}");
    }
}
