#!/usr/bin/env python3
"""Fuzzes the HTTP API against its own OpenAPI document with Schemathesis (`make fuzz`).

Builds the debug server, seeds the demo organisation into a fresh data directory, serves it
on a free local port and runs Schemathesis against the served `/api/openapi.json` as an
agent and then as the admin: every phase (examples, coverage, fuzzing, stateful) and every
check. Fails unless Schemathesis finds nothing. What it leaves out or lets through, and why,
is in scripts/fuzz/schemathesis.toml; the hooks that sign in are in scripts/fuzz/hooks.py.

Schemathesis lives in a virtualenv outside the clone (`CINCO_FUZZ_VENV`, by default
`~/.cache/cinco-fuzz-venv`), made with pip on first use and reused after.

    FUZZ_MAX_TIME      seconds each person's run takes at most (default 200); the fuzzing
                       and stateful phases repeat until it is spent
    FUZZ_MAX_EXAMPLES  test cases per operation in each round of fuzzing (default 20)
    FUZZ_SEED          Schemathesis's random seed (default: a new one each run)
"""
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request

SCHEMATHESIS = "schemathesis==4.32.5"

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
HERE = os.path.join(ROOT, "scripts", "fuzz")
TARGET = os.environ.get("CARGO_TARGET_DIR", os.path.expanduser("~/.cache/cinco-target"))
BIN = os.path.join(TARGET, "debug", "cinco")
VENV = os.environ.get("CINCO_FUZZ_VENV", os.path.expanduser("~/.cache/cinco-fuzz-venv"))
PASSWORD = "cinco-demo-2026"
MAX_EXAMPLES = os.environ.get("FUZZ_MAX_EXAMPLES", "20")
MAX_TIME = os.environ.get("FUZZ_MAX_TIME", "200")

# Who is fuzzed as, in this order: the agent first, so that what the admin may do to other
# people (change their roles, deactivate them) cannot end the agent's session midway.
PEOPLE = ["agent01", "admin"]


def schemathesis():
    """The `st` command of the virtualenv, installing the pinned version when it is missing."""
    st = os.path.join(VENV, "bin", "st")
    if not os.path.exists(os.path.join(VENV, "bin", "pip")):
        subprocess.run([sys.executable, "-m", "venv", VENV], check=True)
    wanted = SCHEMATHESIS.split("==")[1]
    have = subprocess.run([st, "--version"], capture_output=True, text=True).stdout if os.path.exists(st) else ""
    if not have.strip().endswith(wanted):
        subprocess.run([os.path.join(VENV, "bin", "pip"), "install", "--quiet", "--disable-pip-version-check",
                        SCHEMATHESIS], check=True)
    return st


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def sign_in(url, who):
    """A fresh session of `who`: its access token and refresh token."""
    body = json.dumps({"email": f"{who}@demo.cinco.test", "password": PASSWORD}).encode()
    req = urllib.request.Request(f"{url}/api/v1/auth/sign-in", data=body, method="POST",
                                 headers={"content-type": "application/json"})
    with urllib.request.urlopen(req, timeout=30) as res:
        token = json.loads(res.read())["access_token"]
        cookie = next(c for c in res.headers.get_all("set-cookie") if c.startswith("cinco_refresh="))
    return {"access_token": token, "refresh_token": cookie.split(";", 1)[0].split("=", 1)[1]}


def still_signed_in(url, path):
    """Whether the session in `path` still works: an operation that ended it midway would
    have left the rest of the run answered 401, which proves nothing."""
    with open(path) as f:
        refresh = json.load(f)["refresh_token"]
    req = urllib.request.Request(f"{url}/api/v1/auth/refresh", method="POST",
                                 headers={"cookie": f"cinco_refresh={refresh}"})
    try:
        with urllib.request.urlopen(req, timeout=30):
            return True
    except urllib.error.HTTPError:
        return False


def main():
    started = time.monotonic()
    st = schemathesis()
    subprocess.run(["cargo", "build", "--quiet", "--workspace"], cwd=ROOT, check=True,
                   env=dict(os.environ, CARGO_TARGET_DIR=TARGET))
    data = tempfile.mkdtemp(prefix="cinco-fuzz-")
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "CINCO_DATABASE_URL", "CINCO_CONFIG")}
    env.update(CINCO_DATA_DIR=data, CINCO_LISTEN=f"127.0.0.1:{port}", CINCO_PUBLIC_URL=url,
               RUST_LOG=os.environ.get("RUST_LOG", "warn"))
    subprocess.run([BIN, "migrate"], env=env, check=True, stdout=subprocess.DEVNULL)
    subprocess.run([BIN, "seed-demo"], env=env, check=True, stdout=subprocess.DEVNULL)
    log_path = os.path.join(data, "server.log")
    log = open(log_path, "w")
    server = subprocess.Popen([BIN, "serve"], env=env, stdout=log, stderr=subprocess.STDOUT)
    failed = []
    try:
        for _ in range(600):
            try:
                urllib.request.urlopen(f"{url}/health/ready", timeout=5)
                break
            except OSError:
                time.sleep(0.05)
        # Every session is opened before any fuzzing: fuzzing sign-in soon blocks this address.
        sessions = {}
        for who in PEOPLE:
            sessions[who] = os.path.join(data, f"{who}.session.json")
            with open(sessions[who], "w") as f:
                json.dump(sign_in(url, who), f)
        for who in PEOPLE:
            print(f"\n=== fuzzing as {who}", flush=True)
            args = [st, "--config-file", os.path.join(HERE, "schemathesis.toml"), "--no-color",
                    "run", f"{url}/api/openapi.json",
                    "--checks", "all",
                    "--phases", "examples,coverage,fuzzing,stateful",
                    "--max-examples", MAX_EXAMPLES, "--max-time", MAX_TIME,
                    # One worker: hypothesis describes its strategies with `ast.parse`, which
                    # Python before 3.12 cannot run on two threads at once.
                    "--workers", "1",
                    "--request-timeout", "30",
                    "--generation-database", "none",
                    "--suppress-health-check", "all"]
            if os.environ.get("FUZZ_SEED"):
                args += ["--seed", os.environ["FUZZ_SEED"]]
            hooked = dict(os.environ, SCHEMATHESIS_HOOKS=os.path.join(HERE, "hooks.py"),
                          CINCO_FUZZ_URL=url, CINCO_FUZZ_SESSION=sessions[who])
            began = time.monotonic()
            # Run in the data folder, where Schemathesis keeps what `st replay` needs.
            code = subprocess.run(args, env=hooked, cwd=data).returncode
            print(f"=== {who}: {time.monotonic() - began:.0f} s, exit {code}", flush=True)
            if not still_signed_in(url, sessions[who]):
                print(f"=== {who}'s session ended during the run: leave out the operation that ends it")
                code = code or 1
            if code != 0:
                failed.append(who)
    finally:
        server.terminate()
        server.wait()
        log.close()
    print(f"\n=== fuzzing took {time.monotonic() - started:.0f} s in all", flush=True)
    if failed:
        print(f"Schemathesis found failures as {', '.join(failed)}; the server's log is {log_path}, "
              f"and `st replay <id>` run in {data} repeats a failing case")
        sys.exit(1)
    shutil.rmtree(data, ignore_errors=True)


if __name__ == "__main__":
    main()
