#!/usr/bin/env python3
"""Runs other extractors and newsdistill on ../shared/extraction/dev in one run and
prints F1 (via the shared score.py) and single-core pages/s, as a Markdown table.
newsdistill is timed as a whole process on the decompressed pages; the others by
their calls alone, each pass in a Python process of its own, resiliparse's on the
pages already decoded to `str`. The tools take turns, one pass each per round,
and each one's median over the rounds is kept: the machine is shared and its
speed drifts over a minute, so timing one tool's passes after another's measured
the drift as much as the tools.

usage: VENV_PY=/path/to/venv/bin/python scripts/compare_extraction.py
       COMPARE_TOOLS=resiliparse ... (only those peers)
The venv (outside the repo) needs trafilatura==2.3.1, readability-lxml, resiliparse.
This script itself runs under that venv's python (it imports the tools).
"""
import gzip, json, os, re, subprocess, sys, tempfile
from pathlib import Path

from distill_run import ROUNDS, build_distill, median, print_table, time_distill, timed

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("SHARED", ROOT.parent / "shared"))
DEV = SHARED / "extraction" / "dev"
SCORE = SHARED / "extraction" / "score.py"


def pages():
    for f in sorted(DEV.glob("*/*.html*")):
        data = f.read_bytes()
        if f.suffix == ".gz":
            data = gzip.decompress(data)
        yield f, re.sub(r"\.html(\.gz)?$", "", f.name), data


def tools():
    import trafilatura
    from readability import Document
    from resiliparse.extract.html2text import extract_plain_text
    from resiliparse.parse.encoding import bytes_to_str, detect_encoding
    from resiliparse.parse.html import HTMLTree
    import lxml.html

    def text(b):
        return bytes_to_str(b, detect_encoding(b))

    def readability_text(b):
        html = Document(text(b)).summary(html_partial=True)
        root = lxml.html.fromstring(html)
        paras = [" ".join(e.text_content().split()) for e in root.iter("p", "h1", "h2", "h3", "li", "pre", "blockquote")]
        return "\n\n".join(p for p in paras if p)

    # Each tool: how its input is prepared (outside the timing) and its call.
    # resiliparse is given the pages already decoded to `str`, as issue 20 asks:
    # its extraction call alone is timed, not its charset detection.
    raw = lambda b: b
    return {
        "trafilatura 2.3.1": (raw, lambda b: trafilatura.extract(b) or ""),
        "trafilatura fast": (raw, lambda b: trafilatura.extract(b, fast=True) or ""),
        "readability-lxml": (raw, readability_text),
        "resiliparse": (text, lambda s: extract_plain_text(HTMLTree.parse(s), main_content=True)),
    }


def score(pred):
    out = subprocess.run([sys.executable, SCORE, DEV, pred], capture_output=True, text=True).stdout
    sh = subprocess.run([sys.executable, SCORE, DEV / "scrapinghub" / "truth.jsonl", pred],
                        capture_output=True, text=True).stdout
    def grab(line_prefix, kind, text):
        for line in text.splitlines():
            if line.startswith(line_prefix):
                m = re.search(kind + r"\[\d+\][^F]*F1=([0-9.]+)", line)
                if m:
                    return float(m.group(1))
        return float("nan")
    return {
        "scrapinghub": grab("ALL", "full", sh),
        "all full": grab("ALL", "full", out),
        "snippets": grab("ALL", "snippets", out),
        "non-English full": grab("lang!=en", "full", out),
    }


# Pages a tool's process extracts, untimed, before its timed pass: the first
# calls of a fresh interpreter pay for imports and caches a long run would not.
WARM_UP = 50


def time_tool(name, pred):
    """Times one pass of one tool over every page and writes its outputs to
    `pred`; returns the seconds. Run in a process of its own (see main), so that
    no tool is timed in a heap another tool has filled."""
    docs = list(pages())
    prepare, fn = tools()[name]
    outputs = {}
    inputs = [(pid, prepare(data)) for _, pid, data in docs]

    def extract(some):
        for pid, data in some:
            try:
                outputs[pid] = fn(data)
            except Exception:
                outputs[pid] = ""

    extract(inputs[:WARM_UP])
    spent = timed(lambda: extract(inputs))
    with open(pred, "w") as fh:
        for _, pid, _ in docs:
            fh.write(json.dumps({"id": pid, "text": outputs[pid]}) + "\n")
    return spent


def main():
    if len(sys.argv) == 4 and sys.argv[1] == "--tool":
        print(time_tool(sys.argv[2], sys.argv[3]))
        return
    tmp = Path(tempfile.mkdtemp())
    docs = list(pages())
    nbytes = sum(len(d) for _, _, d in docs)
    # COMPARE_TOOLS=name,name limits the peers run (newsdistill always runs).
    only = [t for t in os.environ.get("COMPARE_TOOLS", "").split(",") if t]
    peers = [name for name in tools() if not only or name in only]
    preds = {name: tmp / (re.sub(r"\W+", "_", name) + ".jsonl") for name in peers + ["newsdistill"]}
    # newsdistill: the whole process on one thread (start-up, reading, decoding
    # and writing included), on the same decompressed bytes the tools were given.
    pages_dir = tmp / "pages"
    pages_dir.mkdir()
    for _, pid, data in docs:
        (pages_dir / (pid + ".html")).write_bytes(data)
    build_distill()
    times = {name: [] for name in preds}
    for _ in range(ROUNDS):
        # Each peer in a fresh interpreter of its own: timed in one process
        # after the others, resiliparse ran at two thirds of its speed alone.
        for name in peers:
            out = subprocess.run([sys.executable, __file__, "--tool", name, preds[name]],
                                 capture_output=True, text=True, check=True).stdout
            times[name].append(float(out.strip().splitlines()[-1]))
        times["newsdistill"].append(time_distill("strip", preds["newsdistill"], [pages_dir]))
    rows = []
    for name, spent in times.items():
        spent = median(spent)
        rows.append((name, score(preds[name]), len(docs) / spent, nbytes / spent / 1e6))
    print(f"{len(docs)} pages, {nbytes / 1e6:.1f} MB, one core each, median of {ROUNDS} rounds\n")
    sets = ["scrapinghub", "all full", "snippets", "non-English full"]
    print_table(["tool", "dev scrapinghub F1", "dev all full-text F1", "dev snippet F1",
                 "non-English full-text F1", "pages/s", "MB/s"],
                [(name, *(f"{s[k]:.3f}" for k in sets), f"{ps:.1f}", f"{mbs:.2f}")
                 for name, s, ps, mbs in rows])
    print("\nseconds per round: " + "; ".join(f"{n} " + " ".join(f"{t:.2f}" for t in ts) for n, ts in times.items()))


if __name__ == "__main__":
    main()
