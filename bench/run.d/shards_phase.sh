# Shards on one corpus (issue 13): the corpus indexed into 2 shards (index_rounds builds it,
# timed beside the 1-shard runs: $shards2_index) and served three ways:
#   db1      one database, the 1-shard index ($consulta_index, the same bytes)
#   local2   the 2 shards read locally through the stub directory the indexer wrote
#   remote2  the 2 shards served by two xapian-tcpsrv on loopback ports, read through a stub file
#            (an `auto` line for aux, which stays local, and a `remote 127.0.0.1:PORT` per shard)
# In process, bench_shard_search checks that each layout answers as db1, then times the query
# set interleaved layout by layout. Over HTTP, one consulta-searchd per layout under wrk -t2 -c16
# --latency, interleaved layout by layout, URL by URL, round by round. Loopback only; the
# servers are stopped by stop_servers (and the EXIT trap). Sourced, not run.
# shard_rounds LABEL SEARCH_SECONDS HTTP_SECONDS HTTP_ROUNDS
shard_layouts=(db1 local2 remote2)

# port_taken PORT: something accepts connections on 127.0.0.1:PORT.
port_taken() {
  timeout 2 bash -c "exec 3<>/dev/tcp/127.0.0.1/$1" 2>/dev/null
}

# start_shard_server NAME DB: xapian-tcpsrv serving DB on a free loopback port, in a process
# group of its own (setsid), so that stop_servers also ends the children it forks per
# connection. xapian-tcpsrv takes no port 0: random ports of 20000-29999 (below the kernel's
# ephemeral range) are tried until one binds. Sets $port; waits at most 10 s per try.
start_shard_server() {
  local name=$1 db=$2 candidate pid _
  for _ in $(seq 20); do
    candidate=$((20000 + RANDOM % 10000))
    port_taken "$candidate" && continue
    setsid xapian-tcpsrv --quiet --interface 127.0.0.1 --port "$candidate" "$db" \
      >"$work/$name.out" 2>"$work/$name.err" &
    pid=$!
    server_pids+=("$pid")
    server_groups+=("$pid")
    for _ in $(seq 100); do
      kill -0 "$pid" 2>/dev/null || break  # exits at once when the port was taken meanwhile
      if port_taken "$candidate"; then
        port=$candidate
        return 0
      fi
      sleep 0.1
    done
    kill -- "-$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
  echo "xapian-tcpsrv did not start on $db:" >&2
  tail -5 "$work/$name.err" >&2
  return 1
}

# layout_path LABEL LAYOUT: the index path Consulta opens for a layout.
layout_path() {
  case $2 in
    db1) echo "$consulta_index" ;;
    local2) echo "$shards2_index" ;;
    remote2) echo "$work/$1/remote2.stub" ;;
  esac
}

# serve_remote LABEL: both shards behind xapian-tcpsrv and the stub file that names them.
serve_remote() {
  local label=$1 stub k shard
  stub=$(layout_path "$label" remote2)
  {
    echo "# bench/run: aux read locally, the shards from xapian-tcpsrv on loopback"
    echo "auto $(basename "$shards2_index")/aux"
  } >"$stub"
  for k in 0 1; do
    shard=$(printf 'shard-%02d' "$k")
    start_shard_server "$label-tcpsrv-$shard" "$shards2_index/$shard" || return 1
    echo "remote 127.0.0.1:$port" >>"$stub"
    log "$label: $shard served by xapian-tcpsrv on 127.0.0.1:$port"
  done
}

shard_search() {
  local label=$1 seconds=$2 layout args=()
  for layout in "${shard_layouts[@]}"; do args+=(--layout "$layout=$(layout_path "$label" "$layout")"); done
  log "$label: in-process search over ${shard_layouts[*]}, ${seconds}s budget"
  timeout $((seconds * 4 + 600)) "$bin/bench_shard_search" "${args[@]}" --samples "$samples" \
    --label "$label" --seconds "$seconds" >"$work/$label-shards-search.log" 2>&1
  local rc=$?
  ((rc == 0)) || log "bench_shard_search exited $rc on $label: see $work/$label-shards-search.log"
  {
    echo "#### $label: shards, checks against one database and search log"
    echo
    echo '```'
    cat "$work/$label-shards-search.log"
    echo '```'
    echo
  } >>"$extra"
  grep -E '^(check|shards)' "$work/$label-shards-search.log" >&2 || true
}

# start_layout LABEL LAYOUT: consulta-searchd over one layout; sets shard_port_LAYOUT and
# shard_pid_LAYOUT.
start_layout() {
  local label=$1 layout=$2
  start_server "$label-searchd-$layout-$((++server_starts))" "$bin/consulta-searchd" \
    --index "$(layout_path "$label" "$layout")" --listen 127.0.0.1:0 || return 1
  printf -v "shard_port_$layout" '%s' "$port"
  printf -v "shard_pid_$layout" '%s' "$server_pid"
}

shard_http() {
  local label=$1 seconds=$2 rounds=$3 layout round entry url_name query port_var pid_var
  local shard_port_db1 shard_port_local2 shard_port_remote2 shard_pid_db1 shard_pid_local2 shard_pid_remote2
  server_starts=0
  for layout in "${shard_layouts[@]}"; do start_layout "$label" "$layout" || return 0; done
  log "$label: wrk over ${shard_layouts[*]}, ${seconds}s per run, $rounds rounds"
  for round in $(seq "$rounds"); do
    for entry in "${http_urls[@]}"; do
      IFS='|' read -r url_name query <<<"$entry"
      for layout in "${shard_layouts[@]}"; do
        port_var=shard_port_$layout pid_var=shard_pid_$layout
        wrk_run "$label" "$url_name" "$layout" "${!port_var}" "$query" "$seconds" "$round" shards-http
        if ! kill -0 "${!pid_var}" 2>/dev/null; then
          log "searchd over $layout DIED under wrk on $url_name (round $round): see $work/$label-searchd-$layout-*.err"
          sample "$label" shards-http "$url_name" "$layout" crashed 1
          start_layout "$label" "$layout" || true
        fi
      done
    done
    log "$label: shard HTTP round $round done (load $(cut -d' ' -f1-3 /proc/loadavg))"
  done
}

shard_rounds() {
  local label=$1 search_seconds=$2 http_seconds=$3 http_rounds=$4
  if [[ ! -f $shards2_index/XAPIANDB ]]; then
    log "consulta-indexer --shards 2 did not index $label: no shard phase (see $work)"
    return 0
  fi
  if serve_remote "$label"; then
    shard_search "$label" "$search_seconds"
    shard_http "$label" "$http_seconds" "$http_rounds"
  fi
  stop_servers
}
