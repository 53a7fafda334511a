#!/usr/bin/env python3
"""Perturbed dev pages of the human-annotated sets: the same page with one change
a template elsewhere might make, scored against the page's own truth.

usage: $VENV_PY scripts/perturb_pages.py DEV_DIR OUT_DIR
       python3 scripts/perturb_pages.py --score SCORE_PY OUT_DIR PRED.jsonl

Needs lxml (in the venv of scripts/compare_extraction.py). For each full-text page
of scrapinghub, big9, fundus, l3s_gn1, chaos, readability, newspaper and daniel
whose middle paragraph (of its truth, over 80 characters) is found as a <p>:

- `split`: the element holding that paragraph is cut in two after it (a second
  element with the same tag and attributes takes the rest), an ad box between;
- `cards`: after the page's last truth paragraph, a box of four teaser cards (a
  linked headline and a lead each) with no heading over it;
- `flat`: the same four cards laid out flat, no element per card: `<h3>` links
  and `<p>` leads set straight into one box;
- `dl`: the same, as a definition list (`<dt>` links, `<dd>` leads);
- `bio`: after it, an "About the author" box with a paragraph of biography;
- `orig`: the page re-serialised the same way, unchanged, to compare with.

Writes OUT_DIR/<id>__<variant>.html and OUT_DIR/truth.jsonl (source = variant).
Deterministic. `--score` (standard library only) compares each variant with
`orig` on the same pages: mean page F1 of both (shared score.py's page score),
and the pages where the variant loses more than 0.1.
"""
import json
import sys
from pathlib import Path

from perturb_synth import dev_pages

try:
    import lxml.html
    from lxml import etree
except ImportError:  # --score needs only the standard library
    lxml = etree = None

SETS = ["scrapinghub", "big9", "fundus", "l3s_gn1", "chaos", "readability", "newspaper", "daniel"]
AD = ('<div class="ad-slot"><span>Advertisement</span>'
      '<iframe src="https://ads.example/slot"></iframe></div>')
CARDS = [
    ("Bridge repairs to close the river road for a month",
     "Drivers will face a twelve-mile detour from Monday while engineers replace the bearings of the old bridge."),
    ("School wins national prize for its science garden",
     "Pupils grew forty kinds of vegetable on a former car park and sold them at the market to pay for a greenhouse."),
    ("Bus fares to rise by ten pence in the spring",
     "The operator blamed higher fuel and wage costs for the rise, the first in three years, and promised more buses."),
    ("Market square to get new lights and benches",
     "The council approved the plan after a survey in which most residents asked for more seating and better lighting."),
]
BIO = ('<div class="author-box"><h4>About the author</h4><p>Jane Miller covers local politics and '
       'transport for the paper. She joined in 2015 after ten years at regional titles and writes a '
       'weekly column on city hall.</p></div>')


def norm(s):
    return " ".join(s.split())


def find_p(doc, text):
    for p in doc.iter("p"):
        if norm(p.text_content()) == text:
            return p
    return None


def serialise(doc):
    return b'<meta charset="utf-8">' + lxml.html.tostring(doc, encoding="utf-8")


def variants(raw, paras):
    """(name, html bytes) for each variant the page allows."""
    parse = lambda: lxml.html.document_fromstring(raw)
    out = [("orig", serialise(parse()))]
    doc = parse()
    hit = find_p(doc, paras[len(paras) // 2])
    parent = hit.getparent() if hit is not None else None
    if parent is not None and parent.tag not in ("body", "html"):
        rest = list(hit.itersiblings())
        try:
            twin = etree.Element(parent.tag, dict(parent.attrib))
        except ValueError:
            twin = None
        if twin is not None and any(r.tag == "p" for r in rest):
            for r in rest:
                twin.append(r)
            ad = lxml.html.fragment_fromstring(AD)
            parent.addnext(ad)
            ad.addnext(twin)
            out.append(("split", serialise(doc)))
    boxed = '<div class="c"><h3><a href="/n/{i}">{h}</a></h3><p>{l}</p></div>'
    flat = '<h3><a href="/n/{i}">{h}</a></h3><p>{l}</p>'
    dl = '<dt><a href="/n/{i}">{h}</a></dt><dd>{l}</dd>'
    cards = lambda box, card: box.format("".join(
        card.format(i=i, h=h, l=l) for i, (h, l) in enumerate(CARDS)))
    for name, chunk in [("cards", cards('<div class="box-b">{}</div>', boxed)),
                        ("flat", cards('<div class="box-b">{}</div>', flat)),
                        ("dl", cards('<dl class="box-b">{}</dl>', dl)), ("bio", BIO)]:
        doc = parse()
        last = find_p(doc, paras[-1])
        if last is None:
            continue
        last.addnext(lxml.html.fragment_fromstring(chunk))
        out.append((name, serialise(doc)))
    return out


def score(score_py, out, pred):
    import importlib.util
    spec = importlib.util.spec_from_file_location("score", score_py)
    sc = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(sc)
    truth = {t["id"]: t for t in sc.load_jsonl(str(Path(out) / "truth.jsonl"))}
    preds = {str(r["id"]): r.get("text") or "" for r in sc.load_jsonl(pred)}
    f1 = lambda k: sc.score_page(truth[k], preds.get(k, ""))["f1"]
    for variant in sorted({t["source"] for t in truth.values()} - {"orig"}):
        pairs = [(f1(k.rsplit("__", 1)[0] + "__orig"), f1(k))
                 for k, t in truth.items() if t["source"] == variant]
        n = len(pairs)
        worse = sum(1 for a, b in pairs if b < a - 0.1)
        print(f"{variant:<8} pages {n}  orig F1 {sum(a for a, _ in pairs) / n:.3f}  "
              f"{variant} F1 {sum(b for _, b in pairs) / n:.3f}  worse by >0.1: {worse}")


def write_pages(dev, out, make):
    """Writes each variant `make(raw, paras)` gives for the pages of SETS (full
    text, four paragraphs over 80 characters) and their truth, to OUT_DIR."""
    out.mkdir(parents=True, exist_ok=True)
    with open(out / "truth.jsonl", "w", encoding="utf-8") as truth_out:
        for name in SETS:
            src = dev / name
            if not (src / "truth.jsonl").exists():
                continue
            for pid, raw, t in dev_pages(src):
                if t.get("kind") != "full":
                    continue
                paras = [norm(p) for p in t["text"].split("\n\n") if len(p) > 80]
                if len(paras) < 4:
                    continue
                try:
                    pages = make(raw, paras)
                except (etree.ParserError, ValueError):
                    continue
                for variant, body in pages:
                    (out / f"{pid}__{variant}.html").write_bytes(body)
                    truth_out.write(json.dumps(dict(t, id=f"{pid}__{variant}", source=variant),
                                               ensure_ascii=False) + "\n")


def main():
    if len(sys.argv) == 5 and sys.argv[1] == "--score":
        return score(*sys.argv[2:])
    if len(sys.argv) != 3 or lxml is None:
        sys.exit(__doc__)
    write_pages(Path(sys.argv[1]), Path(sys.argv[2]), variants)


if __name__ == "__main__":
    main()
