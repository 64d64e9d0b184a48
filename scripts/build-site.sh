#!/usr/bin/env bash
# Build the real site on a fresh machine: install what the build needs, then build into build/ in strict mode.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
.venv/bin/site-builder build --strict "$@"
