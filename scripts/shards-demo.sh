#!/usr/bin/env bash
# A local try-out of a sharded index: two shards served by the stock xapian-tcpsrv on loopback
# ports, aux read locally, consulta-searchd over a stub file that names them.
#
#   scripts/shards-demo.sh start [CORPUS] [WORK]   index CORPUS (default: corpus/) into
#                                                  WORK/index (default WORK: /tmp/consulta-shards)
#                                                  with --shards 2 and start everything
#   scripts/shards-demo.sh stop [WORK]             stop what start started
#
# Ports: 33101 and 33102 for the shards, 8090 for searchd (SHARD_PORT_BASE, SEARCHD_PORT).
# xapian-tcpsrv has no authentication: it listens on 127.0.0.1 here; anywhere else, firewall
# its port to the searchd machines (or use xapian-progsrv over ssh).
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
bin="${CONSULTA_BIN:-$here/build/bin}"
base="${SHARD_PORT_BASE:-33100}"
searchd_port="${SEARCHD_PORT:-8090}"

start() {
    local corpus="${1:-$here/corpus}" work="${2:-/tmp/consulta-shards}"
    mkdir -p "$work"
    "$bin/consulta-indexer" --corpus "$corpus" --index "$work/index" --shards 2 --quiet
    for k in 0 1; do
        # setsid: the server and the children it forks per connection in one group, for stop.
        setsid xapian-tcpsrv --quiet --interface 127.0.0.1 --port $((base + 1 + k)) \
            "$work/index/shard-0$k" >"$work/shard-$k.log" 2>&1 &
        echo $! >"$work/shard-$k.pid"
    done
    cat >"$work/layout.stub" <<STUB
# aux (metadata, spelling) on this machine; the shards on the servers.
auto index/aux
remote 127.0.0.1:$((base + 1))
remote 127.0.0.1:$((base + 2))
STUB
    sleep 0.5
    setsid "$bin/consulta-searchd" --index "$work/layout.stub" --listen "127.0.0.1:$searchd_port" \
        >"$work/searchd.log" 2>&1 &
    echo $! >"$work/searchd.pid"
    for _ in $(seq 50); do
        curl -fs "http://127.0.0.1:$searchd_port/healthz" >/dev/null 2>&1 && break
        sleep 0.2
    done
    curl -s "http://127.0.0.1:$searchd_port/healthz"; echo
    echo "searchd on http://127.0.0.1:$searchd_port over $work/layout.stub; stop with: $0 stop $work"
}

stop() {
    local work="${1:-/tmp/consulta-shards}"
    for name in searchd shard-0 shard-1; do
        local file="$work/$name.pid"
        [[ -f "$file" ]] || continue
        local pid; pid="$(cat "$file")"
        kill -TERM -- "-$pid" 2>/dev/null || true  # its process group (setsid above)
        rm -f "$file"
    done
    echo "stopped"
}

case "${1:-}" in
    start) shift; start "$@" ;;
    stop) shift; stop "$@" ;;
    *) echo "usage: $0 start [CORPUS] [WORK] | stop [WORK]" >&2; exit 2 ;;
esac
