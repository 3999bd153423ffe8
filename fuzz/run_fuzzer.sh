#!/usr/bin/env bash
# Runs one libFuzzer target of fuzz/ for ctest.
#   run_fuzzer.sh regressions BINARY NAME          every file of fuzz/regressions/NAME/ (inputs
#                                                  that once crashed) and of fuzz/corpus/NAME/, once
#   run_fuzzer.sh fuzz BINARY NAME SECONDS WORKDIR fuzzing for SECONDS from the seeds; new inputs
#                                                  go to WORKDIR/corpus, a crash to WORKDIR/crash-*
# A crash, a sanitizer report or a failed invariant fails the test, naming the input file.
set -euo pipefail
mode=$1 binary=$2 name=$3
here=$(cd "$(dirname "$0")" && pwd)
seeds=$here/corpus/$name
options=(-timeout=25 -rss_limit_mb=2560 -max_len=4096)
# The daemon logs every request on stderr; libFuzzer and the sanitizers keep a copy of it.
[[ $name == http ]] && options+=(-close_fd_mask=2)
[[ -f $here/$name.dict ]] && options+=("-dict=$here/$name.dict")
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-halt_on_error=1:print_stacktrace=1}

case $mode in
  regressions)
    mapfile -t inputs < <(find "$here/regressions/$name" "$seeds" -type f ! -name '.*' | sort)
    echo "run_fuzzer: $name: ${#inputs[@]} saved inputs"
    "$binary" "${options[@]}" "${inputs[@]}"
    ;;
  fuzz)
    seconds=$4 work=$5
    mkdir -p "$work/corpus"
    "$binary" "${options[@]}" -max_total_time="$seconds" -print_final_stats=1 \
      -artifact_prefix="$work/" "$work/corpus" "$seeds" 2>&1 | tee "$work/fuzz.log" |
      grep -E '^(#[0-9]+[[:space:]]+(INITED|DONE)|stat::number_of_executed_units|stat::new_units_added|==[0-9]+==ERROR|SUMMARY|FUZZ INVARIANT|artifact_prefix|Test unit written)' || true
    status=${PIPESTATUS[0]}
    if ((status != 0)); then
      echo "run_fuzzer: $name failed (exit $status); the whole log is $work/fuzz.log:" >&2
      tail -n 60 "$work/fuzz.log" >&2
      exit "$status"
    fi
    ;;
  *) echo "usage: run_fuzzer.sh regressions|fuzz BINARY NAME [SECONDS WORKDIR]" >&2; exit 2 ;;
esac
