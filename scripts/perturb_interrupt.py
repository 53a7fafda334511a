#!/usr/bin/env python3
"""Interruptions in the body as sites nobody tuned on write them: the dev pages of
the human-annotated sets with one insertion after the body's middle paragraph,
inside the element that holds it, under opaque class names (no "ad", "related",
"share" to go by), scored against the page's own truth.

usage: $VENV_PY scripts/perturb_interrupt.py DEV_DIR OUT_DIR
       python3 scripts/perturb_pages.py --score SCORE_PY OUT_DIR PRED.jsonl

Needs lxml (the venv of scripts/compare_extraction.py). Pages: those of
scripts/perturb_pages.py (full text, four paragraphs over 80 characters, the
middle one found as a <p>). Variants, each inserted right after that <p>:

- `tweet`: an embedded post (a blockquote: one line, a link, "— name (@handle) date");
- `related`: a box with a short heading and four linked headlines;
- `newsletter`: a sign-up box (heading, one sentence, a form's button);
- `ad`: an ad slot labelled "Advertisement", its markup named opaquely;
- `video`: a figure with a video and a one-sentence caption;
- `teasers`: two teaser cards (a linked headline and a lead each);
- `resplit`: the element cut in two after the paragraph, the second half
  under another class name (a CMS's "body part 2"), nothing between;
- `thirds`: the element cut in three, a third and two thirds through its
  paragraphs, an ad slot before each later part and each under a name of its
  own (a long story with an ad every few paragraphs);
- `orig`: the page re-serialised unchanged, to compare with.

Writes OUT_DIR/<id>__<variant>.html and OUT_DIR/truth.jsonl (source = variant).
Deterministic.
"""
import sys
from pathlib import Path

from perturb_pages import find_p, serialise, write_pages

try:
    import lxml.html
    from lxml import etree
except ImportError:
    lxml = etree = None

HEADS = [
    "Bridge repairs to close the river road for a month",
    "School wins national prize for its science garden",
    "Bus fares to rise by ten pence in the spring",
    "Market square to get new lights and benches",
]
LEADS = [
    "Drivers will face a twelve-mile detour from Monday while engineers replace the bearings of the old bridge.",
    "Pupils grew forty kinds of vegetable on a former car park and sold them at the market to pay for a greenhouse.",
]
CHUNKS = {
    "tweet": '<blockquote class="q7x"><p lang="en">The crowd outside the hall tonight is bigger than '
             'anything we saw last year <a href="https://t.example/x1">pic.example/Ab12</a></p>'
             '&mdash; Sam Reporter (@samreports) <a href="https://t.example/s/1">March 3, 2024</a>'
             '</blockquote>',
    "related": '<div class="k2m"><h4>More on this</h4><ul>' + "".join(
        f'<li><a href="/s/{i}">{h}</a></li>' for i, h in enumerate(HEADS)) + "</ul></div>",
    "newsletter": '<div class="n4p"><h4>Get the morning briefing</h4><p>The day\'s top stories '
                  'in your inbox every weekday.</p><form><input type="email" placeholder="Email">'
                  '<button>Sign up</button></form></div>',
    "ad": '<div class="z9r"><div class="z9s">Advertisement</div><div id="z9t"></div></div>',
    "video": '<figure class="v3w"><video src="/v/1.mp4"></video><figcaption>Watch: firefighters '
             'tackle the blaze from a turntable ladder.</figcaption></figure>',
    "teasers": '<div class="t8u">' + "".join(
        f'<div class="t8v"><h3><a href="/t/{i}">{HEADS[i]}</a></h3><p>{LEADS[i]}</p></div>'
        for i in range(2)) + "</div>",
}


def variants(raw, paras):
    """(name, html bytes) for each variant the page allows."""
    parse = lambda: lxml.html.document_fromstring(raw)
    out = [("orig", serialise(parse()))]
    middle = paras[len(paras) // 2]
    for name, chunk in CHUNKS.items():
        doc = parse()
        hit = find_p(doc, middle)
        if hit is None:
            return []
        hit.addnext(lxml.html.fragment_fromstring(chunk))
        out.append((name, serialise(doc)))
    doc = parse()
    hit = find_p(doc, middle)
    parent = hit.getparent()
    rest = list(hit.itersiblings())
    if parent.tag not in ("body", "html") and any(r.tag == "p" for r in rest):
        twin = etree.Element(parent.tag, {"class": "p2q"})
        for r in rest:
            twin.append(r)
        parent.addnext(twin)
        out.append(("resplit", serialise(doc)))
    doc = parse()
    cuts = [find_p(doc, paras[len(paras) * k // 3]) for k in (1, 2)]
    if all(c is not None for c in cuts) and cuts[0].getparent() is cuts[1].getparent():
        parent = cuts[0].getparent()
        kids = list(parent)
        a, b = kids.index(cuts[0]), kids.index(cuts[1])
        second, third = kids[a + 1:b + 1], kids[b + 1:]
        if (parent.tag not in ("body", "html") and a < b
                and any(k.tag == "p" for k in second) and any(k.tag == "p" for k in third)):
            last = parent
            for name, part in (("p2q", second), ("p3w", third)):
                ad = lxml.html.fragment_fromstring(CHUNKS["ad"])
                box = etree.Element(parent.tag, {"class": name})
                for k in part:
                    box.append(k)
                last.addnext(ad)
                ad.addnext(box)
                last = box
            out.append(("thirds", serialise(doc)))
    return out


def main():
    if len(sys.argv) != 3 or lxml is None:
        sys.exit(__doc__)
    write_pages(Path(sys.argv[1]), Path(sys.argv[2]), variants)


if __name__ == "__main__":
    main()
