//! Hostile inputs, as an attacker or a broken crawler would give them: every
//! document accounted for, no hang, no input destroyed, clear errors, and work
//! bounded by the input. Memory and speed are measured in benches, not here.

use std::io::{BufRead, BufReader, Read, Write};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use flate2::write::GzEncoder;
use flate2::Compression;
use newsdistill::decode::decode;
use newsdistill::segment::{segment, Limits};
use newsdistill::{Error, Format, Pipeline, RawDoc, Source, Stripped};

use super::cli::distill;
use super::dumps::{response, temp_dir, Scratch};

const STORY: &str = "The regional council approved the new water plan on Monday after a \
long debate, promising drip irrigation for small farms and new reservoirs in the \
valley over the next three years, according to a statement from the ministry.";

fn page(title: &str) -> String {
    format!("<html><body><article><h1>{title}</h1><p>{STORY}</p><p>{STORY} {title}</p></article></body></html>")
}

fn strip_all(paths: &[&Path]) -> Stripped {
    Pipeline::default().strip_all(Source::new(paths))
}

fn ids(out: &Stripped) -> Vec<&str> {
    out.articles.iter().map(|a| a.id.as_str()).collect()
}

fn reasons(out: &Stripped) -> Vec<String> {
    out.skipped.iter().map(|s| s.error.to_string()).collect()
}

/// The articles' ids are `want`, in order (the skips are shown if not).
fn assert_ids(out: &Stripped, want: &[&str]) {
    assert_eq!(ids(out), want, "{:?}", reasons(out));
}

/// Waits for a child at most `secs`, killing it after: a hang fails the test
/// instead of stalling the suite.
fn wait(mut child: Child, secs: u64) -> (bool, String) {
    let start = Instant::now();
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            let mut err = String::new();
            child
                .stderr
                .take()
                .unwrap()
                .read_to_string(&mut err)
                .unwrap();
            return (status.success(), err);
        }
        if start.elapsed() > Duration::from_secs(secs) {
            child.kill().unwrap();
            panic!("distill did not end within {secs} s");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

fn gz(data: &[u8]) -> Vec<u8> {
    let mut e = GzEncoder::new(Vec::new(), Compression::fast());
    e.write_all(data).unwrap();
    e.finish().unwrap()
}

fn good(id: &str) -> Vec<u8> {
    let uri = format!("https://x.ma/{id}");
    response(id, &uri, "HTTP/1.1 200 OK", page(id).as_bytes())
}

/// A record with its `Content-Length` changed to `length`.
fn with_length(rec: Vec<u8>, length: u64) -> Vec<u8> {
    let text = String::from_utf8(rec).unwrap();
    let (head, rest) = text.split_once("Content-Length: ").unwrap();
    let (_, rest) = rest.split_once("\r\n").unwrap();
    format!("{head}Content-Length: {length}\r\n{rest}").into_bytes()
}

#[test]
fn skips_are_handed_over_as_they_happen_in_input_order() {
    let mut dump = String::new();
    for _ in 0..1000 {
        dump.push_str("{}\n");
    }
    dump.push_str(&serde_json::json!({"id": "ok", "html": page("ok")}).to_string());
    let mut lines = Vec::new();
    let stories = Pipeline::default().run_reporting(
        Source::from_reader("dump.jsonl", std::io::Cursor::new(dump)),
        |s| lines.push(s.error.to_string()),
    );
    assert_eq!(stories.len(), 1);
    assert_eq!(lines.len(), 1000);
    for (i, l) in lines.iter().enumerate() {
        assert!(l.starts_with(&format!("dump.jsonl:{}:", i + 1)), "{l}");
    }
}

/// A fresh directory holding page `a.html` and a FIFO named `fifo`.
#[cfg(unix)]
fn dir_with_page_and_fifo(name: &str, fifo: &str) -> (Scratch, std::path::PathBuf) {
    let dir = temp_dir(name);
    std::fs::write(dir.join("a.html"), page("A")).unwrap();
    let fifo = dir.join(fifo);
    let made = Command::new("mkfifo").arg(&fifo).status().unwrap();
    assert!(made.success());
    (dir, fifo)
}

#[cfg(unix)]
#[test]
fn fifos_sockets_and_devices_are_passed_over_without_a_hang() {
    let (dir, fifo) = dir_with_page_and_fifo("special", "pipe.jsonl");
    std::os::unix::fs::symlink("/dev/zero", dir.join("zero.warc")).unwrap();
    let _socket = std::os::unix::net::UnixListener::bind(dir.join("sock.html")).unwrap();
    let child = distill()
        .args(["strip", "-q"])
        .arg(&dir)
        .arg(&fifo)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let (ok, err) = wait(child, 30);
    assert!(ok, "{err}");
    assert!(
        err.contains("pipe.jsonl: a FIFO, not a regular file"),
        "{err}"
    );
    assert!(err.contains("zero.warc: a device"), "{err}");
    assert!(err.contains("sock.html: a socket"), "{err}");
    // The FIFO named twice (in the directory and on its own) is one input.
    assert!(
        err.contains("4 documents in, 1 processed, 3 skipped"),
        "{err}"
    );
}

#[cfg(unix)]
#[test]
fn link_loops_end_and_each_file_is_read_once() {
    let dir = temp_dir("loops");
    std::fs::create_dir_all(dir.join("sub")).unwrap();
    std::fs::write(dir.join("a.html"), page("A")).unwrap();
    std::os::unix::fs::symlink("..", dir.join("sub/up")).unwrap();
    std::os::unix::fs::symlink(&dir, dir.join("sub/again")).unwrap();
    std::os::unix::fs::symlink(dir.join("a.html"), dir.join("sub/b.html")).unwrap();
    let out = strip_all(&[&dir, &dir.join("sub")]);
    assert_ids(&out, &["a"]);
    assert!(out.skipped.is_empty(), "{:?}", reasons(&out));
    // The progress total counts the same single file.
    let mut source = Source::new(&[&dir]);
    assert_eq!(source.total_bytes(), Some(page("A").len() as u64));
}

#[test]
fn a_length_past_the_end_of_the_file_loses_one_record() {
    let dir = temp_dir("warc-past");
    let mut data = good("a");
    data.extend(with_length(good("long"), 1 << 20));
    data.extend(good("b"));
    data.extend(good("c"));
    let path = dir.join("x.warc");
    std::fs::write(&path, &data).unwrap();
    let out = strip_all(&[&path]);
    assert_ids(&out, &["urn:uuid:a", "urn:uuid:b", "urn:uuid:c"]);
    let r = reasons(&out);
    assert_eq!(r.len(), 1, "{r:?}");
    assert!(r[0].contains("(urn:uuid:long)") && r[0].contains("truncated"));
}

#[test]
fn an_oversized_wrong_length_loses_one_record() {
    let dir = temp_dir("warc-huge");
    let mut data = good("a");
    data.extend(with_length(good("huge"), 1 << 40));
    data.extend(good("b"));
    // A record over the limit whose length is right is passed over, alone.
    let big = response("big", "https://x.ma/big", "HTTP/1.1 200 OK", &[b'x'; 9000]);
    data.extend(big);
    data.extend(good("c"));
    let path = dir.join("x.warc");
    std::fs::write(&path, &data).unwrap();
    let p = Pipeline::builder().max_bytes(8000).build().unwrap();
    let out = p.strip_all(Source::new(&[&path]).max_bytes(8000));
    assert_ids(&out, &["urn:uuid:a", "urn:uuid:b", "urn:uuid:c"]);
    let r = reasons(&out);
    assert_eq!(r.len(), 2, "{r:?}");
    assert!(r.iter().any(|m| m.contains("(urn:uuid:huge)")), "{r:?}");
    assert!(
        r.iter()
            .any(|m| m.contains("(urn:uuid:big)") && m.contains("over the limit")),
        "{r:?}"
    );
}

#[test]
fn a_corrupt_gzip_member_loses_its_record_only() {
    let dir = temp_dir("warc-gz");
    let mut members: Vec<Vec<u8>> = ["a", "b", "c", "d"]
        .iter()
        .map(|id| gz(&good(id)))
        .collect();
    let m = &mut members[1];
    let mid = m.len() / 2;
    for byte in &mut m[mid..mid + 16] {
        *byte ^= 0xa5;
    }
    let path = dir.join("x.warc.gz");
    std::fs::write(&path, members.concat()).unwrap();
    let out = strip_all(&[&path]);
    assert_ids(&out, &["urn:uuid:a", "urn:uuid:c", "urn:uuid:d"]);
    let r = reasons(&out);
    assert!(
        r.iter()
            .any(|m| m.contains("gzip member at compressed byte")),
        "{r:?}"
    );
    // JSONL in gzip members goes on the same way.
    let line =
        |id: &str| gz(format!("{}\n", serde_json::json!({"id": id, "html": page(id)})).as_bytes());
    let mut parts = [line("j1"), line("j2"), line("j3")];
    let n = parts[1].len();
    parts[1][n / 2] ^= 0xff;
    parts[1][n / 2 + 1] ^= 0xff;
    let path = dir.join("x.jsonl.gz");
    std::fs::write(&path, parts.concat()).unwrap();
    let out = strip_all(&[&path]);
    // The damaged member's line may still read (the checksum fails at its end);
    // the members after it do, and the damage is reported.
    let got = ids(&out);
    assert!(
        got.contains(&"j1") && got.contains(&"j3"),
        "{:?}",
        reasons(&out)
    );
    let r = reasons(&out);
    assert!(
        r.iter()
            .any(|m| m.contains("x.jsonl.gz:") && m.contains("gzip member")),
        "{r:?}"
    );
}

#[test]
fn a_gzip_member_that_fails_its_checksum_takes_its_record_along() {
    // The deflate data reads cleanly; only the checksum at the member's end
    // tells the bytes are not what was written. The record must not pass.
    let dir = temp_dir("warc-crc");
    let mut members: Vec<Vec<u8>> = ["a", "b", "c"].iter().map(|id| gz(&good(id))).collect();
    let m = &mut members[1];
    let crc = m.len() - 8;
    m[crc] ^= 0xff;
    let path = dir.join("x.warc.gz");
    std::fs::write(&path, members.concat()).unwrap();
    let out = strip_all(&[&path]);
    assert_ids(&out, &["urn:uuid:a", "urn:uuid:c"]);
    let r = reasons(&out);
    assert!(
        r.len() == 1 && r[0].contains("gzip member at compressed byte"),
        "{r:?}"
    );
}

#[test]
fn damage_anywhere_in_a_gzip_member_costs_that_record_only() {
    // Wherever the damage falls (header, deflate data, trailer), the records of
    // the other members come through, and the damaged one is reported (once or,
    // when its garbled bytes also break the record's framing, twice), or comes
    // through whole if the damage changed nothing it decodes to.
    let dir = temp_dir("warc-damage");
    let members: Vec<Vec<u8>> = ["a", "b", "c"].iter().map(|id| gz(&good(id))).collect();
    let path = dir.join("x.warc.gz");
    std::fs::write(&path, members.concat()).unwrap();
    let clean = strip_all(&[&path]).articles[1].text();
    for at in (0..members[1].len() - 1).step_by(5) {
        let mut damaged = members.clone();
        damaged[1][at] ^= 0x5a;
        damaged[1][at + 1] ^= 0xa5;
        std::fs::write(&path, damaged.concat()).unwrap();
        let out = strip_all(&[&path]);
        let got = ids(&out);
        let whole = out
            .articles
            .iter()
            .any(|a| a.id == "urn:uuid:b" && a.text() == clean);
        assert!(
            got.contains(&"urn:uuid:a")
                && got.contains(&"urn:uuid:c")
                && (whole || (!got.contains(&"urn:uuid:b") && !out.skipped.is_empty())),
            "damage at {at}: {got:?} {:?}",
            reasons(&out)
        );
    }
}

#[test]
fn unclosed_list_items_are_a_list_not_deep_nesting() {
    // HTML lets `</li>` out: 10,001 such items are a long list, two deep.
    let items: String = (0..10_001)
        .map(|i| format!("<li>Stage {i} of the race: from Rabat to Casablanca"))
        .collect();
    let html = format!("<article><h1>The calendar</h1><p>{STORY}</p><ul>{items}</ul></article>");
    let raw = RawDoc::new("calendar", Format::Html, html.clone());
    let seg = segment(decode(raw), Limits::default());
    assert!(!seg.cut);
    assert_eq!(
        seg.blocks.last().map(|b| b.text.as_str()),
        Some("Stage 10000 of the race: from Rabat to Casablanca")
    );
    let article = Pipeline::default()
        .strip(RawDoc::new("calendar", Format::Html, html))
        .unwrap();
    assert!(article.paragraphs.contains(&STORY.to_owned()));
}

#[test]
fn huge_pages_are_cut_at_the_element_limit_and_keep_their_start() {
    let html = format!(
        "<article><h1>Water</h1><p>{STORY}</p></article>{}",
        "<b>x</b>".repeat(5_000)
    );
    let p = Pipeline::builder().max_elements(1_000).build().unwrap();
    let article = p.strip(RawDoc::new("huge", Format::Html, html)).unwrap();
    assert_eq!(article.paragraphs, [STORY]);
    // Text dumps: the lines past the limit are not read.
    let text = format!("{STORY}\n\n{}", "line of the tail\n".repeat(5_000));
    let p = Pipeline::builder().max_lines(10).build().unwrap();
    let article = p.strip(RawDoc::new("long", Format::Text, text)).unwrap();
    assert!(article.paragraphs.len() <= 10);
}

#[test]
fn colliding_page_names_are_told_apart_by_their_paths() {
    let dir = temp_dir("ids");
    for sub in ["a", "b", "c/d"] {
        std::fs::create_dir_all(dir.join(sub)).unwrap();
    }
    std::fs::write(dir.join("a/index.html"), page("A")).unwrap();
    std::fs::write(dir.join("b/index.html.gz"), gz(page("B").as_bytes())).unwrap();
    std::fs::write(dir.join("c/d/story.html"), page("C")).unwrap();
    std::fs::write(dir.join("c/.html"), page("D")).unwrap();
    let out = strip_all(&[&dir]);
    let mut got: Vec<&str> = ids(&out);
    got.sort();
    assert_eq!(
        got,
        [".html", "a/index", "b/index", "story"],
        "{:?}",
        reasons(&out)
    );
    // The same ids whatever the order the inputs are named in.
    let one = strip_all(&[&dir.join("a"), &dir.join("b")]);
    let two = strip_all(&[&dir.join("b"), &dir.join("a")]);
    let sorted = |o: &Stripped| {
        let mut v: Vec<String> = ids(o).iter().map(|s| s.to_string()).collect();
        v.sort();
        v
    };
    assert_eq!(sorted(&one), sorted(&two));
    assert_eq!(sorted(&one).len(), 2);
    // A skip names the file's path.
    std::fs::write(dir.join("a/empty.html"), "").unwrap();
    let out = strip_all(&[&dir]);
    let r = reasons(&out);
    assert!(
        r.iter()
            .any(|m| m.contains("a/empty.html (empty): no article text")),
        "{r:?}"
    );
}

#[test]
fn documents_need_an_id() {
    let err = Pipeline::default()
        .strip(RawDoc::new("", Format::Html, page("x")))
        .unwrap_err();
    assert!(matches!(err, Error::NoId { .. }), "{err}");
    // A WARC record with an empty record id is named by its URL.
    let rec = String::from_utf8(good("x"))
        .unwrap()
        .replace("<urn:uuid:x>", "<>");
    let out =
        Pipeline::default().strip_all(Source::from_reader("x.warc", std::io::Cursor::new(rec)));
    assert_ids(&out, &["https://x.ma/x"]);
}

#[test]
fn an_output_that_is_an_input_is_refused_and_the_input_kept() {
    let dir = temp_dir("clobber");
    let input = dir.join("a.html");
    std::fs::write(&input, page("A")).unwrap();
    let out = distill()
        .args(["strip", "-q", "-o"])
        .arg(&input)
        .arg(&input)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("is the input"), "{err}");
    assert_eq!(std::fs::read_to_string(&input).unwrap(), page("A"));
    let out = distill()
        .args(["strip", "-q", "-o"])
        .arg(dir.join("out.jsonl"))
        .arg(&dir)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("is inside the input directory"));
    let names: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names, ["a.html"], "nothing written beside the input");
}

#[test]
fn output_goes_to_its_name_only_when_whole() {
    let dir = temp_dir("outfile");
    let input = dir.join("in");
    std::fs::create_dir_all(&input).unwrap();
    std::fs::write(input.join("a.html"), page("A")).unwrap();
    let target = dir.join("out.jsonl");
    let out = distill()
        .args(["strip", "-q", "-o"])
        .arg(&target)
        .arg(&input)
        .output()
        .unwrap();
    assert!(out.status.success());
    assert_eq!(std::fs::read_to_string(&target).unwrap().lines().count(), 1);
    let names: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names.len(), 2, "no temporary file left: {names:?}");
    // A missing directory is named, with the system's reason.
    let missing = dir.join("nope/out.jsonl");
    let out = distill()
        .args(["strip", "-q", "-o"])
        .arg(&missing)
        .arg(&input)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("nope") && err.contains("No such file"),
        "{err}"
    );
}

#[test]
fn options_out_of_range_are_refused_at_start_up() {
    let cases = [
        (vec!["--max-bytes", "18446744073709551615"], "max-bytes"),
        (vec!["--max-bytes", "0"], "max-bytes"),
        (vec!["--threads", "100000000"], "threads"),
        (vec!["--threads", "0"], "threads"),
        (vec!["--max-paragraphs", "0"], "max-paragraphs"),
    ];
    for (args, name) in cases {
        let out = distill().arg("strip").args(&args).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(name), "{args:?}: {err}");
        assert!(out.stdout.is_empty());
    }
}

#[test]
fn a_byte_order_mark_does_not_change_the_format() {
    let record = serde_json::json!({"id": "j", "html": page("J")}).to_string();
    let bom = "\u{feff}";
    // Stdin.
    let mut child = distill()
        .args(["strip", "-q", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(format!("{bom}{record}\n").as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("\"id\":\"j\""),
        "{stdout} {}",
        String::from_utf8_lossy(&out.stderr)
    );
    // Files.
    let dir = temp_dir("bom");
    std::fs::write(dir.join("d.jsonl"), format!("{bom}{record}\n")).unwrap();
    let mut warc = bom.as_bytes().to_vec();
    warc.extend(good("w"));
    std::fs::write(dir.join("d.warc"), warc).unwrap();
    let out = strip_all(&[&dir]);
    assert_ids(&out, &["j", "urn:uuid:w"]);
}

#[test]
fn a_closed_pipe_ends_quietly() {
    let dir = temp_dir("pipe");
    let mut dump = String::new();
    for i in 0..3000 {
        dump.push_str(
            &serde_json::json!({"id": format!("d{i}"), "html": page(&format!("T{i}"))}).to_string(),
        );
        dump.push('\n');
    }
    std::fs::write(dir.join("d.jsonl"), dump).unwrap();
    let mut child = distill()
        .args(["strip", "-q"])
        .arg(dir.join("d.jsonl"))
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut first)
        .unwrap();
    assert!(first.contains("\"id\":\"d0\""));
    // stdout is dropped here: the reader went away.
    let (ok, err) = wait(child, 60);
    assert!(ok, "{err}");
    assert!(
        !err.contains("panicked") && !err.contains("Broken pipe"),
        "{err}"
    );
}

#[test]
fn size_skips_give_the_size_and_the_limit() {
    let dir = temp_dir("sizes");
    std::fs::write(dir.join("big.html"), "x".repeat(5000)).unwrap();
    std::fs::write(dir.join("bigz.html.gz"), gz("x".repeat(5000).as_bytes())).unwrap();
    let out = distill()
        .args(["strip", "-q", "--max-bytes", "1000"])
        .arg(&dir)
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("big.html (big): document of 5000 bytes is over the limit of 1000 bytes"),
        "{err}"
    );
    assert!(
        err.contains("bigz.html.gz (bigz): document of more than 1000 bytes is over the limit"),
        "{err}"
    );
}

#[test]
fn junk_is_not_an_article() {
    // Random bytes (a fixed xorshift stream), zero-width characters, tashkeel alone.
    let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
    let random: Vec<u8> = (0..65_536)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            (x >> 24) as u8
        })
        .collect();
    let invisible = "\u{200b}\u{200c}\u{200d}\u{2060}\u{202e} ".repeat(2000);
    let marks = "\u{64e}\u{64f}\u{650}\u{651} ".repeat(2000);
    let p = Pipeline::default();
    for format in [Format::Html, Format::Text] {
        for (name, body) in [
            ("random", random.clone()),
            ("invisible", invisible.clone().into_bytes()),
            ("marks", marks.clone().into_bytes()),
        ] {
            let r = p.strip(RawDoc::new(name, format, body));
            assert!(
                matches!(r, Err(Error::Empty { .. })),
                "{name} {format:?}: {r:?}"
            );
        }
    }
    // A title is a line, not a page: an 11 MB <title> is no headline.
    let html = format!(
        "<html><head><title>{}</title></head><body><p>{STORY}</p></body></html>",
        "word ".repeat(2_200_000)
    );
    let article = p.strip(RawDoc::new("t", Format::Html, html)).unwrap();
    assert!(article.title.is_none());
    assert_eq!(article.paragraphs, [STORY]);
}

#[cfg(unix)]
#[test]
fn a_device_or_fifo_output_is_written_in_place_not_replaced() {
    use std::os::unix::fs::FileTypeExt;
    let (dir, fifo) = dir_with_page_and_fifo("fifo-out", "out.pipe");
    let reader = {
        let fifo = fifo.clone();
        std::thread::spawn(move || std::fs::read_to_string(fifo).unwrap())
    };
    let child = distill()
        .args(["strip", "-q", "-o"])
        .arg(&fifo)
        .arg(dir.join("a.html"))
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let (ok, err) = wait(child, 30);
    assert!(ok, "{err}");
    assert!(reader.join().unwrap().contains("\"id\":\"a\""));
    let meta = std::fs::symlink_metadata(&fifo).unwrap();
    assert!(meta.file_type().is_fifo(), "the FIFO was replaced");
    // A full device: the error names it, with the system's reason.
    if std::fs::metadata("/dev/full").is_ok_and(|m| m.file_type().is_char_device()) {
        let out = distill()
            .args(["strip", "-q", "-o", "/dev/full"])
            .arg(dir.join("a.html"))
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1));
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains("writing /dev/full"), "{err}");
        assert!(std::fs::metadata("/dev/full")
            .unwrap()
            .file_type()
            .is_char_device());
    }
}
