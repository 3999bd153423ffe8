#!/usr/bin/env bash
# Installs every Debian package Consulta needs to build, run and test. Idempotent: packages
# already present are not touched, so a second run asks apt nothing.
set -euo pipefail

packages=(
  build-essential cmake pkg-config git ca-certificates
  libxapian-dev xapian-tools xapian-omega
  libicu-dev libcpp-httplib-dev nlohmann-json3-dev libtomlplusplus-dev libpoppler-cpp-dev
  libgtest-dev iso-codes libzstd-dev
  curl wrk
)
# The browser tests need Debian's chromium and Node.js (for playwright-core from npm).
if [[ "${CONSULTA_WITH_BROWSER:-1}" == 1 ]]; then
  packages+=(chromium)
  command -v node >/dev/null || packages+=(nodejs)
  command -v npm >/dev/null || packages+=(npm)
fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if ((${#missing[@]} == 0)); then
  echo "install-deps: all ${#packages[@]} packages present"
  exit 0
fi

echo "install-deps: installing ${missing[*]}"
sudo=""
if [[ $(id -u) != 0 ]]; then sudo="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
