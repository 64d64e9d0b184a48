#!/usr/bin/env bash
# The whole test suite on a fresh machine: install what it needs (Chromium and a CJK font included), lint,
# type-check, then run every test. Browser screenshots land in test-artifacts/screenshots/.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --with-browser
echo "==> npm ci (axe-core and the Nu HTML checker, for tests only)"
npm ci --no-audit --no-fund --loglevel=error
echo "==> ruff"
.venv/bin/ruff check site_builder tests
.venv/bin/ruff format --check site_builder tests
echo "==> mypy (strict)"
.venv/bin/mypy
echo "==> pytest"
# Two workers, a test file each at a time (loadfile: a file's module fixtures are made once, in one worker); each
# worker builds the real site once for its session. Pass -n 0 to run in one process.
.venv/bin/pytest -n 2 --dist loadfile "$@"
