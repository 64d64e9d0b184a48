"""Layout: pages that show every column of every table at a phone's and a desktop's width, a chart as wide as its
column, an indicator page that weighs under 100 KB with JavaScript on until the reader asks for the interactive
chart, and a way back to the publisher from each indicator page."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Browser, Page

from tests.test_browser import browser, server, visit  # noqa: F401

pytestmark = pytest.mark.browser

PAGES = {
    "indicator": "{lang}/indicators/urban-rural-income-ratio/",
    "indicator-no-data": "{lang}/indicators/healthy-huzhou-index/",
    "progress": "{lang}/progress/",
    "commitments": "{lang}/commitments/",
    "data": "{lang}/data/",
}
BUDGET = 100 * 1024
INDICATOR = "{lang}/indicators/urban-rural-income-ratio/"

# Every cell of every table body, with the box it is seen through: a cell that reaches past the right edge of the
# window, or of a scroll box around its table, is a column the reader cannot see without scrolling the table.
_CELLS_OUT_OF_VIEW = """() => {
  const out = [];
  for (const table of document.querySelectorAll("main table")) {
    let right = window.innerWidth;
    for (let box = table.parentElement; box && box !== document.body; box = box.parentElement) {
      if (getComputedStyle(box).overflowX !== "visible") {
        right = Math.min(right, box.getBoundingClientRect().left + box.clientWidth);
      }
    }
    for (const cell of table.querySelectorAll("tbody td, tbody th")) {
      const r = cell.getBoundingClientRect();
      if (r.width === 0 || r.height === 0 || r.right > right + 1) {
        out.push(`${table.className || "table"}: "${cell.textContent.trim().slice(0, 30)}" ends at ${Math.round(r.right)}px, `
                 + `its table is seen to ${Math.round(right)}px`);
      }
    }
  }
  return out;
}"""


@pytest.mark.parametrize("width", [375, 1280])
@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("kind", PAGES)
def test_every_column_of_every_table_is_in_view(
    browser: Browser,  # noqa: F811
    server: str,  # noqa: F811
    kind: str,
    lang: str,
    width: int,
) -> None:
    """At 1280 px the progress-by-group table hid its commitments in a scroll box; at 375 px the indicator's data
    table clipped its sources, the progress tables most of their columns."""
    page, errors, _ = visit(browser, server + PAGES[kind].format(lang=lang), width)
    try:
        assert page.evaluate("document.scrollingElement.scrollWidth - window.innerWidth") <= 1
        assert page.evaluate(_CELLS_OUT_OF_VIEW) == []
        assert errors == []
    finally:
        page.close()


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_on_a_phone_the_year_column_leaves_the_room_to_the_source(
    browser: Browser,  # noqa: F811
    server: str,  # noqa: F811
    lang: str,
) -> None:
    page, _, _ = visit(browser, server + INDICATOR.format(lang=lang), 375)
    year = page.locator("table.data-table tbody th").first.bounding_box()
    source = page.locator("table.data-table tbody td:last-child").first.bounding_box()
    assert year is not None and source is not None
    assert year["width"] < 60 < 120 < source["width"], (year, source)  # "2020" needs about 40 px
    page.close()


@pytest.mark.parametrize("width", [375, 1280])
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_static_chart_is_as_wide_as_its_column(
    browser: Browser,  # noqa: F811
    server: str,  # noqa: F811
    lang: str,
    width: int,
) -> None:
    """The column is the text's (the lead, the status's inputs, the citations): on a desktop the chart was 640 px
    beside a 736 px column."""
    page, _, _ = visit(browser, server + INDICATOR.format(lang=lang), width)
    sizes = page.evaluate(
        """() => ({
          image: document.querySelector("figure.chart img").getBoundingClientRect().width,
          column: document.querySelector(".indicator .inputs").getBoundingClientRect().width,
        })"""
    )
    assert abs(sizes["image"] - sizes["column"]) <= 1, sizes
    page.close()


def _transferred(page: Page) -> dict[str, int]:
    """Bytes the browser received for each address (headers and body as they came over the wire), from DevTools'
    network events: the number its Network panel calls "transferred"."""
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


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_an_indicator_page_weighs_under_100_kb_until_the_reader_asks_for_the_interactive_chart(
    browser: Browser,  # noqa: F811
    server: str,  # noqa: F811
    lang: str,
) -> None:
    """With JavaScript on, every indicator page loaded the 305 KB (gzipped) Vega bundle; now the page, its style,
    scripts and chart image come to about 50 KB uncompressed (this server does not compress; nginx does), and the
    bundle comes only with the interactive chart, which then works with the site's CSP and no console error."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    sizes = _transferred(page)
    page.goto(server + INDICATOR.format(lang=lang), wait_until="networkidle")
    before = dict(sizes)
    assert not [url for url in before if "vega" in url]
    assert any(url.endswith(".svg") for url in before) and any(url.endswith("charts.js") for url in before)
    assert sum(before.values()) < BUDGET, before

    button = page.locator("figure.chart .chart-interactive-button")
    assert button.is_visible()
    button.click()
    page.wait_for_selector(".chart-interactive svg[aria-hidden='true']")
    assert page.locator("figure.chart img").is_hidden() and button.is_hidden()
    assert [url for url in sizes if url.endswith("/assets/vega-bundle.js")]
    page.locator(".chart-interactive svg .mark-symbol path").nth(1).hover()
    tooltip = page.locator("#vg-tooltip-element")
    tooltip.wait_for(state="visible")
    assert "1.65" in tooltip.inner_text()
    assert errors == []
    context.close()


def test_without_javascript_the_page_offers_no_dead_button(
    browser: Browser,  # noqa: F811
    server: str,  # noqa: F811
) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(server + INDICATOR.format(lang="en"))
    assert page.locator("figure.chart img").is_visible()
    assert page.locator("figure.chart .chart-interactive-button").is_hidden()
    context.close()
