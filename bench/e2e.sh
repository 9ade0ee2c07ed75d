#!/usr/bin/env bash
# End-to-end benchmark of `alcor index` and `alcor query` against the tools
# people use today, on one generated corpus, in one run (the machines are
# noisy: only ratios measured side by side mean anything).
#
#   bench/e2e.sh [--size 1G] [--files 8] [--days 7] [--queries 200] [--rounds 3] [--work DIR] [--build DIR]
#
# Generates rotated shared-hosting logs with planted postings (alcor-loggen),
# compresses them as logrotate would (gzip -6) and as zstd -3, then times:
#   zcat over the gzip files      vs  alcor index of them (all cores, then 1 thread)
#   zstd -dc over the zstd files  vs  alcor index of them
# and reports peak RSS, index size against the gzip -6 size (with the
# breakdown of `alcor stats --sizes`), and the latency of time+URL queries
# and of address queries over one day (the posting's address, its /24 or
# /48) for planted postings, with ugrep -z and rg -z as baselines.
set -euo pipefail
cd "$(dirname "$0")/.."

size=1G files=8 days=7 queries=200 rounds=3 work=build/bench-e2e build=build
while (($#)); do
  case $1 in
    --size) size=$2; shift 2 ;;
    --files) files=$2; shift 2 ;;
    --days) days=$2; shift 2 ;;
    --queries) queries=$2; shift 2 ;;
    --rounds) rounds=$2; shift 2 ;;
    --work) work=$2; shift 2 ;;
    --build) build=$2; shift 2 ;;
    *) echo "bench/e2e.sh: unknown argument $1" >&2; exit 1 ;;
  esac
done
alcor=$build/alcor
loggen=$build/tools/alcor-loggen
[[ -x $alcor && -x $loggen ]] || { echo "bench/e2e.sh: build first (tools/build.sh)" >&2; exit 1; }

now() { date +%s.%N; }
seconds() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", b - a }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }'; }
# Runs a command under /usr/bin/time; prints "seconds peak_rss_kB".
timed() {
  local t0 t1 rss
  t0=$(now)
  /usr/bin/time -f %M -o "$work/rss" "$@" >/dev/null 2>"$work/stderr" || { cat "$work/stderr" >&2; return 1; }
  t1=$(now)
  rss=$(tail -n 1 "$work/rss")
  echo "$(seconds "$t0" "$t1") $rss"
}

rm -rf "$work"
mkdir -p "$work/plain" "$work/gz" "$work/zst"
echo "== corpus: $size of logs in $files rotated files over $days days"
"$loggen" -o "$work/plain" --size "$size" --files "$files" --days "$days" --compress none --plant "$queries" \
  --seed 42 --truth "$work/truth.jsonl" >/dev/null 2>&1
plain_bytes=$(du -cb "$work"/plain/* | tail -n 1 | cut -f1)
for f in "$work"/plain/*; do echo "$f"; done |
  xargs -P "$(nproc)" -I{} sh -c 'gzip -6 -c "$1" > "$2/gz/$(basename "$1").gz"' _ {} "$work"
for f in "$work"/plain/*; do echo "$f"; done |
  xargs -P "$(nproc)" -I{} sh -c 'zstd -q -3 -c "$1" > "$2/zst/$(basename "$1").zst"' _ {} "$work"
rm -rf "$work/plain"
gz_bytes=$(du -cb "$work"/gz/* | tail -n 1 | cut -f1)
zst_bytes=$(du -cb "$work"/zst/* | tail -n 1 | cut -f1)

# The generator's gigabytes are still being written back to disk; flushed
# now, they do not slow down whatever is timed first (alcor's commit fsync
# would otherwise queue behind them).
sync

# Each baseline and each index run is timed $rounds times, the runs of one
# round back to back, and the medians compared: a single run on these
# shared machines can be off by a tenth. Peak RSS is the largest seen.
echo "== decompression baselines and alcor index, $rounds rounds"
: > "$work/runs"
for ((round = 1; round <= rounds; round++)); do
  rm -rf "$work/idx-gz" "$work/idx-gz1" "$work/idx-zst"
  echo "zcat $(timed sh -c "zcat $work/gz/* > /dev/null")" >> "$work/runs"
  echo "gz $(timed "$alcor" index --no-progress --index "$work/idx-gz" "$work/gz")" >> "$work/runs"
  echo "gz1 $(timed "$alcor" index --no-progress --threads 1 --index "$work/idx-gz1" "$work/gz")" >> "$work/runs"
  echo "zstd $(timed sh -c "zstd -q -dc $work/zst/* > /dev/null")" >> "$work/runs"
  echo "zst $(timed "$alcor" index --no-progress --index "$work/idx-zst" "$work/zst")" >> "$work/runs"
done
median_of() { awk -v k="$1" '$1 == k { print $2 }' "$work/runs" | sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
peak_of() { awk -v k="$1" '$1 == k && $3 > m { m = $3 } END { print m + 0 }' "$work/runs"; }
t_zcat=$(median_of zcat) t_zstd=$(median_of zstd)
t_gz=$(median_of gz) t_gz1=$(median_of gz1) t_zst=$(median_of zst)
rss_gz=$(peak_of gz) rss_gz1=$(peak_of gz1) rss_zst=$(peak_of zst)
# Each round's own ratio (its runs were back to back), for the drift between rounds.
per_round() { awk -v a="$1" -v b="$2" '$1 == a { x[++n] = $2 } $1 == b { y[++m] = $2 } END { for (i = 1; i <= n; i++) printf "%s%.2f", (i > 1 ? " " : ""), x[i] / y[i] }' "$work/runs"; }
index_bytes=$(du -sb "$work/idx-gz" | cut -f1)

echo "== queries ($queries planted postings, each a separate alcor process)"
field() { grep -o "\"$1\":\"[^\"]*\"" | head -n 1 | cut -d'"' -f4; }
# The /24 of an IPv4 address, the /48 of an IPv6 one written with its first
# three groups (loggen's are); nothing for others.
network_of() {
  case $1 in
    *:*) awk -F: 'NF >= 4 && $1 != "" && $2 != "" && $3 != "" { printf "%s:%s:%s::/48", $1, $2, $3 }' <<< "$1" ;;
    *) printf '%s.0/24' "${1%.*}" ;;
  esac
}
# Runs an alcor query, appends its whole-process seconds to file $1 and its
# CPU seconds (user + system) to $1-cpu: on a shared machine the wall clock
# also counts the time spent waiting for a core.
timed_query() {
  local file=$1 t0 t1
  shift
  if [[ -n $perf ]]; then  # the query's own clocks, without perf's start-up; /usr/bin/time counts 10 ms ticks
    perf stat -x, -e task-clock,duration_time -o "$work/cpu" "$alcor" query --index "$work/idx-gz" "$@" > "$work/query-out"
    awk -F, '$3 ~ /task-clock/ { print $1 / 1000 }' "$work/cpu" >> "$file-cpu"
    awk -F, '$3 ~ /duration_time/ { print $1 / 1e9 }' "$work/cpu" >> "$file"
  else
    t0=$(now)
    /usr/bin/time -f "%U %S" -o "$work/cpu" "$alcor" query --index "$work/idx-gz" "$@" > "$work/query-out"
    t1=$(now)
    awk '{ print $1 + $2 }' "$work/cpu" >> "$file-cpu"
    seconds "$t0" "$t1" >> "$file"; echo >> "$file"
  fi
}
perf=$(command -v perf || true)
[[ -n $perf ]] && ! perf stat -x, -e task-clock,duration_time -o /dev/null true 2>/dev/null && perf=
for f in lat-url lat-ip lat-ip-all lat-cidr24 lat-cidr48; do : > "$work/$f"; : > "$work/$f-cpu"; done
found=0 heavy=0 most=0
while IFS= read -r posting; do
  url=$(printf '%s' "$posting" | field url)
  at=$(printf '%s' "$posting" | field time_local)
  ip=$(printf '%s' "$posting" | field ip)
  t0=$(now)
  out=$("$alcor" query --index "$work/idx-gz" --at "$at" --window 60s --url "$url")
  t1=$(now)
  seconds "$t0" "$t1" >> "$work/lat-url"; echo >> "$work/lat-url"
  [[ -n $out ]] && found=$((found + 1))
  day=(--from "${at:0:10}T00:00:00${at:19}" --to "${at:0:10}T23:59:59${at:19}")
  timed_query "$work/lat-ip" --ip "$ip" "${day[@]}"
  total=$(grep -o '"total_matches":[0-9]*' "$work/query-out" | cut -d: -f2 || true)
  if [[ -n $total ]]; then
    heavy=$((heavy + 1))
    if ((total > most)); then most=$total; fi
  fi
  timed_query "$work/lat-ip-all" --ip "$ip" "${day[@]}" --limit 0
  net=$(network_of "$ip")
  case $net in
    */24) timed_query "$work/lat-cidr24" --ip "$net" "${day[@]}" ;;
    */48) timed_query "$work/lat-cidr48" --ip "$net" "${day[@]}" ;;
  esac
done < "$work/truth.jsonl"
pct() { sort -n "$1" | awk -v p="$2" '{ v[NR] = $1 } END { i = int(NR * p); if (i < 1) i = 1; printf "%.1f", v[i] * 1000 }'; }

first=$(head -n 1 "$work/truth.jsonl")
path=$(printf '%s' "$first" | grep -o '"path_and_query":"[^"]*"' | cut -d'"' -f4)
# -a: the logs hold a few binary junk lines, at which the grep tools would
# otherwise stop printing a file's matches. Output goes to a file: writing to
# /dev/null lets them stop at the first match, as grep -q would.
read -r t_ugrep _ < <(timed sh -c "ugrep -z -a -F -e '$path' $work/gz/* > $work/grep-out || true")
# The same IP query done with the grep tools: lines starting with the
# address, over every archive (they cannot skip to a day).
first_ip=$(printf '%s' "$first" | field ip)
read -r t_ugrep_ip _ < <(timed sh -c "ugrep -z -a -F -e '$first_ip ' $work/gz/* > $work/grep-out || true")
n_ugrep_ip=$(wc -l < "$work/grep-out")
read -r t_rg_ip _ < <(timed sh -c "rg -z -a -F -e '$first_ip ' $work/gz/* > $work/grep-out || true")
n_rg_ip=$(wc -l < "$work/grep-out")
read -r t_alcor_ip _ < <(timed "$alcor" query --index "$work/idx-gz" --ip "$first_ip" --limit 0)
n_alcor_ip=$("$alcor" query --index "$work/idx-gz" --ip "$first_ip" --limit 0 | wc -l)
"$alcor" stats --index "$work/idx-gz" --sizes | sed -n '/^sizes/,$p' > "$work/sizes"

cat <<REPORT

== results ($(nproc) cores, $(date -u +%Y-%m-%dT%H:%MZ))
corpus: $(ratio "$plain_bytes" 1000000) MB of log text; gzip -6 $(ratio "$gz_bytes" 1000000) MB, zstd -3 $(ratio "$zst_bytes" 1000000) MB
medians of $rounds rounds ($(awk '{ printf "%s%s %s", (NR > 1 ? ", " : ""), $1, $2 }' "$work/runs"))
gzip:  zcat ${t_zcat}s, alcor index ${t_gz}s -> alcor/zcat = $(ratio "$t_gz" "$t_zcat") (bar: <= 0.33; rounds: $(per_round gz zcat))
zstd:  zstd -dc ${t_zstd}s, alcor index ${t_zst}s -> alcor/zstd = $(ratio "$t_zst" "$t_zstd") (bar: <= 1.5; rounds: $(per_round zst zstd))
threads: 1 thread ${t_gz1}s, all ${t_gz}s -> speed-up $(ratio "$t_gz1" "$t_gz") (bar: >= 1.7 on 2 cores; rounds: $(per_round gz1 gz))
peak RSS: $((rss_gz / 1024)) MiB (all threads), $((rss_gz1 / 1024)) MiB (1 thread), $((rss_zst / 1024)) MiB (zstd)
index: $(ratio "$index_bytes" 1000000) MB = $(ratio "$((index_bytes * 100))" "$gz_bytes")% of the gzip -6 size (bar: <= 35%, lines read from the originals)
time+URL query (+-60 s, whole process): median $(pct "$work/lat-url" 0.5) ms, p99 $(pct "$work/lat-url" 0.99) ms; found $found of $queries postings
IP query, one address, one day, first 100 matches with evidence (whole process): median $(pct "$work/lat-ip" 0.5) ms, p99 $(pct "$work/lat-ip" 0.99) ms; CPU median $(pct "$work/lat-ip-cpu" 0.5) ms, p99 $(pct "$work/lat-ip-cpu" 0.99) ms (bar: < 50 ms); $heavy of $queries addresses had more than 100 matches that day (at most $most)
  the same, every match with evidence (--limit 0): median $(pct "$work/lat-ip-all" 0.5) ms, p99 $(pct "$work/lat-ip-all" 0.99) ms; CPU median $(pct "$work/lat-ip-all-cpu" 0.5) ms, p99 $(pct "$work/lat-ip-all-cpu" 0.99) ms
CIDR query, one day, first 100 matches: /24 median $(pct "$work/lat-cidr24" 0.5) ms, p99 $(pct "$work/lat-cidr24" 0.99) ms, CPU median $(pct "$work/lat-cidr24-cpu" 0.5) ms ($(grep -c . "$work/lat-cidr24") queries); /48 median $(pct "$work/lat-cidr48" 0.5) ms, p99 $(pct "$work/lat-cidr48" 0.99) ms, CPU median $(pct "$work/lat-cidr48-cpu" 0.5) ms ($(grep -c . "$work/lat-cidr48") queries) (bar: < 200 ms)
baseline: ugrep -z for one posting's path over the gzip files: ${t_ugrep}s
baseline: one posting's address over all the gzip files, every match with evidence: alcor ${t_alcor_ip}s ($n_alcor_ip lines), ugrep -z ${t_ugrep_ip}s ($n_ugrep_ip lines; speed-up $(ratio "$t_ugrep_ip" "$t_alcor_ip")), rg -z ${t_rg_ip}s ($n_rg_ip lines; speed-up $(ratio "$t_rg_ip" "$t_alcor_ip"))
index breakdown:
$(cat "$work/sizes")
REPORT
[[ $found -eq $queries ]] || { echo "bench/e2e.sh: $((queries - found)) planted postings not found" >&2; exit 1; }
