#!/usr/bin/env bash
# Browser tests against the real daemon on the real corpus: indexes corpus/ into a temporary
# folder, starts consulta-searchd on a free port, runs the Playwright tests in Debian's
# chromium, and stops the daemon. usage: run_e2e.sh BIN_DIR [NODE]
# NODE is the node binary that runs the tests (default: node on PATH); npm ci always uses the
# npm on PATH, which only installs files.
set -euo pipefail
bin=$1
node=${2:-node}
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
work=$(mktemp -d /tmp/consulta-e2e-XXXXXX)
daemon=""
cleanup() {
  if [[ -n "$daemon" ]]; then kill -TERM "$daemon" 2>/dev/null || true; wait "$daemon" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

"$bin/consulta-indexer" --corpus "$root/corpus" --index "$work/index" --quiet >/dev/null
# The project's settings, with CORS open so that the embed test's host page (another loopback
# origin) may query the daemon.
# The gazetteer paths are made absolute, since the copy lives in the temporary folder.
sed -e 's/^cors_origins = .*/cors_origins = ["*"]/' \
    -e "s#= \"\([a-z]*\.tsv\)\"#= \"$root/config/\1\"#" \
    "$root/config/consulta.toml" >"$work/consulta.toml"
"$bin/consulta-searchd" --index "$work/index" --config "$work/consulta.toml" --listen 127.0.0.1:0 \
  >"$work/stdout" 2>"$work/stderr" &
daemon=$!
url=""
for _ in $(seq 1 100); do
  url=$(grep -o 'http://127\.0\.0\.1:[0-9]*' "$work/stdout" 2>/dev/null | head -n 1 || true)
  [[ -n "$url" ]] && break
  sleep 0.1
done
if [[ -z "$url" ]]; then
  echo "consulta-searchd did not start:"; cat "$work/stderr"; exit 1
fi

cd "$here"
npm ci --prefer-offline --no-audit --no-fund >/dev/null
echo "# node $("$node" --version), chromium $("${CHROMIUM:-/usr/bin/chromium}" --product-version 2>/dev/null || echo "?")"
CONSULTA_URL="$url" "$node" --test --test-concurrency=1 --test-reporter=spec search.spec.mjs
