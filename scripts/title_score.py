#!/usr/bin/env python3
"""Title accuracy of `distill strip` output against the truth files that carry a
title (arabic, arabic_synth, readability).

usage: title_score.py TRUTH.jsonl PRED.jsonl [-v]

A title counts as right when its words are the truth's, or when they are at least
half of the truth's and appear in it in order (truth files made by other tools keep
the site suffix of <title>: "Headline | Site"). Prints `titles RIGHT/N`.
"""
import json, re, sys


def words(s):
    return re.findall(r"\w+", (s or "").lower())


def main(truth, pred, verbose=False):
    preds = {}
    for line in open(pred, encoding="utf-8"):
        if line.strip():
            d = json.loads(line)
            preds[str(d["id"])] = d.get("title")
    right = n = 0
    for line in open(truth, encoding="utf-8"):
        t = json.loads(line)
        if not t.get("title"):
            continue
        n += 1
        p, q = words(preds.get(str(t["id"]))), words(t["title"])
        ok = p == q or (p and 2 * len(p) >= len(q) and " ".join(p) in " ".join(q))
        right += bool(ok)
        if verbose and not ok:
            print(f"  {t['id']}: {t['title']!r} got {preds.get(str(t['id']))!r}")
    if n:
        print(f"titles {right}/{n}")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], "-v" in sys.argv)
