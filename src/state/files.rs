//! How a state directory survives a crash: append-only files plus a manifest.
//!
//! Every run only appends to the data files; nothing written before is changed.
//! The manifest names the length of each file that belongs to the state, and is
//! replaced by a rename (write `MANIFEST.tmp`, fsync, rename, fsync the directory),
//! which is atomic: a run killed at any moment leaves either the old manifest or
//! the new one, and bytes past the lengths it names are a killed run's leftovers,
//! cut off when the state is next opened. A file shorter than its manifest says,
//! a record whose checksum fails, or a manifest of another format version is
//! refused with an error naming the file.

use std::fs::{File, OpenOptions};
use std::io::{Read, Write};
use std::os::unix::fs::FileExt;
use std::path::{Path, PathBuf};

use xxhash_rust::xxh3::xxh3_64;

use crate::error::{Error, Result};

/// The first line of a manifest: what wrote it and which layout it describes.
/// Bumped whenever any file's layout changes; other versions are refused.
pub(crate) const FORMAT: &str = "newsdistill-state 1";

/// Appended bytes held in memory before they are written out.
const PENDING: usize = 1 << 20;

pub(crate) fn io(path: &Path) -> impl FnOnce(std::io::Error) -> Error + '_ {
    move |source| Error::Io {
        path: path.to_owned(),
        source,
    }
}

pub(crate) fn bad(path: &Path, reason: impl Into<String>) -> Error {
    Error::State {
        path: path.to_owned(),
        reason: reason.into(),
    }
}

/// The manifest: the committed length of each data file, and the checksum of the
/// one file rewritten whole each run (the site templates).
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Manifest {
    /// Commits so far; names the templates file of this commit.
    pub generation: u64,
    /// `(file name, committed length)` of each append-only file.
    pub lengths: Vec<(String, u64)>,
    /// xxh3 of the templates file of this generation (absent before the first).
    pub templates: Option<u64>,
}

impl Manifest {
    pub fn length(&self, name: &str) -> u64 {
        self.lengths
            .iter()
            .find(|(n, _)| n == name)
            .map_or(0, |&(_, l)| l)
    }

    fn render(&self) -> String {
        let mut s = format!("{FORMAT}\ngeneration {}\n", self.generation);
        for (name, len) in &self.lengths {
            s += &format!("length {name} {len}\n");
        }
        if let Some(t) = self.templates {
            s += &format!("templates {t:016x}\n");
        }
        let check = xxh3_64(s.as_bytes());
        s + &format!("check {check:016x}\n")
    }

    fn parse(path: &Path, text: &str) -> Result<Manifest> {
        let Some(first) = text.lines().next() else {
            return Err(bad(path, "empty manifest"));
        };
        if first != FORMAT {
            return Err(bad(
                path,
                format!("written as {first:?}; this build reads {FORMAT:?}"),
            ));
        }
        let body_end = text
            .rfind("check ")
            .ok_or_else(|| bad(path, "manifest has no checksum line"))?;
        let (body, check) = text.split_at(body_end);
        let want = format!("check {:016x}\n", xxh3_64(body.as_bytes()));
        if check != want {
            return Err(bad(path, "manifest checksum does not match its contents"));
        }
        let mut m = Manifest::default();
        for line in body.lines().skip(1) {
            let words: Vec<&str> = line.split(' ').collect();
            let number = |w: &str| w.parse::<u64>().ok();
            match words.as_slice() {
                ["generation", g] => m.generation = number(g).ok_or_else(|| bad(path, line))?,
                ["length", name, len] => {
                    let len = number(len).ok_or_else(|| bad(path, line))?;
                    m.lengths.push((name.to_string(), len));
                }
                ["templates", t] => {
                    let t = u64::from_str_radix(t, 16).map_err(|_| bad(path, line))?;
                    m.templates = Some(t);
                }
                _ => return Err(bad(path, format!("unknown manifest line {line:?}"))),
            }
        }
        Ok(m)
    }

    /// The manifest of `dir`, or `None` for a directory that holds no state yet.
    pub fn read(dir: &Path) -> Result<Option<Manifest>> {
        let path = dir.join("MANIFEST");
        let mut text = String::new();
        match File::open(&path) {
            Ok(mut f) => f.read_to_string(&mut text).map_err(io(&path))?,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(io(&path)(e)),
        };
        Manifest::parse(&path, &text).map(Some)
    }

    /// Replaces the manifest of `dir` atomically.
    pub fn write(&self, dir: &Path) -> Result<()> {
        write_whole(&dir.join("MANIFEST"), self.render().as_bytes())?;
        sync_dir(dir)
    }
}

/// Makes a rename or a new file in `dir` durable.
pub(crate) fn sync_dir(dir: &Path) -> Result<()> {
    File::open(dir).and_then(|d| d.sync_all()).map_err(io(dir))
}

/// Writes a whole file under a temporary name (`NAME.tmp`), makes it durable and
/// renames it into place.
pub(crate) fn write_whole(path: &Path, bytes: &[u8]) -> Result<()> {
    let tmp = path.with_extension("tmp");
    let mut f = File::create(&tmp).map_err(io(&tmp))?;
    f.write_all(bytes).map_err(io(&tmp))?;
    f.sync_all().map_err(io(&tmp))?;
    std::fs::rename(&tmp, path).map_err(io(path))
}

/// An append-only file: bytes up to `committed` belong to the state, later ones to
/// this run (lost unless the run commits). Appends are buffered; reads see them.
#[derive(Debug)]
pub(crate) struct Log {
    pub path: PathBuf,
    file: File,
    /// Bytes in the file.
    written: u64,
    /// Appended bytes not yet written, which follow `written`.
    pending: Vec<u8>,
}

impl Log {
    /// Opens `dir/name`, whose state part is `committed` bytes long; a longer file
    /// is cut back to it (a killed run's appends), a shorter one is refused.
    pub fn open(dir: &Path, name: &str, committed: u64) -> Result<Log> {
        let path = dir.join(name);
        let file = OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(&path)
            .map_err(io(&path))?;
        let len = file.metadata().map_err(io(&path))?.len();
        if len < committed {
            return Err(bad(
                &path,
                format!("truncated: {len} bytes, the manifest says {committed}"),
            ));
        }
        if len > committed {
            file.set_len(committed).map_err(io(&path))?;
        }
        Ok(Log {
            path,
            file,
            written: committed,
            pending: Vec::new(),
        })
    }

    /// Length including this run's appends.
    pub fn end(&self) -> u64 {
        self.written + self.pending.len() as u64
    }

    /// Appends bytes; returns where they start.
    pub fn append(&mut self, bytes: &[u8]) -> Result<u64> {
        let at = self.end();
        self.pending.extend_from_slice(bytes);
        if self.pending.len() >= PENDING {
            self.flush()?;
        }
        Ok(at)
    }

    fn flush(&mut self) -> Result<()> {
        self.file
            .write_all_at(&self.pending, self.written)
            .map_err(io(&self.path))?;
        self.written += self.pending.len() as u64;
        self.pending.clear();
        Ok(())
    }

    /// Writes out every append and makes it durable.
    pub fn sync(&mut self) -> Result<()> {
        self.flush()?;
        self.file.sync_all().map_err(io(&self.path))
    }

    /// `len` bytes at `offset`, which must lie inside the file.
    pub fn read(&self, offset: u64, len: usize) -> Result<Vec<u8>> {
        let end = offset.saturating_add(len as u64);
        if end > self.end() {
            return Err(bad(
                &self.path,
                format!(
                    "a record at byte {offset} runs past the end ({} bytes)",
                    self.end()
                ),
            ));
        }
        let mut out = vec![0u8; len];
        let in_file = end.min(self.written).saturating_sub(offset) as usize;
        if in_file > 0 {
            self.file
                .read_exact_at(&mut out[..in_file], offset)
                .map_err(io(&self.path))?;
        }
        if in_file < len {
            // The rest is this run's appends not yet written out.
            let from = (offset + in_file as u64 - self.written) as usize;
            out[in_file..].copy_from_slice(&self.pending[from..from + len - in_file]);
        }
        Ok(out)
    }

    /// Hands each fixed-size record of the file (sealed with [`seal`]) to `f`,
    /// reading a chunk at a time; an unsealed record, a length that is not a
    /// whole number of records, or an error of `f` names the file and the byte.
    pub fn each_sealed(
        &self,
        size: usize,
        mut f: impl FnMut(&[u8]) -> std::result::Result<(), String>,
    ) -> Result<()> {
        if !self.end().is_multiple_of(size as u64) {
            return Err(bad(&self.path, "length is not a whole number of records"));
        }
        let chunk = (PENDING / size) * size;
        let mut at = 0;
        while at < self.end() {
            let len = (self.end() - at).min(chunk as u64) as usize;
            let bytes = self.read(at, len)?;
            for (i, rec) in bytes.chunks_exact(size).enumerate() {
                let here = at + (i * size) as u64;
                if !sealed(rec) {
                    return Err(bad(
                        &self.path,
                        format!("the record at byte {here} fails its checksum"),
                    ));
                }
                f(rec).map_err(|e| bad(&self.path, format!("the record at byte {here}: {e}")))?;
            }
            at += len as u64;
        }
        Ok(())
    }

    /// Appends a framed record (length, checksum, payload); returns its offset.
    pub fn append_record(&mut self, payload: &[u8]) -> Result<u64> {
        let len =
            u32::try_from(payload.len()).map_err(|_| bad(&self.path, "a record over 4 GiB"))?;
        let mut head = [0u8; HEAD];
        head[..4].copy_from_slice(&len.to_le_bytes());
        head[4..].copy_from_slice(&xxh3_64(payload).to_le_bytes());
        let at = self.append(&head)?;
        self.append(payload)?;
        Ok(at)
    }

    /// The framed record at `offset`, its checksum verified.
    pub fn read_record(&self, offset: u64) -> Result<Vec<u8>> {
        let head = self.read(offset, HEAD)?;
        let len = u32::from_le_bytes([head[0], head[1], head[2], head[3]]) as usize;
        let mut check = [0u8; 8];
        check.copy_from_slice(&head[4..]);
        let payload = self.read(offset + HEAD as u64, len)?;
        if xxh3_64(&payload) != u64::from_le_bytes(check) {
            return Err(bad(
                &self.path,
                format!("the record at byte {offset} fails its checksum"),
            ));
        }
        Ok(payload)
    }
}

/// Bytes before a framed record's payload: its length (`u32`) and xxh3 (`u64`).
const HEAD: usize = 12;

/// A fixed-size record whose last 4 bytes check the rest (low half of its xxh3).
pub(crate) fn seal<const N: usize>(mut rec: [u8; N]) -> [u8; N] {
    let check = xxh3_64(&rec[..N - 4]) as u32;
    rec[N - 4..].copy_from_slice(&check.to_le_bytes());
    rec
}

/// True when a fixed-size record's check matches.
fn sealed(rec: &[u8]) -> bool {
    let n = rec.len();
    n >= 4 && (xxh3_64(&rec[..n - 4]) as u32).to_le_bytes() == rec[n - 4..]
}
