"""Shared by the comparison scripts: build `distill` and time one run of it on one
thread, the whole process (reading, decoding and writing included); print a table."""
import subprocess
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def timed_distill(mode, out, inputs):
    """Runs `distill MODE -q --threads 1 -o OUT INPUTS...`; returns seconds spent."""
    subprocess.run(["cargo", "build", "-q", "--release", "--example", "distill"], cwd=ROOT, check=True)
    t = time.perf_counter()
    subprocess.run([ROOT / "target/release/examples/distill", mode, "-q", "--threads", "1", "-o", out]
                   + [str(i) for i in inputs], check=True, stderr=subprocess.DEVNULL)
    return time.perf_counter() - t


def print_table(headers, rows):
    """Prints a Markdown table: a header row, its rule, then one row per tuple."""
    print("| " + " | ".join(headers) + " |")
    print("|" + "---|" * len(headers))
    for row in rows:
        print("| " + " | ".join(row) + " |")
