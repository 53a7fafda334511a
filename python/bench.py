"""The package README's table, measured in one Python process pinned to one core.

    python python/bench.py [SHARED]      (SHARED defaults to ../shared beside the repo)

Strip: every page of SHARED/extraction/dev, decoded once to `str` (resiliparse's
charset detection), then each extractor's fastest documented call on the same
strings: `newsdistill.strip`, `trafilatura.extract(fast=True)`,
`rs_trafilatura.extract`, resiliparse `extract_plain_text(HTMLTree.parse(html),
main_content=True)`. Time is the calls alone, one pass each.

Dedup: SHARED/dedup/dev.jsonl. `newsdistill.dedup([path], threads=1)` (the whole
call: reading, strip, fingerprint, cluster, canonical) against datasketch
`MinHash.bulk` (128 permutations, Arabic-normalised word 5-grams) with
`MinHashLSH(threshold=0.3)` and union-find, the texts already in memory. Pairwise
F1 from SHARED/dedup/score.py.

Needs trafilatura, rs-trafilatura, resiliparse and datasketch installed beside
newsdistill; a tool that is missing is left out of the table.
"""

import gzip
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import newsdistill

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared"


def pages():
    from resiliparse.parse.encoding import bytes_to_str, detect_encoding

    out = []
    for f in sorted((SHARED / "extraction" / "dev").glob("*/*.html*")):
        data = f.read_bytes()
        if f.suffix == ".gz":
            data = gzip.decompress(data)
        out.append(bytes_to_str(data, detect_encoding(data)))
    return out


def extractors():
    tools = {"newsdistill.strip": lambda h: newsdistill.strip(h)}
    try:
        import trafilatura

        tools["trafilatura 2.3.1 extract(fast=True)"] = lambda h: trafilatura.extract(h, fast=True)
    except ImportError:
        pass
    try:
        import rs_trafilatura

        tools["rs_trafilatura 0.1.1 extract"] = lambda h: rs_trafilatura.extract(h)
    except ImportError:
        pass
    try:
        from resiliparse.extract.html2text import extract_plain_text
        from resiliparse.parse.html import HTMLTree

        tools["resiliparse 2.0.1 extract_plain_text"] = lambda h: extract_plain_text(
            HTMLTree.parse(h), main_content=True
        )
    except ImportError:
        pass
    return tools


def time_calls(call, items):
    start = time.perf_counter()
    for x in items:
        try:
            call(x)
        except Exception:  # a page a tool cannot use still costs its time
            pass
    return time.perf_counter() - start


# The same MinHash-LSH as scripts/compare_dedup.py (MinHash.bulk), in this process.
sys.path.insert(0, str(ROOT / "scripts"))
from compare_dedup import minhash_lsh as datasketch_clusters  # noqa: E402


def f1(pred):
    path = Path(tempfile.mkdtemp()) / "pred.jsonl"
    with open(path, "w", encoding="utf-8") as fh:
        for doc, c in pred.items():
            fh.write(json.dumps({"id": doc, "cluster": c}) + "\n")
    dev = SHARED / "dedup" / "dev.jsonl"
    out = subprocess.run([sys.executable, SHARED / "dedup" / "score.py", dev, path],
                         capture_output=True, text=True).stdout
    return out.strip().splitlines()[-1] if out.strip() else "?"


def main():
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})
    html = pages()
    mb = sum(len(h.encode()) for h in html) / 1e6
    print(f"| strip, {len(html)} dev pages ({mb:.0f} MB as UTF-8) | pages/s | MB/s |")
    print("|---|---|---|")
    for name, call in extractors().items():
        took = time_calls(call, html)
        print(f"| {name} | {len(html) / took:,.0f} | {mb / took:.1f} |")

    dev = SHARED / "dedup" / "dev.jsonl"
    docs = [json.loads(line) for line in open(dev, encoding="utf-8")]
    mb = sum(len(d["text"].encode()) for d in docs) / 1e6
    print()
    print(f"| dedup, {len(docs)} documents ({mb:.1f} MB) | docs/s | pairwise F1 / ARI |")
    print("|---|---|---|")
    start = time.perf_counter()
    stories = newsdistill.dedup([str(dev)], threads=1)
    took = time.perf_counter() - start
    ours = {m: s["id"] for s in stories for m in s["members"]}
    print(f"| newsdistill.dedup(threads=1), whole call | {len(docs) / took:,.0f} | {f1(ours)} |")
    try:
        start = time.perf_counter()
        theirs = datasketch_clusters(docs)
        took = time.perf_counter() - start
        print(f"| datasketch MinHash.bulk + MinHashLSH(0.3) | {len(docs) / took:,.0f} | {f1(theirs)} |")
    except ImportError:
        pass


if __name__ == "__main__":
    main()
