#!/usr/bin/env python3
"""Can the answer time of POST /auth/forgot-password tell a known address from an unknown one?

On a release `cinco serve` with embedded SQLite and the demo organisation, sends ROUNDS pairs
of requests over one kept-alive connection, alternating an address that has an account (the
demo's 16 people, in turn) with one that has none, and prints each kind's median answer time
and how often the best single threshold on one request's time guesses right (50 % is a coin).

  BIN=/path/to/cinco scripts/bench-forgot.py    # another build, e.g. an older commit's
"""
import http.client, json, os, random, statistics, subprocess, tempfile, time, urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TARGET = os.environ.get("CARGO_TARGET_DIR", os.path.expanduser("~/.cache/cinco-target"))
BIN = os.environ.get("BIN") or os.path.join(TARGET, "release", "cinco")
PORT = int(os.environ.get("PORT", "18085"))
ROUNDS = int(os.environ.get("ROUNDS", "1500"))
PEOPLE = ["admin", "trainer", "lead1", "lead2"] + [f"agent{i:02d}" for i in range(1, 13)]


def main():
    if "BIN" not in os.environ:
        subprocess.run(["cargo", "build", "--quiet", "--release", "-p", "cinco"], cwd=ROOT, check=True,
                       env=dict(os.environ, CARGO_TARGET_DIR=TARGET))
    data = tempfile.mkdtemp()
    env = dict(os.environ, CINCO_LISTEN=f"127.0.0.1:{PORT}", CINCO_DATA_DIR=data, RUST_LOG="error",
               CINCO_HTTP_WORKERS="1", CINCO_DEMO_CONTENT=os.path.join(ROOT, "content"))
    subprocess.run([BIN, "seed-demo"], env=env, check=True, stdout=subprocess.DEVNULL)
    server = subprocess.Popen([BIN, "serve"], env=env, stdout=subprocess.DEVNULL)
    try:
        for _ in range(500):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{PORT}/health/ready")
                break
            except OSError:
                time.sleep(0.02)
        conn = http.client.HTTPConnection("127.0.0.1", PORT)

        def ask(email):
            body = json.dumps({"email": email})
            start = time.perf_counter()
            conn.request("POST", "/api/v1/auth/forgot-password", body, {"content-type": "application/json"})
            res = conn.getresponse()
            res.read()
            assert res.status == 202, res.status
            return (time.perf_counter() - start) * 1000

        for i in range(50):  # warm up
            ask(f"warm{i}@nowhere.example")
        known, unknown = [], []
        for i in range(ROUNDS):
            pair = [("known", f"{PEOPLE[i % len(PEOPLE)]}@demo.cinco.test"),
                    ("unknown", f"nobody{i}-{random.randrange(10**9)}@demo.cinco.test")]
            random.shuffle(pair)
            for kind, email in pair:
                (known if kind == "known" else unknown).append(ask(email))
        samples = [(t, True) for t in known] + [(t, False) for t in unknown]
        best = 0.5
        for threshold, _ in samples[:: max(1, len(samples) // 400)]:
            right = sum((t >= threshold) == k for t, k in samples) / len(samples)
            best = max(best, right, 1 - right)
        print(f"known address:   median {statistics.median(known):.3f} ms ({len(known)} requests)")
        print(f"unknown address: median {statistics.median(unknown):.3f} ms ({len(unknown)} requests)")
        print(f"best threshold guesses right {best * 100:.0f} % of single requests (50 % = no signal)")
    finally:
        server.terminate()
        server.wait()


if __name__ == "__main__":
    main()
