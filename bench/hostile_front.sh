#!/usr/bin/env bash
# Issue 10 figures, holes 1-3, before and after: the same hostile clients
# (bench/hostile_clients.py) against two consulta-searchd builds, direct and behind nginx.
#
#   bench/hostile_front.sh --before /work/main/build/bin --after build/bin --index DIR
#                          [--before-config FILE] [--after-config FILE] [--out DIR]
#
# Prints a table "figure | before | after" (direct, then behind nginx). Minutes of run time:
# the 680-wildcard query alone may run for the 120 s the client waits on a build without caps.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
before="" after="$root/build/bin" index="" out="${TMPDIR:-/tmp}/consulta-hostile.$$"
before_config="" after_config="$root/config/consulta.toml"
while (($#)); do
  case "$1" in
    --before) before=$2; shift 2 ;;
    --after) after=$2; shift 2 ;;
    --index) index=$2; shift 2 ;;
    --before-config) before_config=$2; shift 2 ;;
    --after-config) after_config=$2; shift 2 ;;
    --out) out=$2; shift 2 ;;
    *) echo "hostile_front: unknown option $1" >&2; exit 2 ;;
  esac
done
[[ -n "$before" && -n "$index" ]] || { echo "hostile_front: --before BIN and --index DIR are required" >&2; exit 2; }
before_config=${before_config:-$(dirname "$before")/../../config/consulta.toml}
mkdir -p "$out"
pids=()
trap 'kill "${pids[@]}" 2>/dev/null || true' EXIT

direct() {  # name bin config port
  "$2/consulta-searchd" --index "$index" --config "$3" --listen "127.0.0.1:$4" \
    >"$out/$1.out" 2>"$out/$1.log" &
  pids+=($!)
  for _ in $(seq 100); do grep -q listening "$out/$1.out" 2>/dev/null && break; sleep 0.1; done
  echo $!
}
measure() {  # name port pid figures
  python3 "$root/bench/hostile_clients.py" --url "127.0.0.1:$2" --pid "$3" --only "$4" \
    >"$out/$1.tsv" || true
}

all=pipelining,wildcards,slow_heads,idle_open,non_readers,overload
for side in before after; do
  bin=$before config=$before_config port=18180
  [[ $side == after ]] && bin=$after config=$after_config port=18181
  pid=$(direct "$side" "$bin" "$config" "$port")
  measure "$side-direct" "$port" "$pid" "$all"
  kill "$pid"
  line=$(bash "$root/scripts/run-behind-nginx.sh" --detach --index "$index" --bin "$bin" \
         --config "$config" --port $((port + 10)) --daemon-port $((port + 20)) --work "$out/nginx-$side")
  nginx_pid=${line#nginx-pid=}; nginx_pid=${nginx_pid%% *}; searchd_pid=${line##*searchd-pid=}
  pids+=("$nginx_pid" "$searchd_pid")
  measure "$side-nginx" $((port + 10)) "$searchd_pid" slow_heads,idle_open,non_readers
  kill "$nginx_pid" "$searchd_pid"
done
for where in direct nginx; do
  echo "## $where"
  echo "| figure | before | after |"
  echo "|---|---|---|"
  join -t $'\t' <(sort "$out/before-$where.tsv") <(sort "$out/after-$where.tsv") |
    awk -F'\t' '{printf "| %s | %s %s | %s %s |\n", $1, $2, $3, $4, $5}'
done
