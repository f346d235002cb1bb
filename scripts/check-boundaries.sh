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
# (`cinco-app`'s optional `openapi` feature, which only `api` turns on, derives the OpenAPI
# description of the scenario file format; the use cases build and run without it.)
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

# Transactions belong to the use cases: no route module opens one.
if grep -rnE '\.begin\(\)' crates/api/src/routes; then
  echo "boundary broken: a route module opens a transaction (move it into a cinco-app use case)"
  fail=1
fi

# The route modules are HTTP only: outside them, only the server's start-up and the OpenAPI
# document (which register them) may name them.
if grep -rnE '\broutes::' crates/api/src --include='*.rs' \
    | grep -vE '^crates/api/src/(routes/|startup\.rs:|openapi\.rs:)'; then
  echo "boundary broken: code outside the route modules imports them"
  fail=1
fi
if grep -rnE 'cinco_api::routes' crates tests --include='*.rs'; then
  echo "boundary broken: another crate imports cinco-api's route modules"
  fail=1
fi

if [ "$fail" = 0 ]; then echo "crate boundaries hold"; fi
exit "$fail"
