#!/usr/bin/env python3
"""The lead's team dashboard for a 1,000-agent organisation.

Builds a release `cinco`, seeds the demo scaled to 1,000 agents (each with a learning
history, a coaching path and proficiency evidence) on embedded SQLite, serves it, signs in
the demo lead of the first team and the admin, then measures:

1. one request at a time: GET /api/v1/teams/<team>/dashboard (the lead's biggest team),
   the agent drill-down and the CSV export — median and 95th percentile of 30 calls each;
2. wrk with 4 connections for DURATION on the dashboard.

Prints the figures and the server's resident memory. wrk is installed from Debian's packages
when missing.
"""
import json, os, re, shutil, statistics, subprocess, sys, tempfile, time, urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TARGET = os.environ.get("CARGO_TARGET_DIR", os.path.expanduser("~/.cache/cinco-target"))
BIN = os.path.join(TARGET, "release", "cinco")
PORT = int(os.environ.get("PORT", "18182"))
URL = f"http://127.0.0.1:{PORT}"
DURATION = os.environ.get("DURATION", "15s")
AGENTS = os.environ.get("AGENTS", "1000")


def call(method, path, token=None, body=None, raw=False):
    headers = {"content-type": "application/json"}
    if token:
        headers["authorization"] = f"Bearer {token}"
    data = json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request(f"{URL}{path}", data=data, headers=headers, method=method)
    with urllib.request.urlopen(req) as res:
        payload = res.read()
        return payload if raw else json.loads(payload or b"null")


def timed(label, path, token, raw=False, n=30):
    samples = []
    for _ in range(n):
        started = time.perf_counter()
        body = call("GET", path, token, raw=raw)
        samples.append((time.perf_counter() - started) * 1000)
    samples.sort()
    size = len(body) if raw else len(json.dumps(body))
    print(f"{label}: median {statistics.median(samples):.1f} ms, p95 {samples[int(n * 0.95) - 1]:.1f} ms, "
          f"{size / 1024:.0f} kB", flush=True)
    return body


def main():
    if not shutil.which("wrk"):
        subprocess.run(["apt-get", "install", "-y", "-qq", "wrk"], check=True,
                       env=dict(os.environ, DEBIAN_FRONTEND="noninteractive"))
    subprocess.run(["cargo", "build", "--quiet", "--release", "-p", "cinco"], cwd=ROOT, check=True,
                   env=dict(os.environ, CARGO_TARGET_DIR=TARGET))
    data = tempfile.mkdtemp()
    env = dict(os.environ, CINCO_LISTEN=f"127.0.0.1:{PORT}", CINCO_DATA_DIR=data, RUST_LOG="warn",
               CINCO_DEMO_CONTENT=os.path.join(ROOT, "content"))
    started = time.time()
    subprocess.run([BIN, "seed-demo", "--agents", AGENTS], env=env, check=True, stdout=subprocess.DEVNULL)
    print(f"seeded {AGENTS} agents in {time.time() - started:.0f} s", flush=True)
    server = subprocess.Popen([BIN, "serve"], env=env)
    try:
        for _ in range(500):
            try:
                urllib.request.urlopen(f"{URL}/health/ready")
                break
            except OSError:
                time.sleep(0.02)
        sign_in = lambda who: call("POST", "/api/v1/auth/sign-in", body={
            "email": f"{who}@demo.cinco.test", "password": "cinco-demo-2026"})["access_token"]
        lead, admin = sign_in("lead1"), sign_in("admin")
        teams = call("GET", "/api/v1/teams", lead)
        team = max(teams, key=lambda t: len(t["agents"]))
        print(f"team {team['name']!r}: {len(team['agents'])} agents", flush=True)
        path = f"/api/v1/teams/{team['id']}/dashboard"
        board = timed("dashboard (lead)", path, lead)
        timed("dashboard (admin)", path, admin)
        agent = board["agents"][0]["agent"]["id"]
        timed("agent drill-down", f"/api/v1/teams/{team['id']}/agents/{agent}", lead)
        timed("CSV export", f"{path}.csv", lead, raw=True)
        out = subprocess.run(["wrk", "-t2", "-c4", f"-d{DURATION}", "--latency", "-H", f"authorization: Bearer {lead}",
                              "-s", os.path.join(ROOT, "scripts", "wrk-plain.lua"), f"{URL}{path}"],
                             check=True, capture_output=True, text=True).stdout
        print(out)
        if re.search(r"Non-2xx or 3xx responses: (\d+)", out):
            sys.exit("the dashboard failed under load")
        rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
        p99 = re.search(r"99%\s+(\S+)", out).group(1)
        rss = int(open(f"/proc/{server.pid}/status").read().split("VmRSS:")[1].split()[0]) // 1024
        print(f"dashboard under load (4 connections): {rps:.1f} req/s, p99 {p99}; server RSS {rss} MiB")
    finally:
        server.terminate()
        server.wait()
        shutil.rmtree(data, ignore_errors=True)


if __name__ == "__main__":
    main()
