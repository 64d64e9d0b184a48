"""Print what each page kind weighs over the wire, as the browser counts it: a first visit with JavaScript on, the
site served by nginx with the configuration `site-builder nginx-config` writes (gzip level 6, its CSP), every
request the page makes counted in bytes transferred (headers and compressed body, DevTools' "transferred").

Usage: .venv/bin/python benchmarks/page_weights.py [BUILD_DIR]   (default: build/, made by site-builder build)

Needs nginx (/usr/sbin/nginx) and Chromium (/usr/bin/chromium): scripts/setup.sh --with-browser installs both.
The interactive chart of an indicator page is measured apart: its Vega bundle loads only when the reader presses
the chart's button. The budget is for an indicator page as it opens: under 100 KB. Then a first search in each
language, counted at the server (Pagefind's Web Worker fetches the index, out of the page's DevTools' sight).
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from playwright.sync_api import Browser, Page, sync_playwright

from site_builder.deploy.nginx import config

PAGES = {
    "home": "zh/",
    "indicators": "zh/indicators/",
    "indicator": "zh/indicators/urban-rural-income-ratio/",
    "indicator (English)": "en/indicators/urban-rural-income-ratio/",
    "chapter (longest)": "zh/chapters/modern-city/",
    "progress": "zh/progress/",
    "commitments": "zh/commitments/",
    "data": "zh/data/",
    "glossary": "zh/glossary/",
    "search (before a query)": "zh/search/",
}
SEARCHES = ("zh/search/?q=城镇", "en/search/?q=urban")  # words on many pages, in every shard
BUDGET = 100 * 1024
NGINX = "/usr/sbin/nginx"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run"]


@contextmanager
def nginx(build: Path, log: Path | None = None) -> Iterator[str]:
    """The build served on 127.0.0.1 by nginx with the site's generated configuration; `log`: a file where nginx
    writes each request's address and the bytes it sent (headers and body as sent, compressed)."""
    with tempfile.TemporaryDirectory() as temp:
        folder = Path(temp)
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = int(probe.getsockname()[1])
        (folder / "site.conf").write_text(config(build.resolve(), f"127.0.0.1:{port}"), encoding="utf-8")
        paths = "".join(f"{k}_temp_path {folder}/{k};\n" for k in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
        (folder / "nginx.conf").write_text(
            ("user root;\n" if os.geteuid() == 0 else "")  # a build under /tmp or /root, read by the workers
            + f"worker_processes 1;\ndaemon off;\npid {folder}/nginx.pid;\nerror_log {folder}/error.log;\n"
            f"events {{}}\nhttp {{\nlog_format sent '$request_uri $bytes_sent';\n"
            + (f"access_log {log} sent;\n" if log else "access_log off;\n")
            + f"{paths}include {folder}/site.conf;\n}}\n",
            encoding="utf-8",
        )
        server = subprocess.Popen([NGINX, "-c", str(folder / "nginx.conf"), "-p", str(folder)])
        base = f"http://127.0.0.1:{port}/"
        try:
            for _ in range(100):
                try:
                    urllib.request.urlopen(base, timeout=1).close()
                    break
                except OSError:
                    time.sleep(0.1)
            yield base
        finally:
            server.terminate()
            server.wait(timeout=10)


def transferred(page: Page) -> dict[str, int]:
    """Bytes received per address, filled in as the page loads (DevTools' network events)."""
    session = page.context.new_cdp_session(page)
    session.send("Network.enable")
    urls: dict[str, str] = {}
    sizes: dict[str, int] = {}

    def sent(event: Any) -> None:
        urls[event["requestId"]] = event["request"]["url"]

    def finished(event: Any) -> None:
        sizes[urls.get(event["requestId"], event["requestId"])] = int(event["encodedDataLength"])

    session.on("Network.requestWillBeSent", sent)
    session.on("Network.loadingFinished", finished)
    return sizes


def weigh(browser: Browser, url: str) -> tuple[int, int, int | None]:
    """A first visit (empty cache): requests, bytes as the page opens, and bytes more for the interactive chart."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    sizes = transferred(page)
    page.goto(url, wait_until="networkidle")
    opened = sum(sizes.values())
    count = len(sizes)
    extra = None
    button = page.locator("figure.chart .chart-interactive-button")
    if button.count() and button.is_visible():
        button.click()
        page.wait_for_selector(".chart-interactive svg")
        page.wait_for_load_state("networkidle")
        extra = sum(sizes.values()) - opened
    context.close()
    return count, opened, extra


def first_search(browser: Browser, base: str, path: str, log: Path) -> tuple[int, int, int, int]:
    """A first search (empty cache), counted at the server: Pagefind fetches its index from a Web Worker, whose
    requests the page's DevTools session does not see. Requests and bytes in all, then those of the index alone
    (its script, WebAssembly, shard list, metadata and word index; not the result fragments)."""
    log.write_text("", encoding="utf-8")
    context = browser.new_context(viewport={"width": 375, "height": 800})
    page = context.new_page()
    page.goto(base + path, wait_until="networkidle")
    page.wait_for_selector("#search-results li")
    page.wait_for_load_state("networkidle")
    context.close()
    time.sleep(0.5)  # nginx writes its log line once the response is sent
    sent = [(line.split()[0], int(line.split()[1])) for line in log.read_text(encoding="utf-8").splitlines()]
    index = [size for url, size in sent if "/pagefind/" in url and "/fragment/" not in url]
    return len(sent), sum(size for _, size in sent), len(index), sum(index)


def main(build: Path) -> int:
    print(f"{'page kind':<26}{'requests':>9}{'opened':>10}   interactive chart")
    over = False
    log = Path(tempfile.mkdtemp()) / "access.log"
    with nginx(build, log) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for kind, path in PAGES.items():
            count, opened, extra = weigh(browser, base + path)
            over |= kind.startswith("indicator") and opened > BUDGET
            print(f"{kind:<26}{count:>9}{opened / 1024:9.1f}K   " + (f"+{extra / 1024:.1f}K" if extra else "–"))
        print(f"\n{'a first search':<26}{'requests':>9}{'in all':>10}{'index files':>13}{'index':>10}")
        for path in SEARCHES:
            count, total, files, index = first_search(browser, base, path, log)
            print(f"{path:<26}{count:>9}{total / 1024:9.1f}K{files:>13}{index / 1024:9.1f}K")
        browser.close()
    shutil.rmtree(log.parent)
    print(f"\nbudget: an indicator page as it opens, under {BUDGET // 1024} KB: {'over!' if over else 'met'}")
    return 1 if over else 0


if __name__ == "__main__":
    raise SystemExit(main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path("build")))
