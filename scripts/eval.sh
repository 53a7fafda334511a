#!/usr/bin/env bash
# Scores newsdistill on the evaluation sets in ../shared (never copied into the repo).
#   scripts/eval.sh            extraction per set + dedup
#   VENV_PY=… scripts/eval.sh  also the perturbed dev pages (scripts/perturb_pages.py,
#                              scripts/perturb_interrupt.py)
# The dev pages are also scored with their class and id names made opaque
# (scripts/anonymise_pages.py), as a stand-in for sites named otherwise.
# Prints one line per figure (and title accuracy where the truth has titles);
# outputs go to a temp dir.
set -euo pipefail
cd "$(dirname "$0")/.."
SHARED=${SHARED:-../shared}
OUT=$(mktemp -d)
cargo build -q --release --example distill
BIN=target/release/examples/distill

echo "== extraction (4-token-shingle F1, scrapinghub scheme)"
for set in "$SHARED"/extraction/dev/*/; do
  name=$(basename "$set")
  files=$(find "$set" -name '*.html' -o -name '*.html.gz' | sort)
  [ -n "$files" ] || continue
  # shellcheck disable=SC2086
  $BIN strip -q -o "$OUT/$name.jsonl" $files 2>"$OUT/$name.err" || true
  # The ALL line: full-text P/R/F1, or prefix recall, or snippet P/R/F1 by the set's kind.
  printf '%-14s %s %s\n' "$name" "$(python3 "$SHARED/extraction/score.py" "$set/truth.jsonl" "$OUT/$name.jsonl" | grep '^ALL' | sed 's/^ALL *//')" \
    "$(python3 scripts/title_score.py "$set/truth.jsonl" "$OUT/$name.jsonl")"
done
all=$(find "$SHARED"/extraction/dev -name '*.html' -o -name '*.html.gz' | sort)
# shellcheck disable=SC2086
$BIN strip -q -o "$OUT/all.jsonl" $all 2>/dev/null || true
python3 "$SHARED/extraction/score.py" "$SHARED/extraction/dev" "$OUT/all.jsonl" >"$OUT/all.score"
printf '%-14s %s\n' "all" "$(grep '^ALL' "$OUT/all.score" | sed 's/^ALL *//')"
printf '%-14s %s\n' "non-English" "$(grep '^lang!=en' "$OUT/all.score" | sed 's/^lang!=en *//')"
printf '%-14s %s\n' "languages" "$(python3 scripts/lang_score.py "$SHARED/extraction/dev" "$OUT/all.jsonl")"
# Crawl mode: the sets whose pages come from few sites, read as a crawl of those
# sites (each page with its URL), so site templates are learnt across pages.
echo "== crawl mode (pages with their sites' URLs)"
for name in arabic_synth cleanportaleval; do
  set="$SHARED/extraction/dev/$name"
  [ -d "$set" ] || continue
  python3 scripts/crawl_warc.py "$set" "$OUT/$name.warc" 2>/dev/null
  $BIN strip -q -o "$OUT/$name.crawl.jsonl" "$OUT/$name.warc" 2>/dev/null || true
  printf '%-14s %s\n' "$name" "$(python3 "$SHARED/extraction/score.py" "$set/truth.jsonl" "$OUT/$name.crawl.jsonl" | grep '^ALL' | sed 's/^ALL *//')"
done
# Unseen templates, approximated: the Arabic site pages with teaser lists, chrome
# and interruptions added and their title metadata dropped (scripts/perturb_synth.py).
echo "== perturbed Arabic templates (teasers, chrome, interruptions added; no title metadata)"
python3 scripts/perturb_synth.py "$SHARED/extraction/dev/arabic_synth" "$OUT/perturbed"
$BIN strip -q -o "$OUT/perturbed.jsonl" "$OUT"/perturbed/*.html 2>/dev/null || true
python3 "$SHARED/extraction/score.py" "$OUT/perturbed/truth.jsonl" "$OUT/perturbed.jsonl" >"$OUT/perturbed.score"
printf '%-14s %s\n' "perturbed" "$(grep '^ALL' "$OUT/perturbed.score" | sed 's/^ALL *//')"
printf '%-14s %s\n' "worst variant" "$(grep '^source=' "$OUT/perturbed.score" | sed -E 's/^source=([^ ]+).* F1=([0-9.]+).*/F1=\2 \1/' | sort | head -1)"
# The same pages with their class and id names made opaque: unseen templates
# are named otherwise too.
python3 scripts/anonymise_pages.py "$OUT/perturbed" "$OUT/perturbed_opaque"
$BIN strip -q -o "$OUT/perturbed_opaque.jsonl" "$OUT"/perturbed_opaque/*.html 2>/dev/null || true
python3 "$SHARED/extraction/score.py" "$OUT/perturbed/truth.jsonl" "$OUT/perturbed_opaque.jsonl" >"$OUT/perturbed_opaque.score"
printf '%-14s %s\n' "opaque names" "$(grep '^ALL' "$OUT/perturbed_opaque.score" | sed 's/^ALL *//')"
printf '%-14s %s\n' "worst variant" "$(grep '^source=' "$OUT/perturbed_opaque.score" | sed -E 's/^source=([^ ]+).* F1=([0-9.]+).*/F1=\2 \1/' | sort | head -1)"
# Unseen site names, approximated: every dev page with its class and id values
# made opaque (scripts/anonymise_pages.py); scored as the dev pages are.
echo "== dev pages with class and id names made opaque"
python3 scripts/anonymise_pages.py "$SHARED/extraction/dev" "$OUT/opaque"
$BIN strip -q -o "$OUT/opaque.jsonl" "$OUT"/opaque/*.html 2>/dev/null || true
python3 "$SHARED/extraction/score.py" "$SHARED/extraction/dev" "$OUT/opaque.jsonl" >"$OUT/opaque.score"
printf '%-14s %s\n' "opaque names" "$(grep '^ALL' "$OUT/opaque.score" | sed 's/^ALL *//')"
if [ -f "$SHARED/extraction/folds.py" ]; then
  python3 "$SHARED/extraction/folds.py" "$SHARED/extraction/dev" "$OUT/opaque.jsonl"
fi
# The human-annotated sets' pages perturbed the same way (needs lxml: only with
# VENV_PY, the comparison venv's python).
if [ -n "${VENV_PY:-}" ]; then
  echo "== perturbed dev pages (body split by an ad, card box, author box; mean page F1)"
  "$VENV_PY" scripts/perturb_pages.py "$SHARED/extraction/dev" "$OUT/pages"
  $BIN strip -q -o "$OUT/pages.jsonl" "$OUT"/pages/*.html 2>/dev/null || true
  python3 scripts/perturb_pages.py --score "$SHARED/extraction/score.py" "$OUT/pages" "$OUT/pages.jsonl"
  echo "== interruptions under opaque names inside the body (mean page F1)"
  "$VENV_PY" scripts/perturb_interrupt.py "$SHARED/extraction/dev" "$OUT/interrupt"
  $BIN strip -q -o "$OUT/interrupt.jsonl" "$OUT"/interrupt/*.html 2>/dev/null || true
  python3 scripts/perturb_pages.py --score "$SHARED/extraction/score.py" "$OUT/interrupt" "$OUT/interrupt.jsonl"
fi
# Folds split by site: a rule fitted to some sites' pages shows in one fold only.
if [ -f "$SHARED/extraction/folds.py" ]; then
  echo "== folds (by site)"
  python3 "$SHARED/extraction/folds.py" "$SHARED/extraction/dev" "$OUT/all.jsonl"
fi

echo "== dedup (pairwise F1, ARI)"
$BIN dedup -q -o "$OUT/dedup.jsonl" "$SHARED/dedup/dev.jsonl" 2>"$OUT/dedup.err" || true
python3 "$SHARED/dedup/members_to_clusters.py" <"$OUT/dedup.jsonl" >"$OUT/pred.jsonl"
printf '%-14s %s\n' "dedup all" "$(python3 "$SHARED/dedup/score.py" "$SHARED/dedup/dev.jsonl" "$OUT/pred.jsonl" | tail -1)"
printf '%-14s %s\n' "dedup real" "$(python3 "$SHARED/dedup/score.py" "$SHARED/dedup/dev.jsonl" "$OUT/pred.jsonl" --origin real | tail -1)"
$BIN strip -q -o "$OUT/dedup_strip.jsonl" "$SHARED/dedup/dev.jsonl" 2>"$OUT/dedup_strip.err" || true
printf '%-14s %s\n' "dedup empty" "$(grep -c 'no article text' "$OUT/dedup_strip.err" || true) documents with no article text"
printf '%-14s %s\n' "text titles" "$(python3 scripts/text_title_score.py "$SHARED/dedup/dev.jsonl" "$OUT/dedup_strip.jsonl")"
# A crawler's state: the set added in 2 and in 7 runs (lines shuffled, so ids
# arrive out of order) against one run over all of it.
echo "== dedup state (runs against one run)"
for k in 2 7; do
  python3 scripts/state_runs.py "$BIN" "$SHARED/dedup/dev.jsonl" "$k" "$OUT/state" 1
  printf '%-14s %s\n' "state $k runs" "$(python3 "$SHARED/dedup/score.py" "$SHARED/dedup/dev.jsonl" "$OUT/state/state$k.clusters.jsonl" | tail -1)"
done
echo "outputs in $OUT"
