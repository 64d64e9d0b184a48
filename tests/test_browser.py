"""Browser: every page kind in both languages at phone and desktop widths, in Debian's headless Chromium."""

from __future__ import annotations

import functools
import http.server
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlparse

import pytest
from playwright.sync_api import Browser, Page

from site_builder.deploy.nginx import CSP
from tests.conftest import ROOT

pytestmark = pytest.mark.browser

CHROMIUM = "/usr/bin/chromium"
AXE = ROOT / "node_modules/axe-core/axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
ARTIFACTS = ROOT / "test-artifacts" / "screenshots"
PAGE_KINDS = {
    "home": "{lang}/",
    "indicators": "{lang}/indicators/",
    "indicator": "{lang}/indicators/urban-rural-income-ratio/",
    "indicator-no-data": "{lang}/indicators/healthy-huzhou-index/",
    "chapter": "{lang}/chapters/general-requirements/",
    "about": "{lang}/about/",
    "progress": "{lang}/progress/",
    "commitments": "{lang}/commitments/",
    "glossary": "{lang}/glossary/",
    "methodology": "{lang}/methodology/",
    "data": "{lang}/data/",
    "changes": "{lang}/changes/",
    "api": "{lang}/api/",
}
WIDTHS = (375, 1280)


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Serves with the Content-Security-Policy of the nginx configuration: any violation is a console error."""

    def log_message(self, format: str, *args: object) -> None:
        """Keep the test output clean."""

    def end_headers(self) -> None:
        self.send_header("Content-Security-Policy", CSP)
        super().end_headers()

    def do_GET(self) -> None:
        if self.path == "/__axe.js":  # axe-core, loaded as a same-origin script (an inline one would break the CSP)
            body = AXE.read_bytes()
            self.send_response(200)
            self.send_header("Content-Type", "application/javascript")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            return
        super().do_GET()


class _Server(http.server.ThreadingHTTPServer):
    def handle_error(self, request: object, client_address: object) -> None:
        """A browser that closes a page mid-request resets the connection; anything else is reported."""
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def server(built_site: Path) -> Iterator[str]:
    handler = functools.partial(_QuietHandler, directory=str(built_site))
    httpd = _Server(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    httpd.shutdown()


def serious_accessibility_problems(page: Page) -> list[str]:
    """axe-core's serious and critical WCAG 2.1 A/AA violations on the page, one line each."""
    assert AXE.is_file(), "axe-core is missing: run scripts/test.sh (it runs npm ci)"
    page.add_script_tag(url="/__axe.js")
    result = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_TAGS)
    return [
        f"[{v['impact']}] {v['id']}: {v['help']} {[n['target'] for n in v['nodes']][:3]}"
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]


def visit(browser: Browser, url: str, width: int) -> tuple[Page, list[str], list[str]]:
    """Open `url`; return the page, console errors and requests that went to any host but 127.0.0.1."""
    page = browser.new_page(viewport={"width": width, "height": 900})
    errors: list[str] = []
    outside: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("request", lambda r: outside.append(r.url) if urlparse(r.url).hostname != "127.0.0.1" else None)
    response = page.goto(url)
    assert response is not None and response.status == 200, url
    return page, errors, outside


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("kind", PAGE_KINDS)
def test_page_kind(browser: Browser, server: str, kind: str, lang: str, width: int) -> None:
    page, errors, outside = visit(browser, server + PAGE_KINDS[kind].format(lang=lang), width)
    try:
        assert errors == [] and outside == []
        assert page.locator("h1").first.is_visible()
        overflow = page.evaluate("document.scrollingElement.scrollWidth - window.innerWidth")
        assert overflow <= 1, f"the page is {overflow}px wider than a {width}px screen"
        if kind.startswith("indicator-") or kind == "indicator":
            page.locator(".chart-interactive-button").click()  # the interactive chart comes when asked for
            page.wait_for_selector(".chart-interactive svg[aria-hidden='true']")  # check the page as it settles
        assert serious_accessibility_problems(page) == []
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / f"{kind}-{lang}-{width}.png"), full_page=True)
    finally:
        page.close()


@pytest.mark.parametrize("path", ["", "404.html", "zh/search/?q=海绵", "en/search/?q=sponge"])
def test_language_neutral_pages(browser: Browser, server: str, path: str) -> None:
    page, errors, outside = visit(browser, server + path, 375)
    assert errors == [] and outside == []
    assert serious_accessibility_problems(page) == []
    if "search" in path:
        page.close()
        return

    assert (
        page.get_by_role("link", name="中文 →").is_visible() and page.get_by_role("link", name="English →").is_visible()
    )
    page.close()


def test_language_switch_lands_on_the_counterpart(browser: Browser, server: str) -> None:
    page, _, _ = visit(browser, server + "zh/indicators/good-air-days/", 1280)
    page.locator(".language-switch").get_by_role("link", name="English", exact=True).click()
    page.wait_for_url("**/en/indicators/good-air-days/")
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator("h1").inner_text() == "Share of days with good or excellent air quality"
    page.locator(".language-switch").get_by_role("link", name="中文", exact=True).click()
    page.wait_for_url("**/zh/indicators/good-air-days/")
    assert page.locator("h1").inner_text() == "城市空气质量优良天数比率"
    page.close()


def test_chart_svg_renders_chinese_text(browser: Browser, server: str) -> None:
    page, errors, _ = visit(browser, server + "zh/progress/chart.svg", 800)
    assert errors == []
    assert "城镇化空间格局" in page.content()  # a category's name, drawn by vl-convert with the CJK font
    page.close()


def test_the_shared_chart_image_has_numbers_and_the_page_has_its_words(browser: Browser, server: str) -> None:
    """One image serves both languages: it holds only numbers; the key and the unit are text of the page."""
    page, _, _ = visit(browser, server + "downloads/indicators/urbanization-rate-chart.svg", 800)  # (no favicon)
    texts = page.locator("text").all_text_contents()
    assert "2020" in texts and "2030" in texts
    assert not [t for t in texts if any(c.isalpha() for c in t)], texts
    page.close()
    for lang, words in (("zh", ("公开值", "2035年")), ("en", ("Published values", "Vision (2035)"))):
        page, errors, _ = visit(browser, server + f"{lang}/indicators/urbanization-rate/", 390)
        key = page.locator("figure.chart .chart-key").inner_text()
        assert errors == [] and all(word in key for word in words), key
        assert page.locator("figure.chart .chart-unit").inner_text().endswith("%")
        page.close()


def test_interactive_chart_loads_the_self_hosted_bundle_and_shows_tooltips(browser: Browser, server: str) -> None:
    page, errors, outside = visit(browser, server + "en/indicators/urban-rural-income-ratio/", 1280)
    page.locator(".chart-interactive-button").click()
    page.wait_for_selector(".chart-interactive svg")
    assert page.locator("figure.chart img").is_hidden()
    page.locator(".chart-interactive svg .mark-symbol path").nth(1).hover()
    tooltip = page.locator("#vg-tooltip-element")
    tooltip.wait_for(state="visible")
    assert "1.65" in tooltip.inner_text()
    assert errors == [] and outside == []
    page.close()


@pytest.mark.parametrize("width", [375, 1280])
def test_interactive_chart_is_as_wide_as_its_figure(browser: Browser, server: str, width: int) -> None:
    """As wide as the static image was shown (not its 320 px drawing size), and never wider than the screen."""
    page, errors, _ = visit(browser, server + "en/indicators/urbanization-rate/", width)
    page.locator(".chart-interactive-button").click()
    page.wait_for_selector(".chart-interactive svg")
    figure = page.locator("figure.chart").first.bounding_box()
    drawing = page.locator(".chart-interactive svg").first.bounding_box()
    assert figure is not None and drawing is not None
    assert figure["width"] - 2 <= drawing["width"] <= figure["width"], (figure, drawing)
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    assert errors == []
    page.close()


def test_pages_without_charts_do_not_load_the_bundle(browser: Browser, server: str) -> None:
    page = browser.new_page()
    scripts: list[str] = []
    page.on("request", lambda r: scripts.append(r.url) if r.resource_type == "script" else None)
    page.goto(server + "zh/chapters/urban-pattern/")
    assert not any("vega" in url for url in scripts)
    page.close()


def test_dashboard_table_sorts_by_status(browser: Browser, server: str) -> None:
    page, errors, _ = visit(browser, server + "en/progress/", 1280)
    first = page.locator("table.status-table tbody tr th").first
    assert first.inner_text() == "Expressway access for towns of over 100,000 people"
    page.get_by_role("button", name="Progress status").click()
    assert page.locator("table.status-table thead th[aria-sort]").get_attribute("aria-sort") == "ascending"
    assert (
        page.locator("table.status-table tbody tr")
        .first.locator(".badge")
        .inner_text()
        .endswith("Target already reached")  # the judgement, interim
    )
    page.get_by_role("button", name="No.").click()
    assert first.inner_text() != "" and page.locator("table.status-table tbody tr td").first.inner_text() == "1"
    assert errors == []
    page.close()


@pytest.mark.parametrize(
    ("lang", "query", "expected", "kind"),
    [
        ("zh", "海绵", "/zh/indicators/sponge-city-area/", "指标"),  # two characters inside 海绵城市
        ("zh", "就业", "/zh/commitments/#new-urban-jobs", "量化承诺"),
        ("en", "sponge", "/en/indicators/sponge-city-area/", "Indicator"),
    ],
)
def test_search_finds_chinese_and_english_terms(
    browser: Browser, server: str, lang: str, query: str, expected: str, kind: str
) -> None:
    page, errors, outside = visit(browser, f"{server}{lang}/search/?q={query}", 375)
    page.wait_for_selector("#search-results li")
    page.get_by_role("button", name=kind, exact=True).click()
    page.wait_for_function(
        "kind => { const k = [...document.querySelectorAll('#search-results .search-kind')];"
        " return k.length > 0 && k.every(e => e.textContent === kind); }",
        arg=kind,
    )
    links = page.evaluate("[...document.querySelectorAll('#search-results li a')].map(a => a.getAttribute('href'))")
    assert any(link.startswith(expected) for link in links), links
    assert errors == [] and outside == []
    page.close()


def test_citation_gets_the_access_date_and_copies(browser: Browser, server: str) -> None:
    page, errors, _ = visit(browser, server + "zh/data/", 1280)
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    text = page.locator(".citation-text").first.inner_text()
    assert "{access_date}" not in text and "引用日期" not in text
    page.locator(".copy-citation").first.click()
    assert page.evaluate("navigator.clipboard.readText()") == text
    assert errors == []
    page.close()


@pytest.mark.parametrize(
    ("lang", "query", "expected"),
    [
        ("en", "urbanization", "/en/indicators/urbanization-rate/"),  # Pagefind alone ranks "urban–rural" pages first
        ("zh", "城镇化率", "/zh/indicators/urbanization-rate/"),
        ("en", "sponge city", "/en/indicators/sponge-city-area/"),
    ],
)
def test_a_page_titled_with_the_query_comes_first(
    browser: Browser, server: str, lang: str, query: str, expected: str
) -> None:
    page, errors, _ = visit(browser, f"{server}{lang}/search/?q={query}", 1280)
    page.wait_for_selector("#search-results li")
    first = page.locator("#search-results li a").first.get_attribute("href")
    assert first is not None and first.startswith(expected), first
    assert errors == []
    page.close()
