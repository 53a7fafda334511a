//! Scale bench: generates an N-document corpus with known clusters from the crate's
//! own `corpus/` and runs strip → fingerprint → incremental dedup over it, then
//! prints docs/s, peak RSS, index bytes per document and pairwise F1 against the
//! generated truth.
//!
//! ```text
//! cargo run --release --example scale -- 100000 [--threads N] [--state DIR] [--write corpus.jsonl]
//! ```
//! With `--state DIR` (a new or empty directory), documents go into a persistent
//! [`Store`] in DIR instead of an in-memory `Deduper`, committed at the end.
//! With `--write`, the corpus (with a `cluster` field) is written instead, for
//! `distill` or other tools.
//!
//! Stories are new text: sentences of words drawn from the corpus vocabulary, so two
//! stories share no passage by chance. Each story has 1 to 5 copies, each edited
//! the way republishers edit: paragraphs dropped, split or merged, a word changed,
//! an intro or a site's ticker lines added.

use std::collections::HashMap;
use std::io::{BufWriter, Write};
use std::time::Instant;

use newsdistill::{Deduper, Format, Novelty, Pipeline, RawDoc, Store};
use rayon::prelude::*;

/// splitmix64: a tiny deterministic PRNG (no dependency, same corpus everywhere).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    fn chance(&mut self, p: f64) -> bool {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64 <= p
    }
}

/// The vocabulary (words as they occur, repeats kept so frequent words stay
/// frequent) and ticker lines of the bundled corpus.
fn vocabulary() -> (Vec<String>, Vec<String>) {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    let (mut words, mut lines) = (Vec::new(), Vec::new());
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .expect("corpus/")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    paths.sort();
    for p in paths {
        let text = std::fs::read_to_string(&p).unwrap_or_default();
        for line in text.lines() {
            let n = line.split_whitespace().count();
            if (3..=12).contains(&n) {
                lines.push(line.trim().to_owned());
            }
            words.extend(
                line.split_whitespace()
                    .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
                    .filter(|w| w.chars().count() > 1)
                    .map(str::to_owned),
            );
        }
    }
    (words, lines)
}

struct Generator {
    rng: Rng,
    words: Vec<String>,
    tickers: Vec<String>,
    story: usize,
    pending: Vec<(String, String, usize)>,
    made: usize,
    n: usize,
}

impl Generator {
    fn new(n: usize) -> Self {
        let (words, tickers) = vocabulary();
        Generator {
            rng: Rng(42),
            words,
            tickers,
            story: 0,
            pending: Vec::new(),
            made: 0,
            n,
        }
    }

    fn sentence(&mut self) -> String {
        let len = 8 + self.rng.below(14);
        let mut s: Vec<String> = (0..len)
            .map(|_| self.words[self.rng.below(self.words.len())].clone())
            .collect();
        if self.rng.chance(0.3) {
            let figure = self.rng.below(100_000).to_string();
            let at = self.rng.below(s.len());
            s.insert(at, figure);
        }
        s.join(" ") + "."
    }

    /// One story's copies, most complete first.
    fn story(&mut self) -> Vec<String> {
        let paras: Vec<String> = (0..3 + self.rng.below(6))
            .map(|_| {
                let k = 2 + self.rng.below(3);
                (0..k)
                    .map(|_| self.sentence())
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .collect();
        let title = {
            let s = self.sentence();
            s.split_whitespace().take(8).collect::<Vec<_>>().join(" ")
        };
        let copies = 1 + (self.rng.next().trailing_zeros() as usize).min(4);
        (0..copies)
            .map(|c| {
                let mut p = paras.clone();
                if c > 0 {
                    self.edit(&mut p);
                }
                let ticker: Vec<String> = (0..self.rng.below(4))
                    .map(|_| self.tickers[self.rng.below(self.tickers.len())].clone())
                    .collect();
                let mut doc = vec![title.clone()];
                doc.extend(ticker);
                doc.extend(p);
                doc.join("\n\n")
            })
            .collect()
    }

    /// A republisher's edits.
    fn edit(&mut self, p: &mut Vec<String>) {
        if p.len() > 3 && self.rng.chance(0.4) {
            let i = self.rng.below(p.len());
            p.remove(i);
        }
        if p.len() > 2 && self.rng.chance(0.3) {
            let i = self.rng.below(p.len() - 1);
            let next = p.remove(i + 1);
            p[i] = format!("{} {next}", p[i]);
        }
        if self.rng.chance(0.3) {
            let i = self.rng.below(p.len());
            if let Some((a, b)) = p[i].split_once(". ") {
                let (a, b) = (format!("{a}."), b.to_owned());
                p[i] = a;
                p.insert(i + 1, b);
            }
        }
        if self.rng.chance(0.5) {
            let i = self.rng.below(p.len());
            let w = self.words[self.rng.below(self.words.len())].clone();
            let mut ws: Vec<&str> = p[i].split_whitespace().collect();
            let at = self.rng.below(ws.len());
            ws[at] = &w;
            p[i] = ws.join(" ");
        }
        if self.rng.chance(0.3) {
            let intro = self.sentence();
            p.insert(0, intro);
        }
    }
}

impl Iterator for Generator {
    /// (id, text, true cluster)
    type Item = (String, String, usize);

    fn next(&mut self) -> Option<Self::Item> {
        if self.made == self.n {
            return None;
        }
        if self.pending.is_empty() {
            let s = self.story;
            self.story += 1;
            let copies = self.story();
            for (c, text) in copies.into_iter().enumerate().rev() {
                self.pending.push((format!("s{s:07}-{c}"), text, s));
            }
        }
        self.made += 1;
        self.pending.pop()
    }
}

/// Peak resident set size of this process, in bytes (Linux).
fn peak_rss() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb * 1024)
}

/// Pairwise precision and recall of `pred` against `truth` (cluster labels).
fn pairwise(truth: &[usize], pred: &[usize]) -> (f64, f64) {
    fn pairs<K>(counts: &HashMap<K, u64>) -> f64 {
        counts.values().map(|&c| c * (c - 1) / 2).sum::<u64>() as f64
    }
    let mut t = HashMap::new();
    let mut p = HashMap::new();
    let mut both = HashMap::new();
    for (&a, &b) in truth.iter().zip(pred) {
        *t.entry(a).or_insert(0u64) += 1;
        *p.entry(b).or_insert(0u64) += 1;
        *both.entry((a, b)).or_insert(0u64) += 1;
    }
    let (tp, tt, pp) = (pairs(&both), pairs(&t), pairs(&p));
    (tp / pp.max(1.0), tp / tt.max(1.0))
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let n: usize = args.first().and_then(|a| a.parse().ok()).unwrap_or(10_000);
    let opt = |name: &str| {
        args.iter()
            .position(|a| a == name)
            .and_then(|i| args.get(i + 1))
    };
    if let Some(path) = opt("--write") {
        let mut out = BufWriter::new(std::fs::File::create(path).expect("create"));
        for (id, text, c) in Generator::new(n) {
            let line = serde_json::json!({"id": id, "text": text, "cluster": c});
            writeln!(out, "{line}").expect("write");
        }
        return;
    }
    let mut builder = Pipeline::builder();
    if let Some(t) = opt("--threads").and_then(|t| t.parse().ok()) {
        builder = builder.threads(t);
    }
    let pipeline = builder.build().expect("pool");
    let start = Instant::now();
    let mut truth = Vec::with_capacity(n);
    let mut names: HashMap<String, usize> = HashMap::new();
    let mut pred = Vec::with_capacity(n);
    // In memory (Deduper), or a state on disk (Store) with `--state DIR`.
    let mut memory = Deduper::new();
    let mut store = match opt("--state") {
        // Never someone's directory emptied: a bench state starts new.
        Some(dir) if std::fs::read_dir(dir).is_ok_and(|mut d| d.next().is_some()) => {
            eprintln!("scale: --state {dir}: choose a new or empty directory");
            std::process::exit(2);
        }
        Some(dir) => Some(Store::open(dir).expect("state")),
        None => None,
    };
    let (mut bytes, mut skipped) = (0usize, 0usize);
    let mut gen = Generator::new(n).peekable();
    while gen.peek().is_some() {
        // A batch is stripped and fingerprinted in parallel, then inserted in order.
        let batch: Vec<(String, String, usize)> = gen.by_ref().take(4096).collect();
        bytes += batch.iter().map(|b| b.1.len()).sum::<usize>();
        let prints: Vec<_> = batch
            .into_par_iter()
            .map(|(id, text, c)| {
                let art = pipeline.strip(RawDoc::new(id.clone(), Format::Text, text));
                (id, c, art.map(|a| (pipeline.fingerprint(&a), a)))
            })
            .collect();
        for (id, c, done) in prints {
            let Ok((print, article)) = done else {
                skipped += 1;
                continue;
            };
            truth.push(c);
            let novelty = match &mut store {
                Some(s) => s.insert(&article, &print).expect("state"),
                None => memory.insert(id.clone(), print),
            };
            let label = match novelty {
                Novelty::New => names.len(),
                Novelty::CopyOf { id: first } => names[&first],
            };
            // Only a story's first document is ever named by a later copy.
            if label == names.len() {
                names.insert(id, label);
            }
            pred.push(label);
        }
    }
    let index_bytes = match &mut store {
        Some(s) => {
            s.commit().expect("commit");
            s.resident_bytes() as f64 / s.len().max(1) as f64
        }
        None => memory.index_bytes() as f64 / memory.len().max(1) as f64,
    };
    let secs = start.elapsed().as_secs_f64();
    let (p, r) = pairwise(&truth, &pred);
    println!(
        "{n} documents ({:.0} MB, {skipped} skipped) in {secs:.1} s: {:.0} docs/s, {:.1} MB/s; \
         peak RSS {:.0} MB; {} {:.1} bytes/doc; pairwise P {p:.4} R {r:.4} F1 {:.4}",
        bytes as f64 / 1e6,
        n as f64 / secs,
        bytes as f64 / 1e6 / secs,
        peak_rss().unwrap_or(0) as f64 / 1e6,
        if store.is_some() {
            "state in memory"
        } else {
            "index"
        },
        index_bytes,
        2.0 * p * r / (p + r).max(1e-12),
    );
}
