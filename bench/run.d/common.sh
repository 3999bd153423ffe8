# Helpers shared by the phases of bench/run: samples, timed runs, servers. Sourced, not run.
# Expects: $bin (the build's bin/), $work (this run's scratch folder), $samples (the file).

# sample CORPUS SECTION SUBJECT VARIANT METRIC VALUE: one line of the samples file.
sample() {
  printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$@" >>"$samples"
}

log() { echo "== $*" >&2; }

# timed TIMEOUT NAME COMMAND...: runs COMMAND under bench_rusage (output to $work/NAME.log)
# and leaves "wall_s W user_s U sys_s S maxrss_kb M exit E" in $work/NAME.rusage. Returns the
# command's status; 124 when it ran out of time.
timed() {
  local limit=$1 name=$2; shift 2
  "$bin/bench_rusage" --timeout "$limit" --out "$work/$name.rusage" -- "$@" \
    >"$work/$name.log" 2>&1
}

# field NAME KEY: one figure of $work/NAME.rusage.
field() {
  awk -v key="$2" '{ for (i = 1; i < NF; i += 2) if ($i == key) print $(i + 1) }' "$work/$1.rusage"
}

# bytes_of DIR: the bytes a folder takes on disk (apparent size, as `du -sb`).
bytes_of() { du -sb "$1" | cut -f1; }

# Servers this run started; those in server_groups lead a process group of their own (setsid)
# and are stopped with the group, so that the children they fork go too (xapian-tcpsrv).
server_pids=()
server_groups=()
stop_servers() {
  local pid
  for pid in "${server_groups[@]}"; do kill -- "-$pid" 2>/dev/null || true; done
  for pid in "${server_pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${server_pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  server_pids=()
  server_groups=()
}

# start_server NAME COMMAND...: starts a server that prints "listening on http://HOST:PORT",
# waits at most 60 s for it, and sets $port and $server_pid. Not run in a command
# substitution: the pid must reach this shell's list, so that cleanup stops it.
start_server() {
  local name=$1; shift
  "$@" >"$work/$name.out" 2>"$work/$name.err" &
  server_pid=$!
  server_pids+=("$server_pid")
  port=
  local _
  for _ in $(seq 600); do
    port=$(sed -n 's|.*listening on http://127\.0\.0\.1:\([0-9]*\).*|\1|p' "$work/$name.out")
    [[ -n $port ]] && return 0
    kill -0 "$server_pid" 2>/dev/null || break
    sleep 0.1
  done
  echo "$name did not start:" >&2
  tail -5 "$work/$name.err" >&2
  return 1
}
