#!/usr/bin/env python3
"""Writes one evaluation set's pages as a crawl would store them: a WARC of
`response` records, each with its page's URL, so that `distill strip` learns site
templates across the pages of one site as a crawler's run would. A page's site is
the host of its truth URL, else its id without a trailing `_<n>` (pages of one
synthetic site), as ../shared/extraction/folds.py groups them. Record ids are the
page ids, so the output scores against the set's truth.

usage: python3 scripts/crawl_warc.py SET_DIR OUT.warc
"""
import gzip, json, re, sys
from pathlib import Path
from urllib.parse import urlsplit

set_dir, out = Path(sys.argv[1]), sys.argv[2]
truth = {}
for line in open(set_dir / "truth.jsonl", encoding="utf-8"):
    t = json.loads(line)
    truth[str(t["id"])] = t


def site(t):
    url = t.get("url") or ""
    host = urlsplit(url).hostname if url else None
    if host:
        return host[4:] if host.startswith("www.") else host
    return re.sub(r"_\d+$", "", str(t["id"]))


n = 0
with open(out, "wb") as f:
    for p in sorted(set_dir.glob("*.htm*")):
        pid = re.sub(r"\.html?(\.gz)?$", "", p.name)
        if pid not in truth:
            continue
        data = p.read_bytes()
        page = gzip.decompress(data) if p.suffix == ".gz" else data
        http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n" + page
        head = (f"WARC/1.1\r\nWARC-Type: response\r\nWARC-Record-ID: <{pid}>\r\n"
                f"WARC-Target-URI: https://{site(truth[pid])}/{pid}\r\n"
                f"Content-Type: application/http; msgtype=response\r\n"
                f"Content-Length: {len(http)}\r\n\r\n").encode()
        f.write(head + http + b"\r\n\r\n")
        n += 1
print(f"{out}: {n} pages", file=sys.stderr)
