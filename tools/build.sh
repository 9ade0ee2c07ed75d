#!/usr/bin/env bash
# Installs the dependencies and builds alcor (Release) into ./build.
# The build is profile-guided: tools/pgo-train.sh first runs an instrumented
# alcor over a generated sample (in ./build-pgo), and the compiler optimises
# with those counts, which takes 5-10% off the CPU time of indexing
# (bench/RESULTS.md). ALCOR_PGO=0 builds without it.
# Usage: tools/build.sh [extra cmake args...]
set -euo pipefail
cd "$(dirname "$0")/.."
bash tools/install-deps.sh
pgo=(-DALCOR_PGO=)
if [[ ${ALCOR_PGO:-1} != 0 ]]; then
  bash tools/pgo-train.sh build-pgo "$@"
  pgo=(-DALCOR_PGO=use -DALCOR_PGO_DIR="$PWD/build-pgo/profile")
fi
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release "${pgo[@]}" "$@" >/dev/null
ninja -C build -j"$(nproc)"
