"""Shared by the comparison scripts: build `distill` and time one run of it on one
thread, the whole process (reading, decoding and writing included); print a table."""
import subprocess
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


# Every tool is timed this many times, the tools taking turns, one pass each per
# round, and each one's median kept: the machine is shared, its speed drifts over
# a minute, and timing one tool's passes after another's measured the drift as
# much as the tools (one load spike moved one figure by a fifth).
ROUNDS = 5


def median(times):
    """The median of an odd number of timings."""
    return sorted(times)[len(times) // 2]


def timed(run):
    """Calls `run()`; returns the seconds it took."""
    started = time.perf_counter()
    run()
    return time.perf_counter() - started


def build_distill():
    """Builds the `distill` example in release mode."""
    subprocess.run(["cargo", "build", "-q", "--release", "--example", "distill"], cwd=ROOT, check=True)


def time_distill(mode, out, inputs):
    """Runs `distill MODE -q --threads 1 -o OUT INPUTS...` once; returns the seconds."""
    cmd = [ROOT / "target/release/examples/distill", mode, "-q", "--threads", "1", "-o", out]
    cmd += [str(i) for i in inputs]
    return timed(lambda: subprocess.run(cmd, check=True, stderr=subprocess.DEVNULL))


def print_table(headers, rows):
    """Prints a Markdown table: a header row, its rule, then one row per tuple."""
    print("| " + " | ".join(headers) + " |")
    print("|" + "---|" * len(headers))
    for row in rows:
        print("| " + " | ".join(row) + " |")
