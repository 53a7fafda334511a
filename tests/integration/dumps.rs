//! Dumps as crawlers store them: WARC (plain and per-record gzip), JSONL.gz,
//! stdin, and pages in the encodings Arabic sites use.

use std::io::Write;
use std::path::{Path, PathBuf};

use flate2::write::GzEncoder;
use flate2::Compression;
use newsdistill::{Error, Format, Pipeline, RawDoc, Source, Stripped};

const STORY: &str = "أعلنت وزارة الفلاحة والصيد البحري عن إطلاق برنامج جديد لدعم الفلاحين \
الصغار في المناطق القروية، يشمل توزيع البذور المختارة وتمويل مشاريع الري بالتنقيط على مدى \
ثلاث سنوات، بحسب ما جاء في بلاغ صادر عن الوزارة يوم الإثنين.";

/// A test's own scratch directory, emptied when made and removed when the test
/// ends (pass or fail), so runs leave nothing behind in the temp dir.
pub struct Scratch(PathBuf);

impl std::ops::Deref for Scratch {
    type Target = Path;
    fn deref(&self) -> &Path {
        &self.0
    }
}

impl AsRef<Path> for Scratch {
    fn as_ref(&self) -> &Path {
        &self.0
    }
}

impl AsRef<std::ffi::OsStr> for Scratch {
    fn as_ref(&self) -> &std::ffi::OsStr {
        self.0.as_os_str()
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

pub fn temp_dir(name: &str) -> Scratch {
    let dir = std::env::temp_dir().join(format!("nd-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    Scratch(dir)
}

fn page(title: &str) -> String {
    format!(
        "<html><head><title>{title}</title></head><body><nav><a href='/'>الرئيسية</a></nav>\
         <article><h1>{title}</h1><p>{STORY}</p><p>{STORY}</p></article></body></html>"
    )
}

/// One WARC 1.1 record, byte for byte as the spec lays it out.
pub fn record(kind: &str, id: &str, uri: &str, content_type: &str, block: &[u8]) -> Vec<u8> {
    let mut r = format!(
        "WARC/1.1\r\nWARC-Type: {kind}\r\nWARC-Record-ID: <urn:uuid:{id}>\r\n\
         WARC-Date: 2024-01-02T03:04:05Z\r\nWARC-Target-URI: {uri}\r\n\
         Content-Type: {content_type}\r\nContent-Length: {}\r\n\r\n",
        block.len()
    )
    .into_bytes();
    r.extend_from_slice(block);
    r.extend_from_slice(b"\r\n\r\n");
    r
}

/// A `response` record holding an HTTP response.
pub fn response(id: &str, uri: &str, http_head: &str, body: &[u8]) -> Vec<u8> {
    let mut block = format!("{http_head}\r\n\r\n").into_bytes();
    block.extend_from_slice(body);
    record(
        "response",
        id,
        uri,
        "application/http; msgtype=response",
        &block,
    )
}

pub fn gzip(data: &[u8]) -> Vec<u8> {
    let mut gz = GzEncoder::new(Vec::new(), Compression::fast());
    gz.write_all(data).unwrap();
    gz.finish().unwrap()
}

fn strip(path: &Path) -> Stripped {
    Pipeline::default().strip_all(Source::new(&[path]))
}

fn ids(out: &Stripped) -> Vec<&str> {
    out.articles.iter().map(|a| a.id.as_str()).collect()
}

fn reasons(out: &Stripped) -> Vec<String> {
    out.skipped.iter().map(|s| s.error.to_string()).collect()
}

/// A small crawl: every kind of record a Common Crawl WARC holds.
pub fn crawl() -> Vec<Vec<u8>> {
    let cp1256 = encoding_rs::WINDOWS_1256
        .encode(&page("خبر بترميز عربي"))
        .0
        .into_owned();
    let chunked = {
        let body = page("خبر مجزأ");
        let (a, b) = body.split_at(body.find("<article>").unwrap());
        format!("{:x}\r\n{a}\r\n{:x}\r\n{b}\r\n0\r\n\r\n", a.len(), b.len())
    };
    let records = vec![
        record(
            "warcinfo",
            "info",
            "",
            "application/warc-fields",
            b"software: test\r\n",
        ),
        record(
            "request",
            "req-1",
            "https://www.hespress.com/a1",
            "application/http; msgtype=request",
            b"GET /a1 HTTP/1.1\r\nHost: www.hespress.com\r\n\r\n",
        ),
        response(
            "r1",
            "https://www.hespress.com/a1",
            "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=windows-1256",
            &cp1256,
        ),
        response(
            "r2",
            "https://example.ma/a2",
            "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: gzip",
            &gzip(page("خبر مضغوط").as_bytes()),
        ),
        response(
            "r3",
            "https://example.ma/a3",
            "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nTransfer-Encoding: chunked",
            chunked.as_bytes(),
        ),
        response(
            "r4",
            "https://example.ma/gone",
            "HTTP/1.1 404 Not Found\r\nContent-Type: text/html",
            b"<p>not here</p>",
        ),
        response(
            "r5",
            "https://example.ma/logo.png",
            "HTTP/1.1 200 OK\r\nContent-Type: image/png",
            b"\x89PNG\r\n",
        ),
        record(
            "metadata",
            "meta-1",
            "https://example.ma/a3",
            "application/warc-fields",
            b"fetchTimeMs: 12\r\n",
        ),
        record(
            "resource",
            "r6",
            "file:///saved/a6.html",
            "text/html; charset=utf-8",
            page("خبر محفوظ").as_bytes(),
        ),
        record(
            "conversion",
            "r7",
            "https://example.ma/a7",
            "text/plain",
            format!("خبر نصي\n\n{STORY}\n").as_bytes(),
        ),
    ];
    // Pages: r1, r2, r3, r6, r7 out; r4, r5 reported; the rest are not pages.
    records
}

fn check_crawl(out: &Stripped) {
    assert_eq!(
        ids(out),
        [
            "urn:uuid:r1",
            "urn:uuid:r2",
            "urn:uuid:r3",
            "urn:uuid:r6",
            "urn:uuid:r7"
        ],
        "{:?}",
        reasons(out)
    );
    let r = reasons(out);
    assert_eq!(r.len(), 2, "{r:?}");
    assert!(r[0].contains("(urn:uuid:r4)") && r[0].contains("HTTP status 404"));
    assert!(r[1].contains("(urn:uuid:r5)") && r[1].contains("image/png"));
    let a = &out.articles;
    assert_eq!(a[0].title.as_deref(), Some("خبر بترميز عربي"));
    assert_eq!(a[0].url.as_deref(), Some("https://www.hespress.com/a1"));
    assert_eq!(a[1].title.as_deref(), Some("خبر مضغوط"));
    assert_eq!(a[2].title.as_deref(), Some("خبر مجزأ"));
    for art in a {
        assert!(art.text().contains(STORY), "{}: {}", art.id, art.text());
        assert!(!art.text().contains("الرئيسية"));
    }
}

#[test]
fn warc_records_become_pages_and_the_rest_is_accounted_for() {
    let dir = temp_dir("warc");
    let records = crawl();
    let path = dir.join("crawl.warc");
    std::fs::write(&path, records.concat()).unwrap();
    check_crawl(&strip(&path));
}

#[test]
fn warc_gz_with_one_member_per_record_reads_the_same() {
    let dir = temp_dir("warcgz");
    let records = crawl();
    let members: Vec<u8> = records.iter().flat_map(|r| gzip(r)).collect();
    let path = dir.join("crawl.warc.gz");
    std::fs::write(&path, members).unwrap();
    check_crawl(&strip(&path));
}

#[test]
fn wrong_content_length_loses_one_record_only() {
    let dir = temp_dir("warclen");
    let good = |id: &str| {
        response(
            id,
            &format!("https://x.ma/{id}"),
            "HTTP/1.1 200 OK\r\nContent-Type: text/html",
            page(&format!("عنوان {id}")).as_bytes(),
        )
    };
    let with_length = |rec: Vec<u8>, delta: i64| {
        let text = String::from_utf8(rec).unwrap();
        let (head, rest) = text.split_once("Content-Length: ").unwrap();
        let (n, rest) = rest.split_once("\r\n").unwrap();
        let n: i64 = n.parse().unwrap();
        format!("{head}Content-Length: {}\r\n{rest}", n + delta).into_bytes()
    };
    // Too short, too long (runs into the next record), and a truncated last record.
    let mut data = good("a");
    data.extend(with_length(good("short"), -40));
    data.extend(good("b"));
    data.extend(with_length(good("long"), 300));
    data.extend(good("c"));
    let last = good("cut");
    data.extend_from_slice(&last[..last.len() - 200]);
    let path = dir.join("bad.warc");
    std::fs::write(&path, &data).unwrap();
    let out = strip(&path);
    assert_eq!(
        ids(&out),
        ["urn:uuid:a", "urn:uuid:b", "urn:uuid:c"],
        "{:?}",
        reasons(&out)
    );
    let r = reasons(&out);
    assert_eq!(r.len(), 3, "{r:?}");
    assert!(r[0].contains("(urn:uuid:short)") && r[0].contains("Content-Length"));
    assert!(r[1].contains("(urn:uuid:long)") && r[1].contains("Content-Length"));
    assert!(r[2].contains("(urn:uuid:cut)") && r[2].contains("truncated"));
    assert!(r.iter().all(|m| m.contains("bad.warc at byte ")), "{r:?}");
    let skipped: Vec<_> = out.skipped.iter().map(|s| s.id.as_deref()).collect();
    assert_eq!(
        skipped,
        [
            Some("urn:uuid:short"),
            Some("urn:uuid:long"),
            Some("urn:uuid:cut")
        ]
    );
}

#[test]
fn garbage_between_records_is_reported_once() {
    let dir = temp_dir("warcjunk");
    let one = response(
        "x",
        "https://x.ma/x",
        "HTTP/1.1 200 OK",
        page("عنوان").as_bytes(),
    );
    let mut data = b"\x00\x01binary junk\nmore junk\n".to_vec();
    data.extend(one);
    let path = dir.join("junk.warc");
    std::fs::write(&path, &data).unwrap();
    let out = strip(&path);
    assert_eq!(ids(&out), ["urn:uuid:x"]);
    let r = reasons(&out);
    assert_eq!(r.len(), 1, "{r:?}");
    assert!(r[0].contains("junk.warc at byte 0") && r[0].contains("expected a WARC record"));
}

#[test]
fn truncated_gzip_reports_the_file_and_keeps_what_was_read() {
    let dir = temp_dir("gzcut");
    let records = crawl();
    let mut data: Vec<u8> = records[..3].iter().flat_map(|r| gzip(r)).collect();
    let last = gzip(&records[3]);
    data.extend_from_slice(&last[..last.len() / 2]);
    let path = dir.join("cut.warc.gz");
    std::fs::write(&path, &data).unwrap();
    let out = strip(&path);
    assert_eq!(ids(&out), ["urn:uuid:r1"]);
    let r = reasons(&out);
    assert_eq!(r.len(), 1, "{r:?}");
    assert!(
        r[0].contains("cut.warc.gz") && r[0].contains("read error"),
        "{r:?}"
    );

    let jsonl = format!(
        "{}\n{}\n",
        serde_json::json!({"id": "j1", "text": STORY}),
        serde_json::json!({"id": "j2", "text": STORY})
    );
    let gz = gzip(jsonl.as_bytes());
    let path = dir.join("cut.jsonl.gz");
    std::fs::write(&path, &gz[..gz.len() - 12]).unwrap();
    let out = strip(&path);
    assert_eq!(
        out.articles.len() + out.skipped.len(),
        2,
        "{:?}",
        reasons(&out)
    );
    assert!(reasons(&out).iter().any(|m| m.contains("cut.jsonl.gz:")));
}

#[test]
fn a_gzip_dump_damaged_in_its_first_member_is_reported() {
    // The first read fails (it used to be taken for "no byte-order mark" and
    // the member's line lost without a word); the member after it is read.
    let dir = temp_dir("gzfirst");
    let line = |id: &str| format!("{}\n", serde_json::json!({"id": id, "text": STORY}));
    let mut first = gzip(line("j1").as_bytes());
    for b in &mut first[12..20] {
        *b ^= 0x55;
    }
    let path = dir.join("first.jsonl.gz");
    std::fs::write(&path, [first, gzip(line("j2").as_bytes())].concat()).unwrap();
    let out = strip(&path);
    assert_eq!(ids(&out), ["j2"]);
    let r = reasons(&out);
    assert_eq!(r.len(), 1, "{r:?}");
    assert!(
        r[0].contains("first.jsonl.gz") && r[0].contains("corrupt"),
        "{r:?}"
    );
}

#[test]
fn jsonl_gz_reads_like_jsonl() {
    let dir = temp_dir("jsonlgz");
    let jsonl = format!(
        "{}\n{}\n",
        serde_json::json!({"id": "j1", "url": "https://a.ma/1", "html": page("أ")}),
        serde_json::json!({"id": "j2", "text": STORY})
    );
    let path = dir.join("d.jsonl.gz");
    std::fs::write(&path, gzip(jsonl.as_bytes())).unwrap();
    let out = strip(&path);
    assert_eq!(ids(&out), ["j1", "j2"]);
    assert!(out.skipped.is_empty());
}

#[test]
fn a_jsonl_line_that_is_not_utf8_is_reported_by_line() {
    let dir = temp_dir("jsonlutf8");
    let good = |id: &str| serde_json::json!({"id": id, "text": STORY}).to_string();
    let mut data = format!("{}\n", good("u1")).into_bytes();
    // A byte no UTF-8 text holds, inside the text string of line 2.
    data.extend_from_slice(b"{\"id\": \"u2\", \"text\": \"caf\xe9 au lait\"}\n");
    data.extend_from_slice(format!("{}\n", good("u3")).as_bytes());
    let path = dir.join("mixed.jsonl");
    std::fs::write(&path, data).unwrap();
    let out = strip(&path);
    assert_eq!(ids(&out), ["u1", "u3"]);
    let r = reasons(&out);
    assert_eq!(r.len(), 1, "{r:?}");
    assert!(
        r[0].ends_with("mixed.jsonl:2: invalid UTF-8 at byte 25 of the line"),
        "{r:?}"
    );
}

#[test]
fn oversized_documents_are_reported_without_being_read() {
    let dir = temp_dir("big");
    let big = page("كبير").repeat(50);
    std::fs::write(dir.join("big.html"), &big).unwrap();
    let rec = response("big", "https://x.ma/big", "HTTP/1.1 200 OK", big.as_bytes());
    let small = response(
        "small",
        "https://x.ma/s",
        "HTTP/1.1 200 OK",
        page("صغير").as_bytes(),
    );
    std::fs::write(dir.join("big.warc"), [rec, small].concat()).unwrap();
    std::fs::write(
        dir.join("big.jsonl"),
        format!("{}\n", serde_json::json!({"id": "j", "html": big})),
    )
    .unwrap();
    let out = Pipeline::default().strip_all(Source::new(&[&dir]).max_bytes(big.len() - 1));
    assert_eq!(ids(&out), ["urn:uuid:small"], "{:?}", reasons(&out));
    let r = reasons(&out);
    assert_eq!(r.len(), 3, "{r:?}");
    assert!(r.iter().all(|m| m.contains("limit")), "{r:?}");
}

/// The same Arabic page in every encoding Arabic sites are served in.
#[test]
fn encodings_of_arabic_pages() {
    let html = |charset: &str| {
        format!(
            "<html><head>{charset}<title>عنوان الخبر</title></head><body><article>\
             <h1>عنوان الخبر</h1><p>{STORY}</p></article></body></html>"
        )
    };
    let meta = |cs: &str| format!("<meta charset=\"{cs}\">");
    let enc = |e: &'static encoding_rs::Encoding, s: &str| e.encode(s).0.into_owned();
    let utf16 = |s: &str, le: bool| {
        let mut out = if le {
            vec![0xff, 0xfe]
        } else {
            vec![0xfe, 0xff]
        };
        for u in s.encode_utf16() {
            out.extend(if le { u.to_le_bytes() } else { u.to_be_bytes() });
        }
        out
    };
    let cases: Vec<(&str, Vec<u8>, Option<&str>)> = vec![
        ("utf-8", html(&meta("utf-8")).into_bytes(), None),
        ("utf-8 no label", html("").into_bytes(), None),
        (
            "utf-8 bom",
            [&b"\xef\xbb\xbf"[..], html("").as_bytes()].concat(),
            None,
        ),
        ("utf-16le bom", utf16(&html(""), true), None),
        ("utf-16be bom", utf16(&html(""), false), None),
        (
            "windows-1256 meta",
            enc(encoding_rs::WINDOWS_1256, &html(&meta("windows-1256"))),
            None,
        ),
        (
            "windows-1256 http",
            enc(encoding_rs::WINDOWS_1256, &html("")),
            Some("text/html; charset=windows-1256"),
        ),
        (
            "iso-8859-6 meta",
            enc(encoding_rs::ISO_8859_6, &html(&meta("iso-8859-6"))),
            None,
        ),
        (
            "windows-1256 labelled utf-8",
            enc(encoding_rs::WINDOWS_1256, &html(&meta("utf-8"))),
            None,
        ),
        (
            "windows-1256 unlabelled",
            enc(encoding_rs::WINDOWS_1256, &html("")),
            None,
        ),
        (
            "utf-8 labelled latin-1",
            html(&meta("iso-8859-1")).into_bytes(),
            Some("text/html; charset=iso-8859-1"),
        ),
    ];
    let p = Pipeline::default();
    for (name, bytes, content_type) in cases {
        let mut raw = RawDoc::new(name, Format::Html, bytes);
        raw.content_type = content_type.map(str::to_owned);
        let a = p.strip(raw).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(a.title.as_deref(), Some("عنوان الخبر"), "{name}");
        assert_eq!(a.paragraphs, [STORY], "{name}");
    }
}

#[test]
fn stdin_dumps_are_recognised() {
    let records = crawl();
    let warc = records.concat();
    let jsonl = format!("{}\n", serde_json::json!({"id": "s1", "text": STORY}));
    for (name, input, want) in [
        ("warc", warc.clone(), 5),
        ("warc.gz", gzip(&warc), 5),
        ("jsonl", jsonl.clone().into_bytes(), 1),
        ("html", page("صفحة").into_bytes(), 1),
    ] {
        let mut child = super::cli::distill()
            .args(["strip", "-q", "-"])
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        let mut stdin = child.stdin.take().unwrap();
        std::thread::spawn(move || stdin.write_all(&input));
        let out = child.wait_with_output().unwrap();
        assert!(
            out.status.success(),
            "{name}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let n = String::from_utf8_lossy(&out.stdout).lines().count();
        assert_eq!(n, want, "{name}");
    }
}

#[test]
fn errors_name_the_record() {
    let e = Error::Warc {
        path: "x.warc".into(),
        offset: 10,
        id: Some("urn:uuid:1".into()),
        reason: "bad".into(),
    };
    assert_eq!(e.to_string(), "x.warc at byte 10 (urn:uuid:1): bad");
}
