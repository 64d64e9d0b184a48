#!/usr/bin/env bash
# Set up everything this project needs on a fresh Debian machine: system packages (Chromium, a CJK font),
# a virtual environment in .venv with the project and its test tools. Safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."
want_browser=${1:-}
if [ "$want_browser" = "--with-browser" ]; then
  if ! command -v chromium >/dev/null 2>&1 || ! fc-list 2>/dev/null | grep -qi 'Noto Sans CJK' \
     || ! command -v java >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
    echo "==> installing Chromium, a CJK font, Java and npm (apt)"
    apt-get update -qq
    pkgs="chromium fonts-noto-cjk"
    command -v java >/dev/null 2>&1 || pkgs="$pkgs default-jre-headless"
    command -v npm >/dev/null 2>&1 || pkgs="$pkgs npm"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $pkgs >/dev/null
  fi
fi
if [ ! -x .venv/bin/python ]; then
  echo "==> creating .venv"
  python3 -m venv .venv
fi
echo "==> installing site_builder and its tools into .venv"
.venv/bin/pip install -q -U pip
.venv/bin/pip install -q -e '.[test]'
