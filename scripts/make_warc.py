#!/usr/bin/env python3
"""Writes a WARC of about SIZE_MB megabytes of `response` records, repeating the
pages of the given directories (gzipped or plain HTML) under fresh record ids, for
streaming and memory measurements of `distill strip`.

usage: python3 scripts/make_warc.py OUT.warc SIZE_MB DIR...
"""
import gzip, sys, uuid
from pathlib import Path

out, size_mb, dirs = sys.argv[1], float(sys.argv[2]), sys.argv[3:]
pages = []
for d in dirs:
    for p in sorted(Path(d).rglob("*.htm*")):
        data = p.read_bytes()
        pages.append(gzip.decompress(data) if p.suffix == ".gz" else data)
if not pages:
    sys.exit("no pages found")
limit, written, n = size_mb * 1e6, 0, 0
with open(out, "wb") as f:
    while written < limit:
        page = pages[n % len(pages)]
        http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n" + page
        rid = uuid.UUID(int=n + 1)
        head = (f"WARC/1.1\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:{rid}>\r\n"
                f"WARC-Target-URI: https://site{n % 50}.example/{n}\r\n"
                f"Content-Type: application/http; msgtype=response\r\n"
                f"Content-Length: {len(http)}\r\n\r\n").encode()
        rec = head + http + b"\r\n\r\n"
        f.write(rec)
        written += len(rec)
        n += 1
print(f"{out}: {n} records, {written / 1e6:.0f} MB")
