//! The elements the HTML parser's tree-building rules name, as sets: each
//! matches a lower-case tag name exactly. [`super::stack`] reads them.

/// The parser's "special" elements: the end-tag and list-item rules stop at them.
pub(super) fn special(name: &str) -> bool {
    matches!(
        name,
        "address"
            | "applet"
            | "area"
            | "article"
            | "aside"
            | "base"
            | "basefont"
            | "bgsound"
            | "blockquote"
            | "body"
            | "br"
            | "button"
            | "caption"
            | "center"
            | "col"
            | "colgroup"
            | "dd"
            | "details"
            | "dir"
            | "div"
            | "dl"
            | "dt"
            | "embed"
            | "fieldset"
            | "figcaption"
            | "figure"
            | "footer"
            | "form"
            | "frame"
            | "frameset"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "head"
            | "header"
            | "hgroup"
            | "hr"
            | "html"
            | "iframe"
            | "img"
            | "input"
            | "isindex"
            | "li"
            | "link"
            | "listing"
            | "main"
            | "marquee"
            | "menu"
            | "meta"
            | "nav"
            | "noembed"
            | "noframes"
            | "noscript"
            | "object"
            | "ol"
            | "p"
            | "param"
            | "plaintext"
            | "pre"
            | "script"
            | "section"
            | "select"
            | "source"
            | "style"
            | "summary"
            | "table"
            | "tbody"
            | "td"
            | "template"
            | "textarea"
            | "tfoot"
            | "th"
            | "thead"
            | "title"
            | "tr"
            | "track"
            | "ul"
            | "wbr"
            | "xmp"
    )
}

/// Formatting elements, which the parser reopens in the next block when one is
/// left open ("reconstructing the active formatting elements").
pub(super) fn formatting(name: &str) -> bool {
    matches!(
        name,
        "a" | "b"
            | "big"
            | "code"
            | "em"
            | "font"
            | "i"
            | "nobr"
            | "s"
            | "small"
            | "strike"
            | "strong"
            | "tt"
            | "u"
    )
}

/// Elements closed by the end tags a browser implies.
pub(super) fn implied_end(name: &str) -> bool {
    matches!(
        name,
        "dd" | "dt" | "li" | "option" | "optgroup" | "p" | "rb" | "rp" | "rt" | "rtc"
    )
}

pub(super) fn heading(name: &str) -> bool {
    matches!(name, "h1" | "h2" | "h3" | "h4" | "h5" | "h6")
}

/// Start tags that stand for a table's parts, which close an open cell or caption.
pub(super) fn table_part(name: &str) -> bool {
    matches!(
        name,
        "caption" | "col" | "colgroup" | "tbody" | "td" | "tfoot" | "th" | "thead" | "tr"
    )
}

/// Elements of a page's head.
pub(super) fn head_element(name: &str) -> bool {
    matches!(
        name,
        "base"
            | "basefont"
            | "bgsound"
            | "link"
            | "meta"
            | "noframes"
            | "script"
            | "style"
            | "template"
            | "title"
    )
}

/// Start tags that break out of SVG or MathML back into HTML.
pub(super) fn breaks_out(name: &str) -> bool {
    matches!(
        name,
        "b" | "big"
            | "blockquote"
            | "body"
            | "br"
            | "center"
            | "code"
            | "dd"
            | "div"
            | "dl"
            | "dt"
            | "em"
            | "embed"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "head"
            | "hr"
            | "i"
            | "img"
            | "li"
            | "listing"
            | "menu"
            | "meta"
            | "nobr"
            | "ol"
            | "p"
            | "pre"
            | "ruby"
            | "s"
            | "small"
            | "span"
            | "strong"
            | "strike"
            | "sub"
            | "sup"
            | "table"
            | "tt"
            | "u"
            | "ul"
            | "var"
    )
}

/// Public identifiers of the DOCTYPEs that put a browser in quirks mode (matched
/// as prefixes, ASCII case-insensitive), where `<table>` does not close an open
/// `<p>`.
const QUIRKY_PUBLIC: &[&str] = &[
    "+//silmaril//",
    "-//as//",
    "-//advasoft ltd//",
    "-//ietf//dtd html",
    "-//metrius//",
    "-//microsoft//",
    "-//netscape comm. corp.//",
    "-//o'reilly and associates//",
    "-//softquad",
    "-//spyglass//",
    "-//sq//",
    "-//sun microsystems corp.//",
    "-//w3c//dtd html 3",
    "-//w3c//dtd html 4.0 frameset//",
    "-//w3c//dtd html 4.0 transitional//",
    "-//w3c//dtd html experimental",
    "-//w3c//dtd w3 html//",
    "-//w3o//dtd w3 html",
    "-//webtechs//",
];

/// Whether a `<!DOCTYPE …>` (its text after `<!doctype`) sets quirks mode.
pub(super) fn quirky(doctype: &str) -> bool {
    let d = doctype.to_ascii_lowercase();
    let mut words = d
        .split(|c: char| c.is_ascii_whitespace())
        .filter(|w| !w.is_empty());
    if words.next().map(|n| n.trim_end_matches('>')) != Some("html") {
        return true;
    }
    let quoted: Vec<&str> = d.split(['"', '\'']).skip(1).step_by(2).collect();
    let (public, system) = if d.contains("public") {
        (quoted.first().copied(), quoted.get(1).copied())
    } else {
        (None, quoted.first().copied())
    };
    let Some(public) = public else {
        return false;
    };
    public == "html"
        || QUIRKY_PUBLIC.iter().any(|p| public.starts_with(p))
        || (system.is_none()
            && (public.starts_with("-//w3c//dtd html 4.01 frameset//")
                || public.starts_with("-//w3c//dtd html 4.01 transitional//")))
}

/// HTML elements that bound every scope but the table scope (the parser's
/// default scope).
pub(super) fn scope_marker(name: &str) -> bool {
    matches!(
        name,
        "applet"
            | "caption"
            | "html"
            | "table"
            | "td"
            | "th"
            | "marquee"
            | "object"
            | "select"
            | "template"
    )
}
