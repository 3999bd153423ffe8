#!/usr/bin/env bash
# Builds the libFuzzer targets with Debian's clang into BUILD_DIR (the test command's fixture
# fuzz_build; the rest of the tree is built with the default compiler in build/).
#   build_fuzzers.sh BUILD_DIR [COMPILER_LAUNCHER]
set -euo pipefail
build=$1 launcher=${2:-}
source=$(cd "$(dirname "$0")/.." && pwd)
args=(-DCMAKE_CXX_COMPILER=clang++ -DCONSULTA_FUZZ=ON -DBUILD_TESTING=OFF
      -DCMAKE_BUILD_TYPE=RelWithDebInfo)
[[ -n $launcher ]] && args+=(-DCMAKE_CXX_COMPILER_LAUNCHER="$launcher")
cmake -S "$source" -B "$build" "${args[@]}" >/dev/null
cmake --build "$build" -j "$(nproc)" --target consulta_fuzzers
