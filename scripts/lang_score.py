#!/usr/bin/env python3
"""Language accuracy of `distill strip` output against the truth's `lang`.

usage: lang_score.py TRUTH(.jsonl or dir of sets) PRED.jsonl
Counts pages whose truth names a language (not "und"); prints
`languages right R/N (P with none)`: R predicted the truth's code, P had no
language detected. The truths' own codes are not all right (a site's declared
language), so 100% is not the ceiling.
"""
import json
import sys
from pathlib import Path


def truths(path):
    p = Path(path)
    files = [p] if p.is_file() else sorted(p.glob("*/truth.jsonl"))
    for f in files:
        for line in open(f, encoding="utf-8"):
            yield json.loads(line)


def main(truth, pred):
    got = {}
    for line in open(pred, encoding="utf-8"):
        d = json.loads(line)
        got[d["id"]] = d.get("lang")
    n = right = none = 0
    for t in truths(truth):
        want = t.get("lang")
        if not want or want == "und" or t["id"] not in got:
            continue
        n += 1
        right += got[t["id"]] == want
        none += got[t["id"]] is None
    print(f"languages right {right}/{n} ({none} with none)")


if __name__ == "__main__":
    if len(sys.argv) != 3:
        print(__doc__)
        sys.exit(2)
    main(sys.argv[1], sys.argv[2])
