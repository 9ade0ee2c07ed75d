#!/usr/bin/env bash
# Runs the test suite built with clang, AddressSanitizer and
# UndefinedBehaviorSanitizer (tools/sanitized-build.sh, into ./build-fuzz,
# which the fuzz targets share). Any sanitizer report fails the run,
# including one from an `alcor` child process that a test ran (reports go
# to files, so a test that expects a failing exit code cannot hide one).
# Usage: tools/test-sanitize.sh [extra ctest args...]
set -euo pipefail
cd "$(dirname "$0")/.."
build=build-fuzz
bash tools/sanitized-build.sh

reports=$PWD/$build/sanitizer-reports
rm -rf "$reports"
mkdir -p "$reports"
export ASAN_OPTIONS="log_path=$reports/asan"
export UBSAN_OPTIONS="log_path=$reports/ubsan:print_stacktrace=1"
status=0
# The whole suite: under the sanitizers it takes about 3 minutes on 2 cores,
# so nothing is left out.
ctest --test-dir $build -j"$(nproc)" --output-on-failure "$@" || status=1
if compgen -G "$reports/*" >/dev/null; then
  echo "sanitizer reports:" >&2
  cat "$reports"/* >&2
  status=1
fi
exit $status
