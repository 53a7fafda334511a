//! WARC 1.0/1.1 dumps (`.warc`, `.warc.gz` with one gzip member per record, WET).
//!
//! Pages come from `response` records (an HTTP head, then the payload: charset from
//! its `Content-Type`, chunked transfer and gzip/deflate content encodings undone),
//! `resource` records (the payload alone) and `conversion` records (WET text).
//! Other record types (`warcinfo`, `request`, `metadata`, `revisit`) are not pages
//! and are passed over. Framing is checked: a record whose `Content-Length` does not
//! end at a record boundary is reported and the reader finds the next record, so one
//! bad length loses one record, not the rest of the file.

use std::io::{self, BufRead, Cursor, Read};
use std::path::PathBuf;

use flate2::read::{MultiGzDecoder, ZlibDecoder};

use super::{find, read_line_bounded, Body, Format, RawDoc, Reader, Records};
use crate::error::{Error, Result};

/// Longest header line kept, and most header lines per record.
const MAX_LINE: usize = 64 << 10;
const MAX_HEADERS: usize = 512;

pub(super) struct Warc {
    path: PathBuf,
    reader: Reader,
    /// Bytes consumed so far in the (decompressed) stream.
    offset: u64,
    max_bytes: usize,
    /// After a framing error: skip to the next `WARC/` line without reporting.
    lost: bool,
    /// The stream failed (I/O or gzip error): nothing more can be read.
    broken: bool,
    line: Vec<u8>,
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
    pub(super) fn new(path: PathBuf, reader: Reader, max_bytes: usize) -> Self {
        Warc {
            path,
            reader,
            offset: 0,
            max_bytes,
            lost: false,
            broken: false,
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
            if !self.read_line().map_err(Fail::Io)? {
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

    /// Puts bytes back in front of the stream (a record that began inside the
    /// previous record's block).
    fn unread(&mut self, bytes: Vec<u8>) {
        self.offset -= bytes.len() as u64;
        let rest = std::mem::replace(&mut self.reader, Box::new(io::empty()));
        self.reader = Box::new(Cursor::new(bytes).chain(rest));
    }

    fn record(&mut self) -> Result<Step, Fail> {
        let Some(head) = self.head()? else {
            return Ok(Step::End);
        };
        let id = head.id();
        let kind = head.get("WARC-Type").unwrap_or("").to_ascii_lowercase();
        let is_page = matches!(kind.as_str(), "response" | "resource" | "conversion");
        let Some(length) = head
            .get("Content-Length")
            .and_then(|v| v.trim().parse::<u64>().ok())
        else {
            self.lost = true;
            let reason = "missing or invalid Content-Length";
            return Err(Fail::Bad(self.err(head.start, id, reason)));
        };
        // An oversized block is passed over without being held in memory.
        let oversized = length > self.max_bytes as u64;
        let mut block = Vec::new();
        let got = if oversized {
            io::copy(&mut (&mut self.reader).take(length), &mut io::sink())
        } else {
            block.reserve(length.min(1 << 20) as usize);
            (&mut self.reader)
                .take(length)
                .read_to_end(&mut block)
                .map(|n| n as u64)
        }
        .map_err(Fail::Io)?;
        self.offset += got;
        if got < length {
            let reason =
                format!("record truncated: Content-Length {length}, input ends after {got} bytes");
            return Err(Fail::Bad(self.err(head.start, id, reason)));
        }
        if !self.at_boundary().map_err(Fail::Io)? {
            // The length is wrong. If the next record began inside this block, read
            // it from there; otherwise scan for the next header.
            let next = find(&block, b"\r\n\r\nWARC/").or_else(|| find(&block, b"\n\nWARC/"));
            let reason = match next {
                Some(i) => {
                    let skip = if block[i] == b'\r' { 4 } else { 2 };
                    let rest = block.split_off(i + skip);
                    self.unread(rest);
                    format!("Content-Length {length} runs past the end of the record")
                }
                None => {
                    self.lost = true;
                    format!("Content-Length {length} does not end at a record boundary")
                }
            };
            return Err(Fail::Bad(self.err(head.start, id, reason)));
        }
        if !is_page {
            return Ok(Step::NotAPage);
        }
        if oversized {
            let reason = format!(
                "record of {length} bytes is over the limit of {}",
                self.max_bytes
            );
            return Err(Fail::Bad(self.err(head.start, id, reason)));
        }
        let origin = format!("{}@{}", self.path.display(), head.start);
        let doc = page(&head, &kind, block, self.max_bytes)
            .map_err(|reason| Fail::Bad(self.err(head.start, id.clone(), reason)))?;
        let url = head.get("WARC-Target-URI").map(|u| unbracket(u).to_owned());
        let id = id.or_else(|| url.clone()).unwrap_or_else(|| origin.clone());
        Ok(Step::Doc(RawDoc {
            id,
            url,
            origin,
            ..doc
        }))
    }
}

/// Why a record produced no document.
enum Fail {
    /// This record is bad; the stream goes on.
    Bad(Error),
    /// The stream itself failed.
    Io(io::Error),
}

impl Records for Warc {
    fn next_doc(&mut self) -> Option<Result<RawDoc>> {
        while !self.broken {
            match self.record() {
                Ok(Step::Doc(d)) => return Some(Ok(d)),
                Ok(Step::NotAPage) => {}
                Ok(Step::End) => return None,
                Err(Fail::Bad(e)) => return Some(Err(e)),
                Err(Fail::Io(source)) => {
                    self.broken = true;
                    let reason = format!("read error, rest of file lost: {source}");
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
    let head = String::from_utf8_lossy(&block[..end]).into_owned();
    let mut lines = head.lines();
    let status = lines.next().unwrap_or("");
    if !status.starts_with("HTTP/") {
        return Err("response without an HTTP status line".into());
    }
    let code = status.split_whitespace().nth(1).unwrap_or("");
    if !code.starts_with('2') {
        return Err(format!("HTTP status {code}"));
    }
    let field = |name: &str| {
        head.lines().skip(1).find_map(|l| {
            let (n, v) = l.split_once(':')?;
            n.trim()
                .eq_ignore_ascii_case(name)
                .then(|| v.trim().to_owned())
        })
    };
    let content_type = field("Content-Type");
    let mut body = block.split_off((end + sep).min(block.len()));
    if field("Transfer-Encoding").is_some_and(|v| v.to_ascii_lowercase().contains("chunked")) {
        body = dechunk(&body).ok_or("broken chunked transfer encoding")?;
    }
    match field("Content-Encoding")
        .map(|v| v.to_ascii_lowercase())
        .as_deref()
    {
        None | Some("" | "identity") => {}
        Some("gzip" | "x-gzip") => body = inflate(MultiGzDecoder::new(&body[..]), max_bytes)?,
        Some("deflate") => body = inflate(ZlibDecoder::new(&body[..]), max_bytes)?,
        Some(other) => return Err(format!("unsupported content encoding {other}")),
    }
    Ok((content_type, body))
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
}
