"""End to end: the real site, built once in strict mode, checked through its parsed HTML."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from site_builder.i18n import format_quantity, written_comparator
from tests.conftest import ROOT
from tests.helpers import dataset

LANGS = {"zh": "zh-Hans", "en": "en"}
LOCALES = {"zh": "zh_Hans_CN", "en": "en"}


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def indicator_rows() -> list[dict[str, str]]:
    with (ROOT / "datasets/indicators.csv").open(encoding="utf-8-sig") as handle:
        return list(csv.DictReader(handle))


def html_pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


@pytest.mark.parametrize("lang", LANGS)
def test_one_page_per_indicator_with_baseline_and_target(built_site: Path, lang: str) -> None:
    rows = indicator_rows()
    pages = sorted((built_site / lang / "indicators").glob("*/index.html"))
    assert [p.parent.name for p in pages] == sorted(row["id"] for row in rows)
    for row in rows:
        page = soup(built_site / lang / "indicators" / row["id"] / "index.html")
        assert page.h1 is not None and page.h1.get_text(strip=True) == row[f"name_{lang}"]
        facts = page.select_one("dl.facts")
        assert facts is not None
        values = [v.get_text(strip=True) for v in facts.select(".value")]
        unit, written, locale = row[f"unit_{lang}"], row[f"target_text_{lang}"], LOCALES[lang]
        target = (
            format_quantity(float(row["target_value"]), unit, locale, None, written_comparator(written))
            if row["target_basis"] == "absolute"
            else written
        )
        assert target in values, (row["id"], values)
        if row["baseline_value"]:
            assert values[0] == format_quantity(float(row["baseline_value"]), unit, locale)
        else:
            assert facts.select_one(".no-data") is not None
        chart = page.select_one("figure.chart img")
        assert chart is not None and chart["alt"]
        assert (built_site / chart["src"].lstrip("/")).is_file()


def test_latest_value_shows_its_source_and_no_data_is_said_plainly(built_site: Path) -> None:
    ratio = soup(built_site / "en/indicators/urban-rural-income-ratio/index.html")
    facts = ratio.select_one("dl.facts")
    assert facts is not None
    text = facts.get_text(" ", strip=True)
    assert "1.61" in text and "(2022)" in text
    link = facts.select_one(".source a")
    assert link is not None and link["href"].startswith("http://www.huzhou.gov.cn/")
    rail = soup(built_site / "zh/indicators/rail-transit-length/index.html").select_one("dl.facts")
    assert rail is not None and "未找到公开发布的数值" in rail.get_text()  # what was found, not what exists


def test_every_page_has_lang_and_a_counterpart_in_the_other_language(built_site: Path) -> None:
    for lang, html_lang in LANGS.items():
        for path in html_pages(built_site / lang):
            page = soup(path)
            assert page.html is not None and page.html["lang"] == html_lang, path
            alternates = {a["hreflang"]: a["href"] for a in page.select('link[rel="alternate"][hreflang]')}
            assert set(alternates) == set(LANGS.values()), path
            switch = page.select(".language-switch a")
            assert len(switch) == 1, path
            other = next(code for code in LANGS if code != lang)
            target = built_site / switch[0]["href"].lstrip("/") / "index.html"
            assert target.is_file(), (path, switch[0]["href"])
            assert target.relative_to(built_site / other) == path.relative_to(built_site / lang)
            assert switch[0]["hreflang"] == LANGS[other]


def test_pages_at_the_design_paths(built_site: Path) -> None:
    for lang in LANGS:
        for path in (
            "index.html",
            "indicators/index.html",
            "about/index.html",
            "chapters/new-stage/index.html",
            "chapters/implementation/index.html",
        ):
            assert (built_site / lang / path).is_file()
        assert len(list((built_site / lang / "chapters").glob("*/index.html"))) == len(dataset(ROOT, "chapters"))
    assert (built_site / "index.html").is_file() and (built_site / "404.html").is_file()


def test_home_lists_all_indicators_with_baseline_latest_and_target(built_site: Path) -> None:
    for lang in LANGS:
        table = soup(built_site / lang / "index.html").select_one("table.indicator-table")
        assert table is not None
        rows = table.select("tbody tr:not(.group-row)")
        assert len(rows) == len(indicator_rows())
        listed = [[c.get_text(" ", strip=True) for c in row.select("td")] for row in rows]
        cells = next(cells for cells in listed if cells[0] == "20")  # indicator 20, wherever it is listed
        assert cells[0] == "20" and "1.61" in cells[2]
        assert cells[1] == {"zh": "1.66倍", "en": "1.66 times"}[lang]
        assert cells[3] == {"zh": "1.6倍以内", "en": "≤ 1.6 times"}[lang]


def test_table_2_1_in_chapter_two_comes_from_the_dataset(built_site: Path) -> None:
    page = soup(built_site / "zh/chapters/general-requirements/index.html")
    table = page.select_one(".prose table.indicator-table")
    assert table is not None and "表2-1" in table.caption.get_text()
    assert len(table.select("tbody tr:not(.group-row)")) == len(indicator_rows())


def test_internal_links_and_anchors_resolve(built_site: Path) -> None:
    ids: dict[Path, set[str]] = {}
    for path in html_pages(built_site):
        page = soup(path)
        for anchor in page.select("a[href^='/'], a[href^='#'], link[href^='/'], img[src^='/']"):
            ref, _, fragment = str(anchor.get("href") or anchor.get("src")).partition("#")
            target = built_site / ref.lstrip("/") if ref else path
            if target.is_dir():
                target = target / "index.html"
            assert target.is_file(), (path, ref)
            if fragment:
                if target not in ids:
                    ids[target] = {str(tag["id"]) for tag in soup(target).select("[id]")}
                assert fragment in ids[target], (path, ref, fragment)


def test_no_third_party_assets(built_site: Path) -> None:
    for path in html_pages(built_site):
        page = soup(path)
        for tag in page.select("script[src], link[href], img[src]"):
            ref = str(tag.get("src") or tag.get("href"))
            if tag.name == "link" and tag.get("rel") in (["canonical"], ["alternate"]):
                continue
            assert ref.startswith("/"), (path, ref)


def test_scripts_are_only_self_hosted_files_and_only_where_they_enhance(built_site: Path) -> None:
    """No inline script or event handler (a strict Content-Security-Policy holds); pages read without JavaScript.
    The only other script element is JSON-LD, which is data and never runs."""
    for path in html_pages(built_site):
        page = soup(path)
        for data in page.select('script[type="application/ld+json"]'):
            assert json.loads(data.get_text())["@type"] == "Dataset"
            data.decompose()
        for data in page.select('figure.chart > script[type="application/json"]'):  # the interactive chart's spec
            assert "<" not in data.get_text() and json.loads(data.get_text())["layer"]
            data.decompose()
        for script in page.select("script"):
            assert script.get("src", "").startswith("/assets/") and not script.get_text().strip(), path
        assert not [t for t in page.find_all(True) if any(a.startswith("on") for a in t.attrs)], path
        kinds = {s["src"] for s in page.select("script")}
        if path.parent.name == "embed":  # shown in other sites' frames: no script at all
            assert kinds == set(), path
        elif "/indicators/" in str(path) and path.parent.name != "indicators":
            # No Vega bundle in the page: charts.js loads it when the reader asks for the interactive chart.
            assert kinds == {"/assets/charts.js", "/assets/cite.js"}, path
        elif path.parent.name == "progress":
            assert kinds == {"/assets/sort-table.js"}, path
        elif path.parent.name == "search":
            assert kinds == {"/assets/search.js"}, path
        elif path.parent.name == "data":
            assert kinds == {"/assets/cite.js"}, path
        else:
            assert kinds == set(), path


def commitment_rows() -> list[dict[str, str]]:
    with (ROOT / "datasets/commitments.csv").open(encoding="utf-8-sig") as handle:
        return list(csv.DictReader(handle))


@pytest.mark.parametrize("lang", LANGS)
def test_every_commitment_is_marked_in_its_chapter_and_listed(built_site: Path, lang: str) -> None:
    rows = commitment_rows()
    assert len(rows) >= 50
    listing = soup(built_site / lang / "commitments/index.html")
    entries = listing.select("li.commitment-entry h3.clause")
    assert [e["id"] for e in entries] == [r["id"] for r in rows]
    for row in rows:
        chapter = soup(built_site / lang / "chapters" / row["chapter_id"] / "index.html")
        mark = chapter.select_one(f"a.commitment#commitment-{row['id']}")
        assert mark is not None, (lang, row["id"])
        assert mark.get_text() == row[f"clause_{lang}"]
        assert mark["href"] == f"/{lang}/commitments/#{row['id']}"
        if row["section"]:
            heading = chapter.select_one(f"h2#{row['section']}")
            assert heading is not None and mark.find_previous("h2") == heading, (lang, row["id"])


@pytest.mark.parametrize("lang", LANGS)
def test_glossary_page_lists_every_term(built_site: Path, lang: str) -> None:
    with (ROOT / "datasets/glossary.csv").open(encoding="utf-8-sig") as handle:
        terms = list(csv.DictReader(handle))
    rows = soup(built_site / lang / "glossary/index.html").select("table.glossary tbody tr")
    assert [r["id"] for r in rows] == [t["id"] for t in terms]
    for row, term in zip(rows, terms, strict=True):
        assert row.th is not None and row.th.get_text() == term["term_zh"] and row.th["lang"] == "zh-Hans"


def test_indicator_pages_link_to_the_sections_that_discuss_them(built_site: Path) -> None:
    with (ROOT / "datasets/indicator_sections.csv").open(encoding="utf-8-sig") as handle:
        expected: dict[str, set[str]] = {}
        for row in csv.DictReader(handle):
            expected.setdefault(row["indicator_id"], set()).add(f"/en/chapters/{row['chapter_id']}/#{row['section']}")
    assert set(expected) == {row["id"] for row in indicator_rows()}  # each is discussed somewhere
    for indicator_id, links in expected.items():
        page = soup(built_site / "en/indicators" / indicator_id / "index.html")
        assert {a["href"] for a in page.select("ul.related a")} == links


def test_the_real_site_says_plainly_which_indicators_have_no_data_since_2020(built_site: Path) -> None:
    with (ROOT / "datasets/observations.csv").open(encoding="utf-8-sig") as handle:
        updated = {row["indicator_id"] for row in csv.DictReader(handle) if int(row["year"]) > 2020}
    without = {row["id"] for row in indicator_rows() if row["id"] not in updated and row["baseline_value"]}
    assert without  # or the test would check nothing
    for lang, label in (("zh", "基期以来无数据"), ("en", "No data since baseline")):
        rows = soup(built_site / lang / "progress/index.html").select("table.status-table tbody tr")
        flagged = {
            r.th.a["href"].split("/")[-2] for r in rows if r.select_one(".badge").get_text(strip=True).endswith(label)
        }
        assert flagged == without
        for indicator_id in without:
            badge = soup(built_site / lang / "indicators" / indicator_id / "index.html").select_one("p.status .badge")
            assert badge is not None and badge.get_text(strip=True).endswith(label)


def test_links_to_other_hosts_do_not_give_them_a_handle(built_site: Path) -> None:
    for path in html_pages(built_site):
        for link in soup(path).select("a[href^='http' i], a[href^='//']"):
            assert "noopener" in (link.get("rel") or []), (path, link["href"])


def test_every_page_has_its_own_title_and_description(built_site: Path) -> None:
    for lang in LANGS:
        seen: dict[str, Path] = {}
        for path in html_pages(built_site / lang):
            page = soup(path)
            title = page.title.get_text() if page.title else ""
            assert title and title not in seen, (path, seen.get(title))
            seen[title] = path
            description = page.select_one('meta[name="description"]')
            assert description is not None and description["content"], path
