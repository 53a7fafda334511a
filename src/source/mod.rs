//! Source stage: turns inputs (files, directory trees, JSONL and WARC dumps, any of
//! them gzipped, or `-` for stdin) into a stream of [`RawDoc`]s. Streaming: dumps are
//! read one record at a time, so a dump larger than memory works; only the list of
//! file paths is held, and no record is buffered beyond the size limit.

mod jsonl;
mod warc;

use std::collections::VecDeque;
use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

use flate2::read::MultiGzDecoder;

use crate::error::{Error, Result};
use jsonl::Jsonl;
use warc::Warc;

/// Default size limit for one document, in bytes.
pub const DEFAULT_MAX_BYTES: usize = 32 << 20;

/// How a document's bytes are to be segmented.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    /// An HTML page.
    Html,
    /// A plain-text dump: lines and blank-line paragraphs.
    Text,
}

/// A document's content as read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Body {
    /// Bytes in a charset still to be found (files, WARC payloads).
    Bytes(Vec<u8>),
    /// Text already decoded: a JSON string, or a crawler's `String`. Its charset
    /// labels are moot, and it is not validated again.
    Text(String),
}

impl Body {
    /// The content's size in bytes.
    pub fn len(&self) -> usize {
        self.as_bytes().len()
    }

    /// True when there is no content.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The content's bytes.
    pub fn as_bytes(&self) -> &[u8] {
        match self {
            Body::Bytes(b) => b,
            Body::Text(s) => s.as_bytes(),
        }
    }
}

impl From<Vec<u8>> for Body {
    fn from(b: Vec<u8>) -> Self {
        Body::Bytes(b)
    }
}

impl From<&[u8]> for Body {
    fn from(b: &[u8]) -> Self {
        Body::Bytes(b.to_vec())
    }
}

impl<const N: usize> From<&[u8; N]> for Body {
    fn from(b: &[u8; N]) -> Self {
        Body::Bytes(b.to_vec())
    }
}

impl From<String> for Body {
    fn from(s: String) -> Self {
        Body::Text(s)
    }
}

impl From<&str> for Body {
    fn from(s: &str) -> Self {
        Body::Text(s.to_owned())
    }
}

/// One input document as read: not yet decoded.
#[derive(Debug, Clone)]
pub struct RawDoc {
    /// Document id: file name without format extensions, the JSONL `id`, or the
    /// `WARC-Record-ID`.
    pub id: String,
    /// The page URL when the input carries one.
    pub url: Option<String>,
    /// Where it came from, for reports: `path`, `path:line` or `path@offset`.
    pub origin: String,
    /// HTML or text.
    pub format: Format,
    /// An HTTP `Content-Type` header value, when known (charset evidence).
    pub content_type: Option<String>,
    /// The content.
    pub body: Body,
}

impl RawDoc {
    /// A document already in memory (crawler use): bytes, or a string.
    pub fn new(id: impl Into<String>, format: Format, body: impl Into<Body>) -> Self {
        let id = id.into();
        RawDoc {
            origin: id.clone(),
            id,
            url: None,
            format,
            content_type: None,
            body: body.into(),
        }
    }

    /// Sets the page URL (builder style).
    pub fn with_url(mut self, url: impl Into<String>) -> Self {
        self.url = Some(url.into());
        self
    }
}

/// The host of a URL, lowercased, without `www.`: the site key for per-site evidence.
pub fn host(url: &str) -> Option<String> {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let authority = rest.split(['/', '?', '#']).next()?;
    let host = authority.rsplit('@').next()?;
    let host = host.split(':').next()?.trim_end_matches('.');
    let host = host.strip_prefix("www.").unwrap_or(host);
    (!host.is_empty()).then(|| host.to_ascii_lowercase())
}

/// What a file holds, from its name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Single(Format),
    Jsonl,
    Warc,
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
        "warc" | "wet" => Kind::Warc,
        _ => return None,
    };
    Some((stem, kind, gz))
}

type Reader = Box<dyn BufRead + Send>;

/// Counts the bytes read from an input file (compressed bytes for `.gz`), for
/// progress against the known input size.
struct Counting<R> {
    inner: R,
    count: Arc<AtomicU64>,
}

impl<R: Read> Read for Counting<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.count.fetch_add(n as u64, Ordering::Relaxed);
        Ok(n)
    }
}

fn open(path: &Path, gz: bool, count: &Arc<AtomicU64>) -> Result<Reader> {
    let file = File::open(path).map_err(|source| Error::Io {
        path: path.to_owned(),
        source,
    })?;
    let file = Counting {
        inner: file,
        count: Arc::clone(count),
    };
    Ok(if gz {
        Box::new(BufReader::new(MultiGzDecoder::new(file)))
    } else {
        Box::new(BufReader::new(file))
    })
}

/// Reads one line (through `\n`) into `buf`, keeping at most `limit` bytes of it
/// and discarding the rest, so a file without newlines cannot exhaust memory.
/// Returns the bytes consumed (0 at end of input) and whether the line was cut.
fn read_line_bounded(
    r: &mut dyn BufRead,
    buf: &mut Vec<u8>,
    limit: usize,
) -> io::Result<(u64, bool)> {
    buf.clear();
    let (mut consumed, mut cut) = (0u64, false);
    loop {
        let chunk = match r.fill_buf() {
            Ok(c) => c,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if chunk.is_empty() {
            return Ok((consumed, cut));
        }
        let (take, done) = match chunk.iter().position(|&b| b == b'\n') {
            Some(i) => (i + 1, true),
            None => (chunk.len(), false),
        };
        let room = limit.saturating_sub(buf.len()).min(take);
        buf.extend_from_slice(&chunk[..room]);
        cut |= room < take;
        r.consume(take);
        consumed += take as u64;
        if done {
            return Ok((consumed, cut));
        }
    }
}

/// Position of `needle` in `hay` (both short: headers, markers).
pub(crate) fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// A reader of many documents from one stream (JSONL, WARC).
trait Records: Send {
    /// The next document or error; `None` at end of stream.
    fn next_doc(&mut self) -> Option<Result<RawDoc>>;
}

/// One named input: a path (explicit, or found in a directory) or an open stream.
enum Input {
    Path(PathBuf, bool),
    Stream(String, Box<dyn Read + Send>),
}

/// A stream of documents over files and directory trees.
///
/// Directories are walked in sorted order and only files with a known extension are
/// taken from them; a file named explicitly with an unknown extension is an error;
/// `-` reads stdin, whose format is recognised from its first bytes. Errors are
/// yielded in place and the stream goes on.
pub struct Source {
    queue: VecDeque<Input>,
    records: Option<Box<dyn Records>>,
    max_bytes: usize,
    read: Arc<AtomicU64>,
}

impl Source {
    /// A stream over `inputs` (files or directories, `-` for stdin).
    pub fn new<P: AsRef<Path>>(inputs: &[P]) -> Self {
        Source {
            queue: inputs
                .iter()
                .map(|p| Input::Path(p.as_ref().to_owned(), true))
                .collect(),
            records: None,
            max_bytes: DEFAULT_MAX_BYTES,
            read: Arc::default(),
        }
    }

    /// A stream over one open reader holding a WARC, a JSONL dump or a single page,
    /// gzipped or not, recognised from its first bytes. `name` stands for the path
    /// in reports and is the id of a single page.
    pub fn from_reader(name: impl Into<String>, reader: impl Read + Send + 'static) -> Self {
        let mut source = Source::new::<&Path>(&[]);
        source
            .queue
            .push_back(Input::Stream(name.into(), Box::new(reader)));
        source
    }

    /// A live count of the input bytes read so far (as stored: compressed for
    /// `.gz`), shared with the caller for progress reports.
    pub fn bytes_read(&self) -> Arc<AtomicU64> {
        Arc::clone(&self.read)
    }

    /// Documents over `n` bytes are reported as too large without being read into
    /// memory (default [`DEFAULT_MAX_BYTES`]).
    pub fn max_bytes(mut self, n: usize) -> Self {
        self.max_bytes = n;
        self
    }

    /// Reads one file that is a single document, no more than the limit.
    fn single(&self, path: &Path, id: &str, format: Format, reader: Reader) -> Result<RawDoc> {
        let mut bytes = Vec::new();
        let limit = self.max_bytes as u64 + 1;
        reader
            .take(limit)
            .read_to_end(&mut bytes)
            .map_err(|source| Error::Io {
                path: path.to_owned(),
                source,
            })?;
        if bytes.len() > self.max_bytes {
            return Err(Error::TooLarge {
                id: id.to_owned(),
                what: "document (bytes read)",
                size: bytes.len(),
                limit: self.max_bytes,
            });
        }
        Ok(RawDoc {
            id: id.to_owned(),
            url: None,
            origin: path.display().to_string(),
            format,
            content_type: None,
            body: Body::Bytes(bytes),
        })
    }

    /// Starts reading `reader` as `kind`; a single document is returned at once.
    fn start(
        &mut self,
        path: PathBuf,
        id: &str,
        kind: Kind,
        reader: Reader,
    ) -> Option<Result<RawDoc>> {
        match kind {
            Kind::Single(format) => return Some(self.single(&path, id, format, reader)),
            Kind::Jsonl => self.records = Some(Box::new(Jsonl::new(path, reader, self.max_bytes))),
            Kind::Warc => self.records = Some(Box::new(Warc::new(path, reader, self.max_bytes))),
        }
        None
    }

    /// A stream (stdin, or a caller's reader): gzip, WARC, JSONL or one page, told
    /// apart by the first bytes.
    fn stream(&mut self, name: String, inner: Box<dyn Read + Send>) -> Option<Result<RawDoc>> {
        let path = PathBuf::from(&name);
        let counted = Counting {
            inner,
            count: Arc::clone(&self.read),
        };
        let mut reader: Reader = Box::new(BufReader::new(counted));
        let head = |r: &mut Reader| r.fill_buf().map(|b| b.to_vec());
        let mut first = match head(&mut reader) {
            Ok(b) => b,
            Err(source) => return Some(Err(Error::Io { path, source })),
        };
        if first.starts_with(&[0x1f, 0x8b]) {
            reader = Box::new(BufReader::new(MultiGzDecoder::new(reader)));
            first = match head(&mut reader) {
                Ok(b) => b,
                Err(source) => return Some(Err(Error::Io { path, source })),
            };
        }
        let kind = sniff(&first);
        self.start(path, &name, kind, reader)
    }
}

/// The kind of a stream from its first bytes.
fn sniff(first: &[u8]) -> Kind {
    let start = first
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .map_or(&[][..], |i| &first[i..]);
    if start.starts_with(b"WARC/") {
        Kind::Warc
    } else if start.starts_with(b"{") {
        Kind::Jsonl
    } else if start.starts_with(b"<") || start.starts_with(b"\xef\xbb\xbf<") {
        Kind::Single(Format::Html)
    } else {
        Kind::Single(Format::Text)
    }
}

impl Iterator for Source {
    type Item = Result<RawDoc>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if let Some(r) = &mut self.records {
                match r.next_doc() {
                    Some(item) => return Some(item),
                    None => self.records = None,
                }
            }
            let (path, explicit) = match self.queue.pop_front()? {
                Input::Path(p, explicit) if explicit && p.as_os_str() == "-" => {
                    match self.stream("-".into(), Box::new(io::stdin())) {
                        Some(item) => return Some(item),
                        None => continue,
                    }
                }
                Input::Path(p, explicit) => (p, explicit),
                Input::Stream(name, reader) => match self.stream(name, reader) {
                    Some(item) => return Some(item),
                    None => continue,
                },
            };
            if path.is_dir() {
                if let Err(e) = expand(&mut self.queue, &path) {
                    return Some(Err(e));
                }
                continue;
            }
            let name = path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            match classify(&name) {
                Some((id, kind, gz)) => {
                    let id = id.to_owned();
                    match open(&path, gz, &self.read) {
                        Ok(reader) => {
                            if let Some(item) = self.start(path, &id, kind, reader) {
                                return Some(item);
                            }
                        }
                        Err(e) => return Some(Err(e)),
                    }
                }
                None if explicit && !path.exists() => {
                    return Some(Err(Error::Io {
                        source: io::Error::new(io::ErrorKind::NotFound, "not found"),
                        path,
                    }))
                }
                None if explicit => return Some(Err(Error::Unsupported { path })),
                None => {} // not a document: a directory may hold other files
            }
        }
    }
}

/// Expands a directory into the front of the queue, sorted.
fn expand(queue: &mut VecDeque<Input>, dir: &Path) -> Result<()> {
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
        queue.push_front(Input::Path(path, false));
    }
    Ok(())
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
        assert_eq!(
            classify("CC-1.warc.wet.gz"),
            Some(("CC-1.warc", Kind::Warc, true))
        );
        assert_eq!(classify("README.md"), None);
        assert_eq!(classify("noext"), None);
    }

    #[test]
    fn hosts_are_site_keys() {
        assert_eq!(
            host("https://www.Hespress.com/a/b?x=1").as_deref(),
            Some("hespress.com")
        );
        assert_eq!(
            host("http://user@news.example.ma:8080/x").as_deref(),
            Some("news.example.ma")
        );
        assert_eq!(host("https:///path"), None);
    }

    #[test]
    fn long_lines_are_cut_not_buffered() {
        let data = b"abcdefgh\nxy\n";
        let mut r: &[u8] = data;
        let mut buf = Vec::new();
        assert_eq!(read_line_bounded(&mut r, &mut buf, 4).unwrap(), (9, true));
        assert_eq!(buf, b"abcd");
        assert_eq!(read_line_bounded(&mut r, &mut buf, 4).unwrap(), (3, false));
        assert_eq!(buf, b"xy\n");
        assert_eq!(read_line_bounded(&mut r, &mut buf, 4).unwrap(), (0, false));
    }
}
