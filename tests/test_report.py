"""The assessment report: /zh/report/ and /en/report/, and its PDF in each language under /downloads/ (typeset by
WeasyPrint from the page, cached by the hash of its inputs, reading nothing outside the output)."""

from __future__ import annotations

import functools
import io
import json
import re
import shutil
import threading
import tomllib
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup
from playwright.sync_api import Browser
from pypdf import PdfReader

from site_builder.build import build
from site_builder.i18n import format_quantity
from site_builder.inputs.catalogs import load_translations
from site_builder.opendata import report_pdf
from site_builder.pages import report
from site_builder.pages.wording import status_label, summary_label
from tests.conftest import ROOT, quiet
from tests.helpers import dataset

LOCALES = {"zh": "zh_Hans_CN", "en": "en"}
BASE = urlsplit(tomllib.loads((ROOT / "site.toml").read_text(encoding="utf-8"))["site"]["base_url"]).path
FIXTURE = ROOT / "tests/fixtures/progress-site"


def squeezed(text: str) -> str:
    """Text without any white space: a PDF's text breaks lines (and Chinese names) wherever the page wraps them."""
    return re.sub(r"\s+", "", text)


def pdf_text(path: Path) -> tuple[int, str]:
    reader = PdfReader(io.BytesIO(path.read_bytes()))
    return len(reader.pages), squeezed("".join(page.extract_text() for page in reader.pages))


def words(lang: str):  # type: ignore[no-untyped-def]
    translations, _ = load_translations(ROOT, ROOT / "themes/default", LOCALES[lang])
    return translations.gettext


def sections_by_indicator(text: str, lang: str, api: list[dict[str, object]]) -> dict[str, str]:
    """Each indicator's part of the PDF's text: from its heading ("Indicator 4 · …") to the next indicator's."""
    _ = words(lang)
    starts = []
    for item in api:
        name = item["name"][lang]  # type: ignore[index]
        heading = squeezed(_("Indicator %(number)s") % {"number": item["number"]} + " · " + name)
        assert heading in text, f"{lang}: no heading {heading!r} in the PDF"
        starts.append((text.index(heading), str(item["id"])))
    starts.sort()
    ends = [start for start, _ in starts[1:]] + [len(text)]
    return {key: text[start:end] for (start, key), end in zip(starts, ends, strict=True)}


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_pdf_names_every_indicator_with_its_status_and_the_api_numbers(built_site: Path, lang: str) -> None:
    pages, text = pdf_text(built_site / f"downloads/report-{lang}.pdf")
    api = json.loads((built_site / "api/v1/indicators.json").read_text(encoding="utf-8"))
    assert 10 <= pages <= 80, pages  # a cover, contents, summary, two indicators a page, commitments, method…
    _ = words(lang)
    decimals = {row["id"]: int(row["decimals"]) for row in dataset(ROOT, "indicators")}
    parts = sections_by_indicator(text, lang, api)
    for item in api:
        part = parts[item["id"]]
        assert squeezed(status_label(item["judgement"]["status"], _)) in part, (item["id"], part[:300])
        latest = item["latest"]
        if latest is not None:  # the value the API gives, written as every page writes it, with its year
            shown = format_quantity(latest["value"], item["unit"][lang], LOCALES[lang], decimals[item["id"]])
            assert squeezed(f"{shown} ({latest['year']})") in part, (item["id"], shown, part[:300])
        record = json.loads((built_site / str(item["url"]).lstrip("/")).read_text(encoding="utf-8"))
        baseline = record["baseline"]
        if baseline is not None and baseline["value"] is not None:  # as the plan wrote it
            shown = format_quantity(baseline["value"], item["unit"][lang], LOCALES[lang])
            assert squeezed(shown) in part, (item["id"], shown, part[:300])
    # the summary's counts are the API's statuses counted by summary
    for summary in ("achieved", "on_track", "behind", "no_data"):
        count = sum(1 for item in api if item["summary"] == summary)
        assert f"{count}{squeezed(summary_label(summary, _))}" in text, (summary, count)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_report_page_has_the_api_counts_and_links_its_pdfs(built_site: Path, lang: str) -> None:
    html = (built_site / f"{lang}/report/index.html").read_text(encoding="utf-8")
    soup = BeautifulSoup(html, "html.parser")
    api = json.loads((built_site / "api/v1/indicators.json").read_text(encoding="utf-8"))
    totals = {
        li["class"][1].removeprefix("total-"): int(li.select_one(".total-count").get_text())
        for li in soup.select(".report-part .totals .total")
    }
    assert totals == {
        s: sum(1 for i in api if i["summary"] == s) for s in ("achieved", "on_track", "behind", "no_data")
    }
    pdfs = [a["href"] for a in soup.select(".report-files a")]
    assert pdfs == [f"{BASE}downloads/report-zh.pdf", f"{BASE}downloads/report-en.pdf"]
    assert len(soup.select(".report-indicator")) == len(api)
    assert soup.h1 is not None and soup.h1.get_text() == words(lang)("Final assessment of the plan")
    method = BeautifulSoup((built_site / f"{lang}/methodology/index.html").read_text(encoding="utf-8"), "html.parser")
    assert {f"{BASE}{lang}/report/", f"{BASE}downloads/report-{lang}.pdf"} <= {
        a["href"] for a in method.select("main a")
    }
    progress = BeautifulSoup((built_site / f"{lang}/progress/index.html").read_text(encoding="utf-8"), "html.parser")
    assert f"{BASE}{lang}/report/" in {a["href"] for a in progress.select("main a")}


def fixture_site(root: Path, assessment_year: int) -> Path:
    """The fixture site that reaches every status (targets in 2025 and 2030), with this repository's schemas, SQL,
    theme, method page and site.toml, its assessment year set."""
    config = (ROOT / "site.toml").read_text(encoding="utf-8")
    (root / "site.toml").parent.mkdir(parents=True)
    (root / "site.toml").write_text(
        re.sub(r"^assessment_year = \d+", f"assessment_year = {assessment_year}", config, flags=re.M),
        encoding="utf-8",
    )
    shutil.copytree(ROOT / "themes", root / "themes")
    shutil.copytree(FIXTURE / "content", root / "content")
    for lang in ("zh", "en"):
        shutil.copy2(ROOT / f"content/{lang}/methodology.md", root / f"content/{lang}/methodology.md")
    shutil.copytree(FIXTURE / "datasets", root / "datasets")
    shutil.copy2(ROOT / "datasets/datapackage.json", root / "datasets/datapackage.json")
    shutil.copytree(ROOT / "datasets/sql", root / "datasets/sql")
    return root


@pytest.mark.e2e
@pytest.mark.parametrize(
    ("year", "title"), [(2026, "Mid-term assessment of the plan"), (2030, "Final assessment of the plan")]
)
def test_the_title_follows_the_assessment_year(tmp_path: Path, year: int, title: str) -> None:
    """The fixture's last targets fall in 2030: judged in 2026 it is a mid-term report, from 2030 on the final one."""
    root = fixture_site(tmp_path / "site", year)
    build(root, root / "build", strict=True, progress=quiet)
    for lang in ("zh", "en"):
        expected = words(lang)(title)
        soup = BeautifulSoup((root / f"build/{lang}/report/index.html").read_text(encoding="utf-8"), "html.parser")
        assert soup.h1 is not None and soup.h1.get_text() == expected
        assert soup.title is not None and soup.title.get_text().startswith(expected)
        pages, text = pdf_text(root / f"build/downloads/report-{lang}.pdf")
        assert squeezed(expected) in text
        assert pages >= 5
        assert PdfReader(root / f"build/downloads/report-{lang}.pdf").metadata.title.startswith(expected)
    other = "Final assessment of the plan" if year < 2030 else "Mid-term assessment of the plan"
    assert squeezed(words("en")(other)) not in pdf_text(root / "build/downloads/report-en.pdf")[1]


@pytest.mark.e2e
def test_a_site_with_more_indicators_than_the_report_lists_gets_their_counts(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A report is to read and print: past `report.LISTED` indicators (the synthetic sites of 10,000) it gives each
    group's counts and the indicators page, not a page per indicator."""
    monkeypatch.setattr(report, "LISTED", 5)  # the fixture has 11
    root = fixture_site(tmp_path / "site", 2026)
    build(root, root / "build", strict=True, progress=quiet)
    soup = BeautifulSoup((root / "build/en/report/index.html").read_text(encoding="utf-8"), "html.parser")
    assert soup.select(".report-indicator") == [] and soup.select(".report-unknown") == []
    categories = dataset(root, "categories")
    links = [a["href"] for a in soup.select("#report-indicators ~ section a")]
    assert links == [f"{BASE}en/indicators/"] * len(categories)
    assert soup.select(".report-part .totals .total-count")  # the counts are there
    pages, text = pdf_text(root / "build/downloads/report-en.pdf")
    assert pages >= 3 and squeezed(words("en")("Mid-term assessment of the plan")) in text


def small_output(folder: Path, css: str = "p { color: #123456 }", image: str = "/chart.svg") -> Path:
    (folder / "page").mkdir(parents=True)
    (folder / "style.css").write_text(css, encoding="utf-8")
    (folder / "chart.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20"><rect width="40" height="20"/></svg>',
        encoding="utf-8",
    )
    html = (
        '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>T</title>'
        '<link rel="stylesheet" href="/style.css"></head>'
        f'<body><p>Report 湖州</p><img src="{image}" alt="chart"></body></html>'
    )
    (folder / "page/index.html").write_text(html, encoding="utf-8")
    return folder


SITE = "https://example.org/"


def typeset(folder: Path, kept: Path) -> bytes:
    html = (folder / "page/index.html").read_bytes()
    return report_pdf.typeset(html, folder, SITE + "page/", SITE, kept)


def test_the_pdf_is_the_same_bytes_every_time_and_is_cached_by_what_it_read(tmp_path: Path) -> None:
    folder = small_output(tmp_path / "out")
    first = typeset(folder, tmp_path / "cache-1")
    assert first == typeset(folder, tmp_path / "cache-2")  # no date, a fixed identifier: reproducible
    assert b"/CreationDate" not in first and b"/ModDate" not in first
    cached = sorted(p.name for p in (tmp_path / "cache-1").iterdir())
    assert len(cached) == 2  # the PDF, and the list of files it read
    assert json.loads(next((tmp_path / "cache-1").glob("*.json")).read_text()) == ["chart.svg", "style.css"]
    assert typeset(folder, tmp_path / "cache-1") == first
    assert sorted(p.name for p in (tmp_path / "cache-1").iterdir()) == cached  # read from the cache
    (folder / "style.css").write_text("p { color: #654321 }", encoding="utf-8")  # a file it read changed
    changed = typeset(folder, tmp_path / "cache-1")
    assert changed != first
    assert len(list((tmp_path / "cache-1").glob("*.pdf"))) == 2


@pytest.mark.parametrize(
    "image",
    ["http://127.0.0.1:9/secret.png", "file:///etc/hostname", "https://example.org/../../etc/hostname"],
)
def test_the_pdf_reads_nothing_outside_the_output(tmp_path: Path, image: str) -> None:
    folder = small_output(tmp_path / "out", image=image)
    with pytest.raises(RuntimeError, match="outside the output"):
        typeset(folder, tmp_path / "cache")
    assert not (tmp_path / "cache").exists()


@pytest.mark.browser
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_page_is_accessible_and_prints_cleanly_from_a_browser(
    built_site: Path, tmp_path: Path, browser: Browser, lang: str
) -> None:
    """axe-core finds no serious problem; Chromium's print of the page is the report alone (no navigation, no
    footer), page after page."""
    from tests.test_browser import _QuietHandler, _Server, serious_accessibility_problems

    handler = functools.partial(_QuietHandler, directory=str(built_site))
    httpd = _Server(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    _ = words(lang)
    try:
        page = browser.new_page()
        errors: list[str] = []
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.goto(f"http://127.0.0.1:{httpd.server_address[1]}/{lang}/report/")
        assert serious_accessibility_problems(page) == []
        assert errors == []
        printed = tmp_path / "printed.pdf"
        page.pdf(path=str(printed), format="A4", print_background=True)
        page.close()
    finally:
        httpd.shutdown()
    pages, text = pdf_text(printed)
    assert pages >= 10
    assert squeezed(_("Final assessment of the plan")) in text
    for chrome in (_("Skip to main content"), _("Data licence:"), _("Search")):
        assert squeezed(chrome) not in text, chrome
