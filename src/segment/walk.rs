//! Blocks from a page's elements, met in the order of its tree: each element's
//! opening, its text, its closing. The tree walk ([`super::segment_html`]) and the
//! stack of open elements ([`super::stack`]) both feed it, so a page segments
//! the same whichever of them read it.

use super::nfc::nfc;
use super::{
    attr_hints, block_kind, collapse, shape, skipped, tag_hints, Block, BlockKind, ContainerNode,
    PageMeta, LAYOUT_BREAKS, ROOT,
};

/// Paragraphs of prose one link may hold (see [`Anchor`]): a card's link holds
/// its headline, a lead and a date line or two, one paragraph of prose at most.
const PROSE_IN_ONE_LINK: usize = 3;
/// A paragraph this long is a sentence of prose, not a card's date or byline.
const PROSE_CHARS: usize = 80;

/// An open `<a>`. A link whose end tag is missing is carried by the parser
/// into every element after it, up to the next `<a>`: a body's paragraphs
/// after an unclosed link all read as links. An anchor found holding
/// [`PROSE_IN_ONE_LINK`] paragraphs of prose or more is taken for that, and
/// its text is not counted as link text.
struct Anchor {
    /// It links somewhere (has `href`).
    links: bool,
    /// The index its first block will get, and the link characters that
    /// block held before the anchor opened.
    first_block: usize,
    link_chars_before: usize,
}

/// An element's attributes, however the reader holds them.
pub(super) trait Attrs {
    /// The value of the attribute `name` (lower case), if it has one.
    fn get(&self, name: &str) -> Option<&str>;
    /// Calls `f` with each attribute's name and value, in order.
    fn each(&self, f: &mut dyn FnMut(&str, &str));
}

impl Attrs for scraper::node::Element {
    fn get(&self, name: &str) -> Option<&str> {
        self.attr(name)
    }
    fn each(&self, f: &mut dyn FnMut(&str, &str)) {
        for (n, v) in self.attrs() {
            f(n, v);
        }
    }
}

/// No attributes: an element the parser implies (`<tbody>`, `<body>`).
pub(super) struct NoAttrs;

impl Attrs for NoAttrs {
    fn get(&self, _: &str) -> Option<&str> {
        None
    }
    fn each(&self, _: &mut dyn FnMut(&str, &str)) {}
}

/// Accumulates inline text into the current block.
struct Builder {
    blocks: Vec<Block>,
    nodes: Vec<ContainerNode>,
    text: String,
    link_chars: usize,
    kinds: Vec<(BlockKind, u32)>,
}

impl Builder {
    fn flush(&mut self) {
        if blank(&self.text) {
            self.text.clear();
            self.link_chars = 0;
            return;
        }
        let (kind, node) = *self.kinds.last().unwrap_or(&(BlockKind::Paragraph, 0));
        let text = nfc(if kind == BlockKind::Preformatted {
            self.text.trim().to_owned()
        } else {
            collapse(&self.text)
        });
        let chars = text.chars().count();
        self.blocks.push(Block {
            chars,
            link_chars: self.link_chars.min(chars),
            text,
            kind,
            node,
        });
        self.text.clear();
        self.link_chars = 0;
    }

    /// Where anchor `a`, closing now, held [`PROSE_IN_ONE_LINK`] paragraphs of
    /// prose, its text is no link text: the blocks it held and the one being
    /// built lose the link characters it gave them.
    fn unlink_if_prose(&mut self, a: &Anchor) {
        let Some(held) = self.blocks.get(a.first_block..) else {
            return;
        };
        let prose = held
            .iter()
            .filter(|b| b.kind == BlockKind::Paragraph && b.chars >= PROSE_CHARS)
            .count();
        if prose < PROSE_IN_ONE_LINK {
            return;
        }
        // An anchor cannot hold another: every link character since it opened
        // is its own.
        let first = a.first_block;
        self.blocks[first].link_chars = a.link_chars_before.min(self.blocks[first].link_chars);
        for b in &mut self.blocks[first + 1..] {
            b.link_chars = 0;
        }
        self.link_chars = 0;
    }
}

/// True if `s` holds nothing but whitespace (Unicode's, as `str::trim` reads
/// it). Most text between blocks is indentation: ASCII spaces and line breaks
/// are passed byte by byte, and the first other byte, ASCII and not the one
/// ASCII space `trim` knows beyond them (U+000B), settles it.
fn blank(s: &str) -> bool {
    match s.bytes().find(|b| !b.is_ascii_whitespace()) {
        None => true,
        Some(b) if b.is_ascii() && b != 0x0b => false,
        Some(_) => s.trim().is_empty(),
    }
}

/// The walk's state: the block being built and the open elements that matter.
pub(super) struct Walker {
    meta: PageMeta,
    b: Builder,
    /// `lean`: the page is the lean pass's copy, where an anchor that is no link
    /// is marked ([`super::scan::NOT_A_LINK_ATTR`]) instead of links keeping
    /// their `href`.
    lean: bool,
    // Depth counters instead of recursion.
    skip_depth: usize,
    link_depth: usize,
    /// Open `<a>` elements.
    anchors: Vec<Anchor>,
    article_depth: usize,
    /// Open `<tr>` elements: the line breaks met inside each.
    rows: Vec<usize>,
    in_title: bool,
    ld_json: Option<String>,
}

impl Walker {
    pub(super) fn new(lean: bool) -> Self {
        Walker {
            meta: PageMeta::default(),
            b: Builder {
                blocks: Vec::new(),
                nodes: vec![ROOT],
                text: String::new(),
                link_chars: 0,
                kinds: Vec::new(),
            },
            lean,
            skip_depth: 0,
            link_depth: 0,
            anchors: Vec::new(),
            article_depth: 0,
            rows: Vec::new(),
            in_title: false,
            ld_json: None,
        }
    }

    /// An element opens; `html`: it is in the HTML namespace (not SVG or MathML).
    pub(super) fn open(&mut self, tag: &str, html: bool, el: &dyn Attrs) {
        let meta = &mut self.meta;
        let b = &mut self.b;
        if !html {
            self.skip_depth += 1; // svg, math
            return;
        }
        if tag == "title" && meta.title.is_none() {
            self.in_title = true;
            meta.title = Some(String::new());
        }
        if tag == "meta" {
            read_meta(el, meta);
        }
        if tag == "time" && meta.time.is_none() {
            meta.time = el.get("datetime").map(str::to_owned);
        }
        if tag == "script" && el.get("type") == Some("application/ld+json") {
            self.ld_json = Some(String::new());
        }
        if self.skip_depth > 0 || skipped(tag) {
            self.skip_depth += 1;
            return;
        }
        // An anchor without `href` is a target (`<a name=…>`), not a link: a
        // message board's `<a name>` left open, which the parser carries into
        // every post after it, made whole threads links.
        if tag == "a" {
            let (mut marked, mut linked) = (false, false);
            el.each(&mut |n, _| {
                marked |= n == "data-nd-target";
                linked |= n == "href" || n == "onclick";
            });
            let links = if self.lean { !marked } else { linked };
            self.anchors.push(Anchor {
                links,
                first_block: b.blocks.len(),
                link_chars_before: b.link_chars,
            });
            self.link_depth += usize::from(links);
        }
        // A row reads as one line, its cells side by side; but a row whose
        // cells hold lines of their own (`<br>`, more than a header cell's two)
        // is a page laid out in a table, and each cell is a column of it.
        if matches!(tag, "td" | "th") {
            if self.rows.last().is_some_and(|&n| n >= LAYOUT_BREAKS) {
                b.flush();
            } else {
                b.text.push(' ');
            }
        }
        if tag == "tr" {
            self.rows.push(0);
        }
        if let Some(kind) = block_kind(tag) {
            b.flush();
            if matches!(tag, "br" | "hr") {
                if let Some(r) = self.rows.last_mut() {
                    *r += 1;
                }
                return;
            }
            let hints = tag_hints(tag, self.article_depth > 0) | attr_hints(el);
            if matches!(tag, "article" | "main") {
                self.article_depth += 1;
            }
            let parent = b.kinds.last().map_or(0, |k| k.1);
            b.nodes.push(ContainerNode {
                parent,
                hints,
                shape: shape(tag, el, self.lean),
            });
            let id = (b.nodes.len() - 1) as u32;
            // A <div> inside a <li> keeps the list item's kind.
            let kind = match (kind, b.kinds.last()) {
                (BlockKind::Paragraph, Some(&(outer, _)))
                    if tag != "p" && outer != BlockKind::Paragraph =>
                {
                    outer
                }
                _ => kind,
            };
            b.kinds.push((kind, id));
        }
    }

    /// The index of the last container node opened.
    pub(super) fn last_node(&self) -> u32 {
        (self.b.nodes.len() - 1) as u32
    }

    /// Attributes given to an open container later (a second `<body>` tag's,
    /// which the parser adds to the body where it lacks them).
    pub(super) fn add_attrs(&mut self, node: u32, el: &dyn Attrs) {
        if let Some(n) = self.b.nodes.get_mut(node as usize) {
            n.hints |= attr_hints(el);
        }
    }

    /// Text inside the innermost open element.
    pub(super) fn text(&mut self, t: &str) {
        if self.in_title {
            if let Some(title) = self.meta.title.as_mut() {
                title.push_str(t);
            }
        } else if let Some(ld) = self.ld_json.as_mut() {
            ld.push_str(t);
        }
        if self.skip_depth == 0 {
            self.b.text.push_str(t);
            if self.link_depth > 0 {
                self.b.link_chars += t.chars().filter(|c| !c.is_whitespace()).count();
            }
        }
    }

    /// The innermost open element closes.
    pub(super) fn close(&mut self, tag: &str) {
        if tag == "title" {
            self.in_title = false;
        }
        if tag == "script" {
            if let Some(ld) = self.ld_json.take() {
                self.meta.json_ld.push(ld);
            }
        }
        if self.skip_depth > 0 {
            self.skip_depth -= 1;
            return;
        }
        if tag == "a" {
            match self.anchors.pop() {
                Some(a) if !a.links => {}
                Some(a) => {
                    self.link_depth = self.link_depth.saturating_sub(1);
                    self.b.unlink_if_prose(&a);
                }
                None => self.link_depth = self.link_depth.saturating_sub(1),
            }
        }
        if tag == "tr" {
            self.rows.pop();
        }
        if block_kind(tag).is_some() && !matches!(tag, "br" | "hr") {
            self.b.flush();
            self.b.kinds.pop();
            if matches!(tag, "article" | "main") {
                self.article_depth = self.article_depth.saturating_sub(1);
            }
        }
    }

    /// The page's blocks, container tree and metadata.
    pub(super) fn finish(mut self) -> (Vec<Block>, Vec<ContainerNode>, PageMeta) {
        self.b.flush();
        let mut meta = self.meta;
        meta.title = meta.title.map(|t| collapse(&t)).filter(|t| !t.is_empty());
        (self.b.blocks, self.b.nodes, meta)
    }
}

fn read_meta(el: &dyn Attrs, meta: &mut PageMeta) {
    let key = el
        .get("property")
        .or_else(|| el.get("name"))
        .or_else(|| el.get("itemprop"))
        .unwrap_or("")
        .to_ascii_lowercase();
    let Some(content) = el.get("content").map(collapse).filter(|c| !c.is_empty()) else {
        return;
    };
    let slot = match key.as_str() {
        "og:title" | "twitter:title" => &mut meta.og_title,
        "og:site_name" | "application-name" => &mut meta.site_name,
        "og:url" => &mut meta.url,
        "author" | "article:author" | "byl" | "dc.creator" | "sailthru.author" => &mut meta.author,
        "article:published_time"
        | "datepublished"
        | "pubdate"
        | "publishdate"
        | "date"
        | "dc.date"
        | "dc.date.issued"
        | "sailthru.date"
        | "og:published_time" => &mut meta.date,
        _ => return,
    };
    if slot.is_none() {
        *slot = Some(content);
    }
}

#[cfg(test)]
mod tests {
    use super::blank;

    #[test]
    fn blank_reads_whitespace_as_trim_does() {
        for c in (0..0x3100u32).filter_map(char::from_u32) {
            for s in [
                format!("{c}"),
                format!(" \n\t{c}"),
                format!("{c}\r\n "),
                format!(" {c}x"),
            ] {
                assert_eq!(blank(&s), s.trim().is_empty(), "{s:?}");
            }
        }
        assert!(blank(""));
    }
}
