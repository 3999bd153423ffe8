#!/usr/bin/env bash
# Regenerates the golden HTTP answers (tests/data/golden/http/, one per line of its cases.tsv)
# from the current code, then shows what changed for review. Commit the files once the diff
# reads right; golden_http_test then compares against them. usage: scripts/update-golden.sh
set -euo pipefail
cd "$(dirname "$0")/.."
golden=tests/data/golden/http
[[ -f build/CMakeCache.txt ]] || cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build -j "$(nproc)" --target consulta-searchd golden_http_test >/dev/null
CONSULTA_UPDATE_GOLDEN=1 build/tests/golden_http_test --gtest_brief=1 >/dev/null
# The files just written must pass as they are (a case with the wrong status fails here).
build/tests/golden_http_test --gtest_brief=1
echo
echo "== changes in $golden (review, then commit):"
git status --short -- "$golden"
git --no-pager diff --stat -- "$golden"
git --no-pager diff -- "$golden"
