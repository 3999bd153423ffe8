#!/usr/bin/env python3
"""Figures for issue 10, holes 1-3: the same hostile clients against one consulta-searchd.

    bench/hostile_clients.py --url 127.0.0.1:8080 --pid PID [--only NAME,...] [--label L]

Prints one line per figure (name, value, unit). bench/hostile_front.sh runs it against a
build of main and of this branch, direct and behind nginx, and puts the lines side by side.
Not a test: nothing is asserted; timings depend on the machine and its load.
"""
import argparse
import socket
import subprocess
import threading
import time


def connect(host, port, timeout=30):
    s = socket.create_connection((host, port), timeout=timeout)
    s.settimeout(timeout)
    return s


def read_answer(s, buf=b""):
    """One answer off the socket: (status, body, rest) or (0, b"", b"") on close/timeout."""
    try:
        while b"\r\n\r\n" not in buf:
            chunk = s.recv(65536)
            if not chunk:
                return 0, b"", b""
            buf += chunk
        head, _, rest = buf.partition(b"\r\n\r\n")
        status = int(head[9:12])
        length = 0
        for line in head.split(b"\r\n")[1:]:
            k, _, v = line.partition(b":")
            if k.strip().lower() == b"content-length":
                length = int(v)
        while len(rest) < length:
            chunk = s.recv(65536)
            if not chunk:
                break
            rest += chunk
        return status, rest[:length], rest[length:]
    except (socket.timeout, OSError):
        return 0, b"", b""


def get(host, port, target, timeout=30):
    """(status, seconds) of one GET on a new connection; status 0 = no answer."""
    t = time.monotonic()
    try:
        s = connect(host, port, timeout)
        s.sendall(b"GET " + target.encode() + b" HTTP/1.1\r\nHost: b\r\n\r\n")
        status, _, _ = read_answer(s)
        s.close()
    except OSError:
        status = 0
    return status, time.monotonic() - t


def probe(host, port, n=40, pause=0.05, timeout=20):
    """p50/p99/max of /healthz over n sequential probes, and how many were not 200."""
    times, bad = [], 0
    for _ in range(n):
        status, sec = get(host, port, "/healthz", timeout)
        times.append(sec)
        bad += status != 200
        time.sleep(pause)
    times.sort()
    p = lambda q: times[min(len(times) - 1, int(q * len(times)))]
    return p(0.5), p(0.99), times[-1], bad


def rss_mb(pid, key="VmRSS"):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith(key + ":"):
                return int(line.split()[1]) / 1024
    return -1


def out(name, value, unit=""):
    print(f"{name}\t{value}\t{unit}", flush=True)


def hold_slow_heads(host, port, n, stop):
    """n clients sending their head one byte per second, reconnecting when closed."""
    head = b"GET /healthz HTTP/1.1\r\nHost: b\r\nX-Slow: " + b"a" * 4000
    def one():
        while not stop.is_set():
            try:
                s = connect(host, port, 5)
                for b in head:
                    if stop.is_set():
                        break
                    s.send(bytes([b]))
                    time.sleep(1)
            except OSError:
                time.sleep(0.2)
    threads = [threading.Thread(target=one, daemon=True) for _ in range(n)]
    for t in threads:
        t.start()
    return threads


def slow_heads(a):
    stop = threading.Event()
    hold_slow_heads(a.host, a.port, 200, stop)
    time.sleep(3)
    p50, p99, mx, bad = probe(a.host, a.port, n=30, timeout=15)
    stop.set()
    out("hole1 healthz p99 with 200 slow heads", f"{p99*1000:.1f}", "ms")
    out("hole1 healthz max with 200 slow heads", f"{mx*1000:.1f}", "ms")
    out("hole1 healthz not 200 with 200 slow heads", f"{bad}/30", "")


def idle_connections(a):
    socks, shed, answered = [], 0, 0
    for _ in range(1000):
        try:
            s = connect(a.host, a.port, 10)
            s.sendall(b"GET /healthz HTTP/1.1\r\nHost: b\r\n\r\n")
            status, _, _ = read_answer(s)
            answered += status == 200
            shed += status == 503
            socks.append(s)
        except OSError:
            shed += 1
    p50, p99, mx, bad = probe(a.host, a.port, n=30, timeout=15)
    for s in socks:
        s.close()
    out("hole1 of 1000 kept-alive connections, answered 200", answered, "")
    out("hole1 of 1000 kept-alive connections, 503 or refused", shed, "")
    out("hole1 healthz p99 with 1000 connections held", f"{p99*1000:.1f}", "ms")
    out("hole1 healthz not 200 with 1000 connections held", f"{bad}/30", "")


def idle_open(a):
    """1,000 connections opened at once that send nothing (yet), then /healthz probes."""
    socks = []
    for _ in range(1000):
        try:
            socks.append(connect(a.host, a.port, 10))
        except OSError:
            pass
    time.sleep(0.5)
    p50, p99, mx, bad = probe(a.host, a.port, n=30, timeout=15)
    turned_away = 0
    for s in socks:
        s.setblocking(False)
        try:
            data = s.recv(4096)
            turned_away += data.startswith(b"HTTP/1.1 503")
        except (BlockingIOError, OSError):
            pass
        s.close()
    out("hole1 of 1000 idle connections opened at once, answered 503", turned_away, "")
    out("hole1 healthz p99 with 1000 idle connections open", f"{p99*1000:.1f}", "ms")
    out("hole1 healthz not 200 with 1000 idle connections open", f"{bad}/30", "")


def non_readers(a):
    socks = []
    for _ in range(34):
        s = connect(a.host, a.port, 10)
        s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
        s.sendall(f"GET /v1/search?q=the&limit=100 HTTP/1.1\r\nHost: b\r\n\r\n".encode() * 20)
        socks.append(s)
    time.sleep(1)
    p50, p99, mx, bad = probe(a.host, a.port, n=20, timeout=20)
    for s in socks:
        s.close()
    out("hole1 healthz p99 with 34 clients not reading", f"{p99*1000:.1f}", "ms")
    out("hole1 healthz not 200 with 34 clients not reading", f"{bad}/20", "")


def pipelining(a):
    s = connect(a.host, a.port, 3)
    s.sendall(b"GET /healthz HTTP/1.1\r\nHost: b\r\n\r\n" * 3)
    n, buf = 0, b""
    while True:
        status, _, buf = read_answer(s, buf)
        if not status:
            break
        n += 1
        if n == 3:
            break
    s.close()
    out("hole2 answers to 3 pipelined GETs", n, "of 3")
    junk = b"x" * 4092 + b"\r\n\r\n" + b"GET /v1/stats HTTP/1.1\r\nHost: b\r\n\r\n"
    s = connect(a.host, a.port, 3)
    s.sendall(junk)
    statuses, buf = [], b""
    while True:
        status, body, buf = read_answer(s, buf)
        if not status:
            break
        statuses.append(status if b"documents" not in body else "stats-200")
    s.close()
    out("hole2 junk to byte 4096 then GET /v1/stats", "+".join(map(str, statuses)) or "none", "")
    for n in (10000, 100000):
        s = connect(a.host, a.port, 10)
        try:
            s.sendall(b"GET /healthz HTTP/1.1\r\nHost: b\r\n" + b"X-A: b\r\n" * n + b"\r\n")
        except OSError:
            pass
        status, _, _ = read_answer(s)
        s.close()
        out(f"hole2 status with {n} headers", status or "none", "")


def wildcards(a):
    q = "+".join(["a*"] * 680)
    before = rss_mb(a.pid)
    status, sec = get(a.host, a.port, "/v1/search?q=" + q, timeout=120)
    out("hole3 680 x a*: status", status or "none", "")
    out("hole3 680 x a*: seconds", f"{sec:.2f}", "s")
    out("hole3 680 x a*: RSS before/after", f"{before:.0f}/{rss_mb(a.pid):.0f}", "MB")
    q = "+".join(["a*"] * 300)
    results = []
    def one():
        results.append(get(a.host, a.port, "/v1/search?q=" + q, timeout=120))
    threads = [threading.Thread(target=one) for _ in range(6)]
    t = time.monotonic()
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    out("hole3 6 concurrent 300-wildcard queries: statuses", ",".join(str(r[0]) for r in results), "")
    out("hole3 6 concurrent 300-wildcard queries: seconds", f"{time.monotonic()-t:.2f}", "s")
    out("hole3 peak RSS (VmHWM) after the storms", f"{rss_mb(a.pid, 'VmHWM'):.0f}", "MB")
    out("hole3 RSS now", f"{rss_mb(a.pid):.0f}", "MB")
    # A wildcard search whose client leaves at once: does the work stop?
    s = connect(a.host, a.port, 3)
    s.sendall(("GET /v1/search?q=" + "+".join(["a*"] * 8) + " HTTP/1.1\r\nHost: b\r\n\r\n").encode())
    s.close()


def overload(a):
    """wrk at twice the capacity (threads + queue connections): requests/s and 503 share."""
    conns = 2 * a.capacity
    r = subprocess.run(["wrk", "-t2", f"-c{conns}", "-d10s", "--latency",
                        f"http://{a.host}:{a.port}/v1/search?q=migration+OR+state&limit=20"],
                       capture_output=True, text=True)
    total = non2xx = 0
    rps = "?"
    for line in r.stdout.splitlines():
        line = line.strip()
        if line.endswith("requests in") or " requests in " in line:
            total = int(line.split()[0])
        if line.startswith("Non-2xx or 3xx responses:"):
            non2xx = int(line.split(":")[1])
        if line.startswith("Requests/sec:"):
            rps = line.split(":")[1].strip()
    out(f"overload {conns} connections: requests/s", rps, "")
    out(f"overload {conns} connections: share not 2xx (503)",
        f"{(100.0 * non2xx / total) if total else 0:.1f}", "%")


FIGURES = {"pipelining": pipelining, "wildcards": wildcards, "slow_heads": slow_heads,
           "idle": idle_connections, "idle_open": idle_open, "non_readers": non_readers, "overload": overload}


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--url", required=True)
    p.add_argument("--pid", type=int, required=True)
    p.add_argument("--only", default=",".join(FIGURES))
    p.add_argument("--capacity", type=int, default=32 + 128)
    a = p.parse_args()
    a.host, _, port = a.url.rpartition(":")
    a.port = int(port)
    for name in a.only.split(","):
        FIGURES[name](a)
        time.sleep(2)


if __name__ == "__main__":
    main()
