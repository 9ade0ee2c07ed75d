#!/usr/bin/env bash
# Compares two alcor builds on the same archives, alternating them so that
# the host's drift hits both alike (these machines are noisy: read only the
# ratio of one run of this script).
#
#   bench/ab.sh A_ALCOR B_ALCOR DIR [--runs N] [--threads N] [--work DIR] [--index-arg ARG]...
#
# Each run flushes the page cache's dirty pages (sync), removes the previous
# index and times `alcor index --no-progress` over DIR: wall seconds and CPU
# seconds (user + system). Prints every run, then per build the mean and the
# best of both, B's over A's, and whether the two builds wrote the same
# index bytes (segments and access sidecars).
set -euo pipefail

usage() { sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }
[[ $# -ge 3 ]] || usage
a=$1 b=$2 dir=$3
shift 3
runs=4 threads="" work=${TMPDIR:-/tmp}/alcor-ab.$$
extra=()
while [[ $# -gt 0 ]]; do
  case $1 in
    --runs) runs=$2; shift 2 ;;
    --threads) threads=$2; shift 2 ;;
    --work) work=$2; shift 2 ;;
    --index-arg) extra+=("$2"); shift 2 ;;
    *) usage ;;
  esac
done
[[ -x $a && -x $b && -d $dir ]] || usage
mkdir -p "$work"
trap 'rm -rf "$work"' EXIT
[[ -n $threads ]] && extra+=(--threads "$threads")

# Prints "wall cpu" in seconds for one build ($1: A or B).
run() {
  local bin=$a
  [[ $1 == B ]] && bin=$b
  rm -rf "$work/idx-$1"
  sync
  /usr/bin/time -f "%e %U %S" -o "$work/time" "$bin" index --no-progress "${extra[@]}" --index "$work/idx-$1" "$dir" \
    >/dev/null 2>"$work/stderr" || { cat "$work/stderr" >&2; exit 1; }
  awk '{ printf "%.3f %.3f\n", $1, $2 + $3 }' "$work/time"
}

for i in $(seq "$runs"); do
  for build in A B; do echo "$build $(run $build)"; done
done | tee "$work/runs" | awk '{ printf "run %s: wall %s s, cpu %s s\n", $1, $2, $3 }'

awk '
  { n[$1]++; w[$1] += $2; c[$1] += $3
    if (!($1 in bw) || $2 < bw[$1]) bw[$1] = $2
    if (!($1 in bc) || $3 < bc[$1]) bc[$1] = $3 }
  END {
    for (k = 0; k < 2; k++) {
      x = k ? "B" : "A"
      printf "%s: wall mean %.3f best %.3f s, cpu mean %.3f best %.3f s\n", x, w[x] / n[x], bw[x], c[x] / n[x], bc[x]
    }
    printf "B/A: wall mean %.3f best %.3f, cpu mean %.3f best %.3f\n",
      w["B"] / w["A"], bw["B"] / bw["A"], c["B"] / c["A"], bc["B"] / bc["A"]
  }' "$work/runs"

index_hash() { (cd "$work/idx-$1" && find . \( -name '*.als' -o -name '*.aix' \) -print0 | sort -z | xargs -0 cat | sha256sum); }
if [[ $(index_hash A) == "$(index_hash B)" ]]; then
  echo "index files: identical"
else
  echo "index files: differ"
fi
