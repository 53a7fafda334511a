//! WARC 1.0/1.1 dumps (`.warc`, `.warc.gz` with one gzip member per record, WET).
//!
//! Pages come from `response` records (an HTTP head, then the payload: charset from
//! its `Content-Type`, chunked transfer and gzip/deflate content encodings undone),
//! `resource` records (the payload alone) and `conversion` records (WET text).
//! Other record types (`warcinfo`, `request`, `metadata`, `revisit`) are not pages
//! and are passed over. Framing is checked: a record whose `Content-Length` does not
//! end at a record boundary is reported and the reader finds the next record, so one
//! bad length loses one record, not the rest of the file.

use std::io::{self, BufRead, Read};
use std::path::{Path, PathBuf};

use flate2::read::{MultiGzDecoder, ZlibDecoder};

use super::split::Span;
use super::{find, read_line_bounded, Body, Format, RawDoc, Reader, Records};
use crate::error::{Error, Result};

/// Longest header line kept, and most header lines per record.
pub(super) const MAX_LINE: usize = 64 << 10;
const MAX_HEADERS: usize = 512;
/// Most fields read from an HTTP response head; real heads have 10 to 40.
const MAX_HTTP_FIELDS: usize = 128;

pub(super) struct Warc {
    path: PathBuf,
    reader: Rewind,
    /// Bytes consumed so far in the (decompressed) stream.
    offset: u64,
    /// Records that begin here or later are another share's.
    stop: u64,
    max_bytes: usize,
    /// After a framing error: skip to the next `WARC/` line without reporting.
    lost: bool,
    /// The stream failed twice in one place: nothing more can be read.
    broken: bool,
    /// Where the last read error happened.
    failed_at: Option<u64>,
    line: Vec<u8>,
}

/// The input with bytes put back in front of it (a record that began inside the
/// previous record's block): one buffer, however often bytes are put back.
struct Rewind {
    front: Vec<u8>,
    pos: usize,
    inner: Reader,
}

impl Rewind {
    fn unread(&mut self, mut bytes: Vec<u8>) {
        bytes.extend_from_slice(&self.front[self.pos..]);
        self.front = bytes;
        self.pos = 0;
    }

    /// Moves past `n` bytes of the front, freeing it once it is all read.
    fn advance(&mut self, n: usize) {
        self.pos = (self.pos + n).min(self.front.len());
        if self.pos == self.front.len() {
            self.front = Vec::new();
            self.pos = 0;
        }
    }
}

impl Read for Rewind {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if self.pos < self.front.len() {
            let n = (self.front.len() - self.pos).min(buf.len());
            buf[..n].copy_from_slice(&self.front[self.pos..self.pos + n]);
            self.advance(n);
            return Ok(n);
        }
        self.inner.read(buf)
    }
}

impl BufRead for Rewind {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        if self.pos < self.front.len() {
            return Ok(&self.front[self.pos..]);
        }
        self.inner.fill_buf()
    }

    fn consume(&mut self, n: usize) {
        if self.pos < self.front.len() {
            self.advance(n);
        } else {
            self.inner.consume(n);
        }
    }
}

/// What one record gave.
enum Step {
    Doc(RawDoc),
    NotAPage,
    End,
}

/// A WARC record header.
struct Head {
    start: u64,
    fields: Vec<(String, String)>,
}

impl Head {
    fn get(&self, name: &str) -> Option<&str> {
        self.fields
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    fn id(&self) -> Option<String> {
        self.get("WARC-Record-ID").map(|v| unbracket(v).to_owned())
    }
}

fn unbracket(v: &str) -> &str {
    v.trim()
        .strip_prefix('<')
        .and_then(|v| v.strip_suffix('>'))
        .unwrap_or(v.trim())
}

fn trim_eol(line: &[u8]) -> &[u8] {
    let line = line.strip_suffix(b"\n").unwrap_or(line);
    line.strip_suffix(b"\r").unwrap_or(line)
}

impl Warc {
    pub(super) fn new(path: PathBuf, reader: Reader, max_bytes: usize, span: Span) -> Self {
        Warc {
            path,
            reader: Rewind {
                front: Vec::new(),
                pos: 0,
                inner: reader,
            },
            offset: span.offset,
            stop: span.stop,
            max_bytes,
            lost: false,
            broken: false,
            failed_at: None,
            line: Vec::new(),
        }
    }

    fn err(&self, offset: u64, id: Option<String>, reason: impl Into<String>) -> Error {
        Error::Warc {
            path: self.path.clone(),
            offset,
            id,
            reason: reason.into(),
        }
    }

    /// Reads a line into `self.line`; false at end of input.
    fn read_line(&mut self) -> io::Result<bool> {
        let (n, _) = read_line_bounded(&mut self.reader, &mut self.line, MAX_LINE)?;
        self.offset += n;
        Ok(n > 0)
    }

    /// Finds the next version line and reads the header fields after it.
    fn head(&mut self) -> Result<Option<Head>, Fail> {
        let start = loop {
            let at = self.offset;
            if at >= self.stop || !self.read_line().map_err(Fail::Io)? {
                return Ok(None);
            }
            let t = trim_eol(&self.line);
            if t.is_empty() {
                continue;
            }
            if t.starts_with(b"WARC/") {
                break at;
            }
            if !self.lost {
                self.lost = true;
                let preview = String::from_utf8_lossy(&t[..t.len().min(40)]).into_owned();
                let reason = format!("expected a WARC record header, found {preview:?}");
                return Err(Fail::Bad(self.err(at, None, reason)));
            }
        };
        self.lost = false;
        let mut fields: Vec<(String, String)> = Vec::new();
        loop {
            if !self.read_line().map_err(Fail::Io)? {
                let head = Head { start, fields };
                let reason = "input ends inside the record header";
                return Err(Fail::Bad(self.err(start, head.id(), reason)));
            }
            let t = trim_eol(&self.line);
            if t.is_empty() {
                return Ok(Some(Head { start, fields }));
            }
            let text = String::from_utf8_lossy(t);
            if text.starts_with([' ', '\t']) {
                if let Some(last) = fields.last_mut() {
                    last.1.push(' ');
                    last.1.push_str(text.trim());
                }
            } else if let Some((n, v)) = text.split_once(':') {
                fields.push((n.trim().to_owned(), v.trim().to_owned()));
            }
            if fields.len() > MAX_HEADERS {
                self.lost = true;
                let head = Head { start, fields };
                let reason = format!("more than {MAX_HEADERS} header fields");
                return Err(Fail::Bad(self.err(start, head.id(), reason)));
            }
        }
    }

    /// True if what follows a block (after at most two line breaks) is a record
    /// header or the end of input, as it must be when `Content-Length` was right.
    /// Only then are the line breaks consumed, so a wrong length loses no bytes.
    fn at_boundary(&mut self) -> io::Result<bool> {
        let buf = self.reader.fill_buf()?;
        let k = buf
            .iter()
            .take(4)
            .take_while(|&&b| b == b'\r' || b == b'\n')
            .count();
        let rest = &buf[k..];
        let n = rest.len().min(5);
        let ok = rest[..n] == b"WARC/"[..n];
        if ok {
            self.reader.consume(k);
            self.offset += k as u64;
        }
        Ok(ok)
    }

    /// Reads a record's block of `length` bytes. Within the size limit it is kept
    /// whole. Over it, it is read through without being kept, and stops at the
    /// first place a record could begin (a blank line, then `WARC/`): such a
    /// block is lost anyway, and a wrong length of a terabyte must not take the
    /// records after it along.
    fn block(&mut self, length: u64) -> Result<Block, Fail> {
        if length <= self.max_bytes as u64 {
            let mut bytes = Vec::with_capacity(length.min(1 << 20) as usize);
            let got = (&mut self.reader)
                .take(length)
                .read_to_end(&mut bytes)
                .map_err(Fail::Io)? as u64;
            return Ok(Block {
                bytes,
                got,
                oversized: false,
                header_inside: false,
            });
        }
        const CHUNK: usize = 64 << 10;
        /// Bytes kept from one chunk to the next, so a header split between
        /// them is found: the longest pattern is a CRLF blank line and `WARC/`.
        const OVERLAP: usize = 8;
        let (mut got, mut window) = (0u64, Vec::new());
        let mut chunk = vec![0u8; CHUNK];
        while got < length {
            let want = (length - got).min(CHUNK as u64) as usize;
            let n = match self.reader.read(&mut chunk[..want]) {
                Ok(0) => break,
                Ok(n) => n,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(Fail::Io(e)),
            };
            got += n as u64;
            window.extend_from_slice(&chunk[..n]);
            if let Some(i) = next_header(&window) {
                let rest = window.split_off(i);
                got -= rest.len() as u64;
                self.reader.unread(rest);
                return Ok(Block {
                    bytes: Vec::new(),
                    got,
                    oversized: true,
                    header_inside: true,
                });
            }
            let drop = window.len().saturating_sub(OVERLAP);
            window.drain(..drop);
        }
        Ok(Block {
            bytes: Vec::new(),
            got,
            oversized: true,
            header_inside: false,
        })
    }

    /// Reads the next record's header and block, and checks that its
    /// `Content-Length` ends at a record boundary; `None` at the end.
    fn frame(&mut self) -> Result<Option<(Head, Block)>, Fail> {
        let Some(head) = self.head()? else {
            return Ok(None);
        };
        let id = head.id().filter(|i| !i.is_empty());
        let Some(length) = head
            .get("Content-Length")
            .and_then(|v| v.trim().parse::<u64>().ok())
        else {
            self.lost = true;
            let reason = "missing or invalid Content-Length";
            return Err(Fail::Bad(self.err(head.start, id, reason)));
        };
        let block = self.block(length)?;
        self.offset += block.got;
        if block.header_inside {
            let reason = format!(
                "record of {length} bytes is over the limit of {} bytes, and a record \
                 header comes {} bytes into it: read on from there",
                self.max_bytes, block.got
            );
            return Err(Fail::Bad(self.err(head.start, id, reason)));
        }
        let truncated = block.got < length;
        if truncated || !self.at_boundary().map_err(Fail::Io)? {
            // The length is wrong. If a record begins inside what was read, read
            // on from there; otherwise scan for the next header.
            let reason = if truncated {
                format!(
                    "record truncated: Content-Length {length}, input ends after {} bytes",
                    block.got
                )
            } else {
                format!("Content-Length {length} does not end at a record boundary")
            };
            match next_header(&block.bytes) {
                Some(i) => {
                    let rest = block.bytes[i..].to_vec();
                    self.offset -= rest.len() as u64;
                    self.reader.unread(rest);
                }
                None => self.lost = true,
            }
            return Err(Fail::Bad(self.err(head.start, id, reason)));
        }
        Ok(Some((head, block)))
    }

    fn record(&mut self) -> Result<Step, Fail> {
        let Some((head, block)) = self.frame()? else {
            return Ok(Step::End);
        };
        let id = head.id().filter(|i| !i.is_empty());
        let kind = head.get("WARC-Type").unwrap_or("").to_ascii_lowercase();
        let is_page = matches!(kind.as_str(), "response" | "resource" | "conversion");
        if !is_page {
            return Ok(Step::NotAPage);
        }
        if block.oversized {
            let reason = format!(
                "record of {} bytes is over the limit of {} bytes",
                block.got, self.max_bytes
            );
            return Err(Fail::Bad(self.err(head.start, id, reason)));
        }
        let block = block.bytes;
        let origin = format!("{}@{}", self.path.display(), head.start);
        let doc = page(&head, &kind, block, self.max_bytes)
            .map_err(|reason| Fail::Bad(self.err(head.start, id.clone(), reason)))?;
        let url = head.get("WARC-Target-URI").map(|u| unbracket(u).to_owned());
        let id = id
            .or_else(|| url.clone().filter(|u| !u.is_empty()))
            .unwrap_or_else(|| origin.clone());
        Ok(Step::Doc(RawDoc {
            id,
            url,
            origin,
            ..doc
        }))
    }
}

/// A record's block as read.
struct Block {
    /// The block (empty when it was over the limit).
    bytes: Vec<u8>,
    /// Bytes consumed.
    got: u64,
    /// Over the size limit: read through, not kept.
    oversized: bool,
    /// Over the limit, and stopped where a record header begins inside it.
    header_inside: bool,
}

/// Where a record could begin inside a block: after a blank line, `WARC/`.
fn next_header(bytes: &[u8]) -> Option<usize> {
    let crlf = find(bytes, b"\r\n\r\nWARC/").map(|i| i + 4);
    let lf = find(bytes, b"\n\nWARC/").map(|i| i + 2);
    match (crlf, lf) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
}

/// Why a record produced no document.
enum Fail {
    /// This record is bad; the stream goes on.
    Bad(Error),
    /// The stream itself failed.
    Io(io::Error),
}

/// True when a whole, well-framed record begins at file offset `offset` (see
/// [`Warc::frame`]): where a share of a split file may start. In a gzipped file,
/// the gzip member there must decode whole to it.
pub(super) fn frames_at(path: &Path, offset: u64, gz: bool, max_bytes: usize) -> io::Result<bool> {
    let file = io::BufReader::new(super::split::open_at(path, offset)?);
    let reader: Reader = match gz {
        true => Box::new(io::BufReader::new(flate2::bufread::GzDecoder::new(file))),
        false => Box::new(file),
    };
    let mut warc = Warc::new(path.to_owned(), reader, max_bytes, Span::whole(offset));
    match warc.frame() {
        Ok(found) => Ok(found.is_some()),
        Err(Fail::Bad(_)) => Ok(false),
        // A chance match of the gzip magic inside compressed data.
        Err(Fail::Io(_)) if gz => Ok(false),
        Err(Fail::Io(e)) => Err(e),
    }
}

impl Records for Warc {
    fn offset(&self) -> u64 {
        self.offset
    }

    fn next_doc(&mut self) -> Option<Result<RawDoc>> {
        while !self.broken {
            match self.record() {
                Ok(Step::Doc(d)) => return Some(Ok(d)),
                Ok(Step::NotAPage) => {}
                Ok(Step::End) => return None,
                Err(Fail::Bad(e)) => return Some(Err(e)),
                Err(Fail::Io(source)) => {
                    // A gzip reader goes on after a corrupt member: read on to
                    // the next record. A second error with no byte read since
                    // means the stream cannot go on.
                    let stuck = self.failed_at == Some(self.offset);
                    self.broken = stuck;
                    self.failed_at = Some(self.offset);
                    self.lost = true;
                    let reason = if stuck {
                        format!("read error, rest of file lost: {source}")
                    } else {
                        format!("read error: {source}")
                    };
                    return Some(Err(self.err(self.offset, None, reason)));
                }
            }
        }
        None
    }
}

/// The page in a record's block (not yet id'd): format, charset evidence, bytes.
fn page(head: &Head, kind: &str, block: Vec<u8>, max_bytes: usize) -> Result<RawDoc, String> {
    let (content_type, body) = if kind == "response" {
        http_payload(block, max_bytes)?
    } else {
        (head.get("Content-Type").map(str::to_owned), block)
    };
    let media = content_type
        .as_deref()
        .map(|c| {
            c.split(';')
                .next()
                .unwrap_or("")
                .trim()
                .to_ascii_lowercase()
        })
        .unwrap_or_default();
    let format = match media.as_str() {
        "text/plain" => Format::Text,
        "" | "text/html" | "application/xhtml+xml" | "application/xml" | "text/xml" => {
            if kind == "conversion" {
                Format::Text
            } else {
                Format::Html
            }
        }
        other => return Err(format!("not a page (content type {other})")),
    };
    Ok(RawDoc {
        id: String::new(),
        url: None,
        origin: String::new(),
        format,
        content_type,
        body: Body::Bytes(body),
    })
}

/// Splits an HTTP response into its `Content-Type` and decoded payload.
fn http_payload(mut block: Vec<u8>, max_bytes: usize) -> Result<(Option<String>, Vec<u8>), String> {
    let limit = block.len().min(MAX_LINE);
    let (end, sep) = match find(&block[..limit], b"\r\n\r\n") {
        Some(i) => (i, 4),
        None => match find(&block[..limit], b"\n\n") {
            Some(i) => (i, 2),
            None if block.starts_with(b"HTTP/") => (block.len(), 0),
            None => return Err("response without an HTTP head".into()),
        },
    };
    let head = HttpHead::parse(&block[..end])?;
    if !(200..300).contains(&head.code) {
        return Err(format!("HTTP status {}", head.code));
    }
    let mut body = block.split_off((end + sep).min(block.len()));
    if head.chunked {
        body = dechunk(&body).ok_or("broken chunked transfer encoding")?;
    }
    match head.encoding.as_deref() {
        None | Some("" | "identity") => {}
        Some("gzip" | "x-gzip") => body = inflate(MultiGzDecoder::new(&body[..]), max_bytes)?,
        Some("deflate") => body = inflate(ZlibDecoder::new(&body[..]), max_bytes)?,
        Some(other) => return Err(format!("unsupported content encoding {other}")),
    }
    Ok((head.content_type, body))
}

/// What a response's head says about its payload.
struct HttpHead {
    code: u16,
    content_type: Option<String>,
    chunked: bool,
    /// `Content-Encoding`, lower-cased.
    encoding: Option<String>,
}

impl HttpHead {
    /// Parses a response head (status line and fields, without the blank line)
    /// with `httparse`, as leniently as crawled servers need: spaces before a
    /// field's colon, folded lines, doubled spaces in the status line, and
    /// malformed fields passed over. The HTTP version is not read (archives
    /// record `HTTP/2` responses in the 1.1 form), so it is given as 1.1.
    fn parse(head: &[u8]) -> Result<Self, String> {
        if !head.starts_with(b"HTTP/") {
            return Err("response without an HTTP status line".into());
        }
        let version_end = head
            .iter()
            .position(|b| b.is_ascii_whitespace())
            .unwrap_or(head.len());
        let mut text = Vec::with_capacity(head.len() + 12);
        text.extend_from_slice(b"HTTP/1.1");
        text.extend_from_slice(&head[version_end..]);
        text.extend_from_slice(b"\r\n\r\n");
        let mut fields = [httparse::EMPTY_HEADER; MAX_HTTP_FIELDS];
        let mut response = httparse::Response::new(&mut fields);
        let parsed = httparse::ParserConfig::default()
            .allow_spaces_after_header_name_in_responses(true)
            .allow_obsolete_multiline_headers_in_responses(true)
            .allow_multiple_spaces_in_response_status_delimiters(true)
            .ignore_invalid_headers_in_responses(true)
            .parse_response(&mut response, &text);
        match parsed {
            Ok(httparse::Status::Complete(_)) => {}
            Ok(httparse::Status::Partial) => return Err("incomplete HTTP head".into()),
            Err(httparse::Error::TooManyHeaders) => {
                return Err(format!("HTTP head of over {MAX_HTTP_FIELDS} fields"))
            }
            Err(e) => return Err(format!("HTTP head: {e}")),
        }
        let field = |name: &str| {
            response
                .headers
                .iter()
                .find(|h| h.name.eq_ignore_ascii_case(name))
                .map(|h| String::from_utf8_lossy(h.value).trim().to_owned())
        };
        Ok(HttpHead {
            code: response.code.unwrap_or(0),
            content_type: field("Content-Type"),
            chunked: field("Transfer-Encoding")
                .is_some_and(|v| v.to_ascii_lowercase().contains("chunked")),
            encoding: field("Content-Encoding").map(|v| v.to_ascii_lowercase()),
        })
    }
}

fn inflate(r: impl Read, max_bytes: usize) -> Result<Vec<u8>, String> {
    let mut out = Vec::new();
    r.take(max_bytes as u64 + 1)
        .read_to_end(&mut out)
        .map_err(|e| format!("content encoding: {e}"))?;
    if out.len() > max_bytes {
        return Err(format!(
            "decompressed payload over the limit of {max_bytes} bytes"
        ));
    }
    Ok(out)
}

/// Undoes HTTP/1.1 chunked transfer encoding.
fn dechunk(mut data: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(data.len());
    loop {
        let eol = find(data, b"\n")?;
        let size = std::str::from_utf8(&data[..eol]).ok()?;
        let size = size.split(';').next()?.trim();
        let size = usize::from_str_radix(size, 16).ok()?;
        data = &data[eol + 1..];
        if size == 0 {
            return Some(out);
        }
        out.extend_from_slice(data.get(..size)?);
        data = &data[size..];
        data = data.strip_prefix(b"\r").unwrap_or(data);
        data = data.strip_prefix(b"\n").unwrap_or(data);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chunked_bodies_are_joined() {
        let body = b"5\r\nHello\r\n7;ext=1\r\n, world\r\n0\r\n\r\n";
        assert_eq!(dechunk(body).as_deref(), Some(&b"Hello, world"[..]));
        assert_eq!(dechunk(b"zz\r\nx"), None);
        assert_eq!(dechunk(b"10\r\nshort"), None);
    }

    #[test]
    fn http_status_and_media_type_decide() {
        let ok =
            b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=windows-1256\r\n\r\n<p>x</p>"
                .to_vec();
        let (ct, body) = http_payload(ok, 100).unwrap();
        assert_eq!(ct.as_deref(), Some("text/html; charset=windows-1256"));
        assert_eq!(body, b"<p>x</p>");
        let moved = b"HTTP/1.1 301 Moved\r\nLocation: /x\r\n\r\n".to_vec();
        assert_eq!(http_payload(moved, 100).unwrap_err(), "HTTP status 301");
    }

    #[test]
    fn http_heads_as_crawled_servers_write_them() {
        let payload = |head: &str| http_payload(format!("{head}<p>x</p>").into_bytes(), 100);
        // HTTP/2 as archived, bare newlines, no reason phrase, a space before
        // the colon, a folded field: all read.
        for head in [
            "HTTP/2 200\r\ncontent-type: text/html\r\n\r\n",
            "HTTP/1.0 200 OK\nContent-Type: text/html\n\n",
            "HTTP/1.1  200  OK\r\nContent-Type : text/html\r\nX-Long: a\r\n b\r\n\r\n",
        ] {
            let (ct, body) = payload(head).unwrap_or_else(|e| panic!("{head:?}: {e}"));
            assert_eq!(ct.as_deref(), Some("text/html"), "{head:?}");
            assert_eq!(body, b"<p>x</p>", "{head:?}");
        }
        // A malformed field is passed over, the others still read.
        let (ct, _) =
            payload("HTTP/1.1 200 OK\r\nBad Field\r\nContent-Type: text/html\r\n\r\n").unwrap();
        assert_eq!(ct.as_deref(), Some("text/html"));
        // Chunked and gzip-encoded payloads are undone.
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        std::io::Write::write_all(&mut gz, b"<p>y</p>").unwrap();
        let gz = gz.finish().unwrap();
        let mut chunked = format!(
            "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nContent-Encoding: gzip\r\n\r\n{:x}\r\n",
            gz.len()
        )
        .into_bytes();
        chunked.extend_from_slice(&gz);
        chunked.extend_from_slice(b"\r\n0\r\n\r\n");
        assert_eq!(http_payload(chunked, 100).unwrap().1, b"<p>y</p>");
        // What is no usable head says why.
        let fields: String = (0..MAX_HTTP_FIELDS + 1)
            .map(|i| format!("X-{i}: v\r\n"))
            .collect();
        let errors = [
            (
                "HTTP/1.1 200 OK\r\n".to_owned() + &fields + "\r\n",
                "HTTP head of over 128 fields",
            ),
            (
                "HTTP/1.1 abc\r\n\r\n".to_owned(),
                "HTTP head: invalid response status",
            ),
            (
                "<html>\r\n\r\n".to_owned(),
                "response without an HTTP status line",
            ),
            (
                "HTTP/1.1 404 Not Found\r\n\r\n".to_owned(),
                "HTTP status 404",
            ),
        ];
        for (head, want) in errors {
            assert_eq!(payload(&head).unwrap_err(), want, "{head:?}");
        }
    }
}
