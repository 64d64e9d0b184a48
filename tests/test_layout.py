"""Layout: pages that show every column of every table at a phone's and a desktop's width, a chart as wide as its
column, an indicator page that weighs under 100 KB with JavaScript on until the reader asks for the interactive
chart, and a way back to the publisher from each indicator page."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from bs4 import BeautifulSoup
from playwright.sync_api import Browser

from benchmarks.page_weights import transferred
from site_builder.cli import main
from site_builder.pages.contact import contact_link
from site_builder.problems import Location
from tests.helpers import assert_problem, dataset, languages, snapshot
from tests.test_browser import server, visit  # noqa: F401

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


@pytest.mark.browser
@pytest.mark.parametrize("width", [375, 1280])
@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("kind", PAGES)
def test_every_column_of_every_table_is_in_view(
    browser: Browser,
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


@pytest.mark.browser
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_on_a_phone_the_year_column_leaves_the_room_to_the_source(
    browser: Browser,
    server: str,  # noqa: F811
    lang: str,
) -> None:
    page, _, _ = visit(browser, server + INDICATOR.format(lang=lang), 375)
    year = page.locator("table.data-table tbody th").first.bounding_box()
    source = page.locator("table.data-table tbody td:last-child").first.bounding_box()
    assert year is not None and source is not None
    assert year["width"] < 60 < 120 < source["width"], (year, source)  # "2020" needs about 40 px
    page.close()


@pytest.mark.browser
@pytest.mark.parametrize("width", [375, 1280])
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_static_chart_is_as_wide_as_its_column(
    browser: Browser,
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


@pytest.mark.browser
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_an_indicator_page_weighs_under_100_kb_until_the_reader_asks_for_the_interactive_chart(
    browser: Browser,
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
    sizes = transferred(page)  # bytes over the wire, as the page-weight benchmark counts them
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


@pytest.mark.browser
def test_without_javascript_the_page_offers_no_dead_button(
    browser: Browser,
    server: str,  # noqa: F811
) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(server + INDICATOR.format(lang="en"))
    assert page.locator("figure.chart img").is_visible()
    assert page.locator("figure.chart .chart-interactive-button").is_hidden()
    context.close()


# A way back to the publisher (issue 17, point 2): site.toml's contact, filled in with the indicator and the page.
MESSAGE_LINES = 4  # "Page: …", "Indicator: …", a blank line, "A published source …, or what is wrong:"


def test_a_mail_and_a_form_are_filled_in_with_the_subject_and_the_words() -> None:
    subject, words = "Indicator 20, Urban–rural income ratio: a source", "Page: https://example.org/en/\n指标 & 来源?"
    kind, url, label = contact_link("mailto:data@example.org", subject, words)
    assert (kind, label) == ("mail", "data@example.org") and url.startswith("mailto:data@example.org?subject=")
    assert " " not in url and "\n" not in url and "%0D%0A" in url  # line breaks as CRLF (RFC 6068)
    query = parse_qs(urlsplit(url).query)
    assert query == {"subject": [subject], "body": [words.replace("\n", "\r\n")]}

    kind, url, label = contact_link("https://forms.example.org/new?title={subject}&text={body}", subject, words)
    assert (kind, label) == ("form", "forms.example.org")
    assert parse_qs(urlsplit(url).query) == {"title": [subject], "text": [words.replace("\n", "\r\n")]}

    assert contact_link("http://fgw.huzhou.gov.cn/", subject, words) == (
        "page",
        "http://fgw.huzhou.gov.cn/",
        "fgw.huzhou.gov.cn",
    )
    assert contact_link("", subject, words) == ("", "", "")


def _contact_section(site: Path, lang: str, indicator: str) -> tuple[BeautifulSoup, str]:
    html = BeautifulSoup(
        (site / lang / "indicators" / indicator / "index.html").read_text(encoding="utf-8"), "html.parser"
    )
    canonical = html.select_one("link[rel=canonical]")
    assert canonical is not None
    return html.select_one("section.contact"), str(canonical["href"])  # type: ignore[return-value]


def test_every_indicator_page_offers_the_sites_contact_filled_in(built_site: Path) -> None:
    """The real site's contact is the plan publisher's public page (site.toml says why): the link goes there, and
    the words to quote name the indicator and the page's address, in the page's language."""
    root = Path(__file__).resolve().parent.parent
    contact = tomllib.loads((root / "site.toml").read_text(encoding="utf-8"))["site"]["contact"]
    headings = {"zh": "提供来源或指出错误", "en": "Suggest a source or report an error"}
    for lang in languages(root):
        for row in dataset(root, "indicators"):
            section, address = _contact_section(built_site, lang, row["id"])
            assert section.h2.get_text() == headings[lang]  # type: ignore[union-attr]
            assert section.select_one("a.button")["href"] == contact  # type: ignore[index]
            words = section.select_one("textarea.contact-words").get_text()  # type: ignore[union-attr]
            name = row[f"name_{lang}"]
            assert words.splitlines()[0] == (
                f"指标{row['number']}“{name}”：提供来源或指出错误"
                if lang == "zh"
                else f"Indicator {row['number']}, {name}: a source or a correction"
            )
            assert (
                address in words.splitlines()[2] and row["id"] in words and len(words.splitlines()) >= 2 + MESSAGE_LINES
            )


@pytest.mark.parametrize("contact", ['"mailto:data@example.org"', None])
def test_a_mail_address_or_no_contact_at_all(project: Path, build_project: Any, contact: str | None) -> None:
    toml = project / "site.toml"
    text = toml.read_text(encoding="utf-8")
    line = next(line for line in text.splitlines() if line.startswith("contact = "))
    toml.write_text(text.replace(line, f"contact = {contact}" if contact else ""), encoding="utf-8")
    build_project(project, strict=True)
    for lang, lead in (("zh", "本网站没有列出联系地址。"), ("en", "This site lists no contact address.")):
        section, address = _contact_section(project / "build", lang, "urban-rural-income-ratio")
        link = section.select_one("a.button")
        if contact is None:
            assert link is None and section.select_one("#contact-words").get_text().startswith(lead)  # type: ignore[union-attr]
            continue
        assert link is not None and str(link["href"]).startswith("mailto:data@example.org?subject=")
        query = parse_qs(urlsplit(str(link["href"])).query)
        words = section.select_one("textarea.contact-words").get_text()  # type: ignore[union-attr]
        assert f"{query['subject'][0]}\n\n{query['body'][0]}".replace("\r\n", "\n") == words
        assert address in query["body"][0]


@pytest.mark.parametrize(
    ("value", "code", "zh", "en"),
    [
        (
            "data@example.org",
            "config.contact-not-an-address",
            "“data@example.org”应为 mailto: 加一个电子邮件地址（例如 mailto:data@example.org），或以 http:// 或 "
            "https:// 开头、不含空格的网址（网页或表单；表单的网址里可以写 {subject} 和 {body}，构建时填入主题和正文）",
            '"data@example.org" should be mailto: and one e-mail address (such as mailto:data@example.org), or a web '
            "address starting with http:// or https://, without spaces (a page or a form; a form's address may hold "
            "{subject} and {body}, which the build fills with the subject and the text)",
        ),
        (
            "https://forms.example.org/new?title={title}",
            "config.contact-placeholder",
            "“https://forms.example.org/new?title={title}”里的“{title}”不是构建能填写的位置：表单的网址里只能写 "
            "{subject}（主题）和 {body}（正文）",
            '"https://forms.example.org/new?title={title}": "{title}" is not a place the build can fill in: a '
            "form's address may hold only {subject} and {body}",
        ),
    ],
)
def test_a_contact_that_is_not_an_address_is_refused_with_its_key(
    built_project: Path, capsys: pytest.CaptureFixture[str], value: str, code: str, zh: str, en: str
) -> None:
    before = snapshot(built_project / "build")
    toml = built_project / "site.toml"
    text = toml.read_text(encoding="utf-8")
    line = next(line for line in text.splitlines() if line.startswith("contact = "))
    toml.write_text(text.replace(line, f'contact = "{value}"'), encoding="utf-8")
    assert main(["build", "--root", str(built_project)]) == 1
    err = capsys.readouterr().err
    assert f'✗ site.toml，键 “site.contact”：{zh}\n  site.toml, key "site.contact": {en}\n' in err, err
    assert_problem(err, code, Location("site.toml", key="site.contact"))
    assert snapshot(built_project / "build") == before
