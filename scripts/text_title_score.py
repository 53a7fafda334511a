#!/usr/bin/env python3
"""Headline accuracy of `distill strip` on the text dumps of ../shared/dedup/dev.jsonl.

usage: text_title_score.py DEV.jsonl STRIP.jsonl

The set has no title field, but each generated story has a base document whose
first line is its headline; its copies carry that headline when their perturbations
include `title`, and no headline otherwise. So for the generated documents:
right  = the headline found (or found with a prefix such as "عاجل.."),
wrong  = another line taken for it, missed = none found,
spurious = a headline given to a copy that carries none.
"""
import json, re, sys


def words(s):
    return re.sub(r"\W+", " ", s or "").strip()


def main(dev, pred):
    docs = [json.loads(l) for l in open(dev, encoding="utf-8")]
    base = {d["cluster"]: d["text"].split("\n")[0].strip() for d in docs if d["kind"] == "gen_base"}
    titles = {}
    for line in open(pred, encoding="utf-8"):
        d = json.loads(line)
        titles[d["id"]] = d.get("title")
    right = wrong = missed = spurious = 0
    for d in docs:
        if d["id"] not in titles or d["cluster"] not in base:
            continue
        t, p = words(base[d["cluster"]]), words(titles[d["id"]])
        if d["kind"] == "gen_base" or "title" in d.get("perturbations", []):
            if not p:
                missed += 1
            elif t in p or (p in t and 2 * len(p) >= len(t)):
                right += 1
            else:
                wrong += 1
        elif p:
            spurious += 1
    print(f"right {right} wrong {wrong} missed {missed} spurious {spurious}")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
