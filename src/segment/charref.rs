//! What a run of page text stands for once the HTML tokenizer has read it:
//! character references (`&amp;`, `&#233;`, `&eacute`) replaced by their
//! characters, line breaks normalised (CR LF and CR are LF), NUL dealt with as
//! the tokenizer does in each state.

use std::borrow::Cow;

use html5ever::data::{C1_REPLACEMENTS, NAMED_ENTITIES};

/// Where the text is, which decides what is decoded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Context {
    /// Element content: references decoded, NUL dropped (the tree builder
    /// ignores it in a page's body).
    Data,
    /// `<title>`, `<textarea>`: references decoded, NUL as U+FFFD.
    Rcdata,
    /// `<style>`, `<script>`, `<xmp>`, …: read as written, NUL as U+FFFD.
    Rawtext,
    /// An attribute value: references decoded but for a legacy name without
    /// `;` followed by `=` or a letter or digit (`?a=1&copy=2` stays a URL),
    /// NUL as U+FFFD.
    Attribute,
}

/// Longest entity name with its `;` ("CounterClockwiseContourIntegral;").
const LONGEST_NAME: usize = 33;

/// `text` as the tokenizer gives it in `context`: borrowed when nothing in it
/// changes.
pub(super) fn decode(text: &str, context: Context) -> Cow<'_, str> {
    let b = text.as_bytes();
    let refs = context != Context::Rawtext;
    let first = if refs {
        memchr::memchr3(b'&', b'\r', 0, b)
    } else {
        memchr::memchr2(b'\r', 0, b)
    };
    let Some(first) = first else {
        return Cow::Borrowed(text);
    };
    let mut out = String::with_capacity(text.len());
    out.push_str(&text[..first]);
    let mut i = first;
    while i < b.len() {
        let next = if refs {
            memchr::memchr3(b'&', b'\r', 0, &b[i..])
        } else {
            memchr::memchr2(b'\r', 0, &b[i..])
        };
        let Some(off) = next else {
            out.push_str(&text[i..]);
            break;
        };
        out.push_str(&text[i..i + off]);
        i += off;
        match b[i] {
            b'\r' => {
                out.push('\n');
                i += 1 + usize::from(b.get(i + 1) == Some(&b'\n'));
            }
            0 => {
                if context != Context::Data {
                    out.push('\u{fffd}');
                }
                i += 1;
            }
            _ => i = reference(text, i, context == Context::Attribute, &mut out),
        }
    }
    Cow::Owned(out)
}

/// Reads the reference whose `&` is at `at` into `out`; returns the index after
/// it (after the `&` alone when it is none).
fn reference(text: &str, at: usize, in_attribute: bool, out: &mut String) -> usize {
    let b = text.as_bytes();
    let rest = &b[at + 1..];
    if rest.first() == Some(&b'#') {
        let hex = matches!(rest.get(1), Some(b'x' | b'X'));
        let start = at + 2 + usize::from(hex);
        let digits = b[start..]
            .iter()
            .take_while(|c| {
                if hex {
                    c.is_ascii_hexdigit()
                } else {
                    c.is_ascii_digit()
                }
            })
            .count();
        if digits == 0 {
            out.push('&');
            return at + 1;
        }
        let value = b[start..start + digits].iter().fold(0u32, |v, &c| {
            let d = (c as char).to_digit(16).unwrap_or(0);
            v.saturating_mul(if hex { 16 } else { 10 })
                .saturating_add(d)
        });
        let end = start + digits;
        out.push(numeric(value));
        return end + usize::from(b.get(end) == Some(&b';'));
    }
    // The longest name the table holds: its keys include every prefix of every
    // name (mapped to 0), so the look stops where no name goes on.
    let mut best = None;
    for len in 1..=rest.len().min(LONGEST_NAME) {
        let Ok(key) = std::str::from_utf8(&rest[..len]) else {
            break;
        };
        match NAMED_ENTITIES.get(key) {
            None => break,
            Some(&(0, _)) => {}
            Some(&(c1, c2)) => best = Some((len, c1, c2)),
        }
    }
    let Some((len, c1, c2)) = best else {
        out.push('&');
        return at + 1;
    };
    let end = at + 1 + len;
    if in_attribute
        && rest[len - 1] != b';'
        && b.get(end)
            .is_some_and(|&c| c == b'=' || c.is_ascii_alphanumeric())
    {
        out.push('&');
        return at + 1;
    }
    out.extend(
        [c1, c2]
            .into_iter()
            .filter(|&c| c != 0)
            .filter_map(char::from_u32),
    );
    end
}

/// The character a numeric reference stands for: U+FFFD for none, NUL and
/// surrogates; the Windows-1252 character for a C1 control that has one.
fn numeric(value: u32) -> char {
    match value {
        0 => '\u{fffd}',
        0x80..=0x9f => C1_REPLACEMENTS[(value - 0x80) as usize]
            .unwrap_or_else(|| char::from_u32(value).unwrap_or('\u{fffd}')),
        _ => char::from_u32(value).unwrap_or('\u{fffd}'),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_decode_as_the_tokenizer_reads_them() {
        let d = |s| decode(s, Context::Data).into_owned();
        assert_eq!(d("a &amp; b"), "a & b");
        assert_eq!(d("&eacute;t&eacute"), "été");
        assert_eq!(d("&#233;&#xE9;&#X00e9"), "ééé");
        assert_eq!(
            d("&#128;&#0;&#xD800;&#99999999"),
            "€\u{fffd}\u{fffd}\u{fffd}"
        );
        assert_eq!(d("&notit; &nosuch; & &#; AT&T"), "¬it; &nosuch; & &#; AT&T");
        assert_eq!(d("a\r\nb\rc\0d"), "a\nb\ncd");
        let a = |s| decode(s, Context::Attribute).into_owned();
        assert_eq!(a("?a=1&copy=2&copy;"), "?a=1&copy=2©");
        assert_eq!(a("&amp x"), "& x");
        assert_eq!(decode("&amp;\0", Context::Rawtext), "&amp;\u{fffd}");
        assert!(matches!(decode("plain", Context::Data), Cow::Borrowed(_)));
    }
}
