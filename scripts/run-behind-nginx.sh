#!/usr/bin/env bash
# A try-out of Consulta behind nginx (config/nginx-consulta.conf), as an ordinary process:
# nginx runs unprivileged with its own prefix and temp folders under WORK, so no system
# service is needed or touched.
#
#   scripts/run-behind-nginx.sh [--index DIR] [--port 8088] [--daemon-port 8089] [--work DIR]
#                               [--bin build/bin] [--config config/consulta.toml] [--detach]
#
# Without --detach it serves until Ctrl-C and then stops both. With --detach it prints
# "nginx-pid=N searchd-pid=M" and leaves them running (tests use this).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
index="$root/index"
port=8088
daemon_port=8089
work="${TMPDIR:-/tmp}/consulta-nginx.$$"
bin="$root/build/bin"
config="$root/config/consulta.toml"
detach=0
while (($#)); do
  case "$1" in
    --index) index=$2; shift 2 ;;
    --port) port=$2; shift 2 ;;
    --daemon-port) daemon_port=$2; shift 2 ;;
    --work) work=$2; shift 2 ;;
    --bin) bin=$2; shift 2 ;;
    --config) config=$2; shift 2 ;;
    --detach) detach=1; shift ;;
    *) echo "run-behind-nginx: unknown option $1" >&2; exit 2 ;;
  esac
done
nginx=$(command -v nginx || echo /usr/sbin/nginx)
[[ -x "$nginx" ]] || { echo "run-behind-nginx: nginx is missing (apt-get install nginx)" >&2; exit 1; }
[[ -d "$index" ]] || { echo "run-behind-nginx: no index at $index (scripts/run.sh builds one)" >&2; exit 1; }

mkdir -p "$work"/{client_body,proxy,fastcgi,uwsgi,scgi}
sed -e "s|@PREFIX@|$work|g" -e "s|@UPSTREAM@|127.0.0.1:$daemon_port|g" \
    -e "s|@LISTEN@|127.0.0.1:$port|g" "$root/config/nginx-consulta.conf" >"$work/nginx.conf"

"$bin/consulta-searchd" --index "$index" --config "$config" --listen "127.0.0.1:$daemon_port" \
  >"$work/searchd.out" 2>"$work/searchd.log" &
searchd=$!
for _ in $(seq 100); do
  grep -q listening "$work/searchd.out" 2>/dev/null && break
  kill -0 "$searchd" 2>/dev/null || { cat "$work/searchd.log" >&2; exit 1; }
  sleep 0.1
done
# -p: its own prefix; "daemon off" keeps it a child of this script, so $! is its pid.
"$nginx" -p "$work" -c "$work/nginx.conf" -e "$work/error.log" -g "daemon off;" &
nginx_pid=$!
for _ in $(seq 50); do
  curl -fs "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && break
  kill -0 "$nginx_pid" 2>/dev/null || { cat "$work/error.log" >&2; kill "$searchd"; exit 1; }
  sleep 0.1
done
if ((detach)); then
  echo "nginx-pid=$nginx_pid searchd-pid=$searchd"
  exit 0
fi
echo "Consulta behind nginx on http://127.0.0.1:$port (daemon on 127.0.0.1:$daemon_port; logs in $work). Ctrl-C stops both."
trap 'kill "$nginx_pid" "$searchd" 2>/dev/null; wait' INT TERM EXIT
wait
