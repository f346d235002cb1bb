#!/usr/bin/env bash
# Proves the crate boundaries stated in ARCHITECTURE.md from Cargo's own dependency graph:
# the domain does no I/O and knows no transport; persistence knows no HTTP.
set -euo pipefail
cd "$(dirname "$0")/.."

fail=0
check() { # check <crate> <forbidden dependency>...
  local crate=$1; shift
  local tree
  tree=$(cargo tree --quiet -p "$crate" -e normal,build --prefix none --format '{p}' | awk '{print $1}' | sort -u)
  for dep in "$@"; do
    if grep -qx -- "$dep" <<<"$tree"; then
      echo "boundary broken: $crate depends on $dep"
      cargo tree --quiet -p "$crate" -i "$dep" -e normal,build || true
      fail=1
    fi
  done
}

check cinco-domain sea-orm sea-orm-migration sqlx sqlx-core actix-web actix-http utoipa lettre serde_json tokio reqwest
check cinco-persistence actix-web actix-http utoipa lettre reqwest
check cinco-migrations actix-web utoipa

if [ "$fail" = 0 ]; then echo "crate boundaries hold"; fi
exit "$fail"
