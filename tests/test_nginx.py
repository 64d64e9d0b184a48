"""Serving: the generated nginx configuration, run by Debian's nginx on 127.0.0.1, serves the built site with the
right types, compression, caching, the 404 page and security headers."""

from __future__ import annotations

import shutil
import socket
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from site_builder.deploy.nginx import config

NGINX = shutil.which("nginx") or "/usr/sbin/nginx"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture(scope="module")
def nginx(built_site: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    if not Path(NGINX).exists():
        pytest.skip("nginx is not installed here; scripts/setup.sh --with-browser installs Debian's nginx-light")
    folder = tmp_path_factory.mktemp("nginx")
    port = free_port()
    (folder / "site.conf").write_text(config(built_site, f"127.0.0.1:{port}"), encoding="utf-8")
    temp = "".join(
        f"{kind}_temp_path {folder}/{kind};\n" for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    (folder / "nginx.conf").write_text(
        f"user root;\nworker_processes 1;\ndaemon off;\npid {folder}/nginx.pid;\nerror_log {folder}/error.log;\n"
        f"events {{}}\nhttp {{\naccess_log off;\n{temp}include {folder}/site.conf;\n}}\n",
        encoding="utf-8",
    )
    server = subprocess.Popen(
        [NGINX, "-c", str(folder / "nginx.conf"), "-p", str(folder)], stderr=subprocess.PIPE, text=True
    )
    base = f"http://127.0.0.1:{port}/"
    for _ in range(50):
        try:
            urllib.request.urlopen(base, timeout=1).close()
            break
        except OSError:
            time.sleep(0.1)
    yield base
    server.terminate()
    server.wait(timeout=10)


def get(url: str, gzip: bool = False) -> tuple[int, dict[str, str], bytes]:
    request = urllib.request.Request(url, headers={"Accept-Encoding": "gzip"} if gzip else {})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


@pytest.mark.parametrize(
    ("path", "kind"),
    [
        ("zh/", "text/html"),
        ("assets/style.css", "text/css"),
        ("downloads/data/observations.csv", "text/csv"),
        ("api/v1/indicators.json", "application/json"),
        ("downloads/huzhou-urbanization-14th-fyp.zip", "application/zip"),
        ("downloads/indicators/good-air-days-chart.svg", "image/svg+xml"),
        (
            "downloads/data/huzhou-urbanization-14th-fyp.xlsx",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        ),
    ],
)
def test_types(nginx: str, path: str, kind: str) -> None:
    status, headers, _ = get(nginx + path)
    assert status == 200 and headers["Content-Type"].split(";")[0] == kind


def test_security_headers_and_a_csp_without_unsafe_inline(nginx: str) -> None:
    for path in ("en/", "assets/style.css", "no-such-page/"):
        _, headers, _ = get(nginx + path)
        csp = headers["Content-Security-Policy"]
        assert "default-src 'self'" in csp and "unsafe-inline" not in csp
        assert headers["X-Content-Type-Options"] == "nosniff"
        assert headers["Referrer-Policy"] == "strict-origin-when-cross-origin"


def test_compression_and_caching(nginx: str) -> None:
    _, page, _ = get(nginx + "zh/chapters/modern-city/", gzip=True)
    assert page["Content-Encoding"] == "gzip" and page["Cache-Control"] == "no-cache"
    _, asset, _ = get(nginx + "assets/style.css", gzip=True)
    assert asset["Content-Encoding"] == "gzip" and asset["Cache-Control"] == "public, max-age=86400"


def test_the_404_page(nginx: str) -> None:
    status, headers, body = get(nginx + "zh/no-such-page/")
    assert status == 404 and "找不到这个页面" in body.decode("utf-8") and "Page not found" in body.decode("utf-8")
    assert "Content-Security-Policy" in headers
