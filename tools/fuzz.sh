#!/usr/bin/env bash
# Builds the libFuzzer targets (clang, ASan+UBSan) into ./build-fuzz
# (tools/sanitized-build.sh) and runs one of them, or each in turn, for SECONDS.
# Usage: tools/fuzz.sh TARGET|all SECONDS
#   TARGET: the name of a tests/fuzz/TARGET_fuzz.cc (format_parsers, segment, ...)
# The corpus grows in build-fuzz/corpus/TARGET (kept between runs); seeds are
# rebuilt by tools/fuzz-seeds.sh when missing. A finding stops the run with
# the fuzzer's report and leaves the input in build-fuzz/findings/.
# Every timed run appends "date target wall_s user_s executions corpus_files
# sys_s outcome" to build-fuzz/history.tsv, a run that ends in a finding too
# (outcome "finding"): issue 8 counts fuzzing time per target in total, and
# CPU seconds, not wall seconds, say how much fuzzing a loaded machine did
# (user and system apart: the segment target writes and maps a file per
# input, so most of its time is the kernel's).
set -euo pipefail
cd "$(dirname "$0")/.."
if [[ $# -ne 2 ]]; then
  echo "usage: $0 TARGET|all SECONDS (targets: $(ls tests/fuzz/*_fuzz.cc | xargs -n1 basename | sed 's/_fuzz.cc//' | tr '\n' ' '))" >&2
  exit 2
fi
target=$1
seconds=$2
build=build-fuzz
bash tools/sanitized-build.sh
# Seeds are written again when a target has none yet (a new target).
for source in tests/fuzz/*_fuzz.cc; do
  name=$(basename "$source" _fuzz.cc)
  if [[ ! -d $build/seeds/$name ]]; then
    bash tools/fuzz-seeds.sh
    break
  fi
done

# ALCOR_FUZZ_RUNS=N: a reproducible smoke run instead (CI): N executions from
# a fixed seed over the seeds alone, so a run passes or fails the same way
# every time; findings still fail it.
limit=(-max_total_time="$seconds")
if [[ -n ${ALCOR_FUZZ_RUNS:-} ]]; then
  limit=(-runs="$ALCOR_FUZZ_RUNS" -seed=1)
fi

run() {
  local t=$1
  local corpus=$build/corpus/$t
  if [[ -n ${ALCOR_FUZZ_RUNS:-} ]]; then
    corpus=$build/smoke-corpus/$t
    rm -rf "$corpus"
  fi
  mkdir -p "$corpus" "$build/findings"
  echo "== fuzz_$t: ${limit[*]}"
  # -max_len: index segments and registry files are larger than libFuzzer's
  # default of the largest seed; -rss_limit_mb keeps a runaway allocation a finding.
  local times=$build/fuzz-$t.time outcome=ok
  /usr/bin/time -f '%e %U %S' -o "$times" "$build/tests/fuzz/fuzz_$t" "${limit[@]}" -max_len=262144 -rss_limit_mb=2048 \
    -timeout=20 -print_final_stats=1 -artifact_prefix="$build/findings/$t-" "$corpus" "$build/seeds/$t" \
    2>"$build/fuzz-$t.log" || outcome=finding
  local execs files wall user sys
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$build/fuzz-$t.log")
  files=$(find "$corpus" -type f | wc -l)
  read -r wall user sys < <(tail -n 1 "$times")
  if [[ -z ${ALCOR_FUZZ_RUNS:-} ]]; then
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$(date -u +%FT%TZ)" "$t" "$wall" "$user" "${execs:-0}" "$files" "$sys" \
      "$outcome" >>"$build/history.tsv"
  fi
  if [[ $outcome == finding ]]; then
    tail -n 60 "$build/fuzz-$t.log"
    echo "fuzz_$t: FINDING (log: $build/fuzz-$t.log)" >&2
    return 1
  fi
  echo "executions: $execs, corpus: $files files, wall/user/sys s: $wall $user $sys"
}

if [[ $target == all ]]; then
  status=0
  for f in tests/fuzz/*_fuzz.cc; do
    t=$(basename "$f" _fuzz.cc)
    run "$t" || status=1
  done
  exit $status
fi
[[ -f tests/fuzz/${target}_fuzz.cc ]] || { echo "$0: no target '$target'" >&2; exit 2; }
run "$target"
