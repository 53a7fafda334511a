//! JSONL dumps: one JSON object per line with `id` and `html` or `text` (and an
//! optional `url`); errors name the file and line.

use std::path::PathBuf;

use serde::Deserialize;

use super::split::Span;
use super::{read_line_bounded, skip_line, Body, Format, RawDoc, Reader, Records};
use crate::error::{Error, Result};

/// A JSONL record; other fields are ignored.
#[derive(Deserialize)]
struct Record {
    id: Option<serde_json::Value>,
    url: Option<String>,
    html: Option<String>,
    text: Option<String>,
}

pub(super) struct Jsonl {
    path: PathBuf,
    reader: Reader,
    line: u64,
    /// Bytes of the file before the next line.
    offset: u64,
    /// Lines that begin here or later are another share's.
    stop: u64,
    buf: Vec<u8>,
    max_bytes: usize,
    /// The last read ended in an error.
    failed: bool,
}

impl Jsonl {
    pub(super) fn new(path: PathBuf, reader: Reader, max_bytes: usize, span: Span) -> Self {
        Jsonl {
            path,
            reader,
            line: span.lines,
            offset: span.offset,
            stop: span.stop,
            buf: Vec::new(),
            max_bytes,
            failed: false,
        }
    }

    fn bad(&self, reason: String) -> Error {
        Error::Record {
            path: self.path.clone(),
            line: self.line,
            reason,
        }
    }

    fn parse(&self) -> Result<RawDoc> {
        // The line is checked as UTF-8 once, then parsed as text (serde_json would
        // check each string of it again, and std's check was 4% of a dedup run).
        let line = simdutf8::compat::from_utf8(&self.buf).map_err(|e| {
            self.bad(format!(
                "invalid UTF-8 at byte {} of the line",
                e.valid_up_to()
            ))
        })?;
        let rec: Record = serde_json::from_str(line).map_err(|e| self.bad(e.to_string()))?;
        let id = match rec.id {
            Some(serde_json::Value::String(s)) if !s.is_empty() => s,
            Some(serde_json::Value::Number(n)) => n.to_string(),
            _ => return Err(self.bad("missing or empty \"id\"".into())),
        };
        let (format, body) = match (rec.html, rec.text) {
            (Some(h), _) => (Format::Html, h),
            (None, Some(t)) => (Format::Text, t),
            (None, None) => return Err(self.bad(format!("{id}: neither \"html\" nor \"text\""))),
        };
        if body.len() > self.max_bytes {
            let reason = format!(
                "{id}: document of {} bytes is over the limit of {}",
                body.len(),
                self.max_bytes
            );
            return Err(self.bad(reason));
        }
        Ok(RawDoc {
            id,
            url: rec.url,
            origin: format!("{}:{}", self.path.display(), self.line),
            format,
            content_type: None,
            body: Body::Text(body),
        })
    }
}

impl Records for Jsonl {
    /// The next non-blank line as a document. A line is kept up to twice the
    /// document limit (JSON escapes) and reported as too large beyond it.
    fn next_doc(&mut self) -> Option<Result<RawDoc>> {
        Some(match self.next_line(false)? {
            Ok(()) => self.parse(),
            Err(e) => Err(e),
        })
    }

    /// The line is scanned for its end, neither kept nor parsed.
    fn skip_doc(&mut self) -> Option<()> {
        self.next_line(true).map(|_| ())
    }

    fn offset(&self) -> u64 {
        self.offset
    }
}

impl Jsonl {
    /// Reads the next non-blank line into the buffer, or the error in its place.
    /// With `skip`, the line is only scanned: it counts as an item exactly when
    /// reading it would give one (a line not blank, or over the limit).
    fn next_line(&mut self, skip: bool) -> Option<Result<()>> {
        let limit = self.max_bytes.saturating_mul(2).saturating_add(1024);
        loop {
            if self.offset >= self.stop {
                return None;
            }
            self.line += 1;
            let read = if skip {
                skip_line(&mut self.reader).map(|(n, blank)| {
                    self.buf.clear();
                    if !blank {
                        self.buf.push(b'x');
                    }
                    (n, n > limit as u64)
                })
            } else {
                read_line_bounded(&mut self.reader, &mut self.buf, limit)
            };
            let (n, cut) = match read {
                Ok(r) => r,
                Err(source) => {
                    // A gzip reader goes on after a corrupt member; a second
                    // error with no line read since means the stream cannot go on.
                    let stuck = std::mem::replace(&mut self.failed, true);
                    let reason = if stuck {
                        self.reader = Box::new(std::io::empty());
                        format!("read error, rest of file lost: {source}")
                    } else {
                        format!("read error: {source}")
                    };
                    return Some(Err(self.bad(reason)));
                }
            };
            self.failed = false;
            self.offset += n;
            if n == 0 {
                return None;
            }
            if cut {
                let reason = format!("line of {n} bytes is over the limit of {limit}");
                return Some(Err(self.bad(reason)));
            }
            if self.buf.iter().all(u8::is_ascii_whitespace) {
                continue;
            }
            return Some(Ok(()));
        }
    }
}
