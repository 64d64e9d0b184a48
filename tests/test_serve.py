"""Preview: `site-builder serve` rebuilds on a change and the browser reloads; a broken edit shows its problems
in the terminal and on the page, while the last good page stays."""

from __future__ import annotations

import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser

from tests.helpers import set_cell

pytestmark = pytest.mark.browser


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
def preview(project: Path) -> Iterator[tuple[str, subprocess.Popen[str]]]:
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "site_builder", "serve", "--root", str(project), "--port", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None
    for line in process.stdout:
        if "preview" in line:
            break
    yield f"http://127.0.0.1:{port}/", process
    process.terminate()
    process.wait(timeout=20)


def test_an_edit_reloads_the_page_and_a_broken_edit_shows_its_problems(
    project: Path, preview: tuple[str, subprocess.Popen[str]], browser: Browser
) -> None:
    url, process = preview
    page = browser.new_page()
    page.goto(url + "en/indicators/good-air-days/")
    assert page.locator("h1").inner_text() == "Share of days with good or excellent air quality"
    set_cell(project / "datasets/indicators.csv", {"id": "good-air-days"}, "name_en", "Good air days")
    page.wait_for_function("document.querySelector('h1').textContent === 'Good air days'", timeout=60_000)
    row = set_cell(
        project / "datasets/observations.csv", {"indicator_id": "good-air-days", "year": "2022"}, "value", "7O.8"
    )
    banner = page.locator("#__problems")
    banner.wait_for(timeout=60_000)
    assert '"7O.8" is not a number' in banner.inner_text()
    assert page.locator("h1").inner_text() == "Good air days"  # the last good page is still there
    page.reload()
    assert page.locator("h1").inner_text() == "Good air days"
    process.terminate()
    _, err = process.communicate(timeout=20)
    assert f'datasets/observations.csv, row {row}, column "value": "7O.8" is not a number' in err


def test_a_broken_template_is_shown_and_the_preview_goes_on(
    project: Path, preview: tuple[str, subprocess.Popen[str]], browser: Browser
) -> None:
    """A template that fails while pages are made (not a data problem) no longer stops the preview."""
    url, process = preview
    page = browser.new_page()
    page.goto(url + "en/indicators/good-air-days/")
    template = project / "themes/default/templates/indicator.html"
    good = template.read_text(encoding="utf-8")
    template.write_text(good.replace("i.latest.source.url", "i.latest.source.adress", 1), encoding="utf-8")
    banner = page.locator("#__problems")
    banner.wait_for(timeout=60_000)
    row = next(n for n, line in enumerate(good.splitlines(), start=1) if "i.latest.source.url" in line)
    assert f"themes/default/templates/indicator.html, row {row}: the template failed" in banner.inner_text()
    template.write_text(good.replace("<h1", '<h1 data-fixed="yes"', 1), encoding="utf-8")
    page.wait_for_selector("h1[data-fixed]", timeout=60_000)  # rebuilt and reloaded: the preview is still running
    assert process.poll() is None
