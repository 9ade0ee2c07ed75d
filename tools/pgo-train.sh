#!/usr/bin/env bash
# Builds an instrumented alcor in DIR and runs it over a generated sample, so
# that tools/build.sh can optimise the real build with the counts it leaves
# in DIR/profile: ingest of gzip and zstd archives and plain text in two
# Apache formats, then the two kinds of question. Takes about a minute and a
# half on 2 cores, mostly the instrumented compile.
# Usage: tools/pgo-train.sh DIR [extra cmake args...]
set -euo pipefail
cd "$(dirname "$0")/.."
dir=$1
shift
profile=$PWD/$dir/profile
cmake -S . -B "$dir" -G Ninja -DCMAKE_BUILD_TYPE=Release -DALCOR_PGO=generate -DALCOR_PGO_DIR="$profile" \
  -DALCOR_BUILD_TESTS=OFF -DALCOR_BUILD_BENCH=OFF "$@" >/dev/null
ninja -C "$dir" -j"$(nproc)" alcor alcor-loggen

sample=$dir/sample
rm -rf "$sample"
mkdir -p "$sample"
# Each step is quiet unless it fails.
quiet() { "$@" >"$sample/step.log" 2>&1 || { cat "$sample/step.log" >&2; return 1; }; }
loggen() { quiet "$dir/tools/alcor-loggen" "$@"; }
alcor() { quiet "$dir/alcor" "$@"; }

loggen -o "$sample/gz" --seed 7 --size 40M --files 2 --compress gzip --plain-newest 0 --plant 3 \
  --truth "$sample/truth.jsonl"
loggen -o "$sample/zst" --seed 8 --size 40M --files 2 --compress zstd --plain-newest 1 --format vhost_combined
# The generator links alcor's library too: only alcor's own runs may count.
rm -rf "$profile"

alcor index --no-progress --index "$sample/index" "$sample/gz" "$sample/zst"
posting=$(head -n 1 "$sample/truth.jsonl")
field() { printf '%s' "$posting" | grep -o "\"$1\":\"[^\"]*\"" | head -n 1 | cut -d'"' -f4; }
alcor query --index "$sample/index" --at "$(field time_local)" --url "$(field url)"
ip=$(field ip)
alcor query --index "$sample/index" --ip "$ip" --limit 0
case $ip in
  *:*) prefix=$ip/64 ;;
  *) prefix=${ip%.*}.0/24 ;;
esac
alcor query --index "$sample/index" --ip "$prefix" --output csv
