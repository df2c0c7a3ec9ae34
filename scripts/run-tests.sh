#!/usr/bin/env bash
# The whole test suite: lint, the layering contract, pytest against SQLite and a
# real PostgreSQL server started for the run, real-browser tests in Chromium, and
# the real-corpus gate.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=.venv/bin

$BIN/ruff check src tests scripts benchmarks
$BIN/lint-imports

if [ -z "${SCRIPTORIUM_TEST_POSTGRES:-}" ]; then
  SCRIPTORIUM_TEST_POSTGRES=$(bash scripts/pg-test-server.sh start)
  export SCRIPTORIUM_TEST_POSTGRES
  trap 'bash scripts/pg-test-server.sh stop >/dev/null 2>&1 || true' EXIT
fi
export SCRIPTORIUM_REQUIRE_POSTGRES=1

# Debian's Chromium and axe-core for the browser tests (skipped steps when already there).
bash scripts/install-browser-deps.sh
export SCRIPTORIUM_REQUIRE_BROWSER=1

$BIN/python -m pytest "$@"
$BIN/python scripts/corpus_gate.py --corpus ../shared/corpus/mia-sample
