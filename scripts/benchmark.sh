#!/usr/bin/env bash
# The scale benchmark (issue "Scale and speed"): the real site and synthetic sites of 1,000 and 10,000 indicators,
# MkDocs on the same number of plain pages, and the naive pipeline on a 1,000-indicator sample. Prints figures.
# Installs what it needs (the project, MkDocs and psutil as the "benchmark" extra); about 20 minutes on 2 cores.
# Pass --sizes 1000 for a shorter run.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
.venv/bin/pip install -q -e '.[test,benchmark]'
exec .venv/bin/python benchmarks/scale.py "$@"
