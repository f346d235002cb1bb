#!/usr/bin/env bash
# The PWA's weight and a Lighthouse mobile performance score.
#
# Builds the PWA, prints the gzip size of what the first screen loads (the JS and CSS that
# index.html references, plus the one language file fetched before the first render), then
# serves it with a release `cinco serve` and runs Lighthouse (mobile, simulated throttling)
# on the sign-in screen in Debian's Chromium. Lighthouse is fetched with npx.
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/cinco-target}"
PORT="${PORT:-18282}"
CHROME_PATH="${CHROMIUM_PATH:-/usr/bin/chromium}"

(cd frontend && npm run build >/dev/null)
total=0
for asset in $(grep -oE '/assets/[^"]+\.(js|css)' frontend/dist/index.html | sort -u) \
             $(ls frontend/dist/assets/es-*.js); do
  asset="${asset#frontend/dist}"
  size=$(gzip -9c "frontend/dist$asset" | wc -c)
  total=$((total + size))
  printf '%8d  %s\n' "$size" "$asset"
done
printf '%8d  total gzip bytes before the first screen (es)\n' "$total"

cargo build --quiet --release -p cinco
data=$(mktemp -d)
trap 'kill "$server" 2>/dev/null || true; rm -rf "$data"' EXIT
CINCO_DATA_DIR="$data" CINCO_LISTEN="127.0.0.1:$PORT" RUST_LOG=warn \
  CINCO_STATIC_DIR="$PWD/frontend/dist" "$CARGO_TARGET_DIR/release/cinco" serve &
server=$!
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$PORT/health/ready" >/dev/null && break; sleep 0.1; done

report=$(mktemp)
CHROME_PATH="$CHROME_PATH" npx --yes lighthouse@12 "http://127.0.0.1:$PORT/sign-in" \
  --only-categories=performance --form-factor=mobile --quiet \
  --chrome-flags="--headless=new --no-sandbox" --output=json --output-path="$report"
python3 - "$report" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
a = r["audits"]
print(f"Lighthouse mobile performance: {round(r['categories']['performance']['score'] * 100)}")
for key in ["first-contentful-paint", "largest-contentful-paint", "total-blocking-time", "cumulative-layout-shift", "speed-index"]:
    print(f"  {a[key]['title']}: {a[key]['displayValue']}")
PY
