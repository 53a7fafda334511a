//! The `distill` example's command-line contract.

use std::path::PathBuf;
use std::process::{Command, Output};

pub fn distill() -> Command {
    // cargo test builds examples next to the test binary's deps directory.
    let exe = std::env::current_exe().unwrap();
    let dir = exe.parent().unwrap().parent().unwrap();
    let bin: PathBuf = dir
        .join("examples")
        .join(format!("distill{}", std::env::consts::EXE_SUFFIX));
    assert!(bin.exists(), "example not built: {}", bin.display());
    Command::new(bin)
}

fn lines(out: &Output) -> Vec<serde_json::Value> {
    String::from_utf8(out.stdout.clone())
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

#[test]
fn default_run_over_bundled_corpus() {
    let out = distill().output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let rows = lines(&out);
    // Nine documents: five seeds (four stories) and four HTML pages.
    assert_eq!(rows.len(), 8);
    let pair = rows
        .iter()
        .find(|r| r["members"].as_array().unwrap().len() == 2)
        .unwrap();
    assert_eq!(pair["id"], "001_136f296ef6bc9d42");
    assert_eq!(
        pair["members"],
        serde_json::json!(["000_c484fc3f2e4a3e1b", "001_136f296ef6bc9d42"])
    );
    for r in &rows {
        for key in ["id", "members", "title", "text"] {
            assert!(r.get(key).is_some(), "missing {key}");
        }
        assert!(!r["text"].as_str().unwrap().contains("\n\n\n"));
    }
}

#[test]
fn strip_mode_fields_and_skip_report() {
    let corpus = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("corpus");
    let out = distill()
        .args(["strip", "--threads", "2"])
        .arg(corpus.join("001_136f296ef6bc9d42.txt"))
        .arg(corpus.join("nope.html"))
        .output()
        .unwrap();
    assert!(out.status.success());
    let rows = lines(&out);
    assert_eq!(rows.len(), 1);
    let r = &rows[0];
    assert_eq!(r["id"], "001_136f296ef6bc9d42");
    assert_eq!(r["source"], "أكورا بريس");
    assert_eq!(r["date"], "2023-12-26");
    assert!(r["byline"].is_null());
    assert_eq!(r["lang"], "ar");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("nope.html"), "{stderr}");
    assert!(
        stderr.contains("2 documents in, 1 processed, 1 skipped"),
        "{stderr}"
    );
}

#[test]
fn nothing_processed_is_a_failure() {
    let out = distill().arg("/nonexistent/x.txt").output().unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("/nonexistent/x.txt"));
}

#[test]
fn threads_do_not_change_output() {
    let one = distill().args(["--threads", "1"]).output().unwrap();
    let two = distill().args(["--threads", "2"]).output().unwrap();
    assert_eq!(one.stdout, two.stdout);
}

#[test]
fn lines_are_json_whatever_the_text_holds() {
    // Quotes, backslashes, control characters and non-ASCII in an id and a text
    // (strip keeps no control character of a text: the id brings them), some
    // at the edges of the eight-byte words the writer skips by.
    let id = "q\"b\\c\u{1}d\u{b}\u{c}\u{1f}\u{7f}é";
    let text = "The council met on \"Tuesday\"\tto vote\u{7} on the budget kept in C:\\budget, \
                and the members argued for most of the afternoon before they agreed.\n\n\
                وقال وزير المالية إن الميزانية سترتفع في العام المقبل بعد أن وافق المجلس \
                على الخطة التي قدمتها الحكومة للنواب في جلسة طويلة.\n\n\
                The vote was close, and the opposition said it would ask for a second \
                reading of the budget when the council meets again next month.";
    let dir = crate::dumps::temp_dir("escape");
    let input = dir.join("in.jsonl");
    let record = serde_json::json!({"id": id, "title": "A \"title\"\u{8}", "text": text});
    std::fs::write(&input, format!("{record}\n")).unwrap();
    for mode in ["strip", "dedup"] {
        let out = distill().args([mode, "-q"]).arg(&input).output().unwrap();
        assert!(out.status.success(), "{mode}");
        let stdout = String::from_utf8(out.stdout).unwrap();
        let row: serde_json::Value = serde_json::from_str(stdout.trim_end()).unwrap();
        assert_eq!(row["id"], id, "{mode}");
        let kept = row["text"].as_str().unwrap();
        assert!(kept.contains("\"Tuesday\" to vote"), "{mode}: {kept}");
        assert!(kept.contains("C:\\budget"), "{mode}: {kept}");
        // Escaped as serde_json escapes: short forms where JSON has them, else
        // `\u00xx` in lower case; DEL and non-ASCII as they are.
        assert!(
            stdout.contains(r#""id":"q\"b\\c\u0001d\u000b\f\u001f"#),
            "{mode}: {stdout}"
        );
        assert!(stdout.contains("\u{7f}é\""), "{mode}");
        assert_eq!(stdout.lines().count(), 1);
    }
}

#[test]
fn dash_as_output_is_stdout() {
    let dir = crate::dumps::temp_dir("dash-out");
    let corpus = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("corpus");
    let out = distill()
        .current_dir(&dir)
        .args(["strip", "-q", "-o", "-"])
        .arg(corpus.join("001_136f296ef6bc9d42.txt"))
        .output()
        .unwrap();
    assert!(out.status.success());
    assert_eq!(lines(&out).len(), 1);
    assert!(!dir.join("-").exists(), "a file named - was written");
}
