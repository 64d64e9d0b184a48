#!/usr/bin/env bash
# Set up everything this project needs on a fresh Debian machine: system packages (Chromium, a CJK font),
# a virtual environment in .venv with the project and its test tools. Safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."
want_browser=${1:-}
if [ "$want_browser" = "--with-browser" ]; then
  if ! command -v chromium >/dev/null 2>&1 || ! fc-list 2>/dev/null | grep -qi 'Noto Sans CJK'; then
    echo "==> installing Chromium and a CJK font (apt)"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-cjk >/dev/null
  fi
fi
if [ ! -x .venv/bin/python ]; then
  echo "==> creating .venv"
  python3 -m venv .venv
fi
echo "==> installing site_builder and its tools into .venv"
.venv/bin/pip install -q -U pip
.venv/bin/pip install -q -e '.[test]'
