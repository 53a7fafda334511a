#!/usr/bin/env python3
"""datasketch MinHash-LSH (Arabic-normalised word 5-grams, threshold 0.3, 128
permutations, signatures by `MinHash.bulk`) against `distill dedup`, on
../shared/dedup/dev.jsonl, one core each, in one run, taking turns (one pass each
per round, the median of each kept). Prints pairwise F1/ARI (shared score.py) and docs/s.

usage: /path/to/venv/bin/python scripts/compare_dedup.py   (venv with datasketch)
"""
import json, os, re, subprocess, sys, tempfile, unicodedata
from pathlib import Path

from distill_run import ROUNDS, build_distill, median, print_table, time_distill, timed

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("SHARED", ROOT.parent / "shared"))
DEV = SHARED / "dedup" / "dev.jsonl"
SCORE = SHARED / "dedup" / "score.py"

TASHKEEL = re.compile("[\u064b-\u065f\u0670\u0640]")
FOLD = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه", "ؤ": "و", "ئ": "ي",
                      **{chr(0x660 + i): str(i) for i in range(10)}})


def norm_words(text):
    t = TASHKEEL.sub("", unicodedata.normalize("NFKC", text)).translate(FOLD).lower()
    return re.findall(r"\w+", t)


def minhash_lsh(docs):
    from datasketch import MinHash, MinHashLSH
    lsh = MinHashLSH(threshold=0.3, num_perm=128)
    parent = {}

    def find(x):
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def grams(text):
        w = norm_words(text)
        return sorted({" ".join(w[i:i + 5]).encode() for i in range(max(1, len(w) - 4))})

    # MinHash.bulk: datasketch's fastest documented way to hash many sets.
    prints = MinHash.bulk([grams(d["text"]) for d in docs], num_perm=128)
    for d, m in zip(docs, prints):
        parent[d["id"]] = d["id"]
        for other in lsh.query(m):
            a, b = find(other), find(d["id"])
            if a != b:
                parent[max(a, b)] = min(a, b)
        lsh.insert(d["id"], m)
    return {i: find(i) for i in parent}


def score(pred_path):
    out = subprocess.run([sys.executable, SCORE, DEV, pred_path], capture_output=True, text=True).stdout
    return out.strip().splitlines()[-1]


def main():
    tmp = Path(tempfile.mkdtemp())
    docs = [json.loads(l) for l in open(DEV, encoding="utf-8")]
    nbytes = sum(len(d["text"].encode()) for d in docs)
    clusters = {}
    out = tmp / "distill.jsonl"
    build_distill()
    ours, theirs = [], []
    for _ in range(ROUNDS):
        theirs.append(timed(lambda: clusters.update(minhash_lsh(docs))))
        ours.append(time_distill("dedup", out, [DEV]))
    spent = median(theirs)
    pred = tmp / "datasketch.jsonl"
    with open(pred, "w") as fh:
        for i, c in clusters.items():
            fh.write(json.dumps({"id": i, "cluster": c}) + "\n")
    rows = [("datasketch MinHash.bulk + LSH, normalised 5-grams, t=0.3", score(pred), len(docs) / spent, nbytes / spent / 1e6)]
    spent = median(ours)
    pred = tmp / "distill_pred.jsonl"
    with open(out) as src, open(pred, "w") as fh:
        subprocess.run([sys.executable, SHARED / "dedup" / "members_to_clusters.py"], stdin=src, stdout=fh, check=True)
    rows.append(("newsdistill (strip + dedup, whole process)", score(pred), len(docs) / spent, nbytes / spent / 1e6))
    print(f"{len(docs)} documents, {nbytes / 1e6:.1f} MB, one core each, median of {ROUNDS} rounds\n")
    print_table(["method", "dev pairwise F1 / ARI", "docs/s", "MB/s"],
                [(name, s, f"{dps:,.0f}", f"{mbs:.2f}") for name, s, dps, mbs in rows])
    print("\nseconds per round: datasketch " + " ".join(f"{t:.2f}" for t in theirs)
          + "; newsdistill " + " ".join(f"{t:.2f}" for t in ours))


if __name__ == "__main__":
    main()
