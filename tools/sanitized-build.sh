#!/usr/bin/env bash
# Builds alcor, its tests and the libFuzzer targets with clang, ASan and
# UBSan into ./build-fuzz. One build serves tools/test-sanitize.sh (the test
# suite) and tools/fuzz.sh (the fuzz targets): on 2 cores it takes 5.5
# minutes, where a separate g++ ASan build and the fuzz build took 9.
# CXX_FUZZ names another clang (default clang++-14). The build's output is
# shown only when it fails.
set -euo pipefail
cd "$(dirname "$0")/.."
build=build-fuzz
CXX=${CXX_FUZZ:-clang++-14} cmake -S . -B $build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DALCOR_FUZZ=ON \
  -DALCOR_BUILD_TESTS=ON -DALCOR_BUILD_BENCH=OFF >/dev/null
# ninja prints compile errors on stdout.
if ! ninja -C $build -j"$(nproc)" >"$build/build.log"; then
  tail -n 60 "$build/build.log" >&2
  echo "$0: the sanitized build failed (log: $build/build.log)" >&2
  exit 1
fi
