#!/usr/bin/env bash
# Whole-pipeline figures for BENCHMARKS.md ("marsad digest"):
#   1. `marsad digest` over all of SaudiNewsNet with a progress bar, wall time and peak
#      memory from GNU time (cleaning + sentences only, then every stage);
#   2. `marsad bench digest` on a bounded sample with the per-stage seconds.
# Usage: bench/bench_digest.sh [CORPUS] [SAMPLE_LIMIT]
set -euo pipefail
cd "$(dirname "$0")/.."
corpus=${1:-../shared/data/saudinewsnet}
limit=${2:-1000}
out=$(mktemp -d)
echo "## $(date -u +%F) on $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
for stages in none all; do
  echo "### marsad digest $corpus --stages $stages"
  /usr/bin/time -f "wall %e s, user %U s, sys %S s, peak RSS %M KiB" \
    .venv/bin/marsad digest "$corpus" --out "$out/$stages" --stages "$stages" 2> >(grep -v "no article text" | tr '\r' '\n' | tail -n 3 >&2)
done
echo "### marsad bench digest --limit $limit"
.venv/bin/marsad bench digest --corpus "$corpus" --limit "$limit" --json
rm -rf "$out"
