#!/usr/bin/env bash
# Startup time and idle memory of `cinco serve` (release build, embedded SQLite).
# Startup = from exec to the first 200 from /health/ready, with migrations to apply on a
# fresh data directory ("cold") and with nothing to apply ("warm"). Idle memory = VmRSS
# after a few seconds with no traffic. Prints medians of RUNS runs.
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/cinco-target}"
RUNS="${RUNS:-5}"
cargo build --quiet --release -p cinco
BIN="$CARGO_TARGET_DIR/release/cinco"
PORT="${PORT:-18080}"

measure() { # measure <data-dir> -> "startup_ms rss_kib"
  local dir=$1 start end pid rss
  start=$(date +%s%N)
  CINCO_LISTEN="127.0.0.1:$PORT" CINCO_DATA_DIR="$dir" CINCO_STATIC_DIR=frontend/dist RUST_LOG=warn "$BIN" serve &
  pid=$!
  until curl -fs "http://127.0.0.1:$PORT/health/ready" >/dev/null 2>&1; do sleep 0.005; done
  end=$(date +%s%N)
  sleep 3
  rss=$(awk '/VmRSS/ {print $2}' "/proc/$pid/status")
  kill -TERM "$pid"; wait "$pid" 2>/dev/null || true
  echo "$(( (end - start) / 1000000 )) $rss"
}

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

cold=(); warm=(); rss=()
for _ in $(seq "$RUNS"); do
  dir=$(mktemp -d)
  read -r ms kib < <(measure "$dir"); cold+=("$ms")
  read -r ms kib < <(measure "$dir"); warm+=("$ms"); rss+=("$kib")
  rm -rf "$dir"
done
echo "cold start (fresh database, all migrations): $(printf '%s\n' "${cold[@]}" | median) ms (median of $RUNS)"
echo "warm start (migrated database):              $(printf '%s\n' "${warm[@]}" | median) ms (median of $RUNS)"
echo "idle memory (VmRSS after 3 s):               $(( $(printf '%s\n' "${rss[@]}" | median) / 1024 )) MiB (median of $RUNS)"
