//! Source stage: turns input paths (files, directory trees, JSONL dumps, any of them
//! gzipped) into a stream of [`RawDoc`]s. Streaming: a JSONL dump is read one line at
//! a time, so a dump larger than memory works; only the list of file paths is held.

use std::collections::VecDeque;
use std::fs::File;
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

use flate2::read::MultiGzDecoder;
use serde::Deserialize;

use crate::error::{Error, Result};

/// How a document's bytes are to be segmented.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    /// An HTML page.
    Html,
    /// A plain-text dump: lines and blank-line paragraphs.
    Text,
}

/// One input document as read: bytes not yet decoded.
#[derive(Debug, Clone)]
pub struct RawDoc {
    /// Document id: file name without format extensions, or the JSONL `id`.
    pub id: String,
    /// The page URL when the input carries one.
    pub url: Option<String>,
    /// Where it came from, for reports: `path` or `path:line`.
    pub origin: String,
    /// HTML or text.
    pub format: Format,
    /// An HTTP `Content-Type` header value, when known (charset evidence).
    pub content_type: Option<String>,
    /// The undecoded bytes.
    pub bytes: Vec<u8>,
}

impl RawDoc {
    /// A document from a string already in memory (crawler use).
    pub fn new(id: impl Into<String>, format: Format, bytes: impl Into<Vec<u8>>) -> Self {
        let id = id.into();
        RawDoc {
            origin: id.clone(),
            id,
            url: None,
            format,
            content_type: None,
            bytes: bytes.into(),
        }
    }
}

/// What a file holds, from its name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Single(Format),
    Jsonl,
}

/// Splits `name` into (id, kind, gzipped). `x.html.gz` gives `("x", Html, true)`.
fn classify(name: &str) -> Option<(&str, Kind, bool)> {
    let (name, gz) = match name.strip_suffix(".gz") {
        Some(n) => (n, true),
        None => (name, false),
    };
    let (stem, ext) = name.rsplit_once('.')?;
    let kind = match ext.to_ascii_lowercase().as_str() {
        "html" | "htm" | "xhtml" => Kind::Single(Format::Html),
        "txt" => Kind::Single(Format::Text),
        "jsonl" => Kind::Jsonl,
        _ => return None,
    };
    Some((stem, kind, gz))
}

fn open(path: &Path, gz: bool) -> Result<Box<dyn BufRead + Send>> {
    let file = File::open(path).map_err(|source| Error::Io {
        path: path.to_owned(),
        source,
    })?;
    Ok(if gz {
        Box::new(BufReader::new(MultiGzDecoder::new(file)))
    } else {
        Box::new(BufReader::new(file))
    })
}

/// A JSONL record; other fields are ignored.
#[derive(Deserialize)]
struct Record {
    id: Option<serde_json::Value>,
    url: Option<String>,
    html: Option<String>,
    text: Option<String>,
}

struct Jsonl {
    path: PathBuf,
    reader: Box<dyn BufRead + Send>,
    line: u64,
    buf: Vec<u8>,
}

impl Jsonl {
    /// The next non-blank line as a document; `None` at end of file.
    fn next_doc(&mut self) -> Option<Result<RawDoc>> {
        loop {
            self.buf.clear();
            self.line += 1;
            match self.reader.read_until(b'\n', &mut self.buf) {
                Ok(0) => return None,
                Ok(_) => {}
                Err(source) => {
                    return Some(Err(Error::Io {
                        path: self.path.clone(),
                        source,
                    }))
                }
            }
            if self.buf.iter().all(u8::is_ascii_whitespace) {
                continue;
            }
            return Some(self.parse());
        }
    }

    fn parse(&self) -> Result<RawDoc> {
        let bad = |reason: String| Error::Record {
            path: self.path.clone(),
            line: self.line,
            reason,
        };
        let rec: Record = serde_json::from_slice(&self.buf).map_err(|e| bad(e.to_string()))?;
        let id = match rec.id {
            Some(serde_json::Value::String(s)) if !s.is_empty() => s,
            Some(serde_json::Value::Number(n)) => n.to_string(),
            _ => return Err(bad("missing or empty \"id\"".into())),
        };
        let (format, body) = match (rec.html, rec.text) {
            (Some(h), _) => (Format::Html, h),
            (None, Some(t)) => (Format::Text, t),
            (None, None) => return Err(bad(format!("{id}: neither \"html\" nor \"text\""))),
        };
        Ok(RawDoc {
            id,
            url: rec.url,
            origin: format!("{}:{}", self.path.display(), self.line),
            format,
            content_type: None,
            bytes: body.into_bytes(),
        })
    }
}

/// A stream of documents over files and directory trees.
///
/// Directories are walked in sorted order and only files with a known extension are
/// taken from them; a file named explicitly with an unknown extension is an error.
/// Errors are yielded in place and the stream goes on.
pub struct Source {
    queue: VecDeque<(PathBuf, bool)>,
    jsonl: Option<Jsonl>,
}

impl Source {
    /// A stream over `inputs` (files or directories).
    pub fn new<P: AsRef<Path>>(inputs: &[P]) -> Self {
        Source {
            queue: inputs
                .iter()
                .map(|p| (p.as_ref().to_owned(), true))
                .collect(),
            jsonl: None,
        }
    }

    /// Reads one file that is a single document.
    fn single(path: &Path, id: &str, format: Format, gz: bool) -> Result<RawDoc> {
        let mut bytes = Vec::new();
        open(path, gz)?
            .read_to_end(&mut bytes)
            .map_err(|source| Error::Io {
                path: path.to_owned(),
                source,
            })?;
        Ok(RawDoc {
            id: id.to_owned(),
            url: None,
            origin: path.display().to_string(),
            format,
            content_type: None,
            bytes,
        })
    }

    /// Expands a directory into the front of the queue, sorted.
    fn expand(&mut self, dir: &Path) -> Result<()> {
        let io = |source| Error::Io {
            path: dir.to_owned(),
            source,
        };
        let mut entries = Vec::new();
        for entry in std::fs::read_dir(dir).map_err(io)? {
            entries.push(entry.map_err(io)?.path());
        }
        entries.sort();
        for path in entries.into_iter().rev() {
            self.queue.push_front((path, false));
        }
        Ok(())
    }
}

impl Iterator for Source {
    type Item = Result<RawDoc>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if let Some(j) = &mut self.jsonl {
                match j.next_doc() {
                    Some(item) => return Some(item),
                    None => self.jsonl = None,
                }
            }
            let (path, explicit) = self.queue.pop_front()?;
            if path.is_dir() {
                if let Err(e) = self.expand(&path) {
                    return Some(Err(e));
                }
                continue;
            }
            let name = path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            match classify(&name) {
                Some((id, Kind::Single(format), gz)) => {
                    return Some(Self::single(&path, id, format, gz))
                }
                Some((_, Kind::Jsonl, gz)) => match open(&path, gz) {
                    Ok(reader) => {
                        self.jsonl = Some(Jsonl {
                            path,
                            reader,
                            line: 0,
                            buf: Vec::new(),
                        })
                    }
                    Err(e) => return Some(Err(e)),
                },
                None if explicit && !path.exists() => {
                    return Some(Err(Error::Io {
                        source: std::io::Error::new(std::io::ErrorKind::NotFound, "not found"),
                        path,
                    }))
                }
                None if explicit => return Some(Err(Error::Unsupported { path })),
                None => {} // not a document: a directory may hold other files
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_drop_gz_and_format_extension() {
        assert_eq!(
            classify("000_c484fc3f2e4a3e1b.txt"),
            Some(("000_c484fc3f2e4a3e1b", Kind::Single(Format::Text), false))
        );
        assert_eq!(
            classify("x.html.gz"),
            Some(("x", Kind::Single(Format::Html), true))
        );
        assert_eq!(classify("a.b.jsonl"), Some(("a.b", Kind::Jsonl, false)));
        assert_eq!(classify("README.md"), None);
        assert_eq!(classify("noext"), None);
    }
}
