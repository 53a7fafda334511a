//! The headline of an HTML page.

use super::{LinkedData, MAX_FIELD_CHARS};
use crate::normalize::normalize;
use crate::segment::{Block, BlockKind, PageMeta};
use crate::strip::{Article, Features};
use crate::text::under_half_links;

/// A heading shorter than this is a label or a logo's letters, not a headline.
const MIN_HEADLINE_CHARS: usize = 5;

/// The headline of an HTML page: the `<h1>`/`<h2>` that agrees with `og:title`, the
/// JSON-LD `headline` or the first or longest part of `<title>`; else the first `<h1>`
/// that is not a link (a linked one is a teaser or the logo); else those fields.
/// The site's name is never the headline.
pub(in crate::strip) struct Headline {
    /// The headline's block.
    pub block: Option<usize>,
    /// It agrees with those fields: the page's own (an `<h1>` alone may be a
    /// section's label); or the page has no such fields and one unlinked `<h1>`.
    pub agrees: bool,
    title: Option<String>,
}

impl Headline {
    /// The headline's block when it agrees with the page's fields.
    pub(in crate::strip) fn agreed(&self) -> Option<usize> {
        self.block.filter(|_| self.agrees)
    }

    /// The headline becomes the article's title, and its block no body.
    pub(in crate::strip) fn lift(&self, feats: &mut [Features], article: &mut Article) {
        if let Some(i) = self.block {
            feats[i].removed = true;
        }
        article.title = self.title.clone().filter(|t| !t.is_empty());
    }
}

/// Finds the page's [`Headline`].
pub(in crate::strip) fn html_title(blocks: &[Block], meta: &PageMeta, ld: &LinkedData) -> Headline {
    let ld = ld.field("headline");
    let site = meta.site_name.as_deref().map(normalize);
    let not_site = |t: &str| site.as_ref().is_none_or(|s| *s != normalize(t));
    let fields: Vec<String> = [
        meta.og_title.clone(),
        ld,
        meta.title.as_deref().map(strip_site_suffix),
    ]
    .into_iter()
    .flatten()
    .filter(|t| !t.is_empty() && t.chars().count() <= MAX_FIELD_CHARS && not_site(t))
    .collect();
    // `<title>` leads with the headline, or holds it as its longest part.
    let first_part = meta
        .title
        .as_deref()
        .and_then(|t| title_parts(t).into_iter().next());
    let reference: Vec<String> = fields
        .iter()
        .chain(first_part.iter().filter(|t| not_site(t)))
        .map(|t| normalize(t))
        .collect();
    // Most of one in the other: a kicker or a suffix may differ, a logo may not.
    let agrees = |h: &str, r: &str| {
        (r.contains(h) && 2 * h.len() >= r.len()) || (h.contains(r) && 2 * r.len() >= h.len())
    };
    let headline =
        |b: &Block| (MIN_HEADLINE_CHARS..=MAX_FIELD_CHARS).contains(&b.chars) && not_site(&b.text);
    let agreed = blocks.iter().enumerate().find(|(_, b)| {
        matches!(b.kind, BlockKind::Heading(1 | 2)) && headline(b) && {
            let h = normalize(&b.text);
            reference.iter().any(|r| agrees(&h, r))
        }
    });
    let mut h1s = blocks.iter().enumerate().filter(|(_, b)| {
        b.kind == BlockKind::Heading(1) && headline(b) && under_half_links(b.link_chars, b.chars)
    });
    let first_h1 = h1s.next();
    // A page with no title of its own to check against (no `<title>`, or only
    // the `og:site_name` there) and one `<h1>` that is no link: that is its
    // headline, and counts as agreed.
    let sole = reference.is_empty() && first_h1.is_some() && h1s.next().is_none();
    let h1 = agreed.or(first_h1);
    Headline {
        block: h1.map(|(i, _)| i),
        agrees: agreed.is_some() || sole,
        title: match h1 {
            Some((_, b)) => Some(b.text.clone()),
            None => fields.into_iter().next(),
        },
    }
}

/// `"Headline | Site"` → `["Headline", "Site"]`: the parts between separators.
pub(in crate::strip) fn title_parts(title: &str) -> Vec<String> {
    let marked = [" | ", " - ", " – ", " — ", " :: ", " « ", " » ", " · "]
        .iter()
        .fold(title.to_owned(), |t, sep| t.replace(sep, "\u{1}"));
    marked
        .split('\u{1}')
        .map(|p| p.trim().to_owned())
        .filter(|p| !p.is_empty())
        .collect()
}

/// `"Headline | Site"` → `"Headline"`: the longest part between separators.
pub(in crate::strip) fn strip_site_suffix(title: &str) -> String {
    title_parts(title)
        .into_iter()
        .max_by_key(|p| p.chars().count())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn site_suffix_goes() {
        assert_eq!(
            strip_site_suffix("Storm hits the coast overnight | The Daily"),
            "Storm hits the coast overnight"
        );
    }
}
