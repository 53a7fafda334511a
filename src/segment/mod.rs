//! Segment stage: a decoded page becomes a flat list of text [`Block`]s with the
//! evidence the strip stage weighs: tag, link characters, the block's place in the
//! tree of block containers, and `class`/`id` hints. HTML is read once with a
//! stack of open elements as the HTML parser keeps it (`stack`), comments and
//! script/style bodies skipped, its elements' openings and closings told to one
//! walker (`walk`) that builds the blocks; a page whose parse moves nodes out of
//! their order (text set straight into a table) goes through the lean pass
//! (`scan`: scripts, comments and unread attributes out) and html5ever's tree
//! instead, walked by the same walker.
//! Both use explicit stacks, so deep nesting cannot overflow the call stack.
//! Text dumps give one block per line; a line made of several segments separated
//! by runs of 3+ spaces is a ticker candidate.

use ego_tree::iter::Edge;
use html5ever::ns;
use html5ever::tendril::TendrilSink;
use scraper::{Html, Node};

use crate::decode::Decoded;
use crate::text::ends_open;
use names::name_hints;
use nfc::nfc;

mod charref;
mod names;
mod nfc;
mod scan;
mod stack;
mod tags;
mod walk;
use crate::source::Format;
use walk::{Attrs, Walker};

/// What kind of element a block came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BlockKind {
    /// `<h1>`…`<h6>`, with its level.
    Heading(u8),
    /// `<p>` or text directly in a container.
    Paragraph,
    /// `<li>`, `<dt>`, `<dd>`.
    ListItem,
    /// `<blockquote>`.
    Quote,
    /// `<figcaption>` or `<caption>`.
    Caption,
    /// `<pre>`.
    Preformatted,
    /// A table row (`<tr>`), cells joined by spaces.
    Cell,
    /// A line of a text dump.
    Line,
    /// A text line of many short segments separated by runs of spaces.
    Ticker,
}

/// Hint bits on a container node, from its tag, `class`, `id` and `role`.
pub mod hint {
    /// `<nav>`, role=navigation, or a menu-like class.
    pub const NAV: u16 = 1;
    /// `<aside>` or sidebar-like class.
    pub const ASIDE: u16 = 1 << 1;
    /// `<footer>` or footer-like class.
    pub const FOOTER: u16 = 1 << 2;
    /// `<header>` of the page (not inside `<article>`).
    pub const HEADER: u16 = 1 << 3;
    /// `<form>`.
    pub const FORM: u16 = 1 << 4;
    /// Class/id says ad, share, related, ticker, comment, newsletter, …
    pub const BOILER: u16 = 1 << 5;
    /// `<article>`, itemprop=articleBody, or an article-body-like class.
    pub const ARTICLE: u16 = 1 << 6;
    /// `<main>` or role=main.
    pub const MAIN: u16 = 1 << 7;
    /// `<figure>`.
    pub const FIGURE: u16 = 1 << 8;
    /// `hidden`, `aria-hidden=true` or `display:none`.
    pub const HIDDEN: u16 = 1 << 9;
    /// Class/id says byline, author, date, meta.
    pub const BYLINE: u16 = 1 << 10;
    /// Any of the hints that make a node's text suspect.
    pub const NEGATIVE: u16 = NAV | ASIDE | FOOTER | HEADER | FORM | BOILER | HIDDEN;
}

/// One block of text.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct Block {
    /// Whitespace-collapsed text.
    pub text: String,
    /// Element kind.
    pub kind: BlockKind,
    /// Characters of `text`.
    pub chars: usize,
    /// Characters inside links.
    pub link_chars: usize,
    /// Index of the innermost container node in [`Segmented::nodes`].
    pub node: u32,
}

/// A block container in the page tree.
#[derive(Debug, Clone, Copy)]
pub struct ContainerNode {
    /// Parent index, `u32::MAX` for the root.
    pub parent: u32,
    /// [`hint`] bits of this node alone.
    pub hints: u16,
    /// Its shape: a hash of its tag and its `class` and `id` values as written,
    /// for a `<div>`, `<section>`, `<article>` or `<main>` with either (0 for any
    /// other node). Two elements of one shape are two of one kind: a body an ad
    /// box cut in two goes on in an element like the first, whether or not its
    /// names hold a hint word.
    pub shape: u32,
}

/// Page-level metadata found while walking the DOM.
#[derive(Debug, Clone, Default)]
#[non_exhaustive]
pub struct PageMeta {
    /// `<title>`.
    pub title: Option<String>,
    /// `og:title` / `twitter:title`.
    pub og_title: Option<String>,
    /// `og:site_name`.
    pub site_name: Option<String>,
    /// `<meta name=author>` / `article:author`.
    pub author: Option<String>,
    /// `article:published_time`, `datePublished`, …
    pub date: Option<String>,
    /// The first `<time datetime>`.
    pub time: Option<String>,
    /// Raw JSON-LD scripts.
    pub json_ld: Vec<String>,
    /// `og:url`: the page's own URL, when the input carries none.
    pub url: Option<String>,
}

/// A segmented document.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct Segmented {
    /// Document id.
    pub id: String,
    /// Page URL, when known.
    pub url: Option<String>,
    /// HTML or text.
    pub format: Format,
    /// Blocks in reading order.
    pub blocks: Vec<Block>,
    /// Container tree (index 0 is the root).
    pub nodes: Vec<ContainerNode>,
    /// Page metadata (HTML only).
    pub meta: PageMeta,
    /// The document was cut at one of the [`Limits`]: its blocks are those
    /// before the cut.
    pub cut: bool,
}

/// How much of one document segment reads: a bound on the work and memory a
/// document can cost, whatever its bytes. Past a bound the document is cut (the
/// text before the cut is kept), not refused.
#[derive(Debug, Clone, Copy)]
#[non_exhaustive]
pub struct Limits {
    /// Deepest HTML element nesting read, counted as a browser nests elements
    /// (end tags it implies close). The parser's rules look down the stack of
    /// open elements for each tag, so reading time grows with the square of
    /// the depth.
    pub max_depth: usize,
    /// Most HTML start tags read: each becomes a tree node and, with its text, a
    /// block, so this bounds the tree's and the blocks' memory.
    pub max_elements: usize,
    /// Most lines of a text dump read as blocks.
    pub max_lines: usize,
}

/// Bytes of page per start tag or dump line allowed by [`Limits::for_max_bytes`]:
/// measured, a start tag costs up to about 360 bytes through segment and strip
/// (a page of `<div>x</div>`) and a line about 350 (a dump of one-letter lines),
/// so these keep a document's working memory under about 10 times the size
/// limit, whatever its shape.
const BYTES_PER_ELEMENT: usize = 40;
const BYTES_PER_LINE: usize = 40;
/// The element and line bounds never go below this: small size limits must not
/// cut ordinary pages.
const MIN_BOUND: usize = 10_000;

impl Limits {
    /// The bounds for documents of at most `max_bytes`: depth 10,000 (real pages
    /// nest a few dozen deep), and elements and lines in proportion to the size
    /// limit (32 MiB: about 840,000 of each, far above real pages: the largest of
    /// about 3,000 evaluation pages has about 60,000 start tags).
    pub fn for_max_bytes(max_bytes: usize) -> Self {
        Limits {
            max_depth: 10_000,
            max_elements: (max_bytes / BYTES_PER_ELEMENT).max(MIN_BOUND),
            max_lines: (max_bytes / BYTES_PER_LINE).max(MIN_BOUND),
        }
    }
}

impl Default for Limits {
    /// The bounds for the default size limit, 32 MiB.
    fn default() -> Self {
        Limits::for_max_bytes(crate::source::DEFAULT_MAX_BYTES)
    }
}

/// Segments a decoded document within `limits` (see [`Limits`]).
pub fn segment(doc: Decoded, limits: Limits) -> Segmented {
    let cut;
    let (blocks, nodes, meta) = match doc.format {
        Format::Html => {
            let limits = scan::Limits {
                depth: limits.max_depth,
                elements: limits.max_elements,
            };
            // Read with a stack of open elements; parsed into a tree only where
            // the parser would move nodes out of their order.
            match stack::segment(&doc.text, limits) {
                Ok((blocks, nodes, meta, c)) => {
                    cut = c;
                    (blocks, nodes, meta)
                }
                Err(_) => {
                    let lean = scan::lean(&doc.text, limits);
                    cut = lean.cut.is_some();
                    segment_html(&lean.html, true)
                }
            }
        }
        Format::Text => {
            let blocks = segment_text(&doc.text, limits.max_lines);
            cut = blocks.len() == limits.max_lines;
            (blocks, vec![ROOT], PageMeta::default())
        }
    };
    Segmented {
        id: doc.id,
        url: doc.url,
        format: doc.format,
        blocks,
        nodes,
        meta,
        cut,
    }
}

const ROOT: ContainerNode = ContainerNode {
    parent: u32::MAX,
    hints: 0,
    shape: 0,
};

/// The segments of a line separated by runs of 3+ spaces (or tabs): the separators
/// of tickers, but also of text whose markup was removed.
fn space_segments(line: &str) -> Vec<&str> {
    // Bytes, not chars: the separators are ASCII or U+00A0 (C2 A0), and decoding
    // every character of every line showed in profiles.
    let b = line.as_bytes();
    let mut out = Vec::new();
    let (mut start, mut run, mut run_start) = (0, 0, 0);
    let mut i = 0;
    while i < b.len() {
        let width = match b[i] {
            b' ' => Some((1, 1)),
            b'\t' => Some((1, 3)),
            0xc2 if b.get(i + 1) == Some(&0xa0) => Some((2, 1)),
            _ => None,
        };
        match width {
            Some((len, weight)) => {
                if run == 0 {
                    run_start = i;
                }
                run += weight;
                i += len;
            }
            None => {
                if run >= 3 {
                    out.push(&line[start..run_start]);
                    start = i;
                }
                run = 0;
                i += 1;
            }
        }
    }
    out.push(&line[start..]);
    out
}

/// A ticker: three or more segments, most of them headline-like (short, without
/// closing sentence punctuation). Sentences separated by stray spaces are not one.
fn is_ticker(segments: &[&str]) -> bool {
    let headline = |s: &&&str| {
        let s = s.trim();
        s.chars().count() <= 160 && !ends_open(s)
    };
    segments.len() >= 3 && segments.iter().filter(headline).count() * 10 >= segments.len() * 7
}

fn segment_text(text: &str, max_lines: usize) -> Vec<Block> {
    let mut blocks = Vec::new();
    for line in text.lines() {
        if blocks.len() >= max_lines {
            break;
        }
        let trimmed = line.trim();
        if trimmed.is_empty() {
            continue;
        }
        // A collapsed line has no run of spaces, so no segments: no ticker.
        let (text, ticker) = if collapsed(trimmed) {
            (trimmed.to_owned(), false)
        } else {
            (squeeze(trimmed), is_ticker(&space_segments(trimmed)))
        };
        let text = nfc(text);
        blocks.push(Block {
            chars: text.chars().count(),
            kind: if ticker {
                BlockKind::Ticker
            } else {
                BlockKind::Line
            },
            text,
            link_chars: 0,
            node: 0,
        });
    }
    blocks
}

/// True for text with single ASCII spaces between words and nothing else that
/// [`collapse`] changes, as most lines are: no other whitespace (tabs, breaks,
/// or the non-ASCII spaces: U+0085, U+00A0, U+1680, U+2000–U+200A, U+2028,
/// U+2029, U+202F, U+205F, U+3000), no space at either end, no two in a row.
/// Quotes, dashes and Latin-1 signs, whose UTF-8 starts as some spaces' does,
/// are told apart by their next bytes.
fn collapsed(s: &str) -> bool {
    let b = s.as_bytes();
    let (Some(&first), Some(&last)) = (b.first(), b.last()) else {
        return true;
    };
    // Whitespace or a second space starting at a byte, from it and the next two
    // (0 past the end).
    let starts_space = |x: u8, y: u8, z: u8| {
        (x.wrapping_sub(b'\t') < 5)
            | ((x == b' ') & (y == b' '))
            | ((x == 0xc2) & ((y == 0x85) | (y == 0xa0)))
            | ((x == 0xe1) & (y == 0x9a) & (z == 0x80))
            | ((x == 0xe2)
                & (((y == 0x80)
                    & ((z.wrapping_sub(0x80) < 0x0b) | (z == 0xa8) | (z == 0xa9) | (z == 0xaf)))
                    | ((y == 0x81) & (z == 0x9f))))
            | ((x == 0xe3) & (y == 0x80) & (z == 0x80))
    };
    // One fold over byte triples, without early exit, so the compiler vectorises
    // it; the last two bytes after it.
    let n = b.len();
    let found = b
        .iter()
        .zip(&b[1.min(n)..])
        .zip(&b[2.min(n)..])
        .fold(false, |acc, ((&x, &y), &z)| acc | starts_space(x, y, z));
    let tail = (n.saturating_sub(2)..n).any(|i| {
        let at = |k: usize| b.get(k).copied().unwrap_or(0);
        starts_space(at(i), at(i + 1), at(i + 2))
    });
    !found && !tail && first != b' ' && last != b' '
}

/// Collapses whitespace runs to one space and trims.
pub(crate) fn collapse(s: &str) -> String {
    if collapsed(s) {
        return s.to_owned();
    }
    squeeze(s)
}

/// [`collapse`] for text known not to be [`collapsed`].
fn squeeze(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for w in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    out
}

/// Line breaks in one table row that make it a page's layout (a column of links
/// beside a column of text) rather than a row of data, whose cells break a
/// header's words onto two lines at most.
const LAYOUT_BREAKS: usize = 3;

/// Elements whose content is never article text.
fn skipped(tag: &str) -> bool {
    matches!(
        tag,
        "script"
            | "style"
            | "template"
            | "iframe"
            | "object"
            | "embed"
            | "select"
            | "option"
            | "button"
            | "input"
            | "textarea"
            | "canvas"
            | "video"
            | "audio"
            | "map"
            | "head"
    )
}

/// Elements that start and end a block.
fn block_kind(tag: &str) -> Option<BlockKind> {
    Some(match tag {
        "h1" => BlockKind::Heading(1),
        "h2" => BlockKind::Heading(2),
        "h3" => BlockKind::Heading(3),
        "h4" => BlockKind::Heading(4),
        "h5" => BlockKind::Heading(5),
        "h6" => BlockKind::Heading(6),
        "li" | "dt" | "dd" => BlockKind::ListItem,
        "blockquote" => BlockKind::Quote,
        "figcaption" | "caption" => BlockKind::Caption,
        "pre" => BlockKind::Preformatted,
        // A table row is one block, its cells separated by spaces, as it reads.
        "tr" => BlockKind::Cell,
        "p" | "div" | "section" | "article" | "main" | "header" | "footer" | "nav" | "aside"
        | "ul" | "ol" | "dl" | "table" | "tbody" | "thead" | "tfoot" | "figure" | "form"
        | "address" | "fieldset" | "details" | "summary" | "center" | "body" | "html" | "hr"
        | "br" | "legend" | "menu" => BlockKind::Paragraph,
        _ => return None,
    })
}

/// Hints from `class`, `id`, `role` and the hiding attributes, in one pass over
/// the attributes.
fn attr_hints(el: &dyn Attrs) -> u16 {
    let mut h = 0;
    el.each(&mut |name, value| match name {
        "class" | "id" => h |= name_hints(value),
        "role" => {
            h |= match value {
                "navigation" | "menu" | "menubar" => hint::NAV,
                "complementary" => hint::ASIDE,
                "contentinfo" => hint::FOOTER,
                "main" => hint::MAIN,
                "article" => hint::ARTICLE,
                _ => 0,
            }
        }
        "itemprop" if value == "articleBody" => h |= hint::ARTICLE,
        "hidden" => h |= hint::HIDDEN,
        "aria-hidden" if value == "true" => h |= hint::HIDDEN,
        "style" => {
            let s = value.to_ascii_lowercase().replace(' ', "");
            if s.contains("display:none") || s.contains("visibility:hidden") {
                h |= hint::HIDDEN;
            }
        }
        _ => {}
    });
    h
}

/// Marks the word the lean pass writes for a `class` or `id` value as it was.
const VALUE_WORD: &[u8] = b"ndv";

/// Elements that may hold an article's body, the ones with a
/// [`ContainerNode::shape`] (on others, the lean pass keeps no value word).
pub(crate) fn shaped(tag: &[u8]) -> bool {
    [&b"div"[..], b"section", b"article", b"main"]
        .iter()
        .any(|t| tag.eq_ignore_ascii_case(t))
}

/// The hash of a `class` or `id` value (its first 32 bits).
fn value_hash(value: &[u8]) -> u32 {
    xxhash_rust::xxh3::xxh3_64(value.trim_ascii()) as u32
}

/// Writes the word standing for a `class` or `id` value in the lean copy:
/// [`VALUE_WORD`] and [`value_hash`] in hex, a word no hint list holds.
pub(crate) fn push_value_word(out: &mut Vec<u8>, value: &[u8]) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let h = value_hash(value);
    out.extend_from_slice(VALUE_WORD);
    out.extend((0..8).rev().map(|k| HEX[(h >> (4 * k)) as usize & 0xf]));
}

/// The hash of a `class` or `id` value: read from its value word in the lean
/// copy (0 without one), or computed from the value itself.
fn read_value_hash(value: &str, lean: bool) -> u32 {
    if !lean {
        return value_hash(value.as_bytes());
    }
    value
        .rsplit(' ')
        .next()
        .and_then(|w| w.as_bytes().strip_prefix(VALUE_WORD))
        .and_then(|hex| u32::from_str_radix(std::str::from_utf8(hex).ok()?, 16).ok())
        .unwrap_or(0)
}

/// [`ContainerNode::shape`]: its tag, `class` and `id`, hashed; 0 for an element
/// not [`shaped`] or with neither attribute.
fn shape(tag: &str, el: &dyn Attrs, lean: bool) -> u32 {
    if !shaped(tag.as_bytes()) {
        return 0;
    }
    let (class, id) = (el.get("class"), el.get("id"));
    if class.is_none() && id.is_none() {
        return 0;
    }
    let hash = |v: Option<&str>| u64::from(v.map_or(0, |v| read_value_hash(v, lean)));
    let tag = xxhash_rust::xxh3::xxh3_64(tag.as_bytes());
    // The low half of a 64-bit hash; never 0, which means no shape.
    (crate::hash::fmix(tag ^ (hash(class) << 32 | hash(id))) as u32).max(1)
}

/// Hints from the tag. A `<header>` or `<footer>` inside `<article>` or `<main>`
/// is the article's own (headline, lead, notes), not the page's.
fn tag_hints(tag: &str, in_article: bool) -> u16 {
    match tag {
        "nav" | "menu" => hint::NAV,
        "aside" => hint::ASIDE,
        "footer" if !in_article => hint::FOOTER,
        "header" if !in_article => hint::HEADER,
        "form" => hint::FORM,
        "article" => hint::ARTICLE,
        "main" => hint::MAIN,
        "figure" => hint::FIGURE,
        _ => 0,
    }
}

/// Bytes of markup per tree node at least, for [`tree_nodes`]' bound: an element
/// takes a tag of three bytes or more and a text node of one between two tags.
const NODE_BYTES: usize = 4;

/// The nodes the tree of `html` will hold, at most about: two per `<` (an
/// element and the text after its tag), and no more than [`NODE_BYTES`] allow,
/// so text full of `<` reserves no more than real markup could.
fn tree_nodes(html: &str) -> usize {
    (2 * memchr::memchr_iter(b'<', html.as_bytes()).count()).min(html.len() / NODE_BYTES) + 1
}

/// `lean`: `html` is the lean pass's copy, where an anchor that is no link is
/// marked ([`scan::NOT_A_LINK_ATTR`]) instead of links keeping their `href`.
fn segment_html(html: &str, lean: bool) -> (Vec<Block>, Vec<ContainerNode>, PageMeta) {
    // Parsed as a browser without scripts would: `<noscript>` holds markup, the
    // fallback copy of pages whose article a script renders (Blogger, some SPAs).
    let opts = html5ever::ParseOpts {
        tree_builder: html5ever::tree_builder::TreeBuilderOpts {
            scripting_enabled: false,
            ..Default::default()
        },
        ..Default::default()
    };
    // The tree sized up front: grown node by node, its copies showed in profiles.
    let mut doc = Html::new_document();
    doc.tree = ego_tree::Tree::with_capacity(scraper::Node::Document, tree_nodes(html));
    let doc = html5ever::driver::parse_document(scraper::HtmlTreeSink::new(doc), opts).one(html);
    let mut w = Walker::new(lean);
    for edge in doc.tree.root().traverse() {
        match edge {
            Edge::Open(node) => match node.value() {
                Node::Element(el) => w.open(el.name(), el.name.ns == ns!(html), el),
                Node::Text(t) => w.text(t),
                _ => {}
            },
            Edge::Close(node) => {
                if let Node::Element(el) = node.value() {
                    w.close(el.name());
                }
            }
        }
    }
    w.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn segment_text_all(text: &str) -> Vec<Block> {
        segment_text(text, usize::MAX)
    }

    #[test]
    fn collapse_joins_words_with_single_spaces() {
        for s in [
            "already clean",
            " lead",
            "trail ",
            "a  b",
            "a\tb\nc",
            "a\u{a0}b",
            "a\u{2009}b\u{3000}c",
            "نص عربي",
            "",
        ] {
            let want: Vec<&str> = s.split_whitespace().collect();
            assert_eq!(collapse(s), want.join(" "), "{s:?}");
        }
    }

    #[test]
    fn collapsed_is_exactly_text_collapse_leaves_alone() {
        // Every whitespace character, the characters whose UTF-8 starts as some
        // of theirs does (quotes, dashes, Latin-1 signs, the ogham letters), and
        // text around them, at either end and in the middle.
        let spaces: Vec<char> = (0..0x3001)
            .filter_map(char::from_u32)
            .filter(|c| c.is_whitespace())
            .collect();
        let neighbours = [
            '\u{80}', '\u{a9}', '«', '\u{1681}', '\u{200b}', '“', '—', '…', '\u{2030}', '\u{205e}',
            '\u{2060}', '\u{3001}', 'a', 'ب',
        ];
        for &c in spaces.iter().chain(&neighbours) {
            for s in [
                format!("{c}"),
                format!("a{c}"),
                format!("{c}b"),
                format!("a{c}b"),
                format!("a {c} b"),
                format!("ab{c}"),
                format!("نص{c}عربي"),
            ] {
                assert_eq!(collapsed(&s), squeeze(&s) == s, "{s:?}");
            }
        }
    }

    #[test]
    fn divs_of_one_class_share_a_shape() {
        let html = "<body><div class='c7'><p>one</p></div><div class='c8'><p>two</p></div>\
                    <div class='c7'><p>three</p></div><div><p>four</p></div>\
                    <span class='c7'><p>five</p></span></body>";
        for lean in [false, true] {
            let page = if lean {
                let all = scan::Limits {
                    depth: usize::MAX,
                    elements: usize::MAX,
                };
                scan::lean(html, all).html
            } else {
                html.to_owned()
            };
            let (blocks, nodes, _) = segment_html(&page, lean);
            let shape = |text: &str| {
                let b = blocks.iter().find(|b| b.text == text).unwrap();
                nodes[nodes[b.node as usize].parent as usize].shape
            };
            assert_ne!(shape("one"), 0);
            assert_eq!(shape("one"), shape("three"), "lean {lean}");
            assert_ne!(shape("one"), shape("two"), "lean {lean}");
            // No class, or not an element that holds a body: no shape.
            assert_eq!(shape("four"), 0);
            assert_eq!(shape("five"), 0);
        }
    }

    #[test]
    fn block_text_is_composed() {
        // "أ" as alef + hamza above is one letter; Bengali "ড়" as one code point is,
        // in the normal form, "ড" + nukta.
        let blocks = segment_text_all("\u{986}\u{9dc} \u{627}\u{654}\u{62d}\u{645}\u{62f} plain");
        assert_eq!(
            blocks[0].text,
            "\u{986}\u{9a1}\u{9bc} \u{623}\u{62d}\u{645}\u{62f} plain"
        );
        assert_eq!(blocks[0].chars, 14);
        // Shadda before fatha is fatha before shadda in the normal form.
        let blocks = segment_text_all("\u{628}\u{651}\u{64e}");
        assert_eq!(blocks[0].text, "\u{628}\u{64e}\u{651}");
    }

    #[test]
    fn ticker_lines_are_marked() {
        let blocks = segment_text_all("a headline    another one     third\n\nA normal line.\n");
        assert_eq!(blocks[0].kind, BlockKind::Ticker);
        assert_eq!(blocks[1].kind, BlockKind::Line);
        let prose =
            segment_text_all("One sentence ends here.   Another follows it.   A third one.");
        assert_eq!(prose[0].kind, BlockKind::Line);
    }

    #[test]
    fn deep_nesting_does_not_overflow() {
        let html = format!(
            "{}<p>deep</p>{}",
            "<div>".repeat(8_000),
            "</div>".repeat(8_000)
        );
        let (blocks, _, _) = segment_html(&html, false);
        assert_eq!(blocks.len(), 1);
        assert_eq!(blocks[0].text, "deep");
        let (blocks, _, _, cut) = stack::segment(&html, lean_props::LIMITS).unwrap();
        assert_eq!(
            (blocks.len(), blocks[0].text.as_str(), cut),
            (1, "deep", false)
        );
    }
}

#[cfg(test)]
mod lean_props {
    use super::*;
    use proptest::prelude::*;

    /// Pieces of real-world markup, including the ones the lean pass must read
    /// the way the tokenizer does: quoted `>`, script lookalikes, comments,
    /// text-only elements and stray `<`. (SVG is tested on its own: a script or
    /// style inside it holding markup is where the lean copy parses differently.)
    pub(super) const PIECES: &[&str] = &[
        "<p class='story' href=\"/a>b\" data-x=1>",
        "</p>",
        "<div id=main data-src='<script>'>",
        "</div>",
        "<article>",
        "</article>",
        "<a href=/x onclick=\"f('</a>')\">",
        "</a>",
        "<script src=x.js>",
        "<script>var s = '<p>no</p>'; if (a<b) {}",
        "</script>",
        "<style>p > a { }",
        "</style>",
        "<script type=\"application/ld+json\">{\"headline\":\"H\"}",
        "<!-- <p>hidden</p> -->",
        "<!--->",
        "<title>T <script> x",
        "</title>",
        "<textarea><p>",
        "</textarea>",
        "<noscript><p>",
        "</noscript>",
        "<br/>",
        "<img src=a.png alt='x > y'>",
        "<li>",
        "<h2 class=title>",
        "</h2>",
        "<nav role=navigation>",
        "</nav>",
        "<meta property=og:title content='Head line'>",
        "<time datetime=2024-01-02>",
        "Some text, with words. ",
        "النص العربي هنا. ",
        " a < b ",
        "&amp; ",
        "<!DOCTYPE html>",
        "<SCRIPT>x",
        "</SCRIPT >",
        "<span hidden>",
        "<div style='display: none'>",
        "<p",
        " class=x",
        " href='/a'",
        "\"",
        "'",
        "=",
        "<",
        ">",
        "/",
        " ",
        "</",
    ];

    pub(super) const LIMITS: scan::Limits = scan::Limits {
        depth: usize::MAX,
        elements: usize::MAX,
    };

    fn same(html: &str) -> bool {
        let (a, an, am) = segment_html(html, false);
        let (b, bn, bm) = segment_html(&scan::lean(html, LIMITS).html, true);
        let blocks = |v: &[Block]| {
            v.iter()
                .map(|x| (x.text.clone(), x.kind, x.link_chars, x.node))
                .collect::<Vec<_>>()
        };
        let nodes = |v: &[ContainerNode]| {
            v.iter()
                .map(|n| (n.parent, n.hints, n.shape))
                .collect::<Vec<_>>()
        };
        blocks(&a) == blocks(&b)
            && nodes(&an) == nodes(&bn)
            && (am.title, am.og_title, am.date, am.time, am.json_ld)
                == (bm.title, bm.og_title, bm.date, bm.time, bm.json_ld)
    }

    #[test]
    fn inline_svg_icons_segment_the_same() {
        let icon = "<svg viewBox='0 0 1 1'><title>Share</title><style>.a{fill:red}</style>\
                    <path class=a d='M0 0'/><g/></svg>";
        assert!(same(&format!(
            "<p>{icon}Text after the icon.</p><div>{icon}</div>"
        )));
    }

    proptest! {
        // Failures print their input; nothing is written next to the sources.
        #![proptest_config(ProptestConfig {
            cases: 512,
            failure_persistence: None,
            ..ProptestConfig::default()
        })]

        /// The lean copy parses to the same blocks, tree and metadata.
        #[test]
        fn lean_html_segments_the_same(pieces in proptest::collection::vec(0..PIECES.len(), 0..40)) {
            let html: String = pieces.iter().map(|&i| PIECES[i]).collect();
            prop_assert!(same(&html), "{html}");
        }
    }
}

#[cfg(test)]
mod stack_agrees {
    use super::*;

    type Outcome = (
        Vec<(String, BlockKind, usize, u32)>,
        Vec<(u32, u16, u32)>,
        String,
    );

    /// Blocks, tree and metadata as one comparable value.
    pub(super) fn outcome(r: &(Vec<Block>, Vec<ContainerNode>, PageMeta)) -> Outcome {
        let (b, n, m) = r;
        (
            b.iter()
                .map(|x| (x.text.clone(), x.kind, x.link_chars, x.node))
                .collect(),
            n.iter().map(|x| (x.parent, x.hints, x.shape)).collect(),
            format!("{m:?}"),
        )
    }

    /// The stack reads `html` (its lean copy), and as the tree does.
    fn read_alike(html: &str) -> Option<bool> {
        let (b, n, m, _) = stack::segment(html, lean_props::LIMITS).ok()?;
        let lean = scan::lean(html, lean_props::LIMITS).html;
        Some(outcome(&(b, n, m)) == outcome(&segment_html(&lean, true)))
    }

    #[test]
    fn the_parsers_rules_read_alike() {
        for html in [
            // Implied end tags: a block closes an open <p>, <li> the last <li>.
            "<p>one<div>two</div><ul><li>a<li>b</ul><h2>x<h3>y</h3>",
            // </p> with no <p> open makes an empty one; </br> is a <br>.
            "<div>a</p>b</br>c</div>",
            // A link left open when its paragraph closes goes on in the next.
            "<p><a href=/x>linked</p><p>still linked</p></a><p>not</p>",
            // Misnested formatting: the block stays, the element ends.
            "<b>bold<div>in a block</b> after</div><a href=/y><p>x</a>y</p>",
            // Tables: implied <tbody> and <tr>, cells, captions, column groups.
            "<table><td>a<td>b<tr><th>c</table><table><caption>t<col><tr><td>d</table>",
            // A table does not close a <p> in quirks mode (no DOCTYPE) only.
            "<p>a<table><tr><td>b</table>c",
            "<!DOCTYPE html><p>a<table><tr><td>b</table>c",
            // The head ends where body content starts; a later <body> adds its
            // attributes to the body.
            "<head><title>T</title><meta name=author content=A>text<body class=story>x",
            // SVG holds its own elements, with HTML inside its description.
            "<p>a<svg><title>t</title><path/><desc>d<b>u</b></desc></svg>b</p>",
            "<div><svg><g><p>breaks out</div>",
            // select, option, button, form, template.
            "<select><option>a<option>b</select><button>x<button>y</button><form><form>z</form>",
            "<p>a<template><p>hidden</template><p>shown",
            // A byte order mark goes; the DOCTYPE after it still counts.
            "\u{feff}<!DOCTYPE html><p>a<table><tr><td>b</table><svg><title>t</title></svg>",
        ] {
            assert_eq!(read_alike(html), Some(true), "{html}");
        }
        // Text set into a table is moved before it: the tree reads that; and
        // markup in an SVG title, which the lean pass copies as written.
        assert_eq!(read_alike("<table>stray<tr><td>x</table>"), None);
        assert_eq!(read_alike("<svg><title>t<b>u</b></title></svg>"), None);
    }

    /// Pieces of markup for the property below: the parser's rules at work.
    const RULES: &[&str] = &[
        "<table>",
        "</table>",
        "<tr>",
        "</tr>",
        "<td>",
        "</td>",
        "<th>",
        "<tbody>",
        "<caption>",
        "<colgroup>",
        "<col>",
        "<b>",
        "</b>",
        "<i>",
        "</i>",
        "<a href=/z>",
        "</a>",
        "<nobr>",
        "<p>",
        "</p>",
        "<div class=c>",
        "</div>",
        "<li>",
        "</li>",
        "<ul>",
        "</ul>",
        "<dd>",
        "<h2>",
        "</h2>",
        "<h3>",
        "<pre>\n",
        "<select>",
        "<option>",
        "</select>",
        "<button>",
        "</button>",
        "<form>",
        "</form>",
        "<svg>",
        "</svg>",
        "<title>",
        "</title>",
        "<math>",
        "<mi>",
        "</math>",
        "<body class=story>",
        "<html id=x>",
        "<head>",
        "</head>",
        "<meta name=author content=A>",
        "<br>",
        "</br>",
        "<hr>",
        "<span>",
        "</span>",
        "<template>",
        "</template>",
        "<!DOCTYPE html>",
        "text ",
        "more text. ",
        " ",
        "\n",
        "&amp;",
        "<object>",
        "</object>",
        "<legend>",
    ];

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig {
            cases: 1024,
            failure_persistence: None,
            ..proptest::prelude::ProptestConfig::default()
        })]

        /// Any text at all reads without a panic, the same by either reader.
        #[test]
        fn any_text_reads(html in "[<>!/?a-z&#x;=\"' \n\u{627}-\u{64a}é-]{0,80}") {
            proptest::prop_assert!(read_alike(&html) != Some(false), "{html}");
        }

        /// Wherever the stack reads a page, it reads it as the tree does: the
        /// parser's rules (`RULES`) and the tokenizer's (the lean pass's pieces).
        #[test]
        fn the_stack_reads_as_the_tree(
            pieces in proptest::collection::vec(0..RULES.len() + lean_props::PIECES.len(), 0..40)
        ) {
            let piece = |i: usize| RULES.get(i).copied().unwrap_or_else(|| lean_props::PIECES[i - RULES.len()]);
            let html: String = pieces.iter().map(|&i| piece(i)).collect();
            proptest::prop_assert!(read_alike(&html) != Some(false), "{html}");
        }
    }

    /// Over the pages of a directory (`ND_AGREE_DIR`): where the stack reads a
    /// page, it reads it as the tree does. A harness for real pages, run by hand:
    /// `ND_AGREE_DIR=… cargo test --release --lib stack_agrees -- --ignored`.
    #[test]
    #[ignore]
    fn on_the_pages_of_a_directory() {
        let dir = std::env::var("ND_AGREE_DIR").expect("ND_AGREE_DIR");
        let mut paths: Vec<_> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        paths.sort();
        let (mut read, mut differ) = (0, Vec::new());
        for p in &paths {
            let html = String::from_utf8_lossy(&std::fs::read(p).unwrap()).into_owned();
            let limits = scan::Limits {
                depth: 10_000,
                elements: 1 << 20,
            };
            let lean = scan::lean(&html, limits).html;
            let Ok((b, n, m, _)) = stack::segment(&html, limits) else {
                continue;
            };
            let fast = (b, n, m);
            read += 1;
            let tree = segment_html(&lean, true);
            let (a, b) = (outcome(&fast), outcome(&tree));
            if a != b {
                let k = a.0.iter().zip(&b.0).position(|(x, y)| x != y);
                eprintln!(
                    "{}: blocks {} vs {}, first differing {k:?}",
                    p.display(),
                    a.0.len(),
                    b.0.len()
                );
                if let Some(k) = k {
                    eprintln!("  stack {:?}\n  tree  {:?}", a.0[k], b.0[k]);
                }
                let kn = a.1.iter().zip(&b.1).position(|(x, y)| x != y);
                eprintln!(
                    "  nodes {} vs {}, first differing {kn:?}",
                    a.1.len(),
                    b.1.len()
                );
                if let Some(k) = kn {
                    eprintln!("  node stack {:?} tree {:?}", a.1[k], b.1[k]);
                }
                if a.2 != b.2 {
                    eprintln!("  meta stack {}\n  meta tree  {}", a.2, b.2);
                }
                // The shortest prefix (cut at a tag) that reads differently.
                let cuts: Vec<usize> = html.match_indices('<').map(|(i, _)| i).collect();
                let differs = |n: usize| {
                    let pre = &html[..n];
                    let tree = outcome(&segment_html(&scan::lean(pre, limits).html, true));
                    stack::segment(pre, limits)
                        .is_ok_and(|(b, n, m, _)| outcome(&(b, n, m)) != tree)
                };
                let (mut lo, mut hi) = (0, cuts.len());
                while lo < hi {
                    let mid = (lo + hi) / 2;
                    if differs(cuts[mid]) {
                        hi = mid
                    } else {
                        lo = mid + 1
                    }
                }
                if let Some(&c) = cuts.get(lo) {
                    let from = html[..c].char_indices().rev().nth(400).map_or(0, |x| x.0);
                    eprintln!("  context: {:?}", &html[from..c]);
                }
                differ.push(p.clone());
            }
        }
        eprintln!(
            "{read} of {} read by the stack, {} differ",
            paths.len(),
            differ.len()
        );
        assert!(differ.is_empty());
    }
}
