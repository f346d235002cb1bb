#!/usr/bin/env bash
# Proves the crate boundaries stated in ARCHITECTURE.md from Cargo's own dependency graph:
# the domain does no I/O and knows no transport; persistence and the use cases (app) know no
# HTTP; only persistence talks to the database engine directly.
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
check cinco-app actix-web actix-http utoipa utoipa-actix-web reqwest

# `api` reaches storage through persistence and the use cases only: no ORM among its own
# dependencies.
direct() { # direct <crate> <forbidden direct dependency>...
  local crate=$1; shift
  local deps
  deps=$(cargo tree --quiet -p "$crate" -e normal,build --depth 1 --prefix none --format '{p}' | awk '{print $1}' | sort -u)
  for dep in "$@"; do
    if grep -qx -- "$dep" <<<"$deps"; then
      echo "boundary broken: $crate depends directly on $dep"
      fail=1
    fi
  done
}
direct cinco-api sea-orm sea-orm-migration sqlx

if [ "$fail" = 0 ]; then echo "crate boundaries hold"; fi
exit "$fail"
