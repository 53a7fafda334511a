#!/usr/bin/env python3
"""Feeds a JSONL set to `distill dedup --state` in K runs and compares the stories
of the last run with one `distill dedup` over the whole set.

    scripts/state_runs.py DISTILL SET.jsonl K WORKDIR [SEED]

The set is cut into K consecutive parts (in file order, as a crawler meets its
documents; with SEED, after shuffling the lines, so each run holds documents from
all over the set and ids arrive out of order). Prints the pairwise agreement of the two partitions (the one-shot
partition taken as truth: precision, recall, F1) and whether the story lines are
byte-identical. The partitions are also written as WORKDIR/one.clusters.jsonl and
WORKDIR/state{K}.clusters.jsonl ({"id", "cluster"} lines) for ../shared/dedup/score.py.
"""
import json
import os
import shutil
import subprocess
import sys
from itertools import combinations


def clusters(path):
    """Document id -> story id, from `distill dedup` lines."""
    out = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            story = json.loads(line)
            for m in story["members"]:
                out[m] = story["id"]
    return out


def pairs(assign):
    by = {}
    for doc, c in assign.items():
        by.setdefault(c, []).append(doc)
    return {tuple(sorted(p)) for g in by.values() for p in combinations(g, 2)}


def write_clusters(assign, path):
    with open(path, "w", encoding="utf-8") as f:
        for doc in sorted(assign):
            f.write(json.dumps({"id": doc, "cluster": assign[doc]}) + "\n")


def main():
    distill, data, k, work = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
    os.makedirs(work, exist_ok=True)
    with open(data, encoding="utf-8") as f:
        lines = f.readlines()
    if len(sys.argv) > 5:
        import random
        random.Random(int(sys.argv[5])).shuffle(lines)
    state = os.path.join(work, f"state{k}")
    shutil.rmtree(state, ignore_errors=True)
    one = os.path.join(work, "one.jsonl")
    subprocess.run([distill, "dedup", "-q", "-o", one, data], check=True, stderr=subprocess.DEVNULL)
    size = -(-len(lines) // k)
    last = os.path.join(work, f"state{k}.jsonl")
    for i in range(k):
        part = os.path.join(work, f"part{i}.jsonl")
        with open(part, "w", encoding="utf-8") as f:
            f.writelines(lines[i * size:(i + 1) * size])
        subprocess.run([distill, "dedup", "-q", "--state", state, "-o", last, part],
                       check=True, stderr=subprocess.DEVNULL)
        os.remove(part)
    a, b = clusters(one), clusters(last)
    write_clusters(a, os.path.join(work, "one.clusters.jsonl"))
    write_clusters(b, os.path.join(work, f"state{k}.clusters.jsonl"))
    pa, pb = pairs(a), pairs(b)
    tp = len(pa & pb)
    p = tp / len(pb) if pb else 1.0
    r = tp / len(pa) if pa else 1.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    with open(one, "rb") as x, open(last, "rb") as y:
        same = x.read() == y.read()
    order = f" (shuffled, seed {sys.argv[5]})" if len(sys.argv) > 5 else ""
    print(f"{k} runs{order}: {len(b)} documents, agreement with one run P {p:.4f} R {r:.4f} "
          f"F1 {f1:.4f}; stories byte-identical: {same}")


if __name__ == "__main__":
    main()
