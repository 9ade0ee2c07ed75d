#!/usr/bin/env bash
# How query and batch cost grow with the archive: the same measurements on a
# small and a large generated corpus, in one run (the machines are noisy:
# only figures measured side by side mean anything).
#
#   bench/scale.sh [--small 1G] [--large 10G] [--days 30] [--queries 1000]
#                  [--address-queries 200] [--inquiries 10000] [--work DIR] [--build DIR]
#
# For each size: alcor-loggen writes gzip rotations with planted postings,
# `alcor index` indexes them, alcor-query-latency times in-process time+URL
# queries (+-60 s, evidence read back), IP and CIDR queries over one day,
# and `alcor batch` answers --inquiries inquiries built from the planted
# postings (whole process). The report gives the large/small ratios issue 5
# and issue 6 set bars on.
set -euo pipefail
cd "$(dirname "$0")/.."

small=1G large=10G days=30 queries=1000 address_queries=200 inquiries=10000 work=build/bench-scale build=build
while (($#)); do
  case $1 in
    --small) small=$2; shift 2 ;;
    --large) large=$2; shift 2 ;;
    --days) days=$2; shift 2 ;;
    --queries) queries=$2; shift 2 ;;
    --address-queries) address_queries=$2; shift 2 ;;
    --inquiries) inquiries=$2; shift 2 ;;
    --work) work=$2; shift 2 ;;
    --build) build=$2; shift 2 ;;
    *) echo "bench/scale.sh: unknown argument $1" >&2; exit 1 ;;
  esac
done
alcor=$build/alcor
loggen=$build/tools/alcor-loggen
latency=$build/bench/alcor-query-latency
for tool in "$alcor" "$loggen" "$latency"; do
  [[ -x $tool ]] || { echo "bench/scale.sh: build first (tools/build.sh): $tool missing" >&2; exit 1; }
done
((inquiries >= queries)) || { echo "bench/scale.sh: --inquiries must be at least --queries" >&2; exit 1; }

now() { date +%s.%N; }
seconds() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", b - a }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }'; }
# "median_ms=X" of one line of alcor-query-latency's report.
median() { grep "^$2 " "$1" | grep -o 'median_ms=[0-9.]*' | cut -d= -f2; }

# measure NAME SIZE: corpus, index, latencies and batch under $work/NAME.
measure() {
  local name=$1 size=$2 dir=$work/$1
  rm -rf "$dir"
  mkdir -p "$dir"
  echo "== $name: $size of logs over $days days"
  # One file per day, as logrotate's daily rotation keeps them.
  "$loggen" -o "$dir/logs" --size "$size" --files "$days" --days "$days" --compress gzip --plain-newest 0 \
    --plant "$inquiries" --seed 42 --truth "$dir/truth.jsonl" >/dev/null 2>&1
  local t0 t1
  t0=$(now)
  "$alcor" index --no-progress --index "$dir/idx" "$dir/logs" 2>"$dir/index.log"
  t1=$(now)
  echo "indexed in $(seconds "$t0" "$t1") s: $(grep '^lines:' "$dir/index.log")"
  "$latency" --index "$dir/idx" --truth "$dir/truth.jsonl" --queries "$queries" \
    --address-queries "$address_queries" | tee "$dir/latency.txt"
  # Inquiries as a desk would write them: id, the server's local time, URL.
  python3 - "$dir/truth.jsonl" "$dir/inquiries.jsonl" <<'PY'
import json, sys
with open(sys.argv[1]) as truth, open(sys.argv[2], "w") as out:
    for line in truth:
        p = json.loads(line)
        out.write(json.dumps({"id": str(p["id"]), "time": p["time_local"], "url": p["url"]}) + "\n")
PY
  t0=$(now)
  "$alcor" batch --index "$dir/idx" "$dir/inquiries.jsonl" >"$dir/answers.jsonl" 2>"$dir/batch.log"
  t1=$(now)
  local batch_s matched
  batch_s=$(seconds "$t0" "$t1")
  matched=$(grep -c '"outcome":"match"' "$dir/answers.jsonl" || true)
  echo "batch: $(wc -l <"$dir/inquiries.jsonl") inquiries in $batch_s s, $matched matched"
  echo "$batch_s" >"$dir/batch_s"
  echo "$(du -cb "$dir"/logs/* | tail -n 1 | cut -f1) $(du -sb "$dir/idx" | cut -f1)" >"$dir/bytes"
}

measure small "$small"
measure large "$large"

s=$work/small l=$work/large
cat <<REPORT

== scale results ($(nproc) cores, $(date -u +%Y-%m-%dT%H:%MZ)): $small vs $large of logs
gzip / index bytes: small $(cat "$s/bytes"), large $(cat "$l/bytes")
time+URL median (in-process): $(median "$s/latency.txt" time+URL) ms -> $(median "$l/latency.txt" time+URL) ms, large/small $(ratio "$(median "$l/latency.txt" time+URL)" "$(median "$s/latency.txt" time+URL)") (bars: < 5 ms, p99 < 20 ms, ratio <= 1.5)
  large: $(grep '^time+URL ' "$l/latency.txt")
IP/day median: $(median "$s/latency.txt" IP/day) ms -> $(median "$l/latency.txt" IP/day) ms (bar: < 50 ms)
CIDR/day median: $(median "$s/latency.txt" CIDR/day) ms -> $(median "$l/latency.txt" CIDR/day) ms (bar: < 200 ms)
batch of $inquiries inquiries (whole process): $(cat "$s/batch_s") s -> $(cat "$l/batch_s") s (bar: < 10 s on 10 GB)
REPORT
