#!/usr/bin/env python3
"""The worst scenario imports a trainer can send, and what they do to everyone else, on a
release `cinco serve` with embedded SQLite.

Seeds the demo organisation into a fresh data directory, then as the trainer sends bodies
just under the 1 MiB limit that are as hard as the format allows to check:
  - wide: one node with as many replies as fit;
  - long: as many nodes as fit, in one chain.
Each is sent ROUNDS times, TWO AT ONCE, while a prober asks GET /health/live every 20 ms.
Prints each import's answer time and status, and the prober's latency percentiles while the
imports ran next to its latency when idle.
"""
import json, os, subprocess, tempfile, threading, time, urllib.error, urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TARGET = os.environ.get("CARGO_TARGET_DIR", os.path.expanduser("~/.cache/cinco-target"))
BIN = os.path.join(TARGET, "release", "cinco")
PORT = int(os.environ.get("PORT", "18083"))
ROUNDS = int(os.environ.get("ROUNDS", "3"))
URL = f"http://127.0.0.1:{PORT}"
PASSWORD = "cinco-demo-2026"
LIMIT = 1024 * 1024 - 4096


def call(method, path, token=None, body=None):
    headers = {"content-type": "application/json"}
    if token:
        headers["authorization"] = f"Bearer {token}"
    data = None if body is None else (body if isinstance(body, bytes) else json.dumps(body).encode())
    req = urllib.request.Request(f"{URL}{path}", data=data, headers=headers, method=method)
    try:
        with urllib.request.urlopen(req, timeout=120) as res:
            return res.status, res.read()
    except urllib.error.HTTPError as e:
        return e.code, e.read()


def sign_in(who):
    _, body = call("POST", "/api/v1/auth/sign-in", body={"email": f"{who}@demo.cinco.test", "password": PASSWORD})
    return json.loads(body)["access_token"]


def envelope(nodes):
    return {"scenario": {"key": "worst-case", "title": "Worst case", "locale": "es",
                         "persona": {"name": "Ana"}, "brief": "", "competencies": [], "nodes": nodes}}


def fill(make):
    """The largest body of `make(n)` under the limit (doubling, then bisecting n)."""
    lo, hi = 1, 2
    while len(json.dumps(envelope(make(hi)))) < LIMIT:
        lo, hi = hi, hi * 2
    while hi - lo > 1:
        mid = (lo + hi) // 2
        if len(json.dumps(envelope(make(mid)))) < LIMIT:
            lo = mid
        else:
            hi = mid
    return lo, json.dumps(envelope(make(lo))).encode()


def wide(n):
    choices = [{"id": f"c{i}", "text": "x", "next": "end", "feedback": "x"} for i in range(n)]
    return [{"id": "start", "start": True, "speaker": "customer", "text": "x", "choices": choices},
            {"id": "end", "speaker": "narrator", "text": "x", "outcome": "x"}]


def long(n):
    nodes = [{"id": f"n{i}", "start": i == 0, "speaker": "customer", "text": "x",
              "choices": [{"id": "a", "text": "x", "next": f"n{i + 1}", "feedback": "x"}]} for i in range(n)]
    nodes.append({"id": f"n{n}", "speaker": "narrator", "text": "x", "outcome": "x"})
    return nodes


def pct(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, int(len(values) * p))] * 1000 if values else 0.0


def probe(stop, out):
    while not stop.is_set():
        start = time.perf_counter()
        call("GET", "/health/live")
        out.append(time.perf_counter() - start)
        time.sleep(0.02)


def main():
    subprocess.run(["cargo", "build", "--quiet", "--release", "-p", "cinco"], cwd=ROOT, check=True,
                   env=dict(os.environ, CARGO_TARGET_DIR=TARGET))
    data = tempfile.mkdtemp()
    env = dict(os.environ, CINCO_LISTEN=f"127.0.0.1:{PORT}", CINCO_DATA_DIR=data, RUST_LOG="error",
               CINCO_DEMO_CONTENT=os.path.join(ROOT, "content"))
    subprocess.run([BIN, "seed-demo"], env=env, check=True, stdout=subprocess.DEVNULL)
    server = subprocess.Popen([BIN, "serve"], env=env)
    try:
        for _ in range(500):
            try:
                urllib.request.urlopen(f"{URL}/health/ready")
                break
            except OSError:
                time.sleep(0.02)
        trainer = sign_in("trainer")
        idle = []
        stop = threading.Event()
        t = threading.Thread(target=probe, args=(stop, idle))
        t.start()
        time.sleep(2)
        stop.set()
        t.join()
        print(f"/health/live idle: p50 {pct(idle, .5):.1f} ms, p99 {pct(idle, .99):.1f} ms, max {max(idle) * 1000:.1f} ms")
        for name, make in (("wide", wide), ("long", long)):
            n, body = fill(make)
            busy, answers = [], []
            stop = threading.Event()
            prober = threading.Thread(target=probe, args=(stop, busy))
            prober.start()

            def send():
                start = time.perf_counter()
                status, _ = call("POST", "/api/v1/scenarios/import", trainer, body)
                answers.append((status, time.perf_counter() - start))

            for _ in range(ROUNDS):
                pair = [threading.Thread(target=send) for _ in range(2)]
                for p in pair:
                    p.start()
                for p in pair:
                    p.join()
            stop.set()
            prober.join()
            times = [a[1] for a in answers]
            statuses = sorted({a[0] for a in answers})
            print(f"{name}: {n} {'replies' if name == 'wide' else 'nodes'} in {len(body) / 1024:.0f} KiB, "
                  f"answered {statuses} in p50 {pct(times, .5):.0f} ms, max {max(times) * 1000:.0f} ms; "
                  f"/health/live meanwhile p50 {pct(busy, .5):.1f} ms, p99 {pct(busy, .99):.1f} ms, "
                  f"max {max(busy) * 1000:.1f} ms")
    finally:
        server.terminate()
        server.wait()


if __name__ == "__main__":
    main()
