#!/usr/bin/env python3
"""Results screens over HTTP with 10,000 agents' KPIs, on embedded SQLite and PostgreSQL.

Seeds the demo with 10,000 extra agents in 20 teams of 500, each with a lead, most agents
having finished a bench path in a week drawn by the synthetic model (`seed-demo --agents
10000 --team-size 500 --no-history`); writes 26 weeks of FCR, AHT, CSAT and QA for every
agent with `cinco generate-kpis` (5 % of agent-weeks missing, FCR rising 4 points after the
path) and imports them; serves a release `cinco serve`, then, one client, after WARMUP
requests each:

* a lead of one 500-agent team: `GET /api/v1/results/team?team_id=…` and
  `GET /api/v1/results/impact/fcr` (their scope: the team's 500 agents), REQUESTS times;
* an admin: `GET /api/v1/results/impact/fcr` over all 10,012 agents, ADMIN_REQUESTS times.

Prints p50, p95 and max per endpoint and database, the CPU time the `cinco` process spent per
request (user + system, from /proc: what a request costs whatever else the machine is doing;
PostgreSQL's own work is not in it), and the estimate found (it should be close to the
planted 4 points).

Environment: CINCO_BIN (default: build a release `cinco`), PG_URL (default
postgres://postgres@127.0.0.1:5432/postgres; database `cinco_bench_results` is created),
DATABASES ("sqlite postgres"), AGENTS (10000), REQUESTS (100), ADMIN_REQUESTS (10),
WARMUP (5), PORT (18182), KEEP_DATA (set: keep each database's data folder and say where).
"""
import json, os, shutil, statistics, subprocess, sys, tempfile, time, urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TARGET = os.environ.get("CARGO_TARGET_DIR", os.path.expanduser("~/.cache/cinco-target"))
PG_URL = os.environ.get("PG_URL", "postgres://postgres@127.0.0.1:5432/postgres")
PG_DB = "cinco_bench_results"
AGENTS = int(os.environ.get("AGENTS", "10000"))
REQUESTS = int(os.environ.get("REQUESTS", "100"))
ADMIN_REQUESTS = int(os.environ.get("ADMIN_REQUESTS", "10"))
WARMUP = int(os.environ.get("WARMUP", "5"))
PORT = int(os.environ.get("PORT", "18182"))
URL = f"http://127.0.0.1:{PORT}"
SLUG = "demo-contact-center"
PASSWORD = "cinco-demo-2026"


def binary():
    if os.environ.get("CINCO_BIN"):
        return os.environ["CINCO_BIN"]
    subprocess.run(["cargo", "build", "--quiet", "--release", "-p", "cinco"], cwd=ROOT, check=True,
                   env=dict(os.environ, CARGO_TARGET_DIR=TARGET))
    return os.path.join(TARGET, "release", "cinco")


def database(kind, data):
    env = dict(os.environ, CINCO_DATA_DIR=data, RUST_LOG="warn", CINCO_LISTEN=f"127.0.0.1:{PORT}",
               CINCO_DEMO_CONTENT=os.path.join(ROOT, "content"))
    env.pop("DATABASE_URL", None)
    env.pop("CINCO_DATABASE_URL", None)
    if kind == "postgres":
        subprocess.run(["psql", PG_URL, "-qc", f"DROP DATABASE IF EXISTS {PG_DB}"], check=True)
        subprocess.run(["psql", PG_URL, "-qc", f"CREATE DATABASE {PG_DB}"], check=True)
        env["DATABASE_URL"] = f"{PG_URL.rsplit('/', 1)[0]}/{PG_DB}"
    return env


def run(args, env):
    started = time.time()
    proc = subprocess.run(args, env=env, capture_output=True, text=True)
    if proc.returncode != 0:
        sys.exit(f"{' '.join(args)} failed:\n{proc.stdout}\n{proc.stderr}")
    return proc.stdout.strip(), time.time() - started


def call(path, token=None, body=None):
    headers = {"content-type": "application/json"}
    if token:
        headers["authorization"] = f"Bearer {token}"
    data = json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request(f"{URL}{path}", data=data, headers=headers,
                                 method="POST" if body is not None else "GET")
    with urllib.request.urlopen(req, timeout=120) as res:
        return json.loads(res.read() or b"null")


def sign_in(email):
    return call("/api/v1/auth/sign-in", body={"email": email, "password": PASSWORD})["access_token"]


def cpu_ms(pid):
    """CPU time (user + system) the process has used, in ms."""
    fields = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) * 1000 / os.sysconf("SC_CLK_TCK")


def latencies(path, token, n, pid):
    for _ in range(WARMUP):
        call(path, token)
    cpu = cpu_ms(pid)
    times = []
    for _ in range(n):
        started = time.perf_counter()
        body = call(path, token)
        times.append((time.perf_counter() - started) * 1000)
    cpu = (cpu_ms(pid) - cpu) / n
    times.sort()
    p95 = times[min(len(times) - 1, int(round(0.95 * len(times))) - 1)]
    return {"p50": statistics.median(times), "p95": p95, "max": times[-1], "n": n, "cpu": cpu}, body


def first(path, token):
    """One request's time in ms: the first impact request after an import computes the
    estimate; later ones are answered from the cache until the next import."""
    started = time.perf_counter()
    body = call(path, token)
    return (time.perf_counter() - started) * 1000, body


def trainings(body):
    """(title, reading, estimate, treated agents) of each training in an impact answer."""
    seen = {}
    for c in body["competencies"]:
        for t in c["trainings"]:
            seen[(t["kind"], t["title"])] = (t["title"], t["reading"], t["estimate"], t["treated_agents"])
    return list(seen.values())


def bench(kind, cinco, work):
    print(f"\n== {kind}", flush=True)
    data = tempfile.mkdtemp(prefix=f"cinco-results-{kind}-")
    env = database(kind, data)
    server = None
    try:
        _, wall = run([cinco, "seed-demo", "--agents", str(AGENTS), "--team-size", "500", "--no-history"], env)
        print(f"seeded {AGENTS} agents in teams of 500 in {wall:.1f} s", flush=True)
        path = os.path.join(work, f"kpis-{kind}.csv")
        out, wall = run([cinco, "generate-kpis", "--organisation", SLUG, "--weeks", "26", "--out", path], env)
        print(f"generate-kpis: {out} in {wall:.1f} s", flush=True)
        out, wall = run([cinco, "import-kpis", path, "--organisation", SLUG], env)
        print(f"import-kpis: {out.splitlines()[0]} in {wall:.1f} s", flush=True)
        server = subprocess.Popen([cinco, "serve"], env=env)
        for _ in range(500):
            try:
                urllib.request.urlopen(f"{URL}/health/ready")
                break
            except OSError:
                time.sleep(0.05)
        lead = sign_in("benchlead001@demo.cinco.test")
        admin = sign_in("admin@demo.cinco.test")
        team = call("/api/v1/teams", lead)[0]
        figures = {}
        stats, body = latencies(f"/api/v1/results/team?team_id={team['id']}", lead, REQUESTS, server.pid)
        print(f"team results, {body['agents']} agents: {stats}", flush=True)
        figures["GET /results/team?team_id=… (500 agents, lead)"] = stats
        computed, _ = first("/api/v1/results/impact/fcr", lead)
        stats, body = latencies("/api/v1/results/impact/fcr", lead, REQUESTS, server.pid)
        print(f"impact of the lead's team: computed in {computed:.0f} ms, then kept: {stats}; {trainings(body)}", flush=True)
        figures["GET /results/impact/fcr (500 agents, lead), computed"] = {"p50": computed, "p95": computed, "max": computed, "n": 1, "cpu": float("nan")}
        figures["GET /results/impact/fcr (500 agents, lead), kept"] = stats
        computed, _ = first("/api/v1/results/impact/fcr", admin)
        stats, body = latencies("/api/v1/results/impact/fcr", admin, ADMIN_REQUESTS, server.pid)
        print(f"impact of everyone: computed in {computed:.0f} ms, then kept: {stats}; {trainings(body)}", flush=True)
        figures[f"GET /results/impact/fcr ({AGENTS:,} agents, admin), computed"] = {"p50": computed, "p95": computed, "max": computed, "n": 1, "cpu": float("nan")}
        figures[f"GET /results/impact/fcr ({AGENTS:,} agents, admin), kept"] = stats
        rss = int(open(f"/proc/{server.pid}/status").read().split("VmRSS:")[1].split()[0]) // 1024
        print(f"server RSS after the run: {rss} MiB", flush=True)
        return figures
    finally:
        if server:
            server.terminate()
            server.wait()
        if os.environ.get("KEEP_DATA"):
            print(f"data kept in {data}", flush=True)
        else:
            shutil.rmtree(data, ignore_errors=True)


def main():
    cinco = binary()
    kinds = os.environ.get("DATABASES", "sqlite postgres").split()
    if not PG_URL:
        kinds = [k for k in kinds if k != "postgres"]
    work = tempfile.mkdtemp(prefix="cinco-results-files-")
    try:
        table = {kind: bench(kind, cinco, work) for kind in kinds}
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print("\n| endpoint | " + " | ".join(f"{k}: p50 / p95 / max (server CPU)" for k in kinds) + " |")
    print("|---|" + "---|" * len(kinds))
    for label in next(iter(table.values())):
        cells = [f"{table[k][label]['p50']:.1f} / {table[k][label]['p95']:.1f} / {table[k][label]['max']:.1f} ms "
                 f"({table[k][label]['cpu']:.0f} ms)" for k in kinds]
        print(f"| {label} | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()
