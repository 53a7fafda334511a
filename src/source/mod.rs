//! Source stage: turns inputs (files, directory trees, JSONL and WARC dumps, any of
//! them gzipped, or `-` for stdin) into a stream of [`RawDoc`]s. Streaming: dumps are
//! read one record at a time, so a dump larger than memory works; only the list of
//! file paths is held, and no record is buffered beyond the size limit.

mod gzip;
mod jsonl;
mod split;
mod walk;
mod warc;

use std::collections::VecDeque;
use std::io::{self, BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

use crate::error::{Error, Result};
use jsonl::Jsonl;
use split::Span;
use walk::Planned;
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

    /// The document as reports name it: where it came from (`path`, `path:line`,
    /// `path@offset`) and its id, or the id alone when that is all there is.
    pub fn name(&self) -> String {
        doc_name(&self.origin, &self.id)
    }

    /// Sets the page URL (builder style).
    pub fn with_url(mut self, url: impl Into<String>) -> Self {
        self.url = Some(url.into());
        self
    }
}

/// A document's name in reports: its origin and id (see [`RawDoc::name`]).
pub(crate) fn doc_name(origin: &str, id: &str) -> String {
    if origin.is_empty() || origin == id {
        id.to_owned()
    } else {
        format!("{origin} ({id})")
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

/// Opens bytes `from..` of a file of `kind` for reading, counting what is read;
/// gzipped, its members up to the first at or past `stop` (a WARC's held whole
/// until checked: [`gzip::WHOLE_MEMBER`]). The whole file is `0, u64::MAX`.
fn open(
    path: &Path,
    gz: bool,
    kind: Kind,
    (from, stop): (u64, u64),
    count: &Arc<AtomicU64>,
) -> Result<Reader> {
    let file = split::open_at(path, from).map_err(|source| Error::Io {
        path: path.to_owned(),
        source,
    })?;
    let file = Counting {
        inner: file,
        count: Arc::clone(count),
    };
    let whole = match kind {
        Kind::Warc => gzip::WHOLE_MEMBER,
        _ => 0,
    };
    Ok(match gz {
        true => Box::new(BufReader::new(gzip::Members::within(
            file, from, stop, whole,
        ))),
        false => Box::new(BufReader::new(file)),
    })
}

/// Consumes one line (through `\n`), handing it to `each` piece by piece as the
/// reader buffers it. Returns the bytes consumed (0 at end of input).
fn scan_line(r: &mut dyn BufRead, mut each: impl FnMut(&[u8])) -> io::Result<u64> {
    let mut consumed = 0u64;
    loop {
        let chunk = match r.fill_buf() {
            Ok(c) => c,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if chunk.is_empty() {
            return Ok(consumed);
        }
        let (take, done) = match memchr::memchr(b'\n', chunk) {
            Some(i) => (i + 1, true),
            None => (chunk.len(), false),
        };
        each(&chunk[..take]);
        r.consume(take);
        consumed += take as u64;
        if done {
            return Ok(consumed);
        }
    }
}

/// Passes over one line without keeping it, for another process's share.
/// Returns the bytes consumed (0 at end of input) and whether they were all
/// whitespace.
fn skip_line(r: &mut dyn BufRead) -> io::Result<(u64, bool)> {
    let mut blank = true;
    let n = scan_line(r, |piece| {
        blank = blank && piece.iter().all(u8::is_ascii_whitespace);
    })?;
    Ok((n, blank))
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
    let mut cut = false;
    let n = scan_line(r, |piece| {
        let room = limit.saturating_sub(buf.len()).min(piece.len());
        buf.extend_from_slice(&piece[..room]);
        cut |= room < piece.len();
    })?;
    Ok((n, cut))
}

/// Position of `needle` in `hay` (both short: headers, markers).
pub(crate) fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// A reader of many documents from one stream (JSONL, WARC).
trait Records: Send {
    /// The next document or error; `None` at end of stream.
    fn next_doc(&mut self) -> Option<Result<RawDoc>>;

    /// Passes over the next document or error as cheaply as the format allows
    /// (another process reads it); `None` at end of stream.
    fn skip_doc(&mut self) -> Option<()> {
        self.next_doc().map(|_| ())
    }

    /// Bytes of the stream before the next item: its place in the stream.
    fn offset(&self) -> u64;
}

/// A stream of documents over files and directory trees.
///
/// The inputs are walked first (see the `walk` module: each real directory and
/// file once, regular files only, unique page ids); directories give only files
/// with a known extension, while a file named explicitly with an unknown
/// extension is an error; `-` reads stdin, whose format is recognised from its
/// first bytes. Errors are yielded in place and the stream goes on.
pub struct Source {
    inputs: Vec<PathBuf>,
    plan: Option<VecDeque<Planned>>,
    streams: VecDeque<(String, Box<dyn Read + Send>)>,
    records: Option<Box<dyn Records>>,
    max_bytes: usize,
    read: Arc<AtomicU64>,
    /// `(index, count)`: this share of `count`: the byte range `index` of each
    /// plain dump, and of the other items those whose ordinal is `index` mod `count`.
    share: (u64, u64),
    /// Items met so far, yielded or passed over, a split dump counting as one:
    /// the same in every share.
    ordinal: u64,
    /// The current records are this share's part of a split dump.
    part: bool,
    /// What comes before this share's part of each split dump, in input order,
    /// when the caller knows it ([`Source::counts_before`]).
    counts_before: Option<VecDeque<u64>>,
    /// Plan steps and streams begun, and the offset of the last item in its own.
    step: u64,
    at: u64,
}

impl Source {
    /// A stream over `inputs` (files or directories, `-` for stdin). Nothing is
    /// read until the first document is asked for.
    pub fn new<P: AsRef<Path>>(inputs: &[P]) -> Self {
        Source {
            inputs: inputs.iter().map(|p| p.as_ref().to_owned()).collect(),
            plan: None,
            streams: VecDeque::new(),
            records: None,
            max_bytes: DEFAULT_MAX_BYTES,
            read: Arc::default(),
            share: (0, 1),
            ordinal: 0,
            part: false,
            counts_before: None,
            step: 0,
            at: 0,
        }
    }

    /// Only this share of the stream: sources over the same inputs with the
    /// indices `0..count` yield every item (document or error) once between
    /// them. A plain (not gzipped) JSONL or WARC file is cut into `count` byte
    /// ranges at record starts, and each share reads only its range (see the
    /// `split` module); the other items are dealt out by their ordinal in input
    /// order, `index` modulo `count`, and the others' page files are not opened
    /// nor their gzipped dumps' lines parsed. For processes that divide one
    /// input list.
    pub fn share(mut self, index: usize, count: usize) -> Self {
        self.share = (index as u64, count.max(1) as u64);
        self
    }

    /// For each split dump, in input order, what this share's part of it holds:
    /// its lines for a JSONL, its decompressed bytes for a gzipped WARC (0 for a
    /// plain WARC, whose offsets need no counting). Summed over the shares
    /// before one, what [`Source::counts_before`] wants. Reads only this share's
    /// parts, before any item is read (a file that cannot be read counts 0, and
    /// is reported when it is read).
    pub fn counts_of_share(&mut self) -> Vec<u64> {
        let (index, count) = self.share;
        let max_bytes = self.max_bytes;
        let mut counts = Vec::new();
        for step in self.planned().iter() {
            let Planned::File(f) = step else { continue };
            if split_by_bytes(f, count) {
                let n = part(f, index, count, max_bytes, Some(0)).and_then(|p| match f.kind {
                    Kind::Jsonl => split::count_lines(&f.path, p.from, p.stop),
                    _ if f.gz => split::unzipped_size(&f.path, p.from, p.stop),
                    _ => Ok(0),
                });
                counts.push(n.unwrap_or(0));
            }
        }
        counts
    }

    /// What comes before this share's part of each split dump, in input order:
    /// the sums of every earlier share's [`Source::counts_of_share`], so that
    /// reports name lines and offsets as one reader of the whole file does.
    /// Without it, a share counts them itself, reading the file up to its part.
    pub fn counts_before(mut self, counts: Vec<u64>) -> Self {
        self.counts_before = Some(counts.into());
        self
    }

    /// Where the item `next` returned last is in the input: (the input file or
    /// stream, counted from 0 in input order; its byte offset in that file or
    /// stream). Increasing in input order, shared or not: what sorts the items of
    /// several shares back into one order.
    pub fn position(&self) -> (u64, u64) {
        (self.step.saturating_sub(1), self.at)
    }

    fn mine(&self) -> bool {
        self.ordinal % self.share.1 == self.share.0
    }

    /// A stream over one open reader holding a WARC, a JSONL dump or a single page,
    /// gzipped or not, recognised from its first bytes. `name` stands for the path
    /// in reports and is the id of a single page.
    pub fn from_reader(name: impl Into<String>, reader: impl Read + Send + 'static) -> Self {
        let mut source = Source::new::<&Path>(&[]);
        source.streams.push_back((name.into(), Box::new(reader)));
        source
    }

    /// A live count of the input bytes read so far (as stored: compressed for
    /// `.gz`), shared with the caller for progress reports.
    pub fn bytes_read(&self) -> Arc<AtomicU64> {
        Arc::clone(&self.read)
    }

    /// The total size of the input files as stored, for progress against
    /// [`Source::bytes_read`]; `None` when stdin or a reader is among the inputs.
    /// Walks the inputs if that has not happened yet (the walk is done once).
    pub fn total_bytes(&mut self) -> Option<u64> {
        let plan = self.planned();
        let mut total = 0;
        for step in plan.iter() {
            match step {
                Planned::File(f) => total += f.size,
                Planned::Stdin => return None,
                Planned::Bad(_) => {}
            }
        }
        self.streams.is_empty().then_some(total)
    }

    fn planned(&mut self) -> &mut VecDeque<Planned> {
        let inputs = &self.inputs;
        self.plan.get_or_insert_with(|| walk::plan(inputs).into())
    }

    /// Documents over `n` bytes are reported as too large without being read into
    /// memory (default [`DEFAULT_MAX_BYTES`]).
    pub fn max_bytes(mut self, n: usize) -> Self {
        self.max_bytes = n;
        self
    }

    fn too_large(&self, path: &Path, id: &str, size: Option<u64>) -> Error {
        Error::TooLarge {
            id: id.to_owned(),
            doc: doc_name(&path.display().to_string(), id),
            what: "document",
            size,
            limit: self.max_bytes as u64,
        }
    }

    /// Reads one file that is a single document, no more than the limit; `size`,
    /// when known, sizes the buffer once.
    fn single(
        &self,
        path: &Path,
        id: &str,
        format: Format,
        reader: impl Read,
        size: Option<u64>,
    ) -> Result<RawDoc> {
        let limit = (self.max_bytes as u64).saturating_add(1);
        // One byte over the size, so reading to the end needs no second buffer.
        let room = size.map_or(0, |s| (s.min(limit) as usize).saturating_add(1));
        let mut bytes = Vec::with_capacity(room);
        reader
            .take(limit)
            .read_to_end(&mut bytes)
            .map_err(|source| Error::Io {
                path: path.to_owned(),
                source,
            })?;
        if bytes.len() > self.max_bytes {
            return Err(self.too_large(path, id, None));
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

    /// Starts reading `reader` as `kind`, over `span` of it; a single document is
    /// returned at once. A dump's byte-order mark is passed over: JSON and WARC
    /// have none of their own.
    fn start(
        &mut self,
        path: PathBuf,
        id: &str,
        kind: Kind,
        mut reader: Reader,
        mut span: Span,
    ) -> Option<Result<RawDoc>> {
        // A first read that fails (a gzip stream damaged from its first member)
        // is reported here, and the records after it are read.
        let mut failed = None;
        if !matches!(kind, Kind::Single(_)) && span.offset == 0 {
            match reader.fill_buf() {
                Ok(head) if head.starts_with(BOM) => {
                    reader.consume(BOM.len());
                    span.offset = BOM.len() as u64;
                }
                Ok(_) => {}
                Err(source) => {
                    let path = path.clone();
                    failed = Some(Err(Error::Io { path, source }));
                }
            }
        }
        let max = self.max_bytes;
        match kind {
            Kind::Single(format) => return Some(self.single(&path, id, format, reader, None)),
            Kind::Jsonl => self.records = Some(Box::new(Jsonl::new(path, reader, max, span))),
            Kind::Warc => self.records = Some(Box::new(Warc::new(path, reader, max, span))),
        }
        failed
    }

    /// A planned file: a page read whole (if not over the limit by its size), or a
    /// dump started.
    fn file(&mut self, f: walk::File) -> Option<Result<RawDoc>> {
        if let (Kind::Single(format), false) = (f.kind, f.gz) {
            if f.size > self.max_bytes as u64 {
                return Some(Err(self.too_large(&f.path, &f.id, Some(f.size))));
            }
            return Some(self.page(&f, format));
        }
        match open(&f.path, f.gz, f.kind, (0, u64::MAX), &self.read) {
            Ok(reader) => self.start(f.path, &f.id, f.kind, reader, Span::whole(0)),
            Err(e) => Some(Err(e)),
        }
    }

    /// A page file, not compressed, read straight from the file into a buffer of
    /// its size: through the buffered reader the buffer was zeroed and grown piece
    /// by piece (4% of an HTML run in a profile).
    fn page(&self, f: &walk::File, format: Format) -> Result<RawDoc> {
        let file = split::open_at(&f.path, 0).map_err(|source| Error::Io {
            path: f.path.clone(),
            source,
        })?;
        let doc = self.single(&f.path, &f.id, format, file, Some(f.size));
        // Progress counts the file as planned, read or not.
        self.read.fetch_add(f.size, Ordering::Relaxed);
        doc
    }

    /// Starts reading this share's part of a split dump (and gives the error of
    /// a first read that fails).
    fn part_of(&mut self, f: walk::File) -> Result<Option<Result<RawDoc>>> {
        let (index, count) = self.share;
        let before = self.counts_before.as_mut().and_then(VecDeque::pop_front);
        let io = |source| Error::Io {
            path: f.path.clone(),
            source,
        };
        let part = part(&f, index, count, self.max_bytes, before).map_err(io)?;
        let reader = open(&f.path, f.gz, f.kind, (part.from, part.stop), &self.read)?;
        let first = self.start(f.path, &f.id, f.kind, reader, part.stream);
        self.part = true;
        Ok(first)
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
            reader = Box::new(BufReader::new(gzip::Members::new(reader)));
            first = match head(&mut reader) {
                Ok(b) => b,
                Err(source) => return Some(Err(Error::Io { path, source })),
            };
        }
        let kind = sniff(&first);
        self.start(path, &name, kind, reader, Span::whole(0))
    }
}

/// The UTF-8 byte-order mark.
const BOM: &[u8] = b"\xef\xbb\xbf";

/// The kind of a stream from its first bytes (after a byte-order mark).
fn sniff(first: &[u8]) -> Kind {
    let first = first.strip_prefix(BOM).unwrap_or(first);
    let start = first
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .map_or(&[][..], |i| &first[i..]);
    if start.starts_with(b"WARC/") {
        Kind::Warc
    } else if start.starts_with(b"{") {
        Kind::Jsonl
    } else if start.starts_with(b"<") {
        Kind::Single(Format::Html)
    } else {
        Kind::Single(Format::Text)
    }
}

/// True when `f` is read in byte ranges, one per share of `count` (see the
/// `split` module).
fn split_by_bytes(f: &walk::File, count: u64) -> bool {
    count > 1 && split::splits(f.kind, f.gz)
}

/// One share's part of a split dump: file bytes `from` to the first record at
/// or past `stop`, and where its records' stream starts.
struct Part {
    from: u64,
    stop: u64,
    stream: Span,
}

/// This share's part of the dump `f`: its byte range, the cuts moved to record
/// starts, the last share's running to the end of the file (it may have grown).
/// `before` it (lines, or decompressed bytes: see [`Source::counts_of_share`])
/// when known; otherwise counted.
fn part(
    f: &walk::File,
    index: u64,
    count: u64,
    max_bytes: usize,
    before: Option<u64>,
) -> io::Result<Part> {
    let (begin, end) = split::cuts(f.size, index, count);
    let start = |at| split::record_start(&f.path, f.kind, f.gz, at, max_bytes);
    let from = start(begin)?;
    let stop = match index + 1 == count {
        true => u64::MAX,
        false => start(end)?,
    };
    let before = match (before, f.kind) {
        (Some(n), _) => n,
        (None, Kind::Jsonl) => split::count_lines(&f.path, 0, from)?,
        (None, _) if f.gz => split::unzipped_size(&f.path, 0, from)?,
        (None, _) => 0,
    };
    // Gzipped: the records' offsets are decompressed ones, and the gzip reader
    // stops at `stop`. Plain: a JSONL's lines before, a WARC's 0.
    let stream = match f.gz {
        true => Span {
            offset: before,
            lines: 0,
            stop: u64::MAX,
        },
        false => Span {
            offset: from,
            lines: before,
            stop,
        },
    };
    Ok(Part { from, stop, stream })
}

impl Iterator for Source {
    type Item = Result<RawDoc>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            let mine = self.mine();
            if let Some(r) = &mut self.records {
                self.at = r.offset();
                if self.part {
                    if let Some(item) = r.next_doc() {
                        return Some(item);
                    }
                } else if mine {
                    if let Some(item) = r.next_doc() {
                        self.ordinal += 1;
                        return Some(item);
                    }
                } else if r.skip_doc().is_some() {
                    self.ordinal += 1;
                    continue;
                }
                self.records = None;
                self.part = false;
            }
            let planned = self.planned().pop_front();
            self.step += 1;
            self.at = 0;
            let item = match planned {
                // Another share's page: one item, never opened.
                Some(Planned::File(f)) if !mine && matches!(f.kind, Kind::Single(_)) => {
                    self.ordinal += 1;
                    continue;
                }
                // A split dump counts as one item (for the pages after it); one
                // share reports it when it cannot be read.
                Some(Planned::File(f)) if split_by_bytes(&f, self.share.1) => {
                    self.ordinal += 1;
                    match self.part_of(f) {
                        Ok(Some(first)) => return Some(first),
                        Err(e) if mine => return Some(Err(e)),
                        _ => continue,
                    }
                }
                Some(Planned::File(f)) => self.file(f),
                Some(Planned::Stdin) => self.stream("-".into(), Box::new(io::stdin())),
                Some(Planned::Bad(e)) => Some(Err(e)),
                None => {
                    let (name, reader) = self.streams.pop_front()?;
                    self.stream(name, reader)
                }
            };
            if let Some(item) = item {
                self.ordinal += 1;
                if mine {
                    return Some(item);
                }
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
