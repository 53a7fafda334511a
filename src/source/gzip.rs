//! Gzip input read member by member, resynchronising after a corrupt member.
//!
//! A `.warc.gz` holds one gzip member per record, and dumps are often made by
//! concatenating gzipped parts. A decoder that stops at the first corrupt member
//! loses everything after it; this one reports the corrupt member once (as a read
//! error naming its compressed offset) and goes on from the next member, found by
//! its magic bytes. Candidates that fail before giving any output (the magic bytes
//! occur by chance inside compressed data) are passed over silently. A member's
//! last bytes wait for its checksum, so a record whose bytes are damaged but
//! still decode is lost with its member, not given garbled.

use std::io::{self, BufRead, Read};

use flate2::bufread::GzDecoder;

/// The first bytes of a gzip member with the deflate method.
pub(super) const MAGIC: [u8; 3] = [0x1f, 0x8b, 0x08];

/// A buffered reader that counts the bytes consumed and can be asked for a few
/// bytes more than its buffer holds (a magic split across two reads).
struct Pos<R> {
    inner: R,
    buf: Vec<u8>,
    start: usize,
    end: usize,
    pos: u64,
}

impl<R: Read> Pos<R> {
    fn new(inner: R) -> Self {
        Pos {
            inner,
            buf: vec![0; 8 << 10],
            start: 0,
            end: 0,
            pos: 0,
        }
    }

    /// At least `k` bytes buffered, unless the input ends first.
    fn fill_at_least(&mut self, k: usize) -> io::Result<&[u8]> {
        while self.end - self.start < k {
            if self.start > 0 {
                self.buf.copy_within(self.start..self.end, 0);
                self.end -= self.start;
                self.start = 0;
            }
            let n = match self.inner.read(&mut self.buf[self.end..]) {
                Ok(n) => n,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(e),
            };
            if n == 0 {
                break;
            }
            self.end += n;
        }
        Ok(&self.buf[self.start..self.end])
    }
}

impl<R: Read> Read for Pos<R> {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        let n = {
            let avail = self.fill_buf()?;
            let n = avail.len().min(out.len());
            out[..n].copy_from_slice(&avail[..n]);
            n
        };
        self.consume(n);
        Ok(n)
    }
}

impl<R: Read> BufRead for Pos<R> {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        self.fill_at_least(1)
    }

    fn consume(&mut self, n: usize) {
        let n = n.min(self.end - self.start);
        self.pos += n as u64;
        self.start += n;
    }
}

enum State<R> {
    /// Inside a member that started at `start`.
    Member {
        /// Boxed: the decoder's state is large beside the other variants.
        dec: Box<GzDecoder<Pos<R>>>,
        start: u64,
    },
    /// After a member: the next one, or the end.
    Between(Pos<R>),
    /// After a corrupt member: looking for the next magic at or after `from`.
    Scan {
        r: Pos<R>,
        from: u64,
    },
    Done,
}

/// Decompresses concatenated gzip members from `R`, going on after a bad one.
pub(super) struct Members<R> {
    state: State<R>,
    /// Whether the current member has given output, or decoded more than a
    /// chance match of the magic bytes would (a real member).
    produced: bool,
    /// After a failure, until a member gives output: failures are not reported.
    quiet: bool,
    /// The current member's output, `pending[given..filled]` not given yet: all
    /// of it while under `whole` bytes, then its last [`HOLD`] bytes, wait for
    /// the member's checksum. Grown to at most `whole + CHUNK`.
    pending: Vec<u8>,
    given: usize,
    filled: usize,
    /// Output of the current member so far.
    decoded: usize,
    /// A member is held until checked while its output is under this.
    whole: usize,
    /// No member that begins at or past this compressed offset is read.
    stop: u64,
}

/// A member's last bytes are given only once its checksum has been checked (the
/// decoder checks it at the member's end), so a record or line that ends in a
/// damaged member is never given whole: a WARC record's block ends four bytes
/// before its member does, a line one byte.
const HOLD: usize = 8;
/// Decoded at a time.
const CHUNK: usize = 32 << 10;
/// A WARC member (one record) whose output is under this is given only once its
/// checksum is checked, all or nothing (a page is most often well under 1 MiB,
/// Common Crawl cuts them there): a damaged record gives no byte, so the offsets
/// after it are the same however the input was read, whole or from a share's
/// first member on. Longer members, and other dumps' (a JSONL's lines run across
/// members), are streamed, so a cut download keeps the lines before the cut.
pub(super) const WHOLE_MEMBER: usize = 4 << 20;

impl<R: Read> Members<R> {
    /// Every member, each streamed as it decodes but for its last bytes.
    pub(super) fn new(inner: R) -> Self {
        Members::within(inner, 0, u64::MAX, 0)
    }

    /// The members from compressed offset `start`, where `inner` is, to the
    /// first that begins at or past `stop` (not read: one share's part, see the
    /// `split` module), each held until checked while its output is under `whole`
    /// bytes ([`WHOLE_MEMBER`] for a WARC's, a record each; 0 streams them).
    pub(super) fn within(inner: R, start: u64, stop: u64, whole: usize) -> Self {
        let mut r = Pos::new(inner);
        r.pos = start;
        Members {
            whole,
            state: State::Between(r),
            produced: false,
            quiet: false,
            pending: vec![0; CHUNK + HOLD],
            given: 0,
            filled: 0,
            decoded: 0,
            stop,
        }
    }
}

impl<R: Read> Read for Members<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if buf.is_empty() {
            return Ok(0);
        }
        loop {
            match std::mem::replace(&mut self.state, State::Done) {
                State::Done => return Ok(0),
                State::Between(mut r) => {
                    let start = r.pos;
                    if start >= self.stop {
                        return Ok(0);
                    }
                    let avail = r.fill_at_least(3)?;
                    if avail.is_empty() {
                        return Ok(0);
                    }
                    if avail.starts_with(&MAGIC[..avail.len().min(3)]) {
                        self.produced = false;
                        let dec = Box::new(GzDecoder::new(r));
                        self.state = State::Member { dec, start };
                    } else {
                        // Bytes that are no member: the stream is damaged here.
                        self.state = State::Scan { r, from: start };
                        if !std::mem::replace(&mut self.quiet, true) {
                            let msg = format!(
                                "no gzip member at compressed byte {start}; reading on from the next member"
                            );
                            return Err(io::Error::new(io::ErrorKind::InvalidData, msg));
                        }
                    }
                }
                State::Member { mut dec, start } => {
                    let (mut verified, mut failed) = (false, None);
                    loop {
                        let whole = self.decoded < self.whole;
                        if !whole && self.filled - self.given > HOLD {
                            break;
                        }
                        if whole {
                            // Nothing given yet: the output so far stays, room after it.
                            let room = self.filled + CHUNK;
                            if self.pending.len() < room {
                                self.pending.resize(room, 0);
                            }
                        } else {
                            // The held tail to the front, the decoder's next bytes after it.
                            self.pending.copy_within(self.given..self.filled, 0);
                            self.filled -= self.given;
                            self.given = 0;
                        }
                        match dec.read(&mut self.pending[self.filled..]) {
                            Ok(0) => {
                                verified = true;
                                break;
                            }
                            Ok(n) => {
                                self.filled += n;
                                self.decoded += n;
                            }
                            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                            Err(e) => {
                                // More than a chance match of the magic would decode.
                                self.produced |= self.decoded > HOLD;
                                (self.filled, self.given, self.decoded) = (0, 0, 0);
                                failed = Some(e);
                                break;
                            }
                        }
                    }
                    if let Some(e) = failed {
                        let r = (*dec).into_inner();
                        self.state = State::Scan { r, from: start + 1 };
                        let report = self.produced || !self.quiet;
                        self.quiet = true;
                        if report {
                            let msg = format!(
                                "gzip member at compressed byte {start} is corrupt ({e}); reading on from the next member"
                            );
                            return Err(io::Error::new(io::ErrorKind::InvalidData, msg));
                        }
                        continue;
                    }
                    let ready = if verified {
                        self.filled
                    } else {
                        self.filled - HOLD
                    };
                    debug_assert!(verified || self.decoded >= self.whole);
                    let n = (ready - self.given).min(buf.len());
                    buf[..n].copy_from_slice(&self.pending[self.given..self.given + n]);
                    self.given += n;
                    if verified && self.given == self.filled {
                        (self.given, self.filled, self.decoded) = (0, 0, 0);
                        self.state = State::Between((*dec).into_inner());
                    } else {
                        self.state = State::Member { dec, start };
                    }
                    if n > 0 {
                        self.produced = true;
                        self.quiet = false;
                        return Ok(n);
                    }
                }
                State::Scan { mut r, from } => {
                    let at = r.pos;
                    if at >= self.stop {
                        return Ok(0);
                    }
                    let avail = r.fill_buf()?;
                    if avail.is_empty() {
                        return Ok(0);
                    }
                    let skip = from.saturating_sub(at).min(avail.len() as u64) as usize;
                    if skip > 0 {
                        r.consume(skip);
                        self.state = State::Scan { r, from };
                        continue;
                    }
                    let avail = r.fill_at_least(3)?;
                    match avail.windows(3).position(|w| w == MAGIC) {
                        Some(i) => {
                            r.consume(i);
                            self.state = State::Between(r);
                        }
                        None => {
                            // The last two bytes may begin a magic the next read ends.
                            let n = if avail.len() < 3 {
                                avail.len()
                            } else {
                                avail.len() - 2
                            };
                            r.consume(n);
                            self.state = State::Scan { r, from };
                        }
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use flate2::write::GzEncoder;
    use flate2::Compression;
    use std::io::Write;

    fn gz(data: &[u8]) -> Vec<u8> {
        let mut e = GzEncoder::new(Vec::new(), Compression::default());
        e.write_all(data).unwrap();
        e.finish().unwrap()
    }

    /// Gives its bytes a few at a time, so magics fall across reads.
    struct Trickle<'a>(&'a [u8]);

    impl Read for Trickle<'_> {
        fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
            let n = self.0.len().min(buf.len()).min(7);
            buf[..n].copy_from_slice(&self.0[..n]);
            self.0 = &self.0[n..];
            Ok(n)
        }
    }

    /// Reads everything, collecting output and error messages.
    fn drain(bytes: &[u8]) -> (Vec<u8>, Vec<String>) {
        let mut m = Members::new(Trickle(bytes));
        let (mut out, mut errs) = (Vec::new(), Vec::new());
        let mut buf = [0u8; 5];
        for _ in 0..100_000 {
            match m.read(&mut buf) {
                Ok(0) => return (out, errs),
                Ok(n) => out.extend_from_slice(&buf[..n]),
                Err(e) => errs.push(e.to_string()),
            }
        }
        panic!("no end");
    }

    #[test]
    fn members_are_joined() {
        let data = [gz(b"one "), gz(b"two "), gz(b"three")].concat();
        assert_eq!(drain(&data), (b"one two three".to_vec(), vec![]));
    }

    #[test]
    fn a_corrupt_member_costs_itself_only() {
        let one = gz(b"first member ");
        let mut two = gz(&b"second member, long enough to be hit ".repeat(20));
        let mid = two.len() / 2;
        for b in &mut two[mid..mid + 8] {
            *b ^= 0x55;
        }
        let three = gz(b"third member");
        let first_len = one.len();
        let (out, errs) = drain(&[one, two, three].concat());
        assert!(out.starts_with(b"first member "));
        assert!(
            out.ends_with(b"third member"),
            "{:?}",
            String::from_utf8_lossy(&out)
        );
        assert_eq!(errs.len(), 1, "{errs:?}");
        assert!(
            errs[0].contains(&format!("compressed byte {first_len}")),
            "{errs:?}"
        );
    }

    #[test]
    fn garbage_between_members_is_reported_once() {
        let data = [gz(b"a"), b"\x00junk\x1f\x8b".to_vec(), gz(b"b")].concat();
        let (out, errs) = drain(&data);
        assert_eq!(out, b"ab");
        assert_eq!(errs.len(), 1, "{errs:?}");
    }
}
