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
.venv/bin/pytest "$@"
