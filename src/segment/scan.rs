//! A pass over the HTML before html5ever's parser, for the pages the stack of
//! open elements (`super::stack`) leaves to the tree. On news pages, script and
//! style bodies, comments and attributes the segmenter never reads (`href`,
//! `src`, `srcset`, `data-*`, …) are about 60% of the bytes, and html5ever's
//! tokenizer pays for every one of them. This pass copies the page without them,
//! keeping every tag, the text, the attributes the segmenter reads and JSON-LD
//! scripts (headline, author, date), so the parser builds the same tree from a
//! much smaller input.
//! The same pass bounds the nesting depth.

use memchr::{memchr, memmem};

/// Tags that never have content, so never nest.
const VOID: &[&[u8]] = &[
    b"area", b"base", b"br", b"col", b"embed", b"hr", b"img", b"input", b"link", b"meta", b"param",
    b"source", b"track", b"wbr", b"keygen",
];

/// Elements whose content the tokenizer reads as text: copied as they are (a
/// `<script>` inside a `<title>` is text). Their content is counted for depth all
/// the same, since inside SVG a `<title>` holds markup.
const TEXT_ONLY: &[&[u8]] = &[
    b"title",
    b"textarea",
    b"xmp",
    b"iframe",
    b"noembed",
    b"noframes",
    b"plaintext",
];

/// Whether the tokenizer reads the element's content as text (in HTML).
pub(super) fn text_only(name: &[u8]) -> bool {
    one_of(name, TEXT_ONLY)
}

/// Attributes the segmenter reads on any element; `class` and `id` are rewritten
/// to their hint words, and the others are dropped, but for the few read on one
/// element only ([`read_on`]).
const KEPT: &[&[u8]] = &[b"role", b"itemprop", b"hidden", b"aria-hidden", b"style"];

/// Attributes read on one element: `<meta property|name|content>`,
/// `<time datetime>`, `<script type>` (JSON-LD).
fn read_on(tag: &[u8], attr: &[u8]) -> bool {
    let on = |t: &[u8], names: &[&[u8]]| tag.eq_ignore_ascii_case(t) && one_of(attr, names);
    on(b"meta", &[b"property", b"name", b"content", b"itemprop"])
        || on(b"time", &[b"datetime"])
        || on(b"script", &[b"type"])
}

/// Writes ` name="words"` for a `class` or `id` attribute (`attr` is its bytes,
/// `name=value`) with the value cut down to one word per hint it gives, or
/// nothing if it gives none; on an element that may hold a body (`shaped`, see
/// [`super::shaped`]) also a word for the value as it was
/// ([`super::push_value_word`]), so elements of one kind still tell each other.
fn push_hint_words(out: &mut Vec<u8>, name: &[u8], attr: &[u8], shaped: bool) {
    let value = attr[name.len()..]
        .trim_ascii_start()
        .strip_prefix(b"=")
        .unwrap_or_default()
        .trim_ascii();
    let value = match value {
        [q @ (b'"' | b'\''), inner @ .., last] if last == q => inner,
        _ => value,
    };
    let h = super::name_hints(std::str::from_utf8(value).unwrap_or_default());
    let word = shaped && !value.is_empty();
    if h == 0 && !word {
        return;
    }
    out.push(b' ');
    out.extend_from_slice(name);
    out.extend_from_slice(b"=\"");
    for (bit, word) in super::names::HINT_WORDS {
        if h & bit != 0 {
            out.extend_from_slice(word.as_bytes());
            out.push(b' ');
        }
    }
    if word {
        super::push_value_word(out, value);
    }
    out.push(b'"');
}

/// Longest `<title>` text read as one, in bytes: a title is a line, and one whose
/// end tag is missing runs to the end of the page.
pub(super) const MAX_TITLE_BYTES: usize = 4096;

/// The attribute the lean copy gives an `<a>` that has neither `href` nor
/// `onclick`: a target, not a link ([`super::segment`] reads it).
pub(crate) const NOT_A_LINK_ATTR: &[u8] = b" data-nd-target";

/// Elements holding SVG or MathML.
const FOREIGN: &[&[u8]] = &[b"svg", b"math"];

/// Elements whose bodies go (JSON-LD scripts excepted).
const DROPPED_BODY: &[&[u8]] = &[b"script", b"style"];

/// Tags that end SVG/MathML content, or open HTML inside it: after them `/>` no
/// longer closes an element, so the depth bound counts it. Foreign content is
/// tracked only for that: erring towards HTML overestimates the depth.
const HTML_AGAIN: &[&[u8]] = &[
    b"b",
    b"big",
    b"blockquote",
    b"body",
    b"br",
    b"center",
    b"code",
    b"dd",
    b"div",
    b"dl",
    b"dt",
    b"em",
    b"embed",
    b"h1",
    b"h2",
    b"h3",
    b"h4",
    b"h5",
    b"h6",
    b"head",
    b"hr",
    b"i",
    b"img",
    b"li",
    b"listing",
    b"menu",
    b"meta",
    b"nobr",
    b"ol",
    b"p",
    b"pre",
    b"ruby",
    b"s",
    b"small",
    b"span",
    b"strong",
    b"strike",
    b"sub",
    b"sup",
    b"table",
    b"tt",
    b"u",
    b"ul",
    b"var",
    b"font",
    b"foreignobject",
    b"desc",
    b"annotation-xml",
    b"mi",
    b"mo",
    b"mn",
    b"ms",
    b"mtext",
];

/// End tags of HTML containers (besides [`HTML_AGAIN`]) that close SVG or MathML
/// content inside them.
const HTML_END: &[&[u8]] = &[
    b"section", b"article", b"main", b"header", b"footer", b"nav", b"aside", b"figure", b"form",
    b"html", b"button", b"label", b"td", b"th", b"tr", b"tbody",
];

/// How much of a page the parser is given: past either bound the copy is cut at
/// the tag that crosses it, and the parser reads the page up to there.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Limits {
    /// Deepest nesting of open elements (html5ever scans its stack of open
    /// elements for each tag, so parse time grows with the square of the depth).
    pub depth: usize,
    /// Most start tags (each becomes a tree node of about 200 bytes).
    pub elements: usize,
}

/// Why the copy was cut short.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Cut {
    /// Elements nested deeper than [`Limits::depth`].
    Depth,
    /// More start tags than [`Limits::elements`].
    Elements,
}

/// The page as the parser gets it.
#[derive(Debug, Default)]
pub(crate) struct Lean {
    /// The HTML without comments, script/style bodies and unread attributes.
    pub html: String,
    /// The deepest nesting of open elements the parser builds from `html`, with
    /// the end tags a browser implies (`<li>` closes an open `<li>`, a block
    /// closes an open `<p>`, …): an upper bound where the rules are not modelled.
    #[cfg_attr(not(test), allow(dead_code))]
    pub depth: usize,
    /// Whether, and why, the copy stops before the page does.
    pub cut: Option<Cut>,
}

/// What an open element is to the implied-end-tag rules of the HTML parser.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    P,
    Li,
    /// `<dd>`, `<dt>`.
    Term,
    Option,
    /// `<td>`, `<th>`.
    Cell,
    Row,
    /// `<tbody>`, `<thead>`, `<tfoot>`.
    Group,
    Table,
    /// Inline elements and `<div>`/`<address>`: the list-item rules look through them.
    Through,
    /// Elements that stop a search for an element to close.
    Marker,
    Other,
}

/// What the implied-end-tag rules need of one tag name: its role, whether it
/// closes an open `<p>`, and a key for its name (ASCII case folded). One lookup per
/// tag: the name is lowercased once and matched once.
#[derive(Clone, Copy)]
struct Tag {
    role: Role,
    closes_p: bool,
    key: u64,
}

/// Longest tag name the rules list ("blockquote", "figcaption").
const LONGEST_LISTED: usize = 10;

fn tag(name: &[u8]) -> Tag {
    let key = name_key(name);
    let mut buf = [0u8; LONGEST_LISTED];
    let Some(lower) = buf.get_mut(..name.len()) else {
        return Tag {
            role: Role::Other,
            closes_p: false,
            key,
        };
    };
    lower.copy_from_slice(name);
    lower.make_ascii_lowercase();
    // Roles: the list-item and paragraph rules search through inline elements
    // and `<div>`/`<address>`, and stop at scope markers.
    let role = match &*lower {
        b"p" => Role::P,
        b"li" => Role::Li,
        b"dd" | b"dt" => Role::Term,
        b"option" => Role::Option,
        b"td" | b"th" => Role::Cell,
        b"tr" => Role::Row,
        b"tbody" | b"thead" | b"tfoot" => Role::Group,
        b"table" => Role::Table,
        b"a" | b"b" | b"i" | b"u" | b"s" | b"em" | b"strong" | b"span" | b"font" | b"small"
        | b"big" | b"code" | b"sub" | b"sup" | b"abbr" | b"cite" | b"q" | b"time" | b"mark"
        | b"label" | b"nobr" | b"tt" | b"strike" | b"div" | b"address" => Role::Through,
        b"html" | b"caption" | b"marquee" | b"object" | b"applet" | b"template" | b"button"
        | b"ul" | b"ol" | b"dl" | b"select" | b"svg" | b"math" => Role::Marker,
        _ => Role::Other,
    };
    // Start tags that close an open `<p>` (the parser's "close a p element").
    let closes_p = matches!(
        &*lower,
        b"address"
            | b"article"
            | b"aside"
            | b"blockquote"
            | b"center"
            | b"details"
            | b"dialog"
            | b"dir"
            | b"div"
            | b"dl"
            | b"fieldset"
            | b"figcaption"
            | b"figure"
            | b"footer"
            | b"form"
            | b"h1"
            | b"h2"
            | b"h3"
            | b"h4"
            | b"h5"
            | b"h6"
            | b"header"
            | b"hgroup"
            | b"hr"
            | b"li"
            | b"dd"
            | b"dt"
            | b"main"
            | b"menu"
            | b"nav"
            | b"ol"
            | b"p"
            | b"pre"
            | b"section"
            | b"summary"
            | b"table"
            | b"ul"
            | b"xmp"
            | b"listing"
    );
    Tag {
        role,
        closes_p,
        key,
    }
}

/// How far down the stack an implied end tag is looked for: beyond it the element
/// is taken as still open, which can only overstate the depth, and the look stays
/// constant per tag.
const LOOK_DOWN: usize = 64;

/// The stack of open elements, as far as depth is concerned.
#[derive(Default)]
struct Open {
    stack: Vec<(Role, u64)>,
    /// Open elements per role, so an implied end tag with nothing to close (no
    /// `<p>` open below a `<div>`) is not looked for down the stack.
    roles: [u32; ROLES],
}

/// How many [`Role`]s there are.
const ROLES: usize = Role::Other as usize + 1;

fn name_key(name: &[u8]) -> u64 {
    name.iter().fold(0xcbf2_9ce4_8422_2325u64, |h, &c| {
        (h ^ u64::from(c.to_ascii_lowercase())).wrapping_mul(0x100_0000_01b3)
    })
}

impl Open {
    fn push(&mut self, role: Role, key: u64) {
        self.stack.push((role, key));
        self.roles[role as usize] += 1;
    }

    fn pop(&mut self) {
        if let Some((role, _)) = self.stack.pop() {
            self.roles[role as usize] -= 1;
        }
    }

    /// Pops through the nearest open `target`, looking down past `through` roles
    /// only; nothing if none is found.
    fn close(&mut self, target: Role, through: impl Fn(Role) -> bool) {
        if self.roles[target as usize] == 0 {
            return;
        }
        let n = self.stack.len();
        let found = self.stack[n.saturating_sub(LOOK_DOWN)..]
            .iter()
            .rev()
            .position(|&(r, _)| r == target || !through(r));
        if let Some(k) = found {
            if self.stack[n - 1 - k].0 == target {
                for _ in 0..=k {
                    self.pop();
                }
            }
        }
    }

    /// The end tags a browser implies before a start tag.
    fn start(&mut self, tag: Tag) {
        let role = tag.role;
        if tag.closes_p {
            self.close(Role::P, |r| {
                r != Role::Marker && r != Role::Table && r != Role::Cell
            });
        }
        match role {
            Role::Li => self.close(Role::Li, |r| matches!(r, Role::Through | Role::P)),
            Role::Term => self.close(Role::Term, |r| matches!(r, Role::Through | Role::P)),
            Role::Option if self.stack.last().is_some_and(|&(r, _)| r == Role::Option) => {
                self.pop()
            }
            Role::Cell => self.close(Role::Cell, |r| r != Role::Table),
            Role::Row => self.close(Role::Row, |r| !matches!(r, Role::Table | Role::Group)),
            Role::Group => self.close(Role::Group, |r| r != Role::Table),
            _ => {}
        }
    }

    /// An end tag closes the nearest open element of its name and all above it;
    /// one with no open element of its name is ignored, as the parser does. The
    /// element is looked for [`LOOK_DOWN`] deep: past that, the end tag closes the
    /// innermost element only, which can only overstate the depth.
    fn end(&mut self, name: &[u8]) {
        let key = name_key(name);
        let n = self.stack.len();
        let found = self.stack[n.saturating_sub(LOOK_DOWN)..]
            .iter()
            .rev()
            .position(|&(_, k)| k == key);
        match found {
            Some(k) => (0..=k).for_each(|_| self.pop()),
            None if n > LOOK_DOWN => self.pop(),
            None => {}
        }
    }
}

fn is_space(c: u8) -> bool {
    matches!(c, b'\t' | b'\n' | b'\x0c' | b'\r' | b' ')
}

fn one_of(name: &[u8], list: &[&[u8]]) -> bool {
    list.iter().any(|t| name.eq_ignore_ascii_case(t))
}

/// The end of a tag name starting at `i`.
pub(super) fn name_end(b: &[u8], mut i: usize) -> usize {
    while i < b.len() && !is_space(b[i]) && b[i] != b'/' && b[i] != b'>' {
        i += 1;
    }
    i
}

/// Reads the attributes of a tag from `i` (just past its name) to its `>`,
/// honouring quoted values. Calls `keep` with each attribute's bytes (name, and
/// `=value` if any). Returns the index after `>` and whether the tag ended in
/// `/>`, or `None` if the text ends first.
pub(super) fn attributes(
    b: &[u8],
    mut i: usize,
    mut keep: impl FnMut(&[u8], &[u8]),
) -> Option<(usize, bool)> {
    loop {
        let mut slash = false;
        while i < b.len() && (is_space(b[i]) || b[i] == b'/') {
            slash = b[i] == b'/';
            i += 1;
        }
        if *b.get(i)? == b'>' {
            return Some((i + 1, slash));
        }
        let start = i;
        // A name may start with '='; it ends at space, '/', '>' or a later '='.
        i += 1;
        while i < b.len() && !is_space(b[i]) && !matches!(b[i], b'/' | b'>' | b'=') {
            i += 1;
        }
        let name = &b[start..i];
        let mut j = i;
        while j < b.len() && is_space(b[j]) {
            j += 1;
        }
        if b.get(j) == Some(&b'=') {
            j += 1;
            while j < b.len() && is_space(b[j]) {
                j += 1;
            }
            match *b.get(j)? {
                q @ (b'"' | b'\'') => j += 1 + memchr(q, &b[j + 1..])? + 1,
                _ => {
                    while j < b.len() && !is_space(b[j]) && b[j] != b'>' {
                        j += 1;
                    }
                }
            }
            i = j;
        }
        keep(name, &b[start..i]);
    }
}

/// The start of the first `</name` followed by the end of a tag name, at or after
/// `from` (ASCII case-insensitive), or the end of the text.
pub(super) fn close_tag(b: &[u8], from: usize, name: &[u8]) -> usize {
    let mut i = from;
    while let Some(off) = memmem::find(&b[i..], b"</") {
        let at = i + off;
        let end = at + 2 + name.len();
        if b.len() >= end
            && b[at + 2..end].eq_ignore_ascii_case(name)
            && b.get(end)
                .is_none_or(|&c| is_space(c) || c == b'/' || c == b'>')
        {
            return at;
        }
        i = at + 2;
    }
    b.len()
}

/// The end of a comment whose `<!--` starts at `at`: after `-->` or `--!>`
/// (`<!-->` and `<!--->` are empty comments), or the end of the text.
pub(super) fn comment_end(b: &[u8], at: usize) -> usize {
    let body = at + 4;
    if b[body..].starts_with(b">") {
        return body + 1;
    }
    if b[body..].starts_with(b"->") {
        return body + 2;
    }
    let mut j = body;
    while let Some(d) = memmem::find(&b[j..], b"--") {
        let k = j + d + 2;
        if b.get(k) == Some(&b'>') {
            return k + 1;
        }
        if b[k..].starts_with(b"!>") {
            return k + 2;
        }
        j += d + 1;
    }
    b.len()
}

/// Depth counted from the tags of text the parser may read as markup: every
/// non-void start tag opens, every end tag closes the innermost element.
fn raw_depth(b: &[u8], open: &mut Open, max: &mut usize) {
    let mut i = 0;
    while let Some(off) = memchr(b'<', &b[i..]) {
        i += off + 1;
        match b.get(i) {
            Some(b'/') => open.pop(),
            Some(c) if c.is_ascii_alphabetic() && !one_of(&b[i..name_end(b, i)], VOID) => {
                open.push(Role::Other, 0);
                *max = (*max).max(open.stack.len());
            }
            _ => {}
        }
    }
}

/// Copies an HTML text for the parser (see the module comment).
pub(crate) fn lean(html: &str, limits: Limits) -> Lean {
    let b = html.as_bytes();
    let mut out: Vec<u8> = Vec::with_capacity(b.len() / 2);
    let mut open = Open::default();
    let (mut max, mut elements, mut cut) = (0usize, 0usize, None);
    // Open <svg>/<math> elements, where `/>` closes an element.
    let mut foreign = 0usize;
    let mut i = 0;
    while let Some(off) = memchr(b'<', &b[i..]) {
        let at = i + off;
        out.extend_from_slice(&b[i..at]);
        i = at + 1;
        match b.get(i) {
            Some(b'!') if b[i..].starts_with(b"!--") => i = comment_end(b, at),
            Some(b'/') if b.get(i + 1).is_some_and(u8::is_ascii_alphabetic) => {
                let end = name_end(b, i + 1);
                let name = &b[i + 1..end];
                open.end(name);
                if one_of(name, FOREIGN) {
                    foreign = foreign.saturating_sub(1);
                } else if one_of(name, HTML_AGAIN) || one_of(name, HTML_END) {
                    // The end tag of an open HTML element breaks out of foreign
                    // content (`</p>` and `</br>` always do).
                    foreign = 0;
                }
                let Some((close, _)) = attributes(b, end, |_, _| {}) else {
                    i = b.len();
                    break;
                };
                out.extend_from_slice(&b[at..end]);
                out.push(b'>');
                i = close;
            }
            Some(c) if c.is_ascii_alphabetic() => {
                let end = name_end(b, i);
                let name = &b[i..end];
                let mark = out.len();
                elements += 1;
                if elements > limits.elements {
                    cut = Some(Cut::Elements);
                    i = b.len();
                    break;
                }
                out.extend_from_slice(&b[at..end]);
                let mut ld_json = false;
                // Only the first of repeated attributes counts: rewriting must not
                // let a later one take the place of a dropped first one.
                let (mut class, mut id, mut linked) = (false, false, false);
                let shaped = super::shaped(name);
                let attrs = attributes(b, end, |attr_name, attr| {
                    let first = |seen: &mut bool| !std::mem::replace(seen, true);
                    if attr_name.eq_ignore_ascii_case(b"class") {
                        if first(&mut class) {
                            push_hint_words(&mut out, attr_name, attr, shaped);
                        }
                    } else if attr_name.eq_ignore_ascii_case(b"id") {
                        if first(&mut id) {
                            push_hint_words(&mut out, attr_name, attr, shaped);
                        }
                    } else if one_of(attr_name, KEPT) || read_on(name, attr_name) {
                        out.push(b' ');
                        out.extend_from_slice(attr);
                        // `type` as the parser decodes it (`ld&#x2B;json` too).
                        let attr = std::str::from_utf8(attr).unwrap_or_default();
                        let attr = super::charref::decode(attr, super::charref::Context::Attribute);
                        ld_json |= attr.contains("ld+json");
                    } else if attr_name.eq_ignore_ascii_case(b"href")
                        || attr_name.eq_ignore_ascii_case(b"onclick")
                    {
                        linked = true;
                    }
                });
                let Some((close, self_closing)) = attrs else {
                    // An unterminated tag: the parser drops it.
                    out.truncate(mark);
                    i = b.len();
                    break;
                };
                // An anchor that links nowhere (`<a name=…>`) is marked, so the
                // segmenter need not be given every link's `href`: links are many,
                // targets few.
                if !linked && name.eq_ignore_ascii_case(b"a") {
                    out.extend_from_slice(NOT_A_LINK_ATTR);
                }
                if self_closing {
                    out.push(b'/');
                }
                out.push(b'>');
                i = close;
                if one_of(name, FOREIGN) {
                    foreign += 1;
                } else if foreign > 0 && one_of(name, HTML_AGAIN) {
                    foreign = 0;
                }
                let closed = one_of(name, VOID) || (self_closing && foreign > 0);
                let t = tag(name);
                if foreign == 0 {
                    open.start(t);
                }
                if !closed {
                    open.push(t.role, t.key);
                    max = max.max(open.stack.len());
                }
                if open.stack.len() > limits.depth {
                    // Cut at this tag: the parser closes what is open.
                    out.truncate(mark);
                    cut = Some(Cut::Depth);
                    i = b.len();
                    break;
                }
                // Inside SVG the tokenizer reads <title>, <style> and <script> as
                // markup. A <title> copied as it is parses the same; a dropped
                // SVG style or script body only differs if it holds markup.
                if one_of(name, TEXT_ONLY) {
                    let body_end = close_tag(b, i, name);
                    // A `<title>` whose end tag is missing or mistyped would take
                    // the whole page as its text: past a title's length, it ends
                    // where markup starts again.
                    let runaway = name.eq_ignore_ascii_case(b"title")
                        && body_end - i > MAX_TITLE_BYTES
                        // Inside SVG a `<title>` holds markup and may be long.
                        && foreign == 0;
                    if let (true, Some(lt)) = (runaway, memchr(b'<', &b[i..])) {
                        out.extend_from_slice(&b[i..i + lt]);
                        out.extend_from_slice(b"</title>");
                        i += lt;
                        continue;
                    }
                    raw_depth(&b[i..body_end], &mut open, &mut max);
                    out.extend_from_slice(&b[i..body_end]);
                    i = body_end;
                } else if one_of(name, DROPPED_BODY) {
                    let body_end = close_tag(b, i, name);
                    if ld_json {
                        out.extend_from_slice(&b[i..body_end]);
                    }
                    i = body_end;
                }
            }
            // `<!DOCTYPE …>` and `<![CDATA[` (SVG) go to the parser as they are.
            Some(b'!')
                if b[i + 1..].starts_with(b"[CDATA[")
                    || b.get(i + 1..i + 8)
                        .is_some_and(|d| d.eq_ignore_ascii_case(b"doctype")) =>
            {
                let end = memchr(b'>', &b[i..]).map_or(b.len(), |e| i + e + 1);
                out.extend_from_slice(&b[at..end]);
                i = end;
            }
            // `<!x`, `<?x` and `</` before a non-letter open bogus comments, which
            // run to the next `>`; so does `</>`, which the parser drops.
            // Text '<' goes as "&lt;", the same to the parser, so that nothing
            // dropped after it can join it to following letters into a tag.
            Some(b'/') if i + 1 == b.len() => out.extend_from_slice(b"&lt;"),
            Some(b'!' | b'?') | Some(b'/') => {
                i = memchr(b'>', &b[i..]).map_or(b.len(), |e| i + e + 1);
            }
            _ => out.extend_from_slice(b"&lt;"),
        }
    }
    if cut.is_none() {
        out.extend_from_slice(&b[i.min(b.len())..]);
    }
    Lean {
        // Cuts fall on ASCII bytes ('<', '>', spaces, quotes), so the copy is
        // UTF-8; from_utf8_lossy would only matter if that were not so.
        html: String::from_utf8(out)
            .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned()),
        depth: max,
        cut,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const NONE: Limits = Limits {
        depth: usize::MAX,
        elements: usize::MAX,
    };

    fn lean_html(html: &str) -> String {
        lean(html, NONE).html
    }

    fn depth(html: &str) -> usize {
        lean(html, NONE).depth
    }

    #[test]
    fn scripts_styles_comments_and_unread_attributes_go() {
        assert_eq!(
            lean_html(
                "<p class=storyBody id='x>y' href='x>y' data-x=\"1\">a<!-- <p>x --></p>\
                 <script src=s>if (a<b) {'</p>'}</script><style>p{}</style>b"
            ),
            "<p class=\"article \">a</p><script></script><style></style>b"
        );
        // A closing tag name must end there; case does not matter.
        assert_eq!(
            lean_html("<SCRIPT>x</scripty></Script >y"),
            "<SCRIPT></Script>y"
        );
        // JSON-LD stays, with its type.
        let ld = r#"<script type="application/ld+json">{"headline":"h"}</script>"#;
        assert_eq!(lean_html(ld), ld);
        assert_eq!(
            lean_html("<br/><svg><path d='M0'/></svg>"),
            "<br/><svg><path/></svg>"
        );
        // Text '<' is escaped; bogus comments ("</<", "<?") go.
        assert_eq!(
            lean_html("<!DOCTYPE html>a < b <3 </<x> <?php x ?>"),
            "<!DOCTYPE html>a &lt; b &lt;3  "
        );
    }

    #[test]
    fn script_lookalikes_are_text() {
        for html in [
            "<title>a <script src=x> b</title><p>kept</p></script>",
            "<textarea><script></textarea><p>kept</p></script>",
            r#"<div role="<script>">kept</div></script>"#,
            "<div role='x>y' style=<script>>kept</div></script>",
        ] {
            assert_eq!(lean_html(html), html, "{html}");
        }
    }

    #[test]
    fn depth_counts_open_elements_only() {
        assert_eq!(depth("<div><p>a<br>b<img/></p></div><div></div>"), 2);
        // Close tags inside a script are text: they do not close anything.
        let html = "<div><script></div></script>".repeat(50);
        assert_eq!(depth(&html), 51);
        // `/>` closes nothing on an HTML element, only inside SVG.
        assert_eq!(depth(&"<div/>".repeat(30)), 30);
        assert_eq!(depth(&format!("<svg>{}</svg>", "<g/>".repeat(30))), 1);
        assert_eq!(depth(&format!("<svg><p>{}", "<g/>".repeat(30))), 32);
    }

    #[test]
    fn implied_end_tags_close_as_a_browser_does() {
        // A long list with its end tags left out, as HTML allows, is two deep.
        assert_eq!(
            depth(&format!("<ul>{}</ul>", "<li>item ".repeat(10_001))),
            2
        );
        assert_eq!(depth(&"<p>para ".repeat(10_001)), 1);
        assert_eq!(depth(&"<p><b>x</b> y<div>z</div>".repeat(500)), 2);
        assert_eq!(depth(&format!("<dl>{}", "<dt>a<dd>b".repeat(500))), 2);
        assert_eq!(
            depth(&format!("<table>{}", "<tr><td>a<td>b".repeat(500))),
            3
        );
        assert_eq!(depth(&format!("<select>{}", "<option>a".repeat(500))), 2);
        // A stray end tag closes nothing; a matching one closes what is above it.
        assert_eq!(depth("</div></div><div><span><b>x</div><div>y</div>"), 3);
        // Nested lists nest.
        assert_eq!(depth("<ul><li>a<ul><li>b<ul><li>c</ul></ul></ul>"), 6);
    }

    #[test]
    fn deep_or_huge_pages_are_cut_not_refused() {
        let deep = format!("<p>kept</p>{}<p>lost</p>", "<div>".repeat(200));
        let cut = lean(
            &deep,
            Limits {
                depth: 100,
                elements: usize::MAX,
            },
        );
        assert_eq!(cut.cut, Some(Cut::Depth));
        assert!(cut.html.contains("kept") && !cut.html.contains("lost"));
        assert!(cut.depth <= 101);
        let many = "<b>x</b>".repeat(1_000);
        let cut = lean(
            &many,
            Limits {
                depth: usize::MAX,
                elements: 10,
            },
        );
        assert_eq!(cut.cut, Some(Cut::Elements));
        assert_eq!(cut.html, "<b>x</b>".repeat(10));
    }
}
