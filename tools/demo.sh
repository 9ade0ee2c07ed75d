#!/usr/bin/env bash
# The README's first command: install, build, generate a sample archive of
# rotated shared-hosting logs with planted postings, index it, and answer a
# police-style inquiry about one posting.
set -euo pipefail
cd "$(dirname "$0")/.."
bash tools/build.sh

out=${ALCOR_DEMO_DIR:-build/demo}
rm -rf "$out"
mkdir -p "$out"
echo
echo "== generating sample logs in $out/logs (4 rotated files, gzip/zstd/plain)"
build/tools/alcor-loggen -o "$out/logs" --seed 2026 --lines 400000 --files 4 --compress mixed \
  --plant 5 --truth "$out/truth.jsonl" >/dev/null 2>&1
ls -l "$out/logs"

echo
echo "== alcor index --index $out/index $out/logs"
build/alcor index --index "$out/index" "$out/logs"

# The inquiry: the first planted posting's URL and time, as a letter would give them.
first=$(head -n 1 "$out/truth.jsonl")
field() { printf '%s' "$first" | grep -o "\"$1\":\"[^\"]*\"" | head -n 1 | cut -d'"' -f4; }
url=$(field url)
at=$(field time_local)
echo
echo "== inquiry: who posted to $url at $at?"
echo "== alcor query --index $out/index --at $at --window 60s --url $url --output table"
build/alcor query --index "$out/index" --at "$at" --window 60s --url "$url" --output table
echo
echo "== the same answer as JSON Lines, with its evidence"
build/alcor query --index "$out/index" --at "$at" --window 60s --url "$url"
echo
echo "== ground truth planted by the generator"
printf '%s\n' "$first" | grep -o '"ip":"[^"]*","port":[0-9]*' | head -n 1
