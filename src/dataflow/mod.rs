//! Dataflow: the dedup pipeline across processes (and threads) on timely dataflow,
//! behind the `timely` feature. Every worker (process × thread) reads its share
//! of the same inputs ([`Source::share`]: a byte range of each dump, after the
//! ranges' line counts are exchanged so that reports name lines as one reader
//! does) and strips it; the stages that need the
//! whole set meet in exchanges, each keyed so that one worker sees everything a
//! decision needs, and each decided by the same code as one process:
//!
//! 1. ids → the worker of the id's hash: the first in input order keeps it, the
//!    others are duplicates;
//! 2. site template evidence → the worker of the site: template paragraphs are
//!    sent back to every worker, which cleans its pages;
//! 3. ids → worker 0, which sorts them: each document's rank in id order (the
//!    index order of one process), so later exchanges carry integers;
//! 4. sketch keys → the worker of the key: the candidate pairs one process's
//!    index would give (postings in rank order, none past the hot-key limit);
//! 5. each pair → the earlier document's holder, which sends its prints to the
//!    later one's, which verifies the pair;
//! 6. verified pairs → worker 0, which merges them strongest first as one process
//!    does and sends each member its story;
//! 7. members → the worker holding their story's first document, where the
//!    canonical text is built and rendered;
//!    stories and skips → worker 0, sorted by id and by input position.
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
use timely::ExchangeData;
use xxhash_rust::xxh3::{xxh3_128, xxh3_64};

use crate::canonical::{canonical, canonical_with, Canonical};
use crate::cluster::{groups, sketch, verify, Links, Verdict, MAX_POSTINGS};
use crate::error::{Error, Result};
use crate::fingerprint::{fingerprint, paragraph_shingles, Fingerprint};
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
pub struct Outcome<R = Canonical> {
    /// Each story as `render` made it, with its id, sorted by id.
    pub stories: Vec<(String, R)>,
    /// Skip messages (as [`Error`]'s display: path or id, then reason), in input
    /// order.
    pub skipped: Vec<String>,
    /// Documents stripped into articles (the others are in `skipped`).
    pub processed: u64,
    /// Worker 0's time in each stage, in order (the others' are alike).
    pub stages: Vec<(&'static str, Duration)>,
    /// Bytes this process sent to the others.
    pub sent_bytes: u64,
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
    dedup_rendered(pipeline, cluster, inputs, Canonical::clone)
}

/// [`dedup`], each story handed to `render` on the worker that built it (an
/// output line, say), so process 0 only gathers what `render` returns.
pub fn dedup_rendered<R: ExchangeData + Clone>(
    pipeline: &Pipeline,
    cluster: &Cluster,
    inputs: &[PathBuf],
    render: fn(&Canonical) -> R,
) -> Result<Option<Outcome<R>>> {
    let me = cluster.process;
    let watch = Watch::default();
    let start = std::time::Instant::now();
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
    let connected = start.elapsed();
    let pipeline = Arc::new(pipeline.clone());
    let inputs = Arc::new(inputs.to_vec());
    let watching = watch.clone();
    let guards = timely::execute::execute_from(
        builders,
        Box::new(()),
        timely::WorkerConfig::default(),
        move |worker| work(worker, &watching, &pipeline, &inputs, render),
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
    if let Some(o) = &mut outcome {
        o.sent_bytes = watch.sent();
        o.stages.insert(0, ("connect", connected));
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
    fn of(a: Article) -> Doc {
        Doc {
            id: a.id,
            title: a.title,
            byline: a.byline,
            date: a.date,
            source: a.source,
            paragraphs: a.paragraphs,
        }
    }

    fn article(self) -> Article {
        let mut a = Article::new(self.id, self.paragraphs);
        (a.title, a.byline, a.date, a.source) = (self.title, self.byline, self.date, self.source);
        a
    }
}

/// A member of a story where the story is built: its article and paragraph
/// shingles.
type Member = (Article, Vec<Vec<u64>>);

/// Where an item is in the input ([`Source::position`]).
type Position = (u64, u64);

/// A document read by this worker: its input position, id, report name, and
/// what stripping gave.
struct Read {
    position: Position,
    id: String,
    name: String,
    stripped: Result<Article, String>,
}

/// One worker's part of the run (see the module doc for the stages).
fn work<R: ExchangeData + Clone>(
    worker: &mut Worker,
    watch: &Watch,
    pipeline: &Pipeline,
    inputs: &[PathBuf],
    render: fn(&Canonical) -> R,
) -> Result<Option<Outcome<R>>> {
    let (me, peers) = (worker.index(), worker.peers());
    let config = pipeline.config();
    let mut stages: Vec<(&'static str, Duration)> = Vec::new();
    let mut clock = std::time::Instant::now();
    let mut lap = |name: &'static str| {
        stages.push((name, clock.elapsed()));
        clock = std::time::Instant::now();
    };
    let mut source = Source::new(inputs)
        .max_bytes(config.max_bytes)
        .share(me, peers);
    // 0. Counts: each worker reads a byte range of a dump; the lines (or
    // decompressed bytes) of the ranges before its own place its reports as one
    // reader's would.
    let counts: Vec<(u32, u32, u32, u64)> = source
        .counts_of_share()
        .into_iter()
        .enumerate()
        .flat_map(|(dump, n)| (0..peers as u32).map(move |w| (w, me as u32, dump as u32, n)))
        .collect();
    let mut before: Vec<u64> = Vec::new();
    for (_, from, dump, n) in exchange(worker, watch, counts, |c| u64::from(c.0))? {
        let dump = dump as usize;
        if before.len() <= dump {
            before.resize(dump + 1, 0);
        }
        if (from as usize) < me {
            before[dump] += n;
        }
    }
    let mut source = source.counts_before(before);
    let mut read: Vec<Read> = Vec::new();
    let mut skipped: Vec<(Position, String)> = Vec::new();
    while let Some(item) = source.next() {
        let position = source.position();
        match item {
            Err(e) => skipped.push((position, e.to_string())),
            Ok(raw) => {
                let (id, name) = (raw.id.clone(), raw.name());
                let stripped = pipeline.strip(raw).map_err(|e| e.to_string());
                read.push(Read {
                    position,
                    id,
                    name,
                    stripped,
                });
            }
        }
    }

    lap("read and strip");
    // 1. Ids: the first document in input order keeps its id. A later one was
    // stripped for nothing (knowing it is later takes every worker's ids, and
    // holding the raw pages until then would cost more than stripping them).
    let claims: Vec<(u128, Position, u32)> = read
        .iter()
        .map(|r| (xxh3_128(r.id.as_bytes()), r.position, me as u32))
        .collect();
    let mut claims = exchange(worker, watch, claims, |c| c.0 as u64)?;
    claims.sort_unstable();
    let later: Vec<(Position, u32)> = claims
        .windows(2)
        .filter(|w| w[0].0 == w[1].0)
        .map(|w| (w[1].1, w[1].2))
        .collect();
    let later: HashSet<Position> = exchange(worker, watch, later, |d| u64::from(d.1))?
        .into_iter()
        .map(|d| d.0)
        .collect();
    let mut articles: Vec<Article> = Vec::new();
    for r in read {
        if later.contains(&r.position) {
            let e = Error::DuplicateId {
                id: r.id,
                doc: r.name,
            };
            skipped.push((r.position, e.to_string()));
            continue;
        }
        match r.stripped {
            Ok(a) => articles.push(a),
            Err(message) => skipped.push((r.position, message)),
        }
    }

    lap("ids");
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

    lap("templates");
    // 3. Ranks: every document's place in id order (the index order of one
    // process), so the later exchanges carry integers, not ids.
    articles.sort_by(|a, b| a.id.cmp(&b.id));
    let ids: Vec<(u32, String, u32, u32)> = articles
        .iter()
        .enumerate()
        .map(|(i, a)| (0, a.id.clone(), me as u32, i as u32))
        .collect();
    let mut ids = exchange(worker, watch, ids, |_| 0)?;
    ids.sort_unstable_by(|x, y| x.1.cmp(&y.1));
    let ranked: Vec<(u32, u32, u32)> = ids
        .iter()
        .enumerate()
        .map(|(rank, &(_, _, holder, i))| (holder, i, rank as u32))
        .collect();
    // On worker 0: the holder of each rank, to send each member its story.
    let holder_of: Vec<u32> = ranked.iter().map(|x| x.0).collect();
    drop(ids);
    let mut rank = vec![0u32; articles.len()];
    for (_, i, r) in exchange(worker, watch, ranked, |x| u64::from(x.0))? {
        rank[i as usize] = r;
    }
    let local: HashMap<u32, usize> = rank.iter().enumerate().map(|(i, &r)| (r, i)).collect();

    // 4. Candidate pairs, as one index over the documents in id order gives them.
    let prints: Vec<Fingerprint> = articles.iter().map(fingerprint).collect();
    let postings: Vec<(u32, u32, u32)> = prints
        .iter()
        .zip(&rank)
        .flat_map(|(p, &r)| sketch(p).into_iter().map(move |k| (k, r, me as u32)))
        .collect();
    let mut postings = exchange(worker, watch, postings, |p| u64::from(p.0))?;
    postings.sort_unstable();
    // (earlier's holder, earlier, later, later's holder)
    let mut asks: Vec<(u32, u32, u32, u32)> = Vec::new();
    for run in postings.chunk_by(|x, y| x.0 == y.0) {
        // The document at position j meets the j before it, unless more than
        // MAX_POSTINGS documents hold the key by then.
        for j in 1..run.len().min(MAX_POSTINGS + 1) {
            for a in &run[..j] {
                asks.push((a.2, a.1, run[j].1, run[j].2));
            }
        }
    }
    drop(postings);

    lap("ranks, fingerprint and candidates");
    // 5. Verification: the earlier document's prints go to the later's holder.
    let mut asks = exchange(worker, watch, asks, |a| u64::from(a.0))?;
    asks.sort_unstable();
    asks.dedup();
    let sends: Vec<(u32, u32, u32, Fingerprint)> = asks
        .into_iter()
        .filter_map(|(_, a, b, holder)| {
            let mut p = prints[*local.get(&a)?].clone();
            p.paragraphs = Vec::new(); // verification does not read them
            Some((holder, b, a, p))
        })
        .collect();
    let mut found: Vec<(u32, Option<f32>, u32, u32)> = Vec::new();
    for (_, b, a, pa) in exchange(worker, watch, sends, |s| u64::from(s.0))? {
        let Some(&i) = local.get(&b) else { continue };
        match verify(&pa, &prints[i]) {
            Verdict::Same(strength) => found.push((0, Some(strength), a, b)),
            Verdict::OtherFigures => found.push((0, None, a, b)),
            Verdict::Different => {}
        }
    }
    drop(prints);

    lap("verification");
    // 6. The partition, on worker 0, from every verified pair, over the
    // documents they name (ranks keep one process's order).
    let found = exchange(worker, watch, found, |_| 0)?;
    // (holder, member, story, story's holder): a story is named by the rank of its
    // first document, and built where that document is.
    let mut stories_of: Vec<(u32, u32, u32, u32)> = Vec::new();
    if me == 0 {
        let mut named: Vec<u32> = found.iter().flat_map(|f| [f.2, f.3]).collect();
        named.sort_unstable();
        named.dedup();
        let index = |r: u32| named.binary_search(&r).unwrap_or(0);
        let mut links = Links::default();
        for &(_, strength, a, b) in &found {
            match strength {
                Some(s) => links.copies.push((s, index(a), index(b))),
                None => links.cannot.push((index(a), index(b))),
            }
        }
        let mut uf = links.partition(named.len());
        for g in groups(&mut uf, named.len())
            .into_iter()
            .filter(|g| g.len() > 1)
        {
            let first = named[g[0]];
            let home = holder_of[first as usize];
            stories_of.extend(
                g.iter()
                    .map(|&m| (holder_of[named[m] as usize], named[m], first, home)),
            );
        }
    }
    drop(holder_of);
    let story: HashMap<u32, (u32, u32)> = exchange(worker, watch, stories_of, |s| u64::from(s.0))?
        .into_iter()
        .map(|(_, member, first, home)| (member, (first, home)))
        .collect();

    lap("partition");
    // 7. Canonical texts: a story's members meet at the worker of its first document.
    let processed = articles.len() as u64;
    let mut stories: Vec<(u32, String, R)> = Vec::new();
    let mut done = |c: Canonical| stories.push((0, c.id.clone(), render(&c)));
    // A member travels with its paragraph shingles, computed here from strip's
    // tokens, so its text is not normalised again where it lands; the members
    // held where their story is built stay.
    let mut by_story: BTreeMap<u32, Vec<Member>> = BTreeMap::new();
    let mut members: Vec<(u32, u32, Doc, Vec<Vec<u64>>)> = Vec::new();
    for (a, r) in articles.into_iter().zip(rank) {
        match story.get(&r) {
            Some(&(first, home)) => {
                let shingles = paragraph_shingles(&a.tokens.for_paragraphs(&a.paragraphs));
                if home == me as u32 {
                    by_story.entry(first).or_default().push((a, shingles));
                } else {
                    members.push((home, first, Doc::of(a), shingles));
                }
            }
            None => done(canonical(&[&a])),
        }
    }
    lap("members");
    for (_, first, doc, shingles) in exchange(worker, watch, members, |m| u64::from(m.0))? {
        by_story
            .entry(first)
            .or_default()
            .push((doc.article(), shingles));
    }
    for docs in by_story.values() {
        let refs: Vec<(&Article, &[Vec<u64>])> =
            docs.iter().map(|(a, s)| (a, s.as_slice())).collect();
        done(canonical_with(&refs));
    }
    lap("canonical");
    let mut stories: Vec<(String, R)> = exchange(worker, watch, stories, |_| 0)?
        .into_iter()
        .map(|(_, id, r)| (id, r))
        .collect();
    let skipped = exchange(
        worker,
        watch,
        skipped.into_iter().map(|(o, m)| (0u32, o, m)).collect(),
        |_| 0,
    )?;
    let counts = exchange(worker, watch, vec![(0u32, processed)], |_| 0)?;
    lap("gather");
    if me != 0 {
        return Ok(None);
    }
    stories.sort_by(|a, b| a.0.cmp(&b.0));
    let mut skipped: Vec<(u32, Position, String)> = skipped;
    skipped.sort_by_key(|s| s.1);
    Ok(Some(Outcome {
        stories,
        skipped: skipped.into_iter().map(|s| s.2).collect(),
        processed: counts.iter().map(|c| c.1).sum(),
        stages,
        sent_bytes: 0,
    }))
}
