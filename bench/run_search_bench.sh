#!/usr/bin/env bash
# Search benchmarks, end to end, against build/ (builds nothing):
#   1. indexes CORPUS into a temporary folder with consulta-indexer;
#   2. bench_search_latency: Searcher beside Xapian's Enquire and quest, in process;
#   3. starts consulta-searchd and bench_empty_server on 127.0.0.1:0;
#   4. bench_http_latency: one keep-alive client, searchd beside the empty server;
#   5. wrk, 2 threads, at 16 and 64 connections, ROUNDS interleaved rounds of SECONDS each:
#      searchd (a search with facets and snippets, and /healthz) and the empty server;
#   6. stops both servers and prints a summary with medians over the rounds.
# Loopback only; every wait and run is bounded.
#
# usage: bench/run_search_bench.sh [--corpus DIR] [--seconds S] [--rounds N] [--repeat N]
#        (BUILD_DIR=... to use another build folder)
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
bin=${BUILD_DIR:-$root/build}/bin
corpus=$root/corpus
seconds=10
rounds=3
repeat=300
while [[ $# -gt 0 ]]; do
  case $1 in
    --corpus) corpus=$2; shift 2 ;;
    --seconds) seconds=$2; shift 2 ;;
    --rounds) rounds=$2; shift 2 ;;
    --repeat) repeat=$2; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
for program in consulta-indexer consulta-searchd bench_search_latency bench_http_latency bench_empty_server; do
  [[ -x $bin/$program ]] || { echo "missing $bin/$program: build it first" >&2; exit 2; }
done
command -v wrk >/dev/null || { echo "wrk is not installed" >&2; exit 2; }

tmp=$(mktemp -d /tmp/consulta-search-bench.XXXXXX)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$tmp"
}
trap cleanup EXIT

# Starts a server that prints "... listening on http://HOST:PORT" and sets $port. Not run in
# a command substitution: the pid must reach this shell's cleanup list.
start_server() {
  local name=$1; shift
  "$@" >"$tmp/$name.out" 2>"$tmp/$name.log" &
  pids+=($!)
  port=
  for _ in $(seq 100); do
    port=$(sed -n 's|.*listening on http://127\.0\.0\.1:\([0-9]*\).*|\1|p' "$tmp/$name.out")
    [[ -n $port ]] && return 0
    sleep 0.1
  done
  echo "$name did not start:" >&2; cat "$tmp/$name.log" >&2; return 1
}

echo "== machine: $(nproc) cores, $(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -1); load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "== indexing $corpus"
"$bin/consulta-indexer" --corpus "$corpus" --index "$tmp/index" --quiet | tail -1

echo "== in-process latency (2 runs)"
for run in 1 2; do
  timeout 600 "$bin/bench_search_latency" --index "$tmp/index" --repeat "$repeat" --quest-runs 30
done

start_server searchd "$bin/consulta-searchd" --index "$tmp/index" --listen 127.0.0.1:0
searchd_port=$port
start_server empty "$bin/bench_empty_server" --listen 127.0.0.1:0
empty_port=$port
echo "== servers: consulta-searchd :$searchd_port (32 threads, log to a file), bench_empty_server :$empty_port"

echo "== HTTP latency, one keep-alive client (2 runs)"
for run in 1 2; do
  timeout 600 "$bin/bench_http_latency" --port "$searchd_port" --ceiling-port "$empty_port" --repeat "$repeat"
done

search_path='/v1/search?q=migration&state=ZA'
targets=("searchd-search|$searchd_port|$search_path" "searchd-healthz|$searchd_port|/healthz"
         "empty-search|$empty_port|$search_path")

# One wrk run; appends "target conns rps ok_rps non2xx p50 p90 p99" (ms) to results.
run_wrk() {
  local name=$1 port=$2 path=$3 conns=$4
  local out="$tmp/wrk-$name-$conns.txt"
  timeout $((seconds + 30)) wrk -t2 -c"$conns" -d"${seconds}s" --timeout 5s --latency \
    "http://127.0.0.1:$port$path" >"$out" 2>&1 || true
  awk -v name="$name" -v conns="$conns" '
    function ms(v) { if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0;
                     if (v ~ /m$/) return v * 60000; if (v ~ /s$/) return v * 1000; return v }
    /requests in/ { total = $1; sub(/s,$/, "", $4); secs = $4 + 0 }
    /Non-2xx or 3xx responses:/ { bad = $NF }
    /Socket errors/ { errors = $0 }
    /^ +50%/ { p50 = ms($2) } /^ +90%/ { p90 = ms($2) } /^ +99%/ { p99 = ms($2) }
    /Requests\/sec:/ { rps = $2 }
    END { if (secs == 0) secs = 1;
          printf "%s %s %.0f %.0f %d %.2f %.2f %.2f\n", name, conns, rps, (total - bad) / secs,
                 bad, p50, p90, p99 }' "$out" >>"$tmp/results"
  grep -q "Socket errors" "$out" && echo "   $name c=$conns: $(grep 'Socket errors' "$out")"
  return 0
}

echo "== wrk: 2 threads, ${seconds}s per run, $rounds interleaved rounds"
for round in $(seq "$rounds"); do
  for conns in 16 64; do
    for target in "${targets[@]}"; do
      IFS='|' read -r name port path <<<"$target"
      run_wrk "$name" "$port" "$path" "$conns"
    done
  done
  echo "   round $round done (load $(cut -d' ' -f1-3 /proc/loadavg))"
done

echo "== wrk per round: target conns req/s 2xx-req/s non-2xx p50-ms p90-ms p99-ms"
sort -k1,1 -k2,2n -s "$tmp/results"
echo "== summary: medians over $rounds rounds; ratio = 2xx req/s / empty server's at the same connections"
awk '
  { key = $1 " " $2; n[key]++; for (i = 3; i <= 8; i++) v[key, n[key], i] = $i }
  function med(key, i,   m, a, j, k, t) {
    m = n[key]; for (j = 1; j <= m; j++) a[j] = v[key, j, i]
    for (j = 1; j <= m; j++) for (k = j + 1; k <= m; k++) if (a[k] < a[j]) { t = a[j]; a[j] = a[k]; a[k] = t }
    return m % 2 ? a[(m + 1) / 2] : (a[m / 2] + a[m / 2 + 1]) / 2 }
  END {
    printf "%-16s %5s %9s %9s %8s %8s %8s %8s %7s\n", "target", "conns", "req/s", "2xx/s", "non-2xx", "p50 ms", "p90 ms", "p99 ms", "ratio"
    split("searchd-search searchd-healthz empty-search", names, " ")
    for (t = 1; t <= 3; t++) for (c = 16; c <= 64; c *= 4) {
      key = names[t] " " c; if (!(key in n)) continue
      base = med("empty-search " c, 4)
      printf "%-16s %5d %9.0f %9.0f %8.0f %8.2f %8.2f %8.2f %7.3f\n", names[t], c, med(key, 3), med(key, 4),
             med(key, 5), med(key, 6), med(key, 7), med(key, 8), (base > 0 ? med(key, 4) / base : 0) }
  }' "$tmp/results"
echo "== searchd log: $(wc -l <"$tmp/searchd.log") lines; statuses: $(awk '$1 == "GET" {print $3}' "$tmp/searchd.log" | sort | uniq -c | tr '\n' ' ')"
