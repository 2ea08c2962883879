# Keyhold: `make run` serves the app with demo data; `make test` runs every suite. Both set up first.
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
KEYHOLD := $(BIN)/keyhold
NPM := npm --prefix frontend
PORT ?= 8000
E2E_PORT ?= 8100
SPA_SOURCES := $(shell find frontend/src frontend/index.html frontend/vite.config.ts frontend/tsconfig.json -type f 2>/dev/null)

.PHONY: help setup spa chromium run test test-python test-frontend e2e fuzz lint openapi openapi-check bench dev constraints clean

help:
	@echo "make run     set up (venv, npm, embedded PostgreSQL, migrations, demo data, SPA) and serve on :$(PORT)"
	@echo "make test    set up and run every suite: lint, openapi check, unit/integration/contract, SPA unit, browser"
	@echo "make lint | openapi | openapi-check | fuzz | bench | dev | setup"

## --- setup (idempotent: each step reruns only when its inputs changed) ---------------------------
setup: $(VENV)/.installed frontend/node_modules/.installed chromium

$(VENV)/.installed: pyproject.toml constraints.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -c constraints.txt -e '.[dev]'
	touch $@

frontend/node_modules/.installed: frontend/package.json frontend/package-lock.json
	$(NPM) ci --no-audit --no-fund --loglevel=error
	touch $@

# Debian's Chromium drives the browser tests; a CJK font lets it draw the zh-CN UI (screenshots).
chromium:
	@{ command -v chromium >/dev/null && fc-list 2>/dev/null | grep -qi wenquanyi; } || { \
	  echo "installing Debian chromium and fonts-wqy-microhei for the browser tests"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium fonts-wqy-microhei >/dev/null; }

constraints: $(VENV)/.installed
	{ echo "# Exact versions for a reproducible install: make setup installs with -c constraints.txt."; \
	  echo "# Regenerate after changing pyproject.toml: make constraints"; \
	  $(BIN)/pip freeze --exclude-editable; } > constraints.txt

## --- the SPA ------------------------------------------------------------------------------------
frontend/src/api/schema.d.ts: openapi.yaml frontend/node_modules/.installed
	$(NPM) run --silent gen:api

frontend/dist/index.html: $(SPA_SOURCES) frontend/src/api/schema.d.ts frontend/node_modules/.installed
	$(NPM) run --silent build
	touch $@

spa: frontend/dist/index.html

## --- run --------------------------------------------------------------------------------------------
run: setup spa
	$(KEYHOLD) db upgrade
	$(KEYHOLD) demo-data --if-empty
	@echo "Development logins (demo data only, do not use in production): hq.lin / keyhold-demo, am.zhang / keyhold-demo, admin / keyhold-demo"
	$(KEYHOLD) serve --port $(PORT)

dev: setup
	$(KEYHOLD) db upgrade
	$(KEYHOLD) demo-data --if-empty
	trap 'kill 0' EXIT; \
	$(KEYHOLD) serve --reload --port $(PORT) & \
	$(NPM) run dev -- --port 5173 & \
	wait

## --- checks -------------------------------------------------------------------------------------
test: setup spa
	$(MAKE) --no-print-directory lint openapi-check
	$(MAKE) --no-print-directory test-python test-frontend
	$(MAKE) --no-print-directory e2e

test-python: $(VENV)/.installed
	$(BIN)/pytest -q -n 2 -p no:cacheprovider

# test-python fuzzes every operation briefly (tests/contract/test_fuzz.py); this is the long run: EXAMPLES per
# operation and generation mode, SEED to draw other cases.
fuzz: $(VENV)/.installed
	KEYHOLD_FUZZ_EXAMPLES=$(or $(EXAMPLES),200) KEYHOLD_FUZZ_SEED=$(or $(SEED),19) \
	  $(BIN)/pytest -q -n 2 -p no:cacheprovider tests/contract/test_fuzz.py

test-frontend: frontend/node_modules/.installed frontend/src/api/schema.d.ts
	$(NPM) run --silent test:unit

e2e: setup spa
	tests/e2e/run.sh $(E2E_PORT)

lint: $(VENV)/.installed frontend/src/api/schema.d.ts
	$(BIN)/ruff check .
	$(BIN)/mypy
	$(BIN)/lint-imports --no-cache
	$(NPM) run --silent typecheck
	$(NPM) run --silent lint

openapi: $(VENV)/.installed
	$(KEYHOLD) openapi
	$(NPM) run --silent gen:api

openapi-check: $(VENV)/.installed
	$(KEYHOLD) openapi --check

bench: setup spa  # the pages benchmark serves the built SPA to Chromium
	$(BIN)/python -m tests.bench $(BENCH)

clean:
	rm -rf frontend/dist frontend/test-results .pytest_cache .mypy_cache .ruff_cache
