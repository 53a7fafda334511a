#!/usr/bin/env python3
"""Perturbed Arabic site templates: the arabic_synth dev pages with a teaser list
added where an unseen template may put one, and their title metadata dropped.

usage: perturb_synth.py SYNTH_DIR OUT_DIR

Each page (utf-8 ones; windows-1256 pages are left out) gives one page per
variant in OUT_DIR, with OUT_DIR/truth.jsonl (the page's own truth, source
`synth_<variant>`). A teaser list is 4 to 8 cards, each a linked headline and a
lead paragraph taken from the other pages' articles; variants put it right
before the article's wrapper (the element holding its <h1>), with or without a
heading over it, as <li> items, with a date or an image in each card, with
leads cut short ("..."); or at the start of <body>, with or without dates.
<title> and og:/twitter:title are removed from every page, as on templates that
carry none. Python 3 standard library only; deterministic (seeded).
"""
import gzip
import html
import json
import random
import re
import sys
from pathlib import Path

VARIANTS = ["before", "before_nohead", "before_li", "before_date", "before_img",
            "before_trunc", "body", "body_date"]
HEADINGS = ["آخر الأخبار", "أخبار ذات صلة", "الأكثر قراءة", "مقالات"]


def pages(src):
    truth = {}
    for line in open(src / "truth.jsonl", encoding="utf-8"):
        t = json.loads(line)
        truth[t["id"]] = t
    for f in sorted(src.glob("*.html*")):
        pid = re.sub(r"\.html(\.gz)?$", "", f.name)
        raw = f.read_bytes()
        if f.suffix == ".gz":
            raw = gzip.decompress(raw)
        if pid not in truth or b"1256" in raw[:4000]:
            continue
        yield pid, raw.decode("utf-8", "replace"), truth[pid]


def teasers(rng, style, heads, leads):
    cards = []
    for i in range(rng.randint(4, 8)):
        head = html.escape(rng.choice(heads))
        lead = rng.choice(leads)
        if style == "trunc":
            lead = lead[:110] + "..."
        img = f'<a href="/n/{i}"><img src="/i/{i}.jpg" alt=""></a>' if style == "img" else ""
        date = f'<span class="date">{rng.randint(10, 28)}/0{rng.randint(1, 9)}/2015</span>' \
            if style == "date" else ""
        tag = "li" if style == "li" else "div"
        cards.append(f'<{tag} class="item">{img}<h3><a href="/news/{rng.randint(1000, 99999)}">'
                     f'{head}</a></h3>{date}<p>{html.escape(lead)}</p></{tag}>')
    items = "".join(cards)
    if style == "li":
        items = f"<ul>{items}</ul>"
    heading = "" if style == "nohead" else f"<h2>{rng.choice(HEADINGS)}</h2>"
    return f'<div class="news-list">{heading}{items}</div>'


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    src, out = Path(sys.argv[1]), Path(sys.argv[2])
    out.mkdir(parents=True, exist_ok=True)
    docs = list(pages(src))
    rng = random.Random(7)
    with open(out / "truth.jsonl", "w", encoding="utf-8") as truth_out:
        for pid, page, truth in docs:
            others = [t for p, _, t in docs if p != pid]
            heads = [t["text"].split("\n")[0] for t in others]
            leads = [t["text"].split("\n\n")[1] for t in others if "\n\n" in t["text"]]
            page = re.sub(r"<title[^>]*>.*?</title>", "", page, flags=re.S | re.I)
            page = re.sub(r'<meta[^>]+(og|twitter):title[^>]*>', "", page, flags=re.I)
            title = truth["text"].split("\n")[0].strip()
            # The wrapper of the article's <h1>: the element opened right before it.
            h1 = page.find(f">{html.escape(title, quote=False)}</h1>")
            start = page.rfind("<h1", 0, h1) if h1 >= 0 else -1
            wrapper = page.rfind("<", 0, start) if start > 0 else -1
            body = re.search(r"<body[^>]*>", page)
            if wrapper < 0 or not body or not page[wrapper:start].startswith("<div"):
                continue
            for variant in VARIANTS:
                place, _, style = variant.partition("_")
                box = teasers(rng, style, heads, leads)
                at = wrapper if place == "before" else body.end()
                name = f"{pid}__{variant}"
                (out / f"{name}.html").write_text(page[:at] + box + page[at:], encoding="utf-8")
                truth_out.write(json.dumps(dict(truth, id=name, source=f"synth_{variant}"),
                                           ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
