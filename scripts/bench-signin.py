#!/usr/bin/env python3
"""Sign-in throughput of a release `cinco serve` on embedded SQLite.

Starts the server on a fresh data directory with the demo people, then signs in from
CONCURRENCY threads for DURATION seconds (every sign-in is valid, so the argon2id
verification dominates) and prints requests per second and latency percentiles.
"""
import json, os, subprocess, sys, tempfile, threading, time, urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TARGET = os.environ.get("CARGO_TARGET_DIR", os.path.expanduser("~/.cache/cinco-target"))
BIN = os.path.join(TARGET, "release", "cinco")
PORT = int(os.environ.get("PORT", "18081"))
DURATION = float(os.environ.get("DURATION", "10"))
CONCURRENCY = int(os.environ.get("CONCURRENCY", "4"))
URL = f"http://127.0.0.1:{PORT}"


def sign_in(email):
    body = json.dumps({"email": email, "password": "cinco-demo-2026"}).encode()
    req = urllib.request.Request(f"{URL}/api/v1/auth/sign-in", data=body, headers={"content-type": "application/json"})
    with urllib.request.urlopen(req) as res:
        assert res.status == 200, res.status


def main():
    subprocess.run(["cargo", "build", "--quiet", "--release", "-p", "cinco"], cwd=ROOT, check=True,
                   env=dict(os.environ, CARGO_TARGET_DIR=TARGET))
    data = tempfile.mkdtemp()
    env = dict(os.environ, CINCO_LISTEN=f"127.0.0.1:{PORT}", CINCO_DATA_DIR=data, RUST_LOG="warn")
    subprocess.run([BIN, "seed-demo"], env=env, check=True, stdout=subprocess.DEVNULL)
    server = subprocess.Popen([BIN, "serve"], env=env)
    try:
        for _ in range(500):
            try:
                urllib.request.urlopen(f"{URL}/health/ready")
                break
            except OSError:
                time.sleep(0.02)
        latencies, lock = [], threading.Lock()
        deadline = time.monotonic() + DURATION

        def worker(n):
            email = f"agent{(n % 12) + 1:02d}@demo.cinco.test"
            while time.monotonic() < deadline:
                t = time.monotonic()
                sign_in(email)
                with lock:
                    latencies.append(time.monotonic() - t)

        threads = [threading.Thread(target=worker, args=(i,)) for i in range(CONCURRENCY)]
        start = time.monotonic()
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        elapsed = time.monotonic() - start
        latencies.sort()
        pct = lambda p: latencies[min(len(latencies) - 1, int(p * len(latencies)))] * 1000
        print(f"sign-ins: {len(latencies)} in {elapsed:.1f} s with {CONCURRENCY} clients = {len(latencies) / elapsed:.1f}/s; "
              f"latency p50 {pct(0.5):.0f} ms, p95 {pct(0.95):.0f} ms, p99 {pct(0.99):.0f} ms")
    finally:
        server.terminate()
        server.wait()


if __name__ == "__main__":
    sys.exit(main())
