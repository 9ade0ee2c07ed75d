#!/usr/bin/env bash
# Installs every Debian package alcor's build, tests and benchmarks need.
# Safe to run again: apt-get skips what is already installed.
set -euo pipefail

packages=(
  build-essential cmake ninja-build pkg-config
  libboost-iostreams-dev libboost-program-options-dev
  libsimdjson-dev libre2-dev libzstd-dev zstd
  libisal-dev libxxhash-dev libssl-dev zlib1g-dev libbz2-dev liblzma-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  libhowardhinnant-date-dev tzdata python3 gzip bzip2 xz-utils ugrep ripgrep git time
  clang-14 libclang-rt-14-dev
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]} == 0)); then
  echo "install-deps: all ${#packages[@]} packages present"
  exit 0
fi

SUDO=""
if [[ $(id -u) -ne 0 ]]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
echo "install-deps: installed ${missing[*]}"
