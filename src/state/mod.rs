//! State stage: a crawler's dedup state on disk, kept across runs. A [`Store`]
//! holds every document ever added (its verification prints and its article), the
//! verified links between them, and the site templates learnt so far, so a new
//! document is checked against all earlier ones and every story's canonical text
//! can be rebuilt after new copies arrive.
//!
//! Memory stays small per document: the candidate index (a sketch of 8 keys, 64
//! bytes), an id hash and a file offset; the prints verification reads and the
//! article texts canonical reads stay on disk and are read back by offset.
//! Crash safety is in `files.rs`: runs only append, and a manifest replaced by a
//! rename says which bytes belong to the state.
//!
//! A directory holds `MANIFEST`, `LOCK`, `prints.log` (per document, a
//! checksummed record of what verification reads, and where its article is),
//! `texts.log` (per document, a checksummed record of its article), `keys.log`
//! (64 bytes per document: id hash, prints offset, sketch keys, check),
//! `links.log` (16 bytes per verified pair) and `templates.<generation>`. Prints
//! and texts are apart because verification reads prints at random, and a file
//! of prints alone is a quarter of the size, so more of it stays in the page cache.

mod codec;
mod files;

use std::borrow::Cow;
use std::collections::HashSet;
use std::fs::File;
use std::path::{Path, PathBuf};

use xxhash_rust::xxh3::xxh3_128;

use crate::canonical::{canonical, Canonical};
use crate::cluster::{check, sketch, Found, Index, Links, Novelty, UnionFind};
use crate::error::{Error, Result};
use crate::fingerprint::Fingerprint;
use crate::strip::{Article, Templates};
use codec::{Reader, Writer, KEY_RECORD, LINK_RECORD};
use files::{bad, io, Log, Manifest};

const PRINTS: &str = "prints.log";
const TEXTS: &str = "texts.log";
const KEYS: &str = "keys.log";
const LINKS: &str = "links.log";
/// Tries, 100 ms apart, to take a state's lock before it is called in use: a run
/// that has just ended may hold it an instant longer (a process it forked keeps
/// the lock until it execs).
const LOCK_TRIES: usize = 10;
/// The strength written for a cannot-link (copies are in 0.4..=1).
const CANNOT: f32 = -1.0;

/// A persistent dedup state. Open one directory with [`Store::open`], add
/// documents with [`Store::insert`], make them durable with [`Store::commit`];
/// documents added since the last commit are dropped if the process ends first.
/// One process at a time: a second `open` of the same directory is refused while
/// the first holds it.
#[derive(Debug)]
pub struct Store {
    dir: PathBuf,
    /// Held for the life of the store: the directory's lock.
    _lock: File,
    manifest: Manifest,
    prints: Log,
    texts: Log,
    keys: Log,
    links_log: Log,
    index: Index,
    /// Hashes of the ids held (the number of a document is found on disk).
    ids: HashSet<u128>,
    /// Where each document's prints record starts in `prints.log`.
    offsets: Vec<u64>,
    links: Links,
    /// The partition as documents arrive, for [`Novelty`].
    live: UnionFind,
    templates: Templates,
    /// Documents in the state when it was opened: later ones are this run's.
    before_run: usize,
}

impl Store {
    /// Opens the state in `dir`, creating the directory and an empty state if
    /// there is none. Refused (an [`Error::State`] naming the file) when the
    /// directory is in use, was written by another format version, or any file is
    /// truncated or fails its checksum.
    pub fn open(dir: impl AsRef<Path>) -> Result<Store> {
        let dir = dir.as_ref().to_owned();
        std::fs::create_dir_all(&dir).map_err(io(&dir))?;
        let lock_path = dir.join("LOCK");
        let lock = File::create(&lock_path).map_err(io(&lock_path))?;
        let mut tries = 0;
        while lock.try_lock().is_err() {
            tries += 1;
            if tries == LOCK_TRIES {
                return Err(bad(&lock_path, "the state is in use by another run"));
            }
            std::thread::sleep(std::time::Duration::from_millis(100));
        }
        let manifest = match Manifest::read(&dir)? {
            Some(m) => m,
            None if dir.join(KEYS).exists() => {
                return Err(bad(
                    &dir.join("MANIFEST"),
                    "missing: the directory holds data files but no manifest",
                ))
            }
            // A new state: its empty manifest is written before any data file,
            // so a first run killed before its commit leaves a state to open.
            None => {
                let m = Manifest::default();
                m.write(&dir)?;
                m
            }
        };
        let prints = Log::open(&dir, PRINTS, manifest.length(PRINTS))?;
        let texts = Log::open(&dir, TEXTS, manifest.length(TEXTS))?;
        let keys = Log::open(&dir, KEYS, manifest.length(KEYS))?;
        let links_log = Log::open(&dir, LINKS, manifest.length(LINKS))?;
        let templates = read_templates(&dir, &manifest)?;
        remove_leftovers(&dir, manifest.generation);
        let mut store = Store {
            dir,
            _lock: lock,
            manifest,
            prints,
            texts,
            keys,
            links_log,
            index: Index::default(),
            ids: HashSet::new(),
            offsets: Vec::new(),
            links: Links::default(),
            live: UnionFind::default(),
            templates,
            before_run: 0,
        };
        store.load_keys()?;
        store.load_links()?;
        store.live = store.links.partition(store.len());
        store.before_run = store.len();
        Ok(store)
    }

    /// Reads `keys.log`: the index, the id hashes and the offsets.
    fn load_keys(&mut self) -> Result<()> {
        let (index, ids, offsets) = (&mut self.index, &mut self.ids, &mut self.offsets);
        self.keys.each_sealed(KEY_RECORD, |rec| {
            let (hash, offset, keys) = codec::read_key_record(rec);
            index.insert_keys(&keys);
            ids.insert(hash);
            offsets.push(offset);
            Ok(())
        })
    }

    /// Reads `links.log`.
    fn load_links(&mut self) -> Result<()> {
        let (n, links) = (self.offsets.len(), &mut self.links);
        self.links_log.each_sealed(LINK_RECORD, |rec| {
            let (a, b, strength) = codec::read_link_record(rec);
            if a >= b || b >= n {
                return Err(format!("a link between documents {a} and {b} of {n}"));
            }
            if strength == CANNOT {
                links.cannot.push((a, b));
            } else {
                links.copies.push((strength, a, b));
            }
            Ok(())
        })
    }

    /// The directory this state lives in.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Documents in the state, including those added since the last commit.
    pub fn len(&self) -> usize {
        self.offsets.len()
    }

    /// True when the state holds no document.
    pub fn is_empty(&self) -> bool {
        self.offsets.is_empty()
    }

    /// True when a document with this id is in the state.
    pub fn contains(&self, id: &str) -> bool {
        self.contains_hash(xxh3_128(id.as_bytes()))
    }

    pub(crate) fn contains_hash(&self, hash: u128) -> bool {
        self.ids.contains(&hash)
    }

    /// The site templates learnt so far ([`Templates`]); a pipeline run teaches
    /// them its pages before they are inserted.
    pub fn templates_mut(&mut self) -> &mut Templates {
        &mut self.templates
    }

    /// Heap bytes the store keeps in memory for its documents: the candidate
    /// index, the id hashes, the offsets, the links and the partition.
    pub fn resident_bytes(&self) -> usize {
        let id_entry = std::mem::size_of::<u128>() + 1;
        self.index.heap_bytes()
            + self.ids.capacity() * id_entry
            + self.offsets.capacity() * 8
            + self.links.copies.capacity() * std::mem::size_of::<(f32, usize, usize)>()
            + self.links.cannot.capacity() * std::mem::size_of::<(usize, usize)>()
            + self.live.heap_bytes()
    }

    /// The number of the document whose id has this hash, read from `keys.log`.
    fn number(&self, hash: u128) -> Result<Option<u32>> {
        if !self.contains_hash(hash) {
            return Ok(None);
        }
        let want = hash.to_le_bytes();
        let chunk = 1024;
        for start in (0..self.len()).step_by(chunk) {
            let n = chunk.min(self.len() - start);
            let bytes = self
                .keys
                .read((start * KEY_RECORD) as u64, n * KEY_RECORD)?;
            let hit = bytes.chunks_exact(KEY_RECORD).position(|r| r[..16] == want);
            if let Some(i) = hit {
                return Ok(Some((start + i) as u32));
            }
        }
        Ok(None)
    }

    /// The prints of document `a`, read from disk, and where its article is.
    fn print(&self, a: usize) -> Result<(Fingerprint, u64)> {
        let bytes = self.prints.read_record(self.offsets[a])?;
        let mut r = Reader::new(&bytes);
        let decoded = codec::get_print(&mut r).and_then(|p| {
            let text = r.u64("article offset")?;
            r.end().map(|_| (p, text))
        });
        decoded.map_err(|e| bad(&self.prints.path, format!("document {a}: {e}")))
    }

    /// The article of document `a`, read from disk and cleaned of what the site
    /// templates learnt since it was added.
    fn article(&self, a: usize) -> Result<Article> {
        let (_, at) = self.print(a)?;
        let bytes = self.texts.read_record(at)?;
        let mut r = Reader::new(&bytes);
        let mut article = codec::get_article(&mut r)
            .and_then(|x| r.end().map(|_| x))
            .map_err(|e| bad(&self.texts.path, format!("document {a}: {e}")))?;
        self.templates.clean(&mut article);
        Ok(article)
    }

    /// Adds a stripped article with its fingerprint; says whether it is new or
    /// a copy of which story (the id the story was first seen under). An id the
    /// state already holds is refused ([`Error::AlreadyStored`]). After any other
    /// error (a file that cannot be written or read back) drop the store: the
    /// state on disk is the one of the last commit.
    pub fn insert(&mut self, article: &Article, print: &Fingerprint) -> Result<Novelty> {
        let hash = xxh3_128(article.id.as_bytes());
        if self.contains_hash(hash) {
            return Err(Error::AlreadyStored {
                id: article.id.clone(),
                doc: article.id.clone(),
            });
        }
        let found: Found = check(&self.index, print, |a| {
            self.print(a).map(|(p, _)| Cow::Owned(p))
        })?;
        let b = self.len();
        let mut w = Writer::default();
        codec::put_article(&mut w, article);
        let text = self.texts.append_record(&w.0)?;
        let mut w = Writer::default();
        codec::put_print(&mut w, print);
        w.u64(text);
        let offset = self.prints.append_record(&w.0)?;
        let keys = sketch(print);
        self.keys
            .append(&files::seal(codec::key_record(hash, offset, &keys)))?;
        let pairs = found
            .copies
            .iter()
            .copied()
            .chain(found.cannot.iter().map(|&a| (CANNOT, a)));
        for (strength, a) in pairs {
            let rec = codec::link_record(a as u32, b as u32, strength);
            self.links_log.append(&files::seal(rec))?;
        }
        self.index.insert_keys(&keys);
        self.ids.insert(hash);
        self.offsets.push(offset);
        self.live.join(&found);
        self.links.add(b, found);
        let first = self.live.find(b);
        if first == b {
            Ok(Novelty::New)
        } else {
            Ok(Novelty::CopyOf {
                id: self.article(first)?.id,
            })
        }
    }

    /// Makes every document added so far durable. Until this returns, the state
    /// on disk is the one before this run.
    pub fn commit(&mut self) -> Result<()> {
        let generation = self.manifest.generation + 1;
        let mut w = Writer::default();
        codec::put_templates(&mut w, &self.templates);
        let path = templates_path(&self.dir, generation);
        files::write_whole(&path, &w.0)?;
        for log in [
            &mut self.prints,
            &mut self.texts,
            &mut self.keys,
            &mut self.links_log,
        ] {
            log.sync()?;
        }
        let manifest = Manifest {
            generation,
            lengths: [&self.prints, &self.texts, &self.keys, &self.links_log]
                .iter()
                .map(|l| (file_name(&l.path), l.end()))
                .collect(),
            templates: Some(xxhash_rust::xxh3::xxh3_64(&w.0)),
        };
        manifest.write(&self.dir)?;
        self.manifest = manifest;
        remove_leftovers(&self.dir, generation);
        Ok(())
    }

    /// The stories of the state as lists of document numbers, each sorted, in
    /// order of their first document: every story, or with `changed` only those
    /// holding a document added since the store was opened.
    pub fn stories(&self, changed: bool) -> Vec<Vec<u32>> {
        let n = self.len();
        let mut uf = self.links.clone().partition(n);
        let mut groups = crate::cluster::groups(&mut uf, n);
        if changed {
            groups.retain(|g| g.last().is_some_and(|&d| d >= self.before_run));
        }
        groups
            .into_iter()
            .map(|g| g.into_iter().map(|d| d as u32).collect())
            .collect()
    }

    /// The canonical text of one story (document numbers from [`Store::stories`]).
    pub fn canonical(&self, story: &[u32]) -> Result<Canonical> {
        let members = story
            .iter()
            .map(|&d| self.article(d as usize))
            .collect::<Result<Vec<Article>>>()?;
        let refs: Vec<&Article> = members.iter().collect();
        Ok(canonical(&refs))
    }

    /// The current canonical text of the story holding the document `id`, if the
    /// state has it. Its cost is that of [`Store::stories`] (the partition is
    /// rebuilt from every link) plus reading the story's texts: for reading a few
    /// stories back, not for every document of a crawl.
    pub fn story(&self, id: &str) -> Result<Option<Canonical>> {
        let Some(d) = self.number(xxh3_128(id.as_bytes()))? else {
            return Ok(None);
        };
        let story = self
            .stories(false)
            .into_iter()
            .find(|g| g.contains(&d))
            .unwrap_or_default();
        self.canonical(&story).map(Some)
    }
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

fn templates_path(dir: &Path, generation: u64) -> PathBuf {
    dir.join(format!("templates.{generation}"))
}

/// The templates of the manifest's generation, checked against its checksum.
fn read_templates(dir: &Path, manifest: &Manifest) -> Result<Templates> {
    let Some(want) = manifest.templates else {
        return Ok(Templates::new());
    };
    let path = templates_path(dir, manifest.generation);
    let bytes = std::fs::read(&path).map_err(io(&path))?;
    if xxhash_rust::xxh3::xxh3_64(&bytes) != want {
        return Err(bad(&path, "fails the checksum the manifest gives"));
    }
    let mut r = Reader::new(&bytes);
    codec::get_templates(&mut r)
        .and_then(|t| r.end().map(|_| t))
        .map_err(|e| bad(&path, e))
}

/// Removes what a killed run may have left: a manifest or templates file that
/// was never committed, templates of older generations.
fn remove_leftovers(dir: &Path, generation: u64) {
    let current = format!("templates.{generation}");
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let name = e.file_name().to_string_lossy().into_owned();
        let stale = name == "MANIFEST.tmp" || (name.starts_with("templates.") && name != current);
        if stale {
            let _ = std::fs::remove_file(e.path());
        }
    }
}
