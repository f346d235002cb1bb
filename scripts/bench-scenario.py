#!/usr/bin/env python3
"""Per-step latency of the scenario runner through HTTP, on a release `cinco serve` with
embedded SQLite.

Seeds the demo organisation into a fresh data directory, imports and publishes a busy
scenario (8 speaking nodes of 3 replies, an escalation branch, two ends) as the trainer,
then CONCURRENCY agents each play it again and again for DURATION seconds. Every reply is
one POST /api/v1/play/runs/{id}/choices: the server replays the run, checks the limit,
stores the reply and its evidence in a transaction, and answers the new state (with the
debrief, best path included, at the end). Prints the latency percentiles of those POSTs.
"""
import json, os, subprocess, tempfile, threading, time, urllib.request, uuid

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TARGET = os.environ.get("CARGO_TARGET_DIR", os.path.expanduser("~/.cache/cinco-target"))
BIN = os.path.join(TARGET, "release", "cinco")
PORT = int(os.environ.get("PORT", "18082"))
DURATION = float(os.environ.get("DURATION", "10"))
CONCURRENCY = int(os.environ.get("CONCURRENCY", "2"))
URL = f"http://127.0.0.1:{PORT}"
PASSWORD = "cinco-demo-2026"


def call(method, path, token=None, body=None):
    headers = {"content-type": "application/json"}
    if token:
        headers["authorization"] = f"Bearer {token}"
    data = None if body is None else json.dumps(body).encode()
    req = urllib.request.Request(f"{URL}{path}", data=data, headers=headers, method=method)
    with urllib.request.urlopen(req) as res:
        return json.loads(res.read() or b"null")


def sign_in(who):
    return call("POST", "/api/v1/auth/sign-in", body={"email": f"{who}@demo.cinco.test", "password": PASSWORD})["access_token"]


def scenario(depth=8):
    nodes = []
    for i in range(depth):
        choices = []
        for c in range(3):
            choice = {
                "id": f"c{c}", "text": "I understand, let me check that for you right now.",
                "next": f"n{min(i + 1 + c % 2, depth)}", "feedback": "Acknowledge first, then act.",
                "evidence": {"empathy": 1}, "seconds": 30, "sentiment": -1 if c == 2 else 1,
                "resolution": "resolves" if c == 0 else "none",
            }
            if c == 0:
                choice["action"] = {"decision": "free-replacement", "amount": 30, "escalation": f"n{depth + 1}"}
            choices.append(choice)
        nodes.append({"id": f"n{i}", "start": i == 0, "speaker": "customer",
                      "text": "I have been waiting for my order for two weeks.", "choices": choices})
    for end in (depth, depth + 1):
        nodes.append({"id": f"n{end}", "speaker": "narrator", "text": "The call ends.", "outcome": "Done."})
    return {"key": "bench-call", "title": "Bench call", "locale": "es", "persona": {"name": "Ana"},
            "brief": "", "competencies": ["empathy"], "nodes": nodes}


def main():
    subprocess.run(["cargo", "build", "--quiet", "--release", "-p", "cinco"], cwd=ROOT, check=True,
                   env=dict(os.environ, CARGO_TARGET_DIR=TARGET))
    data = tempfile.mkdtemp()
    env = dict(os.environ, CINCO_LISTEN=f"127.0.0.1:{PORT}", CINCO_DATA_DIR=data, RUST_LOG="warn",
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
        draft = call("POST", "/api/v1/scenarios/import", trainer, {"scenario": scenario()})
        assert draft["issues"] == [], draft["issues"]
        version = call("POST", f"/api/v1/scenario-versions/{draft['id']}/publish", trainer)["id"]
        latencies, runs, lock = [], [0], threading.Lock()
        deadline = time.monotonic() + DURATION

        def agent(n):
            token = sign_in(f"agent{n:02d}")
            while time.monotonic() < deadline:
                run = call("POST", "/api/v1/play/runs", token, {"id": str(uuid.uuid4()), "scenario_version_id": version})
                view = run
                while not view["finished"]:
                    start = time.perf_counter()
                    view = call("POST", f"/api/v1/play/runs/{run['id']}/choices", token,
                                {"id": str(uuid.uuid4()), "position": view["position"], "choice": "c1"})
                    took = time.perf_counter() - start
                    with lock:
                        latencies.append(took)
                with lock:
                    runs[0] += 1

        threads = [threading.Thread(target=agent, args=(i + 1,)) for i in range(CONCURRENCY)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        latencies.sort()
        pct = lambda p: latencies[min(len(latencies) - 1, int(len(latencies) * p))] * 1000
        print(f"{CONCURRENCY} agents for {DURATION:.0f} s: {runs[0]} runs, {len(latencies)} replies "
              f"({len(latencies) / DURATION:.0f}/s)")
        print(f"reply latency: p50 {pct(0.50):.2f} ms, p95 {pct(0.95):.2f} ms, p99 {pct(0.99):.2f} ms")
    finally:
        server.terminate()
        server.wait()


if __name__ == "__main__":
    main()
