# Cinco — the two commands a fresh clone needs are `make run` and `make test`.
SHELL := /bin/bash
.DEFAULT_GOAL := help

# Build output lives outside the clone so it survives fresh clones and is shared by them.
export CARGO_TARGET_DIR ?= $(HOME)/.cache/cinco-target
DEBUG_BIN := $(CARGO_TARGET_DIR)/debug/cinco
RELEASE_BIN := $(CARGO_TARGET_DIR)/release/cinco
NEXTEST := $(shell command -v cargo-nextest >/dev/null 2>&1 && echo yes)

.PHONY: help run test test-rust test-frontend test-e2e frontend frontend-deps build \
        openapi check-generated check-boundaries check-cycles lint fmt bench clean fuzz

help:
	@echo "make run    - build the PWA and the server, migrate, seed demo data, serve on :8080"
	@echo "make test   - every test: Rust (SQLite, and PostgreSQL with TEST_POSTGRES_URL), PWA unit and browser tests"
	@echo "make openapi - regenerate openapi/openapi.json and the PWA's TypeScript API types"

## Serving ---------------------------------------------------------------------------------
run: frontend
	cargo build --release -p cinco
	$(RELEASE_BIN) migrate
	$(RELEASE_BIN) seed-demo
	@echo ""
	@echo "  Cinco is starting on http://localhost:8080  (API docs: http://localhost:8080/api/docs)"
	@echo ""
	$(RELEASE_BIN) serve

frontend/node_modules/.package-lock.json: frontend/package-lock.json
	cd frontend && npm ci --no-audit --no-fund
	@touch $@

frontend-deps: frontend/node_modules/.package-lock.json

frontend: frontend-deps
	cd frontend && npm run build

build:
	cargo build --workspace

## Tests -----------------------------------------------------------------------------------
test: test-rust test-frontend test-e2e

test-rust:
ifeq ($(NEXTEST),yes)
	cargo nextest run --workspace --no-fail-fast
else
	cargo test --workspace --no-fail-fast
endif

test-frontend: frontend-deps
	cd frontend && npm run check && npm test

# Browser tests run against the real server binary built from this tree. Debug builds
# always select the whole workspace, so every build shares one set of crate features and
# nothing is compiled twice.
test-e2e: frontend
	cargo build --workspace
	cd frontend && CINCO_BIN=$(DEBUG_BIN) npm run test:e2e

# Schemathesis against the debug server, as an agent and as the admin: every request the
# contract allows is taken, every other one refused, no answer it does not document.
fuzz:
	python3 scripts/fuzz-api.py

## Generated files and checks --------------------------------------------------------------
openapi: frontend-deps
	cargo build --quiet --workspace
	$(DEBUG_BIN) openapi > openapi/openapi.json
	cd frontend && npm run gen:api

# Fails when openapi/openapi.json or the TypeScript types are not what the code generates.
check-generated: frontend-deps
	@cargo build --quiet --workspace
	@tmp=$$(mktemp -d); \
	$(DEBUG_BIN) openapi > $$tmp/openapi.json; \
	diff -u openapi/openapi.json $$tmp/openapi.json > /dev/null || { echo "openapi/openapi.json is stale: run make openapi"; exit 1; }; \
	cp frontend/src/api/schema.d.ts $$tmp/schema.d.ts; \
	(cd frontend && npm run --silent gen:api >/dev/null); \
	diff -u $$tmp/schema.d.ts frontend/src/api/schema.d.ts > /dev/null || { cp $$tmp/schema.d.ts frontend/src/api/schema.d.ts; echo "frontend/src/api/schema.d.ts is stale: run make openapi"; exit 1; }; \
	echo "generated files are current"

check-boundaries:
	./scripts/check-boundaries.sh

# No two modules import each other, directly or around a circle (Rust crates and the PWA).
check-cycles:
	python3 scripts/check-cycles.py

lint:
	cargo fmt --all --check
	cargo clippy --workspace --all-targets -- -D warnings

fmt:
	cargo fmt --all

bench:
	./scripts/bench-startup.sh

clean:
	rm -rf data frontend/dist
