#!/usr/bin/env bash
# Runs every fuzz target for SECONDS each (default 900), JOBS at a time (default 1).
#   bash fuzz/run.sh [SECONDS] [JOBS]
# Needs the nightly toolchain and cargo-fuzz (`cargo install cargo-fuzz`).
# Safe Rust: no sanitizer (-s none), so many more runs per second.
# Crashes land in fuzz/artifacts/<target>/; add each as a regression test.
set -uo pipefail
cd "$(dirname "$0")"
secs=${1:-900}
jobs=${2:-1}
cargo +nightly fuzz build -s none >/dev/null 2>&1 || { echo "fuzz build failed"; exit 1; }
one() {
  mkdir -p corpus/$1
  cargo +nightly fuzz run -s none "$1" corpus/$1 -- -max_total_time="$secs" -timeout=10 \
    -rss_limit_mb=4096 -max_len=65536 -print_final_stats=1 >"logs/$1.log" 2>&1
  echo "== $1: exit $? $(grep -E '^Done|stat::number_of_executed_units' "logs/$1.log" | tr '\n' ' ')"
}
mkdir -p logs
running=0
for t in strip_html strip_text warc jsonl decode gzip; do
  one "$t" &
  running=$((running + 1))
  if [ "$running" -ge "$jobs" ]; then wait -n; running=$((running - 1)); fi
done
wait
