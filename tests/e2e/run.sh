#!/usr/bin/env bash
# Browser tests: a fresh Keyhold with the demo company on a temporary embedded PostgreSQL, served with
# the built SPA, then node --test drives Debian's Chromium through playwright-core.
# Usage: tests/e2e/run.sh [port] [test files...]   (no files: the whole suite, as `make e2e` runs it)
set -euo pipefail
port=${1:-8100}
shift $(($# > 0 ? 1 : 0))
tests=("$@")
root=$(cd "$(dirname "$0")/../.." && pwd)
data=$(mktemp -d "${TMPDIR:-/tmp}/keyhold-e2e.XXXXXX")
keyhold="$root/.venv/bin/keyhold"
export KEYHOLD_DATA_DIR="$data"
unset DATABASE_URL KEYHOLD_DATABASE_URL  # never write test data into a configured server

if curl -fs "http://127.0.0.1:$port/api/v1/health" >/dev/null 2>&1; then
  echo "port $port is taken by another server; pick another: make e2e E2E_PORT=..." >&2
  exit 1
fi

"$keyhold" db upgrade
"$keyhold" demo-data
"$keyhold" serve --port "$port" >"$data/server.log" 2>&1 &
server=$!
cleanup() {
  kill "$server" 2>/dev/null || true
  wait "$server" 2>/dev/null || true
  # The embedded PostgreSQL can outlive a killed server: stop it (fast shutdown) before removing its data.
  local pid_file="$data/pgdata/postmaster.pid"
  if [ -f "$pid_file" ]; then
    local pg
    pg=$(head -n 1 "$pid_file")
    kill -INT "$pg" 2>/dev/null || true
    for _ in $(seq 1 100); do kill -0 "$pg" 2>/dev/null || break; sleep 0.1; done
  fi
  rm -rf "$data"
}
trap cleanup EXIT

for _ in $(seq 1 60); do
  kill -0 "$server" 2>/dev/null || { echo "keyhold serve exited" >&2; cat "$data/server.log"; exit 1; }
  curl -fs "http://127.0.0.1:$port/api/v1/health" >/dev/null && break
  sleep 0.5
done
curl -fs "http://127.0.0.1:$port/api/v1/health" >/dev/null || { cat "$data/server.log"; exit 1; }

run_tests() {
  if [ ${#tests[@]} -gt 0 ]; then
    KEYHOLD_E2E_URL="http://127.0.0.1:$port" node --test --test-concurrency=1 "${tests[@]}"
  else
    KEYHOLD_E2E_URL="http://127.0.0.1:$port" npm --prefix "$root/frontend" run --silent test:e2e
  fi
}

if ! run_tests; then
  echo "--- server log (last 60 lines) ---"
  tail -n 60 "$data/server.log"
  exit 1
fi
