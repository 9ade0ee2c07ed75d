#!/usr/bin/env bash
# Installs the dependencies, builds alcor and runs the whole test suite, then
# the suite again under ASan+UBSan and each fuzz target for a short while.
# ALCOR_FUZZ_SECONDS (default 10) is the time per fuzz target; 0 skips them.
set -euo pipefail
cd "$(dirname "$0")/.."
bash tools/build.sh
ctest --test-dir build -j"$(nproc)" --output-on-failure
# A small run of the end-to-end benchmark keeps it working (figures from
# such a small corpus are not the ones bench/RESULTS.md records).
bash bench/e2e.sh --size 100M --files 4 --queries 20
bash tools/test-sanitize.sh
if [[ ${ALCOR_FUZZ_SECONDS:-10} != 0 ]]; then
  bash tools/fuzz.sh all "${ALCOR_FUZZ_SECONDS:-10}"
fi
