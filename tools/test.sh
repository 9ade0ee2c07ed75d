#!/usr/bin/env bash
# Installs the dependencies, builds alcor and runs the whole test suite, then
# the suite again under ASan+UBSan and each fuzz target for a short while.
# ALCOR_FUZZ_RUNS (default 20000) is the executions per fuzz target; 0 skips them.
set -euo pipefail
cd "$(dirname "$0")/.."
bash tools/build.sh
ctest --test-dir build -j"$(nproc)" --output-on-failure
# A small run of the end-to-end benchmark keeps it working (figures from
# such a small corpus are not the ones bench/RESULTS.md records).
bash bench/e2e.sh --size 100M --files 4 --queries 20
# The A/B script over that corpus, the build against itself: it must run, and
# one build must write the same index bytes twice (both threads at work).
ab=$(bash bench/ab.sh build/alcor build/alcor build/bench-e2e/gz --runs 1)
echo "$ab"
grep -qx "index files: identical" <<<"$ab"
bash bench/scale.sh --small 20M --large 60M --days 2 --queries 50 --address-queries 5 --inquiries 200
bash tools/test-sanitize.sh
# Each fuzz target as a reproducible smoke run (tools/fuzz.sh); long runs are
# done by hand: tools/fuzz.sh TARGET SECONDS.
if [[ ${ALCOR_FUZZ_RUNS:-20000} != 0 ]]; then
  ALCOR_FUZZ_RUNS=${ALCOR_FUZZ_RUNS:-20000} bash tools/fuzz.sh all 0
fi
