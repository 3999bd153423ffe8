# HTTP on one corpus: consulta-searchd beside bench_enquire_server (the plain Enquire behind
# cpp-httplib with TCP_NODELAY), wrk -t2 -c16 --latency against both, interleaved round by
# round, then both servers' resident memory from /proc. Loopback only. Sourced, not run.
# http_rounds LABEL SECONDS ROUNDS
http_urls=("war|q=war" "trade AND tariff|q=trade%20AND%20tariff" "state=US|state=US")

# wrk_run LABEL URL_NAME TARGET PORT QUERY SECONDS ROUND [SECTION]: one wrk run, its figures
# as samples of SECTION (default http).
wrk_run() {
  local label=$1 url_name=$2 target=$3 port=$4 query=$5 seconds=$6 round=$7 section=${8:-http}
  local out=$work/wrk-$label-$target-${url_name//[^a-zA-Z]/_}-$round.txt
  timeout $((seconds + 30)) wrk -t2 -c16 -d"${seconds}s" --timeout 5s --latency \
    "http://127.0.0.1:$port/v1/search?$query" >"$out" 2>&1 || true
  # wrk prints times as 812.00us, 3.10ms, 1.20s; every figure is turned into milliseconds.
  local figures
  figures=$(awk '
    function ms(v) { if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0;
                     if (v ~ /m$/) return v * 60000; if (v ~ /s$/) return v * 1000; return v }
    /Non-2xx or 3xx responses:/ { bad = $NF }
    /^ +50%/ { p50 = ms($2) } /^ +99%/ { p99 = ms($2) }
    /Requests\/sec:/ { rps = $2 }
    END { if (rps != "" && p50 != "") printf "%s %.3f %.3f %d\n", rps, p50, p99, bad }' "$out")
  if [[ -z $figures ]]; then
    log "wrk gave no figures for $target $url_name: $out"
    return 0
  fi
  local rps p50 p99 bad
  read -r rps p50 p99 bad <<<"$figures"
  sample "$label" "$section" "$url_name" "$target" rps "$rps"
  sample "$label" "$section" "$url_name" "$target" p50_ms "$p50"
  sample "$label" "$section" "$url_name" "$target" p99_ms "$p99"
  sample "$label" "$section" "$url_name" "$target" non2xx "$bad"
}

# proc_memory LABEL NAME PID: VmRSS and VmHWM of a running server, in KiB.
proc_memory() {
  local label=$1 name=$2 pid=$3
  local rss hwm
  rss=$(awk '/^VmRSS:/ { print $2 }' "/proc/$pid/status" 2>/dev/null)
  hwm=$(awk '/^VmHWM:/ { print $2 }' "/proc/$pid/status" 2>/dev/null)
  [[ -n $rss ]] && sample "$label" memory "$name" - vmrss_kb "$rss"
  [[ -n $hwm ]] && sample "$label" memory "$name" - vmhwm_kb "$hwm"
  log "$label $name: VmRSS $rss KiB, VmHWM $hwm KiB"
}

# start_target LABEL TARGET: starts searchd or the ceiling on the corpus's index; sets
# ${TARGET}_port and ${TARGET}_pid.
start_target() {
  local label=$1 target=$2 program=consulta-searchd
  [[ $target == ceiling ]] && program=bench_enquire_server
  start_server "$label-$target-$((++server_starts))" "$bin/$program" --index "$consulta_index" \
    --listen 127.0.0.1:0 || return 1
  printf -v "${target}_port" '%s' "$port"
  printf -v "${target}_pid" '%s' "$server_pid"
}

# measure_target LABEL URL_NAME TARGET QUERY SECONDS ROUND: one wrk run; a server that died
# under it is counted as a crash (a figure of its own) and started again for the next run.
measure_target() {
  local label=$1 url_name=$2 target=$3 query=$4 seconds=$5 round=$6
  local port_var=${target}_port pid_var=${target}_pid
  wrk_run "$label" "$url_name" "$target" "${!port_var}" "$query" "$seconds" "$round"
  if ! kill -0 "${!pid_var}" 2>/dev/null; then
    log "$target DIED under wrk on $url_name (round $round): see $work/$label-$target-*.err"
    sample "$label" http "$url_name" "$target" crashed 1
    start_target "$label" "$target" || true
  fi
}

http_rounds() {
  local label=$1 seconds=$2 rounds=$3
  local searchd_port ceiling_port searchd_pid ceiling_pid round entry url_name query
  server_starts=0
  start_target "$label" searchd || return 0
  start_target "$label" ceiling || { stop_servers; return 0; }
  log "$label: wrk, ${seconds}s per run, $rounds rounds (searchd :$searchd_port, ceiling :$ceiling_port)"
  for round in $(seq "$rounds"); do
    for entry in "${http_urls[@]}"; do
      IFS='|' read -r url_name query <<<"$entry"
      measure_target "$label" "$url_name" searchd "$query" "$seconds" "$round"
      measure_target "$label" "$url_name" ceiling "$query" "$seconds" "$round"
    done
    log "$label: HTTP round $round done (load $(cut -d' ' -f1-3 /proc/loadavg))"
  done
  proc_memory "$label" searchd "$searchd_pid"
  proc_memory "$label" ceiling "$ceiling_pid"
  stop_servers
}
