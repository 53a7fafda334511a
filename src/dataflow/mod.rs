//! Dataflow: the dedup pipeline across processes (and threads) on timely dataflow,
//! behind the `timely` feature. Every worker (process × thread) reads its share
//! of the same inputs ([`Source::share`]) and strips it; the stages that need the
//! whole set meet in exchanges, each keyed so that one worker sees everything a
//! decision needs, and each decided by the same code as one process:
//!
//! 1. ids → the worker of the id's hash: the first in input order keeps it, the
//!    others are duplicates;
//! 2. site template evidence → the worker of the site: template paragraphs are
//!    sent back to every worker, which cleans its pages;
//! 3. sketch keys → the worker of the key: the candidate pairs one process's
//!    index would give (postings in id order, none past the hot-key limit);
//! 4. each pair → the earlier document's holder, which sends its prints to the
//!    later one's, which verifies the pair;
//! 5. verified pairs → worker 0, which merges them strongest first as one process
//!    does and sends each member its story;
//! 6. members → the worker of their story for the canonical text; stories and
//!    skips → worker 0, sorted by id and by input position.
//!
//! So the output is byte for byte that of `distill dedup --threads 1` on the same
//! inputs, whatever the number of processes and threads.

mod exchange;
mod hosts;

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use timely::communication::allocator::zero_copy::initialize::initialize_networking_from_sockets;
use timely::communication::allocator::{AllocatorBuilder, ProcessBuilder};
use timely::communication::Hooks;
use timely::worker::Worker;
use xxhash_rust::xxh3::{xxh3_128, xxh3_64};

use crate::canonical::{canonical, Canonical};
use crate::cluster::{groups, sketch, verify, Links, Verdict, MAX_POSTINGS};
use crate::error::{Error, Result};
use crate::fingerprint::{fingerprint, Fingerprint};
use crate::pipeline::{Pipeline, MAX_THREADS};
use crate::source::Source;
use crate::strip::{observation, Article, Templates};
use exchange::{exchange, Watch, Watched};
pub use hosts::read_hosts;

/// How long a process waits for the others to come up, by default.
pub const CONNECT_WAIT: Duration = Duration::from_secs(30);

/// The processes of a run and this one's place among them.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct Cluster {
    /// One `host:port` per process ([`read_hosts`]).
    pub hosts: Vec<String>,
    /// This process's index in `hosts`.
    pub process: usize,
    /// Worker threads in this process.
    pub threads: usize,
    /// How long to wait for the other processes to connect.
    pub wait: Duration,
}

impl Cluster {
    /// A cluster description, checked: `process` must index `hosts`, `threads`
    /// be 1 to [`MAX_THREADS`].
    pub fn new(hosts: Vec<String>, process: usize, threads: usize) -> Result<Cluster> {
        let bad = |option, reason| Err(Error::Config { option, reason });
        if process >= hosts.len() {
            let n = hosts.len();
            return bad("process", format!("{process} is not below the {n} hosts"));
        }
        if !(1..=MAX_THREADS).contains(&threads) {
            return bad(
                "threads",
                format!("{threads} is not between 1 and {MAX_THREADS}"),
            );
        }
        Ok(Cluster {
            hosts,
            process,
            threads,
            wait: CONNECT_WAIT,
        })
    }
}

/// What process 0 ends with: every story, and every document that was skipped.
#[derive(Debug, Default)]
#[non_exhaustive]
pub struct Outcome {
    /// One canonical text per story, sorted by id.
    pub stories: Vec<Canonical>,
    /// Skip messages (as [`Error`]'s display: path or id, then reason), in input
    /// order.
    pub skipped: Vec<String>,
    /// Documents stripped into articles (the others are in `skipped`).
    pub processed: u64,
}

/// Runs `distill dedup` over `inputs` as process `cluster.process` of a cluster.
/// Every process must be given the same inputs and pipeline settings. Process 0
/// returns the [`Outcome`]; the others return `None`. A process that cannot be
/// reached, or is lost mid-run, ends the run with an [`Error::Peer`] naming it.
///
/// Timely's threads (named `timely:…`) panic when a connection breaks; the run
/// still returns the error, but a program that prints panics may want to
/// silence theirs.
pub fn dedup(
    pipeline: &Pipeline,
    cluster: &Cluster,
    inputs: &[PathBuf],
) -> Result<Option<Outcome>> {
    let me = cluster.process;
    let watch = Watch::default();
    let sockets = hosts::connect(&cluster.hosts, me, cluster.wait)?
        .into_iter()
        .enumerate()
        .map(|(i, s)| s.map(|s| Watched::new(s, i, watch.clone())))
        .collect();
    let hooks = Hooks::default();
    let local = ProcessBuilder::new_typed_vector(
        cluster.threads,
        hooks.refill.clone(),
        hooks.spill.clone(),
    );
    let (builders, comms) =
        initialize_networking_from_sockets(local, sockets, me, cluster.threads, hooks).map_err(
            |e| Error::Peer {
                process: me,
                reason: format!("network threads: {e}"),
            },
        )?;
    let builders = builders.into_iter().map(AllocatorBuilder::Tcp).collect();
    let pipeline = Arc::new(pipeline.clone());
    let inputs = Arc::new(inputs.to_vec());
    let watching = watch.clone();
    let guards = timely::execute::execute_from(
        builders,
        Box::new(()),
        timely::WorkerConfig::default(),
        move |worker| work(worker, &watching, &pipeline, &inputs),
    )
    .map_err(|reason| Error::Peer {
        process: me,
        reason,
    })?;
    let mut outcome = None;
    let mut failure = None;
    for r in guards.join() {
        match r {
            Ok(Ok(o)) => outcome = outcome.or(o),
            Ok(Err(e)) => {
                failure.get_or_insert(e);
            }
            // A worker that finds its channels broken panics: the connection
            // that ended first is the cause.
            Err(panic) => {
                let (process, reason) = watch
                    .lost()
                    .unwrap_or((me, format!("a worker failed: {panic}")));
                failure.get_or_insert(Error::Peer { process, reason });
            }
        }
    }
    match failure {
        // The network threads of a broken connection panicked: joining them
        // (what dropping their guard does) would panic again.
        Some(e) => {
            std::mem::forget(comms);
            Err(e)
        }
        None => {
            drop(comms);
            Ok(outcome)
        }
    }
}

/// An article as it crosses to another worker: what canonical reads.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
struct Doc {
    id: String,
    title: Option<String>,
    byline: Option<String>,
    date: Option<String>,
    source: Option<String>,
    paragraphs: Vec<String>,
}

impl Doc {
    fn of(a: &Article) -> Doc {
        Doc {
            id: a.id.clone(),
            title: a.title.clone(),
            byline: a.byline.clone(),
            date: a.date.clone(),
            source: a.source.clone(),
            paragraphs: a.paragraphs.clone(),
        }
    }

    fn article(self) -> Article {
        let mut a = Article::new(self.id, self.paragraphs);
        (a.title, a.byline, a.date, a.source) = (self.title, self.byline, self.date, self.source);
        a
    }
}

/// A document read by this worker: its input position, id, report name, and
/// what stripping gave.
struct Read {
    ordinal: u64,
    id: String,
    name: String,
    stripped: Result<Article, String>,
}

/// One worker's part of the run (see the module doc for the stages).
fn work(
    worker: &mut Worker,
    watch: &Watch,
    pipeline: &Pipeline,
    inputs: &[PathBuf],
) -> Result<Option<Outcome>> {
    let (me, peers) = (worker.index(), worker.peers());
    let config = pipeline.config();
    let mut source = Source::new(inputs)
        .max_bytes(config.max_bytes)
        .share(me, peers);
    let mut read: Vec<Read> = Vec::new();
    let mut skipped: Vec<(u64, String)> = Vec::new();
    while let Some(item) = source.next() {
        let ordinal = source.position();
        match item {
            Err(e) => skipped.push((ordinal, e.to_string())),
            Ok(raw) => {
                let (id, name) = (raw.id.clone(), raw.name());
                let stripped = pipeline.strip(raw).map_err(|e| e.to_string());
                read.push(Read {
                    ordinal,
                    id,
                    name,
                    stripped,
                });
            }
        }
    }

    // 1. Ids: the first document in input order keeps its id.
    let claims: Vec<(u128, u64, u32)> = read
        .iter()
        .map(|r| (xxh3_128(r.id.as_bytes()), r.ordinal, me as u32))
        .collect();
    let mut claims = exchange(worker, watch, claims, |c| c.0 as u64)?;
    claims.sort_unstable();
    let later: Vec<(u64, u32)> = claims
        .windows(2)
        .filter(|w| w[0].0 == w[1].0)
        .map(|w| (w[1].1, w[1].2))
        .collect();
    let later: HashSet<u64> = exchange(worker, watch, later, |d| u64::from(d.1))?
        .into_iter()
        .map(|d| d.0)
        .collect();
    let mut articles: Vec<Article> = Vec::new();
    for r in read {
        if later.contains(&r.ordinal) {
            let e = Error::DuplicateId {
                id: r.id,
                doc: r.name,
            };
            skipped.push((r.ordinal, e.to_string()));
            continue;
        }
        match r.stripped {
            Ok(a) => articles.push(a),
            Err(message) => skipped.push((r.ordinal, message)),
        }
    }

    // 2. Site templates, learnt from every page of each site.
    if config.site_templates {
        let seen: Vec<(String, u64, Vec<u64>)> = articles.iter().filter_map(observation).collect();
        let mut evidence = Templates::new();
        for (site, lead, keys) in exchange(worker, watch, seen, |o| xxh3_64(o.0.as_bytes()))? {
            evidence.observe_keys(site, lead, &keys);
        }
        let marks: Vec<(u32, String, u64)> = evidence
            .templated()
            .into_iter()
            .flat_map(|(site, k)| (0..peers as u32).map(move |w| (w, site.to_owned(), k)))
            .collect();
        let mut templates = Templates::new();
        for (_, site, k) in exchange(worker, watch, marks, |m| u64::from(m.0))? {
            templates.mark(&site, k);
        }
        for a in &mut articles {
            templates.clean(a);
        }
    }

    // 3. Candidate pairs, as one index over the documents in id order gives them.
    articles.sort_by(|a, b| a.id.cmp(&b.id));
    let prints: Vec<Fingerprint> = articles.iter().map(fingerprint).collect();
    let postings: Vec<(u32, String, u32)> = articles
        .iter()
        .zip(&prints)
        .flat_map(|(a, p)| sketch(p).into_iter().map(|k| (k, a.id.clone(), me as u32)))
        .collect();
    let mut postings = exchange(worker, watch, postings, |p| u64::from(p.0))?;
    postings.sort_unstable();
    // (earlier's holder, earlier, later, later's holder)
    let mut asks: Vec<(u32, String, String, u32)> = Vec::new();
    for run in postings.chunk_by(|x, y| x.0 == y.0) {
        // The document at position j meets the j before it, unless more than
        // MAX_POSTINGS documents hold the key by then.
        for j in 1..run.len().min(MAX_POSTINGS + 1) {
            for a in &run[..j] {
                asks.push((a.2, a.1.clone(), run[j].1.clone(), run[j].2));
            }
        }
    }

    // 4. Verification: the earlier document's prints go to the later's holder.
    let mut asks = exchange(worker, watch, asks, |a| u64::from(a.0))?;
    asks.sort_unstable();
    asks.dedup();
    let position: HashMap<&str, usize> = articles
        .iter()
        .enumerate()
        .map(|(i, a)| (a.id.as_str(), i))
        .collect();
    let sends: Vec<(u32, String, String, Fingerprint)> = asks
        .into_iter()
        .filter_map(|(_, a, b, holder)| {
            let mut p = prints[*position.get(a.as_str())?].clone();
            p.paragraphs = Vec::new(); // verification does not read them
            Some((holder, b, a, p))
        })
        .collect();
    let mut found: Vec<(u32, Option<f32>, String, String)> = Vec::new();
    for (_, b, a, pa) in exchange(worker, watch, sends, |s| u64::from(s.0))? {
        let Some(&i) = position.get(b.as_str()) else {
            continue;
        };
        match verify(&pa, &prints[i]) {
            Verdict::Same(strength) => found.push((0, Some(strength), a, b)),
            Verdict::OtherFigures => found.push((0, None, a, b)),
            Verdict::Different => {}
        }
    }
    drop(position);

    // 5. The partition, on worker 0, from every verified pair.
    let found = exchange(worker, watch, found, |_| 0)?;
    let holders: Vec<(u32, String)> = articles.iter().map(|a| (0, a.id.clone())).collect();
    let placed = exchange(
        worker,
        watch,
        holders
            .into_iter()
            .map(|(_, id)| (0u32, id, me as u32))
            .collect(),
        |_| 0,
    )?;
    let mut stories_of: Vec<(u32, String, String)> = Vec::new();
    if me == 0 {
        let holder: HashMap<&str, u32> =
            placed.iter().map(|(_, id, h)| (id.as_str(), *h)).collect();
        let mut ids: Vec<&str> = found
            .iter()
            .flat_map(|f| [f.2.as_str(), f.3.as_str()])
            .collect();
        ids.sort_unstable();
        ids.dedup();
        let index: HashMap<&str, usize> = ids.iter().enumerate().map(|(i, id)| (*id, i)).collect();
        let mut links = Links::default();
        for (_, strength, a, b) in &found {
            let (a, b) = (index[a.as_str()], index[b.as_str()]);
            match strength {
                Some(s) => links.copies.push((*s, a, b)),
                None => links.cannot.push((a, b)),
            }
        }
        let mut uf = links.partition(ids.len());
        for g in groups(&mut uf, ids.len())
            .into_iter()
            .filter(|g| g.len() > 1)
        {
            let root = ids[g[0]];
            for &m in &g {
                stories_of.push((
                    holder.get(ids[m]).copied().unwrap_or(0),
                    ids[m].to_owned(),
                    root.to_owned(),
                ));
            }
        }
    }
    drop(placed);
    let story: HashMap<String, String> = exchange(worker, watch, stories_of, |s| u64::from(s.0))?
        .into_iter()
        .map(|(_, id, root)| (id, root))
        .collect();

    // 6. Canonical texts: a story's members meet at the worker of its first id.
    let processed = articles.len() as u64;
    let mut stories: Vec<(u32, Canonical)> = Vec::new();
    let mut members: Vec<(String, Doc)> = Vec::new();
    for a in articles {
        match story.get(&a.id) {
            Some(root) => members.push((root.clone(), Doc::of(&a))),
            None => stories.push((0, canonical(&[&a]))),
        }
    }
    let mut by_story: BTreeMap<String, Vec<Article>> = BTreeMap::new();
    for (root, doc) in exchange(worker, watch, members, |m| xxh3_64(m.0.as_bytes()))? {
        by_story.entry(root).or_default().push(doc.article());
    }
    for docs in by_story.values() {
        let refs: Vec<&Article> = docs.iter().collect();
        stories.push((0, canonical(&refs)));
    }
    let mut stories: Vec<Canonical> = exchange(worker, watch, stories, |_| 0)?
        .into_iter()
        .map(|(_, c)| c)
        .collect();
    let skipped = exchange(
        worker,
        watch,
        skipped.into_iter().map(|(o, m)| (0u32, o, m)).collect(),
        |_| 0,
    )?;
    let counts = exchange(worker, watch, vec![(0u32, processed)], |_| 0)?;
    if me != 0 {
        return Ok(None);
    }
    stories.sort_by(|a, b| a.id.cmp(&b.id));
    let mut skipped: Vec<(u32, u64, String)> = skipped;
    skipped.sort_unstable_by_key(|s| s.1);
    Ok(Some(Outcome {
        stories,
        skipped: skipped.into_iter().map(|s| s.2).collect(),
        processed: counts.iter().map(|c| c.1).sum(),
    }))
}
