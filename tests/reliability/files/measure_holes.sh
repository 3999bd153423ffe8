#!/usr/bin/env bash
# The figures of issue 10's holes 4-9 for one build: the same hostile corpora, the same
# requests, printed one line per figure. Run it for main's binaries and this branch's, side by
# side. usage: measure_holes.sh BIN_DIR WORK_DIR   (BIN_DIR holds consulta-indexer and -searchd)
set -uo pipefail
bin=$1 work=$2
rm -rf "$work" && mkdir -p "$work"
indexer=$bin/consulta-indexer searchd=$bin/consulta-searchd
port_of() { sed -n 's/^consulta-searchd listening on http:\/\/127.0.0.1:\([0-9]*\)$/\1/p' "$1" | head -1; }
start_daemon() {  # index -> sets pid, port
    "$searchd" --index "$1" --listen 127.0.0.1:0 >"$work/daemon.out" 2>"$work/daemon.err" &
    pid=$!
    for _ in $(seq 100); do port=$(port_of "$work/daemon.out"); [[ -n $port ]] && break; sleep 0.1; done
}
stop_daemon() { kill "$pid"; wait "$pid" 2>/dev/null; }

# Holes 4 and 5: links and special files.
c=$work/links/corpus; mkdir -p "$c"
echo "Botswana and Lesotho met in Gaborone in 2019." > "$c/real.txt"
ln -s /etc/passwd "$c/passwd.txt"; ln -s loop.txt "$c/loop.txt"; ln -s missing.txt "$c/dangling.txt"
ln -s /dev/zero "$c/zero.txt"; mkfifo "$c/fifo.txt"
timeout 60 "$indexer" --quiet --json --corpus "$c" --index "$work/links/index" >"$work/links.json" 2>"$work/links.err"
status=$?
echo "hole 5: indexer exit $status, skipped named: $(python3 -c "import json,sys; print(len(json.load(open(sys.argv[1]))['skipped']))" "$work/links.json" 2>/dev/null || echo '?') of 4 special entries (loop, dangling, fifo, /dev/zero) + 1 outside link"
start_daemon "$work/links/index"
code=$(curl -s -o "$work/passwd.out" -w '%{http_code}' "http://127.0.0.1:$port/v1/documents/passwd?text=1")
echo "hole 4: /v1/documents/passwd?text=1 -> $code, $(grep -c 'root:' "$work/passwd.out") answer(s) quoting /etc/passwd"
stop_daemon

# Hole 6: names with control bytes and invalid UTF-8, each asked for by the id search gives.
c=$work/names/corpus; mkdir -p "$c"
for name in $'new\nline' $'tab\there' $'caf\xe9' $'esc\x1b[1m' 'back\slash' 'report..2019'; do
    echo "Botswana in Gaborone, 2019." > "$c/$name.txt"
done
"$indexer" --quiet --corpus "$c" --index "$work/names/index" >/dev/null 2>&1
start_daemon "$work/names/index"
curl -s "http://127.0.0.1:$port/v1/search?q=Gaborone&limit=100" >"$work/names.json"
python3 - "$work/names.json" "$port" <<'PY'
import json, sys, urllib.parse, urllib.request
hits = json.load(open(sys.argv[1], encoding='utf-8', errors='surrogateescape'))['hits']
ok = 0
for h in hits:
    url = 'http://127.0.0.1:%s/v1/documents/%s' % (sys.argv[2], urllib.parse.quote(h['id'].encode('utf-8', 'surrogateescape'), safe=''))
    try:
        ok += urllib.request.urlopen(url).status == 200
    except Exception:
        pass
print("hole 6: %d documents found by search, %d of them answer at /v1/documents/{id}" % (len(hits), ok))
PY
stop_daemon

# Hole 7: a 50 MB one-line file.
c=$work/huge/corpus; mkdir -p "$c"
python3 -c "import sys; s='Botswana and Lesotho met, 2019. '; sys.stdout.write(s*((50<<20)//len(s)))" > "$c/huge.txt"
/usr/bin/time -f '%M' -o "$work/huge.rss" "$indexer" --quiet --corpus "$c" --index "$work/huge/index" >"$work/huge.out" 2>&1
echo "hole 7: indexer peak RSS $(( $(tail -1 "$work/huge.rss") / 1024 )) MB; summary: $(grep -c '  cut ' "$work/huge.out") cut line(s)"
start_daemon "$work/huge/index"
bytes=$(curl -s -o /dev/null -w '%{size_download}' "http://127.0.0.1:$port/v1/documents/huge?text=1")
echo "hole 7: /v1/documents/huge?text=1 answer $((bytes / 1000)) KB; daemon peak RSS $(( $(awk '/VmHWM/ {print $2}' /proc/$pid/status) / 1024 )) MB"
stop_daemon

# Hole 8: a full disk (a 3 MB tmpfs; root only).
if [[ $(id -u) == 0 ]]; then
    d=$work/disk; mkdir -p "$d" "$work/c8" && mount -t tmpfs -o size=3m consulta-measure "$d"
    for i in 1 2 3; do echo "Botswana, 2019. small $i" > "$work/c8/s$i.txt"; done
    "$indexer" --quiet --corpus "$work/c8" --index "$d/index" >/dev/null 2>&1
    python3 -c "
import random, sys
r = random.Random(7)
for i in range(2):
    open(sys.argv[1] + '/big%d.txt' % i, 'w').write(' '.join(''.join(chr(97 + r.randrange(26)) for _ in range(r.randrange(4, 12))) for _ in range(30000)))
" "$work/c8"
    "$indexer" --quiet --corpus "$work/c8" --index "$d/index" >/dev/null 2>"$work/disk.err"
    echo "hole 8: exit $?, message: $(head -c 600 "$work/disk.err")"
    xapian-check "$d/index" >/dev/null 2>&1 && echo "hole 8: xapian-check after it: ok" || echo "hole 8: xapian-check after it: FAILED"
    umount "$d"
fi

# Hole 9: every file set a killed creation can leave, then the next run.
mkdir -p "$work/c9" && echo "Botswana, 2019." > "$work/c9/a.txt"
"$indexer" --quiet --corpus "$work/c9" --index "$work/model" >/dev/null 2>&1
ok=0 n=0
for set in "flintlock" "flintlock v.tmp" "flintlock v.tmp termlist.glass" "flintlock v.tmp termlist.glass postlist.glass"; do
    d=$work/half$n; mkdir -p "$d"
    for f in $set; do if [[ $f == v.tmp ]]; then cp "$work/model/iamglass" "$d/v.tmp"; else cp "$work/model/$f" "$d/$f"; fi; done
    "$indexer" --quiet --corpus "$work/c9" --index "$d" >/dev/null 2>&1 && ok=$((ok + 1))
    n=$((n + 1))
done
echo "hole 9: $ok of $n half-created file sets accepted by the next run"
mkdir -p "$work/notes" && echo "my thesis" > "$work/notes/thesis.txt"
"$indexer" --quiet --corpus "$work/c9" --index "$work/notes" >/dev/null 2>"$work/notes.err"
echo "hole 9: a folder of someone's files as --index: exit $?, files now there: $(ls "$work/notes" | wc -l) (was 1)"
