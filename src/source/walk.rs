//! Which files the inputs name, and the id of each single-page file.
//!
//! The inputs are walked once, before any is read: directories in sorted order,
//! each real directory once (by device and inode, so symbolic-link loops end) and
//! each real file once, whatever names lead to it. Only regular files are read:
//! a FIFO, a socket or a device would block or never end. Knowing every file
//! first is what lets ids be unique: a page's id is its file name without `.gz`
//! and the format extension when that name is unique among the run's pages;
//! pages whose names collide (`a/index.html`, `b/index.html`) are all named by
//! their path under the input they were found in, the same whatever the order the
//! inputs are given in.

use std::collections::{HashMap, HashSet};
use std::fs::Metadata;
use std::io;
use std::path::{Path, PathBuf};

use super::{classify, Kind};
use crate::error::Error;

/// A file to read.
#[derive(Debug)]
pub(super) struct File {
    pub path: PathBuf,
    pub kind: Kind,
    pub gz: bool,
    /// The document id of a single page (the records of a dump carry their own).
    pub id: String,
    /// Its size on disk.
    pub size: u64,
}

/// One step of the plan: a file, standard input, or an input that cannot be read.
#[derive(Debug)]
pub(super) enum Planned {
    File(File),
    Stdin,
    Bad(Error),
}

/// The real identity of a file or directory.
type Key = (u64, u64);

#[cfg(unix)]
fn key(_: &Path, m: &Metadata) -> Key {
    use std::os::unix::fs::MetadataExt;
    (m.dev(), m.ino())
}

#[cfg(not(unix))]
fn key(path: &Path, _: &Metadata) -> Key {
    let real = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_owned());
    (
        0,
        xxhash_rust::xxh3::xxh3_64(real.to_string_lossy().as_bytes()),
    )
}

/// What a file that is not a regular file is, for the report.
fn file_type(m: &Metadata) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        let t = m.file_type();
        if t.is_fifo() {
            return "a FIFO";
        }
        if t.is_socket() {
            return "a socket";
        }
        if t.is_char_device() || t.is_block_device() {
            return "a device";
        }
    }
    let _ = m;
    "not a regular file"
}

fn not_regular(path: &Path, m: &Metadata) -> Error {
    let what = file_type(m);
    let reason = format!("{what}, not a regular file: passed over");
    Error::Io {
        path: path.to_owned(),
        source: io::Error::new(io::ErrorKind::InvalidInput, reason),
    }
}

/// Walks `inputs` into the plan: files in input order (directories sorted), with
/// unique page ids.
pub(super) fn plan<P: AsRef<Path>>(inputs: &[P]) -> Vec<Planned> {
    let mut walk = Walk::default();
    for input in inputs {
        walk.input(input.as_ref());
    }
    assign_ids(&mut walk.out);
    walk.out.into_iter().map(|(p, _)| p).collect()
}

#[derive(Default)]
struct Walk {
    /// Each step, with the input root a file was found under.
    out: Vec<(Planned, PathBuf)>,
    dirs: HashSet<Key>,
    files: HashSet<Key>,
}

impl Walk {
    fn bad(&mut self, e: Error) {
        self.out.push((Planned::Bad(e), PathBuf::new()));
    }

    fn input(&mut self, path: &Path) {
        if path.as_os_str() == "-" {
            self.out.push((Planned::Stdin, PathBuf::new()));
            return;
        }
        let meta = match std::fs::metadata(path) {
            Ok(m) => m,
            Err(source) => {
                return self.bad(Error::Io {
                    path: path.to_owned(),
                    source,
                })
            }
        };
        if meta.is_dir() {
            return self.dir(path, &meta);
        }
        let name = file_name(path);
        match classify(&name) {
            None => self.bad(Error::Unsupported {
                path: path.to_owned(),
            }),
            Some(_) if !meta.is_file() => self.special(path, &meta),
            Some((stem, kind, gz)) => self.file(path, path, stem, kind, gz, &meta),
        }
    }

    /// A directory tree, depth first in sorted order, without recursion.
    fn dir(&mut self, root: &Path, meta: &Metadata) {
        if !self.dirs.insert(key(root, meta)) {
            return;
        }
        let mut stack = vec![root.to_owned()];
        while let Some(dir) = stack.pop() {
            let mut entries = Vec::new();
            let listed = std::fs::read_dir(&dir).and_then(|d| {
                for e in d {
                    entries.push(e?.path());
                }
                Ok(())
            });
            if let Err(source) = listed {
                self.bad(Error::Io { path: dir, source });
                continue;
            }
            entries.sort();
            let mut subdirs = Vec::new();
            for path in entries {
                let name = file_name(&path);
                let class = classify(&name);
                let meta = match std::fs::metadata(&path) {
                    Ok(m) => m,
                    // A broken link or a file gone since the listing: reported
                    // when it was named like a document.
                    Err(source) => {
                        if class.is_some() {
                            self.bad(Error::Io { path, source });
                        }
                        continue;
                    }
                };
                if meta.is_dir() {
                    if self.dirs.insert(key(&path, &meta)) {
                        subdirs.push(path);
                    }
                    continue;
                }
                let Some((stem, kind, gz)) = class else {
                    continue; // not a document: a directory holds other files too
                };
                if !meta.is_file() {
                    self.special(&path, &meta);
                    continue;
                }
                self.file(&path, root, stem, kind, gz, &meta);
            }
            // Sorted order, depth first: the first subdirectory is walked next.
            stack.extend(subdirs.into_iter().rev());
        }
    }

    /// A FIFO, socket or device named like a document: reported once, not read.
    fn special(&mut self, path: &Path, m: &Metadata) {
        if self.files.insert(key(path, m)) {
            self.bad(not_regular(path, m));
        }
    }

    fn file(&mut self, path: &Path, root: &Path, stem: &str, kind: Kind, gz: bool, m: &Metadata) {
        if !self.files.insert(key(path, m)) {
            return; // the same file under another name: read once
        }
        let id = if stem.is_empty() {
            file_name(path) // `.html`: the name is all there is
        } else {
            stem.to_owned()
        };
        let file = File {
            path: path.to_owned(),
            kind,
            gz,
            id,
            size: m.len(),
        };
        self.out.push((Planned::File(file), root.to_owned()));
    }
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// The path of a page without its format extension and `.gz`, `/`-separated.
fn path_id(path: &Path) -> String {
    let name = file_name(path);
    let stem = classify(&name).map_or(name.as_str(), |(s, _, _)| s);
    let stem = if stem.is_empty() { name.as_str() } else { stem };
    let parent = path.parent().filter(|p| !p.as_os_str().is_empty());
    let mut parts: Vec<String> = parent
        .into_iter()
        .flat_map(|p| p.components())
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    parts.push(stem.to_owned());
    parts.join("/")
}

/// Gives the pages whose bare names collide their path under their input root
/// (or, if those collide too, the path as given): all of them, so that no id
/// depends on which page came first.
fn assign_ids(out: &mut [(Planned, PathBuf)]) {
    let pages: Vec<usize> = (0..out.len())
        .filter(|&i| matches!(&out[i].0, Planned::File(f) if matches!(f.kind, Kind::Single(_))))
        .collect();
    let rename = |out: &mut [(Planned, PathBuf)], how: &dyn Fn(&File, &Path) -> String| {
        let mut count: HashMap<String, usize> = HashMap::new();
        for &i in &pages {
            if let Planned::File(f) = &out[i].0 {
                *count.entry(f.id.clone()).or_default() += 1;
            }
        }
        for &i in &pages {
            let (planned, root) = &mut out[i];
            if let Planned::File(f) = planned {
                if count[&f.id] > 1 {
                    f.id = how(f, root);
                }
            }
        }
    };
    rename(out, &|f, root| match f.path.strip_prefix(root) {
        Ok(rel) if !rel.as_os_str().is_empty() => path_id(rel),
        _ => path_id(&f.path),
    });
    rename(out, &|f, _| path_id(&f.path));
}
