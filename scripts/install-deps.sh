#!/usr/bin/env bash
# Installs every Debian package Consulta needs to build, run and test. Idempotent: packages
# already present are not touched, so a second run asks apt nothing.
set -euo pipefail

packages=(
  build-essential cmake pkg-config git ca-certificates
  libxapian-dev xapian-tools xapian-omega
  libicu-dev libcpp-httplib-dev nlohmann-json3-dev libtomlplusplus-dev libpoppler-cpp-dev
  libgtest-dev iso-codes libzstd-dev
  curl wrk nginx
  # The fuzz targets (fuzz/): Debian's clang, and libFuzzer with the sanitizer runtimes, which
  # clang only recommends (and recommendations are not installed here).
  clang libclang-rt-14-dev
)
# The browser tests need Debian's chromium and Node.js 18 or newer with npm (for playwright-core
# from npm). A machine without node gets Debian's own (nodejs 18.20.4, npm 9.2.0); a node from
# elsewhere (NodeSource, nvm) is kept, and Debian's npm is added only when no npm comes with it.
with_browser=${CONSULTA_WITH_BROWSER:-1}
if [[ "$with_browser" == 1 ]]; then
  packages+=(chromium)
  if ! command -v node >/dev/null; then
    packages+=(nodejs npm)
  elif ! command -v npm >/dev/null; then
    packages+=(npm)
  fi
fi

# Node 18.20 is the oldest the browser and OpenAPI tests are pinned for (tests/e2e/package.json).
check_node() {
  [[ "$with_browser" == 1 ]] || return 0
  local version
  version=$(node --version 2>/dev/null || echo none)
  if ! [[ "$version" =~ ^v([0-9]+)\.([0-9]+) ]] ||
     ((BASH_REMATCH[1] < 18 || (BASH_REMATCH[1] == 18 && BASH_REMATCH[2] < 20))); then
    echo "install-deps: the browser tests need Node.js 18.20 or newer; node is $version" >&2
    exit 1
  fi
}

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if ((${#missing[@]} == 0)); then
  echo "install-deps: all ${#packages[@]} packages present"
  check_node
  exit 0
fi

echo "install-deps: installing ${missing[*]}"
sudo=""
if [[ $(id -u) != 0 ]]; then
  if ! command -v sudo >/dev/null; then
    echo "install-deps: run as root (or install sudo) to install ${missing[*]}" >&2
    exit 1
  fi
  sudo="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
check_node
