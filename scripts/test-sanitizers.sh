#!/usr/bin/env bash
# CI's second stage (after scripts/test.sh): the test suite under AddressSanitizer and
# UndefinedBehaviorSanitizer, and the concurrency tests under ThreadSanitizer.
#   scripts/test-sanitizers.sh [asan] [tsan]     (both when none is named)
# asan: build-asan/ (-DCONSULTA_SANITIZE=ON), every ctest test except the benchmark smoke run
#       (label bench: it measures, and a sanitizer build measures nothing) and the fuzz targets
#       (label fuzz: stage one already runs them with ASan+UBSan).
# tsan: build-tsan/ (-DCONSULTA_TSAN=ON), only the programs and tests with threads: searchd
#       under load (overload, reindex under load, SIGTERM with requests in flight, the socket
#       test), the four-thread searcher test, the thread-safe normaliser and the parallel build.
# Every sanitizer report, from a test or from a daemon or indexer a test started, is written
# to BUILD/sanitizer-reports/; the stage fails when any is there, and prints them.
set -euo pipefail
cd "$(dirname "$0")/.."
stages=("$@")
((${#stages[@]})) || stages=(asan tsan)
jobs=$(nproc)

tsan_tests='SearchdOverload\.|SearchdReindex\.|SearchdLifecycleTest\.Sigterm|SearchdSocket\.|SearchTest\.SearchersOnManyThreads|Normaliser\.IsThreadSafe|ParallelBuild\.'
tsan_targets=(consulta-searchd consulta-indexer searchd_integration_test searchd_lifecycle_test
              searchd_socket_test search_test normalizer_test parallel_build_test)

# Fails when a sanitizer wrote a report into $1/sanitizer-reports.
check_reports() {
  local reports=$1/sanitizer-reports
  if compgen -G "$reports/*" >/dev/null; then
    echo "test-sanitizers: sanitizer reports in $reports:" >&2
    for f in "$reports"/*; do echo "--- $f" >&2; head -n 80 "$f" >&2; done
    return 1
  fi
}

# GCC 12's ThreadSanitizer cannot map its shadow memory when the kernel randomises mmap with
# more bits than it knows (vm.mmap_rnd_bits = 32 on some newer kernels): its programs die at
# start. Then the tests run with address randomisation off (setarch -R), and only then, since
# container seccomp profiles may refuse that personality flag.
tsan_needs_fixed_layout() {
  local probe
  probe=$(mktemp -d)
  echo 'int main() { return 0; }' >"$probe/probe.cpp"
  c++ -fsanitize=thread "$probe/probe.cpp" -o "$probe/probe"
  local broken=0
  "$probe/probe" >/dev/null 2>&1 || broken=1
  rm -rf "$probe"
  ((broken)) && echo "test-sanitizers: TSan needs a fixed address layout here: setarch -R"
  ((broken))
}

run_stage() {
  local name=$1 build=$2 option=$3; shift 3
  local start=$SECONDS
  rm -rf "$build/sanitizer-reports"
  mkdir -p "$build/sanitizer-reports"
  local log=$PWD/$build/sanitizer-reports/report
  echo "test-sanitizers: $name: building $build"
  # No bench/: its smoke run is left out here, so its programs need not be built.
  # -O1 -g1: a sanitizer build at -O2 -g compiles 3.4x slower than the plain one and held CI
  # past its time; -O1 halves that, keeps the sanitizers' findings (what GCC's and clang's
  # manuals recommend for them) and line numbers in every report.
  cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -g1 -DNDEBUG" \
        -DCONSULTA_BENCH=OFF "$option" >/dev/null
  if [[ $name == tsan ]]; then
    cmake --build "$build" -j "$jobs" --target "${tsan_targets[@]}"
  else
    cmake --build "$build" -j "$jobs"
  fi
  local built=$SECONDS
  echo "test-sanitizers: $name: testing"
  local wrap=()
  [[ $name == tsan ]] && tsan_needs_fixed_layout && wrap=(setarch "$(uname -m)" -R)
  # halt_on_error: a report stops the process, so the test that caused it fails too.
  # detect_leaks: on (ASan's default on Linux), said here so that nobody wonders.
  ASAN_OPTIONS="detect_leaks=1:halt_on_error=1:log_path=$log" \
  UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1:log_path=$log" \
  TSAN_OPTIONS="halt_on_error=1:second_deadlock_stack=1:suppressions=$PWD/scripts/tsan.supp:log_path=$log" \
    "${wrap[@]}" ctest --test-dir "$build" --output-on-failure -j "$jobs" "$@"
  check_reports "$build"
  echo "test-sanitizers: $name: passed (build $((built - start)) s, tests $((SECONDS - built)) s)"
}

for stage in "${stages[@]}"; do
  case $stage in
    asan) run_stage asan build-asan -DCONSULTA_SANITIZE=ON -LE 'bench|fuzz' ;;
    tsan) run_stage tsan build-tsan -DCONSULTA_TSAN=ON -R "$tsan_tests" ;;
    *) echo "usage: scripts/test-sanitizers.sh [asan] [tsan]" >&2; exit 2 ;;
  esac
done
