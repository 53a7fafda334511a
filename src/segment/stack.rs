//! A page's blocks read with a stack of open elements instead of a tree.
//!
//! The segmenter needs of a page's tree only the order in which its elements
//! open and close around its text. The HTML parser decides that order with its
//! stack of open elements and its list of active formatting elements; this
//! module keeps the two as the parser's tree builder does (implied end tags,
//! scopes, the table modes, misnested formatting, foreign content) and tells
//! the [`Walker`] each opening, text and closing as it happens, with no tree
//! built. Comments and script and style bodies are skipped as it reads, and only
//! the attributes the segmenter reads are parsed. Where the parser would move a
//! node out of the order it was met (text or an element set straight into a
//! table, "foster parenting"), or for the rare constructs not followed here
//! (framesets, CDATA, templates in the head, a form closed around open
//! elements), it answers [`Unmodelled`] and the page goes through the lean pass
//! and html5ever's tree after all.

use std::borrow::Cow;

use memchr::memchr;

use super::charref::{decode, Context};
use super::scan::{
    attributes, close_tag, comment_end, name_end, text_only, Limits, MAX_TITLE_BYTES,
};
use super::tags::{
    breaks_out, formatting, head_element, heading, implied_end, quirky, scope_marker, special,
    table_part,
};
use super::walk::{Attrs, NoAttrs, Walker};
use super::{block_kind, skipped, Block, ContainerNode, PageMeta};

/// The page holds a construct this reader does not follow.
#[derive(Debug)]
pub(super) struct Unmodelled;

type Step<T = ()> = Result<T, Unmodelled>;

/// Segments the page `html` within `limits`, or says it needs the tree. The
/// last value says whether the page was cut at a limit.
pub(super) fn segment(
    html: &str,
    limits: Limits,
) -> Step<(Vec<Block>, Vec<ContainerNode>, PageMeta, bool)> {
    let mut t = Stack {
        w: Walker::new(false),
        open: Vec::new(),
        formatting: Vec::new(),
        serial: 0,
        phase: Phase::Initial,
        quirks: false,
        form: None,
        ignore_lf: false,
        head_back: false,
        roots: Default::default(),
        open_p: 0,
        src: html,
        after_tag: 0,
    };
    let cut = t.read(html, limits)?;
    t.eof();
    let (blocks, nodes, meta) = t.w.finish();
    Ok((blocks, nodes, meta, cut))
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Ns {
    Html,
    Svg,
    Math,
}

struct El<'a> {
    name: Cow<'a, str>,
    ns: Ns,
    serial: u32,
    /// The body's insertion mode while this element is the current node: set
    /// by the table elements (and `<template>`, `<html>`, `<body>`), inherited
    /// from the element below by the others.
    mode: Mode,
}

enum Entry<'a> {
    Marker,
    /// A formatting element: its name, its attributes as written and the serial
    /// of the element that stands for it now.
    Element {
        name: Cow<'a, str>,
        attrs: Parsed<'a>,
        serial: u32,
    },
}

/// Where the parser is before and around the page's body.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Phase {
    Initial,
    BeforeHtml,
    BeforeHead,
    InHead,
    InHeadNoscript,
    AfterHead,
    Body,
}

/// The insertion modes of a body, read off the stack (the parser sets them as
/// it opens and closes the table elements).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    Body,
    Table,
    TableBody,
    Row,
    Cell,
    Caption,
    ColumnGroup,
}

/// How the tokenizer reads an element's content.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Content {
    Rcdata,
    Rawtext,
    Plaintext,
    /// A script or style, whose body is dropped unread (but a JSON-LD
    /// script's, which is text).
    Script {
        ld_json: bool,
    },
    /// A script or style inside SVG or MathML (but JSON-LD): its body dropped as
    /// in HTML, its end tag read as a tag.
    ForeignScript,
}

/// Whether `el` bounds a `scope`: the parser looks no further down the stack.
fn bounds(el: &El, scope: Scope) -> bool {
    let name = &*el.name;
    match (el.ns, scope) {
        (Ns::Html, Scope::Table) => matches!(name, "html" | "table" | "template"),
        (Ns::Html, _) => {
            scope_marker(name)
                || matches!(scope, Scope::ListItem if matches!(name, "ol" | "ul"))
                || matches!(scope, Scope::Button if name == "button")
        }
        (_, Scope::Table) => false,
        (Ns::Math, _) => matches!(name, "mi" | "mo" | "mn" | "ms" | "mtext" | "annotation-xml"),
        (Ns::Svg, _) => matches!(name, "foreignobject" | "desc" | "title"),
    }
}

#[derive(Clone, Copy)]
enum Scope {
    Default,
    ListItem,
    Button,
    Table,
}

struct Stack<'a> {
    w: Walker,
    open: Vec<El<'a>>,
    formatting: Vec<Entry<'a>>,
    serial: u32,
    phase: Phase,
    quirks: bool,
    /// The serial of the form element pointer's form.
    form: Option<u32>,
    /// A line feed right after `<pre>`, `<listing>` or `<textarea>` is dropped.
    ignore_lf: bool,
    /// The head was put back on the stack for one element after it closed.
    head_back: bool,
    /// The `<html>` and `<body>` elements' container nodes and the names of
    /// their attributes: a later tag of theirs adds the attributes they lack.
    roots: [(u32, Vec<String>); 2],
    /// How many `<p>` elements are open.
    open_p: usize,
    /// The page (after a byte order mark), and the index just after the tag
    /// being read.
    src: &'a str,
    after_tag: usize,
}

/// The attributes the segmenter reads (on any element: `<meta>`'s, `<time>`'s
/// and `<script>`'s are read on those only, and cost little elsewhere); the
/// others are not decoded or kept. `class` and `id` are kept as written, not
/// decoded, as the lean pass hashes and reads them.
const READ: &[&str] = &[
    "class",
    "id",
    "role",
    "itemprop",
    "hidden",
    "aria-hidden",
    "style",
    "href",
    "onclick",
    "property",
    "name",
    "content",
    "datetime",
    "type",
];

/// An element's attributes that the segmenter reads, decoded.
#[derive(Clone, PartialEq, Default)]
struct Parsed<'a> {
    list: Vec<(Cow<'a, str>, Cow<'a, str>)>,
    /// An empty `class` (1) or `id` (2) was met: it names nothing and is none,
    /// but a repeated one is not read after it.
    blank: u8,
}

impl<'a> Parsed<'a> {
    /// Reads the attributes of a start tag whose name ends at `from`, to its
    /// `>`, in place of those read before (one list serves every tag of a
    /// page, not one allocated per tag); the first of repeated names counts,
    /// as in the parser. Returns the index after the tag and whether it ended
    /// in `/>`, or `None` if the page ends first.
    fn read_tag(&mut self, html: &'a str, from: usize) -> Option<(usize, bool)> {
        let b = html.as_bytes();
        self.list.clear();
        self.blank = 0;
        let parsed = self;
        let (close, self_closing) = attributes(b, from, |name, attr| {
            // Every attribute of every tag is asked: lengths first.
            let read = |r: &&str| r.len() == name.len() && r.as_bytes().eq_ignore_ascii_case(name);
            if !READ.iter().any(read) {
                return;
            }
            let start = name.as_ptr() as usize - b.as_ptr() as usize;
            let name = lower(&html[start..start + name.len()]);
            let bit = match &*name {
                "class" => 1,
                "id" => 2,
                _ => 0,
            };
            if parsed.blank & bit != 0 || parsed.list.iter().any(|(n, _)| *n == name) {
                return;
            }
            let value = &html[start + name.len()..start + attr.len()];
            let value = value.trim_start_matches(is_space).strip_prefix('=');
            let value = match value.map(|v| v.trim_start_matches(is_space)) {
                Some(v) if v.len() >= 2 && v.starts_with(['"', '\'']) => &v[1..v.len() - 1],
                Some(v) => v,
                None => "",
            };
            let value = match &*name {
                "class" | "id" if value.is_empty() => {
                    parsed.blank |= bit;
                    return;
                }
                "class" | "id" => Cow::Borrowed(value),
                "href" | "onclick" => Cow::Borrowed(""), // only there or not
                _ => decode(value, Context::Attribute),
            };
            parsed.list.push((name, value));
        })?;
        Some((close, self_closing))
    }
}

impl Attrs for Parsed<'_> {
    fn get(&self, name: &str) -> Option<&str> {
        self.list.iter().find(|(n, _)| n == name).map(|(_, v)| &**v)
    }
    fn each(&self, f: &mut dyn FnMut(&str, &str)) {
        for (n, v) in &self.list {
            f(n, v);
        }
    }
}

fn is_space(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\x0c' | '\r' | ' ')
}

fn all_space(s: &str) -> bool {
    s.bytes()
        .all(|c| matches!(c, b'\t' | b'\n' | b'\x0c' | b'\r' | b' '))
}

fn lower(name: &str) -> Cow<'_, str> {
    if name.bytes().any(|c| c.is_ascii_uppercase()) {
        Cow::Owned(name.to_ascii_lowercase())
    } else {
        Cow::Borrowed(name)
    }
}

impl<'a> Stack<'a> {
    /// Reads the page token by token, up to the end or a limit (then `true`).
    fn read(&mut self, html: &'a str, limits: Limits) -> Step<bool> {
        // The tokenizer drops a byte order mark.
        let html = html.strip_prefix('\u{feff}').unwrap_or(html);
        self.src = html;
        let b = html.as_bytes();
        let mut elements = 0;
        let mut attrs = Parsed::default();
        let mut i = 0;
        while i < b.len() {
            let at = memchr(b'<', &b[i..]).map_or(b.len(), |o| i + o);
            if at > i {
                self.characters(&html[i..at])?;
            }
            if at >= b.len() {
                break;
            }
            i = at + 1;
            match b.get(i) {
                Some(b'/') if b.get(i + 1).is_some_and(u8::is_ascii_alphabetic) => {
                    let end = name_end(b, i + 1);
                    let name = lower(&html[i + 1..end]);
                    // An end tag's attributes are read, and dropped.
                    let Some((close, _)) = attributes(b, end, |_, _| {}) else {
                        break; // an unterminated tag at the end is dropped
                    };
                    i = close;
                    self.ignore_lf = false;
                    self.end_tag(name)?;
                }
                Some(c) if c.is_ascii_alphabetic() => {
                    elements += 1;
                    if elements > limits.elements {
                        return Ok(true);
                    }
                    let end = name_end(b, i);
                    let name = lower(&html[i..end]);
                    let Some((close, self_closing)) = attrs.read_tag(html, end) else {
                        break; // an unterminated tag at the end is dropped
                    };
                    i = close;
                    self.after_tag = i;
                    self.ignore_lf = false;
                    if let Some(content) = self.start_tag(name.clone(), &attrs, self_closing)? {
                        i = self.raw_content(html, i, &name, content)?;
                    }
                    if self.open.len() > limits.depth {
                        return Ok(true);
                    }
                }
                Some(b'!') if b[i..].starts_with(b"!--") => i = comment_end(b, at),
                Some(b'!') => {
                    let end = memchr(b'>', &b[i..]).map_or(b.len(), |o| i + o + 1);
                    let decl = &html[i..end];
                    let doctype = decl.as_bytes().get(1..8);
                    if doctype.is_some_and(|d| d.eq_ignore_ascii_case(b"doctype")) {
                        if self.phase == Phase::Initial {
                            self.quirks = quirky(&decl[8..]);
                            self.phase = Phase::BeforeHtml;
                        }
                    } else if decl.starts_with("![CDATA[") {
                        return Err(Unmodelled); // SVG's own text
                    }
                    i = end; // a bogus comment
                }
                // `</` at the end is text; `</>` is nothing; `</` before any
                // other non-letter, and `<?`, open bogus comments.
                Some(b'/') if i + 1 == b.len() => {
                    self.characters("</")?;
                    i = b.len();
                }
                Some(b'/' | b'?') => i = memchr(b'>', &b[i..]).map_or(b.len(), |o| i + o + 1),
                // `<` not starting a tag is text (the lean copy writes `&lt;`,
                // but the text of SVG's title and the like keeps its own).
                _ => self.characters("<")?,
            }
        }
        Ok(false)
    }

    /// The content of an element the tokenizer reads as text, up to its end tag;
    /// returns the index after that tag.
    fn raw_content(&mut self, html: &'a str, from: usize, name: &str, c: Content) -> Step<usize> {
        let b = html.as_bytes();
        let mut end = if c == Content::Plaintext {
            b.len()
        } else {
            close_tag(b, from, name.as_bytes())
        };
        if c == Content::ForeignScript {
            return Ok(end); // its end tag is read as a tag
        }
        // A `<title>` whose end tag is missing or mistyped would take the whole
        // page as its text: past a title's length, it ends where markup starts.
        let mut end_tag = true;
        if name == "title" && end - from > MAX_TITLE_BYTES {
            if let Some(lt) = memchr(b'<', &b[from..end]) {
                end = from + lt;
                end_tag = false;
            }
        }
        let mut text = &html[from..end];
        if std::mem::take(&mut self.ignore_lf) {
            text = text.strip_prefix('\n').unwrap_or(text);
        }
        let context = match c {
            Content::Rcdata => Some(Context::Rcdata),
            Content::Script { ld_json: false } => None,
            _ => Some(Context::Rawtext),
        };
        if let (Some(context), false) = (context, text.is_empty()) {
            self.w.text(&decode(text, context));
        }
        self.pop();
        if std::mem::take(&mut self.head_back) {
            self.pop();
        }
        if !end_tag || end >= b.len() {
            return Ok(end);
        }
        let close = attributes(b, name_end(b, end + 2), |_, _| {}).map_or(b.len(), |(c, _)| c);
        Ok(close)
    }

    /// Opens `<html>` (`which` 0) or `<body>` (1), noting its node and attributes.
    fn push_root(&mut self, which: usize, attrs: &Parsed<'a>) {
        let name = if which == 0 { "html" } else { "body" };
        self.push(Cow::Borrowed(name), Ns::Html, attrs);
        let names = attrs.list.iter().map(|(n, _)| n.to_string()).collect();
        self.roots[which] = (self.w.last_node(), names);
    }

    /// A later `<html>` or `<body>` tag: its attributes the element lacks are added.
    fn merge_root(&mut self, which: usize, attrs: &Parsed<'a>) {
        let mut parsed = attrs.clone();
        let (node, names) = &mut self.roots[which];
        parsed.list.retain(|(n, _)| !names.iter().any(|m| m == n));
        names.extend(parsed.list.iter().map(|(n, _)| n.to_string()));
        let node = *node;
        self.w.add_attrs(node, &parsed);
    }

    fn next_serial(&mut self) -> u32 {
        self.serial += 1;
        self.serial
    }

    fn push(&mut self, name: Cow<'a, str>, ns: Ns, attrs: &dyn Attrs) -> u32 {
        let serial = self.next_serial();
        self.w.open(&name, ns == Ns::Html, attrs);
        let below = self.open.last().map_or(Mode::Body, |e| e.mode);
        let mode = match (ns, &*name) {
            (Ns::Html, "td" | "th") => Mode::Cell,
            (Ns::Html, "tr") => Mode::Row,
            (Ns::Html, "tbody" | "thead" | "tfoot") => Mode::TableBody,
            (Ns::Html, "caption") => Mode::Caption,
            (Ns::Html, "colgroup") => Mode::ColumnGroup,
            (Ns::Html, "table") => Mode::Table,
            (Ns::Html, "template" | "html" | "body") => Mode::Body,
            _ => below,
        };
        self.open_p += usize::from(ns == Ns::Html && name == "p");
        self.open.push(El {
            name,
            ns,
            serial,
            mode,
        });
        serial
    }

    fn push_html(&mut self, name: &'static str) -> u32 {
        self.push(Cow::Borrowed(name), Ns::Html, &NoAttrs)
    }

    /// An element with no content: opened and closed.
    fn void(&mut self, name: Cow<'a, str>, attrs: &Parsed<'a>) {
        self.push(name, Ns::Html, attrs);
        self.pop();
    }

    fn pop(&mut self) {
        if let Some(el) = self.open.pop() {
            self.closed(&el);
        }
    }

    /// An element taken off the stack closes: the walker is told, and the
    /// open `<p>` elements counted.
    fn closed(&mut self, el: &El) {
        self.open_p -= usize::from(el.ns == Ns::Html && el.name == "p");
        self.w.close(&el.name);
    }

    fn current(&self) -> Option<&El<'a>> {
        self.open.last()
    }

    fn current_is(&self, name: &str) -> bool {
        self.current()
            .is_some_and(|e| e.ns == Ns::Html && e.name == name)
    }

    /// Whether an open element `target` picks is in `scope`: above the nearest
    /// element that bounds the scope.
    fn in_scope_of(&self, target: impl Fn(&El) -> bool, scope: Scope) -> bool {
        for el in self.open.iter().rev() {
            if target(el) {
                return true;
            }
            if bounds(el, scope) {
                return false;
            }
        }
        false
    }

    fn in_scope(&self, target: impl Fn(&str) -> bool, scope: Scope) -> bool {
        self.in_scope_of(|e| e.ns == Ns::Html && target(&e.name), scope)
    }

    fn has(&self, name: &str, scope: Scope) -> bool {
        // Most block starts ask for a `<p>` with none open: no look down the stack.
        if name == "p" && self.open_p == 0 {
            return false;
        }
        self.in_scope(|n| n == name, scope)
    }

    /// Pops the elements whose end tags are implied, but for `except`.
    fn implied_end_tags(&mut self, except: &str) {
        while self
            .current()
            .is_some_and(|e| e.ns == Ns::Html && implied_end(&e.name) && e.name != except)
        {
            self.pop();
        }
    }

    /// Pops through the nearest open HTML element `target` picks.
    fn pop_until(&mut self, target: impl Fn(&str) -> bool) {
        while let Some(el) = self.open.last() {
            let hit = el.ns == Ns::Html && target(&el.name);
            self.pop();
            if hit {
                break;
            }
        }
    }

    fn pop_until_named(&mut self, name: &str) {
        self.pop_until(|n| n == name);
    }

    /// Pops until the current node is one of `names` (or the stack's bottom).
    fn clear_to(&mut self, names: &[&str]) {
        while self
            .current()
            .is_some_and(|e| !(e.ns == Ns::Html && names.contains(&&*e.name)))
        {
            self.pop();
        }
    }

    fn close_p(&mut self) {
        if self.has("p", Scope::Button) {
            self.implied_end_tags("p");
            self.pop_until_named("p");
        }
    }

    /// A `<template>` is open: its content is read by rules of its own.
    fn in_template(&self) -> bool {
        self.open
            .iter()
            .any(|e| e.ns == Ns::Html && e.name == "template")
    }

    fn on_stack(&self, serial: u32) -> bool {
        self.open.iter().rev().any(|e| e.serial == serial)
    }

    /// Reopens formatting elements closed by a block's end while still active.
    fn reconstruct(&mut self) {
        if !self.reconstruct_pending() {
            return;
        }
        let n = self.formatting.len();
        let pending =
            |e: &Entry| matches!(e, Entry::Element { serial, .. } if !self.on_stack(*serial));
        let mut first = n - 1;
        while first > 0 && pending(&self.formatting[first - 1]) {
            first -= 1;
        }
        for k in first..n {
            if let Entry::Element { name, attrs, .. } = &self.formatting[k] {
                let (name, attrs) = (name.clone(), attrs.clone());
                let serial = self.push(name, Ns::Html, &attrs);
                if let Entry::Element { serial: s, .. } = &mut self.formatting[k] {
                    *s = serial;
                }
            }
        }
    }

    fn reconstruct_pending(&self) -> bool {
        matches!(self.formatting.last(), Some(Entry::Element { serial, .. }) if !self.on_stack(*serial))
    }

    /// The index of the last formatting entry named `name` after the last marker.
    fn active(&self, name: &str) -> Option<usize> {
        for (k, e) in self.formatting.iter().enumerate().rev() {
            match e {
                Entry::Marker => return None,
                Entry::Element { name: n, .. } if n == name => return Some(k),
                _ => {}
            }
        }
        None
    }

    /// Opens a formatting element and lists it; of three alike after the last
    /// marker the earliest leaves the list (the parser's "Noah's Ark" clause).
    fn push_formatting(&mut self, name: Cow<'a, str>, attrs: &Parsed<'a>) {
        let mut alike = Vec::new();
        for (k, e) in self.formatting.iter().enumerate().rev() {
            match e {
                Entry::Marker => break,
                Entry::Element {
                    name: n, attrs: a, ..
                } if *n == name && a == attrs => alike.push(k),
                _ => {}
            }
        }
        if alike.len() >= 3 {
            self.formatting.remove(alike[alike.len() - 1]);
        }
        let serial = self.push(name.clone(), Ns::Html, attrs);
        self.formatting.push(Entry::Element {
            name,
            attrs: attrs.clone(),
            serial,
        });
    }

    fn clear_to_marker(&mut self) {
        while let Some(e) = self.formatting.pop() {
            if matches!(e, Entry::Marker) {
                break;
            }
        }
    }

    /// The end tag of a formatting element (the parser's "adoption agency"). Where
    /// the parser moves a block out of the misnested element, the block keeps its
    /// place in the order of openings; what the segmenter sees is that the
    /// formatting element, and the inline elements opened inside it, end here.
    fn adoption(&mut self, subject: &str) -> Step {
        if self.current_is(subject) {
            let serial = self.open.last().map_or(0, |e| e.serial);
            let listed = self
                .formatting
                .iter()
                .any(|e| matches!(e, Entry::Element { serial: s, .. } if *s == serial));
            if !listed {
                self.pop();
                return Ok(());
            }
        }
        let Some(k) = self.active(subject) else {
            self.any_other_end(subject);
            return Ok(());
        };
        let Entry::Element { serial, .. } = &self.formatting[k] else {
            return Ok(());
        };
        let serial = *serial;
        let Some(at) = self.open.iter().rposition(|e| e.serial == serial) else {
            self.formatting.remove(k);
            return Ok(());
        };
        if !self.in_scope_serial(serial) {
            return Ok(());
        }
        let furthest = self.open[at + 1..]
            .iter()
            .any(|e| e.ns == Ns::Html && special(&e.name));
        if !furthest {
            while self.open.len() > at {
                self.pop();
            }
            self.formatting.remove(k);
            return Ok(());
        }
        let listed = |s: u32, f: &[Entry]| {
            f.iter()
                .any(|e| matches!(e, Entry::Element { serial, .. } if *serial == s))
        };
        self.remove_at(at)?;
        // Past the last block opened inside it, everything closes (formatting
        // elements stay listed, to be reopened); below that block, the inline
        // elements that are not formatting ones.
        let last_block = self.open[at..]
            .iter()
            .rposition(|e| e.ns == Ns::Html && special(&e.name))
            .map_or(at, |p| at + p + 1);
        while self.open.len() > last_block {
            self.pop();
        }
        let mut j = at;
        while j < self.open.len() {
            let e = &self.open[j];
            if (e.ns == Ns::Html && special(&e.name)) || listed(e.serial, &self.formatting) {
                j += 1;
                continue;
            }
            self.remove_at(j)?;
        }
        self.formatting.remove(k);
        Ok(())
    }

    /// Closes the open element at `at`, below the current node. The walker
    /// counts the elements inside a skipped one and the open links in the order
    /// they open, so an element closed out of that order must be an inline one
    /// with no skipped or foreign element, nor another link, opened inside it:
    /// otherwise the page needs its tree.
    fn remove_at(&mut self, at: usize) -> Step {
        let el = &self.open[at];
        let above = &self.open[at + 1..];
        let walled = |e: &El| e.ns != Ns::Html || skipped(&e.name);
        if walled(el)
            || block_kind(&el.name).is_some()
            || above.iter().any(walled)
            || (el.name == "a" && above.iter().any(|e| e.name == "a"))
        {
            return Err(Unmodelled);
        }
        let el = self.open.remove(at);
        self.closed(&el);
        Ok(())
    }

    fn in_scope_serial(&self, serial: u32) -> bool {
        self.in_scope_of(|e| e.serial == serial, Scope::Default)
    }

    /// An end tag with no rule of its own: closes the nearest open element of its
    /// name, unless a special element is open inside that one.
    fn any_other_end(&mut self, name: &str) {
        for k in (0..self.open.len()).rev() {
            let el = &self.open[k];
            if el.ns == Ns::Html && el.name == name {
                self.implied_end_tags(name);
                while self.open.len() > k {
                    self.pop();
                }
                return;
            }
            if el.ns == Ns::Html && special(&el.name) {
                return;
            }
        }
    }

    /// The body's insertion mode, from the nearest table element open.
    fn mode(&self) -> Mode {
        self.open.last().map_or(Mode::Body, |e| e.mode)
    }

    /// The current node is SVG or MathML and the token is read by its rules.
    /// `start_tag`: the token's name if it is a start tag; `text`: it is text
    /// (else an end tag, which integration points do not read as HTML).
    fn foreign(&self, start_tag: Option<&str>, text: bool) -> bool {
        let Some(el) = self.current() else {
            return false;
        };
        let html_token = text || start_tag.is_some();
        match el.ns {
            Ns::Html => false,
            // Integration points read HTML tags and text.
            Ns::Svg => !(html_token && matches!(&*el.name, "foreignobject" | "desc" | "title")),
            Ns::Math => match &*el.name {
                "mi" | "mo" | "mn" | "ms" | "mtext" => {
                    !html_token || matches!(start_tag, Some("mglyph" | "malignmark"))
                }
                "annotation-xml" => start_tag != Some("svg"),
                _ => true,
            },
        }
    }

    fn integration_point_or_html(el: &El) -> bool {
        match el.ns {
            Ns::Html => true,
            Ns::Svg => matches!(&*el.name, "foreignobject" | "desc" | "title"),
            Ns::Math => matches!(&*el.name, "mi" | "mo" | "mn" | "ms" | "mtext"),
        }
    }

    /// Goes into the page's body (implying `<html>`, `<head>`, `<body>` as needed).
    fn enter_body(&mut self) {
        if self.phase == Phase::Initial {
            self.quirks = true; // no DOCTYPE
        }
        if self.phase <= Phase::BeforeHtml {
            self.push_root(0, &Parsed::default());
            self.phase = Phase::BeforeHead;
        }
        if self.phase == Phase::BeforeHead {
            self.push_html("head");
            self.phase = Phase::InHead;
        }
        if self.phase == Phase::InHeadNoscript {
            self.pop();
            self.phase = Phase::InHead;
        }
        if self.phase == Phase::InHead {
            self.pop();
            self.phase = Phase::AfterHead;
        }
        if self.phase == Phase::AfterHead {
            self.push_root(1, &Parsed::default());
            self.phase = Phase::Body;
        }
    }

    fn characters(&mut self, raw: &str) -> Step {
        let mut text = decode(raw, Context::Data);
        if std::mem::take(&mut self.ignore_lf) && text.starts_with('\n') {
            text = Cow::Owned(text[1..].to_owned());
        }
        if text.is_empty() {
            return Ok(());
        }
        if self.phase < Phase::Body {
            let rest = text.trim_start_matches(is_space);
            let space = &text[..text.len() - rest.len()];
            if !space.is_empty() && self.phase >= Phase::InHead {
                self.w.text(space);
            }
            if rest.is_empty() {
                return Ok(());
            }
            self.enter_body();
            return self.body_text(rest);
        }
        self.body_text(&text)
    }

    fn body_text(&mut self, text: &str) -> Step {
        if self.foreign(None, true) {
            self.w.text(text);
            return Ok(());
        }
        match self.mode() {
            Mode::Table | Mode::TableBody | Mode::Row | Mode::ColumnGroup => {
                if !all_space(text) {
                    return Err(Unmodelled); // text set into a table is moved before it
                }
            }
            _ => self.reconstruct(),
        }
        self.w.text(text);
        Ok(())
    }

    fn eof(&mut self) {
        self.enter_body();
        while !self.open.is_empty() {
            self.pop();
        }
    }

    /// A start tag; returns how its content is read when it is text.
    fn start_tag(
        &mut self,
        name: Cow<'a, str>,
        attrs: &Parsed<'a>,
        sc: bool,
    ) -> Step<Option<Content>> {
        loop {
            match self.phase {
                Phase::Initial => {
                    self.quirks = true;
                    self.phase = Phase::BeforeHtml;
                }
                Phase::BeforeHtml => {
                    if name == "html" {
                        self.push_root(0, attrs);
                        self.phase = Phase::BeforeHead;
                        return Ok(None);
                    }
                    self.push_root(0, &Parsed::default());
                    self.phase = Phase::BeforeHead;
                }
                Phase::BeforeHead => {
                    if name == "html" {
                        self.merge_root(0, attrs);
                        return Ok(None);
                    }
                    let head = name == "head";
                    let none = Parsed::default();
                    let parsed = if head { attrs } else { &none };
                    self.push(Cow::Borrowed("head"), Ns::Html, parsed);
                    self.phase = Phase::InHead;
                    if head {
                        return Ok(None);
                    }
                }
                Phase::InHead => {
                    if let Some(c) = self.head_start(name.clone(), attrs)? {
                        return Ok(c);
                    }
                    self.pop();
                    self.phase = Phase::AfterHead;
                }
                Phase::InHeadNoscript => {
                    match &*name {
                        "basefont" | "bgsound" | "link" | "meta" | "noframes" | "style" => {
                            return Ok(self.head_start(name, attrs)?.flatten());
                        }
                        "html" | "head" | "noscript" => return Ok(None),
                        _ => {}
                    }
                    self.pop();
                    self.phase = Phase::InHead;
                }
                Phase::AfterHead => match &*name {
                    "html" => {
                        self.merge_root(0, attrs);
                        return Ok(None);
                    }
                    "head" => return Ok(None),
                    "body" => {
                        self.push_root(1, attrs);
                        self.phase = Phase::Body;
                        return Ok(None);
                    }
                    "frameset" | "template" => return Err(Unmodelled),
                    n if head_element(n) => {
                        // Put back into the head, for this element.
                        self.push_html("head");
                        let c = self.head_start(name.clone(), attrs)?.flatten();
                        if c.is_some() {
                            self.head_back = true;
                        } else {
                            self.pop();
                        }
                        return Ok(c);
                    }
                    _ => {
                        self.push_root(1, &Parsed::default());
                        self.phase = Phase::Body;
                    }
                },
                Phase::Body => return self.body_start(name, attrs, sc),
            }
        }
    }

    /// The head's rules for a start tag: `None` when the tag ends the head,
    /// otherwise how its content is read.
    fn head_start(
        &mut self,
        name: Cow<'a, str>,
        attrs: &Parsed<'a>,
    ) -> Step<Option<Option<Content>>> {
        Ok(Some(match &*name {
            "html" => {
                self.merge_root(0, attrs);
                None
            }
            "head" => None,
            "base" | "basefont" | "bgsound" | "link" | "meta" => {
                self.void(name, attrs);
                None
            }
            "title" => {
                self.push(name, Ns::Html, attrs);
                Some(Content::Rcdata)
            }
            "noframes" => {
                self.push(name, Ns::Html, attrs);
                Some(Content::Rawtext)
            }
            "style" | "script" => {
                let ld_json = attrs.get("type").is_some_and(|t| t.contains("ld+json"));
                self.push(name, Ns::Html, attrs);
                Some(Content::Script { ld_json })
            }
            "noscript" if self.phase == Phase::InHead => {
                self.push(name, Ns::Html, attrs);
                self.phase = Phase::InHeadNoscript;
                None
            }
            "template" => return Err(Unmodelled),
            _ => return Ok(None),
        }))
    }

    fn body_start(
        &mut self,
        name: Cow<'a, str>,
        attrs: &Parsed<'a>,
        sc: bool,
    ) -> Step<Option<Content>> {
        if self.foreign(Some(&name), false) {
            if breaks_out(&name) {
                while self
                    .current()
                    .is_some_and(|e| !Self::integration_point_or_html(e))
                {
                    self.pop();
                }
            } else {
                let ns = self.current().map_or(Ns::Html, |e| e.ns);
                // A script's or style's body is dropped, but a JSON-LD one's.
                let ld_json = attrs.get("type").is_some_and(|t| t.contains("ld+json"));
                let script = matches!(&*name, "script" | "style") && !ld_json;
                // The lean pass copies the bodies of these as written, and the
                // tree reads markup in them as it stands (a class unrewritten,
                // a script kept): the stack leaves those to the tree.
                let as_written = ld_json || text_only(name.as_bytes());
                if as_written {
                    let b = self.src.as_bytes();
                    let body = &b[self.after_tag..close_tag(b, self.after_tag, name.as_bytes())];
                    if memchr(b'<', body).is_some() {
                        return Err(Unmodelled);
                    }
                }
                self.push(name, ns, &NoAttrs);
                if sc {
                    self.pop();
                }
                return Ok(script.then_some(Content::ForeignScript));
            }
        }
        loop {
            let mode = self.mode();
            let n = &*name;
            match mode {
                Mode::Row if matches!(n, "td" | "th") => {
                    self.clear_to(&["tr", "template", "html"]);
                    self.push(name, Ns::Html, attrs);
                    self.formatting.push(Entry::Marker);
                    return Ok(None);
                }
                Mode::Row if table_part(n) => {
                    if !self.has("tr", Scope::Table) {
                        return Ok(None);
                    }
                    self.clear_to(&["tr", "template", "html"]);
                    self.pop();
                    continue;
                }
                Mode::TableBody if n == "tr" => {
                    self.clear_to(&["tbody", "tfoot", "thead", "template", "html"]);
                    self.push(name, Ns::Html, attrs);
                    return Ok(None);
                }
                Mode::TableBody if matches!(n, "td" | "th") => {
                    self.clear_to(&["tbody", "tfoot", "thead", "template", "html"]);
                    self.push_html("tr");
                    continue;
                }
                Mode::TableBody if table_part(n) => {
                    if !self.in_scope(|x| matches!(x, "tbody" | "thead" | "tfoot"), Scope::Table) {
                        return Ok(None);
                    }
                    self.clear_to(&["tbody", "tfoot", "thead", "template", "html"]);
                    self.pop();
                    continue;
                }
                Mode::Table | Mode::TableBody | Mode::Row => return self.table_start(name, attrs),
                Mode::ColumnGroup => {
                    if n == "col" {
                        self.void(name, attrs);
                        return Ok(None);
                    }
                    if n == "template" {
                        return Err(Unmodelled);
                    }
                    if !self.current_is("colgroup") {
                        return Ok(None);
                    }
                    self.pop();
                    continue;
                }
                Mode::Caption | Mode::Cell if table_part(n) => {
                    let cell = mode == Mode::Cell;
                    let open = if cell {
                        self.in_scope(|x| matches!(x, "td" | "th"), Scope::Table)
                    } else {
                        self.has("caption", Scope::Table)
                    };
                    if !open {
                        return Ok(None);
                    }
                    self.implied_end_tags("");
                    if cell {
                        self.pop_until(|x| matches!(x, "td" | "th"));
                    } else {
                        self.pop_until_named("caption");
                    }
                    self.clear_to_marker();
                    continue;
                }
                _ => return self.in_body_start(name, attrs, sc),
            }
        }
    }

    /// A start tag straight inside a table, not in a cell.
    fn table_start(&mut self, name: Cow<'a, str>, attrs: &Parsed<'a>) -> Step<Option<Content>> {
        let table_context = ["table", "template", "html"];
        match &*name {
            "caption" => {
                self.clear_to(&table_context);
                self.formatting.push(Entry::Marker);
                self.push(name, Ns::Html, attrs);
            }
            "colgroup" | "tbody" | "tfoot" | "thead" => {
                self.clear_to(&table_context);
                self.push(name, Ns::Html, attrs);
            }
            "col" => {
                self.clear_to(&table_context);
                self.push_html("colgroup");
                self.void(name, attrs);
            }
            "td" | "th" | "tr" => {
                self.clear_to(&table_context);
                self.push_html("tbody");
                return self.body_start(name, attrs, false);
            }
            "table" => {
                if self.has("table", Scope::Table) {
                    self.pop_until_named("table");
                    return self.body_start(name, attrs, false);
                }
            }
            "style" | "script" => return Ok(self.head_start(name, attrs)?.flatten()),
            "input" if !self.reconstruct_pending() => {}
            "form" => {
                if self.form.is_none() && !self.in_template() {
                    let serial = self.push(name, Ns::Html, attrs);
                    self.pop();
                    self.form = Some(serial);
                }
            }
            _ => return Err(Unmodelled), // an element set into a table moves before it
        }
        Ok(None)
    }

    fn in_body_start(
        &mut self,
        name: Cow<'a, str>,
        attrs: &Parsed<'a>,
        sc: bool,
    ) -> Step<Option<Content>> {
        let n: &str = &name;
        match n {
            "html" => self.merge_root(0, attrs),
            "body" => {
                if !self.in_template() {
                    self.merge_root(1, attrs);
                }
            }
            "frameset" => return Err(Unmodelled),
            "template" => {
                self.push(name, Ns::Html, attrs);
                self.formatting.push(Entry::Marker);
            }
            n if head_element(n) => return Ok(self.head_start(name.clone(), attrs)?.flatten()),
            "address" | "article" | "aside" | "blockquote" | "center" | "details" | "dialog"
            | "dir" | "div" | "dl" | "fieldset" | "figcaption" | "figure" | "footer" | "header"
            | "hgroup" | "main" | "nav" | "ol" | "p" | "search" | "section" | "summary" | "ul"
            | "menu" => {
                self.close_p();
                self.push(name, Ns::Html, attrs);
            }
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
                self.close_p();
                if self
                    .current()
                    .is_some_and(|e| e.ns == Ns::Html && heading(&e.name))
                {
                    self.pop();
                }
                self.push(name, Ns::Html, attrs);
            }
            "pre" | "listing" => {
                self.close_p();
                self.push(name, Ns::Html, attrs);
                self.ignore_lf = true;
            }
            "form" => {
                let template = self.in_template();
                if self.form.is_some() && !template {
                    return Ok(None);
                }
                self.close_p();
                let serial = self.push(name, Ns::Html, attrs);
                if !template {
                    self.form = Some(serial);
                }
            }
            "li" | "dd" | "dt" => {
                let list = n == "li";
                let mut close = None;
                for el in self.open.iter().rev() {
                    if el.ns != Ns::Html {
                        continue;
                    }
                    let hit = if list {
                        el.name == "li"
                    } else {
                        matches!(&*el.name, "dd" | "dt")
                    };
                    if hit {
                        close = Some(el.name.clone());
                        break;
                    }
                    if special(&el.name) && !matches!(&*el.name, "address" | "div" | "p") {
                        break;
                    }
                }
                if let Some(c) = close {
                    self.implied_end_tags(&c);
                    self.pop_until_named(&c);
                }
                self.close_p();
                self.push(name, Ns::Html, attrs);
            }
            "plaintext" => {
                self.close_p();
                self.push(name, Ns::Html, attrs);
                return Ok(Some(Content::Plaintext));
            }
            "button" => {
                if self.has("button", Scope::Default) {
                    self.implied_end_tags("");
                    self.pop_until_named("button");
                }
                self.reconstruct();
                self.push(name, Ns::Html, attrs);
            }
            "a" => {
                if let Some(k) = self.active("a") {
                    let Entry::Element { serial, .. } = &self.formatting[k] else {
                        return Err(Unmodelled);
                    };
                    let serial = *serial;
                    self.adoption("a")?;
                    if let Some(k) = self
                        .formatting
                        .iter()
                        .position(|e| matches!(e, Entry::Element { serial: s, .. } if *s == serial))
                    {
                        self.formatting.remove(k);
                    }
                    if let Some(at) = self.open.iter().rposition(|e| e.serial == serial) {
                        if at + 1 != self.open.len() {
                            return Err(Unmodelled);
                        }
                        self.pop();
                    }
                }
                self.reconstruct();
                self.push_formatting(name, attrs);
            }
            "b" | "big" | "code" | "em" | "font" | "i" | "s" | "small" | "strike" | "strong"
            | "tt" | "u" => {
                self.reconstruct();
                self.push_formatting(name, attrs);
            }
            "nobr" => {
                self.reconstruct();
                if self.has("nobr", Scope::Default) {
                    self.adoption("nobr")?;
                    self.reconstruct();
                }
                self.push_formatting(name, attrs);
            }
            "applet" | "marquee" | "object" => {
                self.reconstruct();
                self.push(name, Ns::Html, attrs);
                self.formatting.push(Entry::Marker);
            }
            "table" => {
                if !self.quirks {
                    self.close_p();
                }
                self.push(name, Ns::Html, attrs);
            }
            "area" | "br" | "embed" | "img" | "keygen" | "wbr" | "image" => {
                self.reconstruct();
                let name = if n == "image" {
                    Cow::Borrowed("img")
                } else {
                    name
                };
                self.void(name, attrs);
            }
            "input" => {
                if self.has("select", Scope::Default) {
                    self.pop_until_named("select");
                }
                self.reconstruct();
                self.void(name, attrs);
            }
            "param" | "source" | "track" => self.void(name, attrs),
            "hr" => {
                self.close_p();
                if self.has("select", Scope::Default) {
                    self.implied_end_tags("");
                }
                self.void(name, attrs);
            }
            "textarea" => {
                self.push(name, Ns::Html, attrs);
                self.ignore_lf = true;
                return Ok(Some(Content::Rcdata));
            }
            "xmp" => {
                self.close_p();
                self.reconstruct();
                self.push(name, Ns::Html, attrs);
                return Ok(Some(Content::Rawtext));
            }
            "iframe" | "noembed" => {
                self.push(name, Ns::Html, attrs);
                return Ok(Some(Content::Rawtext));
            }
            "select" if self.has("select", Scope::Default) => self.pop_until_named("select"),
            "select" => {
                self.reconstruct();
                self.push(name, Ns::Html, attrs);
            }
            "option" | "optgroup" => {
                if self.has("select", Scope::Default) {
                    let except = if n == "option" { "optgroup" } else { "" };
                    self.implied_end_tags(except);
                } else if self.current_is("option") {
                    self.pop();
                }
                self.reconstruct();
                self.push(name, Ns::Html, attrs);
            }
            "rb" | "rtc" | "rp" | "rt" => {
                if self.has("ruby", Scope::Default) {
                    let except = if matches!(n, "rp" | "rt") { "rtc" } else { "" };
                    self.implied_end_tags(except);
                }
                self.push(name, Ns::Html, attrs);
            }
            "math" | "svg" => {
                self.reconstruct();
                let ns = if n == "svg" { Ns::Svg } else { Ns::Math };
                self.push(name, ns, &NoAttrs);
                if sc {
                    self.pop();
                }
            }
            "caption" | "col" | "colgroup" | "frame" | "head" | "tbody" | "td" | "tfoot" | "th"
            | "thead" | "tr" => {
                // A template reads its table parts by modes of its own.
                if self.in_template() {
                    return Err(Unmodelled);
                }
            }
            _ => {
                self.reconstruct();
                self.push(name, Ns::Html, attrs);
            }
        }
        Ok(None)
    }

    fn end_tag(&mut self, name: Cow<'a, str>) -> Step {
        loop {
            let n = &*name;
            match self.phase {
                Phase::Initial => {
                    self.quirks = true;
                    self.phase = Phase::BeforeHtml;
                }
                Phase::BeforeHtml | Phase::BeforeHead => {
                    if !matches!(n, "head" | "body" | "html" | "br") {
                        return Ok(());
                    }
                    if self.phase == Phase::BeforeHtml {
                        self.push_root(0, &Parsed::default());
                    }
                    self.push_html("head");
                    self.phase = Phase::InHead;
                }
                Phase::InHead => match n {
                    "head" => {
                        self.pop();
                        self.phase = Phase::AfterHead;
                        return Ok(());
                    }
                    "body" | "html" | "br" => {
                        self.pop();
                        self.phase = Phase::AfterHead;
                    }
                    "template" => return Err(Unmodelled),
                    _ => return Ok(()),
                },
                Phase::InHeadNoscript => match n {
                    "noscript" => {
                        self.pop();
                        self.phase = Phase::InHead;
                        return Ok(());
                    }
                    "br" => {
                        self.pop();
                        self.phase = Phase::InHead;
                    }
                    _ => return Ok(()),
                },
                Phase::AfterHead => match n {
                    "template" => return Err(Unmodelled),
                    "body" | "html" | "br" => {
                        self.push_root(1, &Parsed::default());
                        self.phase = Phase::Body;
                    }
                    _ => return Ok(()),
                },
                Phase::Body => return self.body_end(name),
            }
        }
    }

    fn body_end(&mut self, name: Cow<'a, str>) -> Step {
        if self.foreign(None, false) {
            if matches!(&*name, "br" | "p") {
                while self
                    .current()
                    .is_some_and(|e| !Self::integration_point_or_html(e))
                {
                    self.pop();
                }
            } else {
                let mut k = self.open.len() - 1;
                let mut first = true;
                loop {
                    if k == 0 {
                        return Ok(());
                    }
                    let el = &self.open[k];
                    if !first && el.ns == Ns::Html {
                        break; // read by the HTML rules below
                    }
                    if el.name.eq_ignore_ascii_case(&name) {
                        while self.open.len() > k {
                            self.pop();
                        }
                        return Ok(());
                    }
                    first = false;
                    k -= 1;
                }
            }
        }
        loop {
            let n = &*name;
            let mode = self.mode();
            match (mode, n) {
                (Mode::Table | Mode::TableBody | Mode::Row, "table") => {
                    if self.has("table", Scope::Table) {
                        self.pop_until_named("table");
                    }
                    return Ok(());
                }
                (Mode::TableBody, "tbody" | "tfoot" | "thead") => {
                    if self.has(n, Scope::Table) {
                        self.clear_to(&["tbody", "tfoot", "thead", "template", "html"]);
                        self.pop();
                    }
                    return Ok(());
                }
                (Mode::Row, "tr") => {
                    if self.has("tr", Scope::Table) {
                        self.clear_to(&["tr", "template", "html"]);
                        self.pop();
                    }
                    return Ok(());
                }
                (Mode::Row, "tbody" | "tfoot" | "thead") => {
                    if !self.has(n, Scope::Table) || !self.has("tr", Scope::Table) {
                        return Ok(());
                    }
                    self.clear_to(&["tr", "template", "html"]);
                    self.pop();
                    continue;
                }
                (
                    Mode::Table | Mode::TableBody | Mode::Row,
                    "body" | "caption" | "col" | "colgroup" | "html" | "tbody" | "td" | "tfoot"
                    | "th" | "thead" | "tr",
                ) => return Ok(()),
                (Mode::Table | Mode::TableBody | Mode::Row, "p" | "br") => {
                    return Err(Unmodelled); // an element set into a table
                }
                (Mode::ColumnGroup, "colgroup") => {
                    if self.current_is("colgroup") {
                        self.pop();
                    }
                    return Ok(());
                }
                (Mode::ColumnGroup, "col") => return Ok(()),
                (Mode::ColumnGroup, _) => {
                    if !self.current_is("colgroup") {
                        return Ok(());
                    }
                    self.pop();
                    continue;
                }
                (Mode::Caption, "caption" | "table") => {
                    if !self.has("caption", Scope::Table) {
                        return Ok(());
                    }
                    self.implied_end_tags("");
                    self.pop_until_named("caption");
                    self.clear_to_marker();
                    if n == "caption" {
                        return Ok(());
                    }
                    continue;
                }
                (
                    Mode::Caption,
                    "body" | "col" | "colgroup" | "html" | "tbody" | "td" | "tfoot" | "th"
                    | "thead" | "tr",
                ) => return Ok(()),
                (Mode::Cell, "td" | "th") => {
                    if self.has(n, Scope::Table) {
                        self.implied_end_tags("");
                        self.pop_until_named(n);
                        self.clear_to_marker();
                    }
                    return Ok(());
                }
                (Mode::Cell, "body" | "caption" | "col" | "colgroup" | "html") => return Ok(()),
                (Mode::Cell, "table" | "tbody" | "tfoot" | "thead" | "tr") => {
                    if !self.has(n, Scope::Table) {
                        return Ok(());
                    }
                    self.implied_end_tags("");
                    self.pop_until(|x| matches!(x, "td" | "th"));
                    self.clear_to_marker();
                    continue;
                }
                _ => return self.in_body_end(name),
            }
        }
    }

    fn in_body_end(&mut self, name: Cow<'a, str>) -> Step {
        let n: &str = &name;
        match n {
            "template" => {
                if self.in_template() {
                    while self.current().is_some_and(|e| {
                        e.ns == Ns::Html
                            && (implied_end(&e.name)
                                || matches!(
                                    &*e.name,
                                    "caption"
                                        | "colgroup"
                                        | "tbody"
                                        | "td"
                                        | "tfoot"
                                        | "th"
                                        | "thead"
                                        | "tr"
                                ))
                    }) {
                        self.pop();
                    }
                    self.pop_until_named("template");
                    self.clear_to_marker();
                }
            }
            "body" | "html" => {}
            "address" | "article" | "aside" | "blockquote" | "button" | "center" | "details"
            | "dialog" | "dir" | "div" | "dl" | "fieldset" | "figcaption" | "figure" | "footer"
            | "header" | "hgroup" | "listing" | "main" | "menu" | "nav" | "ol" | "pre"
            | "search" | "section" | "select" | "summary" | "ul" => {
                if self.has(n, Scope::Default) {
                    self.implied_end_tags("");
                    self.pop_until_named(n);
                }
            }
            "form" => {
                let template = self.in_template();
                if template {
                    if self.has("form", Scope::Default) {
                        self.implied_end_tags("");
                        self.pop_until_named("form");
                    }
                    return Ok(());
                }
                let Some(serial) = self.form.take() else {
                    return Ok(());
                };
                if !self.in_scope_serial(serial) {
                    return Ok(());
                }
                self.implied_end_tags("");
                if self.open.last().is_some_and(|e| e.serial == serial) {
                    self.pop();
                } else {
                    return Err(Unmodelled); // a form closed around open elements
                }
            }
            "p" => {
                if !self.has("p", Scope::Button) {
                    self.push_html("p");
                }
                self.implied_end_tags("p");
                self.pop_until_named("p");
            }
            "li" => {
                if self.has("li", Scope::ListItem) {
                    self.implied_end_tags("li");
                    self.pop_until_named("li");
                }
            }
            "dd" | "dt" => {
                if self.has(n, Scope::Default) {
                    self.implied_end_tags(n);
                    self.pop_until_named(n);
                }
            }
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
                if self.in_scope(heading, Scope::Default) {
                    self.implied_end_tags("");
                    self.pop_until(heading);
                }
            }
            n if formatting(n) => self.adoption(n)?,
            "applet" | "marquee" | "object" => {
                if self.has(n, Scope::Default) {
                    self.implied_end_tags("");
                    self.pop_until_named(n);
                    self.clear_to_marker();
                }
            }
            "br" => {
                self.reconstruct();
                self.void(Cow::Borrowed("br"), &Parsed::default());
            }
            _ => self.any_other_end(n),
        }
        Ok(())
    }
}
