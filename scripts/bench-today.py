#!/usr/bin/env python3
"""Today's session under load, against a bare handler in the same binary.

Builds a release `cinco`, seeds the demo scaled to 1,000 agents (each with a learning
history) and 200 published lessons on embedded SQLite, serves it with the benchmark
baseline on, signs in TOKENS agents, then measures with wrk on loopback, in one run:

1. GET /api/v1/today, each request as one of the agents in turn (sessions composed in a
   warm-up pass first, as after each agent's first visit of the day);
2. GET /bench/baseline/<org>: one indexed sea-orm query, no authentication;
3. POST /api/v1/sync with one new lesson answer per request (answer submissions).

Prints wrk's figures and the server's resident memory. wrk is installed from Debian's
packages when missing.
"""
import json, os, re, shutil, subprocess, sys, tempfile, time, urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TARGET = os.environ.get("CARGO_TARGET_DIR", os.path.expanduser("~/.cache/cinco-target"))
BIN = os.path.join(TARGET, "release", "cinco")
PORT = int(os.environ.get("PORT", "18181"))
URL = f"http://127.0.0.1:{PORT}"
DURATION = os.environ.get("DURATION", "20s")
CONNECTIONS = os.environ.get("CONNECTIONS", "32")
TOKENS = int(os.environ.get("TOKENS", "200"))
AGENTS = os.environ.get("AGENTS", "1000")
LESSONS = os.environ.get("LESSONS", "200")


def call(method, path, token=None, body=None):
    headers = {"content-type": "application/json"}
    if token:
        headers["authorization"] = f"Bearer {token}"
    data = json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request(f"{URL}{path}", data=data, headers=headers, method=method)
    with urllib.request.urlopen(req) as res:
        return json.loads(res.read() or b"null")


def wrk(label, url, script, env):
    print(f"\n== {label}", flush=True)
    out = subprocess.run(["wrk", "-t2", f"-c{CONNECTIONS}", f"-d{DURATION}", "--latency", "-s", script, url],
                         env=env, check=True, capture_output=True, text=True).stdout
    print(out)
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    p99 = re.search(r"99%\s+(\S+)", out).group(1)
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    if non2xx:
        sys.exit(f"{label}: {non2xx.group(1)} failed responses")
    return rps, p99


def main():
    if not shutil.which("wrk"):
        subprocess.run(["apt-get", "install", "-y", "-qq", "wrk"], check=True,
                       env=dict(os.environ, DEBIAN_FRONTEND="noninteractive"))
    subprocess.run(["cargo", "build", "--quiet", "--release", "-p", "cinco"], cwd=ROOT, check=True,
                   env=dict(os.environ, CARGO_TARGET_DIR=TARGET))
    data = tempfile.mkdtemp()
    env = dict(os.environ, CINCO_LISTEN=f"127.0.0.1:{PORT}", CINCO_DATA_DIR=data, RUST_LOG="warn",
               CINCO_DEMO_CONTENT=os.path.join(ROOT, "content"), CINCO_BENCHMARK_BASELINE="true")
    started = time.time()
    subprocess.run([BIN, "seed-demo", "--agents", AGENTS, "--lessons", LESSONS], env=env, check=True,
                   stdout=subprocess.DEVNULL)
    print(f"seeded {AGENTS} agents and {LESSONS} lessons in {time.time() - started:.0f} s", flush=True)
    server = subprocess.Popen([BIN, "serve"], env=env)
    try:
        for _ in range(500):
            try:
                urllib.request.urlopen(f"{URL}/health/ready")
                break
            except OSError:
                time.sleep(0.02)
        tokens = [call("POST", "/api/v1/auth/sign-in",
                       body={"email": f"bench{n:04d}@demo.cinco.test", "password": "cinco-demo-2026"})["access_token"]
                  for n in range(1, TOKENS + 1)]
        me = call("GET", "/api/v1/me", tokens[0])
        org = me["organisation"]["id"]
        # Warm-up: every agent's session of the day is composed once.
        started = time.time()
        for t in tokens:
            call("GET", "/api/v1/today", t)
        print(f"composed {TOKENS} sessions in {time.time() - started:.2f} s "
              f"({(time.time() - started) / TOKENS * 1000:.1f} ms each, one client)", flush=True)
        # Any published lesson with a single-choice item: the answer (right or wrong) is graded.
        for summary in call("GET", "/api/v1/learn/lessons", tokens[0]):
            lesson = call("GET", f"/api/v1/learn/lessons/{summary['key']}", tokens[0])
            card = next((i for i, c in enumerate(lesson["cards"]) if c["kind"] == "single"), None)
            if card is not None:
                break
        work = tempfile.mkdtemp()
        with open(os.path.join(work, "tokens"), "w") as f:
            f.write("\n".join(tokens) + "\n")
        scripts = os.path.join(ROOT, "scripts")
        wenv = dict(os.environ, TOKENS_FILE=os.path.join(work, "tokens"),
                    VERSION=lesson["version_id"], CARD=str(card), RESPONSE=json.dumps({"choices": [0]}))
        today = wrk("GET /api/v1/today", f"{URL}/api/v1/today", os.path.join(scripts, "wrk-today.lua"), wenv)
        base = wrk("GET /bench/baseline (one indexed query)", f"{URL}/bench/baseline/{org}",
                   os.path.join(scripts, "wrk-plain.lua"), wenv)
        sync = wrk("POST /api/v1/sync (one new answer each)", f"{URL}/api/v1/sync",
                   os.path.join(scripts, "wrk-sync.lua"), wenv)
        rss = int(open(f"/proc/{server.pid}/status").read().split("VmRSS:")[1].split()[0]) // 1024
        print(f"\ntoday: {today[0]:.0f} req/s, p99 {today[1]}; baseline: {base[0]:.0f} req/s, p99 {base[1]}; "
              f"ratio {today[0] / base[0]:.2f}")
        print(f"answer submissions: {sync[0]:.0f}/s, p99 {sync[1]}; server RSS after the run: {rss} MiB")
    finally:
        server.terminate()
        server.wait()
        shutil.rmtree(data, ignore_errors=True)


if __name__ == "__main__":
    main()
