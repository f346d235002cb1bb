#!/usr/bin/env python3
"""A million KPI rows through `cinco import-kpis`, on embedded SQLite and on PostgreSQL.

Seeds the demo with 10,000 extra agents in teams of 500 (`seed-demo --agents 10000
--team-size 500 --no-history`), writes two files with `cinco generate-kpis` (the synthetic
model of `cinco_domain::impact::synthetic`: FCR with a planted effect, AHT, CSAT, QA; no
week left out):

* 2,500 agents × 4 metrics × 25 weeks = 250,000 rows,
* 10,000 agents × 4 metrics × 25 weeks = 1,000,000 rows,

then, on a fresh table each time, imports the small file, then the big one, then the big one
again (every row replaces itself: the idempotent case). For each import: wall time, rows per
second and the peak resident memory of the `cinco` process (ru_maxrss from wait4), so that
250k against 1M shows whether memory grows with the file.

Environment: CINCO_BIN (default: build `cargo build --release -p cinco` and use
$CARGO_TARGET_DIR/release/cinco), PG_URL (a server to create the database `cinco_bench_kpi`
on; default postgres://postgres@127.0.0.1:5432/postgres; "" skips PostgreSQL), DATABASES
(default "sqlite postgres"), AGENTS (10000), WEEKS (25), WORK (a folder for the files; a
temporary one by default, removed at the end).
"""
import os, shutil, subprocess, sys, tempfile, time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TARGET = os.environ.get("CARGO_TARGET_DIR", os.path.expanduser("~/.cache/cinco-target"))
PG_URL = os.environ.get("PG_URL", "postgres://postgres@127.0.0.1:5432/postgres")
PG_DB = "cinco_bench_kpi"
AGENTS = int(os.environ.get("AGENTS", "10000"))
WEEKS = int(os.environ.get("WEEKS", "25"))
SLUG = "demo-contact-center"


def binary():
    if os.environ.get("CINCO_BIN"):
        return os.environ["CINCO_BIN"]
    subprocess.run(["cargo", "build", "--quiet", "--release", "-p", "cinco"], cwd=ROOT, check=True,
                   env=dict(os.environ, CARGO_TARGET_DIR=TARGET))
    return os.path.join(TARGET, "release", "cinco")


def database(kind, data):
    """Environment for a fresh database of `kind`, and a function running SQL on it."""
    env = dict(os.environ, CINCO_DATA_DIR=data, RUST_LOG="warn",
               CINCO_DEMO_CONTENT=os.path.join(ROOT, "content"))
    env.pop("DATABASE_URL", None)
    env.pop("CINCO_DATABASE_URL", None)
    if kind == "sqlite":
        path = os.path.join(data, "cinco.db")
        return env, lambda sql: subprocess.run(["sqlite3", path, sql], check=True, capture_output=True,
                                               text=True).stdout.strip()
    server = PG_URL.rsplit("/", 1)[0]
    subprocess.run(["psql", PG_URL, "-qc", f"DROP DATABASE IF EXISTS {PG_DB}"], check=True)
    subprocess.run(["psql", PG_URL, "-qc", f"CREATE DATABASE {PG_DB}"], check=True)
    url = f"{server}/{PG_DB}"
    env["DATABASE_URL"] = url
    return env, lambda sql: subprocess.run(["psql", url, "-tAqc", sql], check=True, capture_output=True,
                                           text=True).stdout.strip()


def timed(args, env):
    """Runs `args`; returns its output and wall seconds."""
    started = time.time()
    proc = subprocess.run(args, env=env, capture_output=True, text=True)
    wall = time.time() - started
    if proc.returncode != 0:
        sys.exit(f"{' '.join(args)} failed:\n{proc.stdout}\n{proc.stderr}")
    return proc.stdout.strip(), wall


def run_measured(args, env):
    """Like `timed`, with the process's own peak resident memory in MiB (wait4 on its pid)."""
    started = time.time()
    proc = subprocess.Popen(args, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    out = proc.stdout.read().decode()
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    wall = time.time() - started
    if proc.returncode != 0:
        sys.exit(f"{' '.join(args)} failed:\n{out}")
    return out.strip(), wall, usage.ru_maxrss / 1024


def bench(kind, cinco, work):
    print(f"\n== {kind}", flush=True)
    data = tempfile.mkdtemp(prefix=f"cinco-kpi-{kind}-")
    env, sql = database(kind, data)
    try:
        _, wall = timed([cinco, "seed-demo", "--agents", str(AGENTS), "--team-size", "500", "--no-history"], env)
        print(f"seed-demo --agents {AGENTS} --team-size 500 --no-history: {wall:.1f} s", flush=True)
        files = {}
        for agents in (AGENTS // 4, AGENTS):
            path = os.path.join(work, f"kpis-{agents}.csv")
            out, wall = timed([cinco, "generate-kpis", "--organisation", SLUG, "--agents", str(agents),
                               "--weeks", str(WEEKS), "--missing", "0", "--out", path], env)
            size = os.path.getsize(path) / 2**20
            print(f"generate-kpis: {out} ({size:.0f} MiB) in {wall:.1f} s", flush=True)
            files[agents] = path
        results = []
        for label, agents, fresh in (("250k rows, empty table", AGENTS // 4, True),
                                     ("1M rows, empty table", AGENTS, True),
                                     ("1M rows again (each replaces itself)", AGENTS, False)):
            if fresh:
                sql("DELETE FROM kpi_values")
            out, wall, rss = run_measured([cinco, "import-kpis", files[agents], "--organisation", SLUG], env)
            rows = int(out.split()[0])
            stored = int(sql("SELECT count(*) FROM kpi_values"))
            print(f"{label}: {out.splitlines()[0]} in {wall:.1f} s ({rows / wall:,.0f} rows/s), "
                  f"peak RSS {rss:.0f} MiB; {stored:,} values stored", flush=True)
            results.append((label, wall, rows / wall, rss))
        return results
    finally:
        shutil.rmtree(data, ignore_errors=True)


def main():
    cinco = binary()
    kinds = os.environ.get("DATABASES", "sqlite postgres").split()
    if not PG_URL:
        kinds = [k for k in kinds if k != "postgres"]
    work = os.environ.get("WORK") or tempfile.mkdtemp(prefix="cinco-kpi-files-")
    os.makedirs(work, exist_ok=True)
    try:
        table = {kind: bench(kind, cinco, work) for kind in kinds}
    finally:
        if not os.environ.get("WORK"):
            shutil.rmtree(work, ignore_errors=True)
    print("\n| import | " + " | ".join(kinds) + " |")
    print("|---|" + "---|" * len(kinds))
    for i, (label, *_rest) in enumerate(next(iter(table.values()))):
        cells = [f"{table[k][i][1]:.1f} s, {table[k][i][2]:,.0f} rows/s, {table[k][i][3]:.0f} MiB" for k in kinds]
        print(f"| {label} | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()
