#!/usr/bin/env bash
# Installs the dependencies, builds alcor and runs the whole test suite.
set -euo pipefail
cd "$(dirname "$0")/.."
bash tools/build.sh
ctest --test-dir build -j"$(nproc)" --output-on-failure
# A small run of the end-to-end benchmark keeps it working (figures from
# such a small corpus are not the ones bench/RESULTS.md records).
bash bench/e2e.sh --size 200M --files 4 --queries 20
