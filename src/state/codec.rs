//! How the state's records are laid out in bytes: little-endian integers,
//! strings and lists with a `u32` length in front. Decoding is checked: a record
//! that ends early or holds an impossible length is an error, never a panic (the
//! record's checksum has been verified before, so this guards against bugs and
//! other versions, not against disk faults).

use crate::fingerprint::Fingerprint;
use crate::strip::{Article, Templates};

/// Appends values to a byte buffer.
#[derive(Default)]
pub(crate) struct Writer(pub Vec<u8>);

impl Writer {
    pub fn u8(&mut self, x: u8) {
        self.0.push(x);
    }
    pub fn u32(&mut self, x: u32) {
        self.0.extend_from_slice(&x.to_le_bytes());
    }
    pub fn u64(&mut self, x: u64) {
        self.0.extend_from_slice(&x.to_le_bytes());
    }
    /// A length: lists and strings in a state hold fewer than 2^32 items.
    pub fn len(&mut self, n: usize) {
        self.u32(u32::try_from(n).unwrap_or(u32::MAX));
    }
    pub fn str(&mut self, s: &str) {
        self.len(s.len());
        self.0.extend_from_slice(s.as_bytes());
    }
    pub fn opt(&mut self, s: &Option<String>) {
        match s {
            Some(s) => {
                self.u8(1);
                self.str(s);
            }
            None => self.u8(0),
        }
    }
    pub fn u64s(&mut self, xs: &[u64]) {
        self.len(xs.len());
        xs.iter().for_each(|&x| self.u64(x));
    }
}

/// Reads values back; every read says what was expected when the bytes run out.
pub(crate) struct Reader<'a> {
    bytes: &'a [u8],
}

/// Why a record could not be decoded.
pub(crate) type Bad = String;

impl<'a> Reader<'a> {
    pub fn new(bytes: &'a [u8]) -> Self {
        Reader { bytes }
    }

    fn take(&mut self, n: usize, what: &str) -> Result<&'a [u8], Bad> {
        if self.bytes.len() < n {
            return Err(format!("record ends inside its {what}"));
        }
        let (head, rest) = self.bytes.split_at(n);
        self.bytes = rest;
        Ok(head)
    }
    pub fn u8(&mut self, what: &str) -> Result<u8, Bad> {
        Ok(self.take(1, what)?[0])
    }
    pub fn u32(&mut self, what: &str) -> Result<u32, Bad> {
        let b = self.take(4, what)?;
        Ok(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }
    pub fn u64(&mut self, what: &str) -> Result<u64, Bad> {
        let mut a = [0u8; 8];
        a.copy_from_slice(self.take(8, what)?);
        Ok(u64::from_le_bytes(a))
    }
    /// A length, refused when the rest of the record cannot hold that many items
    /// of `item` bytes (so a corrupt length never allocates).
    pub fn len(&mut self, item: usize, what: &str) -> Result<usize, Bad> {
        let n = self.u32(what)? as usize;
        if n.saturating_mul(item) > self.bytes.len() {
            return Err(format!("{what}: length {n} is longer than the record"));
        }
        Ok(n)
    }
    pub fn str(&mut self, what: &str) -> Result<String, Bad> {
        let n = self.len(1, what)?;
        let b = self.take(n, what)?;
        String::from_utf8(b.to_vec()).map_err(|_| format!("{what} is not UTF-8"))
    }
    pub fn opt(&mut self, what: &str) -> Result<Option<String>, Bad> {
        match self.u8(what)? {
            0 => Ok(None),
            1 => self.str(what).map(Some),
            t => Err(format!("{what}: bad tag {t}")),
        }
    }
    pub fn u64s(&mut self, what: &str) -> Result<Vec<u64>, Bad> {
        let n = self.len(8, what)?;
        (0..n).map(|_| self.u64(what)).collect()
    }
    /// The record must be used up: trailing bytes mean another layout.
    pub fn end(&self) -> Result<(), Bad> {
        if self.bytes.is_empty() {
            Ok(())
        } else {
            Err(format!("{} bytes left after the record", self.bytes.len()))
        }
    }
}

/// Bytes of one `keys.log` record: id hash 16, prints offset 8, key count 4,
/// keys 4 × 8, and 4 left for the check ([`super::files::seal`]).
pub(crate) const KEY_RECORD: usize = 64;
/// Bytes of one `links.log` record: a 4, b 4, strength 4, check 4.
pub(crate) const LINK_RECORD: usize = 16;

fn u32_at(rec: &[u8], at: usize) -> u32 {
    u32::from_le_bytes([rec[at], rec[at + 1], rec[at + 2], rec[at + 3]])
}

/// A document's `keys.log` record (sketch keys: at most 8), check not yet set.
pub(crate) fn key_record(hash: u128, offset: u64, keys: &[u32]) -> [u8; KEY_RECORD] {
    let mut rec = [0u8; KEY_RECORD];
    rec[..16].copy_from_slice(&hash.to_le_bytes());
    rec[16..24].copy_from_slice(&offset.to_le_bytes());
    let keys = &keys[..keys.len().min(8)];
    rec[24..28].copy_from_slice(&(keys.len() as u32).to_le_bytes());
    for (k, key) in keys.iter().enumerate() {
        rec[28 + 4 * k..32 + 4 * k].copy_from_slice(&key.to_le_bytes());
    }
    rec
}

/// `(id hash, prints offset, sketch keys)` of a sealed `keys.log` record.
pub(crate) fn read_key_record(rec: &[u8]) -> (u128, u64, Vec<u32>) {
    let mut hash = [0u8; 16];
    hash.copy_from_slice(&rec[..16]);
    let mut offset = [0u8; 8];
    offset.copy_from_slice(&rec[16..24]);
    let n = (u32_at(rec, 24) as usize).min(8);
    let keys = (0..n).map(|k| u32_at(rec, 28 + 4 * k)).collect();
    (u128::from_le_bytes(hash), u64::from_le_bytes(offset), keys)
}

/// A verified pair's `links.log` record, check not yet set.
pub(crate) fn link_record(a: u32, b: u32, strength: f32) -> [u8; LINK_RECORD] {
    let mut rec = [0u8; LINK_RECORD];
    rec[..4].copy_from_slice(&a.to_le_bytes());
    rec[4..8].copy_from_slice(&b.to_le_bytes());
    rec[8..12].copy_from_slice(&strength.to_bits().to_le_bytes());
    rec
}

/// `(a, b, strength)` of a sealed `links.log` record.
pub(crate) fn read_link_record(rec: &[u8]) -> (usize, usize, f32) {
    let (a, b) = (u32_at(rec, 0) as usize, u32_at(rec, 4) as usize);
    (a, b, f32::from_bits(u32_at(rec, 8)))
}

/// What verification needs of a document: its whole-body and passage simhashes
/// and its figures (paragraph prints are for canonical, which re-reads the text).
pub(crate) fn put_print(w: &mut Writer, p: &Fingerprint) {
    w.u64(p.simhash);
    w.u64(p.exact);
    w.u32(p.words);
    w.u64s(&p.passages);
    w.u64s(&p.numbers);
    w.len(p.figures.len());
    for &(c, f) in &p.figures {
        w.u64(c);
        w.u64(f);
    }
}

pub(crate) fn get_print(r: &mut Reader) -> Result<Fingerprint, Bad> {
    let simhash = r.u64("simhash")?;
    let exact = r.u64("exact hash")?;
    let words = r.u32("word count")?;
    let passages = r.u64s("passages")?;
    let numbers = r.u64s("numbers")?;
    let n = r.len(16, "figures")?;
    let figures = (0..n)
        .map(|_| Ok((r.u64("figures")?, r.u64("figures")?)))
        .collect::<Result<_, Bad>>()?;
    Ok(Fingerprint {
        simhash,
        exact,
        words,
        passages,
        paragraphs: Vec::new(),
        numbers,
        figures,
    })
}

/// What canonical needs of a document: its id, fields and paragraphs.
pub(crate) fn put_article(w: &mut Writer, a: &Article) {
    w.str(&a.id);
    w.opt(&a.url);
    w.opt(&a.title);
    w.opt(&a.byline);
    w.opt(&a.date);
    w.opt(&a.source);
    w.len(a.paragraphs.len());
    a.paragraphs.iter().for_each(|p| w.str(p));
}

pub(crate) fn get_article(r: &mut Reader) -> Result<Article, Bad> {
    let id = r.str("id")?;
    let mut a = Article::new(id, Vec::new());
    a.url = r.opt("url")?;
    a.title = r.opt("title")?;
    a.byline = r.opt("byline")?;
    a.date = r.opt("date")?;
    a.source = r.opt("source")?;
    let n = r.len(4, "paragraphs")?;
    a.paragraphs = (0..n)
        .map(|_| r.str("paragraph"))
        .collect::<Result<_, Bad>>()?;
    Ok(a)
}

/// Site templates: entries sorted, so equal evidence gives equal bytes.
pub(crate) fn put_templates(w: &mut Writer, t: &Templates) {
    let entries = t.entries();
    w.u64(entries.len() as u64);
    for (site, key, leads) in entries {
        w.str(site);
        w.u64(key);
        w.u64s(leads);
    }
}

pub(crate) fn get_templates(r: &mut Reader) -> Result<Templates, Bad> {
    let n = r.u64("entry count")?;
    let mut t = Templates::new();
    for _ in 0..n {
        let site = r.str("site")?;
        let key = r.u64("paragraph hash")?;
        t.restore(&site, key, r.u64s("leads")?);
    }
    Ok(t)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cut_record_is_an_error_not_a_panic() {
        let mut a = Article::new("x", vec!["one".into(), "two".into()]);
        a.title = Some("t".into());
        let mut w = Writer::default();
        put_article(&mut w, &a);
        let whole = get_article(&mut Reader::new(&w.0)).unwrap();
        assert_eq!(
            (whole.id, whole.title, whole.paragraphs),
            (a.id, a.title, a.paragraphs)
        );
        for cut in 0..w.0.len() {
            assert!(get_article(&mut Reader::new(&w.0[..cut])).is_err(), "{cut}");
        }
    }
}
