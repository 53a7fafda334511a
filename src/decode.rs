//! Decode stage: bytes to text. The charset comes from, in order of trust: a byte
//! order mark, the HTTP `Content-Type`, an HTML `<meta charset>`, and a `chardetng`
//! guess. Arabic pages are often windows-1256 or ISO-8859-6, and often mislabelled,
//! so a declared UTF-8 that does not validate falls through to detection, unless
//! it is UTF-8 but for a few stray bytes.

use encoding_rs::{Encoding, UTF_8};

use crate::source::{find, Body, Format, RawDoc};

/// A document as text.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct Decoded {
    /// Document id.
    pub id: String,
    /// Page URL, when known.
    pub url: Option<String>,
    /// HTML or text.
    pub format: Format,
    /// The decoded text.
    pub text: String,
    /// The encoding used.
    pub encoding: &'static Encoding,
}

/// Decodes a raw document. Never fails: undecodable bytes become U+FFFD.
pub fn decode(raw: RawDoc) -> Decoded {
    let hint = raw.content_type.as_deref().and_then(charset_param);
    let html = raw.format == Format::Html;
    let bytes = match raw.body {
        // Text is text: a charset label inside it no longer applies.
        Body::Text(s) => {
            return Decoded {
                id: raw.id,
                url: raw.url,
                format: raw.format,
                text: without_bom(s),
                encoding: UTF_8,
            };
        }
        Body::Bytes(b) => b,
    };
    // The bytes are validated as UTF-8 once, and valid UTF-8 is moved, not copied.
    let (encoding, text) = match String::from_utf8(bytes) {
        Ok(s) => match choose(s.as_bytes(), hint, html, true) {
            enc if enc == UTF_8 => (enc, without_bom(s)),
            enc => (
                enc,
                enc.decode_with_bom_removal(s.as_bytes()).0.into_owned(),
            ),
        },
        Err(e) => {
            let bytes = e.into_bytes();
            let enc = choose(&bytes, hint, html, false);
            (enc, enc.decode_with_bom_removal(&bytes).0.into_owned())
        }
    };
    Decoded {
        id: raw.id,
        url: raw.url,
        format: raw.format,
        text,
        encoding,
    }
}

/// The text without a leading byte order mark.
fn without_bom(mut s: String) -> String {
    if s.starts_with('\u{feff}') {
        s.drain(..3);
    }
    s
}

/// Picks the encoding of `bytes`.
pub fn detect(bytes: &[u8], content_type_charset: Option<&str>, html: bool) -> &'static Encoding {
    choose(
        bytes,
        content_type_charset,
        html,
        std::str::from_utf8(bytes).is_ok(),
    )
}

/// [`detect`] once it is known whether the bytes are valid UTF-8.
fn choose(
    bytes: &[u8],
    content_type_charset: Option<&str>,
    html: bool,
    valid_utf8: bool,
) -> &'static Encoding {
    if let Some((enc, _)) = Encoding::for_bom(bytes) {
        return enc;
    }
    let declared = content_type_charset
        .and_then(|l| Encoding::for_label(l.as_bytes()))
        .or_else(|| {
            html.then(|| meta_charset(bytes))
                .flatten()
                .and_then(|l| Encoding::for_label(l.as_bytes()))
        });
    // A UTF-16 label in a byte stream without BOM is what browsers treat as UTF-8.
    let declared = declared.map(|e| e.output_encoding());
    match declared {
        // Non-ASCII text that validates as UTF-8 is almost never anything else: a
        // Latin or Arabic label on such bytes is a mislabel, common on aggregators.
        _ if valid_utf8 && !bytes.is_ascii() => UTF_8,
        Some(enc) if enc == UTF_8 && !valid_utf8 => guess(bytes),
        Some(enc) => enc,
        None if valid_utf8 => UTF_8,
        None => guess(bytes),
    }
}

/// A UTF-8 page may carry a few stray bytes of another encoding (a Latin-1
/// no-break space pasted in): at most one invalid sequence per this many UTF-8
/// characters of two bytes or more, and the page is UTF-8, decoded with U+FFFD
/// for the strays, as a browser decodes it. A mislabelled single-byte page
/// (windows-1256 Arabic) has almost no valid sequences and far more strays.
const STRAY_EVERY: usize = 20;
/// Fewest multi-byte characters for the share to mean anything.
const MIN_MULTIBYTE: usize = 8;
/// Strays after which a scan that has not met the share gives up.
const MAX_EARLY_STRAYS: usize = 64;

/// UTF-8 but for a few stray bytes (see [`STRAY_EVERY`]).
fn mostly_utf8(bytes: &[u8]) -> bool {
    let leads = |b: &[u8]| b.iter().filter(|&&c| c >= 0xc0).count();
    let (mut multibyte, mut strays) = (0usize, 0usize);
    let mut rest = bytes;
    while !rest.is_empty() {
        match std::str::from_utf8(rest) {
            Ok(_) => {
                multibyte += leads(rest);
                break;
            }
            Err(e) => {
                let good = e.valid_up_to();
                multibyte += leads(&rest[..good]);
                strays += 1;
                // Many strays and few characters so far: not UTF-8, and the
                // scan of a long single-byte page stops here.
                if strays > MAX_EARLY_STRAYS && strays * STRAY_EVERY > multibyte {
                    return false;
                }
                rest = &rest[good + e.error_len().unwrap_or(rest.len() - good)..];
            }
        }
    }
    multibyte >= MIN_MULTIBYTE && strays * STRAY_EVERY <= multibyte
}

/// The encoding of bytes that are not valid UTF-8 and declare none other: UTF-8
/// if only a few bytes stray ([`mostly_utf8`]), else `chardetng`'s guess.
fn guess(bytes: &[u8]) -> &'static Encoding {
    if mostly_utf8(bytes) {
        return UTF_8;
    }
    let mut det = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    det.feed(&ascii_runs_cut(bytes), true);
    det.guess(None, chardetng::Utf8Detection::Allow)
}

/// ASCII bytes kept on each side of a long run of them, for the detector.
/// Its evidence is the non-ASCII bytes and what stands right beside them (its
/// candidates look one byte back; an ASCII byte ends a word's case and length
/// state); a page's markup is long runs of ASCII it reads byte by byte in each
/// of its thirty-odd candidates, most of its time on a Latin page. 8 keeps
/// more than any candidate reads around a non-ASCII byte.
const ASCII_KEPT: usize = 8;

/// `bytes` with every run of ASCII longer than its cut form (first and last
/// [`ASCII_KEPT`] bytes joined by a space) cut to that form.
fn ascii_runs_cut(bytes: &[u8]) -> Vec<u8> {
    const CUT_RUN: usize = 2 * ASCII_KEPT + 1;
    let mut out = Vec::with_capacity(bytes.len() / 4);
    let mut rest = bytes;
    while !rest.is_empty() {
        let run = rest
            .iter()
            .position(|b| !b.is_ascii())
            .unwrap_or(rest.len());
        if run > CUT_RUN {
            out.extend_from_slice(&rest[..ASCII_KEPT]);
            out.push(b' ');
            out.extend_from_slice(&rest[run - ASCII_KEPT..run]);
        } else {
            out.extend_from_slice(&rest[..run]);
        }
        let other = rest[run..]
            .iter()
            .position(u8::is_ascii)
            .unwrap_or(rest.len() - run);
        out.extend_from_slice(&rest[run..run + other]);
        rest = &rest[run + other..];
    }
    out
}

/// The `charset=` parameter of a `Content-Type` value.
pub fn charset_param(content_type: &str) -> Option<&str> {
    let lower = content_type.to_ascii_lowercase();
    let at = lower.find("charset=")? + "charset=".len();
    let rest = &content_type[at..];
    let rest = rest.trim_start_matches(['"', '\'']);
    let end = rest
        .find(|c: char| c == ';' || c == '"' || c == '\'' || c.is_whitespace())
        .unwrap_or(rest.len());
    (end > 0).then(|| &rest[..end])
}

/// The charset named by `<meta charset>` or `<meta http-equiv content="…charset=…">`
/// in the first 4 KiB, as browsers prescan it.
fn meta_charset(bytes: &[u8]) -> Option<String> {
    let head = &bytes[..bytes.len().min(4096)];
    let lower: Vec<u8> = head.to_ascii_lowercase();
    let mut from = 0;
    while let Some(pos) = find(&lower[from..], b"<meta") {
        let start = from + pos;
        let end = lower[start..]
            .iter()
            .position(|&b| b == b'>')
            .map_or(lower.len(), |e| start + e);
        let tag = String::from_utf8_lossy(&lower[start..end]);
        if let Some(cs) = charset_param(&tag) {
            return Some(cs.to_owned());
        }
        from = end;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn charset_sources_in_order() {
        let meta = b"<html><head><meta charset=\"windows-1256\"></head>\xc7";
        assert_eq!(detect(meta, None, true).name(), "windows-1256");
        assert_eq!(detect(meta, Some("ISO-8859-6"), true).name(), "ISO-8859-6");
        let utf8 = "<meta charset=windows-1256><p>المغرب</p>".as_bytes();
        assert_eq!(detect(utf8, Some("iso-8859-1"), true), UTF_8);
        let bom = b"\xef\xbb\xbf<meta charset=windows-1256>";
        assert_eq!(detect(bom, Some("latin1"), true), UTF_8);
        let equiv = b"<meta http-equiv='Content-Type' content='text/html; charset=iso-8859-6'>";
        assert_eq!(detect(equiv, None, true).name(), "ISO-8859-6");
    }

    #[test]
    fn mislabelled_utf8_is_detected() {
        // windows-1256 Arabic bytes in a page that claims UTF-8.
        let (bytes, _, _) = encoding_rs::WINDOWS_1256
            .encode("<meta charset=utf-8><p>مرحبا بكم في المغرب اليوم</p>");
        let enc = detect(&bytes, None, true);
        let (text, _) = enc.decode_without_bom_handling(&bytes);
        assert!(text.contains("المغرب"), "{} gave {text}", enc.name());
    }

    #[test]
    fn utf8_with_a_stray_byte_stays_utf8() {
        // A Latin-1 no-break space pasted into a UTF-8 page, declared or not:
        // the page is UTF-8 (a guess of windows-1252 garbled every quote mark).
        let body = "<p>It\u{2019}s not as though anyone expected \u{201c}rest\u{201d} \u{2014}                     she said, in the caf\u{e9}, to the na\u{ef}ve \u{e9}lite.</p>";
        for head in ["<meta charset=utf-8>", ""] {
            let mut bytes = format!("{head}{}", body.repeat(3)).into_bytes();
            bytes.insert(bytes.len() - 4, 0xa0);
            let raw = RawDoc::new("p", Format::Html, bytes);
            let out = decode(raw);
            assert_eq!(out.encoding, UTF_8, "{head:?}");
            assert!(out.text.contains("It\u{2019}s not") && out.text.contains('\u{fffd}'));
        }
        // Strays as common as the characters: not UTF-8.
        let mut bytes = "<meta charset=utf-8><p>caf\u{e9}</p>"
            .repeat(10)
            .into_bytes();
        for _ in 0..10 {
            bytes.extend_from_slice(b"<p>\xe9t\xe9</p>");
        }
        assert_ne!(detect(&bytes, None, true), UTF_8);
    }

    #[test]
    fn cut_ascii_runs_leave_the_guess_as_it_was() {
        // Undeclared single-byte pages in long markup: the detector, given the
        // page with its ASCII runs cut, guesses as it does on the whole page.
        let markup = "<div class=\"article-body__paragraph js-track\" data-id=\"1\">";
        let texts = [
            (
                encoding_rs::WINDOWS_1256,
                "المغرب يستضيف كأس أفريقيا للأمم في الرباط",
            ),
            (
                encoding_rs::WINDOWS_1252,
                "Le président a été élu à la majorité, déjà.",
            ),
            (
                encoding_rs::WINDOWS_1251,
                "Правительство объявило о новых мерах сегодня",
            ),
            (
                encoding_rs::ISO_8859_7,
                "Η κυβέρνηση ανακοίνωσε νέα μέτρα σήμερα",
            ),
            (encoding_rs::SHIFT_JIS, "政府は本日、新たな対策を発表した"),
        ];
        for (enc, text) in texts {
            let page: String = (0..30)
                .map(|i| format!("{markup}<p>{i} {text}</p></div>\n"))
                .collect();
            let (bytes, _, _) = enc.encode(&page);
            let mut whole = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
            whole.feed(&bytes, true);
            let expected = whole.guess(None, chardetng::Utf8Detection::Allow);
            assert!(ascii_runs_cut(&bytes).len() < bytes.len(), "{}", enc.name());
            assert_eq!(guess(&bytes), expected, "{}", enc.name());
        }
        // Non-ASCII bytes and their neighbours are kept, short runs whole.
        assert_eq!(ascii_runs_cut(b"ab\xe9cd"), b"ab\xe9cd");
        let long = [b"x".repeat(40), vec![0xe9], b"y".repeat(3)].concat();
        assert_eq!(
            ascii_runs_cut(&long),
            [
                b"x".repeat(8),
                b" ".to_vec(),
                b"x".repeat(8),
                vec![0xe9],
                b"yyy".to_vec()
            ]
            .concat()
        );
    }

    #[test]
    fn text_bodies_are_not_decoded_again() {
        // The same ASCII page as bytes follows its label; as a string it is text.
        let page = "\u{feff}<meta charset=windows-1256><p>caf&eacute;</p>";
        let bytes = decode(RawDoc::new("b", Format::Html, page.as_bytes()));
        assert_eq!(bytes.encoding, UTF_8, "a BOM outranks the label");
        let ascii = "<meta charset=windows-1256><p>cafe</p>";
        let bytes = decode(RawDoc::new("b", Format::Html, ascii.as_bytes()));
        assert_eq!(bytes.encoding.name(), "windows-1256");
        let text = decode(RawDoc::new("t", Format::Html, ascii));
        assert_eq!((text.encoding, text.text.as_str()), (UTF_8, ascii));
        let text = decode(RawDoc::new("t", Format::Html, page));
        assert_eq!(text.text, &page[3..], "the BOM is dropped");
    }
}
