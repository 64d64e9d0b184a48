#!/usr/bin/env bash
# Set up everything this project needs on a fresh Debian machine: a CJK font (so the PNG charts and the report's
# PDF draw Chinese), Pango (WeasyPrint typesets the PDF with it), cairo (CairoSVG draws the charts' PNGs with it),
# a virtual environment in .venv with the project and its test tools, and with --with-browser what the tests
# also need (Chromium, Java for the Nu HTML checker, npm, nginx). Safe to run again: it installs only what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."
pkgs=""
fc-list 2>/dev/null | grep -i 'Noto Sans CJK' >/dev/null || pkgs="$pkgs fonts-noto-cjk"  # no -q: with pipefail, an early exit fails the pipe
command -v fc-match >/dev/null 2>&1 || pkgs="$pkgs fontconfig"  # the tests ask it which font cairo draws a word in
for lib in libpango-1.0-0 libpangoft2-1.0-0 libcairo2; do  # Pango: WeasyPrint's PDF; cairo: CairoSVG's PNGs
  dpkg-query -W -f='${Status}' "$lib" 2>/dev/null | grep 'install ok installed' >/dev/null || pkgs="$pkgs $lib"
done
if [ "${1:-}" = "--with-browser" ]; then
  command -v chromium >/dev/null 2>&1 || pkgs="$pkgs chromium"
  command -v java >/dev/null 2>&1 || pkgs="$pkgs default-jre-headless"
  command -v npm >/dev/null 2>&1 || pkgs="$pkgs npm"
  [ -x /usr/sbin/nginx ] || pkgs="$pkgs nginx-light"
fi
if [ -n "$pkgs" ]; then
  echo "==> installing with apt:$pkgs"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $pkgs >/dev/null
fi
if [ ! -x .venv/bin/python ]; then
  echo "==> creating .venv"
  python3 -m venv .venv
fi
echo "==> installing site_builder and its tools into .venv"
.venv/bin/pip install -q -U pip
.venv/bin/pip install -q -e '.[test]'
