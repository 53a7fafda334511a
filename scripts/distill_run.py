"""Shared by the comparison scripts: build `distill` and time one run of it on one
thread, the whole process (reading, decoding and writing included); print a table."""
import subprocess
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


# Every tool is timed this many times and its median kept: the machine is shared,
# and one load spike would otherwise move one tool's figure by a fifth.
REPEAT = 3


def median_time(run):
    """Calls `run()` REPEAT times; returns the median of the seconds each took."""
    times = []
    for _ in range(REPEAT):
        t = time.perf_counter()
        run()
        times.append(time.perf_counter() - t)
    return sorted(times)[len(times) // 2]


def build_distill():
    """Builds the `distill` example in release mode."""
    subprocess.run(["cargo", "build", "-q", "--release", "--example", "distill"], cwd=ROOT, check=True)


def time_distill(mode, out, inputs):
    """Runs `distill MODE -q --threads 1 -o OUT INPUTS...` once; returns the seconds."""
    cmd = [ROOT / "target/release/examples/distill", mode, "-q", "--threads", "1", "-o", out]
    cmd += [str(i) for i in inputs]
    started = time.perf_counter()
    subprocess.run(cmd, check=True, stderr=subprocess.DEVNULL)
    return time.perf_counter() - started


def timed_distill(mode, out, inputs):
    """`distill MODE` built, then run REPEAT times; returns the median seconds."""
    build_distill()
    return median_time(lambda: time_distill(mode, out, inputs))


def print_table(headers, rows):
    """Prints a Markdown table: a header row, its rule, then one row per tuple."""
    print("| " + " | ".join(headers) + " |")
    print("|" + "---|" * len(headers))
    for row in rows:
        print("| " + " | ".join(row) + " |")
