#!/usr/bin/env bash
# Writes the seed corpora of the libFuzzer targets (tests/fuzz/) into
# build-fuzz/seeds/TARGET/ from tests/data, a few lines of every sample in
# ../shared/data/real when it is there, and small generated samples (an index
# built by the fuzz build's own alcor for the index readers). Nothing here is
# committed: the seeds are rebuilt from their sources.
# Usage: tools/fuzz-seeds.sh   (after the fuzz build: tools/fuzz.sh does both)
set -euo pipefail
cd "$(dirname "$0")/.."
build=build-fuzz
bin=${ALCOR_SEED_BIN:-$build}  # where alcor and tools/alcor-loggen are
seeds=$build/seeds
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
rm -rf "$seeds"
mkdir -p "$seeds"/{format_parsers,format_spec,apache_format,nginx_format,clf_fast_path,time_input,url,registry,manifest,access_index,segment,block}

# seed TARGET NAME: stdin becomes the seed file.
seed() { cat > "$seeds/$1/$2"; }
# One byte (0..255) as the leading choice of a seed.
byte() { printf "\\$(printf '%03o' "$1")"; }

# --- Log lines: the fixtures, real samples, a generated log with junk. ---
lines=$work/lines
mkdir -p "$lines"
n=0
for f in tests/data/report/*.log tests/data/srhegdegadikai_apache_2005_2018/*.log; do
  cp "$f" "$lines/$((n++))"
done
if [[ -d ../shared/data/real ]]; then
  while IFS= read -r -d '' f; do
    case "$f" in
      *.zst) zstd -dcq "$f" 2>/dev/null | head -n 12 > "$lines/$n" || true ;;
      *.gz) gzip -dc "$f" 2>/dev/null | head -n 12 > "$lines/$n" || true ;;
      *) head -n 12 "$f" > "$lines/$n" ;;
    esac
    [[ -s "$lines/$n" ]] && n=$((n + 1))
  done < <(for d in ../shared/data/real/*/; do
    find "$d" -type f ! -name '*.md' ! -name '*.bz2' -print0 | sort -z | head -z -n 2
  done)
fi
"$bin"/tools/alcor-loggen --out "$work/gen" --lines 40 --junk-rate 0.2 --files 1 --compress none \
  --plant 2 --format combined_port >/dev/null
cat "$work"/gen/* > "$lines/$((n++))"

# Every sample with every built-in format (the first byte picks it).
for f in "$lines"/*; do
  for choice in $(seq 0 15); do
    { byte "$choice"; cat "$f"; } | seed format_parsers "$(basename "$f")-$choice"
  done
done

# The NCSA fast path's shapes (the first byte picks one of 18 Apache and 2
# nginx ones) on generated lines of each format the generator writes, junk
# included.
for fmt in combined_port vhost_combined combined common; do
  "$bin"/tools/alcor-loggen --out "$work/ncsa-$fmt" --lines 40 --junk-rate 0.2 --files 1 --compress none \
    --format "$fmt" >/dev/null
  for choice in $(seq 0 19); do
    { byte "$choice"; cat "$work/ncsa-$fmt"/*; } | seed clf_fast_path "$fmt-$choice"
  done
done

# --- Format specs, each followed by a NUL and lines to parse. ---
apache_formats=(
  '%h %l %u %t "%r" %>s %b'
  '%h %l %u %t "%r" %>s %b "%{Referer}i" "%{User-Agent}i"'
  '%v:%p %a %{remote}p %l %u %{%d/%b/%Y:%H:%M:%S %z}t "%m %U%q %H" %>s %O %D'
  '%{c}a %{begin:msec_frac}t %{X-Forwarded-For}i %T %{ms}T %{us}T %B %I %k %L %R %X %{cookie}C %{sec}t'
)
i=0
for fmt in "${apache_formats[@]}"; do
  { printf '%s\0' "$fmt"; cat "$lines/0"; } | seed apache_format "a$i"
  { printf 'LogFormat "%s" custom\0' "${fmt//\"/\\\"}"; cat "$lines/0"; } | seed format_spec "a$i"
  i=$((i + 1))
done
nginx_formats=(
  '$remote_addr - $remote_user [$time_local] "$request" $status $body_bytes_sent "$http_referer" "$http_user_agent"'
  '$remote_addr:$remote_port $host [$time_iso8601] "$request_method $request_uri $server_protocol" $status $request_time'
  '{"ts":"$msec","ip":"$remote_addr","uri":"$uri?$args","xff":"$http_x_forwarded_for","st":$status}'
)
i=0
for fmt in "${nginx_formats[@]}"; do
  for escape in 0 1 2; do
    { byte "$escape"; printf '%s\0' "$fmt"; cat "$lines/1"; } | seed nginx_format "n$i-$escape"
  done
  { printf "log_format custom escape=json '%s';\\0" "$fmt"; cat "$lines/1"; } | seed format_spec "n$i"
  i=$((i + 1))
done
{ printf 'json:client=ip,time=ts,url=uri\0'; printf '{"ip":"192.0.2.1","ts":"2026-01-01T00:00:00Z","uri":"/a"}\n'; } |
  seed format_spec json
{ printf 'mixed:combined\nnginx_combined\0'; cat "$lines/0"; } | seed format_spec mixed

# --- Times and URLs as users type them. ---
times=('1767248566' '1767248566.5' '[01/Jan/2026:15:22:46 +0900]' '2026-01-01T15:22:46+09:00'
  '2026-01-01 15:22:46.250Z' '2026/1/1 15:22' '2026年1月1日 15時22分46秒' '2026年1月1日(木) 午後3時22分46秒'
  '令和8年1月1日 15:22:46 JST' '平成元年１月８日　１５：２２' '2026-03-29 02:30 (日本時間)' '90' '1.5s' '250ms' '2h')
i=0
for t in "${times[@]}"; do
  for zone in 0 1 2 3; do { byte "$zone"; printf '%s' "$t"; } | seed time_input "t$i-$zone"; done
  i=$((i + 1))
done
urls=('/' '/a/b/../c?x=1#frag' 'http://Example.COM:80/%7Euser/%zz?q=%e3%81%82' 'https://h./p%2Fq'
  '/path with space/"q"' '*' 'example.com:443' '//double//slash/./x')
i=0
for u in "${urls[@]}"; do
  printf '%s' "$u" | seed url "u$i"
  i=$((i + 1))
done

# --- Registry files: the first byte picks the importer. ---
registry_seed() {  # FILE CHOICE...
  local f=$1 name
  shift
  name=$(basename "$f")
  for choice in "$@"; do
    { byte "$choice"; case "$f" in *.gz) gzip -dc "$f" | head -c 65536 ;; *) head -c 65536 "$f" ;; esac; } |
      seed registry "$name-$choice"
  done
}
while IFS= read -r -d '' f; do
  case "$(basename "$f")" in
    rdap_*) registry_seed "$f" 1 ;;
    jpnic*) registry_seed "$f" 2 ;;
    delegated*) registry_seed "$f" 3 4 ;;
    *.md | *.txt.license | LICENSE*) ;;
    *) registry_seed "$f" 0 ;;
  esac
done < <(find tests/data/whois -type f ! -name '*.md' ! -name 'LICENSE*' -print0 | sort -z)
{ byte 5; printf 'network,organisation,contact,email,phone\n192.0.2.0/24,Example Hosting,Abuse Desk,abuse@example.net,+81-3-0000-0000\n'; } |
  seed registry address-book

# --- Index files: an index of the fixtures (plain, gzip, zstd). ---
mkdir -p "$work/logs"
cp tests/data/report/www.log "$work/logs/www.log"
gzip -c tests/data/report/us.log > "$work/logs/us.log.gz"
"$bin"/tools/alcor-loggen --out "$work/big" --lines 3000 --files 1 --compress gzip --format combined_port >/dev/null
cp "$work"/big/* "$work/logs/"
zstd -q -c tests/data/srhegdegadikai_apache_2005_2018/excerpt.log > "$work/logs/excerpt.log.zst"
"$bin"/alcor index --index "$work/index" "$work"/logs/* >/dev/null 2>&1 || true
cp "$work/index/MANIFEST" "$seeds/manifest/"
i=0
for f in "$work"/index/segments/*.als; do cp "$f" "$seeds/segment/s$((i++))"; done
i=0
# The access_index target appends the CRC itself: its seeds go without.
for f in "$work"/index/access/*; do head -c -4 "$f" > "$seeds/access_index/a$((i++))"; done
# Block seeds: the decompressed fields frames of the segments (each zstd
# frame in a segment is a block's fields or lines) behind a record count.
i=0
for f in "$seeds"/segment/*; do
  for at in $(LC_ALL=C grep -obUaP '\x28\xb5\x2f\xfd' "$f" | cut -d: -f1); do
    for records in 1 3 8 63; do
      { byte "$records"; tail -c +"$((at + 1))" "$f" | zstd -dcq 2>/dev/null || true; } | seed block "b$i-$records"
    done
    i=$((i + 1))
  done
done

for d in "$seeds"/*; do echo "$(basename "$d"): $(find "$d" -type f | wc -l) seeds"; done
