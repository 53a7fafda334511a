#!/usr/bin/env python3
"""Unseen templates, approximated: every dev page with its `class` and `id`
values replaced by opaque words (one word for one name, so repeated boxes still
share their names), so no name says "comment", "sidebar" or "article". What a
page loses here is what rules learnt from site names were doing for it, which a
site named otherwise will not give.

usage: anonymise_pages.py DEV_DIR OUT_DIR   (DEV_DIR: sets of pages, or pages)

Writes OUT_DIR/<id>.html for each page of DEV_DIR/*/ (the bytes as they were
but for the names), so the shared score.py scores OUT_DIR's output against the
dev truth as it is. Standard library only; deterministic.
"""
import gzip
import hashlib
import re
import sys
from pathlib import Path

# A class or id attribute with its quoted value (unquoted values are rare and kept).
NAMED = re.compile(rb"""(\s(?:class|id)\s*=\s*)(?:"([^"]*)"|'([^']*)')""", re.I)


def opaque(value: bytes) -> bytes:
    """Each word of a name as `x` and six hex digits of its hash."""
    return b" ".join(b"x" + hashlib.md5(w).hexdigest()[:6].encode() for w in value.split())


def anonymise(raw: bytes) -> bytes:
    return NAMED.sub(lambda m: m.group(1) + b'"' + opaque(m.group(2) if m.group(2) is not None else m.group(3)) + b'"', raw)


def main():
    dev, out = Path(sys.argv[1]), Path(sys.argv[2])
    out.mkdir(parents=True, exist_ok=True)
    # A dev directory's sets, or a directory of pages (perturb_synth.py's).
    for page in sorted(dev.glob("*/*.html*")) + sorted(dev.glob("*.html")):
        raw = gzip.decompress(page.read_bytes()) if page.suffix == ".gz" else page.read_bytes()
        name = page.name[:-3] if page.suffix == ".gz" else page.name
        (out / name).write_bytes(anonymise(raw))


if __name__ == "__main__":
    main()
