#!/usr/bin/env bash
# Builds alcor with AddressSanitizer + UndefinedBehaviorSanitizer into
# ./build-asan and runs the test suite there. Any sanitizer report fails the
# run, including one from an `alcor` child process that a test ran (reports
# go to files, so a test that expects a failing exit code cannot hide one).
# Usage: tools/test-sanitize.sh [extra ctest args...]
set -euo pipefail
cd "$(dirname "$0")/.."
build=build-asan
# -O1 -g1 (line tables only): reports keep file and line, and the build takes
# about 8 of the 11.5 minutes -O2 -g took on 2 cores; the tests run as fast.
cmake -S . -B $build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -g1 -DNDEBUG" \
  -DALCOR_SANITIZE=ON -DALCOR_BUILD_BENCH=OFF >/dev/null
ninja -C $build -j"$(nproc)"

reports=$PWD/$build/sanitizer-reports
rm -rf "$reports"
mkdir -p "$reports"
export ASAN_OPTIONS="log_path=$reports/asan"
export UBSAN_OPTIONS="log_path=$reports/ubsan:print_stacktrace=1"
status=0
# The whole suite: under ASan it takes about 1 minute on 2 cores (the
# slowest test, the SIGKILL crash-safety loop, about 15 s), so nothing is left out.
ctest --test-dir $build -j"$(nproc)" --output-on-failure "$@" || status=1
if compgen -G "$reports/*" >/dev/null; then
  echo "sanitizer reports:" >&2
  cat "$reports"/* >&2
  status=1
fi
exit $status
