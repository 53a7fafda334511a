#!/usr/bin/env bash
# Runs every fuzz target in turn, SECONDS each (default 900), one core.
#   bash fuzz/run.sh [SECONDS]
# Needs the nightly toolchain and cargo-fuzz (`cargo install cargo-fuzz`).
# Crashes land in fuzz/artifacts/<target>/; add each as a regression test.
set -uo pipefail
cd "$(dirname "$0")"
secs=${1:-900}
for t in strip_html strip_text warc jsonl decode; do
  mkdir -p corpus/$t
  echo "== $t: ${secs}s"
  cargo +nightly fuzz run "$t" corpus/$t -- -max_total_time="$secs" -timeout=10 \
    -rss_limit_mb=4096 -max_len=65536 -print_final_stats=1 2>&1 | tail -25
done
