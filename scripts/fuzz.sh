#!/usr/bin/env bash
# Runs every fuzz target of the module for a while each (default 60s):
#   scripts/fuzz.sh 10m
# CI runs the same loop for 5 s per target. A failing input is written to
# the package's testdata/fuzz/ and the script stops: commit the input with
# the fix, so it stays a regression test.
set -euo pipefail
cd "$(dirname "$0")/.."
fuzztime="${1:-60s}"
started=$(date +%s)
count=0
for dir in $(grep -rl --include='*_test.go' '^func Fuzz' . | grep -v node_modules | xargs -n1 dirname | sort -u); do
  for fn in $(grep -h '^func Fuzz' "$dir"/*_test.go | sed -E 's/^func (Fuzz[A-Za-z0-9_]*).*/\1/'); do
    printf '%-28s %-28s ' "$dir" "$fn"
    if out=$(go test -run '^$' -fuzz "^${fn}\$" -fuzztime "$fuzztime" "$dir" 2>&1); then
      echo "$out" | grep -Eo 'execs: [0-9]+' | tail -n 1 || echo "ok"
    else
      echo "FAILED"
      echo "$out" | tail -n 40
      exit 1
    fi
    count=$((count + 1))
  done
done
echo "$count fuzz targets, $fuzztime each, no failure ($(( $(date +%s) - started ))s)"
