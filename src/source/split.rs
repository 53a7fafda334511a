//! Which part of a dump a share of a [`Source`](super::Source) reads: processes
//! dividing one large JSONL or WARC file each read a byte range of it, not the
//! whole file.
//!
//! The file is cut into equal byte ranges, one per share; each cut is moved
//! forward to the first record that begins at or after it, found the same way
//! by the share that starts there and the share that ends there, so every
//! record is read by exactly one share. A JSONL record begins after a newline.
//! A WARC record begins at a `WARC/` line whose header and `Content-Length`
//! frame a whole record (it ends at the next header or the end of the file), so
//! a payload line that happens to start with `WARC/` is not taken for one. In a
//! `.warc.gz` (one gzip member per record) a record begins at a gzip member that
//! decodes to such a record. A gzipped JSONL is not
//! split: its members need not end at lines.

use std::fs::File;
use std::io::{self, BufReader, Read, Seek, SeekFrom};
use std::path::Path;

use super::gzip::{Members, MAGIC, WHOLE_MEMBER};
use super::{read_line_bounded, scan_line, warc, Kind};

/// Where a reader of a dump's records starts and stops, in the stream it reads
/// (the decompressed one for a gzipped file).
#[derive(Debug, Clone, Copy)]
pub(super) struct Span {
    /// The stream offset of its first byte.
    pub offset: u64,
    /// Lines before it (a JSONL reader numbers lines from here).
    pub lines: u64,
    /// No record that begins at or past this offset is this share's.
    pub stop: u64,
}

impl Span {
    /// A whole stream, `skipped` bytes (a byte-order mark) already passed over.
    pub fn whole(skipped: u64) -> Span {
        Span {
            offset: skipped,
            lines: 0,
            stop: u64::MAX,
        }
    }
}

/// Byte range `index` of `count` equal ranges of a file of `size` bytes, before
/// the cuts are moved to record starts.
pub(super) fn cuts(size: u64, index: u64, count: u64) -> (u64, u64) {
    let cut = |k: u64| (u128::from(size) * u128::from(k) / u128::from(count.max(1))) as u64;
    (cut(index), cut(index + 1))
}

/// True when a dump of `kind` can be split (a plain one, or a gzipped WARC).
pub(super) fn splits(kind: Kind, gz: bool) -> bool {
    kind == Kind::Warc || (kind == Kind::Jsonl && !gz)
}

/// The file offset of the first record of `kind` that begins at or after `at`
/// (the file's size when none does).
pub(super) fn record_start(
    path: &Path,
    kind: Kind,
    gz: bool,
    at: u64,
    max_bytes: usize,
) -> io::Result<u64> {
    if at == 0 {
        return Ok(0);
    }
    if gz {
        return member_start(path, at, max_bytes);
    }
    let mut reader = BufReader::new(open_at(path, at - 1)?);
    // The line the byte before `at` is on ends first: what follows is a line start.
    let mut offset = at - 1 + scan_line(&mut reader, |_| {})?;
    if kind != Kind::Warc {
        return Ok(offset);
    }
    let mut line = Vec::new();
    loop {
        let (n, _) = read_line_bounded(&mut reader, &mut line, warc::MAX_LINE)?;
        if n == 0
            || (line.starts_with(b"WARC/") && warc::frames_at(path, offset, false, max_bytes)?)
        {
            return Ok(offset);
        }
        offset += n;
    }
}

/// The first gzip member at or after `at` that holds a whole WARC record.
fn member_start(path: &Path, at: u64, max_bytes: usize) -> io::Result<u64> {
    let mut file = open_at(path, at)?;
    let (mut window, mut base) = (Vec::new(), at);
    let mut chunk = vec![0u8; 64 << 10];
    loop {
        let n = match file.read(&mut chunk) {
            Ok(n) => n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        window.extend_from_slice(&chunk[..n]);
        let mut from = 0;
        while let Some(i) = memchr::memmem::find(&window[from..], &MAGIC) {
            let candidate = base + (from + i) as u64;
            if warc::frames_at(path, candidate, true, max_bytes)? {
                return Ok(candidate);
            }
            from += i + 1;
        }
        if n == 0 {
            return Ok(base + window.len() as u64);
        }
        // The last two bytes may begin a magic the next read ends.
        let keep = window.len() - window.len().min(2);
        window.drain(..keep);
        base += keep as u64;
    }
}

/// The bytes gzip members `from..stop` of a file decompress to (the members
/// from the one at `from` to the first at or past `stop`), as [`Members`] gives
/// them: a corrupt member gives what it gave before its fault.
pub(super) fn unzipped_size(path: &Path, from: u64, stop: u64) -> io::Result<u64> {
    let file = BufReader::new(open_at(path, from)?);
    let mut members = Members::within(file, from, stop, WHOLE_MEMBER);
    let mut buf = vec![0u8; 64 << 10];
    let mut size = 0;
    loop {
        match members.read(&mut buf) {
            Ok(0) => return Ok(size),
            Ok(n) => size += n as u64,
            Err(e) if e.kind() == io::ErrorKind::InvalidData => {}
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
}

/// Newlines in bytes `from..to` of a file (to its end when it is shorter).
pub(super) fn count_lines(path: &Path, from: u64, to: u64) -> io::Result<u64> {
    let mut rest = open_at(path, from)?.take(to.saturating_sub(from));
    let mut buf = vec![0u8; 1 << 20];
    let mut lines = 0;
    loop {
        let n = match rest.read(&mut buf) {
            Ok(0) => return Ok(lines),
            Ok(n) => n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        lines += memchr::memchr_iter(b'\n', &buf[..n]).count() as u64;
    }
}

/// Opens `path` at `offset`.
pub(super) fn open_at(path: &Path, offset: u64) -> io::Result<File> {
    let mut file = File::open(path)?;
    file.seek(SeekFrom::Start(offset))?;
    Ok(file)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cuts_cover_the_file_once() {
        for size in [0u64, 1, 7, 1000] {
            let parts: Vec<_> = (0..3).map(|i| cuts(size, i, 3)).collect();
            assert_eq!(parts[0].0, 0);
            assert_eq!(parts[2].1, size);
            assert!(parts.windows(2).all(|w| w[0].1 == w[1].0));
        }
    }

    #[test]
    fn reads_from_a_cut_begin_at_the_next_line() {
        let dir = std::env::temp_dir().join(format!("nd-split-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("d.jsonl");
        std::fs::write(&path, "ab\ncd\n\nef").unwrap();
        let starts: Vec<u64> = (0..=10)
            .map(|at| record_start(&path, Kind::Jsonl, false, at, 100).unwrap())
            .collect();
        assert_eq!(starts, [0, 3, 3, 3, 6, 6, 6, 7, 9, 9, 9]);
        assert_eq!(count_lines(&path, 0, 6).unwrap(), 2);
        assert_eq!(count_lines(&path, 3, 100).unwrap(), 2);
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
