#!/usr/bin/env bash
# Installs the dependencies, builds alcor and runs the whole test suite.
set -euo pipefail
cd "$(dirname "$0")/.."
bash tools/build.sh
ctest --test-dir build -j"$(nproc)" --output-on-failure
