//! A persistent dedup state (`Store`, `distill dedup --state`): runs add up to one
//! run over everything, a killed or damaged state is never used half-written.

use std::path::{Path, PathBuf};

use newsdistill::{Canonical, Error, Format, Novelty, Pipeline, RawDoc, Source, Store};

use crate::cli::distill;
use crate::dumps::{temp_dir, Scratch};
use crate::{corpus, corpus_file};

fn corpus_files() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(corpus())
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    files
}

/// Adds `inputs` to the state in `dir` in one run; returns every story.
fn update(dir: &Path, inputs: &[PathBuf]) -> Vec<Canonical> {
    let p = Pipeline::default();
    let mut store = Store::open(dir).unwrap();
    p.update_reporting(Source::new(inputs), &mut store, |_| {})
        .unwrap();
    p.stories(&store, false).unwrap()
}

fn one_run(inputs: &[PathBuf]) -> Vec<Canonical> {
    Pipeline::default().run(Source::new(inputs)).articles
}

#[test]
fn runs_add_up_to_one_run_over_everything() {
    let files = corpus_files();
    let dir = temp_dir("state-runs");
    // The copy pair split across runs, the second run given last.
    let (late, early): (Vec<PathBuf>, Vec<PathBuf>) = files
        .iter()
        .cloned()
        .partition(|f| f.to_string_lossy().contains("001_"));
    let first = update(&dir, &early);
    assert_eq!(first.len(), early.len());
    let second = update(&dir, &late);
    assert_eq!(second, one_run(&files));
    let pair = second.iter().find(|c| c.members.len() == 2).unwrap();
    assert_eq!(
        pair.members,
        ["000_c484fc3f2e4a3e1b", "001_136f296ef6bc9d42"]
    );
}

#[test]
fn a_stored_id_is_a_skip_and_changed_names_only_grown_stories() {
    let dir = temp_dir("state-dup");
    let p = Pipeline::default();
    let all = corpus_files();
    update(&dir, &all[2..]);
    let mut store = Store::open(&dir).unwrap();
    let mut skips = Vec::new();
    let added = p
        .update_reporting(Source::new(&all), &mut store, |s| skips.push(s))
        .unwrap();
    assert_eq!(added, 2);
    assert_eq!(skips.len(), all.len() - 2);
    assert!(skips
        .iter()
        .all(|s| matches!(s.error, Error::AlreadyStored { .. })));
    assert!(skips[0].error.to_string().contains("duplicate id"));
    let changed = p.stories(&store, true).unwrap();
    let ids: Vec<&[String]> = changed.iter().map(|c| c.members.as_slice()).collect();
    // 000 and 001 arrive now, so their one story is new; every story of the
    // first run is unchanged.
    assert_eq!(
        ids,
        [[
            "000_c484fc3f2e4a3e1b".to_string(),
            "001_136f296ef6bc9d42".to_string()
        ]]
    );
}

#[test]
fn a_story_read_back_by_id_grows_with_its_copies() {
    let dir = temp_dir("state-story");
    let p = Pipeline::default();
    let strip = |name: &str| {
        let raw = Source::new(&[corpus_file(name)]).next().unwrap().unwrap();
        let a = p.strip(raw).unwrap();
        let f = p.fingerprint(&a);
        (a, f)
    };
    let mut store = Store::open(&dir).unwrap();
    let (a, fa) = strip("001_136f296ef6bc9d42.txt");
    assert_eq!(store.insert(&a, &fa).unwrap(), Novelty::New);
    store.commit().unwrap();
    drop(store);
    let mut store = Store::open(&dir).unwrap();
    let before = store.story("001_136f296ef6bc9d42").unwrap().unwrap();
    assert_eq!(before.members, ["001_136f296ef6bc9d42"]);
    let (b, fb) = strip("000_c484fc3f2e4a3e1b.txt");
    assert_eq!(
        store.insert(&b, &fb).unwrap(),
        Novelty::CopyOf {
            id: "001_136f296ef6bc9d42".into()
        }
    );
    let after = store.story("000_c484fc3f2e4a3e1b").unwrap().unwrap();
    assert_eq!(after.members.len(), 2);
    assert!(store.story("nobody").unwrap().is_none());
    // Inserting it again is refused, and nothing else changes.
    assert!(matches!(
        store.insert(&b, &fb),
        Err(Error::AlreadyStored { .. })
    ));
    assert_eq!(store.len(), 2);
}

/// A standing paragraph of one site, as strip alone would keep it.
const FOOTER: &str = "Harbour News is published by the press association of the coastal \
towns, which has reported on the ports of the region since the spring of its founding year.";

/// Pages of one site sharing a footer paragraph, each with its own story.
fn site_pages(n: usize, from: usize) -> Vec<newsdistill::Result<RawDoc>> {
    (from..from + n)
        .map(|i| {
            let story = format!(
                "The harbour authority said on day {i} that the new pier would open to \
                 ferries after inspectors finished their work on the foundations, which \
                 had been delayed by storms and a shortage of concrete number {i}."
            );
            let text = format!("Story {i}\n\n{story}\n\n{FOOTER}\n");
            Ok(RawDoc::new(format!("page-{i}"), Format::Text, text)
                .with_url(format!("https://harbour.example/{i}")))
        })
        .collect()
}

#[test]
fn site_templates_learnt_in_one_run_clean_the_next() {
    let dir = temp_dir("state-templates");
    let p = Pipeline::default();
    let mut store = Store::open(&dir).unwrap();
    p.update_reporting(site_pages(3, 0), &mut store, |_| {})
        .unwrap();
    drop(store);
    let mut store = Store::open(&dir).unwrap();
    p.update_reporting(site_pages(1, 3), &mut store, |_| {})
        .unwrap();
    let stories = p.stories(&store, true).unwrap();
    assert_eq!(stories.len(), 1);
    assert!(
        !stories[0].text().contains("press association"),
        "{}",
        stories[0].text()
    );
    // Alone, that page keeps its footer: the state's evidence removed it.
    let alone = p.run(site_pages(1, 3)).articles;
    assert!(alone[0].text().contains("press association"));
}

#[test]
fn a_second_open_of_a_state_in_use_is_refused() {
    let dir = temp_dir("state-lock");
    let _first = Store::open(&dir).unwrap();
    let err = Store::open(&dir).unwrap_err();
    assert!(matches!(err, Error::State { .. }));
    assert!(err.to_string().contains("in use"), "{err}");
}

/// A committed state of the whole corpus, and its stories.
fn committed(name: &str) -> (Scratch, Vec<Canonical>) {
    let dir = temp_dir(name);
    let stories = update(&dir, &corpus_files());
    (dir, stories)
}

/// Opening and reading every story, as one result.
fn read_back(dir: &Path) -> newsdistill::Result<Vec<Canonical>> {
    let store = Store::open(dir)?;
    Pipeline::default().stories(&store, false)
}

fn state_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| !p.ends_with("LOCK"))
        .collect();
    files.sort();
    files
}

#[test]
fn a_truncated_or_corrupted_file_is_refused_naming_it() {
    let (dir, _) = committed("state-damage");
    let files = state_files(&dir);
    assert_eq!(files.len(), 6, "{files:?}");
    for file in &files {
        let good = std::fs::read(file).unwrap();
        let cuts = [0, good.len() / 2, good.len().saturating_sub(1)];
        let flips = [0, good.len() / 3, good.len().saturating_sub(5)];
        let damaged = cuts
            .iter()
            .map(|&n| good[..n].to_vec())
            .chain(flips.iter().map(|&i| {
                let mut b = good.clone();
                b[i] ^= 0x5a;
                b
            }));
        for bad in damaged {
            std::fs::write(file, &bad).unwrap();
            let err = read_back(&dir).expect_err(&format!("{} accepted", file.display()));
            let name = file.file_name().unwrap().to_string_lossy().into_owned();
            assert!(
                matches!(err, Error::State { .. } | Error::Io { .. }),
                "{err}"
            );
            assert!(err.to_string().contains(&name), "{name}: {err}");
        }
        std::fs::write(file, &good).unwrap();
    }
    // Mended, it reads as before.
    assert_eq!(read_back(&dir).unwrap(), one_run(&corpus_files()));
}

#[test]
fn a_state_of_another_format_version_is_refused() {
    let (dir, _) = committed("state-version");
    let manifest = dir.join("MANIFEST");
    let text = std::fs::read_to_string(&manifest).unwrap();
    std::fs::write(
        &manifest,
        text.replacen("newsdistill-state 1", "newsdistill-state 9", 1),
    )
    .unwrap();
    let err = read_back(&dir).unwrap_err().to_string();
    assert!(
        err.contains("MANIFEST") && err.contains("newsdistill-state 9"),
        "{err}"
    );
}

#[test]
fn a_killed_runs_leftovers_are_dropped() {
    let (dir, stories) = committed("state-leftovers");
    // What a run killed before its commit leaves: appended tails, an unrenamed
    // manifest and templates file.
    for name in ["prints.log", "texts.log", "keys.log", "links.log"] {
        use std::io::Write;
        let mut f = std::fs::OpenOptions::new()
            .append(true)
            .open(dir.join(name))
            .unwrap();
        f.write_all(&[7u8; 100]).unwrap();
    }
    std::fs::write(dir.join("MANIFEST.tmp"), "newsdistill-state 1\ngarbage").unwrap();
    std::fs::write(dir.join("templates.tmp"), "half").unwrap();
    assert_eq!(read_back(&dir).unwrap(), stories);
    assert!(!dir.join("MANIFEST.tmp").exists());
    // And a store dropped without commit leaves the state as it was.
    let p = Pipeline::default();
    let mut store = Store::open(&dir).unwrap();
    let extra = site_pages(2, 0);
    for raw in extra {
        let a = p.strip(raw.unwrap()).unwrap();
        store.insert(&a, &p.fingerprint(&a)).unwrap();
    }
    drop(store);
    assert_eq!(read_back(&dir).unwrap(), stories);
}

#[test]
fn a_first_run_dropped_before_its_commit_leaves_an_empty_state() {
    let dir = temp_dir("state-first");
    let p = Pipeline::default();
    let mut store = Store::open(&dir).unwrap();
    for raw in site_pages(3, 0) {
        let a = p.strip(raw.unwrap()).unwrap();
        store.insert(&a, &p.fingerprint(&a)).unwrap();
    }
    drop(store); // as a kill before the first commit leaves it: data, no commit
    let store = Store::open(&dir).unwrap();
    assert!(store.is_empty());
    assert!(p.stories(&store, false).unwrap().is_empty());
}

/// A JSONL dump of `n` documents: stories of two copies each.
fn dump(path: &Path, n: usize) {
    let mut out = String::new();
    for i in 0..n {
        let s = i / 2;
        let text = format!(
            "Report {s}\n\nThe council of district {s} met on Monday to discuss the budget \
             for road number {s}, and members agreed that the repairs should begin before \
             the winter of year {s} because the surface had worn through in many places.\n"
        );
        out += &serde_json::json!({"id": format!("doc-{i:05}"), "text": text}).to_string();
        out.push('\n');
    }
    std::fs::write(path, out).unwrap();
}

#[test]
fn a_run_killed_at_any_moment_leaves_the_state_before_or_after_it() {
    let dir = temp_dir("state-kill");
    let (first, second) = (dir.join("first.jsonl"), dir.join("second.jsonl"));
    dump(&first, 200);
    dump(&second, 3000);
    let state = dir.join("state");
    let run = |input: &Path| {
        distill()
            .args(["dedup", "-q", "--threads", "1", "--state"])
            .arg(&state)
            .arg(input)
            .output()
            .unwrap()
    };
    // The state after the first run and after both, computed without kills.
    assert!(run(&first).status.success());
    let snapshot = dir.join("snapshot");
    copy_dir(&state, &snapshot);
    let before = read_back(&state).unwrap();
    assert!(run(&second).status.success());
    let after = read_back(&state).unwrap();
    assert_ne!(before, after);
    // Kill runs of the second input at spread-out moments.
    let mut outcomes = [0usize; 2];
    for delay_ms in [0u64, 5, 20, 60, 120, 250, 400] {
        std::fs::remove_dir_all(&state).unwrap();
        copy_dir(&snapshot, &state);
        let mut child = distill()
            .args(["dedup", "-q", "--threads", "1", "--state"])
            .arg(&state)
            .arg(&second)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(std::time::Duration::from_millis(delay_ms));
        let _ = child.kill(); // SIGKILL
        let _ = child.wait();
        let got = read_back(&state).unwrap();
        let which = [&before, &after].iter().position(|s| **s == got);
        let which = which.unwrap_or_else(|| panic!("half a run after a kill at {delay_ms} ms"));
        outcomes[which] += 1;
        // And the next run gives what it would have without the kill (when the
        // killed run had committed, it finds nothing new).
        run(&second);
        assert_eq!(read_back(&state).unwrap(), after);
    }
    assert!(
        outcomes[0] > 0,
        "no kill landed before the commit: {outcomes:?}"
    );
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        std::fs::copy(e.path(), to.join(e.file_name())).unwrap();
    }
}

#[test]
fn cli_state_runs_write_every_story_or_the_changed_ones() {
    let dir = temp_dir("state-cli");
    let state = dir.join("state");
    let all = corpus_files();
    let run = |args: &[&str], inputs: &[PathBuf]| {
        let out = distill()
            .args(["dedup", "-q"])
            .args(args)
            .arg("--state")
            .arg(&state)
            .args(inputs)
            .output()
            .unwrap();
        (out.status.code(), String::from_utf8(out.stdout).unwrap())
    };
    let one = distill().args(["dedup", "-q"]).args(&all).output().unwrap();
    let (code, _) = run(&[], &all[..3]);
    assert_eq!(code, Some(0));
    let (code, every) = run(&[], &all[3..]);
    assert_eq!(code, Some(0));
    assert_eq!(every, String::from_utf8(one.stdout).unwrap());
    // Nothing new: no story changed, and no document was processed.
    let (code, changed) = run(&["--changed"], &all);
    assert_eq!((code, changed.as_str()), (Some(1), ""));
    let usage = distill()
        .args(["strip", "--state"])
        .arg(&state)
        .output()
        .unwrap();
    assert_eq!(usage.status.code(), Some(2));
}
