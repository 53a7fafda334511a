//! `distill dedup --hosts FILE --process I` (feature `timely`): processes on
//! loopback write what one process writes, byte for byte, and a process that is
//! missing, lost or misnamed ends the run with an error naming it.

use std::io::Write;
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use crate::cli::distill;
use crate::corpus;
use crate::dumps::{crawl, gzip, temp_dir};

/// A host file of `n` free loopback ports.
fn hosts(dir: &Path, n: usize) -> PathBuf {
    let ports: Vec<u16> = (0..n)
        .map(|_| TcpListener::bind("127.0.0.1:0").unwrap())
        .collect::<Vec<_>>()
        .iter()
        .map(|l| l.local_addr().unwrap().port())
        .collect();
    let path = dir.join("hosts");
    let text: String = ports.iter().map(|p| format!("127.0.0.1:{p}\n")).collect();
    std::fs::write(&path, text).unwrap();
    path
}

/// A dump with a repeated id and a broken line, beside the corpus.
fn inputs(dir: &Path) -> Vec<PathBuf> {
    let story = "The port authority said the new ferry terminal would open in the spring, \
                 after two years of work on the quays and the customs hall, and that the \
                 first crossings would run twice a day.";
    let lines = [
        serde_json::json!({"id": "ferry-a", "text": format!("Ferry terminal\n\n{story}")})
            .to_string(),
        "{not json".to_string(),
        serde_json::json!({"id": "ferry-b", "text": format!("Ferry terminal opens\n\n{story}")})
            .to_string(),
        serde_json::json!({"id": "ferry-a", "text": "a second document under the same id"})
            .to_string(),
    ];
    let dump = dir.join("dump.jsonl");
    std::fs::write(&dump, lines.join("\n") + "\n").unwrap();
    // A crawl as a WARC, and again gzipped a member per record (its ids repeat:
    // the plain file's come first), each cut into byte ranges between workers.
    let records = crawl();
    let warc = dir.join("crawl.warc");
    std::fs::write(&warc, records.concat()).unwrap();
    let warc_gz = dir.join("crawl.warc.gz");
    let members: Vec<u8> = records.iter().flat_map(|r| gzip(r)).collect();
    std::fs::write(&warc_gz, members).unwrap();
    vec![corpus(), dump, warc, warc_gz]
}

/// Process `i` of the run in `hosts`, with more options.
fn spawn(hosts: &Path, i: usize, options: &[&str], inputs: &[PathBuf]) -> std::process::Child {
    distill()
        .args(["dedup", "-q"])
        .args(options)
        .arg("--hosts")
        .arg(hosts)
        .args(["--process", &i.to_string()])
        .args(inputs)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap()
}

fn one_process(inputs: &[PathBuf]) -> Output {
    distill()
        .args(["dedup", "-q", "--threads", "1"])
        .args(inputs)
        .output()
        .unwrap()
}

#[test]
fn processes_write_what_one_process_writes() {
    let dir = temp_dir("flow-same");
    let inputs = inputs(&dir);
    let one = one_process(&inputs);
    assert!(one.status.success());
    for (n, threads) in [(2, 1), (3, 2)] {
        let hosts = hosts(&dir, n);
        let t = threads.to_string();
        let mut children: Vec<_> = (0..n)
            .map(|i| spawn(&hosts, i, &["--threads", &t], &inputs))
            .collect();
        let outs: Vec<Output> = children
            .drain(..)
            .map(|c| c.wait_with_output().unwrap())
            .collect();
        for o in &outs {
            assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        }
        assert_eq!(
            String::from_utf8_lossy(&outs[0].stdout),
            String::from_utf8_lossy(&one.stdout),
            "{n} processes × {threads} threads"
        );
        // The skip report and summary, once, from process 0, as one process says them.
        assert_eq!(outs[0].stderr, one.stderr);
        for o in &outs[1..] {
            assert!(o.stdout.is_empty() && o.stderr.is_empty());
        }
    }
    let report = String::from_utf8(one.stderr).unwrap();
    assert!(report.contains("duplicate id \"ferry-a\""), "{report}");
    assert!(report.contains("dump.jsonl:2"), "{report}");
    assert!(report.contains("crawl.warc.gz at byte"), "{report}");
}

fn exits_within(mut child: std::process::Child, limit: Duration) -> Output {
    let start = Instant::now();
    while child.try_wait().unwrap().is_none() {
        if start.elapsed() > limit {
            let _ = child.kill();
            panic!("still running after {limit:?}");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    child.wait_with_output().unwrap()
}

#[test]
fn a_process_that_never_connects_is_named() {
    let dir = temp_dir("flow-missing");
    let hosts = hosts(&dir, 2);
    let child = spawn(&hosts, 0, &["--wait", "1"], &[corpus()]);
    let out = exits_within(child, Duration::from_secs(20));
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("process 1") && err.contains("did not connect"),
        "{err}"
    );
}

#[test]
fn a_process_lost_mid_run_ends_the_others() {
    let dir = temp_dir("flow-lost");
    let hosts = hosts(&dir, 2);
    let child = spawn(&hosts, 0, &[], &[corpus()]);
    // Process 1 says hello as distill does, then goes away.
    let address = std::fs::read_to_string(&hosts)
        .unwrap()
        .lines()
        .next()
        .unwrap()
        .to_owned();
    let start = Instant::now();
    let mut peer = loop {
        match TcpStream::connect(&address) {
            Ok(s) => break s,
            Err(_) if start.elapsed() < Duration::from_secs(20) => {
                std::thread::sleep(Duration::from_millis(20))
            }
            Err(e) => panic!("process 0 never listened: {e}"),
        }
    };
    peer.write_all(b"ndflow01").unwrap();
    peer.write_all(&1u64.to_le_bytes()).unwrap();
    drop(peer);
    let out = exits_within(child, Duration::from_secs(30));
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("process 1"), "{err}");
    assert!(!err.contains("panicked"), "{err}");
}

#[test]
fn a_bad_host_file_is_refused_at_start_up() {
    let dir = temp_dir("flow-hosts");
    let cases = [
        ("127.0.0.1:7001\nlocalhost\n", "0", "is not host:port"),
        ("127.0.0.1:7001\n127.0.0.1:7001\n", "0", "also process 0"),
        (
            "127.0.0.1:7001\n127.0.0.1:7002\n",
            "2",
            "not below the 2 hosts",
        ),
        ("\n", "0", "no addresses"),
    ];
    for (text, process, says) in cases {
        let file = dir.join("hosts");
        std::fs::write(&file, text).unwrap();
        let out: Output = Command::new(distill().get_program())
            .args(["dedup", "--hosts"])
            .arg(&file)
            .args(["--process", process])
            .arg(corpus())
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{text:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(says), "{text:?}: {err}");
    }
}
